//! Issue 12: the case profile travels with each record (device → head →
//! facts → reports), old records and old facts still read, the hub counts by
//! the profile in the coordinator's language, and a coordinator can find
//! records (device names, filters that name what exists, a pager) and see
//! which devices have not synced.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::env::{Env, HUB_PASSPHRASE};
use common::lab::HubLab;
use qorgau::crypto::{Passphrase, Role};
use qorgau::datadir::DataDir;
use qorgau::engine::{Band, CaseProfile};
use qorgau::record::{Consent, Record, ReferralStatus};
use qorgau::report::cache;
use qorgau::report::facts::Fact;
use qorgau::setup::unlock;
use qorgau::store::hub::HubStore;

fn hub(env: &Env, args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "--data-dir".to_owned(),
        env.path("hub"),
        "--passphrase-file".to_owned(),
        env.path("hub-pass"),
    ];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    env.run(&all)
}

fn hub_ok(env: &Env, args: &[&str]) -> String {
    let output = hub(env, args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn hub_fails(env: &Env, args: &[&str]) -> String {
    let output = hub(env, args);
    assert_eq!(output.status.code(), Some(1), "{args:?} should fail");
    String::from_utf8(output.stderr).unwrap()
}

const SCREENED: &str = r#"consent = "police"
[answers]
direction = "entry"
age_band = "adult"
private_talk = "yes"
worked_before = "yes"
cd_docs_taken = "yes"
sex = "female"
citizenship = "uz"
exploitation = ["forced_labour", "forced_criminality"]
channel = ["online_social", "agency"]
"#;

/// A hub holding one screened record (a woman from Uzbekistan, documents
/// taken) and `synthetic` synthetic ones, from a device named `Clinic 2`.
fn hub_with_a_profile(synthetic: usize) -> Env {
    let env = Env::new();
    if synthetic > 0 {
        env.ok(&[
            "dev",
            "synth",
            "--records",
            &synthetic.to_string(),
            "--seed",
            "5",
        ]);
    }
    let answers = env.answers("a.toml", SCREENED);
    env.ok(&["screen", "border-checkpoint@2.0.0", "--answers", &answers]);
    let bundle = env.path("b.qgb");
    env.ok(&["export", "--yes", "--out", &bundle]);
    let enrolled = hub_ok(
        &env,
        &[
            "hub",
            "enroll",
            &env.path("device/device-card.toml"),
            "--name",
            "Clinic 2",
        ],
    );
    assert!(enrolled.contains("Clinic 2"), "{enrolled}");
    hub_ok(&env, &["hub", "import", &bundle]);
    env
}

fn hub_keys(env: &Env) -> qorgau::crypto::SecretKeys {
    unlock(
        &DataDir::resolve(Some(env.root.join("hub"))).unwrap(),
        Role::Hub,
        &Passphrase::new(HUB_PASSPHRASE),
    )
    .unwrap()
}

fn all_records(env: &Env) -> Vec<Record> {
    let keys = hub_keys(env);
    let store = HubStore::open(&env.root.join("hub/hub.db")).unwrap();
    store
        .records()
        .unwrap()
        .iter()
        .map(|r| r.sealed.open(&keys.identity).unwrap())
        .collect()
}

#[test]
fn a_screening_carries_its_case_profile_in_the_record_and_its_head() {
    let env = hub_with_a_profile(0);
    let records = all_records(&env);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let expected = CaseProfile {
        sex: Some("female".into()),
        age_band: Some("adult".into()),
        citizenship: Some("uz".into()),
        direction: Some("entry".into()),
        exploitation: vec!["forced_labour".into(), "forced_criminality".into()],
        channel: vec!["online_social".into(), "agency".into()],
        htcds: vec!["MethodsOfControlWithholdsDocuments".into()],
    };
    assert_eq!(record.profile, expected);
    let head = record.head();
    assert_eq!(head.profile, expected);
    assert_eq!(head.consent, Some(Consent::Police));
    // The facts the hub keeps say the same.
    let keys = hub_keys(&env);
    let store = HubStore::open(&env.root.join("hub/hub.db")).unwrap();
    let segments = cache::open_all(&store.fact_segments().unwrap(), &keys.openers()).unwrap();
    let facts = segments[0].1.to_facts();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].profile, expected);
    assert_eq!(facts[0].consent, Some(Consent::Police));
}

#[test]
fn a_record_whose_profile_has_an_unknown_value_is_refused_with_the_reason() {
    let mut lab = HubLab::new(&["almaty_city"]);
    let mut rng = qorgau::synth::Rng::new(3);
    let mut odd = lab.record(0, &mut rng, "2026-11-01T10:00:00Z");
    odd.profile.sex = Some("=cmd|' /C calc'!A0".into());
    let fine = lab.record(0, &mut rng, "2026-11-01T11:00:00Z");
    let report = lab.import(0, &[odd.clone(), fine]);
    assert_eq!(report.accepted.len(), 1);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].record_id, odd.record_id);
    assert!(
        report.rejected[0].reason.contains("case profile"),
        "{}",
        report.rejected[0].reason
    );
}

#[test]
fn reports_count_by_the_profile_as_the_records_say_in_the_coordinators_language() {
    let env = hub_with_a_profile(150);
    let records = all_records(&env);
    assert_eq!(records.len(), 151);
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "not_recorded".into());

    // Single-valued: as many as the records say.
    let mut expected: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for r in &records {
        *expected
            .entry(vec![value(&r.profile.sex), value(&r.profile.citizenship)])
            .or_default() += 1;
    }
    let got: serde_json::Value = serde_json::from_str(&hub_ok(
        &env,
        &[
            "hub",
            "report",
            "--by",
            "sex,citizenship",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let counts = |got: &serde_json::Value, dims: &[&str]| -> BTreeMap<Vec<String>, u64> {
        got["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                (
                    dims.iter()
                        .map(|d| row[*d].as_str().unwrap().to_owned())
                        .collect(),
                    row["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(counts(&got, &["sex", "citizenship"]), expected);
    assert!(expected.keys().any(|k| k[0] == "female" && k[1] == "uz"));
    assert_eq!(got["multi_valued"].as_array().unwrap().len(), 0);

    // Multi-valued: once per value; none counts under not_recorded.
    let mut expected: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for r in &records {
        if r.profile.exploitation.is_empty() {
            *expected.entry(vec!["not_recorded".into()]).or_default() += 1;
        }
        for e in &r.profile.exploitation {
            *expected.entry(vec![e.clone()]).or_default() += 1;
        }
    }
    let got: serde_json::Value = serde_json::from_str(&hub_ok(
        &env,
        &["hub", "report", "--by", "exploitation", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(counts(&got, &["exploitation"]), expected);
    assert_eq!(got["multi_valued"][0], "exploitation");

    // In words, in each language, with the note on multi-valued counts.
    let table = hub_ok(
        &env,
        &[
            "hub",
            "report",
            "--by",
            "sex,citizenship,exploitation",
            "--lang",
            "ru",
        ],
    );
    for words in [
        "женщины",
        "Узбекистан",
        "принудительный труд",
        "учтена под каждым",
    ] {
        assert!(table.contains(words), "{words} missing:\n{table}");
    }
    let table = hub_ok(
        &env,
        &["hub", "report", "--by", "sex,channel", "--lang", "kk"],
    );
    assert!(
        table.contains("әйелдер") && table.contains("әлеуметтік желілер"),
        "{table}"
    );
    let csv = hub(
        &env,
        &[
            "hub",
            "report",
            "--by",
            "sex,citizenship,channel",
            "--format",
            "csv",
        ],
    );
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.contains("women") && text.contains("Uzbekistan"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&csv.stderr).contains("counted once under each"));
    assert!(csv::Reader::from_reader(text.as_bytes())
        .records()
        .all(|r| r.is_ok()));
    let page = env.root.join("r.html");
    hub_ok(
        &env,
        &[
            "hub",
            "report",
            "--by",
            "direction,exploitation",
            "--html",
            &page.display().to_string(),
        ],
    );
    let html = fs::read_to_string(&page).unwrap();
    assert!(html.contains("entering the country") && html.contains("counted once under each"));
    assert!(html.contains("Clinic 2"), "the devices' last imports");

    let unknown = hub_fails(&env, &["hub", "report", "--by", "colour"]);
    assert!(
        unknown.contains("cannot count by") && unknown.contains("exploitation"),
        "{unknown}"
    );
}

/// A few facts, with and without profiles, to freeze the segment format.
fn golden_facts() -> Vec<Fact> {
    vec![
        Fact {
            record_id: "2f1c7c1e-0000-4000-8000-000000000001".into(),
            case_code: "T9D-G3J".into(),
            protocol: "border-checkpoint".into(),
            version: "2.0.0".into(),
            band: Band::ClearConcern,
            region: "almaty_city".into(),
            date: "2026-11-29".into(),
            referral: Some(ReferralStatus::Accepted),
            consent: Some(Consent::Police),
            profile: CaseProfile {
                sex: Some("female".into()),
                age_band: Some("age_18_24".into()),
                citizenship: Some("uz".into()),
                direction: Some("entry".into()),
                exploitation: vec!["forced_labour".into(), "forced_criminality".into()],
                channel: vec!["online_social".into()],
                htcds: vec!["MethodsOfControlWithholdsDocuments".into()],
            },
            positive_domains: vec!["exploitation".into()],
            fired: vec!["cd_docs_taken".into()],
        },
        Fact {
            record_id: "2f1c7c1e-0000-4000-8000-000000000002".into(),
            case_code: "UYB-82N".into(),
            protocol: "school-safety".into(),
            version: "1.0.0".into(),
            band: Band::NoConcern,
            region: "-".into(),
            date: "2026-10-01".into(),
            referral: None,
            consent: Some(Consent::Statistics),
            profile: CaseProfile::default(),
            positive_domains: vec![],
            fired: vec![],
        },
    ]
}

#[test]
fn facts_segments_are_frozen_and_version_1_still_reads() {
    let dir = Path::new("tests/golden/report");
    let v2 = dir.join("facts-v2.bin");
    if std::env::var_os("QORGAU_REGENERATE_GOLDEN").is_some() {
        fs::create_dir_all(dir).unwrap();
        fs::write(&v2, cache::encode(&golden_facts())).unwrap();
    }
    let bytes = fs::read(&v2).unwrap();
    assert_eq!(
        cache::encode(&golden_facts()),
        bytes,
        "facts segment v2 changed"
    );
    assert_eq!(cache::decode(&bytes).unwrap().to_facts(), golden_facts());

    // Written by the version 1 encoder (before the case profile); the
    // script that made it is beside it.
    let v1 = cache::decode(&fs::read(dir.join("facts-v1.bin")).unwrap()).unwrap();
    let facts = v1.to_facts();
    assert_eq!(facts.len(), 3);
    assert_eq!(facts[0].record_id, "rec-1");
    assert_eq!(facts[0].band, Band::ClearConcern);
    assert_eq!(facts[0].fired, vec!["fl_docs_held", "ix_debt"]);
    assert_eq!(facts[0].referral, Some(ReferralStatus::Pending));
    assert_eq!(facts[0].consent, None, "not known in version 1");
    assert_eq!(facts[0].profile.age_band.as_deref(), Some("age_18_24"));
    assert_eq!(
        facts[0].profile.sex, None,
        "`unknown` then meant never asked"
    );
    assert_eq!(facts[1].profile.age_band.as_deref(), Some("child"));
    assert_eq!(facts[1].profile.sex.as_deref(), Some("male"));
    assert_eq!(facts[2].profile.age_band, None);
    // Counted by the new dimensions as not recorded.
    let report = qorgau::report::count::build(
        [&v1],
        &[qorgau::report::count::Dimension::Citizenship],
        &qorgau::report::count::Filter::default(),
        5,
    );
    assert_eq!(report.rows.len(), 1);
    assert_eq!(report.rows[0].keys["citizenship"], "not_recorded");
    assert_eq!(report.rows[0].count, 3);
}

#[test]
fn a_coordinator_finds_records_by_device_name_and_filters_name_what_exists() {
    let env = hub_with_a_profile(12);
    let devices = hub_ok(&env, &["hub", "devices"]);
    assert!(devices.contains("Clinic 2"), "{devices}");
    let listed: serde_json::Value = serde_json::from_str(&hub_ok(
        &env,
        &["hub", "records", "--device", "clinic 2", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 13);
    assert_eq!(listed[0]["device_name"], "Clinic 2");
    let table = hub_ok(&env, &["hub", "records", "--limit", "3"]);
    assert!(table.contains("Clinic 2"), "{table}");

    let device = hub_fails(&env, &["hub", "records", "--device", "Clinic 9"]);
    assert!(
        device.contains("Clinic 9") && device.contains("Clinic 2"),
        "{device}"
    );
    let protocol = hub_fails(&env, &["hub", "records", "--protocol", "patronage"]);
    assert!(
        protocol.contains("patronage-home-visit") && protocol.contains("border-checkpoint"),
        "{protocol}"
    );
    let band = hub_fails(&env, &["hub", "records", "--band", "red"]);
    assert!(
        band.contains("immediate_danger") && band.contains("no_concern"),
        "{band}"
    );
    let report = hub_fails(&env, &["hub", "report", "--protocol", "patronage"]);
    assert!(report.contains("patronage-home-visit"), "{report}");
    // A name with a control character is refused, and nothing changes.
    let bad = hub_fails(
        &env,
        &[
            "hub",
            "enroll",
            &env.path("device/device-card.toml"),
            "--name",
            "bad\u{1b}[2Jname",
        ],
    );
    assert!(bad.contains("device name"), "{bad}");
    assert!(hub_ok(&env, &["hub", "devices"]).contains("Clinic 2"));
}

#[test]
fn the_report_shows_when_each_device_last_synced_and_marks_the_silent_ones() {
    let env = hub_with_a_profile(3);
    // A second laptop, enrolled 40 days ago and never brought in.
    let keys = hub_keys(&env);
    let mut store = HubStore::open(&env.root.join("hub/hub.db")).unwrap();
    let other = qorgau::crypto::SecretKeys::generate(
        Role::Device,
        "laptop-7".into(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    let card = qorgau::crypto::DeviceCard::for_keys(&other, Some("turkistan".into())).unwrap();
    let forty_days_ago =
        qorgau::time::Timestamp::from_datetime(chrono::Utc::now() - chrono::Duration::days(40));
    qorgau::hub::enroll(
        &mut store,
        &keys,
        &card,
        Some("Border post 7"),
        false,
        forty_days_ago,
    )
    .unwrap();
    drop(store);
    let report: serde_json::Value =
        serde_json::from_str(&hub_ok(&env, &["hub", "report", "--format", "json"])).unwrap();
    let devices = report["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 2);
    assert_eq!(
        devices[0]["name"], "Border post 7",
        "the longest silent first"
    );
    assert_eq!(devices[0]["stale"], true);
    assert_eq!(devices[0]["last_import_at"], serde_json::Value::Null);
    assert_eq!(devices[1]["name"], "Clinic 2");
    assert_eq!(devices[1]["days_since_import"], 0);
    assert_eq!(devices[1]["stale"], false);
    let table = hub_ok(&env, &["hub", "report"]);
    assert!(
        table.contains("Border post 7") && table.contains("silent for a"),
        "{table}"
    );
    assert!(
        table.contains("1 device has not synced for 30 days"),
        "{table}"
    );
}

#[cfg(unix)]
#[test]
fn hub_records_go_through_the_pager_on_a_terminal_and_not_when_piped() {
    use common::term::Term;
    let env = hub_with_a_profile(5);
    let paged = env.root.join("paged.txt");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_qorgau"));
    command
        .args([
            "--data-dir",
            &env.path("hub"),
            "--passphrase-file",
            &env.path("hub-pass"),
            "--lang",
            "en",
            "hub",
            "records",
        ])
        .env("TERM", "xterm-256color")
        .env("PAGER", format!("cat > '{}'", paged.display()));
    let mut term = Term::spawn_command(command, 100, 30);
    term.wait_exit();
    let text = fs::read_to_string(&paged).unwrap();
    assert!(
        text.contains("Clinic 2") && text.contains("6 records"),
        "{text}"
    );
    // Piped, it is printed as it is, and no pager runs.
    let piped = env.root.join("piped.txt");
    let output = env
        .command(&[
            "--data-dir",
            &env.path("hub"),
            "--passphrase-file",
            &env.path("hub-pass"),
            "hub",
            "records",
        ])
        .env("PAGER", format!("cat > '{}'", piped.display()))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("Clinic 2"));
    assert!(!piped.exists());
}
