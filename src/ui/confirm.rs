//! A yes/no question before something that cannot be undone.

use qorgau::i18n::{Arg, Messages};

use crate::error::CommandError;

/// Ask `prompt` (the answer "no" by default). `Ok(())` only on "yes"; a "no"
/// is the user error `not_confirmed` (a message id: what was not done), and a
/// terminal that cannot ask says why, in the interface language.
pub fn confirm(
    messages: &Messages,
    prompt: String,
    not_confirmed: &str,
) -> Result<(), CommandError> {
    let confirmed = dialoguer::Confirm::new()
        .with_prompt(prompt)
        .default(false)
        .interact()
        .map_err(|e| {
            let error = e.to_string();
            CommandError::user(
                messages.format("error-confirm-failed", &[("error", Arg::Str(&error))]),
            )
            .with_source(e)
        })?;
    if confirmed {
        Ok(())
    } else {
        Err(CommandError::user(messages.get(not_confirmed)))
    }
}
