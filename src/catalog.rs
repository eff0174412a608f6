//! The protocols a run can use, each checked and its golden cases scored
//! (this module sits above both `protocol` and `engine`): the shipped ones, embedded in the binary,
//! those of the coordinator's signed update installed on this device (issue
//! 14), and any in a user folder given with `--protocols DIR`.
//!
//! Shipped and update versions are trusted alike: the newest of them is the
//! one `ID` alone picks, unless the coordinator withdrew it. A folder's files
//! are local and unsigned (security review F8): they never outrank a trusted
//! version of the same protocol unless asked for by `ID@VERSION`, and their
//! origin is kept so the interface can say so. Only regular files are read,
//! each under a size cap, and one bad file is reported and skipped while the
//! rest load (reliability review P9–P11).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;
use crate::engine::run_golden_cases;
use crate::protocol::validate::parse_unscored;
use crate::protocol::Protocol;
pub use crate::shipped::{SHIPPED_PROTOCOLS, SHIPPED_REFERRALS};

/// Parse and check a protocol file, then score its golden cases: a file
/// whose cases do not come out as they say is refused like a malformed one.
/// `path` is only used in messages.
pub fn parse_protocol(path: &str, source: &str) -> Result<Protocol, Diagnostics> {
    let protocol = parse_unscored(path, source)?;
    let case_problems = run_golden_cases(&protocol, path);
    if case_problems.is_empty() {
        Ok(protocol)
    } else {
        Err(Diagnostics(case_problems))
    }
}

/// Where a protocol (or referral list) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in this build.
    Shipped,
    /// From the coordinator's signed update with this sequence number,
    /// installed on this device (or published by this hub).
    Update(u64),
    /// From a folder on this computer: nothing vouches for it, and any
    /// screen that uses it shows a banner saying so.
    LocalUnsigned,
}

impl Origin {
    /// Shipped, or signed by the coordinator: counts for "newest".
    pub fn trusted(self) -> bool {
        matches!(self, Origin::Shipped | Origin::Update(_))
    }
}

/// A checked protocol and where it came from.
#[derive(Debug, Clone)]
pub struct ProtocolFile {
    pub path: String,
    pub origin: Origin,
    pub protocol: Protocol,
}

impl ProtocolFile {
    pub fn shipped(&self) -> bool {
        self.origin == Origin::Shipped
    }

    /// Shipped or from the coordinator's signed update.
    pub fn trusted(&self) -> bool {
        self.origin.trusted()
    }
}

/// A file of `--protocols DIR` that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// How deep `--protocols DIR` is searched (`DIR/<id>/<version>.toml` needs 1).
const MAX_DEPTH: usize = 4;

/// Why the protocols could not be loaded, or one could not be found.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{0}")]
    Invalid(Diagnostics),
    #[error("cannot read {path}: {source}; check the path")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is {reference}, which qorgau already ships: a changed protocol needs a new version number")]
    ShadowsShipped { path: String, reference: String },
    #[error("{path} is {reference}, which the coordinator's update {sequence} already gives this device: a changed protocol needs a new version number")]
    ShadowsUpdate {
        path: String,
        reference: String,
        sequence: u64,
    },
    #[error("{path} is {reference}, but this qorgau ships a different file under that id and version: ask the coordinator to publish it under a new version number")]
    UpdateDiffers { path: String, reference: String },
    #[error("{reference} was withdrawn by the coordinator (update {sequence}): start new screenings with {instead}; its unfinished screenings can still be finished")]
    Withdrawn {
        reference: String,
        sequence: u64,
        instead: String,
    },
    #[error("{reference} was withdrawn by the coordinator (update {sequence}) and no other version of it may be used on this device: ask your coordinator")]
    WithdrawnNoOther { reference: String, sequence: u64 },
    #[error("{path} and {other} are both {reference}: keep one of them, or give one a new version number")]
    Duplicate {
        path: String,
        other: String,
        reference: String,
    },
    #[error("no protocol `{spec}`; known protocols: {known}")]
    NotFound { spec: String, known: String },
    #[error("`{spec}` is not ID or ID@VERSION (e.g. border-checkpoint@1.0.0)")]
    BadSpec { spec: String },
}

/// Every protocol this run knows, sorted by id and version.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    files: Vec<ProtocolFile>,
    /// `id@version` withdrawn by the coordinator, with the update that did it.
    withdrawn: BTreeMap<String, u64>,
}

impl Catalog {
    /// The protocols embedded in this build.
    pub fn shipped() -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::default();
        let mut problems = Vec::new();
        for file in &SHIPPED_PROTOCOLS {
            match file
                .text()
                .and_then(|source| parse_protocol(file.path(), source))
            {
                Ok(protocol) => catalog.add(ProtocolFile {
                    path: file.path().to_owned(),
                    origin: Origin::Shipped,
                    protocol,
                })?,
                Err(Diagnostics(mut d)) => problems.append(&mut d),
            }
        }
        if !problems.is_empty() {
            return Err(CatalogError::Invalid(Diagnostics(problems)));
        }
        catalog.sort();
        Ok(catalog)
    }

    /// Add every `*.toml` protocol under `dir` (except `referrals/`). A file
    /// that is not a regular file, too large, invalid, or clashing with
    /// another is skipped and returned, so the others stay usable.
    pub fn add_dir(&mut self, dir: &Path) -> Result<Vec<Skipped>, CatalogError> {
        let mut paths = Vec::new();
        collect_toml(dir, &mut paths, 0)?;
        paths.sort();
        let mut skipped = Vec::new();
        for path in paths {
            let display = path.display().to_string();
            let source = match crate::input::read_text(&path, crate::input::caps::PROTOCOL) {
                Ok(source) => source,
                Err(e) => {
                    skipped.push(Skipped {
                        path: display,
                        reason: e.to_string(),
                    });
                    continue;
                }
            };
            let added = parse_protocol(&display, &source)
                .map_err(CatalogError::Invalid)
                .and_then(|protocol| {
                    self.add(ProtocolFile {
                        path: display.clone(),
                        origin: Origin::LocalUnsigned,
                        protocol,
                    })
                });
            if let Err(e) = added {
                skipped.push(Skipped {
                    path: display,
                    reason: e.to_string(),
                });
            }
        }
        self.sort();
        Ok(skipped)
    }

    /// Add the protocol versions of the coordinator's update `sequence`
    /// (verified and parsed: each with the path it is shown under) and its
    /// withdrawals. A version that is the very same file as a shipped one
    /// is kept once, as shipped; one that cannot be used is skipped and
    /// returned.
    pub fn add_update(
        &mut self,
        sequence: u64,
        protocols: &[(String, Protocol)],
        withdrawn: &[String],
    ) -> Vec<Skipped> {
        let mut skipped = Vec::new();
        for (path, protocol) in protocols {
            let added = self.add(ProtocolFile {
                path: path.clone(),
                origin: Origin::Update(sequence),
                protocol: protocol.clone(),
            });
            if let Err(e) = added {
                skipped.push(Skipped {
                    path: path.clone(),
                    reason: e.to_string(),
                });
            }
        }
        for reference in withdrawn {
            self.withdrawn.insert(reference.clone(), sequence);
        }
        self.sort();
        skipped
    }

    fn add(&mut self, file: ProtocolFile) -> Result<(), CatalogError> {
        let reference = file.protocol.reference();
        if let Some(existing) = self
            .files
            .iter()
            .find(|f| f.protocol.reference() == reference)
        {
            return match (existing.origin, file.origin) {
                // The same file shipped and in an update (for devices with
                // an older qorgau): one copy, the shipped one.
                (Origin::Shipped, Origin::Update(_))
                    if existing.protocol.sha256 == file.protocol.sha256 =>
                {
                    Ok(())
                }
                (Origin::Shipped, Origin::Update(_)) => Err(CatalogError::UpdateDiffers {
                    path: file.path,
                    reference,
                }),
                (Origin::Shipped, Origin::LocalUnsigned) => Err(CatalogError::ShadowsShipped {
                    path: file.path,
                    reference,
                }),
                (Origin::Update(sequence), Origin::LocalUnsigned) => {
                    Err(CatalogError::ShadowsUpdate {
                        path: file.path,
                        reference,
                        sequence,
                    })
                }
                _ => Err(CatalogError::Duplicate {
                    path: file.path,
                    other: existing.path.clone(),
                    reference,
                }),
            };
        }
        self.files.push(file);
        Ok(())
    }

    /// The update that withdrew this version, if the coordinator did.
    pub fn withdrawn_by(&self, protocol: &Protocol) -> Option<u64> {
        self.withdrawn.get(&protocol.reference()).copied()
    }

    /// Whether this is the version `ID` alone picks.
    pub fn in_force(&self, file: &ProtocolFile) -> bool {
        self.latest()
            .iter()
            .any(|f| f.protocol.reference() == file.protocol.reference())
    }

    fn sort(&mut self) {
        self.files.sort_by(|a, b| {
            (&a.protocol.id, &a.protocol.version).cmp(&(&b.protocol.id, &b.protocol.version))
        });
    }

    /// Every protocol file, every version.
    pub fn files(&self) -> &[ProtocolFile] {
        &self.files
    }

    /// The version of each protocol that `ID` alone picks: the newest
    /// shipped or coordinator-signed one the coordinator has not withdrawn;
    /// the newest local one only for a protocol with no trusted version.
    pub fn latest(&self) -> Vec<&ProtocolFile> {
        let mut latest: Vec<&ProtocolFile> = Vec::new();
        let mut start = 0;
        while start < self.files.len() {
            let id = &self.files[start].protocol.id;
            let end = self.files[start..]
                .iter()
                .position(|f| &f.protocol.id != id)
                .map_or(self.files.len(), |n| start + n);
            let versions = &self.files[start..end];
            let usable = |f: &&ProtocolFile| self.withdrawn_by(&f.protocol).is_none();
            let any_trusted = versions.iter().any(ProtocolFile::trusted);
            // Sorted by version: the last usable one of the right kind.
            if let Some(pick) = versions
                .iter()
                .rfind(|f| f.trusted() == any_trusted && usable(f))
            {
                latest.push(pick);
            }
            start = end;
        }
        latest
    }

    /// The version a new screening of `spec` (`ID` or `ID@VERSION`) starts
    /// with: as [`Catalog::find`], but a version the coordinator withdrew is
    /// refused, naming the version to use instead.
    pub fn find_to_start(&self, spec: &str) -> Result<&ProtocolFile, CatalogError> {
        let id = spec.split_once('@').map_or(spec, |(id, _)| id);
        let instead = self.latest().into_iter().find(|f| f.protocol.id == id);
        let file = match self.find(spec) {
            Ok(file) => file,
            Err(CatalogError::NotFound { .. }) if !spec.contains('@') => {
                // Every version withdrawn: name the newest.
                match self.files.iter().rfind(|f| f.protocol.id == id) {
                    Some(file) => file,
                    None => return self.find(spec),
                }
            }
            Err(e) => return Err(e),
        };
        match self.withdrawn_by(&file.protocol) {
            None => Ok(file),
            Some(sequence) => Err(match instead {
                Some(instead) => CatalogError::Withdrawn {
                    reference: file.protocol.reference(),
                    sequence,
                    instead: instead.protocol.reference(),
                },
                None => CatalogError::WithdrawnNoOther {
                    reference: file.protocol.reference(),
                    sequence,
                },
            }),
        }
    }

    /// `ID` (newest version) or `ID@VERSION`.
    pub fn find(&self, spec: &str) -> Result<&ProtocolFile, CatalogError> {
        let (id, version) = match spec.split_once('@') {
            Some((id, version)) => {
                let version =
                    semver::Version::parse(version).map_err(|_| CatalogError::BadSpec {
                        spec: spec.to_owned(),
                    })?;
                (id, Some(version))
            }
            None => (spec, None),
        };
        let found = match &version {
            Some(version) => self
                .files
                .iter()
                .find(|f| f.protocol.id == id && &f.protocol.version == version),
            // A local file never outranks a shipped version unless asked for.
            None => self.latest().into_iter().find(|f| f.protocol.id == id),
        };
        found.ok_or_else(|| CatalogError::NotFound {
            spec: spec.to_owned(),
            known: self
                .files
                .iter()
                .map(|f| f.protocol.reference())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), CatalogError> {
    let entries = fs::read_dir(dir).map_err(|source| CatalogError::Read {
        path: dir.display().to_string(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| CatalogError::Read {
            path: dir.display().to_string(),
            source,
        })?;
        let path = entry.path();
        // The entry's own type: a symbolic link to a folder is not followed
        // (no loops); a link to a file is read like one, as a regular file.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth >= MAX_DEPTH || path.file_name().is_some_and(|n| n == "referrals") {
                continue;
            }
            collect_toml(&path, out, depth + 1)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
