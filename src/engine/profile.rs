//! The case profile of one screening: what its profile questions recorded
//! (sex, age band, citizenship, direction, the form of exploitation and the
//! recruitment channel) and the HTCDS values its fired items and chosen
//! options stand for. Computed on the device when a screening finishes, from
//! the protocol version it was answered against, so the hub never needs the
//! protocol to count it.

use serde::{Deserialize, Serialize};

use super::visibility::{visible_answer, visible_questions};
use crate::protocol::answer::{Answer, AnswerSet};
use crate::protocol::profile::{age_band_of, HtcdsTag};
use crate::protocol::{ProfileField, Protocol};

/// What one screening recorded of the person, coded. `None` or empty: not
/// recorded (the question was not shown or was skipped); `"unknown"`: asked,
/// and not known, unsure or declined.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exploitation: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel: Vec<String>,
    /// HTCDS item values, written as in protocols
    /// (`MethodsOfControlWithholdsDocuments`), sorted, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub htcds: Vec<String>,
}

impl CaseProfile {
    /// Nothing recorded (a record made before profiles, or a protocol
    /// without profile questions).
    pub fn is_empty(&self) -> bool {
        *self == CaseProfile::default()
    }

    /// The first value that is not a value of its field (or not an HTCDS
    /// tag), as `field = value`: a record from a device whose qorgau knows
    /// values this one does not, or a forged one.
    pub fn unknown_value(&self) -> Option<String> {
        unknown_value(
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

    /// The value recorded for a single-valued field.
    pub fn single(&self, field: ProfileField) -> Option<&str> {
        match field {
            ProfileField::Sex => self.sex.as_deref(),
            ProfileField::Age | ProfileField::AgeBand => self.age_band.as_deref(),
            ProfileField::Citizenship => self.citizenship.as_deref(),
            ProfileField::Direction => self.direction.as_deref(),
            ProfileField::Exploitation | ProfileField::Channel => None,
        }
    }
}

/// The first value of a profile (sex, age band, citizenship and direction,
/// then the lists) that is not a value of its field, as `field = value`:
/// see [`CaseProfile::unknown_value`]. Takes borrowed values, so the import
/// checks a profile it has not copied.
pub fn unknown_value<S: AsRef<str>>(
    singles: [Option<&str>; 4],
    exploitation: &[S],
    channel: &[S],
    htcds: &[S],
) -> Option<String> {
    let fields = [
        ProfileField::Sex,
        ProfileField::AgeBand,
        ProfileField::Citizenship,
        ProfileField::Direction,
    ];
    for (field, value) in fields.into_iter().zip(singles) {
        if let Some(v) = value {
            if !field.is_value(v) {
                return Some(format!("{field} = {}", shortened(v)));
            }
        }
    }
    for (field, values) in [
        (ProfileField::Exploitation, exploitation),
        (ProfileField::Channel, channel),
    ] {
        if let Some(v) = values
            .iter()
            .map(AsRef::as_ref)
            .find(|v| !field.is_value(v))
        {
            return Some(format!("{field} = {}", shortened(v)));
        }
    }
    htcds
        .iter()
        .map(AsRef::as_ref)
        .find(|t| HtcdsTag::parse(t).is_none())
        .map(|t| format!("htcds = {}", shortened(t)))
}

/// A value from a device, short enough for a message.
fn shortened(value: &str) -> String {
    value.chars().take(40).collect()
}

/// The case profile of an answer set: only visible answers count.
pub fn case_profile(protocol: &Protocol, answers: &AnswerSet) -> CaseProfile {
    let visible = visible_questions(protocol, answers);
    let mut profile = CaseProfile::default();
    let mut htcds: Vec<String> = Vec::new();
    for (index, question) in protocol.questions.iter().enumerate() {
        let Some(answer) = visible_answer(&visible, answers, index) else {
            continue;
        };
        if answer.fires(question) {
            htcds.extend(question.htcds.iter().map(ToString::to_string));
        }
        let chosen: Vec<usize> = match answer {
            Answer::Choice(i) => vec![*i],
            Answer::Choices(mask) => (0..question.options.len())
                .filter(|i| mask & (1u64 << i) != 0)
                .collect(),
            _ => Vec::new(),
        };
        for &i in &chosen {
            if let Some(option) = question.options.get(i) {
                htcds.extend(option.htcds.iter().map(ToString::to_string));
            }
        }
        let Some(field) = question.profile else {
            continue;
        };
        let values: Vec<String> = match answer {
            Answer::Number(years) => vec![age_band_of(*years).to_owned()],
            _ if answer.is_missing_for(question) => vec!["unknown".to_owned()],
            _ => chosen
                .iter()
                .filter_map(|&i| question.options.get(i))
                .map(|o| o.profile_value.clone().unwrap_or_else(|| o.id.clone()))
                .collect(),
        };
        let first = values.first().cloned();
        match field {
            ProfileField::Sex => profile.sex = first,
            ProfileField::Age | ProfileField::AgeBand => profile.age_band = first,
            ProfileField::Citizenship => profile.citizenship = first,
            ProfileField::Direction => profile.direction = first,
            ProfileField::Exploitation => profile.exploitation = values,
            ProfileField::Channel => profile.channel = values,
        }
    }
    htcds.sort_unstable();
    htcds.dedup();
    profile.htcds = htcds;
    profile
}
