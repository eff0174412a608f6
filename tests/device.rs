//! The device store through the binary: set-up, screening from answers
//! files, drafts, records, and every kind of bad input giving exit 1 with
//! nothing changed — and no plaintext anywhere in the data folder.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[allow(unused_imports)]
use common::env::write_secret;
use common::env::{all_bytes, assert_no_plaintext, Env, MARKER};

use qorgau::crypto::Role;
use qorgau::datadir::DataDir;
use qorgau::setup::unlock;

const BORDER_ANSWERS: &str = r#"consent = "social_services"
[answers]
age_group = "adult"
fl_docs_held = "yes"
fl_companion_speaks = "yes"
private_ok = "yes"
rf_cannot_leave = "no"
"#;

fn with_notes(text: &str) -> String {
    format!("{text}notes = \"{MARKER} free text\"\n")
}

#[test]
fn set_up_files_are_private_and_init_never_overwrites() {
    let env = Env::new();
    for name in ["device-key.age", "device-card.toml", "trusted-hub.toml"] {
        let path = env.device_dir().join(name);
        assert!(path.exists(), "{name}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600,
                "{name}"
            );
        }
    }
    let key_before = fs::read(env.device_dir().join("device-key.age")).unwrap();
    let message = env.fails(&["init", "--hub", &env.path("hub/hub-card.toml")]);
    assert!(message.contains("already set up"), "{message}");
    assert_eq!(
        fs::read(env.device_dir().join("device-key.age")).unwrap(),
        key_before
    );
}

#[test]
fn init_refuses_bad_cards_and_short_passphrases_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    common::env::write_secret(&root.join("pass"), common::env::DEVICE_PASSPHRASE);
    common::env::write_secret(&root.join("short"), "short\n");
    fs::write(
        root.join("bad-card.toml"),
        "card_version = 1\nrole = \"hub\"\n",
    )
    .unwrap();
    let run = |pass: &str, card: &str| {
        Command::new(env!("CARGO_BIN_EXE_qorgau"))
            .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
            .args([
                "--lang",
                "en",
                "--data-dir",
                &root.join("dev").display().to_string(),
                "--passphrase-file",
                &root.join(pass).display().to_string(),
                "init",
                "--hub",
                &root.join(card).display().to_string(),
            ])
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let output = run("pass", "bad-card.toml");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad-card.toml:1:1: missing field"));
    assert!(!root.join("dev").exists(), "nothing written for a bad card");

    let output = run("pass", "no-such-card.toml");
    assert_eq!(output.status.code(), Some(1));
    assert!(!root.join("dev").exists());

    // A valid hub card, but a short passphrase.
    let hub = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
        .args([
            "--data-dir",
            &root.join("hub").display().to_string(),
            "--passphrase-file",
            &root.join("pass").display().to_string(),
            "hub",
            "init",
        ])
        .output()
        .unwrap();
    assert!(hub.status.success());
    fs::copy(root.join("hub/hub-card.toml"), root.join("hub-card.toml")).unwrap();
    let output = run("short", "hub-card.toml");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least 10"));
    assert!(!root.join("dev").exists());
}

#[test]
fn a_screening_is_sealed_and_nothing_readable_is_left_on_disk() {
    let env = Env::new();
    let answers = env.answers("a.toml", &with_notes(BORDER_ANSWERS));
    let out = env.ok(&[
        "--lang",
        "en",
        "screen",
        "border-checkpoint@1.0.0",
        "--answers",
        &answers,
    ]);
    assert!(out.contains("\nrecord "), "{out}");
    assert!(out.contains("sealed for Test hub"), "{out}");

    // The worker reads back a summary after unlocking.
    let records: serde_json::Value =
        serde_json::from_str(&env.ok(&["records", "--format", "json"])).unwrap();
    let record = &records[0];
    assert_eq!(record["sync_state"], "pending");
    assert_eq!(record["summary"]["protocol"], "border-checkpoint@1.0.0");
    let band = record["summary"]["band"].as_str().unwrap().to_owned();
    assert_eq!(band, "possible_concern");
    let id = record["id"].as_str().unwrap().to_owned();
    let shown = env.ok(&["record", "show", &id]);
    assert!(shown.contains(record["summary"]["case_code"].as_str().unwrap()));

    // The device cannot open the sealed record with its own key.
    let passphrase = qorgau::crypto::Passphrase::new(common::env::DEVICE_PASSPHRASE);
    let keys = unlock(
        &DataDir::resolve(Some(env.device_dir())).unwrap(),
        Role::Device,
        &passphrase,
    )
    .unwrap();
    let row = env.store().record(&id.parse().unwrap()).unwrap();
    assert!(row.sealed.unwrap().open(&keys.identity).is_err());

    // No answer, note, band or consent in plaintext anywhere.
    assert_no_plaintext(
        &env.device_dir(),
        &[
            MARKER,
            "possible_concern",
            "social_services",
            "fl_docs_held",
        ],
    );
}

#[test]
fn a_kill_mid_walk_keeps_every_confirmed_answer_and_resume_finishes() {
    let env = Env::new();
    let answers = env.answers("a.toml", &with_notes(BORDER_ANSWERS));
    let mut child = env
        .command(&["screen", "border-checkpoint@1.0.0", "--answers", &answers])
        .env("QORGAU_TEST_PAUSE_MS", "400")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    loop {
        let line = lines.next().unwrap().unwrap();
        if line == "saved answer 3" {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let store = env.store();
    let integrity: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    assert!(store.records().unwrap().is_empty(), "no half record");
    let drafts = store.drafts().unwrap();
    assert_eq!(drafts.len(), 1);

    // The draft holds the three confirmed steps: age_group, then two first-line items.
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["drafts", "--format", "json"])).unwrap();
    assert!(listed[0]["position"].as_u64().unwrap() >= 4, "{listed}");
    assert!(listed[0]["answered"].as_u64().unwrap() >= 3, "{listed}");
    assert_no_plaintext(&env.device_dir(), &["fl_docs_held", "adult"]);

    let draft_id = drafts[0].id.clone();
    let out = env.ok(&["resume", &draft_id, "--answers", &answers]);
    assert!(out.contains("\nrecord "), "{out}");
    let store = env.store();
    assert!(store.drafts().unwrap().is_empty());
    assert_eq!(store.records().unwrap().len(), 1);
    assert_no_plaintext(&env.device_dir(), &[MARKER]);
}

#[test]
fn drafts_can_be_discarded() {
    let env = Env::new();
    let answers = env.answers("a.toml", BORDER_ANSWERS);
    let mut child = env
        .command(&["screen", "border-checkpoint@1.0.0", "--answers", &answers])
        .env("QORGAU_TEST_PAUSE_MS", "5000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "saved answer 1");
    child.kill().unwrap();
    child.wait().unwrap();
    let id = env.store().drafts().unwrap()[0].id.clone();
    env.ok(&["discard", &id]);
    assert!(env.store().drafts().unwrap().is_empty());
    let message = env.fails(&["discard", &id]);
    assert!(message.contains("no draft"), "{message}");
}

#[test]
fn a_wrong_passphrase_is_exit_1_and_changes_nothing() {
    let env = Env::new();
    let answers = env.answers("a.toml", BORDER_ANSWERS);
    env.ok(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    common::env::write_secret(&env.root.join("wrong"), "not the passphrase\n");
    let before = all_bytes(&env.device_dir());
    let output = env
        .command(&["records"])
        .env("QORGAU_PASSPHRASE_FILE", env.root.join("wrong"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("the passphrase is wrong"), "{message}");
    assert!(output.stdout.is_empty());
    let after = all_bytes(&env.device_dir());
    let keys_and_db = |files: &[(PathBuf, Vec<u8>)]| {
        files
            .iter()
            .filter(|(p, _)| !p.to_string_lossy().ends_with("-shm"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(keys_and_db(&before), keys_and_db(&after));
}

#[test]
fn no_passphrase_and_no_terminal_is_a_clear_message() {
    let env = Env::new();
    let answers = env.answers("a.toml", BORDER_ANSWERS);
    env.ok(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    let output = env
        .command(&["records"])
        .env_remove("QORGAU_PASSPHRASE_FILE")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--passphrase-file"));
}

#[test]
fn a_missing_or_damaged_key_file_is_exit_1() {
    let env = Env::new();
    let key = env.device_dir().join("device-key.age");
    let mut damaged = fs::read(&key).unwrap();
    let n = damaged.len();
    damaged[n - 5] ^= 0x55;
    // An empty store lists nothing without unlocking; screen something first.
    let answers = env.answers("a.toml", BORDER_ANSWERS);
    env.ok(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    fs::write(&key, &damaged).unwrap();
    let message = env.fails(&["records"]);
    assert!(
        message.contains("passphrase is wrong, or the key file") || message.contains("damaged"),
        "{message}"
    );
    fs::write(&key, b"not an age file").unwrap();
    let message = env.fails(&["records"]);
    assert!(message.contains("damaged"), "{message}");
    fs::remove_file(&key).unwrap();
    let message = env.fails(&["records"]);
    assert!(message.contains("not set up"), "{message}");
    let message = env.fails(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    assert!(message.contains("qorgau init"), "{message}");
}

#[test]
fn a_damaged_database_is_exit_1_and_left_as_it_is() {
    let env = Env::new();
    let db = env.device_dir().join("qorgau.db");
    fs::write(&db, vec![0x42; 20_000]).unwrap();
    let answers = env.answers("a.toml", BORDER_ANSWERS);
    let message = env.fails(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    assert!(
        message.contains("is damaged or is not a Qorgau database"),
        "{message}"
    );
    assert_eq!(fs::read(&db).unwrap(), vec![0x42; 20_000]);
    let message = env.fails(&["records"]);
    assert!(message.contains("damaged"), "{message}");
}

#[test]
fn a_newer_database_is_refused_naming_both_versions() {
    let env = Env::new();
    let answers = env.answers("a.toml", BORDER_ANSWERS);
    env.ok(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    {
        let store = env.store();
        store
            .connection()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        store.checkpoint().unwrap();
    }
    let message = env.fails(&["records"]);
    assert!(message.contains("schema version 99"), "{message}");
    assert!(message.contains("only up to version 1"), "{message}");
}

#[test]
fn a_bad_answers_file_saves_nothing() {
    let env = Env::new();
    let answers = env.answers(
        "a.toml",
        "consent = \"everyone\"\n[answers]\nage_group = \"elder\"\n",
    );
    let message = env.fails(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    assert!(
        message.contains("a.toml:1:11: `everyone` is not a consent scope"),
        "{message}"
    );
    assert!(
        message.contains("a.toml:3:13: `elder` is not an option"),
        "{message}"
    );
    assert!(
        !env.device_dir().join("qorgau.db").exists() || env.store().drafts().unwrap().is_empty()
    );
}

#[test]
fn screen_without_a_terminal_or_answers_says_so_and_saves_nothing() {
    let env = Env::new();
    let message = env.fails(&["screen", "school-safety@1.0.0"]);
    assert!(message.contains("--answers FILE"), "{message}");
    assert!(
        !env.device_dir().join("qorgau.db").exists() || env.store().drafts().unwrap().is_empty()
    );
}

#[test]
fn a_note_of_question_mark_or_less_than_is_an_answer_not_navigation() {
    let env = Env::new();
    let answers = env.answers("a.toml", "[answers]\nrole = \"teacher\"\nnotes = \"?\"\n");
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let answers = env.answers("b.toml", "[answers]\nrole = \"teacher\"\nnotes = \"<\"\n");
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    assert_eq!(env.store().records().unwrap().len(), 2);
}

#[test]
fn referral_status_and_contacts_in_answers_files_are_checked() {
    let env = Env::new();
    let answers = env.answers(
        "a.toml",
        "[referral]\nstatus = \"not_needed\"\n[answers]\nrole = \"teacher\"\n",
    );
    let message = env.fails(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    assert!(
        message.contains("a.toml:2:10: `not_needed` is recorded by qorgau itself"),
        "{message}"
    );
    let answers = env.answers(
        "b.toml",
        "[referral]\nto = [\"nobody\"]\nstatus = \"accepted\"\n[answers]\nrole = \"teacher\"\n",
    );
    let message = env.fails(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    assert!(
        message.contains("`nobody`, which is not a contact"),
        "{message}"
    );
    assert!(
        !env.device_dir().join("qorgau.db").exists() || env.store().drafts().unwrap().is_empty()
    );
}

#[test]
fn a_huge_retention_setting_is_a_message_not_a_crash() {
    let env = Env::new();
    fs::write(
        env.device_dir().join("config.toml"),
        "retention_days = 4000000000\n",
    )
    .unwrap();
    let message = env.fails(&["purge"]);
    assert!(message.contains("retention_days"), "{message}");
}

#[test]
fn synthetic_records_need_an_explicit_test_switch() {
    let env = Env::new();
    let output = env
        .command(&["dev", "synth", "--records", "3"])
        .env_remove("QORGAU_DEV")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("QORGAU_DEV=1"));
    assert!(
        !env.device_dir().join("qorgau.db").exists() || env.store().records().unwrap().is_empty()
    );
}

#[test]
fn a_swapped_coordinator_card_is_caught_at_the_next_unlock() {
    let env = Env::new();
    let answers = env.answers("a.toml", BORDER_ANSWERS);
    env.ok(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    // Someone puts their own "coordinator" card in place of the real one.
    let other = env.root.join("other-hub");
    let output = env.run(&[
        "--data-dir",
        &other.display().to_string(),
        "--passphrase-file",
        &env.path("hub-pass"),
        "hub",
        "init",
    ]);
    assert!(output.status.success());
    fs::copy(
        other.join("hub-card.toml"),
        env.device_dir().join("trusted-hub.toml"),
    )
    .unwrap();
    for command in [
        &["records"][..],
        &["export", "--out", &env.path("b.qgb")][..],
    ] {
        let message = env.fails(command);
        assert!(
            message.contains("trusted-hub.toml is missing or was changed since set-up"),
            "{message}"
        );
    }
    assert!(!env.root.join("b.qgb").exists());
}
