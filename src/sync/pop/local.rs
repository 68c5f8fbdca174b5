//! User actions on a POP account. Every folder but the Inbox exists only in
//! the store, and the server keeps no flags, so each action is a change to
//! the store alone, in one transaction. The one thing the server hears of
//! later: a message deleted for good leaves its `pop_uidls` record without
//! a local message, which the next check turns into a `DELE` when "remove
//! from the server when deleted" is on.
//!
//! Deleting moves to Trash; deleting in Trash (or with no Trash) is for
//! good. Special folders (with a role) cannot be renamed or deleted;
//! deleting a folder moves its messages, and those of its subfolders, to
//! Trash first. Messages and folders of other accounts are left alone, as
//! are invalid names (the UI checks names before asking).

use std::collections::BTreeSet;

use super::{AccountCtx, Command, Event, SyncError};
use crate::store::{
    Flags, Folder, FolderId, FolderRead, MessageRead, MessageRow, MsgId, NewFolder, NewMessage,
    PopRead, PopSyncRead, Role, Tx,
};

/// What a transaction changed, for the events sent after it commits.
#[derive(Default)]
struct Changed {
    folders: BTreeSet<FolderId>,
    folder_list: bool,
}

pub(super) fn apply(ctx: &mut AccountCtx, cmd: &Command) -> Result<(), SyncError> {
    let account = ctx.id().to_owned();
    let now = ctx.now();
    let changed = ctx.store.write(|tx| {
        let mut c = Changed::default();
        let a = account.as_str();
        match cmd {
            Command::SetSeen { messages, seen } => {
                set_flag(tx, a, messages, Flags::SEEN, *seen, &mut c)?
            }
            Command::SetFlagged { messages, flagged } => {
                set_flag(tx, a, messages, Flags::FLAGGED, *flagged, &mut c)?
            }
            Command::Move { messages, to } => {
                if let Some(dest) = own_folder(tx, a, *to)? {
                    for id in messages {
                        if let Some(row) = own_message(tx, a, *id)?
                            && row.folder != dest.id
                        {
                            tx.move_message(*id, dest.id)?;
                            c.folders.extend([row.folder, dest.id]);
                        }
                    }
                }
            }
            Command::Copy { messages, to } => {
                if let Some(dest) = own_folder(tx, a, *to)? {
                    for id in messages {
                        copy(tx, a, *id, dest.id, &mut c)?;
                    }
                }
            }
            Command::Delete { messages } => {
                for id in messages {
                    delete(tx, a, *id, &mut c)?;
                }
            }
            Command::EmptyTrash => {
                if let Some(trash) = tx.folder_by_role(a, Role::Trash)? {
                    for id in tx.folder_message_ids(trash.id)? {
                        delete_for_good(tx, a, id)?;
                    }
                    c.folders.insert(trash.id);
                }
            }
            Command::CreateFolder { name } => {
                if let Some(name) = valid_name(name)
                    && tx.folder_by_name(a, &name)?.is_none()
                {
                    let id = tx.upsert_folder(a, &NewFolder::new(name, None).local())?;
                    c.folders.insert(id);
                    c.folder_list = true;
                }
            }
            Command::RenameFolder { folder, name } => rename_folder(tx, a, *folder, name, &mut c)?,
            Command::DeleteFolder { folder } => delete_folder(tx, a, *folder, &mut c)?,
            Command::Append { folder, raw, seen } => {
                if let Some(f) = own_folder(tx, a, *folder)? {
                    let mut m = NewMessage::from_raw(raw.clone(), now);
                    m.flags = m.flags.with(Flags::SEEN, *seen);
                    tx.insert_message(f.id, &m)?;
                    c.folders.insert(f.id);
                }
            }
            Command::SyncNow | Command::OpenMessage(_) | Command::Shutdown => {}
            // Sending and drafts: crate::sync::send.
            Command::Send(_)
            | Command::SaveDraft(_)
            | Command::DiscardDraft(_)
            | Command::ResolveOutbox { .. } => {}
        }
        Ok(c)
    })?;
    if changed.folder_list {
        ctx.events.send(Event::FolderListChanged {
            account: account.clone(),
        });
    }
    for folder in changed.folders {
        ctx.events.send(Event::FolderChanged {
            account: account.clone(),
            folder,
        });
    }
    Ok(())
}

fn own_message(tx: &Tx, account: &str, id: MsgId) -> crate::store::Result<Option<MessageRow>> {
    if tx.message_account(id)?.as_deref() != Some(account) {
        return Ok(None);
    }
    tx.message(id)
}

fn own_folder(tx: &Tx, account: &str, id: FolderId) -> crate::store::Result<Option<Folder>> {
    Ok(tx.folder(id)?.filter(|f| f.account == account))
}

/// A folder name as typed, trimmed; None when empty or with control
/// characters or empty path parts.
fn valid_name(name: &str) -> Option<String> {
    let name = name.trim();
    let ok = !name.is_empty()
        && !name.chars().any(char::is_control)
        && name.split('/').all(|part| !part.trim().is_empty());
    ok.then(|| name.to_owned())
}

fn set_flag(
    tx: &Tx,
    account: &str,
    ids: &[MsgId],
    flag: Flags,
    on: bool,
    c: &mut Changed,
) -> crate::store::Result<()> {
    for id in ids {
        if let Some(row) = own_message(tx, account, *id)? {
            let flags = row.flags.with(flag, on);
            if flags != row.flags {
                tx.set_flags(*id, flags)?;
                c.folders.insert(row.folder);
            }
        }
    }
    Ok(())
}

fn copy(
    tx: &Tx,
    account: &str,
    id: MsgId,
    to: FolderId,
    c: &mut Changed,
) -> crate::store::Result<()> {
    let Some(row) = own_message(tx, account, id)? else {
        return Ok(());
    };
    let raw = tx.raw(id)?.unwrap_or_default();
    let mut m = NewMessage::from_raw(raw, row.date);
    m.date = row.date;
    m.flags = row.flags;
    m.partial = row.partial;
    if row.partial {
        m.size = row.size;
    }
    // A copy of a headers-only message can be completed from the server too.
    m.pop_uidl = tx.message_pop_uidl(id)?;
    tx.insert_message(to, &m)?;
    c.folders.insert(to);
    Ok(())
}

/// To Trash; from Trash (or with no Trash), for good.
fn delete(tx: &Tx, account: &str, id: MsgId, c: &mut Changed) -> crate::store::Result<()> {
    let Some(row) = own_message(tx, account, id)? else {
        return Ok(());
    };
    c.folders.insert(row.folder);
    match tx.folder_by_role(account, Role::Trash)? {
        Some(trash) if trash.id != row.folder => {
            tx.move_message(id, trash.id)?;
            c.folders.insert(trash.id);
        }
        _ => delete_for_good(tx, account, id)?,
    }
    Ok(())
}

/// Remove a message; its POP record then points at another copy, or at
/// none (the next check may then remove the server copy).
fn delete_for_good(tx: &Tx, account: &str, id: MsgId) -> crate::store::Result<()> {
    let uidl = tx.message_pop_uidl(id)?;
    let message_id = tx.message(id)?.and_then(|r| r.message_id);
    tx.delete_message(id)?;
    let Some(uidl) = uidl else { return Ok(()) };
    if let Some(record) = tx.pop_record(account, &uidl)?
        && (record.local == Some(id) || record.local.is_none())
    {
        let other = tx
            .messages_with_pop_uidl(account, &uidl, message_id.as_deref())?
            .first()
            .copied();
        if other != record.local {
            tx.set_pop_local(account, &uidl, other)?;
        }
    }
    Ok(())
}

/// The folder and its subfolders (by path), user folders only.
fn subtree(tx: &Tx, account: &str, folder: FolderId) -> crate::store::Result<Vec<Folder>> {
    let Some(root) = own_folder(tx, account, folder)? else {
        return Ok(Vec::new());
    };
    if root.role.is_some() {
        return Ok(Vec::new());
    }
    let prefix = format!("{}/", root.name);
    Ok(tx
        .folders(account)?
        .into_iter()
        .filter(|f| f.id == root.id || (f.name.starts_with(&prefix) && f.role.is_none()))
        .collect())
}

fn rename_folder(
    tx: &Tx,
    account: &str,
    folder: FolderId,
    name: &str,
    c: &mut Changed,
) -> crate::store::Result<()> {
    let Some(new_name) = valid_name(name) else {
        return Ok(());
    };
    let tree = subtree(tx, account, folder)?;
    let Some(root) = tree.iter().find(|f| f.id == folder) else {
        return Ok(());
    };
    let old = root.name.clone();
    if new_name == old
        || new_name.starts_with(&format!("{old}/"))
        || tx.folder_by_name(account, &new_name)?.is_some()
    {
        return Ok(());
    }
    for f in &tree {
        let renamed = match f.name.strip_prefix(&old) {
            Some(rest) => format!("{new_name}{rest}"),
            None => continue,
        };
        if f.id != folder && tx.folder_by_name(account, &renamed)?.is_some() {
            continue;
        }
        tx.rename_folder(f.id, &renamed)?;
        c.folders.insert(f.id);
    }
    c.folder_list = true;
    Ok(())
}

fn delete_folder(
    tx: &Tx,
    account: &str,
    folder: FolderId,
    c: &mut Changed,
) -> crate::store::Result<()> {
    let tree = subtree(tx, account, folder)?;
    if tree.is_empty() {
        return Ok(());
    }
    let trash = match tx.folder_by_role(account, Role::Trash)? {
        Some(t) => t.id,
        None => tx.upsert_folder(account, &NewFolder::new("Trash", Some(Role::Trash)).local())?,
    };
    for f in &tree {
        for id in tx.folder_message_ids(f.id)? {
            tx.move_message(id, trash)?;
        }
        tx.delete_folder(f.id)?;
    }
    c.folders.insert(trash);
    c.folder_list = true;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::valid_name;

    #[test]
    fn folder_names() {
        assert_eq!(valid_name("  Kvitton "), Some("Kvitton".into()));
        assert_eq!(valid_name("Resor/2024"), Some("Resor/2024".into()));
        assert_eq!(valid_name("Работа"), Some("Работа".into()));
        assert_eq!(valid_name(""), None);
        assert_eq!(valid_name("a\nb"), None);
        assert_eq!(valid_name("a//b"), None);
        assert_eq!(valid_name("/a"), None);
    }
}
