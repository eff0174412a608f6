//! The protocol and referral files this build ships, embedded by `build.rs`
//! (every version ever shipped stays here: old records are read against
//! them). Only bytes: checking them is the catalog's job.

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));
