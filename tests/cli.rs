//! The `qorgau` binary: outputs, JSON shapes, exit codes, located errors.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn qorgau(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
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
    let shipped = qorgau::catalog::Catalog::shipped().unwrap();
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
    // One clear message, then what to do (issue 15: the binary's hint).
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 2, "one message and one hint: {message}");
    assert!(lines[0].starts_with("ошибка: no protocol"), "{message}");
    assert!(
        lines[1].starts_with("подсказка: ") && lines[1].contains("qorgau protocols"),
        "{message}"
    );
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
    assert!(
        files >= 10,
        "four protocols in two versions and two directories"
    );
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
    assert!(
        stderr(&output).contains("1 ошибка (файлов с ошибками: 1 из 1)"),
        "{}",
        stderr(&output)
    );
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
    assert!(
        stderr(&output).contains("/no/such.toml"),
        "{}",
        stderr(&output)
    );
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
    let newest_shipped = qorgau::catalog::Catalog::shipped()
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
        .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
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

/// Issue 15: the exit code follows the kind of error (`src/error.rs`):
/// bad input 1, a command line that cannot work 2, and the advice that
/// names flags and commands comes from the binary, as a localized hint.
#[test]
fn the_exit_code_follows_the_kind_of_error() {
    // Two options that cannot go together: a usage error, as clap's own.
    let output = qorgau(&[
        "--lang",
        "en",
        "hub",
        "export-csv",
        "--out",
        "never-written.csv",
        "--deidentified",
        "--include-free-text",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: A de-identified export leaves free text out"),
        "{message}"
    );
    assert!(
        message.contains("\nhint: Leave out --include-free-text, or --deidentified."),
        "{message}"
    );
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("never-written.csv")
        .exists());

    // A name that is not there: the user's to fix, exit 1, with the hint in
    // the chosen language.
    for (lang, hint) in [
        ("en", "hint: qorgau protocols lists the protocols."),
        (
            "ru",
            "подсказка: Список протоколов покажет qorgau protocols.",
        ),
        (
            "kk",
            "кеңес: Хаттамалар тізімін qorgau protocols көрсетеді.",
        ),
    ] {
        let output = qorgau(&["--lang", lang, "protocol", "show", "no-such-protocol"]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains("no-such-protocol"), "{message}");
        assert!(message.ends_with(&format!("{hint}\n")), "{message}");
    }
}

/// `qorgau protocols | head -c1`: the reader goes away after one byte; the
/// rest of the output is dropped quietly, exit 0, no error and no panic.
#[test]
fn a_reader_that_goes_away_is_no_error() {
    let script = "set -o pipefail; \"$0\" --lang en protocols --all | head -c1 >/dev/null";
    let output = Command::new("bash")
        .args(["-c", script, env!("CARGO_BIN_EXE_qorgau")])
        .env_remove("QORGAU_HOME")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    // The same with the pipe closed before the first write, so that the
    // write certainly fails with a broken pipe.
    for args in [
        &["--lang", "en", "protocols", "--all"][..],
        &["--lang", "en", "protocols", "--format", "json"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = Command::new(env!("CARGO_BIN_EXE_qorgau"))
            .args(args)
            .env_remove("QORGAU_HOME")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

mod common;

use common::env::Env;

fn in_lang(env: &Env, lang: Option<&str>, args: &[&str]) -> Output {
    let mut command = env.command(args);
    command.env_remove("QORGAU_LANG");
    if let Some(lang) = lang {
        command.env("QORGAU_LANG", lang);
    }
    command.output().unwrap()
}

/// Start a draft through the library, with `answered` answers given.
fn draft(env: &Env, protocol: &str, answers: &[(&str, &str)]) -> String {
    use qorgau::engine::{AnswerInput, Step};
    let dir = qorgau::datadir::DataDir::resolve(Some(env.device_dir())).unwrap();
    let setup = qorgau::setup::load_device(&dir).unwrap();
    let catalog = qorgau::catalog::Catalog::shipped().unwrap();
    let protocol = &catalog.find(protocol).unwrap().protocol;
    let mut store = env.store();
    let now = "2026-12-01T10:00:00Z";
    let mut screening = qorgau::screening::Screening::start(
        &mut store,
        &setup,
        protocol,
        qorgau::lang::Lang::En,
        now.parse().unwrap(),
    )
    .unwrap();
    for (id, value) in answers {
        let (_, q) = screening.session().current().unwrap();
        assert_eq!(q.id, *id);
        screening
            .step(
                &mut store,
                Step::Answer(AnswerInput::Text((*value).into())),
                now.parse().unwrap(),
            )
            .unwrap();
    }
    screening.draft_id().to_string()
}

#[test]
fn help_is_in_the_chosen_language_for_every_command() {
    let kk = qorgau(&["--lang", "kk", "screen", "--help"]);
    assert!(kk.status.success());
    let text = stdout(&kk);
    let messages = qorgau::i18n::Messages::new(qorgau::lang::Lang::Kk);
    assert!(text.contains(&messages.get("help-screen")), "{text}");
    assert!(
        text.contains(&messages.get("help-screen--answers")),
        "{text}"
    );
    assert!(text.contains(&messages.get("help-heading-usage")), "{text}");
    for english in ["Options:", "Usage:", "Print help", "Take the answers"] {
        assert!(!text.contains(english), "English `{english}` in:\n{text}");
    }
    let ru = stdout(&qorgau(&["--lang", "ru", "hub", "report", "--help"]));
    assert!(ru.contains("Параметры"), "{ru}");
    assert!(
        ru.contains("`protocol`, `band`, `domain`"),
        "the allowed values: {ru}"
    );
    // No command at all: the help, in the language, and exit 2.
    let bare = qorgau(&["--lang", "kk"]);
    assert_eq!(bare.status.code(), Some(2));
    let shown = stdout(&bare) + &stderr(&bare);
    assert!(shown.contains(&messages.get("help-qorgau")), "{shown}");
}

#[test]
fn usage_errors_are_in_the_chosen_language() {
    let output = qorgau(&["--lang", "ru", "protocols", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with("ошибка: «xml»"), "{message}");
    let output = qorgau(&["--lang", "de", "protocols"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`ru`, `kk`"),
        "{}",
        stderr(&output)
    );
    // The country code and capitals are understood.
    assert!(qorgau(&["--lang", "KZ", "protocols"]).status.success());
}

#[test]
fn a_narrow_terminal_gets_a_list_that_keeps_ids_whole() {
    let output = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
        .args(["--lang", "ru", "protocols"])
        .env("COLUMNS", "50")
        .env_remove("QORGAU_LANG")
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(!text.contains('│'), "a list at 50 columns:\n{text}");
    for id in [
        "border-checkpoint",
        "medical-rapid-response",
        "patronage-home-visit",
        "school-safety",
    ] {
        assert!(text.lines().any(|l| l.trim() == id), "{id} whole:\n{text}");
    }
    assert!(text.lines().all(|l| l.chars().count() <= 50), "{text}");
    assert!(text.contains("пограничники"), "audiences in words: {text}");
    let wide = Command::new(env!("CARGO_BIN_EXE_qorgau"))
        .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
        .args(["--lang", "ru", "protocols"])
        .env("COLUMNS", "120")
        .output()
        .unwrap();
    let text = stdout(&wide);
    assert!(text.contains("medical-rapid-response"), "{text}");
    assert!(text.contains('│'), "a table at 120 columns:\n{text}");
}

#[test]
fn the_language_chosen_once_is_kept() {
    let env = Env::new();
    let out = in_lang(&env, None, &["config", "lang", "kk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("қазақша"), "{}", stdout(&out));
    let drafts = in_lang(&env, None, &["drafts"]);
    assert_eq!(stdout(&drafts).trim(), "Аяқталмаған скрининг жоқ.");
    // --lang still wins for one command.
    let drafts = in_lang(&env, None, &["--lang", "en", "drafts"]);
    assert_eq!(stdout(&drafts).trim(), "No unfinished screenings.");
}

#[test]
fn init_with_lang_keeps_it() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    common::env::write_secret(&root.join("pass"), common::env::DEVICE_PASSPHRASE);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_qorgau"))
            .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
            .args(args)
            .current_dir(root)
            .env("QORGAU_PASSPHRASE_FILE", root.join("pass"))
            .env_remove("QORGAU_LANG")
            .env_remove("QORGAU_HOME")
            .output()
            .unwrap()
    };
    assert!(run(&["--data-dir", "hub", "hub", "init"]).status.success());
    let init = run(&[
        "--data-dir",
        "dev",
        "--lang",
        "kk",
        "init",
        "--hub",
        "hub/hub-card.toml",
    ]);
    assert!(init.status.success(), "{}", stderr(&init));
    let drafts = run(&["--data-dir", "dev", "drafts"]);
    assert_eq!(stdout(&drafts).trim(), "Аяқталмаған скрининг жоқ.");
}

#[test]
fn drafts_have_short_ids_any_unambiguous_start_works_and_danger_comes_first() {
    let env = Env::new();
    let quiet = draft(&env, "patronage-home-visit@1.0.0", &[("baby_born", "yes")]);
    let flagged = draft(
        &env,
        "patronage-home-visit@1.0.0",
        &[
            ("baby_born", "yes"),
            ("safe_to_talk", "no"),
            ("obs_companion_answers", "no"),
            ("obs_not_left_alone", "no"),
            ("obs_locked_in", "yes"),
        ],
    );
    for id in [&quiet, &flagged] {
        assert_eq!(id.len(), 7, "{id}");
        assert_eq!(id.as_bytes()[3], b'-', "{id}");
    }
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["drafts", "--format", "json"])).unwrap();
    assert_eq!(listed[0]["id"], flagged.as_str(), "danger flags first");
    assert_eq!(listed[0]["red_flag"], true);
    assert_eq!(listed[1]["red_flag"], false);
    let table = env.ok(&["drafts"]);
    assert!(table.contains("(!)"), "{table}");
    // No plaintext flag: the drafts table holds ids, protocol and times only.
    common::env::assert_no_plaintext(&env.device_dir(), &["red_flag", "obs_locked_in"]);

    // With several drafts, an answers file never picks one by itself.
    let answers = env.answers("a.toml", "[answers]\n");
    let message = env.fails(&["resume", "--answers", &answers]);
    assert!(
        message.contains(&quiet) && message.contains(&flagged),
        "{message}"
    );

    // Any unambiguous start, in any case, without the hyphen.
    let start: String = quiet
        .replace('-', "")
        .to_lowercase()
        .chars()
        .take(4)
        .collect();
    let other: String = flagged
        .replace('-', "")
        .to_lowercase()
        .chars()
        .take(4)
        .collect();
    if start != other {
        let out = env.ok(&["discard", &start]);
        assert!(out.contains(&quiet), "{out}");
    } else {
        env.ok(&["discard", &quiet]);
    }
    let message = env.fails(&["discard", "ZZZZZZZZ"]);
    assert!(message.contains("ZZZZZZZZ"), "{message}");
    // One draft left: resume takes it without asking.
    let answers = env.answers(
        "b.toml",
        "[answers]\nobs_injuries = \"no\"\nobs_mother_minor = \"no\"\n",
    );
    let out = env.ok(&["resume", "--answers", &answers]);
    assert!(out.contains("\nrecord "), "{out}");
}

#[test]
fn record_show_takes_the_case_code_and_export_counts_unfinished_drafts() {
    let env = Env::new();
    let answers = env.answers(
        "a.toml",
        "[answers]\nage_group = \"adult\"\nprivate_ok = \"no\"\nfl_docs_held = \"yes\"\n",
    );
    env.ok(&["screen", "border-checkpoint@1.0.0", "--answers", &answers]);
    let records: serde_json::Value =
        serde_json::from_str(&env.ok(&["records", "--format", "json"])).unwrap();
    let code = records[0]["summary"]["case_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = env.ok(&["record", "show", &code.to_lowercase()]);
    assert!(shown.contains(&code), "{shown}");
    let message = env.fails(&["record", "show", "AAA-AAA"]);
    assert!(message.contains("AAA-AAA"), "{message}");

    draft(
        &env,
        "patronage-home-visit@1.0.0",
        &[
            ("baby_born", "yes"),
            ("safe_to_talk", "no"),
            ("obs_companion_answers", "no"),
            ("obs_not_left_alone", "no"),
            ("obs_locked_in", "yes"),
        ],
    );
    let bundle = env.root.join("week.qgb").display().to_string();
    let out = env.ok(&["export", "--out", &bundle, "--yes"]);
    assert!(
        out.contains("1 screening is unfinished") && out.contains("danger flag"),
        "{out}"
    );
}

#[test]
fn hub_records_are_newest_first_filtered_and_limited() {
    let env = Env::new();
    let hub = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_qorgau"))
            .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
            .args([
                "--data-dir",
                &env.path("hub"),
                "--passphrase-file",
                &env.path("hub-pass"),
            ])
            .args(args)
            .env("QORGAU_LANG", "en")
            .env_remove("QORGAU_HOME")
            .env_remove("QORGAU_PASSPHRASE_FILE")
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        stdout(&output)
    };
    let card = env
        .device_dir()
        .join("device-card.toml")
        .display()
        .to_string();
    hub(&["hub", "enroll", &card]);
    env.ok(&["dev", "synth", "--records", "30"]);
    let bundle = env.path("b.qgb");
    env.ok(&["export", "--out", &bundle, "--yes"]);
    hub(&["hub", "import", &bundle]);
    let all: serde_json::Value =
        serde_json::from_str(&hub(&["hub", "records", "--format", "json"])).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 30);
    let newest: serde_json::Value = serde_json::from_str(&hub(&[
        "hub", "records", "--format", "json", "--limit", "5",
    ]))
    .unwrap();
    let times: Vec<&str> = newest
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["finished_at"].as_str().unwrap())
        .collect();
    assert_eq!(times.len(), 5);
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    let band = all[0]["band"].as_str().unwrap().to_owned();
    let same: serde_json::Value = serde_json::from_str(&hub(&[
        "hub", "records", "--format", "json", "--band", &band,
    ]))
    .unwrap();
    assert!(same
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["band"] == band.as_str()));
    let table = hub(&["hub", "records", "--limit", "5"]);
    assert!(table.contains("and 25 more"), "{table}");
}

#[test]
fn screen_takes_an_unambiguous_start_of_an_id_and_without_one_names_them() {
    let env = Env::new();
    let answers = env.answers("a.toml", "[answers]\n");
    let out = env.ok(&["screen", "patronage", "--answers", &answers]);
    assert!(out.contains("\nrecord "), "{out}");
    let message = env.fails(&["screen", "--answers", &answers]);
    assert!(
        message.contains("school-safety") && message.contains("border-checkpoint"),
        "{message}"
    );
    // Nothing to purge is said as such, not as "0 records removed".
    let purged = env.ok(&["purge"]);
    assert!(purged.starts_with("Nothing to remove yet"), "{purged}");
}

/// Errors the commands find themselves (not the library) are in the
/// worker's language too, and the English text does not leak through.
#[test]
fn errors_the_commands_find_are_in_the_chosen_language() {
    use qorgau::i18n::{Arg, Messages};
    use qorgau::lang::Lang;
    let env = Env::new();
    let hub = env.path("hub");
    let hub_pass = env.path("hub-pass");
    let missing = env.path("no-such.toml");
    let receipts = env.path("no-such-folder");
    let bundle = env.path("any.qgb");
    let device = env.device_dir().display().to_string();
    for (lang, code) in [(Lang::Ru, "ru"), (Lang::Kk, "kk")] {
        let m = Messages::new(lang);
        let cases: Vec<(Vec<&str>, String)> = vec![
            (
                vec!["init", "--hub", "x.toml"],
                m.format("error-device-exists", &[("path", Arg::Str(&device))]),
            ),
            (
                vec!["--data-dir", &hub, "hub", "init", "--name", "Again"],
                m.format("error-hub-exists", &[("path", Arg::Str(&hub))]),
            ),
            (
                vec!["hub", "records"],
                m.format("error-no-hub", &[("path", Arg::Str(&device))]),
            ),
            (
                vec![
                    "--data-dir",
                    &hub,
                    "--passphrase-file",
                    &hub_pass,
                    "hub",
                    "revoke",
                    "nobody",
                ],
                m.format("error-no-device", &[("id", Arg::Str("nobody"))]),
            ),
            (
                vec![
                    "--data-dir",
                    &hub,
                    "--passphrase-file",
                    &hub_pass,
                    "hub",
                    "record",
                    "show",
                    "00000000-0000-4000-8000-000000000000",
                ],
                m.format(
                    "err-hub-not-found",
                    &[("value", Arg::Str("00000000-0000-4000-8000-000000000000"))],
                ),
            ),
            (
                vec![
                    "--data-dir",
                    &hub,
                    "hub",
                    "import",
                    &bundle,
                    "--receipt-dir",
                    &receipts,
                ],
                m.format("error-no-receipt-dir", &[("path", Arg::Str(&receipts))]),
            ),
            (
                vec![
                    "protocol",
                    "score",
                    "border-checkpoint@1.0.0",
                    "--answers",
                    &missing,
                ],
                // The message up to the system's own reason, which stays
                // in the system's language.
                m.format(
                    "err-cannot-read",
                    &[("path", Arg::Str(&missing)), ("error", Arg::Str("\u{1}"))],
                )
                .split('\u{1}')
                .next()
                .unwrap_or_default()
                .trim_end_matches(['(', '\u{2068}'])
                .to_owned(),
            ),
        ];
        for (args, expected) in cases {
            let output = in_lang(&env, Some(code), &args);
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            let text = String::from_utf8_lossy(&output.stderr);
            assert!(
                text.contains(expected.trim()),
                "{args:?} in {code}: expected {expected:?}, got:\n{text}"
            );
            for english in [
                "already set up",
                "no hub",
                "does not exist",
                "cannot read",
                "at this hub",
            ] {
                assert!(!text.contains(english), "{args:?} in {code}: {text}");
            }
        }
        // A bundle refused at import says why in the coordinator's language.
        let garbage = env.path("garbage.qgb");
        fs::write(&garbage, [0x5a_u8; 3000]).unwrap();
        let args = [
            "--data-dir",
            &hub,
            "--passphrase-file",
            &hub_pass,
            "hub",
            "import",
            &garbage,
        ];
        let output = in_lang(&env, Some(code), &args);
        assert_eq!(output.status.code(), Some(1));
        let text = String::from_utf8_lossy(&output.stdout);
        let reason = m.format("err-import-not-a-bundle", &[("error", Arg::Str("\u{1}"))]);
        let reason = reason
            .split('\u{1}')
            .next()
            .unwrap_or_default()
            .trim_end_matches('\u{2068}');
        assert!(
            text.contains(reason),
            "{code}: expected {reason:?} in:\n{text}"
        );
        assert!(!text.contains("not a Qorgau bundle"), "{code}: {text}");
    }
}

/// A draft that does not open says so in the worker's language (it was
/// English in every language): here its payload is sealed to another key.
#[test]
fn a_draft_that_cannot_be_opened_is_said_in_the_workers_language() {
    use qorgau::i18n::{Arg, Messages};
    use qorgau::lang::Lang;
    let env = Env::new();
    let id = draft(&env, "patronage-home-visit@1.0.0", &[("baby_born", "yes")]);
    let other = age::x25519::Identity::generate().to_public();
    let foreign = age::encrypt(&other, b"{}").unwrap();
    env.store()
        .connection()
        .execute("UPDATE drafts SET payload = ?1", [&foreign])
        .unwrap();
    let answers = env.answers("a.toml", "[answers]\n");
    for (lang, code) in [(Lang::Ru, "ru"), (Lang::Kk, "kk")] {
        let output = in_lang(&env, Some(code), &["resume", &id, "--answers", &answers]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        let said = Messages::new(lang).format(
            "err-draft-open",
            &[("draft", Arg::Str(&id)), ("detail", Arg::Str("\u{1}"))],
        );
        let said = said
            .split('\u{1}')
            .next()
            .unwrap()
            .trim_end_matches(['(', '\u{2068}']);
        assert!(
            stderr.contains(said),
            "{code}: expected {said:?} in:\n{stderr}"
        );
        assert!(!stderr.contains("cannot be opened"), "{code}: {stderr}");
    }
}
