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
CREATE TABLE device_state (
                device_id        TEXT PRIMARY KEY REFERENCES devices (device_id),
                reported_at      TEXT NOT NULL,
                bundle_id        TEXT NOT NULL,
                state            TEXT NOT NULL,
                mac              BLOB NOT NULL
            );
CREATE TABLE devices (
                device_id        TEXT PRIMARY KEY,
                region           TEXT,
                age_recipient    TEXT NOT NULL,
                signing_key      TEXT NOT NULL,
                enrolled_at      TEXT NOT NULL,
                revoked_at       TEXT,
                last_import_at   TEXT,
                records_imported INTEGER NOT NULL DEFAULT 0
            , mac BLOB, name TEXT);
CREATE TABLE erased (
                tag              BLOB PRIMARY KEY
            ) WITHOUT ROWID;
CREATE TABLE fact_segments (
                id               INTEGER PRIMARY KEY,
                bundle_id        TEXT NOT NULL,
                rows             INTEGER NOT NULL,
                data             BLOB NOT NULL
            );
CREATE TABLE "records" (
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
CREATE INDEX records_by_case ON records (case_key);
CREATE INDEX records_by_id ON records (record_id);
CREATE TABLE updates (
                sequence         INTEGER PRIMARY KEY,
                created_at       TEXT NOT NULL,
                pack             BLOB NOT NULL
            );
