//! Versioned schema changes: a table of upgrade steps, each run in its own
//! transaction; `PRAGMA user_version` records how far a database has come.

use rusqlite::Transaction;

/// One upgrade step: brings a database from `version - 1` to `version`.
#[derive(Debug)]
pub struct Migration {
    pub version: i64,
    pub description: &'static str,
    pub up: fn(&Transaction<'_>) -> rusqlite::Result<()>,
}

/// Every step, in order. Never edit a released step; add a new one.
pub const DEVICE_MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    description: "device drafts and records",
    up: |tx| {
        // Plaintext columns are only ids, protocol id and version, timestamps
        // and sync state; everything else is an age ciphertext.
        tx.execute_batch(
            "CREATE TABLE drafts (
                id               TEXT PRIMARY KEY,
                protocol_id      TEXT NOT NULL,
                protocol_version TEXT NOT NULL,
                started_at       TEXT NOT NULL,
                updated_at       TEXT NOT NULL,
                payload          BLOB NOT NULL
            );
            CREATE TABLE records (
                id               TEXT PRIMARY KEY,
                protocol_id      TEXT NOT NULL,
                protocol_version TEXT NOT NULL,
                finished_at      TEXT NOT NULL,
                sync_state       TEXT NOT NULL CHECK (sync_state IN ('pending', 'synced')),
                synced_at        TEXT,
                sealed           BLOB,
                sealed_sha256    TEXT,
                summary          BLOB,
                CHECK ((sync_state = 'pending') = (sealed IS NOT NULL))
            );
            CREATE INDEX records_by_state ON records (sync_state, finished_at);",
        )
    },
}];

/// The hub's schema steps.
pub const HUB_MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "hub devices, bundles and records",
        up: |tx| {
            // As on devices: plaintext is ids, protocol id and version, region,
            // timestamps and counts; every record stays sealed as received.
            tx.execute_batch(
                "CREATE TABLE devices (
                device_id        TEXT PRIMARY KEY,
                region           TEXT,
                age_recipient    TEXT NOT NULL,
                signing_key      TEXT NOT NULL,
                enrolled_at      TEXT NOT NULL,
                revoked_at       TEXT,
                last_import_at   TEXT,
                records_imported INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE bundles (
                bundle_id        TEXT PRIMARY KEY,
                device_id        TEXT NOT NULL REFERENCES devices (device_id),
                created_at       TEXT NOT NULL,
                imported_at      TEXT NOT NULL,
                records          INTEGER NOT NULL,
                accepted         INTEGER NOT NULL,
                already_held     INTEGER NOT NULL,
                rejected         INTEGER NOT NULL
            );
            CREATE TABLE records (
                record_id        TEXT PRIMARY KEY,
                device_id        TEXT NOT NULL REFERENCES devices (device_id),
                protocol_id      TEXT NOT NULL,
                protocol_version TEXT NOT NULL,
                finished_at      TEXT NOT NULL,
                imported_at      TEXT NOT NULL,
                bundle_id        TEXT NOT NULL,
                sealed           BLOB NOT NULL,
                sealed_sha256    TEXT NOT NULL
            );",
            )
        },
    },
    Migration {
        version: 2,
        description: "encrypted facts cache for reports",
        up: |tx| {
            // Segments written by each import's workers: the facts of the accepted records,
            // encrypted with age to the hub (see src/report/cache.rs).
            tx.execute_batch(
                "CREATE TABLE fact_segments (
                id               INTEGER PRIMARY KEY,
                bundle_id        TEXT NOT NULL,
                rows             INTEGER NOT NULL,
                data             BLOB NOT NULL
            );",
            )
        },
    },
    Migration {
        version: 3,
        description: "records keyed by device and id; row MACs, case-code keys, flags, tombstones",
        up: |tx| {
            // One device cannot claim another's record ids (security review
            // F11); rows carry a MAC under a key derived from the hub's
            // secret (F6); a keyed case code finds collisions (F4); erased
            // records leave a keyed tombstone (F3). Rows from before this
            // step have no MAC: they are shown as unverified until their
            // bundle is imported again.
            tx.execute_batch(
                "CREATE TABLE records_v3 (
                device_id        TEXT NOT NULL REFERENCES devices (device_id),
                record_id        TEXT NOT NULL,
                protocol_id      TEXT NOT NULL,
                protocol_version TEXT NOT NULL,
                finished_at      TEXT NOT NULL,
                imported_at      TEXT NOT NULL,
                bundle_id        TEXT NOT NULL,
                sealed           BLOB NOT NULL,
                sealed_sha256    TEXT NOT NULL,
                case_key         BLOB,
                case_suffix      TEXT,
                flags            INTEGER NOT NULL DEFAULT 0,
                mac              BLOB,
                PRIMARY KEY (device_id, record_id)
            );
            INSERT INTO records_v3 (device_id, record_id, protocol_id, protocol_version,
                finished_at, imported_at, bundle_id, sealed, sealed_sha256)
                SELECT device_id, record_id, protocol_id, protocol_version, finished_at,
                    imported_at, bundle_id, sealed, sealed_sha256 FROM records;
            DROP TABLE records;
            ALTER TABLE records_v3 RENAME TO records;
            CREATE INDEX records_by_case ON records (case_key);
            CREATE INDEX records_by_id ON records (record_id);
            ALTER TABLE devices ADD COLUMN mac BLOB;
            CREATE TABLE erased (
                tag              BLOB PRIMARY KEY
            ) WITHOUT ROWID;",
            )
        },
    },
    Migration {
        version: 4,
        description: "update packs published by the hub; what each device has installed",
        up: |tx| {
            // Every pack the hub published, signed as written (the signature
            // is its integrity: no MAC). The newest is what the next bundle's
            // receipt carries back. What each device last said it runs
            // (from its signed bundle header) is informational, with a MAC.
            tx.execute_batch(
                "CREATE TABLE updates (
                sequence         INTEGER PRIMARY KEY,
                created_at       TEXT NOT NULL,
                pack             BLOB NOT NULL
            );
            CREATE TABLE device_state (
                device_id        TEXT PRIMARY KEY REFERENCES devices (device_id),
                reported_at      TEXT NOT NULL,
                bundle_id        TEXT NOT NULL,
                state            TEXT NOT NULL,
                mac              BLOB NOT NULL
            );",
            )
        },
    },
    Migration {
        version: 5,
        description: "device names",
        up: |tx| {
            // The name a coordinator gives a device at enrolment (`hub
            // enroll --name`), covered by the row's MAC when set; rows
            // without one keep the MAC they had.
            tx.execute_batch("ALTER TABLE devices ADD COLUMN name TEXT;")
        },
    },
];

/// The newest schema version in a list of steps.
pub fn latest_version(migrations: &[Migration]) -> i64 {
    migrations.last().map_or(0, |m| m.version)
}
