//! `qorgau screen`, `resume`, `drafts`, `discard`. Interactive walks and
//! answers files take the same path: [`qorgau::walk::run`] with the
//! full-screen terminal prompter or a scripted one.

use std::path::Path;

use qorgau::answers_file::{check_consent_for_screening, parse_answers_file, AnswersFile};
use qorgau::catalog::{Catalog, CatalogError};
use qorgau::crypto::{Role, SecretKeys};
use qorgau::engine::visibility::visible_questions;
use qorgau::i18n::{Arg, Messages};
use qorgau::present::outcome_text;
use qorgau::prompt::{Prompter, ScriptedPrompter};
use qorgau::protocol::Protocol;
use qorgau::referral::Directory;
use qorgau::screening::{draft_overviews, find_draft, DraftOverview, Screening};
use qorgau::setup::{load_device, unlock, DeviceSetup};
use qorgau::store::Store;
use qorgau::time::Timestamp;
use qorgau::walk::{self, WalkContext, WalkEnd};

use super::Context;
use crate::cli::Format;
use crate::error::CommandError;
use crate::ui::confirm::confirm;
use crate::ui::output::{outln, Output};
use crate::ui::render::{self, Listing};
use crate::ui::walk::TerminalPrompter;

/// The crash tests' hook: a scripted prompter that pauses before each
/// question, so a test can `kill -9` the process with a known number of
/// answers saved (`QORGAU_TEST_PAUSE_MS`; prints "saved answer N" on
/// stderr). Only in builds with the `test-hooks` feature, which the tests
/// turn on; never in a release build.
#[cfg(feature = "test-hooks")]
mod pausing {
    use qorgau::prompt::{Ask, Prompter, Reply, Screen, ScriptedPrompter};

    pub struct PausingPrompter {
        pub inner: ScriptedPrompter,
        pause: Option<std::time::Duration>,
        seen: usize,
    }

    impl PausingPrompter {
        pub fn new(inner: ScriptedPrompter) -> Self {
            let pause = std::env::var("QORGAU_TEST_PAUSE_MS")
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .map(std::time::Duration::from_millis);
            PausingPrompter {
                inner,
                pause,
                seen: 0,
            }
        }
    }

    impl Prompter for PausingPrompter {
        fn ask(&mut self, screen: &Screen) -> Reply {
            if let (Some(pause), Ask::Question(_)) = (self.pause, &screen.ask) {
                if self.seen > 0 {
                    eprintln!("saved answer {}", self.seen);
                    std::thread::sleep(pause);
                }
                self.seen += 1;
            }
            self.inner.ask(screen)
        }
    }
}

fn scripted(prompter: ScriptedPrompter) -> Box<dyn Prompter> {
    #[cfg(feature = "test-hooks")]
    let prompter = pausing::PausingPrompter::new(prompter);
    Box::new(prompter)
}

fn read_answers(
    context: &Context,
    path: &Path,
    protocol: &Protocol,
    directory: &Directory,
) -> Result<AnswersFile, CommandError> {
    let messages = context.messages();
    let shown = path.display().to_string();
    // Only regular files, under a size cap (reliability review P10, P11).
    let source = qorgau::input::read_text(path, qorgau::input::caps::ANSWERS)?;
    let file = parse_answers_file(protocol, &shown, &source)
        .and_then(|file| check_consent_for_screening(protocol, &shown, &file).map(|()| file))
        .map_err(|d| {
            CommandError::data(format!(
                "{d}\n{}",
                messages.get("error-answers-fix-nothing-saved")
            ))
            .with_hint(messages.format(
                "hint-answers-question-ids",
                &[("protocol", Arg::Str(&protocol.id))],
            ))
        })?;
    if let Some(referral) = &file.referral {
        if let Some(unknown) = referral
            .to
            .iter()
            .find(|id| directory.contact(id, None).is_none())
        {
            let known = directory
                .contacts
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(CommandError::user(messages.format(
                "error-answers-unknown-contact",
                &[
                    ("path", Arg::Str(&shown)),
                    ("contact", Arg::Str(unknown)),
                    ("known", Arg::Str(&known)),
                ],
            )));
        }
    }
    Ok(file)
}

fn walk_context<'a>(
    messages: &'a Messages,
    directory: &'a Directory,
    setup: &'a DeviceSetup,
    now: &'a dyn Fn() -> Timestamp,
) -> WalkContext<'a> {
    WalkContext {
        messages,
        directory,
        region: setup.card.region.as_deref(),
        now,
    }
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
) -> Result<(), CommandError> {
    let protocol = screening.session().protocol();
    let lang = screening.lang();
    let messages = Messages::new(lang);
    let now = || context.now();
    let cx = walk_context(&messages, directory, setup, &now);
    let mut prompter = scripted(ScriptedPrompter::from_answers_file(protocol, file));
    let end = walk::run(prompter.as_mut(), store, screening, &cx)?;
    let WalkEnd::Finished(finished) = end else {
        return Err(CommandError::user(messages.get("error-scripted-stopped")));
    };
    outln!(
        out,
        "{}",
        outcome_text(
            protocol,
            &finished.outcome,
            directory,
            &file.answers,
            setup.card.region.as_deref(),
            lang,
            &messages
        )
        .trim_end()
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
    outln!(
        out,
        "{}",
        messages.format("walk-record-id", &[("id", Arg::Str(&finished.record_id))])
    );
    Ok(())
}

/// Walk full-screen in the terminal; afterwards only the case code (or how
/// to continue) is printed: nothing of the screening stays on screen.
fn walk_interactive(
    context: &Context,
    directory: &Directory,
    out: &mut Output,
    store: &mut Store,
    setup: &DeviceSetup,
    screening: Screening<'_>,
) -> Result<(), CommandError> {
    let messages = Messages::new(screening.lang());
    let now = || context.now();
    let cx = walk_context(&messages, directory, setup, &now);
    let end = {
        let mut prompter = TerminalPrompter::open(Messages::new(screening.lang()))
            .map_err(|_| CommandError::user(messages.get("walk-no-terminal")))?;
        walk::run(&mut prompter, store, screening, &cx)?
        // The prompter is dropped here: the terminal is back as it was.
    };
    match end {
        WalkEnd::Finished(finished) => {
            outln!(
                out,
                "{}",
                render::wrapped(&messages.format(
                    "walk-saved",
                    &[
                        ("code", Arg::Str(&finished.case_code)),
                        ("hub", Arg::Str(&setup.hub.name)),
                    ],
                ))
            );
            Ok(())
        }
        WalkEnd::Stopped { draft_id: Some(id) } => {
            outln!(
                out,
                "{}",
                render::wrapped(&messages.format("walk-stopped", &[("draft", Arg::Str(&id))]))
            );
            Ok(())
        }
        WalkEnd::Stopped { draft_id: None } | WalkEnd::QuickExit { .. } => Ok(()),
        WalkEnd::NoTerminal { .. } => Err(CommandError::user(messages.get("walk-no-terminal"))),
    }
}

/// The protocol to screen with: `spec` as given, or the one protocol whose
/// id it starts (`patronage` → `patronage-home-visit`), or — with no spec,
/// in a terminal — picked from the list of the newest versions.
fn choose_protocol<'c>(
    context: &Context,
    catalog: &'c Catalog,
    spec: Option<&str>,
) -> Result<&'c qorgau::catalog::ProtocolFile, CommandError> {
    let latest = catalog.latest();
    let spec = match spec {
        Some(spec) => spec,
        None if TerminalPrompter::available() => {
            let messages = context.messages();
            let items: Vec<String> = latest
                .iter()
                .map(|f| {
                    format!(
                        "{} — {}",
                        qorgau::present::localized(&f.protocol.title, context.lang, &messages),
                        f.protocol.id
                    )
                })
                .collect();
            let picked = dialoguer::Select::new()
                .with_prompt(messages.get("screen-which"))
                .items(&items)
                .clear(true)
                .report(false)
                .interact_opt()
                .map_err(|_| CommandError::user(messages.get("walk-no-terminal")))?;
            return match picked {
                Some(i) => Ok(latest[i]),
                None => Err(CommandError::user(messages.get("screen-none-picked"))),
            };
        }
        None => {
            let ids: Vec<&str> = latest.iter().map(|f| f.protocol.id.as_str()).collect();
            return Err(CommandError::user(context.messages().format(
                "error-screen-which",
                &[("ids", Arg::Str(&ids.join(", ")))],
            )));
        }
    };
    // A version the coordinator withdrew starts no new screening.
    match catalog.find_to_start(spec) {
        Ok(file) => Ok(file),
        Err(
            withdrawn @ (CatalogError::Withdrawn { .. } | CatalogError::WithdrawnNoOther { .. }),
        ) => Err(withdrawn.into()),
        Err(not_found) => {
            let matching: Vec<&&qorgau::catalog::ProtocolFile> = latest
                .iter()
                .filter(|f| !spec.contains('@') && f.protocol.id.starts_with(spec))
                .collect();
            match matching.as_slice() {
                [one] => Ok(one),
                _ => Err(not_found.into()),
            }
        }
    }
}

pub fn screen(
    context: &Context,
    out: &mut Output,
    spec: Option<&str>,
    answers: Option<&Path>,
) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    let file = choose_protocol(context, &catalog, spec)?;
    context.warn_local(file);
    let protocol = &file.protocol;
    // Everything that can fail on input is read before a draft exists.
    let directory = context.referrals()?;
    let file = match answers {
        Some(path) => Some(read_answers(context, path, protocol, &directory)?),
        None if !TerminalPrompter::available() => {
            return Err(CommandError::user(
                context.messages().get("walk-no-terminal"),
            ))
        }
        None => None,
    };
    let mut store = Store::open(&dir.device_database())?;
    let screening = Screening::start(&mut store, &setup, protocol, context.lang, context.now())?;
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
        None => walk_interactive(context, &directory, out, &mut store, &setup, screening),
    }
}

/// One draft in a line, for the pick list.
fn draft_summary(line: &DraftOverview, messages: &Messages) -> String {
    let protocol = line.protocol_id();
    let mut text = format!(
        "{}  {}  {}  {}",
        line.id,
        protocol,
        render::short_time(&line.started_at),
        messages.format(
            "drafts-answered",
            &[
                ("answered", Arg::Num(line.answered as i64)),
                ("total", Arg::Num(line.total as i64))
            ],
        )
    );
    if line.red_flag {
        text.push_str(&format!("  {}", messages.get("drafts-red-flag")));
    }
    text
}

pub fn resume(
    context: &Context,
    out: &mut Output,
    draft_id: Option<&str>,
    answers: Option<&Path>,
) -> Result<(), CommandError> {
    let messages = context.messages();
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    let directory = context.referrals()?;
    let mut store = Store::open(&dir.device_database())?;
    let rows = store.drafts()?;
    if rows.is_empty() {
        return Err(CommandError::user(messages.get("drafts-nothing-to-resume")));
    }
    let named = match draft_id {
        Some(id) => Some(find_draft(&rows, id)?.id),
        None if rows.len() == 1 => Some(rows[0].id.clone()),
        // Never guess which person's draft to continue.
        None if answers.is_some() || !TerminalPrompter::available() => {
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            return Err(CommandError::user(messages.format(
                "error-resume-which",
                &[("ids", Arg::Str(&ids.join(", ")))],
            )));
        }
        None => None,
    };
    if answers.is_none() && !TerminalPrompter::available() {
        return Err(CommandError::user(messages.get("walk-no-terminal")));
    }
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let draft_id = match named {
        Some(id) => id,
        None => {
            let lines = draft_overviews(&store, &setup, &keys, &catalog)?;
            let items: Vec<String> = lines.iter().map(|l| draft_summary(l, &messages)).collect();
            let picked = dialoguer::Select::new()
                .with_prompt(messages.get("resume-which"))
                .items(&items)
                .clear(true)
                .report(false)
                .interact_opt()
                .map_err(|_| CommandError::user(messages.get("walk-no-terminal")))?;
            match picked {
                Some(i) => lines[i].id.clone(),
                None => return Ok(()),
            }
        }
    };
    let screening = Screening::resume(&store, &setup, &keys, &catalog, &draft_id)?;
    let Some(answers) = answers else {
        return walk_interactive(context, &directory, out, &mut store, &setup, screening);
    };
    let protocol = screening.session().protocol();
    let mut file = read_answers(context, answers, protocol, &directory)?;
    file.answers = screening.fill_in(&file.answers);
    walk_scripted(
        context, &directory, out, &mut store, &setup, screening, &file,
    )
}

pub fn drafts(context: &Context, out: &mut Output, format: Format) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    let store = Store::open(&dir.device_database())?;
    if store.drafts()?.is_empty() {
        if format == Format::Json {
            return render::print_json(out, &Vec::<DraftOverview>::new());
        }
        outln!(out, "{}", context.messages().get("drafts-none"));
        return Ok(());
    }
    // Progress and red flags are inside the encrypted drafts: unlock to show them.
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let lines = draft_overviews(&store, &setup, &keys, &catalog)?;
    if format == Format::Json {
        return render::print_json(out, &lines);
    }
    let messages = context.messages();
    let mut listing = Listing::new(vec![
        (messages.get("list-draft"), true),
        (messages.get("list-protocol"), true),
        (messages.get("list-started"), true),
        (messages.get("list-answered"), false),
    ]);
    for line in lines {
        let protocol = line.protocol_id().to_owned();
        let progress = match line.problem {
            // Why it does not open, in the worker's language.
            Some(problem) => CommandError::from(problem).message().to_owned(),
            None => {
                let mut text = messages.format(
                    "drafts-answered",
                    &[
                        ("answered", Arg::Num(line.answered as i64)),
                        ("total", Arg::Num(line.total as i64)),
                    ],
                );
                if line.red_flag {
                    text = format!("{} {text}", messages.get("drafts-red-flag"));
                }
                text
            }
        };
        listing.row(vec![
            line.id.to_string(),
            protocol,
            render::short_time(&line.started_at),
            progress,
        ]);
    }
    render::print_listing(out, &listing);
    outln!(out, "{}", render::wrapped(&messages.get("drafts-continue")));
    Ok(())
}

pub fn discard(
    context: &Context,
    out: &mut Output,
    draft_id: &str,
    yes: bool,
) -> Result<(), CommandError> {
    let messages = context.messages();
    let dir = context.data_dir()?;
    load_device(&dir)?;
    let mut store = Store::open(&dir.device_database())?;
    let row = find_draft(&store.drafts()?, draft_id)?;
    let protocol = row.protocol_id.clone();
    let started = render::short_time(&row.started_at);
    if !yes && TerminalPrompter::available() {
        let prompt = messages.format(
            "discard-confirm",
            &[
                ("id", Arg::Str(&row.id)),
                ("protocol", Arg::Str(&protocol)),
                ("started", Arg::Str(&started)),
            ],
        );
        confirm(&messages, prompt, "discard-not-confirmed")?;
    }
    store.discard_draft(&row.id)?;
    store.checkpoint()?;
    outln!(
        out,
        "{}",
        messages.format(
            "draft-deleted",
            &[
                ("id", Arg::Str(&row.id)),
                ("protocol", Arg::Str(&protocol)),
                ("started", Arg::Str(&started)),
            ]
        )
    );
    Ok(())
}

/// After an export: how many screenings are unfinished and so not in the
/// file (with how many danger flags, when the keys are open), as ODK says
/// "forms not finalized".
pub fn tell_unfinished(
    context: &Context,
    out: &mut Output,
    store: &Store,
    unlocked: Option<(&DeviceSetup, &SecretKeys)>,
) -> Result<(), CommandError> {
    let count = store.drafts()?.len();
    if count == 0 {
        return Ok(());
    }
    let messages = context.messages();
    let flagged = match unlocked {
        Some((setup, keys)) => {
            let catalog = context.catalog()?;
            Some(
                draft_overviews(store, setup, keys, &catalog)?
                    .iter()
                    .filter(|l| l.red_flag)
                    .count(),
            )
        }
        None => None,
    };
    let text = match flagged {
        Some(flagged) if flagged > 0 => messages.format(
            "export-unfinished-flagged",
            &[
                ("count", Arg::Num(count as i64)),
                ("flagged", Arg::Num(flagged as i64)),
            ],
        ),
        _ => messages.format("export-unfinished", &[("count", Arg::Num(count as i64))]),
    };
    outln!(out, "{}", render::wrapped(&text));
    Ok(())
}
