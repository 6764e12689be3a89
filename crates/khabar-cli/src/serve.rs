//! `khabar serve`: the archive's JSON API and web page over HTTP.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use khabar_archive::server::{self, ServerConfig};
use khabar_archive::Archive;

#[derive(clap::Args)]
pub struct Args {
    /// The archive directory.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = ServerConfig::default().max_body)]
    pub max_body: usize,
    /// Seconds a request may take, body included.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.index)?;
    let n = archive.num_docs();
    let config = ServerConfig { max_body: args.max_body, request_timeout: Duration::from_secs(args.timeout.max(1)), ..ServerConfig::default() };
    server::run(archive, args.addr, config, |addr| {
        eprintln!("khabar: serving {n} documents on http://{addr}/ (API description: http://{addr}/openapi.json)");
    })?;
    Ok(ExitCode::SUCCESS)
}
