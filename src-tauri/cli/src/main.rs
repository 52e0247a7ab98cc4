//! `bridgeboard-cli`: a headless host over `bridgeboard-core`, so scripts can read, check, back
//! up and change a board file without the app (and without a display).
//!
//! Exit codes are the contract scripts use: 0 done; 1 refused by a board rule or bad input
//! (core codes `validation`, `date_order`, `not_found`, `conflict`, `cycle`); 2 wrong usage (clap's own);
//! 3 the board file cannot be used (core code `storage`); 4 a shared board's folder cannot be
//! reached (core code `unreachable`: the local board is fine and keeps every edit); 5 the disk
//! is full (core code `disk_full`: nothing was changed or half-written; free space and run it
//! again). Results go
//! to stdout, refusals to stderr as `error: ...`.

mod args;
mod commands;
mod parse;
mod resolve;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::Cli;
use commands::Clock;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(db) = cli.db else {
        // A usage mistake like any other, so clap reports it and exits with 2.
        Cli::command()
            .error(clap::error::ErrorKind::MissingRequiredArgument, "the board file is required: give --db FILE, or set BRIDGEBOARD_DB")
            .exit();
    };
    if let args::Command::Export(export) = &cli.command {
        if let Some(message) = export.misuse() {
            Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message).exit();
        }
    }
    // The only clock reads: the core takes time as a parameter.
    let clock = Clock { today: chrono::Local::now().date_naive(), now: chrono::Utc::now() };
    match commands::run(cli.command, &db, cli.actor.as_deref(), cli.allow_phi_like, clock) {
        Ok(output) => {
            // A closed pipe (`list | head`) is the reader's choice, not a failure worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{output}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(exit_code(&err))
        }
    }
}

/// 1: the input or a board rule refused it; 3: the board file cannot be used; 4: a shared
/// board's folder or server cannot be reached (the edit is kept); 5: the disk is full (nothing
/// was written). 2 is a bad flag (clap's).
fn exit_code(err: &bridgeboard_core::Error) -> u8 {
    use bridgeboard_core::ErrorCode;
    match err.code() {
        ErrorCode::Validation | ErrorCode::DateOrder | ErrorCode::NotFound | ErrorCode::Conflict | ErrorCode::Cycle => 1,
        ErrorCode::Storage => 3,
        ErrorCode::Unreachable => 4,
        ErrorCode::DiskFull => 5,
    }
}
