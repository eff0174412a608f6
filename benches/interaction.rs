//! Interaction latency: `cargo bench --bench interaction`.
//!
//! Drives the real (release) binary in a pseudo-terminal, as a worker would,
//! and measures from pressing Enter to the next question being drawn — which
//! includes validating the answer, encrypting and committing the draft, and
//! drawing the header and the list. Target: < 20 ms median on a 2-core machine.
// Benchmark code: a failed unwrap is a failed run, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[cfg(unix)]
fn main() {
    use std::process::Command;
    use std::time::{Duration, Instant};

    use expectrl::{Expect, Regex, Session};

    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::write(root.join("pass"), "benchmark passphrase, synthetic\n").unwrap();
    let run = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_qorgau"))
            .args(args)
            .env("QORGAU_PASSPHRASE_FILE", root.join("pass"))
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    let hub = root.join("hub").display().to_string();
    let device = root.join("device").display().to_string();
    run(&["--data-dir", &hub, "hub", "init"]);
    run(&[
        "--data-dir",
        &device,
        "init",
        "--hub",
        &format!("{hub}/hub-card.toml"),
    ]);

    // Each prompt starts with its question in bold.
    const PROMPT: &str = "\x1b\\[1m[^›\x1b]";
    let mut samples = Vec::new();
    for _walk in 0..3 {
        let mut command = Command::new(env!("CARGO_BIN_EXE_qorgau"));
        command
            .args([
                "--data-dir",
                &device,
                "--lang",
                "ru",
                "screen",
                "border-checkpoint",
            ])
            .env("TERM", "xterm-256color");
        let mut session = Session::spawn(command).unwrap();
        session.get_process_mut().set_window_size(100, 50).unwrap();
        session.set_expect_timeout(Some(Duration::from_secs(10)));
        session.expect(Regex(PROMPT)).unwrap();
        for _ in 0..60 {
            // Let the list settle, as a person reads before answering.
            std::thread::sleep(Duration::from_millis(30));
            session.send("\x1b[B").unwrap(); // the second choice: "no", "not observed"
            std::thread::sleep(Duration::from_millis(30));
            let pressed = Instant::now();
            session.send("\r").unwrap();
            let Ok(found) = session.expect(Regex(PROMPT)) else {
                break;
            };
            let elapsed = pressed.elapsed();
            let shown = String::from_utf8_lossy(found.before());
            // Only question-to-question steps (not consent, review or referral).
            if shown.contains("Вопрос ") {
                samples.push(elapsed);
            }
            if shown.contains("Проверьте ответы") {
                break;
            }
        }
        let _ = session.send("q");
        let _ = session.get_process().wait();
    }
    samples.sort_unstable();
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("qorgau interaction benchmark ({cores} cores available)");
    println!(
        "Enter to next question drawn (incl. draft save), {} steps: median {:.1} ms, p90 {:.1} ms",
        samples.len(),
        median.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3
    );
}

#[cfg(not(unix))]
fn main() {
    println!("the interaction benchmark drives a Unix pseudo-terminal");
}
