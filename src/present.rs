//! Localized text for people: results, next steps, answers. Strings only, no
//! terminal I/O; the binary prints them and the walk shows them.

use std::fmt::Write;

use comfy_table::{presets, ContentArrangement, Table};

use crate::engine::{Answer, AnswerSet, Band, DomainStatus, Outcome};
use crate::i18n::{Arg, Messages};
use crate::lang::{Lang, Text};
use crate::protocol::{Kind, Protocol, Question};
use crate::referral::{Contact, Directory};

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

/// The headline of a result: the band in words, except that a "no concern"
/// with items below the threshold never reads as "no indicators found".
pub fn headline(outcome: &Outcome, messages: &Messages) -> String {
    if outcome.band == Band::NoConcern && outcome.rule == "below_threshold" {
        messages.get("band-no_concern-below_threshold")
    } else {
        band_words(outcome.band, messages)
    }
}

/// The band in a few words, for listings.
pub fn band_short(band: Band, messages: &Messages) -> String {
    messages.get(&format!("band-short-{}", band.as_str()))
}

/// A domain's name for people: its label in the protocol (schema 2), else its id.
pub fn domain_label(protocol: &Protocol, id: &str, lang: Lang) -> String {
    protocol
        .domains
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.label.as_ref())
        .map_or_else(|| id.to_owned(), |label| label.get(lang).text.to_owned())
}

/// A screen's name for people: its label in the protocol (schema 2), else its id.
pub fn screen_label(protocol: &Protocol, id: &str, lang: Lang) -> String {
    protocol
        .screen(id)
        .and_then(|s| s.label.as_ref())
        .map_or_else(|| id.to_owned(), |label| label.get(lang).text.to_owned())
}

/// Which rule decided, in words.
pub fn rule_words(protocol: &Protocol, rule: &str, lang: Lang, messages: &Messages) -> String {
    match rule.strip_prefix("screen:") {
        Some(screen) => messages.format(
            "rule-screen",
            &[("screen", Arg::Str(&screen_label(protocol, screen, lang)))],
        ),
        None => messages.get(&format!("rule-{rule}")),
    }
}

/// Why the interview did not happen: the gate option the worker chose
/// (schema 2 gates name their reasons), else a general reason.
pub fn observation_reason(
    protocol: &Protocol,
    reason: &str,
    lang: Lang,
    messages: &Messages,
) -> String {
    let option = protocol.safety_gate.and_then(|gate| {
        protocol.questions[gate]
            .options
            .iter()
            .find(|o| o.id == reason)
    });
    match option {
        Some(option) => localized(&option.text, lang, messages),
        None => messages.get(&format!("gate-reason-{reason}")),
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
    let _ = writeln!(out, "{}", headline(outcome, messages));
    if let Some(reason) = &outcome.observation_only {
        let reason = observation_reason(protocol, reason, lang, messages);
        let _ = writeln!(
            out,
            "{}",
            messages.format("result-observation-only", &[("reason", Arg::Str(&reason))])
        );
    }
    let _ = writeln!(
        out,
        "{}",
        messages.format(
            "result-why",
            &[(
                "rule",
                Arg::Str(&rule_words(protocol, &outcome.rule, lang, messages))
            )]
        )
    );
    // A rule of Qorgau's own, or a screen's cut-off: say so, with the reason.
    let note = match outcome.rule.strip_prefix("screen:") {
        Some(screen) => protocol
            .screen(screen)
            .and_then(|s| s.note.as_ref())
            .map(|n| ("result-screen-note", n)),
        None if outcome.rule == "partial_domain" => protocol
            .scoring
            .partial_domain_note
            .as_ref()
            .map(|n| ("result-own-rule", n)),
        None => None,
    };
    if let Some((id, note)) = note {
        let _ = writeln!(
            out,
            "{}",
            messages.format(id, &[("note", Arg::Str(&localized(note, lang, messages)))])
        );
    }
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
        let status = if domain.asked == 0 {
            messages.get("status-not-asked")
        } else {
            messages.get(&format!("status-{}", domain.status.as_str()))
        };
        areas.add_row(vec![domain_label(protocol, &domain.id, lang), status]);
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
                    (
                        "screen",
                        Arg::Str(&screen_label(protocol, &screen.id, lang))
                    ),
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
                if let (Some(deviation), "result-fired") = (&q.deviation, title) {
                    let note = localized(deviation, lang, messages);
                    let _ = writeln!(
                        out,
                        "    {}",
                        messages.format("result-deviation", &[("note", Arg::Str(&note))])
                    );
                }
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

/// One contact as the worker reads it: number (or how to reach it), name,
/// when to call, and what is known of it.
pub fn contact_line(contact: &Contact, lang: Lang, messages: &Messages) -> String {
    let reach = match (&contact.phone, &contact.how) {
        (Some(phone), _) => format!("{phone:>6}"),
        (None, Some(how)) => localized(how, lang, messages),
        (None, None) => String::new(),
    };
    let mut line = format!(
        "  {reach}  {}: {}",
        localized(&contact.name, lang, messages),
        localized(&contact.when, lang, messages)
    );
    if let Some(hours) = &contact.hours {
        let hours = localized(hours, lang, messages);
        let _ = write!(
            line,
            "; {}",
            messages.format("contact-hours", &[("hours", Arg::Str(&hours))])
        );
    }
    if let Some(number) = &contact.phone_intl {
        let _ = write!(
            line,
            "; {}",
            messages.format("contact-intl", &[("number", Arg::Str(number))])
        );
    }
    if contact.phone.is_some() && contact.verified.is_none() {
        let _ = write!(line, " ({})", messages.get("contact-not-verified"));
    }
    line
}

/// What to do next and whom to call after this screening: the directory's
/// steps for its protocol, band and answers, the national numbers, then the
/// device region's contacts — or a line saying there are none.
pub fn next_steps_text(
    directory: &Directory,
    protocol: &Protocol,
    band: Band,
    answers: &AnswerSet,
    region: Option<&str>,
    lang: Lang,
    messages: &Messages,
) -> String {
    let mut out = String::new();
    let Some(next) = directory.next_steps_for(protocol, band, answers) else {
        return out;
    };
    let heading = match next.tier {
        Some(tier) => messages.format(
            "next-steps-tier",
            &[("tier", Arg::Str(&localized(tier, lang, messages)))],
        ),
        None => messages.get("next-steps"),
    };
    let _ = writeln!(out, "{heading}:");
    for (i, step) in next.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, localized(step, lang, messages));
    }
    let _ = writeln!(out, "{}", messages.get("next-call"));
    for id in next.call {
        if let Some(contact) = directory.contact(id, region) {
            let _ = writeln!(out, "{}", contact_line(contact, lang, messages));
        }
    }
    let regional = region.and_then(|r| directory.region(r));
    match regional {
        Some(region) if !region.contacts.is_empty() => {
            let _ = writeln!(out, "{}:", localized(&region.name, lang, messages));
            for contact in region
                .contacts
                .iter()
                .filter(|c| !next.call.contains(&c.id))
            {
                let _ = writeln!(out, "{}", contact_line(contact, lang, messages));
            }
        }
        _ => {
            let _ = writeln!(out, "{}", messages.get("next-regional-none"));
        }
    }
    out
}
