//! Signed updates from the coordinator (issue 14): publish, install, every
//! refusal, the USB round trip, withdrawn versions, regional contacts, a
//! new hub key, a kill at any point of an install, and the golden pack.
//! Through the binary, as a coordinator and a worker would, except where a
//! draft or a golden file needs the library.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::env::{all_bytes, Env, DEVICE_PASSPHRASE, HUB_PASSPHRASE};
use qorgau::catalog::SHIPPED_PROTOCOLS;
use qorgau::crypto::{HubCard, Passphrase, Role};
use qorgau::datadir::DataDir;

const BORDER_ANSWERS: &str = r#"consent = "social_services"
[answers]
age_group = "adult"
fl_docs_held = "yes"
fl_companion_speaks = "yes"
private_ok = "yes"
rf_cannot_leave = "no"
"#;

/// A shipped protocol's file under another version number (a valid file).
fn bumped(id: &str, version: &str) -> String {
    let source = SHIPPED_PROTOCOLS
        .iter()
        .find(|file| file.path().ends_with(&format!("{id}/1.0.0.toml")))
        .unwrap()
        .text()
        .unwrap();
    source.replacen(
        "version = \"1.0.0\"",
        &format!("version = \"{version}\""),
        1,
    )
}

/// The shipped directory under another version, with contacts for a region.
fn directory(version: &str, region: &str) -> String {
    let source = qorgau::catalog::SHIPPED_REFERRALS
        .iter()
        .find(|file| file.path().ends_with("kz/1.0.0.toml"))
        .unwrap()
        .text()
        .unwrap();
    format!(
        "{}\n[[region]]\nid = \"{region}\"\nname = {{ ru = \"Тестовый регион\", kk = \"Сынақ өңірі\", en = \"Test region\" }}\n\
         [[region.contact]]\nid = \"test_crisis_centre\"\nphone = \"+7 700 555 0199\"\n\
         name = {{ ru = \"Кризисный центр (тест)\", kk = \"Дағдарыс орталығы (сынақ)\", en = \"Crisis centre (test)\" }}\n\
         when = {{ ru = \"Ночлег\", kk = \"Түнеу\", en = \"A safe night\" }}\n",
        source.replacen("version = \"1.0.0\"", &format!("version = \"{version}\""), 1)
    )
}

struct Lab {
    env: Env,
}

impl Lab {
    fn new() -> Lab {
        let env = Env::new();
        let lab = Lab { env };
        lab.hub_ok(&["hub", "enroll", &lab.env.path("device/device-card.toml")]);
        lab
    }

    fn hub(&self, args: &[&str]) -> Output {
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
            "{args:?} should fail: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        let message = String::from_utf8(output.stderr).unwrap();
        assert!(!message.contains("panicked"), "{message}");
        message
    }

    /// A folder holding these protocol files (`<id>/<version>.toml`).
    fn protocols(&self, name: &str, files: &[(&str, &str, String)]) -> String {
        let dir = self.env.root.join(name);
        for (id, version, source) in files {
            fs::create_dir_all(dir.join(id)).unwrap();
            fs::write(dir.join(id).join(format!("{version}.toml")), source).unwrap();
        }
        dir.display().to_string()
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.env.root.join(name);
        fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    fn publish(&self, out: &str, extra: &[&str]) -> String {
        let path = self.env.path(out);
        let mut args = vec!["hub", "publish", "--out", path.as_str()];
        args.extend_from_slice(extra);
        self.hub_ok(&args)
    }

    fn screen(&self, spec: &str) -> String {
        let answers = self.env.answers("answers.toml", BORDER_ANSWERS);
        self.env.ok(&["screen", spec, "--answers", &answers])
    }

    /// Screen with `spec` and return the protocol version the new record
    /// was answered against, as the device's record list shows it.
    fn screened_with(&self, spec: &str) -> String {
        let codes = |list: &serde_json::Value| -> Vec<(String, String)> {
            list.as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["summary"]["case_code"].as_str().unwrap().to_owned(),
                        r["protocol"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        let records = || -> serde_json::Value {
            serde_json::from_str(&self.env.ok(&["records", "--format", "json"])).unwrap()
        };
        let before = codes(&records());
        self.screen(spec);
        let after = codes(&records());
        let new: Vec<_> = after.iter().filter(|r| !before.contains(r)).collect();
        assert_eq!(new.len(), 1, "one new record: {after:?}");
        new[0].1.clone()
    }

    fn protocols_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.env.ok(&["protocols", "--all", "--format", "json"])).unwrap()
    }

    fn row<'a>(list: &'a serde_json::Value, id: &str, version: &str) -> &'a serde_json::Value {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id && r["version"] == version)
            .unwrap_or_else(|| panic!("{id}@{version} not listed: {list}"))
    }

    fn device_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        all_bytes(&self.env.device_dir())
            .into_iter()
            .filter(|(p, _)| {
                let name = p.to_string_lossy();
                !name.ends_with("-shm")
                    && !name.ends_with("-wal")
                    && !name.ends_with("card-check.toml")
            })
            .collect()
    }
}

#[test]
fn a_published_update_installs_protocols_and_regional_contacts_and_protocols_says_where_each_comes_from(
) {
    let lab = Lab::new();
    // Before: the shipped set, and no contacts for the device's region.
    let before = lab.screen("border-checkpoint@1.0.0");
    assert!(
        before.contains("Regional contacts are not set up"),
        "{before}"
    );

    let protocols = lab.protocols(
        "new",
        &[(
            "border-checkpoint",
            "9.1.0",
            bumped("border-checkpoint", "9.1.0"),
        )],
    );
    let referrals = lab.file("kz-9.1.0.toml", &directory("9.1.0", "almaty_city"));
    let out = lab.publish(
        "week49.qgu",
        &["--protocols", &protocols, "--referrals", &referrals],
    );
    assert!(out.contains("Published update 1"), "{out}");
    assert!(out.contains("border-checkpoint@9.1.0"), "{out}");
    assert!(out.contains("kz 9.1.0"), "{out}");

    let out = lab.env.ok(&["update", &lab.env.path("week49.qgu")]);
    assert!(out.contains("Installed update 1 from Test hub"), "{out}");
    assert!(
        out.contains("new protocol version: border-checkpoint@9.1.0"),
        "{out}"
    );
    assert!(out.contains("referral contacts: kz 9.1.0"), "{out}");

    // `protocols` says where each version comes from and which is in force.
    let listed = lab.protocols_json();
    let new = Lab::row(&listed, "border-checkpoint", "9.1.0");
    assert_eq!(new["origin"], "update");
    assert_eq!(new["update"], 1);
    assert_eq!(new["in_force"], true);
    let old = Lab::row(&listed, "border-checkpoint", "1.0.0");
    assert_eq!(old["origin"], "shipped");
    assert_eq!(old["in_force"], false);
    // The table has the same in words (wide enough not to wrap here).
    let table = lab.env.ok(&["protocols", "--all"]);
    let words = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("source"), "{table}");
    assert!(
        words.contains("shipped") && words.contains("update"),
        "{table}"
    );

    // A new screening starts with the update's version and gives the
    // region's contacts from the update's directory.
    assert_eq!(
        lab.screened_with("border-checkpoint"),
        "border-checkpoint@9.1.0"
    );
    let after = lab.screen("border-checkpoint");
    assert!(after.contains("+7 700 555 0199"), "{after}");
    assert!(after.contains("Test region"), "{after}");
    assert!(
        !after.contains("Regional contacts are not set up"),
        "{after}"
    );
    // No banner: the update is signed, not local.
    assert!(!after.contains("UNSIGNED"), "{after}");
}

#[test]
fn another_region_s_device_says_it_has_no_regional_contacts() {
    let lab = Lab::new();
    let referrals = lab.file("kz.toml", &directory("9.1.0", "shymkent"));
    lab.publish("u.qgu", &["--referrals", &referrals]);
    lab.env.ok(&["update", &lab.env.path("u.qgu")]);
    let after = lab.screen("border-checkpoint@1.0.0");
    assert!(
        after.contains("Regional contacts are not set up"),
        "{after}"
    );
    assert!(!after.contains("+7 700 555 0199"), "{after}");
}

/// Flip one byte of a file.
fn flipped(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut changed = bytes.to_vec();
    changed[at] ^= 0x20;
    changed
}

#[test]
fn every_bad_pack_is_refused_with_one_message_and_nothing_installed() {
    let lab = Lab::new();
    let protocols = lab.protocols(
        "p",
        &[("school-safety", "9.1.0", bumped("school-safety", "9.1.0"))],
    );
    lab.publish("u1.qgu", &["--protocols", &protocols]);
    let good = fs::read(lab.env.root.join("u1.qgu")).unwrap();
    let manifest_len = u32::from_be_bytes(good[14..18].try_into().unwrap()) as usize;
    let in_manifest = 18 + manifest_len / 2;
    let in_file = good.len() - 100;

    // Another coordinator's genuine pack.
    let other = tempfile::tempdir().unwrap();
    let other_dir = other.path().join("hub");
    lab.env.ok(&[
        "--data-dir",
        &other_dir.display().to_string(),
        "--passphrase-file",
        &lab.env.path("hub-pass"),
        "hub",
        "init",
        "--name",
        "Other hub",
    ]);
    let other_pack = other.path().join("other.qgu");
    lab.env.ok(&[
        "--data-dir",
        &other_dir.display().to_string(),
        "--passphrase-file",
        &lab.env.path("hub-pass"),
        "hub",
        "publish",
        "--out",
        &other_pack.display().to_string(),
        "--protocols",
        &protocols,
    ]);

    // Signed by the right hub, but a shipped version with other content, or
    // a protocol whose golden case fails (a hub with another qorgau).
    let hub_dir = DataDir::resolve(Some(lab.env.root.join("hub"))).unwrap();
    let keys =
        qorgau::setup::unlock(&hub_dir, Role::Hub, &Passphrase::new(HUB_PASSPHRASE)).unwrap();
    let signed = |path: qorgau::update::PackPath, text: String| {
        qorgau::update::pack::write_pack(
            &keys.id,
            5,
            "2026-12-01T09:00:00Z".parse().unwrap(),
            &[(path, text.into_bytes())],
            &[],
            &[],
            &keys.signing,
        )
        .unwrap()
    };
    let shipped_differs = signed(
        qorgau::update::PackPath::Protocol {
            id: "school-safety".into(),
            version: semver::Version::new(1, 0, 0),
        },
        bumped("school-safety", "1.0.0") + "\n# changed\n",
    );
    let failing = signed(
        qorgau::update::PackPath::Protocol {
            id: "border-checkpoint".into(),
            version: semver::Version::new(9, 3, 0),
        },
        bumped("border-checkpoint", "9.3.0").replacen(
            "band = \"no_concern\"",
            "band = \"clear_concern\"",
            1,
        ),
    );

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "shipped-differs",
            shipped_differs,
            "differs from the file this qorgau ships",
        ),
        ("golden-case", failing, "does not pass its checks"),
        (
            "junk",
            b"not a pack at all".to_vec(),
            "is not a Qorgau update pack",
        ),
        ("empty", Vec::new(), "is incomplete"),
        ("cut", good[..good.len() - 7].to_vec(), "is incomplete"),
        ("cut-in-manifest", good[..40].to_vec(), "is incomplete"),
        ("manifest", flipped(&good, in_manifest), "signature"),
        (
            "signature",
            flipped(&good, 18 + manifest_len + 5),
            "does not match your coordinator's key",
        ),
        (
            "file",
            flipped(&good, in_file),
            "was changed after the coordinator signed it",
        ),
        (
            "appended",
            [good.clone(), b"x".to_vec()].concat(),
            "was changed after the coordinator signed it",
        ),
        (
            "other",
            fs::read(&other_pack).unwrap(),
            "another coordinator",
        ),
    ];
    let before = lab.device_files();
    for (name, bytes, expected) in cases {
        let path = lab.env.root.join(format!("{name}.qgu"));
        fs::write(&path, &bytes).unwrap();
        let message = lab.env.fails(&["update", &path.display().to_string()]);
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            message.contains("Nothing was installed") || message.contains("nothing was installed"),
            "{name}: {message}"
        );
        // One message (a failed check lists its file:line:col problems below it).
        if name != "golden-case" {
            assert_eq!(
                message.trim().lines().count(),
                1,
                "{name}: one message: {message}"
            );
        }
        assert_eq!(lab.device_files(), before, "{name} changed the data folder");
    }

    // A newer pack, then the older one and the same one again.
    lab.env.ok(&["update", &lab.env.path("u1.qgu")]);
    lab.publish("u2.qgu", &["--withdraw", "school-safety@1.0.0"]);
    lab.env.ok(&["update", &lab.env.path("u2.qgu")]);
    let before = lab.device_files();
    let message = lab.env.fails(&["update", &lab.env.path("u1.qgu")]);
    assert!(
        message.contains("is update 1, older than update 2"),
        "{message}"
    );
    let message = lab.env.fails(&["update", &lab.env.path("u2.qgu")]);
    assert!(
        message.contains("is update 2, which is already installed"),
        "{message}"
    );
    assert_eq!(lab.device_files(), before);
    // In Russian too.
    let message = lab
        .env
        .fails(&["--lang", "ru", "update", &lab.env.path("u1.qgu")]);
    assert!(message.contains("уже установлено более новое"), "{message}");
}

#[test]
fn publish_refuses_what_does_not_pass_lint_or_changes_a_published_version() {
    let lab = Lab::new();
    let failing_case = bumped("border-checkpoint", "9.2.0").replacen(
        "band = \"no_concern\"",
        "band = \"clear_concern\"",
        1,
    );
    let bad = lab.protocols("bad", &[("border-checkpoint", "9.2.0", failing_case)]);
    let message = lab.hub_fails(&[
        "hub",
        "publish",
        "--out",
        &lab.env.path("x.qgu"),
        "--protocols",
        &bad,
    ]);
    assert!(message.contains("9.2.0.toml"), "{message}");
    assert!(message.contains("nothing was published"), "{message}");

    // The shipped version number with other content.
    let changed = bumped("school-safety", "1.0.0").replacen(
        "validated = false",
        "validated = false\n# changed",
        1,
    );
    let shadow = lab.protocols("shadow", &[("school-safety", "1.0.0", changed)]);
    let message = lab.hub_fails(&[
        "hub",
        "publish",
        "--out",
        &lab.env.path("x.qgu"),
        "--protocols",
        &shadow,
    ]);
    assert!(
        message.contains("which qorgau already ships with other content"),
        "{message}"
    );

    // A published version with other content.
    let good = lab.protocols(
        "good",
        &[("school-safety", "9.1.0", bumped("school-safety", "9.1.0"))],
    );
    lab.publish("u1.qgu", &["--protocols", &good]);
    let edited = bumped("school-safety", "9.1.0") + "\n# edited after publishing\n";
    let edited = lab.protocols("edited", &[("school-safety", "9.1.0", edited)]);
    let message = lab.hub_fails(&[
        "hub",
        "publish",
        "--out",
        &lab.env.path("x.qgu"),
        "--protocols",
        &edited,
    ]);
    assert!(
        message.contains("which update 1 already published with other content"),
        "{message}"
    );

    // A directory that is not newer than the shipped one, or broken.
    let same = lab.file("same.toml", &directory("1.0.0", "almaty_city"));
    let message = lab.hub_fails(&[
        "hub",
        "publish",
        "--out",
        &lab.env.path("x.qgu"),
        "--referrals",
        &same,
    ]);
    assert!(message.contains("qorgau already ships kz"), "{message}");
    let broken = lab.file(
        "broken.toml",
        &directory("9.1.0", "almaty_city").replace("phone = \"102\"", "phone = \"call us\""),
    );
    let message = lab.hub_fails(&[
        "hub",
        "publish",
        "--out",
        &lab.env.path("x.qgu"),
        "--referrals",
        &broken,
    ]);
    assert!(message.contains("must be digits"), "{message}");

    // Withdrawals of unknown, malformed or last versions.
    for (spec, expected) in [
        ("school-safety", "is not ID@VERSION"),
        ("school-safety@9.9.9", "is not a protocol version"),
    ] {
        let message = lab.hub_fails(&[
            "hub",
            "publish",
            "--out",
            &lab.env.path("x.qgu"),
            "--withdraw",
            spec,
        ]);
        assert!(message.contains(expected), "{spec}: {message}");
    }
    // Every version of a protocol the hub knows (shipped and published).
    let catalog = qorgau::catalog::Catalog::shipped().unwrap();
    let mut every: Vec<String> = catalog
        .files()
        .iter()
        .filter(|f| f.protocol.id == "patronage-home-visit")
        .map(|f| f.protocol.reference())
        .collect();
    let mut args = vec![
        "hub".to_owned(),
        "publish".to_owned(),
        "--out".to_owned(),
        lab.env.path("x.qgu"),
        "--withdraw".to_owned(),
    ];
    args.append(&mut every);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let message = lab.hub_fails(&args);
    assert!(
        message.contains("would leave no version of patronage-home-visit"),
        "{message}"
    );
    // Nothing was written, and the sequence did not move.
    assert!(!lab.env.root.join("x.qgu").exists());
    let out = lab.publish("u2.qgu", &[]);
    assert!(out.contains("Nothing changed since update 1"), "{out}");
    // An existing file is never overwritten.
    let message = lab.hub_fails(&["hub", "publish", "--out", &lab.env.path("u2.qgu")]);
    assert!(message.contains("already exists"), "{message}");
}

#[test]
fn the_round_trip_brings_the_update_back_with_the_receipt() {
    let lab = Lab::new();
    let protocols = lab.protocols(
        "p",
        &[(
            "border-checkpoint",
            "9.1.0",
            bumped("border-checkpoint", "9.1.0"),
        )],
    );
    let referrals = lab.file("kz.toml", &directory("9.1.0", "almaty_city"));
    lab.publish(
        "published.qgu",
        &["--protocols", &protocols, "--referrals", &referrals],
    );

    // The device screens and exports; the coordinator imports.
    lab.screen("border-checkpoint@1.0.0");
    let usb = lab.env.root.join("usb");
    fs::create_dir_all(&usb).unwrap();
    let bundle = usb.join("week48.qgb");
    lab.env
        .ok(&["export", "--yes", "--out", &bundle.display().to_string()]);
    let out = lab.hub_ok(&["hub", "import", &bundle.display().to_string()]);
    assert!(
        out.contains("The coordinator's update 1 was written beside the receipt"),
        "{out}"
    );
    let receipt = fs::read_dir(&usb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "receipt"))
        .unwrap();
    let pack = receipt.with_extension("qgu");
    assert!(pack.exists(), "no pack beside {}", receipt.display());

    // Back at the device: one command applies the receipt and installs the update.
    let out = lab.env.ok(&["ack", &receipt.display().to_string()]);
    assert!(out.contains("Installed update 1 from Test hub"), "{out}");
    let listed = lab.protocols_json();
    assert_eq!(
        Lab::row(&listed, "border-checkpoint", "9.1.0")["in_force"],
        true
    );

    // The coordinator sees what the device runs.
    let devices = lab.hub_ok(&["hub", "devices", "--format", "json"]);
    assert!(
        !devices.contains("kz@9.1.0"),
        "the bundle was made before the update: {devices}"
    );
    lab.screen("border-checkpoint");
    let bundle2 = usb.join("week49.qgb");
    lab.env
        .ok(&["export", "--yes", "--out", &bundle2.display().to_string()]);
    let out = lab.hub_ok(&["hub", "import", &bundle2.display().to_string()]);
    // The device already has update 1: nothing to carry back.
    assert!(!out.contains("written beside the receipt"), "{out}");
    assert!(
        !usb.join("week49.qgu").exists()
            && fs::read_dir(&usb)
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "qgu"))
                .count()
                == 1
    );
    let devices = lab.hub_ok(&["hub", "devices"]);
    assert!(
        devices.contains("border-checkpoint@9.1.0: 1 device"),
        "{devices}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&lab.hub_ok(&["hub", "devices", "--format", "json"])).unwrap();
    assert_eq!(json[0]["installed"]["update"], 1);
    assert_eq!(json[0]["installed"]["directory"], "kz@9.1.0");
    // The hub reads a record of the version it published like a shipped one
    // (its own catalog has its published protocols).
    let records: serde_json::Value =
        serde_json::from_str(&lab.hub_ok(&["hub", "records", "--format", "json"])).unwrap();
    let id = records
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["protocol"] == "border-checkpoint@9.1.0")
        .unwrap()["record_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = lab.hub_ok(&["hub", "record", "show", &id]);
    assert!(!shown.contains("not available here"), "{shown}");
    // An old receipt's pack again: already installed, said so, not an error.
    let out = lab.env.ok(&["ack", &receipt.display().to_string()]);
    assert!(out.contains("already installed"), "{out}");
}

#[test]
fn a_withdrawn_version_starts_no_screening_but_its_drafts_finish_and_its_records_show() {
    let lab = Lab::new();
    // A draft of 1.0.0 begun before the withdrawal (as a closed lid leaves it).
    let dir = DataDir::resolve(Some(lab.env.device_dir())).unwrap();
    let draft_id = {
        let setup = qorgau::setup::load_device(&dir).unwrap();
        let catalog = qorgau::catalog::Catalog::shipped().unwrap();
        let protocol = &catalog.find("border-checkpoint@1.0.0").unwrap().protocol;
        let mut store = lab.env.store();
        let screening = qorgau::screening::Screening::start(
            &mut store,
            &setup,
            protocol,
            qorgau::Lang::En,
            "2026-11-30T10:00:00Z".parse().unwrap(),
        )
        .unwrap();
        screening.draft_id().to_owned()
    };
    let finished = lab.screen("border-checkpoint@1.0.0");
    assert!(finished.contains("\nrecord "), "{finished}");

    let protocols = lab.protocols(
        "p",
        &[(
            "border-checkpoint",
            "9.1.0",
            bumped("border-checkpoint", "9.1.0"),
        )],
    );
    lab.publish(
        "u.qgu",
        &[
            "--protocols",
            &protocols,
            "--withdraw",
            "border-checkpoint@1.0.0",
        ],
    );
    let out = lab.env.ok(&["update", &lab.env.path("u.qgu")]);
    assert!(
        out.contains("withdrawn, no new screenings: border-checkpoint@1.0.0"),
        "{out}"
    );

    // No new screening with it; the message names the version to use.
    let answers = lab.env.answers("a.toml", BORDER_ANSWERS);
    let message = lab
        .env
        .fails(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    assert!(
        message.contains("border-checkpoint@1.0.0 was withdrawn"),
        "{message}"
    );
    assert!(
        message.contains("start new screenings with border-checkpoint@9.1.0"),
        "{message}"
    );
    let message = lab.env.fails(&[
        "--lang",
        "kk",
        "screen",
        "border-checkpoint@1.0.0",
        "--answers",
        &answers,
    ]);
    assert!(
        message.contains("border-checkpoint@9.1.0 нұсқасымен"),
        "{message}"
    );
    // `ID` alone picks the version in force.
    assert_eq!(
        lab.screened_with("border-checkpoint"),
        "border-checkpoint@9.1.0"
    );
    let listed = lab.protocols_json();
    assert_eq!(
        Lab::row(&listed, "border-checkpoint", "1.0.0")["withdrawn"],
        1
    );

    // The draft begun before can still be finished.
    let out = lab.env.ok(&["resume", &draft_id, "--answers", &answers]);
    assert!(out.contains("\nrecord "), "{out}");
    // Its records still display and score.
    let records: serde_json::Value =
        serde_json::from_str(&lab.env.ok(&["records", "--format", "json"])).unwrap();
    let of_withdrawn = records
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["protocol"] == "border-checkpoint@1.0.0")
        .count();
    assert_eq!(of_withdrawn, 2, "{records}");
    let score = lab.env.ok(&[
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        &answers,
    ]);
    // Scored under 1.0.0: its question ids (not those of 2.0.0) are accepted.
    assert!(score.contains("SOME INDICATORS PRESENT"), "{score}");
    let bundle = lab.env.path("b.qgb");
    lab.env.ok(&["export", "--yes", "--out", &bundle]);
    lab.hub_ok(&["hub", "import", &bundle]);
    let hub_records = lab.hub_ok(&["hub", "records", "--format", "json"]);
    assert_eq!(
        hub_records.matches("border-checkpoint@1.0.0").count(),
        2,
        "{hub_records}"
    );
}

fn hub_card(lab: &Lab) -> HubCard {
    let path = lab.env.root.join("hub/hub-card.toml");
    HubCard::parse("hub-card.toml", &fs::read_to_string(path).unwrap()).unwrap()
}

fn trusted_card(dir: &Path) -> HubCard {
    HubCard::parse(
        "trusted-hub.toml",
        &fs::read_to_string(dir.join("trusted-hub.toml")).unwrap(),
    )
    .unwrap()
}

#[test]
fn a_new_hub_key_reaches_devices_and_what_was_sealed_before_still_opens() {
    let lab = Lab::new();
    // A second device set up before the rotation, which misses its pack.
    let late = lab.env.root.join("late");
    lab.env.ok(&[
        "--data-dir",
        &late.display().to_string(),
        "init",
        "--hub",
        &lab.env.path("hub/hub-card.toml"),
        "--region",
        "almaty_city",
    ]);
    let old_card = hub_card(&lab);
    lab.screen("border-checkpoint@1.0.0");
    let bundle1 = lab.env.path("b1.qgb");
    lab.env.ok(&["export", "--yes", "--out", &bundle1]);

    let out = lab.hub_ok(&["hub", "rotate-key", "--out", &lab.env.path("rotation.qgu")]);
    assert!(out.contains("The hub has a new key"), "{out}");
    assert!(out.contains("Published update 1"), "{out}");
    let new_card = hub_card(&lab);
    assert_eq!(new_card.hub_id, old_card.hub_id);
    assert_ne!(new_card.verifying_key, old_card.verifying_key);
    assert_ne!(
        new_card.recipients[0].to_string(),
        old_card.recipients[0].to_string()
    );
    assert!(out.contains(new_card.fingerprint().as_str()), "{out}");

    // The bundle made for the old card imports; its receipt is signed with
    // the old key, so the device can check it before it has the new card.
    let out = lab.hub_ok(&[
        "hub",
        "import",
        &bundle1,
        "--receipt-dir",
        &lab.env.path(""),
    ]);
    assert!(out.contains("accepted 1"), "{out}");
    let receipt = fs::read_dir(&lab.env.root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "receipt"))
        .unwrap();
    let out = lab.env.ok(&["ack", &receipt.display().to_string()]);
    assert!(out.contains("Installed update 1"), "{out}");
    assert!(out.contains("The coordinator has a new key"), "{out}");
    assert!(out.contains(new_card.fingerprint().as_str()), "{out}");
    // The device trusts the new card, bound to its keys: unlock still works.
    assert_eq!(
        trusted_card(&lab.env.device_dir()).verifying_key,
        new_card.verifying_key
    );
    lab.env.ok(&["records"]);

    // New records are sealed to the new key, and the hub reads both.
    lab.screen("border-checkpoint@1.0.0");
    let sealed = lab.env.store().pending().unwrap();
    assert_eq!(sealed.len(), 1);
    let hub_dir = DataDir::resolve(Some(lab.env.root.join("hub"))).unwrap();
    let keys =
        qorgau::setup::unlock(&hub_dir, Role::Hub, &Passphrase::new(HUB_PASSPHRASE)).unwrap();
    assert_eq!(keys.retired.len(), 1);
    let bundle2 = lab.env.path("b2.qgb");
    lab.env.ok(&["export", "--yes", "--out", &bundle2]);
    let bytes = fs::read(&bundle2).unwrap();
    assert!(
        age::decrypt(&keys.identity, &bytes).is_ok(),
        "the new bundle is for the new key"
    );
    assert!(age::decrypt(&keys.retired[0].identity, &bytes).is_err());
    let out = lab.hub_ok(&["hub", "import", &bundle2]);
    assert!(out.contains("accepted 1"), "{out}");
    let records = lab.hub_ok(&["hub", "records", "--format", "json"]);
    assert_eq!(
        records.matches("border-checkpoint@1.0.0").count(),
        2,
        "{records}"
    );
    // The reports' facts of both imports open (sealed to each key).
    let report: serde_json::Value =
        serde_json::from_str(&lab.hub_ok(&["hub", "report", "--format", "json"])).unwrap();
    assert_eq!(report["total"], 2, "{report}");

    // Escrow keeps every identity, the retired one too.
    let escrow = lab.env.path("escrow.txt");
    lab.hub_ok(&["hub", "export-identity", "--out", &escrow, "--yes"]);
    let escrowed = fs::read_to_string(&escrow).unwrap();
    assert_eq!(
        escrowed.matches("AGE-SECRET-KEY-").count(),
        2,
        "two identities"
    );

    // The device that missed update 1 installs a later one: the chain of
    // keys carries it from the old card to the new one (with its passphrase).
    let referrals = lab.file("kz.toml", &directory("9.1.0", "almaty_city"));
    lab.publish("later.qgu", &["--referrals", &referrals]);
    let late_run = |args: &[&str]| {
        let mut all = vec!["--data-dir".to_owned(), late.display().to_string()];
        all.extend(args.iter().map(|a| (*a).to_owned()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        lab.env.run(&all)
    };
    let output = late_run(&["update", &lab.env.path("later.qgu")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Installed update 2"));
    assert_eq!(trusted_card(&late).verifying_key, new_card.verifying_key);
    // Without a passphrase such a pack is refused, nothing changed.
    let third = lab.env.root.join("third");
    lab.env.ok(&[
        "--data-dir",
        &third.display().to_string(),
        "init",
        "--hub",
        &lab.env.path("late/trusted-hub.toml"),
    ]);
    // (set up with the new card already: a plain update needs no passphrase)
    let output = lab
        .env
        .command(&[
            "--data-dir",
            &third.display().to_string(),
            "update",
            &lab.env.path("later.qgu"),
        ])
        .env_remove("QORGAU_PASSPHRASE_FILE")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = DEVICE_PASSPHRASE;
}

#[test]
fn a_pack_with_a_new_card_needs_the_passphrase() {
    let lab = Lab::new();
    lab.hub_ok(&["hub", "rotate-key", "--out", &lab.env.path("r.qgu")]);
    let before = lab.device_files();
    let output = lab
        .env
        .command(&["update", &lab.env.path("r.qgu")])
        .env_remove("QORGAU_PASSPHRASE_FILE")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("passphrase"), "{message}");
    assert_eq!(lab.device_files(), before);
}

#[test]
fn a_pack_changed_on_the_device_is_not_used_and_installing_it_again_repairs_it() {
    let lab = Lab::new();
    let protocols = lab.protocols(
        "p",
        &[(
            "border-checkpoint",
            "9.1.0",
            bumped("border-checkpoint", "9.1.0"),
        )],
    );
    lab.publish("u.qgu", &["--protocols", &protocols]);
    lab.env.ok(&["update", &lab.env.path("u.qgu")]);
    let installed = lab.env.device_dir().join("updates/1.qgu");
    let bytes = fs::read(&installed).unwrap();
    fs::write(&installed, flipped(&bytes, bytes.len() - 50)).unwrap();
    let output = lab.env.run(&["protocols"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("update 1 on this device no longer checks out"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("9.1.0"), "{stdout}");
    lab.env.ok(&["update", &lab.env.path("u.qgu")]);
    let output = lab.env.run(&["protocols"]);
    assert!(String::from_utf8_lossy(&output.stderr).is_empty());
    assert!(String::from_utf8_lossy(&output.stdout).contains("9.1.0"));
}

/// Which update is in force, by what `protocols --all` says.
fn in_force(lab: &Lab) -> Option<u64> {
    let listed = lab.protocols_json();
    listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["update"].as_u64())
        .max()
}

#[test]
fn a_kill_during_install_leaves_the_previous_set_or_the_new_one() {
    let lab = Lab::new();
    let first = lab.protocols(
        "p1",
        &[(
            "border-checkpoint",
            "9.1.0",
            bumped("border-checkpoint", "9.1.0"),
        )],
    );
    lab.publish("u1.qgu", &["--protocols", &first]);
    lab.env.ok(&["update", &lab.env.path("u1.qgu")]);
    let second = lab.protocols(
        "p2",
        &[("school-safety", "9.1.0", bumped("school-safety", "9.1.0"))],
    );
    lab.publish("u2.qgu", &["--protocols", &second]);
    lab.hub_ok(&["hub", "rotate-key", "--out", &lab.env.path("u3.qgu")]);
    let pristine = lab.env.root.join("pristine");
    copy_dir(&lab.env.device_dir(), &pristine);

    let steps = ["PackWritten", "PointerWritten", "CardReplaced", "Cleaned"];
    let mut seen = std::collections::BTreeSet::new();
    // Killed right after each step (pack 3 carries a new card, so it has all four).
    for (pack, stop_after) in [
        ("u2.qgu", 0),
        ("u2.qgu", 1),
        ("u2.qgu", 3),
        ("u3.qgu", 0),
        ("u3.qgu", 1),
        ("u3.qgu", 2),
        ("u3.qgu", 3),
    ] {
        reset(&lab, &pristine);
        let mut child = lab
            .env
            .command(&["update", &lab.env.path(pack)])
            .env("QORGAU_TEST_INSTALL_PAUSE_MS", "5000")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let wanted = steps[stop_after];
        loop {
            let line = lines.next().unwrap().unwrap();
            if line.ends_with(wanted) {
                break;
            }
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let now = in_force(&lab);
        seen.insert(now);
        check_consistent(&lab, now, pack);
    }
    assert!(seen.contains(&Some(1)) && seen.len() >= 2, "{seen:?}");

    // And at random moments, with no pauses.
    let mut rng = qorgau::synth::Rng::new(14);
    for round in 0..8 {
        reset(&lab, &pristine);
        let pack = if round % 2 == 0 { "u2.qgu" } else { "u3.qgu" };
        let mut child = lab
            .env
            .command(&["update", &lab.env.path(pack)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(rng.below(600_000)));
        let _ = child.kill();
        child.wait().unwrap();
        let now = in_force(&lab);
        check_consistent(&lab, now, pack);
    }
}

/// After a kill: the set in force is whole (old or new), the device still
/// unlocks with no false alarm, and installing again finishes the job.
fn check_consistent(lab: &Lab, now: Option<u64>, pack: &str) {
    let target = if pack == "u2.qgu" { 2 } else { 3 };
    assert!(now == Some(1) || now == Some(target), "in force: {now:?}");
    let listed = lab.protocols_json();
    let has = |id: &str, v: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id && r["version"] == v && r["origin"] == "update")
    };
    assert!(has("border-checkpoint", "9.1.0"));
    if now == Some(1) {
        assert!(!has("school-safety", "9.1.0"));
    } else {
        assert!(has("school-safety", "9.1.0"));
    }
    lab.env.ok(&["records"]);
    let output = lab.env.run(&["update", &lab.env.path(pack)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() || stderr.contains("already installed"),
        "{stderr}"
    );
    assert_eq!(in_force(lab), Some(target));
    lab.env.ok(&["records"]);
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn reset(lab: &Lab, pristine: &Path) {
    copy_dir(pristine, &lab.env.device_dir());
}

#[test]
fn bundles_from_devices_without_an_installed_state_still_import() {
    // Format 2 bundles (no `installed`) are the golden bundle-v2.qgb,
    // imported by tests/sync.rs; here a device's state never goes backwards.
    let lab = Lab::new();
    lab.screen("border-checkpoint@1.0.0");
    let old = lab.env.path("old.qgb");
    lab.env.ok(&["export", "--yes", "--out", &old]);
    let referrals = lab.file("kz.toml", &directory("9.1.0", "almaty_city"));
    lab.publish("u.qgu", &["--referrals", &referrals]);
    lab.env.ok(&["update", &lab.env.path("u.qgu")]);
    lab.screen("border-checkpoint@1.0.0");
    // Exported later, imported first.
    let new = lab.env.path("new.qgb");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    lab.env.ok(&["export", "--yes", "--out", &new]);
    lab.hub_ok(&["hub", "import", &new]);
    lab.hub_ok(&["hub", "import", &old]);
    let json: serde_json::Value =
        serde_json::from_str(&lab.hub_ok(&["hub", "devices", "--format", "json"])).unwrap();
    assert_eq!(json[0]["installed"]["directory"], "kz@9.1.0", "{json}");
}

/// The golden pack (test keys only) keeps verifying and installing: the
/// format is frozen. Regenerate only when the format is meant to change.
#[test]
fn the_golden_pack_still_verifies_and_installs() {
    let golden = Path::new("tests/golden/update");
    let store_golden = Path::new("tests/golden/store");
    let passphrase = Passphrase::new("golden test passphrase, not secret");
    if std::env::var_os("QORGAU_REGENERATE_GOLDEN").is_some() {
        regenerate(golden, store_golden, &passphrase);
    }
    let bytes = fs::read(golden.join("pack.qgu")).unwrap();
    let card = HubCard::parse(
        "hub-card.toml",
        &fs::read_to_string(store_golden.join("hub-card.toml")).unwrap(),
    )
    .unwrap();

    // The layout: magic, manifest length, manifest, signature, files.
    assert!(bytes.starts_with(b"QORGAU-UPDATE\n"));
    let length = u32::from_be_bytes(bytes[14..18].try_into().unwrap()) as usize;
    let manifest: serde_json::Value = serde_json::from_slice(&bytes[18..18 + length]).unwrap();
    assert_eq!(manifest["format"], 1);
    assert_eq!(manifest["sequence"], 1);
    assert_eq!(manifest["hub_id"], card.hub_id.as_str());
    assert_eq!(manifest["withdrawn"][0], "golden-safety@1.0.0");
    let mut at = 18 + length + 64;
    for file in manifest["files"].as_array().unwrap() {
        let size = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        assert_eq!(size as u64, file["size"].as_u64().unwrap());
        at += 4 + size;
    }
    assert_eq!(at, bytes.len());

    // It installs on a device set up with the golden hub card.
    let temp = tempfile::tempdir().unwrap();
    let dir = DataDir::resolve(Some(temp.path().join("device"))).unwrap();
    qorgau::setup::init_device(
        &dir,
        &store_golden.join("hub-card.toml"),
        Some("almaty_city".into()),
        &Passphrase::new(DEVICE_PASSPHRASE),
        "2026-12-01T00:00:00Z".parse().unwrap(),
    )
    .unwrap();
    let prepared = qorgau::update::prepare(&dir, bytes, "pack.qgu").unwrap();
    assert!(!prepared.needs_passphrase());
    let installed = prepared.install(&dir, None, &mut |_| {}).unwrap();
    assert_eq!(installed.sequence, 1);
    assert_eq!(
        installed.protocols,
        vec![
            ("golden-safety@1.0.0".to_owned(), true),
            ("golden-safety@1.1.0".to_owned(), true)
        ]
    );
    assert_eq!(installed.directories, vec!["kz 9.1.0".to_owned()]);
    let in_force = qorgau::update::in_force(&dir);
    let update = in_force.update.unwrap();
    assert_eq!(update.sequence, 1);
    let mut catalog = qorgau::catalog::Catalog::shipped().unwrap();
    assert!(update.add_to(&mut catalog).is_empty());
    assert!(catalog.find_to_start("golden-safety@1.0.0").is_err());
    let started = catalog.find_to_start("golden-safety").unwrap();
    assert_eq!(started.protocol.reference(), "golden-safety@1.1.0");
    assert_eq!(started.origin, qorgau::catalog::Origin::Update(1));
    let directory = update.directory("kz").unwrap();
    assert_eq!(directory.version, "9.1.0");
    assert!(directory.region("almaty_city").is_some());
}

fn regenerate(golden: &Path, store_golden: &Path, passphrase: &Passphrase) {
    use qorgau::update::pack::{write_pack, PackPath};
    fs::create_dir_all(golden).unwrap();
    let hub = qorgau::crypto::SecretKeys::from_key_file(
        &fs::read(store_golden.join("hub-key.age")).unwrap(),
        passphrase,
        Role::Hub,
        "hub-key.age",
    )
    .unwrap();
    // A protocol id qorgau does not ship, so no future shipped version
    // ever meets it.
    let golden_protocol = |version: &str| {
        bumped("school-safety", version)
            .replacen("id = \"school-safety\"", "id = \"golden-safety\"", 1)
            .into_bytes()
    };
    let files = vec![
        (
            PackPath::Protocol {
                id: "golden-safety".into(),
                version: semver::Version::new(1, 0, 0),
            },
            golden_protocol("1.0.0"),
        ),
        (
            PackPath::Protocol {
                id: "golden-safety".into(),
                version: semver::Version::new(1, 1, 0),
            },
            golden_protocol("1.1.0"),
        ),
        (
            PackPath::Directory {
                country: "kz".into(),
                version: semver::Version::new(9, 1, 0),
            },
            directory("9.1.0", "almaty_city").into_bytes(),
        ),
        (
            PackPath::HubCard,
            fs::read(store_golden.join("hub-card.toml")).unwrap(),
        ),
    ];
    let pack = write_pack(
        &hub.id,
        1,
        "2026-12-01T09:00:00Z".parse().unwrap(),
        &files,
        &["golden-safety@1.0.0".to_owned()],
        &[],
        &hub.signing,
    )
    .unwrap();
    fs::write(golden.join("pack.qgu"), pack).unwrap();
}

/// The catalog's rules, without the binary: update versions count like
/// shipped ones, withdrawn ones never start a screening, a local file never
/// outranks or shadows a trusted one.
#[test]
fn the_catalog_ranks_shipped_update_and_local_versions() {
    use qorgau::catalog::{parse_protocol, Catalog, CatalogError, Origin};
    let parsed = |id: &str, version: &str| {
        let path = format!("update 2: protocols/{id}/{version}.toml");
        let protocol = parse_protocol(&path, &bumped(id, version)).unwrap();
        (path, protocol)
    };
    let mut catalog = Catalog::shipped().unwrap();
    let shipped_newest = catalog.find("school-safety").unwrap().protocol.reference();
    let skipped = catalog.add_update(
        2,
        &[
            parsed("school-safety", "9.1.0"),
            // The very same file as the shipped one: kept once, as shipped.
            parsed("school-safety", "1.0.0"),
        ],
        &["school-safety@9.1.0".to_owned()],
    );
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(
        catalog.find("school-safety@1.0.0").unwrap().origin,
        Origin::Shipped
    );
    // The update's newest is withdrawn: `ID` alone keeps the shipped one.
    assert_eq!(
        catalog
            .find_to_start("school-safety")
            .unwrap()
            .protocol
            .reference(),
        shipped_newest
    );
    match catalog.find_to_start("school-safety@9.1.0") {
        Err(CatalogError::Withdrawn {
            sequence, instead, ..
        }) => {
            assert_eq!(sequence, 2);
            assert_eq!(instead, shipped_newest);
        }
        other => panic!("{other:?}"),
    }
    // Still found for drafts and records.
    assert!(catalog.find("school-safety@9.1.0").is_ok());

    // A local folder cannot shadow an update's version, nor outrank it.
    let local = tempfile::tempdir().unwrap();
    fs::create_dir_all(local.path().join("school-safety")).unwrap();
    fs::write(
        local.path().join("school-safety/9.1.0.toml"),
        bumped("school-safety", "9.1.0") + "\n# local\n",
    )
    .unwrap();
    fs::write(
        local.path().join("school-safety/99.0.0.toml"),
        bumped("school-safety", "99.0.0"),
    )
    .unwrap();
    let skipped = catalog.add_dir(local.path()).unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0]
            .reason
            .contains("update 2 already gives this device"),
        "{skipped:?}"
    );
    assert_eq!(
        catalog
            .find_to_start("school-safety")
            .unwrap()
            .protocol
            .reference(),
        shipped_newest
    );
    assert_eq!(
        catalog.find("school-safety@99.0.0").unwrap().origin,
        Origin::LocalUnsigned
    );

    // Every trusted version withdrawn: no version to start with, said so.
    let mut all = Catalog::shipped().unwrap();
    let every: Vec<String> = all
        .files()
        .iter()
        .filter(|f| f.protocol.id == "patronage-home-visit")
        .map(|f| f.protocol.reference())
        .collect();
    all.add_update(3, &[], &every);
    assert!(matches!(
        all.find_to_start("patronage-home-visit"),
        Err(CatalogError::WithdrawnNoOther { sequence: 3, .. })
    ));
}

/// The two moments inside a card replacement that a kill can leave (after
/// the key file names the new card; after `cards.lock` does too, before the
/// rename): the update stays in force for commands without the passphrase,
/// the next unlock finishes the replacement, and nobody is told a card
/// changed. (The lock used to be written after the rename: a kill between
/// the two left no update in force and a false "card changed" alarm.)
#[test]
fn a_card_replacement_cut_short_keeps_the_update_in_force_and_raises_no_alarm() {
    let lab = Lab::new();
    let first = lab.protocols(
        "p1",
        &[(
            "border-checkpoint",
            "9.1.0",
            bumped("border-checkpoint", "9.1.0"),
        )],
    );
    lab.publish("u1.qgu", &["--protocols", &first]);
    lab.env.ok(&["update", &lab.env.path("u1.qgu")]);
    lab.hub_ok(&["hub", "rotate-key", "--out", &lab.env.path("u2.qgu")]);
    let device = lab.env.device_dir();
    let old_card = fs::read(device.join("trusted-hub.toml")).unwrap();
    let old_lock = fs::read(device.join("cards.lock")).unwrap();
    lab.env.ok(&["update", &lab.env.path("u2.qgu")]);
    let new_card = fs::read(device.join("trusted-hub.toml")).unwrap();
    assert_ne!(new_card, old_card, "the pack carried a new card");
    // A record, so that `records` has something to open: it unlocks.
    lab.screen("border-checkpoint@1.0.0");
    let installed = lab.env.root.join("installed");
    copy_dir(&device, &installed);

    for lock_rewritten in [false, true] {
        reset(&lab, &installed);
        fs::write(device.join("trusted-hub.toml.next"), &new_card).unwrap();
        fs::write(device.join("trusted-hub.toml"), &old_card).unwrap();
        if !lock_rewritten {
            fs::write(device.join("cards.lock"), &old_lock).unwrap();
        }
        assert_eq!(in_force(&lab), Some(2), "lock rewritten: {lock_rewritten}");
        lab.env.ok(&["records"]);
        assert_eq!(
            fs::read(device.join("trusted-hub.toml")).unwrap(),
            new_card,
            "the unlock finished the replacement"
        );
        assert!(!device.join("trusted-hub.toml.next").exists());
        assert_eq!(in_force(&lab), Some(2));
        lab.env.ok(&["records"]);
    }
}
