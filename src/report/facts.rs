//! Coded facts about a record, for reports and the HTCDS export: what it
//! found (band, areas, indicators), where and when, the consent scope and
//! the case profile. Taken at import from the head of the sealed record,
//! kept only encrypted (see [`super::cache`]).

use serde::Serialize;

use crate::engine::{Band, CaseProfile};
use crate::record::{Consent, RecordHead, ReferralStatus};

/// One record's coded facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub record_id: String,
    pub case_code: String,
    pub protocol: String,
    pub version: String,
    pub band: Band,
    pub region: String,
    /// `YYYY-MM-DD` the screening finished.
    pub date: String,
    pub referral: Option<ReferralStatus>,
    /// `None` in facts kept before heads carried it: not known.
    pub consent: Option<Consent>,
    pub profile: CaseProfile,
    pub positive_domains: Vec<String>,
    pub fired: Vec<String>,
}

impl From<RecordHead> for Fact {
    fn from(head: RecordHead) -> Self {
        Fact {
            date: head.local_date(),
            record_id: head.record_id.into_string(),
            case_code: head.case_code.into_string(),
            protocol: head.protocol.id,
            version: head.protocol.version,
            band: head.band,
            region: head.region.unwrap_or_else(|| "-".to_owned()),
            referral: head.referral,
            consent: head.consent,
            profile: head.profile,
            positive_domains: head.positive_domains,
            fired: head.fired,
        }
    }
}
