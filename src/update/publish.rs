//! The hub side: the next update pack ([`publish`]) and a new hub key
//! ([`rotate_key`]).
//!
//! Packs are **cumulative**: each carries every protocol version the hub has
//! published (never dropped: drafts and records name them), the newest
//! referral directory per country, every withdrawal, the hub card in force
//! and the chain of key rotations. A device that missed some packs gets
//! everything from the newest one; installing it replaces the set in force.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::catalog::{parse_protocol, Catalog};
use crate::crypto::{HubCard, Passphrase, SecretKeys};
use crate::datadir::DataDir;
use crate::input::{caps, read_text};
use crate::protocol::Protocol;
use crate::referral::{parse_directory, shipped_directory, Directory};
use crate::setup::{rotate_hub_key, Rotated};
use crate::store::hub::HubStore;
use crate::time::Timestamp;

use super::content::UpdateSet;
use super::pack::{read_pack, write_pack, KeyLink, PackError, PackPath};
use super::UpdateError;

/// What to add to the hub's published set.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublishRequest<'a> {
    /// A folder of protocol files (`*.toml` below it, except `referrals/`).
    pub protocols: Option<&'a Path>,
    /// A referral directory file.
    pub referrals: Option<&'a Path>,
    /// `ID@VERSION` of versions no new screening may start with.
    pub withdraw: &'a [String],
}

/// What `publish` did.
#[derive(Debug, Clone)]
pub struct Published {
    pub sequence: u64,
    /// The signed pack, to write where the coordinator asked.
    pub pack: Vec<u8>,
    /// False: nothing changed since the newest pack, which is given again.
    pub new: bool,
    pub protocols: Vec<String>,
    pub directories: Vec<String>,
    pub withdrawn: Vec<String>,
}

/// Every rotation of the hub's signing key, oldest first: each old key
/// vouches for the next, up to the current one.
fn key_chain(keys: &SecretKeys) -> Vec<KeyLink> {
    let signers: Vec<&ed25519_dalek::SigningKey> = keys
        .retired
        .iter()
        .map(|r| &r.signing)
        .chain(std::iter::once(&keys.signing))
        .collect();
    signers
        .windows(2)
        .map(|pair| KeyLink::new(&keys.id, pair[0], &pair[1].verifying_key()))
        .collect()
}

/// A published pack: its sequence number, its content, and its files.
type Base = (u64, UpdateSet, Vec<(PackPath, Vec<u8>)>);

/// The hub's newest pack, verified, and its content.
fn newest(store: &HubStore, keys: &SecretKeys) -> Result<Option<Base>, UpdateError> {
    let Some((sequence, bytes)) = store.newest_update()? else {
        return Ok(None);
    };
    let damaged = |e: PackError| UpdateError::PublishedDamaged {
        sequence,
        detail: e.to_string(),
    };
    // Every pack's chain starts at the hub's first key.
    let first = keys.original_signing().verifying_key();
    let pack = read_pack(&bytes)
        .and_then(|p| p.verify(&keys.id, &first))
        .map_err(damaged)?;
    let set = UpdateSet::from_pack(&pack, &format!("update {sequence}"), false)?;
    let files = pack.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    Ok(Some((sequence, set, files)))
}

/// The `*.toml` files below a folder, except its `referrals/`, sorted.
fn protocol_files(dir: &Path) -> Vec<PathBuf> {
    crate::lint::expand(&[dir.to_path_buf()])
        .into_iter()
        .filter(|p| {
            !p.strip_prefix(dir)
                .is_ok_and(|rest| rest.components().any(|c| c.as_os_str() == "referrals"))
        })
        .collect()
}

/// Publish the next update pack, or give the newest again when nothing
/// changed. Refuses (publishing nothing) a protocol or directory that does
/// not pass `protocol lint` with its golden cases, a protocol whose id and
/// version qorgau ships or the hub published with other content, a
/// directory not newer than the one in force, and a withdrawal of an
/// unknown version or of the last usable version of a protocol.
pub fn publish(
    dir: &DataDir,
    store: &mut HubStore,
    keys: &SecretKeys,
    request: PublishRequest<'_>,
    now: Timestamp,
) -> Result<Published, UpdateError> {
    let card_path = dir.hub_card();
    let card_text = read_text(&card_path, caps::CARD)?;
    HubCard::parse(&card_path.display().to_string(), &card_text)
        .map_err(|d| UpdateError::Setup(crate::setup::SetupError::Card(d)))?;
    let base = newest(store, keys)?;
    let shipped = Catalog::shipped().map_err(|e| UpdateError::PublishInvalid {
        problems: e.to_string(),
    })?;

    // What the newest pack carries, by path.
    let mut protocols: BTreeMap<String, (PackPath, Vec<u8>, Protocol)> = BTreeMap::new();
    let mut directories: BTreeMap<String, (PackPath, Vec<u8>, Directory)> = BTreeMap::new();
    let mut withdrawn: BTreeSet<String> = BTreeSet::new();
    let mut base_files = BTreeSet::new();
    let mut base_withdrawn = BTreeSet::new();
    let mut base_sequence = 0;
    if let Some((sequence, set, files)) = &base {
        base_sequence = *sequence;
        for (path, bytes) in files {
            base_files.insert((path.to_string(), crate::crypto::sha256_hex(bytes)));
            match path {
                PackPath::Protocol { .. } => {
                    if let Some((_, p)) = set
                        .protocols
                        .iter()
                        .find(|(s, _)| *s == UpdateSet::shown_path(*sequence, path))
                    {
                        protocols.insert(p.reference(), (path.clone(), bytes.clone(), p.clone()));
                    }
                }
                PackPath::Directory { country, .. } => {
                    if let Some(d) = set.directory(country) {
                        directories
                            .insert(country.clone(), (path.clone(), bytes.clone(), d.clone()));
                    }
                }
                PackPath::HubCard => {}
            }
        }
        withdrawn.extend(set.withdrawn.iter().cloned());
        base_withdrawn = withdrawn.clone();
    }

    // New protocol versions.
    if let Some(folder) = request.protocols {
        let mut problems = Vec::new();
        let mut adding: BTreeMap<String, (String, PackPath, Vec<u8>, Protocol)> = BTreeMap::new();
        for path in protocol_files(folder) {
            let shown = path.display().to_string();
            let source = match read_text(&path, caps::PROTOCOL) {
                Ok(source) => source,
                Err(e) => {
                    problems.push(format!("{shown}: {e}"));
                    continue;
                }
            };
            let protocol = match parse_protocol(&shown, &source) {
                Ok(protocol) => protocol,
                Err(d) => {
                    problems.push(d.to_string());
                    continue;
                }
            };
            let reference = protocol.reference();
            if let Ok(file) = shipped.find(&reference) {
                if file.protocol.sha256 != protocol.sha256 {
                    return Err(UpdateError::PublishShipped {
                        path: shown,
                        reference,
                    });
                }
            }
            if let Some((_, _, known)) = protocols.get(&reference) {
                if known.sha256 != protocol.sha256 {
                    return Err(UpdateError::PublishChanged {
                        path: shown,
                        reference,
                        sequence: base_sequence,
                    });
                }
            }
            if let Some((other, ..)) = adding.get(&reference) {
                problems.push(format!(
                    "{shown} and {other} are both {reference}: keep one of them"
                ));
                continue;
            }
            let pack_path = PackPath::Protocol {
                id: protocol.id.clone(),
                version: protocol.version.clone(),
            };
            adding.insert(reference, (shown, pack_path, source.into_bytes(), protocol));
        }
        if !problems.is_empty() {
            return Err(UpdateError::PublishInvalid {
                problems: problems.join("\n"),
            });
        }
        for (reference, (_, path, bytes, protocol)) in adding {
            protocols.insert(reference, (path, bytes, protocol));
        }
    }

    // A new referral directory.
    if let Some(path) = request.referrals {
        let shown = path.display().to_string();
        let source = read_text(path, caps::PROTOCOL)?;
        let directory =
            parse_directory(&shown, &source).map_err(|d| UpdateError::PublishInvalid {
                problems: d.to_string(),
            })?;
        let version = semver::Version::parse(&directory.version).ok();
        let not_newer =
            |newest: &Directory, source_kind: &'static str| UpdateError::DirectoryNotNewer {
                path: shown.clone(),
                country: directory.country.clone(),
                version: directory.version.clone(),
                newest: format!("{} {}", newest.country, newest.version),
                source_kind,
            };
        if let Ok(shipped_directory) = shipped_directory(&directory.country) {
            if version <= semver::Version::parse(&shipped_directory.version).ok() {
                return Err(not_newer(&shipped_directory, "shipped"));
            }
        }
        let same = directories
            .get(&directory.country)
            .is_some_and(|(_, bytes, _)| *bytes == source.as_bytes());
        if !same {
            if let Some((_, _, known)) = directories.get(&directory.country) {
                if version <= semver::Version::parse(&known.version).ok() {
                    return Err(not_newer(known, "published"));
                }
            }
            let pack_path = PackPath::Directory {
                country: directory.country.clone(),
                version: version.unwrap_or_else(|| semver::Version::new(0, 0, 0)),
            };
            directories.insert(
                directory.country.clone(),
                (pack_path, source.into_bytes(), directory),
            );
        }
    }

    // Every directory's conditions fit the protocols they name.
    let every: Vec<&Protocol> = shipped
        .files()
        .iter()
        .map(|f| &f.protocol)
        .chain(protocols.values().map(|(_, _, p)| p))
        .collect();
    let mut problems = Vec::new();
    for (path, _, directory) in directories.values() {
        problems.extend(directory.check_conditions(&path.to_string(), &every));
    }
    if !problems.is_empty() {
        return Err(UpdateError::PublishInvalid {
            problems: crate::diagnostic::Diagnostics(problems).to_string(),
        });
    }

    // Withdrawals: known versions, and never the last usable one.
    for spec in request.withdraw {
        let (id, version) = spec
            .split_once('@')
            .and_then(|(id, v)| Some((id, semver::Version::parse(v).ok()?)))
            .ok_or_else(|| UpdateError::WithdrawSpec(spec.clone()))?;
        let reference = crate::protocol::reference(id, &version);
        if !every.iter().any(|p| p.reference() == reference) {
            return Err(UpdateError::WithdrawUnknown(spec.clone()));
        }
        withdrawn.insert(reference);
    }
    for reference in &withdrawn {
        let id = reference
            .split_once('@')
            .map_or(reference.as_str(), |(id, _)| id);
        let usable = every
            .iter()
            .any(|p| p.id == id && !withdrawn.contains(&p.reference()));
        let known = every.iter().any(|p| p.reference() == *reference);
        if known && !usable {
            return Err(UpdateError::WithdrawLast {
                reference: reference.clone(),
                id: id.to_owned(),
            });
        }
    }

    let mut files: Vec<(PackPath, Vec<u8>)> = protocols
        .values()
        .map(|(path, bytes, _)| (path.clone(), bytes.clone()))
        .collect();
    files.extend(
        directories
            .values()
            .map(|(path, bytes, _)| (path.clone(), bytes.clone())),
    );
    files.push((PackPath::HubCard, card_text.into_bytes()));
    let withdrawn: Vec<String> = withdrawn.into_iter().collect();
    let chain = key_chain(keys);
    let summary = |sequence: u64, pack: Vec<u8>, new: bool| Published {
        sequence,
        pack,
        new,
        protocols: protocols.keys().cloned().collect(),
        directories: directories
            .values()
            .map(|(_, _, d)| format!("{} {}", d.country, d.version))
            .collect(),
        withdrawn: withdrawn.clone(),
    };

    let listed: BTreeSet<(String, String)> = files
        .iter()
        .map(|(path, bytes)| (path.to_string(), crate::crypto::sha256_hex(bytes)))
        .collect();
    if let Some((sequence, ..)) = &base {
        let unchanged = listed == base_files
            && withdrawn.iter().cloned().collect::<BTreeSet<_>>() == base_withdrawn;
        if unchanged {
            if let Some((_, bytes)) = store.newest_update()? {
                return Ok(summary(*sequence, bytes, false));
            }
        }
    }
    let published = store.publish_update(now, |sequence| {
        write_pack(
            &keys.id,
            sequence,
            now,
            &files,
            &withdrawn,
            &chain,
            &keys.signing,
        )
    })?;
    let (sequence, pack) = published.map_err(|e| UpdateError::PublishInvalid {
        problems: e.to_string(),
    })?;
    Ok(summary(sequence, pack, true))
}

/// `hub rotate-key`: a new key pair for the hub (the old one kept, retired)
/// and at once the next pack, which carries the new card and the old key's
/// word for the new one, so the next round trip brings it to every device.
pub fn rotate_key(
    dir: &DataDir,
    store: &mut HubStore,
    passphrase: &Passphrase,
    now: Timestamp,
) -> Result<(Rotated, Published), UpdateError> {
    let rotated = rotate_hub_key(dir, passphrase, now)?;
    let published = publish(dir, store, &rotated.keys, PublishRequest::default(), now)?;
    Ok((rotated, published))
}
