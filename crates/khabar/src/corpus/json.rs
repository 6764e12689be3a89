//! JSON and JSONL documents.
//!
//! A document is a JSON object with its text in `text` or, as in SaudiNewsNet, in
//! `content`; optional `id`, `title`, `url`, `date` (or SaudiNewsNet's `date_extracted`)
//! and `source`. Other fields (`author`…) are ignored. An empty text is a document like
//! any other.
//!
//! - `.jsonl`: one object per line, read line by line; blank lines are skipped. A line
//!   without an id gets `<file>:<line>` (1-based).
//! - `.json`: one object (id `<file>`), or an array of objects (id `<file>#<index>`,
//!   0-based). The file is parsed whole.

use std::collections::VecDeque;
use std::io::BufRead;

use serde_json::{Map, Value};

use super::error::{json_kind, line_json_message, Position, ReadErrorKind, ReadWarningKind};
use super::source::{decode, many, one, Event, Origin, Source};
use super::{ReadOptions, Utf8Policy};
use crate::doc::InputDoc;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Builds a document from one JSON value. `default_id` names it when it has no id
/// (a missing, null or empty `id`). Metadata fields of odd types are ignored, with a
/// warning pushed to `warnings`.
pub(crate) fn doc_from_value(
    value: Value,
    default_id: impl FnOnce() -> String,
    warnings: &mut Vec<ReadWarningKind>,
) -> Result<InputDoc, ReadErrorKind> {
    let mut map = match value {
        Value::Object(map) => map,
        other => return Err(ReadErrorKind::NotObject(json_kind(&other))),
    };
    let text = take_text(&mut map)?;
    let mut field = |names: &[&'static str]| -> Option<String> {
        for &name in names {
            match map.remove(name) {
                None | Some(Value::Null) => continue,
                Some(Value::String(s)) => return Some(s),
                Some(Value::Number(n)) => return Some(n.to_string()),
                Some(other) => warnings.push(ReadWarningKind::IgnoredField { field: name, found: json_kind(&other) }),
            }
        }
        None
    };
    let id = field(&["id"]).filter(|id| !id.is_empty()).unwrap_or_else(default_id);
    let title = field(&["title"]);
    let url = field(&["url"]);
    let date = field(&["date", "date_extracted"]);
    let source = field(&["source"]);
    Ok(InputDoc { id: Some(id), text, title, url, date, source })
}

/// The text: `text` if it is there and not null, else `content`.
fn take_text(map: &mut Map<String, Value>) -> Result<String, ReadErrorKind> {
    for field in ["text", "content"] {
        match map.remove(field) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(s),
            Some(other) => return Err(ReadErrorKind::TextNotString { field, found: json_kind(&other) }),
        }
    }
    Err(ReadErrorKind::NoText)
}

/// Turns a conversion result into events at `position`.
fn doc_events(
    origin: &Origin,
    position: Position,
    value: Value,
    default_id: impl FnOnce() -> String,
    out: &mut VecDeque<Event>,
) {
    let mut warnings = Vec::new();
    let result = doc_from_value(value, default_id, &mut warnings);
    out.extend(warnings.into_iter().map(|w| origin.warning(position, w)));
    out.push_back(match result {
        Ok(doc) => Event::Doc(doc),
        Err(kind) => origin.error(position, kind),
    });
}

/// A `.json` file (or zip member): one object or an array of objects.
pub(crate) fn json_file(mut bytes: Vec<u8>, origin: Origin, options: &ReadOptions) -> Source {
    let skip = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..skip);
    let (text, warning) = match decode(bytes, skip as u64, options.utf8) {
        Ok(decoded) => decoded,
        Err(kind) => return one(origin.error(Position::File, kind)),
    };
    let mut pending = VecDeque::new();
    if let Some(w) = warning {
        pending.push_back(origin.warning(Position::File, w));
    }
    let value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => {
            pending.push_back(origin.error(Position::File, ReadErrorKind::NotJson(e.to_string())));
            return many(pending.into());
        }
    };
    drop(text);
    match value {
        Value::Array(items) => Box::new(JsonArraySource { items: items.into_iter(), index: 0, origin, pending }),
        value @ Value::Object(_) => {
            let id = origin.id.clone();
            doc_events(&origin, Position::File, value, || id, &mut pending);
            many(pending.into())
        }
        other => {
            pending.push_back(origin.error(Position::File, ReadErrorKind::BadTopLevel(json_kind(&other))));
            many(pending.into())
        }
    }
}

/// The elements of a JSON array, converted one at a time.
struct JsonArraySource {
    items: std::vec::IntoIter<Value>,
    index: usize,
    origin: Origin,
    pending: VecDeque<Event>,
}

impl Iterator for JsonArraySource {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if let Some(event) = self.pending.pop_front() {
            return Some(event);
        }
        let value = self.items.next()?;
        let index = self.index;
        self.index += 1;
        let id = &self.origin.id;
        doc_events(&self.origin, Position::Index(index), value, || format!("{id}#{index}"), &mut self.pending);
        self.pending.pop_front()
    }
}

/// A JSONL stream, read one line at a time.
pub(crate) struct JsonlSource<R> {
    reader: R,
    origin: Origin,
    policy: Utf8Policy,
    /// Lines read so far (the number of the current line).
    line: u64,
    /// Byte offset of the next line.
    offset: u64,
    buf: Vec<u8>,
    warned_utf8: bool,
    done: bool,
    pending: VecDeque<Event>,
}

impl<R: BufRead> JsonlSource<R> {
    pub fn new(reader: R, origin: Origin, policy: Utf8Policy) -> Self {
        JsonlSource {
            reader,
            origin,
            policy,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            warned_utf8: false,
            done: false,
            pending: VecDeque::new(),
        }
    }

    /// Handles the line in `self.buf`, pushing its events.
    fn line_events(&mut self, start: u64) {
        let position = Position::Line(self.line);
        let mut bytes = std::mem::take(&mut self.buf);
        while matches!(bytes.last(), Some(b'\n' | b'\r')) {
            bytes.pop();
        }
        let mut base = start;
        if self.line == 1 && bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
            base += BOM.len() as u64;
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            self.buf = bytes;
            return;
        }
        let text = match decode(bytes, base, self.policy) {
            Err(kind) => return self.pending.push_back(self.origin.error(position, kind)),
            Ok((text, warning)) => {
                if let Some(w) = warning.filter(|_| !self.warned_utf8) {
                    self.warned_utf8 = true;
                    self.pending.push_back(self.origin.warning(position, w));
                }
                text
            }
        };
        match serde_json::from_str::<Value>(&text) {
            Err(e) => {
                self.pending.push_back(self.origin.error(position, ReadErrorKind::LineNotJson(line_json_message(&e))))
            }
            Ok(value) => {
                let (id, line) = (&self.origin.id, self.line);
                doc_events(&self.origin, position, value, || format!("{id}:{line}"), &mut self.pending);
            }
        }
        // Reuse the allocation for the next line.
        let mut bytes = text.into_bytes();
        bytes.clear();
        self.buf = bytes;
    }
}

impl<R: BufRead> Iterator for JsonlSource<R> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            if self.done {
                return None;
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(n) => {
                    let start = self.offset;
                    self.offset += n as u64;
                    self.line += 1;
                    self.line_events(start);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    let position = Position::Line(self.line + 1);
                    self.pending.push_back(self.origin.error(position, ReadErrorKind::Io(e)));
                }
            }
        }
    }
}
