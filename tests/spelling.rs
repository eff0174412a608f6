//! Spelling: every text a worker or coordinator reads — the schema 2
//! protocols, the newest referral directory and the interface catalogue —
//! passes hunspell in Russian, Kazakh and (British) English. Words hunspell
//! does not know but that are right (names, terms, Kazakh inflected forms
//! the kk_KZ dictionary lacks) are listed in `tests/spelling/<lang>.words`,
//! each one checked by a person before it was added (see
//! `tests/spelling/README.md`).
//!
//! What is not a word never reaches hunspell: Fluent placeables, code in
//! backticks, `--flags`, a command after `qorgau ` with its arguments, file
//! names, paths, URLs, date patterns such as ГГГГ-ММ-ДД, the metavariable
//! after a flag (`--out FILE`), and single letters (the "c" of "3(c)" is
//! nothing hunspell can judge).
//!
//! Needs hunspell with the ru_RU, kk_KZ and en_GB dictionaries (Debian:
//! hunspell hunspell-ru hunspell-kk hunspell-en-gb; `.ci/run` installs them).
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use qorgau::lang::Text;
use qorgau::referral::shipped_directory;
use qorgau::Lang;
use strum::VariantArray;

const INSTALL: &str = "install hunspell and its dictionaries: \
    apt-get install hunspell hunspell-ru hunspell-kk hunspell-en-gb (`.ci/run` does)";

fn dictionary(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "ru_RU",
        Lang::Kk => "kk_KZ",
        Lang::En => "en_GB",
    }
}

fn word_list_path(lang: Lang) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/spelling/{lang}.words"))
}

/// The project's word list for a language, as written.
fn word_list(lang: Lang) -> Vec<String> {
    let path = word_list_path(lang);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// hunspell started on `text`, with the project's word list or without it;
/// the text is written from a thread of its own, so that neither side
/// waits for the other with a full pipe.
fn start_hunspell(lang: Lang, text: String, with_list: bool) -> Child {
    let personal = word_list_path(lang);
    // hunspell ignores a personal dictionary it cannot open: make sure it is there.
    assert!(personal.is_file(), "{} is missing", personal.display());
    let mut command = Command::new("hunspell");
    command.args(["-d", dictionary(lang), "-l", "-i", "utf-8"]);
    if with_list {
        command.arg("-p").arg(&personal);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run hunspell ({e}): {INSTALL}"));
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        // A hunspell that stops early (no dictionary) closes the pipe; its
        // exit status and message say why.
        let _ = stdin.write_all(text.as_bytes());
    });
    child
}

/// The words a started hunspell did not know.
fn unknown_words(lang: Lang, child: Child) -> BTreeSet<String> {
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("Can't open affix or dictionary"),
        "hunspell has no {} dictionary: {INSTALL}",
        dictionary(lang)
    );
    assert!(
        output.status.success(),
        "hunspell -d {} failed ({}): {stderr}",
        dictionary(lang),
        output.status
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The texts and what hunspell said about them, computed once for the
/// tests below (hunspell runs for every language at the same time).
struct Checked {
    texts: BTreeMap<Lang, Vec<(String, String)>>,
    /// Unknown words with the project's word list.
    unknown: BTreeMap<Lang, BTreeSet<String>>,
    /// Unknown words without it.
    unknown_bare: BTreeMap<Lang, BTreeSet<String>>,
}

fn checked() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let texts = texts();
        let running: Vec<(Lang, Child, Child)> = texts
            .iter()
            .map(|(lang, texts)| {
                let all = all_text(texts);
                let with_list = start_hunspell(*lang, all.clone(), true);
                let bare = start_hunspell(*lang, all, false);
                (*lang, with_list, bare)
            })
            .collect();
        let mut unknown = BTreeMap::new();
        let mut unknown_bare = BTreeMap::new();
        for (lang, with_list, bare) in running {
            unknown.insert(lang, unknown_words(lang, with_list));
            unknown_bare.insert(lang, unknown_words(lang, bare));
        }
        Checked {
            texts,
            unknown,
            unknown_bare,
        }
    })
}

/// The words of qorgau's commands (`hub`, `export-csv`, `ack` …), from the
/// ids of their `--help` texts, which every command has.
fn command_words() -> BTreeSet<String> {
    qorgau::i18n::message_ids(Lang::En)
        .iter()
        .filter_map(|id| id.strip_prefix("help-"))
        .filter(|path| !path.contains("--") && !path.starts_with("heading-"))
        .flat_map(|path| path.split('-').map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

/// Punctuation around a token that is not part of it.
fn trimmed(token: &str) -> &str {
    token
        .trim_start_matches(|c: char| "([{«\"'“„".contains(c))
        .trim_end_matches(|c: char| ")]},;:!?.»\"'”…".contains(c))
}

/// A file name, path, URL, e-mail-like or `ID@VERSION` token.
fn is_file_or_address(token: &str) -> bool {
    if token.contains("://") || token.starts_with("www.") || token.contains('@') {
        return true;
    }
    if token.starts_with('/') || token.starts_with("./") || token.starts_with("~/") {
        return true;
    }
    // `.receipt`, `kz.toml`, `ID/ВЕРСИЯ.toml`, `kazakhstan.iom.int`: a dot
    // followed by a short ASCII extension at the end.
    match token.rsplit_once('.') {
        Some((before, extension)) => {
            (2..=7).contains(&extension.len())
                && extension.chars().all(|c| c.is_ascii_alphanumeric())
                && extension.chars().any(|c| c.is_ascii_lowercase())
                && !before.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// `YYYY-MM-DD`, `ГГГГ-ММ-ДД`, `ЖЖЖЖ-АА-КК`: a date pattern, not words.
fn is_date_pattern(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    let repeated = |part: &str, n: usize| {
        let mut chars = part.chars();
        let first = chars.next();
        part.chars().count() == n
            && first.is_some_and(char::is_uppercase)
            && part.chars().all(|c| Some(c) == first)
    };
    parts.len() == 3 && repeated(parts[0], 4) && repeated(parts[1], 2) && repeated(parts[2], 2)
}

/// An argument written after a command: a metavariable such as `RECEIPT`
/// or a code such as `K7P`.
fn is_command_argument(token: &str) -> bool {
    !token.is_empty()
        && token.is_ascii()
        && token
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// What `--help` shows after a flag for its value (`--out FILE`,
/// `--protocols DIR`): Latin capitals, at least two. Only right after a
/// flag: elsewhere capitals are an abbreviation (`HTML`, `CSV`), which
/// hunspell judges.
fn is_metavariable(token: &str) -> bool {
    token.chars().count() >= 2 && token.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

/// `text` with everything that is not a word replaced by spaces.
fn words_only(lang: Lang, text: &str, commands: &BTreeSet<String>) -> String {
    // Code in backticks.
    let mut without_code = String::new();
    for (i, part) in text.split('`').enumerate() {
        without_code.push_str(if i % 2 == 0 { part } else { " " });
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut in_command = false;
    for line in without_code.lines() {
        let mut after_flag = false;
        for token in line.split_whitespace() {
            let core = trimmed(token);
            if std::mem::take(&mut after_flag) && is_metavariable(core) {
                continue;
            }
            if in_command {
                let command_word =
                    !core.is_empty() && core.split('-').all(|part| commands.contains(part));
                if command_word || is_command_argument(core) {
                    continue;
                }
                in_command = false;
            }
            if core == "qorgau" {
                in_command = true;
                continue;
            }
            if core.starts_with("--") {
                // A value follows a flag only when no punctuation ends it
                // (`--yes, OK` is not `--yes OK`).
                after_flag = !token.ends_with(|c: char| ",;:!?.)»…".contains(c));
                continue;
            }
            if is_file_or_address(core) || is_date_pattern(core) {
                continue;
            }
            kept.push(token);
        }
        kept.push("\n");
        in_command = false;
    }
    let joined = kept.join(" ");
    // Single letters: a run of one letter that no other letter joins to a
    // word (nor an apostrophe in English: "ILO's"; the ru and kk
    // dictionaries split at one, so the "s" of "Children's" is alone).
    let chars: Vec<char> = joined.chars().collect();
    let in_word = |c: char| c.is_alphanumeric() || lang == Lang::En && (c == '\'' || c == '’');
    let mut out = String::with_capacity(joined.len());
    let mut i = 0;
    while i < chars.len() {
        if in_word(chars[i]) {
            let start = i;
            while i < chars.len() && in_word(chars[i]) {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let letters = run.trim_matches(['\'', '’']);
            let single = letters.chars().count() == 1 && letters.chars().all(char::is_alphabetic);
            out.push_str(if single { " " } else { &run });
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The text of a Fluent pattern, each variant of a selection on a line
/// of its own; placeables are not words.
fn pattern_text(pattern: &Pattern<&str>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression } => expression_text(expression, out),
        }
    }
}

fn expression_text(expression: &Expression<&str>, out: &mut String) {
    match expression {
        Expression::Select { variants, .. } => {
            for variant in variants {
                out.push('\n');
                pattern_text(&variant.value, out);
                out.push('\n');
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_text(expression, out)
        }
        Expression::Inline(_) => out.push(' '),
    }
}

/// Every message of a language's interface catalogue, by id.
fn catalogue(lang: Lang) -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("i18n/{lang}.ftl"));
    let source = std::fs::read_to_string(&path).unwrap();
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let mut text = String::new();
                if let Some(value) = &message.value {
                    pattern_text(value, &mut text);
                }
                for attribute in &message.attributes {
                    text.push('\n');
                    pattern_text(&attribute.value, &mut text);
                }
                Some((format!("i18n/{lang}.ftl: {}", message.id.name), text))
            }
            _ => None,
        })
        .collect()
}

/// Everything people read, by language, each text (words only) with where
/// it comes from.
fn texts() -> BTreeMap<Lang, Vec<(String, String)>> {
    let commands = command_words();
    let mut by_lang: BTreeMap<Lang, Vec<(String, String)>> = BTreeMap::new();
    let mut add = |what: String, text: &Text| {
        for (lang, value) in text.iter() {
            by_lang
                .entry(lang)
                .or_default()
                .push((what.clone(), words_only(lang, value, &commands)));
        }
    };
    for (path, protocol) in common::shipped() {
        if protocol.schema < 2 {
            continue; // shipped 1.0.0 files are frozen as they are
        }
        for (name, text) in protocol.texts() {
            add(format!("{path}: {name}"), text);
        }
    }
    let directory = shipped_directory("kz").unwrap();
    assert!(directory.schema >= 2, "the newest directory is schema 2");
    for region in &directory.regions {
        add(format!("region {}", region.id), &region.name);
    }
    let contacts = directory
        .contacts
        .iter()
        .chain(directory.regions.iter().flat_map(|r| &r.contacts));
    for contact in contacts {
        add(format!("contact {}", contact.id), &contact.name);
        add(format!("contact {} when", contact.id), &contact.when);
        if let Some(how) = &contact.how {
            add(format!("contact {} how", contact.id), how);
        }
        if let Some(hours) = &contact.hours {
            add(format!("contact {} hours", contact.id), hours);
        }
    }
    for steps in &directory.next_steps {
        let what = format!("next steps {} {}", steps.protocol, steps.band);
        if let Some(tier) = &steps.tier {
            add(format!("{what} tier"), tier);
        }
        for step in &steps.steps {
            add(what.clone(), &step.text);
        }
    }
    for &lang in Lang::VARIANTS {
        for (what, text) in catalogue(lang) {
            let plain = words_only(lang, &text, &commands);
            by_lang.entry(lang).or_default().push((what, plain));
        }
    }
    by_lang
}

/// Every distinct token of the texts, one a line: hunspell judges each
/// word on its own, and checking a token once instead of at every
/// occurrence makes the run several times faster.
fn all_text(texts: &[(String, String)]) -> String {
    let tokens: BTreeSet<&str> = texts
        .iter()
        .flat_map(|(_, text)| text.split_whitespace())
        .collect();
    tokens.into_iter().collect::<Vec<_>>().join("\n")
}

/// Where a word occurs (at most three places), for the failure message.
fn where_found(texts: &[(String, String)], word: &str) -> String {
    let places: Vec<&str> = texts
        .iter()
        .filter(|(_, text)| {
            text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .any(|w| w == word || w.split(['\'', '’']).any(|part| part == word))
        })
        .map(|(what, _)| what.as_str())
        .take(3)
        .collect();
    places.join("; ")
}

#[test]
fn hunspell_finds_no_misspelling_in_any_language() {
    let checked = checked();
    let mut report = String::new();
    for (lang, words) in &checked.unknown {
        for word in words {
            report.push_str(&format!(
                "{lang}: {word}   ({})\n",
                where_found(&checked.texts[lang], word)
            ));
        }
    }
    assert!(
        report.is_empty(),
        "hunspell does not know these words: fix the spelling, or — if a person who \
         writes the language checked the word — add it to tests/spelling/<lang>.words \
         (sorted):\n{report}"
    );
}

/// `--protocols DIR`, `qorgau hub publish --out FILE`: the capitals after
/// a flag are its metavariable, as `--help` shows it, not a word; an
/// abbreviation in a sentence (`HTML`, `CSV`) and a translated
/// metavariable (`--answers ФАЙЛ`) are still checked.
#[test]
fn metavariables_after_flags_are_not_words() {
    let commands = command_words();
    let text = "the protocols of --protocols DIR, then qorgau hub publish --out FILE; \
        an HTML page or a CSV table; --answers ФАЙЛ.";
    let words: Vec<String> = words_only(Lang::En, text, &commands)
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(
        words,
        [
            "the",
            "protocols",
            "of",
            "then",
            "an",
            "HTML",
            "page",
            "or",
            "CSV",
            "table",
            "ФАЙЛ"
        ]
    );
}

/// Each list is hunspell's personal-dictionary format: one word a line,
/// sorted (byte order, as `LC_ALL=C sort`), no repeats, and only words:
/// nothing the extraction above keeps away from hunspell.
#[test]
fn word_lists_hold_sorted_single_words() {
    let commands = command_words();
    let mut problems = Vec::new();
    for &lang in Lang::VARIANTS {
        let words = word_list(lang);
        if words.is_empty() {
            problems.push(format!("{lang}: the list is empty"));
        }
        for pair in words.windows(2) {
            if pair[0] >= pair[1] {
                problems.push(format!(
                    "{lang}: not sorted or repeated: {} / {}",
                    pair[0], pair[1]
                ));
            }
        }
        for word in &words {
            let only_word = words_only(lang, word, &commands);
            if word.is_empty()
                || word.chars().any(char::is_whitespace)
                || word.contains('/')
                || only_word.trim() != word
            {
                problems.push(format!("{lang}: not a single word: {word:?}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "tests/spelling/<lang>.words:\n{}",
        problems.join("\n")
    );
}

/// A word stays in a list only while some text needs it, so a list does
/// not keep approving a word nobody writes any more.
#[test]
fn every_listed_word_is_still_needed() {
    let checked = checked();
    let mut report = String::new();
    for &lang in Lang::VARIANTS {
        let unknown = &checked.unknown_bare[&lang];
        for word in word_list(lang) {
            // As hunspell reads a personal dictionary: a word in lower case
            // also stands for its capitalised and upper-case forms.
            let mut capitalised = word.chars();
            let capitalised: String = capitalised
                .next()
                .map(|first| first.to_uppercase().chain(capitalised).collect())
                .unwrap_or_default();
            let used = unknown.contains(&word)
                || unknown.contains(&capitalised)
                || unknown.contains(&word.to_uppercase());
            if !used {
                report.push_str(&format!("{lang}: {word}\n"));
            }
        }
    }
    assert!(
        report.is_empty(),
        "these words are in tests/spelling/<lang>.words, but no text needs them any \
         more (hunspell knows them, or they are gone): remove them:\n{report}"
    );
}
