//! Text to lines at the terminal's width: at word boundaries, never inside
//! a word or an id (`medical-rapid-response` is one word: no hyphen
//! splitting), with a hanging indent for list items. A single word longer
//! than the line is the only thing ever cut.

use textwrap::{Options, WordSplitter};
use unicode_width::UnicodeWidthStr;

fn options(width: usize) -> Options<'static> {
    Options::new(width.max(1)).word_splitter(WordSplitter::NoHyphenation)
}

/// `text` wrapped to `width` columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        lines.extend(
            textwrap::wrap(paragraph, options(width))
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines
}

/// `text` after `marker`, wrapped with every further line indented to
/// where the text starts.
pub fn hanging(marker: &str, text: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(marker.width());
    let opts = options(width)
        .initial_indent(marker)
        .subsequent_indent(&indent);
    textwrap::wrap(text, opts)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// `text` on one line of at most `width` columns: cut at a word boundary
/// with `…` when it is longer (a list's short label).
pub fn one_line(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(1);
    let mut out = String::new();
    for word in text.split(' ') {
        let candidate = if out.is_empty() {
            word.to_owned()
        } else {
            format!("{out} {word}")
        };
        if candidate.width() > room {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        // One long word: cut it, as nothing else fits.
        out = text
            .chars()
            .scan(0, |w, c| {
                *w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                (*w <= room).then_some(c)
            })
            .collect();
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_and_never_splits_ids() {
        let text = "Спросите про сопровождающего: medical-rapid-response border-checkpoint";
        for width in [24, 30, 40] {
            for line in wrap(text, width) {
                assert!(line.width() <= width, "{line}");
                for word in line.split_whitespace() {
                    assert!(text.split_whitespace().any(|w| w == word), "{word} split");
                }
            }
        }
    }

    #[test]
    fn items_hang_under_their_text() {
        let lines = hanging("  12  ", "один два три четыре пять шесть", 16);
        assert!(lines[0].starts_with("  12  один"));
        assert!(
            lines[1..].iter().all(|l| l.starts_with("      ")),
            "{lines:?}"
        );
    }

    #[test]
    fn one_line_cuts_at_a_word_with_an_ellipsis() {
        assert_eq!(
            one_line("Ребёнок говорит, что хочет", 18),
            "Ребёнок говорит…"
        );
        assert_eq!(one_line("short", 18), "short");
        assert!(one_line("Ребёнок говорит, что хочет", 18).width() <= 18);
    }
}
