//! `khabar analyze`: TODO (corpus readers + output).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Input files, directories, zips, or `-` for stdin.
    pub inputs: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let analyzer = khabar::Analyzer::default();
    for p in &args.inputs {
        let text = std::fs::read_to_string(p)?;
        let doc = analyzer.analyze_text(&text);
        println!("{}", serde_json::to_string_pretty(&doc)?);
    }
    Ok(ExitCode::SUCCESS)
}
