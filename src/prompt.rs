//! How the walk asks things: a [`Prompter`] is handed to the library, as the
//! age crate hands it `Callbacks`. The binary implements it with dialoguer;
//! [`ScriptedPrompter`] answers from an answers file (and in tests). The walk
//! is one engine path for both.

use std::collections::BTreeMap;

use crate::engine::AnswersFile;
use crate::protocol::Protocol;
use crate::record::{Consent, Referral, StoredAnswer};

/// One entry of a list, with a stable id a script can pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub label: String,
}

impl Item {
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Item {
            id: id.into(),
            label: label.into(),
        }
    }
}

/// What a prompt gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    Value(T),
    /// The quick-exit key: clear the screen and leave, keeping the draft.
    QuickExit,
    /// There is no terminal to ask on (a value, never a panic).
    NoTerminal,
}

/// The capability to show things and ask questions. `key` names what is
/// being asked (a question id, or `consent`, `review`, `red_flag`,
/// `referral_to`, `referral_status`, `referral_reason`, or
/// `<question id>:empty` for the follow-up to an empty multi-select).
pub trait Prompter {
    /// Show text (headers, help, warnings).
    fn message(&mut self, text: &str);
    /// Pick one of `items`.
    fn select(&mut self, key: &str, prompt: &str, items: &[Item], default: usize) -> Reply<usize>;
    /// Mark any of `items`.
    fn multi_select(
        &mut self,
        key: &str,
        prompt: &str,
        items: &[Item],
        checked: &[bool],
    ) -> Reply<Vec<usize>>;
    /// A line of text; `initial` is shown for editing.
    fn input(&mut self, key: &str, prompt: &str, initial: &str) -> Reply<String>;
    /// Yes or no.
    fn confirm(&mut self, key: &str, prompt: &str, default: bool) -> Reply<bool>;
    /// A hidden line (a passphrase).
    fn secret(&mut self, key: &str, prompt: &str) -> Reply<String>;
    /// Wipe the screen at once (quick exit).
    fn clear(&mut self);
    /// Whether `<` and `?` typed at a text prompt mean back and help. A
    /// script's text is always an answer, so a note can be "?".
    fn typed_navigation(&self) -> bool {
        true
    }
}

/// Ids of the navigation entries the walk adds to its lists.
pub mod nav {
    pub const SKIP: &str = ":skip";
    pub const BACK: &str = ":back";
    pub const HELP: &str = ":help";
    pub const STOP: &str = ":stop";
    pub const NONE: &str = ":none";
    pub const CONTINUE: &str = ":continue";
    pub const FINISH: &str = ":finish";
    pub const CHANGE: &str = ":change";
    /// Typed at a text prompt: go back, ask for help.
    pub const TYPED_BACK: &str = "<";
    pub const TYPED_HELP: &str = "?";
}

/// Answers a walk from an answers file: every question from its value, or
/// skipped when the file has none; consent and referral from the file; the
/// review and red-flag prompts continue.
#[derive(Debug, Clone, Default)]
pub struct ScriptedPrompter {
    answers: BTreeMap<String, StoredAnswer>,
    consent: Option<Consent>,
    referral: Option<Referral>,
    /// Everything shown, for tests.
    pub shown: Vec<String>,
    /// Every key asked, in order, for tests.
    pub asked: Vec<String>,
}

impl ScriptedPrompter {
    /// A script from a checked answers file.
    pub fn from_answers_file(protocol: &Protocol, file: &AnswersFile) -> Self {
        ScriptedPrompter {
            answers: crate::record::store_answers(protocol, &file.answers),
            consent: file.consent,
            referral: file.referral.clone(),
            shown: Vec::new(),
            asked: Vec::new(),
        }
    }

    /// The answer given for a question id, as text or a list.
    fn value(&self, key: &str) -> Option<&StoredAnswer> {
        self.answers.get(key)
    }

    fn find(items: &[Item], id: &str) -> Option<usize> {
        items.iter().position(|item| item.id == id)
    }
}

impl Prompter for ScriptedPrompter {
    fn message(&mut self, text: &str) {
        self.shown.push(text.to_owned());
    }

    fn select(
        &mut self,
        key: &str,
        _prompt: &str,
        items: &[Item],
        _default: usize,
    ) -> Reply<usize> {
        self.asked.push(key.to_owned());
        let wanted: String = match key {
            "consent" => self
                .consent
                .unwrap_or(Consent::Anonymous)
                .as_str()
                .to_owned(),
            "review" => nav::FINISH.to_owned(),
            "red_flag" => nav::CONTINUE.to_owned(),
            "referral_status" => self
                .referral
                .as_ref()
                .map_or("pending", |r| r.status.as_str())
                .to_owned(),
            _ => {
                let question = key.strip_suffix(":empty").unwrap_or(key);
                match self.value(question) {
                    Some(StoredAnswer::Text(text)) => text.clone(),
                    Some(StoredAnswer::List(items)) if items.is_empty() => nav::NONE.to_owned(),
                    _ => nav::SKIP.to_owned(),
                }
            }
        };
        Reply::Value(
            Self::find(items, &wanted)
                .or_else(|| Self::find(items, nav::SKIP))
                .unwrap_or(0),
        )
    }

    fn multi_select(
        &mut self,
        key: &str,
        _prompt: &str,
        items: &[Item],
        _checked: &[bool],
    ) -> Reply<Vec<usize>> {
        self.asked.push(key.to_owned());
        let wanted: Vec<String> = match key {
            "referral_to" => self
                .referral
                .as_ref()
                .map(|r| r.to.clone())
                .unwrap_or_default(),
            _ => match self.value(key) {
                Some(StoredAnswer::List(ids)) => ids.clone(),
                _ => Vec::new(),
            },
        };
        Reply::Value(
            wanted
                .iter()
                .filter_map(|id| Self::find(items, id))
                .collect(),
        )
    }

    fn input(&mut self, key: &str, _prompt: &str, _initial: &str) -> Reply<String> {
        self.asked.push(key.to_owned());
        let text = match key {
            "referral_reason" => self
                .referral
                .as_ref()
                .and_then(|r| r.reason.clone())
                .unwrap_or_default(),
            _ => match self.value(key) {
                Some(StoredAnswer::Text(t)) => t.clone(),
                Some(StoredAnswer::Number(n)) => n.to_string(),
                _ => String::new(),
            },
        };
        Reply::Value(text)
    }

    fn confirm(&mut self, key: &str, _prompt: &str, default: bool) -> Reply<bool> {
        self.asked.push(key.to_owned());
        Reply::Value(default)
    }

    fn secret(&mut self, key: &str, _prompt: &str) -> Reply<String> {
        self.asked.push(key.to_owned());
        Reply::NoTerminal
    }

    fn clear(&mut self) {
        self.shown.clear();
    }

    fn typed_navigation(&self) -> bool {
        false
    }
}
