//! IMAP: every folder, two-way, incremental, local first.
//!
//! [`sync_once`] is one whole sync of an account over one connection:
//!
//! 1. the queue of local changes is replayed in order ([`apply_local`]
//!    queued them; see `ops`);
//! 2. before the folder list (Dovecot is slow to open a big folder after a
//!    LIST): with CONDSTORE, pipelined STATUS of every completely synced
//!    folder, and on an account's first sync the Inbox's newest page;
//! 3. LIST mirrors the folder tree (roles from SPECIAL-USE or by name);
//! 4. folders whose UIDVALIDITY, UIDNEXT, MESSAGES and HIGHESTMODSEQ are
//!    unchanged are skipped without a SELECT; every other folder is
//!    brought up to date: QRESYNC (VANISHED, changed flags
//!    and new mail since UIDNEXT) when the server offers it, else a
//!    UID/FLAGS comparison; a folder seen for the first time gets its newest
//!    page of list data first, then the rest newest first in pipelined
//!    pages (see `mailbox` for the passes);
//! 5. the quota is read (GETQUOTAROOT INBOX);
//! 6. bodies follow, newest first, as [`SyncOptions::bodies`] says.
//!
//! [`open_message`] fetches one body at once; [`IdleWatch`] waits on the
//! Inbox with IDLE so the engine can sync when mail arrives.
//!
//! Nothing the server sends can panic this module; a folder whose commands
//! the server refuses is skipped (logged) instead of failing the account.

mod cached;
mod conn;
mod folders;
mod idle;
mod mailbox;
mod ops;
mod parse;
mod utf7;

use async_imap::imap_proto::{Response, rfc2087::QuotaResourceName};

pub use cached::Cached;
pub use conn::Login;
pub use folders::role_by_name;
pub use idle::IdleWatch;
pub use ops::{MAX_ATTEMPTS, MsgRef, Op};

use super::{AccountCtx, Command, Event, SyncError, SyncSummary};
use crate::store::{
    Folder, FolderRead, ImapRead, MessageRead, MsgId, NewFolder, OpsRead, Quota, Role,
};
use conn::Imap;
use ops::Hold;
use parse::Fetched;

/// Log in with `login` and out again: the setup's connection test.
pub async fn login_check(login: Login) -> Result<(), SyncError> {
    let imap = Imap::login(login).await?;
    imap.logout().await;
    Ok(())
}

/// Seconds between quota checks when nothing changed.
const QUOTA_EVERY: i64 = 15 * 60;

/// Which message bodies a sync downloads (list data always comes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BodyPolicy {
    /// Every message: the store is a full offline copy.
    #[default]
    All,
    /// Messages that arrived in the last N days; older ones when opened.
    NewerThanDays(u32),
    /// None in the background; each when opened.
    HeadersOnly,
}

/// How a sync runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncOptions {
    pub bodies: BodyPolicy,
    /// Messages in the first page of a folder seen for the first time.
    pub first_page: usize,
    /// Messages per page after that.
    pub page: usize,
    /// Use CONDSTORE/QRESYNC when the server offers them. False makes the
    /// sync compare UID and FLAGS lists, as with servers without them.
    pub modseq: bool,
    /// Use QRESYNC when offered. False keeps CONDSTORE alone, as servers
    /// without QRESYNC (Gmail) have it.
    pub qresync: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            bodies: BodyPolicy::All,
            first_page: 50,
            page: 500,
            modseq: true,
            qresync: true,
        }
    }
}

impl SyncOptions {
    /// The options the account's settings ask for.
    pub fn for_account(account: &crate::config::Account) -> SyncOptions {
        use crate::config::BodyDownload;
        let bodies = match account.imap.download_bodies {
            BodyDownload::All => BodyPolicy::All,
            BodyDownload::Recent => BodyPolicy::NewerThanDays(account.imap.recent_days),
            BodyDownload::OnOpen => BodyPolicy::HeadersOnly,
        };
        SyncOptions {
            bodies,
            ..SyncOptions::default()
        }
    }
}

/// One full sync of the account with the options its settings ask for.
pub async fn sync_once(ctx: &mut AccountCtx) -> Result<SyncSummary, SyncError> {
    let opts = SyncOptions::for_account(&ctx.account);
    sync_with(ctx, &opts).await
}

/// One full sync of the account (see the module docs).
pub async fn sync_with(ctx: &mut AccountCtx, opts: &SyncOptions) -> Result<SyncSummary, SyncError> {
    let mut imap = Imap::connect(ctx).await?;
    if opts.modseq && opts.qresync {
        imap.enable_qresync().await?;
    } else if !opts.modseq {
        imap.without_modseq();
    }
    let result = run(&mut imap, ctx, opts).await;
    if !matches!(result, Err(SyncError::Net(_))) {
        imap.logout().await;
    }
    result
}

/// A folder's failure that should not stop the other folders.
fn folder_error(ctx: &AccountCtx, folder: &Folder, e: SyncError) -> Result<(), SyncError> {
    match e {
        SyncError::Server(reason) => {
            tracing::warn!(
                "{}: skipping {} this time: {reason}",
                ctx.account.id,
                folder.name
            );
            Ok(())
        }
        other => Err(other),
    }
}

async fn run(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    opts: &SyncOptions,
) -> Result<SyncSummary, SyncError> {
    let mut summary = SyncSummary::default();
    ops::replay(imap, ctx, &mut summary).await?;

    // Dovecot reads a big Maildir again on the first access after a LIST
    // (60–70 ms for 100,000 messages, against well under 1 ms before it),
    // so what can be asked without the folder list is asked first: STATUS
    // of the folders already synced completely (with CONDSTORE it tells
    // whether anything changed at all) and, on the very first sync, the
    // Inbox's newest page (every server has an INBOX).
    let known = ctx.store.folders(&ctx.account.id)?;
    let complete: Vec<String> = known
        .iter()
        .filter(|f| f.selectable && !f.local_only)
        .filter(|f| f.uidnext.is_some() && f.highestmodseq.is_some())
        .map(|f| f.name.clone())
        .collect();
    let statuses = if imap.condstore() && !complete.is_empty() {
        folders::statuses(imap, &complete).await?
    } else {
        Default::default()
    };
    if known.iter().all(|f| f.local_only) {
        inbox_head_start(imap, ctx, opts, &mut summary).await?;
    }

    let listed = folders::list(imap).await?;
    // What the queue holds back is read after every wait for the server,
    // right before the writes it protects: the engine applies the user's
    // changes while a sync waits (see `sync::engine`).
    let hold = Hold::from_queue(ctx)?;
    let listed: Vec<folders::Listed> = listed
        .into_iter()
        .filter(|l| !hold.skip.contains(&l.name))
        .collect();
    folders::mirror(ctx, &listed, &hold.keep)?;
    let to_sync: Vec<Folder> = ctx
        .store
        .folders(&ctx.account.id)?
        .into_iter()
        .filter(|f| f.selectable && !f.local_only && listed.iter().any(|l| l.name == f.name))
        .collect();
    summary.folders = to_sync.len();

    let mut need_full = Vec::new();
    for f in &to_sync {
        if let Some(status) = statuses.get(&f.name)
            && status.unchanged_since(f, ctx.store.imap_uid_count(f.id)?)
        {
            continue;
        }
        match mailbox::quick(imap, ctx, f, opts, &mut summary).await {
            Ok(true) => need_full.push(f.id),
            Ok(false) => {}
            Err(e) => folder_error(ctx, f, e)?,
        }
    }
    // The quota: when something changed, else every quarter of an hour.
    let quota_age = ctx
        .store
        .quota(&ctx.account.id)?
        .map(|q| ctx.now() - q.updated);
    let busy = summary.new_messages + summary.removed + summary.replayed > 0;
    if (busy || quota_age.is_none_or(|age| !(0..QUOTA_EVERY).contains(&age)))
        && let Err(e) = quota(imap, ctx).await
    {
        if matches!(e, SyncError::Net(_) | SyncError::Store(_)) {
            return Err(e);
        }
        tracing::info!("{}: quota: {e}", ctx.account.id);
    }
    for id in need_full {
        let Some(f) = ctx.store.folder(id)? else {
            continue;
        };
        if let Err(e) = mailbox::full(imap, ctx, &f, opts, &mut summary).await {
            folder_error(ctx, &f, e)?;
        }
    }
    if opts.bodies != BodyPolicy::HeadersOnly {
        for f in &to_sync {
            if ctx.store.imap_partial(f.id, None, 1)?.is_empty() {
                continue;
            }
            let Some(f) = ctx.store.folder(f.id)? else {
                continue;
            };
            if let Err(e) = mailbox::bodies(imap, ctx, &f, opts).await {
                folder_error(ctx, &f, e)?;
            }
        }
    }
    Ok(summary)
}

/// The first sync of an account: the Inbox's newest page before anything
/// else, even before the folder list (see [`run`]).
async fn inbox_head_start(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    opts: &SyncOptions,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let account = ctx.account.id.clone();
    let id = ctx
        .store
        .write(|tx| tx.upsert_folder(&account, &NewFolder::new("INBOX", Some(Role::Inbox))))?;
    ctx.events.send(Event::FolderListChanged { account });
    let Some(inbox) = ctx.store.folder(id)? else {
        return Ok(());
    };
    match mailbox::quick(imap, ctx, &inbox, opts, summary).await {
        Ok(_) => Ok(()),
        Err(e) => folder_error(ctx, &inbox, e),
    }
}

/// Send the queue of local changes now, without a whole sync (e.g. right
/// after a user action while a long first download is not under way), on
/// a session of its own. Returns how many were done.
pub async fn push_changes(ctx: &mut AccountCtx) -> Result<usize, SyncError> {
    let mut session = Cached::default();
    let result = push_changes_with(&mut session, ctx).await;
    session.close().await;
    result
}

/// [`push_changes`] on the engine's kept session.
pub async fn push_changes_with(
    session: &mut Cached,
    ctx: &mut AccountCtx,
) -> Result<usize, SyncError> {
    if ctx.store.pending_ops(&ctx.account.id)?.is_empty() {
        return Ok(0);
    }
    let imap = session.get(ctx).await?;
    let mut summary = SyncSummary::default();
    let result = ops::replay(imap, ctx, &mut summary).await;
    session.done(&result);
    result.map(|()| summary.replayed)
}

/// The account's quota for people, e.g. "1.2 GB of 10 GB used on the
/// server"; None when the server reported no storage limit.
pub fn quota_summary(q: &Quota) -> Option<String> {
    let (used, limit) = (q.storage_used?, q.storage_limit?);
    Some(crate::fl!(
        "imap-quota-usage",
        used = crate::mail::inspect::format_size(used),
        limit = crate::mail::inspect::format_size(limit)
    ))
}

/// GETQUOTAROOT INBOX, stored for the UI.
async fn quota(imap: &mut Imap, ctx: &mut AccountCtx) -> Result<(), SyncError> {
    if !imap.has("QUOTA") {
        return Ok(());
    }
    let mut roots: Vec<String> = Vec::new();
    let mut quotas: Vec<Quota> = Vec::new();
    let account = ctx.account.id.clone();
    let now = ctx.now();
    imap.command("GETQUOTAROOT INBOX", |r| {
        match r {
            Response::QuotaRoot(qr) => {
                roots.extend(qr.quota_root_names.iter().map(|n| n.to_string()))
            }
            Response::Quota(q) => {
                let mut out = Quota {
                    account: account.clone(),
                    root: q.root_name.to_string(),
                    storage_used: None,
                    storage_limit: None,
                    messages_used: None,
                    messages_limit: None,
                    updated: now,
                };
                for res in &q.resources {
                    match res.name {
                        QuotaResourceName::Storage => {
                            out.storage_used = Some(res.usage.saturating_mul(1024));
                            out.storage_limit = Some(res.limit.saturating_mul(1024));
                        }
                        QuotaResourceName::Message => {
                            out.messages_used = Some(res.usage);
                            out.messages_limit = Some(res.limit);
                        }
                        QuotaResourceName::Atom(_) => {}
                    }
                }
                quotas.push(out);
            }
            _ => {}
        }
        Ok(())
    })
    .await?
    .check("GETQUOTAROOT")?;
    // The first root of INBOX, else whatever came.
    let pick = roots
        .first()
        .and_then(|r| quotas.iter().find(|q| &q.root == r))
        .or(quotas.first());
    if let Some(q) = pick {
        ctx.store.write(|tx| tx.set_quota(q))?;
    }
    Ok(())
}

/// Apply a user's action to the store and queue its server side, in one
/// transaction; no network. See [`Command`] for what each does; `Delete`
/// moves to the Trash, or (in the Trash, or with no Trash) removes for good.
pub fn apply_local(ctx: &mut AccountCtx, cmd: &Command) -> Result<(), SyncError> {
    ops::apply_local(ctx, cmd)
}

/// The user opened a message: fetch its whole body now when only headers
/// are stored, on a session of its own. A message the server no longer has
/// is removed.
pub async fn open_message(ctx: &mut AccountCtx, id: MsgId) -> Result<(), SyncError> {
    let mut session = Cached::default();
    let result = open_message_with(&mut session, ctx, id).await;
    session.close().await;
    result
}

/// [`open_message`] on the engine's kept session.
pub async fn open_message_with(
    session: &mut Cached,
    ctx: &mut AccountCtx,
    id: MsgId,
) -> Result<(), SyncError> {
    let Some(row) = ctx.store.message(id)? else {
        return Ok(());
    };
    let Some(uid) = row.uid.filter(|_| row.partial) else {
        return Ok(());
    };
    let Some(folder) = ctx.store.folder(row.folder)? else {
        return Ok(());
    };
    let imap = session.get(ctx).await?;
    let result = fetch_one(imap, ctx, &folder, id, uid).await;
    session.done(&result);
    result
}

async fn fetch_one(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    folder: &Folder,
    id: MsgId,
    uid: u32,
) -> Result<(), SyncError> {
    let Some(sel) = mailbox::select(imap, &folder.name, None).await? else {
        return Ok(());
    };
    if sel.uidvalidity != folder.uidvalidity {
        // The next sync resets the folder.
        return Ok(());
    }
    let mut body = None;
    imap.command(&format!("UID FETCH {uid} (UID BODY.PEEK[])"), |r| {
        if let Response::Fetch(seq, attrs) = r {
            let f = Fetched::from_attrs(*seq, attrs);
            if f.uid == Some(uid) && f.body.is_some() {
                body = f.body;
            }
        }
        Ok(())
    })
    .await?
    .check("UID FETCH")?;
    ctx.store.write(|tx| match &body {
        Some(raw) => tx.set_raw(id, raw),
        None => tx.delete_message(id),
    })?;
    ctx.events.send(Event::FolderChanged {
        account: ctx.account.id.clone(),
        folder: folder.id,
    });
    Ok(())
}

#[cfg(test)]
mod options_tests {
    use super::*;
    use crate::config::{Account, BodyDownload, MailProtocol, ServerSettings};

    #[test]
    fn body_policy_follows_the_account_setting() {
        let server = ServerSettings {
            host: "imap.example.no".into(),
            port: 993,
            security: crate::net::Security::Tls,
            username: "kari".into(),
        };
        let mut a = Account {
            id: "kari".into(),
            name: "Kari".into(),
            email: "kari@example.no".into(),
            protocol: MailProtocol::Imap,
            incoming: server.clone(),
            outgoing: server,
            trusted_cert: None,
            pop: Default::default(),
            imap: Default::default(),
            signature: String::new(),
            server_files_sent: None,
        };
        assert_eq!(SyncOptions::for_account(&a).bodies, BodyPolicy::All);
        a.imap.download_bodies = BodyDownload::Recent;
        a.imap.recent_days = 7;
        assert_eq!(
            SyncOptions::for_account(&a).bodies,
            BodyPolicy::NewerThanDays(7)
        );
        a.imap.download_bodies = BodyDownload::OnOpen;
        assert_eq!(SyncOptions::for_account(&a).bodies, BodyPolicy::HeadersOnly);
    }
}
