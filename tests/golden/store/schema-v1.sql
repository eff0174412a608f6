CREATE TABLE drafts (
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
CREATE INDEX records_by_state ON records (sync_state, finished_at);
