//! The walk a worker sees: header and progress, the safety gate and consent,
//! each question with back, help, skip and stop, the red-flag interrupt, the
//! review, and the referral after the result. It talks only through a
//! [`Prompter`], so the terminal and answers files take the same path.

use std::fmt::Write;

use crate::engine::{AnswerInput, Band, Outcome, Step};
use crate::i18n::{Arg, Messages};
use crate::present::{answer_label, localized, next_steps_text, outcome_text, table};
use crate::prompt::{nav, Item, Prompter, Reply};
use crate::protocol::{Kind, Protocol, Question, QuestionIdx};
use crate::record::{Consent, Referral, ReferralStatus};
use crate::referral::Directory;
use crate::screening::{Finished, Screening, ScreeningError};
use crate::store::Store;

/// What the walk needs besides the prompter and the store.
pub struct WalkContext<'a> {
    pub messages: &'a Messages,
    pub directory: &'a Directory,
    /// The device's region, whose contacts are offered beside the national ones.
    pub region: Option<&'a str>,
    /// Table width for text shown through the prompter.
    pub width: u16,
    /// The time now, as stored.
    pub now: &'a dyn Fn() -> String,
}

impl std::fmt::Debug for WalkContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WalkContext")
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

/// How a walk ended.
#[derive(Debug)]
pub enum WalkEnd {
    /// Finished: sealed and stored.
    Finished(Box<Finished>),
    /// The worker chose to stop; the draft is kept.
    Stopped { draft_id: String },
    /// The quick-exit key: the screen was cleared; the draft is kept.
    QuickExit { draft_id: String },
    /// No terminal to ask on; the draft is kept.
    NoTerminal { draft_id: String },
}

/// What the worker did at one question.
enum Action {
    Step(Step),
    Back,
    Help,
    Stop,
    End(Reply<()>),
}

fn nav_items(messages: &Messages, with_skip: bool) -> Vec<Item> {
    let mut items = Vec::new();
    if with_skip {
        items.push(Item::new(nav::SKIP, messages.get("nav-skip")));
    }
    items.push(Item::new(nav::BACK, messages.get("nav-back")));
    items.push(Item::new(nav::HELP, messages.get("nav-help")));
    items.push(Item::new(nav::STOP, messages.get("nav-stop")));
    items
}

fn nav_action(id: &str) -> Option<Action> {
    match id {
        nav::SKIP => Some(Action::Step(Step::Skip)),
        nav::BACK => Some(Action::Back),
        nav::HELP => Some(Action::Help),
        nav::STOP => Some(Action::Stop),
        _ => None,
    }
}

fn end<T>(reply: Reply<T>) -> Action {
    match reply {
        Reply::QuickExit => Action::End(Reply::QuickExit),
        _ => Action::End(Reply::NoTerminal),
    }
}

/// The choices for a yes/no, observation or single question.
fn choice_items(question: &Question, lang: crate::lang::Lang, messages: &Messages) -> Vec<Item> {
    let mut items = Vec::new();
    match question.kind {
        Kind::YesNo => {
            for id in ["yes", "no", "unsure", "declined"] {
                items.push(Item::new(id, messages.get(&format!("answer-{id}"))));
            }
        }
        Kind::Observation => {
            for id in ["yes", "no", "unsure"] {
                items.push(Item::new(id, messages.get(&format!("observed-{id}"))));
            }
        }
        _ => {
            for option in &question.options {
                items.push(Item::new(
                    option.id.clone(),
                    localized(&option.text, lang, messages),
                ));
            }
            items.push(Item::new("unsure", messages.get("answer-unsure")));
            items.push(Item::new("declined", messages.get("answer-declined")));
        }
    }
    items
}

fn ask(
    prompter: &mut dyn Prompter,
    screening: &Screening<'_>,
    index: QuestionIdx,
    cx: &WalkContext<'_>,
) -> Action {
    let protocol = screening.session().protocol();
    let question = &protocol.questions[index];
    let lang = screening.lang();
    let messages = cx.messages;
    let text = localized(&question.text, lang, messages);
    let current = screening.session().current_answer();
    match question.kind {
        Kind::YesNo | Kind::Observation | Kind::Single => {
            let mut items = choice_items(question, lang, messages);
            let default = current
                .map(|a| answer_label(question, Some(a), lang, messages))
                .and_then(|label| items.iter().position(|i| i.label == label))
                .unwrap_or(0);
            items.extend(nav_items(messages, true));
            match prompter.select(&question.id, &text, &items, default) {
                Reply::Value(i) => {
                    let id = items[i].id.clone();
                    nav_action(&id).unwrap_or(Action::Step(Step::Answer(AnswerInput::Text(id))))
                }
                other => end(other),
            }
        }
        Kind::Multi => {
            let items: Vec<Item> = question
                .options
                .iter()
                .map(|o| Item::new(o.id.clone(), localized(&o.text, lang, messages)))
                .collect();
            let checked: Vec<bool> = (0..items.len())
                .map(|i| matches!(current, Some(crate::engine::Answer::Choices(mask)) if mask & (1u64 << i) != 0))
                .collect();
            let prompt = format!("{text}\n{}", messages.get("nav-multi-hint"));
            let chosen = match prompter.multi_select(&question.id, &prompt, &items, &checked) {
                Reply::Value(chosen) => chosen,
                other => return end(other),
            };
            if !chosen.is_empty() {
                let ids = chosen.iter().map(|&i| items[i].id.clone()).collect();
                return Action::Step(Step::Answer(AnswerInput::List(ids)));
            }
            // Nothing marked: none of these, or not an answer at all?
            let mut follow = vec![
                Item::new(nav::NONE, messages.get("answer-none-of-these")),
                Item::new("unsure", messages.get("answer-unsure")),
                Item::new("declined", messages.get("answer-declined")),
            ];
            follow.extend(nav_items(messages, true));
            match prompter.select(&format!("{}:empty", question.id), &text, &follow, 0) {
                Reply::Value(i) => {
                    let id = follow[i].id.clone();
                    if id == nav::NONE {
                        Action::Step(Step::Answer(AnswerInput::List(Vec::new())))
                    } else {
                        nav_action(&id).unwrap_or(Action::Step(Step::Answer(AnswerInput::Text(id))))
                    }
                }
                other => end(other),
            }
        }
        Kind::Number | Kind::Date | Kind::Text => {
            let initial = current
                .map(|a| answer_label(question, Some(a), lang, messages))
                .unwrap_or_default();
            let prompt = format!("{text}\n{}", messages.get("nav-input-hint"));
            match prompter.input(&question.id, &prompt, &initial) {
                Reply::Value(typed) => match typed.trim() {
                    "" => Action::Step(Step::Skip),
                    nav::TYPED_BACK if prompter.typed_navigation() => Action::Back,
                    nav::TYPED_HELP if prompter.typed_navigation() => Action::Help,
                    _ => Action::Step(Step::Answer(AnswerInput::Text(typed))),
                },
                other => end(other),
            }
        }
    }
}

fn header(screening: &Screening<'_>, index: QuestionIdx, cx: &WalkContext<'_>) -> String {
    let session = screening.session();
    let protocol = session.protocol();
    let lang = screening.lang();
    let question = &protocol.questions[index];
    let section = &protocol.sections[question.section];
    let progress = session.progress();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        cx.messages.format(
            "walk-header",
            &[
                (
                    "protocol",
                    Arg::Str(&localized(&protocol.title, lang, cx.messages))
                ),
                (
                    "section",
                    Arg::Str(&localized(&section.title, lang, cx.messages))
                ),
            ],
        )
    );
    let remaining = progress.total.saturating_sub(progress.position);
    let _ = write!(
        out,
        "{} · {}",
        cx.messages.format(
            "walk-progress",
            &[
                ("position", Arg::Num(progress.position as i64)),
                ("total", Arg::Num(progress.total as i64)),
            ],
        ),
        cx.messages
            .format("walk-remaining", &[("count", Arg::Num(remaining as i64))])
    );
    if question.kind == Kind::Observation {
        let _ = write!(out, "\n{}", cx.messages.get("walk-observe-only"));
    }
    if Some(index) == protocol.safety_gate {
        let _ = write!(out, "\n{}", cx.messages.get("gate-title"));
    }
    out
}

fn section_intro(
    protocol: &Protocol,
    section: usize,
    screening: &Screening<'_>,
    cx: &WalkContext<'_>,
) -> String {
    let s = &protocol.sections[section];
    let lang = screening.lang();
    let mut out = format!("== {} ==", localized(&s.title, lang, cx.messages));
    if let Some(help) = &s.help {
        let _ = write!(out, "\n{}", localized(help, lang, cx.messages));
    }
    if s.observation_only {
        let _ = write!(out, "\n{}", cx.messages.get("walk-section-observation"));
    }
    out
}

/// What consent needs now.
enum ConsentNeed {
    Ask,
    Withdraw,
    Nothing,
}

fn consent_needed(screening: &Screening<'_>) -> ConsentNeed {
    let safe = screening.safe_to_talk();
    match (safe, screening.consent()) {
        (true, None) => ConsentNeed::Ask,
        (false, Some(_)) if screening.session().protocol().safety_gate.is_some() => {
            ConsentNeed::Withdraw
        }
        _ => ConsentNeed::Nothing,
    }
}

fn ask_consent(prompter: &mut dyn Prompter, cx: &WalkContext<'_>) -> Reply<Consent> {
    let items: Vec<Item> = Consent::ALL
        .iter()
        .map(|c| {
            Item::new(
                c.as_str(),
                cx.messages.get(&format!("consent-{}", c.as_str())),
            )
        })
        .collect();
    match prompter.select("consent", &cx.messages.get("consent-prompt"), &items, 0) {
        Reply::Value(i) => Reply::Value(Consent::ALL[i]),
        Reply::QuickExit => Reply::QuickExit,
        Reply::NoTerminal => Reply::NoTerminal,
    }
}

/// The red-flag interrupt: safety steps and numbers at once.
fn red_flag(
    prompter: &mut dyn Prompter,
    screening: &Screening<'_>,
    cx: &WalkContext<'_>,
) -> Reply<bool> {
    let protocol = screening.session().protocol();
    let mut text = format!(
        "!!! {} !!!\n{}\n",
        cx.messages.get("red-flag-title"),
        cx.messages.get("red-flag-body")
    );
    text.push_str(&next_steps_text(
        cx.directory,
        protocol,
        Band::ImmediateDanger,
        screening.session().answers(),
        cx.region,
        screening.lang(),
        cx.messages,
    ));
    prompter.message(&text);
    let items = [
        Item::new(nav::CONTINUE, cx.messages.get("red-flag-continue")),
        Item::new(nav::STOP, cx.messages.get("red-flag-stop")),
    ];
    match prompter.select("red_flag", &cx.messages.get("red-flag-title"), &items, 0) {
        Reply::Value(i) => Reply::Value(items[i].id == nav::CONTINUE),
        Reply::QuickExit => Reply::QuickExit,
        Reply::NoTerminal => Reply::NoTerminal,
    }
}

/// The review table, and what the worker wants to do next.
fn review(
    prompter: &mut dyn Prompter,
    store: &mut Store,
    screening: &mut Screening<'_>,
    cx: &WalkContext<'_>,
) -> Result<Option<Reply<bool>>, ScreeningError> {
    let session = screening.session();
    let protocol = session.protocol();
    let lang = screening.lang();
    let visible = crate::engine::visibility::visible_questions(protocol, session.answers());
    let mut answers = table(
        &[
            cx.messages.get("review-question"),
            cx.messages.get("review-answer"),
        ],
        cx.width,
    );
    let mut shown = Vec::new();
    for (index, question) in protocol.questions.iter().enumerate() {
        if !visible[index] {
            continue;
        }
        let label = answer_label(question, session.answers().get(index), lang, cx.messages);
        let text = localized(&question.text, lang, cx.messages);
        answers.add_row(vec![text.clone(), label.clone()]);
        shown.push(Item::new(question.id.clone(), format!("{text} — {label}")));
    }
    prompter.message(&format!("{}\n{answers}", cx.messages.get("review-title")));
    let items = [
        Item::new(nav::FINISH, cx.messages.get("review-finish")),
        Item::new(nav::CHANGE, cx.messages.get("review-change")),
        Item::new(nav::STOP, cx.messages.get("review-stop")),
    ];
    let choice = match prompter.select("review", &cx.messages.get("review-title"), &items, 0) {
        Reply::Value(i) => items[i].id.clone(),
        Reply::QuickExit => return Ok(Some(Reply::QuickExit)),
        Reply::NoTerminal => return Ok(Some(Reply::NoTerminal)),
    };
    match choice.as_str() {
        nav::FINISH => Ok(Some(Reply::Value(true))),
        nav::STOP => Ok(Some(Reply::Value(false))),
        _ => match prompter.select("review_change", &cx.messages.get("review-which"), &shown, 0) {
            Reply::Value(i) => {
                if let Some((index, _)) = protocol.question_by_id(&shown[i].id) {
                    screening.go_to(store, index, &(cx.now)())?;
                }
                Ok(None)
            }
            Reply::QuickExit => Ok(Some(Reply::QuickExit)),
            Reply::NoTerminal => Ok(Some(Reply::NoTerminal)),
        },
    }
}

/// After a concern: whom the person was referred to, and what they decided.
fn ask_referral(
    prompter: &mut dyn Prompter,
    protocol: &Protocol,
    outcome: &Outcome,
    lang: crate::lang::Lang,
    cx: &WalkContext<'_>,
) -> Reply<Option<Referral>> {
    if matches!(outcome.band, Band::NoConcern | Band::Incomplete) {
        return Reply::Value(Some(Referral {
            to: Vec::new(),
            status: ReferralStatus::NotNeeded,
            reason: None,
        }));
    }
    let suggested = cx
        .directory
        .next_steps(&protocol.id, outcome.band)
        .map(|n| n.call.clone())
        .unwrap_or_default();
    let regional = cx
        .directory
        .regions
        .iter()
        .filter(|r| Some(r.id.as_str()) == cx.region)
        .flat_map(|r| &r.contacts);
    let contacts: Vec<Item> = cx
        .directory
        .contacts
        .iter()
        .chain(regional)
        .map(|c| {
            Item::new(
                c.id.clone(),
                format!(
                    "{} {}",
                    c.phone.as_deref().unwrap_or("—"),
                    localized(&c.name, lang, cx.messages)
                ),
            )
        })
        .collect();
    let checked: Vec<bool> = contacts.iter().map(|c| suggested.contains(&c.id)).collect();
    let to = match prompter.multi_select(
        "referral_to",
        &cx.messages.get("referral-to"),
        &contacts,
        &checked,
    ) {
        Reply::Value(chosen) => chosen.iter().map(|&i| contacts[i].id.clone()).collect(),
        Reply::QuickExit => return Reply::QuickExit,
        Reply::NoTerminal => return Reply::NoTerminal,
    };
    let statuses = [
        ReferralStatus::Accepted,
        ReferralStatus::Declined,
        ReferralStatus::Pending,
    ];
    let items: Vec<Item> = statuses
        .iter()
        .map(|s| {
            Item::new(
                s.as_str(),
                cx.messages.get(&format!("referral-{}", s.as_str())),
            )
        })
        .collect();
    let status = match prompter.select(
        "referral_status",
        &cx.messages.get("referral-status"),
        &items,
        0,
    ) {
        Reply::Value(i) => statuses[i],
        Reply::QuickExit => return Reply::QuickExit,
        Reply::NoTerminal => return Reply::NoTerminal,
    };
    let reason = match prompter.input("referral_reason", &cx.messages.get("referral-reason"), "") {
        Reply::Value(text) if text.trim().is_empty() => None,
        Reply::Value(text) => Some(text),
        Reply::QuickExit => return Reply::QuickExit,
        Reply::NoTerminal => return Reply::NoTerminal,
    };
    Reply::Value(Some(Referral { to, status, reason }))
}

fn stop(screening: &Screening<'_>, reply: Reply<()>, prompter: &mut dyn Prompter) -> WalkEnd {
    let draft_id = screening.draft_id().to_owned();
    match reply {
        Reply::QuickExit => {
            prompter.clear();
            WalkEnd::QuickExit { draft_id }
        }
        Reply::NoTerminal => WalkEnd::NoTerminal { draft_id },
        Reply::Value(()) => WalkEnd::Stopped { draft_id },
    }
}

/// Walk a screening to its end (or until the worker stops), saving the draft
/// after every confirmed answer; then show the result, ask for the referral,
/// and seal the record.
pub fn run(
    prompter: &mut dyn Prompter,
    store: &mut Store,
    mut screening: Screening<'_>,
    cx: &WalkContext<'_>,
) -> Result<WalkEnd, ScreeningError> {
    let protocol = screening.session().protocol();
    let lang = screening.lang();
    let mut last_section = None;
    loop {
        // Consent follows the safety gate wherever the walk is (also after a
        // resume, a back or a change from the review): asked once the gate
        // says it is safe; withdrawn if the gate no longer says so.
        match consent_needed(&screening) {
            ConsentNeed::Ask => match ask_consent(prompter, cx) {
                Reply::Value(consent) => {
                    screening.set_consent(store, Some(consent), &(cx.now)())?
                }
                Reply::QuickExit => return Ok(stop(&screening, Reply::QuickExit, prompter)),
                Reply::NoTerminal => return Ok(stop(&screening, Reply::NoTerminal, prompter)),
            },
            ConsentNeed::Withdraw => screening.set_consent(store, None, &(cx.now)())?,
            ConsentNeed::Nothing => {}
        }
        let Some((index, question)) = screening.session().current() else {
            match review(prompter, store, &mut screening, cx)? {
                None => continue,
                Some(Reply::Value(true)) => break,
                Some(Reply::Value(false)) => {
                    return Ok(stop(&screening, Reply::Value(()), prompter))
                }
                Some(Reply::QuickExit) => return Ok(stop(&screening, Reply::QuickExit, prompter)),
                Some(Reply::NoTerminal) => {
                    return Ok(stop(&screening, Reply::NoTerminal, prompter))
                }
            }
        };
        if last_section != Some(question.section) {
            prompter.message(&section_intro(protocol, question.section, &screening, cx));
            last_section = Some(question.section);
        }
        prompter.message(&header(&screening, index, cx));
        if let Some(previous) = screening.session().current_answer() {
            let label = answer_label(question, Some(previous), lang, cx.messages);
            prompter.message(
                &cx.messages
                    .format("walk-answered-before", &[("answer", Arg::Str(&label))]),
            );
        }
        let action = ask(prompter, &screening, index, cx);
        match action {
            Action::Back => {
                screening.back(store, &(cx.now)())?;
            }
            Action::Help => {
                let help = question.help.as_ref().map_or_else(
                    || cx.messages.get("walk-no-help"),
                    |h| localized(h, lang, cx.messages),
                );
                prompter.message(&help);
            }
            Action::Stop => return Ok(stop(&screening, Reply::Value(()), prompter)),
            Action::End(reply) => return Ok(stop(&screening, reply, prompter)),
            Action::Step(step) => {
                match screening.step(store, step, &(cx.now)()) {
                    Ok(()) => {}
                    // A typed answer that does not fit: say why and ask again.
                    Err(ScreeningError::Session(crate::engine::SessionError::Answer(e))) => {
                        prompter.message(&e.to_string());
                        continue;
                    }
                    Err(other) => return Err(other),
                }
                let answer = screening.session().answers().get(index).cloned();
                if Some(index) == protocol.safety_gate
                    && !matches!(answer, Some(crate::engine::Answer::Yes))
                {
                    prompter.message(&cx.messages.get("gate-closed"));
                }
                if question.red_flag && answer.is_some_and(|a| a.fires(question)) {
                    match red_flag(prompter, &screening, cx) {
                        Reply::Value(true) => {}
                        Reply::Value(false) => {
                            return Ok(stop(&screening, Reply::Value(()), prompter))
                        }
                        Reply::QuickExit => {
                            return Ok(stop(&screening, Reply::QuickExit, prompter))
                        }
                        Reply::NoTerminal => {
                            return Ok(stop(&screening, Reply::NoTerminal, prompter))
                        }
                    }
                }
            }
        }
    }
    let outcome = screening.session().outcome();
    prompter.message(&outcome_text(
        protocol,
        &outcome,
        lang,
        cx.messages,
        cx.width,
    ));
    prompter.message(&next_steps_text(
        cx.directory,
        protocol,
        outcome.band,
        screening.session().answers(),
        cx.region,
        lang,
        cx.messages,
    ));
    let referral = match ask_referral(prompter, protocol, &outcome, lang, cx) {
        Reply::Value(referral) => referral,
        Reply::QuickExit => return Ok(stop(&screening, Reply::QuickExit, prompter)),
        Reply::NoTerminal => return Ok(stop(&screening, Reply::NoTerminal, prompter)),
    };
    let finished = screening.finish(store, referral, &(cx.now)())?;
    Ok(WalkEnd::Finished(Box::new(finished)))
}
