//! Gazetteers and trigger words, learned from the training sentences and stored in the
//! model file.
//!
//! Word features alone know a name only in the exact form it was seen. A gazetteer adds
//! two things: multi-word matches (`باراك اوباما` as one string, so its second word is
//! known to continue a person), and, because entries are keyed by clitic-stripped stems,
//! the same name behind any clitic (`ولواشنطن` matches the `واشنطن` seen in training).
//! Trigger words are the words that often come right before an entity of a type: titles
//! before persons (`الرئيس`, `الوزير`), `مدينة`, `العاصمة` before places; the first words of
//! organisations (`وزارة`, `حزب`, `جامعة`) are caught by the per-word lists.
//!
//! Entries are kept only when the string is usually an entity of that type wherever it
//! occurs in the training data, so that a word tagged once by mistake does not fire
//! everywhere. During training, each sentence sees a gazetteer built from the *other*
//! folds of the data (see [`super::train`]); otherwise every training entity would match
//! itself and the model would trust the gazetteer far more than it deserves on new text.

use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

use super::lists::NameLists;
use super::{EntityType, Tag};

/// Where the lists' bits start in [`GazMarks`].
pub const LISTED_SHIFT: u32 = 4;

/// Longest entity (in tokens) stored.
pub const MAX_ENTITY_TOKENS: usize = 5;

/// Learned lists, keyed by the stems of [`super::features::TokenInfo`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    /// Entity strings (stems joined by a space) and their type.
    pub(crate) entities: FxHashMap<String, EntityType>,
    pub(crate) max_len: usize,
    /// The first 1..n-1 stems of every n-stem entity: [`Gazetteer::mark`] stops
    /// extending a key that begins no entry.
    /// Entities and their prefixes, keyed by [`words_hash`] of their words: what
    /// [`Gazetteer::mark`] asks, one look-up per (start, length) with no key built.
    by_words: FxHashMap<u64, Prefix>,
    /// Words that are mostly part of entities of the types in the bit mask.
    pub(crate) words: FxHashMap<String, u8>,
    /// Words that come right before entities: two bits per type (bits 2t, 2t+1) give
    /// how often, as a level 1..=3 of [`TRIGGER_LEVELS`] (0: not a trigger of that type).
    pub(crate) triggers: FxHashMap<String, u8>,
    /// The hand-written name lists ([`super::lists`]): not learned, the same in every
    /// fold, marked in the high bits of [`GazMarks`].
    pub(crate) lists: NameLists,
}

/// Marks of the gazetteer on one token: bit t of `begin`/`inside` for type t, learned
/// entities in bits 0–3, the hand-written lists in bits 4–7 ([`LISTED_SHIFT`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GazMarks {
    pub begin: u8,
    pub inside: u8,
}

/// Minimum share of a string's occurrences that must carry the entity (type) for the
/// string to be listed.
/// What a run of words is to the gazetteer: an entity's name, the start of a longer
/// one, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Prefix {
    entity: Option<EntityType>,
    extends: bool,
}

pub(crate) const WORDS_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

pub(crate) fn word_hash(w: &str) -> u64 {
    crate::hash::fnv1a(w.as_bytes())
}

/// Extends the hash of a run of words by one word (order matters). A collision,
/// vanishingly rare, would mark a run as a name it is not.
pub(crate) fn add_word(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

pub(crate) fn words_hash<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    words.fold(WORDS_SEED, |h, w| add_word(h, word_hash(w)))
}

const ENTITY_SHARE: f64 = 0.5;
const WORD_SHARE: f64 = 0.5;
/// Shares of a word's occurrences that precede an entity of a type, for trigger levels
/// 1, 2, 3. Levels rather than one threshold: `الرئيس` precedes a person only now and
/// then (it is also `الرئيس الفرنسي`, `الرئيس السابق`), yet that is far more often than
/// an average word does, and the model should weigh it accordingly.
pub const TRIGGER_LEVELS: [f64; 3] = [0.05, 0.15, 0.4];
const TRIGGER_MIN: u32 = 3;

impl Gazetteer {
    /// Builds the lists from sentences given as (stems, gold tags).
    pub fn build<'a>(sentences: impl IntoIterator<Item = (&'a [String], &'a [Tag])> + Clone) -> Gazetteer {
        // BTreeMaps: the result must not depend on hash order (byte-identical models).
        let mut ent: BTreeMap<String, [u32; 4]> = BTreeMap::new();
        let mut in_ent: BTreeMap<&str, [u32; 4]> = BTreeMap::new();
        let mut before: BTreeMap<&str, [u32; 4]> = BTreeMap::new();
        let mut total: BTreeMap<&str, u32> = BTreeMap::new();
        for (stems, tags) in sentences.clone() {
            for (i, s) in stems.iter().enumerate() {
                if s.is_empty() {
                    continue;
                }
                *total.entry(s).or_default() += 1;
                if let Some(t) = tags[i].entity_type() {
                    in_ent.entry(s).or_default()[t.index()] += 1;
                }
                if let Some(Tag::B(t)) = tags.get(i + 1) {
                    before.entry(s).or_default()[t.index()] += 1;
                }
            }
            for (r, t) in spans(tags) {
                if r.len() <= MAX_ENTITY_TOKENS && stems[r.clone()].iter().all(|s| !s.is_empty()) {
                    ent.entry(stems[r].join(" ")).or_default()[t.index()] += 1;
                }
            }
        }
        // How often each entity string occurs at all, as an n-gram of stems.
        let max_len = ent.keys().map(|k| k.split(' ').count()).max().unwrap_or(0);
        let mut occurs: BTreeMap<&str, u32> = BTreeMap::new();
        let mut key = String::new();
        for (stems, _) in sentences {
            for j in 0..stems.len() {
                key.clear();
                for s in stems.iter().skip(j).take(max_len) {
                    if !key.is_empty() {
                        key.push(' ');
                    }
                    key.push_str(s);
                    if let Some((k, _)) = ent.get_key_value(key.as_str()) {
                        *occurs.entry(k.as_str()).or_default() += 1;
                    }
                }
            }
        }
        let mut g = Gazetteer::default();
        for (k, counts) in &ent {
            let (best, n) = majority(counts);
            let all = occurs.get(k.as_str()).copied().unwrap_or(n).max(n);
            if n as f64 >= ENTITY_SHARE * all as f64 {
                g.insert_entity(k.clone(), best);
            }
        }
        for (w, counts) in &in_ent {
            let all = total[w] as f64;
            let mask = mask_where(counts, |n| n as f64 >= WORD_SHARE * all);
            if mask != 0 {
                g.words.insert(w.to_string(), mask);
            }
        }
        for (w, counts) in &before {
            let all = total[w] as f64;
            let mut levels = 0u8;
            for t in EntityType::ALL {
                let n = counts[t.index()];
                let level = if n < TRIGGER_MIN { 0 } else { TRIGGER_LEVELS.iter().filter(|&&l| n as f64 >= l * all).count() as u8 };
                levels |= level << (2 * t.index());
            }
            if levels != 0 {
                g.triggers.insert(w.to_string(), levels);
            }
        }
        g
    }

    /// The same learned lists, with the hand-written `lists` marked alongside.
    pub fn with_lists(self, lists: NameLists) -> Gazetteer {
        Gazetteer { lists, ..self }
    }

    /// Lists an entity string (stems joined by a space).
    pub(crate) fn insert_entity(&mut self, key: String, t: EntityType) {
        let mut n = 1;
        for (at, _) in key.match_indices(' ') {
            self.by_words.entry(words_hash(key[..at].split(' '))).or_default().extends = true;
            n += 1;
        }
        self.max_len = self.max_len.max(n);
        self.by_words.entry(words_hash(key.split(' '))).or_default().entity = Some(t);
        self.entities.insert(key, t);
    }

    /// Marks the tokens of a sentence covered by gazetteer entities (bits 0–3) and by
    /// the hand-written lists' names (bits 4–7, see [`GazMarks`]).
    pub fn mark(&self, stems: &[&str], out: &mut Vec<GazMarks>) {
        out.clear();
        out.resize(stems.len(), GazMarks::default());
        if self.entities.is_empty() && self.lists.is_empty() {
            return;
        }
        let words: Vec<u64> = stems.iter().map(|s| word_hash(s)).collect();
        self.lists.mark(stems, &words, out);
        for j in 0..stems.len() {
            let mut h = WORDS_SEED;
            for (l, s) in stems[j..].iter().take(self.max_len).enumerate() {
                if s.is_empty() {
                    break;
                }
                h = add_word(h, words[j + l]);
                let Some(found) = self.by_words.get(&h) else { break };
                if let Some(t) = found.entity {
                    let bit = 1u8 << t.index();
                    out[j].begin |= bit;
                    for m in &mut out[j + 1..=j + l] {
                        m.inside |= bit;
                    }
                }
                if !found.extends {
                    break;
                }
            }
        }
    }

    pub fn word_mask(&self, stem: &str) -> u8 {
        self.words.get(stem).copied().unwrap_or(0)
    }

    /// How strongly `stem` announces an entity of type `t` (0 = not at all, up to 3).
    pub fn trigger_level(&self, stem: &str, t: EntityType) -> u8 {
        Self::level_of(self.trigger_levels(stem), t)
    }

    /// The trigger levels of `stem` for every type, two bits each (see [`Gazetteer::level_of`]).
    pub fn trigger_levels(&self, stem: &str) -> u8 {
        self.triggers.get(stem).copied().unwrap_or(0)
    }

    /// Type `t`'s level in packed [`Gazetteer::trigger_levels`].
    pub fn level_of(levels: u8, t: EntityType) -> u8 {
        (levels >> (2 * t.index())) & 3
    }

    /// Sizes: (entities, words, triggers).
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.entities.len(), self.words.len(), self.triggers.len())
    }

    /// The trigger words of a type, sorted (for reports and tests).
    pub fn triggers_of(&self, t: EntityType) -> Vec<&str> {
        let mut v: Vec<&str> = self.triggers.keys().filter(|w| self.trigger_level(w, t) > 0).map(|w| w.as_str()).collect();
        v.sort_unstable();
        v
    }

    /// The type of a listed entity string (stems joined by spaces).
    pub fn entity(&self, key: &str) -> Option<EntityType> {
        self.entities.get(key).copied()
    }
}

fn majority(counts: &[u32; 4]) -> (EntityType, u32) {
    let mut best = (EntityType::Pers, 0);
    for t in EntityType::ALL {
        if counts[t.index()] > best.1 {
            best = (t, counts[t.index()]);
        }
    }
    best
}

fn mask_where(counts: &[u32; 4], keep: impl Fn(u32) -> bool) -> u8 {
    EntityType::ALL.iter().filter(|t| counts[t.index()] > 0 && keep(counts[t.index()])).fold(0, |m, t| m | 1 << t.index())
}

/// Entity spans of a tag sequence with conlleval's reading of BIO (an `I-X` that does
/// not continue an `X` starts one).
pub fn spans(tags: &[Tag]) -> Vec<(std::ops::Range<usize>, EntityType)> {
    super::eval::chunks(tags).into_iter().map(|c| (c.start..c.end, c.kind)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn learns_entities_words_and_triggers() {
        let data = [
            (s(&["قال", "رئيس", "باراك", "اوباما"]), vec![Tag::O, Tag::O, Tag::B(Pers), Tag::I(Pers)]),
            (s(&["رئيس", "باراك", "اوباما", "في", "واشنطن"]), vec![Tag::O, Tag::B(Pers), Tag::I(Pers), Tag::O, Tag::B(Loc)]),
            (s(&["رئيس", "جورج", "بوش", "في", "واشنطن"]), vec![Tag::O, Tag::B(Pers), Tag::I(Pers), Tag::O, Tag::B(Loc)]),
            (s(&["في", "بيت"]), vec![Tag::O, Tag::O]),
        ];
        let g = Gazetteer::build(data.iter().map(|(a, b)| (a.as_slice(), b.as_slice())));
        assert_eq!(g.entity("باراك اوباما"), Some(Pers));
        assert_eq!(g.entity("واشنطن"), Some(Loc));
        assert_eq!(g.triggers_of(Pers), ["رئيس"]);
        assert_eq!(g.trigger_level("رئيس", Pers), 3);
        // في comes before a place only twice (too rare for a trigger) and is no entity word.
        assert_eq!(g.word_mask("في"), 0);
        assert_eq!(g.word_mask("بوش"), 1 << Pers.index());
        let mut marks = Vec::new();
        g.mark(&["ذهب", "باراك", "اوباما"], &mut marks);
        assert_eq!(marks[1].begin, 1 << Pers.index());
        assert_eq!(marks[2].inside, 1 << Pers.index());
        assert_eq!(marks[0], GazMarks::default());
    }
}
