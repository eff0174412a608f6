//! The protocols a run can use: the shipped ones, embedded in the binary, and
//! any in a user folder given with `--protocols DIR`.

use std::fs;
use std::path::{Path, PathBuf};

use super::model::Protocol;
use super::validate::parse_protocol;
use crate::diagnostic::Diagnostics;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/shipped.rs"));
}

pub use shipped::{SHIPPED_PROTOCOLS, SHIPPED_REFERRALS};

/// A checked protocol and where it came from.
#[derive(Debug, Clone)]
pub struct ProtocolFile {
    pub path: String,
    pub shipped: bool,
    pub protocol: Protocol,
}

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
                    shipped: true,
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

    /// Add every `*.toml` protocol under `dir` (except `referrals/`).
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), CatalogError> {
        let mut paths = Vec::new();
        collect_toml(dir, &mut paths)?;
        paths.sort();
        let mut problems = Vec::new();
        for path in paths {
            let display = path.display().to_string();
            let source = fs::read_to_string(&path).map_err(|source| CatalogError::Read {
                path: display.clone(),
                source,
            })?;
            match parse_protocol(&display, &source) {
                Ok(protocol) => self.add(ProtocolFile {
                    path: display,
                    shipped: false,
                    protocol,
                })?,
                Err(Diagnostics(mut d)) => problems.append(&mut d),
            }
        }
        if !problems.is_empty() {
            return Err(CatalogError::Invalid(Diagnostics(problems)));
        }
        self.sort();
        Ok(())
    }

    fn add(&mut self, file: ProtocolFile) -> Result<(), CatalogError> {
        let reference = file.protocol.reference();
        if let Some(existing) = self
            .files
            .iter()
            .find(|f| f.protocol.reference() == reference)
        {
            return Err(if existing.shipped && !file.shipped {
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

    /// The newest version of each protocol.
    pub fn latest(&self) -> Vec<&ProtocolFile> {
        let mut latest: Vec<&ProtocolFile> = Vec::new();
        for file in &self.files {
            match latest.last() {
                Some(last) if last.protocol.id == file.protocol.id => {
                    let n = latest.len();
                    latest[n - 1] = file;
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
        let found = self.files.iter().rfind(|f| {
            f.protocol.id == id && version.as_ref().is_none_or(|v| &f.protocol.version == v)
        });
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

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CatalogError> {
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
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "referrals") {
                continue;
            }
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
