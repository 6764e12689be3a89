//! Repetition, inside a document and across documents.
//!
//! - [`repeated_passages`]: passages of five or more words an article says twice or
//!   more (an editor pasting a paragraph again, a quote restated), each with every place
//!   it occurs. Words are compared on their normalised forms and punctuation is skipped,
//!   so `"التزام" الولايات` and `التزام الولايات` read the same.
//! - [`signature`] and [`NearDuplicateIndex`]: MinHash (Broder 1997) over five-word
//!   shingles, with LSH banding, to find documents that nearly repeat an earlier one —
//!   the same wire story run by several outlets with a changed headline or a paragraph
//!   more. A signature is a fixed 128 numbers and can be stored
//!   (`Serialize`/`Deserialize`), so one index serves a batch `analyze` and, later, an
//!   archive that adds documents one at a time.
//!
//! ```
//! use khabar::news::duplicates::{signature, NearDuplicateIndex};
//! let a = khabar::Analyzer::default();
//! let story = "أعلنت وزارة الصحة السعودية اليوم تسجيل حالات جديدة في الرياض وجدة، وقالت إن الوضع الصحي مستقر وإن الفرق الطبية تتابع الحالات في المستشفيات.";
//! let mut index = NearDuplicateIndex::default();
//! assert!(index.insert("okaz/1", signature(&a.analyze_text(story))).is_none());
//! let again = index.insert("sabq/7", signature(&a.analyze_text(&format!("{story} (واس)")))).expect("a near-duplicate");
//! assert_eq!(again.id, "okaz/1");
//! assert!(again.similarity > 0.8);
//! ```

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};

use crate::doc::{Document, NearDuplicate, Repeat, Span, TokenKind};
use crate::news::index::DocIndex;

/// Shortest repeated passage reported, in words.
pub const MIN_PASSAGE_WORDS: usize = 5;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Number of MinHash functions (the signature's length).
pub const NUM_HASHES: usize = 128;
/// A document with fewer shingles than this (fewer than 14 words) has too little text
/// to call it a duplicate of anything: it is neither flagged nor indexed.
pub const MIN_SHINGLES: u32 = 10;
/// Estimated Jaccard similarity of shingle sets at and above which a document is a
/// near-duplicate. Measured on 2,000 SaudiNewsNet articles of one day (see
/// `tests/news_views.rs`): pairs of the same story across outlets sit from 0.5 to 1.0;
/// pairs of different stories, even on one topic, stay under 0.2, with almost nothing
/// between.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// Keeps the repeat search linear on degenerate input (a line pasted thousands of
/// times): a five-word sequence seen more often than this is only matched at its first
/// occurrences, and extension stops after this many word comparisons in all.
const MAX_GROUP: usize = 32;
const MAX_COMPARISONS: usize = 2_000_000;
/// LSH buckets keep their first entries only, so that a text repeated thousands of
/// times in an archive does not make every insert compare with all its copies.
const MAX_BUCKET: usize = 32;

/// The words of a document (Arabic, Latin and number tokens), as hashes of their
/// normalised forms, with their token indices.
fn word_hashes(doc: &Document) -> (Vec<u64>, Vec<usize>) {
    let mut hashes = Vec::with_capacity(doc.tokens.len());
    let mut index = Vec::with_capacity(doc.tokens.len());
    for (i, t) in doc.tokens.iter().enumerate() {
        if matches!(t.kind, TokenKind::Word | TokenKind::Latin | TokenKind::Number) {
            let mut h = FxHasher::default();
            // ة and ه are one letter to search (`norm` keeps them apart).
            for c in t.norm.chars() {
                (if c == 'ة' { 'ه' } else { c }).hash(&mut h);
            }
            hashes.push(mix64(h.finish()));
            index.push(i);
        }
    }
    (hashes, index)
}

/// The passages of at least [`MIN_PASSAGE_WORDS`] words that occur more than once in
/// `doc`, each as long as the repetition goes, with every occurrence; in order of first
/// occurrence. Occurrences of one passage do not overlap.
pub fn repeated_passages(doc: &Document) -> Vec<Repeat> {
    repeated_passages_indexed(doc, &DocIndex::new(&doc.text, &doc.tokens))
}

/// [`repeated_passages`] with the document's index already built.
pub fn repeated_passages_indexed(doc: &Document, index: &DocIndex) -> Vec<Repeat> {
    let (words, token_of) = word_hashes(doc);
    let n = words.len();
    if n < 2 * MIN_PASSAGE_WORDS {
        return Vec::new();
    }
    // Every start of a five-word run, sorted by the run's hash: equal runs are adjacent.
    let mut starts: Vec<(u64, u32)> =
        (0..=n - MIN_PASSAGE_WORDS).map(|i| (shingle_hash(&words[i..i + MIN_PASSAGE_WORDS]), i as u32)).collect();
    starts.sort_unstable();

    // Maximal matching pairs (p, q, len), grouped by the passage they repeat.
    let mut passages: FxHashMap<(u64, usize), Vec<usize>> = FxHashMap::default();
    let mut budget = MAX_COMPARISONS;
    for group in starts.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let group = &group[..group.len().min(MAX_GROUP)];
        for (a, &(_, p)) in group.iter().enumerate() {
            for &(_, q) in &group[a + 1..] {
                let (p, q) = (p as usize, q as usize);
                if words[p..p + MIN_PASSAGE_WORDS] != words[q..q + MIN_PASSAGE_WORDS] {
                    continue; // a hash collision
                }
                // Only pairs that cannot be extended to the left: the others are the
                // tails of a longer match found from its own start.
                if p > 0 && words[p - 1] == words[q - 1] {
                    continue;
                }
                // Extend to the right, never into the other occurrence.
                let mut len = MIN_PASSAGE_WORDS;
                while p + len < q && q + len < n && words[p + len] == words[q + len] && budget > 0 {
                    len += 1;
                    budget -= 1;
                }
                if p + len > q {
                    continue; // the run overlaps itself (a word repeated ten times)
                }
                let occurrences = passages.entry((shingle_hash(&words[p..p + len]), len)).or_default();
                occurrences.push(p);
                occurrences.push(q);
            }
        }
    }

    let slicer = &index.slicer;
    let mut out: Vec<Repeat> = passages
        .into_iter()
        .filter_map(|((_, len), mut starts)| {
            starts.sort_unstable();
            starts.dedup();
            // Drop occurrences that overlap the previous one kept.
            let mut kept: Vec<usize> = Vec::with_capacity(starts.len());
            for s in starts {
                if kept.last().is_none_or(|&k| s >= k + len) {
                    kept.push(s);
                }
            }
            if kept.len() < 2 {
                return None;
            }
            let spans: Vec<Span> = kept
                .iter()
                .filter_map(|&s| {
                    let (first, last) = (&doc.tokens[token_of[s]], &doc.tokens[token_of[s + len - 1]]);
                    slicer.span(first.start, last.end)
                })
                .collect();
            let text = spans.first()?.text.clone();
            Some(Repeat { text, spans })
        })
        .collect();
    out.sort_by_key(|r| r.spans.first().map(|s| (s.start, std::cmp::Reverse(s.end))));
    out
}

/// A document's MinHash: for each of [`NUM_HASHES`] hash functions, the least hash of
/// its five-word shingles. Two signatures agree at each position with probability
/// equal to the Jaccard similarity of the two shingle sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHashSignature {
    /// Number of shingles the document has (0 when it has fewer than five words).
    shingles: u32,
    mins: Vec<u32>,
}

impl MinHashSignature {
    /// Estimated Jaccard similarity of the two documents' shingle sets, 0–1. A
    /// document without shingles is similar to nothing, not even to another one.
    pub fn similarity(&self, other: &Self) -> f32 {
        if self.shingles == 0 || other.shingles == 0 || self.mins.len() != other.mins.len() || self.mins.is_empty() {
            return 0.0;
        }
        let equal = self.mins.iter().zip(&other.mins).filter(|(a, b)| a == b).count();
        equal as f32 / self.mins.len() as f32
    }

    /// Number of five-word shingles of the document.
    pub fn shingles(&self) -> u32 {
        self.shingles
    }

    /// Too little text to be compared (see [`MIN_SHINGLES`]).
    pub fn is_too_short(&self) -> bool {
        self.shingles < MIN_SHINGLES
    }

    /// The signature as bytes, for storage (an archive keeps one per document):
    /// the shingle count, then the minima, each little-endian `u32`.
    pub fn to_bytes(&self) -> Vec<u8> {
        std::iter::once(self.shingles).chain(self.mins.iter().copied()).flat_map(u32::to_le_bytes).collect()
    }

    /// The signature [`to_bytes`](Self::to_bytes) wrote; `None` unless `bytes` has the
    /// length of one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != 4 * (NUM_HASHES + 1) {
            return None;
        }
        let mut words = bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let shingles = words.next()?;
        Some(MinHashSignature { shingles, mins: words.collect() })
    }
}

/// The MinHash signature of `doc`'s words.
pub fn signature(doc: &Document) -> MinHashSignature {
    let (words, _) = word_hashes(doc);
    let mut mins = [u32::MAX; NUM_HASHES];
    if words.len() < SHINGLE_WORDS {
        return MinHashSignature { shingles: 0, mins: mins.to_vec() };
    }
    let (a, b) = hash_params();
    let shingles = words.len() - SHINGLE_WORDS + 1;
    for w in words.windows(SHINGLE_WORDS) {
        let h = shingle_hash(w);
        // Multiply-add-shift (Dietzfelbinger): a 2-independent family mapping the
        // 32-bit shingle hash to 32 bits, one (a, b) pair per function. Fixed-size
        // arrays let the compiler vectorise the 128 lanes.
        let x = (h ^ (h >> 32)) & 0xFFFF_FFFF;
        for k in 0..NUM_HASHES {
            let v = (a[k].wrapping_mul(x).wrapping_add(b[k]) >> 32) as u32;
            mins[k] = mins[k].min(v);
        }
    }
    MinHashSignature { shingles: shingles.min(u32::MAX as usize) as u32, mins: mins.to_vec() }
}

/// The fixed parameters of the hash functions: a signature must mean the same in
/// every process and version, so they come from a fixed seed, not from randomness.
fn hash_params() -> &'static ([u64; NUM_HASHES], [u64; NUM_HASHES]) {
    static PARAMS: std::sync::OnceLock<([u64; NUM_HASHES], [u64; NUM_HASHES])> = std::sync::OnceLock::new();
    PARAMS.get_or_init(|| {
        let mut state: u64 = 0x6b68_6162_6172_0001; // "khabar" + 1
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            mix64(state)
        };
        let a = std::array::from_fn(|_| next() | 1);
        let b = std::array::from_fn(|_| next());
        (a, b)
    })
}

/// SplitMix64's finaliser: spreads every input bit over the output.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Order-sensitive hash of a run of word hashes.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h: u64 = 0;
    for &w in words {
        h = mix64(h.rotate_left(23) ^ w);
    }
    h
}

/// Documents seen so far, by signature, to find for each new one the most similar
/// earlier one. LSH banding: the signature is cut into bands of `rows` values, and only
/// documents sharing a whole band with the new one are compared with it; `rows` is
/// chosen from the threshold so that a pair at the threshold shares a band with
/// probability ≥ 0.99.
#[derive(Debug, Clone)]
pub struct NearDuplicateIndex {
    threshold: f32,
    rows: usize,
    bands: Vec<FxHashMap<u64, Vec<u32>>>,
    ids: Vec<Box<str>>,
    signatures: Vec<MinHashSignature>,
}

impl Default for NearDuplicateIndex {
    fn default() -> Self {
        Self::new(DEFAULT_THRESHOLD)
    }
}

impl NearDuplicateIndex {
    /// An empty index that reports matches of estimated similarity ≥ `threshold`
    /// (clamped to 0.05–1).
    pub fn new(threshold: f32) -> Self {
        let threshold = if threshold.is_nan() { DEFAULT_THRESHOLD } else { threshold.clamp(0.05, 1.0) };
        // The most rows per band (fewest false candidates) that still finds a pair at
        // the threshold with probability ≥ 0.99: 1 - (1 - t^r)^b.
        let rows = (1..=16)
            .rev()
            .find(|&r| {
                let b = (NUM_HASHES / r) as i32;
                1.0 - (1.0 - (threshold as f64).powi(r as i32)).powi(b) >= 0.99
            })
            .unwrap_or(1);
        NearDuplicateIndex {
            threshold,
            rows,
            bands: vec![FxHashMap::default(); NUM_HASHES / rows],
            ids: Vec::new(),
            signatures: Vec::new(),
        }
    }

    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Number of documents indexed (too-short ones are not).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The most similar indexed document at or above the threshold (the earliest on a
    /// tie), without adding `sig`.
    pub fn query(&self, sig: &MinHashSignature) -> Option<NearDuplicate> {
        if sig.is_too_short() || sig.mins.len() != NUM_HASHES {
            return None;
        }
        let mut candidates: Vec<u32> = Vec::new();
        for (band, table) in self.bands.iter().enumerate() {
            if let Some(docs) = table.get(&self.band_key(sig, band)) {
                candidates.extend_from_slice(docs);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(u32, f32)> = None;
        for d in candidates {
            let s = sig.similarity(&self.signatures[d as usize]);
            if s >= self.threshold && best.is_none_or(|(_, b)| s > b) {
                best = Some((d, s));
            }
        }
        best.map(|(d, similarity)| NearDuplicate { id: self.ids[d as usize].to_string(), similarity })
    }

    /// Looks `sig` up (see [`query`](Self::query)), then adds it under `id`. A document
    /// too short to compare is neither matched nor added.
    pub fn insert(&mut self, id: &str, sig: MinHashSignature) -> Option<NearDuplicate> {
        if sig.is_too_short() || sig.mins.len() != NUM_HASHES {
            return None;
        }
        let found = self.query(&sig);
        let d = self.ids.len() as u32;
        for band in 0..self.bands.len() {
            let key = self.band_key(&sig, band);
            let bucket = self.bands[band].entry(key).or_default();
            if bucket.len() < MAX_BUCKET {
                bucket.push(d);
            }
        }
        self.ids.push(id.into());
        self.signatures.push(sig);
        found
    }

    fn band_key(&self, sig: &MinHashSignature, band: usize) -> u64 {
        let mut h = FxHasher::default();
        sig.mins[band * self.rows..(band + 1) * self.rows].hash(&mut h);
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::slice_chars;
    use crate::Analyzer;

    fn doc(text: &str) -> Document {
        Analyzer::default().analyze_text(text)
    }

    fn check_spans(d: &Document, reps: &[Repeat]) {
        for r in reps {
            assert!(r.spans.len() >= 2, "{r:?}");
            assert_eq!(r.text, r.spans[0].text);
            for s in &r.spans {
                assert_eq!(slice_chars(&d.text, s.start, s.end), s.text);
            }
            assert!(r.spans.windows(2).all(|w| w[0].end <= w[1].start), "overlapping occurrences: {r:?}");
        }
    }

    #[test]
    fn a_repeated_clause_is_found_with_both_spans_and_as_far_as_it_goes() {
        // The clause is repeated with different punctuation and different words around it.
        let text = "قال الوزير إن الحكومة ستواصل دعم المزارعين في المناطق الريفية، وذلك خلال مؤتمر صحفي.\n\
            وفي سياق آخر، أكد أن «الحكومة ستواصل دعم المزارعين في المناطق الريفية» حتى نهاية العام.";
        let d = doc(text);
        let reps = repeated_passages(&d);
        check_spans(&d, &reps);
        assert_eq!(reps.len(), 1, "{reps:#?}");
        // `إن` and `أن` are one normalised form, so the match starts there; the
        // quotation mark inside the second occurrence does not stop it.
        assert_eq!(reps[0].text, "إن الحكومة ستواصل دعم المزارعين في المناطق الريفية");
        assert_eq!(reps[0].spans.len(), 2);
        assert_eq!(reps[0].spans[1].text, "أن «الحكومة ستواصل دعم المزارعين في المناطق الريفية");
    }

    #[test]
    fn merely_similar_sentences_are_not_repeats() {
        // Same topic and many shared words, but never five in a row.
        let text = "قال الوزير إن الحكومة ستواصل دعم المزارعين في المناطق الريفية.\n\
            وأكد الوزير أن الحكومة سوف تواصل دعم صغار المزارعين في كل المناطق الريفية.";
        let d = doc(text);
        assert!(repeated_passages(&d).is_empty(), "{:#?}", repeated_passages(&d));
        // Four words in a row is still not a passage.
        let d = doc("ذهب الوفد إلى مدينة الرياض أمس. ثم عاد الوفد إلى مدينة الرياض اليوم.");
        assert!(repeated_passages(&d).is_empty());
    }

    #[test]
    fn three_occurrences_and_degenerate_repetition() {
        let p = "إن الأمن والاستقرار في المنطقة مسؤولية الجميع";
        let text = format!("{p}. وقال آخر {p}. ثم قالوا جميعا {p}!");
        let d = doc(&text);
        let reps = repeated_passages(&d);
        check_spans(&d, &reps);
        let r = reps.iter().find(|r| r.text == p).unwrap_or_else(|| panic!("{reps:#?}"));
        assert_eq!(r.spans.len(), 3);

        // One word a thousand times: no panic, no overlapping occurrences, fast.
        let text = "كلمة ".repeat(1000);
        let d = doc(&text);
        let t = std::time::Instant::now();
        let reps = repeated_passages(&d);
        assert!(t.elapsed().as_secs_f32() < 2.0);
        check_spans(&d, &reps);
    }

    const ARTICLE: &str = "أعلنت وزارة الصحة السعودية اليوم تسجيل ثلاث حالات إصابة جديدة بفيروس كورونا في مدينة الرياض، \
        مشيرة إلى أن المصابين يتلقون العلاج اللازم في المستشفيات المتخصصة وأن حالتهم مستقرة.\n\
        وأوضحت الوزارة في بيان نشرته على موقعها الإلكتروني أن فرق الرصد الوبائي تتابع المخالطين للمصابين \
        وتجري لهم الفحوص اللازمة للتأكد من عدم انتقال العدوى إليهم.\n\
        ودعت الوزارة المواطنين والمقيمين إلى الالتزام بالإجراءات الوقائية وغسل اليدين باستمرار وتجنب الأماكن المزدحمة \
        ومراجعة أقرب مركز صحي عند ظهور أعراض الحمى أو السعال أو ضيق التنفس.\n\
        وكانت الوزارة قد أطلقت حملة توعوية واسعة في المدارس والجامعات والمراكز التجارية للتعريف بطرق الوقاية من المرض \
        وأهمية الإبلاغ المبكر عن الحالات المشتبه بها.";

    const UNRELATED: &str = "فاز فريق الهلال على منافسه النصر بثلاثة أهداف مقابل هدف واحد في المباراة التي جمعت بينهما مساء أمس \
        على ملعب الملك فهد الدولي بالرياض ضمن منافسات الدوري السعودي للمحترفين.\n\
        وسجل أهداف الهلال اللاعب ناصر الشمراني في الدقيقة العاشرة ثم أضاف زميله سالم الدوسري الهدف الثاني قبل نهاية الشوط الأول \
        فيما أحرز البديل الهدف الثالث في الوقت بدل الضائع.\n\
        وبهذا الفوز رفع الهلال رصيده إلى خمس عشرة نقطة في صدارة الترتيب بينما تجمد رصيد النصر عند عشر نقاط في المركز الرابع.";

    #[test]
    fn identical_documents_have_similarity_one() {
        let a = signature(&doc(ARTICLE));
        let b = signature(&doc(ARTICLE));
        assert_eq!(a, b);
        assert_eq!(a.similarity(&b), 1.0);
        assert!(!a.is_too_short());
    }

    #[test]
    fn one_changed_paragraph_stays_above_the_threshold() {
        let paragraphs: Vec<&str> = ARTICLE.split('\n').collect();
        let changed = [
            paragraphs[0],
            "وذكرت الوزارة أن عدد الحالات المسجلة منذ بداية العام بلغ مئة وعشرين حالة تعافى معظمها وغادر المستشفيات بعد استكمال العلاج.",
            paragraphs[2],
            paragraphs[3],
        ]
        .join("\n");
        let a = signature(&doc(ARTICLE));
        let b = signature(&doc(&changed));
        let s = a.similarity(&b);
        assert!(s >= DEFAULT_THRESHOLD, "similarity {s}");
        assert!(s < 1.0, "similarity {s}");
        let mut index = NearDuplicateIndex::default();
        assert!(index.insert("a", a).is_none());
        let found = index.insert("b", b).expect("b is a near-duplicate of a");
        assert_eq!(found.id, "a");
        assert_eq!(found.similarity, s);
    }

    #[test]
    fn unrelated_articles_are_dissimilar() {
        let a = signature(&doc(ARTICLE));
        let b = signature(&doc(UNRELATED));
        assert!(a.similarity(&b) < 0.2, "{}", a.similarity(&b));
        let mut index = NearDuplicateIndex::default();
        assert!(index.insert("a", a).is_none());
        assert!(index.insert("b", b).is_none());
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn short_documents_are_not_flagged() {
        let mut index = NearDuplicateIndex::default();
        // Empty, shorter than a shingle, and a few words: all distinct short texts
        // would have equal (empty) signatures if emptiness were not handled.
        for (k, t) in ["", "عاجل", "صورة اليوم", "الرياض - واس", "تابعونا على تويتر", "شاهد الفيديو الكامل هنا الآن من فضلك"].iter().enumerate() {
            let sig = signature(&doc(t));
            assert!(sig.is_too_short(), "{t}");
            assert!(index.insert(&k.to_string(), sig.clone()).is_none(), "{t} flagged");
            assert!(index.insert(&format!("{k}b"), sig).is_none(), "{t} flagged against itself");
        }
        assert!(index.is_empty());
        assert_eq!(signature(&doc("")).similarity(&signature(&doc(""))), 0.0);
    }

    #[test]
    fn signatures_round_trip_through_bytes() {
        let sig = signature(&doc(ARTICLE));
        assert!(!sig.is_too_short());
        assert_eq!(MinHashSignature::from_bytes(&sig.to_bytes()), Some(sig.clone()));
        assert_eq!(MinHashSignature::from_bytes(&sig.to_bytes()[4..]), None);
    }

    #[test]
    fn signatures_round_trip_through_json_and_pick_the_most_similar() {
        let a = signature(&doc(ARTICLE));
        let json = serde_json::to_string(&a).expect("serialise");
        let back: MinHashSignature = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(a, back);

        // `b` is closer to the query than `a` is: the index must say `b`.
        let paragraphs: Vec<&str> = ARTICLE.split('\n').collect();
        let mut index = NearDuplicateIndex::new(0.3);
        index.insert("a", signature(&doc(&paragraphs[..3].join("\n"))));
        index.insert("b", signature(&doc(&paragraphs[..4].join("\n"))));
        index.insert("u", signature(&doc(UNRELATED)));
        let found = index.query(&a).expect("a match");
        assert_eq!(found.id, "b");
    }

    #[test]
    fn rows_per_band_follow_the_threshold() {
        assert!(NearDuplicateIndex::new(0.9).rows > NearDuplicateIndex::new(0.5).rows);
        assert!(NearDuplicateIndex::new(0.5).rows > NearDuplicateIndex::new(0.1).rows);
        assert_eq!(NearDuplicateIndex::new(f32::NAN).threshold(), DEFAULT_THRESHOLD);
    }
}
