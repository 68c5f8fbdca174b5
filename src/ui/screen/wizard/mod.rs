//! The setup wizard: name, address and password → Brev looks up the
//! settings → POP or IMAP, explained and recommended → (POP: the
//! keep-a-copy choices) → the connection test → saved. Manual settings are
//! one click away at every step after the address.
//!
//! Like every screen it has its own messages and answers its parent with an
//! [`Action`]. The slow parts (lookup, test, saving) are [`Job`]s: the app
//! runs them as tasks (aborting the one running when the user goes back),
//! tests simply await them.

mod form;
mod view;

pub use form::{Field, SecurityChoice, Server, ServerForm};

use crate::config::{Account, Config, MailProtocol, PopOptions};
use crate::profile::Profile;
use crate::setup::advice::{self, Devices};
use crate::setup::{CheckReport, Discovered, Lookup};
use crate::ui::screen::settings::Days;

/// The name field, focused when the wizard opens.
pub fn first_field() -> iced::widget::Id {
    iced::widget::Id::new("wizard-name")
}

/// The answer to "Is the space on your server small?".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Space {
    Small,
    Enough,
    DontKnow,
}

impl Space {
    fn small(self) -> Option<bool> {
        match self {
            Space::Small => Some(true),
            Space::Enough => Some(false),
            Space::DontKnow => None,
        }
    }
}

/// Where the wizard is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Name, address, password.
    Account,
    /// The lookup runs.
    Looking,
    /// The server settings, typed or corrected by the user.
    Manual,
    /// POP or IMAP: the comparison, the questions, the recommendation.
    Choose,
    /// POP: keep a copy on the server?
    PopOptions,
    /// The connection test runs.
    Testing,
    /// The test failed somewhere: what, and what now.
    Tested,
    /// Saving the account.
    Saving,
}

#[derive(Clone, Debug)]
pub enum Message {
    Name(String),
    Email(String),
    Password(String),
    /// Continue from the first step: look up the settings.
    Submit,
    /// The lookup `generation` found this.
    Discovered(u64, Box<Discovered>),
    /// Time passes while looking up (moves the progress bar).
    Tick,
    /// Open the manual settings.
    Manual,
    Edit(Server, Field, String),
    Security(Server, SecurityChoice),
    /// The manual settings are complete.
    ManualDone,
    Devices(Devices),
    Space(Space),
    Use(MailProtocol),
    LeaveOnServer(bool),
    DeleteAfter(Days),
    DeleteWhenDeleted(bool),
    /// Continue from the POP choices: test.
    PopDone,
    /// The test `generation` gave this.
    Checked(u64, Box<CheckReport>),
    /// Trust the certificate with this SHA-256 fingerprint and test again.
    Trust(String),
    TryAgain,
    SaveAnyway,
    /// The account was saved (the new configuration) or not (why).
    Saved(Result<Config, String>),
    /// One step back.
    Back,
    /// Close the wizard (Esc; not on first start, there is nothing behind).
    Cancel,
}

/// What the wizard asks of the app.
#[derive(Debug)]
pub enum Action {
    None,
    /// Run this (and abort the job running before, if any).
    Run(Job),
    /// Abort the running job.
    Stop,
    /// Close the wizard.
    Close,
    /// The account is saved: show the mailbox with it.
    Saved {
        config: Config,
        account: String,
    },
}

/// Slow work, off the UI thread. [`Job::run`] gives the message to feed back.
#[derive(Debug)]
pub enum Job {
    Discover {
        generation: u64,
        email: String,
        lookup: Lookup,
    },
    Check {
        generation: u64,
        account: Box<Account>,
        password: String,
        timeouts: crate::net::Timeouts,
    },
    Save {
        profile: Option<Profile>,
        account: Box<Account>,
        password: String,
    },
}

impl Job {
    pub async fn run(self) -> Message {
        match self {
            Job::Discover {
                generation,
                email,
                lookup,
            } => {
                let found = crate::setup::discover(&email, &lookup).await;
                Message::Discovered(generation, Box::new(found))
            }
            Job::Check {
                generation,
                account,
                password,
                timeouts,
            } => {
                let report = crate::setup::check(&account, &password, &timeouts).await;
                Message::Checked(generation, Box::new(report))
            }
            Job::Save {
                profile,
                account,
                password,
            } => {
                let Some(profile) = profile else {
                    return Message::Saved(Err(crate::fl!("wizard-no-profile")));
                };
                // The keyring and the file system block.
                let saved = tokio::task::spawn_blocking(move || {
                    crate::setup::save_account(&profile, *account, &password)
                        .map_err(|e| e.user_message())
                })
                .await
                .unwrap_or_else(|e| Err(e.to_string()));
                Message::Saved(saved)
            }
        }
    }
}

pub struct Wizard {
    /// No account exists yet: nothing to go back to.
    first_run: bool,
    profile: Option<Profile>,
    /// The configuration the account is added to (for a fresh id).
    config: Config,
    lookup: Lookup,
    timeouts: crate::net::Timeouts,
    step: Step,
    name: String,
    email: String,
    password: String,
    email_invalid: bool,
    /// Counts jobs; a result of an older one is dropped.
    generation: u64,
    /// Ticks since the lookup started.
    ticks: u32,
    /// The lookup's result, once it came.
    discovered: Option<Discovered>,
    /// The lookup found too little: say so above the manual settings.
    incomplete: bool,
    /// Where "Back" leads from the manual settings.
    manual_return: Step,
    imap: ServerForm,
    pop: ServerForm,
    smtp: ServerForm,
    devices: Option<Devices>,
    space: Option<Space>,
    protocol: Option<MailProtocol>,
    pop_options: PopOptions,
    trusted_cert: Option<String>,
    report: Option<CheckReport>,
    save_error: Option<String>,
}

impl Wizard {
    pub fn new(first_run: bool, profile: Option<Profile>, config: Config, lookup: Lookup) -> Self {
        Wizard {
            first_run,
            profile,
            config,
            lookup,
            timeouts: crate::net::Timeouts {
                connect: std::time::Duration::from_secs(10),
                io: std::time::Duration::from_secs(20),
            },
            step: Step::Account,
            name: String::new(),
            email: String::new(),
            password: String::new(),
            email_invalid: false,
            generation: 0,
            ticks: 0,
            discovered: None,
            incomplete: false,
            manual_return: Step::Account,
            imap: ServerForm::empty(Server::Imap, ""),
            pop: ServerForm::empty(Server::Pop, ""),
            smtp: ServerForm::empty(Server::Smtp, ""),
            devices: None,
            space: None,
            protocol: None,
            pop_options: advice::pop_defaults(None),
            trusted_cert: None,
            report: None,
            save_error: None,
        }
    }

    pub fn set_lookup(&mut self, lookup: Lookup) {
        self.lookup = lookup;
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn first_run(&self) -> bool {
        self.first_run
    }

    pub fn form(&self, server: Server) -> &ServerForm {
        match server {
            Server::Imap => &self.imap,
            Server::Pop => &self.pop,
            Server::Smtp => &self.smtp,
        }
    }

    fn form_mut(&mut self, server: Server) -> &mut ServerForm {
        match server {
            Server::Imap => &mut self.imap,
            Server::Pop => &mut self.pop,
            Server::Smtp => &mut self.smtp,
        }
    }

    pub fn pop_options(&self) -> &PopOptions {
        &self.pop_options
    }

    pub fn report(&self) -> Option<&CheckReport> {
        self.report.as_ref()
    }

    /// The protocols the user may choose: those with a complete server.
    pub fn offered(&self) -> Vec<MailProtocol> {
        let mut offered = Vec::new();
        if self.imap.is_filled() {
            offered.push(MailProtocol::Imap);
        }
        if self.pop.is_filled() {
            offered.push(MailProtocol::Pop3);
        }
        offered
    }

    pub fn advice(&self) -> advice::Advice {
        advice::recommend(self.devices, self.space.and_then(Space::small))
    }

    /// The domain of the address, for the texts.
    fn domain(&self) -> String {
        self.email
            .rsplit_once('@')
            .map(|(_, d)| d.trim().to_owned())
            .unwrap_or_default()
    }

    fn email_ok(&self) -> bool {
        let email = self.email.trim();
        match email.rsplit_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.contains(char::is_whitespace)
            }
            None => false,
        }
    }

    /// The account as it would be saved now.
    pub fn account(&self) -> Option<Account> {
        let protocol = self.protocol?;
        let incoming = match protocol {
            MailProtocol::Imap => self.imap.settings()?,
            MailProtocol::Pop3 => self.pop.settings()?,
        };
        let email = self.email.trim().to_owned();
        Some(Account {
            id: self.config.new_account_id(&email),
            name: self.name.trim().to_owned(),
            email,
            protocol,
            incoming,
            outgoing: self.smtp.settings()?,
            trusted_cert: self.trusted_cert.clone(),
            pop: self.pop_options.clone(),
            imap: Default::default(),
            signature: String::new(),
            server_files_sent: self
                .discovered
                .as_ref()
                .and_then(|d| d.files_sent_mail.then_some(true)),
        })
    }

    fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// Start the connection test.
    fn test(&mut self) -> Action {
        let Some(account) = self.account() else {
            self.step = Step::Manual;
            return Action::None;
        };
        self.step = Step::Testing;
        self.report = None;
        self.save_error = None;
        Action::Run(Job::Check {
            generation: self.next_generation(),
            account: Box::new(account),
            password: self.password.clone(),
            timeouts: self.timeouts,
        })
    }

    fn save(&mut self) -> Action {
        let Some(account) = self.account() else {
            return Action::None;
        };
        self.step = Step::Saving;
        self.save_error = None;
        Action::Run(Job::Save {
            profile: self.profile.clone(),
            account: Box::new(account),
            password: self.password.clone(),
        })
    }

    /// After the lookup: fill the form from what was found.
    fn found(&mut self, found: Discovered) {
        let email = self.email.trim().to_owned();
        for (server, hit) in [
            (Server::Imap, &found.imap),
            (Server::Pop, &found.pop),
            (Server::Smtp, &found.smtp),
        ] {
            *self.form_mut(server) = match hit {
                Some(hit) => ServerForm::found(hit),
                None => ServerForm::empty(server, &email),
            };
        }
        let complete = !self.offered().is_empty() && self.smtp.is_filled();
        self.incomplete = !complete;
        self.step = if complete { Step::Choose } else { Step::Manual };
        self.manual_return = Step::Account;
        self.discovered = Some(found);
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Name(name) => self.name = name,
            Message::Email(email) => {
                self.email = email;
                self.email_invalid = false;
            }
            Message::Password(password) => self.password = password,
            Message::Submit => {
                if self.step != Step::Account || self.password.is_empty() {
                    return Action::None;
                }
                if !self.email_ok() {
                    self.email_invalid = true;
                    return Action::None;
                }
                self.step = Step::Looking;
                self.discovered = None;
                self.ticks = 0;
                return Action::Run(Job::Discover {
                    generation: self.next_generation(),
                    email: self.email.trim().to_owned(),
                    lookup: self.lookup.clone(),
                });
            }
            Message::Tick => self.ticks = self.ticks.saturating_add(1),
            Message::Discovered(generation, found) => {
                if generation == self.generation && self.step == Step::Looking {
                    self.found(*found);
                }
            }
            Message::Manual => {
                let stop = self.step == Step::Looking;
                if stop {
                    // Keep what the user may have typed before; else the
                    // address as the user name.
                    let email = self.email.trim().to_owned();
                    for server in Server::ALL {
                        let form = self.form_mut(server);
                        if form.source.is_none() {
                            *form = ServerForm::empty(server, &email);
                        }
                    }
                    self.generation += 1;
                }
                let complete = !self.offered().is_empty() && self.smtp.is_filled();
                self.manual_return = if complete && self.step != Step::Looking {
                    Step::Choose
                } else {
                    Step::Account
                };
                self.step = Step::Manual;
                return if stop { Action::Stop } else { Action::None };
            }
            Message::Edit(server, field, value) => self.form_mut(server).edit(field, value),
            Message::Security(server, SecurityChoice(security)) => {
                self.form_mut(server).set_security(server, security)
            }
            Message::ManualDone => {
                if !self.offered().is_empty() && self.smtp.is_filled() {
                    self.incomplete = false;
                    if self.protocol.is_some_and(|p| !self.offered().contains(&p)) {
                        self.protocol = None;
                    }
                    self.step = Step::Choose;
                }
            }
            Message::Devices(devices) => {
                self.devices = Some(devices);
                self.pop_options = advice::pop_defaults(Some(devices));
            }
            Message::Space(space) => self.space = Some(space),
            Message::Use(protocol) => {
                if !self.offered().contains(&protocol) {
                    return Action::None;
                }
                self.protocol = Some(protocol);
                self.trusted_cert = None;
                if protocol == MailProtocol::Pop3 {
                    self.step = Step::PopOptions;
                } else {
                    return self.test();
                }
            }
            Message::LeaveOnServer(on) => self.pop_options.leave_on_server = on,
            Message::DeleteAfter(Days(days)) => self.pop_options.delete_after_days = days,
            Message::DeleteWhenDeleted(on) => self.pop_options.delete_when_deleted = on,
            Message::PopDone => return self.test(),
            Message::Checked(generation, report) => {
                if generation != self.generation || self.step != Step::Testing {
                    return Action::None;
                }
                let ok = report.ok();
                self.report = Some(*report);
                if ok {
                    return self.save();
                }
                self.step = Step::Tested;
            }
            Message::Trust(fingerprint) => {
                self.trusted_cert = Some(fingerprint);
                return self.test();
            }
            Message::TryAgain => return self.test(),
            Message::SaveAnyway => return self.save(),
            Message::Saved(Ok(config)) => {
                let Some(account) = self.account() else {
                    return Action::None;
                };
                // The id the saved account got (the config may have had
                // another one with this address's id by now).
                let id = config
                    .accounts
                    .iter()
                    .rev()
                    .find(|a| a.email == account.email)
                    .map(|a| a.id.clone())
                    .unwrap_or(account.id);
                return Action::Saved {
                    config,
                    account: id,
                };
            }
            Message::Saved(Err(reason)) => {
                self.save_error = Some(reason);
                self.step = Step::Tested;
            }
            Message::Back => return self.back(),
            Message::Cancel => {
                // Saving runs to its end: the config file may be written.
                if self.step == Step::Saving {
                    return Action::None;
                }
                if !self.first_run {
                    return Action::Close;
                }
                if self.step != Step::Account {
                    return self.back();
                }
            }
        }
        Action::None
    }

    fn back(&mut self) -> Action {
        let (to, stop) = match self.step {
            Step::Account | Step::Saving => return Action::None,
            Step::Looking => (Step::Account, true),
            Step::Manual => (self.manual_return, false),
            Step::Choose => (Step::Account, false),
            Step::PopOptions => (Step::Choose, false),
            Step::Testing | Step::Tested => match self.protocol {
                Some(MailProtocol::Pop3) => (Step::PopOptions, true),
                _ => (Step::Choose, true),
            },
        };
        self.step = to;
        if stop {
            self.generation += 1;
            Action::Stop
        } else {
            Action::None
        }
    }
}

#[cfg(test)]
mod tests;
