//! Versioned migrations. `PRAGMA user_version` holds the version a database
//! is at; opening a store applies the missing steps in order, each in its own
//! transaction, so an existing database is upgraded in place.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::StoreError;

type Step = fn(&Transaction) -> rusqlite::Result<()>;

/// Every migration, in order. Version N is reached after applying `MIGRATIONS[N-1]`.
pub(crate) const MIGRATIONS: &[Step] = &[
    v1_mail,
    v2_search,
    v3_imap,
    v4_outbox,
    v5_counts,
    v6_search_words,
    v7_pop_states,
    v8_unindexed,
];

pub(crate) fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Bring `conn` up to `target` (normally [`current_version`]).
pub(crate) fn migrate(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > current_version() {
        return Err(StoreError::TooNew {
            found,
            supported: current_version(),
        });
    }
    apply(conn, found, target)
}

/// Apply the steps from `found` up to `target`. Each step takes the write
/// lock first and reads the version again inside it: another connection
/// (another engine, or `brev sync` in a terminal) may have applied it
/// meanwhile, and a step must never run twice. Rebuilding the search index
/// of a big store takes seconds, so waiting for the lock may too.
fn apply(conn: &mut Connection, found: i64, target: i64) -> Result<(), StoreError> {
    if found >= target.min(current_version()) {
        return Ok(());
    }
    conn.busy_timeout(std::time::Duration::from_secs(120))?;
    for version in found..target.min(current_version()) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now <= version {
            MIGRATIONS[version as usize](&tx)?;
            tx.pragma_update(None, "user_version", version + 1)?;
        }
        tx.commit()?;
    }
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Folders, messages (list columns), raw bytes, attachments, the offline
/// operation queue and POP's record of downloaded messages.
fn v1_mail(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE folders (
            id            INTEGER PRIMARY KEY,
            account       TEXT NOT NULL,
            name          TEXT NOT NULL,          -- full server path, e.g. "INBOX/Kvitton"
            delimiter     TEXT,                   -- hierarchy delimiter, NULL when flat
            role          TEXT,                   -- inbox, sent, drafts, trash, junk, archive
            selectable    INTEGER NOT NULL DEFAULT 1,
            subscribed    INTEGER NOT NULL DEFAULT 1,
            local_only    INTEGER NOT NULL DEFAULT 0,
            uidvalidity   INTEGER,
            uidnext       INTEGER,
            highestmodseq INTEGER,
            UNIQUE (account, name)
        );

        CREATE TABLE messages (
            id              INTEGER PRIMARY KEY,
            folder_id       INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
            uid             INTEGER,              -- IMAP UID in the folder
            pop_uidl        TEXT,                 -- POP3 UIDL it was downloaded as
            message_id      TEXT,                 -- the Message-ID header
            in_reply_to     TEXT,
            refs            TEXT,                 -- References, space separated
            from_name       TEXT NOT NULL DEFAULT '',
            from_addr       TEXT NOT NULL DEFAULT '',
            recipients      TEXT NOT NULL DEFAULT '',  -- To and Cc as shown
            subject         TEXT NOT NULL DEFAULT '',
            date            INTEGER NOT NULL,     -- unix seconds: Date header, else arrival
            internal_date   INTEGER,
            size            INTEGER NOT NULL DEFAULT 0,
            flags           INTEGER NOT NULL DEFAULT 0,
            keywords        TEXT NOT NULL DEFAULT '',
            has_attachments INTEGER NOT NULL DEFAULT 0,
            preview         TEXT NOT NULL DEFAULT '',
            partial         INTEGER NOT NULL DEFAULT 0,  -- only headers are stored
            modseq          INTEGER
        );
        -- The message list: one folder, newest first, read by pages.
        CREATE INDEX messages_by_date ON messages (folder_id, date DESC, id DESC);
        CREATE UNIQUE INDEX messages_by_uid ON messages (folder_id, uid) WHERE uid IS NOT NULL;
        CREATE INDEX messages_by_message_id ON messages (message_id, size);
        CREATE INDEX messages_unread ON messages (folder_id) WHERE flags & 1 = 0;

        -- The whole message as received, apart from the list row.
        CREATE TABLE message_raw (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            raw        BLOB NOT NULL
        );

        CREATE TABLE attachments (
            id         INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            part       INTEGER NOT NULL,
            name       TEXT NOT NULL,
            mime_type  TEXT NOT NULL,
            size       INTEGER NOT NULL,
            inline     INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX attachments_by_message ON attachments (message_id);

        -- Changes made while offline (or not yet sent), replayed in order.
        CREATE TABLE pending_ops (
            id         INTEGER PRIMARY KEY,
            account    TEXT NOT NULL,
            kind       TEXT NOT NULL,
            payload    TEXT NOT NULL,             -- JSON, the op's arguments
            created    INTEGER NOT NULL,
            attempts   INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE INDEX pending_ops_by_account ON pending_ops (account, id);

        -- Every POP3 message ever downloaded, so none is downloaded twice.
        CREATE TABLE pop_uidls (
            account           TEXT NOT NULL,
            uidl              TEXT NOT NULL,
            message_id        TEXT,               -- for matching after a UIDL change
            size              INTEGER NOT NULL,
            downloaded        INTEGER NOT NULL,   -- unix seconds
            local_id          INTEGER,            -- messages.id, NULL once deleted here
            deleted_on_server INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (account, uidl)
        );
        CREATE INDEX pop_uidls_by_message_id ON pop_uidls (account, message_id, size);
        "#,
    )
}

/// Full-text search over sender, recipients, subject and body text.
/// Contentless (the text already lives in `messages` / `message_raw`), with
/// deletes allowed; filled from the messages already stored. No prefix
/// indexes: they write three index entries per word instead of one, and
/// indexing was a quarter of a 10k-message POP3 download's time in a
/// profile; prefix queries are answered from the term index without them.
fn v2_search(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE VIRTUAL TABLE message_fts USING fts5 (
            sender, recipients, subject, body,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            DELETE FROM message_fts WHERE rowid = old.id;
        END;
        "#,
    )?;
    // Backfill: messages stored before the index existed.
    fill_search(tx)
}

/// Index every stored message (the body's distinct words, as new messages
/// are indexed).
fn fill_search(tx: &Transaction) -> rusqlite::Result<()> {
    let mut rows = tx.prepare(
        "SELECT m.id, m.from_name || ' ' || m.from_addr, m.recipients, m.subject, r.raw
         FROM messages m LEFT JOIN message_raw r ON r.message_id = m.id",
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO message_fts (rowid, sender, recipients, subject, body) VALUES (?, ?, ?, ?, ?)",
    )?;
    let mut iter = rows.query([])?;
    while let Some(row) = iter.next()? {
        let raw: Option<Vec<u8>> = row.get(4)?;
        let body = raw
            .map(|r| super::distinct_words(&crate::mail::parse(&r).text))
            .unwrap_or_default();
        insert.execute(rusqlite::params![
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            body
        ])?;
    }
    Ok(())
}

/// IMAP: bodies kept aside while a folder whose UIDVALIDITY changed is
/// fetched again (matched by Message-ID + size, so they are not downloaded
/// twice), an index of messages still without a body, and the quota the
/// server reports, for the UI.
fn v3_imap(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE imap_body_cache (
            folder_id  INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
            message_id TEXT NOT NULL,
            size       INTEGER NOT NULL,
            raw        BLOB NOT NULL
        );
        CREATE INDEX imap_body_cache_by_key ON imap_body_cache (folder_id, message_id, size);
        -- Messages whose body is still to be downloaded, newest first.
        CREATE INDEX messages_partial ON messages (folder_id, uid) WHERE partial = 1;
        -- Messages whose server copy has no known UID yet (queued moves, appends).
        CREATE INDEX messages_without_uid ON messages (folder_id) WHERE uid IS NULL;

        CREATE TABLE quota (
            account        TEXT PRIMARY KEY,
            root           TEXT NOT NULL,
            storage_used   INTEGER,               -- bytes
            storage_limit  INTEGER,               -- bytes
            messages_used  INTEGER,
            messages_limit INTEGER,
            updated        INTEGER NOT NULL       -- unix seconds
        );
        "#,
    )
}

/// The Outbox's envelopes and sending states (see `outbox.rs`), and what
/// each account's outgoing server announced.
fn v4_outbox(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE outbox (
            message_id  INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            account     TEXT NOT NULL,
            sender      TEXT NOT NULL,
            recipients  TEXT NOT NULL,            -- one address a line
            state       TEXT NOT NULL,            -- queued, sending, failed, maybe_sent
            error       TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,
            replying_to INTEGER,                  -- messages.id to mark answered
            forwarding  INTEGER,                  -- messages.id to mark forwarded
            created     INTEGER NOT NULL
        );
        CREATE INDEX outbox_by_account ON outbox (account, created);

        CREATE TABLE smtp_info (
            account    TEXT PRIMARY KEY,
            size_limit INTEGER                    -- bytes; NULL when not announced
        );
        "#,
    )
}

/// Each folder's message and unread counts, kept by triggers instead of
/// counted on every read: a 100,000-message folder cost several
/// milliseconds per `count(*)`, and the folder list is read after every
/// sync and every change the window shows.
fn v5_counts(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        ALTER TABLE folders ADD COLUMN total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE folders ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
        UPDATE folders SET
            total = (SELECT count(*) FROM messages m WHERE m.folder_id = folders.id),
            unread = (SELECT count(*) FROM messages m
                      WHERE m.folder_id = folders.id AND m.flags & 1 = 0);

        CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
            UPDATE folders SET total = total + 1, unread = unread + (NEW.flags & 1 = 0)
            WHERE id = NEW.folder_id;
        END;
        CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
            UPDATE folders SET total = total - 1, unread = unread - (OLD.flags & 1 = 0)
            WHERE id = OLD.folder_id;
        END;
        CREATE TRIGGER messages_count_update AFTER UPDATE OF folder_id, flags ON messages
        WHEN OLD.folder_id != NEW.folder_id OR (OLD.flags & 1) != (NEW.flags & 1) BEGIN
            UPDATE folders SET total = total - 1, unread = unread - (OLD.flags & 1 = 0)
            WHERE id = OLD.folder_id;
            UPDATE folders SET total = total + 1, unread = unread + (NEW.flags & 1 = 0)
            WHERE id = NEW.folder_id;
        END;
        "#,
    )
}

/// The search index rebuilt to record only which messages (and columns)
/// hold a word, not where: `detail = column`. Each message's body is indexed
/// as its distinct words ([`super::distinct_words`]), which finds the same
/// messages and cut indexing time by more than half; positions would be
/// meaningless for such text, so phrase queries go (searches never made
/// them: every word the user types is its own term). The index is a tenth of
/// its former size. Combining marks (`M*`) are now word characters, so a
/// word with a vowel sign or an accent written as a combining mark stays
/// one word.
fn v6_search_words(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        DROP TRIGGER messages_fts_delete;
        DROP TABLE message_fts;
        CREATE VIRTUAL TABLE message_fts USING fts5 (
            sender, recipients, subject, body,
            content = '', contentless_delete = 1, detail = column,
            tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M*'''
        );
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            DELETE FROM message_fts WHERE rowid = old.id;
        END;
        "#,
    )?;
    fill_search(tx)
}

/// A narrow index for the POP3 check's question "is the message still here,
/// and whole?" (see `pop_sync::POP_STATES`), so it is answered without
/// reading every message row.
fn v7_pop_states(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("CREATE INDEX messages_id_partial ON messages (id, partial);")
}

/// Messages whose bodies wait to be read (see `super::unindexed`).
fn v8_unindexed(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE unindexed (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE
        );",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection that read the version before another one migrated
    /// (two engines, or the app and `brev sync`, opening at once) applies
    /// nothing twice.
    #[test]
    fn a_step_another_connection_applied_meanwhile_is_not_run_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brev.sqlite3");
        let mut first = Connection::open(&path).unwrap();
        migrate(&mut first, 5).unwrap();
        let mut second = Connection::open(&path).unwrap();
        let seen: i64 = second
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(seen, 5);
        migrate(&mut first, current_version()).unwrap();
        // `second` goes on from the version it read before.
        apply(&mut second, seen, current_version()).unwrap();
        let version: i64 = second
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, current_version());
    }
}
