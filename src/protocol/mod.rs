//! Screening protocols: the TOML format ([`raw`]), its checking into a
//! [`Protocol`] ([`validate`]), conditions ([`expr`]), skip-logic analysis
//! ([`reach`]). Scoring is the engine's; loading a protocol with its
//! golden cases scored is the catalog's.
//!
//! The format is specified in `docs/protocol-format.md`.

pub mod answer;
pub mod band;
pub mod expr;
pub mod model;
pub mod profile;
pub mod raw;
pub mod reach;
pub mod validate;

pub use answer::{Answer, AnswerError, AnswerInput, AnswerSet};
pub use band::Band;
pub use model::{
    AnsweredBy, Choice, Domain, DomainIdx, GoldenCase, Indicator, Kind, Model, Population,
    Protocol, Question, QuestionIdx, Scoring, Screen, Section, Source, Strength, TextVariant,
    DELPHI_DOMAINS,
};
pub use profile::{HtcdsTag, ProfileField};
pub use validate::parse_unscored;

/// How a protocol version is named everywhere (`id@version`): the catalogue
/// finds protocols by it, summaries and bundle listings carry it, and people
/// read it in listings.
pub fn reference(id: &str, version: impl std::fmt::Display) -> String {
    format!("{id}@{version}")
}
