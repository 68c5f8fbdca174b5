//! The peers, run as their users run them: `mbsync` copying INBOX to a
//! Maildir over IMAPS, `fetchmail` over POP3S into a BSMTP sink (no
//! process per message), keeping the messages and remembering UIDLs, or
//! (its default) removing them from the server.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Dovecot, User};

/// Whether `tool` runs here.
pub fn installed(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// One `mbsync` run for INBOX with its config and Maildir in `dir` (a
/// first run copies everything; later ones find no change). Its time.
pub fn mbsync(dir: &Path, server: &Dovecot, user: &User) -> Duration {
    let ca = dir.join("ca.pem");
    let mail = dir.join("mail");
    let conf = dir.join("mbsyncrc");
    if !conf.exists() {
        std::fs::create_dir_all(&mail).expect("create the mbsync Maildir");
        std::fs::write(&ca, server.ca_pem()).expect("write the CA");
        std::fs::write(
            &conf,
            format!(
                "IMAPAccount t\nHost localhost\nPort {port}\nUser {u}\nPass {pw}\nSSLType IMAPS\nCertificateFile {ca}\n\n\
                 IMAPStore remote\nAccount t\n\n\
                 MaildirStore local\nPath {mail}/\nInbox {mail}/INBOX\n\n\
                 Channel c\nFar :remote:\nNear :local:\nPatterns INBOX\nCreate Near\nSyncState *\n",
                port = server.imaps_port(),
                u = user.name,
                pw = user.password,
                ca = ca.display(),
                mail = mail.display(),
            ),
        )
        .expect("write mbsyncrc");
    }
    let started = Instant::now();
    let out = Command::new("mbsync")
        .arg("-c")
        .arg(&conf)
        .arg("-q")
        .arg("c")
        .stdin(Stdio::null())
        .output()
        .expect("run mbsync");
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "mbsync failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Messages in mbsync's copy of INBOX.
pub fn mbsync_count(dir: &Path) -> usize {
    ["cur", "new"]
        .iter()
        .map(|sub| {
            std::fs::read_dir(dir.join("mail/INBOX").join(sub))
                .map(|d| d.count())
                .unwrap_or(0)
        })
        .sum()
}

/// One `fetchmail` run over POP3S with its home in `home` (a first run
/// downloads everything; later ones find nothing new). With `keep` false,
/// fetchmail's default, it removes what it fetched. Its time.
pub fn fetchmail(home: &Path, server: &Dovecot, user: &User, keep: bool) -> Duration {
    let rc = home.join("fetchmailrc");
    if !rc.exists() {
        std::fs::create_dir_all(home).expect("create the fetchmail home");
        let ca = home.join("ca.pem");
        std::fs::write(&ca, server.ca_pem()).expect("write the CA");
        std::fs::write(
            &rc,
            format!(
                "set no syslog\npoll localhost port {} protocol POP3 uidl\n  user \"{}\" password \"{}\"\n  \
                 ssl sslcertck sslcertfile \"{}\" {} bsmtp /dev/null\n",
                server.pop3s_port(),
                user.name,
                user.password,
                ca.display(),
                if keep { "keep" } else { "no keep" }
            ),
        )
        .expect("write fetchmailrc");
        std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600))
            .expect("chmod fetchmailrc");
    }
    let started = Instant::now();
    let out = Command::new("fetchmail")
        .arg("-f")
        .arg(&rc)
        .arg("-i")
        .arg(home.join("uids"))
        .arg("--pidfile")
        .arg(home.join("pid"))
        .args(["--nodetach", "-s"])
        .env("FETCHMAILHOME", home)
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .expect("run fetchmail");
    let took = started.elapsed();
    // 0: mail fetched; 1: no mail.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "fetchmail: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// UIDLs fetchmail remembers (one line each in its `uids` file).
pub fn fetchmail_seen(home: &Path) -> usize {
    std::fs::read_to_string(home.join("uids"))
        .map(|t| t.lines().filter(|l| !l.trim().is_empty()).count())
        .unwrap_or(0)
}
