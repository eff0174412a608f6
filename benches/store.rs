//! Store benchmark: `cargo bench --bench store`.
//!
//! Medians of: saving one answer to a draft (encrypt + commit), finishing a
//! record (seal + summary + one transaction), and unlocking the key file
//! with the passphrase (time, and peak memory measured in a child process).
//! Targets on a 2-core machine: save < 2 ms; unlock ≤ 0.6 s and ≤ 256 MiB.
// Benchmark code: a failed unwrap is a failed run, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{median, peak_kib};

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use qorgau::catalog::Catalog;
use qorgau::crypto::{DeviceCard, HubCard, Passphrase, Role, SecretKeys};
use qorgau::engine::{AnswerInput, Step};
use qorgau::lang::Lang;
use qorgau::screening::Screening;
use qorgau::setup::DeviceSetup;
use qorgau::store::Store;

const NOW: &str = "2026-11-29T10:00:00Z";
const PASSPHRASE: &str = "benchmark passphrase, synthetic";

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Child mode: unlock once and report the peak memory it took.
fn unlock_child(path: &str) {
    let before = peak_kib();
    let bytes = std::fs::read(path).unwrap();
    let start = Instant::now();
    let keys = SecretKeys::from_key_file(&bytes, &Passphrase::new(PASSPHRASE), Role::Device, path)
        .unwrap();
    let elapsed = start.elapsed();
    black_box(keys);
    let after = peak_kib();
    println!("{} {} {}", elapsed.as_micros(), before, after);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--unlock-child") {
        unlock_child(&args[i + 1]);
        return;
    }
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("qorgau store benchmark ({cores} cores available; medians)");

    let temp = tempfile::tempdir().unwrap();
    let device = SecretKeys::generate(Role::Device, "bench-device".into(), NOW.parse().unwrap());
    let hub = SecretKeys::generate(Role::Hub, "bench-hub".into(), NOW.parse().unwrap());
    let setup = DeviceSetup {
        card: DeviceCard::for_keys(&device, Some("almaty_city".into())).unwrap(),
        hub: HubCard::for_keys(&hub, "Bench hub".into()),
    };

    // Unlock: each run in a fresh process, so peak memory is its own.
    let key_path = temp.path().join("device-key.age");
    std::fs::write(
        &key_path,
        device.to_key_file(&Passphrase::new(PASSPHRASE)).unwrap(),
    )
    .unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..7 {
        let output = Command::new(&exe)
            .args(["--unlock-child", &key_path.display().to_string()])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let fields: Vec<u64> = text
            .split_whitespace()
            .map(|f| f.parse().unwrap())
            .collect();
        times.push(Duration::from_micros(fields[0]));
        peaks.push(fields[2]);
    }
    peaks.sort_unstable();
    println!(
        "unlock the key file (scrypt 2^{}): {}, peak memory {:.0} MiB",
        qorgau::crypto::SCRYPT_LOG_N,
        ms(median(times)),
        peaks[peaks.len() / 2] as f64 / 1024.0
    );

    let catalog = Catalog::shipped().unwrap();
    let protocol = &catalog.find("border-checkpoint@1.0.0").unwrap().protocol;
    let mut store = Store::open(&temp.path().join("bench.db")).unwrap();
    let mut saves = Vec::new();
    let mut finishes = Vec::new();
    for walk in 0..200 {
        let mut screening =
            Screening::start(&mut store, &setup, protocol, Lang::Ru, NOW.parse().unwrap()).unwrap();
        let mut n = 0;
        while let Some((_, question)) = screening.session().current() {
            let step = match question.kind {
                qorgau::protocol::Kind::Single => {
                    Step::Answer(AnswerInput::Text(question.options[0].id.clone()))
                }
                qorgau::protocol::Kind::Text => {
                    Step::Answer(AnswerInput::Text("synthetic note ".repeat(10)))
                }
                qorgau::protocol::Kind::Number => Step::Skip,
                _ => Step::Answer(AnswerInput::Text(
                    if (walk + n) % 3 == 0 { "yes" } else { "no" }.to_owned(),
                )),
            };
            n += 1;
            let start = Instant::now();
            screening
                .step(&mut store, step, NOW.parse().unwrap())
                .unwrap();
            saves.push(start.elapsed());
        }
        let start = Instant::now();
        black_box(
            screening
                .finish(&mut store, None, NOW.parse().unwrap())
                .unwrap(),
        );
        finishes.push(start.elapsed());
    }
    println!(
        "save one answer to a draft (encrypt + commit), {} saves: {}",
        saves.len(),
        ms(median(saves))
    );
    println!(
        "finish a record (seal to hub + summary + commit), {} records: {}",
        finishes.len(),
        ms(median(finishes))
    );
    let size = std::fs::metadata(temp.path().join("bench.db")).map_or(0, |m| m.len());
    println!(
        "database after 200 records: {:.1} KiB per record",
        size as f64 / 1024.0 / 200.0
    );
}
