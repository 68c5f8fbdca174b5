//! Saving a new account: the account to the profile's config, its password
//! to the keyring (or the opt-in password file). `brev account add` and the
//! wizard both save through here.

use crate::config::{Account, Config};
use crate::profile::Profile;
use crate::secrets::{PasswordStorage, Secrets};

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Profile(#[from] crate::profile::ProfileError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Secrets(#[from] crate::secrets::SecretError),
}

impl SaveError {
    pub fn user_message(&self) -> String {
        match self {
            SaveError::Profile(e) => e.user_message(),
            SaveError::Config(e) => e.user_message(),
            SaveError::Secrets(e) => e.user_message(),
        }
    }
}

/// Add `account` to the profile's config and its password to the keyring;
/// the config as saved. An empty password stores none.
pub fn save_account(
    profile: &Profile,
    account: Account,
    password: &str,
) -> Result<Config, SaveError> {
    save_account_with(profile, account, password, None)
}

/// [`save_account`], optionally switching where passwords are kept first.
///
/// A config file that does not load stops everything before anything is
/// written. The password is stored before the config is saved: an account
/// whose password could not be kept is not added at all.
pub fn save_account_with(
    profile: &Profile,
    account: Account,
    password: &str,
    storage: Option<PasswordStorage>,
) -> Result<Config, SaveError> {
    profile.ensure_dirs()?;
    let path = profile.config_file();
    let mut config = Config::load(&path)?;
    if let Some(storage) = storage {
        config.settings.password_storage = storage;
    }
    let id = account.id.clone();
    config.add_account(account)?;
    if !password.is_empty() {
        Secrets::new(profile, config.settings.password_storage).set(&id, password)?;
    }
    config.save(&path)?;
    Ok(config)
}
