//! From raw TOML to a checked [`Protocol`], with every problem located as
//! `path:line:col: message`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use sha2::{Digest, Sha256};
use toml::Spanned;

use super::expr::{self, Condition, Scope};
use super::model::*;
use super::raw::*;
use super::reach;
use crate::check::Checker;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::answers_file::answers_from_entries;
use crate::engine::{score, Band};
use crate::lang::Lang;

/// The protocol schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

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
}

impl Scope for Before<'_> {
    fn lookup(&self, id: &str) -> Result<(QuestionIdx, &Question), String> {
        match self.index.get(id) {
            Some(&idx) if idx < self.questions.len() => Ok((idx, &self.questions[idx])),
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
            "schema_version {found} is not supported: this qorgau reads schema_version {SCHEMA_VERSION}; use a newer qorgau or a version-{SCHEMA_VERSION} file"
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
            "missing `schema_version`: a protocol file starts with `schema_version = 1`",
        )])),
        Some(v) if v.get_ref().as_integer() != Some(SCHEMA_VERSION) => {
            Some(unsupported_schema(path, source, &v.span(), v.get_ref()))
        }
        Some(_) => None,
    }
}

/// Parse and check a protocol file. `path` is only used in messages.
pub fn parse_protocol(path: &str, source: &str) -> Result<Protocol, Diagnostics> {
    // One parse on the happy path; the schema probe only runs to explain a failure.
    let raw: RawProtocol = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => {
            return Err(
                schema_problem(path, source).unwrap_or_else(|| syntax_error(path, source, &error))
            )
        }
    };
    if *raw.schema_version.get_ref() != SCHEMA_VERSION {
        return Err(unsupported_schema(
            path,
            source,
            &raw.schema_version.span(),
            raw.schema_version.get_ref(),
        ));
    }
    let mut ctx = Checker {
        path,
        source,
        problems: Vec::new(),
        languages: Vec::new(),
    };
    let protocol = build(&mut ctx, &raw);
    if ctx.problems.is_empty() {
        if let Some(protocol) = protocol {
            let case_problems = run_golden_cases(&protocol, path);
            if case_problems.is_empty() {
                return Ok(protocol);
            }
            return Err(Diagnostics(case_problems));
        }
    }
    ctx.problems.sort_by_key(|d| (d.line, d.col));
    Err(Diagnostics(ctx.problems))
}

fn build(ctx: &mut Checker<'_>, raw: &RawProtocol) -> Option<Protocol> {
    let header = check_header(ctx, raw);
    let model = match raw.scoring.get_ref().model.get_ref() {
        RawModel::Delphi => Model::Delphi,
        RawModel::Count => Model::Count,
    };
    let (sections, section_index) = check_sections(ctx, raw);
    let set = check_questions(ctx, raw, model, &sections, &section_index);
    let (scoring, safety_gate) = check_scoring(ctx, raw, model, &set);
    let version = header.version?;
    let QuestionSet {
        questions,
        question_index,
        domains,
        condition_spans,
        ..
    } = set;
    let mut protocol = Protocol {
        id: raw.id.get_ref().clone(),
        version,
        sha256: format!("{:x}", Sha256::digest(ctx.source.as_bytes())),
        title: header.title,
        display_title: None,
        description: header.description,
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
    check_cases(ctx, raw, &mut protocol);
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
    description: crate::lang::Text,
    audience: Vec<String>,
    sources: Vec<Source>,
}

fn check_header(ctx: &mut Checker<'_>, raw: &RawProtocol) -> Header {
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
            let figures = s
                .figures
                .as_ref()
                .map(|f| ctx.text(f, &format!("the figures of source `{}`", s.name.get_ref())));
            Source {
                name: s.name.get_ref().clone(),
                url: s.url.clone(),
                figures,
            }
        })
        .collect();
    Header {
        languages,
        version,
        title,
        description,
        audience,
        sources,
    }
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
    domains: Vec<String>,
    /// For each question, where its condition is written (its own, else its section's).
    condition_spans: Vec<Option<Range<usize>>>,
}

fn check_questions(
    ctx: &mut Checker<'_>,
    raw: &RawProtocol,
    model: Model,
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
    let mut domains: Vec<String> = match model {
        Model::Delphi => DELPHI_DOMAINS.iter().map(|d| (*d).to_owned()).collect(),
        Model::Count => Vec::new(),
    };
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
        let kind = match q.kind.get_ref() {
            RawKind::YesNo => Kind::YesNo,
            RawKind::Observation => Kind::Observation,
            RawKind::Single => Kind::Single,
            RawKind::Multi => Kind::Multi,
            RawKind::Number => Kind::Number,
            RawKind::Date => Kind::Date,
            RawKind::Text => Kind::Text,
        };
        let text = ctx.text(&q.text, &format!("the text of `{id}`"));
        let help = q
            .help
            .as_ref()
            .map(|h| ctx.text(h, &format!("the help of `{id}`")));

        let options = check_options(ctx, q, kind, &id);

        let red_flag = q.red_flag.as_ref().is_some_and(|r| *r.get_ref());
        let indicator = check_indicator(ctx, q, model, &mut domains, &id);
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
        if let (Some(strength), Model::Delphi, RawPopulation::Child, None) = (
            &q.strength,
            model,
            raw.scoring
                .get_ref()
                .population
                .as_ref()
                .map_or(RawPopulation::Adult, |p| *p.get_ref()),
            &raw.scoring.get_ref().child_when,
        ) {
            if *strength.get_ref() == RawStrength::Weak {
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

        // Conditions: the section's (resolved at its first question) and the question's own.
        let scope = Before {
            questions: &questions,
            index: &question_index,
            later: &all_ids,
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
                options.push(Choice {
                    id: o.id.get_ref().clone(),
                    text,
                    fires: o.fires,
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
    domains: &mut Vec<String>,
    id: &str,
) -> Option<Indicator> {
    match (&q.domain, &q.strength) {
        (Some(domain), Some(strength)) => {
            let domain_idx = match domains.iter().position(|d| d == domain.get_ref()) {
                Some(d) => Some(d),
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
                    domains.push(domain.get_ref().clone());
                    Some(domains.len() - 1)
                }
            };
            let strength = match strength.get_ref() {
                RawStrength::Strong => Strength::Strong,
                RawStrength::Medium => Strength::Medium,
                RawStrength::Weak => Strength::Weak,
            };
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
    };
    let population = match scoring_raw.population.as_ref().map(|p| *p.get_ref()) {
        None | Some(RawPopulation::Adult) => Population::Adult,
        Some(RawPopulation::Child) => Population::Child,
    };
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
                    match domains.iter().position(|known| known == d.get_ref()) {
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
        screens.push(Screen {
            id: s.id.get_ref().clone(),
            items,
            at_least,
            band,
            when,
        });
    }
    if model == Model::Count && screens.is_empty() {
        ctx.err(
            &raw.scoring.span(),
            "`model = \"count\"` needs at least one `[[scoring.screen]]` cut-off",
        );
    }

    let safety_gate =
        raw.safety_gate
            .as_ref()
            .and_then(|gate| match question_index.get(gate.get_ref()) {
                Some(&idx) if questions[idx].kind == Kind::YesNo => Some(idx),
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
fn check_cases(ctx: &mut Checker<'_>, raw: &RawProtocol, protocol: &mut Protocol) {
    // Golden cases.
    let mut names = HashSet::new();
    for raw_case in &raw.case {
        let c = raw_case.get_ref();
        let name = c.name.get_ref().clone();
        if !names.insert(name.clone()) {
            ctx.err(
                &c.name.span(),
                format!("the case name `{name}` is used twice"),
            );
        }
        let band = match c.band.get_ref().parse::<Band>() {
            Ok(b) => Some(b),
            Err(e) => {
                ctx.err(&c.band.span(), e);
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

/// Score every golden case of a protocol; a problem for each case whose result
/// differs from what the case expects.
pub fn run_golden_cases(protocol: &Protocol, path: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for case in &protocol.cases {
        let outcome = score(protocol, &case.answers);
        let mut differences = Vec::new();
        if outcome.band != case.band {
            differences.push(format!(
                "expected band {}, got {} (rule {})",
                case.band, outcome.band, outcome.rule
            ));
        }
        if let Some(expected) = &case.positive_domains {
            let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            expected.sort_unstable();
            let mut actual = outcome.positive_domains();
            actual.sort_unstable();
            if expected != actual {
                differences.push(format!(
                    "expected positive domains [{}], got [{}]",
                    expected.join(", "),
                    actual.join(", ")
                ));
            }
        }
        if let Some(expected) = &case.fired {
            let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            expected.sort_unstable();
            let mut actual: Vec<&str> = outcome.fired.iter().map(String::as_str).collect();
            actual.sort_unstable();
            if expected != actual {
                differences.push(format!(
                    "expected fired [{}], got [{}]",
                    expected.join(", "),
                    actual.join(", ")
                ));
            }
        }
        if !differences.is_empty() {
            problems.push(Diagnostic {
                path: path.to_owned(),
                line: case.line,
                col: 1,
                message: format!("golden case `{}`: {}", case.name, differences.join("; ")),
            });
        }
    }
    problems
}
