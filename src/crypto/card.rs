//! Public cards: what a device gives the hub to enroll it, and what the hub
//! gives devices to seal records to. Small TOML files; format in
//! `docs/storage-format.md`.

use std::str::FromStr;

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::keys::{decode_verifying_key, encode_verifying_key, SecretKeys};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ids::DeviceId;
use crate::time::Timestamp;

/// The card format version this build reads and writes.
pub const CARD_VERSION: i64 = 1;

/// A device's public card.
#[derive(Debug, Clone)]
pub struct DeviceCard {
    pub device_id: DeviceId,
    pub region: Option<String>,
    pub recipient: age::x25519::Recipient,
    pub verifying_key: VerifyingKey,
    pub created: Timestamp,
}

/// A hub's (regional coordinator's) public card.
#[derive(Debug, Clone)]
pub struct HubCard {
    pub hub_id: String,
    pub name: String,
    pub recipients: Vec<age::x25519::Recipient>,
    pub verifying_key: VerifyingKey,
    pub created: Timestamp,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeviceCard {
    card_version: Spanned<i64>,
    role: Spanned<String>,
    device_id: Spanned<String>,
    region: Option<Spanned<String>>,
    age_recipient: Spanned<String>,
    signing_key: Spanned<String>,
    created: Spanned<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHubCard {
    card_version: Spanned<i64>,
    role: Spanned<String>,
    hub_id: Spanned<String>,
    name: Spanned<String>,
    age_recipients: Spanned<Vec<Spanned<String>>>,
    signing_key: Spanned<String>,
    created: Spanned<String>,
}

#[derive(Serialize)]
struct WrittenDeviceCard<'a> {
    card_version: i64,
    role: &'a str,
    device_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    age_recipient: String,
    signing_key: String,
    created: Timestamp,
}

#[derive(Serialize)]
struct WrittenHubCard<'a> {
    card_version: i64,
    role: &'a str,
    hub_id: &'a str,
    name: &'a str,
    age_recipients: Vec<String>,
    signing_key: String,
    created: Timestamp,
}

struct CardChecker<'a> {
    path: &'a str,
    source: &'a str,
    problems: Vec<Diagnostic>,
}

impl CardChecker<'_> {
    fn err(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        self.problems
            .push(Diagnostic::at_span(self.path, self.source, &span, message));
    }

    fn header(&mut self, version: &Spanned<i64>, role: &Spanned<String>, expected: &str) {
        if *version.get_ref() != CARD_VERSION {
            self.err(
                version.span(),
                format!(
                    "card_version {} is not supported: this qorgau reads card_version {CARD_VERSION}; ask for a card from a matching qorgau",
                    version.get_ref()
                ),
            );
        }
        if role.get_ref() != expected {
            self.err(
                role.span(),
                format!(
                    "this is a {} card, but a {expected} card is needed here",
                    role.get_ref()
                ),
            );
        }
    }

    fn recipient(&mut self, text: &Spanned<String>) -> Option<age::x25519::Recipient> {
        match age::x25519::Recipient::from_str(text.get_ref().trim()) {
            Ok(r) => Some(r),
            Err(_) => {
                self.err(
                    text.span(),
                    "not an age public key (age1…): the card is damaged; ask for a new copy",
                );
                None
            }
        }
    }

    fn verifying_key(&mut self, text: &Spanned<String>) -> Option<VerifyingKey> {
        let key = decode_verifying_key(text.get_ref());
        if key.is_none() {
            self.err(
                text.span(),
                "not an Ed25519 public key in base64: the card is damaged; ask for a new copy",
            );
        }
        key
    }

    fn device_id(&mut self, text: &Spanned<String>) -> Option<DeviceId> {
        text.get_ref()
            .parse()
            .map_err(|e: crate::ids::BadId| {
                self.err(
                    text.span(),
                    format!("{e}: the card is damaged; ask for a new copy"),
                )
            })
            .ok()
    }

    fn created(&mut self, text: &Spanned<String>) -> Option<Timestamp> {
        text.get_ref()
            .parse()
            .map_err(|e: crate::time::BadTimestamp| {
                self.err(
                    text.span(),
                    format!("{e}: the card is damaged; ask for a new copy"),
                )
            })
            .ok()
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, Diagnostics> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(Diagnostics(self.problems)),
        }
    }
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &str,
    source: &str,
    what: &str,
) -> Result<T, Diagnostics> {
    toml::from_str(source).map_err(|e| {
        Diagnostics(vec![Diagnostic::at(
            path,
            source,
            e.span().map_or(0, |s| s.start),
            format!("{} (is this a {what}?)", e.message().trim_end()),
        )])
    })
}

/// A short fingerprint of a card's public keys, for two people to compare
/// by phone before trusting a card: 16 characters (80 bits of SHA-256) in
/// four groups, in Crockford base32 (no I, L, O or U to misread).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(String);

impl Fingerprint {
    const ALPHABET: &'static [u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    fn of(role: &str, id: &str, recipients: &[String], signing_key: &VerifyingKey) -> Self {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        for part in [
            b"qorgau-card-fingerprint-v1".as_slice(),
            role.as_bytes(),
            id.as_bytes(),
        ] {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
        for recipient in recipients {
            hash.update((recipient.len() as u64).to_be_bytes());
            hash.update(recipient.as_bytes());
        }
        hash.update(signing_key.to_bytes());
        let digest = hash.finalize();
        // 80 bits, five at a time.
        let mut bits: u128 = 0;
        for byte in &digest[..10] {
            bits = (bits << 8) | u128::from(*byte);
        }
        let mut text = String::with_capacity(19);
        for i in 0..16 {
            if i > 0 && i % 4 == 0 {
                text.push('-');
            }
            let index = ((bits >> (75 - 5 * i)) & 0x1f) as usize;
            text.push(char::from(Self::ALPHABET[index]));
        }
        Fingerprint(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl DeviceCard {
    /// The fingerprint of this card's keys (id, encryption and signing keys).
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(
            "device",
            self.device_id.as_str(),
            &[self.recipient.to_string()],
            &self.verifying_key,
        )
    }

    /// The card for these device keys; their id must be a device id.
    pub fn for_keys(keys: &SecretKeys, region: Option<String>) -> Result<Self, crate::ids::BadId> {
        Ok(DeviceCard {
            device_id: DeviceId::try_from(keys.id.clone())?,
            region,
            recipient: keys.recipient(),
            verifying_key: keys.verifying_key(),
            created: keys.created,
        })
    }

    #[allow(
        clippy::expect_used,
        reason = "serializing this plain struct (strings, numbers, lists) cannot fail; a silent empty value here would be signed or written"
    )]
    pub fn to_toml(&self) -> String {
        let written = WrittenDeviceCard {
            card_version: CARD_VERSION,
            role: "device",
            device_id: self.device_id.as_str(),
            region: self.region.as_deref(),
            age_recipient: self.recipient.to_string(),
            signing_key: encode_verifying_key(&self.verifying_key),
            created: self.created,
        };
        format!(
            "# Qorgau device card: public keys only. Give it to your coordinator to enroll this device.\n{}",
            toml::to_string(&written).expect("a card serializes")
        )
    }

    pub fn parse(path: &str, source: &str) -> Result<Self, Diagnostics> {
        let raw: RawDeviceCard = parse_toml(path, source, "device card")?;
        let mut checker = CardChecker {
            path,
            source,
            problems: Vec::new(),
        };
        checker.header(&raw.card_version, &raw.role, "device");
        let device_id = checker.device_id(&raw.device_id);
        let recipient = checker.recipient(&raw.age_recipient);
        let verifying_key = checker.verifying_key(&raw.signing_key);
        let created = checker.created(&raw.created);
        let card = device_id
            .zip(recipient)
            .zip(verifying_key)
            .zip(created)
            .map(
                |(((device_id, recipient), verifying_key), created)| DeviceCard {
                    device_id,
                    region: raw.region.as_ref().map(|r| r.get_ref().clone()),
                    recipient,
                    verifying_key,
                    created,
                },
            );
        checker.finish(card)
    }
}

impl HubCard {
    /// The fingerprint of this card's keys (id, every recipient, signing key):
    /// what the worker compares with the coordinator by phone, and what the
    /// result of every screening shows.
    pub fn fingerprint(&self) -> Fingerprint {
        let recipients: Vec<String> = self.recipients.iter().map(ToString::to_string).collect();
        Fingerprint::of("hub", &self.hub_id, &recipients, &self.verifying_key)
    }

    /// The card for these hub keys.
    pub fn for_keys(keys: &SecretKeys, name: String) -> Self {
        HubCard {
            hub_id: keys.id.clone(),
            name,
            recipients: vec![keys.recipient()],
            verifying_key: keys.verifying_key(),
            created: keys.created,
        }
    }

    #[allow(
        clippy::expect_used,
        reason = "serializing this plain struct (strings, numbers, lists) cannot fail; a silent empty value here would be signed or written"
    )]
    pub fn to_toml(&self) -> String {
        let written = WrittenHubCard {
            card_version: CARD_VERSION,
            role: "hub",
            hub_id: &self.hub_id,
            name: &self.name,
            age_recipients: self.recipients.iter().map(ToString::to_string).collect(),
            signing_key: encode_verifying_key(&self.verifying_key),
            created: self.created,
        };
        format!(
            "# Qorgau hub card: the coordinator's public keys. Devices seal their records to it (qorgau init --hub).\n{}",
            toml::to_string(&written).expect("a card serializes")
        )
    }

    pub fn parse(path: &str, source: &str) -> Result<Self, Diagnostics> {
        let raw: RawHubCard = parse_toml(path, source, "hub card")?;
        let mut checker = CardChecker {
            path,
            source,
            problems: Vec::new(),
        };
        checker.header(&raw.card_version, &raw.role, "hub");
        if raw.age_recipients.get_ref().is_empty() {
            checker.err(
                raw.age_recipients.span(),
                "the hub card has no age_recipients: ask the coordinator for a new card",
            );
        }
        let recipients: Vec<_> = raw
            .age_recipients
            .get_ref()
            .iter()
            .filter_map(|r| checker.recipient(r))
            .collect();
        let verifying_key = checker.verifying_key(&raw.signing_key);
        let created = checker.created(&raw.created);
        let card = verifying_key
            .zip(created)
            .map(|(verifying_key, created)| HubCard {
                hub_id: raw.hub_id.get_ref().clone(),
                name: raw.name.get_ref().clone(),
                recipients,
                verifying_key,
                created,
            });
        checker.finish(card)
    }
}

/// A region name as a device card carries it (`init --region`): 1 to 64
/// lower-case Latin letters, digits and `_`, as the hub's reports group
/// by it.
pub fn valid_region(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Role;

    #[test]
    fn cards_round_trip() {
        let keys = SecretKeys::generate(
            Role::Device,
            "dev-7".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let card = DeviceCard::for_keys(&keys, Some("almaty_city".into())).unwrap();
        let parsed = DeviceCard::parse("c.toml", &card.to_toml()).unwrap();
        assert_eq!(parsed.device_id, "dev-7");
        assert_eq!(parsed.recipient.to_string(), keys.recipient().to_string());
        assert_eq!(parsed.verifying_key, keys.verifying_key());

        let hub = SecretKeys::generate(
            Role::Hub,
            "hub-1".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let card = HubCard::for_keys(&hub, "Almaty".into());
        let parsed = HubCard::parse("h.toml", &card.to_toml()).unwrap();
        assert_eq!(parsed.name, "Almaty");
        assert!(DeviceCard::parse("h.toml", &card.to_toml()).is_err());
    }

    #[test]
    fn a_damaged_key_is_located() {
        let keys = SecretKeys::generate(
            Role::Device,
            "dev-7".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let text = DeviceCard::for_keys(&keys, None).unwrap().to_toml();
        let broken = text.replace("age1", "age2");
        let problems = DeviceCard::parse("c.toml", &broken).unwrap_err();
        assert!(
            problems.to_string().contains("not an age public key"),
            "{problems}"
        );
    }
}
