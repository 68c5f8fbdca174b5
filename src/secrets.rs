//! Account passwords: in the OS keyring (Secret Service on Linux), never in
//! the config file or the store.
//!
//! When no keyring service is running, saving a password fails with
//! [`SecretError::NoKeyring`]; Brev says so and never falls back to a
//! plain-text file on its own. A user on a headless machine may opt in to a
//! file (`password_storage = "file"` in the settings, or
//! `brev account add --password-storage file`): a 0600 file in the profile.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::profile::Profile;

/// Where passwords are kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum PasswordStorage {
    /// The OS keyring (Secret Service: GNOME Keyring, KWallet, KeePassXC, ...).
    #[default]
    Keyring,
    /// A file readable only by the user, in the profile (explicit opt-in).
    File,
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no keyring service is available: {0}")]
    NoKeyring(String),
    #[error("keyring error: {0}")]
    Keyring(String),
    #[error("password file {path}: {reason}")]
    File { path: PathBuf, reason: String },
}

impl SecretError {
    pub fn user_message(&self) -> String {
        match self {
            SecretError::NoKeyring(reason) => {
                crate::fl!("secrets-no-keyring", reason = reason.clone())
            }
            SecretError::Keyring(reason) => {
                crate::fl!("secrets-keyring-error", reason = reason.clone())
            }
            SecretError::File { path, reason } => crate::fl!(
                "secrets-file-error",
                path = path.display().to_string(),
                reason = reason.clone()
            ),
        }
    }
}

/// The password store of one profile.
#[derive(Clone, Debug)]
pub struct Secrets {
    storage: PasswordStorage,
    service: String,
    file: PathBuf,
}

impl Secrets {
    pub fn new(profile: &Profile, storage: PasswordStorage) -> Secrets {
        Secrets {
            storage,
            service: profile.keyring_service(),
            file: profile.password_file(),
        }
    }

    pub fn storage(&self) -> PasswordStorage {
        self.storage
    }

    /// Save the password of `account` (an account id).
    pub fn set(&self, account: &str, password: &str) -> Result<(), SecretError> {
        match self.storage {
            PasswordStorage::Keyring => self
                .entry(account)?
                .set_password(password)
                .map_err(keyring_error),
            PasswordStorage::File => {
                let mut all = self.read_file()?;
                all.insert(account.to_owned(), password.to_owned());
                self.write_file(&all)
            }
        }
    }

    /// The password of `account`, or None when none is saved.
    pub fn get(&self, account: &str) -> Result<Option<String>, SecretError> {
        match self.storage {
            PasswordStorage::Keyring => match self.entry(account)?.get_password() {
                Ok(p) => Ok(Some(p)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(keyring_error(e)),
            },
            PasswordStorage::File => Ok(self.read_file()?.remove(account)),
        }
    }

    /// Forget the password of `account`; no error when none was saved.
    pub fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.storage {
            PasswordStorage::Keyring => match self.entry(account)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(keyring_error(e)),
            },
            PasswordStorage::File => {
                let mut all = self.read_file()?;
                if all.remove(account).is_some() {
                    self.write_file(&all)?;
                }
                Ok(())
            }
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, account).map_err(keyring_error)
    }

    fn file_error(&self, reason: impl ToString) -> SecretError {
        SecretError::File {
            path: self.file.clone(),
            reason: reason.to_string(),
        }
    }

    fn read_file(&self) -> Result<BTreeMap<String, String>, SecretError> {
        match std::fs::read_to_string(&self.file) {
            Ok(text) => toml::from_str(&text).map_err(|e| self.file_error(e.message())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(self.file_error(e)),
        }
    }

    fn write_file(&self, all: &BTreeMap<String, String>) -> Result<(), SecretError> {
        let text = toml::to_string(all).map_err(|e| self.file_error(e))?;
        crate::config::write_atomically(&self.file, text.as_bytes(), Some(0o600))
            .map_err(|e| self.file_error(e))
    }
}

fn keyring_error(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::NoStorageAccess(inner) => SecretError::NoKeyring(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => SecretError::NoKeyring(inner.to_string()),
        other => SecretError::Keyring(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_storage_round_trip_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::at(dir.path()).unwrap();
        let s = Secrets::new(&profile, PasswordStorage::File);
        assert_eq!(s.get("a").unwrap(), None);
        s.set("a", "hemligt lösenord").unwrap();
        s.set("b", "парола").unwrap();
        assert_eq!(s.get("a").unwrap().as_deref(), Some("hemligt lösenord"));
        s.delete("a").unwrap();
        assert_eq!(s.get("a").unwrap(), None);
        assert_eq!(s.get("b").unwrap().as_deref(), Some("парола"));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(profile.password_file())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn keyring_without_a_session_bus_says_no_keyring() {
        // With no D-Bus session bus there is no Secret Service: the error must
        // say so (and nothing may be written anywhere else).
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::at(dir.path()).unwrap();
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
            return; // a real desktop session: covered by the CLI keyring test
        }
        let s = Secrets::new(&profile, PasswordStorage::Keyring);
        match s.set("a", "pw") {
            Err(SecretError::NoKeyring(_)) => {}
            other => panic!("expected NoKeyring, got {other:?}"),
        }
        assert!(!profile.password_file().exists());
    }
}
