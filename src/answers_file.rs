//! Answers files: `[answers]` question id → value, checked with exact locations.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::protocol::answer::{answers_from_entries, AnswerSet};
use crate::protocol::Protocol;
use crate::record::{Consent, Referral, ReferralStatus};

/// A parsed and checked answers file.
#[derive(Debug, Clone)]
pub struct AnswersFile {
    pub answers: AnswerSet,
    /// The consent scope, for `screen` (ignored by `protocol score`).
    pub consent: Option<Consent>,
    /// The referral offered, for `screen` (ignored by `protocol score`).
    pub referral: Option<Referral>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswersFile {
    consent: Option<Spanned<String>>,
    referral: Option<Spanned<RawReferral>>,
    answers: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReferral {
    #[serde(default)]
    to: Vec<String>,
    status: Spanned<String>,
    reason: Option<String>,
}

/// Parse an answers file for `protocol`; every problem comes back located.
pub fn parse_answers_file(
    protocol: &Protocol,
    path: &str,
    source: &str,
) -> Result<AnswersFile, Diagnostics> {
    let raw: RawAnswersFile = toml::from_str(source).map_err(|error| {
        let offset = error.span().map_or(0, |s| s.start);
        Diagnostics(vec![Diagnostic::at(
            path,
            source,
            offset,
            format!(
                "{} (an answers file is a TOML table `[answers]` of question id = answer)",
                error.message().trim_end()
            ),
        )])
    })?;
    let locate =
        |span: &Range<usize>, message: String| Diagnostic::at_span(path, source, span, message);
    let mut problems = Vec::new();
    let consent = raw
        .consent
        .as_ref()
        .and_then(|c| match c.get_ref().parse::<Consent>() {
            Ok(consent) => Some(consent),
            Err(e) => {
                problems.push(locate(&c.span(), e.to_string()));
                None
            }
        });
    let referral = raw.referral.as_ref().and_then(|r| {
        let r = r.get_ref();
        match r.status.get_ref().parse::<ReferralStatus>() {
            Ok(ReferralStatus::NotNeeded) => {
                problems.push(locate(
                    &r.status.span(),
                    "`not_needed` is recorded by qorgau itself when there is no concern: use accepted, declined or pending".to_owned(),
                ));
                None
            }
            Ok(status) => Some(Referral {
                to: r.to.clone(),
                status,
                reason: r.reason.clone(),
            }),
            Err(e) => {
                problems.push(locate(&r.status.span(), e.to_string()));
                None
            }
        }
    });
    match answers_from_entries(protocol, raw.answers.iter(), &locate) {
        Ok(answers) if problems.is_empty() => Ok(AnswersFile {
            answers,
            consent,
            referral,
        }),
        Ok(_) => Err(Diagnostics(problems)),
        Err(mut more) => {
            problems.append(&mut more);
            problems.sort_by_key(|d| (d.line, d.col));
            Err(Diagnostics(problems))
        }
    }
}

/// For a screening (not for `protocol score`): when a schema 2 protocol's
/// safety gate is opened by the file's answers, the file must say what the
/// person agreed to — "not asked" is no choice once it is safe to talk.
pub fn check_consent_for_screening(
    protocol: &Protocol,
    path: &str,
    file: &AnswersFile,
) -> Result<(), Diagnostics> {
    use crate::engine::visibility::{gate_state, visible_questions, GateState};
    if protocol.schema < 2 {
        return Ok(());
    }
    let visible = visible_questions(protocol, &file.answers);
    let open = gate_state(protocol, &visible, &file.answers) == GateState::Open;
    let agreed = file
        .consent
        .is_some_and(|c| Consent::offered(protocol.schema).contains(&c));
    if !open || agreed {
        return Ok(());
    }
    let gate = protocol
        .safety_gate
        .map_or("", |g| protocol.questions[g].id.as_str());
    Err(Diagnostics(vec![Diagnostic {
        path: path.to_owned(),
        line: 1,
        col: 1,
        message: format!(
            "the answers open the safety gate (`{gate}`), so the file must say what the person agreed to: consent = \"statistics\", \"social_services\" or \"police\" (\"anonymous\" is only for protocols of schema 1)"
        ),
    }]))
}
