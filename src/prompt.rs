//! How the walk asks things: a [`Prompter`] is handed to the library, as the
//! age crate hands it `Callbacks`. The walk builds a whole [`Screen`] (header,
//! text, numbered answers, which keys apply) and the prompter gives back one
//! [`Action`]. The binary draws screens full-screen in the terminal;
//! [`ScriptedPrompter`] answers them from an answers file (and in tests). The
//! walk is one engine path for both.

use std::collections::BTreeMap;

use crate::answers_file::AnswersFile;
use crate::engine::AnswerInput;
use crate::protocol::Protocol;
use crate::record::{Consent, Referral, StoredAnswer};

/// What a screen asks, so a script (and a test) can answer it by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A protocol question, by id.
    Question(String),
    /// What the person agreed to.
    Consent,
    /// The red-flag card: continue, or stop now and save.
    RedFlag,
    /// Every answer, to finish or to change one.
    Review,
    /// The result, in pages.
    Result,
    /// Whom the person is referred to.
    ReferralTo,
    /// What the person decides about the referral.
    ReferralStatus,
    /// Why (optional free text).
    ReferralReason,
}

/// A piece of text on a screen; the terminal wraps it to its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Ordinary text.
    Text(String),
    /// Text that must stand out (the band, a warning).
    Strong(String),
    /// Secondary text (section notes, hints).
    Quiet(String),
    /// A list item: its marker (`1.`, `102`, `-`) and its text, which wraps
    /// with a hanging indent under the text.
    Item { marker: String, text: String },
    /// An empty line.
    Gap,
}

impl Block {
    /// The block's words, for scripts, logs of tests and plain output.
    pub fn plain(&self) -> String {
        match self {
            Block::Text(t) | Block::Strong(t) | Block::Quiet(t) => t.clone(),
            Block::Item { marker, text } => format!("  {marker} {text}"),
            Block::Gap => String::new(),
        }
    }
}

/// The top line: a neutral title, where the walk is, and how far along.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    pub title: String,
    pub section: Option<String>,
    /// "position/total", counted over the questions that apply now.
    pub progress: Option<(usize, usize)>,
}

/// One answer or action in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Stable id a script picks by: an option id, `yes`, `unsure`, a
    /// question id in the review, a contact id …
    pub id: String,
    pub label: String,
    /// The number typed to pick it (shown before the label).
    pub number: Option<usize>,
    /// A letter that also picks it (`y`, `n`).
    pub letter: Option<char>,
    /// In a list of several: marking it clears the others (none of these,
    /// not sure, declined, not referred yet).
    pub exclusive: bool,
    /// Shown after the label, e.g. the answer given, in the review.
    pub detail: Option<String>,
}

impl Choice {
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Choice {
            id: id.into(),
            label: label.into(),
            number: None,
            letter: None,
            exclusive: false,
            detail: None,
        }
    }

    pub fn numbered(mut self, number: usize) -> Self {
        self.number = Some(number);
        self
    }

    pub fn letter(mut self, letter: char) -> Self {
        self.letter = Some(letter);
        self
    }

    pub fn exclusive(mut self) -> Self {
        self.exclusive = true;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// What kind of line is typed (the terminal helps with the keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Number,
    Date,
    Text,
}

/// One page of a paged screen (the result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// How the screen is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Pick one. `selected` is the answer given before (after back or a
    /// change); on a new question nothing is selected and Enter alone does
    /// nothing.
    One {
        choices: Vec<Choice>,
        selected: Option<usize>,
    },
    /// Mark several; nothing marked is not an answer (mark "none of these").
    Many {
        choices: Vec<Choice>,
        checked: Vec<bool>,
    },
    /// Type a line; empty skips. `error` says why the last one did not fit.
    /// `choices` are answers offered beside the field ("not known",
    /// "declined"), picked with [`Action::Choose`]; `selected` is the one
    /// given before, if any.
    Line {
        kind: LineKind,
        initial: String,
        error: Option<String>,
        choices: Vec<Choice>,
        selected: Option<usize>,
    },
    /// Read pages, then go on.
    Pages { pages: Vec<Page> },
}

/// Everything one screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub ask: Ask,
    pub header: Header,
    /// Shown above the question: a section's introduction, the safety
    /// gate's notice, a change in the number of questions, an error.
    pub notes: Vec<Block>,
    /// The question (or the card's text).
    pub text: Vec<Block>,
    pub input: Input,
    /// Help for `?`; `None` where there is none, and then `?` is not offered.
    pub help: Option<Vec<Block>>,
    /// Whether ← goes back (not on the first question).
    pub back: bool,
    /// Whether → leaves the question without an answer.
    pub skip: bool,
}

impl Screen {
    /// Every word on the screen, one block a line (scripts and tests).
    pub fn plain(&self) -> String {
        let mut lines = vec![self.header.title.clone()];
        lines.extend(self.header.section.clone());
        for block in self.notes.iter().chain(&self.text) {
            lines.push(block.plain());
        }
        match &self.input {
            Input::One { choices, .. } | Input::Many { choices, .. } => {
                for choice in choices {
                    lines.push(choice.label.clone());
                }
            }
            Input::Line { error, choices, .. } => {
                lines.extend(error.clone());
                lines.extend(choices.iter().map(|c| c.label.clone()));
            }
            Input::Pages { pages } => {
                for page in pages {
                    lines.push(page.title.clone());
                    lines.extend(page.blocks.iter().map(Block::plain));
                }
            }
        }
        lines.join("\n")
    }

    /// The index of the choice with this id.
    pub fn choice(&self, id: &str) -> Option<usize> {
        match &self.input {
            Input::One { choices, .. }
            | Input::Many { choices, .. }
            | Input::Line { choices, .. } => choices.iter().position(|c| c.id == id),
            Input::Pages { .. } => None,
        }
    }
}

/// What the worker did on a screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Picked the choice at this index (of [`Input::One`]).
    Choose(usize),
    /// Marked these choices (of [`Input::Many`]).
    Mark(Vec<usize>),
    /// Typed this line (of [`Input::Line`]); empty skips.
    Type(String),
    /// An answer given as data (answers files), checked like any other.
    Give(AnswerInput),
    /// Left the question without an answer.
    Skip,
    /// Back to the previous question (from the result: to the review).
    Back,
    /// Went on (from [`Input::Pages`]).
    Next,
}

/// Why a screen was left without an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupt {
    /// The quick-exit key: leave at once, keeping the draft.
    QuickExit,
    /// There is no terminal to ask on (a value, never a panic).
    NoTerminal,
}

/// A prompter's answer to one screen.
pub type Reply = Result<Action, Interrupt>;

/// The capability to show a screen and get the worker's action.
pub trait Prompter {
    fn ask(&mut self, screen: &Screen) -> Reply;
}

/// Ids of the choices the walk adds that are not answers.
pub mod nav {
    pub const NONE: &str = ":none";
    pub const CONTINUE: &str = ":continue";
    pub const STOP: &str = ":stop";
    pub const FINISH: &str = ":finish";
    pub const NOT_REFERRED: &str = ":not_referred";
}

/// Answers a walk from an answers file: every question from its value, or
/// skipped when the file has none; consent and referral from the file; the
/// red-flag card continues, the review finishes, the result goes on.
#[derive(Debug, Clone, Default)]
pub struct ScriptedPrompter {
    answers: BTreeMap<String, StoredAnswer>,
    consent: Option<Consent>,
    referral: Option<Referral>,
    /// Every screen shown, for tests.
    pub shown: Vec<Screen>,
}

impl ScriptedPrompter {
    /// A script from a checked answers file.
    pub fn from_answers_file(protocol: &Protocol, file: &AnswersFile) -> Self {
        ScriptedPrompter {
            answers: crate::record::store_answers(protocol, &file.answers),
            consent: file.consent,
            referral: file.referral.clone(),
            shown: Vec::new(),
        }
    }

    /// What was asked, in order (question ids, `consent`, `review` …).
    pub fn asked(&self) -> Vec<String> {
        self.shown
            .iter()
            .map(|s| match &s.ask {
                Ask::Question(id) => id.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn pick(screen: &Screen, id: &str) -> Reply {
        screen
            .choice(id)
            .map(Action::Choose)
            .ok_or(Interrupt::NoTerminal)
    }
}

impl Prompter for ScriptedPrompter {
    fn ask(&mut self, screen: &Screen) -> Reply {
        self.shown.push(screen.clone());
        match &screen.ask {
            Ask::Question(id) => Ok(match self.answers.get(id) {
                Some(answer) => Action::Give(answer.to_input()),
                None => Action::Skip,
            }),
            Ask::Consent => Self::pick(screen, self.consent.unwrap_or(Consent::Anonymous).as_str()),
            Ask::RedFlag => Self::pick(screen, nav::CONTINUE),
            Ask::Review => Self::pick(screen, nav::FINISH),
            Ask::Result => Ok(Action::Next),
            Ask::ReferralTo => {
                let to = self.referral.as_ref().map(|r| r.to.clone());
                let marked: Vec<usize> = to
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|id| screen.choice(id))
                    .collect();
                if marked.is_empty() {
                    Self::pick(screen, nav::NOT_REFERRED).map(|a| match a {
                        Action::Choose(i) => Action::Mark(vec![i]),
                        other => other,
                    })
                } else {
                    Ok(Action::Mark(marked))
                }
            }
            Ask::ReferralStatus => Self::pick(
                screen,
                self.referral
                    .as_ref()
                    .map_or("pending", |r| r.status.as_str()),
            ),
            Ask::ReferralReason => Ok(Action::Type(
                self.referral
                    .as_ref()
                    .and_then(|r| r.reason.clone())
                    .unwrap_or_default(),
            )),
        }
    }
}
