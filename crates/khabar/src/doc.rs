//! The one document model every stage reads and extends; its serde form is the JSON
//! schema `khabar.document/1` (documented with a real example in `docs/schema.md`).
//!
//! Every annotation is a [`Span`] (or carries one): `start`/`end` are offsets in Unicode
//! code points into [`Document::text`], which is the input exactly as given, and `text` is
//! always `document.text[start..end]` counted in code points.

use serde::{Deserialize, Serialize};

/// Token and segment strings: a word is almost always under 24 bytes of UTF-8, which
/// this keeps inline, so building a document allocates per token only for its segments.
/// Serialises as a plain JSON string.
pub use compact_str::CompactString;

/// Name and version of the JSON schema written by this crate.
pub const SCHEMA: &str = "khabar.document/1";

/// A piece of the document text: `[start, end)` in code points, and the text itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word in Arabic script (or another non-Latin script).
    Word,
    /// Digits with their separators: `2015`, `٣٫٥`, `1,200`, `2015/07/21`, `25%`.
    Number,
    Punct,
    /// A word in Latin script: `Reuters`, `U.S.`.
    Latin,
    Url,
    Email,
    Hashtag,
    Mention,
    Symbol,
}

/// The role of a clitic segment inside an Arabic word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// و ف ب ل ك س
    Proclitic,
    /// The definite article ال (just ل after the preposition ل: `للسلطة`).
    Article,
    Stem,
    /// Pronoun suffix: ه ها هم هما هن ك كم كن ي نا ني
    Enclitic,
}

/// One clitic segment of a word; the segments of a token tile its span exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub text: CompactString,
    pub kind: SegmentKind,
}

/// A token: its span, normalised form, kind, clitic segments and search stem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub text: CompactString,
    /// The normalised form (see `NormalizeOptions`); offsets never move.
    pub norm: CompactString,
    pub kind: TokenKind,
    /// Clitic segmentation for Arabic words; empty for other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    /// Light stem for search (normalised, clitics and inflectional affixes removed).
    pub stem: CompactString,
}

/// Article layout: headline, sub-headings and body paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    pub headline: Option<Span>,
    pub subheadings: Vec<Span>,
    pub paragraphs: Vec<Span>,
}

/// A document and all its annotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The input text, unchanged. All offsets point into it.
    pub text: String,
    pub structure: Structure,
    pub sentences: Vec<Span>,
    pub tokens: Vec<Token>,
    /// People, places, organisations and other names, each once, by salience.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Direct and reported speech with cue and speaker, in document order.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// What the article is about, best first.
    #[serde(default)]
    pub keyphrases: Vec<Keyphrase>,
    /// The sentences that best summarise the article, in document order.
    #[serde(default)]
    pub summary: Vec<Span>,
    /// Passages the article repeats (each with every place it appears).
    #[serde(default)]
    pub duplicates: Vec<Repeat>,
    /// Set when the document was analysed in a batch with a near-duplicate of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near_duplicate_of: Option<NearDuplicate>,
    /// Keys this version does not know (from newer writers) are kept, so that reading
    /// and re-writing a document loses nothing.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Entity types, as written in the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityLabel {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "ORG")]
    Organisation,
    #[serde(rename = "MISC")]
    Misc,
}

/// One real-world entity of a document and every span that names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e1`, `e2`, … in salience order; unique within the document.
    pub id: String,
    pub label: EntityLabel,
    /// The fullest form the document uses.
    pub name: String,
    /// Spans of the name alone (no attached clitics), in document order.
    pub mentions: Vec<Span>,
}

/// Whether a quote is verbatim or paraphrased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words between quotation marks (or a quote whose opening mark is missing).
    Direct,
    /// Speech reported after a speech verb and أن/إن, without quotation marks.
    Reported,
}

/// Who said a quote: a span of the text, linked to an entity when it names one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The `id` of the entity this speaker is, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// A quotation: its content span, how it was said and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted content, without the quotation marks.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    /// The speech verb or phrase (`قال`, `وأضاف`, `بحسب`), when there is one.
    pub cue: Option<Span>,
    /// The speaker, when found (possibly in an earlier sentence).
    pub speaker: Option<Speaker>,
}

/// A phrase the article is about, with every place it occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyphrase {
    /// Its most frequent surface form in the document.
    pub text: String,
    /// Relative importance within this document (higher is more important).
    pub score: f32,
    pub spans: Vec<Span>,
}

/// A passage that appears more than once in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeat {
    /// The passage as first written.
    pub text: String,
    /// Every occurrence, in document order.
    pub spans: Vec<Span>,
}

/// The earlier document of a batch that this one nearly repeats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicate {
    pub id: String,
    /// Estimated Jaccard similarity of the two documents' shingle sets, 0–1.
    pub similarity: f32,
}

/// A document as read from input, before analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputDoc {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

impl InputDoc {
    pub fn from_text(text: impl Into<String>) -> Self {
        InputDoc { text: text.into(), ..Default::default() }
    }
}

/// Maps byte offsets of one string to code-point offsets, in increasing order, in
/// amortised O(1) per query. Spans are found on bytes (fast) and reported in code points.
#[derive(Debug)]
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter { text, byte: 0, chars: 0 }
    }

    /// Code-point offset of `byte`, which must be a char boundary. Queries that go
    /// backwards restart from the beginning (correct, just slower).
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let slice = &self.text.as_bytes()[self.byte..byte];
        // Count bytes that start a code point (not continuation bytes 10xxxxxx).
        self.chars += slice.iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.byte = byte;
        self.chars
    }
}

/// Builds a [`Span`] from byte offsets of `text`.
pub fn span_from_bytes(text: &str, counter: &mut CharCounter<'_>, start: usize, end: usize) -> Span {
    let s = counter.at(start);
    let e = counter.at(end);
    Span { start: s, end: e, text: text[start..end].to_string() }
}

/// Code-point spans of a text, sliced in O(1) after one pass over the text: for stages
/// that cut many spans out of one document.
pub struct CharSlicer<'a> {
    text: &'a str,
    /// Byte offset of every [`SLICER_STEP`]-th code point: a slice walks at most
    /// `SLICER_STEP - 1` code points from one (an offset per code point would cost
    /// 8 bytes each, built for every text by every stage that slices it).
    checkpoints: Vec<usize>,
    /// Number of code points.
    len: usize,
}

const SLICER_STEP: usize = 32;

impl<'a> CharSlicer<'a> {
    pub fn new(text: &'a str) -> Self {
        // A code point starts at every byte that is not a UTF-8 continuation byte:
        // counting those is cheaper than decoding. Each 64-byte block becomes a mask of
        // its code-point starts (a loop that vectorises); a checkpoint inside the block
        // is then the n-th set bit, found by clearing the lowest bits before it. Arabic
        // text crosses a checkpoint in almost every block, so this path is the hot one.
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / SLICER_STEP + 1);
        let mut len: usize = 0;
        let mut at = 0;
        for block in bytes.chunks(64) {
            let mut starts: u64 = 0;
            for (k, &b) in block.iter().enumerate() {
                starts |= u64::from(b & 0xC0 != 0x80) << k;
            }
            let n = starts.count_ones() as usize;
            // Index, among this block's code points, of the next checkpoint.
            let mut next = len.div_ceil(SLICER_STEP) * SLICER_STEP - len;
            let (mut rest, mut cleared) = (starts, 0);
            while next < n {
                while cleared < next {
                    rest &= rest - 1;
                    cleared += 1;
                }
                checkpoints.push(at + rest.trailing_zeros() as usize);
                next += SLICER_STEP;
            }
            len += n;
            at += block.len();
        }
        CharSlicer { text, checkpoints, len }
    }

    /// Byte offset of code point `i` (`i == len`: the end of the text).
    fn byte(&self, i: usize) -> Option<usize> {
        if i > self.len {
            return None;
        }
        if i == self.len {
            return Some(self.text.len());
        }
        let from = *self.checkpoints.get(i / SLICER_STEP)?;
        let mut skip = i % SLICER_STEP;
        let bytes = self.text.as_bytes();
        let mut b = from;
        while skip > 0 {
            b += 1;
            if bytes[b] & 0xC0 != 0x80 {
                skip -= 1;
            }
        }
        Some(b)
    }

    /// The text of `[start, end)` (empty when out of range).
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        match (self.byte(start), self.byte(end)) {
            (Some(a), Some(b)) if a <= b => &self.text[a..b],
            _ => "",
        }
    }

    /// The span `[start, end)`; `None` when empty or out of the text.
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        let (a, b) = (self.byte(start)?, self.byte(end)?);
        (a < b).then(|| Span { start, end, text: self.text[a..b].to_string() })
    }
}

/// The text of `[start, end)` in code points, for callers that only have char offsets.
/// O(end): for many slices of one text use [`CharSlicer`].
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut it = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let b0 = it.nth(start).unwrap_or(text.len());
    let b1 = if end > start { it.nth(end - start - 1).unwrap_or(text.len()) } else { b0 };
    &text[b0..b1]
}
