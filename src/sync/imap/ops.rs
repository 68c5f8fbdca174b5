//! Local first, two-way (RFC 4549 style): a user's action changes the store
//! and queues the server operation in the same transaction
//! ([`apply_local`]); [`replay`] sends the queue, in order, when online.
//!
//! Payloads name messages by server identity (folder name, UIDVALIDITY,
//! UID), plus the local row so a message that has no UID yet (appended,
//! moved or copied while offline) can be followed: when an earlier op of
//! the same replay learns its UID (APPENDUID / COPYUID), later ops use it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use async_imap::imap_proto::Response;
use serde::{Deserialize, Serialize};

use super::conn::{CopyUid, Imap};
use super::mailbox::select;
use super::parse::{flag_names, uid_set};
use crate::store::{
    Flags, Folder, FolderId, FolderRead, MessageRead, MessageRow, MsgId, NewFolder, NewMessage,
    OpsRead, Role, Tx,
};
use crate::sync::{AccountCtx, Command, Event, SyncError, SyncSummary};

/// A message in a queued operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MsgRef {
    /// Its UID in the op's folder when it was queued (None: not known yet).
    pub uid: Option<u32>,
    /// The store row, to follow a message without a UID.
    pub local: i64,
}

/// A queued server operation (the `pending_ops` payload, JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// `+FLAGS` / `-FLAGS` one flag.
    Flags {
        folder: String,
        uidvalidity: u32,
        msgs: Vec<MsgRef>,
        flag: String,
        on: bool,
    },
    /// UID MOVE (or COPY + \Deleted + EXPUNGE); `msgs[i].local` is the
    /// row, now in `to`.
    Move {
        folder: String,
        uidvalidity: u32,
        msgs: Vec<MsgRef>,
        to: String,
    },
    /// UID COPY; `copies[i]` is the local copy of `msgs[i]` in `to`.
    Copy {
        folder: String,
        uidvalidity: u32,
        msgs: Vec<MsgRef>,
        to: String,
        copies: Vec<i64>,
    },
    /// \Deleted + UID EXPUNGE: gone for good.
    Expunge {
        folder: String,
        uidvalidity: u32,
        msgs: Vec<MsgRef>,
    },
    /// Everything in the folder, for good (empty Trash).
    EmptyFolder {
        folder: String,
    },
    Create {
        name: String,
    },
    Rename {
        from: String,
        to: String,
    },
    Delete {
        name: String,
    },
    /// APPEND the row's stored bytes.
    Append {
        folder: String,
        local: i64,
        flags: String,
    },
}

impl Op {
    pub fn kind(&self) -> &'static str {
        match self {
            Op::Flags { .. } => "flags",
            Op::Move { .. } => "move",
            Op::Copy { .. } => "copy",
            Op::Expunge { .. } => "expunge",
            Op::EmptyFolder { .. } => "empty_folder",
            Op::Create { .. } => "create_folder",
            Op::Rename { .. } => "rename_folder",
            Op::Delete { .. } => "delete_folder",
            Op::Append { .. } => "append",
        }
    }
}

/// Attempts before a server's NO drops an operation (a network failure
/// never does).
pub const MAX_ATTEMPTS: u32 = 5;

fn enqueue(tx: &Tx, account: &str, op: &Op) -> crate::store::Result<()> {
    let payload = serde_json::to_string(op).unwrap_or_default();
    tx.enqueue_op(account, op.kind(), &payload)?;
    Ok(())
}

fn rref(row: &MessageRow) -> MsgRef {
    MsgRef {
        uid: row.uid,
        local: row.id.0,
    }
}

/// The messages, grouped by their folder (in folder id order).
fn by_folder(tx: &Tx, ids: &[MsgId]) -> crate::store::Result<Vec<(Folder, Vec<MessageRow>)>> {
    let mut groups: BTreeMap<FolderId, Vec<MessageRow>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            continue;
        }
        if let Some(row) = tx.message(*id)? {
            groups.entry(row.folder).or_default().push(row);
        }
    }
    let mut out = Vec::new();
    for (fid, rows) in groups {
        if let Some(f) = tx.folder(fid)? {
            out.push((f, rows));
        }
    }
    Ok(out)
}

/// What a local change touched, for events.
#[derive(Default)]
struct Touched {
    folders: BTreeSet<FolderId>,
    list: bool,
}

/// Apply a user's action to the store and queue its server side, in one
/// transaction, without the network. Commands that are not changes
/// (`SyncNow`, `OpenMessage`, `Shutdown`) do nothing here.
pub fn apply_local(ctx: &mut AccountCtx, cmd: &Command) -> Result<(), SyncError> {
    let account = ctx.account.id.clone();
    let now = ctx.now();
    let touched = ctx.store.write(|tx| {
        let mut t = Touched::default();
        match cmd {
            Command::SetSeen { messages, seen } => {
                set_flag(tx, &account, messages, Flags::SEEN, "\\Seen", *seen, &mut t)?
            }
            Command::SetFlagged { messages, flagged } => set_flag(
                tx,
                &account,
                messages,
                Flags::FLAGGED,
                "\\Flagged",
                *flagged,
                &mut t,
            )?,
            Command::Move { messages, to } => {
                if let Some(dest) = tx.folder(*to)?.filter(|d| d.selectable) {
                    move_to(tx, &account, messages, &dest, &mut t)?;
                }
            }
            Command::Copy { messages, to } => {
                if let Some(dest) = tx.folder(*to)?.filter(|d| d.selectable) {
                    copy_to(tx, &account, messages, &dest, &mut t)?;
                }
            }
            Command::Delete { messages } => delete(tx, &account, messages, &mut t)?,
            Command::EmptyTrash => {
                if let Some(trash) = tx.folder_by_role(&account, Role::Trash)? {
                    tx.imap_clear_folder(trash.id)?;
                    t.folders.insert(trash.id);
                    if !trash.local_only {
                        enqueue(tx, &account, &Op::EmptyFolder { folder: trash.name })?;
                    }
                }
            }
            Command::CreateFolder { name } => create(tx, &account, name, &mut t)?,
            Command::RenameFolder { folder, name } => rename(tx, &account, *folder, name, &mut t)?,
            Command::DeleteFolder { folder } => delete_folder(tx, &account, *folder, &mut t)?,
            Command::Append { folder, raw, seen } => {
                if let Some(f) = tx.folder(*folder)?.filter(|f| f.selectable) {
                    let mut m = NewMessage::from_raw(raw.clone(), now);
                    m.flags = Flags::default()
                        .with(Flags::SEEN, *seen)
                        .with(Flags::DRAFT, f.role == Some(Role::Drafts));
                    let id = tx.insert_message(f.id, &m)?;
                    t.folders.insert(f.id);
                    if !f.local_only {
                        enqueue(
                            tx,
                            &account,
                            &Op::Append {
                                folder: f.name,
                                local: id.0,
                                flags: flag_names(m.flags),
                            },
                        )?;
                    }
                }
            }
            Command::SyncNow | Command::OpenMessage(_) | Command::Shutdown => {}
            // Sending and drafts: crate::sync::send.
            Command::Send(_)
            | Command::SaveDraft(_)
            | Command::DiscardDraft(_)
            | Command::ResolveOutbox { .. } => {}
        }
        Ok(t)
    })?;
    for folder in touched.folders {
        ctx.events.send(Event::FolderChanged {
            account: account.clone(),
            folder,
        });
    }
    if touched.list {
        ctx.events.send(Event::FolderListChanged { account });
    }
    Ok(())
}

fn set_flag(
    tx: &Tx,
    account: &str,
    ids: &[MsgId],
    bit: Flags,
    name: &str,
    on: bool,
    t: &mut Touched,
) -> crate::store::Result<()> {
    for (folder, rows) in by_folder(tx, ids)? {
        let mut refs = Vec::new();
        for row in rows {
            let flags = row.flags.with(bit, on);
            if flags != row.flags {
                tx.set_flags(row.id, flags)?;
                refs.push(rref(&row));
            }
        }
        if refs.is_empty() {
            continue;
        }
        t.folders.insert(folder.id);
        if !folder.local_only {
            enqueue(
                tx,
                account,
                &Op::Flags {
                    folder: folder.name,
                    uidvalidity: folder.uidvalidity.unwrap_or(0),
                    msgs: refs,
                    flag: name.to_owned(),
                    on,
                },
            )?;
        }
    }
    Ok(())
}

fn move_to(
    tx: &Tx,
    account: &str,
    ids: &[MsgId],
    dest: &Folder,
    t: &mut Touched,
) -> crate::store::Result<()> {
    for (src, rows) in by_folder(tx, ids)? {
        if src.id == dest.id {
            continue;
        }
        for row in &rows {
            tx.move_message(row.id, dest.id)?;
        }
        t.folders.insert(src.id);
        t.folders.insert(dest.id);
        let refs: Vec<MsgRef> = rows.iter().map(rref).collect();
        match (src.local_only, dest.local_only) {
            (false, false) => enqueue(
                tx,
                account,
                &Op::Move {
                    folder: src.name.clone(),
                    uidvalidity: src.uidvalidity.unwrap_or(0),
                    msgs: refs,
                    to: dest.name.clone(),
                },
            )?,
            (true, false) => {
                for row in rows.iter().filter(|r| !r.partial) {
                    enqueue(
                        tx,
                        account,
                        &Op::Append {
                            folder: dest.name.clone(),
                            local: row.id.0,
                            flags: flag_names(row.flags),
                        },
                    )?;
                }
            }
            (false, true) => enqueue(
                tx,
                account,
                &Op::Expunge {
                    folder: src.name.clone(),
                    uidvalidity: src.uidvalidity.unwrap_or(0),
                    msgs: refs,
                },
            )?,
            (true, true) => {}
        }
    }
    Ok(())
}

fn copy_to(
    tx: &Tx,
    account: &str,
    ids: &[MsgId],
    dest: &Folder,
    t: &mut Touched,
) -> crate::store::Result<()> {
    for (src, rows) in by_folder(tx, ids)? {
        let mut refs = Vec::new();
        let mut copies = Vec::new();
        for row in &rows {
            if let Some(copy) = tx.imap_copy_message(row.id, dest.id)? {
                refs.push(rref(row));
                copies.push(copy);
            }
        }
        t.folders.insert(dest.id);
        match (src.local_only, dest.local_only) {
            (false, false) => enqueue(
                tx,
                account,
                &Op::Copy {
                    folder: src.name.clone(),
                    uidvalidity: src.uidvalidity.unwrap_or(0),
                    msgs: refs,
                    to: dest.name.clone(),
                    copies: copies.iter().map(|c| c.0).collect(),
                },
            )?,
            (true, false) => {
                for (row, copy) in rows.iter().zip(&copies) {
                    if !row.partial {
                        enqueue(
                            tx,
                            account,
                            &Op::Append {
                                folder: dest.name.clone(),
                                local: copy.0,
                                flags: flag_names(row.flags),
                            },
                        )?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn delete(tx: &Tx, account: &str, ids: &[MsgId], t: &mut Touched) -> crate::store::Result<()> {
    let trash = tx.folder_by_role(account, Role::Trash)?;
    for (src, rows) in by_folder(tx, ids)? {
        match &trash {
            Some(trash) if trash.id != src.id && !src.local_only => {
                let ids: Vec<MsgId> = rows.iter().map(|r| r.id).collect();
                move_to(tx, account, &ids, trash, t)?;
            }
            _ => {
                for row in &rows {
                    tx.delete_message(row.id)?;
                }
                t.folders.insert(src.id);
                if !src.local_only {
                    enqueue(
                        tx,
                        account,
                        &Op::Expunge {
                            folder: src.name.clone(),
                            uidvalidity: src.uidvalidity.unwrap_or(0),
                            msgs: rows.iter().map(rref).collect(),
                        },
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The delimiter new folders get: the Inbox's, else any folder's, else `/`.
fn account_delimiter(tx: &Tx, account: &str) -> crate::store::Result<Option<String>> {
    let folders = tx.folders(account)?;
    let from = |f: &Folder| f.delimiter.clone().filter(|d| !d.is_empty());
    Ok(folders
        .iter()
        .find(|f| f.role == Some(Role::Inbox) && !f.local_only)
        .and_then(from)
        .or_else(|| folders.iter().filter(|f| !f.local_only).find_map(from))
        .or_else(|| Some("/".to_owned())))
}

fn create(tx: &Tx, account: &str, name: &str, t: &mut Touched) -> crate::store::Result<()> {
    let name = name.trim();
    if name.is_empty() || name.contains(['\r', '\n']) || tx.folder_by_name(account, name)?.is_some()
    {
        return Ok(());
    }
    let nf = NewFolder {
        name: name.to_owned(),
        delimiter: account_delimiter(tx, account)?,
        role: None,
        selectable: true,
        subscribed: true,
        local_only: false,
    };
    tx.upsert_folder(account, &nf)?;
    t.list = true;
    enqueue(
        tx,
        account,
        &Op::Create {
            name: name.to_owned(),
        },
    )
}

fn rename(
    tx: &Tx,
    account: &str,
    id: FolderId,
    name: &str,
    t: &mut Touched,
) -> crate::store::Result<()> {
    let name = name.trim();
    let Some(f) = tx.folder(id)? else {
        return Ok(());
    };
    if name.is_empty()
        || name == f.name
        || name.contains(['\r', '\n'])
        || f.role == Some(Role::Inbox)
        || tx.folder_by_name(account, name)?.is_some()
    {
        tracing::warn!("{account}: not renaming {} to {name}", f.name);
        return Ok(());
    }
    tx.imap_rename_tree(account, &f.name, name, f.delimiter.as_deref())?;
    t.list = true;
    if !f.local_only {
        enqueue(
            tx,
            account,
            &Op::Rename {
                from: f.name,
                to: name.to_owned(),
            },
        )?;
    }
    Ok(())
}

fn delete_folder(
    tx: &Tx,
    account: &str,
    id: FolderId,
    t: &mut Touched,
) -> crate::store::Result<()> {
    let Some(f) = tx.folder(id)? else {
        return Ok(());
    };
    if f.role == Some(Role::Inbox) {
        tracing::warn!("{account}: the Inbox cannot be deleted");
        return Ok(());
    }
    let prefix = f
        .delimiter
        .as_deref()
        .filter(|d| !d.is_empty())
        .map(|d| format!("{}{d}", f.name));
    let mut tree: Vec<Folder> = tx
        .folders(account)?
        .into_iter()
        .filter(|g| g.id == f.id || prefix.as_deref().is_some_and(|p| g.name.starts_with(p)))
        .collect();
    // Children first.
    tree.sort_by_key(|g| std::cmp::Reverse(g.name.len()));
    for g in tree {
        tx.delete_folder(g.id)?;
        if !g.local_only {
            enqueue(tx, account, &Op::Delete { name: g.name })?;
        }
    }
    t.list = true;
    Ok(())
}

/// CREATE, RENAME or DELETE of the named folders. A refusal with the
/// response code `done` means the change is there already (another
/// client made it, or an earlier replay did before it was cut off).
async fn folder_command(
    imap: &mut Imap,
    verb: &str,
    names: &[&String],
    done: &str,
) -> Result<(), SyncError> {
    let args: Vec<String> = names.iter().map(|n| Imap::mailbox(n)).collect();
    let t = imap
        .command(&format!("{verb} {}", args.join(" ")), |_| Ok(()))
        .await?;
    if !t.ok && !t.has_code(done) {
        t.check(verb)?;
    }
    Ok(())
}

/// SUBSCRIBE or UNSUBSCRIBE; a refusal leaves nothing to repair.
async fn subscription(imap: &mut Imap, verb: &str, name: &str) -> Result<(), SyncError> {
    let _ = imap
        .command(&format!("{verb} {}", Imap::mailbox(name)), |_| Ok(()))
        .await?;
    Ok(())
}

/// What queued operations still hold back after a replay: their messages'
/// flags are not overwritten and they are not fetched again; folder names
/// a queued create/rename/delete is about are left alone.
#[derive(Debug, Default)]
pub struct Hold {
    pub uids: HashMap<String, HashSet<u32>>,
    /// Keep these local folders even though the server does not list them.
    pub keep: HashSet<String>,
    /// Do not add these server folders (deleted or renamed here).
    pub skip: HashSet<String>,
}

impl Hold {
    pub fn from_queue(ctx: &AccountCtx) -> Result<Hold, SyncError> {
        let mut h = Hold::default();
        for p in ctx.store.pending_ops(&ctx.account.id)? {
            let Ok(op) = serde_json::from_str::<Op>(&p.payload) else {
                continue;
            };
            match op {
                Op::Flags { folder, msgs, .. }
                | Op::Move { folder, msgs, .. }
                | Op::Expunge { folder, msgs, .. } => {
                    h.uids
                        .entry(folder)
                        .or_default()
                        .extend(msgs.iter().filter_map(|m| m.uid));
                }
                Op::Create { name } => {
                    h.keep.insert(name);
                }
                Op::Rename { from, to } => {
                    h.keep.insert(to);
                    h.skip.insert(from);
                }
                Op::Delete { name } => {
                    h.skip.insert(name);
                }
                Op::Copy { .. } | Op::EmptyFolder { .. } | Op::Append { .. } => {}
            }
        }
        Ok(h)
    }

    pub fn held(&self, folder: &str, uid: u32) -> bool {
        self.uids.get(folder).is_some_and(|s| s.contains(&uid))
    }
}

/// Where a message without a UID at queue time landed during this replay.
type Placed = HashMap<i64, (String, u32, u32)>;

/// Send the queue, oldest first. A network error stops (the rest waits);
/// a server's NO counts an attempt and drops the op after [`MAX_ATTEMPTS`].
/// When the queue is empty afterwards, rows left without a UID are removed
/// (the server's copies arrive with the sync).
pub async fn replay(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let account = ctx.account.id.clone();
    let queue = ctx.store.pending_ops(&account)?;
    let mut placed: Placed = HashMap::new();
    let mut sel_cache: Option<(String, u32, u32)> = None;
    for pending in queue {
        let op = match serde_json::from_str::<Op>(&pending.payload) {
            Ok(op) => op,
            Err(e) => {
                tracing::warn!(
                    "{account}: dropping unreadable queued op {}: {e}",
                    pending.id
                );
                ctx.store.write(|tx| tx.complete_op(pending.id))?;
                continue;
            }
        };
        match run(imap, ctx, &op, &mut placed, &mut sel_cache).await {
            Ok(()) => {
                ctx.store.write(|tx| tx.complete_op(pending.id))?;
                summary.replayed += 1;
            }
            Err(e @ (SyncError::Net(_) | SyncError::Store(_))) => {
                let _ = ctx.store.write(|tx| tx.fail_op(pending.id, &e.to_string()));
                return Err(e);
            }
            Err(e) => {
                if pending.attempts + 1 >= MAX_ATTEMPTS {
                    tracing::warn!(
                        "{account}: giving up on {} after {} attempts: {e}",
                        op.kind(),
                        MAX_ATTEMPTS
                    );
                    ctx.store.write(|tx| tx.complete_op(pending.id))?;
                } else {
                    tracing::info!("{account}: {} failed, will retry: {e}", op.kind());
                    ctx.store
                        .write(|tx| tx.fail_op(pending.id, &e.to_string()))?;
                }
            }
        }
    }
    if ctx.store.pending_ops(&account)?.is_empty() {
        let folders = ctx.store.write(|tx| tx.imap_remove_orphans(&account))?;
        for folder in folders {
            ctx.events.send(Event::FolderChanged {
                account: account.clone(),
                folder,
            });
        }
    }
    Ok(())
}

/// (local row, UID) of the op's messages that can be named on the server.
fn resolve(
    folder: &str,
    uidvalidity: u32,
    server_uv: u32,
    msgs: &[MsgRef],
    placed: &Placed,
) -> Vec<(i64, u32)> {
    msgs.iter()
        .filter_map(|m| match m.uid {
            Some(uid) if uidvalidity == 0 || uidvalidity == server_uv => Some((m.local, uid)),
            Some(_) => None,
            None => placed
                .get(&m.local)
                .filter(|(f, uv, _)| f == folder && *uv == server_uv)
                .map(|(_, _, uid)| (m.local, *uid)),
        })
        .collect()
}

/// Select `folder` and find where the queued `msgs` are there now, as
/// (local row, UID) pairs; None when the folder cannot be opened and the op
/// has nothing left to do.
async fn open_resolved(
    imap: &mut Imap,
    folder: &str,
    uidvalidity: u32,
    msgs: &[MsgRef],
    placed: &Placed,
    sel_cache: &mut Option<(String, u32, u32)>,
) -> Result<Option<Vec<(i64, u32)>>, SyncError> {
    let Some((uv, _)) = open(imap, folder, sel_cache).await? else {
        return Ok(None);
    };
    let pairs = resolve(folder, uidvalidity, uv, msgs, placed);
    Ok((!pairs.is_empty()).then_some(pairs))
}

/// SELECT `folder` unless it is selected; its UIDVALIDITY, or None when it
/// is gone.
async fn open(
    imap: &mut Imap,
    folder: &str,
    cache: &mut Option<(String, u32, u32)>,
) -> Result<Option<(u32, u32)>, SyncError> {
    if let Some((name, uv, exists)) = cache.as_ref()
        && imap.selected.as_deref() == Some(folder)
        && name == folder
    {
        return Ok(Some((*uv, *exists)));
    }
    let Some(sel) = select(imap, folder, None).await? else {
        *cache = None;
        return Ok(None);
    };
    let uv = sel.uidvalidity.unwrap_or(0);
    *cache = Some((folder.to_owned(), uv, sel.exists));
    Ok(Some((uv, sel.exists)))
}

/// Record where copied/moved messages landed: the local rows get their
/// UIDs in `to` (when the store's `to` has the same UIDVALIDITY).
fn land(
    ctx: &mut AccountCtx,
    to: &str,
    pairs: &[(i64, u32)],
    copyuid: Option<&CopyUid>,
    placed: &mut Placed,
) -> Result<(), SyncError> {
    let Some(c) = copyuid else {
        return Ok(());
    };
    let map: HashMap<u32, u32> = c.from.iter().copied().zip(c.to.iter().copied()).collect();
    let dest = ctx.store.folder_by_name(&ctx.account.id, to)?;
    ctx.store.write(|tx| {
        for (local, src_uid) in pairs {
            let Some(new_uid) = map.get(src_uid) else {
                continue;
            };
            placed.insert(*local, (to.to_owned(), c.uidvalidity, *new_uid));
            if let Some(d) = &dest
                && d.uidvalidity.is_none_or(|uv| uv == c.uidvalidity)
            {
                tx.imap_assign_uid(MsgId(*local), d.id, *new_uid)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

async fn run(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    op: &Op,
    placed: &mut Placed,
    sel_cache: &mut Option<(String, u32, u32)>,
) -> Result<(), SyncError> {
    match op {
        Op::Flags {
            folder,
            uidvalidity,
            msgs,
            flag,
            on,
        } => {
            let Some(pairs) =
                open_resolved(imap, folder, *uidvalidity, msgs, placed, sel_cache).await?
            else {
                return Ok(());
            };
            let uids: Vec<u32> = pairs.iter().map(|p| p.1).collect();
            let sign = if *on { '+' } else { '-' };
            imap.simple(&format!(
                "UID STORE {} {sign}FLAGS.SILENT ({flag})",
                uid_set(&uids)
            ))
            .await?;
        }
        Op::Move {
            folder,
            uidvalidity,
            msgs,
            to,
        } => {
            let Some(pairs) =
                open_resolved(imap, folder, *uidvalidity, msgs, placed, sel_cache).await?
            else {
                return Ok(());
            };
            let set = uid_set(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
            let dest = Imap::mailbox(to);
            let copyuid = if imap.has("MOVE") {
                let mut copyuid = None;
                let t = imap
                    .command(&format!("UID MOVE {set} {dest}"), |r| {
                        if let Response::Data { outcome, .. } = r
                            && let Some(code) = &outcome.code
                            && let Some(c) = CopyUid::from_code(code)
                        {
                            copyuid = Some(c);
                        }
                        Ok(())
                    })
                    .await?
                    .check("UID MOVE")?;
                copyuid.or(t.copy_uid)
            } else {
                let t = imap.simple(&format!("UID COPY {set} {dest}")).await?;
                expunge(imap, &set).await?;
                t.copy_uid
            };
            land(ctx, to, &pairs, copyuid.as_ref(), placed)?;
        }
        Op::Copy {
            folder,
            uidvalidity,
            msgs,
            to,
            copies,
        } => {
            let Some(pairs) =
                open_resolved(imap, folder, *uidvalidity, msgs, placed, sel_cache).await?
            else {
                return Ok(());
            };
            // Follow the copies, not the originals.
            let by_local: HashMap<i64, i64> = msgs
                .iter()
                .map(|m| m.local)
                .zip(copies.iter().copied())
                .collect();
            let set = uid_set(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
            let t = imap
                .simple(&format!("UID COPY {set} {}", Imap::mailbox(to)))
                .await?;
            let copied: Vec<(i64, u32)> = pairs
                .iter()
                .filter_map(|(local, uid)| by_local.get(local).map(|c| (*c, *uid)))
                .collect();
            land(ctx, to, &copied, t.copy_uid.as_ref(), placed)?;
        }
        Op::Expunge {
            folder,
            uidvalidity,
            msgs,
        } => {
            if let Some(pairs) =
                open_resolved(imap, folder, *uidvalidity, msgs, placed, sel_cache).await?
            {
                let uids: Vec<u32> = pairs.iter().map(|p| p.1).collect();
                expunge(imap, &uid_set(&uids)).await?;
            }
        }
        Op::EmptyFolder { folder } => {
            // Fresh: earlier ops may have changed how many it holds.
            *sel_cache = None;
            let Some((_, exists)) = open(imap, folder, sel_cache).await? else {
                return Ok(());
            };
            if exists > 0 {
                expunge(imap, "1:*").await?;
            }
        }
        Op::Create { name } => {
            folder_command(imap, "CREATE", &[name], "ALREADYEXISTS").await?;
            subscription(imap, "SUBSCRIBE", name).await?;
        }
        Op::Rename { from, to } => {
            unselect_if(imap, from).await?;
            folder_command(imap, "RENAME", &[from, to], "NONEXISTENT").await?;
            subscription(imap, "UNSUBSCRIBE", from).await?;
            subscription(imap, "SUBSCRIBE", to).await?;
        }
        Op::Delete { name } => {
            unselect_if(imap, name).await?;
            folder_command(imap, "DELETE", &[name], "NONEXISTENT").await?;
            subscription(imap, "UNSUBSCRIBE", name).await?;
        }
        Op::Append {
            folder,
            local,
            flags,
        } => {
            let id = MsgId(*local);
            let Some(raw) = ctx.store.raw(id)? else {
                return Ok(());
            };
            if ctx.store.message(id)?.is_none_or(|m| m.partial) {
                return Ok(());
            }
            let t = imap.append(folder, flags, &raw).await?.check("APPEND")?;
            if let Some((uv, uids)) = t.append_uid
                && let Some(uid) = uids.first().copied()
            {
                placed.insert(*local, (folder.clone(), uv, uid));
                if let Some(d) = ctx.store.folder_by_name(&ctx.account.id, folder)?
                    && d.uidvalidity.is_none_or(|v| v == uv)
                {
                    ctx.store.write(|tx| tx.imap_assign_uid(id, d.id, uid))?;
                }
            }
        }
    }
    Ok(())
}

/// \Deleted and expunge `set` (UID EXPUNGE with UIDPLUS, so nothing else
/// flagged \Deleted goes with it).
async fn expunge(imap: &mut Imap, set: &str) -> Result<(), SyncError> {
    imap.simple(&format!("UID STORE {set} +FLAGS.SILENT (\\Deleted)"))
        .await?;
    if imap.has("UIDPLUS") {
        imap.simple(&format!("UID EXPUNGE {set}")).await?;
    } else {
        imap.simple("EXPUNGE").await?;
    }
    Ok(())
}

async fn unselect_if(imap: &mut Imap, name: &str) -> Result<(), SyncError> {
    if imap.selected.as_deref() == Some(name) {
        if imap.has("UNSELECT") {
            imap.simple("UNSELECT").await?;
        } else {
            imap.simple("CLOSE").await?;
        }
        imap.selected = None;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_as_json() {
        let op = Op::Move {
            folder: "INBOX".into(),
            uidvalidity: 7,
            msgs: vec![
                MsgRef {
                    uid: Some(3),
                    local: 11,
                },
                MsgRef {
                    uid: None,
                    local: 12,
                },
            ],
            to: "Arkiv/2024".into(),
        };
        let json = serde_json::to_string(&op).unwrap();
        assert!(
            json.contains("\"op\":\"move\"") && json.contains("\"uidvalidity\":7"),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
        assert_eq!(op.kind(), "move");
    }

    #[test]
    fn resolving_refs() {
        let mut placed = Placed::new();
        placed.insert(12, ("INBOX".into(), 7, 40));
        placed.insert(13, ("Sent".into(), 7, 41));
        let msgs = [
            MsgRef {
                uid: Some(3),
                local: 11,
            },
            MsgRef {
                uid: None,
                local: 12,
            },
            MsgRef {
                uid: None,
                local: 13,
            },
            MsgRef {
                uid: None,
                local: 14,
            },
        ];
        assert_eq!(
            resolve("INBOX", 7, 7, &msgs, &placed),
            vec![(11, 3), (12, 40)]
        );
        // UIDVALIDITY changed since: the queued UIDs mean nothing.
        assert_eq!(resolve("INBOX", 6, 7, &msgs, &placed), vec![(12, 40)]);
        // Unknown at queue time (folder never synced): trusted.
        assert_eq!(resolve("INBOX", 0, 9, &msgs[..1], &placed), vec![(11, 3)]);
    }
}
