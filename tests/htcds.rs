//! The HTCDS names Qorgau writes are those of HTCDS 2.0: every field and
//! value name used by the case profile and by item tags is checked against
//! the frozen copy of the standard's field list in `tests/golden/htcds/`.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::lab::HubLab;
use qorgau::protocol::profile::{HTCDS_ITEM_FIELDS, HTCDS_VERSION};
use qorgau::protocol::ProfileField;
use qorgau::report::htcds::{export, HtcdsOptions};

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

/// ISO 3166-1 alpha-2, as `prs_Citizenship` asks (upper case).
fn is_country(value: &str) -> bool {
    value.len() == 2
        && value.chars().all(|c| c.is_ascii_uppercase())
        && ProfileField::Citizenship.is_value(&value.to_ascii_lowercase())
}

/// Check a written export against the frozen field list: every header is an
/// HTCDS 2.0 field or Qorgau's own (`qorgau_`), and every value in an HTCDS
/// column is a value of that field. Returns how many cells of each HTCDS
/// column were filled.
fn check_against_the_standard(bytes: &[u8]) -> BTreeMap<String, usize> {
    let standard = standard();
    let mut reader = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    for h in &headers {
        assert!(
            standard.contains_key(h) || h.starts_with("qorgau_"),
            "{h} is neither an HTCDS 2.0 field nor Qorgau's own"
        );
    }
    let mut filled: BTreeMap<String, usize> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        for (h, cell) in headers.iter().zip(row.iter()) {
            let Some(values) = standard.get(h) else {
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            *filled.entry(h.clone()).or_default() += 1;
            match h.as_str() {
                "prs_Citizenship" => {
                    for v in cell.split(';') {
                        assert!(is_country(v), "{h}: {v}");
                    }
                }
                "con_Consent" => assert!(cell == "TRUE" || cell == "FALSE", "{h}: {cell}"),
                "cas_OutgoingReferralDate" => assert!(
                    chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok(),
                    "{h}: {cell}"
                ),
                _ => {
                    assert!(
                        !values.is_empty(),
                        "{h} has no value list to check {cell} against"
                    );
                    for v in cell.split(';') {
                        assert!(values.contains(v), "{h}: {v} is not an HTCDS 2.0 value");
                    }
                }
            }
        }
    }
    filled
}

/// The export's header and every value it writes, identified and
/// de-identified, against the frozen HTCDS 2.0 field list.
#[test]
fn the_htcds_export_writes_only_fields_and_values_of_the_standard() {
    let mut lab = HubLab::new(&["almaty_city", "turkistan"]);
    let mut rng = qorgau::synth::Rng::new(12);
    for device in 0..2 {
        let records: Vec<_> = (0..150)
            .map(|i| {
                let at = format!("2026-{:02}-{:02}T10:00:00Z", 1 + i % 3, 1 + i % 28);
                lab.record(device, &mut rng, &at)
            })
            .collect();
        lab.import(device, &records);
    }
    let identified = export(
        lab.segments(),
        &HtcdsOptions {
            deidentified: false,
            k: 1,
            country: "kz".into(),
            seed: 1,
        },
    )
    .unwrap();
    assert_eq!(identified.rows, 300);
    let filled = check_against_the_standard(&identified.bytes);
    // Not a vacuous check: the synthetic profiles fill every mapped field.
    for field in [
        "prs_Gender",
        "prs_Citizenship",
        "vic_TraffickingStatus",
        "vic_TypeOfExploitation",
        "vic_MethodOfRecruitment",
        "vic_MethodsOfControl",
        "con_Consent",
    ] {
        assert!(
            filled.get(field).copied().unwrap_or(0) > 0,
            "{field} never filled: {filled:?}"
        );
    }
    let text = String::from_utf8(identified.bytes.clone()).unwrap();
    assert!(
        !text.contains("ActualVictimOfTrafficking") && !text.contains("NotAVictimOfTrafficking")
    );

    let deidentified = export(
        lab.segments(),
        &HtcdsOptions {
            deidentified: true,
            k: 3,
            country: "kz".into(),
            seed: 2,
        },
    )
    .unwrap();
    assert!(deidentified.rows > 0);
    check_against_the_standard(&deidentified.bytes);
    let header = String::from_utf8(deidentified.bytes).unwrap();
    let header = header.lines().next().unwrap().to_owned();
    for absent in [
        "qorgau_record_id",
        "qorgau_case_code",
        "qorgau_date",
        "cas_OutgoingReferralDate",
        "qorgau_protocol_version",
    ] {
        assert!(
            !header.contains(absent),
            "{absent} in a de-identified export"
        );
    }
}
