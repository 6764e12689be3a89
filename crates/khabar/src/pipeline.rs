//! The analysis pipeline: input document in, [`Document`] out. Each stage reads what
//! earlier stages wrote and adds its own layer.

use std::cell::RefCell;

use crate::doc::{self, CompactString, Document, InputDoc, Segment, Span, Token};
use crate::doc::EntityLabel;
use crate::ner::model::TagScratch;
use crate::ner::{EntityType, Tag, Tagger};
use crate::models::default_lexicon;
use crate::news::duplicates::repeated_passages_indexed;
use crate::news::entities::{merge_entities_indexed, TaggedMention};
use crate::news::index::DocIndex;
use crate::news::keyphrases::keyphrases_indexed;
use crate::news::quotes::find_quotes_indexed;
use crate::news::summary::summarize;

/// Keyphrases kept per document.
const MAX_KEYPHRASES: usize = 10;
/// Sentences in a summary.
const MAX_SUMMARY_SENTENCES: usize = 3;
use crate::news::structure::detect_structure;
use crate::text::segment::Pattern;
use crate::text::{TextAnalyzer, TextLayer};

/// Runs every stage. Build one and share it (`&Analyzer` is `Sync`).
pub struct Analyzer {
    text: TextAnalyzer,
    /// None: no entities (and nothing that needs them).
    tagger: Option<&'static Tagger>,
}

/// What tagging a document reuses between documents on one thread: the tagger's
/// scratch (its cache of word forms) and the tags.
type TagBuffers = (TagScratch, Vec<Vec<Tag>>);

thread_local! {
    static LAYER: RefCell<TextLayer> = RefCell::new(TextLayer::default());
    static SCRATCH: RefCell<TagBuffers> = RefCell::new(Default::default());
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new(TextAnalyzer::default_model())
    }
}

impl Analyzer {
    /// The given text layer with the embedded entity tagger.
    pub fn new(text: TextAnalyzer) -> Self {
        Analyzer { text, tagger: Some(crate::models::default_tagger()) }
    }

    /// Another tagger (a freshly trained model), or none to skip named entities.
    pub fn with_tagger(mut self, tagger: Option<&'static Tagger>) -> Self {
        self.tagger = tagger;
        self
    }

    pub fn text_analyzer(&self) -> &TextAnalyzer {
        &self.text
    }

    /// Analyses one input document. `id` defaults to a hash of the text.
    pub fn analyze(&self, input: InputDoc) -> Document {
        let InputDoc { id, text, title, url, date, source } = input;
        let id = id.filter(|s| !s.is_empty()).unwrap_or_else(|| content_id(&text));
        let structure = detect_structure(&text);
        let (sentences, tokens, tagged) = LAYER.with(|cell| {
            let mut layer = cell.borrow_mut();
            self.text.analyze_into(&text, &mut layer);
            let (sentences, tokens) = build_tokens(&text, &layer);
            let tagged = self.tagger.map(|t| tag_mentions(t, &text, &layer)).unwrap_or_default();
            (sentences, tokens, tagged)
        });
        let mut doc = Document {
            schema: doc::SCHEMA.to_string(),
            id,
            title,
            url,
            date,
            source,
            text,
            structure,
            sentences,
            tokens,
            entities: Vec::new(),
            quotes: Vec::new(),
            keyphrases: Vec::new(),
            summary: Vec::new(),
            duplicates: Vec::new(),
            near_duplicate_of: None,
            extra: Default::default(),
        };
        // Built once: every stage slices the text and looks words up by form.
        let index = DocIndex::new(&doc.text, &doc.tokens);
        doc.entities = merge_entities_indexed(&index, &doc.tokens, &doc.structure, &tagged);
        doc.quotes = find_quotes_indexed(&doc, &index);
        doc.keyphrases = keyphrases_indexed(&doc, &index, MAX_KEYPHRASES, &default_lexicon());
        doc.summary = summarize(&doc, &doc.keyphrases, MAX_SUMMARY_SENTENCES);
        doc.duplicates = repeated_passages_indexed(&doc, &index);
        doc
    }

    /// Analyses a bare text.
    pub fn analyze_text(&self, text: &str) -> Document {
        self.analyze(InputDoc::from_text(text))
    }
}

fn build_tokens(text: &str, layer: &TextLayer) -> (Vec<Span>, Vec<Token>) {
    let mut counter = doc::CharCounter::new(text);
    let sentences = layer.sentences.iter().map(|&(a, b)| doc::span_from_bytes(text, &mut counter, a, b)).collect();
    let tokens = layer
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| Token {
            start: t.start,
            end: t.end,
            text: CompactString::from(&text[t.start_byte..t.end_byte]),
            norm: CompactString::from(layer.norm(i)),
            kind: t.kind,
            segments: layer
                .segments(i)
                .iter()
                .map(|s| Segment { start: s.start, end: s.end, text: CompactString::from(&text[s.start_byte..s.end_byte]), kind: s.kind })
                .collect(),
            stem: CompactString::from(layer.stem(i)),
        })
        .collect();
    (sentences, tokens)
}

/// Tags each sentence's tokens and returns the entity mentions as token ranges.
fn tag_mentions(tagger: &Tagger, text: &str, layer: &TextLayer) -> Vec<TaggedMention> {
    SCRATCH.with(|cell| {
        let (sc, tags) = &mut *cell.borrow_mut();
        let mut starts = Vec::with_capacity(layer.sentences.len());
        let mut sentences: Vec<Vec<&str>> = Vec::with_capacity(layer.sentences.len());
        let mut patterns: Vec<Vec<Option<Pattern>>> = Vec::with_capacity(layer.sentences.len());
        let mut first = 0;
        for &(_, end) in &layer.sentences {
            let last = first + layer.tokens[first..].iter().take_while(|t| t.end_byte <= end).count();
            if last > first {
                starts.push(first);
                sentences.push(layer.tokens[first..last].iter().map(|t| &text[t.start_byte..t.end_byte]).collect());
                patterns.push(layer.tokens[first..last].iter().map(|t| t.pattern).collect());
            }
            first = last;
        }
        tagger.tag_sentences(&sentences, &patterns, sc, tags, |_, _, _| {});
        let mut out = Vec::new();
        for (&first, t) in starts.iter().zip(tags.iter()) {
            for (range, ty) in crate::ner::gazetteer::spans(t) {
                out.push(TaggedMention { first: first + range.start, last: first + range.end - 1, label: label_of(ty) });
            }
        }
        out
    })
}

fn label_of(t: EntityType) -> EntityLabel {
    match t {
        EntityType::Pers => EntityLabel::Person,
        EntityType::Loc => EntityLabel::Location,
        EntityType::Org => EntityLabel::Organisation,
        EntityType::Misc => EntityLabel::Misc,
    }
}

/// A stable id from the content: 16 hex digits of FNV-1a over the UTF-8 bytes.
pub fn content_id(text: &str) -> String {
    format!("{:016x}", crate::hash::fnv1a(text.as_bytes()))
}
