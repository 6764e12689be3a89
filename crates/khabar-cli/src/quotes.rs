//! `khabar quotes`: who said what, as a table for people who want the answer rather
//! than JSON. One table per document, in input order:
//!
//! ```text
//! seed-article.txt: 9 quotes
//!   # | kind     | speaker      | cue   | quote
//!   1 | reported | البيت الأبيض | بحسب  | وجه الرئيس الأمريكي جو بايدن …
//! ```
//!
//! Arabic in a terminal: a bidi-aware terminal reorders each line by the Unicode
//! bidirectional algorithm, which would pull the `|` separators and neighbouring cells
//! into the Arabic runs and scramble the columns. Each cell is therefore wrapped in a
//! first-strong isolate (U+2068 … U+2069): it is laid out right-to-left inside its own
//! column while the row stays left-to-right (the `kind` column gives the line its
//! left-to-right direction). Isolates are written when stdout is a terminal, and on
//! request (`--bidi isolate`); piped output stays plain text. Columns are padded by
//! display width (harakat take no column).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use khabar::corpus::{ReadOptions, Reader};
use khabar::doc::{Quote, QuoteKind};
use khabar::text::TextAnalyzer;
use khabar::{Analyzer, Document};
use rayon::prelude::*;
use unicode_width::UnicodeWidthChar;

use crate::batch::{inputs_of, read_batch, Report, BATCH};

#[derive(clap::Args)]
pub struct Args {
    /// Input files (.txt, .json, .jsonl, .zip), directories, or `-` for stdin (the
    /// default when none is given).
    pub inputs: Vec<PathBuf>,
    /// Longest quote shown, in characters (longer ones end with `…`); 0 shows all.
    #[arg(long, default_value_t = 100)]
    pub width: usize,
    /// Bidirectional isolation of cells: `auto` isolates when stdout is a terminal.
    #[arg(long, value_enum, default_value_t = Bidi::Auto)]
    pub bidi: Bidi,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Bidi {
    Auto,
    Isolate,
    Plain,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let inputs = inputs_of(&args.inputs);
    let stdout = io::stdout();
    let isolate = match args.bidi {
        Bidi::Auto => stdout.is_terminal(),
        Bidi::Isolate => true,
        Bidi::Plain => false,
    };
    let mut out = BufWriter::new(stdout.lock());
    let mut report = Report::new("documents read");
    let analyzer = Analyzer::new(TextAnalyzer::default_model());
    let mut reader = Reader::new(inputs, ReadOptions::default());
    let mut first = true;
    loop {
        let (docs, exhausted) = read_batch(&mut reader, &mut report, BATCH);
        report.seen(docs.len());
        let analysed: Vec<Result<Document, String>> = docs
            .into_par_iter()
            .map(|input| {
                let id = input.id.clone().unwrap_or_default();
                catch_unwind(AssertUnwindSafe(|| analyzer.analyze(input)))
                    .map_err(|_| format!("{id}: analysis failed (internal error); document skipped"))
            })
            .collect();
        for doc in analysed {
            let doc = match doc {
                Ok(d) => d,
                Err(message) => {
                    report.skip(&message);
                    continue;
                }
            };
            let table = render(&doc, args.width, isolate);
            let written = (if first { Ok(()) } else { writeln!(out) }).and_then(|()| out.write_all(table.as_bytes()));
            first = false;
            match written {
                Ok(()) => report.done(1),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(report.finish()),
                Err(e) => return Err(e).context("cannot write output"),
            }
        }
        match out.flush() {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(report.finish()),
            Err(e) => return Err(e).context("cannot write output"),
        }
        if exhausted {
            break;
        }
    }
    Ok(report.finish())
}

/// First-strong isolate and its closing pop.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// The document's quotes as a table (a title line, a header, one row per quote).
pub fn render(doc: &Document, width: usize, isolate: bool) -> String {
    let n = doc.quotes.len();
    let mut out = format!("{}: {} quote{}\n", doc.id, n, if n == 1 { "" } else { "s" });
    if n == 0 {
        return out;
    }
    let header = ["#", "kind", "speaker", "cue", "quote"].map(str::to_string);
    let rows: Vec<[String; 5]> = doc.quotes.iter().enumerate().map(|(i, q)| row(i + 1, q, width)).collect();
    let mut widths = [0usize; 5];
    for r in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(display_width(cell));
        }
    }
    for r in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (c, (cell, &w)) in r.iter().zip(&widths).enumerate() {
            let last = c + 1 == r.len();
            line.push_str(if c == 0 { "  " } else { " | " });
            // The number is right-aligned; the last column is not padded.
            let pad = " ".repeat(w - display_width(cell));
            if c == 0 {
                line.push_str(&pad);
            }
            if isolate && c > 1 {
                line.push(FSI);
                line.push_str(cell);
                line.push(PDI);
            } else {
                line.push_str(cell);
            }
            if c > 0 && !last {
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn row(number: usize, q: &Quote, width: usize) -> [String; 5] {
    let kind = match q.kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Reported => "reported",
    };
    let speaker = q.speaker.as_ref().map_or("—".to_string(), |s| one_line(&s.text));
    let cue = q.cue.as_ref().map_or("—".to_string(), |c| one_line(&c.text));
    [number.to_string(), kind.to_string(), speaker, cue, shorten(&one_line(&q.text), width)]
}

/// Columns a terminal advances for `s`: the sum of its characters' widths, as
/// `wcwidth` counts them (harakat 0; no ligature rules, which terminals do not apply
/// to the cursor either).
fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Text on one line: runs of whitespace (a quote may span paragraphs) become a space,
/// and bidi controls from the source are dropped so they cannot leak out of a cell.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter(|c| !is_bidi_control(*c)));
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// At most `max` characters, the cut marked with `…` (`max` 0: no limit).
fn shorten(s: &str, max: usize) -> String {
    if max == 0 || s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar::doc::{Span, Speaker};

    fn quote(text: &str, speaker: Option<&str>, cue: Option<&str>, kind: QuoteKind) -> Quote {
        let span = |t: &str| Span { start: 0, end: t.chars().count(), text: t.to_string() };
        Quote {
            start: 0,
            end: text.chars().count(),
            text: text.to_string(),
            kind,
            cue: cue.map(span),
            speaker: speaker.map(|s| Speaker { start: 0, end: s.chars().count(), text: s.to_string(), entity: None }),
        }
    }

    fn doc(quotes: Vec<Quote>) -> Document {
        let mut d = Analyzer::new(TextAnalyzer::default_model()).with_tagger(None).analyze_text("");
        d.id = "x.txt".into();
        d.quotes = quotes;
        d
    }

    #[test]
    fn columns_line_up_by_display_width_and_cells_are_isolated() {
        let d = doc(vec![
            quote("نحن أقرب من أي وقت مضى", Some("البيت الأبيض"), Some("قال"), QuoteKind::Direct),
            // Harakat take no column: the padding must not count them.
            quote("مُوضحًا أمرًا", None, Some("مُوضحًا"), QuoteKind::Reported),
        ]);
        let table = render(&d, 0, true);
        assert_eq!(display_width("مُوضحًا"), 5);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "x.txt: 2 quotes");
        assert_eq!(lines.len(), 4);
        // The separators stand at the same display column on every row.
        let columns = |l: &str| -> Vec<usize> {
            let mut cols = Vec::new();
            let mut w = 0;
            for c in l.chars() {
                if c == '|' {
                    cols.push(w);
                }
                w += c.width().unwrap_or(0);
            }
            cols
        };
        assert_eq!(columns(lines[1]), columns(lines[2]));
        assert_eq!(columns(lines[1]), columns(lines[3]));
        assert!(lines[2].contains("\u{2068}البيت الأبيض\u{2069}"));
        assert!(lines[3].contains("\u{2068}—\u{2069}"), "a missing speaker shows as a dash: {}", lines[3]);
        // Every isolate is closed on its own row.
        for l in &lines {
            assert_eq!(l.matches(FSI).count(), l.matches(PDI).count());
        }
    }

    #[test]
    fn plain_output_has_no_controls_and_quotes_are_one_line_and_shortened() {
        let d = doc(vec![quote("سطر أول\n\nوسطر\u{202B} ثان طويل جدا", Some("مصادر"), None, QuoteKind::Direct)]);
        let table = render(&d, 12, false);
        assert!(!table.chars().any(is_bidi_control), "{table:?}");
        let row = table.lines().nth(2).unwrap_or_default();
        assert!(row.ends_with("| سطر أول وسط…"), "{row}");
        assert_eq!(render(&doc(vec![]), 12, false), "x.txt: 0 quotes\n");
    }
}
