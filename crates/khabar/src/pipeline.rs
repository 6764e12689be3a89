//! The analysis pipeline: input document in, [`Document`] out. Each stage reads what
//! earlier stages wrote and adds its own layer.

use std::cell::RefCell;

use crate::doc::{self, Document, InputDoc, Segment, Span, Token};
use crate::news::structure::detect_structure;
use crate::text::{TextAnalyzer, TextLayer};

/// Runs every stage. Build one and share it (`&Analyzer` is `Sync`).
pub struct Analyzer {
    text: TextAnalyzer,
}

thread_local! {
    static LAYER: RefCell<TextLayer> = RefCell::new(TextLayer::default());
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new(TextAnalyzer::default_model())
    }
}

impl Analyzer {
    pub fn new(text: TextAnalyzer) -> Self {
        Analyzer { text }
    }

    pub fn text_analyzer(&self) -> &TextAnalyzer {
        &self.text
    }

    /// Analyses one input document. `id` defaults to a hash of the text.
    pub fn analyze(&self, input: InputDoc) -> Document {
        let InputDoc { id, text, title, url, date, source } = input;
        let id = id.filter(|s| !s.is_empty()).unwrap_or_else(|| content_id(&text));
        let structure = detect_structure(&text);
        let (sentences, tokens) = LAYER.with(|cell| {
            let mut layer = cell.borrow_mut();
            self.text.analyze_into(&text, &mut layer);
            build_tokens(&text, &layer)
        });
        Document {
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
        }
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
            text: text[t.start_byte..t.end_byte].to_string(),
            norm: layer.norm(i).to_string(),
            kind: t.kind,
            segments: layer
                .segments(i)
                .iter()
                .map(|s| Segment { start: s.start, end: s.end, text: text[s.start_byte..s.end_byte].to_string(), kind: s.kind })
                .collect(),
            stem: layer.stem(i).to_string(),
        })
        .collect();
    (sentences, tokens)
}

/// A stable id from the content: 16 hex digits of FNV-1a over the UTF-8 bytes.
pub fn content_id(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}
