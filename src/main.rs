//! The `qorgau` command: parse (with help in the user's language), dispatch,
//! print. The work is done by the library.

mod cli;
mod commands;
mod error;
mod ui;

use std::process::ExitCode;

use clap::FromArgMatches;
use qorgau::i18n::Messages;

fn main() -> ExitCode {
    // Before anything secret is in memory: no core dump may write it to disk.
    qorgau::hardening::disable_core_dumps();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let messages = Messages::new(cli::early_lang(&args));
    let command = cli::localized_command(&messages);
    let parsed = command
        .clone()
        .try_get_matches_from(&args)
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) if error.kind() == clap::error::ErrorKind::MissingSubcommand => {
            // `qorgau`, `qorgau hub`: the help of that command, in the language.
            eprint!("{}", cli::help_of(command, &args));
            return ExitCode::from(2);
        }
        Err(error) => {
            match cli::localized_error(&error, &messages) {
                Some(text) => eprintln!("{text}"),
                None => {
                    let _ = error.print();
                }
            }
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Message and hints in the language of the run (`--lang`, else
            // the data folder's), as the command's own output.
            error.print(&error::messages_now());
            ExitCode::from(error.exit_code())
        }
    }
}
