//! Hub reports: coded facts per record ([`facts`]), kept in an encrypted
//! cache ([`cache`]), counted by any combination of dimensions ([`count`]).
//! Design and threat model: `docs/reports.md`.

pub mod cache;
pub mod count;
pub mod facts;
pub mod html;
pub mod kanon;
