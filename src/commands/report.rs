//! `qorgau hub report`, `hub export-csv`, `hub erase`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use qorgau::crypto::{Role, SecretKeys};
use qorgau::datadir::write_private;
use qorgau::engine::Band;
use qorgau::protocol::Kind;
use qorgau::record::{Record, StoredAnswer};
use qorgau::report::cache::{self, Segment};
use qorgau::report::count::{build, Dimension, Filter, Report};
use qorgau::report::html;
use qorgau::setup::unlock;
use qorgau::store::hub::HubStore;

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

fn segments(store: &HubStore, keys: &SecretKeys) -> Result<Vec<(i64, Segment)>, Failure> {
    cache::open_all(&store.fact_segments()?, &keys.identity).map_err(|e| {
        Failure::new(format!(
            "{e}: the hub database may be damaged; restore it from a backup"
        ))
    })
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
        .map(|d| d.trim().parse::<Dimension>().map_err(Failure::new))
        .collect::<Result<_, _>>()?;
    check_date(context, "since", &filter.since)?;
    check_date(context, "until", &filter.until)?;
    let (store, keys) = open_hub(context)?;
    let sealed = store.fact_segments()?;
    // One segment in memory at a time.
    let count = |by: &[Dimension]| -> Result<Report, Failure> {
        let failure = std::cell::RefCell::new(None);
        let report = build(
            cache::open_each(&sealed, &keys.identity, &failure),
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
                let mut fields: Vec<String> = report
                    .by
                    .iter()
                    .map(|d| labels.value(d, row.keys.get(d).map_or("", String::as_str)))
                    .collect();
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
        for band in Band::ALL {
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
                .map(|d| labels.value(d, row.keys.get(d).map_or("", String::as_str)))
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
            p.case_code,
            p.protocol,
            p.date,
            p.region
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
    let records: Vec<Record> = store
        .records()?
        .iter()
        .map(|row| {
            row.sealed.open(&keys.identity).map_err(|e| {
                Failure::new(format!(
                    "record {} cannot be opened ({e}): the hub database may be damaged",
                    row.meta.record_id
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    // One column per question of every protocol seen, `protocol.question`.
    let mut columns: Vec<(String, String)> = Vec::new();
    let mut free_text = std::collections::BTreeSet::new();
    for record in &records {
        if let Ok(file) = catalog.find(&format!(
            "{}@{}",
            record.protocol.id, record.protocol.version
        )) {
            for q in &file.protocol.questions {
                if q.kind == Kind::Text || q.sensitive {
                    free_text.insert((record.protocol.id.clone(), q.id.clone()));
                }
                let column = (record.protocol.id.clone(), q.id.clone());
                if !columns.contains(&column) {
                    columns.push(column);
                }
            }
        }
        for id in record.answers.keys() {
            let column = (record.protocol.id.clone(), id.clone());
            if !columns.contains(&column) {
                columns.push(column);
            }
        }
    }
    columns.retain(|c| include_free_text || !free_text.contains(c));
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::new(format!("cannot write CSV: {e}"));
    let mut header: Vec<String> = if deidentified {
        vec![
            "row".into(),
            "protocol".into(),
            "version".into(),
            "region".into(),
            "month".into(),
        ]
    } else {
        vec![
            "record_id".into(),
            "case_code".into(),
            "device_id".into(),
            "protocol".into(),
            "version".into(),
            "region".into(),
            "date".into(),
        ]
    };
    header.extend(["band", "rule", "consent", "referral"].map(String::from));
    header.extend(columns.iter().map(|(p, q)| format!("{p}.{q}")));
    writer.write_record(&header).map_err(fail)?;
    for (n, record) in records.iter().enumerate() {
        let date = record.finished_at.get(..10).unwrap_or("");
        let mut row: Vec<String> = if deidentified {
            vec![
                (n + 1).to_string(),
                record.protocol.id.clone(),
                record.protocol.version.clone(),
                record.region.clone().unwrap_or_default(),
                date.get(..7).unwrap_or("").to_owned(),
            ]
        } else {
            vec![
                record.record_id.clone(),
                record.case_code.clone(),
                record.device_id.clone(),
                record.protocol.id.clone(),
                record.protocol.version.clone(),
                record.region.clone().unwrap_or_default(),
                date.to_owned(),
            ]
        };
        row.push(record.outcome.band.as_str().to_owned());
        row.push(record.outcome.rule.clone());
        row.push(record.consent.as_str().to_owned());
        row.push(
            record
                .referral
                .as_ref()
                .map_or(String::new(), |r| r.status.as_str().to_owned()),
        );
        for (protocol, question) in &columns {
            let value = if protocol == &record.protocol.id {
                match record.answers.get(question) {
                    Some(StoredAnswer::Text(t)) => t.clone(),
                    Some(StoredAnswer::Number(v)) => v.to_string(),
                    Some(StoredAnswer::List(items)) => items.join(";"),
                    None => String::new(),
                }
            } else {
                String::new()
            };
            row.push(value);
        }
        writer.write_record(&row).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::new(format!("cannot write CSV: {e}")))?;
    write_private(path, &bytes, false).map_err(|e| Failure::new(e.to_string()))?;
    let shown = path.display().to_string();
    outln!(
        out,
        "{}",
        context.messages().format(
            if deidentified {
                "export-csv-done-deidentified"
            } else {
                "export-csv-done"
            },
            &[
                ("count", Arg::Num(records.len() as i64)),
                ("path", Arg::Str(&shown)),
                ("columns", Arg::Num(columns.len() as i64)),
            ],
        )
    );
    Ok(())
}

pub fn erase(context: &Context, out: &mut Output, id: &str, yes: bool) -> Result<(), Failure> {
    if !yes {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Err(Failure::new(context.messages().get("erase-needs-yes")));
        }
        let confirmed = dialoguer::Confirm::new()
            .with_prompt(
                context
                    .messages()
                    .format("erase-confirm", &[("id", Arg::Str(id))]),
            )
            .default(false)
            .interact()
            .map_err(|_| Failure::new(context.messages().get("erase-not-confirmed")))?;
        if !confirmed {
            return Err(Failure::new(context.messages().get("erase-not-confirmed")));
        }
    }
    let (mut store, keys) = open_hub(context)?;
    let segments = segments(&store, &keys)?;
    // By record id, or by case code (found in the facts).
    let record_id = match store.record(id) {
        Ok(row) => row.meta.record_id,
        Err(_) => segments
            .iter()
            .flat_map(|(_, s)| s.rows.iter().map(move |r| (s, r)))
            .find(|(s, r)| s.text(r.case_code).eq_ignore_ascii_case(id))
            .map(|(s, r)| s.text(r.record_id).to_owned())
            .ok_or_else(|| {
                Failure::new(
                    context
                        .messages()
                        .format("error-no-hub-record", &[("id", Arg::Str(id))]),
                )
            })?,
    };
    let mut updates = Vec::new();
    for (segment_id, segment) in &segments {
        if !segment
            .rows
            .iter()
            .any(|r| segment.text(r.record_id) == record_id)
        {
            continue;
        }
        let kept: Vec<_> = segment
            .to_facts()
            .into_iter()
            .filter(|f| f.record_id != record_id)
            .collect();
        let data = if kept.is_empty() {
            None
        } else {
            Some(
                cache::seal(&kept, std::slice::from_ref(&keys.recipient()))
                    .map_err(|e| Failure::new(e.to_string()))?,
            )
        };
        updates.push((*segment_id, data));
    }
    store.erase(&record_id, &updates)?;
    outln!(
        out,
        "{}",
        context
            .messages()
            .format("erase-done", &[("id", Arg::Str(&record_id))])
    );
    Ok(())
}
