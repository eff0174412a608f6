//! `qorgau protocol show | lint | score`.

use std::path::{Path, PathBuf};

use qorgau::answers_file::parse_answers_file;
use qorgau::engine::score as score_answers;
use qorgau::i18n::Arg;
use qorgau::lint::Checked;
use qorgau::protocol::{Protocol, Question};
use qorgau::Lang;
use serde::Serialize;

use super::Context;
use crate::cli::Format;
use crate::error::CommandError;
use crate::ui::output::{outln, Output};
use crate::ui::render;

#[derive(Serialize)]
struct ShownQuestion<'a> {
    id: &'a str,
    section: &'a str,
    kind: &'static str,
    text: &'a str,
    options: Vec<&'a str>,
    show_if: Option<String>,
    domain: Option<&'a str>,
    strength: Option<&'static str>,
    red_flag: bool,
    ilo: Option<u8>,
}

#[derive(Serialize)]
struct Shown<'a> {
    id: &'a str,
    version: String,
    sha256: &'a str,
    title: &'a str,
    validated: bool,
    model: qorgau::protocol::Model,
    questions: Vec<ShownQuestion<'a>>,
}

/// The section's and the question's own conditions, as one expression.
fn full_condition(protocol: &Protocol, question: &Question) -> Option<String> {
    let section = &protocol.sections[question.section];
    match (&section.show_if_source, &question.show_if_source) {
        (Some(a), Some(b)) => Some(format!("({a}) and ({b})")),
        (a, b) => a.clone().or_else(|| b.clone()),
    }
}

fn shown<'a>(p: &'a Protocol, lang: Lang) -> Shown<'a> {
    Shown {
        id: &p.id,
        version: p.version.to_string(),
        sha256: &p.sha256,
        title: p.title.get(lang).text,
        validated: p.validated,
        model: p.scoring.model,
        questions: p
            .questions
            .iter()
            .map(|q| ShownQuestion {
                id: &q.id,
                section: &p.sections[q.section].id,
                kind: q.kind.as_str(),
                text: q.text.get(lang).text,
                options: q.options.iter().map(|o| o.id.as_str()).collect(),
                show_if: full_condition(p, q),
                domain: q.indicator.map(|i| p.domains[i.domain].id.as_str()),
                strength: q.indicator.map(|i| i.strength.as_str()),
                red_flag: q.red_flag,
                ilo: q.ilo,
            })
            .collect(),
    }
}

pub fn show(
    context: &Context,
    out: &mut Output,
    spec: &str,
    format: Format,
) -> Result<(), CommandError> {
    let catalog = context.catalog()?;
    let p = &catalog.find(spec)?.protocol;
    let lang = context.lang;
    if format == Format::Json {
        return render::print_json(out, &shown(p, lang));
    }
    let messages = context.messages();
    outln!(out, "{} ({})", p.title.get(lang).text, p.reference());
    outln!(out, "{}", p.description.get(lang).text);
    outln!(out, "sha256 {}", p.sha256);
    let mut number = 0;
    for (index, section) in p.sections.iter().enumerate() {
        outln!(out);
        let observation = if section.observation_only {
            format!(" [{}]", messages.get("show-observation-only"))
        } else {
            String::new()
        };
        outln!(out, "== {}{observation}", section.title.get(lang).text);
        if let Some(condition) = &section.show_if_source {
            outln!(out, "   {}: {condition}", messages.get("show-shown-if"));
        }
        for q in p.questions.iter().filter(|q| q.section == index) {
            number += 1;
            outln!(out, "{number:>3}. {} [{}]", q.id, q.kind);
            outln!(out, "     {}", q.text.get(lang).text);
            for option in &q.options {
                let mark = if option.fires { " (fires)" } else { "" };
                outln!(
                    out,
                    "       - {}{mark}: {}",
                    option.id,
                    option.text.get(lang).text
                );
            }
            let mut facts = Vec::new();
            if let Some(indicator) = q.indicator {
                facts.push(format!(
                    "{} {}",
                    p.domains[indicator.domain].id,
                    indicator.strength.as_str()
                ));
            }
            if let Some(ilo) = q.ilo {
                facts.push(format!("ILO {ilo}"));
            }
            if q.red_flag {
                facts.push(messages.get("show-red-flag"));
            }
            if q.sensitive {
                facts.push(messages.get("show-sensitive"));
            }
            if !facts.is_empty() {
                outln!(out, "     {}", facts.join(" · "));
            }
            if let Some(condition) = &q.show_if_source {
                outln!(out, "     {}: {condition}", messages.get("show-shown-if"));
            }
        }
    }
    Ok(())
}

pub fn lint(context: &Context, out: &mut Output, paths: &[PathBuf]) -> Result<(), CommandError> {
    let results = qorgau::lint::lint(paths);
    let mut problems = 0usize;
    let mut failed_files = 0usize;
    for file in &results {
        match &file.result {
            Ok(Checked::Directory(d)) => outln!(
                out,
                "{}: ok (referral directory {} {}, {} contacts, {} next-step lists)",
                file.path,
                d.country,
                d.version,
                d.contacts.len() + d.regions.iter().map(|r| r.contacts.len()).sum::<usize>(),
                d.next_steps.len()
            ),
            Ok(Checked::Protocol(p)) => outln!(
                out,
                "{}: ok ({}, {} questions, {} golden cases passed)",
                file.path,
                p.reference(),
                p.questions.len(),
                p.cases.len()
            ),
            Err(diagnostics) => {
                for diagnostic in diagnostics {
                    outln!(out, "{diagnostic}");
                }
                problems += diagnostics.len();
                failed_files += 1;
            }
        }
    }
    if problems == 0 {
        Ok(())
    } else {
        Err(CommandError::user(context.messages().format(
            "lint-failed",
            &[
                ("problems", Arg::Num(problems as i64)),
                ("failed", Arg::Num(failed_files as i64)),
                ("total", Arg::Num(results.len() as i64)),
            ],
        )))
    }
}

pub fn score(
    context: &Context,
    out: &mut Output,
    spec: &str,
    answers: &Path,
    format: Format,
) -> Result<(), CommandError> {
    let catalog = context.catalog()?;
    let protocol = &catalog.find(spec)?.protocol;
    // Only regular files, under a size cap (reliability review P10, P11).
    let source = qorgau::input::read_text(answers, qorgau::input::caps::ANSWERS)?;
    let parsed =
        parse_answers_file(protocol, &answers.display().to_string(), &source).map_err(|d| {
            CommandError::data(format!(
                "{d}\n{}",
                context.messages().get("error-answers-fix")
            ))
            .with_hint(context.messages().format(
                "hint-answers-question-ids",
                &[("protocol", Arg::Str(&protocol.id))],
            ))
        })?;
    let outcome = score_answers(protocol, &parsed.answers);
    match format {
        Format::Json => render::print_json(out, &outcome),
        Format::Table => {
            let directory = context.referrals()?;
            let messages = context.messages();
            let text = qorgau::present::outcome_text(
                protocol,
                &outcome,
                &directory,
                &parsed.answers,
                None,
                context.lang,
                &messages,
            );
            outln!(out, "{}", text.trim_end());
            Ok(())
        }
    }
}
