//! The protocols a run can use: the shipped ones, embedded in the binary, and
//! any in a user folder given with `--protocols DIR`.
//!
//! A folder's files are local and unsigned (security review F8): they never
//! outrank a shipped version of the same protocol unless asked for by
//! `ID@VERSION`, and their origin is kept so the interface can say so. Only
//! regular files are read, each under a size cap, and one bad file is
//! reported and skipped while the rest load (reliability review P9–P11).

use std::fs;
use std::path::{Path, PathBuf};

use super::model::Protocol;
use super::validate::parse_protocol;
use crate::diagnostic::Diagnostics;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/shipped.rs"));
}

pub use shipped::{SHIPPED_PROTOCOLS, SHIPPED_REFERRALS};

/// Where a protocol (or referral list) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in this build.
    Shipped,
    /// From a folder on this computer: nothing vouches for it, and any
    /// screen that uses it shows a banner saying so.
    LocalUnsigned,
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
    #[error("cannot read {path}: {source}; check the path given with --protocols")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is {reference}, which qorgau already ships: a changed protocol needs a new version number")]
    ShadowsShipped { path: String, reference: String },
    #[error("{path} and {other} are both {reference}: keep one of them, or give one a new version number")]
    Duplicate {
        path: String,
        other: String,
        reference: String,
    },
    #[error("no protocol `{spec}`; known protocols: {known}. `qorgau protocols` lists them")]
    NotFound { spec: String, known: String },
    #[error("`{spec}` is not ID or ID@VERSION (e.g. border-checkpoint@1.0.0)")]
    BadSpec { spec: String },
}

/// Every protocol this run knows, sorted by id and version.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    files: Vec<ProtocolFile>,
}

impl Catalog {
    /// The protocols embedded in this build.
    pub fn shipped() -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::default();
        let mut problems = Vec::new();
        for (path, source) in SHIPPED_PROTOCOLS {
            match parse_protocol(path, source) {
                Ok(protocol) => catalog.add(ProtocolFile {
                    path: (*path).to_owned(),
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

    fn add(&mut self, file: ProtocolFile) -> Result<(), CatalogError> {
        let reference = file.protocol.reference();
        if let Some(existing) = self
            .files
            .iter()
            .find(|f| f.protocol.reference() == reference)
        {
            return Err(if existing.shipped() && !file.shipped() {
                CatalogError::ShadowsShipped {
                    path: file.path,
                    reference,
                }
            } else {
                CatalogError::Duplicate {
                    path: file.path,
                    other: existing.path.clone(),
                    reference,
                }
            });
        }
        self.files.push(file);
        Ok(())
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
    /// shipped one, or the newest local one if none is shipped.
    pub fn latest(&self) -> Vec<&ProtocolFile> {
        let mut latest: Vec<&ProtocolFile> = Vec::new();
        for file in &self.files {
            match latest.last() {
                Some(last) if last.protocol.id == file.protocol.id => {
                    // Files are sorted by version: a later one replaces the
                    // pick unless it is local and the pick is shipped.
                    if file.shipped() || !last.shipped() {
                        let n = latest.len();
                        latest[n - 1] = file;
                    }
                }
                _ => latest.push(file),
            }
        }
        latest
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
