//! Messages stored before their bodies were read.
//!
//! A POP3 check stores each new message's bytes and its header columns
//! (sender, subject, date: what the list shows) as it downloads, and leaves
//! the rest of what the body tells (preview, attachment list, search words)
//! for after the session, as Thunderbird's indexer does. The server session,
//! during which the maildrop is locked for every other client, is then as
//! short as the durable commits allow, and reading the bodies afterwards can
//! use every core. A message whose body has not been read yet has a row in
//! `unindexed`, written in the transaction that stores it, so a process
//! killed in between leaves the work to the next run.

use rusqlite::{OptionalExtension, params};

use super::folders::FolderId;
use super::messages::{MsgId, NewMessage};
use super::{Read, Result, Tx};

/// A stored message whose body waits to be read.
#[derive(Debug)]
pub struct Unindexed {
    pub id: MsgId,
    pub folder: FolderId,
    /// The list date, for a message without a readable Date header.
    pub date: i64,
    /// Its stored bytes (empty when none are stored).
    pub raw: Vec<u8>,
}

pub trait UnindexedRead: Read {
    /// `account`'s messages waiting to be read, with ids above `after`, in
    /// id order: up to `limit` of them, and no more once their bytes reach
    /// `max_bytes` (always at least one), so a run of big messages never
    /// fills memory. The queue drives the join (CROSS JOIN keeps SQLite
    /// from starting at the account's folders, which would read and sort
    /// every message of them per batch); `length` reads no message bytes.
    fn unindexed(
        &self,
        account: &str,
        after: MsgId,
        limit: usize,
        max_bytes: usize,
    ) -> Result<Vec<Unindexed>> {
        let mut list = self.conn().prepare_cached(
            "SELECT u.message_id, m.folder_id, m.date, length(r.raw)
             FROM unindexed u
             CROSS JOIN messages m ON m.id = u.message_id
             CROSS JOIN folders f ON f.id = m.folder_id
             LEFT JOIN message_raw r ON r.message_id = u.message_id
             WHERE f.account = ? AND u.message_id > ?
             ORDER BY u.message_id
             LIMIT ?",
        )?;
        let rows = list.query_map(params![account, after.0, limit as i64], |r| {
            Ok((
                MsgId(r.get(0)?),
                FolderId(r.get(1)?),
                r.get::<_, i64>(2)?,
                r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            ))
        })?;
        let mut raw = self
            .conn()
            .prepare_cached("SELECT raw FROM message_raw WHERE message_id = ?")?;
        let mut out = Vec::new();
        let mut bytes = 0;
        for row in rows {
            let (id, folder, date, size) = row?;
            if !out.is_empty() && bytes + size as usize > max_bytes {
                break;
            }
            bytes += size as usize;
            let raw: Vec<u8> = raw
                .query_row([id.0], |r| r.get(0))
                .optional()?
                .unwrap_or_default();
            out.push(Unindexed {
                id,
                folder,
                date,
                raw,
            });
        }
        Ok(out)
    }

    /// How many of `account`'s messages wait to be read.
    fn unindexed_count(&self, account: &str) -> Result<usize> {
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM unindexed u
             CROSS JOIN messages m ON m.id = u.message_id
             CROSS JOIN folders f ON f.id = m.folder_id
             WHERE f.account = ?",
            [account],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }
}

impl<T: Read + ?Sized> UnindexedRead for T {}

impl Tx<'_> {
    /// Record what the body of `id` tells: `parsed` is the whole message
    /// parsed (`NewMessage::from_parsed`), whose header columns replace the
    /// ones read from the headers alone; `None` when the parser failed, which
    /// keeps the header columns and gives no body. False when there was
    /// nothing to do: the message is gone, or was read meanwhile (by another
    /// connection, or in full by [`Tx::set_raw`]).
    pub fn set_indexed(&self, id: MsgId, parsed: Option<&NewMessage>) -> Result<bool> {
        let waiting = self
            .tx
            .prepare_cached("DELETE FROM unindexed WHERE message_id = ?")?
            .execute([id.0])?;
        if waiting == 0 {
            return Ok(false);
        }
        let Some(m) = parsed else {
            return Ok(true);
        };
        self.tx
            .prepare_cached(
                "UPDATE messages SET from_name = ?, from_addr = ?, recipients = ?, subject = ?,
                    has_attachments = ?, preview = ?
                 WHERE id = ?",
            )?
            .execute(params![
                m.from_name,
                m.from_addr,
                m.recipients,
                m.subject,
                m.has_attachments,
                m.preview,
                id.0
            ])?;
        self.insert_attachments(id, &m.attachments)?;
        self.index_message(id, m)?;
        Ok(true)
    }
}
