//! `qorgau hub import`: decrypt, verify and store one bundle, all or nothing.
//!
//! In order: the outer layer opens with the hub's identity; the header is
//! well formed and names this hub and an enrolled, unrevoked device whose row
//! this hub wrote; the device's signature over the header verifies — before
//! any record is read (format 2; a format-1 bundle is first read through
//! once, hashing only, to check its signature at the end). Then a bounded
//! pool of workers checks every record (its checksum, that it opens, that its
//! head and body agree and say what the header says, its recipients and its
//! date) while this thread stores the ones that pass. Any worker that fails
//! or panics fails the whole bundle: nothing is stored and no receipt is
//! written.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;

use crossbeam_channel::{bounded, Receiver, Sender};
use ed25519_dalek::VerifyingKey;

use super::bundle::{BundleError, BundleHeader, BundleReader};
use crate::crypto::keys::decode_verifying_key;
use crate::crypto::mac::RowKey;
use crate::crypto::seal::recipient_stanzas;
use crate::crypto::sha256_matches;
use crate::crypto::{HubSealed, Opener, SecretKeys};
use crate::ids::{BundleId, CaseCode, DeviceId, RecordId};
use crate::record::view::{check_record, HeadView};
use crate::record::Record;
use crate::record::RecordError;
use crate::store::hub::{flags, BundleRow, HubStore, Inserted, NewRecord};
use crate::store::StoreError;
use crate::time::Timestamp;

/// Why a whole bundle was refused. Nothing from it was stored.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("it is not encrypted for this hub (it was made for another coordinator, or is not a Qorgau bundle)")]
    NotForThisHub,
    #[error("it is not a Qorgau bundle ({0})")]
    NotABundle(String),
    #[error("it is incomplete (cut short while copying?): copy it again from the device")]
    Truncated,
    #[error("it was changed after the device wrote it ({0})")]
    Tampered(String),
    #[error("its signature does not match the enrolled device's key (changed, or signed by someone else)")]
    BadSignature,
    #[error("it comes from device {0}, which is not enrolled here: enroll its card first")]
    UnknownDevice(DeviceId),
    #[error("it comes from device {device}, which was revoked on {at}")]
    RevokedDevice { device: DeviceId, at: Timestamp },
    #[error("it comes from device {0}, whose enrolment at this hub was changed outside qorgau: enroll its card again (with the hub passphrase) after checking it with the worker")]
    DeviceRowChanged(DeviceId),
    #[error("it was made for hub {found}, not this hub ({expected})")]
    WrongHub { found: String, expected: String },
    #[error("cannot read it: {0}")]
    Read(String),
    #[error("the import stopped unexpectedly ({0}); nothing from this bundle was stored: import it again, and report this if it repeats")]
    Internal(String),
    #[error("the report's facts for this bundle could not be written ({0}); nothing was stored")]
    Facts(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<BundleError> for ImportError {
    fn from(e: BundleError) -> Self {
        match e {
            BundleError::NotForThisHub => ImportError::NotForThisHub,
            BundleError::NotABundle(why) => ImportError::NotABundle(why),
            BundleError::Truncated => ImportError::Truncated,
            BundleError::Tampered(why) => ImportError::Tampered(why),
            BundleError::BadSignature => ImportError::BadSignature,
            BundleError::RecordMismatch { index } => {
                ImportError::Tampered(format!("record {index} does not match its checksum"))
            }
            BundleError::Incomplete { .. } => ImportError::Truncated,
            BundleError::Write(e) => ImportError::Read(e.to_string()),
            BundleError::Encrypt(e) | BundleError::Header(e) => ImportError::Internal(e),
        }
    }
}

/// A record refused on its own (the rest of the bundle is kept).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rejection {
    pub record_id: RecordId,
    pub reason: String,
}

/// What an import did with one bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub bundle_id: BundleId,
    pub device_id: DeviceId,
    pub created_at: Timestamp,
    pub accepted: Vec<RecordId>,
    pub already_held: Vec<RecordId>,
    /// Erased here at a person's request: skipped, never stored again. The
    /// receipt lists them as held, so the device deletes its copy too.
    pub erased: Vec<RecordId>,
    pub rejected: Vec<Rejection>,
    /// Stored, but sealed to more recipients than the hub card has: someone
    /// else may have been able to read them.
    pub extra_recipients: Vec<RecordId>,
    /// Stored, with a date outside any plausible range.
    pub implausible_dates: Vec<RecordId>,
    /// Which of the hub's key generations opened the bundle (0: the current
    /// one; 1: the one before the last `hub rotate-key`, …): the receipt is
    /// signed with that generation's key, the one the device trusts.
    pub hub_key: usize,
    /// What the device had in force when it exported (bundle format 3).
    pub installed: Option<crate::device_state::DeviceState>,
}

/// Where a bundle's bytes come from. Format-1 bundles are read twice (the
/// signature is at their end), so a source can be opened more than once.
pub trait BundleSource: Sync {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>>;
}

impl BundleSource for &[u8] {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>> {
        Ok(Box::new(*self))
    }
}

impl BundleSource for Vec<u8> {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>> {
        Ok(Box::new(self.as_slice()))
    }
}

impl BundleSource for &Path {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>> {
        crate::input::open_regular(self)
            .map(|f| Box::new(f) as Box<dyn Read + Send>)
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

/// The facts of an import's records, built by the workers for the report
/// side, which supplies the sink (sync does not know the report's format).
pub trait FactsSink: Sync {
    /// One per worker.
    fn worker(&self) -> Box<dyn FactsWorker>;
}

/// One worker's share of the facts.
pub trait FactsWorker: Send {
    /// Add the head of a record that passed every check (bundle entry
    /// `index`), as the import reads it: borrowed from the record's
    /// plaintext, so the sink copies only what it keeps.
    fn add(&mut self, index: usize, head: &HeadView<'_>);
    /// The stored form of the facts of the entries that were stored
    /// (`stored`), with lengthened case codes where `renamed` says so; the
    /// number of rows and the bytes, or `None` if nothing is left.
    fn finish(
        self: Box<Self>,
        stored: &dyn Fn(usize) -> bool,
        renamed: &HashMap<usize, String>,
    ) -> Result<Option<(usize, Vec<u8>)>, String>;
}

/// A sink that keeps nothing (for tools that need no reports).
#[derive(Debug, Default)]
pub struct NoFacts;

impl FactsSink for NoFacts {
    fn worker(&self) -> Box<dyn FactsWorker> {
        Box::new(NoFacts)
    }
}

impl FactsWorker for NoFacts {
    fn add(&mut self, _: usize, _: &HeadView<'_>) {}
    fn finish(
        self: Box<Self>,
        _: &dyn Fn(usize) -> bool,
        _: &HashMap<usize, String>,
    ) -> Result<Option<(usize, Vec<u8>)>, String> {
        Ok(None)
    }
}

/// How an import runs.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The time now, as stored.
    pub now: Timestamp,
    /// How many workers open records (a fixed pool).
    pub workers: usize,
    /// How many recipients the hub card lists: every record must be sealed
    /// to exactly that many.
    pub recipients: usize,
}

impl ImportOptions {
    pub fn new(now: Timestamp) -> Self {
        ImportOptions {
            now,
            workers: default_workers(),
            recipients: 1,
        }
    }
}

/// How many threads open sealed records by default: one per core and two
/// more, so the cores stay busy while this thread stores what they checked.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) + 2
}

/// What a worker found about one record.
enum Checked {
    /// Passed: store it.
    Good {
        index: usize,
        bytes: Vec<u8>,
        case_code: CaseCode,
        flags: u32,
    },
    /// This record cannot be accepted; the rest of the bundle can.
    Rejected { index: usize, reason: String },
    /// The bundle was changed: refuse it whole.
    Tampered(String),
}

/// Records (bundle index, sealed bytes) as they go to a worker.
type Batch = Vec<(usize, Vec<u8>)>;

/// Records go to the workers in batches: fewer wake-ups.
const BATCH: usize = 32;

/// Import one bundle. `facts` receives the facts of the stored records.
pub fn import_bundle(
    hub: &mut HubStore,
    keys: &SecretKeys,
    source: &dyn BundleSource,
    options: &ImportOptions,
    facts: &dyn FactsSink,
) -> Result<ImportReport, ImportError> {
    let row_key = RowKey::derive(keys);
    let identities = keys.identities();
    let openers = keys.openers();
    type Reader<'s> = BundleReader<Box<dyn Read + Send + 's>>;
    let open =
        |identity: &age::x25519::Identity| -> Result<Result<Reader<'_>, BundleError>, ImportError> {
            let input = source
                .open()
                .map_err(|e| ImportError::Read(e.to_string()))?;
            Ok(BundleReader::open(input, identity))
        };
    // The current key first; a device that has not yet installed the
    // coordinator's new card encrypted to a retired one.
    let mut opened = None;
    for (generation, identity) in identities.iter().enumerate() {
        match open(identity)? {
            Ok(reader) => {
                opened = Some((reader, generation));
                break;
            }
            Err(BundleError::NotForThisHub) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let (reader, generation) = opened.ok_or(ImportError::NotForThisHub)?;
    let device_key = check_sender(hub, keys, &row_key, reader.header())?;
    if reader.signature_first() {
        reader.verify_signature(&device_key)?;
    } else {
        // Format 1: the signature is at the end. Read it through once,
        // hashing only, so nothing is decrypted or stored for a forgery.
        let mut first = open(identities[generation])??;
        while let Some((index, bytes)) = first.next_record()? {
            if !sha256_matches(&bytes, &first.header().records[index].sha256) {
                return Err(ImportError::Tampered(format!(
                    "record {} does not match its checksum",
                    first.header().records[index].record_id
                )));
            }
        }
        first.finish(&device_key)?;
    }
    let header = reader.header().clone();
    let tx = hub.begin_import(&row_key)?;
    let Outcome { results, workers } = run_pipeline(
        reader,
        &header,
        &openers,
        options,
        facts,
        &device_key,
        &mut |checked| store_one(&tx, &header, options, checked),
    )?;

    let mut report = ImportReport {
        bundle_id: header.bundle_id.clone(),
        device_id: header.device_id.clone(),
        created_at: header.created_at,
        accepted: Vec::new(),
        already_held: Vec::new(),
        erased: Vec::new(),
        rejected: Vec::new(),
        extra_recipients: Vec::new(),
        implausible_dates: Vec::new(),
        hub_key: generation,
        installed: header.installed.clone(),
    };
    let mut stored = BTreeSet::new();
    let mut renamed = HashMap::new();
    for (index, result) in results.into_iter().enumerate() {
        let record_id = header.records[index].record_id.clone();
        match result {
            Stored::New { suffix, flags: f } => {
                stored.insert(index);
                if let Some(code) = suffix {
                    renamed.insert(index, code);
                }
                if f & flags::EXTRA_RECIPIENTS != 0 {
                    report.extra_recipients.push(record_id.clone());
                }
                if f & flags::IMPLAUSIBLE_DATE != 0 {
                    report.implausible_dates.push(record_id.clone());
                }
                report.accepted.push(record_id);
            }
            Stored::Held => report.already_held.push(record_id),
            Stored::Erased => report.erased.push(record_id),
            Stored::Rejected(reason) => report.rejected.push(Rejection { record_id, reason }),
            Stored::Missing => {
                // Fail closed: every listed record must have been checked.
                return Err(ImportError::Internal(format!(
                    "record {record_id} was not checked"
                )));
            }
        }
    }
    report
        .rejected
        .sort_by(|a, b| a.record_id.cmp(&b.record_id));
    let is_stored = |index: usize| stored.contains(&index);
    for worker in workers {
        if let Some((rows, bytes)) = worker
            .finish(&is_stored, &renamed)
            .map_err(ImportError::Facts)?
        {
            tx.insert_facts(&header.bundle_id, rows, &bytes)?;
        }
    }
    if let Some(state) = &header.installed {
        tx.note_device_state(
            &header.device_id,
            header.created_at,
            &header.bundle_id,
            state,
        )?;
    }
    tx.commit(&BundleRow {
        bundle_id: header.bundle_id.clone(),
        device_id: header.device_id.clone(),
        created_at: header.created_at,
        imported_at: options.now,
        records: header.records.len() as i64,
        accepted: report.accepted.len() as i64,
        already_held: (report.already_held.len() + report.erased.len()) as i64,
        rejected: report.rejected.len() as i64,
    })?;
    Ok(report)
}

/// The bundle must be for this hub, from an enrolled device whose row this
/// hub wrote, not revoked. Returns the device's signing key.
fn check_sender(
    hub: &HubStore,
    keys: &SecretKeys,
    row_key: &RowKey,
    header: &BundleHeader,
) -> Result<VerifyingKey, ImportError> {
    if header.hub_id != keys.id {
        return Err(ImportError::WrongHub {
            found: header.hub_id.clone(),
            expected: keys.id.clone(),
        });
    }
    let device = hub
        .device(&header.device_id)?
        .ok_or_else(|| ImportError::UnknownDevice(header.device_id.clone()))?;
    if !device.verify(row_key) {
        return Err(ImportError::DeviceRowChanged(header.device_id.clone()));
    }
    if let Some(at) = device.revoked_at {
        return Err(ImportError::RevokedDevice {
            device: header.device_id.clone(),
            at,
        });
    }
    decode_verifying_key(&device.signing_key)
        .ok_or_else(|| ImportError::DeviceRowChanged(header.device_id.clone()))
}

/// What became of one listed record.
enum Stored {
    Missing,
    New { suffix: Option<String>, flags: u32 },
    Held,
    Erased,
    Rejected(String),
}

struct Outcome {
    results: Vec<Stored>,
    workers: Vec<Box<dyn FactsWorker>>,
}

/// Store one checked record (on this thread, in the import's transaction).
fn store_one(
    tx: &crate::store::hub::ImportTransaction<'_, '_>,
    header: &BundleHeader,
    options: &ImportOptions,
    checked: Checked,
) -> Result<(usize, Stored), ImportError> {
    match checked {
        Checked::Tampered(why) => Err(ImportError::Tampered(why)),
        Checked::Rejected { index, reason } => Ok((index, Stored::Rejected(reason))),
        Checked::Good {
            index,
            bytes,
            case_code,
            flags,
        } => {
            let listed = &header.records[index];
            let meta = listed.meta(&header.device_id);
            let inserted = tx.insert_record(&NewRecord {
                meta: &meta,
                sealed: &bytes,
                sealed_sha256: &listed.sha256,
                case_code: &case_code,
                flags,
                bundle_id: &header.bundle_id,
                imported_at: options.now,
            })?;
            Ok((
                index,
                match inserted {
                    Inserted::New { suffix } => Stored::New {
                        suffix: suffix.map(|s| format!("{case_code}-{s}")),
                        flags,
                    },
                    Inserted::AlreadyHeld => Stored::Held,
                    Inserted::Erased => Stored::Erased,
                    Inserted::Conflict => Stored::Rejected(
                        "this device sent a different record under this id before".to_owned(),
                    ),
                },
            ))
        }
    }
}

/// Read the records on one thread, check them on a fixed pool of workers,
/// and hand each result to `store` on this thread. A worker or reader that
/// fails or panics fails the whole import.
fn run_pipeline<R: Read + Send>(
    mut reader: BundleReader<R>,
    header: &BundleHeader,
    openers: &[Opener],
    options: &ImportOptions,
    facts: &dyn FactsSink,
    device_key: &VerifyingKey,
    store: &mut dyn FnMut(Checked) -> Result<(usize, Stored), ImportError>,
) -> Result<Outcome, ImportError> {
    let workers = options.workers.max(1);
    let now = options.now;
    std::thread::scope(|scope| {
        let (work_tx, work_rx): (Sender<Batch>, Receiver<Batch>) = bounded(workers * 2);
        let (result_tx, result_rx) = bounded::<Vec<Checked>>(workers * 2);
        let reading = scope.spawn(move || -> Result<(), BundleError> {
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(record) = reader.next_record()? {
                batch.push(record);
                if batch.len() == BATCH
                    && work_tx
                        .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                        .is_err()
                {
                    // The workers stopped: the import is failing anyway.
                    return Ok(());
                }
            }
            if !batch.is_empty() && work_tx.send(batch).is_err() {
                return Ok(());
            }
            drop(work_tx);
            reader.finish(device_key)
        });
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            let work_rx = work_rx.clone();
            let result_tx = result_tx.clone();
            let mut sink = facts.worker();
            let check = RecordCheck {
                header,
                openers,
                recipients: options.recipients,
                now,
            };
            handles.push(scope.spawn(move || {
                for batch in work_rx {
                    let checked: Vec<Checked> = batch
                        .into_iter()
                        .map(|(index, bytes)| check.run(index, bytes, sink.as_mut()))
                        .collect();
                    if result_tx.send(checked).is_err() {
                        break;
                    }
                }
                sink
            }));
        }
        drop(work_rx);
        drop(result_tx);
        let mut results: Vec<Stored> = (0..header.records.len()).map(|_| Stored::Missing).collect();
        let mut failure = None;
        'receive: for batch in result_rx.iter() {
            for checked in batch {
                match store(checked) {
                    Ok((index, stored)) => results[index] = stored,
                    Err(e) => {
                        failure = Some(e);
                        break 'receive;
                    }
                }
            }
        }
        // Stop the workers and the reader if this thread stopped early.
        drop(result_rx);
        let mut sinks = Vec::with_capacity(workers);
        for handle in handles {
            match handle.join() {
                Ok(sink) => sinks.push(sink),
                Err(_) => {
                    failure.get_or_insert(ImportError::Internal(
                        "a worker checking records stopped".to_owned(),
                    ));
                }
            }
        }
        match reading.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                // A read error outranks what it caused downstream.
                failure = Some(e.into());
            }
            Err(_) => {
                failure.get_or_insert(ImportError::Internal(
                    "the thread reading the bundle stopped".to_owned(),
                ));
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(Outcome {
                results,
                workers: sinks,
            }),
        }
    })
}

/// Everything a worker checks about one record.
#[derive(Clone, Copy)]
struct RecordCheck<'a> {
    header: &'a BundleHeader,
    openers: &'a [Opener],
    recipients: usize,
    now: Timestamp,
}

impl RecordCheck<'_> {
    fn run(&self, index: usize, bytes: Vec<u8>, sink: &mut dyn FactsWorker) -> Checked {
        let Some(listed) = self.header.records.get(index) else {
            return Checked::Tampered(format!("record {index} is not listed"));
        };
        if !sha256_matches(&bytes, &listed.sha256) {
            return Checked::Tampered(format!(
                "record {} does not match its checksum",
                listed.record_id
            ));
        }
        let reject = |reason: String| Checked::Rejected { index, reason };
        let sealed = HubSealed::<Record>::from_ciphertext(bytes);
        // The whole record is opened and parsed: its head (what reports
        // count) must agree with its body (security review F12).
        let plaintext = match sealed.open_plaintext_any(self.openers) {
            Ok(plaintext) => plaintext,
            Err(e) => return reject(format!("cannot be opened with this hub's key ({e})")),
        };
        let head =
            match check_record(&plaintext) {
                Ok(head) => head,
                Err(RecordError::HeadMismatch) => return reject(
                    "its summary part and its full record disagree (changed before it was sealed)"
                        .to_owned(),
                ),
                Err(e) => return reject(format!("its content cannot be read ({e})")),
            };
        if !listed.matches(&head, &self.header.device_id) {
            return reject("its sealed content does not match the bundle's list".to_owned());
        }
        // Reports and exports count only values they know; a newer device's
        // value waits on the device until the hub is updated.
        if let Some(value) = head.profile.unknown_value() {
            return reject(format!(
                "its case profile has a value this qorgau does not know ({value}): update qorgau at the hub, then import the bundle again"
            ));
        }
        let mut flags = 0;
        if !listed.finished_at.is_plausible_at(self.now) {
            flags |= flags::IMPLAUSIBLE_DATE;
        }
        let sealed_to_others = recipient_stanzas(sealed.ciphertext())
            .map_or(true, |s| !s.sealed_to_exactly(self.recipients));
        if sealed_to_others {
            flags |= flags::EXTRA_RECIPIENTS;
        }
        sink.add(index, &head);
        Checked::Good {
            index,
            case_code: head.case_code.clone(),
            bytes: sealed.into_ciphertext(),
            flags,
        }
    }
}
