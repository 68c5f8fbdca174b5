//! `brev::net` against a real Dovecot (and, where Dovecot cannot play the
//! part, a few scripted servers on loopback).

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use brev::net::{
    self, Connection, Endpoint, MailStream, NetError, Protocol, Security, Timeouts, Trust,
    fingerprint,
};
use support::clients::{self, pop3_count};
use support::{Dovecot, Options, User};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn local(port: u16, security: Security) -> Endpoint {
    Endpoint {
        host: "localhost".into(),
        port,
        security,
    }
}

fn short() -> Timeouts {
    Timeouts {
        connect: Duration::from_secs(5),
        io: Duration::from_millis(400),
    }
}

async fn connect_err(ep: &Endpoint, proto: Protocol, trust: &Trust, t: &Timeouts) -> NetError {
    match net::connect(ep, proto, trust, t).await {
        Ok(c) => panic!("connecting to {ep:?} should fail, got {c:?}"),
        Err(e) => {
            let msg = e.user_message();
            assert!(!msg.trim().is_empty(), "{e:?} has no user message");
            e
        }
    }
}

/// [`connect_err`] to `port` of localhost with `security`, short timeouts.
async fn local_err(port: u16, security: Security, proto: Protocol, trust: &Trust) -> NetError {
    connect_err(&local(port, security), proto, trust, &short()).await
}

/// [`connect_err`] to `server`'s IMAPS port, trusting only `trust`.
async fn imaps_err(server: &Dovecot, trust: &Trust) -> NetError {
    let ep = server.endpoint(server.imaps_port(), Security::Tls);
    connect_err(&ep, Protocol::Imap, trust, &Timeouts::default()).await
}

/// An IMAP connection to `server`'s `port` with `security`, trusting its CA.
async fn imap_connect(server: &Dovecot, port: u16, security: Security, t: &Timeouts) -> Connection {
    let ep = server.endpoint(port, security);
    net::connect(&ep, Protocol::Imap, &server.trust(), t)
        .await
        .expect("IMAP connect")
}

/// Log `user` in on an IMAP connection.
async fn login(conn: Connection, user: &User) -> async_imap::Session<MailStream> {
    conn.into_imap_client()
        .login(&user.name, &user.password)
        .await
        .map_err(|(e, _)| e)
        .expect("LOGIN")
}

/// Write `bytes` to the client; a client that has gone is no error here.
async fn say(s: &mut TcpStream, bytes: &[u8]) {
    s.write_all(bytes).await.ok();
}

#[tokio::test]
async fn imaps_login_with_the_test_ca() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 12, 5);
    let conn = imap_connect(
        &server,
        server.imaps_port(),
        Security::Tls,
        &Timeouts::default(),
    )
    .await;
    assert!(conn.tls && conn.stream.is_tls());
    assert!(conn.greeting.starts_with("* OK"), "{}", conn.greeting);
    assert_eq!(
        conn.server_fingerprint.as_deref(),
        Some(fingerprint(&server.leaf_der()).as_str())
    );
    let mut session = login(conn, &user).await;
    assert_eq!(session.select("INBOX").await.expect("SELECT").exists, 12);
    session.logout().await.expect("LOGOUT");
}

#[tokio::test]
async fn pop3s_login() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 9, 6);
    let mut pop = clients::pop3(&server, server.pop3s_port(), Security::Tls, &user).await;
    assert_eq!(pop3_count(&mut pop).await, 9);
    pop.quit().await.expect("QUIT");
}

#[tokio::test]
async fn imap_starttls_on_the_plain_port() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 4, 7);
    let t = Timeouts::default();
    let conn = imap_connect(&server, server.imap_port(), Security::StartTls, &t).await;
    assert!(conn.tls);
    let mut session = login(conn, &user).await;
    let caps = session.capabilities().await.expect("CAPABILITY");
    assert!(
        caps.has_str("IDLE") && !caps.has_str("STARTTLS"),
        "post-TLS capabilities"
    );
    assert_eq!(session.select("INBOX").await.expect("SELECT").exists, 4);
    session.logout().await.expect("LOGOUT");
    assert!(server.wait_for_log(Duration::from_secs(5), |log| {
        log.contains("imap-login: Info: Login:") && log.contains("TLS")
    }));
}

#[tokio::test]
async fn pop3_stls_on_the_plain_port() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 3, 8);
    let mut pop = clients::pop3(&server, server.pop3_port(), Security::StartTls, &user).await;
    assert_eq!(pop3_count(&mut pop).await, 3);
    match pop.list(None).await.expect("LIST") {
        async_pop::response::list::ListResponse::Multiple(list) => {
            assert_eq!(list.items().len(), 3)
        }
        other => panic!("LIST: {other:?}"),
    }
    pop.quit().await.expect("QUIT");
}

#[tokio::test]
async fn an_ip_address_is_checked_against_the_certificate() {
    let server = Dovecot::start();
    let ep = Endpoint {
        host: "127.0.0.1".into(),
        port: server.imaps_port(),
        security: Security::Tls,
    };
    let conn = net::connect(&ep, Protocol::Imap, &server.trust(), &Timeouts::default()).await;
    assert!(conn.is_ok_and(|c| c.tls), "the leaf has IP SAN 127.0.0.1");
}

#[tokio::test]
async fn nothing_trusted_gives_the_leaf_fingerprint() {
    let server = Dovecot::start();
    let leaf = fingerprint(&server.leaf_der());
    let cases = [
        (
            server.imaps_port(),
            Security::Tls,
            Protocol::Imap,
            Trust::default(),
        ),
        (
            server.imaps_port(),
            Security::Tls,
            Protocol::Imap,
            Trust::system(),
        ),
        (
            server.imap_port(),
            Security::StartTls,
            Protocol::Imap,
            Trust::default(),
        ),
        (
            server.pop3s_port(),
            Security::Tls,
            Protocol::Pop3,
            Trust::system(),
        ),
        (
            server.pop3_port(),
            Security::StartTls,
            Protocol::Pop3,
            Trust::default(),
        ),
    ];
    for (port, security, proto, trust) in cases {
        let err = connect_err(
            &server.endpoint(port, security),
            proto,
            &trust,
            &Timeouts::default(),
        )
        .await;
        match &err {
            NetError::CertificateNotTrusted {
                host, fingerprint, ..
            } => {
                assert_eq!(host, "localhost");
                assert_eq!(fingerprint, &leaf, "the leaf's fingerprint, not the CA's");
            }
            other => {
                panic!("{proto:?}/{security:?}: expected CertificateNotTrusted, got {other:?}")
            }
        }
        assert!(err.user_message().contains(&leaf));
    }
    // Trusting another server's CA does not help either.
    let other = Dovecot::start();
    let err = imaps_err(&server, &other.trust()).await;
    assert!(
        matches!(err, NetError::CertificateNotTrusted { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn pinning_the_leaf_fingerprint_is_enough() {
    let server = Dovecot::start();
    let user = server.new_user();
    server.fill(&user, "INBOX", 2, 9);
    let leaf = fingerprint(&server.leaf_der());
    let pinned = Trust {
        system_roots: true,
        extra_roots: Vec::new(),
        pinned_sha256: vec![leaf.to_lowercase()],
    };
    let mut imap =
        clients::imap_login(&server, server.imaps_port(), Security::Tls, &pinned, &user).await;
    assert_eq!(imap.select("INBOX").await.expect("SELECT").exists, 2);
    let mut pop = clients::pop3_login(
        &server,
        server.pop3_port(),
        Security::StartTls,
        &pinned,
        &user,
    )
    .await;
    assert_eq!(pop3_count(&mut pop).await, 2);
    // Pinning the CA's fingerprint works too: Dovecot sends only the leaf, so
    // this is rejected (the pinned certificate must be in the chain).
    let ca_pin = Trust {
        pinned_sha256: vec![fingerprint(&server.ca_der())],
        ..Trust::default()
    };
    let err = imaps_err(&server, &ca_pin).await;
    assert!(
        matches!(err, NetError::CertificateNotTrusted { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn starttls_not_offered_fails_closed() {
    let server = Dovecot::start_with(Options { ssl: false });
    let user = server.new_user();
    for (port, proto, service) in [
        (server.imap_port(), Protocol::Imap, "imap-login"),
        (server.pop3_port(), Protocol::Pop3, "pop3-login"),
    ] {
        let err = connect_err(
            &server.endpoint(port, Security::StartTls),
            proto,
            &server.trust(),
            &Timeouts::default(),
        )
        .await;
        assert!(
            matches!(&err, NetError::StartTlsNotOffered { host, port: p } if host == "localhost" && *p == port),
            "{proto:?}: {err:?}"
        );
        // The server saw us leave without any authentication attempt.
        let gone = server.wait_for_log(Duration::from_secs(10), |log| {
            log.lines().any(|l| {
                l.contains(service) && l.contains("Disconnected") && l.contains("no auth attempts")
            })
        });
        assert!(
            gone,
            "{service} should log a disconnect without auth:\n{}",
            server.log()
        );
    }
    let log = server.log();
    assert!(
        !log.contains("Login:") && !log.contains(&user.name),
        "no login happened:\n{log}"
    );

    // The same server in plain text works, but only when asked for.
    let conn = net::connect(
        &server.endpoint(server.imap_port(), Security::Plain),
        Protocol::Imap,
        &Trust::default(),
        &Timeouts::default(),
    )
    .await
    .expect("plain connect");
    assert!(!conn.tls && conn.server_fingerprint.is_none());
}

#[tokio::test]
async fn closed_port_is_refused() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let ep = Endpoint {
        host: "127.0.0.1".into(),
        port,
        security: Security::Tls,
    };
    let err = connect_err(&ep, Protocol::Imap, &Trust::system(), &short()).await;
    assert!(
        matches!(&err, NetError::Refused { port: p, .. } if *p == port),
        "{err:?}"
    );
}

#[tokio::test]
async fn unknown_host_is_not_found() {
    let ep = local(993, Security::Tls);
    let ep = Endpoint {
        host: "nonexistent.invalid".into(),
        ..ep
    };
    let err = connect_err(&ep, Protocol::Imap, &Trust::system(), &short()).await;
    assert!(
        matches!(&err, NetError::HostNotFound { host } if host == "nonexistent.invalid"),
        "{err:?}"
    );
    assert!(err.user_message().contains("nonexistent.invalid"));
}

#[tokio::test]
async fn a_silent_server_times_out_quickly() {
    // The kernel completes the TCP handshake; nobody ever says anything.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    for (security, proto) in [
        (Security::Tls, Protocol::Imap),
        (Security::StartTls, Protocol::Pop3),
        (Security::Plain, Protocol::Smtp),
    ] {
        let started = Instant::now();
        let err = local_err(port, security, proto, &Trust::system()).await;
        assert!(
            matches!(&err, NetError::Timeout { port: p, .. } if *p == port),
            "{security:?}: {err:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "took {:?}",
            started.elapsed()
        );
    }
    drop(listener);
}

#[tokio::test]
async fn wrong_port_for_the_security_setting() {
    let server = Dovecot::start();
    // TLS spoken to the plain-text port: the greeting is not a TLS record.
    let err = connect_err(
        &server.endpoint(server.imap_port(), Security::Tls),
        Protocol::Imap,
        &server.trust(),
        &short(),
    )
    .await;
    assert!(matches!(err, NetError::Tls { .. }), "{err:?}");
    // STARTTLS on the TLS port: the server waits for a handshake, we for a greeting.
    let err = connect_err(
        &server.endpoint(server.imaps_port(), Security::StartTls),
        Protocol::Imap,
        &server.trust(),
        &short(),
    )
    .await;
    assert!(matches!(err, NetError::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn a_stalled_server_after_login_gives_a_timeout_error() {
    let server = Dovecot::start();
    let user = server.new_user();
    let t = Timeouts {
        connect: Duration::from_secs(5),
        io: Duration::from_secs(1),
    };
    let conn = imap_connect(&server, server.imaps_port(), Security::Tls, &t).await;
    let mut session = login(conn, &user).await;
    // IDLE without DONE: the server stays silent, the read times out.
    session.run_command("IDLE").await.expect("IDLE");
    let started = Instant::now();
    let mut result = Ok(None);
    for _ in 0..3 {
        result = session.read_response().await;
        if result.is_err() {
            break;
        }
    }
    let err = result.expect_err("the read must time out");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        matches!(
            NetError::from_io(&err, "localhost", 1),
            NetError::Timeout { .. }
        ),
        "{err:?}"
    );
}

// --- Scripted servers: what Dovecot cannot be made to do. ---

/// Read one line, byte by byte (so TLS bytes after it stay in the socket).
async fn read_line(s: &mut TcpStream) -> String {
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    while s.read(&mut b).await.unwrap_or(0) == 1 {
        line.push(b[0]);
        if b[0] == b'\n' {
            break;
        }
    }
    String::from_utf8_lossy(&line).into_owned()
}

/// Serve one connection with `script` on a fresh port; returns the port.
async fn scripted<F, Fut>(script: F) -> u16
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        if let Ok((s, _)) = listener.accept().await {
            script(s).await;
        }
    });
    port
}

#[tokio::test]
async fn imap_starttls_refused_is_an_error() {
    let port = scripted(|mut s| async move {
        say(&mut s, b"* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n").await;
        let cmd = read_line(&mut s).await;
        assert!(cmd.ends_with("STARTTLS\r\n"), "{cmd}");
        let tag = cmd.split(' ').next().unwrap_or_default().to_owned();
        say(&mut s, format!("{tag} NO not today\r\n").as_bytes()).await;
        read_line(&mut s).await;
    })
    .await;
    let err = local_err(port, Security::StartTls, Protocol::Imap, &Trust::system()).await;
    assert!(
        matches!(&err, NetError::StartTlsRefused { reply, .. } if reply.contains("not today")),
        "{err:?}"
    );
}

#[tokio::test]
async fn imap_preauth_greeting_never_continues_in_plain_text() {
    let port = scripted(|mut s| async move {
        say(
            &mut s,
            b"* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] logged in\r\n",
        )
        .await;
        read_line(&mut s).await;
    })
    .await;
    let err = local_err(port, Security::StartTls, Protocol::Imap, &Trust::system()).await;
    assert!(
        matches!(err, NetError::StartTlsNotOffered { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn bytes_injected_after_starttls_ok_are_not_accepted() {
    let port = scripted(|mut s| async move {
        say(&mut s, b"* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n").await;
        let cmd = read_line(&mut s).await;
        let tag = cmd.split(' ').next().unwrap_or_default().to_owned();
        // A man in the middle appends a plain-text answer to the OK.
        say(
            &mut s,
            format!("{tag} OK go\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n")
                .as_bytes(),
        )
        .await;
        let mut sink = Vec::new();
        let _ = s.read_to_end(&mut sink).await;
    })
    .await;
    let err = local_err(port, Security::StartTls, Protocol::Imap, &Trust::system()).await;
    assert!(matches!(err, NetError::Tls { .. }), "{err:?}");
}

#[tokio::test]
async fn imap_bye_greeting_is_a_rejection() {
    let port = scripted(|mut s| async move {
        say(&mut s, b"* BYE Too many connections\r\n").await;
    })
    .await;
    let err = local_err(port, Security::Plain, Protocol::Imap, &Trust::default()).await;
    assert!(
        matches!(&err, NetError::Rejected { reply, .. } if reply.contains("Too many")),
        "{err:?}"
    );
}

#[tokio::test]
async fn smtp_without_starttls_fails_closed() {
    let port = scripted(|mut s| async move {
        say(&mut s, b"220-mx.example ESMTP\r\n220 welcome\r\n").await;
        let ehlo = read_line(&mut s).await;
        assert!(ehlo.starts_with("EHLO ["), "{ehlo}");
        say(
            &mut s,
            b"250-mx.example\r\n250-SIZE 1000000\r\n250 8BITMIME\r\n",
        )
        .await;
        read_line(&mut s).await;
    })
    .await;
    let err = local_err(port, Security::StartTls, Protocol::Smtp, &Trust::system()).await;
    assert!(
        matches!(err, NetError::StartTlsNotOffered { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn smtp_starttls_switches_to_tls() {
    let pki = support::certs::TestPki::new("smtp");
    let leaf = pki.leaf_der.clone();
    let acceptor = tls_acceptor(&pki);
    let port = scripted(move |mut s| async move {
        say(&mut s, b"220 mx.example ESMTP\r\n").await;
        read_line(&mut s).await;
        say(
            &mut s,
            b"250-mx.example\r\n250-STARTTLS\r\n250 8BITMIME\r\n",
        )
        .await;
        let cmd = read_line(&mut s).await;
        assert_eq!(cmd, "STARTTLS\r\n");
        say(&mut s, b"220 go ahead\r\n").await;
        let Ok(mut tls) = acceptor.accept(s).await else {
            return;
        };
        let mut buf = [0u8; 64];
        let n = tls.read(&mut buf).await.unwrap_or(0);
        if buf.get(..n).is_some_and(|b| b.starts_with(b"EHLO")) {
            tls.write_all(b"250 mx.example\r\n").await.ok();
        }
        tls.flush().await.ok();
    })
    .await;
    let trust = Trust {
        pinned_sha256: vec![fingerprint(&leaf)],
        ..Trust::default()
    };
    let mut conn = net::connect(
        &local(port, Security::StartTls),
        Protocol::Smtp,
        &trust,
        &short(),
    )
    .await
    .expect("SMTP STARTTLS");
    assert!(conn.tls);
    assert_eq!(conn.greeting, "mx.example ESMTP");
    conn.stream
        .write_all(b"EHLO [127.0.0.1]\r\n")
        .await
        .expect("write");
    let mut buf = [0u8; 64];
    let n = conn.stream.read(&mut buf).await.expect("read");
    assert_eq!(buf.get(..n), Some(&b"250 mx.example\r\n"[..]));
}

fn tls_acceptor(pki: &support::certs::TestPki) -> tokio_rustls::TlsAcceptor {
    use rustls_pki_types::PrivateKeyDer;
    use rustls_pki_types::pem::PemObject;
    let key = PrivateKeyDer::from_pem_slice(pki.leaf_key_pem.as_bytes()).expect("key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(vec![pki.leaf_der.clone()], key)
    .expect("server config");
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

#[tokio::test]
async fn pop3_server_closing_mid_session_is_an_error_not_a_hang() {
    let port = scripted(|mut s| async move {
        say(&mut s, b"+OK ready\r\n").await;
        read_line(&mut s).await; // CAPA from async-pop
        say(&mut s, b"-ERR no CAPA\r\n").await;
        read_line(&mut s).await; // STAT
        // Half an answer, then the connection drops.
        say(&mut s, b"+OK 2").await;
    })
    .await;
    let conn = net::connect(
        &local(port, Security::Plain),
        Protocol::Pop3,
        &Trust::default(),
        &short(),
    )
    .await
    .expect("connect");
    let mut client = conn.into_pop3_client().await.expect("client");
    let result = tokio::time::timeout(Duration::from_secs(5), client.stat()).await;
    assert!(
        matches!(result, Ok(Err(_))),
        "STAT must fail promptly, got {result:?}"
    );
}

#[test]
fn certificate_files_round_trip() {
    let server_pki = support::certs::TestPki::new("files");
    let dir = tempfile::tempdir().expect("tempdir");
    let pem = dir.path().join("ca.pem");
    std::fs::write(&pem, &server_pki.ca_pem).expect("write");
    let cert = net::read_certificate_file(&pem).expect("read PEM");
    assert_eq!(cert, server_pki.ca_der);
    let missing = net::read_certificate_file(&dir.path().join("nope.pem")).expect_err("missing");
    assert!(matches!(&missing, NetError::BadCertificateFile { .. }));
    assert!(missing.user_message().contains("nope.pem"));
}
