//! `khabar index`, `search` and `serve` as built: idempotent re-runs, recovery from a
//! run killed (SIGKILL) after its first commit, the search command's output, and the
//! server answering over loopback.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khabar::corpus::{Input, ReadOptions, Reader};
use khabar_archive::archive::doc_key;
use khabar_archive::Archive;
use tantivy::schema::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn zips() -> Option<Vec<PathBuf>> {
    let dir = root().join("../shared/data/saudinewsnet");
    let zips: Vec<PathBuf> = ["2015-07-25", "2015-07-26", "2015-07-27"].iter().map(|d| dir.join(format!("{d}.zip"))).collect();
    if zips.iter().all(|z| z.is_file()) {
        Some(zips)
    } else {
        eprintln!("skipped: ../shared/data/saudinewsnet not found");
        None
    }
}

fn khabar() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khabar"));
    c.current_dir(root());
    c
}

/// Distinct document keys in the inputs: what a complete index must hold.
fn distinct_keys(inputs: &[PathBuf]) -> usize {
    let reader = Reader::new(inputs.iter().map(|p| Input::from_arg(p.as_path())), ReadOptions::default());
    reader.filter_map(Result::ok).map(|d| doc_key(&d)).collect::<HashSet<_>>().len()
}

/// Every stored id, checking there is no duplicate.
fn assert_unique_ids(archive: &Archive) -> usize {
    let searcher = archive.searcher();
    let mut ids = HashSet::new();
    for (seg, reader) in searcher.segment_readers().iter().enumerate() {
        for doc in reader.doc_ids_alive() {
            let d: tantivy::TantivyDocument = searcher.doc(tantivy::DocAddress::new(seg as u32, doc)).unwrap();
            let id = d.get_first(archive.fields.id).and_then(|v| v.as_str()).unwrap().to_string();
            assert!(ids.insert(id.clone()), "duplicate id {id}");
        }
    }
    ids.len()
}

fn committed_docs(dir: &Path) -> u64 {
    if !dir.join("meta.json").exists() {
        return 0;
    }
    Archive::open(dir).map(|a| a.num_docs()).unwrap_or(0)
}

#[test]
fn killed_index_run_is_readable_and_rerun_completes_without_duplicates() {
    let Some(inputs) = zips() else { return };
    let expected = distinct_keys(&inputs);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");

    let mut child = khabar()
        .args(["index", "--commit-every", "300", "--index"])
        .arg(&dir)
        .args(&inputs)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    let mut at_kill = 0;
    while t.elapsed() < Duration::from_secs(120) {
        at_kill = committed_docs(&dir);
        if at_kill > 0 {
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(at_kill > 0, "no commit seen before the run ended");
    assert!(!status.success(), "the run finished before it could be killed; use more input");

    // readable as of the last commit, with part of the input
    let archive = Archive::open(&dir).unwrap();
    let partial = archive.num_docs() as usize;
    assert!(partial >= at_kill as usize && partial < expected, "{partial} of {expected}");
    assert_eq!(assert_unique_ids(&archive), partial);
    drop(archive);

    // re-running completes it: every document once
    let out = khabar().args(["index", "--index"]).arg(&dir).args(&inputs).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let archive = Archive::open(&dir).unwrap();
    assert_eq!(archive.num_docs() as usize, expected);
    assert_eq!(assert_unique_ids(&archive), expected);

    // and once more adds nothing
    let out = khabar().args(["index", "--index"]).arg(&dir).args(&inputs).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0 documents added"), "{stderr}");
    assert_eq!(Archive::open(&dir).unwrap().num_docs() as usize, expected);

    // search from the command line
    let out = khabar().args(["search", "--index"]).arg(&dir).args(["وزارة الصحة", "-n", "3"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("documents match") && stdout.contains("1. ") && stdout.contains("[الصحة]"), "{stdout}");
    let out = khabar()
        .args(["search", "--index"])
        .arg(&dir)
        .args(["الصحة", "--source", "sabq", "--from", "2015-07-26", "--to", "2015-07-26", "--json"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = j["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["source"] == "sabq" && h["date"].as_str().unwrap().starts_with("2015-07-26")));
    let out = khabar().args(["search", "--index"]).arg(&dir).args(["x", "--from", "soon"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));

    // serve it and ask over loopback
    let mut server = khabar().args(["serve", "--addr", "127.0.0.1:0", "--index"]).arg(&dir).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = server.stderr.take().unwrap();
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while stderr.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let line = String::from_utf8_lossy(&line).to_string();
    let addr = line.split("http://").nth(1).and_then(|s| s.split('/').next()).unwrap_or_else(|| panic!("{line}")).to_string();
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    server.kill().unwrap();
    let _ = server.wait();
    assert!(reply.starts_with("HTTP/1.1 200") && reply.contains(&format!("\"documents\":{expected}")), "{reply}");
}

#[test]
fn index_refuses_a_directory_that_is_not_an_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let out = khabar().args(["search", "--index"]).arg(tmp.path()).arg("x").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a khabar archive"));
}
