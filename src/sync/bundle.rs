//! The bundle's inner layout (inside the age encryption), byte by byte:
//!
//! ```text
//! "QORGAU-BUNDLE\n"                      14 bytes, magic
//! u32 big-endian  header length           then the header, JSON (UTF-8)
//! per record, in header order:
//!   u32 big-endian  length                then the sealed record (an age file)
//! 64 bytes                                Ed25519 signature by the device
//! ```
//!
//! The signature is over `"qorgau-bundle-v1\n" || SHA-256(magic, header
//! length and header)`. The header lists every record's SHA-256, so the
//! signature covers the records too, and each record is hashed only once.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::record::RecordMeta;

pub const MAGIC: &[u8; 14] = b"QORGAU-BUNDLE\n";
/// The bundle format version this build reads and writes.
pub const BUNDLE_FORMAT: u32 = 1;
pub const SIGNATURE_CONTEXT: &[u8] = b"qorgau-bundle-v1\n";
/// Limits that keep a damaged or hostile file from taking all memory.
pub const MAX_HEADER: u32 = 256 * 1024 * 1024;
pub const MAX_RECORD: u32 = 16 * 1024 * 1024;
pub const MAX_RECORDS: usize = 2_000_000;

/// One record as listed in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRecord {
    pub record_id: String,
    pub protocol_id: String,
    pub protocol_version: String,
    pub finished_at: String,
    /// SHA-256 of the sealed record, lower-case hex.
    pub sha256: String,
}

impl BundleRecord {
    pub fn meta(&self, device_id: &str) -> RecordMeta {
        RecordMeta {
            record_id: self.record_id.clone(),
            device_id: device_id.to_owned(),
            protocol_id: self.protocol_id.clone(),
            protocol_version: self.protocol_version.clone(),
            finished_at: self.finished_at.clone(),
        }
    }
}

/// The bundle header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleHeader {
    pub format: u32,
    /// The content hash: see [`BundleHeader::content_id`].
    pub bundle_id: String,
    pub device_id: String,
    pub hub_id: String,
    pub created_at: String,
    pub records: Vec<BundleRecord>,
}

impl BundleHeader {
    /// SHA-256 over the device, hub, time and every record id with its hash:
    /// the same records exported again at the same moment give the same id.
    pub fn content_id(&self) -> String {
        let mut hash = Sha256::new();
        for part in [&self.device_id, &self.hub_id, &self.created_at] {
            hash.update(part.as_bytes());
            hash.update(b"\n");
        }
        for record in &self.records {
            hash.update(record.record_id.as_bytes());
            hash.update(b" ");
            hash.update(record.sha256.as_bytes());
            hash.update(b"\n");
        }
        format!("{:x}", hash.finalize())
    }
}

/// The message the device signs, given the digest of the bundle's bytes.
pub fn signed_message(digest: &[u8]) -> Vec<u8> {
    let mut message = SIGNATURE_CONTEXT.to_vec();
    message.extend_from_slice(digest);
    message
}
