//! Encrypted values as types. A [`HubSealed<T>`] is encrypted to the hub's
//! recipients only: the device that made it cannot read it back. A
//! [`DeviceSealed<T>`] is encrypted to the device's own key and opens with
//! the passphrase-protected identity. Neither can be built from plaintext
//! bytes by mistake, and the store only takes these types.

use std::io::{Read, Write};
use std::marker::PhantomData;

use zeroize::Zeroizing;

use super::opener::Opener;

/// Why an encrypted value could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("not encrypted to this key")]
    NotForThisKey,
    #[error("damaged ciphertext: {0}")]
    Damaged(String),
    #[error("unreadable content: {0}")]
    Content(String),
}

/// Why a value could not be encrypted.
#[derive(Debug, thiserror::Error)]
#[error("cannot encrypt: {0}")]
pub struct SealError(String);

/// How a value is written inside its encryption, and read back.
pub trait Payload: Sized {
    fn to_plaintext(&self) -> Result<Vec<u8>, String>;
    fn from_plaintext(bytes: &[u8]) -> Result<Self, String>;
}

/// A payload that is one JSON document.
#[macro_export]
macro_rules! json_payload {
    ($($t:ty),* $(,)?) => {
        $(impl $crate::crypto::seal::Payload for $t {
            fn to_plaintext(&self) -> Result<Vec<u8>, String> {
                serde_json::to_vec(self).map_err(|e| e.to_string())
            }
            fn from_plaintext(bytes: &[u8]) -> Result<Self, String> {
                serde_json::from_slice(bytes).map_err(|e| e.to_string())
            }
        })*
    };
}

json_payload!(Vec<String>);

fn encrypt<T: Payload>(
    value: &T,
    recipients: &[age::x25519::Recipient],
) -> Result<Vec<u8>, SealError> {
    let plaintext = Zeroizing::new(value.to_plaintext().map_err(SealError)?);
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| SealError(e.to_string()))?;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| SealError(e.to_string()))?;
    writer
        .write_all(&plaintext)
        .and_then(|()| writer.finish().map(|_| ()))
        .map_err(|e| SealError(e.to_string()))?;
    Ok(out)
}

/// Decrypt to the plaintext bytes.
pub(crate) fn decrypt_bytes(
    bytes: &[u8],
    identity: &age::x25519::Identity,
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    decrypt_with(bytes, std::iter::once(identity as &dyn age::Identity))
}

/// Decrypt with whichever of `openers` the value was sealed to (a hub
/// tries its current key, then the ones it had before a rotation).
pub(crate) fn decrypt_bytes_any(
    bytes: &[u8],
    openers: &[Opener],
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    decrypt_with(bytes, openers.iter().map(|o| o as &dyn age::Identity))
}

fn decrypt_with<'a>(
    bytes: &[u8],
    identities: impl Iterator<Item = &'a dyn age::Identity>,
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|e| OpenError::Damaged(e.to_string()))?;
    let mut reader = decryptor.decrypt(identities).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => OpenError::NotForThisKey,
        other => OpenError::Damaged(other.to_string()),
    })?;
    // The plaintext is shorter than the ciphertext: reserved once, so no
    // growing copy of it is left in freed memory (and none is made).
    let mut plaintext = Zeroizing::new(Vec::with_capacity(bytes.len()));
    reader
        .read_to_end(&mut plaintext)
        .map_err(|e| OpenError::Damaged(e.to_string()))?;
    Ok(plaintext)
}

fn decrypt<T: Payload>(bytes: &[u8], identity: &age::x25519::Identity) -> Result<T, OpenError> {
    T::from_plaintext(&decrypt_bytes(bytes, identity)?).map_err(OpenError::Content)
}

macro_rules! sealed_type {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        pub struct $name<T> {
            bytes: Vec<u8>,
            _content: PhantomData<fn() -> T>,
        }

        // Written by hand: derives would demand `T: Clone + Eq`, but only the
        // ciphertext is compared or copied.
        impl<T> Clone for $name<T> {
            fn clone(&self) -> Self {
                $name {
                    bytes: self.bytes.clone(),
                    _content: PhantomData,
                }
            }
        }

        impl<T> PartialEq for $name<T> {
            fn eq(&self, other: &Self) -> bool {
                self.bytes == other.bytes
            }
        }

        impl<T> Eq for $name<T> {}

        impl<T> std::fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({} bytes)", stringify!($name), self.bytes.len())
            }
        }

        impl<T: Payload> $name<T> {
            /// Encrypt `value` to `recipients`.
            pub fn seal(
                value: &T,
                recipients: &[age::x25519::Recipient],
            ) -> Result<Self, SealError> {
                Ok(Self::from_ciphertext(encrypt(value, recipients)?))
            }

            /// Decrypt with an identity that holds one of the recipients' keys.
            pub fn open(&self, identity: &age::x25519::Identity) -> Result<T, OpenError> {
                decrypt(&self.bytes, identity)
            }

            /// Decrypt to the plaintext bytes (for partial reads, such as a
            /// record's head).
            pub fn open_plaintext(
                &self,
                identity: &age::x25519::Identity,
            ) -> Result<Zeroizing<Vec<u8>>, OpenError> {
                decrypt_bytes(&self.bytes, identity)
            }

            /// Decrypt to the plaintext bytes with whichever of the hub's
            /// keys it was sealed to.
            pub fn open_plaintext_any(
                &self,
                openers: &[Opener],
            ) -> Result<Zeroizing<Vec<u8>>, OpenError> {
                decrypt_bytes_any(&self.bytes, openers)
            }

            /// Ciphertext read back from storage or a bundle.
            pub fn from_ciphertext(bytes: Vec<u8>) -> Self {
                $name {
                    bytes,
                    _content: PhantomData,
                }
            }

            /// The ciphertext, as stored.
            pub fn ciphertext(&self) -> &[u8] {
                &self.bytes
            }

            /// The ciphertext, taken out.
            pub fn into_ciphertext(self) -> Vec<u8> {
                self.bytes
            }
        }
    };
}

sealed_type!(
    HubSealed,
    "A value encrypted to the hub's recipients only (a finished record)."
);
sealed_type!(
    DeviceSealed,
    "A value encrypted to the device's own key (a draft, a record summary)."
);

pub use SealError as Error;

/// The recipient stanzas in an age file's header: how many X25519 ones, and
/// how many of any other kind. age adds one random "grease" stanza (a tag
/// ending in `-grease`) to every file it encrypts to X25519 recipients, so
/// that parsers stay tolerant; it opens for nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stanzas {
    pub x25519: usize,
    pub grease: usize,
    pub other: usize,
}

impl Stanzas {
    /// Whether the file is sealed to exactly `recipients` X25519 keys and
    /// nothing else (at most age's one grease stanza): no one was added.
    pub fn sealed_to_exactly(&self, recipients: usize) -> bool {
        self.x25519 == recipients && self.other == 0 && self.grease <= 1
    }
}

/// A header longer than this is not one qorgau wrote (its headers are a few
/// hundred bytes); reading stops there.
const MAX_AGE_HEADER: usize = 64 * 1024;

/// Count the recipient stanzas of an age file (binary, not armored) without
/// decrypting anything. Fails on anything that is not an age v1 header.
pub fn recipient_stanzas(ciphertext: &[u8]) -> Result<Stanzas, OpenError> {
    let bad = |what: &str| OpenError::Damaged(format!("not an age header: {what}"));
    let limit = &ciphertext[..ciphertext.len().min(MAX_AGE_HEADER)];
    let mut lines = limit.split(|&b| b == b'\n');
    if lines.next() != Some(b"age-encryption.org/v1".as_slice()) {
        return Err(bad("no version line"));
    }
    let mut stanzas = Stanzas::default();
    let mut in_body = false;
    for line in lines {
        if in_body {
            // Body lines are 64 base64 characters; a shorter one ends the body.
            in_body = line.len() == 64;
            continue;
        }
        if line.starts_with(b"--- ") {
            return Ok(stanzas);
        }
        let Some(rest) = line.strip_prefix(b"-> ") else {
            return Err(bad("a line is neither a stanza nor the end"));
        };
        let tag = rest.split(|&b| b == b' ').next().unwrap_or_default();
        if tag == b"X25519" {
            stanzas.x25519 += 1;
        } else if tag.ends_with(b"-grease") {
            stanzas.grease += 1;
        } else {
            stanzas.other += 1;
        }
        in_body = true;
    }
    Err(bad("no end of header"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stanzas_count_every_recipient_and_the_grease() {
        let hub = age::x25519::Identity::generate();
        let extra = age::x25519::Identity::generate();
        let one = HubSealed::<Vec<String>>::seal(&vec!["x".into()], &[hub.to_public()]).unwrap();
        let counted = recipient_stanzas(one.ciphertext()).unwrap();
        assert!(counted.sealed_to_exactly(1), "{counted:?}");
        let two = HubSealed::<Vec<String>>::seal(
            &vec!["x".into()],
            &[hub.to_public(), extra.to_public()],
        )
        .unwrap();
        let counted = recipient_stanzas(two.ciphertext()).unwrap();
        assert_eq!(counted.x25519, 2);
        assert!(!counted.sealed_to_exactly(1));
        assert!(recipient_stanzas(b"garbage").is_err());
        assert!(recipient_stanzas(&one.ciphertext()[..30]).is_err());
    }

    #[test]
    fn only_the_recipient_opens_it() {
        let hub = age::x25519::Identity::generate();
        let device = age::x25519::Identity::generate();
        let sealed =
            HubSealed::<Vec<String>>::seal(&vec!["marker".into()], &[hub.to_public()]).unwrap();
        assert!(!sealed.ciphertext().windows(6).any(|w| w == b"marker"));
        assert_eq!(sealed.open(&hub).unwrap(), vec!["marker".to_owned()]);
        assert!(matches!(
            sealed.open(&device),
            Err(OpenError::NotForThisKey)
        ));
        let mut damaged = sealed.ciphertext().to_vec();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(HubSealed::<Vec<String>>::from_ciphertext(damaged)
            .open(&hub)
            .is_err());
    }
}
