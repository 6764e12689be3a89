//! The evidence a segmentation is judged by: counts from the corpus lexicon and the
//! document, a stem's support across clitic frames, and the features built from them.

use rustc_hash::FxHashMap;
use std::fmt::Write as _;

use super::grammar::Candidate;
use super::hash_name;
use crate::text::lexicon::Lexicon;

/// Corpus count from which a word's identity becomes a feature.
const FREQUENT_WORD: u32 = 500;

/// Counts of word forms in the document being analysed, keyed by normalised form.
/// Keys are hashes of the forms (no allocation per word); a collision could only add a
/// little evidence to an unrelated form.
#[derive(Debug, Clone)]
pub struct DocCounts {
    counts: FxHashMap<u64, u32>,
    /// Changes whenever the counts are cleared, so memos made for one document are not
    /// reused for the next.
    pub(super) generation: u64,
}

static DOC_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_generation() -> u64 {
    DOC_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Default for DocCounts {
    fn default() -> Self {
        DocCounts { counts: FxHashMap::default(), generation: next_generation() }
    }
}

impl DocCounts {
    pub fn clear(&mut self) {
        self.counts.clear();
        self.generation = next_generation();
    }

    /// Counts one occurrence of `form`.
    #[inline]
    pub fn add(&mut self, form: &str) {
        *self.counts.entry(hash_name(form)).or_insert(0) += 1;
    }

    /// Sets the count of `form`.
    pub fn insert(&mut self, form: &str, n: u32) {
        self.counts.insert(hash_name(form), n);
        self.generation = next_generation();
    }

    #[inline]
    pub fn get(&self, form: &str) -> u32 {
        self.counts.get(&hash_name(form)).copied().unwrap_or(0)
    }
}

/// One mention in the document weighs as much as this many in the news corpus: a name
/// repeated in an article (`بايدن` ×12, never `ايدن`) is strong evidence about it even when
/// the corpus, older than the name's fame, has seen it only a few times.
const DOC_WEIGHT: u32 = 20;

/// Words the corpus has seen fewer times than this may be decided with document counts.
pub(super) const RARE_WORD: u32 = 200;

/// Where counts come from: the corpus lexicon, plus the document's own counts if given.
pub struct Evidence<'a> {
    pub(super) lex: &'a Lexicon,
    pub(super) doc: Option<&'a DocCounts>,
}

impl Evidence<'_> {
    #[inline]
    pub(super) fn count(&self, w: &str) -> u32 {
        let c = self.lex.count(w);
        match self.doc {
            Some(d) => c.saturating_add(d.get(w).saturating_mul(DOC_WEIGHT)),
            None => c,
        }
    }
}

/// One segmentation per discourse: when an article repeats a rare word (`بايدن` ×12)
/// but never uses the stem a proclitic split would leave (`ايدن`) — not alone, not with
/// another clitic — and the corpus hardly knows that stem either, the split is not
/// considered. A real clitic + name (`لنتنياهو`) finds its stem elsewhere in the text.
pub(super) fn unattested_in_doc(ev: &Evidence<'_>, w: &[char], c: &Candidate, buf: &mut String, buf2: &mut String) -> bool {
    if (c.conj.is_none() && c.prep.is_none()) || c.enclitic > 0 {
        return false;
    }
    unattested_stem(ev, w, c.prep, c.stem, buf, buf2)
}

/// The test behind [`unattested_in_doc`] for the stem `w[stem.0..stem.1]` left by
/// proclitics ending in `prep` (if a preposition).
pub(super) fn unattested_stem(ev: &Evidence<'_>, w: &[char], prep: Option<char>, stem: (usize, usize), buf: &mut String, buf2: &mut String) -> bool {
    let Some(doc) = ev.doc else { return false };
    let stem = &w[stem.0..stem.1];
    // A stem carrying the article (`الوكالة`, or `لانتقام` after ل) is attested through
    // its definite form, which this check does not look at.
    if stem.starts_with(&['ا', 'ل']) || (prep == Some('ل') && stem.first() == Some(&'ل')) {
        return false;
    }
    buf2.clear();
    buf2.extend(stem);
    if ev.lex.count(buf2) >= RARE_STEM {
        return false;
    }
    let only_doc = Evidence { lex: &EMPTY_LEXICON, doc: Some(doc) };
    let word: String = w.iter().collect();
    only_doc.count(buf2) == 0 && support(&only_doc, buf2, &word, buf) == 0
}

/// Stems the corpus has seen at least this often are never ruled out by one article.
const RARE_STEM: u32 = 50;

static EMPTY_LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::default);

/// Reusable buffers for feature extraction.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) name: String,
    pub(super) word: String,
    pub(super) buf: String,
    pub(super) ty: String,
    pub(super) s: String,
    pub(super) cands: Vec<Candidate>,
    pub(super) chars: Vec<char>,
}

/// Clitic frames in which a stem is looked up to measure its support.
const FRAME_PREFIXES: [&str; 10] = ["", "ال", "و", "وال", "ب", "بال", "ل", "لل", "ف", "ك"];
const FRAME_SUFFIXES: [&str; 3] = ["ه", "ها", "هم"];

/// How much the lexicon supports `stem` being a real stem: the summed counts of the forms
/// it takes with common clitics (`X`, `الX`, `وX`, `بالX`, `لX`, `Xه`, …), leaving out
/// `word` itself. A true stem turns up in many frames; the remainder of a wrongly
/// stripped letter (`عبة` from `لعبة`) in almost none.
pub(super) fn support(lex: &Evidence<'_>, stem: &str, word: &str, buf: &mut String) -> u32 {
    let mut total = 0u32;
    for p in FRAME_PREFIXES {
        if p == "لل" && stem.starts_with('ل') {
            continue;
        }
        buf.clear();
        buf.push_str(p);
        buf.push_str(stem);
        if buf != word {
            total = total.saturating_add(lex.count(buf));
        }
    }
    let base = stem.strip_suffix('ة');
    for s in FRAME_SUFFIXES {
        buf.clear();
        match base {
            Some(b) => {
                buf.push_str(b);
                buf.push('ت');
            }
            None => buf.push_str(stem),
        }
        buf.push_str(s);
        if buf != word {
            total = total.saturating_add(lex.count(buf));
        }
    }
    total
}

/// Emits the feature names of candidate `c` of word `w` to `emit`.
pub(super) fn features(lex: &Evidence<'_>, w: &[char], whole: (u32, u32), c: &Candidate, sc: &mut Scratch, emit: &mut dyn FnMut(&str, f32)) {
    let (whole, whole_support) = whole;
    let Scratch { name, ty, s, word, buf, .. } = sc;
    c.type_name(w, ty);
    let stem = &w[c.stem.0..c.stem.1];
    s.clear();
    s.extend(stem);
    let is_whole = c.stem == (0, w.len());
    let mut stem_count = lex.count(s);
    let mut stem_support = if is_whole { whole_support } else { support(lex, s, word, buf) };
    // A pronoun suffix turns ة into ت (مدرسته): also look the stem up with ة.
    let mut teh_restored = false;
    if c.enclitic > 0 && stem.last() == Some(&'ت') {
        s.pop();
        s.push('ة');
        let with_teh = lex.count(s);
        teh_restored = with_teh > stem_count;
        stem_count = stem_count.max(with_teh);
        stem_support = stem_support.max(support(lex, s, word, buf));
        s.pop();
        s.push('ت');
    }
    // Verbs ending in وا drop the alif before a suffix (كتبوه).
    if c.enclitic > 0 && stem.last() == Some(&'و') {
        s.push('ا');
        stem_count = stem_count.max(lex.count(s));
        s.pop();
    }
    // The definite form standing alone says the stem is a noun.
    s.insert_str(0, "ال");
    let def_count = if stem.first() == Some(&'ا') { 0 } else { lex.count(s) };
    let slen = (c.stem.1 - c.stem.0).min(6);
    let ln = |x: u32| (1.0 + x as f32).ln();
    // Indicators: `f!(name)`; real values: `v!(value, name)`. Evidence enters as log
    // counts so a few weights generalise across the whole frequency range.
    macro_rules! f {
        ($($arg:tt)*) => {{ name.clear(); let _ = write!(name, $($arg)*); emit(name, 1.0); }};
    }
    macro_rules! v {
        ($val:expr, $($arg:tt)*) => {{ name.clear(); let _ = write!(name, $($arg)*); emit(name, $val); }};
    }
    let frequent = whole >= FREQUENT_WORD;
    f!("t={ty}");
    if is_whole {
        v!(ln(whole), "whole:count");
        v!(ln(whole_support), "whole:support");
        f!("whole len={slen}");
        if whole == 0 {
            f!("whole unseen");
        }
        if frequent {
            f!("whole w={}", w.iter().collect::<String>());
        }
    } else {
        // Candidates carry no article (it is decided after the choice), so a split has
        // proclitics, an enclitic, or both.
        let cls = match (c.conj.is_some() || c.prep.is_some(), c.enclitic > 0) {
            (true, true) => "pro+enc",
            (true, false) => "pro",
            (false, _) => "enc",
        };
        v!(ln(stem_count), "split:stem");
        // A clitic + stem word is much rarer than its stem alone; a word more frequent
        // than its supposed stem (بايدن vs ايدن) is probably not split.
        v!(ln(stem_count) - ln(whole), "cls={cls}:diff");
        if whole > stem_count {
            f!("cls={cls} whole-dominates");
        }
        v!(ln(stem_support), "split:support");
        v!(ln(def_count), "split:definite");
        v!(ln(whole), "split:whole");
        v!(ln(whole_support), "split:whole-support");
        v!(ln(stem_count), "cls={cls}:stem");
        v!(ln(stem_support), "cls={cls}:support");
        f!("cls={cls} len={slen}");
        v!(ln(stem_support) - ln(whole_support), "t={ty}:support-gain");
        f!("cls={cls} gain={}", ((ln(stem_support) - ln(whole_support)) as i32).clamp(-4, 4));
        if stem_count == 0 {
            f!("cls={cls} stem unseen");
        }
        if stem_support == 0 {
            f!("cls={cls} no support");
        }
        if teh_restored {
            f!("t={ty} teh");
        }
        if stem.starts_with(&['ا', 'ل']) {
            f!("t={ty} stem-al");
        }
        if frequent {
            f!("split w={} t={ty}", w.iter().collect::<String>());
        }
    }
}

/// The whole word's count and support; also leaves the word in `sc.word`.
pub(super) fn whole_evidence(lex: &Evidence<'_>, norm: &str, sc: &mut Scratch) -> (u32, u32) {
    sc.word.clear();
    sc.word.push_str(norm);
    (lex.count(norm), support(lex, norm, norm, &mut sc.buf))
}

