//! Conditions on earlier answers (`show_if`, `child_when`, a screen's `when`):
//! parsing, resolving against the protocol's questions, and evaluation.
//!
//! ```text
//! condition  := or
//! or         := and ( "or" and )*
//! and        := unary ( "and" unary )*
//! unary      := "not" unary | "(" condition ")" | comparison
//! comparison := question_id op literal
//! op         := "==" | "!=" | "<" | "<=" | ">" | ">="
//! literal    := "string" | number
//! ```

use std::fmt;

use chrono::NaiveDate;

use super::answer::Answer;
use super::model::{Kind, Question, QuestionIdx};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn is_ordering(self) -> bool {
        matches!(self, Op::Lt | Op::Le | Op::Gt | Op::Ge)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        })
    }
}

/// A literal as written, before it is checked against the question's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
}

/// A parsed but unresolved condition; offsets are byte offsets in the source.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Compare {
        ident: String,
        ident_at: usize,
        op: Op,
        literal: Literal,
        literal_at: usize,
    },
}

/// A problem in a condition, at a byte offset of the condition's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

impl ExprError {
    fn new(offset: usize, message: impl Into<String>) -> Self {
        ExprError {
            offset,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Op(Op),
    And,
    Or,
    Not,
    LParen,
    RParen,
}

fn lex(source: &str) -> Result<Vec<(Tok, usize)>, ExprError> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push((Tok::LParen, at));
            }
            ')' => {
                chars.next();
                tokens.push((Tok::RParen, at));
            }
            '"' => {
                chars.next();
                let mut value = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '"' {
                        closed = true;
                        break;
                    }
                    value.push(c);
                }
                if !closed {
                    return Err(ExprError::new(
                        at,
                        "a string is not closed: add the ending `\"`",
                    ));
                }
                tokens.push((Tok::Str(value), at));
            }
            '=' | '!' | '<' | '>' => {
                chars.next();
                let followed_by_eq = matches!(chars.peek(), Some(&(_, '=')));
                if followed_by_eq {
                    chars.next();
                }
                let op = match (c, followed_by_eq) {
                    ('=', true) => Op::Eq,
                    ('!', true) => Op::Ne,
                    ('<', false) => Op::Lt,
                    ('<', true) => Op::Le,
                    ('>', false) => Op::Gt,
                    ('>', true) => Op::Ge,
                    _ => {
                        return Err(ExprError::new(
                            at,
                            format!("`{c}` is not an operator: use ==, !=, <, <=, > or >="),
                        ))
                    }
                };
                tokens.push((Tok::Op(op), at));
            }
            c if c.is_ascii_digit() || c == '-' || c == '.' => {
                let mut text = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_ascii_digit() || c == '.' || (c == '-' && text.is_empty()) {
                        text.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let value: f64 = text
                    .parse()
                    .map_err(|_| ExprError::new(at, format!("`{text}` is not a number")))?;
                tokens.push((Tok::Num(value), at));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        word.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let token = match word.as_str() {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    _ => Tok::Ident(word),
                };
                tokens.push((token, at));
            }
            other => {
                return Err(ExprError::new(
                    at,
                    format!("unexpected `{other}` in a condition"),
                ))
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    pos: usize,
    end: usize,
    depth: usize,
}

/// Deeper nesting than this is refused: no real condition needs it, and
/// parsing and evaluating recurse.
const MAX_DEPTH: usize = 32;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |(_, at)| *at)
    }

    fn next(&mut self) -> Option<(Tok, usize)> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut terms = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            terms.push(self.and()?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Expr::Or(terms)
        })
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut terms = vec![self.unary()?];
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            terms.push(self.unary()?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Expr::And(terms)
        })
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        let at = self.offset();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(
                at,
                "the condition is nested too deeply: simplify it",
            ));
        }
        let result = self.unary_inner(at);
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self, at: usize) -> Result<Expr, ExprError> {
        match self.next() {
            Some((Tok::Not, _)) => Ok(Expr::Not(Box::new(self.unary()?))),
            Some((Tok::LParen, _)) => {
                let inner = self.or()?;
                match self.next() {
                    Some((Tok::RParen, _)) => Ok(inner),
                    _ => Err(ExprError::new(
                        at,
                        "a `(` is not closed: add the matching `)`",
                    )),
                }
            }
            Some((Tok::Ident(ident), ident_at)) => {
                let op_at = self.offset();
                let op = match self.next() {
                    Some((Tok::Op(op), _)) => op,
                    _ => {
                        return Err(ExprError::new(
                            op_at,
                            format!("expected ==, !=, <, <=, > or >= after `{ident}`"),
                        ))
                    }
                };
                let literal_at = self.offset();
                let literal = match self.next() {
                    Some((Tok::Str(s), _)) => Literal::Str(s),
                    Some((Tok::Num(n), _)) => Literal::Num(n),
                    _ => {
                        return Err(ExprError::new(
                            literal_at,
                            "expected a value: a \"string\" or a number",
                        ))
                    }
                };
                Ok(Expr::Compare {
                    ident,
                    ident_at,
                    op,
                    literal,
                    literal_at,
                })
            }
            _ => Err(ExprError::new(
                at,
                "expected a comparison such as `question_id == \"yes\"`, `not`, or `(`",
            )),
        }
    }
}

/// Parse a condition's text.
pub fn parse(source: &str) -> Result<Expr, ExprError> {
    let tokens = lex(source)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        end: source.len(),
        depth: 0,
    };
    let expr = parser.or()?;
    if parser.pos < parser.tokens.len() {
        return Err(ExprError::new(
            parser.offset(),
            "unexpected text after the condition: join conditions with `and` or `or`",
        ));
    }
    Ok(expr)
}

/// The four answers every yes/no and observation item knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Yes,
    No,
    Unsure,
    Declined,
}

impl Token {
    pub fn parse(s: &str) -> Option<Token> {
        match s {
            "yes" => Some(Token::Yes),
            "no" => Some(Token::No),
            "unsure" => Some(Token::Unsure),
            "declined" => Some(Token::Declined),
            _ => None,
        }
    }
}

/// A literal checked against the kind of the question it is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Token(Token),
    Option(usize),
    Number(f64),
    Date(NaiveDate),
    Text(String),
}

/// A resolved comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub question: QuestionIdx,
    pub op: Op,
    pub operand: Operand,
}

/// A condition whose every name and value was checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    Compare(Comparison),
}

/// What a condition may name: the questions before it.
pub trait Scope {
    /// The question with this id, if it may be named here.
    fn lookup(&self, id: &str) -> Result<(QuestionIdx, &Question), String>;
}

/// Check every name and value of a parsed condition.
pub fn resolve(expr: &Expr, scope: &dyn Scope) -> Result<Condition, ExprError> {
    Ok(match expr {
        Expr::Or(terms) => Condition::Or(
            terms
                .iter()
                .map(|t| resolve(t, scope))
                .collect::<Result<_, _>>()?,
        ),
        Expr::And(terms) => Condition::And(
            terms
                .iter()
                .map(|t| resolve(t, scope))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Not(inner) => Condition::Not(Box::new(resolve(inner, scope)?)),
        Expr::Compare {
            ident,
            ident_at,
            op,
            literal,
            literal_at,
        } => {
            let (question_idx, question) = scope
                .lookup(ident)
                .map_err(|message| ExprError::new(*ident_at, message))?;
            let operand = resolve_operand(question, *op, literal)
                .map_err(|message| ExprError::new(*literal_at, message))?;
            Condition::Compare(Comparison {
                question: question_idx,
                op: *op,
                operand,
            })
        }
    })
}

fn resolve_operand(question: &Question, op: Op, literal: &Literal) -> Result<Operand, String> {
    let operand = resolve_literal(question, op, literal)?;
    // A condition on an answer the question never takes could never be true.
    match operand {
        Operand::Token(Token::Unsure) if !question.offers_unsure() => Err(format!(
            "`{}` has its own option for \"not known\" and never takes \"unsure\": compare with that option",
            question.id
        )),
        Operand::Token(Token::Declined) if !question.offers_declined() => Err(format!(
            "`{}` is answered by the worker and never takes \"declined\"",
            question.id
        )),
        operand => Ok(operand),
    }
}

fn resolve_literal(question: &Question, op: Op, literal: &Literal) -> Result<Operand, String> {
    let id = &question.id;
    match question.kind {
        Kind::YesNo | Kind::Observation | Kind::Single | Kind::Multi if op.is_ordering() => Err(
            format!("`{id}` is a {} question: compare it with == or !=", question.kind),
        ),
        Kind::YesNo | Kind::Observation => match literal {
            Literal::Str(s) => match Token::parse(s) {
                Some(Token::Declined) if question.kind == Kind::Observation => Err(format!(
                    "`{id}` is an observation, which cannot be declined: use \"yes\", \"no\" or \"unsure\""
                )),
                Some(token) => Ok(Operand::Token(token)),
                None => Err(format!(
                    "`{s}` is not an answer to `{id}`: use \"yes\", \"no\", \"unsure\" or \"declined\""
                )),
            },
            Literal::Num(_) => Err(format!(
                "`{id}` is answered yes or no: compare it with \"yes\", \"no\", \"unsure\" or \"declined\""
            )),
        },
        Kind::Single | Kind::Multi => match literal {
            Literal::Str(s) => {
                if let Some(index) = question.option_index(s) {
                    Ok(Operand::Option(index))
                } else if let Some(token @ (Token::Unsure | Token::Declined)) = Token::parse(s) {
                    Ok(Operand::Token(token))
                } else {
                    let known: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
                    Err(format!(
                        "`{s}` is not an option of `{id}`: use one of {}",
                        known.join(", ")
                    ))
                }
            }
            Literal::Num(_) => Err(format!("`{id}` has options: compare it with an option id in quotes")),
        },
        Kind::Number => match literal {
            Literal::Num(n) => Ok(Operand::Number(*n)),
            Literal::Str(s) => match Token::parse(s) {
                Some(token @ (Token::Unsure | Token::Declined)) if !op.is_ordering() => {
                    Ok(Operand::Token(token))
                }
                _ => Err(format!("`{id}` is a number: compare it with a number, e.g. {id} < 18")),
            },
        },
        Kind::Date => match literal {
            Literal::Str(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Ok(date) => Ok(Operand::Date(date)),
                Err(_) => Err(format!("`{s}` is not a date: write it as \"YYYY-MM-DD\"")),
            },
            Literal::Num(_) => Err(format!("`{id}` is a date: compare it with \"YYYY-MM-DD\"")),
        },
        Kind::Text => match literal {
            Literal::Str(s) if !op.is_ordering() => Ok(Operand::Text(s.clone())),
            _ => Err(format!("`{id}` is free text: compare it with == or != and a \"string\"")),
        },
    }
}

impl Condition {
    /// Evaluate over the answers `answer_of` gives; `None` is "no answer",
    /// and any comparison with no answer is false.
    pub fn eval<'a>(&self, answer_of: &impl Fn(QuestionIdx) -> Option<&'a Answer>) -> bool {
        match self {
            Condition::Or(terms) => terms.iter().any(|t| t.eval(answer_of)),
            Condition::And(terms) => terms.iter().all(|t| t.eval(answer_of)),
            Condition::Not(inner) => !inner.eval(answer_of),
            Condition::Compare(cmp) => match answer_of(cmp.question) {
                None => false,
                Some(answer) => compare(answer, cmp.op, &cmp.operand),
            },
        }
    }

    /// Every question this condition names.
    pub fn questions(&self, out: &mut Vec<QuestionIdx>) {
        match self {
            Condition::Or(terms) | Condition::And(terms) => {
                terms.iter().for_each(|t| t.questions(out))
            }
            Condition::Not(inner) => inner.questions(out),
            Condition::Compare(cmp) => out.push(cmp.question),
        }
    }

    /// Every comparison in this condition.
    pub fn comparisons<'a>(&'a self, out: &mut Vec<&'a Comparison>) {
        match self {
            Condition::Or(terms) | Condition::And(terms) => {
                terms.iter().for_each(|t| t.comparisons(out))
            }
            Condition::Not(inner) => inner.comparisons(out),
            Condition::Compare(cmp) => out.push(cmp),
        }
    }
}

fn answer_token(answer: &Answer) -> Option<Token> {
    match answer {
        Answer::Yes => Some(Token::Yes),
        Answer::No => Some(Token::No),
        Answer::Unsure => Some(Token::Unsure),
        Answer::Declined => Some(Token::Declined),
        _ => None,
    }
}

fn compare(answer: &Answer, op: Op, operand: &Operand) -> bool {
    use std::cmp::Ordering;
    let ordering: Option<Ordering> = match (answer, operand) {
        (Answer::Number(a), Operand::Number(b)) => a.partial_cmp(b),
        (Answer::Date(a), Operand::Date(b)) => Some(a.cmp(b)),
        _ => None,
    };
    match op {
        Op::Eq | Op::Ne => {
            let equal = match operand {
                Operand::Token(token) => answer_token(answer) == Some(*token),
                Operand::Option(index) => match answer {
                    Answer::Choice(chosen) => chosen == index,
                    Answer::Choices(mask) => mask & (1u64 << index) != 0,
                    _ => false,
                },
                Operand::Text(text) => matches!(answer, Answer::Text(t) if t == text),
                Operand::Number(_) | Operand::Date(_) => ordering == Some(Ordering::Equal),
            };
            (op == Op::Eq) == equal
        }
        Op::Lt => ordering == Some(Ordering::Less),
        Op::Le => matches!(ordering, Some(Ordering::Less | Ordering::Equal)),
        Op::Gt => ordering == Some(Ordering::Greater),
        Op::Ge => matches!(ordering, Some(Ordering::Greater | Ordering::Equal)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_precedence_and_not() {
        let expr = parse(r#"a == "yes" or not b != "no" and c < 18"#).unwrap();
        match expr {
            Expr::Or(terms) => {
                assert_eq!(terms.len(), 2);
                assert!(matches!(&terms[1], Expr::And(inner) if inner.len() == 2));
            }
            other => panic!("expected or, got {other:?}"),
        }
    }

    #[test]
    fn reports_offsets() {
        let err = parse(r#"age < 18 and"#).unwrap_err();
        assert_eq!(err.offset, 12);
        let err = parse(r#"age = 18"#).unwrap_err();
        assert_eq!(err.offset, 4);
        let err = parse(r#"x == "open"#).unwrap_err();
        assert_eq!(err.offset, 5);
        let err = parse(r#"(x == "yes""#).unwrap_err();
        assert_eq!(err.offset, 0);
        let err = parse(r#"x == "yes" y == "no""#).unwrap_err();
        assert_eq!(err.offset, 11);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = format!("{}x == \"yes\"", "not ".repeat(100_000));
        assert!(parse(&deep)
            .unwrap_err()
            .message
            .contains("nested too deeply"));
        let parens = format!("{}x == \"yes\"{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&parens).is_err());
    }

    #[test]
    fn no_answer_makes_every_comparison_false() {
        let cmp = Condition::Compare(Comparison {
            question: 0,
            op: Op::Ne,
            operand: Operand::Token(Token::Yes),
        });
        assert!(!cmp.eval(&|_| None));
        assert!(Condition::Not(Box::new(cmp.clone())).eval(&|_| None));
        assert!(cmp.eval(&|_| Some(&Answer::Declined)));
    }

    #[test]
    fn multi_equality_means_chosen() {
        let cmp = Condition::Compare(Comparison {
            question: 0,
            op: Op::Eq,
            operand: Operand::Option(2),
        });
        assert!(cmp.eval(&|_| Some(&Answer::Choices(0b101))));
        assert!(!cmp.eval(&|_| Some(&Answer::Choices(0b011))));
    }
}
