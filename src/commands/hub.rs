//! `qorgau hub enroll | revoke | devices | import | records | record show | export-identity`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use qorgau::crypto::{DeviceCard, Role};
use qorgau::datadir::write_private;
use qorgau::i18n::{Arg, Messages};
use qorgau::present::{answer_label, localized, outcome_text};
use qorgau::record::{restore_answers, Record};
use qorgau::setup::unlock;
use qorgau::store::hub::HubStore;
use qorgau::sync::{import_bundle, Receipt};
use serde::Serialize;

use super::{Context, Failure};
use crate::cli::Format;
use crate::ui::output::{outln, Output};
use crate::ui::render;

fn open_hub(context: &Context) -> Result<(qorgau::datadir::DataDir, HubStore), Failure> {
    let dir = context.data_dir()?;
    if !dir.hub_key().exists() {
        return Err(Failure::new(format!(
            "no hub is set up in {}: run `qorgau hub init` first (or give --data-dir)",
            dir.root().display()
        )));
    }
    let store = HubStore::open(&dir.hub_database())?;
    Ok((dir, store))
}

pub fn enroll(
    context: &Context,
    out: &mut Output,
    card_path: &Path,
    force: bool,
) -> Result<(), Failure> {
    let (_, mut store) = open_hub(context)?;
    let source = std::fs::read_to_string(card_path).map_err(|e| {
        Failure::new(format!(
            "cannot read the device card {}: {e}",
            card_path.display()
        ))
    })?;
    let card = DeviceCard::parse(&card_path.display().to_string(), &source).map_err(|d| {
        Failure::new(format!(
            "{d}\nthe device card is not valid: ask for a new copy"
        ))
    })?;
    if let Some(known) = store.device(&card.device_id)? {
        let key = qorgau::crypto::keys::encode_verifying_key(&card.verifying_key);
        if !force && known.revoked_at.is_some() {
            return Err(Failure::new(format!(
                "device {} was revoked on {}: enrolling it again trusts it again; if that is meant, add --force",
                card.device_id,
                known.revoked_at.unwrap_or_default()
            )));
        }
        if !force && known.signing_key != key {
            return Err(Failure::new(format!(
                "device {} is enrolled with another signing key ({} now, {} in this card): a new card for the same device id is suspicious; check with the worker, then add --force",
                card.device_id,
                &known.signing_key[..12.min(known.signing_key.len())],
                &key[..12]
            )));
        }
    }
    let new = store.enroll(&card, &context.now())?;
    let region = card.region.as_deref().unwrap_or("-");
    let key = if new {
        "hub-enrolled"
    } else {
        "hub-enrolled-again"
    };
    outln!(
        out,
        "{}",
        context.messages().format(
            key,
            &[
                ("device", Arg::Str(&card.device_id)),
                ("region", Arg::Str(region))
            ]
        )
    );
    Ok(())
}

pub fn revoke(context: &Context, out: &mut Output, device_id: &str) -> Result<(), Failure> {
    let (_, mut store) = open_hub(context)?;
    if store.device(device_id)?.is_none() {
        return Err(Failure::new(format!(
            "no enrolled device `{device_id}`: `qorgau hub devices` lists them"
        )));
    }
    let key = if store.revoke(device_id, &context.now())? {
        "hub-revoked"
    } else {
        "hub-revoked-already"
    };
    outln!(
        out,
        "{}",
        context
            .messages()
            .format(key, &[("device", Arg::Str(device_id))])
    );
    Ok(())
}

#[derive(Serialize)]
struct DeviceLine {
    device_id: String,
    region: Option<String>,
    enrolled_at: String,
    revoked_at: Option<String>,
    last_import_at: Option<String>,
    records_imported: i64,
}

pub fn devices(context: &Context, out: &mut Output, format: Format) -> Result<(), Failure> {
    let (_, store) = open_hub(context)?;
    let lines: Vec<DeviceLine> = store
        .devices()?
        .into_iter()
        .map(|d| DeviceLine {
            device_id: d.device_id,
            region: d.region,
            enrolled_at: d.enrolled_at,
            revoked_at: d.revoked_at,
            last_import_at: d.last_import_at,
            records_imported: d.records_imported,
        })
        .collect();
    if format == Format::Json {
        return render::print_json(out, &lines);
    }
    let messages = context.messages();
    let mut table = render::Listing::new(vec![
        (messages.get("list-device"), true),
        (messages.get("list-region"), true),
        (messages.get("list-enrolled"), true),
        (messages.get("list-last-import"), true),
        (messages.get("list-records"), true),
        (messages.get("list-status"), false),
    ]);
    for line in &lines {
        table.row(vec![
            line.device_id.clone(),
            line.region.clone().unwrap_or_default(),
            render::short_time(&line.enrolled_at),
            line.last_import_at
                .as_deref()
                .map(render::short_time)
                .unwrap_or_default(),
            line.records_imported.to_string(),
            messages.get(if line.revoked_at.is_some() {
                "device-revoked"
            } else {
                "device-active"
            }),
        ]);
    }
    render::print_listing(out, &table);
    Ok(())
}

pub fn import(
    context: &Context,
    out: &mut Output,
    files: &[PathBuf],
    receipt_dir: Option<&Path>,
) -> Result<(), Failure> {
    let (dir, mut store) = open_hub(context)?;
    let messages = context.messages();
    if let Some(folder) = receipt_dir {
        if !folder.is_dir() {
            return Err(Failure::new(format!(
                "the receipt folder {} does not exist: create it or give another --receipt-dir; nothing was imported",
                folder.display()
            )));
        }
    }
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    // Workers open sealed records: one per core, and two more, which keep
    // the cores busy while the main thread reads the bundle and writes the
    // database (measured best in `cargo bench --bench sync`).
    let workers = qorgau::sync::import::default_workers();
    let progress = if files.len() > 1 && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} bundles {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let mut failed = 0;
    for file in files {
        let name = file.display().to_string();
        let result = std::fs::File::open(file)
            .map_err(|e| format!("cannot read it: {e}"))
            .and_then(|f| {
                import_bundle(&mut store, &keys, f, &context.now(), workers)
                    .map_err(|e| e.to_string())
            });
        let line = match result {
            Ok(report) => {
                let receipt = Receipt::for_import(&report, &keys.id, &context.now());
                let folder = receipt_dir
                    .map(Path::to_path_buf)
                    .or_else(|| file.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                // Named after the bundle (week48.qgb -> week48.receipt), so the
                // worker finds the receipt for the file they brought.
                let stem = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| report.bundle_id.chars().take(16).collect());
                let receipt_path = folder.join(format!("{stem}.receipt"));
                if let Err(e) = write_private(
                    &receipt_path,
                    receipt.to_signed_toml(&keys).as_bytes(),
                    true,
                ) {
                    // The bundle is stored; importing it again writes the receipt.
                    failed += 1;
                    let line = format!(
                        "{name}: stored, but its receipt could not be written ({e}); import the same file again with a writable --receipt-dir to get it"
                    );
                    match &progress {
                        Some(bar) => bar.println(&line),
                        None => outln!(out, "{line}"),
                    }
                    if let Some(bar) = &progress {
                        bar.inc(1);
                    }
                    continue;
                }
                let receipt_name = receipt_path.display().to_string();
                messages.format(
                    "hub-import-done",
                    &[
                        ("file", Arg::Str(&name)),
                        ("accepted", Arg::Num(report.accepted.len() as i64)),
                        ("held", Arg::Num(report.already_held.len() as i64)),
                        ("rejected", Arg::Num(report.rejected.len() as i64)),
                        ("receipt", Arg::Str(&receipt_name)),
                    ],
                )
            }
            Err(reason) => {
                failed += 1;
                messages.format(
                    "hub-import-refused",
                    &[("file", Arg::Str(&name)), ("reason", Arg::Str(&reason))],
                )
            }
        };
        match &progress {
            Some(bar) => {
                bar.println(&line);
                bar.inc(1);
            }
            None => outln!(out, "{line}"),
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if failed > 0 {
        return Err(Failure::new(messages.format(
            "hub-import-failed",
            &[
                ("failed", Arg::Num(failed)),
                ("total", Arg::Num(files.len() as i64)),
            ],
        )));
    }
    Ok(())
}

fn open_records(context: &Context) -> Result<(HubStore, qorgau::crypto::SecretKeys), Failure> {
    let (dir, store) = open_hub(context)?;
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    Ok((store, keys))
}

fn open_record(
    keys: &qorgau::crypto::SecretKeys,
    row: &qorgau::store::hub::HubRecordRow,
) -> Result<Record, Failure> {
    row.sealed.open(&keys.identity).map_err(|e| {
        Failure::new(format!(
            "record {} cannot be opened with this hub's key ({e}): the hub database may be damaged",
            row.meta.record_id
        ))
    })
}

#[derive(Serialize)]
struct RecordLine<'a> {
    record_id: &'a str,
    case_code: &'a str,
    device_id: &'a str,
    region: Option<&'a str>,
    protocol: String,
    finished_at: &'a str,
    band: qorgau::engine::Band,
    consent: qorgau::record::Consent,
    referral: Option<qorgau::record::ReferralStatus>,
}

pub fn records(
    context: &Context,
    out: &mut Output,
    filter: &crate::cli::HubRecordFilter,
    format: Format,
) -> Result<(), Failure> {
    let messages = context.messages();
    for (name, value) in [("since", &filter.since), ("until", &filter.until)] {
        if let Some(v) = value {
            if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
                return Err(Failure::new(messages.format(
                    "error-bad-date",
                    &[("option", Arg::Str(name)), ("value", Arg::Str(v))],
                )));
            }
        }
    }
    let band = match &filter.band {
        Some(b) => Some(b.parse::<qorgau::engine::Band>().map_err(Failure::new)?),
        None => None,
    };
    let (store, keys) = open_records(context)?;
    let rows = store.records()?;
    let mut records: Vec<Record> = rows
        .iter()
        .map(|row| open_record(&keys, row))
        .collect::<Result<_, _>>()?;
    let day = |r: &Record| r.finished_at.get(..10).unwrap_or("").to_owned();
    records.retain(|r| {
        filter.since.as_deref().is_none_or(|d| day(r).as_str() >= d)
            && filter.until.as_deref().is_none_or(|d| day(r).as_str() <= d)
            && filter
                .protocol
                .as_deref()
                .is_none_or(|p| r.protocol.id == p)
            && band.is_none_or(|b| r.outcome.band == b)
            && filter
                .region
                .as_deref()
                .is_none_or(|g| r.region.as_deref() == Some(g))
            && (!filter.pending
                || r.referral
                    .as_ref()
                    .is_some_and(|x| x.status == qorgau::record::ReferralStatus::Pending))
    });
    let matching = records.len();
    // Newest first, the newest `limit` of them.
    records.sort_by(|a, b| b.finished_at.cmp(&a.finished_at));
    records.truncate(filter.limit);
    let lines: Vec<RecordLine<'_>> = records
        .iter()
        .map(|r| RecordLine {
            record_id: &r.record_id,
            case_code: &r.case_code,
            device_id: &r.device_id,
            region: r.region.as_deref(),
            protocol: format!("{}@{}", r.protocol.id, r.protocol.version),
            finished_at: &r.finished_at,
            band: r.outcome.band,
            consent: r.consent,
            referral: r.referral.as_ref().map(|x| x.status),
        })
        .collect();
    if format == Format::Json {
        return render::print_json(out, &lines);
    }
    let mut table = render::Listing::new(vec![
        (messages.get("list-case"), true),
        (messages.get("list-finished"), true),
        (messages.get("list-protocol"), true),
        (messages.get("list-region"), true),
        (messages.get("list-result"), false),
        (messages.get("list-referral"), false),
    ]);
    for line in &lines {
        table.row(vec![
            line.case_code.to_owned(),
            render::short_time(line.finished_at),
            line.protocol
                .split('@')
                .next()
                .unwrap_or(&line.protocol)
                .to_owned(),
            line.region.unwrap_or("-").to_owned(),
            qorgau::present::band_short(line.band, &messages),
            line.referral.map_or_else(
                || "-".to_owned(),
                |r| qorgau::present::referral_words(r, &messages),
            ),
        ]);
    }
    render::print_listing(out, &table);
    outln!(
        out,
        "{}",
        messages.format(
            "hub-records-count",
            &[("count", Arg::Num(lines.len() as i64))]
        )
    );
    if matching > lines.len() {
        outln!(
            out,
            "{}",
            messages.format(
                "hub-records-more",
                &[("count", Arg::Num((matching - lines.len()) as i64))]
            )
        );
    }
    Ok(())
}

pub fn record_show(
    context: &Context,
    out: &mut Output,
    id: &str,
    format: Format,
) -> Result<(), Failure> {
    let (store, keys) = open_records(context)?;
    // By record id or by case code.
    let row = match store.record(id) {
        Ok(row) => row,
        Err(not_found) => {
            let mut found = None;
            for row in store.records()? {
                if open_record(&keys, &row)?.case_code.eq_ignore_ascii_case(id) {
                    found = Some(row);
                    break;
                }
            }
            found.ok_or(not_found)?
        }
    };
    let record = open_record(&keys, &row)?;
    if format == Format::Json {
        return render::print_json(out, &record);
    }
    // In the reader's language (--lang), not the one the screening was done in.
    let lang = context.lang;
    let messages = Messages::new(lang);
    outln!(
        out,
        "{}",
        messages.format(
            "hub-record-head",
            &[
                ("code", Arg::Str(&record.case_code)),
                ("id", Arg::Str(&record.record_id)),
                ("device", Arg::Str(&record.device_id)),
                ("region", Arg::Str(record.region.as_deref().unwrap_or("-"))),
            ],
        )
    );
    outln!(
        out,
        "{}",
        messages.format(
            "hub-record-times",
            &[
                ("started", Arg::Str(&render::short_time(&record.started_at))),
                (
                    "finished",
                    Arg::Str(&render::short_time(&record.finished_at))
                ),
                ("lang", Arg::Str(record.lang.code())),
            ],
        )
    );
    outln!(
        out,
        "{}: {}",
        messages.get("record-consent"),
        qorgau::present::consent_words(record.consent, &messages)
    );
    let directory = context.referrals()?;
    if let Some(referral) = &record.referral {
        let to: Vec<String> = referral
            .to
            .iter()
            .map(|id| {
                directory.contact(id, record.region.as_deref()).map_or_else(
                    || id.clone(),
                    |c| match &c.phone {
                        Some(phone) => format!("{phone} {}", localized(&c.name, lang, &messages)),
                        None => localized(&c.name, lang, &messages),
                    },
                )
            })
            .collect();
        let mut text = qorgau::present::referral_words(referral.status, &messages);
        if !to.is_empty() {
            text = format!("{text}: {}", to.join(", "));
        }
        if let Some(reason) = &referral.reason {
            text = format!("{text} ({reason})");
        }
        outln!(out, "{}: {text}", messages.get("record-referral"));
    }
    let catalog = context.catalog()?;
    let reference = format!("{}@{}", record.protocol.id, record.protocol.version);
    match catalog.find(&reference) {
        Ok(file) if file.protocol.sha256 == record.protocol.sha256 => {
            let protocol = &file.protocol;
            let answers = restore_answers(protocol, &record.answers)
                .map_err(|e| Failure::new(e.to_string()))?;
            let mut table = render::Listing::new(vec![
                (messages.get("review-question"), false),
                (messages.get("review-answer"), false),
            ]);
            for (index, answer) in answers.iter() {
                let question = &protocol.questions[index];
                table.row(vec![
                    localized(&question.text, lang, &messages),
                    answer_label(question, Some(answer), lang, &messages),
                ]);
            }
            render::print_listing(out, &table);
            outln!(
                out,
                "{}",
                outcome_text(
                    protocol,
                    &record.outcome,
                    &directory,
                    &answers,
                    record.region.as_deref(),
                    lang,
                    &messages
                )
                .trim_end()
            );
        }
        _ => {
            outln!(
                out,
                "{}",
                messages.format(
                    "hub-record-protocol-missing",
                    &[("protocol", Arg::Str(&reference))]
                )
            );
            for (id, value) in &record.answers {
                outln!(out, "  {id} = {value:?}");
            }
            outln!(
                out,
                "{}: {}",
                messages.get("record-result"),
                qorgau::present::band_short(record.outcome.band, &messages)
            );
        }
    }
    Ok(())
}

pub fn export_identity(
    context: &Context,
    out: &mut Output,
    path: &Path,
    yes: bool,
) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    if path.exists() {
        return Err(Failure::new(format!(
            "{} already exists: qorgau never overwrites it; choose another file",
            path.display()
        )));
    }
    if !yes {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(Failure::new("this writes the hub's secret key in the clear: confirm with --yes, or run it in a terminal"));
        }
        let confirmed = dialoguer::Confirm::new()
            .with_prompt(context.messages().get("identity-confirm"))
            .default(false)
            .interact()
            .map_err(|e| Failure::new(format!("could not ask for confirmation: {e}")))?;
        if !confirmed {
            return Err(Failure::new("not confirmed: nothing was written"));
        }
    }
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    let text = format!(
        "# Qorgau hub {} identity, exported {}\n# public key: {}\n{}\n",
        keys.id,
        context.now(),
        keys.recipient(),
        keys.identity.to_string().expose_secret()
    );
    write_private(path, text.as_bytes(), false).map_err(|e| Failure::new(e.to_string()))?;
    let shown = path.display().to_string();
    outln!(
        out,
        "{}",
        context
            .messages()
            .format("identity-done", &[("path", Arg::Str(&shown))])
    );
    Ok(())
}
