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

/// The quasi-identifiers of one row, as written out. An empty value is
/// "not recorded".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuasiIds {
    /// `female`, `male`, `unknown`.
    pub sex: String,
    /// An age band (`age_12_17`), or `child` / `adult` / `unknown`.
    pub age_band: String,
    /// ISO 3166-1 alpha-2 in lower case, `stateless`, `other`, `unknown`;
    /// generalised: the hub's country, `foreign`, `unknown`.
    pub citizenship: String,
    /// The device's region id; generalised: the country.
    pub region: String,
    /// `YYYY-MM`; generalised: `YYYY-Qn`, then `YYYY`.
    pub period: String,
    pub protocol: String,
}

/// One quasi-identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuasiId {
    Sex,
    AgeBand,
    Citizenship,
    Region,
    Period,
    Protocol,
}

impl QuasiId {
    /// Its place in an array of the six, in the order of [`QuasiIds`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl QuasiIds {
    fn value_mut(&mut self, id: QuasiId) -> &mut String {
        match id {
            QuasiId::Sex => &mut self.sex,
            QuasiId::AgeBand => &mut self.age_band,
            QuasiId::Citizenship => &mut self.citizenship,
            QuasiId::Region => &mut self.region,
            QuasiId::Period => &mut self.period,
            QuasiId::Protocol => &mut self.protocol,
        }
    }
}

/// One generalisation step: which quasi-identifier it coarsens, and its
/// coarser value given the hub's country, or `None` when the step does not
/// change this value.
pub type Step = (QuasiId, fn(&str, &str) -> Option<String>);

/// The steps, in the order they are tried.
pub const STEPS: [Step; 5] = [
    (QuasiId::Period, |v, _| quarter_of(v)),
    (QuasiId::Region, |v, country| {
        (v != country).then(|| country.to_owned())
    }),
    (QuasiId::AgeBand, |v, _| {
        let coarse = coarse_age(v);
        (v != coarse).then(|| coarse.to_owned())
    }),
    (QuasiId::Citizenship, |v, country| {
        let coarse = coarse_citizenship(v, country);
        (v != coarse).then(|| coarse.to_owned())
    }),
    (QuasiId::Period, |v, _| {
        year_of(v).filter(|y| *y != v).map(str::to_owned)
    }),
];

/// The number of generalisation steps.
pub const STEP_COUNT: usize = STEPS.len();

/// The coarse age: under 18, 18 or over, not known, or (empty) not recorded.
pub fn coarse_age(band: &str) -> &'static str {
    match band {
        "age_0_11" | "age_12_17" | "child" => "child",
        "age_18_24" | "age_25_34" | "age_35_49" | "age_50_plus" | "adult" => "adult",
        "" => "",
        _ => "unknown",
    }
}

/// The quarter (`2026-Q4`) of a month (`2026-11`), if it is one.
pub fn quarter_of(period: &str) -> Option<String> {
    let (year, month) = period.split_once('-')?;
    let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some(format!("{year}-Q{}", (month - 1) / 3 + 1))
}

/// The year of a month or quarter.
pub fn year_of(period: &str) -> Option<&str> {
    period.split_once('-').map(|(year, _)| year)
}

/// The coarse citizenship: the hub's country, `foreign` (any other,
/// stateless included), or as it was when not known or not recorded.
pub fn coarse_citizenship<'a>(citizenship: &'a str, country: &'a str) -> &'a str {
    match citizenship {
        c if c == country => country,
        "unknown" | "" => citizenship,
        _ => "foreign",
    }
}

/// What anonymising did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymised<Q, T> {
    /// The rows written out, shuffled.
    pub rows: Vec<(Q, T)>,
    /// Rows with at least one value generalised.
    pub generalised: usize,
    /// Rows left out because no generalisation made their class large enough.
    pub suppressed: usize,
}

/// Make `rows` k-anonymous over their quasi-identifiers (see the module
/// documentation). `country` is what a region generalises to; `seed` drives
/// the shuffle (pass fresh randomness; a fixed one only in tests).
pub fn anonymise<T>(
    rows: Vec<(QuasiIds, T)>,
    k: usize,
    country: &str,
    seed: u64,
) -> Anonymised<QuasiIds, T> {
    anonymise_with(
        rows,
        k,
        |step, ids| {
            let (id, coarser) = STEPS[step];
            let mut general = ids.clone();
            let value = general.value_mut(id);
            *value = coarser(value, country)?;
            Some(general)
        },
        seed,
    )
}

/// [`anonymise`] over any representation of the quasi-identifiers (the
/// export keeps them as string-table indices, so a million rows stay
/// small): `step(i, ids)` is generalisation step `i` (`0..STEP_COUNT`, in
/// the order of the module documentation), `None` when it changes nothing.
pub fn anonymise_with<Q, T>(
    rows: Vec<(Q, T)>,
    k: usize,
    step: impl Fn(usize, &Q) -> Option<Q>,
    seed: u64,
) -> Anonymised<Q, T>
where
    Q: Clone + Eq + std::hash::Hash,
{
    let k = k.max(1);
    let mut rows = rows;
    let mut changed = vec![false; rows.len()];
    for i in 0..STEP_COUNT {
        let small = small_classes(&rows, k);
        if small.is_empty() {
            break;
        }
        for (row, (ids, _)) in rows.iter_mut().enumerate() {
            if small.contains_key(ids) {
                if let Some(general) = step(i, ids) {
                    *ids = general;
                    changed[row] = true;
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
fn small_classes<Q, T>(rows: &[(Q, T)], k: usize) -> HashMap<Q, usize>
where
    Q: Clone + Eq + std::hash::Hash,
{
    let mut sizes: HashMap<&Q, usize> = HashMap::new();
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
