//! Terminal output.

pub mod keys;
pub mod output;
pub mod passphrase;
pub mod render;
pub mod walk;
pub mod wrap;

use crate::commands::Failure;

/// Print a failure once, on stderr, wrapped at word boundaries.
pub fn print_failure(failure: &Failure, messages: &qorgau::i18n::Messages) {
    eprintln!("{}: {failure}", messages.get("error-prefix"));
}
