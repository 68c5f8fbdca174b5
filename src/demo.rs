//! `brev --demo`: a throwaway profile with a sample mailbox, so a new user
//! can look around before setting up an account (and screenshots can be
//! made). The mail is `assets/demo/`, embedded in the binary. No server is
//! involved: the account's host is `demo.invalid` and the window starts no
//! engine for it.

use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;

use crate::config::{Account, Config, ConfigError, MailProtocol, ServerSettings};
use crate::net::Security;
use crate::profile::{Profile, ProfileError};
use crate::store::{Flags, NewFolder, NewMessage, Role, Store, StoreError};

#[derive(RustEmbed)]
#[folder = "assets/demo/"]
struct DemoMail;

/// The demo account's id.
pub const ACCOUNT: &str = "demo";

/// The folders of the demo mailbox: (directory in `assets/demo`, name, role).
pub const FOLDERS: [(&str, &str, Role); 4] = [
    ("inbox", "INBOX", Role::Inbox),
    ("sent", "Sent", Role::Sent),
    ("archive", "Archive", Role::Archive),
    ("trash", "Trash", Role::Trash),
];

/// Stands in for a missing Date header (every demo message has one).
const ARRIVAL: i64 = 1_795_000_000;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DemoError {
    pub fn user_message(&self) -> String {
        match self {
            DemoError::Create { path, source } => crate::fl!(
                "profile-cannot-create",
                path = path.display().to_string(),
                reason = source.to_string()
            ),
            DemoError::Profile(e) => e.user_message(),
            DemoError::Config(e) => e.user_message(),
            DemoError::Store(e) => e.user_message(),
        }
    }
}

/// A demo profile in a fresh directory of its own.
pub struct Demo {
    pub dir: PathBuf,
    pub profile: Profile,
    pub config: Config,
}

impl Demo {
    /// Remove the demo's directory (when the window has closed).
    pub fn remove(&self) {
        if let Err(e) = std::fs::remove_dir_all(&self.dir) {
            tracing::warn!("removing the demo profile {}: {e}", self.dir.display());
        }
    }
}

/// Create a demo profile under the system's temporary directory, unique to
/// this run. `language` is the user's language setting, if any.
pub fn create(language: Option<&str>) -> Result<Demo, DemoError> {
    let dir = fresh_dir(&std::env::temp_dir())?;
    let profile = Profile::at(&dir)?;
    let config = fill(&profile, language)?;
    Ok(Demo {
        dir,
        profile,
        config,
    })
}

/// A new, empty directory `brev-demo-<pid>-<n>` in `parent`.
fn fresh_dir(parent: &Path) -> Result<PathBuf, DemoError> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let mut n = 0u32;
    loop {
        let dir = parent.join(format!("brev-demo-{}-{stamp}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(source) => return Err(DemoError::Create { path: dir, source }),
        }
    }
}

/// The demo account: nothing to connect to. It is a POP3 account, whose
/// folders and actions are all local, so what the user does in the demo
/// sticks without a server.
pub fn account() -> Account {
    let server = ServerSettings {
        host: "demo.invalid".into(),
        port: 995,
        security: Security::Tls,
        username: "elin".into(),
    };
    Account {
        id: ACCOUNT.into(),
        name: "Elin Dahl".into(),
        email: "elin@demo.invalid".into(),
        protocol: MailProtocol::Pop3,
        incoming: server.clone(),
        outgoing: ServerSettings {
            port: 587,
            security: Security::StartTls,
            ..server
        },
        trusted_cert: None,
        pop: Default::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    }
}

/// Write the demo config and store into `profile`; returns the config.
pub fn fill(profile: &Profile, language: Option<&str>) -> Result<Config, DemoError> {
    profile.ensure_dirs()?;
    let mut config = Config::default();
    config.settings.language = language.map(str::to_owned);
    config.settings.notifications = false;
    config.accounts.push(account());
    config.save(&profile.config_file())?;
    let mut store = Store::open(&profile.store_file())?;
    let mail = messages();
    store.write(|tx| {
        for (dir, name, role) in FOLDERS {
            let folder = tx.upsert_folder(ACCOUNT, &NewFolder::new(name, Some(role)).local())?;
            for (_, m) in mail.iter().filter(|(d, _)| *d == dir) {
                tx.insert_message(folder, m)?;
            }
        }
        Ok(())
    })?;
    Ok(config)
}

/// Every embedded message as (folder directory, message), flags set from
/// the file name (`x.seen.flagged.eml`).
pub fn messages() -> Vec<(&'static str, NewMessage)> {
    let mut files: Vec<_> = DemoMail::iter().collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let (dir, file) = path.split_once('/')?;
            let dir = FOLDERS.iter().find(|(d, _, _)| *d == dir)?.0;
            let stem = file.strip_suffix(".eml")?;
            let raw = DemoMail::get(&path)?.data.into_owned();
            let mut m = NewMessage::from_raw(raw, ARRIVAL);
            let marks: Vec<&str> = stem.split('.').skip(1).collect();
            m.flags = Flags::default()
                .with(Flags::SEEN, marks.contains(&"seen"))
                .with(Flags::FLAGGED, marks.contains(&"flagged"));
            Some((dir, m))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FolderRead, MessageRead};

    #[test]
    fn the_demo_profile_has_its_folders_and_mail() {
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::at(dir.path()).unwrap();
        let config = fill(&profile, Some("nb")).unwrap();
        assert_eq!(config.settings.language.as_deref(), Some("nb"));
        assert_eq!(config.accounts.len(), 1);
        assert_eq!(config.accounts[0].id, ACCOUNT);
        assert_eq!(config.accounts[0].incoming.host, "demo.invalid");
        // What was saved is what the window will load.
        assert_eq!(Config::load(&profile.config_file()).unwrap(), config);

        let store = Store::open(&profile.store_file()).unwrap();
        let folders = store.folders(ACCOUNT).unwrap();
        let count = |role| {
            let f = folders.iter().find(|f| f.role == Some(role)).unwrap();
            (f.total, f.unread)
        };
        let (inbox, unread) = count(Role::Inbox);
        assert!(inbox >= 20, "{inbox} in the Inbox");
        assert!(unread >= 3 && unread < inbox, "{unread} unread");
        for role in [Role::Sent, Role::Archive, Role::Trash] {
            let (total, unread) = count(role);
            assert!(total >= 3, "{role:?}: {total}");
            assert_eq!(unread, 0, "{role:?}");
        }
        let inbox = folders
            .iter()
            .find(|f| f.role == Some(Role::Inbox))
            .unwrap();
        let rows = store.page(inbox.id, 0, 100).unwrap();
        assert!(rows.iter().any(|r| r.flags.contains(Flags::FLAGGED)));
        assert!(rows.iter().any(|r| r.has_attachments));
        // Newest first, with the dates of the Date headers.
        assert!(rows.windows(2).all(|w| w[0].date >= w[1].date));
        assert!(rows.iter().all(|r| r.date != ARRIVAL));
    }

    #[test]
    fn every_demo_message_parses_in_its_language() {
        let mail = messages();
        assert!(mail.len() >= 30, "{} messages", mail.len());
        let subjects: Vec<&str> = mail.iter().map(|(_, m)| m.subject.as_str()).collect();
        for expected in [
            "Dinner at ours on Saturday?",
            "Kvitto för din beställning #48213",
            "Re: Hyttetur i februar",
            // windows-1251, RFC 2047 encoded.
            "Покана за рожден ден",
            "Сметка за ток — октомври 2026",
        ] {
            assert!(subjects.contains(&expected), "{expected:?} in {subjects:?}");
        }
        for (dir, m) in &mail {
            assert!(!m.subject.is_empty(), "a message in {dir} without subject");
            assert!(!m.from_addr.is_empty(), "{}: no sender", m.subject);
            assert!(!m.preview.trim().is_empty(), "{}: no text", m.subject);
        }
        let by_subject = |s: &str| &mail.iter().find(|(_, m)| m.subject == s).unwrap().1;
        let receipt = by_subject("Kvitto för din beställning #48213");
        assert!(receipt.has_attachments);
        assert!(
            receipt
                .attachments
                .iter()
                .any(|a| a.name == "kvitto-48213.pdf")
        );
        assert!(by_subject("Bilder från Abisko").has_attachments);
        let reply = by_subject("Re: Hyttetur i februar");
        assert!(reply.in_reply_to.is_some() && reply.refs.is_some());
        let words = &by_subject("Покана за рожден ден").body_words;
        assert!(words.split(' ').any(|w| w == "рожден"), "{words}");
    }
}
