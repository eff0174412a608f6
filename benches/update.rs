//! Update pack benchmark: `cargo bench --bench update`.
//!
//! Installs a pack of all four shipped protocols (each under a new version
//! number) and a referral directory on a device: verifying the signature
//! and checksums, parsing every protocol and running its golden cases,
//! checking them against the shipped files and the directory's conditions,
//! then writing the pack and the pointer with fsync. Also: loading the set
//! in force, as every command does. Medians of repeated runs (not a test:
//! nothing here fails on a slow machine). Target: an install < 100 ms.
// Test and benchmark code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::median;

use std::time::Instant;

use qorgau::catalog::{SHIPPED_PROTOCOLS, SHIPPED_REFERRALS};
use qorgau::crypto::{HubCard, Passphrase, Role, SecretKeys};
use qorgau::datadir::DataDir;
use qorgau::update::pack::{write_pack, PackPath};

const RUNS: u64 = 31;

fn main() {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("qorgau update benchmark ({cores} cores available; medians of {RUNS} runs)");
    let temp = tempfile::tempdir().unwrap();
    let hub = SecretKeys::generate(
        Role::Hub,
        "bench-hub".into(),
        "2026-12-01T00:00:00Z".parse().unwrap(),
    );
    let card = HubCard::for_keys(&hub, "Bench hub".into());
    let card_path = temp.path().join("hub-card.toml");
    std::fs::write(&card_path, card.to_toml()).unwrap();
    let dir = DataDir::resolve(Some(temp.path().join("device"))).unwrap();
    qorgau::setup::init_device(
        &dir,
        &card_path,
        Some("almaty_city".into()),
        &Passphrase::new("bench violet harbor quilt sketch cobalt"),
        "2026-12-01T00:00:00Z".parse().unwrap(),
    )
    .unwrap();

    // Every shipped protocol under a version no release uses, and the
    // shipped directory under a new version.
    let mut files: Vec<(PackPath, Vec<u8>)> = Vec::new();
    // The newest shipped version of each protocol (all four).
    let shipped = qorgau::catalog::Catalog::shipped().unwrap();
    for file in shipped.latest() {
        let embedded = SHIPPED_PROTOCOLS
            .iter()
            .find(|f| f.path() == file.path)
            .unwrap();
        let (path, source) = (embedded.path(), embedded.text().unwrap());
        let (id, version) = path
            .strip_prefix("questionnaires/")
            .and_then(|p| p.strip_suffix(".toml"))
            .and_then(|p| p.split_once('/'))
            .unwrap();
        let new = semver::Version::parse(version).unwrap();
        let new = semver::Version::new(new.major + 90, new.minor, new.patch);
        let text = source.replacen(
            &format!("version = \"{version}\""),
            &format!("version = \"{new}\""),
            1,
        );
        files.push((
            PackPath::Protocol {
                id: id.to_owned(),
                version: new,
            },
            text.into_bytes(),
        ));
    }
    let directory = SHIPPED_REFERRALS
        .iter()
        .find(|f| f.path().ends_with("kz/1.0.0.toml"))
        .unwrap()
        .text()
        .unwrap();
    files.push((
        PackPath::Directory {
            country: "kz".into(),
            version: semver::Version::new(90, 0, 0),
        },
        directory
            .replacen("version = \"1.0.0\"", "version = \"90.0.0\"", 1)
            .into_bytes(),
    ));
    files.push((PackPath::HubCard, card.to_toml().into_bytes()));
    let protocols = files
        .iter()
        .filter(|(p, _)| matches!(p, PackPath::Protocol { .. }))
        .count();
    let packs: Vec<Vec<u8>> = (1..=RUNS)
        .map(|sequence| {
            write_pack(
                &hub.id,
                sequence,
                "2026-12-01T09:00:00Z".parse().unwrap(),
                &files,
                &[],
                &[],
                &hub.signing,
            )
            .unwrap()
        })
        .collect();

    let mut check = Vec::new();
    let mut total = Vec::new();
    for pack in packs {
        let start = Instant::now();
        let prepared = qorgau::update::prepare(&dir, pack, "bench.qgu").unwrap();
        check.push(start.elapsed());
        prepared.install(&dir, None, &mut |_| {}).unwrap();
        total.push(start.elapsed());
    }
    println!(
        "install an update of {protocols} protocols and a directory ({} KiB): {:.1} ms (of which checks {:.1} ms, writes with fsync the rest)",
        std::fs::metadata(dir.root().join(format!("updates/{RUNS}.qgu")))
            .unwrap()
            .len()
            / 1024,
        median(total).as_secs_f64() * 1e3,
        median(check).as_secs_f64() * 1e3,
    );

    let mut load = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let in_force = qorgau::update::in_force(&dir);
        assert_eq!(in_force.update.unwrap().sequence, RUNS);
        load.push(start.elapsed());
    }
    println!(
        "load the set in force (verify, parse, golden cases), as every command does: {:.1} ms",
        median(load).as_secs_f64() * 1e3
    );
}
