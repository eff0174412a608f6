//! One hub with one enrolled device, fresh keys and no scrypt: for tests
//! that write bundles by hand, as a broken or hostile device could.

use qorgau::catalog::Catalog;
use qorgau::crypto::mac::RowKey;
use qorgau::crypto::{DeviceCard, HubCard, Role, SecretKeys};
use qorgau::setup::DeviceSetup;
use qorgau::store::hub::HubStore;

pub const NOW: &str = "2026-11-29T12:00:00Z";

pub struct Lab {
    _temp: tempfile::TempDir,
    pub hub: SecretKeys,
    pub device: SecretKeys,
    pub setup: DeviceSetup,
    pub store: HubStore,
    pub catalog: Catalog,
}

pub fn lab() -> Lab {
    let temp = tempfile::tempdir().unwrap();
    let hub = SecretKeys::generate(Role::Hub, "hub-lab".into(), NOW.parse().unwrap());
    let device = SecretKeys::generate(Role::Device, "device-lab".into(), NOW.parse().unwrap());
    let setup = DeviceSetup {
        card: DeviceCard::for_keys(&device, Some("almaty_city".into())).unwrap(),
        hub: HubCard::for_keys(&hub, "Lab hub".into()),
    };
    let mut store = HubStore::open(&temp.path().join("hub.db")).unwrap();
    store
        .enroll(&setup.card, NOW.parse().unwrap(), &RowKey::derive(&hub))
        .unwrap();
    Lab {
        _temp: temp,
        hub,
        device,
        setup,
        store,
        catalog: Catalog::shipped().unwrap(),
    }
}
