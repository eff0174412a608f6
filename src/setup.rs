//! Setting up a device or a hub, and loading what each needs to work.

use std::fs;
use std::path::Path;

use crate::crypto::{DeviceCard, HubCard, KeyError, Passphrase, Role, SecretKeys};
use crate::datadir::{write_private, DataDir, DataDirError};
use crate::diagnostic::Diagnostics;
use crate::record::new_id;

/// Problems setting up or loading a device or hub.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("this {role} is already set up in {path}: qorgau never overwrites keys; to start again, move that folder aside (keep it if it holds records not yet synced)")]
    AlreadySetUp { role: Role, path: String },
    #[error("this device is not set up in {path}: run `qorgau init --hub HUB_CARD` first")]
    NoDevice { path: String },
    #[error("no hub is set up in {path}: run `qorgau hub init` first")]
    NoHub { path: String },
    #[error("{0}\nthe card is not valid: ask for a new copy of it")]
    Card(Diagnostics),
    #[error("cannot read {path}: {detail}")]
    Read { path: String, detail: String },
    #[error("{path} is missing or was changed since set-up: someone may have swapped it to send records elsewhere; restore it from your backup, or ask your coordinator before going on")]
    CardChanged { path: String },
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    DataDir(#[from] DataDirError),
}

fn read_text(path: &Path) -> Result<String, SetupError> {
    fs::read_to_string(path).map_err(|e| SetupError::Read {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}

/// What `init` made.
#[derive(Debug)]
pub struct DeviceInit {
    pub device_id: String,
    pub card_path: std::path::PathBuf,
    pub hub_name: String,
}

/// Set up this device: keys (encrypted with `passphrase`), its public card,
/// and the coordinator's card it will seal records to.
pub fn init_device(
    dir: &DataDir,
    hub_card_path: &Path,
    region: Option<String>,
    passphrase: &Passphrase,
    now: &str,
) -> Result<DeviceInit, SetupError> {
    // Everything that can fail on input is checked before anything is written.
    let hub_text = read_text(hub_card_path)?;
    let hub = HubCard::parse(&hub_card_path.display().to_string(), &hub_text)
        .map_err(SetupError::Card)?;
    passphrase.check_new()?;
    if dir.device_key().exists() {
        return Err(SetupError::AlreadySetUp {
            role: Role::Device,
            path: dir.root().display().to_string(),
        });
    }
    dir.ensure()?;
    let mut keys = SecretKeys::generate(Role::Device, new_id(), now.to_owned());
    let card = DeviceCard::for_keys(&keys, region);
    let hub_text = hub.to_toml();
    let card_text = card.to_toml();
    keys.cards.insert(
        file_name(&dir.trusted_hub()),
        sha256_hex(hub_text.as_bytes()),
    );
    keys.cards.insert(
        file_name(&dir.device_card()),
        sha256_hex(card_text.as_bytes()),
    );
    let key_file = keys.to_key_file(passphrase)?;
    write_private(&dir.trusted_hub(), hub_text.as_bytes(), true)?;
    write_private(&dir.device_card(), card_text.as_bytes(), true)?;
    // The key file last: its presence is what "set up" means.
    write_private(&dir.device_key(), &key_file, false)?;
    Ok(DeviceInit {
        device_id: keys.id,
        card_path: dir.device_card(),
        hub_name: hub.name,
    })
}

/// What `hub init` made.
#[derive(Debug)]
pub struct HubInit {
    pub hub_id: String,
    pub card_path: std::path::PathBuf,
}

/// Set up a coordinator's hub: keys and the hub card for devices.
pub fn init_hub(
    dir: &DataDir,
    name: &str,
    passphrase: &Passphrase,
    now: &str,
) -> Result<HubInit, SetupError> {
    passphrase.check_new()?;
    if dir.hub_key().exists() {
        return Err(SetupError::AlreadySetUp {
            role: Role::Hub,
            path: dir.root().display().to_string(),
        });
    }
    dir.ensure()?;
    let mut keys = SecretKeys::generate(Role::Hub, new_id(), now.to_owned());
    let card = HubCard::for_keys(&keys, name.to_owned());
    let card_text = card.to_toml();
    keys.cards
        .insert(file_name(&dir.hub_card()), sha256_hex(card_text.as_bytes()));
    let key_file = keys.to_key_file(passphrase)?;
    write_private(&dir.hub_card(), card_text.as_bytes(), true)?;
    write_private(&dir.hub_key(), &key_file, false)?;
    Ok(HubInit {
        hub_id: keys.id,
        card_path: dir.hub_card(),
    })
}

/// A device's public setup: enough to screen and seal, no passphrase needed.
#[derive(Debug, Clone)]
pub struct DeviceSetup {
    pub card: DeviceCard,
    pub hub: HubCard,
}

/// Load the device's cards.
pub fn load_device(dir: &DataDir) -> Result<DeviceSetup, SetupError> {
    if !dir.device_key().exists() {
        return Err(SetupError::NoDevice {
            path: dir.root().display().to_string(),
        });
    }
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
    // The cards beside the keys must be the ones written at set-up.
    for (name, expected) in &keys.cards {
        let card = dir.root().join(name);
        let changed = fs::read(&card).map_or(true, |bytes| sha256_hex(&bytes) != *expected);
        if changed {
            return Err(SetupError::CardChanged {
                path: card.display().to_string(),
            });
        }
    }
    Ok(keys)
}

/// A data-folder file's name, as recorded in the key file.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}
