//! Corpus votes: how a word was tagged everywhere else in a large news corpus.
//!
//! A name is often ambiguous where it stands (`صالح` a name or an adjective, `الأهلي` a
//! club or an adjective) but plain somewhere else in 7.9M words of news, after `اللاعب`
//! or inside a full name the model knows. Tagging the whole corpus and counting, per
//! stem, the share of its occurrences tagged as each type turns those clear contexts
//! into a feature of every occurrence — the corpus-wide cousin of "a name keeps its
//! type within a document".
//!
//! The trap is circularity: a model trained on a sentence tags its names correctly
//! everywhere, so votes from it look perfect on its own training data and the final
//! model would trust them too much. `khabar train ner` therefore trains two first-stage
//! models on the two halves of the training data and gives each half the votes of the
//! model that did not see it; the final model stores the votes of both together.

use rustc_hash::FxHashMap;

use super::conll::is_sentence_end;
use super::features::feature_hash;
use super::model::{TagScratch, Tagger};
use super::{EntityType, Tag};
use crate::text::tokenize::{tokenize_into, RawToken};

/// Occurrences a stem needs in the corpus before its votes mean anything.
pub const MIN_OCCURRENCES: u32 = 3;

fn key(stem: &str) -> u64 {
    feature_hash("vote", &[stem])
}

/// Per stem, a bucket (0–4) of the share of its occurrences tagged as each type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Votes {
    pub(crate) map: FxHashMap<u64, [u8; 4]>,
}

impl Votes {
    pub fn get(&self, stem: &str) -> Option<[u8; 4]> {
        self.map.get(&key(stem)).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Tag counts per stem; one per thread, then [`VoteCounts::merge`].
#[derive(Debug, Default)]
pub struct VoteCounts {
    /// O, then the four types.
    counts: FxHashMap<u64, [u32; 5]>,
}

impl VoteCounts {
    pub fn add(&mut self, stem: &str, tag: Tag) {
        let slot = tag.entity_type().map_or(0, |t| 1 + t.index());
        self.counts.entry(key(stem)).or_default()[slot] += 1;
    }

    pub fn merge(&mut self, other: &VoteCounts) {
        for (k, v) in &other.counts {
            let e = self.counts.entry(*k).or_default();
            for (a, b) in e.iter_mut().zip(v) {
                *a += b;
            }
        }
    }

    pub fn build(&self) -> Votes {
        let mut map = FxHashMap::default();
        for (&k, c) in &self.counts {
            let total: u32 = c.iter().sum();
            if total < MIN_OCCURRENCES || c[1..].iter().all(|&n| n == 0) {
                continue;
            }
            let mut b = [0u8; 4];
            for t in EntityType::ALL {
                b[t.index()] = share_bucket(c[1 + t.index()], total);
            }
            map.insert(k, b);
        }
        Votes { map }
    }
}

/// Longest run of tokens tagged at once; a paragraph without punctuation is cut there.
const MAX_SENTENCE: usize = 150;

/// Reusable buffers of [`VoteCounts::add_text`].
#[derive(Default)]
pub struct TextScratch {
    raw: Vec<RawToken>,
    tags: Vec<Tag>,
    tag: TagScratch,
    stems: Vec<String>,
}

impl VoteCounts {
    /// Tags `text` sentence by sentence (ends at `.` `!` `?` `؟` and line breaks) and
    /// counts each token's tag under its stem.
    pub fn add_text(&mut self, tagger: &Tagger, text: &str, sc: &mut TextScratch) {
        sc.raw.clear();
        tokenize_into(text, &mut sc.raw);
        let mut start = 0;
        for i in 0..sc.raw.len() {
            let t = &sc.raw[i];
            let tok = &text[t.start..t.end];
            let line_break = sc.raw.get(i + 1).is_some_and(|n| text[t.end..n.start].contains('\n'));
            if is_sentence_end(tok) || line_break || i + 1 == sc.raw.len() || i + 1 - start == MAX_SENTENCE {
                let words: Vec<&str> = sc.raw[start..=i].iter().map(|r| &text[r.start..r.end]).collect();
                let mut stems = std::mem::take(&mut sc.stems);
                stems.clear();
                tagger.tag_visit(&words, &mut sc.tag, &mut sc.tags, |_, info| stems.push(info.stem.clone()));
                for (stem, &tag) in stems.iter().zip(&sc.tags) {
                    self.add(stem, tag);
                }
                sc.stems = stems;
                start = i + 1;
            }
        }
    }
}

/// 0: never; 1: under 10%; 2: under 30%; 3: under 60%; 4: most of the time.
fn share_bucket(n: u32, total: u32) -> u8 {
    if n == 0 {
        return 0;
    }
    let share = n as f64 / total as f64;
    match share {
        s if s < 0.1 => 1,
        s if s < 0.3 => 2,
        s if s < 0.6 => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_become_buckets_and_rare_or_never_tagged_stems_are_dropped() {
        let mut c = VoteCounts::default();
        for _ in 0..7 {
            c.add("ميسي", Tag::B(EntityType::Pers));
        }
        for _ in 0..3 {
            c.add("ميسي", Tag::O);
        }
        c.add("نادر", Tag::B(EntityType::Pers));
        for _ in 0..10 {
            c.add("كتاب", Tag::O);
        }
        let mut other = VoteCounts::default();
        other.add("نادر", Tag::B(EntityType::Loc));
        other.add("نادر", Tag::O);
        c.merge(&other);
        let v = c.build();
        assert_eq!(v.get("ميسي"), Some([4, 0, 0, 0]));
        assert_eq!(v.get("نادر"), Some([3, 3, 0, 0]));
        assert_eq!(v.get("كتاب"), None);
        assert_eq!(v.len(), 2);
    }
}
