//! Hub reports over a synthetic set: counts equal those computed
//! independently from the full records; CSV parses and the de-identified one
//! has no free text or ids; erasure removes a record everywhere; nothing
//! readable is left in the hub's folder; the HTML report renders in Chromium.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use common::env::{all_bytes, Env, MARKER};
use qorgau::crypto::{Passphrase, Role};
use qorgau::datadir::DataDir;
use qorgau::record::Record;
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

/// A hub holding `n` synthetic records and one screened with a marker note.
fn hub_with_records(n: usize) -> Env {
    let env = Env::new();
    env.ok(&["dev", "synth", "--records", &n.to_string(), "--seed", "42"]);
    let answers = env.answers(
        "a.toml",
        &format!("[answers]\nrole = \"teacher\"\nobs_absences = \"yes\"\nnotes = \"{MARKER}\"\n"),
    );
    env.ok(&["screen", "school-safety@1.0.0", "--answers", &answers]);
    let bundle = env.root.join("b.qgb");
    env.ok(&["export", "--yes", "--out", &bundle.display().to_string()]);
    hub_ok(
        &env,
        &["hub", "enroll", &env.path("device/device-card.toml")],
    );
    hub_ok(&env, &["hub", "import", &bundle.display().to_string()]);
    env
}

/// Every record at the hub, opened with the hub's key (the independent count).
fn all_records(env: &Env) -> Vec<Record> {
    let keys = unlock(
        &DataDir::resolve(Some(env.root.join("hub"))).unwrap(),
        Role::Hub,
        &Passphrase::new(common::env::HUB_PASSPHRASE),
    )
    .unwrap();
    let store = HubStore::open(&env.root.join("hub/hub.db")).unwrap();
    store
        .records()
        .unwrap()
        .iter()
        .map(|r| r.sealed.open(&keys.identity).unwrap())
        .collect()
}

fn report(env: &Env, by: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["hub", "report", "--by", by, "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&hub_ok(env, &args)).unwrap()
}

fn counts(value: &serde_json::Value, dims: &[&str]) -> BTreeMap<Vec<String>, u64> {
    value["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let key = dims
                .iter()
                .map(|d| row[*d].as_str().unwrap().to_owned())
                .collect();
            (key, row["count"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn counts_match_the_records_by_every_dimension() {
    let env = hub_with_records(120);
    let records = all_records(&env);
    assert_eq!(records.len(), 121);

    let mut expected: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for r in &records {
        *expected
            .entry(vec![
                r.protocol.id.clone(),
                r.outcome.band.as_str().to_owned(),
            ])
            .or_default() += 1;
    }
    let got = report(&env, "protocol,band", &[]);
    assert_eq!(got["total"], 121);
    assert_eq!(counts(&got, &["protocol", "band"]), expected);
    let shares: f64 = got["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["share"].as_f64().unwrap())
        .sum();
    assert!((shares - 1.0).abs() < 1e-9);

    let mut expected: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for r in &records {
        let month = r.finished_at.utc_date()[..7].to_owned();
        let region = r.region.clone().unwrap_or_else(|| "-".into());
        *expected.entry(vec![month, region]).or_default() += 1;
    }
    assert_eq!(
        counts(&report(&env, "month,region", &[]), &["month", "region"]),
        expected
    );

    let mut expected: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for r in &records {
        let positive = r.outcome.positive_domains();
        if positive.is_empty() {
            *expected.entry(vec!["none".into()]).or_default() += 1;
        }
        for d in positive {
            *expected.entry(vec![d.to_owned()]).or_default() += 1;
        }
    }
    assert_eq!(counts(&report(&env, "domain", &[]), &["domain"]), expected);

    // Filters: a protocol, and a date range.
    let school = records
        .iter()
        .filter(|r| r.protocol.id == "school-safety")
        .count() as u64;
    assert_eq!(
        report(&env, "band", &["--protocol", "school-safety"])["total"],
        school
    );
    let mut dates: Vec<String> = records.iter().map(|r| r.finished_at.utc_date()).collect();
    dates.sort_unstable();
    let (since, until) = (dates[30].as_str(), dates[90].as_str());
    let within = dates
        .iter()
        .filter(|d| d.as_str() >= since && d.as_str() <= until)
        .count() as u64;
    assert_eq!(
        report(&env, "band", &["--since", since, "--until", until])["total"],
        within
    );
    // A date not written YYYY-MM-DD is refused, never compared as text: a
    // `--since 2026-2-3` used to be taken and counted nothing from February.
    for command in [&["hub", "report"][..], &["hub", "records"][..]] {
        for bad in ["2026-2-3", "2026-02-30", "yesterday"] {
            let mut args = command.to_vec();
            args.extend(["--since", bad]);
            let output = hub(&env, &args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(stderr.contains(bad) && stderr.contains("since"), "{stderr}");
        }
    }

    // Top indicators: counted from the records too.
    let mut fired: BTreeMap<(String, String), u64> = BTreeMap::new();
    for r in &records {
        for q in &r.outcome.fired {
            *fired.entry((r.protocol.id.clone(), q.clone())).or_default() += 1;
        }
    }
    let got = report(&env, "band", &[]);
    for (protocol, list) in got["top_indicators"].as_object().unwrap() {
        for item in list.as_array().unwrap() {
            let q = item[0].as_str().unwrap().to_owned();
            assert_eq!(item[1].as_u64().unwrap(), fired[&(protocol.clone(), q)]);
        }
    }

    // CSV of the same report parses with a CSV reader; its headers are in
    // the coordinator's language (English here).
    let csv_text = hub_ok(
        &env,
        &["hub", "report", "--by", "protocol,band", "--format", "csv"],
    );
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        vec!["protocol", "result", "records", "share"]
    );
    assert_eq!(reader.records().count(), expected_rows(&records));

    let bad = hub(&env, &["hub", "report", "--by", "colour"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cannot count by \"colour\""));
}

fn expected_rows(records: &[Record]) -> usize {
    let mut keys = std::collections::BTreeSet::new();
    for r in records {
        keys.insert((r.protocol.id.clone(), r.outcome.band));
    }
    keys.len()
}

#[test]
fn csv_exports_and_the_deidentified_one_has_no_ids_or_free_text() {
    let env = hub_with_records(40);
    let full = env.root.join("all.csv");
    hub_ok(
        &env,
        &["hub", "export-csv", "--out", &full.display().to_string()],
    );
    let mut reader = csv::Reader::from_path(&full).unwrap();
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert!(headers.contains(&"record_id".to_owned()));
    assert!(
        !headers.iter().any(|h| h.ends_with(".notes")),
        "free text only when asked for"
    );
    assert_eq!(reader.records().count(), 41);

    let plain = env.root.join("deid.csv");
    let said = hub_ok(
        &env,
        &[
            "hub",
            "export-csv",
            "--out",
            &plain.display().to_string(),
            "--deidentified",
            "--k",
            "2",
        ],
    );
    assert!(said.contains("at least 2 times"), "{said}");
    let text = fs::read_to_string(&plain).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    for id in ["record_id", "case_code", "device_id", "date"] {
        assert!(
            !headers.contains(&id.to_owned()),
            "{id} in a de-identified export"
        );
    }
    assert!(headers.contains(&"period".to_owned()));
    // Only records whose consent lets them be passed on are rows (F9), and
    // rare ones may be generalised or left out: never more than those.
    let shareable = all_records(&env)
        .iter()
        .filter(|r| {
            matches!(
                r.consent,
                qorgau::record::Consent::SocialServices | qorgau::record::Consent::Police
            )
        })
        .count();
    assert!(shareable < 41);
    assert!(reader.records().count() <= shareable);
    assert!(!text.contains(MARKER));

    let with_text = env.root.join("text.csv");
    let output = hub(
        &env,
        &[
            "hub",
            "export-csv",
            "--out",
            &with_text.display().to_string(),
            "--include-free-text",
        ],
    );
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning"));
    assert!(fs::read_to_string(&with_text).unwrap().contains(MARKER));
}

#[test]
fn nothing_readable_is_left_in_the_hub_folder_after_import_and_report() {
    let env = hub_with_records(10);
    hub_ok(
        &env,
        &["hub", "report", "--by", "protocol,band,domain,region,month"],
    );
    let records = all_records(&env);
    let band = records
        .iter()
        .find(|r| r.outcome.band.as_str() == "immediate_danger")
        .map(|r| r.outcome.fired[0].clone());
    let mut needles = vec![MARKER.to_owned(), "obs_absences".to_owned()];
    needles.extend(band);
    let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
    common::env::assert_no_plaintext(&env.root.join("hub"), &needles);
}

#[test]
fn erasure_removes_a_record_from_records_reports_and_exports() {
    let env = hub_with_records(15);
    let records = all_records(&env);
    let victim = records
        .iter()
        .find(|r| r.protocol.id == "school-safety")
        .unwrap_or(&records[0]);
    let before = report(&env, "protocol", &[]);
    let output = hub(&env, &["hub", "erase", &victim.case_code]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "needs --yes without a terminal"
    );
    hub_ok(&env, &["hub", "erase", &victim.case_code, "--yes"]);
    let after = report(&env, "protocol", &[]);
    assert_eq!(
        after["total"].as_u64().unwrap(),
        before["total"].as_u64().unwrap() - 1
    );
    assert_eq!(all_records(&env).len(), records.len() - 1);
    assert!(!all_records(&env)
        .iter()
        .any(|r| r.record_id == victim.record_id));
    let shown = hub(&env, &["hub", "record", "show", &victim.record_id]);
    assert_eq!(shown.status.code(), Some(1));
    let csv_path = env.root.join("after.csv");
    hub_ok(
        &env,
        &[
            "hub",
            "export-csv",
            "--out",
            &csv_path.display().to_string(),
        ],
    );
    assert!(!fs::read_to_string(&csv_path)
        .unwrap()
        .contains(victim.record_id.as_str()));
    for (path, bytes) in all_bytes(&env.root.join("hub")) {
        assert!(
            !bytes
                .windows(victim.record_id.len())
                .any(|w| w == victim.record_id.as_bytes()),
            "id left in {}",
            path.display()
        );
    }
    let missing = hub(&env, &["hub", "erase", "ZZZ-ZZZ", "--yes"]);
    assert_eq!(missing.status.code(), Some(1));
    // Neither a case code nor a record id: the command line is wrong.
    let malformed = hub(&env, &["hub", "erase", "NOT-A-CASE", "--yes"]);
    assert_eq!(malformed.status.code(), Some(2));
    let message = String::from_utf8_lossy(&malformed.stderr);
    assert!(message.contains("T9D-G3J"), "{message}");
}

#[test]
fn the_html_report_is_self_contained_and_renders_in_chromium() {
    let env = hub_with_records(60);
    let page = env.root.join("report.html");
    hub_ok(
        &env,
        &[
            "hub",
            "report",
            "--by",
            "region,band",
            "--html",
            &page.display().to_string(),
        ],
    );
    let html = fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<svg")
            && html.contains("Results per month")
            && html.contains("Results by region")
            && html.contains("<html lang=\"en\">")
    );
    for outside in ["<script", "src=", "href=", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the page loads something from outside: {outside}"
        );
    }
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("Chromium is not installed here; .ci/run installs Debian's `chromium` package");
        return;
    };
    let profile = env.root.join("chromium-profile");
    let common = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--no-first-run".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let url = format!("file://{}", page.display());
    let dom = Command::new(chromium)
        .args(&common)
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("Results per month") && dom.contains("<rect"),
        "the rendered page lacks its charts"
    );
    // A screenshot, kept as a test artifact.
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    fs::create_dir_all(&artifacts).unwrap();
    let shot = artifacts.join("report.png");
    let _ = fs::remove_file(&shot);
    let output = Command::new(chromium)
        .args(&common)
        .args([
            format!("--screenshot={}", shot.display()),
            "--window-size=1000,2200".to_owned(),
            url,
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let png = fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "a blank screenshot ({} bytes)",
        png.len()
    );
}
