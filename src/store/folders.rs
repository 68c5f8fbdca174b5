//! Folders: per account, with their special-use role and IMAP sync state.

use rusqlite::{OptionalExtension, Row, params};

use super::{Read, Result, Tx};

pub use crate::ids::FolderId;

/// What a folder is for. The order is the order shown to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Inbox,
    Drafts,
    Sent,
    Archive,
    Junk,
    Trash,
    /// Messages waiting to be sent (local only).
    Outbox,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Inbox,
        Role::Drafts,
        Role::Sent,
        Role::Archive,
        Role::Junk,
        Role::Trash,
        Role::Outbox,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Inbox => "inbox",
            Role::Drafts => "drafts",
            Role::Sent => "sent",
            Role::Archive => "archive",
            Role::Junk => "junk",
            Role::Trash => "trash",
            Role::Outbox => "outbox",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A folder as listed, with its message counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folder {
    pub id: FolderId,
    pub account: String,
    /// The full path on the server (or locally), e.g. `INBOX/Kvitton`.
    pub name: String,
    pub delimiter: Option<String>,
    pub role: Option<Role>,
    /// False for IMAP `\Noselect` folders that only hold other folders.
    pub selectable: bool,
    pub subscribed: bool,
    /// Exists only in Brev's store (POP accounts' folders, the Outbox).
    pub local_only: bool,
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
    pub highestmodseq: Option<u64>,
    pub total: u32,
    pub unread: u32,
}

impl Folder {
    /// The last part of the path, e.g. `Kvitton` for `INBOX/Kvitton`.
    pub fn leaf_name(&self) -> &str {
        match self.delimiter.as_deref() {
            Some(d) if !d.is_empty() => self.name.rsplit(d).next().unwrap_or(&self.name),
            _ => &self.name,
        }
    }

    /// How deep in the tree: 0 for a top-level folder.
    pub fn depth(&self) -> usize {
        match self.delimiter.as_deref() {
            Some(d) if !d.is_empty() => self.name.matches(d).count(),
            _ => 0,
        }
    }
}

/// A folder to create or refresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFolder {
    pub name: String,
    pub delimiter: Option<String>,
    pub role: Option<Role>,
    pub selectable: bool,
    pub subscribed: bool,
    pub local_only: bool,
}

impl NewFolder {
    /// A plain selectable, subscribed folder.
    pub fn new(name: impl Into<String>, role: Option<Role>) -> NewFolder {
        NewFolder {
            name: name.into(),
            delimiter: Some("/".into()),
            role,
            selectable: true,
            subscribed: true,
            local_only: false,
        }
    }

    pub fn local(mut self) -> NewFolder {
        self.local_only = true;
        self
    }
}

const COLUMNS: &str = "f.id, f.account, f.name, f.delimiter, f.role, f.selectable, f.subscribed,
    f.local_only, f.uidvalidity, f.uidnext, f.highestmodseq, f.total, f.unread";

/// Special folders first, in [`Role`] order, then the rest by name.
const ORDER: &str = "ORDER BY CASE f.role WHEN 'inbox' THEN 0 WHEN 'drafts' THEN 1
    WHEN 'sent' THEN 2 WHEN 'archive' THEN 3 WHEN 'junk' THEN 4 WHEN 'trash' THEN 5
    WHEN 'outbox' THEN 6 ELSE 7 END, lower(f.name), f.name";

fn from_row(r: &Row) -> rusqlite::Result<Folder> {
    Ok(Folder {
        id: FolderId(r.get(0)?),
        account: r.get(1)?,
        name: r.get(2)?,
        delimiter: r.get(3)?,
        role: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(Role::parse),
        selectable: r.get(5)?,
        subscribed: r.get(6)?,
        local_only: r.get(7)?,
        uidvalidity: r.get(8)?,
        uidnext: r.get(9)?,
        highestmodseq: r.get::<_, Option<i64>>(10)?.map(|v| v as u64),
        total: r.get(11)?,
        unread: r.get(12)?,
    })
}

/// Folder queries.
pub trait FolderRead: Read {
    /// All folders of an account, special ones first.
    fn folders(&self, account: &str) -> Result<Vec<Folder>> {
        let sql = format!("SELECT {COLUMNS} FROM folders f WHERE f.account = ? {ORDER}");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([account], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn folder(&self, id: FolderId) -> Result<Option<Folder>> {
        let sql = format!("SELECT {COLUMNS} FROM folders f WHERE f.id = ?");
        Ok(self.conn().query_row(&sql, [id.0], from_row).optional()?)
    }

    fn folder_by_name(&self, account: &str, name: &str) -> Result<Option<Folder>> {
        let sql = format!("SELECT {COLUMNS} FROM folders f WHERE f.account = ? AND f.name = ?");
        Ok(self
            .conn()
            .query_row(&sql, params![account, name], from_row)
            .optional()?)
    }

    fn folder_by_role(&self, account: &str, role: Role) -> Result<Option<Folder>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM folders f WHERE f.account = ? AND f.role = ? ORDER BY f.id LIMIT 1"
        );
        Ok(self
            .conn()
            .query_row(&sql, params![account, role.as_str()], from_row)
            .optional()?)
    }
}

impl<T: Read + ?Sized> FolderRead for T {}

impl Tx<'_> {
    /// Create the folder, or refresh its attributes; its messages and sync
    /// state are kept.
    pub fn upsert_folder(&self, account: &str, f: &NewFolder) -> Result<FolderId> {
        let id = self.tx.query_row(
            "INSERT INTO folders (account, name, delimiter, role, selectable, subscribed, local_only)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (account, name) DO UPDATE SET delimiter = ?3, role = ?4,
                 selectable = ?5, subscribed = ?6, local_only = ?7
             RETURNING id",
            params![
                account,
                f.name,
                f.delimiter,
                f.role.map(Role::as_str),
                f.selectable,
                f.subscribed,
                f.local_only
            ],
            |r| r.get(0),
        )?;
        Ok(FolderId(id))
    }

    /// Record how far a folder is synchronized (IMAP).
    pub fn set_sync_state(
        &self,
        folder: FolderId,
        uidvalidity: Option<u32>,
        uidnext: Option<u32>,
        highestmodseq: Option<u64>,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE folders SET uidvalidity = ?, uidnext = ?, highestmodseq = ? WHERE id = ?",
            params![
                uidvalidity,
                uidnext,
                highestmodseq.map(|v| v as i64),
                folder.0
            ],
        )?;
        Ok(())
    }

    pub fn rename_folder(&self, folder: FolderId, new_name: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE folders SET name = ? WHERE id = ?",
            params![new_name, folder.0],
        )?;
        Ok(())
    }

    /// Remove a folder and everything in it.
    pub fn delete_folder(&self, folder: FolderId) -> Result<()> {
        self.tx
            .execute("DELETE FROM folders WHERE id = ?", [folder.0])?;
        Ok(())
    }
}
