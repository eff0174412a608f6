//! Country names for citizenship in reports, in the coordinator's language:
//! the ISO 3166-1 alpha-2 codes of the case profile, named as the Unicode
//! CLDR names them (`src/countries.tsv`, embedded).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lang::Lang;

const TABLE: &str = include_str!("countries.tsv");

/// Code → names in English, Russian, Kazakh.
fn names() -> &'static HashMap<&'static str, [&'static str; 3]> {
    static NAMES: OnceLock<HashMap<&'static str, [&'static str; 3]>> = OnceLock::new();
    NAMES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let code = cols.next()?;
                Some((code, [cols.next()?, cols.next()?, cols.next()?]))
            })
            .collect()
    })
}

/// The name of a country (`uz`) in `lang`, if `code` is a country code.
pub fn country_name(code: &str, lang: Lang) -> Option<&'static str> {
    let names = names().get(code)?;
    Some(match lang {
        Lang::En => names[0],
        Lang::Ru => names[1],
        Lang::Kk => names[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::ProfileField;

    #[test]
    fn every_country_code_of_the_profile_has_a_name_in_every_language() {
        let codes: Vec<&str> = names().keys().copied().collect();
        assert_eq!(codes.len(), 249);
        for code in codes {
            assert!(ProfileField::Citizenship.is_value(code), "{code}");
            for lang in Lang::ALL {
                assert!(
                    country_name(code, lang).is_some_and(|n| !n.is_empty()),
                    "{code} {lang}"
                );
            }
        }
        assert_eq!(country_name("kz", Lang::Kk), Some("Қазақстан"));
        assert_eq!(country_name("kg", Lang::Ru), Some("Кыргызстан"));
        assert_eq!(country_name("stateless", Lang::En), None);
    }
}
