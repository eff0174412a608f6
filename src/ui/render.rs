//! Listings and JSON for the terminal. A listing is a table when it fits
//! the width without splitting an id, a code or a word, and a list of
//! blocks otherwise (a narrow terminal): nothing a person has to type is
//! ever cut in two.

use comfy_table::{presets, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::error::CommandError;
use crate::ui::output::{outln, Output};
use crate::ui::wrap::hanging;

/// The width to lay output out for: the terminal's, else `COLUMNS`, else 80.
pub fn width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        if let Ok((columns, _)) = ratatui::crossterm::terminal::size() {
            return usize::from(columns).max(20);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|&c| c >= 20)
        .unwrap_or(80)
}

/// The narrowest a text column may be and still read as text.
const READABLE: usize = 16;

/// Rows under headers; `whole` columns (ids, codes, numbers, times) are
/// never wrapped, the others only between words.
#[derive(Debug)]
pub struct Listing {
    headers: Vec<String>,
    whole: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Listing {
    /// Columns as (header, whole).
    pub fn new(columns: Vec<(String, bool)>) -> Self {
        let (headers, whole) = columns.into_iter().unzip();
        Listing {
            headers,
            whole,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The narrowest each column can be without cutting what must stay
    /// whole, and (for text) without becoming a word a line.
    fn min_widths(&self) -> Vec<usize> {
        (0..self.headers.len())
            .map(|c| {
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .chain(std::iter::once(&self.headers[c]));
                cells
                    .map(|cell| {
                        if self.whole[c] {
                            cell.lines().map(|l| l.width()).max().unwrap_or(0)
                        } else {
                            let word = cell.split_whitespace().map(|w| w.width()).max();
                            word.unwrap_or(0).max(cell.width().min(READABLE))
                        }
                    })
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// The listing laid out for `width` columns.
    pub fn render(&self, width: usize) -> String {
        let min = self.min_widths();
        // Borders and padding: "│ " before each column, " │" at the end.
        let frame = 3 * self.headers.len() + 1;
        if min.iter().sum::<usize>() + frame <= width {
            self.table(width, &min)
        } else {
            self.list(width)
        }
    }

    fn table(&self, width: usize, min: &[usize]) -> String {
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(width).unwrap_or(u16::MAX))
            .set_header(self.headers.clone());
        for row in &self.rows {
            table.add_row(row.clone());
        }
        let constraints: Vec<ColumnConstraint> = min
            .iter()
            .map(|&w| {
                ColumnConstraint::LowerBoundary(Width::Fixed(
                    u16::try_from(w + 2).unwrap_or(u16::MAX),
                ))
            })
            .collect();
        table.set_constraints(constraints);
        table.to_string()
    }

    /// Each row as a block: its first cell, then `header: value` lines.
    fn list(&self, width: usize) -> String {
        let mut out = Vec::new();
        for row in &self.rows {
            let mut cells = row.iter();
            if let Some(first) = cells.next() {
                out.extend(hanging("", first, width));
            }
            for (header, cell) in self.headers.iter().skip(1).zip(cells) {
                if cell.is_empty() {
                    continue;
                }
                out.extend(hanging(&format!("  {header}: "), cell, width));
            }
            out.push(String::new());
        }
        out.join("\n").trim_end().to_owned()
    }
}

/// Print a listing at the output's width.
pub fn print_listing(out: &mut Output, listing: &Listing) {
    outln!(out, "{}", listing.render(width()));
}

/// Pretty JSON, with a final newline.
pub fn print_json<T: Serialize>(out: &mut Output, value: &T) -> Result<(), CommandError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CommandError::internal(format!("cannot write JSON: {e}")).with_source(e))?;
    outln!(out, "{text}");
    Ok(())
}

/// A stored time (`2026-11-29T18:06:44Z`) as local `2026-11-29 23:06`.
pub fn short_time(stamp: &qorgau::time::Timestamp) -> String {
    stamp
        .as_datetime()
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Text wrapped at word boundaries for the output's width.
pub fn wrapped(text: &str) -> String {
    crate::ui::wrap::wrap(text, width()).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Listing {
        let mut listing = Listing::new(vec![
            ("protocol".into(), true),
            ("title".into(), false),
            ("items".into(), true),
        ]);
        listing.row(vec![
            "medical-rapid-response".into(),
            "Быстрое реагирование в медицинском учреждении".into(),
            "33".into(),
        ]);
        listing.row(vec![
            "patronage-home-visit".into(),
            "Патронажный визит: мама и малыш".into(),
            "27".into(),
        ]);
        listing
    }

    fn words_intact(text: &str) {
        for id in ["medical-rapid-response", "patronage-home-visit"] {
            assert!(text.contains(id), "{id} split:\n{text}");
        }
        for word in ["реагирование", "медицинском", "учреждении", "Патронажный"]
        {
            assert!(text.contains(word), "{word} split:\n{text}");
        }
    }

    #[test]
    fn a_table_at_80_columns_keeps_ids_and_words_whole() {
        let text = sample().render(80);
        assert!(text.contains('│'), "a table:\n{text}");
        words_intact(&text);
        assert!(text.lines().all(|l| l.width() <= 80));
    }

    #[test]
    fn a_narrow_terminal_gets_a_list() {
        for width in [40, 50] {
            let text = sample().render(width);
            assert!(!text.contains('│'), "a list:\n{text}");
            words_intact(&text);
            assert!(text.lines().all(|l| l.width() <= width), "{text}");
        }
    }
}
