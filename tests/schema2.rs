//! Protocol schema 2 and referral directory schema 2: every new key is
//! checked where it is written, and the results it changes (observation only,
//! below threshold, "not known" options, worker-answered questions, wording
//! variants, next steps chosen by the answers) behave as documented in
//! `docs/protocol-format.md` and `docs/referral-format.md`.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{assert_problem, parse, position_of};
use qorgau::answers_file::parse_answers_file;
use qorgau::catalog::parse_protocol;
use qorgau::engine::{question_text, score, AnswerSet, Band};
use qorgau::lang::Lang;
use qorgau::protocol::{HtcdsTag, ProfileField, Protocol};
use qorgau::referral::parse_directory;

/// A small valid schema 2 protocol; tests splice problems into it.
const BASE2: &str = r#"schema_version = 2
id = "test-two"
version = "2.0.0"
languages = ["ru", "en"]
audience = ["tester"]
validated = false
safety_gate = "gate"
title = { ru = "Признаки торговли людьми", en = "Trafficking indicators" }
display_title = { ru = "Проверка безопасности", en = "Safety check" }
description = { ru = "Описание", en = "Description" }
consent_text = { ru = "Ответы шифруются.", en = "Answers are encrypted." }

[[sources]]
name = { ru = "Операционные индикаторы МОТ/ЕК (2009)", en = "ILO/EC operational indicators (2009)" }

[[domain]]
id = "control"
label = { ru = "Контроль", en = "Control" }

[[domain]]
id = "work"
label = { ru = "Работа", en = "Work" }

[scoring]
model = "count"
partial_domain_note = { ru = "Один сильный признак — повод присмотреться.", en = "One strong sign is reason to look closer." }

[[scoring.screen]]
id = "across"
domains = ["control", "work"]
at_least = 3
band = "possible_concern"
label = { ru = "Признаки в разных областях", en = "Signs across areas" }

[[section]]
id = "start"
title = { ru = "Начало", en = "Start" }

[[section]]
id = "look"
title = { ru = "Наблюдение", en = "Observation" }
observation_only = true

[[section]]
id = "gate"
title = { ru = "Можно ли говорить", en = "Can we talk" }

[[section]]
id = "talk"
title = { ru = "Беседа", en = "Talk" }
show_if = 'gate == "yes"'

[[section]]
id = "end"
title = { ru = "Конец", en = "End" }

[[question]]
id = "direction"
section = "start"
kind = "single"
answered_by = "worker"
profile = "direction"
text = { ru = "Направление", en = "Direction" }
options = [
  { id = "exit", text = { ru = "Выезд", en = "Exit" } },
  { id = "entry", text = { ru = "Въезд", en = "Entry" } },
]

[[question]]
id = "seen_docs_held"
section = "look"
kind = "observation"
text = { ru = "Документы у другого", en = "Documents held by another" }
domain = "control"
strength = "strong"
htcds = "MethodsOfControlWithholdsDocuments"

[[question]]
id = "seen_tired"
section = "look"
kind = "observation"
text = { ru = "Истощён", en = "Exhausted" }
domain = "work"
strength = "weak"

[[question]]
id = "gate"
section = "gate"
kind = "single"
answered_by = "worker"
text = { ru = "Можно поговорить наедине?", en = "Can you talk privately?" }
options = [
  { id = "yes", text = { ru = "Да", en = "Yes" } },
  { id = "companion_present", text = { ru = "Рядом сопровождающий", en = "A companion is there" } },
  { id = "person_declined", text = { ru = "Не хочет говорить", en = "Does not want to talk" } },
]

[[question]]
id = "unpaid"
section = "talk"
kind = "yes_no"
text = { ru = "Вам не платят?", en = "Are you unpaid?" }
variants = [{ when = 'direction == "entry"', text = { ru = "Здесь вам не платят?", en = "Are you unpaid here?" } }]
domain = "work"
strength = "strong"
deviation = { ru = "У МОТ это средний признак.", en = "Medium in the ILO list." }

[[question]]
id = "locked"
section = "talk"
kind = "yes_no"
text = { ru = "Вас запирают?", en = "Are you locked in?" }
red_flag = true

[[question]]
id = "age_known"
section = "talk"
kind = "single"
text = { ru = "Возраст известен?", en = "Is the age known?" }
options = [
  { id = "adult", text = { ru = "Взрослый", en = "Adult" } },
  { id = "child", text = { ru = "Ребёнок", en = "Child" } },
  { id = "unknown", unknown = true, text = { ru = "Неизвестно", en = "Not known" } },
]

[[question]]
id = "sex"
section = "end"
kind = "single"
profile = "sex"
text = { ru = "Пол", en = "Sex" }
options = [
  { id = "female", text = { ru = "Женский", en = "Female" } },
  { id = "male", text = { ru = "Мужской", en = "Male" } },
  { id = "not_said", profile = "unknown", text = { ru = "Не указан", en = "Not stated" } },
]

#QUESTIONS#

[[question]]
id = "notes"
section = "end"
kind = "text"
sensitive = true
text = { ru = "Заметки", en = "Notes" }

[[case]]
name = "clean"
answers = { seen_docs_held = "no", seen_tired = "no", gate = "yes", unpaid = "no", locked = "no" }
band = "no_concern"
why = "Nothing fired."

#CASES#
"#;

fn source(questions: &str, cases: &str) -> String {
    BASE2
        .replace("#QUESTIONS#", questions)
        .replace("#CASES#", cases)
}

fn base() -> Protocol {
    parse(&source("", "")).unwrap_or_else(|p| panic!("{p:#?}"))
}

fn answers(protocol: &Protocol, toml: &str) -> AnswerSet {
    parse_answers_file(protocol, "a.toml", &format!("[answers]\n{toml}"))
        .unwrap_or_else(|d| panic!("{d}"))
        .answers
}

fn answers_error(protocol: &Protocol, toml: &str) -> String {
    match parse_answers_file(protocol, "a.toml", &format!("[answers]\n{toml}")) {
        Ok(_) => panic!("expected the answers to be refused: {toml}"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn the_schema_2_fixture_is_valid_and_keeps_what_it_says() {
    let p = base();
    assert_eq!(p.schema, 2);
    assert_eq!(
        p.walk_title().map(|t| t.get(Lang::Ru).text),
        Some("Проверка безопасности")
    );
    assert_eq!(
        p.domains[0].label.as_ref().map(|l| l.get(Lang::En).text),
        Some("Control")
    );
    assert_eq!(
        p.sources[0].name.get(Lang::Ru).text,
        "Операционные индикаторы МОТ/ЕК (2009)"
    );
    let (_, docs) = p.question_by_id("seen_docs_held").unwrap();
    assert_eq!(
        docs.htcds,
        vec![HtcdsTag {
            field: "MethodsOfControl",
            value: "WithholdsDocuments"
        }]
    );
    let (_, sex) = p.question_by_id("sex").unwrap();
    assert_eq!(sex.profile, Some(ProfileField::Sex));
    assert_eq!(sex.options[2].profile_value.as_deref(), Some("unknown"));
    // Every text people read, for the language and spelling checks.
    let names: Vec<String> = p.texts().into_iter().map(|(name, _)| name).collect();
    for expected in [
        "display title",
        "consent text",
        "domain control",
        "screen across",
        "partial-domain note",
        "deviation of unpaid",
        "variant 1 of unpaid",
        "name of source 1",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
}

#[test]
fn schema_2_keys_in_a_schema_1_file_are_refused_where_written() {
    let mut source = common::protocol_source(
        r#"[[question]]
id = "worker_q"
section = "main"
kind = "yes_no"
answered_by = "worker"
text = { ru = "Вы одни?", en = "Are you alone?" }
"#,
        "",
    );
    source = source.replacen(
        "title = { ru = \"Тест\", en = \"Test\" }",
        "title = { ru = \"Тест\", en = \"Test\" }\ndisplay_title = { ru = \"Проверка\", en = \"Check\" }",
        1,
    );
    assert_problem(
        &source,
        "{ ru = \"Проверка\"",
        0,
        "`display_title` needs `schema_version = 2`",
    );
    assert_problem(
        &source,
        "\"worker\"",
        0,
        "`answered_by` needs `schema_version = 2`",
    );
}

#[test]
fn a_schema_2_file_needs_its_neutral_title_consent_text_labels_and_notes() {
    let no_display = source("", "").replace(
        "display_title = { ru = \"Проверка безопасности\", en = \"Safety check\" }\n",
        "",
    );
    assert_problem(&no_display, "{ ru = \"Признаки", 0, "needs `display_title`");
    let no_consent = source("", "").replace(
        "consent_text = { ru = \"Ответы шифруются.\", en = \"Answers are encrypted.\" }\n",
        "",
    );
    assert_problem(&no_consent, "\"gate\"", 0, "needs `consent_text`");
    let no_label = source("", "").replace(
        "label = { ru = \"Признаки в разных областях\", en = \"Signs across areas\" }\n",
        "",
    );
    assert_problem(&no_label, "\"across\"", 0, "needs a `label`");
    let no_note = source("", "").replace(
        "partial_domain_note = { ru = \"Один сильный признак — повод присмотреться.\", en = \"One strong sign is reason to look closer.\" }\n",
        "",
    );
    assert!(parse(&no_note)
        .unwrap_err()
        .iter()
        .any(|d| d.message.contains("needs `partial_domain_note`")));
    let no_why = source("", "").replace("why = \"Nothing fired.\"\n", "");
    assert_problem(&no_why, "\"clean\"", 0, "needs `why`");
    let plain_source_name = source("", "").replace(
        "name = { ru = \"Операционные индикаторы МОТ/ЕК (2009)\", en = \"ILO/EC operational indicators (2009)\" }",
        "name = \"ILO/EC operational indicators (2009)\"",
    );
    assert_problem(
        &plain_source_name,
        "\"ILO/EC operational",
        0,
        "a source `name` is a text in a schema 2 file",
    );
}

#[test]
fn an_undeclared_domain_is_located_and_delphi_files_declare_all_six() {
    let undeclared = source(
        r#"[[question]]
id = "extra"
section = "talk"
kind = "yes_no"
text = { ru = "Ещё", en = "More" }
domain = "money"
strength = "medium"
"#,
        "",
    );
    assert_problem(
        &undeclared,
        "\"money\"",
        0,
        "`money` is not a declared domain",
    );
    let delphi = source("", "")
        .replace("model = \"count\"", "model = \"delphi\"")
        .replace("id = \"control\"", "id = \"coercion_at_destination\"")
        .replace("id = \"work\"", "id = \"exploitation\"")
        .replace(
            "domain = \"control\"",
            "domain = \"coercion_at_destination\"",
        )
        .replace("domain = \"work\"", "domain = \"exploitation\"")
        .replace(
            "domains = [\"control\", \"work\"]",
            "domains = [\"coercion_at_destination\", \"exploitation\"]",
        );
    let problems = parse(&delphi).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|d| d.message.contains("`deceptive_recruitment` is missing")),
        "{problems:#?}"
    );
}

#[test]
fn a_closed_gate_makes_a_quiet_result_observation_only_and_says_why() {
    let p = base();
    let quiet = score(
        &p,
        &answers(&p, "gate = \"companion_present\"\nseen_docs_held = \"no\""),
    );
    assert_eq!(quiet.band, Band::ObservationOnly);
    assert_eq!(quiet.rule, "observation_only");
    assert_eq!(quiet.observation_only.as_deref(), Some("companion_present"));
    // A concern found by observation keeps its band; the reason is still kept.
    let seen = score(
        &p,
        &answers(
            &p,
            "gate = \"person_declined\"\nseen_docs_held = \"yes\"\nseen_tired = \"yes\"",
        ),
    );
    assert_eq!(seen.band, Band::PossibleConcern);
    assert_eq!(seen.observation_only.as_deref(), Some("person_declined"));
    // Skipping the gate is not opening it.
    let skipped = score(&p, &answers(&p, "seen_docs_held = \"no\""));
    assert_eq!(skipped.observation_only.as_deref(), Some("skipped"));
    // An open gate: a plain result.
    let open = score(
        &p,
        &answers(
            &p,
            "seen_docs_held = \"no\"\nseen_tired = \"no\"\ngate = \"yes\"\nunpaid = \"no\"",
        ),
    );
    assert_eq!(open.observation_only, None);
    assert_eq!(open.band, Band::NoConcern);
}

#[test]
fn a_schema_1_file_keeps_its_results_when_the_gate_is_closed() {
    let p = parse(&common::protocol_source("", "").replacen(
        "validated = false",
        "validated = false\nsafety_gate = \"gate\"",
        1,
    ))
    .unwrap();
    let outcome = score(&p, &answers(&p, "gate = \"no\""));
    assert_eq!(outcome.band, Band::NoConcern);
    assert_eq!(outcome.observation_only, None);
}

#[test]
fn fired_items_below_every_threshold_never_read_as_no_indicators() {
    let p = base();
    let one = score(
        &p,
        &answers(&p, "seen_docs_held = \"no\"\nseen_tired = \"yes\"\ngate = \"yes\"\nunpaid = \"no\"\nlocked = \"no\""),
    );
    assert_eq!(one.band, Band::NoConcern);
    assert_eq!(one.rule, "below_threshold");
    assert_eq!(one.fired, vec!["seen_tired".to_owned()]);
    let none = score(
        &p,
        &answers(&p, "seen_docs_held = \"no\"\nseen_tired = \"no\"\ngate = \"yes\"\nunpaid = \"no\"\nlocked = \"no\""),
    );
    assert_eq!(none.rule, "no_indicators");
}

#[test]
fn an_unknown_option_counts_as_missing_and_replaces_unsure() {
    let p = base();
    let (_, q) = p.question_by_id("age_known").unwrap();
    assert!(!q.offers_unsure());
    assert!(q.offers_declined());
    let error = answers_error(&p, "age_known = \"unsure\"");
    assert!(error.contains("use `unknown`"), "{error}");
    // "Not known" is missing, like unsure: a scored question answered with
    // its unknown option counts toward "incomplete", never as "no".
    let scored = parse(
        &source(
            r#"[[question]]
id = "who_holds"
section = "end"
kind = "single"
text = { ru = "Кто держит паспорт?", en = "Who holds the passport?" }
domain = "control"
strength = "medium"
options = [
  { id = "self", text = { ru = "Сам", en = "Self" } },
  { id = "boss", fires = true, text = { ru = "Начальник", en = "Boss" } },
  { id = "unknown", unknown = true, text = { ru = "Неизвестно", en = "Not known" } },
]
"#,
            "",
        )
        .replace(
            "unpaid = \"no\", locked = \"no\" }",
            "unpaid = \"no\", locked = \"no\", who_holds = \"self\" }",
        ),
    )
    .unwrap_or_else(|p| panic!("{p:#?}"));
    let outcome = score(
        &scored,
        &answers(&scored, "seen_docs_held = \"no\"\nseen_tired = \"no\"\ngate = \"yes\"\nunpaid = \"no\"\nlocked = \"no\"\nwho_holds = \"unknown\""),
    );
    assert_eq!(outcome.missing, vec!["who_holds".to_owned()]);
    assert_eq!(outcome.band, Band::Incomplete);
    let condition = source(
        r#"[[question]]
id = "follow"
section = "talk"
kind = "yes_no"
show_if = 'age_known == "unsure"'
text = { ru = "Далее", en = "Next" }
"#,
        "",
    );
    assert_problem(&condition, "\"unsure\"", 0, "never takes \"unsure\"");
}

#[test]
fn unknown_options_are_checked() {
    let two = source("", "").replace(
        "  { id = \"child\", text = { ru = \"Ребёнок\", en = \"Child\" } },",
        "  { id = \"child\", unknown = true, text = { ru = \"Ребёнок\", en = \"Child\" } },",
    );
    assert_problem(
        &two,
        "true, text = { ru = \"Неизвестно\"",
        0,
        "has two `unknown` options",
    );
    let firing = source(
        r#"[[question]]
id = "scored_choice"
section = "talk"
kind = "single"
text = { ru = "Кто держит паспорт?", en = "Who holds the passport?" }
domain = "control"
strength = "medium"
options = [
  { id = "self", text = { ru = "Сам", en = "Self" } },
  { id = "boss", fires = true, text = { ru = "Начальник", en = "Boss" } },
  { id = "unknown", fires = true, unknown = true, text = { ru = "Неизвестно", en = "Not known" } },
]
"#,
        "",
    );
    assert_problem(
        &firing,
        "true, text = { ru = \"Неизвестно\"",
        1,
        "the `unknown` option cannot fire",
    );
}

#[test]
fn worker_answered_questions_cannot_be_declined() {
    let p = base();
    let (_, gate) = p.question_by_id("gate").unwrap();
    assert!(!gate.offers_declined());
    let error = answers_error(&p, "gate = \"declined\"");
    assert!(error.contains("cannot be declined"), "{error}");
    let condition = source(
        r#"[[question]]
id = "follow"
section = "talk"
kind = "yes_no"
show_if = 'direction == "declined"'
text = { ru = "Далее", en = "Next" }
"#,
        "",
    );
    assert_problem(&condition, "\"declined\"'", 0, "never takes \"declined\"");
}

#[test]
fn a_question_is_worded_by_its_first_variant_that_holds() {
    let p = base();
    let (index, _) = p.question_by_id("unpaid").unwrap();
    let entry = answers(&p, "direction = \"entry\"\ngate = \"yes\"");
    assert_eq!(
        question_text(&p, index, &entry).get(Lang::En).text,
        "Are you unpaid here?"
    );
    let exit = answers(&p, "direction = \"exit\"\ngate = \"yes\"");
    assert_eq!(
        question_text(&p, index, &exit).get(Lang::En).text,
        "Are you unpaid?"
    );
}

#[test]
fn profile_fields_are_checked_against_the_known_sets() {
    let bad_field = source("", "").replace("profile = \"sex\"", "profile = \"gender\"");
    assert_problem(
        &bad_field,
        "\"gender\"",
        0,
        "`gender` is not a profile field",
    );
    let bad_value = source("", "").replace("{ id = \"male\",", "{ id = \"man\",");
    assert_problem(
        &bad_value,
        "\"man\"",
        0,
        "`man` is not a value of the profile field `sex`",
    );
    let wrong_kind = source("", "").replace("profile = \"direction\"", "profile = \"age\"");
    assert_problem(
        &wrong_kind,
        "\"age\"",
        0,
        "is recorded by a number question",
    );
    let twice = source(
        r#"[[question]]
id = "sex_again"
section = "end"
kind = "single"
profile = "sex"
text = { ru = "Пол ещё раз", en = "Sex again" }
options = [
  { id = "female", text = { ru = "Ж", en = "F" } },
  { id = "male", text = { ru = "М", en = "M" } },
]
"#,
        "",
    );
    assert_problem(&twice, "\"sex\"", 2, "already recorded by `sex`");
    let citizenship = source(
        r#"[[question]]
id = "citizen"
section = "end"
kind = "single"
profile = "citizenship"
text = { ru = "Гражданство", en = "Citizenship" }
options = [
  { id = "kz", text = { ru = "Казахстан", en = "Kazakhstan" } },
  { id = "zz", text = { ru = "Иное", en = "Other" } },
]
"#,
        "",
    );
    assert_problem(&citizenship, "\"zz\"", 0, "ISO 3166-1 alpha-2");
}

#[test]
fn the_person_is_asked_profile_facts_only_after_the_safety_gate() {
    // `direction` (worker-answered) may come first; a person-asked profile
    // question before the gate is refused.
    let early = source("", "").replace(
        "answered_by = \"worker\"\nprofile = \"direction\"",
        "profile = \"direction\"",
    );
    assert_problem(&early, "\"direction\"\ntext", 0, "before the safety gate");
}

#[test]
fn htcds_tags_and_deviations_are_checked() {
    let bad = source("", "").replace(
        "htcds = \"MethodsOfControlWithholdsDocuments\"",
        "htcds = \"MethodsOfControlKeepsPassport\"",
    );
    assert_problem(
        &bad,
        "\"MethodsOfControlKeepsPassport\"",
        0,
        "is not an HTCDS 2.0 value",
    );
    let unscored = source("", "").replace(
        "id = \"notes\"\nsection = \"end\"\nkind = \"text\"",
        "id = \"notes\"\nsection = \"end\"\nkind = \"text\"\nhtcds = [\"TypeOfExploitationForcedBegging\"]",
    );
    assert_problem(
        &unscored,
        "[\"TypeOfExploitationForcedBegging\"]",
        0,
        "is not scored, so it never fires",
    );
    let deviation = source("", "").replace(
        "kind = \"text\"\nsensitive = true",
        "kind = \"text\"\nsensitive = true\ndeviation = { ru = \"x\", en = \"x\" }",
    );
    assert_problem(&deviation, "{ ru = \"x\"", 0, "remove `deviation`");
}

#[test]
fn a_single_gate_needs_a_yes_option() {
    let no_yes = source("", "")
        .replace(
            "{ id = \"yes\", text = { ru = \"Да\", en = \"Yes\" } },",
            "{ id = \"safe\", text = { ru = \"Да\", en = \"Yes\" } },",
        )
        .replace(
            "show_if = 'gate == \"yes\"'",
            "show_if = 'gate == \"safe\"'",
        )
        .replace("answers = { gate = \"yes\"", "answers = { gate = \"safe\"");
    assert_problem(
        &no_yes,
        "\"gate\"",
        0,
        "whose option `yes` means it is safe to talk",
    );
}

#[test]
fn shipped_schema_1_files_still_parse_unchanged() {
    for (path, protocol) in common::shipped() {
        if protocol.version == semver::Version::new(1, 0, 0) {
            assert_eq!(protocol.schema, 1, "{path}");
            let source = std::fs::read_to_string(&path).unwrap();
            assert!(parse_protocol(&path, &source).is_ok(), "{path}");
        }
    }
}

// ------------------------------------------------------------ directories

const DIRECTORY2: &str = r#"schema_version = 2
country = "kz"
version = "2.0.0"
updated = "2026-12-01"
languages = ["ru", "en"]

[[contact]]
id = "police"
phone = "102"
phone_intl = "+7 700 000 0000"
name = { ru = "Полиция", en = "Police" }
when = { ru = "Опасность", en = "Danger" }
hours = { ru = "круглосуточно", en = "24/7" }
languages = ["ru", "kk"]
verified = { by = "Test coordinator", on = "2026-11-30" }

[[contact]]
id = "ambulance"
phone = "103"
name = { ru = "Скорая", en = "Ambulance" }
when = { ru = "Здоровье", en = "Health" }

[[contact]]
id = "guardianship"
name = { ru = "Опека", en = "Guardianship office" }
when = { ru = "Ребёнок", en = "A child" }
how = { ru = "Через отдел образования акимата", en = "Through the akimat's education department" }

#NEXT#

[[next_steps]]
protocol = "*"
band = "immediate_danger"
call = ["police"]
steps = [{ ru = "Звоните", en = "Call" }]

[[next_steps]]
protocol = "*"
band = "clear_concern"
call = ["police"]
steps = [{ ru = "Звоните", en = "Call" }]

[[next_steps]]
protocol = "*"
band = "possible_concern"
call = ["police"]
steps = [{ ru = "Звоните", en = "Call" }]

[[next_steps]]
protocol = "*"
band = "incomplete"
call = ["police"]
steps = [{ ru = "Позже", en = "Later" }]

[[next_steps]]
protocol = "*"
band = "no_concern"
call = ["police"]
steps = [{ ru = "Номера", en = "Numbers" }]
"#;

const TAILORED: &str = r#"[[next_steps]]
protocol = "test-two"
band = "immediate_danger"
when = 'locked == "yes" and age_known == "child"'
call = ["ambulance", "police"]
steps = [{ ru = "Сначала скорая", en = "Ambulance first" }]

[[next_steps]]
protocol = "test-two"
band = "immediate_danger"
call = ["police", "guardianship"]
steps = [
  { ru = "Звоните 102", en = "Call 102" },
  { text = { ru = "Это ребёнок: опека", en = "A child: guardianship" }, when = 'age_known == "child"' },
]
"#;

#[test]
fn next_steps_are_chosen_by_the_answers() {
    let p = base();
    let directory = parse_directory("d.toml", &DIRECTORY2.replace("#NEXT#", TAILORED))
        .unwrap_or_else(|d| panic!("{d}"));
    let police = &directory.contacts[0];
    assert_eq!(police.phone_intl.as_deref(), Some("+7 700 000 0000"));
    assert_eq!(
        police.verified.as_ref().map(|v| v.by.as_str()),
        Some("Test coordinator")
    );
    assert!(directory.contacts[2].phone.is_none());

    let child = answers(
        &p,
        "gate = \"yes\"\nlocked = \"yes\"\nage_known = \"child\"",
    );
    let chosen = directory
        .next_steps_for(&p, Band::ImmediateDanger, &child)
        .unwrap();
    assert_eq!(chosen.call, ["ambulance", "police"]);

    let adult = answers(
        &p,
        "gate = \"yes\"\nlocked = \"yes\"\nage_known = \"adult\"",
    );
    let chosen = directory
        .next_steps_for(&p, Band::ImmediateDanger, &adult)
        .unwrap();
    assert_eq!(chosen.call, ["police", "guardianship"]);
    let steps: Vec<&str> = chosen.steps.iter().map(|t| t.get(Lang::En).text).collect();
    assert_eq!(steps, ["Call 102"], "no 'if this is a child' for an adult");

    // Another protocol takes the defaults; observation_only falls back to
    // incomplete in a directory with no steps of its own for it.
    let chosen = directory
        .next_steps_for(&p, Band::ObservationOnly, &adult)
        .unwrap();
    assert_eq!(chosen.steps[0].get(Lang::En).text, "Later");
    assert!(directory.check_conditions("d.toml", &[&p]).is_empty());
}

#[test]
fn directory_conditions_are_checked_against_the_protocols_they_name() {
    let p = base();
    let wrong = TAILORED.replace("locked == \"yes\"", "no_such_question == \"yes\"");
    let directory = parse_directory("d.toml", &DIRECTORY2.replace("#NEXT#", &wrong)).unwrap();
    let problems = directory.check_conditions("d.toml", &[&p]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0]
        .message
        .contains("`no_such_question` is not a question"));
    let source = DIRECTORY2.replace("#NEXT#", &wrong);
    assert_eq!(
        (problems[0].line, problems[0].col),
        position_of(&source, "no_such_question", 0)
    );
}

#[test]
fn directory_schema_2_rules_are_located() {
    let conditional_after_plain = format!(
        "{}\n{}",
        TAILORED
            .split("[[next_steps]]")
            .nth(2)
            .map(|s| format!("[[next_steps]]{s}"))
            .unwrap(),
        TAILORED
            .split("[[next_steps]]")
            .nth(1)
            .map(|s| format!("[[next_steps]]{s}"))
            .unwrap()
    );
    let problems = parse_directory(
        "d.toml",
        &DIRECTORY2.replace("#NEXT#", &conditional_after_plain),
    )
    .unwrap_err()
    .0;
    assert!(
        problems
            .iter()
            .any(|d| d.message.contains("so this one never would be")),
        "{problems:#?}"
    );
    let default_with_when = DIRECTORY2.replace(
        "protocol = \"*\"\nband = \"immediate_danger\"",
        "protocol = \"*\"\nband = \"immediate_danger\"\nwhen = 'x == \"yes\"'",
    );
    let problems = parse_directory("d.toml", &default_with_when).unwrap_err().0;
    assert!(problems
        .iter()
        .any(|d| d.message.contains("cannot have `when`")));
    let no_number = DIRECTORY2.replace(
        "how = { ru = \"Через отдел образования акимата\", en = \"Through the akimat's education department\" }\n",
        "",
    );
    let problems = parse_directory("d.toml", &no_number).unwrap_err().0;
    assert!(problems
        .iter()
        .any(|d| d.message.contains("needs a `phone`, or `how`")));
    let local_intl = DIRECTORY2.replace("+7 700 000 0000", "8 700 000 0000");
    let problems = parse_directory("d.toml", &local_intl).unwrap_err().0;
    assert!(problems
        .iter()
        .any(|d| d.message.contains("starting with +")));
    let v1_with_v2 = DIRECTORY2
        .replace("#NEXT#", "")
        .replace("schema_version = 2", "schema_version = 1");
    let problems = parse_directory("d.toml", &v1_with_v2).unwrap_err().0;
    assert!(problems
        .iter()
        .any(|d| d.message.contains("needs `schema_version = 2`")));
}

/// Content review §1.4: a child travelling alone got "NO INDICATORS FOUND …
/// no indicator was found" followed by the list of indicators found.
#[test]
fn a_result_with_fired_items_never_says_no_indicators_in_any_language() {
    use qorgau::i18n::Messages;
    use qorgau::present::outcome_text;
    let p = base();
    let set = answers(
        &p,
        "seen_docs_held = \"no\"\nseen_tired = \"yes\"\ngate = \"yes\"\nunpaid = \"no\"\nlocked = \"no\"",
    );
    let outcome = score(&p, &set);
    for lang in Lang::ALL {
        let messages = Messages::new(lang);
        let directory = qorgau::referral::shipped_directory("kz").unwrap();
        let text = outcome_text(&p, &outcome, &directory, &set, None, lang, &messages);
        for forbidden in [
            messages.get("band-no_concern"),
            messages.get("rule-no_indicators"),
        ] {
            assert!(!text.contains(&forbidden), "{lang}: {text}");
        }
        assert!(
            text.contains(&messages.get("band-no_concern-below_threshold")),
            "{lang}: {text}"
        );
        assert!(text.contains(
            p.question_by_id("seen_tired")
                .unwrap()
                .1
                .text
                .get(lang)
                .text
        ));
    }
}

#[test]
fn the_case_profile_comes_from_the_profile_questions_and_fired_items() {
    use qorgau::engine::case_profile;
    let p = base();
    let set = answers(
        &p,
        "direction = \"entry\"\nseen_docs_held = \"yes\"\ngate = \"yes\"\nsex = \"not_said\"",
    );
    let profile = case_profile(&p, &set);
    assert_eq!(profile.direction.as_deref(), Some("entry"));
    assert_eq!(
        profile.sex.as_deref(),
        Some("unknown"),
        "the option's profile value"
    );
    assert_eq!(
        profile.htcds,
        vec!["MethodsOfControlWithholdsDocuments".to_owned()]
    );
    // Declined is "unknown"; an item that did not fire gives no HTCDS value.
    let set = answers(
        &p,
        "seen_docs_held = \"no\"\ngate = \"yes\"\nsex = \"declined\"",
    );
    let profile = case_profile(&p, &set);
    assert_eq!(profile.sex.as_deref(), Some("unknown"));
    assert!(profile.htcds.is_empty());
    assert_eq!(profile.direction, None, "not answered: not recorded");
}

#[test]
fn consent_not_asked_is_no_choice_once_a_schema_2_gate_is_open() {
    use qorgau::record::Consent;
    assert!(!Consent::offered(2).contains(&Consent::Anonymous));
    assert_eq!(Consent::offered(2).len(), 3);
    assert!(Consent::offered(1).contains(&Consent::Anonymous));
}

/// A scripted screening of a schema 2 protocol whose answers open the gate
/// must say what the person agreed to.
#[test]
fn an_answers_file_that_opens_a_schema_2_gate_must_give_consent() {
    use qorgau::answers_file::check_consent_for_screening;
    let p = base();
    let open = parse_answers_file(&p, "a.toml", "[answers]\ngate = \"yes\"\n").unwrap();
    let problem = check_consent_for_screening(&p, "a.toml", &open).unwrap_err();
    assert!(
        problem.to_string().contains("consent = \"statistics\""),
        "{problem}"
    );
    let anonymous = parse_answers_file(
        &p,
        "a.toml",
        "consent = \"anonymous\"\n[answers]\ngate = \"yes\"\n",
    )
    .unwrap();
    assert!(check_consent_for_screening(&p, "a.toml", &anonymous).is_err());
    let given = parse_answers_file(
        &p,
        "a.toml",
        "consent = \"police\"\n[answers]\ngate = \"yes\"\n",
    )
    .unwrap();
    assert!(check_consent_for_screening(&p, "a.toml", &given).is_ok());
    let closed =
        parse_answers_file(&p, "a.toml", "[answers]\ngate = \"companion_present\"\n").unwrap();
    assert!(check_consent_for_screening(&p, "a.toml", &closed).is_ok());
}
