//! Orthographic normalisation of Arabic tokens.
//!
//! Normalisation never touches the document text: it writes a token's normalised form
//! into a separate buffer together with an alignment (for each normalised character,
//! the offset of the source character it came from), so that any boundary found in the
//! normalised form (a clitic, a stem) maps back to an exact span of the original.

use super::chars::{classify, digit_value, CharClass};

/// Which foldings `norm` applies. All are on by default except `teh_marbuta`, which
/// merges two letters readers distinguish (ة/ه) and is off unless asked for; the
/// search stem always folds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NormalizeOptions {
    /// أ إ آ ٱ → ا
    pub alef: bool,
    /// ى → ي
    pub yeh: bool,
    /// ة → ه
    pub teh_marbuta: bool,
    /// Remove harakat, tanwin, shadda, sukun, dagger alef and Quranic marks.
    pub diacritics: bool,
    /// Remove tatweel ـ
    pub tatweel: bool,
    /// Arabic-Indic and Persian digits → ASCII.
    pub digits: bool,
    /// Presentation forms (U+FB50–FDFF, U+FE70–FEFF) → base letters.
    pub presentation_forms: bool,
    /// Drop zero-width joiners and bidi/format controls.
    pub controls: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            alef: true,
            yeh: true,
            teh_marbuta: false,
            diacritics: true,
            tatweel: true,
            digits: true,
            presentation_forms: true,
            controls: true,
        }
    }
}

impl NormalizeOptions {
    /// The folding used for lexicon look-ups and search stems: everything on.
    pub fn search() -> Self {
        NormalizeOptions { teh_marbuta: true, ..Self::default() }
    }
}

/// Appends the normalised form of `src` to `out`. For every char pushed, pushes to
/// `align` the code-point offset (within `src`) of the source char it came from.
pub fn normalize_into(src: &str, opts: &NormalizeOptions, out: &mut String, align: &mut Vec<u32>) {
    normalize_with(src, opts, out, align)
}

/// Appends the normalised form of `src` to `out`, keeping no alignment.
pub fn normalize_append(src: &str, opts: &NormalizeOptions, out: &mut String) {
    normalize_with(src, opts, out, &mut NoAlign)
}

/// Where alignment entries go (nowhere, when the caller does not need them).
trait AlignSink {
    fn push(&mut self, i: u32);
}

impl AlignSink for Vec<u32> {
    #[inline(always)]
    fn push(&mut self, i: u32) {
        Vec::push(self, i)
    }
}

struct NoAlign;

impl AlignSink for NoAlign {
    #[inline(always)]
    fn push(&mut self, _: u32) {}
}

#[inline(always)]
fn normalize_with(src: &str, opts: &NormalizeOptions, out: &mut String, align: &mut impl AlignSink) {
    for (i, c) in src.chars().enumerate() {
        let i = i as u32;
        match fold_char(c, opts) {
            Folded::Drop => {}
            Folded::One(f) => {
                out.push(f);
                align.push(i);
            }
            Folded::Many => {
                for f in presentation_form(c) {
                    if let Folded::One(g) = fold_char(f, opts) {
                        out.push(g);
                        align.push(i);
                    }
                }
            }
        }
    }
}

/// Normalises a whole string (no alignment kept). Convenience for look-ups and tests.
pub fn normalize(src: &str, opts: &NormalizeOptions) -> String {
    let mut out = String::with_capacity(src.len());
    normalize_append(src, opts, &mut out);
    out
}

enum Folded {
    Drop,
    One(char),
    Many,
}

#[inline(always)]
fn fold_char(c: char, o: &NormalizeOptions) -> Folded {
    let u = c as u32;
    if u < 0x80 {
        return Folded::One(c);
    }
    // Fast path: Arabic base letters that no option folds.
    if (0x0624..=0x064A).contains(&u) && !matches!(u, 0x0625 | 0x0629 | 0x0640 | 0x0649) && !(0x063B..=0x063F).contains(&u) {
        return Folded::One(c);
    }
    match c {
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' | '\u{0672}' | '\u{0673}' if o.alef => Folded::One('\u{0627}'),
        '\u{0649}' if o.yeh => Folded::One('\u{064A}'),
        '\u{06CC}' | '\u{06D2}' if o.yeh => Folded::One('\u{064A}'), // Persian/Urdu yeh
        '\u{06A9}' if o.yeh => Folded::One('\u{0643}'),               // keheh → kaf
        '\u{0629}' if o.teh_marbuta => Folded::One('\u{0647}'),
        '\u{0640}' if o.tatweel => Folded::Drop,
        _ => match classify(c) {
            CharClass::ArabicMark if o.diacritics => Folded::Drop,
            CharClass::Joiner | CharClass::Control if o.controls => Folded::Drop,
            CharClass::Digit if o.digits => match digit_value(c) {
                Some(d) => Folded::One(char::from(b'0' + d as u8)),
                None => Folded::One(c),
            },
            CharClass::ArabicLetter if o.presentation_forms && (0xFB50..=0xFEFF).contains(&u) => Folded::Many,
            _ => match c {
                '\u{066B}' if o.digits => Folded::One('.'),
                '\u{066C}' if o.digits => Folded::One(','),
                '\u{066A}' if o.digits => Folded::One('%'),
                _ => Folded::One(c),
            },
        },
    }
}

/// The compatibility decomposition of a presentation-form character (its base letters).
fn presentation_form(c: char) -> impl Iterator<Item = char> {
    use unicode_normalization::UnicodeNormalization;
    std::iter::once(c).nfkc().filter(|&f| f != ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s, &NormalizeOptions::default())
    }

    #[test]
    fn folds_alef_yeh_and_strips_marks() {
        assert_eq!(n("أإآٱ"), "اااا");
        assert_eq!(n("مستشفى"), "مستشفي");
        assert_eq!(n("مُجدَّداً"), "مجددا");
        assert_eq!(n("وجيييــــه"), "وجيييه");
        assert_eq!(n("مدرسة"), "مدرسة");
        assert_eq!(normalize("مدرسة", &NormalizeOptions::search()), "مدرسه");
    }

    #[test]
    fn folds_digits_and_presentation_forms() {
        assert_eq!(n("٢٠١٥"), "2015");
        assert_eq!(n("۱۲"), "12");
        assert_eq!(n("٣٫٥"), "3.5");
        assert_eq!(n("ﻻ"), "لا");
        assert_eq!(n("ﺑﺴﻢ"), "بسم");
    }

    #[test]
    fn drops_invisible_controls() {
        assert_eq!(n("عر\u{200C}بي\u{200F}"), "عربي");
    }

    #[test]
    fn alignment_points_at_source_chars() {
        let mut out = String::new();
        let mut align = Vec::new();
        normalize_into("بِالـﻻ", &NormalizeOptions::default(), &mut out, &mut align);
        assert_eq!(out, "باللا");
        // ب(0) ِ(1 dropped) ا(2) ل(3) ـ(4 dropped) ﻻ(5 → ل ا)
        assert_eq!(align, vec![0, 2, 3, 5, 5]);
    }
}
