//! `qorgau export`: every finished record not yet acknowledged, in one
//! signed bundle encrypted to the hub. Streams record by record, so memory
//! stays small however many records there are.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use ed25519_dalek::Signer;
use sha2::{Digest, Sha256};

use super::bundle::{signed_message, BundleHeader, BundleRecord, BUNDLE_FORMAT, MAGIC};
use crate::crypto::SecretKeys;
use crate::setup::DeviceSetup;
use crate::store::{Store, StoreError};

/// Problems exporting; nothing is left half-written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("record {0} on this device does not match its stored checksum: the database is damaged; do not delete it, ask for help")]
    Damaged(String),
    #[error("cannot write {path}: {detail}; check the path and free space")]
    Write { path: String, detail: String },
    #[error("{path} already exists: choose another file name (qorgau never overwrites a bundle)")]
    Exists { path: String },
    #[error("cannot encrypt the bundle: {0}")]
    Encrypt(String),
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub bundle_id: String,
    pub records: usize,
    pub bytes: u64,
}

/// Write a bundle of every pending record to `path`. Returns `None`, writing
/// nothing, when there is nothing to send.
pub fn export_bundle(
    store: &Store,
    setup: &DeviceSetup,
    keys: &SecretKeys,
    path: &Path,
    now: &str,
) -> Result<Option<Exported>, ExportError> {
    let pending = store.pending()?;
    if pending.is_empty() {
        return Ok(None);
    }
    if path.exists() {
        return Err(ExportError::Exists {
            path: path.display().to_string(),
        });
    }
    let mut header = BundleHeader {
        format: BUNDLE_FORMAT,
        bundle_id: String::new(),
        device_id: setup.card.device_id.clone(),
        hub_id: setup.hub.hub_id.clone(),
        created_at: now.to_owned(),
        records: pending
            .into_iter()
            .map(|p| BundleRecord {
                record_id: p.record_id,
                protocol_id: p.protocol_id,
                protocol_version: p.protocol_version,
                finished_at: p.finished_at,
                sha256: p.sealed_sha256,
            })
            .collect(),
    };
    header.bundle_id = header.content_id();

    // Write beside the target and rename at the end: a crash never leaves
    // a half bundle under the real name.
    let temporary = path.with_extension("partial");
    // A leftover from an export that was cut off is ours to replace.
    let _ = fs::remove_file(&temporary);
    let fail = |e: std::io::Error| ExportError::Write {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let result = (|| -> Result<u64, ExportError> {
        let file = crate::store::create_private_file(&temporary).map_err(fail)?;
        let encryptor = age::Encryptor::with_recipients(
            setup
                .hub
                .recipients
                .iter()
                .map(|r| r as &dyn age::Recipient),
        )
        .map_err(|e| ExportError::Encrypt(e.to_string()))?;
        let mut writer = encryptor.wrap_output(BufWriter::new(file)).map_err(fail)?;
        let header_json =
            serde_json::to_vec(&header).map_err(|e| ExportError::Encrypt(e.to_string()))?;
        let length = (header_json.len() as u32).to_be_bytes();
        // The signature covers the header, which lists every record's hash.
        let digest = Sha256::new()
            .chain_update(MAGIC)
            .chain_update(length)
            .chain_update(&header_json)
            .finalize();
        writer.write_all(MAGIC).map_err(fail)?;
        writer.write_all(&length).map_err(fail)?;
        writer.write_all(&header_json).map_err(fail)?;
        for record in &header.records {
            let sealed = store.sealed(&record.record_id)?;
            let bytes = sealed.ciphertext();
            if format!("{:x}", Sha256::digest(bytes)) != record.sha256 {
                return Err(ExportError::Damaged(record.record_id.clone()));
            }
            writer
                .write_all(&(bytes.len() as u32).to_be_bytes())
                .map_err(fail)?;
            writer.write_all(bytes).map_err(fail)?;
        }
        let signature = keys.signing.sign(&signed_message(&digest));
        writer.write_all(&signature.to_bytes()).map_err(fail)?;
        let mut inner = writer.finish().map_err(fail)?;
        inner.flush().map_err(fail)?;
        let file = inner.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        Ok(file.metadata().map_err(fail)?.len())
    })();
    match result {
        Ok(bytes) => {
            fs::rename(&temporary, path).map_err(fail)?;
            Ok(Some(Exported {
                bundle_id: header.bundle_id,
                records: header.records.len(),
                bytes,
            }))
        }
        Err(e) => {
            let _ = fs::remove_file(&temporary);
            Err(e)
        }
    }
}
