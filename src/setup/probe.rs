//! Probing: is there an IMAP, POP3 or SMTP server at the usual names and
//! ports of a domain? All candidates are tried at once with short timeouts;
//! a candidate counts only when it greets in the right protocol.
//!
//! - STARTTLS ports (143, 110, 587): the greeting is read and checked
//!   before TLS starts, so a server whose certificate is not trusted (yet)
//!   still counts: the connection test will show the certificate.
//! - Implicit-TLS ports (993, 995, 465): the greeting is read over TLS, so
//!   with an untrusted certificate it cannot be checked. Such a port counts
//!   only when the same host greeted correctly on the STARTTLS port.
//! - A server offering no TLS at all is kept as a last resort (plain text).

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::ServerSettings;
use crate::net::{self, Endpoint, NetError, Protocol, Security, Timeouts, Trust};

/// What one connection attempt showed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// Greeting checked, TLS (if any) trusted.
    Works,
    /// Greeting checked; TLS came up but the certificate is not trusted.
    Untrusted,
    /// TLS handshake reached but certificate untrusted; greeting not seen.
    UntrustedUnchecked,
    /// Greeting checked, but STARTTLS is not offered.
    NoTls,
    /// Nothing usable.
    Nothing,
}

/// Candidate host prefixes and ports for a protocol.
fn candidates(proto: Protocol) -> (&'static [&'static str], [(u16, Security); 2]) {
    match proto {
        Protocol::Imap => (
            &["imap.", "mail."],
            [(993, Security::Tls), (143, Security::StartTls)],
        ),
        Protocol::Pop3 => (
            &["pop.", "pop3.", "mail."],
            [(995, Security::Tls), (110, Security::StartTls)],
        ),
        Protocol::Smtp => (
            &["smtp.", "mail."],
            [(465, Security::Tls), (587, Security::StartTls)],
        ),
    }
}

/// Where to really connect (tests map names and ports to a local server).
pub(crate) fn target(
    connect_to: &HashMap<String, (String, u16)>,
    host: &str,
    port: u16,
) -> (String, u16) {
    connect_to
        .get(&format!("{host}:{port}"))
        .cloned()
        .unwrap_or_else(|| (host.to_owned(), port))
}

/// How to reach the candidates (shared by all attempts).
struct Reach {
    trust: Trust,
    timeouts: Timeouts,
    connect_to: HashMap<String, (String, u16)>,
    only_mapped: bool,
}

async fn try_one(
    proto: Protocol,
    host: String,
    port: u16,
    security: Security,
    reach: Arc<Reach>,
) -> Outcome {
    if reach.only_mapped && !reach.connect_to.contains_key(&format!("{host}:{port}")) {
        return Outcome::Nothing;
    }
    let (trust, timeouts) = (&reach.trust, &reach.timeouts);
    let (real_host, real_port) = target(&reach.connect_to, &host, port);
    let ep = Endpoint {
        host: real_host,
        port: real_port,
        security,
    };
    let result = net::connect(&ep, proto, trust, timeouts).await;
    let outcome = match (&result, security) {
        (Ok(_), _) => Outcome::Works,
        (Err(NetError::CertificateNotTrusted { .. }), Security::StartTls) => Outcome::Untrusted,
        (Err(NetError::CertificateNotTrusted { .. }), _) => Outcome::UntrustedUnchecked,
        (Err(NetError::StartTlsNotOffered { .. }), _) => Outcome::NoTls,
        (Err(e), _) => {
            tracing::debug!("probe {host}:{port} ({proto:?}): {e}");
            Outcome::Nothing
        }
    };
    if let Ok(conn) = result {
        // Be polite; the answer does not matter.
        let mut stream = conn.stream;
        let bye: &[u8] = match proto {
            Protocol::Imap => b"Z LOGOUT\r\n",
            Protocol::Pop3 | Protocol::Smtp => b"QUIT\r\n",
        };
        let _ = tokio::io::AsyncWriteExt::write_all(&mut stream, bye).await;
    }
    outcome
}

/// A server found by probing, with what was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probed {
    pub server: ServerSettings,
    /// The greeting was seen (always, except for an implicit-TLS port whose
    /// certificate is not trusted yet).
    pub checked: bool,
}

/// Probe `domain` for `proto`; the best server found. `email` is the user
/// name reported. With `only_mapped`, hosts not in `connect_to` are
/// not tried (tests).
pub async fn probe(
    proto: Protocol,
    domain: &str,
    email: &str,
    trust: &Trust,
    timeouts: Timeouts,
    connect_to: &HashMap<String, (String, u16)>,
    only_mapped: bool,
) -> Option<Probed> {
    let (prefixes, ports) = candidates(proto);
    // A JoinSet: dropping the lookup (cancel) aborts every attempt.
    let reach = Arc::new(Reach {
        trust: trust.clone(),
        timeouts,
        connect_to: connect_to.clone(),
        only_mapped,
    });
    let mut set = tokio::task::JoinSet::new();
    let mut results = Vec::new();
    for prefix in prefixes {
        let host = format!("{prefix}{domain}");
        for (port, security) in ports {
            let index = results.len();
            results.push((host.clone(), port, security, Outcome::Nothing));
            let fut = try_one(proto, host.clone(), port, security, reach.clone());
            set.spawn(async move { (index, fut.await) });
        }
    }
    while let Some(done) = set.join_next().await {
        if let Ok((index, outcome)) = done
            && let Some(slot) = results.get_mut(index)
        {
            slot.3 = outcome;
        }
    }
    choose(&results, email)
}

/// The best of the probe results, in candidate order within each rank.
fn choose(results: &[(String, u16, Security, Outcome)], email: &str) -> Option<Probed> {
    let settings = |host: &str, port: u16, security: Security| ServerSettings {
        host: host.to_owned(),
        port,
        security,
        username: email.to_owned(),
    };
    let greeted_on_starttls = |host: &str| {
        results.iter().any(|(h, _, s, o)| {
            h == host
                && *s == Security::StartTls
                && matches!(o, Outcome::Works | Outcome::Untrusted)
        })
    };
    // 1. Implicit TLS that works.
    if let Some((h, p, s, _)) = results
        .iter()
        .find(|(_, _, s, o)| *s == Security::Tls && *o == Outcome::Works)
    {
        return Some(Probed {
            server: settings(h, *p, *s),
            checked: true,
        });
    }
    // 2. STARTTLS that works.
    if let Some((h, p, s, _)) = results
        .iter()
        .find(|(_, _, s, o)| *s == Security::StartTls && *o == Outcome::Works)
    {
        return Some(Probed {
            server: settings(h, *p, *s),
            checked: true,
        });
    }
    // 3. Implicit TLS, certificate untrusted, protocol seen on STARTTLS.
    if let Some((h, p, s, _)) = results
        .iter()
        .find(|(h, _, _, o)| *o == Outcome::UntrustedUnchecked && greeted_on_starttls(h))
    {
        return Some(Probed {
            server: settings(h, *p, *s),
            checked: true,
        });
    }
    // 4. STARTTLS, certificate untrusted.
    if let Some((h, p, s, _)) = results.iter().find(|(_, _, _, o)| *o == Outcome::Untrusted) {
        return Some(Probed {
            server: settings(h, *p, *s),
            checked: true,
        });
    }
    // 5. No TLS at all: plain text on the STARTTLS port.
    results
        .iter()
        .find(|(_, _, _, o)| *o == Outcome::NoTls)
        .map(|(h, p, _, _)| Probed {
            server: settings(h, *p, Security::Plain),
            checked: true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(host: &str, port: u16, s: Security, o: Outcome) -> (String, u16, Security, Outcome) {
        (host.to_owned(), port, s, o)
    }

    #[test]
    fn choosing() {
        use Outcome::*;
        use Security::*;
        let pick = |rs: &[(String, u16, Security, Outcome)]| {
            choose(rs, "a@x").map(|p| (p.server.host, p.server.port, p.server.security))
        };
        assert_eq!(
            pick(&[
                r("imap.x", 993, Tls, Nothing),
                r("imap.x", 143, StartTls, Works),
                r("mail.x", 993, Tls, Works),
            ]),
            Some(("mail.x".into(), 993, Tls))
        );
        assert_eq!(
            pick(&[
                r("imap.x", 993, Tls, UntrustedUnchecked),
                r("imap.x", 143, StartTls, Untrusted),
            ]),
            Some(("imap.x".into(), 993, Tls))
        );
        // An untrusted TLS port alone proves nothing.
        assert_eq!(pick(&[r("imap.x", 993, Tls, UntrustedUnchecked)]), None);
        assert_eq!(
            pick(&[r("mail.x", 143, StartTls, NoTls)]),
            Some(("mail.x".into(), 143, Plain))
        );
        assert_eq!(pick(&[]), None);
    }
}
