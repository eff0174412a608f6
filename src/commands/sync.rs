//! `qorgau export`, `qorgau ack`, and the synthetic-data tool `qorgau dev synth`.

use std::path::Path;

use qorgau::crypto::Role;
use qorgau::i18n::{Arg, Messages};
use qorgau::input::{caps, read_text};
use qorgau::protocol::Protocol;
use qorgau::setup::{load_device, unlock};
use qorgau::store::Store;
use qorgau::sync::{acknowledge, plan_export, write_bundle, Acknowledged, ExportError, ExportPlan};
use qorgau::synth::{synthetic_record, Rng};
use qorgau::text::one_line;

use super::Context;
use crate::error::CommandError;
use crate::ui::confirm::confirm;
use crate::ui::output::{outln, Output};
use crate::ui::render;

pub fn export(
    context: &Context,
    out: &mut Output,
    path: &Path,
    yes: bool,
) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let store = Store::open(&dir.device_database())?;
    let messages = context.messages();
    if store.pending()?.is_empty() {
        outln!(out, "{}", context.messages().get("export-nothing"));
        super::screen::tell_unfinished(context, out, &store, None)?;
        return Ok(());
    }
    if path.is_dir() {
        return Err(ExportError::IsFolder {
            path: path.display().to_string(),
        }
        .into());
    }
    // The bundle is signed with the device's key.
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let now = context.now();
    let mut plan = plan_export(&store, &setup, &keys, now)?;
    plan.installed = Some(context.device_state()?);
    show_plan(out, &messages, &plan);
    if plan.is_empty() {
        outln!(out, "{}", messages.get("export-nothing-signed"));
        return Ok(());
    }
    if !yes {
        use std::io::IsTerminal;
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            out.flush_now();
            return Err(CommandError::user(messages.get("export-needs-yes")));
        }
        out.flush_now();
        confirm(
            &messages,
            messages.get("export-confirm"),
            "export-not-confirmed",
        )?;
    }
    let exported = write_bundle(&store, &setup, &keys, &plan, path, now)?;
    let shown = path.display().to_string();
    let records = exported.records.to_string();
    outln!(
        out,
        "{}",
        messages.format(
            "export-done",
            &[
                ("path", Arg::Str(&shown)),
                ("records", Arg::Str(&records)),
                ("hub", Arg::Str(&one_line(&setup.hub.name))),
            ],
        )
    );
    outln!(out, "bundle {}", exported.bundle_id);
    super::screen::tell_unfinished(context, out, &store, Some((&setup, &keys)))?;
    Ok(())
}

/// What the device is about to sign: count, dates, protocols, case codes
/// (from the worker's own summaries), and what is left out or suspicious.
fn show_plan(out: &mut Output, messages: &Messages, plan: &ExportPlan) {
    if let Some((first, last)) = plan.span() {
        outln!(
            out,
            "{}",
            messages.format(
                "export-plan",
                &[
                    ("count", Arg::Num(plan.records.len() as i64)),
                    ("first", Arg::Str(&render::short_time(&first))),
                    ("last", Arg::Str(&render::short_time(&last))),
                ],
            )
        );
        for (protocol, count) in plan.protocols() {
            outln!(out, "  {protocol}: {count}");
        }
        const SHOWN: usize = 30;
        let mut codes: Vec<&str> = plan
            .records
            .iter()
            .take(SHOWN)
            .map(|r| r.case_code.as_str())
            .collect();
        let more = plan.records.len().saturating_sub(SHOWN);
        let more_text;
        if more > 0 {
            more_text = messages.format("export-plan-more", &[("count", Arg::Num(more as i64))]);
            codes.push(&more_text);
        }
        outln!(
            out,
            "{}",
            messages.format(
                "export-plan-codes",
                &[("codes", Arg::Str(&codes.join(", ")))]
            )
        );
    }
    if !plan.left_out.is_empty() {
        outln!(
            out,
            "{}",
            messages.format(
                "export-left-out",
                &[("count", Arg::Num(plan.left_out.len() as i64))]
            )
        );
        for left in &plan.left_out {
            outln!(
                out,
                "  {}  {}",
                render::short_time(&left.finished_at),
                left.record_id
            );
        }
    }
    if !plan.extra_recipients.is_empty() {
        outln!(
            out,
            "{}",
            messages.format(
                "export-extra-recipients",
                &[("count", Arg::Num(plan.extra_recipients.len() as i64))]
            )
        );
        for record in &plan.extra_recipients {
            outln!(
                out,
                "  {}  {}  {}",
                record.case_code,
                render::short_time(&record.pending.finished_at),
                record.pending.record_id
            );
        }
    }
    if !plan.implausible_dates.is_empty() {
        outln!(
            out,
            "{}",
            messages.format(
                "export-implausible",
                &[("count", Arg::Num(plan.implausible_dates.len() as i64))]
            )
        );
        for record in &plan.implausible_dates {
            outln!(
                out,
                "  {}  {}",
                record.case_code,
                record.pending.finished_at
            );
        }
    }
}

pub fn ack(context: &Context, out: &mut Output, path: &Path) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    // Acknowledging deletes records: unlock first, which also checks that
    // the coordinator's card is the one this device was set up with.
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let source = read_text(path, caps::RECEIPT)?;
    let Acknowledged {
        receipt,
        held,
        removed,
    } = acknowledge(&dir, &keys, &setup, &path.display().to_string(), &source)?;
    let messages = context.messages();
    outln!(
        out,
        "{}",
        messages.format(
            "ack-done",
            &[
                ("held", Arg::Num(held as i64)),
                ("removed", Arg::Num(removed as i64))
            ],
        )
    );
    if !receipt.rejected.is_empty() {
        outln!(
            out,
            "{}",
            messages.format(
                "ack-rejected",
                &[("count", Arg::Num(receipt.rejected.len() as i64))]
            )
        );
        for rejection in &receipt.rejected {
            outln!(
                out,
                "  {}: {}",
                one_line(&rejection.record_id),
                one_line(&rejection.reason)
            );
        }
    }
    // The coordinator's update that came back with the receipt.
    super::update::install_beside(context, out, path, &passphrase)
}

pub fn synth(
    context: &Context,
    out: &mut Output,
    count: usize,
    seed: u64,
) -> Result<(), CommandError> {
    // Synthetic records look like real ones: never add them to a real device
    // by accident.
    if std::env::var("QORGAU_DEV").as_deref() != Ok("1") {
        return Err(CommandError::user(
            context.messages().get("error-dev-needs-env"),
        ));
    }
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let catalog = context.catalog()?;
    let protocols: Vec<&Protocol> = catalog.latest().into_iter().map(|f| &f.protocol).collect();
    let mut store = Store::open(&dir.device_database())?;
    let mut rng = Rng::new(seed);
    let start = chrono::Utc::now() - chrono::Duration::days(365);
    let mut batch = Vec::with_capacity(1000);
    for i in 0..count {
        let protocol = protocols[rng.below(protocols.len() as u64) as usize];
        let finished = start + chrono::Duration::minutes(rng.below(365 * 24 * 60) as i64);
        let finished = qorgau::time::Timestamp::from_datetime(finished);
        let (record, sealed, summary) = synthetic_record(protocol, &setup, &mut rng, finished)
            .map_err(|e| CommandError::internal(e.to_string()))?;
        batch.push((record.meta(), sealed, summary));
        if batch.len() == 1000 || i + 1 == count {
            store.insert_finished(&batch)?;
            batch.clear();
        }
    }
    outln!(out, "Created {count} synthetic records (seed {seed}).");
    Ok(())
}
