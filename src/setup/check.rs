//! The connection test: log in to the incoming server (IMAP or POP3,
//! through the engines' own login code) and to the outgoing SMTP server,
//! and say in plain words what failed.

use crate::config::{Account, MailProtocol};
use crate::fl;
use crate::net::{Endpoint, NetError, Security, Timeouts, Trust};
use crate::sync::{AccountCtx, SyncError};

/// Why a login test failed, in words the wizard can show.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CheckFailure {
    /// The server name does not resolve.
    HostNotFound { host: String },
    /// Nothing listens on that port.
    Refused { host: String, port: u16 },
    /// No answer in time.
    TimedOut { host: String, port: u16 },
    /// The certificate is not trusted; `name`: the names it was issued for
    /// (DNS names, else the subject's common name). Trusting it is the
    /// user's explicit choice: `account.trusted_cert = Some(fingerprint)`.
    Untrusted {
        host: String,
        name: String,
        fingerprint: String,
    },
    /// The server refused the user name or password.
    WrongPassword,
    /// Something else answers there (`what`: "IMAP", "POP3", "SMTP"), or an
    /// SMTP server that offers no login.
    NotOffered { what: String },
    /// The server refuses a password over a plain-text connection
    /// (LOGINDISABLED, PRIVACYREQUIRED, SMTP AUTH only after STARTTLS).
    PlainLoginRefused,
    /// STARTTLS was chosen but the server does not offer it.
    TlsNotOffered { host: String, port: u16 },
    /// Anything else, already in the user's words.
    Other { reason: String },
}

impl CheckFailure {
    /// Translated, plain words, what to do.
    pub fn user_message(&self) -> String {
        match self {
            CheckFailure::HostNotFound { host } => {
                fl!("setup-fail-host-not-found", host = host.as_str())
            }
            CheckFailure::Refused { host, port } => fl!(
                "setup-fail-refused",
                host = host.as_str(),
                port = port.to_string()
            ),
            CheckFailure::TimedOut { host, port } => fl!(
                "setup-fail-timed-out",
                host = host.as_str(),
                port = port.to_string()
            ),
            CheckFailure::Untrusted {
                host,
                name,
                fingerprint,
            } => fl!(
                "setup-fail-untrusted",
                host = host.as_str(),
                name = if name.is_empty() { "?" } else { name.as_str() },
                fingerprint = fingerprint.as_str()
            ),
            CheckFailure::WrongPassword => fl!("setup-fail-wrong-password"),
            CheckFailure::NotOffered { what } => {
                fl!("setup-fail-not-offered", what = what.as_str())
            }
            CheckFailure::PlainLoginRefused => fl!("setup-fail-plain-login-refused"),
            CheckFailure::TlsNotOffered { host, port } => fl!(
                "setup-fail-tls-not-offered",
                host = host.as_str(),
                port = port.to_string()
            ),
            CheckFailure::Other { reason } => fl!("setup-fail-other", reason = reason.as_str()),
        }
    }

    /// The failure for a network error while talking `what`.
    pub fn from_net(e: NetError, what: &str) -> CheckFailure {
        match e {
            NetError::HostNotFound { host } => CheckFailure::HostNotFound { host },
            NetError::Refused { host, port } => CheckFailure::Refused { host, port },
            NetError::Timeout { host, port } => CheckFailure::TimedOut { host, port },
            NetError::CertificateNotTrusted {
                host,
                name,
                fingerprint,
            } => CheckFailure::Untrusted {
                host,
                name,
                fingerprint,
            },
            NetError::StartTlsNotOffered { host, port } => {
                CheckFailure::TlsNotOffered { host, port }
            }
            // Another protocol's greeting (or none that makes sense).
            NetError::Protocol { .. } => CheckFailure::NotOffered {
                what: what.to_owned(),
            },
            other => CheckFailure::Other {
                reason: other.user_message(),
            },
        }
    }

    /// The failure for an engine error from an incoming login.
    fn from_sync(e: SyncError, what: &str, security: Security) -> CheckFailure {
        match e {
            SyncError::Net(n) => CheckFailure::from_net(n, what),
            SyncError::AuthenticationFailed(reply) if plain_refusal(&reply, security) => {
                CheckFailure::PlainLoginRefused
            }
            SyncError::AuthenticationFailed(_) => CheckFailure::WrongPassword,
            other => CheckFailure::Other {
                reason: other.user_message(),
            },
        }
    }
}

/// A refused login that is about encryption, not the password
/// (RFC 5530 PRIVACYREQUIRED, Dovecot's "Plaintext authentication
/// disallowed …", SMTP 538 "Encryption required").
fn plain_refusal(reply: &str, security: Security) -> bool {
    let upper = reply.to_ascii_uppercase();
    upper.contains("[PRIVACYREQUIRED]")
        || (security == Security::Plain
            && [
                "PLAINTEXT",
                "LOGINDISABLED",
                "ENCRYPTION",
                "SSL/TLS",
                "STARTTLS",
            ]
            .iter()
            .any(|w| upper.contains(w)))
}

/// The result of testing an account's incoming and outgoing servers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub incoming: Result<(), CheckFailure>,
    pub outgoing: Result<(), CheckFailure>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.incoming.is_ok() && self.outgoing.is_ok()
    }
}

/// Log in to the incoming and the outgoing server of `account` at once,
/// trusting what the account trusts (the system's certificates and the
/// one the user pinned, [`AccountCtx::trust_for`]).
pub async fn check(account: &Account, password: &str, timeouts: &Timeouts) -> CheckReport {
    check_with(account, password, &AccountCtx::trust_for(account), timeouts).await
}

/// [`check`] with the certificates to accept given explicitly.
pub async fn check_with(
    account: &Account,
    password: &str,
    trust: &Trust,
    timeouts: &Timeouts,
) -> CheckReport {
    let (incoming, outgoing) = tokio::join!(
        check_incoming(account, password, trust, timeouts),
        check_outgoing(account, password, trust, timeouts)
    );
    CheckReport { incoming, outgoing }
}

/// Log in to the incoming server (IMAP or POP3) and out again.
pub async fn check_incoming(
    account: &Account,
    password: &str,
    trust: &Trust,
    timeouts: &Timeouts,
) -> Result<(), CheckFailure> {
    let s = &account.incoming;
    let endpoint = Endpoint {
        host: s.host.clone(),
        port: s.port,
        security: s.security,
    };
    match account.protocol {
        MailProtocol::Imap => crate::sync::imap::login_check(crate::sync::imap::Login {
            endpoint,
            user: s.username.clone(),
            password: password.to_owned(),
            trust: trust.clone(),
            timeouts: *timeouts,
        })
        .await
        .map_err(|e| CheckFailure::from_sync(e, "IMAP", s.security)),
        MailProtocol::Pop3 => {
            crate::sync::pop::login_check(&endpoint, trust, timeouts, &s.username, password)
                .await
                .map_err(|e| CheckFailure::from_sync(e, "POP3", s.security))
        }
    }
}

/// Log in to the outgoing (SMTP) server.
pub async fn check_outgoing(
    account: &Account,
    password: &str,
    trust: &Trust,
    timeouts: &Timeouts,
) -> Result<(), CheckFailure> {
    let s = &account.outgoing;
    let endpoint = Endpoint {
        host: s.host.clone(),
        port: s.port,
        security: s.security,
    };
    smtp_login_check(&endpoint, &s.username, password, trust, timeouts).await
}

/// What a refused SMTP login means. lettre words a refusal as
/// `permanent error (535): …`, and the lack of a usable mechanism as
/// `… No compatible authentication mechanism was found`.
fn smtp_auth_failure(reply: &str, security: Security) -> CheckFailure {
    let has = |code: &str| reply.contains(&format!("({code})"));
    if has("538") || has("534") || (plain_refusal(reply, security) && !has("535")) {
        // 538: encryption required for this mechanism (RFC 4954).
        CheckFailure::PlainLoginRefused
    } else if has("535") {
        CheckFailure::WrongPassword
    } else if reply.contains("No compatible authentication mechanism") {
        if security == Security::Plain {
            // Servers offer AUTH only once the connection is encrypted.
            CheckFailure::PlainLoginRefused
        } else {
            CheckFailure::NotOffered {
                what: "SMTP AUTH".into(),
            }
        }
    } else {
        CheckFailure::Other {
            reason: reply.chars().take(300).collect(),
        }
    }
}

/// Connect to an SMTP server (TLS or STARTTLS as `ep` says), EHLO and log
/// in, through the sender's own code ([`crate::sync::smtp::Session`]);
/// then QUIT. No mail is sent.
pub async fn smtp_login_check(
    ep: &Endpoint,
    user: &str,
    password: &str,
    trust: &Trust,
    timeouts: &Timeouts,
) -> Result<(), CheckFailure> {
    let target = crate::sync::smtp::Target {
        endpoint: ep.clone(),
        trust: trust.clone(),
        timeouts: *timeouts,
        username: user.to_owned(),
        password: password.to_owned(),
    };
    match crate::sync::smtp::Session::open(target).await {
        Ok(session) => {
            session.quit().await;
            Ok(())
        }
        Err(SyncError::Net(n)) => Err(CheckFailure::from_net(n, "SMTP")),
        Err(SyncError::SendAuthFailed(reply)) => Err(smtp_auth_failure(&reply, ep.security)),
        Err(other) => Err(CheckFailure::Other {
            reason: other.user_message(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_has_a_message() {
        let all = [
            CheckFailure::HostNotFound {
                host: "h.se".into(),
            },
            CheckFailure::Refused {
                host: "h.se".into(),
                port: 993,
            },
            CheckFailure::TimedOut {
                host: "h.se".into(),
                port: 993,
            },
            CheckFailure::Untrusted {
                host: "h.se".into(),
                name: "other.se".into(),
                fingerprint: "AB:CD".into(),
            },
            CheckFailure::WrongPassword,
            CheckFailure::NotOffered {
                what: "POP3".into(),
            },
            CheckFailure::PlainLoginRefused,
            CheckFailure::TlsNotOffered {
                host: "h.se".into(),
                port: 143,
            },
            CheckFailure::Other { reason: "x".into() },
        ];
        for f in all {
            let m = f.user_message();
            assert!(!m.is_empty() && !m.contains("setup-"), "{f:?}: {m}");
        }
        let u = CheckFailure::Untrusted {
            host: "h.se".into(),
            name: "other.se".into(),
            fingerprint: "AB:CD".into(),
        }
        .user_message();
        assert!(u.contains("other.se") && u.contains("AB:CD"), "{u}");
    }

    #[test]
    fn refusals_about_encryption_are_not_wrong_passwords() {
        let dovecot = "[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";
        assert_eq!(
            CheckFailure::from_sync(
                SyncError::AuthenticationFailed(dovecot.into()),
                "IMAP",
                Security::Plain
            ),
            CheckFailure::PlainLoginRefused
        );
        assert_eq!(
            CheckFailure::from_sync(
                SyncError::AuthenticationFailed(
                    "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.".into()
                ),
                "POP3",
                Security::Plain
            ),
            CheckFailure::PlainLoginRefused
        );
        assert_eq!(
            CheckFailure::from_sync(
                SyncError::AuthenticationFailed(
                    "[AUTHENTICATIONFAILED] Authentication failed.".into()
                ),
                "IMAP",
                Security::Tls
            ),
            CheckFailure::WrongPassword
        );
        assert_eq!(
            CheckFailure::from_net(
                NetError::Protocol {
                    host: "h".into(),
                    reason: "not an IMAP greeting".into()
                },
                "IMAP"
            ),
            CheckFailure::NotOffered {
                what: "IMAP".into()
            }
        );
    }

    #[test]
    fn smtp_refusals() {
        use Security::*;
        let f = smtp_auth_failure;
        assert_eq!(
            f(
                "permanent error (535): 5.7.8 Authentication credentials invalid",
                Tls
            ),
            CheckFailure::WrongPassword
        );
        assert_eq!(
            f("permanent error (538): 5.7.11 Encryption required", Plain),
            CheckFailure::PlainLoginRefused
        );
        assert_eq!(
            f(
                "internal client error: No compatible authentication mechanism was found",
                Plain
            ),
            CheckFailure::PlainLoginRefused
        );
        assert_eq!(
            f(
                "internal client error: No compatible authentication mechanism was found",
                Tls
            ),
            CheckFailure::NotOffered {
                what: "SMTP AUTH".into()
            }
        );
        assert!(matches!(
            f("transient error (454): 4.7.0 try later", Tls),
            CheckFailure::Other { .. }
        ));
    }
}
