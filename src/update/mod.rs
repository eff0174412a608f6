//! Signed updates from the coordinator (issue 14; security review F8): the
//! hub publishes protocol versions, a referral directory with regional
//! contacts, withdrawn versions and, after a key rotation, its new card, in
//! one signed **update pack**; a device verifies it against the hub card it
//! trusts, checks everything in it, and installs it atomically.
//!
//! - [`pack`]: the pack codec (one writer, one reader, the limits).
//! - [`content`]: what a verified pack carries, parsed and checked.
//! - [`install`]: the device side — prepare, install, and the set in force.
//! - [`publish`]: the hub side — the next pack, and the key rotation.
//!
//! The format and every decision are in `docs/update-format.md`.

pub mod content;
pub mod install;
pub mod pack;
pub mod publish;

pub use content::{directory_in_force, UpdateSet};
pub use install::{in_force, prepare, InForce, InstallStep, Installed, PreparedUpdate};
pub use pack::{PackError, PackPath, VerifiedPack};
pub use publish::{publish, rotate_key, PublishRequest, Published};

use crate::datadir::DataDirError;
use crate::input::InputError;
use crate::setup::SetupError;
use crate::store::StoreError;

/// What is wrong with the hub card a pack carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CardProblem {
    #[error("is for another hub")]
    OtherHub,
    #[error("does not name the key that signed the pack")]
    NotTheSigner,
    #[error("is missing, though the pack is signed with the coordinator's new key")]
    Missing,
}

/// Why an update pack was not installed or published. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("{path}: {error}; nothing was installed")]
    Pack { path: String, error: PackError },
    #[error("{path} is update {sequence}, older than update {installed} installed on this device: use the coordinator's newest pack; nothing was installed")]
    Older {
        path: String,
        sequence: u64,
        installed: u64,
    },
    #[error("{path} is update {sequence}, which is already installed on this device; nothing was changed")]
    AlreadyInstalled { path: String, sequence: u64 },
    #[error("{path}: {file} does not pass its checks; ask the coordinator for a corrected pack; nothing was installed:\n{problems}")]
    Invalid {
        path: String,
        file: String,
        problems: String,
    },
    #[error("{path}: {reference} in the pack differs from the file this qorgau ships under that id and version; ask the coordinator to publish it under a new version number; nothing was installed")]
    ShippedDiffers { path: String, reference: String },
    #[error("{path}: the hub card in the pack {problem}; nothing was installed")]
    CardMismatch { path: String, problem: CardProblem },
    #[error("the coordinator's update {sequence} on this device no longer checks out ({detail}): it is not used; install the coordinator's pack again")]
    Damaged { sequence: u64, detail: String },
    #[error("this pack carries a new coordinator card, which is bound to this device's keys: the passphrase is needed to install it")]
    NeedsPassphrase,
    #[error("the hub's newest update {sequence} does not check out with the hub's card ({detail}): publish it again")]
    PublishedDamaged { sequence: u64, detail: String },
    #[error("{problems}\nfix these files; nothing was published")]
    PublishInvalid { problems: String },
    #[error("{path} is {reference}, which qorgau already ships with other content: a changed protocol needs a new version number; nothing was published")]
    PublishShipped { path: String, reference: String },
    #[error("{path} is {reference}, which update {sequence} already published with other content: a changed protocol needs a new version number; nothing was published")]
    PublishChanged {
        path: String,
        reference: String,
        sequence: u64,
    },
    #[error("{path} is referral directory {country} {version}, but {newest} is {source_kind} already: raise `version` above it; nothing was published")]
    DirectoryNotNewer {
        path: String,
        country: String,
        version: String,
        newest: String,
        source_kind: &'static str,
    },
    #[error("`{0}` is not ID@VERSION (e.g. border-checkpoint@1.0.0); nothing was published")]
    WithdrawSpec(String),
    #[error(
        "`{0}` is not a protocol version qorgau ships or this hub published; nothing was published"
    )]
    WithdrawUnknown(String),
    #[error("withdrawing {reference} would leave no version of `{id}` to start a screening with: publish a new version in the same pack; nothing was published")]
    WithdrawLast { reference: String, id: String },
    #[error("{path} already exists: choose another file name (qorgau never overwrites a pack)")]
    Exists { path: String },
    #[error("cannot write {path}: {detail}; check the path and free space")]
    Write { path: String, detail: String },
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Setup(#[from] SetupError),
    #[error(transparent)]
    DataDir(#[from] DataDirError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
