//! Sync by bundles between a device and a hub in two temporary folders:
//! export, enroll, import, receipts and ack; replays, any order, and every
//! way a bundle or receipt can be wrong — each refused with nothing stored.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::env::{all_bytes, Env};
use qorgau::crypto::mac::RowKey;
use qorgau::crypto::{DeviceCard, HubCard, Passphrase, Role, SecretKeys};
use qorgau::datadir::DataDir;
use qorgau::setup::{load_device, unlock};
use qorgau::store::hub::HubStore;
use qorgau::store::Store;
use qorgau::sync::{export_bundle, import_bundle, ImportError, ImportOptions, NoFacts, Receipt};

struct Sync {
    env: Env,
}

impl Sync {
    fn new() -> Sync {
        Sync { env: Env::new() }
    }

    fn hub(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec![
            "--data-dir".to_owned(),
            self.env.path("hub"),
            "--passphrase-file".to_owned(),
            self.env.path("hub-pass"),
        ];
        all.extend(args.iter().map(|a| (*a).to_owned()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        self.env.run(&all)
    }

    fn hub_ok(&self, args: &[&str]) -> String {
        let output = self.hub(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn hub_fails(&self, args: &[&str]) -> String {
        let output = self.hub(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap()
    }

    fn synth(&self, n: usize, seed: u64) {
        self.env.ok(&[
            "dev",
            "synth",
            "--records",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
        ]);
    }

    fn export(&self, name: &str) -> PathBuf {
        let path = self.env.root.join(name);
        self.env
            .ok(&["export", "--yes", "--out", &path.display().to_string()]);
        path
    }

    fn enroll(&self) {
        self.hub_ok(&["hub", "enroll", &self.env.path("device/device-card.toml")]);
    }

    fn hub_store(&self) -> HubStore {
        HubStore::open(&self.env.root.join("hub/hub.db")).unwrap()
    }

    fn hub_count(&self) -> i64 {
        if self.env.root.join("hub/hub.db").exists() {
            self.hub_store().record_count().unwrap()
        } else {
            0
        }
    }

    fn hub_keys(&self) -> SecretKeys {
        unlock(
            &DataDir::resolve(Some(self.env.root.join("hub"))).unwrap(),
            Role::Hub,
            &Passphrase::new(common::env::HUB_PASSPHRASE),
        )
        .unwrap()
    }

    fn device_keys(&self) -> SecretKeys {
        unlock(
            &DataDir::resolve(Some(self.env.device_dir())).unwrap(),
            Role::Device,
            &Passphrase::new(common::env::DEVICE_PASSPHRASE),
        )
        .unwrap()
    }

    fn receipts(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(&self.env.root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "receipt"))
            .collect();
        found.sort();
        found
    }
}

fn import_bytes(
    sync: &Sync,
    keys: &SecretKeys,
    bytes: &[u8],
) -> Result<qorgau::sync::ImportReport, ImportError> {
    let mut store = sync.hub_store();
    import_bundle(&mut store, keys, &bytes, &options(2), &NoFacts)
}

fn options(workers: usize) -> ImportOptions {
    let mut options = ImportOptions::new("2026-11-29T12:00:00Z".parse().unwrap());
    options.workers = workers;
    options
}

#[test]
fn end_to_end_export_import_receipt_ack() {
    let sync = Sync::new();
    sync.synth(25, 1);
    let bundle = sync.export("week1.qgb");
    sync.enroll();
    let out = sync.hub_ok(&["hub", "import", &bundle.display().to_string()]);
    assert!(
        out.contains("accepted 25, already held 0, rejected 0"),
        "{out}"
    );
    assert_eq!(sync.hub_count(), 25);

    // Keep a piece of one sealed record to look for after ack.
    let store = sync.env.store();
    let pending = store.pending().unwrap();
    let chunk: Vec<u8> =
        store.sealed(&pending[3].record_id).unwrap().ciphertext()[200..264].to_vec();
    drop(store);

    let receipt = &sync.receipts()[0];
    let out = sync.env.ok(&["ack", &receipt.display().to_string()]);
    assert!(
        out.contains("Sealed copies removed from this device: 25"),
        "{out}"
    );
    let store = sync.env.store();
    assert!(store.pending().unwrap().is_empty());
    assert!(store.records().unwrap().iter().all(|r| r.sealed.is_none()));
    for (path, bytes) in all_bytes(&sync.env.device_dir()) {
        assert!(
            !bytes.windows(chunk.len()).any(|w| w == chunk.as_slice()),
            "sealed copy left in {}",
            path.display()
        );
    }
    // Nothing left to send.
    let out = sync
        .env
        .ok(&["export", "--yes", "--out", &sync.env.path("week2.qgb")]);
    assert!(out.contains("Nothing to send"), "{out}");
    assert!(!sync.env.root.join("week2.qgb").exists());

    // The hub reads the full records; the device listing shows them synced.
    let listed: serde_json::Value =
        serde_json::from_str(&sync.hub_ok(&["hub", "records", "--format", "json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 25);
    let id = listed[0]["record_id"].as_str().unwrap();
    let shown = sync.hub_ok(&["hub", "record", "show", id]);
    assert!(
        shown.contains(listed[0]["case_code"].as_str().unwrap()),
        "{shown}"
    );
    let devices: serde_json::Value =
        serde_json::from_str(&sync.hub_ok(&["hub", "devices", "--format", "json"])).unwrap();
    assert_eq!(devices[0]["records_imported"], 25);
    assert!(devices[0]["last_import_at"].is_string());
}

#[test]
fn importing_twice_or_in_any_order_stores_each_record_once() {
    let sync = Sync::new();
    sync.enroll();
    sync.synth(5, 1);
    let first = sync.export("b1.qgb");
    sync.synth(4, 2);
    // Not acknowledged yet: the second bundle carries the first five again.
    let second = sync.export("b2.qgb");
    let out = sync.hub_ok(&[
        "hub",
        "import",
        &second.display().to_string(),
        &first.display().to_string(),
    ]);
    assert!(out.contains("accepted 9, already held 0"), "{out}");
    assert!(out.contains("accepted 0, already held 5"), "{out}");
    let out = sync.hub_ok(&["hub", "import", &second.display().to_string()]);
    assert!(out.contains("accepted 0, already held 9"), "{out}");
    assert_eq!(sync.hub_count(), 9);
    // Every receipt acknowledges; the device ends with nothing pending.
    for receipt in sync.receipts() {
        sync.env.ok(&["ack", &receipt.display().to_string()]);
    }
    assert!(sync.env.store().pending().unwrap().is_empty());
}

#[test]
fn unknown_and_revoked_devices_and_wrong_hubs_are_refused_with_nothing_stored() {
    let sync = Sync::new();
    sync.synth(3, 1);
    let bundle = sync.export("b.qgb");
    let path = bundle.display().to_string();
    let out = sync.hub_fails(&["hub", "import", &path]);
    assert!(out.contains("not enrolled here"), "{out}");
    // What to do is the binary's hint, not the library's message (issue 15).
    assert!(
        out.contains("hint: Enrol the device's card first: qorgau hub enroll DEVICE_CARD"),
        "{out}"
    );
    assert_eq!(sync.hub_count(), 0);

    sync.enroll();
    let device_id = load_device(&DataDir::resolve(Some(sync.env.device_dir())).unwrap())
        .unwrap()
        .card
        .device_id;
    sync.hub_ok(&["hub", "revoke", &device_id]);
    let out = sync.hub_fails(&["hub", "import", &path]);
    assert!(out.contains("was revoked"), "{out}");
    assert_eq!(sync.hub_count(), 0);
    assert!(
        sync.receipts().is_empty(),
        "no receipt for a refused bundle"
    );

    // Another hub cannot open it at all.
    let other = sync.env.root.join("other-hub");
    let output = sync.env.run(&[
        "--data-dir",
        &other.display().to_string(),
        "--passphrase-file",
        &sync.env.path("hub-pass"),
        "hub",
        "init",
    ]);
    assert!(output.status.success());
    let output = sync.env.run(&[
        "--data-dir",
        &other.display().to_string(),
        "--passphrase-file",
        &sync.env.path("hub-pass"),
        "hub",
        "import",
        &path,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("not encrypted for this hub"));
}

/// A receipt that cannot be written (a folder stands where it goes): the
/// bundle is stored, the line says so in the coordinator's language, the
/// import exits 1, and importing the same file again once the place is free
/// writes the receipt. The line was English in every language before.
#[test]
fn a_receipt_that_cannot_be_written_is_said_in_the_coordinators_language() {
    use qorgau::i18n::{Arg, Messages};
    use qorgau::lang::Lang;
    let sync = Sync::new();
    sync.enroll();
    sync.synth(2, 9);
    let bundle = sync.export("week9.qgb");
    let name = bundle.display().to_string();
    let blocker = sync.env.root.join("week9.receipt");
    fs::create_dir(&blocker).unwrap();
    let output = sync.hub(&["--lang", "ru", "hub", "import", &name]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let said = Messages::new(Lang::Ru).format(
        "hub-import-no-receipt",
        &[("file", Arg::Str(&name)), ("error", Arg::Str("\u{1}"))],
    );
    let said = said
        .split('\u{1}')
        .next()
        .unwrap()
        .trim_end_matches('\u{2068}');
    assert!(stdout.contains(said), "expected {said:?} in:\n{stdout}");
    assert!(!stdout.contains("could not be written"), "{stdout}");
    assert_eq!(sync.hub_count(), 2);
    fs::remove_dir(&blocker).unwrap();
    let out = sync.hub_ok(&["hub", "import", &name]);
    assert!(out.contains("already held 2"), "{out}");
    assert_eq!(sync.receipts(), vec![blocker]);
}

#[test]
fn a_bundle_cut_short_on_the_stick_fails_the_import_with_exit_1_and_says_why() {
    let sync = Sync::new();
    sync.enroll();
    sync.synth(3, 5);
    let bundle = sync.export("cut.qgb");
    let bytes = fs::read(&bundle).unwrap();
    fs::write(&bundle, &bytes[..bytes.len() / 2]).unwrap();
    let output = sync.hub(&["hub", "import", &bundle.display().to_string()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // A damaged file is bad input (exit 1), not a bug (exit 70).
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    // Cut in the middle of the encrypted layer: refused as cut short or changed.
    assert!(
        stdout.contains("cut.qgb: refused, nothing stored"),
        "{stdout}"
    );
    assert!(
        stdout.contains("incomplete") || stdout.contains("changed after the device wrote it"),
        "{stdout}"
    );
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(sync.hub_count(), 0);
    assert!(sync.receipts().is_empty());
}

#[test]
fn a_flipped_byte_anywhere_or_a_cut_is_refused_whole() {
    let sync = Sync::new();
    sync.enroll();
    sync.synth(4, 3);
    let bytes = fs::read(sync.export("b.qgb")).unwrap();
    let keys = sync.hub_keys();
    let n = bytes.len();
    let mut positions: Vec<usize> = (0..40).map(|i| i * n / 40).collect();
    positions.extend([0, 1, 30, 100, n / 2, n - 17, n - 1]);
    for at in positions {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        assert!(
            import_bytes(&sync, &keys, &changed).is_err(),
            "a flip at byte {at} of {n} was accepted"
        );
        assert_eq!(sync.hub_count(), 0, "flip at {at}");
    }
    for cut in [n - 1, n - 64, n / 2, 40] {
        let error = import_bytes(&sync, &keys, &bytes[..cut]).unwrap_err();
        assert!(
            matches!(
                error,
                ImportError::Truncated | ImportError::Tampered(_) | ImportError::NotABundle(_)
            ),
            "cut at {cut}: {error}"
        );
        assert_eq!(sync.hub_count(), 0);
    }
    assert_eq!(
        import_bytes(&sync, &keys, &bytes).unwrap().accepted.len(),
        4
    );
}

#[test]
fn another_device_cannot_squat_a_record_id() {
    // Security review F11: a device that learns another device's record ids
    // uploads its own records under them first; the real ones must still
    // be accepted, and nothing is reported as held that the hub does not have.
    let sync = Sync::new();
    sync.enroll();
    sync.synth(2, 11);
    let bundle = fs::read(sync.export("b.qgb")).unwrap();
    let keys = sync.hub_keys();
    let first_id = sync.env.store().pending().unwrap()[0].record_id.clone();
    let squatter = SecretKeys::generate(
        Role::Device,
        "squatter-device".into(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    let mut store = sync.hub_store();
    store
        .enroll(
            &DeviceCard::for_keys(&squatter, None).unwrap(),
            "2026-11-29T10:00:00Z".parse().unwrap(),
            &RowKey::derive(&keys),
        )
        .unwrap();
    // The squatter's own (synthetic) record, under the victim's id.
    let setup = load_device(&DataDir::resolve(Some(sync.env.device_dir())).unwrap()).unwrap();
    let catalog = qorgau::catalog::Catalog::shipped().unwrap();
    let protocol = &catalog.find("school-safety@1.0.0").unwrap().protocol;
    let squat_setup = qorgau::setup::DeviceSetup {
        card: DeviceCard::for_keys(&squatter, None).unwrap(),
        hub: setup.hub.clone(),
    };
    let mut rng = qorgau::synth::Rng::new(5);
    let (mut record, _, _) = qorgau::synth::synthetic_record(
        protocol,
        &squat_setup,
        &mut rng,
        "2026-11-01T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    record.record_id = first_id.clone();
    let sealed = qorgau::crypto::HubSealed::seal(&record, &setup.hub.recipients).unwrap();
    let squat = signed_bundle(
        &squatter,
        &setup.hub,
        &[(record.meta(), sealed.ciphertext().to_vec())],
    );
    let report = import_bundle(&mut store, &keys, &squat, &options(1), &NoFacts).unwrap();
    assert_eq!(report.accepted, vec![first_id.clone()]);
    let report = import_bundle(&mut store, &keys, &&bundle[..], &options(2), &NoFacts).unwrap();
    assert_eq!(report.accepted.len(), 2, "{report:?}");
    assert!(report.rejected.is_empty(), "{report:?}");
    assert_eq!(store.record_count().unwrap(), 3);
}

/// A format-2 bundle signed by `device` with these (meta, sealed) records.
fn signed_bundle(
    device: &SecretKeys,
    hub: &HubCard,
    records: &[(qorgau::record::RecordMeta, Vec<u8>)],
) -> Vec<u8> {
    use sha2::Digest;
    let header = qorgau::sync::BundleHeader::new(
        device.id.clone().parse().unwrap(),
        hub.hub_id.clone(),
        "2026-11-29T10:00:00Z".parse().unwrap(),
        records
            .iter()
            .map(|(meta, sealed)| qorgau::sync::BundleRecord {
                record_id: meta.record_id.clone(),
                protocol_id: meta.protocol_id.clone(),
                protocol_version: meta.protocol_version.clone(),
                finished_at: meta.finished_at,
                sha256: format!("{:x}", sha2::Sha256::digest(sealed)),
            })
            .collect(),
        None,
    );
    let mut writer =
        qorgau::sync::BundleWriter::new(Vec::new(), &hub.recipients, &header, &device.signing)
            .unwrap();
    for (_, sealed) in records {
        writer.write_record(sealed).unwrap();
    }
    writer.finish().unwrap()
}

#[test]
fn a_revoked_device_or_a_changed_key_needs_force_to_enroll() {
    let sync = Sync::new();
    sync.enroll();
    let device_id = load_device(&DataDir::resolve(Some(sync.env.device_dir())).unwrap())
        .unwrap()
        .card
        .device_id;
    sync.hub_ok(&["hub", "revoke", &device_id]);
    let card = sync.env.path("device/device-card.toml");
    let message = sync.hub_fails(&["hub", "enroll", &card]);
    assert!(
        message.contains("was revoked") && message.contains("--force"),
        "{message}"
    );
    sync.hub_ok(&["hub", "enroll", &card, "--force"]);
    // Another key under the same device id.
    let other = SecretKeys::generate(
        Role::Device,
        device_id.to_string(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    let forged = sync.env.root.join("forged-card.toml");
    fs::write(
        &forged,
        DeviceCard::for_keys(&other, None).unwrap().to_toml(),
    )
    .unwrap();
    let message = sync.hub_fails(&["hub", "enroll", &forged.display().to_string()]);
    assert!(message.contains("another signing key"), "{message}");
}

#[test]
fn every_single_flipped_byte_of_a_small_bundle_is_refused() {
    let sync = Sync::new();
    sync.enroll();
    sync.synth(1, 9);
    let bytes = fs::read(sync.export("one.qgb")).unwrap();
    let keys = sync.hub_keys();
    let mut store = sync.hub_store();
    for at in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[at] ^= 0x80;
        let result = import_bundle(&mut store, &keys, &&changed[..], &options(1), &NoFacts);
        assert!(
            result.is_err(),
            "a flip at byte {at} of {} was accepted",
            bytes.len()
        );
    }
    assert_eq!(store.record_count().unwrap(), 0);
    assert_eq!(
        import_bundle(&mut store, &keys, &&bytes[..], &options(1), &NoFacts)
            .unwrap()
            .accepted
            .len(),
        1
    );
}

#[test]
fn a_bundle_signed_by_another_key_or_unsigned_is_refused() {
    let sync = Sync::new();
    sync.enroll();
    sync.synth(3, 4);
    let device_dir = DataDir::resolve(Some(sync.env.device_dir())).unwrap();
    let setup = load_device(&device_dir).unwrap();
    let store = sync.env.store();
    let keys = sync.hub_keys();
    // Re-signed: the right device id and hub, but another signing key.
    let impostor = SecretKeys::generate(
        Role::Device,
        setup.card.device_id.to_string(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    let path = sync.env.root.join("resigned.qgb");
    let mut resigning = sync.device_keys();
    resigning.signing = impostor.signing.clone();
    export_bundle(
        &store,
        &setup,
        &resigning,
        &path,
        "2026-11-29T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    let error = import_bytes(&sync, &keys, &fs::read(&path).unwrap()).unwrap_err();
    assert!(matches!(error, ImportError::BadSignature), "{error}");
    assert_eq!(sync.hub_count(), 0);

    // Unsigned: the inner layout without its signature, properly encrypted.
    let path = sync.env.root.join("signed.qgb");
    export_bundle(
        &store,
        &setup,
        &sync.device_keys(),
        &path,
        "2026-11-29T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    let identity = &keys.identity;
    let inner = {
        let outer = fs::read(&path).unwrap();
        let decryptor = age::Decryptor::new_buffered(&outer[..]).unwrap();
        let mut reader = decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .unwrap();
        let mut inner = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut inner).unwrap();
        inner
    };
    // Format 2: the signature follows the header; take it out.
    let header_end = 18 + u32::from_be_bytes(inner[14..18].try_into().unwrap()) as usize;
    let unsigned = [&inner[..header_end], &inner[header_end + 64..]].concat();
    let encrypted = age::encrypt(&setup.hub.recipients[0], &unsigned).unwrap();
    let error = import_bytes(&sync, &keys, &encrypted).unwrap_err();
    assert!(
        matches!(error, ImportError::BadSignature | ImportError::Truncated),
        "{error}"
    );
    // The same inner bytes with the signature re-encrypted import fine: the
    // checks above are about the signature, not the encryption.
    let rewrapped = age::encrypt(&setup.hub.recipients[0], &inner).unwrap();
    assert_eq!(
        import_bytes(&sync, &keys, &rewrapped)
            .unwrap()
            .accepted
            .len(),
        3
    );
}

#[test]
fn forged_or_misdirected_receipts_are_refused_and_change_nothing() {
    let sync = Sync::new();
    sync.enroll();
    sync.synth(3, 5);
    let bundle = sync.export("b.qgb");
    sync.hub_ok(&["hub", "import", &bundle.display().to_string()]);
    let receipt_path = sync.receipts()[0].clone();
    let text = fs::read_to_string(&receipt_path).unwrap();
    let before = sync.env.store().pending().unwrap().len();

    // Claim one more record than the hub signed for.
    let forged = text.replacen(
        "accepted = [",
        "accepted = [\"00000000-0000-4000-8000-000000000000\", ",
        1,
    );
    let forged_path = sync.env.root.join("forged.toml");
    fs::write(&forged_path, forged).unwrap();
    let message = sync.env.fails(&["ack", &forged_path.display().to_string()]);
    assert!(message.contains("signature does not match"), "{message}");
    // One that is not a record id at all is refused where it is written.
    let forged = text.replacen("accepted = [", "accepted = [\"not-a-real-record\", ", 1);
    fs::write(&forged_path, forged).unwrap();
    let message = sync.env.fails(&["ack", &forged_path.display().to_string()]);
    assert!(
        message.contains("forged.toml:")
            && message.contains("\"not-a-real-record\" is not a record id"),
        "{message}"
    );

    // A receipt signed by another hub's key.
    let other = SecretKeys::generate(
        Role::Hub,
        "other-hub".into(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    let device_id = load_device(&DataDir::resolve(Some(sync.env.device_dir())).unwrap())
        .unwrap()
        .card
        .device_id;
    let hub_card = HubCard::parse(
        "h",
        &fs::read_to_string(sync.env.root.join("hub/hub-card.toml")).unwrap(),
    )
    .unwrap();
    let genuine = Receipt::verify("r", &text, &hub_card, &device_id).unwrap();
    let mut stolen = genuine.clone();
    stolen.hub_id = "other-hub".into();
    fs::write(&forged_path, stolen.to_signed_toml(&other)).unwrap();
    let message = sync.env.fails(&["ack", &forged_path.display().to_string()]);
    assert!(
        message.contains("signature does not match")
            || message.contains("from another coordinator"),
        "{message}"
    );

    // A genuine receipt for another device.
    let mut elsewhere = genuine.clone();
    elsewhere.device_id = "someone-else".parse().unwrap();
    fs::write(&forged_path, elsewhere.to_signed_toml(&sync.hub_keys())).unwrap();
    let message = sync.env.fails(&["ack", &forged_path.display().to_string()]);
    assert!(message.contains("another device"), "{message}");

    fs::write(&forged_path, "not a receipt").unwrap();
    let message = sync.env.fails(&["ack", &forged_path.display().to_string()]);
    assert!(message.contains("not a valid receipt"), "{message}");

    assert_eq!(
        sync.env.store().pending().unwrap().len(),
        before,
        "nothing changed"
    );
    sync.env.ok(&["ack", &receipt_path.display().to_string()]);
    assert!(sync.env.store().pending().unwrap().is_empty());
}

#[test]
fn the_reference_age_tool_opens_the_outer_layer() {
    let Ok(found) = Command::new("age").arg("--version").output() else {
        eprintln!(
            "the `age` command is not installed here; .ci/run installs Debian's `age` package"
        );
        return;
    };
    assert!(found.status.success());
    let sync = Sync::new();
    sync.synth(2, 6);
    let bundle = sync.export("b.qgb");
    let identity = sync.env.root.join("hub-identity.txt");
    sync.hub_ok(&[
        "hub",
        "export-identity",
        "--out",
        &identity.display().to_string(),
        "--yes",
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&identity).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let message = sync.hub_fails(&[
        "hub",
        "export-identity",
        "--out",
        &identity.display().to_string(),
        "--yes",
    ]);
    assert!(message.contains("already exists"), "{message}");
    let output = Command::new("age")
        .args([
            "--decrypt",
            "--identity",
            &identity.display().to_string(),
            &bundle.display().to_string(),
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.starts_with(b"QORGAU-BUNDLE\n"));
}

/// Committed files (test keys only) that must keep importing: the bundle
/// and receipt formats are frozen.
#[test]
fn the_golden_bundle_keeps_importing_and_its_receipt_keeps_verifying() {
    let golden = Path::new("tests/golden/sync");
    let store_golden = Path::new("tests/golden/store");
    let passphrase = Passphrase::new("golden test passphrase, not secret");
    let hub = SecretKeys::from_key_file(
        &fs::read(store_golden.join("hub-key.age")).unwrap(),
        &passphrase,
        Role::Hub,
        "hub-key.age",
    )
    .unwrap();
    let device_card = DeviceCard::parse(
        "device-card.toml",
        &fs::read_to_string(store_golden.join("device-card.toml")).unwrap(),
    )
    .unwrap();
    let hub_card = HubCard::parse(
        "hub-card.toml",
        &fs::read_to_string(store_golden.join("hub-card.toml")).unwrap(),
    )
    .unwrap();
    if std::env::var_os("QORGAU_REGENERATE_GOLDEN").is_some() {
        regenerate(golden, store_golden, &passphrase, &hub);
    }
    // Format 3 (written now), 2 and 1 (still read) all import.
    for name in ["bundle", "bundle-v2", "bundle-v1"] {
        let temp = tempfile::tempdir().unwrap();
        let mut store = HubStore::open(&temp.path().join("hub.db")).unwrap();
        store
            .enroll(
                &device_card,
                "2026-11-29T10:00:00Z".parse().unwrap(),
                &RowKey::derive(&hub),
            )
            .unwrap();
        let report = import_bundle(
            &mut store,
            &hub,
            &fs::read(golden.join(format!("{name}.qgb"))).unwrap(),
            &options(2),
            &NoFacts,
        )
        .unwrap();
        assert_eq!(report.accepted.len(), 1, "{name}");
        assert!(report.rejected.is_empty(), "{name}");
        let receipt = Receipt::verify(
            "receipt",
            &fs::read_to_string(golden.join(format!("{name}.receipt"))).unwrap(),
            &hub_card,
            &device_card.device_id,
        )
        .unwrap();
        assert_eq!(receipt.accepted, report.accepted, "{name}");
        assert_eq!(receipt.bundle_id, report.bundle_id, "{name}");
    }
    // The inner layout of formats 2 and 3: the signature right after the
    // header; format 3 says what the device had installed.
    let inner = age::decrypt(&hub.identity, &fs::read(golden.join("bundle.qgb")).unwrap()).unwrap();
    assert!(inner.starts_with(b"QORGAU-BUNDLE\n"));
    let header_len = u32::from_be_bytes(inner[14..18].try_into().unwrap()) as usize;
    let header: serde_json::Value = serde_json::from_slice(&inner[18..18 + header_len]).unwrap();
    assert_eq!(header["format"], 3);
    assert_eq!(header["installed"]["update"], 7);
    assert_eq!(header["installed"]["directory"], "kz@1.0.0");
    assert_eq!(
        header["installed"]["protocols"][0],
        "border-checkpoint@1.0.0"
    );
    let record_len = u32::from_be_bytes(
        inner[18 + header_len + 64..18 + header_len + 68]
            .try_into()
            .unwrap(),
    ) as usize;
    assert_eq!(inner.len(), 18 + header_len + 64 + 4 + record_len);
}

fn regenerate(golden: &Path, store_golden: &Path, passphrase: &Passphrase, hub: &SecretKeys) {
    fs::create_dir_all(golden).unwrap();
    let device = SecretKeys::from_key_file(
        &fs::read(store_golden.join("device-key.age")).unwrap(),
        passphrase,
        Role::Device,
        "device-key.age",
    )
    .unwrap();
    let setup = qorgau::setup::DeviceSetup {
        card: DeviceCard::parse(
            "c",
            &fs::read_to_string(store_golden.join("device-card.toml")).unwrap(),
        )
        .unwrap(),
        hub: HubCard::parse(
            "h",
            &fs::read_to_string(store_golden.join("hub-card.toml")).unwrap(),
        )
        .unwrap(),
    };
    let sealed = qorgau::crypto::HubSealed::<qorgau::record::Record>::from_ciphertext(
        fs::read(store_golden.join("record.sealed")).unwrap(),
    );
    let summary = qorgau::crypto::DeviceSealed::<qorgau::record::Summary>::from_ciphertext(
        fs::read(store_golden.join("summary.sealed")).unwrap(),
    );
    let record = sealed.open(&hub.identity).unwrap();
    let temp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&temp.path().join("q.db")).unwrap();
    store
        .insert_finished(&[(record.meta(), sealed, summary)])
        .unwrap();
    let path = golden.join("bundle.qgb");
    let _ = fs::remove_file(&path);
    let mut plan = qorgau::sync::plan_export(
        &store,
        &setup,
        &device,
        "2026-11-29T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    plan.installed = Some(qorgau::device_state::DeviceState {
        update: Some(7),
        directory: Some("kz@1.0.0".into()),
        protocols: vec![
            "border-checkpoint@1.0.0".into(),
            "school-safety@1.0.0".into(),
        ],
        qorgau: "0.1.0".into(),
    });
    qorgau::sync::write_bundle(
        &store,
        &setup,
        &device,
        &plan,
        &path,
        "2026-11-29T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    let mut hub_store = HubStore::open(&temp.path().join("hub.db")).unwrap();
    hub_store
        .enroll(
            &setup.card,
            "2026-11-29T10:00:00Z".parse().unwrap(),
            &RowKey::derive(hub),
        )
        .unwrap();
    let report = import_bundle(
        &mut hub_store,
        hub,
        &fs::read(&path).unwrap(),
        &options(1),
        &NoFacts,
    )
    .unwrap();
    let receipt = Receipt::for_import(&report, &hub.id, "2026-11-29T10:00:00Z".parse().unwrap());
    fs::write(golden.join("bundle.receipt"), receipt.to_signed_toml(hub)).unwrap();
}
