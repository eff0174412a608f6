//! The protocol file exactly as written: serde structures with spans, before
//! any checking. Only [`super::validate`] turns these into a [`super::Protocol`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// Closed lists of words are read straight into the checked model's enums:
/// a file names them exactly as the enums' serde names.
use super::model::{Kind, Model, Population, Strength};
/// A localized text as written: language code → string.
pub use crate::check::RawText;

/// Read first, on its own, so a file of another schema version gets a clear
/// message instead of a list of unknown keys.
#[derive(Debug, Deserialize)]
pub struct RawSchemaProbe {
    pub schema_version: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProtocol {
    pub schema_version: Spanned<i64>,
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub title: Spanned<RawText>,
    pub description: Spanned<RawText>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub audience: Spanned<Vec<Spanned<String>>>,
    pub validated: bool,
    pub safety_gate: Option<Spanned<String>>,
    /// Schema 2: the neutral title shown during the walk.
    pub display_title: Option<Spanned<RawText>>,
    /// Schema 2: what the worker reads aloud before asking for consent.
    pub consent_text: Option<Spanned<RawText>>,
    /// Schema 2: the domains with their labels.
    #[serde(default)]
    pub domain: Vec<Spanned<RawDomain>>,
    pub sources: Spanned<Vec<Spanned<RawSource>>>,
    pub scoring: Spanned<RawScoring>,
    #[serde(default)]
    pub section: Vec<Spanned<RawSection>>,
    #[serde(default)]
    pub question: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    pub case: Vec<Spanned<RawCase>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// A plain string in schema 1, a text (table by language) in schema 2.
    /// Read as a value because spans do not survive an untagged enum.
    pub name: Spanned<toml::Value>,
    pub url: Option<String>,
    pub figures: Option<Spanned<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDomain {
    pub id: Spanned<String>,
    pub label: Spanned<RawText>,
    pub note: Option<Spanned<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    pub model: Spanned<Model>,
    pub population: Option<Spanned<Population>>,
    pub child_when: Option<Spanned<String>>,
    pub incomplete_threshold: Option<Spanned<f64>>,
    /// Schema 2: why one strong or two medium items already give a
    /// possible concern (Qorgau's own rule, not ILO's).
    pub partial_domain_note: Option<Spanned<RawText>>,
    #[serde(default)]
    pub screen: Vec<Spanned<RawScreen>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScreen {
    pub id: Spanned<String>,
    pub domains: Option<Vec<Spanned<String>>>,
    pub questions: Option<Vec<Spanned<String>>>,
    pub at_least: Spanned<i64>,
    pub band: Spanned<String>,
    pub when: Option<Spanned<String>>,
    /// Schema 2: the screen's name for people.
    pub label: Option<Spanned<RawText>>,
    /// Schema 2: where the cut-off comes from, or why it is Qorgau's own.
    pub note: Option<Spanned<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Spanned<String>,
    pub title: Spanned<RawText>,
    pub help: Option<Spanned<RawText>>,
    #[serde(default)]
    pub observation_only: bool,
    pub show_if: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub section: Spanned<String>,
    pub kind: Spanned<Kind>,
    pub text: Spanned<RawText>,
    pub help: Option<Spanned<RawText>>,
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub show_if: Option<Spanned<String>>,
    pub domain: Option<Spanned<String>>,
    pub strength: Option<Spanned<Strength>>,
    pub ilo: Option<Spanned<i64>>,
    pub red_flag: Option<Spanned<bool>>,
    pub sensitive: Option<Spanned<bool>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    /// Schema 2: `"person"` (default) or `"worker"` (the worker answers
    /// about themselves or their setting: no "declined").
    pub answered_by: Option<Spanned<String>>,
    /// Schema 2: how and why this item departs from its source.
    pub deviation: Option<Spanned<RawText>>,
    /// Schema 2: other wordings, the first whose condition holds is shown.
    pub variants: Option<Spanned<Vec<Spanned<RawVariant>>>>,
    /// Schema 2: the case-profile field this question records.
    pub profile: Option<Spanned<String>>,
    /// Schema 2: HTCDS values this item stands for when it fires.
    pub htcds: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    pub when: Spanned<String>,
    pub text: Spanned<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub text: Spanned<RawText>,
    #[serde(default)]
    pub fires: bool,
    /// Schema 2: this option means "not known" (the generic "unsure" is
    /// then not offered).
    pub unknown: Option<Spanned<bool>>,
    /// Schema 2: the profile value this option records, when it differs
    /// from the option id.
    pub profile: Option<Spanned<String>>,
    /// Schema 2: HTCDS values this option stands for when chosen.
    pub htcds: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub name: Spanned<String>,
    pub answers: Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub band: Spanned<String>,
    pub positive_domains: Option<Spanned<Vec<Spanned<String>>>>,
    pub fired: Option<Spanned<Vec<Spanned<String>>>>,
    /// Schema 2: why this band is right, in a sentence.
    pub why: Option<Spanned<String>>,
}
