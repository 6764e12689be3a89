//! `khabar bench`: throughput of the text layer on real articles, reported per core and
//! as a ratio to baselines measured in the same run (machines here are noisy, so only
//! ratios travel between machines).

use anyhow::{bail, Context};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use khabar::corpus::{Input, ReadOptions, Reader};
use khabar::text::{tokenize, TextAnalyzer, TextLayer};

#[derive(clap::Args)]
pub struct Args {
    /// Folder of SaudiNewsNet zips to take articles from.
    #[arg(long, default_value = "../shared/data/saudinewsnet")]
    data: PathBuf,
    /// A text file to use instead (articles separated by blank lines).
    #[arg(long)]
    input: Option<PathBuf>,
    /// Number of articles to load from --data.
    #[arg(long, default_value_t = 5000)]
    limit: usize,
    /// Minimum time spent on each measurement.
    #[arg(long, default_value_t = 1.0)]
    seconds: f64,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Measure only the text layer (for profiling).
    #[arg(long)]
    text_layer_only: bool,
    /// Measure only the whole `analyze` pipeline (for profiling).
    #[arg(long, conflicts_with = "text_layer_only")]
    analyze_only: bool,
}

struct Measure {
    name: &'static str,
    secs: f64,
    tokens: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let texts = load(&args)?;
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    if bytes == 0 {
        bail!("no text to measure");
    }
    let analyzer = TextAnalyzer::default_model();
    let min = Duration::from_secs_f64(args.seconds);

    // Cold pass: the first time each word form is segmented (an empty cache).
    let mut layer = TextLayer::default();
    let t0 = Instant::now();
    for t in &texts {
        analyzer.analyze_into(t, &mut layer);
    }
    let cold = t0.elapsed().as_secs_f64();

    // Sentences are part of the layer; reading them keeps the work from being elided.
    let mut text_layer = |t: &str| {
        analyzer.analyze_into(t, &mut layer);
        black_box(layer.sentences.len());
        layer.tokens.len()
    };
    let mut results = Vec::new();
    if args.analyze_only {
        let full = khabar::Analyzer::new(TextAnalyzer::default_model());
        let r = time("analyze", &texts, min, |t| full.analyze_text(t).tokens.len());
        println!("analyze: {:.1} MB/s, {:.0} tokens/s", bytes as f64 / 1e6 / r.secs, r.tokens as f64 / r.secs);
        return Ok(ExitCode::SUCCESS);
    }
    if args.text_layer_only {
        let r = time("text layer", &texts, min, &mut text_layer);
        println!("text layer: {:.1} MB/s, {:.0} tokens/s", bytes as f64 / 1e6 / r.secs, r.tokens as f64 / r.secs);
        return Ok(ExitCode::SUCCESS);
    }
    results.push(time("baseline: byte loop finding word boundaries", &texts, min, |t| {
        let mut n = 0;
        let mut in_word = false;
        for &b in t.as_bytes() {
            let space = b == b' ' || b == b'\n' || b == b'\t' || b == b'\r';
            n += (!space && !in_word) as usize;
            in_word = !space;
        }
        n
    }));
    results.push(time("baseline: char::is_alphanumeric loop", &texts, min, |t| {
        let mut n = 0;
        let mut in_word = false;
        for c in t.chars() {
            let w = c.is_alphanumeric();
            n += (w && !in_word) as usize;
            in_word = w;
        }
        n
    }));
    let mut raw = Vec::new();
    results.push(time("tokenise", &texts, min, |t| {
        raw.clear();
        tokenize::tokenize_into(t, &mut raw);
        raw.len()
    }));
    results.push(time("text layer: normalise+tokenise+sentences+segment+stem", &texts, min, &mut text_layer));
    let full = khabar::Analyzer::new(TextAnalyzer::default_model());
    let no_ner = khabar::Analyzer::new(TextAnalyzer::default_model()).with_tagger(None);
    results.push(time("analyze without named entities", &texts, min, |t| no_ner.analyze_text(t).tokens.len()));
    results.push(time("analyze: Document with owned spans", &texts, min, |t| full.analyze_text(t).tokens.len()));
    results.push(time("analyze + JSON serialisation", &texts, min, |t| {
        let d = full.analyze_text(t);
        let n = d.tokens.len();
        black_box(serde_json::to_vec(&d).map(|v| v.len()).unwrap_or(0));
        n
    }));

    let mb = bytes as f64 / 1e6;
    let base = results[0].secs;
    let text_layer = results[3].secs;
    if args.json {
        let rows: Vec<_> = results
            .iter()
            .map(|r| {
                serde_json::json!({
                    "name": r.name, "mb_per_s": mb / r.secs, "tokens_per_s": r.tokens as f64 / r.secs,
                    "ratio_to_byte_loop": base / r.secs, "ratio_to_text_layer": text_layer / r.secs,
                })
            })
            .collect();
        let out = serde_json::json!({
            "articles": texts.len(), "mb": mb, "threads": 1,
            "cold_text_layer_mb_per_s": mb / cold,
            "mb_per_s": mb / text_layer, "results": rows,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("{} articles, {:.2} MB of UTF-8, one thread", texts.len(), mb);
        println!("{:<56} {:>9} {:>12} {:>10}", "stage", "MB/s", "tokens/s", "vs bytes");
        for r in &results {
            println!("{:<56} {:>9.1} {:>12.0} {:>10.3}", r.name, mb / r.secs, r.tokens as f64 / r.secs, base / r.secs);
        }
        println!("text layer, first pass (cold segmentation cache): {:.1} MB/s", mb / cold);
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `f` over all texts repeatedly for at least `min`; keeps the fastest pass.
fn time(name: &'static str, texts: &[String], min: Duration, mut f: impl FnMut(&str) -> usize) -> Measure {
    let start = Instant::now();
    let mut best = f64::INFINITY;
    let mut tokens = 0;
    let mut passes = 0;
    while passes < 3 || start.elapsed() < min {
        let t0 = Instant::now();
        let mut n = 0;
        for t in texts {
            n += f(black_box(t));
        }
        best = best.min(t0.elapsed().as_secs_f64());
        tokens = n;
        passes += 1;
        if passes >= 50 {
            break;
        }
    }
    Measure { name, secs: best, tokens }
}

fn load(args: &Args) -> anyhow::Result<Vec<String>> {
    if let Some(p) = &args.input {
        let s = std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
        return Ok(s.split("\n\n").filter(|a| !a.trim().is_empty()).map(str::to_string).collect());
    }
    let zips = crate::train::zip_files(&args.data)?;
    let mut out = Vec::new();
    let reader = Reader::new(zips.into_iter().map(Input::from), ReadOptions::default());
    for item in reader {
        match item {
            Ok(doc) if !doc.text.is_empty() => out.push(doc.text),
            Ok(_) => {}
            Err(e) => eprintln!("khabar: {e}"),
        }
        if out.len() >= args.limit {
            break;
        }
    }
    Ok(out)
}
