//! The long-running engine of one account (src/sync/engine.rs), driven the
//! way the window drives it: commands in, events out, a real Dovecot.

mod support;

use std::time::Duration;

use std::path::PathBuf;

use brev::config::{BodyDownload, MailProtocol};
use brev::store::{Flags, FolderRead, MessageRead, Role, Store, UnindexedRead};
use brev::sync::engine::{self, Schedule};
use brev::sync::{AccountCtx, AccountState, Command, Event, EventSink, SyncSummary};
use support::accounts::{account, engine_ctx, next_event, tls_port};
use support::{Dovecot, User};
use tokio::sync::mpsc::{self, UnboundedReceiver};

/// One user on a fresh server, a context for their account on a fresh
/// store, and the engine's events.
struct Setup {
    server: Dovecot,
    user: User,
    dir: tempfile::TempDir,
    path: PathBuf,
    ctx: AccountCtx,
    events: UnboundedReceiver<Event>,
}

/// A server where `name`'s `folder` holds `messages` generated mails (from
/// `seed`), and a context for `name`'s account over `protocol`.
fn setup(name: &str, protocol: MailProtocol, folder: &str, messages: usize, seed: u64) -> Setup {
    let server = Dovecot::start();
    let user = server.add_user(name, &format!("{name}-pw"));
    server.fill(&user, folder, messages, seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.sqlite3");
    let account = account(&user, protocol, tls_port(&server, protocol));
    let (ctx, events) = engine_ctx(&server, account, &user.password, &path);
    Setup {
        server,
        user,
        dir,
        path,
        ctx,
        events,
    }
}

/// Wait for the next finished sync; its summary.
async fn next_synced(events: &mut UnboundedReceiver<Event>) -> SyncSummary {
    match next_event(events, |e| matches!(e, Event::Synced { .. })).await {
        Event::Synced { summary, .. } => summary,
        _ => unreachable!(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn syncs_on_start_applies_commands_at_once_and_stops() {
    let Setup {
        server: _server,
        dir: _dir,
        path,
        ctx,
        mut events,
        ..
    } = setup("eva", MailProtocol::Pop3, "INBOX", 30, 7);
    let handle = engine::spawn(ctx, Schedule::every_minutes(10));

    let summary = next_synced(&mut events).await;
    assert_eq!(summary.new_messages, 30);

    let reader = Store::open_reader(&path).unwrap();
    let inbox = reader.folder_by_role("eva", Role::Inbox).unwrap().unwrap();
    // The bodies were read after the download, before Synced.
    assert_eq!(reader.unindexed_count("eva").unwrap(), 0);
    let rows = reader.page(inbox.id, 0, 30).unwrap();
    assert!(rows.iter().all(|r| !r.preview.is_empty()));
    let first = reader.page(inbox.id, 0, 1).unwrap().remove(0);
    let seen_before = first.flags.contains(Flags::SEEN);
    assert!(handle.send(Command::SetSeen {
        messages: vec![first.id],
        seen: !seen_before
    }));
    let changed = next_event(&mut events, |e| matches!(e, Event::FolderChanged { .. })).await;
    assert_eq!(
        changed,
        Event::FolderChanged {
            account: "eva".into(),
            folder: inbox.id
        }
    );
    let now = reader.message(first.id).unwrap().unwrap();
    assert_eq!(now.flags.contains(Flags::SEEN), !seen_before);

    // "Check now" syncs again: nothing new, nothing downloaded twice.
    assert!(handle.send(Command::SyncNow));
    let summary = next_synced(&mut events).await;
    assert_eq!(summary.new_messages, 0);
    assert_eq!(reader.message_count(inbox.id).unwrap(), 30);
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_cannot_be_reached_makes_the_account_offline() {
    let server = Dovecot::start();
    let user = server.add_user("olle", "pw");
    let dir = tempfile::tempdir().unwrap();
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut account = account(&user, MailProtocol::Pop3, closed);
    account.incoming.host = "127.0.0.1".into();
    let (ctx, mut events) = engine_ctx(&server, account, "pw", &dir.path().join("s.sqlite3"));
    let handle = engine::spawn(ctx, Schedule::every_minutes(10));
    let state = next_event(&mut events, |e| matches!(e, Event::State { .. })).await;
    match state {
        Event::State {
            state: AccountState::Offline(e),
            ..
        } => assert!(e.user_message().contains("127.0.0.1") || !e.user_message().is_empty()),
        other => panic!("expected offline, got {other:?}"),
    }
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_password_is_reported_and_not_retried_in_a_loop() {
    let server = Dovecot::start();
    let user = server.add_user("pia", "right");
    let dir = tempfile::tempdir().unwrap();
    let (ctx, mut events) = engine_ctx(
        &server,
        account(&user, MailProtocol::Pop3, server.pop3s_port()),
        "wrong",
        &dir.path().join("s.sqlite3"),
    );
    let handle = engine::spawn(
        ctx,
        Schedule {
            interval: Duration::from_millis(50),
            min_backoff: Duration::from_millis(50),
            max_backoff: Duration::from_millis(50),
            local_only: false,
        },
    );
    let state = next_event(&mut events, |e| matches!(e, Event::State { .. })).await;
    assert!(
        matches!(
            state,
            Event::State {
                state: AccountState::AuthenticationFailed,
                ..
            }
        ),
        "{state:?}"
    );
    // With a 50 ms schedule a retry loop would log in again and again. The
    // engine must wait for the user instead: "check now" makes exactly one
    // more attempt, and by the time that one has failed there is no other.
    let failed_logins = |log: &str| {
        log.lines()
            .filter(|l| l.contains("auth failed") && l.contains("user=<pia>"))
            .count()
    };
    assert!(server.wait_for_log(Duration::from_secs(30), |log| failed_logins(log) >= 1));
    assert!(handle.send(Command::SyncNow));
    assert!(
        server.wait_for_log(Duration::from_secs(30), |log| failed_logins(log) >= 2),
        "no second attempt after check now:\n{}",
        server.log()
    );
    handle.shutdown().await;
    assert_eq!(failed_logins(&server.log()), 2, "{}", server.log());
}

/// Wait (up to 30 s) until the server has `\Flagged` on message `uid` of
/// `user`'s `folder`.
fn wait_until_flagged(server: &Dovecot, user: &str, folder: &str, uid: Option<u32>) {
    let uid = uid.expect("synced messages have UIDs").to_string();
    let flagged_on_server = || {
        let out = server.doveadm(&["fetch", "-u", user, "flags", "mailbox", folder, "uid", &uid]);
        String::from_utf8_lossy(&out.stdout).contains("\\Flagged")
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !flagged_on_server() {
        assert!(
            std::time::Instant::now() < deadline,
            "the flag never reached the server"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_new_mail_arrives_through_idle_and_changes_reach_the_server_at_once() {
    let Setup {
        server,
        user,
        dir: _dir,
        path,
        ctx,
        mut events,
    } = setup("ivan", MailProtocol::Imap, "INBOX", 20, 3);
    // Ten minutes between checks: anything sooner comes from IDLE or a push.
    let handle = engine::spawn(ctx, Schedule::every_minutes(10));
    assert_eq!(next_synced(&mut events).await.new_messages, 20);

    // Once IDLE is up, the engine looks once more; after that, only IDLE
    // can bring new mail before the ten minutes are over.
    next_event(&mut events, |e| matches!(e, Event::Synced { .. })).await;
    server.fill(&user, "INBOX", 1, 99);
    let reader = Store::open_reader(&path).unwrap();
    let inbox = reader.folder_by_role("ivan", Role::Inbox).unwrap().unwrap();
    next_event(
        &mut events,
        |e| matches!(e, Event::Synced { summary, .. } if summary.new_messages >= 1),
    )
    .await;
    assert_eq!(reader.message_count(inbox.id).unwrap(), 21);

    // A local change goes to the server right away (no full sync needed).
    let newest = reader.page(inbox.id, 0, 1).unwrap().remove(0);
    assert!(handle.send(Command::SetFlagged {
        messages: vec![newest.id],
        flagged: true
    }));
    wait_until_flagged(&server, "ivan", "INBOX", newest.uid);
    handle.shutdown().await;
}

/// The demo mailbox's engine: actions change the store, "check now" and
/// opening a message connect to nothing, so no offline state ever shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_actions_stick_and_nothing_connects() {
    let dir = tempfile::tempdir().unwrap();
    let profile = brev::profile::Profile::at(dir.path()).unwrap();
    let config = brev::demo::fill(&profile, None).unwrap();
    let account = config.accounts[0].clone();
    let (tx, mut events) = mpsc::unbounded_channel();
    let ctx = AccountCtx::without_password(&profile, &account, EventSink::new(tx)).unwrap();
    let handle = engine::spawn(ctx, Schedule::local_only());

    let reader = Store::open_reader(&profile.store_file()).unwrap();
    let inbox = reader
        .folder_by_role(&account.id, Role::Inbox)
        .unwrap()
        .unwrap();
    let unread = reader
        .page(inbox.id, 0, 100)
        .unwrap()
        .into_iter()
        .find(|r| !r.flags.contains(Flags::SEEN))
        .expect("the demo has unread mail");
    assert!(handle.send(Command::SyncNow));
    assert!(handle.send(Command::OpenMessage(unread.id)));
    assert!(handle.send(Command::SetSeen {
        messages: vec![unread.id],
        seen: true
    }));
    handle.shutdown().await;
    assert!(
        reader
            .message(unread.id)
            .unwrap()
            .unwrap()
            .flags
            .contains(Flags::SEEN)
    );
    let mut seen = Vec::new();
    while let Ok(e) = events.try_recv() {
        seen.push(e);
    }
    assert!(
        seen.iter()
            .any(|e| matches!(e, Event::FolderChanged { folder, .. } if *folder == inbox.id)),
        "{seen:?}"
    );
    assert!(
        !seen
            .iter()
            .any(|e| matches!(e, Event::State { .. } | Event::Synced { .. })),
        "the demo engine tried the network: {seen:?}"
    );
}

/// The user's actions share one kept session: three changes in a row log
/// in once, not three times (a login per click is slow, and providers may
/// block accounts that log in too often).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_in_a_row_share_one_login() {
    // Not the Inbox: a change there wakes IDLE, and the sync it starts
    // has a session (and a login) of its own.
    let Setup {
        server,
        dir: _dir,
        path,
        ctx,
        mut events,
        ..
    } = setup("vera", MailProtocol::Imap, "Projekt", 3, 5);
    let handle = engine::spawn(ctx, Schedule::every_minutes(10));
    // The first sync, then the one right after IDLE is up.
    next_event(&mut events, |e| matches!(e, Event::Synced { .. })).await;
    next_event(&mut events, |e| matches!(e, Event::Synced { .. })).await;
    let logins = || {
        server
            .log()
            .lines()
            .filter(|l| l.contains("imap-login: Info: Login:") && l.contains("user=<vera>"))
            .count()
    };
    let before = logins();

    let reader = Store::open_reader(&path).unwrap();
    let folder = reader
        .folders("vera")
        .unwrap()
        .into_iter()
        .find(|f| f.name == "Projekt")
        .expect("the folder is synced");
    let rows = reader.page(folder.id, 0, 10).unwrap();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert!(handle.send(Command::SetFlagged {
            messages: vec![row.id],
            flagged: true
        }));
        wait_until_flagged(&server, "vera", "Projekt", row.uid);
    }
    assert_eq!(logins() - before, 1, "{}", server.log());
    handle.shutdown().await;
}

/// An account whose first sync is long: thousands of messages, bodies only
/// when opened.
fn long_first_sync(
    name: &str,
    messages: usize,
) -> (
    Dovecot,
    tempfile::TempDir,
    PathBuf,
    AccountCtx,
    UnboundedReceiver<Event>,
) {
    let Setup {
        server,
        dir,
        path,
        mut ctx,
        events,
        ..
    } = setup(name, MailProtocol::Imap, "INBOX", messages, 11);
    ctx.account.imap.download_bodies = BodyDownload::OnOpen;
    (server, dir, path, ctx, events)
}

/// Wait until the Inbox has its first messages: the sync is under way.
async fn first_inbox_page(
    events: &mut UnboundedReceiver<Event>,
    reader: &Store,
    account: &str,
) -> brev::store::FolderId {
    loop {
        next_event(events, |e| matches!(e, Event::FolderChanged { .. })).await;
        if let Some(inbox) = reader.folder_by_role(account, Role::Inbox).unwrap()
            && reader.message_count(inbox.id).unwrap() > 0
        {
            return inbox.id;
        }
    }
}

/// While the first sync of a big Inbox runs, opening a message fetches it
/// and a flag shows in the store at once; the flag reaches the server when
/// the sync is done. (Before, both waited for the whole sync.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_sync_does_not_hold_up_the_user() {
    let (server, _dir, path, ctx, mut events) = long_first_sync("olga", 3000);
    let handle = engine::spawn(ctx, Schedule::every_minutes(10));
    let reader = Store::open_reader(&path).unwrap();
    let inbox = first_inbox_page(&mut events, &reader, "olga").await;
    let rows = reader.page(inbox, 0, 2).unwrap();
    assert!(rows[0].partial, "bodies come when opened");
    assert!(handle.send(Command::OpenMessage(rows[0].id)));
    assert!(handle.send(Command::SetFlagged {
        messages: vec![rows[1].id],
        flagged: true
    }));
    let done = |reader: &Store| {
        let opened = !reader.message(rows[0].id).unwrap().unwrap().partial;
        let flagged = reader
            .message(rows[1].id)
            .unwrap()
            .unwrap()
            .flags
            .contains(Flags::FLAGGED);
        opened && flagged
    };
    // Every event is a moment to look; the sync's end is the last one.
    let mut done_during_sync = false;
    loop {
        let e = next_event(&mut events, |_| true).await;
        if let Event::Synced { summary, .. } = e {
            assert_eq!(summary.new_messages, 3000);
            break;
        }
        done_during_sync |= done(&reader);
    }
    assert!(
        done_during_sync,
        "the open and the flag waited for the sync"
    );
    assert_eq!(reader.message_count(inbox).unwrap(), 3000);
    wait_until_flagged(&server, "olga", "INBOX", rows[1].uid);
    handle.shutdown().await;
}

/// A stop does not wait for a long sync; the next one goes on from where
/// it stopped, without duplicates.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_abandons_a_long_sync_and_the_next_goes_on() {
    let (_server, _dir, path, ctx, mut events) = long_first_sync("pavel", 5000);
    let again = AccountCtx {
        store: Store::open(&path).unwrap(),
        account: ctx.account.clone(),
        password: ctx.password.clone(),
        trust: ctx.trust.clone(),
        timeouts: ctx.timeouts,
        events: EventSink::none(),
        clock: ctx.clock.clone(),
    };
    let handle = engine::spawn(ctx, Schedule::every_minutes(10));
    let reader = Store::open_reader(&path).unwrap();
    let inbox = first_inbox_page(&mut events, &reader, "pavel").await;
    handle.shutdown().await;
    let stopped_at = reader.message_count(inbox).unwrap();
    assert!(stopped_at < 5000, "the whole sync ran before stopping");

    let mut again = again;
    let summary = engine::sync_account(&mut again).await.unwrap();
    assert_eq!(summary.new_messages, 5000 - stopped_at);
    assert_eq!(reader.message_count(inbox).unwrap(), 5000);
}
