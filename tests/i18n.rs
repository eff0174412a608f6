//! The interface catalogue: every language has every message, no file has
//! syntax errors, plural forms follow CLDR, and protocol texts fall back to
//! Russian with a visible mark.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use qorgau::i18n::{message_ids, parse_errors, Arg, Messages};
use qorgau::lang::Lang;
use strum::VariantArray;

#[test]
fn every_language_has_every_message_and_parses() {
    let english = message_ids(Lang::En);
    assert!(english.len() > 80, "{}", english.len());
    for &lang in Lang::VARIANTS {
        assert!(
            parse_errors(lang).is_empty(),
            "{lang}: {:?}",
            parse_errors(lang)
        );
        let ids = message_ids(lang);
        let missing: Vec<_> = english.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(missing.is_empty(), "{lang} misses {missing:?}");
        assert!(extra.is_empty(), "{lang} has unknown {extra:?}");
    }
}

#[test]
fn every_message_formats_without_leftover_placeholders() {
    for &lang in Lang::VARIANTS {
        let messages = Messages::new(lang);
        for id in message_ids(lang) {
            let text = messages.format(
                &id,
                &[
                    ("protocol", Arg::Str("P")),
                    ("section", Arg::Str("S")),
                    ("position", Arg::Num(3)),
                    ("total", Arg::Num(9)),
                    ("count", Arg::Num(5)),
                    ("answer", Arg::Str("A")),
                    ("min", Arg::Num(0)),
                    ("max", Arg::Num(120)),
                    ("rule", Arg::Str("R")),
                    ("screen", Arg::Str("s")),
                    ("needed", Arg::Num(2)),
                    ("tier", Arg::Str("T")),
                    ("code", Arg::Str("ABC-234")),
                    ("hub", Arg::Str("H")),
                    ("draft", Arg::Str("D")),
                    ("started", Arg::Str("2026")),
                    ("id", Arg::Str("0000")),
                    ("path", Arg::Str("/p")),
                    ("days", Arg::Num(30)),
                    ("held", Arg::Num(3)),
                    ("removed", Arg::Num(3)),
                    ("records", Arg::Num(3)),
                    ("device", Arg::Str("dev")),
                    ("region", Arg::Str("r")),
                    ("file", Arg::Str("f")),
                    ("accepted", Arg::Num(1)),
                    ("rejected", Arg::Num(0)),
                    ("receipt", Arg::Str("x.receipt")),
                    ("reason", Arg::Str("why")),
                    ("failed", Arg::Num(1)),
                    ("lang", Arg::Str("ru")),
                    ("missing", Arg::Num(1)),
                    ("asked", Arg::Num(3)),
                    ("value", Arg::Str("v")),
                    ("range", Arg::Str("from 0 to 9")),
                    ("answered", Arg::Num(2)),
                    ("ids", Arg::Str("A, B")),
                    ("protocol", Arg::Str("p")),
                    ("contact", Arg::Str("c")),
                    ("known", Arg::Str("k")),
                    ("detail", Arg::Str("d")),
                    ("error", Arg::Str("e")),
                    ("at", Arg::Str("2026-01-01T09:00:00Z")),
                    ("time", Arg::Str("t")),
                    ("list", Arg::Str("l")),
                    ("by", Arg::Str("b")),
                    ("finished", Arg::Str("f")),
                    ("columns", Arg::Num(4)),
                    ("arg", Arg::Str("--x")),
                    ("valid", Arg::Str("a, b")),
                    ("command", Arg::Str("c")),
                    ("flagged", Arg::Num(1)),
                    ("problems", Arg::Num(2)),
                    ("option", Arg::Str("since")),
                    ("since", Arg::Str("2026-01-01")),
                    ("fingerprint", Arg::Str("0000-1111-2222-3333")),
                    ("first", Arg::Str("2026-01-01")),
                    ("last", Arg::Str("2026-01-31")),
                    ("codes", Arg::Str("ABC-234")),
                    ("longer", Arg::Str("ABC-234-K4")),
                    ("what", Arg::Str("ABC-234")),
                    ("date", Arg::Str("2026-01-01")),
                    ("chars", Arg::Num(5)),
                    ("suggestion", Arg::Str("a b c d e")),
                    ("query", Arg::Str("ABC-234")),
                    ("note", Arg::Str("n")),
                    ("number", Arg::Str("+7")),
                    ("hours", Arg::Str("24/7")),
                    ("name", Arg::Str("Clinic 2")),
                    ("k", Arg::Num(5)),
                    ("generalised", Arg::Num(3)),
                    ("suppressed", Arg::Num(1)),
                    ("version", Arg::Str("2.0")),
                    ("seq", Arg::Num(3)),
                    ("installed", Arg::Num(4)),
                    ("instead", Arg::Str("p@2.0.0")),
                    ("found", Arg::Str("h1")),
                    ("expected", Arg::Str("h2")),
                    ("directory", Arg::Str("kz 1.1.0")),
                    ("newest", Arg::Str("kz 1.0.0")),
                    ("list", Arg::Str("a, b")),
                    ("old", Arg::Str("0000-1111-2222-3333")),
                    ("offered", Arg::Str("4444-5555-6666-7777")),
                    ("record", Arg::Str("r")),
                ],
            );
            assert!(!text.trim().is_empty(), "{lang} {id} is empty");
            assert!(
                !text.contains('{'),
                "{lang} {id} left a placeholder: {text}"
            );
            assert_ne!(text, id, "{lang} {id} did not resolve");
        }
    }
}

#[test]
fn russian_plurals_follow_cldr() {
    let ru = Messages::new(Lang::Ru);
    let total = |n: i64| ru.format("walk-total-changed", &[("count", Arg::Num(n))]);
    // one: 1, 21, 101; few: 2–4, 22–24; many: 0, 5–20, 25–30, 11–14.
    for n in [1, 21, 101] {
        assert!(
            total(n).contains(&format!("{n} вопрос:")),
            "{n}: {}",
            total(n)
        );
    }
    for n in [2, 3, 4, 22, 34] {
        assert!(
            total(n).contains(&format!("{n} вопроса:")),
            "{n}: {}",
            total(n)
        );
    }
    for n in [0, 5, 11, 12, 14, 20, 25, 111] {
        assert!(
            total(n).contains(&format!("{n} вопросов:")),
            "{n}: {}",
            total(n)
        );
    }
}

/// `purge-done` chooses the number of days inside each variant: once it
/// printed "… more than 30 days ago. more than 30 days ago." for nothing
/// removed.
#[test]
fn russian_purge_message_says_each_thing_once() {
    let ru = Messages::new(Lang::Ru);
    let purge = |count: i64, days: i64| {
        ru.format(
            "purge-done",
            &[("count", Arg::Num(count)), ("days", Arg::Num(days))],
        )
    };
    let nothing = purge(0, 30);
    assert_eq!(nothing.matches("назад").count(), 1, "{nothing}");
    assert!(nothing.starts_with("Удалять пока нечего"), "{nothing}");
    assert!(nothing.contains("более 30 дней назад."), "{nothing}");
    assert_eq!(
        purge(1, 21),
        "Удалена 1 сводка: координатор подтвердил получение записи более 21 дня назад."
    );
    assert_eq!(
        purge(3, 30),
        "Удалены 3 сводки: координатор подтвердил получение записей более 30 дней назад."
    );
    assert_eq!(
        purge(5, 2),
        "Удалено 5 сводок: координатор подтвердил получение записей более 2 дней назад."
    );
}

#[test]
fn kazakh_and_english_plurals() {
    let kk = Messages::new(Lang::Kk);
    assert_eq!(
        kk.format("walk-total-changed", &[("count", Arg::Num(1))])
            .replace('1', "N"),
        kk.format("walk-total-changed", &[("count", Arg::Num(5))])
            .replace('5', "N"),
        "Kazakh nouns after numerals do not change"
    );
    let en = Messages::new(Lang::En);
    assert!(en
        .format("walk-total-changed", &[("count", Arg::Num(1))])
        .starts_with("Now 1 question in all"));
    assert!(en
        .format("walk-total-changed", &[("count", Arg::Num(2))])
        .starts_with("Now 2 questions in all"));
}

#[test]
fn the_three_catalogues_are_really_in_their_languages() {
    let cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    for id in message_ids(Lang::En) {
        if id == "text-missing-mark" {
            continue;
        }
        let ru = Messages::new(Lang::Ru).get(&id);
        let kk = Messages::new(Lang::Kk).get(&id);
        let en = Messages::new(Lang::En).get(&id);
        if en.contains('{') {
            continue; // a message with arguments; formatted in the test above
        }
        assert!(!cyrillic(&en), "en {id}: {en}");
        let only_symbols = en.chars().filter(|c| c.is_alphabetic()).count() < 3;
        if !only_symbols {
            assert!(cyrillic(&ru), "ru {id}: {ru}");
            assert!(cyrillic(&kk), "kk {id}: {kk}");
            assert_ne!(ru, kk, "kk {id} is a copy of ru");
        }
    }
}

#[test]
fn a_missing_protocol_text_falls_back_to_russian_with_a_mark() {
    // A user protocol written in Russian and English only, shown in Kazakh.
    let protocol = common::parse(&common::protocol_source("", "")).unwrap();
    let messages = Messages::new(Lang::Kk);
    let shown = qorgau::present::localized(&protocol.title, Lang::Kk, &messages);
    assert_eq!(shown, "[ru] Тест");

    let english = qorgau::present::localized(&protocol.title, Lang::En, &messages);
    assert_eq!(english, "Test");
}

/// Literals in the source that look like message ids but are not: protocol
/// ids, feature names, encodings, test data.
const NOT_MESSAGES: &[&str] = &[
    "border-checkpoint",
    "medical-rapid-response",
    "patronage-home-visit",
    "school-safety",
    "test-hooks",
    "utf-8",
    "dev-1",
    "dev-7",
    "hub-1",
    "hub-2",
    // Labels inside cryptographic derivations and file names.
    "case-code",
    "device-state",
    "db-wal",
    "qorgau-card-fingerprint-v1",
    "qorgau-hub-row-key-v1",
    "set-up",
];

fn source_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every message id the code names — any string literal shaped like
/// `word-word` — is in every catalogue; and no id is put together at run
/// time (the command-line help ids, which are, have their own test that
/// walks every command).
#[test]
fn every_message_id_in_the_code_is_in_every_catalogue() {
    let mut files = Vec::new();
    source_files(std::path::Path::new("src"), &mut files);
    let mut ids = std::collections::BTreeSet::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for dynamic in [".get(&format!(", ".format(&format!(", "get(&format!("] {
            assert!(
                !source.contains(dynamic),
                "{}: a message id built at run time ({dynamic}); use a fixed list",
                file.display()
            );
        }
        let bytes = source.as_bytes();
        let mut i = 0;
        while let Some(start) = source[i..].find('"').map(|p| p + i) {
            let end = match source[start + 1..].find('"') {
                Some(e) => start + 1 + e,
                None => break,
            };
            let literal = &source[start + 1..end];
            let shaped = literal.contains('-')
                && !literal.starts_with('-')
                && !literal.ends_with('-')
                && literal
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_lowercase())
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if shaped && !NOT_MESSAGES.contains(&literal) {
                ids.insert((literal.to_owned(), file.display().to_string()));
            }
            i = end + 1;
            let _ = bytes;
        }
    }
    assert!(ids.len() > 150, "{}", ids.len());
    for &lang in Lang::VARIANTS {
        let known = message_ids(lang);
        let missing: Vec<_> = ids.iter().filter(|(id, _)| !known.contains(id)).collect();
        assert!(missing.is_empty(), "{lang} misses {missing:?}");
    }
}
