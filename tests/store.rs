//! The store and the sealed formats through the library: a full disk changes
//! nothing, purge keeps what it should, and committed golden files (test keys
//! only) keep decrypting — the formats are frozen.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::path::Path;

use qorgau::catalog::Catalog;
use qorgau::crypto::{DeviceCard, DeviceSealed, HubCard, HubSealed, Passphrase, Role, SecretKeys};
use qorgau::engine::{AnswerInput, Step};
use qorgau::lang::Lang;
use qorgau::record::{Record, RecordMeta, Summary};
use qorgau::screening::Screening;
use qorgau::setup::DeviceSetup;
use qorgau::store::{Store, StoreError};

const NOW: &str = "2026-11-29T10:00:00Z";

fn setup() -> (DeviceSetup, SecretKeys, SecretKeys) {
    let device = SecretKeys::generate(Role::Device, "device-test".into(), NOW.parse().unwrap());
    let hub = SecretKeys::generate(Role::Hub, "hub-test".into(), NOW.parse().unwrap());
    let setup = DeviceSetup {
        card: DeviceCard::for_keys(&device, Some("almaty_city".into())).unwrap(),
        hub: HubCard::for_keys(&hub, "Test hub".into()),
    };
    (setup, device, hub)
}

fn text(s: &str) -> Step {
    Step::Answer(AnswerInput::Text(s.to_owned()))
}

#[test]
fn a_full_disk_is_reported_and_loses_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("patronage-home-visit@1.0.0").unwrap().protocol;
    let (setup, device, _) = setup();
    let mut store = Store::open(&temp.path().join("q.db")).unwrap();
    let mut screening =
        Screening::start(&mut store, &setup, protocol, Lang::Ru, NOW.parse().unwrap()).unwrap();
    screening
        .step(&mut store, text("yes"), NOW.parse().unwrap())
        .unwrap();
    screening
        .step(&mut store, text("no"), NOW.parse().unwrap())
        .unwrap();
    let draft_id = screening.draft_id().to_owned();

    // SQLite's own "database or disk is full", as a full disk gives it.
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .connection()
        .pragma_update(None, "max_page_count", pages + 64)
        .unwrap();
    // Fill every page, so the next save needs one more than there is.
    store
        .connection()
        .execute_batch("CREATE TABLE filler (x BLOB)")
        .unwrap();
    while store
        .connection()
        .execute("INSERT INTO filler VALUES (zeroblob(2000))", [])
        .is_ok()
    {}
    // The longest answer allowed, in two-byte letters: more than a page.
    let big = Step::Answer(AnswerInput::Text(
        "ж".repeat(qorgau::engine::answer::MAX_TEXT_CHARS),
    ));
    while screening
        .session()
        .current()
        .is_some_and(|(_, q)| q.id != "notes")
    {
        screening
            .step(&mut store, Step::Skip, NOW.parse().unwrap())
            .unwrap();
    }
    let error = screening
        .step(&mut store, big, NOW.parse().unwrap())
        .unwrap_err();
    assert!(error.to_string().contains("disk holding"), "{error}");
    assert!(matches!(
        error,
        qorgau::screening::ScreeningError::Store(StoreError::Full { .. })
    ));
    // The refused answer is not in memory either: the question is still current.
    assert_eq!(screening.session().current().unwrap().1.id, "notes");

    // The draft on disk still has the confirmed answers, and no record appeared.
    let row = store.draft(&draft_id).unwrap();
    let state = row.payload.open(&device.identity).unwrap();
    assert_eq!(state.answers.len(), 2);
    assert!(store.records().unwrap().is_empty());

    // With room again the same screening finishes.
    store
        .connection()
        .pragma_update(None, "max_page_count", 1_000_000)
        .unwrap();
    screening
        .step(&mut store, text("synthetic note"), NOW.parse().unwrap())
        .unwrap();
    let finished = screening
        .finish(&mut store, None, NOW.parse().unwrap())
        .unwrap();
    assert_eq!(store.records().unwrap()[0].id, finished.record_id);
    assert!(store.drafts().unwrap().is_empty());
}

#[test]
fn purge_removes_only_synced_records_past_retention() {
    let temp = tempfile::tempdir().unwrap();
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("school-safety@1.0.0").unwrap().protocol;
    let (setup, _, _) = setup();
    let mut store = Store::open(&temp.path().join("q.db")).unwrap();
    let mut ids = Vec::new();
    for _ in 0..3 {
        let mut screening =
            Screening::start(&mut store, &setup, protocol, Lang::Kk, NOW.parse().unwrap()).unwrap();
        screening
            .step(&mut store, text("teacher"), NOW.parse().unwrap())
            .unwrap();
        ids.push(
            screening
                .finish(&mut store, None, NOW.parse().unwrap())
                .unwrap()
                .record_id,
        );
    }
    assert_eq!(
        store
            .mark_synced(&ids[..1], "2026-01-01T00:00:00Z".parse().unwrap())
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .mark_synced(&ids[1..2], "2026-11-28T00:00:00Z".parse().unwrap())
            .unwrap(),
        1
    );
    let synced = store.record(&ids[0]).unwrap();
    assert!(
        synced.sealed.is_none(),
        "the sealed copy goes once the hub holds it"
    );
    assert_eq!(
        store
            .purge_synced_before("2026-10-30T00:00:00Z".parse().unwrap())
            .unwrap(),
        1
    );
    let mut left: Vec<_> = store.records().unwrap().into_iter().map(|r| r.id).collect();
    left.sort();
    let mut kept = ids[1..].to_vec();
    kept.sort();
    assert_eq!(left, kept);
}

#[test]
fn the_schema_is_frozen() {
    let temp = tempfile::tempdir().unwrap();
    let store = Store::open(&temp.path().join("q.db")).unwrap();
    let mut statement = store
        .connection()
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    let schema: Vec<String> = statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let schema = schema.join(";\n") + ";\n";
    let golden = Path::new("tests/golden/store/schema-v1.sql");
    if std::env::var_os("QORGAU_REGENERATE_GOLDEN").is_some() {
        fs::write(golden, &schema).unwrap();
    }
    assert_eq!(
        schema,
        fs::read_to_string(golden).unwrap(),
        "schema v1 changed: add a migration instead"
    );
    assert_eq!(store.schema_version().unwrap(), 1);
    let page_size: i64 = store
        .connection()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page_size, 8192);
    let journal: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    let secure: i64 = store
        .connection()
        .query_row("PRAGMA secure_delete", [], |r| r.get(0))
        .unwrap();
    assert_eq!(secure, 1);
}

const GOLDEN_PASSPHRASE: &str = "golden test passphrase, not secret";

// The golden keys, cards, `record.*`, `summary.*` and `record-meta.json`
// were written once, by a screening of border-checkpoint@1.0.0 through
// `Screening` (test keys, GOLDEN_PASSPHRASE); they are never regenerated.

/// Write the golden record with a case profile, sealed to the committed
/// hub key (only with QORGAU_REGENERATE_GOLDEN set). The older golden files
/// are never rewritten: they are what older qorgau wrote, and must keep opening.
fn regenerate_profile_record(dir: &Path, hub_card: &HubCard, device_card: &DeviceCard) {
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("border-checkpoint@2.0.0").unwrap().protocol;
    let setup = DeviceSetup {
        card: device_card.clone(),
        hub: hub_card.clone(),
    };
    // A synthetic screening whose profile has every field.
    let record = (0..10_000)
        .map(|seed| {
            let mut rng = qorgau::synth::Rng::new(seed);
            qorgau::synth::synthetic_record(protocol, &setup, &mut rng, NOW.parse().unwrap())
                .unwrap()
                .0
        })
        .find(|r| {
            let p = &r.profile;
            p.sex.is_some()
                && p.citizenship.is_some()
                && p.direction.is_some()
                && p.age_band.is_some()
                && !p.exploitation.is_empty()
                && !p.channel.is_empty()
                && !p.htcds.is_empty()
        })
        .unwrap();
    let sealed = HubSealed::seal(&record, &hub_card.recipients).unwrap();
    fs::write(dir.join("record-profile.sealed"), sealed.ciphertext()).unwrap();
    fs::write(
        dir.join("record-profile.json"),
        serde_json::to_string_pretty(&record).unwrap(),
    )
    .unwrap();
}

#[test]
fn committed_keys_and_sealed_records_keep_opening() {
    let dir = Path::new("tests/golden/store");
    let passphrase = Passphrase::new(GOLDEN_PASSPHRASE);
    let device = SecretKeys::from_key_file(
        &fs::read(dir.join("device-key.age")).unwrap(),
        &passphrase,
        Role::Device,
        "device-key.age",
    )
    .unwrap();
    let hub = SecretKeys::from_key_file(
        &fs::read(dir.join("hub-key.age")).unwrap(),
        &passphrase,
        Role::Hub,
        "hub-key.age",
    )
    .unwrap();
    let device_card = DeviceCard::parse(
        "device-card.toml",
        &fs::read_to_string(dir.join("device-card.toml")).unwrap(),
    )
    .unwrap();
    let hub_card = HubCard::parse(
        "hub-card.toml",
        &fs::read_to_string(dir.join("hub-card.toml")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        device_card.recipient.to_string(),
        device.recipient().to_string()
    );
    assert_eq!(hub_card.verifying_key, hub.verifying_key());
    if std::env::var_os("QORGAU_REGENERATE_GOLDEN").is_some() {
        regenerate_profile_record(dir, &hub_card, &device_card);
    }

    let sealed = HubSealed::<Record>::from_ciphertext(fs::read(dir.join("record.sealed")).unwrap());
    let record = sealed.open(&hub.identity).unwrap();
    let expected: Record =
        serde_json::from_str(&fs::read_to_string(dir.join("record.json")).unwrap()).unwrap();
    assert_eq!(record, expected);
    assert!(
        sealed.open(&device.identity).is_err(),
        "the device cannot read what it sealed"
    );
    // Made before the case profile: it reads with an empty one, and the
    // `age_band` its head guessed from an `age_group` answer is ignored.
    assert!(record.profile.is_empty());
    let plaintext = sealed.open_plaintext(&hub.identity).unwrap();
    assert!(String::from_utf8_lossy(&plaintext).contains("\"age_band\":\"adult\""));
    let head = qorgau::record::read_head(&plaintext).unwrap();
    assert!(head.profile.is_empty());
    assert_eq!(head.consent, None);
    let mut stored = record.head();
    stored.consent = None;
    assert_eq!(head, stored);

    // A record with a case profile, sealed to the same key.
    let sealed =
        HubSealed::<Record>::from_ciphertext(fs::read(dir.join("record-profile.sealed")).unwrap());
    let with_profile = sealed.open(&hub.identity).unwrap();
    let expected: Record =
        serde_json::from_str(&fs::read_to_string(dir.join("record-profile.json")).unwrap())
            .unwrap();
    assert_eq!(with_profile, expected);
    assert!(!with_profile.profile.is_empty() && !with_profile.profile.htcds.is_empty());
    let plaintext = sealed.open_plaintext(&hub.identity).unwrap();
    let head = qorgau::record::read_head(&plaintext).unwrap();
    assert_eq!(head.profile, with_profile.profile);
    assert_eq!(head.consent, Some(with_profile.consent));
    assert_eq!(head, with_profile.head());
    assert_eq!(
        record.meta().canonical_bytes(),
        fs::read(dir.join("record-meta.json")).unwrap()
    );
    let meta: RecordMeta =
        serde_json::from_slice(&fs::read(dir.join("record-meta.json")).unwrap()).unwrap();
    assert_eq!(meta.record_id, record.record_id);

    let summary =
        DeviceSealed::<Summary>::from_ciphertext(fs::read(dir.join("summary.sealed")).unwrap())
            .open(&device.identity)
            .unwrap();
    let expected: Summary =
        serde_json::from_str(&fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary, expected);
    assert_eq!(summary, record.summary());

    // The record still scores the same against its exact protocol file.
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog
        .find(&format!(
            "{}@{}",
            record.protocol.id, record.protocol.version
        ))
        .unwrap()
        .protocol;
    // The shipped file is the exact one the golden record names (shipped
    // files never change: tests/shipped.rs pins them), and it still scores
    // the answers to the same outcome.
    assert_eq!(protocol.sha256, record.protocol.sha256);
    let answers = qorgau::record::restore_answers(protocol, &record.answers).unwrap();
    assert_eq!(qorgau::engine::score(protocol, &answers), record.outcome);
}

#[test]
fn consent_is_recorded_only_while_the_safety_gate_says_it_is_safe() {
    let temp = tempfile::tempdir().unwrap();
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("patronage-home-visit@1.0.0").unwrap().protocol;
    let (setup, _, hub) = setup();
    let mut store = Store::open(&temp.path().join("q.db")).unwrap();
    let mut screening =
        Screening::start(&mut store, &setup, protocol, Lang::Ru, NOW.parse().unwrap()).unwrap();
    screening
        .step(&mut store, text("yes"), NOW.parse().unwrap())
        .unwrap(); // the baby is born
    screening
        .step(&mut store, text("yes"), NOW.parse().unwrap())
        .unwrap(); // safe to talk
    screening
        .set_consent(
            &mut store,
            Some(qorgau::record::Consent::Police),
            NOW.parse().unwrap(),
        )
        .unwrap();
    assert!(screening.safe_to_talk());
    // Back to the gate, and now it is not safe.
    assert!(screening.back(&mut store, NOW.parse().unwrap()).unwrap());
    screening
        .step(&mut store, text("no"), NOW.parse().unwrap())
        .unwrap();
    assert!(!screening.safe_to_talk());
    assert_eq!(
        screening.effective_consent(),
        qorgau::record::Consent::Anonymous
    );
    let finished = screening
        .finish(&mut store, None, NOW.parse().unwrap())
        .unwrap();
    let row = store.record(&finished.record_id).unwrap();
    let record = row.sealed.unwrap().open(&hub.identity).unwrap();
    assert_eq!(record.consent, qorgau::record::Consent::Anonymous);
}

#[test]
fn the_hub_schema_is_frozen() {
    let temp = tempfile::tempdir().unwrap();
    let store = qorgau::store::hub::HubStore::open(&temp.path().join("hub.db")).unwrap();
    let mut statement = store
        .connection()
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    let schema: Vec<String> = statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let schema = schema.join(";\n") + ";\n";
    let golden = Path::new("tests/golden/store/hub-schema-v5.sql");
    if std::env::var_os("QORGAU_REGENERATE_GOLDEN").is_some() {
        fs::write(golden, &schema).unwrap();
    }
    assert_eq!(
        schema,
        fs::read_to_string(golden).unwrap(),
        "hub schema v5 changed: add a migration instead"
    );
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 5);
}

/// Rows as a hub of the current schema writes them for a device enrolled
/// without a name: the same columns and MAC a schema 3 or 4 hub wrote.
fn device_row_as_written(hub: &SecretKeys, card: &DeviceCard) -> qorgau::store::hub::DeviceRow {
    let temp = tempfile::tempdir().unwrap();
    let mut store = qorgau::store::hub::HubStore::open(&temp.path().join("hub.db")).unwrap();
    store
        .enroll(
            card,
            NOW.parse().unwrap(),
            &qorgau::crypto::mac::RowKey::derive(hub),
        )
        .unwrap();
    store.device(&card.device_id).unwrap().unwrap()
}

/// An older hub database, made from its golden schema, with one device row.
fn old_hub(path: &Path, schema: &str, version: i64, row: &qorgau::store::hub::DeviceRow) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(&fs::read_to_string(schema).unwrap())
        .unwrap();
    conn.execute(
        "INSERT INTO devices (device_id, region, age_recipient, signing_key, enrolled_at, mac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            row.device_id,
            row.region,
            row.age_recipient,
            row.signing_key,
            row.enrolled_at,
            row.mac
        ],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
}

/// The schema as `the_hub_schema_is_frozen` compares it.
fn schema_of(store: &qorgau::store::hub::HubStore) -> String {
    let mut statement = store
        .connection()
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    let schema: Vec<String> = statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    schema.join(";\n") + ";\n"
}

fn user_version(store: &qorgau::store::hub::HubStore) -> i64 {
    store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// A hub database of schema 3 (before update packs and device names) is
/// upgraded through 4 to 5 when opened, its rows kept and still genuine.
#[test]
fn a_hub_database_of_schema_3_is_upgraded() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("hub.db");
    let (setup, _, hub) = setup();
    let row = device_row_as_written(&hub, &setup.card);
    old_hub(&path, "tests/golden/store/hub-schema-v3.sql", 3, &row);
    let store = qorgau::store::hub::HubStore::open(&path).unwrap();
    assert_eq!(user_version(&store), 5);
    assert_eq!(
        schema_of(&store),
        fs::read_to_string("tests/golden/store/hub-schema-v5.sql").unwrap()
    );
    let devices = store.devices().unwrap();
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].name, None);
    assert!(devices[0].verify(&qorgau::crypto::mac::RowKey::derive(&hub)));
    assert!(store.newest_update().unwrap().is_none());
}

/// A hub database of schema 4 (update packs, no device names) is upgraded
/// to 5 when opened: its devices, published packs and device states kept,
/// each device row still genuine, and a name can then be given.
#[test]
fn a_hub_database_of_schema_4_is_upgraded() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("hub.db");
    let (setup, _, hub) = setup();
    let key = qorgau::crypto::mac::RowKey::derive(&hub);
    let row = device_row_as_written(&hub, &setup.card);
    old_hub(&path, "tests/golden/store/hub-schema-v4.sql", 4, &row);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO updates (sequence, created_at, pack) VALUES (1, ?1, x'51474155')",
            [NOW],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO device_state (device_id, reported_at, bundle_id, state, mac)
             VALUES (?1, ?2, 'b1', '{}', x'00')",
            [&setup.card.device_id, NOW],
        )
        .unwrap();
    }
    let mut store = qorgau::store::hub::HubStore::open(&path).unwrap();
    assert_eq!(user_version(&store), 5);
    assert_eq!(
        schema_of(&store),
        fs::read_to_string("tests/golden/store/hub-schema-v5.sql").unwrap()
    );
    let devices = store.devices().unwrap();
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].name, None);
    assert!(devices[0].verify(&key));
    assert_eq!(store.newest_update().unwrap(), Some((1, b"QGAU".to_vec())));
    let states: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM device_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(states, 1);
    store
        .enroll_named(&setup.card, Some("Clinic 2"), NOW.parse().unwrap(), &key)
        .unwrap();
    let named = store.device(&setup.card.device_id).unwrap().unwrap();
    assert_eq!(named.name.as_deref(), Some("Clinic 2"));
    assert!(named.verify(&key));
}

/// Write the golden draft (only with QORGAU_REGENERATE_GOLDEN set, and
/// only when it is missing: once committed it is what this qorgau wrote,
/// and must keep resuming). A screening of border-checkpoint@1.0.0 in
/// Russian, six questions answered, saved as the walk saves it.
fn regenerate_draft(dir: &Path, device: &SecretKeys, setup: &DeviceSetup) {
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("border-checkpoint@1.0.0").unwrap().protocol;
    let temp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&temp.path().join("q.db")).unwrap();
    let now = NOW.parse().unwrap();
    let mut screening = Screening::start(&mut store, setup, protocol, Lang::Ru, now).unwrap();
    for _ in 0..6 {
        let (_, question) = screening.session().current().unwrap();
        let value = match question.options.first() {
            Some(choice) => choice.id.clone(),
            None => "no".to_owned(),
        };
        screening
            .step(&mut store, Step::Answer(AnswerInput::Text(value)), now)
            .unwrap();
    }
    let row = store.draft(screening.draft_id()).unwrap();
    let state = row.payload.open(&device.identity).unwrap();
    fs::write(dir.join("draft.sealed"), row.payload.ciphertext()).unwrap();
    fs::write(
        dir.join("draft.json"),
        serde_json::to_string_pretty(&state).unwrap() + "\n",
    )
    .unwrap();
}

/// The draft format is frozen like the others: a draft this qorgau saved
/// opens with the device key, is written back as the same JSON (a renamed
/// or retyped field fails here), and resumes where it stopped, with its
/// answers, its next question and its language.
#[test]
fn the_golden_draft_keeps_opening_and_resuming() {
    let dir = Path::new("tests/golden/store");
    let device = SecretKeys::from_key_file(
        &fs::read(dir.join("device-key.age")).unwrap(),
        &Passphrase::new(GOLDEN_PASSPHRASE),
        Role::Device,
        "device-key.age",
    )
    .unwrap();
    let card = |name: &str| fs::read_to_string(dir.join(name)).unwrap();
    let setup = DeviceSetup {
        card: DeviceCard::parse("device-card.toml", &card("device-card.toml")).unwrap(),
        hub: HubCard::parse("hub-card.toml", &card("hub-card.toml")).unwrap(),
    };
    if std::env::var_os("QORGAU_REGENERATE_GOLDEN").is_some() && !dir.join("draft.sealed").exists()
    {
        regenerate_draft(dir, &device, &setup);
    }
    let sealed = DeviceSealed::<qorgau::record::DraftState>::from_ciphertext(
        fs::read(dir.join("draft.sealed")).unwrap(),
    );
    let state = sealed.open(&device.identity).unwrap();
    assert_eq!(
        serde_json::to_string_pretty(&state).unwrap() + "\n",
        fs::read_to_string(dir.join("draft.json")).unwrap(),
        "the draft format changed: give it a new format number and keep reading this one"
    );
    assert_eq!(state.history.len(), 6);

    let temp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&temp.path().join("q.db")).unwrap();
    store
        .insert_draft(&qorgau::store::DraftRow {
            id: state.draft_id.clone(),
            protocol_id: state.protocol.id.clone(),
            protocol_version: state.protocol.version.clone(),
            started_at: state.started_at,
            updated_at: state.started_at,
            payload: sealed,
        })
        .unwrap();
    let catalog = Catalog::shipped().unwrap();
    let screening = Screening::resume(&store, &setup, &device, &catalog, &state.draft_id).unwrap();
    assert_eq!(screening.lang(), Lang::Ru);
    assert_eq!(screening.session().answers().iter().count(), 6);
    assert_eq!(
        screening.session().current().map(|(_, q)| q.id.clone()),
        state.current
    );
}
