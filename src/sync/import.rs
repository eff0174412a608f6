//! `qorgau hub import`: decrypt, verify and store one bundle, all or nothing.
//!
//! The outer layer is opened with the hub's identity; the header names the
//! device, which must be enrolled and not revoked; every record must match
//! its checksum; the device's signature over the whole must verify; only
//! then does the one transaction commit. Each sealed record is also opened
//! (on every core) to check that it says what the header says.

use std::collections::BTreeSet;
use std::io::{BufReader, Read};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use ed25519_dalek::{Signature, Verifier};
use sha2::{Digest, Sha256};

use super::bundle::{
    signed_message, BundleHeader, BUNDLE_FORMAT, MAGIC, MAX_HEADER, MAX_RECORD, MAX_RECORDS,
};
use crate::crypto::keys::decode_verifying_key;
use crate::crypto::{HubSealed, SecretKeys};
use crate::record::{read_head, Record};
use crate::report::cache::SegmentBuilder;
use crate::store::hub::{BundleRow, HubStore, Inserted};
use crate::store::StoreError;

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
    #[error("it comes from device {0}, which is not enrolled here: enroll its card with `qorgau hub enroll` first")]
    UnknownDevice(String),
    #[error("it comes from device {device}, which was revoked on {at}")]
    RevokedDevice { device: String, at: String },
    #[error("it was made for hub {found}, not this hub ({expected})")]
    WrongHub { found: String, expected: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the workers found: records refused on their own (with why), the
/// facts of the rest, and whether the signature held.
type Opened = (Vec<(usize, String)>, Vec<SegmentBuilder>, bool);

/// What a worker found wrong with one record.
enum Problem {
    /// The bytes differ from the header's checksum: the bundle was changed.
    Checksum,
    /// The record itself cannot be accepted (the rest of the bundle can).
    Record(String),
}

/// A record refused on its own (the rest of the bundle is kept).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rejection {
    pub record_id: String,
    pub reason: String,
}

/// What an import did with one bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub bundle_id: String,
    pub device_id: String,
    pub created_at: String,
    pub accepted: Vec<String>,
    pub already_held: Vec<String>,
    pub rejected: Vec<Rejection>,
}

fn read_exact(input: &mut impl Read, buffer: &mut [u8]) -> Result<(), ImportError> {
    input.read_exact(buffer).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => ImportError::Truncated,
        _ => ImportError::Tampered(format!("the encrypted layer does not check out: {e}")),
    })
}

fn read_u32(input: &mut impl Read) -> Result<[u8; 4], ImportError> {
    let mut bytes = [0u8; 4];
    read_exact(input, &mut bytes)?;
    Ok(bytes)
}

/// How many threads open sealed records by default: one per core and two
/// more, so the cores stay busy while the main thread reads and stores.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) + 2
}

/// Whether `bytes` hash to the lower-case hex SHA-256 `expected`.
fn hash_matches(bytes: &[u8], expected: &str) -> bool {
    let digest = Sha256::digest(bytes);
    expected.len() == 64
        && digest
            .iter()
            .zip(expected.as_bytes().chunks(2))
            .all(|(byte, pair)| {
                std::str::from_utf8(pair)
                    .ok()
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                    == Some(*byte)
            })
}

/// Import one bundle read from `input`. `workers` threads open the sealed records.
pub fn import_bundle(
    hub: &mut HubStore,
    keys: &SecretKeys,
    input: impl Read,
    now: &str,
    workers: usize,
) -> Result<ImportReport, ImportError> {
    let decryptor = age::Decryptor::new_buffered(BufReader::with_capacity(256 * 1024, input))
        .map_err(|e| match e {
            age::DecryptError::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                ImportError::Truncated
            }
            other => ImportError::NotABundle(other.to_string()),
        })?;
    let mut stream = decryptor
        .decrypt(std::iter::once(&keys.identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => ImportError::NotForThisHub,
            other => ImportError::Tampered(other.to_string()),
        })?;

    let mut magic = [0u8; MAGIC.len()];
    read_exact(&mut stream, &mut magic)?;
    if &magic != MAGIC {
        return Err(ImportError::NotABundle("wrong magic bytes".to_owned()));
    }
    let length = read_u32(&mut stream)?;
    let header_len = u32::from_be_bytes(length);
    if header_len > MAX_HEADER {
        return Err(ImportError::NotABundle("header too large".to_owned()));
    }
    let mut header_bytes = vec![0u8; header_len as usize];
    read_exact(&mut stream, &mut header_bytes)?;
    // The signed digest: the header lists every record's hash.
    let digest = Sha256::new()
        .chain_update(magic)
        .chain_update(length)
        .chain_update(&header_bytes)
        .finalize();
    let header: BundleHeader = serde_json::from_slice(&header_bytes)
        .map_err(|e| ImportError::NotABundle(format!("unreadable header: {e}")))?;
    if header.format != BUNDLE_FORMAT {
        return Err(ImportError::NotABundle(format!(
            "bundle format {}, this qorgau reads format {BUNDLE_FORMAT}",
            header.format
        )));
    }
    if header.records.len() > MAX_RECORDS {
        return Err(ImportError::NotABundle("too many records".to_owned()));
    }
    let mut seen = BTreeSet::new();
    if let Some(twice) = header
        .records
        .iter()
        .find(|r| !seen.insert(r.record_id.as_str()))
    {
        return Err(ImportError::NotABundle(format!(
            "it lists record {} twice",
            twice.record_id
        )));
    }
    if header.bundle_id != header.content_id() {
        return Err(ImportError::Tampered(
            "the bundle id does not match its contents".to_owned(),
        ));
    }
    if header.hub_id != keys.id {
        return Err(ImportError::WrongHub {
            found: header.hub_id.clone(),
            expected: keys.id.clone(),
        });
    }
    let device = hub
        .device(&header.device_id)?
        .ok_or_else(|| ImportError::UnknownDevice(header.device_id.clone()))?;
    if let Some(at) = device.revoked_at {
        return Err(ImportError::RevokedDevice {
            device: header.device_id.clone(),
            at,
        });
    }
    let device_key = decode_verifying_key(&device.signing_key).ok_or_else(|| {
        ImportError::Store(StoreError::Other {
            path: hub.path().display().to_string(),
            detail: format!("the stored key of device {} is damaged", header.device_id),
        })
    })?;

    let tx = hub.begin_import()?;
    let mut inserted = BTreeSet::new();
    let mut conflicts = BTreeSet::new();
    let (failures, segments, signature_ok) =
        std::thread::scope(|scope| -> Result<Opened, ImportError> {
            // Records go to the workers in batches: fewer wake-ups and locks.
            let (work_tx, work_rx) = mpsc::sync_channel::<Vec<(usize, Vec<u8>)>>(16);
            let work_rx = Arc::new(Mutex::new(work_rx));
            let (result_tx, result_rx) = mpsc::channel::<(usize, Problem)>();
            let mut handles = Vec::new();
            for _ in 0..workers.max(1) {
                let work_rx = Arc::clone(&work_rx);
                let result_tx = result_tx.clone();
                let identity = &keys.identity;
                let header = &header;
                // Each worker writes the facts of the records it opened into
                // its own segment, so no serial work is left for the end.
                handles.push(scope.spawn(move || {
                    let mut segment = SegmentBuilder::default();
                    loop {
                        let next = work_rx.lock().map_or(None, |rx| rx.recv().ok());
                        let Some(batch) = next else { break };
                        for (index, bytes) in batch {
                            let listed = &header.records[index];
                            let result = if !hash_matches(&bytes, &listed.sha256) {
                                Err(Problem::Checksum)
                            } else {
                                // Decrypt the whole record (its integrity), read only its head.
                                match HubSealed::<Record>::from_ciphertext(bytes)
                                    .open_plaintext(identity)
                                    .map_err(|e| e.to_string())
                                    .and_then(|plain| read_head(&plain))
                                {
                                    Ok(head) if head.matches(listed, &header.device_id) => {
                                        segment.push(index, &head);
                                        Ok(())
                                    }
                                    Ok(_) => Err(Problem::Record(
                                        "its sealed content does not match the bundle's list"
                                            .to_owned(),
                                    )),
                                    Err(e) => Err(Problem::Record(format!(
                                        "cannot be opened with this hub's key ({e})"
                                    ))),
                                }
                            };
                            if let Err(problem) = result {
                                let _ = result_tx.send((index, problem));
                            }
                        }
                    }
                    segment
                }));
            }
            drop(result_tx);
            let feed = (|| -> Result<bool, ImportError> {
                const BATCH: usize = 32;
                let mut batch = Vec::with_capacity(BATCH);
                for (index, listed) in header.records.iter().enumerate() {
                    let len = u32::from_be_bytes(read_u32(&mut stream)?);
                    if len > MAX_RECORD {
                        return Err(ImportError::NotABundle("a record is too large".to_owned()));
                    }
                    let mut bytes = Vec::with_capacity(len as usize);
                    let read = (&mut stream)
                        .take(u64::from(len))
                        .read_to_end(&mut bytes)
                        .map_err(|e| {
                            ImportError::Tampered(format!(
                                "the encrypted layer does not check out: {e}"
                            ))
                        })?;
                    if read < len as usize {
                        return Err(ImportError::Truncated);
                    }
                    // Its checksum is checked by a worker, with the decryption.
                    match tx.insert_record(
                        listed,
                        &header.device_id,
                        &bytes,
                        &header.bundle_id,
                        now,
                    )? {
                        Inserted::New => {
                            inserted.insert(index);
                        }
                        Inserted::AlreadyHeld => {}
                        Inserted::Conflict => {
                            conflicts.insert(index);
                        }
                    }
                    batch.push((index, bytes));
                    if batch.len() == BATCH
                        && work_tx
                            .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                            .is_err()
                    {
                        break;
                    }
                }
                if !batch.is_empty() {
                    let _ = work_tx.send(batch);
                }
                let mut signature = [0u8; 64];
                read_exact(&mut stream, &mut signature)?;
                let mut rest = [0u8; 1];
                match stream.read(&mut rest) {
                    Ok(0) => {}
                    Ok(_) => {
                        return Err(ImportError::Tampered(
                            "there is data after the signature".to_owned(),
                        ))
                    }
                    Err(e) => {
                        return Err(ImportError::Tampered(format!(
                            "the encrypted layer does not check out: {e}"
                        )))
                    }
                }
                let message = signed_message(&digest);
                Ok(device_key
                    .verify(&message, &Signature::from_bytes(&signature))
                    .is_ok())
            })();
            drop(work_tx);
            let problems: Vec<(usize, Problem)> = result_rx.iter().collect();
            let segments: Vec<SegmentBuilder> = handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect();
            let signature_ok = feed?;
            let mut failures = Vec::new();
            for (index, problem) in problems {
                match problem {
                    Problem::Checksum => {
                        return Err(ImportError::Tampered(format!(
                            "record {} does not match its checksum",
                            header.records[index].record_id
                        )))
                    }
                    Problem::Record(reason) => failures.push((index, reason)),
                }
            }
            Ok((failures, segments, signature_ok))
        })?;
    if !signature_ok {
        return Err(ImportError::BadSignature);
    }

    let mut rejected_indexes = BTreeSet::new();
    let mut rejected = Vec::new();
    for &index in &conflicts {
        rejected_indexes.insert(index);
        rejected.push(Rejection {
            record_id: header.records[index].record_id.clone(),
            reason: "the hub holds a different record with this id".to_owned(),
        });
    }
    for (index, reason) in failures {
        if rejected_indexes.contains(&index) {
            continue;
        }
        let record_id = header.records[index].record_id.clone();
        if inserted.contains(&index) {
            tx.remove_record(&record_id, &header.bundle_id)?;
        }
        rejected_indexes.insert(index);
        rejected.push(Rejection { record_id, reason });
    }
    rejected.sort_by(|a, b| a.record_id.cmp(&b.record_id));
    let mut accepted = Vec::new();
    let mut already_held = Vec::new();
    for (index, listed) in header.records.iter().enumerate() {
        if rejected_indexes.contains(&index) {
            continue;
        }
        if inserted.contains(&index) {
            accepted.push(listed.record_id.clone());
        } else {
            already_held.push(listed.record_id.clone());
        }
    }
    // The facts of the records this import stored, for reports: encrypted,
    // one segment per worker. A record that was not stored is left out.
    let stored = |index: &usize| inserted.contains(index) && !rejected_indexes.contains(index);
    let recipients = [keys.identity.to_public()];
    for segment in segments.into_iter().filter(|s| !s.is_empty()) {
        let kept: std::collections::BTreeSet<String> = segment
            .indices
            .iter()
            .filter(|i| stored(i))
            .map(|&i| header.records[i].record_id.clone())
            .collect();
        let all_stored = kept.len() == segment.indices.len();
        let plaintext = segment.finish();
        let plaintext = if all_stored {
            plaintext
        } else if kept.is_empty() {
            continue;
        } else {
            let facts: Vec<_> = crate::report::cache::decode(&plaintext)
                .map_err(|e| ImportError::Tampered(e.to_string()))?
                .to_facts()
                .into_iter()
                .filter(|f| kept.contains(&f.record_id))
                .collect();
            crate::report::cache::encode(&facts)
        };
        let sealed = crate::report::cache::seal_plaintext(plaintext, &recipients)
            .map_err(|e| ImportError::Tampered(e.to_string()))?;
        tx.insert_facts(&header.bundle_id, kept.len(), &sealed)?;
    }
    tx.commit(&BundleRow {
        bundle_id: header.bundle_id.clone(),
        device_id: header.device_id.clone(),
        created_at: header.created_at.clone(),
        imported_at: now.to_owned(),
        records: header.records.len() as i64,
        accepted: accepted.len() as i64,
        already_held: already_held.len() as i64,
        rejected: rejected.len() as i64,
    })?;
    Ok(ImportReport {
        bundle_id: header.bundle_id,
        device_id: header.device_id,
        created_at: header.created_at,
        accepted,
        already_held,
        rejected,
    })
}
