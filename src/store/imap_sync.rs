//! Store queries and writes the IMAP engine needs: messages by UID,
//! insert-or-ignore, flag and expunge updates, the UIDVALIDITY reset (with
//! bodies kept aside for reuse by Message-ID + size) and the quota.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::folders::FolderId;
use super::messages::{Flags, MessageRead, MsgId, NewMessage};
use super::{Read, Result, Tx};
use crate::mail;

/// A stored message of an IMAP folder, by its server identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UidEntry {
    pub id: MsgId,
    pub uid: u32,
    pub flags: Flags,
}

/// A message whose body is not stored yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartialEntry {
    pub id: MsgId,
    pub uid: u32,
    /// Bytes, as the server reported (RFC822.SIZE).
    pub size: u64,
}

/// What the server says about an account's storage (IMAP QUOTA).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quota {
    pub account: String,
    /// The quota root, e.g. `User quota`.
    pub root: String,
    /// Bytes used and allowed (IMAP reports KiB; stored as bytes).
    pub storage_used: Option<u64>,
    pub storage_limit: Option<u64>,
    pub messages_used: Option<u64>,
    pub messages_limit: Option<u64>,
    /// Unix seconds when it was read.
    pub updated: i64,
}

/// IMAP queries.
pub trait ImapRead: Read {
    /// Every message of `folder` that has a UID, by UID.
    fn imap_uids(&self, folder: FolderId) -> Result<HashMap<u32, UidEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, uid, flags FROM messages WHERE folder_id = ? AND uid IS NOT NULL",
        )?;
        let rows = stmt.query_map([folder.0], |r| {
            Ok(UidEntry {
                id: MsgId(r.get(0)?),
                uid: r.get(1)?,
                flags: Flags(r.get(2)?),
            })
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let e = row?;
            out.insert(e.uid, e);
        }
        Ok(out)
    }

    /// How many messages of `folder` have a UID.
    fn imap_uid_count(&self, folder: FolderId) -> Result<usize> {
        // The kept total less the few without a UID (a partial index), not
        // a count over the whole folder.
        Ok(self
            .conn()
            .query_row(
                "SELECT f.total - (SELECT count(*) FROM messages m
                                   WHERE m.folder_id = f.id AND m.uid IS NULL)
                 FROM folders f WHERE f.id = ?",
                [folder.0],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .unwrap_or(0)
            .max(0) as usize)
    }

    /// Messages of `folder` stored with headers only, highest UID first;
    /// with `since`, only those that arrived at or after it (unix seconds).
    fn imap_partial(
        &self,
        folder: FolderId,
        since: Option<i64>,
        limit: usize,
    ) -> Result<Vec<PartialEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, uid, size FROM messages
             WHERE folder_id = ?1 AND uid IS NOT NULL AND partial = 1
               AND (?2 IS NULL OR coalesce(internal_date, date) >= ?2)
             ORDER BY uid DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![folder.0, since, limit as i64], |r| {
            Ok(PartialEntry {
                id: MsgId(r.get(0)?),
                uid: r.get(1)?,
                size: r.get::<_, i64>(2)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether bodies from before a UIDVALIDITY change wait for reuse.
    fn imap_has_body_cache(&self, folder: FolderId) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM imap_body_cache WHERE folder_id = ? LIMIT 1",
                [folder.0],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The account's quota, when the server reported one.
    fn quota(&self, account: &str) -> Result<Option<Quota>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT account, root, storage_used, storage_limit, messages_used, messages_limit, updated
                 FROM quota WHERE account = ?",
                [account],
                |r| {
                    let n = |i: usize| r.get::<_, Option<i64>>(i).map(|v| v.map(|v| v.max(0) as u64));
                    Ok(Quota {
                        account: r.get(0)?,
                        root: r.get(1)?,
                        storage_used: n(2)?,
                        storage_limit: n(3)?,
                        messages_used: n(4)?,
                        messages_limit: n(5)?,
                        updated: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }
}

impl<T: Read + ?Sized> ImapRead for T {}

fn opt_i64(v: Option<u64>) -> Option<i64> {
    v.map(|v| i64::try_from(v).unwrap_or(i64::MAX))
}

impl Tx<'_> {
    /// Store a message fetched from the server unless `folder` already has
    /// its UID (a resumed sync: no duplicates). None when it was there.
    pub fn imap_insert(&self, folder: FolderId, m: &NewMessage) -> Result<Option<MsgId>> {
        if let Some(uid) = m.uid {
            let exists = self
                .tx
                .prepare_cached("SELECT 1 FROM messages WHERE folder_id = ? AND uid = ?")?
                .query_row(params![folder.0, uid], |_| Ok(()))
                .optional()?
                .is_some();
            if exists {
                return Ok(None);
            }
        }
        self.insert_message(folder, m).map(Some)
    }

    /// The server's flags for `uid`; true when they changed.
    pub fn imap_set_flags(
        &self,
        folder: FolderId,
        uid: u32,
        flags: Flags,
        modseq: Option<u64>,
    ) -> Result<bool> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE messages SET flags = ?3, modseq = coalesce(?4, modseq)
                 WHERE folder_id = ?1 AND uid = ?2 AND flags != ?3",
            )?
            .execute(params![folder.0, uid, flags.0, opt_i64(modseq)])?;
        Ok(n > 0)
    }

    /// Remove the messages with these UIDs (expunged on the server).
    pub fn imap_remove_uids(&self, folder: FolderId, uids: &[u32]) -> Result<usize> {
        let mut stmt = self
            .tx
            .prepare_cached("DELETE FROM messages WHERE folder_id = ? AND uid = ?")?;
        let mut n = 0;
        for uid in uids {
            n += stmt.execute(params![folder.0, uid])?;
        }
        Ok(n)
    }

    /// Remove the messages with UIDs in `lo..=hi` (a VANISHED range).
    pub fn imap_remove_uid_range(&self, folder: FolderId, lo: u32, hi: u32) -> Result<usize> {
        Ok(self
            .tx
            .prepare_cached("DELETE FROM messages WHERE folder_id = ? AND uid BETWEEN ? AND ?")?
            .execute(params![folder.0, lo, hi])?)
    }

    /// The folder's UIDVALIDITY changed: every UID it knew is void. Whole
    /// bodies are kept aside (by Message-ID + size) for
    /// [`Tx::imap_take_cached_body`], the messages are removed, and the
    /// sync state restarts at `uidvalidity`. Returns how many were removed.
    pub fn imap_reset_folder(&self, folder: FolderId, uidvalidity: u32) -> Result<usize> {
        self.tx.execute(
            "INSERT INTO imap_body_cache (folder_id, message_id, size, raw)
             SELECT m.folder_id, m.message_id, m.size, r.raw
             FROM messages m JOIN message_raw r ON r.message_id = m.id
             WHERE m.folder_id = ? AND m.partial = 0 AND m.message_id IS NOT NULL",
            [folder.0],
        )?;
        let n = self.tx.execute(
            "DELETE FROM messages WHERE folder_id = ? AND uid IS NOT NULL",
            [folder.0],
        )?;
        self.set_sync_state(folder, Some(uidvalidity), None, None)?;
        Ok(n)
    }

    /// A body kept by [`Tx::imap_reset_folder`] for this Message-ID and
    /// size, removed from the cache.
    pub fn imap_take_cached_body(
        &self,
        folder: FolderId,
        message_id: &str,
        size: u64,
    ) -> Result<Option<Vec<u8>>> {
        let hit: Option<(i64, Vec<u8>)> = self
            .tx
            .prepare_cached(
                "SELECT rowid, raw FROM imap_body_cache
                 WHERE folder_id = ? AND message_id = ? AND size = ? LIMIT 1",
            )?
            .query_row(params![folder.0, message_id, size as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(match hit {
            Some((rowid, raw)) => {
                self.tx
                    .execute("DELETE FROM imap_body_cache WHERE rowid = ?", [rowid])?;
                Some(raw)
            }
            None => None,
        })
    }

    /// The folder is whole again: drop bodies nobody claimed.
    pub fn imap_clear_body_cache(&self, folder: FolderId) -> Result<()> {
        self.tx.execute(
            "DELETE FROM imap_body_cache WHERE folder_id = ?",
            [folder.0],
        )?;
        Ok(())
    }

    pub fn set_quota(&self, q: &Quota) -> Result<()> {
        self.tx.execute(
            "INSERT INTO quota (account, root, storage_used, storage_limit, messages_used, messages_limit, updated)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (account) DO UPDATE SET root = ?2, storage_used = ?3, storage_limit = ?4,
                 messages_used = ?5, messages_limit = ?6, updated = ?7",
            params![
                q.account,
                q.root,
                opt_i64(q.storage_used),
                opt_i64(q.storage_limit),
                opt_i64(q.messages_used),
                opt_i64(q.messages_limit),
                q.updated
            ],
        )?;
        Ok(())
    }

    /// Remove messages of the account's server folders that have no UID
    /// (a local move, copy or append whose server side was dropped or
    /// never learnt its UID; the server's copy arrives with the next sync).
    /// Returns the folders that changed.
    pub fn imap_remove_orphans(&self, account: &str) -> Result<Vec<FolderId>> {
        let mut stmt = self.tx.prepare_cached(
            "DELETE FROM messages WHERE uid IS NULL AND folder_id IN
               (SELECT id FROM folders WHERE account = ? AND local_only = 0)
             RETURNING folder_id",
        )?;
        let mut folders: Vec<FolderId> = stmt
            .query_map([account], |r| Ok(FolderId(r.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        folders.sort();
        folders.dedup();
        Ok(folders)
    }

    /// Give a message the UID the server assigned, when it is still in
    /// `folder` without one. True when it was set.
    pub fn imap_assign_uid(&self, id: MsgId, folder: FolderId, uid: u32) -> Result<bool> {
        let taken = self
            .tx
            .prepare_cached("SELECT 1 FROM messages WHERE folder_id = ? AND uid = ?")?
            .query_row(params![folder.0, uid], |_| Ok(()))
            .optional()?
            .is_some();
        if taken {
            // The sync fetched it already: the local copy is the duplicate.
            self.delete_message(id)?;
            return Ok(false);
        }
        let n = self.tx.execute(
            "UPDATE messages SET uid = ? WHERE id = ? AND folder_id = ? AND uid IS NULL",
            params![uid, id.0, folder.0],
        )?;
        Ok(n > 0)
    }

    /// A copy of a message (list data, bytes, attachments, search entry) in
    /// `to`, without a UID until the server says.
    pub fn imap_copy_message(&self, id: MsgId, to: FolderId) -> Result<Option<MsgId>> {
        let Some(row) = self.message(id)? else {
            return Ok(None);
        };
        self.tx.execute(
            "INSERT INTO messages (folder_id, uid, message_id, in_reply_to, refs, from_name,
                from_addr, recipients, subject, date, internal_date, size, flags, keywords,
                has_attachments, preview, partial, modseq)
             SELECT ?, NULL, message_id, in_reply_to, refs, from_name, from_addr, recipients,
                subject, date, internal_date, size, flags, keywords, has_attachments, preview,
                partial, NULL
             FROM messages WHERE id = ?",
            params![to.0, id.0],
        )?;
        let copy = MsgId(self.tx.last_insert_rowid());
        self.tx.execute(
            "INSERT INTO message_raw (message_id, raw) SELECT ?, raw FROM message_raw WHERE message_id = ?",
            params![copy.0, id.0],
        )?;
        self.tx.execute(
            "INSERT INTO attachments (message_id, part, name, mime_type, size, inline)
             SELECT ?, part, name, mime_type, size, inline FROM attachments WHERE message_id = ?",
            params![copy.0, id.0],
        )?;
        let body = match (row.partial, self.raw(id)?) {
            (false, Some(raw)) => super::distinct_words(&mail::parse(&raw).text),
            _ => String::new(),
        };
        self.index_later(
            copy,
            format!("{} {}", row.from_name, row.from_addr),
            row.recipients,
            row.subject,
            body,
        );
        Ok(Some(copy))
    }

    /// Remove every message of `folder` (emptying the Trash).
    pub fn imap_clear_folder(&self, folder: FolderId) -> Result<usize> {
        Ok(self
            .tx
            .execute("DELETE FROM messages WHERE folder_id = ?", [folder.0])?)
    }

    /// Rename a folder and every folder under it (`from` + delimiter + …).
    pub fn imap_rename_tree(
        &self,
        account: &str,
        from: &str,
        to: &str,
        delimiter: Option<&str>,
    ) -> Result<()> {
        if let Some(d) = delimiter.filter(|d| !d.is_empty()) {
            let prefix = format!("{from}{d}");
            self.tx.execute(
                "UPDATE folders SET name = ?3 || substr(name, ?4)
                 WHERE account = ?1 AND substr(name, 1, length(?2)) = ?2",
                params![
                    account,
                    prefix,
                    format!("{to}{d}"),
                    prefix.chars().count() as i64 + 1
                ],
            )?;
        }
        self.tx.execute(
            "UPDATE folders SET name = ? WHERE account = ? AND name = ?",
            params![to, account, from],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FolderRead, NewFolder, Role, Store};

    fn msg(uid: Option<u32>, mid: &str, size: u64, partial: bool) -> NewMessage {
        NewMessage {
            uid,
            message_id: Some(mid.into()),
            subject: format!("Ämne {mid}"),
            date: 1_700_000_000,
            size,
            partial,
            raw: Some(format!("Message-ID: <{mid}>\r\n\r\nHej").into_bytes()),
            ..NewMessage::default()
        }
    }

    fn setup() -> (Store, FolderId, FolderId) {
        let mut s = Store::open_in_memory().unwrap();
        let (a, b) = s
            .write(|tx| {
                Ok((
                    tx.upsert_folder("acc", &NewFolder::new("INBOX", Some(Role::Inbox)))?,
                    tx.upsert_folder("acc", &NewFolder::new("Arkiv", Some(Role::Archive)))?,
                ))
            })
            .unwrap();
        (s, a, b)
    }

    #[test]
    fn insert_is_keyed_by_folder_and_uid() {
        let (mut s, inbox, arkiv) = setup();
        let first = s
            .write(|tx| tx.imap_insert(inbox, &msg(Some(7), "a", 10, false)))
            .unwrap();
        assert!(first.is_some());
        let again = s
            .write(|tx| tx.imap_insert(inbox, &msg(Some(7), "a", 10, false)))
            .unwrap();
        assert_eq!(again, None, "a resumed sync stores nothing twice");
        assert!(
            s.write(|tx| tx.imap_insert(arkiv, &msg(Some(7), "a", 10, false)))
                .unwrap()
                .is_some()
        );
        assert_eq!(s.imap_uid_count(inbox).unwrap(), 1);
        assert!(
            s.write(|tx| tx.imap_set_flags(inbox, 7, Flags::SEEN, Some(5)))
                .unwrap()
        );
        assert!(
            !s.write(|tx| tx.imap_set_flags(inbox, 7, Flags::SEEN, Some(6)))
                .unwrap(),
            "no change"
        );
        assert_eq!(s.imap_uids(inbox).unwrap()[&7].flags, Flags::SEEN);
        assert_eq!(
            s.write(|tx| tx.imap_remove_uid_range(inbox, 1, 100))
                .unwrap(),
            1
        );
    }

    #[test]
    fn a_reset_keeps_whole_bodies_for_reuse() {
        let (mut s, inbox, _) = setup();
        s.write(|tx| {
            tx.imap_insert(inbox, &msg(Some(1), "full", 100, false))?;
            tx.imap_insert(inbox, &msg(Some(2), "head", 200, true))?;
            tx.set_sync_state(inbox, Some(5), Some(3), Some(9))
        })
        .unwrap();
        assert_eq!(s.write(|tx| tx.imap_reset_folder(inbox, 6)).unwrap(), 2);
        let f = s.folder(inbox).unwrap().unwrap();
        assert_eq!(
            (f.uidvalidity, f.uidnext, f.highestmodseq, f.total),
            (Some(6), None, None, 0)
        );
        assert!(s.imap_has_body_cache(inbox).unwrap());
        let hit = s
            .write(|tx| tx.imap_take_cached_body(inbox, "full", 100))
            .unwrap();
        assert!(hit.is_some_and(|r| r.starts_with(b"Message-ID: <full>")));
        assert_eq!(
            s.write(|tx| tx.imap_take_cached_body(inbox, "full", 100))
                .unwrap(),
            None,
            "taken once"
        );
        assert_eq!(
            s.write(|tx| tx.imap_take_cached_body(inbox, "head", 200))
                .unwrap(),
            None,
            "headers are not kept"
        );
        s.write(|tx| tx.imap_clear_body_cache(inbox)).unwrap();
        assert!(!s.imap_has_body_cache(inbox).unwrap());
    }

    #[test]
    fn uids_of_moved_messages_and_orphans() {
        let (mut s, inbox, arkiv) = setup();
        let id = s
            .write(|tx| tx.imap_insert(inbox, &msg(Some(1), "m", 10, false)))
            .unwrap()
            .unwrap();
        s.write(|tx| tx.move_message(id, arkiv)).unwrap();
        assert!(s.write(|tx| tx.imap_assign_uid(id, arkiv, 40)).unwrap());
        assert_eq!(s.imap_uids(arkiv).unwrap()[&40].id, id);
        // A copy waits for its UID; without one it is an orphan.
        let copy = s
            .write(|tx| tx.imap_copy_message(id, inbox))
            .unwrap()
            .unwrap();
        assert_eq!(s.raw(copy).unwrap(), s.raw(id).unwrap());
        assert_eq!(s.message(copy).unwrap().unwrap().uid, None);
        assert_eq!(
            s.write(|tx| tx.imap_remove_orphans("acc")).unwrap(),
            vec![inbox]
        );
        assert!(s.message(copy).unwrap().is_none());
        // A UID the sync already stored: the local duplicate goes.
        let dup = s
            .write(|tx| tx.imap_copy_message(id, arkiv))
            .unwrap()
            .unwrap();
        assert!(!s.write(|tx| tx.imap_assign_uid(dup, arkiv, 40)).unwrap());
        assert!(s.message(dup).unwrap().is_none());
    }

    #[test]
    fn partial_messages_newest_first_and_quota() {
        let (mut s, inbox, _) = setup();
        s.write(|tx| {
            for uid in 1..=5 {
                tx.imap_insert(inbox, &msg(Some(uid), &format!("p{uid}"), 10, uid != 3))?;
            }
            Ok(())
        })
        .unwrap();
        let uids: Vec<u32> = s
            .imap_partial(inbox, None, 10)
            .unwrap()
            .iter()
            .map(|e| e.uid)
            .collect();
        assert_eq!(uids, vec![5, 4, 2, 1]);
        assert_eq!(s.imap_partial(inbox, None, 2).unwrap().len(), 2);
        assert!(
            s.imap_partial(inbox, Some(1_800_000_000), 10)
                .unwrap()
                .is_empty()
        );
        assert_eq!(s.quota("acc").unwrap(), None);
        let q = Quota {
            account: "acc".into(),
            root: "User quota".into(),
            storage_used: Some(2048),
            storage_limit: Some(10 << 30),
            messages_used: None,
            messages_limit: None,
            updated: 1,
        };
        s.write(|tx| tx.set_quota(&q)).unwrap();
        assert_eq!(s.quota("acc").unwrap(), Some(q));
    }

    #[test]
    fn renaming_a_tree() {
        let (mut s, _, _) = setup();
        s.write(|tx| {
            for n in ["Kvitton", "Kvitton/2024", "Kvitton/2024/Mars", "Kvittonen"] {
                tx.upsert_folder("acc", &NewFolder::new(n, None))?;
            }
            tx.imap_rename_tree("acc", "Kvitton", "Räkningar", Some("/"))
        })
        .unwrap();
        let names: Vec<String> = s
            .folders("acc")
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        for n in [
            "Räkningar",
            "Räkningar/2024",
            "Räkningar/2024/Mars",
            "Kvittonen",
        ] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
    }
}
