//! Getting the passphrase: from `--passphrase-file` / `QORGAU_PASSPHRASE_FILE`,
//! or a hidden prompt on the terminal. Never from a command-line value.

use std::io::IsTerminal;
use std::path::Path;

use qorgau::crypto::Passphrase;
use qorgau::i18n::Messages;

use crate::error::CommandError;

/// Read the passphrase; `confirm` asks twice (when choosing a new one).
pub fn read(
    file: Option<(&Path, &Path)>,
    messages: &Messages,
    confirm: bool,
) -> Result<Passphrase, CommandError> {
    // A private regular file outside the data folder (`file.1`).
    if let Some((path, data_dir)) = file {
        return Ok(qorgau::setup::read_passphrase_file(path, data_dir)?);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(CommandError::user(
            messages.get("error-passphrase-no-terminal"),
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
            .map_err(|_| CommandError::user(messages.get("error-passphrase-no-terminal")))?,
    );
    Ok(Passphrase::new(&text))
}
