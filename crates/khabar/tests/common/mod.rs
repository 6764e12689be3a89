//! Invariant checks of the document model shared by `invariants.rs` and
//! `real_articles.rs`. "Offsets are sacred": every span is `[start, end)` in Unicode code
//! points into `Document::text`, which is the input unchanged.
//!
//! Every check returns `Err(message)` naming the property, the offending annotation and
//! the input (escaped), so that proptest can shrink on it and a failing real article can
//! be told apart.

#![allow(dead_code)]

use std::sync::LazyLock;

use khabar::doc::{slice_chars, Span};
use khabar::text::normalize::{normalize, NormalizeOptions};
use khabar::{Analyzer, Document, SegmentKind, Token, TokenKind};

/// One analyzer for the whole test binary (building it loads the lexicon and model).
pub static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

/// Byte offset of every code point of a text (plus one past the end), so that checking
/// a span is O(1) instead of `slice_chars`'s O(n).
pub struct CharIndex<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// `text[start..end]` in code points, `None` when out of range or reversed.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.len() {
            return None;
        }
        Some(&self.text[self.bytes[start]..self.bytes[end]])
    }
}

/// Escapes a string as Rust source (`\u{...}` for everything outside printable ASCII),
/// for messages that can be pasted back into a test.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// [`esc`], with the middle of long strings elided.
pub fn esc_short(s: &str) -> String {
    let n = s.chars().count();
    if n <= 80 {
        return esc(s);
    }
    let head: String = s.chars().take(12).collect();
    let tail: String = s.chars().skip(n - 12).collect();
    format!("{} … ({n} chars) … {}", esc(&head), esc(&tail))
}

/// Input shown in messages, shortened when long.
fn shown(input: &str) -> String {
    if input.chars().count() <= 400 {
        esc(input)
    } else {
        esc_short(input)
    }
}

/// Arabic diacritics, tatweel, bidi controls and joiners: none may survive into `norm`.
pub fn forbidden_in_norm(c: char) -> bool {
    matches!(c as u32,
        0x064B..=0x065F | 0x0670 | 0x0640 |
        0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 |
        0x200C | 0x200D)
}

fn check_span(
    ix: &CharIndex<'_>,
    what: &str,
    start: usize,
    end: usize,
    text: &str,
    non_empty: bool,
) -> Result<(), String> {
    if start > end {
        return Err(format!("{what}: start {start} > end {end} (text {})", esc_short(text)));
    }
    match ix.slice(start, end) {
        None => {
            return Err(format!(
                "{what}: [{start}, {end}) is out of the text ({} chars); span text {}",
                ix.len(),
                esc_short(text)
            ))
        }
        Some(s) if s != text => {
            return Err(format!(
                "{what}: span text {} != slice_chars(text, {start}, {end}) = {}",
                esc_short(text),
                esc_short(s)
            ));
        }
        Some(_) => {}
    }
    if non_empty && start == end {
        return Err(format!("{what}: empty span at {start}"));
    }
    Ok(())
}

/// Segment kinds in grammatical order: proclitics*, article?, stem (exactly one), enclitic?.
fn check_segment_order(t: &Token) -> Result<(), String> {
    let stems = t.segments.iter().filter(|s| s.kind == SegmentKind::Stem).count();
    if stems != 1 {
        return Err(format!("segments have {stems} stems (exactly one expected): {}", kinds(t)));
    }
    // 0: proclitics, 1: after the article, 2: after the stem, 3: after the enclitic
    let mut state = 0;
    for s in &t.segments {
        state = match (state, s.kind) {
            (0, SegmentKind::Proclitic) => 0,
            (0, SegmentKind::Article) => 1,
            (0 | 1, SegmentKind::Stem) => 2,
            (2, SegmentKind::Enclitic) => 3,
            _ => return Err(format!("segment kinds out of grammatical order: {}", kinds(t))),
        };
    }
    Ok(())
}

/// Clitic segments come from closed classes: a proclitic is one of و ف ب ل ك س, the
/// article ال (or ل after the preposition ل), an enclitic one of the pronoun suffixes,
/// once normalised. Not checked on words written with presentation forms, where a
/// ligature may hold two segments' letters and the segment boundaries merge.
fn check_segment_classes(t: &Token) -> Result<(), String> {
    if t.text.chars().any(|c| matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFC)) {
        return Ok(());
    }
    let opts = NormalizeOptions::default();
    for s in &t.segments {
        let n = normalize(&s.text, &opts);
        let ok = match s.kind {
            SegmentKind::Proclitic => matches!(n.as_str(), "و" | "ف" | "ب" | "ل" | "ك" | "س"),
            SegmentKind::Article => matches!(n.as_str(), "ال" | "ل"),
            SegmentKind::Enclitic => ENCLITICS.contains(&n.as_str()),
            SegmentKind::Stem => true,
        };
        if !ok {
            return Err(format!(
                "a {:?} segment {} is not a clitic of its class: {}",
                s.kind,
                esc_short(&s.text),
                kinds(t)
            ));
        }
    }
    Ok(())
}

/// The pronoun suffixes (normalised), as in `SegmentKind::Enclitic`'s documentation.
const ENCLITICS: [&str; 12] = ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "نا", "ني"];

/// The segments of a token for messages: `[[0, 1) "\u{645}" Stem, …]`.
fn kinds(t: &Token) -> String {
    let parts: Vec<String> =
        t.segments.iter().map(|s| format!("[{}, {}) {} {:?}", s.start, s.end, esc_short(&s.text), s.kind)).collect();
    format!("[{}]", parts.join(", "))
}

fn check_token(ix: &CharIndex<'_>, i: usize, t: &Token) -> Result<(), String> {
    let what = format!("token {i} {}", esc_short(&t.text));
    check_span(ix, &what, t.start, t.end, &t.text, true)?;
    if t.text.chars().all(char::is_whitespace) {
        return Err(format!("{what}: whitespace-only token"));
    }
    if let Some(c) = t.norm.chars().find(|&c| forbidden_in_norm(c)) {
        return Err(format!("{what}: norm {} contains U+{:04X}", esc_short(&t.norm), c as u32));
    }
    if !t.segments.is_empty() {
        if t.kind != TokenKind::Word {
            return Err(format!("{what}: a {:?} token has segments {}", t.kind, kinds(t)));
        }
        let mut pos = t.start;
        for (k, s) in t.segments.iter().enumerate() {
            check_span(ix, &format!("{what} segment {k}"), s.start, s.end, &s.text, true)
                .map_err(|e| format!("{e}; segments {}", kinds(t)))?;
            if s.start != pos {
                return Err(format!(
                    "{what}: segments do not tile the token: segment {k} starts at {} instead of {pos}; segments {}",
                    s.start,
                    kinds(t)
                ));
            }
            pos = s.end;
        }
        if pos != t.end {
            return Err(format!("{what}: segments end at {pos}, the token at {}; segments {}", t.end, kinds(t)));
        }
        check_segment_order(t).map_err(|e| format!("{what}: {e}"))?;
        check_segment_classes(t).map_err(|e| format!("{what}: {e}"))?;
    }
    Ok(())
}

/// Every invariant of a document analysed from `input`. Returns the first violation.
pub fn check_document(input: &str, doc: &Document) -> Result<(), String> {
    check_document_inner(input, doc).map_err(|e| format!("{e}\n  input: {}", shown(input)))
}

fn check_document_inner(input: &str, doc: &Document) -> Result<(), String> {
    if doc.text != input {
        return Err("doc.text differs from the input".into());
    }
    let ix = CharIndex::new(&doc.text);

    // Tokens: valid spans, in order, not overlapping.
    for (i, t) in doc.tokens.iter().enumerate() {
        check_token(&ix, i, t)?;
        if let Some(next) = doc.tokens.get(i + 1) {
            if t.end > next.start {
                return Err(format!(
                    "tokens {i} {} [{}, {}) and {} {} [{}, {}) overlap or are out of order",
                    esc_short(&t.text),
                    t.start,
                    t.end,
                    i + 1,
                    esc_short(&next.text),
                    next.start,
                    next.end
                ));
            }
        }
    }

    // Sentences: valid, non-empty, in order, not overlapping, no paragraph break inside.
    for (k, s) in doc.sentences.iter().enumerate() {
        check_span(&ix, &format!("sentence {k}"), s.start, s.end, &s.text, true)?;
        if s.text.contains('\n') {
            return Err(format!(
                "sentence {k} {} contains a newline (sentences end at paragraph breaks)",
                esc_short(&s.text)
            ));
        }
        if let Some(next) = doc.sentences.get(k + 1) {
            if s.end > next.start {
                return Err(format!(
                    "sentences {k} [{}, {}) and {} [{}, {}) overlap or are out of order",
                    s.start,
                    s.end,
                    k + 1,
                    next.start,
                    next.end
                ));
            }
        }
    }
    // Every token inside exactly one sentence. Sentences are sorted, disjoint and
    // non-empty and tokens are non-empty, so at most one sentence can hold a token and a
    // single walk finds it.
    let mut k = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        while k < doc.sentences.len() && doc.sentences[k].end <= t.start {
            k += 1;
        }
        let inside = doc.sentences.get(k).is_some_and(|s| s.start <= t.start && t.end <= s.end);
        if !inside {
            let around: Vec<_> = doc
                .sentences
                .iter()
                .filter(|s| s.end + 1 >= t.start && s.start <= t.end + 1)
                .map(|s| (s.start, s.end, esc_short(&s.text)))
                .collect();
            return Err(format!(
                "token {i} {} [{}, {}) lies in no sentence; nearby sentences {:?}",
                esc_short(&t.text),
                t.start,
                t.end,
                around
            ));
        }
    }

    // Structure: valid spans, trimmed, one line each, in document order.
    let st = &doc.structure;
    let mut spans: Vec<(&str, &Span)> = Vec::new();
    if let Some(h) = &st.headline {
        spans.push(("headline", h));
    }
    spans.extend(st.subheadings.iter().map(|s| ("subheading", s)));
    spans.extend(st.paragraphs.iter().map(|s| ("paragraph", s)));
    for (what, s) in &spans {
        check_span(&ix, what, s.start, s.end, &s.text, true)?;
        if s.text.contains('\n') {
            return Err(format!("{what} {} spans a line break", esc_short(&s.text)));
        }
        if s.text.starts_with(char::is_whitespace) || s.text.ends_with(char::is_whitespace) {
            return Err(format!("{what} {} is not trimmed", esc_short(&s.text)));
        }
    }
    spans.sort_by_key(|(_, s)| (s.start, s.end));
    for w in spans.windows(2) {
        if w[0].1.end > w[1].1.start {
            return Err(format!("structure spans overlap: {} {:?} and {} {:?}", w[0].0, w[0].1, w[1].0, w[1].1));
        }
    }
    if let Some(h) = &st.headline {
        if spans[0].1 != h {
            return Err(format!("the headline {h:?} is not the first structure span"));
        }
    }

    // Cross-check the fast slicing against the library's own `slice_chars` on small texts.
    if doc.text.len() <= 4096 {
        for t in &doc.tokens {
            if slice_chars(&doc.text, t.start, t.end) != t.text {
                return Err(format!("slice_chars disagrees on token {}", esc_short(&t.text)));
            }
            for s in &t.segments {
                if slice_chars(&doc.text, s.start, s.end) != s.text {
                    return Err(format!("slice_chars disagrees on segment {}", esc_short(&s.text)));
                }
            }
        }
        for s in doc.sentences.iter().chain(spans.iter().map(|(_, s)| *s)) {
            if slice_chars(&doc.text, s.start, s.end) != s.text {
                return Err(format!("slice_chars disagrees on span {}", esc_short(&s.text)));
            }
        }
    }
    Ok(())
}

/// The JSON form round-trips to an equal document.
pub fn check_json_roundtrip(input: &str, doc: &Document) -> Result<(), String> {
    let json = serde_json::to_string(doc).map_err(|e| format!("serialising failed: {e}\n  input: {}", shown(input)))?;
    let back: Document =
        serde_json::from_str(&json).map_err(|e| format!("deserialising failed: {e}\n  input: {}", shown(input)))?;
    if &back != doc {
        return Err(format!("JSON round trip changed the document\n  input: {}\n  json: {}", shown(input), json));
    }
    Ok(())
}

/// Analyses `input` with the default analyzer and checks everything.
pub fn analyze_and_check(input: &str) -> Result<Document, String> {
    let doc = ANALYZER.analyze_text(input);
    check_document(input, &doc)?;
    check_json_roundtrip(input, &doc)?;
    Ok(doc)
}

/// The SaudiNewsNet folder of `../shared/data`, or `None` (with a printed skip
/// message) where it is absent.
#[allow(dead_code)]
pub fn saudinewsnet() -> Option<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/saudinewsnet"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: the SaudiNewsNet folder {} is absent; no real articles were checked", dir.display());
        None
    }
}
