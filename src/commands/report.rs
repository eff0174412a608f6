//! `qorgau hub report`, `hub export-csv`, `hub erase`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use qorgau::crypto::{Role, SecretKeys};
use qorgau::datadir::write_private;
use qorgau::engine::Band;
use qorgau::report::cache;
use qorgau::report::count::{build, Dimension, Filter, Report};
use qorgau::report::html;
use qorgau::setup::unlock;
use qorgau::store::hub::HubStore;
use qorgau::text::{csv_cell, one_line};
use strum::VariantArray;

use super::{Context, Failure};
use crate::cli::ReportFormat;
use crate::ui::output::{outln, Output};
use crate::ui::render::{self, Listing};
use qorgau::i18n::Arg;
use qorgau::present::{band_short, ReportLabels};

fn open_hub(context: &Context) -> Result<(HubStore, SecretKeys), Failure> {
    let dir = context.data_dir()?;
    if !dir.hub_key().exists() {
        let root = dir.root().display().to_string();
        return Err(Failure::new(
            context
                .messages()
                .format("error-no-hub", &[("path", Arg::Str(&root))]),
        ));
    }
    let store = HubStore::open(&dir.hub_database())?;
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    Ok((store, keys))
}

fn check_date(context: &Context, name: &str, value: &Option<String>) -> Result<(), Failure> {
    if let Some(v) = value {
        if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
            return Err(Failure::new(context.messages().format(
                "error-bad-date",
                &[("option", Arg::Str(name)), ("value", Arg::Str(v))],
            )));
        }
    }
    Ok(())
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
) -> Result<(), Failure> {
    let dimensions: Vec<Dimension> = by
        .iter()
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.trim().parse::<Dimension>().map_err(Failure::from))
        .collect::<Result<_, _>>()?;
    check_date(context, "since", &filter.since)?;
    check_date(context, "until", &filter.until)?;
    let (store, keys) = open_hub(context)?;
    let sealed = store.fact_segments()?;
    let identities = keys.identities();
    // One segment in memory at a time.
    let count = |by: &[Dimension]| -> Result<Report, Failure> {
        let failure = std::cell::RefCell::new(None);
        let report = build(
            cache::open_each(&sealed, &identities, &failure),
            by,
            &filter,
            10,
        );
        match failure.into_inner() {
            Some(e) => Err(Failure::new(format!(
                "{e}: the hub database may be damaged; restore it from a backup"
            ))),
            None => Ok(report),
        }
    };
    let report = count(&dimensions)?;
    let messages = context.messages();
    let catalog = context.catalog()?;
    // A typo in --protocol is not "0 records".
    if let Some(wanted) = &filter.protocol {
        let known: Vec<&str> = catalog
            .latest()
            .iter()
            .map(|f| f.protocol.id.as_str())
            .collect();
        if report.total == 0 && !known.contains(&wanted.as_str()) {
            return Err(Failure::new(messages.format(
                "error-report-protocol",
                &[
                    ("id", Arg::Str(wanted)),
                    ("ids", Arg::Str(&known.join(", "))),
                ],
            )));
        }
    }
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
        write_private(path, page.as_bytes(), true).map_err(|e| Failure::new(e.to_string()))?;
    }
    match format {
        ReportFormat::Json => render::print_json(out, &report),
        ReportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut header: Vec<String> = report.by.iter().map(|d| labels.dimension(d)).collect();
            header.extend([messages.get("report-records"), messages.get("report-share")]);
            let fail = |e: csv::Error| Failure::new(format!("cannot write CSV: {e}"));
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
                .map_err(|e| Failure::new(format!("cannot write CSV: {e}")))?;
            outln!(out, "{}", String::from_utf8_lossy(&bytes).trim_end());
            Ok(())
        }
        ReportFormat::Table => {
            print_table(out, &report, &labels);
            Ok(())
        }
    }
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
}

pub fn export_csv(
    context: &Context,
    out: &mut Output,
    path: &Path,
    deidentified: bool,
    include_free_text: bool,
) -> Result<(), Failure> {
    if deidentified && include_free_text {
        return Err(qorgau::hub::HubError::FreeTextNotDeidentified.into());
    }
    if path.exists() {
        let shown = path.display().to_string();
        return Err(Failure::new(
            context
                .messages()
                .format("error-file-exists", &[("path", Arg::Str(&shown))]),
        ));
    }
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
    let (records, skipped) = qorgau::hub::open_records(&store, &keys)?;
    let export = qorgau::hub::csv_export(&records, &catalog, deidentified, include_free_text)?;
    write_private(path, &export.bytes, false).map_err(|e| Failure::new(e.to_string()))?;
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

pub fn erase(context: &Context, out: &mut Output, id: &str, yes: bool) -> Result<(), Failure> {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !yes && !interactive {
        return Err(Failure::new(context.messages().get("erase-needs-yes")));
    }
    let (mut store, keys) = open_hub(context)?;
    let found = qorgau::hub::find_record(&store, &keys, id)?;
    let messages = context.messages();
    let code = one_line(&found.shown_code).into_owned();
    let protocol = format!(
        "{}@{}",
        found.row.meta.protocol_id, found.row.meta.protocol_version
    );
    let described = messages.format(
        "erase-what",
        &[
            ("code", Arg::Str(&code)),
            ("protocol", Arg::Str(&one_line(&protocol))),
            ("date", Arg::Str(&one_line(&found.row.meta.finished_at))),
            ("device", Arg::Str(&one_line(&found.row.meta.device_id))),
        ],
    );
    if !yes {
        let confirmed = dialoguer::Confirm::new()
            .with_prompt(messages.format("erase-confirm", &[("what", Arg::Str(&described))]))
            .default(false)
            .interact()
            .map_err(|_| Failure::new(context.messages().get("erase-not-confirmed")))?;
        if !confirmed {
            return Err(Failure::new(messages.get("erase-not-confirmed")));
        }
    }
    qorgau::hub::erase(&mut store, &keys, &found)?;
    outln!(
        out,
        "{}",
        messages.format("erase-done", &[("what", Arg::Str(&described))])
    );
    Ok(())
}
