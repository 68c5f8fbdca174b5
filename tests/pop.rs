//! The POP3 engine against a real Dovecot: downloading with and without a
//! copy left on the server, the removal choices, dedup across restarts and
//! server migrations, headers-only messages, typed errors, lost
//! connections, and a 10,000-message mailbox.

mod support;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use brev::config::{Account, MailProtocol, PopOptions, ServerSettings};
use brev::net::{Security, Timeouts};
use brev::store::{
    FolderId, FolderRead, MessageRead, MsgId, NewMessage, PopRead, Role, Scope, SearchRead, Store,
    UnindexedRead,
};
use brev::sync::{
    AccountCtx, Clock, Command, Event, EventSink, SyncError, SyncSummary, indexer, pop,
};
use support::clients::{self, pop3_count};
use support::{Dovecot, Generated, User};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

const T0: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

fn keep(days: Option<u32>, when_deleted: bool) -> PopOptions {
    PopOptions {
        leave_on_server: true,
        delete_after_days: days,
        delete_when_deleted: when_deleted,
        headers_only_above_kb: None,
    }
}

fn no_copy() -> PopOptions {
    PopOptions {
        leave_on_server: false,
        ..PopOptions::default()
    }
}

/// One account on a test server, with its store file and a clock the test
/// moves.
struct Fixture {
    server: Dovecot,
    user: User,
    dir: tempfile::TempDir,
    time: Arc<AtomicI64>,
    port: u16,
    security: Security,
}

impl Fixture {
    fn new() -> Fixture {
        let server = Dovecot::start();
        let user = server.new_user();
        let port = server.pop3s_port();
        Fixture {
            server,
            user,
            dir: tempfile::tempdir().expect("temp dir"),
            time: Arc::new(AtomicI64::new(T0)),
            port,
            security: Security::Tls,
        }
    }

    fn store_path(&self) -> PathBuf {
        self.dir.path().join("store.sqlite")
    }

    fn account(&self, pop: PopOptions) -> Account {
        let server = ServerSettings {
            host: "localhost".into(),
            port: self.port,
            security: self.security,
            username: self.user.name.clone(),
        };
        Account {
            id: "acct".into(),
            name: "Test".into(),
            email: self.user.address(),
            protocol: MailProtocol::Pop3,
            incoming: server.clone(),
            outgoing: server,
            trusted_cert: None,
            pop,
            imap: Default::default(),
            signature: String::new(),
            server_files_sent: None,
        }
    }

    /// A fresh context on the store file (as after a restart).
    fn ctx(&self, pop: PopOptions) -> (AccountCtx, mpsc::UnboundedReceiver<Event>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let time = self.time.clone();
        let clock: Clock = Arc::new(move || time.load(Ordering::SeqCst));
        let ctx = AccountCtx {
            account: self.account(pop),
            password: self.user.password.clone(),
            store: Store::open(&self.store_path()).expect("open store"),
            trust: self.server.trust(),
            timeouts: Timeouts::default(),
            events: EventSink::new(tx),
            clock,
        };
        (ctx, rx)
    }

    fn set_time(&self, t: i64) {
        self.time.store(t, Ordering::SeqCst);
    }

    fn fill(&self, n: usize, seed: u64) -> Vec<Generated> {
        self.server.fill(&self.user, "INBOX", n, seed)
    }

    /// Put `bytes` into the Inbox's Maildir as one message named `name`.
    fn deliver(&self, name: &str, bytes: &[u8]) {
        let file = self
            .user
            .maildir()
            .join("cur")
            .join(format!("{name}.brev:2,"));
        std::fs::write(&file, bytes).expect("write into the Maildir");
        if let Some((uid, gid)) = self.server.mail_owner() {
            std::os::unix::fs::chown(&file, Some(uid), Some(gid)).expect("chown");
        }
    }

    /// Another POP3 client, logged in over TLS.
    async fn another_client(&self) -> async_pop::Client<brev::net::MailStream> {
        clients::pop3(
            &self.server,
            self.server.pop3s_port(),
            Security::Tls,
            &self.user,
        )
        .await
    }

    /// STAT on the server.
    async fn on_server(&self) -> usize {
        let mut pop = self.another_client().await;
        let n = pop3_count(&mut pop).await;
        pop.quit().await.expect("QUIT");
        n
    }
}

async fn sync(ctx: &mut AccountCtx) -> SyncSummary {
    pop::sync_once(ctx)
        .await
        .unwrap_or_else(|e| panic!("sync: {e:?}"))
}

fn drain(rx: &mut mpsc::UnboundedReceiver<Event>) -> Vec<Event> {
    let mut out = Vec::new();
    while let Ok(e) = rx.try_recv() {
        out.push(e);
    }
    out
}

fn folder(store: &Store, role: Role) -> FolderId {
    store
        .folder_by_role("acct", role)
        .expect("query")
        .expect("folder exists")
        .id
}

/// Every message of a folder, oldest id first.
fn rows(store: &Store, f: FolderId) -> Vec<brev::store::MessageRow> {
    let mut rows = store.page(f, 0, 1_000_000).expect("page");
    rows.sort_by_key(|r| r.id);
    rows
}

/// The bytes POP3 serves for a generated file (the Maildir holds LF). Read
/// them before a sync: a download without a copy expunges the file.
fn wire_bytes(g: &Generated) -> Vec<u8> {
    let text = std::fs::read(&g.file).expect("read message file");
    let mut out = Vec::with_capacity(text.len() + text.len() / 40);
    for &b in &text {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// Message-ID header values of all stored messages (any folder) → count.
fn stored_ids(store: &Store) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for f in store.folders("acct").expect("folders") {
        for r in rows(store, f.id) {
            let raw = store.raw(r.id).expect("raw").unwrap_or_default();
            let id = message_id(&raw)
                .unwrap_or_else(|| panic!("stored message {:?} has no Message-ID", r.id));
            *out.entry(id).or_insert(0) += 1;
        }
    }
    out
}

fn message_id(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let line = text
        .lines()
        .take_while(|l| !l.is_empty())
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))?;
    let value = line.split_once(':')?.1.trim();
    Some(value.trim_matches(['<', '>']).to_owned())
}

#[tokio::test]
async fn download_without_a_copy_empties_the_server() {
    let f = Fixture::new();
    let generated = f.fill(60, 1);
    let wire: Vec<Vec<u8>> = generated.iter().map(wire_bytes).collect();
    let (mut ctx, mut rx) = f.ctx(no_copy());

    let s = sync(&mut ctx).await;
    assert_eq!(
        (s.new_messages, s.deleted_on_server, s.folders),
        (60, 60, 1)
    );
    assert_eq!(f.on_server().await, 0, "STAT after download without a copy");

    let inbox = folder(&ctx.store, Role::Inbox);
    let stored = rows(&ctx.store, inbox);
    assert_eq!(stored.len(), 60);
    for ((row, g), wire) in stored.iter().zip(&generated).zip(&wire) {
        let raw = ctx.store.raw(row.id).unwrap().expect("raw bytes");
        assert!(
            raw == *wire,
            "message {} stored exactly as served",
            g.message_id
        );
        assert!(!row.partial && row.size as usize == g.vsize);
        assert!(
            !row.flags.contains(brev::store::Flags::SEEN),
            "new mail is unread"
        );
    }
    // Local folders exist, local only.
    for role in [Role::Drafts, Role::Sent, Role::Trash, Role::Outbox] {
        let id = folder(&ctx.store, role);
        assert!(
            ctx.store.folder(id).unwrap().unwrap().local_only,
            "{role:?} is local"
        );
    }

    let events = drain(&mut rx);
    assert_eq!(
        events.first(),
        Some(&Event::FolderListChanged {
            account: "acct".into()
        })
    );
    assert!(events.contains(&Event::FolderChanged {
        account: "acct".into(),
        folder: inbox
    }));
    let progress: Vec<(usize, usize)> = events
        .iter()
        .filter_map(|e| match e {
            Event::Progress { done, total, .. } => Some((*done, *total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress.first(), Some(&(0, 60)));
    assert_eq!(progress.last(), Some(&(60, 60)));
    assert!(events.contains(&Event::NewMail {
        account: "acct".into(),
        count: 60
    }));

    // Nothing new: no events but none, no folder list change.
    let s = sync(&mut ctx).await;
    assert_eq!((s.new_messages, s.deleted_on_server), (0, 0));
    assert!(drain(&mut rx).is_empty());
}

#[tokio::test]
async fn leave_a_copy_keeps_the_server_copy_and_downloads_only_new_mail() {
    let f = Fixture::new();
    f.fill(30, 2);
    let (mut ctx, _rx) = f.ctx(PopOptions::default());
    let s = sync(&mut ctx).await;
    assert_eq!((s.new_messages, s.deleted_on_server), (30, 0));
    assert_eq!(f.on_server().await, 30);

    assert_eq!(sync(&mut ctx).await.new_messages, 0);
    f.fill(5, 3);
    assert_eq!(sync(&mut ctx).await.new_messages, 5);
    assert_eq!(f.on_server().await, 35);
    let ids = stored_ids(&ctx.store);
    assert_eq!(ids.len(), 35);
    assert!(ids.values().all(|n| *n == 1));
}

#[tokio::test]
async fn stls_on_the_plain_port() {
    let mut f = Fixture::new();
    f.port = f.server.pop3_port();
    f.security = Security::StartTls;
    f.fill(12, 4);
    let (mut ctx, _rx) = f.ctx(no_copy());
    assert_eq!(sync(&mut ctx).await.new_messages, 12);
    assert_eq!(f.on_server().await, 0);
    assert!(
        f.server.wait_for_log(Duration::from_secs(5), |log| log
            .contains("pop3-login: Info: Login:")
            && log.contains("TLS")),
        "logged in over TLS"
    );
}

#[tokio::test]
async fn server_copies_are_removed_after_n_days() {
    let f = Fixture::new();
    f.fill(20, 5);
    let opts = keep(Some(3), false);
    let (mut ctx, _rx) = f.ctx(opts.clone());
    assert_eq!(sync(&mut ctx).await.new_messages, 20);

    f.set_time(T0 + 2 * DAY);
    assert_eq!(sync(&mut ctx).await.deleted_on_server, 0);
    assert_eq!(f.on_server().await, 20);
    f.fill(5, 6);
    assert_eq!(sync(&mut ctx).await.new_messages, 5, "downloaded on day 2");

    f.set_time(T0 + 3 * DAY);
    let s = sync(&mut ctx).await;
    assert_eq!((s.new_messages, s.deleted_on_server), (0, 20));
    assert_eq!(f.on_server().await, 5);

    f.set_time(T0 + 5 * DAY - 1);
    assert_eq!(sync(&mut ctx).await.deleted_on_server, 0);
    f.set_time(T0 + 5 * DAY);
    assert_eq!(sync(&mut ctx).await.deleted_on_server, 5);
    assert_eq!(f.on_server().await, 0);
    assert_eq!(
        ctx.store
            .message_count(folder(&ctx.store, Role::Inbox))
            .unwrap(),
        25
    );

    // A changed choice takes effect at the next check.
    f.fill(4, 7);
    let (mut ctx, _rx) = f.ctx(keep(None, false));
    assert_eq!(sync(&mut ctx).await.new_messages, 4);
    f.set_time(T0 + 400 * DAY);
    assert_eq!(sync(&mut ctx).await.deleted_on_server, 0, "no limit: kept");
    let (mut ctx, _rx) = f.ctx(no_copy());
    assert_eq!(
        sync(&mut ctx).await.deleted_on_server,
        4,
        "leave-a-copy off now"
    );
    assert_eq!(f.on_server().await, 0);
}

#[tokio::test]
async fn deleting_in_brev_removes_the_server_copy() {
    let f = Fixture::new();
    f.fill(10, 8);
    let (mut ctx, mut rx) = f.ctx(keep(None, true));
    sync(&mut ctx).await;
    let inbox = folder(&ctx.store, Role::Inbox);
    let trash = folder(&ctx.store, Role::Trash);
    let victims: Vec<MsgId> = rows(&ctx.store, inbox)
        .iter()
        .take(3)
        .map(|r| r.id)
        .collect();
    drain(&mut rx);

    // To Trash: still on the server.
    pop::apply_local(
        &mut ctx,
        &Command::Delete {
            messages: victims.clone(),
        },
    )
    .unwrap();
    assert_eq!(ctx.store.message_count(trash).unwrap(), 3);
    assert_eq!(ctx.store.message_count(inbox).unwrap(), 7);
    let events = drain(&mut rx);
    for f in [inbox, trash] {
        assert!(events.contains(&Event::FolderChanged {
            account: "acct".into(),
            folder: f
        }));
    }
    assert_eq!(sync(&mut ctx).await.deleted_on_server, 0);
    assert_eq!(f.on_server().await, 10);

    // From Trash: gone for good, and from the server at the next check.
    pop::apply_local(
        &mut ctx,
        &Command::Delete {
            messages: victims.clone(),
        },
    )
    .unwrap();
    assert_eq!(ctx.store.message_count(trash).unwrap(), 0);
    let s = sync(&mut ctx).await;
    assert_eq!((s.deleted_on_server, s.replayed, s.new_messages), (3, 3, 0));
    assert_eq!(f.on_server().await, 7);
    assert_eq!(sync(&mut ctx).await.new_messages, 0);
    let records = ctx.store.pop_records("acct").unwrap();
    assert_eq!(
        records.len(),
        10,
        "the records stay: never downloaded again"
    );
    assert_eq!(
        records
            .iter()
            .filter(|r| r.deleted_on_server && r.local.is_none())
            .count(),
        3
    );

    // With the choice off, deleting for good leaves the server copy.
    let (mut ctx, _rx) = f.ctx(keep(None, false));
    let two: Vec<MsgId> = rows(&ctx.store, inbox)
        .iter()
        .take(2)
        .map(|r| r.id)
        .collect();
    pop::apply_local(
        &mut ctx,
        &Command::Delete {
            messages: two.clone(),
        },
    )
    .unwrap();
    pop::apply_local(&mut ctx, &Command::EmptyTrash).unwrap();
    assert!(
        two.iter()
            .all(|id| ctx.store.message(*id).unwrap().is_none())
    );
    let s = sync(&mut ctx).await;
    assert_eq!(
        (s.deleted_on_server, s.new_messages),
        (0, 0),
        "kept on the server, not downloaded again"
    );
    assert_eq!(f.on_server().await, 7);
}

#[tokio::test]
async fn restarts_never_download_twice() {
    let f = Fixture::new();
    f.fill(40, 9);
    {
        let (mut ctx, _rx) = f.ctx(PopOptions::default());
        assert_eq!(sync(&mut ctx).await.new_messages, 40);
        assert_eq!(sync(&mut ctx).await.new_messages, 0);
    }
    f.fill(10, 10);
    for round in 0..2 {
        let (mut ctx, _rx) = f.ctx(PopOptions::default());
        let expect = if round == 0 { 10 } else { 0 };
        assert_eq!(sync(&mut ctx).await.new_messages, expect, "round {round}");
    }
    let store = Store::open_reader(&f.store_path()).unwrap();
    let ids = stored_ids(&store);
    assert_eq!(ids.len(), 50);
    assert!(ids.values().all(|n| *n == 1), "no duplicates");
    assert_eq!(store.pop_records("acct").unwrap().len(), 50);
    assert_eq!(f.on_server().await, 50);
}

#[tokio::test]
async fn a_mass_uidl_change_downloads_nothing_again() {
    let f = Fixture::new();
    f.fill(40, 11);
    let (mut ctx, _rx) = f.ctx(keep(Some(30), true));
    assert_eq!(sync(&mut ctx).await.new_messages, 40);
    let before: HashSet<String> = ctx
        .store
        .pop_records("acct")
        .unwrap()
        .into_iter()
        .map(|r| r.uidl)
        .collect();

    // Dovecot's UIDL here is UID + UIDVALIDITY: a new UIDVALIDITY changes all.
    f.server.doveadm_ok(&[
        "mailbox",
        "update",
        "-u",
        &f.user.name,
        "--uid-validity",
        "12345",
        "INBOX",
    ]);
    f.fill(3, 12);
    let s = sync(&mut ctx).await;
    assert_eq!(s.new_messages, 3, "only the really new ones");
    let records = ctx.store.pop_records("acct").unwrap();
    assert_eq!(records.len(), 43);
    assert!(
        records.iter().all(|r| !before.contains(&r.uidl)),
        "re-recorded under the new ids"
    );
    assert!(
        records.iter().all(|r| r.uidl.ends_with("00003039")),
        "UIDVALIDITY 12345"
    );
    assert!(records.iter().all(|r| !r.deleted_on_server));
    // Each stored message carries its new key too: opening and deleting work.
    let inbox = folder(&ctx.store, Role::Inbox);
    let first = rows(&ctx.store, inbox)[0].id;
    pop::apply_local(
        &mut ctx,
        &Command::Delete {
            messages: vec![first],
        },
    )
    .unwrap();
    pop::apply_local(&mut ctx, &Command::EmptyTrash).unwrap();
    assert_eq!(sync(&mut ctx).await.deleted_on_server, 1);
    assert_eq!(f.on_server().await, 42);
    assert!(stored_ids(&ctx.store).values().all(|n| *n == 1));
}

#[tokio::test]
async fn large_messages_are_stored_headers_only_until_opened() {
    let f = Fixture::new();
    let generated = f.fill(40, 13);
    let limit_kb = 20;
    let large: Vec<&Generated> = generated
        .iter()
        .filter(|g| g.vsize > limit_kb * 1024)
        .collect();
    assert!(
        !large.is_empty() && large.len() < generated.len(),
        "a mix of sizes"
    );
    let mut opts = no_copy();
    opts.headers_only_above_kb = Some(limit_kb as u32);
    let (mut ctx, mut rx) = f.ctx(opts);

    let s = sync(&mut ctx).await;
    assert_eq!(s.new_messages, 40);
    assert_eq!(s.deleted_on_server, 40 - large.len());
    assert_eq!(
        f.on_server().await,
        large.len(),
        "bodies not yet here stay on the server"
    );

    let inbox = folder(&ctx.store, Role::Inbox);
    let stored = rows(&ctx.store, inbox);
    let by_id: HashMap<String, &brev::store::MessageRow> = stored
        .iter()
        .map(|r| {
            (
                message_id(&ctx.store.raw(r.id).unwrap().unwrap()).unwrap(),
                r,
            )
        })
        .collect();
    for g in &generated {
        let row = by_id[&g.message_id];
        let raw = ctx.store.raw(row.id).unwrap().unwrap();
        let is_large = g.vsize > limit_kb * 1024;
        assert_eq!(row.partial, is_large, "{}", g.message_id);
        assert_eq!(row.size as usize, g.vsize, "the list shows the real size");
        if is_large {
            let full = wire_bytes(g);
            let header_end = full.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            assert!(raw == full[..header_end], "headers only");
        }
    }

    // Opening one downloads it whole.
    let opened = by_id[&large[0].message_id].id;
    drain(&mut rx);
    pop::open_message(&mut ctx, opened).await.expect("open");
    let row = ctx.store.message(opened).unwrap().unwrap();
    assert!(!row.partial);
    assert!(ctx.store.raw(opened).unwrap().unwrap() == wire_bytes(large[0]));
    assert!(drain(&mut rx).contains(&Event::FolderChanged {
        account: "acct".into(),
        folder: inbox
    }));
    // Opening a whole message does nothing (no connection needed).
    pop::open_message(&mut ctx, opened)
        .await
        .expect("open again");

    // Now whole, its server copy goes at the next check.
    let s = sync(&mut ctx).await;
    assert_eq!((s.new_messages, s.deleted_on_server), (0, 1));
    assert_eq!(f.on_server().await, large.len() - 1);
}

#[tokio::test]
async fn a_wrong_password_is_authentication_failed() {
    let f = Fixture::new();
    f.fill(3, 14);
    let (mut ctx, _rx) = f.ctx(no_copy());
    ctx.password = "not the password".into();
    match pop::sync_once(&mut ctx).await {
        Err(SyncError::AuthenticationFailed(reply)) => assert!(reply.contains("[AUTH]"), "{reply}"),
        other => panic!("expected AuthenticationFailed, got {other:?}"),
    }
    assert_eq!(f.on_server().await, 3);
    // The local folders are there anyway.
    assert!(
        ctx.store
            .folder_by_role("acct", Role::Trash)
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn a_locked_mailbox_is_mailbox_in_use() {
    let f = Fixture::new();
    f.fill(3, 15);
    // Dovecot locks a POP3 session's mailbox only when asked to.
    let conf = std::fs::read_to_string(f.server.conf_path()).unwrap();
    let conf = conf.replace(
        "protocol pop3 {\n",
        "protocol pop3 {\n  pop3_lock_session = yes\n",
    );
    std::fs::write(f.server.conf_path(), conf).unwrap();
    f.server.doveadm_ok(&["reload"]);
    // Wait until a new pop3 process sees the setting: a second session fails.
    let holder = clients::pop3_login(
        &f.server,
        f.server.pop3s_port(),
        Security::Tls,
        &f.server.trust(),
        &f.user,
    )
    .await;

    let (mut ctx, _rx) = f.ctx(no_copy());
    let deadline = Instant::now() + Duration::from_secs(10);
    let err = loop {
        match pop::sync_once(&mut ctx).await {
            Err(e @ SyncError::MailboxInUse(_)) => break e,
            other if Instant::now() > deadline => panic!("expected MailboxInUse, got {other:?}"),
            // Until the reloaded config is in effect.
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    assert!(!err.user_message().is_empty());
    drop(holder);
}

/// A TCP proxy to the server's plain POP3 port that cuts the connection
/// after `limit` bytes from the server.
async fn cutting_proxy(target: u16, limit: usize) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let Ok((mut client, _)) = listener.accept().await else {
            return;
        };
        let mut server = tokio::net::TcpStream::connect(("127.0.0.1", target))
            .await
            .unwrap();
        let (mut cr, mut cw) = client.split();
        let (mut sr, mut sw) = server.split();
        let up = tokio::io::copy(&mut cr, &mut sw);
        let down = async {
            let mut sent = 0;
            let mut buf = vec![0u8; 16 * 1024];
            while sent < limit {
                let n = sr.read(&mut buf).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                let n = n.min(limit - sent);
                if cw.write_all(&buf[..n]).await.is_err() {
                    break;
                }
                sent += n;
            }
        };
        tokio::select! { _ = up => {}, _ = down => {} }
    });
    port
}

#[tokio::test]
async fn a_connection_lost_mid_download_stores_only_whole_messages() {
    let mut f = Fixture::new();
    let generated = f.fill(500, 16);
    let wire: Vec<Vec<u8>> = generated.iter().map(wire_bytes).collect();
    let total: usize = generated.iter().map(|g| g.vsize).sum();
    f.security = Security::Plain;
    f.port = cutting_proxy(f.server.pop3_port(), total / 2).await;
    let (mut ctx, mut rx) = f.ctx(no_copy());
    match pop::sync_once(&mut ctx).await {
        Err(e @ SyncError::Net(_)) => assert!(e.is_offline(), "{e:?}"),
        other => panic!("expected a network error, got {other:?}"),
    }
    assert_eq!(f.on_server().await, 500, "nothing deleted without QUIT");
    let inbox = folder(&ctx.store, Role::Inbox);
    let stored = rows(&ctx.store, inbox);
    assert!(
        !stored.is_empty() && stored.len() < 500,
        "{} stored",
        stored.len()
    );
    // Every stored message is whole, and they are the first ones in order.
    for (row, wire) in stored.iter().zip(&wire) {
        assert!(ctx.store.raw(row.id).unwrap().unwrap() == *wire);
    }
    let done = drain(&mut rx)
        .iter()
        .filter_map(|e| match e {
            Event::Progress { done, .. } => Some(*done),
            _ => None,
        })
        .max();
    assert_eq!(done, Some(stored.len()));

    // Next time, straight to the server: the rest, once.
    f.security = Security::Tls;
    f.port = f.server.pop3s_port();
    let (mut ctx, _rx) = f.ctx(no_copy());
    let s = sync(&mut ctx).await;
    assert_eq!(s.new_messages, 500 - stored.len());
    assert_eq!(s.deleted_on_server, 500);
    assert_eq!(f.on_server().await, 0);
    let ids = stored_ids(&ctx.store);
    assert_eq!(ids.len(), 500);
    assert!(ids.values().all(|n| *n == 1));
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// CPU time (user + system) used so far by this process (`RUSAGE_SELF`) or
/// its reaped children (`RUSAGE_CHILDREN`).
fn cpu(who: i32) -> Duration {
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(who, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// fetchmail over POP3S into a BSMTP sink (no process per message),
/// keeping the messages, remembering UIDLs: the time of one run, or None
/// when fetchmail is not installed. For comparison only.
fn fetchmail(f: &Fixture, home: &std::path::Path) -> Option<Duration> {
    use std::os::unix::fs::PermissionsExt;
    std::process::Command::new("fetchmail")
        .arg("--version")
        .output()
        .ok()?;
    let ca = home.join("ca.pem");
    std::fs::write(&ca, f.server.ca_pem()).unwrap();
    let rc = home.join("fetchmailrc");
    std::fs::write(
        &rc,
        format!(
            "set no syslog\npoll localhost port {} protocol POP3 uidl\n  user \"{}\" password \"{}\"\n  \
             ssl sslcertck sslcertfile \"{}\" keep bsmtp /dev/null\n",
            f.server.pop3s_port(),
            f.user.name,
            f.user.password,
            ca.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600)).unwrap();
    let started = Instant::now();
    let out = std::process::Command::new("fetchmail")
        .arg("-f")
        .arg(&rc)
        .arg("-i")
        .arg(home.join("uids"))
        .arg("--pidfile")
        .arg(home.join("pid"))
        .args(["--nodetach", "-s"])
        .env("FETCHMAILHOME", home)
        .env("HOME", home)
        .output()
        .ok()?;
    let took = started.elapsed();
    // 0: mail fetched; 1: no mail.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "fetchmail: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(took)
}

/// 10,000 messages (reported with `--nocapture`; not a timed assertion).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_messages() {
    let f = Fixture::new();
    let generated = f.fill(10_000, 17);
    let bytes: usize = generated.iter().map(|g| g.vsize).sum();

    // fetchmail in the same run, when installed, for comparison.
    let home = tempfile::tempdir().unwrap();
    let children = cpu(libc::RUSAGE_CHILDREN);
    if let Some(all) = fetchmail(&f, home.path()) {
        let all_cpu = cpu(libc::RUSAGE_CHILDREN) - children;
        let none = median(
            (0..5)
                .map(|_| fetchmail(&f, home.path()).unwrap_or_default())
                .collect(),
        );
        eprintln!(
            "fetchmail 10,000 messages: download {all:.2?} (CPU {all_cpu:.2?}), \
             check with nothing new {none:.2?} (median of 5)"
        );
    }

    // Leave a copy: download, then a check with nothing new.
    let (mut ctx, _rx) = f.ctx(PopOptions::default());
    let started = Instant::now();
    let cpu_before = cpu(libc::RUSAGE_SELF);
    let s = sync(&mut ctx).await;
    let download = started.elapsed();
    let download_cpu = cpu(libc::RUSAGE_SELF) - cpu_before;
    assert_eq!(s.new_messages, 10_000);
    let mut idle = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let s = sync(&mut ctx).await;
        idle.push(started.elapsed());
        assert_eq!(s.new_messages, 0);
    }
    let idle = median(idle);

    // Without a copy, into a fresh store.
    let dir = tempfile::tempdir().unwrap();
    let mut ctx2 = f.ctx(no_copy()).0;
    ctx2.store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let started = Instant::now();
    let s = sync(&mut ctx2).await;
    let download_delete = started.elapsed();
    assert_eq!((s.new_messages, s.deleted_on_server), (10_000, 10_000));
    assert_eq!(f.on_server().await, 0);
    let ids = stored_ids(&ctx2.store);
    assert_eq!(ids.len(), 10_000);
    eprintln!(
        "POP3 10,000 messages ({:.1} MB): download {download:.2?} (leave a copy; CPU {download_cpu:.2?}), \
         check with nothing new {idle:.2?} (median of 5), download + DELE + QUIT {download_delete:.2?}",
        bytes as f64 / 1e6
    );
}

/// Messages another client removed from the server are recorded as gone,
/// the rest are not, and nothing is downloaded again or deleted by Brev.
#[tokio::test]
async fn messages_removed_by_another_client_are_recorded_as_gone() {
    let f = Fixture::new();
    f.fill(6, 41);
    let (mut ctx, _rx) = f.ctx(keep(None, false));
    assert_eq!(sync(&mut ctx).await.new_messages, 6);
    let gone = |ctx: &AccountCtx| {
        let records = ctx.store.pop_records("acct").expect("records");
        assert_eq!(records.len(), 6);
        records.iter().filter(|r| r.deleted_on_server).count()
    };
    assert_eq!(gone(&ctx), 0);

    let mut other = f.another_client().await;
    other.dele(2).await.expect("DELE 2");
    other.dele(5).await.expect("DELE 5");
    other.quit().await.expect("QUIT");

    let s = sync(&mut ctx).await;
    assert_eq!((s.new_messages, s.deleted_on_server), (0, 0));
    assert_eq!(gone(&ctx), 2);
    assert_eq!(sync(&mut ctx).await.new_messages, 0);
    assert_eq!(gone(&ctx), 2);
    assert_eq!(
        ctx.store
            .message_count(folder(&ctx.store, Role::Inbox))
            .unwrap(),
        6,
        "the local copies stay"
    );
}

/// A check stores each message with the columns its headers give and reads
/// the bodies once the session is over (`indexer`); the end result is what
/// parsing each whole message gives: list columns, preview, attachments and
/// search words. The corpus of awkward messages is served beside generated
/// mail.
#[tokio::test]
async fn bodies_are_read_after_the_session_as_a_whole_parse_reads_them() {
    let f = Fixture::new();
    f.fill(20, 7);
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut served = 20;
    for entry in std::fs::read_dir(&corpus).expect("corpus") {
        let path = entry.expect("corpus entry").path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("eml" | "bin")
        ) {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read the corpus file");
        f.deliver(&format!("{served}.corpus"), &bytes);
        served += 1;
    }
    // Raw 8-bit headers whose charset only a body part names: the headers
    // alone cannot say how to read them.
    let polish = b"From: a@example.pl\nSubject: Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1\n\
        MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n\
        Content-Type: text/plain; charset=iso-8859-2\n\nPozdrawiam\n--b--\n";
    f.deliver("polish", polish);
    served += 1;
    let (mut ctx, mut rx) = f.ctx(keep(None, false));
    assert_eq!(sync(&mut ctx).await.new_messages, served);
    assert_eq!(ctx.store.unindexed_count("acct").unwrap(), served);
    let inbox = folder(&ctx.store, Role::Inbox);
    // The list shows every message by its headers; bodies are not read yet
    // (a message without a header block is all "headers" until then).
    let waiting = rows(&ctx.store, inbox)
        .iter()
        .filter(|r| r.preview.is_empty() && !r.subject.is_empty())
        .count();
    assert!(waiting >= 20, "without a preview yet: {waiting}");
    drain(&mut rx);

    let read = indexer::index_waiting(&mut ctx).await.expect("read bodies");
    assert_eq!(read, served);
    assert_eq!(ctx.store.unindexed_count("acct").unwrap(), 0);
    assert!(drain(&mut rx).contains(&Event::FolderChanged {
        account: "acct".into(),
        folder: inbox
    }));
    let mut searched = 0;
    for row in rows(&ctx.store, inbox) {
        let raw = ctx.store.raw(row.id).unwrap().expect("raw bytes");
        let whole = NewMessage::from_raw(raw, T0);
        assert_eq!(
            (
                &row.from_name,
                &row.from_addr,
                &row.recipients,
                &row.subject
            ),
            (
                &whole.from_name,
                &whole.from_addr,
                &whole.recipients,
                &whole.subject
            ),
            "message {:?}",
            row.id
        );
        assert_eq!(row.date, whole.date);
        assert_eq!(row.preview, whole.preview, "message {:?}", row.id);
        assert_eq!(row.has_attachments, whole.has_attachments);
        assert_eq!(ctx.store.attachments(row.id).unwrap(), whole.attachments);
        // The rarest body word finds the message.
        if let Some(word) = whole
            .body_words
            .split(' ')
            .filter(|w| w.chars().count() > 3)
            .min_by_key(|w| whole.body_words.matches(*w).count())
        {
            let hits = ctx.store.search(word, &Scope::Folder(inbox), 1000).unwrap();
            assert!(
                hits.iter().any(|h| h.id == row.id),
                "searching {word:?} finds message {:?}",
                row.id
            );
            searched += 1;
        }
    }
    assert!(searched >= 20, "bodies searched: {searched}");
    let subjects: Vec<String> = rows(&ctx.store, inbox)
        .into_iter()
        .map(|r| r.subject)
        .collect();
    assert!(
        subjects.iter().any(|s| s == "Zażółć gęślą jaźń"),
        "{subjects:?}"
    );
    // Nothing is left, and nothing is read twice.
    assert_eq!(indexer::index_waiting(&mut ctx).await.unwrap(), 0);
}
