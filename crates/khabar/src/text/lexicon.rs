//! A frequency lexicon of normalised Arabic word forms, learned from a news corpus by
//! `khabar train lexicon` and stored as an `fst` map (word → count). The segmenter asks
//! it "how often does this string stand alone as a word?" — the main evidence for
//! deciding whether a leading `و` or a trailing `ه` is a clitic or part of the word.

use rustc_hash::FxHashMap;
use std::io;

use super::normalize::{normalize_append, NormalizeOptions};
use super::tokenize::tokenize_into;
use crate::doc::TokenKind;

/// Word → corpus count, held in a hash map for fast look-ups at analysis time.
#[derive(Debug, Clone)]
pub struct Lexicon {
    counts: FxHashMap<Box<str>, u32>,
    total: u64,
    /// Tells lexicons apart for caches of answers derived from one (a lexicon never
    /// changes once built, so a clone may share its id).
    id: u64,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::from_counts(FxHashMap::default(), 0)
    }
}

impl Lexicon {
    fn from_counts(counts: FxHashMap<Box<str>, u32>, total: u64) -> Self {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Lexicon { counts, total, id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed) }
    }

    /// An identity unique to this lexicon's contents within the process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Loads a lexicon from the bytes of an `fst` map.
    pub fn from_fst_bytes(bytes: &[u8]) -> Result<Self, fst::Error> {
        use fst::Streamer;
        let map = fst::Map::new(bytes)?;
        let mut counts = FxHashMap::default();
        counts.reserve(map.len());
        let mut total = 0u64;
        let mut stream = map.stream();
        while let Some((k, v)) = stream.next() {
            if let Ok(s) = std::str::from_utf8(k) {
                counts.insert(s.into(), v as u32);
                total += v;
            }
        }
        Ok(Lexicon::from_counts(counts, total))
    }

    /// Serialises to an `fst` map (keys sorted, as fst requires).
    pub fn to_fst_bytes(&self) -> Result<Vec<u8>, fst::Error> {
        let mut entries: Vec<(&str, u32)> = self.counts.iter().map(|(k, &v)| (&**k, v)).collect();
        entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut builder = fst::MapBuilder::memory();
        for (k, v) in entries {
            builder.insert(k, v as u64)?;
        }
        builder.into_inner()
    }

    #[inline]
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Total number of word occurrences counted.
    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.counts.iter().map(|(k, &v)| (&**k, v))
    }
}

/// Counts normalised Arabic words over many texts. Used by `khabar train lexicon`.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    counts: FxHashMap<Box<str>, u32>,
    total: u64,
    tokens: Vec<super::tokenize::RawToken>,
    norm: String,
}

impl LexiconBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add_text(&mut self, text: &str) {
        let opts = NormalizeOptions::default();
        self.tokens.clear();
        tokenize_into(text, &mut self.tokens);
        for t in &self.tokens {
            if t.kind != TokenKind::Word {
                continue;
            }
            self.norm.clear();
            normalize_append(&text[t.start..t.end], &opts, &mut self.norm);
            if self.norm.is_empty() {
                continue;
            }
            self.total += 1;
            match self.counts.get_mut(self.norm.as_str()) {
                Some(c) => *c = c.saturating_add(1),
                None => {
                    self.counts.insert(self.norm.as_str().into(), 1);
                }
            }
        }
    }

    /// Merges another builder's counts (for parallel counting).
    pub fn merge(&mut self, other: LexiconBuilder) {
        self.total += other.total;
        for (k, v) in other.counts {
            *self.counts.entry(k).or_insert(0) += v;
        }
    }

    /// Keeps words seen at least `min_count` times.
    pub fn build(self, min_count: u32) -> Lexicon {
        let counts: FxHashMap<Box<str>, u32> = self.counts.into_iter().filter(|&(_, v)| v >= min_count).collect();
        Lexicon::from_counts(counts, self.total)
    }
}

/// Writes `lex` as an fst file.
pub fn write_lexicon(lex: &Lexicon, path: &std::path::Path) -> io::Result<()> {
    let bytes = lex.to_fst_bytes().map_err(io::Error::other)?;
    std::fs::write(path, bytes)
}
