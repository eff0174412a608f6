//! Keys and encryption: the passphrase-protected key file ([`keys`]), sealed
//! and device-encrypted values as distinct types ([`seal`]), and the public
//! cards devices and hubs exchange ([`card`]).

pub mod card;
pub mod digest;
pub mod keys;
pub mod mac;
pub mod opener;
pub mod seal;

pub use card::{DeviceCard, Fingerprint, HubCard};
pub use digest::{sha256_hex, sha256_matches};
pub use keys::{KeyError, Passphrase, Role, SecretKeys, SCRYPT_LOG_N};
pub use opener::Opener;
pub use seal::{DeviceSealed, HubSealed, OpenError};
