//! Terminal output.

pub mod output;
pub mod passphrase;
pub mod prompter;
pub mod render;

use crate::commands::Failure;

/// Print a failure once, on stderr.
pub fn print_failure(failure: &Failure) {
    eprintln!("error: {failure}");
}
