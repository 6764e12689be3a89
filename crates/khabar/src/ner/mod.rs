//! Named-entity recognition: persons, places, organisations and other names (the
//! ANERcorp tag set `PERS LOC ORG MISC`, BIO-encoded).
//!
//! Why a linear model and not a neural one: the tagger must run at hundreds of thousands
//! of tokens a second on one core with nothing downloaded, and ANERcorp is small
//! (≈125k tokens), where a well-featured averaged perceptron comes within a few points
//! of fine-tuned BERTs. Most of the accuracy comes from Arabic-specific features:
//! names hide behind clitics (`لنتنياهو` = ل + نتنياهو, `وواشنطن`), so every token is
//! described by its clitic-stripped stem from the embedded segmenter as well as by its
//! surface form, and by gazetteers and trigger words (`الرئيس`, `وزارة`) learned from the
//! training data and stored inside the model.
//!
//! - [`conll`]: reading and writing `TOKEN TAG` files, with located errors;
//! - [`gazetteer`]: entity strings and trigger words learned from training data;
//! - [`lists`]: hand-written name lists (given names, places, organisations, clubs);
//! - [`distrib`]: distributional signatures of words from a large news corpus;
//! - [`clusters`]: a hierarchy of word clusters from the same counts;
//! - [`embed`]: flat word clusters at three granularities from reduced PPMI vectors;
//! - [`votes`]: how each word was tagged across that corpus;
//! - [`features`]: what the model sees of a token in its sentence;
//! - [`model`]: weights, the compact `models/ner.bin` format, and the [`Tagger`];
//! - [`decode`]: Viterbi over valid BIO sequences, and [`decode::repair_bio`];
//! - [`document`]: tags made consistent across the sentences of a document;
//! - [`train`]: the averaged structured perceptron;
//! - [`eval`]: entity-level scoring with conlleval semantics.
//!
//! ```
//! let tagger = khabar::models::default_tagger();
//! let tags = tagger.tag(&["وقال", "الرئيس", "باراك", "أوباما"]);
//! assert_eq!(tags.len(), 4);
//! ```

pub mod aggregate;
pub mod clusters;
pub mod conll;
pub mod decode;
pub mod distrib;
pub mod document;
pub mod embed;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod lists;
pub mod model;
pub mod train;
pub mod votes;

pub use model::{Model, Tagger};

/// The four entity types of ANERcorp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Pers,
    Loc,
    Org,
    Misc,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [EntityType::Pers, EntityType::Loc, EntityType::Org, EntityType::Misc];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Pers => "PERS",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<EntityType> {
        Self::ALL.get(i).copied()
    }
}

/// Number of BIO tags: O plus B and I of each type.
pub const N_TAGS: usize = 9;

/// A BIO tag. The numbering (O, then B/I per type) is part of the model file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    O,
    B(EntityType),
    I(EntityType),
}

impl Tag {
    pub const ALL: [Tag; N_TAGS] = [
        Tag::O,
        Tag::B(EntityType::Pers),
        Tag::I(EntityType::Pers),
        Tag::B(EntityType::Loc),
        Tag::I(EntityType::Loc),
        Tag::B(EntityType::Org),
        Tag::I(EntityType::Org),
        Tag::B(EntityType::Misc),
        Tag::I(EntityType::Misc),
    ];

    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * t.index(),
            Tag::I(t) => 2 + 2 * t.index(),
        }
    }

    pub fn from_index(i: usize) -> Tag {
        Self::ALL[i.min(N_TAGS - 1)]
    }

    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }

    /// Parses `O`, `B-PERS`, `I-LOC`… (exactly the ANERcorp spelling).
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bio, ty) = s.split_once('-')?;
        let ty = match ty {
            "PERS" => EntityType::Pers,
            "LOC" => EntityType::Loc,
            "ORG" => EntityType::Org,
            "MISC" => EntityType::Misc,
            _ => return None,
        };
        match bio {
            "B" => Some(Tag::B(ty)),
            "I" => Some(Tag::I(ty)),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; N_TAGS] = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];
        NAMES[self.index()]
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sentence with gold tags (training and scoring).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabeledSentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
}

impl LabeledSentence {
    pub fn token_refs(&self) -> Vec<&str> {
        self.tokens.iter().map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_index_and_name() {
        for (i, t) in Tag::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(Tag::from_index(i), *t);
            assert_eq!(Tag::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Tag::parse("B-PER"), None);
        assert_eq!(Tag::parse("X-LOC"), None);
    }
}
