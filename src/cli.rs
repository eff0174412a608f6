//! Command-line definitions (clap derive) only; see ARCHITECTURE.md §2.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use qorgau::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "qorgau",
    version,
    about = "Offline screening for signs of human trafficking: protocols, scoring, next steps"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Language of protocol texts and messages: ru, kk or en.
    #[arg(long, global = true, env = "QORGAU_LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// A folder of extra protocols (`<id>/<version>.toml`), beside the shipped ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub protocols: Option<PathBuf>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the protocols: id, version, title, audience, item count.
    Protocols {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show, check or try out a protocol.
    #[command(subcommand)]
    Protocol(ProtocolCommand),
}

#[derive(Debug, Subcommand)]
pub enum ProtocolCommand {
    /// The protocol's sections and questions, with ids, kinds, options, domains, strengths.
    Show {
        /// ID or ID@VERSION.
        spec: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check protocol files and run their golden cases; each problem as file:line:col: message.
    Lint {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Score an answers file against a protocol, storing nothing.
    Score {
        /// ID or ID@VERSION.
        spec: String,
        /// A TOML file with an `[answers]` table.
        #[arg(long, value_name = "FILE")]
        answers: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}
