//! Sending: the Outbox, drafts, and what happens after the server said 250.
//!
//! - [`queue`] builds the message and stores it in the Outbox with its
//!   envelope, in one transaction, before any byte goes to a server (and
//!   removes the draft it came from, which is safe: the Outbox has it).
//! - [`flush`] sends every queued or failed message. The state becomes
//!   `sending` (committed) after `RCPT` and before `DATA`. After the 250 the
//!   message moves to Sent, in one transaction with the server operations:
//!   IMAP queues an APPEND to the server's Sent (`\Seen`; its UID is mapped
//!   to the local row from APPENDUID, so a sync does not bring a second
//!   copy), unless the server files sent mail itself; POP keeps it in the
//!   local Sent. A replied-to message gets `\Answered`, a forwarded one
//!   `$Forwarded` (store and, for IMAP, the server via the ops queue).
//! - A broken connection after the message went out leaves it
//!   `maybe_sent`, as does a process that ended while `sending`
//!   ([`recover`]); only [`resolve`] (the user) moves it on.
//! - Drafts: [`save_draft`] replaces the previous version (IMAP: APPEND
//!   with `\Draft` to the server's Drafts, the old copy expunged).

use super::imap::{MsgRef, Op};
use super::smtp::{DataError, Session, Target};
use super::{AccountCtx, Event, SyncError};
use crate::config::MailProtocol;
use crate::mail::compose::{self, Draft};
use crate::store::{
    Flags, Folder, FolderId, FolderRead, MessageRead, MessageRow, MsgId, NewFolder, NewMessage,
    NewOutgoing, OutboxEntry, OutboxRead, OutboxState, Role, Tx,
};

/// The IMAP Outbox's name in the store: local only, and not a name a
/// server folder is likely to have.
const IMAP_OUTBOX: &str = "[Brev Outbox]";

fn compose_error(e: compose::ComposeError) -> SyncError {
    SyncError::Compose(e.user_message())
}

fn is_imap(ctx: &AccountCtx) -> bool {
    ctx.account.protocol == MailProtocol::Imap
}

fn enqueue(tx: &Tx, account: &str, op: &Op) -> crate::store::Result<()> {
    let payload = serde_json::to_string(op).unwrap_or_default();
    tx.enqueue_op(account, op.kind(), &payload)?;
    Ok(())
}

/// The folder with `role`, created when missing: local for POP and for
/// the Outbox; IMAP's Sent and Drafts are created on the server too.
fn folder_for(tx: &Tx, account: &str, imap: bool, role: Role) -> crate::store::Result<Folder> {
    if let Some(f) = tx.folder_by_role(account, role)? {
        return Ok(f);
    }
    let (name, local) = match role {
        Role::Outbox if imap => (IMAP_OUTBOX, true),
        Role::Outbox => ("Outbox", true),
        Role::Sent => ("Sent", !imap),
        Role::Drafts => ("Drafts", !imap),
        _ => ("Trash", !imap),
    };
    let mut nf = NewFolder::new(name, Some(role));
    if local {
        nf = nf.local();
    }
    if role == Role::Outbox {
        nf.delimiter = None;
    }
    let id = tx.upsert_folder(account, &nf)?;
    if !local {
        enqueue(
            tx,
            account,
            &Op::Create {
                name: name.to_owned(),
            },
        )?;
    }
    tx.folder(id)?
        .ok_or(crate::store::StoreError::NotFound("folder"))
}

fn changed(ctx: &AccountCtx, folders: impl IntoIterator<Item = FolderId>) {
    let mut folders: Vec<FolderId> = folders.into_iter().collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        ctx.events.send(Event::FolderChanged {
            account: ctx.account.id.clone(),
            folder,
        });
    }
}

/// Remove a stored message here and (IMAP) on the server, for good.
fn remove_for_good(tx: &Tx, account: &str, row: &MessageRow) -> crate::store::Result<()> {
    let folder = tx.folder(row.folder)?;
    tx.delete_message(row.id)?;
    if let Some(f) = folder
        && !f.local_only
        && row.uid.is_some()
    {
        enqueue(
            tx,
            account,
            &Op::Expunge {
                folder: f.name,
                uidvalidity: f.uidvalidity.unwrap_or(0),
                msgs: vec![MsgRef {
                    uid: row.uid,
                    local: row.id.0,
                }],
            },
        )?;
    }
    Ok(())
}

/// Who may send an account's Outbox now. The window and `brev send` (or
/// `brev sync`) can run at the same time on one profile; only one of them
/// sends at a time, so a queued message never goes out twice and a message
/// another live process is sending is not taken for an interrupted one.
enum SendLock {
    /// This process holds the lock until the file is dropped (also when it
    /// dies: the kernel releases it).
    Held(#[allow(dead_code)] std::fs::File),
    /// An in-memory store: only this process can see it.
    Private,
    /// Another process is sending this account's mail right now.
    Busy,
}

/// The advisory lock `<store>.send-<account>.lock` next to the store.
fn send_lock(ctx: &AccountCtx) -> Result<SendLock, SyncError> {
    let Some(store) = ctx.store.path() else {
        return Ok(SendLock::Private);
    };
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".send-{}.lock",
        crate::mail::safe_file_name(&ctx.account.id)
    ));
    let path = store.with_file_name(name);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| SyncError::Store(format!("{}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(SendLock::Held(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(SendLock::Busy),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(SyncError::Store(format!("{}: {e}", path.display())))
        }
    }
}

/// Messages that were being sent when their process ended may have been
/// sent: say so (never send them again silently). Only while no other
/// process is sending this account's mail; returns false when one is.
pub fn recover(ctx: &mut AccountCtx) -> Result<bool, SyncError> {
    match send_lock(ctx)? {
        SendLock::Busy => Ok(false),
        _lock => {
            mark_interrupted(ctx)?;
            Ok(true)
        }
    }
}

/// See [`recover`]; the caller holds the send lock.
fn mark_interrupted(ctx: &mut AccountCtx) -> Result<(), SyncError> {
    let account = ctx.account.id.clone();
    let n = ctx.store.write(|tx| tx.outbox_interrupted(&account))?;
    if n > 0 {
        tracing::warn!("{account}: {n} message(s) may have been sent before Brev stopped");
    }
    Ok(())
}

/// Build the draft and put it in the Outbox (state queued). Returns the
/// Outbox row.
pub fn queue(ctx: &mut AccountCtx, draft: &Draft) -> Result<MsgId, SyncError> {
    let now = ctx.now();
    let raw = compose::build_own_copy(draft, &ctx.account, now).map_err(compose_error)?;
    let recipients = draft
        .recipients()
        .map_err(|e| SyncError::Compose(e.user_message()))?
        .iter()
        .map(|a| compose::ascii_email(&a.email))
        .collect();
    // A reply written on later (a reopened draft) knows only the
    // In-Reply-To header: find the original it answers.
    let replying_to = match (draft.replying_to, draft.in_reply_to.as_deref()) {
        (Some(id), _) => Some(id),
        (None, Some(irt)) if !irt.is_empty() => {
            ctx.store.original_by_message_id(&ctx.account.id, irt)?
        }
        _ => None,
    };
    // Likewise a forward written on later knows only the forwarded id.
    let forwarding = match (draft.forwarding, draft.forwarded_message_id.as_deref()) {
        (Some(id), _) => Some(id),
        (None, Some(fwd)) if !fwd.is_empty() => {
            ctx.store.original_by_message_id(&ctx.account.id, fwd)?
        }
        _ => None,
    };
    let out = NewOutgoing {
        sender: compose::ascii_email(ctx.account.email.trim()),
        recipients,
        replying_to,
        forwarding,
    };
    queue_built(ctx, raw, out, draft.saved_as)
}

/// Put a whole message (e.g. `brev send --raw`) in the Outbox: the
/// recipients are its To, Cc and Bcc. Like a written message it keeps its
/// Bcc header in the Outbox and in Sent; sending removes it.
pub fn queue_raw(ctx: &mut AccountCtx, raw: &[u8]) -> Result<MsgId, SyncError> {
    let parsed = crate::mail::parse(raw);
    let mut recipients: Vec<String> = Vec::new();
    for a in parsed.to.iter().chain(&parsed.cc).chain(&parsed.bcc) {
        let email = compose::ascii_email(a.email.trim());
        if !email.is_empty() && !recipients.iter().any(|r| r.eq_ignore_ascii_case(&email)) {
            recipients.push(email);
        }
    }
    if recipients.is_empty() {
        return Err(compose_error(compose::ComposeError::NoRecipients));
    }
    let sender = parsed
        .from
        .first()
        .map(|a| a.email.clone())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| ctx.account.email.clone());
    let out = NewOutgoing {
        sender: compose::ascii_email(sender.trim()),
        recipients,
        replying_to: None,
        forwarding: None,
    };
    queue_built(ctx, raw.to_vec(), out, None)
}

fn queue_built(
    ctx: &mut AccountCtx,
    raw: Vec<u8>,
    out: NewOutgoing,
    draft: Option<MsgId>,
) -> Result<MsgId, SyncError> {
    let now = ctx.now();
    let account = ctx.account.id.clone();
    let imap = is_imap(ctx);
    let (id, touched) = ctx.store.write(|tx| {
        let outbox = folder_for(tx, &account, imap, Role::Outbox)?;
        let mut m = NewMessage::from_raw(raw, now);
        m.flags = Flags::SEEN;
        let id = tx.queue_outgoing(&account, outbox.id, &m, &out, now)?;
        let mut touched = vec![outbox.id];
        if let Some(d) = draft
            && let Some(row) = tx.message(d)?
        {
            touched.push(row.folder);
            remove_for_good(tx, &account, &row)?;
        }
        Ok((id, touched))
    })?;
    changed(ctx, touched);
    Ok(id)
}

/// Store the draft in Drafts, replacing its previous version. Returns the
/// new row (also told with [`Event::DraftSaved`]).
pub fn save_draft(ctx: &mut AccountCtx, draft: &Draft) -> Result<MsgId, SyncError> {
    let now = ctx.now();
    let raw = compose::build_draft(draft, &ctx.account, now).map_err(compose_error)?;
    let account = ctx.account.id.clone();
    let imap = is_imap(ctx);
    let (id, touched) = ctx.store.write(|tx| {
        let drafts = folder_for(tx, &account, imap, Role::Drafts)?;
        let mut m = NewMessage::from_raw(raw, now);
        m.flags = Flags::SEEN.with(Flags::DRAFT, true);
        let id = tx.insert_message(drafts.id, &m)?;
        if !drafts.local_only {
            enqueue(
                tx,
                &account,
                &Op::Append {
                    folder: drafts.name.clone(),
                    local: id.0,
                    flags: "\\Seen \\Draft".to_owned(),
                },
            )?;
        }
        let mut touched = vec![drafts.id];
        if let Some(old) = draft.saved_as
            && let Some(row) = tx.message(old)?
        {
            touched.push(row.folder);
            remove_for_good(tx, &account, &row)?;
        }
        Ok((id, touched))
    })?;
    changed(ctx, touched);
    ctx.events.send(Event::DraftSaved {
        account,
        draft: id,
        replaces: draft.saved_as,
    });
    Ok(id)
}

/// Remove a stored draft (here and on the server).
pub fn discard_draft(ctx: &mut AccountCtx, id: MsgId) -> Result<(), SyncError> {
    let account = ctx.account.id.clone();
    let touched = ctx.store.write(|tx| {
        let Some(row) = tx.message(id)? else {
            return Ok(None);
        };
        remove_for_good(tx, &account, &row)?;
        Ok(Some(row.folder))
    })?;
    changed(ctx, touched);
    Ok(())
}

/// The user decided about a message that may have been sent: send it
/// again (back to queued), or take it as sent (to Sent, not sent again).
pub fn resolve(ctx: &mut AccountCtx, message: MsgId, send_again: bool) -> Result<(), SyncError> {
    let Some(entry) = ctx.store.outbox_entry(message)? else {
        return Ok(());
    };
    if send_again {
        ctx.store
            .write(|tx| tx.set_outbox_state(message, &OutboxState::Queued))?;
        let folder = ctx.store.message(message)?.map(|r| r.folder);
        changed(ctx, folder);
        Ok(())
    } else {
        filed_as_sent(ctx, &entry)
    }
}

/// What one [`flush`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlushReport {
    /// Messages the server accepted.
    pub sent: usize,
    /// Messages that failed this time (still in the Outbox).
    pub failed: usize,
}

fn fail(ctx: &mut AccountCtx, entry: &OutboxEntry, e: &SyncError) -> Result<(), SyncError> {
    let state = match e {
        SyncError::MaybeSent => OutboxState::MaybeSent,
        e => OutboxState::Failed(e.user_message()),
    };
    ctx.store
        .write(|tx| tx.set_outbox_state(entry.message, &state))?;
    let folder = ctx.store.message(entry.message)?.map(|r| r.folder);
    changed(ctx, folder);
    ctx.events.send(Event::SendFailed {
        account: ctx.account.id.clone(),
        error: e.clone(),
    });
    Ok(())
}

/// Send what waits in the Outbox (queued and failed messages). Err when
/// the server could not be reached or the connection broke; each message
/// keeps its own state and reason either way.
pub async fn flush(ctx: &mut AccountCtx) -> Result<FlushReport, SyncError> {
    let mut report = FlushReport::default();
    // Held to the end of this function: one sender per account at a time.
    let _lock = match send_lock(ctx)? {
        SendLock::Busy => {
            tracing::info!("{}: another Brev is sending; later", ctx.account.id);
            return Ok(report);
        }
        lock => lock,
    };
    // A message left `sending` by a process that has ended since.
    mark_interrupted(ctx)?;
    let pending: Vec<OutboxEntry> = ctx
        .store
        .outbox(&ctx.account.id)?
        .into_iter()
        .filter(|e| e.state.is_sendable())
        .collect();
    if pending.is_empty() {
        return Ok(report);
    }
    let mut session = match Session::open(Target::of(ctx)).await {
        Ok(s) => s,
        Err(e) => {
            for entry in &pending {
                fail(ctx, entry, &e)?;
            }
            return Err(e);
        }
    };
    let account = ctx.account.id.clone();
    let limit = session.size_limit;
    ctx.store
        .write(|tx| tx.set_smtp_size_limit(&account, limit))?;

    for entry in &pending {
        let Some(raw) = ctx.store.raw(entry.message)? else {
            continue;
        };
        // The sender's copy keeps Bcc; the recipients never see it.
        let raw = compose::strip_bcc(&raw);
        if let Err(e) = session
            .envelope(&entry.sender, &entry.recipients, &raw)
            .await
        {
            fail(ctx, entry, &e)?;
            report.failed += 1;
            if matches!(e, SyncError::Net(_)) {
                return Err(e);
            }
            session.reset().await?;
            continue;
        }
        // From here on a broken connection may mean "sent": say so on disk
        // before the message goes out.
        ctx.store
            .write(|tx| tx.set_outbox_state(entry.message, &OutboxState::Sending))?;
        match session.data(&raw).await {
            Ok(()) => {
                filed_as_sent(ctx, entry)?;
                report.sent += 1;
            }
            Err(DataError::NotSent(e)) => {
                fail(ctx, entry, &e)?;
                report.failed += 1;
                if matches!(e, SyncError::Net(_)) {
                    return Err(e);
                }
                session.reset().await?;
            }
            Err(DataError::MaybeSent(e)) => {
                fail(ctx, entry, &SyncError::MaybeSent)?;
                return Err(e);
            }
        }
    }
    session.quit().await;
    if report.sent > 0 {
        ctx.events.send(Event::Sent { account });
    }
    Ok(report)
}

/// The message was sent: out of the Outbox into Sent, originals marked.
fn filed_as_sent(ctx: &mut AccountCtx, entry: &OutboxEntry) -> Result<(), SyncError> {
    let account = ctx.account.id.clone();
    let imap = is_imap(ctx);
    let server_files = imap && ctx.account.files_sent_itself();
    let touched = ctx.store.write(|tx| {
        let mut touched = Vec::new();
        tx.remove_outbox_entry(entry.message)?;
        for (original, bit, name) in [
            (entry.replying_to, Flags::ANSWERED, "\\Answered"),
            (entry.forwarding, Flags::FORWARDED, "$Forwarded"),
        ] {
            if let Some(id) = original
                && let Some(row) = tx.message(id)?
            {
                mark(tx, &account, &row, bit, name)?;
                touched.push(row.folder);
            }
        }
        let Some(row) = tx.message(entry.message)? else {
            return Ok(touched);
        };
        touched.push(row.folder);
        if server_files {
            tx.delete_message(row.id)?;
            return Ok(touched);
        }
        let sent = folder_for(tx, &account, imap, Role::Sent)?;
        tx.move_message(row.id, sent.id)?;
        tx.set_flags(row.id, row.flags.with(Flags::SEEN, true))?;
        touched.push(sent.id);
        if !sent.local_only {
            enqueue(
                tx,
                &account,
                &Op::Append {
                    folder: sent.name,
                    local: row.id.0,
                    flags: "\\Seen".to_owned(),
                },
            )?;
        }
        Ok(touched)
    })?;
    changed(ctx, touched);
    Ok(())
}

fn mark(
    tx: &Tx,
    account: &str,
    row: &MessageRow,
    bit: Flags,
    name: &str,
) -> crate::store::Result<()> {
    if row.flags.contains(bit) {
        return Ok(());
    }
    tx.set_flags(row.id, row.flags.with(bit, true))?;
    if let Some(f) = tx.folder(row.folder)?
        && !f.local_only
    {
        enqueue(
            tx,
            account,
            &Op::Flags {
                folder: f.name,
                uidvalidity: f.uidvalidity.unwrap_or(0),
                msgs: vec![MsgRef {
                    uid: row.uid,
                    local: row.id.0,
                }],
                flag: name.to_owned(),
                on: true,
            },
        )?;
    }
    Ok(())
}
