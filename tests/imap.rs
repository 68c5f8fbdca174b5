//! The IMAP sync engine against a real Dovecot: full and incremental sync,
//! newest first, both directions, folders, UIDVALIDITY, the offline queue,
//! IDLE, faults, and a 10,000-message folder.

mod support;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use brev::config::{Account, MailProtocol, PopOptions, ServerSettings};
use brev::net::{Security, Timeouts};
use brev::store::{
    Flags, Folder, FolderRead, ImapRead, MessageRead, MessageRow, OpsRead, Role, Store,
};
use brev::sync::imap::{self, BodyPolicy, IdleWatch, SyncOptions};
use brev::sync::{AccountCtx, Command, Event, EventSink, SyncError};
use support::clients::{self, fetch_meta};
use support::{Dovecot, Generated, User};
use tokio::sync::mpsc::UnboundedReceiver;

const ACCOUNT: &str = "acc";

struct Client {
    ctx: AccountCtx,
    events: UnboundedReceiver<Event>,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

fn account(user: &User, port: u16) -> Account {
    let server = ServerSettings {
        host: "localhost".into(),
        port,
        security: Security::Tls,
        username: user.name.clone(),
    };
    Account {
        id: ACCOUNT.into(),
        name: "Test".into(),
        email: user.address(),
        protocol: MailProtocol::Imap,
        incoming: server.clone(),
        outgoing: server,
        trusted_cert: None,
        pop: PopOptions::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    }
}

/// Brev with an empty store, set up for `user` on `server` (IMAPS).
fn brev(server: &Dovecot, user: &User) -> Client {
    brev_on_port(server, user, server.imaps_port())
}

fn brev_on_port(server: &Dovecot, user: &User, port: u16) -> Client {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brev.sqlite3");
    let (tx, events) = tokio::sync::mpsc::unbounded_channel();
    let ctx = AccountCtx {
        account: account(user, port),
        password: user.password.clone(),
        store: Store::open(&path).expect("open store"),
        trust: server.trust(),
        timeouts: Timeouts {
            connect: Duration::from_secs(5),
            io: Duration::from_secs(30),
        },
        events: EventSink::new(tx),
        clock: AccountCtx::system_clock(),
    };
    Client {
        ctx,
        events,
        path,
        _dir: dir,
    }
}

impl Client {
    async fn sync(&mut self) -> brev::sync::SyncSummary {
        imap::sync_once(&mut self.ctx)
            .await
            .unwrap_or_else(|e| panic!("sync: {e:?}"))
    }

    async fn sync_with(&mut self, opts: &SyncOptions) -> brev::sync::SyncSummary {
        imap::sync_with(&mut self.ctx, opts)
            .await
            .unwrap_or_else(|e| panic!("sync: {e:?}"))
    }

    fn apply(&mut self, cmd: Command) {
        imap::apply_local(&mut self.ctx, &cmd).unwrap_or_else(|e| panic!("{cmd:?}: {e:?}"));
    }

    fn folder(&self, name: &str) -> Folder {
        self.ctx
            .store
            .folder_by_name(ACCOUNT, name)
            .expect("query")
            .unwrap_or_else(|| panic!("no folder {name}"))
    }

    fn has_folder(&self, name: &str) -> bool {
        self.ctx
            .store
            .folder_by_name(ACCOUNT, name)
            .expect("query")
            .is_some()
    }

    fn rows(&self, name: &str) -> Vec<MessageRow> {
        let f = self.folder(name);
        self.ctx.store.page(f.id, 0, 1_000_000).expect("page")
    }

    fn by_uid(&self, name: &str) -> HashMap<u32, MessageRow> {
        self.rows(name)
            .into_iter()
            .filter_map(|r| r.uid.map(|u| (u, r)))
            .collect()
    }

    fn events(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        while let Ok(e) = self.events.try_recv() {
            out.push(e);
        }
        out
    }

    fn queue_len(&self) -> usize {
        self.ctx.store.pending_ops(ACCOUNT).expect("ops").len()
    }
}

/// `messages=N` of a folder, as Dovecot counts.
fn server_count(server: &Dovecot, user: &User, folder: &str) -> usize {
    let out = server.doveadm_ok(&["mailbox", "status", "-u", &user.name, "messages", folder]);
    out.split_whitespace()
        .find_map(|w| w.strip_prefix("messages="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {out:?}"))
}

fn server_folders(server: &Dovecot, user: &User) -> HashSet<String> {
    server
        .doveadm_ok(&["mailbox", "list", "-u", &user.name])
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// UID -> flags of a folder, from a second IMAP session.
async fn server_meta(server: &Dovecot, user: &User, folder: &str) -> Vec<clients::Meta> {
    let mut s = clients::imaps(server, user).await;
    s.select(folder).await.expect("SELECT");
    let meta = fetch_meta(&mut s).await;
    s.logout().await.expect("LOGOUT");
    meta
}

fn assert_matches_generated(c: &Client, folder: &str, generated: &[Generated]) {
    let rows = c.by_uid(folder);
    assert_eq!(rows.len(), generated.len(), "{folder}: message count");
    // A fill's UIDs follow generation order (see support::maildir).
    let mut uids: Vec<u32> = rows.keys().copied().collect();
    uids.sort_unstable();
    for (uid, g) in uids.iter().zip(generated) {
        let r = &rows[uid];
        assert_eq!(r.subject, g.subject, "{folder} uid {uid}");
        assert_eq!(
            r.message_id.as_deref().map(|m| m.trim_matches(['<', '>'])),
            Some(g.message_id.as_str())
        );
        assert_eq!(
            r.flags.contains(Flags::SEEN),
            g.seen(),
            "{folder} uid {uid} seen"
        );
        assert_eq!(
            r.flags.contains(Flags::FLAGGED),
            g.flagged(),
            "{folder} uid {uid} flagged"
        );
        assert_eq!(r.size as usize, g.vsize, "{folder} uid {uid} size");
    }
}

#[tokio::test]
async fn full_sync_of_a_multi_folder_account() {
    let server = Dovecot::start();
    let user = server.new_user();
    let inbox = server.fill(&user, "INBOX", 120, 1);
    let sent = server.fill(&user, "Sent", 30, 2);
    let old = server.fill(&user, "Archive/2023", 20, 3);
    let receipts = server.fill(&user, "Projects/Receipts", 10, 4);
    // A folder with a Swedish name, made by another client.
    let mut other = clients::imaps(&server, &user).await;
    other
        .run_command_and_check_ok("CREATE \"Skr&AOQ-ppost/Gamla\"")
        .await
        .expect("CREATE");
    other.logout().await.expect("LOGOUT");

    let mut c = brev(&server, &user);
    let started = Instant::now();
    let summary = c.sync().await;
    eprintln!(
        "full sync of 180 messages in 6 folders: {:.2?}",
        started.elapsed()
    );
    assert_eq!(summary.new_messages, 180, "{summary:?}");

    let folders = c.ctx.store.folders(ACCOUNT).expect("folders");
    let names: HashSet<&str> = folders.iter().map(|f| f.name.as_str()).collect();
    for want in [
        "INBOX",
        "Sent",
        "Drafts",
        "Trash",
        "Junk",
        "Archive",
        "Archive/2023",
        "Projects",
        "Projects/Receipts",
        "Skräppost",
        "Skräppost/Gamla",
    ] {
        assert!(names.contains(want), "{want} missing from {names:?}");
    }
    for (name, role) in [
        ("INBOX", Role::Inbox),
        ("Sent", Role::Sent),
        ("Drafts", Role::Drafts),
        ("Trash", Role::Trash),
        ("Junk", Role::Junk),
        ("Archive", Role::Archive),
    ] {
        assert_eq!(c.folder(name).role, Some(role), "{name}");
    }
    assert_eq!(
        c.folder("Skräppost").role,
        None,
        "SPECIAL-USE Junk is taken by Junk"
    );
    let receipts_folder = c.folder("Projects/Receipts");
    assert_eq!(receipts_folder.delimiter.as_deref(), Some("/"));
    assert_eq!(receipts_folder.leaf_name(), "Receipts");
    assert_eq!(receipts_folder.depth(), 1);
    assert!(
        !c.folder("Projects").selectable,
        "a parent that only holds folders"
    );
    assert!(c.folder("Sent").subscribed && !c.folder("Archive/2023").subscribed);
    assert!(c.folder("INBOX").uidvalidity.is_some() && c.folder("INBOX").highestmodseq.is_some());

    assert_matches_generated(&c, "INBOX", &inbox);
    assert_matches_generated(&c, "Sent", &sent);
    assert_matches_generated(&c, "Archive/2023", &old);
    assert_matches_generated(&c, "Projects/Receipts", &receipts);
    assert_eq!(
        c.folder("INBOX").unread as usize,
        inbox.iter().filter(|g| !g.seen()).count()
    );
    // Bodies were downloaded (the default policy) and are what the server has.
    assert!(c.rows("INBOX").iter().all(|r| !r.partial));
    let any = &c.rows("INBOX")[7];
    let raw = c.ctx.store.raw(any.id).expect("raw").expect("stored");
    assert_eq!(raw.len() as u64, any.size);
    assert!(c.rows("INBOX").iter().any(|r| r.has_attachments));

    let events = c.events();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::FolderListChanged { .. }))
    );
    assert!(events.iter().any(
        |e| matches!(e, Event::Progress { done, total, .. } if *done == 120 && *total == 120)
    ));

    // Quota, stored for the UI.
    let q = c
        .ctx
        .store
        .quota(ACCOUNT)
        .expect("quota")
        .expect("reported");
    assert_eq!(q.storage_limit, Some(10 * 1024 * 1024 * 1024));
    assert!(q.storage_used.is_some_and(|u| u > 0));
    let text = imap::quota_summary(&q).expect("a limit");
    assert!(text.contains("10"), "{text}");

    // A second sync with no changes changes nothing.
    let again = c.sync().await;
    assert_eq!(
        (again.new_messages, again.changed, again.removed),
        (0, 0, 0),
        "{again:?}"
    );
    assert_matches_generated(&c, "INBOX", &inbox);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newest_messages_arrive_first_in_pages() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 1_300, 5);
    let mut c = brev(&server, &user);
    let opts = SyncOptions {
        bodies: BodyPolicy::HeadersOnly,
        first_page: 50,
        page: 400,
        ..SyncOptions::default()
    };
    let started = Instant::now();
    c.sync_with(&opts).await;
    let took = started.elapsed();
    let inbox = c.folder("INBOX");
    let progress: Vec<usize> = c
        .events()
        .into_iter()
        .filter_map(|e| match e {
            Event::Progress { folder, done, .. } if folder == inbox.id => Some(done),
            _ => None,
        })
        .collect();
    eprintln!("1,300 headers in {took:.2?}; progress {progress:?}");
    assert_eq!(progress.first(), Some(&50), "the first page is small");
    assert_eq!(progress.last(), Some(&1_300));
    // Dovecot runs pipelined FETCHes side by side, so pages may overlap a
    // little; the count never goes back.
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    let mut rows = c.rows("INBOX");
    assert_eq!(rows.len(), 1_300);
    assert!(rows.iter().all(|r| r.partial), "headers only");
    // Row ids tell the order of arrival: the newest 50 came first. (The
    // later pages are pipelined and Dovecot may answer them interleaved, so
    // their order among themselves is not fixed.)
    rows.sort_by_key(|r| r.id);
    let uids: Vec<u32> = rows.iter().filter_map(|r| r.uid).collect();
    let mut first: Vec<u32> = uids[..50].to_vec();
    first.sort_unstable();
    assert_eq!(first, (1_251..=1_300).collect::<Vec<u32>>());

    // Opening a message fetches its body at once.
    let newest = rows.first().expect("a row").id;
    imap::open_message(&mut c.ctx, newest).await.expect("open");
    let row = c.ctx.store.message(newest).expect("query").expect("row");
    assert!(!row.partial);
    let raw = c.ctx.store.raw(newest).expect("raw").expect("stored");
    assert_eq!(raw.len() as u64, row.size);
    assert!(
        c.events()
            .iter()
            .any(|e| matches!(e, Event::FolderChanged { folder, .. } if *folder == inbox.id))
    );
}

#[tokio::test]
async fn changes_on_the_server_arrive() {
    server_changes_arrive(SyncOptions::default()).await;
}

/// The same with CONDSTORE alone (flags changed since the last sync).
#[tokio::test]
async fn changes_on_the_server_arrive_with_condstore_alone() {
    server_changes_arrive(SyncOptions {
        qresync: false,
        ..SyncOptions::default()
    })
    .await;
}

/// The same without CONDSTORE/QRESYNC: UID and FLAGS lists are compared.
#[tokio::test]
async fn changes_on_the_server_arrive_without_qresync() {
    server_changes_arrive(SyncOptions {
        modseq: false,
        ..SyncOptions::default()
    })
    .await;
}

async fn server_changes_arrive(opts: SyncOptions) {
    let server = Dovecot::start();
    let user = server.new_user();
    let generated = server.fill(&user, "INBOX", 60, 6);
    let mut c = brev(&server, &user);
    c.sync_with(&opts).await;
    c.events();
    let u = user.name.as_str();
    server.doveadm_ok(&[
        "flags",
        "add",
        "-u",
        u,
        "\\Flagged \\Seen",
        "mailbox",
        "INBOX",
        "uid",
        "3",
    ]);
    server.doveadm_ok(&[
        "flags", "remove", "-u", u, "\\Seen", "mailbox", "INBOX", "uid", "1:60",
    ]);
    server.doveadm_ok(&["expunge", "-u", u, "mailbox", "INBOX", "uid", "10:12"]);
    // New mail from another client.
    let mut other = clients::imaps(&server, &user).await;
    let new_mail = b"From: Karin <karin.oberg@exempel.se>\r\nTo: you\r\nSubject: Ny post\r\nMessage-ID: <ny-1@exempel.se>\r\nDate: Mon, 1 Apr 2024 10:00:00 +0200\r\n\r\nHej!\r\n";
    other
        .append("INBOX", None, None, &new_mail[..])
        .await
        .expect("APPEND");
    other.logout().await.expect("LOGOUT");

    let summary = c.sync_with(&opts).await;
    assert_eq!(summary.removed, 3, "{summary:?}");
    assert_eq!(summary.new_messages, 1, "{summary:?}");
    let seen_left = generated
        .iter()
        .enumerate()
        .filter(|(i, g)| g.seen() && !(9..12).contains(i))
        .count();
    assert!(summary.changed >= seen_left, "{summary:?}");
    let rows = c.by_uid("INBOX");
    assert_eq!(rows.len(), 58);
    assert!(![10, 11, 12].iter().any(|u| rows.contains_key(u)));
    assert!(rows[&3].flags.contains(Flags::FLAGGED));
    assert!(rows.values().all(|r| !r.flags.contains(Flags::SEEN)));
    let newest = rows
        .values()
        .find(|r| r.subject == "Ny post")
        .expect("new mail stored");
    assert_eq!(newest.uid, Some(61));
    let events = c.events();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::NewMail { count: 1, .. })),
        "{events:?}"
    );

    // And the store matches the server exactly.
    let meta = server_meta(&server, &user, "INBOX").await;
    assert_eq!(meta.len(), rows.len());
    for m in &meta {
        let r = &rows[&m.uid];
        assert_eq!(
            r.flags.contains(Flags::FLAGGED),
            m.flags.iter().any(|f| f == "\\Flagged")
        );
    }
}

#[tokio::test]
async fn flags_moves_copies_and_deletes_from_brev_reach_the_server() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 40, 7);
    server.fill(&user, "Trash", 5, 8);
    // Known flags to start from, so every action below is a change.
    let u = user.name.as_str();
    server.doveadm_ok(&[
        "flags", "add", "-u", u, "\\Seen", "mailbox", "INBOX", "uid", "1:2",
    ]);
    server.doveadm_ok(&[
        "flags", "remove", "-u", u, "\\Seen", "mailbox", "INBOX", "uid", "3",
    ]);
    server.doveadm_ok(&[
        "flags",
        "remove",
        "-u",
        u,
        "\\Flagged",
        "mailbox",
        "INBOX",
        "uid",
        "4",
    ]);
    let mut c = brev(&server, &user);
    c.sync().await;
    let rows = c.by_uid("INBOX");
    let id = |uid: u32| rows[&uid].id;

    c.apply(Command::SetSeen {
        messages: vec![id(1), id(2)],
        seen: false,
    });
    c.apply(Command::SetSeen {
        messages: vec![id(3)],
        seen: true,
    });
    c.apply(Command::SetFlagged {
        messages: vec![id(4)],
        flagged: true,
    });
    let archive = c.folder("Archive").id;
    c.apply(Command::Move {
        messages: vec![id(5), id(6)],
        to: archive,
    });
    let sent = c.folder("Sent").id;
    c.apply(Command::Copy {
        messages: vec![id(7)],
        to: sent,
    });
    c.apply(Command::Delete {
        messages: vec![id(8)],
    });
    let trash_rows = c.by_uid("Trash");
    let in_trash = trash_rows.get(&1).expect("trash uid 1").id;
    c.apply(Command::Delete {
        messages: vec![in_trash],
    });
    // Local first: the store shows it all at once.
    assert_eq!(c.by_uid("INBOX").len(), 40 - 3);
    assert_eq!(c.rows("INBOX").len(), 37);
    assert_eq!(c.rows("Archive").len(), 2);
    assert_eq!(c.rows("Sent").len(), 1);
    assert_eq!(c.rows("Trash").len(), 5);
    assert!(
        c.ctx
            .store
            .message(id(3))
            .unwrap()
            .unwrap()
            .flags
            .contains(Flags::SEEN)
    );
    assert_eq!(c.queue_len(), 7);

    let summary = c.sync().await;
    assert_eq!(summary.replayed, 7, "{summary:?}");
    assert_eq!(c.queue_len(), 0);

    let meta: HashMap<u32, clients::Meta> = server_meta(&server, &user, "INBOX")
        .await
        .into_iter()
        .map(|m| (m.uid, m))
        .collect();
    let has = |uid: u32, flag: &str| meta[&uid].flags.iter().any(|f| f == flag);
    assert!(!has(1, "\\Seen") && !has(2, "\\Seen") && has(3, "\\Seen") && has(4, "\\Flagged"));
    assert!(!meta.contains_key(&5) && !meta.contains_key(&6) && !meta.contains_key(&8));
    assert!(meta.contains_key(&7));
    assert_eq!(server_count(&server, &user, "Archive"), 2);
    assert_eq!(server_count(&server, &user, "Sent"), 1);
    assert_eq!(
        server_count(&server, &user, "Trash"),
        5,
        "one in, one expunged"
    );

    // No duplicates: moved and copied rows got their new UIDs.
    for folder in ["INBOX", "Archive", "Sent", "Trash"] {
        let rows = c.rows(folder);
        assert!(rows.iter().all(|r| r.uid.is_some()), "{folder}");
        assert_eq!(rows.len(), server_count(&server, &user, folder), "{folder}");
    }
    assert!(
        c.rows("Archive").iter().any(|r| r.id == id(5)),
        "the moved row kept its id"
    );
    let again = c.sync().await;
    assert_eq!((again.new_messages, again.removed), (0, 0), "{again:?}");

    // Empty the Trash.
    c.apply(Command::EmptyTrash);
    assert!(c.rows("Trash").is_empty());
    c.sync().await;
    assert_eq!(server_count(&server, &user, "Trash"), 0);
}

#[tokio::test]
async fn folders_are_created_renamed_and_deleted_both_ways() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 3, 9);
    let mut c = brev(&server, &user);
    c.sync().await;

    // From Brev.
    c.apply(Command::CreateFolder {
        name: "Kvitton".into(),
    });
    c.apply(Command::CreateFolder {
        name: "Kvitton/Göteborg".into(),
    });
    assert!(c.has_folder("Kvitton/Göteborg"));
    c.sync().await;
    let on_server = server_folders(&server, &user);
    assert!(
        on_server.contains("Kvitton") && on_server.contains("Kvitton/Göteborg"),
        "{on_server:?}"
    );

    let inbox_first = c.by_uid("INBOX")[&1].id;
    let folder = c.folder("Kvitton/Göteborg").id;
    c.apply(Command::Move {
        messages: vec![inbox_first],
        to: folder,
    });
    let kvitton = c.folder("Kvitton").id;
    c.apply(Command::RenameFolder {
        folder: kvitton,
        name: "Kvitton 2024".into(),
    });
    assert!(c.has_folder("Kvitton 2024/Göteborg") && !c.has_folder("Kvitton"));
    c.sync().await;
    let on_server = server_folders(&server, &user);
    assert!(
        on_server.contains("Kvitton 2024/Göteborg") && !on_server.contains("Kvitton"),
        "{on_server:?}"
    );
    assert_eq!(server_count(&server, &user, "Kvitton 2024/Göteborg"), 1);
    assert_eq!(c.rows("Kvitton 2024/Göteborg").len(), 1);

    let renamed = c.folder("Kvitton 2024").id;
    c.apply(Command::DeleteFolder { folder: renamed });
    assert!(!c.has_folder("Kvitton 2024") && !c.has_folder("Kvitton 2024/Göteborg"));
    c.sync().await;
    let on_server = server_folders(&server, &user);
    assert!(
        !on_server.iter().any(|f| f.starts_with("Kvitton")),
        "{on_server:?}"
    );

    // From another client.
    let mut other = clients::imaps(&server, &user).await;
    other.create("Resor").await.expect("CREATE");
    other.create("Resor/Oslo").await.expect("CREATE");
    other.create("Gammalt").await.expect("CREATE");
    c.sync().await;
    assert!(c.has_folder("Resor/Oslo") && c.has_folder("Gammalt"));
    c.events();
    other.rename("Resor", "Resor 2025").await.expect("RENAME");
    other.delete("Gammalt").await.expect("DELETE");
    other.logout().await.expect("LOGOUT");
    c.sync().await;
    assert!(c.has_folder("Resor 2025/Oslo") && !c.has_folder("Resor") && !c.has_folder("Gammalt"));
    assert!(
        c.events()
            .iter()
            .any(|e| matches!(e, Event::FolderListChanged { .. }))
    );
}

#[tokio::test]
async fn a_uidvalidity_change_resets_the_folder_and_reuses_bodies() {
    let server = Dovecot::start();
    let user = server.new_user();
    let generated = server.fill(&user, "INBOX", 30, 10);
    let mut c = brev(&server, &user);
    c.sync().await;
    let before = c.folder("INBOX").uidvalidity.expect("uidvalidity");
    assert!(c.rows("INBOX").iter().all(|r| !r.partial));

    let new_uv = (before + 1000).to_string();
    server.doveadm_ok(&[
        "mailbox",
        "update",
        "-u",
        &user.name,
        "--uid-validity",
        &new_uv,
        "INBOX",
    ]);
    // Headers only: every body must come from what was stored before.
    let summary = c
        .sync_with(&SyncOptions {
            bodies: BodyPolicy::HeadersOnly,
            ..SyncOptions::default()
        })
        .await;
    assert_eq!(
        (summary.removed, summary.new_messages),
        (30, 30),
        "{summary:?}"
    );
    let inbox = c.folder("INBOX");
    assert_eq!(inbox.uidvalidity, Some(before + 1000));
    assert_matches_generated(&c, "INBOX", &generated);
    assert!(
        c.rows("INBOX").iter().all(|r| !r.partial),
        "bodies reused by Message-ID + size"
    );
    let again = c.sync().await;
    assert_eq!((again.new_messages, again.removed), (0, 0));
}

#[tokio::test]
async fn offline_changes_are_queued_and_replayed() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 20, 11);
    let mut c = brev(&server, &user);
    c.sync().await;
    let rows = c.by_uid("INBOX");

    // The server is unreachable (nothing listens on that port).
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead_port = closed.local_addr().expect("addr").port();
    drop(closed);
    c.ctx.account.incoming.port = dead_port;
    let err = imap::sync_once(&mut c.ctx).await.expect_err("offline");
    assert!(err.is_offline(), "{err:?}");

    c.apply(Command::SetFlagged {
        messages: vec![rows[&1].id],
        flagged: true,
    });
    c.apply(Command::Delete {
        messages: vec![rows[&2].id],
    });
    c.apply(Command::CreateFolder {
        name: "Offline".into(),
    });
    let offline = c.folder("Offline").id;
    c.apply(Command::Move {
        messages: vec![rows[&3].id],
        to: offline,
    });
    let draft = b"From: me@brev.test\r\nTo: Alice <alice@example.com>\r\nSubject: Utkast offline\r\nMessage-ID: <utkast-1@brev.test>\r\n\r\nSkrivet utan natt.\r\n";
    let drafts = c.folder("Drafts").id;
    c.apply(Command::Append {
        folder: drafts,
        raw: draft.to_vec(),
        seen: true,
    });
    // Then the appended draft is moved on, still offline: it has no UID yet.
    let appended = c.rows("Drafts")[0].id;
    c.apply(Command::Move {
        messages: vec![appended],
        to: offline,
    });
    assert_eq!(c.queue_len(), 6);
    // Still offline: the queue survives a failed attempt.
    assert!(imap::sync_once(&mut c.ctx).await.is_err());
    assert_eq!(c.queue_len(), 6);

    // Back online ("restart": the queue is in the store).
    c.ctx.account.incoming.port = server.imaps_port();
    let reopened = Store::open(&c.path).expect("reopen");
    c.ctx.store = reopened;
    let summary = c.sync().await;
    assert_eq!(summary.replayed, 6, "{summary:?}");
    assert_eq!(c.queue_len(), 0);

    let meta: HashMap<u32, clients::Meta> = server_meta(&server, &user, "INBOX")
        .await
        .into_iter()
        .map(|m| (m.uid, m))
        .collect();
    assert!(meta[&1].flags.iter().any(|f| f == "\\Flagged"));
    assert!(!meta.contains_key(&2) && !meta.contains_key(&3));
    assert_eq!(server_count(&server, &user, "Trash"), 1);
    assert_eq!(server_count(&server, &user, "Offline"), 2);
    assert_eq!(server_count(&server, &user, "Drafts"), 0);
    let offline_rows = c.rows("Offline");
    assert_eq!(offline_rows.len(), 2);
    assert!(offline_rows.iter().all(|r| r.uid.is_some()));
    assert!(
        offline_rows.iter().any(|r| r.id == appended),
        "the draft kept its row"
    );
    let again = c.sync().await;
    assert_eq!(
        (again.new_messages, again.removed, again.replayed),
        (0, 0, 0),
        "{again:?}"
    );
}

#[tokio::test]
async fn a_change_to_a_message_expunged_elsewhere_is_dropped() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 10, 12);
    server.doveadm_ok(&[
        "flags", "remove", "-u", &user.name, "\\Seen", "mailbox", "INBOX", "uid", "4",
    ]);
    let mut c = brev(&server, &user);
    c.sync().await;
    let rows = c.by_uid("INBOX");
    c.apply(Command::SetSeen {
        messages: vec![rows[&4].id],
        seen: true,
    });
    let archive = c.folder("Archive").id;
    c.apply(Command::Move {
        messages: vec![rows[&5].id],
        to: archive,
    });
    server.doveadm_ok(&[
        "expunge", "-u", &user.name, "mailbox", "INBOX", "uid", "4:5",
    ]);
    let summary = c.sync().await;
    assert_eq!(c.queue_len(), 0, "dropped, no error loop");
    assert_eq!(summary.replayed, 2);
    assert!(
        c.rows("Archive").is_empty(),
        "the moved row is gone: the server has no such message"
    );
    assert_eq!(c.rows("INBOX").len(), 8);
    assert_eq!(server_count(&server, &user, "Archive"), 0);
}

#[tokio::test]
async fn a_wrong_password_is_an_authentication_failure() {
    let server = Dovecot::start();
    let user = server.new_user();
    let mut c = brev(&server, &user);
    c.ctx.password = "not-the-password".into();
    match imap::sync_once(&mut c.ctx).await {
        Err(SyncError::AuthenticationFailed(reply)) => assert!(!reply.is_empty()),
        other => panic!("expected an authentication failure, got {other:?}"),
    }
}

#[tokio::test]
async fn idle_reports_new_mail_in_the_inbox() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 5, 13);
    let mut c = brev(&server, &user);
    c.sync().await;
    let mut watch = IdleWatch::start(&mut c.ctx).await.expect("IDLE");
    assert_eq!(watch.folder(), "INBOX");
    // Nothing happens: the watch keeps waiting (and can be cancelled).
    assert!(
        tokio::time::timeout(Duration::from_millis(300), watch.changed())
            .await
            .is_err()
    );

    let mut other = clients::imaps(&server, &user).await;
    let mail = b"From: Siri <siri@fjellstad.example.no>\r\nSubject: Hei fra IDLE\r\nMessage-ID: <idle-1@example.no>\r\n\r\nHei!\r\n";
    other
        .append("INBOX", None, None, &mail[..])
        .await
        .expect("APPEND");
    tokio::time::timeout(Duration::from_secs(10), watch.changed())
        .await
        .expect("IDLE woke within 10 s")
        .expect("IDLE");
    let summary = c.sync().await;
    assert_eq!(summary.new_messages, 1);
    assert!(c.rows("INBOX").iter().any(|r| r.subject == "Hei fra IDLE"));
    watch.stop().await;
    other.logout().await.expect("LOGOUT");
}

/// A proxy that forwards to `target` and cuts every connection after the
/// server has sent `limit` bytes through it.
async fn cutting_proxy(target: u16, limit: usize) -> u16 {
    proxy(target, limit).await.0
}

/// A proxy to `target` that counts the bytes the server sends through it
/// (all connections together) and cuts a connection after `limit` of them.
async fn proxy(target: u16, limit: usize) -> (u16, Arc<AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let total = Arc::new(AtomicUsize::new(0));
    let counted = total.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let counted = counted.clone();
            tokio::spawn(async move {
                let Ok(server) = tokio::net::TcpStream::connect(("127.0.0.1", target)).await else {
                    return;
                };
                let (mut cr, mut cw) = client.into_split();
                let (mut sr, mut sw) = server.into_split();
                let up = tokio::spawn(async move {
                    let _ = tokio::io::copy(&mut cr, &mut sw).await;
                });
                let mut sent = 0usize;
                let mut buf = vec![0u8; 16 * 1024];
                loop {
                    let n = match sr.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n.min(limit.saturating_sub(sent)),
                    };
                    if n == 0 || cw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                    sent += n;
                    counted.fetch_add(n, Ordering::SeqCst);
                }
                up.abort();
            });
        }
    });
    (port, total)
}

/// With CONDSTORE but no QRESYNC (as Gmail offers), a flag changed
/// elsewhere comes with the flags changed since the last sync, not with the
/// flag list of the whole folder: a fraction of the bytes that comparing
/// UID and FLAGS lists reads for the same change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn condstore_alone_reads_only_what_changed() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 2_000, 21);
    let mut c = brev(&server, &user);
    let condstore = SyncOptions {
        qresync: false,
        ..SyncOptions::default()
    };
    let lists = SyncOptions {
        modseq: false,
        ..SyncOptions::default()
    };
    c.sync_with(&condstore).await;
    let (port, bytes) = proxy(server.imaps_port(), usize::MAX).await;
    c.ctx.account.incoming.port = port;
    let u = user.name.as_str();
    let mut read = Vec::new();
    for (uid, opts) in [("7", &condstore), ("8", &lists)] {
        server.doveadm_ok(&[
            "flags",
            "add",
            "-u",
            u,
            "\\Flagged",
            "mailbox",
            "INBOX",
            "uid",
            uid,
        ]);
        let before = bytes.load(Ordering::SeqCst);
        let summary = c.sync_with(opts).await;
        read.push(bytes.load(Ordering::SeqCst) - before);
        assert_eq!(summary.changed, 1, "{summary:?}");
        let rows = c.by_uid("INBOX");
        assert!(
            rows[&uid.parse::<u32>().unwrap()]
                .flags
                .contains(Flags::FLAGGED)
        );
        assert_eq!(rows.len(), 2_000);
    }
    assert!(
        read[0] * 4 < read[1],
        "bytes read: CONDSTORE {}, lists {}",
        read[0],
        read[1]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_cut_mid_sync_resumes_without_duplicates() {
    let server = Dovecot::start();
    let user = server.new_user();
    let generated = server.fill(&user, "INBOX", 2_000, 14);
    let mut c = brev(&server, &user);
    // Cut after ~6 MB: well into the bodies of the 2,000 messages.
    let proxy = cutting_proxy(server.imaps_port(), 6_000_000).await;
    c.ctx.account.incoming.port = proxy;
    let err = imap::sync_once(&mut c.ctx)
        .await
        .expect_err("the cut breaks the sync");
    assert!(err.is_offline(), "{err:?}");
    let stored = c.rows("INBOX").len();
    assert!(stored > 0 && stored < 2_000, "part of the folder: {stored}");

    c.ctx.account.incoming.port = server.imaps_port();
    c.sync().await;
    assert_matches_generated(&c, "INBOX", &generated);
    let rows = c.rows("INBOX");
    let ids: HashSet<&str> = rows
        .iter()
        .filter_map(|r| r.message_id.as_deref())
        .collect();
    assert_eq!(ids.len(), 2_000, "no duplicates");
    assert!(rows.iter().all(|r| !r.partial));
}

/// The benchmark: a 10,000-message INBOX over TLS, and (when `mbsync` is
/// installed) mbsync copying the same folder to a Maildir in the same run.
/// `cargo test --release --test imap ten_thousand -- --nocapture`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_messages_sync_completely() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 10_000, 15);
    let mbsync = mbsync_time(&server, &user);
    let mut c = brev(&server, &user);
    let cpu = cpu_seconds();
    let started = Instant::now();
    let summary = c.sync().await;
    let full = started.elapsed();
    let cpu = cpu_seconds() - cpu;
    assert_eq!(summary.new_messages, 10_000);
    let inbox = c.folder("INBOX");
    assert_eq!(inbox.total, 10_000);
    assert_eq!(
        c.ctx
            .store
            .imap_partial(inbox.id, None, 10)
            .expect("query")
            .len(),
        0
    );
    let started = Instant::now();
    let again = c.sync().await;
    let nochange = started.elapsed();
    assert_eq!(
        (again.new_messages, again.changed, again.removed),
        (0, 0, 0)
    );
    eprintln!(
        "10,000 messages: full sync (headers + bodies, TLS) {full:.2?} (Brev CPU {cpu:.2} s); no-change sync {nochange:.3?}"
    );
    if let Some(m) = mbsync {
        eprintln!(
            "mbsync, same folder, same run: {m:.2?}; Brev / mbsync = {:.2}",
            full.as_secs_f64() / m.as_secs_f64()
        );
    }
}

/// User + system CPU seconds of this process so far.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage fills the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
}

/// mbsync's full copy of INBOX to a Maildir over TLS; None without mbsync.
fn mbsync_time(server: &Dovecot, user: &User) -> Option<Duration> {
    let dir = tempfile::tempdir().ok()?;
    mbsync_in(dir.path(), server, user)
}

/// Run mbsync for INBOX into `dir` (config and Maildir there); its time.
fn mbsync_in(dir: &std::path::Path, server: &Dovecot, user: &User) -> Option<Duration> {
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, server.ca_pem()).ok()?;
    let mail = dir.join("mail");
    std::fs::create_dir_all(&mail).ok()?;
    let conf = dir.join("mbsyncrc");
    std::fs::write(
        &conf,
        format!(
            "IMAPAccount t\nHost localhost\nPort {port}\nUser {u}\nPass {pw}\nSSLType IMAPS\nCertificateFile {ca}\n\n\
             IMAPStore remote\nAccount t\n\n\
             MaildirStore local\nPath {mail}/\nInbox {mail}/INBOX\n\n\
             Channel c\nFar :remote:\nNear :local:\nPatterns INBOX\nCreate Near\nSyncState *\n",
            port = server.imaps_port(),
            u = user.name,
            pw = user.password,
            ca = ca.display(),
            mail = mail.display(),
        ),
    )
    .ok()?;
    let started = Instant::now();
    let out = std::process::Command::new("mbsync")
        .arg("-c")
        .arg(&conf)
        .arg("-q")
        .arg("c")
        .output()
        .ok()?;
    let took = started.elapsed();
    if !out.status.success() {
        eprintln!("mbsync failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(took)
}

fn run_brev(profile: &std::path::Path, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command as Process, Stdio};
    let mut child = Process::new(env!("CARGO_BIN_EXE_brev"))
        .arg("--profile")
        .arg(profile)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brev");
    if let Some(input) = stdin
        && let Some(mut s) = child.stdin.take()
    {
        s.write_all(input.as_bytes()).expect("stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait for brev")
}

/// `brev sync` killed (SIGKILL) in the middle of the download, then run
/// again: every message once, none missing.
#[test]
fn a_killed_headless_sync_resumes_without_duplicates_or_gaps() {
    let server = Dovecot::start();
    let user = server.new_user();
    let generated = server.fill(&user, "INBOX", 3_000, 16);
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    let port = server.imaps_port().to_string();
    let out = run_brev(
        p,
        &[
            "account",
            "add",
            "--name",
            "Test",
            "--email",
            &user.address(),
            "--protocol",
            "imap",
            "--incoming-host",
            "localhost",
            "--incoming-port",
            &port,
            "--incoming-security",
            "tls",
            "--user",
            &user.name,
            "--password-stdin",
            "--password-storage",
            "file",
        ],
        Some(&format!("{}\n", user.password)),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile = brev::profile::Profile::at(p).expect("profile");
    let mut config = brev::config::Config::load(&profile.config_file()).expect("config");
    config.accounts[0].trusted_cert = Some(brev::net::fingerprint(&server.leaf_der()));
    config.save(&profile.config_file()).expect("save config");

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brev"))
        .arg("--profile")
        .arg(p)
        .arg("sync")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run brev sync");
    let count = |store: &Store| -> usize {
        store
            .folder_by_name(&config.accounts[0].id, "INBOX")
            .ok()
            .flatten()
            .map(|f| f.total as usize)
            .unwrap_or(0)
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut seen = 0;
    while Instant::now() < deadline {
        if let Ok(reader) = Store::open_reader(&profile.store_file()) {
            seen = count(&reader);
            if seen >= 300 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert!(
        (300..3_000).contains(&seen),
        "killed mid-download ({seen} stored)"
    );

    let out = run_brev(p, &["sync"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open_reader(&profile.store_file()).expect("store");
    let inbox = store
        .folder_by_name(&config.accounts[0].id, "INBOX")
        .expect("query")
        .expect("INBOX");
    let rows = store.page(inbox.id, 0, 10_000).expect("rows");
    assert_eq!(rows.len(), 3_000);
    let ids: HashSet<&str> = rows
        .iter()
        .filter_map(|r| r.message_id.as_deref())
        .collect();
    assert_eq!(ids.len(), 3_000, "no duplicates");
    let want: HashSet<&str> = generated.iter().map(|g| g.message_id.as_str()).collect();
    let got: HashSet<&str> = ids.iter().map(|m| m.trim_matches(['<', '>'])).collect();
    assert_eq!(got, want, "none missing");
    assert!(rows.iter().all(|r| !r.partial && r.uid.is_some()));
}

/// The no-change benchmark: a 100,000-message INBOX synced once, then
/// again with nothing changed. Slow to set up (about 1.3 GB of mail):
/// `cargo test --release --test imap hundred_thousand -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn hundred_thousand_messages_no_change_sync() {
    let server = Dovecot::start();
    let user = server.new_user();
    let started = Instant::now();
    server.fill(&user, "INBOX", 100_000, 17);
    eprintln!("filled 100,000 in {:.1?}", started.elapsed());
    let mut c = brev(&server, &user);
    let started = Instant::now();
    let summary = c.sync().await;
    eprintln!("100,000 messages: full sync {:.1?}", started.elapsed());
    assert_eq!(summary.new_messages, 100_000);
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let again = c.sync().await;
        times.push(started.elapsed());
        assert_eq!(
            (again.new_messages, again.changed, again.removed),
            (0, 0, 0)
        );
    }
    times.sort();
    eprintln!(
        "100,000 messages: no-change sync median {:.1?} (all: {times:.1?})",
        times[2]
    );
    // mbsync in the same run: a full copy, then no-change runs.
    let dir = tempfile::tempdir().expect("temp dir");
    if let Some(full) = mbsync_in(dir.path(), &server, &user) {
        let mut m: Vec<Duration> = (0..5)
            .filter_map(|_| mbsync_in(dir.path(), &server, &user))
            .collect();
        m.sort();
        if let Some(median) = m.get(m.len() / 2) {
            eprintln!(
                "mbsync, same folder: full {full:.1?}, no-change median {median:.1?}; Brev / mbsync (no change) = {:.2}",
                times[2].as_secs_f64() / median.as_secs_f64()
            );
        }
    }
}

/// An operation the server refuses is kept and retried, then dropped after
/// a few attempts: no error loop, and the store ends up as the server is.
#[tokio::test]
async fn a_refused_operation_is_retried_then_dropped() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 3, 18);
    server.fill(&user, "Projekt", 2, 19);
    let mut c = brev(&server, &user);
    c.sync().await;
    let projekt = c.folder("Projekt").id;
    c.apply(Command::RenameFolder {
        folder: projekt,
        name: "Klart".into(),
    });
    // Another client takes the name first: RENAME will be refused.
    let mut other = clients::imaps(&server, &user).await;
    other.create("Klart").await.expect("CREATE");
    other.logout().await.expect("LOGOUT");

    for attempt in 1..imap::MAX_ATTEMPTS {
        let summary = c.sync().await;
        assert_eq!(summary.replayed, 0);
        let ops = c.ctx.store.pending_ops(ACCOUNT).expect("ops");
        assert_eq!(ops.len(), 1, "kept after attempt {attempt}");
        assert_eq!(ops[0].attempts, attempt);
        assert!(ops[0].last_error.as_deref().is_some_and(|e| !e.is_empty()));
    }
    c.sync().await;
    assert_eq!(
        c.queue_len(),
        0,
        "dropped after {} attempts",
        imap::MAX_ATTEMPTS
    );
    c.sync().await;
    assert!(
        c.has_folder("Projekt") && c.has_folder("Klart"),
        "as on the server"
    );
    assert_eq!(c.rows("Projekt").len(), 2);
    assert_eq!(server_count(&server, &user, "Projekt"), 2);
}
