//! Hand-written name lists (`data/names/`): given names, places, organisations and
//! sports clubs, as the Arabic press spells them.
//!
//! The learned gazetteer ([`super::gazetteer`]) knows only the names ANERcorp's 125k
//! training tokens happen to contain; most misses on held-out text are names the
//! training part never saw (`فولكسفاغن`, `بنفيكا`, `كوت ديفوار`). The lists carry general
//! knowledge the data cannot: which words are given names, which strings are places,
//! companies, parties or clubs. They are features, not rules: the model learns how far
//! to trust a match (a listed word that is also frequent vocabulary earns less).
//!
//! Entries are stored by the stems of their words, as the tagger sees tokens, so a
//! listed name matches behind any clitic (`وبفولكسفاغن`). The lists are read when the
//! model is trained and stored inside it: the product never needs the files.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::distrib::Distrib;
use super::features::{analyze_token, analyze_token_whole};
use super::gazetteer::{GazMarks, LISTED_SHIFT};
use super::EntityType;
use crate::text::segment::Segmenter;

/// The list files of `data/names/` and the type each one lists. Given names are listed
/// as persons: a match says "a person's name starts here", not "this is a person".
pub const LIST_FILES: [(&str, EntityType); 7] = [
    ("given_arabic.txt", EntityType::Pers),
    ("given_foreign.txt", EntityType::Pers),
    ("people.txt", EntityType::Pers),
    ("places.txt", EntityType::Loc),
    ("organisations.txt", EntityType::Org),
    ("clubs.txt", EntityType::Org),
    ("misc.txt", EntityType::Misc),
];

/// The lists of given names, as opposed to whole names of people: their words are cue
/// words (a word that often follows one is a surname).
const GIVEN_NAME_FILES: [&str; 2] = ["given_arabic.txt", "given_foreign.txt"];

/// The texts of the [`LIST_FILES`] of a folder, each with its file name and the type it lists.
#[derive(Debug, Clone, Default)]
pub struct ListFiles(Vec<(&'static str, String, EntityType)>);

impl ListFiles {
    /// Reads every file of [`LIST_FILES`] from `dir`; a missing one is an error naming it.
    pub fn read(dir: &Path) -> std::io::Result<ListFiles> {
        let mut files = Vec::with_capacity(LIST_FILES.len());
        for (file, t) in LIST_FILES {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            files.push((file, text, t));
        }
        Ok(ListFiles(files))
    }

    /// The one-word given names, as written: cue words for
    /// [`super::distrib::Vocab::with_given_names`].
    pub fn given_names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter(|(file, _, _)| GIVEN_NAME_FILES.contains(file)).flat_map(|(_, text, _)| text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.contains(' ')))
    }
}

/// The names of the lists, keyed by stems.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameLists {
    /// Entry (stems joined by a space) → bit mask of the types listing it.
    pub(crate) entries: FxHashMap<String, u8>,
    /// Entries and their prefixes by [`super::gazetteer::words_hash`]: what marking asks.
    pub(crate) by_words: FxHashMap<u64, ListPrefix>,
    pub(crate) max_len: usize,
}

/// What a run of stems is to the lists: a listed name (types as a mask), the start of a
/// longer one, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct ListPrefix {
    pub(crate) types: u8,
    pub(crate) extends: bool,
}

/// Longest listed name, in words; longer lines are left out.
pub const MAX_LISTED_WORDS: usize = 6;

impl NameLists {
    /// Lists `key` (stems joined by single spaces) as a name of the types in `mask`.
    pub fn insert(&mut self, key: String, mask: u8) {
        if key.is_empty() || mask == 0 {
            return;
        }
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() > MAX_LISTED_WORDS {
            return;
        }
        for n in 1..words.len() {
            self.by_words.entry(super::gazetteer::words_hash(words[..n].iter().copied())).or_default().extends = true;
        }
        self.by_words.entry(super::gazetteer::words_hash(words.iter().copied())).or_default().types |= mask;
        self.max_len = self.max_len.max(words.len());
        *self.entries.entry(key).or_default() |= mask;
    }

    /// Adds the lines of one list: each a name, its words analysed as the tagger
    /// analyses tokens. Lines that are empty or have a word with no stem are skipped.
    /// A name is listed as written, without clitics, so it is also listed with its words
    /// left whole, as the text layer reads a name its document repeats: `جو بايدن` is
    /// found both as the segmenter reads it alone (`جو` `ايدن`) and as `analyze` does.
    pub fn add_lines(&mut self, seg: &Segmenter, dist: &Distrib, text: &str, t: EntityType) {
        for line in text.lines() {
            let stems: Vec<String> = line.split_whitespace().map(|w| analyze_token(seg, dist, w).stem).collect();
            if stems.is_empty() || stems.iter().any(String::is_empty) {
                continue;
            }
            let whole: Vec<String> = line.split_whitespace().map(|w| analyze_token_whole(seg, dist, w).stem).collect();
            if whole != stems && !whole.iter().any(String::is_empty) {
                self.insert(whole.join(" "), 1 << t.index());
            }
            self.insert(stems.join(" "), 1 << t.index());
        }
    }

    /// Lists every file's names, as the tagger analyses words.
    pub fn from_files(files: &ListFiles, seg: &Segmenter, dist: &Distrib) -> NameLists {
        let mut lists = NameLists::default();
        for (_, text, t) in &files.0 {
            lists.add_lines(seg, dist, text, *t);
        }
        lists
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The types listing `key` (stems joined by spaces), as a mask.
    pub fn types(&self, key: &str) -> u8 {
        self.entries.get(key).copied().unwrap_or(0)
    }

    /// Marks the runs of `stems` (`words`: their [`super::gazetteer::word_hash`]es) that
    /// are listed names: bit [`LISTED_SHIFT`] + t of `out[j].begin` when a name of type t
    /// starts at j, of `out[j].inside` when one covers j past its first word. Overlapping
    /// matches all count.
    pub fn mark(&self, stems: &[&str], words: &[u64], out: &mut [GazMarks]) {
        if self.by_words.is_empty() {
            return;
        }
        for j in 0..stems.len() {
            let mut h = super::gazetteer::WORDS_SEED;
            for (l, s) in stems[j..].iter().take(self.max_len).enumerate() {
                if s.is_empty() {
                    break;
                }
                h = super::gazetteer::add_word(h, words[j + l]);
                let Some(found) = self.by_words.get(&h) else { break };
                if found.types != 0 {
                    out[j].begin |= found.types << LISTED_SHIFT;
                    for m in &mut out[j + 1..=j + l] {
                        m.inside |= found.types << LISTED_SHIFT;
                    }
                }
                if !found.extends {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType::*;

    #[test]
    fn names_match_by_stem_behind_clitics_and_across_words() {
        let seg = crate::models::default_segmenter();
        let dist = Distrib::default();
        let mut lists = NameLists::default();
        lists.add_lines(&seg, &dist, "الولايات المتحدة\nواشنطن\n\n", Loc);
        lists.add_lines(&seg, &dist, "جورج\n", Pers);
        // Three names, and `الولايات المتحدة` once more with its words left whole.
        assert_eq!(lists.len(), 4);
        let tokens = ["وقال", "جورج", "في", "لواشنطن", "إن", "الولايات", "المتحدة", "و", "الولايات"];
        let stems: Vec<String> = tokens.iter().map(|t| analyze_token(&seg, &dist, t).stem).collect();
        let refs: Vec<&str> = stems.iter().map(String::as_str).collect();
        let words: Vec<u64> = refs.iter().map(|s| super::super::gazetteer::word_hash(s)).collect();
        let mut out = vec![GazMarks::default(); tokens.len()];
        lists.mark(&refs, &words, &mut out);
        let b: Vec<u8> = out.iter().map(|m| m.begin >> LISTED_SHIFT).collect();
        let i: Vec<u8> = out.iter().map(|m| m.inside >> LISTED_SHIFT).collect();
        let (p, l) = (1 << Pers.index(), 1 << Loc.index());
        assert_eq!(b, [0, p, 0, l, 0, l, 0, 0, 0]);
        assert_eq!(i, [0, 0, 0, 0, 0, 0, l, 0, 0]);
    }

    #[test]
    fn a_name_matches_whether_its_words_are_read_alone_or_left_whole() {
        let seg = crate::models::default_segmenter();
        let dist = Distrib::default();
        // Alone, the segmenter reads `بايدن` as ب + `ايدن`; `analyze` leaves a name its
        // document repeats whole. The list must match both readings.
        let alone = analyze_token(&seg, &dist, "بايدن").stem;
        let whole = analyze_token_whole(&seg, &dist, "بايدن").stem;
        assert_ne!(alone, whole, "the example needs a word the segmenter splits");
        assert_eq!(whole, "بايدن");
        let mut lists = NameLists::default();
        lists.add_lines(&seg, &dist, "جو بايدن\n", Pers);
        assert_eq!(lists.types(&format!("جو {alone}")), 1 << Pers.index());
        assert_eq!(lists.types("جو بايدن"), 1 << Pers.index());
        assert_eq!(lists.len(), 2);
    }

    #[test]
    fn only_the_given_name_files_give_cue_words() {
        let dir = tempfile::tempdir().unwrap();
        for (file, _) in LIST_FILES {
            std::fs::write(dir.path().join(file), format!("{file}\nاسم مركب\n")).unwrap();
        }
        let files = ListFiles::read(dir.path()).unwrap();
        let given: Vec<&str> = files.given_names().collect();
        assert_eq!(given, ["given_arabic.txt", "given_foreign.txt"]);
    }
}
