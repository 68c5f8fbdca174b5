//! SMTP submission with lettre, over Brev's own connection.
//!
//! [`crate::net::connect`] opens the connection with [`Protocol::Smtp`]: it
//! reads the greeting and, for STARTTLS, does `EHLO` + `STARTTLS` + the TLS
//! handshake under Brev's certificate rules (pinning, system roots, never a
//! fall-back to plain text). The stream is then handed to lettre's
//! [`AsyncSmtpConnection::connect_with_transport`], which wants to read a
//! greeting: a `220` line is replayed into the stream for it. lettre sends
//! `EHLO`; Brev sends a second one to read the `SIZE` limit (lettre keeps
//! only the features it uses), then `AUTH PLAIN` or `LOGIN`.
//!
//! Sending is split at `DATA` ([`Session::envelope`], then [`Session::data`])
//! so the caller can make the "sending" state durable in between: once the
//! message's bytes have gone out, a broken connection means it *may* have
//! been sent ([`DataError::MaybeSent`]).

use std::io;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream};
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use super::{AccountCtx, SyncError};
use crate::net::{self, Endpoint, MailStream, NetError, Protocol, Timeouts, Trust};

impl AsyncTokioStream for MailStream {
    fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        MailStream::peer_addr(self)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotConnected, "no peer address"))
    }
}

/// How `DATA` ended when it did not end with a 250.
#[derive(Debug)]
pub enum DataError {
    /// The server refused, or the message never went out: safe to retry.
    NotSent(SyncError),
    /// The connection broke after the message was handed over.
    MaybeSent(SyncError),
}

/// A logged-in SMTP connection.
pub struct Session {
    conn: AsyncSmtpConnection,
    host: String,
    port: u16,
    /// The server's SIZE limit, when it gave one (0 means none).
    pub size_limit: Option<u64>,
}

/// Where and how to connect (owned: the store in [`AccountCtx`] must not
/// be held across an await).
#[derive(Clone, Debug)]
pub struct Target {
    pub endpoint: Endpoint,
    pub trust: Trust,
    pub timeouts: Timeouts,
    pub username: String,
    pub password: String,
}

impl Target {
    /// The account's outgoing server.
    pub fn of(ctx: &AccountCtx) -> Target {
        Target {
            endpoint: Endpoint {
                host: ctx.account.outgoing.host.clone(),
                port: ctx.account.outgoing.port,
                security: ctx.account.outgoing.security,
            },
            trust: ctx.trust.clone(),
            timeouts: ctx.timeouts,
            username: ctx.account.outgoing.username.clone(),
            password: ctx.password.clone(),
        }
    }
}

fn hello_name() -> ClientId {
    ClientId::Domain("localhost".to_owned())
}

/// The reply code of an SMTP error, e.g. 550.
fn code(e: &lettre::transport::smtp::Error) -> Option<u16> {
    e.status().and_then(|c| c.to_string().parse().ok())
}

/// The server's words, for the user (lettre's `Display` has them).
fn reply(e: &lettre::transport::smtp::Error) -> String {
    e.to_string()
}

impl Session {
    /// Connect, say EHLO, log in.
    pub async fn open(target: Target) -> Result<Session, SyncError> {
        let ep = target.endpoint;
        let connection = net::connect(&ep, Protocol::Smtp, &target.trust, &target.timeouts).await?;
        let mut stream = connection.stream;
        // lettre reads a greeting first; Brev has read the real one (and
        // after STARTTLS the server sends none).
        stream.replay(b"220 ready\r\n".to_vec());
        let (host, port) = (ep.host.clone(), ep.port);
        let mut conn = AsyncSmtpConnection::connect_with_transport(Box::new(stream), &hello_name())
            .await
            .map_err(|e| map_error(&e, &host, port))?;
        let size_limit = match conn.command(Ehlo::new(hello_name())).await {
            Ok(r) => r
                .message()
                .find_map(|line| {
                    let mut words = line.split_whitespace();
                    words
                        .next()
                        .filter(|w| w.eq_ignore_ascii_case("SIZE"))
                        .map(|_| words.next().and_then(|n| n.parse::<u64>().ok()))
                })
                .flatten()
                .filter(|n| *n > 0),
            Err(e) => return Err(map_error(&e, &host, port)),
        };
        let info = conn.server_info();
        let offers_auth = info.supports_auth_mechanism(Mechanism::Plain)
            || info.supports_auth_mechanism(Mechanism::Login);
        // A server that offers no AUTH (a local relay) is used without; one
        // that wants it after all refuses MAIL with 530 (SendAuthFailed).
        if !target.username.is_empty() && offers_auth {
            let creds = Credentials::new(target.username, target.password);
            if let Err(e) = conn
                .auth(&[Mechanism::Plain, Mechanism::Login], &creds)
                .await
            {
                return Err(match code(&e) {
                    Some(_) => SyncError::SendAuthFailed(reply(&e)),
                    None if e.is_client() => SyncError::SendAuthFailed(reply(&e)),
                    None => map_error(&e, &host, port),
                });
            }
        }
        Ok(Session {
            conn,
            host,
            port,
            size_limit,
        })
    }

    /// `MAIL FROM` and `RCPT TO` for every recipient.
    pub async fn envelope(
        &mut self,
        from: &str,
        to: &[String],
        raw: &[u8],
    ) -> Result<(), SyncError> {
        if let Some(limit) = self.size_limit
            && raw.len() as u64 > limit
        {
            return Err(SyncError::MessageTooLarge(format!(
                "{} > {limit} bytes",
                raw.len()
            )));
        }
        let info = self.conn.server_info();
        let mut params = Vec::new();
        if info.supports_feature(Extension::EightBitMime) && !raw.is_ascii() {
            params.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let non_ascii = !from.is_ascii() || to.iter().any(|t| !t.is_ascii());
        if non_ascii && info.supports_feature(Extension::SmtpUtfEight) {
            params.push(MailParameter::SmtpUtfEight);
        }
        if self.size_limit.is_some() {
            params.push(MailParameter::Size(raw.len()));
        }
        let sender: lettre::Address = from
            .parse()
            .map_err(|_| SyncError::Compose(format!("bad sender address {from}")))?;
        if let Err(e) = self.conn.command(Mail::new(Some(sender), params)).await {
            return Err(self.refusal(&e, None));
        }
        for rcpt in to {
            let address: lettre::Address =
                rcpt.parse().map_err(|_| SyncError::RecipientRejected {
                    address: rcpt.clone(),
                    reply: String::new(),
                })?;
            if let Err(e) = self.conn.command(Rcpt::new(address, Vec::new())).await {
                return Err(self.refusal(&e, Some(rcpt)));
            }
        }
        Ok(())
    }

    /// `DATA` and the message; Ok once the server said 250.
    pub async fn data(&mut self, raw: &[u8]) -> Result<(), DataError> {
        if let Err(e) = self.conn.command(Data).await {
            return Err(DataError::NotSent(self.refusal(&e, None)));
        }
        match self.conn.message(raw).await {
            Ok(_) => Ok(()),
            // A reply with a code: the server decided, and it said no.
            Err(e) if code(&e).is_some() => Err(DataError::NotSent(self.refusal(&e, None))),
            Err(e) => Err(DataError::MaybeSent(map_error(&e, &self.host, self.port))),
        }
    }

    /// Start over after a refused message (`RSET`), keeping the connection.
    pub async fn reset(&mut self) -> Result<(), SyncError> {
        self.conn
            .command(lettre::transport::smtp::commands::Rset)
            .await
            .map(|_| ())
            .map_err(|e| map_error(&e, &self.host, self.port))
    }

    pub async fn quit(mut self) {
        let _ = self.conn.quit().await;
    }

    fn refusal(&self, e: &lettre::transport::smtp::Error, rcpt: Option<&String>) -> SyncError {
        match (code(e), rcpt) {
            (Some(552 | 523), _) => SyncError::MessageTooLarge(reply(e)),
            (Some(c), Some(rcpt)) if c >= 500 => SyncError::RecipientRejected {
                address: rcpt.clone(),
                reply: reply(e),
            },
            (Some(530 | 535), None) => SyncError::SendAuthFailed(reply(e)),
            (Some(_), _) => SyncError::SendRefused(reply(e)),
            (None, _) => map_error(e, &self.host, self.port),
        }
    }
}

/// A lettre error that is not a server's reply: the network's.
fn map_error(e: &lettre::transport::smtp::Error, host: &str, port: u16) -> SyncError {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<io::Error>() {
            return SyncError::Net(NetError::from_io(io, host, port));
        }
        source = s.source();
    }
    if code(e).is_some() {
        return SyncError::SendRefused(reply(e));
    }
    if e.is_response() {
        // "incomplete response": the server closed the connection.
        return SyncError::Net(NetError::ConnectionLost {
            host: host.to_owned(),
            port,
        });
    }
    SyncError::Net(NetError::Protocol {
        host: host.to_owned(),
        reason: e.to_string(),
    })
}
