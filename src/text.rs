//! Text that a device wrote, made safe before it reaches the hub's terminal
//! or a spreadsheet (security review F14, reliability review P14).

use std::borrow::Cow;

/// Remove terminal control sequences and invisible direction overrides:
/// C0 controls except newline and tab, DEL, C1 controls (which include the
/// 8-bit CSI and OSC), and the bidirectional overrides and isolates that can
/// make text read differently from what it is. An escape sequence loses its
/// ESC, so what is left prints as harmless characters.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !is_unsafe(*c)).collect())
}

/// Like [`printable`], for a table cell or a one-line field: newlines and
/// tabs become spaces.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let cleaned = printable(text);
    if cleaned.contains(['\n', '\t']) {
        Cow::Owned(cleaned.replace(['\n', '\t'], " "))
    } else {
        cleaned
    }
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A CSV cell that a spreadsheet will not run as a formula: a cell starting
/// with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`
/// (the OWASP advice), and control characters are removed.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let cleaned = printable(text);
    if cleaned.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// Break words longer than `max` characters with a space, so a table wraps
/// them in time linear in their length (reliability review P4).
pub fn break_long_words(text: &str, max: usize) -> Cow<'_, str> {
    let max = max.max(1);
    let mut run = 0usize;
    let needs = text.chars().any(|c| {
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
        }
        run > max
    });
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / max + 1);
    let mut run = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            if run == max {
                out.push(' ');
                run = 0;
            }
            run += 1;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_removed() {
        assert_eq!(
            printable("almaty\u{1b}]0;TITLE\u{7}\u{1b}[2J"),
            "almaty]0;TITLE[2J"
        );
        assert_eq!(printable("a\u{202E}b\u{9b}c"), "abc");
        assert_eq!(printable("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(one_line("line\nnext"), "line next");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for start in ["+1", "-1", "@A1", "\tx"] {
            assert!(csv_cell(start).starts_with('\''), "{start}");
        }
        assert_eq!(csv_cell("almaty_city"), "almaty_city");
    }

    #[test]
    fn long_words_are_broken() {
        assert_eq!(break_long_words("abcdefg hi", 3), "abc def g hi");
        assert_eq!(break_long_words("short words", 10), "short words");
    }
}
