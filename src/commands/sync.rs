//! `qorgau export`, `qorgau ack`, and the synthetic-data tool `qorgau dev synth`.

use std::path::Path;

use qorgau::crypto::Role;
use qorgau::i18n::Arg;
use qorgau::protocol::Protocol;
use qorgau::setup::{load_device, unlock};
use qorgau::store::Store;
use qorgau::sync::{export_bundle, Receipt};
use qorgau::synth::{synthetic_record, Rng};

use super::{Context, Failure};
use crate::ui::output::{outln, Output};

pub fn export(context: &Context, out: &mut Output, path: &Path) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    let store = Store::open(&dir.device_database())?;
    if store.pending()?.is_empty() {
        outln!(out, "{}", context.messages().get("export-nothing"));
        super::screen::tell_unfinished(context, out, &store, None)?;
        return Ok(());
    }
    // The bundle is signed with the device's key.
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Device, &passphrase)?;
    let exported = export_bundle(&store, &setup, &keys, path, &context.now())?;
    if let Some(exported) = exported {
        let path = path.display().to_string();
        let records = exported.records.to_string();
        outln!(
            out,
            "{}",
            context.messages().format(
                "export-done",
                &[
                    ("path", Arg::Str(&path)),
                    ("records", Arg::Str(&records)),
                    ("hub", Arg::Str(&setup.hub.name)),
                ],
            )
        );
        outln!(out, "bundle {}", exported.bundle_id);
    }
    super::screen::tell_unfinished(context, out, &store, Some((&setup, &keys)))?;
    Ok(())
}

pub fn ack(context: &Context, out: &mut Output, path: &Path) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    let setup = load_device(&dir)?;
    // Acknowledging deletes records: unlock first, which also checks that
    // the coordinator's card is the one this device was set up with.
    let passphrase = context.passphrase(false)?;
    unlock(&dir, Role::Device, &passphrase)?;
    let source = std::fs::read_to_string(path).map_err(|e| {
        Failure::new(format!(
            "cannot read the receipt {}: {e}; check the path",
            path.display()
        ))
    })?;
    let receipt = Receipt::verify(
        &path.display().to_string(),
        &source,
        &setup.hub,
        &setup.card.device_id,
    )?;
    let mut store = Store::open(&dir.device_database())?;
    let held: Vec<String> = receipt
        .accepted
        .iter()
        .chain(&receipt.already_held)
        .cloned()
        .collect();
    let forgotten = store.mark_synced(&held, &context.now())?;
    // Empty the WAL so the deleted ciphertext is not left behind in it.
    store.checkpoint()?;
    let messages = context.messages();
    outln!(
        out,
        "{}",
        messages.format(
            "ack-done",
            &[
                ("held", Arg::Num(held.len() as i64)),
                ("removed", Arg::Num(forgotten as i64))
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
            outln!(out, "  {}: {}", rejection.record_id, rejection.reason);
        }
    }
    Ok(())
}

pub fn synth(context: &Context, out: &mut Output, count: usize, seed: u64) -> Result<(), Failure> {
    // Synthetic records look like real ones: never add them to a real device
    // by accident.
    if std::env::var("QORGAU_DEV").as_deref() != Ok("1") {
        return Err(Failure::new(
            "`qorgau dev` adds synthetic records that look like real ones; it runs only with QORGAU_DEV=1, on a data folder made for tests",
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
        let finished = finished.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let (record, sealed, summary) = synthetic_record(protocol, &setup, &mut rng, &finished)
            .map_err(|e| Failure::new(e.to_string()))?;
        batch.push((record.meta(), sealed, summary));
        if batch.len() == 1000 || i + 1 == count {
            store.insert_finished(&batch)?;
            batch.clear();
        }
    }
    outln!(out, "Created {count} synthetic records (seed {seed}).");
    Ok(())
}
