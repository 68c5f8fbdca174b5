//! Network: TCP + rustls, implicit TLS and STARTTLS, timeouts, typed errors.
//!
//! [`connect`] opens a connection to an [`Endpoint`] and returns a
//! [`Connection`] whose [`MailStream`] is ready for a protocol library:
//!
//! - [`Security::Tls`]: TCP, TLS handshake, then the greeting is read.
//! - [`Security::StartTls`]: TCP, greeting, then IMAP `CAPABILITY` (or the
//!   greeting's `[CAPABILITY …]`) + `STARTTLS`, POP3 `CAPA` + `STLS`, SMTP
//!   `EHLO` + `STARTTLS`, then the TLS handshake. When the server does not
//!   offer it, refuses it, or greets IMAP with `PREAUTH`, the connection is
//!   dropped and an error returned: there is **never** a fall-back to plain
//!   text, and nothing but those commands is sent before TLS is up.
//! - [`Security::Plain`]: TCP, greeting. Only when the user chose it.
//!
//! Certificates are checked by the rules of [`Trust`]; a rejected chain gives
//! [`NetError::CertificateNotTrusted`] with the leaf's [`fingerprint`], so the
//! UI can offer to pin it.
//!
//! # Handing the stream to async-imap / async-pop
//!
//! `connect` has **always read the greeting** (in every security mode); it is
//! in [`Connection::greeting`]. Reads stop at the end of each line, so the
//! stream holds exactly what comes after.
//!
//! - IMAP: [`Connection::into_imap_client`] is `async_imap::Client::new(stream)`.
//!   Do **not** call `client.read_response()` for a greeting (there is none
//!   left); go straight to `login` / `authenticate`. After STARTTLS, ask for
//!   `CAPABILITY` again (the greeting's list was sent before TLS).
//! - POP3: `async_pop::new` insists on reading a greeting itself, and after
//!   `STLS` the server sends none. [`Connection::into_pop3_client`] therefore
//!   makes the stream replay the original greeting line once, then calls
//!   `async_pop::new`, which also issues `CAPA` (over TLS when it is on).
//! - SMTP: the greeting is consumed; after STARTTLS the client must send
//!   `EHLO` again (RFC 3207), in plain and TLS mode it sends its first `EHLO`.
//!
//! I/O errors from the libraries can be mapped with [`NetError::from_io`]
//! (read timeouts show up as [`std::io::ErrorKind::TimedOut`]).

mod cert;
mod dialogue;
mod error;
mod parse;
mod stream;
mod verify;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rustls::ClientConfig;
use rustls_pki_types::{CertificateDer, ServerName};
use tokio::net::TcpStream;

pub use cert::{certificate_names, fingerprint, read_certificate_file};
pub use error::NetError;
pub use stream::MailStream;

use dialogue::Dialogue;
use verify::TrustVerifier;

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// TLS from the first byte (IMAPS 993, POP3S 995, SMTPS 465).
    Tls,
    /// Plain connection upgraded with STARTTLS / STLS (143, 110, 587).
    StartTls,
    /// No encryption at all.
    Plain,
}

/// The protocol spoken on the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Imap,
    Pop3,
    Smtp,
}

/// Where to connect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Host name or IP address (an IPv6 address may be in brackets).
    pub host: String,
    pub port: u16,
    pub security: Security,
}

/// Which certificates to accept (see [`connect`] and the module docs).
#[derive(Clone, Debug, Default)]
pub struct Trust {
    /// Accept chains to the operating system's trust store.
    pub system_roots: bool,
    /// More certificate authorities to accept (e.g. a company CA).
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// SHA-256 fingerprints of certificates the user trusts explicitly, in
    /// the form of [`fingerprint`] (case, `:` and spaces are ignored). A
    /// pinned leaf is accepted as is; a pinned certificate the server sends
    /// as an intermediate is accepted as a trust anchor for its leaf.
    pub pinned_sha256: Vec<String>,
}

impl Trust {
    /// The system trust store only: the usual setting.
    pub fn system() -> Self {
        Trust {
            system_roots: true,
            ..Trust::default()
        }
    }
}

/// How long to wait.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// Name lookup plus TCP connect.
    pub connect: Duration,
    /// Any single read or write that makes no progress (also during the TLS
    /// handshake and for the life of the [`MailStream`]).
    pub io: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(15),
            io: Duration::from_secs(60),
        }
    }
}

/// An open connection, greeting read, TLS on unless the endpoint is
/// [`Security::Plain`].
#[derive(Debug)]
pub struct Connection {
    pub stream: MailStream,
    /// The greeting line(s) without line ends (SMTP: lines joined by `\n`).
    /// For STARTTLS, this was received before TLS.
    pub greeting: String,
    /// Whether TLS is on.
    pub tls: bool,
    /// SHA-256 of the server's leaf certificate, when TLS is on.
    pub server_fingerprint: Option<String>,
    pub protocol: Protocol,
    pub endpoint: Endpoint,
    greeting_raw: Vec<u8>,
}

impl Connection {
    /// An async-imap client over this connection. The greeting has been read
    /// already: do not read it again; log in next.
    pub fn into_imap_client(self) -> async_imap::Client<MailStream> {
        async_imap::Client::new(self.stream)
    }

    /// An async-pop client over this connection: replays the greeting (which
    /// `async_pop::new` reads itself) and lets async-pop send `CAPA`.
    pub async fn into_pop3_client(self) -> Result<async_pop::Client<MailStream>, NetError> {
        let host = self.endpoint.host.clone();
        let port = self.endpoint.port;
        if self.protocol != Protocol::Pop3 {
            return Err(NetError::Protocol {
                host,
                reason: format!("{:?} connection used for POP3", self.protocol),
            });
        }
        let mut stream = self.stream;
        stream.replay(self.greeting_raw);
        async_pop::new(stream).await.map_err(|e| match e.kind() {
            async_pop::error::ErrorKind::Io(io) => NetError::from_io(io, &host, port),
            _ => NetError::Protocol {
                host,
                reason: e.to_string(),
            },
        })
    }
}

/// Connect to `ep`, speak `proto` just far enough to read the greeting and
/// (for [`Security::StartTls`]) switch to TLS, and return the connection.
pub async fn connect(
    ep: &Endpoint,
    proto: Protocol,
    trust: &Trust,
    t: &Timeouts,
) -> Result<Connection, NetError> {
    let tls = match ep.security {
        Security::Plain => None,
        Security::Tls | Security::StartTls => Some(TlsSetup::new(ep, trust)?),
    };
    let tcp = open_tcp(ep, t).await?;
    let mut stream = MailStream::plain(tcp, t.io);
    let mut server_fingerprint = None;

    let greeting = match (&tls, ep.security) {
        (Some(tls), Security::Tls) => {
            let (s, fp) = tls.handshake(stream, ep).await?;
            stream = s;
            server_fingerprint = Some(fp);
            Dialogue {
                stream: &mut stream,
                ep,
            }
            .greeting(proto, false)
            .await?
        }
        (Some(tls), Security::StartTls) => {
            let mut d = Dialogue {
                stream: &mut stream,
                ep,
            };
            let greeting = d.greeting(proto, true).await?;
            d.starttls(proto, &greeting).await?;
            let (s, fp) = tls.handshake(stream, ep).await?;
            stream = s;
            server_fingerprint = Some(fp);
            greeting
        }
        _ => {
            Dialogue {
                stream: &mut stream,
                ep,
            }
            .greeting(proto, false)
            .await?
        }
    };
    tracing::debug!(
        "connected to {}:{} ({:?}, {})",
        ep.host,
        ep.port,
        proto,
        stream
            .tls_description()
            .unwrap_or_else(|| "plain text".to_owned())
    );
    Ok(Connection {
        tls: stream.is_tls(),
        stream,
        greeting: greeting.text,
        server_fingerprint,
        protocol: proto,
        endpoint: ep.clone(),
        greeting_raw: greeting.raw,
    })
}

/// The host without IPv6 brackets.
fn bare_host(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

async fn open_tcp(ep: &Endpoint, t: &Timeouts) -> Result<TcpStream, NetError> {
    let host = bare_host(&ep.host);
    let not_found = || NetError::HostNotFound {
        host: ep.host.clone(),
    };
    let timeout = || NetError::Timeout {
        host: ep.host.clone(),
        port: ep.port,
    };
    let addrs: Vec<SocketAddr> =
        tokio::time::timeout(t.connect, tokio::net::lookup_host((host, ep.port)))
            .await
            .map_err(|_| timeout())?
            .map_err(|e| {
                tracing::debug!("looking up {host}: {e}");
                not_found()
            })?
            .collect();
    if addrs.is_empty() {
        return Err(not_found());
    }
    let mut last = None;
    for addr in addrs {
        match tokio::time::timeout(t.connect, TcpStream::connect(addr)).await {
            Ok(Ok(tcp)) => {
                let _ = tcp.set_nodelay(true);
                return Ok(tcp);
            }
            Ok(Err(e)) => {
                tracing::debug!("connecting to {addr}: {e}");
                last = Some(NetError::from_io(&e, &ep.host, ep.port));
            }
            Err(_) => last = Some(timeout()),
        }
    }
    Err(last.unwrap_or_else(not_found))
}

/// The TLS client configuration for one connection.
struct TlsSetup {
    connector: tokio_rustls::TlsConnector,
    name: ServerName<'static>,
    seen: Arc<std::sync::Mutex<verify::Seen>>,
}

impl TlsSetup {
    fn new(ep: &Endpoint, trust: &Trust) -> Result<Self, NetError> {
        let name = ServerName::try_from(bare_host(&ep.host).to_owned()).map_err(|_| {
            NetError::HostNotFound {
                host: ep.host.clone(),
            }
        })?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = Arc::new(TrustVerifier::new(trust, provider.clone()));
        let seen = verifier.seen();
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| NetError::Tls {
                host: ep.host.clone(),
                reason: e.to_string(),
            })?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(TlsSetup {
            connector: tokio_rustls::TlsConnector::from(Arc::new(config)),
            name,
            seen,
        })
    }

    /// Run the handshake; returns the TLS stream and the leaf's fingerprint.
    async fn handshake(
        &self,
        stream: MailStream,
        ep: &Endpoint,
    ) -> Result<(MailStream, String), NetError> {
        let Some((tcp, peer, local)) = stream.into_tcp() else {
            return Err(NetError::Tls {
                host: ep.host.clone(),
                reason: "TLS is already on".to_owned(),
            });
        };
        let result = self.connector.connect(self.name.clone(), tcp).await;
        let seen = self.seen.lock().map(|s| s.clone()).unwrap_or_default();
        match result {
            Ok(tls) => Ok((
                MailStream::tls(tls, peer, local),
                seen.leaf_fingerprint.unwrap_or_default(),
            )),
            Err(e) => Err(match seen.leaf_fingerprint {
                Some(fingerprint) if seen.rejected => NetError::CertificateNotTrusted {
                    host: ep.host.clone(),
                    name: seen.leaf_names,
                    fingerprint,
                },
                _ => NetError::from_io(&e, &ep.host, ep.port),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_serializes_lowercase() {
        for (s, text) in [
            (Security::Tls, "\"tls\""),
            (Security::StartTls, "\"starttls\""),
            (Security::Plain, "\"plain\""),
        ] {
            assert_eq!(serde_json::to_string(&s).expect("ser"), text);
            assert_eq!(serde_json::from_str::<Security>(text).expect("de"), s);
        }
    }

    #[test]
    fn default_timeouts() {
        let t = Timeouts::default();
        assert_eq!(t.connect, Duration::from_secs(15));
        assert_eq!(t.io, Duration::from_secs(60));
    }

    #[test]
    fn ipv6_brackets_are_stripped() {
        assert_eq!(bare_host("[::1]"), "::1");
        assert_eq!(bare_host("::1"), "::1");
        assert_eq!(bare_host("mail.example.org"), "mail.example.org");
    }

    #[test]
    fn every_error_has_a_user_message() {
        let host = "mail.example.org".to_owned();
        let errors = [
            NetError::HostNotFound { host: host.clone() },
            NetError::Refused {
                host: host.clone(),
                port: 993,
            },
            NetError::Timeout {
                host: host.clone(),
                port: 993,
            },
            NetError::CertificateNotTrusted {
                host: host.clone(),
                name: "mail.example.org".into(),
                fingerprint: "AB:CD".into(),
            },
            NetError::Tls {
                host: host.clone(),
                reason: "x".into(),
            },
            NetError::StartTlsNotOffered {
                host: host.clone(),
                port: 143,
            },
            NetError::StartTlsRefused {
                host: host.clone(),
                port: 143,
                reply: "B2 NO".into(),
            },
            NetError::Rejected {
                host: host.clone(),
                reply: "busy".into(),
            },
            NetError::Protocol {
                host: host.clone(),
                reason: "x".into(),
            },
            NetError::ConnectionLost {
                host: host.clone(),
                port: 993,
            },
            NetError::Io {
                host: host.clone(),
                port: 993,
                reason: "x".into(),
            },
            NetError::BadCertificateFile {
                path: "/tmp/c.pem".into(),
                reason: "x".into(),
            },
        ];
        for e in errors {
            let msg = e.user_message();
            assert!(!msg.is_empty() && !msg.contains("net-"), "{e:?}: {msg}");
            assert!(!e.to_string().is_empty());
            if let NetError::BadCertificateFile { .. } = e {
                assert!(msg.contains("/tmp/c.pem"));
            } else {
                assert!(msg.contains(&host), "{msg}");
            }
        }
        let fp = NetError::CertificateNotTrusted {
            host,
            name: String::new(),
            fingerprint: "AB:CD".into(),
        };
        assert!(fp.user_message().contains("AB:CD"));
    }

    #[test]
    fn io_errors_are_classified() {
        use std::io::{Error, ErrorKind};
        let c = |k: ErrorKind| NetError::from_io(&Error::from(k), "h", 1);
        assert!(matches!(c(ErrorKind::TimedOut), NetError::Timeout { .. }));
        assert!(matches!(
            c(ErrorKind::ConnectionRefused),
            NetError::Refused { .. }
        ));
        assert!(matches!(
            c(ErrorKind::UnexpectedEof),
            NetError::ConnectionLost { .. }
        ));
        assert!(matches!(
            c(ErrorKind::ConnectionReset),
            NetError::ConnectionLost { .. }
        ));
        assert!(matches!(c(ErrorKind::Other), NetError::Io { .. }));
        let tls = Error::new(ErrorKind::InvalidData, rustls::Error::DecryptError);
        assert!(matches!(
            NetError::from_io(&tls, "h", 1),
            NetError::Tls { .. }
        ));
    }
}
