//! `qorgau hub report`, `hub export-csv`, `hub erase`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use qorgau::crypto::{Role, SecretKeys};
use qorgau::datadir::write_private;
use qorgau::engine::Band;
use qorgau::i18n::Arg;
use qorgau::report::cache;
use qorgau::report::count::{build, Dimension, Filter, Report};
use qorgau::report::html;
use qorgau::setup::unlock;
use qorgau::store::hub::HubStore;
use qorgau::text::{csv_cell, one_line};

use super::{Context, Failure};
use crate::cli::ReportFormat;
use crate::ui::output::{outln, Output};
use crate::ui::render;

fn open_hub(context: &Context) -> Result<(HubStore, SecretKeys), Failure> {
    let dir = context.data_dir()?;
    if !dir.hub_key().exists() {
        return Err(Failure::new(format!(
            "no hub is set up in {}: run `qorgau hub init` first (or give --data-dir)",
            dir.root().display()
        )));
    }
    let store = HubStore::open(&dir.hub_database())?;
    let passphrase = context.passphrase(false)?;
    let keys = unlock(&dir, Role::Hub, &passphrase)?;
    Ok((store, keys))
}

fn check_date(name: &str, value: &Option<String>) -> Result<(), Failure> {
    if let Some(v) = value {
        if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
            return Err(Failure::new(format!(
                "--{name} {v}: write the date as YYYY-MM-DD, e.g. 2026-01-31"
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
        .map(|d| d.trim().parse::<Dimension>().map_err(Failure::new))
        .collect::<Result<_, _>>()?;
    check_date("since", &filter.since)?;
    check_date("until", &filter.until)?;
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
    if let Some(path) = html_path {
        let page = html::page(
            "Qorgau report",
            &context.now(),
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
            let mut header: Vec<&str> = report.by.iter().map(String::as_str).collect();
            header.extend(["count", "share"]);
            let fail = |e: csv::Error| Failure::new(format!("cannot write CSV: {e}"));
            writer.write_record(&header).map_err(fail)?;
            for row in &report.rows {
                let fields: Vec<String> = report
                    .by
                    .iter()
                    .map(|d| row.keys.get(d).cloned().unwrap_or_default())
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
            print_table(out, &report);
            Ok(())
        }
    }
}

fn print_table(out: &mut Output, report: &Report) {
    outln!(out, "{} records", report.total);
    let mut bands = render::table(vec!["band".to_owned(), "records".to_owned()]);
    for band in Band::ALL {
        let n = report.bands.get(band.as_str()).copied().unwrap_or(0);
        bands.add_row(vec![band.as_str().to_owned(), n.to_string()]);
    }
    outln!(out, "{bands}");
    if !report.by.is_empty() {
        let mut header = report.by.clone();
        header.extend(["records".to_owned(), "share".to_owned()]);
        let mut table = render::table(header);
        for row in &report.rows {
            let mut cells: Vec<String> = report
                .by
                .iter()
                .map(|d| one_line(row.keys.get(d).map_or("", String::as_str)).into_owned())
                .collect();
            cells.push(row.count.to_string());
            cells.push(format!("{:.1}%", row.share * 100.0));
            table.add_row(cells);
        }
        outln!(out, "{table}");
    }
    for (protocol, items) in &report.top_indicators {
        let list: Vec<String> = items.iter().map(|(q, n)| format!("{q} ({n})")).collect();
        outln!(out, "Top indicators, {protocol}: {}", list.join(", "));
    }
    outln!(out, "Referrals pending: {}", report.pending_referrals.len());
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
        return Err(Failure::new(format!(
            "{} already exists: choose another file",
            path.display()
        )));
    }
    let (store, keys) = open_hub(context)?;
    let catalog = context.catalog()?;
    if include_free_text {
        eprintln!(
            "warning: free-text answers may identify people; keep {} as safely as the hub itself",
            path.display()
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
        return Err(Failure::new(
            "erasing cannot be undone: confirm with --yes, or run it in a terminal",
        ));
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
            .map_err(|e| Failure::new(format!("could not ask for confirmation: {e}")))?;
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
