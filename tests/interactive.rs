//! The interactive walk, driven through a pseudo-terminal as a worker would:
//! a full walk in Kazakh, back changing a skip-logic branch, the red-flag
//! interrupt, a kill and a resume, the safety gate's observation-only path,
//! and Ctrl-C / quick exit keeping the draft.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod common;

use std::process::Command;
use std::time::Duration;

use common::env::Env;
use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::{Eof, Expect, Regex, Session};
use qorgau::crypto::{Passphrase, Role};
use qorgau::datadir::DataDir;
use qorgau::i18n::Messages;
use qorgau::lang::Lang;
use qorgau::protocol::Catalog;
use qorgau::record::Consent;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

type Pty = expectrl::session::OsSession;

/// Type a key as a person would: after the prompt is up, not in the same
/// instant it is drawn (keys typed before a list starts reading may be lost).
fn press(session: &mut Pty, key: &str) {
    std::thread::sleep(Duration::from_millis(120));
    session.send(key).unwrap();
}

fn pty(env: &Env, args: &[&str]) -> Pty {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qorgau"));
    command
        .args(args)
        .env("QORGAU_HOME", env.device_dir())
        .env("QORGAU_PASSPHRASE_FILE", env.root.join("device-pass"))
        .env("TERM", "xterm-256color")
        .env_remove("QORGAU_LANG");
    let mut session = Session::spawn(command).unwrap();
    session.get_process_mut().set_window_size(100, 50).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session
}

/// Wait for `text` on screen; return everything shown up to it.
fn expect(session: &mut Pty, text: &str) -> String {
    match session.expect(text) {
        Ok(found) => String::from_utf8_lossy(found.before()).into_owned() + text,
        Err(e) => {
            session.set_expect_timeout(Some(Duration::from_millis(500)));
            let pending = session
                .expect(Regex("(?s).+"))
                .map(|f| String::from_utf8_lossy(f.get(0).unwrap_or_default()).into_owned())
                .unwrap_or_default();
            panic!("`{text}` did not appear ({e}); the screen then showed: {pending:?}")
        }
    }
}

fn text(protocol: &str, question: &str, lang: Lang) -> String {
    let catalog = Catalog::shipped().unwrap();
    let p = &catalog.find(protocol).unwrap().protocol;
    let (_, q) = p.question_by_id(question).unwrap();
    q.text.exact(lang).unwrap().to_owned()
}

/// The first line of a text, which is what a narrow screen shows unbroken.
fn start_of(text: &str) -> String {
    text.chars().take(30).collect()
}

fn hub_keys(env: &Env) -> qorgau::crypto::SecretKeys {
    let dir = DataDir::resolve(Some(env.root.join("hub"))).unwrap();
    qorgau::setup::unlock(
        &dir,
        Role::Hub,
        &Passphrase::new(common::env::HUB_PASSPHRASE),
    )
    .unwrap()
}

/// Every prompt starts with its question in bold (inputs' own "›" aside):
/// one match per prompt, so no key is sent twice.
const PROMPT: &str = "\x1b\\[1m[^›\x1b]";

/// Press Enter at every list and input until the program ends; return the screen text.
fn enter_until_end(session: &mut Pty) -> String {
    let mut shown = String::new();
    for _ in 0..200 {
        match session.expect(Regex(PROMPT)) {
            Ok(found) => {
                shown.push_str(&String::from_utf8_lossy(found.before()));
                press(session, ENTER);
            }
            Err(e) => {
                eprintln!(
                    "enter_until_end stopped: {e}; last shown: {}",
                    shown
                        .chars()
                        .rev()
                        .take(400)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect::<String>()
                );
                break;
            }
        }
    }
    if let Ok(rest) = session.expect(Eof) {
        shown.push_str(&String::from_utf8_lossy(rest.before()));
    }
    shown
}

#[test]
fn a_full_walk_in_kazakh_ends_with_a_result_and_a_sealed_record() {
    let env = Env::new();
    let mut session = pty(
        &env,
        &["--lang", "kk", "screen", "patronage-home-visit@1.0.0"],
    );
    let shown = enter_until_end(&mut session);
    let kk = Messages::new(Lang::Kk);
    // "Yes" everywhere fires red flags: the band is immediate danger, in Kazakh.
    assert!(shown.contains(&kk.get("band-immediate_danger")), "{shown}");
    assert!(shown.contains(&kk.get("red-flag-title")), "{shown}");
    assert!(shown.contains(&kk.get("review-title")), "{shown}");
    assert!(shown.contains("11616"), "{shown}");
    assert!(shown.contains("-сұрақ, барлығы"), "{shown}");
    let records = env.store().records().unwrap();
    assert_eq!(records.len(), 1);
    assert!(env.store().drafts().unwrap().is_empty());
    let record = records[0]
        .sealed
        .as_ref()
        .unwrap()
        .open(&hub_keys(&env).identity)
        .unwrap();
    assert_eq!(record.lang, Lang::Kk);
    assert!(
        record.referral.is_some(),
        "a referral is recorded after a concern"
    );
}

#[test]
fn back_changes_a_skip_logic_branch() {
    let env = Env::new();
    let mut session = pty(
        &env,
        &["--lang", "en", "screen", "patronage-home-visit@1.0.0"],
    );
    expect(
        &mut session,
        &start_of(&text("patronage-home-visit@1.0.0", "baby_born", Lang::En)),
    );
    press(&mut session, ENTER); // yes
    expect(
        &mut session,
        &start_of(&text(
            "patronage-home-visit@1.0.0",
            "safe_to_talk",
            Lang::En,
        )),
    );
    press(&mut session, DOWN);
    press(&mut session, ENTER); // no: not safe to talk
    expect(&mut session, "It is not safe to talk now");
    let closed = expect(&mut session, "Question 3 of ");
    let _ = closed;
    expect(&mut session, "11");
    // Back: yes / not observed / could not see / skip / back.
    for _ in 0..4 {
        press(&mut session, DOWN);
    }
    press(&mut session, ENTER);
    expect(
        &mut session,
        &start_of(&text(
            "patronage-home-visit@1.0.0",
            "safe_to_talk",
            Lang::En,
        )),
    );
    press(&mut session, UP); // from the earlier "no" to "yes"
    press(&mut session, ENTER);
    // The branch opened: consent is asked, and the walk is longer now.
    expect(&mut session, "What has the person agreed to?");
    press(&mut session, ENTER);
    expect(&mut session, "Question 3 of 27");
    press(&mut session, "q"); // quick exit
    session.expect(Eof).unwrap();
    assert_eq!(
        session.get_process().wait().unwrap(),
        WaitStatus::Exited(session.get_process().pid(), 0)
    );
    assert_eq!(
        env.store().drafts().unwrap().len(),
        1,
        "the quick exit keeps the draft"
    );
}

#[test]
fn a_red_flag_interrupts_with_safety_steps_and_numbers() {
    let env = Env::new();
    let mut session = pty(
        &env,
        &["--lang", "en", "screen", "patronage-home-visit@1.0.0"],
    );
    let mut shown = String::new();
    for _ in 0..20 {
        let found = session.expect(Regex(PROMPT)).unwrap();
        shown.push_str(&String::from_utf8_lossy(found.before()));
        if shown.contains("IMMEDIATE DANGER") {
            break;
        }
        press(&mut session, ENTER);
    }
    // The interrupt shows the safety steps and the numbers at once.
    assert!(shown.contains("102"), "{shown}");
    assert!(shown.contains("Do not confront"), "{shown}");
    expect(&mut session, "Continue the screening");
    press(&mut session, DOWN);
    press(&mut session, ENTER); // stop now and save
    expect(&mut session, "To continue: qorgau resume");
    session.expect(Eof).unwrap();
    assert_eq!(env.store().drafts().unwrap().len(), 1);
}

#[test]
fn after_a_kill_resume_shows_the_fourth_question() {
    let env = Env::new();
    let mut session = pty(
        &env,
        &["--lang", "en", "screen", "patronage-home-visit@1.0.0"],
    );
    expect(&mut session, "Question 1 of");
    press(&mut session, ENTER); // 1: the baby is born
    expect(&mut session, "Question 2 of");
    press(&mut session, ENTER); // 2: safe to talk
    expect(&mut session, "What has the person agreed to?");
    press(&mut session, ENTER); // consent
    expect(&mut session, "Question 3 of");
    press(&mut session, DOWN);
    press(&mut session, ENTER); // 3: not observed
    expect(&mut session, "Question 4 of");
    let fourth = start_of(&text(
        "patronage-home-visit@1.0.0",
        "obs_not_left_alone",
        Lang::En,
    ));
    expect(&mut session, &fourth);
    session.get_process_mut().kill(Signal::SIGKILL).unwrap();
    let _ = session.get_process().wait();

    let mut resumed = pty(&env, &["--lang", "en", "resume"]);
    expect(&mut resumed, "Question 4 of");
    expect(&mut resumed, &fourth);
    // Up from the first item wraps to the last: stop, help, back.
    press(&mut resumed, UP);
    press(&mut resumed, UP);
    press(&mut resumed, UP);
    press(&mut resumed, ENTER);
    let previous = expect(&mut resumed, "Question 3 of");
    let _ = previous;
    expect(&mut resumed, "Answered before: Not observed");
    press(&mut resumed, "q");
    resumed.expect(Eof).unwrap();
}

#[test]
fn when_it_is_not_safe_only_observation_is_asked_and_consent_is_anonymous() {
    let env = Env::new();
    let mut session = pty(
        &env,
        &["--lang", "en", "screen", "patronage-home-visit@1.0.0"],
    );
    press(&mut session, ENTER); // the baby is born
    expect(
        &mut session,
        &start_of(&text(
            "patronage-home-visit@1.0.0",
            "safe_to_talk",
            Lang::En,
        )),
    );
    press(&mut session, DOWN);
    press(&mut session, ENTER); // not safe
    expect(&mut session, "It is not safe to talk now");
    let shown = enter_until_end(&mut session);
    for asked in ["family_found", "money_promised", "papers_kept"] {
        if let Some((_, q)) = Catalog::shipped()
            .unwrap()
            .find("patronage-home-visit@1.0.0")
            .unwrap()
            .protocol
            .question_by_id(asked)
        {
            assert!(
                !shown.contains(&start_of(q.text.exact(Lang::En).unwrap())),
                "{asked} was asked"
            );
        }
    }
    assert!(!shown.contains("What has the person agreed to?"));
    let records = env.store().records().unwrap();
    assert_eq!(records.len(), 1);
    let record = records[0]
        .sealed
        .as_ref()
        .unwrap()
        .open(&hub_keys(&env).identity)
        .unwrap();
    assert_eq!(record.consent, Consent::Anonymous);
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("patronage-home-visit@1.0.0").unwrap().protocol;
    for id in record.answers.keys() {
        let (_, q) = protocol.question_by_id(id).unwrap();
        let section = &protocol.sections[q.section];
        assert!(
            section.show_if_source.is_none(),
            "{id} is behind the gate but was recorded"
        );
    }
}

#[test]
fn ctrl_c_clears_the_screen_and_keeps_the_draft() {
    let env = Env::new();
    let mut session = pty(&env, &["--lang", "en", "screen", "school-safety@1.0.0"]);
    press(&mut session, ENTER);
    expect(&mut session, "Question 2 of");
    press(&mut session, "\x03");
    let mut tail = String::new();
    while let Ok(found) = session.expect(Regex("(?s).+")) {
        tail.push_str(&String::from_utf8_lossy(found.get(0).unwrap_or_default()));
    }
    let status = session.get_process().wait().unwrap();
    assert_eq!(
        status,
        WaitStatus::Exited(session.get_process().pid(), 130),
        "{tail:?}"
    );
    assert!(tail.contains("\x1b[2J"), "the screen is cleared: {tail:?}");
    let drafts = env.store().drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    let listed = env.ok(&["drafts", "--format", "json"]);
    assert!(listed.contains("\"answered\": 1"), "{listed}");
}
