//! What a verified pack carries, parsed: protocol versions (their golden
//! cases run as they load), referral directories, withdrawn versions and
//! the hub card. At install (and at publish) everything is also checked
//! against what this qorgau ships; when the installed set is loaded again
//! for a command, the signature and checksums are, and the files parse.

use crate::catalog::{parse_protocol, Catalog};
use crate::catalog::{Origin, SHIPPED_PROTOCOLS};
use crate::crypto::HubCard;
use crate::protocol::Protocol;
use crate::referral::{parse_directory, shipped_directory, Directory};
use crate::time::Timestamp;

use super::pack::{PackPath, VerifiedPack};
use super::{CardProblem, UpdateError};

/// The content of one update, parsed.
#[derive(Debug, Clone)]
pub struct UpdateSet {
    pub sequence: u64,
    pub hub_id: String,
    pub created_at: Timestamp,
    /// Protocol versions, each with the path it is shown under.
    pub protocols: Vec<(String, Protocol)>,
    /// Referral directories (at most one per country).
    pub directories: Vec<(String, Directory)>,
    /// `id@version` no new screening may start with.
    pub withdrawn: Vec<String>,
    /// The hub card in force at the hub when it published, and its text.
    pub hub_card: Option<(HubCard, String)>,
}

impl UpdateSet {
    /// How a file of this update is named in messages and listings.
    pub fn shown_path(sequence: u64, path: &PackPath) -> String {
        format!("update {sequence}: {path}")
    }

    /// Parse a verified pack. `strict` (at install): also check it against
    /// what this qorgau ships, and the directories' conditions against the
    /// protocols.
    pub fn from_pack(
        pack: &VerifiedPack,
        source: &str,
        strict: bool,
    ) -> Result<UpdateSet, UpdateError> {
        let sequence = pack.manifest.sequence;
        let invalid = |file: &str, problems: String| UpdateError::Invalid {
            path: source.to_owned(),
            file: file.to_owned(),
            problems,
        };
        let mut set = UpdateSet {
            sequence,
            hub_id: pack.manifest.hub_id.clone(),
            created_at: pack.manifest.created_at,
            protocols: Vec::new(),
            directories: Vec::new(),
            withdrawn: pack.manifest.withdrawn.clone(),
            hub_card: None,
        };
        for file in &pack.files {
            let shown = Self::shown_path(sequence, &file.path);
            let text = std::str::from_utf8(&file.bytes)
                .map_err(|_| invalid(&shown, "it is not UTF-8 text".to_owned()))?;
            match &file.path {
                PackPath::Protocol { id, version } => {
                    let protocol =
                        parse_protocol(&shown, text).map_err(|d| invalid(&shown, d.to_string()))?;
                    if &protocol.id != id || &protocol.version != version {
                        return Err(invalid(
                            &shown,
                            format!(
                                "it holds {}, not the protocol its name says",
                                protocol.reference()
                            ),
                        ));
                    }
                    set.protocols.push((shown, protocol));
                }
                PackPath::Directory { country, version } => {
                    let directory = parse_directory(&shown, text)
                        .map_err(|d| invalid(&shown, d.to_string()))?;
                    if &directory.country != country || directory.version != version.to_string() {
                        return Err(invalid(
                            &shown,
                            format!(
                                "it holds the directory {} {}, not the one its name says",
                                directory.country, directory.version
                            ),
                        ));
                    }
                    set.directories.push((shown, directory));
                }
                PackPath::HubCard => {
                    let card =
                        HubCard::parse(&shown, text).map_err(|d| invalid(&shown, d.to_string()))?;
                    if card.hub_id != pack.manifest.hub_id {
                        return Err(UpdateError::CardMismatch {
                            path: source.to_owned(),
                            problem: CardProblem::OtherHub,
                        });
                    }
                    if card.verifying_key != pack.signed_by {
                        return Err(UpdateError::CardMismatch {
                            path: source.to_owned(),
                            problem: CardProblem::NotTheSigner,
                        });
                    }
                    set.hub_card = Some((card, text.to_owned()));
                }
            }
        }
        if strict {
            set.check_against_shipped(source)?;
        }
        Ok(set)
    }

    /// A protocol version this qorgau ships must be the very same file; a
    /// directory's conditions must fit the protocols it names.
    fn check_against_shipped(&self, source: &str) -> Result<(), UpdateError> {
        for (_, protocol) in &self.protocols {
            let shipped_as = format!("questionnaires/{}/{}.toml", protocol.id, protocol.version);
            let Some(file) = SHIPPED_PROTOCOLS.iter().find(|f| f.path() == shipped_as) else {
                continue;
            };
            let text = file.text().map_err(|e| UpdateError::Invalid {
                path: source.to_owned(),
                file: shipped_as.clone(),
                problems: e.to_string(),
            })?;
            if crate::crypto::sha256_hex(text.as_bytes()) != protocol.sha256 {
                return Err(UpdateError::ShippedDiffers {
                    path: source.to_owned(),
                    reference: protocol.reference(),
                });
            }
        }
        if self.directories.is_empty() {
            return Ok(());
        }
        let shipped = Catalog::shipped().map_err(|e| UpdateError::Invalid {
            path: source.to_owned(),
            file: "the shipped protocols".to_owned(),
            problems: e.to_string(),
        })?;
        let protocols: Vec<&Protocol> = shipped
            .files()
            .iter()
            .map(|f| &f.protocol)
            .chain(self.protocols.iter().map(|(_, p)| p))
            .collect();
        for (shown, directory) in &self.directories {
            let problems = directory.check_conditions(shown, &protocols);
            if !problems.is_empty() {
                return Err(UpdateError::Invalid {
                    path: source.to_owned(),
                    file: shown.clone(),
                    problems: crate::diagnostic::Diagnostics(problems).to_string(),
                });
            }
        }
        Ok(())
    }

    /// Add this update's protocols and withdrawals to a catalog; what
    /// cannot be used there is returned (path, reason).
    pub fn add_to(&self, catalog: &mut Catalog) -> Vec<crate::catalog::Skipped> {
        catalog.add_update(self.sequence, &self.protocols, &self.withdrawn)
    }

    /// This update's directory for a country.
    pub fn directory(&self, country: &str) -> Option<&Directory> {
        self.directories
            .iter()
            .map(|(_, d)| d)
            .find(|d| d.country == country)
    }
}

/// The referral directory in force for a country: the newest of the shipped
/// ones and the update's (a shipped one wins a tie), and where it came from.
pub fn directory_in_force(
    country: &str,
    update: Option<&UpdateSet>,
) -> Result<(Directory, Origin), crate::diagnostic::Diagnostics> {
    let shipped = shipped_directory(country);
    let version = |d: &Directory| semver::Version::parse(&d.version).ok();
    match (
        shipped,
        update.and_then(|u| u.directory(country).map(|d| (u, d))),
    ) {
        (Ok(shipped), Some((update, mine))) if version(mine) > version(&shipped) => {
            Ok((mine.clone(), Origin::Update(update.sequence)))
        }
        (Ok(shipped), _) => Ok((shipped, Origin::Shipped)),
        (Err(_), Some((update, mine))) => Ok((mine.clone(), Origin::Update(update.sequence))),
        (Err(e), None) => Err(e),
    }
}
