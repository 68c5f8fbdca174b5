//! The mailbox screen: folder tree, message list and reader, the toolbar,
//! the search field and the status line. Its children report through their
//! own messages; it answers with [`Effect`]s that the app turns into tasks
//! (store reads off the UI thread, engine commands, opening links).

mod cert;

use std::collections::{BTreeMap, BTreeSet};

use iced::keyboard::{self, Key, Modifiers, key::Named};
use iced::widget::{
    Id, button, checkbox, column, container, pick_list, progress_bar, row, rule, space, text,
    text_input,
};
use iced::{Alignment, Element, Length, Theme};

use crate::config::{Account, MarkRead, Settings};
use crate::fl;
use crate::store::{Flags, FolderId, MessageRow, MsgId, Role, Scope};
use crate::sync::{AccountState, Command, Event};
use crate::ui::data::{Loaded, Query};
use crate::ui::font;
use crate::ui::reader::{self, Reader};
use crate::ui::screen::compose;
use crate::ui::widget::folder_tree::{self, AccountFolders, FolderTree};
use crate::ui::widget::message_list::{self, MessageList, Source};

/// At most this many search results are shown.
pub const SEARCH_LIMIT: usize = 2000;

pub fn search_id() -> Id {
    Id::new("search")
}

#[derive(Clone, Debug)]
pub enum Message {
    Tree(folder_tree::Message),
    List(message_list::Message),
    Reader(reader::Message),
    /// A store read finished.
    Loaded(Loaded),
    /// The left mouse button was let go anywhere: a drag is over.
    DragEnd,
    CheckNow,
    OpenSettings,
    Retry(String),
    /// Trust the certificate the account's server showed (the user saw
    /// its fingerprint in the banner).
    TrustCertificate {
        account: String,
        fingerprint: String,
    },
    ToggleRead,
    ToggleFlag,
    Delete,
    MoveTo(FolderChoice),
    /// Write a new message (Ctrl+N).
    NewMessage,
    /// Answer the selected or open message (Ctrl+R; Ctrl+Shift+R for all).
    Reply {
        all: bool,
    },
    /// Forward the selected or open message (Ctrl+L).
    Forward,
    /// Go on writing the selected or open draft (in Drafts; Enter there).
    EditDraft,
    /// Show a passing note in the status line (translated).
    Notice(String),
    SearchInput(String),
    SearchEverywhere(bool),
    ClearSearch,
    /// A key nothing else took.
    Key(Key, Modifiers),
    Modifiers(Modifiers),
    /// An attachment was saved (the path) or could not be (the reason).
    AttachmentDone(Result<String, String>),
    /// The delay before marking an opened message read is over.
    MarkReadDue(MsgId),
    Engine(Event),
    /// An account's engine could not start (translated reason).
    EngineFailed {
        account: String,
        reason: String,
    },
}

/// What the screen needs done outside itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Read the store off the UI thread; the answer comes back as
    /// [`Message::Loaded`].
    Query(Query),
    /// Hand a command to an account's engine.
    Send {
        account: String,
        command: Command,
    },
    OpenLink(String),
    /// Scroll the message list to this offset.
    ScrollList(f32),
    FocusSearch,
    /// Save an attachment (to Downloads; or to a temporary folder and open
    /// it); the answer comes back as [`Message::AttachmentDone`].
    SaveAttachment {
        id: MsgId,
        part: usize,
        name: String,
        open: bool,
    },
    /// Show the settings screen.
    OpenSettings,
    /// Pin this certificate for the account and restart its engine.
    TrustCertificate {
        account: String,
        fingerprint: String,
    },
    /// Open the compose window.
    Compose(compose::Start),
    /// A desktop notification (new mail).
    Notify(String),
    /// Send `Message::MarkReadDue` after this many seconds.
    MarkReadLater {
        id: MsgId,
        seconds: u32,
    },
}

/// A folder to move messages to, as offered in the menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderChoice {
    pub id: FolderId,
    pub label: String,
}

impl std::fmt::Display for FolderChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

pub struct Mailbox {
    accounts: Vec<Account>,
    settings: Settings,
    tree: FolderTree,
    list: MessageList,
    reader: Reader,
    modifiers: Modifiers,
    search: String,
    search_everywhere: bool,
    search_generation: u64,
    /// The search whose results the list shows.
    shown_search: Option<String>,
    /// The message whose body was asked of the engine.
    body_requested: Option<MsgId>,
    states: BTreeMap<String, AccountState>,
    start_errors: BTreeMap<String, String>,
    progress: BTreeMap<String, (FolderId, usize, usize)>,
    store_error: Option<String>,
    /// A passing note for the status line (an attachment saved, ...).
    notice: Option<String>,
    /// Show this account's Inbox as soon as its folders arrive (an account
    /// just added: its first sync is under way).
    show_inbox_of: Option<String>,
}

impl Mailbox {
    pub fn new(accounts: Vec<Account>, settings: Settings) -> (Mailbox, Vec<Effect>) {
        let tree = FolderTree {
            accounts: accounts
                .iter()
                .map(|a| AccountFolders {
                    id: a.id.clone(),
                    label: if a.email.is_empty() {
                        a.name.clone()
                    } else {
                        a.email.clone()
                    },
                    folders: Vec::new(),
                    quota: None,
                })
                .collect(),
            selected: None,
            dragging: false,
            hovered: None,
        };
        let mailbox = Mailbox {
            accounts,
            settings,
            tree,
            list: MessageList::new(),
            reader: Reader::default(),
            modifiers: Modifiers::default(),
            search: String::new(),
            search_everywhere: false,
            search_generation: 0,
            shown_search: None,
            body_requested: None,
            states: BTreeMap::new(),
            start_errors: BTreeMap::new(),
            progress: BTreeMap::new(),
            store_error: None,
            notice: None,
            show_inbox_of: None,
        };
        let effects = vec![mailbox.folders_query()];
        (mailbox, effects)
    }

    /// Open `account`'s Inbox as soon as the engine has listed it.
    pub fn show_inbox_of(&mut self, account: &str) -> Vec<Effect> {
        match self.tree.inbox_of(account) {
            Some(inbox) => self.select_folder(inbox),
            None => {
                self.show_inbox_of = Some(account.to_owned());
                Vec::new()
            }
        }
    }

    /// New settings (from the settings screen).
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
    }

    pub fn tree(&self) -> &FolderTree {
        &self.tree
    }

    pub fn list(&self) -> &MessageList {
        &self.list
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn searching(&self) -> bool {
        !self.search.trim().is_empty()
    }

    fn folders_query(&self) -> Effect {
        Effect::Query(Query::Folders {
            accounts: self.accounts.iter().map(|a| a.id.clone()).collect(),
        })
    }

    fn account_of(&self, folder: FolderId) -> Option<String> {
        self.tree.folder(folder).map(|f| f.account.clone())
    }

    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        match message {
            Message::Tree(folder_tree::Message::Select(folder)) => self.select_folder(folder),
            Message::Tree(folder_tree::Message::Hover(folder)) => {
                self.tree.hovered = folder;
                Vec::new()
            }
            Message::Tree(folder_tree::Message::DropOn(folder)) => {
                if !std::mem::take(&mut self.tree.dragging) {
                    return Vec::new();
                }
                // The whole selection moves, not just the row pressed.
                self.list.dropped();
                let label = self
                    .tree
                    .folder(folder)
                    .map(folder_tree::display_name)
                    .unwrap_or_default();
                self.update(Message::MoveTo(FolderChoice { id: folder, label }))
            }
            Message::DragEnd => {
                self.tree.dragging = false;
                let action = self.list.released();
                self.list_action(action)
            }
            Message::List(m) => {
                let pressed = matches!(m, message_list::Message::Clicked(_));
                let action = self.list.update(m, self.modifiers);
                // A press on a row may become a drag onto a folder.
                self.tree.dragging = pressed && !self.list.selected().is_empty();
                self.list_action(action)
            }
            Message::Reader(reader::Message::OpenLink(link)) => vec![Effect::OpenLink(link)],
            Message::Reader(reader::Message::Reply { all }) => self.update(Message::Reply { all }),
            Message::Reader(reader::Message::Forward) => self.update(Message::Forward),
            Message::Reader(reader::Message::Edit) => self.update(Message::EditDraft),
            Message::Reader(reader::Message::ResolveOutbox { send_again }) => {
                let Some(o) = &self.reader.opened else {
                    return Vec::new();
                };
                match self.account_of(o.row.folder) {
                    Some(account) => vec![Effect::Send {
                        account,
                        command: Command::ResolveOutbox {
                            message: o.row.id,
                            send_again,
                        },
                    }],
                    None => Vec::new(),
                }
            }
            Message::Reader(reader::Message::Body(action)) => {
                self.reader.perform(action);
                Vec::new()
            }
            Message::Reader(reader::Message::Save(part, name)) => match self.reader.id {
                Some(id) => vec![Effect::SaveAttachment {
                    id,
                    part,
                    name,
                    open: false,
                }],
                None => Vec::new(),
            },
            Message::Reader(reader::Message::Open(part, name)) => match self.reader.id {
                Some(id) => vec![Effect::SaveAttachment {
                    id,
                    part,
                    name,
                    open: true,
                }],
                None => Vec::new(),
            },
            Message::AttachmentDone(result) => {
                self.notice = Some(match result {
                    Ok(path) => fl!("ui-attachment-saved", path = path),
                    Err(reason) => reason,
                });
                Vec::new()
            }
            Message::Loaded(loaded) => self.loaded(loaded),
            Message::CheckNow => self
                .accounts
                .iter()
                .map(|a| Effect::Send {
                    account: a.id.clone(),
                    command: Command::SyncNow,
                })
                .collect(),
            Message::OpenSettings => vec![Effect::OpenSettings],
            Message::NewMessage => {
                let account = self
                    .tree
                    .selected
                    .and_then(|f| self.account_of(f))
                    .or_else(|| self.accounts.first().map(|a| a.id.clone()));
                vec![Effect::Compose(compose::Start::New { account })]
            }
            Message::Reply { all } => match self.answerable() {
                Some((account, id)) => {
                    vec![Effect::Compose(compose::Start::Reply { account, id, all })]
                }
                None => Vec::new(),
            },
            Message::Forward => match self.answerable() {
                Some((account, id)) => {
                    vec![Effect::Compose(compose::Start::Forward { account, id })]
                }
                None => Vec::new(),
            },
            Message::EditDraft => match self.answerable() {
                Some((account, id)) if self.is_draft(id) => {
                    vec![Effect::Compose(compose::Start::EditDraft { account, id })]
                }
                _ => Vec::new(),
            },
            Message::Notice(note) => {
                // An empty note takes the last one away.
                self.notice = (!note.is_empty()).then_some(note);
                Vec::new()
            }
            Message::Retry(account) => vec![Effect::Send {
                account,
                command: Command::SyncNow,
            }],
            Message::TrustCertificate {
                account,
                fingerprint,
            } => {
                // Its engine restarts and reports again.
                self.states.remove(&account);
                vec![Effect::TrustCertificate {
                    account,
                    fingerprint,
                }]
            }
            Message::ToggleRead => {
                let rows = self.targets();
                let seen = rows.iter().any(|r| !r.flags.contains(Flags::SEEN));
                self.set_flag(rows, Flags::SEEN, seen)
            }
            Message::ToggleFlag => {
                let rows = self.targets();
                let flagged = rows.iter().any(|r| !r.flags.contains(Flags::FLAGGED));
                self.set_flag(rows, Flags::FLAGGED, flagged)
            }
            Message::Delete => {
                let rows = self.targets();
                if rows.iter().any(|r| Some(r.id) == self.reader.id) {
                    self.reader.clear();
                }
                self.per_account(rows, |messages| Command::Delete { messages })
            }
            Message::MoveTo(choice) => {
                let Some(account) = self.account_of(choice.id) else {
                    return Vec::new();
                };
                let rows: Vec<MessageRow> = self
                    .targets()
                    .into_iter()
                    .filter(|r| {
                        r.folder != choice.id
                            && self.account_of(r.folder).as_deref() == Some(&account)
                    })
                    .collect();
                if rows.iter().any(|r| Some(r.id) == self.reader.id) {
                    self.reader.clear();
                }
                self.per_account(rows, |messages| Command::Move {
                    messages,
                    to: choice.id,
                })
            }
            Message::SearchInput(input) => {
                self.search = input;
                self.run_search()
            }
            Message::SearchEverywhere(on) => {
                self.search_everywhere = on;
                // Another set of results: start from the top.
                self.shown_search = None;
                self.run_search()
            }
            Message::ClearSearch => {
                self.search.clear();
                self.run_search()
            }
            Message::Key(key, modifiers) => self.key(key, modifiers),
            Message::Modifiers(m) => {
                self.modifiers = m;
                Vec::new()
            }
            Message::MarkReadDue(id) => {
                if self.reader.id != Some(id) {
                    return Vec::new();
                }
                match self.reader.opened.as_ref().map(|o| o.row.clone()) {
                    Some(row) if !row.flags.contains(Flags::SEEN) => {
                        self.set_flag(vec![row], Flags::SEEN, true)
                    }
                    _ => Vec::new(),
                }
            }
            Message::Engine(event) => self.engine_event(event),
            Message::EngineFailed { account, reason } => {
                self.start_errors.insert(account, reason);
                Vec::new()
            }
        }
    }

    fn select_folder(&mut self, folder: FolderId) -> Vec<Effect> {
        self.notice = None;
        self.tree.selected = Some(folder);
        self.search.clear();
        self.search_generation += 1;
        self.reader.clear();
        let action = self.list.show_folder(folder);
        let mut effects = vec![Effect::ScrollList(0.0)];
        effects.extend(self.list_action(action));
        effects
    }

    fn list_action(&mut self, action: message_list::Action) -> Vec<Effect> {
        match action {
            message_list::Action::None | message_list::Action::Selected => Vec::new(),
            message_list::Action::Load(q) => vec![Effect::Query(q)],
            message_list::Action::Open(row) => self.open(row),
            message_list::Action::Activate(row) => self.activate(row),
        }
    }

    /// Enter on a row, or a double-click: in Drafts, go on writing it
    /// (selecting already shows it); elsewhere, show it.
    fn activate(&mut self, row: MessageRow) -> Vec<Effect> {
        if self.in_drafts(row.folder) {
            let Some(account) = self.account_of(row.folder) else {
                return Vec::new();
            };
            return vec![Effect::Compose(compose::Start::EditDraft {
                account,
                id: row.id,
            })];
        }
        self.open(row)
    }

    /// Show a message in the reader; fetch its body and mark it read as set.
    fn open(&mut self, row: MessageRow) -> Vec<Effect> {
        self.reader.generation += 1;
        self.reader.id = Some(row.id);
        self.reader.set_opened(None);
        let mut effects = vec![Effect::Query(Query::Message {
            id: row.id,
            generation: self.reader.generation,
        })];
        if row.partial {
            effects.extend(self.request_body(&row));
        }
        if !row.flags.contains(Flags::SEEN) {
            match self.settings.mark_read {
                MarkRead::AtOnce => effects.extend(self.set_flag(vec![row], Flags::SEEN, true)),
                MarkRead::AfterDelay => effects.push(Effect::MarkReadLater {
                    id: row.id,
                    seconds: self.settings.mark_read_delay_seconds,
                }),
                MarkRead::Never => {}
            }
        }
        effects
    }

    fn request_body(&mut self, row: &MessageRow) -> Vec<Effect> {
        if self.body_requested == Some(row.id) {
            return Vec::new();
        }
        self.body_requested = Some(row.id);
        match self.account_of(row.folder) {
            Some(account) => vec![Effect::Send {
                account,
                command: Command::OpenMessage(row.id),
            }],
            None => Vec::new(),
        }
    }

    fn in_drafts(&self, folder: FolderId) -> bool {
        self.tree
            .folder(folder)
            .is_some_and(|f| f.role == Some(Role::Drafts))
    }

    /// Message `id` is a draft in Drafts (selected or open).
    fn is_draft(&self, id: MsgId) -> bool {
        self.targets()
            .iter()
            .any(|r| r.id == id && self.in_drafts(r.folder))
    }

    /// How an account is doing, as its engine last said.
    pub fn account_state(&self, account: &str) -> Option<&AccountState> {
        self.states.get(account)
    }

    /// The passing note in the status line.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The one message Reply and Forward answer, with its account: the
    /// selection when it is one message, else the open message.
    fn answerable(&self) -> Option<(String, MsgId)> {
        let targets = self.targets();
        let [row] = targets.as_slice() else {
            return None;
        };
        Some((self.account_of(row.folder)?, row.id))
    }

    /// The rows an action applies to: the selection, else the open message.
    fn targets(&self) -> Vec<MessageRow> {
        let rows: Vec<MessageRow> = self.list.selected_rows().into_iter().cloned().collect();
        if !rows.is_empty() {
            return rows;
        }
        self.reader
            .opened
            .as_ref()
            .map(|o| vec![o.row.clone()])
            .unwrap_or_default()
    }

    fn set_flag(&mut self, rows: Vec<MessageRow>, flag: Flags, on: bool) -> Vec<Effect> {
        let ids: BTreeSet<MsgId> = rows.iter().map(|r| r.id).collect();
        self.list.update_flags(&ids, flag, on);
        if let Some(o) = &mut self.reader.opened
            && ids.contains(&o.row.id)
        {
            o.row.flags = o.row.flags.with(flag, on);
        }
        self.per_account(rows, |messages| {
            if flag == Flags::SEEN {
                Command::SetSeen { messages, seen: on }
            } else {
                Command::SetFlagged {
                    messages,
                    flagged: on,
                }
            }
        })
    }

    /// One command per account, for the rows of that account.
    fn per_account(
        &self,
        rows: Vec<MessageRow>,
        command: impl Fn(Vec<MsgId>) -> Command,
    ) -> Vec<Effect> {
        let mut by_account: BTreeMap<String, Vec<MsgId>> = BTreeMap::new();
        for r in rows {
            if let Some(account) = self.account_of(r.folder) {
                by_account.entry(account).or_default().push(r.id);
            }
        }
        by_account
            .into_iter()
            .map(|(account, messages)| Effect::Send {
                account,
                command: command(messages),
            })
            .collect()
    }

    fn run_search(&mut self) -> Vec<Effect> {
        self.search_generation += 1;
        if !matches!(self.list.source(), Source::Results(_)) {
            self.shown_search = None;
        }
        if !self.searching() {
            return match self.tree.selected {
                Some(folder) if self.list.folder() != Some(folder) => {
                    let action = self.list.show_folder(folder);
                    let mut effects = vec![Effect::ScrollList(0.0)];
                    effects.extend(self.list_action(action));
                    effects
                }
                _ => Vec::new(),
            };
        }
        let scope = match (self.search_everywhere, self.tree.selected) {
            (false, Some(folder)) => Scope::Folder(folder),
            _ => Scope::All,
        };
        vec![Effect::Query(Query::Search {
            input: self.search.clone(),
            scope,
            limit: SEARCH_LIMIT,
            generation: self.search_generation,
        })]
    }

    fn loaded(&mut self, loaded: Loaded) -> Vec<Effect> {
        match loaded {
            Loaded::Folders(accounts) => {
                self.store_error = None;
                for (account, folders, quota) in accounts {
                    self.tree.set_folders(&account, folders, quota);
                }
                if let Some(inbox) = self
                    .show_inbox_of
                    .as_deref()
                    .and_then(|a| self.tree.inbox_of(a))
                {
                    self.show_inbox_of = None;
                    return self.select_folder(inbox);
                }
                let still_there = self
                    .tree
                    .selected
                    .is_some_and(|f| self.tree.folder(f).is_some());
                if !still_there && let Some(folder) = self.tree.default_folder() {
                    return self.select_folder(folder);
                }
                Vec::new()
            }
            Loaded::Window {
                folder,
                offset,
                total,
                rows,
                states,
                generation,
            } => {
                if self.list.loaded(folder, offset, total, rows, generation) {
                    self.list.set_states(states);
                }
                Vec::new()
            }
            Loaded::Message {
                generation,
                message,
            } => {
                if generation != self.reader.generation {
                    return Vec::new();
                }
                if message.is_none() {
                    // Deleted or moved away meanwhile.
                    self.reader.id = None;
                }
                let draft = message
                    .as_ref()
                    .is_some_and(|m| self.in_drafts(m.row.folder));
                self.reader.set_draft(draft);
                self.reader.set_opened(message.map(|m| *m));
                let partial = self
                    .reader
                    .opened
                    .as_ref()
                    .filter(|o| o.row.partial)
                    .map(|o| o.row.clone());
                match partial {
                    Some(row) => self.request_body(&row),
                    None => Vec::new(),
                }
            }
            Loaded::Search { generation, rows } => {
                if generation == self.search_generation && self.searching() {
                    if self.shown_search.as_deref() == Some(self.search.as_str())
                        && matches!(self.list.source(), Source::Results(_))
                    {
                        self.list.replace_results(rows);
                        return Vec::new();
                    }
                    self.shown_search = Some(self.search.clone());
                    self.list.show_results(rows);
                    return vec![Effect::ScrollList(0.0)];
                }
                Vec::new()
            }
            Loaded::Failed(reason) => {
                self.store_error = Some(reason);
                Vec::new()
            }
        }
    }

    fn engine_event(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::FolderListChanged { .. } => vec![self.folders_query()],
            Event::FolderChanged { folder, .. } => {
                // Re-read only what is on screen (DESIGN.md rule 3).
                let mut effects = vec![self.folders_query()];
                if self.list.folder() == Some(folder) {
                    let action = self.list.refresh();
                    effects.extend(self.list_action(action));
                } else if self.searching() {
                    effects.extend(self.run_search());
                }
                let reader_folder = self.reader.opened.as_ref().map(|o| o.row.folder);
                if let Some(id) = self.reader.id
                    && (reader_folder == Some(folder) || reader_folder.is_none())
                {
                    self.reader.generation += 1;
                    effects.push(Effect::Query(Query::Message {
                        id,
                        generation: self.reader.generation,
                    }));
                }
                effects
            }
            Event::Progress {
                account,
                folder,
                done,
                total,
            } => {
                if done >= total {
                    self.progress.remove(&account);
                } else {
                    self.progress.insert(account, (folder, done, total));
                }
                Vec::new()
            }
            Event::State { account, state } => {
                if state == AccountState::Online {
                    self.start_errors.remove(&account);
                }
                self.states.insert(account, state);
                Vec::new()
            }
            Event::Synced { account, .. } => {
                self.progress.remove(&account);
                if !matches!(
                    self.states.get(&account),
                    Some(AccountState::AuthenticationFailed)
                ) {
                    self.states.insert(account, AccountState::Online);
                }
                Vec::new()
            }
            Event::NewMail { account, count } if count > 0 && self.settings.notifications => {
                vec![Effect::Notify(fl!(
                    "ui-new-mail",
                    count = count,
                    account = self.account_label(&account)
                ))]
            }
            Event::NewMail { .. } => Vec::new(),
            Event::Sent { account } => {
                self.notice = Some(fl!(
                    "compose-ui-sent",
                    account = self.account_label(&account)
                ));
                vec![self.folders_query()]
            }
            Event::SendFailed { account, error } => {
                self.notice = Some(fl!(
                    "compose-ui-send-failed",
                    account = self.account_label(&account),
                    reason = error.user_message()
                ));
                vec![self.folders_query()]
            }
            Event::DraftSaved { .. } => Vec::new(),
        }
    }

    fn key(&mut self, key: Key, modifiers: Modifiers) -> Vec<Effect> {
        self.modifiers = modifiers;
        let step = |list: &mut MessageList, delta: isize| {
            let (action, scroll) = list.move_cursor(delta);
            (action, scroll)
        };
        let (action, scroll) = match key.as_ref() {
            Key::Character("f") if modifiers.command() => return vec![Effect::FocusSearch],
            // As in Thunderbird.
            Key::Character("n" | "N") if modifiers.command() => {
                return self.update(Message::NewMessage);
            }
            Key::Character("r" | "R") if modifiers.command() => {
                return self.update(Message::Reply {
                    all: modifiers.shift(),
                });
            }
            Key::Character("l" | "L") if modifiers.command() => {
                return self.update(Message::Forward);
            }
            _ if modifiers.command() || modifiers.alt() => return Vec::new(),
            Key::Named(Named::ArrowDown) | Key::Character("j") => step(&mut self.list, 1),
            Key::Named(Named::ArrowUp) | Key::Character("k") => step(&mut self.list, -1),
            Key::Named(Named::PageDown) => {
                let page = (self.list.built_rows() as isize
                    - 2 * message_list::BUILD_MARGIN as isize)
                    .max(1);
                step(&mut self.list, page)
            }
            Key::Named(Named::PageUp) => {
                let page = (self.list.built_rows() as isize
                    - 2 * message_list::BUILD_MARGIN as isize)
                    .max(1);
                step(&mut self.list, -page)
            }
            Key::Named(Named::Enter) => match self.list.cursor_row().cloned() {
                Some(row) => return self.activate(row),
                None => return Vec::new(),
            },
            Key::Named(Named::Home) => step(&mut self.list, isize::MIN / 2),
            Key::Named(Named::End) => step(&mut self.list, isize::MAX / 2),
            Key::Named(Named::Delete) => return self.update(Message::Delete),
            Key::Named(Named::F5) => return self.update(Message::CheckNow),
            // As in Thunderbird: M toggles read, S the flag (star).
            Key::Character("m") => return self.update(Message::ToggleRead),
            Key::Character("s") => return self.update(Message::ToggleFlag),
            Key::Named(Named::Escape) if self.searching() => {
                return self.update(Message::ClearSearch);
            }
            _ => return Vec::new(),
        };
        let mut effects = Vec::new();
        if let Some(offset) = scroll {
            effects.push(Effect::ScrollList(offset));
            // The list's viewport report follows the scroll; load now anyway.
            let action = self.list.ensure_loaded();
            effects.extend(self.list_action(action));
        }
        effects.extend(self.list_action(action));
        effects
    }

    /// Choices for "Move to": the other folders of the selection's account.
    fn move_choices(&self) -> Vec<FolderChoice> {
        let targets = self.targets();
        let Some(first) = targets.first() else {
            return Vec::new();
        };
        let Some(account) = self.account_of(first.folder) else {
            return Vec::new();
        };
        self.tree
            .accounts
            .iter()
            .filter(|a| a.id == account)
            .flat_map(|a| a.folders.iter())
            .filter(|f| f.selectable && f.id != first.folder && f.role != Some(Role::Outbox))
            .map(|f| FolderChoice {
                id: f.id,
                label: if f.role.is_some() {
                    folder_tree::display_name(f)
                } else {
                    f.name.clone()
                },
            })
            .collect()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let targets = self.targets();
        let has_targets = !targets.is_empty();
        let all_read = targets.iter().all(|r| r.flags.contains(Flags::SEEN));
        let all_flagged = targets.iter().all(|r| r.flags.contains(Flags::FLAGGED));
        let tool = |label: String, message: Message, enabled: bool| {
            button(text(label).size(14))
                .padding([5, 10])
                .style(button::secondary)
                .on_press_maybe(enabled.then_some(message))
        };
        let read_label = if has_targets && all_read {
            fl!("ui-mark-unread")
        } else {
            fl!("ui-mark-read")
        };
        let flag_label = if has_targets && all_flagged {
            fl!("ui-unflag")
        } else {
            fl!("ui-flag")
        };
        let mut search_row = row![
            text_input(&fl!("ui-search-placeholder"), &self.search)
                .id(search_id())
                .on_input(Message::SearchInput)
                .padding(6)
                .size(14)
                .width(Length::Fixed(220.0)),
            checkbox(self.search_everywhere)
                .label(fl!("ui-search-everywhere"))
                .text_size(13)
                .on_toggle(Message::SearchEverywhere),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if self.searching() {
            search_row = search_row.push(tool(fl!("ui-search-clear"), Message::ClearSearch, true));
        }
        // Reply, Reply all and Forward are in the reader, which shows the
        // selected message (and on Ctrl+R, Ctrl+Shift+R, Ctrl+L).
        // The actions wrap onto a second line in a narrow window; search
        // and Settings stay on the right.
        let actions = row![
            button(text(fl!("ui-check-mail")).size(14))
                .padding([5, 10])
                .on_press_maybe((!self.accounts.is_empty()).then_some(Message::CheckNow)),
            tool(
                fl!("compose-ui-new"),
                Message::NewMessage,
                !self.accounts.is_empty()
            ),
            tool(read_label, Message::ToggleRead, has_targets),
            tool(flag_label, Message::ToggleFlag, has_targets),
            tool(fl!("ui-delete"), Message::Delete, has_targets),
            pick_list(self.move_choices(), None::<FolderChoice>, Message::MoveTo)
                .placeholder(fl!("ui-move-to"))
                .text_size(14)
                .padding([5, 10]),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .wrap()
        .vertical_spacing(6);
        let toolbar = row![
            container(actions).width(Length::Fill),
            search_row,
            tool(fl!("ui-settings"), Message::OpenSettings, true),
        ]
        .spacing(8)
        .padding([8, 10])
        .align_y(Alignment::Center);

        let list_header: Element<'_, Message> = if self.searching() {
            container(
                text(fl!("ui-search-results", count = self.list.total()))
                    .size(13)
                    .font(font::BOLD),
            )
            .padding([4, 10])
            .into()
        } else if matches!(self.list.source(), Source::Folder(_)) && self.list.total() == 0 {
            container(text(fl!("ui-folder-empty")).size(13))
                .padding([4, 10])
                .into()
        } else {
            space().height(0).into()
        };

        let panes = row![
            container(self.tree.view().map(Message::Tree))
                .width(Length::Fixed(230.0))
                .height(Length::Fill),
            rule::vertical(1),
            column![list_header, self.list.view().map(Message::List)]
                .width(Length::FillPortion(6))
                .height(Length::Fill),
            rule::vertical(1),
            container(self.reader.view().map(Message::Reader))
                .width(Length::FillPortion(5))
                .height(Length::Fill),
        ]
        .height(Length::Fill);

        column![
            toolbar,
            rule::horizontal(1),
            self.banners(),
            panes,
            rule::horizontal(1),
            self.status_line()
        ]
        .into()
    }

    fn account_label(&self, id: &str) -> String {
        self.accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| {
                if a.email.is_empty() {
                    a.name.clone()
                } else {
                    a.email.clone()
                }
            })
            .unwrap_or_else(|| id.to_owned())
    }

    fn banners(&self) -> Element<'_, Message> {
        let mut col = column![].spacing(4);
        let banner = |content: Element<'static, Message>, danger: bool| {
            container(content)
                .padding([6, 10])
                .width(Length::Fill)
                .style(move |theme: &Theme| {
                    let p = theme.extended_palette();
                    let pair = if danger {
                        p.danger.weak
                    } else {
                        p.secondary.weak
                    };
                    container::Style {
                        background: Some(pair.color.into()),
                        text_color: Some(pair.text),
                        ..container::Style::default()
                    }
                })
        };
        for (account, state) in &self.states {
            let who = self.account_label(account);
            if let Some(cert) = cert::untrusted(state) {
                col = col.push(banner(cert::banner(account, who, cert), true));
                continue;
            }
            let line: Option<(Element<'static, Message>, bool)> = match state {
                AccountState::Online => None,
                AccountState::Offline(_) => Some((
                    row![
                        text(fl!("ui-offline", account = who)).size(14),
                        space::horizontal(),
                        button(text(fl!("ui-retry")).size(13))
                            .padding([3, 10])
                            .on_press(Message::Retry(account.clone())),
                    ]
                    .align_y(Alignment::Center)
                    .into(),
                    false,
                )),
                AccountState::AuthenticationFailed => Some((
                    text(fl!("ui-auth-failed", account = who)).size(14).into(),
                    true,
                )),
                AccountState::Error(e) => Some((
                    row![
                        text(fl!(
                            "ui-account-error",
                            account = who,
                            reason = e.user_message()
                        ))
                        .size(14)
                        .width(Length::Fill),
                        button(text(fl!("ui-retry")).size(13))
                            .padding([3, 10])
                            .on_press(Message::Retry(account.clone())),
                    ]
                    .align_y(Alignment::Center)
                    .into(),
                    true,
                )),
            };
            if let Some((content, danger)) = line {
                col = col.push(banner(content, danger));
            }
        }
        for (account, reason) in &self.start_errors {
            let who = self.account_label(account);
            col = col.push(banner(
                text(fl!(
                    "ui-account-error",
                    account = who,
                    reason = reason.clone()
                ))
                .size(14)
                .into(),
                true,
            ));
        }
        if let Some(reason) = &self.store_error {
            col = col.push(banner(text(reason.clone()).size(14).into(), true));
        }
        col.into()
    }

    fn status_line(&self) -> Element<'_, Message> {
        let mut line = row![]
            .spacing(10)
            .padding([4, 10])
            .align_y(Alignment::Center);
        if let Some((account, (folder, done, total))) = self.progress.iter().next() {
            let name = self
                .tree
                .folder(*folder)
                .map(folder_tree::display_name)
                .unwrap_or_default();
            line = line
                .push(
                    text(fl!(
                        "ui-progress",
                        account = self.account_label(account),
                        folder = name,
                        done = group_digits(*done),
                        total = group_digits(*total)
                    ))
                    .size(13),
                )
                .push(
                    progress_bar(0.0..=(*total).max(1) as f32, *done as f32)
                        .length(Length::Fixed(220.0))
                        .girth(8),
                );
        } else if let Some(folder) = self.list.folder().and_then(|f| self.tree.folder(f)) {
            line = line.push(
                text(fl!(
                    "ui-folder-counts",
                    count = folder.total,
                    unreadcount = folder.unread,
                    total = group_digits(folder.total as usize),
                    unread = group_digits(folder.unread as usize)
                ))
                .size(13),
            );
        }
        if let Some(note) = &self.notice {
            line = line
                .push(space::horizontal())
                .push(text(note.clone()).size(13));
        }
        container(line).width(Length::Fill).into()
    }
}

/// 12400 → "12,400" (the separator is translated).
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let sep = fl!("ui-digit-group-separator");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&sep);
        }
        out.push(c);
    }
    out
}

/// Keys for the mailbox, from the keyboard subscription.
pub fn key_message(event: keyboard::Event) -> Option<Message> {
    match event {
        keyboard::Event::KeyPressed { key, modifiers, .. } => Some(Message::Key(key, modifiers)),
        keyboard::Event::ModifiersChanged(m) => Some(Message::Modifiers(m)),
        _ => None,
    }
}
