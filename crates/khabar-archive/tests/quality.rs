//! Search quality on all of SaudiNewsNet: the hand-written known-item queries of
//! `tests/fixtures/search-quality.json`, khabar against a plain-token index of the same
//! articles. Prints the table the README reports; skips when ../shared/data is absent.
//!
//! `cargo test --release -p khabar-archive --test quality -- --nocapture`

use std::path::PathBuf;
use std::time::Instant;

use khabar::corpus::{Input, ReadOptions, Reader};
use khabar_archive::eval::{khabar_top10, score, Baseline, Fixture};
use khabar_archive::Archive;

fn data() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/saudinewsnet");
    dir.is_dir().then_some(dir)
}

#[test]
fn khabar_beats_plain_tokens_on_known_item_queries() {
    let Some(dir) = data() else {
        eprintln!("skipped: ../shared/data/saudinewsnet not found");
        return;
    };
    let fixture: Fixture = serde_json::from_str(include_str!("fixtures/search-quality.json")).unwrap();
    assert!(fixture.queries.len() >= 30);

    let tmp = tempfile::tempdir().unwrap();
    let archive = Archive::open_or_create(tmp.path()).unwrap();
    let t = Instant::now();
    let mut ingester = archive.ingester(8192).unwrap();
    let mut reader = Reader::new([Input::from_arg(dir.as_path())], ReadOptions::default());
    let mut errors = Vec::new();
    loop {
        let batch: Vec<_> = reader.by_ref().take(1024).filter_map(Result::ok).collect();
        if batch.is_empty() {
            break;
        }
        ingester.add_batch(batch, &mut errors).unwrap();
    }
    ingester.finish().unwrap();
    eprintln!("khabar index: {} documents in {:.1} s", archive.num_docs(), t.elapsed().as_secs_f64());
    assert!(archive.num_docs() > 25_000);

    let t = Instant::now();
    let docs = Reader::new([Input::from_arg(dir.as_path())], ReadOptions::default()).filter_map(Result::ok).filter(|d| !d.text.trim().is_empty());
    let baseline = Baseline::build(docs).unwrap();
    eprintln!("plain-token index built in {:.1} s", t.elapsed().as_secs_f64());

    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for j in &fixture.queries {
        let k = khabar_top10(&archive, &j.query).unwrap();
        let b = baseline.top10(&j.query).unwrap();
        let rank = |list: &Vec<String>| list.iter().position(|u| j.relevant.contains(u)).map_or("-".to_string(), |r| (r + 1).to_string());
        eprintln!("{:<45} khabar {:>2}  plain {:>2}", j.query, rank(&k), rank(&b));
        ours.push(k);
        theirs.push(b);
    }
    let k = score(&fixture.queries, &ours);
    let b = score(&fixture.queries, &theirs);
    eprintln!("\n| index | queries | P@10 | MRR | success@10 |\n|---|---|---|---|---|");
    eprintln!("| khabar (stems + exact phrases) | {} | {:.3} | {:.3} | {:.3} |", k.queries, k.p_at_10, k.mrr, k.success_at_10);
    eprintln!("| plain tokens | {} | {:.3} | {:.3} | {:.3} |", b.queries, b.p_at_10, b.mrr, b.success_at_10);
    assert!(k.mrr > b.mrr + 0.1, "khabar {k:?} vs plain {b:?}");
    assert!(k.p_at_10 >= b.p_at_10);
    assert!(k.mrr >= 0.6, "{k:?}");
}
