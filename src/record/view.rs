//! A sealed record's plaintext read in place, as the hub's import reads
//! every record it receives: the head and the full record are parsed
//! straight from the decrypted bytes (a text is copied only when it has a
//! JSON escape), the full record is checked field by field exactly as
//! [`Record`](super::Record) would read it, and its head must be the head of
//! its body (security review F12) — the same checks, in the same order and
//! with the same messages, as [`open_record`](super::open_record), without
//! building a [`Record`](super::Record) that the import would throw away.
//!
//! The view types below mirror `Record`, `RecordHead`, `Outcome` and
//! `CaseProfile` field for field (same names, order, optional fields and
//! defaults, unknown fields ignored as there, and the same `expecting` in
//! messages). Their tests check that the
//! two readings accept and refuse the same documents, and break at compile
//! time when a field is added to `Record` or `RecordHead` but not here.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{BindingProtocol, RecordError, RecordHead};
use crate::engine::scoring::DomainStatus;
use crate::engine::CaseProfile;

/// A JSON string borrowed from the plaintext (owned only when it had an
/// escape). Reads what a `String` reads, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text<'a>(Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_string(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    // As `String`'s reader says it, so a refusal reads the same.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v)))
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Text<'de>, E> {
        match std::str::from_utf8(v) {
            Ok(s) => Ok(Text(Cow::Owned(s.to_owned()))),
            Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(v), &self)),
        }
    }
}

/// A list of texts that is checked and not kept (a `Vec<String>` there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Texts;

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(TextsVisitor)
    }
}

struct TextsVisitor;

impl<'de> Visitor<'de> for TextsVisitor {
    type Value = Texts;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
        while seq.next_element::<Text<'de>>()?.is_some() {}
        Ok(Texts)
    }
}

/// A map from texts to `V` that is checked and not kept (a
/// `BTreeMap<String, V>` there, which also takes a repeated key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checked<V>(std::marker::PhantomData<V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Checked<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CheckedVisitor(std::marker::PhantomData))
    }
}

struct CheckedVisitor<V>(std::marker::PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for CheckedVisitor<V> {
    type Value = Checked<V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked<V>, A::Error> {
        while map.next_entry::<Text<'de>, V>()?.is_some() {}
        Ok(Checked(std::marker::PhantomData))
    }
}

/// A stored answer, checked and not kept: what
/// [`StoredAnswer`](super::StoredAnswer)'s reader takes (a number, a text or
/// a list of texts), with its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AnswerShape;

impl<'de> Deserialize<'de> for AnswerShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerShapeVisitor)
    }
}

struct AnswerShapeVisitor;

impl<'de> Visitor<'de> for AnswerShapeVisitor {
    type Value = AnswerShape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer: a number, a text or a list of texts")
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<AnswerShape, E> {
        Ok(AnswerShape)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<AnswerShape, E> {
        Ok(AnswerShape)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<AnswerShape, E> {
        Ok(AnswerShape)
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<AnswerShape, E> {
        Ok(AnswerShape)
    }

    fn visit_string<E: serde::de::Error>(self, _: String) -> Result<AnswerShape, E> {
        Ok(AnswerShape)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AnswerShape, A::Error> {
        while seq.next_element::<Text<'de>>()?.is_some() {}
        Ok(AnswerShape)
    }
}

/// The views, under the names of the types they mirror: serde's messages
/// name the type ("expected struct Record with 15 elements"), and a
/// refusal must read the same whichever reading made it.
mod mirror {
    use super::{AnswerShape, Checked, Text, Texts};
    use crate::engine::scoring::{DomainStatus, StrengthCounts};
    use crate::engine::Band;
    use crate::ids::{CaseCode, DeviceId, RecordId};
    use crate::lang::Lang;
    use crate::protocol::model::Population;
    use crate::record::{Consent, ReferralStatus};
    use crate::time::Timestamp;

    /// [`BindingProtocol`](super::super::BindingProtocol), borrowed.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
    pub struct BindingProtocol<'a> {
        #[serde(borrow)]
        pub id: Text<'a>,
        #[serde(borrow)]
        pub version: Text<'a>,
    }

    /// [`CaseProfile`](crate::engine::CaseProfile), borrowed.
    #[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
    pub struct CaseProfile<'a> {
        #[serde(default, borrow)]
        pub sex: Option<Text<'a>>,
        #[serde(default, borrow)]
        pub age_band: Option<Text<'a>>,
        #[serde(default, borrow)]
        pub citizenship: Option<Text<'a>>,
        #[serde(default, borrow)]
        pub direction: Option<Text<'a>>,
        #[serde(default, borrow)]
        pub exploitation: Vec<Text<'a>>,
        #[serde(default, borrow)]
        pub channel: Vec<Text<'a>>,
        #[serde(default, borrow)]
        pub htcds: Vec<Text<'a>>,
    }

    /// [`RecordHead`](super::super::RecordHead), borrowed: what the import checks
    /// against the bundle's list and hands to the report's facts.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
    pub struct RecordHead<'a> {
        pub record_id: RecordId,
        pub case_code: CaseCode,
        pub device_id: DeviceId,
        #[serde(borrow)]
        pub region: Option<Text<'a>>,
        #[serde(borrow)]
        pub protocol: BindingProtocol<'a>,
        pub finished_at: Timestamp,
        pub band: Band,
        #[serde(borrow)]
        pub positive_domains: Vec<Text<'a>>,
        #[serde(borrow)]
        pub fired: Vec<Text<'a>>,
        pub referral: Option<ReferralStatus>,
        #[serde(default)]
        pub consent: Option<Consent>,
        #[serde(default, borrow)]
        pub profile: CaseProfile<'a>,
        #[serde(default)]
        pub utc_offset_minutes: Option<i32>,
    }

    #[derive(serde::Deserialize)]
    pub struct ProtocolRef<'a> {
        #[serde(borrow)]
        pub id: Text<'a>,
        #[serde(borrow)]
        pub version: Text<'a>,
        #[allow(
            dead_code,
            reason = "read to check it is there and a text, as Record reads it"
        )]
        pub sha256: Text<'a>,
    }

    #[derive(serde::Deserialize)]
    pub struct Referral<'a> {
        #[allow(dead_code, reason = "read to check it, as Record reads it")]
        pub to: Texts,
        pub status: ReferralStatus,
        #[allow(dead_code, reason = "read to check it, as Record reads it")]
        #[serde(borrow)]
        pub reason: Option<Text<'a>>,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code, reason = "read to check them, as Record reads them")]
    pub struct ScreenResult<'a> {
        #[serde(borrow)]
        pub id: Text<'a>,
        pub applies: bool,
        pub count: usize,
        pub at_least: usize,
        pub reached: bool,
    }

    #[derive(serde::Deserialize)]
    pub struct DomainResult<'a> {
        #[serde(borrow)]
        pub id: Text<'a>,
        pub status: DomainStatus,
        #[allow(dead_code, reason = "read to check them, as Record reads them")]
        pub fired: StrengthCounts,
        #[allow(dead_code, reason = "read to check them, as Record reads them")]
        pub asked: u32,
        #[allow(dead_code, reason = "read to check them, as Record reads them")]
        pub missing: u32,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code, reason = "fields read to check them, as Record reads them")]
    pub struct Outcome<'a> {
        pub band: Band,
        pub domains: Checked<DomainStatus>,
        #[serde(borrow)]
        pub fired: Vec<Text<'a>>,
        pub red_flags: Texts,
        #[serde(borrow)]
        pub rule: Text<'a>,
        #[serde(default, borrow)]
        pub observation_only: Option<Text<'a>>,
        pub missing: Texts,
        pub ignored: Texts,
        pub population: Population,
        #[serde(borrow)]
        pub screens: Vec<ScreenResult<'a>>,
        #[serde(borrow)]
        pub domain_details: Vec<DomainResult<'a>>,
    }

    /// [`Record`](super::super::Record), borrowed; what the head is not compared
    /// with is only checked.
    #[derive(serde::Deserialize)]
    #[allow(dead_code, reason = "fields read to check them, as Record reads them")]
    pub struct Record<'a> {
        pub format: u32,
        pub record_id: RecordId,
        pub case_code: CaseCode,
        pub device_id: DeviceId,
        #[serde(borrow)]
        pub region: Option<Text<'a>>,
        #[serde(borrow)]
        pub protocol: ProtocolRef<'a>,
        pub lang: Lang,
        pub started_at: Timestamp,
        pub finished_at: Timestamp,
        pub consent: Consent,
        #[serde(borrow)]
        pub referral: Option<Referral<'a>>,
        pub answers: Checked<AnswerShape>,
        #[serde(borrow)]
        pub outcome: Outcome<'a>,
        #[serde(default)]
        pub utc_offset_minutes: Option<i32>,
        #[serde(default, borrow)]
        pub profile: CaseProfile<'a>,
    }
}

use mirror::Record as RecordView;
pub use mirror::{
    BindingProtocol as BindingView, CaseProfile as ProfileView, RecordHead as HeadView,
};

impl ProfileView<'_> {
    /// As [`CaseProfile::unknown_value`](crate::engine::CaseProfile::unknown_value).
    pub fn unknown_value(&self) -> Option<String> {
        crate::engine::profile::unknown_value(
            [
                self.sex.as_deref(),
                self.age_band.as_deref(),
                self.citizenship.as_deref(),
                self.direction.as_deref(),
            ],
            &self.exploitation,
            &self.channel,
            &self.htcds,
        )
    }
}

impl HeadView<'_> {
    /// As [`RecordHead::local_date`](super::RecordHead::local_date).
    pub fn local_date(&self) -> String {
        self.finished_at.local_date(self.utc_offset_minutes)
    }

    /// The head, copied out of the plaintext.
    pub fn to_head(&self) -> RecordHead {
        let text = |t: &Text<'_>| t.as_str().to_owned();
        let texts = |ts: &[Text<'_>]| ts.iter().map(text).collect();
        let profile = &self.profile;
        RecordHead {
            record_id: self.record_id.clone(),
            case_code: self.case_code.clone(),
            device_id: self.device_id.clone(),
            region: self.region.as_ref().map(text),
            protocol: BindingProtocol {
                id: text(&self.protocol.id),
                version: text(&self.protocol.version),
            },
            finished_at: self.finished_at,
            band: self.band,
            positive_domains: texts(&self.positive_domains),
            fired: texts(&self.fired),
            referral: self.referral,
            consent: self.consent,
            profile: CaseProfile {
                sex: profile.sex.as_ref().map(text),
                age_band: profile.age_band.as_ref().map(text),
                citizenship: profile.citizenship.as_ref().map(text),
                direction: profile.direction.as_ref().map(text),
                exploitation: texts(&profile.exploitation),
                channel: texts(&profile.channel),
                htcds: texts(&profile.htcds),
            },
            utc_offset_minutes: self.utc_offset_minutes,
        }
    }
}

impl RecordView<'_> {
    /// Whether `head` is this record's head ([`Record::head`](super::Record::head)),
    /// a head without a consent scope (written before heads carried it)
    /// matching any.
    fn has_head(&self, head: &HeadView<'_>) -> bool {
        let outcome = &self.outcome;
        let positive = outcome
            .domain_details
            .iter()
            .filter(|d| d.status == DomainStatus::Positive)
            .map(|d| &d.id);
        head.record_id == self.record_id
            && head.case_code == self.case_code
            && head.device_id == self.device_id
            && head.region == self.region
            && head.protocol.id == self.protocol.id
            && head.protocol.version == self.protocol.version
            && head.finished_at == self.finished_at
            && head.band == outcome.band
            && head.positive_domains.iter().eq(positive)
            && head.fired == outcome.fired
            && head.referral == self.referral.as_ref().map(|r| r.status)
            && head.consent.is_none_or(|c| c == self.consent)
            && head.profile == self.profile
            && head.utc_offset_minutes == self.utc_offset_minutes
    }
}

/// A sealed record's plaintext (the head, a newline, the full record), read
/// in place and checked as [`open_record`](super::open_record) checks it,
/// with the same messages: returns the head, borrowed from `bytes`.
pub fn check_record(bytes: &[u8]) -> Result<HeadView<'_>, RecordError> {
    // UTF-8 checked once for the whole plaintext rather than text by text;
    // a plaintext that is not UTF-8 is read as bytes, so the message says
    // where, as `open_record`'s does.
    match std::str::from_utf8(bytes) {
        Ok(text) => check_documents(serde_json::Deserializer::from_str(text)),
        Err(_) => check_documents(serde_json::Deserializer::from_slice(bytes)),
    }
}

fn check_documents<'a, R: serde_json::de::Read<'a>>(
    mut documents: serde_json::Deserializer<R>,
) -> Result<HeadView<'a>, RecordError> {
    let unreadable = |text: String| RecordError::Unreadable(text);
    let head =
        HeadView::deserialize(&mut documents).map_err(|e| unreadable(format!("head: {e}")))?;
    let record =
        RecordView::deserialize(&mut documents).map_err(|e| unreadable(format!("record: {e}")))?;
    documents
        .end()
        .map_err(|_| unreadable("more than a head and a record".to_owned()))?;
    if !record.has_head(&head) {
        return Err(RecordError::HeadMismatch);
    }
    Ok(head)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::check_record;
    use crate::catalog::Catalog;
    use crate::crypto::seal::Payload;
    use crate::engine::scoring::{DomainResult, ScreenResult};
    use crate::engine::{case_profile, score, CaseProfile, Outcome};
    use crate::lang::Lang;
    use crate::record::{
        open_record, store_answers, BindingProtocol, Consent, ProtocolRef, Record, RecordHead,
        Referral, ReferralStatus, RECORD_FORMAT,
    };
    use crate::synth::{random_answers, Rng};

    /// Records of every shipped protocol with every optional part filled.
    fn records() -> Vec<Record> {
        let catalog = Catalog::shipped().unwrap();
        let mut rng = Rng::new(7);
        let mut records = Vec::new();
        for file in catalog.latest() {
            let protocol = &file.protocol;
            for i in 0..3 {
                let answers = random_answers(protocol, &mut rng);
                records.push(Record {
                    format: RECORD_FORMAT,
                    record_id: crate::ids::RecordId::new(),
                    case_code: "ABC-234".parse().unwrap(),
                    device_id: "laptop7".parse().unwrap(),
                    region: (i != 1).then(|| "almaty_city".into()),
                    protocol: ProtocolRef::of(protocol),
                    lang: Lang::Kk,
                    started_at: "2026-11-01T09:00:00Z".parse().unwrap(),
                    finished_at: "2026-11-01T09:20:00Z".parse().unwrap(),
                    consent: Consent::Police,
                    referral: (i != 2).then(|| Referral {
                        to: vec!["hotline".into(), "police".into()],
                        status: ReferralStatus::Accepted,
                        reason: Some("причина \"в кавычках\"".into()),
                    }),
                    answers: store_answers(protocol, &answers),
                    outcome: score(protocol, &answers),
                    utc_offset_minutes: (i != 0).then_some(300),
                    profile: case_profile(protocol, &answers),
                });
            }
        }
        records
    }

    use crate::record::RecordError;

    /// What each reading makes of the same bytes: the head, or the message.
    fn both(
        bytes: &[u8],
    ) -> (
        Result<RecordHead, RecordError>,
        Result<RecordHead, RecordError>,
    ) {
        (
            open_record(bytes).map(|(_, head)| head),
            check_record(bytes).map(|head| head.to_head()),
        )
    }

    fn plaintext(head: &Value, body: &Value) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(head).unwrap();
        bytes.push(b'\n');
        bytes.extend(serde_json::to_vec(body).unwrap());
        bytes
    }

    /// Every node of a JSON tree, as a path of keys and indices.
    fn paths(value: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(at.clone());
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    at.push(Value::String(key.clone()));
                    paths(child, at, out);
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    at.push(Value::from(i));
                    paths(child, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }

    fn node<'v>(value: &'v mut Value, path: &[Value]) -> &'v mut Value {
        path.iter().fold(value, |v, step| match step {
            Value::String(key) => &mut v[key.as_str()],
            Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
            _ => unreachable!(),
        })
    }

    #[test]
    fn a_record_reads_in_place_as_it_reads_whole() {
        for record in records() {
            let bytes = record.to_plaintext().unwrap();
            let head = check_record(&bytes).unwrap();
            assert_eq!(head.to_head(), record.head());
            assert_eq!(head.local_date(), record.head().local_date());
            assert_eq!(head.profile.unknown_value(), record.profile.unknown_value());
        }
    }

    /// Each node of the head and of the record removed or replaced by a
    /// value of every JSON kind: both readings accept the same documents,
    /// with the same head, and refuse the others with the same message.
    #[test]
    fn every_changed_field_is_taken_or_refused_as_the_whole_record_reading_does() {
        let replacements = [
            Value::Null,
            Value::Bool(true),
            Value::from(0),
            Value::from(-3),
            Value::from(2.5),
            Value::from("ABC-234"),
            Value::from("positive"),
            Value::from("\u{41}\\escaped \"text\""),
            serde_json::json!([]),
            serde_json::json!(["hotline"]),
            serde_json::json!([1]),
            serde_json::json!({}),
            serde_json::json!({"x": "y"}),
        ];
        let mut compared = 0;
        let mut accepted = 0;
        for record in records().into_iter().step_by(3) {
            let head = serde_json::to_value(record.head()).unwrap();
            let body = serde_json::to_value(&record).unwrap();
            for document in 0..2 {
                let tree = if document == 0 { &head } else { &body };
                let mut all = Vec::new();
                paths(tree, &mut Vec::new(), &mut all);
                for path in all {
                    let mut variants = Vec::new();
                    if let Some((Value::String(key), parent)) = path.split_last() {
                        let mut removed = tree.clone();
                        node(&mut removed, parent)
                            .as_object_mut()
                            .unwrap()
                            .remove(key);
                        variants.push(removed);
                    }
                    for replacement in &replacements {
                        let mut changed = tree.clone();
                        *node(&mut changed, &path) = replacement.clone();
                        variants.push(changed);
                    }
                    for changed in variants {
                        let bytes = if document == 0 {
                            plaintext(&changed, &body)
                        } else {
                            plaintext(&head, &changed)
                        };
                        let (whole, in_place) = both(&bytes);
                        assert_eq!(in_place, whole, "{}", String::from_utf8_lossy(&bytes));
                        compared += 1;
                        accepted += usize::from(whole.is_ok());
                    }
                }
            }
        }
        // Both kinds of outcome were seen, many times.
        assert!(compared > 5_000, "{compared}");
        assert!(accepted > 500 && accepted < compared - 500, "{accepted}");
    }

    #[test]
    fn repeated_fields_escapes_extra_documents_and_unknown_fields_read_alike() {
        let record = &records()[0];
        let bytes = record.to_plaintext().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let (head, body) = text.split_once('\n').unwrap();
        let cases = [
            // A field given twice.
            format!(
                "{}\n{}",
                head.replacen("{", r#"{"case_code":"ABC-234","#, 1),
                body
            ),
            format!("{head}\n{}", body.replacen("{", r#"{"format":1,"#, 1)),
            // Escapes in borrowed texts, which must then be copied.
            text.replace("laptop7", r"lapto\u00707"),
            text.replacen("laptop7", r"lapto\u00707", 1),
            // Fields no reader knows, and old heads' guessed profile.
            format!(
                "{}\n{}",
                head.replacen("{", r#"{"age_band":"18-24","sex":"x","#, 1),
                body.replacen("{", r#"{"future":{"a":[1,2]},"#, 1)
            ),
            // More than two documents, or fewer.
            format!("{text}\n{{}}"),
            format!("{text} "),
            head.to_owned(),
            String::new(),
            format!("{head}\n{head}"),
            // Not JSON, or cut short.
            format!("{head}\n{}", &body[..body.len() / 2]),
            "\u{0}".to_owned(),
        ];
        for case in cases {
            let (whole, in_place) = both(case.as_bytes());
            assert_eq!(in_place, whole, "{case}");
        }
        // Bytes that are not UTF-8, in a text and outside one.
        for (at, byte) in [(text.find("laptop7").unwrap(), 0xff), (1, 0xc3)] {
            let mut bytes = text.clone().into_bytes();
            bytes[at] = byte;
            let (whole, in_place) = both(&bytes);
            assert!(whole.is_err());
            assert_eq!(in_place, whole);
        }
        // A record whose head was written before heads carried the consent.
        let mut old_head = serde_json::to_value(record.head()).unwrap();
        old_head.as_object_mut().unwrap().remove("consent");
        let body = serde_json::to_value(record).unwrap();
        let (whole, in_place) = both(&plaintext(&old_head, &body));
        assert!(whole.is_ok());
        assert_eq!(in_place, whole);
    }

    /// The views mirror these types field for field: a field added to one
    /// of them stops this from compiling until the view reads it too.
    #[test]
    fn the_views_name_every_field_of_the_types_they_mirror() {
        let record = records().remove(0);
        let Record {
            format: _,
            record_id: _,
            case_code: _,
            device_id: _,
            region: _,
            protocol:
                ProtocolRef {
                    id: _,
                    version: _,
                    sha256: _,
                },
            lang: _,
            started_at: _,
            finished_at: _,
            consent: _,
            referral: _,
            answers: _,
            outcome,
            utc_offset_minutes: _,
            profile,
        } = record.clone();
        let Referral {
            to: _,
            status: _,
            reason: _,
        } = record.referral.clone().unwrap();
        let Outcome {
            band: _,
            domains: _,
            fired: _,
            red_flags: _,
            rule: _,
            observation_only: _,
            missing: _,
            ignored: _,
            population: _,
            screens,
            domain_details,
        } = outcome;
        for ScreenResult {
            id: _,
            applies: _,
            count: _,
            at_least: _,
            reached: _,
        } in screens
        {}
        for DomainResult {
            id: _,
            status: _,
            fired: _,
            asked: _,
            missing: _,
        } in domain_details
        {}
        let CaseProfile {
            sex: _,
            age_band: _,
            citizenship: _,
            direction: _,
            exploitation: _,
            channel: _,
            htcds: _,
        } = profile;
        let RecordHead {
            record_id: _,
            case_code: _,
            device_id: _,
            region: _,
            protocol: BindingProtocol { id: _, version: _ },
            finished_at: _,
            band: _,
            positive_domains: _,
            fired: _,
            referral: _,
            consent: _,
            profile: _,
            utc_offset_minutes: _,
        } = record.head();
    }
}
