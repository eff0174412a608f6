//! Report benchmark: `cargo bench --bench report` (QORGAU_BENCH_RECORDS,
//! default 100000 and 1000000; QORGAU_BENCH_RUNS, default 3).
//!
//! Builds the hub's encrypted facts cache (the facts of real scored
//! synthetic records, with the case profiles their protocols' profile
//! questions give, sealed in segments of 100,000 as imports write them),
//! then times in child processes, interleaved, so both see the same machine:
//!
//! - a report by protocol and band (decrypt the cache, count, top
//!   indicators, pending referrals), and its peak memory;
//! - the same report by protocol, band, sex and age band (the
//!   disaggregation IOM and HTCDS reports use);
//! - the same report by protocol, band and the six profile dimensions
//!   (sex, age band, citizenship, direction, exploitation, channel);
//! - the k-anonymous HTCDS export of every record (k = 5).
//!
//! Beside them, the floor a report would pay without the cache: opening
//! every sealed record with age, per record on one core, times the records,
//! over the cores. Targets: the profile report costs at most 20% more than
//! the plain one, and stays at least 50× faster than the floor; the export
//! takes no longer than the floor; a report over 1,000,000 records ≤ 2 s.
// Benchmark code: a failed unwrap is a failed run, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{median, peak_kib};

use std::path::Path;
use std::time::{Duration, Instant};

use qorgau::catalog::Catalog;
use qorgau::crypto::{DeviceCard, HubCard, Passphrase, Role, SecretKeys};
use qorgau::protocol::Protocol;
use qorgau::record::Consent;
use qorgau::report::cache;
use qorgau::report::count::{build, Dimension, Filter};
use qorgau::report::facts::Fact;
use qorgau::report::htcds::{export, HtcdsOptions};
use qorgau::setup::DeviceSetup;
use qorgau::store::hub::{BundleRow, HubStore};
use qorgau::synth::{synthetic_record, Rng};

const PASSPHRASE: &str = "benchmark passphrase, synthetic";
const SEGMENT: usize = 100_000;

const PLAIN: &[Dimension] = &[Dimension::Protocol, Dimension::Band];
/// The disaggregation IOM and HTCDS reports use: by sex and age.
const SEX_AGE: &[Dimension] = &[
    Dimension::Protocol,
    Dimension::Band,
    Dimension::Sex,
    Dimension::AgeBand,
];
const PROFILE: &[Dimension] = &[
    Dimension::Protocol,
    Dimension::Band,
    Dimension::Sex,
    Dimension::AgeBand,
    Dimension::Citizenship,
    Dimension::Direction,
    Dimension::Exploitation,
    Dimension::Channel,
];

fn open_hub(dir: &Path) -> (SecretKeys, HubStore) {
    let keys = SecretKeys::from_key_file(
        &std::fs::read(dir.join("hub-key.age")).unwrap(),
        &Passphrase::new(PASSPHRASE),
        Role::Hub,
        "k",
    )
    .unwrap();
    (keys, HubStore::open(&dir.join("hub.db")).unwrap())
}

/// Child mode: one job over the hub in `dir`; prints time (µs), peak KiB, rows.
fn child(job: &str, dir: &Path) {
    let (keys, store) = open_hub(dir);
    let start = Instant::now();
    let sealed = store.fact_segments().unwrap();
    let failure = std::cell::RefCell::new(None);
    let openers = keys.openers();
    let segments = cache::open_each(&sealed, &openers, &failure);
    let rows = match job {
        "plain" | "sex_age" | "profile" => {
            let by = match job {
                "plain" => PLAIN,
                "sex_age" => SEX_AGE,
                _ => PROFILE,
            };
            let report = build(segments, by, &Filter::default(), 10);
            std::hint::black_box(&report);
            report.total as usize
        }
        _ => {
            let options = HtcdsOptions {
                deidentified: true,
                k: 5,
                country: "kz".into(),
                seed: 7,
            };
            let out = export(segments, &options).unwrap();
            std::hint::black_box(&out.bytes);
            out.rows + out.suppressed + out.statistics_only + out.consent_not_known
        }
    };
    assert!(failure.into_inner().is_none());
    let elapsed = start.elapsed();
    println!("{} {} {rows}", elapsed.as_micros(), peak_kib());
}

/// Run one job in a fresh process: (time, peak KiB, rows).
fn run(job: &str, dir: &Path) -> (Duration, u64, u64) {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--child", job, &dir.display().to_string()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let fields: Vec<u64> = String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .map(|f| f.parse().unwrap())
        .collect();
    (Duration::from_micros(fields[0]), fields[1], fields[2])
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    let sizes: Vec<usize> = match std::env::var("QORGAU_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(n) => vec![n],
        None => vec![100_000, 1_000_000],
    };
    let runs: usize = std::env::var("QORGAU_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("qorgau report benchmark ({cores} cores available; medians of {runs})");
    let device = SecretKeys::generate(
        Role::Device,
        "bench-device".into(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    let hub = SecretKeys::generate(
        Role::Hub,
        "bench-hub".into(),
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    let setup = DeviceSetup {
        card: DeviceCard::for_keys(&device, Some("almaty_city".into())).unwrap(),
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
        let (mut record, sealed, _) =
            synthetic_record(protocol, &setup, &mut rng, at.parse().unwrap()).unwrap();
        record.region = Some(regions[i % regions.len()].to_owned());
        if i < 2000 {
            sealed_sample.push(sealed.ciphertext().to_vec());
        }
        facts.push(Fact::from(record.head()));
    }
    let with_profile = facts.iter().filter(|f| !f.profile.is_empty()).count();
    let shared = facts
        .iter()
        .filter(|f| matches!(f.consent, Some(Consent::SocialServices | Consent::Police)))
        .count();
    println!(
        "synthetic facts: {:.0}% with a case profile, {:.0}% with consent to pass the case on",
        100.0 * with_profile as f64 / SEGMENT as f64,
        100.0 * shared as f64 / SEGMENT as f64
    );
    // The floor: opening one sealed record with age, per core.
    let start = Instant::now();
    for bytes in &sealed_sample {
        std::hint::black_box(age::decrypt(&hub.identity, bytes).unwrap());
    }
    let per_record = start.elapsed() / sealed_sample.len() as u32;

    for total in sizes {
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
        let now: qorgau::time::Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        store.enroll(&setup.card, now, &row_key).unwrap();
        let sealed = cache::seal(&facts, std::slice::from_ref(&hub.recipient())).unwrap();
        for n in 0..total.div_ceil(SEGMENT) {
            let bundle = qorgau::ids::BundleId::of_digest(&[n as u8; 32]);
            let tx = store.begin_import(&row_key).unwrap();
            tx.insert_facts(&bundle, SEGMENT, &sealed).unwrap();
            tx.commit(&BundleRow {
                bundle_id: bundle,
                device_id: setup.card.device_id.clone(),
                created_at: now,
                imported_at: now,
                records: SEGMENT as i64,
                accepted: SEGMENT as i64,
                already_held: 0,
                rejected: 0,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        drop(store);
        let total = total.div_ceil(SEGMENT) * SEGMENT;
        let (mut plain, mut sex_age, mut profile, mut htcds) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut plain_peak, mut sex_age_peak, mut profile_peak, mut htcds_peak) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // Interleaved, so a busy moment of the machine hits each alike.
        for _ in 0..runs {
            for (job, times, peaks) in [
                ("plain", &mut plain, &mut plain_peak),
                ("sex_age", &mut sex_age, &mut sex_age_peak),
                ("profile", &mut profile, &mut profile_peak),
                ("htcds", &mut htcds, &mut htcds_peak),
            ] {
                let (time, peak, rows) = run(job, dir);
                assert_eq!(rows, total as u64, "{job}");
                times.push(time);
                peaks.push(peak);
            }
        }
        let (plain, sex_age, profile, htcds) = (
            median(plain),
            median(sex_age),
            median(profile),
            median(htcds),
        );
        let kib = |mut peaks: Vec<u64>| {
            peaks.sort_unstable();
            peaks[peaks.len() / 2] as f64 / 1024.0
        };
        let floor = per_record * total as u32 / cores as u32;
        println!(
            "{total} records; opening every sealed record instead: {:.1} s on {cores} cores",
            floor.as_secs_f64()
        );
        println!(
            "  report by protocol, band: {:.3} s, peak {:.0} MiB ({:.0}× faster than the floor)",
            plain.as_secs_f64(),
            kib(plain_peak),
            floor.as_secs_f64() / plain.as_secs_f64()
        );
        println!(
            "  report by protocol, band, sex and age band: {:.3} s, peak {:.0} MiB ({:+.0}% against the plain report; {:.0}× faster than the floor)",
            sex_age.as_secs_f64(),
            kib(sex_age_peak),
            100.0 * (sex_age.as_secs_f64() / plain.as_secs_f64() - 1.0),
            floor.as_secs_f64() / sex_age.as_secs_f64()
        );
        println!(
            "  report by protocol, band and the six profile dimensions: {:.3} s, peak {:.0} MiB ({:+.0}% against the plain report; {:.0}× faster than the floor)",
            profile.as_secs_f64(),
            kib(profile_peak),
            100.0 * (profile.as_secs_f64() / plain.as_secs_f64() - 1.0),
            floor.as_secs_f64() / profile.as_secs_f64()
        );
        println!(
            "  k-anonymous HTCDS export (k = 5): {:.3} s, peak {:.0} MiB ({:.1}× faster than the floor)",
            htcds.as_secs_f64(),
            kib(htcds_peak),
            floor.as_secs_f64() / htcds.as_secs_f64()
        );
    }
}
