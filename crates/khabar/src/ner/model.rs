//! The model (feature weights, tag transitions, gazetteers), its file format, and the
//! [`Tagger`] that applies it.
//!
//! Weights are keyed by 64-bit feature hashes ([`super::features::feature_hash`]) rather
//! than by names: the file holds no strings for features, look-ups are one hash probe,
//! and the format does not care which features exist. Each feature has a row of one
//! weight per tag; rows are stored sparsely (a bit mask of non-zero tags, then those
//! weights), since most features only ever pushed one or two tags.
//!
//! File layout (all integers little-endian):
//!
//! ```text
//! "KHABNER\0"  u32 version (6)  u32 number of tags (9)  u32 flags (bit 0: context aggregation)
//! f32 × (9+1)·9                 transitions; the last row is the sentence start
//! u32 max entity length, then four lists — entities (u8 = type), entity words,
//! trigger words and the hand-written name lists' entries (u8 = type bit mask) — each:
//! u32 count, then (u16 len, UTF-8, u8)
//! u32 count, then per distributional signature: u64 form hash, u16 × 6 neighbours
//! u32 count, then per word cluster: u64 form hash, u16 path
//! u32 number of flat clusterings K, then u32 count, then per word: u64 form hash, u16 × K
//! u32 count, then per word with name cues: u64 form hash, u8 × 4 buckets
//! u32 count, then per voted stem: u64 stem hash, u8 × 4 share buckets
//! u32 count, then per training sentence: u64 fingerprint (see [`Model::trained_on`])
//! u32 count, then per feature: u64 hash, u16 tag mask, f32 per set bit
//! ```
//!
//! Everything is written sorted, so the same weights always give the same bytes.

use rustc_hash::FxHashMap;
use std::fmt;
use std::hash::BuildHasher;

use super::decode::{viterbi, Transitions};
use super::features::{analyze_token_as, feature_hash, local_features, mark_sentence, neighbour_features, sentence_pair_features, SentenceFeatures, TokenInfo, NEIGHBOURS};
use super::distrib::{Distrib, Flat, TOP};
use super::embed::KS;
use super::gazetteer::Gazetteer;
use super::{EntityType, Tag, N_TAGS};
use crate::text::normalize::{normalize_append, NormalizeOptions};
use crate::text::segment::{Pattern, Segmenter};

const MAGIC: &[u8; 8] = b"KHABNER\0";
const VERSION: u32 = 6;

/// Weights, transitions and gazetteers.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Feature hash → weight per tag, held in the table itself: tagging looks up
    /// every feature of every token, and one memory access beats two.
    rows: FxHashMap<u64, [f32; N_TAGS]>,
    pub(crate) trans: Transitions,
    pub(crate) gaz: Gazetteer,
    pub(crate) dist: Distrib,
    /// Trained with context aggregation features ([`super::aggregate`]): tagging a
    /// document computes them too.
    pub(crate) aggregate: bool,
    /// Fingerprints of the sentences it was trained on, so that a score over them is
    /// not mistaken for a held-out one.
    trained: rustc_hash::FxHashSet<u64>,
}

/// A sentence's fingerprint: its tokens, as given.
fn fingerprint(tokens: &[&str]) -> u64 {
    tokens.iter().fold(crate::hash::fnv1a(b""), |h, t| (h.rotate_left(7) ^ crate::hash::fnv1a(t.as_bytes())).wrapping_mul(0x0100_0000_01b3))
}

/// A model file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NER model, byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ModelError {}

impl Model {
    /// Builds a model from feature rows. Rows whose weights are all zero are dropped.
    pub fn new(rows: impl IntoIterator<Item = (u64, [f32; N_TAGS])>, trans: Transitions, gaz: Gazetteer, dist: Distrib) -> Model {
        let mut m = Model { trans, gaz, dist, ..Model::default() };
        for (h, w) in rows {
            if w.iter().any(|&x| x != 0.0) {
                m.rows.insert(h, w);
            }
        }
        m
    }

    #[inline]
    pub fn row(&self, hash: u64) -> Option<&[f32; N_TAGS]> {
        self.rows.get(&hash)
    }

    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// The same model, marked as trained with context aggregation (or not).
    pub fn with_aggregate(self, aggregate: bool) -> Model {
        Model { aggregate, ..self }
    }

    pub fn aggregates(&self) -> bool {
        self.aggregate
    }

    /// The same model, recording the sentences it was trained on.
    pub fn with_training_sentences<'a>(mut self, sentences: impl IntoIterator<Item = &'a [&'a str]>) -> Model {
        self.trained = sentences.into_iter().map(fingerprint).collect();
        self
    }

    /// Whether the model was trained on this sentence (the same tokens; a fingerprint
    /// collision, vanishingly rare, would say yes for another).
    pub fn trained_on(&self, tokens: &[&str]) -> bool {
        self.trained.contains(&fingerprint(tokens))
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    pub fn distrib(&self) -> &Distrib {
        &self.dist
    }

    pub fn transitions(&self) -> &Transitions {
        &self.trans
    }

    /// Per-token tag scores of a sentence's features.
    pub fn emissions(&self, feats: &SentenceFeatures, out: &mut Vec<[f32; N_TAGS]>) {
        out.clear();
        for i in 0..feats.len() {
            let mut e = [0f32; N_TAGS];
            for &h in feats.token(i) {
                if let Some(w) = self.row(h) {
                    for (a, b) in e.iter_mut().zip(w) {
                        *a += b;
                    }
                }
            }
            out.push(e);
        }
    }

    /// The file bytes (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&u32::from(self.aggregate).to_le_bytes());
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.gaz.max_len as u32).to_le_bytes());
        let mut ents: Vec<(&str, u8)> = self.gaz.entities.iter().map(|(k, t)| (k.as_str(), t.index() as u8)).collect();
        let mut words: Vec<(&str, u8)> = self.gaz.words.iter().map(|(k, &m)| (k.as_str(), m)).collect();
        let mut trig: Vec<(&str, u8)> = self.gaz.triggers.iter().map(|(k, &m)| (k.as_str(), m)).collect();
        let mut listed: Vec<(&str, u8)> = self.gaz.lists.entries.iter().map(|(k, &m)| (k.as_str(), m)).collect();
        for list in [&mut ents, &mut words, &mut trig, &mut listed] {
            list.sort_unstable();
            out.extend_from_slice(&(list.len() as u32).to_le_bytes());
            for (s, b) in list.iter() {
                // Entity strings are at most a few tokens; longer ones are cut at a
                // char boundary rather than written with a wrapped length.
                let mut end = s.len().min(u16::MAX as usize);
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                out.extend_from_slice(&(end as u16).to_le_bytes());
                out.extend_from_slice(&s.as_bytes()[..end]);
                out.push(*b);
            }
        }
        write_table(&mut out, &self.dist.sig, |sig, out| sig.iter().for_each(|c| out.extend_from_slice(&c.to_le_bytes())));
        write_table(&mut out, &self.dist.paths, |p, out| out.extend_from_slice(&p.to_le_bytes()));
        out.extend_from_slice(&(KS.len() as u32).to_le_bytes());
        write_table(&mut out, &self.dist.flat, |f, out| f.iter().for_each(|c| out.extend_from_slice(&c.to_le_bytes())));
        write_table(&mut out, &self.dist.cues, |v, out| out.extend_from_slice(v));
        write_table(&mut out, &self.dist.votes.map, |v, out| out.extend_from_slice(v));
        let mut trained: Vec<u64> = self.trained.iter().copied().collect();
        trained.sort_unstable();
        out.extend_from_slice(&(trained.len() as u32).to_le_bytes());
        trained.iter().for_each(|h| out.extend_from_slice(&h.to_le_bytes()));
        let mut rows: Vec<(u64, &[f32; N_TAGS])> = self.rows.iter().map(|(&h, w)| (h, w)).collect();
        rows.sort_unstable_by_key(|&(h, _)| h);
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (h, w) in rows {
            let mask = w.iter().enumerate().filter(|(_, x)| **x != 0.0).fold(0u16, |m, (k, _)| m | 1 << k);
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&mask.to_le_bytes());
            for x in w.iter().filter(|x| **x != 0.0) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Reads the file bytes, checking every length against the data.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = ByteReader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(r.error("not a khabar NER model (bad magic)"));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(r.error(&format!("unsupported version {version} (this build reads {VERSION})")));
        }
        let n = r.u32()?;
        if n as usize != N_TAGS {
            return Err(r.error(&format!("{n} tags, expected {N_TAGS}")));
        }
        let mut m = Model::default();
        let flags = r.u32()?;
        if flags > 1 {
            return Err(r.error(&format!("unknown flags {flags:#x}")));
        }
        m.aggregate = flags & 1 != 0;
        for row in m.trans.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        m.gaz.max_len = r.u32()? as usize;
        for list in 0..4 {
            let count = r.u32()?;
            for _ in 0..count {
                let len = r.u16()? as usize;
                let at = r.pos;
                let s = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError { offset: at, message: "gazetteer entry is not UTF-8".into() })?.to_string();
                let b = r.u8()?;
                match list {
                    0 => {
                        let t = EntityType::from_index(b as usize).ok_or_else(|| r.error(&format!("bad entity type {b}")))?;
                        m.gaz.insert_entity(s, t);
                    }
                    1 => {
                        m.gaz.words.insert(s, b);
                    }
                    2 => {
                        m.gaz.triggers.insert(s, b);
                    }
                    _ => {
                        m.gaz.lists.insert(s, b);
                    }
                }
            }
        }
        read_table(&mut r, &mut m.dist.sig, |r| {
            let mut sig = [0u16; 2 * TOP];
            for c in sig.iter_mut() {
                *c = r.u16()?;
            }
            Ok(sig)
        })?;
        read_table(&mut r, &mut m.dist.paths, |r| r.u16())?;
        let nk = r.u32()? as usize;
        if nk != KS.len() {
            return Err(r.error(&format!("{nk} flat clusterings, this build has {}", KS.len())));
        }
        read_table(&mut r, &mut m.dist.flat, |r| {
            let mut f: Flat = [0; KS.len()];
            for c in f.iter_mut() {
                *c = r.u16()?;
            }
            Ok(f)
        })?;
        read_table(&mut r, &mut m.dist.cues, |r| buckets(r, 5, "cue"))?;
        read_table(&mut r, &mut m.dist.votes.map, |r| buckets(r, 4, "vote"))?;
        let count = r.u32()? as usize;
        m.trained.reserve(count.min((bytes.len() - r.pos) / 8));
        for _ in 0..count {
            m.trained.insert(r.u64()?);
        }
        let count = r.u32()? as usize;
        m.rows.reserve(count.min(bytes.len() / 14));
        for _ in 0..count {
            let h = r.u64()?;
            let mask = r.u16()?;
            if mask >> N_TAGS != 0 {
                return Err(r.error(&format!("bad tag mask {mask:#x}")));
            }
            let mut w = [0f32; N_TAGS];
            for (k, x) in w.iter_mut().enumerate() {
                if mask & (1 << k) != 0 {
                    *x = r.f32()?;
                }
            }
            m.rows.insert(h, w);
        }
        if r.pos != bytes.len() {
            return Err(r.error("trailing bytes"));
        }
        Ok(m)
    }
}

/// Writes a table keyed by form hash: its length, then each key (ascending, so that the
/// same table always gives the same bytes) and its value.
fn write_table<V>(out: &mut Vec<u8>, table: &FxHashMap<u64, V>, value: impl Fn(&V, &mut Vec<u8>)) {
    let mut entries: Vec<(&u64, &V)> = table.iter().collect();
    entries.sort_unstable_by_key(|&(h, _)| *h);
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (h, v) in entries {
        out.extend_from_slice(&h.to_le_bytes());
        value(v, out);
    }
}

/// Reads a table written by [`write_table`] into `table`.
fn read_table<V>(r: &mut ByteReader, table: &mut FxHashMap<u64, V>, mut value: impl FnMut(&mut ByteReader) -> Result<V, ModelError>) -> Result<(), ModelError> {
    let count = r.u32()? as usize;
    // A corrupt count must not reserve more than the file could hold (8-byte keys).
    table.reserve(count.min((r.bytes.len() - r.pos) / 8));
    for _ in 0..count {
        let h = r.u64()?;
        let v = value(r)?;
        table.insert(h, v);
    }
    Ok(())
}

/// Four bucket bytes, each at most `max`.
fn buckets(r: &mut ByteReader, max: u8, what: &str) -> Result<[u8; 4], ModelError> {
    let mut v = [0u8; 4];
    for b in v.iter_mut() {
        *b = r.u8()?;
        if *b > max {
            return Err(r.error(&format!("bad {what} bucket {b}")));
        }
    }
    Ok(v)
}

struct ByteReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    fn error(&self, message: &str) -> ModelError {
        ModelError { offset: self.pos, message: message.to_string() }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| self.error("truncated file"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn array<const K: usize>(&mut self) -> Result<[u8; K], ModelError> {
        let mut a = [0u8; K];
        a.copy_from_slice(self.take(K)?);
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, ModelError> {
        self.array().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        self.array().map(u64::from_le_bytes)
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        self.array().map(f32::from_le_bytes)
    }
}

/// Tags tokens with a model. `&Tagger` is `Sync`: share one across threads.
pub struct Tagger {
    model: Model,
    segmenter: Segmenter,
}

impl Tagger {
    pub fn new(model: Model, segmenter: Segmenter) -> Tagger {
        Tagger { model, segmenter }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Tags one sentence. The result is always valid BIO. Longer inputs (a whole
    /// document) work too, but sentence by sentence is what the model was trained on.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        let mut scratch = TagScratch::default();
        let mut out = Vec::new();
        self.tag_into(tokens, &mut scratch, &mut out);
        out
    }

    /// [`Tagger::tag`] reusing buffers (for bulk tagging).
    pub fn tag_into(&self, tokens: &[&str], sc: &mut TagScratch, out: &mut Vec<Tag>) {
        self.tag_visit(tokens, sc, out, |_, _| {});
    }

    /// [`Tagger::tag_into`], also showing `visit` what the features saw of each token
    /// (its stem, clitics…).
    pub fn tag_visit(&self, tokens: &[&str], sc: &mut TagScratch, out: &mut Vec<Tag>, visit: impl FnMut(usize, &TokenInfo)) {
        self.tag_segmented(tokens, &[], sc, out, visit);
    }

    /// [`Tagger::tag_visit`] with each token's clitic segmentation given by the text
    /// layer (`patterns[i]`, when present, replaces the tagger's own context-free
    /// decision: a rare name the article repeats stays whole, `بايدن` not ب + ايدن).
    pub fn tag_segmented(&self, tokens: &[&str], patterns: &[Option<Pattern>], sc: &mut TagScratch, out: &mut Vec<Tag>, visit: impl FnMut(usize, &TokenInfo)) {
        self.start(sc, 0);
        self.analyse(tokens, patterns, sc);
        self.decode(sc, None, out, visit);
    }

    /// Tags the sentences of one document (`patterns[k]`, when present, as in
    /// [`Tagger::tag_segmented`]; `visit(k, i, info)` for token i of sentence k). A model
    /// trained with context aggregation ([`super::aggregate`]) also shows each token what
    /// the other occurrences of its stem in nearby sentences say; otherwise this is
    /// [`Tagger::tag_segmented`] sentence by sentence.
    pub fn tag_sentences<'a, S: AsRef<[&'a str]>>(&self, sentences: &[S], patterns: &[Vec<Option<Pattern>>], sc: &mut TagScratch, out: &mut Vec<Vec<Tag>>, mut visit: impl FnMut(usize, usize, &TokenInfo)) {
        out.clear();
        let pats = |k: usize| patterns.get(k).map_or(&[][..], Vec::as_slice);
        if !self.model.aggregate {
            for (k, s) in sentences.iter().enumerate() {
                let mut tags = Vec::new();
                self.tag_segmented(s.as_ref(), pats(k), sc, &mut tags, |i, t| visit(k, i, t));
                out.push(tags);
            }
            return;
        }
        // Every sentence is analysed before any is tagged: the cache of word forms must
        // not be emptied in between (the analyses are referred to by index).
        self.start(sc, sentences.iter().map(|s| s.as_ref().len()).sum());
        let refs: Vec<Vec<u32>> = sentences
            .iter()
            .enumerate()
            .map(|(k, s)| {
                self.analyse(s.as_ref(), pats(k), sc);
                sc.refs.clone()
            })
            .collect();
        // The marks made for the evidence serve the features too.
        let (mut marks, agg) = {
            let infos: Vec<Vec<&TokenInfo>> = refs.iter().map(|r| r.iter().map(|&i| &sc.arena[i as usize].info).collect()).collect();
            super::aggregate::document(&infos, &self.model.gaz)
        };
        for (k, r) in refs.into_iter().enumerate() {
            sc.refs = r;
            let mut tags = Vec::new();
            self.decode(sc, Some((&agg[k], std::mem::take(&mut marks[k]))), &mut tags, |i, t| visit(k, i, t));
            out.push(tags);
        }
    }

    /// Empties the cache of word forms when it belongs to another tagger or is near its
    /// limit; `more` tokens are about to be analysed without a chance to empty it (a
    /// document's, for context aggregation). A document of more than half the limit
    /// may take the cache past it, by at most its own new forms.
    fn start(&self, sc: &mut TagScratch, more: usize) {
        let me = self as *const Tagger as usize;
        if sc.owner != me || sc.arena.len() + more.min(INFO_CACHE_LIMIT / 2) > INFO_CACHE_LIMIT {
            sc.owner = me;
            sc.arena.clear();
            sc.index.clear();
            sc.variants.clear();
            sc.agg_weights.clear();
            for (e, &k) in sc.edges.iter_mut().zip(&NEIGHBOURS) {
                *e = self.weights(|mut emit| neighbour_features(None, k, &self.model.gaz, &mut emit));
            }
        }
    }

    /// Analyses a sentence's tokens into `sc.refs` (indexes into the cache of forms).
    fn analyse(&self, tokens: &[&str], patterns: &[Option<Pattern>], sc: &mut TagScratch) {
        // What a token is does not depend on its neighbours: analyse each word form
        // once per scratch (news repeats its words), not once per occurrence.
        sc.refs.clear();
        for (k, &tok) in tokens.iter().enumerate() {
            let given = patterns.get(k).copied().flatten();
            let form = rustc_hash::FxBuildHasher.hash_one(tok);
            let cached = sc.index.get(&form).copied().filter(|&i| given.is_none() || sc.arena[i as usize].pattern == given);
            // A form the text layer split otherwise than the tagger alone would: under
            // its own (form, pattern) key, so that its analysis is not redone.
            let cached = cached.or_else(|| given.and_then(|p| sc.variants.get(&form).and_then(|v| v.iter().find(|(q, _)| *q == p)).map(|&(_, i)| i)));
            let i = match cached {
                Some(i) => i,
                None => {
                    let pattern = given.or_else(|| self.context_free_pattern(tok));
                    let info = analyze_token_as(&self.segmenter, &self.model.dist, tok, pattern);
                    let local = self.weights(|mut emit| local_features(&info, &self.model.gaz, &mut emit));
                    let as_neighbour = NEIGHBOURS.map(|k| self.weights(|mut emit| neighbour_features(Some(&info), k, &self.model.gaz, &mut emit)));
                    sc.arena.push(FormWeights { info, local, as_neighbour, pattern });
                    let i = (sc.arena.len() - 1) as u32;
                    // The context-free analysis is the one remembered by form alone.
                    match given {
                        Some(p) if sc.index.contains_key(&form) || Some(p) != self.context_free_pattern(tok) => {
                            sc.variants.entry(form).or_default().push((p, i));
                        }
                        _ => {
                            sc.index.insert(form, i);
                        }
                    }
                    i
                }
            };
            sc.refs.push(i);
        }
    }

    /// Scores and decodes the sentence analysed into `sc.refs`. `doc`, for a sentence of
    /// a document tagged with context aggregation: each token's aggregated evidence and
    /// the sentence's gazetteer marks, made while gathering it.
    fn decode(&self, sc: &mut TagScratch, doc: Option<(&[super::aggregate::Aggregated], Vec<super::gazetteer::GazMarks>)>, out: &mut Vec<Tag>, mut visit: impl FnMut(usize, &TokenInfo)) {
        let toks: Vec<&TokenInfo> = sc.refs.iter().map(|&i| &sc.arena[i as usize].info).collect();
        let agg = match doc {
            Some((agg, marks)) => {
                sc.marks = marks;
                Some(agg)
            }
            None => {
                mark_sentence(&toks, &self.model.gaz, &mut sc.marks);
                None
            }
        };
        sentence_pair_features(&toks, &self.model.gaz, &sc.marks, &mut sc.feats);
        self.model.emissions(&sc.feats, &mut sc.emit);
        for (pos, e) in sc.emit.iter_mut().enumerate() {
            let form = &sc.arena[sc.refs[pos] as usize];
            add(e, &form.local);
            for (slot, &k) in NEIGHBOURS.iter().enumerate() {
                let w = match usize::try_from(pos as isize + k).ok().and_then(|j| sc.refs.get(j)) {
                    Some(&j) => &sc.arena[j as usize].as_neighbour[slot],
                    None => &sc.edges[slot],
                };
                add(e, w);
            }
            if let Some(&a) = agg.and_then(|a| a.get(pos)) {
                if a.1 > 0 {
                    // Few distinct (evidence, count) pairs occur: their weights are summed once.
                    let key = u32::from(a.0) << 8 | u32::from(a.1);
                    let w = sc.agg_weights.entry(key).or_insert_with(|| self.weights(|emit| super::aggregate::features(a, &mut |t, p| emit(t, p))));
                    add(e, w);
                }
            }
        }
        viterbi(&sc.emit, &self.model.trans, &mut sc.back, out);
        for (i, t) in toks.iter().enumerate() {
            visit(i, t);
        }
    }
}

impl Tagger {
    /// The summed weights of the features `features` emits.
    fn weights(&self, features: impl FnOnce(&mut dyn FnMut(&'static str, &[&str]))) -> [f32; N_TAGS] {
        let mut sum = [0f32; N_TAGS];
        features(&mut |tpl, parts| {
            if let Some(w) = self.model.row(feature_hash(tpl, parts)) {
                add(&mut sum, w);
            }
        });
        sum
    }

    /// The segmenter's own decision for a token, over its default normalisation.
    fn context_free_pattern(&self, tok: &str) -> Option<Pattern> {
        let mut dnorm = String::with_capacity(tok.len());
        normalize_append(tok, &NormalizeOptions::default(), &mut dnorm);
        (!dnorm.is_empty()).then(|| self.segmenter.segment(&dnorm))
    }
}

#[inline]
fn add(sum: &mut [f32; N_TAGS], w: &[f32; N_TAGS]) {
    for (a, b) in sum.iter_mut().zip(w) {
        *a += b;
    }
}

/// What the tagger remembers of a word form: its analysis, and the summed weights of
/// the features that look at it alone — as the token itself and as each neighbour.
#[derive(Debug)]
struct FormWeights {
    info: TokenInfo,
    local: [f32; N_TAGS],
    as_neighbour: [[f32; N_TAGS]; NEIGHBOURS.len()],
    pattern: Option<Pattern>,
}

/// Distinct word forms remembered by a [`TagScratch`] before it starts afresh.
const INFO_CACHE_LIMIT: usize = 1 << 17;

/// Reusable buffers of [`Tagger::tag_into`], and its per-form analyses.
#[derive(Debug, Default)]
pub struct TagScratch {
    marks: Vec<super::gazetteer::GazMarks>,
    feats: SentenceFeatures,
    emit: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
    /// The tagger the cached analyses belong to (its address).
    owner: usize,
    /// Each form's analysis and feature weights.
    arena: Vec<FormWeights>,
    /// The weights of the neighbour features past the sentence's edges.
    edges: [[f32; N_TAGS]; NEIGHBOURS.len()],
    /// Keyed by a 64-bit hash of the form, as the segmenter's cache is: no string to
    /// chase and compare on each of the many hits (a collision, vanishingly rare, would
    /// give one form another's analysis).
    index: FxHashMap<u64, u32>,
    /// Forms segmented otherwise than the tagger's own decision, by (form, pattern).
    variants: FxHashMap<u64, Vec<(Pattern, u32)>>,
    /// The summed weights of each (evidence, count) of context aggregation met so far.
    agg_weights: FxHashMap<u32, [f32; N_TAGS]>,
    refs: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_round_trip_and_corruption() {
        let mut gaz = Gazetteer::default();
        gaz.insert_entity("باراك اوباما".into(), EntityType::Pers);
        gaz.triggers.insert("رئيس".into(), 1);
        let mut lists = super::super::lists::NameLists::default();
        lists.insert("كوت ديفوار".into(), 1 << EntityType::Loc.index());
        lists.insert("جورج".into(), 1 << EntityType::Pers.index());
        let gaz = gaz.with_lists(lists);
        let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
        trans[0][1] = -0.5;
        let seen: [&[&str]; 2] = [&["قال", "بوش"], &["في", "واشنطن", "."]];
        let m = Model::new([(7u64, [0.0, 1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -2.0]), (3, [0.0; N_TAGS])], trans, gaz.clone(), Distrib::default()).with_training_sentences(seen);
        assert_eq!(m.n_features(), 1);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.row(7).unwrap()[8], -2.0);
        assert_eq!(back.gaz, gaz);
        assert_eq!(back.trans[0][1], -0.5);
        assert!(back.trained_on(&["قال", "بوش"]) && back.trained_on(&["في", "واشنطن", "."]));
        // Token boundaries count: the same letters split otherwise are another sentence.
        assert!(!back.trained_on(&["قال", "بوش", "."]) && !back.trained_on(&["قالبوش"]) && !back.trained_on(&["قا", "لبوش"]));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).unwrap_err().message.contains("truncated"));
        assert!(Model::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn tagger_scores_as_the_full_feature_set_does() {
        // The tagger sums per-form weights (local, as each neighbour, the sentence's
        // edges); scoring every feature of every token directly must agree with it.
        use super::super::features::{analyze_sentence, sentence_features};
        let tagger = crate::models::default_tagger();
        let m = tagger.model();
        let mut sc = TagScratch::default();
        let mut tags = Vec::new();
        let sentences: [&[&str]; 4] = [
            &["وقال", "وزير", "الخارجية", "الفرنسي", "لوران", "فابيوس", "في", "باريس", "إن", "واشنطن", "مستعدة"],
            &["بايدن"],
            &["اتصل", "بنتنياهو"],
            &["أعلنت", "وزارة", "الصحة", "السعودية", "عن", "حالات", "في", "الرياض", "وجدة", "."],
        ];
        for tokens in sentences {
            tagger.tag_into(tokens, &mut sc, &mut tags);
            let toks = analyze_sentence(tagger.segmenter(), m.distrib(), tokens);
            let (mut marks, mut feats, mut direct) = (Vec::new(), SentenceFeatures::default(), Vec::new());
            sentence_features(&toks, m.gazetteer(), &mut marks, &mut feats);
            m.emissions(&feats, &mut direct);
            assert_eq!(sc.emit.len(), tokens.len());
            for (i, (a, b)) in sc.emit.iter().zip(&direct).enumerate() {
                for (x, y) in a.iter().zip(b) {
                    assert!((x - y).abs() <= 1e-4 * (1.0 + y.abs()), "{tokens:?} token {i}: {a:?} vs {b:?}");
                }
            }
        }
    }

    #[test]
    fn a_document_shows_each_token_its_other_occurrences() {
        // One weight: "another occurrence follows an organisation trigger" says B-ORG.
        let mut gaz = Gazetteer::default();
        gaz.triggers.insert("فريق".into(), 3 << (2 * EntityType::Org.index()));
        let mut row = [0f32; N_TAGS];
        row[Tag::B(EntityType::Org).index()] = 5.0;
        let trans = [[0f32; N_TAGS]; N_TAGS + 1];
        let model = |aggregate| Model::new([(feature_hash("agg", &["t:ORG"]), row)], trans, gaz.clone(), Distrib::default()).with_aggregate(aggregate);
        let doc: [&[&str]; 2] = [&["فاز", "فريق", "بنفيكا"], &["وتعادل", "بنفيكا", "أمس"]];
        let org = Tag::B(EntityType::Org);
        for aggregate in [true, false] {
            let tagger = Tagger::new(model(aggregate), crate::models::default_segmenter());
            let (mut sc, mut tags) = (TagScratch::default(), Vec::new());
            let mut seen = Vec::new();
            tagger.tag_sentences(&doc, &[], &mut sc, &mut tags, |k, i, t| seen.push((k, i, t.stem.clone())));
            assert_eq!(seen.len(), 6);
            // The second sentence's بنفيكا learns from the first's فريق; the first's
            // own occurrence has no trigger elsewhere to learn from.
            assert_eq!(tags[1][1] == org, aggregate, "{tags:?}");
            assert_ne!(tags[0][2], org);
            // Alone, a sentence has no other occurrences.
            let mut alone = Vec::new();
            tagger.tag_into(doc[1], &mut sc, &mut alone);
            assert_ne!(alone[1], org);
            // The file keeps the flag.
            assert_eq!(Model::from_bytes(&tagger.model().to_bytes()).unwrap().aggregates(), aggregate);
        }
    }
}
