//! `khabar ner`, `khabar train ner`, `khabar eval ner`, `khabar bench-ner`: the named-entity
//! tagger from the command line.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use khabar::corpus::{Input, ReadOptions, Reader};
use khabar::ner::conll::{read_file, TagColumn};
use khabar::ner::distrib::{Distrib, DistribCounts, Vocab};
use rayon::prelude::*;
use khabar::ner::document::{tag_document, DocOptions};
use khabar::ner::eval::Scores;
use khabar::ner::model::TagScratch;
use khabar::ner::lists::{ListFiles, NameLists};
use khabar::ner::train::{halves, Knowledge, split_dev, train, TrainOptions, DEFAULT_EPOCHS};
use khabar::ner::votes::{TextScratch, VoteCounts};
use khabar::ner::{EntityType, LabeledSentence, Model, Tag, Tagger};

const DEFAULT_DATA: &str = "../shared/data/anercorp/train.txt";

/// `khabar ner`: tags tokens with the embedded model.
#[derive(clap::Args)]
pub struct TagArgs {
    /// Input and output are CoNLL: one token a line (a second column is ignored), blank
    /// lines between sentences (without any, sentences end at . ! ? ؟). Output: `TOKEN
    /// TAG` lines, same tokens in the same order, blank lines kept.
    #[arg(long, required = true)]
    conll: bool,
    /// Input file, or `-` for stdin.
    #[arg(default_value = "-")]
    input: PathBuf,
    /// A model file to use instead of the embedded one (to try a freshly trained model
    /// without rebuilding).
    #[arg(long)]
    model: Option<PathBuf>,
    #[command(flatten)]
    doc: DocArgs,
}

/// The document step (khabar::ner::document) of `ner` and `eval ner`.
#[derive(clap::Args)]
pub struct DocArgs {
    /// Tag sentence by sentence only, without making names agree across sentences.
    #[arg(long, hide = true)]
    no_document: bool,
    /// Sentences either side of a name that vote on its tags.
    #[arg(long, hide = true)]
    doc_window: Option<usize>,
}

/// The embedded tagger, or one read from `path`.
fn load_tagger(path: Option<&Path>) -> anyhow::Result<&'static Tagger> {
    Ok(match path {
        None => khabar::models::default_tagger(),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            let model = Model::from_bytes(&bytes).with_context(|| p.display().to_string())?;
            // Lives as long as the process, like the embedded one.
            Box::leak(Box::new(Tagger::new(model, khabar::models::default_segmenter())))
        }
    })
}

pub fn tag(args: TagArgs) -> anyhow::Result<ExitCode> {
    let _ = args.conll;
    let doc = read_file(&args.input, TagColumn::Ignored)?;
    let tagger = load_tagger(args.model.as_deref())?;
    let mut tags = vec![Tag::O; doc.tokens.len()];
    let sents: Vec<Vec<&str>> = doc.sentences.iter().map(|r| doc.tokens[r.clone()].iter().map(|t| t.text.as_str()).collect()).collect();
    let opts = doc_options(args.doc.no_document, args.doc.doc_window);
    let tagged = tag_document(tagger, &sents, opts.as_ref(), &mut TagScratch::default());
    for (r, out) in doc.sentences.iter().zip(&tagged) {
        tags[r.clone()].copy_from_slice(out);
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    doc.write_tagged(&tags, &mut w)?;
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `khabar train ner`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// ANERcorp-style `TOKEN TAG` file.
    #[arg(long, default_value = DEFAULT_DATA)]
    data: PathBuf,
    #[arg(long, default_value = "models/ner.bin")]
    out: PathBuf,
    #[arg(long, default_value_t = DEFAULT_EPOCHS)]
    epochs: usize,
    /// The last fraction of sentences is the dev set: scored each epoch, never trained on.
    #[arg(long, default_value_t = 0.1)]
    dev_fraction: f64,
    /// Folder of SaudiNewsNet zips for the distributional signatures of words; `none`
    /// trains without them.
    #[arg(long, default_value = "../shared/data/saudinewsnet")]
    corpus: PathBuf,
    /// Folder of the hand-written name lists (see khabar::ner::lists), stored in the
    /// model; `none` trains without them.
    #[arg(long, default_value = "data/names")]
    names: PathBuf,
    /// Blocks of the jackknifed training gazetteer (1: no jackknifing; for experiments).
    #[arg(long, default_value_t = TrainOptions::default().folds, hide = true)]
    folds: usize,
    /// Train without corpus votes (see khabar::ner::votes: two first-stage models tag
    /// the corpus; how each stem was tagged there is a feature). They add +0.2 points
    /// over ten held-out tenths for twice the training time.
    #[arg(long)]
    no_votes: bool,
    /// Perceptrons averaged into the model, each over its own shuffles of the sentences.
    #[arg(long, default_value_t = TrainOptions::default().shuffles)]
    shuffles: usize,
    /// Train without the context aggregation features (for experiments).
    #[arg(long, hide = true)]
    no_aggregate: bool,
    /// Write the model trained on the first part, the one the dev scores are of.
    #[arg(long)]
    dev_out: Option<PathBuf>,
    /// Write the model trained without the dev set (by default, once dev has scored the
    /// settings, the model written is trained again on every sentence).
    #[arg(long)]
    no_refit: bool,
    /// Drop features seen fewer times than this (for experiments).
    #[arg(long, default_value_t = TrainOptions::default().min_feature_count, hide = true)]
    min_feature_count: u32,
}

/// Distributional signatures over every article (title and text) of the corpus zips,
/// counted one zip per task and merged in file order.
/// `given_names` are cue words of their own (see `Vocab::with_given_names`).
fn distrib(corpus: &Path, given_names: &[&str]) -> anyhow::Result<Distrib> {
    if corpus.as_os_str() == "none" {
        return Ok(Distrib::default());
    }
    let zips = crate::train::zip_files(corpus)?;
    let lexicon = khabar::models::default_lexicon();
    let vocab = Vocab::from_lexicon(&lexicon).with_given_names(given_names.iter().copied());
    let parts: Vec<anyhow::Result<DistribCounts>> = zips
        .par_iter()
        .map(|z| {
            let mut c = DistribCounts::default();
            for item in Reader::new([Input::from(z.as_path())], ReadOptions::default()) {
                // A corrupt article would make the model depend on how far reading got.
                let doc = item.map_err(|e| anyhow::anyhow!("{e}"))?;
                c.add_text(&vocab, doc.title.as_deref().unwrap_or(""));
                c.add_text(&vocab, &doc.text);
            }
            Ok(c)
        })
        .collect();
    let mut all = DistribCounts::default();
    for p in parts {
        all.merge(p?);
    }
    Ok(all.build(&vocab))
}

/// Tags every article of the corpus with each tagger and counts the tags per stem.
fn corpus_votes(corpus: &Path, taggers: &[Tagger; 2]) -> anyhow::Result<[VoteCounts; 2]> {
    let zips = crate::train::zip_files(corpus)?;
    let parts: Vec<anyhow::Result<[VoteCounts; 2]>> = zips
        .par_iter()
        .map(|z| {
            let mut counts = [VoteCounts::default(), VoteCounts::default()];
            // One scratch per tagger: each caches its own analyses of word forms.
            let mut scratch = [TextScratch::default(), TextScratch::default()];
            for item in Reader::new([Input::from(z.as_path())], ReadOptions::default()) {
                let doc = item.map_err(|e| anyhow::anyhow!("{e}"))?;
                for ((c, t), sc) in counts.iter_mut().zip(taggers).zip(&mut scratch) {
                    c.add_text(t, &doc.text, sc);
                }
            }
            Ok(counts)
        })
        .collect();
    let mut all = [VoteCounts::default(), VoteCounts::default()];
    for p in parts {
        let p = p?;
        all[0].merge(&p[0]);
        all[1].merge(&p[1]);
    }
    Ok(all)
}

fn read_gold(path: &Path) -> anyhow::Result<Vec<LabeledSentence>> {
    Ok(read_file(path, TagColumn::Required)?.labeled_sentences())
}

fn tokens(sents: &[LabeledSentence]) -> usize {
    sents.iter().map(|s| s.tokens.len()).sum()
}

pub fn train_cmd(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let sents = read_gold(&args.data)?;
    let (tr, dev) = split_dev(&sents, args.dev_fraction);
    let refit = !args.no_refit && !dev.is_empty();
    eprintln!("ner: {} sentences ({} tokens) to train, {} sentences ({} tokens) of dev, from {}", tr.len(), tokens(tr), dev.len(), tokens(dev), args.data.display());
    let files = (args.names.as_os_str() != "none").then(|| ListFiles::read(&args.names)).transpose()?.unwrap_or_default();
    let given: Vec<&str> = files.given_names().collect();
    let dist = distrib(&args.corpus, &given)?;
    eprintln!("ner: distributional signatures of {} words, flat clusters of {}, from {} ({:.1}s)", dist.len(), dist.n_flat(), args.corpus.display(), started.elapsed().as_secs_f64());
    let seg = khabar::models::default_segmenter();
    let lists = NameLists::from_files(&files, &seg, &dist);
    eprintln!("ner: {} listed names from {}", lists.len(), args.names.display());
    let model = fit(&args, Knowledge { seg: &seg, dist: &dist, lists: &lists }, tr, dev, started)?;
    let dev_bytes = model.to_bytes();
    if !dev.is_empty() {
        // Score what is written (pruned, read back), not the weights in memory.
        let tagger = Tagger::new(Model::from_bytes(&dev_bytes)?, khabar::models::default_segmenter());
        let (scores, _) = score(&tagger, dev, Some(&DocOptions::default()));
        eprintln!("dev, model trained without it:\n{scores}");
    }
    if let Some(path) = &args.dev_out {
        write_model(path, &dev_bytes)?;
    }
    let model = if refit {
        // The settings are chosen on dev; the model shipped learns from every sentence.
        eprintln!("ner: refit on all {} sentences ({} tokens), the dev set included", sents.len(), tokens(&sents));
        fit(&args, Knowledge { seg: &seg, dist: &dist, lists: &lists }, &sents, &[], started)?
    } else {
        model
    };
    let bytes = if refit { model.to_bytes() } else { dev_bytes };
    write_model(&args.out, &bytes)?;
    let (e, w, t) = model.gazetteer().sizes();
    eprintln!(
        "ner: {} features, gazetteer {e} entities, {w} entity words, {t} triggers; {:.2} MB -> {} ({:.1}s)",
        model.n_features(),
        bytes.len() as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn write_model(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("{}: cannot write", path.display()))
}

/// One model from `tr`, printing each epoch's score on `dev` (if any).
fn fit(args: &TrainArgs, know: Knowledge, tr: &[LabeledSentence], dev: &[LabeledSentence], started: Instant) -> anyhow::Result<Model> {
    let opts = TrainOptions { epochs: args.epochs, folds: args.folds, min_feature_count: args.min_feature_count, shuffles: args.shuffles, aggregate: !args.no_aggregate, ..TrainOptions::default() };
    // Corpus votes (see khabar::ner::votes): two first-stage models, one per half of
    // the training sentences, each tags the corpus.
    let with_votes;
    let (dist, half_votes) = if args.corpus.as_os_str() == "none" || args.no_votes {
        (know.dist, None)
    } else {
        let (a, b) = halves(tr);
        let first = |part: &[LabeledSentence]| Tagger::new(train(know, None, part, &[], &opts, |_| {}), khabar::models::default_segmenter());
        let taggers = [first(a), first(b)];
        let counts = corpus_votes(&args.corpus, &taggers)?;
        let mut all = VoteCounts::default();
        all.merge(&counts[0]);
        all.merge(&counts[1]);
        let votes = [counts[0].build(), counts[1].build()];
        with_votes = know.dist.with_votes(all.build());
        eprintln!("ner: corpus votes for {} stems from two first-stage models ({:.1}s)", with_votes.votes().len(), started.elapsed().as_secs_f64());
        (&with_votes, Some(votes))
    };
    Ok(train(Knowledge { dist, ..know }, half_votes.as_ref(), tr, dev, &opts, |r| {
        let run = if args.shuffles > 1 { format!("shuffle {}/{}, ", r.shuffle, args.shuffles) } else { String::new() };
        let mut line = format!("{run}epoch {:2}: {:4}/{} training sentences wrong", r.epoch, r.train_errors, r.train_sentences);
        if let Some(s) = &r.dev {
            let m = s.micro();
            line += &format!("; dev micro P {:.4} R {:.4} F1 {:.4} |", m.precision(), m.recall(), m.f1());
            for t in EntityType::ALL {
                let c = s.get(t);
                line += &format!(" {} P {:.3} R {:.3} F1 {:.3} |", t.as_str(), c.precision(), c.recall(), c.f1());
            }
        }
        eprintln!("{line} {:.1}s", started.elapsed().as_secs_f64());
    }))
}

/// The document step's settings, or `None` (`--no-document`: sentence by sentence only,
/// to measure what the step adds).
fn doc_options(off: bool, window: Option<usize>) -> Option<DocOptions> {
    (!off).then(|| {
        let d = DocOptions::default();
        DocOptions { window: window.unwrap_or(d.window), ..d }
    })
}

/// Tags gold sentences; returns the scores and the tagging time in seconds.
/// The sentences are one stream of documents (see khabar::ner::document).
fn score(tagger: &Tagger, sents: &[LabeledSentence], doc: Option<&DocOptions>) -> (Scores, f64) {
    let mut scores = Scores::default();
    let t0 = Instant::now();
    let refs: Vec<Vec<&str>> = sents.iter().map(|s| s.token_refs()).collect();
    let all = tag_document(tagger, &refs, doc, &mut TagScratch::default());
    let secs = t0.elapsed().as_secs_f64();
    for (s, p) in sents.iter().zip(&all) {
        scores.add(&s.tags, p);
    }
    (scores, secs)
}

/// `khabar eval ner`.
#[derive(clap::Args)]
pub struct EvalArgs {
    #[arg(long)]
    gold: PathBuf,
    /// Score only the sentences after this fraction of the file (0.9: the dev set of
    /// `khabar train ner`).
    #[arg(long, default_value_t = 0.0)]
    from_fraction: f64,
    /// A model file to use instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
    #[command(flatten)]
    doc: DocArgs,
}

/// Sentences shorter than this are not checked against the model's training sentences.
const SEEN_MIN_TOKENS: usize = 4;

pub fn eval_cmd(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let sents = read_gold(&args.gold)?;
    let (_, part) = split_dev(&sents, 1.0 - args.from_fraction);
    let tagger = load_tagger(args.model.as_deref())?;
    let (scores, secs) = score(tagger, part, doc_options(args.doc.no_document, args.doc.doc_window).as_ref());
    println!("gold: {} ({} of {} sentences, {} tokens)", args.gold.display(), part.len(), sents.len(), tokens(part));
    println!("{scores}");
    println!("tagging: {:.0} tokens/s on one core (including the first, uncached, look-up of each word)", tokens(part) as f64 / secs.max(1e-9));
    // Short sentences (`.`, a dateline) recur in any corpus; longer ones do not.
    let long: Vec<&LabeledSentence> = part.iter().filter(|s| s.tokens.len() >= SEEN_MIN_TOKENS).collect();
    let seen = long.iter().filter(|s| tagger.model().trained_on(&s.token_refs())).count();
    if seen > 0 {
        println!(
            "note: the model was trained on {seen} of these {} sentences of {SEEN_MIN_TOKENS}+ tokens: these are not held-out scores{}",
            long.len(),
            if args.model.is_none() { " (the embedded model learnt from all of ANERcorp's train.txt; `train ner --dev-out` writes one that did not see its dev set)" } else { "" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `khabar bench-ner`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Gold or plain CoNLL file whose tokens are tagged.
    #[arg(long, default_value = DEFAULT_DATA)]
    data: PathBuf,
    /// Passes over the data (the first warms the per-word segmentation cache).
    #[arg(long, default_value_t = 3)]
    passes: usize,
}

pub fn bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let doc = read_file(&args.data, TagColumn::Ignored)?;
    let tagger = khabar::models::default_tagger();
    println!("model: {} bytes ({:.2} MB) embedded, {} features", khabar::models::NER_BIN.len(), khabar::models::NER_BIN.len() as f64 / 1e6, tagger.model().n_features());
    let sents: Vec<Vec<&str>> = doc.sentences.iter().map(|r| doc.tokens[r.clone()].iter().map(|t| t.text.as_str()).collect()).collect();
    let n = doc.tokens.len();
    let mut sc = TagScratch::default();
    let mut out = Vec::new();
    let mut entities = 0;
    for pass in 1..=args.passes.max(1) {
        let t0 = Instant::now();
        for s in &sents {
            tagger.tag_into(s, &mut sc, &mut out);
            entities += out.iter().filter(|t| matches!(t, Tag::B(_))).count();
        }
        let secs = t0.elapsed().as_secs_f64();
        // The same with the document step, as `khabar ner --conll` runs.
        let t1 = Instant::now();
        let tagged = tag_document(tagger, &sents, Some(&DocOptions::default()), &mut sc);
        entities += tagged.iter().flatten().filter(|t| matches!(t, Tag::B(_))).count();
        let dsecs = t1.elapsed().as_secs_f64();
        println!(
            "pass {pass}: {n} tokens in {:.3}s: {:.0} tokens/s on one thread; with the document step {:.3}s: {:.0} tokens/s",
            secs,
            n as f64 / secs.max(1e-9),
            dsecs,
            n as f64 / dsecs.max(1e-9)
        );
    }
    std::hint::black_box(entities);
    Ok(ExitCode::SUCCESS)
}
