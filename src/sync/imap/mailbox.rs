//! Keeping one folder's messages the same as the server's.
//!
//! Per folder the store keeps UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ. A
//! folder is *complete* when UIDNEXT is stored: every message below it is
//! in the store. Three passes over the account's folders (see `sync_with`):
//!
//! 1. [`quick`]: SELECT; a UIDVALIDITY change resets the folder. A complete
//!    folder with QRESYNC is brought up to date right here (VANISHED,
//!    changed flags, new mail, new HIGHESTMODSEQ, all in one transaction).
//!    An empty folder gets its newest page of list data at once.
//! 2. [`full`]: for every other folder: `UID FETCH 1:* (FLAGS)` tells what
//!    was expunged and which flags changed; the missing messages are
//!    fetched newest first in pipelined pages, each page one transaction.
//!    Interrupted, it resumes with what is still missing (no duplicates:
//!    inserts are keyed by (folder, UID)).
//! 3. [`bodies`]: whole messages for rows that only have headers.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::RangeInclusive;
use std::sync::Mutex;

use async_imap::imap_proto::{MailboxDatum, Response, ResponseCode};

use super::conn::Imap;
use super::ops::Hold;
use super::parse::{Fetched, search_date, uid_set};
use super::{BodyPolicy, SyncOptions};
use crate::mail;
use crate::store::{Flags, Folder, FolderRead, ImapRead, MessageRead, NewMessage, Role};
use crate::sync::{AccountCtx, Event, SyncError, SyncSummary};

/// Header fields stored for the message list (the rest arrives with the body).
const HEADER_FIELDS: &str = "DATE FROM SENDER REPLY-TO TO CC BCC SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES CONTENT-TYPE LIST-ID";

/// Pages kept in flight at once (pipelining).
const WINDOW: usize = 2;

/// Bytes of bodies per page, at most (a page holds at least one message).
const PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// Accounts whose server sent a BODYSTRUCTURE Brev could not read: they
/// are asked without it from then on (has-attachments then comes from the
/// body, once it is downloaded).
static NO_BODYSTRUCTURE: Mutex<Option<HashSet<String>>> = Mutex::new(None);

fn bodystructure_ok(account: &str) -> bool {
    NO_BODYSTRUCTURE
        .lock()
        .map(|s| s.as_ref().is_none_or(|s| !s.contains(account)))
        .unwrap_or(true)
}

fn avoid_bodystructure(account: &str) {
    if let Ok(mut s) = NO_BODYSTRUCTURE.lock() {
        s.get_or_insert_with(HashSet::new)
            .insert(account.to_owned());
    }
}

/// The FETCH items of a message's list data.
fn list_items(imap: &Imap, account: &str) -> String {
    let structure = if bodystructure_ok(account) {
        " BODYSTRUCTURE"
    } else {
        ""
    };
    let modseq = if imap.condstore() { " MODSEQ" } else { "" };
    format!(
        "(UID FLAGS INTERNALDATE RFC822.SIZE{structure}{modseq} BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})])"
    )
}

fn body_items(imap: &Imap) -> String {
    let modseq = if imap.condstore() { " MODSEQ" } else { "" };
    format!("(UID FLAGS INTERNALDATE RFC822.SIZE{modseq} BODY.PEEK[])")
}

/// What SELECT told.
#[derive(Debug, Default)]
pub struct Selected {
    pub exists: u32,
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
    pub highestmodseq: Option<u64>,
    pub vanished: Vec<RangeInclusive<u32>>,
    pub changed: Vec<Fetched>,
}

/// SELECT `name`, with QRESYNC data when given. None when the server says
/// NO (the folder is gone).
pub async fn select(
    imap: &mut Imap,
    name: &str,
    qresync: Option<(u32, u64)>,
) -> Result<Option<Selected>, SyncError> {
    let mut cmd = format!("SELECT {}", Imap::mailbox(name));
    match qresync {
        Some((uv, modseq)) if imap.qresync => cmd.push_str(&format!(" (QRESYNC ({uv} {modseq}))")),
        _ if imap.condstore() && !imap.qresync => cmd.push_str(" (CONDSTORE)"),
        _ => {}
    }
    imap.selected = None;
    let mut s = Selected::default();
    let t = imap
        .command(&cmd, |r| {
            match r {
                Response::MailboxData(MailboxDatum::Exists(n)) => s.exists = *n,
                Response::Data { outcome, .. } => match &outcome.code {
                    Some(ResponseCode::UidValidity(v)) => s.uidvalidity = Some(*v),
                    Some(ResponseCode::UidNext(v)) => s.uidnext = Some(*v),
                    Some(ResponseCode::HighestModSeq(v)) => s.highestmodseq = Some(*v),
                    _ => {}
                },
                Response::Vanished { uids, .. } => s.vanished.extend(uids.iter().cloned()),
                Response::Fetch(seq, attrs) => s.changed.push(Fetched::from_attrs(*seq, attrs)),
                _ => {}
            }
            Ok(())
        })
        .await?;
    if !t.ok {
        tracing::info!("SELECT {name}: {}", t.text);
        return Ok(None);
    }
    imap.selected = Some(name.to_owned());
    Ok(Some(s))
}

/// A fetched message as a store row; None without a UID or any content
/// (e.g. an unsolicited flag update in the middle of a page). A message the
/// parser cannot cope with (even a panic) keeps its bytes with minimal list
/// data rather than being lost.
fn to_new_message(f: Fetched, now: i64) -> Option<NewMessage> {
    let uid = f.uid?;
    let arrival = f.internal_date.unwrap_or(now);
    let (raw, partial) = match (f.body, f.header) {
        (Some(body), _) => (body, false),
        (None, Some(header)) => (header, true),
        (None, None) => return None,
    };
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mail::parse(&raw))).ok();
    let mut m = match &parsed {
        Some(p) => NewMessage::from_parsed(p, arrival),
        None => NewMessage {
            date: arrival,
            ..NewMessage::default()
        },
    };
    m.partial = partial;
    m.size = match f.size {
        Some(size) if partial => u64::from(size),
        _ => raw.len() as u64,
    };
    if partial && let Some(a) = f.has_attachments {
        m.has_attachments = a;
    }
    m.raw = Some(raw);
    m.uid = Some(uid);
    m.flags = f.flags.unwrap_or_default();
    m.modseq = f.modseq;
    m.internal_date = Some(arrival);
    Some(m)
}

/// Turn fetched messages into store rows (the MIME parsing: CPU work, run
/// on the blocking pool).
fn parse_page(page: Vec<Fetched>, now: i64) -> Vec<NewMessage> {
    page.into_iter()
        .filter_map(|f| to_new_message(f, now))
        .collect()
}

/// Store parsed rows of `folder` in one transaction; returns how many were
/// new. Bodies kept from before a UIDVALIDITY change are reused.
fn store_rows(
    ctx: &mut AccountCtx,
    folder: &Folder,
    msgs: Vec<NewMessage>,
) -> Result<usize, SyncError> {
    if msgs.is_empty() {
        return Ok(0);
    }
    let now = ctx.now();
    let inserted = ctx.store.write(|tx| {
        let reuse = tx.imap_has_body_cache(folder.id)?;
        let mut n = 0;
        for mut m in msgs {
            if reuse
                && m.partial
                && let Some(mid) = m.message_id.clone()
                && let Some(raw) = tx.imap_take_cached_body(folder.id, &mid, m.size)?
            {
                let mut full = NewMessage::from_raw(raw, m.internal_date.unwrap_or(now));
                full.uid = m.uid;
                full.flags = m.flags;
                full.modseq = m.modseq;
                full.internal_date = m.internal_date;
                m = full;
            }
            if tx.imap_insert(folder.id, &m)?.is_some() {
                n += 1;
            }
        }
        Ok(n)
    })?;
    Ok(inserted)
}

/// Fetch pages of messages with `cmds` and store them: FETCH commands
/// pipelined ([`WINDOW`] in flight), each page parsed on the blocking pool
/// while the next one arrives, then stored in one transaction. `keep`
/// filters what is stored (e.g. only UIDs above the old UIDNEXT). Progress
/// goes out per page when `total` is given. Returns how many were new.
async fn fetch_and_store(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    folder: &Folder,
    cmds: &[String],
    total: Option<u32>,
    keep: impl Fn(&Fetched) -> bool,
) -> Result<usize, SyncError> {
    let account = ctx.account.id.clone();
    let with_structure = cmds.iter().any(|c| c.contains("BODYSTRUCTURE"));
    let now = ctx.now();
    let mut in_flight = VecDeque::new();
    let mut next = cmds.iter();
    let mut parsing: Option<tokio::task::JoinHandle<Vec<NewMessage>>> = None;
    let mut new = 0;
    let result: Result<(), SyncError> = async {
        for cmd in next.by_ref().take(WINDOW) {
            in_flight.push_back(imap.send(cmd).await?);
        }
        while let Some(tag) = in_flight.pop_front() {
            let mut page = Vec::new();
            let done = imap
                .finish(&tag, |r| {
                    if let Response::Fetch(seq, attrs) = r {
                        let f = Fetched::from_attrs(*seq, attrs);
                        if keep(&f) {
                            page.push(f);
                        }
                    }
                    Ok(())
                })
                .await?;
            if let Some(cmd) = next.next() {
                in_flight.push_back(imap.send(cmd).await?);
            }
            done.check("FETCH")?;
            // Parse this page while the previous one is stored.
            let previous =
                parsing.replace(tokio::task::spawn_blocking(move || parse_page(page, now)));
            if let Some(h) = previous {
                new += store_parsed(ctx, folder, h, total).await?;
            }
        }
        Ok(())
    }
    .await;
    // What arrived before a failure is kept.
    if let Some(h) = parsing.take() {
        new += store_parsed(ctx, folder, h, total).await?;
    }
    if let Err(SyncError::Net(crate::net::NetError::Protocol { .. })) = &result
        && with_structure
    {
        tracing::warn!(
            "{account}: unreadable BODYSTRUCTURE; fetching list data without it from now on"
        );
        avoid_bodystructure(&account);
    }
    result.map(|()| new)
}

async fn store_parsed(
    ctx: &mut AccountCtx,
    folder: &Folder,
    parsing: tokio::task::JoinHandle<Vec<NewMessage>>,
    total: Option<u32>,
) -> Result<usize, SyncError> {
    let msgs = parsing
        .await
        .map_err(|e| SyncError::Store(format!("parsing messages: {e}")))?;
    let n = store_rows(ctx, folder, msgs)?;
    if n > 0 {
        changed(ctx, folder);
    }
    if let Some(total) = total {
        progress(ctx, folder, total);
    }
    Ok(n)
}

/// Send FETCH commands `cmds`, at most [`WINDOW`] in flight, and hand each
/// command's FETCH responses to `on_page` once its tagged OK is in.
async fn fetch_pages<F>(imap: &mut Imap, cmds: &[String], mut on_page: F) -> Result<(), SyncError>
where
    F: FnMut(Vec<Fetched>) -> Result<(), SyncError>,
{
    let mut in_flight = VecDeque::new();
    let mut next = cmds.iter();
    for cmd in next.by_ref().take(WINDOW) {
        in_flight.push_back(imap.send(cmd).await?);
    }
    while let Some(tag) = in_flight.pop_front() {
        let mut page = Vec::new();
        let done = imap
            .finish(&tag, |r| {
                if let Response::Fetch(seq, attrs) = r {
                    page.push(Fetched::from_attrs(*seq, attrs));
                }
                Ok(())
            })
            .await?;
        if let Some(cmd) = next.next() {
            in_flight.push_back(imap.send(cmd).await?);
        }
        done.check("FETCH")?;
        on_page(page)?;
    }
    Ok(())
}

fn changed(ctx: &AccountCtx, folder: &Folder) {
    ctx.events.send(Event::FolderChanged {
        account: ctx.account.id.clone(),
        folder: folder.id,
    });
}

fn progress(ctx: &AccountCtx, folder: &Folder, total: u32) {
    let done = ctx.store.imap_uid_count(folder.id).unwrap_or_default();
    ctx.events.send(Event::Progress {
        account: ctx.account.id.clone(),
        folder: folder.id,
        done,
        total: total as usize,
    });
}

/// A UIDVALIDITY change (or the first visit): make the store's sync state
/// match. Returns the folder as it is now and whether it was reset.
fn check_uidvalidity(
    ctx: &mut AccountCtx,
    folder: &Folder,
    uv: u32,
    summary: &mut SyncSummary,
) -> Result<Folder, SyncError> {
    match folder.uidvalidity {
        Some(old) if old == uv => return Ok(folder.clone()),
        Some(old) => {
            tracing::info!(
                "{}: UIDVALIDITY of {} changed {old} -> {uv}",
                ctx.account.id,
                folder.name
            );
            let removed = ctx.store.write(|tx| tx.imap_reset_folder(folder.id, uv))?;
            summary.removed += removed;
            changed(ctx, folder);
        }
        None => {
            ctx.store
                .write(|tx| tx.set_sync_state(folder.id, Some(uv), None, None))?;
        }
    }
    Ok(ctx
        .store
        .folder(folder.id)?
        .unwrap_or_else(|| folder.clone()))
}

/// Pass 1. Returns true when the folder still needs [`full`].
pub async fn quick(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    folder: &Folder,
    opts: &SyncOptions,
    summary: &mut SyncSummary,
) -> Result<bool, SyncError> {
    let resync = match (folder.uidvalidity, folder.uidnext, folder.highestmodseq) {
        (Some(uv), Some(_), Some(m)) if imap.qresync => Some((uv, m)),
        _ => None,
    };
    let Some(sel) = select(imap, &folder.name, resync).await? else {
        return Ok(false);
    };
    let uv = sel.uidvalidity.unwrap_or(0);
    let before = folder.uidvalidity;
    let folder = check_uidvalidity(ctx, folder, uv, summary)?;
    let complete = before == Some(uv) && folder.uidnext.is_some();

    if complete && resync.is_some() {
        return qresync_update(imap, ctx, &folder, sel, summary).await;
    }
    if complete {
        // No QRESYNC: new mail now, the flag and expunge check in pass 2.
        if let Some(old_next) = folder.uidnext
            && sel
                .uidnext
                .is_some_and(|n| n > old_next && n - old_next <= 500)
        {
            let items = list_items(imap, &ctx.account.id);
            let cmd = format!("UID FETCH {old_next}:* {items}");
            let new = fetch_and_store(imap, ctx, &folder, &[cmd], None, |f| {
                f.uid.is_some_and(|u| u >= old_next)
            })
            .await?;
            note_new(ctx, &folder, new, summary);
        }
        if imap.condstore()
            && let (Some(since), Some(_)) = (folder.highestmodseq, sel.highestmodseq)
        {
            return condstore_update(imap, ctx, &folder, &sel, since, summary).await;
        }
        return Ok(true);
    }
    // Incomplete: the newest page first when nothing is stored yet.
    if sel.exists > 0 && ctx.store.imap_uid_count(folder.id)? == 0 {
        let lo = sel
            .exists
            .saturating_sub(opts.first_page.max(1) as u32 - 1)
            .max(1);
        let items = list_items(imap, &ctx.account.id);
        let cmd = format!("FETCH {lo}:{} {items}", sel.exists);
        summary.new_messages +=
            fetch_and_store(imap, ctx, &folder, &[cmd], Some(sel.exists), |_| true).await?;
    }
    Ok(true)
}

fn note_new(ctx: &AccountCtx, folder: &Folder, new: usize, summary: &mut SyncSummary) {
    summary.new_messages += new;
    if new > 0 {
        changed(ctx, folder);
        if folder.role == Some(Role::Inbox) {
            ctx.events.send(Event::NewMail {
                account: ctx.account.id.clone(),
                count: new,
            });
        }
    }
}

/// CONDSTORE without QRESYNC (Gmail, for one): the flags changed since the
/// saved HIGHESTMODSEQ instead of every message's. New mail was fetched
/// already; when the folder then holds as many messages as the server's
/// EXISTS, nothing was expunged (an expunge, or mail that came after the
/// SELECT, would make them differ) and the new HIGHESTMODSEQ is saved.
/// Otherwise pass 2 compares the UID lists. Returns true when it must.
async fn condstore_update(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    folder: &Folder,
    sel: &Selected,
    since: u64,
    summary: &mut SyncSummary,
) -> Result<bool, SyncError> {
    let mut changed_flags: Vec<(u32, Flags, Option<u64>)> = Vec::new();
    if sel.exists > 0 {
        imap.command(
            &format!("UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE {since})"),
            |r| {
                if let Response::Fetch(seq, attrs) = r {
                    let f = Fetched::from_attrs(*seq, attrs);
                    if let (Some(uid), Some(flags)) = (f.uid, f.flags) {
                        changed_flags.push((uid, flags, f.modseq));
                    }
                }
                Ok(())
            },
        )
        .await?
        .check("UID FETCH CHANGEDSINCE")?;
    }
    // Read now: the user may have changed messages while this waited.
    let hold = Hold::from_queue(ctx)?;
    let complete = ctx.store.imap_uid_count(folder.id)? == sel.exists as usize;
    let flag_changes = ctx.store.write(|tx| {
        let mut n = 0;
        for (uid, flags, modseq) in &changed_flags {
            if !hold.held(&folder.name, *uid)
                && tx.imap_set_flags(folder.id, *uid, *flags, *modseq)?
            {
                n += 1;
            }
        }
        if complete {
            tx.set_sync_state(folder.id, sel.uidvalidity, sel.uidnext, sel.highestmodseq)?;
        }
        Ok(n)
    })?;
    summary.changed += flag_changes;
    if flag_changes > 0 {
        changed(ctx, folder);
    }
    Ok(!complete)
}

/// The QRESYNC fast path of a complete folder: VANISHED, changed flags and
/// new mail, saved with the new HIGHESTMODSEQ in one transaction.
async fn qresync_update(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    folder: &Folder,
    sel: Selected,
    summary: &mut SyncSummary,
) -> Result<bool, SyncError> {
    let old_next = folder.uidnext.unwrap_or(1);
    let mut new_msgs = Vec::new();
    let mut too_many = false;
    if sel.uidnext.is_none_or(|n| n > old_next) {
        // More than a page of new UIDs goes to pass 2 (newest first, paged).
        if sel
            .uidnext
            .is_some_and(|n| n.saturating_sub(old_next) > 500)
        {
            too_many = true;
        } else {
            let items = list_items(imap, &ctx.account.id);
            let cmd = format!("UID FETCH {old_next}:* {items}");
            let with_structure = cmd.contains("BODYSTRUCTURE");
            let r = fetch_pages(imap, &[cmd], |page| {
                new_msgs.extend(
                    page.into_iter()
                        .filter(|f| f.uid.is_some_and(|u| u >= old_next)),
                );
                Ok(())
            })
            .await;
            if let Err(SyncError::Net(crate::net::NetError::Protocol { .. })) = &r
                && with_structure
            {
                avoid_bodystructure(&ctx.account.id);
            }
            r?;
        }
    }
    let next = sel
        .uidnext
        .or_else(|| {
            new_msgs
                .iter()
                .filter_map(|f| f.uid)
                .max()
                .map(|u| u.saturating_add(1))
        })
        .or(folder.uidnext);
    let now = ctx.now();
    let msgs: Vec<NewMessage> = if new_msgs.is_empty() {
        Vec::new()
    } else {
        tokio::task::spawn_blocking(move || parse_page(new_msgs, now))
            .await
            .map_err(|e| SyncError::Store(format!("parsing messages: {e}")))?
    };
    // Mail that arrived after the SELECT was fetched too: not in EXISTS.
    let late = msgs
        .iter()
        .filter(|m| m.uid.zip(sel.uidnext).is_some_and(|(u, n)| u >= n))
        .count();
    // Read now: the user may have changed messages while this waited.
    let hold = Hold::from_queue(ctx)?;
    let (removed, flag_changes, inserted) = ctx.store.write(|tx| {
        let mut removed = 0;
        for r in &sel.vanished {
            removed += tx.imap_remove_uid_range(folder.id, *r.start(), *r.end())?;
        }
        let mut flag_changes = 0;
        for f in &sel.changed {
            if let (Some(uid), Some(flags)) = (f.uid, f.flags)
                && !hold.held(&folder.name, uid)
                && tx.imap_set_flags(folder.id, uid, flags, f.modseq)?
            {
                flag_changes += 1;
            }
        }
        let mut inserted = 0;
        for m in &msgs {
            if tx.imap_insert(folder.id, m)?.is_some() {
                inserted += 1;
            }
        }
        if !too_many {
            tx.set_sync_state(folder.id, sel.uidvalidity, next, sel.highestmodseq)?;
        }
        Ok((removed, flag_changes, inserted))
    })?;
    summary.removed += removed;
    summary.changed += flag_changes;
    if removed + flag_changes > 0 && inserted == 0 {
        changed(ctx, folder);
    }
    note_new(ctx, folder, inserted, summary);
    if too_many {
        return Ok(true);
    }
    // Self-check: the count must match, else compare everything.
    let now_stored = ctx.store.imap_uid_count(folder.id)?;
    if now_stored != sel.exists as usize + late {
        tracing::info!(
            "{}: {} holds {now_stored} messages, the server {}; comparing all",
            ctx.account.id,
            folder.name,
            sel.exists
        );
        ctx.store
            .write(|tx| tx.set_sync_state(folder.id, sel.uidvalidity, None, None))?;
        return Ok(true);
    }
    Ok(false)
}

/// Pass 2: compare the whole folder and fetch what is missing.
pub async fn full(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    folder: &Folder,
    opts: &SyncOptions,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let Some(sel) = select(imap, &folder.name, None).await? else {
        return Ok(());
    };
    let uv = sel.uidvalidity.unwrap_or(0);
    let folder = check_uidvalidity(ctx, folder, uv, summary)?;

    // What the server has: UID -> (flags, size).
    let mut server: HashMap<u32, (Flags, u64)> = HashMap::with_capacity(sel.exists as usize);
    if sel.exists > 0 {
        imap.command("UID FETCH 1:* (UID FLAGS RFC822.SIZE)", |r| {
            if let Response::Fetch(seq, attrs) = r {
                let f = Fetched::from_attrs(*seq, attrs);
                if let Some(uid) = f.uid {
                    server.insert(
                        uid,
                        (f.flags.unwrap_or_default(), u64::from(f.size.unwrap_or(0))),
                    );
                }
            }
            Ok(())
        })
        .await?
        .check("UID FETCH FLAGS")?;
    }
    // Read together, with no wait between them and the writes below: the
    // user may have changed messages while the flags were fetched.
    let hold = Hold::from_queue(ctx)?;
    let stored = ctx.store.imap_uids(folder.id)?;
    let gone: Vec<u32> = stored
        .keys()
        .filter(|u| !server.contains_key(u))
        .copied()
        .collect();
    let (removed, flag_changes) = ctx.store.write(|tx| {
        let removed = tx.imap_remove_uids(folder.id, &gone)?;
        let mut flag_changes = 0;
        for (uid, e) in &stored {
            if let Some((flags, _)) = server.get(uid)
                && *flags != e.flags
                && !hold.held(&folder.name, *uid)
                && tx.imap_set_flags(folder.id, *uid, *flags, None)?
            {
                flag_changes += 1;
            }
        }
        Ok((removed, flag_changes))
    })?;
    summary.removed += removed;
    summary.changed += flag_changes;
    if removed + flag_changes > 0 {
        changed(ctx, &folder);
    }

    let mut missing: Vec<(u32, u64)> = server
        .iter()
        .filter(|(u, _)| !stored.contains_key(u) && !hold.held(&folder.name, **u))
        .map(|(u, (_, size))| (*u, *size))
        .collect();
    missing.sort_unstable_by_key(|m| std::cmp::Reverse(m.0));
    if !missing.is_empty() {
        let with_body: HashSet<u32> = match opts.bodies {
            BodyPolicy::All => missing.iter().map(|(u, _)| *u).collect(),
            BodyPolicy::HeadersOnly => HashSet::new(),
            BodyPolicy::NewerThanDays(days) => {
                let since = ctx.now() - i64::from(days) * 86_400;
                let mut set = HashSet::new();
                imap.command(&format!("UID SEARCH SINCE {}", search_date(since)), |r| {
                    if let Response::MailboxData(MailboxDatum::Search(uids)) = r {
                        set.extend(uids.iter().copied());
                    }
                    Ok(())
                })
                .await?
                .check("UID SEARCH")?;
                set
            }
        };
        let list = list_items(imap, &ctx.account.id);
        let body = body_items(imap);
        let cmds = pages(&missing, opts.page.max(1), |uid| with_body.contains(&uid))
            .into_iter()
            .map(|(uids, full)| {
                format!(
                    "UID FETCH {} {}",
                    uid_set(&uids),
                    if full { &body } else { &list }
                )
            })
            .collect::<Vec<_>>();
        summary.new_messages +=
            fetch_and_store(imap, ctx, &folder, &cmds, Some(sel.exists), |_| true).await?;
    }
    ctx.store.write(|tx| {
        tx.set_sync_state(folder.id, Some(uv), sel.uidnext, sel.highestmodseq)?;
        tx.imap_clear_body_cache(folder.id)
    })?;
    Ok(())
}

/// Split `missing` (newest first) into pages: at most `per_page` messages,
/// and at most [`PAGE_BYTES`] when bodies come along; body and header-only
/// pages apart. The first page is small so the newest show at once.
fn pages(
    missing: &[(u32, u64)],
    per_page: usize,
    full: impl Fn(u32) -> bool,
) -> Vec<(Vec<u32>, bool)> {
    let mut out: Vec<(Vec<u32>, bool)> = Vec::new();
    let mut cur: Vec<u32> = Vec::new();
    let mut cur_full = false;
    let mut bytes = 0u64;
    for &(uid, size) in missing {
        let f = full(uid);
        let limit = if out.is_empty() {
            per_page.min(50)
        } else {
            per_page
        };
        if !cur.is_empty()
            && (f != cur_full || cur.len() >= limit || (f && bytes + size > PAGE_BYTES))
        {
            out.push((std::mem::take(&mut cur), cur_full));
            bytes = 0;
        }
        cur_full = f;
        cur.push(uid);
        bytes += size;
    }
    if !cur.is_empty() {
        out.push((cur, cur_full));
    }
    out
}

/// Pass 3: whole messages for rows stored with headers only, newest first,
/// as the policy says.
pub async fn bodies(
    imap: &mut Imap,
    ctx: &mut AccountCtx,
    folder: &Folder,
    opts: &SyncOptions,
) -> Result<usize, SyncError> {
    let since = match opts.bodies {
        BodyPolicy::All => None,
        BodyPolicy::NewerThanDays(d) => Some(ctx.now() - i64::from(d) * 86_400),
        BodyPolicy::HeadersOnly => return Ok(0),
    };
    let wanted = ctx.store.imap_partial(folder.id, since, usize::MAX >> 1)?;
    if wanted.is_empty() {
        return Ok(0);
    }
    let Some(sel) = select(imap, &folder.name, None).await? else {
        return Ok(0);
    };
    if sel.uidvalidity != folder.uidvalidity {
        // Pass 1 or 2 handles it next time.
        return Ok(0);
    }
    let ids: HashMap<u32, crate::store::MsgId> = wanted.iter().map(|e| (e.uid, e.id)).collect();
    let missing: Vec<(u32, u64)> = wanted.iter().map(|e| (e.uid, e.size)).collect();
    let cmds: Vec<String> = pages(&missing, 200, |_| true)
        .into_iter()
        .map(|(uids, _)| format!("UID FETCH {} (UID BODY.PEEK[])", uid_set(&uids)))
        .collect();
    let total = wanted.len();
    let mut done = 0;
    fetch_pages(imap, &cmds, |page| {
        ctx.store.write(|tx| {
            for f in &page {
                if let (Some(uid), Some(body)) = (f.uid, f.body.as_deref())
                    && let Some(id) = ids.get(&uid)
                    && !body.is_empty()
                {
                    // The row may be gone (expunged meanwhile): skip it.
                    if tx.message(*id)?.is_some_and(|m| m.partial) {
                        tx.set_raw(*id, body)?;
                        done += 1;
                    }
                }
            }
            Ok(())
        })?;
        changed(ctx, folder);
        ctx.events.send(Event::Progress {
            account: ctx.account.id.clone(),
            folder: folder.id,
            done,
            total,
        });
        Ok(())
    })
    .await?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_by_kind_count_and_bytes() {
        let missing: Vec<(u32, u64)> = (1..=120).rev().map(|u| (u, 1000)).collect();
        let p = pages(&missing, 30, |_| false);
        assert_eq!(
            p.iter().map(|(u, _)| u.len()).collect::<Vec<_>>(),
            vec![30, 30, 30, 30]
        );
        assert_eq!(p[0].0[0], 120);
        let p = pages(&missing, 500, |u| u > 100);
        assert_eq!(
            p.iter().map(|(u, f)| (u.len(), *f)).collect::<Vec<_>>(),
            vec![(20, true), (100, false)]
        );
        let p = pages(&missing, 100, |u| u > 60);
        assert_eq!(
            p.iter().map(|(u, f)| (u.len(), *f)).collect::<Vec<_>>(),
            vec![(50, true), (10, true), (60, false)]
        );
        let big: Vec<(u32, u64)> = vec![(3, PAGE_BYTES), (2, 10), (1, 10)];
        let p = pages(&big, 500, |_| true);
        assert_eq!(
            p.iter().map(|(u, _)| u.len()).collect::<Vec<_>>(),
            vec![1, 2]
        );
    }

    #[test]
    fn a_fetch_without_content_is_no_message() {
        let f = Fetched {
            uid: Some(3),
            flags: Some(Flags::SEEN),
            ..Fetched::default()
        };
        assert!(to_new_message(f, 0).is_none());
        let f = Fetched {
            uid: Some(3),
            size: Some(4000),
            header: Some(b"Subject: x\r\n\r\n".to_vec()),
            internal_date: Some(77),
            has_attachments: Some(true),
            ..Fetched::default()
        };
        let m = to_new_message(f, 0).expect("message");
        assert!(m.partial && m.has_attachments);
        assert_eq!((m.uid, m.size, m.internal_date), (Some(3), 4000, Some(77)));
    }
}
