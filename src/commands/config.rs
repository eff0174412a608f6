//! `qorgau config lang`: settings kept in the data folder, and keeping the
//! language chosen at set-up.

use qorgau::i18n::{Arg, Messages};
use qorgau::Lang;

use super::Context;
use crate::error::CommandError;
use crate::ui::output::{outln, Output};

/// Keep `lang` in the data folder's config: every later command uses it.
fn save_lang(context: &Context, lang: Lang) -> Result<(), CommandError> {
    let dir = context.data_dir()?;
    dir.ensure()?;
    let mut config = dir.load_config()?;
    config.lang = Some(lang);
    dir.save_config(&config)?;
    Ok(())
}

pub fn lang(context: &Context, out: &mut Output, lang: Lang) -> Result<(), CommandError> {
    save_lang(context, lang)?;
    // Said in the language just chosen.
    outln!(
        out,
        "{}",
        Messages::new(lang).format("config-lang-done", &[("lang", Arg::Str(lang.code()))])
    );
    Ok(())
}

/// After `init` or `hub init` with `--lang`: that language is kept.
pub fn keep_chosen_lang(context: &Context) -> Result<(), CommandError> {
    match context.chosen_lang {
        Some(lang) => save_lang(context, lang),
        None => Ok(()),
    }
}
