//! The search index (FTS5) is written at the end of a transaction.
//!
//! FTS5 keeps new entries in memory and writes them out as a new index
//! segment whenever a statement opens a savepoint, and every insert into
//! `messages` does (its triggers make it a multi-row statement). Indexing
//! each message right after its row therefore wrote one segment per message
//! and kept FTS5 busy merging them: in a profile of a 10,000-message sync
//! that flushing and merging was a fifth of the writer's time. Queued here
//! and written last, a batch of messages becomes one segment.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, params};

use super::messages::MsgId;
use super::{Result, Tx};

/// One message's search entry.
struct Entry {
    id: MsgId,
    sender: String,
    recipients: String,
    subject: String,
    body: String,
}

/// Entries waiting for the end of their transaction.
#[derive(Default)]
pub(super) struct Pending(RefCell<Vec<Entry>>);

impl Tx<'_> {
    /// Queue a message's search entry; [`Store::write`](super::Store::write)
    /// writes it before committing. A later entry for the same message
    /// replaces an earlier one.
    pub(super) fn index_later(
        &self,
        id: MsgId,
        sender: String,
        recipients: String,
        subject: String,
        body: String,
    ) {
        self.index.0.borrow_mut().push(Entry {
            id,
            sender,
            recipients,
            subject,
            body,
        });
    }

    /// Write the queued entries of messages that still exist (one deleted
    /// later in the same transaction gets none: its row id may be reused).
    pub(super) fn index_pending(&self) -> Result<()> {
        let entries = std::mem::take(&mut *self.index.0.borrow_mut());
        if entries.is_empty() {
            return Ok(());
        }
        let mut last: HashMap<MsgId, usize> = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            last.insert(e.id, i);
        }
        let mut exists = self
            .tx
            .prepare_cached("SELECT 1 FROM messages WHERE id = ?")?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO message_fts (rowid, sender, recipients, subject, body) VALUES (?, ?, ?, ?, ?)",
        )?;
        for (i, e) in entries.iter().enumerate() {
            if last.get(&e.id) != Some(&i) {
                continue;
            }
            if exists.query_row([e.id.0], |_| Ok(())).optional()?.is_none() {
                continue;
            }
            insert.execute(params![e.id.0, e.sender, e.recipients, e.subject, e.body])?;
        }
        Ok(())
    }
}

/// Bytes that end a word for the search index's tokenizer: every ASCII byte
/// that is not a letter or digit (unicode61's separators in ASCII). Bytes of
/// multi-byte characters are never separators here; unicode61 decides.
const SEPARATOR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !(b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The distinct words of `text`, space-separated, for the body column.
///
/// The index records only which messages contain a word (`detail=column`),
/// not where or how often, so the distinct words index exactly like the whole
/// text. Tokenizing was most of the writer's time in a 10,000-message sync,
/// and a message's 1,500 words are typically 300 distinct ones; reducing
/// them here, on the parse thread, leaves the writer a fifth of the work.
///
/// The result yields the same tokens as `text`: it is cut only at ASCII
/// separators, and ASCII upper case is folded as the tokenizer folds it.
pub fn distinct_words(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut seen: HashSet<&[u8], foldhash::fast::FixedState> =
        HashSet::with_capacity_and_hasher(512, foldhash::fast::FixedState::default());
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let mut start = None;
    for (i, &b) in bytes.iter().chain(std::iter::once(&b' ')).enumerate() {
        match (SEPARATOR[b as usize], start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let word = &bytes[s..i];
                if seen.insert(word) {
                    out.extend_from_slice(word);
                    out.push(b' ');
                }
                start = None;
            }
            _ => {}
        }
    }
    out.pop();
    // Cut only at ASCII bytes, so still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}
