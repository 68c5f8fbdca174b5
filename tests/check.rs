//! The connection test (`brev::setup::check`) against the test Dovecot, and
//! `brev check` / `brev discover` as a user runs them. Dovecot has no SMTP
//! submission here, so the outgoing side talks to a small scripted SMTP
//! server on loopback.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use brev::config::{Account, MailProtocol};
use brev::net::{Security, Timeouts, fingerprint};
use brev::setup::{CheckFailure, CheckReport, check, check_with};
use support::accounts;
use support::cli::{brev, text};
use support::{Dovecot, User};

/// An SMTP server that takes one `user`/`password` (AUTH PLAIN), for as
/// many connections as come; plain text. Returns its port.
fn smtp_server(user: &str, password: &str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let good = support::encode::base64(format!("\0{user}\0{password}").as_bytes());
    std::thread::spawn(move || {
        for sock in listener.incoming() {
            let Ok(sock) = sock else { return };
            let good = good.clone();
            std::thread::spawn(move || {
                let mut w = sock.try_clone().expect("clone");
                let mut r = BufReader::new(sock);
                let _ = w.write_all(b"220 smtp.test ESMTP\r\n");
                let mut line = String::new();
                while r.read_line(&mut line).unwrap_or(0) > 0 {
                    let cmd = line.trim_end().to_owned();
                    line.clear();
                    let reply: &[u8] = if cmd.starts_with("EHLO") {
                        b"250-smtp.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
                    } else if let Some(creds) = cmd.strip_prefix("AUTH PLAIN ") {
                        if creds == good {
                            b"235 2.7.0 Authentication successful\r\n"
                        } else {
                            b"535 5.7.8 Authentication credentials invalid\r\n"
                        }
                    } else if cmd == "QUIT" {
                        let _ = w.write_all(b"221 2.0.0 Bye\r\n");
                        return;
                    } else {
                        b"502 5.5.2 Unknown command\r\n"
                    };
                    let _ = w.write_all(reply);
                }
            });
        }
    });
    port
}

/// A new user on `server`, and the port of an SMTP server that takes their
/// login.
fn user_and_smtp(server: &Dovecot) -> (User, u16) {
    let user = server.new_user();
    let smtp = smtp_server(&user.name, &user.password);
    (user, smtp)
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// `user`'s account "Anna Lind": `protocol` on `port` of localhost with
/// `security`, sending in plain text to `smtp_port` on 127.0.0.1.
fn account(
    user: &User,
    protocol: MailProtocol,
    port: u16,
    security: Security,
    smtp_port: u16,
) -> Account {
    let mut a = accounts::account(user, protocol, port);
    a.id = "test".into();
    a.name = "Anna Lind".into();
    a.incoming.security = security;
    a.outgoing = accounts::server("127.0.0.1", smtp_port, Security::Plain, &user.name);
    a
}

fn quick() -> Timeouts {
    Timeouts {
        connect: Duration::from_secs(10),
        io: Duration::from_secs(10),
    }
}

/// The connection test of `a` with `user`'s password, trusting the server.
async fn check_trusted(server: &Dovecot, user: &User, a: &Account) -> CheckReport {
    check_with(a, &user.password, &server.trust(), &quick()).await
}

/// The failure of a server that does not speak `what`.
fn not_offered(what: &str) -> Result<(), CheckFailure> {
    Err(CheckFailure::NotOffered { what: what.into() })
}

#[tokio::test]
async fn imap_and_smtp_login_work() {
    let server = Dovecot::start();
    let (user, smtp) = user_and_smtp(&server);
    let user_account = |protocol, port, security| account(&user, protocol, port, security, smtp);
    let a = user_account(MailProtocol::Imap, server.imaps_port(), Security::Tls);
    let report = check_trusted(&server, &user, &a).await;
    assert_eq!(report.incoming, Ok(()));
    assert_eq!(report.outgoing, Ok(()));
    assert!(report.ok());
    // IMAP with STARTTLS too.
    let a = user_account(MailProtocol::Imap, server.imap_port(), Security::StartTls);
    let report = check_trusted(&server, &user, &a).await;
    assert!(report.ok(), "{report:?}");
}

#[tokio::test]
async fn pop3_login_works_and_leaves_the_mail() {
    let server = Dovecot::start();
    let (user, smtp) = user_and_smtp(&server);
    server.fill(&user, "INBOX", 3, 1);
    for (port, security) in [
        (server.pop3s_port(), Security::Tls),
        (server.pop3_port(), Security::StartTls),
    ] {
        let a = account(&user, MailProtocol::Pop3, port, security, smtp);
        let report = check_trusted(&server, &user, &a).await;
        assert!(report.ok(), "{security:?}: {report:?}");
    }
    let left = std::fs::read_dir(user.maildir().join("new"))
        .expect("new")
        .count()
        + std::fs::read_dir(user.maildir().join("cur"))
            .expect("cur")
            .count();
    assert_eq!(left, 3, "a test deletes nothing");
}

#[tokio::test]
async fn wrong_password_on_both_servers() {
    let server = Dovecot::start();
    let (user, smtp) = user_and_smtp(&server);
    for protocol in [MailProtocol::Imap, MailProtocol::Pop3] {
        let port = accounts::tls_port(&server, protocol);
        let a = account(&user, protocol, port, Security::Tls, smtp);
        let report = check_with(&a, "not-the-password", &server.trust(), &quick()).await;
        assert_eq!(
            report.incoming,
            Err(CheckFailure::WrongPassword),
            "{protocol:?}"
        );
        assert_eq!(report.outgoing, Err(CheckFailure::WrongPassword));
        assert!(!report.ok());
    }
}

#[tokio::test]
async fn untrusted_certificate_names_it_and_pinning_it_works() {
    let server = Dovecot::start();
    let (user, smtp) = user_and_smtp(&server);
    let leaf = fingerprint(&server.leaf_der());
    for (protocol, port, security) in [
        (MailProtocol::Imap, server.imaps_port(), Security::Tls),
        (MailProtocol::Imap, server.imap_port(), Security::StartTls),
        (MailProtocol::Pop3, server.pop3s_port(), Security::Tls),
    ] {
        // The account's own trust: the system's, which knows no test CA.
        let mut a = account(&user, protocol, port, security, smtp);
        let report = check(&a, &user.password, &quick()).await;
        match &report.incoming {
            Err(CheckFailure::Untrusted {
                host,
                name,
                fingerprint,
            }) => {
                assert_eq!(host, "localhost");
                assert!(name.contains("localhost"), "{name}");
                assert_eq!(fingerprint, &leaf);
                let msg = report.incoming.clone().unwrap_err().user_message();
                assert!(msg.contains(&leaf) && msg.contains("localhost"), "{msg}");
            }
            other => panic!("{protocol:?}/{security:?}: expected Untrusted, got {other:?}"),
        }
        assert_eq!(report.outgoing, Ok(()));
        // "Trust this certificate".
        a.trusted_cert = Some(leaf.clone());
        let report = check(&a, &user.password, &quick()).await;
        assert_eq!(report.incoming, Ok(()), "{protocol:?}/{security:?}");
    }
}

#[tokio::test]
async fn refused_port_and_unknown_host() {
    let server = Dovecot::start();
    let user = server.new_user();
    let closed = closed_port();
    let a = account(&user, MailProtocol::Imap, closed, Security::Tls, closed);
    let report = check_trusted(&server, &user, &a).await;
    assert_eq!(
        report.incoming,
        Err(CheckFailure::Refused {
            host: "localhost".into(),
            port: closed
        })
    );
    assert_eq!(
        report.outgoing,
        Err(CheckFailure::Refused {
            host: "127.0.0.1".into(),
            port: closed
        })
    );
    let mut a = a;
    a.incoming.host = "imap.brev.invalid".into();
    let report = check_trusted(&server, &user, &a).await;
    assert_eq!(
        report.incoming,
        Err(CheckFailure::HostNotFound {
            host: "imap.brev.invalid".into()
        })
    );
}

#[tokio::test]
async fn the_wrong_protocol_on_a_port_is_not_offered() {
    let server = Dovecot::start();
    let (user, smtp) = user_and_smtp(&server);
    let user_account = |protocol, port, security| account(&user, protocol, port, security, smtp);
    // The POP3S port given as IMAP, the IMAP port given as POP3.
    let a = user_account(MailProtocol::Imap, server.pop3s_port(), Security::Tls);
    let report = check_trusted(&server, &user, &a).await;
    assert_eq!(report.incoming, not_offered("IMAP"));
    let a = user_account(MailProtocol::Pop3, server.imap_port(), Security::StartTls);
    let report = check_trusted(&server, &user, &a).await;
    assert_eq!(report.incoming, not_offered("POP3"));
    // An IMAP server where SMTP should be.
    let mut a = a;
    a.outgoing.host = "localhost".into();
    a.outgoing.port = server.imap_port();
    let report = check_trusted(&server, &user, &a).await;
    assert_eq!(report.outgoing, not_offered("SMTP"));
}

#[tokio::test]
async fn starttls_not_offered_is_said_so() {
    let server = Dovecot::start_with(support::Options { ssl: false });
    let (user, smtp) = user_and_smtp(&server);
    let user_account = |protocol, port, security| account(&user, protocol, port, security, smtp);
    let a = user_account(MailProtocol::Imap, server.imap_port(), Security::StartTls);
    let report = check_trusted(&server, &user, &a).await;
    assert_eq!(
        report.incoming,
        Err(CheckFailure::TlsNotOffered {
            host: "localhost".into(),
            port: server.imap_port()
        })
    );
}

// ------------------------------------------------------------------- CLI

fn add_account(
    profile: &Path,
    server: &Dovecot,
    email: &str,
    user: &str,
    password: &str,
    smtp: u16,
) {
    let cert = profile.join("server.der");
    std::fs::create_dir_all(profile).expect("profile dir");
    std::fs::write(&cert, server.leaf_der().as_ref()).expect("write cert");
    let imaps = server.imaps_port().to_string();
    let smtp = smtp.to_string();
    let out = brev(
        profile,
        &[
            "account",
            "add",
            "--name",
            "Anna Lind",
            "--email",
            email,
            "--protocol",
            "imap",
            "--incoming-host",
            "localhost",
            "--incoming-port",
            &imaps,
            "--outgoing-host",
            "127.0.0.1",
            "--outgoing-port",
            &smtp,
            "--outgoing-security",
            "plain",
            "--user",
            user,
            "--trust-cert",
            cert.to_str().expect("path"),
            "--password-stdin",
            "--password-storage",
            "file",
        ],
        Some(&format!("{password}\n")),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn brev_check_exit_codes() {
    let server = Dovecot::start();
    let (user, smtp) = user_and_smtp(&server);
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    add_account(
        p,
        &server,
        "anna@brev.test",
        &user.name,
        &user.password,
        smtp,
    );

    let out = brev(p, &["check"], None);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("Everything works."), "{stdout}");

    // A second account with a wrong password: the named one still passes,
    // all together fail.
    add_account(p, &server, "fel@brev.test", &user.name, "fel-lösen", smtp);
    let out = brev(p, &["check", "anna@brev.test"], None);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let out = brev(p, &["check"], None);
    assert!(!out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("did not accept the user name or password"),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("one account"),
        "{}",
        text(&out.stderr)
    );

    let out = brev(p, &["check", "nobody@brev.test"], None);
    assert!(!out.status.success());
}

#[test]
fn brev_check_in_swedish() {
    let server = Dovecot::start();
    let user = server.new_user();
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    add_account(
        p,
        &server,
        "anna@brev.test",
        &user.name,
        &user.password,
        closed_port(),
    );
    std::fs::write(
        p.join("config.toml"),
        std::fs::read_to_string(p.join("config.toml"))
            .expect("config")
            .replacen("[settings]", "[settings]\nlanguage = \"sv\"", 1),
    )
    .expect("write config");
    let out = brev(p, &["check"], None);
    assert!(!out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("fungerar"), "{stdout}");
    assert!(stdout.contains("tar inte emot anslutningar"), "{stdout}");
}

#[test]
fn brev_discover_prints_where_settings_came_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = brev(dir.path(), &["discover", "karin@gmail.com"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for needle in [
        "imap.gmail.com, port 993",
        "smtp.gmail.com",
        "Brev’s list of providers (Gmail)",
        "keeps a copy of sent mail",
    ] {
        assert!(stdout.contains(needle), "{needle}: {stdout}");
    }

    let out = brev(dir.path(), &["discover", "--json", "karin@gmail.com"], None);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["imap"]["server"]["host"], "imap.gmail.com");
    assert_eq!(json["imap"]["source"]["kind"], "builtin");
    assert_eq!(json["files_sent_mail"], true);

    let out = brev(dir.path(), &["discover", "not-an-address"], None);
    assert!(!out.status.success());
    assert!(text(&out.stdout).contains("is not an e-mail address"));
}
