//! The compose window's state, driven through `update()`, and what its view
//! shows (iced_test's simulator).

use iced::keyboard::{Key, Modifiers, key::Named};
use iced_test::simulator;

use super::*;
use crate::config::{MailProtocol, ServerSettings};
use crate::mail::compose::DraftAttachment;
use crate::store::MsgId;

fn account(id: &str, signature: &str) -> Account {
    let server = ServerSettings {
        host: "mail.example.org".into(),
        port: 993,
        security: crate::net::Security::Tls,
        username: id.into(),
    };
    Account {
        id: id.into(),
        name: "Anna Lind".into(),
        email: format!("{id}@example.org"),
        protocol: MailProtocol::Imap,
        incoming: server.clone(),
        outgoing: server,
        trusted_cert: None,
        pop: Default::default(),
        imap: Default::default(),
        signature: signature.into(),
        server_files_sent: None,
    }
}

fn window() -> Compose {
    crate::i18n::set_language("en");
    let a = account("anna", "");
    let (compose, effects) = Compose::new(vec![a.clone()], crate::mail::compose::new_message(&a));
    assert!(effects.contains(&Effect::Focus(Field::To.id())));
    assert!(effects.contains(&Effect::SizeLimit {
        account: "anna".into()
    }));
    compose
}

fn type_body(c: &mut Compose, text: &str) {
    for ch in text.chars() {
        let _ = c.update(Message::Body(text_editor::Action::Edit(
            text_editor::Edit::Insert(ch),
        )));
    }
}

fn key(named: Named, modifiers: Modifiers) -> Message {
    Message::Key {
        key: Key::Named(named),
        modifiers,
        captured: false,
    }
}

fn sent_draft(effects: &[Effect]) -> Option<&Draft> {
    effects.iter().find_map(|e| match e {
        Effect::Engine {
            command: Command::Send(d),
            ..
        } => Some(&**d),
        _ => None,
    })
}

#[test]
fn ctrl_enter_hands_the_draft_to_the_engine_and_closes() {
    let mut c = window();
    let _ = c.update(Message::Address(
        Field::To,
        "Kari Nordmann <kari@example.no>".into(),
    ));
    let _ = c.update(Message::Subject("Smörgåsbord på fredag".into()));
    type_body(&mut c, "Hej!\nVi ses.");
    let effects = c.update(key(Named::Enter, Modifiers::CTRL));
    let draft = sent_draft(&effects).expect("a Send command");
    assert_eq!(draft.account, "anna");
    assert_eq!(draft.to, "Kari Nordmann <kari@example.no>");
    assert_eq!(draft.subject, "Smörgåsbord på fredag");
    assert_eq!(draft.body, "Hej!\nVi ses.");
    assert!(matches!(
        &effects[0],
        Effect::Engine { account, .. } if account == "anna"
    ));
    assert_eq!(effects.last(), Some(&Effect::Close));
    // Enter alone, or one a widget used, sends nothing.
    let mut c = window();
    let _ = c.update(Message::Address(Field::To, "kari@example.no".into()));
    assert!(c.update(key(Named::Enter, Modifiers::empty())).is_empty());
    assert!(
        c.update(Message::Key {
            key: Key::Named(Named::Enter),
            modifiers: Modifiers::CTRL,
            captured: true,
        })
        .is_empty()
    );
}

#[test]
fn a_bad_address_is_flagged_and_send_is_refused() {
    let mut c = window();
    // The piece being typed is not judged yet.
    let _ = c.update(Message::Address(Field::To, "kari@example.no, pelle".into()));
    assert_eq!(c.error(Field::To), None);
    // Once it is followed by a separator, it is.
    let _ = c.update(Message::Address(
        Field::To,
        "kari@example.no, pelle, ".into(),
    ));
    let flagged = c.error(Field::To).expect("pelle is flagged").to_owned();
    assert!(flagged.contains("pelle"), "{flagged}");
    let effects = c.update(Message::Send);
    assert!(sent_draft(&effects).is_none());
    assert!(!effects.contains(&Effect::Close));
    assert_eq!(c.problem(), Some(flagged.as_str()));
    {
        let mut ui = simulator(c.view());
        assert!(ui.find(flagged.clone()).is_ok(), "the reason is shown");
    }
    // Leaving a field checks its last piece too.
    let _ = c.update(Message::Address(Field::To, "kari@example.no".into()));
    let _ = c.update(Message::Address(Field::Cc, "olle@".into()));
    assert_eq!(c.error(Field::To), None);
    let _ = c.update(Message::Subject("Hej".into()));
    assert!(c.error(Field::Cc).is_some());
    // No recipients at all: refused, said so.
    let mut c = window();
    let _ = c.update(Message::Subject("Hej".into()));
    assert!(sent_draft(&c.update(Message::Send)).is_none());
    assert_eq!(
        c.problem(),
        Some(ComposeError::NoRecipients.user_message().as_str())
    );
}

fn known(name: &str, email: &str, uses: u32) -> KnownAddress {
    KnownAddress {
        name: name.into(),
        email: email.into(),
        uses,
        last_seen: 0,
    }
}

#[test]
fn suggestions_come_from_the_store_and_tab_takes_one() {
    let mut c = window();
    // One letter is too little to ask.
    assert!(
        !c.update(Message::Address(Field::To, "k".into()))
            .iter()
            .any(|e| matches!(e, Effect::Suggest { .. }))
    );
    let effects = c.update(Message::Address(Field::To, "ka".into()));
    let Some(Effect::Suggest {
        prefix, generation, ..
    }) = effects
        .iter()
        .find(|e| matches!(e, Effect::Suggest { .. }))
        .cloned()
    else {
        panic!("no suggestion lookup in {effects:?}");
    };
    assert_eq!(prefix, "ka");
    // An answer for older input is dropped.
    let _ = c.update(Message::Suggested {
        generation: generation - 1,
        found: vec![known("Old", "old@example.no", 9)],
    });
    assert!(c.suggestions().is_empty());
    let _ = c.update(Message::Suggested {
        generation,
        found: vec![
            known("Kari Nordmann", "kari@example.no", 3),
            // The sender's own address is not suggested.
            known("Anna Lind", "anna@example.org", 2),
            known("Karlsson, Åke", "ake@example.se", 1),
        ],
    });
    assert_eq!(c.suggestions().len(), 2);
    {
        let mut ui = simulator(c.view());
        assert!(ui.find("Kari Nordmann <kari@example.no>").is_ok());
    }
    // Down, then Tab: the second one, its name quoted (it has a comma).
    let _ = c.update(key(Named::ArrowDown, Modifiers::empty()));
    let effects = c.update(key(Named::Tab, Modifiers::empty()));
    assert!(effects.contains(&Effect::Focus(Field::To.id())));
    assert_eq!(c.draft().to, "\"Karlsson, Åke\" <ake@example.se>, ");
    assert!(c.suggestions().is_empty());
    // A second address; an address already there is not offered again.
    let effects = c.update(Message::Address(
        Field::To,
        "\"Karlsson, Åke\" <ake@example.se>, ka".into(),
    ));
    let generation = effects
        .iter()
        .find_map(|e| match e {
            Effect::Suggest { generation, .. } => Some(*generation),
            _ => None,
        })
        .expect("a lookup");
    let _ = c.update(Message::Suggested {
        generation,
        found: vec![
            known("Karlsson, Åke", "ake@example.se", 1),
            known("Kari Nordmann", "kari@example.no", 3),
        ],
    });
    assert_eq!(c.suggestions().len(), 1);
    let _ = c.update(Message::TakeSuggestion(0));
    assert_eq!(
        c.draft().to,
        "\"Karlsson, Åke\" <ake@example.se>, Kari Nordmann <kari@example.no>, "
    );
    // Without suggestions Tab moves on to the next field.
    assert_eq!(
        c.update(key(Named::Tab, Modifiers::empty())),
        vec![Effect::FocusNext]
    );
}

#[test]
fn closing_asks_to_keep_the_draft() {
    // Nothing typed: closes at once.
    let mut c = window();
    assert_eq!(c.update(Message::Close), vec![Effect::Close]);

    let mut c = window();
    type_body(&mut c, "Hej");
    assert!(c.update(key(Named::Escape, Modifiers::empty())).is_empty());
    assert!(c.asking_close());
    {
        let mut ui = simulator(c.view());
        assert!(ui.find(fl!("compose-ui-ask-keep")).is_ok());
        ui.click(fl!("compose-ui-keep-writing")).unwrap();
        let messages: Vec<Message> = ui.into_messages().collect();
        for m in messages {
            let _ = c.update(m);
        }
    }
    assert!(!c.asking_close());
    // Esc again asks again; Esc while asking keeps writing.
    let _ = c.update(Message::Close);
    let _ = c.update(key(Named::Escape, Modifiers::empty()));
    assert!(!c.asking_close());
    // Save draft: the draft goes to the engine, the window closes.
    let _ = c.update(Message::Close);
    let effects = c.update(Message::SaveAndClose);
    assert!(matches!(
        &effects[..],
        [Effect::Engine { command: Command::SaveDraft(d), .. }, Effect::Close] if d.body == "Hej"
    ));
    // Discard: a saved copy is removed.
    let mut c = window();
    type_body(&mut c, "Hej");
    let _ = c.update(Message::AutosaveDue(3));
    let _ = c.update(Message::DraftSaved {
        draft: MsgId(77),
        replaces: None,
    });
    let _ = c.update(Message::Close);
    assert_eq!(
        c.update(Message::Discard),
        vec![
            Effect::Engine {
                account: "anna".into(),
                command: Command::DiscardDraft(MsgId(77))
            },
            Effect::Close
        ]
    );
}

#[test]
fn drafts_are_saved_when_typing_pauses() {
    let mut c = window();
    let effects = c.update(Message::Subject("H".into()));
    assert_eq!(effects, vec![Effect::SaveLater { generation: 1 }]);
    let effects = c.update(Message::Subject("He".into()));
    assert_eq!(effects, vec![Effect::SaveLater { generation: 2 }]);
    // The first timer is stale: typing went on.
    assert!(c.update(Message::AutosaveDue(1)).is_empty());
    let effects = c.update(Message::AutosaveDue(2));
    assert!(matches!(
        &effects[..],
        [Effect::Engine { command: Command::SaveDraft(d), .. }] if d.subject == "He"
    ));
    // Saved already: no second copy for the same state.
    assert!(c.update(Message::AutosaveDue(2)).is_empty());
    // Typing on while the engine stores it: the next save waits for the
    // stored copy's id, and then replaces it.
    let _ = c.update(Message::Subject("Hej".into()));
    assert!(c.update(Message::AutosaveDue(3)).is_empty());
    assert!(c.saving());
    // Another draft's news is not ours.
    assert!(
        c.update(Message::DraftSaved {
            draft: MsgId(5),
            replaces: Some(MsgId(4)),
        })
        .is_empty()
    );
    let effects = c.update(Message::DraftSaved {
        draft: MsgId(10),
        replaces: None,
    });
    assert!(matches!(
        &effects[..],
        [Effect::Engine { command: Command::SaveDraft(d), .. }]
            if d.subject == "Hej" && d.saved_as == Some(MsgId(10))
    ));
    // Sending while that one is on its way: it is removed once known.
    let _ = c.update(Message::Address(Field::To, "kari@example.no".into()));
    let effects = c.update(Message::Send);
    assert!(sent_draft(&effects).is_some_and(|d| d.saved_as == Some(MsgId(10))));
    assert!(c.saving());
    assert_eq!(
        c.update(Message::DraftSaved {
            draft: MsgId(11),
            replaces: Some(MsgId(10)),
        }),
        vec![Effect::Engine {
            account: "anna".into(),
            command: Command::DiscardDraft(MsgId(11))
        }]
    );
    assert!(!c.saving());
    // Moving the cursor is no change.
    assert!(
        c.update(Message::Body(text_editor::Action::Move(
            text_editor::Motion::Right
        )))
        .is_empty()
    );
}

#[test]
fn attachments_are_listed_with_size_and_a_warning_above_the_limit() {
    let mut c = window();
    let file = DraftAttachment {
        name: "kvitto.pdf".into(),
        mime_type: "application/pdf".into(),
        data: vec![0; 3000],
    };
    assert_eq!(c.update(Message::Attach), vec![Effect::PickFiles]);
    // A second click while the picker is open does nothing.
    assert!(c.update(Message::Attach).is_empty());
    let _ = c.update(Message::Attached(Ok(vec![file.clone(), file])));
    assert_eq!(c.draft().attachments.len(), 2);
    assert!(!c.too_big(), "no limit known");
    let _ = c.update(Message::SizeLimit(Some(6000)));
    assert!(c.too_big());
    {
        let mut ui = simulator(c.view());
        assert!(ui.find("kvitto.pdf").is_ok());
        assert!(ui.find(crate::ui::format::size(3000)).is_ok());
        let warning = fl!(
            "compose-ui-too-big",
            size = crate::ui::format::size(c.estimated_size()),
            limit = crate::ui::format::size(6000)
        );
        assert!(ui.find(warning).is_ok());
    }
    let _ = c.update(Message::RemoveAttachment(1));
    let _ = c.update(Message::RemoveAttachment(9));
    assert_eq!(c.draft().attachments.len(), 1);
    assert!(!c.too_big());
    // A file that could not be read: the reason is shown.
    let _ = c.update(Message::Attach);
    let _ = c.update(Message::Attached(Err("no such file".into())));
    assert_eq!(c.problem(), Some("no such file"));
}

#[test]
fn changing_the_account_swaps_the_signature() {
    crate::i18n::set_language("en");
    let a = account("anna", "Anna Lind\nBrev AB");
    let b = account("work", "Anna L.");
    let draft = Draft {
        account: "anna".into(),
        body: "\n\n-- \nAnna Lind\nBrev AB".into(),
        ..Draft::default()
    };
    let (mut c, _) = Compose::new(vec![a, b.clone()], draft);
    let effects = c.update(Message::From(AccountChoice::of(&b)));
    assert!(effects.contains(&Effect::SizeLimit {
        account: "work".into()
    }));
    assert_eq!(c.draft().account, "work");
    assert_eq!(c.draft().body, "\n\n-- \nAnna L.");
}

#[test]
fn address_text_helpers() {
    assert_eq!(split_last("a@b.se, c"), ("a@b.se,", " c"));
    assert_eq!(split_last("\"Ek, K\" <k@e.se>"), ("", "\"Ek, K\" <k@e.se>"));
    assert_eq!(split_last("a@b.se; "), ("a@b.se;", " "));
    assert_eq!(format_address("", "a@b.se"), "a@b.se");
    assert_eq!(format_address("Åsa Öberg", "a@b.se"), "Åsa Öberg <a@b.se>");
    assert_eq!(
        format_address("Say \"hi\", Bo", "b@o.se"),
        "\"Say \\\"hi\\\", Bo\" <b@o.se>"
    );
    assert_eq!(swap_signature("Hej\n-- \nA", "A", ""), "Hej");
    assert_eq!(swap_signature("Hej", "A", "B"), "Hej");
}
