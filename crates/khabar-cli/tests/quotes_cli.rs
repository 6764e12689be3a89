//! `khabar quotes` end to end: the table agrees with `analyze`, bad input is reported
//! with its place while the rest is shown, and bidi isolation is on request.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn khabar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar")).args(args).stdin(Stdio::null()).output().expect("run khabar")
}

fn seed() -> String {
    workspace().join("examples/seed-article.txt").to_string_lossy().into_owned()
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).expect("UTF-8 output")
}

/// The table's rows as their cells (the title and header lines left out).
fn rows(table: &str) -> Vec<Vec<String>> {
    table.lines().skip(2).map(|l| l.split(" | ").map(|c| c.trim().to_string()).collect()).collect()
}

#[test]
fn the_seed_table_shows_every_quote_that_analyze_finds() {
    let out = khabar(&["quotes", &seed(), "--width", "0"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = stdout(&out);
    let analysed = khabar(&["analyze", &seed()]);
    let doc: Value = serde_json::from_slice(&analysed.stdout).expect("analyze JSON");
    let quotes = doc["quotes"].as_array().expect("quotes");
    assert!(!quotes.is_empty());
    assert!(table.starts_with(&format!("seed-article.txt: {} quotes\n", quotes.len())), "{table}");
    let rows = rows(table);
    assert_eq!(rows.len(), quotes.len());
    for (row, q) in rows.iter().zip(quotes) {
        let text = |v: &Value| v["text"].as_str().map_or("—".to_string(), |t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        assert_eq!(row[1], q["kind"].as_str().unwrap_or_default());
        assert_eq!(row[2], text(&q["speaker"]));
        assert_eq!(row[3], text(&q["cue"]));
        assert_eq!(row[4], text(q));
    }
    // The issue's example: the guillemets of «الرئيس وضيفه ناقشا …» hold a quote by the
    // US presidency, while those around bare names hold none.
    assert!(rows.iter().any(|r| r[2] == "الرئاسة الأمريكية" && r[4].starts_with("الرئيس وضيفه ناقشا")), "{table}");
    assert!(!rows.iter().any(|r| r[4] == "جو بايدن" || r[4] == "بنيامين نتنياهو" || r[4] == "قطاع غزة"), "{table}");
    // Piped output is plain text: no bidi controls.
    assert!(!table.contains('\u{2068}'));
}

#[test]
fn isolates_on_request_and_long_quotes_are_cut() {
    let out = khabar(&["quotes", &seed(), "--bidi", "isolate", "--width", "30"]);
    assert!(out.status.success());
    let table = stdout(&out);
    for line in table.lines().skip(1) {
        assert_eq!(line.matches('\u{2068}').count(), 3, "speaker, cue and quote isolated: {line}");
        assert_eq!(line.matches('\u{2069}').count(), 3);
    }
    for row in rows(table).iter() {
        let quote = row[4].trim_matches(|c| c == '\u{2068}' || c == '\u{2069}');
        assert!(quote.chars().count() <= 30, "{quote}");
    }
    assert!(table.contains('…'));
}

#[test]
fn a_bad_line_is_reported_and_the_other_documents_are_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("two.jsonl");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(f, r#"{{"id": "a", "text": "قال الوزير: «سنبدأ العمل في المشروع الجديد الأسبوع المقبل»."}}"#).unwrap();
    writeln!(f, r#"{{"id": "b", "text": "#).unwrap();
    writeln!(f, r#"{{"id": "c", "text": "لا اقتباس هنا."}}"#).unwrap();
    drop(f);
    let out = khabar(&["quotes", &path.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "a skipped line makes the exit code 1");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("two.jsonl:2"), "the bad line is named: {err}");
    let table = stdout(&out);
    assert!(table.contains("a: 1 quote\n"), "{table}");
    assert!(table.contains("سنبدأ العمل في المشروع الجديد الأسبوع المقبل"), "{table}");
    assert!(table.contains("c: 0 quotes\n"), "{table}");
}
