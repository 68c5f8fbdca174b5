//! `brev sync` on a POP3 account, killed in the middle of a download with
//! leave-a-copy off, then run again: every message is either still on the
//! server or in the store, never both gone, never stored twice.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use brev::store::{FolderRead, MessageRead, Store, UnindexedRead};
use support::{Dovecot, User, clients};

fn brev(profile: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brev"));
    cmd.arg("--profile")
        .arg(profile)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn add_account(profile: &Path, server: &Dovecot, user: &User) {
    let leaf = profile.join("leaf.der");
    std::fs::create_dir_all(profile).unwrap();
    std::fs::write(&leaf, server.leaf_der().as_ref()).unwrap();
    let port = server.pop3s_port().to_string();
    let email = user.address();
    let mut child = brev(
        profile,
        &[
            "account",
            "add",
            "--name",
            "Kari Nordmann",
            "--email",
            &email,
            "--protocol",
            "pop3",
            "--incoming-host",
            "127.0.0.1",
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
            leaf.to_str().unwrap(),
            "--leave-on-server",
            "false",
        ],
    )
    .spawn()
    .expect("run brev account add");
    writeln!(child.stdin.take().unwrap(), "{}", user.password).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "account add: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Start `brev sync`; its stdout lines arrive on the channel.
fn start_sync(profile: &Path) -> (Child, mpsc::Receiver<String>) {
    let mut child = brev(profile, &["sync"]).spawn().expect("run brev sync");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// `INBOX: 400 of 2000` → (400, 2000).
fn progress(line: &str) -> Option<(usize, usize)> {
    let (_, rest) = line.rsplit_once(": ")?;
    let mut words = rest.split_whitespace();
    let done = words.next()?.parse().ok()?;
    let total = words.nth(1)?.parse().ok()?;
    Some((done, total))
}

fn message_id(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let line = text
        .lines()
        .take_while(|l| !l.is_empty())
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))?;
    Some(
        line.split_once(':')?
            .1
            .trim()
            .trim_matches(['<', '>'])
            .to_owned(),
    )
}

/// Stored messages whose bodies were not read yet.
fn bodies_unread(profile: &Path) -> usize {
    let p = brev::profile::Profile::at(profile).expect("profile");
    let config = brev::config::Config::load(&p.config_file()).expect("config");
    let store = Store::open(&p.store_file()).expect("open store");
    config
        .accounts
        .iter()
        .map(|a| store.unindexed_count(&a.id).unwrap())
        .sum()
}

/// Message-IDs in the store → how often each is stored.
fn in_store(profile: &Path) -> HashMap<String, usize> {
    let p = brev::profile::Profile::at(profile).expect("profile");
    let config = brev::config::Config::load(&p.config_file()).expect("config");
    let mut out = HashMap::new();
    if !p.store_file().exists() {
        return out;
    }
    // Opening as the writer, as the next run would, recovers the WAL.
    let store = Store::open(&p.store_file()).expect("open store");
    for account in &config.accounts {
        for f in store.folders(&account.id).unwrap() {
            for row in store.page(f.id, 0, 1_000_000).unwrap() {
                let raw = store.raw(row.id).unwrap().unwrap_or_default();
                *out.entry(message_id(&raw).expect("a Message-ID"))
                    .or_insert(0) += 1;
            }
        }
    }
    out
}

async fn on_server(server: &Dovecot, user: &User) -> Vec<String> {
    let mut imap = clients::imaps(server, user).await;
    imap.select("INBOX").await.expect("SELECT");
    let ids = clients::fetch_meta(&mut imap)
        .await
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    imap.logout().await.expect("LOGOUT");
    ids
}

/// The invariant after any stop: server + store = the original set, and
/// nothing stored twice.
async fn check(
    server: &Dovecot,
    user: &User,
    profile: &Path,
    original: &[String],
    when: &str,
) -> (usize, usize) {
    let stored = in_store(profile);
    let remote = on_server(server, user).await;
    assert!(
        stored.values().all(|n| *n == 1),
        "{when}: a message stored twice"
    );
    for id in original {
        assert!(
            stored.contains_key(id) || remote.contains(id),
            "{when}: {id} is neither on the server nor in the store"
        );
    }
    assert!(
        stored.keys().all(|id| original.contains(id)),
        "{when}: stored mail that was never sent"
    );
    (stored.len(), remote.len())
}

/// Run `brev sync`, kill it (SIGKILL) once its progress (done, total)
/// satisfies `when`; returns the progress seen at the kill and whether the
/// run had already ended by itself.
fn sync_and_kill(profile: &Path, when: impl Fn(usize, usize) -> bool) -> (usize, bool) {
    let (mut child, lines) = start_sync(profile);
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        match lines.recv_timeout(Duration::from_millis(100)) {
            Ok(line) => {
                if let Some((done, total)) = progress(&line)
                    && when(done, total)
                {
                    child.kill().expect("kill brev sync");
                    let status = child.wait().unwrap();
                    return (done, status.success());
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let out = child.wait_with_output().unwrap();
                panic!(
                    "brev sync ended before it could be killed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        assert!(Instant::now() < deadline, "no progress from brev sync");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_download_then_restarted_loses_and_duplicates_nothing() {
    let server = Dovecot::start();
    let user = server.new_user();
    let original: Vec<String> = server
        .fill(&user, "INBOX", 2_000, 21)
        .into_iter()
        .map(|g| g.message_id)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path();
    add_account(profile, &server, &user);

    // Kill once a few batches are in, then again early in the next run.
    let (first, ended) = sync_and_kill(profile, |done, _| done >= 400);
    let (stored, remote) = check(&server, &user, profile, &original, "after the first kill").await;
    eprintln!("first kill at progress {first}: {stored} stored, {remote} on the server");
    assert!(
        !ended && stored >= first && stored < 2_000,
        "killed mid-download: {stored} stored"
    );
    assert_eq!(remote, 2_000, "no QUIT, nothing deleted");
    // Bodies are read after the session; a killed run leaves them waiting.
    assert_eq!(bodies_unread(profile), stored);

    let (second, _) = sync_and_kill(profile, |done, _| done >= 1);
    let (stored, remote) = check(&server, &user, profile, &original, "after the second kill").await;
    eprintln!("second kill at progress {second}: {stored} stored, {remote} on the server");

    // Third: at the end of the download, while DELE and QUIT are under way.
    let (third, ended) = sync_and_kill(profile, |done, total| done == total);
    let (stored, remote) = check(&server, &user, profile, &original, "after the third kill").await;
    eprintln!(
        "third kill at progress {third} (ended by itself: {ended}): {stored} stored, {remote} on the server"
    );
    assert_eq!(stored, 2_000, "every message was committed before the kill");

    // Run to the end.
    let out = brev(profile, &["sync"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (stored, remote) = check(&server, &user, profile, &original, "after the last run").await;
    assert_eq!((stored, remote), (2_000, 0), "{stdout}");
    // Including those the killed runs left.
    assert_eq!(bodies_unread(profile), 0, "{stdout}");

    // And nothing more happens after that.
    let out = brev(profile, &["sync"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(in_store(profile).len(), 2_000);
}
