use std::process::ExitCode;
#[derive(clap::Args)]
pub struct Args {}
pub fn run(_a: Args) -> anyhow::Result<ExitCode> { Ok(ExitCode::SUCCESS) }
