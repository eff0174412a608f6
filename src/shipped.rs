//! The protocol and referral files this build ships, embedded by `build.rs`
//! (every version ever shipped stays here: old records are read against
//! them), and the interface catalogues. Only bytes: checking them is the
//! catalog's (and `i18n`'s) job.
//!
//! The files are embedded DEFLATE-compressed, which keeps the release binary
//! under 10 MB (issue 15), and each is unpacked the first time it is asked
//! for, once per run. `build.rs` has unpacked every one of them and compared
//! it with the file, so a failure here means a damaged binary.

use std::fmt;
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// One shipped file: its path in the repository and its text.
pub struct Embedded {
    path: &'static str,
    packed: &'static [u8],
    len: usize,
    /// `None` if the bytes would not unpack to `len` bytes of UTF-8.
    text: OnceLock<Option<String>>,
}

impl Embedded {
    const fn new(path: &'static str, packed: &'static [u8], len: usize) -> Self {
        Embedded {
            path,
            packed,
            len,
            text: OnceLock::new(),
        }
    }

    /// The file's path in the repository, e.g. `questionnaires/school-safety/1.0.0.toml`.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// The file's text, exactly as it is in the repository.
    pub fn text(&self) -> Result<&str, Diagnostics> {
        self.text
            .get_or_init(|| self.unpack())
            .as_deref()
            .ok_or_else(|| {
                Diagnostics(vec![Diagnostic {
                    path: self.path.to_owned(),
                    line: 1,
                    col: 1,
                    message: "this file, built into qorgau, does not unpack: the qorgau \
                              program is damaged; install it again"
                        .to_owned(),
                }])
            })
    }

    fn unpack(&self) -> Option<String> {
        let bytes =
            miniz_oxide::inflate::decompress_to_vec_with_limit(self.packed, self.len).ok()?;
        if bytes.len() != self.len {
            return None;
        }
        String::from_utf8(bytes).ok()
    }
}

impl fmt::Debug for Embedded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Embedded({}, {} bytes)", self.path, self.len)
    }
}

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_a_diagnostic_not_a_panic() {
        static TEXT: &str = "id = \"example\"\n";
        let packed: &'static [u8] = Box::leak(
            miniz_oxide::deflate::compress_to_vec(TEXT.as_bytes(), 10).into_boxed_slice(),
        );
        let good = Embedded::new("questionnaires/example/1.0.0.toml", packed, TEXT.len());
        assert_eq!(good.text().unwrap(), TEXT);

        let cut = Embedded::new(
            "questionnaires/example/1.0.0.toml",
            &packed[..3],
            TEXT.len(),
        );
        let longer = Embedded::new("questionnaires/example/1.0.0.toml", packed, TEXT.len() + 1);
        let not_deflate = Embedded::new("questionnaires/example/1.0.0.toml", b"\xff\xff\xff", 4);
        for damaged in [cut, longer, not_deflate] {
            let problem = damaged.text().unwrap_err().to_string();
            assert!(
                problem.starts_with("questionnaires/example/1.0.0.toml:1:1: ")
                    && problem.contains("install it again"),
                "{problem}"
            );
        }
    }
}
