//! Errors and warnings of the corpus readers.
//!
//! Both name where the problem is: the file (as given by the caller; for zip members
//! `archive.zip/member.json`), then the line (JSONL, 1-based) or the element index
//! (JSON arrays, 0-based, as in document ids), then what is wrong, with a byte offset
//! where one is meaningful:
//!
//! ```text
//! path/to/file.jsonl:17: line is not JSON: expected value at column 3
//! x.jsonl:4: object has no "text" or "content" field
//! day.zip/day.json#12: expected a JSON object, found a number
//! bad.zip: not a readable zip archive: invalid Zip archive: Invalid zip header
//! missing.txt: cannot read: No such file or directory
//! ```

use std::fmt;
use std::io;

/// Where inside a file a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The file as a whole.
    File,
    /// A line of a JSONL file, 1-based.
    Line(u64),
    /// An element of a JSON array, 0-based.
    Index(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::File => Ok(()),
            Position::Line(n) => write!(f, ":{n}"),
            Position::Index(i) => write!(f, "#{i}"),
        }
    }
}

/// What went wrong while reading one file, line or element.
#[derive(Debug, thiserror::Error)]
pub enum ReadErrorKind {
    /// The file, directory or stream could not be read.
    #[error("cannot read: {}", io_message(.0))]
    Io(#[source] io::Error),
    /// A JSONL line that does not parse. The message carries the column.
    #[error("line is not JSON: {0}")]
    LineNotJson(String),
    /// A `.json` file that does not parse. The message carries line and column.
    #[error("not valid JSON: {0}")]
    NotJson(String),
    /// A JSON file whose top level is neither an object nor an array.
    #[error("expected a JSON object or an array of objects, found {0}")]
    BadTopLevel(&'static str),
    /// A line or array element that is not a JSON object.
    #[error("expected a JSON object, found {0}")]
    NotObject(&'static str),
    /// An object without a text.
    #[error("object has no \"text\" or \"content\" field")]
    NoText,
    /// A text field that holds something other than a string.
    #[error("field \"{field}\" is not a string but {found}")]
    TextNotString { field: &'static str, found: &'static str },
    /// Invalid UTF-8 under [`Utf8Policy::Strict`](super::Utf8Policy::Strict); `offset` is the
    /// byte offset of the first invalid sequence in the file (or zip member, or stream).
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { offset: u64 },
    /// A file with a `.zip` name that the zip reader rejects.
    #[error("not a readable zip archive: {0}")]
    NotZip(String),
    /// A zip member that cannot be listed (its name is unknown).
    #[error("cannot read member {index}: {message}")]
    ZipMember { index: usize, message: String },
}

/// A file, line or element that was skipped, and why. The reader goes on after it.
#[derive(Debug, thiserror::Error)]
#[error("{file}{position}: {kind}")]
pub struct ReadError {
    /// The file as the caller named it (for zip members `archive.zip/member`).
    pub file: String,
    pub position: Position,
    pub kind: ReadErrorKind,
}

impl ReadError {
    pub fn new(file: impl Into<String>, position: Position, kind: ReadErrorKind) -> Self {
        ReadError { file: file.into(), position, kind }
    }
}

/// What a warning is about. The document it concerns is still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadWarningKind {
    /// Invalid UTF-8 decoded with U+FFFD replacement characters
    /// ([`Utf8Policy::Lossy`](super::Utf8Policy::Lossy)). Reported once per file, for the
    /// first invalid sequence; `offset` is its byte offset in the file.
    LossyUtf8 { offset: u64 },
    /// A metadata field (`id`, `title`, `url`, `date`, `source`) holding neither a string
    /// nor a number; it is ignored.
    IgnoredField { field: &'static str, found: &'static str },
}

impl fmt::Display for ReadWarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadWarningKind::LossyUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte {offset}, replaced with U+FFFD (further invalid bytes in this file are not reported)")
            }
            ReadWarningKind::IgnoredField { field, found } => {
                write!(f, "field \"{field}\" is {found}, not a string; ignored")
            }
        }
    }
}

/// Something odd in the input that did not stop a document from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWarning {
    pub file: String,
    pub position: Position,
    pub kind: ReadWarningKind,
}

impl fmt::Display for ReadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}: {}", self.file, self.position, self.kind)
    }
}

/// An I/O error's message without the trailing ` (os error N)`.
fn io_message(e: &io::Error) -> String {
    let s = e.to_string();
    match (e.raw_os_error(), s.rfind(" (os error ")) {
        (Some(_), Some(i)) => s[..i].to_string(),
        _ => s,
    }
}

/// serde_json's message for a single line: `… at line 1 column 3` becomes `… at column 3`.
pub(crate) fn line_json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line 1 column ") {
        Some(i) => format!("{} at column {}", &s[..i], &s[i + " at line 1 column ".len()..]),
        None => s,
    }
}

/// A JSON value's kind, for messages.
pub(crate) fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
