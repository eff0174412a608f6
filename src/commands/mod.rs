//! One module per command; each takes its arguments and calls the library.

mod config;
mod device;
mod hub;
mod protocol;
mod protocols;
mod records;
mod report;
mod screen;
mod sync;
mod update;

use qorgau::catalog::Catalog;
use qorgau::crypto::Passphrase;
use qorgau::datadir::DataDir;
use qorgau::ids::{DeviceId, RecordQuery};
use qorgau::referral::{parse_directory, Directory};
use qorgau::update::InForce;
use qorgau::Lang;

use crate::cli::{
    Cli, Command, ConfigCommand, DevCommand, GlobalArgs, HubCommand, HubRecordCommand,
    PassphraseCommand, ProtocolCommand, RecordCommand,
};
use crate::error::{CommandError, ErrorKind};
use crate::ui::output::Output;

/// What every command may need from the global options.
pub struct Context {
    pub lang: Lang,
    /// The language given with `--lang` or `QORGAU_LANG` (not the default).
    pub chosen_lang: Option<Lang>,
    pub global: GlobalArgs,
    /// The coordinator's update in force in the data folder, loaded once.
    updates: std::sync::OnceLock<InForce>,
}

/// The country whose referral directory devices use.
const COUNTRY: &str = "kz";

impl Context {
    /// The coordinator's update in force (on a hub: its newest published
    /// one). One that no longer checks out is not used, and said so once.
    pub fn updates(&self) -> &InForce {
        self.updates.get_or_init(|| {
            let in_force = self
                .data_dir()
                .map(|dir| qorgau::update::in_force(&dir))
                .unwrap_or_default();
            if let Some(problem) = &in_force.problem {
                let message = crate::error::localized::update(problem, &self.messages())
                    .unwrap_or_else(|| problem.to_string());
                eprintln!("{message}");
            }
            in_force
        })
    }

    /// The referral directory: the newest of the shipped one and the
    /// coordinator's update, unless a local list is asked for with
    /// `--referrals FILE` (never silently from a folder: these are the
    /// numbers a person is given).
    pub fn referrals(&self) -> Result<Directory, CommandError> {
        if let Some(path) = &self.global.referrals {
            let source = qorgau::input::read_text(path, qorgau::input::caps::PROTOCOL)?;
            return parse_directory(&path.display().to_string(), &source).map_err(|d| {
                CommandError::data(format!(
                    "{d}\n{}",
                    self.messages().get("error-referrals-fix")
                ))
            });
        }
        qorgau::update::directory_in_force(COUNTRY, self.updates().update.as_ref())
            .map(|(directory, _)| directory)
            .map_err(|d| CommandError::data(d.to_string()))
    }

    /// A banner on stderr for each local, unsigned file a screen uses
    /// (security review F8).
    pub fn warn_local(&self, file: &qorgau::catalog::ProtocolFile) {
        let messages = self.messages();
        if !file.shipped() {
            eprintln!(
                "{}",
                messages.format(
                    "protocol-local-banner",
                    &[("path", qorgau::i18n::Arg::Str(&file.path))]
                )
            );
        }
        if self.referral_origin() == qorgau::catalog::Origin::LocalUnsigned {
            let path = self
                .global
                .referrals
                .as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            eprintln!(
                "{}",
                messages.format(
                    "referral-local-banner",
                    &[("path", qorgau::i18n::Arg::Str(&path))]
                )
            );
        }
    }

    /// Where the referral directory comes from (for the banner of a screen).
    pub fn referral_origin(&self) -> qorgau::catalog::Origin {
        match &self.global.referrals {
            Some(_) => qorgau::catalog::Origin::LocalUnsigned,
            None => qorgau::update::directory_in_force(COUNTRY, self.updates().update.as_ref())
                .map_or(qorgau::catalog::Origin::Shipped, |(_, origin)| origin),
        }
    }

    /// What this device has in force, for its bundles' header.
    pub fn device_state(&self) -> Result<qorgau::device_state::DeviceState, CommandError> {
        let catalog = self.catalog()?;
        let directory = self.referrals().ok();
        Ok(qorgau::update::install::device_state(
            &catalog,
            directory.as_ref(),
            self.updates().update.as_ref().map(|u| u.sequence),
        ))
    }

    pub fn data_dir(&self) -> Result<DataDir, CommandError> {
        Ok(DataDir::resolve(self.global.data_dir.clone())?)
    }

    /// The passphrase, from the file option or a hidden prompt.
    pub fn passphrase(&self, confirm: bool) -> Result<Passphrase, CommandError> {
        let dir = self.data_dir()?;
        crate::ui::passphrase::read(
            self.global
                .passphrase_file
                .as_deref()
                .map(|file| (file, dir.root())),
            &self.messages(),
            confirm,
        )
    }

    /// The interface messages in the chosen language.
    pub fn messages(&self) -> qorgau::i18n::Messages {
        qorgau::i18n::Messages::new(self.lang)
    }

    /// The time now, as stored (UTC, seconds).
    pub fn now(&self) -> qorgau::time::Timestamp {
        qorgau::time::Timestamp::now()
    }

    /// The shipped protocols, the coordinator's update in force, and any
    /// from `--protocols DIR`; a file that cannot be used is reported on
    /// stderr and skipped.
    pub fn catalog(&self) -> Result<Catalog, CommandError> {
        let mut catalog = Catalog::shipped()?;
        let mut skipped = Vec::new();
        if let Some(update) = &self.updates().update {
            skipped.extend(update.add_to(&mut catalog));
        }
        if let Some(dir) = &self.global.protocols {
            skipped.extend(catalog.add_dir(dir)?);
        }
        {
            let messages = self.messages();
            for skipped in skipped {
                eprintln!(
                    "{}",
                    messages.format(
                        "catalog-skipped",
                        &[
                            ("path", qorgau::i18n::Arg::Str(&skipped.path)),
                            ("reason", qorgau::i18n::Arg::Str(&skipped.reason)),
                        ],
                    )
                );
            }
        }
        Ok(catalog)
    }
}

/// A record named on the command line, by case code or record id: a text
/// of neither form is a usage error that shows both forms.
fn record_query(context: &Context, text: &str) -> Result<RecordQuery, CommandError> {
    use qorgau::i18n::Arg;
    text.parse::<RecordQuery>().map_err(|e| {
        CommandError::new(
            ErrorKind::Usage,
            context.messages().format(
                "error-arg-record",
                &[
                    ("value", Arg::Str(&qorgau::text::one_line(text))),
                    ("code", Arg::Str(qorgau::ids::EXAMPLE_CASE_CODE)),
                    ("longer", Arg::Str(qorgau::ids::EXAMPLE_LONGER_CODE)),
                    ("id", Arg::Str(qorgau::ids::EXAMPLE_RECORD_ID)),
                ],
            ),
        )
        .with_source(e)
    })
}

/// A device id named on the command line.
fn device_id_arg(context: &Context, text: &str) -> Result<DeviceId, CommandError> {
    text.trim().parse::<DeviceId>().map_err(|e| {
        CommandError::new(
            ErrorKind::Usage,
            context.messages().format(
                "error-arg-device",
                &[(
                    "value",
                    qorgau::i18n::Arg::Str(&qorgau::text::one_line(text)),
                )],
            ),
        )
        .with_source(e)
    })
}

pub fn run(cli: Cli) -> Result<(), CommandError> {
    // --lang, else the data folder's configured language, else Russian.
    let configured = DataDir::resolve(cli.global.data_dir.clone())
        .ok()
        .and_then(|dir| dir.load_config().ok())
        .and_then(|config| config.lang);
    let context = Context {
        lang: cli.global.lang.or(configured).unwrap_or(Lang::Ru),
        chosen_lang: cli.global.lang,
        global: cli.global,
        updates: std::sync::OnceLock::new(),
    };
    crate::error::set_lang(context.lang);
    let mut out = Output::stdout();
    let result = match cli.command {
        Command::Protocols { format, all } => protocols::run(&context, &mut out, format, all),
        Command::Protocol(ProtocolCommand::Show { spec, format }) => {
            protocol::show(&context, &mut out, &spec, format)
        }
        Command::Protocol(ProtocolCommand::Lint { paths }) => {
            protocol::lint(&context, &mut out, &paths)
        }
        Command::Protocol(ProtocolCommand::Score {
            spec,
            answers,
            format,
        }) => protocol::score(&context, &mut out, &spec, &answers, format),
        Command::Init { hub, region } => {
            device::init(&context, &mut out, &hub, region)?;
            config::keep_chosen_lang(&context)
        }
        Command::Hub(HubCommand::Init { name }) => {
            device::hub_init(&context, &mut out, &name)?;
            config::keep_chosen_lang(&context)
        }
        Command::Screen { spec, answers } => {
            screen::screen(&context, &mut out, spec.as_deref(), answers.as_deref())
        }
        Command::Resume { draft_id, answers } => {
            screen::resume(&context, &mut out, draft_id.as_deref(), answers.as_deref())
        }
        Command::Drafts { format } => screen::drafts(&context, &mut out, format),
        Command::Discard { draft_id, yes } => screen::discard(&context, &mut out, &draft_id, yes),
        Command::Config(ConfigCommand::Lang { lang }) => config::lang(&context, &mut out, lang),
        Command::Records { format } => records::list(&context, &mut out, format),
        Command::Record(RecordCommand::Show { id, format }) => {
            records::show(&context, &mut out, &record_query(&context, &id)?, format)
        }
        Command::Purge => records::purge(&context, &mut out),
        Command::Export { out: path, yes } => sync::export(&context, &mut out, &path, yes),
        Command::Passphrase(PassphraseCommand::Change {
            new_passphrase_file,
        }) => device::change(
            &context,
            &mut out,
            qorgau::crypto::Role::Device,
            new_passphrase_file.as_deref(),
        ),
        Command::Hub(HubCommand::Passphrase(PassphraseCommand::Change {
            new_passphrase_file,
        })) => device::change(
            &context,
            &mut out,
            qorgau::crypto::Role::Hub,
            new_passphrase_file.as_deref(),
        ),
        Command::Ack { receipt } => sync::ack(&context, &mut out, &receipt),
        Command::Update { file } => update::update(&context, &mut out, &file),
        Command::Hub(HubCommand::Publish {
            out: path,
            withdraw,
        }) => update::publish(&context, &mut out, &path, &withdraw),
        Command::Hub(HubCommand::RotateKey { out: path }) => {
            update::rotate_key(&context, &mut out, path.as_deref())
        }
        Command::Dev(DevCommand::Synth { records, seed }) => {
            sync::synth(&context, &mut out, records, seed)
        }
        Command::Hub(HubCommand::Enroll {
            device_card,
            force,
            name,
        }) => hub::enroll(&context, &mut out, &device_card, force, name.as_deref()),
        Command::Hub(HubCommand::Revoke { device_id }) => {
            hub::revoke(&context, &mut out, &device_id_arg(&context, &device_id)?)
        }
        Command::Hub(HubCommand::Devices { format }) => hub::devices(&context, &mut out, format),
        Command::Hub(HubCommand::Import { files, receipt_dir }) => {
            hub::import(&context, &mut out, &files, receipt_dir.as_deref())
        }
        Command::Hub(HubCommand::Records { filter, format }) => {
            hub::records(&context, &mut out, &filter, format)
        }
        Command::Hub(HubCommand::Record(HubRecordCommand::Show { id, format })) => {
            hub::record_show(&context, &mut out, &record_query(&context, &id)?, format)
        }
        Command::Hub(HubCommand::Report {
            by,
            since,
            until,
            protocol,
            format,
            html,
        }) => report::report(
            &context,
            &mut out,
            &by,
            qorgau::report::count::Filter {
                since: day(&context, "since", since)?,
                until: day(&context, "until", until)?,
                protocol,
            },
            format,
            html.as_deref(),
        ),
        Command::Hub(HubCommand::ExportCsv {
            out: path,
            deidentified,
            include_free_text,
            k,
        }) => report::export_csv(
            &context,
            &mut out,
            &path,
            deidentified,
            include_free_text,
            k as usize,
        ),
        Command::Hub(HubCommand::ExportHtcds {
            out: path,
            deidentified,
            k,
        }) => report::export_htcds(&context, &mut out, &path, deidentified, k as usize),
        Command::Hub(HubCommand::Erase { id, yes }) => {
            report::erase(&context, &mut out, &record_query(&context, &id)?, yes)
        }
        Command::Hub(HubCommand::ExportIdentity { out: path, yes }) => {
            hub::export_identity(&context, &mut out, &path, yes)
        }
    };
    // What was printed before a failure still reaches the user, then the failure.
    let flushed = out.finish();
    result.and(flushed)
}

/// A `--since` or `--until` value: a day written `YYYY-MM-DD`, or a user
/// error in the interface language naming the option.
pub(crate) fn day(
    context: &Context,
    option: &str,
    value: Option<String>,
) -> Result<Option<qorgau::time::Day>, CommandError> {
    value
        .map(|v| {
            v.parse().map_err(|_| {
                CommandError::user(context.messages().format(
                    "error-bad-date",
                    &[
                        ("option", qorgau::i18n::Arg::Str(option)),
                        ("value", qorgau::i18n::Arg::Str(&qorgau::text::one_line(&v))),
                    ],
                ))
            })
        })
        .transpose()
}
