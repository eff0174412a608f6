//! `qorgau init` and `qorgau hub init`: keys, passphrase, cards.

use std::path::Path;

use qorgau::crypto::Role;
use qorgau::i18n::Arg;
use qorgau::setup::{change_passphrase, init_device, init_hub, read_passphrase_file};

use super::Context;
use crate::error::CommandError;
use crate::ui::output::{outln, Output};

pub fn init(
    context: &Context,
    out: &mut Output,
    hub_card: &Path,
    region: Option<String>,
) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    if dir.device_key().exists() {
        // Say so before asking for a passphrase that would not be used.
        let root = dir.root().display().to_string();
        return Err(CommandError::user(
            context
                .messages()
                .format("error-device-exists", &[("path", Arg::Str(&root))]),
        ));
    }
    if let Some(region) = &region {
        if !qorgau::crypto::card::valid_region(region) {
            return Err(CommandError::user(context.messages().format(
                "init-bad-region",
                &[("region", Arg::Str(&qorgau::text::one_line(region)))],
            )));
        }
    }
    let passphrase = context.passphrase(true)?;
    let done = init_device(&dir, hub_card, region, &passphrase, context.now())?;
    let messages = context.messages();
    let path = done.card_path.display().to_string();
    outln!(
        out,
        "{}",
        messages.format(
            "init-done",
            &[("hub", Arg::Str(&qorgau::text::one_line(&done.hub_name)))]
        )
    );
    let hub = done.hub_fingerprint.to_string();
    let device = done.device_fingerprint.to_string();
    outln!(
        out,
        "{}",
        messages.format(
            "init-fingerprints",
            &[("hub", Arg::Str(&hub)), ("device", Arg::Str(&device))]
        )
    );
    if done.hub_recipients > 1 {
        outln!(
            out,
            "{}",
            messages.format(
                "init-many-recipients",
                &[("count", Arg::Num(done.hub_recipients as i64))]
            )
        );
    }
    outln!(
        out,
        "{}",
        messages.format("init-card", &[("path", Arg::Str(&path))])
    );
    outln!(out, "{}", messages.get("init-keep-passphrase"));
    Ok(())
}

pub fn hub_init(context: &Context, out: &mut Output, name: &str) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    if dir.hub_key().exists() {
        let root = dir.root().display().to_string();
        return Err(CommandError::user(
            context
                .messages()
                .format("error-hub-exists", &[("path", Arg::Str(&root))]),
        ));
    }
    let passphrase = context.passphrase(true)?;
    let done = init_hub(&dir, name, &passphrase, context.now())?;
    let messages = context.messages();
    let path = done.card_path.display().to_string();
    outln!(out, "{}", messages.get("hub-init-done"));
    let fingerprint = done.fingerprint.to_string();
    outln!(
        out,
        "{}",
        messages.format(
            "hub-init-fingerprint",
            &[("fingerprint", Arg::Str(&fingerprint))]
        )
    );
    outln!(
        out,
        "{}",
        messages.format("hub-init-card", &[("path", Arg::Str(&path))])
    );
    outln!(out, "{}", messages.get("hub-init-keep"));
    Ok(())
}

/// `qorgau passphrase change` and `qorgau hub passphrase change`: the old
/// passphrase opens the keys, the new one re-wraps them in one rename.
pub fn change(
    context: &Context,
    out: &mut Output,
    role: Role,
    new_file: Option<&Path>,
) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    let path = match role {
        Role::Device => dir.device_key(),
        Role::Hub => dir.hub_key(),
    };
    if !path.exists() {
        let folder = dir.root().display().to_string();
        return Err(match role {
            Role::Device => qorgau::setup::SetupError::NoDevice { path: folder },
            Role::Hub => qorgau::setup::SetupError::NoHub { path: folder },
        }
        .into());
    }
    let old = context.passphrase(false)?;
    let new = match new_file {
        Some(file) => read_passphrase_file(file, dir.root())?,
        None => crate::ui::passphrase::read(None, &context.messages(), true)?,
    };
    change_passphrase(&dir, role, &old, &new)?;
    let shown = path.display().to_string();
    outln!(
        out,
        "{}",
        context
            .messages()
            .format("passphrase-changed", &[("path", Arg::Str(&shown))])
    );
    Ok(())
}
