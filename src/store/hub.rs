//! The hub's SQLite store: enrolled devices, imported bundles, every record
//! sealed exactly as received, and tombstones of erased records. Same rules
//! as the device store: only ids, protocol, region, timestamps, counts and
//! keyed tags in plaintext.
//!
//! Records are keyed by device and record id, so one device cannot claim
//! another's ids. Device and record rows carry an HMAC under a key derived
//! from the hub's secret ([`RowKey`]): a row written by anyone without the
//! passphrase does not check out, and is reported instead of shown.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::migrations::HUB_MIGRATIONS;
use super::{classify, sqlite, StoreError};
use crate::crypto::mac::{optional, Purpose, RowKey};
use crate::crypto::{DeviceCard, HubSealed};
use crate::device_state::DeviceState;
use crate::ids::{BundleId, CaseCode, DeviceId, RecordId, CODE_ALPHABET};
use crate::record::{Record, RecordMeta};
use crate::time::Timestamp;

/// The hub holds hundreds of thousands of sealed records and writes them in
/// large batches: 32 KiB pages hold about ten each and make imports faster.
pub const HUB_PAGE_SIZE: u32 = 32 * 1024;

/// Record flags: things the coordinator must see next to a record.
pub mod flags {
    /// The sealed record names more recipients than the hub card has: someone
    /// else may be able to read it (security review F1, F10).
    pub const EXTRA_RECIPIENTS: u32 = 1;
    /// Its date is outside any plausible range: the device clock was wrong.
    pub const IMPLAUSIBLE_DATE: u32 = 2;
}

/// An enrolled device, as the hub knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRow {
    pub device_id: DeviceId,
    pub region: Option<String>,
    pub age_recipient: String,
    pub signing_key: String,
    pub enrolled_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub last_import_at: Option<Timestamp>,
    pub records_imported: i64,
    /// The coordinator's name for the device (`hub enroll --name`).
    pub name: Option<String>,
    pub mac: Option<Vec<u8>>,
}

impl DeviceRow {
    fn mac_fields(&self) -> Vec<Vec<u8>> {
        device_mac_fields(
            &self.device_id,
            self.region.as_deref(),
            &self.age_recipient,
            &self.signing_key,
            self.enrolled_at,
            self.revoked_at,
            self.name.as_deref(),
        )
    }

    /// The name if it has one, else the start of its id (what listings show).
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => self.device_id.as_str().chars().take(8).collect(),
        }
    }

    /// Whether the row was written by this hub (holder of its passphrase).
    pub fn verify(&self, key: &RowKey) -> bool {
        let fields = self.mac_fields();
        let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
        self.mac
            .as_deref()
            .is_some_and(|mac| key.verify(Purpose::Device, &fields, mac))
    }
}

// The MACs cover the text of ids and times as stored: typed values give
// the same bytes, so rows written before the types verify as they did.
fn device_mac_fields(
    device_id: &DeviceId,
    region: Option<&str>,
    age_recipient: &str,
    signing_key: &str,
    enrolled_at: Timestamp,
    revoked_at: Option<Timestamp>,
    name: Option<&str>,
) -> Vec<Vec<u8>> {
    let mut fields = vec![
        device_id.as_str().as_bytes().to_vec(),
        optional(region),
        age_recipient.as_bytes().to_vec(),
        signing_key.as_bytes().to_vec(),
        enrolled_at.to_string().into_bytes(),
        optional(revoked_at.map(|at| at.to_string()).as_deref()),
    ];
    // A name is a seventh field, only when there is one: rows enrolled
    // before names existed keep verifying with the MAC they have, and a
    // name cannot be added or changed without the hub's key.
    if let Some(name) = name {
        fields.push(name.as_bytes().to_vec());
    }
    fields
}

fn device_mac(key: &RowKey, fields: &[Vec<u8>]) -> Vec<u8> {
    let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
    key.tag(Purpose::Device, &fields).to_vec()
}

/// A record the hub holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubRecordRow {
    pub meta: RecordMeta,
    pub imported_at: Timestamp,
    pub bundle_id: BundleId,
    pub sealed: HubSealed<Record>,
    pub sealed_sha256: String,
    pub case_key: Option<Vec<u8>>,
    /// Added to the case code shown to the coordinator when another record
    /// at this hub has the same code.
    pub case_suffix: Option<String>,
    pub flags: u32,
    pub mac: Option<Vec<u8>>,
}

/// Why a stored record row is not shown as genuine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowProblem {
    /// Stored before rows carried a MAC: import its bundle again to verify it.
    Unverified,
    /// Its MAC or checksum does not match: changed outside qorgau.
    Changed,
}

impl HubRecordRow {
    /// Whether the row is as this hub wrote it: its MAC holds and its sealed
    /// bytes have the checksum the MAC covers.
    pub fn check(&self, key: &RowKey) -> Result<(), RowProblem> {
        let Some(mac) = self.mac.as_deref() else {
            return Err(RowProblem::Unverified);
        };
        let fields = record_mac_fields(
            &self.meta,
            self.imported_at,
            &self.bundle_id,
            &self.sealed_sha256,
            self.case_key.as_deref().unwrap_or_default(),
            self.case_suffix.as_deref(),
            self.flags,
        );
        let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
        if !key.verify(Purpose::Record, &fields, mac)
            || !crate::crypto::sha256_matches(self.sealed.ciphertext(), &self.sealed_sha256)
        {
            return Err(RowProblem::Changed);
        }
        Ok(())
    }

    /// The case code as shown to the coordinator: the record's own code,
    /// lengthened when another record here has the same one.
    pub fn shown_code(&self, case_code: &CaseCode) -> String {
        shown_code(case_code, self.case_suffix.as_deref())
    }
}

/// A case code with its hub suffix.
pub fn shown_code(case_code: &CaseCode, suffix: Option<&str>) -> String {
    match suffix {
        Some(suffix) => format!("{case_code}-{suffix}"),
        None => case_code.to_string(),
    }
}

fn record_mac_fields(
    meta: &RecordMeta,
    imported_at: Timestamp,
    bundle_id: &BundleId,
    sealed_sha256: &str,
    case_key: &[u8],
    case_suffix: Option<&str>,
    flags: u32,
) -> Vec<Vec<u8>> {
    vec![
        meta.device_id.as_str().as_bytes().to_vec(),
        meta.record_id.as_str().as_bytes().to_vec(),
        meta.protocol_id.as_bytes().to_vec(),
        meta.protocol_version.as_bytes().to_vec(),
        meta.finished_at.to_string().into_bytes(),
        imported_at.to_string().into_bytes(),
        bundle_id.as_str().as_bytes().to_vec(),
        sealed_sha256.as_bytes().to_vec(),
        case_key.to_vec(),
        optional(case_suffix),
        flags.to_be_bytes().to_vec(),
    ]
}

/// The keyed form of a case code.
pub fn case_key(key: &RowKey, case_code: &CaseCode) -> Vec<u8> {
    key.tag(Purpose::CaseCode, &[case_code.as_str().as_bytes()])
        .to_vec()
}

/// The tombstone tag of an erased record: keyed, and over the device and
/// record id only, so it says nothing about the record and cannot be checked
/// against an old bundle without the hub's passphrase.
pub fn tombstone(key: &RowKey, device_id: &DeviceId, record_id: &RecordId) -> Vec<u8> {
    key.tag(
        Purpose::Erased,
        &[device_id.as_str().as_bytes(), record_id.as_str().as_bytes()],
    )
    .to_vec()
}

/// The suffix characters: those of case codes (no 0/O, 1/I/L).
const SUFFIX_ALPHABET: &[u8] = CODE_ALPHABET;

/// A suffix of `len` characters derived from the record's device and id, so
/// the same record always gets the same one.
fn suffix(device_id: &DeviceId, record_id: &RecordId, len: usize) -> String {
    let digest = Sha256::new()
        .chain_update(device_id.as_str().as_bytes())
        .chain_update(b"\n")
        .chain_update(record_id.as_str().as_bytes())
        .finalize();
    digest
        .iter()
        .take(len)
        .map(|b| char::from(SUFFIX_ALPHABET[usize::from(*b) % SUFFIX_ALPHABET.len()]))
        .collect()
}

/// What one bundle's import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleRow {
    pub bundle_id: BundleId,
    pub device_id: DeviceId,
    pub created_at: Timestamp,
    pub imported_at: Timestamp,
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
        )?
        .conn;
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

    /// Trust a device (or re-trust a revoked one with a new card), keeping
    /// the name it has. Returns whether it is new here.
    pub fn enroll(
        &mut self,
        card: &DeviceCard,
        now: Timestamp,
        key: &RowKey,
    ) -> Result<bool, StoreError> {
        self.enroll_named(card, None, now, key)
    }

    /// Trust a device under a name; `None` keeps the name it has (if any).
    /// Returns whether it is new here.
    pub fn enroll_named(
        &mut self,
        card: &DeviceCard,
        name: Option<&str>,
        now: Timestamp,
        key: &RowKey,
    ) -> Result<bool, StoreError> {
        let recipient = card.recipient.to_string();
        let signing = crate::crypto::keys::encode_verifying_key(&card.verifying_key);
        sqlite::write(&mut self.conn, &self.path, |tx| {
            let existed: Option<Option<String>> = tx
                .query_row(
                    "SELECT name FROM devices WHERE device_id = ?1",
                    [&card.device_id],
                    |r| r.get(0),
                )
                .optional()?;
            let name = name.map(str::to_owned).or(existed.clone().flatten());
            let mac = device_mac(
                key,
                &device_mac_fields(
                    &card.device_id,
                    card.region.as_deref(),
                    &recipient,
                    &signing,
                    now,
                    None,
                    name.as_deref(),
                ),
            );
            tx.execute(
                "INSERT INTO devices (device_id, region, age_recipient, signing_key, enrolled_at, mac, name)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (device_id) DO UPDATE SET region = ?2, age_recipient = ?3,
                     signing_key = ?4, enrolled_at = ?5, revoked_at = NULL, mac = ?6, name = ?7",
                params![card.device_id, card.region, recipient, signing, now, mac, name],
            )?;
            Ok(existed.is_none())
        })
    }

    /// Stop trusting a device: its bundles are refused from now on. Returns
    /// whether it was trusted until now.
    pub fn revoke(
        &mut self,
        device_id: &DeviceId,
        now: Timestamp,
        key: &RowKey,
    ) -> Result<bool, StoreError> {
        let Some(row) = self.device(device_id)? else {
            return Ok(false);
        };
        if row.revoked_at.is_some() {
            return Ok(false);
        }
        let mut revoked = row.clone();
        revoked.revoked_at = Some(now);
        let mac = device_mac(key, &revoked.mac_fields());
        let changed = sqlite::write(&mut self.conn, &self.path, |tx| {
            tx.execute(
                "UPDATE devices SET revoked_at = ?2, mac = ?3 WHERE device_id = ?1 AND revoked_at IS NULL",
                params![device_id, now, mac],
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
            mac: row.get(8)?,
            name: row.get(9)?,
        })
    }

    const DEVICE_COLUMNS: &'static str = "device_id, region, age_recipient, signing_key, enrolled_at, revoked_at, last_import_at, records_imported, mac, name";

    pub fn device(&self, device_id: &DeviceId) -> Result<Option<DeviceRow>, StoreError> {
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
    pub fn begin_import<'k>(
        &mut self,
        key: &'k RowKey,
    ) -> Result<ImportTransaction<'_, 'k>, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        // Most hubs have erased nothing: then no record needs the lookup.
        let tombstones = tx
            .query_row("SELECT EXISTS (SELECT 1 FROM erased)", [], |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        Ok(ImportTransaction {
            tx,
            path,
            key,
            tombstones,
        })
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
            sealed_sha256: row.get(8)?,
            case_key: row.get(9)?,
            case_suffix: row.get(10)?,
            flags: row.get(11)?,
            mac: row.get(12)?,
        })
    }

    const RECORD_COLUMNS: &'static str = "record_id, device_id, protocol_id, protocol_version, finished_at, imported_at, bundle_id, sealed, sealed_sha256, case_key, case_suffix, flags, mac";

    fn records_where(
        &self,
        condition: &str,
        value: &dyn rusqlite::ToSql,
    ) -> Result<Vec<HubRecordRow>, StoreError> {
        let sql = format!(
            "SELECT {} FROM records WHERE {condition} ORDER BY finished_at, device_id, record_id",
            Self::RECORD_COLUMNS
        );
        let mut statement = self.conn.prepare(&sql).map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([value], Self::record_from_row)
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }

    /// Every record, oldest first.
    pub fn records(&self) -> Result<Vec<HubRecordRow>, StoreError> {
        self.records_where("1 = ?1", &1)
    }

    /// The records with this id (from any device: normally one).
    pub fn records_with_id(&self, record_id: &RecordId) -> Result<Vec<HubRecordRow>, StoreError> {
        self.records_where("record_id = ?1", &record_id)
    }

    /// The records whose case code has this keyed form.
    pub fn records_with_case_key(&self, case_key: &[u8]) -> Result<Vec<HubRecordRow>, StoreError> {
        self.records_where("case_key = ?1", &case_key)
    }

    /// The protocol ids of the records held.
    pub fn protocol_ids(&self) -> Result<Vec<String>, StoreError> {
        sqlite::query_all(
            &self.conn,
            &self.path,
            "SELECT DISTINCT protocol_id FROM records ORDER BY protocol_id",
            |r| r.get(0),
        )
    }

    pub fn record_count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    /// How many tombstones of erased records the hub keeps.
    pub fn erased_count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM erased", [], |r| r.get(0))
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

    /// Remove a record, rewrite the facts segments that held it and keep a
    /// tombstone so no later import brings it back — in one transaction
    /// (`secure_delete` overwrites the freed pages).
    pub fn erase(
        &mut self,
        device_id: &DeviceId,
        record_id: &RecordId,
        key: &RowKey,
        segments: &[(i64, Option<Vec<u8>>)],
    ) -> Result<bool, StoreError> {
        let tag = tombstone(key, device_id, record_id);
        sqlite::write(&mut self.conn, &self.path, |tx| {
            let removed = tx.execute(
                "DELETE FROM records WHERE device_id = ?1 AND record_id = ?2",
                params![device_id, record_id],
            )?;
            tx.execute("INSERT OR IGNORE INTO erased (tag) VALUES (?1)", [&tag])?;
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

    /// The newest update pack this hub published: its sequence number and
    /// bytes (signed; the caller checks the signature).
    pub fn newest_update(&self) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        self.conn
            .query_row(
                "SELECT sequence, pack FROM updates ORDER BY sequence DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)),
            )
            .optional()
            .map(|row| row.map(|(seq, pack)| (u64::try_from(seq).unwrap_or(0), pack)))
            .map_err(|e| self.error(e))
    }

    /// Publish the next update pack: `make` is given the next sequence
    /// number (one more than the newest published) and returns the signed
    /// pack, which is stored in the same transaction, so two publishers
    /// never get the same number.
    pub fn publish_update<E>(
        &mut self,
        created_at: Timestamp,
        make: impl FnOnce(u64) -> Result<Vec<u8>, E>,
    ) -> Result<Result<(u64, Vec<u8>), E>, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, e))?;
        let newest: i64 = tx
            .query_row("SELECT coalesce(max(sequence), 0) FROM updates", [], |r| {
                r.get(0)
            })
            .map_err(|e| classify(&path, e))?;
        let sequence = u64::try_from(newest).unwrap_or(0) + 1;
        let pack = match make(sequence) {
            Ok(pack) => pack,
            Err(e) => return Ok(Err(e)),
        };
        tx.execute(
            "INSERT INTO updates (sequence, created_at, pack) VALUES (?1, ?2, ?3)",
            params![
                i64::try_from(sequence).unwrap_or(i64::MAX),
                created_at,
                pack
            ],
        )
        .map_err(|e| classify(&path, e))?;
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(Ok((sequence, pack)))
    }

    /// What every device last said it has installed (from its newest
    /// bundle), with whether the row is as this hub wrote it.
    pub fn device_states(
        &self,
        key: &RowKey,
    ) -> Result<Vec<(DeviceId, Option<DeviceStateRow>)>, StoreError> {
        let rows: Vec<(DeviceId, String, String, String, Vec<u8>)> = sqlite::query_all(
            &self.conn,
            &self.path,
            "SELECT device_id, reported_at, bundle_id, state, mac FROM device_state ORDER BY device_id",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        Ok(rows
            .into_iter()
            .map(|(device_id, reported_at, bundle_id, state, mac)| {
                let genuine = key.verify(
                    Purpose::DeviceState,
                    &[
                        device_id.as_str().as_bytes(),
                        reported_at.as_bytes(),
                        bundle_id.as_bytes(),
                        state.as_bytes(),
                    ],
                    &mac,
                );
                let row = genuine
                    .then(|| {
                        Some((
                            reported_at.parse().ok()?,
                            serde_json::from_str(&state).ok()?,
                        ))
                    })
                    .flatten()
                    .map(|(reported_at, state)| DeviceStateRow { reported_at, state });
                (device_id, row)
            })
            .collect())
    }

    /// Direct access for tests.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// What a device last said it has installed, and when (its bundle's time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceStateRow {
    pub reported_at: Timestamp,
    pub state: DeviceState,
}

/// A record that passed every check of an import, to be stored.
#[derive(Debug)]
pub struct NewRecord<'a> {
    pub meta: &'a RecordMeta,
    pub sealed: &'a [u8],
    pub sealed_sha256: &'a str,
    /// The case code inside the sealed record (only its keyed form is stored).
    pub case_code: &'a CaseCode,
    pub flags: u32,
    pub bundle_id: &'a BundleId,
    pub imported_at: Timestamp,
}

/// What storing one record did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// Stored; `suffix` lengthens its case code when another record here has it.
    New { suffix: Option<String> },
    /// The same record (same device, same sealed bytes) was already here.
    AlreadyHeld,
    /// Erased here at a person's request: not stored again.
    Erased,
    /// This device sent a different record under this id before: not stored.
    Conflict,
}

/// How [`ImportTransaction::store`] writes a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    /// Only if no row has this device and id.
    IfNew,
    /// Over the row (a legacy row without a MAC).
    Replace,
}

/// How [`Write::IfNew`] and [`Write::Replace`] write a record row (fixed
/// texts, so the statement cache finds them without formatting one per row).
const INSERT_IF_NEW: &str = "INSERT OR IGNORE INTO records (device_id, record_id, protocol_id,
     protocol_version, finished_at, imported_at, bundle_id, sealed, sealed_sha256, case_key,
     case_suffix, flags, mac)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
const INSERT_OR_REPLACE: &str = "INSERT OR REPLACE INTO records (device_id, record_id, protocol_id,
     protocol_version, finished_at, imported_at, bundle_id, sealed, sealed_sha256, case_key,
     case_suffix, flags, mac)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/// One bundle's writes: nothing is visible until [`ImportTransaction::commit`];
/// dropping it rolls everything back.
#[derive(Debug)]
pub struct ImportTransaction<'a, 'k> {
    tx: Transaction<'a>,
    path: PathBuf,
    key: &'k RowKey,
    /// Whether the hub keeps any tombstone at all.
    tombstones: bool,
}

impl ImportTransaction<'_, '_> {
    fn fail(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    /// Store a record unless the hub already holds it or erased it.
    pub fn insert_record(&self, new: &NewRecord<'_>) -> Result<Inserted, StoreError> {
        let meta = new.meta;
        if self.tombstones {
            let erased: bool = self
                .tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM erased WHERE tag = ?1)")
                .and_then(|mut s| {
                    s.query_row(
                        [tombstone(self.key, &meta.device_id, &meta.record_id)],
                        |r| r.get(0),
                    )
                })
                .map_err(|e| self.fail(e))?;
            if erased {
                return Ok(Inserted::Erased);
            }
        }
        // The common case first: a new record is stored by one statement.
        if let Some(suffix) = self.store(new, Write::IfNew)? {
            return Ok(Inserted::New { suffix });
        }
        let (sha, mac): (String, Option<Vec<u8>>) = self
            .tx
            .prepare_cached(
                "SELECT sealed_sha256, mac FROM records WHERE device_id = ?1 AND record_id = ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![meta.device_id, meta.record_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
            })
            .map_err(|e| self.fail(e))?;
        // Held already only if it is the same record: a receipt saying
        // "held" lets the device delete its copy.
        if sha != new.sealed_sha256 {
            return Ok(Inserted::Conflict);
        }
        if mac.is_none() {
            // Stored before rows carried MACs: this signed bundle vouches
            // for it now.
            self.store(new, Write::Replace)?;
        }
        Ok(Inserted::AlreadyHeld)
    }

    /// Write the row with its case key, suffix and MAC. Returns `None` when
    /// `IfNew` found the row already there (nothing written), else the suffix.
    fn store(
        &self,
        new: &NewRecord<'_>,
        write: Write,
    ) -> Result<Option<Option<String>>, StoreError> {
        let meta = new.meta;
        let case_key = case_key(self.key, new.case_code);
        let taken: Vec<Option<String>> = self
            .tx
            .prepare_cached(
                "SELECT case_suffix FROM records WHERE case_key = ?1
                 AND NOT (device_id = ?2 AND record_id = ?3)",
            )
            .and_then(|mut s| {
                s.query_map(params![case_key, meta.device_id, meta.record_id], |r| {
                    r.get(0)
                })?
                .collect()
            })
            .map_err(|e| self.fail(e))?;
        let suffix = if taken.is_empty() {
            None
        } else {
            (2..=16)
                .map(|len| suffix(&meta.device_id, &meta.record_id, len))
                .find(|s| !taken.iter().any(|t| t.as_deref() == Some(s.as_str())))
        };
        let fields = record_mac_fields(
            meta,
            new.imported_at,
            new.bundle_id,
            new.sealed_sha256,
            &case_key,
            suffix.as_deref(),
            new.flags,
        );
        let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
        let mac = self.key.tag(Purpose::Record, &fields).to_vec();
        let sql = match write {
            Write::IfNew => INSERT_IF_NEW,
            Write::Replace => INSERT_OR_REPLACE,
        };
        let changed = self
            .tx
            .prepare_cached(sql)
            .and_then(|mut s| {
                s.execute(params![
                    meta.device_id,
                    meta.record_id,
                    meta.protocol_id,
                    meta.protocol_version,
                    meta.finished_at,
                    new.imported_at,
                    new.bundle_id,
                    new.sealed,
                    new.sealed_sha256,
                    case_key,
                    suffix,
                    new.flags,
                    mac
                ])
            })
            .map_err(|e| self.fail(e))?;
        Ok((changed > 0).then_some(suffix))
    }

    /// Add the encrypted facts of this import's accepted records.
    pub fn insert_facts(
        &self,
        bundle_id: &BundleId,
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

    /// Note what the device says it has installed, unless the hub already
    /// holds what a newer bundle of it said.
    pub fn note_device_state(
        &self,
        device_id: &DeviceId,
        reported_at: Timestamp,
        bundle_id: &BundleId,
        state: &DeviceState,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(state).map_err(|e| StoreError::Other {
            path: self.path.display().to_string(),
            detail: e.to_string(),
        })?;
        let mac = self
            .key
            .tag(
                Purpose::DeviceState,
                &[
                    device_id.as_str().as_bytes(),
                    reported_at.to_string().as_bytes(),
                    bundle_id.as_str().as_bytes(),
                    text.as_bytes(),
                ],
            )
            .to_vec();
        self.tx
            .execute(
                "INSERT INTO device_state (device_id, reported_at, bundle_id, state, mac)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (device_id) DO UPDATE SET reported_at = ?2, bundle_id = ?3,
                     state = ?4, mac = ?5
                 WHERE excluded.reported_at >= device_state.reported_at",
                params![device_id, reported_at, bundle_id, text, mac],
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
