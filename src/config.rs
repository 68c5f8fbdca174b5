//! Accounts and settings, kept as TOML in the profile's config dir.
//!
//! Passwords are never here (see `secrets`). A file that does not parse gives
//! an error naming the file and line, and is never overwritten: saving happens
//! only after a successful load, and always atomically (temp file + rename).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::net::Security;
use crate::secrets::PasswordStorage;

/// Everything in `config.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub settings: Settings,
    #[serde(default, rename = "account", skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<Account>,
}

/// Program-wide settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// `en`, `sv`, `nb` or `bg`; the system's locale when unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where passwords are kept: the OS keyring, or (explicit opt-in) a file.
    pub password_storage: PasswordStorage,
    /// How often to check for new mail, in minutes.
    pub check_interval_minutes: u32,
    /// When an opened message is marked as read.
    pub mark_read: MarkRead,
    /// Seconds to wait with `mark_read = "after-delay"`.
    pub mark_read_delay_seconds: u32,
    /// Desktop notifications for new mail in the Inbox.
    pub notifications: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            password_storage: PasswordStorage::default(),
            check_interval_minutes: 10,
            mark_read: MarkRead::AtOnce,
            mark_read_delay_seconds: 2,
            notifications: true,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkRead {
    #[default]
    AtOnce,
    AfterDelay,
    Never,
}

/// How mail reaches Brev for an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailProtocol {
    Imap,
    Pop3,
}

/// One server of an account (incoming or outgoing).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
}

/// The POP3 choices, as in Thunderbird.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PopOptions {
    /// Leave a copy of each message on the server.
    pub leave_on_server: bool,
    /// With a copy left: remove it from the server after this many days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_after_days: Option<u32>,
    /// With a copy left: remove it from the server when deleted in Brev.
    pub delete_when_deleted: bool,
    /// Download only the headers of messages larger than this (KiB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers_only_above_kb: Option<u32>,
}

impl Default for PopOptions {
    fn default() -> Self {
        PopOptions {
            leave_on_server: true,
            delete_after_days: Some(14),
            delete_when_deleted: true,
            headers_only_above_kb: None,
        }
    }
}

/// Which message bodies an IMAP account keeps on this computer.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum BodyDownload {
    /// Every message: a full offline copy.
    #[default]
    All,
    /// Messages of the last `recent_days` days; older ones when opened.
    Recent,
    /// Only when a message is opened.
    OnOpen,
}

/// The IMAP choices.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImapOptions {
    pub download_bodies: BodyDownload,
    pub recent_days: u32,
}

impl Default for ImapOptions {
    fn default() -> Self {
        ImapOptions {
            download_bodies: BodyDownload::All,
            recent_days: 30,
        }
    }
}

/// A mail account.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Stable key used by the store and the keyring.
    pub id: String,
    /// The user's name as shown to recipients.
    pub name: String,
    pub email: String,
    pub protocol: MailProtocol,
    pub incoming: ServerSettings,
    pub outgoing: ServerSettings,
    /// SHA-256 fingerprint of a certificate the user chose to trust.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trusted_cert: Option<String>,
    #[serde(default)]
    pub pop: PopOptions,
    #[serde(default)]
    pub imap: ImapOptions,
    /// Added below new messages and replies, after a `-- ` line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signature: String,
    /// IMAP: the server files sent mail in Sent itself (Gmail), so Brev must
    /// not add a copy. None: decide by the outgoing server's host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_files_sent: Option<bool>,
}

impl Account {
    /// Whether the server puts a copy of sent mail into Sent by itself.
    pub fn files_sent_itself(&self) -> bool {
        self.server_files_sent.unwrap_or_else(|| {
            let host = self.outgoing.host.to_ascii_lowercase();
            host == "smtp.gmail.com" || host == "smtp.googlemail.com"
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("an account {0} exists already")]
    DuplicateAccount(String),
    #[error("no account {0}")]
    NoSuchAccount(String),
}

impl ConfigError {
    pub fn user_message(&self) -> String {
        match self {
            ConfigError::Read { path, source } => crate::fl!(
                "config-cannot-read",
                path = path.display().to_string(),
                reason = source.to_string()
            ),
            ConfigError::Parse {
                path,
                line,
                message,
            } => crate::fl!(
                "config-parse-error",
                path = path.display().to_string(),
                line = line.to_string(),
                reason = message.clone()
            ),
            ConfigError::Invalid { path, message } => crate::fl!(
                "config-invalid",
                path = path.display().to_string(),
                reason = message.clone()
            ),
            ConfigError::Write { path, source } => crate::fl!(
                "config-cannot-write",
                path = path.display().to_string(),
                reason = source.to_string()
            ),
            ConfigError::DuplicateAccount(id) => {
                crate::fl!("config-duplicate-account", account = id.clone())
            }
            ConfigError::NoSuchAccount(id) => {
                crate::fl!("config-no-such-account", account = id.clone())
            }
        }
    }
}

impl Config {
    /// Load `path`; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let config: Config = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            line: e
                .span()
                .map(|s| line_of(&text, s.start))
                .unwrap_or_default(),
            message: e.message().to_owned(),
        })?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let mut seen = std::collections::HashSet::new();
        for a in &self.accounts {
            if a.id.trim().is_empty() {
                return Err(invalid("an account has an empty id".into()));
            }
            if !seen.insert(a.id.as_str()) {
                return Err(invalid(format!("account id {} is used twice", a.id)));
            }
            for server in [&a.incoming, &a.outgoing] {
                if server.host.trim().is_empty() || server.port == 0 {
                    return Err(invalid(format!(
                        "account {} has a server without host or port",
                        a.id
                    )));
                }
            }
        }
        Ok(())
    }

    /// Write atomically: a crash mid-save leaves the old file intact.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let err = |source| ConfigError::Write {
            path: path.to_path_buf(),
            source,
        };
        let text =
            toml::to_string_pretty(self).map_err(|e| err(std::io::Error::other(e.to_string())))?;
        write_atomically(path, text.as_bytes(), None).map_err(err)
    }

    /// The account with this id or e-mail address.
    pub fn account(&self, key: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == key).or_else(|| {
            self.accounts
                .iter()
                .find(|a| a.email.eq_ignore_ascii_case(key))
        })
    }

    pub fn add_account(&mut self, account: Account) -> Result<(), ConfigError> {
        if self.accounts.iter().any(|a| a.id == account.id) {
            return Err(ConfigError::DuplicateAccount(account.id));
        }
        self.accounts.push(account);
        Ok(())
    }

    /// Remove the account with this id or address; returns it.
    pub fn remove_account(&mut self, key: &str) -> Result<Account, ConfigError> {
        let id = self
            .account(key)
            .map(|a| a.id.clone())
            .ok_or_else(|| ConfigError::NoSuchAccount(key.to_owned()))?;
        let index = self
            .accounts
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| ConfigError::NoSuchAccount(key.to_owned()))?;
        Ok(self.accounts.remove(index))
    }

    /// A new, unused account id derived from an e-mail address.
    pub fn new_account_id(&self, email: &str) -> String {
        let base: String = email
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() {
            "account".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.accounts.iter().any(|a| a.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// 1-based line number of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Write `bytes` to `path` via a temp file in the same directory and a rename,
/// with the data synced first. `mode` sets Unix permissions (e.g. 0o600).
pub(crate) fn write_atomically(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    let result = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str) -> Account {
        Account {
            id: id.into(),
            name: "Astrid Lindqvist".into(),
            email: "astrid@example.se".into(),
            protocol: MailProtocol::Pop3,
            incoming: ServerSettings {
                host: "pop.example.se".into(),
                port: 995,
                security: Security::Tls,
                username: "astrid".into(),
            },
            outgoing: ServerSettings {
                host: "smtp.example.se".into(),
                port: 587,
                security: Security::StartTls,
                username: "astrid".into(),
            },
            trusted_cert: None,
            pop: PopOptions::default(),
            imap: ImapOptions::default(),
            signature: String::new(),
            server_files_sent: None,
        }
    }

    #[test]
    fn round_trip_keeps_every_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let mut config = Config::default();
        config.settings.language = Some("sv".into());
        let mut a = account("astrid-example-se");
        a.trusted_cert = Some("AB:CD".into());
        a.pop.headers_only_above_kb = Some(500);
        a.imap.download_bodies = BodyDownload::Recent;
        a.imap.recent_days = 90;
        config.add_account(a).unwrap();
        config.save(&path).unwrap();
        assert_eq!(Config::load(&path).unwrap(), config);
    }

    #[test]
    fn pop_defaults_leave_a_copy_for_14_days() {
        let p = PopOptions::default();
        assert!(p.leave_on_server);
        assert_eq!(p.delete_after_days, Some(14));
    }

    #[test]
    fn missing_file_is_empty_config() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Config::load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn broken_file_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let text = "[settings]\nlanguage = \"sv\"\ncheck_interval_minutes = \"often\"\n";
        std::fs::write(&path, text).unwrap();
        match Config::load(&path) {
            Err(ConfigError::Parse { path: p, line, .. }) => {
                assert_eq!(p, path);
                assert_eq!(line, 3);
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn misspelled_key_is_an_error_not_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[settings]\nlangauge = \"sv\"\n").unwrap();
        assert!(matches!(
            Config::load(&path),
            Err(ConfigError::Parse { line: 2, .. })
        ));
    }

    #[test]
    fn duplicate_ids_are_invalid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let mut c = Config::default();
        c.accounts.push(account("x"));
        c.accounts.push(account("x"));
        c.save(&path).unwrap();
        assert!(matches!(
            Config::load(&path),
            Err(ConfigError::Invalid { .. })
        ));
    }

    #[test]
    fn account_ids_are_unique_and_readable() {
        let mut c = Config::default();
        assert_eq!(c.new_account_id("Astrid@Example.se"), "astrid-example-se");
        c.add_account(account("astrid-example-se")).unwrap();
        assert_eq!(c.new_account_id("astrid@example.se"), "astrid-example-se-2");
        assert_eq!(c.new_account_id("иван@пример.бг"), "иван-пример-бг");
        assert_eq!(c.new_account_id("@@"), "account");
    }

    #[test]
    fn find_and_remove_by_id_or_address() {
        let mut c = Config::default();
        c.add_account(account("a1")).unwrap();
        assert_eq!(c.account("ASTRID@example.se").unwrap().id, "a1");
        assert!(matches!(
            c.add_account(account("a1")),
            Err(ConfigError::DuplicateAccount(_))
        ));
        assert_eq!(c.remove_account("astrid@example.se").unwrap().id, "a1");
        assert!(c.accounts.is_empty());
        assert!(matches!(
            c.remove_account("a1"),
            Err(ConfigError::NoSuchAccount(_))
        ));
    }
}
