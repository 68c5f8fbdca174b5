//! The compose window's messages, its effects, and the names it is
//! opened and addressed by.

use iced::keyboard::{Key, Modifiers};
use iced::widget::{Id, text_editor};

use crate::config::Account;
use crate::mail::compose::DraftAttachment;
use crate::store::{KnownAddress, MsgId};
use crate::sync::Command;

/// Key presses while the window is open, also those a field used: Esc
/// leaves a field and closes the window at once.
pub fn keys() -> iced::Subscription<Message> {
    iced::event::listen_with(|event, status, _window| match event {
        iced::Event::Keyboard(iced::keyboard::Event::KeyPressed { key, modifiers, .. }) => {
            Some(Message::Key {
                key,
                modifiers,
                captured: status == iced::event::Status::Captured,
            })
        }
        _ => None,
    })
}

/// Suggestions shown under an address field.
pub const SUGGESTIONS: usize = 5;
/// A draft is saved this long after the last change.
pub const AUTOSAVE_SECONDS: u64 = 2;

/// An address field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    To,
    Cc,
    Bcc,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::To, Field::Cc, Field::Bcc];

    /// The widget id of the field's text input.
    pub fn id(self) -> Id {
        Id::new(match self {
            Field::To => "compose-to",
            Field::Cc => "compose-cc",
            Field::Bcc => "compose-bcc",
        })
    }
}

pub fn subject_id() -> Id {
    Id::new("compose-subject")
}

pub fn body_id() -> Id {
    Id::new("compose-body")
}

/// What opens the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// A new message from this account (None: the first account).
    New {
        account: Option<String>,
    },
    Reply {
        account: String,
        id: MsgId,
        all: bool,
    },
    Forward {
        account: String,
        id: MsgId,
    },
    /// Go on writing a draft stored in the Drafts folder.
    EditDraft {
        account: String,
        id: MsgId,
    },
}

impl Start {
    /// The sending account asked for (None: the first account).
    pub fn account(&self) -> Option<&str> {
        match self {
            Start::New { account } => account.as_deref(),
            Start::Reply { account, .. }
            | Start::Forward { account, .. }
            | Start::EditDraft { account, .. } => Some(account),
        }
    }

    /// The stored message it starts from.
    pub fn original(&self) -> Option<MsgId> {
        match self {
            Start::New { .. } => None,
            Start::Reply { id, .. } | Start::Forward { id, .. } | Start::EditDraft { id, .. } => {
                Some(*id)
            }
        }
    }
}

/// The sending account, as offered in the From list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountChoice {
    pub id: String,
    pub label: String,
}

impl AccountChoice {
    pub fn of(a: &Account) -> AccountChoice {
        AccountChoice {
            id: a.id.clone(),
            label: if a.name.trim().is_empty() {
                a.email.clone()
            } else {
                format!("{} <{}>", a.name, a.email)
            },
        }
    }
}

impl std::fmt::Display for AccountChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

#[derive(Clone, Debug)]
pub enum Message {
    From(AccountChoice),
    Address(Field, String),
    Subject(String),
    Body(text_editor::Action),
    /// Addresses from the store for what was typed (stale ones are dropped).
    Suggested {
        generation: u64,
        found: Vec<KnownAddress>,
    },
    TakeSuggestion(usize),
    /// Open the file picker.
    Attach,
    /// Files read from the picker (empty when it was cancelled), or why
    /// they could not be read (translated).
    Attached(Result<Vec<DraftAttachment>, String>),
    RemoveAttachment(usize),
    /// The outgoing server's SIZE limit in bytes, when known.
    SizeLimit(Option<u64>),
    /// The autosave delay after change number `generation` is over.
    AutosaveDue(u64),
    /// The engine stored a draft as `draft`, in place of `replaces`.
    DraftSaved {
        draft: MsgId,
        replaces: Option<MsgId>,
    },
    Send,
    /// Close (Esc or the Close button): asks first when there is text.
    Close,
    SaveAndClose,
    Discard,
    KeepWriting,
    /// A key press; `captured` when a widget already used it.
    Key {
        key: Key,
        modifiers: Modifiers,
        captured: bool,
    },
}

/// What the window needs done outside itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Hand a command to an account's engine.
    Engine {
        account: String,
        command: Command,
    },
    /// Look up addresses starting with `prefix`; answer with
    /// [`Message::Suggested`].
    Suggest {
        account: String,
        prefix: String,
        generation: u64,
    },
    /// Read the account's SIZE limit; answer with [`Message::SizeLimit`].
    SizeLimit {
        account: String,
    },
    /// Send [`Message::AutosaveDue`] after [`AUTOSAVE_SECONDS`].
    SaveLater {
        generation: u64,
    },
    /// Show the file picker; answer with [`Message::Attached`].
    PickFiles,
    /// Focus a field and put the cursor at its end.
    Focus(Id),
    FocusNext,
    FocusPrevious,
    /// The window is done: remove it.
    Close,
}
