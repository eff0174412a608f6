//! Pure, explainable scoring: red flags, the Delphi dimension and combination
//! rules, short-screen cut-offs, and the incomplete rule.
//! The rules are written out in `docs/protocol-format.md`, "How a result is decided".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::visibility::{gate_state, visible_answer, visible_questions, GateState};
use crate::protocol::answer::AnswerSet;
pub use crate::protocol::Band;
use crate::protocol::{Model, Population, Protocol, Strength};

/// A domain's status from the strengths of its fired items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DomainStatus {
    Positive,
    Partial,
    Negative,
}

/// How many items of each strength fired in one domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StrengthCounts {
    pub strong: u32,
    pub medium: u32,
    pub weak: u32,
}

impl StrengthCounts {
    pub fn add(&mut self, strength: Strength) {
        match strength {
            Strength::Strong => self.strong += 1,
            Strength::Medium => self.medium += 1,
            Strength::Weak => self.weak += 1,
        }
    }

    /// The Delphi dimension rule (ILO/EC 2009): positive with 2 strong; 1 strong
    /// and 1 medium or weak; 3 medium; or 2 medium and 1 weak. Partial with
    /// 1 strong or 2 medium.
    pub fn status(self) -> DomainStatus {
        let StrengthCounts {
            strong: s,
            medium: m,
            weak: w,
        } = self;
        let positive = s >= 2 || (s >= 1 && m + w >= 1) || m >= 3 || (m >= 2 && w >= 1);
        if positive {
            DomainStatus::Positive
        } else if s >= 1 || m >= 2 {
            DomainStatus::Partial
        } else {
            DomainStatus::Negative
        }
    }
}

/// One domain's findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainResult {
    pub id: String,
    pub status: DomainStatus,
    pub fired: StrengthCounts,
    /// Visible scored items in the domain.
    pub asked: u32,
    /// Of those, unanswered, unsure or declined.
    pub missing: u32,
}

/// One short screen's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenResult {
    pub id: String,
    pub applies: bool,
    pub count: usize,
    pub at_least: usize,
    pub reached: bool,
}

/// The explained result of scoring one answer set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub band: Band,
    /// Domain id → status.
    pub domains: BTreeMap<String, DomainStatus>,
    /// Every fired item, in protocol order.
    pub fired: Vec<String>,
    /// The fired red-flag items.
    pub red_flags: Vec<String>,
    /// The rule that decided the band: `red_flag`, `delphi_adult`,
    /// `delphi_child`, `screen:<id>`, `partial_domain`, `observation_only`,
    /// `incomplete`, `below_threshold` (items fired, but no rule reached) or
    /// `no_indicators` (nothing fired).
    pub rule: String,
    /// Why the interview could not happen, when the safety gate was shown
    /// and not opened (schema 2): the gate's answer (`no`, `unsure`,
    /// `declined`, `skipped`, or the id of the gate option chosen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation_only: Option<String>,
    /// Visible scored items left unanswered, unsure or declined.
    pub missing: Vec<String>,
    /// Answers to questions that skip logic hid: not scored.
    pub ignored: Vec<String>,
    pub population: Population,
    pub screens: Vec<ScreenResult>,
    /// Details per domain, in the protocol's domain order.
    pub domain_details: Vec<DomainResult>,
}

impl Outcome {
    /// The ids of the positive domains, in protocol order.
    pub fn positive_domains(&self) -> Vec<&str> {
        self.domain_details
            .iter()
            .filter(|d| d.status == DomainStatus::Positive)
            .map(|d| d.id.as_str())
            .collect()
    }
}

const RECRUITMENT: [&str; 3] = [
    "deceptive_recruitment",
    "coercive_recruitment",
    "vulnerability_recruitment",
];
const AT_DESTINATION: [&str; 2] = ["coercion_at_destination", "vulnerability_at_destination"];

/// Score an answer set. Pure: the same answers always give the same outcome.
pub fn score(protocol: &Protocol, answers: &AnswerSet) -> Outcome {
    let visible = visible_questions(protocol, answers);
    let answer_of = |q: usize| visible_answer(&visible, answers, q);

    let mut per_domain: Vec<DomainResult> = protocol
        .domains
        .iter()
        .map(|domain| DomainResult {
            id: domain.id.clone(),
            status: DomainStatus::Negative,
            fired: StrengthCounts::default(),
            asked: 0,
            missing: 0,
        })
        .collect();
    let mut fired_flags = vec![false; protocol.questions.len()];
    let mut fired = Vec::new();
    let mut red_flags = Vec::new();
    let mut missing = Vec::new();
    let mut ignored = Vec::new();

    for (index, question) in protocol.questions.iter().enumerate() {
        let answer = answers.get(index);
        if !visible[index] {
            if answer.is_some() {
                ignored.push(question.id.clone());
            }
            continue;
        }
        if !question.is_scored() {
            continue;
        }
        let is_missing = answer.is_none_or(|a| a.is_missing_for(question));
        let fires = answer.is_some_and(|a| a.fires(question));
        if is_missing {
            missing.push(question.id.clone());
        }
        if let Some(indicator) = question.indicator {
            let domain = &mut per_domain[indicator.domain];
            domain.asked += 1;
            if is_missing {
                domain.missing += 1;
            }
            if fires {
                domain.fired.add(indicator.strength);
            }
        }
        if fires {
            fired_flags[index] = true;
            fired.push(question.id.clone());
            if question.red_flag {
                red_flags.push(question.id.clone());
            }
        }
    }
    for domain in &mut per_domain {
        domain.status = domain.fired.status();
    }

    let is_positive = |id: &str| {
        protocol
            .domain_index(id)
            .is_some_and(|d| per_domain[d].status == DomainStatus::Positive)
    };
    let population = match &protocol.scoring.child_when {
        Some(condition) if condition.eval(&answer_of) => Population::Child,
        _ => protocol.scoring.population,
    };

    let screens: Vec<ScreenResult> = protocol
        .scoring
        .screens
        .iter()
        .map(|screen| {
            let applies = screen.when.as_ref().is_none_or(|c| c.eval(&answer_of));
            let count = screen.items.iter().filter(|&&q| fired_flags[q]).count();
            ScreenResult {
                id: screen.id.clone(),
                applies,
                count,
                at_least: screen.at_least,
                reached: applies && count >= screen.at_least,
            }
        })
        .collect();

    // Candidates in the order of docs/protocol-format.md; the highest band
    // wins, and for equal bands the first candidate names the rule.
    let mut decided: Option<(Band, String)> = None;
    let mut consider = |band: Band, rule: &dyn Fn() -> String| {
        if decided.as_ref().is_none_or(|(best, _)| band < *best) {
            decided = Some((band, rule()));
        }
    };
    if !red_flags.is_empty() {
        consider(Band::ImmediateDanger, &|| "red_flag".to_owned());
    }
    if protocol.scoring.model == Model::Delphi {
        let recruitment = RECRUITMENT.iter().any(|d| is_positive(d));
        let exploitation = is_positive("exploitation");
        let destination = AT_DESTINATION.iter().any(|d| is_positive(d));
        match population {
            Population::Adult if recruitment && exploitation && destination => {
                consider(Band::ClearConcern, &|| "delphi_adult".to_owned())
            }
            Population::Child if recruitment && exploitation => {
                consider(Band::ClearConcern, &|| "delphi_child".to_owned())
            }
            _ => {}
        }
    }
    for (screen, result) in protocol.scoring.screens.iter().zip(&screens) {
        if result.reached {
            consider(screen.band, &|| format!("screen:{}", screen.id));
        }
    }
    if per_domain
        .iter()
        .any(|d| d.status != DomainStatus::Negative)
    {
        consider(Band::PossibleConcern, &|| "partial_domain".to_owned());
    }
    let threshold = protocol.scoring.incomplete_threshold;
    if per_domain
        .iter()
        .any(|d| d.asked > 0 && f64::from(d.missing) > threshold * f64::from(d.asked))
    {
        consider(Band::Incomplete, &|| "incomplete".to_owned());
    }
    // "No indicators" only when nothing fired: fired items below every
    // threshold are a different sentence.
    if fired.is_empty() {
        consider(Band::NoConcern, &|| "no_indicators".to_owned());
    } else {
        consider(Band::NoConcern, &|| "below_threshold".to_owned());
    }
    let (mut band, mut rule) = decided.unwrap_or((Band::NoConcern, "no_indicators".to_owned()));
    // Schema 2: when the interview could not happen, what observation found
    // no concern in is not a "no concern" (schema 1 files keep their meaning).
    let observation_only = match gate_state(protocol, &visible, answers) {
        GateState::Closed(reason) if protocol.schema >= 2 => Some(reason),
        _ => None,
    };
    if observation_only.is_some() && matches!(band, Band::NoConcern | Band::Incomplete) {
        band = Band::ObservationOnly;
        rule = "observation_only".to_owned();
    }

    Outcome {
        band,
        domains: per_domain
            .iter()
            .map(|d| (d.id.clone(), d.status))
            .collect(),
        fired,
        red_flags,
        rule,
        observation_only,
        missing,
        ignored,
        population,
        screens,
        domain_details: per_domain,
    }
}
