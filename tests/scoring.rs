//! Scoring: the Delphi dimension rule exhaustively, the adult and child
//! combination rules, red flags, screens, and the incomplete rule.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use qorgau::answers_file::parse_answers_file;
use qorgau::catalog::parse_protocol;
use qorgau::engine::scoring::StrengthCounts;
use qorgau::engine::{score, Band, DomainStatus};
use qorgau::protocol::{Protocol, DELPHI_DOMAINS};

/// The Delphi combinations, written as patterns a dimension's findings must contain.
const POSITIVE_PATTERNS: [[u32; 3]; 5] = [
    [2, 0, 0], // 2 strong
    [1, 1, 0], // 1 strong + 1 medium
    [1, 0, 1], // 1 strong + 1 weak
    [0, 3, 0], // 3 medium
    [0, 2, 1], // 2 medium + 1 weak
];
const PARTIAL_PATTERNS: [[u32; 3]; 2] = [[1, 0, 0], [0, 2, 0]];

fn contains(found: [u32; 3], pattern: [u32; 3]) -> bool {
    found.iter().zip(pattern).all(|(f, p)| *f >= p)
}

fn expected_status(found: [u32; 3]) -> DomainStatus {
    if POSITIVE_PATTERNS.iter().any(|p| contains(found, *p)) {
        DomainStatus::Positive
    } else if PARTIAL_PATTERNS.iter().any(|p| contains(found, *p)) {
        DomainStatus::Partial
    } else {
        DomainStatus::Negative
    }
}

/// Every combination of up to 4 indicators in a dimension, against the rule counted directly.
#[test]
fn delphi_dimension_rule_for_every_combination_up_to_four() {
    let mut checked = 0;
    for strong in 0..=4u32 {
        for medium in 0..=4 - strong {
            for weak in 0..=4 - strong - medium {
                let counts = StrengthCounts {
                    strong,
                    medium,
                    weak,
                };
                assert_eq!(
                    counts.status(),
                    expected_status([strong, medium, weak]),
                    "{strong} strong, {medium} medium, {weak} weak"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 35);
}

#[test]
fn delphi_edge_cases_named_in_the_brief() {
    let status = |strong, medium, weak| {
        StrengthCounts {
            strong,
            medium,
            weak,
        }
        .status()
    };
    assert_eq!(status(0, 3, 0), DomainStatus::Positive, "3 medium");
    assert_eq!(status(0, 2, 0), DomainStatus::Partial, "2 medium");
    assert_eq!(status(0, 2, 1), DomainStatus::Positive, "2 medium + 1 weak");
    assert_eq!(status(1, 0, 0), DomainStatus::Partial, "1 strong");
    assert_eq!(status(1, 0, 1), DomainStatus::Positive, "1 strong + 1 weak");
    assert_eq!(
        status(0, 1, 3),
        DomainStatus::Negative,
        "1 medium + weak ones"
    );
    assert_eq!(status(0, 0, 4), DomainStatus::Negative, "weak only");
}

/// A protocol with four strong, four medium and four weak items in `exploitation`.
fn one_dimension_protocol() -> Protocol {
    let mut questions = String::new();
    for strength in ["strong", "medium", "weak"] {
        for i in 0..4 {
            questions.push_str(&format!(
                "[[question]]\nid = \"{strength}{i}\"\nsection = \"main\"\nkind = \"yes_no\"\n\
                 text = {{ ru = \"В\", en = \"Q\" }}\ndomain = \"exploitation\"\nstrength = \"{strength}\"\n\n"
            ));
        }
    }
    common::parse(&common::protocol_source(&questions, "")).unwrap()
}

/// The same table through the whole path: answers file → scoring.
#[test]
fn delphi_dimension_rule_end_to_end() {
    let protocol = one_dimension_protocol();
    for strong in 0..=4usize {
        for medium in 0..=4 - strong {
            for weak in 0..=4 - strong - medium {
                let mut answers = String::from("[answers]\n");
                for (name, yes) in [("strong", strong), ("medium", medium), ("weak", weak)] {
                    for i in 0..4 {
                        let value = if i < yes { "yes" } else { "no" };
                        answers.push_str(&format!("{name}{i} = \"{value}\"\n"));
                    }
                }
                let parsed = parse_answers_file(&protocol, "a.toml", &answers).unwrap();
                let outcome = score(&protocol, &parsed.answers);
                let found = [strong as u32, medium as u32, weak as u32];
                assert_eq!(
                    outcome.domains["exploitation"],
                    expected_status(found),
                    "{found:?}"
                );
                let expected_band = match expected_status(found) {
                    DomainStatus::Negative => Band::NoConcern,
                    _ => Band::PossibleConcern,
                };
                assert_eq!(outcome.band, expected_band, "{found:?}");
                assert_eq!(outcome.fired.len(), strong + medium + weak);
            }
        }
    }
}

/// Two strong items in each Delphi dimension, and an age question deciding the population.
fn six_dimension_protocol() -> Protocol {
    let mut questions = String::new();
    for domain in DELPHI_DOMAINS {
        for i in 0..2 {
            questions.push_str(&format!(
                "[[question]]\nid = \"{domain}_{i}\"\nsection = \"main\"\nkind = \"yes_no\"\n\
                 text = {{ ru = \"В\", en = \"Q\" }}\ndomain = \"{domain}\"\nstrength = \"strong\"\n\n"
            ));
        }
    }
    let source = common::protocol_source(&questions, "").replace(
        "population = \"adult\"",
        "population = \"adult\"\nchild_when = 'not (age_group == \"adult\")'",
    );
    parse_protocol("six.toml", &source).unwrap()
}

#[test]
fn adult_and_child_combination_rules_over_every_set_of_positive_dimensions() {
    let protocol = six_dimension_protocol();
    for subset in 0u32..64 {
        let positive: Vec<&str> = DELPHI_DOMAINS
            .iter()
            .enumerate()
            .filter(|(i, _)| subset & (1 << i) != 0)
            .map(|(_, d)| *d)
            .collect();
        let has = |d: &str| positive.contains(&d);
        let recruitment = has("deceptive_recruitment")
            || has("coercive_recruitment")
            || has("vulnerability_recruitment");
        let adult_clear = recruitment
            && has("exploitation")
            && (has("coercion_at_destination") || has("vulnerability_at_destination"));
        let child_clear = recruitment && has("exploitation");
        for (age, clear, rule) in [
            ("adult", adult_clear, "delphi_adult"),
            ("child", child_clear, "delphi_child"),
        ] {
            let mut answers = format!("[answers]\nage_group = \"{age}\"\n");
            for domain in DELPHI_DOMAINS {
                let value = if has(domain) { "yes" } else { "no" };
                answers.push_str(&format!(
                    "{domain}_0 = \"{value}\"\n{domain}_1 = \"{value}\"\n"
                ));
            }
            let parsed = parse_answers_file(&protocol, "a.toml", &answers).unwrap();
            let outcome = score(&protocol, &parsed.answers);
            let expected = if clear {
                Band::ClearConcern
            } else if positive.is_empty() {
                Band::NoConcern
            } else {
                Band::PossibleConcern
            };
            assert_eq!(outcome.band, expected, "{age}: {positive:?}");
            if clear {
                assert_eq!(outcome.rule, rule);
            }
        }
    }
}

#[test]
fn unknown_age_follows_the_child_rule() {
    let protocol = six_dimension_protocol();
    let answers =
        "[answers]\ndeceptive_recruitment_0 = \"yes\"\ndeceptive_recruitment_1 = \"yes\"\n\
                   exploitation_0 = \"yes\"\nexploitation_1 = \"yes\"\n";
    let parsed = parse_answers_file(&protocol, "a.toml", answers).unwrap();
    let outcome = score(&protocol, &parsed.answers);
    assert_eq!(outcome.band, Band::ClearConcern);
    assert_eq!(outcome.rule, "delphi_child");
}

#[test]
fn a_red_flag_alone_means_immediate_danger() {
    let protocol = common::parse(&common::protocol_source(
        "[[question]]\nid = \"locked_in\"\nsection = \"main\"\nkind = \"yes_no\"\nred_flag = true\n\
         text = { ru = \"Заперт?\", en = \"Locked in?\" }\n",
        "",
    ))
    .unwrap();
    let parsed =
        parse_answers_file(&protocol, "a.toml", "[answers]\nlocked_in = \"yes\"\n").unwrap();
    let outcome = score(&protocol, &parsed.answers);
    assert_eq!(outcome.band, Band::ImmediateDanger);
    assert_eq!(outcome.rule, "red_flag");
    assert_eq!(outcome.red_flags, vec!["locked_in"]);
}

#[test]
fn declined_and_unsure_are_never_no() {
    let protocol = one_dimension_protocol();
    // 4 of 12 declined or unsure: 33% > 30% → incomplete, not no concern.
    let mut answers = String::from("[answers]\n");
    for (i, id) in ["strong0", "strong1", "medium0", "medium1"]
        .iter()
        .enumerate()
    {
        let value = if i % 2 == 0 { "declined" } else { "unsure" };
        answers.push_str(&format!("{id} = \"{value}\"\n"));
    }
    for id in [
        "strong2", "strong3", "medium2", "medium3", "weak0", "weak1", "weak2", "weak3",
    ] {
        answers.push_str(&format!("{id} = \"no\"\n"));
    }
    let parsed = parse_answers_file(&protocol, "a.toml", &answers).unwrap();
    let outcome = score(&protocol, &parsed.answers);
    assert_eq!(outcome.band, Band::Incomplete);
    assert_eq!(outcome.missing.len(), 4);
    // 3 of 12 (25%) is under the threshold.
    let answers = answers.replace("medium1 = \"unsure\"", "medium1 = \"no\"");
    let parsed = parse_answers_file(&protocol, "a.toml", &answers).unwrap();
    assert_eq!(score(&protocol, &parsed.answers).band, Band::NoConcern);
}

#[test]
fn a_concern_outranks_incomplete() {
    let protocol = one_dimension_protocol();
    let parsed = parse_answers_file(&protocol, "a.toml", "[answers]\nstrong0 = \"yes\"\n").unwrap();
    let outcome = score(&protocol, &parsed.answers);
    assert_eq!(outcome.band, Band::PossibleConcern);
    assert_eq!(outcome.missing.len(), 11);
}

#[test]
fn answers_to_hidden_questions_are_ignored_not_scored() {
    let protocol = common::parse(&common::protocol_source("", "")).unwrap();
    let parsed = parse_answers_file(
        &protocol,
        "a.toml",
        "[answers]\ngate = \"no\"\ndeceived = \"yes\"\n",
    )
    .unwrap();
    let outcome = score(&protocol, &parsed.answers);
    assert_eq!(outcome.ignored, vec!["deceived"]);
    assert!(outcome.fired.is_empty());
    assert_eq!(outcome.band, Band::NoConcern);
}

#[test]
fn count_screen_cut_off() {
    let mut questions = String::new();
    for i in 0..6 {
        questions.push_str(&format!(
            "[[question]]\nid = \"item{i}\"\nsection = \"main\"\nkind = \"yes_no\"\n\
             text = {{ ru = \"В\", en = \"Q\" }}\ndomain = \"screen_items\"\nstrength = \"weak\"\n\n"
        ));
    }
    let source = common::protocol_source(&questions, "")
        .replace("model = \"delphi\"", "model = \"count\"")
        .replace("population = \"adult\"", "population = \"adult\"\n\n[[scoring.screen]]\nid = \"sscst\"\ndomains = [\"screen_items\"]\nat_least = 2\nband = \"possible_concern\"")
        .replace("domain = \"deceptive_recruitment\"", "domain = \"deception\"");
    let protocol = parse_protocol("count.toml", &source).unwrap();
    for yes in 0..=6 {
        let mut answers = String::from("[answers]\ngate = \"yes\"\ndeceived = \"no\"\n");
        for i in 0..6 {
            answers.push_str(&format!(
                "item{i} = \"{}\"\n",
                if i < yes { "yes" } else { "no" }
            ));
        }
        let parsed = parse_answers_file(&protocol, "a.toml", &answers).unwrap();
        let outcome = score(&protocol, &parsed.answers);
        if yes >= 2 {
            assert_eq!(outcome.band, Band::PossibleConcern, "{yes} yes");
            assert_eq!(outcome.rule, "screen:sscst", "{yes} yes");
        } else {
            assert_eq!(outcome.band, Band::NoConcern, "{yes} yes");
        }
    }
}
