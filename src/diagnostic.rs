//! Problems found in a file, located as `path:line:col: message`.

use std::fmt;
use std::ops::Range;

/// One problem in one file, at a line and column (both from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    /// A problem at byte offset `offset` of `source`.
    pub fn at(path: &str, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(source, offset);
        Diagnostic {
            path: path.to_owned(),
            line,
            col,
            message: message.into(),
        }
    }

    /// A problem at the start of a span of `source`.
    pub fn at_span(
        path: &str,
        source: &str,
        span: &Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self::at(path, source, span.start, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.col, self.message
        )
    }
}

/// Every problem found in one or more files; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Line and column (in characters), both counted from 1, of a byte offset.
/// An offset past the end, or inside a character, is clamped.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Line starts of a source, to locate many offsets without rescanning it:
/// locating n problems or cases stays linear in the file's size.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The line (from 1) of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Line and column (in characters), both from 1, as [`line_col`].
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let col = source[start..offset].chars().count() + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let source = "a = 1\nб = \"ы\"\n";
        assert_eq!(line_col(source, 0), (1, 1));
        assert_eq!(line_col(source, 6), (2, 1));
        // "б = " is 5 bytes but 4 characters.
        assert_eq!(line_col(source, 6 + 5), (2, 5));
        assert_eq!(line_col(source, 10_000), (3, 1));
    }

    #[test]
    fn the_line_index_agrees_with_line_col() {
        let source = "a = 1\nб = \"ы\"\n\nlast";
        let index = LineIndex::new(source);
        for offset in 0..=source.len() + 3 {
            assert_eq!(
                index.line_col(source, offset),
                line_col(source, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn formats_as_path_line_col() {
        let d = Diagnostic::at("p.toml", "x\ny", 2, "bad");
        assert_eq!(d.to_string(), "p.toml:2:1: bad");
    }
}
