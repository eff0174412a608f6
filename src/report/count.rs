//! Counting facts by any combination of dimensions, with filters; the
//! bands, the indicators that fire most, and the referrals still pending.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

use super::cache::{Row, Segment};
use crate::engine::Band;
use crate::names::{unknown, Named, UnknownName};
use crate::record::ReferralStatus;
use crate::time::Day;

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
    Citizenship,
    Direction,
    Exploitation,
    Channel,
}

impl Dimension {
    /// The name on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A record may have several values (positive domains, forms of
    /// exploitation, recruitment channels): it is counted once under each,
    /// so counts add up to more than the records and shares to more than 100%.
    pub fn multi_valued(self) -> bool {
        matches!(
            self,
            Dimension::Domain | Dimension::Exploitation | Dimension::Channel
        )
    }

    /// Every dimension's name, for messages.
    pub fn names() -> String {
        let names: Vec<&str> = Dimension::VARIANTS.iter().map(|d| d.as_str()).collect();
        names.join(", ")
    }
}

impl Named for Dimension {
    const WHAT: &'static str = "a report dimension";
}

/// The value of a record that has none for a dimension: `none` for
/// domains (no positive domain), else not recorded.
pub const NOT_RECORDED: &str = "not_recorded";

/// Which records a report counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Inclusive.
    pub since: Option<Day>,
    /// Inclusive.
    pub until: Option<Day>,
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
    /// The dimensions of `by` under which a record counts once per value.
    pub multi_valued: Vec<String>,
    /// Per enrolled device, its last import (filled in by the hub, not
    /// from the facts).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub devices: Vec<super::devices::DeviceSync>,
}

fn keep(segment: &Segment, row: &Row, filter: &Filter) -> bool {
    let date = segment.text(row.date);
    filter
        .since
        .as_ref()
        .is_none_or(|since| date >= since.as_str())
        && filter
            .until
            .as_ref()
            .is_none_or(|until| date <= until.as_str())
        && filter
            .protocol
            .as_deref()
            .is_none_or(|p| segment.text(row.protocol) == p)
}

/// A key inside one segment: a value per dimension (string indices, band
/// codes, or [`MISSING`]).
type LocalKey = [u32; Dimension::VARIANTS.len()];

/// No value: no positive domain, or a profile list with nothing recorded.
const MISSING: u32 = u32::MAX;

/// A multiply-rotate hasher for the small integer keys counted per row
/// (SipHash's protection against chosen keys is not needed for indices
/// the hub assigned itself, and it is several times slower).
#[derive(Default)]
struct IndexHasher(u64);

impl std::hash::Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

type IndexMap<K> = HashMap<K, u64, std::hash::BuildHasherDefault<IndexHasher>>;

/// The value at one string index of a segment, for dimension `d`.
fn value_name(segment: &Segment, d: Dimension, v: u32) -> String {
    match d {
        _ if v == MISSING && d == Dimension::Domain => "none".to_owned(),
        _ if v == MISSING => NOT_RECORDED.to_owned(),
        Dimension::Band => Band::VARIANTS
            .get(v as usize)
            .map_or("", |b| b.as_str())
            .to_owned(),
        Dimension::Month => segment.text(v).get(..7).unwrap_or("").to_owned(),
        Dimension::Sex | Dimension::AgeBand | Dimension::Citizenship | Dimension::Direction => {
            segment.optional(v).unwrap_or(NOT_RECORDED).to_owned()
        }
        _ => segment.text(v).to_owned(),
    }
}

/// Count the rows of one segment by `by` (string indices: no text is
/// touched per row); a multi-valued dimension counts a row once per value.
fn count_segment(
    segment: &Segment,
    by: &[Dimension],
    filter: &Filter,
    on_row: &mut dyn FnMut(&Row),
) -> IndexMap<LocalKey> {
    let mut counts: IndexMap<LocalKey> = IndexMap::default();
    let missing: &[u32] = &[MISSING];
    for row in &segment.rows {
        if !keep(segment, row, filter) {
            continue;
        }
        on_row(row);
        let mut singles: LocalKey = [0; Dimension::VARIANTS.len()];
        let mut lists: [Option<&[u32]>; Dimension::VARIANTS.len()] =
            [None; Dimension::VARIANTS.len()];
        for (i, d) in by.iter().enumerate() {
            let list = |range| {
                let values = segment.list(range);
                Some(if values.is_empty() { missing } else { values })
            };
            match d {
                Dimension::Protocol => singles[i] = row.protocol,
                Dimension::Band => {
                    singles[i] = Band::VARIANTS
                        .iter()
                        .position(|b| *b == row.band)
                        .unwrap_or(0) as u32
                }
                Dimension::Region => singles[i] = row.region,
                Dimension::Month => singles[i] = row.date,
                Dimension::Sex => singles[i] = row.sex,
                Dimension::AgeBand => singles[i] = row.age_band,
                Dimension::Citizenship => singles[i] = row.citizenship,
                Dimension::Direction => singles[i] = row.direction,
                Dimension::Domain => lists[i] = list(row.positive),
                Dimension::Exploitation => lists[i] = list(row.exploitation),
                Dimension::Channel => lists[i] = list(row.channel),
            }
        }
        // Every combination of one value per multi-valued dimension.
        let mut at = [0usize; Dimension::VARIANTS.len()];
        'combinations: loop {
            let mut key = singles;
            for (i, list) in lists.iter().enumerate() {
                if let Some(list) = list {
                    key[i] = list[at[i]];
                }
            }
            *counts.entry(key).or_default() += 1;
            for (i, list) in lists.iter().enumerate() {
                if let Some(list) = list {
                    if at[i] + 1 < list.len() {
                        at[i] += 1;
                        continue 'combinations;
                    }
                    at[i] = 0;
                }
            }
            break;
        }
    }
    counts
}

/// Count the facts in `segments`, one segment at a time (each may be
/// decrypted just before it is counted and dropped after).
pub fn build<S: std::borrow::Borrow<Segment>>(
    segments: impl IntoIterator<Item = S>,
    by: &[Dimension],
    filter: &Filter,
    top: usize,
) -> Report {
    // A dimension named twice counts as once.
    let mut unique: Vec<Dimension> = Vec::with_capacity(by.len());
    for d in by {
        if !unique.contains(d) {
            unique.push(*d);
        }
    }
    let by = unique.as_slice();
    let mut total = 0u64;
    let mut bands: BTreeMap<String, u64> = Band::VARIANTS
        .iter()
        .map(|b| (b.as_str().to_owned(), 0))
        .collect();
    let mut band_counts = [0u64; Band::VARIANTS.len()];
    // Keys across segments: each value name interned once, so a key is a
    // few integers and no text is built per key (a report by many
    // dimensions has about as many keys as records).
    let mut counts: IndexMap<LocalKey> = IndexMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut name_ids: HashMap<String, u32> = HashMap::new();
    let mut fired: HashMap<(String, String), u64> = HashMap::new();
    let mut pending = Vec::new();
    for segment in segments {
        let segment: &Segment = segment.borrow();
        // Within a segment, count by string index; names are looked up once.
        let mut local: IndexMap<(u32, u32)> = IndexMap::default();
        let local_keys = count_segment(segment, by, filter, &mut |row| {
            total += 1;
            if let Some(i) = Band::VARIANTS.iter().position(|b| *b == row.band) {
                band_counts[i] += 1;
            }
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
        });
        let mut translated: IndexMap<(usize, u32)> = IndexMap::default();
        for (key, n) in local_keys {
            let mut global: LocalKey = [0; Dimension::VARIANTS.len()];
            for (i, (d, &v)) in by.iter().zip(&key).enumerate() {
                let id = translated.entry((i, v)).or_insert_with(|| {
                    let name = value_name(segment, *d, v);
                    let next = names.len() as u64;
                    u64::from(*name_ids.entry(name.clone()).or_insert_with(|| {
                        names.push(name);
                        next as u32
                    }))
                });
                global[i] = *id as u32;
            }
            *counts.entry(global).or_default() += n;
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
    for (band, n) in Band::VARIANTS.iter().zip(band_counts) {
        bands.insert(band.as_str().to_owned(), n);
    }
    let mut keys: Vec<(LocalKey, u64)> = counts.into_iter().collect();
    // In the order of `by`, by value name.
    keys.sort_unstable_by(|(a, _), (b, _)| {
        (0..by.len())
            .map(|i| names[a[i] as usize].cmp(&names[b[i] as usize]))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let rows: Vec<ReportRow> = keys
        .into_iter()
        .map(|(key, count)| ReportRow {
            keys: by
                .iter()
                .zip(key)
                .map(|(d, id)| (d.as_str().to_owned(), names[id as usize].clone()))
                .collect(),
            count,
            share: if total == 0 {
                0.0
            } else {
                count as f64 / total as f64
            },
        })
        .collect();
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
        multi_valued: by
            .iter()
            .filter(|d| d.multi_valued())
            .map(|d| d.as_str().to_owned())
            .collect(),
        devices: Vec::new(),
    }
}
