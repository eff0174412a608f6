//! A hub with devices, built through the library with fresh keys (no
//! scrypt): synthetic records are sealed, signed into bundles and imported
//! with the report's facts cache, as `qorgau hub import` does.

use qorgau::catalog::Catalog;
use qorgau::crypto::mac::RowKey;
use qorgau::crypto::{DeviceCard, HubCard, HubSealed, Role, SecretKeys};
use qorgau::record::Record;
use qorgau::report::cache::{self, FactsCache, Segment};
use qorgau::setup::DeviceSetup;
use qorgau::store::hub::HubStore;
use qorgau::sync::{
    import_bundle, BundleHeader, BundleRecord, BundleWriter, ImportOptions, ImportReport,
};
use sha2::Digest;

pub const NOW: &str = "2026-11-29T12:00:00Z";

/// [`NOW`] as a time.
pub fn now() -> qorgau::time::Timestamp {
    NOW.parse().unwrap()
}

pub struct Device {
    pub keys: SecretKeys,
    pub setup: DeviceSetup,
}

pub struct HubLab {
    _temp: tempfile::TempDir,
    pub hub: SecretKeys,
    pub devices: Vec<Device>,
    pub store: HubStore,
    pub catalog: Catalog,
}

impl HubLab {
    /// A hub with one enrolled device per region.
    pub fn new(regions: &[&str]) -> HubLab {
        let temp = tempfile::tempdir().unwrap();
        let hub = SecretKeys::generate(Role::Hub, "hub-lab".into(), now());
        let hub_card = HubCard::for_keys(&hub, "Lab hub".into());
        let mut store = HubStore::open(&temp.path().join("hub.db")).unwrap();
        let devices: Vec<Device> = regions
            .iter()
            .enumerate()
            .map(|(i, region)| {
                let keys = SecretKeys::generate(Role::Device, format!("device-{i}"), now());
                let setup = DeviceSetup {
                    card: DeviceCard::for_keys(&keys, Some((*region).to_owned())).unwrap(),
                    hub: hub_card.clone(),
                };
                store
                    .enroll(&setup.card, now(), &RowKey::derive(&hub))
                    .unwrap();
                Device { keys, setup }
            })
            .collect();
        HubLab {
            _temp: temp,
            hub,
            devices,
            store,
            catalog: Catalog::shipped().unwrap(),
        }
    }

    /// A synthetic record of device `device`, of the newest version of a
    /// protocol picked by `rng`, finished at `at`.
    pub fn record(&self, device: usize, rng: &mut qorgau::synth::Rng, at: &str) -> Record {
        let latest = self.catalog.latest();
        let protocol = &latest[rng.below(latest.len() as u64) as usize].protocol;
        qorgau::synth::synthetic_record(
            protocol,
            &self.devices[device].setup,
            rng,
            at.parse().unwrap(),
        )
        .unwrap()
        .0
    }

    /// Seal, sign and import records of device `device`, with facts.
    pub fn import(&mut self, device: usize, records: &[Record]) -> ImportReport {
        let device = &self.devices[device];
        let sealed: Vec<(Record, Vec<u8>)> = records
            .iter()
            .map(|r| {
                let bytes = HubSealed::seal(r, &device.setup.hub.recipients)
                    .unwrap()
                    .ciphertext()
                    .to_vec();
                (r.clone(), bytes)
            })
            .collect();
        let header = BundleHeader::new(
            device.setup.card.device_id.clone(),
            device.setup.hub.hub_id.clone(),
            now(),
            sealed
                .iter()
                .map(|(r, bytes)| BundleRecord {
                    record_id: r.record_id.clone(),
                    protocol_id: r.protocol.id.clone(),
                    protocol_version: r.protocol.version.clone(),
                    finished_at: r.finished_at,
                    sha256: format!("{:x}", sha2::Sha256::digest(bytes)),
                })
                .collect(),
            None,
        );
        let mut writer = BundleWriter::new(
            Vec::new(),
            &device.setup.hub.recipients,
            &header,
            &device.keys.signing,
        )
        .unwrap();
        for (_, bytes) in &sealed {
            writer.write_record(bytes).unwrap();
        }
        let bundle = writer.finish().unwrap();
        let mut options = ImportOptions::new(now());
        options.workers = 2;
        let facts = FactsCache::new(vec![self.hub.recipient()]);
        import_bundle(
            &mut self.store,
            &self.hub,
            &bundle.as_slice(),
            &options,
            &facts,
        )
        .unwrap()
    }

    /// Every facts segment, opened.
    pub fn segments(&self) -> Vec<Segment> {
        cache::open_all(&self.store.fact_segments().unwrap(), &self.hub.openers())
            .unwrap()
            .into_iter()
            .map(|(_, s)| s)
            .collect()
    }

    /// Every record held, opened.
    pub fn records(&self) -> Vec<qorgau::hub::OpenRecord> {
        let (open, skipped) = qorgau::hub::open_records(&self.store, &self.hub).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        open
    }
}
