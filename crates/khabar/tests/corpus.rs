//! `khabar::corpus` on real data: SaudiNewsNet zips under `../shared/data` (skipped with
//! a message when the data is absent).

use std::collections::HashSet;
use std::path::PathBuf;

use khabar::corpus::{Input, ReadOptions, Reader};

fn saudinewsnet() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/saudinewsnet");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

#[test]
fn one_saudinewsnet_day() {
    let Some(dir) = saudinewsnet() else { return };
    let path = dir.join("2015-07-23.zip");
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return;
    }
    let mut reader = Reader::new([Input::Path(path)], ReadOptions::default());
    let mut docs = Vec::new();
    for item in reader.by_ref() {
        docs.push(item.unwrap_or_else(|e| panic!("{e}")));
    }
    assert_eq!(reader.take_warnings().count(), 0);
    assert!(docs.len() > 1000, "{}", docs.len());
    assert_eq!(docs[0].id.as_deref(), Some("2015-07-23.zip/2015-07-23.json#0"));
    let ids: HashSet<_> = docs.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids.len(), docs.len());
    assert!(docs.iter().any(|d| d.text.is_empty()), "empty articles are documents too");
    for d in &docs {
        assert!(d.title.is_some() && d.url.is_some() && d.source.is_some(), "{:?}", d.id);
        assert!(d.date.as_deref().is_some_and(|s| s.starts_with("2015-")), "{:?}", d.date);
    }
}

#[test]
fn the_whole_saudinewsnet_directory_streams_without_errors() {
    let Some(dir) = saudinewsnet() else { return };
    let mut ids = HashSet::new();
    let mut empty = 0;
    for item in Reader::new([Input::Path(dir)], ReadOptions::default()) {
        let doc = item.unwrap_or_else(|e| panic!("{e}"));
        empty += doc.text.is_empty() as usize;
        assert!(ids.insert(doc.id.unwrap()), "ids are unique");
    }
    assert!(ids.len() > 10_000, "{}", ids.len());
    assert!(empty > 0);
    eprintln!("{} articles, {empty} empty", ids.len());
}
