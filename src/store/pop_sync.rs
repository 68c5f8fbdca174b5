//! Store queries and writes the POP3 engine needs.

use rusqlite::{OptionalExtension, params};

use super::folders::FolderId;
use super::messages::MsgId;
use super::pop::PopRecord;
use super::{Read, Result, Tx};

/// A `pop_uidls` record with what the engine needs to know about its
/// stored message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PopState {
    pub record: PopRecord,
    /// The stored message still exists (false once deleted in Brev).
    pub present: bool,
    /// It is stored with headers only.
    pub partial: bool,
}

pub trait PopSyncRead: Read {
    /// Every record of an account, with its message's presence and state.
    fn pop_states(&self, account: &str) -> Result<Vec<PopState>> {
        let mut stmt = self.conn().prepare_cached(POP_STATES)?;
        let rows = stmt.query_map([account], |r| {
            Ok(PopState {
                record: PopRecord {
                    uidl: r.get(0)?,
                    message_id: r.get(1)?,
                    size: r.get::<_, i64>(2)?.max(0) as u64,
                    downloaded: r.get(3)?,
                    local: r.get::<_, Option<i64>>(4)?.map(MsgId),
                    deleted_on_server: r.get(5)?,
                },
                present: r.get(6)?,
                partial: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The POP3 key a message was downloaded as.
    fn message_pop_uidl(&self, id: MsgId) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT pop_uidl FROM messages WHERE id = ?", [id.0], |r| {
                r.get(0)
            })
            .optional()?
            .flatten())
    }

    /// The account a message belongs to (through its folder).
    fn message_account(&self, id: MsgId) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT f.account FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id = ?",
                [id.0],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The messages of an account stored from this POP3 key (a message and
    /// its copies, which share its `message_id` column: given, it makes
    /// this an index lookup), oldest first.
    fn messages_with_pop_uidl(
        &self,
        account: &str,
        uidl: &str,
        message_id: Option<&str>,
    ) -> Result<Vec<MsgId>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id
             WHERE m.message_id IS ?1 AND m.pop_uidl = ?2 AND f.account = ?3 ORDER BY m.id",
        )?;
        let rows = stmt.query_map(params![message_id, uidl, account], |r| Ok(MsgId(r.get(0)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every message in a folder.
    fn folder_message_ids(&self, folder: FolderId) -> Result<Vec<MsgId>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM messages WHERE folder_id = ? ORDER BY id")?;
        let rows = stmt.query_map([folder.0], |r| Ok(MsgId(r.get(0)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl<T: Read + ?Sized> PopSyncRead for T {}

/// Every record of an account with whether its message is still here and
/// whole. Read at the start of every check, alongside the login. The
/// records are scanned in table order (the message-id index would cost a
/// lookup per record) and the messages are looked at through the narrow
/// `(id, partial)` index, not their rows: ~280 pages instead of ~1,700 for
/// 10,000 records, which counts when the page cache is cold.
pub(super) const POP_STATES: &str = "SELECT p.uidl, p.message_id, p.size, p.downloaded,
        p.local_id, p.deleted_on_server, m.id IS NOT NULL, COALESCE(m.partial, 0)
     FROM pop_uidls p NOT INDEXED
     LEFT JOIN messages m INDEXED BY messages_id_partial ON m.id = p.local_id
     WHERE p.account = ?";

impl Tx<'_> {
    /// Point a record at another stored copy, or at none (deleted in Brev).
    pub fn set_pop_local(&self, account: &str, uidl: &str, local: Option<MsgId>) -> Result<()> {
        self.tx.execute(
            "UPDATE pop_uidls SET local_id = ? WHERE account = ? AND uidl = ?",
            params![local.map(|m| m.0), account, uidl],
        )?;
        Ok(())
    }

    /// Note that these messages are gone from the server.
    pub fn set_pop_deleted_on_server(&self, account: &str, uidls: &[String]) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "UPDATE pop_uidls SET deleted_on_server = 1 WHERE account = ? AND uidl = ?",
        )?;
        for uidl in uidls {
            stmt.execute(params![account, uidl])?;
        }
        Ok(())
    }

    /// The server now calls a downloaded message `new` instead of `old`
    /// (a server migration): move its record and its messages' key.
    pub fn rekey_pop(&self, account: &str, old: &str, new: &str) -> Result<()> {
        // The stored copies share the `message_id` of the one the record
        // points at: an index lookup, not a scan of every message.
        let local_message_id: Option<Option<String>> = self
            .tx
            .query_row(
                "SELECT m.message_id FROM pop_uidls p JOIN messages m ON m.id = p.local_id
                 WHERE p.account = ? AND p.uidl = ?",
                params![account, old],
                |r| r.get(0),
            )
            .optional()?;
        let moved = self.tx.execute(
            "UPDATE pop_uidls SET uidl = ?1, deleted_on_server = 0
             WHERE account = ?2 AND uidl = ?3
               AND NOT EXISTS (SELECT 1 FROM pop_uidls WHERE account = ?2 AND uidl = ?1)",
            params![new, account, old],
        )?;
        if let (1, Some(message_id)) = (moved, local_message_id) {
            self.tx.execute(
                "UPDATE messages SET pop_uidl = ?1
                 WHERE message_id IS ?2 AND pop_uidl = ?3
                   AND folder_id IN (SELECT id FROM folders WHERE account = ?4)",
                params![new, message_id, old, account],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FolderRead, MessageRead, NewFolder, NewMessage, PopRead, Store};

    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt
            .query_map(params!["m@x", "u", "a"], |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn copies_are_found_through_an_index() {
        let store = Store::open_in_memory().unwrap();
        let p = plan(
            &store,
            "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id
             WHERE m.message_id IS ?1 AND m.pop_uidl = ?2 AND f.account = ?3 ORDER BY m.id",
        );
        assert!(p.contains("messages_by_message_id"), "{p}");
    }

    #[test]
    fn rekey_moves_the_record_and_every_copy() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b, other) = store
            .write(|tx| {
                let inbox = tx.upsert_folder("acct", &NewFolder::new("INBOX", None))?;
                let theirs = tx.upsert_folder("them", &NewFolder::new("INBOX", None))?;
                let mut m = NewMessage::from_raw(b"Subject: x\r\n\r\n".to_vec(), 1);
                m.message_id = Some("m@x".into());
                m.pop_uidl = Some("old".into());
                let a = tx.insert_message(inbox, &m)?;
                let b = tx.insert_message(inbox, &m)?;
                let other = tx.insert_message(theirs, &m)?;
                tx.record_pop(
                    "acct",
                    &PopRecord {
                        uidl: "old".into(),
                        message_id: Some("m@x".into()),
                        size: 1,
                        downloaded: 1,
                        local: Some(a),
                        deleted_on_server: true,
                    },
                )?;
                Ok((a, b, other))
            })
            .unwrap();
        store
            .write(|tx| tx.rekey_pop("acct", "old", "new"))
            .unwrap();
        assert_eq!(store.pop_record("acct", "old").unwrap(), None);
        let r = store.pop_record("acct", "new").unwrap().unwrap();
        assert_eq!((r.local, r.deleted_on_server), (Some(a), false));
        assert_eq!(
            store
                .messages_with_pop_uidl("acct", "new", Some("m@x"))
                .unwrap(),
            vec![a, b]
        );
        assert_eq!(
            store.message_pop_uidl(other).unwrap().as_deref(),
            Some("old"),
            "other account"
        );
        assert!(store.folders("acct").unwrap().len() == 1 && store.message(a).unwrap().is_some());
    }
}
