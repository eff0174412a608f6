//! The hub's SQLite store: enrolled devices, imported bundles, and every
//! record sealed exactly as received. Same rules as the device store: only
//! ids, protocol, region, timestamps and counts in plaintext.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::migrations::HUB_MIGRATIONS;
use super::{classify, sqlite, StoreError};
use crate::crypto::{DeviceCard, HubSealed};
use crate::record::{Record, RecordMeta};

/// The hub holds hundreds of thousands of sealed records and writes them in
/// large batches: 32 KiB pages hold about ten each and make imports faster.
pub const HUB_PAGE_SIZE: u32 = 32 * 1024;

/// An enrolled device, as the hub knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRow {
    pub device_id: String,
    pub region: Option<String>,
    pub age_recipient: String,
    pub signing_key: String,
    pub enrolled_at: String,
    pub revoked_at: Option<String>,
    pub last_import_at: Option<String>,
    pub records_imported: i64,
}

/// A record the hub holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubRecordRow {
    pub meta: RecordMeta,
    pub imported_at: String,
    pub bundle_id: String,
    pub sealed: HubSealed<Record>,
}

/// What one bundle's import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleRow {
    pub bundle_id: String,
    pub device_id: String,
    pub created_at: String,
    pub imported_at: String,
    pub records: i64,
    pub accepted: i64,
    pub already_held: i64,
    pub rejected: i64,
}

/// The hub store.
#[derive(Debug)]
pub struct HubStore {
    conn: Connection,
    path: PathBuf,
}

impl HubStore {
    pub fn open(path: &Path) -> Result<HubStore, StoreError> {
        let conn = sqlite::open_database(
            path,
            HUB_MIGRATIONS,
            HUB_PAGE_SIZE,
            sqlite::Journal::Rollback,
        )?;
        // A larger page cache (64 MiB) keeps an import's index pages in memory.
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(|e| classify(path, e))?;
        Ok(HubStore {
            conn,
            path: path.to_owned(),
        })
    }

    fn error(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Trust a device (or re-trust a revoked one with a new card).
    pub fn enroll(&mut self, card: &DeviceCard, now: &str) -> Result<bool, StoreError> {
        sqlite::write(&mut self.conn, &self.path, |tx| {
            let existed: Option<String> = tx
                .query_row(
                    "SELECT signing_key FROM devices WHERE device_id = ?1",
                    [&card.device_id],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO devices (device_id, region, age_recipient, signing_key, enrolled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (device_id) DO UPDATE SET region = ?2, age_recipient = ?3,
                     signing_key = ?4, enrolled_at = ?5, revoked_at = NULL",
                params![
                    card.device_id,
                    card.region,
                    card.recipient.to_string(),
                    crate::crypto::keys::encode_verifying_key(&card.verifying_key),
                    now
                ],
            )?;
            Ok(existed.is_none())
        })
    }

    /// Stop trusting a device: its bundles are refused from now on.
    pub fn revoke(&mut self, device_id: &str, now: &str) -> Result<bool, StoreError> {
        let changed = sqlite::write(&mut self.conn, &self.path, |tx| {
            tx.execute(
                "UPDATE devices SET revoked_at = ?2 WHERE device_id = ?1 AND revoked_at IS NULL",
                params![device_id, now],
            )
        })?;
        Ok(changed > 0)
    }

    fn device_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DeviceRow> {
        Ok(DeviceRow {
            device_id: row.get(0)?,
            region: row.get(1)?,
            age_recipient: row.get(2)?,
            signing_key: row.get(3)?,
            enrolled_at: row.get(4)?,
            revoked_at: row.get(5)?,
            last_import_at: row.get(6)?,
            records_imported: row.get(7)?,
        })
    }

    const DEVICE_COLUMNS: &'static str = "device_id, region, age_recipient, signing_key, enrolled_at, revoked_at, last_import_at, records_imported";

    pub fn device(&self, device_id: &str) -> Result<Option<DeviceRow>, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {} FROM devices WHERE device_id = ?1",
                    Self::DEVICE_COLUMNS
                ),
                [device_id],
                Self::device_from_row,
            )
            .optional()
            .map_err(|e| self.error(e))
    }

    pub fn devices(&self) -> Result<Vec<DeviceRow>, StoreError> {
        sqlite::query_all(
            &self.conn,
            &self.path,
            &format!(
                "SELECT {} FROM devices ORDER BY enrolled_at, device_id",
                Self::DEVICE_COLUMNS
            ),
            Self::device_from_row,
        )
    }

    /// Begin the one transaction a bundle's import runs in.
    pub fn begin_import(&mut self) -> Result<ImportTransaction<'_>, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        Ok(ImportTransaction { tx, path })
    }

    fn record_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<HubRecordRow> {
        Ok(HubRecordRow {
            meta: RecordMeta {
                record_id: row.get(0)?,
                device_id: row.get(1)?,
                protocol_id: row.get(2)?,
                protocol_version: row.get(3)?,
                finished_at: row.get(4)?,
            },
            imported_at: row.get(5)?,
            bundle_id: row.get(6)?,
            sealed: HubSealed::from_ciphertext(row.get(7)?),
        })
    }

    const RECORD_COLUMNS: &'static str = "record_id, device_id, protocol_id, protocol_version, finished_at, imported_at, bundle_id, sealed";

    /// Every record, oldest first.
    pub fn records(&self) -> Result<Vec<HubRecordRow>, StoreError> {
        sqlite::query_all(
            &self.conn,
            &self.path,
            &format!(
                "SELECT {} FROM records ORDER BY finished_at, record_id",
                Self::RECORD_COLUMNS
            ),
            Self::record_from_row,
        )
    }

    pub fn record(&self, record_id: &str) -> Result<HubRecordRow, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {} FROM records WHERE record_id = ?1",
                    Self::RECORD_COLUMNS
                ),
                [record_id],
                Self::record_from_row,
            )
            .optional()
            .map_err(|e| self.error(e))?
            .ok_or_else(|| StoreError::NoRecord(record_id.to_owned()))
    }

    pub fn record_count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    pub fn bundles(&self) -> Result<Vec<BundleRow>, StoreError> {
        sqlite::query_all(&self.conn, &self.path, "SELECT bundle_id, device_id, created_at, imported_at, records, accepted, already_held, rejected
                 FROM bundles ORDER BY imported_at, bundle_id", |row| {
                Ok(BundleRow {
                    bundle_id: row.get(0)?,
                    device_id: row.get(1)?,
                    created_at: row.get(2)?,
                    imported_at: row.get(3)?,
                    records: row.get(4)?,
                    accepted: row.get(5)?,
                    already_held: row.get(6)?,
                    rejected: row.get(7)?,
                })
            })
    }

    /// Remove a record and rewrite the facts segments that held it, in one
    /// transaction (`secure_delete` overwrites the freed pages).
    pub fn erase(
        &mut self,
        record_id: &str,
        segments: &[(i64, Option<Vec<u8>>)],
    ) -> Result<bool, StoreError> {
        sqlite::write(&mut self.conn, &self.path, |tx| {
            let removed = tx.execute("DELETE FROM records WHERE record_id = ?1", [record_id])?;
            for (id, data) in segments {
                match data {
                    Some(data) => tx.execute(
                        "UPDATE fact_segments SET data = ?2, rows = rows - 1 WHERE id = ?1",
                        params![id, data],
                    )?,
                    None => tx.execute("DELETE FROM fact_segments WHERE id = ?1", [id])?,
                };
            }
            Ok(removed > 0)
        })
    }

    /// Every facts segment, encrypted, with its id.
    pub fn fact_segments(&self) -> Result<Vec<(i64, Vec<u8>)>, StoreError> {
        sqlite::query_all(
            &self.conn,
            &self.path,
            "SELECT id, data FROM fact_segments ORDER BY id",
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// Direct access for tests.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// What storing one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New,
    /// The same record (same device, same sealed bytes) was already here.
    AlreadyHeld,
    /// The hub holds a different record under this id: not stored, not "held".
    Conflict,
}

/// One bundle's writes: nothing is visible until [`ImportTransaction::commit`];
/// dropping it rolls everything back.
#[derive(Debug)]
pub struct ImportTransaction<'a> {
    tx: Transaction<'a>,
    path: PathBuf,
}

impl ImportTransaction<'_> {
    fn fail(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    /// Store a record unless the hub already holds it.
    pub fn insert_record(
        &self,
        listed: &crate::sync::BundleRecord,
        device_id: &str,
        sealed: &[u8],
        bundle_id: &str,
        now: &str,
    ) -> Result<Inserted, StoreError> {
        let changed = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO records (record_id, device_id, protocol_id, protocol_version,
                     finished_at, imported_at, bundle_id, sealed, sealed_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    listed.record_id,
                    device_id,
                    listed.protocol_id,
                    listed.protocol_version,
                    listed.finished_at,
                    now,
                    bundle_id,
                    sealed,
                    listed.sha256
                ])
            })
            .map_err(|e| self.fail(e))?;
        if changed == 1 {
            return Ok(Inserted::New);
        }
        // Held already only if it is the same record from the same device:
        // a receipt saying "held" lets the device delete its copy.
        let same: bool = self
            .tx
            .query_row(
                "SELECT device_id = ?2 AND sealed_sha256 = ?3 FROM records WHERE record_id = ?1",
                params![listed.record_id, device_id, listed.sha256],
                |r| r.get(0),
            )
            .map_err(|e| self.fail(e))?;
        Ok(if same {
            Inserted::AlreadyHeld
        } else {
            Inserted::Conflict
        })
    }

    /// Take back a record inserted in this transaction (it failed a later check).
    pub fn remove_record(&self, record_id: &str, bundle_id: &str) -> Result<(), StoreError> {
        self.tx
            .execute(
                "DELETE FROM records WHERE record_id = ?1 AND bundle_id = ?2",
                params![record_id, bundle_id],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Add the encrypted facts of this import's accepted records.
    pub fn insert_facts(
        &self,
        bundle_id: &str,
        rows: usize,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT INTO fact_segments (bundle_id, rows, data) VALUES (?1, ?2, ?3)",
                params![bundle_id, rows as i64, sealed],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Note the bundle and the device's import, then commit everything.
    pub fn commit(self, bundle: &BundleRow) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT OR IGNORE INTO bundles (bundle_id, device_id, created_at, imported_at, records, accepted, already_held, rejected)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    bundle.bundle_id,
                    bundle.device_id,
                    bundle.created_at,
                    bundle.imported_at,
                    bundle.records,
                    bundle.accepted,
                    bundle.already_held,
                    bundle.rejected
                ],
            )
            .map_err(|e| self.fail(e))?;
        self.tx
            .execute(
                "UPDATE devices SET last_import_at = ?2, records_imported = records_imported + ?3
                 WHERE device_id = ?1",
                params![bundle.device_id, bundle.imported_at, bundle.accepted],
            )
            .map_err(|e| self.fail(e))?;
        let path = self.path.clone();
        self.tx.commit().map_err(|e| classify(&path, e))
    }
}
