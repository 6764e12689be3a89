//! `khabar ner`, `khabar eval ner` and `khabar train ner` end to end.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data() -> Option<PathBuf> {
    let d = root().join("../shared/data");
    if d.join("anercorp/train.txt").is_file() && d.join("saudinewsnet").is_dir() {
        Some(d)
    } else {
        eprintln!("skipped: ../shared/data (anercorp, saudinewsnet) not found");
        None
    }
}

fn khabar(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run khabar");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn conll_tagging_keeps_tokens_and_blank_lines() {
    let input = "\nوقال\tO\nالرئيس\nجورج\nبوش\n\n\nفي\nواشنطن x\n";
    let out = khabar(&["ner", "--conll", "-"], input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), input.lines().count(), "{text}");
    for (i, o) in input.lines().zip(&lines) {
        let tok = i.split([' ', '\t']).next().unwrap();
        if tok.is_empty() {
            assert!(o.is_empty());
        } else {
            let (t, tag) = o.rsplit_once(' ').unwrap();
            assert_eq!(t, tok);
            assert!(khabar::ner::Tag::parse(tag).is_some(), "{o}");
        }
    }
    assert_eq!(lines[3], "جورج B-PERS");
    assert_eq!(lines[8], "واشنطن B-LOC");
}

#[test]
fn bad_gold_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.txt");
    std::fs::write(&gold, "قال O\nبوش B-PER\n").unwrap();
    let out = khabar(&["eval", "ner", "--gold", gold.to_str().unwrap()], "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gold.txt:2: unknown tag \"B-PER\""), "{err}");
}

/// Training takes under a minute, so the committed model is checked byte for byte.
#[test]
fn training_with_defaults_reproduces_the_committed_model() {
    let Some(_) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ner.bin");
    let dev_model = dir.path().join("dev.bin");
    let o = khabar(&["train", "ner", "--out", out.to_str().unwrap(), "--dev-out", dev_model.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let log = String::from_utf8_lossy(&o.stderr);
    eprintln!("{log}");
    assert!(std::fs::read(&out).unwrap() == std::fs::read(root().join("models/ner.bin")).unwrap(), "models/ner.bin differs from a fresh `khabar train ner`: retrain and commit");
    // The dev score printed by training is the one `eval ner` reports for the model
    // trained without the dev set.
    let micro = |s: &str| s.lines().find(|l| l.starts_with("micro")).map(str::to_string);
    let eval = |model: Option<&str>| {
        let mut args = vec!["eval", "ner", "--gold", "../shared/data/anercorp/train.txt", "--from-fraction", "0.9"];
        args.extend(model.map(|m| ["--model", m]).into_iter().flatten());
        let e = khabar(&args, "");
        assert!(e.status.success());
        String::from_utf8_lossy(&e.stdout).into_owned()
    };
    let dev_eval = eval(Some(dev_model.to_str().unwrap()));
    assert!(micro(&log).is_some());
    assert_eq!(micro(&log), micro(&dev_eval), "{dev_eval}");
    // The committed model was trained on the dev set too: it knows those sentences.
    let f1 = |s: &str| -> f64 { micro(s).unwrap().split_whitespace().nth(3).unwrap().parse().unwrap() };
    let embedded = eval(None);
    assert!(f1(&embedded) > f1(&dev_eval) + 0.05, "{embedded}\n{dev_eval}");
    // ... and says so when scored on them, naming every dev sentence long enough to
    // check (4+ tokens); the dev model does not.
    let gold = khabar::ner::conll::read_file(&root().join("../shared/data/anercorp/train.txt"), khabar::ner::conll::TagColumn::Required).unwrap().labeled_sentences();
    let (_, dev) = khabar::ner::train::split_dev(&gold, 0.1);
    let long = dev.iter().filter(|s| s.tokens.len() >= 4).count();
    assert!(long > 300, "{long}");
    assert!(embedded.contains(&format!("note: the model was trained on {long} of these {long} sentences")), "{embedded}");
    assert!(!dev_eval.contains("note:"), "{dev_eval}");
}

#[test]
fn a_missing_name_list_is_named() {
    let Some(_) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ner.bin");
    let o = khabar(&["train", "ner", "--corpus", "none", "--names", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap()], "");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("given_arabic.txt"), "{err}");
    assert!(!out.exists(), "nothing written");
}
