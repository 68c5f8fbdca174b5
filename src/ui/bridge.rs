//! Engine ↔ iced. One subscription starts one sync engine per account on
//! iced's tokio runtime. Its first event hands the UI a command sender
//! (halloy's pattern); after that it forwards the engines' small events.
//! Events, not data, cross here (DESIGN.md rule 3).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use iced::Subscription;
use iced::futures::{SinkExt, Stream};
use tokio::sync::mpsc;

use crate::config::Config;
use crate::profile::Profile;
use crate::sync::engine::{self, Schedule};
use crate::sync::{AccountCtx, Command, EventSink};

/// Where the UI sends commands: to the engine of an account.
#[derive(Clone, Debug)]
pub struct Sender(mpsc::UnboundedSender<(String, Command)>);

impl Sender {
    /// A sender whose commands arrive on `tx` (tests hand one to the app
    /// and pass what arrives to an engine of their own).
    pub fn new(tx: mpsc::UnboundedSender<(String, Command)>) -> Sender {
        Sender(tx)
    }

    /// False when the engines are gone.
    pub fn send(&self, account: String, command: Command) -> bool {
        self.0.send((account, command)).is_ok()
    }
}

#[derive(Clone, Debug)]
pub enum Event {
    /// The engines are starting; commands go here.
    Ready(Sender),
    /// An engine said something.
    Engine(crate::sync::Event),
    /// An account's engine could not start (translated reason).
    Failed { account: String, reason: String },
}

/// What the engines are started from.
#[derive(Clone, Debug)]
pub struct Seed {
    pub profile: Profile,
    pub config: Config,
    /// The demo mailbox: engines apply actions to the store and never
    /// connect (see [`Schedule::local_only`]).
    pub local_only: bool,
    /// Bumped to restart every engine with what is saved now (a new
    /// password lives in the keyring, not in the config).
    pub generation: u64,
}

impl Hash for Seed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.profile.config_dir().hash(state);
        self.profile.data_dir().hash(state);
        self.local_only.hash(state);
        self.generation.hash(state);
        // Any change to an account (servers, trust, POP/IMAP choices)
        // restarts its engine; the signature does not (engines never use
        // it, and it changes with every key typed in Settings).
        for account in &self.config.accounts {
            let mut a = account.clone();
            a.signature.clear();
            a.hash(state);
        }
        self.config.settings.check_interval_minutes.hash(state);
    }
}

/// The engines of every account, as long as the subscription lives.
pub fn engines(seed: Seed) -> Subscription<Event> {
    Subscription::run_with(seed, run)
}

fn run(seed: &Seed) -> impl Stream<Item = Event> + use<> {
    let seed = seed.clone();
    iced::stream::channel(100, async move |mut out| {
        let (command_tx, mut commands) = mpsc::unbounded_channel::<(String, Command)>();
        let _ = out.send(Event::Ready(Sender(command_tx))).await;
        let (event_tx, mut events) = mpsc::unbounded_channel();
        let schedule = if seed.local_only {
            Schedule::local_only()
        } else {
            Schedule::every_minutes(seed.config.settings.check_interval_minutes)
        };
        let local_only = seed.local_only;
        let mut handles = HashMap::new();
        for account in seed.config.accounts.clone() {
            let (profile, config, sink) = (
                seed.profile.clone(),
                seed.config.clone(),
                EventSink::new(event_tx.clone()),
            );
            let id = account.id.clone();
            // The keyring and the store file are blocking.
            let ctx = tokio::task::spawn_blocking(move || {
                if local_only {
                    // No server, so no password to look up.
                    AccountCtx::without_password(&profile, &account, sink)
                } else {
                    AccountCtx::from_profile(&profile, &config, &account, sink)
                }
            })
            .await;
            match ctx {
                Ok(Ok(ctx)) => {
                    handles.insert(id, engine::spawn(ctx, schedule));
                }
                Ok(Err(e)) => {
                    let _ = out
                        .send(Event::Failed {
                            account: id,
                            reason: e.user_message(),
                        })
                        .await;
                }
                Err(e) => tracing::error!("starting the engine of {id}: {e}"),
            }
        }
        drop(event_tx);
        let mut commands_open = true;
        loop {
            tokio::select! {
                command = commands.recv(), if commands_open => match command {
                    Some((account, command)) => {
                        if let Some(handle) = handles.get(&account) {
                            handle.send(command);
                        }
                    }
                    None => commands_open = false,
                },
                event = events.recv() => {
                    let Some(first) = event else {
                        // No engine is running: nothing more will come.
                        std::future::pending::<()>().await;
                        return;
                    };
                    // Coalesce a burst: the same fact twice is one re-read.
                    let mut batch = vec![first];
                    while let Ok(e) = events.try_recv() {
                        if batch.len() > 1000 {
                            break;
                        }
                        if !batch.contains(&e) {
                            batch.push(e);
                        }
                    }
                    for e in batch {
                        if out.send(Event::Engine(e)).await.is_err() {
                            return;
                        }
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::DefaultHasher;

    fn hash(seed: &Seed) -> u64 {
        let mut h = DefaultHasher::new();
        seed.hash(&mut h);
        h.finish()
    }

    /// Typing a signature must not restart the engines (a login per key);
    /// a changed server must.
    #[test]
    fn engines_restart_for_what_they_run_on_not_for_the_signature() {
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::at(dir.path()).unwrap();
        let mut config = Config::default();
        config.accounts.push(crate::demo::account());
        let seed = |config: &Config| Seed {
            profile: profile.clone(),
            config: config.clone(),
            local_only: false,
            generation: 0,
        };
        let before = hash(&seed(&config));
        config.accounts[0].signature = "Hälsningar\nÅsa".into();
        assert_eq!(hash(&seed(&config)), before);
        config.accounts[0].incoming.port += 1;
        assert_ne!(hash(&seed(&config)), before);
    }
}
