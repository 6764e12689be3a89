//! The committed models are exactly what `khabar train` builds from ../shared/data, and
//! the eval command reports the quality the README states.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data() -> Option<PathBuf> {
    let d = root().join("../shared/data");
    if d.join("saudinewsnet").is_dir() && d.join("ud-arabic-pud/dev.conllu").is_file() {
        Some(d)
    } else {
        eprintln!("skipped: ../shared/data not found");
        None
    }
}

fn khabar(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_khabar")).args(args).current_dir(root()).output().expect("run khabar");
    assert!(out.status.success(), "khabar {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn training_reproduces_the_committed_models() {
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lexicon.fst");
    let seg = dir.path().join("segmenter.json");
    khabar(&["train", "lexicon", "--data", data.join("saudinewsnet").to_str().unwrap(), "--out", lex.to_str().unwrap()]);
    khabar(&["train", "segmenter", "--gold", data.join("ud-arabic-pud/dev.conllu").to_str().unwrap(), "--out", seg.to_str().unwrap()]);
    assert!(std::fs::read(&lex).unwrap() == std::fs::read(root().join("models/lexicon.fst")).unwrap(), "lexicon differs: retrain and commit");
    assert_eq!(
        std::fs::read_to_string(&seg).unwrap(),
        std::fs::read_to_string(root().join("models/segmenter.json")).unwrap(),
        "segmenter differs: retrain and commit"
    );
}

/// Two-fold cross-validation on PUD must stay above the bar the README reports against.
#[test]
fn held_out_segmentation_f1_meets_the_bar() {
    let Some(data) = data() else { return };
    let gold = data.join("ud-arabic-pud/dev.conllu");
    let dir = tempfile::tempdir().unwrap();
    let mut f1s = Vec::new();
    for swap in [false, true] {
        let out = dir.path().join(format!("seg-{swap}.json"));
        let mut args = vec!["train", "segmenter", "--gold", gold.to_str().unwrap(), "--train-sentences", "250", "--out", out.to_str().unwrap()];
        if swap {
            args.push("--swap");
        }
        let o = khabar(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        let f1: f64 = err
            .lines()
            .find_map(|l| l.split("syntactic-word F1 ").nth(1))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("no F1 in output: {err}"));
        f1s.push(f1);
    }
    let mean = (f1s[0] + f1s[1]) / 2.0;
    eprintln!("held-out F1 per fold {f1s:?}, mean {mean:.4}");
    assert!(f1s.iter().all(|&f| f >= 0.97), "{f1s:?}");
    assert!(mean >= 0.975, "mean held-out F1 {mean:.4} < 0.975");
}

#[test]
fn eval_prints_f1_and_errors() {
    let Some(data) = data() else { return };
    let o = khabar(&["eval", "segmentation", "--gold", data.join("ud-arabic-pud/dev.conllu").to_str().unwrap(), "--errors", "5"]);
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("F1 0.9"), "{s}");
    assert!(s.contains("most frequent errors"), "{s}");
}
