//! The update pack codec: one writer (the hub's `publish`) and one reader
//! (the device's `update` and `ack`, the hub's own catalog). The layout,
//! byte by byte (`docs/update-format.md`):
//!
//! ```text
//! "QORGAU-UPDATE\n"                  magic, 14 bytes
//! u32 BE  manifest length M          at most 1 MiB
//! M bytes manifest, JSON (UTF-8)
//! 64 bytes Ed25519 signature         by the hub, over the manifest
//! per file, in manifest order:
//!   u32 BE  length L                 equal to the manifest's `size`
//!   L bytes the file
//! ```
//!
//! The signature is over `"qorgau-update-v1\n" || SHA-256(magic, manifest
//! length and manifest)`. The manifest lists every file's SHA-256, so the
//! signature covers the files too; it comes right after the manifest, so a
//! reader checks it before reading any file. Not encrypted: protocols and
//! contact numbers are public.

use std::collections::BTreeSet;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::crypto::keys::{decode_verifying_key, encode_verifying_key};
use crate::time::Timestamp;

pub const MAGIC: &[u8; 14] = b"QORGAU-UPDATE\n";
/// The pack format version this build writes and reads.
pub const PACK_FORMAT: u32 = 1;
/// Domain separation of the pack signature.
pub const SIGNATURE_CONTEXT: &[u8] = b"qorgau-update-v1\n";
/// Domain separation of a key link (an old hub key vouching for the next).
pub const KEY_LINK_CONTEXT: &[u8] = b"qorgau-hub-key-v1\n";
/// Limits that keep a damaged or hostile pack from taking all memory.
pub const MAX_MANIFEST: u32 = 1024 * 1024;
pub const MAX_FILE: u32 = 2 * 1024 * 1024;
pub const MAX_FILES: usize = 256;
pub const MAX_LINKS: usize = 64;
pub const MAX_WITHDRAWN: usize = 1024;
/// The largest pack file read.
pub const MAX_PACK: u64 = 32 * 1024 * 1024;

/// Where a file of a pack belongs: the only three kinds a pack may carry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PackPath {
    /// `protocols/<id>/<version>.toml`
    Protocol {
        id: String,
        version: semver::Version,
    },
    /// `referrals/<country>/<version>.toml`
    Directory {
        country: String,
        version: semver::Version,
    },
    /// `hub-card.toml`: the hub's card now in force.
    HubCard,
}

impl PackPath {
    /// Read a manifest path; `None` for anything else.
    pub fn parse(path: &str) -> Option<PackPath> {
        if path == "hub-card.toml" {
            return Some(PackPath::HubCard);
        }
        let mut parts = path.split('/');
        let (kind, name, file) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let version = semver::Version::parse(file.strip_suffix(".toml")?).ok()?;
        match kind {
            "protocols"
                if !name.is_empty()
                    && name.len() <= 64
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
            {
                Some(PackPath::Protocol {
                    id: name.to_owned(),
                    version,
                })
            }
            "referrals" if name.len() == 2 && name.bytes().all(|b| b.is_ascii_lowercase()) => {
                Some(PackPath::Directory {
                    country: name.to_owned(),
                    version,
                })
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for PackPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackPath::Protocol { id, version } => write!(f, "protocols/{id}/{version}.toml"),
            PackPath::Directory { country, version } => {
                write!(f, "referrals/{country}/{version}.toml")
            }
            PackPath::HubCard => f.write_str("hub-card.toml"),
        }
    }
}

/// One file as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub path: String,
    pub size: u32,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
}

/// An old hub signing key vouching for the next one (`hub rotate-key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyLink {
    /// The old public signing key, base64.
    pub from: String,
    /// The next public signing key, base64.
    pub to: String,
    /// Ed25519 by `from` over `"qorgau-hub-key-v1\n" || hub_id || "\n" || to (32 bytes)`, base64.
    pub signature: String,
}

impl KeyLink {
    fn message(hub_id: &str, to: &VerifyingKey) -> Vec<u8> {
        let mut message = KEY_LINK_CONTEXT.to_vec();
        message.extend_from_slice(hub_id.as_bytes());
        message.push(b'\n');
        message.extend_from_slice(&to.to_bytes());
        message
    }

    /// The link by which `old` vouches for `new` for this hub.
    pub fn new(hub_id: &str, old: &SigningKey, new: &VerifyingKey) -> KeyLink {
        KeyLink {
            from: encode_verifying_key(&old.verifying_key()),
            to: encode_verifying_key(new),
            signature: BASE64.encode(old.sign(&Self::message(hub_id, new)).to_bytes()),
        }
    }

    /// The next key, if `from` really signed this link.
    fn verify(&self, hub_id: &str) -> Option<(VerifyingKey, VerifyingKey)> {
        let from = decode_verifying_key(&self.from)?;
        let to = decode_verifying_key(&self.to)?;
        let signature = BASE64
            .decode(self.signature.trim())
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
            .map(|b| Signature::from_bytes(&b))?;
        from.verify(&Self::message(hub_id, &to), &signature).ok()?;
        Some((from, to))
    }
}

/// The signed list of what a pack carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    /// The publishing hub (its cards' `hub_id`; unchanged by a key rotation).
    pub hub_id: String,
    /// One more than the hub's previous pack: devices install only newer ones.
    pub sequence: u64,
    pub created_at: Timestamp,
    pub files: Vec<ManifestFile>,
    /// `id@version` of protocol versions no new screening may start with.
    pub withdrawn: Vec<String>,
    /// Every rotation of the hub's signing key, oldest first.
    pub key_chain: Vec<KeyLink>,
}

/// Why a pack could not be read or does not check out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("it is not a Qorgau update pack ({0})")]
    NotAPack(String),
    #[error("it is incomplete (cut short while copying?)")]
    Truncated,
    #[error("it was published by another coordinator (hub {found}), not the one this device trusts ({expected})")]
    WrongHub { found: String, expected: String },
    #[error("its signature does not match the coordinator's key (changed, or not made by the coordinator)")]
    BadSignature,
    #[error(
        "{0} was changed after the coordinator signed the pack (it does not match its checksum)"
    )]
    Tampered(String),
}

/// The signed digest of the magic, manifest length and manifest.
fn manifest_digest(length: [u8; 4], manifest: &[u8]) -> [u8; 32] {
    Sha256::new()
        .chain_update(MAGIC)
        .chain_update(length)
        .chain_update(manifest)
        .finalize()
        .into()
}

fn signed_message(digest: &[u8; 32]) -> Vec<u8> {
    let mut message = SIGNATURE_CONTEXT.to_vec();
    message.extend_from_slice(digest);
    message
}

/// Write a pack: the manifest is completed with each file's size and
/// SHA-256, in the order given, and signed with `signing`.
pub fn write_pack(
    hub_id: &str,
    sequence: u64,
    created_at: Timestamp,
    files: &[(PackPath, Vec<u8>)],
    withdrawn: &[String],
    key_chain: &[KeyLink],
    signing: &SigningKey,
) -> Result<Vec<u8>, PackError> {
    let too_large = |what: &str| PackError::NotAPack(format!("{what} is too large"));
    if files.len() > MAX_FILES {
        return Err(too_large("the list of files"));
    }
    let mut listed = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let size = u32::try_from(bytes.len())
            .ok()
            .filter(|n| *n <= MAX_FILE)
            .ok_or_else(|| too_large(&path.to_string()))?;
        listed.push(ManifestFile {
            path: path.to_string(),
            size,
            sha256: crate::crypto::sha256_hex(bytes),
        });
    }
    let manifest = Manifest {
        format: PACK_FORMAT,
        hub_id: hub_id.to_owned(),
        sequence,
        created_at,
        files: listed,
        withdrawn: withdrawn.to_vec(),
        key_chain: key_chain.to_vec(),
    };
    let json = serde_json::to_vec(&manifest).map_err(|e| PackError::NotAPack(e.to_string()))?;
    let length = u32::try_from(json.len())
        .ok()
        .filter(|n| *n <= MAX_MANIFEST)
        .ok_or_else(|| too_large("the manifest"))?
        .to_be_bytes();
    let signature = signing.sign(&signed_message(&manifest_digest(length, &json)));
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&length);
    out.extend_from_slice(&json);
    out.extend_from_slice(&signature.to_bytes());
    for (_, bytes) in files {
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    Ok(out)
}

/// A pack whose manifest was read but not yet verified: only what is
/// needed to check it is available.
#[derive(Debug)]
pub struct UnverifiedPack<'a> {
    manifest: Manifest,
    digest: [u8; 32],
    signature: [u8; 64],
    /// The bytes after the signature: the files.
    body: &'a [u8],
}

/// A file of a verified pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    pub path: PackPath,
    pub bytes: Vec<u8>,
}

/// A pack whose signature and every file checked out.
#[derive(Debug, Clone)]
pub struct VerifiedPack {
    pub manifest: Manifest,
    pub files: Vec<PackFile>,
    /// The key that signed it: the trusted one, or the end of its key chain.
    pub signed_by: VerifyingKey,
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Result<&'a [u8], PackError> {
    if bytes.len() < n {
        return Err(PackError::Truncated);
    }
    let (head, rest) = bytes.split_at(n);
    *bytes = rest;
    Ok(head)
}

fn take_u32(bytes: &mut &[u8]) -> Result<([u8; 4], u32), PackError> {
    let raw: [u8; 4] = take(bytes, 4)?
        .try_into()
        .map_err(|_| PackError::Truncated)?;
    Ok((raw, u32::from_be_bytes(raw)))
}

/// Read the magic, the manifest and the signature (not yet checked).
pub fn read_pack(bytes: &[u8]) -> Result<UnverifiedPack<'_>, PackError> {
    let mut rest = bytes;
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) {
            PackError::Truncated
        } else {
            PackError::NotAPack("wrong magic bytes".to_owned())
        });
    }
    if take(&mut rest, MAGIC.len())? != MAGIC {
        return Err(PackError::NotAPack("wrong magic bytes".to_owned()));
    }
    let (raw_length, length) = take_u32(&mut rest)?;
    if length > MAX_MANIFEST {
        return Err(PackError::NotAPack("the manifest is too large".to_owned()));
    }
    let json = take(&mut rest, length as usize)?;
    let digest = manifest_digest(raw_length, json);
    let manifest: Manifest = serde_json::from_slice(json)
        .map_err(|e| PackError::NotAPack(format!("unreadable manifest: {e}")))?;
    if manifest.format != PACK_FORMAT {
        return Err(PackError::NotAPack(format!(
            "pack format {}, this qorgau reads format {PACK_FORMAT}: update qorgau on this computer",
            manifest.format
        )));
    }
    if manifest.files.len() > MAX_FILES
        || manifest.key_chain.len() > MAX_LINKS
        || manifest.withdrawn.len() > MAX_WITHDRAWN
    {
        return Err(PackError::NotAPack(
            "its manifest lists too much".to_owned(),
        ));
    }
    let signature: [u8; 64] = take(&mut rest, 64)?
        .try_into()
        .map_err(|_| PackError::Truncated)?;
    Ok(UnverifiedPack {
        manifest,
        digest,
        signature,
        body: rest,
    })
}

impl UnverifiedPack<'_> {
    /// What the manifest says, before it is verified (for messages only).
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The key that must have signed the pack, given the key this reader
    /// trusts: the trusted key itself, or where the chain of rotations
    /// leads from it. `None`: the chain does not start from the trusted
    /// key, or a link was not signed by its old key.
    fn signer(&self, trusted: &VerifyingKey) -> Option<VerifyingKey> {
        let chain = &self.manifest.key_chain;
        let trusted_text = encode_verifying_key(trusted);
        let Some(start) = chain.iter().position(|l| l.from == trusted_text) else {
            return Some(*trusted);
        };
        let mut current = *trusted;
        for link in &chain[start..] {
            let (from, to) = link.verify(&self.manifest.hub_id)?;
            if from != current {
                return None;
            }
            current = to;
        }
        Some(current)
    }

    /// Check the pack against the coordinator this reader trusts (its hub
    /// id and signing key), then read every file and check its checksum.
    pub fn verify(self, hub_id: &str, trusted: &VerifyingKey) -> Result<VerifiedPack, PackError> {
        if self.manifest.hub_id != hub_id {
            return Err(PackError::WrongHub {
                found: self.manifest.hub_id.clone(),
                expected: hub_id.to_owned(),
            });
        }
        let signer = self.signer(trusted).ok_or(PackError::BadSignature)?;
        signer
            .verify(
                &signed_message(&self.digest),
                &Signature::from_bytes(&self.signature),
            )
            .map_err(|_| PackError::BadSignature)?;
        // Signed: the manifest is the coordinator's. Now the files.
        let mut seen = BTreeSet::new();
        let mut rest = self.body;
        let mut files = Vec::with_capacity(self.manifest.files.len());
        for listed in &self.manifest.files {
            let path = PackPath::parse(&listed.path).ok_or_else(|| {
                PackError::NotAPack(format!("it names a file it may not carry: {}", listed.path))
            })?;
            // One directory per country, each file once.
            let slot = match &path {
                PackPath::Directory { country, .. } => format!("referrals/{country}"),
                other => other.to_string(),
            };
            if !seen.insert(slot) {
                return Err(PackError::NotAPack(format!(
                    "it lists {} twice",
                    listed.path
                )));
            }
            if listed.size > MAX_FILE {
                return Err(PackError::NotAPack(format!("{} is too large", listed.path)));
            }
            let (_, length) = take_u32(&mut rest)?;
            if length != listed.size {
                return Err(PackError::Tampered(listed.path.clone()));
            }
            let bytes = take(&mut rest, length as usize)?;
            if !crate::crypto::sha256_matches(bytes, &listed.sha256) {
                return Err(PackError::Tampered(listed.path.clone()));
            }
            files.push(PackFile {
                path,
                bytes: bytes.to_vec(),
            });
        }
        if !rest.is_empty() {
            return Err(PackError::Tampered(
                "the end of the pack (there is data after the last file)".to_owned(),
            ));
        }
        Ok(VerifiedPack {
            manifest: self.manifest,
            files,
            signed_by: signer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    fn pack(signing: &SigningKey, chain: &[KeyLink]) -> Vec<u8> {
        write_pack(
            "hub-1",
            3,
            "2026-12-01T09:00:00Z".parse().unwrap(),
            &[(PackPath::HubCard, b"card".to_vec())],
            &["border-checkpoint@1.0.0".to_owned()],
            chain,
            signing,
        )
        .unwrap()
    }

    #[test]
    fn paths_are_only_the_three_kinds() {
        assert_eq!(
            PackPath::parse("protocols/border-checkpoint/2.0.0.toml"),
            Some(PackPath::Protocol {
                id: "border-checkpoint".into(),
                version: semver::Version::new(2, 0, 0)
            })
        );
        assert!(PackPath::parse("referrals/kz/1.1.0.toml").is_some());
        assert_eq!(PackPath::parse("hub-card.toml"), Some(PackPath::HubCard));
        for bad in [
            "protocols/../x/1.0.0.toml",
            "protocols/X/1.0.0.toml",
            "protocols/x/1.0.toml",
            "protocols/x/1.0.0.toml/y",
            "referrals/kaz/1.0.0.toml",
            "device-key.age",
            "/etc/passwd",
            "",
        ] {
            assert_eq!(PackPath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_pack_verifies_only_with_the_trusted_key_or_its_chain() {
        let old = SigningKey::generate(&mut OsRng);
        let new = SigningKey::generate(&mut OsRng);
        let stranger = SigningKey::generate(&mut OsRng);
        let plain = pack(&old, &[]);
        assert!(read_pack(&plain)
            .unwrap()
            .verify("hub-1", &old.verifying_key())
            .is_ok());
        assert_eq!(
            read_pack(&plain)
                .unwrap()
                .verify("hub-1", &new.verifying_key())
                .unwrap_err(),
            PackError::BadSignature
        );
        assert!(matches!(
            read_pack(&plain)
                .unwrap()
                .verify("hub-2", &old.verifying_key()),
            Err(PackError::WrongHub { .. })
        ));
        // After a rotation the new key signs, and the old one vouches for it.
        let link = KeyLink::new("hub-1", &old, &new.verifying_key());
        let rotated = pack(&new, std::slice::from_ref(&link));
        let verified = read_pack(&rotated)
            .unwrap()
            .verify("hub-1", &old.verifying_key())
            .unwrap();
        assert_eq!(verified.signed_by, new.verifying_key());
        assert!(read_pack(&rotated)
            .unwrap()
            .verify("hub-1", &new.verifying_key())
            .is_ok());
        // A link the old key did not sign, or one for another hub, is refused.
        let forged = KeyLink::new("hub-1", &stranger, &stranger.verifying_key());
        let mut forged = forged.clone();
        forged.from = encode_verifying_key(&old.verifying_key());
        let bad = pack(&stranger, &[forged]);
        assert_eq!(
            read_pack(&bad)
                .unwrap()
                .verify("hub-1", &old.verifying_key())
                .unwrap_err(),
            PackError::BadSignature
        );
        let other_hub = KeyLink::new("hub-2", &old, &stranger.verifying_key());
        let bad = pack(&stranger, &[other_hub]);
        assert_eq!(
            read_pack(&bad)
                .unwrap()
                .verify("hub-1", &old.verifying_key())
                .unwrap_err(),
            PackError::BadSignature
        );
    }

    #[test]
    fn every_byte_is_covered_and_every_cut_is_seen() {
        let key = SigningKey::generate(&mut OsRng);
        let bytes = pack(&key, &[]);
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x01;
            let result = read_pack(&changed).and_then(|p| p.verify("hub-1", &key.verifying_key()));
            assert!(result.is_err(), "a flip at {at} went unseen");
        }
        for len in 0..bytes.len() {
            let result =
                read_pack(&bytes[..len]).and_then(|p| p.verify("hub-1", &key.verifying_key()));
            assert!(result.is_err(), "a cut at {len} went unseen");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(
            read_pack(&longer).and_then(|p| p.verify("hub-1", &key.verifying_key())),
            Err(PackError::Tampered(_))
        ));
    }
}
