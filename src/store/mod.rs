//! The device's SQLite store: drafts saved after every answer, finished
//! records sealed to the hub, summaries for the worker. Every write is one
//! transaction; a crash leaves the old state or the new one.
//!
//! Only ciphertext types ([`HubSealed`], [`DeviceSealed`]) go into payload
//! columns, so plaintext cannot be stored by mistake.

pub mod hub;
pub mod migrations;
mod sqlite;

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

use crate::crypto::{DeviceSealed, HubSealed};
use crate::ids::{DraftId, RecordId};
use crate::record::{DraftState, Record, Summary};
use crate::time::Timestamp;
use migrations::DEVICE_MIGRATIONS;
pub(crate) use sqlite::classify;

/// Page size for new databases: a sealed record is about 2.5 KB, so an 8 KiB
/// page holds three of them with no overflow pages.
pub const PAGE_SIZE: u32 = 8192;

/// Problems with the database, each with what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database {path} has schema version {found}, but this qorgau knows only up to version {known}: install the newer qorgau that wrote it")]
    Newer {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("the database {path} is damaged or is not a Qorgau database ({detail}): move it aside and restore it from a backup; the keys are not affected")]
    Damaged { path: String, detail: String },
    #[error("the disk holding {path} is full: free some space and try again; nothing was changed")]
    Full { path: String },
    #[error("the database {path} is in use by another qorgau: close it and try again")]
    Busy { path: String },
    #[error(
        "cannot open the database {path}: {detail}; check the data folder and its permissions"
    )]
    Open { path: String, detail: String },
    #[error("no draft `{0}`")]
    NoDraft(String),
    #[error("draft {0} is open in another window: finish or stop it there first")]
    DraftInUse(String),
    #[error("no record `{0}`")]
    NoRecord(String),
    #[error("database error in {path}: {detail}")]
    Other { path: String, detail: String },
}

/// A draft held open by this process (see [`Store::lock_draft`]).
#[derive(Debug)]
pub struct DraftLock {
    path: PathBuf,
    _file: std::fs::File,
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        // Removed while still held, so no one locks a file about to vanish.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Plaintext facts about a draft: nothing that says what was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    pub id: DraftId,
    pub protocol_id: String,
    pub protocol_version: String,
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
    pub payload: DeviceSealed<DraftState>,
}

/// Where a finished record is on its way to the hub; its name is the
/// `sync_state` column's value and what `records` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumString, IntoStaticStr, Display, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum SyncState {
    /// Sealed copy kept until the hub acknowledges it.
    Pending,
    /// Acknowledged by the hub; the sealed copy is gone.
    Synced,
}

/// Plaintext facts about a finished record, and its encrypted parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    pub id: RecordId,
    pub protocol_id: String,
    pub protocol_version: String,
    pub finished_at: Timestamp,
    pub sync_state: SyncState,
    pub synced_at: Option<Timestamp>,
    pub sealed: Option<HubSealed<Record>>,
    pub sealed_sha256: Option<String>,
    pub summary: Option<DeviceSealed<Summary>>,
}

/// A finished record waiting for the hub, without its ciphertext.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRecord {
    pub record_id: RecordId,
    pub protocol_id: String,
    pub protocol_version: String,
    pub finished_at: Timestamp,
    pub sealed_sha256: String,
}

/// A pending record with what an export checks before signing it: its
/// summary, and what the caller found in the start of its sealed copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingForExport<T> {
    pub pending: PendingRecord,
    pub summary: Option<DeviceSealed<Summary>>,
    pub inspected: T,
}

/// The device store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only because the disk is full: writes say so.
    read_only: bool,
}

pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}

impl Store {
    fn error(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    /// Open (or create) the device store at `path` and bring its schema up
    /// to date. On a full disk it opens read-only: listing and export work,
    /// and every write says the disk is full.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let opened =
            sqlite::open_database(path, DEVICE_MIGRATIONS, PAGE_SIZE, sqlite::Journal::Wal)?;
        Ok(Store {
            conn: opened.conn,
            path: path.to_owned(),
            read_only: opened.read_only,
        })
    }

    /// Whether the store could only be opened for reading (a full disk).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::Full {
                path: display(&self.path),
            });
        }
        sqlite::write(&mut self.conn, &self.path, f)
    }

    /// Lock a draft for as long as the returned guard lives: a second
    /// window resuming the same draft is refused instead of overwriting it
    /// (reliability review P5). The lock is the operating system's, so a
    /// killed process never leaves it held.
    pub fn lock_draft(&self, draft_id: &DraftId) -> Result<DraftLock, StoreError> {
        let folder = self
            .path
            .parent()
            .map_or_else(|| PathBuf::from("locks"), |p| p.join("locks"));
        let fail = |e: std::io::Error| StoreError::Open {
            path: folder.display().to_string(),
            detail: e.to_string(),
        };
        if !folder.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder.create(&folder).map_err(fail)?;
        }
        // A draft id is a short code or a UUID (checked when it was
        // read): letters, digits and hyphens, a file name as it is.
        let path = folder.join(format!("{draft_id}.lock"));
        let file = match crate::files::create_private_file(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(fail)?,
            Err(e) => return Err(fail(e)),
        };
        match file.try_lock() {
            Ok(()) => Ok(DraftLock { path, _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(StoreError::DraftInUse(draft_id.to_string()))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(fail(e)),
        }
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    /// Start a draft.
    pub fn insert_draft(&mut self, row: &DraftRow) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO drafts (id, protocol_id, protocol_version, started_at, updated_at, payload)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    row.id,
                    row.protocol_id,
                    row.protocol_version,
                    row.started_at,
                    row.updated_at,
                    row.payload.ciphertext()
                ],
            )
        })?;
        Ok(())
    }

    /// Replace a draft's encrypted state (after every confirmed answer).
    pub fn save_draft(
        &mut self,
        id: &DraftId,
        updated_at: Timestamp,
        payload: &DeviceSealed<DraftState>,
    ) -> Result<(), StoreError> {
        let changed = self.write(|tx| {
            tx.execute(
                "UPDATE drafts SET updated_at = ?2, payload = ?3 WHERE id = ?1",
                params![id, updated_at, payload.ciphertext()],
            )
        })?;
        if changed == 0 {
            return Err(StoreError::NoDraft(id.to_string()));
        }
        Ok(())
    }

    fn draft_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DraftRow> {
        Ok(DraftRow {
            id: row.get(0)?,
            protocol_id: row.get(1)?,
            protocol_version: row.get(2)?,
            started_at: row.get(3)?,
            updated_at: row.get(4)?,
            payload: DeviceSealed::from_ciphertext(row.get(5)?),
        })
    }

    /// Every draft, oldest first.
    pub fn drafts(&self) -> Result<Vec<DraftRow>, StoreError> {
        sqlite::query_all(
            &self.conn,
            &self.path,
            "SELECT id, protocol_id, protocol_version, started_at, updated_at, payload
                 FROM drafts ORDER BY started_at, id",
            Self::draft_from_row,
        )
    }

    pub fn draft(&self, id: &DraftId) -> Result<DraftRow, StoreError> {
        self.conn
            .query_row(
                "SELECT id, protocol_id, protocol_version, started_at, updated_at, payload
                 FROM drafts WHERE id = ?1",
                [id],
                Self::draft_from_row,
            )
            .optional()
            .map_err(|e| self.error(e))?
            .ok_or_else(|| StoreError::NoDraft(id.to_string()))
    }

    /// Remove a draft for good (secure_delete overwrites its pages).
    pub fn discard_draft(&mut self, id: &DraftId) -> Result<(), StoreError> {
        let changed = self.write(|tx| tx.execute("DELETE FROM drafts WHERE id = ?1", [id]))?;
        if changed == 0 {
            return Err(StoreError::NoDraft(id.to_string()));
        }
        Ok(())
    }

    /// Turn a draft into a finished record, in one transaction: the record and
    /// its summary appear and the draft disappears together.
    pub fn finish_draft(
        &mut self,
        draft_id: &DraftId,
        meta: &crate::record::RecordMeta,
        sealed: &HubSealed<Record>,
        summary: &DeviceSealed<Summary>,
    ) -> Result<(), StoreError> {
        let finished = self.write(|tx| {
            if tx.execute("DELETE FROM drafts WHERE id = ?1", [draft_id])? == 0 {
                return Ok(false);
            }
            insert_record(tx, meta, sealed, summary)?;
            Ok(true)
        })?;
        if !finished {
            return Err(StoreError::NoDraft(draft_id.to_string()));
        }
        Ok(())
    }

    /// Store finished records that did not come from a draft (synthetic data).
    pub fn insert_finished(
        &mut self,
        records: &[(
            crate::record::RecordMeta,
            HubSealed<Record>,
            DeviceSealed<Summary>,
        )],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            for (meta, sealed, summary) in records {
                insert_record(tx, meta, sealed, summary)?;
            }
            Ok(())
        })
    }

    fn record_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RecordRow> {
        let state: String = row.get(4)?;
        Ok(RecordRow {
            id: row.get(0)?,
            protocol_id: row.get(1)?,
            protocol_version: row.get(2)?,
            finished_at: row.get(3)?,
            sync_state: state.parse().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    4,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
            synced_at: row.get(5)?,
            sealed: row
                .get::<_, Option<Vec<u8>>>(6)?
                .map(HubSealed::from_ciphertext),
            sealed_sha256: row.get(7)?,
            summary: row
                .get::<_, Option<Vec<u8>>>(8)?
                .map(DeviceSealed::from_ciphertext),
        })
    }

    const RECORD_COLUMNS: &'static str = "id, protocol_id, protocol_version, finished_at, sync_state, synced_at, sealed, sealed_sha256, summary";

    /// Every finished record still on the device, oldest first.
    pub fn records(&self) -> Result<Vec<RecordRow>, StoreError> {
        let sql = format!(
            "SELECT {} FROM records ORDER BY finished_at, id",
            Self::RECORD_COLUMNS
        );
        sqlite::query_all(&self.conn, &self.path, &sql, Self::record_from_row)
    }

    pub fn record(&self, id: &RecordId) -> Result<RecordRow, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {} FROM records WHERE id = ?1", Self::RECORD_COLUMNS),
                [id],
                Self::record_from_row,
            )
            .optional()
            .map_err(|e| self.error(e))?
            .ok_or_else(|| StoreError::NoRecord(id.to_string()))
    }

    /// Finished records not yet acknowledged, without their ciphertext, in
    /// the order they were finished.
    pub fn pending(&self) -> Result<Vec<PendingRecord>, StoreError> {
        sqlite::query_all(
            &self.conn,
            &self.path,
            "SELECT id, protocol_id, protocol_version, finished_at, sealed_sha256
                 FROM records WHERE sync_state = 'pending' ORDER BY finished_at, id",
            |row| {
                Ok(PendingRecord {
                    record_id: row.get(0)?,
                    protocol_id: row.get(1)?,
                    protocol_version: row.get(2)?,
                    finished_at: row.get(3)?,
                    sealed_sha256: row.get(4)?,
                })
            },
        )
    }

    /// Pending records with their summaries, in the order they were
    /// finished; `inspect` sees the start of each sealed copy (its age
    /// header) as it is read, so only its answer is kept in memory.
    pub fn pending_for_export<T>(
        &self,
        mut inspect: impl FnMut(&[u8]) -> T,
    ) -> Result<Vec<PendingForExport<T>>, StoreError> {
        sqlite::query_all(
            &self.conn,
            &self.path,
            "SELECT id, protocol_id, protocol_version, finished_at, sealed_sha256, summary,
                    substr(sealed, 1, 2048)
                 FROM records WHERE sync_state = 'pending' ORDER BY finished_at, id",
            |row| {
                let prefix: Vec<u8> = row.get(6)?;
                Ok(PendingForExport {
                    pending: PendingRecord {
                        record_id: row.get(0)?,
                        protocol_id: row.get(1)?,
                        protocol_version: row.get(2)?,
                        finished_at: row.get(3)?,
                        sealed_sha256: row.get(4)?,
                    },
                    summary: row
                        .get::<_, Option<Vec<u8>>>(5)?
                        .map(DeviceSealed::from_ciphertext),
                    inspected: inspect(&prefix),
                })
            },
        )
    }

    /// The sealed copy of one pending record.
    pub fn sealed(&self, record_id: &RecordId) -> Result<HubSealed<Record>, StoreError> {
        self.conn
            .query_row(
                "SELECT sealed FROM records WHERE id = ?1 AND sealed IS NOT NULL",
                [record_id],
                |r| r.get::<_, Vec<u8>>(0),
            )
            .optional()
            .map_err(|e| self.error(e))?
            .map(HubSealed::from_ciphertext)
            .ok_or_else(|| StoreError::NoRecord(record_id.to_string()))
    }

    /// The hub holds these records now: forget their sealed copies.
    pub fn mark_synced(&mut self, ids: &[RecordId], at: Timestamp) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut changed = 0;
            for id in ids {
                changed += tx.execute(
                    "UPDATE records SET sync_state = ?2, synced_at = ?3, sealed = NULL, sealed_sha256 = NULL
                     WHERE id = ?1 AND sync_state = 'pending'",
                    params![id, <&str>::from(SyncState::Synced), at],
                )?;
            }
            Ok(changed)
        })
    }

    /// The latest acknowledgement time (the hub's clock, from its receipts).
    pub fn latest_synced_at(&self) -> Result<Option<Timestamp>, StoreError> {
        self.conn
            .query_row("SELECT max(synced_at) FROM records", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    /// Remove synced records acknowledged before `cutoff` (their summaries too).
    pub fn purge_synced_before(&mut self, cutoff: Timestamp) -> Result<usize, StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM records WHERE sync_state = 'synced' AND synced_at < ?1",
                [cutoff],
            )
        })
    }

    /// Move everything in the WAL into the database file and empty the WAL,
    /// so deleted pages are not left behind in it.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| self.error(e))
    }

    /// Direct access for tests that simulate a full disk.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// A finished record, waiting for the hub: its sealed copy, that copy's
/// SHA-256 (checked again at export) and the worker's summary.
fn insert_record(
    tx: &rusqlite::Transaction<'_>,
    meta: &crate::record::RecordMeta,
    sealed: &HubSealed<Record>,
    summary: &DeviceSealed<Summary>,
) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO records (id, protocol_id, protocol_version, finished_at, sync_state, sealed, sealed_sha256, summary)
         VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7)",
        params![
            meta.record_id,
            meta.protocol_id,
            meta.protocol_version,
            meta.finished_at,
            sealed.ciphertext(),
            crate::crypto::sha256_hex(sealed.ciphertext()),
            summary.ciphertext()
        ],
    )
}
