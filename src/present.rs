//! Localized text for people: results, next steps, answers. Strings only, no
//! terminal I/O; the binary prints them and the walk shows them.

use std::fmt::Write;

use comfy_table::{presets, ContentArrangement, Table};

use crate::engine::{Answer, Band, DomainStatus, Outcome};
use crate::i18n::{Arg, Messages};
use crate::lang::{Lang, Text};
use crate::protocol::{Kind, Protocol, Question};
use crate::referral::Directory;

/// A table that wraps to `width` columns.
pub fn table(header: &[String], width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec())
        .set_width(width);
    table
}

/// A protocol text in the chosen language, marked when it fell back to Russian.
pub fn localized(text: &Text, lang: Lang, messages: &Messages) -> String {
    let picked = text.get(lang);
    match picked.fallback {
        Some(_) => format!("{} {}", messages.get("text-missing-mark"), picked.text),
        None => picked.text.to_owned(),
    }
}

/// The band in words that flag, never identify.
pub fn band_words(band: Band, messages: &Messages) -> String {
    messages.get(&format!("band-{}", band.as_str()))
}

/// The band in a few words, for listings.
pub fn band_short(band: Band, messages: &Messages) -> String {
    messages.get(&format!("band-short-{}", band.as_str()))
}

/// Which rule decided, in words.
pub fn rule_words(rule: &str, messages: &Messages) -> String {
    match rule.strip_prefix("screen:") {
        Some(screen) => messages.format("rule-screen", &[("screen", Arg::Str(screen))]),
        None => messages.get(&format!("rule-{rule}")),
    }
}

/// An answer as the worker would say it.
pub fn answer_label(
    question: &Question,
    answer: Option<&Answer>,
    lang: Lang,
    messages: &Messages,
) -> String {
    let observation = question.kind == Kind::Observation;
    match answer {
        None => messages.get("answer-skipped"),
        Some(Answer::Yes) if observation => messages.get("observed-yes"),
        Some(Answer::No) if observation => messages.get("observed-no"),
        Some(Answer::Unsure) if observation => messages.get("observed-unsure"),
        Some(Answer::Yes) => messages.get("answer-yes"),
        Some(Answer::No) => messages.get("answer-no"),
        Some(Answer::Unsure) => messages.get("answer-unsure"),
        Some(Answer::Declined) => messages.get("answer-declined"),
        Some(Answer::Choice(i)) => question
            .options
            .get(*i)
            .map_or_else(String::new, |o| localized(&o.text, lang, messages)),
        Some(Answer::Choices(mask)) => {
            let chosen: Vec<String> = question
                .options
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1u64 << i) != 0)
                .map(|(_, o)| localized(&o.text, lang, messages))
                .collect();
            if chosen.is_empty() {
                messages.get("answer-none-of-these")
            } else {
                chosen.join("; ")
            }
        }
        Some(Answer::Number(n)) => n.to_string(),
        Some(Answer::Date(d)) => d.format("%Y-%m-%d").to_string(),
        Some(Answer::Text(t)) => t.clone(),
    }
}

/// The explained result: band, why, areas, indicators, sources.
pub fn outcome_text(
    protocol: &Protocol,
    outcome: &Outcome,
    lang: Lang,
    messages: &Messages,
    width: u16,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})",
        localized(&protocol.title, lang, messages),
        protocol.reference()
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", band_words(outcome.band, messages));
    let _ = writeln!(
        out,
        "{}",
        messages.format(
            "result-why",
            &[("rule", Arg::Str(&rule_words(&outcome.rule, messages)))]
        )
    );
    let _ = writeln!(out, "{}", messages.get("result-flags-not-identifies"));
    let mut areas = table(
        &[messages.get("result-domain"), messages.get("result-status")],
        width,
    );
    let mut any = false;
    for domain in &outcome.domain_details {
        if domain.asked == 0 && domain.status == DomainStatus::Negative {
            continue;
        }
        any = true;
        areas.add_row(vec![
            domain.id.clone(),
            messages.get(&format!("status-{}", domain.status.as_str())),
        ]);
    }
    if any {
        let _ = writeln!(out, "{areas}");
    }
    for screen in outcome.screens.iter().filter(|s| s.applies) {
        let _ = writeln!(
            out,
            "{}",
            messages.format(
                "result-screen",
                &[
                    ("screen", Arg::Str(&screen.id)),
                    ("count", Arg::Num(screen.count as i64)),
                    ("needed", Arg::Num(screen.at_least as i64)),
                ],
            )
        );
    }
    let mut list = |title: &str, ids: &[String]| {
        if ids.is_empty() {
            return;
        }
        let _ = writeln!(out, "{}:", messages.get(title));
        for id in ids {
            if let Some((_, q)) = protocol.question_by_id(id) {
                let _ = writeln!(out, "  - {}", localized(&q.text, lang, messages));
            }
        }
    };
    list("result-red-flags", &outcome.red_flags);
    list("result-fired", &outcome.fired);
    list("result-missing", &outcome.missing);
    list("result-ignored", &outcome.ignored);
    let _ = writeln!(out);
    let _ = writeln!(out, "{}:", messages.get("result-sources"));
    for source in &protocol.sources {
        match &source.figures {
            Some(figures) => {
                let _ = writeln!(
                    out,
                    "  - {}: {}",
                    localized(&source.name, lang, messages),
                    localized(figures, lang, messages)
                );
            }
            None => {
                let _ = writeln!(out, "  - {}", localized(&source.name, lang, messages));
            }
        }
    }
    if !protocol.validated {
        let _ = writeln!(out, "{}", messages.get("result-not-validated"));
    }
    out
}

/// What to do next and whom to call, for this protocol and band.
pub fn next_steps_text(
    directory: &Directory,
    protocol: &str,
    band: Band,
    lang: Lang,
    messages: &Messages,
) -> String {
    let mut out = String::new();
    let Some(next) = directory.next_steps(protocol, band) else {
        return out;
    };
    let heading = match &next.tier {
        Some(tier) => messages.format(
            "next-steps-tier",
            &[("tier", Arg::Str(&localized(tier, lang, messages)))],
        ),
        None => messages.get("next-steps"),
    };
    let _ = writeln!(out, "{heading}:");
    for (i, step) in next.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}",
            i + 1,
            localized(&step.text, lang, messages)
        );
    }
    let _ = writeln!(out, "{}", messages.get("next-call"));
    for id in &next.call {
        if let Some(contact) = directory.contact(id, None) {
            let _ = writeln!(
                out,
                "  {:>6}  {}: {}",
                contact.phone.as_deref().unwrap_or("—"),
                localized(&contact.name, lang, messages),
                localized(&contact.when, lang, messages)
            );
        }
    }
    out
}
