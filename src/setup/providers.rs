//! Brev's built-in list of providers: the large international ones and
//! common Swedish, Norwegian and Bulgarian ones. Only servers whose names
//! and ports the providers publish are here; everything else is left to
//! autoconfig, SRV records and probing.

use crate::config::ServerSettings;
use crate::net::Security;

/// Which user name a server wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserName {
    /// The whole address (`kalle@example.se`).
    Address,
    /// The part before the `@` (`kalle`).
    LocalPart,
}

/// One server of a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Server {
    pub host: &'static str,
    pub port: u16,
    pub security: Security,
    pub user: UserName,
}

impl Server {
    pub fn settings(&self, email: &str) -> ServerSettings {
        let username = match self.user {
            UserName::Address => email.to_owned(),
            UserName::LocalPart => email
                .rsplit_once('@')
                .map(|(local, _)| local.to_owned())
                .unwrap_or_else(|| email.to_owned()),
        };
        ServerSettings {
            host: self.host.to_owned(),
            port: self.port,
            security: self.security,
            username,
        }
    }
}

/// A provider Brev knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provider {
    pub name: &'static str,
    /// Address domains served.
    pub domains: &'static [&'static str],
    /// MX host name endings that mean "this provider hosts the domain"
    /// (a company's own domain at Google or Microsoft).
    pub mx: &'static [&'static str],
    pub imap: Option<Server>,
    pub pop: Option<Server>,
    pub smtp: Option<Server>,
    /// The server keeps a copy of sent mail by itself: don't save to Sent.
    pub files_sent_mail: bool,
}

const fn tls(host: &'static str, port: u16) -> Option<Server> {
    Some(Server {
        host,
        port,
        security: Security::Tls,
        user: UserName::Address,
    })
}

const fn starttls(host: &'static str, port: u16) -> Option<Server> {
    Some(Server {
        host,
        port,
        security: Security::StartTls,
        user: UserName::Address,
    })
}

pub const PROVIDERS: &[Provider] = &[
    Provider {
        name: "Gmail",
        domains: &["gmail.com", "googlemail.com"],
        mx: &[
            "aspmx.l.google.com",
            ".aspmx.l.google.com",
            ".googlemail.com",
            "smtp.google.com",
        ],
        imap: tls("imap.gmail.com", 993),
        pop: tls("pop.gmail.com", 995),
        smtp: tls("smtp.gmail.com", 465),
        files_sent_mail: true,
    },
    Provider {
        name: "Outlook.com",
        domains: &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "hotmail.se",
            "live.se",
            "outlook.se",
            "hotmail.no",
            "live.no",
            "outlook.no",
            "hotmail.co.uk",
            "live.co.uk",
            "outlook.de",
            "hotmail.de",
        ],
        mx: &[],
        imap: tls("outlook.office365.com", 993),
        pop: tls("outlook.office365.com", 995),
        smtp: starttls("smtp-mail.outlook.com", 587),
        files_sent_mail: false,
    },
    Provider {
        name: "Microsoft 365",
        domains: &[],
        mx: &[".protection.outlook.com"],
        imap: tls("outlook.office365.com", 993),
        pop: tls("outlook.office365.com", 995),
        smtp: starttls("smtp.office365.com", 587),
        files_sent_mail: false,
    },
    Provider {
        name: "Yahoo",
        domains: &[
            "yahoo.com",
            "ymail.com",
            "rocketmail.com",
            "yahoo.se",
            "yahoo.no",
            "yahoo.co.uk",
            "yahoo.de",
            "yahoo.fr",
        ],
        mx: &[".yahoodns.net"],
        imap: tls("imap.mail.yahoo.com", 993),
        pop: tls("pop.mail.yahoo.com", 995),
        smtp: tls("smtp.mail.yahoo.com", 465),
        files_sent_mail: false,
    },
    Provider {
        name: "iCloud",
        domains: &["icloud.com", "me.com", "mac.com"],
        mx: &[],
        imap: Some(Server {
            host: "imap.mail.me.com",
            port: 993,
            security: Security::Tls,
            user: UserName::LocalPart,
        }),
        pop: None,
        smtp: starttls("smtp.mail.me.com", 587),
        files_sent_mail: false,
    },
    Provider {
        name: "GMX",
        domains: &["gmx.net", "gmx.de", "gmx.at", "gmx.ch"],
        mx: &[".gmx.net"],
        imap: tls("imap.gmx.net", 993),
        pop: tls("pop.gmx.net", 995),
        smtp: tls("mail.gmx.net", 465),
        files_sent_mail: false,
    },
    Provider {
        name: "GMX",
        domains: &["gmx.com", "gmx.us", "gmx.co.uk"],
        mx: &[],
        imap: tls("imap.gmx.com", 993),
        pop: tls("pop.gmx.com", 995),
        smtp: starttls("mail.gmx.com", 587),
        files_sent_mail: false,
    },
    Provider {
        name: "WEB.DE",
        domains: &["web.de"],
        mx: &[".web.de"],
        imap: tls("imap.web.de", 993),
        pop: tls("pop3.web.de", 995),
        smtp: starttls("smtp.web.de", 587),
        files_sent_mail: false,
    },
    Provider {
        name: "Fastmail",
        domains: &["fastmail.com", "fastmail.fm"],
        mx: &[".messagingengine.com"],
        imap: tls("imap.fastmail.com", 993),
        pop: tls("pop.fastmail.com", 995),
        smtp: tls("smtp.fastmail.com", 465),
        files_sent_mail: false,
    },
    Provider {
        name: "Telia",
        domains: &["telia.com"],
        mx: &[],
        imap: tls("mailin.telia.com", 993),
        pop: tls("mailin.telia.com", 995),
        smtp: tls("mailout.telia.com", 465),
        files_sent_mail: false,
    },
    Provider {
        name: "ABV.bg",
        domains: &["abv.bg", "gbg.bg"],
        mx: &[],
        imap: tls("imap.abv.bg", 993),
        pop: tls("pop3.abv.bg", 995),
        smtp: tls("smtp.abv.bg", 465),
        files_sent_mail: false,
    },
    Provider {
        name: "Mail.bg",
        domains: &["mail.bg"],
        mx: &[],
        imap: tls("imap.mail.bg", 993),
        pop: tls("pop3.mail.bg", 995),
        smtp: tls("smtp.mail.bg", 465),
        files_sent_mail: false,
    },
];

/// The provider serving addresses at `domain` (lower case).
pub fn by_domain(domain: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.domains.contains(&domain))
}

/// The provider whose mail exchanger `mx_host` (lower case, no trailing
/// dot) is.
pub fn by_mx(mx_host: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| {
        p.mx.iter().any(|m| match m.strip_prefix('.') {
            Some(suffix) => mx_host.ends_with(m) && mx_host.len() > suffix.len() + 1,
            None => mx_host == *m,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(by_domain("gmail.com").map(|p| p.name), Some("Gmail"));
        assert!(by_domain("gmail.com").is_some_and(|p| p.files_sent_mail));
        assert_eq!(by_domain("hotmail.se").map(|p| p.name), Some("Outlook.com"));
        assert_eq!(by_domain("example.se"), None);
        assert_eq!(by_mx("aspmx.l.google.com").map(|p| p.name), Some("Gmail"));
        assert_eq!(
            by_mx("foretaget-se.mail.protection.outlook.com").map(|p| p.name),
            Some("Microsoft 365")
        );
        assert_eq!(by_mx("protection.outlook.com"), None);
        assert_eq!(by_mx("mx.example.se"), None);
        let icloud = by_domain("me.com").and_then(|p| p.imap).expect("imap");
        assert_eq!(icloud.settings("kalle@me.com").username, "kalle");
    }

    #[test]
    fn every_entry_is_complete() {
        for p in PROVIDERS {
            assert!(p.imap.is_some() || p.pop.is_some(), "{}", p.name);
            assert!(p.smtp.is_some(), "{}", p.name);
            assert!(!p.domains.is_empty() || !p.mx.is_empty(), "{}", p.name);
            for s in [p.imap, p.pop, p.smtp].into_iter().flatten() {
                assert_ne!(s.security, Security::Plain, "{}", p.name);
            }
        }
    }
}
