//! Properties of the walk and of scoring, over the shipped protocols:
//! a walk always ends; a hidden question is never asked; the band does not
//! depend on the order answers are given; no bytes make the parsers panic.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use proptest::prelude::*;
use qorgau::engine::answer::validate_answer;
use qorgau::engine::visibility::visible_questions;
use qorgau::engine::{parse_answers_file, score, AnswerInput, Session, Step};
use qorgau::protocol::{parse_protocol, Kind, Protocol, Question};

/// One possible input for a question, picked by `choice`.
fn input_for(question: &Question, choice: u32) -> Option<AnswerInput> {
    let text = |s: &str| Some(AnswerInput::Text(s.to_owned()));
    match question.kind {
        Kind::YesNo => match choice % 5 {
            0 => text("yes"),
            1 => text("no"),
            2 => text("unsure"),
            3 => text("declined"),
            _ => None,
        },
        Kind::Observation => match choice % 4 {
            0 => text("yes"),
            1 => text("no"),
            2 => text("unsure"),
            _ => None,
        },
        Kind::Single => {
            let n = question.options.len() as u32;
            match choice % (n + 2) {
                i if i < n => text(&question.options[i as usize].id),
                i if i == n => text("declined"),
                _ => None,
            }
        }
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
        which in 0usize..4,
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

    #[test]
    fn the_band_does_not_depend_on_the_order_of_answers(
        which in 0usize..4,
        choices in proptest::collection::vec(any::<u32>(), 64),
        order_seed in any::<u64>(),
    ) {
        let protocols = shipped();
        let protocol = &protocols[which % protocols.len()];
        let mut lines = Vec::new();
        for (question, choice) in protocol.questions.iter().zip(&choices) {
            let Some(input) = input_for(question, *choice) else { continue };
            let answer = validate_answer(question, input).unwrap();
            let value = answer.to_toml(question);
            lines.push(format!("{} = {}", question.id, value));
        }
        let forward = format!("[answers]\n{}\n", lines.join("\n"));
        // A deterministic shuffle from the seed.
        let mut shuffled = lines.clone();
        let mut seed = order_seed | 1;
        for i in (1..shuffled.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            shuffled.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let backward = format!("[answers]\n{}\n", shuffled.join("\n"));
        let a = parse_answers_file(protocol, "a.toml", &forward).unwrap();
        let b = parse_answers_file(protocol, "b.toml", &backward).unwrap();
        prop_assert_eq!(score(protocol, &a.answers), score(protocol, &b.answers));
    }

    #[test]
    fn no_bytes_make_the_protocol_parser_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_protocol("fuzz.toml", &text);
    }

    #[test]
    fn mutated_shipped_protocols_never_panic(which in 0usize..4, at in any::<usize>(), cut in any::<usize>(), insert in "[ -~\n]{0,12}") {
        let sources = qorgau::protocol::catalog::SHIPPED_PROTOCOLS;
        let (_, source) = sources[which % sources.len()];
        let mut at = at % source.len();
        while !source.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut % 40).min(source.len());
        while !source.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &source[..at], insert, &source[end..]);
        let _ = parse_protocol("mutated.toml", &mutated);
    }

    #[test]
    fn no_answers_file_makes_the_parser_panic(which in 0usize..4, body in "[ -~\n]{0,200}") {
        let protocols = shipped();
        let protocol = &protocols[which % protocols.len()];
        let _ = parse_answers_file(protocol, "fuzz.toml", &format!("[answers]\n{body}"));
        let _ = parse_answers_file(protocol, "fuzz.toml", &body);
    }
}
