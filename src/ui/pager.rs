//! Long listings on a terminal go through a pager, as `git log` does:
//! `$PAGER` if set (empty or `cat` turns paging off), else `less` with
//! `LESS=FRX` unless `LESS` is set (quit at once when it fits on one
//! screen, keep colours, leave the text on the screen). When stdout is not
//! a terminal, or the pager cannot be started, the text is printed as it is.

use std::io::IsTerminal;
use std::process::{Child, Command, Stdio};

use super::output::Output;
use crate::error::CommandError;

/// The pager command to run, if paging applies here.
fn pager_command() -> Option<Command> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    match std::env::var("PAGER") {
        Ok(pager) => {
            let pager = pager.trim();
            if pager.is_empty() || pager == "cat" {
                return None;
            }
            // `PAGER` may carry options (`less -S`): run it through the shell.
            #[cfg(unix)]
            {
                let mut command = Command::new("sh");
                command.args(["-c", pager]);
                Some(command)
            }
            #[cfg(not(unix))]
            {
                let mut command = Command::new("cmd");
                command.args(["/C", pager]);
                Some(command)
            }
        }
        Err(_) if cfg!(unix) => {
            let mut command = Command::new("less");
            if std::env::var_os("LESS").is_none() {
                command.env("LESS", "FRX");
            }
            Some(command)
        }
        Err(_) => None,
    }
}

fn start() -> Option<Child> {
    pager_command()?.stdin(Stdio::piped()).spawn().ok()
}

/// Write with `write` to a pager when stdout is a terminal, else to `out`.
pub fn paged(
    out: &mut Output,
    write: impl FnOnce(&mut Output) -> Result<(), CommandError>,
) -> Result<(), CommandError> {
    let Some(mut child) = start() else {
        return write(out);
    };
    let Some(stdin) = child.stdin.take() else {
        return write(out);
    };
    // Anything printed before goes first.
    out.flush_now();
    let mut paged = Output::to_writer(Box::new(stdin));
    let result = write(&mut paged);
    // Closing its input lets the pager finish; quitting it early is a
    // closed pipe, which is not an error.
    let flushed = paged.finish();
    let _ = child.wait();
    result.and(flushed)
}
