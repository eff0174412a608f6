//! The library's messages name no command-line flag (`--data-dir`) and no
//! `qorgau <command>` to run: that advice is the binary's, added as a
//! localized hint (`src/error.rs`), so the library can be reused and its
//! messages localized (issue 15, "Errors").
//!
//! Scans every string literal in the library's source (`src/` without the
//! binary's `main.rs`, `cli.rs`, `error.rs`, `commands/` and `ui/`); doc
//! comments, comments and `#[cfg(test)]` items are not messages.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// The `qorgau` subcommands (`src/cli.rs`); `qorgau` followed by one of
/// them is advice to run a command.
const SUBCOMMANDS: &[&str] = &[
    "ack",
    "config",
    "dev",
    "discard",
    "drafts",
    "export",
    "help",
    "hub",
    "init",
    "passphrase",
    "protocol",
    "protocols",
    "purge",
    "record",
    "records",
    "resume",
    "screen",
    "update",
];

/// Texts that are not messages: comment lines at the top of files that
/// travel (a hub card, a receipt), frozen by golden files, where the
/// command to run is part of the file's own documentation.
const ALLOWED: &[(&str, &str)] = &[
    ("src/crypto/card.rs", "(qorgau init --hub)"),
    ("src/sync/receipt.rs", "On the device: qorgau ack THIS_FILE"),
];

const BINARY: &[&str] = &["main.rs", "cli.rs", "error.rs", "commands", "ui"];

fn library_files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(&src).unwrap();
            let first = relative.components().next().unwrap().as_os_str();
            if BINARY.iter().any(|b| first == *b) {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The string literals of Rust source outside comments and `#[cfg(test)]`
/// items, with their line numbers. Enough Rust lexing for this crate:
/// line and block comments, plain and raw strings, char literals and
/// lifetimes.
fn string_literals(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // While inside a `#[cfg(test)]` item: the brace depth that ends it.
    let mut skipping: Option<usize> = None;
    let mut depth = 0usize;
    let mut pending_test_item = false;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..chars.len().min(i + 12)].iter().collect();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if rest.starts_with("//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with("/*") {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if rest.starts_with("#[cfg(test)]") {
            pending_test_item = true;
            i += 12;
        } else if c == '{' {
            if pending_test_item && skipping.is_none() {
                skipping = Some(depth);
            }
            pending_test_item = false;
            depth += 1;
            i += 1;
        } else if c == ';' && pending_test_item && skipping.is_none() {
            // `#[cfg(test)] use …;` or `mod tests;`: an item without a body.
            pending_test_item = false;
            i += 1;
        } else if c == '}' {
            depth = depth.saturating_sub(1);
            if skipping == Some(depth) {
                skipping = None;
            }
            i += 1;
        } else if c == 'r' && (rest.starts_with("r\"") || rest.starts_with("r#")) && {
            let before = i.checked_sub(1).map(|b| chars[b]);
            !before.is_some_and(|b| b.is_alphanumeric() || b == '_')
        } {
            let hashes = rest[1..].chars().take_while(|&h| h == '#').count();
            if rest[1 + hashes..].starts_with('"') {
                let start_line = line;
                i += 2 + hashes;
                let mut text = String::new();
                loop {
                    if i >= chars.len() {
                        break;
                    }
                    if chars[i] == '"'
                        && chars[i + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == '#')
                            .count()
                            == hashes
                    {
                        i += 1 + hashes;
                        break;
                    }
                    line += usize::from(chars[i] == '\n');
                    text.push(chars[i]);
                    i += 1;
                }
                if skipping.is_none() {
                    found.push((start_line, text));
                }
            } else {
                i += 1;
            }
        } else if c == '"' {
            let start_line = line;
            i += 1;
            let mut text = String::new();
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                    if chars.get(i) == Some(&'\n') {
                        // A continuation: the line break and the indent are not text.
                        line += 1;
                        i += 1;
                        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                            line += usize::from(chars[i] == '\n');
                            i += 1;
                        }
                        continue;
                    }
                    text.push('\\');
                }
                line += usize::from(chars[i] == '\n');
                text.push(chars[i]);
                i += 1;
            }
            i += 1;
            if skipping.is_none() {
                found.push((start_line, text));
            }
        } else if c == '\'' {
            // A char literal ('x', '\n', '\'', '"'), else a lifetime.
            if chars.get(i + 1) == Some(&'\\') {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    found
}

/// What in `text` is command-line advice, if anything.
fn cli_advice(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("--") {
        let before_ok = at == 0 || !bytes[at - 1].is_ascii_alphanumeric() && bytes[at - 1] != b'-';
        if before_ok && bytes.get(at + 2).is_some_and(u8::is_ascii_lowercase) {
            let flag: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            return Some(flag);
        }
    }
    for (at, _) in text.match_indices("qorgau ") {
        let word: String = text[at + 7..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        if SUBCOMMANDS.contains(&word.as_str()) {
            return Some(format!("qorgau {word}"));
        }
    }
    None
}

#[test]
fn the_scanner_finds_flags_and_commands_in_strings_but_not_in_comments_or_tests() {
    let source = r####"
/// Run `qorgau drafts --all` (a doc comment).
// also --data-dir in a comment
fn f() -> &'static str {
    let _c = '"';
    let _d = '\'';
    format!("no record `{0}`: `qorgau records` lists them");
    "plain message";
    r#"use --data-dir DIR"#;
    "first line \
     then --force"
}
#[cfg(test)]
mod tests {
    fn g() { let _ = "qorgau hub init in a test"; }
}
"and qorgau never overwrites"
"####;
    let advice: Vec<(usize, String)> = string_literals(source)
        .into_iter()
        .filter_map(|(line, text)| cli_advice(&text).map(|a| (line, a)))
        .collect();
    assert_eq!(
        advice,
        vec![
            (7, "qorgau records".to_owned()),
            (9, "--data-dir".to_owned()),
            (10, "--force".to_owned()),
        ]
    );
}

#[test]
fn library_messages_name_no_command_line_flag_or_command() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = library_files();
    assert!(
        files.len() > 40,
        "found only {} library files: is the walk of src/ broken?",
        files.len()
    );
    let mut found = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(&path).unwrap();
        for (line, text) in string_literals(&source) {
            let Some(advice) = cli_advice(&text) else {
                continue;
            };
            if ALLOWED
                .iter()
                .any(|(file, allowed)| *file == relative && text.contains(allowed))
            {
                continue;
            }
            found.push(format!("{relative}:{line}: {advice} in {text:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "library messages must not name command-line flags or commands \
         (the binary adds that advice as a localized hint, src/error.rs):\n{}",
        found.join("\n")
    );
}
