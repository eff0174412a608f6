//! `qorgau hub report`, `hub export-csv`, `hub erase`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use qorgau::crypto::SecretKeys;
use qorgau::datadir::write_private;
use qorgau::engine::Band;
use qorgau::ids::RecordQuery;
use qorgau::report::cache;
use qorgau::report::count::{build, Dimension, Filter, Report};
use qorgau::report::html;
use qorgau::store::hub::HubStore;
use qorgau::text::{csv_cell, one_line};
use strum::VariantArray;

use super::Context;
use crate::cli::ReportFormat;
use crate::error::CommandError;
use crate::ui::confirm::confirm;
use crate::ui::output::{outln, Output};
use crate::ui::render::{self, Listing};
use qorgau::i18n::Arg;
use qorgau::present::{band_short, ReportLabels};

fn open_hub(context: &Context) -> Result<(HubStore, SecretKeys), CommandError> {
    let (_, store, keys) = super::hub::unlock_hub(context)?;
    Ok((store, keys))
}

/// A record or facts segment of the coordinator's own database that cannot
/// be read: `error` says which.
fn damaged_hub_database(error: impl std::fmt::Display) -> CommandError {
    let error = error.to_string();
    CommandError::data(
        crate::error::messages_now().format("error-hub-db-damaged", &[("error", Arg::Str(&error))]),
    )
}

/// Band counts per value of `dimension` (a report by it and band), for the charts.
fn bands_by(report: Report, dimension: Dimension) -> BTreeMap<String, BTreeMap<Band, u64>> {
    let mut groups: BTreeMap<String, BTreeMap<Band, u64>> = BTreeMap::new();
    for row in report.rows {
        let group = row
            .keys
            .get(dimension.as_str())
            .cloned()
            .unwrap_or_default();
        let band = row
            .keys
            .get("band")
            .and_then(|b| b.parse::<Band>().ok())
            .unwrap_or(Band::NoConcern);
        *groups.entry(group).or_default().entry(band).or_default() += row.count;
    }
    groups
}

pub fn report(
    context: &Context,
    out: &mut Output,
    by: &[String],
    filter: Filter,
    format: ReportFormat,
    html_path: Option<&Path>,
) -> Result<(), CommandError> {
    let dimensions: Vec<Dimension> = by
        .iter()
        .filter(|d| !d.trim().is_empty())
        .map(|d| {
            d.trim().parse::<Dimension>().map_err(|_| {
                CommandError::user(context.messages().format(
                    "error-report-dimension",
                    &[
                        ("value", Arg::Str(&one_line(d.trim()))),
                        ("known", Arg::Str(&Dimension::names())),
                    ],
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    let (store, keys) = open_hub(context)?;
    let catalog = context.catalog()?;
    // A typo in --protocol is not "0 records": it names the known ones.
    if let Some(wanted) = &filter.protocol {
        qorgau::hub::check_protocol(&store, &catalog, wanted)?;
    }
    let sealed = store.fact_segments()?;
    let openers = keys.openers();
    // One segment in memory at a time.
    let count = |by: &[Dimension]| -> Result<Report, CommandError> {
        let failure = std::cell::RefCell::new(None);
        let report = build(
            cache::open_each(&sealed, &openers, &failure),
            by,
            &filter,
            10,
        );
        match failure.into_inner() {
            Some(e) => Err(damaged_hub_database(e)),
            None => Ok(report),
        }
    };
    let mut report = count(&dimensions)?;
    // When each device last synced, from the trusted device rows.
    report.devices = qorgau::report::devices::device_sync(
        &store.devices()?,
        &qorgau::crypto::mac::RowKey::derive(&keys),
        context.now(),
    );
    let messages = context.messages();
    let labels = ReportLabels {
        messages: &messages,
        lang: context.lang,
        catalog: Some(&catalog),
    };
    if let Some(path) = html_path {
        let page = html::page(
            &labels,
            &render::short_time(&context.now()),
            &report,
            &bands_by(
                count(&[Dimension::Month, Dimension::Band])?,
                Dimension::Month,
            ),
            &bands_by(
                count(&[Dimension::Region, Dimension::Band])?,
                Dimension::Region,
            ),
        );
        write_private(path, page.as_bytes(), true)?;
    }
    match format {
        ReportFormat::Json => render::print_json(out, &report),
        ReportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut header: Vec<String> = report.by.iter().map(|d| labels.dimension(d)).collect();
            header.extend([messages.get("report-records"), messages.get("report-share")]);
            let fail = |e: csv::Error| CommandError::internal(format!("CSV: {e}")).with_source(e);
            writer.write_record(&header).map_err(fail)?;
            for row in &report.rows {
                let fields: Vec<String> = report
                    .by
                    .iter()
                    .map(|d| labels.value(d, row.keys.get(d).map_or("", String::as_str)))
                    .collect();
                let mut fields: Vec<String> =
                    fields.iter().map(|f| csv_cell(f).into_owned()).collect();
                fields.push(row.count.to_string());
                fields.push(format!("{:.4}", row.share));
                writer.write_record(&fields).map_err(fail)?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| CommandError::internal(format!("CSV: {e}")))?;
            outln!(out, "{}", String::from_utf8_lossy(&bytes).trim_end());
            // The CSV stays plain data: the note goes to stderr.
            if let Some(note) = multi_valued_note(&report, &labels) {
                eprintln!("{note}");
            }
            Ok(())
        }
        ReportFormat::Table => {
            print_table(out, &report, &labels);
            Ok(())
        }
    }
}

/// What a reader must know when a record counts once per value of a
/// dimension (domains, forms of exploitation, channels).
fn multi_valued_note(report: &Report, labels: &ReportLabels<'_>) -> Option<String> {
    if report.multi_valued.is_empty() {
        return None;
    }
    let names: Vec<String> = report
        .multi_valued
        .iter()
        .map(|d| labels.dimension(d))
        .collect();
    Some(labels.messages.format(
        "report-multi-valued",
        &[("by", Arg::Str(&names.join(", ")))],
    ))
}

fn print_table(out: &mut Output, report: &Report, labels: &ReportLabels<'_>) {
    let m = labels.messages;
    outln!(
        out,
        "{}",
        m.format("report-total", &[("count", Arg::Num(report.total as i64))])
    );
    // With `--by band` the counts table is the band table: print it once.
    if report.by != ["band"] {
        let mut bands = Listing::new(vec![
            (labels.dimension("band"), false),
            (m.get("report-records"), true),
        ]);
        for &band in Band::VARIANTS {
            let n = report.bands.get(band.as_str()).copied().unwrap_or(0);
            bands.row(vec![band_short(band, m), n.to_string()]);
        }
        render::print_listing(out, &bands);
    }
    if !report.by.is_empty() {
        let mut columns: Vec<(String, bool)> = report
            .by
            .iter()
            .map(|d| (labels.dimension(d), d != "band" && d != "domain"))
            .collect();
        columns.push((m.get("report-records"), true));
        columns.push((m.get("report-share"), true));
        let mut table = Listing::new(columns);
        for row in &report.rows {
            let mut cells: Vec<String> = report
                .by
                .iter()
                .map(|d| {
                    one_line(&labels.value(d, row.keys.get(d).map_or("", String::as_str)))
                        .into_owned()
                })
                .collect();
            cells.push(row.count.to_string());
            cells.push(format!("{:.1}%", row.share * 100.0));
            table.row(cells);
        }
        render::print_listing(out, &table);
        if let Some(note) = multi_valued_note(report, labels) {
            outln!(out, "{}", render::wrapped(&note));
        }
    }
    for (protocol, items) in &report.top_indicators {
        let list: Vec<String> = items
            .iter()
            .map(|(q, n)| format!("{} ({n})", labels.indicator(protocol, q)))
            .collect();
        outln!(
            out,
            "{}",
            render::wrapped(&m.format(
                "report-top-indicators-of",
                &[
                    ("protocol", Arg::Str(protocol)),
                    ("list", Arg::Str(&list.join("; ")))
                ],
            ))
        );
    }
    outln!(
        out,
        "{}",
        m.format(
            "report-pending",
            &[("count", Arg::Num(report.pending_referrals.len() as i64))]
        )
    );
    for p in &report.pending_referrals {
        outln!(
            out,
            "  {} {} {} {}",
            one_line(&p.case_code),
            one_line(&p.protocol),
            one_line(&p.date),
            one_line(&p.region)
        );
    }
    print_devices(out, report, labels);
}

/// Per device, its last import and how long ago; a device silent for a
/// month is marked, and counted below the table.
fn print_devices(out: &mut Output, report: &Report, labels: &ReportLabels<'_>) {
    if report.devices.is_empty() {
        return;
    }
    let m = labels.messages;
    outln!(out, "{}", m.get("report-devices"));
    let mut table = Listing::new(vec![
        (m.get("list-device"), false),
        (m.get("list-region"), true),
        (m.get("list-last-import"), true),
        (m.get("report-days-ago"), true),
        (m.get("list-status"), false),
    ]);
    for d in &report.devices {
        let shown = d
            .name
            .clone()
            .unwrap_or_else(|| d.device_id.chars().take(8).collect());
        table.row(vec![
            one_line(&shown).into_owned(),
            one_line(d.region.as_deref().unwrap_or("-")).into_owned(),
            d.last_import_at
                .as_ref()
                .map_or_else(|| m.get("report-never"), render::short_time),
            d.days_since_import
                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
            if d.stale {
                m.get("report-device-stale")
            } else {
                String::new()
            },
        ]);
    }
    render::print_listing(out, &table);
    let stale = report.devices.iter().filter(|d| d.stale).count();
    if stale > 0 {
        outln!(
            out,
            "{}",
            m.format(
                "report-devices-stale",
                &[
                    ("count", Arg::Num(stale as i64)),
                    ("days", Arg::Num(qorgau::report::devices::STALE_DAYS)),
                ]
            )
        );
    }
}

/// Refuse to overwrite the file an export would write.
fn check_new_file(context: &Context, path: &Path) -> Result<(), CommandError> {
    if path.exists() {
        let shown = path.display().to_string();
        return Err(CommandError::user(
            context
                .messages()
                .format("error-file-exists", &[("path", Arg::Str(&shown))]),
        ));
    }
    Ok(())
}

/// Fresh randomness for shuffling rows.
fn fresh_seed() -> u64 {
    use rand_core::RngCore;
    rand_core::OsRng.next_u64()
}

/// What de-identification did, in the coordinator's words.
fn print_deidentified(
    out: &mut Output,
    context: &Context,
    k: usize,
    generalised: usize,
    suppressed: usize,
    statistics_only: usize,
    consent_not_known: usize,
) {
    let messages = context.messages();
    outln!(
        out,
        "{}",
        messages.format(
            "deidentified-k",
            &[
                ("k", Arg::Num(k as i64)),
                ("generalised", Arg::Num(generalised as i64)),
                ("suppressed", Arg::Num(suppressed as i64)),
            ]
        )
    );
    if statistics_only > 0 {
        outln!(
            out,
            "{}",
            messages.format(
                "deidentified-statistics-only",
                &[("count", Arg::Num(statistics_only as i64))]
            )
        );
    }
    if consent_not_known > 0 {
        outln!(
            out,
            "{}",
            messages.format(
                "deidentified-consent-not-known",
                &[("count", Arg::Num(consent_not_known as i64))]
            )
        );
    }
}

pub fn export_csv(
    context: &Context,
    out: &mut Output,
    path: &Path,
    deidentified: bool,
    include_free_text: bool,
    k: usize,
) -> Result<(), CommandError> {
    if deidentified && include_free_text {
        return Err(qorgau::hub::HubError::FreeTextNotDeidentified.into());
    }
    check_new_file(context, path)?;
    let (store, keys) = open_hub(context)?;
    let catalog = context.catalog()?;
    if include_free_text {
        let shown = path.display().to_string();
        eprintln!(
            "{}",
            context.messages().format(
                "export-csv-free-text-warning",
                &[("path", Arg::Str(&shown))]
            )
        );
    }
    let options = if deidentified {
        qorgau::hub::CsvOptions::deidentified(k, &context.referrals()?.country, fresh_seed())
    } else {
        qorgau::hub::CsvOptions::identified(include_free_text)
    };
    let (records, skipped) = qorgau::hub::open_records(&store, &keys)?;
    let export = qorgau::hub::csv_export(&records, &catalog, &options)?;
    write_private(path, &export.bytes, false)?;
    let messages = context.messages();
    let shown = path.display().to_string();
    outln!(
        out,
        "{}",
        messages.format(
            "csv-done",
            &[
                ("records", Arg::Num(export.records as i64)),
                ("path", Arg::Str(&shown)),
                ("columns", Arg::Num(export.answer_columns as i64)),
            ]
        )
    );
    if deidentified {
        print_deidentified(
            out,
            context,
            k,
            export.generalised,
            export.suppressed,
            export.statistics_only,
            0,
        );
    }
    if export.unknown_protocol > 0 {
        outln!(
            out,
            "{}",
            messages.format(
                "csv-unknown-protocol",
                &[("count", Arg::Num(export.unknown_protocol as i64))]
            )
        );
    }
    super::hub::report_skipped(context, &skipped)
}

pub fn export_htcds(
    context: &Context,
    out: &mut Output,
    path: &Path,
    deidentified: bool,
    k: usize,
) -> Result<(), CommandError> {
    check_new_file(context, path)?;
    let country = context.referrals()?.country;
    let (store, keys) = open_hub(context)?;
    let sealed = store.fact_segments()?;
    let failure = std::cell::RefCell::new(None);
    let openers = keys.openers();
    let options = qorgau::report::htcds::HtcdsOptions {
        deidentified,
        k,
        country,
        seed: fresh_seed(),
    };
    let export =
        qorgau::report::htcds::export(cache::open_each(&sealed, &openers, &failure), &options)
            .map_err(|e| CommandError::internal(e.to_string()))?;
    if let Some(e) = failure.into_inner() {
        return Err(damaged_hub_database(e));
    }
    write_private(path, &export.bytes, false)?;
    let shown = path.display().to_string();
    outln!(
        out,
        "{}",
        context.messages().format(
            "htcds-done",
            &[
                ("records", Arg::Num(export.rows as i64)),
                ("path", Arg::Str(&shown)),
                ("version", Arg::Str(qorgau::report::htcds::HTCDS_VERSION)),
            ]
        )
    );
    if deidentified {
        print_deidentified(
            out,
            context,
            k,
            export.generalised,
            export.suppressed,
            export.statistics_only,
            export.consent_not_known,
        );
    }
    Ok(())
}

pub fn erase(
    context: &Context,
    out: &mut Output,
    id: &RecordQuery,
    yes: bool,
) -> Result<(), CommandError> {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !yes && !interactive {
        return Err(CommandError::user(
            context.messages().get("erase-needs-yes"),
        ));
    }
    let (mut store, keys) = open_hub(context)?;
    let found = qorgau::hub::find_record(&store, &keys, id)?;
    let messages = context.messages();
    let code = one_line(&found.shown_code).into_owned();
    let protocol = qorgau::protocol::reference(
        &found.row.meta.protocol_id,
        &found.row.meta.protocol_version,
    );
    let described = messages.format(
        "erase-what",
        &[
            ("code", Arg::Str(&code)),
            ("protocol", Arg::Str(&one_line(&protocol))),
            ("date", Arg::Str(&found.row.meta.finished_at.to_string())),
            ("device", Arg::Str(&one_line(&found.row.meta.device_id))),
        ],
    );
    if !yes {
        let prompt = messages.format("erase-confirm", &[("what", Arg::Str(&described))]);
        confirm(&messages, prompt, "erase-not-confirmed")?;
    }
    qorgau::hub::erase(&mut store, &keys, &found)?;
    outln!(
        out,
        "{}",
        messages.format("erase-done", &[("what", Arg::Str(&described))])
    );
    Ok(())
}
