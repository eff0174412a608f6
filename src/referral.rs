//! The referral directory: national and regional contacts and, per protocol
//! and band, what to do next and whom to call. Data, not code, so a
//! coordinator can update it without a release. Format: `docs/referral-format.md`.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::check::{Checker, RawText};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::Band;
use crate::lang::{Lang, Text};
use crate::protocol::catalog::SHIPPED_REFERRALS;

/// The referral-directory schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

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
    phone: Spanned<String>,
    name: Spanned<RawText>,
    when: Spanned<RawText>,
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
    tier: Option<Spanned<RawText>>,
    call: Spanned<Vec<Spanned<String>>>,
    steps: Spanned<Vec<Spanned<RawText>>>,
}

/// A number to call.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub id: String,
    pub phone: String,
    pub name: Text,
    pub when: Text,
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
    pub tier: Option<Text>,
    /// Contact ids, in the order to call.
    pub call: Vec<String>,
    pub steps: Vec<Text>,
}

/// A checked referral directory for one country.
#[derive(Debug, Clone, Serialize)]
pub struct Directory {
    pub country: String,
    pub version: String,
    pub updated: String,
    pub languages: Vec<Lang>,
    pub contacts: Vec<Contact>,
    pub regions: Vec<Region>,
    pub next_steps: Vec<NextSteps>,
}

impl Directory {
    /// The next steps for a protocol and band: its own, else the default `*`.
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
    let phone = raw.phone.get_ref().trim().to_owned();
    if phone.is_empty()
        || !phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
    {
        checker.err(
            &raw.phone.span(),
            format!("the phone of `{id}` must be digits (with + - ( ) and spaces)"),
        );
    }
    Contact {
        name: checker.text(&raw.name, &format!("the name of contact `{id}`")),
        when: checker.text(&raw.when, &format!("`when` of contact `{id}`")),
        id,
        phone,
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
    if *raw.schema_version.get_ref() != SCHEMA_VERSION {
        checker.err(
            &raw.schema_version.span(),
            format!("schema_version {} is not supported: this qorgau reads referral directories of schema_version {SCHEMA_VERSION}", raw.schema_version.get_ref()),
        );
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
        let Ok(band) = n.band.get_ref().parse::<Band>() else {
            checker.err(&n.band.span(), format!("`{}` is not a band: use immediate_danger, clear_concern, possible_concern, incomplete or no_concern", n.band.get_ref()));
            continue;
        };
        let line = checker.line_of(&raw_steps.span());
        if let Some(first) = seen.insert((protocol.clone(), band), line) {
            checker.err(&raw_steps.span(), format!("next steps for `{protocol}` and {band} are given twice (first on line {first})"));
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
                .map(|s| checker.text(s, &what))
                .collect(),
            protocol,
            band,
        });
    }
    // A band added after a directory was written (observation_only) takes
    // the steps of the band it replaces: see `Directory::next_steps`.
    for band in Band::ALL.into_iter().filter(|b| *b != Band::ObservationOnly) {
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
        country,
        version: raw.version.get_ref().clone(),
        updated,
        languages: checker.languages,
        contacts,
        regions,
        next_steps,
    })
}

/// The shipped directory for a country, e.g. `"kz"`.
pub fn shipped_directory(country: &str) -> Result<Directory, Diagnostics> {
    let wanted = format!("questionnaires/referrals/{country}.toml");
    match SHIPPED_REFERRALS.iter().find(|(path, _)| *path == wanted) {
        Some((path, source)) => parse_directory(path, source),
        None => Err(Diagnostics(vec![Diagnostic {
            path: wanted,
            line: 1,
            col: 1,
            message: format!("no referral directory is shipped for `{country}`"),
        }])),
    }
}
