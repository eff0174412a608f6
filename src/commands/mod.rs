//! One module per command; each takes its arguments and calls the library.

mod protocol;
mod protocols;

use std::fmt;

use qorgau::protocol::{Catalog, CatalogError};
use qorgau::referral::{parse_directory, shipped_directory, Directory};
use qorgau::Lang;

use crate::cli::{Cli, Command, GlobalArgs, ProtocolCommand};
use crate::ui::output::Output;

/// A command that could not do its job: what went wrong, shown once on
/// stderr, and the exit code (1: the user can act on it).
#[derive(Debug)]
pub struct Failure {
    pub message: String,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        1
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<CatalogError> for Failure {
    fn from(error: CatalogError) -> Self {
        Failure::new(error.to_string())
    }
}

/// What every command may need from the global options.
pub struct Context {
    pub lang: Lang,
    pub global: GlobalArgs,
}

impl Context {
    /// The shipped protocols plus any from `--protocols DIR`.
    /// The referral directory: `--protocols DIR/referrals/kz.toml` if present, else the shipped one.
    pub fn referrals(&self) -> Result<Directory, Failure> {
        let country = "kz";
        if let Some(dir) = &self.global.protocols {
            let path = dir.join("referrals").join(format!("{country}.toml"));
            if path.exists() {
                let source = std::fs::read_to_string(&path)
                    .map_err(|e| Failure::new(format!("cannot read {}: {e}", path.display())))?;
                return parse_directory(&path.display().to_string(), &source).map_err(|d| {
                    Failure::new(format!(
                        "{d}\nfix the referral directory, or remove it to use the shipped one"
                    ))
                });
            }
        }
        shipped_directory(country).map_err(|d| Failure::new(d.to_string()))
    }

    pub fn catalog(&self) -> Result<Catalog, Failure> {
        let mut catalog = Catalog::shipped()?;
        if let Some(dir) = &self.global.protocols {
            catalog.add_dir(dir)?;
        }
        Ok(catalog)
    }
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    let context = Context {
        lang: cli.global.lang.unwrap_or(Lang::Ru),
        global: cli.global,
    };
    let mut out = Output::stdout();
    let result = match cli.command {
        Command::Protocols { format } => protocols::run(&context, &mut out, format),
        Command::Protocol(ProtocolCommand::Show { spec, format }) => {
            protocol::show(&context, &mut out, &spec, format)
        }
        Command::Protocol(ProtocolCommand::Lint { paths }) => protocol::lint(&mut out, &paths),
        Command::Protocol(ProtocolCommand::Score {
            spec,
            answers,
            format,
        }) => protocol::score(&context, &mut out, &spec, &answers, format),
    };
    // What was printed before a failure still reaches the user, then the failure.
    let flushed = out.finish();
    result.and(flushed)
}
