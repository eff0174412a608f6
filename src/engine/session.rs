//! The walk through a protocol: the current question, answering, skipping,
//! going back, and finishing. The same walk serves the terminal prompts and
//! answers files.

use super::scoring::{score, Outcome};
use super::visibility::visible_questions;
use crate::protocol::answer::{validate_answer, Answer, AnswerError, AnswerInput, AnswerSet};
use crate::protocol::{Protocol, Question, QuestionIdx};

/// What the worker did at a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// An answer, checked through the one validation path.
    Answer(AnswerInput),
    /// Left without an answer (never counted as "no").
    Skip,
}

/// Why a step was refused; the session is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error("the screening is finished: there is no question to answer")]
    Finished,
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

/// Where the walk stands: "question `position` of `total`".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// 1-based position of the current question among the visible ones.
    pub position: usize,
    /// How many questions the answers so far leave visible.
    pub total: usize,
}

/// A screening in progress over one protocol.
#[derive(Debug, Clone)]
pub struct Session<'p> {
    protocol: &'p Protocol,
    answers: AnswerSet,
    /// The current question, or `None` when the walk is finished.
    current: Option<QuestionIdx>,
    /// The questions passed, most recent last, for `back`.
    history: Vec<QuestionIdx>,
}

impl<'p> Session<'p> {
    /// Start at the first visible question.
    pub fn new(protocol: &'p Protocol) -> Self {
        let answers = AnswerSet::for_protocol(protocol);
        let mut session = Session {
            protocol,
            answers,
            current: None,
            history: Vec::new(),
        };
        session.current = session.next_visible_from(0);
        session
    }

    /// Continue a saved walk: `answers` as saved, at the question `current`
    /// (or the next visible question after it if it is hidden now).
    pub fn restore(
        protocol: &'p Protocol,
        answers: AnswerSet,
        history: Vec<QuestionIdx>,
        current: Option<QuestionIdx>,
    ) -> Self {
        let mut session = Session {
            protocol,
            answers,
            current: None,
            history,
        };
        session
            .history
            .retain(|&q| q < session.protocol.questions.len());
        let start = current.unwrap_or(session.protocol.questions.len());
        session.current = session.next_visible_from(start);
        session
    }

    pub fn protocol(&self) -> &'p Protocol {
        self.protocol
    }

    pub fn answers(&self) -> &AnswerSet {
        &self.answers
    }

    /// The questions passed so far, most recent last.
    pub fn history(&self) -> &[QuestionIdx] {
        &self.history
    }

    /// The question to ask now, or `None` when finished.
    pub fn current(&self) -> Option<(QuestionIdx, &'p Question)> {
        self.current.map(|q| (q, &self.protocol.questions[q]))
    }

    /// The answer already given to the current question (after `back`).
    pub fn current_answer(&self) -> Option<&Answer> {
        self.current.and_then(|q| self.answers.get(q))
    }

    pub fn is_finished(&self) -> bool {
        self.current.is_none()
    }

    /// "Question 7 of 23", counting only what skip logic leaves visible.
    pub fn progress(&self) -> Progress {
        let visible = visible_questions(self.protocol, &self.answers);
        let total = visible.iter().filter(|&&v| v).count();
        let position = match self.current {
            Some(q) => visible[..q].iter().filter(|&&v| v).count() + 1,
            None => total,
        };
        Progress { position, total }
    }

    /// Answer or skip the current question and move to the next visible one.
    pub fn step(&mut self, step: Step) -> Result<(), SessionError> {
        let (index, question) = self.current().ok_or(SessionError::Finished)?;
        let answer = match step {
            Step::Answer(input) => Some(validate_answer(question, input)?),
            Step::Skip => None,
        };
        self.answers.set(index, answer);
        self.history.push(index);
        self.current = self.next_visible_from(index + 1);
        Ok(())
    }

    /// Go back to the previous question (its answer is kept as the default).
    /// Returns false at the first question.
    pub fn back(&mut self) -> bool {
        let visible = visible_questions(self.protocol, &self.answers);
        while let Some(previous) = self.history.pop() {
            if visible[previous] {
                self.current = Some(previous);
                return true;
            }
        }
        false
    }

    /// Jump to a visible question (from the review, to change an answer);
    /// the walk then goes on from there. Returns false if it is hidden.
    pub fn go_to(&mut self, question: QuestionIdx) -> bool {
        let visible = visible_questions(self.protocol, &self.answers);
        if !visible.get(question).copied().unwrap_or(false) {
            return false;
        }
        // The path to it is the visible questions before it, so that back
        // from there goes to the question before it, as in a walk.
        self.history = (0..question).filter(|&q| visible[q]).collect();
        self.current = Some(question);
        true
    }

    /// Leave every question behind (back to the review after a change):
    /// the path is every visible question, so back from the review goes to
    /// the last of them.
    pub fn go_to_end(&mut self) {
        let visible = visible_questions(self.protocol, &self.answers);
        self.history = (0..self.protocol.questions.len())
            .filter(|&q| visible[q])
            .collect();
        self.current = None;
    }

    /// Score what was answered; answers to hidden questions are ignored.
    pub fn outcome(&self) -> Outcome {
        score(self.protocol, &self.answers)
    }

    fn next_visible_from(&self, start: QuestionIdx) -> Option<QuestionIdx> {
        let visible = visible_questions(self.protocol, &self.answers);
        (start..self.protocol.questions.len()).find(|&q| visible[q])
    }
}
