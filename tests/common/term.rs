//! A program in a pseudo-terminal, read back through a terminal emulator
//! (vt100): the exact screen and scrollback a worker's terminal would keep.

use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::{Expect, Session};
use qorgau::i18n::Messages;
use qorgau::lang::Lang;

pub const ENTER: &str = "\r";

pub type Pty = expectrl::session::OsSession;

/// A program in a pseudo-terminal, and the screen a terminal would show.
pub struct Term {
    pub session: Pty,
    pub parser: vt100::Parser,
    pub exited: Option<WaitStatus>,
}

impl Term {
    pub fn spawn(env: &super::env::Env, args: &[&str], cols: u16, rows: u16) -> Term {
        let mut command = Command::new(env!("CARGO_BIN_EXE_qorgau"));
        command
            .args(args)
            // Key files made in tests take milliseconds (test-hooks builds only).
            .env("QORGAU_TEST_SCRYPT_LOG_N", "10")
            .env("QORGAU_HOME", env.device_dir())
            .env("QORGAU_PASSPHRASE_FILE", env.root.join("device-pass"))
            .env("TERM", "xterm-256color")
            .env_remove("QORGAU_LANG");
        Term::spawn_command(command, cols, rows)
    }

    /// Any command in a pseudo-terminal of `cols` × `rows`.
    pub fn spawn_command(command: Command, cols: u16, rows: u16) -> Term {
        let mut session = Session::spawn(command).unwrap();
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        Term {
            session,
            parser: vt100::Parser::new(rows, cols, 2000),
            exited: None,
        }
    }

    /// Read what the program wrote so far into the emulator.
    pub fn pump(&mut self) -> bool {
        let mut buf = [0u8; 8192];
        let mut any = false;
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    any = true;
                }
                Err(_) => break,
            }
        }
        any
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows what `ready` looks for, drawn whole (it
    /// has not changed for a moment), with no fixed sleeps.
    pub fn wait(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = String::new();
        let mut since = Instant::now();
        loop {
            self.pump();
            let screen = self.screen();
            if screen != seen {
                seen = screen.clone();
                since = Instant::now();
            }
            if ready(&screen) && since.elapsed() > Duration::from_millis(30) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("waited for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn wait_for(&mut self, text: &str) -> String {
        let wanted = text.to_owned();
        self.wait(text, move |s| squash(s).contains(&squash(&wanted)))
    }

    /// The next screen that differs from `last`, once it has settled (drawn
    /// whole); `None` when the program has ended.
    pub fn next_screen(&mut self, last: &str) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = String::new();
        let mut since = Instant::now();
        loop {
            self.pump();
            if self.ended() {
                return None;
            }
            let screen = self.screen();
            if screen != seen {
                seen = screen;
                since = Instant::now();
            } else if seen != last
                && !seen.trim().is_empty()
                && since.elapsed() > Duration::from_millis(40)
            {
                return Some(seen);
            }
            if Instant::now() > deadline {
                panic!("no new screen; the screen shows:\n{seen}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Send keys.
    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    /// Whether the program has ended (its status is kept: it can be
    /// collected only once).
    pub fn ended(&mut self) -> bool {
        if self.exited.is_none() {
            if let Ok(status) = self.session.get_process().status() {
                if !matches!(status, WaitStatus::StillAlive) {
                    self.exited = Some(status);
                }
            }
        }
        self.exited.is_some()
    }

    /// Wait for the program to end; read the rest of its output.
    pub fn wait_exit(&mut self) -> WaitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump();
            if self.ended() {
                while self.pump() {}
                if let Some(status) = self.exited {
                    return status;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "the program did not end; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Every line the terminal keeps: the screen and all of its scrollback.
    pub fn everything_kept(&mut self) -> String {
        let screen = self.parser.screen_mut();
        screen.set_scrollback(usize::MAX);
        let depth = screen.scrollback();
        let mut all = String::new();
        for offset in (0..=depth).rev() {
            screen.set_scrollback(offset);
            all.push_str(&screen.contents());
            all.push('\n');
        }
        screen.set_scrollback(0);
        all
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        self.parser.screen_mut().set_size(rows, cols);
    }
}

/// Text with its line breaks and repeated spaces made single spaces, so a
/// wrapped question can be found whole.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Walk to the end the way a quick worker does: the gate "yes", consent
/// "statistics only", "no" / "not observed" everywhere, empty text, finish,
/// and "not referred yet" if a referral is asked. Returns every screen seen
/// until the program ends.
pub fn walk_to_the_end(term: &mut Term, gate: &str, lang: Lang) -> Vec<String> {
    let m = Messages::new(lang);
    let gate = squash(gate);
    let mut screens = Vec::new();
    let mut last = String::new();
    for _ in 0..200 {
        let Some(screen) = term.next_screen(&last) else {
            break;
        };
        last = screen.clone();
        screens.push(screen.clone());
        let flat = squash(&screen);
        let review_or_result = ["review-finish", "result-page-now", "result-page-why"]
            .iter()
            .any(|id| flat.contains(&squash(&m.get(id))));
        let not_yet = m.get("referral-not-yet");
        if review_or_result {
            term.send(ENTER);
        } else if flat.contains(&squash(&m.get("referral-to"))) {
            // Mark "not referred yet" by its number, then confirm.
            let number = screen
                .lines()
                .find(|l| l.contains(&not_yet))
                .and_then(|l| l.split_whitespace().find(|w| w.parse::<u32>().is_ok()))
                .expect("a number for not referred yet")
                .to_owned();
            term.send(&number);
            term.send(ENTER);
        } else if flat.contains(&squash(&m.get("consent-prompt"))) {
            term.send("1"); // statistics only
            term.send(ENTER);
        } else if flat.contains(&squash(&m.get("key-ok-empty-skips"))) {
            term.send(ENTER);
        } else if flat.contains(&gate) {
            term.send("1");
            term.send(ENTER);
        } else {
            term.send("2");
            term.send(ENTER);
        }
    }
    screens
}
