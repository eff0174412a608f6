//! The shipped protocols and referral directory: they load, their golden cases
//! pass, their texts are complete in ru, kk and en and not swapped or copied.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;

use qorgau::catalog::Catalog;
use qorgau::engine::run_golden_cases;
use qorgau::engine::Band;
use qorgau::lang::Text;
use qorgau::protocol::{Kind, Population, Protocol};
use qorgau::referral::shipped_directory;
use qorgau::Lang;
use strum::VariantArray;

const KAZAKH_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Every localized text of a protocol, with a name for messages.
fn texts(protocol: &Protocol) -> Vec<(String, &Text)> {
    protocol.texts()
}

#[test]
fn four_protocols_ship_and_every_file_is_where_its_id_and_version_say() {
    let shipped = common::shipped();
    let ids: BTreeSet<&str> = shipped.iter().map(|(_, p)| p.id.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "border-checkpoint",
            "medical-rapid-response",
            "patronage-home-visit",
            "school-safety"
        ])
    );
    for (path, protocol) in &shipped {
        assert_eq!(
            path,
            &format!("questionnaires/{}/{}.toml", protocol.id, protocol.version)
        );
        assert!(
            !protocol.validated,
            "{path}: our versions are not validated"
        );
        assert_eq!(
            protocol.languages,
            vec![Lang::Ru, Lang::Kk, Lang::En],
            "{path}"
        );
    }
    assert_eq!(Catalog::shipped().unwrap().latest().len(), 4);
}

#[test]
fn every_golden_case_passes_and_there_are_enough() {
    for (path, protocol) in common::shipped() {
        assert!(run_golden_cases(&protocol, &path).is_empty());
        let minimum = if protocol.id == "border-checkpoint" {
            12
        } else {
            10
        };
        assert!(
            protocol.cases.len() >= minimum,
            "{path}: {} cases",
            protocol.cases.len()
        );
        // Every band the protocol can give is covered by a case.
        let bands: BTreeSet<Band> = protocol.cases.iter().map(|c| c.band).collect();
        for band in [
            Band::ImmediateDanger,
            Band::PossibleConcern,
            Band::Incomplete,
            Band::NoConcern,
        ] {
            assert!(bands.contains(&band), "{path}: no golden case gives {band}");
        }
        let clear_reachable = protocol.scoring.model == qorgau::protocol::Model::Delphi
            || protocol
                .scoring
                .screens
                .iter()
                .any(|s| s.band == Band::ClearConcern);
        if clear_reachable {
            assert!(
                bands.contains(&Band::ClearConcern),
                "{path}: no golden case gives clear_concern"
            );
        }
    }
}

#[test]
fn border_checkpoint_covers_both_populations_and_the_delphi_edges() {
    let shipped = common::shipped();
    let (_, border) = shipped
        .iter()
        .find(|(_, p)| p.id == "border-checkpoint")
        .unwrap();
    let mut populations = BTreeSet::new();
    let mut rules = BTreeSet::new();
    for case in &border.cases {
        let outcome = qorgau::engine::score(border, &case.answers);
        populations.insert(format!("{:?}", outcome.population));
        rules.insert(outcome.rule.clone());
    }
    assert!(populations.contains(&format!("{:?}", Population::Adult)));
    assert!(populations.contains(&format!("{:?}", Population::Child)));
    for rule in [
        "red_flag",
        "delphi_adult",
        "delphi_child",
        "partial_domain",
        "incomplete",
        "no_indicators",
    ] {
        assert!(rules.contains(rule), "no border case decided by {rule}");
    }
    // The sections the brief asks for.
    let observation = border
        .sections
        .iter()
        .filter(|s| s.observation_only)
        .count();
    assert!(observation >= 1);
    let first_line = border
        .questions
        .iter()
        .filter(|q| border.sections[q.section].observation_only)
        .count();
    assert!(
        (8..=12).contains(&first_line),
        "first line has {first_line} items"
    );
}

#[test]
fn every_protocol_ends_with_an_optional_sensitive_notes_question() {
    for (path, protocol) in common::shipped() {
        let last = protocol.questions.last().unwrap();
        assert_eq!(last.id, "notes", "{path}");
        assert_eq!(last.kind, Kind::Text, "{path}");
        assert!(last.sensitive, "{path}");
        assert!(last.show_if.is_none(), "{path}: notes is always offered");
    }
}

#[test]
fn texts_are_complete_and_not_swapped_or_copied() {
    for (path, protocol) in common::shipped() {
        let mut with_kazakh_letters = 0;
        let all = texts(&protocol);
        for (name, text) in &all {
            let ru = text.exact(Lang::Ru).unwrap_or_default().trim();
            let kk = text.exact(Lang::Kk).unwrap_or_default().trim();
            let en = text.exact(Lang::En).unwrap_or_default().trim();
            assert!(
                !ru.is_empty() && !kk.is_empty() && !en.is_empty(),
                "{path}: {name} is missing a language"
            );
            assert!(
                ru.chars().any(is_cyrillic) || !ru.chars().any(char::is_alphabetic),
                "{path}: {name}: ru is not in Cyrillic: {ru}"
            );
            assert!(
                !ru.chars().any(|c| KAZAKH_LETTERS.contains(c)),
                "{path}: {name}: ru has Kazakh letters, swapped? {ru}"
            );
            assert!(
                kk.chars().any(is_cyrillic) || !kk.chars().any(char::is_alphabetic),
                "{path}: {name}: kk is not in Cyrillic: {kk}"
            );
            assert!(
                !en.chars().any(is_cyrillic),
                "{path}: {name}: en has Cyrillic: {en}"
            );
            // A label that is only a number (an age band "12–17") has no letters.
            assert!(
                en.chars().any(|c| c.is_ascii_alphabetic()) || !en.chars().any(char::is_alphabetic),
                "{path}: {name}: en has no Latin letters"
            );
            // Short labels (a number, "SMS") may be the same; sentences may not.
            if ru.chars().count() > 12 {
                assert_ne!(ru, kk, "{path}: {name}: kk is a copy of ru");
            }
            if kk.chars().any(|c| KAZAKH_LETTERS.contains(c)) {
                with_kazakh_letters += 1;
            }
        }
        // Kazakh texts nearly always use a letter Russian lacks; a file where
        // most do not was probably copied from Russian.
        let share = with_kazakh_letters as f64 / all.len() as f64;
        assert!(
            share > 0.8,
            "{path}: only {:.0}% of kk texts use Kazakh letters",
            share * 100.0
        );
    }
}

#[test]
fn referral_directory_has_next_steps_for_every_shipped_protocol_and_band() {
    let directory = shipped_directory("kz").unwrap();
    let phones: BTreeSet<&str> = directory
        .contacts
        .iter()
        .filter_map(|c| c.phone.as_deref())
        .collect();
    for number in ["102", "11616", "111", "150"] {
        assert!(phones.contains(number), "{number} missing");
    }
    for (_, protocol) in common::shipped() {
        for &band in Band::VARIANTS {
            let steps = directory.next_steps(&protocol.id, band).unwrap();
            assert_eq!(
                steps.protocol, protocol.id,
                "{} has no own steps for {band}",
                protocol.id
            );
            assert!(!steps.call.is_empty());
            for id in &steps.call {
                assert!(directory.contact(id, None).is_some());
            }
        }
    }
    // Flag, never identify.
    for steps in &directory.next_steps {
        for step in &steps.steps {
            for (_, text) in step.text.iter() {
                let lower = text.to_lowercase();
                for word in ["victim identified", "жертва", "құрбан"] {
                    assert!(
                        !lower.contains(word),
                        "stigmatising or identifying wording: {text}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_documented_example_protocol_is_valid() {
    let doc = include_str!("../docs/protocol-format.md");
    let start = doc.find("## A complete example").unwrap();
    let block = &doc[start..];
    let open = block.find("```toml\n").unwrap() + "```toml\n".len();
    let close = block[open..].find("```").unwrap();
    let example = &block[open..open + close];
    let protocol = qorgau::catalog::parse_protocol("docs/protocol-format.md", example)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(protocol.id, "example");
    assert_eq!(protocol.cases.len(), 1);
}

/// Drafts and records name the SHA-256 of the exact protocol file they were
/// answered against: a shipped file never changes. Every shipped file is
/// pinned here, and a pinned file is never removed (a new version is a new
/// file, added to `tests/golden/protocols.sha256` when it ships).
#[test]
fn shipped_files_are_pinned_by_their_sha256_and_never_change() {
    use sha2::{Digest, Sha256};
    let pinned: std::collections::BTreeMap<String, String> =
        std::fs::read_to_string("tests/golden/protocols.sha256")
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (hash, path) = line.split_once("  ").unwrap();
                (path.to_owned(), hash.to_owned())
            })
            .collect();
    let mut shipped = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("questionnaires")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                shipped.push(path.display().to_string().replace('\\', "/"));
            }
        }
    }
    for path in &shipped {
        let bytes = std::fs::read(path).unwrap();
        let actual = format!("{:x}", Sha256::digest(&bytes));
        match pinned.get(path) {
            Some(hash) => assert_eq!(
                &actual, hash,
                "{path} changed after it shipped: give the change a new version instead"
            ),
            None => panic!(
                "{path} is not pinned in tests/golden/protocols.sha256: add `{actual}  {path}`"
            ),
        }
    }
    for path in pinned.keys() {
        assert!(
            shipped.contains(path),
            "{path} was shipped and must stay shipped (records name it)"
        );
    }
}

/// The binary embeds the shipped files compressed (issue 15's size); what it
/// unpacks is byte for byte the pinned file, for every protocol and
/// directory, and nothing pinned is missing from it.
#[test]
fn embedded_files_unpack_to_the_pinned_bytes() {
    use sha2::{Digest, Sha256};
    let pinned: std::collections::BTreeMap<String, String> =
        std::fs::read_to_string("tests/golden/protocols.sha256")
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (hash, path) = line.split_once("  ").unwrap();
                (path.to_owned(), hash.to_owned())
            })
            .collect();
    let embedded: Vec<_> = qorgau::catalog::SHIPPED_PROTOCOLS
        .iter()
        .chain(qorgau::catalog::SHIPPED_REFERRALS.iter())
        .collect();
    for file in &embedded {
        let text = file.text().unwrap_or_else(|d| panic!("{d}"));
        let actual = format!("{:x}", Sha256::digest(text.as_bytes()));
        assert_eq!(
            Some(&actual),
            pinned.get(file.path()),
            "{} unpacks to other bytes than the pinned file",
            file.path()
        );
    }
    for path in pinned.keys() {
        assert!(
            embedded.iter().any(|file| file.path() == path),
            "{path} is pinned but not embedded in the binary"
        );
    }
}
