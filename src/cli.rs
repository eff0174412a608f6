//! Command-line definitions (clap derive), and their help in the user's
//! language: the derive gives the structure, and every `about` and `help`
//! is set at run time from the catalogue (`help-…` messages), as are
//! clap's own headings and the usage errors people meet most.

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
    /// A local referral list (e.g. kz.toml) to use instead of the shipped one. It is unsigned: screens say so.
    #[arg(long, global = true, value_name = "FILE")]
    pub referrals: Option<PathBuf>,
    /// Where this device's or hub's keys and data live (default: the platform data folder).
    #[arg(long, global = true, env = "QORGAU_HOME", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Read the passphrase from this file instead of asking (never give it as an argument).
    #[arg(
        long,
        global = true,
        env = "QORGAU_PASSPHRASE_FILE",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub passphrase_file: Option<PathBuf>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    #[default]
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the protocols: id, version, title, audience, item count.
    Protocols {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// List every version, not only the newest of each protocol.
        #[arg(long)]
        all: bool,
    },
    /// Show, check or try out a protocol.
    #[command(subcommand)]
    Protocol(ProtocolCommand),
    /// Set up this device: keys, passphrase, and the coordinator's card.
    Init {
        /// The coordinator's hub card (hub-card.toml).
        #[arg(long, value_name = "HUB_CARD")]
        hub: PathBuf,
        /// This device's region, as the coordinator names it (e.g. almaty_city).
        #[arg(long)]
        region: Option<String>,
    },
    /// Run a screening and save it, sealed for the coordinator.
    Screen {
        /// ID or ID@VERSION, or any unambiguous start of an id; without it, a list to pick from.
        #[arg(value_name = "ID")]
        spec: Option<String>,
        /// Take the answers from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
    },
    /// Unfinished screenings: protocol, start time, progress.
    Drafts {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Continue an unfinished screening (asks which when there are several).
    Resume {
        /// The draft's id, or its first letters.
        draft_id: Option<String>,
        /// Take the remaining answers from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
    },
    /// Delete an unfinished screening for good.
    Discard {
        /// The draft's id, or its first letters.
        draft_id: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Settings kept in the data folder.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// This device's finished screenings (summaries only).
    Records {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One finished screening's summary.
    #[command(subcommand)]
    Record(RecordCommand),
    /// Remove summaries of records the coordinator acknowledged longer ago than the retention setting.
    Purge,
    /// Write every finished record not yet acknowledged into one bundle for the coordinator.
    Export {
        /// The bundle file to write (e.g. on a USB stick).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Sign without asking (after reading the list it prints).
        #[arg(long)]
        yes: bool,
    },
    /// Change the passphrase that protects this device's keys.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Apply a coordinator's receipt: forget the sealed records the hub now holds (and install the update pack beside it, if newer).
    Ack {
        /// The .receipt file from the coordinator.
        receipt: PathBuf,
    },
    /// Install a signed update pack from the coordinator: protocol versions, referral contacts, withdrawn versions, a new coordinator key.
    Update {
        /// The .qgu file from the coordinator.
        file: PathBuf,
    },
    /// Coordinator (hub) commands.
    #[command(subcommand)]
    Hub(HubCommand),
    /// Tools for developers and benchmarks (synthetic data only).
    #[command(subcommand, hide = true)]
    Dev(DevCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// The language every later command uses: ru, kk or en.
    Lang {
        #[arg(value_parser = parse_lang)]
        lang: Lang,
    },
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Re-encrypt the key file with a new passphrase (the old one is asked first).
    Change {
        /// Read the new passphrase from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Create finished records from random but valid answer sets (synthetic, for tests and benchmarks).
    Synth {
        /// How many records.
        #[arg(long, default_value_t = 100)]
        records: usize,
        /// Seed for the random answers, so runs can be repeated.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// Show one record's summary.
    Show {
        /// The case code (or the record id).
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Set up a coordinator: keys, passphrase, and hub-card.toml for devices.
    Init {
        /// The coordinator's name, shown to devices.
        #[arg(long, default_value = "Qorgau coordinator")]
        name: String,
    },
    /// Trust a device's card, so its bundles can be imported.
    Enroll {
        /// The device's device-card.toml.
        device_card: PathBuf,
        /// Re-trust a revoked device, or accept a new key for a known device id.
        #[arg(long)]
        force: bool,
        /// A name for the device (a worker, a clinic), shown in listings and reports.
        #[arg(long)]
        name: Option<String>,
    },
    /// Stop trusting a device: its bundles are refused from now on.
    Revoke {
        /// The device id, as `hub devices` lists it.
        device_id: String,
    },
    /// Enrolled devices, with their last import and counts.
    Devices {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Verify, decrypt and store bundles; write a signed receipt for each.
    Import {
        /// The bundle files (.qgb).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write receipts (default: beside each bundle).
        #[arg(long, value_name = "DIR")]
        receipt_dir: Option<PathBuf>,
    },
    /// The records the hub holds, newest first.
    Records {
        #[command(flatten)]
        filter: HubRecordFilter,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One record in full.
    #[command(subcommand)]
    Record(HubRecordCommand),
    /// Counts and shares by protocol, band, domain, region, month and the case profile.
    Report {
        /// Dimensions to count by, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "protocol,band")]
        by: Vec<String>,
        /// From this date (YYYY-MM-DD), inclusive.
        #[arg(long)]
        since: Option<String>,
        /// Up to this date (YYYY-MM-DD), inclusive.
        #[arg(long)]
        until: Option<String>,
        /// Only this protocol id.
        #[arg(long)]
        protocol: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
        /// Also write a self-contained HTML report with charts.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// One CSV row per record with coded answers, for analysts.
    ExportCsv {
        /// The CSV file to write (never overwritten).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Leave out ids, case codes, devices and exact dates (month only).
        #[arg(long)]
        deidentified: bool,
        /// Also write free-text answers (they may identify people).
        #[arg(long)]
        include_free_text: bool,
        /// De-identified: every combination of sex, age band, citizenship, region, month and protocol occurs at least K times.
        #[arg(long, default_value_t = 5, requires = "deidentified", value_parser = clap::value_parser!(u32).range(2..=1000))]
        k: u32,
    },
    /// One CSV row per record with HTCDS 2.0 field names, for case databases and IOM.
    ExportHtcds {
        /// The CSV file to write (never overwritten).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// k-anonymous rows, shuffled, with no ids or dates, and only records whose consent lets them be passed on.
        #[arg(long)]
        deidentified: bool,
        /// De-identified: every combination of sex, age band, citizenship, region, month and protocol occurs at least K times.
        #[arg(long, default_value_t = 5, requires = "deidentified", value_parser = clap::value_parser!(u32).range(2..=1000))]
        k: u32,
    },
    /// Remove a record and its facts everywhere, at a person's request.
    Erase {
        /// Record id or case code.
        id: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Change the passphrase that protects the hub's keys.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Publish a signed update pack for devices: the protocols of --protocols DIR, the referral directory of --referrals FILE, withdrawn versions.
    Publish {
        /// The pack file to write (e.g. on a USB stick).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Protocol versions no new screening may start with.
        #[arg(long, value_name = "ID@VERSION", num_args = 1..)]
        withdraw: Vec<String>,
    },
    /// Give the hub a new key pair; the next update pack carries the new card to devices.
    RotateKey {
        /// Also write that update pack to this file.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write the hub's secret age identity to a file, for escrow in a safe.
    ExportIdentity {
        /// The file to write (never overwritten).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

/// Which of the hub's records to list.
#[derive(Debug, Args, Default)]
pub struct HubRecordFilter {
    /// From this date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub until: Option<String>,
    /// Only this protocol id.
    #[arg(long)]
    pub protocol: Option<String>,
    /// Only this result band.
    #[arg(long)]
    pub band: Option<String>,
    /// Only this region.
    #[arg(long)]
    pub region: Option<String>,
    /// Only this device: its name, its id, or the start of its id.
    #[arg(long)]
    pub device: Option<String>,
    /// Only records whose referral is not decided yet.
    #[arg(long)]
    pub pending: bool,
    /// At most this many (the newest).
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

#[derive(Debug, Subcommand)]
pub enum HubRecordCommand {
    /// Show one record in full: answers, result, explanation, consent, referral.
    Show {
        /// The case code or the record id.
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProtocolCommand {
    /// The protocol's sections and questions, with ids, kinds, options, domains, strengths.
    Show {
        /// ID or ID@VERSION.
        #[arg(value_name = "ID")]
        spec: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check protocol files and run their golden cases; each problem as file:line:col: message.
    Lint {
        /// Protocol or referral-directory files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Score an answers file against a protocol, storing nothing.
    Score {
        /// ID or ID@VERSION.
        #[arg(value_name = "ID")]
        spec: String,
        /// A TOML file with an `[answers]` table.
        #[arg(long, value_name = "FILE")]
        answers: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

// ------------------------------------------------------------ localized help

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command as ClapCommand};
use qorgau::i18n::{Arg as MessageArg, Messages};

/// The language to speak before the arguments are parsed: `--lang`, else
/// `QORGAU_LANG`, else the data folder's `config.toml`, else Russian.
pub fn early_lang(args: &[OsString]) -> Lang {
    let value_of = |name: &str| -> Option<String> {
        let mut iter = args
            .iter()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned());
        while let Some(arg) = iter.next() {
            if arg == "--" {
                break;
            }
            if arg == name {
                return iter.next();
            }
            if let Some(value) = arg.strip_prefix(&format!("{name}=")) {
                return Some(value.to_owned());
            }
        }
        None
    };
    if let Some(lang) = value_of("--lang").and_then(|l| l.parse().ok()) {
        return lang;
    }
    if let Some(lang) = std::env::var("QORGAU_LANG")
        .ok()
        .and_then(|l| l.parse().ok())
    {
        return lang;
    }
    let dir = value_of("--data-dir")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("QORGAU_HOME").map(std::path::PathBuf::from));
    qorgau::datadir::DataDir::resolve(dir)
        .ok()
        .and_then(|d| d.load_config().ok())
        .and_then(|c| c.lang)
        .unwrap_or(Lang::Ru)
}

/// The message id of a command's about text (`help-hub-report`).
pub fn about_id(path: &[String]) -> String {
    if path.is_empty() {
        "help-qorgau".to_owned()
    } else {
        format!("help-{}", path.join("-"))
    }
}

/// The message ids that may hold an argument's help, most specific first:
/// this command's own, then the one shared by every command
/// (`help-arg--format`).
pub fn arg_ids(path: &[String], arg: &str) -> [String; 2] {
    let own = if path.is_empty() {
        format!("help--{arg}")
    } else {
        format!("help-{}--{arg}", path.join("-"))
    };
    [own, format!("help-arg--{arg}")]
}

fn first_known(messages: &Messages, ids: &[String]) -> Option<String> {
    let known = qorgau::i18n::message_ids(messages.lang());
    ids.iter()
        .find(|id| known.contains(*id))
        .map(|id| messages.get(id))
}

fn localize(command: ClapCommand, path: &[String], messages: &Messages) -> ClapCommand {
    let heading_options = messages.get("help-heading-options");
    let heading_arguments = messages.get("help-heading-arguments");
    let heading_global = messages.get("help-heading-global");
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        messages.get("help-heading-usage")
    );
    let mut command = command
        .about(messages.get(&about_id(path)))
        .long_about(None)
        .help_template(template)
        .subcommand_help_heading(messages.get("help-heading-commands"))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(messages.get("help--help")),
        );
    let root = path.is_empty();
    command = command.mut_args(|arg| {
        let id = arg.get_id().to_string();
        if id == "help" || id == "version" {
            return arg.help_heading(heading_options.clone());
        }
        let help = first_known(messages, &arg_ids(path, &id)).unwrap_or_default();
        let heading = if arg.is_global_set() && root {
            heading_global.clone()
        } else if arg.is_positional() {
            heading_arguments.clone()
        } else {
            heading_options.clone()
        };
        arg.help(help).long_help(None).help_heading(heading)
    });
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        command = command.mut_subcommand(&name, |sub| localize(sub, &sub_path, messages));
    }
    command
}

/// The whole command line, with every help text in `messages`' language.
pub fn localized_command(messages: &Messages) -> ClapCommand {
    use clap::CommandFactory;
    let command = Cli::command()
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(messages.get("help--version")),
        )
        .arg_required_else_help(true);
    localize(command, &[], messages)
}

/// The help of the deepest command named in `args` (for a missing subcommand).
pub fn help_of(command: ClapCommand, args: &[OsString]) -> String {
    let mut command = command;
    command.build();
    let mut current = &command;
    for arg in args.iter().skip(1) {
        let arg = arg.to_string_lossy();
        if let Some(sub) = current.find_subcommand(arg.as_ref()) {
            current = sub;
        }
    }
    current.clone().render_help().to_string()
}

fn context_text(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// A usage error in the user's language, or `None` where clap's own text
/// (the help, the version, a rare error) is printed as it is.
pub fn localized_error(error: &clap::Error, messages: &Messages) -> Option<String> {
    let arg = context_text(error, ContextKind::InvalidArg);
    let value = context_text(error, ContextKind::InvalidValue);
    let text = match error.kind() {
        ErrorKind::InvalidValue => messages.format(
            "error-cli-invalid-value",
            &[
                ("value", MessageArg::Str(&value)),
                ("arg", MessageArg::Str(&arg)),
                (
                    "valid",
                    MessageArg::Str(&context_text(error, ContextKind::ValidValue)),
                ),
            ],
        ),
        ErrorKind::ValueValidation if arg.starts_with("--lang") || arg.starts_with("<LANG>") => {
            messages.format(
                "error-cli-unknown-lang",
                &[("value", MessageArg::Str(&value))],
            )
        }
        ErrorKind::ValueValidation => messages.format(
            "error-cli-invalid-value",
            &[
                ("value", MessageArg::Str(&value)),
                ("arg", MessageArg::Str(&arg)),
                ("valid", MessageArg::Str("")),
            ],
        ),
        ErrorKind::UnknownArgument => {
            messages.format("error-cli-unknown-arg", &[("arg", MessageArg::Str(&arg))])
        }
        ErrorKind::InvalidSubcommand => messages.format(
            "error-cli-unknown-command",
            &[(
                "command",
                MessageArg::Str(&context_text(error, ContextKind::InvalidSubcommand)),
            )],
        ),
        ErrorKind::MissingRequiredArgument => {
            messages.format("error-cli-missing", &[("arg", MessageArg::Str(&arg))])
        }
        _ => return None,
    };
    Some(format!(
        "{}: {text}\n{}",
        messages.get("error-prefix"),
        messages.get("error-cli-see-help")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(command: &ClapCommand, path: Vec<String>, out: &mut Vec<(Vec<String>, ClapCommand)>) {
        out.push((path.clone(), command.clone()));
        for sub in command.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_owned());
            walk(sub, p, out);
        }
    }

    /// Every command and every option has its help in every language.
    #[test]
    fn every_command_and_option_has_help_in_every_catalogue() {
        use clap::CommandFactory;
        let mut all = Vec::new();
        walk(&Cli::command(), Vec::new(), &mut all);
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let known = qorgau::i18n::message_ids(lang);
            for (path, command) in &all {
                let about = about_id(path);
                if !known.contains(&about) {
                    missing.push(format!("{lang}: {about}"));
                }
                for arg in command.get_arguments() {
                    let id = arg.get_id().to_string();
                    if !path.is_empty() && arg.is_global_set() {
                        continue;
                    }
                    let ids = arg_ids(path, &id);
                    if !ids.iter().any(|i| known.contains(i)) {
                        missing.push(format!("{lang}: {}", ids[0]));
                    }
                }
            }
            for id in [
                "help--help",
                "help--version",
                "help-heading-usage",
                "help-heading-commands",
                "help-heading-options",
                "help-heading-arguments",
                "help-heading-global",
            ] {
                if !known.contains(id) {
                    missing.push(format!("{lang}: {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "help missing: {missing:#?}");
    }

    #[test]
    fn the_localized_command_is_valid() {
        for lang in Lang::ALL {
            localized_command(&Messages::new(lang)).debug_assert();
        }
    }
}
