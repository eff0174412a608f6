//! Interaction latency: `cargo bench --bench interaction`.
//!
//! Drives the real (release) binary in a pseudo-terminal of 80×24, as a
//! worker would, and measures from pressing Enter on a chosen answer to the
//! next question being drawn — which includes validating the answer,
//! encrypting and committing the draft, and drawing the next full screen.
//! The screen is read back through a terminal emulator (vt100); a question
//! counts as drawn when the header shows its position. Target: < 20 ms
//! median on a 2-core machine.
// Benchmark code: a failed unwrap is a failed run, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[cfg(unix)]
fn main() {
    use std::process::Command;
    use std::time::{Duration, Instant};

    use expectrl::{Expect, Session};

    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    // A strong passphrase in a file only its owner can read, as qorgau requires.
    std::fs::write(
        root.join("pass"),
        "bench walnut tundra cobalt pickle synthetic\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root.join("pass"), std::fs::Permissions::from_mode(0o600))
            .unwrap();
    }
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

    /// The "n/total" at the right of the header, if a question is shown.
    fn position(parser: &vt100::Parser) -> Option<String> {
        let screen = parser.screen().contents();
        let header = screen.lines().next()?;
        let last = header.split_whitespace().last()?;
        (last.contains('/') && last.chars().next()?.is_ascii_digit()).then(|| last.to_owned())
    }

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
        session.get_process_mut().set_window_size(80, 24).unwrap();
        let mut parser = vt100::Parser::new(24, 80, 0);
        let mut buf = [0u8; 16384];
        let mut pump = |session: &mut expectrl::session::OsSession, parser: &mut vt100::Parser| {
            while let Ok(n) = session.try_read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.process(&buf[..n]);
            }
        };
        let wait = |session: &mut expectrl::session::OsSession,
                    parser: &mut vt100::Parser,
                    pump: &mut dyn FnMut(&mut expectrl::session::OsSession, &mut vt100::Parser),
                    done: &dyn Fn(&vt100::Parser) -> bool|
         -> bool {
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                pump(session, parser);
                if done(parser) {
                    return true;
                }
                std::hint::spin_loop();
            }
            false
        };
        assert!(wait(&mut session, &mut parser, &mut pump, &|p| position(p)
            .is_some()));
        for _ in 0..60 {
            let Some(before) = position(&parser) else {
                break; // consent, a card or the review: the walk part is over
            };
            // Let the screen settle, as a person reads before answering.
            std::thread::sleep(Duration::from_millis(30));
            session.send("2").unwrap(); // "no" / "not observed"
            std::thread::sleep(Duration::from_millis(30));
            pump(&mut session, &mut parser);
            let pressed = Instant::now();
            session.send("\r").unwrap();
            let moved = wait(&mut session, &mut parser, &mut pump, &|p| {
                position(p).is_some_and(|now| now != before) || position(p).is_none()
            });
            let elapsed = pressed.elapsed();
            if !moved || position(&parser).is_none() {
                break;
            }
            samples.push(elapsed);
        }
        let _ = session.send("\x1b");
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
