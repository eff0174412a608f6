//! The device side: check a pack against the hub card this device trusts
//! ([`prepare`]), install it atomically ([`PreparedUpdate::install`]), and
//! load the set in force for every command ([`in_force`]).
//!
//! On disk, in the data folder:
//!
//! ```text
//! updates/<sequence>.qgu   the installed pack, exactly as the coordinator signed it
//! updates/current.toml     the pointer: which pack is in force, and its SHA-256
//! ```
//!
//! Installing writes the pack file, then replaces the pointer, then (for a
//! pack with a new hub card) replaces the trusted card with the key file as
//! commit point — each by one rename. The pointer is what puts a pack in
//! force, so a kill at any moment leaves the previous set in force or the
//! new one. A pack with a new card verifies against the old card too (its
//! chain of keys starts there), so the set in force checks out whichever
//! card a kill left; installing the same pack again finishes the card. The
//! pack is verified again whenever it is loaded: a pack changed on this
//! computer is not used.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::crypto::{Fingerprint, HubCard, Passphrase, Role};
use crate::datadir::{write_private, DataDir, DataDirError};
use crate::device_state::DeviceState;
use crate::referral::Directory;
use crate::setup::{check_cards, load_device, replace_trusted_hub};
use crate::store::hub::HubStore;
use crate::time::Timestamp;

use super::content::UpdateSet;
use super::pack::{read_pack, PackPath, VerifiedPack, MAX_PACK};
use super::UpdateError;
use crate::crypto::sha256_hex;

const POINTER: &str = "current.toml";
const POINTER_VERSION: u32 = 1;

/// Which pack is in force.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pointer {
    pointer_version: u32,
    sequence: u64,
    /// SHA-256 of `updates/<sequence>.qgu`.
    sha256: String,
}

fn updates_dir(dir: &DataDir) -> PathBuf {
    dir.root().join("updates")
}

fn pack_file(dir: &DataDir, sequence: u64) -> PathBuf {
    updates_dir(dir).join(format!("{sequence}.qgu"))
}

fn read_pointer(dir: &DataDir) -> Result<Option<Pointer>, UpdateError> {
    let path = updates_dir(dir).join(POINTER);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(UpdateError::Damaged {
                sequence: 0,
                detail: format!("{}: {e}", path.display()),
            })
        }
    };
    let pointer: Pointer = toml::from_str(&text).map_err(|e| UpdateError::Damaged {
        sequence: 0,
        detail: format!("{}: {}", path.display(), e.message()),
    })?;
    if pointer.pointer_version != POINTER_VERSION {
        return Err(UpdateError::Damaged {
            sequence: pointer.sequence,
            detail: format!("{}: unknown pointer_version", path.display()),
        });
    }
    Ok(Some(pointer))
}

/// The installed set, verified against the trusted hub card, and parsed.
fn installed(dir: &DataDir, hub: &HubCard) -> Result<Option<UpdateSet>, UpdateError> {
    let Some((pointer, pack)) = installed_pack(dir, hub)? else {
        return Ok(None);
    };
    let path = pack_file(dir, pointer.sequence);
    UpdateSet::from_pack(&pack, &path.display().to_string(), false)
        .map(Some)
        .map_err(|e| UpdateError::Damaged {
            sequence: pointer.sequence,
            detail: e.to_string(),
        })
}

/// The installed pack, verified against the trusted hub card (not parsed).
fn installed_pack(
    dir: &DataDir,
    hub: &HubCard,
) -> Result<Option<(Pointer, VerifiedPack)>, UpdateError> {
    let Some(pointer) = read_pointer(dir)? else {
        return Ok(None);
    };
    let damaged = |detail: String| UpdateError::Damaged {
        sequence: pointer.sequence,
        detail,
    };
    let path = pack_file(dir, pointer.sequence);
    let bytes = crate::input::read_bytes(&path, MAX_PACK).map_err(|e| damaged(e.to_string()))?;
    if sha256_hex(&bytes) != pointer.sha256 {
        return Err(damaged(format!(
            "{} is not the file that was installed",
            path.display()
        )));
    }
    let pack = read_pack(&bytes)
        .and_then(|p| p.verify(&hub.hub_id, &hub.verifying_key))
        .map_err(|e| damaged(e.to_string()))?;
    if pack.manifest.sequence != pointer.sequence {
        return Err(damaged(
            "its sequence number is not the installed one".to_owned(),
        ));
    }
    Ok(Some((pointer, pack)))
}

/// What a data folder has in force from its coordinator.
#[derive(Debug, Default)]
pub struct InForce {
    /// On a device, the installed update; on a hub, its newest published one.
    pub update: Option<UpdateSet>,
    /// An installed update that no longer checks out: not used.
    pub problem: Option<UpdateError>,
}

impl From<Result<Option<UpdateSet>, UpdateError>> for InForce {
    /// A pack that checks out is in force; one that does not is reported.
    fn from(checked: Result<Option<UpdateSet>, UpdateError>) -> Self {
        match checked {
            Ok(update) => InForce {
                update,
                problem: None,
            },
            Err(problem) => InForce {
                update: None,
                problem: Some(problem),
            },
        }
    }
}

/// The update in force in this data folder: on a device, the installed
/// pack (verified against the trusted hub card, whose own check comes
/// first); on a hub, its newest published pack (verified against its own
/// card). A pack that does not check out is reported and not used.
pub fn in_force(dir: &DataDir) -> InForce {
    if dir.device_key().exists() {
        // A swapped card is reported by the command's own set-up check.
        let Ok(setup) = load_device(dir) else {
            return InForce::default();
        };
        return InForce::from(installed(dir, &setup.hub));
    }
    if dir.hub_key().exists() && dir.hub_database().exists() {
        return InForce::from(published(dir));
    }
    InForce::default()
}

/// A hub's newest published pack, checked with its own card.
fn published(dir: &DataDir) -> Result<Option<UpdateSet>, UpdateError> {
    check_cards(dir, Role::Hub)?;
    let card_path = dir.hub_card();
    let card = HubCard::parse(
        &card_path.display().to_string(),
        &crate::input::read_text(&card_path, crate::input::caps::CARD)?,
    )
    .map_err(|d| UpdateError::Setup(crate::setup::SetupError::Card(d)))?;
    let store = HubStore::open(&dir.hub_database())?;
    let Some((sequence, bytes)) = store.newest_update()? else {
        return Ok(None);
    };
    let pack = read_pack(&bytes)
        .and_then(|p| p.verify(&card.hub_id, &card.verifying_key))
        .map_err(|e| UpdateError::PublishedDamaged {
            sequence,
            detail: e.to_string(),
        })?;
    UpdateSet::from_pack(&pack, &format!("update {sequence}"), false).map(Some)
}

/// What a device has in force, as its bundles tell the coordinator.
pub fn device_state(
    catalog: &Catalog,
    directory: Option<&Directory>,
    update: Option<u64>,
) -> DeviceState {
    DeviceState {
        update,
        directory: directory.map(|d| format!("{}@{}", d.country, d.version)),
        protocols: catalog
            .latest()
            .iter()
            .map(|f| f.protocol.reference())
            .collect(),
        qorgau: env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// A pack that checked out and may be installed.
#[derive(Debug)]
pub struct PreparedUpdate {
    bytes: Vec<u8>,
    /// What it carries.
    pub set: UpdateSet,
    /// The hub card it installs, when it differs from the trusted one.
    pub new_card: Option<HubCard>,
    /// The update in force before it, if any.
    pub installed_before: Option<u64>,
    /// The protocol versions of the update in force before it.
    previous_protocols: Vec<String>,
}

/// Check a pack for this device, in order: it is a pack, whole, from the
/// coordinator this device trusts and signed by its key (or by the key its
/// chain of rotations leads to), every file has its checksum; it is newer
/// than the update installed; every protocol loads and passes its golden
/// cases, no protocol differs from a shipped file of the same version, and
/// the directories' conditions fit. Nothing is written.
pub fn prepare(dir: &DataDir, bytes: Vec<u8>, source: &str) -> Result<PreparedUpdate, UpdateError> {
    let setup = load_device(dir)?;
    let pack = read_pack(&bytes)
        .and_then(|p| p.verify(&setup.hub.hub_id, &setup.hub.verifying_key))
        .map_err(|error| UpdateError::Pack {
            path: source.to_owned(),
            error,
        })?;
    let sequence = pack.manifest.sequence;
    let pointer = read_pointer(dir).ok().flatten();
    // Verified, not parsed: enough to know it is whole, and what it carries.
    let current = installed_pack(dir, &setup.hub);
    // The hub card it carries, when it is not the one trusted now.
    let carries_new_card = pack.files.iter().any(|f| {
        f.path == PackPath::HubCard
            && std::str::from_utf8(&f.bytes)
                .ok()
                .and_then(|text| HubCard::parse("hub-card.toml", text).ok())
                .is_some_and(|card| !same_card(&card, &setup.hub))
    });
    if let Some(pointer) = &pointer {
        if sequence < pointer.sequence {
            return Err(UpdateError::Older {
                path: source.to_owned(),
                sequence,
                installed: pointer.sequence,
            });
        }
        // The same pack again only repairs an installed one that no longer
        // checks out, or finishes installing its new card.
        if sequence == pointer.sequence && current.is_ok() && !carries_new_card {
            return Err(UpdateError::AlreadyInstalled {
                path: source.to_owned(),
                sequence,
            });
        }
    }
    let set = UpdateSet::from_pack(&pack, source, true)?;
    let new_card = set
        .hub_card
        .as_ref()
        .map(|(card, _)| card)
        .filter(|card| !same_card(card, &setup.hub))
        .cloned();
    if pack.signed_by != setup.hub.verifying_key && new_card.is_none() {
        return Err(UpdateError::CardMismatch {
            path: source.to_owned(),
            problem: super::CardProblem::Missing,
        });
    }
    let previous_protocols = current
        .ok()
        .flatten()
        .map(|(_, pack)| {
            pack.files
                .iter()
                .filter_map(|f| match &f.path {
                    PackPath::Protocol { id, version } => {
                        Some(crate::protocol::reference(id, version))
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(PreparedUpdate {
        bytes,
        set,
        new_card,
        installed_before: pointer.map(|p| p.sequence),
        previous_protocols,
    })
}

fn same_card(a: &HubCard, b: &HubCard) -> bool {
    let recipients = |c: &HubCard| {
        c.recipients
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    a.hub_id == b.hub_id
        && a.name == b.name
        && a.created == b.created
        && a.verifying_key == b.verifying_key
        && recipients(a) == recipients(b)
}

/// The steps of an install, in order (for tests that stop it in between).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallStep {
    /// `updates/<sequence>.qgu` is written (nothing is in force yet).
    PackWritten,
    /// The pointer names the new pack: it is in force.
    PointerWritten,
    /// The new hub card is trusted (only for a pack that carries one).
    CardReplaced,
    /// Older packs are removed.
    Cleaned,
}

/// What an install did.
#[derive(Debug, Clone)]
pub struct Installed {
    pub sequence: u64,
    pub created_at: Timestamp,
    pub previous: Option<u64>,
    /// Protocol versions the pack carries, each with whether it is new here.
    pub protocols: Vec<(String, bool)>,
    /// The directories it carries, `country version`.
    pub directories: Vec<String>,
    pub withdrawn: Vec<String>,
    /// The fingerprint of the new hub card, when the pack installed one.
    pub new_card: Option<Fingerprint>,
}

impl PreparedUpdate {
    pub fn sequence(&self) -> u64 {
        self.set.sequence
    }

    /// Whether installing needs the passphrase: a new hub card is bound to
    /// the keys in the key file.
    pub fn needs_passphrase(&self) -> bool {
        self.new_card.is_some()
    }

    /// Install: after it returns, this pack is in force; if the process is
    /// killed before, the previous set is. `on_step` is told of each step.
    pub fn install(
        self,
        dir: &DataDir,
        passphrase: Option<&Passphrase>,
        on_step: &mut dyn FnMut(InstallStep),
    ) -> Result<Installed, UpdateError> {
        let sequence = self.set.sequence;
        let passphrase = match (&self.new_card, passphrase) {
            (Some(_), None) => return Err(UpdateError::NeedsPassphrase),
            (_, p) => p,
        };
        let folder = updates_dir(dir);
        create_private_dir(&folder)?;
        write_private(&pack_file(dir, sequence), &self.bytes, true)?;
        on_step(InstallStep::PackWritten);
        let pointer = toml::to_string(&Pointer {
            pointer_version: POINTER_VERSION,
            sequence,
            sha256: sha256_hex(&self.bytes),
        })
        .map_err(|e| UpdateError::Write {
            path: folder.join(POINTER).display().to_string(),
            detail: e.to_string(),
        })?;
        write_private(
            &folder.join(POINTER),
            format!(
                "# Qorgau: the coordinator's update in force (docs/update-format.md).\n{pointer}"
            )
            .as_bytes(),
            true,
        )?;
        sync_dir(&folder);
        on_step(InstallStep::PointerWritten);
        if let (Some(card), Some(passphrase)) = (&self.new_card, passphrase) {
            replace_trusted_hub(dir, passphrase, card)?;
            on_step(InstallStep::CardReplaced);
        }
        remove_others(&folder, sequence);
        on_step(InstallStep::Cleaned);
        Ok(Installed {
            sequence,
            created_at: self.set.created_at,
            previous: self.installed_before,
            protocols: self
                .set
                .protocols
                .iter()
                .map(|(_, p)| {
                    let reference = p.reference();
                    let new = !self.previous_protocols.contains(&reference);
                    (reference, new)
                })
                .collect(),
            directories: self
                .set
                .directories
                .iter()
                .map(|(_, d)| format!("{} {}", d.country, d.version))
                .collect(),
            withdrawn: self.set.withdrawn.clone(),
            new_card: self.new_card.as_ref().map(HubCard::fingerprint),
        })
    }
}

fn create_private_dir(path: &Path) -> Result<(), DataDirError> {
    if path.is_dir() {
        return Ok(());
    }
    // Owner-only on Unix; on Windows the user's profile folder already is.
    #[cfg(unix)]
    let builder = {
        use std::os::unix::fs::DirBuilderExt;
        let mut builder = fs::DirBuilder::new();
        builder.mode(0o700);
        builder
    };
    #[cfg(not(unix))]
    let builder = fs::DirBuilder::new();
    match builder.create(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(e) => Err(DataDirError::Write {
            path: path.display().to_string(),
            detail: e.to_string(),
        }),
    }
}

/// Make the renames in a folder durable (best effort; a no-op elsewhere).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = fs::File::open(path) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Remove the packs that are no longer in force, and temporary files left
/// by an install that was killed.
fn remove_others(folder: &Path, sequence: u64) {
    let keep = format!("{sequence}.qgu");
    let mine = format!(".tmp-{}", std::process::id());
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old_pack = name.ends_with(".qgu") && name != keep;
        // `datadir::write_private`'s temporary files (`.qorgau-….tmp`), and
        // the `<name>.tmp-<pid>` ones older qorgau wrote. This install's own
        // are all renamed into place by now.
        let leftover = (name.starts_with(".qorgau-") && name.ends_with(".tmp"))
            || (name.contains(".tmp-") && !name.ends_with(&mine));
        if old_pack || leftover {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::remove_others;

    /// After an install, only the pack in force and the pointer stay:
    /// older packs go, and so do the temporary files a killed write left
    /// (`write_private`'s `.qorgau-….tmp`, and older qorgau's `….tmp-<pid>`).
    #[test]
    fn cleaning_leaves_only_the_pack_in_force_and_the_pointer() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for name in [
            "1.qgu",
            "2.qgu",
            "current.toml",
            ".qorgau-Ab3xYz.tmp",
            "2.tmp-99999",
        ] {
            std::fs::write(dir.path().join(name), b"x").expect("write");
        }
        remove_others(dir.path(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["2.qgu", "current.toml"]);
    }
}
