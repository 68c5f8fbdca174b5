//! The window's mailbox over a store filled by the real engine from a real
//! Dovecot (IMAPS): folders and messages appear, opening shows the decoded
//! subject, and flag / delete / search go through the engine and come back
//! as events that make the mailbox re-read what is on screen.

mod support;

use std::collections::VecDeque;
use std::time::Duration;

use brev::config::{Account, MailProtocol, PopOptions, ServerSettings};
use brev::net::{Security, Timeouts};
use brev::store::{Flags, Store};
use brev::sync::engine::{self, EngineHandle, Schedule};
use brev::sync::{AccountCtx, Event, EventSink};
use brev::ui::data::Db;
use brev::ui::screen::mailbox::{Effect, Mailbox, Message};
use brev::ui::widget::{folder_tree, message_list};
use support::Dovecot;
use tokio::sync::mpsc::UnboundedReceiver;

struct Window {
    mailbox: Mailbox,
    db: Db,
    engine: EngineHandle,
    events: UnboundedReceiver<Event>,
}

impl Window {
    /// Apply a message and everything that follows from it: store reads at
    /// once, commands to the engine.
    fn send(&mut self, message: Message) {
        let mut queue: VecDeque<Effect> = self.mailbox.update(message).into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Query(q) => {
                    let loaded = self.db.run(q);
                    queue.extend(self.mailbox.update(Message::Loaded(loaded)));
                }
                Effect::Send { command, .. } => {
                    assert!(self.engine.send(command));
                }
                _ => {}
            }
        }
    }

    /// Forward engine events to the mailbox until `pred` holds for it
    /// (events from earlier actions may come first).
    async fn until_shown(&mut self, pred: impl Fn(&Mailbox) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while !pred(&self.mailbox) {
            let event = tokio::time::timeout_at(deadline, self.events.recv())
                .await
                .expect("the window did not show the change within 60 s")
                .expect("the engine stopped");
            self.send(Message::Engine(event));
        }
    }

    /// Forward engine events to the mailbox until `pred` holds for one.
    async fn until(&mut self, pred: impl Fn(&Event) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let event = tokio::time::timeout_at(deadline, self.events.recv())
                .await
                .expect("no such event within 60 s")
                .expect("the engine stopped");
            let done = pred(&event);
            self.send(Message::Engine(event));
            if done {
                return;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mailbox_over_an_engine_filled_store() {
    let server = Dovecot::start();
    let user = server.add_user("ulla", "ulla-pw");
    let generated = server.fill(&user, "INBOX", 25, 11);
    server.fill(&user, "Kvitton", 2, 12);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.sqlite3");
    let endpoint = ServerSettings {
        host: "localhost".into(),
        port: server.imaps_port(),
        security: Security::Tls,
        username: user.name.clone(),
    };
    let account = Account {
        id: "ulla".into(),
        name: "Ulla".into(),
        email: user.address(),
        protocol: MailProtocol::Imap,
        incoming: endpoint.clone(),
        outgoing: endpoint,
        trusted_cert: None,
        pop: PopOptions::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    };
    let (tx, events) = tokio::sync::mpsc::unbounded_channel();
    let ctx = AccountCtx {
        account: account.clone(),
        password: "ulla-pw".into(),
        store: Store::open(&path).unwrap(),
        trust: server.trust(),
        timeouts: Timeouts {
            connect: Duration::from_secs(5),
            io: Duration::from_secs(20),
        },
        events: EventSink::new(tx),
        clock: AccountCtx::system_clock(),
    };
    let engine = engine::spawn(ctx, Schedule::every_minutes(10));
    brev::i18n::set_language("en");
    let (mailbox, first) = Mailbox::new(vec![account], Default::default());
    let mut w = Window {
        mailbox,
        db: Db::at(path.clone()),
        engine,
        events,
    };
    let mut queue: VecDeque<Effect> = first.into();
    while let Some(effect) = queue.pop_front() {
        if let Effect::Query(q) = effect {
            let loaded = w.db.run(q);
            queue.extend(w.mailbox.update(Message::Loaded(loaded)));
        }
    }
    w.until(|e| matches!(e, Event::Synced { .. })).await;

    // The Inbox opens with every message, newest first.
    let inbox = w.mailbox.tree().accounts[0]
        .folders
        .iter()
        .find(|f| f.role == Some(brev::store::Role::Inbox))
        .expect("an Inbox")
        .clone();
    assert_eq!(w.mailbox.tree().selected, Some(inbox.id));
    w.send(Message::List(message_list::Message::Scrolled {
        offset: 0.0,
        height: 700.0,
    }));
    assert_eq!(w.mailbox.list().total(), generated.len());
    let newest = generated.iter().max_by_key(|g| g.date).unwrap();
    assert_eq!(w.mailbox.list().row(0).unwrap().subject, newest.subject);

    // Open it: the reader shows the decoded subject (the body comes from
    // the engine if only headers were stored).
    w.send(Message::List(message_list::Message::Clicked(0)));
    w.until_shown(|m| !m.reader().waiting_for_body() && m.reader().opened.is_some())
        .await;
    assert_eq!(
        w.mailbox.reader().subject().as_deref(),
        Some(newest.subject.as_str())
    );
    let id = w.mailbox.list().row(0).unwrap().id;

    // Flag: local first, back as FolderChanged, re-read from the store.
    w.send(Message::ToggleFlag);
    w.until_shown(|m| {
        m.list()
            .row(0)
            .is_some_and(|r| r.id == id && r.flags.contains(Flags::FLAGGED))
    })
    .await;
    let row = w.mailbox.list().row(0).unwrap();
    assert_eq!(row.id, id);
    assert!(row.flags.contains(Flags::FLAGGED));
    assert!(row.flags.contains(Flags::SEEN), "opened means read");

    // Delete: the list re-reads and the message is gone from it.
    w.send(Message::Delete);
    w.until_shown(|m| m.list().total() == generated.len() - 1)
        .await;
    assert_eq!(w.mailbox.list().total(), generated.len() - 1);
    assert_ne!(w.mailbox.list().row(0).unwrap().id, id);

    // Search finds a message by a word of its subject; clearing restores.
    let other = &w.mailbox.list().row(3).unwrap().subject.clone();
    let word = other
        .split_whitespace()
        .find(|w| w.chars().count() > 3 && w.chars().all(char::is_alphanumeric))
        .unwrap_or(other.as_str())
        .to_owned();
    w.send(Message::SearchInput(word.clone()));
    let found = w.mailbox.list().total();
    assert!(found >= 1, "searching {word:?} found nothing");
    assert!((0..found).any(|i| w.mailbox.list().row(i).unwrap().subject == *other));
    w.send(Message::ClearSearch);
    assert_eq!(w.mailbox.list().total(), generated.len() - 1);
    // Move to another folder, through the menu's choice.
    let receipts = w.mailbox.tree().accounts[0]
        .folders
        .iter()
        .find(|f| f.name == "Kvitton")
        .expect("the Kvitton folder")
        .id;
    w.send(Message::List(message_list::Message::Clicked(0)));
    let moved = w.mailbox.list().row(0).unwrap().id;
    w.send(Message::MoveTo(brev::ui::screen::mailbox::FolderChoice {
        id: receipts,
        label: "Kvitton".into(),
    }));
    w.until_shown(|m| m.list().total() == generated.len() - 2)
        .await;
    w.send(Message::Tree(folder_tree::Message::Select(receipts)));
    assert_eq!(w.mailbox.list().total(), 3);
    assert!((0..3).any(|i| w.mailbox.list().row(i).unwrap().id == moved));
    w.send(Message::Tree(folder_tree::Message::Select(inbox.id)));
    assert_eq!(w.mailbox.list().folder(), Some(inbox.id));
    w.engine.shutdown().await;
}
