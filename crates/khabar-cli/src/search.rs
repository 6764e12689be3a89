//! `khabar search`: queries an archive and prints the best results.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use khabar_archive::search::Fragment;
use khabar_archive::{Archive, SearchRequest};

#[derive(clap::Args)]
pub struct Args {
    /// The archive directory.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Words (matched through their stems) and "quoted phrases" (matched exactly).
    #[arg(default_value = "")]
    pub query: Vec<String>,
    /// Only documents naming this entity.
    #[arg(long)]
    pub entity: Option<String>,
    /// Only documents from this source (e.g. `aleqtisadiya`).
    #[arg(long)]
    pub source: Option<String>,
    /// Only documents of this day or later (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only documents of this day or earlier (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Only documents quoting this speaker.
    #[arg(long)]
    pub speaker: Option<String>,
    /// How many results.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.index)?;
    let req = SearchRequest {
        q: args.query.join(" "),
        entity: args.entity,
        source: args.source,
        from: args.from,
        to: args.to,
        speaker: args.speaker,
        limit: args.limit,
        offset: 0,
        facets: args.json,
    };
    let results = match archive.search(&req)? {
        Ok(r) => r,
        Err(bad) => {
            eprintln!("khabar: {bad}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let color = io::stdout().is_terminal();
    let render = |fragments: &[Fragment]| -> String {
        fragments
            .iter()
            .map(|f| match (f.hit, color) {
                (false, _) => f.text.replace('\n', " "),
                (true, true) => format!("\x1b[1;33m{}\x1b[0m", f.text),
                (true, false) => format!("[{}]", f.text),
            })
            .collect()
    };
    let relaxed = if results.relaxed { " (no document has every word; showing those with some)" } else { "" };
    writeln!(out, "{} documents match{relaxed}", results.total)?;
    for (i, hit) in results.hits.iter().enumerate() {
        let title = if hit.title_fragments.is_empty() { "(no title)".to_string() } else { render(&hit.title_fragments) };
        writeln!(out, "\n{}. {title}", i + 1)?;
        writeln!(
            out,
            "   {} · {} · {}",
            hit.source.as_deref().unwrap_or("?"),
            hit.date.as_deref().unwrap_or("?"),
            hit.id
        )?;
        writeln!(out, "   {}", render(&hit.snippet))?;
        if !hit.also.is_empty() {
            let others: Vec<String> = hit.also.iter().map(|m| m.source.clone().unwrap_or_else(|| m.id.clone())).collect();
            writeln!(out, "   also in: {}", others.join(", "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
