//! The HTCDS export: one CSV row per record, with the field names and value
//! names of the Human Trafficking Case Data Standard (UN Migration,
//! `UNMigration/HTCDS`, version [`HTCDS_VERSION`]) where Qorgau has the
//! field, and Qorgau's own columns (prefixed `qorgau_`) for what HTCDS
//! lacks. Built from the facts cache, one segment at a time, so it costs
//! a report, not an opening of every record. The mapping, field by field
//! and value by value, is in `docs/htcds.md`.
//!
//! De-identified, it is k-anonymous over sex, age band, citizenship,
//! region, month and protocol ([`super::kanon`]), shuffled, with no ids and
//! no dates, and only records whose consent lets their case be passed on
//! (social services or police) are rows: statistics-only and anonymous
//! records are counted in reports, never written out one by one.

use std::cell::RefCell;
use std::collections::HashMap;

use super::cache::{Row, Segment};
use super::kanon::{anonymise_with, QuasiId, STEPS};
use crate::engine::Band;
use crate::protocol::profile::{HtcdsTag, ProfileField};
use crate::record::{Consent, ReferralStatus};
use crate::text::csv_cell;

pub use crate::protocol::profile::HTCDS_VERSION;

/// The HTCDS fields written, in this order (the referral date only when
/// identified).
pub const HTCDS_FIELDS: [&str; 9] = [
    "prs_Gender",
    "prs_Citizenship",
    "vic_TraffickingStatus",
    "vic_TypeOfExploitation",
    "vic_MethodOfRecruitment",
    "vic_MethodsOfControl",
    "con_Consent",
    "cas_ReasonForOutgoingReferral",
    "cas_OutgoingReferralDate",
];

/// Qorgau's own columns of an identified export, after the HTCDS fields.
pub const QORGAU_COLUMNS: [&str; 13] = [
    "qorgau_record_id",
    "qorgau_case_code",
    "qorgau_protocol",
    "qorgau_protocol_version",
    "qorgau_date",
    "qorgau_period",
    "qorgau_region",
    "qorgau_band",
    "qorgau_age_band",
    "qorgau_citizenship",
    "qorgau_direction",
    "qorgau_consent",
    "qorgau_referral",
];

/// Qorgau's own columns of a de-identified export: no ids, no versions
/// (they date a record), no day.
pub const QORGAU_COLUMNS_DEIDENTIFIED: [&str; 9] = [
    "qorgau_protocol",
    "qorgau_period",
    "qorgau_region",
    "qorgau_band",
    "qorgau_age_band",
    "qorgau_citizenship",
    "qorgau_direction",
    "qorgau_consent",
    "qorgau_referral",
];

/// How to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtcdsOptions {
    pub deidentified: bool,
    /// Each combination of quasi-identifiers occurs at least this often.
    pub k: usize,
    /// What a region generalises to (the referral directory's country).
    pub country: String,
    /// Drives the shuffle: fresh randomness.
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtcdsExport {
    pub bytes: Vec<u8>,
    pub rows: usize,
    pub generalised: usize,
    pub suppressed: usize,
    /// Statistics-only or anonymous records: in reports, never rows.
    pub statistics_only: usize,
    /// Facts kept before the consent was: not known, so not written
    /// de-identified.
    pub consent_not_known: usize,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum HtcdsError {
    #[error("cannot write CSV: {0}")]
    Csv(String),
}

/// `TRUE` / `FALSE`, as HTCDS checkboxes are written in its spreadsheets.
fn checkbox(value: bool) -> &'static str {
    if value {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// A screening never identifies a victim: a concern is at most a possible
/// victim, and no concern is not "not a victim".
fn trafficking_status(band: Band) -> &'static str {
    match band {
        Band::ImmediateDanger | Band::ClearConcern | Band::PossibleConcern => {
            "PossibleVictimOfTrafficking"
        }
        _ => "",
    }
}

/// Consent to pass the case on (social services or police).
fn consent_checkbox(consent: Option<Consent>) -> &'static str {
    match consent {
        Some(Consent::SocialServices | Consent::Police) => checkbox(true),
        Some(Consent::Statistics | Consent::Anonymous) => checkbox(false),
        None => "",
    }
}

/// A referral the person accepted is a referral for further services.
fn referral_reason(referral: Option<ReferralStatus>) -> &'static str {
    match referral {
        Some(ReferralStatus::Accepted) => "AdditionalServicesRequired",
        _ => "",
    }
}

/// The values of one multi-select field, from profile values and item
/// tags, each once, in the standard's order, joined with `;`.
fn multi_select(
    segment: &Segment,
    field: &'static str,
    profile: Option<(ProfileField, (u32, u32))>,
    tags: (u32, u32),
) -> String {
    let mut values: Vec<String> = Vec::new();
    if let Some((profile_field, range)) = profile {
        values.extend(
            segment
                .list(range)
                .iter()
                .filter_map(|&i| profile_field.htcds_value(segment.text(i))),
        );
    }
    values.extend(
        segment
            .list(tags)
            .iter()
            .filter_map(|&i| HtcdsTag::parse(segment.text(i)))
            .filter(|tag| tag.field == field)
            .map(|tag| tag.value.to_owned()),
    );
    let order = crate::protocol::profile::HTCDS_ITEM_FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[][..], |(_, values)| *values);
    values.sort_by_key(|v| order.iter().position(|o| o == v));
    values.dedup();
    values.join(";")
}

/// The HTCDS cells of one row, except the referral date.
fn htcds_cells(segment: &Segment, row: &Row) -> [String; 8] {
    let sex = segment
        .optional(row.sex)
        .and_then(|v| ProfileField::Sex.htcds_value(v))
        .unwrap_or_default();
    let citizenship = segment
        .optional(row.citizenship)
        .and_then(|v| ProfileField::Citizenship.htcds_value(v))
        .unwrap_or_default();
    [
        sex,
        citizenship,
        trafficking_status(row.band).to_owned(),
        multi_select(
            segment,
            "TypeOfExploitation",
            Some((ProfileField::Exploitation, row.exploitation)),
            row.htcds,
        ),
        multi_select(
            segment,
            "MethodOfRecruitment",
            Some((ProfileField::Channel, row.channel)),
            row.htcds,
        ),
        multi_select(segment, "MethodsOfControl", None, row.htcds),
        consent_checkbox(row.consent).to_owned(),
        referral_reason(row.referral).to_owned(),
    ]
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(Vec::new())
}

fn fail(e: impl std::fmt::Display) -> HtcdsError {
    HtcdsError::Csv(e.to_string())
}

/// Every device-written cell is made safe for spreadsheets.
fn write_row(writer: &mut csv::Writer<Vec<u8>>, cells: &[&str]) -> Result<(), HtcdsError> {
    let cells: Vec<_> = cells.iter().map(|c| csv_cell(c)).collect();
    writer
        .write_record(cells.iter().map(|c| c.as_bytes()))
        .map_err(fail)
}

/// Strings interned for the de-identified rows held until the end.
#[derive(Debug, Default)]
struct Interner {
    index: HashMap<String, u32>,
    strings: Vec<String>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        i
    }

    fn text(&self, i: u32) -> &str {
        self.strings.get(i as usize).map_or("", String::as_str)
    }
}

/// A de-identified row held until every record is read: its
/// quasi-identifiers (in the order of [`QuasiId`]) and the rest, interned.
#[derive(Debug, Clone)]
struct HeldRow {
    /// The HTCDS cells after sex and citizenship, interned.
    htcds: [u32; 6],
    band: Band,
    direction: u32,
    consent: u32,
    referral: u32,
}

/// Export the records whose facts are in `segments` (each may be decrypted
/// just before it is read and dropped after).
pub fn export<S: std::borrow::Borrow<Segment>>(
    segments: impl IntoIterator<Item = S>,
    options: &HtcdsOptions,
) -> Result<HtcdsExport, HtcdsError> {
    let mut out = writer();
    let mut export = HtcdsExport {
        bytes: Vec::new(),
        rows: 0,
        generalised: 0,
        suppressed: 0,
        statistics_only: 0,
        consent_not_known: 0,
    };
    if !options.deidentified {
        let mut header: Vec<&str> = HTCDS_FIELDS.to_vec();
        header.extend(QORGAU_COLUMNS);
        write_row(&mut out, &header)?;
        for segment in segments {
            let segment = segment.borrow();
            for row in &segment.rows {
                let htcds = htcds_cells(segment, row);
                let date = segment.text(row.date);
                let referral_date = if row.referral == Some(ReferralStatus::Accepted) {
                    date
                } else {
                    ""
                };
                let text = |i| segment.text(i);
                let mut cells: Vec<&str> = htcds.iter().map(String::as_str).collect();
                cells.push(referral_date);
                cells.extend([
                    text(row.record_id),
                    text(row.case_code),
                    text(row.protocol),
                    text(row.version),
                    date,
                    date.get(..7).unwrap_or(""),
                    text(row.region),
                    row.band.as_str(),
                    text(row.age_band),
                    text(row.citizenship),
                    text(row.direction),
                    row.consent.map_or("", Consent::as_str),
                    row.referral.map_or("", ReferralStatus::as_str),
                ]);
                write_row(&mut out, &cells)?;
                export.rows += 1;
            }
        }
        export.bytes = out.into_inner().map_err(fail)?;
        return Ok(export);
    }

    // De-identified: hold every shareable row, compactly, then anonymise.
    let mut strings = Interner::default();
    let mut held: Vec<([u32; 6], HeldRow)> = Vec::new();
    for segment in segments {
        let segment = segment.borrow();
        for row in &segment.rows {
            match row.consent {
                Some(Consent::SocialServices | Consent::Police) => {}
                Some(Consent::Statistics | Consent::Anonymous) => {
                    export.statistics_only += 1;
                    continue;
                }
                None => {
                    export.consent_not_known += 1;
                    continue;
                }
            }
            let text = |i| segment.text(i);
            let mut ids = [0u32; 6];
            ids[QuasiId::Sex.index()] = strings.intern(text(row.sex));
            ids[QuasiId::AgeBand.index()] = strings.intern(text(row.age_band));
            ids[QuasiId::Citizenship.index()] = strings.intern(text(row.citizenship));
            ids[QuasiId::Region.index()] = strings.intern(text(row.region));
            ids[QuasiId::Period.index()] = strings.intern(text(row.date).get(..7).unwrap_or(""));
            ids[QuasiId::Protocol.index()] = strings.intern(text(row.protocol));
            let [_, _, status, exploitation, recruitment, control, consent, reason] =
                htcds_cells(segment, row);
            let rest = HeldRow {
                htcds: [status, exploitation, recruitment, control, consent, reason]
                    .map(|c| strings.intern(&c)),
                band: row.band,
                direction: strings.intern(text(row.direction)),
                consent: strings.intern(row.consent.map_or("", Consent::as_str)),
                referral: strings.intern(row.referral.map_or("", ReferralStatus::as_str)),
            };
            held.push((ids, rest));
        }
    }
    // Each distinct value is generalised once.
    let strings = RefCell::new(strings);
    let memo: RefCell<HashMap<(usize, u32), Option<u32>>> = RefCell::new(HashMap::new());
    let anonymised = anonymise_with(
        held,
        options.k,
        |step, ids: &[u32; 6]| {
            let (id, coarser) = STEPS[step];
            let value = ids[id.index()];
            let general = *memo.borrow_mut().entry((step, value)).or_insert_with(|| {
                let mut strings = strings.borrow_mut();
                let text = strings.text(value).to_owned();
                coarser(&text, &options.country).map(|g| strings.intern(&g))
            });
            let mut out = *ids;
            out[id.index()] = general?;
            Some(out)
        },
        options.seed,
    );
    let strings = strings.into_inner();
    let mut header: Vec<&str> = HTCDS_FIELDS[..8].to_vec();
    header.extend(QORGAU_COLUMNS_DEIDENTIFIED);
    write_row(&mut out, &header)?;
    for (ids, row) in &anonymised.rows {
        let text = |i: u32| strings.text(i);
        let citizenship = text(ids[QuasiId::Citizenship.index()]);
        // The quasi-identifiers' HTCDS cells come from the values written
        // out (so they form the same classes): a generalised citizenship
        // (`foreign`) is no ISO code, and its HTCDS cell is left empty.
        let sex = ProfileField::Sex
            .htcds_value(text(ids[QuasiId::Sex.index()]))
            .unwrap_or_default();
        let country = ProfileField::Citizenship
            .htcds_value(citizenship)
            .unwrap_or_default();
        let mut cells: Vec<&str> = vec![&sex, &country];
        cells.extend(row.htcds.iter().map(|&i| text(i)));
        cells.extend([
            text(ids[QuasiId::Protocol.index()]),
            text(ids[QuasiId::Period.index()]),
            text(ids[QuasiId::Region.index()]),
            row.band.as_str(),
            text(ids[QuasiId::AgeBand.index()]),
            citizenship,
            text(row.direction),
            text(row.consent),
            text(row.referral),
        ]);
        write_row(&mut out, &cells)?;
    }
    export.rows = anonymised.rows.len();
    export.generalised = anonymised.generalised;
    export.suppressed = anonymised.suppressed;
    export.bytes = out.into_inner().map_err(fail)?;
    Ok(export)
}
