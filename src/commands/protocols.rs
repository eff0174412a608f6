//! `qorgau protocols`: what protocols this run knows.

use serde::Serialize;

use qorgau::catalog::Origin;
use qorgau::i18n::Arg;

use super::Context;
use crate::cli::Format;
use crate::error::CommandError;
use crate::ui::output::Output;
use crate::ui::render::{self, Listing};
use qorgau::present::audience_label;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    version: String,
    title: &'a str,
    audience: &'a [String],
    items: usize,
    languages: Vec<&'static str>,
    validated: bool,
    sha256: &'a str,
    shipped: bool,
    /// `shipped`, `update` (signed by the coordinator) or `local` (unsigned).
    origin: &'static str,
    /// The coordinator's update it came from.
    update: Option<u64>,
    /// The version a new screening of this protocol starts with.
    in_force: bool,
    /// The update that withdrew it, if the coordinator did.
    withdrawn: Option<u64>,
}

pub fn run(
    context: &Context,
    out: &mut Output,
    format: Format,
    all: bool,
) -> Result<(), CommandError> {
    let catalog = context.catalog()?;
    // The newest version of each protocol is the one a screening starts
    // with; older versions stay for their drafts and records (`--all`).
    let files: Vec<&qorgau::catalog::ProtocolFile> = if all {
        catalog.files().iter().collect()
    } else {
        catalog.latest()
    };
    let rows: Vec<Row<'_>> = files
        .into_iter()
        .map(|file| {
            let p = &file.protocol;
            Row {
                id: &p.id,
                version: p.version.to_string(),
                title: p.title.get(context.lang).text,
                audience: &p.audience,
                items: p.questions.len(),
                languages: p.languages.iter().map(|l| l.code()).collect(),
                validated: p.validated,
                sha256: &p.sha256,
                shipped: file.shipped(),
                origin: match file.origin {
                    Origin::Shipped => "shipped",
                    Origin::Update(_) => "update",
                    Origin::LocalUnsigned => "local",
                },
                update: match file.origin {
                    Origin::Update(n) => Some(n),
                    _ => None,
                },
                in_force: catalog.in_force(file),
                withdrawn: catalog.withdrawn_by(p),
            }
        })
        .collect();
    match format {
        Format::Json => render::print_json(out, &rows),
        Format::Table => {
            let messages = context.messages();
            let mut columns = vec![
                (messages.get("list-protocol"), true),
                (messages.get("list-version"), true),
                (messages.get("list-title"), false),
                (messages.get("list-audience"), false),
                (messages.get("list-items"), true),
                (messages.get("list-origin"), false),
            ];
            if all {
                columns.push((messages.get("list-status"), false));
            }
            let mut listing = Listing::new(columns);
            for row in &rows {
                let audience: Vec<String> = row
                    .audience
                    .iter()
                    .map(|a| audience_label(a, &messages))
                    .collect();
                let origin = match (row.origin, row.update) {
                    (_, Some(n)) => {
                        messages.format("origin-update", &[("seq", Arg::Num(n as i64))])
                    }
                    ("local", None) => messages.get("origin-local"),
                    _ => messages.get("origin-shipped"),
                };
                let mut cells = vec![
                    row.id.to_owned(),
                    row.version.clone(),
                    row.title.to_owned(),
                    audience.join(", "),
                    row.items.to_string(),
                    origin,
                ];
                if all {
                    cells.push(match (row.withdrawn, row.in_force) {
                        (Some(n), _) => {
                            messages.format("status-withdrawn", &[("seq", Arg::Num(n as i64))])
                        }
                        (None, true) => messages.get("status-in-force"),
                        (None, false) => messages.get("status-older"),
                    });
                }
                listing.row(cells);
            }
            render::print_listing(out, &listing);
            Ok(())
        }
    }
}
