//! Standard output that never panics: a closed pipe (`qorgau ... | head`)
//! ends the output quietly, as in ripgrep; any other write error is reported once.

use std::fmt::Display;
use std::io::{self, Write};

use crate::error::CommandError;
use qorgau::i18n::Arg;

pub struct Output {
    inner: Box<dyn Write>,
    error: Option<io::Error>,
}

impl Output {
    pub fn stdout() -> Self {
        Output {
            inner: Box::new(io::BufWriter::new(io::stdout())),
            error: None,
        }
    }

    /// Output into any writer (a pager's input).
    pub fn to_writer(writer: Box<dyn Write>) -> Self {
        Output {
            inner: writer,
            error: None,
        }
    }

    /// Write one line; after the first error, writes are dropped.
    pub fn line(&mut self, text: impl Display) {
        if self.error.is_none() {
            if let Err(e) = writeln!(self.inner, "{text}") {
                self.error = Some(e);
            }
        }
    }

    /// Flush what was written so far (before a question on the terminal).
    pub fn flush_now(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.inner.flush() {
                self.error = Some(e);
            }
        }
    }

    /// Flush; a closed pipe is a [`crate::error::ErrorKind::BrokenPipe`], which ends the
    /// run quietly (exit 0).
    pub fn finish(mut self) -> Result<(), CommandError> {
        if self.error.is_none() {
            if let Err(e) = self.inner.flush() {
                self.error = Some(e);
            }
        }
        match self.error {
            None => Ok(()),
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(CommandError::broken_pipe()),
            // A full disk or a closed terminal: the user can act on it.
            Some(e) => {
                let error = e.to_string();
                Err(CommandError::user(
                    crate::error::messages_now()
                        .format("error-write-output", &[("error", Arg::Str(&error))]),
                )
                .with_source(e))
            }
        }
    }
}

/// `outln!(out, "format", args...)`: one line to an [`Output`].
macro_rules! outln {
    ($out:expr) => {
        $out.line("")
    };
    ($out:expr, $($arg:tt)*) => {
        $out.line(format_args!($($arg)*))
    };
}
pub(crate) use outln;
