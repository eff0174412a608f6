//! From raw TOML to a checked [`Protocol`], with every problem located as
//! `path:line:col: message`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use strum::VariantArray;
use toml::Spanned;

use super::answer::answers_from_entries;
use super::band::Band;
use super::expr::{self, Condition, Scope};
use super::model::*;
use super::profile::{HtcdsTag, ProfileField};
use super::raw::*;
use super::reach;
use crate::check::Checker;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::{Lang, Text};

/// The newest protocol schema version this build reads.
pub const SCHEMA_VERSION: i64 = 2;
/// Every schema version this build reads: shipped files of every version stay readable.
pub const SUPPORTED_SCHEMAS: [i64; 2] = [1, 2];

/// Conditions are only in protocols.
trait ConditionCheck {
    fn condition(
        &mut self,
        raw: &Spanned<String>,
        scope: &dyn Scope,
        what: &str,
    ) -> Option<Condition>;
}

impl ConditionCheck for Checker<'_> {
    fn condition(
        &mut self,
        raw: &Spanned<String>,
        scope: &dyn Scope,
        what: &str,
    ) -> Option<Condition> {
        let start = self.string_start(&raw.span());
        let parsed = expr::parse(raw.get_ref()).and_then(|e| expr::resolve(&e, scope));
        match parsed {
            Ok(condition) => Some(condition),
            Err(e) => {
                let at = start + e.offset;
                self.err(&(at..at), format!("{what}: {}", e.message));
                None
            }
        }
    }
}

/// The questions a condition may name: those before it.
struct Before<'a> {
    questions: &'a [Question],
    index: &'a HashMap<String, QuestionIdx>,
    later: &'a HashSet<String>,
    /// The question whose condition this is, if any.
    current: Option<&'a str>,
}

impl Scope for Before<'_> {
    fn lookup(&self, id: &str) -> Result<(QuestionIdx, &Question), String> {
        match self.index.get(id) {
            Some(&idx) if idx < self.questions.len() => Ok((idx, &self.questions[idx])),
            _ if self.current == Some(id) => Err(format!(
                "`{id}` is this question itself: a condition may only name earlier questions"
            )),
            _ if self.later.contains(id) => Err(format!(
                "`{id}` comes later in the file: a condition may only name earlier questions"
            )),
            _ => Err(format!("`{id}` is not a question of this protocol")),
        }
    }
}

fn syntax_error(path: &str, source: &str, error: &toml::de::Error) -> Diagnostics {
    let offset = error.span().map_or(0, |s| s.start);
    Diagnostics(vec![Diagnostic::at(
        path,
        source,
        offset,
        error.message().trim_end().to_owned(),
    )])
}

fn unsupported_schema(
    path: &str,
    source: &str,
    span: &Range<usize>,
    found: &dyn std::fmt::Display,
) -> Diagnostics {
    Diagnostics(vec![Diagnostic::at_span(
        path,
        source,
        span,
        format!(
            "schema_version {found} is not supported: this qorgau reads schema_version 1 and 2; use a newer qorgau or a file of schema_version {SCHEMA_VERSION}"
        ),
    )])
}

/// A file that does not parse may be of another schema version, or have none:
/// say that rather than list the keys this version does not know.
fn schema_problem(path: &str, source: &str) -> Option<Diagnostics> {
    let probe: RawSchemaProbe = toml::from_str(source).ok()?;
    match probe.schema_version {
        None => Some(Diagnostics(vec![Diagnostic::at(
            path,
            source,
            0,
            "missing `schema_version`: a protocol file starts with `schema_version = 2`",
        )])),
        Some(v)
            if !v
                .get_ref()
                .as_integer()
                .is_some_and(|n| SUPPORTED_SCHEMAS.contains(&n)) =>
        {
            Some(unsupported_schema(path, source, &v.span(), v.get_ref()))
        }
        Some(_) => None,
    }
}

/// Parse and check a protocol file's structure. Its golden cases are not
/// scored here (scoring is the engine's, above this module):
/// `catalog::parse_protocol` does both, and is what every caller wants.
/// `path` is only used in messages.
pub fn parse_unscored(path: &str, source: &str) -> Result<Protocol, Diagnostics> {
    // One parse on the happy path; the schema probe only runs to explain a failure.
    let raw: RawProtocol = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => {
            return Err(
                schema_problem(path, source).unwrap_or_else(|| syntax_error(path, source, &error))
            )
        }
    };
    if !SUPPORTED_SCHEMAS.contains(raw.schema_version.get_ref()) {
        return Err(unsupported_schema(
            path,
            source,
            &raw.schema_version.span(),
            raw.schema_version.get_ref(),
        ));
    }
    let mut ctx = Checker::new(path, source);
    let protocol = build(&mut ctx, &raw);
    if ctx.problems.is_empty() {
        if let Some(protocol) = protocol {
            return Ok(protocol);
        }
    }
    ctx.problems.sort_by_key(|d| (d.line, d.col));
    Err(Diagnostics(ctx.problems))
}

/// The keys only schema 2 files may use: a schema 1 file with one of them
/// is an error (its meaning was frozen when it shipped).
fn check_schema_keys(ctx: &mut Checker<'_>, raw: &RawProtocol, schema: u8) {
    if schema >= 2 {
        return;
    }
    let mut found: Vec<(Range<usize>, &str)> = Vec::new();
    let mut note = |span: Option<Range<usize>>, key: &'static str| {
        if let Some(span) = span {
            found.push((span, key));
        }
    };
    note(
        raw.display_title.as_ref().map(Spanned::span),
        "display_title",
    );
    note(raw.consent_text.as_ref().map(Spanned::span), "consent_text");
    note(raw.domain.first().map(Spanned::span), "[[domain]]");
    let scoring = raw.scoring.get_ref();
    note(
        scoring.partial_domain_note.as_ref().map(Spanned::span),
        "partial_domain_note",
    );
    for screen in &scoring.screen {
        let screen = screen.get_ref();
        note(screen.label.as_ref().map(Spanned::span), "label");
        note(screen.note.as_ref().map(Spanned::span), "note");
    }
    for question in &raw.question {
        let q = question.get_ref();
        note(q.answered_by.as_ref().map(Spanned::span), "answered_by");
        note(q.deviation.as_ref().map(Spanned::span), "deviation");
        note(q.variants.as_ref().map(Spanned::span), "variants");
        note(q.profile.as_ref().map(Spanned::span), "profile");
        note(q.htcds.as_ref().map(Spanned::span), "htcds");
        for option in q.options.iter().flat_map(|o| o.get_ref()) {
            let o = option.get_ref();
            note(o.unknown.as_ref().map(Spanned::span), "unknown");
            note(o.profile.as_ref().map(Spanned::span), "profile");
            note(o.htcds.as_ref().map(Spanned::span), "htcds");
        }
    }
    for case in &raw.case {
        note(case.get_ref().why.as_ref().map(Spanned::span), "why");
    }
    for (span, key) in found {
        ctx.err(
            &span,
            format!("`{key}` needs `schema_version = 2`: a schema 1 file keeps the meaning it shipped with"),
        );
    }
}

fn build(ctx: &mut Checker<'_>, raw: &RawProtocol) -> Option<Protocol> {
    let schema = u8::try_from(*raw.schema_version.get_ref()).unwrap_or(1);
    check_schema_keys(ctx, raw, schema);
    let header = check_header(ctx, raw, schema);
    let model = *raw.scoring.get_ref().model.get_ref();
    let (sections, section_index) = check_sections(ctx, raw);
    let declared = check_domains(ctx, raw, model, schema);
    let set = check_questions(ctx, raw, model, schema, declared, &sections, &section_index);
    let (scoring, safety_gate) = check_scoring(ctx, raw, model, schema, &set);
    check_profile_order(ctx, raw, &set, safety_gate);
    let version = header.version?;
    let QuestionSet {
        questions,
        question_index,
        domains,
        condition_spans,
        ..
    } = set;
    let mut protocol = Protocol {
        schema,
        id: raw.id.get_ref().clone(),
        version,
        sha256: crate::crypto::sha256_hex(ctx.source.as_bytes()),
        title: header.title,
        display_title: header.display_title,
        description: header.description,
        consent_text: header.consent_text,
        languages: header.languages,
        audience: header.audience,
        validated: raw.validated,
        safety_gate,
        sources: header.sources,
        scoring,
        sections,
        questions,
        domains,
        cases: Vec::new(),
        question_index,
    };
    if !ctx.problems.is_empty() {
        return None;
    }
    check_skip_logic(ctx, raw, &protocol, &condition_spans);
    check_cases(ctx, raw, schema, &mut protocol);
    if ctx.problems.is_empty() {
        Some(protocol)
    } else {
        None
    }
}

/// The protocol's identity, languages and texts.
struct Header {
    languages: Vec<Lang>,
    version: Option<semver::Version>,
    title: crate::lang::Text,
    display_title: Option<crate::lang::Text>,
    description: crate::lang::Text,
    consent_text: Option<crate::lang::Text>,
    audience: Vec<String>,
    sources: Vec<Source>,
}

fn check_header(ctx: &mut Checker<'_>, raw: &RawProtocol, schema: u8) -> Header {
    // Languages first: every text is checked against them.
    let mut languages = Vec::new();
    for code in raw.languages.get_ref() {
        match code.get_ref().parse::<Lang>() {
            Ok(lang) if languages.contains(&lang) => ctx.err(
                &code.span(),
                format!("`{lang}` is listed twice in `languages`"),
            ),
            Ok(lang) => languages.push(lang),
            Err(e) => ctx.err(&code.span(), e.to_string()),
        }
    }
    if raw.languages.get_ref().is_empty() {
        ctx.err(
            &raw.languages.span(),
            "`languages` is empty: list at least one of ru, kk, en",
        );
    }
    ctx.languages = languages.clone();

    ctx.check_id(&raw.id, "the protocol id", true);
    let version = match semver::Version::parse(raw.version.get_ref()) {
        Ok(v) => Some(v),
        Err(e) => {
            ctx.err(
                &raw.version.span(),
                format!(
                    "`{}` is not a semantic version such as \"1.0.0\": {e}",
                    raw.version.get_ref()
                ),
            );
            None
        }
    };
    let title = ctx.text(&raw.title, "the title");
    let description = ctx.text(&raw.description, "the description");
    let display_title = raw
        .display_title
        .as_ref()
        .map(|t| ctx.text(t, "the display title"));
    if schema >= 2 && display_title.is_none() {
        ctx.err(
            &raw.title.span(),
            "a schema 2 protocol needs `display_title`: a neutral title for the screen during the walk, one that does not name trafficking (a companion may see it)",
        );
    }
    let consent_text = raw
        .consent_text
        .as_ref()
        .map(|t| ctx.text(t, "the consent text"));
    if schema >= 2 && consent_text.is_none() {
        if let Some(gate) = &raw.safety_gate {
            ctx.err(
                &gate.span(),
                "a schema 2 protocol with a safety gate needs `consent_text`: what the worker reads aloud before asking for consent (what is stored, who sees it, the limits)",
            );
        }
    }
    if raw.audience.get_ref().is_empty() {
        ctx.err(
            &raw.audience.span(),
            "`audience` is empty: say who uses this protocol, e.g. [\"border_guard\"]",
        );
    }
    let audience = raw
        .audience
        .get_ref()
        .iter()
        .map(|a| a.get_ref().clone())
        .collect();
    if raw.sources.get_ref().is_empty() {
        ctx.err(
            &raw.sources.span(),
            "`sources` is empty: name what this protocol's content rests on",
        );
    }
    let sources = raw
        .sources
        .get_ref()
        .iter()
        .map(|s| {
            let s = s.get_ref();
            let name = source_name(ctx, &s.name, schema);
            let shown = name.get(Lang::En).text.to_owned();
            let figures = s
                .figures
                .as_ref()
                .map(|f| ctx.text(f, &format!("the figures of source `{shown}`")));
            Source {
                name,
                url: s.url.clone(),
                figures,
            }
        })
        .collect();
    Header {
        languages,
        version,
        title,
        display_title,
        description,
        consent_text,
        audience,
        sources,
    }
}

/// A source's name: a plain string in schema 1 (the same in every
/// language), a text in schema 2.
fn source_name(ctx: &mut Checker<'_>, raw: &Spanned<toml::Value>, schema: u8) -> Text {
    match (raw.get_ref(), schema) {
        (toml::Value::String(name), 1) => Text::new(
            ctx.languages
                .iter()
                .map(|lang| (*lang, name.clone()))
                .collect(),
        ),
        (toml::Value::Table(table), 2..) => ctx.text_of_table(table, &raw.span(), "a source name"),
        (_, 1) => {
            ctx.err(
                &raw.span(),
                "a source `name` is a string in a schema 1 file",
            );
            Text::default()
        }
        _ => {
            ctx.err(
                &raw.span(),
                "a source `name` is a text in a schema 2 file: name = { ru = \"…\", kk = \"…\", en = \"…\" }",
            );
            Text::default()
        }
    }
}

/// The `[[domain]]` declarations of a schema 2 file: every domain used is
/// declared, with a label for people.
fn check_domains(
    ctx: &mut Checker<'_>,
    raw: &RawProtocol,
    model: Model,
    schema: u8,
) -> Vec<Domain> {
    let mut declared: Vec<Domain> = Vec::new();
    for raw_domain in &raw.domain {
        let d = raw_domain.get_ref();
        let id = d.id.get_ref().clone();
        ctx.check_id(&d.id, "the domain id", false);
        if model == Model::Delphi && !DELPHI_DOMAINS.contains(&id.as_str()) {
            ctx.err(
                &d.id.span(),
                format!(
                    "`{id}` is not a Delphi domain: a `delphi` protocol declares {}",
                    DELPHI_DOMAINS.join(", ")
                ),
            );
            continue;
        }
        if declared.iter().any(|known| known.id == id) {
            ctx.err(&d.id.span(), format!("the domain `{id}` is declared twice"));
            continue;
        }
        let label = Some(ctx.text(&d.label, &format!("the label of domain `{id}`")));
        let note = d
            .note
            .as_ref()
            .map(|n| ctx.text(n, &format!("the note of domain `{id}`")));
        declared.push(Domain { id, label, note });
    }
    if model == Model::Delphi {
        // Delphi order, whatever the order of declaration.
        let mut ordered = Vec::new();
        for id in DELPHI_DOMAINS {
            match declared.iter().position(|d| d.id == id) {
                Some(at) => ordered.push(declared.remove(at)),
                None => {
                    if schema >= 2 {
                        ctx.err(
                            &(0..0),
                            format!("a schema 2 `delphi` protocol declares every Delphi dimension with a label: `{id}` is missing (add a [[domain]])"),
                        );
                    }
                    ordered.push(Domain {
                        id: id.to_owned(),
                        label: None,
                        note: None,
                    });
                }
            }
        }
        return ordered;
    }
    declared
}

fn check_sections(
    ctx: &mut Checker<'_>,
    raw: &RawProtocol,
) -> (Vec<Section>, HashMap<String, usize>) {
    // Sections.
    let mut sections = Vec::new();
    let mut section_index: HashMap<String, usize> = HashMap::new();
    for raw_section in &raw.section {
        let s = raw_section.get_ref();
        ctx.check_id(&s.id, "the section id", false);
        if section_index.contains_key(s.id.get_ref()) {
            ctx.err(
                &s.id.span(),
                format!("the section id `{}` is used twice", s.id.get_ref()),
            );
            continue;
        }
        let title = ctx.text(
            &s.title,
            &format!("the title of section `{}`", s.id.get_ref()),
        );
        let help = s
            .help
            .as_ref()
            .map(|h| ctx.text(h, &format!("the help of section `{}`", s.id.get_ref())));
        section_index.insert(s.id.get_ref().clone(), sections.len());
        sections.push(Section {
            id: s.id.get_ref().clone(),
            title,
            help,
            observation_only: s.observation_only,
            show_if_source: s.show_if.as_ref().map(|c| c.get_ref().clone()),
        });
    }
    if raw.section.is_empty() {
        ctx.err(
            &(0..0),
            "the protocol has no `[[section]]`: add at least one",
        );
    }
    (sections, section_index)
}

/// The questions, checked in order, and what the later checks need of them.
struct QuestionSet {
    all_ids: HashSet<String>,
    questions: Vec<Question>,
    question_index: HashMap<String, QuestionIdx>,
    domains: Vec<Domain>,
    /// For each question, where its condition is written (its own, else its section's).
    condition_spans: Vec<Option<Range<usize>>>,
}

fn check_questions(
    ctx: &mut Checker<'_>,
    raw: &RawProtocol,
    model: Model,
    schema: u8,
    declared: Vec<Domain>,
    sections: &[Section],
    section_index: &HashMap<String, usize>,
) -> QuestionSet {
    // Questions, in order, so each condition sees exactly the questions before it.
    let all_ids: HashSet<String> = raw
        .question
        .iter()
        .map(|q| q.get_ref().id.get_ref().clone())
        .collect();
    let mut questions: Vec<Question> = Vec::new();
    let mut question_index: HashMap<String, QuestionIdx> = HashMap::new();
    let mut domains = declared;
    let mut profiled: HashMap<ProfileField, String> = HashMap::new();
    let mut section_conditions: HashMap<usize, Option<Condition>> = HashMap::new();
    let mut condition_spans: Vec<Option<Range<usize>>> = Vec::new();
    let mut last_section = 0usize;
    let mut section_used = vec![false; sections.len()];
    for raw_question in &raw.question {
        let q = raw_question.get_ref();
        let id = q.id.get_ref().clone();
        ctx.check_id(&q.id, "the question id", false);
        if let Some(&first) = question_index.get(&id) {
            let line = raw
                .question
                .get(first)
                .map_or(0, |f| ctx.line_of(&f.span()));
            ctx.err(
                &q.id.span(),
                format!("the question id `{id}` is used twice (first on line {line})"),
            );
            continue;
        }
        let section = match section_index.get(q.section.get_ref()) {
            Some(&s) => {
                if s < last_section {
                    ctx.err(
                        &q.section.span(),
                        format!(
                            "question `{id}` is in section `{}`, which came earlier: keep each section's questions together, in section order",
                            q.section.get_ref()
                        ),
                    );
                }
                last_section = last_section.max(s);
                s
            }
            None => {
                ctx.err(
                    &q.section.span(),
                    format!(
                        "`{}` is not a section: declare it with `[[section]]`",
                        q.section.get_ref()
                    ),
                );
                last_section
            }
        };
        let kind = *q.kind.get_ref();
        let text = ctx.text(&q.text, &format!("the text of `{id}`"));
        let help = q
            .help
            .as_ref()
            .map(|h| ctx.text(h, &format!("the help of `{id}`")));

        let options = check_options(ctx, q, kind, &id);

        let red_flag = q.red_flag.as_ref().is_some_and(|r| *r.get_ref());
        let indicator = check_indicator(ctx, q, model, schema, &mut domains, &id);
        let scored = indicator.is_some() || red_flag || q.domain.is_some();
        if scored && !kind.is_scorable() {
            ctx.err(
                &q.kind.span(),
                format!("`{id}` is scored, but a `{kind}` answer cannot fire an indicator: use yes_no, observation, single or multi"),
            );
        }
        if scored && matches!(kind, Kind::Single | Kind::Multi) && !options.iter().any(|o| o.fires)
        {
            ctx.err(
                &q.kind.span(),
                format!("`{id}` is scored but none of its options has `fires = true`: mark the options that count"),
            );
        }
        if !scored && options.iter().any(|o| o.fires) {
            ctx.err(
                &q.kind.span(),
                format!("`{id}` has options that fire, but no `domain` and `strength` or `red_flag`: say what it indicates"),
            );
        }
        if let (Some(strength), Model::Delphi, Population::Child, None) = (
            &q.strength,
            model,
            raw.scoring
                .get_ref()
                .population
                .as_ref()
                .map_or(Population::Adult, |p| *p.get_ref()),
            &raw.scoring.get_ref().child_when,
        ) {
            if *strength.get_ref() == Strength::Weak {
                ctx.err(
                    &strength.span(),
                    format!("`{id}`: Delphi child lists have no weak tier: use medium or strong"),
                );
            }
        }
        let ilo = q
            .ilo
            .as_ref()
            .and_then(|ilo| match u8::try_from(*ilo.get_ref()) {
                Ok(n @ 1..=11) => Some(n),
                _ => {
                    ctx.err(
                        &ilo.span(),
                        "`ilo` is the ILO forced-labour indicator number, from 1 to 11",
                    );
                    None
                }
            });
        let sensitive = q.sensitive.as_ref().is_some_and(|s| *s.get_ref());
        if let Some(s) = &q.sensitive {
            if *s.get_ref() && kind != Kind::Text {
                ctx.err(
                    &s.span(),
                    format!("`{id}`: `sensitive` marks free text, but this is a `{kind}` question"),
                );
            }
        }
        for bound in [&q.min, &q.max].into_iter().flatten() {
            if kind != Kind::Number {
                ctx.err(
                    &bound.span(),
                    format!("`{id}`: `min` and `max` are only for `number` questions"),
                );
            }
        }
        for bound in [&q.min, &q.max].into_iter().flatten() {
            if !bound.get_ref().is_finite() {
                ctx.err(
                    &bound.span(),
                    format!("`{id}`: `min` and `max` must be ordinary numbers"),
                );
            }
        }
        if let (Some(min), Some(max)) = (&q.min, &q.max) {
            if min.get_ref() > max.get_ref() {
                ctx.err(&min.span(), format!("`{id}`: `min` is greater than `max`"));
            }
        }
        if sections.get(section).is_some_and(|s| s.observation_only) && kind != Kind::Observation {
            ctx.err(
                &q.kind.span(),
                format!(
                    "`{id}` is in an observation-only section, so it must be of kind `observation`"
                ),
            );
        }

        let answered_by = match q.answered_by.as_ref().map(|a| a.get_ref().as_str()) {
            None | Some("person") => AnsweredBy::Person,
            Some("worker") => AnsweredBy::Worker,
            Some(other) => {
                if let Some(a) = &q.answered_by {
                    ctx.err(
                        &a.span(),
                        format!("`answered_by` is \"person\" or \"worker\", not `{other}`"),
                    );
                }
                AnsweredBy::Person
            }
        };
        let deviation = q
            .deviation
            .as_ref()
            .map(|d| ctx.text(d, &format!("the deviation of `{id}`")));
        if let (Some(d), false) = (&q.deviation, scored) {
            ctx.err(
                &d.span(),
                format!("`{id}` is not scored, so it has no source strength to depart from: remove `deviation`"),
            );
        }
        let profile = check_profile(ctx, q, kind, &id, &options, &mut profiled);
        let htcds = q
            .htcds
            .as_ref()
            .map(|h| htcds_tags(ctx, h, &format!("`{id}`")))
            .unwrap_or_default();
        if let (Some(h), false) = (&q.htcds, scored) {
            ctx.err(
                &h.span(),
                format!("`{id}` is not scored, so it never fires: put `htcds` on the options it stands for, or score the question"),
            );
        }

        // Conditions: the section's (resolved at its first question) and the question's own.
        let scope = Before {
            questions: &questions,
            index: &question_index,
            later: &all_ids,
            current: Some(&id),
        };
        if let Some(used) = section_used.get_mut(section) {
            *used = true;
        }
        let section_condition = if let Some(existing) = section_conditions.get(&section) {
            existing.clone()
        } else {
            let resolved = raw
                .section
                .get(section)
                .and_then(|s| s.get_ref().show_if.as_ref())
                .and_then(|c| {
                    ctx.condition(
                        c,
                        &scope,
                        &format!("show_if of section `{}`", sections[section].id),
                    )
                });
            section_conditions.insert(section, resolved.clone());
            resolved
        };
        let own_condition = q
            .show_if
            .as_ref()
            .and_then(|c| ctx.condition(c, &scope, &format!("show_if of `{id}`")));
        let mut variants = Vec::new();
        for variant in q.variants.iter().flat_map(|v| v.get_ref()) {
            let v = variant.get_ref();
            let text = ctx.text(&v.text, &format!("a variant text of `{id}`"));
            if let Some(when) =
                ctx.condition(&v.when, &scope, &format!("`when` of a variant of `{id}`"))
            {
                variants.push(TextVariant { when, text });
            }
        }
        let show_if = match (section_condition, own_condition) {
            (Some(a), Some(b)) => Some(Condition::And(vec![a, b])),
            (a, b) => a.or(b),
        };
        condition_spans.push(q.show_if.as_ref().map(|c| c.span()).or_else(|| {
            raw.section
                .get(section)
                .and_then(|s| s.get_ref().show_if.as_ref().map(|c| c.span()))
        }));
        question_index.insert(id.clone(), questions.len());
        questions.push(Question {
            id,
            section,
            kind,
            text,
            help,
            options,
            show_if_source: q.show_if.as_ref().map(|c| c.get_ref().clone()),
            show_if,
            indicator,
            ilo,
            red_flag,
            sensitive,
            min: q.min.as_ref().map(|m| *m.get_ref()),
            max: q.max.as_ref().map(|m| *m.get_ref()),
            answered_by,
            deviation,
            variants,
            profile,
            htcds,
        });
    }
    for (section, used) in section_used.iter().enumerate() {
        if !used {
            if let Some(raw_section) = raw.section.get(section) {
                ctx.err(
                    &raw_section.get_ref().id.span(),
                    format!("section `{}` has no questions", sections[section].id),
                );
            }
        }
    }
    match (raw.question.last(), questions.last()) {
        (Some(_), Some(last))
            if last.id == "notes" && last.kind == Kind::Text && last.sensitive => {}
        (Some(raw_last), _) => ctx.err(
            &raw_last.span(),
            "a protocol ends with the optional free-text question `notes` (kind = \"text\", sensitive = true)",
        ),
        (None, _) => ctx.err(&(0..0), "the protocol has no `[[question]]`: add at least one"),
    }
    QuestionSet {
        all_ids,
        questions,
        question_index,
        domains,
        condition_spans,
    }
}

/// A question's case-profile field: the field exists, fits the question's
/// kind, is recorded by one question only, and every option names a value
/// of it.
fn check_profile(
    ctx: &mut Checker<'_>,
    q: &RawQuestion,
    kind: Kind,
    id: &str,
    options: &[Choice],
    profiled: &mut HashMap<ProfileField, String>,
) -> Option<ProfileField> {
    let Some(raw_field) = &q.profile else {
        for option in q.options.iter().flat_map(|o| o.get_ref()) {
            if let Some(p) = &option.get_ref().profile {
                ctx.err(
                    &p.span(),
                    format!("option `{}` of `{id}` names a profile value, but `{id}` has no `profile` field", option.get_ref().id.get_ref()),
                );
            }
        }
        return None;
    };
    let Ok(field) = raw_field.get_ref().parse::<ProfileField>() else {
        let known: Vec<&str> = ProfileField::VARIANTS.iter().map(|&f| f.into()).collect();
        ctx.err(
            &raw_field.span(),
            format!(
                "`{}` is not a profile field: use one of {}",
                raw_field.get_ref(),
                known.join(", ")
            ),
        );
        return None;
    };
    if !field.kinds().contains(&kind) {
        let kinds: Vec<&str> = field.kinds().iter().map(|k| k.as_str()).collect();
        ctx.err(
            &raw_field.span(),
            format!(
                "the profile field `{field}` is recorded by a {} question, not a `{kind}` one",
                kinds.join(" or ")
            ),
        );
    }
    if let Some(first) = profiled.insert(field, id.to_owned()) {
        ctx.err(
            &raw_field.span(),
            format!("the profile field `{field}` is already recorded by `{first}`: one question per field"),
        );
    }
    for (option, raw_option) in options
        .iter()
        .zip(q.options.iter().flat_map(|o| o.get_ref()))
    {
        let value = option.profile_value.as_deref().unwrap_or(&option.id);
        if !field.is_value(value) {
            let span = raw_option
                .get_ref()
                .profile
                .as_ref()
                .map_or_else(|| raw_option.get_ref().id.span(), Spanned::span);
            ctx.err(
                &span,
                format!(
                    "`{value}` is not a value of the profile field `{field}`: use {} (or give the option `profile = \"<value>\"`)",
                    field.describe_values()
                ),
            );
        }
    }
    Some(field)
}

/// HTCDS tags as written: one string or a list of strings.
fn htcds_tags(ctx: &mut Checker<'_>, raw: &Spanned<toml::Value>, what: &str) -> Vec<HtcdsTag> {
    let written: Vec<&str> = match raw.get_ref() {
        toml::Value::String(one) => vec![one.as_str()],
        toml::Value::Array(many) if many.iter().all(toml::Value::is_str) => {
            many.iter().filter_map(toml::Value::as_str).collect()
        }
        _ => {
            ctx.err(
                &raw.span(),
                format!("`htcds` of {what} is a string or a list of strings"),
            );
            return Vec::new();
        }
    };
    let mut tags = Vec::new();
    for tag in written {
        match HtcdsTag::parse(tag) {
            Some(parsed) => tags.push(parsed),
            None => {
                let fields: Vec<&str> = super::profile::HTCDS_ITEM_FIELDS
                    .iter()
                    .map(|(f, _)| *f)
                    .collect();
                ctx.err(
                    &raw.span(),
                    format!(
                        "`{tag}` ({what}) is not an HTCDS {} value: write the field then the value, e.g. MethodsOfControlWithholdsDocuments, from {}",
                        super::profile::HTCDS_VERSION,
                        fields.join(", ")
                    ),
                );
            }
        }
    }
    tags
}

/// Profile questions put to the person come after the safety gate: nobody
/// is asked about themselves before it is known to be safe to talk.
fn check_profile_order(
    ctx: &mut Checker<'_>,
    raw: &RawProtocol,
    set: &QuestionSet,
    safety_gate: Option<QuestionIdx>,
) {
    let Some(gate) = safety_gate else {
        return;
    };
    for raw_question in &raw.question {
        let q = raw_question.get_ref();
        let Some(&index) = set.question_index.get(q.id.get_ref()) else {
            continue;
        };
        let question = &set.questions[index];
        let asked =
            question.kind != Kind::Observation && question.answered_by == AnsweredBy::Person;
        if question.profile.is_some() && asked && index < gate {
            if let Some(p) = &q.profile {
                ctx.err(
                    &p.span(),
                    format!("`{}` asks the person for a profile fact before the safety gate: move it after the gate, or mark it `answered_by = \"worker\"` if the worker records it from what they see", question.id),
                );
            }
        }
    }
}

/// A choice question's options; options on other kinds are an error.
fn check_options(ctx: &mut Checker<'_>, q: &RawQuestion, kind: Kind, id: &str) -> Vec<Choice> {
    let mut options = Vec::new();
    match (&q.options, kind) {
        (Some(raw_options), Kind::Single | Kind::Multi) => {
            if raw_options.get_ref().len() < 2 {
                ctx.err(
                    &raw_options.span(),
                    format!("`{id}` has fewer than two options: a choice needs at least two"),
                );
            }
            if raw_options.get_ref().len() > 64 {
                ctx.err(
                    &raw_options.span(),
                    format!("`{id}` has more than 64 options"),
                );
            }
            let mut seen = HashSet::new();
            for raw_option in raw_options.get_ref() {
                let o = raw_option.get_ref();
                ctx.check_id(&o.id, "the option id", false);
                if matches!(o.id.get_ref().as_str(), "unsure" | "declined") {
                    ctx.err(
                        &o.id.span(),
                        format!(
                            "`{}` cannot be an option id: unsure and declined are always available",
                            o.id.get_ref()
                        ),
                    );
                }
                if !seen.insert(o.id.get_ref().clone()) {
                    ctx.err(
                        &o.id.span(),
                        format!("option `{}` of `{id}` is used twice", o.id.get_ref()),
                    );
                }
                let text = ctx.text(&o.text, &format!("option `{}` of `{id}`", o.id.get_ref()));
                let unknown = o.unknown.as_ref().is_some_and(|u| *u.get_ref());
                if let Some(u) = o.unknown.as_ref().filter(|u| *u.get_ref()) {
                    if kind != Kind::Single {
                        ctx.err(
                            &u.span(),
                            format!("`{id}`: an `unknown` option is for `single` questions"),
                        );
                    } else if o.fires {
                        ctx.err(
                            &u.span(),
                            format!("`{id}`: the `unknown` option cannot fire: not knowing is never an indicator"),
                        );
                    } else if options.iter().any(|c: &Choice| c.unknown) {
                        ctx.err(
                            &u.span(),
                            format!(
                                "`{id}` has two `unknown` options: one answer means \"not known\""
                            ),
                        );
                    }
                }
                let htcds = o
                    .htcds
                    .as_ref()
                    .map(|h| htcds_tags(ctx, h, &format!("option `{}` of `{id}`", o.id.get_ref())))
                    .unwrap_or_default();
                options.push(Choice {
                    id: o.id.get_ref().clone(),
                    text,
                    fires: o.fires,
                    unknown,
                    profile_value: o.profile.as_ref().map(|p| p.get_ref().clone()),
                    htcds,
                });
            }
        }
        (None, Kind::Single | Kind::Multi) => ctx.err(
            &q.kind.span(),
            format!("`{id}` is a `{kind}` question and needs `options`"),
        ),
        (Some(raw_options), _) => ctx.err(
            &raw_options.span(),
            format!("`{id}` is a `{kind}` question, which takes no `options`"),
        ),
        (None, _) => {}
    }
    options
}

/// A question's domain and strength (both or neither).
fn check_indicator(
    ctx: &mut Checker<'_>,
    q: &RawQuestion,
    model: Model,
    schema: u8,
    domains: &mut Vec<Domain>,
    id: &str,
) -> Option<Indicator> {
    match (&q.domain, &q.strength) {
        (Some(domain), Some(strength)) => {
            let domain_idx = match domains.iter().position(|d| &d.id == domain.get_ref()) {
                Some(d) => Some(d),
                None if schema >= 2 => {
                    ctx.err(
                        &domain.span(),
                        format!(
                            "`{}` is not a declared domain: declare it with a `[[domain]]` and its label",
                            domain.get_ref()
                        ),
                    );
                    None
                }
                None if model == Model::Delphi => {
                    ctx.err(
                        &domain.span(),
                        format!(
                            "`{}` is not a Delphi domain: use one of {}",
                            domain.get_ref(),
                            DELPHI_DOMAINS.join(", ")
                        ),
                    );
                    None
                }
                None => {
                    ctx.check_id(domain, "the domain id", false);
                    domains.push(Domain {
                        id: domain.get_ref().clone(),
                        label: None,
                        note: None,
                    });
                    Some(domains.len() - 1)
                }
            };
            let strength = *strength.get_ref();
            domain_idx.map(|domain| Indicator { domain, strength })
        }
        (Some(domain), None) => {
            ctx.err(&domain.span(), format!("`{id}` has a `domain` but no `strength`: add strength = \"strong\", \"medium\" or \"weak\""));
            None
        }
        (None, Some(strength)) => {
            ctx.err(
                &strength.span(),
                format!("`{id}` has a `strength` but no `domain`: add the domain it indicates"),
            );
            None
        }
        (None, None) => None,
    }
}

fn check_scoring(
    ctx: &mut Checker<'_>,
    raw: &RawProtocol,
    model: Model,
    schema: u8,
    set: &QuestionSet,
) -> (Scoring, Option<QuestionIdx>) {
    let QuestionSet {
        all_ids,
        questions,
        question_index,
        domains,
        ..
    } = set;
    // Scoring.
    let scoring_raw = raw.scoring.get_ref();
    let full_scope = Before {
        questions,
        index: question_index,
        later: all_ids,
        current: None,
    };
    let population = scoring_raw
        .population
        .as_ref()
        .map_or(Population::Adult, |p| *p.get_ref());
    let child_when = scoring_raw
        .child_when
        .as_ref()
        .and_then(|c| ctx.condition(c, &full_scope, "child_when"));
    let incomplete_threshold = match &scoring_raw.incomplete_threshold {
        None => 0.3,
        Some(t) if (0.0..1.0).contains(t.get_ref()) => *t.get_ref(),
        Some(t) => {
            ctx.err(
                &t.span(),
                "`incomplete_threshold` is a share from 0 up to (not including) 1, e.g. 0.3",
            );
            0.3
        }
    };
    let mut screens = Vec::new();
    let mut screen_ids = HashSet::new();
    for raw_screen in &scoring_raw.screen {
        let s = raw_screen.get_ref();
        ctx.check_id(&s.id, "the screen id", false);
        if !screen_ids.insert(s.id.get_ref().clone()) {
            ctx.err(
                &s.id.span(),
                format!("the screen id `{}` is used twice", s.id.get_ref()),
            );
        }
        let mut items: Vec<QuestionIdx> = Vec::new();
        match (&s.domains, &s.questions) {
            (Some(screen_domains), None) => {
                for d in screen_domains {
                    match domains.iter().position(|known| &known.id == d.get_ref()) {
                        Some(d) => items.extend(
                            questions
                                .iter()
                                .enumerate()
                                .filter(|(_, q)| q.indicator.is_some_and(|i| i.domain == d))
                                .map(|(i, _)| i),
                        ),
                        None => ctx.err(
                            &d.span(),
                            format!("`{}` is not a domain of any question", d.get_ref()),
                        ),
                    }
                }
            }
            (None, Some(screen_questions)) => {
                for q in screen_questions {
                    match question_index.get(q.get_ref()) {
                        Some(&idx) if questions[idx].is_scored() => items.push(idx),
                        Some(_) => ctx.err(
                            &q.span(),
                            format!(
                                "`{}` is not scored: a screen counts scored items",
                                q.get_ref()
                            ),
                        ),
                        None => ctx.err(
                            &q.span(),
                            format!("`{}` is not a question of this protocol", q.get_ref()),
                        ),
                    }
                }
            }
            _ => ctx.err(
                &raw_screen.span(),
                format!(
                    "screen `{}` needs exactly one of `domains` or `questions`",
                    s.id.get_ref()
                ),
            ),
        }
        items.sort_unstable();
        items.dedup();
        let band = match s.band.get_ref().parse::<Band>() {
            Ok(band @ (Band::PossibleConcern | Band::ClearConcern)) => band,
            _ => {
                ctx.err(
                    &s.band.span(),
                    "a screen's band is \"possible_concern\" or \"clear_concern\"",
                );
                Band::PossibleConcern
            }
        };
        let at_least = match usize::try_from(*s.at_least.get_ref()) {
            Ok(n) if n >= 1 && n <= items.len().max(1) => n,
            _ => {
                ctx.err(
                    &s.at_least.span(),
                    format!(
                        "`at_least` must be from 1 to the number of items the screen counts ({})",
                        items.len()
                    ),
                );
                1
            }
        };
        let when = s.when.as_ref().and_then(|c| {
            ctx.condition(
                c,
                &full_scope,
                &format!("`when` of screen `{}`", s.id.get_ref()),
            )
        });
        let label = s
            .label
            .as_ref()
            .map(|l| ctx.text(l, &format!("the label of screen `{}`", s.id.get_ref())));
        if schema >= 2 && label.is_none() {
            ctx.err(
                &s.id.span(),
                format!(
                    "screen `{}` needs a `label` in a schema 2 file: its name for people",
                    s.id.get_ref()
                ),
            );
        }
        let note = s
            .note
            .as_ref()
            .map(|n| ctx.text(n, &format!("the note of screen `{}`", s.id.get_ref())));
        screens.push(Screen {
            id: s.id.get_ref().clone(),
            items,
            at_least,
            band,
            when,
            label,
            note,
        });
    }
    if model == Model::Count && screens.is_empty() {
        ctx.err(
            &raw.scoring.span(),
            "`model = \"count\"` needs at least one `[[scoring.screen]]` cut-off",
        );
    }

    let partial_domain_note = scoring_raw
        .partial_domain_note
        .as_ref()
        .map(|n| ctx.text(n, "the partial-domain note"));
    if schema >= 2 && partial_domain_note.is_none() {
        ctx.err(
            &raw.scoring.span(),
            "a schema 2 protocol needs `partial_domain_note` in [scoring]: why one strong or two medium items already give a possible concern (Qorgau's own rule, not ILO's)",
        );
    }
    let safety_gate =
        raw.safety_gate
            .as_ref()
            .and_then(|gate| match question_index.get(gate.get_ref()) {
                Some(&idx) if questions[idx].kind == Kind::YesNo => Some(idx),
                Some(&idx)
                    if schema >= 2
                        && questions[idx].kind == Kind::Single
                        && questions[idx].option_index("yes").is_some() =>
                {
                    Some(idx)
                }
                Some(_) if schema >= 2 => {
                    ctx.err(
                        &gate.span(),
                        format!(
                            "the safety gate `{}` must be a yes_no question, or a single question whose option `yes` means it is safe to talk (the other options say why not)",
                            gate.get_ref()
                        ),
                    );
                    None
                }
                Some(_) => {
                    ctx.err(
                        &gate.span(),
                        format!(
                            "the safety gate `{}` must be a yes_no question",
                            gate.get_ref()
                        ),
                    );
                    None
                }
                None => {
                    ctx.err(
                        &gate.span(),
                        format!(
                            "the safety gate `{}` is not a question of this protocol",
                            gate.get_ref()
                        ),
                    );
                    None
                }
            });
    (
        Scoring {
            model,
            population,
            child_when,
            incomplete_threshold,
            partial_domain_note,
            screens,
        },
        safety_gate,
    )
}

/// Conditions that can never hold, and questions no answers reach.
fn check_skip_logic(
    ctx: &mut Checker<'_>,
    raw: &RawProtocol,
    protocol: &Protocol,
    condition_spans: &[Option<Range<usize>>],
) {
    let scoring_raw = raw.scoring.get_ref();
    // Skip logic: conditions that can never hold, questions no answers reach.
    for problem in reach::check(protocol) {
        let span = match problem.target {
            reach::Target::Question(q) => condition_spans.get(q).cloned().flatten(),
            reach::Target::ChildWhen => scoring_raw.child_when.as_ref().map(|c| c.span()),
            reach::Target::Screen(s) => scoring_raw
                .screen
                .get(s)
                .and_then(|r| r.get_ref().when.as_ref().map(|c| c.span())),
        };
        ctx.err(&span.unwrap_or(0..0), problem.message);
    }
}

/// Golden cases: their answers must parse; they run once the protocol is whole.
fn check_cases(ctx: &mut Checker<'_>, raw: &RawProtocol, schema: u8, protocol: &mut Protocol) {
    let mut names = HashSet::new();
    for raw_case in &raw.case {
        let c = raw_case.get_ref();
        let name = c.name.get_ref().clone();
        if schema >= 2 && c.why.as_ref().is_none_or(|w| w.get_ref().trim().is_empty()) {
            ctx.err(
                &c.name.span(),
                format!("case `{name}` needs `why`: a sentence saying why this band is right"),
            );
        }
        if !names.insert(name.clone()) {
            ctx.err(
                &c.name.span(),
                format!("the case name `{name}` is used twice"),
            );
        }
        let band = match c.band.get_ref().parse::<Band>() {
            Ok(b) => Some(b),
            Err(e) => {
                ctx.err(&c.band.span(), e.to_string());
                None
            }
        };
        let path = ctx.path;
        let source = ctx.source;
        let locate = |span: &Range<usize>, message: String| {
            Diagnostic::at_span(path, source, span, format!("case `{name}`: {message}"))
        };
        let answers = match answers_from_entries(protocol, c.answers.get_ref().iter(), &locate) {
            Ok(a) => Some(a),
            Err(problems) => {
                ctx.problems.extend(problems);
                None
            }
        };
        let mut check_ids = |ids: &Option<Spanned<Vec<Spanned<String>>>>,
                             known: &dyn Fn(&str) -> bool,
                             what: &str| {
            ids.as_ref().map(|ids| {
                ids.get_ref()
                    .iter()
                    .filter(|id| {
                        let ok = known(id.get_ref());
                        if !ok {
                            ctx.err(
                                &id.span(),
                                format!("case `{name}`: `{}` is not {what}", id.get_ref()),
                            );
                        }
                        ok
                    })
                    .map(|id| id.get_ref().clone())
                    .collect::<Vec<_>>()
            })
        };
        let positive_domains = check_ids(
            &c.positive_domains,
            &|d| protocol.domain_index(d).is_some(),
            "a domain of this protocol",
        );
        let fired = check_ids(
            &c.fired,
            &|q| protocol.question_by_id(q).is_some(),
            "a question of this protocol",
        );
        if let (Some(answers), Some(band)) = (answers, band) {
            protocol.cases.push(GoldenCase {
                name,
                answers,
                band,
                positive_domains,
                fired,
                line: ctx.line_of(&raw_case.span()),
            });
        }
    }
}
