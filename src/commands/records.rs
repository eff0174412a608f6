//! `qorgau records`, `record show`, `purge`: summaries after unlocking.

use qorgau::crypto::Role;
use qorgau::i18n::{Arg, Messages};
use qorgau::ids::{RecordId, RecordQuery};
use qorgau::record::Summary;
use qorgau::setup::{load_device, unlock};
use qorgau::store::{RecordRow, Store};
use qorgau::time::Timestamp;
use serde::Serialize;

use super::Context;
use crate::cli::Format;
use crate::error::{messages_now, CommandError};
use crate::ui::output::{outln, Output};
use crate::ui::render::{self, Listing};

#[derive(Serialize)]
struct RecordLine {
    id: RecordId,
    /// Decrypted after unlock; absent once purged.
    summary: Option<Summary>,
    protocol: String,
    finished_at: Timestamp,
    sync_state: &'static str,
    synced_at: Option<Timestamp>,
}

fn lines(context: &Context, rows: Vec<RecordRow>) -> Result<Vec<RecordLine>, CommandError> {
    let dir = context.data_dir()?;
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    rows.into_iter()
        .map(|row| {
            let summary = match &row.summary {
                Some(sealed) => Some(sealed.open(&keys.identity).map_err(|e| {
                    let id = row.id.to_string();
                    CommandError::data(
                        messages_now().format("error-summary-unreadable", &[("id", Arg::Str(&id))]),
                    )
                    .with_source(e)
                })?),
                None => None,
            };
            Ok(RecordLine {
                protocol: qorgau::protocol::reference(&row.protocol_id, &row.protocol_version),
                finished_at: row.finished_at,
                sync_state: row.sync_state.into(),
                synced_at: row.synced_at,
                id: row.id,
                summary,
            })
        })
        .collect()
}

/// The band in a few words, with a note when a red flag fired.
fn band_text(band: qorgau::engine::Band, red_flags: bool, messages: &Messages) -> String {
    let words = qorgau::present::band_short(band, messages);
    if red_flags && band != qorgau::engine::Band::ImmediateDanger {
        format!("{words} (!)")
    } else {
        words
    }
}

/// A referral status in words.
fn referral_text(status: Option<qorgau::record::ReferralStatus>, messages: &Messages) -> String {
    status.map_or_else(
        || "-".to_owned(),
        |r| qorgau::present::referral_words(r, messages),
    )
}

fn sync_text(state: &str, messages: &Messages) -> String {
    messages.get(if state == "synced" {
        "sync-synced"
    } else {
        "sync-pending"
    })
}

pub fn list(context: &Context, out: &mut Output, format: Format) -> Result<(), CommandError> {
    let messages = context.messages();
    let dir = context.data_dir()?;
    load_device(&dir)?;
    let store = Store::open(&dir.device_database())?;
    let rows = store.records()?;
    if rows.is_empty() {
        if format == Format::Json {
            return render::print_json(out, &Vec::<RecordLine>::new());
        }
        outln!(out, "{}", messages.get("records-none"));
        return Ok(());
    }
    let lines = lines(context, rows)?;
    if format == Format::Json {
        return render::print_json(out, &lines);
    }
    let mut table = Listing::new(vec![
        (messages.get("list-case"), true),
        (messages.get("list-finished"), true),
        (messages.get("list-protocol"), true),
        (messages.get("list-result"), false),
        (messages.get("list-referral"), false),
        (messages.get("list-sync"), false),
    ]);
    for line in &lines {
        let (case, band, referral) = match &line.summary {
            Some(s) => (
                s.case_code.to_string(),
                band_text(s.band, s.red_flags, &messages),
                referral_text(s.referral, &messages),
            ),
            None => ("-".to_owned(), "-".to_owned(), "-".to_owned()),
        };
        table.row(vec![
            case,
            render::short_time(&line.finished_at),
            line.protocol
                .split('@')
                .next()
                .unwrap_or(&line.protocol)
                .to_owned(),
            band,
            referral,
            sync_text(line.sync_state, &messages),
        ]);
    }
    render::print_listing(out, &table);
    Ok(())
}

pub fn show(
    context: &Context,
    out: &mut Output,
    id: &RecordQuery,
    format: Format,
) -> Result<(), CommandError> {
    let messages = context.messages();
    let dir = context.data_dir()?;
    load_device(&dir)?;
    let store = Store::open(&dir.device_database())?;
    let not_found = || {
        CommandError::user(messages.format("error-no-record", &[("id", Arg::Str(&id.to_string()))]))
    };
    // By record id, or by the case code the worker was given (any case;
    // a device has no codes lengthened by a hub).
    let line = match id {
        RecordQuery::Id(id) => match store.record(id) {
            Ok(row) => lines(context, vec![row])?.remove(0),
            Err(_) => return Err(not_found()),
        },
        RecordQuery::Case { code, suffix: None } => lines(context, store.records()?)?
            .into_iter()
            .find(|l| l.summary.as_ref().is_some_and(|s| s.case_code == *code))
            .ok_or_else(not_found)?,
        RecordQuery::Case {
            suffix: Some(_), ..
        } => return Err(not_found()),
    };
    if format == Format::Json {
        return render::print_json(out, &line);
    }
    outln!(
        out,
        "{}",
        messages.format("record-title", &[("id", Arg::Str(&line.id))])
    );
    let field = |id: &str, value: String| format!("{}: {value}", messages.get(id));
    if let Some(s) = &line.summary {
        outln!(out, "{}", field("record-case", s.case_code.to_string()));
        outln!(out, "{}", field("record-protocol", s.protocol.clone()));
        outln!(
            out,
            "{}",
            field("record-finished", render::short_time(&s.finished_at))
        );
        outln!(
            out,
            "{}",
            field("record-result", band_text(s.band, s.red_flags, &messages))
        );
        outln!(
            out,
            "{}",
            field("record-referral", referral_text(s.referral, &messages))
        );
    }
    outln!(
        out,
        "{}",
        field("record-sync", sync_text(line.sync_state, &messages))
    );
    outln!(out, "{}", messages.get("record-sealed-note"));
    Ok(())
}

pub fn purge(context: &Context, out: &mut Output) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    load_device(&dir)?;
    let config = dir.load_config()?;
    let cutoff = chrono::Duration::try_days(i64::from(config.retention_days))
        .and_then(|days| context.now().checked_sub(days))
        .ok_or_else(|| {
            CommandError::user(context.messages().format(
                "error-retention-too-large",
                &[("days", Arg::Num(i64::from(config.retention_days)))],
            ))
        })?;
    let mut store = Store::open(&dir.device_database())?;
    let removed = store.purge_synced_before(cutoff)?;
    store.checkpoint()?;
    outln!(
        out,
        "{}",
        context.messages().format(
            "purge-done",
            &[
                ("count", Arg::Num(removed as i64)),
                ("days", Arg::Num(i64::from(config.retention_days)))
            ],
        )
    );
    Ok(())
}
