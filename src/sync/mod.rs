//! The sync engine: one tokio task per account keeps the store and the
//! user's server the same. It is the only writer of the store (DESIGN.md
//! rule 2). Commands go in ([`Command`]); small events come out ([`Event`]):
//! what changed, never the data itself (rule 3).
//!
//! A user action is applied to the store at once, in the same transaction
//! that queues the server operation (rule 4, [`ops`]); the protocol engine
//! ([`imap`] or [`pop`]) replays the queue when it can reach the server.
//!
//! No iced here (rule 1).

mod context;
pub mod engine;
mod error;
pub mod imap;
pub mod indexer;
pub mod pop;
pub mod send;
pub mod smtp;

pub use context::{AccountCtx, Clock, EventSink};
pub use error::SyncError;

use crate::mail::compose::Draft;
use crate::store::{FolderId, MsgId};

/// What the UI (or a headless command) asks an account's engine to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Check for new mail and changes now.
    SyncNow,
    /// The user opened this message: fetch its whole body now if missing.
    OpenMessage(MsgId),
    SetSeen {
        messages: Vec<MsgId>,
        seen: bool,
    },
    SetFlagged {
        messages: Vec<MsgId>,
        flagged: bool,
    },
    Move {
        messages: Vec<MsgId>,
        to: FolderId,
    },
    Copy {
        messages: Vec<MsgId>,
        to: FolderId,
    },
    /// To Trash; in Trash (or with no Trash), removed for good.
    Delete {
        messages: Vec<MsgId>,
    },
    EmptyTrash,
    CreateFolder {
        name: String,
    },
    RenameFolder {
        folder: FolderId,
        name: String,
    },
    DeleteFolder {
        folder: FolderId,
    },
    /// Store a whole message in a folder (Sent, Drafts, ...).
    Append {
        folder: FolderId,
        raw: Vec<u8>,
        seen: bool,
    },
    /// Build the draft and put it in the Outbox (durably, before anything
    /// goes to the server); the engine then sends it.
    Send(Box<Draft>),
    /// Store the draft in Drafts, replacing `saved_as` (IMAP: on the
    /// server's Drafts too).
    SaveDraft(Box<Draft>),
    /// Remove a stored draft.
    DiscardDraft(MsgId),
    /// For an Outbox message that "may have been sent": send it again, or
    /// take it as sent (to Sent, no second sending).
    ResolveOutbox {
        message: MsgId,
        send_again: bool,
    },
    /// Stop. A user action under way is finished; a sync under way is
    /// abandoned at its next wait for the server (what it stored stays,
    /// and the next start goes on from there).
    Shutdown,
}

/// What an engine tells: small facts, after which readers re-query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Folders were added, removed or renamed.
    FolderListChanged { account: String },
    /// Messages in this folder were added, removed or changed.
    FolderChanged { account: String, folder: FolderId },
    /// Downloading: `done` of `total` messages of a folder.
    Progress {
        account: String,
        folder: FolderId,
        done: usize,
        total: usize,
    },
    /// New messages arrived in the Inbox (for notifications).
    NewMail { account: String, count: usize },
    /// The account's connection state changed.
    State {
        account: String,
        state: AccountState,
    },
    /// A sync finished.
    Synced {
        account: String,
        summary: SyncSummary,
    },
    /// The Outbox of this account was sent (it may still hold messages that
    /// wait for the user).
    Sent { account: String },
    /// Sending failed; the message stays in the Outbox.
    SendFailed { account: String, error: SyncError },
    /// A draft was stored as `draft`, replacing `replaces` (the compose
    /// window's `saved_as`).
    DraftSaved {
        account: String,
        draft: MsgId,
        replaces: Option<MsgId>,
    },
}

/// How an account is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountState {
    Online,
    /// The server cannot be reached; the store is shown as it is.
    Offline(SyncError),
    /// The server refused the password: retrying will not help.
    AuthenticationFailed,
    /// Another error; the engine retries later.
    Error(SyncError),
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncSummary {
    pub folders: usize,
    /// Messages newly stored.
    pub new_messages: usize,
    /// Messages whose flags changed from the server's side.
    pub changed: usize,
    /// Messages removed because they are gone from the server.
    pub removed: usize,
    /// Queued local changes sent to the server.
    pub replayed: usize,
    /// Messages deleted on the server (POP: after download or N days).
    pub deleted_on_server: usize,
}
