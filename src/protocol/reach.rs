//! Skip-logic analysis: conditions that can never be true, and questions that
//! no answers can reach.
//!
//! Every question's answers fall into a few classes that a condition cannot
//! tell apart (for a number compared with 18: below, at, above), so checking
//! one representative answer per class, plus "no answer", is exact. The search
//! runs over the questions a condition depends on, directly or through their
//! own conditions; a question that is hidden under an assignment can only have
//! "no answer" there.

use chrono::{Days, NaiveDate};

use super::answer::Answer;
use super::expr::{Comparison, Condition, Operand};
use super::model::{Kind, Protocol, QuestionIdx};

/// Above this many combinations a condition is not analysed (none of the
/// shipped protocols comes near it; a file that does is still valid).
const MAX_COMBINATIONS: u64 = 100_000;

/// What a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Question(QuestionIdx),
    ChildWhen,
    Screen(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub target: Target,
    pub message: String,
}

/// Find every condition that can never be true and every unreachable question.
pub fn check(protocol: &Protocol) -> Vec<Problem> {
    let representatives = representatives(protocol);
    let mut problems = Vec::new();
    let mut seen = vec![false; protocol.questions.len()];
    for (index, question) in protocol.questions.iter().enumerate() {
        let Some(condition) = &question.show_if else {
            continue;
        };
        let Some(vars) = closure(protocol, condition, &representatives, &mut seen) else {
            continue;
        };
        if !satisfiable(protocol, condition, &vars, &representatives, false) {
            problems.push(Problem {
                target: Target::Question(index),
                message: format!(
                    "the condition for `{}` can never be true, whatever the answers: the question would never be asked",
                    question.id
                ),
            });
        } else if !satisfiable(protocol, condition, &vars, &representatives, true) {
            problems.push(Problem {
                target: Target::Question(index),
                message: format!(
                    "`{}` is unreachable: no answers make its condition true once the questions it depends on are themselves shown",
                    question.id
                ),
            });
        }
    }
    let mut whole_conditions: Vec<(Target, &Condition, String)> = Vec::new();
    if let Some(c) = &protocol.scoring.child_when {
        whole_conditions.push((Target::ChildWhen, c, "`child_when`".to_owned()));
    }
    for (i, screen) in protocol.scoring.screens.iter().enumerate() {
        if let Some(c) = &screen.when {
            whole_conditions.push((
                Target::Screen(i),
                c,
                format!("the `when` of screen `{}`", screen.id),
            ));
        }
    }
    for (target, condition, what) in whole_conditions {
        let Some(vars) = closure(protocol, condition, &representatives, &mut seen) else {
            continue;
        };
        if !satisfiable(protocol, condition, &vars, &representatives, true) {
            problems.push(Problem {
                target,
                message: format!("{what} can never be true, whatever the answers"),
            });
        }
    }
    problems
}

/// The questions a condition depends on, directly or through their
/// conditions, in order; `None` when they have too many combinations of
/// answers to analyse (or a question that cannot be analysed), which is found
/// after at most a few dozen questions, so a long chain costs little.
/// `seen` is scratch space of one flag per question, all false on entry and exit.
fn closure(
    protocol: &Protocol,
    condition: &Condition,
    representatives: &[Option<Vec<Answer>>],
    seen: &mut [bool],
) -> Option<Vec<QuestionIdx>> {
    let mut pending = Vec::new();
    condition.questions(&mut pending);
    let mut vars: Vec<QuestionIdx> = Vec::new();
    let mut combinations = 1u64;
    let mut analysable = true;
    while let Some(q) = pending.pop() {
        if seen[q] {
            continue;
        }
        seen[q] = true;
        vars.push(q);
        let classes = representatives[q].as_ref().map(|r| r.len() as u64 + 1);
        match classes.and_then(|n| combinations.checked_mul(n)) {
            Some(c) if c <= MAX_COMBINATIONS => combinations = c,
            _ => {
                analysable = false;
                break;
            }
        }
        if let Some(c) = &protocol.questions[q].show_if {
            c.questions(&mut pending);
        }
    }
    for &q in &vars {
        seen[q] = false;
    }
    if !analysable {
        return None;
    }
    vars.sort_unstable();
    Some(vars)
}

fn satisfiable(
    protocol: &Protocol,
    condition: &Condition,
    vars: &[QuestionIdx],
    representatives: &[Option<Vec<Answer>>],
    respect_visibility: bool,
) -> bool {
    let mut assignment: Vec<Option<&Answer>> = vec![None; protocol.questions.len()];
    search(
        protocol,
        condition,
        vars,
        representatives,
        respect_visibility,
        &mut assignment,
    )
}

fn search<'a>(
    protocol: &Protocol,
    condition: &Condition,
    vars: &[QuestionIdx],
    representatives: &'a [Option<Vec<Answer>>],
    respect_visibility: bool,
    assignment: &mut Vec<Option<&'a Answer>>,
) -> bool {
    let Some((&var, rest)) = vars.split_first() else {
        return condition.eval(&|q| assignment[q]);
    };
    // "No answer" is always possible: nothing is ever required.
    assignment[var] = None;
    if search(
        protocol,
        condition,
        rest,
        representatives,
        respect_visibility,
        assignment,
    ) {
        return true;
    }
    let shown = !respect_visibility
        || protocol.questions[var]
            .show_if
            .as_ref()
            .is_none_or(|c| c.eval(&|q| assignment[q]));
    if shown {
        for answer in representatives[var].iter().flatten() {
            assignment[var] = Some(answer);
            if search(
                protocol,
                condition,
                rest,
                representatives,
                respect_visibility,
                assignment,
            ) {
                assignment[var] = None;
                return true;
            }
        }
    }
    assignment[var] = None;
    false
}

/// The answers besides the question's own that it accepts: unsure, declined.
fn generic_answers(question: &super::model::Question) -> Vec<Answer> {
    let mut answers = Vec::new();
    if question.offers_unsure() {
        answers.push(Answer::Unsure);
    }
    if question.offers_declined() {
        answers.push(Answer::Declined);
    }
    answers
}

/// Above this many options of one `multi` question named in conditions, the
/// subsets are too many to enumerate: conditions on it are not analysed.
const MAX_NAMED_OPTIONS: usize = 12;

/// One answer per class of answers that the protocol's conditions can tell
/// apart; `None` for a question with too many classes to enumerate.
fn representatives(protocol: &Protocol) -> Vec<Option<Vec<Answer>>> {
    let mut comparisons: Vec<&Comparison> = Vec::new();
    for question in &protocol.questions {
        if let Some(c) = &question.show_if {
            c.comparisons(&mut comparisons);
        }
    }
    if let Some(c) = &protocol.scoring.child_when {
        c.comparisons(&mut comparisons);
    }
    for screen in &protocol.scoring.screens {
        if let Some(c) = &screen.when {
            c.comparisons(&mut comparisons);
        }
    }
    protocol
        .questions
        .iter()
        .enumerate()
        .map(|(index, question)| {
            let operands: Vec<&Operand> = comparisons
                .iter()
                .filter(|c| c.question == index)
                .map(|c| &c.operand)
                .collect();
            let generic = generic_answers(question);
            Some(match question.kind {
                Kind::YesNo | Kind::Observation => [Answer::Yes, Answer::No]
                    .into_iter()
                    .chain(generic)
                    .collect(),
                Kind::Single => (0..question.options.len())
                    .map(Answer::Choice)
                    .chain(generic)
                    .collect(),
                Kind::Multi => {
                    let mut named: Vec<usize> = operands
                        .iter()
                        .filter_map(|o| match o {
                            Operand::Option(i) => Some(*i),
                            _ => None,
                        })
                        .collect();
                    named.sort_unstable();
                    named.dedup();
                    if named.len() > MAX_NAMED_OPTIONS {
                        return None;
                    }
                    let mut answers: Vec<Answer> = (0u64..(1 << named.len()))
                        .map(|subset| {
                            Answer::Choices(named.iter().enumerate().fold(
                                0u64,
                                |mask, (bit, &option)| {
                                    if subset & (1 << bit) != 0 {
                                        mask | (1 << option)
                                    } else {
                                        mask
                                    }
                                },
                            ))
                        })
                        .collect();
                    answers.extend(generic);
                    answers
                }
                Kind::Number => {
                    let mut points: Vec<f64> = operands
                        .iter()
                        .filter_map(|o| match o {
                            Operand::Number(n) => Some(*n),
                            _ => None,
                        })
                        .collect();
                    points.extend(question.min);
                    points.extend(question.max);
                    points.sort_by(f64::total_cmp);
                    points.dedup();
                    let mut values = points.clone();
                    values.extend(points.windows(2).map(|w| (w[0] + w[1]) / 2.0));
                    if let (Some(first), Some(last)) = (points.first(), points.last()) {
                        values.extend([first - 1.0, last + 1.0]);
                    } else {
                        values.push(0.0);
                    }
                    values.retain(|v| {
                        question.min.is_none_or(|min| *v >= min)
                            && question.max.is_none_or(|max| *v <= max)
                    });
                    values
                        .into_iter()
                        .map(Answer::Number)
                        .chain(generic)
                        .collect()
                }
                Kind::Date => {
                    let mut dates: Vec<NaiveDate> = operands
                        .iter()
                        .filter_map(|o| match o {
                            Operand::Date(d) => Some(*d),
                            _ => None,
                        })
                        .collect();
                    let around: Vec<NaiveDate> = dates
                        .iter()
                        .flat_map(|d| {
                            [
                                d.checked_sub_days(Days::new(1)),
                                d.checked_add_days(Days::new(1)),
                            ]
                        })
                        .flatten()
                        .collect();
                    dates.extend(around);
                    if dates.is_empty() {
                        dates.extend(NaiveDate::from_ymd_opt(2000, 1, 1));
                    }
                    dates.into_iter().map(Answer::Date).chain(generic).collect()
                }
                Kind::Text => operands
                    .iter()
                    .filter_map(|o| match o {
                        Operand::Text(t) => Some(Answer::Text(t.clone())),
                        _ => None,
                    })
                    .chain([Answer::Text("\u{0}another text".to_owned())])
                    .collect(),
            })
        })
        .collect()
}
