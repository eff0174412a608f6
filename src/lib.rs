//! Qorgau: offline-first screening for signs of human trafficking.
//!
//! The library holds everything that can be tested without a terminal: the
//! protocol format ([`protocol`]), walking and scoring ([`engine`]), the
//! protocols in force ([`catalog`]), screenings and their sealed records
//! ([`screening`], [`record`]), storage ([`store`]), sync by file ([`sync`]),
//! update packs ([`update`]), reports ([`report`]) and the coordinator's use
//! cases ([`hub`]). The `qorgau` binary parses the command line, calls into
//! here and prints. `docs/architecture.md` shows the layers, and the few
//! decisions still made in the binary.

pub mod answers_file;
pub mod catalog;
pub mod check;
pub mod countries;
pub mod crypto;
pub mod datadir;
pub mod device_state;
pub mod diagnostic;
pub mod engine;
pub mod files;
pub mod hardening;
pub mod hub;
pub mod i18n;
pub mod ids;
pub mod input;
pub mod lang;
pub mod lint;
pub mod names;
pub mod present;
pub mod prompt;
pub mod protocol;
pub mod record;
pub mod referral;
pub mod report;
pub mod screening;
pub mod setup;
pub mod shipped;
pub mod store;
pub mod sync;
pub mod synth;
pub mod text;
pub mod time;
pub mod update;
pub mod walk;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use lang::Lang;
