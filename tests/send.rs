//! Sending (src/sync/send.rs, smtp.rs, src/cli_send.rs) against a real
//! SMTP server (aiosmtpd, tests/support/smtpd.py) that delivers into a real
//! Dovecot, read back over IMAP and POP3 with Brev's own engines.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use brev::config::{Account, BodyDownload, MailProtocol};
use brev::mail::compose::{self, Draft, DraftAttachment};
use brev::net::Security;
use brev::store::{
    Flags, FolderRead, MessageRead, MessageRow, MsgId, OutboxRead, OutboxState, Role, Store,
};
use brev::sync::engine::{self, EngineHandle, Schedule};
use brev::sync::send;
use brev::sync::{AccountCtx, Command, Event, EventSink, SyncError};
use support::accounts::{self, engine_ctx, next_event, tls_port};
use support::cli;
use support::smtp::{Mode, Smtpd, free_port};
use support::{Dovecot, User};
use tokio::sync::mpsc::{self, UnboundedReceiver};

/// `user`'s account "Åsa Öberg" over `protocol`, sending through `smtp_port`;
/// POP3 leaves the mail on the server.
fn account(server: &Dovecot, user: &User, protocol: MailProtocol, smtp_port: u16) -> Account {
    let mut a = accounts::account(user, protocol, tls_port(server, protocol));
    a.name = "Åsa Öberg".into();
    a.outgoing.port = smtp_port;
    a.pop.leave_on_server = true;
    a.signature = "Åsa\nTromsø".into();
    a
}

/// A server, an SMTP server that delivers into it, and the users alice and
/// bob.
fn alice_and_bob() -> (Dovecot, Smtpd, User, User) {
    let server = Dovecot::start();
    let smtp = Smtpd::start(&server);
    let alice = server.add_user("alice", "alice-pw");
    let bob = server.add_user("bob", "bob-pw");
    (server, smtp, alice, bob)
}

/// A fresh directory for a store, and the store's path in it.
fn store_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.sqlite3");
    (dir, path)
}

/// Start the engine for `acc` on the store at `path` with `schedule`, and
/// wait for its first sync.
async fn started_on(
    server: &Dovecot,
    acc: &Account,
    password: &str,
    path: &Path,
    schedule: Schedule,
) -> (EngineHandle, UnboundedReceiver<Event>) {
    let (c, mut events) = engine_ctx(server, acc.clone(), password, path);
    let handle = engine::spawn(c, schedule);
    next_event(&mut events, |e| matches!(e, Event::Synced { .. })).await;
    (handle, events)
}

/// [`started_on`] with a check every ten minutes.
async fn started(
    server: &Dovecot,
    acc: &Account,
    password: &str,
    path: &Path,
) -> (EngineHandle, UnboundedReceiver<Event>) {
    started_on(server, acc, password, path, Schedule::every_minutes(10)).await
}

/// Hand `draft` to the engine to send, and wait until it says it is sent.
async fn send_and_wait(handle: &EngineHandle, events: &mut UnboundedReceiver<Event>, draft: Draft) {
    assert!(handle.send(Command::Send(Box::new(draft))));
    next_event(events, |e| matches!(e, Event::Sent { .. })).await;
}

/// Hand `draft` to the engine to save; the saved draft and what it replaces.
async fn save_draft(
    handle: &EngineHandle,
    events: &mut UnboundedReceiver<Event>,
    draft: Draft,
) -> (MsgId, Option<MsgId>) {
    assert!(handle.send(Command::SaveDraft(Box::new(draft))));
    match next_event(events, |e| matches!(e, Event::DraftSaved { .. })).await {
        Event::DraftSaved {
            draft, replaces, ..
        } => (draft, replaces),
        _ => unreachable!(),
    }
}

/// Ask for a check and wait until it is done: everything the engine was
/// doing before (sending, saving to Sent) has finished then.
async fn settle(handle: &EngineHandle, events: &mut UnboundedReceiver<Event>) {
    assert!(handle.send(Command::SyncNow));
    next_event(events, |e| matches!(e, Event::Synced { .. })).await;
}

/// The messages of `user`'s `folder` on the server (doveadm), as UIDs.
fn server_uids(server: &Dovecot, user: &User, folder: &str) -> Vec<String> {
    let out = server.doveadm_ok(&["search", "-u", &user.name, "mailbox", folder, "all"]);
    out.lines()
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_owned))
        .collect()
}

fn maildir_new_count(user: &User) -> usize {
    std::fs::read_dir(user.maildir().join("new"))
        .map(|d| d.count())
        .unwrap_or(0)
}

fn rows(store: &Store, account: &str, role: Role) -> Vec<MessageRow> {
    match store.folder_by_role(account, role).unwrap() {
        Some(f) => store.page(f.id, 0, 1000).unwrap(),
        None => Vec::new(),
    }
}

/// Download `user`'s Inbox with Brev's engine for `protocol` into a fresh
/// store; the parsed messages with their raw bytes.
async fn receive(
    server: &Dovecot,
    user: &User,
    protocol: MailProtocol,
) -> Vec<(brev::mail::Message, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _events) = engine_ctx(
        server,
        account(server, user, protocol, 1),
        &user.password,
        &dir.path().join("r.sqlite3"),
    );
    engine::sync_account(&mut c)
        .await
        .unwrap_or_else(|e| panic!("receiving over {protocol:?}: {e:?}"));
    rows(&c.store, &user.name, Role::Inbox)
        .into_iter()
        .map(|r| {
            let raw = c.store.raw(r.id).unwrap().expect("a whole message");
            (brev::mail::parse(&raw), raw)
        })
        .collect()
}

const SUBJECT: &str = "Hälsningar från Tromsø — Здравейте, приятели!";
const BODY: &str =
    "Hej Åsa!\n\nVi ses på fredag. Ærlig talt, det blir gøy.\nБлагодаря ви за всичко.\n";

fn draft(account: &Account, bob: &User, carol: &User, dave: &User) -> Draft {
    let mut d = compose::new_message(account);
    d.to = format!("Björn Ångström <{}>", bob.address());
    d.cc = format!("\"Петров, Иван\" <{}>", carol.address());
    d.bcc = dave.address();
    d.subject = SUBJECT.into();
    d.body = format!("{BODY}{}", d.body);
    d.attachments.push(DraftAttachment {
        name: "räkning – март.pdf".into(),
        mime_type: "application/pdf".into(),
        data: (0..=255u8).cycle().take(5000).collect(),
    });
    d
}

fn check_received(m: &brev::mail::Message, raw: &[u8], sender: &User, bob: &User) {
    assert_eq!(m.subject, SUBJECT);
    assert_eq!(m.from[0].name.as_deref(), Some("Åsa Öberg"));
    assert_eq!(m.from[0].email, sender.address());
    assert_eq!(m.to[0].name.as_deref(), Some("Björn Ångström"));
    assert_eq!(m.to[0].email, bob.address());
    assert_eq!(m.cc[0].name.as_deref(), Some("Петров, Иван"));
    assert!(m.text.starts_with(BODY), "{:?}", m.text);
    // The reader trims the space of the "-- " line.
    assert!(m.text.ends_with("\n--\nÅsa\nTromsø"), "{:?}", m.text);
    assert!(m.bcc.is_empty());
    assert!(
        !String::from_utf8_lossy(raw).contains("dave"),
        "Bcc leaked into the message"
    );
    assert_eq!(m.attachments.len(), 1, "{:?}", m.attachments);
    let a = &m.attachments[0];
    assert_eq!(a.name, "räkning – март.pdf");
    assert_eq!(a.mime_type, "application/pdf");
    let bytes = brev::mail::attachment_bytes(raw, a.part).unwrap();
    assert_eq!(bytes, (0..=255u8).cycle().take(5000).collect::<Vec<_>>());
    assert!(m.message_id.as_deref().is_some_and(|id| id.contains('@')));
    assert!(m.date.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_round_trip_with_sent_copy_once_on_server_and_in_store() {
    let (server, smtp, alice, bob) = alice_and_bob();
    let carol = server.add_user("carol", "carol-pw");
    let dave = server.add_user("dave", "dave-pw");
    let (_dir, path) = store_dir();
    let acc = account(&server, &alice, MailProtocol::Imap, smtp.port);
    let (handle, mut events) = started(&server, &acc, "alice-pw", &path).await;

    send_and_wait(&handle, &mut events, draft(&acc, &bob, &carol, &dave)).await;
    settle(&handle, &mut events).await;
    settle(&handle, &mut events).await;
    assert_eq!(smtp.delivered_now(), 1);

    // Exactly one copy in the server's Sent, and one (with its UID) here.
    assert_eq!(server_uids(&server, &alice, "Sent").len(), 1);
    let reader = Store::open_reader(&path).unwrap();
    let sent = rows(&reader, "alice", Role::Sent);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].uid.is_some(), "the Sent copy was not matched");
    assert!(sent[0].flags.contains(Flags::SEEN));
    assert_eq!(sent[0].subject, SUBJECT);
    // The sender's own copy says who got a blind copy, here and on the
    // server (the recipients' copies do not: see check_received).
    let own = brev::mail::parse(&reader.raw(sent[0].id).unwrap().unwrap());
    assert_eq!(own.bcc.len(), 1);
    assert_eq!(own.bcc[0].email, dave.address());
    let on_server = server.doveadm_ok(&["fetch", "-u", "alice", "hdr", "mailbox", "Sent", "all"]);
    assert!(on_server.contains(&dave.address()), "{on_server}");
    assert!(reader.outbox("alice").unwrap().is_empty());
    assert!(rows(&reader, "alice", Role::Outbox).is_empty());
    assert_eq!(
        reader.smtp_size_limit("alice").unwrap(),
        Some(10 * 1024 * 1024)
    );
    handle.shutdown().await;

    // Bob reads it over IMAP, Carol over POP3, Dave (Bcc) got it too.
    let got = receive(&server, &bob, MailProtocol::Imap).await;
    assert_eq!(got.len(), 1);
    check_received(&got[0].0, &got[0].1, &alice, &bob);
    let got = receive(&server, &carol, MailProtocol::Pop3).await;
    assert_eq!(got.len(), 1);
    check_received(&got[0].0, &got[0].1, &alice, &bob);
    assert_eq!(maildir_new_count(&dave), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pop_sent_copy_stays_on_this_computer_over_implicit_tls() {
    let server = Dovecot::start();
    let smtp = Smtpd::start(&server);
    let paula = server.add_user("paula", "paula-pw");
    let bob = server.add_user("bob", "bob-pw");
    let (_dir, path) = store_dir();
    let mut acc = account(&server, &paula, MailProtocol::Pop3, smtp.tls_port);
    acc.outgoing.security = Security::Tls;
    let (handle, mut events) = started(&server, &acc, "paula-pw", &path).await;

    let mut d = compose::new_message(&acc);
    d.to = format!("Ingrid Haugen <{}>", bob.address());
    d.subject = "Hilsen fra Bodø".into();
    d.body = "Hei!".into();
    send_and_wait(&handle, &mut events, d).await;
    settle(&handle, &mut events).await;
    handle.shutdown().await;

    let reader = Store::open_reader(&path).unwrap();
    let sent = reader.folder_by_role("paula", Role::Sent).unwrap().unwrap();
    assert!(sent.local_only);
    let rows = reader.page(sent.id, 0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].subject, "Hilsen fra Bodø");
    assert!(server_uids(&server, &paula, "Sent").is_empty());
    let got = receive(&server, &bob, MailProtocol::Pop3).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0.subject, "Hilsen fra Bodø");
    assert_eq!(got[0].0.to[0].name.as_deref(), Some("Ingrid Haugen"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_send_waits_in_the_outbox_and_goes_out_once_later() {
    let server = Dovecot::start();
    let alice = server.add_user("alice", "alice-pw");
    let bob = server.add_user("bob", "bob-pw");
    let port = free_port();
    let (_dir, path) = store_dir();
    let acc = account(&server, &alice, MailProtocol::Imap, port);
    let (handle, mut events) = started(&server, &acc, "alice-pw", &path).await;

    let mut d = compose::new_message(&acc);
    d.to = bob.address();
    d.subject = "Utkorgen".into();
    d.body = "Skickas när servern är uppe.".into();
    assert!(handle.send(Command::Send(Box::new(d))));
    let failed = next_event(&mut events, |e| matches!(e, Event::SendFailed { .. })).await;
    let Event::SendFailed { error, .. } = failed else {
        unreachable!()
    };
    assert!(error.is_offline(), "{error:?}");
    let reader = Store::open_reader(&path).unwrap();
    let queued = reader.outbox("alice").unwrap();
    assert_eq!(queued.len(), 1);
    assert!(
        matches!(&queued[0].state, OutboxState::Failed(reason) if !reason.is_empty()),
        "{queued:?}"
    );
    assert_eq!(queued[0].recipients, vec![bob.address()]);
    assert_eq!(rows(&reader, "alice", Role::Outbox).len(), 1);

    let smtp = Smtpd::start_on(&server, port);
    assert!(handle.send(Command::SyncNow));
    next_event(&mut events, |e| matches!(e, Event::Sent { .. })).await;
    assert_eq!(smtp.wait_data(), 1);
    settle(&handle, &mut events).await;
    settle(&handle, &mut events).await;
    handle.shutdown().await;
    assert_eq!(smtp.delivered_now(), 0, "sent twice");
    assert_eq!(maildir_new_count(&bob), 1);
    assert!(reader.outbox("alice").unwrap().is_empty());
    assert_eq!(server_uids(&server, &alice, "Sent").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_lost_after_data_is_kept_as_may_have_been_sent() {
    let (server, smtp, alice, bob) = alice_and_bob();
    let (_dir, path) = store_dir();
    let acc = account(&server, &alice, MailProtocol::Imap, smtp.port);
    let (handle, mut events) = started(&server, &acc, "alice-pw", &path).await;

    smtp.set_mode(Mode::Drop);
    let mut d = compose::new_message(&acc);
    d.to = bob.address();
    d.subject = "Kanske skickat".into();
    assert!(handle.send(Command::Send(Box::new(d))));
    let failed = next_event(&mut events, |e| matches!(e, Event::SendFailed { .. })).await;
    assert!(
        matches!(
            &failed,
            Event::SendFailed {
                error: SyncError::MaybeSent,
                ..
            }
        ),
        "{failed:?}"
    );
    assert_eq!(smtp.wait_data(), 1);
    smtp.set_mode(Mode::Normal);
    let reader = Store::open_reader(&path).unwrap();
    let entries = reader.outbox("alice").unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].state, OutboxState::MaybeSent);

    // Checks do not send it again.
    settle(&handle, &mut events).await;
    settle(&handle, &mut events).await;
    assert_eq!(smtp.delivered_now(), 0, "sent again without asking");
    assert_eq!(
        reader.outbox("alice").unwrap()[0].state,
        OutboxState::MaybeSent
    );

    // The user says it was sent: it goes to Sent, not to the server again.
    assert!(handle.send(Command::ResolveOutbox {
        message: entries[0].message,
        send_again: false,
    }));
    settle(&handle, &mut events).await;
    handle.shutdown().await;
    assert_eq!(smtp.delivered_now(), 0);
    assert!(reader.outbox("alice").unwrap().is_empty());
    assert_eq!(rows(&reader, "alice", Role::Sent).len(), 1);
    assert_eq!(server_uids(&server, &alice, "Sent").len(), 1);
    assert_eq!(maildir_new_count(&bob), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_threads_and_marks_the_original_answered_on_the_server() {
    let (server, smtp, alice, bob) = alice_and_bob();
    // Bob wrote to Alice.
    let original = format!(
        "From: =?UTF-8?B?0JHQvtCx?= <{}>\r\nTo: {}\r\nSubject: Fika?\r\n\
         Message-ID: <fika-1@brev.test>\r\nDate: Fri, 20 Nov 2026 10:00:00 +0000\r\n\r\nFika kl. 15?\r\n",
        bob.address(),
        alice.address()
    );
    let file = alice.maildir().join("new").join("1700000000.orig.brev");
    std::fs::write(&file, original).unwrap();
    if let Some((uid, gid)) = server.mail_owner() {
        std::os::unix::fs::chown(&file, Some(uid), Some(gid)).unwrap();
    }
    let (_dir, path) = store_dir();
    let acc = account(&server, &alice, MailProtocol::Imap, smtp.port);
    let (handle, mut events) = started(&server, &acc, "alice-pw", &path).await;

    let reader = Store::open_reader(&path).unwrap();
    let inbox = rows(&reader, "alice", Role::Inbox);
    assert_eq!(inbox.len(), 1);
    let raw = reader.raw(inbox[0].id).unwrap().unwrap();
    let parsed = brev::mail::parse(&raw);
    let mut d = compose::reply(&parsed, inbox[0].id, &acc, false);
    assert_eq!(d.subject, "Re: Fika?");
    d.body = format!("Gärna!\n\n{}", d.body);
    // Saved as a draft and written on later: the reopened draft knows the
    // original only by its In-Reply-To, and sending still marks it.
    let (saved, _) = save_draft(&handle, &mut events, d).await;
    let draft_raw = reader.raw(saved).unwrap().unwrap();
    let d = compose::edit(&brev::mail::parse(&draft_raw), &draft_raw, saved, &acc);
    assert_eq!(d.replying_to, None);
    assert_eq!(d.in_reply_to.as_deref(), Some("fika-1@brev.test"));
    send_and_wait(&handle, &mut events, d).await;
    settle(&handle, &mut events).await;

    // Forwarding it (to Bob again) marks it $Forwarded, also when the
    // forward was kept in Drafts and written on later: the reopened draft
    // knows the original only by its X-Forwarded-Message-Id.
    let mut f = compose::forward(&parsed, &raw, inbox[0].id, &acc);
    assert_eq!(f.subject, "Fwd: Fika?");
    f.to = bob.address();
    let (saved, _) = save_draft(&handle, &mut events, f).await;
    let draft_raw = reader.raw(saved).unwrap().unwrap();
    let f = compose::edit(&brev::mail::parse(&draft_raw), &draft_raw, saved, &acc);
    assert_eq!(f.forwarding, None);
    assert_eq!(f.forwarded_message_id.as_deref(), Some("fika-1@brev.test"));
    send_and_wait(&handle, &mut events, f).await;
    settle(&handle, &mut events).await;
    handle.shutdown().await;

    let flags = server.doveadm_ok(&["fetch", "-u", "alice", "flags", "mailbox", "INBOX", "all"]);
    assert!(flags.contains("\\Answered"), "{flags}");
    assert!(flags.contains("$Forwarded"), "{flags}");
    assert!(
        reader
            .message(inbox[0].id)
            .unwrap()
            .unwrap()
            .flags
            .contains(Flags::ANSWERED)
    );
    let got = receive(&server, &bob, MailProtocol::Imap).await;
    assert_eq!(got.len(), 2);
    let m = &got
        .iter()
        .find(|(m, _)| m.subject == "Re: Fika?")
        .expect("the reply arrived")
        .0;
    assert_eq!(m.in_reply_to, vec!["fika-1@brev.test".to_owned()]);
    let (_, forward_raw) = got
        .iter()
        .find(|(m, _)| m.subject == "Fwd: Fika?")
        .expect("the forward arrived");
    assert!(
        !String::from_utf8_lossy(forward_raw).contains("X-Forwarded-Message-Id"),
        "what is sent does not say what it forwards"
    );
    assert_eq!(m.references, vec!["fika-1@brev.test".to_owned()]);
    assert!(m.text.contains("> Fika kl. 15?"), "{:?}", m.text);
    assert!(
        m.text.contains("Боб"),
        "attribution names the sender: {:?}",
        m.text
    );
    assert_eq!(smtp.delivered_now(), 2);
}

/// A message sent while a long first sync runs goes out at once: the
/// outgoing server does not wait for the IMAP sync (3,000 messages here).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_sent_during_a_long_sync_goes_out_at_once() {
    let (server, smtp, alice, bob) = alice_and_bob();
    server.fill(&alice, "INBOX", 3_000, 31);
    let (_dir, path) = store_dir();
    let mut acc = account(&server, &alice, MailProtocol::Imap, smtp.port);
    acc.imap.download_bodies = BodyDownload::OnOpen;
    let (c, mut events) = engine_ctx(&server, acc.clone(), "alice-pw", &path);
    let handle = engine::spawn(c, Schedule::every_minutes(10));
    // The Inbox's first page is in: the sync is under way.
    next_event(&mut events, |e| matches!(e, Event::FolderChanged { .. })).await;
    let mut d = compose::new_message(&acc);
    d.to = bob.address();
    d.subject = "Mitt i hämtningen".into();
    d.body = "Hej Bob!".into();
    assert!(handle.send(Command::Send(Box::new(d))));
    let first = next_event(&mut events, |e| {
        matches!(e, Event::Sent { .. } | Event::Synced { .. })
    })
    .await;
    assert!(
        matches!(first, Event::Sent { .. }),
        "the message waited for the sync: {first:?}"
    );
    assert_eq!(smtp.delivered_now(), 1);
    let Event::Synced { summary, .. } =
        next_event(&mut events, |e| matches!(e, Event::Synced { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(summary.new_messages, 3_000);
    handle.shutdown().await;
}

// ---------------------------------------------------------------------------
// `brev send`, the real binary

fn run_brev(profile: &Path, args: &[&str], stdin: &[u8]) -> std::process::Output {
    cli::spawn(profile, args, stdin).wait_with_output().unwrap()
}

/// A profile with `user` as an account, its password in a file, the test
/// server's certificate trusted.
fn cli_profile(server: &Dovecot, user: &User, protocol: &str, smtp_port: u16) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("server.pem");
    std::fs::write(
        &cert,
        std::fs::read(server.dir().join("tls/cert.pem")).unwrap(),
    )
    .unwrap();
    let profile = dir.path().join("profile");
    let port = smtp_port.to_string();
    let incoming = match protocol {
        "imap" => server.imaps_port(),
        _ => server.pop3s_port(),
    }
    .to_string();
    let out = run_brev(
        &profile,
        &[
            "account",
            "add",
            "--name",
            "Мария Иванова",
            "--email",
            &user.address(),
            "--protocol",
            protocol,
            "--incoming-host",
            "localhost",
            "--incoming-port",
            &incoming,
            "--outgoing-host",
            "localhost",
            "--outgoing-port",
            &port,
            "--user",
            &user.name,
            "--password-stdin",
            "--password-storage",
            "file",
            "--trust-cert",
            cert.to_str().unwrap(),
        ],
        format!("{}\n", user.password).as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
fn brev_send_delivers_and_files_the_sent_copy() {
    let server = Dovecot::start();
    let smtp = Smtpd::start(&server);
    let maria = server.add_user("maria", "maria-pw");
    let bob = server.add_user("bob", "bob-pw");
    let dir = cli_profile(&server, &maria, "imap", smtp.port);
    let profile = dir.path().join("profile");
    let attachment = dir.path().join("бележки.txt");
    std::fs::write(&attachment, "ред едно\n").unwrap();
    let out = run_brev(
        &profile,
        &[
            "send",
            "--to",
            &format!("Björn <{}>", bob.address()),
            "--subject",
            "Поздрави от София",
            "--attach",
            attachment.to_str().unwrap(),
        ],
        "Здравей, Бьорн!\n".as_bytes(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Sent."), "{stdout}");
    assert_eq!(smtp.wait_data(), 1);
    assert_eq!(server_uids(&server, &maria, "Sent").len(), 1);

    // A whole message on standard input; its Bcc is a recipient, not a header.
    let raw = format!(
        "From: Мария Иванова <{}>\r\nTo: {}\r\nBcc: {}\r\nSubject: raw\r\n\r\nraw body\r\n",
        maria.address(),
        bob.address(),
        maria.address()
    );
    let out = run_brev(&profile, &["send", "--raw"], raw.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(smtp.wait_data(), 2);

    // No recipients: a plain-words error and a failing exit code.
    let out = run_brev(&profile, &["send", "--subject", "x"], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("recipient"));
}

#[test]
fn killed_while_sending_is_kept_and_not_sent_again() {
    let server = Dovecot::start();
    let smtp = Smtpd::start(&server);
    let maria = server.add_user("maria", "maria-pw");
    let bob = server.add_user("bob", "bob-pw");
    let dir = cli_profile(&server, &maria, "pop3", smtp.port);
    let profile = dir.path().join("profile");
    smtp.set_mode(Mode::Hang);
    let mut child = cli::spawn(
        &profile,
        &["send", "--to", &bob.address(), "--subject", "Avbrutet"],
        b"Hallo",
    );
    // The server has the whole message and has not answered: kill Brev now.
    assert_eq!(smtp.wait_data(), 1);
    child.kill().unwrap();
    child.wait().unwrap();
    smtp.set_mode(Mode::Normal);

    // The message is still here, and the next start does not resend it.
    let p = brev::profile::Profile::at(&profile).unwrap();
    let config = brev::config::Config::load(&p.config_file()).unwrap();
    let account = config.accounts[0].clone();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let (tx, mut events) = mpsc::unbounded_channel();
        let mut c = AccountCtx::from_profile(&p, &config, &account, EventSink::new(tx)).unwrap();
        c.trust = server.trust();
        let handle = engine::spawn(c, Schedule::every_minutes(10));
        next_event(&mut events, |e| matches!(e, Event::Synced { .. })).await;
        settle(&handle, &mut events).await;
        handle.shutdown().await;
    });
    let reader = Store::open_reader(&p.store_file()).unwrap();
    let entries = reader.outbox(&account.id).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].state, OutboxState::MaybeSent);
    assert_eq!(entries[0].subject, "Avbrutet");
    assert_eq!(smtp.delivered_now(), 0, "sent again without asking");
    assert_eq!(maildir_new_count(&bob), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_typed_and_say_which_recipient() {
    let server = Dovecot::start();
    let smtp = Smtpd::start_with_size_limit(&server, 4000);
    let alice = server.add_user("alice", "alice-pw");
    let bob = server.add_user("bob", "bob-pw");
    let (_dir, path) = store_dir();
    let acc = account(&server, &alice, MailProtocol::Pop3, smtp.port);
    let (mut c, _events) = engine_ctx(&server, acc.clone(), "alice-pw", &path);
    let failed = |c: &AccountCtx| -> Vec<String> {
        c.store
            .outbox("alice")
            .unwrap()
            .into_iter()
            .map(|e| match e.state {
                OutboxState::Failed(reason) => reason,
                other => panic!("{other:?}"),
            })
            .collect()
    };

    // An unknown recipient: named in the error.
    let mut d = compose::new_message(&acc);
    d.to = format!("{}, nobody@brev.test", bob.address());
    d.subject = "Hej".into();
    let id = brev::sync::send::queue(&mut c, &d).unwrap();
    let report = brev::sync::send::flush(&mut c).await.unwrap();
    assert_eq!((report.sent, report.failed), (0, 1));
    let reasons = failed(&c);
    assert!(reasons[0].contains("nobody@brev.test"), "{reasons:?}");
    assert_eq!(c.store.smtp_size_limit("alice").unwrap(), Some(4000));
    c.store
        .write(|tx| {
            tx.delete_message(id)?;
            Ok(())
        })
        .unwrap();

    // Too large for the announced SIZE: refused before anything is sent.
    d.to = bob.address();
    d.attachments.push(DraftAttachment {
        name: "stor.bin".into(),
        mime_type: "application/octet-stream".into(),
        data: vec![7; 8000],
    });
    let id = brev::sync::send::queue(&mut c, &d).unwrap();
    brev::sync::send::flush(&mut c).await.unwrap();
    let e = SyncError::MessageTooLarge(String::new());
    let first_words = e.user_message();
    let first_words = first_words.split('(').next().unwrap();
    assert!(failed(&c)[0].starts_with(first_words), "{:?}", failed(&c));
    c.store
        .write(|tx| {
            tx.delete_message(id)?;
            Ok(())
        })
        .unwrap();

    // A wrong password.
    c.password = "wrong".into();
    d.attachments.clear();
    brev::sync::send::queue(&mut c, &d).unwrap();
    let e = brev::sync::send::flush(&mut c).await.unwrap_err();
    assert!(matches!(e, SyncError::SendAuthFailed(_)), "{e:?}");
    assert_eq!(smtp.delivered_now(), 0);
    assert_eq!(maildir_new_count(&bob), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_drafts_are_replaced_on_the_server_and_removed_when_sent() {
    let (server, smtp, alice, bob) = alice_and_bob();
    let (_dir, path) = store_dir();
    let acc = account(&server, &alice, MailProtocol::Imap, smtp.port);
    let (handle, mut events) = started(&server, &acc, "alice-pw", &path).await;

    let mut d = compose::new_message(&acc);
    d.to = "bo".into(); // half typed: a draft takes it as it is
    d.subject = "Utkast".into();
    d.body = "Första versionen".into();
    let (first, _) = save_draft(&handle, &mut events, d.clone()).await;
    d.saved_as = Some(first);
    d.to = bob.address();
    d.bcc = alice.address();
    d.body = "Andra versionen".into();
    let (second, replaces) = save_draft(&handle, &mut events, d.clone()).await;
    assert_eq!(replaces, Some(first));
    settle(&handle, &mut events).await;

    let uids = server_uids(&server, &alice, "Drafts");
    assert_eq!(uids.len(), 1, "one version on the server");
    let flags = server.doveadm_ok(&["fetch", "-u", "alice", "flags", "mailbox", "Drafts", "all"]);
    assert!(flags.contains("\\Draft"), "{flags}");
    let reader = Store::open_reader(&path).unwrap();
    let drafts = rows(&reader, "alice", Role::Drafts);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].id, second);
    let stored = brev::mail::parse(&reader.raw(second).unwrap().unwrap());
    assert_eq!(stored.text, "Andra versionen");
    assert_eq!(stored.bcc[0].email, alice.address(), "a draft keeps Bcc");

    // Sending it empties Drafts, here and on the server.
    d.saved_as = Some(second);
    send_and_wait(&handle, &mut events, d).await;
    settle(&handle, &mut events).await;
    handle.shutdown().await;
    assert!(rows(&reader, "alice", Role::Drafts).is_empty());
    assert!(server_uids(&server, &alice, "Drafts").is_empty());
    assert_eq!(smtp.wait_data(), 1);
}

#[test]
fn brev_send_offline_keeps_the_message_and_says_so() {
    let server = Dovecot::start();
    let maria = server.add_user("maria", "maria-pw");
    let bob = server.add_user("bob", "bob-pw");
    let port = free_port();
    let dir = cli_profile(&server, &maria, "pop3", port);
    let profile = dir.path().join("profile");
    let out = run_brev(
        &profile,
        &["send", "--to", &bob.address(), "--subject", "Senare"],
        b"Text",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Outbox"), "{stderr}");

    // The next run, with the server up, sends it (and the new one).
    let smtp = Smtpd::start_on(&server, port);
    let out = run_brev(
        &profile,
        &["send", "--to", &bob.address(), "--subject", "Nu"],
        b"Text",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    smtp.wait_data();
    smtp.wait_data();
    assert_eq!(maildir_new_count(&bob), 2);
    let p = brev::profile::Profile::at(&profile).unwrap();
    let reader = Store::open_reader(&p.store_file()).unwrap();
    let accounts = brev::config::Config::load(&p.config_file())
        .unwrap()
        .accounts;
    assert!(reader.outbox(&accounts[0].id).unwrap().is_empty());
    assert_eq!(rows(&reader, &accounts[0].id, Role::Sent).len(), 2);
}

/// The window and `brev send` may run at once on one profile: while one
/// process holds an account's send lock, another neither sends nor takes
/// the message being sent for an interrupted one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_process_sends_an_account_at_a_time() {
    let (server, smtp, alice, bob) = alice_and_bob();
    let (dir, path) = store_dir();
    let acc = account(&server, &alice, MailProtocol::Pop3, smtp.port);
    let (mut c, _events) = engine_ctx(&server, acc.clone(), "alice-pw", &path);
    let mut d = compose::new_message(&acc);
    d.to = bob.address();
    d.subject = "Being sent by the other process".into();
    let in_flight = send::queue(&mut c, &d).unwrap();
    c.store
        .write(|tx| tx.set_outbox_state(in_flight, &OutboxState::Sending))
        .unwrap();
    d.subject = "Waiting".into();
    let waiting = send::queue(&mut c, &d).unwrap();

    // "The other process": it holds the lock while it sends.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join("brev.sqlite3.send-alice.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    assert!(!send::recover(&mut c).unwrap(), "busy: nothing recovered");
    let report = send::flush(&mut c).await.unwrap();
    assert_eq!((report.sent, report.failed), (0, 0));
    let state = |c: &AccountCtx, id| c.store.outbox_entry(id).unwrap().map(|e| e.state);
    assert_eq!(state(&c, in_flight), Some(OutboxState::Sending));
    assert_eq!(state(&c, waiting), Some(OutboxState::Queued));
    assert_eq!(smtp.delivered_now(), 0);

    // It ended (here: let go; a dead process lets go too).
    drop(lock);
    let report = send::flush(&mut c).await.unwrap();
    assert_eq!((report.sent, report.failed), (1, 0));
    assert_eq!(state(&c, in_flight), Some(OutboxState::MaybeSent));
    assert_eq!(state(&c, waiting), None, "sent and filed");
    assert_eq!(smtp.wait_data(), 1);
}

/// A refused SMTP password is not tried again at every interval (servers
/// lock accounts for that): the Outbox waits until the user asks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_smtp_password_waits_for_the_user() {
    let (server, smtp, alice, bob) = alice_and_bob();
    let (_dir, path) = store_dir();
    let mut acc = account(&server, &alice, MailProtocol::Imap, smtp.port);
    // Incoming logs in; the outgoing server knows no such user.
    acc.outgoing.username = "nobody-here".into();
    let fast = Schedule {
        interval: Duration::from_millis(200),
        min_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_secs(1),
        local_only: false,
    };
    let (handle, mut events) = started_on(&server, &acc, "alice-pw", &path, fast).await;

    let mut d = compose::new_message(&acc);
    d.to = bob.address();
    d.subject = "Lösenordet".into();
    assert!(handle.send(Command::Send(Box::new(d))));
    let failed = next_event(&mut events, |e| matches!(e, Event::SendFailed { .. })).await;
    assert!(
        matches!(
            failed,
            Event::SendFailed {
                error: SyncError::SendAuthFailed(_),
                ..
            }
        ),
        "{failed:?}"
    );
    let reader = Store::open_reader(&path).unwrap();
    let attempts = || reader.outbox("alice").unwrap()[0].attempts;
    let first = attempts();

    // Three checks on the timer: the Outbox is left alone.
    for _ in 0..3 {
        let e = next_event(&mut events, |e| {
            matches!(e, Event::Synced { .. } | Event::SendFailed { .. })
        })
        .await;
        assert!(matches!(e, Event::Synced { .. }), "tried again: {e:?}");
    }
    assert_eq!(attempts(), first);

    // "Check now" tries once more.
    assert!(handle.send(Command::SyncNow));
    next_event(&mut events, |e| matches!(e, Event::SendFailed { .. })).await;
    assert_eq!(attempts(), first + 1);
    handle.shutdown().await;
    assert_eq!(smtp.delivered_now(), 0);
}
