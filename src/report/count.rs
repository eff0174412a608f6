//! Counting facts by any combination of dimensions, with filters; the
//! bands, the indicators that fire most, and the referrals still pending.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

use super::cache::{Row, Segment};
use crate::engine::Band;
use crate::names::{unknown, Named, UnknownName};
use crate::record::ReferralStatus;

/// What a report can count by.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    Display,
    VariantArray,
)]
#[strum(
    serialize_all = "snake_case",
    parse_err_ty = UnknownName,
    parse_err_fn = unknown::<Dimension>
)]
pub enum Dimension {
    Protocol,
    Band,
    Domain,
    Region,
    Month,
    Sex,
    AgeBand,
}

impl Dimension {
    /// The name on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Named for Dimension {
    const WHAT: &'static str = "a report dimension";
}

/// Which records a report counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `YYYY-MM-DD`, inclusive.
    pub since: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub until: Option<String>,
    pub protocol: Option<String>,
}

/// One line of a report: a value per dimension, the count and its share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    #[serde(flatten)]
    pub keys: BTreeMap<String, String>,
    pub count: u64,
    /// Of all records counted (with `domain`, a record counts once per positive domain).
    pub share: f64,
}

/// A record whose referral is still pending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pending {
    pub case_code: String,
    pub protocol: String,
    pub date: String,
    pub region: String,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub by: Vec<String>,
    pub total: u64,
    pub rows: Vec<ReportRow>,
    pub bands: BTreeMap<String, u64>,
    /// Per protocol, the indicators that fired most, with counts.
    pub top_indicators: BTreeMap<String, Vec<(String, u64)>>,
    pub pending_referrals: Vec<Pending>,
}

fn keep(segment: &Segment, row: &Row, filter: &Filter) -> bool {
    let date = segment.text(row.date);
    filter.since.as_deref().is_none_or(|since| date >= since)
        && filter.until.as_deref().is_none_or(|until| date <= until)
        && filter
            .protocol
            .as_deref()
            .is_none_or(|p| segment.text(row.protocol) == p)
}

/// The values of one row for `by`; a row with `domain` yields one key per positive domain.
fn keys(segment: &Segment, row: &Row, by: &[Dimension]) -> Vec<Vec<String>> {
    let mut keys: Vec<Vec<String>> = vec![Vec::with_capacity(by.len())];
    for dimension in by {
        let values: Vec<String> = match dimension {
            Dimension::Protocol => vec![segment.text(row.protocol).to_owned()],
            Dimension::Band => vec![row.band.as_str().to_owned()],
            Dimension::Region => vec![segment.text(row.region).to_owned()],
            Dimension::Month => vec![segment.text(row.date).get(..7).unwrap_or("").to_owned()],
            Dimension::Sex => vec![segment.text(row.sex).to_owned()],
            Dimension::AgeBand => vec![segment.text(row.age_band).to_owned()],
            Dimension::Domain => {
                let domains: Vec<String> = segment
                    .list(row.positive)
                    .iter()
                    .map(|&i| segment.text(i).to_owned())
                    .collect();
                if domains.is_empty() {
                    vec!["none".to_owned()]
                } else {
                    domains
                }
            }
        };
        keys = keys
            .into_iter()
            .flat_map(|key| {
                values.iter().map(move |v| {
                    let mut k = key.clone();
                    k.push(v.clone());
                    k
                })
            })
            .collect();
    }
    keys
}

/// Count the facts in `segments`, one segment at a time (each may be
/// decrypted just before it is counted and dropped after).
pub fn build<S: std::borrow::Borrow<Segment>>(
    segments: impl IntoIterator<Item = S>,
    by: &[Dimension],
    filter: &Filter,
    top: usize,
) -> Report {
    let mut total = 0u64;
    let mut bands: BTreeMap<String, u64> = Band::VARIANTS
        .iter()
        .map(|b| (b.as_str().to_owned(), 0))
        .collect();
    let mut counts: HashMap<Vec<String>, u64> = HashMap::new();
    let mut fired: HashMap<(String, String), u64> = HashMap::new();
    let mut pending = Vec::new();
    for segment in segments {
        let segment: &Segment = segment.borrow();
        // Within a segment, count by string index; names are looked up once.
        let mut local: HashMap<(u32, u32), u64> = HashMap::new();
        let mut local_keys: HashMap<Vec<u32>, u64> = HashMap::new();
        let simple = !by.contains(&Dimension::Domain) && !by.contains(&Dimension::Month);
        for row in &segment.rows {
            if !keep(segment, row, filter) {
                continue;
            }
            total += 1;
            *bands.entry(row.band.as_str().to_owned()).or_default() += 1;
            for &q in segment.list(row.fired) {
                *local.entry((row.protocol, q)).or_default() += 1;
            }
            if row.referral == Some(ReferralStatus::Pending) {
                pending.push(Pending {
                    case_code: segment.text(row.case_code).to_owned(),
                    protocol: segment.text(row.protocol).to_owned(),
                    date: segment.text(row.date).to_owned(),
                    region: segment.text(row.region).to_owned(),
                });
            }
            if simple {
                let key: Vec<u32> = by
                    .iter()
                    .map(|d| match d {
                        Dimension::Protocol => row.protocol,
                        Dimension::Band => row.band as u32,
                        Dimension::Region => row.region,
                        Dimension::Sex => row.sex,
                        Dimension::AgeBand => row.age_band,
                        Dimension::Domain | Dimension::Month => 0,
                    })
                    .collect();
                *local_keys.entry(key).or_default() += 1;
            } else {
                for key in keys(segment, row, by) {
                    *counts.entry(key).or_default() += 1;
                }
            }
        }
        for (key, n) in local_keys {
            let names: Vec<String> = by
                .iter()
                .zip(&key)
                .map(|(d, &v)| match d {
                    Dimension::Band => Band::VARIANTS
                        .get(v as usize)
                        .map_or("", |b| b.as_str())
                        .to_owned(),
                    _ => segment.text(v).to_owned(),
                })
                .collect();
            *counts.entry(names).or_default() += n;
        }
        for ((protocol, question), n) in local {
            *fired
                .entry((
                    segment.text(protocol).to_owned(),
                    segment.text(question).to_owned(),
                ))
                .or_default() += n;
        }
    }
    let mut rows: Vec<ReportRow> = counts
        .into_iter()
        .map(|(key, count)| ReportRow {
            keys: by.iter().map(|d| d.as_str().to_owned()).zip(key).collect(),
            count,
            share: if total == 0 {
                0.0
            } else {
                count as f64 / total as f64
            },
        })
        .collect();
    rows.sort_by(|a, b| {
        let ka: Vec<&String> = by.iter().filter_map(|d| a.keys.get(d.as_str())).collect();
        let kb: Vec<&String> = by.iter().filter_map(|d| b.keys.get(d.as_str())).collect();
        ka.cmp(&kb)
    });
    let mut top_indicators: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
    for ((protocol, question), n) in fired {
        top_indicators
            .entry(protocol)
            .or_default()
            .push((question, n));
    }
    for list in top_indicators.values_mut() {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list.truncate(top);
    }
    pending.sort_by(|a, b| (&a.date, &a.case_code).cmp(&(&b.date, &b.case_code)));
    Report {
        by: by.iter().map(|d| d.as_str().to_owned()).collect(),
        total,
        rows,
        bands,
        top_indicators,
        pending_referrals: pending,
    }
}
