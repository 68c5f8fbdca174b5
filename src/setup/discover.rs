//! Finding an address's server settings, each with where it came from:
//!
//! 1. Brev's built-in list of providers ([`super::providers`]): answered at
//!    once, nothing is asked on the network.
//! 2. Otherwise, all at once, each with its own short timeout:
//!    - the provider's autoconfig file ([`super::autoconfig`]),
//!    - RFC 6186 SRV records (`_imaps._tcp`, `_imap._tcp`, `_pop3s._tcp`,
//!      `_pop3._tcp`, `_submissions._tcp`, `_submission._tcp`),
//!    - the MX record: a mail exchanger of a known provider (a company
//!      domain at Google or Microsoft) gives that provider's settings,
//!      another one the autoconfig file of the exchanger's domain,
//!    - probing the usual names and ports ([`super::probe`]).
//!
//!    For each of IMAP, POP3 and SMTP the most trusted answer wins, in that
//!    order. The whole lookup takes a few seconds at most; dropping the
//!    future cancels it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::autoconfig::{self, ConfigFile, ServerKind};
use super::dns::{DnsSource, SystemDns, order_srv};
use super::http::Fetcher;
use super::probe;
use super::providers::{self, Provider};
use crate::config::ServerSettings;
use crate::fl;
use crate::net::{Protocol, Security, Timeouts, Trust};

/// Where a setting came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Source {
    /// Brev's built-in list of providers.
    Builtin { provider: String },
    /// The provider's autoconfig file (Thunderbird's `config-v1.1.xml`).
    Autoconfig { url: String },
    /// An RFC 6186 SRV record.
    Srv { record: String },
    /// The address domain's mail exchanger (MX record) `domain`.
    Mx { domain: String },
    /// A server that answered on a usual name and port.
    Probe,
    /// Typed in by the user.
    Manual,
}

impl Source {
    /// Where the setting came from, in the user's words.
    pub fn describe(&self) -> String {
        match self {
            Source::Builtin { provider } => {
                fl!("setup-source-builtin", provider = provider.as_str())
            }
            Source::Autoconfig { url } => fl!("setup-source-autoconfig", url = url.as_str()),
            Source::Srv { record } => fl!("setup-source-srv", record = record.as_str()),
            Source::Mx { domain } => fl!("setup-source-mx", host = domain.as_str()),
            Source::Probe => fl!("setup-source-probe"),
            Source::Manual => fl!("setup-source-manual"),
        }
    }
}

/// One server setting and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Found {
    pub server: ServerSettings,
    pub source: Source,
}

/// What the lookup found for an address.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Discovered {
    /// The provider's name, when known.
    pub provider: Option<String>,
    pub imap: Option<Found>,
    pub pop: Option<Found>,
    pub smtp: Option<Found>,
    /// The server files sent mail itself (Gmail): don't APPEND to Sent.
    pub files_sent_mail: bool,
    /// What was tried, for `brev discover` (translated lines).
    pub log: Vec<String>,
}

impl Discovered {
    /// Nothing at all was found.
    pub fn is_empty(&self) -> bool {
        self.imap.is_none() && self.pop.is_none() && self.smtp.is_none()
    }
}

/// How to look up: the real internet ([`Lookup::system`]) or what a test
/// supplies.
#[derive(Clone, Debug)]
pub struct Lookup {
    /// SRV and MX answers.
    pub dns: Arc<dyn DnsSource>,
    /// Certificates accepted for autoconfig over HTTPS and while probing.
    pub trust: Trust,
    /// `host:port` → the `host:port` to connect to instead (tests map
    /// `autoconfig.example.test:443` or `imap.example.test:993` to a local
    /// server). Certificates are checked for the replacement host.
    pub connect_to: HashMap<String, (String, u16)>,
    /// Connect only to `connect_to` entries; every other host is "not
    /// found" (keeps tests off the network).
    pub only_mapped: bool,
    /// Each autoconfig GET, redirects included.
    pub http_timeout: Duration,
    /// Each DNS question.
    pub dns_timeout: Duration,
    /// Each probe connection.
    pub probe_timeouts: Timeouts,
    /// Largest autoconfig file accepted.
    pub max_file: usize,
    /// The longest any step (autoconfig, SRV, MX, probing) may take; what
    /// has not answered by then is left out.
    pub deadline: Duration,
}

impl Lookup {
    /// The real DNS, the real web, the system's certificates.
    pub fn system() -> Lookup {
        Lookup {
            dns: Arc::new(SystemDns::default()),
            trust: Trust::system(),
            connect_to: HashMap::new(),
            only_mapped: false,
            http_timeout: Duration::from_secs(4),
            dns_timeout: Duration::from_secs(3),
            probe_timeouts: Timeouts {
                connect: Duration::from_secs(3),
                io: Duration::from_secs(3),
            },
            max_file: 256 * 1024,
            deadline: Duration::from_secs(6),
        }
    }

    fn fetcher(&self) -> Fetcher {
        Fetcher {
            system_roots: self.trust.system_roots,
            extra_roots: self.trust.extra_roots.clone(),
            connect_to: self.connect_to.clone(),
            only_mapped: self.only_mapped,
            timeout: self.http_timeout,
            max_body: self.max_file,
        }
    }
}

/// Settings from one step, for the three kinds of server.
#[derive(Debug, Default)]
struct Partial {
    provider: Option<String>,
    imap: Option<Found>,
    pop: Option<Found>,
    smtp: Option<Found>,
    files_sent_mail: bool,
    log: Vec<String>,
}

impl Partial {
    fn from_provider(p: &Provider, email: &str, source: &Source) -> Partial {
        let found = |s: Option<providers::Server>| {
            s.map(|s| Found {
                server: s.settings(email),
                source: source.clone(),
            })
        };
        Partial {
            provider: Some(p.name.to_owned()),
            imap: found(p.imap),
            pop: found(p.pop),
            smtp: found(p.smtp),
            files_sent_mail: p.files_sent_mail,
            log: Vec::new(),
        }
    }

    fn from_file(file: &ConfigFile, url: &str) -> Partial {
        let found = |kind| {
            file.best(kind).map(|server| Found {
                server,
                source: Source::Autoconfig {
                    url: url.to_owned(),
                },
            })
        };
        Partial {
            provider: file.provider.clone(),
            imap: found(ServerKind::Imap),
            pop: found(ServerKind::Pop3),
            smtp: found(ServerKind::Smtp),
            files_sent_mail: false,
            log: Vec::new(),
        }
    }

    fn any(&self) -> bool {
        self.imap.is_some() || self.pop.is_some() || self.smtp.is_some()
    }
}

/// `kalle@Example.SE` → (`kalle`, `example.se`), the domain in ASCII
/// (IDNA); `None` when it is not an address.
fn split_address(email: &str) -> Option<(String, String)> {
    let email = email.trim();
    let (local, domain) = email.rsplit_once('@')?;
    if local.is_empty() || local.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let domain = idna::domain_to_ascii(domain.trim_end_matches('.')).ok()?;
    let valid = domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-'))
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    valid.then(|| (local.to_owned(), domain))
}

/// Find the settings for `email`. Cancel by dropping the future.
pub async fn discover(email: &str, lookup: &Lookup) -> Discovered {
    let mut found = Discovered::default();
    let Some((local, domain)) = split_address(email) else {
        found
            .log
            .push(fl!("setup-log-bad-address", email = email.to_owned()));
        return found;
    };
    // The address as servers will see it (domain in ASCII).
    let email = format!("{local}@{domain}");
    if let Some(p) = providers::by_domain(&domain) {
        let source = Source::Builtin {
            provider: p.name.to_owned(),
        };
        let mut part = Partial::from_provider(p, &email, &source);
        part.log
            .push(fl!("setup-log-builtin", provider = p.name.to_owned()));
        merge(&mut found, [part]);
        return found;
    }
    let cap = |step| capped(lookup.deadline, &domain, step);
    let (from_file, from_srv, from_mx, from_probe) = tokio::join!(
        cap(Box::pin(autoconfig_step(&domain, &email, lookup))),
        cap(Box::pin(srv_step(&domain, &email, lookup))),
        cap(Box::pin(mx_step(&domain, &email, lookup))),
        cap(Box::pin(probe_step(&domain, &email, lookup))),
    );
    merge(&mut found, [from_file, from_srv, from_mx, from_probe]);
    if found.is_empty() {
        found.log.push(fl!("setup-log-nothing", domain = domain));
    }
    found
}

/// A step's result, or nothing (and a log line) once `deadline` passed.
async fn capped(
    deadline: Duration,
    domain: &str,
    step: std::pin::Pin<Box<dyn std::future::Future<Output = Partial> + Send + '_>>,
) -> Partial {
    match tokio::time::timeout(deadline, step).await {
        Ok(part) => part,
        Err(_) => Partial {
            log: vec![fl!("setup-log-too-slow", domain = domain)],
            ..Partial::default()
        },
    }
}

/// Fill `into` from `parts`, most trusted first: the first answer for each
/// kind of server wins; logs are kept in order.
fn merge<const N: usize>(into: &mut Discovered, parts: [Partial; N]) {
    for part in parts {
        let mut used = false;
        for (slot, new) in [
            (&mut into.imap, part.imap),
            (&mut into.pop, part.pop),
            (&mut into.smtp, part.smtp),
        ] {
            if slot.is_none() && new.is_some() {
                *slot = new;
                used = true;
            }
        }
        if used {
            if into.provider.is_none() {
                into.provider = part.provider;
            }
            into.files_sent_mail |= part.files_sent_mail;
        }
        into.log.extend(part.log);
    }
}

/// (b) The autoconfig file of `domain`: all URLs at once, the first that
/// worked in the order of [`autoconfig::urls`] wins.
async fn autoconfig_step(domain: &str, email: &str, lookup: &Lookup) -> Partial {
    let fetcher = lookup.fetcher();
    let urls = autoconfig::urls(domain, email);
    let mut set = tokio::task::JoinSet::new();
    for (i, url) in urls.iter().enumerate() {
        let (fetcher, url, email) = (fetcher.clone(), url.clone(), email.to_owned());
        set.spawn(async move {
            let result = match fetcher.get(&url).await {
                Ok((body, final_url)) => {
                    let text = String::from_utf8_lossy(&body);
                    autoconfig::parse(&text, &email)
                        .map(|file| (file, final_url))
                        .map_err(|e| e.to_string())
                }
                Err(e) => Err(e.to_string()),
            };
            (i, result)
        });
    }
    let mut results: Vec<Option<Result<(ConfigFile, String), String>>> = vec![None; urls.len()];
    while let Some(done) = set.join_next().await {
        if let Ok((i, r)) = done
            && let Some(slot) = results.get_mut(i)
        {
            *slot = Some(r);
        }
    }
    let mut log = Vec::new();
    for (url, result) in urls.iter().zip(results) {
        match result {
            Some(Ok((file, final_url))) => {
                let mut part = Partial::from_file(&file, &final_url);
                if part.any() {
                    log.push(fl!("setup-log-autoconfig-found", url = final_url));
                    part.log = log;
                    return part;
                }
                log.push(fl!(
                    "setup-log-autoconfig-none",
                    url = url.as_str(),
                    reason = "no usable server"
                ));
            }
            Some(Err(reason)) => log.push(fl!(
                "setup-log-autoconfig-none",
                url = url.as_str(),
                reason = reason
            )),
            None => {}
        }
    }
    Partial {
        log,
        ..Partial::default()
    }
}

/// (c) RFC 6186 SRV records; implicit TLS before STARTTLS.
async fn srv_step(domain: &str, email: &str, lookup: &Lookup) -> Partial {
    let names = [
        ("_imaps._tcp", Security::Tls),
        ("_imap._tcp", Security::StartTls),
        ("_pop3s._tcp", Security::Tls),
        ("_pop3._tcp", Security::StartTls),
        ("_submissions._tcp", Security::Tls),
        ("_submission._tcp", Security::StartTls),
    ];
    let dns = lookup.dns.clone();
    let answers = names.map(|(service, _)| {
        let record = format!("{service}.{domain}");
        let dns = dns.clone();
        let timeout = lookup.dns_timeout;
        async move {
            let answer = tokio::time::timeout(timeout, dns.srv(&record)).await;
            (record, answer)
        }
    });
    let [a, b, c, d, e, f] = answers;
    let results = tokio::join!(a, b, c, d, e, f);
    let results = [
        results.0, results.1, results.2, results.3, results.4, results.5,
    ];
    let mut part = Partial::default();
    let mut any_record = false;
    let mut chosen: [Option<Found>; 3] = [None, None, None];
    for ((record, answer), (i, (_, security))) in results.into_iter().zip(names.iter().enumerate())
    {
        let records = match answer {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                part.log.push(fl!(
                    "setup-log-dns-failed",
                    name = record.as_str(),
                    reason = e.to_string()
                ));
                continue;
            }
            Err(_) => {
                part.log.push(fl!(
                    "setup-log-dns-failed",
                    name = record.as_str(),
                    reason = "timed out"
                ));
                continue;
            }
        };
        if records.is_empty() {
            continue;
        }
        any_record = true;
        let Some(ordered) = order_srv(records) else {
            part.log
                .push(fl!("setup-log-srv-not-offered", record = record.as_str()));
            continue;
        };
        let Some(first) = ordered.into_iter().find(|r| valid_host(&r.target)) else {
            continue;
        };
        part.log.push(fl!(
            "setup-log-srv-found",
            record = record.as_str(),
            host = first.target.as_str(),
            port = first.port.to_string()
        ));
        if let Some(slot) = chosen.get_mut(i / 2)
            && slot.is_none()
        {
            *slot = Some(Found {
                server: ServerSettings {
                    host: first.target,
                    port: first.port,
                    security: *security,
                    username: email.to_owned(),
                },
                source: Source::Srv { record },
            });
        }
    }
    if !any_record {
        part.log.push(fl!("setup-log-srv-none", domain = domain));
    }
    let [imap, pop, smtp] = chosen;
    part.imap = imap;
    part.pop = pop;
    part.smtp = smtp;
    part
}

fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// The registrable part of a host name, near enough for MX hosts:
/// `mx1.mail.example.co.uk` → `example.co.uk`, `aspmx.l.google.com` →
/// `google.com`.
fn base_domain(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    let keep = match labels.as_slice() {
        [.., second, tld]
            if n >= 3
                && tld.len() == 2
                && ["co", "com", "net", "org", "ac", "gov", "edu"].contains(second) =>
        {
            3
        }
        _ => 2,
    };
    labels[n.saturating_sub(keep)..].join(".")
}

/// (d) The MX record: a known provider's exchanger, or the autoconfig file
/// of the exchanger's domain.
async fn mx_step(domain: &str, email: &str, lookup: &Lookup) -> Partial {
    let mut part = Partial::default();
    let answer = tokio::time::timeout(lookup.dns_timeout, lookup.dns.mx(domain)).await;
    let mut records = match answer {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            part.log.push(fl!(
                "setup-log-dns-failed",
                name = domain,
                reason = e.to_string()
            ));
            return part;
        }
        Err(_) => {
            part.log.push(fl!(
                "setup-log-dns-failed",
                name = domain,
                reason = "timed out"
            ));
            return part;
        }
    };
    records.retain(|r| valid_host(&r.exchange));
    records.sort_by_key(|r| r.preference);
    let Some(mx) = records.into_iter().next() else {
        part.log.push(fl!("setup-log-mx-none", domain = domain));
        return part;
    };
    let host = mx.exchange;
    part.log
        .push(fl!("setup-log-mx", domain = domain, host = host.as_str()));
    if let Some(p) = providers::by_mx(&host) {
        let mut found = Partial::from_provider(
            p,
            email,
            &Source::Mx {
                domain: host.clone(),
            },
        );
        found.log = part.log;
        found.log.push(fl!(
            "setup-log-mx-provider",
            host = host.as_str(),
            provider = p.name
        ));
        return found;
    }
    let base = base_domain(&host);
    if base == domain || base.is_empty() {
        return part;
    }
    let mut from_file = autoconfig_step(&base, email, lookup).await;
    let mut log = part.log;
    log.append(&mut from_file.log);
    for f in [&mut from_file.imap, &mut from_file.pop, &mut from_file.smtp]
        .into_iter()
        .flatten()
    {
        f.source = Source::Mx {
            domain: host.clone(),
        };
    }
    from_file.log = log;
    from_file
}

/// (e) Probing the usual names and ports, all protocols at once.
async fn probe_step(domain: &str, email: &str, lookup: &Lookup) -> Partial {
    let (t, trust, map) = (lookup.probe_timeouts, &lookup.trust, &lookup.connect_to);
    let only = lookup.only_mapped;
    let (imap, pop, smtp) = tokio::join!(
        probe::probe(Protocol::Imap, domain, email, trust, t, map, only),
        probe::probe(Protocol::Pop3, domain, email, trust, t, map, only),
        probe::probe(Protocol::Smtp, domain, email, trust, t, map, only),
    );
    let mut part = Partial::default();
    for (name, result) in [("IMAP", &imap), ("POP3", &pop), ("SMTP", &smtp)] {
        part.log.push(match result {
            Some(p) => fl!(
                "setup-log-probe-found",
                host = p.server.host.as_str(),
                port = p.server.port.to_string(),
                protocol = name
            ),
            None => fl!("setup-log-probe-none", protocol = name, domain = domain),
        });
    }
    let found = |p: Option<probe::Probed>| {
        p.map(|p| Found {
            server: p.server,
            source: Source::Probe,
        })
    };
    part.imap = found(imap);
    part.pop = found(pop);
    part.smtp = found(smtp);
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            split_address(" kalle@Example.SE "),
            Some(("kalle".into(), "example.se".into()))
        );
        assert_eq!(
            split_address("åsa@räksmörgås.se").map(|(_, d)| d),
            Some("xn--rksmrgs-5wao1o.se".into())
        );
        for bad in [
            "",
            "kalle",
            "@example.se",
            "kalle@",
            "kalle@localhost",
            "a b@x.se",
            "k@x..se",
            "k@-x.se",
            "k@x.se\r\nHost: y",
        ] {
            assert_eq!(split_address(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_lookup_can_run_on_any_thread() {
        fn assert_send<T: Send>(_: &T) {}
        let lookup = Lookup::system();
        let future = discover("a@b.se", &lookup);
        assert_send(&future);
    }

    #[test]
    fn base_domains() {
        assert_eq!(base_domain("aspmx.l.google.com"), "google.com");
        assert_eq!(base_domain("mx1.mail.example.co.uk"), "example.co.uk");
        assert_eq!(base_domain("mx.abv.bg"), "abv.bg");
        assert_eq!(base_domain("example.se"), "example.se");
    }

    #[test]
    fn merging_prefers_earlier_steps() {
        let f = |host: &str, source: Source| Found {
            server: ServerSettings {
                host: host.into(),
                port: 993,
                security: Security::Tls,
                username: "u".into(),
            },
            source,
        };
        let first = Partial {
            imap: Some(f("a", Source::Probe)),
            log: vec!["one".into()],
            ..Partial::default()
        };
        let second = Partial {
            provider: Some("P".into()),
            imap: Some(f("b", Source::Manual)),
            smtp: Some(f("c", Source::Manual)),
            files_sent_mail: true,
            log: vec!["two".into()],
            ..Partial::default()
        };
        let mut d = Discovered::default();
        merge(&mut d, [first, second]);
        assert_eq!(d.imap.map(|f| f.server.host), Some("a".into()));
        assert_eq!(d.smtp.map(|f| f.server.host), Some("c".into()));
        assert_eq!(d.provider.as_deref(), Some("P"));
        assert!(d.files_sent_mail);
        assert_eq!(d.log, ["one", "two"]);
    }
}
