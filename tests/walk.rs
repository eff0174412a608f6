//! The walk at library level, driven by a prompter that answers screens as
//! a test says: nothing preselected, the generic answers a question offers,
//! consent after the safety gate, the gate's observation-only path, the
//! red-flag card only when a red flag newly fires, a change from the review
//! that asks only what it newly shows, the referral step, typed errors in
//! the worker's language, and no empty draft after a quick exit.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use qorgau::catalog::Catalog;
use qorgau::crypto::{Passphrase, Role};
use qorgau::datadir::DataDir;
use qorgau::i18n::Messages;
use qorgau::lang::Lang;
use qorgau::prompt::{nav, Action, Ask, Input, Interrupt, Prompter, Reply, Screen};
use qorgau::record::{Consent, Record, ReferralStatus};
use qorgau::referral::{shipped_directory, Directory};
use qorgau::screening::Screening;
use qorgau::setup::{init_device, init_hub, load_device, unlock};
use qorgau::store::Store;
use qorgau::walk::{run, WalkContext, WalkEnd};
use strum::VariantArray;

/// A hub and a device, set up once for every test here (scrypt is slow).
fn folders() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static FOLDERS: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    FOLDERS.get_or_init(|| {
        let temp = tempfile::tempdir().unwrap();
        let hub = temp.path().join("hub");
        let device = temp.path().join("device");
        let now = "2026-12-01T10:00:00Z";
        let hub_dir = DataDir::resolve(Some(hub.clone())).unwrap();
        let done = init_hub(
            &hub_dir,
            "Test hub",
            &Passphrase::new(common::env::HUB_PASSPHRASE),
            now.parse().unwrap(),
        )
        .unwrap();
        init_device(
            &DataDir::resolve(Some(device.clone())).unwrap(),
            &done.card_path,
            Some("almaty_city".to_owned()),
            &Passphrase::new(common::env::DEVICE_PASSPHRASE),
            now.parse().unwrap(),
        )
        .unwrap();
        (temp, hub, device)
    })
}

fn hub_record(store: &Store) -> Record {
    let keys = unlock(
        &DataDir::resolve(Some(folders().1.clone())).unwrap(),
        Role::Hub,
        &Passphrase::new(common::env::HUB_PASSPHRASE),
    )
    .unwrap();
    let rows = store.records().unwrap();
    assert_eq!(rows.len(), 1);
    rows[0]
        .sealed
        .as_ref()
        .unwrap()
        .open(&keys.identity)
        .unwrap()
}

fn directory_for_tests() -> Directory {
    shipped_directory("kz").unwrap()
}

/// Answers screens with a function of the screen and what was shown before.
struct Driver<F: FnMut(&Screen, &[Screen]) -> Reply> {
    answer: F,
    shown: Vec<Screen>,
}

impl<F: FnMut(&Screen, &[Screen]) -> Reply> Prompter for Driver<F> {
    fn ask(&mut self, screen: &Screen) -> Reply {
        assert!(self.shown.len() < 500, "the walk does not end");
        let reply = (self.answer)(screen, &self.shown);
        self.shown.push(screen.clone());
        reply
    }
}

fn pick(screen: &Screen, id: &str) -> Reply {
    Ok(Action::Choose(screen.choice(id).unwrap_or_else(|| {
        panic!("no `{id}` on {:?}", screen.ask)
    })))
}

fn question_id(screen: &Screen) -> Option<&str> {
    match &screen.ask {
        Ask::Question(id) => Some(id),
        _ => None,
    }
}

struct Walked {
    end: WalkEnd,
    shown: Vec<Screen>,
    store: Store,
    _temp: tempfile::TempDir,
}

fn walk(protocol: &str, lang: Lang, answer: impl FnMut(&Screen, &[Screen]) -> Reply) -> Walked {
    let catalog = Catalog::shipped().unwrap();
    walk_protocol(&catalog.find(protocol).unwrap().protocol, lang, answer)
}

fn walk_protocol(
    protocol: &qorgau::protocol::Protocol,
    lang: Lang,
    answer: impl FnMut(&Screen, &[Screen]) -> Reply,
) -> Walked {
    let temp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&temp.path().join("qorgau.db")).unwrap();
    let setup = load_device(&DataDir::resolve(Some(folders().2.clone())).unwrap()).unwrap();
    let directory: Directory = shipped_directory("kz").unwrap();
    let messages = Messages::new(lang);
    let now = || "2026-12-01T10:05:00Z".parse().unwrap();
    let cx = WalkContext {
        messages: &messages,
        directory: &directory,
        region: Some("almaty_city"),
        now: &now,
    };
    let screening = Screening::start(&mut store, &setup, protocol, lang, now()).unwrap();
    let mut driver = Driver {
        answer,
        shown: Vec::new(),
    };
    let end = run(&mut driver, &mut store, screening, &cx).unwrap();
    Walked {
        end,
        shown: driver.shown,
        store,
        _temp: temp,
    }
}

/// The usual answers: "no" / "not observed", finish, no referral.
fn plain(screen: &Screen, gate: &str) -> Reply {
    match &screen.ask {
        Ask::Question(id) if id == "safe_to_talk" => pick(screen, gate),
        Ask::Question(id) if id == "baby_born" => pick(screen, "yes"),
        Ask::Question(_) => match &screen.input {
            Input::One { .. } => match screen.choice("no") {
                Some(no) => Ok(Action::Choose(no)),
                None => Ok(Action::Choose(0)),
            },
            _ => Ok(Action::Skip),
        },
        Ask::Consent => pick(screen, "social_services"),
        Ask::RedFlag => pick(screen, nav::CONTINUE),
        Ask::Review => pick(screen, nav::FINISH),
        Ask::Result => Ok(Action::Next),
        Ask::ReferralTo => Ok(Action::Mark(vec![screen
            .choice(nav::NOT_REFERRED)
            .unwrap()])),
        Ask::ReferralStatus => pick(screen, "pending"),
        Ask::ReferralReason => Ok(Action::Type(String::new())),
    }
}

#[test]
fn nothing_is_preselected_and_only_offered_answers_are_shown() {
    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, _| {
        plain(s, "yes")
    });
    assert!(matches!(walked.end, WalkEnd::Finished(_)));
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("patronage-home-visit@1.0.0").unwrap().protocol;
    let mut questions = 0;
    for screen in &walked.shown {
        let Some(id) = question_id(screen) else {
            continue;
        };
        questions += 1;
        let (_, question) = protocol.question_by_id(id).unwrap();
        assert_eq!(screen.help.is_some(), question.has_help(), "{id}: help");
        if let Input::One { choices, selected } = &screen.input {
            assert_eq!(*selected, None, "{id}: something was preselected");
            let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(
                ids.contains(&"declined"),
                question.offers_declined(),
                "{id}"
            );
            assert_eq!(ids.contains(&"unsure"), question.offers_unsure(), "{id}");
            // Numbers 1..n, in order, for the number keys.
            let numbers: Vec<usize> = choices.iter().filter_map(|c| c.number).collect();
            assert_eq!(numbers, (1..=choices.len()).collect::<Vec<_>>(), "{id}");
        }
        assert_eq!(
            screen.back,
            id != "baby_born",
            "{id}: back on the first question"
        );
        assert!(
            !screen.header.title.to_lowercase().contains("traffick"),
            "the header never names trafficking: {}",
            screen.header.title
        );
    }
    assert!(questions > 20);
}

#[test]
fn consent_follows_a_safe_gate_and_is_recorded() {
    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, _| {
        plain(s, "yes")
    });
    let asks: Vec<&Ask> = walked.shown.iter().map(|s| &s.ask).collect();
    let gate = asks
        .iter()
        .position(|a| **a == Ask::Question("safe_to_talk".into()))
        .unwrap();
    assert_eq!(
        *asks[gate + 1],
        Ask::Consent,
        "consent right after the gate"
    );
    assert_eq!(asks.iter().filter(|a| ***a == Ask::Consent).count(), 1);
    assert_eq!(hub_record(&walked.store).consent, Consent::SocialServices);
}

#[test]
fn a_closed_gate_says_so_and_keeps_the_walk_to_observation() {
    let en = Messages::new(Lang::En);
    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, _| {
        plain(s, "no")
    });
    let gate = walked
        .shown
        .iter()
        .position(|s| question_id(s) == Some("safe_to_talk"))
        .unwrap();
    let next = &walked.shown[gate + 1];
    assert!(
        next.plain().contains(&en.get("gate-closed")),
        "{}",
        next.plain()
    );
    assert!(walked.shown.iter().all(|s| s.ask != Ask::Consent));
    assert!(walked
        .shown
        .iter()
        .all(|s| question_id(s) != Some("family_found")));
    let record = hub_record(&walked.store);
    assert_eq!(record.consent, Consent::Anonymous);
    assert!(!record.answers.contains_key("family_found"));
}

#[test]
fn the_red_flag_card_shows_only_when_a_red_flag_newly_fires() {
    // Answer the red flag "yes", go back to it and confirm "yes" again,
    // then change it from the review to "yes" once more: one card only.
    let mut backed = false;
    let mut changed = false;
    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, shown| {
        match (&s.ask, question_id(s)) {
            (_, Some("payment_for_baby")) => pick(s, "yes"),
            (_, Some(_)) if !backed && shown.last().is_some_and(|p| p.ask == Ask::RedFlag) => {
                backed = true;
                Ok(Action::Back)
            }
            (Ask::Review, _) if !changed => {
                changed = true;
                pick(s, "payment_for_baby")
            }
            _ => plain(s, "yes"),
        }
    });
    assert!(backed && changed);
    let cards = walked
        .shown
        .iter()
        .filter(|s| s.ask == Ask::RedFlag)
        .count();
    assert_eq!(cards, 1, "the card is shown once");
    let asked = walked
        .shown
        .iter()
        .filter(|s| question_id(s) == Some("payment_for_baby"))
        .count();
    assert_eq!(asked, 3, "asked, then after back, then from the review");
    let WalkEnd::Finished(finished) = walked.end else {
        panic!("not finished");
    };
    assert!(finished
        .outcome
        .red_flags
        .contains(&"payment_for_baby".to_owned()));
}

#[test]
fn a_change_from_the_review_asks_only_the_questions_it_newly_shows() {
    // Observation only first; then the gate is changed to "yes" from the review.
    let mut reviews = 0;
    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, _| {
        match &s.ask {
            Ask::Review => {
                reviews += 1;
                if reviews == 1 {
                    pick(s, "safe_to_talk")
                } else {
                    pick(s, nav::FINISH)
                }
            }
            Ask::Question(id) if id == "safe_to_talk" && reviews == 0 => pick(s, "no"),
            _ => plain(s, "yes"),
        }
    });
    assert_eq!(reviews, 2);
    let first_review = walked
        .shown
        .iter()
        .position(|s| s.ask == Ask::Review)
        .unwrap();
    let after: Vec<&Screen> = walked.shown[first_review + 1..]
        .iter()
        .take_while(|s| s.ask != Ask::Review)
        .collect();
    let asked: Vec<&str> = after.iter().filter_map(|s| question_id(s)).collect();
    assert_eq!(
        asked.first(),
        Some(&"safe_to_talk"),
        "straight to the question"
    );
    assert!(
        after.iter().any(|s| s.ask == Ask::Consent),
        "consent is asked"
    );
    assert!(
        asked.contains(&"family_found"),
        "the newly shown ones are asked"
    );
    for id in [
        "baby_born",
        "obs_companion_answers",
        "obs_locked_in",
        "notes",
    ] {
        assert!(
            !asked.contains(&id),
            "{id} was asked again after the change"
        );
    }
    let record = hub_record(&walked.store);
    assert_eq!(record.consent, Consent::SocialServices);
    assert!(record.answers.contains_key("family_found"));
}

#[test]
fn the_referral_ticks_nothing_and_asks_the_decision_only_when_someone_was_chosen() {
    let danger = |s: &Screen, who: &'static str| match question_id(s) {
        Some("violence_now") => pick(s, "yes"),
        _ => match &s.ask {
            Ask::ReferralTo => Ok(Action::Mark(vec![s.choice(who).unwrap()])),
            Ask::ReferralStatus => pick(s, "accepted"),
            Ask::ReferralReason => Ok(Action::Type("synthetic reason".into())),
            _ => plain(s, "yes"),
        },
    };
    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, _| {
        danger(s, "police")
    });
    let to = walked
        .shown
        .iter()
        .find(|s| s.ask == Ask::ReferralTo)
        .unwrap();
    let Input::Many { choices, checked } = &to.input else {
        panic!("a list to mark");
    };
    assert!(checked.iter().all(|c| !c), "nothing pre-ticked");
    let not_yet = choices.iter().find(|c| c.id == nav::NOT_REFERRED).unwrap();
    assert!(not_yet.exclusive);
    let directory = directory_for_tests();
    let named: Vec<String> = qorgau::engine::Band::VARIANTS
        .iter()
        .filter_map(|b| directory.next_steps("patronage-home-visit", *b))
        .flat_map(|n| n.call.clone())
        .collect();
    assert!(
        named.contains(&choices[0].id),
        "the protocol's own contacts first: {} not in {named:?}",
        choices[0].id
    );
    let referral = hub_record(&walked.store).referral.unwrap();
    assert_eq!(referral.to, ["police"]);
    assert_eq!(referral.status, ReferralStatus::Accepted);
    assert_eq!(referral.reason.as_deref(), Some("synthetic reason"));

    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, _| {
        danger(s, nav::NOT_REFERRED)
    });
    assert!(walked.shown.iter().all(|s| s.ask != Ask::ReferralStatus));
    let referral = hub_record(&walked.store).referral.unwrap();
    assert!(referral.to.is_empty());
    assert_eq!(referral.status, ReferralStatus::Pending);
}

#[test]
fn a_typed_answer_that_does_not_fit_is_explained_in_the_workers_language() {
    let ru = Messages::new(Lang::Ru);
    let mut tries = 0;
    let walked = walk(
        "medical-rapid-response@1.0.0",
        Lang::Ru,
        |s, _| match question_id(s) {
            Some("age") => {
                tries += 1;
                Ok(Action::Type(if tries == 1 { "200" } else { "34" }.into()))
            }
            _ => plain(s, "yes"),
        },
    );
    assert_eq!(tries, 2);
    let again = walked
        .shown
        .iter()
        .filter(|s| question_id(s) == Some("age"))
        .nth(1)
        .unwrap();
    let Input::Line {
        error: Some(error), ..
    } = &again.input
    else {
        panic!("the error is on the same question");
    };
    assert!(error.contains("200"), "{error}");
    assert!(error.contains(&ru.format(
        "answer-range-between",
        &[
            ("min", qorgau::i18n::Arg::Str("0")),
            ("max", qorgau::i18n::Arg::Str("120"))
        ]
    )));
    assert!(!error.contains("out of range"), "not English: {error}");
    let record = hub_record(&walked.store);
    assert_eq!(
        record.answers.get("age"),
        Some(&qorgau::record::StoredAnswer::Number(34.0))
    );
}

#[test]
fn a_quick_exit_before_any_answer_keeps_no_draft_and_after_one_keeps_it() {
    let walked = walk("school-safety@1.0.0", Lang::En, |_, _| {
        Err(Interrupt::QuickExit)
    });
    assert!(matches!(walked.end, WalkEnd::QuickExit { draft_id: None }));
    assert!(walked.store.drafts().unwrap().is_empty());

    let walked = walk("school-safety@1.0.0", Lang::En, |s, shown| {
        if shown.is_empty() {
            plain(s, "yes")
        } else {
            Err(Interrupt::QuickExit)
        }
    });
    assert!(matches!(
        walked.end,
        WalkEnd::QuickExit { draft_id: Some(_) }
    ));
    assert_eq!(walked.store.drafts().unwrap().len(), 1);
}

#[test]
fn the_result_comes_in_pages_with_the_band_and_next_steps_first() {
    let en = Messages::new(Lang::En);
    let walked = walk(
        "patronage-home-visit@1.0.0",
        Lang::En,
        |s, _| match question_id(s) {
            Some("violence_now") => pick(s, "yes"),
            _ => plain(s, "yes"),
        },
    );
    let result = walked.shown.iter().find(|s| s.ask == Ask::Result).unwrap();
    let Input::Pages { pages } = &result.input else {
        panic!("pages");
    };
    assert_eq!(pages.len(), 3);
    let first: String = pages[0].blocks.iter().map(|b| b.plain() + "\n").collect();
    assert!(first.contains(&en.get("band-immediate_danger")), "{first}");
    assert!(first.contains("102"), "{first}");
    assert!(
        !first.contains("Delphi"),
        "sources are on a later page: {first}"
    );
    let last: String = pages[2].blocks.iter().map(|b| b.plain()).collect();
    assert!(!last.is_empty());
    // Security review F1/F10: the card the record is sealed for, by its
    // fingerprint, to compare by phone with the coordinator's.
    let setup = load_device(&DataDir::resolve(Some(folders().2.clone())).unwrap()).unwrap();
    let fingerprint = setup.hub_fingerprint().to_string();
    assert!(first.contains(&fingerprint), "{first}");
}

/// Content review §7 E2: once a schema 2 gate says it is safe to talk, the
/// consent text is read aloud and "not asked" is no choice.
#[test]
fn a_schema_2_consent_is_read_aloud_and_offers_no_not_asked() {
    let walked = walk("patronage-home-visit@2.0.0", Lang::Ru, |s, _| {
        match &s.ask {
            // The gate of 2.0.0 is `talk_alone`; the nurse is safe.
            Ask::Question(id) if id == "talk_alone" => pick(s, "yes"),
            Ask::Question(id) if id == "nurse_safety" => pick(s, "safe"),
            _ => plain(s, "yes"),
        }
    });
    let consent = walked
        .shown
        .iter()
        .find(|s| s.ask == Ask::Consent)
        .expect("consent is asked after an open gate");
    let Input::One { choices, .. } = &consent.input else {
        panic!("a choice");
    };
    let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["statistics", "social_services", "police"]);
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("patronage-home-visit@2.0.0").unwrap().protocol;
    let read_aloud = protocol.consent_text.as_ref().unwrap().get(Lang::Ru).text;
    let notes: String = consent.notes.iter().map(|b| b.plain() + "\n").collect();
    assert!(notes.contains(read_aloud), "{notes}");
}

#[test]
fn a_multiple_choice_question_marks_none_of_these_on_its_own() {
    let source = common::protocol_source(
        r#"
[[question]]
id = "where"
section = "main"
kind = "multi"
text = { ru = "Где?", en = "Where?" }
options = [
  { id = "home", text = { ru = "Дома", en = "At home" } },
  { id = "work", text = { ru = "На работе", en = "At work" } },
]
"#,
        "",
    );
    let protocol = common::parse(&source).unwrap();
    let mut seen = false;
    let walked = walk_protocol(&protocol, Lang::En, |s, _| match &s.input {
        Input::Many { choices, checked } if matches!(s.ask, Ask::Question(_)) => {
            seen = true;
            assert!(checked.iter().all(|c| !c), "nothing marked");
            let none = choices.iter().position(|c| c.id == nav::NONE).unwrap();
            assert!(choices[none].exclusive);
            assert!(!choices[0].exclusive, "an option combines with others");
            Ok(Action::Mark(vec![none]))
        }
        _ => plain(s, "yes"),
    });
    assert!(seen);
    let record = hub_record(&walked.store);
    assert_eq!(
        record.answers.get("where"),
        Some(&qorgau::record::StoredAnswer::List(Vec::new())),
        "none of these is an empty list, not a skip"
    );
}

#[test]
fn back_from_consent_returns_to_the_gate_and_a_changed_gate_needs_no_consent() {
    let mut backed = false;
    let walked = walk("patronage-home-visit@1.0.0", Lang::En, |s, _| {
        match &s.ask {
            Ask::Consent if !backed => {
                assert!(s.back, "back is offered on consent");
                backed = true;
                Ok(Action::Back)
            }
            Ask::Question(id) if id == "safe_to_talk" && backed => {
                let Input::One { selected, .. } = &s.input else {
                    panic!("a choice");
                };
                assert_eq!(*selected, s.choice("yes"), "the slip is selected");
                pick(s, "no")
            }
            _ => plain(s, "yes"),
        }
    });
    assert!(backed);
    assert_eq!(
        walked
            .shown
            .iter()
            .filter(|s| s.ask == Ask::Consent)
            .count(),
        1
    );
    assert_eq!(hub_record(&walked.store).consent, Consent::Anonymous);
}

#[test]
fn an_answers_file_fills_in_a_resumed_draft_but_never_overwrites_it() {
    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("school-safety@1.0.0").unwrap().protocol;
    let temp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&temp.path().join("qorgau.db")).unwrap();
    let setup = load_device(&DataDir::resolve(Some(folders().2.clone())).unwrap()).unwrap();
    let now = "2026-12-01T10:05:00Z";
    let mut screening =
        Screening::start(&mut store, &setup, protocol, Lang::En, now.parse().unwrap()).unwrap();
    let (first, _) = screening.session().current().unwrap();
    screening
        .step(
            &mut store,
            qorgau::engine::Step::Answer(qorgau::engine::AnswerInput::Text("psychologist".into())),
            now.parse().unwrap(),
        )
        .unwrap();
    let answered = screening.session().answers().get(first).unwrap().clone();
    let (second, _) = screening.session().current().unwrap();

    let mut from_file = qorgau::engine::AnswerSet::for_protocol(protocol);
    from_file.set(first, Some(qorgau::engine::Answer::Declined));
    from_file.set(second, Some(qorgau::engine::Answer::Declined));
    let merged = screening.fill_in(&from_file);
    assert_eq!(
        merged.get(first),
        Some(&answered),
        "the draft's answer stands"
    );
    assert_ne!(answered, qorgau::engine::Answer::Declined);
    assert_eq!(
        merged.get(second),
        Some(&qorgau::engine::Answer::Declined),
        "the file fills in what the draft did not answer"
    );
}

/// The region rule is the library's, not only the command's: a device set
/// up with a region the hub would refuse at enrolment is refused before
/// anything is written (it was taken by `init_device` before).
#[test]
fn a_device_is_not_set_up_with_a_region_the_hub_would_refuse() {
    let temp = tempfile::tempdir().unwrap();
    let now = "2026-12-01T10:00:00Z";
    let hub = init_hub(
        &DataDir::resolve(Some(temp.path().join("hub"))).unwrap(),
        "Test hub",
        &Passphrase::new(common::env::HUB_PASSPHRASE),
        now.parse().unwrap(),
    )
    .unwrap();
    let device = DataDir::resolve(Some(temp.path().join("device"))).unwrap();
    for region in ["Almaty City", "", "алматы", &"a".repeat(65)] {
        let refused = init_device(
            &device,
            &hub.card_path,
            Some(region.to_owned()),
            &Passphrase::new(common::env::DEVICE_PASSPHRASE),
            now.parse().unwrap(),
        );
        assert!(
            matches!(&refused, Err(qorgau::setup::SetupError::BadRegion(r)) if r == region),
            "{region:?}: {refused:?}"
        );
        assert!(!device.device_key().exists() && !device.device_card().exists());
    }
}
