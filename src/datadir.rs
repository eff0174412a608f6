//! Where a device or hub keeps its files, and its small config file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The files of one data directory. A device and a hub may share a folder:
/// their file names differ.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

/// Problems with the data directory's files.
#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error("cannot use the data folder {path}: {detail}; choose another")]
    Folder { path: String, detail: String },
    #[error("cannot write {path}: {detail}; check free space and permissions")]
    Write { path: String, detail: String },
    #[error("cannot read {path}: {detail}")]
    Read { path: String, detail: String },
    #[error("{path}: {detail}; fix the file or delete it to use the defaults")]
    Config { path: String, detail: String },
    #[error("no data folder given and none found for this system: give one")]
    NoDefault,
}

impl DataDir {
    /// `explicit` (from `--data-dir` or `QORGAU_HOME`), else the platform's data folder.
    pub fn resolve(explicit: Option<PathBuf>) -> Result<DataDir, DataDirError> {
        let root = match explicit {
            Some(path) => path,
            None => dirs::data_dir()
                .ok_or(DataDirError::NoDefault)?
                .join("qorgau"),
        };
        Ok(DataDir { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Create the folder (owner-only) if it does not exist.
    pub fn ensure(&self) -> Result<(), DataDirError> {
        let fail = |e: std::io::Error| DataDirError::Folder {
            path: self.root.display().to_string(),
            detail: e.to_string(),
        };
        if !self.root.exists() {
            let mut builder = fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder.create(&self.root).map_err(fail)?;
        } else if !self.root.is_dir() {
            return Err(DataDirError::Folder {
                path: self.root.display().to_string(),
                detail: "it is a file, not a folder".to_owned(),
            });
        }
        Ok(())
    }

    pub fn config(&self) -> PathBuf {
        self.root.join("config.toml")
    }
    pub fn device_key(&self) -> PathBuf {
        self.root.join("device-key.age")
    }
    pub fn device_card(&self) -> PathBuf {
        self.root.join("device-card.toml")
    }
    /// The coordinator's card this device seals records to.
    pub fn trusted_hub(&self) -> PathBuf {
        self.root.join("trusted-hub.toml")
    }
    /// The SHA-256 of the cards written at set-up, readable without the
    /// passphrase, so screening can check the cards before sealing anything.
    pub fn card_lock(&self) -> PathBuf {
        self.root.join("cards.lock")
    }
    /// When the cards last passed the check against the key file.
    pub fn card_check(&self) -> PathBuf {
        self.root.join("card-check.toml")
    }
    pub fn device_database(&self) -> PathBuf {
        self.root.join("qorgau.db")
    }
    pub fn hub_key(&self) -> PathBuf {
        self.root.join("hub-key.age")
    }
    pub fn hub_card(&self) -> PathBuf {
        self.root.join("hub-card.toml")
    }
    pub fn hub_database(&self) -> PathBuf {
        self.root.join("hub.db")
    }

    /// Read the config, or the defaults when there is none.
    pub fn load_config(&self) -> Result<Config, DataDirError> {
        let path = self.config();
        match fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| DataDirError::Config {
                path: path.display().to_string(),
                detail: e.message().to_owned(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(DataDirError::Read {
                path: path.display().to_string(),
                detail: e.to_string(),
            }),
        }
    }

    pub fn save_config(&self, config: &Config) -> Result<(), DataDirError> {
        let text = toml::to_string(config).map_err(|e| DataDirError::Write {
            path: self.config().display().to_string(),
            detail: e.to_string(),
        })?;
        write_private(&self.config(), text.as_bytes(), true)
    }
}

/// The data folder's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "Config::version")]
    pub config_version: u32,
    /// The interface language when `--lang` is not given.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Days after the hub's acknowledgement that record summaries are kept.
    #[serde(default = "Config::default_retention")]
    pub retention_days: u32,
}

impl Config {
    fn version() -> u32 {
        1
    }
    fn default_retention() -> u32 {
        30
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            config_version: 1,
            lang: None,
            retention_days: Config::default_retention(),
        }
    }
}

/// Write a file readable by its owner only, all at once: to a temporary file
/// beside it (tempfile: a random name, owner-only on Unix), flushed to disk,
/// then renamed over. With `replace = false` an existing file is never
/// overwritten, even by a second qorgau writing the same name at the same
/// moment: the rename itself refuses (`renameat2(RENAME_NOREPLACE)` or a
/// hard link on Unix, `MoveFileExW` without replace on Windows), where a
/// check before it would leave a gap (code review).
pub fn write_private(path: &Path, bytes: &[u8], replace: bool) -> Result<(), DataDirError> {
    let fail = |e: std::io::Error| DataDirError::Write {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let exists = || DataDirError::Write {
        path: path.display().to_string(),
        detail: "it already exists and is not overwritten".to_owned(),
    };
    // Checked first too, so the usual case fails before anything is written.
    if !replace && path.exists() {
        return Err(exists());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".qorgau-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    // On failure the temporary file is removed when `PersistError` drops it.
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) if !replace => {
            // A file system that can neither rename without replacing nor
            // hard-link (a FAT or exFAT stick through FUSE): the check
            // before the rename is the guard there, as it always was.
            if path.exists() {
                return Err(exists());
            }
            e.file.persist(path).map(drop).map_err(|e| fail(e.error))
        }
        Err(e) => Err(fail(e.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::{write_private, DataDirError};

    /// Two writers of the same new file at the same moment: exactly one
    /// wins and the file holds its bytes whole; the other is told the file
    /// exists. Before, both could pass the existence check and the second
    /// rename replaced the first writer's file.
    #[test]
    fn a_file_that_must_not_be_replaced_is_written_by_one_of_two_racing_writers() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for round in 0..200 {
            let path = dir.path().join(format!("key-{round}.age"));
            let barrier = std::sync::Barrier::new(2);
            let results: Vec<(Vec<u8>, Result<(), DataDirError>)> = std::thread::scope(|scope| {
                let writers: Vec<_> = [b'a', b'b']
                    .into_iter()
                    .map(|byte| {
                        let (path, barrier) = (&path, &barrier);
                        scope.spawn(move || {
                            let bytes = vec![byte; 4096];
                            barrier.wait();
                            let result = write_private(path, &bytes, false);
                            (bytes, result)
                        })
                    })
                    .collect();
                writers
                    .into_iter()
                    .map(|w| w.join().expect("writer thread"))
                    .collect()
            });
            let winners: Vec<&Vec<u8>> = results
                .iter()
                .filter(|(_, r)| r.is_ok())
                .map(|(bytes, _)| bytes)
                .collect();
            let outcomes: Vec<(u8, &Result<(), DataDirError>)> =
                results.iter().map(|(bytes, r)| (bytes[0], r)).collect();
            assert_eq!(winners.len(), 1, "round {round}: {outcomes:?}");
            assert_eq!(&std::fs::read(&path).expect("written"), winners[0]);
            let loser = results.iter().find(|(_, r)| r.is_err()).expect("a loser");
            assert!(
                matches!(&loser.1, Err(DataDirError::Write { detail, .. }) if detail.contains("already exists")),
                "round {round}: {:?}",
                loser.1
            );
        }
        // Nothing but the written files is left in the folder.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("key-"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
}
