//! The HTCDS names Qorgau writes are those of HTCDS 2.0: every field and
//! value name used by the case profile and by item tags is checked against
//! the frozen copy of the standard's field list in `tests/golden/htcds/`.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use qorgau::protocol::profile::{HTCDS_ITEM_FIELDS, HTCDS_VERSION};
use qorgau::protocol::ProfileField;

/// Field name → value names, from the frozen list.
fn standard() -> BTreeMap<String, BTreeSet<String>> {
    std::fs::read_to_string("tests/golden/htcds/fields-2.0.tsv")
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let values = cols
                .get(3)
                .map(|v| {
                    v.split(" | ")
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            (cols[1].to_owned(), values)
        })
        .collect()
}

#[test]
fn the_pinned_version_is_the_frozen_one() {
    assert_eq!(HTCDS_VERSION, "2.0");
    assert!(standard().len() > 80);
}

#[test]
fn every_item_tag_names_a_field_and_value_of_the_standard() {
    let standard = standard();
    for (field, values) in HTCDS_ITEM_FIELDS {
        let known = standard
            .get(&format!("vic_{field}"))
            .unwrap_or_else(|| panic!("vic_{field} is not an HTCDS 2.0 field"));
        for value in *values {
            assert!(
                known.contains(*value),
                "vic_{field}: {value} is not a value of HTCDS 2.0"
            );
        }
    }
}

#[test]
fn every_profile_value_maps_to_a_value_of_its_htcds_field() {
    let standard = standard();
    let samples: &[(ProfileField, &[&str])] = &[
        (ProfileField::Sex, &["female", "male", "unknown"]),
        (
            ProfileField::Exploitation,
            &[
                "forced_labour",
                "sexual_exploitation",
                "child_labour",
                "forced_marriage",
                "servitude",
                "forced_military",
                "organ_removal",
                "forced_begging",
                "forced_adoption",
                "surrogacy",
                "forced_criminality",
                "other",
            ],
        ),
        (
            ProfileField::Channel,
            &[
                "place_of_business",
                "school",
                "work",
                "online_social",
                "online_ad",
                "tv_ad",
                "newspaper_ad",
                "family",
                "friends",
                "agency",
                "other",
            ],
        ),
    ];
    for (field, values) in samples {
        let name = field.htcds_field().unwrap();
        let known = standard
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not an HTCDS field"));
        for value in *values {
            assert!(field.is_value(value), "{field}: {value}");
            let htcds = field.htcds_value(value).unwrap();
            assert!(
                known.contains(&htcds),
                "{name}: {htcds} (for {value}) is not an HTCDS 2.0 value"
            );
        }
    }
    // Citizenship: ISO 3166 codes, as HTCDS asks.
    assert!(standard.contains_key("prs_Citizenship"));
    assert_eq!(
        ProfileField::Citizenship.htcds_value("uz").as_deref(),
        Some("UZ")
    );
    assert_eq!(ProfileField::Citizenship.htcds_value("stateless"), None);
}
