//! The ids a screening, a device and a bundle are known by: [`RecordId`],
//! [`DeviceId`], [`BundleId`], [`DraftId`] and [`CaseCode`].
//!
//! Each is a string in every file and database (the formats in `docs/` are
//! unchanged): it serializes as exactly the text it was read from, and it is
//! checked when it is read, so a malformed one in a bundle, a card or a
//! database row is refused with one message ([`BadId`]) instead of travelling
//! on as a string. The rules are those of the code that makes the ids:
//!
//! | id | made by | form |
//! |---|---|---|
//! | record | [`RecordId::new`] | a UUID, lowercase and hyphenated |
//! | device | set-up ([`DeviceId::new`]) | a UUID; cards made by hand or for tests use short names (`device-test`): 1–64 ASCII letters, digits, `-` or `_` |
//! | bundle | `sync::BundleHeader::content_id` | 64 lowercase hexadecimal digits (a SHA-256) |
//! | draft | [`DraftId::new`] | a short code like a case code; drafts saved by older versions have a UUID |
//! | case code | [`CaseCode::new`] | `XXX-XXX` from [`CODE_ALPHABET`] (no 0/O, 1/I/L) |

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;

use rand_core::{OsRng, RngCore};

/// The letters and digits of case codes and draft ids: none that is read
/// aloud or written by hand as another (no 0/O, 1/I/L).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A case code, for messages that show the form.
pub const EXAMPLE_CASE_CODE: &str = "T9D-G3J";
/// A case code as a hub shows it after a collision.
pub const EXAMPLE_LONGER_CODE: &str = "T9D-G3J-K4";
/// A record id, for messages that show the form.
pub const EXAMPLE_RECORD_ID: &str = "8e4fa575-a817-4fde-b92c-6473bb1c1b8e";

/// Which id a text was meant to be, for the message that refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Record,
    Device,
    Bundle,
    Draft,
    CaseCode,
    /// A record id or a case code, as a coordinator or a worker types it.
    RecordQuery,
}

impl IdKind {
    fn what(self) -> &'static str {
        match self {
            IdKind::Record => "a record id",
            IdKind::Device => "a device id",
            IdKind::Bundle => "a bundle id",
            IdKind::Draft => "a draft id",
            IdKind::CaseCode => "a case code",
            IdKind::RecordQuery => "a case code or a record id",
        }
    }

    fn form(self) -> &'static str {
        match self {
            IdKind::Record => "a record id is a UUID in lowercase, like 8e4fa575-a817-4fde-b92c-6473bb1c1b8e",
            IdKind::Device => "a device id is 1 to 64 ASCII letters, digits, hyphens or underscores, like 8e4fa575-a817-4fde-b92c-6473bb1c1b8e",
            IdKind::Bundle => "a bundle id is 64 lowercase hexadecimal digits",
            IdKind::Draft => "a draft id is a short code like K7M-4QX (a UUID for drafts saved by older versions)",
            IdKind::CaseCode => "a case code is three letters or digits, a hyphen and three more, like T9D-G3J (without 0, 1, I, L or O)",
            IdKind::RecordQuery => "a case code looks like T9D-G3J (at a hub perhaps with one more part, T9D-G3J-K4), a record id like 8e4fa575-a817-4fde-b92c-6473bb1c1b8e",
        }
    }
}

/// A text that is not the id it should be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not {}: {}", shown(.value), .kind.what(), .kind.form())]
pub struct BadId {
    pub kind: IdKind,
    /// The text as given (shown escaped and shortened in the message).
    pub value: String,
}

/// At most 80 characters of untrusted text, quoted, control characters
/// escaped: a forged id must not write to a terminal or fill a screen.
pub(crate) fn shown(value: &str) -> String {
    let mut text: String = value
        .chars()
        .take(80)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().count() > 80 {
        text.push('…');
    }
    format!("\"{text}\"")
}

fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(at, b)| match at {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
}

fn is_short_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes.iter().enumerate().all(|(at, b)| match at {
            3 => *b == b'-',
            _ => CODE_ALPHABET.contains(b),
        })
}

fn short_code() -> String {
    let mut bytes = [0u8; 6];
    OsRng.fill_bytes(&mut bytes);
    let mut code = String::with_capacity(7);
    for (at, b) in bytes.iter().enumerate() {
        if at == 3 {
            code.push('-');
        }
        code.push(char::from(
            CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()],
        ));
    }
    code
}

fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// One id type: a checked string that serializes as the string.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:expr, $valid:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The id as written in files and rows.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as its text.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl FromStr for $name {
            type Err = BadId;

            fn from_str(text: &str) -> Result<Self, BadId> {
                Self::try_from(text.to_owned())
            }
        }

        impl TryFrom<String> for $name {
            type Error = BadId;

            fn try_from(text: String) -> Result<Self, BadId> {
                let valid: fn(&str) -> bool = $valid;
                if valid(&text) {
                    Ok($name(text))
                } else {
                    Err(BadId {
                        kind: $kind,
                        value: text,
                    })
                }
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Read as text anywhere a text is read (`starts_with`, a `&str`
        // argument); made only through the checks above.
        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::try_from(text).map_err(serde::de::Error::custom)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::Borrowed(
                    rusqlite::types::ValueRef::Text(self.0.as_bytes()),
                ))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_str(text)
                    .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

id_type!(
    /// A finished screening's id: a UUID, made on the device.
    RecordId,
    IdKind::Record,
    is_uuid
);

id_type!(
    /// A device's id, on its card and on everything it sends.
    DeviceId,
    IdKind::Device,
    |text| {
        (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
);

id_type!(
    /// A bundle's id: the SHA-256 of its contents, in lowercase hex.
    BundleId,
    IdKind::Bundle,
    |text| {
        text.len() == 64
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }
);

id_type!(
    /// An unfinished screening's id: a short code a worker can read off the
    /// list of drafts and type; drafts saved by older versions keep their UUIDs.
    DraftId,
    IdKind::Draft,
    |text| is_short_code(text) || is_uuid(text)
);

id_type!(
    /// A short code to name a case aloud or on paper, without the person's
    /// name: `T9D-G3J`.
    CaseCode,
    IdKind::CaseCode,
    is_short_code
);

impl RecordId {
    /// A new random record id (UUID v4).
    #[allow(
        clippy::new_without_default,
        reason = "a new id is random, not a default"
    )]
    pub fn new() -> Self {
        RecordId(new_uuid())
    }
}

impl DeviceId {
    /// A new random device id (UUID v4), made at set-up.
    #[allow(
        clippy::new_without_default,
        reason = "a new id is random, not a default"
    )]
    pub fn new() -> Self {
        DeviceId(new_uuid())
    }
}

impl BundleId {
    /// The id of a SHA-256 digest.
    pub fn of_digest(digest: &[u8; 32]) -> Self {
        BundleId(digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl DraftId {
    /// A new draft id: a short code like a case code.
    #[allow(
        clippy::new_without_default,
        reason = "a new id is random, not a default"
    )]
    pub fn new() -> Self {
        DraftId(short_code())
    }
}

impl CaseCode {
    /// A new random case code.
    #[allow(
        clippy::new_without_default,
        reason = "a new id is random, not a default"
    )]
    pub fn new() -> Self {
        CaseCode(short_code())
    }

    /// A case code as a person types it: any case, spaces around it.
    pub fn typed(text: &str) -> Result<Self, BadId> {
        CaseCode::from_str(&text.trim().to_uppercase())
    }
}

/// A record as a person names it: by its id, or by its case code — at a hub,
/// after two devices' codes collided, with the extra part the hub shows
/// (`T9D-G3J-K4`). Case and surrounding spaces do not matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordQuery {
    Id(RecordId),
    Case {
        code: CaseCode,
        /// The part a hub adds to tell colliding codes apart.
        suffix: Option<String>,
    },
}

impl FromStr for RecordQuery {
    type Err = BadId;

    fn from_str(text: &str) -> Result<Self, BadId> {
        let trimmed = text.trim();
        if let Ok(id) = RecordId::from_str(&trimmed.to_lowercase()) {
            return Ok(RecordQuery::Id(id));
        }
        let upper = trimmed.to_uppercase();
        let (base, suffix) = match upper.match_indices('-').nth(1) {
            Some((at, _)) => (&upper[..at], Some(&upper[at + 1..])),
            None => (upper.as_str(), None),
        };
        let bad = || BadId {
            kind: IdKind::RecordQuery,
            value: text.to_owned(),
        };
        let code = CaseCode::from_str(base).map_err(|_| bad())?;
        if let Some(suffix) = suffix {
            let valid = (1..=16).contains(&suffix.len())
                && suffix.bytes().all(|b| CODE_ALPHABET.contains(&b));
            if !valid {
                return Err(bad());
            }
        }
        Ok(RecordQuery::Case {
            code,
            suffix: suffix.map(str::to_owned),
        })
    }
}

impl fmt::Display for RecordQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordQuery::Id(id) => id.fmt(f),
            RecordQuery::Case { code, suffix: None } => code.fmt(f),
            RecordQuery::Case {
                code,
                suffix: Some(suffix),
            } => write!(f, "{code}-{suffix}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_here_read_back_as_themselves() {
        for _ in 0..200 {
            let record = RecordId::new();
            assert_eq!(record.as_str().parse::<RecordId>().unwrap(), record);
            let device = DeviceId::new();
            assert_eq!(device.as_str().parse::<DeviceId>().unwrap(), device);
            let draft = DraftId::new();
            assert_eq!(draft.as_str().parse::<DraftId>().unwrap(), draft);
            let code = CaseCode::new();
            assert_eq!(code.as_str().parse::<CaseCode>().unwrap(), code);
        }
        let bundle = BundleId::of_digest(&[0xab; 32]);
        assert_eq!(bundle.as_str(), "ab".repeat(32));
        assert_eq!(bundle.as_str().parse::<BundleId>().unwrap(), bundle);
    }

    #[test]
    fn malformed_ids_are_refused_with_their_form() {
        let cases: [(Result<(), BadId>, &str); 9] = [
            (RecordId::from_str("r1").map(drop), "a record id is a UUID"),
            (
                RecordId::from_str("8E4FA575-A817-4FDE-B92C-6473BB1C1B8E").map(drop),
                "lowercase",
            ),
            (DeviceId::from_str("").map(drop), "a device id is 1 to 64"),
            (DeviceId::from_str("dev 7").map(drop), "a device id is"),
            (
                BundleId::from_str(&"B".repeat(64)).map(drop),
                "64 lowercase",
            ),
            (
                CaseCode::from_str("T9D-G3O").map(drop),
                "without 0, 1, I, L or O",
            ),
            (CaseCode::from_str("T9DG3J").map(drop), "a case code is"),
            (DraftId::from_str("../../x").map(drop), "a draft id is"),
            (
                RecordQuery::from_str("T9D-G3J-k4/").map(drop),
                "a case code looks like",
            ),
        ];
        for (result, form) in cases {
            let error = result.unwrap_err().to_string();
            assert!(error.contains(form), "{error}");
        }
    }

    #[test]
    fn a_forged_id_cannot_write_to_the_terminal() {
        let error = DeviceId::from_str(&format!("\u{1b}[2J{}", "x".repeat(500)))
            .unwrap_err()
            .to_string();
        assert!(!error.contains('\u{1b}'), "{error:?}");
        assert!(error.len() < 400, "{error}");
    }

    #[test]
    fn ids_serialize_as_the_plain_strings_they_were() {
        let json = r#"["8e4fa575-a817-4fde-b92c-6473bb1c1b8e","device-test","T9D-G3J"]"#;
        let read: (RecordId, DeviceId, CaseCode) = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), json);
        let error = serde_json::from_str::<CaseCode>(r#""t9d-g3j""#).unwrap_err();
        assert!(error.to_string().contains("is not a case code"), "{error}");
    }

    #[test]
    fn a_record_is_named_by_id_or_by_case_code_in_any_case() {
        let id = "8e4fa575-a817-4fde-b92c-6473bb1c1b8e";
        assert_eq!(
            RecordQuery::from_str(&id.to_uppercase()).unwrap(),
            RecordQuery::Id(id.parse().unwrap())
        );
        assert_eq!(
            RecordQuery::from_str(" t9d-g3j ").unwrap(),
            RecordQuery::Case {
                code: "T9D-G3J".parse().unwrap(),
                suffix: None
            }
        );
        let longer = RecordQuery::from_str(" wjc-xmz-q7").unwrap();
        assert_eq!(longer.to_string(), "WJC-XMZ-Q7");
        assert_eq!(CaseCode::typed(" t9d-g3j").unwrap().as_str(), "T9D-G3J");
    }
}
