//! `khabar eval …`: scores against gold data.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

use khabar::eval::conllu::parse_conllu;
use khabar::eval::segmentation::evaluate;
use khabar::text::TextAnalyzer;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Syntactic-word F1 of clitic segmentation against gold CoNLL-U (ATB convention).
    Segmentation {
        #[arg(long)]
        gold: PathBuf,
        /// Score only sentences [from, to) of the file.
        #[arg(long, default_value_t = 0)]
        from: usize,
        #[arg(long)]
        to: Option<usize>,
        /// How many of the most frequent errors to list.
        #[arg(long, default_value_t = 20)]
        errors: usize,
    },
    /// Entity-level P/R/F1 of the named-entity tagger against gold `TOKEN TAG` data.
    Ner(crate::ner::EvalArgs),
    /// Show the segmentation candidates of words, their scores and features.
    Explain { words: Vec<String> },
}

pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Ner(a) => crate::ner::eval_cmd(a),
        Command::Explain { words } => {
            let analyzer = TextAnalyzer::default_model();
            for w in words {
                let norm = khabar::text::normalize::normalize(&w, &Default::default());
                println!("{w} (norm {norm}, count {})", analyzer.segmenter().lexicon().count(&norm));
                for (pat, score, feats) in analyzer.segmenter().explain(&norm).into_iter().take(4) {
                    println!("  {score:8.2}  {pat}");
                    let f: Vec<String> = feats.iter().filter(|f| f.1 != 0.0).map(|(n, v)| format!("{n}:{v:.1}")).collect();
                    println!("            {}", f.join("  "));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Segmentation { gold, from, to, errors } => {
            let src = std::fs::read_to_string(&gold).with_context(|| format!("{}: cannot read", gold.display()))?;
            let sents = parse_conllu(&src).with_context(|| gold.display().to_string())?;
            let to = to.unwrap_or(sents.len()).min(sents.len());
            let from = from.min(to);
            let analyzer = TextAnalyzer::default_model();
            let rep = evaluate(&analyzer, &sents[from..to]);
            println!("gold: {} (sentences {from}..{to} of {})", gold.display(), sents.len());
            println!("syntactic words: gold {}, predicted {}, correct {}", rep.gold, rep.predicted, rep.correct);
            println!("precision {:.4}  recall {:.4}  F1 {:.4}", rep.precision(), rep.recall(), rep.f1());
            println!("surface words fully right: {}/{} ({:.4})", rep.words_correct, rep.words, rep.words_correct as f64 / rep.words.max(1) as f64);
            if errors > 0 {
                println!("most frequent errors (gold -> khabar):");
                for (g, p, c) in rep.top_errors(errors) {
                    println!("{c:5}  {g}  ->  {p}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
