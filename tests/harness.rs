//! Tests of the test harness itself: the throwaway Dovecot and the filler.

mod support;

use std::collections::HashSet;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use brev::net::Security;
use support::clients::{self, fetch_meta, list, pop3_count};
use support::{Dovecot, encode, procs};

#[tokio::test]
async fn filled_messages_show_in_imap_and_pop3() {
    let server = Dovecot::start();
    let alice = server.add_user("alice", "alice-pw");
    let generated = server.fill(&alice, "INBOX", 200, 7);
    assert_eq!(generated.len(), 200);

    let mut imap = clients::imaps(&server, &alice).await;
    let inbox = imap.select("INBOX").await.expect("SELECT INBOX");
    assert_eq!(inbox.exists, 200);
    imap.logout().await.expect("LOGOUT");

    let mut pop = clients::pop3(&server, server.pop3s_port(), Security::Tls, &alice).await;
    assert_eq!(pop3_count(&mut pop).await, 200);
    pop.quit().await.expect("QUIT");
}

#[tokio::test]
async fn filled_files_have_exact_sizes_dates_flags_in_uid_order() {
    let server = Dovecot::start();
    let user = server.new_user();
    let generated = server.fill(&user, "INBOX", 120, 42);

    let mut imap = clients::imaps(&server, &user).await;
    imap.select("INBOX").await.expect("SELECT");
    let meta = fetch_meta(&mut imap).await;
    assert_eq!(meta.len(), generated.len());
    for (g, m) in generated.iter().zip(&meta) {
        assert_eq!(
            m.message_id, g.message_id,
            "UID order follows generation order"
        );
        assert_eq!(
            m.size as usize,
            g.vsize,
            "RFC822.SIZE is W= ({})",
            g.file.display()
        );
        assert_eq!(m.internal_date, g.date, "INTERNALDATE is the mtime");
        assert_eq!(m.flags.iter().any(|f| f == "\\Seen"), g.seen());
        assert_eq!(m.flags.iter().any(|f| f == "\\Flagged"), g.flagged());
    }
    // Realism: some of everything, all within the last two years, sorted.
    assert!(generated.iter().any(|g| g.seen()) && generated.iter().any(|g| !g.seen()));
    assert!(generated.iter().any(|g| g.in_reply_to.is_some()));
    assert!(generated.iter().any(|g| !g.subject.is_ascii()));
    assert!(generated.windows(2).all(|w| w[0].date < w[1].date));
    let two_years = 2 * 365 * 86_400 + 86_400;
    let now = support::maildir::today_midnight();
    assert!(
        generated
            .iter()
            .all(|g| now - g.date <= two_years && g.date <= now)
    );
    let kinds: HashSet<_> = generated.iter().map(|g| format!("{:?}", g.kind)).collect();
    assert_eq!(
        kinds.len(),
        3,
        "plain, alternative and attachment: {kinds:?}"
    );
    assert!(
        generated.iter().all(
            |g| (2048..60 * 1024).contains(&g.size) || g.kind != support::messages::Kind::Plain
        )
    );
}

#[test]
fn generation_is_deterministic_from_the_seed() {
    let server = Dovecot::start();
    let a = server.new_user();
    let b = server.new_user();
    let end = 1_700_000_000;
    let one = server.fill_until(&a, "INBOX", 50, 3, end);
    let two = server.fill_until(&b, "INBOX", 50, 3, end);
    let other = server.fill_until(&b, "Sent", 50, 4, end);
    for (x, y) in one.iter().zip(&two) {
        assert_eq!(
            (&x.message_id, &x.subject, x.date, x.size),
            (&y.message_id, &y.subject, y.date, y.size)
        );
        // Same bytes, but for the owner's name (same length: user1 / user2).
        let fx = std::fs::read_to_string(&x.file).expect("read");
        let fy = std::fs::read_to_string(&y.file)
            .expect("read")
            .replace(&b.name, &a.name);
        assert!(
            fx == fy,
            "{} and {} differ",
            x.file.display(),
            y.file.display()
        );
    }
    assert_ne!(one[0].message_id, other[0].message_id);
    assert!(
        other.iter().all(|g| g.from == b.address() && g.seen()),
        "Sent holds the user's own mail"
    );
}

#[tokio::test]
async fn filled_folders_appear_in_list() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 5, 1);
    server.fill(&user, "Sent", 7, 2);
    server.fill(&user, "Archive/2023", 3, 3);
    server.fill(&user, "Projects", 2, 4);

    let mut imap = clients::imaps(&server, &user).await;
    let names = list(&mut imap).await;
    for folder in [
        "INBOX",
        "Sent",
        "Archive",
        "Archive/2023",
        "Projects",
        "Drafts",
        "Trash",
    ] {
        assert!(
            names.iter().any(|n| n == folder),
            "{folder} missing from {names:?}"
        );
    }
    assert_eq!(imap.select("Sent").await.expect("SELECT Sent").exists, 7);
    assert_eq!(imap.select("Archive/2023").await.expect("SELECT").exists, 3);
    let status = server.doveadm_ok(&[
        "mailbox", "status", "-u", &user.name, "messages", "Projects",
    ]);
    assert!(
        status.split_whitespace().any(|w| w == "messages=2"),
        "{status}"
    );
}

#[tokio::test]
async fn drop_closes_ports_and_ends_every_process() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 3, 1);
    // Leave a logged-in POP3 session and an IMAP session open on purpose.
    let _pop = clients::pop3(&server, server.pop3_port(), Security::StartTls, &user).await;
    let _imap = clients::imaps(&server, &user).await;
    let instance = server.instance_name().to_owned();
    let ports = server.ports();
    let master = server.pid().expect("running") as i32;
    let family = procs::descendants(master);
    assert!(!procs::with_cmdline_containing(&instance).is_empty());
    assert!(family.len() >= 3, "master has children: {family:?}");
    let dir = server.dir().to_path_buf();

    drop(server);

    for port in [ports.imap, ports.imaps, ports.pop3, ports.pop3s] {
        let refused =
            TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2))
                .is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionRefused);
        assert!(refused, "port {port} still open");
    }
    assert!(
        procs::with_cmdline_containing(&instance).is_empty(),
        "processes of {instance} remain"
    );
    assert!(
        family.iter().all(|p| !procs::alive(p)),
        "descendants remain"
    );
    assert!(!dir.exists(), "temp dir removed");
}

#[tokio::test]
async fn two_servers_run_at_once() {
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(Dovecot::start);
        let b = s.spawn(Dovecot::start);
        (a.join().expect("start a"), b.join().expect("start b"))
    });
    assert_ne!(a.ports(), b.ports());
    assert_ne!(a.instance_name(), b.instance_name());
    let ua = a.add_user("same", "pw-a");
    let ub = b.add_user("same", "pw-b");
    a.fill(&ua, "INBOX", 4, 1);
    b.fill(&ub, "INBOX", 9, 1);
    let mut ia = clients::imaps(&a, &ua).await;
    let mut ib = clients::imaps(&b, &ub).await;
    assert_eq!(ia.select("INBOX").await.expect("SELECT").exists, 4);
    assert_eq!(ib.select("INBOX").await.expect("SELECT").exists, 9);
}

#[tokio::test]
async fn many_users_share_one_server() {
    let server = Dovecot::start();
    let users: Vec<_> = (0..6).map(|_| server.new_user()).collect();
    std::thread::scope(|s| {
        for (i, u) in users.iter().enumerate() {
            let server = &server;
            s.spawn(move || server.fill(u, "INBOX", i + 1, i as u64));
        }
    });
    for (i, u) in users.iter().enumerate() {
        let mut imap = clients::imaps(&server, u).await;
        assert_eq!(
            imap.select("INBOX").await.expect("SELECT").exists as usize,
            i + 1
        );
    }
}

/// Measures the filler (reported by `--nocapture`): 10,000 messages.
#[test]
fn fill_ten_thousand_quickly() {
    let server = Dovecot::start();
    let user = server.new_user();
    let started = Instant::now();
    let generated = server.fill(&user, "INBOX", 10_000, 99);
    let took = started.elapsed();
    let bytes: usize = generated.iter().map(|g| g.size).sum();
    eprintln!(
        "filled 10,000 messages ({} MB) in {took:.2?}",
        bytes / 1_000_000
    );
    assert!(took < Duration::from_secs(60), "filling took {took:?}");
    let status = server.doveadm_ok(&["mailbox", "status", "-u", &user.name, "messages", "INBOX"]);
    assert!(
        status.split_whitespace().any(|w| w == "messages=10000"),
        "{status}"
    );
}

#[test]
fn encoders_are_right() {
    assert_eq!(encode::base64(b"Man"), "TWFu");
    assert_eq!(encode::base64(b"Ma"), "TWE=");
    assert_eq!(encode::base64(b"M"), "TQ==");
    assert_eq!(
        encode::rfc5322_date(0, 0),
        "Thu, 01 Jan 1970 00:00:00 +0000"
    );
    assert_eq!(
        encode::rfc5322_date(1_709_647_391, 60),
        "Tue, 05 Mar 2024 15:03:11 +0100"
    );
    assert_eq!(
        encode::rfc5322_date(1_709_647_391, -300),
        "Tue, 05 Mar 2024 09:03:11 -0500"
    );
    assert_eq!(encode::header_text("Hej"), "Hej");
    assert_eq!(encode::header_text("Möte"), "=?UTF-8?B?TcO2dGU=?=");
    assert_eq!(
        clients::parse_internal_date("05-Mar-2024 15:03:11 +0100"),
        Some(1_709_647_391)
    );
    assert_eq!(
        clients::parse_internal_date(" 5-Mar-2024 09:03:11 -0500"),
        Some(1_709_647_391)
    );
}
