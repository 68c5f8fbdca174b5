//! One server's settings as the wizard edits them: what the lookup found
//! (and where from), or what the user typed.

use crate::config::ServerSettings;
use crate::fl;
use crate::net::Security;
use crate::setup::{Found, Source};

/// Which server of the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Server {
    Imap,
    Pop,
    Smtp,
}

impl Server {
    pub const ALL: [Server; 3] = [Server::Imap, Server::Pop, Server::Smtp];

    pub fn label(self) -> String {
        match self {
            Server::Imap => fl!("setup-kind-imap"),
            Server::Pop => fl!("setup-kind-pop"),
            Server::Smtp => fl!("setup-kind-smtp"),
        }
    }

    /// The usual port for a kind of protection (RFC 8314, RFC 6186).
    pub fn usual_port(self, security: Security) -> u16 {
        match (self, security) {
            (Server::Imap, Security::Tls) => 993,
            (Server::Imap, _) => 143,
            (Server::Pop, Security::Tls) => 995,
            (Server::Pop, _) => 110,
            (Server::Smtp, Security::Tls) => 465,
            (Server::Smtp, _) => 587,
        }
    }
}

/// A text field of a server row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Host,
    Port,
    Username,
}

/// The connection security as offered in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityChoice(pub Security);

impl SecurityChoice {
    pub const ALL: [SecurityChoice; 3] = [
        SecurityChoice(Security::Tls),
        SecurityChoice(Security::StartTls),
        SecurityChoice(Security::Plain),
    ];
}

impl std::fmt::Display for SecurityChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&security_text(self.0))
    }
}

pub fn security_text(security: Security) -> String {
    match security {
        Security::Tls => fl!("wizard-security-tls"),
        Security::StartTls => fl!("wizard-security-starttls"),
        Security::Plain => fl!("wizard-security-none"),
    }
}

/// Where a setting came from, in words.
pub fn source_text(source: &Source) -> String {
    match source {
        Source::Builtin { provider } => {
            fl!("wizard-source-builtin", provider = provider.clone())
        }
        Source::Autoconfig { url } => fl!("wizard-source-autoconfig", url = url.clone()),
        Source::Srv { record } => fl!("wizard-source-srv", record = record.clone()),
        Source::Mx { domain } => fl!("wizard-source-mx", domain = domain.clone()),
        Source::Probe => fl!("wizard-source-probe"),
        Source::Manual => fl!("wizard-source-manual"),
    }
}

/// One server row of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerForm {
    pub host: String,
    pub port: String,
    pub security: Security,
    pub username: String,
    /// Where the values came from; `None` while empty.
    pub source: Option<Source>,
}

impl ServerForm {
    /// An empty row; the user name defaults to the address.
    pub fn empty(server: Server, username: &str) -> ServerForm {
        ServerForm {
            host: String::new(),
            port: server.usual_port(Security::Tls).to_string(),
            security: Security::Tls,
            username: username.to_owned(),
            source: None,
        }
    }

    pub fn found(found: &Found) -> ServerForm {
        ServerForm {
            host: found.server.host.clone(),
            port: found.server.port.to_string(),
            security: found.server.security,
            username: found.server.username.clone(),
            source: Some(found.source.clone()),
        }
    }

    pub fn edit(&mut self, field: Field, value: String) {
        match field {
            Field::Host => self.host = value.trim().to_owned(),
            Field::Port => self.port = value.chars().filter(char::is_ascii_digit).collect(),
            Field::Username => self.username = value,
        }
        self.source = Some(Source::Manual);
    }

    /// A new security; the port follows when it was the usual one.
    pub fn set_security(&mut self, server: Server, security: Security) {
        if self.port == server.usual_port(self.security).to_string() || self.port.is_empty() {
            self.port = server.usual_port(security).to_string();
        }
        self.security = security;
        self.source = Some(Source::Manual);
    }

    /// The settings, when complete.
    pub fn settings(&self) -> Option<ServerSettings> {
        let port: u16 = self.port.parse().ok().filter(|p| *p != 0)?;
        let host = self.host.trim();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return None;
        }
        Some(ServerSettings {
            host: host.to_owned(),
            port,
            security: self.security,
            username: self.username.trim().to_owned(),
        })
    }

    pub fn is_filled(&self) -> bool {
        self.settings().is_some()
    }

    /// "imap.example.org, port 993, encrypted (SSL/TLS)".
    pub fn summary(&self) -> String {
        fl!(
            "wizard-server-line",
            host = self.host.clone(),
            port = self.port.clone(),
            security = security_text(self.security)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_follows_the_security_unless_typed() {
        let mut f = ServerForm::empty(Server::Imap, "anna@example.org");
        assert_eq!(f.port, "993");
        f.set_security(Server::Imap, Security::StartTls);
        assert_eq!(f.port, "143");
        f.edit(Field::Port, "10143".into());
        f.set_security(Server::Imap, Security::Tls);
        assert_eq!(f.port, "10143");
        assert_eq!(f.source, Some(Source::Manual));
    }

    #[test]
    fn incomplete_rows_have_no_settings() {
        let mut f = ServerForm::empty(Server::Smtp, "anna@example.org");
        assert!(f.settings().is_none());
        f.edit(Field::Host, " smtp.example.org ".into());
        f.edit(Field::Port, "5x87".into());
        let s = f.settings().unwrap();
        assert_eq!((s.host.as_str(), s.port), ("smtp.example.org", 587));
        assert_eq!(s.username, "anna@example.org");
        f.edit(Field::Port, "99999".into());
        assert!(f.settings().is_none());
    }
}
