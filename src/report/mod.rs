//! Hub reports: coded facts per record ([`facts`]), kept in an encrypted
//! cache ([`cache`]), counted by any combination of dimensions ([`count`]);
//! the HTCDS export ([`htcds`]) and k-anonymous sharing ([`kanon`]).
//! Design and threat model: `docs/reports.md`.

pub mod cache;
pub mod count;
pub mod devices;
pub mod facts;
pub mod htcds;
pub mod html;
pub mod kanon;
