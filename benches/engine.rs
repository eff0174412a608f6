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
use qorgau::engine::{score, AnswerSet};
use qorgau::protocol::Protocol;
use qorgau::synth::{random_answers, Rng};

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
    // The synthetic generator the tests and the sync benchmark use, with a
    // fixed seed, so every run scores the same answer sets.
    let mut rng = Rng::new(0x5eed_1234_abcd_ef01);
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
