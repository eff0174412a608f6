//! `qorgau export`: every finished record not yet acknowledged, in one
//! signed bundle encrypted to the hub. First a plan — what will be signed,
//! read from the worker's own summaries — then the bundle, streamed record
//! by record, so memory stays small however many records there are.
//!
//! What the device's signature proves: that these sealed records were in
//! this device's database, with summaries made for this device, when the
//! holder of its passphrase exported them. It does not prove that the worker
//! made each screening: someone who could write to the disk could have
//! planted a record with a summary (both need only public keys). The plan is
//! shown before signing so the worker can notice records they did not make.

use std::collections::BTreeMap;
use std::fs;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::bundle::{BundleError, BundleHeader, BundleRecord, BundleWriter};
use crate::crypto::seal::recipient_stanzas;
use crate::crypto::SecretKeys;
use crate::ids::{BundleId, CaseCode, RecordId};
use crate::record::Summary;
use crate::setup::DeviceSetup;
use crate::store::{PendingRecord, Store, StoreError};
use crate::time::Timestamp;

/// Problems exporting; nothing is left half-written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("record {0} on this device does not match its stored checksum: the database is damaged; do not delete it, ask for help")]
    Damaged(RecordId),
    #[error("cannot write {path}: {detail}; check the path and free space")]
    Write { path: String, detail: String },
    #[error("{path} already exists: choose another file name (qorgau never overwrites a bundle)")]
    Exists { path: String },
    #[error("{path} is a folder: give a file name in it, for example {path}/week.qgb")]
    IsFolder { path: String },
    #[error("cannot encrypt the bundle: {0}")]
    Encrypt(String),
    /// A bug: the writer and the plan disagree (never the worker's doing).
    #[error("the bundle could not be written as planned ({0})")]
    Internal(String),
}

/// A record the export will sign, with what its summary says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRecord {
    pub pending: PendingRecord,
    pub case_code: CaseCode,
}

/// Why a pending record is left out of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// It has no summary: qorgau always writes one, so it was not made here.
    NoSummary,
    /// Its summary does not open with this device's key.
    SummaryUnreadable,
    /// Its summary names another record, protocol or time.
    SummaryMismatch,
}

/// A pending record that will not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub record_id: RecordId,
    pub finished_at: Timestamp,
    pub reason: LeftOutReason,
}

/// What an export will sign, for the worker to confirm.
#[derive(Debug, Clone, Default)]
pub struct ExportPlan {
    pub records: Vec<PlannedRecord>,
    pub left_out: Vec<LeftOut>,
    /// Sealed to more recipients than the coordinator's card has: someone
    /// else may be able to read them (security review F1). They are sent, so
    /// the coordinator has them and knows.
    pub extra_recipients: Vec<PlannedRecord>,
    /// Dated outside any plausible range (a wrong clock).
    pub implausible_dates: Vec<PlannedRecord>,
    /// What the device has in force, for the bundle's header (the
    /// coordinator's view of which devices run which versions).
    pub installed: Option<crate::device_state::DeviceState>,
}

impl ExportPlan {
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The first and last finish times.
    pub fn span(&self) -> Option<(Timestamp, Timestamp)> {
        let first = self.records.iter().map(|r| r.pending.finished_at).min()?;
        let last = self.records.iter().map(|r| r.pending.finished_at).max()?;
        Some((first, last))
    }

    /// How many records of each protocol (`id@version`).
    pub fn protocols(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for record in &self.records {
            *counts
                .entry(crate::protocol::reference(
                    &record.pending.protocol_id,
                    &record.pending.protocol_version,
                ))
                .or_default() += 1;
        }
        counts
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub bundle_id: BundleId,
    pub records: usize,
    pub bytes: u64,
}

/// Read every pending record's summary (with the device's key) and check
/// what will be signed: only records with a matching summary are.
pub fn plan_export(
    store: &Store,
    setup: &DeviceSetup,
    keys: &SecretKeys,
    now: Timestamp,
) -> Result<ExportPlan, ExportError> {
    let recipients = setup.hub.recipients.len();
    // Whether each sealed copy names exactly the hub card's recipients.
    let pending = store.pending_for_export(|prefix| {
        recipient_stanzas(prefix).is_ok_and(|s| s.sealed_to_exactly(recipients))
    })?;
    // Opening summaries is one key exchange each: on every core.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = pending.len().div_ceil(threads).max(1);
    let opened: Vec<Result<Summary, LeftOutReason>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pending
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| match &p.summary {
                            None => Err(LeftOutReason::NoSummary),
                            Some(sealed) => sealed
                                .open(&keys.identity)
                                .map_err(|_| LeftOutReason::SummaryUnreadable),
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec![Err(LeftOutReason::SummaryUnreadable); chunk])
            })
            .collect()
    });
    let mut plan = ExportPlan::default();
    for (row, summary) in pending.into_iter().zip(opened) {
        let summary = summary.and_then(|s| {
            let protocol =
                crate::protocol::reference(&row.pending.protocol_id, &row.pending.protocol_version);
            if s.record_id == row.pending.record_id
                && s.finished_at == row.pending.finished_at
                && s.protocol == protocol
            {
                Ok(s)
            } else {
                Err(LeftOutReason::SummaryMismatch)
            }
        });
        let summary = match summary {
            Ok(summary) => summary,
            Err(reason) => {
                plan.left_out.push(LeftOut {
                    record_id: row.pending.record_id,
                    finished_at: row.pending.finished_at,
                    reason,
                });
                continue;
            }
        };
        let planned = PlannedRecord {
            pending: row.pending,
            case_code: summary.case_code,
        };
        if !row.inspected {
            plan.extra_recipients.push(planned.clone());
        }
        if !planned.pending.finished_at.is_plausible_at(now) {
            plan.implausible_dates.push(planned.clone());
        }
        plan.records.push(planned);
    }
    Ok(plan)
}

/// Write a bundle of the planned records to `path`.
pub fn write_bundle(
    store: &Store,
    setup: &DeviceSetup,
    keys: &SecretKeys,
    plan: &ExportPlan,
    path: &Path,
    now: Timestamp,
) -> Result<Exported, ExportError> {
    let shown = || path.display().to_string();
    if path.is_dir() {
        return Err(ExportError::IsFolder { path: shown() });
    }
    if path.exists() {
        return Err(ExportError::Exists { path: shown() });
    }
    let header = BundleHeader::new(
        setup.card.device_id.clone(),
        setup.hub.hub_id.clone(),
        now,
        plan.records
            .iter()
            .map(|p| BundleRecord {
                record_id: p.pending.record_id.clone(),
                protocol_id: p.pending.protocol_id.clone(),
                protocol_version: p.pending.protocol_version.clone(),
                finished_at: p.pending.finished_at,
                sha256: p.pending.sealed_sha256.clone(),
            })
            .collect(),
        plan.installed.clone(),
    );

    let fail = |e: std::io::Error| ExportError::Write {
        path: shown(),
        detail: e.to_string(),
    };
    let partial = Partial::create(path).map_err(fail)?;
    let result = (|| -> Result<u64, ExportError> {
        let file = partial.file.try_clone().map_err(fail)?;
        let mut writer = BundleWriter::new(
            BufWriter::new(file),
            &setup.hub.recipients,
            &header,
            &keys.signing,
        )
        .map_err(|e| bundle_error(e, &header, &shown()))?;
        for record in &header.records {
            let sealed = store.sealed(&record.record_id)?;
            writer
                .write_record(sealed.ciphertext())
                .map_err(|e| bundle_error(e, &header, &shown()))?;
        }
        let buffered = writer
            .finish()
            .map_err(|e| bundle_error(e, &header, &shown()))?;
        let file = buffered.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        Ok(file.metadata().map_err(fail)?.len())
    })();
    match result {
        Ok(bytes) => {
            partial.keep(path).map_err(fail)?;
            Ok(Exported {
                bundle_id: header.bundle_id,
                records: header.records.len(),
                bytes,
            })
        }
        Err(e) => {
            partial.discard();
            Err(e)
        }
    }
}

fn bundle_error(e: BundleError, header: &BundleHeader, path: &str) -> ExportError {
    match e {
        BundleError::RecordMismatch { index } => match header.records.get(index) {
            Some(record) => ExportError::Damaged(record.record_id.clone()),
            None => ExportError::Internal(format!("record {index} is not listed")),
        },
        BundleError::Write(e) => ExportError::Write {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        BundleError::Encrypt(why) => ExportError::Encrypt(why),
        // Only reading a bundle raises the others.
        other => ExportError::Internal(other.to_string()),
    }
}

/// Plan and write in one go, signing every record with a matching summary
/// (no confirmation: for tools and tests). Returns `None`, writing nothing,
/// when there is nothing to send.
pub fn export_bundle(
    store: &Store,
    setup: &DeviceSetup,
    keys: &SecretKeys,
    path: &Path,
    now: Timestamp,
) -> Result<Option<Exported>, ExportError> {
    let plan = plan_export(store, setup, keys, now)?;
    if plan.is_empty() {
        return Ok(None);
    }
    write_bundle(store, setup, keys, &plan, path, now).map(Some)
}

/// The bundle being written: a hidden file beside the target, locked while
/// it is written and renamed at the end, so a cut export never leaves a half
/// bundle under the real name; one left by a killed export is unlocked, and
/// the next export to the same folder removes it (reliability review P15).
struct Partial {
    path: PathBuf,
    file: fs::File,
}

const PARTIAL_SUFFIX: &str = ".qorgau-partial";

impl Partial {
    fn create(target: &Path) -> std::io::Result<Partial> {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        remove_stale_partials(&folder);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = folder.join(format!(".{name}.{}{PARTIAL_SUFFIX}", std::process::id()));
        let _ = fs::remove_file(&path);
        let file = crate::files::create_private_file(&path)?;
        file.try_lock().map_err(std::io::Error::other)?;
        Ok(Partial { path, file })
    }

    fn keep(self, target: &Path) -> std::io::Result<()> {
        let result = fs::rename(&self.path, target);
        if result.is_err() {
            let _ = fs::remove_file(&self.path);
        }
        result
    }

    fn discard(self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Remove partial bundles in `folder` that no running export holds.
fn remove_stale_partials(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.ends_with(PARTIAL_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = fs::remove_file(&path);
        }
    }
}
