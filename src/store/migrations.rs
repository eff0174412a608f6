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
pub const MIGRATIONS: &[Migration] = &[Migration {
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

/// The newest schema this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}
