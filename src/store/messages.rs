//! Messages: list rows, raw bytes (kept apart), attachment metadata.

use rusqlite::{OptionalExtension, Row, params};

use super::folders::{FolderId, Role};
use super::{Read, Result, StoreError, Tx};
use crate::mail;

pub use crate::ids::MsgId;

/// Message flags, as a bit set (IMAP system flags plus `$Forwarded`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u32);

impl Flags {
    pub const SEEN: Flags = Flags(1);
    pub const ANSWERED: Flags = Flags(2);
    pub const FLAGGED: Flags = Flags(4);
    pub const DELETED: Flags = Flags(8);
    pub const DRAFT: Flags = Flags(16);
    pub const FORWARDED: Flags = Flags(32);

    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn with(self, other: Flags, on: bool) -> Flags {
        if on {
            Flags(self.0 | other.0)
        } else {
            Flags(self.0 & !other.0)
        }
    }
}

/// One row of the message list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageRow {
    pub id: MsgId,
    pub folder: FolderId,
    pub uid: Option<u32>,
    pub from_name: String,
    pub from_addr: String,
    pub recipients: String,
    pub subject: String,
    /// Unix seconds.
    pub date: i64,
    pub size: u64,
    pub flags: Flags,
    pub has_attachments: bool,
    pub preview: String,
    /// Only the headers are stored so far.
    pub partial: bool,
    pub message_id: Option<String>,
}

impl MessageRow {
    /// The sender as shown in a list: the name, else the address.
    pub fn sender(&self) -> &str {
        if self.from_name.trim().is_empty() {
            &self.from_addr
        } else {
            &self.from_name
        }
    }
}

/// A message to store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewMessage {
    pub uid: Option<u32>,
    pub pop_uidl: Option<String>,
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub refs: Option<String>,
    pub from_name: String,
    pub from_addr: String,
    pub recipients: String,
    pub subject: String,
    pub date: i64,
    pub internal_date: Option<i64>,
    pub size: u64,
    pub flags: Flags,
    pub has_attachments: bool,
    pub preview: String,
    /// True when `raw` holds only the headers.
    pub partial: bool,
    pub modseq: Option<u64>,
    /// The message as received (or its headers when `partial`).
    pub raw: Option<Vec<u8>>,
    /// The body's distinct words, for the search index's body column
    /// (see [`super::distinct_words`]).
    pub body_words: String,
    pub attachments: Vec<mail::Attachment>,
    /// Only the header columns are filled in: store the bytes now and read
    /// the body later (see [`super::unindexed`]); `attachments` and
    /// `body_words` are then ignored.
    pub body_later: bool,
}

const PREVIEW_CHARS: usize = 200;

impl NewMessage {
    /// Parse `raw` into a storable message. `arrival` (unix seconds) stands
    /// in for a missing or unreadable Date header.
    pub fn from_raw(raw: Vec<u8>, arrival: i64) -> NewMessage {
        let parsed = mail::parse(&raw);
        let mut m = NewMessage::from_parsed(&parsed, arrival);
        m.size = raw.len() as u64;
        m.raw = Some(raw);
        m
    }

    /// The list columns of a parsed message (no raw bytes).
    pub fn from_parsed(p: &mail::Message, arrival: i64) -> NewMessage {
        let (from_name, from_addr) = p
            .from
            .first()
            .map(|a| (a.name.clone().unwrap_or_default(), a.email.clone()))
            .unwrap_or_default();
        let recipients =
            p.to.iter()
                .chain(p.cc.iter())
                .map(|a| a.display())
                .collect::<Vec<_>>()
                .join(", ");
        NewMessage {
            message_id: p.message_id.clone(),
            in_reply_to: p.in_reply_to.first().cloned(),
            refs: (!p.references.is_empty()).then(|| p.references.join(" ")),
            from_name,
            from_addr,
            recipients,
            subject: p.subject.clone(),
            date: p.date.unwrap_or(arrival),
            internal_date: Some(arrival),
            size: p.size,
            has_attachments: p.attachments.iter().any(|a| !a.inline),
            preview: mail::preview(&p.text, PREVIEW_CHARS),
            body_words: super::distinct_words(&p.text),
            attachments: p.attachments.clone(),
            ..NewMessage::default()
        }
    }
}

const COLUMNS: &str = "m.id, m.folder_id, m.uid, m.from_name, m.from_addr, m.recipients,
    m.subject, m.date, m.size, m.flags, m.has_attachments, m.preview, m.partial, m.message_id";

pub(super) fn row(r: &Row) -> rusqlite::Result<MessageRow> {
    Ok(MessageRow {
        id: MsgId(r.get(0)?),
        folder: FolderId(r.get(1)?),
        uid: r.get(2)?,
        from_name: r.get(3)?,
        from_addr: r.get(4)?,
        recipients: r.get(5)?,
        subject: r.get(6)?,
        date: r.get(7)?,
        size: r.get::<_, i64>(8)? as u64,
        flags: Flags(r.get(9)?),
        has_attachments: r.get(10)?,
        preview: r.get(11)?,
        partial: r.get(12)?,
        message_id: r.get(13)?,
    })
}

pub(super) const ROW_COLUMNS: &str = COLUMNS;

/// Message queries.
pub trait MessageRead: Read {
    /// Rows `offset..offset+limit` of a folder, newest first.
    fn page(&self, folder: FolderId, offset: usize, limit: usize) -> Result<Vec<MessageRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM messages m WHERE m.folder_id = ?
             ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![folder.0, limit as i64, offset as i64], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The message of `account` that a reply with `In-Reply-To: message_id`
    /// answers: not a draft, a sent copy or one in the Outbox (those share
    /// thread headers but are the user's own); the oldest when several.
    fn original_by_message_id(&self, account: &str, message_id: &str) -> Result<Option<MsgId>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id
                 WHERE m.message_id = ?1 AND f.account = ?2
                   AND (f.role IS NULL OR f.role NOT IN (?3, ?4, ?5))
                 ORDER BY m.id LIMIT 1",
            )?
            .query_row(
                params![
                    message_id,
                    account,
                    Role::Drafts.as_str(),
                    Role::Sent.as_str(),
                    Role::Outbox.as_str()
                ],
                |r| Ok(MsgId(r.get(0)?)),
            )
            .optional()?)
    }

    /// The folder's kept message count (see the `v5_counts` migration).
    fn message_count(&self, folder: FolderId) -> Result<usize> {
        Ok(self
            .conn()
            .query_row("SELECT total FROM folders WHERE id = ?", [folder.0], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?
            .unwrap_or(0)
            .max(0) as usize)
    }

    fn message(&self, id: MsgId) -> Result<Option<MessageRow>> {
        let sql = format!("SELECT {COLUMNS} FROM messages m WHERE m.id = ?");
        Ok(self.conn().query_row(&sql, [id.0], row).optional()?)
    }

    fn message_by_uid(&self, folder: FolderId, uid: u32) -> Result<Option<MessageRow>> {
        let sql = format!("SELECT {COLUMNS} FROM messages m WHERE m.folder_id = ? AND m.uid = ?");
        Ok(self
            .conn()
            .query_row(&sql, params![folder.0, uid], row)
            .optional()?)
    }

    /// The stored bytes of a message (only headers when it is partial).
    fn raw(&self, id: MsgId) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT raw FROM message_raw WHERE message_id = ?",
                [id.0],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn attachments(&self, id: MsgId) -> Result<Vec<mail::Attachment>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT part, name, mime_type, size, inline FROM attachments
             WHERE message_id = ? ORDER BY part",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(mail::Attachment {
                part: r.get::<_, i64>(0)? as usize,
                name: r.get(1)?,
                mime_type: r.get(2)?,
                size: r.get::<_, i64>(3)? as u64,
                inline: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl<T: Read + ?Sized> MessageRead for T {}

impl Tx<'_> {
    /// Store a message in `folder`, with its raw bytes, attachments and
    /// search entry (or, with `body_later`, a place in the queue of bodies
    /// to read).
    pub fn insert_message(&self, folder: FolderId, m: &NewMessage) -> Result<MsgId> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO messages (folder_id, uid, pop_uidl, message_id, in_reply_to, refs,
                from_name, from_addr, recipients, subject, date, internal_date, size, flags,
                has_attachments, preview, partial, modseq)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?;
        stmt.execute(params![
            folder.0,
            m.uid,
            m.pop_uidl,
            m.message_id,
            m.in_reply_to,
            m.refs,
            m.from_name,
            m.from_addr,
            m.recipients,
            m.subject,
            m.date,
            m.internal_date,
            m.size as i64,
            m.flags.0,
            m.has_attachments,
            m.preview,
            m.partial,
            m.modseq.map(|v| v as i64),
        ])?;
        let id = MsgId(self.tx.last_insert_rowid());
        if let Some(raw) = &m.raw {
            self.tx
                .prepare_cached("INSERT INTO message_raw (message_id, raw) VALUES (?, ?)")?
                .execute(params![id.0, raw])?;
        }
        if m.body_later {
            self.tx
                .prepare_cached("INSERT INTO unindexed (message_id) VALUES (?)")?
                .execute([id.0])?;
        } else {
            self.insert_attachments(id, &m.attachments)?;
            self.index_message(id, m)?;
        }
        Ok(id)
    }

    /// Store many messages in one go (call inside one [`super::Store::write`]).
    pub fn insert_messages(&self, folder: FolderId, ms: &[NewMessage]) -> Result<Vec<MsgId>> {
        ms.iter().map(|m| self.insert_message(folder, m)).collect()
    }

    /// The full message arrived (IMAP body fetch, or a partial POP message
    /// downloaded in full): keep the bytes, refresh what they tell.
    pub fn set_raw(&self, id: MsgId, raw: &[u8]) -> Result<()> {
        let current = self.message(id)?.ok_or(StoreError::NotFound("message"))?;
        let parsed = mail::parse(raw);
        let mut m = NewMessage::from_parsed(&parsed, current.date);
        m.size = raw.len() as u64;
        self.tx.execute(
            "INSERT INTO message_raw (message_id, raw) VALUES (?1, ?2)
             ON CONFLICT (message_id) DO UPDATE SET raw = ?2",
            params![id.0, raw],
        )?;
        self.tx.execute(
            "UPDATE messages SET has_attachments = ?, preview = ?, partial = 0, size = ? WHERE id = ?",
            params![m.has_attachments, m.preview, m.size as i64, id.0],
        )?;
        self.tx
            .execute("DELETE FROM attachments WHERE message_id = ?", [id.0])?;
        self.insert_attachments(id, &m.attachments)?;
        self.tx
            .execute("DELETE FROM message_fts WHERE rowid = ?", [id.0])?;
        self.tx
            .execute("DELETE FROM unindexed WHERE message_id = ?", [id.0])?;
        m.from_name = current.from_name;
        m.from_addr = current.from_addr;
        m.recipients = current.recipients;
        m.subject = current.subject;
        self.index_message(id, &m)
    }

    pub fn set_flags(&self, id: MsgId, flags: Flags) -> Result<()> {
        self.tx.execute(
            "UPDATE messages SET flags = ? WHERE id = ?",
            params![flags.0, id.0],
        )?;
        Ok(())
    }

    /// Move a message to another folder. Its UID there is not known until
    /// the server says (IMAP), so it is cleared.
    pub fn move_message(&self, id: MsgId, to: FolderId) -> Result<()> {
        self.tx.execute(
            "UPDATE messages SET folder_id = ?, uid = NULL WHERE id = ?",
            params![to.0, id.0],
        )?;
        Ok(())
    }

    pub fn set_uid(&self, id: MsgId, uid: Option<u32>) -> Result<()> {
        self.tx.execute(
            "UPDATE messages SET uid = ? WHERE id = ?",
            params![uid, id.0],
        )?;
        Ok(())
    }

    /// Remove a message with its bytes, attachments and search entry.
    pub fn delete_message(&self, id: MsgId) -> Result<()> {
        self.tx
            .execute("DELETE FROM messages WHERE id = ?", [id.0])?;
        Ok(())
    }

    pub(super) fn insert_attachments(&self, id: MsgId, atts: &[mail::Attachment]) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO attachments (message_id, part, name, mime_type, size, inline)
             VALUES (?, ?, ?, ?, ?, ?)",
        )?;
        for a in atts {
            stmt.execute(params![
                id.0,
                a.part as i64,
                a.name,
                a.mime_type,
                a.size as i64,
                a.inline
            ])?;
        }
        Ok(())
    }

    pub(super) fn index_message(&self, id: MsgId, m: &NewMessage) -> Result<()> {
        self.index_later(
            id,
            format!("{} {}", m.from_name, m.from_addr),
            m.recipients.clone(),
            m.subject.clone(),
            m.body_words.clone(),
        );
        Ok(())
    }
}
