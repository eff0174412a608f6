//! The walk a worker sees, one screen at a time: each question with its
//! header and progress, the safety gate and consent, the red-flag card, the
//! review (and a change from it), the result in pages, and the referral. It
//! talks only through a [`Prompter`], so the terminal and answers files take
//! the same path. Decisions are written in `docs/screening-walk.md`.

use strum::VariantArray;

use crate::engine::{Answer, AnswerInput, Band, SessionError, Step};
use crate::i18n::{Arg, Messages};
use crate::ids::DraftId;
use crate::lang::Lang;
use crate::present::{
    answer_error, answer_label, localized, next_steps_blocks, question_label, result_pages,
    walk_title,
};
use crate::prompt::{
    nav, Action, Ask, Block, Choice, Header, Input, Interrupt, LineKind, Prompter, Screen,
};
use crate::protocol::{Kind, Protocol, Question, QuestionIdx};
use crate::record::{Consent, Referral, ReferralStatus};
use crate::referral::Directory;
use crate::screening::{Finished, Screening, ScreeningError};
use crate::store::Store;
use crate::time::Timestamp;

/// What the walk needs besides the prompter and the store.
pub struct WalkContext<'a> {
    pub messages: &'a Messages,
    pub directory: &'a Directory,
    /// The device's region, whose contacts are offered beside the national ones.
    pub region: Option<&'a str>,
    /// The time now, as stored.
    pub now: &'a dyn Fn() -> Timestamp,
}

impl std::fmt::Debug for WalkContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WalkContext")
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

/// How a walk ended.
#[derive(Debug)]
pub enum WalkEnd {
    /// Finished: sealed and stored.
    Finished(Box<Finished>),
    /// The worker chose to stop. `draft_id` is `None` when nothing had been
    /// answered yet, and so no draft was kept.
    Stopped { draft_id: Option<DraftId> },
    /// The quick-exit key; the draft is kept (if anything was answered).
    QuickExit { draft_id: Option<DraftId> },
    /// No terminal to ask on; the draft is kept.
    NoTerminal { draft_id: DraftId },
}

/// Why the walk left its loop before the end.
enum Halt {
    /// "Stop and save for later".
    Stop,
    Interrupt(Interrupt),
    Error(ScreeningError),
}

impl From<Interrupt> for Halt {
    fn from(interrupt: Interrupt) -> Self {
        Halt::Interrupt(interrupt)
    }
}

impl From<ScreeningError> for Halt {
    fn from(error: ScreeningError) -> Self {
        Halt::Error(error)
    }
}

type Flow<T> = Result<T, Halt>;

/// Where a change from the review stands: the questions shown before it,
/// so that only those the change newly shows are asked.
struct Change {
    shown_before: Vec<bool>,
}

/// The walk's state besides the screening itself.
struct Walk<'w, 'p> {
    prompter: &'w mut dyn Prompter,
    store: &'w mut Store,
    screening: Screening<'p>,
    cx: &'w WalkContext<'w>,
    /// Notes for the next question screen (the gate closed, …).
    pending_notes: Vec<Block>,
    /// Why the last typed answer did not fit, for the question it belongs to.
    error: Option<(QuestionIdx, String)>,
    last_section: Option<usize>,
    last_total: Option<usize>,
    change: Option<Change>,
}

/// Walk a screening to its end (or until the worker stops), saving the draft
/// after every confirmed answer; then show the result, ask for the referral,
/// and seal the record.
pub fn run(
    prompter: &mut dyn Prompter,
    store: &mut Store,
    screening: Screening<'_>,
    cx: &WalkContext<'_>,
) -> Result<WalkEnd, ScreeningError> {
    let mut walk = Walk {
        prompter,
        store,
        screening,
        cx,
        pending_notes: Vec::new(),
        error: None,
        last_section: None,
        last_total: None,
        change: None,
    };
    let halt = match walk.go() {
        Ok(referral) => {
            let finished = walk
                .screening
                .finish(walk.store, referral, (walk.cx.now)())?;
            return Ok(WalkEnd::Finished(Box::new(finished)));
        }
        Err(halt) => halt,
    };
    let draft_id = walk.screening.draft_id().clone();
    // A walk left before anything was given keeps no empty draft.
    let mut kept = || -> Result<Option<DraftId>, ScreeningError> {
        if walk.screening.session().answers().is_empty() && walk.screening.consent().is_none() {
            walk.store.discard_draft(&draft_id)?;
            Ok(None)
        } else {
            Ok(Some(draft_id.clone()))
        }
    };
    match halt {
        Halt::Stop => Ok(WalkEnd::Stopped { draft_id: kept()? }),
        Halt::Interrupt(Interrupt::QuickExit) => Ok(WalkEnd::QuickExit { draft_id: kept()? }),
        Halt::Interrupt(Interrupt::NoTerminal) => Ok(WalkEnd::NoTerminal {
            draft_id: draft_id.clone(),
        }),
        Halt::Error(e) => Err(e),
    }
}

/// The choice ids of the generic answers.
const YES: &str = "yes";
const NO: &str = "no";
const UNSURE: &str = "unsure";
const DECLINED: &str = "declined";

impl<'w, 'p> Walk<'w, 'p> {
    fn messages(&self) -> &'w Messages {
        self.cx.messages
    }

    fn lang(&self) -> Lang {
        self.screening.lang()
    }

    fn protocol(&self) -> &'p Protocol {
        self.screening.session().protocol()
    }

    fn now(&self) -> Timestamp {
        (self.cx.now)()
    }

    fn header(&self, section: Option<String>, progress: Option<(usize, usize)>) -> Header {
        Header {
            title: walk_title(self.protocol(), self.lang(), self.messages()),
            section,
            progress,
        }
    }

    /// The whole walk up to the referral; `Ok` holds what to seal with.
    fn go(&mut self) -> Flow<Option<Referral>> {
        loop {
            self.consent_step()?;
            match self.screening.session().current() {
                Some((index, _)) => self.question(index)?,
                None => {
                    if self.review()? {
                        if let Some(referral) = self.end()? {
                            return Ok(referral);
                        }
                    }
                }
            }
        }
    }

    /// Consent follows the safety gate wherever the walk is (also after a
    /// resume, a back or a change): asked once the gate says it is safe;
    /// withdrawn if the gate no longer says so.
    fn consent_step(&mut self) -> Flow<()> {
        let safe = self.screening.safe_to_talk();
        let gate = self.protocol().safety_gate;
        let has_gate = gate.is_some();
        // Not while the gate itself is on screen again (after back from
        // consent): its answer may be about to change.
        let at_gate = gate.is_some() && self.screening.session().current().map(|(i, _)| i) == gate;
        match (safe, self.screening.consent()) {
            (true, None) if !at_gate => {
                let messages = self.messages();
                let offered = Consent::offered(self.protocol().schema);
                let choices = offered
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        Choice::new(c.as_str(), crate::present::consent_words(*c, messages))
                            .numbered(i + 1)
                    })
                    .collect();
                // What the worker reads aloud first, where the protocol says it.
                let notes = match &self.protocol().consent_text {
                    Some(text) => vec![
                        Block::Strong(messages.get("consent-read-aloud")),
                        Block::Text(localized(text, self.lang(), messages)),
                    ],
                    None => Vec::new(),
                };
                let screen = Screen {
                    ask: Ask::Consent,
                    header: self.header(Some(messages.get("consent-title")), None),
                    notes,
                    text: vec![Block::Text(messages.get("consent-prompt"))],
                    input: Input::One {
                        choices,
                        selected: None,
                    },
                    help: None,
                    back: has_gate,
                    skip: false,
                };
                loop {
                    match self.prompter.ask(&screen)? {
                        // Back to the gate, whose answer may have been a slip.
                        Action::Back if has_gate => {
                            let now = self.now();
                            self.screening.back(self.store, now)?;
                            return Ok(());
                        }
                        Action::Choose(i) => {
                            if let Some(consent) = offered.get(i) {
                                let now = self.now();
                                self.screening
                                    .set_consent(self.store, Some(*consent), now)?;
                                return Ok(());
                            }
                        }
                        _ => {}
                    }
                }
            }
            (false, Some(_)) if has_gate => {
                let now = self.now();
                self.screening.set_consent(self.store, None, now)?;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn question_screen(&mut self, index: QuestionIdx) -> Screen {
        let protocol = self.protocol();
        let lang = self.lang();
        let messages = self.messages();
        let question = &protocol.questions[index];
        let section = &protocol.sections[question.section];
        let session = self.screening.session();
        let progress = session.progress();

        let mut notes = std::mem::take(&mut self.pending_notes);
        if self.last_total.is_some_and(|total| total != progress.total) {
            notes.push(Block::Quiet(messages.format(
                "walk-total-changed",
                &[("count", Arg::Num(progress.total as i64))],
            )));
        }
        self.last_total = Some(progress.total);
        if self.last_section != Some(question.section) {
            self.last_section = Some(question.section);
            if let Some(help) = &section.help {
                notes.push(Block::Quiet(localized(help, lang, messages)));
            }
            if section.observation_only {
                notes.push(Block::Strong(messages.get("walk-section-observation")));
            }
        }
        if question.kind == Kind::Observation && !section.observation_only {
            notes.push(Block::Strong(messages.get("walk-observe-only")));
        }
        if Some(index) == protocol.safety_gate {
            notes.push(Block::Strong(messages.get("gate-title")));
        }
        let error = match self.error.take() {
            Some((at, error)) if at == index => Some(error),
            _ => None,
        };
        let current = session.current_answer();
        let visible = crate::engine::visibility::visible_questions(protocol, session.answers());
        let back = session.history().iter().any(|&q| visible[q]);
        Screen {
            ask: Ask::Question(question.id.clone()),
            header: self.header(
                Some(localized(&section.title, lang, messages)),
                Some((progress.position, progress.total)),
            ),
            notes,
            text: vec![Block::Text(localized(
                crate::engine::visibility::question_text(protocol, index, session.answers()),
                lang,
                messages,
            ))],
            input: answer_input(question, current, lang, messages, error),
            help: question
                .has_help()
                .then_some(question.help.as_ref())
                .flatten()
                .map(|h| vec![Block::Text(localized(h, lang, messages))]),
            back,
            skip: true,
        }
    }

    fn question(&mut self, index: QuestionIdx) -> Flow<()> {
        let screen = self.question_screen(index);
        let question = &self.protocol().questions[index];
        let (step, typed) = match self.prompter.ask(&screen)? {
            Action::Back => {
                let now = self.now();
                self.screening.back(self.store, now)?;
                return Ok(());
            }
            Action::Skip => (Step::Skip, false),
            Action::Choose(i) => match chosen_one(&screen.input, i) {
                Some(input) => (Step::Answer(input), false),
                None => return Ok(()),
            },
            Action::Mark(marked) => match chosen_many(&screen.input, &marked) {
                Some(input) => (Step::Answer(input), false),
                None => return Ok(()),
            },
            Action::Type(text) if text.trim().is_empty() => (Step::Skip, true),
            Action::Type(text) => (Step::Answer(AnswerInput::Text(text)), true),
            Action::Give(input) => (Step::Answer(input), false),
            Action::Next => return Ok(()),
        };
        let before_fired = self
            .screening
            .session()
            .answers()
            .get(index)
            .is_some_and(|a| a.fires(question));
        let now = self.now();
        match self.screening.step(self.store, step, now) {
            Ok(()) => {}
            Err(ScreeningError::Session(SessionError::Answer(e))) if typed => {
                // A typed answer that does not fit: say why and ask again.
                self.error = Some((index, answer_error(question, &e, self.messages())));
                return Ok(());
            }
            Err(other) => return Err(other.into()),
        }
        let answer = self.screening.session().answers().get(index).cloned();
        if Some(index) == self.protocol().safety_gate && !self.screening.safe_to_talk() {
            self.pending_notes
                .push(Block::Strong(self.messages().get("gate-closed")));
        }
        // The card only when a red flag newly fires, not when an answer that
        // already fired is confirmed again.
        let fires = answer.as_ref().is_some_and(|a| a.fires(question));
        if question.red_flag && fires && !before_fired {
            self.red_flag()?;
        }
        self.after_change_step(index)
    }

    /// During a change from the review: go on only to the questions the
    /// change newly shows, then back to the review.
    fn after_change_step(&mut self, answered: QuestionIdx) -> Flow<()> {
        let Some(change) = &self.change else {
            return Ok(());
        };
        let session = self.screening.session();
        let visible =
            crate::engine::visibility::visible_questions(self.protocol(), session.answers());
        let next = (answered + 1..visible.len())
            .find(|&q| visible[q] && !change.shown_before.get(q).copied().unwrap_or(false));
        let now = self.now();
        match next {
            Some(q) => {
                self.screening.go_to(self.store, q, now)?;
            }
            None => {
                self.change = None;
                self.screening.go_to_end(self.store, now)?;
            }
        }
        Ok(())
    }

    /// The red-flag card: safety steps and numbers at once, then continue
    /// or stop now and save.
    fn red_flag(&mut self) -> Flow<()> {
        let messages = self.messages();
        let mut text = vec![Block::Strong(messages.get("red-flag-body")), Block::Gap];
        text.extend(next_steps_blocks(
            self.cx.directory,
            self.protocol(),
            Band::ImmediateDanger,
            self.screening.session().answers(),
            self.cx.region,
            self.lang(),
            messages,
        ));
        let screen = Screen {
            ask: Ask::RedFlag,
            header: self.header(Some(messages.get("red-flag-title")), None),
            notes: Vec::new(),
            text,
            input: Input::One {
                choices: vec![
                    Choice::new(nav::CONTINUE, messages.get("red-flag-continue")).numbered(1),
                    Choice::new(nav::STOP, messages.get("red-flag-stop")).numbered(2),
                ],
                selected: None,
            },
            help: None,
            back: false,
            skip: false,
        };
        loop {
            if let Action::Choose(i) = self.prompter.ask(&screen)? {
                match screen_choice_id(&screen, i) {
                    Some(nav::CONTINUE) => return Ok(()),
                    Some(nav::STOP) => return Err(Halt::Stop),
                    _ => {}
                }
            }
        }
    }

    /// The review: every shown question, numbered, with its answer. Returns
    /// true to finish; false after a change or a back (the walk goes on).
    fn review(&mut self) -> Flow<bool> {
        let protocol = self.protocol();
        let lang = self.lang();
        let messages = self.messages();
        let session = self.screening.session();
        let visible = crate::engine::visibility::visible_questions(protocol, session.answers());
        let mut choices = vec![Choice::new(nav::FINISH, messages.get("review-finish"))];
        let mut number = 0;
        for (index, question) in protocol.questions.iter().enumerate() {
            if !visible[index] {
                continue;
            }
            number += 1;
            choices.push(
                Choice::new(
                    question.id.clone(),
                    question_label(question, lang, messages),
                )
                .numbered(number)
                .detail(answer_label(
                    question,
                    session.answers().get(index),
                    lang,
                    messages,
                )),
            );
        }
        choices.push(Choice::new(nav::STOP, messages.get("review-stop")));
        let screen = Screen {
            ask: Ask::Review,
            header: self.header(Some(messages.get("review-title")), None),
            notes: std::mem::take(&mut self.pending_notes),
            text: vec![Block::Quiet(messages.get("review-hint"))],
            input: Input::One {
                choices,
                selected: Some(0),
            },
            help: None,
            back: true,
            skip: false,
        };
        let now = self.now();
        match self.prompter.ask(&screen)? {
            Action::Back => {
                self.screening.back(self.store, now)?;
                Ok(false)
            }
            Action::Choose(i) => match screen_choice_id(&screen, i) {
                Some(nav::FINISH) => Ok(true),
                Some(nav::STOP) => Err(Halt::Stop),
                Some(id) => {
                    if let Some((index, _)) = protocol.question_by_id(id) {
                        self.change = Some(Change {
                            shown_before: visible,
                        });
                        self.screening.go_to(self.store, index, now)?;
                    }
                    Ok(false)
                }
                None => Ok(false),
            },
            _ => Ok(false),
        }
    }

    /// The result and the referral. `None` means back to the review.
    fn end(&mut self) -> Flow<Option<Option<Referral>>> {
        let outcome = self.screening.session().outcome();
        loop {
            let mut pages = result_pages(
                self.protocol(),
                &outcome,
                self.cx.directory,
                self.screening.session().answers(),
                self.cx.region,
                self.lang(),
                self.messages(),
            );
            // Whom the record will be sealed for, to compare by phone with
            // the coordinator's fingerprint (a swapped card shows here).
            if let Some(first) = pages.first_mut() {
                let fingerprint = self.screening.hub_fingerprint();
                first.blocks.push(Block::Gap);
                first.blocks.push(Block::Quiet(self.messages().format(
                    "result-hub-fingerprint",
                    &[("fingerprint", Arg::Str(&fingerprint))],
                )));
            }
            let screen = Screen {
                ask: Ask::Result,
                header: self.header(Some(self.messages().get("result-title")), None),
                notes: Vec::new(),
                text: Vec::new(),
                input: Input::Pages { pages },
                help: None,
                back: true,
                skip: false,
            };
            match self.prompter.ask(&screen)? {
                Action::Back => return Ok(None),
                Action::Next => {}
                _ => continue,
            }
            if matches!(
                outcome.band,
                Band::NoConcern | Band::Incomplete | Band::ObservationOnly
            ) {
                return Ok(Some(Some(Referral {
                    to: Vec::new(),
                    status: ReferralStatus::NotNeeded,
                    reason: None,
                })));
            }
            if let Some(referral) = self.referral()? {
                return Ok(Some(Some(referral)));
            }
        }
    }

    /// The contacts to offer: those this protocol's next steps name first
    /// (over every band), then the other national ones, then the region's.
    fn contacts(&self) -> Vec<(String, String)> {
        let directory = self.cx.directory;
        let protocol = &self.protocol().id;
        let mut ids: Vec<String> = Vec::new();
        for &band in Band::VARIANTS {
            if let Some(next) = directory.next_steps(protocol, band) {
                for id in &next.call {
                    if !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
            }
        }
        for contact in &directory.contacts {
            if !ids.contains(&contact.id) {
                ids.push(contact.id.clone());
            }
        }
        for region in directory
            .regions
            .iter()
            .filter(|r| Some(r.id.as_str()) == self.cx.region)
        {
            for contact in &region.contacts {
                if !ids.contains(&contact.id) {
                    ids.push(contact.id.clone());
                }
            }
        }
        ids.into_iter()
            .filter_map(|id| {
                directory.contact(&id, self.cx.region).map(|c| {
                    let name = localized(&c.name, self.lang(), self.messages());
                    let label = match &c.phone {
                        Some(phone) => format!("{phone} {name}"),
                        None => name,
                    };
                    (id, label)
                })
            })
            .collect()
    }

    /// Whom the person is referred to (nothing ticked; "not referred yet"
    /// is a choice), what they decide (only when someone was chosen), and
    /// why. `None` means back to the result.
    fn referral(&mut self) -> Flow<Option<Referral>> {
        let messages = self.messages();
        let header = self.header(Some(messages.get("referral-title")), None);
        let mut choices: Vec<Choice> = self
            .contacts()
            .into_iter()
            .enumerate()
            .map(|(i, (id, label))| Choice::new(id, label).numbered(i + 1))
            .collect();
        let n = choices.len();
        choices.push(
            Choice::new(nav::NOT_REFERRED, messages.get("referral-not-yet"))
                .numbered(n + 1)
                .exclusive(),
        );
        let to_screen = Screen {
            ask: Ask::ReferralTo,
            header: header.clone(),
            notes: Vec::new(),
            text: vec![Block::Text(messages.get("referral-to"))],
            input: Input::Many {
                checked: vec![false; choices.len()],
                choices,
            },
            help: None,
            back: true,
            skip: false,
        };
        let statuses = [
            ReferralStatus::Accepted,
            ReferralStatus::Declined,
            ReferralStatus::Pending,
        ];
        let status_screen = Screen {
            ask: Ask::ReferralStatus,
            header: header.clone(),
            notes: Vec::new(),
            text: vec![Block::Text(messages.get("referral-status"))],
            input: Input::One {
                choices: statuses
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        Choice::new(s.as_str(), crate::present::referral_words(*s, messages))
                            .numbered(i + 1)
                    })
                    .collect(),
                selected: None,
            },
            help: None,
            back: true,
            skip: false,
        };
        let reason_screen = Screen {
            ask: Ask::ReferralReason,
            header,
            notes: Vec::new(),
            text: vec![Block::Text(messages.get("referral-reason"))],
            input: Input::Line {
                kind: LineKind::Text,
                initial: String::new(),
                error: None,
                choices: Vec::new(),
                selected: None,
            },
            help: None,
            back: true,
            skip: false,
        };
        'to: loop {
            let to: Vec<String> = match self.prompter.ask(&to_screen)? {
                Action::Back => return Ok(None),
                Action::Mark(marked) if !marked.is_empty() => marked
                    .iter()
                    .filter_map(|&i| screen_choice_id(&to_screen, i))
                    .filter(|id| *id != nav::NOT_REFERRED)
                    .map(str::to_owned)
                    .collect(),
                _ => continue,
            };
            if to.is_empty() {
                return Ok(Some(Referral {
                    to,
                    status: ReferralStatus::Pending,
                    reason: None,
                }));
            }
            'status: loop {
                let status = match self.prompter.ask(&status_screen)? {
                    Action::Back => continue 'to,
                    Action::Choose(i) => match statuses.get(i) {
                        Some(status) => *status,
                        None => continue 'status,
                    },
                    _ => continue 'status,
                };
                let reason = match self.prompter.ask(&reason_screen)? {
                    Action::Back => continue 'status,
                    Action::Type(text) if text.trim().is_empty() => None,
                    Action::Type(text) => Some(text),
                    _ => None,
                };
                return Ok(Some(Referral {
                    to: to.clone(),
                    status,
                    reason,
                }));
            }
        }
    }
}

fn screen_choice_id(screen: &Screen, index: usize) -> Option<&str> {
    match &screen.input {
        Input::One { choices, .. } | Input::Many { choices, .. } => {
            choices.get(index).map(|c| c.id.as_str())
        }
        _ => None,
    }
}

/// The answer a picked choice stands for.
fn chosen_one(input: &Input, index: usize) -> Option<AnswerInput> {
    match input {
        Input::One { choices, .. } | Input::Line { choices, .. } => {
            choices.get(index).map(|c| AnswerInput::Text(c.id.clone()))
        }
        Input::Many { .. } => chosen_many(input, &[index]),
        _ => None,
    }
}

/// The answer marked choices stand for: the options, or one exclusive
/// choice ("none of these" is an empty list). Nothing marked is no answer.
fn chosen_many(input: &Input, marked: &[usize]) -> Option<AnswerInput> {
    let Input::Many { choices, .. } = input else {
        return None;
    };
    let picked: Vec<&Choice> = marked.iter().filter_map(|&i| choices.get(i)).collect();
    if let Some(exclusive) = picked.iter().find(|c| c.exclusive) {
        return Some(if exclusive.id == nav::NONE {
            AnswerInput::List(Vec::new())
        } else {
            AnswerInput::Text(exclusive.id.clone())
        });
    }
    if picked.is_empty() {
        return None;
    }
    Some(AnswerInput::List(
        picked.iter().map(|c| c.id.clone()).collect(),
    ))
}

/// The generic answers a question offers after its own.
fn generic_choices(question: &Question, messages: &Messages, first: usize) -> Vec<Choice> {
    let observation = question.kind == Kind::Observation;
    let mut choices = Vec::new();
    if question.offers_unsure() {
        let label = if observation {
            messages.get("observed-unsure")
        } else {
            messages.get("answer-unsure")
        };
        choices.push(Choice::new(UNSURE, label));
    }
    if question.offers_declined() {
        choices.push(Choice::new(DECLINED, messages.get("answer-declined")));
    }
    choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| c.numbered(first + i))
        .collect()
}

/// The choices (or the line) for a question, with the answer given before
/// selected; nothing is selected on a new question.
fn answer_input(
    question: &Question,
    current: Option<&Answer>,
    lang: Lang,
    messages: &Messages,
    error: Option<String>,
) -> Input {
    let selected_id: Option<String> = match current {
        Some(Answer::Yes) => Some(YES.to_owned()),
        Some(Answer::No) => Some(NO.to_owned()),
        Some(Answer::Unsure) => Some(UNSURE.to_owned()),
        Some(Answer::Declined) => Some(DECLINED.to_owned()),
        Some(Answer::Choice(i)) => question.options.get(*i).map(|o| o.id.clone()),
        _ => None,
    };
    let one = |choices: Vec<Choice>| {
        let selected = selected_id
            .as_ref()
            .and_then(|id| choices.iter().position(|c| &c.id == id));
        Input::One { choices, selected }
    };
    match question.kind {
        Kind::YesNo | Kind::Observation => {
            let observation = question.kind == Kind::Observation;
            let (yes, no) = if observation {
                (messages.get("observed-yes"), messages.get("observed-no"))
            } else {
                (messages.get("answer-yes"), messages.get("answer-no"))
            };
            let mut choices = vec![
                Choice::new(YES, yes).numbered(1).letter('y'),
                Choice::new(NO, no).numbered(2).letter('n'),
            ];
            choices.extend(generic_choices(question, messages, 3));
            one(choices)
        }
        Kind::Single => {
            let mut choices: Vec<Choice> = question
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    Choice::new(o.id.clone(), localized(&o.text, lang, messages)).numbered(i + 1)
                })
                .collect();
            let next = choices.len() + 1;
            choices.extend(generic_choices(question, messages, next));
            one(choices)
        }
        Kind::Multi => {
            let mut choices: Vec<Choice> = question
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    Choice::new(o.id.clone(), localized(&o.text, lang, messages)).numbered(i + 1)
                })
                .collect();
            let options = choices.len();
            choices.push(
                Choice::new(nav::NONE, messages.get("answer-none-of-these"))
                    .numbered(options + 1)
                    .exclusive(),
            );
            choices.extend(
                generic_choices(question, messages, options + 2)
                    .into_iter()
                    .map(Choice::exclusive),
            );
            let checked = choices
                .iter()
                .enumerate()
                .map(|(i, c)| match current {
                    Some(Answer::Choices(0)) => c.id == nav::NONE,
                    Some(Answer::Choices(mask)) => i < options && mask & (1u64 << i) != 0,
                    _ => selected_id.as_deref() == Some(c.id.as_str()),
                })
                .collect();
            Input::Many { choices, checked }
        }
        Kind::Number | Kind::Date | Kind::Text => {
            // "Not known" and "declined" beside the field, where offered.
            let choices = generic_choices(question, messages, 1);
            let typed = !matches!(current, Some(Answer::Unsure | Answer::Declined));
            Input::Line {
                kind: match question.kind {
                    Kind::Number => LineKind::Number,
                    Kind::Date => LineKind::Date,
                    _ => LineKind::Text,
                },
                initial: current
                    .filter(|_| typed)
                    .map(|a| answer_label(question, Some(a), lang, messages))
                    .unwrap_or_default(),
                error,
                selected: selected_id
                    .as_ref()
                    .filter(|_| !typed)
                    .and_then(|id| choices.iter().position(|c| &c.id == id)),
                choices,
            }
        }
    }
}
