//! Shared checking of TOML data files (protocols, referral directories):
//! located problems, localized texts, ids.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::lang::{Lang, Text};

/// A localized text as written: language code → string.
pub type RawText = BTreeMap<Spanned<String>, Spanned<String>>;

/// Collects every problem of one file, located.
pub(crate) struct Checker<'s> {
    pub path: &'s str,
    pub source: &'s str,
    pub problems: Vec<Diagnostic>,
    pub languages: Vec<Lang>,
    pub lines: LineIndex,
}

impl<'s> Checker<'s> {
    pub fn new(path: &'s str, source: &'s str) -> Self {
        Checker {
            path,
            source,
            problems: Vec::new(),
            languages: Vec::new(),
            lines: LineIndex::new(source),
        }
    }

    pub fn err(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let (line, col) = self.lines.line_col(self.source, span.start);
        self.problems.push(Diagnostic {
            path: self.path.to_owned(),
            line,
            col,
            message: message.into(),
        });
    }

    pub fn line_of(&self, span: &Range<usize>) -> usize {
        self.lines.line(span.start)
    }

    /// Where the text of a string value starts, after its opening quote(s).
    pub fn string_start(&self, span: &Range<usize>) -> usize {
        let rest = self.source.get(span.start..).unwrap_or("");
        if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
            span.start + 3
        } else {
            span.start + 1
        }
    }

    pub fn text(&mut self, raw: &Spanned<RawText>, what: &str) -> Text {
        let mut map = BTreeMap::new();
        for (code, value) in raw.get_ref() {
            match code.get_ref().parse::<Lang>() {
                Ok(lang) if self.languages.contains(&lang) => {
                    if value.get_ref().trim().is_empty() {
                        self.err(&value.span(), format!("the `{lang}` text of {what} is empty"));
                    }
                    map.insert(lang, value.get_ref().clone());
                }
                Ok(lang) => self.err(
                    &code.span(),
                    format!("{what} has a `{lang}` text, but `{lang}` is not in `languages`: add it there or remove this text"),
                ),
                Err(e) => self.err(&code.span(), format!("{what}: {e}")),
            }
        }
        for lang in self.languages.clone() {
            if !map.contains_key(&lang) {
                self.err(
                    &raw.span(),
                    format!("{what} has no `{lang}` text: every text needs each language in `languages`"),
                );
            }
        }
        Text::new(map)
    }

    /// A text read as a plain TOML table (where spans per entry are not
    /// available): problems are located at `span`.
    pub fn text_of_table(&mut self, table: &toml::Table, span: &Range<usize>, what: &str) -> Text {
        let mut map = BTreeMap::new();
        for (code, value) in table {
            match (code.parse::<Lang>(), value.as_str()) {
                (Ok(lang), Some(text)) if self.languages.contains(&lang) => {
                    if text.trim().is_empty() {
                        self.err(span, format!("the `{lang}` text of {what} is empty"));
                    }
                    map.insert(lang, text.to_owned());
                }
                (Ok(lang), Some(_)) => self.err(
                    span,
                    format!("{what} has a `{lang}` text, but `{lang}` is not in `languages`: add it there or remove this text"),
                ),
                (Ok(lang), None) => self.err(span, format!("the `{lang}` text of {what} must be a string")),
                (Err(e), _) => self.err(span, format!("{what}: {e}")),
            }
        }
        for lang in self.languages.clone() {
            if !map.contains_key(&lang) {
                self.err(
                    span,
                    format!("{what} has no `{lang}` text: every text needs each language in `languages`"),
                );
            }
        }
        Text::new(map)
    }

    pub fn check_id(&mut self, id: &Spanned<String>, what: &str, allow_dash: bool) {
        let s = id.get_ref();
        let ok = s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (allow_dash && c == '-')
            });
        if !ok {
            let allowed = if allow_dash { "`-`" } else { "`_`" };
            self.err(
                &id.span(),
                format!("{what} `{s}` must start with a lower-case letter and use only a–z, 0–9 and {allowed}"),
            );
        }
    }
}
