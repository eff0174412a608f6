//! `qorgau protocols`: what protocols this run knows.

use serde::Serialize;

use qorgau::i18n::Arg;
use qorgau::protocol::Origin;

use super::{Context, Failure};
use crate::cli::Format;
use crate::ui::output::{outln, Output};
use crate::ui::render;

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

pub fn run(context: &Context, out: &mut Output, format: Format, all: bool) -> Result<(), Failure> {
    let catalog = context.catalog()?;
    // The newest version of each protocol is the one a screening starts
    // with; older versions stay for their drafts and records (`--all`).
    let files: Vec<&qorgau::protocol::ProtocolFile> = if all {
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
            let header: Vec<String> = [
                "list-protocol",
                "list-version",
                "list-title",
                "list-audience",
                "list-items",
                "list-origin",
            ]
            .iter()
            .map(|id| messages.get(id))
            .chain(all.then(|| messages.get("list-status")))
            .collect();
            let mut table = render::table(header);
            for row in &rows {
                let origin = match row.update {
                    Some(n) => messages.format("origin-update", &[("seq", Arg::Num(n as i64))]),
                    None => messages.get(&format!("origin-{}", row.origin)),
                };
                let mut cells = vec![
                    row.id.to_owned(),
                    row.version.clone(),
                    row.title.to_owned(),
                    row.audience.join(", "),
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
                table.add_row(cells);
            }
            outln!(out, "{table}");
            Ok(())
        }
    }
}
