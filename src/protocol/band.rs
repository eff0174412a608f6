//! The result bands a protocol's rules give, highest first. Part of the
//! protocol's vocabulary: screens name the band they give, golden cases the
//! band they expect; the engine decides which applies.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

use crate::names::{unknown, Named, UnknownName};

/// The result band, highest first (the order of [`VariantArray::VARIANTS`]).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    Display,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(
    serialize_all = "snake_case",
    parse_err_ty = UnknownName,
    parse_err_fn = unknown::<Band>
)]
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
    /// The name in protocol files, records and reports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether the band calls for a referral (a concern or danger).
    pub fn is_concern(self) -> bool {
        matches!(
            self,
            Band::ImmediateDanger | Band::ClearConcern | Band::PossibleConcern
        )
    }
}

impl Named for Band {
    const WHAT: &'static str = "a band";
}
