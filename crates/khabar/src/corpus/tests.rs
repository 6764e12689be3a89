//! Unit tests of the readers, on fixtures built in temporary directories.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;

/// Everything a reader gives: documents, error messages, warning messages.
struct Out {
    docs: Vec<InputDoc>,
    errors: Vec<String>,
    warnings: Vec<String>,
}

impl Out {
    fn ids(&self) -> Vec<&str> {
        self.docs.iter().map(|d| d.id.as_deref().unwrap_or("")).collect()
    }
}

fn read_all(inputs: Vec<Input>, options: ReadOptions) -> Out {
    let mut reader = Reader::new(inputs, options);
    let mut out = Out { docs: vec![], errors: vec![], warnings: vec![] };
    while let Some(item) = reader.next() {
        out.warnings.extend(reader.take_warnings().map(|w| w.to_string()));
        match item {
            Ok(doc) => out.docs.push(doc),
            Err(e) => out.errors.push(e.to_string()),
        }
    }
    out.warnings.extend(reader.take_warnings().map(|w| w.to_string()));
    out
}

fn read_paths(paths: &[&Path]) -> Out {
    read_all(paths.iter().map(|&p| Input::from(p)).collect(), ReadOptions::default())
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn write_zip(dir: &Path, name: &str, members: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join(name);
    let mut zip = ::zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = ::zip::write::SimpleFileOptions::default();
    for (member, bytes) in members {
        if member.ends_with('/') {
            zip.add_directory(*member, options).unwrap();
        } else {
            zip.start_file(*member, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
    }
    zip.finish().unwrap();
    path
}

fn stream(name: &str, bytes: &'static [u8]) -> Input {
    Input::Stream { name: name.into(), reader: Box::new(bytes) }
}

#[test]
fn txt_file_is_one_document_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let text = "عنوان\r\n\nفقرة أولى.\n";
    let path = write(dir.path(), "a.txt", text);
    let out = read_paths(&[&path]);
    assert!(out.errors.is_empty() && out.warnings.is_empty());
    assert_eq!(out.ids(), ["a.txt"]);
    assert_eq!(out.docs[0].text, text);
    assert_eq!(out.docs[0].title, None);
}

#[test]
fn unknown_extension_given_explicitly_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "article", "نص");
    let out = read_paths(&[&path]);
    assert_eq!(out.ids(), ["article"]);
    assert_eq!(out.docs[0].text, "نص");
}

#[test]
fn jsonl_fields_ids_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "x1", "text": "أ", "title": "T", "url": "http://u", "date": "2015-07-21", "source": "spa"}"#,
        "",
        "   ",
        r#"{"content": "ب", "date_extracted": "2015-07-22 10:00:00", "author": "someone"}"#,
        "not json",
        r#"{"title": "no text"}"#,
        r#"{"id": "", "text": ""}"#,
        r#"[1, 2]"#,
        r#"{"id": 7, "text": 3}"#,
        r#"{"id": 7, "text": "ج"}"#,
        r#"{"text": "د", "title": ["odd"]}"#,
    ];
    let path = write(dir.path(), "a.jsonl", lines.join("\r\n") + "\n");
    let out = read_paths(&[&path]);
    assert_eq!(out.ids(), ["x1", "a.jsonl:4", "a.jsonl:7", "7", "a.jsonl:11"]);
    let d0 = &out.docs[0];
    assert_eq!((d0.text.as_str(), d0.title.as_deref(), d0.url.as_deref()), ("أ", Some("T"), Some("http://u")));
    assert_eq!((d0.date.as_deref(), d0.source.as_deref()), (Some("2015-07-21"), Some("spa")));
    assert_eq!(out.docs[1].text, "ب");
    assert_eq!(out.docs[1].date.as_deref(), Some("2015-07-22 10:00:00"));
    assert_eq!(out.docs[2].text, "", "an empty text is a document");
    assert_eq!(out.docs[4].title, None);
    let p = path.display();
    assert_eq!(
        out.errors,
        [
            format!("{p}:5: line is not JSON: expected ident at column 2"),
            format!("{p}:6: object has no \"text\" or \"content\" field"),
            format!("{p}:8: expected a JSON object, found an array"),
            format!("{p}:9: field \"text\" is not a string but a number"),
        ]
    );
    assert_eq!(out.warnings, [format!("{p}:11: field \"title\" is an array, not a string; ignored")]);
}

#[test]
fn jsonl_bad_json_message_names_column() {
    let out = read_all(vec![stream("s.jsonl", b"{\"text\": \"a\"}\n{\"text\": }\n")], ReadOptions::default());
    assert_eq!(out.docs.len(), 1);
    assert_eq!(out.errors, ["s.jsonl:2: line is not JSON: expected value at column 10"]);
}

#[test]
fn json_single_object_and_array() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(dir.path(), "one.json", "\u{feff}{\"content\": \"نص\", \"title\": \"ع\"}");
    let arr = write(
        dir.path(),
        "arr.json",
        r#"[{"content": "a"}, 5, {"text": "b", "id": "given"}, {"url": "u"}, {"content": ""}]"#,
    );
    let out = read_paths(&[&one, &arr]);
    assert_eq!(out.ids(), ["one.json", "arr.json#0", "given", "arr.json#4"]);
    assert_eq!(out.docs[0].text, "نص");
    assert_eq!(out.docs[0].title.as_deref(), Some("ع"));
    let p = arr.display();
    assert_eq!(
        out.errors,
        [
            format!("{p}#1: expected a JSON object, found a number"),
            format!("{p}#3: object has no \"text\" or \"content\" field")
        ]
    );
}

#[test]
fn json_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "broken.json", "[{\"text\": \"a\"},\n  {\"text\": ");
    let scalar = write(dir.path(), "scalar.json", "42");
    let good = write(dir.path(), "good.json", r#"{"text": "ok"}"#);
    let out = read_paths(&[&broken, &scalar, &good]);
    assert_eq!(out.ids(), ["good.json"]);
    assert_eq!(out.errors.len(), 2);
    assert!(out.errors[0].starts_with(&format!("{}: not valid JSON: ", broken.display())), "{}", out.errors[0]);
    assert!(out.errors[0].contains("line 2"), "{}", out.errors[0]);
    assert_eq!(
        out.errors[1],
        format!("{}: expected a JSON object or an array of objects, found a number", scalar.display())
    );
}

#[test]
fn zip_members() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_zip(
        dir.path(),
        "day.zip",
        &[
            ("inner/", b""),
            ("inner/a.txt", "نص أ".as_bytes()),
            ("day.json", br#"[{"content": "x", "source": "okaz"}, {"content": "y"}]"#),
            ("lines.jsonl", b"{\"text\": \"l1\"}\n\n{\"text\": \"l3\"}\nnope\n"),
            ("notes.md", b"skipped"),
            ("__MACOSX/._day.json", b"\x00\x05junk"),
        ],
    );
    let out = read_paths(&[&path]);
    assert_eq!(
        out.ids(),
        [
            "day.zip/inner/a.txt",
            "day.zip/day.json#0",
            "day.zip/day.json#1",
            "day.zip/lines.jsonl:1",
            "day.zip/lines.jsonl:3"
        ]
    );
    assert_eq!(out.docs[0].text, "نص أ");
    assert_eq!(out.docs[1].source.as_deref(), Some("okaz"));
    assert_eq!(out.errors, [format!("{}/lines.jsonl:4: line is not JSON: expected ident at column 2", path.display())]);
}

#[test]
fn corrupt_zip_and_missing_file_do_not_stop_reading() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.zip", "this is not a zip archive at all");
    let missing = dir.path().join("missing.txt");
    let good = write(dir.path(), "good.txt", "سليم");
    let out = read_paths(&[&bad, &missing, &good]);
    assert_eq!(out.ids(), ["good.txt"]);
    assert_eq!(out.errors.len(), 2);
    assert!(
        out.errors[0].starts_with(&format!("{}: not a readable zip archive: ", bad.display())),
        "{}",
        out.errors[0]
    );
    assert_eq!(out.errors[1], format!("{}: cannot read: No such file or directory", missing.display()));
}

#[test]
fn directory_is_walked_recursively_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "b.txt", "b");
    write(&root, "a/z.jsonl", "{\"text\": \"z1\"}\n");
    write(&root, "a/y.JSON", r#"{"text": "y"}"#);
    write(&root, "c.md", "ignored");
    write(&root, "README", "ignored");
    write_zip(&root, "d.zip", &[("m.txt", b"m")]);
    let out = read_paths(&[&root]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.ids(), ["a/y.JSON", "a/z.jsonl:1", "b.txt", "d.zip/m.txt"]);
    assert_eq!(out.docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), ["y", "z1", "b", "m"]);
}

#[test]
fn errors_inside_a_directory_name_the_full_path() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.jsonl", "{\"text\": \"a\"}\n{\"title\": 1}\n");
    let out = read_paths(&[dir.path()]);
    assert_eq!(out.ids(), ["x.jsonl:1"]);
    assert_eq!(
        out.errors,
        [format!("{}:2: object has no \"text\" or \"content\" field", dir.path().join("x.jsonl").display())]
    );
}

#[test]
fn stream_auto_detects_jsonl_or_text() {
    let out = read_all(
        vec![stream("stdin", b"\n  {\"text\": \"a\"}\n{\"text\": \"b\", \"id\": \"B\"}\n")],
        ReadOptions::default(),
    );
    assert_eq!(out.ids(), ["stdin:2", "B"]);
    assert_eq!(out.docs[0].text, "a");

    let out = read_all(vec![stream("stdin", "\n  نص عادي {x}\n".as_bytes())], ReadOptions::default());
    assert_eq!(out.ids(), ["stdin"]);
    assert_eq!(out.docs[0].text, "\n  نص عادي {x}\n", "leading white space is kept");

    let out = read_all(vec![stream("stdin", b"")], ReadOptions::default());
    assert_eq!(out.ids(), ["stdin"]);
    assert_eq!(out.docs[0].text, "");

    let out = read_all(vec![stream("stdin", b"\xEF\xBB\xBF{\"text\": \"bom\"}\n")], ReadOptions::default());
    assert_eq!(out.ids(), ["stdin:1"]);
    assert_eq!(out.docs[0].text, "bom");
}

#[test]
fn stream_format_can_be_forced() {
    let jsonl = ReadOptions { stdin_format: StdinFormat::Jsonl, ..Default::default() };
    let out = read_all(vec![stream("stdin", b"plain\n{\"text\": \"t\"}\n")], jsonl);
    assert_eq!(out.ids(), ["stdin:2"]);
    assert_eq!(out.errors, ["stdin:1: line is not JSON: expected value at column 1"]);

    let text = ReadOptions { stdin_format: StdinFormat::Text, ..Default::default() };
    let out = read_all(vec![stream("stdin", b"{\"text\": \"t\"}\n")], text);
    assert_eq!(out.ids(), ["stdin"]);
    assert_eq!(out.docs[0].text, "{\"text\": \"t\"}\n");
}

#[test]
fn invalid_utf8_lossy_by_default_strict_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "bad.txt", b"ab\xFFcd\xFE");
    let jsonl = write(dir.path(), "bad.jsonl", b"{\"text\": \"ok\"}\n{\"text\": \"x\xC3\"}\n{\"text\": \"\xFFy\"}\n");
    let json = write(dir.path(), "bad.json", b"[{\"text\": \"\xE2\x82\"}]");

    let out = read_paths(&[&txt, &jsonl, &json]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.ids(), ["bad.txt", "bad.jsonl:1", "bad.jsonl:2", "bad.jsonl:3", "bad.json#0"]);
    assert_eq!(out.docs[0].text, "ab\u{FFFD}cd\u{FFFD}");
    assert_eq!(out.docs[2].text, "x\u{FFFD}");
    let lossy = "replaced with U+FFFD (further invalid bytes in this file are not reported)";
    assert_eq!(
        out.warnings,
        [
            format!("{}: invalid UTF-8 at byte 2, {lossy}", txt.display()),
            format!("{}:2: invalid UTF-8 at byte 26, {lossy}", jsonl.display()),
            format!("{}: invalid UTF-8 at byte 11, {lossy}", json.display()),
        ]
    );

    let strict = ReadOptions { utf8: Utf8Policy::Strict, ..Default::default() };
    let out =
        read_all(vec![Input::from(txt.as_path()), Input::from(jsonl.as_path()), Input::from(json.as_path())], strict);
    assert_eq!(out.ids(), ["bad.jsonl:1"]);
    assert!(out.warnings.is_empty());
    assert_eq!(
        out.errors,
        [
            format!("{}: invalid UTF-8 at byte 2", txt.display()),
            format!("{}:2: invalid UTF-8 at byte 26", jsonl.display()),
            format!("{}:3: invalid UTF-8 at byte 40", jsonl.display()),
            format!("{}: invalid UTF-8 at byte 11", json.display()),
        ]
    );
}

#[test]
fn input_from_arg() {
    assert!(matches!(Input::from_arg("-"), Input::Stdin));
    assert!(matches!(Input::from_arg("a.txt"), Input::Path(p) if p == Path::new("a.txt")));
}

#[test]
fn reader_is_send() {
    fn assert_send<T: Send>() {}
    assert_send::<Reader>();
}
