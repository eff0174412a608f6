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

use std::fmt;

use qorgau::catalog::{Catalog, CatalogError};
use qorgau::crypto::Passphrase;
use qorgau::datadir::DataDir;
use qorgau::referral::{parse_directory, Directory};
use qorgau::update::InForce;
use qorgau::Lang;

use crate::cli::{
    Cli, Command, ConfigCommand, DevCommand, GlobalArgs, HubCommand, HubRecordCommand,
    PassphraseCommand, ProtocolCommand, RecordCommand,
};
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

/// Library errors carry their own message, with what to do next.
macro_rules! failure_from {
    ($($error:ty),*) => {
        $(impl From<$error> for Failure {
            fn from(error: $error) -> Self {
                Failure::new(error.to_string())
            }
        })*
    };
}

failure_from!(qorgau::datadir::DataDirError, qorgau::sync::ReceiptError);

/// The interface language of this run, for messages made from library
/// errors (set once in [`run`]).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn messages_now() -> qorgau::i18n::Messages {
    qorgau::i18n::Messages::new(LANG.get().copied().unwrap_or(Lang::Ru))
}

/// Library errors the user meets most, in the interface language; the
/// others keep the library's English message for now.
mod localized {
    use qorgau::crypto::KeyError;
    use qorgau::hub::HubError;
    use qorgau::i18n::{Arg, Messages};
    use qorgau::input::InputError;
    use qorgau::setup::SetupError;
    use qorgau::store::StoreError;
    use qorgau::sync::ExportError;

    pub fn setup(e: &SetupError, m: &Messages) -> Option<String> {
        match e {
            SetupError::CardChanged { path, exposure } => {
                let since = exposure.since.clone().unwrap_or_else(|| "-".to_owned());
                let mut text = m.format(
                    "err-card-changed",
                    &[
                        ("path", Arg::Str(path)),
                        ("since", Arg::Str(&since)),
                        ("count", Arg::Num(exposure.records.len() as i64)),
                    ],
                );
                for (id, at) in exposure.records.iter().take(50) {
                    text.push_str(&format!("\n  {at}  {id}"));
                }
                Some(text)
            }
            SetupError::PassphraseFileOpen { path } => {
                Some(m.format("err-passphrase-file-open", &[("path", Arg::Str(path))]))
            }
            SetupError::PassphraseFileInDataDir { path } => {
                Some(m.format("err-passphrase-file-in-data", &[("path", Arg::Str(path))]))
            }
            SetupError::PassphraseFileEmpty { path } => {
                Some(m.format("err-passphrase-file-empty", &[("path", Arg::Str(path))]))
            }
            SetupError::Key(e) => key(e, m),
            SetupError::Input(e) => input(e, m),
            _ => None,
        }
    }

    pub fn key(e: &KeyError, m: &Messages) -> Option<String> {
        match e {
            KeyError::WeakPassphrase { chars, suggestion } => Some(m.format(
                "err-passphrase-short",
                &[
                    ("chars", Arg::Num(*chars as i64)),
                    ("suggestion", Arg::Str(suggestion)),
                ],
            )),
            KeyError::GuessablePassphrase { suggestion } => Some(m.format(
                "err-passphrase-guessable",
                &[("suggestion", Arg::Str(suggestion))],
            )),
            _ => None,
        }
    }

    pub fn input(e: &InputError, m: &Messages) -> Option<String> {
        match e {
            InputError::NotAFile { path } => {
                Some(m.format("err-not-a-file", &[("path", Arg::Str(path))]))
            }
            InputError::TooLarge { path, .. } => {
                Some(m.format("err-too-large", &[("path", Arg::Str(path))]))
            }
            InputError::Read { .. } => None,
        }
    }

    pub fn store(e: &StoreError, m: &Messages) -> Option<String> {
        match e {
            StoreError::DraftInUse(_) => Some(m.get("draft-in-use")),
            _ => None,
        }
    }

    pub fn export(e: &ExportError, m: &Messages) -> Option<String> {
        match e {
            ExportError::IsFolder { path } => {
                Some(m.format("err-export-folder", &[("path", Arg::Str(path))]))
            }
            ExportError::Store(e) => store(e, m),
            _ => None,
        }
    }

    pub fn catalog(e: &qorgau::catalog::CatalogError, m: &Messages) -> Option<String> {
        use qorgau::catalog::CatalogError;
        match e {
            CatalogError::Withdrawn {
                reference,
                sequence,
                instead,
            } => Some(m.format(
                "err-withdrawn",
                &[
                    ("protocol", Arg::Str(reference)),
                    ("seq", Arg::Num(*sequence as i64)),
                    ("instead", Arg::Str(instead)),
                ],
            )),
            CatalogError::WithdrawnNoOther {
                reference,
                sequence,
            } => Some(m.format(
                "err-withdrawn-no-other",
                &[
                    ("protocol", Arg::Str(reference)),
                    ("seq", Arg::Num(*sequence as i64)),
                ],
            )),
            _ => None,
        }
    }

    pub fn update(e: &qorgau::update::UpdateError, m: &Messages) -> Option<String> {
        use qorgau::update::{CardProblem, PackError, UpdateError};
        let num = |n: u64| Arg::Num(i64::try_from(n).unwrap_or(i64::MAX));
        Some(match e {
            UpdateError::Pack { path, error } => match error {
                PackError::NotAPack(why) => m.format(
                    "err-update-not-pack",
                    &[("path", Arg::Str(path)), ("reason", Arg::Str(why))],
                ),
                PackError::Truncated => {
                    m.format("err-update-truncated", &[("path", Arg::Str(path))])
                }
                PackError::WrongHub { found, expected } => m.format(
                    "err-update-wrong-hub",
                    &[
                        ("path", Arg::Str(path)),
                        ("found", Arg::Str(found)),
                        ("expected", Arg::Str(expected)),
                    ],
                ),
                PackError::BadSignature => {
                    m.format("err-update-signature", &[("path", Arg::Str(path))])
                }
                PackError::Tampered(file) => m.format(
                    "err-update-tampered",
                    &[("path", Arg::Str(path)), ("file", Arg::Str(file))],
                ),
            },
            UpdateError::Older {
                path,
                sequence,
                installed,
            } => m.format(
                "err-update-older",
                &[
                    ("path", Arg::Str(path)),
                    ("seq", num(*sequence)),
                    ("installed", num(*installed)),
                ],
            ),
            UpdateError::AlreadyInstalled { path, sequence } => m.format(
                "err-update-replayed",
                &[("path", Arg::Str(path)), ("seq", num(*sequence))],
            ),
            UpdateError::Invalid {
                path,
                file,
                problems,
            } => format!(
                "{}\n{problems}",
                m.format(
                    "err-update-invalid",
                    &[("path", Arg::Str(path)), ("file", Arg::Str(file))],
                )
            ),
            UpdateError::ShippedDiffers { path, reference } => m.format(
                "err-update-shipped-differs",
                &[("path", Arg::Str(path)), ("protocol", Arg::Str(reference))],
            ),
            UpdateError::CardMismatch { path, problem } => m.format(
                match problem {
                    CardProblem::OtherHub => "err-update-card-hub",
                    CardProblem::NotTheSigner => "err-update-card-key",
                    CardProblem::Missing => "err-update-card-missing",
                },
                &[("path", Arg::Str(path))],
            ),
            UpdateError::Damaged { sequence, detail } => m.format(
                "err-update-damaged",
                &[("seq", num(*sequence)), ("reason", Arg::Str(detail))],
            ),
            UpdateError::NeedsPassphrase => m.get("err-update-needs-passphrase"),
            UpdateError::PublishedDamaged { sequence, detail } => m.format(
                "err-publish-damaged",
                &[("seq", num(*sequence)), ("reason", Arg::Str(detail))],
            ),
            UpdateError::PublishInvalid { problems } => {
                format!("{problems}\n{}", m.get("err-publish-invalid"))
            }
            UpdateError::PublishShipped { path, reference } => m.format(
                "err-publish-shipped",
                &[("path", Arg::Str(path)), ("protocol", Arg::Str(reference))],
            ),
            UpdateError::PublishChanged {
                path,
                reference,
                sequence,
            } => m.format(
                "err-publish-changed",
                &[
                    ("path", Arg::Str(path)),
                    ("protocol", Arg::Str(reference)),
                    ("seq", num(*sequence)),
                ],
            ),
            UpdateError::DirectoryNotNewer {
                path,
                country,
                version,
                newest,
                source_kind,
            } => m.format(
                if *source_kind == "shipped" {
                    "err-publish-directory-shipped"
                } else {
                    "err-publish-directory-published"
                },
                &[
                    ("path", Arg::Str(path)),
                    ("directory", Arg::Str(&format!("{country} {version}"))),
                    ("newest", Arg::Str(newest)),
                ],
            ),
            UpdateError::WithdrawSpec(spec) => {
                m.format("err-withdraw-spec", &[("protocol", Arg::Str(spec))])
            }
            UpdateError::WithdrawUnknown(spec) => {
                m.format("err-withdraw-unknown", &[("protocol", Arg::Str(spec))])
            }
            UpdateError::WithdrawLast { reference, id } => m.format(
                "err-withdraw-last",
                &[("protocol", Arg::Str(reference)), ("id", Arg::Str(id))],
            ),
            UpdateError::Exists { path } => {
                m.format("err-pack-exists", &[("path", Arg::Str(path))])
            }
            UpdateError::Write { .. } => return None,
            UpdateError::Input(e) => return input(e, m),
            UpdateError::Setup(e) => return setup(e, m),
            UpdateError::DataDir(_) => return None,
            UpdateError::Store(e) => return store(e, m),
        })
    }

    pub fn hub(e: &HubError, m: &Messages) -> Option<String> {
        match e {
            HubError::Ambiguous { query, candidates } => {
                let mut text = m.format(
                    "err-ambiguous",
                    &[
                        ("query", Arg::Str(&qorgau::text::one_line(query))),
                        ("count", Arg::Num(candidates.len() as i64)),
                    ],
                );
                for c in candidates {
                    text.push_str(&format!(
                        "\n  {}  {}  {}  {}  {}",
                        qorgau::text::one_line(&c.shown_code),
                        qorgau::text::one_line(&c.record_id),
                        qorgau::text::one_line(&c.device_id),
                        qorgau::text::one_line(&c.finished_at),
                        qorgau::text::one_line(&c.protocol)
                    ));
                }
                Some(text)
            }
            HubError::Store(e) => store(e, m),
            _ => None,
        }
    }
}

/// A library error as a failure, localized where a message exists.
macro_rules! failure_localized {
    ($($error:ty => $localize:path),* $(,)?) => {
        $(impl From<$error> for Failure {
            fn from(error: $error) -> Self {
                Failure::new($localize(&error, &messages_now()).unwrap_or_else(|| error.to_string()))
            }
        })*
    };
}

failure_localized!(
    CatalogError => localized::catalog,
    qorgau::update::UpdateError => localized::update,
    qorgau::setup::SetupError => localized::setup,
    qorgau::crypto::KeyError => localized::key,
    qorgau::input::InputError => localized::input,
    qorgau::store::StoreError => localized::store,
    qorgau::sync::ExportError => localized::export,
    qorgau::hub::HubError => localized::hub,
);

impl From<qorgau::screening::ScreeningError> for Failure {
    fn from(error: qorgau::screening::ScreeningError) -> Self {
        let localized = match &error {
            qorgau::screening::ScreeningError::Store(e) => localized::store(e, &messages_now()),
            _ => None,
        };
        Failure::new(localized.unwrap_or_else(|| error.to_string()))
    }
}

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
                let message = localized::update(problem, &self.messages())
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
    pub fn referrals(&self) -> Result<Directory, Failure> {
        if let Some(path) = &self.global.referrals {
            let source = qorgau::input::read_text(path, qorgau::input::caps::PROTOCOL)?;
            return parse_directory(&path.display().to_string(), &source).map_err(|d| {
                Failure::new(format!(
                    "{d}\nfix the referral list, or leave out --referrals to use the shipped one"
                ))
            });
        }
        qorgau::update::directory_in_force(COUNTRY, self.updates().update.as_ref())
            .map(|(directory, _)| directory)
            .map_err(|d| Failure::new(d.to_string()))
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
    pub fn device_state(&self) -> Result<qorgau::device_state::DeviceState, Failure> {
        let catalog = self.catalog()?;
        let directory = self.referrals().ok();
        Ok(qorgau::update::install::device_state(
            &catalog,
            directory.as_ref(),
            self.updates().update.as_ref().map(|u| u.sequence),
        ))
    }

    pub fn data_dir(&self) -> Result<DataDir, Failure> {
        Ok(DataDir::resolve(self.global.data_dir.clone())?)
    }

    /// The passphrase, from the file option or a hidden prompt.
    pub fn passphrase(&self, confirm: bool) -> Result<Passphrase, Failure> {
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
    pub fn now(&self) -> String {
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// The shipped protocols, the coordinator's update in force, and any
    /// from `--protocols DIR`; a file that cannot be used is reported on
    /// stderr and skipped.
    pub fn catalog(&self) -> Result<Catalog, Failure> {
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

pub fn run(cli: Cli) -> Result<(), Failure> {
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
    let _ = LANG.set(context.lang);
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
            records::show(&context, &mut out, &id, format)
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
        Command::Hub(HubCommand::Enroll { device_card, force }) => {
            hub::enroll(&context, &mut out, &device_card, force)
        }
        Command::Hub(HubCommand::Revoke { device_id }) => {
            hub::revoke(&context, &mut out, &device_id)
        }
        Command::Hub(HubCommand::Devices { format }) => hub::devices(&context, &mut out, format),
        Command::Hub(HubCommand::Import { files, receipt_dir }) => {
            hub::import(&context, &mut out, &files, receipt_dir.as_deref())
        }
        Command::Hub(HubCommand::Records { filter, format }) => {
            hub::records(&context, &mut out, &filter, format)
        }
        Command::Hub(HubCommand::Record(HubRecordCommand::Show { id, format })) => {
            hub::record_show(&context, &mut out, &id, format)
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
                since,
                until,
                protocol,
            },
            format,
            html.as_deref(),
        ),
        Command::Hub(HubCommand::ExportCsv {
            out: path,
            deidentified,
            include_free_text,
        }) => report::export_csv(&context, &mut out, &path, deidentified, include_free_text),
        Command::Hub(HubCommand::Erase { id, yes }) => report::erase(&context, &mut out, &id, yes),
        Command::Hub(HubCommand::ExportIdentity { out: path, yes }) => {
            hub::export_identity(&context, &mut out, &path, yes)
        }
    };
    // What was printed before a failure still reaches the user, then the failure.
    let flushed = out.finish();
    result.and(flushed)
}
