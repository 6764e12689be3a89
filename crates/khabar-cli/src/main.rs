//! `khabar`: the command-line front-end. It only parses arguments and wires the
//! library together; every capability lives in the `khabar` crate.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod analyze;
mod batch;
mod bench;
mod eval;
mod index;
mod ner;
mod quotes;
mod search;
mod serve;
mod train;

#[derive(Parser)]
#[command(name = "khabar", version, about = "Arabic news analysis: tokens, clitics, sentences, structure")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse documents and print khabar.document/1 JSON (one document) or JSONL.
    Analyze(analyze::Args),
    /// Build a model from data under ../shared/data.
    #[command(subcommand)]
    Train(train::Command),
    /// Score khabar against gold data.
    #[command(subcommand)]
    Eval(eval::Command),
    /// Measure throughput on real articles against a baseline measured in the same run.
    Bench(bench::Args),
    /// Who said what: each document's quotes as a table (speaker | cue | quote).
    Quotes(quotes::Args),
    /// Tag named entities (PERS, LOC, ORG, MISC) with the embedded model.
    Ner(ner::TagArgs),
    /// Measure named-entity tagging speed on one thread.
    BenchNer(ner::BenchArgs),
    /// Analyse documents into a searchable archive (an embedded index in a directory).
    Index(index::Args),
    /// Search an archive.
    Search(search::Args),
    /// Serve an archive: JSON API and web page.
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Train(c) => train::run(c),
        Command::Eval(c) => eval::run(c),
        Command::Bench(a) => bench::run(a),
        Command::Quotes(a) => quotes::run(a),
        Command::Ner(a) => ner::tag(a),
        Command::BenchNer(a) => ner::bench(a),
        Command::Index(a) => index::run(a),
        Command::Search(a) => search::run(a),
        Command::Serve(a) => serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("khabar: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
