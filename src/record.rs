//! What a screening produces and keeps: the draft while it runs, the full
//! record sealed to the hub, and the short summary the worker can read back.
//! Each is serialized as JSON inside its encryption; `format` versions it.
//! The formats are documented in `docs/storage-format.md`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

use crate::engine::answer::validate_answer;
use crate::engine::profile::CaseProfile;
use crate::engine::{Answer, AnswerError, AnswerInput, AnswerSet, Band, Outcome};
use crate::ids::{CaseCode, DeviceId, DraftId, RecordId};
use crate::lang::Lang;
use crate::names::{unknown, Named, UnknownName};
use crate::protocol::Protocol;
use crate::time::Timestamp;

pub mod view;

/// Version of the draft, record and summary payloads.
pub const RECORD_FORMAT: u32 = 1;

/// Which protocol file exactly: a new version never reinterprets old records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

impl ProtocolRef {
    pub fn of(protocol: &Protocol) -> Self {
        ProtocolRef {
            id: protocol.id.clone(),
            version: protocol.version.to_string(),
            sha256: protocol.sha256.clone(),
        }
    }
}

/// What the person agreed their information may be used for.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    Display,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(
    serialize_all = "snake_case",
    parse_err_ty = UnknownName,
    parse_err_fn = unknown::<Consent>
)]
pub enum Consent {
    /// Counted in statistics only, with no identifying data.
    Statistics,
    /// May be passed to social services.
    SocialServices,
    /// May be passed to the police.
    Police,
    /// Anonymous screening: no consent asked or given; statistics only.
    /// Declared last: [`Consent::offered`] leaves it out by position.
    Anonymous,
}

impl Consent {
    /// The scopes offered once the safety gate says it is safe to talk. A
    /// schema 2 protocol reads its consent text aloud first, so "not asked"
    /// is no longer a choice: the person says what they agree to, or the
    /// gate records that they did not want to talk.
    pub fn offered(protocol_schema: u8) -> &'static [Consent] {
        if protocol_schema >= 2 {
            &Consent::VARIANTS[..3]
        } else {
            Consent::VARIANTS
        }
    }

    /// The name in answers files, records and exports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Named for Consent {
    const WHAT: &'static str = "a consent scope";
}

/// Whether a referral was offered, and what the person said.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    Display,
    VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(
    serialize_all = "snake_case",
    parse_err_ty = UnknownName,
    parse_err_fn = unknown::<ReferralStatus>
)]
pub enum ReferralStatus {
    /// Offered, answer not yet known.
    Pending,
    Accepted,
    Declined,
    /// No referral was needed.
    NotNeeded,
}

impl ReferralStatus {
    /// The name in answers files, records and exports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Named for ReferralStatus {
    const WHAT: &'static str = "a referral status";
}

/// After a positive screen: whom the case was referred to, and the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// Contact ids from the referral directory, e.g. `hotline`.
    pub to: Vec<String>,
    pub status: ReferralStatus,
    /// Why, in the worker's words (sensitive: sealed with the record).
    pub reason: Option<String>,
}

/// An answer as stored: the answers-file form, checked again when read back.
/// In JSON a number, a string or an array of strings (no tag).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum StoredAnswer {
    Number(f64),
    Text(String),
    List(Vec<String>),
}

// Read by hand rather than by `#[serde(untagged)]`, which buffers every
// answer and tries each variant in turn, formatting an error message for
// each miss: that was a large part of the hub's import time (every answer
// of every record is read). Same JSON, same values.
impl<'de> Deserialize<'de> for StoredAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StoredAnswerVisitor)
    }
}

struct StoredAnswerVisitor;

impl<'de> serde::de::Visitor<'de> for StoredAnswerVisitor {
    type Value = StoredAnswer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer: a number, a text or a list of texts")
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<StoredAnswer, E> {
        Ok(StoredAnswer::Number(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<StoredAnswer, E> {
        Ok(StoredAnswer::Number(v as f64))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<StoredAnswer, E> {
        Ok(StoredAnswer::Number(v as f64))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StoredAnswer, E> {
        Ok(StoredAnswer::Text(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<StoredAnswer, E> {
        Ok(StoredAnswer::Text(v))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StoredAnswer, A::Error> {
        // The hint comes from the input: bounded so a hostile one cannot
        // reserve much memory.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element::<String>()? {
            items.push(item);
        }
        Ok(StoredAnswer::List(items))
    }
}

impl StoredAnswer {
    pub fn from_answer(answer: &Answer, protocol: &Protocol, question: usize) -> Self {
        let q = &protocol.questions[question];
        match answer.to_toml(q) {
            toml::Value::Integer(i) => StoredAnswer::Number(i as f64),
            toml::Value::Float(f) => StoredAnswer::Number(f),
            toml::Value::Array(items) => StoredAnswer::List(
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            ),
            toml::Value::String(s) => StoredAnswer::Text(s),
            other => StoredAnswer::Text(other.to_string()),
        }
    }

    pub fn to_input(&self) -> AnswerInput {
        match self {
            StoredAnswer::Number(n) => AnswerInput::Number(*n),
            StoredAnswer::Text(t) => AnswerInput::Text(t.clone()),
            StoredAnswer::List(items) => AnswerInput::List(items.clone()),
        }
    }
}

/// Answers keyed by question id, in the stored form.
pub type StoredAnswers = BTreeMap<String, StoredAnswer>;

/// Store every answer of a set by question id.
pub fn store_answers(protocol: &Protocol, answers: &AnswerSet) -> StoredAnswers {
    answers
        .iter()
        .map(|(index, answer)| {
            (
                protocol.questions[index].id.clone(),
                StoredAnswer::from_answer(answer, protocol, index),
            )
        })
        .collect()
}

/// Why stored answers no longer fit their protocol.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("the stored answers name `{0}`, which the protocol does not have")]
    UnknownQuestion(String),
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

/// Read stored answers back through the one answer-validation path.
pub fn restore_answers(
    protocol: &Protocol,
    stored: &StoredAnswers,
) -> Result<AnswerSet, RestoreError> {
    let mut answers = AnswerSet::for_protocol(protocol);
    for (id, value) in stored {
        let (index, question) = protocol
            .question_by_id(id)
            .ok_or_else(|| RestoreError::UnknownQuestion(id.clone()))?;
        answers.set(index, Some(validate_answer(question, value.to_input())?));
    }
    Ok(answers)
}

/// An unfinished screening, encrypted to the device's own key after every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftState {
    pub format: u32,
    pub draft_id: DraftId,
    pub protocol: ProtocolRef,
    pub lang: Lang,
    pub started_at: Timestamp,
    pub consent: Option<Consent>,
    pub answers: StoredAnswers,
    /// Question ids passed, most recent last (for back).
    pub history: Vec<String>,
    /// The question to ask next; `None` when every question was passed.
    pub current: Option<String>,
}

/// A finished screening: everything, sealed to the hub only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub format: u32,
    pub record_id: RecordId,
    pub case_code: CaseCode,
    pub device_id: DeviceId,
    pub region: Option<String>,
    pub protocol: ProtocolRef,
    pub lang: Lang,
    pub started_at: Timestamp,
    pub finished_at: Timestamp,
    pub consent: Consent,
    pub referral: Option<Referral>,
    pub answers: StoredAnswers,
    pub outcome: Outcome,
    /// The device's offset from UTC, in minutes, when the screening
    /// finished: reports count days and months in the device's local time
    /// (Almaty is UTC+5), not in UTC. Absent in records made before it
    /// existed, which count in UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
    /// The case profile (sex, age band, citizenship, direction, forms of
    /// exploitation, recruitment channels, HTCDS values), derived on the
    /// device when the screening finished from the protocol version it was
    /// answered against. Empty (and absent) in records made before it.
    #[serde(default, skip_serializing_if = "CaseProfile::is_empty")]
    pub profile: CaseProfile,
}

/// The plaintext facts stored beside a sealed record, bound to it: the hub
/// checks that the sealed record says the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    pub record_id: RecordId,
    pub device_id: DeviceId,
    pub protocol_id: String,
    pub protocol_version: String,
    pub finished_at: Timestamp,
}

impl Record {
    pub fn meta(&self) -> RecordMeta {
        RecordMeta {
            record_id: self.record_id.clone(),
            device_id: self.device_id.clone(),
            protocol_id: self.protocol.id.clone(),
            protocol_version: self.protocol.version.clone(),
            finished_at: self.finished_at,
        }
    }

    pub fn summary(&self) -> Summary {
        Summary {
            format: RECORD_FORMAT,
            record_id: self.record_id.clone(),
            case_code: self.case_code.clone(),
            finished_at: self.finished_at,
            protocol: crate::protocol::reference(&self.protocol.id, &self.protocol.version),
            band: self.outcome.band,
            red_flags: !self.outcome.red_flags.is_empty(),
            referral: self.referral.as_ref().map(|r| r.status),
        }
    }
}

/// The first document in a sealed record: what binds it to its plaintext
/// metadata, and the coded facts a report counts. Written before the full
/// record so the hub reads it at import without parsing the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordHead {
    pub record_id: RecordId,
    pub case_code: CaseCode,
    pub device_id: DeviceId,
    pub region: Option<String>,
    pub protocol: BindingProtocol,
    pub finished_at: Timestamp,
    pub band: Band,
    pub positive_domains: Vec<String>,
    pub fired: Vec<String>,
    pub referral: Option<ReferralStatus>,
    /// The consent scope, so the hub can tell which records may leave it as
    /// rows. Absent in heads written before it (the hub then treats the
    /// consent as not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// The record's case profile, as in the record. Heads written before it
    /// carried `age_band` and `sex` guessed from question ids; those are
    /// ignored when read (such records have an empty profile).
    #[serde(default, skip_serializing_if = "CaseProfile::is_empty")]
    pub profile: CaseProfile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
}

impl RecordHead {
    /// The day the screening finished, `YYYY-MM-DD`, in the device's local
    /// time when the record says its offset (else in UTC).
    pub fn local_date(&self) -> String {
        self.finished_at.local_date(self.utc_offset_minutes)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindingProtocol {
    pub id: String,
    pub version: String,
}

impl Record {
    /// The head written before the full record inside its encryption.
    pub fn head(&self) -> RecordHead {
        RecordHead {
            record_id: self.record_id.clone(),
            case_code: self.case_code.clone(),
            device_id: self.device_id.clone(),
            region: self.region.clone(),
            protocol: BindingProtocol {
                id: self.protocol.id.clone(),
                version: self.protocol.version.clone(),
            },
            finished_at: self.finished_at,
            band: self.outcome.band,
            positive_domains: self
                .outcome
                .positive_domains()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            fired: self.outcome.fired.clone(),
            referral: self.referral.as_ref().map(|r| r.status),
            consent: Some(self.consent),
            profile: self.profile.clone(),
            utc_offset_minutes: self.utc_offset_minutes,
        }
    }
}

/// A sealed record's plaintext: the head, a newline, then the full record.
impl crate::crypto::seal::Payload for Record {
    fn to_plaintext(&self) -> Result<Vec<u8>, String> {
        let mut bytes = serde_json::to_vec(&self.head()).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        serde_json::to_writer(&mut bytes, self).map_err(|e| e.to_string())?;
        Ok(bytes)
    }

    fn from_plaintext(bytes: &[u8]) -> Result<Self, String> {
        open_record(bytes)
            .map(|(record, _)| record)
            .map_err(|e| e.to_string())
    }
}

/// Why a sealed record's plaintext is not a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Its head (what reports count) is not the head of its body: changed
    /// before it was sealed (security review F12).
    #[error("the head does not match the record")]
    HeadMismatch,
    /// Not a head and a record as Qorgau writes them (the reader's reason).
    #[error("{0}")]
    Unreadable(String),
}

/// A sealed record's plaintext, parsed whole, with its head — which must be
/// the head of its body (what reports count must be what was recorded).
pub fn open_record(bytes: &[u8]) -> Result<(Record, RecordHead), RecordError> {
    // Both documents straight into their types (no intermediate values):
    // the hub parses every record it imports.
    let mut documents = serde_json::Deserializer::from_slice(bytes);
    let unreadable = |text: String| RecordError::Unreadable(text);
    let head =
        RecordHead::deserialize(&mut documents).map_err(|e| unreadable(format!("head: {e}")))?;
    let record =
        Record::deserialize(&mut documents).map_err(|e| unreadable(format!("record: {e}")))?;
    documents
        .end()
        .map_err(|_| unreadable("more than a head and a record".to_owned()))?;
    let mut expected = record.head();
    if head.consent.is_none() {
        // A head written before heads carried the consent scope.
        expected.consent = None;
    }
    if head != expected {
        return Err(RecordError::HeadMismatch);
    }
    Ok((record, head))
}

/// Read only the head of a sealed record's plaintext (the rest is not parsed).
pub fn read_head(plaintext: &[u8]) -> Result<RecordHead, String> {
    serde_json::Deserializer::from_slice(plaintext)
        .into_iter::<RecordHead>()
        .next()
        .ok_or_else(|| "empty record".to_owned())?
        .map_err(|e| e.to_string())
}

crate::json_payload!(DraftState, Summary);

impl RecordMeta {
    /// The canonical bytes of the metadata (field order fixed by the struct).
    #[allow(
        clippy::expect_used,
        reason = "serializing this plain struct (strings, numbers, lists) cannot fail; a silent empty value here would be signed or written"
    )]
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("record metadata serializes")
    }
}

/// What the worker can read back on the device, after unlocking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub format: u32,
    pub record_id: RecordId,
    pub case_code: CaseCode,
    pub finished_at: Timestamp,
    pub protocol: String,
    pub band: Band,
    pub red_flags: bool,
    pub referral: Option<ReferralStatus>,
}

#[cfg(test)]
mod tests {
    use super::StoredAnswer;

    /// The derived form `StoredAnswer` had before its reader was written by
    /// hand: both must read every JSON value the same way.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(untagged)]
    enum Derived {
        Number(f64),
        Text(String),
        List(Vec<String>),
    }

    fn same(derived: Derived) -> StoredAnswer {
        match derived {
            Derived::Number(n) => StoredAnswer::Number(n),
            Derived::Text(t) => StoredAnswer::Text(t),
            Derived::List(l) => StoredAnswer::List(l),
        }
    }

    #[test]
    fn stored_answers_read_as_the_derived_untagged_form_did() {
        for json in [
            "0",
            "-7",
            "18446744073709551615",
            "42.5",
            "-1e300",
            r#""""#,
            r#""yes""#,
            r#""Алматы \"кв. 12\" \u0041""#,
            "[]",
            r#"["a","b","Қазақ"]"#,
            "null",
            "true",
            "{}",
            r#"{"a":"b"}"#,
            r#"[1,2]"#,
            r#"["a",1]"#,
            r#"[["a"]]"#,
        ] {
            let derived = serde_json::from_str::<Derived>(json).ok().map(same);
            let read = serde_json::from_str::<StoredAnswer>(json).ok();
            assert_eq!(read, derived, "{json}");
        }
        // And inside a map, as answers are stored.
        let map: std::collections::BTreeMap<String, StoredAnswer> =
            serde_json::from_str(r#"{"age":34,"sex":"female","signs":["debt","docs"]}"#).unwrap();
        assert_eq!(map["age"], StoredAnswer::Number(34.0));
        assert_eq!(
            map["signs"],
            StoredAnswer::List(vec!["debt".into(), "docs".into()])
        );
    }
}
