//! Walking a protocol and scoring what was found.
//!
//! [`answer`] holds the one path every answer goes through, whether typed at a
//! prompt or read from an answers file; [`session`] is the walk with skip logic
//! and back; [`scoring`] is pure: answers in, explained result out.

pub mod golden;
pub mod profile;
pub mod scoring;
pub mod session;
pub mod visibility;

/// Answers are checked against a protocol's questions, so they live with
/// the protocol; re-exported here, where walks and scoring use them.
pub use crate::protocol::answer;
pub use crate::protocol::answer::{Answer, AnswerError, AnswerInput, AnswerSet};
pub use golden::run_golden_cases;
pub use profile::{case_profile, CaseProfile};
pub use scoring::{score, Band, DomainStatus, Outcome};
pub use session::{Session, SessionError, Step};
pub use visibility::{gate_state, question_text, GateState};
