//! `qorgau update`, `qorgau hub publish`, `qorgau hub rotate-key`, and the
//! update pack's part of the USB round trip (`hub import` writes it beside
//! the receipt; `ack` installs it).

use std::path::Path;

use qorgau::crypto::Passphrase;
use qorgau::datadir::write_private;
use qorgau::i18n::{Arg, Messages};
use qorgau::input::read_bytes;
use qorgau::store::hub::HubStore;
use qorgau::update::pack::MAX_PACK;
use qorgau::update::{InstallStep, Installed, PublishRequest, Published, UpdateError};

use super::Context;
use crate::error::CommandError;
use crate::ui::output::{outln, Output};

/// The crash tests' hook: they stop an install between its steps
/// (`QORGAU_TEST_INSTALL_PAUSE_MS`: each step is announced on stderr, then
/// the install waits). Only in builds with the `test-hooks` feature, which
/// the tests turn on; never in a release build.
fn test_pause(step: InstallStep) {
    #[cfg(feature = "test-hooks")]
    if let Some(ms) = std::env::var("QORGAU_TEST_INSTALL_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        eprintln!("install step {step:?}");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    #[cfg(not(feature = "test-hooks"))]
    let _ = step;
}

fn show_installed(out: &mut Output, messages: &Messages, installed: &Installed, hub: &str) {
    let seq = |n: u64| Arg::Num(i64::try_from(n).unwrap_or(i64::MAX));
    outln!(
        out,
        "{}",
        messages.format(
            "update-installed",
            &[
                ("seq", seq(installed.sequence)),
                ("hub", Arg::Str(hub)),
                ("date", Arg::Str(&installed.created_at.utc_date())),
            ],
        )
    );
    for (protocol, new) in &installed.protocols {
        if *new {
            outln!(
                out,
                "  {}",
                messages.format("update-protocol-new", &[("protocol", Arg::Str(protocol))])
            );
        }
    }
    for directory in &installed.directories {
        outln!(
            out,
            "  {}",
            messages.format("update-directory", &[("directory", Arg::Str(directory))])
        );
    }
    for protocol in &installed.withdrawn {
        outln!(
            out,
            "  {}",
            messages.format("update-withdrawn", &[("protocol", Arg::Str(protocol))])
        );
    }
    if let Some(fingerprint) = &installed.new_card {
        outln!(
            out,
            "{}",
            messages.format(
                "update-new-card",
                &[("fingerprint", Arg::Str(fingerprint.as_str()))]
            )
        );
    }
}

/// `qorgau update FILE`: check the pack, then install it (asking for the
/// passphrase only when it carries a new coordinator card).
pub fn update(context: &Context, out: &mut Output, file: &Path) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    let bytes = read_bytes(file, MAX_PACK)?;
    let prepared = qorgau::update::prepare(&dir, bytes, &file.display().to_string())?;
    let passphrase = if prepared.needs_passphrase() {
        Some(context.passphrase(false)?)
    } else {
        None
    };
    let hub = qorgau::setup::load_device(&dir)?.hub.name;
    let installed = prepared.install(&dir, passphrase.as_ref(), &mut test_pause)?;
    show_installed(
        out,
        &context.messages(),
        &installed,
        &qorgau::text::one_line(&hub),
    );
    Ok(())
}

/// `ack`: after the receipt is applied, install the pack found beside it
/// if it is newer than the update in force. A problem with the pack is
/// reported as a failure (the receipt stays applied).
pub fn install_beside(
    context: &Context,
    out: &mut Output,
    receipt: &Path,
    passphrase: &Passphrase,
) -> Result<(), CommandError> {
    let pack = qorgau::hub::intake::update_beside(receipt);
    if !pack.exists() {
        return Ok(());
    }
    let dir = context.data_dir()?;
    let messages = context.messages();
    let shown = pack.display().to_string();
    let result = read_bytes(&pack, MAX_PACK)
        .map_err(UpdateError::from)
        .and_then(|bytes| qorgau::update::prepare(&dir, bytes, &shown));
    let prepared = match result {
        Ok(prepared) => prepared,
        Err(UpdateError::AlreadyInstalled { sequence, .. })
        | Err(UpdateError::Older {
            installed: sequence,
            ..
        }) => {
            outln!(
                out,
                "{}",
                messages.format(
                    "update-already",
                    &[("seq", Arg::Num(i64::try_from(sequence).unwrap_or(0)))]
                )
            );
            return Ok(());
        }
        Err(e) => return Err(not_installed(&messages, &shown, e)),
    };
    let hub = qorgau::setup::load_device(&dir)?.hub.name;
    match prepared.install(&dir, Some(passphrase), &mut test_pause) {
        Ok(installed) => {
            show_installed(out, &messages, &installed, &qorgau::text::one_line(&hub));
            Ok(())
        }
        Err(e) => Err(not_installed(&messages, &shown, e)),
    }
}

fn not_installed(messages: &Messages, path: &str, e: UpdateError) -> CommandError {
    // The library error's kind and hints, inside the sentence about this file.
    let error = CommandError::from(e);
    let message = messages.format(
        "update-ack-failed",
        &[
            ("path", Arg::Str(path)),
            ("reason", Arg::Str(error.message())),
        ],
    );
    error.with_message(message)
}

fn write_pack_file(path: &Path, pack: &[u8]) -> Result<(), UpdateError> {
    if path.exists() {
        return Err(UpdateError::Exists {
            path: path.display().to_string(),
        });
    }
    write_private(path, pack, false).map_err(|e| UpdateError::Write {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}

fn show_published(
    out: &mut Output,
    messages: &Messages,
    published: &Published,
    path: Option<&Path>,
) {
    let seq = Arg::Num(i64::try_from(published.sequence).unwrap_or(i64::MAX));
    let shown = path.map(|p| p.display().to_string()).unwrap_or_default();
    let key = match (published.new, path.is_some()) {
        (true, true) => "publish-done",
        (true, false) => "publish-stored",
        (false, _) => "publish-unchanged",
    };
    outln!(
        out,
        "{}",
        messages.format(key, &[("seq", seq.clone()), ("path", Arg::Str(&shown))])
    );
    let list = |items: &[String]| {
        if items.is_empty() {
            "-".to_owned()
        } else {
            items.join(", ")
        }
    };
    outln!(
        out,
        "  {}",
        messages.format(
            "publish-protocols",
            &[("list", Arg::Str(&list(&published.protocols)))]
        )
    );
    outln!(
        out,
        "  {}",
        messages.format(
            "publish-directories",
            &[("list", Arg::Str(&list(&published.directories)))]
        )
    );
    outln!(
        out,
        "  {}",
        messages.format(
            "publish-withdrawn",
            &[("list", Arg::Str(&list(&published.withdrawn)))]
        )
    );
    outln!(out, "{}", messages.get("publish-next"));
}

/// `qorgau hub publish --out FILE [--protocols DIR] [--referrals FILE] [--withdraw ID@VERSION...]`.
pub fn publish(
    context: &Context,
    out: &mut Output,
    path: &Path,
    withdraw: &[String],
) -> Result<(), CommandError> {
    if path.exists() {
        return Err(UpdateError::Exists {
            path: path.display().to_string(),
        }
        .into());
    }
    let (dir, mut store, keys) = super::hub::unlock_hub(context)?;
    let request = PublishRequest {
        protocols: context.global.protocols.as_deref(),
        referrals: context.global.referrals.as_deref(),
        withdraw,
    };
    let published = qorgau::update::publish(&dir, &mut store, &keys, request, context.now())?;
    write_pack_file(path, &published.pack)?;
    show_published(out, &context.messages(), &published, Some(path));
    Ok(())
}

/// `qorgau hub rotate-key [--out FILE]`.
pub fn rotate_key(
    context: &Context,
    out: &mut Output,
    path: Option<&Path>,
) -> Result<(), CommandError> {
    if let Some(path) = path.filter(|p| p.exists()) {
        return Err(UpdateError::Exists {
            path: path.display().to_string(),
        }
        .into());
    }
    let dir = context.data_dir()?;
    if !dir.hub_key().exists() {
        return Err(qorgau::setup::SetupError::NoHub {
            path: dir.root().display().to_string(),
        }
        .into());
    }
    let mut store = HubStore::open(&dir.hub_database())?;
    let passphrase = context.passphrase(false)?;
    let (rotated, published) =
        qorgau::update::rotate_key(&dir, &mut store, &passphrase, context.now())?;
    let messages = context.messages();
    let new = rotated.card.fingerprint().to_string();
    let old = rotated.old_fingerprint.to_string();
    outln!(
        out,
        "{}",
        messages.format(
            "rotate-done",
            &[("fingerprint", Arg::Str(&new)), ("old", Arg::Str(&old))]
        )
    );
    if let Some(path) = path {
        write_pack_file(path, &published.pack)?;
    }
    show_published(out, &messages, &published, path);
    Ok(())
}
