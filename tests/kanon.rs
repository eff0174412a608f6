//! k-anonymous sharing over random hubs: whatever the records, every
//! combination of quasi-identifiers in a de-identified export occurs at least
//! k times, and every row is either written or counted as suppressed.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use proptest::prelude::*;
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
