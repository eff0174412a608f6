//! k-anonymous sharing over random hubs: whatever the records, every
//! combination of quasi-identifiers in a de-identified export occurs at least
//! k times, and every row is either written or counted as suppressed.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;

use common::lab::HubLab;
use proptest::prelude::*;
use qorgau::record::Consent;
use qorgau::report::kanon::{anonymise, QuasiIds};

fn quasi_ids() -> impl Strategy<Value = QuasiIds> {
    (
        prop::sample::select(vec!["female", "male", "unknown"]),
        prop::sample::select(vec![
            "age_0_11",
            "age_12_17",
            "age_18_24",
            "age_25_34",
            "age_35_49",
            "age_50_plus",
            "child",
            "adult",
            "unknown",
        ]),
        prop::sample::select(vec![
            "kz",
            "uz",
            "kg",
            "tj",
            "ru",
            "af",
            "stateless",
            "unknown",
        ]),
        prop::sample::select(vec![
            "almaty_city",
            "astana",
            "turkistan",
            "mangystau",
            "aktobe",
        ]),
        (2025u32..=2026, 1u32..=12),
        prop::sample::select(vec![
            "border-checkpoint",
            "school-safety",
            "medical-rapid-response",
        ]),
    )
        .prop_map(
            |(sex, age, cit, region, (year, month), protocol)| QuasiIds {
                sex: sex.into(),
                age_band: age.into(),
                citizenship: cit.into(),
                region: region.into(),
                period: format!("{year}-{month:02}"),
                protocol: protocol.into(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_combination_written_occurs_at_least_k_times(
        rows in prop::collection::vec(quasi_ids(), 0..400),
        k in 1usize..8,
        seed in any::<u64>(),
    ) {
        let n = rows.len();
        let numbered: Vec<(QuasiIds, usize)> = rows.into_iter().enumerate().map(|(i, q)| (q, i)).collect();
        let out = anonymise(numbered, k, "kz", seed);
        let mut classes: HashMap<&QuasiIds, usize> = HashMap::new();
        for (ids, _) in &out.rows {
            *classes.entry(ids).or_default() += 1;
        }
        for (ids, size) in classes {
            prop_assert!(size >= k, "{ids:?} occurs {size} times, k = {k}");
        }
        prop_assert_eq!(out.rows.len() + out.suppressed, n);
        prop_assert!(out.generalised <= out.rows.len());
        // No row is written twice, none invented.
        let mut seen: Vec<usize> = out.rows.iter().map(|(_, i)| *i).collect();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), out.rows.len());
    }
}

// ------------------------------------------------------------ random hubs

/// The rows of a CSV as maps from header to cell.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (headers, rows)
}

/// Every combination of the `columns` occurs at least k times.
fn assert_k_anonymous(rows: &[HashMap<String, String>], columns: &[&str], k: usize) {
    let mut classes: HashMap<Vec<&str>, usize> = HashMap::new();
    for row in rows {
        let key: Vec<&str> = columns.iter().map(|c| row[*c].as_str()).collect();
        *classes.entry(key).or_default() += 1;
    }
    for (key, size) in classes {
        assert!(
            size >= k,
            "{columns:?} = {key:?} occurs {size} times, k = {k}"
        );
    }
}

/// No cell holds a day (`YYYY-MM-DD`) or a record id.
fn assert_no_days_or_ids(bytes: &[u8], ids: &[String]) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let day = text.as_bytes().windows(10).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    });
    assert!(!day, "a day in a de-identified export");
    for id in ids {
        assert!(
            !text.contains(id.as_str()),
            "record id {id} in a de-identified export"
        );
    }
}

proptest! {
    // Each case builds a hub and imports real sealed records: few cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Random hubs through the library: whatever the records, the
    /// de-identified CSV and HTCDS exports are k-anonymous over sex, age
    /// band, citizenship, region, month and protocol; statistics-only and
    /// anonymous records are never rows; no day or id leaves.
    #[test]
    fn deidentified_exports_of_random_hubs_are_k_anonymous(
        seed in any::<u64>(),
        counts in prop::collection::vec(0usize..60, 1..4),
        months in 1u32..14,
        k in 2usize..7,
    ) {
        let regions = ["almaty_city", "turkistan", "mangystau"];
        let mut lab = HubLab::new(&regions[..counts.len()]);
        let mut rng = qorgau::synth::Rng::new(seed);
        let mut all = Vec::new();
        for (device, &n) in counts.iter().enumerate() {
            let records: Vec<_> = (0..n)
                .map(|_| {
                    let month = rng.below(u64::from(months));
                    let at = format!(
                        "{}-{:02}-{:02}T{:02}:00:00Z",
                        2025 + month / 12,
                        1 + month % 12,
                        1 + rng.below(28),
                        8 + rng.below(10)
                    );
                    lab.record(device, &mut rng, &at)
                })
                .collect();
            if !records.is_empty() {
                lab.import(device, &records);
            }
            all.extend(records);
        }
        let ids: Vec<String> = all.iter().map(|r| r.record_id.to_string()).collect();
        let shared = all
            .iter()
            .filter(|r| matches!(r.consent, Consent::SocialServices | Consent::Police))
            .count();

        let open = lab.records();
        let options = qorgau::hub::CsvOptions::deidentified(k, "kz", seed);
        let csv = qorgau::hub::csv_export(&open, &lab.catalog, &options).unwrap();
        let (headers, rows) = csv_rows(&csv.bytes);
        for forbidden in ["record_id", "case_code", "device_id", "date", "row"] {
            prop_assert!(!headers.iter().any(|h| h == forbidden), "{forbidden}");
        }
        assert_k_anonymous(
            &rows,
            &["sex", "age_band", "citizenship", "region", "period", "protocol", "version"],
            k,
        );
        prop_assert!(rows
            .iter()
            .all(|r| r["consent"] == "social_services" || r["consent"] == "police"));
        prop_assert_eq!(rows.len(), csv.records);
        prop_assert_eq!(csv.records + csv.suppressed, shared);
        prop_assert_eq!(csv.statistics_only, all.len() - shared);
        prop_assert!(!headers.iter().any(|h| h.ends_with(".notes") || h.ends_with(".age")));
        assert_no_days_or_ids(&csv.bytes, &ids);

        let htcds = qorgau::report::htcds::export(
            lab.segments(),
            &qorgau::report::htcds::HtcdsOptions {
                deidentified: true,
                k,
                country: "kz".into(),
                seed,
            },
        )
        .unwrap();
        let (_, rows) = csv_rows(&htcds.bytes);
        assert_k_anonymous(
            &rows,
            &[
                "prs_Gender",
                "qorgau_age_band",
                "qorgau_citizenship",
                "qorgau_region",
                "qorgau_period",
                "qorgau_protocol",
            ],
            k,
        );
        // The HTCDS citizenship is written from the generalised value.
        assert_k_anonymous(
            &rows,
            &["prs_Gender", "prs_Citizenship", "qorgau_age_band", "qorgau_region", "qorgau_period", "qorgau_protocol"],
            k,
        );
        prop_assert_eq!(rows.len(), htcds.rows);
        prop_assert_eq!(htcds.rows + htcds.suppressed, shared);
        prop_assert_eq!(htcds.statistics_only, all.len() - shared);
        prop_assert!(rows.iter().all(|r| r["con_Consent"] == "TRUE"));
        assert_no_days_or_ids(&htcds.bytes, &ids);
    }
}
