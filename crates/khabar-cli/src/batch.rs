//! Reading input documents in bounded batches with located errors, and reporting
//! progress and skipped input on stderr: shared by `analyze` and `index`.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use khabar::corpus::{Input, Reader};
use khabar::InputDoc;

/// The inputs named on the command line; stdin when none is.
pub fn inputs_of(args: &[std::path::PathBuf]) -> Vec<Input> {
    if args.is_empty() {
        vec![Input::Stdin]
    } else {
        args.iter().map(|p| Input::from_arg(p.as_path())).collect()
    }
}

/// Documents analysed together; bounds memory (a SaudiNewsNet day is ~2,000 articles).
pub const BATCH: usize = 256;

/// Reads up to `max` documents, reporting errors and warnings as they come; `true`
/// when the input is exhausted.
pub fn read_batch(reader: &mut Reader, report: &mut Report, max: usize) -> (Vec<InputDoc>, bool) {
    let mut docs = Vec::with_capacity(max);
    while docs.len() < max {
        let item = reader.next();
        for w in reader.take_warnings() {
            report.message(&format!("warning: {w}"));
        }
        match item {
            None => return (docs, true),
            Some(Ok(doc)) => docs.push(doc),
            Some(Err(e)) => report.skip(&e.to_string()),
        }
    }
    (docs, false)
}

/// Messages and progress on stderr, and whether anything was skipped.
pub struct Report {
    what: &'static str,
    skipped: usize,
    seen: usize,
    tty: bool,
    progress: Option<ProgressBar>,
}

impl Report {
    /// `what` names the progress count: "documents analysed".
    pub fn new(what: &'static str) -> Self {
        Report { what, skipped: 0, seen: 0, tty: io::stderr().is_terminal(), progress: None }
    }

    /// A line on stderr, above the progress bar if there is one. A closed stderr is ignored.
    pub fn message(&self, message: &str) {
        let print = || {
            let _ = writeln!(io::stderr().lock(), "khabar: {message}");
        };
        match &self.progress {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    pub fn skip(&mut self, message: &str) {
        self.skipped += 1;
        self.message(message);
    }

    /// `n` more documents read; the progress bar appears once there are several.
    pub fn seen(&mut self, n: usize) {
        self.seen += n;
        if self.tty && self.progress.is_none() && self.seen > 1 {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template(&format!("{{spinner}} {{human_pos}} {} in {{elapsed}}", self.what)) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            self.progress = Some(bar);
        }
    }

    pub fn done(&self, n: usize) {
        if let Some(bar) = &self.progress {
            bar.inc(n as u64);
        }
    }

    pub fn finish(&mut self) -> ExitCode {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        if self.skipped > 0 {
            let s = if self.skipped == 1 { "" } else { "s" };
            self.message(&format!("skipped {} input{s} with errors", self.skipped));
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}
