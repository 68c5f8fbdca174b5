//! What an account's engine works with.

use std::sync::Arc;

use tokio::sync::mpsc;

use super::Event;
use crate::config::Account;
use crate::net::{Endpoint, Timeouts, Trust};
use crate::store::Store;

/// Unix seconds "now"; replaceable so tests can move time (POP's "after N days").
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Where events go. A closed receiver is not an error: headless runs may
/// not listen.
#[derive(Clone, Debug)]
pub struct EventSink(Option<mpsc::UnboundedSender<Event>>);

impl EventSink {
    pub fn new(tx: mpsc::UnboundedSender<Event>) -> Self {
        EventSink(Some(tx))
    }

    /// Events are dropped.
    pub fn none() -> Self {
        EventSink(None)
    }

    pub fn send(&self, event: Event) {
        if let Some(tx) = &self.0 {
            let _ = tx.send(event);
        }
    }
}

/// One account's engine state: its settings, password, the store (writer)
/// and where its events go.
pub struct AccountCtx {
    pub account: Account,
    pub password: String,
    pub store: Store,
    pub trust: Trust,
    pub timeouts: Timeouts,
    pub events: EventSink,
    pub clock: Clock,
}

impl AccountCtx {
    /// The system clock.
    pub fn system_clock() -> Clock {
        Arc::new(crate::store::now)
    }

    /// The certificates this account accepts: the system's, plus the one
    /// the user trusted explicitly.
    pub fn trust_for(account: &Account) -> Trust {
        Trust {
            system_roots: true,
            extra_roots: Vec::new(),
            pinned_sha256: account.trusted_cert.iter().cloned().collect(),
        }
    }

    pub fn incoming(&self) -> Endpoint {
        Endpoint {
            host: self.account.incoming.host.clone(),
            port: self.account.incoming.port,
            security: self.account.incoming.security,
        }
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    pub fn id(&self) -> &str {
        &self.account.id
    }
}

impl AccountCtx {
    /// An account's engine state with no password: for engines that never
    /// connect ([`super::engine::Schedule::local_only`], the demo).
    pub fn without_password(
        profile: &crate::profile::Profile,
        account: &Account,
        events: EventSink,
    ) -> Result<AccountCtx, super::SyncError> {
        Ok(AccountCtx {
            trust: AccountCtx::trust_for(account),
            account: account.clone(),
            password: String::new(),
            store: Store::open(&profile.store_file())?,
            timeouts: Timeouts::default(),
            events,
            clock: AccountCtx::system_clock(),
        })
    }

    /// Everything an account's engine needs, from a profile: the password
    /// from its secrets, the store (as the writer) from its data dir.
    pub fn from_profile(
        profile: &crate::profile::Profile,
        config: &crate::config::Config,
        account: &Account,
        events: EventSink,
    ) -> Result<AccountCtx, super::SyncError> {
        let secrets = crate::secrets::Secrets::new(profile, config.settings.password_storage);
        let password = secrets
            .get(&account.id)
            .map_err(|e| super::SyncError::Secrets(e.user_message()))?
            .ok_or(super::SyncError::NoPassword)?;
        let store = Store::open(&profile.store_file())?;
        Ok(AccountCtx {
            trust: AccountCtx::trust_for(account),
            account: account.clone(),
            password,
            store,
            timeouts: Timeouts::default(),
            events,
            clock: AccountCtx::system_clock(),
        })
    }
}
