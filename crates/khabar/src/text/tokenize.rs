//! Tokenisation of real Arabic news text.
//!
//! One left-to-right pass over the bytes, deciding at each token start what kind of
//! token begins there (word, number, Latin word, URL, e-mail, hashtag, mention,
//! punctuation, symbol) and scanning to its end. Tokens are byte ranges into the text;
//! nothing is allocated per token.

use super::chars::{classify, CharClass};
use crate::doc::TokenKind;

/// A token as a byte range of the text it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// An Arabic word of letters and marks only (no dotted abbreviation): the words the
    /// segmenter works on.
    pub arabic: bool,
}

/// Splits `text` into tokens, appending them to `out` in order. Whitespace and
/// invisible controls between tokens are skipped; tokens never overlap.
pub fn tokenize_into(text: &str, out: &mut Vec<RawToken>) {
    let s = Scanner { text, bytes: text.as_bytes() };
    let mut i = 0;
    while i < s.bytes.len() {
        let b = s.bytes[i];
        if b == b' ' || b == b'\n' || b == b'\r' || b == b'\t' {
            i += 1;
            continue;
        }
        let (c, len) = s.char_at(i);
        let (end, kind) = match classify(c) {
            CharClass::Space | CharClass::Control | CharClass::Joiner => {
                i += len;
                continue;
            }
            CharClass::ArabicLetter | CharClass::ArabicMark => s.arabic_word(i),
            // A tatweel not after a letter is a dash (`ـ أو`), not elongation.
            CharClass::Tatweel => (s.run_of(i, c), TokenKind::Punct),
            CharClass::Digit => match s.email(i) {
                Some(e) => (e, TokenKind::Email),
                None => s.number(i),
            },
            CharClass::LatinLetter => s.latin(i),
            CharClass::OtherLetter | CharClass::OtherMark => (s.other_word(i), TokenKind::Word),
            CharClass::Punct => s.punct(i, c, len),
            CharClass::Symbol => (i + len, TokenKind::Symbol),
        };
        debug_assert!(end > i);
        let arabic = kind == TokenKind::Word
            && matches!(classify(c), CharClass::ArabicLetter | CharClass::ArabicMark)
            && !s.bytes[i..end].contains(&b'.');
        out.push(RawToken { start: i, end, kind, arabic });
        i = end;
    }
}

/// Convenience: the tokens of `text` as a new vector.
pub fn tokenize(text: &str) -> Vec<RawToken> {
    let mut v = Vec::with_capacity(text.len() / 6);
    tokenize_into(text, &mut v);
    v
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
}

impl<'a> Scanner<'a> {
    /// The char starting at byte `i` (a char boundary) and its UTF-8 length.
    #[inline]
    fn char_at(&self, i: usize) -> (char, usize) {
        let b = self.bytes[i];
        if b < 0x80 {
            return (b as char, 1);
        }
        // Two-byte sequences cover the whole Arabic block: decode them inline.
        if b & 0xE0 == 0xC0 {
            let c = ((b as u32 & 0x1F) << 6) | (self.bytes[i + 1] as u32 & 0x3F);
            // SAFETY-free: `from_u32` on a valid two-byte decode always succeeds.
            return (char::from_u32(c).unwrap_or('\u{FFFD}'), 2);
        }
        let c = self.text[i..].chars().next().unwrap_or('\u{FFFD}');
        (c, c.len_utf8())
    }

    #[inline]
    fn peek(&self, i: usize) -> Option<(char, usize)> {
        (i < self.bytes.len()).then(|| self.char_at(i))
    }

    fn next_is_arabic_letter(&self, mut i: usize) -> bool {
        while let Some((c, l)) = self.peek(i) {
            match classify(c) {
                CharClass::Tatweel | CharClass::ArabicMark => i += l,
                CharClass::ArabicLetter => return true,
                _ => return false,
            }
        }
        false
    }

    /// End of a run of the same char `c` starting at `i`.
    fn run_of(&self, mut i: usize, c: char) -> usize {
        while let Some((d, l)) = self.peek(i) {
            if d != c {
                break;
            }
            i += l;
        }
        i
    }

    /// An Arabic word: letters, marks, joiners and inner tatweels. Trailing tatweels
    /// (used as dashes) are left for a punctuation token. A run of single letters
    /// joined by dots (`أ.ف.ب`) is one abbreviation token.
    fn arabic_word(&self, start: usize) -> (usize, TokenKind) {
        let mut i = start;
        let mut end_letter = start; // end of the last letter or mark
        let mut letters = 0;
        while let Some((c, l)) = self.peek(i) {
            match classify(c) {
                CharClass::ArabicLetter => {
                    letters += 1;
                    i += l;
                    end_letter = i;
                }
                CharClass::ArabicMark => {
                    i += l;
                    end_letter = i;
                }
                CharClass::Tatweel | CharClass::Joiner => i += l,
                _ => break,
            }
        }
        // Only tatweels/joiners cannot happen from tokenize_into, but stay total.
        let mut end = if end_letter == start { i } else { end_letter };
        if letters == 1 {
            end = self.dotted_abbreviation(end);
        }
        (end, TokenKind::Word)
    }

    /// Extends a one-letter word over `.X.Y.` where each X is a single Arabic letter.
    fn dotted_abbreviation(&self, mut end: usize) -> usize {
        let mut parts = 1;
        loop {
            if self.bytes.get(end) != Some(&b'.') {
                break;
            }
            match self.single_arabic_letter(end + 1) {
                Some(e) => {
                    end = e;
                    parts += 1;
                }
                None => break,
            }
        }
        if parts > 1 && self.bytes.get(end) == Some(&b'.') && !self.next_is_arabic_letter(end + 1) {
            // `أ.ف.ب.`: the final dot belongs to the abbreviation when no letter follows.
            end += 1;
        }
        end
    }

    /// If one Arabic letter (with its marks) starts at `i` and no letter follows, its end.
    fn single_arabic_letter(&self, i: usize) -> Option<usize> {
        let (c, l) = self.peek(i)?;
        if classify(c) != CharClass::ArabicLetter {
            return None;
        }
        let mut j = i + l;
        while let Some((d, m)) = self.peek(j) {
            match classify(d) {
                CharClass::ArabicMark => j += m,
                CharClass::ArabicLetter | CharClass::Tatweel => return None,
                _ => break,
            }
        }
        Some(j)
    }

    /// Digits with inner separators (`1,200.5`, `٣٫٥`, `2015/07/21`, `10:30`). A percent
    /// sign or a range dash after it is a token of its own, as in UD's tokenisation.
    fn number(&self, start: usize) -> (usize, TokenKind) {
        let mut i = self.digits(start);
        while let Some(('.' | ',' | '/' | ':' | '\u{066B}' | '\u{066C}', l)) = self.peek(i) {
            match self.peek(i + l) {
                Some((d, _)) if classify(d) == CharClass::Digit => i = self.digits(i + l),
                _ => break,
            }
        }
        (i, TokenKind::Number)
    }

    fn digits(&self, mut i: usize) -> usize {
        while let Some((c, l)) = self.peek(i) {
            if classify(c) != CharClass::Digit {
                break;
            }
            i += l;
        }
        i
    }

    /// A Latin word, or a URL / e-mail / dotted abbreviation (`U.S.`) starting with one.
    fn latin(&self, start: usize) -> (usize, TokenKind) {
        if let Some(e) = self.url(start) {
            return (e, TokenKind::Url);
        }
        if let Some(e) = self.email(start) {
            return (e, TokenKind::Email);
        }
        let mut i = start;
        let mut letters = 0;
        while let Some((c, l)) = self.peek(i) {
            match classify(c) {
                CharClass::LatinLetter => {
                    letters += 1;
                    i += l
                }
                CharClass::Digit if c.is_ascii_digit() => {
                    letters += 1;
                    i += l
                }
                CharClass::OtherMark => i += l,
                _ if (c == '\'' || c == '\u{2019}') && letters > 0 => match self.peek(i + l) {
                    Some((d, _)) if classify(d) == CharClass::LatinLetter => i += l,
                    _ => break,
                },
                _ => break,
            }
        }
        if letters == 1 && self.bytes.get(i) == Some(&b'.') {
            // U.S. / a.m.: single letters each followed by a dot.
            let mut j = i + 1;
            let mut parts = 1;
            while let Some((c, l)) = self.peek(j) {
                if classify(c) == CharClass::LatinLetter && self.bytes.get(j + l) == Some(&b'.') {
                    j += l + 1;
                    parts += 1;
                } else {
                    break;
                }
            }
            if parts > 1 {
                return (j, TokenKind::Latin);
            }
        }
        (i, TokenKind::Latin)
    }

    fn url(&self, start: usize) -> Option<usize> {
        let rest = &self.bytes[start..];
        let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
            return None;
        }
        let mut i = start;
        while let Some((c, l)) = self.peek(i) {
            match classify(c) {
                CharClass::Space | CharClass::Control => break,
                _ if matches!(c, '"' | '<' | '>' | '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{060C}') => break,
                _ => i += l,
            }
        }
        // Sentence punctuation right after a URL is not part of it.
        while i > start {
            let last = self.bytes[i - 1];
            if matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'\'') {
                i -= 1;
            } else {
                break;
            }
        }
        (i > start + 4).then_some(i)
    }

    fn email(&self, start: usize) -> Option<usize> {
        let local_ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
        let mut i = start;
        while i < self.bytes.len() && local_ok(self.bytes[i]) {
            i += 1;
        }
        if i == start || self.bytes.get(i) != Some(&b'@') {
            return None;
        }
        let dom_start = i + 1;
        let mut j = dom_start;
        while j < self.bytes.len() && (self.bytes[j].is_ascii_alphanumeric() || matches!(self.bytes[j], b'.' | b'-')) {
            j += 1;
        }
        while j > dom_start && matches!(self.bytes[j - 1], b'.' | b'-') {
            j -= 1;
        }
        let domain = &self.bytes[dom_start..j];
        let dot = domain.iter().rposition(|&b| b == b'.')?;
        (dot > 0 && domain[dot + 1..].iter().all(|b| b.is_ascii_alphabetic()) && domain.len() - dot > 2).then_some(j)
    }

    fn other_word(&self, mut i: usize) -> usize {
        while let Some((c, l)) = self.peek(i) {
            match classify(c) {
                CharClass::OtherLetter | CharClass::OtherMark | CharClass::Joiner => i += l,
                _ => break,
            }
        }
        i
    }

    /// Hashtags and mentions start with punctuation; runs of `.`, `!`, `?`, `؟` are one
    /// token (`...`, `!!`); any other punctuation char is a token of its own.
    fn punct(&self, start: usize, c: char, len: usize) -> (usize, TokenKind) {
        match c {
            '#' => {
                let e = self.tag_body(start + len);
                if e > start + len {
                    return (e, TokenKind::Hashtag);
                }
            }
            '@' => {
                let mut e = start + 1;
                while e < self.bytes.len() && (self.bytes[e].is_ascii_alphanumeric() || self.bytes[e] == b'_') {
                    e += 1;
                }
                if e > start + 1 {
                    return (e, TokenKind::Mention);
                }
            }
            '.' | '!' | '?' | '\u{061F}' => return (self.run_of(start, c), TokenKind::Punct),
            _ => {}
        }
        (start + len, TokenKind::Punct)
    }

    fn tag_body(&self, mut i: usize) -> usize {
        while let Some((c, l)) = self.peek(i) {
            match classify(c) {
                CharClass::ArabicLetter
                | CharClass::ArabicMark
                | CharClass::Tatweel
                | CharClass::LatinLetter
                | CharClass::OtherLetter
                | CharClass::Digit
                | CharClass::Joiner => i += l,
                _ if c == '_' => i += l,
                _ => break,
            }
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn toks(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s).into_iter().map(|t| (&s[t.start..t.end], t.kind)).collect()
    }

    #[test]
    fn arabic_words_and_punctuation() {
        assert_eq!(
            toks("قال: «نعم»، وأكد؟!"),
            vec![("قال", Word), (":", Punct), ("«", Punct), ("نعم", Word), ("»", Punct), ("،", Punct), ("وأكد", Word), ("؟", Punct), ("!", Punct)]
        );
    }

    #[test]
    fn numbers_dates_percentages() {
        assert_eq!(
            toks("ارتفع 3.5% إلى ١٬٢٠٠٫٥ في 2015/07/21 الساعة 10:30 و٢٥٪"),
            vec![
                ("ارتفع", Word), ("3.5", Number), ("%", Punct), ("إلى", Word), ("١٬٢٠٠٫٥", Number), ("في", Word),
                ("2015/07/21", Number), ("الساعة", Word), ("10:30", Number), ("و", Word), ("٢٥", Number), ("٪", Symbol)
            ]
        );
        assert_eq!(toks("عام 2015."), vec![("عام", Word), ("2015", Number), (".", Punct)]);
    }

    #[test]
    fn urls_emails_tags() {
        assert_eq!(
            toks("زوروا https://sabq.org/a?b=1. أو info@spa.gov.sa #السعودية @SPA_AR"),
            vec![
                ("زوروا", Word), ("https://sabq.org/a?b=1", Url), (".", Punct), ("أو", Word),
                ("info@spa.gov.sa", Email), ("#السعودية", Hashtag), ("@SPA_AR", Mention)
            ]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            toks("(د ب أ) و أ.ف.ب و U.S. Reuters"),
            vec![
                ("(", Punct), ("د", Word), ("ب", Word), ("أ", Word), (")", Punct), ("و", Word),
                ("أ.ف.ب", Word), ("و", Word), ("U.S.", Latin), ("Reuters", Latin)
            ]
        );
    }

    #[test]
    fn elongation_marks_and_controls() {
        assert_eq!(toks("وجيييه وجـــيه مُجدّداً"), vec![("وجيييه", Word), ("وجـــيه", Word), ("مُجدّداً", Word)]);
        assert_eq!(toks("الإحصاءـ فقط"), vec![("الإحصاء", Word), ("ـ", Punct), ("فقط", Word)]);
        assert_eq!(toks("ـأو"), vec![("ـ", Punct), ("أو", Word)]);
        assert_eq!(toks("830-846"), vec![("830", Number), ("-", Punct), ("846", Number)]);
        assert_eq!(toks("\u{200F}عربي\u{200C}ة \u{202B}نص"), vec![("عربي\u{200C}ة", Word), ("نص", Word)]);
        assert_eq!(toks("..."), vec![("...", Punct)]);
    }
}
