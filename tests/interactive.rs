//! The walk in a pseudo-terminal, read back through a terminal emulator
//! (vt100), at 60×20 and 80×24, as a worker would meet it: one question per
//! screen on the alternate screen, nothing preselected, number keys and y/n,
//! back and help, text wrapped at words and re-wrapped on resize, the
//! review's jump, the quick exit on a Cyrillic layout and in a text field,
//! and after any ending nothing of the screening on screen or in scrollback.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod common;

use std::time::Duration;

use common::env::Env;
use expectrl::process::unix::WaitStatus;
use qorgau::catalog::Catalog;
use qorgau::i18n::Messages;
use qorgau::lang::Lang;
use qorgau::record::Consent;

const ENTER: &str = "\r";
const LEFT: &str = "\x1b[D";
const ESC: &str = "\x1b";

use common::term::{squash, walk_to_the_end, Term};

fn text(protocol: &str, question: &str, lang: Lang) -> String {
    let catalog = Catalog::shipped().unwrap();
    let p = &catalog.find(protocol).unwrap().protocol;
    let (_, q) = p.question_by_id(question).unwrap();
    q.text.exact(lang).unwrap().to_owned()
}

fn every_question_text(protocol: &str, lang: Lang) -> Vec<String> {
    let catalog = Catalog::shipped().unwrap();
    let p = &catalog.find(protocol).unwrap().protocol;
    p.questions
        .iter()
        .map(|q| q.text.exact(lang).unwrap().to_owned())
        .collect()
}

fn hub_keys(env: &Env) -> qorgau::crypto::SecretKeys {
    let dir = qorgau::datadir::DataDir::resolve(Some(env.root.join("hub"))).unwrap();
    qorgau::setup::unlock(
        &dir,
        qorgau::crypto::Role::Hub,
        &qorgau::crypto::Passphrase::new(common::env::HUB_PASSPHRASE),
    )
    .unwrap()
}

/// Nothing of the screening is left: no question, in no line kept.
fn assert_nothing_left(term: &mut Term, protocol: &str, lang: Lang) {
    assert!(
        !term.parser.screen().alternate_screen(),
        "back on the normal screen"
    );
    let kept = squash(&term.everything_kept());
    for question in every_question_text(protocol, lang) {
        let start: String = squash(&question).chars().take(25).collect();
        assert!(
            !kept.contains(&start),
            "`{start}` is still in the terminal:\n{kept}"
        );
    }
}

#[test]
fn a_full_walk_in_kazakh_at_60x20_ends_with_only_the_case_code_left() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "kk", "screen", "patronage-home-visit@1.0.0"],
        60,
        20,
    );
    let kk = Messages::new(Lang::Kk);
    let first = term.wait_for(&text("patronage-home-visit@1.0.0", "baby_born", Lang::Kk));
    assert!(
        term.parser.screen().alternate_screen(),
        "the walk is on the alternate screen"
    );
    assert!(first.contains(&kk.get("walk-title-generic")), "{first}");
    assert!(first.contains("1/"), "{first}");
    let screens = walk_to_the_end(
        &mut term,
        &text("patronage-home-visit@1.0.0", "safe_to_talk", Lang::Kk),
        Lang::Kk,
    );
    assert!(screens
        .iter()
        .any(|s| squash(s).contains(&squash(&kk.get("review-finish")))));
    assert_eq!(
        term.wait_exit(),
        WaitStatus::Exited(term.session.get_process().pid(), 0)
    );
    let left = squash(&term.screen());
    assert_nothing_left(&mut term, "patronage-home-visit@1.0.0", Lang::Kk);
    // Every screen fitted: no line longer than the terminal.
    for screen in &screens {
        for line in screen.lines() {
            assert!(line.chars().count() <= 60, "{line}");
        }
    }
    let records = env.store().records().unwrap();
    assert_eq!(records.len(), 1);
    let record = records[0]
        .sealed
        .as_ref()
        .unwrap()
        .open(&hub_keys(&env).identity)
        .unwrap();
    assert_eq!(record.lang, Lang::Kk);
    assert_eq!(record.consent, Consent::Statistics);
    assert!(env.store().drafts().unwrap().is_empty());
    // What is left on screen is the case code, to write down.
    assert!(left.contains(record.case_code.as_str()), "{left}");
}

#[test]
fn keys_at_80x24_number_keys_pick_enter_confirms_nothing_is_preselected() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "en", "screen", "patronage-home-visit@1.0.0"],
        80,
        24,
    );
    let first = text("patronage-home-visit@1.0.0", "baby_born", Lang::En);
    let screen = term.wait_for(&first);
    assert!(!screen.contains('›'), "nothing preselected:\n{screen}");
    // Enter alone does nothing on a new question.
    term.send(ENTER);
    let hint = Messages::new(Lang::En).get("hint-choose-first");
    let screen = term.wait_for(&hint);
    assert!(
        squash(&screen).contains(&squash(&first)),
        "still the same question"
    );
    // "y" picks yes (selected, not confirmed); "2" moves it to no.
    term.send("y");
    term.wait("yes selected", |s| s.contains("› 1"));
    term.send("2");
    term.wait("no selected", |s| s.contains("› 2"));
    term.send(ENTER);
    let gate = text("patronage-home-visit@1.0.0", "safe_to_talk", Lang::En);
    term.wait_for(&gate);
    // Back goes to the first question with its answer selected.
    term.send(LEFT);
    let screen = term.wait_for(&first);
    assert!(screen.contains("› 2"), "{screen}");
    // Help is there for this question, and closes again.
    term.send("?");
    let help = Catalog::shipped()
        .unwrap()
        .find("patronage-home-visit@1.0.0")
        .unwrap()
        .protocol
        .question_by_id("baby_born")
        .unwrap()
        .1
        .help
        .as_ref()
        .unwrap()
        .exact(Lang::En)
        .unwrap()
        .to_owned();
    term.wait_for(&help);
    term.send("?");
    term.wait_for(&first);
    term.send(ENTER); // confirm "no" again
    term.wait_for(&gate);
    term.send("n");
    term.send(ENTER); // not safe: observation only
    let screen = term.wait_for(&Messages::new(Lang::En).get("gate-closed"));
    // An observation with no help: "?" is not offered and does nothing.
    assert!(!screen.contains("? help"), "{screen}");
    term.send("?");
    std::thread::sleep(Duration::from_millis(100));
    term.pump();
    assert_eq!(
        squash(&term.screen()),
        squash(&screen),
        "? changed the screen"
    );
    term.send(ESC);
    assert_eq!(
        term.wait_exit(),
        WaitStatus::Exited(term.session.get_process().pid(), 0)
    );
    assert_nothing_left(&mut term, "patronage-home-visit@1.0.0", Lang::En);
    assert_eq!(
        env.store().drafts().unwrap().len(),
        1,
        "the quick exit keeps the draft"
    );
}

#[test]
fn the_quick_exit_works_on_a_cyrillic_layout_and_leaves_nothing() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "ru", "screen", "school-safety@1.0.0"],
        60,
        20,
    );
    let first = text("school-safety@1.0.0", "role", Lang::Ru);
    term.wait_for(&first);
    term.send("1");
    term.send(ENTER);
    term.wait("the second question", |s| {
        !squash(s).contains(&squash(&first))
    });
    term.send("й"); // the q key on a Russian or Kazakh layout
    assert_eq!(
        term.wait_exit(),
        WaitStatus::Exited(term.session.get_process().pid(), 0)
    );
    assert_nothing_left(&mut term, "school-safety@1.0.0", Lang::Ru);
    assert_eq!(
        term.screen().trim(),
        "",
        "nothing printed after a quick exit"
    );
    let listed = env.ok(&["drafts", "--format", "json"]);
    assert!(listed.contains("\"answered\": 1"), "{listed}");
}

#[test]
fn esc_in_a_number_field_is_the_quick_exit_and_a_bad_number_is_explained() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "ru", "screen", "medical-rapid-response@1.0.0"],
        60,
        20,
    );
    let age = text("medical-rapid-response@1.0.0", "age", Lang::Ru);
    let ru = Messages::new(Lang::Ru);
    // Answer until the age field, whatever comes before it.
    for _ in 0..10 {
        let screen = term.wait("a question", |s| s.contains('/'));
        if squash(&screen).contains(&squash(&age)) {
            break;
        }
        term.send("2");
        term.send(ENTER);
        let before = screen.clone();
        term.wait("the next question", move |s| s != before);
    }
    term.wait_for(&age);
    term.send("200");
    term.send(ENTER);
    let screen = term.wait("the error", |s| s.contains("200") && s.contains("120"));
    assert!(!screen.contains("out of range"), "in Russian: {screen}");
    assert!(squash(&screen).contains(&squash(&age)), "the same question");
    let _ = ru;
    term.send(ESC);
    assert_eq!(
        term.wait_exit(),
        WaitStatus::Exited(term.session.get_process().pid(), 0)
    );
    assert_nothing_left(&mut term, "medical-rapid-response@1.0.0", Lang::Ru);
}

#[test]
fn text_is_wrapped_at_words_and_rewrapped_on_resize() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "kk", "screen", "patronage-home-visit@1.0.0"],
        80,
        24,
    );
    let first = text("patronage-home-visit@1.0.0", "baby_born", Lang::Kk);
    term.wait_for(&first);
    term.send("1");
    term.send(ENTER);
    let gate = text("patronage-home-visit@1.0.0", "safe_to_talk", Lang::Kk);
    let wide = term.wait_for(&gate);
    term.resize(60, 20);
    let words: Vec<&str> = gate.split_whitespace().collect();
    let narrow = term.wait("the question re-wrapped at 60 columns", |s| {
        s.lines().all(|l| l.chars().count() <= 60) && squash(s).contains(&squash(&gate))
    });
    assert_ne!(wide, narrow);
    // Every word of the question is whole on some line.
    let tokens: Vec<&str> = narrow.split_whitespace().collect();
    for word in words {
        assert!(tokens.contains(&word), "`{word}` was cut:\n{narrow}");
    }
    term.send(ESC);
    term.wait_exit();
}

#[test]
fn the_review_jumps_straight_to_a_question_and_comes_back() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "en", "screen", "school-safety@1.0.0"],
        80,
        24,
    );
    let en = Messages::new(Lang::En);
    // Walk to the review.
    let mut last = String::new();
    for _ in 0..80 {
        let screen = term.next_screen(&last).expect("the walk goes on");
        last = screen.clone();
        if squash(&screen).contains(&squash(&en.get("review-finish"))) {
            break;
        }
        if squash(&screen).contains(&squash(&en.get("key-ok-empty-skips"))) {
            term.send(ENTER);
        } else {
            term.send("1");
            term.send(ENTER);
        }
    }
    let review = term.wait_for(&en.get("review-finish"));
    assert!(
        review.contains("1/") || review.contains("  1  "),
        "{review}"
    );
    // Jump to question 1 by its number.
    term.send("1");
    term.send(ENTER);
    let first = text("school-safety@1.0.0", "role", Lang::En);
    let screen = term.wait_for(&first);
    assert!(
        screen.contains('›'),
        "the earlier answer is selected:\n{screen}"
    );
    term.send(ENTER); // keep it
    term.wait_for(&en.get("review-finish"));
    term.send(ESC);
    assert_eq!(
        term.wait_exit(),
        WaitStatus::Exited(term.session.get_process().pid(), 0)
    );
    assert_nothing_left(&mut term, "school-safety@1.0.0", Lang::En);
}

#[test]
fn after_a_kill_resume_shows_the_same_question() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "en", "screen", "patronage-home-visit@1.0.0"],
        80,
        24,
    );
    term.wait_for(&text("patronage-home-visit@1.0.0", "baby_born", Lang::En));
    term.send("1");
    term.send(ENTER);
    term.wait_for(&text(
        "patronage-home-visit@1.0.0",
        "safe_to_talk",
        Lang::En,
    ));
    term.send("1");
    term.send(ENTER);
    term.wait_for(&Messages::new(Lang::En).get("consent-prompt"));
    term.send("4");
    term.send(ENTER);
    let third = text(
        "patronage-home-visit@1.0.0",
        "obs_companion_answers",
        Lang::En,
    );
    term.wait_for(&third);
    term.send("2");
    term.send(ENTER);
    let fourth = text("patronage-home-visit@1.0.0", "obs_not_left_alone", Lang::En);
    term.wait_for(&fourth);
    term.session
        .get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL)
        .unwrap();
    let _ = term.session.get_process().wait();

    let mut resumed = Term::spawn(&env, &["--lang", "en", "resume"], 80, 24);
    resumed.wait_for(&fourth);
    resumed.send(LEFT);
    let screen = resumed.wait_for(&third);
    assert!(
        screen.contains("› 2"),
        "the answer given is selected:\n{screen}"
    );
    resumed.send(ESC);
    resumed.wait_exit();
}

#[test]
fn not_known_stands_below_a_number_field_and_is_picked_with_the_arrow() {
    let env = Env::new();
    let mut term = Term::spawn(
        &env,
        &["--lang", "en", "screen", "medical-rapid-response@1.0.0"],
        60,
        20,
    );
    let age = text("medical-rapid-response@1.0.0", "age", Lang::En);
    let mut last = String::new();
    for _ in 0..10 {
        let screen = term.next_screen(&last).unwrap();
        last = screen.clone();
        if squash(&screen).contains(&squash(&age)) {
            break;
        }
        term.send("2");
        term.send(ENTER);
    }
    let en = Messages::new(Lang::En);
    let screen = term.wait_for(&age);
    assert!(screen.contains(&en.get("answer-unsure")), "{screen}");
    term.send("\x1b[B"); // ↓ to "not sure"
    term.wait("the answer below the field picked", |s| {
        s.lines()
            .any(|l| l.contains('›') && l.contains(&en.get("answer-unsure")))
    });
    term.send(ENTER);
    term.wait("the next question", |s| !squash(s).contains(&squash(&age)));
    term.send(ESC);
    term.wait_exit();
    let listed = env.ok(&["drafts", "--format", "json"]);
    assert!(!listed.contains("\"answered\": 0"), "{listed}");
}
