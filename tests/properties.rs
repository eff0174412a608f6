//! Properties of the walk and of scoring, over the shipped protocols:
//! a walk always ends; a hidden question is never asked; the result does not
//! depend on the path taken to the answers; no bytes make the parsers panic.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use proptest::prelude::*;
use qorgau::answers_file::parse_answers_file;
use qorgau::catalog::parse_protocol;
use qorgau::engine::visibility::visible_questions;
use qorgau::engine::{AnswerInput, Session, Step};
use qorgau::protocol::{Kind, Protocol, Question};

/// One possible input for a question, picked by `choice`: only answers the
/// question offers (no "declined" for what the worker answers, no "unsure"
/// beside a question's own "not known" option).
fn input_for(question: &Question, choice: u32) -> Option<AnswerInput> {
    let text = |s: &str| Some(AnswerInput::Text(s.to_owned()));
    let mut generic: Vec<&str> = Vec::new();
    if question.offers_unsure() {
        generic.push("unsure");
    }
    if question.offers_declined() {
        generic.push("declined");
    }
    let pick = |own: Vec<&str>| {
        let all: Vec<&str> = own.into_iter().chain(generic.iter().copied()).collect();
        // One more than the answers: no answer at all (skipped).
        match all.get(choice as usize % (all.len() + 1)) {
            Some(answer) => text(answer),
            None => None,
        }
    };
    match question.kind {
        Kind::YesNo | Kind::Observation => pick(vec!["yes", "no"]),
        Kind::Single => pick(question.options.iter().map(|o| o.id.as_str()).collect()),
        Kind::Multi => Some(AnswerInput::List(
            question
                .options
                .iter()
                .enumerate()
                .filter(|(i, _)| choice & (1 << (i % 32)) != 0)
                .map(|(_, o)| o.id.clone())
                .collect(),
        )),
        Kind::Number => {
            let min = question.min.unwrap_or(0.0);
            let max = question.max.unwrap_or(100.0);
            Some(AnswerInput::Number(
                (min + f64::from(choice % 1000) / 999.0 * (max - min)).round(),
            ))
        }
        Kind::Date => text("2026-01-15"),
        Kind::Text => text("synthetic note"),
    }
}

/// Parsed once for all cases: parsing runs every golden case.
fn shipped() -> &'static [Protocol] {
    static SHIPPED: std::sync::OnceLock<Vec<Protocol>> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| common::shipped().into_iter().map(|(_, p)| p).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_walk_always_ends_and_never_asks_a_hidden_question(
        which in 0usize..64,
        choices in proptest::collection::vec(any::<u32>(), 200),
    ) {
        let protocols = shipped();
        let protocol = &protocols[which % protocols.len()];
        let mut session = Session::new(protocol);
        let mut steps = 0usize;
        let mut backs = 0usize;
        for choice in &choices {
            let Some((index, question)) = session.current() else { break };
            let visible = visible_questions(protocol, session.answers());
            prop_assert!(visible[index], "asked hidden question {}", question.id);
            // Now and then go back (a bounded number of times), as a worker would.
            if choice % 11 == 0 && backs < 20 && session.back() {
                backs += 1;
                continue;
            }
            let step = match input_for(question, *choice) {
                Some(input) => Step::Answer(input),
                None => Step::Skip,
            };
            session.step(step).unwrap();
            steps += 1;
        }
        // Finish with skips: the walk must end within the number of questions.
        let mut tail = 0;
        while let Some((index, _)) = session.current() {
            prop_assert!(visible_questions(protocol, session.answers())[index]);
            session.step(Step::Skip).unwrap();
            tail += 1;
            prop_assert!(tail <= protocol.questions.len());
        }
        prop_assert!(steps <= protocol.questions.len() * (backs + 1) + backs);
        let progress = session.progress();
        prop_assert_eq!(progress.position, progress.total);
    }

    /// A worker who answers, goes back and changes answers, and ends with
    /// the same visible answers as a worker who answered straight through
    /// gets the same result: answers the changes hid leave no trace.
    #[test]
    fn the_result_does_not_depend_on_the_path_to_the_answers(
        which in 0usize..64,
        intended in proptest::collection::vec(any::<u32>(), 80),
        detour in proptest::collection::vec(any::<u32>(), 80),
    ) {
        let protocols = shipped();
        let protocol = &protocols[which % protocols.len()];
        let answer = |session: &mut Session<'_>, choices: &[u32]| {
            while let Some((index, question)) = session.current() {
                let step = match input_for(question, choices[index % choices.len()]) {
                    Some(input) => Step::Answer(input),
                    None => Step::Skip,
                };
                session.step(step).unwrap();
            }
        };
        let mut straight = Session::new(protocol);
        answer(&mut straight, &intended);
        // The detour: answer everything differently first, then go back to
        // each visible question in turn and give the intended answer.
        let mut winding = Session::new(protocol);
        answer(&mut winding, &detour);
        for index in 0..protocol.questions.len() {
            if winding.go_to(index) {
                let question = &protocol.questions[index];
                let step = match input_for(question, intended[index % intended.len()]) {
                    Some(input) => Step::Answer(input),
                    None => Step::Skip,
                };
                winding.step(step).unwrap();
            }
        }
        let a = straight.outcome();
        let b = winding.outcome();
        prop_assert_eq!(a.band, b.band);
        prop_assert_eq!(&a.fired, &b.fired);
        prop_assert_eq!(&a.domain_details, &b.domain_details);
        prop_assert_eq!(&a.screens, &b.screens);
        prop_assert_eq!(&a.missing, &b.missing);
        prop_assert_eq!(&a.observation_only, &b.observation_only);
        prop_assert_eq!(a.rule, b.rule);
    }

    #[test]
    fn no_bytes_make_the_protocol_parser_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_protocol("fuzz.toml", &text);
    }

    #[test]
    fn mutated_shipped_protocols_never_panic(which in 0usize..64, at in any::<usize>(), cut in any::<usize>(), insert in "[ -~\n]{0,12}") {
        let sources = &qorgau::catalog::SHIPPED_PROTOCOLS;
        let source = sources[which % sources.len()].text().unwrap();
        let mut at = at % source.len();
        while !source.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut % 40).min(source.len());
        while !source.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &source[..at], insert, &source[end..]);
        let _ = parse_protocol("mutated.toml", &mutated);
    }

    #[test]
    fn no_answers_file_makes_the_parser_panic(which in 0usize..64, body in "[ -~\n]{0,200}") {
        let protocols = shipped();
        let protocol = &protocols[which % protocols.len()];
        let _ = parse_answers_file(protocol, "fuzz.toml", &format!("[answers]\n{body}"));
        let _ = parse_answers_file(protocol, "fuzz.toml", &body);
    }
}
