//! k-anonymous sharing: before a row-level export leaves the hub, every
//! combination of quasi-identifiers in it — sex, age band, citizenship,
//! region, month, protocol — must occur in at least `k` rows.
//!
//! Rows in classes smaller than `k` are generalised step by step, only as
//! far as they need (local recoding): month → quarter, region → country,
//! age band → child / adult, citizenship → Kazakhstan / foreign, quarter →
//! year. Rows still in a class smaller than `k` after the last step are
//! suppressed. The classes are checked on the values written out, so the
//! guarantee holds by construction. Rows come out shuffled, so their order
//! says nothing about when a screening happened.

use std::collections::HashMap;

/// The quasi-identifiers of one row, as written out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuasiIds {
    /// `female`, `male`, `unknown`.
    pub sex: String,
    /// An age band (`age_12_17`), or `child` / `adult` / `unknown`.
    pub age_band: String,
    /// ISO 3166-1 alpha-2 in lower case, `stateless`, `other`, `unknown`;
    /// generalised: `kz`, `foreign`, `unknown`.
    pub citizenship: String,
    /// The device's region id; generalised: the country.
    pub region: String,
    /// `YYYY-MM`; generalised: `YYYY-Qn`, then `YYYY`.
    pub period: String,
    pub protocol: String,
}

/// One generalisation step: a new value for one quasi-identifier, or
/// `None` when the step does not change this value.
type Step = fn(&QuasiIds, &str) -> Option<QuasiIds>;

fn month_to_quarter(q: &QuasiIds, _country: &str) -> Option<QuasiIds> {
    let (year, month) = q.period.split_once('-')?;
    let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some(QuasiIds {
        period: format!("{year}-Q{}", (month - 1) / 3 + 1),
        ..q.clone()
    })
}

fn region_to_country(q: &QuasiIds, country: &str) -> Option<QuasiIds> {
    (q.region != country).then(|| QuasiIds {
        region: country.to_owned(),
        ..q.clone()
    })
}

/// The coarse age: under 18, 18 or over, or not known.
pub fn coarse_age(band: &str) -> &'static str {
    match band {
        "age_0_11" | "age_12_17" | "child" => "child",
        "age_18_24" | "age_25_34" | "age_35_49" | "age_50_plus" | "adult" => "adult",
        _ => "unknown",
    }
}

fn age_to_coarse(q: &QuasiIds, _country: &str) -> Option<QuasiIds> {
    let coarse = coarse_age(&q.age_band);
    (q.age_band != coarse).then(|| QuasiIds {
        age_band: coarse.to_owned(),
        ..q.clone()
    })
}

fn citizenship_to_coarse(q: &QuasiIds, country: &str) -> Option<QuasiIds> {
    let coarse = match q.citizenship.as_str() {
        c if c == country => country,
        "unknown" => "unknown",
        _ => "foreign",
    };
    (q.citizenship != coarse).then(|| QuasiIds {
        citizenship: coarse.to_owned(),
        ..q.clone()
    })
}

fn quarter_to_year(q: &QuasiIds, _country: &str) -> Option<QuasiIds> {
    let (year, _) = q.period.split_once('-')?;
    Some(QuasiIds {
        period: year.to_owned(),
        ..q.clone()
    })
}

const STEPS: [Step; 5] = [
    month_to_quarter,
    region_to_country,
    age_to_coarse,
    citizenship_to_coarse,
    quarter_to_year,
];

/// What anonymising did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymised<T> {
    /// The rows written out, shuffled.
    pub rows: Vec<(QuasiIds, T)>,
    /// Rows with at least one value generalised.
    pub generalised: usize,
    /// Rows left out because no generalisation made their class large enough.
    pub suppressed: usize,
}

/// Make `rows` k-anonymous over their quasi-identifiers (see the module
/// documentation). `country` is what a region generalises to; `seed` drives
/// the shuffle (pass fresh randomness; a fixed one only in tests).
pub fn anonymise<T>(rows: Vec<(QuasiIds, T)>, k: usize, country: &str, seed: u64) -> Anonymised<T> {
    let k = k.max(1);
    let mut rows = rows;
    let mut changed = vec![false; rows.len()];
    for step in STEPS {
        let small = small_classes(&rows, k);
        if small.is_empty() {
            break;
        }
        for (i, (ids, _)) in rows.iter_mut().enumerate() {
            if small.contains_key(ids) {
                if let Some(general) = step(ids, country) {
                    *ids = general;
                    changed[i] = true;
                }
            }
        }
    }
    let small = small_classes(&rows, k);
    let mut kept = Vec::with_capacity(rows.len());
    let mut generalised = 0;
    let mut suppressed = 0;
    for ((ids, rest), was_changed) in rows.into_iter().zip(changed) {
        if small.contains_key(&ids) {
            suppressed += 1;
        } else {
            generalised += usize::from(was_changed);
            kept.push((ids, rest));
        }
    }
    shuffle(&mut kept, seed);
    Anonymised {
        rows: kept,
        generalised,
        suppressed,
    }
}

/// The classes (by value) with fewer than `k` rows, with their sizes.
fn small_classes<T>(rows: &[(QuasiIds, T)], k: usize) -> HashMap<QuasiIds, usize> {
    let mut sizes: HashMap<&QuasiIds, usize> = HashMap::new();
    for (ids, _) in rows {
        *sizes.entry(ids).or_default() += 1;
    }
    sizes
        .into_iter()
        .filter(|(_, n)| *n < k)
        .map(|(ids, n)| (ids.clone(), n))
        .collect()
}

/// Fisher–Yates with xorshift64*: the order of rows carries no information
/// when the seed is fresh randomness.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_f491_4f6c_dd1d);
        items.swap(i, (r % (i as u64 + 1)) as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(sex: &str, age: &str, cit: &str, region: &str, period: &str) -> QuasiIds {
        QuasiIds {
            sex: sex.into(),
            age_band: age.into(),
            citizenship: cit.into(),
            region: region.into(),
            period: period.into(),
            protocol: "p".into(),
        }
    }

    #[test]
    fn a_rare_row_is_generalised_only_as_far_as_it_needs() {
        let mut rows: Vec<(QuasiIds, usize)> = (0..5)
            .map(|i| {
                (
                    ids("female", "age_18_24", "kz", "almaty_city", "2026-10"),
                    i,
                )
            })
            .collect();
        // The same person profile a month later: alone in its month, not in its quarter.
        rows.extend((0..4).map(|i| {
            (
                ids("female", "age_18_24", "kz", "almaty_city", "2026-11"),
                10 + i,
            )
        }));
        rows.push((
            ids("female", "age_18_24", "kz", "almaty_city", "2026-12"),
            20,
        ));
        let out = anonymise(rows, 5, "kz", 7);
        assert_eq!(out.suppressed, 0);
        assert_eq!(out.generalised, 5, "the five rows of November and December");
        let quarters = out
            .rows
            .iter()
            .filter(|(q, _)| q.period == "2026-Q4")
            .count();
        assert_eq!(quarters, 5);
        let octobers = out
            .rows
            .iter()
            .filter(|(q, _)| q.period == "2026-10")
            .count();
        assert_eq!(octobers, 5, "October had five: left as it was");
    }

    #[test]
    fn a_row_no_generalisation_can_hide_is_suppressed() {
        let mut rows: Vec<(QuasiIds, u8)> = (0..6)
            .map(|_| (ids("male", "age_25_34", "kz", "r", "2026-01"), 0))
            .collect();
        rows.push((ids("female", "age_0_11", "af", "r", "2025-03"), 1));
        let out = anonymise(rows, 5, "kz", 1);
        assert_eq!(out.suppressed, 1);
        assert_eq!(out.rows.len(), 6);
        assert!(out.rows.iter().all(|(_, v)| *v == 0));
    }

    #[test]
    fn rows_come_out_in_another_order() {
        let rows: Vec<(QuasiIds, usize)> = (0..50)
            .map(|i| (ids("female", "adult", "kz", "r", "2026-01"), i))
            .collect();
        let out = anonymise(rows, 5, "kz", 42);
        let order: Vec<usize> = out.rows.iter().map(|(_, i)| *i).collect();
        assert_ne!(order, (0..50).collect::<Vec<_>>());
    }
}
