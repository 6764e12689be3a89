//! Clitic segmentation of Arabic words.
//!
//! A word may carry proclitics (conjunction و ف, preposition ب ل ك, future س), the
//! article ال, and one pronoun enclitic (ه ها هم هما هن ك كم كما كن ي نا ني). Whether a
//! leading `و` or `ب` is a clitic (`وقال`, `بالوكالة`) or part of the stem (`وجه`,
//! `بايدن`) cannot be decided by rules alone, so the segmenter:
//!
//! 1. generates every segmentation the clitic grammar allows for the normalised word
//!    (`grammar.rs`); the article is left on the stem at this point;
//! 2. describes each with evidence (`evidence.rs`) — the clitics used, how often the
//!    remaining stem stands alone in a news lexicon and how well it is *supported* (seen
//!    in the frames a real stem takes), the same for the whole word, the stem's length;
//! 3. picks the candidate with the highest score under a linear model whose weights were
//!    learned by an averaged perceptron from gold segmentations ([`train`]);
//! 4. splits the article off when the rest of the stem is a word on its own.
//!
//! A rare word that the document repeats is re-examined with the document's own counts
//! (one segmentation per discourse: `بايدن` ×12 and never `ايدن` stays whole).
//! Decisions are cached by normalised word form: news text is Zipfian, so after
//! warm-up nearly every word is a cache hit.

mod evidence;
mod grammar;
pub mod train;

use rustc_hash::{FxHashMap, FxHasher};
use std::cell::RefCell;
use std::hash::Hasher;

use super::lexicon::Lexicon;
use crate::doc::SegmentKind;
pub use evidence::DocCounts;
use evidence::{features, unattested_in_doc, unattested_stem, whole_evidence, Evidence, Scratch, RARE_WORD};
use grammar::{candidates, split_article};
pub use grammar::is_fused_al;

/// Words longer than this (in normalised letters) are not segmented.
pub const MAX_WORD_LETTERS: usize = 40;

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
        let mut p = Pattern::empty();
        p.push(len, SegmentKind::Stem);
        p
    }

    pub(super) fn empty() -> Self {
        Pattern { parts: [(0, SegmentKind::Stem); MAX_PARTS], n: 0 }
    }

    pub(super) fn push(&mut self, len: usize, kind: SegmentKind) {
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
        let last = self.n as usize - 1;
        for (i, (len, kind)) in self.parts().enumerate() {
            pos += len;
            if i < last && kind != SegmentKind::Article {
                out.push(pos);
            }
        }
        out
    }

    /// True when the word is not split.
    pub fn is_whole(&self) -> bool {
        self.n <= 1
    }
}

/// Learned weights of the candidate scorer, keyed by hashed feature name.
#[derive(Debug, Clone, Default)]
pub struct SegmenterModel {
    weights: FxHashMap<u64, f32>,
}

#[inline]
pub(super) fn hash_name(name: &str) -> u64 {
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
/// Slots of the direct-mapped front cache (a power of two).
const FRONT_SIZE: usize = 1 << 12;

/// Memo of segmentation decisions by normalised word form, plus scratch buffers. Keep
/// one per thread (the text layer keeps one in each `TextLayer`).
#[derive(Default)]
pub struct SegmentCache {
    owner: u64,
    /// Keyed by a 64-bit hash of the form: no pointer to chase or string to compare on
    /// the hot path (a collision, vanishingly rare, would only cost one word its split).
    map: FxHashMap<u64, (Pattern, u32)>,
    front: Box<[(u64, Pattern, u32)]>,
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

/// One candidate segmentation of a word (for `khabar eval explain`): its parts joined
/// by ` + `, each with its lexicon count, its score, and the weighted features behind it.
pub type Explanation = (String, f32, Vec<(String, f32)>);

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
        if corpus_count < RARE_WORD && !pattern.is_whole() && doc.get(norm) >= 2 && self.doc_may_unsplit(norm, &pattern, doc, cache) {
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

    /// Whether the document could undo the corpus decision `pattern`: it splits off
    /// proclitics only, leaving a stem the document never uses (see `unattested_stem`).
    /// Checked before re-deciding, which is costly, so that most words skip it.
    fn doc_may_unsplit(&self, norm: &str, pattern: &Pattern, doc: &DocCounts, cache: &mut SegmentCache) -> bool {
        let mut pro_len = 0;
        let mut n_pro = 0;
        for (len, kind) in pattern.parts() {
            match kind {
                SegmentKind::Proclitic => {
                    pro_len += len;
                    n_pro += 1;
                }
                SegmentKind::Enclitic => return false,
                _ => {}
            }
        }
        if n_pro == 0 {
            return false;
        }
        let sc = &mut cache.scratch;
        sc.chars.clear();
        sc.chars.extend(norm.chars());
        // The last proclitic is a preposition unless it is the conjunction و or ف.
        let last = sc.chars[pro_len - 1];
        let prep = matches!(last, 'ب' | 'ل' | 'ك' | 'س').then_some(last);
        let ev = Evidence { lex: &self.lexicon, doc: Some(doc) };
        unattested_stem(&ev, &sc.chars, prep, (pro_len, sc.chars.len()), &mut sc.buf, &mut sc.s)
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
            cache.front = Box::new([]);
            cache.owner = self.id;
        }
        let key = hash_name(norm);
        // A small direct-mapped table in front of the map keeps the most frequent words
        // (a few thousand forms are most of the tokens) in the CPU cache.
        if cache.front.is_empty() {
            cache.front = vec![(0, Pattern::empty(), 0); FRONT_SIZE].into_boxed_slice();
        }
        let slot = (key as usize) & (FRONT_SIZE - 1);
        let f = cache.front[slot];
        if f.0 == key && key != 0 {
            return (f.1, f.2);
        }
        let p = match cache.map.get(&key) {
            Some(&p) => p,
            None => {
                let p = (self.decide(norm, &mut cache.scratch), self.lexicon.count(norm));
                if cache.map.len() >= CACHE_LIMIT {
                    cache.map.clear();
                }
                cache.map.insert(key, p);
                p
            }
        };
        cache.front[slot] = (key, p.0, p.1);
        p
    }

    /// Every candidate of a normalised word with its score and the weighted features
    /// behind it, best first (for `khabar eval explain`).
    pub fn explain(&self, norm: &str) -> Vec<Explanation> {
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
        if chars.len() > MAX_WORD_LETTERS {
            // No Arabic word is this long: noise (elongation, a run of letters) stays whole.
            let p = Pattern::whole(chars.len());
            sc.chars = chars;
            return p;
        }
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

