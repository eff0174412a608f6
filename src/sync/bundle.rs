//! The bundle codec: one writer (export, tests) and one reader (import,
//! tests) that own the magic, the lengths, the limits, the digest and the
//! signature. The inner layout (inside the age encryption), byte by byte:
//!
//! ```text
//! formats 2 and 3 (3 written)              format 1 (still read)
//! "QORGAU-BUNDLE\n"      magic             "QORGAU-BUNDLE\n"
//! u32 BE  header length, header JSON       u32 BE  header length, header JSON
//! 64 bytes  Ed25519 signature              per record: u32 BE length, sealed record
//! per record: u32 BE length, sealed record 64 bytes  Ed25519 signature
//! ```
//!
//! The signature is over `context || SHA-256(magic, header length and
//! header)`, with context `"qorgau-bundle-v2\n"` (format 1:
//! `"qorgau-bundle-v1\n"`; format 3 is format 2 with the header's optional
//! `installed` field, and signs with the same context). The header lists every record's SHA-256, so the
//! signature covers the records too, and each record is hashed only once.
//! In format 2 the signature comes right after the header, so a forged
//! bundle is refused before any record is read (security review F13).

use std::io::{BufReader, Cursor, Read, Write};

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::device_state::{DeviceState, MAX_STATE_PROTOCOLS};
use crate::ids::{BundleId, DeviceId, RecordId};
use crate::record::view::HeadView;
use crate::record::RecordMeta;
use crate::time::Timestamp;

pub const MAGIC: &[u8; 14] = b"QORGAU-BUNDLE\n";
/// The bundle format version this build writes.
pub const BUNDLE_FORMAT: u32 = 3;
/// Every format version this build reads.
pub const READABLE_FORMATS: [u32; 3] = [1, 2, 3];
pub const SIGNATURE_CONTEXT_V1: &[u8] = b"qorgau-bundle-v1\n";
pub const SIGNATURE_CONTEXT_V2: &[u8] = b"qorgau-bundle-v2\n";
/// Limits that keep a damaged or hostile file from taking all memory.
pub const MAX_HEADER: u32 = 256 * 1024 * 1024;
pub const MAX_RECORD: u32 = 16 * 1024 * 1024;
pub const MAX_RECORDS: usize = 2_000_000;
/// The age header of a bundle must end within this many bytes (it is a few
/// hundred): a huge file without one is refused before age buffers it.
const MAX_AGE_HEADER: usize = 64 * 1024;

/// One record as listed in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRecord {
    pub record_id: RecordId,
    pub protocol_id: String,
    pub protocol_version: String,
    pub finished_at: Timestamp,
    /// SHA-256 of the sealed record, lower-case hex.
    pub sha256: String,
}

impl BundleRecord {
    pub fn meta(&self, device_id: &DeviceId) -> RecordMeta {
        RecordMeta {
            record_id: self.record_id.clone(),
            device_id: device_id.clone(),
            protocol_id: self.protocol_id.clone(),
            protocol_version: self.protocol_version.clone(),
            finished_at: self.finished_at,
        }
    }

    /// Whether a sealed record's head says what this entry says.
    pub fn matches(&self, head: &HeadView<'_>, device_id: &DeviceId) -> bool {
        head.record_id == self.record_id
            && head.device_id == *device_id
            && *head.protocol.id == self.protocol_id
            && *head.protocol.version == self.protocol_version
            && head.finished_at == self.finished_at
    }
}

/// The bundle header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleHeader {
    pub format: u32,
    /// The content hash: see [`BundleHeader::content_id`].
    pub bundle_id: BundleId,
    pub device_id: DeviceId,
    pub hub_id: String,
    pub created_at: Timestamp,
    pub records: Vec<BundleRecord>,
    /// Format 3, optional: what the device had in force when it exported,
    /// so the coordinator sees which devices run which versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installed: Option<DeviceState>,
}

impl BundleHeader {
    /// The header of a bundle in the format this build writes, its id
    /// computed from its contents.
    pub fn new(
        device_id: DeviceId,
        hub_id: String,
        created_at: Timestamp,
        records: Vec<BundleRecord>,
        installed: Option<DeviceState>,
    ) -> Self {
        let mut header = BundleHeader {
            format: BUNDLE_FORMAT,
            bundle_id: BundleId::of_digest(&[0; 32]),
            device_id,
            hub_id,
            created_at,
            records,
            installed,
        };
        header.bundle_id = header.content_id();
        header
    }

    /// SHA-256 over the device, hub, time and every record id with its hash:
    /// the same records exported again at the same moment give the same id.
    pub fn content_id(&self) -> BundleId {
        let mut hash = Sha256::new();
        for part in [
            self.device_id.as_str(),
            &self.hub_id,
            &self.created_at.to_string(),
        ] {
            hash.update(part.as_bytes());
            hash.update(b"\n");
        }
        for record in &self.records {
            hash.update(record.record_id.as_bytes());
            hash.update(b" ");
            hash.update(record.sha256.as_bytes());
            hash.update(b"\n");
        }
        BundleId::of_digest(&hash.finalize().into())
    }
}

/// Why a bundle could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
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
    #[error("record {index} of the bundle does not have the checksum its header lists")]
    RecordMismatch { index: usize },
    #[error("the bundle lists {listed} records but {written} were written")]
    Incomplete { listed: usize, written: usize },
    #[error("cannot write the bundle: {0}")]
    Write(#[source] std::io::Error),
    #[error("cannot encrypt the bundle: {0}")]
    Encrypt(String),
    #[error("cannot write the bundle's header: {0}")]
    Header(String),
}

/// The signed digest of the magic, header length and header.
fn header_digest(length: [u8; 4], header: &[u8]) -> [u8; 32] {
    Sha256::new()
        .chain_update(MAGIC)
        .chain_update(length)
        .chain_update(header)
        .finalize()
        .into()
}

/// The message the device signs, given the format and the header digest.
fn signed_message(format: u32, digest: &[u8; 32]) -> Vec<u8> {
    let mut message = if format == 1 {
        SIGNATURE_CONTEXT_V1.to_vec()
    } else {
        SIGNATURE_CONTEXT_V2.to_vec()
    };
    message.extend_from_slice(digest);
    message
}

/// Writes a format-2 bundle: header and signature first, then each record
/// in header order, each checked against its listed SHA-256.
pub struct BundleWriter<W: Write> {
    stream: age::stream::StreamWriter<W>,
    expected: Vec<String>,
    written: usize,
}

impl<W: Write> std::fmt::Debug for BundleWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BundleWriter({}/{})", self.written, self.expected.len())
    }
}

impl<W: Write> BundleWriter<W> {
    /// Start a bundle to `recipients` (the hub card's), signed by `signing`.
    pub fn new(
        output: W,
        recipients: &[age::x25519::Recipient],
        header: &BundleHeader,
        signing: &SigningKey,
    ) -> Result<Self, BundleError> {
        let header_json =
            serde_json::to_vec(header).map_err(|e| BundleError::Header(e.to_string()))?;
        let length = u32::try_from(header_json.len())
            .ok()
            .filter(|n| *n <= MAX_HEADER)
            .ok_or_else(|| BundleError::Header("it is too large".to_owned()))?
            .to_be_bytes();
        let signature = signing.sign(&signed_message(
            header.format,
            &header_digest(length, &header_json),
        ));
        let encryptor =
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| BundleError::Encrypt(e.to_string()))?;
        let mut stream = encryptor.wrap_output(output).map_err(BundleError::Write)?;
        for part in [
            MAGIC.as_slice(),
            length.as_slice(),
            &header_json,
            &signature.to_bytes(),
        ] {
            stream.write_all(part).map_err(BundleError::Write)?;
        }
        Ok(BundleWriter {
            stream,
            expected: header.records.iter().map(|r| r.sha256.clone()).collect(),
            written: 0,
        })
    }

    /// The next record's sealed bytes; they must hash to the listed SHA-256.
    pub fn write_record(&mut self, sealed: &[u8]) -> Result<(), BundleError> {
        let index = self.written;
        let expected = self
            .expected
            .get(index)
            .ok_or(BundleError::RecordMismatch { index })?;
        let length = u32::try_from(sealed.len())
            .ok()
            .filter(|n| *n <= MAX_RECORD)
            .ok_or(BundleError::RecordMismatch { index })?;
        if !crate::crypto::sha256_matches(sealed, expected) {
            return Err(BundleError::RecordMismatch { index });
        }
        self.stream
            .write_all(&length.to_be_bytes())
            .and_then(|()| self.stream.write_all(sealed))
            .map_err(BundleError::Write)?;
        self.written += 1;
        Ok(())
    }

    /// Close the encryption; every listed record must have been written.
    pub fn finish(self) -> Result<W, BundleError> {
        if self.written != self.expected.len() {
            return Err(BundleError::Incomplete {
                listed: self.expected.len(),
                written: self.written,
            });
        }
        self.stream.finish().map_err(BundleError::Write)
    }
}

type Inner<R> = BufReader<std::io::Chain<Cursor<Vec<u8>>, R>>;

/// Reads a bundle of format 1 or 2: the header first (checked for form and
/// content id), then the records one by one, then the end.
pub struct BundleReader<R: Read> {
    stream: age::stream::StreamReader<Inner<R>>,
    header: BundleHeader,
    digest: [u8; 32],
    /// Format 2: read right after the header.
    signature: Option<[u8; 64]>,
    next: usize,
}

impl<R: Read> std::fmt::Debug for BundleReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "BundleReader({}, {}/{})",
            self.header.bundle_id,
            self.next,
            self.header.records.len()
        )
    }
}

fn read_exact(input: &mut impl Read, buffer: &mut [u8]) -> Result<(), BundleError> {
    input.read_exact(buffer).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => BundleError::Truncated,
        _ => BundleError::Tampered(format!("the encrypted layer does not check out: {e}")),
    })
}

fn read_u32(input: &mut impl Read) -> Result<[u8; 4], BundleError> {
    let mut bytes = [0u8; 4];
    read_exact(input, &mut bytes)?;
    Ok(bytes)
}

/// Read up to the end of the age header (bounded), so that a file with no
/// age header is refused before the age crate buffers it whole.
fn age_prefix(input: &mut impl Read) -> Result<Vec<u8>, BundleError> {
    let mut prefix = Vec::with_capacity(4096);
    input
        .take(MAX_AGE_HEADER as u64)
        .read_to_end(&mut prefix)
        .map_err(|e| BundleError::NotABundle(e.to_string()))?;
    if prefix.is_empty() {
        return Err(BundleError::Truncated);
    }
    if !prefix.starts_with(b"age-encryption.org/v1\n") {
        return Err(BundleError::NotABundle(
            "it does not start like an age-encrypted file".to_owned(),
        ));
    }
    let has_end = prefix
        .windows(5)
        .position(|w| w == b"\n--- ")
        .is_some_and(|at| prefix[at + 5..].contains(&b'\n'));
    if !has_end && prefix.len() == MAX_AGE_HEADER {
        return Err(BundleError::NotABundle(
            "its encryption header does not end where a bundle's does".to_owned(),
        ));
    }
    Ok(prefix)
}

impl<R: Read> BundleReader<R> {
    /// Open the age layer with `identity` and read the header.
    pub fn open(mut input: R, identity: &age::x25519::Identity) -> Result<Self, BundleError> {
        let prefix = age_prefix(&mut input)?;
        let buffered = BufReader::with_capacity(256 * 1024, Cursor::new(prefix).chain(input));
        let decryptor = age::Decryptor::new_buffered(buffered).map_err(|e| match e {
            age::DecryptError::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                BundleError::Truncated
            }
            other => BundleError::NotABundle(other.to_string()),
        })?;
        let mut stream = decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => BundleError::NotForThisHub,
                other => BundleError::Tampered(other.to_string()),
            })?;
        let mut magic = [0u8; MAGIC.len()];
        read_exact(&mut stream, &mut magic)?;
        if &magic != MAGIC {
            return Err(BundleError::NotABundle("wrong magic bytes".to_owned()));
        }
        let length = read_u32(&mut stream)?;
        let header_len = u32::from_be_bytes(length);
        if header_len > MAX_HEADER {
            return Err(BundleError::NotABundle("header too large".to_owned()));
        }
        let mut header_bytes = vec![0u8; header_len as usize];
        read_exact(&mut stream, &mut header_bytes)?;
        let digest = header_digest(length, &header_bytes);
        let header: BundleHeader = serde_json::from_slice(&header_bytes)
            .map_err(|e| BundleError::NotABundle(format!("unreadable header: {e}")))?;
        if !READABLE_FORMATS.contains(&header.format) {
            return Err(BundleError::NotABundle(format!(
                "bundle format {}, this qorgau reads formats 1 to {BUNDLE_FORMAT}: update qorgau on this computer",
                header.format
            )));
        }
        if header.format < 3 && header.installed.is_some() {
            return Err(BundleError::NotABundle(format!(
                "bundle format {} cannot say what the device has installed",
                header.format
            )));
        }
        if header
            .installed
            .as_ref()
            .is_some_and(|s| s.protocols.len() > MAX_STATE_PROTOCOLS)
        {
            return Err(BundleError::NotABundle(
                "it lists too many protocols".to_owned(),
            ));
        }
        if header.records.len() > MAX_RECORDS {
            return Err(BundleError::NotABundle("too many records".to_owned()));
        }
        let mut seen = std::collections::HashSet::with_capacity(header.records.len());
        if let Some(twice) = header
            .records
            .iter()
            .find(|r| !seen.insert(r.record_id.as_str()))
        {
            return Err(BundleError::NotABundle(format!(
                "it lists record {} twice",
                twice.record_id
            )));
        }
        if header.bundle_id != header.content_id() {
            return Err(BundleError::Tampered(
                "the bundle id does not match its contents".to_owned(),
            ));
        }
        let signature = if header.format >= 2 {
            let mut signature = [0u8; 64];
            read_exact(&mut stream, &mut signature)?;
            Some(signature)
        } else {
            None
        };
        Ok(BundleReader {
            stream,
            header,
            digest,
            signature,
            next: 0,
        })
    }

    pub fn header(&self) -> &BundleHeader {
        &self.header
    }

    /// Whether the signature is known before the records (format 2).
    pub fn signature_first(&self) -> bool {
        self.signature.is_some()
    }

    fn check(&self, key: &VerifyingKey, signature: &[u8; 64]) -> Result<(), BundleError> {
        key.verify(
            &signed_message(self.header.format, &self.digest),
            &Signature::from_bytes(signature),
        )
        .map_err(|_| BundleError::BadSignature)
    }

    /// Format 2: check the device's signature now, before any record is
    /// read. Format 1 carries it at the end: [`BundleReader::finish`] checks it.
    pub fn verify_signature(&self, key: &VerifyingKey) -> Result<(), BundleError> {
        match &self.signature {
            Some(signature) => self.check(key, signature),
            None => Ok(()),
        }
    }

    /// The next record's index and sealed bytes (not yet checked against
    /// the header's hash), or `None` after the last.
    pub fn next_record(&mut self) -> Result<Option<(usize, Vec<u8>)>, BundleError> {
        if self.next == self.header.records.len() {
            return Ok(None);
        }
        let len = u32::from_be_bytes(read_u32(&mut self.stream)?);
        if len > MAX_RECORD {
            return Err(BundleError::NotABundle("a record is too large".to_owned()));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        let read = (&mut self.stream)
            .take(u64::from(len))
            .read_to_end(&mut bytes)
            .map_err(|e| {
                BundleError::Tampered(format!("the encrypted layer does not check out: {e}"))
            })?;
        if read < len as usize {
            return Err(BundleError::Truncated);
        }
        let index = self.next;
        self.next += 1;
        Ok(Some((index, bytes)))
    }

    /// After the last record: format 1's signature must verify with `key`,
    /// and nothing may follow.
    pub fn finish(mut self, key: &VerifyingKey) -> Result<(), BundleError> {
        if self.next != self.header.records.len() {
            return Err(BundleError::Incomplete {
                listed: self.header.records.len(),
                written: self.next,
            });
        }
        if self.signature.is_none() {
            let mut signature = [0u8; 64];
            read_exact(&mut self.stream, &mut signature)?;
            self.ensure_end()?;
            return self.check(key, &signature);
        }
        self.ensure_end()
    }

    fn ensure_end(&mut self) -> Result<(), BundleError> {
        let mut rest = [0u8; 1];
        match self.stream.read(&mut rest) {
            Ok(0) => Ok(()),
            Ok(_) => Err(BundleError::Tampered(
                "there is data after the last record".to_owned(),
            )),
            Err(e) => Err(BundleError::Tampered(format!(
                "the encrypted layer does not check out: {e}"
            ))),
        }
    }
}
