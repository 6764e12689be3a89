//! `khabar analyze`: reads documents with [`khabar::corpus`], analyses them in parallel
//! and writes `khabar.document/1` JSON.
//!
//! Output is one pretty JSON document when exactly one document results, JSONL (one
//! compact document a line) otherwise; `--format` forces either (`json` writes an array
//! when there are several). Documents are read, analysed and written in batches, in
//! input order, so memory stays bounded and what is written is flushed before the next
//! batch is read. Bad files, lines and elements are reported on stderr as
//! `khabar: <file>:<line>: <why>` and skipped; the exit code is then 1. A closed stdout
//! (`| head`) ends the run quietly.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use khabar::corpus::{ReadOptions, Reader, StdinFormat, Utf8Policy};

use khabar::text::{TextAnalyzer, TextOptions};
use khabar::news::duplicates::{signature, MinHashSignature, NearDuplicateIndex, DEFAULT_THRESHOLD};
use khabar::{Analyzer, Document, InputDoc};
use rayon::prelude::*;

use crate::batch::{inputs_of, read_batch, Report, BATCH};

#[derive(clap::Args)]
pub struct Args {
    /// Input files (.txt, .json, .jsonl, .zip; any other name is read as text),
    /// directories, or `-` for stdin (the default when none is given).
    pub inputs: Vec<PathBuf>,
    /// Output format. Default: pretty JSON when the input holds exactly one document,
    /// JSONL otherwise. `json` writes an array when there are several documents;
    /// `jsonl` also reads stdin as JSONL.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Skip input that is not valid UTF-8 (a whole file, or a JSONL line) instead of
    /// replacing the bad bytes with U+FFFD.
    #[arg(long)]
    pub strict_utf8: bool,
    /// Write to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also fold ة into ه in each token's `norm` (search stems always fold it).
    #[arg(long)]
    pub fold_teh_marbuta: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let inputs = inputs_of(&args.inputs);
    let options = ReadOptions {
        utf8: if args.strict_utf8 { Utf8Policy::Strict } else { Utf8Policy::Lossy },
        stdin_format: if args.format == Some(Format::Jsonl) { StdinFormat::Jsonl } else { StdinFormat::Auto },
    };
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut sink = Sink { out: BufWriter::with_capacity(1 << 16, out), shape: Shape::Lines, written: 0 };
    let mut report = Report::new("documents analysed");
    let mut text_options = TextOptions::default();
    text_options.normalize.teh_marbuta = args.fold_teh_marbuta;
    let analyzer = Analyzer::new(TextAnalyzer::default_model().with_options(text_options));
    let mut reader = Reader::new(inputs, options);

    let mut near = NearDuplicateIndex::new(DEFAULT_THRESHOLD);
    let mut first = true;
    loop {
        let (docs, exhausted) = read_batch(&mut reader, &mut report, BATCH);
        if first {
            first = false;
            sink.shape = match (args.format, docs.len() == 1 && exhausted) {
                (Some(Format::Jsonl), _) => Shape::Lines,
                (_, true) => Shape::Single,
                (Some(Format::Json), false) => Shape::Array,
                (None, false) => Shape::Lines,
            };
        }
        report.seen(docs.len());
        let rendered = analyze_batch(&analyzer, docs, sink.shape, &mut near, &mut report);
        match sink.write_batch(&rendered) {
            Ok(()) => report.done(rendered.len()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(report.finish()),
            Err(e) => return Err(e).context("cannot write output"),
        }
        if exhausted {
            break;
        }
    }
    match sink.finish() {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e).context("cannot write output"),
    }
    Ok(report.finish())
}

/// Analyses and serialises a batch in parallel, in order. A document whose analysis
/// panics is reported and skipped. Each document is checked against every earlier one
/// of the run for near-duplicates (MinHash), in input order, so the first copy of a
/// story is the one the others point to.
fn analyze_batch(analyzer: &Analyzer, docs: Vec<InputDoc>, shape: Shape, near: &mut NearDuplicateIndex, report: &mut Report) -> Vec<Vec<u8>> {
    let pretty = shape != Shape::Lines;
    let analysed: Vec<Result<(Document, MinHashSignature), String>> = docs
        .into_par_iter()
        .map(|input| {
            let id = input.id.clone().unwrap_or_default();
            let doc = catch_unwind(AssertUnwindSafe(|| analyzer.analyze(input)))
                .map_err(|_| format!("{id}: analysis failed (internal error); document skipped"))?;
            let sig = signature(&doc);
            Ok((doc, sig))
        })
        .collect();
    let mut docs = Vec::with_capacity(analysed.len());
    for result in analysed {
        match result {
            Ok((mut doc, sig)) => {
                doc.near_duplicate_of = near.insert(&doc.id, sig);
                docs.push(doc);
            }
            Err(message) => report.skip(&message),
        }
    }
    let results: Vec<Result<Vec<u8>, String>> = docs
        .par_iter()
        .map(|doc| {
            let json = if pretty { serde_json::to_vec_pretty(doc) } else { serde_json::to_vec(doc) };
            json.map_err(|e| format!("{}: cannot serialise: {e}", doc.id))
        })
        .collect();
    let mut rendered = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(bytes) => rendered.push(bytes),
            Err(message) => report.skip(&message),
        }
    }
    rendered
}

/// How documents are laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One pretty document.
    Single,
    /// A pretty JSON array.
    Array,
    /// JSONL.
    Lines,
}

struct Sink {
    out: BufWriter<Box<dyn Write>>,
    shape: Shape,
    written: usize,
}

impl Sink {
    fn write_batch(&mut self, docs: &[Vec<u8>]) -> io::Result<()> {
        for doc in docs {
            match self.shape {
                Shape::Single | Shape::Lines => {}
                Shape::Array => self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?,
            }
            self.out.write_all(doc)?;
            if self.shape != Shape::Array {
                self.out.write_all(b"\n")?;
            }
            self.written += 1;
        }
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.shape == Shape::Array {
            self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

