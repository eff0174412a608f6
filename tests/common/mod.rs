//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod env;
pub mod lab;
pub mod one_device;
#[cfg(unix)]
pub mod term;

use qorgau::catalog::parse_protocol;
use qorgau::protocol::Protocol;
use qorgau::Diagnostic;

/// A small valid protocol; tests splice problems into it.
pub const BASE: &str = r#"schema_version = 1
id = "test-protocol"
version = "1.0.0"
languages = ["ru", "en"]
audience = ["tester"]
validated = false
title = { ru = "Тест", en = "Test" }
description = { ru = "Описание", en = "Description" }

[[sources]]
name = "ILO/EC Delphi operational indicators (2009)"

[scoring]
model = "delphi"
population = "adult"

[[section]]
id = "main"
title = { ru = "Главное", en = "Main" }

[[question]]
id = "gate"
section = "main"
kind = "yes_no"
text = { ru = "Можно говорить?", en = "Safe to talk?" }

[[question]]
id = "age_group"
section = "main"
kind = "single"
text = { ru = "Возраст", en = "Age" }
options = [
  { id = "adult", text = { ru = "Взрослый", en = "Adult" } },
  { id = "child", text = { ru = "Ребёнок", en = "Child" } },
]

[[question]]
id = "deceived"
section = "main"
kind = "yes_no"
show_if = 'gate == "yes"'
text = { ru = "Обманули?", en = "Deceived?" }
domain = "deceptive_recruitment"
strength = "strong"

#QUESTIONS#

[[question]]
id = "notes"
section = "main"
kind = "text"
sensitive = true
text = { ru = "Заметки", en = "Notes" }

#CASES#
"#;

/// BASE with extra questions and cases spliced in.
pub fn protocol_source(questions: &str, cases: &str) -> String {
    BASE.replace("#QUESTIONS#", questions)
        .replace("#CASES#", cases)
}

pub fn parse(source: &str) -> Result<Protocol, Vec<Diagnostic>> {
    parse_protocol("test.toml", source).map_err(|d| d.0)
}

/// Line and column (from 1, in characters) of the `nth` (from 0) occurrence
/// of `needle` in `source`, counted here independently of the library.
pub fn position_of(source: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = source
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", nth + 1))
        .0;
    let before = &source[..offset];
    let line = before.lines().count().max(1) + usize::from(before.ends_with('\n'));
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Assert that parsing fails with a problem whose message contains `fragment`,
/// located at the `nth` occurrence of `needle`.
pub fn assert_problem(source: &str, needle: &str, nth: usize, fragment: &str) {
    let problems = match parse(source) {
        Ok(_) => panic!("expected a problem containing `{fragment}`, but the protocol is valid"),
        Err(p) => p,
    };
    let (line, col) = position_of(source, needle, nth);
    let found = problems
        .iter()
        .find(|d| d.message.contains(fragment))
        .unwrap_or_else(|| panic!("no problem contains `{fragment}`; got:\n{problems:#?}"));
    assert_eq!(
        (found.line, found.col),
        (line, col),
        "`{fragment}` should be located at `{needle}` #{nth}: {found}"
    );
    assert_eq!(found.path, "test.toml");
}

/// The shipped protocols, parsed from the repository's files.
pub fn shipped() -> Vec<(String, Protocol)> {
    qorgau::catalog::SHIPPED_PROTOCOLS
        .iter()
        .map(|file| {
            let protocol =
                parse_protocol(file.path(), file.text().unwrap()).unwrap_or_else(|d| panic!("{d}"));
            (file.path().to_owned(), protocol)
        })
        .collect()
}
