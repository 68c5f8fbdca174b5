//! Settings: language (applies at once), when an opened message is marked
//! read, notifications, how often to check, each POP account's keep-a-copy
//! choices and size limit, each account's servers (a draft until saved, see [`server`]),
//! and removing an account (asked first). The app saves and applies what
//! changes.

mod server;

pub use crate::ui::screen::wizard::{Field, SecurityChoice};
pub use server::Which;

use iced::widget::{
    Column, button, column, container, pick_list, row, rule, scrollable, text, text_editor,
    text_input, toggler,
};
use iced::{Alignment, Element, Length, Theme};

use crate::config::{Account, BodyDownload, Config, MailProtocol, MarkRead};
use crate::fl;
use crate::ui::font;

#[derive(Clone, Debug)]
pub enum Message {
    Language(LanguageChoice),
    MarkRead(MarkReadChoice),
    Notifications(bool),
    Interval(Minutes),
    LeaveOnServer(String, bool),
    DeleteAfter(String, Days),
    DeleteWhenDeleted(String, bool),
    /// POP: download only the headers of messages above this size.
    HeadersOnly(String, SizeLimit),
    /// IMAP: which messages to keep whole on this computer.
    Bodies(String, BodiesChoice),
    /// Editing an account's signature.
    Signature(String, text_editor::Action),
    /// Ask before removing this account.
    AskRemove(String),
    ConfirmRemove,
    CancelRemove,
    /// Export this account's mail (offered before removing a POP account).
    Export(String),
    /// How the export went: the translated result line.
    Exported {
        account: String,
        result: Result<String, String>,
    },
    /// Open the setup wizard for another account.
    AddAccount,
    /// Typing a new password for an account.
    Password(String, String),
    SavePassword(String),
    /// How saving it went (the translated reason when it failed).
    PasswordSaved {
        account: String,
        result: Result<(), String>,
    },
    /// Show or hide an account's server settings.
    ToggleServers(String),
    /// Editing a field of an account's server settings (a draft).
    ServerEdit(String, Which, Field, String),
    ServerSecurity(String, Which, SecurityChoice),
    /// Check the account's server settings and save them.
    SaveServers(String),
    /// Back to the account's saved server settings.
    UndoServers(String),
    Close,
}

/// What the settings screen asks of the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    None,
    /// Save this configuration and apply it.
    Changed(Config),
    /// The account was removed from this configuration: save it, forget
    /// the account's password, and show the mailbox without it.
    Removed {
        config: Config,
        account: String,
    },
    /// Export the account's mail to files; the app answers with
    /// [`Message::Exported`].
    Export {
        account: String,
    },
    /// Show the setup wizard.
    AddAccount,
    /// Keep this new password for the account and restart its engine; the
    /// app answers with [`Message::PasswordSaved`].
    SetPassword {
        account: String,
        password: String,
    },
    Close,
}

/// Where an export stands, shown under the remove question.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ExportState {
    Running,
    Done(String),
    Failed(String),
}

/// A language as offered: its own name, so anyone can find theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageChoice(pub &'static str);

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Endonyms are the same in every language, so not translated.
        f.write_str(match self.0 {
            "sv" => "Svenska",
            "nb" => "Norsk bokmål",
            "bg" => "Български",
            _ => "English",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkReadChoice(pub MarkRead);

impl std::fmt::Display for MarkReadChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self.0 {
            MarkRead::AtOnce => fl!("ui-settings-mark-read-at-once"),
            MarkRead::AfterDelay => fl!("ui-settings-mark-read-after-delay"),
            MarkRead::Never => fl!("ui-settings-mark-read-never"),
        })
    }
}

/// A check interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Minutes(pub u32);

impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&fl!("ui-settings-minutes", count = self.0))
    }
}

/// "Remove the server's copy after": some days, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days(pub Option<u32>);

impl std::fmt::Display for Days {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self.0 {
            Some(n) => fl!("ui-settings-days", count = n),
            None => fl!("ui-settings-never"),
        })
    }
}

/// POP: messages larger than this many KiB are downloaded headers only
/// (the rest when opened); `None`: every message whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeLimit(pub Option<u32>);

impl SizeLimit {
    const OFFERED: [SizeLimit; 6] = [
        SizeLimit(None),
        SizeLimit(Some(100)),
        SizeLimit(Some(500)),
        SizeLimit(Some(1024)),
        SizeLimit(Some(5 * 1024)),
        SizeLimit(Some(20 * 1024)),
    ];

    /// The limits to pick from: the usual ones, and `current` (a limit set
    /// in config.toml stays pickable), smallest first.
    fn offered(current: SizeLimit) -> Vec<SizeLimit> {
        let mut offered = SizeLimit::OFFERED.to_vec();
        if !offered.contains(&current) {
            offered.push(current);
            offered.sort_by_key(|l| l.0);
        }
        offered
    }
}

impl std::fmt::Display for SizeLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(kb) = self.0 else {
            return f.write_str(&fl!("ui-settings-never"));
        };
        // Whole numbers read better than `format::size`'s one decimal.
        let size = if kb < 1024 {
            fl!("mail-size-kb", size = kb.to_string())
        } else if kb % 1024 == 0 {
            fl!("mail-size-mb", size = (kb / 1024).to_string())
        } else {
            crate::ui::format::size(u64::from(kb) * 1024)
        };
        f.write_str(&fl!("ui-settings-pop-headers-above", size = size))
    }
}

/// IMAP: which messages are downloaded whole for offline reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodiesChoice(pub BodyDownload, pub u32);

impl BodiesChoice {
    const OFFERED: [BodiesChoice; 4] = [
        BodiesChoice(BodyDownload::All, 30),
        BodiesChoice(BodyDownload::Recent, 30),
        BodiesChoice(BodyDownload::Recent, 90),
        BodiesChoice(BodyDownload::OnOpen, 30),
    ];

    fn of(a: &Account) -> BodiesChoice {
        match a.imap.download_bodies {
            BodyDownload::Recent => BodiesChoice(BodyDownload::Recent, a.imap.recent_days),
            other => BodiesChoice(other, 30),
        }
    }
}

impl std::fmt::Display for BodiesChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self.0 {
            BodyDownload::All => fl!("ui-settings-imap-bodies-all"),
            BodyDownload::Recent => fl!("ui-settings-imap-bodies-recent", count = self.1),
            BodyDownload::OnOpen => fl!("ui-settings-imap-bodies-on-open"),
        })
    }
}

pub struct SettingsScreen {
    config: Config,
    confirm_remove: Option<String>,
    /// The last export asked for here: (account, state).
    export: Option<(String, ExportState)>,
    /// Each account's signature as edited (multi-line).
    signatures: std::collections::BTreeMap<String, text_editor::Content>,
    /// A new password being typed: (account, text).
    password: Option<(String, String)>,
    /// The last password saved here: (account, result).
    password_saved: Option<(String, Result<(), String>)>,
    /// Server settings being edited, by account (made when first shown).
    servers: std::collections::BTreeMap<String, server::Draft>,
    /// A signature was typed since the configuration was last handed out:
    /// saved when the screen closes ([`SettingsScreen::unsaved`]), not at
    /// every key (a file written and synced to disk on the UI thread).
    signature_unsaved: bool,
}

impl SettingsScreen {
    pub fn new(config: Config) -> SettingsScreen {
        let signatures = config
            .accounts
            .iter()
            .map(|a| (a.id.clone(), text_editor::Content::with_text(&a.signature)))
            .collect();
        SettingsScreen {
            config,
            confirm_remove: None,
            export: None,
            signatures,
            password: None,
            password_saved: None,
            servers: Default::default(),
            signature_unsaved: false,
        }
    }

    /// The configuration with what was typed but not yet handed out (a
    /// signature), for the app to save when the screen closes.
    pub fn unsaved(&self) -> Option<Config> {
        self.signature_unsaved.then(|| self.config.clone())
    }

    pub fn confirming(&self) -> Option<&str> {
        self.confirm_remove.as_deref()
    }

    fn account(&self, id: &str) -> Option<&Account> {
        self.config.accounts.iter().find(|a| a.id == id)
    }

    fn account_mut(&mut self, id: &str) -> Option<&mut Account> {
        self.config.accounts.iter_mut().find(|a| a.id == id)
    }

    pub fn update(&mut self, message: Message) -> Action {
        let s = &mut self.config.settings;
        match message {
            Message::Language(LanguageChoice(lang)) => s.language = Some(lang.to_owned()),
            Message::MarkRead(MarkReadChoice(m)) => s.mark_read = m,
            Message::Notifications(on) => s.notifications = on,
            Message::Interval(Minutes(m)) => s.check_interval_minutes = m.max(1),
            Message::LeaveOnServer(id, on) => match self.account_mut(&id) {
                Some(a) => a.pop.leave_on_server = on,
                None => return Action::None,
            },
            Message::DeleteAfter(id, Days(days)) => match self.account_mut(&id) {
                Some(a) => a.pop.delete_after_days = days,
                None => return Action::None,
            },
            Message::DeleteWhenDeleted(id, on) => match self.account_mut(&id) {
                Some(a) => a.pop.delete_when_deleted = on,
                None => return Action::None,
            },
            Message::HeadersOnly(id, SizeLimit(kb)) => match self.account_mut(&id) {
                Some(a) => a.pop.headers_only_above_kb = kb,
                None => return Action::None,
            },
            Message::Bodies(id, BodiesChoice(download, days)) => match self.account_mut(&id) {
                Some(a) => {
                    a.imap.download_bodies = download;
                    a.imap.recent_days = days;
                }
                None => return Action::None,
            },
            Message::Signature(id, action) => {
                let edit = action.is_edit();
                let Some(content) = self.signatures.get_mut(&id) else {
                    return Action::None;
                };
                content.perform(action);
                if !edit {
                    return Action::None;
                }
                let signature = content.text();
                if let Some(a) = self.account_mut(&id) {
                    a.signature = signature;
                    self.signature_unsaved = true;
                }
                return Action::None;
            }
            Message::AskRemove(id) => {
                self.confirm_remove = Some(id);
                return Action::None;
            }
            Message::CancelRemove => {
                self.confirm_remove = None;
                return Action::None;
            }
            Message::ConfirmRemove => {
                let Some(id) = self.confirm_remove.take() else {
                    return Action::None;
                };
                if self.config.remove_account(&id).is_err() {
                    return Action::None;
                }
                return Action::Removed {
                    config: self.config.clone(),
                    account: id,
                };
            }
            Message::Export(account) => {
                if matches!(self.export, Some((_, ExportState::Running))) {
                    return Action::None;
                }
                self.export = Some((account.clone(), ExportState::Running));
                return Action::Export { account };
            }
            Message::Exported { account, result } => {
                self.export = Some((
                    account,
                    match result {
                        Ok(done) => ExportState::Done(done),
                        Err(why) => ExportState::Failed(why),
                    },
                ));
                return Action::None;
            }
            Message::AddAccount => return Action::AddAccount,
            Message::Password(id, text) => {
                self.password = Some((id, text));
                self.password_saved = None;
                return Action::None;
            }
            Message::SavePassword(id) => {
                return match self.password.take() {
                    Some((for_id, password)) if for_id == id && !password.is_empty() => {
                        Action::SetPassword {
                            account: id,
                            password,
                        }
                    }
                    other => {
                        self.password = other;
                        Action::None
                    }
                };
            }
            Message::PasswordSaved { account, result } => {
                self.password_saved = Some((account, result));
                return Action::None;
            }
            Message::ToggleServers(id) => {
                let Some(account) = self.config.accounts.iter().find(|a| a.id == id) else {
                    return Action::None;
                };
                let draft = self
                    .servers
                    .entry(id)
                    .or_insert_with(|| server::Draft::of(account));
                draft.open = !draft.open;
                return Action::None;
            }
            Message::ServerEdit(id, which, field, value) => {
                if let Some(draft) = self.servers.get_mut(&id) {
                    draft.edit(which, field, value);
                }
                return Action::None;
            }
            Message::ServerSecurity(id, which, choice) => {
                let protocol = self.account(&id).map(|a| a.protocol);
                if let (Some(draft), Some(protocol)) = (self.servers.get_mut(&id), protocol) {
                    draft.set_security(protocol, which, choice);
                }
                return Action::None;
            }
            Message::SaveServers(id) => {
                let Some(draft) = self.servers.get_mut(&id) else {
                    return Action::None;
                };
                let Some(account) = self.config.accounts.iter_mut().find(|a| a.id == id) else {
                    return Action::None;
                };
                if !draft.changed(account) {
                    return Action::None;
                }
                let Some((incoming, outgoing)) = draft.check() else {
                    return Action::None;
                };
                account.incoming = incoming;
                account.outgoing = outgoing;
                *draft = server::Draft::saved(account);
            }
            Message::UndoServers(id) => {
                if let Some(account) = self.account(&id) {
                    let mut draft = server::Draft::of(account);
                    draft.open = true;
                    self.servers.insert(id, draft);
                }
                return Action::None;
            }
            Message::Close => return Action::Close,
        }
        self.signature_unsaved = false;
        Action::Changed(self.config.clone())
    }

    /// The button that shows or hides an account's server settings, and
    /// the settings when shown.
    fn servers_view<'a>(&'a self, account: &'a Account) -> Element<'a, Message> {
        let draft = self.servers.get(&account.id).filter(|d| d.open);
        let label = if draft.is_some() {
            fl!("ui-settings-server-hide")
        } else {
            fl!("ui-settings-server-show")
        };
        let toggle = button(text(label).size(14))
            .style(button::secondary)
            .padding([5, 12])
            .on_press(Message::ToggleServers(account.id.clone()));
        match draft {
            Some(draft) => column![toggle, draft.view(account)].spacing(12).into(),
            None => toggle.into(),
        }
    }

    /// "New password: [••••] [Save password]" and how the last save went.
    fn password_row(&self, id: &str) -> Element<'_, Message> {
        let typed = match &self.password {
            Some((for_id, text)) if for_id == id => text.as_str(),
            _ => "",
        };
        let owner = id.to_owned();
        let input = text_input(&fl!("ui-settings-password-placeholder"), typed)
            .secure(true)
            .on_input(move |t| Message::Password(owner.clone(), t))
            .on_submit(Message::SavePassword(id.to_owned()))
            .padding(6)
            .size(14)
            .width(Length::Fixed(240.0));
        let save = button(text(fl!("ui-settings-password-save")).size(14))
            .style(button::secondary)
            .padding([5, 12])
            .on_press_maybe((!typed.is_empty()).then(|| Message::SavePassword(id.to_owned())));
        let mut line = row![
            container(text(fl!("ui-settings-password")).size(14)).width(Length::Fixed(300.0)),
            input,
            save
        ]
        .spacing(10)
        .align_y(Alignment::Center);
        match &self.password_saved {
            Some((for_id, Ok(()))) if for_id == id => {
                line = line.push(text(fl!("ui-settings-password-saved")).size(14));
            }
            Some((for_id, Err(why))) if for_id == id => {
                line = line.push(text(why.clone()).size(14));
            }
            _ => {}
        }
        line.into()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let s = &self.config.settings;
        let current = crate::i18n::current_language();
        let language = crate::i18n::LANGUAGES
            .iter()
            .find(|l| **l == current)
            .map(|l| LanguageChoice(l));
        let label = |s: String| container(text(s).size(14)).width(Length::Fixed(300.0));
        let line = |l: String, control: Element<'static, Message>| {
            row![label(l), control].align_y(Alignment::Center)
        };
        let mut body = Column::new()
            .spacing(16)
            .max_width(720)
            .push(text(fl!("ui-settings-title")).size(24).font(font::BOLD))
            .push(line(
                fl!("ui-settings-language"),
                pick_list(
                    crate::i18n::LANGUAGES.map(LanguageChoice).to_vec(),
                    language,
                    Message::Language,
                )
                .text_size(14)
                .into(),
            ))
            .push(line(
                fl!("ui-settings-mark-read"),
                pick_list(
                    [MarkRead::AtOnce, MarkRead::AfterDelay, MarkRead::Never]
                        .map(MarkReadChoice)
                        .to_vec(),
                    Some(MarkReadChoice(s.mark_read)),
                    Message::MarkRead,
                )
                .text_size(14)
                .into(),
            ))
            .push(line(
                fl!("ui-settings-notifications"),
                toggler(s.notifications)
                    .on_toggle(Message::Notifications)
                    .into(),
            ))
            .push(line(
                fl!("ui-settings-check-interval"),
                pick_list(
                    [1, 5, 10, 15, 30, 60].map(Minutes).to_vec(),
                    Some(Minutes(s.check_interval_minutes)),
                    Message::Interval,
                )
                .text_size(14)
                .into(),
            ));
        for a in &self.config.accounts {
            body = body.push(rule::horizontal(1)).push(
                text(format!("{} <{}>", a.name, a.email))
                    .size(16)
                    .font(font::BOLD),
            );
            if a.protocol == MailProtocol::Pop3 {
                let id = a.id.clone();
                body = body.push(line(
                    fl!("ui-settings-pop-leave"),
                    toggler(a.pop.leave_on_server)
                        .on_toggle(move |on| Message::LeaveOnServer(id.clone(), on))
                        .into(),
                ));
                if a.pop.leave_on_server {
                    let id = a.id.clone();
                    body = body.push(line(
                        fl!("ui-settings-pop-delete-after"),
                        pick_list(
                            [None, Some(7), Some(14), Some(30), Some(90)]
                                .map(Days)
                                .to_vec(),
                            Some(Days(a.pop.delete_after_days)),
                            move |d| Message::DeleteAfter(id.clone(), d),
                        )
                        .text_size(14)
                        .into(),
                    ));
                    let id = a.id.clone();
                    body = body.push(line(
                        fl!("ui-settings-pop-delete-when-deleted"),
                        toggler(a.pop.delete_when_deleted)
                            .on_toggle(move |on| Message::DeleteWhenDeleted(id.clone(), on))
                            .into(),
                    ));
                }
                let id = a.id.clone();
                let current = SizeLimit(a.pop.headers_only_above_kb);
                body = body.push(
                    row![
                        container(
                            column![
                                text(fl!("ui-settings-pop-headers-only")).size(14),
                                text(fl!("ui-settings-pop-headers-only-hint")).size(12),
                            ]
                            .spacing(2)
                        )
                        .width(Length::Fixed(300.0)),
                        pick_list(SizeLimit::offered(current), Some(current), move |l| {
                            Message::HeadersOnly(id.clone(), l)
                        })
                        .text_size(14),
                    ]
                    .spacing(10)
                    .align_y(Alignment::Center),
                );
            }
            if a.protocol == MailProtocol::Imap {
                let id = a.id.clone();
                let mut offered = BodiesChoice::OFFERED.to_vec();
                if !offered.contains(&BodiesChoice::of(a)) {
                    offered.insert(2, BodiesChoice::of(a));
                }
                body = body.push(line(
                    fl!("ui-settings-imap-bodies"),
                    pick_list(offered, Some(BodiesChoice::of(a)), move |c| {
                        Message::Bodies(id.clone(), c)
                    })
                    .text_size(14)
                    .into(),
                ));
            }
            if let Some(content) = self.signatures.get(&a.id) {
                let id = a.id.clone();
                body = body.push(row![
                    container(
                        column![
                            text(fl!("compose-ui-signature")).size(14),
                            text(fl!("compose-ui-signature-hint")).size(12),
                        ]
                        .spacing(2)
                    )
                    .width(Length::Fixed(300.0)),
                    text_editor(content)
                        .on_action(move |action| Message::Signature(id.clone(), action))
                        .height(Length::Fixed(90.0))
                        .size(14),
                ]);
            }
            body = body.push(self.servers_view(a));
            if self.confirm_remove.as_deref() == Some(a.id.as_str()) {
                let mut ask = column![
                    text(fl!("ui-settings-remove-confirm", account = a.email.clone())).size(14)
                ]
                .spacing(8);
                if a.protocol == MailProtocol::Pop3 {
                    ask = ask.push(text(fl!("ui-settings-remove-pop-warning")).size(14));
                    let state = self
                        .export
                        .as_ref()
                        .filter(|(id, _)| *id == a.id)
                        .map(|(_, state)| state);
                    let mut export = button(text(fl!("ui-settings-export")).size(14))
                        .style(button::secondary)
                        .padding([5, 12]);
                    if state != Some(&ExportState::Running) {
                        export = export.on_press(Message::Export(a.id.clone()));
                    }
                    let mut line = row![export].spacing(10).align_y(Alignment::Center);
                    match state {
                        Some(ExportState::Running) => {
                            line = line.push(text(fl!("ui-settings-exporting")).size(14));
                        }
                        Some(ExportState::Done(done)) => {
                            line = line.push(text(done.clone()).size(14))
                        }
                        Some(ExportState::Failed(why)) => {
                            line = line.push(text(why.clone()).size(14))
                        }
                        None => {}
                    }
                    ask = ask.push(line);
                }
                ask = ask.push(
                    row![
                        button(text(fl!("ui-settings-remove-yes")).size(14))
                            .style(button::danger)
                            .padding([5, 12])
                            .on_press(Message::ConfirmRemove),
                        button(text(fl!("ui-settings-cancel")).size(14))
                            .style(button::secondary)
                            .padding([5, 12])
                            .on_press(Message::CancelRemove),
                    ]
                    .spacing(10),
                );
                body = body.push(container(ask).padding(12).style(|theme: &Theme| {
                    let p = theme.extended_palette();
                    container::Style {
                        background: Some(p.danger.weak.color.into()),
                        text_color: Some(p.danger.weak.text),
                        ..container::Style::default()
                    }
                }));
            } else {
                body = body.push(self.password_row(&a.id));
                body = body.push(
                    button(text(fl!("ui-settings-remove-account")).size(14))
                        .style(button::secondary)
                        .padding([5, 12])
                        .on_press(Message::AskRemove(a.id.clone())),
                );
            }
        }
        body = body.push(rule::horizontal(1)).push(
            button(text(fl!("wizard-add-account")).size(14))
                .style(button::secondary)
                .padding([5, 12])
                .on_press(Message::AddAccount),
        );
        body = body.push(rule::horizontal(1)).push(
            button(text(fl!("ui-settings-done")).size(14))
                .padding([6, 14])
                .on_press(Message::Close),
        );
        scrollable(container(body).padding(32).center_x(Length::Fill))
            .height(Length::Fill)
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{MailProtocol, ServerSettings};

    fn config() -> Config {
        let server = ServerSettings {
            host: "mail.example.se".into(),
            port: 993,
            security: crate::net::Security::Tls,
            username: "u".into(),
        };
        let account = |id: &str, protocol| Account {
            id: id.into(),
            name: "Åsa".into(),
            email: format!("{id}@example.se"),
            protocol,
            incoming: server.clone(),
            outgoing: server.clone(),
            trusted_cert: None,
            pop: Default::default(),
            imap: Default::default(),
            signature: String::new(),
            server_files_sent: None,
        };
        Config {
            settings: Default::default(),
            accounts: vec![
                account("imap", MailProtocol::Imap),
                account("pop", MailProtocol::Pop3),
            ],
        }
    }

    #[test]
    fn the_imap_body_choice_is_saved_for_that_account() {
        crate::i18n::set_language("en");
        let mut screen = SettingsScreen::new(config());
        {
            let mut ui = iced_test::simulator(screen.view());
            assert!(ui.find(fl!("ui-settings-imap-bodies")).is_ok());
        }
        // A POP account has no such choice.
        let mut pop_only = config();
        pop_only
            .accounts
            .retain(|a| a.protocol == MailProtocol::Pop3);
        let pop_screen = SettingsScreen::new(pop_only);
        let mut ui = iced_test::simulator(pop_screen.view());
        assert!(ui.find(fl!("ui-settings-imap-bodies")).is_err());
        let action = screen.update(Message::Bodies(
            "imap".into(),
            BodiesChoice(BodyDownload::Recent, 90),
        ));
        let Action::Changed(saved) = action else {
            panic!("expected a change to save, got {action:?}");
        };
        let imap = saved.account("imap").unwrap();
        assert_eq!(imap.imap.download_bodies, BodyDownload::Recent);
        assert_eq!(imap.imap.recent_days, 90);
        assert_eq!(saved.account("pop").unwrap().imap, Default::default());
        assert_eq!(
            BodiesChoice(BodyDownload::Recent, 90).to_string(),
            "Messages from the last 90 days"
        );
    }

    #[test]
    fn a_pop_size_limit_is_offered_and_saved_for_that_account() {
        crate::i18n::set_language("en");
        let mut screen = SettingsScreen::new(config());
        {
            // Tall enough to show the POP account below the IMAP one.
            let mut ui = iced_test::Simulator::with_size(
                crate::ui::font::settings(),
                (1200.0, 2400.0),
                screen.view(),
            );
            assert!(ui.find(fl!("ui-settings-pop-headers-only")).is_ok());
            assert!(ui.find(fl!("ui-settings-pop-headers-only-hint")).is_ok());
        }
        // An IMAP account has no such choice.
        let mut imap_only = config();
        imap_only
            .accounts
            .retain(|a| a.protocol == MailProtocol::Imap);
        let imap_screen = SettingsScreen::new(imap_only);
        let mut ui = iced_test::simulator(imap_screen.view());
        assert!(ui.find(fl!("ui-settings-pop-headers-only")).is_err());

        let action = screen.update(Message::HeadersOnly("pop".into(), SizeLimit(Some(1024))));
        let Action::Changed(saved) = action else {
            panic!("expected a change to save, got {action:?}");
        };
        assert_eq!(
            saved.account("pop").unwrap().pop.headers_only_above_kb,
            Some(1024)
        );
        assert_eq!(saved.account("imap").unwrap().pop, Default::default());
        let Action::Changed(saved) =
            screen.update(Message::HeadersOnly("pop".into(), SizeLimit(None)))
        else {
            panic!("expected a change to save");
        };
        assert_eq!(
            saved.account("pop").unwrap().pop.headers_only_above_kb,
            None
        );
    }

    #[test]
    fn size_limits_read_as_whole_sizes_and_a_custom_one_stays_on_offer() {
        crate::i18n::set_language("en");
        let shown: Vec<String> = SizeLimit::offered(SizeLimit(None))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                "Never",
                "Larger than 100 KB",
                "Larger than 500 KB",
                "Larger than 1 MB",
                "Larger than 5 MB",
                "Larger than 20 MB"
            ]
        );
        let custom = SizeLimit::offered(SizeLimit(Some(1536)));
        assert_eq!(custom.len(), 7);
        assert_eq!(custom[4], SizeLimit(Some(1536)), "in size order");
        assert_eq!(custom[4].to_string(), "Larger than 1.5 MB");
        assert_eq!(SizeLimit::offered(SizeLimit(Some(500))).len(), 6);
    }

    #[test]
    fn a_signature_is_edited_per_account() {
        let mut screen = SettingsScreen::new(config());
        assert_eq!(screen.unsaved(), None);
        for c in "Åsa\nBrev".chars() {
            let edit = if c == '\n' {
                iced::widget::text_editor::Edit::Enter
            } else {
                iced::widget::text_editor::Edit::Insert(c)
            };
            let action = iced::widget::text_editor::Action::Edit(edit);
            // Kept until the screen closes, not saved at every key.
            assert_eq!(
                screen.update(Message::Signature("pop".into(), action)),
                Action::None
            );
        }
        let saved = screen.unsaved().expect("the change waits to be saved");
        assert_eq!(saved.account("pop").unwrap().signature, "Åsa\nBrev");
        assert_eq!(saved.account("imap").unwrap().signature, "");
        // Any other change hands out the signature with it.
        let Action::Changed(config) = screen.update(Message::Notifications(false)) else {
            panic!("a toggle is saved at once");
        };
        assert_eq!(config.account("pop").unwrap().signature, "Åsa\nBrev");
        assert_eq!(screen.unsaved(), None);
    }
}
