//! Opening a SQLite database the way every Qorgau store needs it: private
//! file, WAL, secure delete, in-memory temp files, and migrations.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::migrations::{latest_version, Migration};
use super::{display, StoreError};

/// Open (or create) a database and bring it to the newest of `migrations`.
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

pub(crate) fn open_database(
    path: &Path,
    migrations: &[Migration],
    page_size: u32,
    journal: Journal,
) -> Result<Connection, StoreError> {
    let is_new = !path.exists();
    if is_new {
        create_private_file(path).map_err(|e| StoreError::Open {
            path: display(path),
            detail: e.to_string(),
        })?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    configure(&conn, path, is_new, page_size, journal)?;
    migrate(&mut conn, path, migrations)?;
    Ok(conn)
}

fn configure(
    conn: &Connection,
    path: &Path,
    is_new: bool,
    page_size: u32,
    journal: Journal,
) -> Result<(), StoreError> {
    let fail = |e| classify(path, e);
    if is_new {
        conn.pragma_update(None, "page_size", page_size)
            .map_err(fail)?;
    }
    // Reading the schema version first turns a non-database file into a
    // clear "damaged" message before anything is written.
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(fail)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
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
        let tx = conn.transaction().map_err(fail)?;
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
        _ => StoreError::Other {
            path,
            detail: e.to_string(),
        },
    }
}

/// Create an empty file readable by its owner only.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
