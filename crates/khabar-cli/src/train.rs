//! `khabar train …`: builds the models embedded in the library from `../shared/data`.

use anyhow::{bail, Context};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use khabar::corpus::{Input, ReadOptions, Reader};
use khabar::eval::conllu::parse_conllu;
use khabar::eval::segmentation::{evaluate, training_examples};
use khabar::text::lexicon::{write_lexicon, LexiconBuilder};
use khabar::text::segment::{train::train, Segmenter, SegmenterModel};
use khabar::text::{TextAnalyzer, TextOptions};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Count normalised Arabic word forms over SaudiNewsNet into models/lexicon.fst.
    Lexicon {
        /// Folder of SaudiNewsNet zips (each holding a JSON array of articles).
        #[arg(long, default_value = "../shared/data/saudinewsnet")]
        data: PathBuf,
        #[arg(long, default_value = "models/lexicon.fst")]
        out: PathBuf,
        /// Drop words seen fewer times than this (2 halves the file; 1, the default,
        /// keeps the rare names the segmenter needs to see whole).
        #[arg(long, default_value_t = 1)]
        min_count: u32,
    },
    /// Learn segmentation weights from gold CoNLL-U into models/segmenter.json.
    Segmenter {
        #[arg(long, default_value = "../shared/data/ud-arabic-pud/dev.conllu")]
        gold: PathBuf,
        /// Sentences [0, N) train the model; the rest is the dev set it is reported on.
        /// The shipped model uses every sentence; its accuracy is reported by two-fold
        /// cross-validation (`--train-sentences 250`, with and without `--swap`).
        #[arg(long, default_value_t = usize::MAX)]
        train_sentences: usize,
        /// Swap the halves: train on [N, end) and report on [0, N) (for two-fold checks).
        #[arg(long)]
        swap: bool,
        #[arg(long, default_value_t = 60)]
        epochs: usize,
        #[arg(long, default_value = "models/segmenter.json")]
        out: PathBuf,
    },
    /// Learn the named-entity tagger from ANERcorp into models/ner.bin.
    Ner(crate::ner::TrainArgs),
}

pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Lexicon { data, out, min_count } => lexicon(&data, &out, min_count),
        Command::Segmenter { gold, train_sentences, swap, epochs, out } => segmenter(&gold, train_sentences, swap, epochs, &out),
        Command::Ner(a) => crate::ner::train_cmd(a),
    }
}

fn lexicon(data: &Path, out: &Path, min_count: u32) -> anyhow::Result<ExitCode> {
    let zips = zip_files(data)?;
    let started = std::time::Instant::now();
    // One reader per zip, counted in parallel, merged in file order (deterministic).
    let parts: Vec<(LexiconBuilder, usize, usize)> = zips
        .par_iter()
        .map(|z| {
            let mut b = LexiconBuilder::new();
            let (mut n, mut errors) = (0, 0);
            for item in Reader::new([Input::from(z.as_path())], ReadOptions::default()) {
                match item {
                    Ok(doc) => {
                        // Titles are news text too, and often the only place a name is spelled out.
                        b.add_text(doc.title.as_deref().unwrap_or(""));
                        b.add_text(&doc.text);
                        n += 1;
                    }
                    Err(e) => {
                        eprintln!("khabar: {e}");
                        errors += 1;
                    }
                }
            }
            (b, n, errors)
        })
        .collect();
    let mut all = LexiconBuilder::new();
    let (mut articles, mut errors) = (0, 0);
    for (b, n, e) in parts {
        all.merge(b);
        articles += n;
        errors += e;
    }
    let lex = all.build(min_count);
    write_lexicon(&lex, out).with_context(|| format!("{}: cannot write", out.display()))?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "lexicon: {articles} articles from {} zips, {} word tokens, {} forms with count >= {min_count}, {:.1} MB, {:.1}s -> {}",
        zips.len(),
        lex.total(),
        lex.len(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The `.zip` files of a folder, sorted.
pub fn zip_files(data: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut zips: Vec<PathBuf> = std::fs::read_dir(data)
        .with_context(|| format!("{}: cannot read folder", data.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    zips.sort();
    if zips.is_empty() {
        bail!("{}: no .zip files", data.display());
    }
    Ok(zips)
}

fn segmenter(gold: &Path, n_train: usize, swap: bool, epochs: usize, out: &Path) -> anyhow::Result<ExitCode> {
    let src = std::fs::read_to_string(gold).with_context(|| format!("{}: cannot read", gold.display()))?;
    let sents = parse_conllu(&src).with_context(|| format!("{}", gold.display()))?;
    let n_train = n_train.min(sents.len());
    let (tr, dev) = match sents.split_at(n_train) {
        (a, b) if swap => (b, a),
        halves => halves,
    };
    let lexicon = khabar::models::default_lexicon();
    if lexicon.is_empty() {
        eprintln!("khabar: warning: the embedded lexicon is empty; run `khabar train lexicon` and rebuild first");
    }
    // Example extraction needs only tokens, so an untrained model is fine here.
    let plain = TextAnalyzer::new(Segmenter::new(lexicon.clone(), SegmenterModel::default()), TextOptions::default());
    let train_ex = training_examples(&plain, tr);
    let dev_ex = training_examples(&plain, dev);
    eprintln!("segmenter: {} training words from {} sentences, {} dev words from {}", train_ex.len(), tr.len(), dev_ex.len(), dev.len());
    let weights = train(&lexicon, &train_ex, &dev_ex, epochs, |r| {
        eprintln!(
            "epoch {:2}: train word accuracy {:.4}{}",
            r.epoch,
            r.train_accuracy,
            r.dev_accuracy.map(|d| format!(", dev word accuracy {d:.4}")).unwrap_or_default()
        )
    });
    let model = SegmenterModel::from_named(weights.iter().map(|(k, &v)| (k.as_str(), v)));
    let trained = TextAnalyzer::new(Segmenter::new(lexicon, model), TextOptions::default());
    if !dev.is_empty() {
        let rep = evaluate(&trained, dev);
        eprintln!("dev ({} sentences): syntactic-word F1 {:.4} (P {:.4}, R {:.4})", dev.len(), rep.f1(), rep.precision(), rep.recall());
    }
    let rounded: std::collections::BTreeMap<&str, f32> = weights.iter().map(|(k, &v)| (k.as_str(), (v * 1000.0).round() / 1000.0)).collect();
    let json = serde_json::json!({
        "format": "khabar.segmenter/1",
        "trained_on": format!("{} sentences ({}) of {}", tr.len(), if swap { format!("[{n_train}, end)") } else { format!("[0, {})", tr.len()) }, gold.file_name().map(|f| f.to_string_lossy()).unwrap_or_default()),
        "epochs": epochs,
        "weights": rounded,
    });
    std::fs::write(out, serde_json::to_string_pretty(&json)? + "\n").with_context(|| format!("{}: cannot write", out.display()))?;
    eprintln!("segmenter: {} weights -> {}", weights.len(), out.display());
    Ok(ExitCode::SUCCESS)
}
