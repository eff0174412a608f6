//! The result bands a protocol's rules give, highest first. Part of the
//! protocol's vocabulary: screens name the band they give, golden cases the
//! band they expect; the engine decides which applies.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The result band, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    ImmediateDanger,
    ClearConcern,
    PossibleConcern,
    /// The interview could not happen (not safe, the person declined, no
    /// independent interpreter) and observation found no concern: never a
    /// plain "no concern" (schema 2 protocols).
    ObservationOnly,
    Incomplete,
    NoConcern,
}

impl Band {
    pub const ALL: [Band; 6] = [
        Band::ImmediateDanger,
        Band::ClearConcern,
        Band::PossibleConcern,
        Band::ObservationOnly,
        Band::Incomplete,
        Band::NoConcern,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Band::ImmediateDanger => "immediate_danger",
            Band::ClearConcern => "clear_concern",
            Band::PossibleConcern => "possible_concern",
            Band::ObservationOnly => "observation_only",
            Band::Incomplete => "incomplete",
            Band::NoConcern => "no_concern",
        }
    }

    /// Whether the band calls for a referral (a concern or danger).
    pub fn is_concern(self) -> bool {
        matches!(
            self,
            Band::ImmediateDanger | Band::ClearConcern | Band::PossibleConcern
        )
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Band {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Band::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "`{s}` is not a band: use immediate_danger, clear_concern, possible_concern, observation_only, incomplete or no_concern"
                )
            })
    }
}
