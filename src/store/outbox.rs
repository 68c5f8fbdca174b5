//! The Outbox: messages waiting to be sent, with their SMTP envelope and
//! sending state, and what the engine learnt about each account's
//! outgoing server (its SIZE limit).
//!
//! The message itself is an ordinary row in the account's Outbox folder
//! (raw bytes, with Bcc: the sender's own copy; sending strips it); `outbox`
//! holds the rest, keyed by that row.
//! States: `queued` → `sending` (made durable before DATA) → gone (moved to
//! Sent). A failure goes back to `failed` with the reason; a process that
//! died, or a connection that broke, while `sending` leaves `maybe_sent`,
//! which is never retried without the user.

use rusqlite::{OptionalExtension, Row, params};

use super::folders::FolderId;
use super::messages::{MsgId, NewMessage};
use super::{Read, Result, Tx};

/// Where an outgoing message stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting for the engine.
    Queued,
    /// Being sent right now (or the process died while it was).
    Sending,
    /// The last attempt failed; retried on the next check.
    Failed(String),
    /// The connection broke after the message was handed over: it may have
    /// been sent. Kept for the user to decide.
    MaybeSent,
}

impl OutboxState {
    fn as_str(&self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Failed(_) => "failed",
            OutboxState::MaybeSent => "maybe_sent",
        }
    }

    fn from_db(state: &str, error: Option<String>) -> OutboxState {
        match state {
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "maybe_sent" => OutboxState::MaybeSent,
            _ => OutboxState::Failed(error.unwrap_or_default()),
        }
    }

    /// The engine may try it (again) without asking the user.
    pub fn is_sendable(&self) -> bool {
        matches!(self, OutboxState::Queued | OutboxState::Failed(_))
    }

    /// Translated words for the UI.
    pub fn user_message(&self) -> String {
        match self {
            OutboxState::Queued => crate::fl!("send-state-queued"),
            OutboxState::Sending => crate::fl!("send-state-sending"),
            OutboxState::Failed(reason) => {
                crate::fl!("send-state-failed", reason = reason.clone())
            }
            OutboxState::MaybeSent => crate::fl!("send-state-maybe-sent"),
        }
    }
}

/// One message in the Outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxEntry {
    /// Its row in the Outbox folder.
    pub message: MsgId,
    pub account: String,
    /// Envelope sender (ASCII).
    pub sender: String,
    /// Envelope recipients, To + Cc + Bcc (ASCII domains).
    pub recipients: Vec<String>,
    pub state: OutboxState,
    /// Attempts that failed so far.
    pub attempts: u32,
    /// Mark this message answered once sent.
    pub replying_to: Option<MsgId>,
    /// Mark this message forwarded once sent.
    pub forwarding: Option<MsgId>,
    pub subject: String,
    /// When it was put in the Outbox (unix seconds).
    pub created: i64,
}

/// What goes with a message into the Outbox.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewOutgoing {
    pub sender: String,
    pub recipients: Vec<String>,
    pub replying_to: Option<MsgId>,
    pub forwarding: Option<MsgId>,
}

const COLUMNS: &str = "o.message_id, o.account, o.sender, o.recipients, o.state, o.error,
    o.attempts, o.replying_to, o.forwarding, m.subject, o.created";

fn from_row(r: &Row) -> rusqlite::Result<OutboxEntry> {
    let recipients: String = r.get(3)?;
    let state: String = r.get(4)?;
    Ok(OutboxEntry {
        message: MsgId(r.get(0)?),
        account: r.get(1)?,
        sender: r.get(2)?,
        recipients: recipients
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        state: OutboxState::from_db(&state, r.get(5)?),
        attempts: r.get(6)?,
        replying_to: r.get::<_, Option<i64>>(7)?.map(MsgId),
        forwarding: r.get::<_, Option<i64>>(8)?.map(MsgId),
        subject: r.get(9)?,
        created: r.get(10)?,
    })
}

pub trait OutboxRead: Read {
    /// An account's Outbox, oldest first.
    fn outbox(&self, account: &str) -> Result<Vec<OutboxEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox o JOIN messages m ON m.id = o.message_id
             WHERE o.account = ? ORDER BY o.created, o.message_id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([account], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn outbox_entry(&self, message: MsgId) -> Result<Option<OutboxEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox o JOIN messages m ON m.id = o.message_id
             WHERE o.message_id = ?"
        );
        Ok(self
            .conn()
            .query_row(&sql, [message.0], from_row)
            .optional()?)
    }

    /// The outgoing server's SIZE limit in bytes, when it announced one.
    fn smtp_size_limit(&self, account: &str) -> Result<Option<u64>> {
        let v: Option<Option<i64>> = self
            .conn()
            .query_row(
                "SELECT size_limit FROM smtp_info WHERE account = ?",
                [account],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.flatten().and_then(|n| u64::try_from(n).ok()))
    }
}

impl<T: Read + ?Sized> OutboxRead for T {}

impl Tx<'_> {
    /// Store `m` in the Outbox folder `folder` with its envelope, state
    /// `queued`.
    pub fn queue_outgoing(
        &self,
        account: &str,
        folder: FolderId,
        m: &NewMessage,
        out: &NewOutgoing,
        now: i64,
    ) -> Result<MsgId> {
        let id = self.insert_message(folder, m)?;
        self.tx.execute(
            "INSERT INTO outbox (message_id, account, sender, recipients, state, attempts,
                replying_to, forwarding, created)
             VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?)",
            params![
                id.0,
                account,
                out.sender,
                out.recipients.join("\n"),
                out.replying_to.map(|m| m.0),
                out.forwarding.map(|m| m.0),
                now
            ],
        )?;
        Ok(id)
    }

    /// Change an entry's state; `Failed` also counts an attempt.
    pub fn set_outbox_state(&self, message: MsgId, state: &OutboxState) -> Result<()> {
        let error = match state {
            OutboxState::Failed(reason) => Some(reason.as_str()),
            _ => None,
        };
        let failed = i64::from(matches!(state, OutboxState::Failed(_)));
        self.tx.execute(
            "UPDATE outbox SET state = ?, error = ?, attempts = attempts + ? WHERE message_id = ?",
            params![state.as_str(), error, failed, message.0],
        )?;
        Ok(())
    }

    /// Forget the envelope (the message was sent, or given up); the message
    /// row stays where it is until moved or deleted.
    pub fn remove_outbox_entry(&self, message: MsgId) -> Result<()> {
        self.tx
            .execute("DELETE FROM outbox WHERE message_id = ?", [message.0])?;
        Ok(())
    }

    /// After a restart: what was `sending` when the process ended may have
    /// been sent. Returns how many entries that was.
    pub fn outbox_interrupted(&self, account: &str) -> Result<usize> {
        Ok(self.tx.execute(
            "UPDATE outbox SET state = 'maybe_sent' WHERE account = ? AND state = 'sending'",
            [account],
        )?)
    }

    /// Remember the outgoing server's SIZE limit (None: it gave none).
    pub fn set_smtp_size_limit(&self, account: &str, limit: Option<u64>) -> Result<()> {
        self.tx.execute(
            "INSERT INTO smtp_info (account, size_limit) VALUES (?1, ?2)
             ON CONFLICT (account) DO UPDATE SET size_limit = ?2",
            params![account, limit.and_then(|n| i64::try_from(n).ok())],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FolderRead, MessageRead, NewFolder, Role, Store};

    #[test]
    fn states_survive_and_interrupted_sends_become_maybe_sent() {
        let mut s = Store::open_in_memory().unwrap();
        let raw = b"From: a@b.c\r\nTo: d@e.f\r\nSubject: Hej\r\n\r\nx\r\n".to_vec();
        let out = NewOutgoing {
            sender: "a@b.c".into(),
            recipients: vec!["d@e.f".into(), "g@h.i".into()],
            replying_to: Some(MsgId(42)),
            forwarding: None,
        };
        let id = s
            .write(|tx| {
                let f =
                    tx.upsert_folder("acc", &NewFolder::new("Outbox", Some(Role::Outbox)).local())?;
                tx.queue_outgoing("acc", f, &NewMessage::from_raw(raw.clone(), 5), &out, 5)
            })
            .unwrap();
        let e = s.outbox_entry(id).unwrap().unwrap();
        assert_eq!(e.state, OutboxState::Queued);
        assert_eq!(e.recipients, out.recipients);
        assert_eq!(e.replying_to, Some(MsgId(42)));
        assert_eq!(e.subject, "Hej");
        assert_eq!(s.raw(id).unwrap().unwrap(), raw);

        s.write(|tx| tx.set_outbox_state(id, &OutboxState::Failed("offline".into())))
            .unwrap();
        let e = s.outbox_entry(id).unwrap().unwrap();
        assert_eq!(
            (e.state.clone(), e.attempts),
            (OutboxState::Failed("offline".into()), 1)
        );
        assert!(e.state.is_sendable());

        s.write(|tx| tx.set_outbox_state(id, &OutboxState::Sending))
            .unwrap();
        assert_eq!(s.write(|tx| tx.outbox_interrupted("other")).unwrap(), 0);
        assert_eq!(s.write(|tx| tx.outbox_interrupted("acc")).unwrap(), 1);
        let e = s.outbox_entry(id).unwrap().unwrap();
        assert_eq!(e.state, OutboxState::MaybeSent);
        assert!(!e.state.is_sendable());

        assert_eq!(s.smtp_size_limit("acc").unwrap(), None);
        s.write(|tx| tx.set_smtp_size_limit("acc", Some(1000)))
            .unwrap();
        assert_eq!(s.smtp_size_limit("acc").unwrap(), Some(1000));

        // Deleting the message takes its envelope along.
        s.write(|tx| tx.delete_message(id)).unwrap();
        assert!(s.outbox("acc").unwrap().is_empty());
        let f = s.folder_by_role("acc", Role::Outbox).unwrap().unwrap();
        assert_eq!(s.message_count(f.id).unwrap(), 0);
    }
}
