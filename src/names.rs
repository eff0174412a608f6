//! The names of enums in files, on the command line and on the wire.
//!
//! Each such enum derives its names once with `strum` (`IntoStaticStr`,
//! `Display`, `EnumString`, `VariantArray`) and, where it travels through
//! serde, with the same `rename_all` case, so no name is written twice
//! (`tests/names.rs` checks that serde and strum agree for every variant).
//! An enum that parses people's input implements [`Named`] and reports an
//! unknown name with [`unknown`], which lists the names from the enum itself.

use strum::VariantArray;

/// An enum whose names people type or write in files.
pub trait Named: VariantArray + Copy + Into<&'static str> {
    /// What one value is, with its article, for messages: "a band".
    const WHAT: &'static str;
}

/// A name that is none of an enum's names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not {what}: use {expected}")]
pub struct UnknownName {
    /// The name as given.
    pub given: String,
    /// What was expected: "a band".
    pub what: &'static str,
    /// The names, "a, b or c".
    pub expected: String,
}

/// The error for `given`, which is none of `T`'s names (strum's
/// `parse_err_fn`).
pub fn unknown<T: Named>(given: &str) -> UnknownName {
    let names: Vec<&'static str> = T::VARIANTS.iter().map(|v| (*v).into()).collect();
    let expected = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(", "),
    };
    UnknownName {
        given: given.to_owned(),
        what: T::WHAT,
        expected,
    }
}
