//! The protocol file exactly as written: serde structures with spans, before
//! any checking. Only [`super::validate`] turns these into a [`super::Protocol`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

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
    pub name: Spanned<String>,
    pub url: Option<String>,
    pub figures: Option<Spanned<RawText>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawModel {
    Delphi,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawPopulation {
    Adult,
    Child,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    pub model: Spanned<RawModel>,
    pub population: Option<Spanned<RawPopulation>>,
    pub child_when: Option<Spanned<String>>,
    pub incomplete_threshold: Option<Spanned<f64>>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawKind {
    YesNo,
    Observation,
    Single,
    Multi,
    Number,
    Date,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawStrength {
    Strong,
    Medium,
    Weak,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub section: Spanned<String>,
    pub kind: Spanned<RawKind>,
    pub text: Spanned<RawText>,
    pub help: Option<Spanned<RawText>>,
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub show_if: Option<Spanned<String>>,
    pub domain: Option<Spanned<String>>,
    pub strength: Option<Spanned<RawStrength>>,
    pub ilo: Option<Spanned<i64>>,
    pub red_flag: Option<Spanned<bool>>,
    pub sensitive: Option<Spanned<bool>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub text: Spanned<RawText>,
    #[serde(default)]
    pub fires: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub name: Spanned<String>,
    pub answers: Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub band: Spanned<String>,
    pub positive_domains: Option<Spanned<Vec<Spanned<String>>>>,
    pub fired: Option<Spanned<Vec<Spanned<String>>>>,
}
