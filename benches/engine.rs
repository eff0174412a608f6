//! Protocol engine benchmark: `cargo bench --bench engine`.
//!
//! Reports medians of repeated runs (not a test: nothing here can fail on a
//! slow machine). Targets on a 2-core machine: load + validate every shipped
//! protocol < 5 ms; ≥ 200,000 scorings per second.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::median;

use std::hint::black_box;
use std::time::Instant;

use qorgau::catalog::SHIPPED_PROTOCOLS;
use qorgau::catalog::{parse_protocol, Catalog};
use qorgau::engine::answer::validate_answer;
use qorgau::engine::{score, AnswerInput, AnswerSet};
use qorgau::protocol::{Kind, Protocol};

/// A small deterministic generator, so every run scores the same answer sets.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A random but valid answer set: every question answered, skipped, unsure or declined.
fn random_answers(protocol: &Protocol, rng: &mut XorShift) -> AnswerSet {
    let mut answers = AnswerSet::for_protocol(protocol);
    for (index, question) in protocol.questions.iter().enumerate() {
        let roll = rng.next();
        let input = match question.kind {
            Kind::YesNo | Kind::Observation => match roll % 5 {
                0 | 1 => Some("yes".to_owned()),
                2 | 3 => Some("no".to_owned()),
                _ => None,
            }
            .map(AnswerInput::Text),
            Kind::Single => Some(AnswerInput::Text(
                question.options[(roll as usize) % question.options.len()]
                    .id
                    .clone(),
            )),
            Kind::Multi => Some(AnswerInput::List(
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| roll & (1 << i) != 0)
                    .map(|(_, o)| o.id.clone())
                    .collect(),
            )),
            Kind::Number => Some(AnswerInput::Number(
                question.min.unwrap_or(0.0) + (roll % 60) as f64,
            ))
            .filter(|_| {
                question
                    .max
                    .is_none_or(|max| question.min.unwrap_or(0.0) + 60.0 <= max)
            }),
            Kind::Date => Some(AnswerInput::Text("2026-06-01".to_owned())),
            Kind::Text => None,
        };
        if let Some(input) = input {
            if let Ok(answer) = validate_answer(question, input) {
                answers.set(index, Some(answer));
            }
        }
    }
    answers
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("qorgau engine benchmark ({cores} cores available; medians)");

    // Load and validate every shipped protocol (parsing, checks, skip-logic
    // analysis, and running every golden case).
    let mut samples = Vec::new();
    for _ in 0..101 {
        let start = Instant::now();
        for file in &SHIPPED_PROTOCOLS {
            black_box(parse_protocol(file.path(), file.text().unwrap()).ok());
        }
        samples.push(start.elapsed());
    }
    let load = median(samples);
    let mut samples = Vec::new();
    for _ in 0..101 {
        let start = Instant::now();
        for file in &SHIPPED_PROTOCOLS {
            black_box(toml::from_str::<toml::Value>(file.text().unwrap()).ok());
        }
        samples.push(start.elapsed());
    }
    println!(
        "  of which TOML parsing alone: {:.2} ms",
        median(samples).as_secs_f64() * 1e3
    );
    let questions: usize = SHIPPED_PROTOCOLS
        .iter()
        .filter_map(|f| parse_protocol(f.path(), f.text().unwrap()).ok())
        .map(|p| p.questions.len())
        .sum();
    println!(
        "load + validate all {} shipped protocols ({questions} questions): {:.2} ms",
        SHIPPED_PROTOCOLS.len(),
        load.as_secs_f64() * 1e3
    );

    let catalog = Catalog::shipped().unwrap_or_else(|e| panic!("{e}"));
    let protocols: Vec<&Protocol> = catalog.files().iter().map(|f| &f.protocol).collect();
    let mut rng = XorShift(0x5eed_1234_abcd_ef01);
    let sets: Vec<(&Protocol, AnswerSet)> = (0..10_000)
        .map(|i| {
            let protocol = protocols[i % protocols.len()];
            (protocol, random_answers(protocol, &mut rng))
        })
        .collect();
    let mut samples = Vec::new();
    for _ in 0..21 {
        let start = Instant::now();
        for (protocol, answers) in &sets {
            black_box(score(protocol, answers));
        }
        samples.push(start.elapsed());
    }
    let per_batch = median(samples);
    println!(
        "score 10,000 answer sets (all four protocols): {:.2} ms, {:.0} scorings per second (one core)",
        per_batch.as_secs_f64() * 1e3,
        10_000.0 / per_batch.as_secs_f64()
    );
}
