//! A throwaway Dovecot (IMAP + POP3) per test, in a temporary directory,
//! following `notes/dovecot.md`. Works as root (mail uid 5000, internal user
//! `dovecot`) and as a normal user (everything runs as that user, no chroot).

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::{PermissionsExt, chown};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use brev::net::{Endpoint, Security, Trust};
use rustls_pki_types::CertificateDer;

use super::certs::TestPki;
use super::maildir::{self, Generated, Owner};
use super::procs;

/// How to start the server.
#[derive(Clone, Debug)]
pub struct Options {
    /// TLS on (IMAPS/POP3S listeners, STARTTLS/STLS offered). With `false`
    /// the server offers no STARTTLS and the IMAPS/POP3S ports do not listen.
    pub ssl: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { ssl: true }
    }
}

/// A mail account on the server.
#[derive(Clone, Debug)]
pub struct User {
    pub name: String,
    pub password: String,
    pub home: PathBuf,
}

impl User {
    pub fn maildir(&self) -> PathBuf {
        self.home.join("Maildir")
    }

    /// The user's address, as used in generated mail.
    pub fn address(&self) -> String {
        format!("{}@brev.test", self.name)
    }
}

/// The four listening ports (all on 127.0.0.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ports {
    pub imap: u16,
    pub imaps: u16,
    pub pop3: u16,
    pub pop3s: u16,
}

/// Who runs what: root (CI) or a normal user (a laptop).
struct Identity {
    internal_user: String,
    internal_group: String,
    login_user: String,
    mail_uid: u32,
    mail_gid: u32,
    root: bool,
}

impl Identity {
    fn detect() -> Identity {
        // SAFETY: geteuid/getegid cannot fail.
        let (euid, egid) = unsafe { (libc::geteuid(), libc::getegid()) };
        if euid == 0 {
            return Identity {
                internal_user: "dovecot".into(),
                internal_group: "dovecot".into(),
                login_user: "dovenull".into(),
                mail_uid: 5000,
                mail_gid: 5000,
                root: true,
            };
        }
        let user = user_name(euid).unwrap_or_else(|| std::env::var("USER").expect("no user name"));
        let group = group_name(egid).unwrap_or_else(|| user.clone());
        Identity {
            internal_user: user.clone(),
            internal_group: group,
            login_user: user,
            mail_uid: euid,
            mail_gid: egid,
            root: false,
        }
    }
}

fn user_name(uid: libc::uid_t) -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; the
    // name is copied out at once (tests start servers one call at a time per
    // thread; a race would only garble a name, never memory safety here).
    unsafe {
        let pw = libc::getpwuid(uid);
        if pw.is_null() {
            return None;
        }
        Some(
            std::ffi::CStr::from_ptr((*pw).pw_name)
                .to_string_lossy()
                .into_owned(),
        )
    }
}

fn group_name(gid: libc::gid_t) -> Option<String> {
    // SAFETY: as for `user_name`.
    unsafe {
        let gr = libc::getgrgid(gid);
        if gr.is_null() {
            return None;
        }
        Some(
            std::ffi::CStr::from_ptr((*gr).gr_name)
                .to_string_lossy()
                .into_owned(),
        )
    }
}

static SERVERS: AtomicUsize = AtomicUsize::new(0);

/// A running Dovecot. Dropping it stops the server and removes its files.
pub struct Dovecot {
    // Field order: the child is stopped in `Drop` before `dir` is removed.
    child: Option<Child>,
    instance: String,
    ports: Ports,
    opts: Options,
    pki: TestPki,
    ident: Identity,
    users_lock: Mutex<()>,
    user_counter: AtomicUsize,
    dir: tempfile::TempDir,
}

const START_ATTEMPTS: usize = 5;
const READY_DEADLINE: Duration = Duration::from_secs(30);

enum StartError {
    /// A port was taken: try again with others.
    PortTaken,
    Fatal(String),
}

impl Dovecot {
    /// A server with TLS (see [`Options`]).
    pub fn start() -> Dovecot {
        Dovecot::start_with(Options::default())
    }

    pub fn start_with(opts: Options) -> Dovecot {
        let dir = tempfile::Builder::new()
            .prefix("brev-dovecot-")
            .tempdir()
            .expect("create a temporary directory");
        // The mail processes (uid 5000 as root) must traverse it.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod temp dir");
        for sub in ["run", "state", "log", "tls", "home"] {
            fs::create_dir_all(dir.path().join(sub)).expect("create server directories");
        }
        let n = SERVERS.fetch_add(1, Ordering::Relaxed);
        let instance = format!("brev-test-{}-{n}", std::process::id());
        let pki = TestPki::new(&instance);
        let tls = dir.path().join("tls");
        fs::write(tls.join("cert.pem"), &pki.leaf_pem).expect("write cert");
        fs::write(tls.join("key.pem"), &pki.leaf_key_pem).expect("write key");
        fs::set_permissions(tls.join("key.pem"), fs::Permissions::from_mode(0o600))
            .expect("chmod key");
        let users = dir.path().join("users");
        fs::write(&users, "").expect("write users file");
        fs::set_permissions(&users, fs::Permissions::from_mode(0o644)).expect("chmod users file");

        let mut server = Dovecot {
            child: None,
            instance,
            ports: Ports {
                imap: 0,
                imaps: 0,
                pop3: 0,
                pop3s: 0,
            },
            opts,
            pki,
            ident: Identity::detect(),
            users_lock: Mutex::new(()),
            user_counter: AtomicUsize::new(0),
            dir,
        };
        for attempt in 1..=START_ATTEMPTS {
            server.ports = free_ports();
            match server.launch() {
                Ok(()) => return server,
                Err(StartError::PortTaken) if attempt < START_ATTEMPTS => server.stop(),
                Err(StartError::PortTaken) => {
                    let log = server.log();
                    server.stop();
                    panic!("Dovecot: ports kept being taken; last log:\n{log}");
                }
                Err(StartError::Fatal(why)) => {
                    let log = server.log();
                    server.stop();
                    panic!("Dovecot did not start: {why}\n--- log ---\n{log}");
                }
            }
        }
        unreachable!("the loop returns or panics")
    }

    fn launch(&mut self) -> Result<(), StartError> {
        let log_dir = self.dir.path().join("log");
        let _ = fs::remove_file(log_dir.join("dovecot.log"));
        fs::write(self.conf_path(), self.config()).expect("write dovecot.conf");
        let stderr = fs::File::create(log_dir.join("stderr.log")).expect("create stderr.log");
        let stdout = stderr.try_clone().expect("dup stderr.log");
        let mut cmd = Command::new("dovecot");
        cmd.arg("-F")
            .arg("-c")
            .arg(self.conf_path())
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr);
        let child = procs::spawn_tied_to_process(cmd).map_err(|e| {
            StartError::Fatal(format!("cannot run dovecot (is it installed?): {e}"))
        })?;
        self.child = Some(child);
        self.wait_ready()
    }

    fn listening_ports(&self) -> Vec<u16> {
        let p = self.ports;
        if self.opts.ssl {
            vec![p.imap, p.imaps, p.pop3, p.pop3s]
        } else {
            vec![p.imap, p.pop3]
        }
    }

    /// Poll until the master holds every listener and IMAP greets.
    fn wait_ready(&mut self) -> Result<(), StartError> {
        let deadline = Instant::now() + READY_DEADLINE;
        let ports = self.listening_ports();
        loop {
            let Some(child) = self.child.as_mut() else {
                return Err(StartError::Fatal("no child".into()));
            };
            if let Ok(Some(status)) = child.try_wait() {
                let log = self.log();
                return Err(if log.contains("Address already in use") {
                    StartError::PortTaken
                } else {
                    StartError::Fatal(format!("dovecot exited with {status}"))
                });
            }
            let pid = child.id() as i32;
            if ports.iter().all(|&port| procs::listens_on(pid, port)) {
                return self.check_greeting();
            }
            if Instant::now() > deadline {
                return Err(StartError::Fatal("not listening after 30 s".into()));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn check_greeting(&self) -> Result<(), StartError> {
        let fail = |e: std::io::Error| StartError::Fatal(format!("IMAP greeting: {e}"));
        let mut s = TcpStream::connect(("127.0.0.1", self.ports.imap)).map_err(fail)?;
        s.set_read_timeout(Some(Duration::from_secs(20)))
            .map_err(fail)?;
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).map_err(fail)?;
        let greeting = String::from_utf8_lossy(buf.get(..n).unwrap_or_default()).into_owned();
        if greeting.starts_with("* OK") {
            let _ = s.write_all(b"a LOGOUT\r\n");
            Ok(())
        } else {
            Err(StartError::Fatal(format!(
                "unexpected IMAP greeting {greeting:?}"
            )))
        }
    }

    fn config(&self) -> String {
        let d = self.dir.path().display();
        let id = &self.ident;
        let p = self.ports;
        let chroot = if id.root { "" } else { "  chroot =\n" };
        format!(
            r#"instance_name = {instance}
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/log/dovecot.log
info_log_path = {d}/log/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
shutdown_clients = yes
default_internal_user = {iu}
default_internal_group = {ig}
default_login_user = {lu}
ssl = {ssl}
ssl_cert = <{d}/tls/cert.pem
ssl_key = <{d}/tls/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/users
  default_fields = uid={uid} gid={gid} home={d}/home/%u
}}
mail_location = maildir:~/Maildir
first_valid_uid = 1
mail_fsync = never
mail_plugins = $mail_plugins quota
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \Trash
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \Junk
    auto = subscribe
  }}
  mailbox Archive {{
    special_use = \Archive
    auto = create
  }}
}}
plugin {{
  quota = count:User quota
  quota_vsizes = yes
  quota_rule = *:storage=10G
}}
protocol imap {{
  mail_plugins = $mail_plugins imap_quota imap_zlib
  mail_max_userip_connections = 200
}}
protocol pop3 {{
  mail_max_userip_connections = 50
  pop3_uidl_format = %08Xu%08Xv
}}
service anvil {{
{chroot}}}
service imap-login {{
{chroot}  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
{chroot}  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = {pop3s}
    ssl = yes
  }}
}}
"#,
            instance = self.instance,
            iu = id.internal_user,
            ig = id.internal_group,
            lu = id.login_user,
            ssl = if self.opts.ssl { "yes" } else { "no" },
            uid = id.mail_uid,
            gid = id.mail_gid,
            imap = p.imap,
            imaps = p.imaps,
            pop3 = p.pop3,
            pop3s = p.pop3s,
        )
    }

    /// Stop the server: TERM, up to 5 s, KILL; then end its leftover
    /// descendants (collected before signalling: idle pop3 children were
    /// seen to outlive the master). Idempotent.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = child.id() as i32;
        let mut family = procs::descendants(pid);
        if let Ok(None) = child.try_wait() {
            // SAFETY: kill(2) on our own child, not yet reaped.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
            family.extend(procs::descendants(pid));
            let deadline = Instant::now() + Duration::from_secs(5);
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if let Ok(None) = child.try_wait() {
                let _ = child.kill();
            }
        }
        let _ = child.wait();
        for p in &family {
            procs::signal(p, libc::SIGKILL);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while family.iter().any(procs::alive) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Add a user (`name`: letters, digits, `.`, `-`, `_`) with an empty
    /// Maildir. Safe to call from parallel tests on a shared server.
    pub fn add_user(&self, name: &str, password: &str) -> User {
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
                && !password.contains([':', '\n']),
            "bad test user {name:?}"
        );
        let _guard = self.users_lock.lock().unwrap_or_else(|e| e.into_inner());
        let users_file = self.dir.path().join("users");
        let existing = fs::read_to_string(&users_file).expect("read users file");
        assert!(
            !existing.lines().any(|l| l.split(':').next() == Some(name)),
            "user {name} exists already"
        );
        let home = self.dir.path().join("home").join(name);
        let maildir = home.join("Maildir");
        for sub in ["cur", "new", "tmp"] {
            fs::create_dir_all(maildir.join(sub)).expect("create Maildir");
        }
        if let Some((uid, gid)) = self.mail_owner() {
            for p in [
                home.clone(),
                maildir.clone(),
                maildir.join("cur"),
                maildir.join("new"),
                maildir.join("tmp"),
            ] {
                chown(&p, Some(uid), Some(gid)).expect("chown home");
            }
        }
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(&users_file)
            .expect("open users file");
        f.write_all(format!("{name}:{{PLAIN}}{password}::::::\n").as_bytes())
            .expect("append to users file");
        User {
            name: name.to_owned(),
            password: password.to_owned(),
            home,
        }
    }

    /// A user with a fresh unique name (`user1`, `user2`, …).
    pub fn new_user(&self) -> User {
        let n = self.user_counter.fetch_add(1, Ordering::Relaxed) + 1;
        self.add_user(&format!("user{n}"), &format!("pw-{n}-Hemligt"))
    }

    /// Write `n` generated messages into `user`'s `folder` (`INBOX`, `Sent`,
    /// `Archive/2023`, …), dates over the past two years, deterministic from
    /// `seed`. See [`maildir`] for the layout and UID order.
    pub fn fill(&self, user: &User, folder: &str, n: usize, seed: u64) -> Vec<Generated> {
        self.fill_until(user, folder, n, seed, maildir::today_midnight())
    }

    /// Like [`Dovecot::fill`], with the newest date at most `end` (unix s).
    pub fn fill_until(
        &self,
        user: &User,
        folder: &str,
        n: usize,
        seed: u64,
        end: i64,
    ) -> Vec<Generated> {
        let addr = user.address();
        let owner = Owner {
            name: &user.name,
            addr: &addr,
            ids: self.mail_owner(),
        };
        maildir::fill(&user.maildir(), &owner, folder, n, seed, end)
    }

    /// uid/gid that mail files must belong to (root only; else files are
    /// already ours).
    pub fn mail_owner(&self) -> Option<(u32, u32)> {
        self.ident
            .root
            .then_some((self.ident.mail_uid, self.ident.mail_gid))
    }

    /// `doveadm -c <conf> args…`.
    pub fn doveadm(&self, args: &[&str]) -> Output {
        Command::new("doveadm")
            .arg("-c")
            .arg(self.conf_path())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run doveadm")
    }

    /// `doveadm` that must succeed; returns stdout.
    pub fn doveadm_ok(&self, args: &[&str]) -> String {
        let out = self.doveadm(args);
        assert!(
            out.status.success(),
            "doveadm {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.log()
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The server log (plus anything Dovecot printed on stderr).
    pub fn log(&self) -> String {
        let dir = self.dir.path().join("log");
        let mut text = fs::read_to_string(dir.join("dovecot.log")).unwrap_or_default();
        let stderr = fs::read_to_string(dir.join("stderr.log")).unwrap_or_default();
        if !stderr.trim().is_empty() {
            text.push_str("\n--- stderr ---\n");
            text.push_str(&stderr);
        }
        text
    }

    /// Poll the log until `pred` holds for it, up to `timeout`. Dovecot
    /// writes some lines (e.g. disconnects) just after the event.
    pub fn wait_for_log(&self, timeout: Duration, pred: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if pred(&self.log()) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn host(&self) -> &'static str {
        "127.0.0.1"
    }

    pub fn ports(&self) -> Ports {
        self.ports
    }

    pub fn imap_port(&self) -> u16 {
        self.ports.imap
    }

    pub fn imaps_port(&self) -> u16 {
        self.ports.imaps
    }

    pub fn pop3_port(&self) -> u16 {
        self.ports.pop3
    }

    pub fn pop3s_port(&self) -> u16 {
        self.ports.pop3s
    }

    /// An endpoint on this server (`localhost`, so the name is checked).
    pub fn endpoint(&self, port: u16, security: Security) -> Endpoint {
        Endpoint {
            host: "localhost".into(),
            port,
            security,
        }
    }

    /// Trust exactly this server's test CA.
    pub fn trust(&self) -> Trust {
        Trust {
            system_roots: false,
            extra_roots: vec![self.ca_der()],
            pinned_sha256: Vec::new(),
        }
    }

    pub fn ca_der(&self) -> CertificateDer<'static> {
        self.pki.ca_der.clone()
    }

    pub fn ca_pem(&self) -> &str {
        &self.pki.ca_pem
    }

    pub fn leaf_der(&self) -> CertificateDer<'static> {
        self.pki.leaf_der.clone()
    }

    pub fn conf_path(&self) -> PathBuf {
        self.dir.path().join("dovecot.conf")
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn instance_name(&self) -> &str {
        &self.instance
    }

    /// The master's pid while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Four free ports on 127.0.0.1 (held together while choosing, so they are
/// distinct; another process may still take one before Dovecot binds it —
/// `start_with` then retries).
fn free_ports() -> Ports {
    let listeners: Vec<TcpListener> = (0..4)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("bind a free port"))
        .collect();
    let port = |i: usize| listeners[i].local_addr().expect("local addr").port();
    Ports {
        imap: port(0),
        imaps: port(1),
        pop3: port(2),
        pop3s: port(3),
    }
}
