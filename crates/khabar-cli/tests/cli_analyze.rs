//! `khabar analyze` end to end: the built binary on files, stdin, broken inputs and a
//! real SaudiNewsNet day.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn khabar() -> Command {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
}

fn analyze(args: &[&str]) -> Output {
    khabar().arg("analyze").args(args).stdin(Stdio::null()).output().expect("run khabar")
}

fn analyze_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = khabar()
        .arg("analyze")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run khabar");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout_str(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).expect("stdout is UTF-8")
}

fn stderr_str(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// JSONL output: one document per line.
fn lines(out: &Output) -> Vec<Value> {
    stdout_str(out).lines().map(|l| serde_json::from_str(l).expect("each line is a JSON document")).collect()
}

fn path_arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn seed_article_gives_one_pretty_document_with_exact_offsets() {
    let path = workspace().join("examples/seed-article.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = analyze(&[path_arg(&path)]);
    assert!(out.status.success(), "{}", stderr_str(&out));
    let stdout = stdout_str(&out);
    assert!(stdout.starts_with("{\n  \""), "pretty JSON expected");
    let doc: Value = serde_json::from_str(stdout).unwrap();
    assert_eq!(doc["schema"], "khabar.document/1");
    assert_eq!(doc["id"], "seed-article.txt");
    assert_eq!(doc["text"].as_str().unwrap(), text);
    let tokens = doc["tokens"].as_array().unwrap();
    assert!(tokens.len() > 100);
    for t in tokens {
        let (start, end) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert_eq!(t["text"].as_str().unwrap(), khabar::doc::slice_chars(&text, start, end), "token {t}");
    }
}

#[test]
fn jsonl_with_bad_lines_reports_them_and_keeps_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    std::fs::write(&path, "{\"id\": \"good\", \"text\": \"قال بايدن.\"}\nnot json at all\n{\"title\": \"no text\"}\n")
        .unwrap();
    let out = analyze(&[path_arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_str(stdout_str(&out)).expect("one document, pretty");
    assert_eq!(doc["id"], "good");
    let err = stderr_str(&out);
    let p = path.display();
    assert!(err.contains(&format!("khabar: {p}:2: line is not JSON")), "{err}");
    assert!(err.contains(&format!("khabar: {p}:3: object has no \"text\" or \"content\" field")), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn stdin_jsonl_and_plain_text() {
    let jsonl = "{\"text\": \"أ\"}\n\n{\"content\": \"ب\", \"id\": \"b\"}\n";
    for args in [&[][..], &["-"], &["--format", "jsonl"]] {
        let out = analyze_stdin(args, jsonl.as_bytes());
        assert!(out.status.success(), "{args:?}: {}", stderr_str(&out));
        let docs = lines(&out);
        let ids: Vec<_> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["stdin:1", "b"], "{args:?}");
    }

    let text = "عنوان الخبر\nفقرة أولى من الخبر.\n";
    let out = analyze_stdin(&[], text.as_bytes());
    assert!(out.status.success(), "{}", stderr_str(&out));
    let doc: Value = serde_json::from_str(stdout_str(&out)).unwrap();
    assert_eq!(doc["id"], "stdin");
    assert_eq!(doc["text"], text);

    let out = analyze_stdin(&["--format", "json"], jsonl.as_bytes());
    assert!(out.status.success());
    let docs: Value = serde_json::from_str(stdout_str(&out)).expect("--format json writes an array");
    assert_eq!(docs.as_array().map(Vec::len), Some(2));
}

#[test]
fn corrupt_zip_does_not_stop_the_good_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.zip");
    std::fs::write(&bad, "PK\x03\x04 but not really a zip").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "خبر سليم.").unwrap();
    let out = analyze(&[path_arg(&bad), path_arg(&good)]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_str(stdout_str(&out)).unwrap();
    assert_eq!(doc["id"], "good.txt");
    assert_eq!(doc["text"], "خبر سليم.");
    let err = stderr_str(&out);
    assert!(err.contains(&format!("khabar: {}: not a readable zip archive", bad.display())), "{err}");
}

#[test]
fn output_file_and_utf8_policies() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"caf\xE9 \xD9\x86\xD8\xB5").unwrap();
    let target = dir.path().join("out.json");

    let out = analyze(&[path_arg(&bad), "--output", path_arg(&target)]);
    assert!(out.status.success(), "{}", stderr_str(&out));
    assert!(out.stdout.is_empty());
    let err = stderr_str(&out);
    assert!(err.contains(&format!("{}: invalid UTF-8 at byte 3", bad.display())), "{err}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(doc["text"], "caf\u{FFFD} نص");

    let out = analyze(&[path_arg(&bad), "--strict-utf8"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr_str(&out).contains(&format!("khabar: {}: invalid UTF-8 at byte 3", bad.display())));
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let line = "{\"text\": \"قال الرئيس الأمريكي جو بايدن لرئيس الوزراء إن بلاده ملتزمة بأمن المنطقة.\"}\n";
    std::fs::write(&path, line.repeat(3000)).unwrap();
    let mut child = khabar()
        .args(["analyze", path_arg(&path)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"schema\""));
    drop(stdout);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn saudinewsnet_day_gives_one_line_per_article() {
    let zip_path = workspace().join("../shared/data/saudinewsnet/2015-07-23.zip");
    if !zip_path.exists() {
        eprintln!("skipped: {} is absent", zip_path.display());
        return;
    }
    // Count the articles independently of khabar's reader.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut expected = 0;
    for i in 0..archive.len() {
        let member = archive.by_index(i).unwrap();
        if member.name().ends_with(".json") {
            let articles: Vec<Value> = serde_json::from_reader(member).unwrap();
            expected += articles.len();
        }
    }
    assert!(expected > 1000);

    let out = analyze(&[path_arg(&zip_path)]);
    assert!(out.status.success(), "{}", stderr_str(&out));
    let docs = lines(&out);
    assert_eq!(docs.len(), expected);
    let ids: HashSet<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), expected, "ids are unique");
    assert!(docs.iter().any(|d| d["text"] == ""), "empty articles are kept");
    assert!(docs.iter().all(|d| d["url"].is_string() && d["date"].is_string() && d["source"].is_string()));
}

#[test]
fn teh_marbuta_folding_is_an_option_of_norm_only() {
    let plain: Value = serde_json::from_str(stdout_str(&analyze_stdin(&[], "المدرسة".as_bytes()))).unwrap();
    let folded: Value = serde_json::from_str(stdout_str(&analyze_stdin(&["--fold-teh-marbuta"], "المدرسة".as_bytes()))).unwrap();
    assert_eq!(plain["tokens"][0]["norm"], "المدرسة");
    assert_eq!(folded["tokens"][0]["norm"], "المدرسه");
    // The text and the offsets never change; the search stem folds either way.
    assert_eq!(plain["text"], folded["text"]);
    assert_eq!(plain["tokens"][0]["stem"], folded["tokens"][0]["stem"]);
    assert_eq!(plain["tokens"][0]["segments"], folded["tokens"][0]["segments"]);
}

#[test]
fn a_copied_story_points_to_its_first_copy() {
    let seed = std::fs::read_to_string(workspace().join("examples/seed-article.txt")).unwrap();
    // The same story in a second outlet with its last paragraph changed, and an
    // unrelated text.
    let mut edited: Vec<&str> = seed.lines().collect();
    edited.pop();
    let edited = edited.join("\n") + "\nوفي سياق متصل، قالت مصادر إن الاتصالات مستمرة بين الطرفين.";
    let other = "أعلنت وزارة التعليم اليوم نتائج امتحانات الثانوية العامة في جميع المناطق، وبلغت نسبة النجاح تسعين في المئة، وهنأ الوزير الطلاب وأولياء أمورهم على هذا الإنجاز الكبير.";
    let jsonl = [("a", seed.as_str()), ("b", other), ("c", edited.as_str())]
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let out = analyze_stdin(&["--format", "jsonl"], jsonl.as_bytes());
    assert!(out.status.success(), "{}", stderr_str(&out));
    let docs = lines(&out);
    assert_eq!(docs.len(), 3);
    assert!(docs[0].get("near_duplicate_of").is_none());
    assert!(docs[1].get("near_duplicate_of").is_none());
    let near = &docs[2]["near_duplicate_of"];
    assert_eq!(near["id"], "a");
    let sim = near["similarity"].as_f64().unwrap();
    assert!(sim > 0.5 && sim < 1.0, "{sim}");
}
