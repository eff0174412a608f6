//! `qorgau protocols`: what protocols this run knows.

use serde::Serialize;

use super::{Context, Failure};
use crate::cli::Format;
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
            }
        })
        .collect();
    match format {
        Format::Json => render::print_json(out, &rows),
        Format::Table => {
            let messages = context.messages();
            let mut listing = Listing::new(vec![
                (messages.get("list-protocol"), true),
                (messages.get("list-version"), true),
                (messages.get("list-title"), false),
                (messages.get("list-audience"), false),
                (messages.get("list-items"), true),
            ]);
            for row in &rows {
                let audience: Vec<String> = row
                    .audience
                    .iter()
                    .map(|a| audience_label(a, &messages))
                    .collect();
                listing.row(vec![
                    row.id.to_owned(),
                    row.version.clone(),
                    row.title.to_owned(),
                    audience.join(", "),
                    row.items.to_string(),
                ]);
            }
            render::print_listing(out, &listing);
            Ok(())
        }
    }
}
