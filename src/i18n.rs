//! The interface message catalogue: Fluent files per language
//! (`i18n/{ru,kk,en}.ftl`, embedded), CLDR plural rules, and a fallback to
//! English for a missing message (a test keeps the three files in step).

use std::collections::BTreeSet;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::lang::Lang;

use crate::shipped::SHIPPED_CATALOGUES;

/// The Fluent source of a language's catalogue, embedded compressed by
/// `build.rs`. One that does not unpack (a damaged binary: the build has
/// checked every catalogue) is empty, and each message then shows its id.
pub fn source(lang: Lang) -> &'static str {
    let path = format!("i18n/{}.ftl", lang.code());
    SHIPPED_CATALOGUES
        .iter()
        .find(|file| file.path() == path)
        .and_then(|file| file.text().ok())
        .unwrap_or("")
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Unicode isolation marks show up as stray characters in terminals.
    bundle.set_use_isolating(false);
    // A broken entry is skipped (the tests keep the files clean); the rest loads.
    let resource = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    let _ = bundle.add_resource(resource);
    bundle
}

/// Messages in one language.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Messages({})", self.lang)
    }
}

/// An argument value for a message.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

impl Messages {
    pub fn new(lang: Lang) -> Self {
        Messages {
            lang,
            bundle: bundle(lang),
            fallback: bundle(Lang::En),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message with no arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// A message with arguments; numbers choose the plural form.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Str(s) => FluentValue::from(*s),
                Arg::Num(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        for bundle in [&self.bundle, &self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }
}

/// Every message id in a language's catalogue (for the completeness test).
pub fn message_ids(lang: Lang) -> BTreeSet<String> {
    let resource = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Parse errors in a language's catalogue, as text (for the tests).
pub fn parse_errors(lang: Lang) -> Vec<String> {
    match FluentResource::try_new(source(lang).to_owned()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}
