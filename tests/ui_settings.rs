//! Settings → an account's server settings, headless (iced_test), through
//! the window's app state: the draft, the checks before saving, undo, and
//! the config.toml the app writes. A separate test binary: switching the
//! language is global.

use brev::config::{Account, Config, MailProtocol, ServerSettings};
use brev::net::Security;
use brev::profile::Profile;
use brev::ui::screen::mailbox;
use brev::ui::screen::settings::{self, Field, SecurityChoice, Which};
use brev::ui::{App, Message, Startup};

/// The language is global: tests that look at words take turns.
static WORDS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A tall window with Brev's fonts: the whole settings page fits, so every
/// button can be clicked without scrolling.
fn simulator<'a>(
    view: iced::Element<'a, Message>,
) -> iced_test::Simulator<'a, Message, iced::Theme, iced::Renderer> {
    iced_test::Simulator::with_size(brev::ui::font::settings(), (1200.0, 2400.0), view)
}

fn server(host: &str, port: u16) -> ServerSettings {
    ServerSettings {
        host: host.into(),
        port,
        security: Security::Tls,
        username: "anna@example.org".into(),
    }
}

fn account(id: &str, protocol: MailProtocol) -> Account {
    let incoming = match protocol {
        MailProtocol::Imap => server("imap.example.org", 993),
        MailProtocol::Pop3 => server("pop.example.org", 995),
    };
    Account {
        id: id.into(),
        name: "Anna".into(),
        email: format!("{id}@example.org"),
        protocol,
        incoming,
        outgoing: server("smtp.example.org", 465),
        trusted_cert: Some("AB:CD".into()),
        pop: Default::default(),
        imap: Default::default(),
        signature: "Anna".into(),
        server_files_sent: None,
    }
}

/// An IMAP account "anna" and a POP account "post".
fn config() -> Config {
    let mut config = Config::default();
    config.accounts.push(account("anna", MailProtocol::Imap));
    config.accounts.push(account("post", MailProtocol::Pop3));
    config
}

/// The window over a new profile holding `config`, on the settings page.
struct Window {
    app: App,
    profile: Profile,
    _dir: tempfile::TempDir,
}

impl Window {
    fn open(config: Config) -> Window {
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::at(dir.path()).unwrap();
        config.save(&profile.config_file()).unwrap();
        let (mut app, _) = App::new(Startup {
            config: Ok(config),
            profile: Some(profile.clone()),
            demo: false,
        });
        let _ = app.update(Message::Mailbox(mailbox::Message::OpenSettings));
        Window {
            app,
            profile,
            _dir: dir,
        }
    }

    /// Click the first thing showing these words, and let the app handle
    /// what the click says.
    fn click(&mut self, label: &str) {
        let messages: Vec<Message> = {
            let mut ui = simulator(self.app.view());
            if let Err(e) = ui.click(label) {
                panic!("no {label:?} to click: {e:?}");
            }
            ui.into_messages().collect()
        };
        for m in messages {
            let _ = self.app.update(m);
        }
    }

    fn shows(&mut self, words: &str) -> bool {
        simulator(self.app.view()).find(words).is_ok()
    }

    fn send(&mut self, m: settings::Message) {
        let _ = self.app.update(Message::Settings(m));
    }

    fn edit(&mut self, account: &str, which: Which, field: Field, value: &str) {
        self.send(settings::Message::ServerEdit(
            account.into(),
            which,
            field,
            value.into(),
        ));
    }

    /// The configuration as saved in the profile.
    fn saved(&self) -> Config {
        Config::load(&self.profile.config_file()).unwrap()
    }
}

#[test]
fn a_changed_incoming_server_is_saved_and_nothing_else() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let before = config();
    let mut w = Window::open(before.clone());
    let incoming = brev::fl!("ui-settings-server-incoming", protocol = "IMAP");
    assert!(!w.shows(&incoming), "collapsed at first");
    w.click(&brev::fl!("ui-settings-server-show"));
    assert!(w.shows(&incoming));
    assert!(w.shows(&brev::fl!("ui-settings-server-outgoing")));
    assert!(w.shows("imap.example.org"), "filled from the account");
    // The POP note is for POP accounts only.
    assert!(!w.shows(&brev::fl!("ui-settings-server-pop-note")));

    w.edit("anna", Which::Incoming, Field::Host, " mail.example.net ");
    w.edit("anna", Which::Incoming, Field::Port, "10993");
    assert_eq!(w.saved(), before, "a draft until saved");
    w.click(&brev::fl!("ui-settings-server-save"));

    let saved = w.saved();
    let mut expected = before.clone();
    expected.accounts[0].incoming = ServerSettings {
        host: "mail.example.net".into(),
        port: 10993,
        ..before.accounts[0].incoming.clone()
    };
    assert_eq!(saved, expected, "exactly the host and the port changed");
    assert!(w.shows(&brev::fl!("ui-settings-server-saved")));
    assert!(w.shows("mail.example.net"), "the form shows what was saved");

    // The outgoing server: a new security takes its usual port along.
    w.send(settings::Message::ServerSecurity(
        "anna".into(),
        Which::Outgoing,
        SecurityChoice(Security::StartTls),
    ));
    assert!(
        !w.shows(&brev::fl!("ui-settings-server-saved")),
        "an edit since the save"
    );
    assert!(w.shows("587"));
    w.click(&brev::fl!("ui-settings-server-save"));
    let outgoing = &w.saved().accounts[0].outgoing;
    assert_eq!(
        (outgoing.port, outgoing.security),
        (587, Security::StartTls)
    );
}

#[test]
fn wrong_fields_are_named_and_nothing_is_saved() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let before = config();
    let mut w = Window::open(before.clone());
    w.send(settings::Message::ToggleServers("anna".into()));
    let port_invalid = brev::fl!("ui-settings-server-port-invalid");
    let not_saved = brev::fl!("ui-settings-server-not-saved");
    assert!(!w.shows(&port_invalid));

    w.edit("anna", Which::Incoming, Field::Port, "70000");
    w.click(&brev::fl!("ui-settings-server-save"));
    assert!(w.shows(&port_invalid));
    assert!(w.shows(&not_saved));
    assert_eq!(w.saved(), before);

    // Letters are not a port either (the field keeps digits only).
    w.edit("anna", Which::Incoming, Field::Port, "abc");
    w.click(&brev::fl!("ui-settings-server-save"));
    assert!(w.shows(&port_invalid));
    assert_eq!(w.saved(), before);

    w.edit("anna", Which::Incoming, Field::Port, "143");
    w.edit("anna", Which::Incoming, Field::Host, "   ");
    w.click(&brev::fl!("ui-settings-server-save"));
    assert!(!w.shows(&port_invalid));
    assert!(w.shows(&brev::fl!("ui-settings-server-host-empty")));
    assert_eq!(w.saved(), before);

    w.edit("anna", Which::Incoming, Field::Host, "imap example.org");
    w.edit("anna", Which::Outgoing, Field::Username, "");
    w.click(&brev::fl!("ui-settings-server-save"));
    assert!(w.shows(&brev::fl!("ui-settings-server-host-spaces")));
    assert!(w.shows(&brev::fl!("ui-settings-server-username-empty")));
    assert!(w.shows(&not_saved));
    assert_eq!(w.saved(), before);
}

#[test]
fn undo_brings_back_the_saved_settings() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let before = config();
    let mut w = Window::open(before.clone());
    w.send(settings::Message::ToggleServers("post".into()));
    assert!(w.shows(&brev::fl!("ui-settings-server-pop-note")));
    w.edit("post", Which::Incoming, Field::Host, "typo.example.org");
    w.edit("post", Which::Outgoing, Field::Port, "2525");
    assert!(w.shows("typo.example.org"));
    w.click(&brev::fl!("ui-settings-server-undo"));
    assert!(!w.shows("typo.example.org"));
    assert!(!w.shows("2525"));
    assert!(w.shows("pop.example.org"));
    assert!(w.shows("465"));
    assert_eq!(w.saved(), before);

    // Hidden and shown again, the section still holds the saved values.
    w.send(settings::Message::ToggleServers("post".into()));
    assert!(!w.shows("pop.example.org"));
    w.send(settings::Message::ToggleServers("post".into()));
    assert!(w.shows("pop.example.org"));
}

#[test]
fn the_server_settings_speak_swedish() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("sv");
    let mut w = Window::open(config());
    w.click("Serverinställningar");
    for words in [
        "Server för inkommande e-post (IMAP)",
        "Server för inkommande e-post (POP)",
        "Server för utgående e-post (SMTP)",
        "Port",
        "Säkerhet",
        "Användarnamn",
        "Spara serverinställningarna",
    ] {
        if words.ends_with("(POP)") {
            w.send(settings::Message::ToggleServers("post".into()));
        }
        assert!(w.shows(words), "{words:?} is shown");
    }
    w.edit("anna", Which::Incoming, Field::Port, "0");
    w.click("Spara serverinställningarna");
    assert!(w.shows("Skriv ett tal från 1 till 65535."));
    brev::i18n::set_language("en");
}
