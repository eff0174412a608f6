//! A self-contained HTML report: no network, no scripts, no external fonts;
//! charts are inline SVG. Opens in any browser, offline.

use std::collections::BTreeMap;
use std::fmt::Write;

use strum::VariantArray;

use super::count::Report;
use crate::engine::Band;
use crate::i18n::Arg;
use crate::present::{band_short, ReportLabels};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Band colours: strong for danger, calm for no indicators.
fn colour(band: Band) -> &'static str {
    match band {
        Band::ImmediateDanger => "#b2182b",
        Band::ClearConcern => "#ef8a62",
        Band::PossibleConcern => "#fddbc7",
        Band::ObservationOnly => "#d9d9d9",
        Band::Incomplete => "#bababa",
        Band::NoConcern => "#67a9cf",
    }
}

/// Stacked bars: one bar per group, one segment per band.
fn stacked_bars(
    title: &str,
    groups: &BTreeMap<String, BTreeMap<Band, u64>>,
    labels: &ReportLabels<'_>,
) -> String {
    let width = 760.0;
    let bar_height = 22.0;
    let label_width = 170.0;
    let height = 40.0 + groups.len() as f64 * (bar_height + 8.0) + 40.0;
    let max = groups
        .values()
        .map(|g| g.values().sum::<u64>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut svg = format!(
        r#"<figure><figcaption>{}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#,
        escape(title),
        escape(title)
    );
    for (i, (group, counts)) in groups.iter().enumerate() {
        let y = 30.0 + i as f64 * (bar_height + 8.0);
        let _ = write!(
            svg,
            r#"<text x="{:.0}" y="{:.0}" text-anchor="end" font-size="12">{}</text>"#,
            label_width - 8.0,
            y + 15.0,
            escape(group)
        );
        let mut x = label_width;
        for &band in Band::VARIANTS {
            let n = counts.get(&band).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let w = n as f64 / max * (width - label_width - 60.0);
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{bar_height}" fill="{}"><title>{} {}: {n}</title></rect>"#,
                colour(band),
                escape(group),
                escape(&band_short(band, labels.messages))
            );
            x += w;
        }
        let total: u64 = counts.values().sum();
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.0}" font-size="12">{total}</text>"#,
            x + 6.0,
            y + 15.0
        );
    }
    // Legend.
    let y = height - 18.0;
    let mut x = label_width;
    for &band in Band::VARIANTS {
        let _ = write!(
            svg,
            r#"<rect x="{x:.0}" y="{:.0}" width="12" height="12" fill="{}"/><text x="{:.0}" y="{y:.0}" font-size="11">{}</text>"#,
            y - 10.0,
            colour(band),
            x + 16.0,
            escape(&band_short(band, labels.messages))
        );
        x += 118.0;
    }
    svg.push_str("</svg></figure>");
    svg
}

/// Plain bars for indicator counts.
fn bars(title: &str, items: &[(String, u64)]) -> String {
    let width = 760.0;
    let label_width = 260.0;
    let height = 30.0 + items.len() as f64 * 24.0 + 10.0;
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f64;
    let mut svg = format!(
        r#"<figure><figcaption>{}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#,
        escape(title),
        escape(title)
    );
    for (i, (label, n)) in items.iter().enumerate() {
        let y = 20.0 + i as f64 * 24.0;
        let w = *n as f64 / max * (width - label_width - 60.0);
        let _ = write!(
            svg,
            r##"<text x="{:.0}" y="{:.0}" text-anchor="end" font-size="12">{}</text><rect x="{label_width}" y="{y:.0}" width="{w:.1}" height="18" fill="#4d7ea8"/><text x="{:.1}" y="{:.0}" font-size="12">{n}</text>"##,
            label_width - 8.0,
            y + 13.0,
            escape(label),
            label_width + w + 6.0,
            y + 13.0
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

/// The report page, in the labels' language. `by_month` and `by_region`
/// are band counts per group.
pub fn page(
    labels: &ReportLabels<'_>,
    generated: &str,
    report: &Report,
    by_month: &BTreeMap<String, BTreeMap<Band, u64>>,
    by_region: &BTreeMap<String, BTreeMap<Band, u64>>,
) -> String {
    let m = labels.messages;
    let title = m.get("report-title");
    let records = m.get("report-records");
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title><style>
body{{font-family:sans-serif;margin:24px;color:#222;max-width:900px}}
h1{{font-size:22px}} h2{{font-size:17px;margin-top:28px}}
table{{border-collapse:collapse;margin:8px 0}} td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}}
figure{{margin:8px 0}} figcaption{{font-weight:bold;font-size:14px}} .note{{color:#555;font-size:13px}}
tr.stale td{{background:#fde0dd;font-weight:bold}}
</style></head><body><h1>{}</h1><p class="note">{}</p>"#,
        labels.lang.code(),
        escape(&title),
        escape(&title),
        escape(&m.format(
            "report-generated",
            &[
                ("time", Arg::Str(generated)),
                ("count", Arg::Num(report.total as i64)),
            ],
        ))
    );
    let _ = write!(
        html,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th></tr>",
        escape(&m.get("report-bands")),
        escape(&labels.dimension("band")),
        escape(&records)
    );
    for &band in Band::VARIANTS {
        let n = report.bands.get(band.as_str()).copied().unwrap_or(0);
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{n}</td></tr>",
            escape(&band_short(band, m))
        );
    }
    html.push_str("</table>");
    html.push_str(&stacked_bars(
        &m.get("report-bands-by-month"),
        by_month,
        labels,
    ));
    let by_region: BTreeMap<String, BTreeMap<Band, u64>> = by_region
        .iter()
        .map(|(k, v)| (labels.value("region", k), v.clone()))
        .collect();
    html.push_str(&stacked_bars(
        &m.get("report-bands-by-region"),
        &by_region,
        labels,
    ));
    let _ = write!(html, "<h2>{}</h2>", escape(&m.get("report-top-indicators")));
    for (protocol, items) in &report.top_indicators {
        let items: Vec<(String, u64)> = items
            .iter()
            .map(|(q, n)| (labels.indicator(protocol, q), *n))
            .collect();
        html.push_str(&bars(protocol, &items));
    }
    if !report.rows.is_empty() {
        let by: Vec<String> = report.by.iter().map(|d| labels.dimension(d)).collect();
        let _ = write!(
            html,
            "<h2>{}</h2><table><tr>",
            escape(&m.format("report-counts-by", &[("by", Arg::Str(&by.join(", ")))]))
        );
        for d in &by {
            let _ = write!(html, "<th>{}</th>", escape(d));
        }
        let _ = write!(
            html,
            "<th>{}</th><th>{}</th></tr>",
            escape(&records),
            escape(&m.get("report-share"))
        );
        for row in &report.rows {
            html.push_str("<tr>");
            for d in &report.by {
                let value = row.keys.get(d).map_or("", String::as_str);
                let _ = write!(html, "<td>{}</td>", escape(&labels.value(d, value)));
            }
            let _ = write!(
                html,
                "<td>{}</td><td>{:.1}%</td></tr>",
                row.count,
                row.share * 100.0
            );
        }
        html.push_str("</table>");
        if !report.multi_valued.is_empty() {
            let names: Vec<String> = report
                .multi_valued
                .iter()
                .map(|d| labels.dimension(d))
                .collect();
            let _ = write!(
                html,
                "<p class=\"note\">{}</p>",
                escape(&m.format(
                    "report-multi-valued",
                    &[("by", Arg::Str(&names.join(", ")))]
                ))
            );
        }
    }
    let _ = write!(
        html,
        "<h2>{}</h2>",
        escape(&m.format(
            "report-pending",
            &[("count", Arg::Num(report.pending_referrals.len() as i64))]
        ))
    );
    if !report.pending_referrals.is_empty() {
        let _ = write!(
            html,
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            escape(&m.get("list-case")),
            escape(&labels.dimension("protocol")),
            escape(&m.get("report-date")),
            escape(&labels.dimension("region"))
        );
        for p in &report.pending_referrals {
            let _ = write!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&p.case_code),
                escape(&p.protocol),
                escape(&p.date),
                escape(&p.region)
            );
        }
        html.push_str("</table>");
    }
    devices(&mut html, report, labels);
    html.push_str("</body></html>\n");
    html
}

/// Per device, the last import and how many days ago; a device silent for
/// a month is highlighted.
fn devices(html: &mut String, report: &Report, labels: &ReportLabels<'_>) {
    if report.devices.is_empty() {
        return;
    }
    let m = labels.messages;
    let _ = write!(
        html,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        escape(&m.get("report-devices")),
        escape(&m.get("list-device")),
        escape(&m.get("list-region")),
        escape(&m.get("list-last-import")),
        escape(&m.get("report-days-ago")),
    );
    for d in &report.devices {
        let shown = d
            .name
            .clone()
            .unwrap_or_else(|| d.device_id.chars().take(8).collect());
        let _ = write!(
            html,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if d.stale { " class=\"stale\"" } else { "" },
            escape(&shown),
            escape(d.region.as_deref().unwrap_or("-")),
            escape(
                &d.last_import_at
                    .map_or_else(|| m.get("report-never"), |t| t.utc_date())
            ),
            d.days_since_import
                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
        );
    }
    html.push_str("</table>");
    let stale = report.devices.iter().filter(|d| d.stale).count();
    if stale > 0 {
        let _ = write!(
            html,
            "<p class=\"note\">{}</p>",
            escape(&m.format(
                "report-devices-stale",
                &[
                    ("count", Arg::Num(stale as i64)),
                    ("days", Arg::Num(super::devices::STALE_DAYS)),
                ]
            ))
        );
    }
}
