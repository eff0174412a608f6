//! Tables and results for the terminal; JSON for machines.

use comfy_table::{presets, ContentArrangement, Table};
use qorgau::engine::{Band, DomainStatus, Outcome};
use qorgau::protocol::Protocol;
use qorgau::referral::Directory;
use qorgau::Lang;
use serde::Serialize;

use crate::commands::Failure;
use crate::ui::output::{outln, Output};

/// A table that wraps to the terminal (80 columns when not a terminal).
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
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

/// The band in words that flag, never identify.
pub fn band_words(band: Band) -> &'static str {
    match band {
        Band::ImmediateDanger => {
            "IMMEDIATE DANGER: put your own and the person's safety first; do not confront any companion; call police 102 or security"
        }
        Band::ClearConcern => "CLEAR CONCERN: indicators present, offer referral",
        Band::PossibleConcern => "POSSIBLE CONCERN: some indicators present, offer information and referral",
        Band::Incomplete => {
            "INCOMPLETE: too much was left unanswered to judge; give information and the hotline number"
        }
        Band::NoConcern => {
            "NO INDICATORS FOUND: this is not proof of safety; give information and the hotline number"
        }
    }
}

/// `2026-11-29T18:06:44Z` as `2026-11-29 18:06`, for narrow tables.
pub fn short_time(stamp: &str) -> String {
    stamp.get(..16).unwrap_or(stamp).replacen('T', " ", 1)
}

/// A band in a few words, for listings.
pub fn band_short(band: Band, red_flags: bool) -> String {
    let words = match band {
        Band::ImmediateDanger => "immediate danger",
        Band::ClearConcern => "clear concern",
        Band::PossibleConcern => "possible concern",
        Band::Incomplete => "incomplete",
        Band::NoConcern => "no indicators",
    };
    if red_flags && band != Band::ImmediateDanger {
        format!("{words} (red flag)")
    } else {
        words.to_owned()
    }
}

fn rule_words(rule: &str) -> String {
    match rule {
        "red_flag" => "a red-flag item was answered yes".to_owned(),
        "delphi_adult" => {
            "Delphi adult rule: recruitment, exploitation and coercion or vulnerability at destination are all positive".to_owned()
        }
        "delphi_child" => "Delphi child rule: recruitment and exploitation are positive".to_owned(),
        "partial_domain" => "a domain is positive or partial (a strong indicator, or two medium)".to_owned(),
        "incomplete" => "too many items of a domain are unanswered, unsure or declined".to_owned(),
        "no_indicators" => "no indicator fired".to_owned(),
        other => match other.strip_prefix("screen:") {
            Some(screen) => format!("short screen `{screen}` reached its cut-off"),
            None => other.to_owned(),
        },
    }
}

/// A human-readable result.
pub fn print_outcome(out: &mut Output, protocol: &Protocol, outcome: &Outcome, lang: Lang) {
    outln!(
        out,
        "{} ({})",
        protocol.title.get(lang).text,
        protocol.reference()
    );
    outln!(out);
    outln!(out, "{}", band_words(outcome.band));
    outln!(out, "Why: {}", rule_words(&outcome.rule));
    outln!(out);
    let mut domains = table(&[
        "domain", "status", "strong", "medium", "weak", "asked", "missing",
    ]);
    for d in &outcome.domain_details {
        if d.asked == 0 && d.status == DomainStatus::Negative {
            continue;
        }
        domains.add_row(vec![
            d.id.clone(),
            d.status.as_str().to_owned(),
            d.fired.strong.to_string(),
            d.fired.medium.to_string(),
            d.fired.weak.to_string(),
            d.asked.to_string(),
            d.missing.to_string(),
        ]);
    }
    outln!(out, "{domains}");
    for screen in outcome.screens.iter().filter(|s| s.applies) {
        outln!(
            out,
            "Short screen {}: {} of at least {} needed{}",
            screen.id,
            screen.count,
            screen.at_least,
            if screen.reached { " (reached)" } else { "" }
        );
    }
    let mut list = |title: &str, ids: &[String]| {
        if ids.is_empty() {
            return;
        }
        outln!(out, "{title}:");
        for id in ids {
            let text = protocol
                .question_by_id(id)
                .map(|(_, q)| q.text.get(lang).text)
                .unwrap_or_default();
            outln!(out, "  - {id}: {text}");
        }
    };
    list("Red flags", &outcome.red_flags);
    list("Indicators found", &outcome.fired);
    list("Not answered, unsure or declined", &outcome.missing);
    list("Ignored (hidden by skip logic)", &outcome.ignored);
    outln!(out);
    for source in &protocol.sources {
        match &source.figures {
            Some(figures) => outln!(out, "Source: {}: {}", source.name, figures.get(lang).text),
            None => outln!(out, "Source: {}", source.name),
        }
    }
    if !protocol.validated {
        outln!(out, "This version of the protocol is not itself validated; published figures belong to the source tools.");
    }
}

/// The referral card: what to do next for this protocol and band, and whom to call.
pub fn print_next_steps(
    out: &mut Output,
    directory: &Directory,
    protocol: &str,
    band: Band,
    lang: Lang,
) {
    let Some(next) = directory.next_steps(protocol, band) else {
        return;
    };
    outln!(out);
    match &next.tier {
        Some(tier) => outln!(out, "Next steps ({}):", tier.get(lang).text),
        None => outln!(out, "Next steps:"),
    }
    for (i, step) in next.steps.iter().enumerate() {
        outln!(out, "  {}. {}", i + 1, step.get(lang).text);
    }
    outln!(out, "Call, in this order:");
    for id in &next.call {
        if let Some(contact) = directory.contact(id, None) {
            outln!(
                out,
                "  {:>6}  {}: {}",
                contact.phone,
                contact.name.get(lang).text,
                contact.when.get(lang).text
            );
        }
    }
}
