//! The application: state, messages, update and view. Screens come in their
//! own modules (DESIGN.md rule 6); this routes between them and turns their
//! effects into tasks: store reads off the UI thread, engine commands.

use iced::widget::operation::{self, AbsoluteOffset};
use iced::widget::{column, container, text};
use iced::{Element, Length, Subscription, Task, keyboard};

use super::bridge;
use super::data::{Db, Loaded};
use super::screen::mailbox::{self, Effect, Mailbox};
use super::screen::settings::{self, SettingsScreen};
use super::screen::wizard::{self, Wizard};
use super::widget::message_list;
use crate::config::Config;
use crate::fl;
use crate::profile::Profile;
use crate::sync::Command;

mod compose_window;

/// What the program knew when it started.
pub struct Startup {
    /// The loaded configuration, or the translated reason it could not be read.
    pub config: Result<Config, String>,
    /// Where the store and settings are; `None` shows no mail (tests).
    pub profile: Option<Profile>,
    /// The demo mailbox (`brev --demo`): no engine runs, nothing connects.
    pub demo: bool,
}

enum Screen {
    /// No accounts (the wizard shows), or settings that could not be read.
    Welcome,
    Mailbox(Box<Mailbox>),
}

pub struct App {
    config: Result<Config, String>,
    profile: Option<Profile>,
    /// No engines: see [`Startup::demo`].
    demo: bool,
    screen: Screen,
    db: Db,
    engines: Option<bridge::Sender>,
    /// Commands given before the engines were ready.
    queued: Vec<(String, Command)>,
    /// Shown over the mailbox while open.
    settings: Option<SettingsScreen>,
    /// Why the settings could not be saved (translated).
    settings_error: Option<String>,
    /// Bumped to restart the engines (see [`bridge::Seed::generation`]).
    engine_generation: u64,
    /// The compose window, shown over everything while open.
    compose: Option<Box<super::screen::compose::Compose>>,
    /// Closed compose windows whose saved draft is still on its way.
    parked: Vec<super::screen::compose::Compose>,
    /// A reply, forward or draft waiting for the engine to fetch its body.
    fetching: Option<compose_window::Fetching>,
    /// The setup wizard: on first start, and for "Add an account".
    wizard: Option<Box<Wizard>>,
    /// The wizard's running job (lookup, test, saving), to abort it.
    job: Option<iced::task::Handle>,
    /// How the wizard looks up settings (tests point it at their servers).
    lookup: crate::setup::Lookup,
}

#[derive(Debug, Clone)]
pub enum Message {
    Mailbox(mailbox::Message),
    Bridge(bridge::Event),
    Keyboard(keyboard::Event),
    Settings(settings::Message),
    Compose(super::screen::compose::Message),
    /// The draft for a reply or forward, or why it could not be made.
    ComposeReady(
        super::screen::compose::Start,
        Result<Box<crate::mail::compose::Draft>, super::screen::compose::PrepareError>,
    ),
    Wizard(wizard::Message),
    /// A new password was saved (or why not): engines restart with it.
    PasswordSaved {
        account: String,
        result: Result<(), String>,
    },
}

impl App {
    pub fn new(startup: Startup) -> (App, Task<Message>) {
        let db = match &startup.profile {
            Some(p) => Db::at(p.store_file()),
            None => Db::none(),
        };
        App::with_db(startup, db)
    }

    /// An app reading the given store (tests open their own).
    pub fn with_db(startup: Startup, db: Db) -> (App, Task<Message>) {
        let mut app = App {
            config: startup.config,
            profile: startup.profile,
            demo: startup.demo,
            screen: Screen::Welcome,
            db,
            engines: None,
            queued: Vec::new(),
            settings: None,
            settings_error: None,
            engine_generation: 0,
            compose: None,
            parked: Vec::new(),
            fetching: None,
            wizard: None,
            job: None,
            lookup: crate::setup::Lookup::system(),
        };
        let mut effects = Vec::new();
        if let Ok(config) = &app.config
            && !config.accounts.is_empty()
        {
            let (mailbox, first) = Mailbox::new(config.accounts.clone(), config.settings.clone());
            app.screen = Screen::Mailbox(Box::new(mailbox));
            effects = first;
        }
        app.open_wizard_if_empty();
        let mut task = app.perform(effects);
        if app.wizard.is_some() {
            task = Task::batch([task, operation::focus(wizard::first_field())]);
        }
        (app, task)
    }

    /// Look up settings with `lookup` from now on (tests: their servers).
    pub fn set_lookup(&mut self, lookup: crate::setup::Lookup) {
        if let Some(w) = &mut self.wizard {
            w.set_lookup(lookup.clone());
        }
        self.lookup = lookup;
    }

    /// The setup wizard, while it shows.
    pub fn wizard(&self) -> Option<&Wizard> {
        self.wizard.as_deref()
    }

    /// With readable settings and no account, the wizard shows.
    fn open_wizard_if_empty(&mut self) {
        if let Ok(config) = &self.config
            && config.accounts.is_empty()
            && !self.demo
        {
            self.open_wizard(true);
        }
    }

    fn open_wizard(&mut self, first_run: bool) {
        let config = self.config.clone().unwrap_or_default();
        self.wizard = Some(Box::new(Wizard::new(
            first_run,
            self.profile.clone(),
            config,
            self.lookup.clone(),
        )));
    }

    /// A message for the wizard, its answer applied. Returns the job to run
    /// next, if any: [`App::update`] runs it as an abortable task; tests
    /// await [`wizard::Job::run`] and give the result back here.
    pub fn update_wizard(
        &mut self,
        message: wizard::Message,
    ) -> (Option<wizard::Job>, Task<Message>) {
        let Some(w) = &mut self.wizard else {
            return (None, Task::none());
        };
        let action = w.update(message);
        // A new job replaces the running one; every other answer ends it.
        if !matches!(action, wizard::Action::None) {
            self.stop_job();
        }
        match action {
            wizard::Action::None | wizard::Action::Stop => (None, Task::none()),
            wizard::Action::Run(job) => (Some(job), Task::none()),
            wizard::Action::Close => {
                self.wizard = None;
                (None, Task::none())
            }
            wizard::Action::Saved { config, account } => {
                tracing::info!("account {account} added");
                // Saved already (config and password): show the mailbox
                // with it; the bridge starts its engine (it is keyed by
                // the accounts).
                self.wizard = None;
                self.settings = None;
                self.config = Ok(config);
                let mut effects = self.rebuild();
                if let Screen::Mailbox(mailbox) = &mut self.screen {
                    effects.extend(mailbox.show_inbox_of(&account));
                }
                (None, self.perform(effects))
            }
        }
    }

    fn run_job(&mut self, job: Option<wizard::Job>) -> Task<Message> {
        let Some(job) = job else {
            return Task::none();
        };
        let (task, handle) = Task::perform(job.run(), Message::Wizard).abortable();
        self.job = Some(handle);
        task
    }

    fn stop_job(&mut self) {
        if let Some(job) = self.job.take() {
            job.abort();
        }
    }

    /// Keep a new password in the keyring (or the password file), off the
    /// UI thread; the settings screen shows how it went.
    fn set_password(&self, account: String, password: String) -> Task<Message> {
        let (Some(profile), Ok(config)) = (self.profile.clone(), &self.config) else {
            return Task::none();
        };
        let storage = config.settings.password_storage;
        let id = account.clone();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    crate::secrets::Secrets::new(&profile, storage)
                        .set(&id, &password)
                        .map_err(|e| e.user_message())
                })
                .await
                .unwrap_or_else(|e| Err(e.to_string()))
            },
            move |result| Message::PasswordSaved {
                account: account.clone(),
                result,
            },
        )
    }

    /// Export an account's mail into a new folder under Documents, off the
    /// UI thread; the settings screen shows the result.
    fn export(&self, account: String) -> Task<Message> {
        let store = self.profile.as_ref().map(Profile::store_file);
        let email = match &self.config {
            Ok(c) => c.account(&account).map(|a| a.email.clone()),
            Err(_) => None,
        }
        .unwrap_or_else(|| account.clone());
        let id = account.clone();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    let store = store.ok_or_else(|| fl!("export-no-store"))?;
                    let reader =
                        crate::store::Store::open_reader(&store).map_err(|e| e.user_message())?;
                    let dir = crate::export::new_export_dir(&email, crate::store::now());
                    crate::export::export_account(&reader, &id, &dir)
                        .map(|s| s.user_message())
                        .map_err(|e| e.user_message())
                })
                .await
                .unwrap_or_else(|e| Err(e.to_string()))
            },
            move |result| {
                Message::Settings(settings::Message::Exported {
                    account: account.clone(),
                    result,
                })
            },
        )
    }

    pub fn title(&self) -> String {
        fl!("app-title")
    }

    pub fn mailbox(&self) -> Option<&Mailbox> {
        match &self.screen {
            Screen::Mailbox(m) => Some(m),
            Screen::Welcome => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let effects = match (message, &mut self.screen) {
            (Message::PasswordSaved { account, result }, _) => {
                if result.is_ok() {
                    // The engines read passwords when they start.
                    self.engine_generation += 1;
                    self.engines = None;
                }
                return self.update(Message::Settings(settings::Message::PasswordSaved {
                    account,
                    result,
                }));
            }
            (Message::Wizard(m), _) => {
                let (job, task) = self.update_wizard(m);
                let run = self.run_job(job);
                return Task::batch([task, run]);
            }
            (Message::Keyboard(e), _) if self.wizard.is_some() => {
                use keyboard::key::Named;
                if let keyboard::Event::KeyPressed {
                    key: keyboard::Key::Named(key),
                    modifiers,
                    ..
                } = e
                {
                    match key {
                        Named::Escape => {
                            return self.update(Message::Wizard(wizard::Message::Cancel));
                        }
                        // From field to field.
                        Named::Tab if modifiers.shift() => return operation::focus_previous(),
                        Named::Tab => return operation::focus_next(),
                        _ => {}
                    }
                }
                Vec::new()
            }
            (Message::Settings(m), _) => {
                let Some(screen) = &mut self.settings else {
                    return Task::none();
                };
                match screen.update(m) {
                    settings::Action::None => Vec::new(),
                    settings::Action::Close => {
                        self.close_settings();
                        Vec::new()
                    }
                    settings::Action::Changed(new) => {
                        self.apply_config(new);
                        Vec::new()
                    }
                    settings::Action::Removed { config, account } => {
                        let forget = self.forget_password(&config, account);
                        self.apply_config(config);
                        let effects = self.rebuild();
                        return Task::batch([forget, self.perform(effects)]);
                    }
                    settings::Action::Export { account } => return self.export(account),
                    settings::Action::SetPassword { account, password } => {
                        return self.set_password(account, password);
                    }
                    settings::Action::AddAccount => {
                        self.close_settings();
                        self.open_wizard(false);
                        return operation::focus(wizard::first_field());
                    }
                }
            }
            (Message::Keyboard(_), _) if self.settings.is_some() => Vec::new(),
            (Message::Compose(m), _) => return self.update_compose(m),
            (Message::ComposeReady(start, result), _) => return self.compose_ready(start, result),
            // Its own key subscription serves the compose window.
            (Message::Keyboard(_), _) if self.compose.is_some() => Vec::new(),
            (
                Message::Bridge(bridge::Event::Engine(crate::sync::Event::DraftSaved {
                    account,
                    draft,
                    replaces,
                })),
                _,
            ) => return self.draft_saved(&account, draft, replaces),
            (Message::Mailbox(m), Screen::Mailbox(mailbox)) => mailbox.update(m),
            (Message::Keyboard(e), Screen::Mailbox(mailbox)) => match mailbox::key_message(e) {
                Some(m) => mailbox.update(m),
                None => Vec::new(),
            },
            (Message::Bridge(bridge::Event::Ready(sender)), _) => {
                for (account, command) in self.queued.drain(..) {
                    sender.send(account, command);
                }
                self.engines = Some(sender);
                Vec::new()
            }
            (Message::Bridge(bridge::Event::Engine(e)), Screen::Mailbox(_)) => {
                return self.engine_event(e);
            }
            (Message::Bridge(bridge::Event::Failed { account, reason }), Screen::Mailbox(m)) => {
                m.update(mailbox::Message::EngineFailed { account, reason })
            }
            _ => Vec::new(),
        };
        self.perform(effects)
    }

    /// Apply a changed configuration at once and save it. The engines
    /// restart by themselves when what they run on changed (the bridge's
    /// subscription is keyed by it).
    fn apply_config(&mut self, new: Config) {
        if let Some(lang) = &new.settings.language {
            crate::i18n::set_language(lang);
        }
        if let Screen::Mailbox(mailbox) = &mut self.screen {
            mailbox.set_settings(new.settings.clone());
        }
        if let Some(profile) = &self.profile {
            self.settings_error = new
                .save(&profile.config_file())
                .err()
                .map(|e| e.user_message());
        }
        self.config = Ok(new);
    }

    /// Leave the settings, saving what was typed there but not yet saved.
    fn close_settings(&mut self) {
        if let Some(config) = self.settings.take().and_then(|s| s.unsaved()) {
            self.apply_config(config);
        }
    }

    /// Pin the certificate the user chose to trust for an account, save,
    /// and so restart its engine (the bridge is keyed by the accounts).
    fn trust_certificate(&mut self, account: &str, fingerprint: String) {
        let Ok(config) = &self.config else { return };
        let mut new = config.clone();
        let Some(a) = new.accounts.iter_mut().find(|a| a.id == account) else {
            return;
        };
        a.trusted_cert = Some(fingerprint);
        self.apply_config(new);
    }

    /// Remove a removed account's password from the keyring (or the
    /// password file), off the UI thread: a keyring service that is slow to
    /// start must not freeze the window.
    fn forget_password(&self, config: &Config, account: String) -> Task<Message> {
        let Some(profile) = self.profile.clone() else {
            return Task::none();
        };
        let storage = config.settings.password_storage;
        Task::future(async move {
            let id = account.clone();
            let result = tokio::task::spawn_blocking(move || {
                crate::secrets::Secrets::new(&profile, storage)
                    .delete(&id)
                    .map_err(|e| e.user_message())
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
            if let Err(e) = result {
                tracing::warn!("forgetting the password of {account}: {e}");
            }
        })
        .discard()
    }

    /// Show the mailbox anew for the accounts there are now (or the welcome).
    fn rebuild(&mut self) -> Vec<Effect> {
        self.engines = None;
        self.queued.clear();
        match &self.config {
            Ok(config) if !config.accounts.is_empty() => {
                let (mailbox, effects) =
                    Mailbox::new(config.accounts.clone(), config.settings.clone());
                self.screen = Screen::Mailbox(Box::new(mailbox));
                effects
            }
            _ => {
                self.screen = Screen::Welcome;
                self.settings = None;
                self.open_wizard_if_empty();
                Vec::new()
            }
        }
    }

    /// Turn a screen's effects into tasks.
    fn perform(&mut self, effects: Vec<Effect>) -> Task<Message> {
        let mut tasks = Vec::new();
        for effect in effects {
            match effect {
                Effect::Query(query) => {
                    let db = self.db.clone();
                    tasks.push(Task::perform(
                        async move {
                            tokio::task::spawn_blocking(move || db.run(query))
                                .await
                                .unwrap_or_else(|e| Loaded::Failed(e.to_string()))
                        },
                        |loaded| Message::Mailbox(mailbox::Message::Loaded(loaded)),
                    ));
                }
                Effect::Send { account, command } => self.send_command(account, command),
                Effect::Compose(start) => tasks.push(self.start_compose(start)),
                Effect::OpenLink(link) => super::reader::open_link(&link),
                Effect::TrustCertificate {
                    account,
                    fingerprint,
                } => self.trust_certificate(&account, fingerprint),
                Effect::OpenSettings => {
                    if let Ok(config) = &self.config {
                        self.settings = Some(SettingsScreen::new(config.clone()));
                    }
                }
                Effect::Notify(body) => notify(&fl!("app-title"), &body),
                Effect::SaveAttachment {
                    id,
                    part,
                    name,
                    open,
                } => {
                    let db = self.db.clone();
                    tasks.push(Task::perform(
                        async move {
                            tokio::task::spawn_blocking(move || {
                                let dir = if open {
                                    std::env::temp_dir()
                                        .join(format!("brev-{}", std::process::id()))
                                } else {
                                    downloads_dir()
                                };
                                let path = db.save_attachment(id, part, &name, &dir)?;
                                if open {
                                    super::reader::open_with_desktop(path.as_os_str());
                                }
                                Ok(path.display().to_string())
                            })
                            .await
                            .unwrap_or_else(|e| Err(e.to_string()))
                        },
                        |r| Message::Mailbox(mailbox::Message::AttachmentDone(r)),
                    ));
                }
                Effect::ScrollList(y) => tasks.push(operation::scroll_to(
                    message_list::scrollable_id(),
                    AbsoluteOffset { x: 0.0, y },
                )),
                Effect::FocusSearch => tasks.push(operation::focus(mailbox::search_id())),
                Effect::MarkReadLater { id, seconds } => tasks.push(Task::perform(
                    tokio::time::sleep(std::time::Duration::from_secs(u64::from(seconds))),
                    move |_| Message::Mailbox(mailbox::Message::MarkReadDue(id)),
                )),
            }
        }
        Task::batch(tasks)
    }

    /// Whether the sync engines run: always, except without a profile or
    /// settings. For the demo mailbox they run local-only: actions stick,
    /// nothing connects (there is no server).
    pub fn runs_engines(&self) -> bool {
        self.profile.is_some() && self.config.is_ok()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let wizard = match &self.wizard {
            Some(w) => Subscription::batch([
                // Esc closes the wizard.
                keyboard::listen().map(Message::Keyboard),
                if w.step() == wizard::Step::Looking {
                    iced::time::every(std::time::Duration::from_millis(100))
                        .map(|_| Message::Wizard(wizard::Message::Tick))
                } else {
                    Subscription::none()
                },
            ]),
            None => Subscription::none(),
        };
        let Screen::Mailbox(_) = self.screen else {
            return wizard;
        };
        let mut subs = vec![
            if self.compose.is_some() {
                super::screen::compose::keys().map(Message::Compose)
            } else {
                keyboard::listen().map(Message::Keyboard)
            },
            iced::event::listen_with(|event, _status, _window| match event {
                iced::Event::Mouse(iced::mouse::Event::ButtonReleased(
                    iced::mouse::Button::Left,
                )) => Some(Message::Mailbox(mailbox::Message::DragEnd)),
                _ => None,
            }),
        ];
        if let (Some(profile), Ok(config), true) =
            (&self.profile, &self.config, self.runs_engines())
        {
            subs.push(
                bridge::engines(bridge::Seed {
                    profile: profile.clone(),
                    config: config.clone(),
                    local_only: self.demo,
                    generation: self.engine_generation,
                })
                .map(Message::Bridge),
            );
        }
        subs.push(wizard);
        Subscription::batch(subs)
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(window) = &self.compose {
            return window.view().map(Message::Compose);
        }
        if let Some(wizard) = &self.wizard {
            return wizard.view().map(Message::Wizard);
        }
        if let Some(screen) = &self.settings {
            let view = screen.view().map(Message::Settings);
            return match &self.settings_error {
                Some(e) => column![view, container(text(e.clone())).padding(16)].into(),
                None => view,
            };
        }
        if let Screen::Mailbox(mailbox) = &self.screen {
            return mailbox.view().map(Message::Mailbox);
        }
        let body = match &self.config {
            Err(reason) => column![
                text(fl!("app-config-broken-title"))
                    .size(22)
                    .font(super::font::BOLD),
                text(reason.clone()),
            ],
            Ok(config) if config.accounts.is_empty() => column![
                text(fl!("app-welcome")).size(28).font(super::font::BOLD),
                text(fl!("app-no-accounts")),
            ],
            Ok(config) => column![
                text(fl!("app-welcome")).size(28).font(super::font::BOLD),
                text(fl!("app-accounts", count = config.accounts.len())),
            ],
        };
        container(body.spacing(12).max_width(640))
            .padding(32)
            .center_x(Length::Fill)
            .center_y(Length::Fill)
            .into()
    }
}

/// A freedesktop notification through `notify-send` where it exists (no
/// D-Bus crate is a dependency); silently nothing elsewhere.
fn notify(summary: &str, body: &str) {
    match std::process::Command::new("notify-send")
        .args(["--app-name=Brev", summary, body])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => tracing::debug!("no desktop notification: {e}"),
    }
}

/// Where "Save" puts attachments: the user's Downloads folder, else home.
fn downloads_dir() -> std::path::PathBuf {
    directories::UserDirs::new()
        .map(|u| {
            u.download_dir()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_else(|| u.home_dir().to_path_buf())
        })
        .unwrap_or_else(std::env::temp_dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced_test::simulator;

    #[test]
    fn the_wizard_shows_when_there_are_no_accounts() {
        crate::i18n::set_language("en");
        let (app, _) = App::new(Startup {
            config: Ok(Config::default()),
            profile: None,
            demo: false,
        });
        assert!(app.wizard().is_some_and(|w| w.first_run()));
        let mut ui = simulator(app.view());
        assert!(ui.find(fl!("app-welcome")).is_ok());
        assert!(ui.find(fl!("wizard-email")).is_ok());
        // Nothing to go back to: no Cancel.
        assert!(ui.find(fl!("wizard-cancel")).is_err());
    }

    #[test]
    fn the_demo_shows_its_mailbox() {
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::at(dir.path()).unwrap();
        let config = crate::demo::fill(&profile, None).unwrap();
        let startup = |demo| Startup {
            config: Ok(config.clone()),
            profile: Some(profile.clone()),
            demo,
        };
        let (app, _) = App::new(startup(true));
        assert!(app.mailbox().is_some());
        // Its engine runs local-only (tests/engine.rs: demo_actions_stick...).
        assert!(app.runs_engines());
    }

    #[test]
    fn a_broken_config_is_explained() {
        let (app, _) = App::new(Startup {
            config: Err("config.toml, line 3: invalid type".into()),
            profile: None,
            demo: false,
        });
        let mut ui = simulator(app.view());
        assert!(ui.find("config.toml, line 3: invalid type").is_ok());
    }
}
