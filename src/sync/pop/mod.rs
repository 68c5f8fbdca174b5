//! POP3: Inbox only; never loses or duplicates a message.
//!
//! For a POP account the store is the only copy of the user's mail, so a
//! check runs in an order that survives a lost connection or a killed
//! process at any point:
//!
//! 1. The local folders exist (Inbox, Drafts, Sent, Trash, Outbox).
//! 2. Connect (POP3S, or STLS: `net` fails closed when it is not offered),
//!    `CAPA`, log in (APOP on a plain connection when offered, else SASL
//!    PLAIN, else USER/PASS), `CAPA` again.
//! 3. `UIDL` + `LIST` give each message its key ([`plan`] explains keys, the
//!    fallback for servers without UIDL and how a server migration that
//!    changes every id is recognised and matched by Message-ID + size).
//! 4. Messages whose key the store does not know are fetched — `RETR`, or
//!    `TOP n 0` above the headers-only limit — pipelined when the server
//!    offers PIPELINING, and stored together with their `pop_uidls` record
//!    in one transaction per batch (200 messages or 8 MiB). Commits are
//!    durable (synchronous=FULL) when `write` returns. Reading the network
//!    (on the connection's own runtime thread, [`NetThread`]), reading the
//!    headers (a blocking thread) and committing (the caller's task)
//!    overlap. What the body tells (preview, attachments, search words) is
//!    read after the session, by [`crate::sync::indexer`]: the maildrop,
//!    locked for other clients while a session lasts, is free sooner.
//! 5. Only then `DELE` for messages that are both committed and due for
//!    removal (leave-a-copy off, older than N days, or deleted in Brev with
//!    "remove when deleted" on), then `QUIT`, which is when the server
//!    deletes. A connection lost before QUIT deletes nothing; the records
//!    say what is stored, so the next check neither downloads again nor
//!    loses anything.
//!
//! Events: `FolderListChanged` when folders are created, `Progress` and
//! `FolderChanged` per committed batch, `NewMail` once all are stored. `Synced` is
//! sent by the engine loop with the returned summary.

mod auth;
mod local;
mod plan;
mod proto;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::{AccountCtx, Command, Event, SyncError, SyncSummary};
use crate::net::{self, Endpoint, MailStream, NetError, Protocol};
use crate::store::{
    FolderId, FolderRead, MessageRead, MsgId, NewFolder, NewMessage, PopRead, PopRecord, PopState,
    PopSyncRead, Role,
};
use plan::ServerMsg;
use proto::{Batch, Fetch, PopError, Session};

/// Messages per store transaction while downloading.
const BATCH_MESSAGES: usize = 200;
/// Bytes per store transaction while downloading.
const BATCH_BYTES: usize = 8 * 1024 * 1024;
/// Received but not yet committed mail the reader may hold, in KiB.
const BUDGET_KIB: usize = 64 * 1024;

/// The folders of a POP account: (name, role, local only).
const FOLDERS: [(&str, Role, bool); 5] = [
    ("INBOX", Role::Inbox, false),
    ("Drafts", Role::Drafts, true),
    ("Sent", Role::Sent, true),
    ("Trash", Role::Trash, true),
    ("Outbox", Role::Outbox, true),
];

/// One check: download what is new, remove from the server what is due.
pub async fn sync_once(ctx: &mut AccountCtx) -> Result<SyncSummary, SyncError> {
    let inbox = ensure_folders(ctx)?;
    let ep = ctx.incoming();
    // Declared before the session: it must outlive it.
    let net = NetThread::start(&ep)?;
    let login = start_login(ctx, &net)?;
    let account = ctx.id().to_owned();
    let mut summary = SyncSummary {
        folders: 1,
        ..SyncSummary::default()
    };

    // Read the records while the network thread logs in.
    let mut known: plan::Known = ctx
        .store
        .pop_states(&account)?
        .into_iter()
        .map(|s| (s.record.uidl.clone(), s))
        .collect();
    let mut session = finish_login(login, &ep).await?;
    let mut listing = keyed_listing(&mut session, |id| !known.contains_key(id))
        .await
        .map_err(|e| net_error(e, &ep))?;

    if plan::migration_suspected(&listing, &known) {
        rematch_migrated(ctx, &mut session, &listing, &mut known, &ep).await?;
    }
    forget_vanished(ctx, &listing, &mut known)?;

    let new: Vec<ServerMsg> = listing
        .iter()
        .filter(|m| m.key.as_ref().is_some_and(|k| !known.contains_key(k)))
        .cloned()
        .collect();
    let (stored, back) = download(ctx, session, &net, inbox, &new, &mut known, &ep).await;
    summary.new_messages = stored?;
    if summary.new_messages > 0 {
        ctx.events.send(Event::NewMail {
            account: account.clone(),
            count: summary.new_messages,
        });
    }
    let mut session =
        back.ok_or_else(|| net_error(PopError::Protocol("the download ended early".into()), &ep))?;
    listing.retain(|m| m.key.is_some());

    // Only committed messages have a record, so only they can be removed.
    let now = ctx.now();
    let due: Vec<(u32, String, plan::Removal)> = listing
        .iter()
        .filter_map(|m| {
            let key = m.key.as_ref()?;
            let reason = plan::removal(known.get(key)?, &ctx.account.pop, now)?;
            Some((m.msgno, key.clone(), reason))
        })
        .collect();
    let msgnos: Vec<u32> = due.iter().map(|d| d.0).collect();
    let accepted: HashSet<u32> = session
        .dele_all(&msgnos)
        .await
        .map_err(|e| net_error(e, &ep))?
        .into_iter()
        .collect();
    session.quit().await.map_err(|e| net_error(e, &ep))?;

    let deleted: Vec<&(u32, String, plan::Removal)> =
        due.iter().filter(|d| accepted.contains(&d.0)).collect();
    if !deleted.is_empty() {
        let keys: Vec<String> = deleted.iter().map(|d| d.1.clone()).collect();
        ctx.store
            .write(|tx| tx.set_pop_deleted_on_server(&account, &keys))?;
    }
    summary.deleted_on_server = deleted.len();
    summary.replayed = deleted
        .iter()
        .filter(|d| d.2 == plan::Removal::DeletedHere)
        .count();
    tracing::info!(
        "{account}: {} new, {} removed from the server",
        summary.new_messages,
        summary.deleted_on_server
    );
    Ok(summary)
}

/// Store-only user actions, each in one transaction (see [`local`]).
pub fn apply_local(ctx: &mut AccountCtx, cmd: &Command) -> Result<(), SyncError> {
    local::apply(ctx, cmd)
}

/// Download the whole of a message stored with headers only.
pub async fn open_message(ctx: &mut AccountCtx, id: MsgId) -> Result<(), SyncError> {
    let account = ctx.id().to_owned();
    let Some(row) = ctx.store.message(id)? else {
        return Ok(());
    };
    if !row.partial || ctx.store.message_account(id)?.as_deref() != Some(account.as_str()) {
        return Ok(());
    }
    let Some(key) = ctx.store.message_pop_uidl(id)? else {
        return Ok(());
    };
    let ep = ctx.incoming();
    let net = NetThread::start(&ep)?;
    let mut session = connect(ctx, &net).await?;
    let listing = keyed_listing(&mut session, |_| false)
        .await
        .map_err(|e| net_error(e, &ep))?;
    let Some(msgno) = listing
        .iter()
        .find(|m| m.key.as_deref() == Some(key.as_str()))
        .map(|m| m.msgno)
    else {
        let _ = session.quit().await;
        return Err(SyncError::Server(crate::fl!("pop-message-gone")));
    };
    let mut batch = Batch::new(vec![(msgno, Fetch::Whole)], 1);
    let raw = match session
        .next_fetch(&mut batch)
        .await
        .map_err(|e| net_error(e, &ep))?
    {
        Some((_, Ok(raw))) => raw,
        Some((_, Err(text))) => return Err(SyncError::Server(text)),
        None => return Err(SyncError::Server(crate::fl!("pop-message-gone"))),
    };
    let copies = ctx
        .store
        .messages_with_pop_uidl(&account, &key, row.message_id.as_deref())?;
    let mut folders = HashSet::new();
    // `set_raw` parses the server's bytes; a parser panic rolls back and
    // becomes an error instead of ending the engine.
    let stored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ctx.store.write(|tx| {
            for copy in copies {
                if let Some(r) = tx.message(copy)?
                    && r.partial
                {
                    tx.set_raw(copy, &raw)?;
                    folders.insert(r.folder);
                }
            }
            Ok(())
        })
    }));
    stored.map_err(|_| SyncError::Store("the message parser failed".into()))??;
    if let Err(e) = session.quit().await {
        tracing::debug!("{account}: QUIT after fetching a message: {e}");
    }
    for folder in folders {
        ctx.events.send(Event::FolderChanged {
            account: account.clone(),
            folder,
        });
    }
    Ok(())
}

/// Create the Inbox and the local folders that are missing; the Inbox's id.
fn ensure_folders(ctx: &mut AccountCtx) -> Result<FolderId, SyncError> {
    let account = ctx.id().to_owned();
    let (inbox, created) = ctx.store.write(|tx| {
        let mut inbox = None;
        let mut created = false;
        for (name, role, local) in FOLDERS {
            let id = match tx.folder_by_role(&account, role)? {
                Some(f) => f.id,
                None => {
                    created = true;
                    let f = NewFolder::new(name, Some(role));
                    tx.upsert_folder(&account, &if local { f.local() } else { f })?
                }
            };
            if role == Role::Inbox {
                inbox = Some(id);
            }
        }
        Ok((inbox, created))
    })?;
    if created {
        ctx.events.send(Event::FolderListChanged { account });
    }
    inbox.ok_or_else(|| SyncError::Store("no Inbox".into()))
}

/// A small tokio runtime (one thread) that owns the POP3 connection's
/// socket and timers, so the network is read while the engine's task
/// parses and commits — also on a current-thread runtime such as `brev
/// sync`'s. The session itself is driven from either side: I/O objects work
/// from any task while the runtime they belong to runs.
struct NetThread(Option<tokio::runtime::Runtime>);

impl NetThread {
    fn start(ep: &Endpoint) -> Result<NetThread, SyncError> {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("brev-pop3")
            .enable_all()
            .build()
            .map(|rt| NetThread(Some(rt)))
            .map_err(|e| {
                SyncError::Net(NetError::Io {
                    host: ep.host.clone(),
                    port: ep.port,
                    reason: e.to_string(),
                })
            })
    }

    fn spawn<F>(&self, future: F) -> Option<tokio::task::JoinHandle<F::Output>>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.0.as_ref().map(|rt| rt.spawn(future))
    }
}

impl Drop for NetThread {
    fn drop(&mut self) {
        // Dropping a runtime may not block inside async code.
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

/// A login under way on the network thread.
type Login = tokio::task::JoinHandle<Result<Session<MailStream>, SyncError>>;

/// Start connecting and logging in on `net`; the caller can work on the
/// store meanwhile and then [`finish_login`].
fn start_login(ctx: &AccountCtx, net: &NetThread) -> Result<Login, SyncError> {
    if ctx.password.is_empty() {
        return Err(SyncError::NoPassword);
    }
    let ep = ctx.incoming();
    let (trust, timeouts) = (ctx.trust.clone(), ctx.timeouts);
    let user = ctx.account.incoming.username.clone();
    let password = ctx.password.clone();
    let endpoint = ep.clone();
    net.spawn(async move { login(&endpoint, &trust, &timeouts, &user, &password).await })
        .ok_or_else(|| net_error(PopError::Protocol("no network thread".into()), &ep))
}

/// Connect to `ep`, `CAPA`, log in, `CAPA` again.
async fn login(
    ep: &Endpoint,
    trust: &net::Trust,
    timeouts: &net::Timeouts,
    user: &str,
    password: &str,
) -> Result<Session<MailStream>, SyncError> {
    let conn = net::connect(ep, Protocol::Pop3, trust, timeouts).await?;
    let mut session = Session::new(conn.stream);
    session.caps = session.capa().await.map_err(|e| net_error(e, ep))?;
    session
        .login(&conn.greeting, conn.tls, user, password)
        .await
        .map_err(|e| match e {
            PopError::Negative(text) => login_refused(text),
            other => net_error(other, ep),
        })?;
    // The capabilities after login are the ones that count (RFC 2449).
    session.caps = session.capa().await.map_err(|e| net_error(e, ep))?;
    Ok(session)
}

/// Log in to `ep` and say goodbye (`QUIT` without `DELE` removes
/// nothing): the setup's connection test.
pub async fn login_check(
    ep: &Endpoint,
    trust: &net::Trust,
    timeouts: &net::Timeouts,
    user: &str,
    password: &str,
) -> Result<(), SyncError> {
    let session = login(ep, trust, timeouts, user, password).await?;
    let _ = session.quit().await;
    Ok(())
}

async fn finish_login(login: Login, ep: &Endpoint) -> Result<Session<MailStream>, SyncError> {
    login.await.map_err(|e| {
        net_error(
            PopError::Protocol(format!("the network thread failed: {e}")),
            ep,
        )
    })?
}

/// Connect (on `net`), log in, and read the capabilities the session will
/// use. (`&mut`: a shared `&AccountCtx` held across an await is not `Send`.)
async fn connect(ctx: &mut AccountCtx, net: &NetThread) -> Result<Session<MailStream>, SyncError> {
    let login = start_login(ctx, net)?;
    finish_login(login, &ctx.incoming()).await
}

/// What a refused login means (RFC 2449 / 3206 response codes).
fn login_refused(text: String) -> SyncError {
    let upper = text.to_ascii_uppercase();
    if upper.contains("[IN-USE]") {
        SyncError::MailboxInUse(text)
    } else if upper.contains("[SYS/") || upper.contains("[LOGIN-DELAY]") {
        SyncError::Server(text)
    } else {
        SyncError::AuthenticationFailed(text)
    }
}

fn net_error(e: PopError, ep: &Endpoint) -> SyncError {
    match e {
        PopError::Io(io) => SyncError::Net(NetError::from_io(&io, &ep.host, ep.port)),
        PopError::Protocol(reason) => SyncError::Net(NetError::Protocol {
            host: ep.host.clone(),
            reason,
        }),
        PopError::Negative(text) => SyncError::Server(text),
    }
}

/// Every message's number and key: UIDL, plus LIST for the sizes, which
/// only matter for messages with an id `needs_size` picks (new ones) and
/// for fallback keys. A check with nothing new is one UIDL.
async fn keyed_listing(
    session: &mut Session<MailStream>,
    needs_size: impl Fn(&str) -> bool,
) -> Result<Vec<ServerMsg>, PopError> {
    let uidl = session.uidl().await?;
    if let Some(ids) = &uidl {
        let distinct: HashSet<&str, foldhash::fast::RandomState> =
            ids.iter().map(|(_, id)| id.as_str()).collect();
        if distinct.len() == ids.len() && !ids.iter().any(|(_, id)| needs_size(id)) {
            drop(distinct);
            return Ok(plan::listing_without_sizes(uidl.unwrap_or_default()));
        }
    }
    let list = session.list().await?;
    let mut listing = plan::join_listing(&list, uidl.as_deref());
    let keyless: Vec<u32> = listing
        .iter()
        .filter(|m| m.key.is_none())
        .map(|m| m.msgno)
        .collect();
    if !keyless.is_empty() {
        if uidl.is_none() {
            tracing::info!(
                "the server has no UIDL: keying {} messages by their headers",
                keyless.len()
            );
        }
        let headers = fetch_headers(session, &keyless).await?;
        plan::assign_fallback_keys(&mut listing, &headers);
    }
    Ok(listing)
}

/// The header blocks of some messages: `TOP n 0`, or `RETR` where the
/// server has no TOP. Messages the server refuses are left out.
async fn fetch_headers(
    session: &mut Session<MailStream>,
    msgnos: &[u32],
) -> Result<HashMap<u32, Vec<u8>>, PopError> {
    let mut out = HashMap::with_capacity(msgnos.len());
    let mut kind = if session.caps.top || !session.caps.known {
        Fetch::Headers
    } else {
        Fetch::Whole
    };
    let mut todo = msgnos.to_vec();
    loop {
        let mut batch = Batch::new(
            todo.iter().map(|n| (*n, kind)).collect(),
            session.caps.window(),
        );
        let mut refused = Vec::new();
        while let Some((i, result)) = session.next_fetch(&mut batch).await? {
            let Some(&n) = todo.get(i) else { continue };
            match result {
                Ok(raw) => {
                    out.insert(n, plan::header_block(&raw).to_vec());
                }
                Err(text) => {
                    tracing::debug!("headers of message {n} refused: {text}");
                    refused.push(n);
                }
            }
        }
        // A server that did not say whether it has TOP and refuses it.
        if kind == Fetch::Headers && !session.caps.known && !refused.is_empty() {
            kind = Fetch::Whole;
            todo = refused;
            continue;
        }
        return Ok(out);
    }
}

/// After a server migration: match the unknown messages to vanished
/// records by Message-ID + size and record them under their new keys.
async fn rematch_migrated(
    ctx: &mut AccountCtx,
    session: &mut Session<MailStream>,
    listing: &[ServerMsg],
    known: &mut plan::Known,
    ep: &Endpoint,
) -> Result<(), SyncError> {
    let unknown: Vec<&ServerMsg> = listing
        .iter()
        .filter(|m| m.key.as_ref().is_some_and(|k| !known.contains_key(k)))
        .collect();
    let msgnos: Vec<u32> = unknown.iter().map(|m| m.msgno).collect();
    let headers = fetch_headers(session, &msgnos)
        .await
        .map_err(|e| net_error(e, ep))?;
    let probed: Vec<(u32, String, u64, Option<String>)> = unknown
        .iter()
        .filter_map(|m| {
            let id = headers.get(&m.msgno).and_then(|h| plan::message_id(h));
            Some((m.msgno, m.key.clone()?, m.size, id))
        })
        .collect();
    let on_server: HashSet<&str> = listing.iter().filter_map(|m| m.key.as_deref()).collect();
    let pairs = plan::match_migrated(&probed, known, &on_server);
    tracing::info!(
        "{}: most unique ids changed on the server; {} of {} unknown messages were downloaded before",
        ctx.id(),
        pairs.len(),
        unknown.len()
    );
    if pairs.is_empty() {
        return Ok(());
    }
    let account = ctx.id().to_owned();
    ctx.store.write(|tx| {
        for (old, new) in &pairs {
            tx.rekey_pop(&account, old, new)?;
        }
        Ok(())
    })?;
    for (old, new) in pairs {
        if let Some(mut state) = known.remove(&old) {
            state.record.uidl = new.clone();
            state.record.deleted_on_server = false;
            known.insert(new, state);
        }
    }
    Ok(())
}

/// Records of messages no longer on the server are marked so.
fn forget_vanished(
    ctx: &mut AccountCtx,
    listing: &[ServerMsg],
    known: &mut plan::Known,
) -> Result<(), SyncError> {
    // Listed keys are unique (`plan::join_listing`): when as many known ones
    // are listed as are expected there, none is gone, and no set of keys is
    // needed (this runs on every check, between the listing and QUIT).
    let expected = known
        .values()
        .filter(|s| !s.record.deleted_on_server)
        .count();
    let listed = listing
        .iter()
        .filter_map(|m| known.get(m.key.as_deref()?))
        .filter(|s| !s.record.deleted_on_server)
        .count();
    if listed == expected {
        return Ok(());
    }
    let on_server: HashSet<&str> = listing.iter().filter_map(|m| m.key.as_deref()).collect();
    let gone: Vec<String> = known
        .values()
        .filter(|s| !s.record.deleted_on_server && !on_server.contains(s.record.uidl.as_str()))
        .map(|s| s.record.uidl.clone())
        .collect();
    if gone.is_empty() {
        return Ok(());
    }
    let account = ctx.id().to_owned();
    ctx.store
        .write(|tx| tx.set_pop_deleted_on_server(&account, &gone))?;
    for key in gone {
        if let Some(s) = known.get_mut(&key) {
            s.record.deleted_on_server = true;
        }
    }
    Ok(())
}

/// A message as received, waiting to be parsed.
struct Received {
    key: String,
    size: u64,
    headers_only: bool,
    raw: Vec<u8>,
    /// Its share of the memory budget, held until it is committed.
    budget: Option<OwnedSemaphorePermit>,
}

/// A parsed message waiting for its batch's commit.
struct Fetched {
    key: String,
    size: u64,
    message_id: Option<String>,
    message: NewMessage,
    _budget: Option<OwnedSemaphorePermit>,
}

/// Read the headers of a batch (on a blocking thread): the list columns.
/// The body is read after the session ([`crate::sync::indexer`]). A message
/// the parser chokes on is still stored, with its bytes and no list
/// columns: a panic here must not stop every future check at the same
/// message.
fn parse_batch(batch: Vec<Received>, now: i64) -> Vec<Fetched> {
    batch
        .into_iter()
        .map(|r| {
            let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                NewMessage::from_parsed(&crate::mail::parse(plan::header_block(&r.raw)), now)
            }));
            let mut message = parsed.unwrap_or_else(|_| {
                tracing::error!(
                    "the message parser failed on {}; storing its bytes as they are",
                    r.key
                );
                NewMessage {
                    date: now,
                    internal_date: Some(now),
                    ..NewMessage::default()
                }
            });
            message.size = if r.headers_only {
                r.size
            } else {
                r.raw.len() as u64
            };
            message.partial = r.headers_only;
            message.body_later = true;
            message.pop_uidl = Some(r.key.clone());
            let message_id = plan::message_id(&r.raw);
            message.raw = Some(r.raw);
            Fetched {
                key: r.key,
                size: r.size,
                message_id,
                message,
                _budget: r.budget,
            }
        })
        .collect()
}

/// One fetched reply, as the network thread hands it over.
type Reply = Result<(usize, Result<Vec<u8>, String>, Option<OwnedSemaphorePermit>), PopError>;

/// Fetch the new messages and store them batch by batch; returns how many
/// were stored, and the session unless the connection failed. Three stages
/// run at once: the network thread reads replies (pipelined), a blocking
/// thread parses batch k while this task commits batch k-1, in order. Whole
/// messages received before a failure are stored before the error is
/// returned.
async fn download(
    ctx: &mut AccountCtx,
    mut session: Session<MailStream>,
    net: &NetThread,
    inbox: FolderId,
    new: &[ServerMsg],
    known: &mut plan::Known,
    ep: &Endpoint,
) -> (Result<usize, SyncError>, Option<Session<MailStream>>) {
    if new.is_empty() {
        return (Ok(0), Some(session));
    }
    let limit = ctx
        .account
        .pop
        .headers_only_above_kb
        .map(|kb| u64::from(kb) * 1024);
    let can_top = session.caps.top;
    let reqs: Vec<(u32, Fetch)> = new
        .iter()
        .map(|m| {
            let headers_only = can_top && limit.is_some_and(|l| m.size > l);
            (
                m.msgno,
                if headers_only {
                    Fetch::Headers
                } else {
                    Fetch::Whole
                },
            )
        })
        .collect();
    let kinds: Vec<Fetch> = reqs.iter().map(|r| r.1).collect();
    let mut batch = Batch::new(reqs, session.caps.window());
    let mut progress = Progress {
        inbox,
        total: batch.len(),
        done: 0,
    };
    progress.send(ctx);

    // The reader waits when this much received mail is not yet committed.
    // One message takes at most a quarter, so the batch being filled and
    // the one being parsed (each flushed at BATCH_BYTES) never starve it.
    let budget = Arc::new(Semaphore::new(BUDGET_KIB));
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Reply>(1024);
    let reader = net.spawn(async move {
        loop {
            let reply = match session.next_fetch(&mut batch).await {
                Ok(Some((i, result))) => {
                    let kib = result
                        .as_ref()
                        .map_or(0, |raw| raw.len() / 1024)
                        .min(BUDGET_KIB / 4);
                    let permit = budget.clone().acquire_many_owned(kib as u32).await.ok();
                    Ok((i, result, permit))
                }
                Ok(None) => return Some(session),
                Err(e) => Err(e),
            };
            let failed = reply.is_err();
            if tx.send(reply).await.is_err() || failed {
                return (!failed).then_some(session);
            }
        }
    });
    let Some(reader) = reader else {
        return (
            Err(net_error(
                PopError::Protocol("no network thread".into()),
                ep,
            )),
            None,
        );
    };

    let now = ctx.now();
    let mut received: Vec<Received> = Vec::new();
    let mut received_bytes = 0;
    let mut parsing: Option<tokio::task::JoinHandle<Vec<Fetched>>> = None;
    let mut outcome = Ok(());
    while let Some(reply) = rx.recv().await {
        let (i, result, permit) = match reply {
            Ok(r) => r,
            Err(e) => {
                outcome = Err(e);
                break;
            }
        };
        let (Some(m), Some(kind)) = (new.get(i), kinds.get(i)) else {
            continue;
        };
        let Some(key) = m.key.clone() else { continue };
        let raw = match result {
            Ok(raw) => raw,
            Err(text) => {
                // Deleted meanwhile by another client, or unreadable: next time.
                tracing::warn!("{}: message {} refused: {text}", ctx.id(), m.msgno);
                continue;
            }
        };
        received_bytes += raw.len();
        received.push(Received {
            key,
            size: m.size,
            headers_only: *kind == Fetch::Headers,
            raw,
            budget: permit,
        });
        if received.len() >= BATCH_MESSAGES || received_bytes >= BATCH_BYTES {
            // Start parsing this batch first, so it is parsed while the
            // previous one is committed.
            let full = std::mem::take(&mut received);
            let previous =
                parsing.replace(tokio::task::spawn_blocking(move || parse_batch(full, now)));
            received_bytes = 0;
            if let Err(e) = store_parsed(ctx, previous, known, &mut progress).await {
                return (Err(e), None);
            }
        }
    }
    drop(rx);
    let mut stored = store_parsed(ctx, parsing.take(), known, &mut progress).await;
    if stored.is_ok() && !received.is_empty() {
        let last = tokio::task::spawn_blocking(move || parse_batch(received, now));
        stored = store_parsed(ctx, Some(last), known, &mut progress).await;
    }
    let session = reader.await.ok().flatten();
    let result = stored
        .and(outcome.map_err(|e| net_error(e, ep)))
        .map(|()| progress.done);
    (result, session)
}

/// Wait for a batch being parsed, then commit it.
async fn store_parsed(
    ctx: &mut AccountCtx,
    parsing: Option<tokio::task::JoinHandle<Vec<Fetched>>>,
    known: &mut plan::Known,
    progress: &mut Progress,
) -> Result<(), SyncError> {
    let Some(handle) = parsing else { return Ok(()) };
    let mut parsed = handle
        .await
        .map_err(|e| SyncError::Store(format!("parsing downloaded mail: {e}")))?;
    commit(ctx, &mut parsed, known, progress)
}

struct Progress {
    inbox: FolderId,
    total: usize,
    done: usize,
}

impl Progress {
    fn send(&self, ctx: &AccountCtx) {
        ctx.events.send(Event::Progress {
            account: ctx.id().to_owned(),
            folder: self.inbox,
            done: self.done,
            total: self.total,
        });
    }
}

/// Store the pending messages and their records in one transaction.
fn commit(
    ctx: &mut AccountCtx,
    pending: &mut Vec<Fetched>,
    known: &mut plan::Known,
    progress: &mut Progress,
) -> Result<(), SyncError> {
    if pending.is_empty() {
        return Ok(());
    }
    let account = ctx.id().to_owned();
    let now = ctx.now();
    let inbox = progress.inbox;
    let stored = ctx.store.write(|tx| {
        let mut stored = Vec::with_capacity(pending.len());
        for f in pending.iter() {
            // Never twice, whatever happened since the listing.
            if tx.pop_record(&account, &f.key)?.is_some() {
                continue;
            }
            let id = tx.insert_message(inbox, &f.message)?;
            let record = PopRecord {
                uidl: f.key.clone(),
                message_id: f.message_id.clone(),
                size: f.size,
                downloaded: now,
                local: Some(id),
                deleted_on_server: false,
            };
            tx.record_pop(&account, &record)?;
            stored.push(PopState {
                record,
                present: true,
                partial: f.message.partial,
            });
        }
        Ok(stored)
    })?;
    pending.clear();
    progress.done += stored.len();
    for s in stored {
        known.insert(s.record.uidl.clone(), s);
    }
    ctx.events.send(Event::FolderChanged {
        account: account.clone(),
        folder: inbox,
    });
    progress.send(ctx);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_logins_are_classified_by_response_code() {
        assert!(matches!(
            login_refused("[IN-USE] Mailbox is locked".into()),
            SyncError::MailboxInUse(_)
        ));
        assert!(matches!(
            login_refused("[AUTH] Authentication failed.".into()),
            SyncError::AuthenticationFailed(_)
        ));
        assert!(matches!(
            login_refused("invalid password".into()),
            SyncError::AuthenticationFailed(_)
        ));
        assert!(matches!(
            login_refused("[SYS/TEMP] try later".into()),
            SyncError::Server(_)
        ));
        assert!(matches!(
            login_refused("[LOGIN-DELAY] 900".into()),
            SyncError::Server(_)
        ));
    }
}
