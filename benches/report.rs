//! Report benchmark: `cargo bench --bench report`.
//!
//! Builds the hub's encrypted facts cache for 100,000 and 1,000,000 synthetic
//! records (the facts of real scored records, sealed in segments of 100,000
//! as imports write them), then times a report over each in a child process
//! (decrypting the cache, counting by two dimensions, top indicators,
//! pending referrals) and reads its peak memory. Beside it, the floor a
//! report would pay without the cache: opening every sealed record with age.
//! Target: a report over 1,000,000 records in ≤ 2 s on 2 cores.
// Benchmark code: a failed unwrap is a failed run, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::peak_kib;

use std::path::Path;
use std::time::{Duration, Instant};

use qorgau::catalog::Catalog;
use qorgau::crypto::{DeviceCard, HubCard, Passphrase, Role, SecretKeys};
use qorgau::protocol::Protocol;
use qorgau::report::cache;
use qorgau::report::count::{build, Dimension, Filter};
use qorgau::report::facts::Fact;
use qorgau::setup::DeviceSetup;
use qorgau::store::hub::{BundleRow, HubStore};
use qorgau::synth::{synthetic_record, Rng};

const PASSPHRASE: &str = "benchmark passphrase, synthetic";
const SEGMENT: usize = 100_000;

/// Child mode: one report over the hub in `dir`; prints time (µs), peak KiB, total.
fn report_child(dir: &Path) {
    let keys = SecretKeys::from_key_file(
        &std::fs::read(dir.join("hub-key.age")).unwrap(),
        &Passphrase::new(PASSPHRASE),
        Role::Hub,
        "k",
    )
    .unwrap();
    let store = HubStore::open(&dir.join("hub.db")).unwrap();
    let start = Instant::now();
    let sealed = store.fact_segments().unwrap();
    let failure = std::cell::RefCell::new(None);
    let report = build(
        cache::open_each(&sealed, &[&keys.identity], &failure),
        &[Dimension::Protocol, Dimension::Band],
        &Filter::default(),
        10,
    );
    assert!(failure.into_inner().is_none());
    let elapsed = start.elapsed();
    std::hint::black_box(&report);
    println!("{} {} {}", elapsed.as_micros(), peak_kib(), report.total);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--report-child") {
        report_child(Path::new(&args[i + 1]));
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("qorgau report benchmark ({cores} cores available; medians of 3)");
    let device = SecretKeys::generate(
        Role::Device,
        "bench-device".into(),
        "2026-01-01T00:00:00Z".into(),
    );
    let hub = SecretKeys::generate(Role::Hub, "bench-hub".into(), "2026-01-01T00:00:00Z".into());
    let setup = DeviceSetup {
        card: DeviceCard::for_keys(&device, Some("almaty_city".into())),
        hub: HubCard::for_keys(&hub, "Bench hub".into()),
    };
    let catalog = Catalog::shipped().unwrap();
    let protocols: Vec<&Protocol> = catalog.latest().into_iter().map(|f| &f.protocol).collect();

    // One segment's worth of real records: sealed (for the floor) and their facts.
    let regions = [
        "almaty_city",
        "astana_city",
        "shymkent_city",
        "turkistan",
        "mangystau",
    ];
    let mut rng = Rng::new(7);
    let mut facts = Vec::with_capacity(SEGMENT);
    let mut sealed_sample = Vec::new();
    for i in 0..SEGMENT {
        let protocol = protocols[rng.below(protocols.len() as u64) as usize];
        let at = format!("2026-{:02}-{:02}T10:00:00Z", 1 + i % 12, 1 + i % 28);
        let (mut record, sealed, _) = synthetic_record(protocol, &setup, &mut rng, &at).unwrap();
        record.region = Some(regions[i % regions.len()].to_owned());
        if i < 2000 {
            sealed_sample.push(sealed.ciphertext().to_vec());
        }
        facts.push(Fact::from(record.head()));
    }
    // The floor: opening one sealed record with age, per core.
    let start = Instant::now();
    for bytes in &sealed_sample {
        std::hint::black_box(age::decrypt(&hub.identity, bytes).unwrap());
    }
    let per_record = start.elapsed() / sealed_sample.len() as u32;

    for total in [100_000usize, 1_000_000] {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::fs::write(
            dir.join("hub-key.age"),
            hub.to_key_file_with_work_factor(&Passphrase::new(PASSPHRASE), 10)
                .unwrap(),
        )
        .unwrap();
        let mut store = HubStore::open(&dir.join("hub.db")).unwrap();
        let row_key = qorgau::crypto::mac::RowKey::derive(&hub);
        store.enroll(&setup.card, "now", &row_key).unwrap();
        let sealed = cache::seal(&facts, std::slice::from_ref(&hub.recipient())).unwrap();
        for n in 0..total / SEGMENT {
            let bundle = format!("bundle-{n}");
            let tx = store.begin_import(&row_key).unwrap();
            tx.insert_facts(&bundle, SEGMENT, &sealed).unwrap();
            tx.commit(&BundleRow {
                bundle_id: bundle,
                device_id: "bench-device".into(),
                created_at: "now".into(),
                imported_at: "now".into(),
                records: SEGMENT as i64,
                accepted: SEGMENT as i64,
                already_held: 0,
                rejected: 0,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        drop(store);
        let mut times = Vec::new();
        let mut peaks = Vec::new();
        for _ in 0..3 {
            let output = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--report-child", &dir.display().to_string()])
                .output()
                .unwrap();
            let fields: Vec<u64> = String::from_utf8(output.stdout)
                .unwrap()
                .split_whitespace()
                .map(|f| f.parse().unwrap())
                .collect();
            assert_eq!(fields[2], total as u64);
            times.push(Duration::from_micros(fields[0]));
            peaks.push(fields[1]);
        }
        times.sort_unstable();
        peaks.sort_unstable();
        let report = times[1];
        let floor = per_record * total as u32 / cores as u32;
        println!(
            "report over {total} records (by protocol and band): {:.3} s, peak memory {:.0} MiB; opening every sealed record instead: {:.1} s on {cores} cores ({:.0}× slower)",
            report.as_secs_f64(),
            peaks[1] as f64 / 1024.0,
            floor.as_secs_f64(),
            floor.as_secs_f64() / report.as_secs_f64()
        );
    }
}
