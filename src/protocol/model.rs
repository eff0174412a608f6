//! A validated protocol. Values of these types only come out of
//! [`super::validate`], so the engine never meets an unchecked reference.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::expr::Condition;
use crate::engine::Band;
use crate::lang::{Lang, Text};

/// The Delphi dimensions (ILO/EC 2009): the only domains of a `delphi` protocol.
pub const DELPHI_DOMAINS: [&str; 6] = [
    "deceptive_recruitment",
    "coercive_recruitment",
    "vulnerability_recruitment",
    "exploitation",
    "coercion_at_destination",
    "vulnerability_at_destination",
];

/// Index of a question in [`Protocol::questions`].
pub type QuestionIdx = usize;
/// Index of a domain in [`Protocol::domains`].
pub type DomainIdx = usize;

/// A checked protocol, ready to walk and score.
#[derive(Debug, Clone)]
pub struct Protocol {
    pub id: String,
    pub version: semver::Version,
    /// SHA-256 of the exact bytes of the file, lower-case hex.
    pub sha256: String,
    pub title: Text,
    /// A neutral title for the screen during the walk (schema 2).
    pub display_title: Option<Text>,
    pub description: Text,
    pub languages: Vec<Lang>,
    pub audience: Vec<String>,
    pub validated: bool,
    /// The yes/no question that says whether it is safe to talk: asked with
    /// emphasis, followed by consent; "no" keeps the walk to observation.
    pub safety_gate: Option<QuestionIdx>,
    pub sources: Vec<Source>,
    pub scoring: Scoring,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    /// Domain ids, in the order they first appear (Delphi order for `delphi`).
    pub domains: Vec<String>,
    pub cases: Vec<GoldenCase>,
    pub(crate) question_index: HashMap<String, QuestionIdx>,
}

impl Protocol {
    /// `id@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The question with this id.
    pub fn question_by_id(&self, id: &str) -> Option<(QuestionIdx, &Question)> {
        self.question_index
            .get(id)
            .map(|&idx| (idx, &self.questions[idx]))
    }

    /// The title to show on screen during a walk, where a companion may see
    /// it: the protocol's neutral display title when it has one. `None`
    /// means the walk shows a generic neutral title of its own, never the
    /// descriptive [`Protocol::title`].
    pub fn walk_title(&self) -> Option<&Text> {
        self.display_title.as_ref()
    }

    /// The domain index of a domain id.
    pub fn domain_index(&self, id: &str) -> Option<DomainIdx> {
        self.domains.iter().position(|d| d == id)
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
    pub figures: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    Delphi,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Population {
    Adult,
    Child,
}

#[derive(Debug, Clone)]
pub struct Scoring {
    pub model: Model,
    pub population: Population,
    pub child_when: Option<Condition>,
    pub incomplete_threshold: f64,
    pub screens: Vec<Screen>,
}

/// A short-screen cut-off: so many fired items among these raise the band.
#[derive(Debug, Clone)]
pub struct Screen {
    pub id: String,
    pub items: Vec<QuestionIdx>,
    pub at_least: usize,
    pub band: Band,
    pub when: Option<Condition>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub help: Option<Text>,
    pub observation_only: bool,
    /// The section's own condition, as written (it is also folded into each
    /// of its questions' [`Question::show_if`]).
    pub show_if_source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    YesNo,
    Observation,
    Single,
    Multi,
    Number,
    Date,
    Text,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::Observation => "observation",
            Kind::Single => "single",
            Kind::Multi => "multi",
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Text => "text",
        }
    }

    /// Whether an answer of this kind can fire an indicator.
    pub fn is_scorable(self) -> bool {
        matches!(
            self,
            Kind::YesNo | Kind::Observation | Kind::Single | Kind::Multi
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    Strong,
    Medium,
    Weak,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Medium => "medium",
            Strength::Weak => "weak",
        }
    }
}

/// What a scored item indicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indicator {
    pub domain: DomainIdx,
    pub strength: Strength,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    pub fires: bool,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub section: usize,
    pub kind: Kind,
    pub text: Text,
    pub help: Option<Text>,
    pub options: Vec<Choice>,
    /// The question's own condition, as written.
    pub show_if_source: Option<String>,
    /// The section's and the question's conditions together.
    pub show_if: Option<Condition>,
    pub indicator: Option<Indicator>,
    pub ilo: Option<u8>,
    pub red_flag: bool,
    pub sensitive: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Question {
    /// Whether this item takes part in scoring (an indicator or a red flag).
    pub fn is_scored(&self) -> bool {
        self.indicator.is_some() || self.red_flag
    }

    /// The index of an option id.
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// Whether the generic "unsure" answer is offered and accepted ("could
    /// not see" for an observation, "not known" for a number or date). Not
    /// for free text, which is simply left empty.
    pub fn offers_unsure(&self) -> bool {
        self.kind != Kind::Text
    }

    /// Whether "declined" is offered and accepted: only for what the person
    /// is asked, never for what the worker observes, nor for free text.
    pub fn offers_declined(&self) -> bool {
        !matches!(self.kind, Kind::Observation | Kind::Text)
    }

    /// Whether there is help to show for this question.
    pub fn has_help(&self) -> bool {
        self.help.is_some()
    }
}

/// A golden case: answers and what scoring them must give.
#[derive(Debug, Clone)]
pub struct GoldenCase {
    pub name: String,
    pub answers: crate::engine::AnswerSet,
    pub band: Band,
    pub positive_domains: Option<Vec<String>>,
    pub fired: Option<Vec<String>>,
    /// Line of the case in its file, for messages.
    pub line: usize,
}
