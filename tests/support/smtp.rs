//! A real SMTP submission server for the sending tests: Debian's
//! python3-aiosmtpd running `smtpd.py` (beside this file) on loopback, with
//! STARTTLS (and optionally implicit TLS) using the test Dovecot's
//! certificate, AUTH PLAIN/LOGIN against the Dovecot users, delivering into
//! their Maildirs so the messages arrive over IMAP and POP3.
//!
//! The script prints `READY …` when it listens and `DATA n` for every
//! message it delivered; [`Smtpd::wait_data`] waits for those lines (no
//! sleeps). It is tied to the test process (parent-death signal, and it
//! exits when its stdin closes).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::dovecot::Dovecot;
use super::procs;

/// What the server does with the next message (after delivering it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Answer 250.
    Normal,
    /// Close the connection without answering.
    Drop,
    /// Never answer.
    Hang,
}

pub struct Smtpd {
    child: Option<Child>,
    _stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    /// The STARTTLS submission port.
    pub port: u16,
    /// The implicit-TLS port (0 when not started).
    pub tls_port: u16,
    mode_file: PathBuf,
    _dir: tempfile::TempDir,
}

/// A port nothing listens on right now (for "the server is down" tests,
/// started later with [`Smtpd::start_on`]).
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local addr").port()
}

const DEADLINE: Duration = Duration::from_secs(60);

impl Smtpd {
    /// On free ports, with an implicit-TLS port too.
    pub fn start(dovecot: &Dovecot) -> Smtpd {
        Smtpd::launch(dovecot, 0, true, None)
    }

    /// STARTTLS on `port` (chosen before, e.g. with [`free_port`]).
    pub fn start_on(dovecot: &Dovecot, port: u16) -> Smtpd {
        Smtpd::launch(dovecot, port, false, None)
    }

    /// Announcing (and enforcing) `SIZE limit`.
    pub fn start_with_size_limit(dovecot: &Dovecot, limit: u64) -> Smtpd {
        Smtpd::launch(dovecot, 0, false, Some(limit))
    }

    fn launch(dovecot: &Dovecot, port: u16, implicit: bool, size: Option<u64>) -> Smtpd {
        let dir = tempfile::Builder::new()
            .prefix("brev-smtpd-")
            .tempdir()
            .expect("temp dir");
        let mode_file = dir.path().join("mode");
        std::fs::write(&mode_file, "normal").expect("write mode");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtpd.py");
        let tls = dovecot.dir().join("tls");
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(&script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--cert")
            .arg(tls.join("cert.pem"))
            .arg("--key")
            .arg(tls.join("key.pem"))
            .arg("--users")
            .arg(dovecot.dir().join("users"))
            .arg("--homes")
            .arg(dovecot.dir().join("home"))
            .arg("--mode")
            .arg(&mode_file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if implicit {
            cmd.arg("--tls-port").arg("0");
        }
        if let Some(limit) = size {
            cmd.arg("--size-limit").arg(limit.to_string());
        }
        if let Some((uid, gid)) = dovecot.mail_owner() {
            cmd.arg("--uid")
                .arg(uid.to_string())
                .arg("--gid")
                .arg(gid.to_string());
        }
        let mut child = procs::spawn_tied_to_process(cmd)
            .expect("run /usr/bin/python3 tests/support/smtpd.py (apt install python3-aiosmtpd)");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("smtpd stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Smtpd {
            child: Some(child),
            _stdin: stdin,
            lines: rx,
            port: 0,
            tls_port: 0,
            mode_file,
            _dir: dir,
        };
        let ready = server
            .lines
            .recv_timeout(DEADLINE)
            .expect("smtpd.py did not start (is python3-aiosmtpd installed?)");
        let mut words = ready.split_whitespace();
        assert_eq!(words.next(), Some("READY"), "smtpd.py said {ready}");
        server.port = words.next().and_then(|p| p.parse().ok()).expect("port");
        server.tls_port = words.next().and_then(|p| p.parse().ok()).expect("tls port");
        server
    }

    /// What to do with the next messages.
    pub fn set_mode(&self, mode: Mode) {
        let word = match mode {
            Mode::Normal => "normal",
            Mode::Drop => "drop",
            Mode::Hang => "hang",
        };
        std::fs::write(&self.mode_file, word).expect("write mode");
    }

    /// Wait until the server has delivered one more message; its number
    /// (from 1).
    pub fn wait_data(&self) -> usize {
        let line = self
            .lines
            .recv_timeout(DEADLINE)
            .expect("the SMTP server received no message");
        line.strip_prefix("DATA ")
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("smtpd.py said {line}"))
    }

    /// Messages delivered since the last look, without waiting.
    pub fn delivered_now(&self) -> usize {
        self.lines
            .try_iter()
            .filter(|l| l.starts_with("DATA "))
            .count()
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        self.stop();
    }
}
