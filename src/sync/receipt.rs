//! Receipts: the hub's signed word on what it now holds from one bundle.
//! The device verifies it and forgets the sealed copies.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, Verifier};
use serde::{Deserialize, Serialize};

use super::import::{ImportReport, Rejection};
use crate::crypto::{HubCard, SecretKeys};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ids::{BundleId, DeviceId, RecordId};
use crate::time::Timestamp;

/// The receipt format version this build reads and writes.
pub const RECEIPT_VERSION: u32 = 1;
const SIGNATURE_CONTEXT: &[u8] = b"qorgau-receipt-v1\n";

/// What the hub signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub receipt_version: u32,
    pub bundle_id: BundleId,
    pub hub_id: String,
    pub device_id: DeviceId,
    pub created_at: Timestamp,
    pub accepted: Vec<RecordId>,
    pub already_held: Vec<RecordId>,
    pub rejected: Vec<Rejection>,
}

/// The file: the receipt and its signature (plain keys before the table array).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReceiptFile {
    receipt_version: u32,
    bundle_id: BundleId,
    hub_id: String,
    device_id: DeviceId,
    created_at: Timestamp,
    accepted: Vec<RecordId>,
    already_held: Vec<RecordId>,
    signature: String,
    #[serde(default)]
    rejected: Vec<Rejection>,
}

/// Why a receipt was refused; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error("{0}\nthis is not a valid receipt: use the .receipt file the coordinator gave you")]
    Parse(Diagnostics),
    #[error("receipt version {0} is not supported: this qorgau reads version {RECEIPT_VERSION}")]
    Version(u32),
    #[error("this receipt is from another hub ({found}), not the coordinator this device syncs with ({expected})")]
    WrongHub { found: String, expected: String },
    #[error("this receipt is for another device ({found}), not this one ({expected})")]
    WrongDevice { found: DeviceId, expected: DeviceId },
    #[error("the receipt's signature does not match the coordinator's key: it was changed or forged; nothing was deleted")]
    BadSignature,
    /// The device's database, while applying a verified receipt.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// What acknowledging a receipt did on the device.
#[derive(Debug)]
pub struct Acknowledged {
    pub receipt: Receipt,
    /// Records the hub holds (accepted now or before), marked synced.
    pub held: usize,
    /// Sealed copies this receipt deleted.
    pub removed: usize,
}

/// Apply a receipt on the device. It is verified with the coordinator's
/// card trusted now, before an update that came with it can install a new
/// one; the records the hub holds are marked synced at the hub's time, not
/// this device's (a wrong device clock must not make purge remove summaries
/// early or never, reliability review P13); their sealed copies are
/// deleted, and the WAL emptied so the deleted ciphertext is not left in it.
///
/// `_unlocked` is the device's keys as `setup::unlock` returns them: the
/// unlock is what checks that the coordinator's card on disk is the one
/// this device was set up with, so a receipt is never verified against a
/// swapped card. The database is opened only after the receipt verified.
pub fn acknowledge(
    dir: &crate::datadir::DataDir,
    _unlocked: &SecretKeys,
    setup: &crate::setup::DeviceSetup,
    name: &str,
    source: &str,
) -> Result<Acknowledged, ReceiptError> {
    let receipt = Receipt::verify(name, source, &setup.hub, &setup.card.device_id)?;
    let mut store = crate::store::Store::open(&dir.device_database())?;
    let held: Vec<RecordId> = receipt
        .accepted
        .iter()
        .chain(&receipt.already_held)
        .cloned()
        .collect();
    let removed = store.mark_synced(&held, receipt.created_at)?;
    store.checkpoint()?;
    Ok(Acknowledged {
        held: held.len(),
        removed,
        receipt,
    })
}

impl Receipt {
    /// The receipt for an import.
    pub fn for_import(report: &ImportReport, hub_id: &str, now: Timestamp) -> Receipt {
        Receipt {
            receipt_version: RECEIPT_VERSION,
            bundle_id: report.bundle_id.clone(),
            hub_id: hub_id.to_owned(),
            device_id: report.device_id.clone(),
            created_at: now,
            accepted: report.accepted.clone(),
            // Erased at a person's request counts as held: the device
            // deletes its copy, and the record is gone everywhere.
            already_held: report
                .already_held
                .iter()
                .chain(&report.erased)
                .cloned()
                .collect(),
            rejected: report.rejected.clone(),
        }
    }

    #[allow(
        clippy::expect_used,
        reason = "serializing this plain struct (strings, numbers, lists) cannot fail; a silent empty value here would be signed or written"
    )]
    fn signed_bytes(&self) -> Vec<u8> {
        let mut bytes = SIGNATURE_CONTEXT.to_vec();
        bytes.extend(serde_json::to_vec(self).expect("a receipt serializes"));
        bytes
    }

    /// The signed receipt file.
    pub fn to_signed_toml(&self, keys: &SecretKeys) -> String {
        self.signed_by(&keys.signing)
    }

    /// The receipt file signed with the key of one of the hub's key
    /// generations: an import signs with the generation whose key opened the
    /// bundle, which is the card the device trusts (see `hub rotate-key`).
    #[allow(
        clippy::expect_used,
        reason = "serializing this plain struct (strings, numbers, lists) cannot fail; a silent empty value here would be signed or written"
    )]
    pub fn signed_by(&self, signing: &ed25519_dalek::SigningKey) -> String {
        let signature = signing.sign(&self.signed_bytes());
        let file = ReceiptFile {
            receipt_version: self.receipt_version,
            bundle_id: self.bundle_id.clone(),
            hub_id: self.hub_id.clone(),
            device_id: self.device_id.clone(),
            created_at: self.created_at,
            accepted: self.accepted.clone(),
            already_held: self.already_held.clone(),
            signature: BASE64.encode(signature.to_bytes()),
            rejected: self.rejected.clone(),
        };
        format!(
            "# Qorgau receipt: what the coordinator now holds from bundle {}.\n# On the device: qorgau ack THIS_FILE\n{}",
            self.bundle_id,
            toml::to_string(&file).expect("a receipt file serializes")
        )
    }

    /// Read a receipt and check it is from `hub`, for `device_id`, and untouched.
    pub fn verify(
        path: &str,
        source: &str,
        hub: &HubCard,
        device_id: &DeviceId,
    ) -> Result<Receipt, ReceiptError> {
        let file: ReceiptFile = toml::from_str(source).map_err(|e| {
            ReceiptError::Parse(Diagnostics(vec![Diagnostic::at(
                path,
                source,
                e.span().map_or(0, |s| s.start),
                e.message().trim_end().to_owned(),
            )]))
        })?;
        if file.receipt_version != RECEIPT_VERSION {
            return Err(ReceiptError::Version(file.receipt_version));
        }
        let receipt = Receipt {
            receipt_version: file.receipt_version,
            bundle_id: file.bundle_id,
            hub_id: file.hub_id,
            device_id: file.device_id,
            created_at: file.created_at,
            accepted: file.accepted,
            already_held: file.already_held,
            rejected: file.rejected,
        };
        // The ids first: a receipt for someone else gets the clearer message.
        if receipt.hub_id != hub.hub_id {
            return Err(ReceiptError::WrongHub {
                found: receipt.hub_id,
                expected: hub.hub_id.clone(),
            });
        }
        if receipt.device_id != *device_id {
            return Err(ReceiptError::WrongDevice {
                found: receipt.device_id,
                expected: device_id.clone(),
            });
        }
        let signature = BASE64
            .decode(file.signature.trim())
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
            .map(|b| Signature::from_bytes(&b))
            .ok_or(ReceiptError::BadSignature)?;
        hub.verifying_key
            .verify(&receipt.signed_bytes(), &signature)
            .map_err(|_| ReceiptError::BadSignature)?;
        Ok(receipt)
    }
}
