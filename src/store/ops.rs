//! The queue of server operations not yet done (DESIGN.md rule 4): a user's
//! change is applied to the store and queued in the same transaction; the
//! engine replays the queue, in order, when it can reach the server.

use rusqlite::{Row, params};

use super::{Read, Result, Tx, now};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingOp {
    pub id: i64,
    pub account: String,
    /// What to do, e.g. `flags`, `move`, `delete`, `append` (the engine's names).
    pub kind: String,
    /// The operation's arguments as JSON (server identities, not row ids:
    /// a queued delete must outlive the row it deleted).
    pub payload: String,
    pub created: i64,
    pub attempts: u32,
    pub last_error: Option<String>,
}

fn from_row(r: &Row) -> rusqlite::Result<PendingOp> {
    Ok(PendingOp {
        id: r.get(0)?,
        account: r.get(1)?,
        kind: r.get(2)?,
        payload: r.get(3)?,
        created: r.get(4)?,
        attempts: r.get(5)?,
        last_error: r.get(6)?,
    })
}

pub trait OpsRead: Read {
    /// An account's queued operations, oldest first.
    fn pending_ops(&self, account: &str) -> Result<Vec<PendingOp>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, account, kind, payload, created, attempts, last_error
             FROM pending_ops WHERE account = ? ORDER BY id",
        )?;
        let rows = stmt.query_map([account], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl<T: Read + ?Sized> OpsRead for T {}

impl Tx<'_> {
    pub fn enqueue_op(&self, account: &str, kind: &str, payload: &str) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO pending_ops (account, kind, payload, created) VALUES (?, ?, ?, ?)",
            params![account, kind, payload, now()],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The server has done it.
    pub fn complete_op(&self, id: i64) -> Result<()> {
        self.tx
            .execute("DELETE FROM pending_ops WHERE id = ?", [id])?;
        Ok(())
    }

    /// It failed this time; keep it with the reason, to retry later.
    pub fn fail_op(&self, id: i64, error: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE pending_ops SET attempts = attempts + 1, last_error = ? WHERE id = ?",
            params![error, id],
        )?;
        Ok(())
    }
}
