//! Settings: an account's servers (Thunderbird's "Server Settings"). The
//! incoming and the outgoing server are edited as a draft with the
//! wizard's form rows ([`ServerForm`]); nothing changes until the user
//! saves, and saving checks every field first. The protocol is shown, not
//! edited: switching between IMAP and POP means another account.

use iced::widget::{Column, button, column, container, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::Message;
use crate::config::{Account, MailProtocol, ServerSettings};
use crate::fl;
use crate::ui::font;
use crate::ui::screen::wizard::{Field, SecurityChoice, Server, ServerForm};

/// Which of an account's two servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// IMAP or POP, as the account uses.
    Incoming,
    /// SMTP.
    Outgoing,
}

/// The kind of server, for the usual ports.
fn kind(protocol: MailProtocol, which: Which) -> Server {
    match (which, protocol) {
        (Which::Incoming, MailProtocol::Imap) => Server::Imap,
        (Which::Incoming, MailProtocol::Pop3) => Server::Pop,
        (Which::Outgoing, _) => Server::Smtp,
    }
}

fn form(s: &ServerSettings) -> ServerForm {
    ServerForm {
        host: s.host.clone(),
        port: s.port.to_string(),
        security: s.security,
        username: s.username.clone(),
        source: None,
    }
}

/// Whether the row says something else than the saved settings.
fn differs(f: &ServerForm, s: &ServerSettings) -> bool {
    f.host.trim() != s.host
        || f.port != s.port.to_string()
        || f.security != s.security
        || f.username.trim() != s.username
}

/// What is wrong with a row, field by field, in words.
fn problems(f: &ServerForm) -> Vec<(Field, String)> {
    let mut found = Vec::new();
    let host = f.host.trim();
    if host.is_empty() {
        found.push((Field::Host, fl!("ui-settings-server-host-empty")));
    } else if host.contains(char::is_whitespace) {
        found.push((Field::Host, fl!("ui-settings-server-host-spaces")));
    }
    if !f.port.trim().parse::<u16>().is_ok_and(|p| p != 0) {
        found.push((Field::Port, fl!("ui-settings-server-port-invalid")));
    }
    if f.username.trim().is_empty() {
        found.push((Field::Username, fl!("ui-settings-server-username-empty")));
    }
    found
}

/// One account's server settings as edited.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    /// Shown (the section is collapsed until asked for).
    pub open: bool,
    incoming: ServerForm,
    outgoing: ServerForm,
    /// What the last "Save" found wrong: (server, field, words).
    problems: Vec<(Which, Field, String)>,
    /// The last "Save" saved, and nothing was edited since.
    saved: bool,
}

impl Draft {
    /// The account's saved settings.
    pub fn of(account: &Account) -> Draft {
        Draft {
            open: false,
            incoming: form(&account.incoming),
            outgoing: form(&account.outgoing),
            problems: Vec::new(),
            saved: false,
        }
    }

    fn form_mut(&mut self, which: Which) -> &mut ServerForm {
        match which {
            Which::Incoming => &mut self.incoming,
            Which::Outgoing => &mut self.outgoing,
        }
    }

    pub fn edit(&mut self, which: Which, field: Field, value: String) {
        self.form_mut(which).edit(field, value);
        self.problems.retain(|(w, f, _)| (*w, *f) != (which, field));
        self.saved = false;
    }

    /// A new security; the port follows when it was the usual one for the
    /// old security (the user did not type one of their own).
    pub fn set_security(&mut self, protocol: MailProtocol, which: Which, choice: SecurityChoice) {
        let SecurityChoice(security) = choice;
        self.form_mut(which)
            .set_security(kind(protocol, which), security);
        self.problems
            .retain(|(w, f, _)| (*w, *f) != (which, Field::Port));
        self.saved = false;
    }

    /// Whether the draft says something else than the saved account.
    pub fn changed(&self, account: &Account) -> bool {
        differs(&self.incoming, &account.incoming) || differs(&self.outgoing, &account.outgoing)
    }

    /// The draft as settings when every field is right; otherwise what is
    /// wrong is kept for the view and nothing is returned.
    pub fn check(&mut self) -> Option<(ServerSettings, ServerSettings)> {
        self.problems = [Which::Incoming, Which::Outgoing]
            .into_iter()
            .flat_map(|which| {
                let f = match which {
                    Which::Incoming => &self.incoming,
                    Which::Outgoing => &self.outgoing,
                };
                problems(f)
                    .into_iter()
                    .map(move |(field, words)| (which, field, words))
            })
            .collect();
        if !self.problems.is_empty() {
            return None;
        }
        let settings = |f: &ServerForm| -> Option<ServerSettings> {
            Some(ServerSettings {
                host: f.host.trim().to_owned(),
                port: f.port.trim().parse().ok()?,
                security: f.security,
                username: f.username.trim().to_owned(),
            })
        };
        Some((settings(&self.incoming)?, settings(&self.outgoing)?))
    }

    /// Saved: the draft starts anew from the saved account and says so.
    pub fn saved(account: &Account) -> Draft {
        Draft {
            open: true,
            saved: true,
            ..Draft::of(account)
        }
    }

    fn problem(&self, which: Which, field: Field) -> Option<&str> {
        self.problems
            .iter()
            .find(|(w, f, _)| (*w, *f) == (which, field))
            .map(|(_, _, words)| words.as_str())
    }

    /// The open section: both servers, the notes and the buttons.
    pub fn view<'a>(&'a self, account: &'a Account) -> Element<'a, Message> {
        let protocol = match account.protocol {
            MailProtocol::Imap => "IMAP",
            MailProtocol::Pop3 => "POP",
        };
        let mut body = Column::new()
            .spacing(10)
            .push(text(fl!("ui-settings-server-protocol")).size(13))
            .push(
                text(fl!("ui-settings-server-incoming", protocol = protocol))
                    .size(14)
                    .font(font::BOLD),
            )
            .push(self.rows(account, Which::Incoming));
        if account.protocol == MailProtocol::Pop3 {
            body = body.push(text(fl!("ui-settings-server-pop-note")).size(13));
        }
        body = body
            .push(
                text(fl!("ui-settings-server-outgoing"))
                    .size(14)
                    .font(font::BOLD),
            )
            .push(self.rows(account, Which::Outgoing));
        let changed = self.changed(account);
        let id = &account.id;
        let mut buttons = row![
            button(text(fl!("ui-settings-server-save")).size(14))
                .padding([5, 12])
                .on_press_maybe(changed.then(|| Message::SaveServers(id.clone()))),
            button(text(fl!("ui-settings-server-undo")).size(14))
                .style(button::secondary)
                .padding([5, 12])
                .on_press_maybe(changed.then(|| Message::UndoServers(id.clone()))),
        ]
        .spacing(10)
        .align_y(Alignment::Center);
        if !self.problems.is_empty() {
            buttons = buttons.push(
                text(fl!("ui-settings-server-not-saved"))
                    .size(13)
                    .style(text::danger),
            );
        } else if self.saved {
            buttons = buttons.push(text(fl!("ui-settings-server-saved")).size(14));
        }
        body.push(buttons).into()
    }

    /// Server, port, security and user name of one server.
    fn rows<'a>(&'a self, account: &'a Account, which: Which) -> Element<'a, Message> {
        let f = match which {
            Which::Incoming => &self.incoming,
            Which::Outgoing => &self.outgoing,
        };
        let line = |label: String, control: Element<'a, Message>, field: Option<Field>| {
            let mut line = row![
                container(text(label).size(14)).width(Length::Fixed(300.0)),
                control
            ]
            .spacing(10)
            .align_y(Alignment::Center);
            if let Some(words) = field.and_then(|field| self.problem(which, field)) {
                line = line.push(text(words).size(13).style(text::danger));
            }
            line
        };
        let input = |value: &str, field: Field| {
            let id = account.id.clone();
            text_input("", value)
                .on_input(move |v| Message::ServerEdit(id.clone(), which, field, v))
                .on_submit(Message::SaveServers(account.id.clone()))
                .padding(6)
                .size(14)
                .width(Length::Fixed(240.0))
        };
        let id = account.id.clone();
        column![
            line(
                fl!("ui-settings-server-host"),
                input(&f.host, Field::Host).into(),
                Some(Field::Host)
            ),
            line(
                fl!("ui-settings-server-port"),
                input(&f.port, Field::Port).into(),
                Some(Field::Port)
            ),
            line(
                fl!("ui-settings-server-security"),
                pick_list(
                    SecurityChoice::ALL.to_vec(),
                    Some(SecurityChoice(f.security)),
                    move |c| Message::ServerSecurity(id.clone(), which, c),
                )
                .text_size(14)
                .width(Length::Fixed(240.0))
                .into(),
                None
            ),
            line(
                fl!("ui-settings-server-username"),
                input(&f.username, Field::Username).into(),
                Some(Field::Username)
            ),
        ]
        .spacing(8)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::Security;

    fn account(protocol: MailProtocol) -> Account {
        let server = |host: &str, port| ServerSettings {
            host: host.into(),
            port,
            security: Security::Tls,
            username: "anna".into(),
        };
        Account {
            id: "anna".into(),
            name: "Anna".into(),
            email: "anna@example.org".into(),
            protocol,
            incoming: server("pop.example.org", 995),
            outgoing: server("smtp.example.org", 465),
            trusted_cert: None,
            pop: Default::default(),
            imap: Default::default(),
            signature: String::new(),
            server_files_sent: None,
        }
    }

    #[test]
    fn the_port_follows_the_security_for_the_accounts_protocol() {
        let a = account(MailProtocol::Pop3);
        let mut d = Draft::of(&a);
        assert!(!d.changed(&a));
        let starttls = SecurityChoice(Security::StartTls);
        d.set_security(a.protocol, Which::Incoming, starttls);
        d.set_security(a.protocol, Which::Outgoing, starttls);
        assert_eq!(
            (d.incoming.port.as_str(), d.outgoing.port.as_str()),
            ("110", "587")
        );
        // A port of the user's own stays.
        d.edit(Which::Incoming, Field::Port, "1110".into());
        d.set_security(a.protocol, Which::Incoming, SecurityChoice(Security::Tls));
        assert_eq!(d.incoming.port, "1110");
        assert!(d.changed(&a));
    }

    #[test]
    fn every_wrong_field_is_named_and_nothing_is_returned() {
        crate::i18n::set_language("en");
        let a = account(MailProtocol::Imap);
        let mut d = Draft::of(&a);
        d.edit(Which::Incoming, Field::Host, "  ".into());
        d.edit(Which::Incoming, Field::Port, "70000".into());
        d.edit(Which::Outgoing, Field::Username, " ".into());
        assert!(d.check().is_none());
        assert!(d.problem(Which::Incoming, Field::Host).is_some());
        assert!(d.problem(Which::Incoming, Field::Port).is_some());
        assert!(d.problem(Which::Outgoing, Field::Username).is_some());
        assert!(d.problem(Which::Outgoing, Field::Host).is_none());
        // Typing in a field takes its complaint away.
        d.edit(Which::Incoming, Field::Host, " imap.example.net ".into());
        assert!(d.problem(Which::Incoming, Field::Host).is_none());
        d.edit(Which::Incoming, Field::Port, "143".into());
        d.edit(Which::Outgoing, Field::Username, "anna".into());
        let (incoming, outgoing) = d.check().expect("all fields are right");
        assert_eq!(
            (incoming.host.as_str(), incoming.port),
            ("imap.example.net", 143)
        );
        assert_eq!(outgoing, a.outgoing);
    }
}
