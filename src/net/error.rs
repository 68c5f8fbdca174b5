//! Typed network errors: English `Display` for logs, [`NetError::user_message`]
//! for people.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong while reaching a mail server.
///
/// `Display` is English and technical (for logs); [`NetError::user_message`]
/// is translated and says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NetError {
    /// The host name did not resolve (or is not a valid host name).
    #[error("host not found: {host}")]
    HostNotFound { host: String },
    /// Nothing listens on that port (TCP RST).
    #[error("connection refused by {host}:{port}")]
    Refused { host: String, port: u16 },
    /// Connecting, or a read or write, took longer than its timeout.
    #[error("timed out talking to {host}:{port}")]
    Timeout { host: String, port: u16 },
    /// The server's certificate is neither pinned nor signed by a trusted
    /// authority for this host name. `fingerprint` is the leaf's SHA-256
    /// (see [`crate::net::fingerprint`]); `name` the names the certificate
    /// is for (its DNS names, else its subject's common name), as the user
    /// compares them with the server they meant.
    #[error("certificate of {host} not trusted (for {name}, leaf SHA-256 {fingerprint})")]
    CertificateNotTrusted {
        host: String,
        name: String,
        fingerprint: String,
    },
    /// The TLS handshake or the TLS layer failed for another reason (often:
    /// TLS spoken to a plain-text port).
    #[error("TLS failure with {host}: {reason}")]
    Tls { host: String, reason: String },
    /// STARTTLS / STLS was asked for but the server does not advertise it
    /// (or greeted with IMAP PREAUTH, which makes STARTTLS impossible).
    /// The connection was closed without sending anything sensitive.
    #[error("{host}:{port} does not offer STARTTLS")]
    StartTlsNotOffered { host: String, port: u16 },
    /// The server advertised STARTTLS / STLS but answered the command with an
    /// error. The connection was closed.
    #[error("{host}:{port} refused STARTTLS: {reply}")]
    StartTlsRefused {
        host: String,
        port: u16,
        reply: String,
    },
    /// The server turned the connection away in its greeting (IMAP `* BYE`,
    /// POP3 `-ERR`, SMTP 554).
    #[error("{host} rejected the connection: {reply}")]
    Rejected { host: String, reply: String },
    /// The server said something that is not the protocol we expected.
    #[error("protocol error with {host}: {reason}")]
    Protocol { host: String, reason: String },
    /// The server closed the connection (EOF, reset, broken pipe).
    #[error("connection to {host}:{port} lost")]
    ConnectionLost { host: String, port: u16 },
    /// Any other I/O error.
    #[error("I/O error with {host}:{port}: {reason}")]
    Io {
        host: String,
        port: u16,
        reason: String,
    },
    /// A certificate file the user chose could not be read.
    #[error("bad certificate file {}: {reason}", path.display())]
    BadCertificateFile { path: PathBuf, reason: String },
}

impl NetError {
    /// Classify an I/O error from a connection to `host:port`: timeouts,
    /// refusals, lost connections and TLS failures get their own variant.
    ///
    /// Engines can use this for errors from async-imap / async-pop, whose
    /// I/O errors come from [`crate::net::MailStream`].
    pub fn from_io(err: &io::Error, host: &str, port: u16) -> NetError {
        let host = host.to_owned();
        match err.kind() {
            io::ErrorKind::TimedOut => return NetError::Timeout { host, port },
            io::ErrorKind::ConnectionRefused => return NetError::Refused { host, port },
            io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::NotConnected => return NetError::ConnectionLost { host, port },
            _ => {}
        }
        if let Some(tls) = err
            .get_ref()
            .and_then(|e| e.downcast_ref::<rustls::Error>())
        {
            return NetError::Tls {
                host,
                reason: tls.to_string(),
            };
        }
        NetError::Io {
            host,
            port,
            reason: err.to_string(),
        }
    }

    /// A translated, plain-words message that tells the user what to do.
    pub fn user_message(&self) -> String {
        match self {
            NetError::HostNotFound { host } => {
                crate::fl!("net-host-not-found", host = host.as_str())
            }
            NetError::Refused { host, port } => {
                crate::fl!("net-refused", host = host.as_str(), port = port.to_string())
            }
            NetError::Timeout { host, port } => {
                crate::fl!("net-timeout", host = host.as_str(), port = port.to_string())
            }
            NetError::CertificateNotTrusted {
                host, fingerprint, ..
            } => crate::fl!(
                "net-certificate-not-trusted",
                host = host.as_str(),
                fingerprint = fingerprint.as_str()
            ),
            NetError::Tls { host, reason } => {
                crate::fl!("net-tls", host = host.as_str(), reason = reason.as_str())
            }
            NetError::StartTlsNotOffered { host, port } => crate::fl!(
                "net-starttls-not-offered",
                host = host.as_str(),
                port = port.to_string()
            ),
            NetError::StartTlsRefused { host, port, reply } => crate::fl!(
                "net-starttls-refused",
                host = host.as_str(),
                port = port.to_string(),
                reply = reply.as_str()
            ),
            NetError::Rejected { host, reply } => {
                crate::fl!("net-rejected", host = host.as_str(), reply = reply.as_str())
            }
            NetError::Protocol { host, reason } => {
                crate::fl!(
                    "net-protocol",
                    host = host.as_str(),
                    reason = reason.as_str()
                )
            }
            NetError::ConnectionLost { host, port } => crate::fl!(
                "net-connection-lost",
                host = host.as_str(),
                port = port.to_string()
            ),
            NetError::Io { host, port, reason } => crate::fl!(
                "net-io",
                host = host.as_str(),
                port = port.to_string(),
                reason = reason.as_str()
            ),
            NetError::BadCertificateFile { path, reason } => crate::fl!(
                "net-bad-certificate-file",
                path = path.display().to_string(),
                reason = reason.as_str()
            ),
        }
    }
}
