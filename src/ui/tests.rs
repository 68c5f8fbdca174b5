//! Headless tests of the window's state and views over a real store
//! (a temp-file SQLite filled through the store API), with iced_test's
//! simulator for what is on screen.

use std::collections::VecDeque;
use std::sync::OnceLock;
use std::time::Instant;

use iced_test::simulator;

use crate::config::{Account, MailProtocol, ServerSettings, Settings};
use crate::fl;
use crate::net::Security;
use crate::store::{Flags, FolderId, MsgId, NewFolder, NewMessage, Role, Store};
use crate::sync::{Command, Event};
use crate::ui::data::{Db, Loaded, Query};
use crate::ui::screen::mailbox::{Effect, Mailbox, Message};
use crate::ui::widget::{folder_tree, message_list};

const BIG: usize = 100_000;
/// 2026-11-21 12:00 UTC; message i is i minutes older.
const BASE: i64 = 1_795_262_400;

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    inbox: FolderId,
    receipts: FolderId,
    archive: FolderId,
}

fn account() -> Account {
    let server = ServerSettings {
        host: "mail.example.org".into(),
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

const ENCODED: &[u8] = b"From: =?UTF-8?Q?Bj=C3=B6rn_=C3=85berg?= <bjorn@example.se>\r\n\
To: anna@example.org\r\n\
Subject: =?UTF-8?B?U23DtnJnw6VzYm9yZCBww6UgZnJlZGFn?=\r\n\
Date: Fri, 20 Nov 2026 09:30:00 +0100\r\n\
Message-ID: <smorgas@example.se>\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
Hej Anna! Se https://example.se/meny f\xc3\xb6r menyn.\r\n";

const WITH_ATTACHMENT: &[u8] = b"From: Shop <shop@example.com>\r\n\
To: anna@example.org\r\n\
Subject: Your receipt\r\n\
Date: Thu, 19 Nov 2026 10:00:00 +0000\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
Thanks for your order.\r\n\
--b1\r\n\
Content-Type: application/pdf; name=\"../../evil/kvitto.pdf\"\r\n\
Content-Disposition: attachment; filename=\"../../evil/kvitto.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQKJWZha2UK\r\n\
--b1--\r\n";

/// One store for all tests: an Inbox of 100,000 messages, a small folder
/// with real parsed messages, and an empty Archive.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.sqlite");
        let mut store = Store::open(&path).unwrap();
        let (inbox, receipts, archive) = store
            .write(|tx| {
                let inbox =
                    tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
                let archive =
                    tx.upsert_folder("anna", &NewFolder::new("Archive", Some(Role::Archive)))?;
                let receipts = tx.upsert_folder("anna", &NewFolder::new("Kvitton", None))?;
                tx.set_quota(&crate::store::Quota {
                    account: "anna".into(),
                    root: "User quota".into(),
                    storage_used: Some(1_288_490_189),
                    storage_limit: Some(10_737_418_240),
                    messages_used: None,
                    messages_limit: None,
                    updated: BASE,
                })?;
                Ok((inbox, receipts, archive))
            })
            .unwrap();
        for chunk in (0..BIG).collect::<Vec<_>>().chunks(10_000) {
            let batch: Vec<NewMessage> = chunk
                .iter()
                .map(|&i| NewMessage {
                    uid: Some(i as u32 + 1),
                    from_name: format!("Sender {i}"),
                    from_addr: format!("s{i}@example.org"),
                    recipients: "anna@example.org".into(),
                    subject: format!("Message number {i}"),
                    date: BASE - i as i64 * 60,
                    size: 1000,
                    // Every third is read, every tenth flagged.
                    flags: Flags(if i % 3 == 0 { 1 } else { 0 } | if i % 10 == 0 { 4 } else { 0 }),
                    has_attachments: i % 7 == 0,
                    partial: true,
                    body_words: format!("body of message {i} with word w{i}"),
                    ..NewMessage::default()
                })
                .collect();
            store
                .write(|tx| tx.insert_messages(inbox, &batch).map(|_| ()))
                .unwrap();
        }
        store
            .write(|tx| {
                tx.insert_message(receipts, &NewMessage::from_raw(ENCODED.to_vec(), BASE))?;
                tx.insert_message(
                    archive,
                    &NewMessage::from_raw(WITH_ATTACHMENT.to_vec(), BASE),
                )?;
                Ok(())
            })
            .unwrap();
        Fixture {
            _dir: dir,
            path,
            inbox,
            receipts,
            archive,
        }
    })
}

/// The mailbox with its effects run at once: queries against the store,
/// commands recorded.
struct Harness {
    mailbox: Mailbox,
    db: Db,
    sent: Vec<(String, Command)>,
    other: Vec<Effect>,
}

impl Harness {
    fn new() -> Harness {
        Harness::with_settings(Settings::default())
    }

    fn with_settings(settings: Settings) -> Harness {
        crate::i18n::set_language("en");
        let f = fixture();
        let db = Db::with(Store::open_reader(&f.path).unwrap());
        let (mailbox, effects) = Mailbox::new(vec![account()], settings);
        let mut h = Harness {
            mailbox,
            db,
            sent: Vec::new(),
            other: Vec::new(),
        };
        h.run(effects);
        h
    }

    fn send(&mut self, message: Message) {
        let effects = self.mailbox.update(message);
        self.run(effects);
    }

    fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Query(q) => {
                    let loaded = self.db.run(q);
                    queue.extend(self.mailbox.update(Message::Loaded(loaded)));
                }
                Effect::Send { account, command } => self.sent.push((account, command)),
                other => self.other.push(other),
            }
        }
    }

    fn scroll(&mut self, offset: f32, height: f32) {
        self.send(Message::List(message_list::Message::Scrolled {
            offset,
            height,
        }));
    }

    fn click(&mut self, index: usize) {
        self.send(Message::List(message_list::Message::Clicked(index)));
    }
}

#[test]
fn folders_appear_with_translated_names_and_counts() {
    let h = Harness::new();
    let f = fixture();
    let tree = h.mailbox.tree();
    let names: Vec<String> = tree.accounts[0]
        .folders
        .iter()
        .map(folder_tree::display_name)
        .collect();
    assert_eq!(names, ["Inbox", "Archive", "Kvitton"]);
    assert_eq!(tree.selected, Some(f.inbox), "the Inbox opens first");
    let mut ui = simulator(h.mailbox.view());
    assert!(ui.find("Inbox").is_ok());
    assert!(ui.find("anna@example.org").is_ok());
    // Two of three messages are unread.
    assert!(ui.find("66,666").is_ok(), "unread count shown");
    assert!(ui.find(fl!("ui-check-mail")).is_ok());
    let quota = tree.accounts[0].quota.as_ref().expect("the quota is read");
    let summary = crate::sync::imap::quota_summary(quota).unwrap();
    assert!(ui.find(summary).is_ok(), "the quota is shown");
}

#[test]
fn special_folders_are_translated() {
    // Pure: no shared language switch (tests run in parallel).
    let sv = crate::i18n::embedded_files()
        .into_iter()
        .find(|(p, _)| p.starts_with("sv/"))
        .unwrap()
        .1;
    assert!(sv.contains("ui-folder-inbox = Inkorg"));
    let bg = crate::i18n::embedded_files()
        .into_iter()
        .find(|(p, _)| p.starts_with("bg/"))
        .unwrap()
        .1;
    assert!(bg.contains("ui-folder-inbox = Входящи"));
}

#[test]
fn the_virtual_list_builds_only_visible_rows_of_100000() {
    let mut h = Harness::new();
    h.scroll(0.0, 700.0);
    let list = h.mailbox.list();
    assert_eq!(list.total(), BIG);
    let built = list.built_rows();
    let visible = (700.0 / message_list::ROW_HEIGHT).ceil() as usize;
    assert!(
        built <= visible + 2 * message_list::BUILD_MARGIN + 1,
        "{built} rows built"
    );
    let started = Instant::now();
    let mut ui = simulator(h.mailbox.view());
    let first_frame = started.elapsed();
    assert!(ui.find("Sender 0").is_ok());
    assert!(ui.find("Message number 3").is_ok());
    assert!(ui.find("Sender 200").is_err(), "row 200 is not built");
    eprintln!("view + layout of a 100,000-message folder: {first_frame:?}");
}

#[test]
fn scrolling_loads_the_right_window() {
    let mut h = Harness::new();
    h.scroll(0.0, 700.0);
    let row = 50_000usize;
    h.scroll(row as f32 * message_list::ROW_HEIGHT, 700.0);
    let list = h.mailbox.list();
    let range = list.visible_range();
    assert!(range.contains(&row));
    for i in range {
        let r = list.row(i).expect("visible rows are loaded");
        assert_eq!(r.subject, format!("Message number {i}"), "newest first");
    }
    let mut ui = simulator(h.mailbox.view());
    assert!(ui.find(format!("Sender {row}")).is_ok());
    assert!(ui.find("Sender 0").is_err());
}

#[test]
fn a_stale_load_is_dropped() {
    let mut h = Harness::new();
    h.scroll(0.0, 700.0);
    // Two scrolls; the answer to the first arrives last.
    let first = h
        .mailbox
        .update(Message::List(message_list::Message::Scrolled {
            offset: 10_000.0 * message_list::ROW_HEIGHT,
            height: 700.0,
        }));
    let second = h
        .mailbox
        .update(Message::List(message_list::Message::Scrolled {
            offset: 90_000.0 * message_list::ROW_HEIGHT,
            height: 700.0,
        }));
    let [Effect::Query(q1)] = first.as_slice() else {
        panic!("{first:?}")
    };
    let [Effect::Query(q2)] = second.as_slice() else {
        panic!("{second:?}")
    };
    let (a1, a2) = (h.db.run(q1.clone()), h.db.run(q2.clone()));
    let e2 = h.mailbox.update(Message::Loaded(a2));
    h.run(e2);
    let e1 = h.mailbox.update(Message::Loaded(a1));
    h.run(e1);
    let list = h.mailbox.list();
    assert_eq!(list.row(90_000).unwrap().subject, "Message number 90000");
    assert!(list.row(10_000).is_none(), "the stale window was dropped");
}

#[test]
fn selecting_opens_the_reader_with_the_decoded_subject() {
    let mut h = Harness::new();
    let f = fixture();
    h.send(Message::Tree(folder_tree::Message::Select(f.receipts)));
    assert_eq!(h.mailbox.list().total(), 1);
    // Click it in the simulated window.
    let mut ui = simulator(h.mailbox.view());
    ui.click("Smörgåsbord på fredag")
        .expect("the row shows the decoded subject");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(!messages.is_empty());
    for m in messages {
        h.send(m);
    }
    assert_eq!(
        h.mailbox.reader().subject().as_deref(),
        Some("Smörgåsbord på fredag")
    );
    let opened = h.mailbox.reader().opened.as_ref().unwrap();
    assert!(opened.parsed.as_ref().unwrap().text.contains("Hej Anna"));
    assert!(h.mailbox.reader().body().unwrap().contains("Hej Anna"));
    // Marked read at once, through the engine.
    let id = opened.row.id;
    assert!(h.sent.contains(&(
        "anna".into(),
        Command::SetSeen {
            messages: vec![id],
            seen: true
        }
    )));
    let mut ui = simulator(h.mailbox.view());
    assert!(ui.find("Björn Åberg <bjorn@example.se>").is_ok());
    assert!(
        ui.find("https://example.se/meny").is_ok(),
        "links are listed"
    );
    ui.click("https://example.se/meny").unwrap();
    let m: Vec<Message> = ui.into_messages().collect();
    let effects: Vec<Effect> = m.into_iter().flat_map(|m| h.mailbox.update(m)).collect();
    assert_eq!(
        effects,
        [Effect::OpenLink("https://example.se/meny".into())]
    );
}

#[test]
fn a_partial_message_asks_the_engine_and_refreshes_on_folder_changed() {
    let mut h = Harness::new();
    let f = fixture();
    h.scroll(0.0, 700.0);
    h.click(1);
    let id = h.mailbox.list().row(1).unwrap().id;
    assert!(h.sent.contains(&("anna".into(), Command::OpenMessage(id))));
    assert!(h.mailbox.reader().waiting_for_body());
    let before = h.mailbox.reader().generation;
    h.send(Message::Engine(Event::FolderChanged {
        account: "anna".into(),
        folder: f.inbox,
    }));
    assert!(
        h.mailbox.reader().generation > before,
        "the reader re-reads"
    );
    assert_eq!(h.mailbox.reader().id, Some(id));
    assert!(h.mailbox.reader().opened.is_some());
}

#[test]
fn delete_flag_read_and_move_send_commands() {
    let mut h = Harness::new();
    let f = fixture();
    h.scroll(0.0, 700.0);
    h.click(2);
    let id2 = h.mailbox.list().row(2).unwrap().id;
    h.sent.clear();
    h.send(Message::ToggleFlag);
    assert_eq!(
        h.sent,
        [(
            "anna".into(),
            Command::SetFlagged {
                messages: vec![id2],
                flagged: true
            }
        )]
    );
    assert!(
        h.mailbox
            .list()
            .row(2)
            .unwrap()
            .flags
            .contains(Flags::FLAGGED)
    );
    // Ctrl-click adds a row, Shift-click a range.
    h.send(Message::Modifiers(iced::keyboard::Modifiers::CTRL));
    h.click(4);
    h.send(Message::Modifiers(iced::keyboard::Modifiers::SHIFT));
    h.click(6);
    h.send(Message::Modifiers(iced::keyboard::Modifiers::default()));
    // Shift extends from the last Ctrl-clicked row, replacing the rest.
    let ids: Vec<MsgId> = [4, 5, 6]
        .iter()
        .map(|&i| h.mailbox.list().row(i).unwrap().id)
        .collect();
    assert_eq!(
        h.mailbox
            .list()
            .selected()
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        ids
    );
    h.sent.clear();
    h.send(Message::Delete);
    assert_eq!(
        h.sent,
        [(
            "anna".into(),
            Command::Delete {
                messages: ids.clone()
            }
        )]
    );
    h.sent.clear();
    h.send(Message::MoveTo(crate::ui::screen::mailbox::FolderChoice {
        id: f.archive,
        label: "Archive".into(),
    }));
    assert_eq!(
        h.sent,
        [(
            "anna".into(),
            Command::Move {
                messages: ids,
                to: f.archive
            }
        )]
    );
    // Drag a message onto a folder: a press on the row, a release there.
    h.click(8);
    let id8 = h.mailbox.list().row(8).unwrap().id;
    h.sent.clear();
    h.send(Message::Tree(folder_tree::Message::DropOn(f.archive)));
    assert_eq!(
        h.sent,
        [(
            "anna".into(),
            Command::Move {
                messages: vec![id8],
                to: f.archive
            }
        )]
    );
    // A release anywhere ends it: a later release over a folder moves nothing.
    h.click(9);
    h.send(Message::DragEnd);
    h.sent.clear();
    h.send(Message::Tree(folder_tree::Message::DropOn(f.archive)));
    assert!(h.sent.is_empty());
    // The keyboard: Down opens the next message, Delete deletes it.
    h.click(10);
    h.sent.clear();
    h.send(Message::Key(
        iced::keyboard::Key::Named(iced::keyboard::key::Named::ArrowDown),
        Default::default(),
    ));
    let id11 = h.mailbox.list().row(11).unwrap().id;
    assert_eq!(h.mailbox.reader().id, Some(id11));
    h.sent.clear();
    h.send(Message::Key(
        iced::keyboard::Key::Named(iced::keyboard::key::Named::Delete),
        Default::default(),
    ));
    assert_eq!(
        h.sent,
        [(
            "anna".into(),
            Command::Delete {
                messages: vec![id11]
            }
        )]
    );
    h.send(Message::Key(
        iced::keyboard::Key::Character("f".into()),
        iced::keyboard::Modifiers::CTRL,
    ));
    assert!(h.other.contains(&Effect::FocusSearch));
    h.send(Message::CheckNow);
    assert_eq!(h.sent.last().unwrap(), &("anna".into(), Command::SyncNow));
    // S flags the message under the cursor, as in Thunderbird.
    h.sent.clear();
    h.send(Message::Key(
        iced::keyboard::Key::Character("s".into()),
        Default::default(),
    ));
    assert!(
        matches!(h.sent.as_slice(), [(_, Command::SetFlagged { .. })]),
        "{:?}",
        h.sent
    );
    h.send(Message::Engine(Event::NewMail {
        account: "anna".into(),
        count: 3,
    }));
    assert!(h.other.contains(&Effect::Notify(fl!(
        "ui-new-mail",
        count = 3,
        account = "anna@example.org"
    ))));
}

#[test]
fn search_shows_results_and_clearing_restores_the_folder() {
    let mut h = Harness::new();
    let f = fixture();
    h.scroll(0.0, 700.0);
    h.send(Message::SearchInput("w99999".into()));
    let list = h.mailbox.list();
    assert_eq!(list.total(), 1);
    assert_eq!(list.row(0).unwrap().subject, "Message number 99999");
    let mut ui = simulator(h.mailbox.view());
    assert!(ui.find("Message number 99999").is_ok());
    assert!(ui.find(fl!("ui-search-results", count = 1)).is_ok());
    drop(ui);
    // In this folder only: the receipt is elsewhere.
    h.send(Message::SearchInput("Smörgåsbord".into()));
    assert_eq!(h.mailbox.list().total(), 0);
    h.send(Message::SearchEverywhere(true));
    assert_eq!(h.mailbox.list().total(), 1);
    // The store changes during a search: the results are re-read in place.
    h.click(0);
    let selected = h.mailbox.list().selected().clone();
    h.send(Message::Engine(Event::FolderChanged {
        account: "anna".into(),
        folder: f.receipts,
    }));
    assert_eq!(h.mailbox.list().total(), 1);
    assert_eq!(h.mailbox.list().selected(), &selected);
    h.send(Message::ClearSearch);
    assert_eq!(h.mailbox.list().folder(), Some(f.inbox));
    assert_eq!(h.mailbox.list().total(), BIG);
    assert_eq!(h.mailbox.list().row(0).unwrap().subject, "Message number 0");
}

#[test]
fn engine_events_show_progress_and_offline() {
    let mut h = Harness::new();
    let f = fixture();
    h.send(Message::Engine(Event::Progress {
        account: "anna".into(),
        folder: f.inbox,
        done: 12_400,
        total: 100_000,
    }));
    let mut ui = simulator(h.mailbox.view());
    assert!(
        ui.find("anna@example.org, Inbox: 12,400 of 100,000")
            .is_ok()
    );
    drop(ui);
    let err = crate::sync::SyncError::Net(crate::net::NetError::Refused {
        host: "mail.example.org".into(),
        port: 993,
    });
    h.send(Message::Engine(Event::State {
        account: "anna".into(),
        state: crate::sync::AccountState::Offline(err),
    }));
    let mut ui = simulator(h.mailbox.view());
    assert!(
        ui.find(fl!("ui-offline", account = "anna@example.org"))
            .is_ok()
    );
    ui.click(fl!("ui-retry")).unwrap();
    let m: Vec<Message> = ui.into_messages().collect();
    h.sent.clear();
    for m in m {
        h.send(m);
    }
    assert_eq!(h.sent, [("anna".into(), Command::SyncNow)]);
}

#[test]
fn a_folder_change_rereads_only_the_visible_window() {
    let mut h = Harness::new();
    let f = fixture();
    h.scroll(30_000.0 * message_list::ROW_HEIGHT, 700.0);
    let effects = h.mailbox.update(Message::Engine(Event::FolderChanged {
        account: "anna".into(),
        folder: f.inbox,
    }));
    let windows: Vec<&Query> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Query(q @ Query::Window { .. }) => Some(q),
            _ => None,
        })
        .collect();
    let [Query::Window { offset, limit, .. }] = windows.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(*offset <= 30_000 && offset + limit >= 30_020);
    assert!(*limit < 300, "only the window is re-read: {limit}");
    // A change elsewhere does not touch the list.
    let effects = h.mailbox.update(Message::Engine(Event::FolderChanged {
        account: "anna".into(),
        folder: f.archive,
    }));
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::Query(Query::Window { .. })))
    );
}

/// Scrolling inside the loaded window of a 100,000-message folder asks the
/// store for nothing. The figures it prints (update + view per event, store
/// reads) are measurements for the notes, not assertions.
#[test]
fn scrolling_within_the_loaded_window_reads_nothing_on_100000() {
    let mut h = Harness::new();
    h.scroll(0.0, 700.0);
    let started = Instant::now();
    let n = 200;
    for i in 0..n {
        // Scrolling within the loaded window costs no store read.
        let effects = h
            .mailbox
            .update(Message::List(message_list::Message::Scrolled {
                offset: (i % 40) as f32 * 3.0,
                height: 700.0,
            }));
        assert!(effects.is_empty());
        let _ = h.mailbox.view();
    }
    let per = started.elapsed() / n;
    eprintln!("update + view per scroll event on 100,000: {per:?}");
    // The store reads behind a folder click and a far scroll (off the UI
    // thread, but they decide how soon the first frame has rows).
    let f = fixture();
    for (what, query) in [
        (
            "folders with counts",
            Query::Folders {
                accounts: vec!["anna".into()],
            },
        ),
        (
            "window at the top",
            Query::Window {
                folder: f.inbox,
                offset: 0,
                limit: 150,
                generation: 0,
            },
        ),
        (
            "window at row 90,000",
            Query::Window {
                folder: f.inbox,
                offset: 90_000,
                limit: 150,
                generation: 0,
            },
        ),
        (
            "search everywhere",
            Query::Search {
                input: "w4242".into(),
                scope: crate::store::Scope::All,
                limit: 2000,
                generation: 0,
            },
        ),
    ] {
        let started = Instant::now();
        let loaded = h.db.run(query);
        assert!(!matches!(loaded, Loaded::Failed(_)));
        eprintln!("store read, {what}: {:?}", started.elapsed());
    }
}

/// A picture of the three panes with a message open, drawn headless with
/// the embedded font: target/screenshots/reader-tiny-skia.png, for people to look at.
#[test]
fn a_snapshot_of_the_reader() {
    let mut h = Harness::new();
    let f = fixture();
    h.send(Message::Tree(folder_tree::Message::Select(f.receipts)));
    h.click(0);
    let settings = crate::ui::font::settings();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    // Light, and dark as on a desktop that prefers it (iced follows the
    // system's mode when the app sets no theme; Brev's styles come from
    // the theme's palette).
    for (theme, name) in [
        (iced::Theme::Light, "reader"),
        (iced::Theme::Dark, "reader-dark"),
    ] {
        let mut ui =
            iced_test::Simulator::with_size(settings.clone(), (1200.0, 700.0), h.mailbox.view());
        let snapshot = ui.snapshot(&theme).unwrap();
        // Written as NAME-<renderer>.png; remove the old one so it is redrawn.
        let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
        assert!(
            snapshot
                .matches_image(dir.join(format!("{name}.png")))
                .unwrap()
        );
    }
}

#[test]
fn attachments_are_listed_and_saved_without_overwriting() {
    let mut h = Harness::new();
    let f = fixture();
    h.send(Message::Tree(folder_tree::Message::Select(f.archive)));
    h.click(0);
    let mut ui = simulator(h.mailbox.view());
    assert!(ui.find("kvitto.pdf").is_ok(), "the sanitized name is shown");
    ui.click(fl!("ui-attachment-save")).unwrap();
    let effects: Vec<Effect> = ui
        .into_messages()
        .collect::<Vec<_>>()
        .into_iter()
        .flat_map(|m| h.mailbox.update(m))
        .collect();
    let [
        Effect::SaveAttachment {
            id,
            part,
            name,
            open: false,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    let dir = tempfile::tempdir().unwrap();
    let first = h.db.save_attachment(*id, *part, name, dir.path()).unwrap();
    let second = h.db.save_attachment(*id, *part, name, dir.path()).unwrap();
    assert_eq!(first, dir.path().join("kvitto.pdf"));
    assert_eq!(second, dir.path().join("kvitto (2).pdf"));
    assert_eq!(std::fs::read(&first).unwrap(), b"%PDF-1.4\n%fake\n");
    // A message with only its headers stored has nothing to save.
    h.send(Message::Tree(folder_tree::Message::Select(f.inbox)));
    h.scroll(0.0, 700.0);
    let partial = h.mailbox.list().row(0).unwrap().id;
    assert_eq!(
        h.db.save_attachment(partial, 1, "x.pdf", dir.path()),
        Err(fl!("ui-attachment-not-downloaded"))
    );
}

#[test]
fn hostile_rows_do_not_break_the_list() {
    let mut list = message_list::MessageList::new();
    let folder = FolderId(1);
    let _ = list.show_folder(folder);
    let g = list.generation();
    let row = crate::store::MessageRow {
        id: MsgId(1),
        folder,
        uid: None,
        from_name: "\u{202E}evil\r\nname\0".into(),
        from_addr: String::new(),
        recipients: String::new(),
        subject: "x".repeat(200_000),
        date: i64::MAX,
        size: 0,
        flags: Flags(u32::MAX),
        has_attachments: true,
        preview: String::new(),
        partial: true,
        message_id: None,
    };
    let mut other = row.clone();
    other.id = MsgId(2);
    other.date = i64::MIN;
    assert!(list.loaded(folder, 0, 2, vec![row, other], g));
    let mut ui = simulator(list.view());
    assert!(ui.find("x".repeat(300)).is_ok());
    drop(ui);
    // Answers past the end and for an old generation are harmless.
    assert!(!list.loaded(folder, 10, 2, Vec::new(), g + 5));
    let _ = list.update(
        message_list::Message::Scrolled {
            offset: -50.0,
            height: -1.0,
        },
        Default::default(),
    );
    let _ = list.update(message_list::Message::Clicked(999), Default::default());
    let _ = list.move_cursor(isize::MAX);
    let _ = list.move_cursor(isize::MIN);
    let _ = simulator(list.view());
}

#[test]
fn mark_read_follows_the_setting() {
    let settings = Settings {
        mark_read: crate::config::MarkRead::AfterDelay,
        mark_read_delay_seconds: 3,
        ..Settings::default()
    };
    let mut h = Harness::with_settings(settings);
    h.scroll(0.0, 700.0);
    // Row 1 is unread (every third is read).
    h.click(1);
    let id1 = h.mailbox.list().row(1).unwrap().id;
    assert!(h.other.contains(&Effect::MarkReadLater {
        id: id1,
        seconds: 3
    }));
    assert!(
        !h.sent
            .iter()
            .any(|(_, c)| matches!(c, Command::SetSeen { .. }))
    );
    // Still open when the delay is over: marked read.
    h.send(Message::MarkReadDue(id1));
    assert!(h.sent.contains(&(
        "anna".into(),
        Command::SetSeen {
            messages: vec![id1],
            seen: true
        }
    )));
    // Moved on before the delay: the first stays unread.
    h.sent.clear();
    h.click(2);
    h.click(4);
    let id2 = h.mailbox.list().row(2).unwrap().id;
    h.send(Message::MarkReadDue(id2));
    assert!(
        h.sent
            .iter()
            .all(|(_, c)| !matches!(c, Command::SetSeen { .. })),
        "{:?}",
        h.sent
    );

    let never = Settings {
        mark_read: crate::config::MarkRead::Never,
        ..Settings::default()
    };
    let mut h = Harness::with_settings(never);
    h.scroll(0.0, 700.0);
    h.click(1);
    assert!(
        h.sent
            .iter()
            .all(|(_, c)| !matches!(c, Command::SetSeen { .. }))
    );
}

/// After "Add account", the new account's Inbox opens as soon as its first
/// sync has listed it, not the first account's.
#[test]
fn an_account_just_added_opens_on_its_inbox_once_listed() {
    crate::i18n::set_language("en");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut store = Store::open(&path).unwrap();
    let anna_inbox = store
        .write(|tx| tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox))))
        .unwrap();
    let mut added = account();
    added.id = "ny".into();
    added.email = "ny@example.org".into();
    let (mailbox, effects) = Mailbox::new(vec![account(), added], Settings::default());
    let mut h = Harness {
        mailbox,
        db: Db::with(Store::open_reader(&path).unwrap()),
        sent: Vec::new(),
        other: Vec::new(),
    };
    h.run(effects);
    let effects = h.mailbox.show_inbox_of("ny");
    h.run(effects);
    assert_eq!(
        h.mailbox.tree().selected,
        Some(anna_inbox),
        "nothing listed yet"
    );

    let new_inbox = store
        .write(|tx| tx.upsert_folder("ny", &NewFolder::new("INBOX", Some(Role::Inbox))))
        .unwrap();
    h.send(Message::Engine(crate::sync::Event::FolderListChanged {
        account: "ny".into(),
    }));
    assert_eq!(h.mailbox.tree().selected, Some(new_inbox));
}

/// Several selected rows dragged onto a folder all move; a press inside the
/// selection that ends without a drop selects just the pressed row.
#[test]
fn a_multi_selection_is_dragged_whole() {
    let mut h = Harness::new();
    let f = fixture();
    h.send(Message::Tree(folder_tree::Message::Select(f.inbox)));
    h.click(2);
    h.send(Message::Modifiers(iced::keyboard::Modifiers::SHIFT));
    h.click(4);
    h.send(Message::Modifiers(iced::keyboard::Modifiers::default()));
    let ids: Vec<MsgId> = (2..=4)
        .map(|i| h.mailbox.list().row(i).unwrap().id)
        .collect();
    assert_eq!(h.mailbox.list().selected().len(), 3);

    // Press on one of them (no modifier): the selection stays for a drag.
    h.click(3);
    assert_eq!(h.mailbox.list().selected().len(), 3);
    h.sent.clear();
    h.send(Message::Tree(folder_tree::Message::DropOn(f.archive)));
    h.send(Message::DragEnd);
    let mut moved = match h.sent.as_slice() {
        [(_, Command::Move { messages, to })] if *to == f.archive => messages.clone(),
        other => panic!("{other:?}"),
    };
    moved.sort();
    assert_eq!(moved, ids);

    // The same press let go over the list: just that row, opened.
    h.click(2);
    h.send(Message::Modifiers(iced::keyboard::Modifiers::SHIFT));
    h.click(4);
    h.send(Message::Modifiers(iced::keyboard::Modifiers::default()));
    h.click(3);
    h.sent.clear();
    h.send(Message::DragEnd);
    let id3 = h.mailbox.list().row(3).unwrap().id;
    assert_eq!(h.mailbox.list().selected().len(), 1);
    assert_eq!(h.mailbox.reader().id, Some(id3));
    assert!(
        h.sent
            .iter()
            .all(|(_, c)| !matches!(c, Command::Move { .. }))
    );
}
