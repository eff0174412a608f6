//! `qorgau screen`, `resume`, `drafts`, `discard`. Interactive walks and
//! answers files take the same path: [`qorgau::walk::run`] with a terminal
//! or a scripted prompter.

use std::collections::BTreeSet;
use std::path::Path;

use qorgau::crypto::Role;
use qorgau::engine::visibility::visible_questions;
use qorgau::engine::{parse_answers_file, AnswerSet, AnswersFile};
use qorgau::i18n::{Arg, Messages};
use qorgau::present::{next_steps_text, outcome_text};
use qorgau::prompt::{Item, Prompter, Reply, ScriptedPrompter};
use qorgau::protocol::Protocol;
use qorgau::referral::Directory;
use qorgau::screening::Screening;
use qorgau::setup::{load_device, unlock, DeviceSetup};
use qorgau::store::Store;
use qorgau::walk::{self, WalkContext, WalkEnd};
use serde::Serialize;

use super::{Context, Failure};
use crate::cli::Format;
use crate::ui::output::{outln, Output};
use crate::ui::prompter::{install_quick_exit, TerminalPrompter};
use crate::ui::render;

/// A scripted prompter that pauses before each question, so the crash test
/// can `kill -9` the process with a known number of answers saved
/// (`QORGAU_TEST_PAUSE_MS`; prints "saved answer N" on stderr).
struct PausingPrompter {
    inner: ScriptedPrompter,
    questions: BTreeSet<String>,
    pause: Option<std::time::Duration>,
    seen: usize,
}

impl PausingPrompter {
    fn new(inner: ScriptedPrompter, protocol: &Protocol) -> Self {
        let pause = std::env::var("QORGAU_TEST_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .map(std::time::Duration::from_millis);
        PausingPrompter {
            inner,
            questions: protocol.questions.iter().map(|q| q.id.clone()).collect(),
            pause,
            seen: 0,
        }
    }

    fn before(&mut self, key: &str) {
        if let (Some(pause), true) = (self.pause, self.questions.contains(key)) {
            if self.seen > 0 {
                eprintln!("saved answer {}", self.seen);
                std::thread::sleep(pause);
            }
            self.seen += 1;
        }
    }
}

impl Prompter for PausingPrompter {
    fn message(&mut self, text: &str) {
        self.inner.message(text);
    }
    fn select(&mut self, key: &str, prompt: &str, items: &[Item], default: usize) -> Reply<usize> {
        self.before(key);
        self.inner.select(key, prompt, items, default)
    }
    fn multi_select(
        &mut self,
        key: &str,
        prompt: &str,
        items: &[Item],
        checked: &[bool],
    ) -> Reply<Vec<usize>> {
        self.before(key);
        self.inner.multi_select(key, prompt, items, checked)
    }
    fn input(&mut self, key: &str, prompt: &str, initial: &str) -> Reply<String> {
        self.before(key);
        self.inner.input(key, prompt, initial)
    }
    fn confirm(&mut self, key: &str, prompt: &str, default: bool) -> Reply<bool> {
        self.inner.confirm(key, prompt, default)
    }
    fn secret(&mut self, key: &str, prompt: &str) -> Reply<String> {
        self.inner.secret(key, prompt)
    }
    fn clear(&mut self) {
        self.inner.clear();
    }
    fn typed_navigation(&self) -> bool {
        self.inner.typed_navigation()
    }
}

fn read_answers(
    path: &Path,
    protocol: &Protocol,
    directory: &Directory,
) -> Result<AnswersFile, Failure> {
    // Only regular files, under a size cap (reliability review P10, P11).
    let source = qorgau::input::read_text(path, qorgau::input::caps::ANSWERS)?;
    let file = parse_answers_file(protocol, &path.display().to_string(), &source).map_err(|d| {
        Failure::new(format!(
            "{d}\nfix the answers file and run the command again; nothing was saved"
        ))
    })?;
    if let Some(referral) = &file.referral {
        if let Some(unknown) = referral
            .to
            .iter()
            .find(|id| directory.contact(id, None).is_none())
        {
            return Err(Failure::new(format!(
                "{}: the referral names `{unknown}`, which is not a contact in the referral directory ({}); fix the answers file; nothing was saved",
                path.display(),
                directory.contacts.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    Ok(file)
}

/// Walk from an answers file and print the result, the next steps and the record.
fn walk_scripted(
    context: &Context,
    directory: &Directory,
    out: &mut Output,
    store: &mut Store,
    setup: &DeviceSetup,
    screening: Screening<'_>,
    file: &AnswersFile,
) -> Result<(), Failure> {
    let protocol = screening.session().protocol();
    let lang = screening.lang();
    let messages = Messages::new(lang);
    let now = || context.now();
    let cx = WalkContext {
        messages: &messages,
        directory,
        region: setup.card.region.as_deref(),
        width: 80,
        now: &now,
    };
    let mut prompter = PausingPrompter::new(
        ScriptedPrompter::from_answers_file(protocol, file),
        protocol,
    );
    let end = walk::run(&mut prompter, store, screening, &cx)?;
    let WalkEnd::Finished(finished) = end else {
        return Err(Failure::new(
            "the screening stopped before its end; the draft is kept: `qorgau drafts` lists it",
        ));
    };
    outln!(
        out,
        "{}",
        outcome_text(protocol, &finished.outcome, lang, &messages, 80)
    );
    outln!(
        out,
        "{}",
        next_steps_text(
            directory,
            protocol,
            finished.outcome.band,
            &file.answers,
            setup.card.region.as_deref(),
            lang,
            &messages
        )
    );
    // Answers in the file to questions its own answers hide: not recorded.
    let visible = visible_questions(protocol, &file.answers);
    let ignored: Vec<&str> = file
        .answers
        .iter()
        .filter(|(index, _)| !visible[*index])
        .map(|(index, _)| protocol.questions[index].id.as_str())
        .collect();
    if !ignored.is_empty() {
        outln!(
            out,
            "{}: {}",
            messages.get("result-ignored"),
            ignored.join(", ")
        );
    }
    outln!(
        out,
        "{}",
        messages.format(
            "walk-saved",
            &[
                ("code", Arg::Str(&finished.case_code)),
                ("hub", Arg::Str(&setup.hub.name))
            ],
        )
    );
    outln!(out, "record {}", finished.record_id);
    Ok(())
}

/// Walk in the terminal.
fn walk_interactive(
    context: &Context,
    directory: &Directory,
    store: &mut Store,
    setup: &DeviceSetup,
    screening: Screening<'_>,
) -> Result<(), Failure> {
    let messages = Messages::new(screening.lang());
    let mut prompter = TerminalPrompter::new();
    let now = || context.now();
    let cx = WalkContext {
        messages: &messages,
        directory,
        region: setup.card.region.as_deref(),
        width: prompter.width(),
        now: &now,
    };
    install_quick_exit();
    prompter.message(&messages.get("nav-quick-exit-hint"));
    match walk::run(&mut prompter, store, screening, &cx)? {
        WalkEnd::Finished(finished) => {
            prompter.message(&messages.format(
                "walk-saved",
                &[
                    ("code", Arg::Str(&finished.case_code)),
                    ("hub", Arg::Str(&setup.hub.name)),
                ],
            ));
            Ok(())
        }
        WalkEnd::Stopped { draft_id } => {
            prompter.message(&messages.format("walk-stopped", &[("draft", Arg::Str(&draft_id))]));
            Ok(())
        }
        WalkEnd::QuickExit { .. } => Ok(()),
        WalkEnd::NoTerminal { .. } => Err(Failure::new(messages.get("walk-no-terminal"))),
    }
}

pub fn screen(
    context: &Context,
    out: &mut Output,
    spec: &str,
    answers: Option<&Path>,
) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    // A version the coordinator withdrew starts no new screening.
    let file = catalog.find_to_start(spec)?;
    context.warn_local(file);
    let protocol = &file.protocol;
    // Everything that can fail on input is read before a draft exists.
    let directory = context.referrals()?;
    let file = match answers {
        Some(path) => Some(read_answers(path, protocol, &directory)?),
        None if !TerminalPrompter::available() => {
            return Err(Failure::new(
                Messages::new(context.lang).get("walk-no-terminal"),
            ))
        }
        None => None,
    };
    let mut store = Store::open(&dir.device_database())?;
    let screening = Screening::start(&mut store, &setup, protocol, context.lang, &context.now())?;
    match file {
        Some(file) => {
            let draft_id = screening.draft_id().to_owned();
            let result = walk_scripted(
                context, &directory, out, &mut store, &setup, screening, &file,
            );
            // A scripted screen that failed (a full disk, say) leaves no
            // junk draft: its answers are in the file (reliability review P8).
            if result.is_err() {
                let _ = store.discard_draft(&draft_id);
            }
            result
        }
        None => walk_interactive(context, &directory, &mut store, &setup, screening),
    }
}

/// The newest draft's id, for `resume` with no id.
fn newest_draft(store: &Store, lang: qorgau::lang::Lang) -> Result<String, Failure> {
    store
        .drafts()?
        .into_iter()
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
        .map(|d| d.id)
        .ok_or_else(|| Failure::new(Messages::new(lang).get("drafts-nothing-to-resume")))
}

pub fn resume(
    context: &Context,
    out: &mut Output,
    draft_id: Option<&str>,
    answers: Option<&Path>,
) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    let directory = context.referrals()?;
    let mut store = Store::open(&dir.device_database())?;
    let draft_id = match draft_id {
        Some(id) => {
            store.draft(id)?;
            id.to_owned()
        }
        None => newest_draft(&store, context.lang)?,
    };
    if answers.is_none() && !TerminalPrompter::available() {
        return Err(Failure::new(
            Messages::new(context.lang).get("walk-no-terminal"),
        ));
    }
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let screening = Screening::resume(&store, &setup, &keys, &catalog, &draft_id)?;
    let Some(answers) = answers else {
        return walk_interactive(context, &directory, &mut store, &setup, screening);
    };
    let protocol = screening.session().protocol();
    let mut file = read_answers(answers, protocol, &directory)?;
    // Answers already in the draft stand; the file fills in the rest.
    let mut merged = AnswerSet::for_protocol(protocol);
    for (index, answer) in file
        .answers
        .iter()
        .chain(screening.session().answers().iter())
    {
        merged.set(index, Some(answer.clone()));
    }
    file.answers = merged;
    walk_scripted(
        context, &directory, out, &mut store, &setup, screening, &file,
    )
}

#[derive(Serialize)]
struct DraftLine {
    id: String,
    protocol: String,
    started_at: String,
    updated_at: String,
    /// The current question's position among the visible ones.
    position: usize,
    total: usize,
    answered: usize,
    /// Why the draft cannot be opened, if it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

pub fn drafts(context: &Context, out: &mut Output, format: Format) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    let store = Store::open(&dir.device_database())?;
    let rows = store.drafts()?;
    if rows.is_empty() {
        if format == Format::Json {
            return render::print_json(out, &Vec::<DraftLine>::new());
        }
        outln!(out, "{}", context.messages().get("drafts-none"));
        return Ok(());
    }
    // Progress is inside the encrypted drafts: unlock to show it.
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let mut lines = Vec::new();
    for row in rows {
        let screening = match Screening::resume(&store, &setup, &keys, &catalog, &row.id) {
            Ok(screening) => screening,
            Err(problem) => {
                // One draft that cannot be opened does not hide the others.
                lines.push(DraftLine {
                    id: row.id,
                    protocol: format!("{}@{}", row.protocol_id, row.protocol_version),
                    started_at: row.started_at,
                    updated_at: row.updated_at,
                    position: 0,
                    total: 0,
                    answered: 0,
                    problem: Some(problem.to_string()),
                });
                continue;
            }
        };
        let session = screening.session();
        let progress = session.progress();
        let visible = visible_questions(session.protocol(), session.answers());
        let answered = session
            .answers()
            .iter()
            .filter(|(index, _)| visible[*index])
            .count();
        lines.push(DraftLine {
            id: row.id,
            protocol: format!("{}@{}", row.protocol_id, row.protocol_version),
            started_at: row.started_at,
            updated_at: row.updated_at,
            position: progress.position,
            total: progress.total,
            answered,
            problem: None,
        });
    }
    if format == Format::Json {
        return render::print_json(out, &lines);
    }
    let messages = context.messages();
    let header: Vec<String> = [
        "list-draft",
        "list-protocol",
        "list-started",
        "list-at-question",
    ]
    .iter()
    .map(|id| messages.get(id))
    .collect();
    let mut table = render::table(header);
    for line in &lines {
        table.add_row(vec![
            line.id.clone(),
            line.protocol.clone(),
            render::short_time(&line.started_at),
            match &line.problem {
                Some(problem) => problem.clone(),
                None => format!("{} / {}", line.position, line.total),
            },
        ]);
    }
    outln!(out, "{table}");
    outln!(out, "{}", messages.get("drafts-continue"));
    Ok(())
}

pub fn discard(context: &Context, out: &mut Output, draft_id: &str) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    load_device(&dir)?;
    let mut store = Store::open(&dir.device_database())?;
    store.discard_draft(draft_id)?;
    store.checkpoint()?;
    outln!(
        out,
        "{}",
        context
            .messages()
            .format("draft-deleted", &[("id", Arg::Str(draft_id))])
    );
    Ok(())
}
