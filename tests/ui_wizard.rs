//! The setup wizard end to end, headless (iced_test), against a real
//! Dovecot: the lookup finds it through DNS service records the test
//! answers, the connection test logs in for real, saving writes the config
//! and the password, and the new account's engine fills the Inbox.
//!
//! The IMAP walk sends through the test SMTP server (aiosmtpd); the POP
//! walk points the outgoing server at Dovecot's IMAPS port, its test fails
//! with "does not offer SMTP", and the user saves anyway (an explicit
//! button).

mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use brev::config::{Config, MailProtocol};
use brev::net::Security;
use brev::profile::Profile;
use brev::secrets::{PasswordStorage, Secrets};
use brev::setup::advice::Devices;
use brev::setup::{CheckFailure, Lookup, Source, SrvRecord, StaticDns};
use brev::store::Role;
use brev::sync::engine::{self, Schedule};
use brev::sync::{AccountCtx, Event, EventSink};
use brev::ui::data::{Db, Query};
use brev::ui::screen::mailbox;
use brev::ui::screen::wizard::{self, Field, Server, Step};
use brev::ui::{App, Message, Startup};
use support::smtp::Smtpd;
use support::{Dovecot, User};

/// The language is global: tests that look at words take turns.
static WORDS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The window at its default size, with Brev's fonts.
fn simulator<'a>(
    view: iced::Element<'a, Message>,
) -> iced_test::Simulator<'a, Message, iced::Theme, iced::Renderer> {
    let settings = brev::ui::font::settings();
    iced_test::Simulator::with_size(settings, (1200.0, 760.0), view)
}

/// DNS answers pointing the address's services at local ports.
fn lookup(server: &Dovecot, services: &[(&str, u16)]) -> Lookup {
    let mut dns = StaticDns::default();
    for (service, port) in services {
        dns.srv.insert(
            format!("{service}.brev.test"),
            vec![SrvRecord {
                priority: 0,
                weight: 0,
                port: *port,
                target: "localhost".into(),
            }],
        );
    }
    Lookup {
        dns: Arc::new(dns),
        trust: server.trust(),
        connect_to: HashMap::new(),
        // No autoconfig, no probing: nothing leaves this machine.
        only_mapped: true,
        ..Lookup::system()
    }
}

/// A port where nothing listens.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

struct Window {
    app: App,
    profile: Profile,
    _dir: tempfile::TempDir,
}

impl Window {
    /// A first start: a profile with no account (passwords in a file, as
    /// there is no keyring service here).
    fn first_start(lookup: Lookup) -> Window {
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::at(dir.path()).unwrap();
        let mut config = Config::default();
        config.settings.password_storage = PasswordStorage::File;
        config.save(&profile.config_file()).unwrap();
        let (mut app, _) = App::new(Startup {
            config: Ok(config),
            profile: Some(profile.clone()),
            demo: false,
        });
        app.set_lookup(lookup);
        assert!(app.wizard().is_some(), "the wizard greets a first start");
        Window {
            app,
            profile,
            _dir: dir,
        }
    }

    fn step(&self) -> Step {
        self.app.wizard().expect("the wizard is open").step()
    }

    /// Give the wizard a message, run the job it starts (lookup, test,
    /// saving) as the window would, and give it the result, until done.
    async fn send(&mut self, message: wizard::Message) {
        let mut next = Some(message);
        while let Some(m) = next.take() {
            let (job, _) = self.app.update_wizard(m);
            if let Some(job) = job {
                next = Some(job.run().await);
            }
        }
    }

    /// Click the button labelled `label` in the window.
    async fn click(&mut self, label: &str) {
        let messages: Vec<Message> = {
            let mut ui = simulator(self.app.view());
            ui.click(label)
                .unwrap_or_else(|e| panic!("no {label:?} to click: {e:?}"));
            ui.into_messages().collect()
        };
        assert!(!messages.is_empty(), "clicking {label:?} did nothing");
        for m in messages {
            match m {
                Message::Wizard(m) => self.send(m).await,
                other => {
                    let _ = self.app.update(other);
                }
            }
        }
    }

    fn shows(&self, words: &str) -> bool {
        let mut ui = simulator(self.app.view());
        ui.find(words).is_ok()
    }

    /// Name, address, password, Continue: the lookup runs.
    async fn start(&mut self, name: &str, email: &str, password: &str) {
        self.send(wizard::Message::Name(name.into())).await;
        self.send(wizard::Message::Email(email.into())).await;
        self.send(wizard::Message::Password(password.into())).await;
        self.click(&brev::fl!("wizard-continue")).await;
    }

    /// Correct user names (the test server's users have no domain part;
    /// SRV records imply the whole address).
    async fn set_username(&mut self, servers: &[Server], name: &str) {
        self.click(&brev::fl!("wizard-change-settings")).await;
        assert_eq!(self.step(), Step::Manual);
        for server in servers {
            self.send(wizard::Message::Edit(*server, Field::Username, name.into()))
                .await;
        }
        self.click(&brev::fl!("wizard-continue")).await;
        assert_eq!(self.step(), Step::Choose);
    }

    fn saved(&self) -> Config {
        Config::load(&self.profile.config_file()).unwrap()
    }
}

/// The test's messages about an incoming failure, as the window shows it.
fn failure(w: &Window) -> CheckFailure {
    let report = w
        .app
        .wizard()
        .and_then(|w| w.report())
        .expect("a test result")
        .clone();
    report.incoming.expect_err("the incoming test failed")
}

/// Run the new account's engine as the window's bridge does (password from
/// the profile's secrets), wait for its first sync, and show the folders.
async fn first_sync(w: &mut Window, account: &str) {
    let config = w.saved();
    let a = config.account(account).expect("the saved account").clone();
    let (tx, mut events) = tokio::sync::mpsc::unbounded_channel();
    let ctx = AccountCtx::from_profile(&w.profile, &config, &a, EventSink::new(tx))
        .expect("the engine starts from the saved config and password");
    let handle = engine::spawn(ctx, Schedule::every_minutes(10));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let event = tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("no sync within 60 s")
            .expect("the engine stopped");
        if let Event::State {
            state: brev::sync::AccountState::AuthenticationFailed,
            ..
        } = event
        {
            panic!("the saved password was refused");
        }
        if matches!(event, Event::Synced { .. }) {
            break;
        }
    }
    handle.shutdown().await;
    let loaded = Db::at(w.profile.store_file()).run(Query::Folders {
        accounts: vec![account.to_owned()],
    });
    let _ = w
        .app
        .update(Message::Mailbox(mailbox::Message::Loaded(loaded)));
}

fn inbox_total(w: &Window, account: &str) -> Option<u32> {
    let tree = w.app.mailbox()?.tree();
    let folders = &tree.accounts.iter().find(|a| a.id == account)?.folders;
    let inbox = folders.iter().find(|f| f.role == Some(Role::Inbox))?;
    assert_eq!(tree.selected, Some(inbox.id), "the Inbox is shown");
    Some(inbox.total)
}

/// Walk the wizard from the start to a tested, saved account. With
/// `smtp_works`, the outgoing server is the test SMTP server and the test
/// passes; else it is Dovecot's IMAPS port, the outgoing test fails and the
/// user saves anyway.
async fn walk_to_saved(
    w: &mut Window,
    user: &User,
    protocol: MailProtocol,
    smtp_works: bool,
) -> String {
    w.start("Ulla Berg", &user.address(), &user.password).await;
    assert_eq!(w.step(), Step::Choose, "the lookup found every server");
    // Each setting says where it came from: here the DNS service records.
    let imap = w.app.wizard().unwrap().form(Server::Imap).clone();
    assert_eq!(
        imap.source,
        Some(Source::Srv {
            record: "_imaps._tcp.brev.test".into()
        })
    );
    assert!(w.shows(&format!(
        "{}: {} — {}",
        brev::fl!("setup-kind-imap"),
        imap.summary(),
        brev::fl!("wizard-source-srv", record = "_imaps._tcp.brev.test")
    )));
    let server = match protocol {
        MailProtocol::Imap => Server::Imap,
        MailProtocol::Pop3 => Server::Pop,
    };
    w.set_username(&[server, Server::Smtp], &user.name).await;
    if protocol == MailProtocol::Pop3 {
        w.send(wizard::Message::Devices(Devices::Several)).await;
        w.click(&brev::fl!("wizard-use-pop")).await;
        assert_eq!(w.step(), Step::PopOptions);
        assert!(w.shows(&brev::fl!("wizard-pop-several-warning")));
        assert!(w.app.wizard().unwrap().pop_options().leave_on_server);
        w.click(&brev::fl!("wizard-continue")).await;
    } else {
        w.click(&brev::fl!("wizard-use-imap")).await;
    }
    // The test server's certificate is not one the system trusts.
    assert_eq!(w.step(), Step::Tested);
    let CheckFailure::Untrusted {
        name, fingerprint, ..
    } = failure(w)
    else {
        panic!("expected an untrusted certificate, got {:?}", failure(w));
    };
    assert!(w.shows(&brev::fl!("wizard-cert-name", name = name.clone())));
    assert!(w.shows(&brev::fl!(
        "wizard-cert-fingerprint",
        fingerprint = fingerprint.clone()
    )));
    assert!(w.saved().accounts.is_empty(), "nothing saved before trust");
    // One certificate for both servers: trusted once, for both.
    w.click(&brev::fl!("wizard-trust")).await;
    if smtp_works {
        // Both logins work: saved at once.
        assert!(w.app.wizard().is_none(), "the wizard closed");
    } else {
        // Incoming works now; outgoing is Dovecot's IMAPS port: no SMTP.
        let report = w.app.wizard().unwrap().report().unwrap().clone();
        assert_eq!(report.incoming, Ok(()), "{report:?}");
        assert!(
            matches!(&report.outgoing, Err(CheckFailure::NotOffered { .. })),
            "{report:?}"
        );
        assert!(w.shows(&format!("✓ {}", brev::fl!("wizard-test-ok"))));
        assert!(w.shows(&report.outgoing.clone().unwrap_err().user_message()));
        assert!(w.saved().accounts.is_empty(), "nothing saved before asked");
        w.click(&brev::fl!("wizard-save-anyway")).await;
        assert!(w.app.wizard().is_none(), "the wizard closed");
    }
    let saved = w.saved();
    assert_eq!(saved.accounts.len(), 1);
    let a = &saved.accounts[0];
    assert_eq!(a.protocol, protocol);
    assert_eq!(a.email, user.address());
    assert_eq!(a.name, "Ulla Berg");
    assert_eq!(a.incoming.username, user.name);
    assert_eq!(a.outgoing.username, user.name);
    assert_eq!(a.trusted_cert.as_deref(), Some(fingerprint.as_str()));
    let secret = Secrets::new(&w.profile, PasswordStorage::File)
        .get(&a.id)
        .unwrap();
    assert_eq!(secret.as_deref(), Some(user.password.as_str()));
    assert!(
        w.app
            .mailbox()
            .is_some_and(|m| m.tree().accounts.iter().any(|t| t.id == a.id)),
        "the mailbox shows the new account"
    );
    a.id.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wizard_sets_up_a_working_imap_account() {
    let _turn = WORDS.lock().await;
    brev::i18n::set_language("en");
    let server = Dovecot::start();
    let user = server.add_user("ulla", "ulla-Hemligt-1");
    server.fill(&user, "INBOX", 4, 21);
    let ports = server.ports();
    let smtp = Smtpd::start(&server);
    let mut w = Window::first_start(lookup(
        &server,
        &[
            ("_imaps._tcp", ports.imaps),
            ("_pop3s._tcp", ports.pop3s),
            ("_submissions._tcp", smtp.tls_port),
        ],
    ));
    let id = walk_to_saved(&mut w, &user, MailProtocol::Imap, true).await;
    assert_eq!(w.saved().accounts[0].outgoing.port, smtp.tls_port);
    assert_eq!(w.saved().accounts[0].incoming.port, ports.imaps);
    assert_eq!(w.saved().accounts[0].incoming.security, Security::Tls);
    first_sync(&mut w, &id).await;
    assert_eq!(inbox_total(&w, &id), Some(4), "the Inbox shows its mail");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wizard_sets_up_a_working_pop_account() {
    let _turn = WORDS.lock().await;
    brev::i18n::set_language("en");
    let server = Dovecot::start();
    let user = server.add_user("ulla", "ulla-Hemligt-2");
    server.fill(&user, "INBOX", 3, 22);
    let ports = server.ports();
    let mut w = Window::first_start(lookup(
        &server,
        &[
            ("_imaps._tcp", ports.imaps),
            ("_pop3s._tcp", ports.pop3s),
            ("_submissions._tcp", ports.imaps),
        ],
    ));
    let id = walk_to_saved(&mut w, &user, MailProtocol::Pop3, false).await;
    let a = w.saved().accounts[0].clone();
    assert_eq!(a.incoming.port, ports.pop3s);
    // Several devices: a copy stays on the server, for a month.
    assert!(a.pop.leave_on_server);
    assert_eq!(a.pop.delete_after_days, Some(30));
    first_sync(&mut w, &id).await;
    assert_eq!(inbox_total(&w, &id), Some(3), "the Inbox shows its mail");
    // A copy was left: the server still has all three.
    assert_eq!(
        std::fs::read_dir(user.maildir().join("cur"))
            .unwrap()
            .count()
            + std::fs::read_dir(user.maildir().join("new"))
                .unwrap()
                .count(),
        3
    );
}

/// Each failure the test can find, in the user's words (here Swedish),
/// and nothing is saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_failure_is_explained_and_nothing_is_saved() {
    let _turn = WORDS.lock().await;
    brev::i18n::set_language("sv");
    let server = Dovecot::start();
    let user = server.add_user("ulla", "ulla-Hemligt-3");
    let ports = server.ports();
    struct Case {
        name: &'static str,
        incoming: u16,
        password: &'static str,
        expect: fn(&CheckFailure) -> bool,
    }
    let cases = [
        Case {
            name: "wrong password",
            incoming: ports.imaps,
            password: "fel-lösenord",
            expect: |f| matches!(f, CheckFailure::WrongPassword),
        },
        Case {
            name: "refused",
            incoming: closed_port(),
            password: "ulla-Hemligt-3",
            expect: |f| matches!(f, CheckFailure::Refused { .. }),
        },
        Case {
            name: "not offered (POP3 answers where IMAP was expected)",
            incoming: ports.pop3s,
            password: "ulla-Hemligt-3",
            expect: |f| matches!(f, CheckFailure::NotOffered { .. }),
        },
    ];
    for case in cases {
        let mut w = Window::first_start(lookup(
            &server,
            &[
                ("_imaps._tcp", case.incoming),
                ("_submissions._tcp", ports.imaps),
            ],
        ));
        w.start("Ulla", &user.address(), case.password).await;
        assert_eq!(w.step(), Step::Choose, "{}", case.name);
        // Only IMAP was found: only IMAP is offered.
        assert!(w.shows(&brev::fl!("wizard-only-imap")), "{}", case.name);
        assert!(!w.shows(&brev::fl!("wizard-use-pop")), "{}", case.name);
        w.set_username(&[Server::Imap], &user.name).await;
        w.click(&brev::fl!("wizard-use-imap")).await;
        assert_eq!(w.step(), Step::Tested, "{}", case.name);
        let mut f = failure(&w);
        if let CheckFailure::Untrusted { fingerprint, .. } = &f {
            // The certificate box is in Swedish too; trust, then the real
            // failure shows.
            assert!(w.shows(&brev::fl!("wizard-cert-title")));
            assert!(w.shows("Lita på det här certifikatet"));
            shoot(&w, &screenshots().join("wizard-untrusted-sv.png"));
            let fp = fingerprint.clone();
            w.send(wizard::Message::Trust(fp)).await;
            f = failure(&w);
        }
        assert!((case.expect)(&f), "{}: got {f:?}", case.name);
        let words = f.user_message();
        assert!(w.shows(&words), "{}: {words:?} is not shown", case.name);
        if matches!(f, CheckFailure::WrongPassword) {
            shoot(&w, &screenshots().join("wizard-failed-sv.png"));
        }
        assert!(
            !words.is_empty() && !words.contains("setup-fail"),
            "{}: {words}",
            case.name
        );
        assert!(w.saved().accounts.is_empty(), "{}: saved", case.name);
        assert!(
            Secrets::new(&w.profile, PasswordStorage::File)
                .get(&w.app.wizard().unwrap().account().unwrap().id)
                .unwrap()
                .is_none(),
            "{}: a password was stored",
            case.name
        );
        // "Try again" runs the test again, with the same answer.
        w.click("Försök igen").await;
        assert_eq!(w.step(), Step::Tested, "{}", case.name);
        assert!((case.expect)(&failure(&w)), "{}", case.name);
    }
    brev::i18n::set_language("en");
}

/// Cancelling: the lookup can be left at once for the manual settings, and
/// Esc closes a wizard opened with "Add an account" (not a first start).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lookup_can_be_left_and_add_account_can_be_cancelled() {
    let _turn = WORDS.lock().await;
    brev::i18n::set_language("en");
    let server = Dovecot::start();
    let mut w = Window::first_start(lookup(&server, &[]));
    w.send(wizard::Message::Email("ulla@brev.test".into()))
        .await;
    w.send(wizard::Message::Password("x".into())).await;
    // Start the lookup without running it: the window shows it running.
    let (job, _) = w.app.update_wizard(wizard::Message::Submit);
    assert!(job.is_some());
    assert_eq!(w.step(), Step::Looking);
    assert!(w.shows(&brev::fl!("wizard-looking", domain = "brev.test")));
    w.click(&brev::fl!("wizard-manual-button")).await;
    assert_eq!(w.step(), Step::Manual);
    // The late answer of the abandoned lookup changes nothing.
    let late = job.unwrap().run().await;
    w.send(late).await;
    assert_eq!(w.step(), Step::Manual);
    // Nothing was found: the user name is prefilled with the address.
    let imap = w.app.wizard().unwrap().form(Server::Imap).clone();
    assert_eq!(imap.username, "ulla@brev.test");
    assert!(imap.host.is_empty());
    // Esc does not close the first-start wizard: there is nothing behind it.
    let esc = iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(iced::keyboard::key::Named::Escape),
        modified_key: iced::keyboard::Key::Named(iced::keyboard::key::Named::Escape),
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::empty(),
        text: None,
        repeat: false,
    };
    let _ = w.app.update(Message::Keyboard(esc.clone()));
    assert!(w.app.wizard().is_some());

    // With an account, "Add an account…" in the settings opens it; Esc
    // closes it and the mailbox is back.
    let dir = tempfile::tempdir().unwrap();
    let profile = Profile::at(dir.path()).unwrap();
    let mut config = Config::default();
    config.accounts.push(brev::config::Account {
        id: "anna".into(),
        name: "Anna".into(),
        email: "anna@example.org".into(),
        protocol: MailProtocol::Imap,
        incoming: w
            .app
            .wizard()
            .unwrap()
            .form(Server::Imap)
            .settings()
            .map_or(
                brev::config::ServerSettings {
                    host: "mail.invalid".into(),
                    port: 993,
                    security: Security::Tls,
                    username: "anna".into(),
                },
                |s| s,
            ),
        outgoing: brev::config::ServerSettings {
            host: "mail.invalid".into(),
            port: 465,
            security: Security::Tls,
            username: "anna".into(),
        },
        trusted_cert: None,
        pop: Default::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    });
    let (mut app, _) = App::new(Startup {
        config: Ok(config),
        profile: Some(profile),
        demo: false,
    });
    assert!(app.wizard().is_none());
    let _ = app.update(Message::Mailbox(mailbox::Message::OpenSettings));
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(brev::fl!("wizard-add-account").as_str()).unwrap();
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
    assert!(app.wizard().is_some_and(|w| !w.first_run()));
    {
        let mut ui = simulator(app.view());
        assert!(ui.find(brev::fl!("wizard-title-add")).is_ok());
    }
    let _ = app.update(Message::Keyboard(esc));
    assert!(app.wizard().is_none(), "Esc closed it");
    assert!(app.mailbox().is_some());
}

/// Pictures for people to look at (target/screenshots/wizard-*.png): the
/// comparison must be readable at the window's default size in every
/// language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_comparison_fits_the_window_in_four_languages() {
    use brev::config::ServerSettings;
    use brev::setup::{Discovered, Found};
    let _turn = WORDS.lock().await;
    let dir = screenshots();
    let found = |host: &str, port, security| Found {
        server: ServerSettings {
            host: host.into(),
            port,
            security,
            username: "anna@exempel.se".into(),
        },
        source: Source::Builtin {
            provider: "Exempel".into(),
        },
    };
    for lang in ["en", "sv", "nb", "bg"] {
        brev::i18n::set_language(lang);
        let mut w = Window::first_start(Lookup::system());
        w.send(wizard::Message::Name("Anna Lind".into())).await;
        w.send(wizard::Message::Email("anna@exempel.se".into()))
            .await;
        w.send(wizard::Message::Password("hemligt".into())).await;
        shoot(&w, &dir.join(format!("wizard-start-{lang}.png")));
        let (job, _) = w.app.update_wizard(wizard::Message::Submit);
        let Some(wizard::Job::Discover { generation, .. }) = job else {
            panic!("the lookup starts");
        };
        shoot(&w, &dir.join(format!("wizard-looking-{lang}.png")));
        let discovered = Discovered {
            provider: Some("Exempel".into()),
            imap: Some(found("imap.exempel.se", 993, Security::Tls)),
            pop: Some(found("pop.exempel.se", 995, Security::Tls)),
            smtp: Some(found("smtp.exempel.se", 587, Security::StartTls)),
            ..Discovered::default()
        };
        w.send(wizard::Message::Discovered(
            generation,
            Box::new(discovered),
        ))
        .await;
        assert_eq!(w.step(), Step::Choose);
        // Unanswered: IMAP, "if you are unsure".
        assert!(w.shows(&brev::fl!("advice-unsure")));
        w.send(wizard::Message::Devices(Devices::Several)).await;
        w.send(wizard::Message::Space(wizard::Space::DontKnow))
            .await;
        assert!(w.shows(&brev::fl!("advice-several-devices")));
        shoot(&w, &dir.join(format!("wizard-choose-{lang}.png")));
        w.send(wizard::Message::Use(MailProtocol::Pop3)).await;
        shoot(&w, &dir.join(format!("wizard-pop-{lang}.png")));
        w.send(wizard::Message::Manual).await;
        shoot(&w, &dir.join(format!("wizard-manual-{lang}.png")));
    }
    brev::i18n::set_language("en");
}

fn shoot(w: &Window, path: &std::path::Path) {
    // The file name gets the renderer's name: NAME-tiny-skia.png.
    let written = path.with_file_name(format!(
        "{}-tiny-skia.png",
        path.file_stem().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_file(written);
    let mut ui = simulator(w.app.view());
    let shot = ui.snapshot(&iced::Theme::Light).unwrap();
    // With no file there, this writes it.
    assert!(shot.matches_image(path).unwrap());
}

fn screenshots() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
