//! Keyphrases, summaries, repeated passages and near-duplicates on real news:
//! SaudiNewsNet (`../shared/data/saudinewsnet/*.zip`, skipped with a message when the
//! data is absent).
//!
//! Run in release mode: `cargo test --release -p khabar --test news_views -- --nocapture`
//! (the near-duplicate test prints what it measured: the basis of
//! `duplicates::DEFAULT_THRESHOLD`).

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{esc_short, saudinewsnet, CharIndex, ANALYZER};
use khabar::corpus::{Input, ReadOptions, Reader};
use khabar::doc::Span;
use khabar::news::duplicates::{repeated_passages, signature, NearDuplicateIndex, DEFAULT_THRESHOLD, SHINGLE_WORDS};
use khabar::news::keyphrases::keyphrases;
use khabar::news::summary::summarize;
use khabar::{Document, InputDoc, TokenKind};

/// The first `n` non-empty articles, in corpus order (by day, then by position).
fn articles(dir: PathBuf, n: usize) -> Vec<InputDoc> {
    Reader::new([Input::Path(dir)], ReadOptions::default())
        .map(|item| item.unwrap_or_else(|e| panic!("{e}")))
        .filter(|d| !d.text.trim().is_empty())
        .take(n)
        .collect()
}

fn check_span(ix: &CharIndex<'_>, what: &str, s: &Span) -> Result<(), String> {
    match ix.slice(s.start, s.end) {
        Some(t) if t == s.text && s.start < s.end => Ok(()),
        other => Err(format!("{what} [{}, {}) {} slices to {:?}", s.start, s.end, esc_short(&s.text), other.map(esc_short))),
    }
}

fn words(doc: &Document) -> usize {
    doc.tokens.iter().filter(|t| t.kind == TokenKind::Word).count()
}

/// Every invariant of the three views of one document.
fn check_views(doc: &Document, timings: &mut [Duration; 4]) -> Result<(), String> {
    let ix = CharIndex::new(&doc.text);

    let t = Instant::now();
    let kp = keyphrases(doc, 10);
    timings[0] += t.elapsed();
    if kp.len() > 10 {
        return Err(format!("{} keyphrases", kp.len()));
    }
    if words(doc) >= 30 && kp.is_empty() {
        return Err(format!("no keyphrase for an article of {} words", words(doc)));
    }
    for (i, k) in kp.iter().enumerate() {
        if k.spans.is_empty() || !k.spans.iter().any(|s| s.text == k.text) {
            return Err(format!("keyphrase {} has no span with its text", esc_short(&k.text)));
        }
        for s in &k.spans {
            check_span(&ix, &format!("keyphrase {}", esc_short(&k.text)), s)?;
        }
        if k.spans.windows(2).any(|w| w[0].end > w[1].start) {
            return Err(format!("spans of {} overlap or are out of order", esc_short(&k.text)));
        }
        if i > 0 && kp[i - 1].score < k.score {
            return Err("keyphrases not in score order".into());
        }
    }
    if kp.first().is_some_and(|k| k.score != 1.0) {
        return Err("the best keyphrase does not score 1".into());
    }

    let t = Instant::now();
    let summary = summarize(doc, &kp, 3);
    timings[1] += t.elapsed();
    if summary.len() > 3 || (summary.is_empty() && !doc.sentences.is_empty()) {
        return Err(format!("{} summary sentences out of {}", summary.len(), doc.sentences.len()));
    }
    for s in &summary {
        check_span(&ix, "summary sentence", s)?;
        if !doc.sentences.contains(s) {
            return Err(format!("summary sentence {} is not a sentence of the document", esc_short(&s.text)));
        }
    }
    if summary.windows(2).any(|w| w[0].start >= w[1].start) {
        return Err("summary not in document order".into());
    }

    let t = Instant::now();
    let reps = repeated_passages(doc);
    timings[2] += t.elapsed();
    for r in &reps {
        if r.spans.len() < 2 || r.text != r.spans[0].text {
            return Err(format!("repeat {} with {} spans", esc_short(&r.text), r.spans.len()));
        }
        for s in &r.spans {
            check_span(&ix, "repeat", s)?;
        }
        if r.spans.windows(2).any(|w| w[0].end > w[1].start) {
            return Err(format!("occurrences of {} overlap", esc_short(&r.text)));
        }
    }

    let t = Instant::now();
    let sig = signature(doc);
    timings[3] += t.elapsed();
    if sig.similarity(&sig) != if sig.shingles() > 0 { 1.0 } else { 0.0 } {
        return Err("a signature is not similar to itself".into());
    }
    Ok(())
}

#[test]
fn views_hold_their_invariants_on_300_articles() {
    let Some(dir) = saudinewsnet() else { return };
    let inputs = articles(dir, 300);
    assert_eq!(inputs.len(), 300);
    let bytes: usize = inputs.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    let docs: Vec<Document> = inputs.into_iter().map(|d| ANALYZER.analyze(d)).collect();
    let analyze = t.elapsed();

    let mut timings = [Duration::ZERO; 4];
    let mut failures = Vec::new();
    for doc in &docs {
        if let Err(e) = check_views(doc, &mut timings) {
            failures.push(format!("{}: {e}", doc.id));
        }
    }
    // Timed again, now that every lazily built table is built.
    timings = [Duration::ZERO; 4];
    let (mut keyphrase_count, mut with_repeats) = (0, 0);
    for doc in &docs {
        let t = Instant::now();
        let kp = keyphrases(doc, 10);
        timings[0] += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(summarize(doc, &kp, 3));
        timings[1] += t.elapsed();
        let t = Instant::now();
        with_repeats += usize::from(!repeated_passages(doc).is_empty());
        timings[2] += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(signature(doc));
        timings[3] += t.elapsed();
        keyphrase_count += kp.len();
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / docs.len() as f64;
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9);
    eprintln!(
        "{} articles, {:.1} MB: analyze {:.0} µs/article ({:.1} MB/s); keyphrases {:.0} µs, summary {:.0} µs, repeats {:.0} µs, \
         signature {:.0} µs per article ({:.0} MB/s for all four); {keyphrase_count} keyphrases; {with_repeats} articles repeat a passage",
        docs.len(),
        bytes as f64 / 1e6,
        per(analyze),
        mbs(analyze),
        per(timings[0]),
        per(timings[1]),
        per(timings[2]),
        per(timings[3]),
        mbs(timings.iter().sum()),
    );
    assert!(failures.is_empty(), "{} articles fail:\n{}", failures.len(), failures.join("\n"));
}

/// Hashes of a document's five-word shingles, computed independently of the library
/// (plain strings), to check what MinHash estimates.
fn shingle_set(doc: &Document) -> BTreeSet<String> {
    let words: Vec<String> = doc
        .tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Latin | TokenKind::Number))
        .map(|t| t.norm.replace('ة', "ه"))
        .collect();
    words.windows(SHINGLE_WORDS).map(|w| w.join(" ")).collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

#[test]
fn near_duplicates_among_2000_articles_really_share_text() {
    let Some(dir) = saudinewsnet() else { return };
    let inputs = articles(dir, 2000);
    // id, source, title, shingles
    type Seen = (String, Option<String>, Option<String>, BTreeSet<String>);
    let mut docs: Vec<Seen> = Vec::new();
    let mut index = NearDuplicateIndex::default();
    // A permissive index, to see the whole distribution of best matches.
    let mut loose = NearDuplicateIndex::new(0.1);
    let mut pairs: Vec<(usize, usize, f32)> = Vec::new();
    let mut best_loose: Vec<f32> = Vec::new();
    let (mut too_short, mut sig_time) = (0, Duration::ZERO);
    for input in inputs {
        let doc = ANALYZER.analyze(input);
        let t = Instant::now();
        let sig = signature(&doc);
        sig_time += t.elapsed();
        too_short += usize::from(sig.is_too_short());
        let k = docs.len();
        if let Some(m) = loose.insert(&k.to_string(), sig.clone()) {
            best_loose.push(m.similarity);
        }
        if let Some(m) = index.insert(&k.to_string(), sig) {
            let j: usize = m.id.parse().expect("ids are indices");
            pairs.push((j, k, m.similarity));
        }
        docs.push((doc.id.clone(), doc.source.clone(), doc.title.clone(), shingle_set(&doc)));
    }

    // The distribution that sets the threshold: each article's best earlier match.
    let mut histogram = [0usize; 10];
    for &s in &best_loose {
        histogram[((s * 10.0) as usize).min(9)] += 1;
    }
    eprintln!(
        "{} articles ({too_short} too short to compare), signatures in {:.0} µs/article; best earlier match, by estimated similarity:",
        docs.len(),
        sig_time.as_secs_f64() * 1e6 / docs.len() as f64
    );
    for (b, c) in histogram.iter().enumerate().skip(1) {
        eprintln!("  {:.1}–{:.1}: {c}", b as f32 / 10.0, (b + 1) as f32 / 10.0);
    }
    eprintln!("{} near-duplicate pairs at threshold {DEFAULT_THRESHOLD}", pairs.len());

    let mut cross_outlet = 0;
    for (n, &(j, k, s)) in pairs.iter().enumerate() {
        let (a, b) = (&docs[j], &docs[k]);
        let exact = jaccard(&a.3, &b.3);
        cross_outlet += usize::from(a.1 != b.1);
        if n < 8 {
            eprintln!("  {s:.2} (exact {exact:.2}) {} {:?} ~ {} {:?}", a.0, a.2, b.0, b.2);
        }
        // 128 hashes estimate J with a standard error of at most 0.045: 0.15 is over 3σ.
        assert!(exact >= DEFAULT_THRESHOLD - 0.15, "{} ~ {}: estimated {s}, exact Jaccard {exact}", a.0, b.0);
        assert!(a.3.intersection(&b.3).count() >= 5, "{} ~ {} share fewer than 5 shingles", a.0, b.0);
    }
    eprintln!("{cross_outlet} of them across outlets");
    // Real data has duplicates (the same wire story across outlets).
    assert!(!pairs.is_empty(), "no near-duplicates among {} articles", docs.len());
}
