//! Local actions on a POP account (`pop::apply_local`): all store-only, one
//! transaction each, with events; no server is involved.

use brev::config::{Account, MailProtocol, PopOptions, ServerSettings};
use brev::net::{Security, Timeouts, Trust};
use brev::store::{
    Flags, FolderId, FolderRead, MessageRead, MsgId, NewFolder, NewMessage, PopRead, PopRecord,
    Role, Store,
};
use brev::sync::{AccountCtx, Command, Event, EventSink, pop};
use tokio::sync::mpsc;

fn account(id: &str) -> Account {
    let server = ServerSettings {
        host: "pop.example.se".into(),
        port: 995,
        security: Security::Tls,
        username: "u".into(),
    };
    Account {
        id: id.into(),
        name: "Märta".into(),
        email: "marta@example.se".into(),
        protocol: MailProtocol::Pop3,
        incoming: server.clone(),
        outgoing: server,
        trusted_cert: None,
        pop: PopOptions::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    }
}

struct Local {
    ctx: AccountCtx,
    events: mpsc::UnboundedReceiver<Event>,
    inbox: FolderId,
    trash: FolderId,
}

/// An account with Inbox/Trash/Sent and `n` downloaded messages in the Inbox.
fn local(n: usize) -> (Local, Vec<MsgId>) {
    let (tx, events) = mpsc::unbounded_channel();
    let mut ctx = AccountCtx {
        account: account("a"),
        password: "pw".into(),
        store: Store::open_in_memory().unwrap(),
        trust: Trust::default(),
        timeouts: Timeouts::default(),
        events: EventSink::new(tx),
        clock: std::sync::Arc::new(|| 1_700_000_000),
    };
    let ids = ctx
        .store
        .write(|tx| {
            let inbox = tx.upsert_folder("a", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            tx.upsert_folder("a", &NewFolder::new("Trash", Some(Role::Trash)).local())?;
            tx.upsert_folder("a", &NewFolder::new("Sent", Some(Role::Sent)).local())?;
            let mut ids = Vec::new();
            for i in 0..n {
                let raw = format!("Message-ID: <m{i}@x>\r\nSubject: Möte {i}\r\n\r\nText {i}\r\n")
                    .into_bytes();
                let mut m = NewMessage::from_raw(raw, 1_700_000_000);
                m.pop_uidl = Some(format!("uidl-{i}"));
                let id = tx.insert_message(inbox, &m)?;
                tx.record_pop(
                    "a",
                    &PopRecord {
                        uidl: format!("uidl-{i}"),
                        message_id: Some(format!("m{i}@x")),
                        size: 40,
                        downloaded: 1_700_000_000,
                        local: Some(id),
                        deleted_on_server: false,
                    },
                )?;
                ids.push(id);
            }
            Ok(ids)
        })
        .unwrap();
    let inbox = ctx
        .store
        .folder_by_role("a", Role::Inbox)
        .unwrap()
        .unwrap()
        .id;
    let trash = ctx
        .store
        .folder_by_role("a", Role::Trash)
        .unwrap()
        .unwrap()
        .id;
    (
        Local {
            ctx,
            events,
            inbox,
            trash,
        },
        ids,
    )
}

impl Local {
    fn apply(&mut self, cmd: Command) -> Vec<Event> {
        pop::apply_local(&mut self.ctx, &cmd).unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
        let mut out = Vec::new();
        while let Ok(e) = self.events.try_recv() {
            out.push(e);
        }
        out
    }

    fn flags(&self, id: MsgId) -> Flags {
        self.ctx.store.message(id).unwrap().unwrap().flags
    }

    fn folder_of(&self, id: MsgId) -> Option<FolderId> {
        self.ctx.store.message(id).unwrap().map(|r| r.folder)
    }

    fn folder_named(&self, name: &str) -> Option<FolderId> {
        self.ctx
            .store
            .folder_by_name("a", name)
            .unwrap()
            .map(|f| f.id)
    }
}

fn changed(folder: FolderId) -> Event {
    Event::FolderChanged {
        account: "a".into(),
        folder,
    }
}

#[test]
fn read_and_flag() {
    let (mut l, ids) = local(3);
    let events = l.apply(Command::SetSeen {
        messages: vec![ids[0], ids[1]],
        seen: true,
    });
    assert_eq!(events, vec![changed(l.inbox)]);
    assert!(l.flags(ids[0]).contains(Flags::SEEN) && !l.flags(ids[2]).contains(Flags::SEEN));
    l.apply(Command::SetFlagged {
        messages: vec![ids[1]],
        flagged: true,
    });
    assert!(l.flags(ids[1]).contains(Flags::FLAGGED) && l.flags(ids[1]).contains(Flags::SEEN));
    l.apply(Command::SetSeen {
        messages: vec![ids[1]],
        seen: false,
    });
    assert_eq!(l.flags(ids[1]), Flags::FLAGGED);
    // No change, no event.
    assert!(
        l.apply(Command::SetSeen {
            messages: vec![ids[2]],
            seen: false
        })
        .is_empty()
    );
}

#[test]
fn folders_are_created_renamed_and_deleted_locally() {
    let (mut l, ids) = local(4);
    let events = l.apply(Command::CreateFolder {
        name: " Kvitton ".into(),
    });
    let kvitton = l.folder_named("Kvitton").expect("created, trimmed");
    assert!(events.contains(&Event::FolderListChanged {
        account: "a".into()
    }));
    let folder = l.ctx.store.folder(kvitton).unwrap().unwrap();
    assert!(folder.local_only && folder.role.is_none());
    l.apply(Command::CreateFolder {
        name: "Kvitton/2024".into(),
    });
    // Invalid or existing names change nothing.
    for bad in ["", "  ", "a\nb", "Kvitton", "INBOX"] {
        assert!(
            l.apply(Command::CreateFolder { name: bad.into() })
                .is_empty(),
            "{bad:?}"
        );
    }
    assert_eq!(
        l.ctx.store.folder(l.inbox).unwrap().unwrap().role,
        Some(Role::Inbox)
    );

    l.apply(Command::Move {
        messages: vec![ids[0], ids[1]],
        to: kvitton,
    });
    let sub = l.folder_named("Kvitton/2024").unwrap();
    l.apply(Command::Move {
        messages: vec![ids[2]],
        to: sub,
    });
    assert_eq!(l.folder_of(ids[0]), Some(kvitton));

    // Rename takes the subfolder along; special folders keep their names.
    let events = l.apply(Command::RenameFolder {
        folder: kvitton,
        name: "Kvitton och fakturor".into(),
    });
    assert!(events.contains(&Event::FolderListChanged {
        account: "a".into()
    }));
    assert_eq!(l.folder_named("Kvitton och fakturor"), Some(kvitton));
    assert_eq!(l.folder_named("Kvitton och fakturor/2024"), Some(sub));
    assert!(
        l.apply(Command::RenameFolder {
            folder: l.inbox,
            name: "Inkorg".into()
        })
        .is_empty()
    );
    assert!(
        l.apply(Command::RenameFolder {
            folder: kvitton,
            name: "Sent".into()
        })
        .is_empty(),
        "taken"
    );

    // Deleting a folder puts its mail (and its subfolders' mail) in Trash.
    let events = l.apply(Command::DeleteFolder { folder: kvitton });
    assert!(events.contains(&changed(l.trash)));
    assert_eq!(l.folder_named("Kvitton och fakturor"), None);
    assert_eq!(l.folder_named("Kvitton och fakturor/2024"), None);
    for id in &ids[..3] {
        assert_eq!(l.folder_of(*id), Some(l.trash));
    }
    assert!(
        l.apply(Command::DeleteFolder { folder: l.trash })
            .is_empty(),
        "Trash stays"
    );
    assert!(l.ctx.store.folder(l.trash).unwrap().is_some());
}

#[test]
fn delete_goes_to_trash_then_for_good_and_frees_the_record() {
    let (mut l, ids) = local(3);
    let events = l.apply(Command::Delete {
        messages: vec![ids[0]],
    });
    assert!(events.contains(&changed(l.inbox)) && events.contains(&changed(l.trash)));
    assert_eq!(l.folder_of(ids[0]), Some(l.trash));
    let record = l.ctx.store.pop_record("a", "uidl-0").unwrap().unwrap();
    assert_eq!(record.local, Some(ids[0]), "in Trash is not deleted yet");

    l.apply(Command::Delete {
        messages: vec![ids[0]],
    });
    assert_eq!(l.folder_of(ids[0]), None);
    let record = l.ctx.store.pop_record("a", "uidl-0").unwrap().unwrap();
    assert_eq!(record.local, None, "the record stays, pointing at nothing");

    // Empty Trash does the same for everything in it.
    l.apply(Command::Delete {
        messages: vec![ids[1], ids[2]],
    });
    let events = l.apply(Command::EmptyTrash);
    assert_eq!(events, vec![changed(l.trash)]);
    assert_eq!(l.ctx.store.message_count(l.trash).unwrap(), 0);
    assert!(
        l.ctx
            .store
            .pop_records("a")
            .unwrap()
            .iter()
            .all(|r| r.local.is_none())
    );
}

#[test]
fn a_copy_keeps_the_message_alive_for_the_server_record() {
    let (mut l, ids) = local(1);
    let sent = l
        .ctx
        .store
        .folder_by_role("a", Role::Sent)
        .unwrap()
        .unwrap()
        .id;
    l.apply(Command::SetFlagged {
        messages: vec![ids[0]],
        flagged: true,
    });
    let events = l.apply(Command::Copy {
        messages: vec![ids[0]],
        to: sent,
    });
    assert_eq!(events, vec![changed(sent)]);
    let copy = l.ctx.store.page(sent, 0, 10).unwrap()[0].clone();
    assert_eq!(
        copy.subject,
        l.ctx.store.message(ids[0]).unwrap().unwrap().subject
    );
    assert_eq!(copy.flags, Flags::FLAGGED);
    assert_eq!(
        l.ctx.store.raw(copy.id).unwrap(),
        l.ctx.store.raw(ids[0]).unwrap()
    );

    // Deleting the original for good: the record now points at the copy.
    l.apply(Command::Delete {
        messages: vec![ids[0]],
    });
    l.apply(Command::Delete {
        messages: vec![ids[0]],
    });
    assert_eq!(
        l.ctx
            .store
            .pop_record("a", "uidl-0")
            .unwrap()
            .unwrap()
            .local,
        Some(copy.id)
    );
    l.apply(Command::Delete {
        messages: vec![copy.id],
    });
    l.apply(Command::EmptyTrash);
    assert_eq!(
        l.ctx
            .store
            .pop_record("a", "uidl-0")
            .unwrap()
            .unwrap()
            .local,
        None
    );
}

#[test]
fn append_stores_a_whole_message() {
    let (mut l, _) = local(0);
    let sent = l
        .ctx
        .store
        .folder_by_role("a", Role::Sent)
        .unwrap()
        .unwrap()
        .id;
    let raw = b"From: marta@example.se\r\nSubject: Skickat\r\n\r\nHej!\r\n".to_vec();
    let events = l.apply(Command::Append {
        folder: sent,
        raw: raw.clone(),
        seen: true,
    });
    assert_eq!(events, vec![changed(sent)]);
    let row = l.ctx.store.page(sent, 0, 10).unwrap()[0].clone();
    assert!(row.flags.contains(Flags::SEEN) && !row.partial);
    assert_eq!(l.ctx.store.raw(row.id).unwrap(), Some(raw));
}

#[test]
fn other_accounts_are_left_alone() {
    let (mut l, _) = local(0);
    let (foreign_folder, foreign) = l
        .ctx
        .store
        .write(|tx| {
            let f = tx.upsert_folder("b", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            let m = tx.insert_message(
                f,
                &NewMessage::from_raw(b"Subject: theirs\r\n\r\n".to_vec(), 1),
            )?;
            Ok((f, m))
        })
        .unwrap();
    for cmd in [
        Command::SetSeen {
            messages: vec![foreign],
            seen: true,
        },
        Command::Move {
            messages: vec![foreign],
            to: l.trash,
        },
        Command::Delete {
            messages: vec![foreign],
        },
        Command::RenameFolder {
            folder: foreign_folder,
            name: "x".into(),
        },
        Command::DeleteFolder {
            folder: foreign_folder,
        },
        Command::Append {
            folder: foreign_folder,
            raw: b"Subject: x\r\n\r\n".to_vec(),
            seen: false,
        },
    ] {
        assert!(l.apply(cmd.clone()).is_empty(), "{cmd:?}");
    }
    let row = l.ctx.store.message(foreign).unwrap().unwrap();
    assert_eq!((row.folder, row.flags), (foreign_folder, Flags::default()));
    assert_eq!(l.ctx.store.message_count(foreign_folder).unwrap(), 1);
    // Commands the engine handles elsewhere are no-ops here.
    for cmd in [
        Command::SyncNow,
        Command::Shutdown,
        Command::OpenMessage(foreign),
    ] {
        assert!(l.apply(cmd).is_empty());
    }
}
