//! Library errors as command errors: the kind by the error's variant, the
//! message localized where the catalogue has it (else the library's own
//! words), and the command-line advice the library must not give as hints.

use qorgau::catalog::CatalogError;
use qorgau::crypto::KeyError;
use qorgau::datadir::DataDirError;
use qorgau::hub::HubError;
use qorgau::i18n::Messages;
use qorgau::input::InputError;
use qorgau::screening::ScreeningError;
use qorgau::setup::SetupError;
use qorgau::store::StoreError;
use qorgau::sync::{ExportError, ImportError, ReceiptError};
use qorgau::update::{PackError, UpdateError};

use super::{messages_now, CommandError, ErrorKind};

/// A command error of `kind` from a library `error`: `localized` (or the
/// library's message), then `hints`.
fn from_error<E>(
    error: E,
    kind: ErrorKind,
    localized: Option<String>,
    hints: Vec<String>,
) -> CommandError
where
    E: std::error::Error + Send + Sync + 'static,
{
    let message = localized.unwrap_or_else(|| error.to_string());
    let mut command_error = CommandError::new(kind, message).with_source(error);
    command_error.hints = hints;
    command_error
}

fn input_kind(_: &InputError) -> ErrorKind {
    // A path that is not there, not a file, or far too large: the user
    // gave the wrong one.
    ErrorKind::User
}

fn key_kind(e: &KeyError) -> ErrorKind {
    match e {
        KeyError::WrongPassphrase { .. }
        | KeyError::WeakPassphrase { .. }
        | KeyError::GuessablePassphrase { .. }
        | KeyError::PassphraseMismatch
        | KeyError::WrongRole { .. } => ErrorKind::User,
        KeyError::Damaged { .. } | KeyError::ExcessiveWork { .. } => ErrorKind::Data,
        KeyError::Encrypt(_) => ErrorKind::Internal,
    }
}

fn key_hints(e: &KeyError, m: &Messages) -> Vec<String> {
    match e {
        KeyError::WrongRole { .. } => vec![m.get("hint-data-dir-check")],
        _ => Vec::new(),
    }
}

fn data_dir_kind(e: &DataDirError) -> ErrorKind {
    match e {
        DataDirError::Config { .. } => ErrorKind::Data,
        // A folder that cannot be used, a full disk, no permission: the
        // user can act on each.
        DataDirError::Folder { .. }
        | DataDirError::Write { .. }
        | DataDirError::Read { .. }
        | DataDirError::NoDefault => ErrorKind::User,
    }
}

fn data_dir_hints(e: &DataDirError, m: &Messages) -> Vec<String> {
    match e {
        DataDirError::Folder { .. } => vec![m.get("hint-data-dir-other")],
        DataDirError::NoDefault => vec![m.get("hint-data-dir-none")],
        _ => Vec::new(),
    }
}

fn store_kind(e: &StoreError) -> ErrorKind {
    match e {
        StoreError::Damaged { .. } => ErrorKind::Data,
        StoreError::Other { .. } => ErrorKind::Internal,
        StoreError::Newer { .. }
        | StoreError::Full { .. }
        | StoreError::Busy { .. }
        | StoreError::Open { .. }
        | StoreError::NoDraft(_)
        | StoreError::DraftInUse(_)
        | StoreError::NoRecord(_) => ErrorKind::User,
    }
}

fn store_hints(e: &StoreError, m: &Messages) -> Vec<String> {
    match e {
        StoreError::Open { .. } => vec![m.get("hint-data-dir-check")],
        StoreError::NoDraft(_) => vec![m.get("hint-drafts")],
        StoreError::NoRecord(_) => vec![m.get("hint-records")],
        _ => Vec::new(),
    }
}

fn setup_kind(e: &SetupError) -> ErrorKind {
    match e {
        SetupError::Card(_) | SetupError::CardChanged { .. } => ErrorKind::Data,
        SetupError::AlreadySetUp { .. }
        | SetupError::NoDevice { .. }
        | SetupError::NoHub { .. }
        | SetupError::Read { .. }
        | SetupError::PassphraseFileOpen { .. }
        | SetupError::PassphraseFileInDataDir { .. }
        | SetupError::PassphraseFileEmpty { .. }
        | SetupError::BadRegion(_) => ErrorKind::User,
        SetupError::Input(e) => input_kind(e),
        SetupError::Key(e) => key_kind(e),
        SetupError::DataDir(e) => data_dir_kind(e),
        // Only ids this program made are checked there.
        SetupError::Id(_) => ErrorKind::Internal,
    }
}

fn setup_hints(e: &SetupError, m: &Messages) -> Vec<String> {
    match e {
        SetupError::NoDevice { .. } => vec![m.get("hint-init-device")],
        SetupError::NoHub { .. } => vec![m.get("hint-hub-init")],
        SetupError::Key(e) => key_hints(e, m),
        SetupError::DataDir(e) => data_dir_hints(e, m),
        _ => Vec::new(),
    }
}

fn catalog_kind(e: &CatalogError) -> ErrorKind {
    match e {
        CatalogError::Read { .. }
        | CatalogError::Withdrawn { .. }
        | CatalogError::WithdrawnNoOther { .. }
        | CatalogError::NotFound { .. }
        | CatalogError::BadSpec { .. } => ErrorKind::User,
        CatalogError::Invalid(_)
        | CatalogError::ShadowsShipped { .. }
        | CatalogError::ShadowsUpdate { .. }
        | CatalogError::UpdateDiffers { .. }
        | CatalogError::Duplicate { .. } => ErrorKind::Data,
    }
}

fn catalog_hints(e: &CatalogError, m: &Messages) -> Vec<String> {
    match e {
        CatalogError::Read { .. } => vec![m.get("hint-protocols-path")],
        CatalogError::NotFound { .. } => vec![m.get("hint-protocols-list")],
        _ => Vec::new(),
    }
}

fn update_kind(e: &UpdateError) -> ErrorKind {
    match e {
        UpdateError::Pack { error, .. } => match error {
            PackError::WrongHub { .. } => ErrorKind::User,
            PackError::NotAPack(_)
            | PackError::Truncated
            | PackError::BadSignature
            | PackError::Tampered(_) => ErrorKind::Data,
        },
        UpdateError::Older { .. }
        | UpdateError::AlreadyInstalled { .. }
        | UpdateError::NeedsPassphrase
        | UpdateError::WithdrawSpec(_)
        | UpdateError::WithdrawUnknown(_)
        | UpdateError::WithdrawLast { .. }
        | UpdateError::Exists { .. }
        | UpdateError::Write { .. } => ErrorKind::User,
        UpdateError::Invalid { .. }
        | UpdateError::ShippedDiffers { .. }
        | UpdateError::CardMismatch { .. }
        | UpdateError::Damaged { .. }
        | UpdateError::PublishedDamaged { .. }
        | UpdateError::PublishInvalid { .. }
        | UpdateError::PublishShipped { .. }
        | UpdateError::PublishChanged { .. }
        | UpdateError::DirectoryNotNewer { .. } => ErrorKind::Data,
        UpdateError::Input(e) => input_kind(e),
        UpdateError::Setup(e) => setup_kind(e),
        UpdateError::DataDir(e) => data_dir_kind(e),
        UpdateError::Store(e) => store_kind(e),
    }
}

fn update_hints(e: &UpdateError, m: &Messages) -> Vec<String> {
    match e {
        UpdateError::Setup(e) => setup_hints(e, m),
        UpdateError::DataDir(e) => data_dir_hints(e, m),
        UpdateError::Store(e) => store_hints(e, m),
        _ => Vec::new(),
    }
}

fn hub_kind(e: &HubError) -> ErrorKind {
    match e {
        HubError::Store(e) => store_kind(e),
        HubError::Write(e) => data_dir_kind(e),
        HubError::NotFound(_)
        | HubError::Ambiguous { .. }
        | HubError::Revoked { .. }
        | HubError::KeyChanged { .. }
        | HubError::Csv(_)
        // A name or a filter value the coordinator typed.
        | HubError::BadDeviceName(_)
        | HubError::UnknownDevice { .. }
        | HubError::UnknownProtocol { .. }
        | HubError::UnknownBand { .. } => ErrorKind::User,
        HubError::Unreadable { .. } | HubError::Facts(_) | HubError::BadRegion(_) => {
            ErrorKind::Data
        }
        // Two options that cannot go together, as clap's own conflicts.
        HubError::FreeTextNotDeidentified => ErrorKind::Usage,
    }
}

fn hub_hints(e: &HubError, m: &Messages) -> Vec<String> {
    match e {
        HubError::Store(e) => store_hints(e, m),
        HubError::Write(e) => data_dir_hints(e, m),
        HubError::NotFound(_) => vec![m.get("hint-hub-records")],
        HubError::Revoked { .. } => vec![m.get("hint-enroll-force")],
        HubError::KeyChanged { .. } => vec![m.get("hint-enroll-force-fingerprint")],
        HubError::BadRegion(_) => vec![m.get("hint-init-region")],
        HubError::FreeTextNotDeidentified => vec![m.get("hint-export-csv-free-text")],
        _ => Vec::new(),
    }
}

fn export_kind(e: &ExportError) -> ErrorKind {
    match e {
        ExportError::Store(e) => store_kind(e),
        ExportError::Damaged(_) => ErrorKind::Data,
        ExportError::Write { .. } | ExportError::Exists { .. } | ExportError::IsFolder { .. } => {
            ErrorKind::User
        }
        ExportError::Encrypt(_) | ExportError::Internal(_) => ErrorKind::Internal,
    }
}

fn receipt_kind(e: &ReceiptError) -> ErrorKind {
    match e {
        ReceiptError::Parse(_) | ReceiptError::Version(_) | ReceiptError::BadSignature => {
            ErrorKind::Data
        }
        ReceiptError::WrongHub { .. } | ReceiptError::WrongDevice { .. } => ErrorKind::User,
        ReceiptError::Store(e) => store_kind(e),
    }
}

fn receipt_hints(e: &ReceiptError, m: &Messages) -> Vec<String> {
    match e {
        ReceiptError::Store(e) => store_hints(e, m),
        _ => Vec::new(),
    }
}

fn import_kind(e: &ImportError) -> ErrorKind {
    match e {
        // A bundle from a stick that is cut short, changed or not a bundle.
        ImportError::NotABundle(_)
        | ImportError::Truncated
        | ImportError::Tampered(_)
        | ImportError::BadSignature
        | ImportError::DeviceRowChanged(_) => ErrorKind::Data,
        // A bundle that is sound but not for this hub, or from a device
        // the coordinator has to decide about.
        ImportError::NotForThisHub
        | ImportError::UnknownDevice(_)
        | ImportError::RevokedDevice { .. }
        | ImportError::WrongHub { .. }
        | ImportError::Read(_) => ErrorKind::User,
        ImportError::Internal(_) | ImportError::Facts(_) => ErrorKind::Internal,
        ImportError::Store(e) => store_kind(e),
    }
}

fn import_hints(e: &ImportError, m: &Messages) -> Vec<String> {
    match e {
        ImportError::UnknownDevice(_) => vec![m.get("hint-hub-enroll")],
        ImportError::Store(e) => store_hints(e, m),
        _ => Vec::new(),
    }
}

fn screening_kind(e: &ScreeningError) -> ErrorKind {
    match e {
        ScreeningError::Store(e) => store_kind(e),
        // A step the walk should never offer: a bug in the caller.
        ScreeningError::Session(_) | ScreeningError::Seal(_) => ErrorKind::Internal,
        ScreeningError::Open { .. } | ScreeningError::Restore { .. } => ErrorKind::Data,
        ScreeningError::ProtocolMissing { .. }
        | ScreeningError::ProtocolChanged { .. }
        | ScreeningError::NoDraft { .. }
        | ScreeningError::AmbiguousDraft { .. } => ErrorKind::User,
    }
}

/// `From<library error> for CommandError`, with the message localized in
/// the interface language of this run.
macro_rules! from_library {
    ($($error:ty => kind $kind:path, localize $localize:expr, hints $hints:expr);* $(;)?) => {
        $(impl From<$error> for CommandError {
            fn from(error: $error) -> Self {
                let messages = messages_now();
                let kind = $kind(&error);
                let localized = $localize(&error, &messages);
                let hints = $hints(&error, &messages);
                from_error(error, kind, localized, hints)
            }
        })*
    };
}

fn no_hints<E>(_: &E, _: &Messages) -> Vec<String> {
    Vec::new()
}

fn screening_localized(e: &ScreeningError, m: &Messages) -> Option<String> {
    let draft_and = |id: &str, draft: &qorgau::ids::DraftId, name: &str, value: &str| {
        Some(m.format(
            id,
            &[
                ("draft", qorgau::i18n::Arg::Str(draft.as_str())),
                (name, qorgau::i18n::Arg::Str(value)),
            ],
        ))
    };
    match e {
        ScreeningError::Store(e) => localized::store(e, m),
        ScreeningError::Open { draft, detail } => {
            draft_and("err-draft-open", draft, "detail", detail)
        }
        ScreeningError::ProtocolMissing { draft, protocol } => {
            draft_and("err-draft-protocol-missing", draft, "protocol", protocol)
        }
        ScreeningError::ProtocolChanged { draft, protocol } => {
            draft_and("err-draft-protocol-changed", draft, "protocol", protocol)
        }
        ScreeningError::Restore { draft, source } => {
            draft_and("err-draft-restore", draft, "reason", &source.to_string())
        }
        ScreeningError::NoDraft { id } => Some(m.format(
            "error-no-draft",
            &[("id", qorgau::i18n::Arg::Str(&qorgau::text::one_line(id)))],
        )),
        ScreeningError::AmbiguousDraft { id, ids } => {
            let ids: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
            Some(m.format(
                "error-draft-ambiguous",
                &[
                    ("id", qorgau::i18n::Arg::Str(&qorgau::text::one_line(id))),
                    ("ids", qorgau::i18n::Arg::Str(&ids.join(", "))),
                ],
            ))
        }
        // A bug in the caller, or a failed encryption: internal errors.
        ScreeningError::Session(_) | ScreeningError::Seal(_) => None,
    }
}

fn screening_hints(e: &ScreeningError, m: &Messages) -> Vec<String> {
    match e {
        ScreeningError::Store(e) => store_hints(e, m),
        _ => Vec::new(),
    }
}

fn export_hints(e: &ExportError, m: &Messages) -> Vec<String> {
    match e {
        ExportError::Store(e) => store_hints(e, m),
        _ => Vec::new(),
    }
}

from_library!(
    InputError => kind input_kind, localize localized::input, hints no_hints;
    KeyError => kind key_kind, localize localized::key, hints key_hints;
    DataDirError => kind data_dir_kind, localize localized::data_dir, hints data_dir_hints;
    StoreError => kind store_kind, localize localized::store, hints store_hints;
    SetupError => kind setup_kind, localize localized::setup, hints setup_hints;
    CatalogError => kind catalog_kind, localize localized::catalog, hints catalog_hints;
    UpdateError => kind update_kind, localize localized::update, hints update_hints;
    HubError => kind hub_kind, localize localized::hub, hints hub_hints;
    ExportError => kind export_kind, localize localized::export, hints export_hints;
    ReceiptError => kind receipt_kind, localize localized::receipt, hints receipt_hints;
    ImportError => kind import_kind, localize localized::import, hints import_hints;
    ScreeningError => kind screening_kind, localize screening_localized, hints screening_hints;
);

/// Library errors in the interface language. The variants that stay in the
/// library's English are those no user can act on (`StoreError::Other`, a
/// seal or encode failure: bugs, exit 70) and the checks of files a person
/// writes (protocols, answers, cards), whose `path:line:col` diagnostics
/// are for the coordinator's technical staff.
pub mod localized {
    use qorgau::crypto::KeyError;
    use qorgau::datadir::DataDirError;
    use qorgau::hub::HubError;
    use qorgau::i18n::{Arg, Messages};
    use qorgau::input::InputError;
    use qorgau::setup::SetupError;
    use qorgau::store::StoreError;
    use qorgau::sync::ExportError;
    use qorgau::sync::{ImportError, ReceiptError};

    pub fn setup(e: &SetupError, m: &Messages) -> Option<String> {
        match e {
            SetupError::CardChanged { path, exposure } => {
                let since = exposure
                    .since
                    .map_or_else(|| "-".to_owned(), |at| at.to_string());
                let mut text = m.format(
                    "err-card-changed",
                    &[
                        ("path", Arg::Str(path)),
                        ("since", Arg::Str(&since)),
                        ("count", Arg::Num(exposure.records.len() as i64)),
                    ],
                );
                for (id, at) in exposure.records.iter().take(50) {
                    text.push_str(&format!("\n  {at}  {id}"));
                }
                Some(text)
            }
            SetupError::PassphraseFileOpen { path } => {
                Some(m.format("err-passphrase-file-open", &[("path", Arg::Str(path))]))
            }
            SetupError::PassphraseFileInDataDir { path } => {
                Some(m.format("err-passphrase-file-in-data", &[("path", Arg::Str(path))]))
            }
            SetupError::PassphraseFileEmpty { path } => {
                Some(m.format("err-passphrase-file-empty", &[("path", Arg::Str(path))]))
            }
            SetupError::Key(e) => key(e, m),
            SetupError::Input(e) => input(e, m),
            SetupError::BadRegion(region) => Some(m.format(
                "init-bad-region",
                &[("region", Arg::Str(&qorgau::text::one_line(region)))],
            )),
            _ => None,
        }
    }

    pub fn key(e: &KeyError, m: &Messages) -> Option<String> {
        match e {
            KeyError::WeakPassphrase { chars, suggestion } => Some(m.format(
                "err-passphrase-short",
                &[
                    ("chars", Arg::Num(*chars as i64)),
                    ("suggestion", Arg::Str(suggestion)),
                ],
            )),
            KeyError::GuessablePassphrase { suggestion } => Some(m.format(
                "err-passphrase-guessable",
                &[("suggestion", Arg::Str(suggestion))],
            )),
            _ => None,
        }
    }

    pub fn input(e: &InputError, m: &Messages) -> Option<String> {
        match e {
            InputError::NotAFile { path } => {
                Some(m.format("err-not-a-file", &[("path", Arg::Str(path))]))
            }
            InputError::TooLarge { path, .. } => {
                Some(m.format("err-too-large", &[("path", Arg::Str(path))]))
            }
            InputError::Read { path, detail } => Some(m.format(
                "err-cannot-read",
                &[("path", Arg::Str(path)), ("error", Arg::Str(detail))],
            )),
        }
    }

    pub fn store(e: &StoreError, m: &Messages) -> Option<String> {
        let path_only = |id: &str, path: &str| Some(m.format(id, &[("path", Arg::Str(path))]));
        match e {
            StoreError::DraftInUse(_) => Some(m.get("draft-in-use")),
            StoreError::Newer { path, found, known } => Some(m.format(
                "err-store-newer",
                &[
                    ("path", Arg::Str(path)),
                    ("found", Arg::Num(*found)),
                    ("known", Arg::Num(*known)),
                ],
            )),
            StoreError::Damaged { path, detail } => Some(m.format(
                "err-store-damaged",
                &[("path", Arg::Str(path)), ("error", Arg::Str(detail))],
            )),
            StoreError::Full { path } => path_only("err-store-full", path),
            StoreError::Busy { path } => path_only("err-store-busy", path),
            StoreError::Open { path, detail } => Some(m.format(
                "err-store-open",
                &[("path", Arg::Str(path)), ("error", Arg::Str(detail))],
            )),
            StoreError::NoDraft(id) => {
                let id = id.to_string();
                Some(m.format("err-no-draft", &[("id", Arg::Str(&id))]))
            }
            StoreError::NoRecord(id) => {
                let id = id.to_string();
                Some(m.format("err-no-record", &[("id", Arg::Str(&id))]))
            }
            StoreError::Other { .. } => None,
        }
    }

    pub fn data_dir(e: &DataDirError, m: &Messages) -> Option<String> {
        let with_detail = |id: &str, path: &str, detail: &str| {
            Some(m.format(id, &[("path", Arg::Str(path)), ("error", Arg::Str(detail))]))
        };
        match e {
            DataDirError::Folder { path, detail } => with_detail("err-data-folder", path, detail),
            DataDirError::Write { path, detail } => with_detail("err-data-write", path, detail),
            DataDirError::Read { path, detail } => with_detail("err-cannot-read", path, detail),
            DataDirError::Config { path, detail } => with_detail("err-data-config", path, detail),
            DataDirError::NoDefault => Some(m.get("err-data-no-default")),
        }
    }

    pub fn receipt(e: &ReceiptError, m: &Messages) -> Option<String> {
        let pair = |id: &str, found: &str, expected: &str| {
            Some(m.format(
                id,
                &[("found", Arg::Str(found)), ("expected", Arg::Str(expected))],
            ))
        };
        match e {
            ReceiptError::Parse(diagnostics) => {
                Some(format!("{diagnostics}\n{}", m.get("err-receipt-parse")))
            }
            ReceiptError::Version(version) => Some(m.format(
                "err-receipt-version",
                &[("version", Arg::Num(i64::from(*version)))],
            )),
            ReceiptError::WrongHub { found, expected } => pair(
                "err-receipt-wrong-hub",
                &found.to_string(),
                &expected.to_string(),
            ),
            ReceiptError::WrongDevice { found, expected } => pair(
                "err-receipt-wrong-device",
                found.as_str(),
                expected.as_str(),
            ),
            ReceiptError::BadSignature => Some(m.get("err-receipt-signature")),
            ReceiptError::Store(e) => store(e, m),
        }
    }

    /// Why a bundle was refused: the reason part of `hub-import-refused`.
    pub fn import(e: &ImportError, m: &Messages) -> Option<String> {
        let detail = |id: &str, detail: &str| Some(m.format(id, &[("error", Arg::Str(detail))]));
        let device = |id: &str, device: &str| Some(m.format(id, &[("device", Arg::Str(device))]));
        match e {
            ImportError::NotForThisHub => Some(m.get("err-import-not-for-this-hub")),
            ImportError::NotABundle(why) => detail("err-import-not-a-bundle", why),
            ImportError::Truncated => Some(m.get("err-import-truncated")),
            ImportError::Tampered(why) => detail("err-import-tampered", why),
            ImportError::BadSignature => Some(m.get("err-import-signature")),
            ImportError::UnknownDevice(id) => device("err-import-unknown-device", id.as_str()),
            ImportError::RevokedDevice { device: id, at } => Some(m.format(
                "err-import-revoked-device",
                &[
                    ("device", Arg::Str(id.as_str())),
                    ("at", Arg::Str(&at.to_string())),
                ],
            )),
            ImportError::DeviceRowChanged(id) => device("err-import-device-changed", id.as_str()),
            ImportError::WrongHub { found, expected } => Some(m.format(
                "err-import-wrong-hub",
                &[
                    ("found", Arg::Str(&found.to_string())),
                    ("expected", Arg::Str(&expected.to_string())),
                ],
            )),
            ImportError::Read(why) => detail("err-import-read", why),
            ImportError::Internal(why) => detail("err-import-internal", why),
            ImportError::Facts(why) => detail("err-import-facts", why),
            ImportError::Store(e) => store(e, m),
        }
    }

    pub fn export(e: &ExportError, m: &Messages) -> Option<String> {
        match e {
            ExportError::IsFolder { path } => {
                Some(m.format("err-export-folder", &[("path", Arg::Str(path))]))
            }
            ExportError::Store(e) => store(e, m),
            _ => None,
        }
    }

    pub fn catalog(e: &qorgau::catalog::CatalogError, m: &Messages) -> Option<String> {
        use qorgau::catalog::CatalogError;
        match e {
            CatalogError::Withdrawn {
                reference,
                sequence,
                instead,
            } => Some(m.format(
                "err-withdrawn",
                &[
                    ("protocol", Arg::Str(reference)),
                    ("seq", Arg::Num(*sequence as i64)),
                    ("instead", Arg::Str(instead)),
                ],
            )),
            CatalogError::WithdrawnNoOther {
                reference,
                sequence,
            } => Some(m.format(
                "err-withdrawn-no-other",
                &[
                    ("protocol", Arg::Str(reference)),
                    ("seq", Arg::Num(*sequence as i64)),
                ],
            )),
            _ => None,
        }
    }

    pub fn update(e: &qorgau::update::UpdateError, m: &Messages) -> Option<String> {
        use qorgau::update::{CardProblem, PackError, UpdateError};
        let num = |n: u64| Arg::Num(i64::try_from(n).unwrap_or(i64::MAX));
        Some(match e {
            UpdateError::Pack { path, error } => match error {
                PackError::NotAPack(why) => m.format(
                    "err-update-not-pack",
                    &[("path", Arg::Str(path)), ("reason", Arg::Str(why))],
                ),
                PackError::Truncated => {
                    m.format("err-update-truncated", &[("path", Arg::Str(path))])
                }
                PackError::WrongHub { found, expected } => m.format(
                    "err-update-wrong-hub",
                    &[
                        ("path", Arg::Str(path)),
                        ("found", Arg::Str(found)),
                        ("expected", Arg::Str(expected)),
                    ],
                ),
                PackError::BadSignature => {
                    m.format("err-update-signature", &[("path", Arg::Str(path))])
                }
                PackError::Tampered(file) => m.format(
                    "err-update-tampered",
                    &[("path", Arg::Str(path)), ("file", Arg::Str(file))],
                ),
            },
            UpdateError::Older {
                path,
                sequence,
                installed,
            } => m.format(
                "err-update-older",
                &[
                    ("path", Arg::Str(path)),
                    ("seq", num(*sequence)),
                    ("installed", num(*installed)),
                ],
            ),
            UpdateError::AlreadyInstalled { path, sequence } => m.format(
                "err-update-replayed",
                &[("path", Arg::Str(path)), ("seq", num(*sequence))],
            ),
            UpdateError::Invalid {
                path,
                file,
                problems,
            } => format!(
                "{}\n{problems}",
                m.format(
                    "err-update-invalid",
                    &[("path", Arg::Str(path)), ("file", Arg::Str(file))],
                )
            ),
            UpdateError::ShippedDiffers { path, reference } => m.format(
                "err-update-shipped-differs",
                &[("path", Arg::Str(path)), ("protocol", Arg::Str(reference))],
            ),
            UpdateError::CardMismatch { path, problem } => m.format(
                match problem {
                    CardProblem::OtherHub => "err-update-card-hub",
                    CardProblem::NotTheSigner => "err-update-card-key",
                    CardProblem::Missing => "err-update-card-missing",
                },
                &[("path", Arg::Str(path))],
            ),
            UpdateError::Damaged { sequence, detail } => m.format(
                "err-update-damaged",
                &[("seq", num(*sequence)), ("reason", Arg::Str(detail))],
            ),
            UpdateError::NeedsPassphrase => m.get("err-update-needs-passphrase"),
            UpdateError::PublishedDamaged { sequence, detail } => m.format(
                "err-publish-damaged",
                &[("seq", num(*sequence)), ("reason", Arg::Str(detail))],
            ),
            UpdateError::PublishInvalid { problems } => {
                format!("{problems}\n{}", m.get("err-publish-invalid"))
            }
            UpdateError::PublishShipped { path, reference } => m.format(
                "err-publish-shipped",
                &[("path", Arg::Str(path)), ("protocol", Arg::Str(reference))],
            ),
            UpdateError::PublishChanged {
                path,
                reference,
                sequence,
            } => m.format(
                "err-publish-changed",
                &[
                    ("path", Arg::Str(path)),
                    ("protocol", Arg::Str(reference)),
                    ("seq", num(*sequence)),
                ],
            ),
            UpdateError::DirectoryNotNewer {
                path,
                country,
                version,
                newest,
                source_kind,
            } => m.format(
                if *source_kind == "shipped" {
                    "err-publish-directory-shipped"
                } else {
                    "err-publish-directory-published"
                },
                &[
                    ("path", Arg::Str(path)),
                    ("directory", Arg::Str(&format!("{country} {version}"))),
                    ("newest", Arg::Str(newest)),
                ],
            ),
            UpdateError::WithdrawSpec(spec) => {
                m.format("err-withdraw-spec", &[("protocol", Arg::Str(spec))])
            }
            UpdateError::WithdrawUnknown(spec) => {
                m.format("err-withdraw-unknown", &[("protocol", Arg::Str(spec))])
            }
            UpdateError::WithdrawLast { reference, id } => m.format(
                "err-withdraw-last",
                &[("protocol", Arg::Str(reference)), ("id", Arg::Str(id))],
            ),
            UpdateError::Exists { path } => {
                m.format("err-pack-exists", &[("path", Arg::Str(path))])
            }
            UpdateError::Write { .. } => return None,
            UpdateError::Input(e) => return input(e, m),
            UpdateError::Setup(e) => return setup(e, m),
            UpdateError::DataDir(_) => return None,
            UpdateError::Store(e) => return store(e, m),
        })
    }

    pub fn hub(e: &HubError, m: &Messages) -> Option<String> {
        match e {
            HubError::Ambiguous { query, candidates } => {
                let mut text = m.format(
                    "err-ambiguous",
                    &[
                        ("query", Arg::Str(&qorgau::text::one_line(query))),
                        ("count", Arg::Num(candidates.len() as i64)),
                    ],
                );
                for c in candidates {
                    text.push_str(&format!(
                        "\n  {}  {}  {}  {}  {}",
                        qorgau::text::one_line(&c.shown_code),
                        qorgau::text::one_line(&c.record_id),
                        qorgau::text::one_line(&c.device_id),
                        c.finished_at,
                        qorgau::text::one_line(&c.protocol)
                    ));
                }
                Some(text)
            }
            HubError::Store(e) => store(e, m),
            HubError::Write(e) => data_dir(e, m),
            HubError::BadDeviceName(name) => {
                Some(m.format("err-device-name", &[("value", Arg::Str(name))]))
            }
            HubError::UnknownDevice { query, known } => Some(m.format(
                "err-unknown-device",
                &[
                    ("value", Arg::Str(query)),
                    ("known", Arg::Str(&known.join(", "))),
                ],
            )),
            HubError::UnknownProtocol { id, known } => Some(m.format(
                "error-report-protocol",
                &[("id", Arg::Str(id)), ("ids", Arg::Str(&known.join(", ")))],
            )),
            HubError::UnknownBand { value, known } => Some(m.format(
                "err-unknown-band",
                &[
                    ("value", Arg::Str(value)),
                    ("known", Arg::Str(&known.join(", "))),
                ],
            )),
            HubError::NotFound(query) => Some(m.format(
                "err-hub-not-found",
                &[("value", Arg::Str(&qorgau::text::one_line(query)))],
            )),
            HubError::Revoked { device, at } => Some(m.format(
                "err-hub-device-revoked",
                &[
                    ("device", Arg::Str(device.as_str())),
                    ("at", Arg::Str(&at.to_string())),
                ],
            )),
            HubError::KeyChanged {
                device,
                known,
                offered,
            } => Some(m.format(
                "err-hub-key-changed",
                &[
                    ("device", Arg::Str(device.as_str())),
                    ("known", Arg::Str(known)),
                    ("offered", Arg::Str(offered)),
                ],
            )),
            HubError::BadRegion(region) => Some(m.format(
                "err-hub-bad-region",
                &[("value", Arg::Str(&qorgau::text::one_line(region)))],
            )),
            HubError::FreeTextNotDeidentified => Some(m.get("err-hub-free-text")),
            // The reasons inside stay as the record check, the cache or
            // the system gave them.
            HubError::Unreadable {
                record_id,
                device_id,
                reason,
            } => Some(m.format(
                "err-hub-unreadable",
                &[
                    ("record", Arg::Str(record_id.as_str())),
                    ("device", Arg::Str(device_id.as_str())),
                    ("reason", Arg::Str(reason)),
                ],
            )),
            HubError::Facts(error) => {
                Some(m.format("err-hub-facts", &[("error", Arg::Str(error))]))
            }
            HubError::Csv(error) => Some(m.format("err-hub-csv", &[("error", Arg::Str(error))])),
        }
    }
}
