//! Every enum that is written down by name (protocol files, answers files,
//! records, reports, the store, the command line) has its names from one
//! derive: serde and strum give the same name for every variant, each name
//! parses back to its variant, and an unknown name is refused with a message
//! that lists the names.
// Test code: a failed unwrap is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fmt::{Debug, Display};
use std::str::FromStr;

use qorgau::crypto::Role;
use qorgau::engine::Band;
use qorgau::lang::Lang;
use qorgau::protocol::{Kind, Model, Population, ProfileField, Strength};
use qorgau::record::{Consent, ReferralStatus};
use qorgau::report::count::Dimension;
use qorgau::store::SyncState;
use serde::de::DeserializeOwned;
use serde::Serialize;
use strum::VariantArray;

/// The strum names of every variant: `Display` and `IntoStaticStr` agree,
/// and no two variants share a name.
fn strum_names<T>() -> Vec<&'static str>
where
    T: VariantArray + Copy + Debug + Display + Into<&'static str>,
{
    let names: Vec<&'static str> = T::VARIANTS.iter().map(|&v| v.into()).collect();
    for (v, name) in T::VARIANTS.iter().zip(&names) {
        assert_eq!(
            v.to_string(),
            *name,
            "{v:?}: Display and IntoStaticStr differ"
        );
        assert!(!name.is_empty(), "{v:?} has an empty name");
    }
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "two variants share a name: {names:?}"
    );
    names
}

/// serde writes every variant with its strum name and reads that name back.
fn assert_serde_agrees<T>()
where
    T: VariantArray + Copy + Debug + PartialEq + Display + Into<&'static str>,
    T: Serialize + DeserializeOwned,
{
    for (&v, name) in T::VARIANTS.iter().zip(strum_names::<T>()) {
        assert_eq!(
            serde_json::to_value(v).unwrap(),
            serde_json::Value::String(name.to_owned()),
            "{v:?}: serde and strum names differ"
        );
        let back: T = serde_json::from_value(serde_json::json!(name)).unwrap();
        assert_eq!(back, v, "serde reads `{name}` as another variant");
    }
}

/// `FromStr` reads every strum name back to its variant.
fn assert_parse_agrees<T>()
where
    T: VariantArray + Copy + Debug + PartialEq + Display + Into<&'static str>,
    T: FromStr<Err: Debug>,
{
    for (&v, name) in T::VARIANTS.iter().zip(strum_names::<T>()) {
        assert_eq!(
            name.parse::<T>().unwrap(),
            v,
            "`{name}` parses to another variant"
        );
    }
}

/// The message for an unknown name, as a user reads it.
fn refusal<T: FromStr<Err: Display> + Debug>(given: &str) -> String {
    given.parse::<T>().unwrap_err().to_string()
}

#[test]
fn bands_have_one_name_each() {
    assert_serde_agrees::<Band>();
    assert_parse_agrees::<Band>();
    // The order is part of the facts cache's format (a band is stored as its
    // index) and of every report: highest first.
    assert_eq!(
        strum_names::<Band>(),
        [
            "immediate_danger",
            "clear_concern",
            "possible_concern",
            "observation_only",
            "incomplete",
            "no_concern"
        ]
    );
    assert_eq!(
        refusal::<Band>("high"),
        "`high` is not a band: use immediate_danger, clear_concern, possible_concern, observation_only, incomplete or no_concern"
    );
}

#[test]
fn consent_and_referral_status_have_one_name_each() {
    assert_serde_agrees::<Consent>();
    assert_parse_agrees::<Consent>();
    assert_serde_agrees::<ReferralStatus>();
    assert_parse_agrees::<ReferralStatus>();
    assert_eq!(
        refusal::<Consent>("everyone"),
        "`everyone` is not a consent scope: use statistics, social_services, police or anonymous"
    );
    assert_eq!(
        refusal::<ReferralStatus>("maybe"),
        "`maybe` is not a referral status: use pending, accepted, declined or not_needed"
    );
    // Schema 2 protocols no longer offer "anonymous" (see `Consent::offered`).
    assert_eq!(
        Consent::offered(2),
        [
            Consent::Statistics,
            Consent::SocialServices,
            Consent::Police
        ]
    );
    assert_eq!(Consent::offered(1), Consent::VARIANTS);
}

#[test]
fn report_dimensions_have_one_name_each() {
    assert_parse_agrees::<Dimension>();
    assert_eq!(
        strum_names::<Dimension>(),
        [
            "protocol",
            "band",
            "domain",
            "region",
            "month",
            "sex",
            "age_band",
            "citizenship",
            "direction",
            "exploitation",
            "channel"
        ]
    );
    assert_eq!(
        refusal::<Dimension>("city"),
        "`city` is not a report dimension: use protocol, band, domain, region, month, sex, age_band, citizenship, direction, exploitation or channel"
    );
}

#[test]
fn languages_have_one_code_each_and_parse_leniently() {
    assert_serde_agrees::<Lang>();
    assert_parse_agrees::<Lang>();
    // The order of preference for fallbacks.
    assert_eq!(strum_names::<Lang>(), ["ru", "kk", "en"]);
    for (typed, lang) in [
        (" RU ", Lang::Ru),
        ("Kk", Lang::Kk),
        ("kz", Lang::Kk),
        ("KZ", Lang::Kk),
    ] {
        assert_eq!(typed.parse::<Lang>().unwrap(), lang, "`{typed}`");
    }
    assert_eq!(
        refusal::<Lang>("de"),
        "unknown language `de`: use ru, kk or en"
    );
}

#[test]
fn protocol_words_have_one_name_each() {
    assert_serde_agrees::<Kind>();
    assert_serde_agrees::<Strength>();
    assert_parse_agrees::<ProfileField>();
    // A protocol file reads these with serde, and `protocol show --json`
    // writes them with serde: the same words both ways.
    for name in ["delphi", "count"] {
        let model: Model = serde_json::from_value(serde_json::json!(name)).unwrap();
        assert_eq!(serde_json::to_value(model).unwrap(), name);
    }
    for name in ["adult", "child"] {
        let population: Population = serde_json::from_value(serde_json::json!(name)).unwrap();
        assert_eq!(serde_json::to_value(population).unwrap(), name);
    }
    assert!(serde_json::from_value::<Model>(serde_json::json!("Delphi")).is_err());
    assert!(serde_json::from_value::<Kind>(serde_json::json!("yesno")).is_err());
}

#[test]
fn sync_states_and_key_roles_have_one_name_each() {
    assert_parse_agrees::<SyncState>();
    // The values the device store's CHECK constraint allows.
    assert_eq!(strum_names::<SyncState>(), ["pending", "synced"]);
    assert!("Synced".parse::<SyncState>().is_err());
    assert_serde_agrees::<Role>();
}
