//! What a device has in force — the coordinator's update, the referral
//! directory, the protocol versions a new screening starts with. A device
//! reports it in its bundles; the hub keeps the newest per device. It lives
//! below both sync and the store so that neither takes the other's types.

use serde::{Deserialize, Serialize};

/// What a device has in force: the coordinator's update, the referral
/// directory and the protocol versions a new screening starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceState {
    /// The sequence number of the coordinator's update in force, if any.
    pub update: Option<u64>,
    /// The referral directory in force, `country@version`.
    pub directory: Option<String>,
    /// The version of each protocol a new screening starts with, `id@version`.
    pub protocols: Vec<String>,
    /// The qorgau release the device runs.
    pub qorgau: String,
}

/// At most this many protocols in a device's state (a bound for the hub).
pub const MAX_STATE_PROTOCOLS: usize = 1000;
