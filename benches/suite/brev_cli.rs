//! Brev as a user runs it: the `brev` binary of this build (release under
//! `cargo bench`), one profile directory per account, `brev sync`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use brev::config::Config;
use brev::profile::Profile;
use brev::store::{FolderRead, MessageRead, Store};

use crate::support::{Dovecot, User};

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_brev"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Imap,
    Pop3,
}

/// A profile directory with one account for `user` (password in a file,
/// the server's certificate trusted by fingerprint).
pub struct BrevProfile {
    pub dir: PathBuf,
    pub account: String,
}

impl BrevProfile {
    pub fn create(dir: &Path, server: &Dovecot, user: &User, proto: Proto) -> BrevProfile {
        BrevProfile::create_with(dir, server, user, proto, &[])
    }

    /// [`BrevProfile::create`] with more `brev account add` arguments.
    pub fn create_with(
        dir: &Path,
        server: &Dovecot,
        user: &User,
        proto: Proto,
        more: &[&str],
    ) -> BrevProfile {
        std::fs::create_dir_all(dir).expect("create the profile dir");
        let cert = dir.join("server.der");
        std::fs::write(&cert, server.leaf_der().as_ref()).expect("write the certificate");
        let (protocol, port) = match proto {
            Proto::Imap => ("imap", server.imaps_port()),
            Proto::Pop3 => ("pop3", server.pop3s_port()),
        };
        let port = port.to_string();
        let email = user.address();
        let mut child = brev(dir)
            .args([
                "account",
                "add",
                "--name",
                "Kari Nordmann",
                "--email",
                &email,
                "--protocol",
                protocol,
                "--incoming-host",
                "localhost",
                "--incoming-port",
                &port,
                "--incoming-security",
                "tls",
                "--user",
                &user.name,
                "--password-stdin",
                "--password-storage",
                "file",
                "--trust-cert",
            ])
            .arg(&cert)
            .args(more)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run brev account add");
        if let Some(mut stdin) = child.stdin.take() {
            let _ = writeln!(stdin, "{}", user.password);
        }
        let out = child.wait_with_output().expect("wait for brev");
        assert!(
            out.status.success(),
            "brev account add: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let profile = Profile::at(dir).expect("profile");
        let config = Config::load(&profile.config_file()).expect("config");
        let account = config
            .accounts
            .first()
            .map(|a| a.id.clone())
            .expect("the account was added");
        BrevProfile {
            dir: dir.to_path_buf(),
            account,
        }
    }

    pub fn store_file(&self) -> PathBuf {
        Profile::at(&self.dir)
            .map(|p| p.store_file())
            .unwrap_or_else(|_| self.dir.join("brev.sqlite3"))
    }

    /// `brev sync`, timed from spawn to exit.
    pub fn sync(&self) -> Duration {
        let started = Instant::now();
        let out = brev(&self.dir)
            .arg("sync")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .expect("run brev sync");
        let took = started.elapsed();
        assert!(
            out.status.success(),
            "brev sync failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        took
    }

    /// `brev sync`, timed from spawn to the summary line (printed once the
    /// server session is over: mail stored, the server let go) and to exit
    /// (after the bodies a POP3 check leaves unread are read).
    pub fn sync_phases(&self) -> (Duration, Duration) {
        let started = Instant::now();
        let mut child = brev(&self.dir)
            .arg("sync")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run brev sync");
        let summary = format!("{}: ", self.account);
        let mut to_summary = None;
        let stdout = child.stdout.take().expect("stdout");
        for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
            let line = line.expect("read brev's output");
            if to_summary.is_none() && line.starts_with(&summary) {
                to_summary = Some(started.elapsed());
            }
        }
        let out = child.wait_with_output().expect("wait for brev sync");
        let took = started.elapsed();
        assert!(
            out.status.success(),
            "brev sync failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (to_summary.expect("brev sync printed its summary"), took)
    }

    /// `brev sync` started in the background.
    pub fn spawn_sync(&self) -> Child {
        brev(&self.dir)
            .arg("sync")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run brev sync")
    }

    /// The Inbox's message count in the store.
    pub fn inbox_count(&self) -> usize {
        let store = Store::open_reader(&self.store_file()).expect("open the store");
        let inbox = store
            .folder_by_name(&self.account, "INBOX")
            .expect("query")
            .expect("the store has an INBOX");
        store.message_count(inbox.id).expect("count")
    }
}

/// `brev --profile DIR`, in English, with no keyring.
pub fn brev(dir: &Path) -> Command {
    let mut c = Command::new(binary());
    c.arg("--profile")
        .arg(dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("BREV_PROFILE")
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    c
}

/// Kills the process when dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// From spawning `brev sync` on a fresh profile to the moment the store
/// holds the newest 50 list rows of the Inbox (UIDs `top-49..=top`),
/// polled on a read-only connection every millisecond. The sync is then
/// killed.
pub fn newest_50(p: &BrevProfile, top_uid: u32) -> Duration {
    let want: Vec<u32> = (top_uid.saturating_sub(49)..=top_uid).rev().collect();
    let path = p.store_file();
    let started = Instant::now();
    let mut child = Running(p.spawn_sync());
    let deadline = started + Duration::from_secs(600);
    let mut reader: Option<Store> = None;
    loop {
        if reader.is_none() && path.exists() {
            reader = Store::open_reader(&path).ok();
        }
        if let Some(store) = &reader
            && let Ok(Some(inbox)) = store.folder_by_name(&p.account, "INBOX")
            && let Ok(rows) = store.page(inbox.id, 0, 50)
        {
            let mut uids: Vec<u32> = rows.iter().filter_map(|r| r.uid).collect();
            uids.sort_unstable_by(|a, b| b.cmp(a));
            if uids == want {
                return started.elapsed();
            }
        }
        if let Ok(Some(status)) = child.0.try_wait() {
            panic!("brev sync ended ({status}) before the newest 50 were stored");
        }
        assert!(Instant::now() < deadline, "the newest 50 never arrived");
        std::thread::sleep(Duration::from_millis(1));
    }
}
