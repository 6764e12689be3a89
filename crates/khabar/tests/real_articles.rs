//! The invariants of `common/mod.rs` on real news: the first 3,000 non-empty articles of
//! SaudiNewsNet (`../shared/data/saudinewsnet/*.zip`, skipped with a message when the data
//! is absent) and the seed article `examples/seed-article.txt`.
//!
//! Run in release mode: `cargo test --release -p khabar --test real_articles`.

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::{check_document, check_json_roundtrip, esc, saudinewsnet, ANALYZER};
use khabar::corpus::{Input, ReadOptions, Reader};

const ARTICLES: usize = 3000;

#[test]
fn invariants_hold_on_saudinewsnet_articles() {
    let Some(dir) = saudinewsnet() else { return };
    let t = Instant::now();
    let (mut checked, mut tokens, mut chars) = (0usize, 0usize, 0usize);
    // Failures by property (the message's first words), with the first few examples.
    // (One failure per article and check: the first violation found.)
    let mut failures: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    for item in Reader::new([Input::Path(dir)], ReadOptions::default()) {
        let input = item.unwrap_or_else(|e| panic!("{e}"));
        if input.text.trim().is_empty() {
            continue;
        }
        let id = input.id.clone().unwrap_or_default();
        let text = input.text.clone();
        let doc = ANALYZER.analyze(input);
        assert_eq!(doc.id, id);
        for result in [check_document(&text, &doc), check_json_roundtrip(&text, &doc)] {
            if let Err(e) = result {
                let property: String = e.split(':').nth(1).unwrap_or(&e).chars().take(60).collect();
                let (count, examples) = failures.entry(property).or_default();
                *count += 1;
                if examples.len() < 3 {
                    examples.push(format!("{id}: {}", e.lines().next().unwrap_or("")));
                }
            }
        }
        checked += 1;
        tokens += doc.tokens.len();
        chars += text.chars().count();
        if checked == ARTICLES {
            break;
        }
    }
    eprintln!("{checked} articles, {chars} chars, {tokens} tokens checked in {:?}", t.elapsed());
    assert!(checked == ARTICLES, "only {checked} non-empty articles found");
    if !failures.is_empty() {
        let mut msg = String::from("invariants violated on real articles:\n");
        for (property, (count, examples)) in &failures {
            msg.push_str(&format!("- {} ({count} articles)\n", property.trim()));
            for e in examples {
                msg.push_str(&format!("    {e}\n"));
            }
        }
        panic!("{msg}");
    }
}

const SEED: &str = include_str!("../../../examples/seed-article.txt");

#[test]
fn invariants_hold_on_the_seed_article() {
    let doc = ANALYZER.analyze_text(SEED);
    check_document(SEED, &doc).unwrap_or_else(|e| panic!("{e}"));
    check_json_roundtrip(SEED, &doc).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn seed_article_structure() {
    let doc = ANALYZER.analyze_text(SEED);
    let first_line = SEED.lines().next().unwrap().trim();
    let headline = doc.structure.headline.as_ref().expect("the seed has a headline");
    assert_eq!(headline.text, first_line);
    assert_eq!(headline.start, 0);
    let subheadings: Vec<&str> = doc.structure.subheadings.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(subheadings, ["بايدن يوجه رسالة لنتنياهو", "دعوات للانتقام", "كواليس لقاء بايدن ونتنياهو"]);
    assert!(doc.sentences.len() > 10, "{} sentences", doc.sentences.len());
    for s in &doc.sentences {
        assert!(!s.text.contains('\n'), "sentence spans a line break: {}", esc(&s.text));
    }
}
