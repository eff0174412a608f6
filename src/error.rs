//! Why a command could not do its job: a kind, which picks the exit code; a
//! message, what is wrong; hints, what to do; and the library error it came
//! from as its source (modelled on jj's `CommandError`).
//!
//! The library's errors say what is wrong in its own words and never name a
//! command-line flag or a `qorgau …` command: this module turns them into a
//! [`CommandError`] of the right kind, localized where the catalogue has the
//! message, with the command-line advice added as localized hints
//! (`hint-…` messages in `i18n/*.ftl`).
//!
//! Exit codes (also in `docs/architecture.md`, "Errors"):
//!
//! | kind | exit | when |
//! |---|---|---|
//! | [`ErrorKind::User`] | 1 | the user can act on it: a missing file, a wrong passphrase, a name that is not there |
//! | [`ErrorKind::Data`] | 1 | a file or database is damaged, forged or not what it claims to be |
//! | [`ErrorKind::Usage`] | 2 | the command line itself is wrong (as clap does) |
//! | [`ErrorKind::Internal`] | 70 | a bug: an invariant broke (`EX_SOFTWARE` of sysexits.h) |
//! | [`ErrorKind::BrokenPipe`] | 0 | the reader of the output went away (`qorgau protocols \| head`) |

mod from_library;

use std::fmt;
use std::sync::OnceLock;

use qorgau::i18n::Messages;
use qorgau::Lang;

/// What kind of failure, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input the user can fix: a path, a name, a passphrase, a state
    /// (not set up yet, already exists).
    User,
    /// The command line is wrong: options that cannot go together.
    Usage,
    /// Data that is damaged, forged or of another kind than expected: a
    /// bundle cut short on a stick, a changed key file, a bad protocol file.
    Data,
    /// Something that should never happen did: a bug to report.
    Internal,
    /// Standard output was closed by its reader: not a failure, nothing to say.
    BrokenPipe,
}

impl ErrorKind {
    /// The process exit code.
    ///
    /// User and data errors both exit 1: the project's rule is "bad input of
    /// every kind → exit 1", and scripts that check for 1 keep working.
    /// Usage errors exit 2, as clap's own do. Internal errors exit 70
    /// (`EX_SOFTWARE`), so a bug is told apart from bad input. A broken pipe
    /// exits 0, as ripgrep does: `qorgau protocols | head -1` got what it
    /// asked for, and a pipeline under `set -o pipefail` must not fail for it
    /// (141, "killed by SIGPIPE", would).
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::User | ErrorKind::Data => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Internal => 70,
            ErrorKind::BrokenPipe => 0,
        }
    }
}

/// A command that could not do its job.
#[derive(Debug)]
pub struct CommandError {
    kind: ErrorKind,
    /// What is wrong, in the interface language where the catalogue has it.
    message: String,
    /// What to do about it, localized; printed after the message.
    hints: Vec<String>,
    /// The library error this came from, kept for its chain.
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
            hints: Vec::new(),
            source: None,
        }
    }

    /// Bad input the user can fix (exit 1).
    pub fn user(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::User, message)
    }

    /// Damaged or forged data (exit 1).
    pub fn data(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Data, message)
    }

    /// A bug (exit 70).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    /// The output's reader went away (exit 0, nothing printed).
    pub fn broken_pipe() -> Self {
        Self::new(ErrorKind::BrokenPipe, "")
    }

    /// Add what to do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Say what is wrong in other words (the same kind, hints and source).
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Keep the error this one came from.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn hints(&self) -> &[String] {
        &self.hints
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// The message and its hints as the user reads them, one hint a line
    /// (for places that report an error without failing, such as one
    /// refused bundle among several).
    pub fn text(&self, messages: &Messages) -> String {
        let mut text = self.message.clone();
        let bug = (self.kind == ErrorKind::Internal).then(|| messages.get("hint-internal"));
        for hint in self.hints.iter().chain(&bug) {
            text.push('\n');
            text.push_str(&format!("{}: {hint}", messages.get("hint-prefix")));
        }
        text
    }

    /// Print once on stderr: the message, then the hints. A broken pipe
    /// prints nothing.
    pub fn print(&self, messages: &Messages) {
        if self.kind() == ErrorKind::BrokenPipe {
            return;
        }
        eprintln!("{}: {}", messages.get("error-prefix"), self.text(messages));
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The interface language of this run, for the messages and hints made from
/// library errors by `?` (set once, when the language is known).
static LANG: OnceLock<Lang> = OnceLock::new();

pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The interface messages of this run (Russian until the language is known).
pub fn messages_now() -> Messages {
    Messages::new(LANG.get().copied().unwrap_or(Lang::Ru))
}

pub use from_library::localized;

#[cfg(test)]
mod tests {
    use super::*;
    use qorgau::crypto::KeyError;
    use qorgau::store::StoreError;
    use qorgau::sync::ImportError;

    #[test]
    fn each_kind_has_its_documented_exit_code() {
        assert_eq!(ErrorKind::User.exit_code(), 1);
        assert_eq!(ErrorKind::Data.exit_code(), 1);
        assert_eq!(ErrorKind::Usage.exit_code(), 2);
        assert_eq!(ErrorKind::Internal.exit_code(), 70);
        assert_eq!(ErrorKind::BrokenPipe.exit_code(), 0);
    }

    #[test]
    fn library_errors_get_their_kind_from_the_variant_and_keep_their_source() {
        let cut = CommandError::from(ImportError::Truncated);
        assert_eq!(cut.kind(), ErrorKind::Data);
        assert!(std::error::Error::source(&cut).is_some());
        let other_hub = CommandError::from(ImportError::NotForThisHub);
        assert_eq!(other_hub.kind(), ErrorKind::User);
        let bug = CommandError::from(ImportError::Internal("a worker stopped".into()));
        assert_eq!(bug.exit_code(), 70);
        let wrong = CommandError::from(KeyError::WrongPassphrase { path: "k".into() });
        assert_eq!(wrong.kind(), ErrorKind::User);
        let damaged = CommandError::from(KeyError::Damaged {
            path: "k".into(),
            role: qorgau::crypto::Role::Device,
            detail: "x".into(),
        });
        assert_eq!(damaged.kind(), ErrorKind::Data);
    }

    #[test]
    fn the_advice_the_library_leaves_out_comes_back_as_a_hint() {
        let missing = CommandError::from(StoreError::NoDraft("ab12".into()));
        // No language was chosen in this test: the message (localized since
        // the library's store errors have catalogue entries) and the hints
        // are in Russian, the default.
        let said = "Незавершённого скрининга ab12 нет: список покажет qorgau drafts.";
        assert_eq!(missing.message(), said);
        assert_eq!(missing.hints().len(), 1);
        assert!(missing.hints()[0].contains("qorgau drafts"), "{missing:?}");
        let messages = Messages::new(Lang::Ru);
        assert_eq!(
            missing.text(&messages),
            format!("{said}\nподсказка: Незавершённые скрининги покажет qorgau drafts.")
        );
    }
}
