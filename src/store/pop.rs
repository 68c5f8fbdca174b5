//! POP3's memory: every message ever downloaded, by UIDL, so that nothing is
//! downloaded twice, across restarts and server migrations.

use rusqlite::{OptionalExtension, Row, params};

use super::messages::MsgId;
use super::{Read, Result, Tx};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PopRecord {
    pub uidl: String,
    pub message_id: Option<String>,
    pub size: u64,
    /// Unix seconds.
    pub downloaded: i64,
    /// The stored message; None once the user deleted it in Brev.
    pub local: Option<MsgId>,
    pub deleted_on_server: bool,
}

fn from_row(r: &Row) -> rusqlite::Result<PopRecord> {
    Ok(PopRecord {
        uidl: r.get(0)?,
        message_id: r.get(1)?,
        size: r.get::<_, i64>(2)? as u64,
        downloaded: r.get(3)?,
        local: r.get::<_, Option<i64>>(4)?.map(MsgId),
        deleted_on_server: r.get(5)?,
    })
}

const COLUMNS: &str = "uidl, message_id, size, downloaded, local_id, deleted_on_server";

pub trait PopRead: Read {
    fn pop_record(&self, account: &str, uidl: &str) -> Result<Option<PopRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM pop_uidls WHERE account = ? AND uidl = ?");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![account, uidl], from_row)
            .optional()?)
    }

    /// All records of an account (the engine loads them once per check).
    fn pop_records(&self, account: &str) -> Result<Vec<PopRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM pop_uidls WHERE account = ? ORDER BY uidl");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([account], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl<T: Read + ?Sized> PopRead for T {}

impl Tx<'_> {
    /// Remember that `r.uidl` was downloaded (in the transaction that stores it).
    pub fn record_pop(&self, account: &str, r: &PopRecord) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO pop_uidls (account, uidl, message_id, size, downloaded, local_id, deleted_on_server)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (account, uidl) DO UPDATE SET message_id = ?3, size = ?4,
                 downloaded = ?5, local_id = ?6, deleted_on_server = ?7",
        )?;
        stmt.execute(params![
            account,
            r.uidl,
            r.message_id,
            r.size as i64,
            r.downloaded,
            r.local.map(|m| m.0),
            r.deleted_on_server
        ])?;
        Ok(())
    }

    pub fn forget_pop(&self, account: &str, uidl: &str) -> Result<()> {
        self.tx.execute(
            "DELETE FROM pop_uidls WHERE account = ? AND uidl = ?",
            params![account, uidl],
        )?;
        Ok(())
    }
}
