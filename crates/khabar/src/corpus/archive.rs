//! Zip archives: every `.txt`, `.json` and `.jsonl` member, in archive order, one
//! member in memory at a time. Members are named `<zip>/<member>` in ids and messages
//! (a SaudiNewsNet article: `2015-07-23.zip/2015-07-23.json#41`). Directories, other
//! members (zips inside zips included) and macOS `__MACOSX/` metadata are skipped.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use ::zip::ZipArchive;

use super::error::{Position, ReadErrorKind};
use super::source::{from_bytes, one, Event, Format, Origin, Source};
use super::ReadOptions;

/// Opens the archive at `path`; a file that is not a zip gives one error.
pub(crate) fn open(path: &Path, origin: Origin, options: &ReadOptions) -> Source {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return one(origin.error(Position::File, ReadErrorKind::Io(e))),
    };
    match ZipArchive::new(file) {
        Ok(archive) => Box::new(ZipSource { archive, next: 0, origin, options: options.clone(), current: None }),
        Err(e) => one(origin.error(Position::File, ReadErrorKind::NotZip(e.to_string()))),
    }
}

struct ZipSource {
    archive: ZipArchive<File>,
    /// Index of the next member to open.
    next: usize,
    origin: Origin,
    options: ReadOptions,
    current: Option<Source>,
}

impl ZipSource {
    /// Reads member `index`: `None` when it is skipped.
    fn open_member(&mut self, index: usize) -> Option<Source> {
        let mut member = match self.archive.by_index(index) {
            Ok(member) => member,
            Err(e) => {
                let kind = ReadErrorKind::ZipMember { index, message: e.to_string() };
                return Some(one(self.origin.error(Position::File, kind)));
            }
        };
        let name = member.name().to_string();
        if member.is_dir() || name.starts_with("__MACOSX/") {
            return None;
        }
        let format = Format::of(&name).filter(|&f| f != Format::Zip)?;
        let origin = self.origin.child(&name);
        // The declared size is only a hint: cap the up-front allocation.
        let mut bytes = Vec::with_capacity(member.size().min(64 << 20) as usize);
        if let Err(e) = member.read_to_end(&mut bytes) {
            return Some(one(origin.error(Position::File, ReadErrorKind::Io(e))));
        }
        Some(from_bytes(bytes, format, origin, &self.options))
    }
}

impl Iterator for ZipSource {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(source) = &mut self.current {
                if let Some(event) = source.next() {
                    return Some(event);
                }
                self.current = None;
            }
            if self.next >= self.archive.len() {
                return None;
            }
            let index = self.next;
            self.next += 1;
            self.current = self.open_member(index);
        }
    }
}
