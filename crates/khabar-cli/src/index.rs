//! `khabar index`: ingests inputs into an archive (see `khabar_archive::archive`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use khabar::corpus::{Input, ReadOptions, Reader, Utf8Policy};
use khabar_archive::Archive;

use crate::batch::{read_batch, Report};

/// Documents read and analysed together.
const INDEX_BATCH: usize = 512;

#[derive(clap::Args)]
pub struct Args {
    /// The archive directory (created when absent).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Inputs, as for `analyze`: files (.txt, .json, .jsonl, .zip), directories, `-`.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Commit every N new documents (a crash loses at most the uncommitted ones).
    #[arg(long, default_value_t = 4096, value_name = "N")]
    pub commit_every: usize,
    /// Skip input that is not valid UTF-8 instead of replacing the bad bytes.
    #[arg(long)]
    pub strict_utf8: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let archive = Archive::open_or_create(&args.index)?;
    let before = archive.num_docs();
    let mut ingester = archive.ingester(args.commit_every)?;
    let options = ReadOptions { utf8: if args.strict_utf8 { Utf8Policy::Strict } else { Utf8Policy::Lossy }, ..Default::default() };
    let mut reader = Reader::new(args.inputs.iter().map(|p| Input::from_arg(p.as_path())), options);
    let mut report = Report::new("documents indexed");
    let (mut added, mut known, mut grouped) = (0, 0, 0);
    loop {
        let (docs, exhausted) = read_batch(&mut reader, &mut report, INDEX_BATCH);
        report.seen(docs.len());
        let n = docs.len();
        let mut errors = Vec::new();
        let outcome = ingester.add_batch(docs, &mut errors)?;
        for e in errors {
            report.skip(&e);
        }
        added += outcome.added;
        known += outcome.known;
        grouped += outcome.grouped;
        report.done(n);
        if exhausted {
            break;
        }
    }
    ingester.finish()?;
    let total = archive.num_docs();
    report.message(&format!(
        "{added} documents added ({grouped} grouped with a near-duplicate), {known} already indexed; {total} in {} (was {before}); {:.1} s",
        args.index.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(report.finish())
}
