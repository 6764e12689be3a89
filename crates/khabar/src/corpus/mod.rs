//! Input readers: plain text, JSON, JSONL, zip archives, directories and stdin, turned
//! into [`InputDoc`]s in input order.
//!
//! A [`Reader`] is an iterator of `Result<InputDoc, ReadError>`. It streams: inputs are
//! opened one at a time, directories and archives one file (member) at a time, JSONL one
//! line at a time; only a single `.txt`/`.json` file or zip member is read whole. After an
//! error in a file, line or element the reader goes on with the rest.
//!
//! | input | documents | id when the input has none |
//! |---|---|---|
//! | `a.txt` (or any unknown extension) | the whole content, unchanged | `a.txt` |
//! | `a.jsonl` | one per non-blank line | `a.jsonl:<line>` (1-based) |
//! | `a.json` | one object, or each object of an array | `a.json`, `a.json#<index>` (0-based) |
//! | `a.zip` | every `.txt`/`.json`/`.jsonl` member | `a.zip/<member>`, `a.zip/<member>#<index>`… |
//! | a directory | every `.txt`/`.json`/`.jsonl`/`.zip` under it, sorted by path | the path relative to the directory, e.g. `sub/a.txt` |
//! | `-` (stdin) | JSONL if asked for or if it starts with `{`, else one text | `stdin`, `stdin:<line>` |
//!
//! JSON objects hold their text in `text` or `content` (SaudiNewsNet), and optionally
//! `id`, `title`, `url`, `date` (or `date_extracted`) and `source` (see
//! [below](#json-documents)). Invalid UTF-8 is decoded lossily with a warning by default
//! ([`Utf8Policy`]); warnings are collected with [`Reader::take_warnings`].
//!
//! ```no_run
//! use khabar::corpus::{Input, ReadOptions, Reader};
//! let mut reader = Reader::new([Input::from_arg("news.zip")], ReadOptions::default());
//! while let Some(item) = reader.next() {
//!     for w in reader.take_warnings() {
//!         eprintln!("warning: {w}");
//!     }
//!     match item {
//!         Ok(doc) => println!("{:?}: {} chars", doc.id, doc.text.chars().count()),
//!         Err(e) => eprintln!("{e}"),
//!     }
//! }
//! ```
//!
//! # JSON documents
//!
//! The text is `text` when present and not null, else `content`; a non-string text is an
//! error, an empty one is not. Metadata fields may be strings or numbers; other types
//! are ignored with a warning. An empty `id` counts as missing.

mod archive;
mod error;
mod json;
mod source;

use std::collections::VecDeque;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;

pub use error::{Position, ReadError, ReadErrorKind, ReadWarning, ReadWarningKind};

use crate::doc::InputDoc;
use source::{Event, Source};

/// One input: a path (file or directory), stdin, or any other byte stream.
pub enum Input {
    /// A file (its format told by its extension) or a directory.
    Path(PathBuf),
    /// Standard input, named `stdin`.
    Stdin,
    /// A byte stream read like stdin; `name` is used in ids and messages.
    Stream { name: String, reader: Box<dyn Read + Send> },
}

impl Input {
    /// A command-line argument: `-` is stdin, anything else a path.
    pub fn from_arg(arg: impl Into<PathBuf>) -> Input {
        let path = arg.into();
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(path)
        }
    }
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => f.debug_tuple("Path").field(p).finish(),
            Input::Stdin => f.write_str("Stdin"),
            Input::Stream { name, .. } => f.debug_struct("Stream").field("name", name).finish_non_exhaustive(),
        }
    }
}

impl From<PathBuf> for Input {
    fn from(path: PathBuf) -> Self {
        Input::Path(path)
    }
}

impl From<&std::path::Path> for Input {
    fn from(path: &std::path::Path) -> Self {
        Input::Path(path.to_path_buf())
    }
}

/// What to do with bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Utf8Policy {
    /// Replace invalid sequences with U+FFFD and report a [`ReadWarning`] (once per file,
    /// with the byte offset of the first invalid sequence).
    #[default]
    Lossy,
    /// Skip the file (the line, for JSONL) with a [`ReadError`] giving the byte offset.
    Strict,
}

/// How to read stdin (and [`Input::Stream`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StdinFormat {
    /// JSONL when the first byte that is not white space is `{`, else one text document.
    #[default]
    Auto,
    /// One text document.
    Text,
    /// JSONL.
    Jsonl,
}

/// Reading options.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub utf8: Utf8Policy,
    pub stdin_format: StdinFormat,
}

/// Reads inputs in order, yielding each document or the error that skipped it.
pub struct Reader {
    inputs: VecDeque<Input>,
    current: Option<Source>,
    options: ReadOptions,
    warnings: VecDeque<ReadWarning>,
}

impl Reader {
    pub fn new(inputs: impl IntoIterator<Item = Input>, options: ReadOptions) -> Self {
        Reader { inputs: inputs.into_iter().collect(), current: None, options, warnings: VecDeque::new() }
    }

    /// The warnings met so far and not yet taken, oldest first. Call it after each
    /// [`next`](Iterator::next) to report them next to the document they concern.
    pub fn take_warnings(&mut self) -> std::collections::vec_deque::Drain<'_, ReadWarning> {
        self.warnings.drain(..)
    }

    fn open(&self, input: Input) -> Source {
        match input {
            Input::Path(path) => source::open_path(&path, &self.options),
            Input::Stdin => source::open_stream("stdin".into(), Box::new(std::io::stdin()), &self.options),
            Input::Stream { name, reader } => source::open_stream(name, reader, &self.options),
        }
    }
}

impl Iterator for Reader {
    type Item = Result<InputDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(source) = &mut self.current {
                match source.next() {
                    Some(Event::Doc(doc)) => return Some(Ok(doc)),
                    Some(Event::Error(e)) => return Some(Err(e)),
                    Some(Event::Warning(w)) => {
                        self.warnings.push_back(w);
                        continue;
                    }
                    None => self.current = None,
                }
            }
            let input = self.inputs.pop_front()?;
            self.current = Some(self.open(input));
        }
    }
}

/// Reads `inputs` with `options`: shorthand for [`Reader::new`].
pub fn read(inputs: impl IntoIterator<Item = Input>, options: ReadOptions) -> Reader {
    Reader::new(inputs, options)
}

#[cfg(test)]
mod tests;
