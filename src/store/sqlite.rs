//! Opening a SQLite database the way every Qorgau store needs it: private
//! file, WAL, secure delete, in-memory temp files, and migrations.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::migrations::{latest_version, Migration};
use super::{display, StoreError};
use crate::files::create_private_file;

/// Run `f` in one transaction: committed if it succeeds, rolled back if not.
pub(crate) fn write<T>(
    conn: &mut Connection,
    path: &Path,
    f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
) -> Result<T, StoreError> {
    let tx = conn.transaction().map_err(|e| classify(path, e))?;
    let value = f(&tx).map_err(|e| classify(path, e))?;
    tx.commit().map_err(|e| classify(path, e))?;
    Ok(value)
}

/// Every row of a query without parameters, mapped by `f`.
pub(crate) fn query_all<T>(
    conn: &Connection,
    path: &Path,
    sql: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut statement = conn.prepare(sql).map_err(|e| classify(path, e))?;
    let rows = statement.query_map([], f).map_err(|e| classify(path, e))?;
    rows.collect::<Result<_, _>>()
        .map_err(|e| classify(path, e))
}

/// How a database keeps its writes atomic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Journal {
    /// Write-ahead log, `synchronous = NORMAL`: many small transactions
    /// (a device saves a draft after every answer).
    Wal,
    /// Rollback journal, `synchronous = FULL`: few, very large transactions
    /// (a hub imports a bundle of up to a million records). New pages are
    /// written once, not to a log and again to the database.
    Rollback,
}

/// An open database, and whether it could only be opened for reading.
pub(crate) struct Opened {
    pub conn: Connection,
    /// The disk is full: reads work, every write says the disk is full.
    pub read_only: bool,
}

/// Open (or create) a database and bring it to the newest of `migrations`;
/// on a full disk it opens read-only, so reads and exports still work.
pub(crate) fn open_database(
    path: &Path,
    migrations: &[Migration],
    page_size: u32,
    journal: Journal,
) -> Result<Opened, StoreError> {
    match open_read_write(path, migrations, page_size, journal) {
        Ok(conn) => Ok(Opened {
            conn,
            read_only: false,
        }),
        // A full disk leaves no room for the WAL's files, which even reading
        // needs: open the database read-only, so records can still be listed
        // and exported to another disk (reliability review P3).
        Err(StoreError::Full { .. }) if journal == Journal::Wal && path.exists() => {
            let conn = open_read_only(path).map_err(|_| StoreError::Full {
                path: display(path),
            })?;
            let current: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|_| StoreError::Full {
                    path: display(path),
                })?;
            if current != latest_version(migrations) {
                // It would need migrating, which needs room.
                return Err(StoreError::Full {
                    path: display(path),
                });
            }
            Ok(Opened {
                conn,
                read_only: true,
            })
        }
        Err(e) => Err(e),
    }
}

fn open_read_write(
    path: &Path,
    migrations: &[Migration],
    page_size: u32,
    journal: Journal,
) -> Result<Connection, StoreError> {
    // Two first commands at once may both create the file: the second one
    // just opens it (reliability review P7).
    if !path.exists() {
        match create_private_file(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(match e.raw_os_error() {
                    // ENOSPC
                    Some(28) => StoreError::Full {
                        path: display(path),
                    },
                    _ => StoreError::Open {
                        path: display(path),
                        detail: e.to_string(),
                    },
                });
            }
        }
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    configure(&conn, path, page_size, journal)?;
    migrate(&mut conn, path, migrations)?;
    Ok(conn)
}

/// Open for reading only, creating no file: `immutable` when no WAL is
/// left over (nothing can be missed), otherwise read-only through the WAL.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let wal = path.with_extension("db-wal");
    let wal_empty = std::fs::metadata(&wal).map_or(true, |m| m.len() == 0);
    let mut uri = String::from("file:");
    for byte in path.display().to_string().bytes() {
        match byte {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{byte:02X}")),
            _ => uri.push(char::from(byte)),
        }
    }
    uri.push_str(if wal_empty {
        "?mode=ro&immutable=1"
    } else {
        "?mode=ro"
    });
    let conn = Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

fn configure(
    conn: &Connection,
    path: &Path,
    page_size: u32,
    journal: Journal,
) -> Result<(), StoreError> {
    let fail = |e| classify(path, e);
    // First, so that a second process waits for the first one's set-up.
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(fail)?;
    // Takes effect only on an empty database (before its first write), so it
    // is set on every open: two first commands at once agree on it.
    conn.pragma_update(None, "page_size", page_size)
        .map_err(fail)?;
    // Reading the schema version first turns a non-database file into a
    // clear "damaged" message before anything is written.
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(fail)?;
    let (mode, synchronous) = match journal {
        Journal::Wal => ("wal", "NORMAL"),
        Journal::Rollback => ("truncate", "FULL"),
    };
    let got: String = conn
        .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0))
        .map_err(fail)?;
    if !got.eq_ignore_ascii_case(mode) {
        return Err(StoreError::Open {
            path: display(path),
            detail: format!("the file system does not allow journal mode {mode} (got {got})"),
        });
    }
    for (name, value) in [
        ("synchronous", synchronous),
        ("secure_delete", "ON"),
        ("temp_store", "MEMORY"),
        ("foreign_keys", "ON"),
    ] {
        conn.pragma_update(None, name, value).map_err(fail)?;
    }
    Ok(())
}

fn migrate(conn: &mut Connection, path: &Path, migrations: &[Migration]) -> Result<(), StoreError> {
    let fail = |e| classify(path, e);
    let current: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(fail)?;
    let known = latest_version(migrations);
    if current > known {
        return Err(StoreError::Newer {
            path: display(path),
            found: current,
            known,
        });
    }
    for migration in migrations.iter().filter(|m| m.version > current) {
        // IMMEDIATE takes the write lock first, and the version is read again
        // under it: of two processes migrating at once, the second finds the
        // step done and skips it (reliability review P7).
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let now: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        if now >= migration.version {
            continue;
        }
        (migration.up)(&tx).map_err(fail)?;
        tx.pragma_update(None, "user_version", migration.version)
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}

pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = display(path);
    match &e {
        rusqlite::Error::SqliteFailure(failure, _) => match failure.code {
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => StoreError::Damaged {
                path,
                detail: e.to_string(),
            },
            ErrorCode::DiskFull => StoreError::Full { path },
            // A full disk often shows as an I/O error (no room for the WAL's
            // shared-memory file): say what it is.
            ErrorCode::SystemIoFailure if disk_full(&path) => StoreError::Full { path },
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy { path },
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly => {
                StoreError::Open {
                    path,
                    detail: e.to_string(),
                }
            }
            _ => StoreError::Other {
                path,
                detail: e.to_string(),
            },
        },
        // A value that is not what its column holds (an id or a time of
        // the wrong form): the row was not written by Qorgau.
        rusqlite::Error::FromSqlConversionFailure(_, _, source) => StoreError::Damaged {
            path,
            detail: source.to_string(),
        },
        _ => StoreError::Other {
            path,
            detail: e.to_string(),
        },
    }
}

/// Whether the file system holding `path` has (almost) no room left.
fn disk_full(path: &str) -> bool {
    #[cfg(unix)]
    {
        let folder = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // The field types differ between Unix systems.
        #[allow(clippy::unnecessary_cast)]
        nix::sys::statvfs::statvfs(folder).is_ok_and(|s| {
            (s.blocks_available() as u64).saturating_mul(s.fragment_size() as u64) < 64 * 1024
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}
