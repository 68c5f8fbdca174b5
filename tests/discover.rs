//! Finding an address's settings: the autoconfig parser on real-world-shaped
//! files, discovery against a loopback HTTPS server serving autoconfig XML,
//! DNS answers the test controls, and probing the test Dovecot.

mod support;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use brev::net::{Security, Timeouts, Trust};
use brev::setup::autoconfig::{self, ServerKind};
use brev::setup::{Lookup, MxRecord, Source, SrvRecord, StaticDns, discover};
use support::Dovecot;
use support::certs::TestPki;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/autoconfig")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------- parser

#[test]
fn full_provider_file_prefers_tls_and_keeps_the_address_as_user() {
    let f = autoconfig::parse(&fixture("ispdb-full.xml"), "karin@posten.example").expect("parse");
    assert_eq!(f.provider.as_deref(), Some("Postverket Mail"));
    assert_eq!(f.domains, ["posten.example", "post.example"]);
    assert_eq!(f.servers.len(), 6, "{:?}", f.servers);
    let imap = f.best(ServerKind::Imap).expect("imap");
    assert_eq!(
        (imap.host.as_str(), imap.port, imap.security),
        ("imap.posten.example", 993, Security::Tls)
    );
    assert_eq!(imap.username, "karin@posten.example");
    let pop = f.best(ServerKind::Pop3).expect("pop");
    assert_eq!((pop.port, pop.security), (995, Security::Tls));
    let smtp = f.best(ServerKind::Smtp).expect("smtp");
    assert_eq!((smtp.port, smtp.security), (465, Security::Tls));
}

#[test]
fn oauth_only_servers_are_skipped_and_unknown_elements_ignored() {
    let f = autoconfig::parse(&fixture("oauth-and-password.xml"), "olle@bigmail.example")
        .expect("parse");
    assert_eq!(f.provider.as_deref(), Some("BigMail"));
    let imap = f.best(ServerKind::Imap).expect("imap takes a password too");
    assert_eq!(imap.host, "imap.bigmail.example");
    assert_eq!(f.best(ServerKind::Pop3), None, "POP is OAuth2 only");
    assert_eq!(
        f.best(ServerKind::Smtp).map(|s| s.host),
        Some("smtp.bigmail.example".into())
    );
}

#[test]
fn local_part_and_domain_placeholders() {
    let f = autoconfig::parse(&fixture("localpart-user.xml"), "Nils.Berg@fjord.example")
        .expect("parse");
    assert_eq!(f.provider.as_deref(), Some("fjord.example mail"));
    let imap = f.best(ServerKind::Imap).expect("imap");
    assert_eq!(imap.host, "mail.fjord.example");
    assert_eq!(imap.port, 993);
    assert_eq!(imap.username, "Nils.Berg");
    let smtp = f.best(ServerKind::Smtp).expect("smtp");
    assert_eq!((smtp.port, smtp.security), (587, Security::StartTls));
    assert_eq!(smtp.username, "Nils.Berg");
}

#[test]
fn plain_text_only_when_nothing_else_is_offered() {
    let f = autoconfig::parse(&fixture("plain-only.xml"), "eva@gammal.example").expect("parse");
    let pop = f.best(ServerKind::Pop3).expect("pop");
    assert_eq!((pop.port, pop.security), (110, Security::Plain));
    assert_eq!(pop.username, "eva");
    assert_eq!(f.best(ServerKind::Imap), None);
    // No username element: the whole address.
    assert_eq!(
        f.best(ServerKind::Smtp).map(|s| s.username),
        Some("eva@gammal.example".into())
    );
}

// ---------------------------------------------------- loopback web server

/// One canned answer per request path (query included).
type Routes = HashMap<String, (u16, Vec<(String, String)>, String)>;

fn acceptor(pki: &TestPki) -> tokio_rustls::TlsAcceptor {
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

async fn answer<S>(mut s: S, routes: Arc<Routes>, seen: Arc<std::sync::Mutex<Vec<String>>>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("").to_owned();
    let host = head
        .lines()
        .find_map(|l| l.strip_prefix("Host: "))
        .unwrap_or("")
        .to_owned();
    seen.lock().unwrap().push(format!("{host}{path}"));
    let (status, headers, body) =
        routes
            .get(&path)
            .cloned()
            .unwrap_or((404, Vec::new(), "not here".into()));
    let mut reply = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        reply.push_str(&format!("{k}: {v}\r\n"));
    }
    reply.push_str("Connection: close\r\n\r\n");
    reply.push_str(&body);
    let _ = s.write_all(reply.as_bytes()).await;
    let _ = s.shutdown().await;
}

/// A web server on loopback (HTTPS with `pki`'s leaf, or plain HTTP);
/// returns its port and the requests it saw (`host` + path).
async fn web(pki: Option<&TestPki>, routes: Routes) -> (u16, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let tls = pki.map(acceptor);
    let routes = Arc::new(routes);
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let (routes, seen, tls) = (routes.clone(), seen2.clone(), tls.clone());
            tokio::spawn(async move {
                match tls {
                    Some(tls) => {
                        if let Ok(s) = tls.accept(sock).await {
                            answer(s, routes, seen).await;
                        }
                    }
                    None => answer(sock, routes, seen).await,
                }
            });
        }
    });
    (port, seen)
}

fn xml_route(path: &str, xml: &str) -> Routes {
    let mut r = Routes::new();
    r.insert(
        path.to_owned(),
        (
            200,
            vec![("Content-Type".into(), "text/xml".into())],
            xml.to_owned(),
        ),
    );
    r
}

/// A lookup that reaches only what the test maps, trusting `ca`.
fn hermetic(ca: Option<&TestPki>, dns: StaticDns) -> Lookup {
    Lookup {
        dns: Arc::new(dns),
        trust: Trust {
            system_roots: false,
            extra_roots: ca.map(|p| vec![p.ca_der.clone()]).unwrap_or_default(),
            pinned_sha256: Vec::new(),
        },
        connect_to: HashMap::new(),
        only_mapped: true,
        http_timeout: Duration::from_secs(10),
        dns_timeout: Duration::from_secs(10),
        probe_timeouts: Timeouts {
            connect: Duration::from_secs(10),
            io: Duration::from_secs(10),
        },
        max_file: 256 * 1024,
        deadline: Duration::from_secs(60),
    }
}

const AUTOCONFIG_PATH: &str = "/mail/config-v1.1.xml?emailaddress=karin%40posten.example";

// ---------------------------------------------------------------- steps

#[tokio::test]
async fn autoconfig_over_https_from_the_autoconfig_host() {
    let pki = TestPki::new("web");
    let (port, seen) = web(
        Some(&pki),
        xml_route(AUTOCONFIG_PATH, &fixture("ispdb-full.xml")),
    )
    .await;
    let mut lookup = hermetic(Some(&pki), StaticDns::default());
    lookup.connect_to.insert(
        "autoconfig.posten.example:443".into(),
        ("localhost".into(), port),
    );
    let d = discover("karin@posten.example", &lookup).await;
    let url = format!("https://autoconfig.posten.example{AUTOCONFIG_PATH}");
    let imap = d.imap.expect("imap");
    assert_eq!(imap.source, Source::Autoconfig { url: url.clone() });
    assert_eq!(
        (
            imap.server.host.as_str(),
            imap.server.port,
            imap.server.security
        ),
        ("imap.posten.example", 993, Security::Tls)
    );
    assert_eq!(d.pop.map(|f| f.server.port), Some(995));
    assert_eq!(d.smtp.map(|f| f.server.port), Some(465));
    assert_eq!(d.provider.as_deref(), Some("Postverket Mail"));
    assert!(!d.files_sent_mail);
    assert!(d.log.iter().any(|l| l.contains(&url)), "{:?}", d.log);
    assert_eq!(
        seen.lock().unwrap().as_slice(),
        [format!("autoconfig.posten.example{AUTOCONFIG_PATH}")],
        "the Host header names the provider, not the address connected to"
    );
}

#[tokio::test]
async fn well_known_path_with_a_redirect() {
    let pki = TestPki::new("web");
    let mut routes = xml_route("/settings/mail.xml", &fixture("ispdb-full.xml"));
    routes.insert(
        "/.well-known/autoconfig/mail/config-v1.1.xml".into(),
        (
            302,
            vec![("Location".into(), "/settings/mail.xml".into())],
            String::new(),
        ),
    );
    let (port, _) = web(Some(&pki), routes).await;
    let mut lookup = hermetic(Some(&pki), StaticDns::default());
    lookup
        .connect_to
        .insert("posten.example:443".into(), ("localhost".into(), port));
    let d = discover("karin@posten.example", &lookup).await;
    assert_eq!(
        d.imap.expect("imap").source,
        Source::Autoconfig {
            url: "https://posten.example/settings/mail.xml".into()
        }
    );
}

#[tokio::test]
async fn plain_http_only_for_the_autoconfig_host_and_only_after_https() {
    let (port, _) = web(None, xml_route(AUTOCONFIG_PATH, &fixture("ispdb-full.xml"))).await;
    let lookup_with = |host: &str| {
        let mut l = hermetic(None, StaticDns::default());
        l.connect_to
            .insert(format!("{host}:80"), ("127.0.0.1".into(), port));
        l
    };
    let d = discover(
        "karin@posten.example",
        &lookup_with("autoconfig.posten.example"),
    )
    .await;
    assert_eq!(
        d.imap.expect("imap over http").source,
        Source::Autoconfig {
            url: format!("http://autoconfig.posten.example{AUTOCONFIG_PATH}")
        }
    );
    // The domain itself is never asked over plain HTTP.
    let d = discover("karin@posten.example", &lookup_with("posten.example")).await;
    assert!(d.is_empty(), "{d:?}");
}

#[tokio::test]
async fn a_certificate_not_trusted_is_no_settings_file() {
    let pki = TestPki::new("web");
    let (port, seen) = web(
        Some(&pki),
        xml_route(AUTOCONFIG_PATH, &fixture("ispdb-full.xml")),
    )
    .await;
    // The lookup trusts another CA.
    let other = TestPki::new("other");
    let mut lookup = hermetic(Some(&other), StaticDns::default());
    lookup.connect_to.insert(
        "autoconfig.posten.example:443".into(),
        ("localhost".into(), port),
    );
    let d = discover("karin@posten.example", &lookup).await;
    assert!(d.is_empty(), "{d:?}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "no request over an untrusted connection"
    );
}

fn srv(priority: u16, weight: u16, port: u16, target: &str) -> SrvRecord {
    SrvRecord {
        priority,
        weight,
        port,
        target: target.into(),
    }
}

#[tokio::test]
async fn srv_records_in_priority_order_and_dot_means_not_offered() {
    let mut dns = StaticDns::default();
    dns.srv.insert(
        "_imaps._tcp.fjord.example".into(),
        vec![
            srv(10, 0, 993, "backup.fjord.example"),
            srv(0, 10, 993, "imap.fjord.example"),
        ],
    );
    dns.srv.insert(
        "_imap._tcp.fjord.example".into(),
        vec![srv(0, 0, 143, "imap.fjord.example")],
    );
    dns.srv
        .insert("_pop3s._tcp.fjord.example".into(), vec![srv(0, 0, 0, "")]);
    dns.srv
        .insert("_pop3._tcp.fjord.example".into(), vec![srv(0, 0, 0, "")]);
    dns.srv.insert(
        "_submission._tcp.fjord.example".into(),
        vec![srv(0, 1, 587, "smtp.fjord.example")],
    );
    let d = discover("nils@fjord.example", &hermetic(None, dns)).await;
    let imap = d.imap.expect("imap");
    assert_eq!(
        (
            imap.server.host.as_str(),
            imap.server.port,
            imap.server.security
        ),
        ("imap.fjord.example", 993, Security::Tls)
    );
    assert_eq!(
        imap.source,
        Source::Srv {
            record: "_imaps._tcp.fjord.example".into()
        }
    );
    assert_eq!(imap.server.username, "nils@fjord.example");
    assert_eq!(d.pop, None);
    let smtp = d.smtp.expect("smtp");
    assert_eq!(
        (smtp.server.port, smtp.server.security),
        (587, Security::StartTls)
    );
    assert!(
        d.log
            .iter()
            .any(|l| l.contains("_pop3s._tcp.fjord.example")),
        "{:?}",
        d.log
    );
}

#[tokio::test]
async fn mx_of_a_known_provider_gives_its_settings() {
    let mut dns = StaticDns::default();
    dns.mx.insert(
        "foretaget.example".into(),
        vec![
            MxRecord {
                preference: 20,
                exchange: "alt1.aspmx.l.google.com".into(),
            },
            MxRecord {
                preference: 10,
                exchange: "aspmx.l.google.com".into(),
            },
        ],
    );
    let d = discover("lisa@foretaget.example", &hermetic(None, dns)).await;
    let imap = d.imap.expect("imap");
    assert_eq!(imap.server.host, "imap.gmail.com");
    assert_eq!(imap.server.username, "lisa@foretaget.example");
    assert_eq!(
        imap.source,
        Source::Mx {
            domain: "aspmx.l.google.com".into()
        }
    );
    assert_eq!(d.provider.as_deref(), Some("Gmail"));
    assert!(d.files_sent_mail, "Gmail files sent mail itself");
}

#[tokio::test]
async fn mx_of_another_host_uses_that_hosts_autoconfig() {
    let pki = TestPki::new("web");
    let path = "/mail/config-v1.1.xml?emailaddress=lisa%40foretaget.example";
    let (port, _) = web(Some(&pki), xml_route(path, &fixture("localpart-user.xml"))).await;
    let mut dns = StaticDns::default();
    dns.mx.insert(
        "foretaget.example".into(),
        vec![MxRecord {
            preference: 10,
            exchange: "mx1.webbhotell.example".into(),
        }],
    );
    let mut lookup = hermetic(Some(&pki), dns);
    lookup.connect_to.insert(
        "autoconfig.webbhotell.example:443".into(),
        ("localhost".into(), port),
    );
    let d = discover("lisa@foretaget.example", &lookup).await;
    let imap = d.imap.expect("imap");
    assert_eq!(
        imap.source,
        Source::Mx {
            domain: "mx1.webbhotell.example".into()
        }
    );
    // The file's %EMAILDOMAIN% is the address's domain.
    assert_eq!(imap.server.host, "mail.foretaget.example");
    assert_eq!(imap.server.username, "lisa");
}

#[tokio::test]
async fn builtin_list_answers_without_the_network() {
    let d = discover("Anna.Lind@GMAIL.com", &hermetic(None, StaticDns::default())).await;
    let imap = d.imap.expect("imap");
    assert_eq!(
        imap.source,
        Source::Builtin {
            provider: "Gmail".into()
        }
    );
    assert_eq!(
        (imap.server.host.as_str(), imap.server.port),
        ("imap.gmail.com", 993)
    );
    assert_eq!(imap.server.username, "Anna.Lind@gmail.com");
    assert!(d.files_sent_mail);
    assert!(d.pop.is_some() && d.smtp.is_some());
}

#[tokio::test]
async fn not_an_address() {
    let d = discover("anna.lind", &hermetic(None, StaticDns::default())).await;
    assert!(d.is_empty());
    assert_eq!(d.log.len(), 1, "{:?}", d.log);
}

#[tokio::test]
async fn the_most_trusted_source_wins() {
    let pki = TestPki::new("web");
    let (port, _) = web(
        Some(&pki),
        xml_route(AUTOCONFIG_PATH, &fixture("ispdb-full.xml")),
    )
    .await;
    let mut dns = StaticDns::default();
    dns.srv.insert(
        "_imaps._tcp.posten.example".into(),
        vec![srv(0, 0, 993, "srv-imap.posten.example")],
    );
    dns.srv.insert(
        "_submissions._tcp.posten.example".into(),
        vec![srv(0, 0, 465, "srv-smtp.posten.example")],
    );
    let mut lookup = hermetic(Some(&pki), dns);
    lookup.connect_to.insert(
        "autoconfig.posten.example:443".into(),
        ("localhost".into(), port),
    );
    let d = discover("karin@posten.example", &lookup).await;
    assert!(matches!(
        d.imap.expect("imap").source,
        Source::Autoconfig { .. }
    ));
    assert!(matches!(
        d.smtp.expect("smtp").source,
        Source::Autoconfig { .. }
    ));
}

// --------------------------------------------------------------- probing

fn map_dovecot(lookup: &mut Lookup, entries: &[(&str, u16)]) {
    for (name, port) in entries {
        lookup
            .connect_to
            .insert((*name).to_owned(), ("localhost".into(), *port));
    }
}

#[tokio::test]
async fn probing_finds_imap_and_pop_on_the_test_dovecot() {
    let server = Dovecot::start();
    let pki_trust = server.trust();
    let mut lookup = hermetic(None, StaticDns::default());
    lookup.trust = pki_trust;
    map_dovecot(
        &mut lookup,
        &[
            ("imap.brev.example:993", server.imaps_port()),
            ("imap.brev.example:143", server.imap_port()),
            ("pop.brev.example:995", server.pop3s_port()),
            ("pop.brev.example:110", server.pop3_port()),
        ],
    );
    let d = discover("anna@brev.example", &lookup).await;
    let imap = d.imap.expect("imap");
    assert_eq!(imap.source, Source::Probe);
    assert_eq!(
        (
            imap.server.host.as_str(),
            imap.server.port,
            imap.server.security
        ),
        ("imap.brev.example", 993, Security::Tls)
    );
    let pop = d.pop.expect("pop");
    assert_eq!(
        (
            pop.server.host.as_str(),
            pop.server.port,
            pop.server.security
        ),
        ("pop.brev.example", 995, Security::Tls)
    );
    assert_eq!(d.smtp, None, "no SMTP server answered");
}

#[tokio::test]
async fn probing_wants_the_right_greeting() {
    let server = Dovecot::start();
    let mut lookup = hermetic(None, StaticDns::default());
    lookup.trust = server.trust();
    // IMAPS port answered by POP3: not IMAP. The STARTTLS port is IMAP.
    map_dovecot(
        &mut lookup,
        &[
            ("imap.brev.example:993", server.pop3s_port()),
            ("imap.brev.example:143", server.imap_port()),
            ("mail.brev.example:110", server.imap_port()),
        ],
    );
    let d = discover("anna@brev.example", &lookup).await;
    let imap = d.imap.expect("imap");
    assert_eq!(
        (imap.server.port, imap.server.security),
        (143, Security::StartTls)
    );
    assert_eq!(
        d.pop, None,
        "an IMAP server on the POP port is no POP server"
    );
}

#[tokio::test]
async fn probing_an_untrusted_server_still_finds_it() {
    let server = Dovecot::start();
    // Trusts nothing: the greeting is seen on the STARTTLS port only.
    let mut lookup = hermetic(None, StaticDns::default());
    map_dovecot(
        &mut lookup,
        &[
            ("imap.brev.example:993", server.imaps_port()),
            ("imap.brev.example:143", server.imap_port()),
            ("pop3.brev.example:995", server.pop3s_port()),
        ],
    );
    let d = discover("anna@brev.example", &lookup).await;
    let imap = d.imap.expect("imap");
    assert_eq!(
        (imap.server.port, imap.server.security),
        (993, Security::Tls),
        "the greeting on 143 vouches for 993"
    );
    assert_eq!(d.pop, None, "an unchecked TLS port alone proves nothing");
}

/// DNS that never answers.
#[derive(Debug)]
struct Stalled;

impl brev::setup::DnsSource for Stalled {
    fn srv<'a>(&'a self, _: &'a str) -> brev::setup::dns::DnsFuture<'a, Vec<SrvRecord>> {
        Box::pin(std::future::pending())
    }
    fn mx<'a>(&'a self, _: &'a str) -> brev::setup::dns::DnsFuture<'a, Vec<MxRecord>> {
        Box::pin(std::future::pending())
    }
}

#[tokio::test]
async fn a_step_that_never_answers_is_left_out_at_the_deadline() {
    let mut lookup = hermetic(None, StaticDns::default());
    lookup.dns = Arc::new(Stalled);
    lookup.deadline = Duration::from_millis(300);
    let d = discover("nils@fjord.example", &lookup).await;
    assert!(d.is_empty());
    let slow = d.log.iter().filter(|l| l.contains("too slowly")).count();
    assert_eq!(slow, 2, "SRV and MX gave up: {:?}", d.log);
}
