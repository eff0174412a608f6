//! The `qorgau` binary: outputs, JSON shapes, exit codes, located errors.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn qorgau(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(args)
        .env_remove("QORGAU_LANG")
        .env_remove("QORGAU_HOME")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn protocols_lists_four_with_titles_in_the_chosen_language() {
    let list = json(&qorgau(&["--lang", "en", "protocols", "--format", "json"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 4, "the newest version of each protocol");
    let border = rows
        .iter()
        .find(|r| r["id"] == "border-checkpoint")
        .unwrap();
    let shipped = qorgau::protocol::Catalog::shipped().unwrap();
    let versions: Vec<String> = shipped
        .files()
        .iter()
        .filter(|f| f.protocol.id == "border-checkpoint")
        .map(|f| f.protocol.version.to_string())
        .collect();
    assert_eq!(border["version"], versions[versions.len() - 1].as_str());
    let all = json(&qorgau(&["protocols", "--all", "--format", "json"]));
    let listed: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] == "border-checkpoint")
        .map(|r| r["version"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, versions, "every shipped version stays");
    assert!(border["title"].as_str().unwrap().is_ascii());
    assert!(border["items"].as_u64().unwrap() > 30);
    let kk = json(&qorgau(&["--lang", "kk", "protocols", "--format", "json"]));
    assert_ne!(kk[0]["title"], list[0]["title"]);
    let table = qorgau(&["protocols"]);
    assert!(table.status.success());
    assert!(stdout(&table).contains("school-safety"));
}

#[test]
fn protocol_show_json_has_the_documented_shape() {
    let shown = json(&qorgau(&[
        "protocol",
        "show",
        "border-checkpoint@1.0.0",
        "--format",
        "json",
    ]));
    assert_eq!(shown["id"], "border-checkpoint");
    assert_eq!(shown["version"], "1.0.0");
    assert_eq!(shown["sha256"].as_str().unwrap().len(), 64);
    let questions = shown["questions"].as_array().unwrap();
    for key in [
        "id", "section", "kind", "options", "show_if", "domain", "strength", "red_flag",
    ] {
        assert!(questions[0].get(key).is_some(), "question has no `{key}`");
    }
    let sha = {
        use sha2::Digest;
        let bytes = fs::read("questionnaires/border-checkpoint/1.0.0.toml").unwrap();
        format!("{:x}", sha2::Sha256::digest(bytes))
    };
    assert_eq!(shown["sha256"], sha.as_str(), "sha256 of the exact file");
    let text = qorgau(&["--lang", "kk", "protocol", "show", "patronage-home-visit"]);
    assert!(text.status.success());
    assert!(stdout(&text).contains("notes"));
}

#[test]
fn unknown_protocol_is_exit_1_naming_the_known_ones() {
    let output = qorgau(&["protocol", "show", "no-such-protocol"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("no protocol `no-such-protocol`"),
        "{message}"
    );
    assert!(message.contains("border-checkpoint@1.0.0"), "{message}");
    assert_eq!(message.lines().count(), 1, "one clear message: {message}");
}

#[test]
fn lint_passes_on_every_shipped_file() {
    // Every shipped file, found here independently of the lint's own search.
    let mut files = 0;
    let mut stack = vec![std::path::PathBuf::from("questionnaires")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files += 1;
            }
        }
    }
    let output = qorgau(&["protocol", "lint", "questionnaires"]);
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert_eq!(stdout(&output).matches(": ok (").count(), files);
    assert!(files >= 10, "four protocols in two versions and two directories");
}

#[test]
fn lint_reports_path_line_col_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let source = fs::read_to_string("questionnaires/school-safety/1.0.0.toml").unwrap();
    let broken = source.replacen("kind = \"observation\"", "kind = \"obsrvation\"", 1);
    let path = write(dir.path(), "broken.toml", &broken);
    let offset = broken.find("\"obsrvation\"").unwrap();
    let line = broken[..offset].matches('\n').count() + 1;
    let output = qorgau(&["protocol", "lint", &path]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(
        report.starts_with(&format!("{path}:{line}:8: unknown variant `obsrvation`")),
        "{report}"
    );
    assert!(stderr(&output).contains("1 problem(s) in 1 of 1 file(s)"));
}

#[test]
fn lint_of_a_missing_file_is_exit_1() {
    let output = qorgau(&["protocol", "lint", "/no/such/file.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("cannot read the file"));
}

#[test]
fn score_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "a.toml",
        "[answers]\nage_group = \"adult\"\nprivate_ok = \"no\"\nfl_docs_held = \"yes\"\n",
    );
    let result = json(&qorgau(&[
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        &answers,
        "--format",
        "json",
    ]));
    for key in [
        "band",
        "domains",
        "fired",
        "red_flags",
        "rule",
        "missing",
        "ignored",
    ] {
        assert!(result.get(key).is_some(), "result has no `{key}`");
    }
    assert_eq!(result["fired"], serde_json::json!(["fl_docs_held"]));
    assert!(result["domains"]["exploitation"].is_string());
}

#[test]
fn score_prints_result_and_next_steps() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "a.toml",
        "[answers]\nage_group = \"adult\"\nprivate_ok = \"yes\"\nrf_cannot_leave = \"yes\"\n",
    );
    let output = qorgau(&[
        "--lang",
        "en",
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        &answers,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("IMMEDIATE DANGER"), "{text}");
    assert!(text.contains("102"), "{text}");
    assert!(text.contains("not itself been tested"), "{text}");
}

#[test]
fn bad_answers_are_exit_1_with_a_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(dir.path(), "a.toml", "[answers]\nage_group = \"teen\"\n");
    let output = qorgau(&[
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        &answers,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "{answers}:2:13: `teen` is not an option of `age_group`"
        )),
        "{message}"
    );
    assert!(stdout(&output).is_empty());

    let unknown = write(
        dir.path(),
        "b.toml",
        "[answers]\nnot_a_question = \"yes\"\n",
    );
    let output = qorgau(&[
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        &unknown,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&format!(
        "{unknown}:2:1: `not_a_question` is not a question"
    )));

    let not_toml = write(dir.path(), "c.toml", "answers = [\n");
    let output = qorgau(&[
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        &not_toml,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&not_toml));

    let output = qorgau(&[
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        "/no/such.toml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read the answers file"));
}

#[test]
fn hidden_answers_are_reported_as_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "a.toml",
        "[answers]\nage_group = \"adult\"\nprivate_ok = \"no\"\nrf_cannot_leave = \"yes\"\n",
    );
    let result = json(&qorgau(&[
        "protocol",
        "score",
        "border-checkpoint@1.0.0",
        "--answers",
        &answers,
        "--format",
        "json",
    ]));
    assert_eq!(result["ignored"], serde_json::json!(["rf_cannot_leave"]));
    assert_ne!(result["band"], "immediate_danger");
}

#[test]
fn user_protocols_add_versions_but_never_shadow_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let source = fs::read_to_string("questionnaires/patronage-home-visit/1.0.0.toml").unwrap();
    write(dir.path(), "patronage-home-visit/1.0.0.toml", &source);
    let folder = dir.path().display().to_string();
    // The clashing file is reported and skipped; the rest still works.
    let output = qorgau(&["--protocols", &folder, "protocols"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("which qorgau already ships"),
        "{}",
        stderr(&output)
    );

    fs::remove_file(dir.path().join("patronage-home-visit/1.0.0.toml")).unwrap();
    let newer = source.replacen("version = \"1.0.0\"", "version = \"1.1.0\"", 1);
    write(dir.path(), "patronage-home-visit/1.1.0.toml", &newer);
    let list = json(&qorgau(&[
        "--protocols",
        &folder,
        "protocols",
        "--all",
        "--format",
        "json",
    ]));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "patronage-home-visit" && r["version"] == "1.1.0"));
    let latest = json(&qorgau(&[
        "--protocols",
        &folder,
        "protocol",
        "show",
        "patronage-home-visit",
        "--format",
        "json",
    ]));
    let newest_shipped = qorgau::protocol::Catalog::shipped()
        .unwrap()
        .find("patronage-home-visit")
        .unwrap()
        .protocol
        .version
        .to_string();
    // Security review F8: a local, unsigned version never outranks the
    // shipped ones unless asked for by ID@VERSION.
    assert_eq!(
        latest["version"],
        newest_shipped.as_str(),
        "the newest shipped version"
    );
    let local = json(&qorgau(&[
        "--protocols",
        &folder,
        "protocol",
        "show",
        "patronage-home-visit@1.1.0",
        "--format",
        "json",
    ]));
    assert_eq!(local["version"], "1.1.0");
    let old = json(&qorgau(&[
        "--protocols",
        &folder,
        "protocol",
        "show",
        "patronage-home-visit@1.0.0",
        "--format",
        "json",
    ]));
    assert_eq!(old["version"], "1.0.0");
}

#[test]
fn a_broken_user_protocol_is_reported_located_and_skipped() {
    // Reliability review P9: one bad file in --protocols DIR used to stop
    // every command; now it is reported with its location and skipped.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "x/1.0.0.toml",
        "schema_version = 1\nid = \"x\"\n",
    );
    let output = qorgau(&[
        "--protocols",
        &dir.path().display().to_string(),
        "protocols",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1.0.0.toml:1:1: missing field"),
        "{}",
        stderr(&output)
    );
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        4,
        "the shipped ones still load"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_huge_file_in_the_protocols_folder_is_skipped_not_waited_for() {
    // Reliability review P10, P11: a FIFO named *.toml hung every command;
    // a huge file was read whole into memory.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let big = fs::File::create(dir.path().join("big.toml")).unwrap();
    big.set_len(1 << 30).unwrap(); // sparse: 1 GiB of nothing on disk
    let started = std::time::Instant::now();
    let output = qorgau(&[
        "--protocols",
        &dir.path().display().to_string(),
        "protocols",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let message = stderr(&output);
    assert!(
        message.contains("pipe.toml") && message.contains("not a regular file"),
        "{message}"
    );
    assert!(
        message.contains("big.toml") && message.contains("larger than"),
        "{message}"
    );
}

#[test]
fn usage_errors_are_exit_2() {
    assert_eq!(qorgau(&["protocol", "lint"]).status.code(), Some(2));
    assert_eq!(
        qorgau(&["--lang", "de", "protocols"]).status.code(),
        Some(2)
    );
    assert_eq!(qorgau(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .args(["protocol", "show", "border-checkpoint"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"));
}
