//! The compose window's place in the app: opening it (replies, forwards
//! and stored drafts read their original off the UI thread; one whose body
//! is not downloaded yet is asked of the engine first), running its effects, sending
//! its commands to the engines, and closing it. A closed window whose
//! saved draft is still on its way waits in the background for the
//! engine's answer, so that copy can be replaced or removed.

use iced::Task;

use super::{App, Message, Screen};
use crate::fl;
use crate::mail::compose::Draft;
use crate::store::MsgId;
use crate::sync::{AccountState, Command, Event};
use crate::ui::screen::compose::{self, Compose, PrepareError, Start};
use crate::ui::screen::mailbox;

/// A compose window waiting for the body of the message it starts from
/// (IMAP "only when opened", a POP message kept partly).
#[derive(Debug)]
pub(super) struct Fetching {
    start: Start,
    account: String,
    /// The draft is being built again after a folder change.
    retrying: bool,
    /// More changed while it was: build it once more.
    again: bool,
}

impl App {
    /// The compose window, while it shows.
    pub fn compose(&self) -> Option<&Compose> {
        self.compose.as_deref()
    }

    /// Open the compose window as `start` asks. A request still waiting
    /// for a message's body gives way to it.
    pub(super) fn start_compose(&mut self, start: Start) -> Task<Message> {
        self.fetching = None;
        self.prepare_compose(start)
    }

    /// The reply, forward or draft waiting for its message's body.
    pub fn compose_fetching(&self) -> Option<&Start> {
        self.fetching.as_ref().map(|f| &f.start)
    }

    /// Build the draft for `start` off the UI thread; the answer comes as
    /// [`Message::ComposeReady`].
    fn prepare_compose(&mut self, start: Start) -> Task<Message> {
        let Ok(config) = &self.config else {
            return Task::none();
        };
        let Some(account) = start
            .account()
            .and_then(|id| config.account(id).cloned())
            .or_else(|| config.accounts.first().cloned())
        else {
            return Task::none();
        };
        if let Start::New { .. } = start {
            return self.open_compose(crate::mail::compose::new_message(&account));
        }
        let db = self.db.clone();
        let asked = start.clone();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || compose::prepare(&db, &asked, &account))
                    .await
                    .unwrap_or_else(|e| Err(PrepareError::Failed(e.to_string())))
            },
            move |result| Message::ComposeReady(start.clone(), result.map(Box::new)),
        )
    }

    /// The draft for a reply, forward or stored draft is ready, or the
    /// reason it is not. A message whose body is not stored yet is asked
    /// of the engine; the window opens once it has arrived.
    pub(super) fn compose_ready(
        &mut self,
        start: Start,
        result: Result<Box<Draft>, PrepareError>,
    ) -> Task<Message> {
        let waited = self.fetching.as_ref().is_some_and(|f| f.start == start);
        match result {
            Ok(draft) => {
                if waited {
                    self.fetching = None;
                    self.mailbox_notice(String::new());
                }
                self.open_compose(*draft)
            }
            Err(PrepareError::NotDownloaded(_)) if waited => {
                // A change in the folder, not yet the body: wait on, and
                // look again if more changed meanwhile.
                let again = self.fetching.as_mut().is_some_and(|f| {
                    f.retrying = false;
                    std::mem::take(&mut f.again)
                });
                if again {
                    self.retry_fetched()
                } else {
                    Task::none()
                }
            }
            Err(PrepareError::NotDownloaded(id)) => self.fetch_body(start, id),
            Err(PrepareError::Failed(reason)) => {
                if waited {
                    self.fetching = None;
                }
                self.mailbox_notice(reason);
                Task::none()
            }
        }
    }

    /// Ask the engine for message `id`'s body, unless the account is
    /// known to be offline.
    fn fetch_body(&mut self, start: Start, id: MsgId) -> Task<Message> {
        let Some(account) = start.account().map(str::to_owned) else {
            return Task::none();
        };
        let offline = match &self.screen {
            Screen::Mailbox(m) => {
                matches!(m.account_state(&account), Some(AccountState::Offline(_)))
            }
            Screen::Welcome => false,
        };
        if offline {
            self.fetching = None;
            let note = fl!(
                "compose-ui-fetch-offline",
                account = self.account_label(&account)
            );
            self.mailbox_notice(note);
            return Task::none();
        }
        self.send_command(account.clone(), Command::OpenMessage(id));
        self.fetching = Some(Fetching {
            start,
            account,
            retrying: false,
            again: false,
        });
        self.mailbox_notice(fl!("compose-ui-fetching"));
        Task::none()
    }

    /// Build the waiting draft again (the folder changed).
    fn retry_fetched(&mut self) -> Task<Message> {
        let Some(f) = &mut self.fetching else {
            return Task::none();
        };
        if f.retrying {
            f.again = true;
            return Task::none();
        }
        f.retrying = true;
        let start = f.start.clone();
        self.prepare_compose(start)
    }

    /// An engine event: the mailbox re-reads what it shows; a reply
    /// waiting for its message's body looks again, or gives up when the
    /// account went offline or failed.
    pub(super) fn engine_event(&mut self, event: Event) -> Task<Message> {
        let waiting = self.fetching.as_ref().map(|f| f.account.clone());
        let mut retry = false;
        let mut gave_up = None;
        if let Some(waiting) = &waiting {
            match &event {
                Event::FolderChanged { account, .. } if account == waiting => retry = true,
                Event::State { account, state } if account == waiting => {
                    let who = self.account_label(account);
                    gave_up = match state {
                        AccountState::Online => None,
                        AccountState::Offline(_) => {
                            Some(fl!("compose-ui-fetch-offline", account = who))
                        }
                        AccountState::AuthenticationFailed => Some(fl!(
                            "compose-ui-fetch-failed",
                            reason = fl!("ui-auth-failed", account = who)
                        )),
                        AccountState::Error(e) => {
                            Some(fl!("compose-ui-fetch-failed", reason = e.user_message()))
                        }
                    };
                }
                _ => {}
            }
        }
        let effects = match &mut self.screen {
            Screen::Mailbox(m) => m.update(mailbox::Message::Engine(event)),
            Screen::Welcome => Vec::new(),
        };
        let shown = self.perform(effects);
        if let Some(note) = gave_up {
            self.fetching = None;
            self.mailbox_notice(note);
        }
        let next = if retry {
            self.retry_fetched()
        } else {
            Task::none()
        };
        Task::batch([shown, next])
    }

    fn account_label(&self, id: &str) -> String {
        match &self.config {
            Ok(c) => c
                .account(id)
                .map(|a| {
                    if a.email.is_empty() {
                        a.name.clone()
                    } else {
                        a.email.clone()
                    }
                })
                .unwrap_or_else(|| id.to_owned()),
            Err(_) => id.to_owned(),
        }
    }

    fn open_compose(&mut self, draft: Draft) -> Task<Message> {
        let accounts = self
            .config
            .as_ref()
            .map(|c| c.accounts.clone())
            .unwrap_or_default();
        let (window, effects) = Compose::new(accounts, draft);
        if let Some(old) = self.compose.take()
            && old.saving()
        {
            self.parked.push(*old);
        }
        self.compose = Some(Box::new(window));
        self.perform_compose(effects)
    }

    pub(super) fn update_compose(&mut self, message: compose::Message) -> Task<Message> {
        let Some(window) = &mut self.compose else {
            return Task::none();
        };
        let effects = window.update(message);
        self.perform_compose(effects)
    }

    /// The engine stored a draft: tell the window it belongs to, open or
    /// closed.
    pub(super) fn draft_saved(
        &mut self,
        account: &str,
        draft: MsgId,
        replaces: Option<MsgId>,
    ) -> Task<Message> {
        let news = || compose::Message::DraftSaved { draft, replaces };
        let mut parked = std::mem::take(&mut self.parked);
        for window in &mut parked {
            if window.draft().account == account {
                let effects = window.update(news());
                self.engine_effects(effects);
            }
        }
        parked.retain(|w| w.saving());
        self.parked = parked;
        match &self.compose {
            Some(w) if w.draft().account == account => self.update_compose(news()),
            _ => Task::none(),
        }
    }

    fn perform_compose(&mut self, effects: Vec<compose::Effect>) -> Task<Message> {
        let mut tasks = Vec::new();
        for effect in effects {
            match effect {
                compose::Effect::Engine { account, command } => {
                    let sending = matches!(command, Command::Send(_));
                    self.send_command(account, command);
                    if sending {
                        self.mailbox_notice(fl!("compose-ui-queued"));
                    }
                }
                compose::Effect::Close => {
                    if let Some(window) = self.compose.take()
                        && window.saving()
                    {
                        self.parked.push(*window);
                    }
                }
                other => tasks.push(compose::task(other, &self.db).map(Message::Compose)),
            }
        }
        Task::batch(tasks)
    }

    /// Only the engine commands of a closed window count.
    fn engine_effects(&mut self, effects: Vec<compose::Effect>) {
        for effect in effects {
            if let compose::Effect::Engine { account, command } = effect {
                self.send_command(account, command);
            }
        }
    }

    /// Hand a command to an account's engine. The engines restart when the
    /// settings they run on change; commands wait until the new ones are
    /// ready.
    pub(super) fn send_command(&mut self, account: String, command: Command) {
        let sent = self
            .engines
            .as_ref()
            .is_some_and(|e| e.send(account.clone(), command.clone()));
        if !sent {
            self.engines = None;
            self.queued.push((account, command));
        }
    }

    fn mailbox_notice(&mut self, note: String) {
        if let Screen::Mailbox(m) = &mut self.screen {
            let _ = m.update(mailbox::Message::Notice(note));
        }
    }
}
