//! The sources behind [`Reader`](super::Reader): one per input, nested for directories
//! and zip archives. Each source is a lazy iterator of [`Event`]s, so a directory or an
//! archive is opened one file (one member) at a time.

use std::fs;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use super::error::{Position, ReadError, ReadErrorKind, ReadWarning, ReadWarningKind};
use super::{archive, json, ReadOptions, StdinFormat, Utf8Policy};
use crate::doc::InputDoc;

/// What a source produces: documents, and the errors and warnings met on the way.
pub(crate) enum Event {
    Doc(InputDoc),
    Error(ReadError),
    Warning(ReadWarning),
}

pub(crate) type Source = Box<dyn Iterator<Item = Event> + Send>;

/// How to name a file: `display` in messages (the path as given), `id` as the base of
/// generated document ids (the file name, or the path relative to a directory input).
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub display: String,
    pub id: String,
}

impl Origin {
    pub fn error(&self, position: Position, kind: ReadErrorKind) -> Event {
        Event::Error(ReadError::new(self.display.clone(), position, kind))
    }

    pub fn warning(&self, position: Position, kind: ReadWarningKind) -> Event {
        Event::Warning(ReadWarning { file: self.display.clone(), position, kind })
    }

    /// The origin of a zip member or of a file found in a directory.
    pub fn child(&self, name: &str) -> Origin {
        Origin { display: format!("{}/{}", self.display, name), id: format!("{}/{}", self.id, name) }
    }
}

/// The file formats, told by the file name's extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
    Jsonl,
    Zip,
}

impl Format {
    pub fn of(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" => Some(Format::Jsonl),
            "zip" => Some(Format::Zip),
            _ => None,
        }
    }
}

pub(crate) fn one(event: Event) -> Source {
    Box::new(std::iter::once(event))
}

pub(crate) fn many(events: Vec<Event>) -> Source {
    Box::new(events.into_iter())
}

/// Decodes `bytes` as UTF-8 under `policy`. `base` is the byte offset of `bytes` in
/// their file, so that reported offsets are file offsets. Lossy decoding returns the
/// warning to report.
pub(crate) fn decode(
    bytes: Vec<u8>,
    base: u64,
    policy: Utf8Policy,
) -> Result<(String, Option<ReadWarningKind>), ReadErrorKind> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let offset = base + e.utf8_error().valid_up_to() as u64;
            match policy {
                Utf8Policy::Strict => Err(ReadErrorKind::InvalidUtf8 { offset }),
                Utf8Policy::Lossy => Ok((
                    String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    Some(ReadWarningKind::LossyUtf8 { offset }),
                )),
            }
        }
    }
}

/// A whole plain-text file (or member, or stream) as one document, id = `origin.id`.
pub(crate) fn text_doc(bytes: Vec<u8>, origin: &Origin, options: &ReadOptions) -> Source {
    match decode(bytes, 0, options.utf8) {
        Err(kind) => one(origin.error(Position::File, kind)),
        Ok((text, warning)) => {
            let doc = InputDoc { id: Some(origin.id.clone()), text, ..Default::default() };
            let mut events = Vec::with_capacity(2);
            if let Some(w) = warning {
                events.push(origin.warning(Position::File, w));
            }
            events.push(Event::Doc(doc));
            many(events)
        }
    }
}

/// A source over bytes already in memory (a zip member). Zips inside zips are not read.
pub(crate) fn from_bytes(bytes: Vec<u8>, format: Format, origin: Origin, options: &ReadOptions) -> Source {
    match format {
        Format::Text => text_doc(bytes, &origin, options),
        Format::Json => json::json_file(bytes, origin, options),
        Format::Jsonl => Box::new(json::JsonlSource::new(Cursor::new(bytes), origin, options.utf8)),
        Format::Zip => Box::new(std::iter::empty()),
    }
}

/// Opens a path given by the caller: a directory, or a file whose extension says its
/// format (any other extension is read as plain text).
pub(crate) fn open_path(path: &Path, options: &ReadOptions) -> Source {
    let display = path.display().to_string();
    let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| display.clone());
    let origin = Origin { display, id };
    match fs::metadata(path) {
        Err(e) => one(origin.error(Position::File, ReadErrorKind::Io(e))),
        Ok(m) if m.is_dir() => Box::new(DirSource::new(path, options.clone())),
        Ok(_) => open_file(path, Format::of(&origin.id).unwrap_or(Format::Text), origin, options),
    }
}

fn open_file(path: &Path, format: Format, origin: Origin, options: &ReadOptions) -> Source {
    match format {
        Format::Text | Format::Json => match fs::read(path) {
            Err(e) => one(origin.error(Position::File, ReadErrorKind::Io(e))),
            Ok(bytes) => from_bytes(bytes, format, origin, options),
        },
        Format::Jsonl => match fs::File::open(path) {
            Err(e) => one(origin.error(Position::File, ReadErrorKind::Io(e))),
            Ok(f) => Box::new(json::JsonlSource::new(BufReader::new(f), origin, options.utf8)),
        },
        Format::Zip => archive::open(path, origin, options),
    }
}

/// Every `.txt`, `.json`, `.jsonl` and `.zip` under a directory, recursively, in path
/// order. Only the list of paths is held; files are opened one at a time. Symbolic
/// links to files are followed, links to directories are not (no cycles).
struct DirSource {
    files: std::vec::IntoIter<(PathBuf, Format, Origin)>,
    pending: std::vec::IntoIter<Event>,
    current: Option<Source>,
    options: ReadOptions,
}

impl DirSource {
    fn new(root: &Path, options: ReadOptions) -> Self {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        walk(root, &mut files, &mut errors);
        files.sort();
        let files: Vec<_> = files
            .into_iter()
            .filter_map(|p| {
                let rel = p.strip_prefix(root).unwrap_or(&p);
                let id = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let format = Format::of(&id)?;
                let display = p.display().to_string();
                Some((p, format, Origin { display, id }))
            })
            .collect();
        DirSource { files: files.into_iter(), pending: errors.into_iter(), current: None, options }
    }
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Event>) {
    let dir_error =
        |e: io::Error| Event::Error(ReadError::new(dir.display().to_string(), Position::File, ReadErrorKind::Io(e)));
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(dir_error(e)),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(dir_error(e));
                continue;
            }
        };
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            // Its type is unknown: let opening it report the problem.
            files.push(path);
            continue;
        };
        if file_type.is_dir() {
            walk(&path, files, errors);
        } else if file_type.is_file()
            || (file_type.is_symlink() && fs::metadata(&path).map(|m| m.is_file()).unwrap_or(true))
        {
            // A broken link is kept: opening it reports the problem.
            files.push(path);
        }
    }
}

impl Iterator for DirSource {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if let Some(event) = self.pending.next() {
            return Some(event);
        }
        loop {
            if let Some(source) = &mut self.current {
                if let Some(event) = source.next() {
                    return Some(event);
                }
                self.current = None;
            }
            let (path, format, origin) = self.files.next()?;
            self.current = Some(open_file(&path, format, origin, &self.options));
        }
    }
}

/// A stream (stdin): JSONL when asked for, or when its first byte that is not white space
/// (nor a byte-order mark) is `{`; otherwise the whole stream is one text document.
pub(crate) fn open_stream(name: String, reader: Box<dyn Read + Send>, options: &ReadOptions) -> Source {
    let origin = Origin { display: name.clone(), id: name };
    let mut reader = BufReader::new(reader);
    let mut prefix = Vec::new();
    let jsonl = match options.stdin_format {
        StdinFormat::Jsonl => true,
        StdinFormat::Text => false,
        StdinFormat::Auto => match sniff_jsonl(&mut reader, &mut prefix) {
            Ok(jsonl) => jsonl,
            Err(e) => return one(origin.error(Position::File, ReadErrorKind::Io(e))),
        },
    };
    let reader = Cursor::new(prefix).chain(reader);
    if jsonl {
        Box::new(json::JsonlSource::new(BufReader::new(reader), origin, options.utf8))
    } else {
        let mut bytes = Vec::new();
        let mut reader = reader;
        match reader.read_to_end(&mut bytes) {
            Err(e) => one(origin.error(Position::File, ReadErrorKind::Io(e))),
            Ok(_) => text_doc(bytes, &origin, options),
        }
    }
}

/// Looks for the first significant byte; the white space read past goes to `prefix`.
fn sniff_jsonl(reader: &mut impl BufRead, prefix: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(false);
        }
        // BOM bytes are skipped too: they never form another character that starts with `{`.
        if let Some(&b) = buf.iter().find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF)) {
            return Ok(b == b'{');
        }
        let n = buf.len();
        prefix.extend_from_slice(buf);
        reader.consume(n);
    }
}
