//! The local store: SQLite in the profile's data dir, WAL mode.
//!
//! One writer (the sync engine) holds a [`Store`] opened with [`Store::open`]
//! and changes it only inside [`Store::write`] transactions, so a batch of
//! rows costs one commit. Readers (the UI, the headless commands) open their
//! own connection with [`Store::open_reader`]. Queries are on the [`Read`]
//! trait, which both a store and a write transaction ([`Tx`]) have.
//!
//! No iced, no network here (DESIGN.md rule 1).

mod addresses;
mod folders;
mod imap_sync;
mod index;
pub use index::distinct_words;
mod messages;
mod ops;
mod outbox;
mod pop;
mod pop_sync;
mod schema;
mod search;
mod unindexed;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use addresses::{AddressRead, KnownAddress, split_recipients};
pub use folders::{Folder, FolderId, FolderRead, NewFolder, Role};
pub use imap_sync::{ImapRead, PartialEntry, Quota, UidEntry};
pub use messages::{Flags, MessageRead, MessageRow, MsgId, NewMessage};
pub use ops::{OpsRead, PendingOp};
pub use outbox::{NewOutgoing, OutboxEntry, OutboxRead, OutboxState};
pub use pop::{PopRead, PopRecord};
pub use pop_sync::{PopState, PopSyncRead};
pub use search::{Scope, SearchRead, fts_query};
pub use unindexed::{Unindexed, UnindexedRead};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot open the mail store {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the mail store is at version {found}; this Brev knows up to {supported}")]
    TooNew { found: i64, supported: i64 },
    #[error("no such {0}")]
    NotFound(&'static str),
}

impl StoreError {
    pub fn user_message(&self) -> String {
        match self {
            StoreError::Sqlite(e) => crate::fl!("store-error", reason = e.to_string()),
            StoreError::Open { path, source } => crate::fl!(
                "store-cannot-open",
                path = path.display().to_string(),
                reason = source.to_string()
            ),
            StoreError::TooNew { .. } => crate::fl!("store-too-new"),
            StoreError::NotFound(_) => crate::fl!("store-not-found"),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A connection to the store.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating or upgrading) the store as its one writer.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::setup(conn, schema::current_version())
    }

    /// The database file, or None for an in-memory store.
    pub fn path(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// A private in-memory store, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, schema::current_version())
    }

    /// Open an existing store read-only, on its own connection (the UI's).
    pub fn open_reader(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "query_only", true)?;
        let store = Store { conn };
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema::current_version() {
            return Err(StoreError::TooNew {
                found: version,
                supported: schema::current_version(),
            });
        }
        Ok(store)
    }

    /// Open `path` and migrate only up to `version`: for migration tests.
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, version: i64) -> Result<Store> {
        Store::setup(Connection::open(path)?, version)
    }

    fn setup(mut conn: Connection, version: i64) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL: readers never block the writer. synchronous=FULL: a commit is
        // on disk when it returns (POP deletes on the server only after that).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn, version)?;
        Ok(Store { conn })
    }

    /// The schema version of this store.
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Run `f` in one transaction; it commits when `f` returns Ok.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = Tx {
            tx: self.conn.transaction()?,
            index: index::Pending::default(),
        };
        let value = f(&tx)?;
        tx.index_pending()?;
        tx.tx.commit()?;
        Ok(value)
    }
}

/// A write transaction. Its methods are the only way the store changes.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    /// Search entries of messages stored in this transaction, written just
    /// before it commits (see `index.rs`).
    index: index::Pending,
}

/// Queries, on a store or inside a transaction.
pub trait Read {
    #[doc(hidden)]
    fn conn(&self) -> &Connection;
}

impl Read for Store {
    fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Read for Tx<'_> {
    fn conn(&self) -> &Connection {
        &self.tx
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
