//! The case profile: the few coded facts about a screened person that a
//! coordinator counts — sex, age, citizenship, direction of travel, the form
//! of exploitation suspected and the recruitment channel — and the values of
//! the Human Trafficking Case Data Standard (HTCDS) that a question or option
//! stands for. Protocols tag questions with a [`ProfileField`] (`profile =
//! "sex"`) and items with HTCDS values (`htcds = "MethodsOfControlWithholdsDocuments"`);
//! `protocol lint` checks every tag against the sets here.
//!
//! The HTCDS names are those of HTCDS 2.0 (UN Migration, `UNMigration/HTCDS`,
//! "HTCDS Field Standards 2.0"); `docs/htcds.md` gives the mapping.

use std::fmt;

use super::model::Kind;

/// The HTCDS version whose field and value names are used here.
pub const HTCDS_VERSION: &str = "2.0";

/// A case-profile field a question can record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProfileField {
    Sex,
    /// Exact age in years (a `number` question); only its band is ever shared.
    Age,
    /// Age band, or apparent age when there is no document.
    AgeBand,
    Citizenship,
    /// Direction of travel at a border.
    Direction,
    Exploitation,
    Channel,
}

/// Sex as recorded, and its HTCDS `prs_Gender` value.
const SEX: &[(&str, Option<&str>)] = &[
    ("female", Some("Feminine")),
    ("male", Some("Masculine")),
    ("unknown", Some("NonSpecifiedUnknown")),
];

/// Age bands (the same bands the hub reports use); `child` and `adult` when
/// only that much is known. HTCDS has no age band field.
const AGE_BAND: &[(&str, Option<&str>)] = &[
    ("age_0_11", None),
    ("age_12_17", None),
    ("age_18_24", None),
    ("age_25_34", None),
    ("age_35_49", None),
    ("age_50_plus", None),
    ("child", None),
    ("adult", None),
    ("unknown", None),
];

/// Direction of travel at a border. HTCDS has no such field.
const DIRECTION: &[(&str, Option<&str>)] = &[
    ("exit", None),
    ("entry", None),
    ("transit", None),
    ("return", None),
    ("unknown", None),
];

/// Form of exploitation suspected, and its HTCDS `vic_TypeOfExploitation`
/// value. Forced criminality (scam centres, couriers) is not a value of
/// HTCDS 2.0 (proposed in its issue #28), so it maps to `Other`.
const EXPLOITATION: &[(&str, Option<&str>)] = &[
    ("forced_labour", Some("ForcedLabour")),
    ("sexual_exploitation", Some("SexualExploitation")),
    ("child_labour", Some("ChildLabour")),
    ("forced_marriage", Some("ForcedMarriage")),
    ("servitude", Some("Servitude")),
    ("forced_military", Some("ForcedMilitaryByNonStateActors")),
    ("organ_removal", Some("OrganRemoval")),
    ("forced_begging", Some("ForcedBegging")),
    ("forced_adoption", Some("ForcedAdoption")),
    ("surrogacy", Some("Surrogacy")),
    ("forced_criminality", Some("Other")),
    ("other", Some("Other")),
    ("unknown", None),
];

/// How the person was recruited, and its HTCDS `vic_MethodOfRecruitment`
/// value. A private recruitment agency is not a value of HTCDS 2.0, so it
/// maps to `Other`.
const CHANNEL: &[(&str, Option<&str>)] = &[
    ("place_of_business", Some("AtAPlaceOfBusiness")),
    ("school", Some("AtAnEducationalInstitution")),
    ("work", Some("AtWork")),
    ("online_social", Some("ThroughOnlineSocialNetworks")),
    ("online_ad", Some("ThroughAnOnlineAdvertisement")),
    ("tv_ad", Some("ThroughATelevisionAdvert")),
    ("newspaper_ad", Some("ThroughANewspaperAdvert")),
    ("family", Some("ThroughFamilyOrFamilyEvents")),
    ("friends", Some("ThroughFriendsOrSocialEvents")),
    ("agency", Some("Other")),
    ("other", Some("Other")),
    ("unknown", None),
];

/// ISO 3166-1 alpha-2 country codes, lower case (from Debian's iso-codes).
const ISO_3166_1: &[&str] = &[
    "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw", "ax", "az",
    "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bl", "bm", "bn", "bo", "bq", "br", "bs",
    "bt", "bv", "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl", "cm", "cn",
    "co", "cr", "cu", "cv", "cw", "cx", "cy", "cz", "de", "dj", "dk", "dm", "do", "dz", "ec", "ee",
    "eg", "eh", "er", "es", "et", "fi", "fj", "fk", "fm", "fo", "fr", "ga", "gb", "gd", "ge", "gf",
    "gg", "gh", "gi", "gl", "gm", "gn", "gp", "gq", "gr", "gs", "gt", "gu", "gw", "gy", "hk", "hm",
    "hn", "hr", "ht", "hu", "id", "ie", "il", "im", "in", "io", "iq", "ir", "is", "it", "je", "jm",
    "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp", "kr", "kw", "ky", "kz", "la", "lb", "lc",
    "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma", "mc", "md", "me", "mf", "mg", "mh", "mk",
    "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt", "mu", "mv", "mw", "mx", "my", "mz", "na",
    "nc", "ne", "nf", "ng", "ni", "nl", "no", "np", "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg",
    "ph", "pk", "pl", "pm", "pn", "pr", "ps", "pt", "pw", "py", "qa", "re", "ro", "rs", "ru", "rw",
    "sa", "sb", "sc", "sd", "se", "sg", "sh", "si", "sj", "sk", "sl", "sm", "sn", "so", "sr", "ss",
    "st", "sv", "sx", "sy", "sz", "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to",
    "tr", "tt", "tv", "tw", "tz", "ua", "ug", "um", "us", "uy", "uz", "va", "vc", "ve", "vg", "vi",
    "vn", "vu", "wf", "ws", "ye", "yt", "za", "zm", "zw",
];

/// Citizenship values besides the country codes.
const CITIZENSHIP_OTHER: &[&str] = &["stateless", "other", "unknown"];

impl ProfileField {
    pub const ALL: [ProfileField; 7] = [
        ProfileField::Sex,
        ProfileField::Age,
        ProfileField::AgeBand,
        ProfileField::Citizenship,
        ProfileField::Direction,
        ProfileField::Exploitation,
        ProfileField::Channel,
    ];

    /// The name used in protocol files and reports.
    pub fn id(self) -> &'static str {
        match self {
            ProfileField::Sex => "sex",
            ProfileField::Age => "age",
            ProfileField::AgeBand => "age_band",
            ProfileField::Citizenship => "citizenship",
            ProfileField::Direction => "direction",
            ProfileField::Exploitation => "exploitation",
            ProfileField::Channel => "channel",
        }
    }

    pub fn parse(id: &str) -> Option<ProfileField> {
        ProfileField::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The question kinds that can record this field.
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            ProfileField::Age => &[Kind::Number],
            ProfileField::Exploitation | ProfileField::Channel => &[Kind::Single, Kind::Multi],
            _ => &[Kind::Single],
        }
    }

    fn table(self) -> &'static [(&'static str, Option<&'static str>)] {
        match self {
            ProfileField::Sex => SEX,
            ProfileField::AgeBand => AGE_BAND,
            ProfileField::Direction => DIRECTION,
            ProfileField::Exploitation => EXPLOITATION,
            ProfileField::Channel => CHANNEL,
            ProfileField::Age | ProfileField::Citizenship => &[],
        }
    }

    /// Whether `value` is a value of this field.
    pub fn is_value(self, value: &str) -> bool {
        match self {
            ProfileField::Age => false,
            ProfileField::Citizenship => {
                ISO_3166_1.binary_search(&value).is_ok() || CITIZENSHIP_OTHER.contains(&value)
            }
            _ => self.table().iter().any(|(v, _)| *v == value),
        }
    }

    /// The values of a field with a fixed set (not age, not citizenship).
    pub fn values(self) -> Vec<&'static str> {
        self.table().iter().map(|(v, _)| *v).collect()
    }

    /// The values, for messages (citizenship: the special ones and a hint).
    pub fn describe_values(self) -> String {
        match self {
            ProfileField::Age => "a number of years".to_owned(),
            ProfileField::Citizenship => format!(
                "an ISO 3166-1 alpha-2 country code in lower case (e.g. kz, uz) or {}",
                CITIZENSHIP_OTHER.join(", ")
            ),
            _ => self
                .table()
                .iter()
                .map(|(v, _)| *v)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// The HTCDS value name for a value of this field, where HTCDS has one.
    pub fn htcds_value(self, value: &str) -> Option<String> {
        match self {
            ProfileField::Citizenship => ISO_3166_1
                .binary_search(&value)
                .ok()
                .map(|_| value.to_ascii_uppercase()),
            _ => self
                .table()
                .iter()
                .find(|(v, _)| *v == value)
                .and_then(|(_, h)| h.map(str::to_owned)),
        }
    }

    /// The HTCDS field this profile field fills, if any.
    pub fn htcds_field(self) -> Option<&'static str> {
        match self {
            ProfileField::Sex => Some("prs_Gender"),
            ProfileField::Citizenship => Some("prs_Citizenship"),
            ProfileField::Exploitation => Some("vic_TypeOfExploitation"),
            ProfileField::Channel => Some("vic_MethodOfRecruitment"),
            ProfileField::Age | ProfileField::AgeBand | ProfileField::Direction => None,
        }
    }
}

impl fmt::Display for ProfileField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The age band of an exact age in years.
pub fn age_band_of(years: f64) -> &'static str {
    match years {
        a if a < 12.0 => "age_0_11",
        a if a < 18.0 => "age_12_17",
        a if a < 25.0 => "age_18_24",
        a if a < 35.0 => "age_25_34",
        a if a < 50.0 => "age_35_49",
        _ => "age_50_plus",
    }
}

/// The HTCDS multi-select fields whose values an item can stand for, with
/// their values (HTCDS 2.0).
pub const HTCDS_ITEM_FIELDS: &[(&str, &[&str])] = &[
    (
        "MethodsOfControl",
        &[
            "PhysicalThreats",
            "ThreatsLawEnforcement",
            "ThreatensChildrenFamily",
            "DebtBondage",
            "FalsePromises",
            "PhysicalAbuse",
            "SexualAbuse",
            "TakesEarnings",
            "RestrictsFinancialAccess",
            "RestrictsMedicalCare",
            "WithholdsNecessities",
            "PsychologicalAbuse",
            "PsychoactiveSubstance",
            "ExcessiveWorkingHours",
            "WithholdsDocuments",
            "Other",
        ],
    ),
    (
        "TypeOfExploitation",
        &[
            "ForcedLabour",
            "SexualExploitation",
            "ChildLabour",
            "ForcedMarriage",
            "Servitude",
            "ForcedMilitaryByNonStateActors",
            "OrganRemoval",
            "ForcedBegging",
            "ForcedAdoption",
            "Surrogacy",
            "Other",
        ],
    ),
    (
        "MethodOfRecruitment",
        &[
            "AtAPlaceOfBusiness",
            "AtAnEducationalInstitution",
            "AtWork",
            "ThroughOnlineSocialNetworks",
            "ThroughAnOnlineAdvertisement",
            "ThroughATelevisionAdvert",
            "ThroughANewspaperAdvert",
            "ThroughFamilyOrFamilyEvents",
            "ThroughFriendsOrSocialEvents",
            "Other",
        ],
    ),
];

/// An HTCDS value an item stands for: `vic_<field>` = `<value>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HtcdsTag {
    pub field: &'static str,
    pub value: &'static str,
}

impl HtcdsTag {
    /// A tag as written in a protocol: the field name without its `vic_`
    /// prefix, then the value name, e.g. `MethodsOfControlWithholdsDocuments`.
    pub fn parse(tag: &str) -> Option<HtcdsTag> {
        HTCDS_ITEM_FIELDS.iter().find_map(|(field, values)| {
            let value = tag.strip_prefix(field)?;
            values
                .iter()
                .find(|v| **v == value)
                .map(|value| HtcdsTag { field, value })
        })
    }

    /// The full HTCDS field name, e.g. `vic_MethodsOfControl`.
    pub fn field_name(self) -> String {
        format!("vic_{}", self.field)
    }
}

impl fmt::Display for HtcdsTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.field, self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_sorted_for_binary_search() {
        assert!(ISO_3166_1.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ISO_3166_1.len(), 249);
        for code in ["kz", "uz", "kg", "tj", "tm", "ru", "cn", "af"] {
            assert!(ProfileField::Citizenship.is_value(code), "{code}");
        }
        assert!(!ProfileField::Citizenship.is_value("xx"));
        assert!(ProfileField::Citizenship.is_value("stateless"));
        assert_eq!(
            ProfileField::Citizenship.htcds_value("uz").as_deref(),
            Some("UZ")
        );
    }

    #[test]
    fn tags_name_a_field_and_one_of_its_values() {
        let tag = HtcdsTag::parse("MethodsOfControlWithholdsDocuments");
        assert_eq!(
            tag,
            Some(HtcdsTag {
                field: "MethodsOfControl",
                value: "WithholdsDocuments"
            })
        );
        assert_eq!(
            tag.map(|t| t.to_string()).as_deref(),
            Some("MethodsOfControlWithholdsDocuments")
        );
        assert_eq!(HtcdsTag::parse("MethodsOfControlSomethingElse"), None);
        assert_eq!(
            HtcdsTag::parse("TypeOfExploitationForcedBegging")
                .map(|t| t.field_name())
                .as_deref(),
            Some("vic_TypeOfExploitation")
        );
    }

    #[test]
    fn ages_fall_in_the_report_bands() {
        assert_eq!(age_band_of(0.0), "age_0_11");
        assert_eq!(age_band_of(17.9), "age_12_17");
        assert_eq!(age_band_of(18.0), "age_18_24");
        assert_eq!(age_band_of(90.0), "age_50_plus");
        for (value, _) in AGE_BAND {
            assert!(ProfileField::AgeBand.is_value(value));
        }
    }
}
