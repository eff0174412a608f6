//! Typed ids and timestamps (issue 15, "Types"): a malformed record id,
//! device id, case code or time in a bundle, a card or a database row is
//! refused with one message that says what is wrong, and everything that is
//! read is written back byte for byte.
//!
//! The bundles here are written by hand (magic, header, signature, records,
//! age), as a broken or hostile device could write them: the library's own
//! writer takes only typed ids and cannot make them.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;

mod common;

use common::one_device::{lab, Lab, NOW};

use ed25519_dalek::Signer;
use qorgau::crypto::{DeviceCard, HubCard};
use qorgau::sync::bundle::{BUNDLE_FORMAT, MAGIC, SIGNATURE_CONTEXT_V2};
use qorgau::sync::{import_bundle, ImportError, ImportOptions, NoFacts};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

impl Lab {
    /// A genuine record of the lab's device, as the JSON of its head and body.
    fn record_json(&self, seed: u64) -> (Value, Value) {
        let protocol = &self.catalog.find("school-safety@1.0.0").unwrap().protocol;
        let mut rng = qorgau::synth::Rng::new(seed);
        let (record, _, _) = qorgau::synth::synthetic_record(
            protocol,
            &self.setup,
            &mut rng,
            "2026-11-01T10:00:00Z".parse().unwrap(),
        )
        .unwrap();
        (
            serde_json::to_value(record.head()).unwrap(),
            serde_json::to_value(&record).unwrap(),
        )
    }

    /// A record's head and body sealed to the hub, as a device seals them.
    fn seal(&self, head: &Value, body: &Value) -> Vec<u8> {
        let mut plaintext = serde_json::to_vec(head).unwrap();
        plaintext.push(b'\n');
        plaintext.extend(serde_json::to_vec(body).unwrap());
        age::encrypt(&self.setup.hub.recipients[0], &plaintext).unwrap()
    }

    /// A bundle signed by the lab's device, its header as given (the bundle
    /// id is filled in) and its records in order.
    fn bundle(&self, mut header: Value, sealed: &[Vec<u8>]) -> Vec<u8> {
        header["bundle_id"] = json!(content_id(&header));
        let header = serde_json::to_vec(&header).unwrap();
        let length = u32::try_from(header.len()).unwrap().to_be_bytes();
        let digest = Sha256::new()
            .chain_update(MAGIC)
            .chain_update(length)
            .chain_update(&header)
            .finalize();
        let mut message = SIGNATURE_CONTEXT_V2.to_vec();
        message.extend_from_slice(&digest);
        let signature = self.device.signing.sign(&message);
        let mut plain = Vec::new();
        plain.extend_from_slice(MAGIC);
        plain.extend_from_slice(&length);
        plain.extend_from_slice(&header);
        plain.extend_from_slice(&signature.to_bytes());
        for record in sealed {
            plain.extend_from_slice(&u32::try_from(record.len()).unwrap().to_be_bytes());
            plain.extend_from_slice(record);
        }
        let encryptor = age::Encryptor::with_recipients(
            self.setup
                .hub
                .recipients
                .iter()
                .map(|r| r as &dyn age::Recipient),
        )
        .unwrap();
        let mut out = Vec::new();
        let mut stream = encryptor.wrap_output(&mut out).unwrap();
        stream.write_all(&plain).unwrap();
        stream.finish().unwrap();
        out
    }

    /// A header for these records, as the lab's device writes one.
    fn header(&self, records: &[(&Value, &[u8])]) -> Value {
        json!({
            "format": BUNDLE_FORMAT,
            "bundle_id": "",
            "device_id": self.device.id,
            "hub_id": self.hub.id,
            "created_at": NOW,
            "records": records.iter().map(|(head, sealed)| json!({
                "record_id": head["record_id"],
                "protocol_id": head["protocol"]["id"],
                "protocol_version": head["protocol"]["version"],
                "finished_at": head["finished_at"],
                "sha256": format!("{:x}", Sha256::digest(sealed)),
            })).collect::<Vec<_>>(),
        })
    }

    fn import(&mut self, bytes: &[u8]) -> Result<qorgau::sync::ImportReport, ImportError> {
        let mut options = ImportOptions::new(NOW.parse().unwrap());
        options.workers = 2;
        import_bundle(&mut self.store, &self.hub, &bytes, &options, &NoFacts)
    }
}

/// The bundle id as docs/bundle-format.md defines it.
fn content_id(header: &Value) -> String {
    let mut hash = Sha256::new();
    for part in ["device_id", "hub_id", "created_at"] {
        hash.update(header[part].as_str().unwrap().as_bytes());
        hash.update(b"\n");
    }
    for record in header["records"].as_array().unwrap() {
        hash.update(record["record_id"].as_str().unwrap().as_bytes());
        hash.update(b" ");
        hash.update(record["sha256"].as_str().unwrap().as_bytes());
        hash.update(b"\n");
    }
    format!("{:x}", hash.finalize())
}

/// A bundle whose record has `field` set to `value` in its header entry,
/// its head and its body alike, so only the value's form is wrong.
fn bundle_with(lab: &Lab, field: &str, value: &str) -> Vec<u8> {
    let (mut head, mut body) = lab.record_json(1);
    head[field] = json!(value);
    body[field] = json!(value);
    let sealed = lab.seal(&head, &body);
    let header = lab.header(&[(&head, &sealed)]);
    lab.bundle(header, &[sealed])
}

#[test]
fn the_hand_written_bundle_is_imported_when_nothing_is_wrong() {
    // The check on the helpers: without this, every refusal below could be
    // the helpers' fault.
    let mut lab = lab();
    let (head, body) = lab.record_json(1);
    let sealed = lab.seal(&head, &body);
    let header = lab.header(&[(&head, &sealed)]);
    let report = lab.import(&lab.bundle(header, &[sealed])).unwrap();
    assert_eq!(report.accepted.len(), 1, "{report:?}");
    assert_eq!(lab.store.record_count().unwrap(), 1);
}

#[test]
fn a_malformed_record_id_in_a_bundle_is_refused_with_one_message() {
    let mut lab = lab();
    let bundle = bundle_with(&lab, "record_id", "r1\u{1b}[2J");
    let error = lab.import(&bundle).unwrap_err().to_string();
    assert!(
        error.contains(r#""r1\u{1b}[2J" is not a record id: a record id is a UUID"#),
        "{error}"
    );
    assert_eq!(lab.store.record_count().unwrap(), 0);
}

#[test]
fn a_malformed_time_in_a_bundle_is_refused_with_one_message() {
    // Another offset is the same moment, but not the bytes that were signed
    // and hashed as Qorgau writes them; a year past 9999 is no date at all.
    for time in ["2026-11-01T15:00:00+05:00", "+10000-01-01T00:00:00Z"] {
        let mut lab = lab();
        let bundle = bundle_with(&lab, "finished_at", time);
        let error = lab.import(&bundle).unwrap_err().to_string();
        assert!(
            error.contains(&format!(
                r#""{time}" is not a time as Qorgau writes it: UTC to the second, like 2026-11-29T10:00:00Z"#
            )),
            "{error}"
        );
        assert_eq!(lab.store.record_count().unwrap(), 0);
    }
}

#[test]
fn a_malformed_device_id_on_a_card_is_refused_where_it_is_written() {
    let lab = lab();
    let card = lab.setup.card.to_toml().replace(
        "device_id = \"device-lab\"",
        "device_id = \"device lab; rm\"",
    );
    let error = DeviceCard::parse("device-card.toml", &card)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("device-card.toml:4:")
            && error.contains(r#""device lab; rm" is not a device id"#),
        "{error}"
    );
}

#[test]
fn a_malformed_id_or_time_in_a_database_row_is_refused_as_damage() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("device.db");
    let store = qorgau::store::Store::open(&path).unwrap();
    // Written by something other than Qorgau: a record id and a time of
    // the wrong form.
    store
        .connection()
        .execute(
            "INSERT INTO records (id, protocol_id, protocol_version, finished_at, sync_state, sealed)
             VALUES ('r1', 'school-safety', '1.0.0', 'yesterday', 'pending', x'00')",
            [],
        )
        .unwrap();
    let error = store.records().unwrap_err().to_string();
    assert!(
        error.contains("is damaged") && error.contains(r#""r1" is not a record id"#),
        "{error}"
    );
    let error = store.pending().unwrap_err().to_string();
    assert!(error.contains("is damaged"), "{error}");
}

/// The binary, with an empty data folder and a language.
fn qorgau(lang: &str, args: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let temp = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(["--lang", lang, "--data-dir"])
        .arg(temp.path().join("data"))
        .args(args)
        .env_remove("QORGAU_PASSPHRASE_FILE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (output, temp)
}

#[test]
fn a_malformed_id_on_the_command_line_is_a_usage_error_in_the_users_language() {
    let record = [
        ("en", "is neither a case code nor a record id"),
        ("ru", "не код случая и не идентификатор записи"),
        ("kk", "іс коды да, жазба идентификаторы да емес"),
    ];
    for (lang, says) in record {
        for args in [
            &["record", "show", "T9D-G3"][..],
            &["hub", "record", "show", "8e4fa575-a817-4fde-b92c"],
            &["hub", "erase", "T9D-G3J-k4/", "--yes"],
        ] {
            let (output, temp) = qorgau(lang, args);
            let message = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
            assert!(message.contains(says), "{lang} {args:?}: {message}");
            assert!(message.contains("T9D-G3J"), "{message}");
            // Refused before anything was opened or made.
            assert!(!temp.path().join("data").exists(), "{args:?}");
        }
    }
    let device = [
        ("en", "is not a device id"),
        ("ru", "не идентификатор устройства"),
        ("kk", "құрылғы идентификаторы емес"),
    ];
    for (lang, says) in device {
        let (output, _temp) = qorgau(lang, &["hub", "revoke", "laptop 7\u{1b}[2J"]);
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(message.contains(says), "{lang}: {message}");
        assert!(!message.contains('\u{1b}'), "{message:?}");
    }
}

#[test]
fn a_case_code_is_found_in_any_case_and_a_well_formed_unknown_one_is_not_a_usage_error() {
    // `t9d-g3j` is a case code as a person types it: it gets past the
    // command line (exit 1 here: no device is set up), unlike a malformed one.
    let (output, _temp) = qorgau("en", &["record", "show", " t9d-g3j "]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn golden_files_read_into_the_typed_forms_and_write_back_byte_for_byte() {
    let dir = std::path::Path::new("tests/golden/store");
    let text = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    for name in ["record.json", "record-profile.json"] {
        let record: qorgau::record::Record = serde_json::from_str(&text(name)).unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&record).unwrap(),
            text(name),
            "{name}"
        );
    }
    let summary: qorgau::record::Summary = serde_json::from_str(&text("summary.json")).unwrap();
    assert_eq!(
        serde_json::to_string_pretty(&summary).unwrap(),
        text("summary.json")
    );
    let meta: qorgau::record::RecordMeta = serde_json::from_str(&text("record-meta.json")).unwrap();
    assert_eq!(meta.canonical_bytes(), text("record-meta.json").as_bytes());
    let card = DeviceCard::parse("device-card.toml", &text("device-card.toml")).unwrap();
    assert_eq!(card.to_toml(), text("device-card.toml"));
    let card = HubCard::parse("hub-card.toml", &text("hub-card.toml")).unwrap();
    assert_eq!(card.to_toml(), text("hub-card.toml"));
}

#[test]
fn records_and_times_sort_as_times() {
    let at = |t: &str| t.parse::<qorgau::time::Timestamp>().unwrap();
    let mut times = [
        at("2026-11-29T10:00:00Z"),
        at("2025-12-31T23:59:59Z"),
        at("2026-01-01T00:00:00Z"),
    ];
    times.sort();
    let written: Vec<String> = times.iter().map(ToString::to_string).collect();
    assert_eq!(
        written,
        [
            "2025-12-31T23:59:59Z",
            "2026-01-01T00:00:00Z",
            "2026-11-29T10:00:00Z"
        ]
    );
}
