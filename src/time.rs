//! [`Timestamp`]: a moment in UTC to the second, written as every file and
//! row of Qorgau has always written it, RFC 3339 with a `Z`
//! (`2026-11-29T10:00:00Z`).
//!
//! Only that form is read: it is the one the code writes, so a timestamp
//! read and written again gives the same bytes (bundle ids, signatures and
//! MACs cover them), and anything else — another offset, a fraction of a
//! second, a year past 9999, a date that does not exist — is refused with
//! one message ([`BadTimestamp`]). Times compare as times, not as text.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, Timelike, Utc};

/// 2024-01-01T00:00:00Z: records dated before Qorgau existed have a
/// wrong clock behind them.
const EARLIEST_PLAUSIBLE_SECS: i64 = 1_704_067_200;

/// A moment in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

/// A text that is not a timestamp as Qorgau writes them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not a time as Qorgau writes it: UTC to the second, like 2026-11-29T10:00:00Z", crate::ids::shown(.value))]
pub struct BadTimestamp {
    pub value: String,
}

impl Timestamp {
    /// This computer's clock, to the second.
    pub fn now() -> Self {
        Timestamp::from_datetime(Utc::now())
    }

    /// A moment, cut to the second.
    pub fn from_datetime(at: DateTime<Utc>) -> Self {
        Timestamp(at.with_nanosecond(0).unwrap_or(at))
    }

    pub fn as_datetime(&self) -> DateTime<Utc> {
        self.0
    }

    /// `YYYY-MM-DD` in UTC.
    pub fn utc_date(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// `YYYY-MM-DD` at an offset from UTC in minutes (UTC without one, or
    /// with one that is not a real offset).
    pub fn local_date(&self, offset_minutes: Option<i32>) -> String {
        match offset_minutes.and_then(|m| m.checked_mul(60).and_then(FixedOffset::east_opt)) {
            Some(offset) => self.0.with_timezone(&offset).format("%Y-%m-%d").to_string(),
            None => self.utc_date(),
        }
    }

    /// This computer's offset from UTC at this moment, in minutes.
    pub fn local_offset_minutes(&self) -> i32 {
        self.0
            .with_timezone(&chrono::Local)
            .offset()
            .local_minus_utc()
            / 60
    }

    /// Whether a device's clock could have said this, seen at `now`: not
    /// before Qorgau existed (2024) and not more than two days ahead (time
    /// zones, a clock a little fast). A record outside is stored but flagged.
    pub fn is_plausible_at(&self, now: Timestamp) -> bool {
        let earliest = DateTime::<Utc>::from_timestamp(EARLIEST_PLAUSIBLE_SECS, 0);
        let latest = now.checked_add(chrono::Duration::days(2));
        earliest.is_none_or(|e| self.0 >= e) && latest.is_none_or(|l| *self <= l)
    }

    /// This moment moved by a duration; `None` past the calendar's end.
    pub fn checked_add(&self, duration: chrono::Duration) -> Option<Self> {
        self.0.checked_add_signed(duration).map(Timestamp)
    }

    /// This moment moved back by a duration; `None` past the calendar's start.
    pub fn checked_sub(&self, duration: chrono::Duration) -> Option<Self> {
        self.0.checked_sub_signed(duration).map(Timestamp)
    }
}

/// A calendar day as reports and filters write it, `YYYY-MM-DD`: checked
/// when read (a real date, this exact form), kept as its text, because days
/// are compared with the facts' own `YYYY-MM-DD` texts, which sort as
/// dates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(String);

/// A text that is not a day written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not a date written YYYY-MM-DD, like 2026-11-29", crate::ids::shown(.value))]
pub struct BadDay {
    pub value: String,
}

impl Day {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The day before and the day after (the same day at the ends of the
    /// calendar): a UTC day within one of these holds every local time of
    /// this day, whatever the offset.
    pub fn neighbours(&self) -> (Day, Day) {
        let date = chrono::NaiveDate::parse_from_str(&self.0, "%Y-%m-%d").ok();
        let shown = |d: Option<chrono::NaiveDate>| {
            d.map_or_else(|| self.clone(), |d| Day(d.format("%Y-%m-%d").to_string()))
        };
        (
            shown(date.and_then(|d| d.pred_opt())),
            shown(date.and_then(|d| d.succ_opt())),
        )
    }
}

impl FromStr for Day {
    type Err = BadDay;

    fn from_str(value: &str) -> Result<Self, BadDay> {
        let bad = || BadDay {
            value: value.to_owned(),
        };
        // Four-digit years only: `+10000-01-01` writes back as itself, but
        // would sort before every real day.
        if value.len() != 10 {
            return Err(bad());
        }
        let date = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad())?;
        // chrono also takes `2026-2-3`: only the form written back is a day.
        let written = date.format("%Y-%m-%d").to_string();
        if written != value {
            return Err(bad());
        }
        Ok(Day(written))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(at: DateTime<Utc>) -> Self {
        Timestamp::from_datetime(at)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Field by field, as chrono's RFC 3339 writer would give it, but
        // without the String that writer allocates: a hub import writes
        // several times per record. Chrono's writer stays for what the
        // fields cannot show (a year outside 0–9999, a leap second).
        let (date, time) = (self.0.date_naive(), self.0.time());
        if (0..=9999).contains(&date.year()) && time.nanosecond() == 0 {
            write!(
                f,
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                date.year(),
                date.month(),
                date.day(),
                time.hour(),
                time.minute(),
                time.second()
            )
        } else {
            f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
        }
    }
}

impl FromStr for Timestamp {
    type Err = BadTimestamp;

    fn from_str(text: &str) -> Result<Self, BadTimestamp> {
        let bad = || BadTimestamp {
            value: text.to_owned(),
        };
        // Only the written form, `YYYY-MM-DDTHH:MM:SSZ`: `+00:00`, `z`, a
        // space for `T` or a fraction would not give the same bytes back.
        // Read byte by byte, without allocating: an import reads a time for
        // every record.
        let bytes = text.as_bytes();
        if bytes.len() != 20 {
            return Err(bad());
        }
        for (at, byte) in bytes.iter().enumerate() {
            let fits = match at {
                4 | 7 => *byte == b'-',
                10 => *byte == b'T',
                13 | 16 => *byte == b':',
                19 => *byte == b'Z',
                _ => byte.is_ascii_digit(),
            };
            if !fits {
                return Err(bad());
            }
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range]
                .iter()
                .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'))
        };
        let year = i32::try_from(number(0..4)).map_err(|_| bad())?;
        let date = NaiveDate::from_ymd_opt(year, number(5..7), number(8..10));
        // No leap second: Qorgau never writes `:60`.
        let time = NaiveTime::from_hms_opt(number(11..13), number(14..16), number(17..19));
        match date.zip(time) {
            Some((date, time)) => Ok(Timestamp(date.and_time(time).and_utc())),
            None => Err(bad()),
        }
    }
}

impl TryFrom<String> for Timestamp {
    type Error = BadTimestamp;

    fn try_from(text: String) -> Result<Self, BadTimestamp> {
        Timestamp::from_str(&text)
    }
}

impl From<Timestamp> for String {
    fn from(at: Timestamp) -> String {
        at.to_string()
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a time in UTC to the second, like 2026-11-29T10:00:00Z")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
                Timestamp::from_str(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl rusqlite::types::ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.to_string()))
    }
}

impl rusqlite::types::FromSql for Timestamp {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        Timestamp::from_str(value.as_str()?)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every signature and MAC covers timestamps as written: the writer
    /// must give chrono's RFC 3339 bytes exactly.
    #[test]
    fn a_timestamp_is_written_exactly_as_chrono_writes_rfc_3339() {
        let mut seconds: i64 = 1;
        let mut checked = 0;
        // Seconds spread from 1970 to the year 9999, and the edges.
        let edges = [0, 59, 86_399, 951_782_400, 4_107_542_399, 253_402_300_799];
        for secs in edges.into_iter().chain((0..20_000).map(|_| {
            seconds = seconds
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            seconds.rem_euclid(253_402_300_800)
        })) {
            let at = DateTime::<Utc>::from_timestamp(secs, 0).expect("in range");
            let stamp = Timestamp::from_datetime(at);
            let written = stamp.to_string();
            assert_eq!(written, at.to_rfc3339_opts(SecondsFormat::Secs, true));
            assert_eq!(written.parse::<Timestamp>(), Ok(stamp));
            checked += 1;
        }
        assert_eq!(checked, 20_006);
    }

    #[test]
    fn a_day_is_a_real_date_written_yyyy_mm_dd() {
        let day: Day = "2026-02-03".parse().unwrap();
        assert_eq!(day.as_str(), "2026-02-03");
        for bad in [
            "2026-02-30",
            "2026-2-3",
            "2026-02-03T00:00:00Z",
            " 2026-02-03",
            "",
            "03.02.2026",
            "+10000-01-01",
        ] {
            assert!(bad.parse::<Day>().is_err(), "{bad:?}");
        }
        assert!(Day::from_str("2026-01-31").unwrap() < Day::from_str("2026-02-01").unwrap());
    }

    #[test]
    fn a_timestamp_reads_and_writes_the_same_bytes() {
        for text in [
            "2026-11-29T10:00:00Z",
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "9999-12-31T23:59:59Z",
        ] {
            let at: Timestamp = text.parse().unwrap();
            assert_eq!(at.to_string(), text);
            let json = serde_json::to_string(&at).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), at);
        }
        let now = Timestamp::now();
        assert_eq!(now.to_string().parse::<Timestamp>().unwrap(), now);
    }

    #[test]
    fn other_forms_and_impossible_dates_are_refused() {
        for text in [
            "",
            "2026-11-29",
            "2026-11-29T10:00:00+00:00",
            "2026-11-29T15:00:00+05:00",
            "2026-11-29T10:00:00.5Z",
            "2026-11-29t10:00:00z",
            "2026-11-29 10:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-29T24:00:01Z",
            "2026-12-31T23:59:60Z",
            "2026-11-29T10:00:00Z\n",
            "２026-11-29T10:00:00Z",
            "+10000-01-01T00:00:00Z",
            "yesterday",
        ] {
            let error = text.parse::<Timestamp>().unwrap_err().to_string();
            assert!(
                error.contains("like 2026-11-29T10:00:00Z"),
                "{text}: {error}"
            );
        }
    }

    #[test]
    fn times_compare_as_times() {
        let at = |t: &str| t.parse::<Timestamp>().unwrap();
        assert!(at("2026-11-29T10:00:00Z") < at("2026-11-29T10:00:01Z"));
        assert!(at("2025-12-31T23:59:59Z") < at("2026-01-01T00:00:00Z"));
        let mut times = [
            at("2026-11-29T10:00:00Z"),
            at("1999-01-01T00:00:00Z"),
            at("2026-01-01T00:00:00Z"),
        ];
        times.sort();
        assert_eq!(times[0], at("1999-01-01T00:00:00Z"));
        assert_eq!(times[2], at("2026-11-29T10:00:00Z"));
    }

    #[test]
    fn plausible_times_lie_between_2024_and_two_days_ahead() {
        let at = |t: &str| t.parse::<Timestamp>().unwrap();
        let now = at("2026-11-29T12:00:00Z");
        assert!(at("2024-01-01T00:00:00Z").is_plausible_at(now));
        assert!(!at("2023-12-31T23:59:59Z").is_plausible_at(now));
        assert!(at("2026-12-01T12:00:00Z").is_plausible_at(now));
        assert!(!at("2026-12-01T12:00:01Z").is_plausible_at(now));
    }

    #[test]
    fn a_local_date_follows_the_offset() {
        let at: Timestamp = "2026-11-30T20:30:00Z".parse().unwrap();
        assert_eq!(at.local_date(Some(300)), "2026-12-01");
        assert_eq!(at.local_date(None), "2026-11-30");
        assert_eq!(at.local_date(Some(i32::MAX)), "2026-11-30");
    }
}
