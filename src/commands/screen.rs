//! `qorgau screen`, `resume`, `drafts`, `discard`.

use std::collections::BTreeSet;
use std::path::Path;

use qorgau::crypto::Role;
use qorgau::engine::visibility::visible_questions;
use qorgau::engine::{parse_answers_file, AnswerSet, AnswersFile, Step};
use qorgau::record::StoredAnswer;
use qorgau::screening::Screening;
use qorgau::setup::{load_device, unlock};
use qorgau::store::Store;
use serde::Serialize;

use super::{Context, Failure};
use crate::cli::Format;
use crate::ui::output::{outln, Output};
use crate::ui::render;

/// A pause after every saved answer, for the crash test (`kill -9` mid-walk).
fn test_pause(saved: usize) {
    if let Some(ms) = std::env::var("QORGAU_TEST_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        eprintln!("saved answer {saved}");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

fn read_answers(path: &Path, protocol: &qorgau::protocol::Protocol) -> Result<AnswersFile, Failure> {
    let source = std::fs::read_to_string(path).map_err(|e| {
        Failure::new(format!(
            "cannot read the answers file {}: {e}; check the path",
            path.display()
        ))
    })?;
    parse_answers_file(protocol, &path.display().to_string(), &source)
        .map_err(|d| Failure::new(format!("{d}\nfix the answers file and run the command again; nothing was saved")))
}

/// Walk the rest of a screening from an answers file, saving after each answer.
fn walk_from_file(
    context: &Context,
    store: &mut Store,
    screening: &mut Screening<'_>,
    file: &AnswersFile,
) -> Result<Vec<String>, Failure> {
    let protocol = screening.session().protocol();
    if let Some(consent) = file.consent {
        screening.set_consent(store, consent, &context.now())?;
    }
    let mut asked = BTreeSet::new();
    let mut saved = 0;
    while let Some((index, _)) = screening.session().current() {
        asked.insert(index);
        let step = match file.answers.get(index) {
            Some(answer) => Step::Answer(StoredAnswer::from_answer(answer, protocol, index).to_input()),
            None => Step::Skip,
        };
        screening.step(store, step, &context.now())?;
        saved += 1;
        test_pause(saved);
    }
    // Answers in the file to questions the walk never reached: skip logic hid them.
    let ignored = file
        .answers
        .iter()
        .filter(|(index, _)| !asked.contains(index))
        .map(|(index, _)| protocol.questions[index].id.clone())
        .collect();
    Ok(ignored)
}

fn finish(
    context: &Context,
    out: &mut Output,
    store: &mut Store,
    screening: Screening<'_>,
    file: &AnswersFile,
    ignored: Vec<String>,
) -> Result<(), Failure> {
    let protocol = screening.session().protocol();
    let lang = screening.lang();
    let hub_name = context.data_dir().ok().and_then(|d| load_device(&d).ok()).map(|s| s.hub.name);
    let finished = screening.finish(store, file.referral.clone(), &context.now())?;
    render::print_outcome(out, protocol, &finished.outcome, lang);
    let directory = context.referrals()?;
    render::print_next_steps(out, &directory, &protocol.id, finished.outcome.band, lang);
    outln!(out);
    if !ignored.is_empty() {
        outln!(out, "Not asked (skip logic hid them), so not recorded: {}", ignored.join(", "));
    }
    outln!(out, "Saved as record {} (case code {}).", finished.record_id, finished.case_code);
    if let Some(name) = hub_name {
        outln!(out, "It is sealed for {name}: this device cannot read it back.");
    }
    Ok(())
}

pub fn screen(context: &Context, out: &mut Output, spec: &str, answers: Option<&Path>) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    let protocol = &catalog.find(spec)?.protocol;
    let Some(answers) = answers else {
        return crate::commands::interactive::screen(context, out, &dir, &setup, protocol);
    };
    let file = read_answers(answers, protocol)?;
    let mut store = Store::open(&dir.device_database())?;
    let mut screening = Screening::start(&mut store, &setup, protocol, context.lang, &context.now())?;
    let ignored = walk_from_file(context, &mut store, &mut screening, &file)?;
    finish(context, out, &mut store, screening, &file, ignored)
}

/// The newest draft's id, for `resume` with no id.
fn newest_draft(store: &Store) -> Result<String, Failure> {
    store
        .drafts()?
        .into_iter()
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
        .map(|d| d.id)
        .ok_or_else(|| Failure::new("there are no unfinished screenings to resume"))
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
    let mut store = Store::open(&dir.device_database())?;
    let draft_id = match draft_id {
        Some(id) => {
            store.draft(id)?;
            id.to_owned()
        }
        None => newest_draft(&store)?,
    };
    let passphrase = context.passphrase("Passphrase", false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let mut screening = Screening::resume(&store, &setup, &keys, &catalog, &draft_id)?;
    let Some(answers) = answers else {
        return crate::commands::interactive::resume(context, out, &mut store, screening);
    };
    let protocol = screening.session().protocol();
    let mut file = read_answers(answers, protocol)?;
    // Answers already given in the draft stand; the file fills in the rest.
    let mut merged = AnswerSet::for_protocol(protocol);
    for (index, answer) in file.answers.iter() {
        merged.set(index, Some(answer.clone()));
    }
    for (index, answer) in screening.session().answers().iter() {
        merged.set(index, Some(answer.clone()));
    }
    file.answers = merged;
    let ignored = walk_from_file(context, &mut store, &mut screening, &file)?;
    finish(context, out, &mut store, screening, &file, ignored)
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
        outln!(out, "No unfinished screenings.");
        return Ok(());
    }
    // Progress is inside the encrypted drafts: unlock to show it.
    let passphrase = context.passphrase("Passphrase", false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let mut lines = Vec::new();
    for row in rows {
        let screening = Screening::resume(&store, &setup, &keys, &catalog, &row.id)?;
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
        });
    }
    if format == Format::Json {
        return render::print_json(out, &lines);
    }
    let mut table = render::table(&["draft", "protocol", "started", "at question"]);
    for line in &lines {
        table.add_row(vec![
            line.id.clone(),
            line.protocol.clone(),
            render::short_time(&line.started_at),
            format!("{} of {}", line.position, line.total),
        ]);
    }
    outln!(out, "{table}");
    outln!(out, "Continue one with `qorgau resume DRAFT_ID`.");
    Ok(())
}

pub fn discard(context: &Context, out: &mut Output, draft_id: &str) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    load_device(&dir)?;
    let mut store = Store::open(&dir.device_database())?;
    store.discard_draft(draft_id)?;
    store.checkpoint()?;
    outln!(out, "Draft {draft_id} deleted.");
    Ok(())
}
