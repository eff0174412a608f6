//! Command-line definitions (clap derive) only; the commands are listed in README.md.

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
        /// ID or ID@VERSION.
        spec: String,
        /// Take the answers from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
    },
    /// Unfinished screenings: protocol, start time, progress.
    Drafts {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Continue an unfinished screening (the newest if no id is given).
    Resume {
        draft_id: Option<String>,
        /// Take the remaining answers from this file instead of asking.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
    },
    /// Delete an unfinished screening for good.
    Discard { draft_id: String },
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
    },
    /// Stop trusting a device: its bundles are refused from now on.
    Revoke { device_id: String },
    /// Enrolled devices, with their last import and counts.
    Devices {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Verify, decrypt and store bundles; write a signed receipt for each.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write receipts (default: beside each bundle).
        #[arg(long, value_name = "DIR")]
        receipt_dir: Option<PathBuf>,
    },
    /// The records the hub holds.
    Records {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One record in full.
    #[command(subcommand)]
    Record(HubRecordCommand),
    /// Counts and shares by protocol, band, domain, region, month, sex or age band.
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
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Leave out ids, case codes, devices and exact dates (month only).
        #[arg(long)]
        deidentified: bool,
        /// Also write free-text answers (they may identify people).
        #[arg(long)]
        include_free_text: bool,
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
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum HubRecordCommand {
    /// Show one record in full: answers, result, explanation, consent, referral.
    Show {
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
