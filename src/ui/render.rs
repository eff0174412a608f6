//! Tables and results for the terminal; JSON for machines.

use comfy_table::{presets, ContentArrangement, Table};
use qorgau::engine::{AnswerSet, Band, Outcome};
use qorgau::i18n::Messages;
use qorgau::present;
use qorgau::protocol::Protocol;
use qorgau::referral::Directory;
use qorgau::Lang;
use serde::Serialize;

use crate::commands::Failure;
use crate::ui::output::{outln, Output};

/// A table with headers in the user's language.
pub fn table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    if table.width().is_none() {
        table.set_width(80);
    }
    table
}

/// Pretty JSON, with a final newline.
pub fn print_json<T: Serialize>(out: &mut Output, value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::new(format!("cannot write JSON: {e}")))?;
    outln!(out, "{text}");
    Ok(())
}

/// A human-readable result, in the chosen language.
pub fn print_outcome(out: &mut Output, protocol: &Protocol, outcome: &Outcome, lang: Lang) {
    let messages = Messages::new(lang);
    outln!(
        out,
        "{}",
        present::outcome_text(protocol, outcome, lang, &messages, 80)
    );
}

/// The referral card: what to do next for this protocol and band, and whom to call.
pub fn print_next_steps(
    out: &mut Output,
    directory: &Directory,
    protocol: &Protocol,
    band: Band,
    answers: &AnswerSet,
    lang: Lang,
) {
    let messages = Messages::new(lang);
    outln!(
        out,
        "{}",
        present::next_steps_text(directory, protocol, band, answers, None, lang, &messages)
    );
}

/// `2026-11-29T18:06:44Z` as `2026-11-29 18:06`, for narrow tables.
pub fn short_time(stamp: &str) -> String {
    stamp.get(..16).unwrap_or(stamp).replacen('T', " ", 1)
}
