//! Row authentication at the hub: an HMAC-SHA256 key derived from the hub's
//! secret signing key. Whoever can write the hub's database but does not hold
//! the passphrase cannot make a device row or a record row that checks out
//! (security review F6), and erasure tombstones are keyed, so an old bundle
//! cannot be used to learn which records were erased (F3).

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::keys::SecretKeys;

type HmacSha256 = Hmac<Sha256>;

/// Domain separation: a tag for one purpose never verifies for another.
const DERIVATION: &[u8] = b"qorgau-hub-row-key-v1";

/// What a tag is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A trusted device's row (id, region, keys, enrolment and revocation).
    Device,
    /// A record's row (ids, protocol, time, bundle, checksum, case code key).
    Record,
    /// A tombstone: the device and record id of an erased record.
    Erased,
    /// The keyed form of a case code, to find collisions without storing it.
    CaseCode,
    /// The marker that every legacy row was sealed once.
    Marker,
    /// What a device last said it has installed.
    DeviceState,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Device => b"device",
            Purpose::Record => b"record",
            Purpose::Erased => b"erased",
            Purpose::CaseCode => b"case-code",
            Purpose::Marker => b"marker",
            Purpose::DeviceState => b"device-state",
        }
    }
}

/// The hub's row key (wiped from memory when dropped).
pub struct RowKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for RowKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RowKey(…)")
    }
}

impl RowKey {
    /// The key of a hub: derived from its secret signing key, so it needs the
    /// passphrase and changes with nothing else. After `hub rotate-key` it is
    /// still derived from the hub's first signing key (kept in the key file),
    /// so the rows written before the rotation keep checking out.
    pub fn derive(keys: &SecretKeys) -> RowKey {
        let seed = Zeroizing::new(keys.original_signing().to_bytes());
        let mut mac = hmac_with(&seed);
        mac.update(DERIVATION);
        let mut key = Zeroizing::new([0u8; 32]);
        key.copy_from_slice(&mac.finalize().into_bytes());
        RowKey(key)
    }

    fn mac(&self) -> HmacSha256 {
        hmac_with(&self.0)
    }

    /// The tag of `fields` for `purpose`. Each field is length-prefixed, so
    /// no two different lists of fields give the same input.
    pub fn tag(&self, purpose: Purpose, fields: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.mac();
        feed(&mut mac, purpose.label());
        for field in fields {
            feed(&mut mac, field);
        }
        let mut out = [0u8; 32];
        out.copy_from_slice(&mac.finalize().into_bytes());
        out
    }

    /// Whether `tag` is the tag of `fields` (compared in constant time).
    pub fn verify(&self, purpose: Purpose, fields: &[&[u8]], tag: &[u8]) -> bool {
        let mut mac = self.mac();
        feed(&mut mac, purpose.label());
        for field in fields {
            feed(&mut mac, field);
        }
        mac.verify_slice(tag).is_ok()
    }
}

fn feed(mac: &mut HmacSha256, field: &[u8]) {
    mac.update(&(field.len() as u64).to_be_bytes());
    mac.update(field);
}

/// HMAC with a 32-byte key: zero-padded to the block size, as HMAC itself
/// pads short keys, so no length check (and no failure) is needed.
fn hmac_with(key: &[u8; 32]) -> HmacSha256 {
    let mut block = Zeroizing::new([0u8; 64]);
    block[..32].copy_from_slice(key);
    <HmacSha256 as hmac::digest::KeyInit>::new(&(*block).into())
}

/// An optional text field as bytes for a tag: absent and empty differ.
pub fn optional(value: Option<&str>) -> Vec<u8> {
    match value {
        None => vec![0],
        Some(text) => {
            let mut bytes = vec![1];
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Role;

    #[test]
    fn tags_depend_on_key_purpose_and_field_boundaries() {
        let keys = SecretKeys::generate(
            Role::Hub,
            "h".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let other = SecretKeys::generate(
            Role::Hub,
            "h".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let key = RowKey::derive(&keys);
        let tag = key.tag(Purpose::Record, &[b"ab", b"c"]);
        assert!(key.verify(Purpose::Record, &[b"ab", b"c"], &tag));
        assert!(!key.verify(Purpose::Record, &[b"a", b"bc"], &tag));
        assert!(!key.verify(Purpose::Device, &[b"ab", b"c"], &tag));
        assert!(!RowKey::derive(&other).verify(Purpose::Record, &[b"ab", b"c"], &tag));
        assert_eq!(
            RowKey::derive(&keys).tag(Purpose::Record, &[b"ab", b"c"]),
            tag
        );
    }
}
