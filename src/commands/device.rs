//! `qorgau init` and `qorgau hub init`: keys, passphrase, cards.

use std::path::Path;

use qorgau::i18n::Arg;
use qorgau::setup::{init_device, init_hub};

use super::{Context, Failure};
use crate::ui::output::{outln, Output};

pub fn init(
    context: &Context,
    out: &mut Output,
    hub_card: &Path,
    region: Option<String>,
) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    if dir.device_key().exists() {
        // Say so before asking for a passphrase that would not be used.
        return Err(Failure::new(format!(
            "this device is already set up in {}: qorgau never overwrites keys; to start again, move that folder aside (keep it if it holds records not yet synced)",
            dir.root().display()
        )));
    }
    let passphrase = context.passphrase(true)?;
    let done = init_device(&dir, hub_card, region, &passphrase, &context.now())?;
    let messages = context.messages();
    let path = done.card_path.display().to_string();
    outln!(
        out,
        "{}",
        messages.format("init-done", &[("hub", Arg::Str(&done.hub_name))])
    );
    outln!(
        out,
        "{}",
        messages.format("init-card", &[("path", Arg::Str(&path))])
    );
    outln!(out, "{}", messages.get("init-keep-passphrase"));
    Ok(())
}

pub fn hub_init(context: &Context, out: &mut Output, name: &str) -> Result<(), Failure> {
    let dir = context.data_dir()?;
    if dir.hub_key().exists() {
        return Err(Failure::new(format!(
            "a hub is already set up in {}: qorgau never overwrites keys",
            dir.root().display()
        )));
    }
    let passphrase = context.passphrase(true)?;
    let done = init_hub(&dir, name, &passphrase, &context.now())?;
    let messages = context.messages();
    let path = done.card_path.display().to_string();
    outln!(out, "{}", messages.get("hub-init-done"));
    outln!(
        out,
        "{}",
        messages.format("hub-init-card", &[("path", Arg::Str(&path))])
    );
    outln!(out, "{}", messages.get("hub-init-keep"));
    Ok(())
}
