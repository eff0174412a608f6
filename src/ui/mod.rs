//! Terminal output.

pub mod confirm;
pub mod keys;
pub mod output;
pub mod pager;
pub mod passphrase;
pub mod render;
pub mod walk;
pub mod wrap;
