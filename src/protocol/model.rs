//! A validated protocol. Values of these types only come out of
//! [`super::validate`], so the engine never meets an unchecked reference.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use strum::{Display, IntoStaticStr, VariantArray};

use super::band::Band;
use super::expr::Condition;
use super::profile::{HtcdsTag, ProfileField};
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
    /// The schema version of the file (1 or 2): schema 1 files are scored
    /// exactly as when they shipped.
    pub schema: u8,
    pub id: String,
    pub version: semver::Version,
    /// SHA-256 of the exact bytes of the file, lower-case hex.
    pub sha256: String,
    pub title: Text,
    /// A neutral title for the screen during the walk (schema 2).
    pub display_title: Option<Text>,
    pub description: Text,
    /// What the worker reads aloud before asking for consent: what is
    /// stored, who sees it, the limits (schema 2).
    pub consent_text: Option<Text>,
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
    /// The domains, in the order declared or first used (Delphi order for
    /// `delphi`).
    pub domains: Vec<Domain>,
    pub cases: Vec<GoldenCase>,
    pub(crate) question_index: HashMap<String, QuestionIdx>,
}

impl Protocol {
    /// `id@version`.
    pub fn reference(&self) -> String {
        super::reference(&self.id, &self.version)
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
        self.domains.iter().position(|d| d.id == id)
    }

    /// Every text of the protocol that people read, each with a name for
    /// messages (language checks, spelling).
    pub fn texts<'p>(&'p self) -> Vec<(String, &'p Text)> {
        let mut all: Vec<(String, &Text)> = vec![
            ("title".to_owned(), &self.title),
            ("description".to_owned(), &self.description),
        ];
        let mut add = |name: String, text: Option<&'p Text>| {
            if let Some(text) = text {
                all.push((name, text));
            }
        };
        add("display title".to_owned(), self.display_title.as_ref());
        add("consent text".to_owned(), self.consent_text.as_ref());
        for domain in &self.domains {
            add(format!("domain {}", domain.id), domain.label.as_ref());
            add(
                format!("note of domain {}", domain.id),
                domain.note.as_ref(),
            );
        }
        add(
            "partial-domain note".to_owned(),
            self.scoring.partial_domain_note.as_ref(),
        );
        for screen in &self.scoring.screens {
            add(format!("screen {}", screen.id), screen.label.as_ref());
            add(
                format!("note of screen {}", screen.id),
                screen.note.as_ref(),
            );
        }
        for section in &self.sections {
            add(format!("section {}", section.id), Some(&section.title));
            add(
                format!("help of section {}", section.id),
                section.help.as_ref(),
            );
        }
        for q in &self.questions {
            add(format!("question {}", q.id), Some(&q.text));
            add(format!("help of {}", q.id), q.help.as_ref());
            add(format!("deviation of {}", q.id), q.deviation.as_ref());
            for (i, variant) in q.variants.iter().enumerate() {
                add(
                    format!("variant {} of {}", i + 1, q.id),
                    Some(&variant.text),
                );
            }
            for o in &q.options {
                add(format!("option {}.{}", q.id, o.id), Some(&o.text));
            }
        }
        for (i, source) in self.sources.iter().enumerate() {
            // A schema 1 name is one string, the same in every language.
            if self.schema >= 2 {
                add(format!("name of source {}", i + 1), Some(&source.name));
            }
            add(
                format!("figures of source {}", i + 1),
                source.figures.as_ref(),
            );
        }
        all
    }

    /// The screen with this id.
    pub fn screen(&self, id: &str) -> Option<&Screen> {
        self.scoring.screens.iter().find(|s| s.id == id)
    }
}

/// An indicator domain: a Delphi dimension or a protocol's own area.
#[derive(Debug, Clone)]
pub struct Domain {
    pub id: String,
    /// Its name for people (schema 2; schema 1 files have none).
    pub label: Option<Text>,
    /// How it relates to its source, when that needs saying.
    pub note: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Source {
    /// Localized in schema 2; a schema 1 name is the same in every language.
    pub name: Text,
    pub url: Option<String>,
    pub figures: Option<Text>,
}

/// The scoring model, as named in protocol files and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Why one strong or two medium items already give a possible concern:
    /// Qorgau's own rule, not ILO's (schema 2).
    pub partial_domain_note: Option<Text>,
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
    /// Its name for people (schema 2).
    pub label: Option<Text>,
    /// Where the cut-off comes from, or why it is Qorgau's own (schema 2).
    pub note: Option<Text>,
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

/// A question's kind, as named in protocol files and `protocol show`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, IntoStaticStr, Display, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
        self.into()
    }

    /// Whether an answer of this kind can fire an indicator.
    pub fn is_scorable(self) -> bool {
        matches!(
            self,
            Kind::YesNo | Kind::Observation | Kind::Single | Kind::Multi
        )
    }
}

/// An indicator's strength, as named in protocol files and `protocol show`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    Display,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Strength {
    Strong,
    Medium,
    Weak,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        self.into()
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
    /// This option means "not known": it counts as missing, like "unsure",
    /// and the generic "unsure" is not offered beside it.
    pub unknown: bool,
    /// The profile value it records, for a question with a `profile`.
    pub profile_value: Option<String>,
    /// HTCDS values it stands for when chosen.
    pub htcds: Vec<HtcdsTag>,
}

/// Who answers a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnsweredBy {
    /// The screened person is asked (or observed): "declined" is possible.
    #[default]
    Person,
    /// The worker answers about themselves or the setting: no "declined".
    Worker,
}

/// Another wording of a question, used when its condition holds (e.g. the
/// direction of travel).
#[derive(Debug, Clone)]
pub struct TextVariant {
    pub when: Condition,
    pub text: Text,
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
    pub answered_by: AnsweredBy,
    /// How and why this item departs from its source (e.g. another ILO/EC
    /// dimension or strength), shown when it fires.
    pub deviation: Option<Text>,
    /// Other wordings; the first whose condition holds replaces `text`.
    pub variants: Vec<TextVariant>,
    /// The case-profile field this question records.
    pub profile: Option<ProfileField>,
    /// HTCDS values this item stands for when it fires.
    pub htcds: Vec<HtcdsTag>,
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
        self.kind != Kind::Text && !self.options.iter().any(|o| o.unknown)
    }

    /// Whether "declined" is offered and accepted: only for what the person
    /// is asked, never for what the worker observes, nor for free text.
    pub fn offers_declined(&self) -> bool {
        !matches!(self.kind, Kind::Observation | Kind::Text)
            && self.answered_by == AnsweredBy::Person
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
    pub answers: super::answer::AnswerSet,
    pub band: Band,
    pub positive_domains: Option<Vec<String>>,
    pub fired: Option<Vec<String>>,
    /// Line of the case in its file, for messages.
    pub line: usize,
}
