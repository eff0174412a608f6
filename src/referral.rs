//! The referral directory: national and regional contacts and, per protocol
//! and band, what to do next and whom to call. Data, not code, so a
//! coordinator can update it without a release. Format: `docs/referral-format.md`.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use strum::VariantArray;
use toml::Spanned;

use crate::check::{Checker, RawText};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::visibility::{visible_answer, visible_questions};
use crate::engine::{AnswerSet, Band};
use crate::lang::{Lang, Text};
use crate::protocol::expr::{self, Condition, Scope};
use crate::protocol::{Protocol, Question, QuestionIdx};
use crate::shipped::SHIPPED_REFERRALS;

/// The newest referral-directory schema version this build reads.
pub const SCHEMA_VERSION: i64 = 2;
/// Every schema version this build reads.
pub const SUPPORTED_SCHEMAS: [i64; 2] = [1, 2];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirectory {
    schema_version: Spanned<i64>,
    country: Spanned<String>,
    version: Spanned<String>,
    updated: Spanned<String>,
    languages: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    contact: Vec<Spanned<RawContact>>,
    #[serde(default)]
    region: Vec<Spanned<RawRegion>>,
    #[serde(default)]
    next_steps: Vec<Spanned<RawNextSteps>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    id: Spanned<String>,
    /// Required in schema 1; in schema 2 a contact with no single number
    /// (the guardianship office, a consulate) says `how` to reach it.
    phone: Option<Spanned<String>>,
    name: Spanned<RawText>,
    when: Spanned<RawText>,
    /// Schema 2: how to reach it, when there is no single number.
    how: Option<Spanned<RawText>>,
    /// Schema 2: a number that also works from abroad or a foreign SIM card.
    phone_intl: Option<Spanned<String>>,
    /// Schema 2: when the line answers.
    hours: Option<Spanned<RawText>>,
    /// Schema 2: the languages the line speaks (ISO 639-1 codes).
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    /// Schema 2: who checked the number, and when.
    verified: Option<Spanned<RawVerified>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerified {
    by: Spanned<String>,
    on: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    id: Spanned<String>,
    name: Spanned<RawText>,
    #[serde(default)]
    contact: Vec<Spanned<RawContact>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNextSteps {
    protocol: Spanned<String>,
    band: Spanned<String>,
    /// Schema 2: the entry applies when this condition on the protocol's
    /// answers holds; the first entry that applies is used.
    when: Option<Spanned<String>>,
    tier: Option<Spanned<RawText>>,
    call: Spanned<Vec<Spanned<String>>>,
    /// A text per step; in schema 2 a step may also be
    /// `{ text = { … }, when = '…' }`, shown only when its condition holds.
    steps: Spanned<Vec<Spanned<toml::Value>>>,
}

/// A number to call.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub id: String,
    /// The number as dialled inside the country; `None` when there is no
    /// single number, and then `how` says how to reach it.
    pub phone: Option<String>,
    pub name: Text,
    pub when: Text,
    pub how: Option<Text>,
    /// A number that also works from abroad or from a foreign SIM card.
    pub phone_intl: Option<String>,
    pub hours: Option<Text>,
    /// ISO 639-1 codes of the languages the line speaks.
    pub languages: Vec<String>,
    /// Who checked the number and when; `None`: not verified, and shown so.
    pub verified: Option<Verified>,
}

/// A check of a contact's number by a person, on a date.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    pub by: String,
    pub on: chrono::NaiveDate,
}

/// A condition on a protocol's answers, as written, with where it is
/// written; it is resolved against the protocol version it is used with.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerCondition {
    pub source: String,
    #[serde(skip)]
    pub at: (usize, usize),
}

/// One step, shown when its condition (if any) holds.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub text: Text,
    pub when: Option<AnswerCondition>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Region {
    pub id: String,
    pub name: Text,
    pub contacts: Vec<Contact>,
}

/// What to do next for one protocol (or `*`) and band.
#[derive(Debug, Clone, Serialize)]
pub struct NextSteps {
    pub protocol: String,
    pub band: Band,
    /// The entry applies only when this holds over the answers.
    pub when: Option<AnswerCondition>,
    pub tier: Option<Text>,
    /// Contact ids, in the order to call.
    pub call: Vec<String>,
    pub steps: Vec<Step>,
}

/// The next steps chosen for one screening: the entry that applies, with
/// only the steps whose conditions hold.
#[derive(Debug, Clone)]
pub struct ChosenSteps<'d> {
    pub tier: Option<&'d Text>,
    pub call: &'d [String],
    pub steps: Vec<&'d Text>,
}

/// A checked referral directory for one country.
#[derive(Debug, Clone, Serialize)]
pub struct Directory {
    pub schema: u8,
    pub country: String,
    pub version: String,
    pub updated: String,
    pub languages: Vec<Lang>,
    pub contacts: Vec<Contact>,
    pub regions: Vec<Region>,
    pub next_steps: Vec<NextSteps>,
}

/// A condition in a directory may name any question of the protocol.
struct WholeProtocol<'p>(&'p Protocol);

impl Scope for WholeProtocol<'_> {
    fn lookup(&self, id: &str) -> Result<(QuestionIdx, &Question), String> {
        self.0
            .question_by_id(id)
            .ok_or_else(|| format!("`{id}` is not a question of {}", self.0.reference()))
    }
}

impl AnswerCondition {
    /// The condition resolved against one protocol version, or why not.
    pub fn resolve(&self, protocol: &Protocol) -> Result<Condition, String> {
        expr::parse(&self.source)
            .and_then(|e| expr::resolve(&e, &WholeProtocol(protocol)))
            .map_err(|e| e.message)
    }

    /// Whether it holds over these answers. A condition that does not fit
    /// this protocol version (it names a question the version lacks) does
    /// not hold.
    pub fn holds(&self, protocol: &Protocol, answers: &AnswerSet) -> bool {
        let Ok(condition) = self.resolve(protocol) else {
            return false;
        };
        let visible = visible_questions(protocol, answers);
        condition.eval(&|q| visible_answer(&visible, answers, q))
    }
}

impl Directory {
    /// The next steps for one screening: the first entry for its protocol
    /// and band whose condition holds, else the default `*` entry; only the
    /// steps whose conditions hold.
    pub fn next_steps_for(
        &self,
        protocol: &Protocol,
        band: Band,
        answers: &AnswerSet,
    ) -> Option<ChosenSteps<'_>> {
        let applies = |n: &&NextSteps| {
            n.band == band && n.when.as_ref().is_none_or(|c| c.holds(protocol, answers))
        };
        let entry = self
            .next_steps
            .iter()
            .filter(|n| n.protocol == protocol.id)
            .find(applies)
            .or_else(|| {
                self.next_steps
                    .iter()
                    .filter(|n| n.protocol == "*")
                    .find(applies)
            });
        let Some(entry) = entry else {
            return match band {
                // Directories older than the band: what incomplete says is closest.
                Band::ObservationOnly => self.next_steps_for(protocol, Band::Incomplete, answers),
                _ => None,
            };
        };
        Some(ChosenSteps {
            tier: entry.tier.as_ref(),
            call: &entry.call,
            steps: entry
                .steps
                .iter()
                .filter(|s| s.when.as_ref().is_none_or(|c| c.holds(protocol, answers)))
                .map(|s| &s.text)
                .collect(),
        })
    }

    /// Check every condition against the protocols it is for: each must fit
    /// at least one of the versions given (those of other ids are ignored).
    pub fn check_conditions(&self, path: &str, protocols: &[&Protocol]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for entry in &self.next_steps {
            let versions: Vec<&&Protocol> = protocols
                .iter()
                .filter(|p| p.id == entry.protocol)
                .collect();
            let conditions = entry
                .when
                .iter()
                .chain(entry.steps.iter().filter_map(|s| s.when.as_ref()));
            for condition in conditions {
                if versions.is_empty() {
                    continue;
                }
                let errors: Vec<String> = versions
                    .iter()
                    .filter_map(|p| condition.resolve(p).err())
                    .collect();
                if errors.len() == versions.len() {
                    problems.push(Diagnostic {
                        path: path.to_owned(),
                        line: condition.at.0,
                        col: condition.at.1,
                        message: format!(
                            "the condition `{}` fits no version of `{}`: {}",
                            condition.source,
                            entry.protocol,
                            errors.join("; ")
                        ),
                    });
                }
            }
        }
        problems
    }

    /// The next steps for a protocol and band, ignoring any conditions: its
    /// own first entry, else the default `*`.
    pub fn next_steps(&self, protocol: &str, band: Band) -> Option<&NextSteps> {
        let find = |p: &str| {
            self.next_steps
                .iter()
                .find(|n| n.protocol == p && n.band == band)
        };
        let found = find(protocol).or_else(|| find("*"));
        match (found, band) {
            // Directories older than the band: what incomplete says is closest.
            (None, Band::ObservationOnly) => self.next_steps(protocol, Band::Incomplete),
            (found, _) => found,
        }
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// A contact by id: national first, then the given region's.
    pub fn contact(&self, id: &str, region: Option<&str>) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id).or_else(|| {
            self.regions
                .iter()
                .filter(|r| region.is_none_or(|wanted| r.id == wanted))
                .flat_map(|r| &r.contacts)
                .find(|c| c.id == id)
        })
    }
}

/// Whether a TOML file is a referral directory rather than a protocol.
pub fn looks_like_directory(source: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        country: Option<toml::Value>,
    }
    toml::from_str::<Probe>(source).is_ok_and(|p| p.country.is_some())
}

fn contact(checker: &mut Checker<'_>, raw: &RawContact, ids: &mut HashSet<String>) -> Contact {
    let id = raw.id.get_ref().clone();
    checker.check_id(&raw.id, "the contact id", false);
    if !ids.insert(id.clone()) {
        checker.err(
            &raw.id.span(),
            format!("the contact id `{id}` is used twice"),
        );
    }
    let phone = raw.phone.as_ref().map(|raw_phone| {
        let phone = raw_phone.get_ref().trim().to_owned();
        if phone.is_empty()
            || !phone
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
        {
            checker.err(
                &raw_phone.span(),
                format!("the phone of `{id}` must be digits (with + - ( ) and spaces)"),
            );
        }
        phone
    });
    let how = raw
        .how
        .as_ref()
        .map(|h| checker.text(h, &format!("`how` of contact `{id}`")));
    if phone.is_none() && how.is_none() {
        checker.err(
            &raw.id.span(),
            format!("contact `{id}` needs a `phone`, or `how` to reach it when there is no single number"),
        );
    }
    let phone_intl = raw.phone_intl.as_ref().map(|p| {
        let number = p.get_ref().trim().to_owned();
        let digits = number.strip_prefix('+').unwrap_or("");
        if digits.is_empty()
            || !digits
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
        {
            checker.err(
                &p.span(),
                format!("`phone_intl` of `{id}` is a number in international form, starting with + (e.g. \"+7 727 000 0000\")"),
            );
        }
        number
    });
    let hours = raw
        .hours
        .as_ref()
        .map(|h| checker.text(h, &format!("the hours of contact `{id}`")));
    let languages: Vec<String> = raw
        .languages
        .iter()
        .flat_map(|l| l.get_ref())
        .map(|code| {
            let c = code.get_ref();
            if c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_lowercase()) {
                checker.err(
                    &code.span(),
                    format!("`{c}` is not a two-letter ISO 639-1 language code, e.g. \"ru\", \"kk\", \"uz\""),
                );
            }
            c.clone()
        })
        .collect();
    let verified = raw.verified.as_ref().and_then(|v| {
        let v = v.get_ref();
        if v.by.get_ref().trim().is_empty() {
            checker.err(
                &v.by.span(),
                format!("`verified.by` of `{id}` names who checked the number"),
            );
        }
        match chrono::NaiveDate::parse_from_str(v.on.get_ref(), "%Y-%m-%d") {
            Ok(on) => Some(Verified {
                by: v.by.get_ref().clone(),
                on,
            }),
            Err(_) => {
                checker.err(
                    &v.on.span(),
                    format!("`verified.on` of `{id}` is the date the number was checked, \"YYYY-MM-DD\""),
                );
                None
            }
        }
    });
    Contact {
        name: checker.text(&raw.name, &format!("the name of contact `{id}`")),
        when: checker.text(&raw.when, &format!("`when` of contact `{id}`")),
        id,
        phone,
        how,
        phone_intl,
        hours,
        languages,
        verified,
    }
}

/// A condition as written in the directory, located.
fn answer_condition(checker: &mut Checker<'_>, raw: &Spanned<String>) -> AnswerCondition {
    let start = checker.string_start(&raw.span());
    if let Err(e) = expr::parse(raw.get_ref()) {
        let at = start + e.offset;
        checker.err(
            &(at..at),
            format!("a condition in the directory: {}", e.message),
        );
    }
    AnswerCondition {
        source: raw.get_ref().clone(),
        at: checker.lines.line_col(checker.source, start),
    }
}

/// One step: a text, or in schema 2 `{ text = { … }, when = '…' }`.
fn step(checker: &mut Checker<'_>, raw: &Spanned<toml::Value>, schema: u8, what: &str) -> Step {
    let span = raw.span();
    let Some(table) = raw.get_ref().as_table() else {
        checker.err(
            &span,
            format!("{what} is a text: {{ ru = \"…\", kk = \"…\", en = \"…\" }}"),
        );
        return Step {
            text: Text::default(),
            when: None,
        };
    };
    if let Some(text) = table.get("text") {
        if schema < 2 {
            checker.err(
                &span,
                "a step with `text` and `when` needs `schema_version = 2`",
            );
        }
        if let Some(extra) = table
            .keys()
            .find(|k| !matches!(k.as_str(), "text" | "when"))
        {
            checker.err(
                &span,
                format!("{what}: unknown key `{extra}`; a step has `text` and `when`"),
            );
        }
        let text = match text.as_table() {
            Some(t) => checker.text_of_table(t, &span, what),
            None => {
                checker.err(&span, format!("{what}: `text` is a text by language"));
                Text::default()
            }
        };
        let when = match table.get("when").map(|w| w.as_str()) {
            None => None,
            Some(Some(source)) => {
                // The value's own span is not kept inside a table read as a
                // value; the step's span locates it.
                let located = Spanned::new(span.clone(), source.to_owned());
                Some(answer_condition(checker, &located))
            }
            Some(None) => {
                checker.err(&span, format!("{what}: `when` is a condition in quotes"));
                None
            }
        };
        Step { text, when }
    } else {
        Step {
            text: checker.text_of_table(table, &span, what),
            when: None,
        }
    }
}

/// Parse and check a referral directory.
pub fn parse_directory(path: &str, source: &str) -> Result<Directory, Diagnostics> {
    let raw: RawDirectory = toml::from_str(source).map_err(|e| {
        Diagnostics(vec![Diagnostic::at(
            path,
            source,
            e.span().map_or(0, |s| s.start),
            e.message().trim_end().to_owned(),
        )])
    })?;
    let mut checker = Checker::new(path, source);
    if !SUPPORTED_SCHEMAS.contains(raw.schema_version.get_ref()) {
        checker.err(
            &raw.schema_version.span(),
            format!("schema_version {} is not supported: this qorgau reads referral directories of schema_version 1 and 2", raw.schema_version.get_ref()),
        );
    }
    let schema = u8::try_from(*raw.schema_version.get_ref()).unwrap_or(1);
    if schema < 2 {
        let v2_keys = raw
            .contact
            .iter()
            .chain(raw.region.iter().flat_map(|r| &r.get_ref().contact))
            .flat_map(|c| {
                let c = c.get_ref();
                [
                    c.how.as_ref().map(Spanned::span),
                    c.phone_intl.as_ref().map(Spanned::span),
                    c.hours.as_ref().map(Spanned::span),
                    c.languages.as_ref().map(Spanned::span),
                    c.verified.as_ref().map(Spanned::span),
                ]
            })
            .chain(
                raw.next_steps
                    .iter()
                    .map(|n| n.get_ref().when.as_ref().map(Spanned::span)),
            )
            .flatten()
            .collect::<Vec<_>>();
        for span in v2_keys {
            checker.err(&span, "this key needs `schema_version = 2`");
        }
    }
    let country = raw.country.get_ref().clone();
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_lowercase()) {
        checker.err(
            &raw.country.span(),
            "`country` is a two-letter ISO code in lower case, e.g. \"kz\"",
        );
    }
    if semver::Version::parse(raw.version.get_ref()).is_err() {
        checker.err(
            &raw.version.span(),
            "`version` is a semantic version such as \"1.0.0\"",
        );
    }
    let updated = raw.updated.get_ref().clone();
    if chrono::NaiveDate::parse_from_str(&updated, "%Y-%m-%d").is_err() {
        checker.err(
            &raw.updated.span(),
            "`updated` is a date written \"YYYY-MM-DD\", e.g. \"2026-11-29\"",
        );
    }
    for code in raw.languages.get_ref() {
        match code.get_ref().parse::<Lang>() {
            Ok(lang) => checker.languages.push(lang),
            Err(e) => checker.err(&code.span(), e.to_string()),
        }
    }
    let mut ids = HashSet::new();
    let contacts: Vec<Contact> = raw
        .contact
        .iter()
        .map(|c| contact(&mut checker, c.get_ref(), &mut ids))
        .collect();
    let mut region_ids = HashSet::new();
    let regions: Vec<Region> = raw
        .region
        .iter()
        .map(|r| {
            let r = r.get_ref();
            checker.check_id(&r.id, "the region id", false);
            if !region_ids.insert(r.id.get_ref().clone()) {
                checker.err(
                    &r.id.span(),
                    format!("the region id `{}` is used twice", r.id.get_ref()),
                );
            }
            Region {
                id: r.id.get_ref().clone(),
                name: checker.text(&r.name, &format!("the name of region `{}`", r.id.get_ref())),
                contacts: r
                    .contact
                    .iter()
                    .map(|c| contact(&mut checker, c.get_ref(), &mut ids))
                    .collect(),
            }
        })
        .collect();
    let mut next_steps = Vec::new();
    let mut seen: BTreeMap<(String, Band), usize> = BTreeMap::new();
    for raw_steps in &raw.next_steps {
        let n = raw_steps.get_ref();
        let protocol = n.protocol.get_ref().clone();
        let band = match n.band.get_ref().parse::<Band>() {
            Ok(band) => band,
            Err(e) => {
                checker.err(&n.band.span(), e.to_string());
                continue;
            }
        };
        let line = checker.line_of(&raw_steps.span());
        let when = n.when.as_ref().map(|w| answer_condition(&mut checker, w));
        if when.is_some() && protocol == "*" {
            checker.err(
                &raw_steps.span(),
                "the default next steps (protocol = \"*\") cannot have `when`: conditions name a protocol's questions",
            );
        }
        // Entries with a condition come before the one without; only the
        // unconditional entry must be unique.
        if when.is_none() {
            if let Some(first) = seen.insert((protocol.clone(), band), line) {
                checker.err(&raw_steps.span(), format!("next steps for `{protocol}` and {band} are given twice (first on line {first})"));
            }
        } else if seen.contains_key(&(protocol.clone(), band)) {
            checker.err(
                &raw_steps.span(),
                format!("next steps for `{protocol}` and {band} with `when` come after the entry without: the first entry that applies is used, so this one never would be"),
            );
        }
        for call in n.call.get_ref() {
            if !ids.contains(call.get_ref()) {
                checker.err(
                    &call.span(),
                    format!("`{}` is not a declared contact", call.get_ref()),
                );
            }
        }
        if n.steps.get_ref().is_empty() {
            checker.err(
                &n.steps.span(),
                format!("next steps for `{protocol}` and {band} are empty: give at least one step"),
            );
        }
        let what = format!("a step for `{protocol}` and {band}");
        next_steps.push(NextSteps {
            when,
            tier: n
                .tier
                .as_ref()
                .map(|t| checker.text(t, &format!("the tier for `{protocol}` and {band}"))),
            call: n
                .call
                .get_ref()
                .iter()
                .map(|c| c.get_ref().clone())
                .collect(),
            steps: n
                .steps
                .get_ref()
                .iter()
                .map(|s| step(&mut checker, s, schema, &what))
                .collect(),
            protocol,
            band,
        });
    }
    // A band added after a directory was written (observation_only) takes
    // the steps of the band it replaces: see `Directory::next_steps`.
    for band in Band::VARIANTS
        .iter()
        .copied()
        .filter(|b| *b != Band::ObservationOnly)
    {
        if !seen.contains_key(&("*".to_owned(), band)) {
            checker.err(
                &(0..0),
                format!(
                    "no default next steps (protocol = \"*\") for {band}: every band needs some"
                ),
            );
        }
    }
    if !checker.problems.is_empty() {
        checker.problems.sort_by_key(|d| (d.line, d.col));
        return Err(Diagnostics(checker.problems));
    }
    Ok(Directory {
        schema,
        country,
        version: raw.version.get_ref().clone(),
        updated,
        languages: checker.languages,
        contacts,
        regions,
        next_steps,
    })
}

/// The newest shipped directory for a country, e.g. `"kz"`: every version
/// ever shipped stays embedded (`questionnaires/referrals/<country>/<version>.toml`).
pub fn shipped_directory(country: &str) -> Result<Directory, Diagnostics> {
    let folder = format!("questionnaires/referrals/{country}/");
    let newest = SHIPPED_REFERRALS
        .iter()
        .filter_map(|file| {
            let version = file.path().strip_prefix(&folder)?.strip_suffix(".toml")?;
            Some((semver::Version::parse(version).ok()?, file))
        })
        .max_by(|a, b| a.0.cmp(&b.0));
    match newest {
        Some((_, file)) => parse_directory(file.path(), file.text()?),
        None => Err(Diagnostics(vec![Diagnostic {
            path: folder,
            line: 1,
            col: 1,
            message: format!("no referral directory is shipped for `{country}`"),
        }])),
    }
}

/// Every shipped directory, each with its path.
pub fn shipped_directories() -> Vec<(&'static str, Result<Directory, Diagnostics>)> {
    SHIPPED_REFERRALS
        .iter()
        .map(|file| {
            let directory = file
                .text()
                .and_then(|source| parse_directory(file.path(), source));
            (file.path(), directory)
        })
        .collect()
}
