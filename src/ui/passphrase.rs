//! Getting the passphrase: from `--passphrase-file` / `QORGAU_PASSPHRASE_FILE`,
//! or a hidden prompt on the terminal. Never from a command-line value.

use std::io::IsTerminal;
use std::path::Path;

use qorgau::crypto::Passphrase;
use qorgau::i18n::Messages;

use crate::commands::Failure;

/// Read the passphrase; `confirm` asks twice (when choosing a new one).
pub fn read(
    file: Option<&Path>,
    messages: &Messages,
    confirm: bool,
) -> Result<Passphrase, Failure> {
    if let Some(path) = file {
        let text = zeroize::Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
            Failure::new(format!(
                "cannot read the passphrase file {}: {e}; check the path given with --passphrase-file or QORGAU_PASSPHRASE_FILE",
                path.display()
            ))
        })?);
        return Ok(Passphrase::new(&text));
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Failure::new(
            "a passphrase is needed and there is no terminal to ask for it: give --passphrase-file FILE (or set QORGAU_PASSPHRASE_FILE)",
        ));
    }
    let prompt = if confirm {
        messages.get("passphrase-choose")
    } else {
        messages.get("passphrase-ask")
    };
    let mut input = dialoguer::Password::new().with_prompt(prompt);
    if confirm {
        input = input.with_confirmation(
            messages.get("passphrase-again"),
            messages.get("passphrase-differ"),
        );
    }
    let text = zeroize::Zeroizing::new(
        input
            .interact()
            .map_err(|e| Failure::new(format!("could not read the passphrase: {e}")))?,
    );
    Ok(Passphrase::new(&text))
}
