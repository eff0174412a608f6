//! Skip logic: which questions an answer set leaves visible.

use super::answer::{Answer, AnswerSet};
use crate::protocol::Protocol;

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
