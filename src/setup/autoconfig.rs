//! Thunderbird's autoconfig format (`config-v1.1.xml`): parsing, picking
//! the best server of each kind, and where to fetch the file from.
//!
//! The parser reads only what Brev uses — `incomingServer` (imap, pop3),
//! `outgoingServer` (smtp), their hostname, port, socketType, username and
//! authentication — and ignores every other element, so files with
//! `documentation`, `webMail`, `oAuth2`, `enable` and whatever comes next
//! parse fine. Placeholders `%EMAILADDRESS%`, `%EMAILLOCALPART%` and
//! `%EMAILDOMAIN%` are filled in from the address.

use crate::config::ServerSettings;
use crate::net::Security;

/// Kind of server in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerKind {
    Imap,
    Pop3,
    Smtp,
}

/// One `incomingServer` / `outgoingServer` entry, placeholders filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerEntry {
    pub kind: ServerKind,
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The user name; the full address when the file names none.
    pub username: String,
    /// The `authentication` values as written (e.g. `password-cleartext`).
    pub auth: Vec<String>,
}

impl ServerEntry {
    /// Whether Brev can log in here with a password. `OAuth2`,
    /// `client-IP-address`, `GSSAPI` and `NTLM` alone are not enough;
    /// an entry naming no method at all is taken as password login.
    pub fn password_login(&self) -> bool {
        self.auth.is_empty()
            || self.auth.iter().any(|a| {
                matches!(
                    a.to_ascii_lowercase().as_str(),
                    "password-cleartext"
                        | "plain"
                        | "password-encrypted"
                        | "secure"
                        | "none"
                        | "smtp-after-pop"
                )
            })
    }

    pub fn settings(&self) -> ServerSettings {
        ServerSettings {
            host: self.host.clone(),
            port: self.port,
            security: self.security,
            username: self.username.clone(),
        }
    }
}

/// What a `config-v1.1.xml` file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigFile {
    /// `emailProvider`'s `displayName` (or `id`).
    pub provider: Option<String>,
    /// The `domain` elements.
    pub domains: Vec<String>,
    /// Every usable server entry, in the order of the file.
    pub servers: Vec<ServerEntry>,
}

/// Why a file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AutoconfigError {
    #[error("not XML: {0}")]
    Xml(String),
    #[error("not an autoconfig file (no clientConfig/emailProvider)")]
    NotAutoconfig,
}

/// The parts of an address the placeholders stand for.
struct Address<'a> {
    full: &'a str,
    local: &'a str,
    domain: &'a str,
}

impl<'a> Address<'a> {
    fn new(email: &'a str) -> Address<'a> {
        let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
        Address {
            full: email,
            local,
            domain,
        }
    }

    fn fill(&self, text: &str) -> String {
        text.replace("%EMAILADDRESS%", self.full)
            .replace("%EMAILLOCALPART%", self.local)
            .replace("%EMAILDOMAIN%", self.domain)
    }
}

/// Parse a `config-v1.1.xml` document for `email`. Entries with an unknown
/// type or socketType, or without host or port, are skipped.
pub fn parse(xml: &str, email: &str) -> Result<ConfigFile, AutoconfigError> {
    // DTDs are refused (roxmltree's default): no entity expansion tricks.
    let doc = roxmltree::Document::parse(xml).map_err(|e| AutoconfigError::Xml(e.to_string()))?;
    let root = doc.root_element();
    if !root.has_tag_name("clientConfig") {
        return Err(AutoconfigError::NotAutoconfig);
    }
    let Some(provider) = root
        .children()
        .find(|n| n.is_element() && n.has_tag_name("emailProvider"))
    else {
        return Err(AutoconfigError::NotAutoconfig);
    };
    let address = Address::new(email);
    let mut file = ConfigFile::default();
    let child_text = |node: roxmltree::Node<'_, '_>, name: &str| -> Option<String> {
        node.children()
            .find(|n| n.is_element() && n.has_tag_name(name))
            .and_then(|n| n.text())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    file.provider = child_text(provider, "displayName")
        .or_else(|| child_text(provider, "displayShortName"))
        .or_else(|| provider.attribute("id").map(str::to_owned))
        .map(|p| address.fill(&p));
    for node in provider.children().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if name == "domain" {
            if let Some(d) = node.text().map(str::trim).filter(|d| !d.is_empty()) {
                file.domains.push(address.fill(d).to_ascii_lowercase());
            }
            continue;
        }
        let kind = match (name, node.attribute("type").map(str::to_ascii_lowercase)) {
            ("incomingServer", Some(t)) if t == "imap" => ServerKind::Imap,
            ("incomingServer", Some(t)) if t == "pop3" => ServerKind::Pop3,
            ("outgoingServer", Some(t)) if t == "smtp" => ServerKind::Smtp,
            _ => continue,
        };
        let Some(host) = child_text(node, "hostname").map(|h| address.fill(&h)) else {
            continue;
        };
        let Some(port) = child_text(node, "port").and_then(|p| p.parse::<u16>().ok()) else {
            continue;
        };
        let security = match child_text(node, "socketType")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "ssl" | "tls" => Security::Tls,
            "starttls" => Security::StartTls,
            "plain" => Security::Plain,
            _ => continue,
        };
        if port == 0 || host.contains(char::is_whitespace) || host.contains('%') {
            continue;
        }
        let username = child_text(node, "username")
            .map(|u| address.fill(&u))
            .unwrap_or_else(|| address.full.to_owned());
        let auth = node
            .children()
            .filter(|n| n.is_element() && n.has_tag_name("authentication"))
            .filter_map(|n| n.text().map(|t| t.trim().to_owned()))
            .collect();
        file.servers.push(ServerEntry {
            kind,
            host: host.to_ascii_lowercase(),
            port,
            security,
            username,
            auth,
        });
    }
    Ok(file)
}

impl ConfigFile {
    /// The server of `kind` to use: one Brev can log in to with a password,
    /// implicit TLS before STARTTLS, plain text only when the file offers no
    /// TLS at all; otherwise the file's order.
    pub fn best(&self, kind: ServerKind) -> Option<ServerSettings> {
        pick(
            self.servers
                .iter()
                .filter(|s| s.kind == kind && s.password_login()),
        )
        .map(ServerEntry::settings)
    }
}

/// The best of `entries` by security: TLS, then STARTTLS, then plain;
/// the first of equals.
pub(crate) fn pick<'a>(entries: impl Iterator<Item = &'a ServerEntry>) -> Option<&'a ServerEntry> {
    let rank = |s: Security| match s {
        Security::Tls => 0,
        Security::StartTls => 1,
        Security::Plain => 2,
    };
    let mut best: Option<&ServerEntry> = None;
    for e in entries {
        if best.is_none_or(|b| rank(e.security) < rank(b.security)) {
            best = Some(e);
        }
    }
    best
}

/// The URLs to try for `domain`, in order (as Thunderbird does): the
/// provider's autoconfig host over HTTPS, the domain's well-known path over
/// HTTPS, then the autoconfig host over plain HTTP (never the domain itself:
/// a plain-text answer there could come from anyone on the way).
pub fn urls(domain: &str, email: &str) -> Vec<String> {
    let query = format!("?emailaddress={}", percent_encode(email));
    vec![
        format!("https://autoconfig.{domain}/mail/config-v1.1.xml{query}"),
        format!("https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml"),
        format!("http://autoconfig.{domain}/mail/config-v1.1.xml{query}"),
    ]
}

/// Percent-encode everything but unreserved characters (RFC 3986).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="example.org">
    <domain>example.org</domain>
    <displayName>Example Mail</displayName>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>143</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>imap.example.org</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.org</hostname>
      <port>25</port>
      <socketType>plain</socketType>
    </outgoingServer>
  </emailProvider>
</clientConfig>"#;

    #[test]
    fn placeholders_and_preference() {
        let f = parse(SMALL, "kalle@example.org").expect("parse");
        assert_eq!(f.provider.as_deref(), Some("Example Mail"));
        assert_eq!(f.domains, ["example.org"]);
        let imap = f.best(ServerKind::Imap).expect("imap");
        assert_eq!(
            (imap.host.as_str(), imap.port, imap.security),
            ("imap.example.org", 993, Security::Tls)
        );
        assert_eq!(imap.username, "kalle");
        // Plain only because nothing else is offered; no username: the address.
        let smtp = f.best(ServerKind::Smtp).expect("smtp");
        assert_eq!(smtp.security, Security::Plain);
        assert_eq!(smtp.username, "kalle@example.org");
        assert_eq!(f.best(ServerKind::Pop3), None);
    }

    #[test]
    fn junk_is_an_error_not_a_panic() {
        for junk in [
            "",
            "<html><body>Not found</body></html>",
            "<clientConfig/>",
            "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><clientConfig>&a;</clientConfig>",
            "<clientConfig><emailProvider>",
        ] {
            assert!(parse(junk, "a@b.c").is_err(), "{junk}");
        }
    }

    #[test]
    fn bad_entries_are_skipped() {
        let xml = r#"<clientConfig><emailProvider id="x">
            <incomingServer type="imap"><hostname>a</hostname><port>99999</port><socketType>SSL</socketType></incomingServer>
            <incomingServer type="imap"><hostname>b</hostname><port>993</port><socketType>weird</socketType></incomingServer>
            <incomingServer type="exchange"><hostname>c</hostname><port>443</port><socketType>SSL</socketType></incomingServer>
            <incomingServer type="imap"><port>993</port><socketType>SSL</socketType></incomingServer>
            <incomingServer type="imap"><hostname>d.%UNKNOWN%</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
        </emailProvider></clientConfig>"#;
        let f = parse(xml, "a@x").expect("parse");
        assert!(f.servers.is_empty(), "{:?}", f.servers);
        assert_eq!(f.provider.as_deref(), Some("x"));
    }

    #[test]
    fn oauth_only_entries_are_not_used() {
        let xml = r#"<clientConfig><emailProvider id="x">
            <incomingServer type="imap"><hostname>o.x</hostname><port>993</port><socketType>SSL</socketType><authentication>OAuth2</authentication></incomingServer>
            <incomingServer type="imap"><hostname>p.x</hostname><port>143</port><socketType>STARTTLS</socketType><authentication>OAuth2</authentication><authentication>password-cleartext</authentication></incomingServer>
        </emailProvider></clientConfig>"#;
        let f = parse(xml, "a@x").expect("parse");
        assert_eq!(f.best(ServerKind::Imap).map(|s| s.host), Some("p.x".into()));
    }

    #[test]
    fn urls_in_order() {
        let u = urls("example.se", "åsa+1@example.se");
        assert_eq!(
            u[0],
            "https://autoconfig.example.se/mail/config-v1.1.xml?emailaddress=%C3%A5sa%2B1%40example.se"
        );
        assert_eq!(
            u[1],
            "https://example.se/.well-known/autoconfig/mail/config-v1.1.xml"
        );
        assert!(u[2].starts_with("http://autoconfig.example.se/"));
    }
}
