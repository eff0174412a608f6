//! The languages Qorgau speaks, and localized texts.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::{Display, IntoStaticStr, VariantArray};

/// A language of the user interface and of protocol texts, declared in the
/// order of preference for fallbacks ([`VariantArray::VARIANTS`]).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    IntoStaticStr,
    Display,
    VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    /// Russian.
    Ru,
    /// Kazakh, Cyrillic script.
    Kk,
    /// English, for reviewers.
    En,
}

impl Lang {
    /// The code used in files and on the command line.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// The error for a language code Qorgau does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: use ru, kk or en")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// The codes in any case; `kz` (the country code people often type)
    /// means Kazakh.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim();
        if code.eq_ignore_ascii_case("kz") {
            return Ok(Lang::Kk);
        }
        Lang::VARIANTS
            .iter()
            .copied()
            .find(|lang| lang.code().eq_ignore_ascii_case(code))
            .ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// A text in several languages, complete for the languages its protocol declares.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Text(BTreeMap<Lang, String>);

/// A text picked for one language, and whether it had to fall back to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    /// `Some(lang)` when the requested language was missing and `lang` was used.
    pub fallback: Option<Lang>,
}

impl Text {
    pub(crate) fn new(map: BTreeMap<Lang, String>) -> Self {
        Text(map)
    }

    /// The text in `lang`, else Russian, else any language the text has.
    pub fn get(&self, lang: Lang) -> Localized<'_> {
        if let Some(text) = self.0.get(&lang) {
            return Localized {
                text,
                fallback: None,
            };
        }
        for &candidate in Lang::VARIANTS {
            if let Some(text) = self.0.get(&candidate) {
                return Localized {
                    text,
                    fallback: Some(candidate),
                };
            }
        }
        Localized {
            text: "",
            fallback: None,
        }
    }

    /// The text in `lang` only.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        self.0.get(&lang).map(String::as_str)
    }

    /// Every language this text is written in, with its text.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        self.0.iter().map(|(lang, text)| (*lang, text.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_russian_and_says_so() {
        let text = Text::new(BTreeMap::from([
            (Lang::Ru, "Привет".to_owned()),
            (Lang::En, "Hello".to_owned()),
        ]));
        assert_eq!(text.get(Lang::En).text, "Hello");
        assert_eq!(text.get(Lang::En).fallback, None);
        let kk = text.get(Lang::Kk);
        assert_eq!(kk.text, "Привет");
        assert_eq!(kk.fallback, Some(Lang::Ru));
    }

    #[test]
    fn parses_codes() {
        assert_eq!("kk".parse::<Lang>(), Ok(Lang::Kk));
        assert_eq!("kz".parse::<Lang>(), Ok(Lang::Kk));
        assert_eq!("RU".parse::<Lang>(), Ok(Lang::Ru));
        assert!("de".parse::<Lang>().is_err());
    }
}
