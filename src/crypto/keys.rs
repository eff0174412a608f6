//! Secret keys: one age X25519 identity (to decrypt) and one Ed25519 key (to
//! sign) per device or hub, kept together in one file encrypted with the
//! user's passphrase (age scrypt, with a pinned work factor).

use crate::time::Timestamp;
use std::fmt;
use std::io::{Read, Write};
use std::str::FromStr;

use super::opener::Opener;
use age::secrecy::{ExposeSecret, SecretString};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{SigningKey, VerifyingKey};
use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use strum::{Display, IntoStaticStr, VariantArray};
use zeroize::Zeroizing;

/// scrypt work factor N = 2^17 (128 MiB, a few tenths of a second on a
/// 2-core laptop). Pinned, so a slow laptop can open what a fast one wrote;
/// unlocking refuses anything higher, so a planted file cannot make it run
/// for hours.
pub const SCRYPT_LOG_N: u8 = 17;

/// The work factor new key files get: always [`SCRYPT_LOG_N`], except in
/// builds with the `test-hooks` feature (the test suite's, never a release),
/// where `QORGAU_TEST_SCRYPT_LOG_N` may lower it so that the hundreds of
/// set-ups and unlocks the tests do take milliseconds, not seconds. Unlocking
/// is unchanged: it opens any work factor up to the pinned one.
fn key_file_work_factor() -> u8 {
    #[cfg(feature = "test-hooks")]
    if let Some(log_n) = std::env::var("QORGAU_TEST_SCRYPT_LOG_N")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
    {
        return log_n.clamp(1, SCRYPT_LOG_N);
    }
    SCRYPT_LOG_N
}

/// The shortest passphrase accepted for new keys.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// The lowest zxcvbn score (0–4) accepted for new passphrases.
pub const MIN_PASSPHRASE_SCORE: u8 = 3;

/// The largest passphrase file read (a passphrase is a line of text).
pub const MAX_PASSPHRASE_FILE: u64 = 4096;

/// Short, common words for suggested passphrases: five of them from 256
/// give 40 bits, which at scrypt's 0.3 s a guess is thousands of years of
/// work; Latin letters type the same on every keyboard layout.
const WORDS: &[&str] = &[
    "acorn", "actor", "adobe", "agent", "album", "alley", "amber", "angle", "apple", "april",
    "apron", "arena", "arrow", "aspen", "atlas", "attic", "award", "bacon", "badge", "baker",
    "banjo", "barn", "basil", "beach", "beard", "bench", "berry", "bison", "blade", "blank",
    "blend", "bloom", "board", "bonus", "boots", "brick", "bride", "brook", "brush", "bugle",
    "cabin", "cable", "camel", "candy", "canoe", "cargo", "carol", "cedar", "chalk", "chess",
    "chief", "chili", "cider", "cigar", "clerk", "cliff", "cloud", "clown", "coach", "cobra",
    "comet", "coral", "couch", "crane", "creek", "crown", "cubic", "daisy", "dance", "delta",
    "denim", "depot", "diary", "disco", "dizzy", "dough", "draft", "drama", "dream", "drift",
    "eagle", "earth", "easel", "elbow", "elder", "ember", "enjoy", "equal", "fable", "fairy",
    "feast", "fence", "ferry", "field", "flame", "flask", "fleet", "flint", "flute", "focus",
    "forge", "fox", "frost", "fruit", "gecko", "giant", "ginger", "glove", "goose", "grain",
    "grape", "grass", "gravy", "guide", "habit", "hazel", "heart", "hedge", "heron", "honey",
    "hotel", "house", "igloo", "image", "inlet", "ivory", "jelly", "jewel", "joker", "juice",
    "kayak", "kettle", "koala", "label", "lake", "lamp", "lemon", "level", "lilac", "linen",
    "llama", "lodge", "lotus", "lucky", "lunar", "magic", "mango", "maple", "march", "medal",
    "melon", "metal", "mint", "model", "moose", "motor", "mouse", "music", "nectar", "noble",
    "north", "novel", "nurse", "oasis", "ocean", "olive", "onion", "opera", "orbit", "otter",
    "owl", "paddle", "panda", "paper", "party", "pasta", "peach", "pearl", "pedal", "pepper",
    "piano", "pilot", "pixel", "plaza", "plum", "poem", "polar", "pony", "prism", "pulse", "quail",
    "quilt", "radar", "radio", "raven", "relay", "ridge", "river", "robin", "rocket", "royal",
    "ruby", "saddle", "salad", "salmon", "sandy", "scarf", "scout", "shell", "silk", "sketch",
    "slope", "snow", "solar", "spice", "spoon", "spring", "stamp", "steam", "stone", "storm",
    "sugar", "swan", "table", "tango", "tiger", "toast", "topaz", "torch", "tower", "train",
    "tulip", "uncle", "union", "valley", "velvet", "vivid", "walnut", "whale", "wheat", "willow",
    "window", "winter", "wizard", "yacht", "yogurt", "zebra", "zesty", "anchor", "basket",
    "candle", "dragon", "forest", "garden", "harbor", "island",
];

/// Five random words, as a suggestion for a strong passphrase.
pub fn suggest_passphrase() -> String {
    use rand_core::RngCore;
    let mut bytes = [0u8; 5];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| WORDS[usize::from(*b) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key-file format version this build writes for keys that were never
/// rotated (version 2 adds the retired keys of a hub after `hub rotate-key`).
pub const KEY_FILE_VERSION: u32 = 1;
/// The key-file format version of a hub with retired keys.
pub const KEY_FILE_VERSION_RETIRED: u32 = 2;

/// A passphrase, kept out of logs and wiped from memory when dropped.
pub struct Passphrase(SecretString);

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Passphrase {
    /// A passphrase as typed or read from a file (one trailing newline removed).
    pub fn new(text: &str) -> Self {
        let trimmed = text.strip_suffix('\n').unwrap_or(text);
        let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
        Passphrase(SecretString::from(trimmed.to_owned()))
    }

    /// Check a passphrase chosen for new keys: long enough, and not easy to
    /// guess by the zxcvbn estimator (score at least 3 of 4: a dictionary
    /// attack at scrypt's pace would need centuries).
    pub fn check_new(&self) -> Result<(), KeyError> {
        let text = self.0.expose_secret();
        let chars = text.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(KeyError::WeakPassphrase {
                chars,
                suggestion: suggest_passphrase(),
            });
        }
        let score =
            u8::from(zxcvbn::zxcvbn(text, &["qorgau", "Qorgau", "қорғау", "коргау"]).score());
        if score < MIN_PASSPHRASE_SCORE {
            return Err(KeyError::GuessablePassphrase {
                suggestion: suggest_passphrase(),
            });
        }
        Ok(())
    }

    /// Whether nothing was given (an empty passphrase file, say).
    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }

    fn secret(&self) -> SecretString {
        SecretString::from(self.0.expose_secret().to_owned())
    }
}

/// Whose keys these are.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, IntoStaticStr, Display, VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    Device,
    Hub,
}

/// Problems with keys and passphrases, each with what to do.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the passphrase is wrong, or the key file {path} was changed: try again (check keyboard layout and Caps Lock)")]
    WrongPassphrase { path: String },
    #[error("the passphrase has {chars} characters; choose one of at least {MIN_PASSPHRASE_CHARS}: 4–5 random words are easy to remember, for example \"{suggestion}\"")]
    WeakPassphrase { chars: usize, suggestion: String },
    #[error("this passphrase is easy to guess (a common word, name, date, keyboard pattern or repetition): choose 4–5 random words instead, for example \"{suggestion}\"")]
    GuessablePassphrase { suggestion: String },
    #[error(
        "the two passphrases differ: run the command again and type the same passphrase twice"
    )]
    PassphraseMismatch,
    #[error("the key file {path} is damaged ({detail}): restore it from your backup; without it the data on this {role} cannot be opened")]
    Damaged {
        path: String,
        role: Role,
        detail: String,
    },
    #[error("the key file {path} needs more work to open than qorgau allows (2^{required}): it was not written by qorgau; restore your own key file")]
    ExcessiveWork { path: String, required: u8 },
    #[error("the key file {path} belongs to a {found}, not a {expected}: check which data folder is used")]
    WrongRole {
        path: String,
        found: Role,
        expected: Role,
    },
    #[error("cannot encrypt the keys: {0}")]
    Encrypt(String),
}

/// The secret half of a device's or hub's keys.
pub struct SecretKeys {
    pub role: Role,
    /// The device id or hub id these keys belong to.
    pub id: String,
    pub identity: age::x25519::Identity,
    pub signing: SigningKey,
    pub created: Timestamp,
    /// SHA-256 of the cards this set-up wrote, by file name (see `setup::unlock`).
    pub cards: std::collections::BTreeMap<String, String>,
    /// A hub's keys before each `hub rotate-key`, oldest first: kept to open
    /// what devices sealed before they installed the new card, to sign
    /// receipts such devices can check, and to vouch for the next key.
    pub retired: Vec<RetiredKeys>,
}

/// A hub key pair replaced by `hub rotate-key`.
pub struct RetiredKeys {
    pub identity: age::x25519::Identity,
    pub signing: SigningKey,
    /// When it was replaced.
    pub retired_at: Timestamp,
}

impl fmt::Debug for RetiredKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetiredKeys")
            .field("retired_at", &self.retired_at)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for SecretKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretKeys")
            .field("role", &self.role)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// The key file's plaintext, inside the passphrase encryption.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFileBody {
    key_file_version: u32,
    role: Role,
    id: String,
    age_identity: String,
    signing_key: String,
    created: Timestamp,
    /// SHA-256 of the cards written at set-up, by file name: a swapped card
    /// (records redirected to someone else's key) is caught at every unlock.
    #[serde(default)]
    cards: std::collections::BTreeMap<String, String>,
    /// Version 2: a hub's keys before each rotation, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    retired: Vec<RetiredBody>,
}

impl Drop for KeyFileBody {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.age_identity.zeroize();
        self.signing_key.zeroize();
    }
}

/// A retired key pair in the key file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetiredBody {
    age_identity: String,
    signing_key: String,
    retired_at: Timestamp,
}

impl Drop for RetiredBody {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.age_identity.zeroize();
        self.signing_key.zeroize();
    }
}

impl SecretKeys {
    /// Fresh keys for a new device or hub.
    pub fn generate(role: Role, id: String, created: Timestamp) -> Self {
        SecretKeys {
            role,
            id,
            identity: age::x25519::Identity::generate(),
            signing: SigningKey::generate(&mut OsRng),
            created,
            cards: std::collections::BTreeMap::new(),
            retired: Vec::new(),
        }
    }

    /// Every age identity, the current one first, then the retired ones
    /// newest first: what a hub tries on records and bundles.
    pub fn identities(&self) -> Vec<&age::x25519::Identity> {
        std::iter::once(&self.identity)
            .chain(self.retired.iter().rev().map(|r| &r.identity))
            .collect()
    }

    /// The same keys, in the same order, as openers: what opens many
    /// records or segments (see [`Opener`]).
    pub fn openers(&self) -> Vec<Opener> {
        self.identities().into_iter().map(Opener::new).collect()
    }

    /// The key pair of a generation: 0 is the current one, 1 the one before
    /// it, and so on (the order of [`SecretKeys::identities`]).
    pub fn generation(&self, index: usize) -> (&age::x25519::Identity, &SigningKey) {
        match index.checked_sub(1).and_then(|back| {
            self.retired
                .len()
                .checked_sub(back + 1)
                .and_then(|i| self.retired.get(i))
        }) {
            Some(old) => (&old.identity, &old.signing),
            None => (&self.identity, &self.signing),
        }
    }

    /// The first signing key these keys ever had (the current one when
    /// they were never rotated): the hub's row key is derived from it, so
    /// rows stay valid across rotations.
    pub fn original_signing(&self) -> &SigningKey {
        self.retired.first().map_or(&self.signing, |r| &r.signing)
    }

    /// The public encryption key others seal to.
    pub fn recipient(&self) -> age::x25519::Recipient {
        self.identity.to_public()
    }

    /// The public signing key others verify with.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The key file: these keys, encrypted with `passphrase`.
    pub fn to_key_file(&self, passphrase: &Passphrase) -> Result<Vec<u8>, KeyError> {
        self.to_key_file_with_work_factor(passphrase, key_file_work_factor())
    }

    #[doc(hidden)]
    pub fn to_key_file_with_work_factor(
        &self,
        passphrase: &Passphrase,
        log_n: u8,
    ) -> Result<Vec<u8>, KeyError> {
        let seed = Zeroizing::new(self.signing.to_bytes());
        let retired = self
            .retired
            .iter()
            .map(|r| RetiredBody {
                age_identity: r.identity.to_string().expose_secret().to_owned(),
                signing_key: BASE64.encode(Zeroizing::new(r.signing.to_bytes()).as_slice()),
                retired_at: r.retired_at,
            })
            .collect::<Vec<_>>();
        let body = KeyFileBody {
            key_file_version: if retired.is_empty() {
                KEY_FILE_VERSION
            } else {
                KEY_FILE_VERSION_RETIRED
            },
            role: self.role,
            id: self.id.clone(),
            age_identity: self.identity.to_string().expose_secret().to_owned(),
            signing_key: BASE64.encode(seed.as_slice()),
            created: self.created,
            cards: self.cards.clone(),
            retired,
        };
        let plaintext =
            Zeroizing::new(toml::to_string(&body).map_err(|e| KeyError::Encrypt(e.to_string()))?);
        let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
        recipient.set_work_factor(log_n);
        let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
            .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        let mut out = Vec::new();
        let mut writer = encryptor
            .wrap_output(&mut out)
            .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        writer
            .write_all(plaintext.as_bytes())
            .and_then(|()| writer.finish().map(|_| ()))
            .map_err(|e| KeyError::Encrypt(e.to_string()))?;
        Ok(out)
    }

    /// Open a key file with the passphrase. `path` is only used in messages.
    pub fn from_key_file(
        bytes: &[u8],
        passphrase: &Passphrase,
        expected: Role,
        path: &str,
    ) -> Result<Self, KeyError> {
        let damaged = |detail: String| KeyError::Damaged {
            path: path.to_owned(),
            role: expected,
            detail,
        };
        let decryptor = age::Decryptor::new_buffered(bytes)
            .map_err(|e| damaged(format!("not an encrypted key file: {e}")))?;
        if !decryptor.is_scrypt() {
            return Err(damaged("not protected by a passphrase".to_owned()));
        }
        let mut identity = age::scrypt::Identity::new(passphrase.secret());
        identity.set_max_work_factor(SCRYPT_LOG_N);
        let mut reader =
            decryptor
                .decrypt(std::iter::once(&identity as _))
                .map_err(|e| match e {
                    age::DecryptError::ExcessiveWork { required, .. } => KeyError::ExcessiveWork {
                        path: path.to_owned(),
                        required,
                    },
                    age::DecryptError::DecryptionFailed
                    | age::DecryptError::KeyDecryptionFailed
                    | age::DecryptError::NoMatchingKeys => KeyError::WrongPassphrase {
                        path: path.to_owned(),
                    },
                    other => damaged(other.to_string()),
                })?;
        let mut plaintext = Zeroizing::new(String::new());
        reader
            .read_to_string(&mut plaintext)
            .map_err(|e| damaged(e.to_string()))?;
        let body: KeyFileBody =
            toml::from_str(&plaintext).map_err(|e| damaged(e.message().to_owned()))?;
        if ![KEY_FILE_VERSION, KEY_FILE_VERSION_RETIRED].contains(&body.key_file_version) {
            return Err(damaged(format!(
                "key file version {} is not supported; this qorgau reads versions {KEY_FILE_VERSION} and {KEY_FILE_VERSION_RETIRED}",
                body.key_file_version
            )));
        }
        if body.role != expected {
            return Err(KeyError::WrongRole {
                path: path.to_owned(),
                found: body.role,
                expected,
            });
        }
        let pair = |identity: &str, signing: &str| -> Result<_, KeyError> {
            let identity = age::x25519::Identity::from_str(identity)
                .map_err(|e| damaged(format!("bad age identity: {e}")))?;
            let seed = Zeroizing::new(
                BASE64
                    .decode(signing)
                    .map_err(|e| damaged(format!("bad signing key: {e}")))?,
            );
            let seed: &[u8; 32] = seed
                .as_slice()
                .try_into()
                .map_err(|_| damaged("the signing key is not 32 bytes".to_owned()))?;
            Ok((identity, SigningKey::from_bytes(seed)))
        };
        let (identity, signing) = pair(&body.age_identity, &body.signing_key)?;
        let retired = body
            .retired
            .iter()
            .map(|r| {
                pair(&r.age_identity, &r.signing_key).map(|(identity, signing)| RetiredKeys {
                    identity,
                    signing,
                    retired_at: r.retired_at,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SecretKeys {
            role: body.role,
            id: body.id.clone(),
            identity,
            signing,
            created: body.created,
            cards: body.cards.clone(),
            retired,
        })
    }
}

/// The standard base64 text of a public signing key, as written in cards.
pub fn encode_verifying_key(key: &VerifyingKey) -> String {
    BASE64.encode(key.to_bytes())
}

/// Read a public signing key from its base64 text.
pub fn decode_verifying_key(text: &str) -> Option<VerifyingKey> {
    let bytes = BASE64.decode(text.trim()).ok()?;
    let bytes: [u8; 32] = bytes.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> SecretKeys {
        SecretKeys::generate(
            Role::Device,
            "dev-1".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        )
    }

    #[test]
    fn round_trips_and_refuses_a_wrong_passphrase() {
        let keys = keys();
        // A low work factor keeps the unit test fast; the pinned one is measured in the bench.
        let file = keys
            .to_key_file_with_work_factor(&Passphrase::new("correct horse battery"), 10)
            .unwrap();
        let opened = SecretKeys::from_key_file(
            &file,
            &Passphrase::new("correct horse battery\n"),
            Role::Device,
            "k",
        )
        .unwrap();
        assert_eq!(opened.id, "dev-1");
        assert_eq!(opened.recipient().to_string(), keys.recipient().to_string());
        assert_eq!(opened.verifying_key(), keys.verifying_key());
        let wrong = SecretKeys::from_key_file(&file, &Passphrase::new("wrong"), Role::Device, "k");
        assert!(matches!(wrong, Err(KeyError::WrongPassphrase { .. })));
        let role = SecretKeys::from_key_file(
            &file,
            &Passphrase::new("correct horse battery"),
            Role::Hub,
            "k",
        );
        assert!(matches!(role, Err(KeyError::WrongRole { .. })));
    }

    #[test]
    fn retired_keys_survive_the_key_file_and_keep_their_order() {
        let mut keys = SecretKeys::generate(
            Role::Hub,
            "hub-1".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let first = keys.verifying_key();
        for at in ["2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"] {
            let old = std::mem::replace(
                &mut keys,
                SecretKeys::generate(Role::Hub, "hub-1".into(), at.parse().unwrap()),
            );
            keys.retired = old.retired;
            keys.retired.push(RetiredKeys {
                identity: old.identity,
                signing: old.signing,
                retired_at: at.parse().unwrap(),
            });
        }
        let passphrase = Passphrase::new("correct horse battery");
        let file = keys.to_key_file_with_work_factor(&passphrase, 10).unwrap();
        let opened = SecretKeys::from_key_file(&file, &passphrase, Role::Hub, "k").unwrap();
        assert_eq!(opened.retired.len(), 2);
        assert_eq!(opened.original_signing().verifying_key(), first);
        assert_eq!(opened.generation(0).1.verifying_key(), keys.verifying_key());
        assert_eq!(
            opened.generation(1).1.verifying_key(),
            keys.retired[1].signing.verifying_key()
        );
        assert_eq!(opened.generation(2).1.verifying_key(), first);
        let identities = opened.identities();
        assert_eq!(identities.len(), 3);
        assert_eq!(
            identities[0].to_public().to_string(),
            keys.recipient().to_string()
        );
        // A key file that was never rotated is version 1, as before.
        let plain = SecretKeys::generate(
            Role::Device,
            "d".into(),
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let file = plain.to_key_file_with_work_factor(&passphrase, 10).unwrap();
        let decrypted = age::Decryptor::new_buffered(&file[..]).unwrap();
        let mut identity = age::scrypt::Identity::new(passphrase.secret());
        identity.set_max_work_factor(SCRYPT_LOG_N);
        let mut text = String::new();
        decrypted
            .decrypt(std::iter::once(&identity as _))
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert!(text.contains("key_file_version = 1"), "{text}");
        assert!(!text.contains("retired"), "{text}");
    }

    #[test]
    fn refuses_a_work_factor_above_the_pinned_one() {
        let file = keys()
            .to_key_file_with_work_factor(
                &Passphrase::new("correct horse battery"),
                SCRYPT_LOG_N + 1,
            )
            .unwrap();
        let result = SecretKeys::from_key_file(
            &file,
            &Passphrase::new("correct horse battery"),
            Role::Device,
            "k",
        );
        assert!(matches!(result, Err(KeyError::ExcessiveWork { .. })));
    }

    #[test]
    fn damaged_files_say_so() {
        let result =
            SecretKeys::from_key_file(b"garbage", &Passphrase::new("x"), Role::Device, "k");
        assert!(matches!(result, Err(KeyError::Damaged { .. })));
    }

    #[test]
    fn short_or_guessable_passphrases_are_refused_for_new_keys() {
        assert!(Passphrase::new("short").check_new().is_err());
        // Security review F7: all three were accepted by a length-only rule.
        for weak in [
            "1234567890",
            "aaaaaaaaaa",
            "          ",
            "qwertyuiop",
            "password123",
        ] {
            assert!(
                matches!(
                    Passphrase::new(weak).check_new(),
                    Err(KeyError::GuessablePassphrase { .. })
                ),
                "{weak:?} was accepted"
            );
        }
        assert!(Passphrase::new("violet tundra cobalt pickle harbor")
            .check_new()
            .is_ok());
        // The suggestion itself passes.
        for _ in 0..20 {
            let suggested = suggest_passphrase();
            assert_eq!(suggested.split(' ').count(), 5);
            assert!(
                Passphrase::new(&suggested).check_new().is_ok(),
                "{suggested}"
            );
        }
    }
}
