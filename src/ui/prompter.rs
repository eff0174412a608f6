//! The terminal [`Prompter`]: dialoguer lists and inputs on stderr. Esc or q
//! in a list is the quick exit; no terminal is a value, never a panic.

use std::io::IsTerminal;

use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Password, Select};
use qorgau::prompt::{Item, Prompter, Reply};

pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
}

impl TerminalPrompter {
    pub fn new() -> Self {
        TerminalPrompter {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
        }
    }

    /// Whether there is a terminal to ask on (stdin and stderr).
    pub fn available() -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// The terminal's width, or 80 columns.
    pub fn width(&self) -> u16 {
        if self.term.is_term() {
            self.term.size().1.clamp(40, 120)
        } else {
            80
        }
    }

    /// Show a prompt as plain text: dialoguer redraws its prompt line, which
    /// goes wrong when a long question wraps, so lists get no prompt of their own.
    fn show_prompt(&self, prompt: &str) {
        let _ = self
            .term
            .write_line(&format!("{}", console::style(prompt).bold()));
    }

    fn echo(&self, label: &str) {
        let _ = self
            .term
            .write_line(&format!("  {} {label}", console::style("✔").green()));
    }
}

fn reply<T>(result: dialoguer::Result<Option<T>>) -> Reply<T> {
    match result {
        Ok(Some(value)) => Reply::Value(value),
        Ok(None) => Reply::QuickExit,
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            Reply::QuickExit
        }
        Err(_) => Reply::NoTerminal,
    }
}

impl Prompter for TerminalPrompter {
    fn message(&mut self, text: &str) {
        let _ = self.term.write_line(text);
    }

    fn select(&mut self, _key: &str, prompt: &str, items: &[Item], default: usize) -> Reply<usize> {
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        self.show_prompt(prompt);
        let result = reply(
            Select::with_theme(&self.theme)
                .items(&labels)
                .default(default.min(items.len().saturating_sub(1)))
                .clear(true)
                .interact_on_opt(&self.term),
        );
        if let Reply::Value(i) = result {
            self.echo(labels[i]);
        }
        result
    }

    fn multi_select(
        &mut self,
        _key: &str,
        prompt: &str,
        items: &[Item],
        checked: &[bool],
    ) -> Reply<Vec<usize>> {
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        self.show_prompt(prompt);
        let result = reply(
            MultiSelect::with_theme(&self.theme)
                .items(&labels)
                .defaults(checked)
                .clear(true)
                .interact_on_opt(&self.term),
        );
        if let Reply::Value(chosen) = &result {
            let picked: Vec<&str> = chosen.iter().map(|&i| labels[i]).collect();
            if !picked.is_empty() {
                self.echo(&picked.join("; "));
            }
        }
        result
    }

    fn input(&mut self, _key: &str, prompt: &str, initial: &str) -> Reply<String> {
        self.show_prompt(prompt);
        let result = Input::<String>::with_theme(&self.theme)
            .with_prompt("›")
            .with_initial_text(initial)
            .allow_empty(true)
            .interact_text_on(&self.term);
        reply(result.map(Some))
    }

    fn confirm(&mut self, _key: &str, prompt: &str, default: bool) -> Reply<bool> {
        self.show_prompt(prompt);
        reply(
            Confirm::with_theme(&self.theme)
                .with_prompt("›")
                .default(default)
                .interact_on_opt(&self.term),
        )
    }

    fn secret(&mut self, _key: &str, prompt: &str) -> Reply<String> {
        self.show_prompt(prompt);
        reply(
            Password::with_theme(&self.theme)
                .with_prompt("›")
                .interact_on(&self.term)
                .map(Some),
        )
    }

    fn clear(&mut self) {
        clear_screen();
    }
}

/// Wipe the screen and its scrollback at once, and show the cursor again.
pub fn clear_screen() {
    use std::io::Write;
    let mut err = std::io::stderr();
    let _ = err.write_all(b"\x1b[2J\x1b[3J\x1b[H\x1b[?25h");
    let _ = err.flush();
}

/// Ctrl-C anywhere: clear the screen and leave. The draft is already saved
/// after every confirmed answer, so nothing confirmed is lost.
pub fn install_quick_exit() {
    let _ = ctrlc::set_handler(|| {
        clear_screen();
        std::process::exit(130);
    });
}
