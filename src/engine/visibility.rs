//! Skip logic: which questions an answer set leaves visible.

use crate::lang::Text;
use crate::protocol::answer::{Answer, AnswerSet};
use crate::protocol::{Kind, Protocol, QuestionIdx};

/// For each question, whether it is asked given `answers`.
///
/// Conditions only name earlier questions, so one pass in order is enough; an
/// answer to a hidden question counts as no answer for the questions after it.
pub fn visible_questions(protocol: &Protocol, answers: &AnswerSet) -> Vec<bool> {
    let mut visible = vec![false; protocol.questions.len()];
    for (index, question) in protocol.questions.iter().enumerate() {
        visible[index] = match &question.show_if {
            None => true,
            Some(condition) => condition.eval(&|q| visible_answer(&visible, answers, q)),
        };
    }
    visible
}

/// The answer to `question` if it is visible.
pub fn visible_answer<'a>(
    visible: &[bool],
    answers: &'a AnswerSet,
    question: usize,
) -> Option<&'a Answer> {
    if visible.get(question).copied().unwrap_or(false) {
        answers.get(question)
    } else {
        None
    }
}

/// Where the safety gate stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateState {
    /// The protocol has no gate: the person can always be asked.
    NoGate,
    /// The gate is hidden by skip logic (e.g. a teacher, who only observes).
    NotShown,
    /// It is safe to talk.
    Open,
    /// Shown and not opened: `no`, `unsure`, `declined`, `skipped`, or the
    /// id of the gate option chosen (a schema 2 gate names its reasons).
    Closed(String),
}

/// The safety gate's state for these answers. A `yes_no` gate opens on
/// "yes"; a `single` gate on its option `yes`.
pub fn gate_state(protocol: &Protocol, visible: &[bool], answers: &AnswerSet) -> GateState {
    let Some(gate) = protocol.safety_gate else {
        return GateState::NoGate;
    };
    if !visible.get(gate).copied().unwrap_or(false) {
        return GateState::NotShown;
    }
    let question = &protocol.questions[gate];
    let reason = match answers.get(gate) {
        None => "skipped".to_owned(),
        Some(Answer::Yes) => return GateState::Open,
        Some(Answer::Choice(i)) if question.kind == Kind::Single => {
            match question.options.get(*i) {
                Some(option) if option.id == "yes" => return GateState::Open,
                Some(option) => option.id.clone(),
                None => "skipped".to_owned(),
            }
        }
        Some(Answer::No) => "no".to_owned(),
        Some(Answer::Declined) => "declined".to_owned(),
        Some(_) => "unsure".to_owned(),
    };
    GateState::Closed(reason)
}

/// The wording of a question for these answers: the first variant whose
/// condition holds (e.g. for the direction of travel), else its text.
pub fn question_text<'p>(
    protocol: &'p Protocol,
    question: QuestionIdx,
    answers: &AnswerSet,
) -> &'p Text {
    let q = &protocol.questions[question];
    if q.variants.is_empty() {
        return &q.text;
    }
    let visible = visible_questions(protocol, answers);
    q.variants
        .iter()
        .find(|v| v.when.eval(&|i| visible_answer(&visible, answers, i)))
        .map_or(&q.text, |v| &v.text)
}
