//! `yoshiki migrate`. Placeholder.
use super::Global;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub paths: Vec<std::path::PathBuf>,
}

pub fn run(args: &Args, global: &Global) -> ExitCode {
    let _ = (args, global);
    eprintln!("yoshiki migrate: not implemented yet");
    ExitCode::from(2)
}
