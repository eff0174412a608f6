//! The `qorgau` command: parse, dispatch, print. All logic lives in the library.

mod cli;
mod commands;
mod ui;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Before anything secret is in memory: no core dump may write it to disk.
    qorgau::hardening::disable_core_dumps();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            ui::print_failure(&failure);
            ExitCode::from(failure.exit_code())
        }
    }
}
