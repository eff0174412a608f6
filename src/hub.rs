//! What the coordinator's commands do, as library functions testable
//! without the binary: find a record by id or case code (refusing to guess
//! between several), open every record while reporting and skipping the
//! ones that do not check out, erase a record for good, the enrolment trust
//! policy, the analysts' CSV with its de-identification rules, and one
//! bundle file's import with its receipt ([`intake`]).

pub mod intake;

use std::collections::BTreeSet;

use crate::catalog::Catalog;
use crate::crypto::mac::RowKey;
use crate::crypto::seal::Payload;
use crate::crypto::{DeviceCard, Opener, SecretKeys};
use crate::ids::{DeviceId, RecordId, RecordQuery};
use crate::protocol::Kind;
use crate::record::{Consent, Record, StoredAnswer};
use crate::report::cache;
use crate::report::kanon::{anonymise, QuasiIds};
use crate::store::hub::{case_key, HubRecordRow, HubStore, RowProblem};
use crate::store::StoreError;
use crate::text::csv_cell;
use crate::time::Timestamp;

/// Problems in the coordinator's commands.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Write(#[from] crate::datadir::DataDirError),
    #[error("no record or case code `{0}` at this hub")]
    NotFound(String),
    #[error("`{query}` matches {} records; qorgau will not guess which one is meant. Use the record id (or the longer case code) of one of them:{}", .candidates.len(), candidates_text(.candidates))]
    Ambiguous {
        query: String,
        candidates: Vec<Candidate>,
    },
    #[error("record {record_id} from device {device_id} cannot be shown: {reason}")]
    Unreadable {
        record_id: RecordId,
        device_id: DeviceId,
        reason: String,
    },
    #[error("the facts of the reports cannot be opened ({0}): the hub database may be damaged; restore it from a backup")]
    Facts(String),
    #[error("device {device} was revoked on {at}: enrolling it again trusts it again")]
    Revoked { device: DeviceId, at: Timestamp },
    #[error("device {device} is enrolled with another signing key ({known} now, {offered} in this card): a new card for the same device id is suspicious")]
    KeyChanged {
        device: DeviceId,
        known: String,
        offered: String,
    },
    #[error("the card's region `{0}` is not a region name (lower-case letters, digits and _, at most 64): ask the worker to set the device up again with a valid region")]
    BadRegion(String),
    #[error("a de-identified export leaves free text out (it may name people): it cannot also include free text")]
    FreeTextNotDeidentified,
    #[error("cannot write CSV: {0}")]
    Csv(String),
    #[error("`{0}` cannot be a device name: give 1 to 64 characters, with no control characters")]
    BadDeviceName(String),
    #[error("no enrolled device is called or has the id `{query}`: use one of {}", .known.join(", "))]
    UnknownDevice { query: String, known: Vec<String> },
    #[error("there is no protocol `{id}`: use one of {}", .known.join(", "))]
    UnknownProtocol { id: String, known: Vec<String> },
    #[error("`{value}` is not a result band: use one of {}", .known.join(", "))]
    UnknownBand { value: String, known: Vec<String> },
}

/// One of several records a query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub shown_code: String,
    pub record_id: RecordId,
    pub device_id: DeviceId,
    pub finished_at: Timestamp,
    pub protocol: String,
}

fn candidates_text(candidates: &[Candidate]) -> String {
    candidates
        .iter()
        .map(|c| {
            format!(
                "\n  {}  {}  {}  {}  {}",
                c.shown_code, c.record_id, c.device_id, c.finished_at, c.protocol
            )
        })
        .collect()
}

/// A record the hub holds, opened and checked.
#[derive(Debug, Clone)]
pub struct OpenRecord {
    pub row: HubRecordRow,
    pub record: Record,
    /// The case code as shown at this hub (lengthened after a collision).
    pub shown_code: String,
}

/// A row that was not shown, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub record_id: RecordId,
    pub device_id: DeviceId,
    pub reason: String,
}

fn open_row(row: HubRecordRow, key: &RowKey, openers: &[Opener]) -> Result<OpenRecord, Skipped> {
    let skipped = |reason: &str| Skipped {
        record_id: row.meta.record_id.clone(),
        device_id: row.meta.device_id.clone(),
        reason: reason.to_owned(),
    };
    match row.check(key) {
        Ok(()) => {}
        Err(RowProblem::Unverified) => return Err(skipped(
            "it was stored before records were authenticated; import its bundle again to verify it",
        )),
        Err(RowProblem::Changed) => {
            return Err(skipped(
                "its row was changed outside qorgau (it is not shown as genuine)",
            ))
        }
    }
    let plaintext = row
        .sealed
        .open_plaintext_any(openers)
        .map_err(|e| skipped(&format!("it cannot be opened with this hub's key ({e})")))?;
    let record = Record::from_plaintext(&plaintext)
        .map_err(|e| skipped(&format!("its content is damaged ({e})")))?;
    if record.record_id != row.meta.record_id || record.device_id != row.meta.device_id {
        return Err(skipped("its content names another record"));
    }
    let shown_code = row.shown_code(&record.case_code);
    Ok(OpenRecord {
        row,
        record,
        shown_code,
    })
}

/// Every record, opened and checked; the ones that do not check out are
/// reported, never shown and never stop the rest (security review F12).
pub fn open_records(
    store: &HubStore,
    keys: &SecretKeys,
) -> Result<(Vec<OpenRecord>, Vec<Skipped>), HubError> {
    open_records_where(store, keys, |_| true)
}

/// The records whose row passes `wanted` (on its plaintext columns: device,
/// protocol, time), opened and checked as [`open_records`] does; the rest
/// are not opened at all, which is what makes a filtered listing fast.
pub fn open_records_where(
    store: &HubStore,
    keys: &SecretKeys,
    wanted: impl Fn(&HubRecordRow) -> bool,
) -> Result<(Vec<OpenRecord>, Vec<Skipped>), HubError> {
    let key = RowKey::derive(keys);
    let openers = keys.openers();
    let mut open = Vec::new();
    let mut skipped = Vec::new();
    for row in store.records()?.into_iter().filter(|r| wanted(r)) {
        match open_row(row, &key, &openers) {
            Ok(record) => open.push(record),
            Err(s) => skipped.push(s),
        }
    }
    Ok((open, skipped))
}

/// Which of the hub's records `hub records` lists.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    /// Inclusive, in the device's local days.
    pub since: Option<crate::time::Day>,
    /// Inclusive, in the device's local days.
    pub until: Option<crate::time::Day>,
    pub protocol: Option<String>,
    /// Only these devices.
    pub devices: Option<Vec<DeviceId>>,
    pub band: Option<crate::engine::Band>,
    pub region: Option<String>,
    /// Only records whose referral is still pending.
    pub pending: bool,
}

/// The records a filter keeps, newest first, and the rows that do not check
/// out. Days are the device's local days, as reports count them
/// (reliability review P13): a row is opened only when its UTC day is
/// within a day of the range (its plaintext is enough to leave the others
/// unopened), and then its local day decides.
pub fn filtered_records(
    store: &HubStore,
    keys: &SecretKeys,
    filter: &RecordFilter,
) -> Result<(Vec<OpenRecord>, Vec<Skipped>), HubError> {
    let earliest = filter.since.as_ref().map(|d| d.neighbours().0);
    let latest = filter.until.as_ref().map(|d| d.neighbours().1);
    let (mut records, skipped) = open_records_where(store, keys, |row| {
        let meta = &row.meta;
        // Formatted only when a range asks for it.
        let in_range = || {
            let utc_day = meta.finished_at.utc_date();
            earliest
                .as_ref()
                .is_none_or(|d| utc_day.as_str() >= d.as_str())
                && latest
                    .as_ref()
                    .is_none_or(|d| utc_day.as_str() <= d.as_str())
        };
        filter
            .devices
            .as_ref()
            .is_none_or(|ids| ids.contains(&meta.device_id))
            && filter
                .protocol
                .as_deref()
                .is_none_or(|p| meta.protocol_id == p)
            && ((earliest.is_none() && latest.is_none()) || in_range())
    })?;
    records.retain(|o| {
        let r = &o.record;
        let day = r.finished_at.local_date(r.utc_offset_minutes);
        filter
            .since
            .as_ref()
            .is_none_or(|d| day.as_str() >= d.as_str())
            && filter
                .until
                .as_ref()
                .is_none_or(|d| day.as_str() <= d.as_str())
            && filter.band.is_none_or(|b| r.outcome.band == b)
            && filter
                .region
                .as_deref()
                .is_none_or(|g| r.region.as_deref() == Some(g))
            && (!filter.pending
                || r.referral
                    .as_ref()
                    .is_some_and(|x| x.status == crate::record::ReferralStatus::Pending))
    });
    records.sort_by_key(|o| std::cmp::Reverse(o.record.finished_at));
    Ok((records, skipped))
}

/// Find one record by its id or by its case code as shown at this hub. A
/// query that matches several records lists them and refuses to guess
/// (security review F4); a row that does not check out is an error, never
/// shown as genuine.
pub fn find_record(
    store: &HubStore,
    keys: &SecretKeys,
    query: &RecordQuery,
) -> Result<OpenRecord, HubError> {
    let key = RowKey::derive(keys);
    let mut rows = match query {
        RecordQuery::Id(id) => store.records_with_id(id)?,
        // `ABC-234` or, after a collision, `ABC-234-Q7`.
        RecordQuery::Case { code, suffix } => {
            let mut rows = store.records_with_case_key(&case_key(&key, code))?;
            if let Some(suffix) = suffix {
                rows.retain(|r| r.case_suffix.as_deref() == Some(suffix.as_str()));
            }
            rows
        }
    };
    let query = query.to_string();
    if rows.is_empty() {
        return Err(HubError::NotFound(query));
    }
    let openers = keys.openers();
    match rows.len() {
        1 => {
            let row = rows.remove(0);
            open_row(row, &key, &openers).map_err(|s| HubError::Unreadable {
                record_id: s.record_id,
                device_id: s.device_id,
                reason: s.reason,
            })
        }
        _ => Err(HubError::Ambiguous {
            query,
            candidates: rows
                .into_iter()
                .map(|row| {
                    let code = open_row(row.clone(), &key, &openers)
                        .map_or_else(|_| "?".to_owned(), |o| o.shown_code);
                    Candidate {
                        shown_code: code,
                        record_id: row.meta.record_id,
                        device_id: row.meta.device_id,
                        finished_at: row.meta.finished_at,
                        protocol: crate::protocol::reference(
                            &row.meta.protocol_id,
                            &row.meta.protocol_version,
                        ),
                    }
                })
                .collect(),
        }),
    }
}

/// Erase one record (found as [`find_record`] finds it) and its facts, and
/// keep a tombstone so that no import brings it back (security review F3).
pub fn erase(
    store: &mut HubStore,
    keys: &SecretKeys,
    found: &OpenRecord,
) -> Result<bool, HubError> {
    let key = RowKey::derive(keys);
    let segments = cache::open_all(&store.fact_segments()?, &keys.openers())
        .map_err(|e| HubError::Facts(e.to_string()))?;
    let record_id = &found.row.meta.record_id;
    let device_id = &found.row.meta.device_id;
    let mut updates = Vec::new();
    for (segment_id, segment) in &segments {
        let holds = |r: &cache::Row| {
            segment.text(r.record_id) == record_id
                && segment
                    .text(r.case_code)
                    .starts_with(found.record.case_code.as_str())
        };
        if !segment.rows.iter().any(holds) {
            continue;
        }
        let kept: Vec<_> = segment
            .rows
            .iter()
            .zip(segment.to_facts())
            .filter(|(r, _)| !holds(r))
            .map(|(_, f)| f)
            .collect();
        let data = if kept.is_empty() {
            None
        } else {
            Some(
                cache::seal(&kept, std::slice::from_ref(&keys.recipient()))
                    .map_err(|e| HubError::Facts(e.to_string()))?,
            )
        };
        updates.push((*segment_id, data));
    }
    Ok(store.erase(device_id, record_id, &key, &updates)?)
}

/// A device name as the coordinator types it: trimmed, 1 to 64
/// characters, no control characters.
pub fn device_name(name: &str) -> Result<String, HubError> {
    let trimmed = name.trim();
    let fits = (1..=64).contains(&trimmed.chars().count())
        && !trimmed.chars().any(char::is_control)
        && crate::text::printable(trimmed) == trimmed;
    if fits {
        Ok(trimmed.to_owned())
    } else {
        Err(HubError::BadDeviceName(
            crate::text::one_line(name).into_owned(),
        ))
    }
}

/// Trust a device's card at this hub, under the enrolment policy: a revoked
/// device or a new signing key for a known device id needs `force`; the
/// region must be a region name; a name (checked with [`device_name`])
/// replaces the one it had, `None` keeps it. Returns whether the device is
/// new here.
pub fn enroll(
    store: &mut HubStore,
    keys: &SecretKeys,
    card: &DeviceCard,
    name: Option<&str>,
    force: bool,
    now: Timestamp,
) -> Result<bool, HubError> {
    let name = name.map(device_name).transpose()?;
    if let Some(region) = &card.region {
        if !crate::crypto::card::valid_region(region) {
            return Err(HubError::BadRegion(
                crate::text::one_line(region).into_owned(),
            ));
        }
    }
    if let Some(known) = store.device(&card.device_id)? {
        let key = crate::crypto::keys::encode_verifying_key(&card.verifying_key);
        if !force {
            if let Some(at) = known.revoked_at {
                return Err(HubError::Revoked {
                    device: card.device_id.clone(),
                    at,
                });
            }
            if known.signing_key != key {
                return Err(HubError::KeyChanged {
                    device: card.device_id.clone(),
                    known: known.signing_key.chars().take(12).collect(),
                    offered: key.chars().take(12).collect(),
                });
            }
        }
    }
    Ok(store.enroll_named(card, name.as_deref(), now, &RowKey::derive(keys))?)
}

/// The ids of the trusted devices a `--device` filter names: by id, by the
/// start of an id (as listings show it), or by name (any case). An unknown
/// one is an error that lists the devices.
pub fn devices_named(
    store: &HubStore,
    keys: &SecretKeys,
    query: &str,
) -> Result<Vec<DeviceId>, HubError> {
    let key = RowKey::derive(keys);
    let devices: Vec<_> = store
        .devices()?
        .into_iter()
        .filter(|d| d.verify(&key))
        .collect();
    let query = query.trim();
    let wanted = query.to_lowercase();
    let by_name: Vec<DeviceId> = devices
        .iter()
        .filter(|d| {
            d.name
                .as_deref()
                .is_some_and(|n| n.to_lowercase() == wanted)
        })
        .map(|d| d.device_id.clone())
        .collect();
    let by_id: Vec<DeviceId> = devices
        .iter()
        .filter(|d| *d.device_id == *query || (query.len() >= 4 && d.device_id.starts_with(query)))
        .map(|d| d.device_id.clone())
        .collect();
    let mut found: Vec<DeviceId> = by_name.into_iter().chain(by_id).collect();
    found.sort();
    found.dedup();
    if found.is_empty() {
        return Err(HubError::UnknownDevice {
            query: crate::text::one_line(query).into_owned(),
            known: devices
                .iter()
                .map(|d| crate::text::one_line(&d.label()).into_owned())
                .collect(),
        });
    }
    Ok(found)
}

/// A `--protocol` filter must name a protocol this hub knows: one of its
/// catalog, or one it holds records of (a local protocol of a device).
pub fn check_protocol(store: &HubStore, catalog: &Catalog, id: &str) -> Result<(), HubError> {
    let mut known: Vec<String> = catalog
        .latest()
        .iter()
        .map(|f| f.protocol.id.clone())
        .collect();
    known.extend(store.protocol_ids()?);
    known.sort();
    known.dedup();
    if known.iter().any(|k| k == id) {
        Ok(())
    } else {
        Err(HubError::UnknownProtocol {
            id: crate::text::one_line(id).into_owned(),
            known: known
                .iter()
                .map(|k| crate::text::one_line(k).into_owned())
                .collect(),
        })
    }
}

/// A `--band` filter: one of the result bands.
pub fn parse_band(value: &str) -> Result<crate::engine::Band, HubError> {
    value
        .trim()
        .parse()
        .map_err(|_: crate::names::UnknownName| HubError::UnknownBand {
            value: crate::text::one_line(value).into_owned(),
            known: <crate::engine::Band as strum::VariantArray>::VARIANTS
                .iter()
                .map(|b| b.as_str().to_owned())
                .collect(),
        })
}

/// How to write the analysts' CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    pub deidentified: bool,
    /// Free-text and sensitive answers too (never with `deidentified`).
    pub include_free_text: bool,
    /// De-identified: each combination of quasi-identifiers occurs at
    /// least this often.
    pub k: usize,
    /// De-identified: what a region generalises to.
    pub country: String,
    /// De-identified: drives the shuffle (fresh randomness).
    pub seed: u64,
}

impl CsvOptions {
    /// One row per record, with ids and days.
    pub fn identified(include_free_text: bool) -> Self {
        CsvOptions {
            deidentified: false,
            include_free_text,
            k: 1,
            country: String::new(),
            seed: 0,
        }
    }

    /// k-anonymous rows, shuffled with `seed`; regions generalise to `country`.
    pub fn deidentified(k: usize, country: &str, seed: u64) -> Self {
        CsvOptions {
            deidentified: true,
            include_free_text: false,
            k,
            country: country.to_owned(),
            seed,
        }
    }
}

/// The analysts' CSV, as bytes, and what went into it.
#[derive(Debug, Clone)]
pub struct CsvExport {
    pub bytes: Vec<u8>,
    /// Rows written.
    pub records: usize,
    pub answer_columns: usize,
    /// Records of a protocol version (or file) this hub does not have: their
    /// answers are left out, since nothing says which are free text.
    pub unknown_protocol: usize,
    /// De-identified: rows with a value generalised, and rows suppressed.
    pub generalised: usize,
    pub suppressed: usize,
    /// De-identified: statistics-only and anonymous records, which are
    /// counted in reports but never written as rows.
    pub statistics_only: usize,
}

/// Whether a question's answers are coded (options, yes/no, observations)
/// and not marked sensitive: only these go into a de-identified file.
fn coded(kind: Kind, sensitive: bool) -> bool {
    matches!(
        kind,
        Kind::YesNo | Kind::Observation | Kind::Single | Kind::Multi
    ) && !sensitive
}

/// Whether a question's answer may go into a de-identified file: coded,
/// and not a profile question (the profile is written in its own columns,
/// generalised where it identifies).
fn shareable(question: &crate::protocol::Question) -> bool {
    coded(question.kind, question.sensitive) && question.profile.is_none()
}

/// The profile columns of the CSV, after the record's own.
const PROFILE_COLUMNS: [&str; 6] = [
    "sex",
    "age_band",
    "citizenship",
    "direction",
    "exploitation",
    "channel",
];

/// One CSV row per record with coded answers. De-identified (security
/// review F2, F9): no ids, case codes, devices or days; k-anonymous over
/// sex, age band, citizenship, region, month and protocol, shuffled; only
/// the answers this hub's catalog knows to be coded, not sensitive and not
/// profile questions; records of an unknown protocol version give no
/// answers at all; statistics-only and anonymous records are not rows;
/// free text is refused. Every text cell is made safe for spreadsheets (F14).
pub fn csv_export(
    records: &[OpenRecord],
    catalog: &Catalog,
    options: &CsvOptions,
) -> Result<CsvExport, HubError> {
    let deidentified = options.deidentified;
    let include_free_text = options.include_free_text;
    if deidentified && include_free_text {
        return Err(HubError::FreeTextNotDeidentified);
    }
    // The protocol file each record was answered against, if this hub has it.
    let known = |record: &Record| {
        catalog
            .find(&crate::protocol::reference(
                &record.protocol.id,
                &record.protocol.version,
            ))
            .ok()
            .filter(|f| f.protocol.sha256 == record.protocol.sha256)
    };
    // Only records whose consent lets their case be passed on are rows of
    // a de-identified file.
    let mut statistics_only = 0;
    let rows: Vec<&OpenRecord> = records
        .iter()
        .filter(|open| {
            let shared = !deidentified
                || matches!(
                    open.record.consent,
                    Consent::SocialServices | Consent::Police
                );
            statistics_only += usize::from(!shared);
            shared
        })
        .collect();
    // Columns `protocol.question`, in the order of the protocols' questions.
    let mut columns: Vec<(String, String)> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut unknown_protocol = 0;
    for open in &rows {
        let record = &open.record;
        match known(record) {
            Some(file) => {
                for q in &file.protocol.questions {
                    let allowed = if deidentified {
                        shareable(q)
                    } else {
                        include_free_text || (q.kind != Kind::Text && !q.sensitive)
                    };
                    let column = (record.protocol.id.clone(), q.id.clone());
                    if allowed && seen.insert(column.clone()) {
                        columns.push(column);
                    }
                }
            }
            None => {
                unknown_protocol += 1;
                // Nothing says which answers are free text: only the
                // identified export with --include-free-text takes them.
                if !deidentified && include_free_text {
                    for id in record.answers.keys() {
                        let column = (record.protocol.id.clone(), id.clone());
                        if seen.insert(column.clone()) {
                            columns.push(column);
                        }
                    }
                }
            }
        }
    }
    // The quasi-identifiers of each row, made k-anonymous when de-identified.
    let quasi_ids = |record: &Record| {
        let value = |v: &Option<String>| v.clone().unwrap_or_default();
        QuasiIds {
            sex: value(&record.profile.sex),
            age_band: value(&record.profile.age_band),
            citizenship: value(&record.profile.citizenship),
            region: record.region.clone().unwrap_or_default(),
            period: record
                .finished_at
                .local_date(record.utc_offset_minutes)
                .get(..7)
                .unwrap_or("")
                .to_owned(),
            // Written as two columns; joined so the pair is one class.
            protocol: format!("{}\0{}", record.protocol.id, record.protocol.version),
        }
    };
    let numbered: Vec<(QuasiIds, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, open)| (quasi_ids(&open.record), i))
        .collect();
    let (ordered, generalised, suppressed) = if deidentified {
        let out = anonymise(numbered, options.k, &options.country, options.seed);
        (out.rows, out.generalised, out.suppressed)
    } else {
        (numbered, 0, 0)
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| HubError::Csv(e.to_string());
    let mut header: Vec<String> = if deidentified {
        vec!["protocol", "version", "region", "period"]
    } else {
        vec![
            "record_id",
            "case_code",
            "device_id",
            "protocol",
            "version",
            "region",
            "date",
        ]
    }
    .into_iter()
    .map(String::from)
    .collect();
    header.extend(["band", "rule", "consent", "referral"].map(String::from));
    header.extend(PROFILE_COLUMNS.map(String::from));
    header.extend(columns.iter().map(|(p, q)| format!("{p}.{q}")));
    writer.write_record(&header).map_err(fail)?;
    for (ids, index) in &ordered {
        let Some(open) = rows.get(*index) else {
            continue;
        };
        let record = &open.record;
        let profile = &record.profile;
        let mut row: Vec<String> = if deidentified {
            vec![
                record.protocol.id.clone(),
                record.protocol.version.clone(),
                ids.region.clone(),
                ids.period.clone(),
            ]
        } else {
            vec![
                record.record_id.to_string(),
                open.shown_code.clone(),
                record.device_id.to_string(),
                record.protocol.id.clone(),
                record.protocol.version.clone(),
                record.region.clone().unwrap_or_default(),
                record.finished_at.local_date(record.utc_offset_minutes),
            ]
        };
        row.push(record.outcome.band.as_str().to_owned());
        row.push(record.outcome.rule.clone());
        row.push(record.consent.as_str().to_owned());
        row.push(
            record
                .referral
                .as_ref()
                .map_or(String::new(), |r| r.status.as_str().to_owned()),
        );
        // The quasi-identifiers as (maybe) generalised.
        row.extend([
            ids.sex.clone(),
            ids.age_band.clone(),
            ids.citizenship.clone(),
        ]);
        row.push(profile.direction.clone().unwrap_or_default());
        row.push(profile.exploitation.join(";"));
        row.push(profile.channel.join(";"));
        let file = known(record);
        for (protocol, question) in &columns {
            let value = if protocol == &record.protocol.id {
                // In a de-identified file only answers to questions this
                // record's own protocol file says may be shared.
                let allowed = !deidentified
                    || file.as_ref().is_some_and(|f| {
                        f.protocol
                            .question_by_id(question)
                            .is_some_and(|(_, q)| shareable(q))
                    });
                match (allowed, record.answers.get(question)) {
                    (true, Some(StoredAnswer::Text(t))) => t.clone(),
                    (true, Some(StoredAnswer::Number(v))) => v.to_string(),
                    (true, Some(StoredAnswer::List(items))) => items.join(";"),
                    _ => String::new(),
                }
            } else {
                String::new()
            };
            row.push(value);
        }
        let row: Vec<String> = row.iter().map(|c| csv_cell(c).into_owned()).collect();
        writer.write_record(&row).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| HubError::Csv(e.to_string()))?;
    Ok(CsvExport {
        bytes,
        records: ordered.len(),
        answer_columns: columns.len(),
        unknown_protocol,
        generalised,
        suppressed,
        statistics_only,
    })
}
