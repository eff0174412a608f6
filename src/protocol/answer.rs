//! Answers to a protocol's questions: the one validation path for typed and
//! scripted answers, and the set of answers a walk or a file gives. They
//! belong to the protocol layer because they are checked against its
//! questions, and conditions and golden cases are written in them.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use crate::diagnostic::Diagnostic;

use super::model::{Kind, Protocol, Question, QuestionIdx};

/// An answer that fits its question. Only [`validate_answer`] builds these
/// from user input, so a stored answer always fits.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Yes,
    No,
    Unsure,
    Declined,
    /// The index of the chosen option of a `single` question.
    Choice(usize),
    /// A bit per chosen option of a `multi` question (at most 64 options).
    Choices(u64),
    Number(f64),
    Date(NaiveDate),
    Text(String),
}

impl Answer {
    /// Whether this answer fires the question's indicator.
    pub fn fires(&self, question: &Question) -> bool {
        match self {
            Answer::Yes => true,
            Answer::Choice(index) => question.options.get(*index).is_some_and(|o| o.fires),
            Answer::Choices(mask) => question
                .options
                .iter()
                .enumerate()
                .any(|(i, o)| o.fires && mask & (1u64 << i) != 0),
            _ => false,
        }
    }

    /// Whether this answer leaves the item without information
    /// (never a "no": it counts toward "incomplete").
    pub fn is_uninformative(&self) -> bool {
        matches!(self, Answer::Unsure | Answer::Declined)
    }

    /// Whether this answer to `question` leaves it without information:
    /// unsure, declined, or the question's own "not known" option.
    pub fn is_missing_for(&self, question: &Question) -> bool {
        match self {
            Answer::Choice(index) => question.options.get(*index).is_some_and(|o| o.unknown),
            other => other.is_uninformative(),
        }
    }

    /// The answer as it is written in an answers file.
    pub fn to_toml(&self, question: &Question) -> toml::Value {
        match self {
            Answer::Yes => "yes".into(),
            Answer::No => "no".into(),
            Answer::Unsure => "unsure".into(),
            Answer::Declined => "declined".into(),
            Answer::Choice(i) => question.options[*i].id.clone().into(),
            Answer::Choices(mask) => toml::Value::Array(
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1u64 << i) != 0)
                    .map(|(_, o)| toml::Value::from(o.id.clone()))
                    .collect(),
            ),
            Answer::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    toml::Value::Integer(*n as i64)
                } else {
                    toml::Value::Float(*n)
                }
            }
            Answer::Date(d) => d.format("%Y-%m-%d").to_string().into(),
            Answer::Text(t) => t.clone().into(),
        }
    }
}

/// Raw input for one answer: a value from an answers file, or what was typed.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerInput {
    Text(String),
    Number(f64),
    List(Vec<String>),
    Date(NaiveDate),
}

/// Why an input does not fit its question.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnswerError {
    #[error("the answer to `{question}` has {chars} characters; at most {MAX_TEXT_CHARS} are kept: shorten it (a note is a few sentences, not a document)")]
    TextTooLong { question: String, chars: usize },
    #[error("`{value}` is not an answer to `{question}`: use yes, no, unsure or declined")]
    NotYesNo { question: String, value: String },
    #[error("`{value}` is not an answer to the observation `{question}`: use yes (observed), no or unsure")]
    NotObservation { question: String, value: String },
    #[error(
        "`{value}` is not an option of `{question}`: use one of {options}, or unsure or declined"
    )]
    UnknownOption {
        question: String,
        value: String,
        options: String,
    },
    #[error("`{question}` takes one option; give a single option id, not a list")]
    OneOptionOnly { question: String },
    #[error("option `{value}` is given twice for `{question}`")]
    RepeatedOption { question: String, value: String },
    #[error("`{value}` is not a number; `{question}` takes a number{range}")]
    NotNumber {
        question: String,
        value: String,
        range: String,
    },
    #[error("{value} is out of range for `{question}`: give a number{range}")]
    OutOfRange {
        question: String,
        value: f64,
        range: String,
    },
    #[error("`{value}` is not a date; `{question}` takes a date written YYYY-MM-DD")]
    NotDate { question: String, value: String },
    #[error("`{question}` takes free text in quotes")]
    NotText { question: String },
    #[error("`{question}` does not take `{value}`: {hint}")]
    NotOffered {
        question: String,
        value: String,
        hint: String,
    },
}

fn range_hint(question: &Question) -> String {
    match (question.min, question.max) {
        (Some(min), Some(max)) => format!(" from {min} to {max}"),
        (Some(min), None) => format!(" of at least {min}"),
        (None, Some(max)) => format!(" of at most {max}"),
        (None, None) => String::new(),
    }
}

fn option_list(question: &Question) -> String {
    question
        .options
        .iter()
        .map(|o| o.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(input: &AnswerInput) -> String {
    match input {
        AnswerInput::Text(t) => t.clone(),
        AnswerInput::Number(n) => n.to_string(),
        AnswerInput::List(items) => format!("[{}]", items.join(", ")),
        AnswerInput::Date(d) => d.to_string(),
    }
}

/// Check one input against its question: the only way user input becomes an [`Answer`].
pub fn validate_answer(question: &Question, input: AnswerInput) -> Result<Answer, AnswerError> {
    let qid = || question.id.clone();
    // Free text is taken as written: "unsure" there is just a word.
    if question.kind != Kind::Text {
        if let AnswerInput::Text(text) = &input {
            match text.trim() {
                "unsure" if question.offers_unsure() => return Ok(Answer::Unsure),
                "unsure" => {
                    let own = question
                        .options
                        .iter()
                        .find(|o| o.unknown)
                        .map_or("unknown", |o| o.id.as_str());
                    return Err(AnswerError::NotOffered {
                        question: qid(),
                        value: "unsure".to_owned(),
                        hint: format!("it has its own option for \"not known\": use `{own}`"),
                    });
                }
                "declined" if question.offers_declined() => return Ok(Answer::Declined),
                "declined" if question.kind != Kind::Observation => {
                    return Err(AnswerError::NotOffered {
                        question: qid(),
                        value: "declined".to_owned(),
                        hint: "the worker answers it about their own setting, so it cannot be declined; answer it, use unsure, or leave it out".to_owned(),
                    })
                }
                _ => {}
            }
        }
    }
    match question.kind {
        Kind::YesNo | Kind::Observation => {
            let value = match &input {
                AnswerInput::Text(t) => t.trim(),
                _ => "",
            };
            match value {
                "yes" => Ok(Answer::Yes),
                "no" => Ok(Answer::No),
                _ if question.kind == Kind::Observation => Err(AnswerError::NotObservation {
                    question: qid(),
                    value: describe(&input),
                }),
                _ => Err(AnswerError::NotYesNo {
                    question: qid(),
                    value: describe(&input),
                }),
            }
        }
        Kind::Single => match &input {
            AnswerInput::Text(t) => question
                .option_index(t.trim())
                .map(Answer::Choice)
                .ok_or_else(|| AnswerError::UnknownOption {
                    question: qid(),
                    value: t.clone(),
                    options: option_list(question),
                }),
            AnswerInput::List(_) => Err(AnswerError::OneOptionOnly { question: qid() }),
            other => Err(AnswerError::UnknownOption {
                question: qid(),
                value: describe(other),
                options: option_list(question),
            }),
        },
        Kind::Multi => {
            let items: Vec<String> = match input {
                AnswerInput::Text(t) => vec![t],
                AnswerInput::List(items) => items,
                other => {
                    return Err(AnswerError::UnknownOption {
                        question: qid(),
                        value: describe(&other),
                        options: option_list(question),
                    })
                }
            };
            let mut mask = 0u64;
            for item in items {
                let index = question.option_index(item.trim()).ok_or_else(|| {
                    AnswerError::UnknownOption {
                        question: qid(),
                        value: item.clone(),
                        options: option_list(question),
                    }
                })?;
                if mask & (1u64 << index) != 0 {
                    return Err(AnswerError::RepeatedOption {
                        question: qid(),
                        value: item,
                    });
                }
                mask |= 1u64 << index;
            }
            Ok(Answer::Choices(mask))
        }
        Kind::Number => {
            let value = match &input {
                AnswerInput::Number(n) => *n,
                AnswerInput::Text(t) => {
                    t.trim().replace(',', ".").parse::<f64>().map_err(|_| {
                        AnswerError::NotNumber {
                            question: qid(),
                            value: t.clone(),
                            range: range_hint(question),
                        }
                    })?
                }
                other => {
                    return Err(AnswerError::NotNumber {
                        question: qid(),
                        value: describe(other),
                        range: range_hint(question),
                    })
                }
            };
            let below = question.min.is_some_and(|min| value < min);
            let above = question.max.is_some_and(|max| value > max);
            if !value.is_finite() || below || above {
                return Err(AnswerError::OutOfRange {
                    question: qid(),
                    value,
                    range: range_hint(question),
                });
            }
            Ok(Answer::Number(value))
        }
        Kind::Date => match &input {
            AnswerInput::Date(d) => Ok(Answer::Date(*d)),
            AnswerInput::Text(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                .map(Answer::Date)
                .map_err(|_| AnswerError::NotDate {
                    question: qid(),
                    value: t.clone(),
                }),
            other => Err(AnswerError::NotDate {
                question: qid(),
                value: describe(other),
            }),
        },
        Kind::Text => match input {
            AnswerInput::Text(t) if t.chars().count() > MAX_TEXT_CHARS => {
                Err(AnswerError::TextTooLong {
                    question: qid(),
                    chars: t.chars().count(),
                })
            }
            AnswerInput::Text(t) => Ok(Answer::Text(t)),
            _ => Err(AnswerError::NotText { question: qid() }),
        },
    }
}

/// The longest free-text answer, in characters: about two pages, far more
/// than a note needs, and small enough that saving, showing and wrapping it
/// stay instant (reliability review P4).
pub const MAX_TEXT_CHARS: usize = 4000;

/// The answers given so far, one slot per question of a protocol.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerSet {
    values: Vec<Option<Answer>>,
}

impl AnswerSet {
    /// An empty set for a protocol with `len` questions.
    pub fn new(len: usize) -> Self {
        AnswerSet {
            values: vec![None; len],
        }
    }

    /// An empty set sized for `protocol`.
    pub fn for_protocol(protocol: &Protocol) -> Self {
        Self::new(protocol.questions.len())
    }

    pub fn get(&self, question: QuestionIdx) -> Option<&Answer> {
        self.values.get(question).and_then(Option::as_ref)
    }

    pub fn set(&mut self, question: QuestionIdx, answer: Option<Answer>) {
        if question >= self.values.len() {
            self.values.resize(question + 1, None);
        }
        self.values[question] = answer;
    }

    /// `(question, answer)` for every question that has one, in protocol order.
    pub fn iter(&self) -> impl Iterator<Item = (QuestionIdx, &Answer)> {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.as_ref().map(|a| (i, a)))
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none)
    }
}

/// Turn a TOML value into answer input; `None` for a value no answer can be.
pub fn input_from_toml(value: &toml::Value) -> Option<AnswerInput> {
    match value {
        toml::Value::String(s) => Some(AnswerInput::Text(s.clone())),
        toml::Value::Integer(i) => Some(AnswerInput::Number(*i as f64)),
        toml::Value::Float(f) => Some(AnswerInput::Number(*f)),
        toml::Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(AnswerInput::List),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            dt.date.and_then(|d| {
                chrono::NaiveDate::from_ymd_opt(
                    i32::from(d.year),
                    u32::from(d.month),
                    u32::from(d.day),
                )
                .map(AnswerInput::Date)
            })
        }
        _ => None,
    }
}

/// Check `(question id, value)` pairs against a protocol, reporting every
/// problem at its location. Shared by answers files and golden cases.
pub fn answers_from_entries<'a>(
    protocol: &Protocol,
    entries: impl IntoIterator<Item = (&'a Spanned<String>, &'a Spanned<toml::Value>)>,
    locate: &dyn Fn(&Range<usize>, String) -> Diagnostic,
) -> Result<AnswerSet, Vec<Diagnostic>> {
    let mut answers = AnswerSet::for_protocol(protocol);
    let mut problems = Vec::new();
    for (id, value) in entries {
        let Some((index, question)) = protocol.question_by_id(id.get_ref()) else {
            problems.push(locate(
                &id.span(),
                format!(
                    "`{}` is not a question of {}: check the id against the protocol's questions",
                    id.get_ref(),
                    protocol.reference(),
                ),
            ));
            continue;
        };
        let Some(input) = input_from_toml(value.get_ref()) else {
            problems.push(locate(
                &value.span(),
                format!(
                    "the answer to `{}` must be a string, a number, a date or a list of option ids",
                    question.id
                ),
            ));
            continue;
        };
        match validate_answer(question, input) {
            Ok(answer) => answers.set(index, Some(answer)),
            Err(error) => problems.push(locate(&value.span(), error.to_string())),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}
