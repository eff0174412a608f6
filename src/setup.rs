//! Setting up a device or a hub, and loading what each needs to work.

use std::fs;
use std::path::Path;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::crypto::{DeviceCard, HubCard, KeyError, Passphrase, Role, SecretKeys};
use crate::datadir::{write_private, DataDir, DataDirError};
use crate::diagnostic::Diagnostics;
use crate::ids::{DeviceId, RecordId};
use crate::input::{caps, read_text as read_input, InputError};
use crate::time::Timestamp;

/// Problems setting up or loading a device or hub.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("this {role} is already set up in {path}: qorgau never overwrites keys; to start again, move that folder aside (keep it if it holds records not yet synced)")]
    AlreadySetUp { role: Role, path: String },
    #[error(
        "this device is not set up in {path}: set it up with the coordinator's hub card first"
    )]
    NoDevice { path: String },
    #[error("no hub is set up in {path}: set up the hub first")]
    NoHub { path: String },
    #[error("{0}\nthe card is not valid: ask for a new copy of it")]
    Card(Diagnostics),
    #[error("cannot read {path}: {detail}")]
    Read { path: String, detail: String },
    #[error("{path} is missing or was changed since set-up: someone may have swapped it to send records elsewhere; restore it from your backup, or ask your coordinator before going on.{}", exposure_text(.exposure))]
    CardChanged { path: String, exposure: Exposure },
    #[error("the passphrase file {path} can be read by other users of this computer: make it private (chmod 600 {path}) or type the passphrase instead")]
    PassphraseFileOpen { path: String },
    #[error("the passphrase file {path} is inside the data folder, next to the keys it opens: keep it somewhere else (or type the passphrase)")]
    PassphraseFileInDataDir { path: String },
    #[error("the passphrase file {path} is empty: write the passphrase in it, or type it instead")]
    PassphraseFileEmpty { path: String },
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    DataDir(#[from] DataDirError),
    #[error(transparent)]
    Id(#[from] crate::ids::BadId),
    #[error("`{0}` is not a region name: use lower-case Latin letters, digits and _, at most 64 characters")]
    BadRegion(String),
}

fn read_text(path: &Path) -> Result<String, SetupError> {
    Ok(read_input(path, caps::CARD)?)
}

/// What may have been exposed while a card was swapped: the records
/// finished and the drafts saved since the cards last passed the check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exposure {
    /// When the cards last passed the check (`None`: never recorded).
    pub since: Option<Timestamp>,
    /// Records finished since then: id and finish time.
    pub records: Vec<(RecordId, Timestamp)>,
    /// Drafts saved since then.
    pub drafts: usize,
}

fn exposure_text(exposure: &Exposure) -> String {
    let since = exposure
        .since
        .map_or_else(|| "set-up".to_owned(), |at| at.to_string());
    let mut text = format!(
        "\nrecords finished since the last good check of the cards ({since}) may have been read by someone else: {}",
        exposure.records.len()
    );
    for (id, at) in exposure.records.iter().take(50) {
        text.push_str(&format!("\n  {at}  {id}"));
    }
    if exposure.records.len() > 50 {
        text.push_str(&format!("\n  … and {} more", exposure.records.len() - 50));
    }
    if exposure.drafts > 0 {
        text.push_str(&format!(
            "\nunfinished screenings saved since then: {}",
            exposure.drafts
        ));
    }
    text
}

/// The cards' SHA-256 as written at set-up, beside the key file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CardLock {
    lock_version: u32,
    cards: BTreeMap<String, String>,
}

/// When the cards last passed the check against the key file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CardCheck {
    last_good: Timestamp,
}

fn write_lock(dir: &DataDir, cards: &BTreeMap<String, String>) -> Result<(), SetupError> {
    let text = toml::to_string(&CardLock {
        lock_version: 1,
        cards: cards.clone(),
    })
    .map_err(|e| SetupError::Read {
        path: dir.card_lock().display().to_string(),
        detail: e.to_string(),
    })?;
    write_private(
        &dir.card_lock(),
        format!("# Qorgau: SHA-256 of the cards written at set-up (checked before every screening).\n{text}")
            .as_bytes(),
        true,
    )?;
    Ok(())
}

/// Note a good check of the cards (best effort: a full disk must not stop work).
fn note_good_check(dir: &DataDir) {
    if let Ok(text) = toml::to_string(&CardCheck {
        last_good: Timestamp::now(),
    }) {
        let _ = write_private(&dir.card_check(), text.as_bytes(), true);
    }
}

fn last_good_check(dir: &DataDir) -> Option<Timestamp> {
    let text = fs::read_to_string(dir.card_check()).ok()?;
    toml::from_str::<CardCheck>(&text).ok().map(|c| c.last_good)
}

/// What was finished or saved since the last good check of the cards.
fn exposure(dir: &DataDir) -> Exposure {
    let since = last_good_check(dir);
    let mut exposure = Exposure {
        since,
        ..Exposure::default()
    };
    if !dir.device_database().exists() {
        return exposure;
    }
    let Ok(store) = crate::store::Store::open(&dir.device_database()) else {
        return exposure;
    };
    let after = |at: Timestamp| since.is_none_or(|s| at >= s);
    if let Ok(records) = store.records() {
        exposure.records = records
            .into_iter()
            .filter(|r| after(r.finished_at))
            .map(|r| (r.id, r.finished_at))
            .collect();
    }
    if let Ok(drafts) = store.drafts() {
        exposure.drafts = drafts.iter().filter(|d| after(d.updated_at)).count();
    }
    exposure
}

fn card_changed(dir: &DataDir, role: Role, path: &Path) -> SetupError {
    SetupError::CardChanged {
        path: path.display().to_string(),
        exposure: match role {
            Role::Device => exposure(dir),
            Role::Hub => Exposure::default(),
        },
    }
}

/// Check the cards against the hashes written at set-up, without the
/// passphrase (the lock file beside the key file). Screening calls this
/// before it seals anything. A data folder set up before the lock file
/// existed has none: its first unlock writes it.
pub fn check_cards(dir: &DataDir, role: Role) -> Result<(), SetupError> {
    let Ok(text) = fs::read_to_string(dir.card_lock()) else {
        return Ok(());
    };
    let lock: CardLock =
        toml::from_str(&text).map_err(|_| card_changed(dir, role, &dir.card_lock()))?;
    for (name, expected) in &lock.cards {
        let card = dir.root().join(name);
        let matches = |path: &Path| {
            fs::read(path).is_ok_and(|bytes| crate::crypto::sha256_hex(&bytes) == *expected)
        };
        if matches(&card) {
            continue;
        }
        // A replacement cut short after the lock was rewritten (step 3 of
        // `commit_card`): the waiting card is the one the lock names, so it
        // is the card in force; finish the rename. Anything else is a card
        // that changed.
        let pending = pending_card(dir, name);
        if matches(&pending) && fs::rename(&pending, &card).is_ok() {
            continue;
        }
        return Err(card_changed(dir, role, &card));
    }
    Ok(())
}

/// Read a passphrase file: a private regular file outside the data folder.
pub fn read_passphrase_file(path: &Path, data_dir: &Path) -> Result<Passphrase, SetupError> {
    let shown = || path.display().to_string();
    let text = zeroize::Zeroizing::new(read_input(path, caps::PASSPHRASE)?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0);
        if mode & 0o077 != 0 {
            return Err(SetupError::PassphraseFileOpen { path: shown() });
        }
    }
    if let (Ok(file), Ok(folder)) = (path.canonicalize(), data_dir.canonicalize()) {
        if file.starts_with(&folder) {
            return Err(SetupError::PassphraseFileInDataDir { path: shown() });
        }
    }
    let passphrase = Passphrase::new(&text);
    if passphrase.is_empty() {
        return Err(SetupError::PassphraseFileEmpty { path: shown() });
    }
    Ok(passphrase)
}

/// Re-wrap the key file with a new passphrase: the old one must open it, the
/// new one must be strong; the file is replaced in one rename, so a crash
/// leaves the old file or the new one.
pub fn change_passphrase(
    dir: &DataDir,
    role: Role,
    old: &Passphrase,
    new: &Passphrase,
) -> Result<(), SetupError> {
    new.check_new()?;
    let keys = unlock(dir, role, old)?;
    let key_file = keys.to_key_file(new)?;
    let path = match role {
        Role::Device => dir.device_key(),
        Role::Hub => dir.hub_key(),
    };
    write_private(&path, &key_file, true)?;
    Ok(())
}

/// What `init` made.
#[derive(Debug)]
pub struct DeviceInit {
    pub device_id: DeviceId,
    pub card_path: std::path::PathBuf,
    pub hub_name: String,
    /// To compare with the coordinator by phone: the hub card this device
    /// will seal records to.
    pub hub_fingerprint: crate::crypto::Fingerprint,
    /// How many recipients the hub card lists (more than one deserves a question).
    pub hub_recipients: usize,
    /// To read to the coordinator at enrolment.
    pub device_fingerprint: crate::crypto::Fingerprint,
}

/// Set up this device: keys (encrypted with `passphrase`), its public card,
/// and the coordinator's card it will seal records to.
pub fn init_device(
    dir: &DataDir,
    hub_card_path: &Path,
    region: Option<String>,
    passphrase: &Passphrase,
    now: Timestamp,
) -> Result<DeviceInit, SetupError> {
    // Everything that can fail on input is checked before anything is written.
    let hub_text = read_text(hub_card_path)?;
    let hub = HubCard::parse(&hub_card_path.display().to_string(), &hub_text)
        .map_err(SetupError::Card)?;
    if let Some(region) = region
        .as_deref()
        .filter(|r| !crate::crypto::card::valid_region(r))
    {
        // The hub would refuse this card at enrolment.
        return Err(SetupError::BadRegion(region.to_owned()));
    }
    passphrase.check_new()?;
    if dir.device_key().exists() {
        return Err(SetupError::AlreadySetUp {
            role: Role::Device,
            path: dir.root().display().to_string(),
        });
    }
    dir.ensure()?;
    let mut keys = SecretKeys::generate(Role::Device, DeviceId::new().into_string(), now);
    let card = DeviceCard::for_keys(&keys, region)?;
    let hub_text = hub.to_toml();
    let card_text = card.to_toml();
    keys.cards.insert(
        file_name(&dir.trusted_hub()),
        crate::crypto::sha256_hex(hub_text.as_bytes()),
    );
    keys.cards.insert(
        file_name(&dir.device_card()),
        crate::crypto::sha256_hex(card_text.as_bytes()),
    );
    let key_file = keys.to_key_file(passphrase)?;
    write_private(&dir.trusted_hub(), hub_text.as_bytes(), true)?;
    write_private(&dir.device_card(), card_text.as_bytes(), true)?;
    write_lock(dir, &keys.cards)?;
    // The key file last: its presence is what "set up" means.
    write_private(&dir.device_key(), &key_file, false)?;
    note_good_check(dir);
    Ok(DeviceInit {
        device_id: card.device_id.clone(),
        card_path: dir.device_card(),
        device_fingerprint: card.fingerprint(),
        hub_fingerprint: hub.fingerprint(),
        hub_recipients: hub.recipients.len(),
        hub_name: hub.name,
    })
}

/// What `hub init` made.
#[derive(Debug)]
pub struct HubInit {
    pub hub_id: String,
    pub card_path: std::path::PathBuf,
    /// To read to each worker when they set up a device.
    pub fingerprint: crate::crypto::Fingerprint,
}

/// Set up a coordinator's hub: keys and the hub card for devices.
pub fn init_hub(
    dir: &DataDir,
    name: &str,
    passphrase: &Passphrase,
    now: Timestamp,
) -> Result<HubInit, SetupError> {
    passphrase.check_new()?;
    if dir.hub_key().exists() {
        return Err(SetupError::AlreadySetUp {
            role: Role::Hub,
            path: dir.root().display().to_string(),
        });
    }
    dir.ensure()?;
    let mut keys = SecretKeys::generate(Role::Hub, uuid::Uuid::new_v4().to_string(), now);
    let card = HubCard::for_keys(&keys, name.to_owned());
    let card_text = card.to_toml();
    keys.cards.insert(
        file_name(&dir.hub_card()),
        crate::crypto::sha256_hex(card_text.as_bytes()),
    );
    let key_file = keys.to_key_file(passphrase)?;
    write_private(&dir.hub_card(), card_text.as_bytes(), true)?;
    write_lock(dir, &keys.cards)?;
    write_private(&dir.hub_key(), &key_file, false)?;
    Ok(HubInit {
        hub_id: keys.id.clone(),
        card_path: dir.hub_card(),
        fingerprint: card.fingerprint(),
    })
}

/// A device's public setup: enough to screen and seal, no passphrase needed.
#[derive(Debug, Clone)]
pub struct DeviceSetup {
    pub card: DeviceCard,
    pub hub: HubCard,
}

impl DeviceSetup {
    /// The fingerprint of the coordinator's card this device seals to, for
    /// the end of every screening (the worker can compare it with the one
    /// the coordinator gave by phone).
    pub fn hub_fingerprint(&self) -> crate::crypto::Fingerprint {
        self.hub.fingerprint()
    }
}

/// Load the device's cards, after checking them against the hashes written
/// at set-up (no passphrase needed): a swapped card is refused before any
/// record or draft is sealed to it.
pub fn load_device(dir: &DataDir) -> Result<DeviceSetup, SetupError> {
    if !dir.device_key().exists() {
        return Err(SetupError::NoDevice {
            path: dir.root().display().to_string(),
        });
    }
    check_cards(dir, Role::Device)?;
    let card_path = dir.device_card();
    let card = DeviceCard::parse(&card_path.display().to_string(), &read_text(&card_path)?)
        .map_err(SetupError::Card)?;
    let hub_path = dir.trusted_hub();
    let hub = HubCard::parse(&hub_path.display().to_string(), &read_text(&hub_path)?)
        .map_err(SetupError::Card)?;
    Ok(DeviceSetup { card, hub })
}

/// Open a device's or hub's secret keys with the passphrase.
pub fn unlock(
    dir: &DataDir,
    role: Role,
    passphrase: &Passphrase,
) -> Result<SecretKeys, SetupError> {
    let path = match role {
        Role::Device => dir.device_key(),
        Role::Hub => dir.hub_key(),
    };
    if !path.exists() {
        return Err(match role {
            Role::Device => SetupError::NoDevice {
                path: dir.root().display().to_string(),
            },
            Role::Hub => SetupError::NoHub {
                path: dir.root().display().to_string(),
            },
        });
    }
    let bytes = fs::read(&path).map_err(|e| SetupError::Read {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    let keys = SecretKeys::from_key_file(&bytes, passphrase, role, &path.display().to_string())?;
    // A card replacement cut short is finished (or dropped) first.
    settle_pending_cards(dir, &keys)?;
    // The cards beside the keys must be the ones written at set-up.
    for (name, expected) in &keys.cards {
        let card = dir.root().join(name);
        let changed =
            fs::read(&card).map_or(true, |bytes| crate::crypto::sha256_hex(&bytes) != *expected);
        if changed {
            return Err(card_changed(dir, role, &card));
        }
    }
    // So must the lock file screening checks them against (written now if
    // this folder was set up before it existed).
    let lock = fs::read_to_string(dir.card_lock())
        .ok()
        .and_then(|text| toml::from_str::<CardLock>(&text).ok());
    match lock {
        Some(lock) if lock.cards == keys.cards => {}
        // The cards match the key file, which the passphrase opened: they
        // are the bound ones, and a lock that says otherwise is one a kill
        // cut short (or a stale copy). Rewrite it rather than raise a false
        // alarm about a card that did not change.
        Some(_) | None if !keys.cards.is_empty() => write_lock(dir, &keys.cards)?,
        Some(_) | None => {}
    }
    if role == Role::Device {
        note_good_check(dir);
    }
    Ok(keys)
}

/// Where a card waits while it replaces the one in force (see [`commit_card`]).
fn pending_card(dir: &DataDir, name: &str) -> std::path::PathBuf {
    dir.root().join(format!("{name}.next"))
}

/// Replace a card bound to the keys — the hub's own card after `hub
/// rotate-key`, a device's trusted hub card after an update carried a new
/// one — so that a crash at any moment leaves either the old card or the
/// new one in force, never a false alarm:
///
/// 1. the new card is written beside the old one (`<name>.next`);
/// 2. the key file, whose `cards` already name the new card's SHA-256, is
///    written over the old one: **the commit point**;
/// 3. `cards.lock` is rewritten to name the new card, then the new card is
///    renamed over the old one.
///
/// A crash before 2 leaves the old key file: the next unlock drops the
/// waiting card. A crash after 2 leaves a key file that names the waiting
/// card: the next unlock finishes 3. Until then screening keeps sealing to
/// the old card, which the hub still opens.
pub(crate) fn commit_card(
    dir: &DataDir,
    role: Role,
    name: &str,
    card_text: &str,
    keys: &SecretKeys,
    passphrase: &Passphrase,
) -> Result<(), SetupError> {
    debug_assert_eq!(
        keys.cards.get(name),
        Some(&crate::crypto::sha256_hex(card_text.as_bytes()))
    );
    let key_file = keys.to_key_file(passphrase)?;
    write_private(&pending_card(dir, name), card_text.as_bytes(), true)?;
    let key_path = match role {
        Role::Device => dir.device_key(),
        Role::Hub => dir.hub_key(),
    };
    write_private(&key_path, &key_file, true)?;
    settle_pending_cards(dir, keys)
}

/// Finish or drop a card replacement cut short (see [`commit_card`]): a
/// waiting card the key file names replaces the old one; any other waiting
/// card is removed.
fn settle_pending_cards(dir: &DataDir, keys: &SecretKeys) -> Result<(), SetupError> {
    let mut waiting = Vec::new();
    for (name, expected) in &keys.cards {
        let pending = pending_card(dir, name);
        let Ok(bytes) = fs::read(&pending) else {
            continue;
        };
        if crate::crypto::sha256_hex(&bytes) == *expected {
            waiting.push((pending, dir.root().join(name)));
        } else {
            let _ = fs::remove_file(&pending);
        }
    }
    if waiting.is_empty() {
        return Ok(());
    }
    // The lock first, then the renames: a kill between them leaves a lock
    // that names the waiting card, which `check_cards` then puts in place.
    // The other order would leave a new card under an old lock: no card in
    // force for the commands that run without the passphrase.
    write_lock(dir, &keys.cards)?;
    for (pending, card) in waiting {
        fs::rename(&pending, &card).map_err(|e| DataDirError::Write {
            path: card.display().to_string(),
            detail: e.to_string(),
        })?;
    }
    Ok(())
}

/// A device installs a new hub card from its coordinator's signed update
/// (after `hub rotate-key`): the trusted card, `cards.lock` and the card's
/// binding in the key file change together (see [`commit_card`]). Needs the
/// passphrase, since the binding is inside the key file.
pub fn replace_trusted_hub(
    dir: &DataDir,
    passphrase: &Passphrase,
    card: &HubCard,
) -> Result<(), SetupError> {
    let mut keys = unlock(dir, Role::Device, passphrase)?;
    let text = card.to_toml();
    let name = file_name(&dir.trusted_hub());
    keys.cards
        .insert(name.clone(), crate::crypto::sha256_hex(text.as_bytes()));
    commit_card(dir, Role::Device, &name, &text, &keys, passphrase)?;
    note_good_check(dir);
    Ok(())
}

/// What `hub rotate-key` made.
#[derive(Debug)]
pub struct Rotated {
    /// The hub's keys now: the new pair, and every old one retired.
    pub keys: SecretKeys,
    pub card: HubCard,
    pub old_fingerprint: crate::crypto::Fingerprint,
}

/// Give the hub a new key pair (same hub id, same name, same passphrase):
/// the old pair is kept in the key file, retired, to open what devices
/// sealed to it and to vouch for the new key in the next update pack.
pub fn rotate_hub_key(
    dir: &DataDir,
    passphrase: &Passphrase,
    now: Timestamp,
) -> Result<Rotated, SetupError> {
    let old = unlock(dir, Role::Hub, passphrase)?;
    let card_path = dir.hub_card();
    let old_card = HubCard::parse(&card_path.display().to_string(), &read_text(&card_path)?)
        .map_err(SetupError::Card)?;
    let mut keys = SecretKeys::generate(Role::Hub, old.id.clone(), now);
    let SecretKeys {
        identity,
        signing,
        retired,
        ..
    } = old;
    keys.retired = retired;
    keys.retired.push(crate::crypto::keys::RetiredKeys {
        identity,
        signing,
        retired_at: now,
    });
    let card = HubCard::for_keys(&keys, old_card.name.clone());
    let text = card.to_toml();
    let name = file_name(&card_path);
    keys.cards = BTreeMap::from([(name.clone(), crate::crypto::sha256_hex(text.as_bytes()))]);
    commit_card(dir, Role::Hub, &name, &text, &keys, passphrase)?;
    Ok(Rotated {
        keys,
        card,
        old_fingerprint: old_card.fingerprint(),
    })
}

/// A data-folder file's name, as recorded in the key file.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
