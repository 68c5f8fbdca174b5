//! The window's app state end to end through its public messages (headless,
//! iced_test). A separate test binary: switching the language is global.

use brev::config::{Account, Config, MailProtocol, ServerSettings};
use brev::net::Security;
use brev::profile::Profile;
use brev::ui::screen::{mailbox, settings};
use brev::ui::{App, Message, Startup};
use iced_test::simulator;

/// The language is global: tests that look at words take turns.
static WORDS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The window over a new profile holding `config` (the directory lives as
/// long as the first value).
fn open_app(config: Config) -> (tempfile::TempDir, Profile, App) {
    let dir = tempfile::tempdir().unwrap();
    let profile = Profile::at(dir.path()).unwrap();
    config.save(&profile.config_file()).unwrap();
    let (app, _) = App::new(Startup {
        config: Ok(config),
        profile: Some(profile.clone()),
        demo: false,
    });
    (dir, profile, app)
}

fn account() -> Account {
    let server = ServerSettings {
        host: "mail.invalid".into(),
        port: 993,
        security: Security::Tls,
        username: "anna".into(),
    };
    Account {
        id: "anna".into(),
        name: "Anna".into(),
        email: "anna@example.org".into(),
        protocol: MailProtocol::Imap,
        incoming: server.clone(),
        outgoing: server,
        trusted_cert: None,
        pop: Default::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    }
}

#[test]
fn switching_the_language_applies_at_once_and_is_saved() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let mut config = Config::default();
    config.accounts.push(account());
    let (_dir, profile, mut app) = open_app(config);
    {
        let mut ui = simulator(app.view());
        assert!(ui.find("Check mail now").is_ok());
        ui.click("Settings").unwrap();
        let messages: Vec<Message> = ui.into_messages().collect();
        for m in messages {
            let _ = app.update(m);
        }
    }
    {
        let mut ui = simulator(app.view());
        assert!(ui.find("Language").is_ok(), "the settings are open");
    }
    let _ = app.update(Message::Settings(settings::Message::Language(
        settings::LanguageChoice("sv"),
    )));
    let _ = app.update(Message::Settings(settings::Message::Close));
    let mut ui = simulator(app.view());
    assert!(
        ui.find("Hämta e-post nu").is_ok(),
        "Swedish without a restart"
    );
    let saved = Config::load(&profile.config_file()).unwrap();
    assert_eq!(saved.settings.language.as_deref(), Some("sv"));
    drop(ui);
    // Back in English for the mailbox's own words.
    let _ = app.update(Message::Mailbox(mailbox::Message::OpenSettings));
    let _ = app.update(Message::Settings(settings::Message::Language(
        settings::LanguageChoice("en"),
    )));
    let _ = app.update(Message::Settings(settings::Message::Close));
    let mut ui = simulator(app.view());
    assert!(ui.find("Check mail now").is_ok());
}

#[test]
fn removing_a_pop_account_asks_first_and_warns() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let mut config = Config::default();
    config.settings.password_storage = brev::secrets::PasswordStorage::File;
    config.accounts.push(account());
    let mut pop = account();
    pop.id = "post".into();
    pop.email = "post@example.org".into();
    pop.protocol = MailProtocol::Pop3;
    config.accounts.push(pop);
    let storage = config.settings.password_storage;
    let (_dir, profile, mut app) = open_app(config);
    let secrets = brev::secrets::Secrets::new(&profile, storage);
    secrets.set("post", "post-password").unwrap();
    let _ = app.update(Message::Mailbox(mailbox::Message::OpenSettings));
    let _ = app.update(Message::Settings(settings::Message::AskRemove(
        "post".into(),
    )));
    {
        let mut ui = simulator(app.view());
        assert!(
            ui.find("Remove the account post@example.org from Brev?")
                .is_ok()
        );
        assert!(ui.find(brev::fl!("ui-settings-remove-pop-warning")).is_ok());
    }
    {
        // A picture for people: target/screenshots/settings-tiny-skia.png.
        let settings = brev::ui::font::settings();
        let mut ui = iced_test::Simulator::with_size(settings, (1100.0, 1000.0), app.view());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        let _ = std::fs::remove_file(dir.join("settings-tiny-skia.png"));
        let shot = ui.snapshot(&iced::Theme::Light).unwrap();
        assert!(shot.matches_image(dir.join("settings.png")).unwrap());
    }
    // Nothing is removed until confirmed.
    assert_eq!(
        Config::load(&profile.config_file()).unwrap().accounts.len(),
        2
    );
    let removing = app.update(Message::Settings(settings::Message::ConfirmRemove));
    // Its password is forgotten by a task off the UI thread.
    assert_eq!(
        secrets.get("post").unwrap().as_deref(),
        Some("post-password")
    );
    run_tasks(&mut app, removing);
    assert_eq!(secrets.get("post").unwrap(), None);
    let saved = Config::load(&profile.config_file()).unwrap();
    assert_eq!(
        saved
            .accounts
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        ["anna"]
    );
    let _ = app.update(Message::Settings(settings::Message::Close));
    let tree = &app.mailbox().unwrap().tree().accounts;
    assert_eq!(tree.len(), 1, "the mailbox shows the remaining account");
}

#[test]
fn a_pop_account_offers_an_export_before_it_is_removed() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let mut config = Config::default();
    let mut pop = account();
    pop.id = "post".into();
    pop.protocol = MailProtocol::Pop3;
    config.accounts.push(pop);
    let (_dir, profile, mut app) = open_app(config);
    let _ = app.update(Message::Mailbox(mailbox::Message::OpenSettings));
    let _ = app.update(Message::Settings(settings::Message::AskRemove(
        "post".into(),
    )));
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(brev::fl!("ui-settings-export")).unwrap();
        ui.into_messages().collect()
    };
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Settings(settings::Message::Export(id))] if id == "post"
        ),
        "{messages:?}"
    );
    for m in messages {
        let _ = app.update(m);
    }
    {
        let mut ui = simulator(app.view());
        assert!(ui.find(brev::fl!("ui-settings-exporting")).is_ok());
    }
    let done = brev::fl!("export-done", count = 3, dir = "/home/anna/Documents/x");
    let _ = app.update(Message::Settings(settings::Message::Exported {
        account: "post".into(),
        result: Ok(done.clone()),
    }));
    let mut ui = simulator(app.view());
    assert!(ui.find(done).is_ok(), "the result is shown");
    // Exporting removed nothing.
    assert_eq!(
        Config::load(&profile.config_file()).unwrap().accounts.len(),
        1
    );
}

/// In a narrow window the toolbar wraps instead of pushing Settings and the
/// search field off the edge.
#[test]
fn the_toolbar_fits_a_narrow_window() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("bg");
    let (app, _) = App::new(Startup {
        config: Ok(Config {
            accounts: vec![account()],
            ..Config::default()
        }),
        profile: None,
        demo: false,
    });
    let settings = brev::ui::font::settings();
    let mut ui = iced_test::Simulator::with_size(settings, (800.0, 600.0), app.view());
    for label in [
        brev::fl!("ui-settings"),
        brev::fl!("ui-delete"),
        brev::fl!("ui-check-mail"),
    ] {
        assert!(ui.find(label.clone()).is_ok(), "{label} is on screen");
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let _ = std::fs::remove_file(dir.join("narrow-bg-tiny-skia.png"));
    let shot = ui.snapshot(&iced::Theme::Light).unwrap();
    assert!(shot.matches_image(dir.join("narrow-bg.png")).unwrap());
    brev::i18n::set_language("en");
}

/// A changed password is typed in Settings, kept (here in the opt-in
/// password file) off the UI thread, and said to be saved.
#[test]
fn a_new_password_is_saved_from_settings() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let mut config = Config::default();
    config.settings.password_storage = brev::secrets::PasswordStorage::File;
    config.accounts.push(account());
    let storage = config.settings.password_storage;
    let (_dir, profile, mut app) = open_app(config);
    let secrets = brev::secrets::Secrets::new(&profile, storage);
    secrets.set("anna", "old-password").unwrap();
    let _ = app.update(Message::Mailbox(mailbox::Message::OpenSettings));
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(brev::fl!("ui-settings-password-placeholder"))
            .unwrap();
        ui.typewrite("nytt-lösenord-1");
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(brev::fl!("ui-settings-password-save")).unwrap();
        ui.into_messages().collect()
    };
    for m in messages {
        let task = app.update(m);
        run_tasks(&mut app, task);
    }
    assert_eq!(
        secrets.get("anna").unwrap().as_deref(),
        Some("nytt-lösenord-1")
    );
    let mut ui = simulator(app.view());
    assert!(ui.find(brev::fl!("ui-settings-password-saved")).is_ok());
}

/// A server shows a certificate Brev does not know (a renewed self-signed
/// one): the window says so with the host, the name and the fingerprint,
/// and "Trust this certificate" pins exactly that one for the account, in
/// config.toml, without setting the account up again.
#[test]
fn an_unknown_server_certificate_can_be_trusted_from_the_window() {
    let _turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    let mut config = Config::default();
    config.accounts.push(account());
    let (_dir, profile, mut app) = open_app(config.clone());
    let fingerprint = "4F:2A:90:11:C3:7E:55:08:AB:CD:EF:01:23:45:67:89:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78";
    let refused = brev::net::NetError::CertificateNotTrusted {
        host: "mail.invalid".into(),
        name: "mail.invalid".into(),
        fingerprint: fingerprint.into(),
    };
    let _ = app.update(Message::Bridge(brev::ui::bridge::Event::Engine(
        brev::sync::Event::State {
            account: "anna".into(),
            state: brev::sync::AccountState::Error(brev::sync::SyncError::Net(refused)),
        },
    )));
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        assert!(
            ui.find(brev::fl!(
                "wizard-cert-fingerprint",
                fingerprint = fingerprint
            ))
            .is_ok()
        );
        assert!(
            ui.find(brev::fl!("wizard-cert-explain", host = "mail.invalid"))
                .is_ok()
        );
        ui.click(brev::fl!("wizard-trust")).unwrap();
        ui.into_messages().collect()
    };
    {
        // A picture for people: target/screenshots/certificate-tiny-skia.png.
        let settings = brev::ui::font::settings();
        let mut ui = iced_test::Simulator::with_size(settings, (1100.0, 500.0), app.view());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        let _ = std::fs::remove_file(dir.join("certificate-tiny-skia.png"));
        let shot = ui.snapshot(&iced::Theme::Light).unwrap();
        assert!(shot.matches_image(dir.join("certificate.png")).unwrap());
    }
    assert!(!messages.is_empty());
    for m in messages {
        let task = app.update(m);
        run_tasks(&mut app, task);
    }
    let saved = Config::load(&profile.config_file()).unwrap();
    let mut expected = config;
    expected.accounts[0].trusted_cert = Some(fingerprint.into());
    assert_eq!(saved, expected, "only the trust changed");
    let mut ui = simulator(app.view());
    assert!(
        ui.find(brev::fl!("wizard-trust")).is_err(),
        "the banner is gone"
    );
}

/// A signature typed in Settings is saved when the settings close, not at
/// every key (each save is a file synced to disk on the UI thread).
#[test]
fn a_signature_is_saved_when_the_settings_close() {
    use iced::widget::text_editor::{Action, Edit};
    let mut config = Config::default();
    config.accounts.push(account());
    let (_dir, profile, mut app) = open_app(config.clone());
    let _ = app.update(Message::Mailbox(mailbox::Message::OpenSettings));
    for c in "Hälsningar, Anna".chars() {
        let _ = app.update(Message::Settings(settings::Message::Signature(
            "anna".into(),
            Action::Edit(Edit::Insert(c)),
        )));
    }
    assert_eq!(
        Config::load(&profile.config_file()).unwrap(),
        config,
        "nothing written while typing"
    );
    let _ = app.update(Message::Settings(settings::Message::Close));
    let saved = Config::load(&profile.config_file()).unwrap();
    assert_eq!(saved.accounts[0].signature, "Hälsningar, Anna");
}

/// Run a task the window returned to the end, giving each message it
/// yields back to the window, and the tasks those return in turn.
fn run_tasks(app: &mut App, task: iced::Task<Message>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use iced::futures::StreamExt;
        let all = async {
            let mut queue = vec![task];
            while let Some(task) = queue.pop() {
                let Some(mut stream) = iced_runtime::task::into_stream(task) else {
                    continue;
                };
                while let Some(action) = stream.next().await {
                    if let iced_runtime::Action::Output(m) = action {
                        queue.push(app.update(m));
                    }
                }
            }
        };
        tokio::time::timeout(std::time::Duration::from_secs(60), all)
            .await
            .expect("the tasks end");
    });
}
