//! `qorgau hub enroll | revoke | devices | import | records | record show | export-identity`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use qorgau::crypto::mac::RowKey;
use qorgau::crypto::{DeviceCard, HubCard, Role, SecretKeys};
use qorgau::datadir::write_private;
use qorgau::hub::intake::{Imported, Receipted};
use qorgau::hub::Skipped;
use qorgau::i18n::{Arg, Messages};
use qorgau::ids::{DeviceId, RecordId, RecordQuery};
use qorgau::input::{caps, read_text};
use qorgau::present::{answer_label, localized, outcome_text};
use qorgau::record::restore_answers;
use qorgau::report::cache::FactsCache;
use qorgau::setup::unlock;
use qorgau::store::hub::HubStore;
use qorgau::sync::ImportOptions;
use qorgau::text::{break_long_words, one_line, printable};
use qorgau::time::Timestamp;
use serde::Serialize;

use super::Context;
use crate::cli::Format;
use crate::error::CommandError;
use crate::ui::confirm::confirm;
use crate::ui::output::{outln, Output};
use crate::ui::render;

fn open_hub(context: &Context) -> Result<(qorgau::datadir::DataDir, HubStore), CommandError> {
    let dir = context.data_dir()?;
    if !dir.hub_key().exists() {
        let root = dir.root().display().to_string();
        return Err(CommandError::user(
            context
                .messages()
                .format("error-no-hub", &[("path", Arg::Str(&root))]),
        ));
    }
    let store = HubStore::open(&dir.hub_database())?;
    Ok((dir, store))
}

/// The hub's store and keys: every command that changes trust or reads
/// records needs the passphrase (security review F6).
pub(super) fn unlock_hub(
    context: &Context,
) -> Result<(qorgau::datadir::DataDir, HubStore, SecretKeys), CommandError> {
    let (dir, store) = open_hub(context)?;
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    Ok((dir, store, keys))
}

pub fn enroll(
    context: &Context,
    out: &mut Output,
    card_path: &Path,
    force: bool,
    name: Option<&str>,
) -> Result<(), CommandError> {
    let source = read_text(card_path, caps::CARD)?;
    let card = DeviceCard::parse(&card_path.display().to_string(), &source).map_err(|d| {
        CommandError::data(format!(
            "{d}\n{}",
            context.messages().get("error-device-card-invalid")
        ))
    })?;
    let (_, mut store, keys) = unlock_hub(context)?;
    let new = qorgau::hub::enroll(&mut store, &keys, &card, name, force, context.now())?;
    let region = card.region.as_deref().unwrap_or("-");
    let key = if new {
        "hub-enrolled"
    } else {
        "hub-enrolled-again"
    };
    let messages = context.messages();
    outln!(
        out,
        "{}",
        messages.format(
            key,
            &[
                ("device", Arg::Str(&card.device_id)),
                ("region", Arg::Str(region))
            ]
        )
    );
    if let Some(name) = store.device(&card.device_id)?.and_then(|d| d.name) {
        outln!(
            out,
            "{}",
            messages.format("hub-enroll-name", &[("name", Arg::Str(&one_line(&name)))])
        );
    }
    let fingerprint = card.fingerprint().to_string();
    outln!(
        out,
        "{}",
        messages.format(
            "hub-enroll-fingerprint",
            &[("fingerprint", Arg::Str(&fingerprint))]
        )
    );
    Ok(())
}

pub fn revoke(
    context: &Context,
    out: &mut Output,
    device_id: &DeviceId,
) -> Result<(), CommandError> {
    let (_, mut store, keys) = unlock_hub(context)?;
    if store.device(device_id)?.is_none() {
        let shown = one_line(device_id);
        return Err(CommandError::user(
            context
                .messages()
                .format("error-no-device", &[("id", Arg::Str(&shown))]),
        ));
    }
    let key = if store.revoke(device_id, context.now(), &RowKey::derive(&keys))? {
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
    device_id: DeviceId,
    name: Option<String>,
    region: Option<String>,
    enrolled_at: Timestamp,
    revoked_at: Option<Timestamp>,
    last_import_at: Option<Timestamp>,
    records_imported: i64,
    /// False when the row was changed outside qorgau: not trusted.
    genuine: bool,
    /// What the device had in force at its newest bundle (if it said).
    installed: Option<qorgau::device_state::DeviceState>,
}

pub fn devices(context: &Context, out: &mut Output, format: Format) -> Result<(), CommandError> {
    let (_, store, keys) = unlock_hub(context)?;
    let row_key = RowKey::derive(&keys);
    let mut states: std::collections::BTreeMap<DeviceId, qorgau::device_state::DeviceState> = store
        .device_states(&row_key)?
        .into_iter()
        .filter_map(|(device, row)| Some((device, row?.state)))
        .collect();
    let lines: Vec<DeviceLine> = store
        .devices()?
        .into_iter()
        .map(|d| DeviceLine {
            installed: states.remove(&d.device_id),
            genuine: d.verify(&row_key),
            device_id: d.device_id,
            name: d.name.as_deref().map(|n| one_line(n).into_owned()),
            region: d.region.as_deref().map(|r| one_line(r).into_owned()),
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
        (messages.get("list-device-name"), false),
        (messages.get("list-device"), true),
        (messages.get("list-region"), true),
        (messages.get("list-enrolled"), true),
        (messages.get("list-last-import"), true),
        (messages.get("list-records"), true),
        (messages.get("list-update"), true),
        (messages.get("list-directory"), true),
        (messages.get("list-status"), false),
    ]);
    let mut versions: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
    for line in &lines {
        let installed = line.installed.as_ref();
        for protocol in installed.iter().flat_map(|s| &s.protocols) {
            *versions.entry(one_line(protocol).into_owned()).or_default() += 1;
        }
        table.row(vec![
            line.name.clone().unwrap_or_default(),
            line.device_id.to_string(),
            line.region.clone().unwrap_or_default(),
            render::short_time(&line.enrolled_at),
            line.last_import_at
                .as_ref()
                .map(render::short_time)
                .unwrap_or_default(),
            line.records_imported.to_string(),
            installed
                .and_then(|s| s.update)
                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
            installed
                .and_then(|s| s.directory.as_deref())
                .map_or_else(|| "-".to_owned(), |d| one_line(d).into_owned()),
            messages.get(if !line.genuine {
                "device-changed"
            } else if line.revoked_at.is_some() {
                "device-revoked"
            } else {
                "device-active"
            }),
        ]);
    }
    render::print_listing(out, &table);
    if !versions.is_empty() {
        outln!(out, "{}", messages.get("hub-devices-versions"));
        for (protocol, count) in &versions {
            outln!(
                out,
                "  {}",
                messages.format(
                    "hub-devices-version",
                    &[
                        ("protocol", Arg::Str(protocol)),
                        ("count", Arg::Num(*count))
                    ]
                )
            );
        }
    }
    Ok(())
}

pub fn import(
    context: &Context,
    out: &mut Output,
    files: &[PathBuf],
    receipt_dir: Option<&Path>,
) -> Result<(), CommandError> {
    let (dir, mut store) = open_hub(context)?;
    let messages = context.messages();
    if let Some(folder) = receipt_dir {
        if !folder.is_dir() {
            let shown = folder.display().to_string();
            return Err(CommandError::user(
                messages.format("error-no-receipt-dir", &[("path", Arg::Str(&shown))]),
            ));
        }
    }
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    let card = HubCard::parse(
        &dir.hub_card().display().to_string(),
        &read_text(&dir.hub_card(), caps::CARD)?,
    )
    .map_err(|d| CommandError::data(d.to_string()))?;
    // Workers open sealed records: one per core, and two more, which keep
    // the cores busy while this thread stores what they checked (measured
    // best in `cargo bench --bench sync`).
    let mut options = ImportOptions::new(context.now());
    options.recipients = card.recipients.len();
    let facts = FactsCache::new(vec![keys.recipient()]);
    let progress = if files.len() > 1 && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{bar:40}} {{pos}}/{{len}} {} {{msg}}",
                messages.get("hub-import-progress")
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let say = |out: &mut Output, line: &str| match &progress {
        Some(bar) => bar.println(line),
        None => outln!(out, "{line}"),
    };
    let mut failed = 0;
    for file in files {
        let name = file.display().to_string();
        options.now = context.now();
        let result = qorgau::hub::intake::import_file(
            &mut store,
            &keys,
            file,
            receipt_dir,
            &options,
            &facts,
        );
        match result {
            Ok(Imported { report, receipt }) => {
                match receipt {
                    Err(e) => {
                        // The bundle is stored; importing it again writes the receipt.
                        failed += 1;
                        let error = CommandError::from(e).message().to_owned();
                        say(
                            out,
                            &messages.format(
                                "hub-import-no-receipt",
                                &[("file", Arg::Str(&name)), ("error", Arg::Str(&error))],
                            ),
                        );
                    }
                    Ok(Receipted { path, update }) => {
                        say(
                            out,
                            &messages.format(
                                "hub-import-done",
                                &[
                                    ("file", Arg::Str(&name)),
                                    ("accepted", Arg::Num(report.accepted.len() as i64)),
                                    ("held", Arg::Num(report.already_held.len() as i64)),
                                    ("rejected", Arg::Num(report.rejected.len() as i64)),
                                    ("receipt", Arg::Str(&path.display().to_string())),
                                ],
                            ),
                        );
                        // The coordinator's newest update travels back with the receipt.
                        match update {
                            Ok(Some((sequence, path))) => say(
                                out,
                                &messages.format(
                                    "hub-import-update",
                                    &[
                                        ("seq", Arg::Num(i64::try_from(sequence).unwrap_or(0))),
                                        ("path", Arg::Str(&path.display().to_string())),
                                    ],
                                ),
                            ),
                            Ok(None) => {}
                            Err(e) => {
                                failed += 1;
                                say(out, &CommandError::from(e).text(&messages));
                            }
                        }
                    }
                }
                for rejection in &report.rejected {
                    say(
                        out,
                        &format!(
                            "  {}: {}",
                            one_line(&rejection.record_id),
                            one_line(&rejection.reason)
                        ),
                    );
                }
                if !report.erased.is_empty() {
                    say(
                        out,
                        &messages.format(
                            "hub-import-erased",
                            &[("count", Arg::Num(report.erased.len() as i64))],
                        ),
                    );
                }
                if !report.extra_recipients.is_empty() {
                    say(
                        out,
                        &messages.format(
                            "hub-import-extra-recipients",
                            &[("count", Arg::Num(report.extra_recipients.len() as i64))],
                        ),
                    );
                    for id in &report.extra_recipients {
                        say(out, &format!("  {}", one_line(id)));
                    }
                }
                if !report.implausible_dates.is_empty() {
                    say(
                        out,
                        &messages.format(
                            "hub-import-implausible",
                            &[("count", Arg::Num(report.implausible_dates.len() as i64))],
                        ),
                    );
                }
            }
            Err(e) => {
                failed += 1;
                let error = CommandError::from(e);
                let reason = one_line(error.message()).into_owned();
                say(
                    out,
                    &messages.format(
                        "hub-import-refused",
                        &[("file", Arg::Str(&name)), ("reason", Arg::Str(&reason))],
                    ),
                );
                for hint in error.hints() {
                    say(out, &format!("  {}: {hint}", messages.get("hint-prefix")));
                }
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if failed > 0 {
        return Err(CommandError::user(messages.format(
            "hub-import-failed",
            &[
                ("failed", Arg::Num(failed)),
                ("total", Arg::Num(files.len() as i64)),
            ],
        )));
    }
    Ok(())
}

/// Report the rows that were not shown (on stderr) and fail after the rest
/// was printed: one bad row never hides the others.
pub fn report_skipped(context: &Context, skipped: &[Skipped]) -> Result<(), CommandError> {
    if skipped.is_empty() {
        return Ok(());
    }
    let messages = context.messages();
    for s in skipped {
        eprintln!(
            "{}",
            messages.format(
                "hub-skipped-row",
                &[
                    ("id", Arg::Str(&one_line(&s.record_id))),
                    ("device", Arg::Str(&one_line(&s.device_id))),
                    ("reason", Arg::Str(&s.reason)),
                ],
            )
        );
    }
    Err(CommandError::user(messages.format(
        "hub-skipped",
        &[("count", Arg::Num(skipped.len() as i64))],
    )))
}

/// Marks shown next to a record: sealed to extra keys, implausible date.
fn flag_text(flags: u32, messages: &Messages) -> String {
    let mut marks = Vec::new();
    if flags & qorgau::store::hub::flags::EXTRA_RECIPIENTS != 0 {
        marks.push(messages.get("hub-flag-extra"));
    }
    if flags & qorgau::store::hub::flags::IMPLAUSIBLE_DATE != 0 {
        marks.push(messages.get("hub-flag-date"));
    }
    marks.join(", ")
}

#[derive(Serialize)]
struct RecordLine {
    record_id: RecordId,
    case_code: String,
    device_id: DeviceId,
    /// The coordinator's name for the device, if it has one.
    device_name: Option<String>,
    region: Option<String>,
    protocol: String,
    finished_at: Timestamp,
    band: qorgau::engine::Band,
    consent: qorgau::record::Consent,
    referral: Option<qorgau::record::ReferralStatus>,
    flags: u32,
}

pub fn records(
    context: &Context,
    out: &mut Output,
    filter: &crate::cli::HubRecordFilter,
    format: Format,
) -> Result<(), CommandError> {
    let messages = context.messages();
    let since = super::day(context, "since", filter.since.clone())?;
    let until = super::day(context, "until", filter.until.clone())?;
    // Filters that name nothing are errors that list what exists, before
    // any passphrase is asked for where possible.
    let band = filter
        .band
        .as_deref()
        .map(qorgau::hub::parse_band)
        .transpose()?;
    let (_, store) = open_hub(context)?;
    if let Some(protocol) = &filter.protocol {
        qorgau::hub::check_protocol(&store, &context.catalog()?, protocol)?;
    }
    let (_, store, keys) = unlock_hub(context)?;
    let devices = filter
        .device
        .as_deref()
        .map(|d| qorgau::hub::devices_named(&store, &keys, d))
        .transpose()?;
    let names: std::collections::HashMap<DeviceId, String> = store
        .devices()?
        .into_iter()
        .filter_map(|d| d.name.map(|n| (d.device_id, n)))
        .collect();
    let (mut records, skipped) = qorgau::hub::filtered_records(
        &store,
        &keys,
        &qorgau::hub::RecordFilter {
            since,
            until,
            protocol: filter.protocol.clone(),
            devices,
            band,
            region: filter.region.clone(),
            pending: filter.pending,
        },
    )?;
    let matching = records.len();
    // The newest `limit` of them (they come newest first).
    records.truncate(filter.limit);
    let lines: Vec<RecordLine> = records
        .iter()
        .map(|o| {
            let r = &o.record;
            RecordLine {
                record_id: r.record_id.clone(),
                case_code: one_line(&o.shown_code).into_owned(),
                device_id: r.device_id.clone(),
                device_name: names.get(&r.device_id).map(|n| one_line(n).into_owned()),
                region: r.region.as_deref().map(|x| one_line(x).into_owned()),
                protocol: one_line(&qorgau::protocol::reference(
                    &r.protocol.id,
                    &r.protocol.version,
                ))
                .into_owned(),
                finished_at: r.finished_at,
                band: r.outcome.band,
                consent: r.consent,
                referral: r.referral.as_ref().map(|x| x.status),
                flags: o.row.flags,
            }
        })
        .collect();
    if format == Format::Json {
        render::print_json(out, &lines)?;
        return report_skipped(context, &skipped);
    }
    let mut table = render::Listing::new(vec![
        (messages.get("list-case"), true),
        (messages.get("list-finished"), true),
        (messages.get("list-protocol"), true),
        (messages.get("list-region"), true),
        (messages.get("list-device"), false),
        (messages.get("list-result"), false),
        (messages.get("list-referral"), false),
    ]);
    for line in &lines {
        let mut result = qorgau::present::band_short(line.band, &messages);
        let marks = flag_text(line.flags, &messages);
        if !marks.is_empty() {
            result = format!("{result} ({marks})");
        }
        table.row(vec![
            line.case_code.clone(),
            render::short_time(&line.finished_at),
            line.protocol
                .split('@')
                .next()
                .unwrap_or(&line.protocol)
                .to_owned(),
            line.region.clone().unwrap_or_else(|| "-".to_owned()),
            line.device_name
                .clone()
                .unwrap_or_else(|| line.device_id.chars().take(8).collect()),
            result,
            line.referral.map_or_else(
                || "-".to_owned(),
                |r| qorgau::present::referral_words(r, &messages),
            ),
        ]);
    }
    // A long listing on a terminal goes through the pager.
    crate::ui::pager::paged(out, |out| {
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
    })?;
    report_skipped(context, &skipped)
}

pub fn record_show(
    context: &Context,
    out: &mut Output,
    id: &RecordQuery,
    format: Format,
) -> Result<(), CommandError> {
    let (_, store, keys) = unlock_hub(context)?;
    let found = qorgau::hub::find_record(&store, &keys, id)?;
    let record = &found.record;
    if format == Format::Json {
        return render::print_json(out, record);
    }
    // In the reader's language (--lang), not the one the screening was done in.
    let lang = context.lang;
    let messages = Messages::new(lang);
    let text = |s: &str| break_long_words(&printable(s), 60).into_owned();
    outln!(
        out,
        "{}",
        messages.format(
            "hub-record-head",
            &[
                ("code", Arg::Str(&text(&found.shown_code))),
                ("id", Arg::Str(&text(&record.record_id))),
                ("device", Arg::Str(&text(&record.device_id))),
                (
                    "region",
                    Arg::Str(&text(record.region.as_deref().unwrap_or("-")))
                ),
            ],
        )
    );
    let marks = flag_text(found.row.flags, &messages);
    if !marks.is_empty() {
        outln!(out, "!! {marks}");
    }
    outln!(
        out,
        "{}",
        messages.format(
            "hub-record-times",
            &[
                (
                    "started",
                    Arg::Str(&text(&render::short_time(&record.started_at)))
                ),
                (
                    "finished",
                    Arg::Str(&text(&render::short_time(&record.finished_at)))
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
                    || text(id),
                    |c| match &c.phone {
                        Some(phone) => format!("{phone} {}", localized(&c.name, lang, &messages)),
                        None => localized(&c.name, lang, &messages),
                    },
                )
            })
            .collect();
        let mut words = qorgau::present::referral_words(referral.status, &messages);
        if !to.is_empty() {
            words = format!("{words}: {}", to.join(", "));
        }
        if let Some(reason) = &referral.reason {
            words = format!("{words} ({})", text(reason));
        }
        outln!(out, "{}: {words}", messages.get("record-referral"));
    }
    let catalog = context.catalog()?;
    let reference = qorgau::protocol::reference(&record.protocol.id, &record.protocol.version);
    match catalog.find(&reference) {
        Ok(file) if file.protocol.sha256 == record.protocol.sha256 => {
            let protocol = &file.protocol;
            // A record that no longer fits the very protocol file it was
            // made with is damaged data.
            let answers = restore_answers(protocol, &record.answers)
                .map_err(|e| CommandError::data(e.to_string()).with_source(e))?;
            let mut table = render::Listing::new(vec![
                (messages.get("review-question"), false),
                (messages.get("review-answer"), false),
            ]);
            for (index, answer) in answers.iter() {
                let question = &protocol.questions[index];
                table.row(vec![
                    localized(&question.text, lang, &messages),
                    text(&answer_label(question, Some(answer), lang, &messages)),
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
                    &[("protocol", Arg::Str(&text(&reference)))]
                )
            );
            for (id, value) in &record.answers {
                outln!(out, "  {} = {}", text(id), text(&format!("{value:?}")));
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
) -> Result<(), CommandError> {
    let messages = context.messages();
    let dir = context.data_dir()?;
    if path.exists() {
        let shown = path.display().to_string();
        return Err(CommandError::user(
            messages.format("error-file-exists", &[("path", Arg::Str(&shown))]),
        ));
    }
    if !yes {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(CommandError::user(messages.get("error-identity-needs-yes")));
        }
        confirm(
            &messages,
            messages.get("identity-confirm"),
            "error-not-confirmed",
        )?;
    }
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    // Every identity: after `hub rotate-key` the retired ones still open
    // what devices sealed before (the age tool tries each line).
    let mut text = format!(
        "# Qorgau hub {} identity, exported {}\n# public key: {}\n{}\n",
        keys.id,
        context.now(),
        keys.recipient(),
        keys.identity.to_string().expose_secret()
    );
    for retired in keys.retired.iter().rev() {
        text.push_str(&format!(
            "# retired {}: public key {}\n{}\n",
            retired.retired_at,
            retired.identity.to_public(),
            retired.identity.to_string().expose_secret()
        ));
    }
    write_private(path, text.as_bytes(), false)?;
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
