//! The clitic grammar: every segmentation a word may have, and the article rule.

use super::evidence::Evidence;
use super::Pattern;
use crate::doc::SegmentKind;

/// One candidate analysis of a word, in normalised chars.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) conj: Option<char>,
    pub(super) prep: Option<char>,
    /// 0: none; 1: `ل` (the article after the preposition ل); 2: `ال`.
    pub(super) article: u8,
    pub(super) stem: (usize, usize),
    pub(super) enclitic: usize,
}

impl Candidate {
    pub(super) fn pattern(&self) -> Pattern {
        let mut p = Pattern::empty();
        if self.conj.is_some() {
            p.push(1, SegmentKind::Proclitic);
        }
        if self.prep.is_some() {
            p.push(1, SegmentKind::Proclitic);
        }
        p.push(self.article as usize, SegmentKind::Article);
        p.push(self.stem.1 - self.stem.0, SegmentKind::Stem);
        p.push(self.enclitic, SegmentKind::Enclitic);
        p
    }

    pub(super) fn type_name(&self, w: &[char], out: &mut String) {
        out.clear();
        if let Some(c) = self.conj {
            out.push(c);
        }
        if let Some(c) = self.prep {
            out.push(c);
        }
        out.push('|');
        out.push_str(match self.article {
            0 => "",
            1 => "l",
            _ => "al",
        });
        out.push('|');
        out.extend(&w[w.len() - self.enclitic..]);
    }
}

const ENCLITICS: [&str; 12] = ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "نا", "ني"];

/// Prepositions that carry a pronoun directly (`به`, `لها`, `لك`): the preposition is
/// then the stem of the word.
fn is_bare_preposition(s: &[char]) -> bool {
    matches!(s, ['ب'] | ['ل'] | ['ك'])
}

/// Every segmentation the clitic grammar allows for `w` (normalised chars).
pub(super) fn candidates(w: &[char], out: &mut Vec<Candidate>) {
    out.clear();
    let n = w.len();
    let base = Candidate { conj: None, prep: None, article: 0, stem: (0, n), enclitic: 0 };
    out.push(base);
    if n < 2 {
        return;
    }
    for conj in [None, Some('و'), Some('ف')] {
        let c0 = conj.is_some() as usize;
        if let Some(c) = conj {
            if w[0] != c {
                continue;
            }
        }
        for prep in [None, Some('ب'), Some('ل'), Some('ك'), Some('س')] {
            let p0 = c0 + prep.is_some() as usize;
            if let Some(p) = prep {
                if w.get(c0) != Some(&p) {
                    continue;
                }
            }
            if prep == Some('س') && !matches!(w.get(p0), Some('ي' | 'ت' | 'ن' | 'ا')) {
                continue;
            }
            // The article is decided afterwards (see `split_article`): the gold data keeps
            // it on its noun, so candidates differ only in the other clitics.
            for enc in std::iter::once("").chain(ENCLITICS.iter().copied()) {
                let e = enc.chars().count();
                if p0 + e > n || (e > 0 && !w[n - e..].iter().copied().eq(enc.chars())) {
                    continue;
                }
                let stem = (p0, n - e);
                let slen = stem.1 - stem.0;
                let ok = slen >= 2 || (slen == 1 && e > 0 && prep.is_none() && is_bare_preposition(&w[stem.0..stem.1]));
                if !ok || (enc == "ي" && slen < 3) || w[stem.0..stem.1] == ['ا', 'ل'] {
                    continue;
                }
                if conj.is_none() && prep.is_none() && e == 0 {
                    continue; // the whole word, already pushed
                }
                out.push(Candidate { conj, prep, article: 0, stem, enclitic: e });
            }
        }
    }
}

/// Words whose ال is fused: relative pronouns, `الله`, `الآن`.
const FUSED_AL: [&str; 10] = ["الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "الان"];

/// True for the words whose ال is part of the word (`الله`, `الذي`…).
#[inline]
pub fn is_fused_al(norm: &str) -> bool {
    norm.starts_with("ال") && FUSED_AL.contains(&norm)
}

/// Splits the article off the stem of `c` when the rest of the stem is attested on its
/// own: `الوكالة` → ال + وكالة (`وكالة` is a word), but `التزام` stays whole (`تزام` is
/// not). After the preposition ل the article is just `ل` (`للانتقام` → ل + ل + انتقام).
/// A stem with a pronoun suffix never has the article.
pub(super) fn split_article(lex: &Evidence<'_>, w: &[char], mut c: Candidate, buf: &mut String) -> Candidate {
    if c.enclitic > 0 || c.prep == Some('س') {
        return c;
    }
    let stem = &w[c.stem.0..c.stem.1];
    let art = if c.prep == Some('ل') {
        if stem.first() == Some(&'ل') { 1 } else { 0 }
    } else if stem.starts_with(&['ا', 'ل']) {
        2
    } else {
        0
    };
    if art == 0 || stem.len() < art + 2 {
        return c;
    }
    let rest = &stem[art..];
    buf.clear();
    buf.push_str("ال");
    buf.extend(rest);
    if FUSED_AL.contains(&buf.as_str()) {
        return c;
    }
    // Attested without the article: alone, with a conjunction or preposition, or
    // with a pronoun suffix.
    let word: String = w.iter().collect();
    let indefinite = {
        let mut total = 0u32;
        for p in ["", "و", "ب", "ل", "ك", "ف"] {
            buf.clear();
            buf.push_str(p);
            buf.extend(rest);
            if *buf != word {
                total = total.saturating_add(lex.count(buf));
            }
        }
        total
    };
    if indefinite >= 2 {
        c.article = art as u8;
        c.stem.0 += art;
    }
    c
}

