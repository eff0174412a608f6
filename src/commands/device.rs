//! `qorgau init` and `qorgau hub init`: keys, passphrase, cards.

use std::path::Path;

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
    let passphrase = context.passphrase("Choose a passphrase for this device", true)?;
    let done = init_device(&dir, hub_card, region, &passphrase, &context.now())?;
    outln!(
        out,
        "This device is set up. Records will be sealed for: {}",
        done.hub_name
    );
    outln!(
        out,
        "Device card (give it to your coordinator): {}",
        done.card_path.display()
    );
    outln!(
        out,
        "Keep your passphrase safe: without it the data on this device cannot be opened."
    );
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
    let passphrase = context.passphrase("Choose a passphrase for this hub", true)?;
    let done = init_hub(&dir, name, &passphrase, &context.now())?;
    outln!(out, "The hub is set up.");
    outln!(
        out,
        "Hub card (give it to every device): {}",
        done.card_path.display()
    );
    outln!(out, "Keep your passphrase and a backup of the hub key safe: records sealed to this hub open only with it.");
    Ok(())
}
