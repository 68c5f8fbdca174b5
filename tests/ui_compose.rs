//! The compose window through the app's public messages (headless,
//! iced_test): Ctrl+N, typing, Ctrl+Enter → the Send command reaches the
//! engine channel; a reply from the reader; a bad address; suggestions from
//! a store; closing with text asks to keep the draft; a picture of it; and
//! the whole walk with a real engine, a real SMTP server and Dovecot.

mod support;

use brev::config::{Account, Config, MailProtocol};
use brev::mail::compose::Draft;
use brev::net::Security;
use brev::profile::Profile;
use brev::store::{MsgId, NewFolder, NewMessage, Role, Store};
use brev::sync::Command;
use brev::ui::bridge;
use brev::ui::data::Db;
use brev::ui::screen::compose::{self, Compose, Field, Start};
use brev::ui::screen::mailbox::{self, Effect, Mailbox};
use brev::ui::widget::message_list;
use brev::ui::{App, Message, Startup, reader};
use iced::keyboard::{self, Key, Modifiers, key::Named};
use iced_test::simulator;
use support::accounts;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

/// The language is global: tests that look at words take turns.
static WORDS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn words() -> std::sync::MutexGuard<'static, ()> {
    let turn = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    brev::i18n::set_language("en");
    turn
}

fn account() -> Account {
    let server = accounts::server("mail.invalid", 993, Security::Tls, "anna");
    Account {
        id: "anna".into(),
        name: "Anna Lind".into(),
        email: "anna@example.org".into(),
        protocol: MailProtocol::Imap,
        incoming: server.clone(),
        outgoing: server,
        trusted_cert: None,
        pop: Default::default(),
        imap: Default::default(),
        signature: "Anna Lind\nBrev AB".into(),
        server_files_sent: None,
    }
}

/// An app on `profile` with the one account `account`, its first task, and
/// the receiver its engine commands arrive on.
fn app_for(
    account: Account,
    profile: Profile,
) -> (
    App,
    iced::Task<Message>,
    UnboundedReceiver<(String, Command)>,
) {
    let mut config = Config::default();
    config.accounts.push(account);
    let (mut app, first) = App::new(Startup {
        config: Ok(config),
        profile: Some(profile),
        demo: false,
    });
    let (tx, rx) = unbounded_channel();
    let _ = app.update(Message::Bridge(bridge::Event::Ready(bridge::Sender::new(
        tx,
    ))));
    (app, first, rx)
}

/// An app with one account whose engine commands arrive on the receiver.
fn app() -> (App, UnboundedReceiver<(String, Command)>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (app, _, rx) = app_for(account(), Profile::at(dir.path()).unwrap());
    (app, rx, dir)
}

fn press(key: Key, modifiers: Modifiers) -> keyboard::Event {
    keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: keyboard::key::Physical::Unidentified(
            keyboard::key::NativeCode::Unidentified,
        ),
        location: keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    }
}

/// Type into a field of the window as a person would, and apply what the
/// widgets said.
fn type_into(app: &mut App, target: iced::widget::Id, text: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(target).expect("the field is on screen");
        ui.typewrite(text);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

/// Click on the first line of the body (above the signature) and type.
fn type_at_top_of_body(app: &mut App, text: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        let body = ui.find(compose::body_id()).expect("the body is on screen");
        let at = body.bounds().position();
        ui.point_at(iced::Point::new(at.x + 30.0, at.y + 14.0));
        ui.simulate(iced_test::simulator::click());
        ui.typewrite(text);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

/// Ctrl+Enter with the body focused: the editor's own key binding.
fn ctrl_enter_in_body(app: &mut App) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(compose::body_id()).expect("the body is on screen");
        ui.simulate([iced::Event::Keyboard(press(
            Key::Named(Named::Enter),
            Modifiers::CTRL,
        ))]);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

fn sent(rx: &mut UnboundedReceiver<(String, Command)>) -> Vec<(String, Command)> {
    std::iter::from_fn(|| rx.try_recv().ok()).collect()
}

fn draft_sent(commands: &[(String, Command)]) -> Option<(&str, &Draft)> {
    commands.iter().find_map(|(account, c)| match c {
        Command::Send(d) => Some((account.as_str(), &**d)),
        _ => None,
    })
}

#[test]
fn ctrl_n_type_and_ctrl_enter_sends_the_draft_to_the_engine() {
    let _turn = words();
    let (mut app, mut rx, _dir) = app();
    assert!(app.compose().is_none());
    let _ = app.update(Message::Keyboard(press(
        Key::Character("n".into()),
        Modifiers::CTRL,
    )));
    assert!(app.compose().is_some(), "Ctrl+N opens the compose window");
    {
        let mut ui = simulator(app.view());
        assert!(ui.find("New message").is_ok());
        assert!(ui.find("Anna Lind <anna@example.org>").is_ok(), "From");
    }
    type_into(&mut app, Field::To.id(), "Kari Nordmann <kari@example.no>");
    type_into(&mut app, compose::subject_id(), "Smörgåsbord på fredag");
    type_at_top_of_body(&mut app, "Hej Kari!");
    assert!(
        sent(&mut rx).is_empty(),
        "nothing is sent before Ctrl+Enter"
    );
    ctrl_enter_in_body(&mut app);
    let commands = sent(&mut rx);
    let (account, draft) = draft_sent(&commands).expect("a Send command");
    assert_eq!(account, "anna");
    assert_eq!(draft.account, "anna");
    assert_eq!(draft.to, "Kari Nordmann <kari@example.no>");
    assert_eq!(draft.subject, "Smörgåsbord på fredag");
    assert!(draft.body.starts_with("Hej Kari!"), "{:?}", draft.body);
    assert!(
        draft.body.contains("-- \nAnna Lind\nBrev AB"),
        "the signature"
    );
    assert!(app.compose().is_none(), "the window closes");
    let status = app.mailbox().unwrap();
    let mut ui = simulator(status.view());
    assert!(ui.find(brev::fl!("compose-ui-queued")).is_ok());
}

#[test]
fn a_bad_address_is_flagged_and_send_is_refused() {
    let _turn = words();
    let (mut app, mut rx, _dir) = app();
    let _ = app.update(Message::Mailbox(mailbox::Message::NewMessage));
    type_into(&mut app, Field::To.id(), "kari@example.no, pelle, ");
    let flagged = app
        .compose()
        .unwrap()
        .error(Field::To)
        .expect("pelle is flagged")
        .to_owned();
    assert!(flagged.contains("pelle"), "{flagged}");
    {
        let mut ui = simulator(app.view());
        assert!(ui.find(flagged.clone()).is_ok(), "the reason is on screen");
    }
    ctrl_enter_in_body(&mut app);
    assert!(draft_sent(&sent(&mut rx)).is_none(), "not sent");
    let window = app.compose().expect("still open");
    assert_eq!(window.problem(), Some(flagged.as_str()));
}

#[test]
fn closing_with_text_asks_to_keep_the_draft() {
    let _turn = words();
    let (mut app, mut rx, _dir) = app();
    let _ = app.update(Message::Mailbox(mailbox::Message::NewMessage));
    // Nothing typed: Esc closes at once.
    let escape = || {
        Message::Compose(compose::Message::Key {
            key: Key::Named(Named::Escape),
            modifiers: Modifiers::empty(),
            captured: true,
        })
    };
    let _ = app.update(escape());
    assert!(app.compose().is_none());
    let _ = app.update(Message::Mailbox(mailbox::Message::NewMessage));
    type_into(&mut app, compose::subject_id(), "Utkast");
    let _ = app.update(escape());
    assert!(app.compose().unwrap().asking_close());
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        assert!(ui.find("Keep this message as a draft?").is_ok());
        ui.click("Save draft").unwrap();
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
    assert!(app.compose().is_none());
    let commands = sent(&mut rx);
    assert!(
        commands
            .iter()
            .any(|(_, c)| matches!(c, Command::SaveDraft(d) if d.subject == "Utkast")),
        "{commands:?}"
    );
    // The engine's answer reaches the closed window, which has nothing
    // more to do.
    let _ = app.update(Message::Bridge(bridge::Event::Engine(
        brev::sync::Event::DraftSaved {
            account: "anna".into(),
            draft: MsgId(1),
            replaces: None,
        },
    )));
    assert!(sent(&mut rx).is_empty());
}

const ORIGINAL: &[u8] = b"From: Kari Nordmann <kari@example.no>\r\n\
To: Anna Lind <anna@example.org>, Ola <ola@example.no>\r\n\
Subject: Middag =?UTF-8?Q?p=C3=A5?= fredag\r\n\
Date: Fri, 20 Nov 2026 09:30:00 +0100\r\n\
Message-ID: <middag@example.no>\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
Kommer du?\r\n";

fn store_with_mail() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = Store::open(&path).unwrap();
    store
        .write(|tx| {
            let inbox = tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            tx.insert_message(inbox, &NewMessage::from_raw(ORIGINAL.to_vec(), 1))?;
            for (i, from) in [
                "Karin Ek <karin@example.se>",
                "Karin Ek <karin@example.se>",
                "Olle <olle@example.se>",
            ]
            .iter()
            .enumerate()
            {
                let raw = format!(
                    "From: {from}\r\nTo: anna@example.org\r\nSubject: Hej {i}\r\n\r\nHej\r\n"
                );
                tx.insert_message(inbox, &NewMessage::from_raw(raw.into_bytes(), 2 + i as i64))?;
            }
            Ok(())
        })
        .unwrap();
    (dir, path)
}

/// Run a mailbox's store reads at once; return what else it asked for.
/// Click the reader's button labelled `label`; what the mailbox makes of it.
fn click_in_reader(mailbox: &mut Mailbox, label: String) -> Vec<Effect> {
    let messages: Vec<reader::Message> = {
        let mut ui = simulator(mailbox.reader().view());
        ui.click(label).unwrap();
        ui.into_messages().collect()
    };
    let mut effects = Vec::new();
    for m in messages {
        effects.extend(mailbox.update(mailbox::Message::Reader(m)));
    }
    effects
}

fn settle(mailbox: &mut Mailbox, db: &Db, effects: Vec<Effect>) -> Vec<Effect> {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut rest = Vec::new();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Query(q) => {
                let loaded = db.run(q);
                queue.extend(mailbox.update(mailbox::Message::Loaded(loaded)));
            }
            other => rest.push(other),
        }
    }
    rest
}

#[test]
fn reply_from_the_reader_fills_to_re_the_quote_and_the_attribution() {
    let _turn = words();
    let (_dir, path) = store_with_mail();
    let db = Db::at(path);
    let (mut mailbox, first) = Mailbox::new(vec![account()], Default::default());
    settle(&mut mailbox, &db, first);
    let effects = mailbox.update(mailbox::Message::List(message_list::Message::Scrolled {
        offset: 0.0,
        height: 600.0,
    }));
    settle(&mut mailbox, &db, effects);
    // The oldest is the original (date 1 is stored as its Date header).
    let row = (0..mailbox.list().total())
        .filter_map(|i| mailbox.list().row(i))
        .position(|r| r.from_addr == "kari@example.no")
        .expect("the original is listed");
    let effects = mailbox.update(mailbox::Message::List(message_list::Message::Clicked(row)));
    settle(&mut mailbox, &db, effects);
    assert!(mailbox.reader().opened.is_some());
    let id = mailbox.reader().id.unwrap();

    // The reader's Reply button.
    let starts = click_in_reader(&mut mailbox, brev::fl!("compose-ui-reply"));
    let start = Start::Reply {
        account: "anna".into(),
        id,
        all: false,
    };
    assert_eq!(starts, vec![Effect::Compose(start.clone())]);
    // Ctrl+R and Ctrl+Shift+R from the list ask the same.
    let ctrl_r = mailbox.update(mailbox::Message::Key(
        Key::Character("r".into()),
        Modifiers::CTRL,
    ));
    assert_eq!(ctrl_r, vec![Effect::Compose(start.clone())]);
    let all = mailbox.update(mailbox::Message::Key(
        Key::Character("R".into()),
        Modifiers::CTRL | Modifiers::SHIFT,
    ));
    assert_eq!(
        all,
        vec![Effect::Compose(Start::Reply {
            account: "anna".into(),
            id,
            all: true
        })]
    );
    let forward = mailbox.update(mailbox::Message::Key(
        Key::Character("l".into()),
        Modifiers::CTRL,
    ));
    assert_eq!(
        forward,
        vec![Effect::Compose(Start::Forward {
            account: "anna".into(),
            id
        })]
    );

    // The app builds the draft off the UI thread with this.
    let draft = compose::prepare(&db, &start, &account()).unwrap();
    let (window, _) = Compose::new(vec![account()], draft);
    let draft = window.draft();
    assert_eq!(draft.to, "Kari Nordmann <kari@example.no>");
    assert_eq!(draft.cc, "", "Reply, not Reply all");
    assert_eq!(draft.subject, "Re: Middag på fredag");
    assert!(
        draft.body.contains("Kari Nordmann wrote:"),
        "{}",
        draft.body
    );
    assert!(draft.body.contains("> Kommer du?"), "{}", draft.body);
    assert_eq!(draft.in_reply_to.as_deref(), Some("middag@example.no"));
    assert_eq!(draft.replying_to, Some(id));
    let mut ui = simulator(window.view());
    assert!(ui.find("Re: Middag på fredag").is_ok());

    // Reply all: the other recipient in Cc, not the user.
    let all = Start::Reply {
        account: "anna".into(),
        id,
        all: true,
    };
    let draft = compose::prepare(&db, &all, &account()).unwrap();
    assert_eq!(draft.cc, "Ola <ola@example.no>");
}

#[test]
fn suggestions_come_from_the_store() {
    let _turn = words();
    let (_dir, path) = store_with_mail();
    let db = Db::at(path);
    let a = account();
    let (mut window, _) = Compose::new(vec![a.clone()], brev::mail::compose::new_message(&a));
    let effects = window.update(compose::Message::Address(Field::To, "kar".into()));
    for effect in effects {
        if let compose::Effect::Suggest {
            prefix, generation, ..
        } = effect
        {
            let found = compose::lookup(&db, &prefix);
            let _ = window.update(compose::Message::Suggested { generation, found });
        }
    }
    let shown: Vec<String> = window.suggestions().iter().map(|s| s.display()).collect();
    // Karin wrote twice, Kari once: most used first.
    assert_eq!(
        shown,
        [
            "Karin Ek <karin@example.se>",
            "Kari Nordmann <kari@example.no>"
        ]
    );
    let messages: Vec<compose::Message> = {
        let mut ui = simulator(window.view());
        ui.click("Kari Nordmann <kari@example.no>").unwrap();
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = window.update(m);
    }
    assert_eq!(window.draft().to, "Kari Nordmann <kari@example.no>, ");
    assert!(window.suggestions().is_empty());
}

#[test]
fn a_picture_of_the_compose_window() {
    let _turn = words();
    let a = account();
    let mut other = account();
    other.id = "jobb".into();
    other.email = "anna.lind@jobb.example.se".into();
    let (mut window, _) =
        Compose::new(vec![a.clone(), other], brev::mail::compose::new_message(&a));
    let _ = window.update(compose::Message::Subject("Smörgåsbord på fredag".into()));
    let _ = window.update(compose::Message::Address(
        Field::To,
        "Kari Nordmann <kari@example.no>, Åsa Öberg <asa@exempel.se>".into(),
    ));
    let _ = window.update(compose::Message::Attached(Ok(vec![
        brev::mail::compose::DraftAttachment {
            name: "meny.pdf".into(),
            mime_type: "application/pdf".into(),
            data: vec![0; 180_000],
        },
    ])));
    let _ = window.update(compose::Message::SizeLimit(Some(100_000)));
    let _ = window.update(compose::Message::Address(Field::Cc, "pelle, ka".into()));
    let _ = window.update(compose::Message::Suggested {
        generation: 2,
        found: vec![brev::store::KnownAddress {
            name: "Karin Ek".into(),
            email: "karin@example.se".into(),
            uses: 4,
            last_seen: 0,
        }],
    });
    assert_eq!(window.suggestions().len(), 1);
    let settings = brev::ui::font::settings();
    let mut ui = iced_test::Simulator::with_size(settings, (1100.0, 760.0), window.view());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let _ = std::fs::remove_file(dir.join("compose-tiny-skia.png"));
    let shot = ui.snapshot(&iced::Theme::Light).unwrap();
    assert!(shot.matches_image(dir.join("compose.png")).unwrap());
}

#[test]
fn an_outbox_message_that_may_have_been_sent_asks_the_user() {
    let _turn = words();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = Store::open(&path).unwrap();
    let (outbox, waiting, unsure) = store
        .write(|tx| {
            tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            let outbox = tx.upsert_folder(
                "anna",
                &NewFolder::new("Outbox", Some(Role::Outbox)).local(),
            )?;
            let out = brev::store::NewOutgoing {
                sender: "anna@example.org".into(),
                recipients: vec!["kari@example.no".into()],
                ..Default::default()
            };
            let message = |subject: &str, date: i64| {
                let raw = format!(
                    "From: Anna Lind <anna@example.org>\r\nTo: kari@example.no\r\n\
                     Subject: {subject}\r\n\r\nHej\r\n"
                );
                NewMessage::from_raw(raw.into_bytes(), date)
            };
            let waiting = tx.queue_outgoing("anna", outbox, &message("Väntar", 10), &out, 10)?;
            let unsure = tx.queue_outgoing("anna", outbox, &message("Osäker", 20), &out, 20)?;
            tx.set_outbox_state(unsure, &brev::store::OutboxState::MaybeSent)?;
            Ok((outbox, waiting, unsure))
        })
        .unwrap();
    drop(store);
    let db = Db::at(path);
    let (mut mailbox, first) = Mailbox::new(vec![account()], Default::default());
    settle(&mut mailbox, &db, first);
    // The Outbox is in the tree and lists what waits there.
    assert!(
        mailbox.tree().accounts[0]
            .folders
            .iter()
            .any(|f| f.id == outbox)
    );
    let effects = mailbox.update(mailbox::Message::Tree(
        brev::ui::widget::folder_tree::Message::Select(outbox),
    ));
    settle(&mut mailbox, &db, effects);
    let effects = mailbox.update(mailbox::Message::List(message_list::Message::Scrolled {
        offset: 0.0,
        height: 600.0,
    }));
    settle(&mut mailbox, &db, effects);
    assert_eq!(mailbox.list().total(), 2);
    // The list shows where each stands in place of the date.
    assert_eq!(
        mailbox.list().state_label(waiting),
        Some(brev::fl!("compose-ui-list-queued"))
    );
    assert_eq!(
        mailbox.list().state_label(unsure),
        Some(brev::fl!("compose-ui-list-maybe-sent"))
    );
    {
        let mut ui = simulator(mailbox.list().view());
        assert!(ui.find(brev::fl!("compose-ui-list-queued")).is_ok());
        assert!(ui.find(brev::fl!("compose-ui-list-maybe-sent")).is_ok());
    }
    let open = |mailbox: &mut Mailbox, id: MsgId| {
        let row = (0..2)
            .position(|i| mailbox.list().row(i).is_some_and(|r| r.id == id))
            .unwrap();
        let effects = mailbox.update(mailbox::Message::List(message_list::Message::Clicked(row)));
        settle(mailbox, &db, effects)
    };
    // A queued one says so, and offers no choice.
    open(&mut mailbox, waiting);
    {
        let mut ui = simulator(mailbox.reader().view());
        assert!(ui.find(brev::fl!("send-state-queued")).is_ok());
        assert!(ui.find(brev::fl!("compose-ui-send-again")).is_err());
    }
    // One that may have been sent: the user decides.
    open(&mut mailbox, unsure);
    {
        let mut ui = simulator(mailbox.reader().view());
        assert!(ui.find(brev::fl!("send-may-have-been-sent")).is_ok());
        assert!(ui.find(brev::fl!("compose-ui-was-sent")).is_ok());
    }
    let effects = click_in_reader(&mut mailbox, brev::fl!("compose-ui-send-again"));
    assert_eq!(
        effects,
        vec![Effect::Send {
            account: "anna".into(),
            command: Command::ResolveOutbox {
                message: unsure,
                send_again: true
            }
        }]
    );
}

#[test]
fn a_send_failure_shows_translated_in_the_status_line() {
    let _turn = words();
    let (mut mailbox, _) = Mailbox::new(vec![account()], Default::default());
    let error = brev::sync::SyncError::RecipientRejected {
        address: "pelle@example.no".into(),
        reply: "550 no such user".into(),
    };
    let effects = mailbox.update(mailbox::Message::Engine(brev::sync::Event::SendFailed {
        account: "anna".into(),
        error: error.clone(),
    }));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Query(_))),
        "the Outbox count is re-read"
    );
    let expected = brev::fl!(
        "compose-ui-send-failed",
        account = "anna@example.org",
        reason = error.user_message()
    );
    {
        let mut ui = simulator(mailbox.view());
        assert!(ui.find(expected).is_ok());
    }
    brev::i18n::set_language("sv");
    let _ = mailbox.update(mailbox::Message::Engine(brev::sync::Event::SendFailed {
        account: "anna".into(),
        error: error.clone(),
    }));
    let swedish = brev::fl!(
        "compose-ui-send-failed",
        account = "anna@example.org",
        reason = error.user_message()
    );
    assert!(swedish.contains("Utkorgen"), "{swedish}");
    let mut ui = simulator(mailbox.view());
    assert!(ui.find(swedish).is_ok());
    brev::i18n::set_language("en");
}

/// A real engine for `account` with `password` on `profile`'s store,
/// trusting `server`, checking every ten minutes; and its events.
fn spawn_engine(
    server: &support::Dovecot,
    account: &Account,
    password: &str,
    profile: &Profile,
) -> (
    brev::sync::engine::EngineHandle,
    UnboundedReceiver<brev::sync::Event>,
) {
    let (ctx, events) =
        accounts::engine_ctx(server, account.clone(), password, &profile.store_file());
    let engine = brev::sync::engine::spawn(ctx, brev::sync::engine::Schedule::every_minutes(10));
    (engine, events)
}

/// The walk for real: the app's Send command goes to a real engine, which
/// sends over a real SMTP server (STARTTLS, AUTH) into Dovecot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_walk_with_a_real_engine_and_smtp_server() {
    let server = support::Dovecot::start();
    let smtp = support::smtp::Smtpd::start(&server);
    let anna = server.add_user("anna", "anna-pw");
    let kari = server.add_user("kari", "kari-pw");
    let mut a = account();
    a.email = anna.address();
    a.incoming = accounts::server("localhost", server.imaps_port(), Security::Tls, &anna.name);
    a.outgoing = accounts::server("localhost", smtp.port, Security::StartTls, &anna.name);
    let dir = tempfile::tempdir().unwrap();
    let profile = Profile::at(dir.path()).unwrap();
    let (engine, mut events) = spawn_engine(&server, &a, "anna-pw", &profile);
    let subject = "Middag på fredag — Здравейте";
    let (mut app, _, mut commands) = app_for(a.clone(), profile.clone());
    {
        let _turn = words();
        let _ = app.update(Message::Keyboard(press(
            Key::Character("n".into()),
            Modifiers::CTRL,
        )));
        type_into(
            &mut app,
            Field::To.id(),
            &format!("Kari Nordmann <{}>", kari.address()),
        );
        type_into(&mut app, compose::subject_id(), subject);
        type_at_top_of_body(&mut app, "Kommer du?");
        ctrl_enter_in_body(&mut app);
    }
    assert!(app.compose().is_none());
    let mut handed = 0;
    while let Ok((account, command)) = commands.try_recv() {
        assert_eq!(account, "anna");
        if matches!(command, Command::Send(_)) {
            handed += 1;
        }
        assert!(engine.send(command));
    }
    assert_eq!(handed, 1, "one Send reached the engine");
    // The engine's events come back to the window: sent, said so.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut heard = Vec::new();
    loop {
        let event = tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("not sent within 60 s")
            .expect("the engine stopped");
        if let brev::sync::Event::SendFailed { error, .. } = &event {
            panic!("sending failed: {error:?}");
        }
        let done = matches!(event, brev::sync::Event::Sent { .. });
        heard.push(event);
        if done {
            break;
        }
    }
    {
        let _turn = words();
        for event in heard {
            let _ = app.update(Message::Bridge(bridge::Event::Engine(event)));
        }
        let mut ui = simulator(app.mailbox().unwrap().view());
        assert!(
            ui.find(brev::fl!("compose-ui-sent", account = anna.address()))
                .is_ok()
        );
    }
    assert_eq!(smtp.wait_data(), 1);
    // It arrived in Kari's mailbox as typed.
    let new = kari.maildir().join("new");
    let file = std::fs::read_dir(&new)
        .unwrap()
        .next()
        .expect("a delivered message")
        .unwrap();
    let m = brev::mail::parse(&std::fs::read(file.path()).unwrap());
    assert_eq!(m.subject, subject);
    assert_eq!(m.to[0].email, kari.address());
    assert_eq!(m.from[0].email, anna.address());
    assert!(m.text.starts_with("Kommer du?"), "{:?}", m.text);
    engine.shutdown().await;
}

#[test]
fn a_reply_to_a_message_not_downloaded_yet_needs_its_body() {
    let _turn = words();
    let (_dir, path) = store_with_mail();
    let mut store = Store::open(&path).unwrap();
    let id = store
        .write(|tx| {
            let inbox = tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            let mut m = NewMessage::from_raw(ORIGINAL.to_vec(), 1);
            m.partial = true;
            tx.insert_message(inbox, &m)
        })
        .unwrap();
    drop(store);
    let db = Db::at(path);
    let start = Start::Reply {
        account: "anna".into(),
        id,
        all: false,
    };
    // The app asks the engine for the body then (see
    // a_reply_to_a_message_not_downloaded_yet_fetches_it_first).
    assert_eq!(
        compose::prepare(&db, &start, &account()),
        Err(compose::PrepareError::NotDownloaded(id))
    );
    let gone = Start::Forward {
        account: "anna".into(),
        id: MsgId(9999),
    };
    assert_eq!(
        compose::prepare(&db, &gone, &account()),
        Err(compose::PrepareError::Failed(brev::fl!(
            "compose-ui-original-missing"
        )))
    );
}

// ---------------------------------------------------------------------------
// Editing a stored draft; replying to a message not downloaded yet; the
// Outbox's states in the list.

/// A runtime for the tests that run the app's tasks (two workers: the
/// engine runs beside them).
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Run an app's task and every task that follows from its messages.
async fn run(app: &mut App, task: iced::Task<Message>) {
    use iced::futures::StreamExt;
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
}

/// A draft as the compose window stores it: with Bcc, an attachment and
/// the thread it answers.
fn stored_draft() -> Draft {
    Draft {
        account: "anna".into(),
        to: "Kari Nordmann <kari@example.no>".into(),
        cc: "Ola <ola@example.no>".into(),
        bcc: "chef@example.se".into(),
        subject: "Re: Middag på fredag".into(),
        body: "Jag kommer gärna!".into(),
        attachments: vec![brev::mail::compose::DraftAttachment {
            name: "karta.pdf".into(),
            mime_type: "application/pdf".into(),
            data: b"%PDF-1.4 karta\n".to_vec(),
        }],
        in_reply_to: Some("middag@example.no".into()),
        references: vec!["middag@example.no".into()],
        ..Draft::default()
    }
}

#[test]
fn a_draft_in_drafts_opens_for_editing_and_replaces_itself() {
    let _turn = words();
    let (_dir, path) = store_with_mail();
    let mut store = Store::open(&path).unwrap();
    let raw = brev::mail::compose::build_draft(&stored_draft(), &account(), 1_795_262_400).unwrap();
    let (drafts, id) = store
        .write(|tx| {
            let drafts = tx.upsert_folder("anna", &NewFolder::new("Drafts", Some(Role::Drafts)))?;
            let id = tx.insert_message(drafts, &NewMessage::from_raw(raw.clone(), 5))?;
            Ok((drafts, id))
        })
        .unwrap();
    drop(store);
    let db = Db::at(path);
    let (mut mailbox, first) = Mailbox::new(vec![account()], Default::default());
    settle(&mut mailbox, &db, first);

    // A message in the Inbox offers Reply, not Edit.
    let effects = mailbox.update(mailbox::Message::List(message_list::Message::Scrolled {
        offset: 0.0,
        height: 600.0,
    }));
    settle(&mut mailbox, &db, effects);
    let effects = mailbox.update(mailbox::Message::List(message_list::Message::Clicked(0)));
    settle(&mut mailbox, &db, effects);
    {
        let mut ui = simulator(mailbox.reader().view());
        assert!(ui.find(brev::fl!("compose-ui-reply")).is_ok());
        assert!(ui.find(brev::fl!("compose-ui-edit")).is_err());
    }

    // The draft in Drafts: Edit, in the reader and with Enter on its row.
    let effects = mailbox.update(mailbox::Message::Tree(
        brev::ui::widget::folder_tree::Message::Select(drafts),
    ));
    settle(&mut mailbox, &db, effects);
    let effects = mailbox.update(mailbox::Message::List(message_list::Message::Clicked(0)));
    settle(&mut mailbox, &db, effects);
    assert_eq!(mailbox.reader().id, Some(id));
    {
        let mut ui = simulator(mailbox.reader().view());
        assert!(ui.find(brev::fl!("compose-ui-reply")).is_err());
    }
    let starts = click_in_reader(&mut mailbox, brev::fl!("compose-ui-edit"));
    let start = Start::EditDraft {
        account: "anna".into(),
        id,
    };
    assert_eq!(starts, vec![Effect::Compose(start.clone())]);
    let enter = mailbox.update(mailbox::Message::Key(
        Key::Named(Named::Enter),
        Modifiers::default(),
    ));
    assert_eq!(enter, vec![Effect::Compose(start.clone())]);
    // So does a double-click on its row.
    let clicks: Vec<message_list::Message> = {
        let mut ui = simulator(mailbox.list().view());
        ui.click("Re: Middag på fredag").unwrap();
        ui.click("Re: Middag på fredag").unwrap();
        ui.into_messages().collect()
    };
    let double = clicks
        .into_iter()
        .find(|m| matches!(m, message_list::Message::DoubleClicked(_)))
        .expect("the row tells a double-click");
    assert_eq!(
        mailbox.update(mailbox::Message::List(double)),
        vec![Effect::Compose(start.clone())]
    );

    // The window is filled from the stored draft and knows it replaces it.
    let draft = compose::prepare(&db, &start, &account()).unwrap();
    assert_eq!(
        draft,
        Draft {
            saved_as: Some(id),
            ..stored_draft()
        }
    );
    let (mut window, _) = Compose::new(vec![account()], draft);
    {
        let mut ui = simulator(window.view());
        assert!(ui.find("Re: Middag på fredag").is_ok());
        assert!(ui.find("karta.pdf").is_ok());
    }
    // Autosave replaces it ...
    let effects = window.update(compose::Message::Subject("Re: Middag på lördag".into()));
    let due = effects
        .iter()
        .find_map(|e| match e {
            compose::Effect::SaveLater { generation } => Some(*generation),
            _ => None,
        })
        .expect("a save is planned");
    let effects = window.update(compose::Message::AutosaveDue(due));
    let saved = effects
        .iter()
        .find_map(|e| match e {
            compose::Effect::Engine {
                command: Command::SaveDraft(d),
                ..
            } => Some(d.clone()),
            _ => None,
        })
        .expect("the draft is saved");
    assert_eq!(saved.saved_as, Some(id), "in place of the stored one");
    let _ = window.update(compose::Message::DraftSaved {
        draft: MsgId(id.0 + 100),
        replaces: Some(id),
    });
    // ... and so does Send (the engine removes `saved_as` when queueing).
    let effects = window.update(compose::Message::Send);
    let sent = effects
        .iter()
        .find_map(|e| match e {
            compose::Effect::Engine {
                command: Command::Send(d),
                ..
            } => Some(d.clone()),
            _ => None,
        })
        .expect("sent");
    assert_eq!(sent.saved_as, Some(MsgId(id.0 + 100)));
    assert_eq!(sent.in_reply_to.as_deref(), Some("middag@example.no"));
    assert_eq!(sent.bcc, "chef@example.se");
}

/// An app over a store whose Inbox holds one message of which only the
/// headers are stored, shown with that message selected; its id and the
/// store's path.
async fn app_with_partial() -> (
    App,
    UnboundedReceiver<(String, Command)>,
    tempfile::TempDir,
    std::path::PathBuf,
    MsgId,
) {
    let dir = tempfile::tempdir().unwrap();
    let profile = Profile::at(dir.path()).unwrap();
    let path = profile.store_file();
    let mut store = Store::open(&path).unwrap();
    let id = store
        .write(|tx| {
            let inbox = tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            let mut m = NewMessage::from_raw(ORIGINAL.to_vec(), 1);
            m.partial = true;
            m.raw = None;
            tx.insert_message(inbox, &m)
        })
        .unwrap();
    drop(store);
    let (mut app, first, mut rx) = app_for(account(), profile);
    run(&mut app, first).await;
    let click = app.update(Message::Mailbox(mailbox::Message::List(
        message_list::Message::Clicked(0),
    )));
    run(&mut app, click).await;
    assert_eq!(app.mailbox().unwrap().reader().id, Some(id));
    // The reader asked for the body itself; that is not what is tested.
    let _ = sent(&mut rx);
    (app, rx, dir, path, id)
}

fn ctrl_r() -> Message {
    Message::Keyboard(press(Key::Character("r".into()), Modifiers::CTRL))
}

fn notice(app: &App) -> Option<String> {
    app.mailbox().unwrap().notice().map(str::to_owned)
}

#[test]
fn a_reply_to_a_message_not_downloaded_yet_fetches_it_first() {
    // The language is held outside the runtime (no lock across .await).
    let _turn = words();
    runtime().block_on(a_reply_to_a_message_not_downloaded_yet_fetches_it_first_steps());
}

async fn a_reply_to_a_message_not_downloaded_yet_fetches_it_first_steps() {
    let (mut app, mut rx, _dir, path, id) = app_with_partial().await;
    let reply = app.update(ctrl_r());
    run(&mut app, reply).await;
    // No empty reply: the engine is asked for the body, the user told.
    assert!(app.compose().is_none());
    assert_eq!(
        sent(&mut rx),
        vec![("anna".to_owned(), Command::OpenMessage(id))]
    );
    assert_eq!(notice(&app), Some(brev::fl!("compose-ui-fetching")));
    let start = Start::Reply {
        account: "anna".into(),
        id,
        all: false,
    };
    assert_eq!(app.compose_fetching(), Some(&start));
    {
        let mut ui = simulator(app.view());
        assert!(ui.find(brev::fl!("compose-ui-fetching")).is_ok());
    }
    let inbox = app.mailbox().unwrap().list().folder().unwrap();

    // Something else changed in the folder: still waiting, not asked twice.
    let changed = || {
        Message::Bridge(bridge::Event::Engine(brev::sync::Event::FolderChanged {
            account: "anna".into(),
            folder: inbox,
        }))
    };
    let task = app.update(changed());
    run(&mut app, task).await;
    assert!(app.compose().is_none());
    assert_eq!(app.compose_fetching(), Some(&start));
    assert!(sent(&mut rx).is_empty());

    // The engine stored the body and says so: the reply opens, filled.
    let mut store = Store::open(&path).unwrap();
    store.write(|tx| tx.set_raw(id, ORIGINAL)).unwrap();
    drop(store);
    let task = app.update(changed());
    run(&mut app, task).await;
    let window = app
        .compose()
        .expect("the reply opens once the body is here");
    let draft = window.draft();
    assert_eq!(draft.to, "Kari Nordmann <kari@example.no>");
    assert!(draft.body.contains("> Kommer du?"), "{}", draft.body);
    assert_eq!(draft.replying_to, Some(id));
    assert_eq!(app.compose_fetching(), None);
    assert_eq!(notice(&app), None, "the note is gone");
}

#[test]
fn offline_a_reply_to_a_message_not_downloaded_says_so() {
    // The language is held outside the runtime (no lock across .await).
    let _turn = words();
    runtime().block_on(offline_a_reply_to_a_message_not_downloaded_says_so_steps());
}

async fn offline_a_reply_to_a_message_not_downloaded_says_so_steps() {
    let (mut app, mut rx, _dir, _path, id) = app_with_partial().await;
    let offline = || {
        Message::Bridge(bridge::Event::Engine(brev::sync::Event::State {
            account: "anna".into(),
            state: brev::sync::AccountState::Offline(brev::sync::SyncError::Net(
                brev::net::NetError::Timeout {
                    host: "mail.invalid".into(),
                    port: 993,
                },
            )),
        }))
    };
    let said = brev::fl!("compose-ui-fetch-offline", account = "anna@example.org");

    // Going offline while the body is on its way: the wait ends, in words.
    let reply = app.update(ctrl_r());
    run(&mut app, reply).await;
    assert_eq!(
        sent(&mut rx),
        vec![("anna".to_owned(), Command::OpenMessage(id))]
    );
    let task = app.update(offline());
    run(&mut app, task).await;
    assert_eq!(app.compose_fetching(), None);
    assert!(app.compose().is_none());
    assert_eq!(notice(&app).as_deref(), Some(said.as_str()));

    // Known to be offline: nothing is asked, no empty reply opens.
    let forward = app.update(Message::Keyboard(press(
        Key::Character("l".into()),
        Modifiers::CTRL,
    )));
    run(&mut app, forward).await;
    assert!(app.compose().is_none());
    assert!(sent(&mut rx).is_empty());
    assert_eq!(notice(&app).as_deref(), Some(said.as_str()));
    let mut ui = simulator(app.view());
    assert!(ui.find(said.as_str()).is_ok());
}

#[test]
fn a_reply_to_a_message_kept_on_the_server_fetches_it_through_the_engine() {
    // The language is held outside the runtime (no lock across .await).
    let _turn = words();
    runtime()
        .block_on(a_reply_to_a_message_kept_on_the_server_fetches_it_through_the_engine_steps());
}

async fn a_reply_to_a_message_kept_on_the_server_fetches_it_through_the_engine_steps() {
    let server = support::Dovecot::start();
    let anna = server.add_user("anna", "anna-pw");
    // Delivered into the Maildir, as the MTA does.
    let new = anna.maildir().join("new");
    std::fs::create_dir_all(&new).unwrap();
    std::fs::write(new.join("1795262400.M1P1.brev-test"), ORIGINAL).unwrap();
    let mut a = account();
    a.email = anna.address();
    a.incoming = accounts::server("localhost", server.imaps_port(), Security::Tls, &anna.name);
    // Bodies only when opened: the sync stores the headers alone.
    a.imap.download_bodies = brev::config::BodyDownload::OnOpen;
    let dir = tempfile::tempdir().unwrap();
    let profile = Profile::at(dir.path()).unwrap();
    let (engine, mut events) = spawn_engine(&server, &a, "anna-pw", &profile);
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut next_event = async || {
        tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("no event within 60 s")
            .expect("the engine stopped")
    };
    let mut heard = Vec::new();
    loop {
        let event = next_event().await;
        let synced = matches!(event, brev::sync::Event::Synced { .. });
        heard.push(event);
        if synced {
            break;
        }
    }

    let (mut app, first, mut commands) = app_for(a.clone(), profile.clone());
    run(&mut app, first).await;
    for event in heard {
        let task = app.update(Message::Bridge(bridge::Event::Engine(event)));
        run(&mut app, task).await;
    }
    // Select the message without opening it (Ctrl+click), then Ctrl+R.
    let _ = app.update(Message::Mailbox(mailbox::Message::Modifiers(
        Modifiers::CTRL,
    )));
    let _ = app.update(Message::Mailbox(mailbox::Message::List(
        message_list::Message::Clicked(0),
    )));
    let _ = app.update(Message::Mailbox(mailbox::Message::Modifiers(
        Modifiers::default(),
    )));
    let row = app
        .mailbox()
        .unwrap()
        .list()
        .row(0)
        .cloned()
        .expect("listed");
    assert!(row.partial, "only the headers are stored");
    assert!(app.mailbox().unwrap().reader().opened.is_none());
    let reply = app.update(ctrl_r());
    run(&mut app, reply).await;
    assert!(app.compose().is_none());
    assert_eq!(notice(&app), Some(brev::fl!("compose-ui-fetching")));

    // The app's commands go to the engine, its events come back, until the
    // reply opens.
    while app.compose().is_none() {
        while let Ok((account, command)) = commands.try_recv() {
            assert_eq!(account, "anna");
            assert!(engine.send(command));
        }
        let event = next_event().await;
        let task = app.update(Message::Bridge(bridge::Event::Engine(event)));
        run(&mut app, task).await;
    }
    let draft = app.compose().unwrap().draft();
    assert_eq!(draft.to, "Kari Nordmann <kari@example.no>");
    assert_eq!(draft.subject, "Re: Middag på fredag");
    assert!(draft.body.contains("> Kommer du?"), "{}", draft.body);
    assert_eq!(draft.in_reply_to.as_deref(), Some("middag@example.no"));
    assert_eq!(draft.replying_to, Some(row.id));
    engine.shutdown().await;
}
