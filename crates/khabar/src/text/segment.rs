//! Clitic segmentation of Arabic words.
//!
//! A word may carry proclitics (conjunction و ف, preposition ب ل ك, future س), the
//! article ال, and one pronoun enclitic (ه ها هم هما هن ك كم كما كن ي نا ني). Whether a
//! leading `و` or `ب` is a clitic (`وقال`, `بالوكالة`) or part of the stem (`وجه`,
//! `بايدن`) cannot be decided by rules alone, so the segmenter:
//!
//! 1. generates every segmentation the clitic grammar allows for the normalised word;
//! 2. describes each with features — the clitics used, how often the remaining stem
//!    stands alone (or with the article) in a news lexicon, how often the whole word
//!    does, the stem's length — and
//! 3. picks the candidate with the highest score under a linear model whose weights were
//!    learned by an averaged perceptron from gold segmentations (`khabar train segmenter`).
//!
//! Decisions are cached per thread by normalised word form: news text is Zipfian, so
//! after warm-up nearly every word is a cache hit.

use rustc_hash::{FxHashMap, FxHasher};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::hash::Hasher;

use super::lexicon::Lexicon;
use crate::doc::SegmentKind;

/// Longest pattern: conj + prep + article + stem + enclitic.
pub const MAX_PARTS: usize = 5;

/// A segmentation of a normalised word: consecutive parts, lengths in normalised chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pattern {
    parts: [(u8, SegmentKind); MAX_PARTS],
    n: u8,
}

impl Pattern {
    pub fn whole(len: usize) -> Self {
        let mut p = Pattern { parts: [(0, SegmentKind::Stem); MAX_PARTS], n: 0 };
        p.push(len, SegmentKind::Stem);
        p
    }

    fn empty() -> Self {
        Pattern { parts: [(0, SegmentKind::Stem); MAX_PARTS], n: 0 }
    }

    fn push(&mut self, len: usize, kind: SegmentKind) {
        if len > 0 && (self.n as usize) < MAX_PARTS {
            self.parts[self.n as usize] = (len.min(255) as u8, kind);
            self.n += 1;
        }
    }

    /// The parts as (length in normalised chars, kind).
    pub fn parts(&self) -> impl Iterator<Item = (usize, SegmentKind)> + '_ {
        self.parts[..self.n as usize].iter().map(|&(l, k)| (l as usize, k))
    }

    /// Internal boundaries (in normalised chars), the article merged into its stem as in
    /// the ATB convention the gold data follows.
    pub fn atb_boundaries(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut pos = 0;
        let parts: Vec<_> = self.parts().collect();
        for (i, &(len, kind)) in parts.iter().enumerate() {
            pos += len;
            if i + 1 == parts.len() {
                break;
            }
            if kind == SegmentKind::Article {
                continue;
            }
            out.push(pos);
        }
        out
    }

    /// True when the word is not split.
    pub fn is_whole(&self) -> bool {
        self.n <= 1
    }
}

/// One candidate analysis of a word, in normalised chars.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    conj: Option<char>,
    prep: Option<char>,
    /// 0: none; 1: `ل` (the article after the preposition ل); 2: `ال`.
    article: u8,
    /// Assimilated preposition (مما = من + ما).
    assimilated: bool,
    stem: (usize, usize),
    enclitic: usize,
}

impl Candidate {
    fn pattern(&self) -> Pattern {
        let mut p = Pattern::empty();
        if self.conj.is_some() {
            p.push(1, SegmentKind::Proclitic);
        }
        if self.prep.is_some() {
            p.push(1, SegmentKind::Proclitic);
        }
        if self.assimilated {
            p.push(1, SegmentKind::Stem);
        }
        p.push(self.article as usize, SegmentKind::Article);
        p.push(self.stem.1 - self.stem.0, SegmentKind::Stem);
        p.push(self.enclitic, SegmentKind::Enclitic);
        p
    }

    fn type_name(&self, w: &[char], out: &mut String) {
        out.clear();
        if let Some(c) = self.conj {
            out.push(c);
        }
        if let Some(c) = self.prep {
            out.push(c);
        }
        if self.assimilated {
            out.push('~');
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
fn candidates(w: &[char], out: &mut Vec<Candidate>) {
    out.clear();
    let n = w.len();
    let base = Candidate { conj: None, prep: None, article: 0, assimilated: false, stem: (0, n), enclitic: 0 };
    out.push(base);
    if n < 2 {
        return;
    }
    // Assimilated nun: مما ممن عما عمن = من/عن + ما/من.
    if n >= 3 && (w[0] == 'م' || w[0] == 'ع') && w[1] == 'م' && matches!(&w[2..], ['ا'] | ['ن']) {
        out.push(Candidate { assimilated: true, stem: (1, n), ..base });
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
            // The article is decided afterwards (see `split_article`): the gold data keeps
            // it on its noun, so candidates differ only in the other clitics.
            {
                let article = 0u8;
                let a0 = p0;
                if prep == Some('س') && !matches!(w.get(p0), Some('ي' | 'ت' | 'ن' | 'ا')) {
                    continue;
                }
                for enc in std::iter::once("").chain(ENCLITICS.iter().copied()) {
                    let e = enc.chars().count();
                    if e > 0 && article > 0 {
                        continue;
                    }
                    if a0 + e > n || (e > 0 && !w[n - e..].iter().copied().eq(enc.chars())) {
                        continue;
                    }
                    let stem = (a0, n - e);
                    let slen = stem.1 - stem.0;
                    let ok = slen >= 2 || (slen == 1 && e > 0 && prep.is_none() && is_bare_preposition(&w[stem.0..stem.1]));
                    if !ok || (enc == "ي" && slen < 3) || w[stem.0..stem.1] == ['ا', 'ل'] {
                        continue;
                    }
                    if conj.is_none() && prep.is_none() && article == 0 && e == 0 {
                        continue; // the whole word, already pushed
                    }
                    out.push(Candidate { conj, prep, article, assimilated: false, stem, enclitic: e });
                }
            }
        }
    }
}

/// Corpus count from which a word's identity becomes a feature.
const FREQUENT_WORD: u32 = 500;

/// Counts of word forms in the document being analysed, keyed by normalised form.
/// Keys are hashes of the forms (no allocation per word); a collision could only add a
/// little evidence to an unrelated form.
#[derive(Debug, Default, Clone)]
pub struct DocCounts {
    counts: FxHashMap<u64, u32>,
    /// Changes whenever the counts are cleared, so memos made for one document are not
    /// reused for the next.
    generation: u64,
}

static DOC_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl DocCounts {
    pub fn clear(&mut self) {
        self.counts.clear();
        self.generation = DOC_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Counts one occurrence of `form`.
    #[inline]
    pub fn add(&mut self, form: &str) {
        *self.counts.entry(hash_name(form)).or_insert(0) += 1;
        if self.generation == 0 {
            self.generation = DOC_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Sets the count of `form`.
    pub fn insert(&mut self, form: &str, n: u32) {
        self.counts.insert(hash_name(form), n);
        self.generation = DOC_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
const RARE_WORD: u32 = 200;

/// Where counts come from: the corpus lexicon, plus the document's own counts if given.
pub struct Evidence<'a> {
    lex: &'a Lexicon,
    doc: Option<&'a DocCounts>,
}

impl Evidence<'_> {
    #[inline]
    fn count(&self, w: &str) -> u32 {
        let c = self.lex.count(w);
        match self.doc {
            Some(d) => c.saturating_add(d.get(w).saturating_mul(DOC_WEIGHT)),
            None => c,
        }
    }
}

/// Words whose ال is fused: relative pronouns, `الله`, `الآن`.
const FUSED_AL: [&str; 10] = ["الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "الان"];

/// True for the words whose ال is part of the word (`الله`, `الذي`…).
pub fn is_fused_al(norm: &str) -> bool {
    FUSED_AL.contains(&norm)
}

/// Splits the article off the stem of `c` when the rest of the stem is attested on its
/// own: `الوكالة` → ال + وكالة (`وكالة` is a word), but `التزام` stays whole (`تزام` is
/// not). After the preposition ل the article is just `ل` (`للانتقام` → ل + ل + انتقام).
/// A stem with a pronoun suffix never has the article.
fn split_article(lex: &Evidence<'_>, w: &[char], mut c: Candidate, buf: &mut String) -> Candidate {
    if c.enclitic > 0 || c.assimilated || c.prep == Some('س') {
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

/// One segmentation per discourse: when an article repeats a rare word (`بايدن` ×12)
/// but never uses the stem a proclitic split would leave (`ايدن`) — not alone, not with
/// another clitic — and the corpus hardly knows that stem either, the split is not
/// considered. A real clitic + name (`لنتنياهو`) finds its stem elsewhere in the text.
fn unattested_in_doc(ev: &Evidence<'_>, w: &[char], c: &Candidate, buf: &mut String, buf2: &mut String) -> bool {
    let Some(doc) = ev.doc else { return false };
    if (c.conj.is_none() && c.prep.is_none()) || c.enclitic > 0 {
        return false;
    }
    let stem = &w[c.stem.0..c.stem.1];
    // A stem carrying the article (`الوكالة`, or `لانتقام` after ل) is attested through
    // its definite form, which this check does not look at.
    if stem.starts_with(&['ا', 'ل']) || (c.prep == Some('ل') && stem.first() == Some(&'ل')) {
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
struct Scratch {
    name: String,
    word: String,
    buf: String,
    ty: String,
    s: String,
    cands: Vec<Candidate>,
    chars: Vec<char>,
}

/// Clitic frames in which a stem is looked up to measure its support.
const FRAME_PREFIXES: [&str; 10] = ["", "ال", "و", "وال", "ب", "بال", "ل", "لل", "ف", "ك"];
const FRAME_SUFFIXES: [&str; 3] = ["ه", "ها", "هم"];

/// How much the lexicon supports `stem` being a real stem: the summed counts of the forms
/// it takes with common clitics (`X`, `الX`, `وX`, `بالX`, `لX`, `Xه`, …), leaving out
/// `word` itself. A true stem turns up in many frames; the remainder of a wrongly
/// stripped letter (`عبة` from `لعبة`) in almost none.
fn support(lex: &Evidence<'_>, stem: &str, word: &str, buf: &mut String) -> u32 {
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
fn features(lex: &Evidence<'_>, w: &[char], whole: (u32, u32), c: &Candidate, sc: &mut Scratch, emit: &mut dyn FnMut(&str, f32)) {
    let (whole, whole_support) = whole;
    let Scratch { name, ty, s, word, buf, .. } = sc;
    c.type_name(w, ty);
    let stem = &w[c.stem.0..c.stem.1];
    s.clear();
    s.extend(stem);
    let mut stem_count = lex.count(s);
    // A pronoun suffix turns ة into ت (مدرسته): also look the stem up with ة.
    let mut teh_restored = false;
    if c.enclitic > 0 && stem.last() == Some(&'ت') {
        s.pop();
        s.push('ة');
        let with_teh = lex.count(s);
        teh_restored = with_teh > stem_count;
        stem_count = stem_count.max(with_teh);
        s.pop();
        s.push('ت');
    }
    // Verbs ending in وا drop the alif before a suffix (كتبوه).
    if c.enclitic > 0 && stem.last() == Some(&'و') {
        s.push('ا');
        stem_count = stem_count.max(lex.count(s));
        s.pop();
    }
    let stem_support = if c.stem == (0, w.len()) { whole_support } else {
        let mut sup = support(lex, s, word, buf);
        if c.enclitic > 0 && stem.last() == Some(&'ت') {
            s.pop();
            s.push('ة');
            sup = sup.max(support(lex, s, word, buf));
            s.pop();
            s.push('ت');
        }
        sup
    };
    s.insert_str(0, "ال");
    // With the article split off, `ال` + stem is the definite word standing alone
    // (`للولايات` → `الولايات`); without it, the definite form says the stem is a noun.
    let def_count = if stem.first() == Some(&'ا') && c.article == 0 { 0 } else { lex.count(s) };
    let is_whole = c.stem == (0, w.len()) && !c.assimilated;
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
        let cls = match (c.conj.is_some() || c.prep.is_some(), c.article > 0, c.enclitic > 0) {
            (_, true, _) => "art",
            (true, false, true) => "pro+enc",
            (true, false, false) => "pro",
            (false, false, _) => "enc",
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
        if c.article > 0 {
            v!(ln(def_count), "art:definite");
        }
        if teh_restored {
            f!("t={ty} teh");
        }
        if c.article == 0 && stem.starts_with(&['ا', 'ل']) {
            f!("t={ty} stem-al");
        }
        if frequent {
            f!("split w={} t={ty}", w.iter().collect::<String>());
        }
    }
}

/// The whole word's count and support; also leaves the word in `sc.word`.
fn whole_evidence(lex: &Evidence<'_>, norm: &str, sc: &mut Scratch) -> (u32, u32) {
    sc.word.clear();
    sc.word.push_str(norm);
    (lex.count(norm), support(lex, norm, norm, &mut sc.buf))
}

/// Learned weights of the candidate scorer, keyed by hashed feature name.
#[derive(Debug, Clone, Default)]
pub struct SegmenterModel {
    weights: FxHashMap<u64, f32>,
}

#[inline]
fn hash_name(name: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(name.as_bytes());
    h.finish()
}

impl SegmenterModel {
    pub fn from_named<'a>(weights: impl IntoIterator<Item = (&'a str, f32)>) -> Self {
        SegmenterModel { weights: weights.into_iter().filter(|(_, w)| *w != 0.0).map(|(n, w)| (hash_name(n), w)).collect() }
    }

    /// Parses the JSON model file: `{"format": "khabar.segmenter/1", "weights": {name: w}}`.
    pub fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        #[derive(serde::Deserialize)]
        struct File {
            weights: std::collections::BTreeMap<String, f32>,
        }
        let f: File = serde_json::from_slice(bytes)?;
        Ok(Self::from_named(f.weights.iter().map(|(k, &v)| (k.as_str(), v))))
    }

    #[inline]
    fn weight(&self, name: &str) -> f32 {
        self.weights.get(&hash_name(name)).copied().unwrap_or(0.0)
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// The segmenter: a lexicon, a model, and a per-thread cache of decisions.
pub struct Segmenter {
    lexicon: std::sync::Arc<Lexicon>,
    model: SegmenterModel,
    /// Distinguishes caches of different segmenters living in one thread.
    id: u64,
}

/// Cache size before it is cleared (bounds memory on endless input).
const CACHE_LIMIT: usize = 1 << 18;

/// Memo of segmentation decisions by normalised word form, plus scratch buffers. Keep
/// one per thread (the text layer keeps one in each `TextLayer`).
#[derive(Default)]
pub struct SegmentCache {
    owner: u64,
    /// Keyed by a 64-bit hash of the form: no pointer to chase or string to compare on
    /// the hot path (a collision, vanishingly rare, would only cost one word its split).
    map: FxHashMap<u64, (Pattern, u32)>,
    /// Decisions made with one document's evidence, valid while `doc_generation` matches.
    doc_memo: FxHashMap<u64, Pattern>,
    doc_generation: u64,
    scratch: Scratch,
}

impl std::fmt::Debug for SegmentCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SegmentCache({} words)", self.map.len())
    }
}

thread_local! {
    static CACHE: RefCell<SegmentCache> = RefCell::new(SegmentCache::default());
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Segmenter {
    pub fn new(lexicon: std::sync::Arc<Lexicon>, model: SegmenterModel) -> Self {
        Segmenter { lexicon, model, id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed) }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Segments a normalised word (using a per-thread cache).
    pub fn segment(&self, norm: &str) -> Pattern {
        CACHE.with(|cell| self.segment_cached(norm, &mut cell.borrow_mut()))
    }

    /// Segments a normalised word of a document whose word counts are `doc`. Rare words
    /// that the document repeats, and that the corpus evidence alone would split, are
    /// decided again with the document's evidence (memoised for this document only);
    /// all others as by [`Segmenter::segment_cached`].
    #[inline]
    pub fn segment_in_doc(&self, norm: &str, doc: &DocCounts, cache: &mut SegmentCache) -> Pattern {
        let (pattern, corpus_count) = self.lookup(norm, cache);
        // Only a split can be undone by the document's evidence; whole words stay whole.
        if corpus_count < RARE_WORD && !pattern.is_whole() && doc.get(norm) >= 2 {
            let key = hash_name(norm);
            if cache.doc_generation != doc.generation {
                cache.doc_memo.clear();
                cache.doc_generation = doc.generation;
            }
            if let Some(&p) = cache.doc_memo.get(&key) {
                return p;
            }
            let ev = Evidence { lex: &self.lexicon, doc: Some(doc) };
            let p = self.decide_with(&ev, norm, &mut cache.scratch);
            cache.doc_memo.insert(key, p);
            return p;
        }
        pattern
    }

    /// Segments a normalised word, memoised in `cache`.
    #[inline]
    pub fn segment_cached(&self, norm: &str, cache: &mut SegmentCache) -> Pattern {
        self.lookup(norm, cache).0
    }

    /// The corpus-only decision for `norm` and its corpus count, memoised.
    #[inline]
    fn lookup(&self, norm: &str, cache: &mut SegmentCache) -> (Pattern, u32) {
        if cache.owner != self.id {
            cache.map.clear();
            cache.owner = self.id;
        }
        let key = hash_name(norm);
        if let Some(&p) = cache.map.get(&key) {
            return p;
        }
        let p = (self.decide(norm, &mut cache.scratch), self.lexicon.count(norm));
        if cache.map.len() >= CACHE_LIMIT {
            cache.map.clear();
        }
        cache.map.insert(key, p);
        p
    }

    /// Every candidate of a normalised word with its score and the weighted features
    /// behind it, best first (for `khabar eval explain`).
    pub fn explain(&self, norm: &str) -> Vec<(String, f32, Vec<(String, f32)>)> {
        let chars: Vec<char> = norm.chars().collect();
        let mut cands = Vec::new();
        candidates(&chars, &mut cands);
        let mut sc = Scratch::default();
        let ev = Evidence { lex: &self.lexicon, doc: None };
        let whole = whole_evidence(&ev, norm, &mut sc);
        let mut out = Vec::new();
        for c in &cands {
            let mut feats = Vec::new();
            features(&ev, &chars, whole, c, &mut sc, &mut |name, v| feats.push((name.to_string(), v * self.model.weight(name))));
            let mut pos = 0;
            let shown: Vec<String> = c
                .pattern()
                .parts()
                .map(|(l, _)| {
                    let s: String = chars[pos..pos + l].iter().collect();
                    pos += l;
                    format!("{s}({})", self.lexicon.count(&s))
                })
                .collect();
            out.push((shown.join(" + "), feats.iter().map(|f| f.1).sum::<f32>(), feats));
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    fn decide(&self, norm: &str, sc: &mut Scratch) -> Pattern {
        self.decide_with(&Evidence { lex: &self.lexicon, doc: None }, norm, sc)
    }

    fn decide_with(&self, ev: &Evidence<'_>, norm: &str, sc: &mut Scratch) -> Pattern {
        let mut chars = std::mem::take(&mut sc.chars);
        chars.clear();
        chars.extend(norm.chars());
        let mut cands = std::mem::take(&mut sc.cands);
        candidates(&chars, &mut cands);
        let best = if cands.len() == 1 {
            split_article(ev, &chars, cands[0], &mut sc.buf).pattern()
        } else {
            let whole = whole_evidence(ev, norm, sc);
            let mut best = (f32::NEG_INFINITY, cands[0]);
            for c in &cands {
                if unattested_in_doc(ev, &chars, c, &mut sc.buf, &mut sc.s) {
                    continue;
                }
                let mut score = 0.0;
                features(ev, &chars, whole, c, sc, &mut |name, v| score += v * self.model.weight(name));
                if score > best.0 {
                    best = (score, *c);
                }
            }
            split_article(ev, &chars, best.1, &mut sc.buf).pattern()
        };
        sc.chars = chars;
        sc.cands = cands;
        best
    }
}

/// Training: an averaged structured perceptron over candidate sets.
pub mod train {
    use super::*;

    /// A training word: its normalised form and the gold internal boundaries (ATB style,
    /// in normalised chars).
    #[derive(Debug, Clone)]
    pub struct Example {
        pub norm: String,
        pub boundaries: Vec<usize>,
    }

    /// Per-epoch report.
    #[derive(Debug, Clone)]
    pub struct EpochReport {
        pub epoch: usize,
        pub train_accuracy: f64,
        pub dev_accuracy: Option<f64>,
    }

    /// Trains named weights. `dev` (if any) is scored with the averaged weights each epoch.
    pub fn train(
        lex: &Lexicon,
        train: &[Example],
        dev: &[Example],
        epochs: usize,
        mut report: impl FnMut(&EpochReport),
    ) -> std::collections::BTreeMap<String, f32> {
        // Pre-compute each example's candidates' feature ids.
        let mut names: FxHashMap<String, usize> = FxHashMap::default();
        let mut sc = Scratch::default();
        let mut prepare = |ex: &Example, names: &mut FxHashMap<String, usize>, grow: bool| -> (Vec<Vec<(usize, f64)>>, Option<usize>) {
            let chars: Vec<char> = ex.norm.chars().collect();
            let mut cands = Vec::new();
            candidates(&chars, &mut cands);
            let ev = Evidence { lex, doc: None };
            let whole = whole_evidence(&ev, &ex.norm, &mut sc);
            let mut feats = Vec::new();
            let mut gold = None;
            for (i, c) in cands.iter().enumerate() {
                let mut ids = Vec::new();
                features(&ev, &chars, whole, c, &mut sc, &mut |name, v| {
                    if let Some(&id) = names.get(name) {
                        ids.push((id, v as f64));
                    } else if grow {
                        let id = names.len();
                        names.insert(name.to_string(), id);
                        ids.push((id, v as f64));
                    }
                });
                if gold.is_none() && c.pattern().atb_boundaries() == ex.boundaries {
                    gold = Some(i);
                }
                feats.push(ids);
            }
            (feats, gold)
        };
        let train_sets: Vec<_> = train.iter().map(|ex| prepare(ex, &mut names, true)).collect();
        let dev_sets: Vec<_> = dev.iter().map(|ex| prepare(ex, &mut names, false)).collect();
        let dim = names.len();
        let mut w = vec![0f64; dim];
        let mut acc = vec![0f64; dim]; // sum over time of updates * time (averaging trick)
        let mut t = 1f64;
        let score = |w: &[f64], ids: &[(usize, f64)]| ids.iter().map(|&(i, v)| w[i] * v).sum::<f64>();
        let argmax = |w: &[f64], feats: &[Vec<(usize, f64)>]| {
            let mut best = (f64::NEG_INFINITY, 0);
            for (i, ids) in feats.iter().enumerate() {
                let s = score(w, ids);
                if s > best.0 {
                    best = (s, i);
                }
            }
            best.1
        };
        // Deterministic shuffling without a RNG dependency: a fixed LCG permutation.
        let mut order: Vec<usize> = (0..train_sets.len()).collect();
        let mut seed = 0x9E3779B97F4A7C15u64;
        for epoch in 1..=epochs {
            for i in (1..order.len()).rev() {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let mut correct = 0usize;
            let mut total = 0usize;
            for &k in &order {
                let (feats, gold) = &train_sets[k];
                let Some(g) = *gold else { continue };
                total += 1;
                let p = argmax(&w, feats);
                if p == g {
                    correct += 1;
                } else {
                    for &(i, v) in &feats[g] {
                        w[i] += v;
                        acc[i] += t * v;
                    }
                    for &(i, v) in &feats[p] {
                        w[i] -= v;
                        acc[i] -= t * v;
                    }
                }
                t += 1.0;
            }
            let avg: Vec<f64> = w.iter().zip(&acc).map(|(w, a)| w - a / t).collect();
            let dev_accuracy = (!dev_sets.is_empty()).then(|| {
                let ok = dev_sets.iter().filter(|(f, g)| Some(argmax(&avg, f)) == *g).count();
                ok as f64 / dev_sets.len() as f64
            });
            report(&EpochReport { epoch, train_accuracy: correct as f64 / total.max(1) as f64, dev_accuracy });
        }
        let avg: Vec<f64> = w.iter().zip(&acc).map(|(w, a)| w - a / t).collect();
        names.into_iter().filter(|(_, i)| avg[*i].abs() > 1e-6).map(|(n, i)| (n, avg[i] as f32)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn cands(w: &str) -> Vec<String> {
        let chars: Vec<char> = w.chars().collect();
        let mut v = Vec::new();
        candidates(&chars, &mut v);
        v.iter()
            .map(|c| {
                let mut pos = 0;
                c.pattern()
                    .parts()
                    .map(|(l, _)| {
                        let s: String = chars[pos..pos + l].iter().collect();
                        pos += l;
                        s
                    })
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect()
    }

    #[test]
    fn candidate_grammar() {
        let c = cands("وبالوكالة");
        assert!(c.contains(&"و+ب+الوكالة".to_string()), "{c:?}");
        assert!(c.contains(&"وبالوكالة".to_string()));
        let c = cands("التزامه");
        assert!(c.contains(&"التزام+ه".to_string()), "{c:?}");
        assert!(cands("به").contains(&"ب+ه".to_string()));
        assert!(cands("مما").contains(&"م+ما".to_string()));
        assert!(cands("سيكون").contains(&"س+يكون".to_string()));
        // س marks the future only before an imperfect verb's prefix.
        assert!(!cands("سلام").contains(&"س+لام".to_string()));
        assert_eq!(cands("و"), vec!["و".to_string()]);
    }

    fn segment(w: &str) -> String {
        let seg = crate::models::default_segmenter();
        let norm = crate::text::normalize::normalize(w, &Default::default());
        let chars: Vec<char> = norm.chars().collect();
        let mut pos = 0;
        seg.segment(&norm)
            .parts()
            .map(|(l, k)| {
                let s: String = chars[pos..pos + l].iter().collect();
                pos += l;
                if k == SegmentKind::Article {
                    format!("{s}*")
                } else {
                    s
                }
            })
            .collect::<Vec<_>>()
            .join("+")
    }

    #[test]
    fn trained_model_separates_clitics_from_stems() {
        assert_eq!(segment("وبالوكالة"), "و+ب+ال*+وكالة");
        assert_eq!(segment("لنتنياهو"), "ل+نتنياهو");
        assert_eq!(segment("التزامه"), "التزام+ه");
        assert_eq!(segment("للسلطة"), "ل+ل*+سلطة");
        assert_eq!(segment("فيها"), "في+ها");
        for whole in ["وجه", "لبنان", "فؤاد", "كما", "الله", "الذي", "البانيا"] {
            assert_eq!(segment(whole), normalize::normalize(whole, &Default::default()), "{whole}");
        }
    }

    #[test]
    fn article_is_split_only_when_the_rest_is_a_word() {
        assert_eq!(segment("الشجرة"), "ال*+شجرة");
        assert_eq!(segment("والحوثيين"), "و+ال*+حوثيين");
        assert_eq!(segment("التزام"), "التزام");
    }

    #[test]
    fn document_evidence_keeps_a_repeated_name_whole() {
        let seg = crate::models::default_segmenter();
        let mut cache = SegmentCache::default();
        let mut doc = DocCounts::default();
        doc.insert("بايدن", 12);
        assert!(seg.segment_in_doc("بايدن", &doc, &mut cache).is_whole());
        // …but a clitic + name whose stem the article also uses is still split.
        doc.insert("لنتنياهو", 3);
        doc.insert("نتنياهو", 9);
        assert!(!seg.segment_in_doc("لنتنياهو", &doc, &mut cache).is_whole());
        // The article after ل is not mistaken for part of an unattested stem.
        doc.insert("للانتقام", 2);
        assert_eq!(seg.segment_in_doc("للانتقام", &doc, &mut cache).parts().count(), 3);
    }
}
