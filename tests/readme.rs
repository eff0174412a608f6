//! The README's "A week in the field", run line by line as written, in a
//! temporary folder: the coordinator's and the nurse's folders, a folder for
//! the USB stick, the screening in a pseudo-terminal. Passphrases come from
//! QORGAU_PASSPHRASE_FILE instead of being typed; `CASE_CODE` is the code
//! the screening ended with.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::term::{walk_to_the_end, Term};
use expectrl::process::unix::WaitStatus;
use qorgau::catalog::Catalog;
use qorgau::lang::Lang;

/// The lines of the README's "A week in the field" block, comments removed.
fn week_in_the_field() -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = readme
        .split("## A week in the field")
        .nth(1)
        .expect("the README has the section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has a sh block");
    block
        .lines()
        .map(|line| match line.find(" #") {
            Some(at) if !line.trim_start().starts_with('#') => line[..at].trim().to_owned(),
            _ if line.trim_start().starts_with('#') => String::new(),
            _ => line.trim().to_owned(),
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// Split a command line as a shell would (words, double quotes).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

fn qorgau(root: &Path, args: &[String]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qorgau"));
    command
        .args(args)
        // Key files made in tests take milliseconds (test-hooks builds only).
        .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
        .current_dir(root)
        .env("HOME", root)
        .env("QORGAU_PASSPHRASE_FILE", root.join("passphrase"))
        .env("TERM", "xterm-256color")
        .env_remove("QORGAU_LANG")
        .env_remove("QORGAU_HOME");
    command
}

#[test]
fn a_week_in_the_field_works_as_written() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    common::env::write_secret(&root.join("passphrase"), common::env::DEVICE_PASSPHRASE);
    let lines = week_in_the_field();
    assert!(lines.len() >= 12, "{lines:?}");
    let mut case_code = None;
    for line in &lines {
        let mut args = words(line);
        let program = args.remove(0);
        match program.as_str() {
            "mkdir" => std::fs::create_dir_all(root.join(&args[0])).unwrap(),
            "cp" => {
                let from = root.join(&args[0]);
                let to = root.join(&args[1]).join(from.file_name().unwrap());
                std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{line}: {e}"));
            }
            "qorgau" if args.contains(&"screen".to_owned()) => {
                let mut term = Term::spawn_command(qorgau(root, &args), 80, 24);
                let catalog = Catalog::shipped().unwrap();
                let protocol = &catalog.find("patronage-home-visit").unwrap().protocol;
                let gate = protocol.questions[protocol.safety_gate.unwrap()]
                    .text
                    .exact(Lang::Kk)
                    .unwrap()
                    .to_owned();
                // The language chosen at init is kept: the walk is in Kazakh.
                walk_to_the_end(&mut term, &gate, Lang::Kk);
                let status = term.wait_exit();
                assert!(
                    matches!(status, WaitStatus::Exited(_, 0)),
                    "{line}: {status:?}"
                );
                let left = term.screen();
                let code = left
                    .split_whitespace()
                    .map(|w| w.trim_end_matches(['.', ',', ';']))
                    .find(|w| w.len() == 7 && w.as_bytes()[3] == b'-')
                    .unwrap_or_else(|| panic!("no case code in {left}"))
                    .to_owned();
                case_code = Some(code);
            }
            // Export shows what it will sign and asks first, as in a terminal.
            "qorgau" if args.contains(&"export".to_owned()) => {
                let mut term = Term::spawn_command(qorgau(root, &args), 80, 24);
                let kk = qorgau::i18n::Messages::new(Lang::Kk);
                term.wait_for(&kk.get("export-confirm"));
                term.send("y");
                let status = term.wait_exit();
                assert!(
                    matches!(status, WaitStatus::Exited(_, 0)),
                    "{line}: {status:?}"
                );
                assert!(
                    term.screen().contains("usb/week48.qgb"),
                    "{}",
                    term.screen()
                );
            }
            "qorgau" => {
                let args: Vec<String> = args
                    .into_iter()
                    .map(|a| match (a.as_str(), &case_code) {
                        ("CASE_CODE", Some(code)) => code.clone(),
                        _ => a,
                    })
                    .collect();
                let output = qorgau(root, &args).output().unwrap();
                let stdout = String::from_utf8_lossy(&output.stdout);
                assert!(
                    output.status.success(),
                    "`{line}` failed:\n{stdout}\n{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                if line.contains("hub record show") {
                    assert!(stdout.contains(case_code.as_deref().unwrap()), "{stdout}");
                }
                if line.contains(" drafts") {
                    // Kazakh, as chosen at init, without --lang.
                    assert!(stdout.contains("скрининг"), "{stdout}");
                }
            }
            other => panic!("the README runs `{other}`, which this test does not know"),
        }
    }
    assert!(
        root.join("usb/week48.receipt").exists(),
        "the receipt is named after the bundle"
    );
    assert!(root.join("report.html").exists());
    let html = std::fs::read_to_string(root.join("report.html")).unwrap();
    assert!(
        html.contains("<html lang=\"ru\">"),
        "the coordinator's language"
    );
}
