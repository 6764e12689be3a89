//! Property tests of the text layer's invariants ("offsets are sacred"): on any input,
//! every span is `[start, end)` in code points into the unchanged text, tokens and
//! sentences are ordered and disjoint, clitic segments tile their token in grammatical
//! order, `norm` holds no diacritics, tatweel or invisible controls, and the JSON form
//! round-trips. See `common/mod.rs` for the checks themselves.
//!
//! Run in release mode: `cargo test --release -p khabar --test invariants`.

mod common;

use std::io::Write;
use std::time::Instant;

use common::{analyze_and_check, esc, ANALYZER};
use khabar::corpus::{Input, ReadErrorKind, ReadOptions, ReadWarningKind, Reader, Utf8Policy};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// `cases` cases, or `PROPTEST_CASES` when set (for longer bug hunts).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    // No regression files are written into the source tree; a failure prints the
    // minimal input, escaped, in the panic message instead.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn check(s: &str) -> Result<(), TestCaseError> {
    analyze_and_check(s).map(|_| ()).map_err(TestCaseError::fail)
}

// ---------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------

/// (a) Any Unicode: every scalar value is possible (proptest biases towards edge cases).
fn any_unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..64).prop_map(String::from_iter)
}

fn one_of_chars(chars: &'static str) -> BoxedStrategy<char> {
    let v: Vec<char> = chars.chars().collect();
    prop::sample::select(v).boxed()
}

fn char_range(lo: u32, hi: u32) -> BoxedStrategy<char> {
    (lo..=hi).prop_filter_map("not a scalar value", char::from_u32).boxed()
}

const PUNCT: &str = ".,،؛؟!?«»\"“”'():-/%٪@#_";
const EMOJI: &str = "😀👍🏽❤\u{FE0F}🇸🇦🇵🇸👨\u{200D}👩\u{200D}👧🔥✅⚠\u{FE0F}📰";

/// One character of Arabic news text, or of the noise found in it.
fn news_char() -> impl Strategy<Value = char> {
    prop_oneof![
        30 => char_range(0x0621, 0x063A),                     // Arabic letters
        30 => char_range(0x0641, 0x064A),
        3 => one_of_chars("ٱپچژگکیەۀ"),                       // extended letters
        8 => char_range(0x064B, 0x065F),                      // harakat, tanwin, shadda…
        2 => one_of_chars("\u{0670}\u{06D6}\u{06DA}\u{06E1}\u{06ED}"), // dagger alef, Quranic marks
        5 => Just('\u{0640}'),                                // tatweel
        4 => char_range(0x0660, 0x0669),                      // Arabic-Indic digits
        1 => char_range(0x06F0, 0x06F9),                      // Persian digits
        1 => one_of_chars("٫٬"),
        4 => char_range(0x30, 0x39),                          // ASCII digits
        5 => prop_oneof![char_range(0x61, 0x7A), char_range(0x41, 0x5A)],
        12 => one_of_chars(PUNCT),
        14 => Just(' '),
        4 => Just('\n'),
        1 => one_of_chars("\t\r\u{A0}\u{2028}\u{2029}\u{3000}"),
        5 => one_of_chars("\u{200C}\u{200D}\u{200F}\u{200E}\u{202B}\u{202A}\u{202C}\u{202E}\u{2066}\u{2067}\u{2069}\u{061C}\u{FEFF}\u{AD}\u{200B}"),
        3 => char_range(0xFB50, 0xFDFF),                      // presentation forms A
        3 => char_range(0xFE70, 0xFEFC),                      // presentation forms B
        2 => one_of_chars(EMOJI),
        2 => prop_oneof![char_range(0x0300, 0x036F), char_range(0x20D0, 0x20F0)], // combining marks
        1 => one_of_chars("…‼⁉—–•·※$€£+=<>|~^`\u{FFFD}"),
        1 => any::<char>(),
    ]
}

/// (b) Strings over the weighted alphabet above.
fn news_chars() -> impl Strategy<Value = String> {
    prop::collection::vec(news_char(), 0..120).prop_map(String::from_iter)
}

const WORDS: &[&str] = &[
    "وجيه",
    "بايدن",
    "نتنياهو",
    "الولايات",
    "المتحدة",
    "إسرائيل",
    "إيران",
    "مستشفى",
    "مدرسة",
    "السعودية",
    "الرياض",
    "قال",
    "أكد",
    "الرئيس",
    "للسلطة",
    "بالوكالة",
    "وزارة",
    "الخارجية",
    "مؤتمر",
    "صحفي",
    "شجرتهم",
    "كتابها",
    "لنا",
    "مما",
    "عن",
    "في",
    "إلى",
    "على",
    "ﻻ",
    "ﷺ",
    "الله",
    "مُجدَّداً",
    "أ.ف.ب",
    "ق",
    "آل",
];
const PROCLITICS: &[&str] = &["", "", "", "و", "ف", "ب", "ل", "ك", "س", "وب", "فل", "وال", "بال", "لل", "ال"];
const ENCLITICS: &[&str] = &["", "", "", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "ي", "نا", "ني"];

/// Words the quote rules look for (cues, attribution phrases, complementisers, what may
/// stand between them), so that random text ends in the middle of their patterns.
const SPEECH_WORDS: &[&str] = &[
    "قال", "وقال", "وأضاف", "أكد", "مؤكداً", "مشيرا", "قائلاً", "واصفاً", "إياه", "بأنه", "أن", "إن", "فإن", "وبحسب", "بحسب", "حسب", "ووفقا",
    "وفق", "لما", "ما", "أعلنه", "عنه", "وصف", "من", "جهته", "يذكر", "يتوقع", "أبلغ", "بعنوان", "على", "علي", "إلى", "فيما", "كما", "الذي",
    "مصادر", "تقديرات", "وزارة", "البيان", "سموه", "غير", "وكان", "الشهر", "بالقول", "؛", "لأنها", "انطلاقاً", "د.", "موقع", "لـ",
];

/// An Arabic word with clitics, possibly elongated, tatweel-stretched or vowelled.
fn noisy_word() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PROCLITICS),
        prop::sample::select(WORDS),
        prop::sample::select(ENCLITICS),
        0usize..4, // 0 plain, 1 letter elongation, 2 tatweel run, 3 diacritics
        any::<prop::sample::Index>(),
        1usize..14,
    )
        .prop_map(|(pre, word, post, noise, at, n)| {
            let w: Vec<char> = format!("{pre}{word}{post}").chars().collect();
            let k = at.index(w.len());
            let mut out = String::new();
            for (i, &c) in w.iter().enumerate() {
                out.push(c);
                if i == k {
                    match noise {
                        1 => out.extend(std::iter::repeat_n(c, n)),
                        2 => out.extend(std::iter::repeat_n('\u{0640}', n)),
                        3 => out.extend(['\u{064E}', '\u{0651}', '\u{064B}'].iter().cycle().take(n.min(4))),
                        _ => {}
                    }
                }
            }
            out
        })
}

/// (c) Real-looking noisy news text: elongated words, punctuation runs, URLs, e-mails,
/// hashtags and mentions glued to Arabic, numbers and dates, quotes and brackets.
fn noisy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        10 => noisy_word(),
        4 => prop::sample::select(SPEECH_WORDS).prop_map(String::from),
        2 => (prop::sample::select(&[".", "!", "؟", "?", "،", "…", "-", "ـ", ":", "\"", "»", "«", ")", "("][..]), 1usize..7)
            .prop_map(|(p, n)| p.repeat(n)),
        1 => (noisy_word(), prop::sample::select(&["https://example.com/ar/news?id=12&x=ب", "www.spa.gov.sa", "http://t.co/AbC123", "user.name@mail.com", "٢٠@مثال.com"][..]), noisy_word())
            .prop_map(|(a, u, b)| format!("{a}{u}{b}")),
        1 => (prop::sample::select(&["#", "@", "#_", "＃"][..]), noisy_word(), prop::sample::select(&["", "_", "_عاجل", "2015", "ـ"][..]), noisy_word())
            .prop_map(|(h, a, j, b)| format!("{h}{a}{j}{b}")),
        1 => prop::sample::select(&["٢٠١٥/٠٧/٢١", "25%", "٪٢٥", "1,200", "٣٫٥", "3.5", "1.", "٢٠١٥م", "10:30", "U.S.", "Reuters"][..]).prop_map(String::from),
        1 => noisy_word().prop_map(|w| format!("«{w}»")),
        1 => noisy_word().prop_map(|w| format!("\"{w}.\"")),
        1 => noisy_word().prop_map(|w| format!("({w})")),
        // Words longer than 255 letters (segment lengths were once kept in a u8).
        1 => (prop::sample::select(PROCLITICS), prop::sample::select(WORDS), 40usize..90, prop::sample::select(ENCLITICS))
            .prop_map(|(pre, w, n, post)| format!("{pre}{}{post}", w.repeat(n))),
    ];
    let sep = prop::sample::select(
        &[" ", " ", " ", "", "\n", "  ", "\u{200F}", "، ", ". ", "\n\n", " \u{200C}", "\u{A0}"][..],
    );
    prop::collection::vec((piece, sep), 0..30).prop_map(|v| v.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]
    /// Every stage slices the text by code-point offsets through `CharSlicer`; it must
    /// agree with counting code points from the start, for every range, in and out of
    /// bounds.
    #[test]
    fn char_slicer_agrees_with_counting(s in news_chars(), times in 1usize..40, a in 0usize..600, len in 0usize..200) {
        // Repeated, so that texts run over many of the slicer's 64-byte blocks.
        let s = s.repeat(times);
        let slicer = khabar::doc::CharSlicer::new(&s);
        let n = s.chars().count();
        let b = a + len;
        let expected: String = if b <= n { s.chars().skip(a).take(len).collect() } else { String::new() };
        prop_assert_eq!(slicer.slice(a, b), expected.as_str());
        prop_assert_eq!(slicer.span(a, b).map(|sp| sp.text), (!expected.is_empty()).then(|| expected.clone()));
        prop_assert_eq!(slicer.slice(0, n), s.as_str());
    }
}

proptest! {
    #![proptest_config(config(256))]
    #[test]
    fn invariants_on_any_unicode(s in any_unicode()) {
        check(&s)?;
    }

    #[test]
    fn invariants_on_any_string(s in any::<String>()) {
        check(&s)?;
    }
}

proptest! {
    #![proptest_config(config(512))]
    #[test]
    fn invariants_on_news_alphabet(s in news_chars()) {
        check(&s)?;
    }
}

proptest! {
    #![proptest_config(config(512))]
    #[test]
    fn invariants_on_noisy_news_text(s in noisy_text()) {
        check(&s)?;
    }
}

// ---------------------------------------------------------------------------------------
// Deterministic cases
// ---------------------------------------------------------------------------------------

#[test]
fn empty_input() {
    let doc = analyze_and_check("").unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.tokens.is_empty());
    assert!(doc.sentences.is_empty());
    assert!(doc.structure.headline.is_none());
    assert!(doc.structure.subheadings.is_empty() && doc.structure.paragraphs.is_empty());
}

#[test]
fn whitespace_only_input() {
    for s in [" ", "\n", " \t\r\n \n", "\u{A0}\u{2009}\u{3000}", "\u{200F}\u{200E}\u{200C}\u{FEFF}", "\n\n\n   \n"] {
        let doc = analyze_and_check(s).unwrap_or_else(|e| panic!("{e}"));
        assert!(doc.tokens.is_empty(), "{}: {:?}", esc(s), doc.tokens);
        assert!(doc.sentences.is_empty(), "{}: {:?}", esc(s), doc.sentences);
        assert!(doc.structure.headline.is_none(), "{}", esc(s));
        assert!(doc.structure.paragraphs.is_empty(), "{}: {:?}", esc(s), doc.structure.paragraphs);
    }
}

/// A word of 100,000 repeated letters (and variants) goes through the whole pipeline.
#[test]
fn word_of_100k_letters() {
    for (name, s) in [
        ("ب×100000", "ب".repeat(100_000)),
        // (A tatweel ending a word is a separate dash token, so the word ends on a letter.)
        ("وال + (مـ)×50000 + م", format!("وال{}م", "مـ".repeat(50_000))),
        ("a×100000", "a".repeat(100_000)),
    ] {
        let t = Instant::now();
        let doc = analyze_and_check(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        let n = s.chars().count();
        assert_eq!(doc.tokens.len(), 1, "{name}");
        assert_eq!((doc.tokens[0].start, doc.tokens[0].end), (0, n), "{name}");
        eprintln!("{name}: {} segments, {:?}", doc.tokens[0].segments.len(), t.elapsed());
    }
}

/// One line of about 100 MB, no newline: the text layer alone.
#[test]
fn single_line_of_100_mb() {
    const SENTENCE: &str = "وقال الرئيس الأمريكي جو بايدن، في مؤتمر صحفي عقده بالبيت الأبيض يوم الأربعاء ٢١/٠٧/٢٠١٥، إن الولايات المتحدة \"ملتزمة\" بأمن حلفائها في المنطقة بنسبة 25% (وفق رويترز)، وإنها ستواصل العمل مع الشركاء لتهدئة التوترات. ";
    let reps = 100_000_000 / SENTENCE.len() + 1;
    let s = SENTENCE.repeat(reps);
    assert!(s.len() >= 100_000_000 && !s.contains('\n'));
    let trimmed_chars = s.trim_end().chars().count();
    let analyzer = khabar::text::TextAnalyzer::default_model();
    let mut layer = khabar::text::TextLayer::default();
    let t = Instant::now();
    analyzer.analyze_into(&s, &mut layer);
    let elapsed = t.elapsed();
    eprintln!(
        "100 MB line ({} bytes, {} chars): {} tokens, {} sentences in {:?}",
        s.len(),
        trimmed_chars,
        layer.tokens.len(),
        layer.sentences.len(),
        elapsed
    );
    assert!(!layer.tokens.is_empty());
    let last = layer.tokens.last().unwrap();
    assert_eq!(last.end, trimmed_chars);
    assert_eq!(last.end_byte, s.trim_end().len());
    // Cheap linear checks: ordered, disjoint, byte and char offsets agree.
    let mut prev_byte = 0;
    let mut prev_char = 0;
    for (i, t) in layer.tokens.iter().enumerate() {
        assert!(t.start_byte >= prev_byte && t.start_byte < t.end_byte, "token {i}");
        let gap = s[prev_byte..t.start_byte].chars().count();
        assert_eq!(t.start, prev_char + gap, "token {i}: char offset");
        assert_eq!(t.end, t.start + s[t.start_byte..t.end_byte].chars().count(), "token {i}: char length");
        prev_byte = t.end_byte;
        prev_char = t.end;
    }
    assert_eq!(layer.sentences.len(), reps, "one sentence per repetition");
    // A guard against quadratic work (hours here), not a benchmark: on a quiet machine
    // this takes a few seconds, and a machine shared with builds has taken 50 s.
    assert!(elapsed.as_secs_f64() < 120.0, "the text layer took {elapsed:?} on 100 MB");
}

// ---------------------------------------------------------------------------------------
// Minimal counterexamples found by the properties above (kept as plain regression tests;
// they fail until the library is fixed).
// ---------------------------------------------------------------------------------------

/// Found by `invariants_on_news_alphabet`. A presentation-form ligature that holds both
/// the stem and the enclitic (ﳢ U+FCE2 = ب + ه, ﷷ U+FDF7 = عليه): the stem segment
/// collapses inside the ligature, is dropped, and the token is left with a lone Enclitic
/// segment and no stem (`push_segments`: "merged into the next segment" keeps the next
/// segment's kind).
/// One long line of quotes, sentence after sentence: the quote stage must stay linear.
/// Each of these took seconds to minutes at about 1 MB before (words after a colon
/// scanned to the paragraph's end for every quote, every unclosed mark looked for its
/// line from the text's start, and every cue asked every quote found so far whether it
/// was inside it); now each takes a second or two.
#[test]
fn one_line_of_many_quotes_is_linear() {
    for (unit, quotes_per_unit) in [
        ("وقال المدير: كان العمل شاقا في الماضي. وأضاف أن العمال تعبوا كثيرا. ", 2),
        ("وقال المدير «كان العمل شاقا في الماضي. ", 1),
        ("وقال المدير: كان العمل شاقا» في الماضي. ", 1),
    ] {
        let s = unit.repeat(40_000);
        let t = Instant::now();
        let doc = ANALYZER.analyze_text(&s);
        let elapsed = t.elapsed();
        eprintln!("{} bytes of {unit:?} on one line: {} quotes in {elapsed:?}", s.len(), doc.quotes.len());
        assert!(!doc.quotes.is_empty() && doc.quotes.len() <= quotes_per_unit * 40_000);
        // A second at most here (2.8 to 4.8 MB); quadratic work took minutes.
        assert!(elapsed.as_secs() < 30, "{unit:?}: {elapsed:?}");
    }
}

#[test]
fn ligature_holding_stem_and_enclitic_keeps_a_stem() {
    for s in ["\u{FCE2}", "\u{FDF7}", "\u{FCE2}\u{64B}", "\u{0648}\u{FCE2}"] {
        analyze_and_check(s).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// Found on SaudiNewsNet (2015-07-21.json#16, #45). An assimilated preposition
/// (ممن = من + من, عما = عن + ما, عمن) is segmented as two Stem segments
/// [("م", Stem), ("من", Stem)], against "exactly one stem"; the search stem is then "م".
#[test]
fn assimilated_preposition_has_one_stem() {
    for s in ["ممن", "عما", "عمن", "قال ممن حضر"] {
        analyze_and_check(s).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// Found by `invariants_on_noisy_news_text`. Segment lengths are kept in a `u8`
/// (`Pattern::push` clamps to 255), so in a word of more than 255 letters the stem is cut
/// at 255 and the enclitic takes the rest: `"كتاب" × 64 + "ها"` (258 letters) gives
/// Stem [0, 255) and Enclitic [255, 258) = "بها"; `× 65` gives Enclitic "بكتابها".
/// The same on a word of 100,000 letters with clitics: Stem [0, 255), Enclitic of 99,748
/// letters.
#[test]
fn word_longer_than_255_letters_keeps_its_enclitic() {
    for s in [format!("{}ها", "كتاب".repeat(64)), format!("و{}ها", "ي".repeat(100_000))] {
        analyze_and_check(&s).unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---------------------------------------------------------------------------------------
// Corpus: invalid UTF-8
// ---------------------------------------------------------------------------------------

/// Random bytes with at least one invalid UTF-8 sequence, and the offset of the first.
fn invalid_utf8() -> impl Strategy<Value = (Vec<u8>, usize)> {
    (
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select("وقال بايدن، إن 2015 ".as_bytes().to_vec()),
                2 => any::<u8>(),
                1 => prop::sample::select(vec![0x80u8, 0xBF, 0xC0, 0xC1, 0xD8, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]),
            ],
            0..200,
        ),
        any::<prop::sample::Index>(),
        // Invalid whatever follows them: a lone 0xFF, an overlong NUL, a surrogate, a
        // truncated 2-byte and a truncated 4-byte sequence (cut by an ASCII space).
        prop::sample::select(vec![
            &[0xFFu8][..],
            &[0xC0, 0x80],
            &[0xED, 0xA0, 0x80],
            &[0xD8, b' '],
            &[0xF0, 0x9F, b' '],
        ]),
    )
        .prop_map(|(mut bytes, at, bad)| {
            let k = at.index(bytes.len() + 1);
            bytes.splice(k..k, bad.iter().copied());
            let first = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
            (bytes, first)
        })
}

fn read_all(
    path: &std::path::Path,
    utf8: Utf8Policy,
) -> (Vec<Result<khabar::InputDoc, khabar::corpus::ReadError>>, Vec<khabar::corpus::ReadWarning>) {
    let mut reader = Reader::new([Input::Path(path.to_path_buf())], ReadOptions { utf8, ..Default::default() });
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    while let Some(item) = reader.next() {
        warnings.extend(reader.take_warnings());
        items.push(item);
    }
    warnings.extend(reader.take_warnings());
    (items, warnings)
}

proptest! {
    #![proptest_config(config(64))]
    #[test]
    fn corpus_invalid_utf8_lossy_and_strict((bytes, first_bad) in invalid_utf8()) {
        let mut file = tempfile::Builder::new().suffix(".txt").tempfile().unwrap();
        file.write_all(&bytes).unwrap();
        file.flush().unwrap();
        let path = file.path();
        let display = path.display().to_string();

        // Lossy: one document, the text decoded with U+FFFD, one warning with the offset.
        let (items, warnings) = read_all(path, Utf8Policy::Lossy);
        prop_assert_eq!(items.len(), 1);
        let doc = items.into_iter().next().unwrap().map_err(|e| TestCaseError::fail(format!("lossy read failed: {e}")))?;
        prop_assert_eq!(&doc.text, &String::from_utf8_lossy(&bytes).into_owned());
        prop_assert_eq!(warnings.len(), 1, "{:?}", warnings);
        prop_assert_eq!(&warnings[0].kind, &ReadWarningKind::LossyUtf8 { offset: first_bad as u64 });
        let msg = warnings[0].to_string();
        prop_assert!(msg.contains(&display) && msg.contains(&format!("byte {first_bad}")), "warning: {}", msg);
        // The decoded text goes through the analyzer like any other.
        check(&doc.text)?;

        // Strict: no document, an error naming the file and the byte.
        let (items, warnings) = read_all(path, Utf8Policy::Strict);
        prop_assert_eq!(items.len(), 1);
        prop_assert!(warnings.is_empty(), "{:?}", warnings);
        let err = items.into_iter().next().unwrap().err().ok_or_else(|| TestCaseError::fail("strict read gave a document"))?;
        prop_assert_eq!(&err.file, &display);
        prop_assert!(matches!(err.kind, ReadErrorKind::InvalidUtf8 { offset } if offset == first_bad as u64), "{:?}", err.kind);
        let msg = err.to_string();
        prop_assert!(msg.contains(&display) && msg.contains(&format!("byte {first_bad}")), "error: {}", msg);
    }
}

/// The same in a JSONL file: the error names the file, the line and the byte offset in
/// the file; lossy reading keeps the other lines.
#[test]
fn corpus_invalid_utf8_in_jsonl() {
    let mut file = tempfile::Builder::new().suffix(".jsonl").tempfile().unwrap();
    let line1 = "{\"text\": \"سطر أول\"}\n".as_bytes();
    let mut line2 = b"{\"text\": \"\xD8\xA8\xFF\xD8\xA8\"}\n".to_vec();
    let line3 = "{\"text\": \"سطر ثالث\"}\n".as_bytes();
    let bad_at = line1.len() + 12;
    let mut all = line1.to_vec();
    all.append(&mut line2);
    all.extend_from_slice(line3);
    file.write_all(&all).unwrap();
    file.flush().unwrap();
    let display = file.path().display().to_string();

    let (items, warnings) = read_all(file.path(), Utf8Policy::Lossy);
    let docs: Vec<_> = items.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1].text, "ب\u{FFFD}ب");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, ReadWarningKind::LossyUtf8 { offset: bad_at as u64 });
    assert!(warnings[0].to_string().starts_with(&format!("{display}:2: ")), "{}", warnings[0]);

    let (items, _) = read_all(file.path(), Utf8Policy::Strict);
    assert_eq!(items.len(), 3);
    let err = items[1].as_ref().unwrap_err();
    assert_eq!(err.to_string(), format!("{display}:2: invalid UTF-8 at byte {bad_at}"));
    assert!(items[0].is_ok() && items[2].is_ok());
}

#[test]
fn analyzer_is_built_once() {
    // Touch the shared analyzer so its build time is not charged to a property test.
    let _ = ANALYZER.analyze_text("قال");
}
