//! Child processes that do not outlive the tests: spawning with a parent-death
//! signal, and finding a process's descendants in /proc.
//!
//! Choice for a killed test process (SIGKILL, a CI timeout): the Dovecot
//! master gets `PR_SET_PDEATHSIG = SIGTERM`, so it shuts down (and stops
//! its own children, `shutdown_clients = yes`) when we die. The signal fires
//! when the *thread* that spawned the child exits, and every Rust test runs
//! on its own thread, so children are spawned from one keeper thread that
//! lives as long as the process. This also cleans up servers kept in statics
//! (never dropped) at process exit. What is not cleaned up after a SIGKILL:
//! the temporary directory (it lives under the system temp dir).

use std::collections::BTreeSet;
use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

fn keeper() -> &'static Mutex<Sender<Job>> {
    static KEEPER: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    KEEPER.get_or_init(|| {
        let (tx, rx) = channel::<Job>();
        std::thread::Builder::new()
            .name("child-keeper".into())
            .spawn(move || {
                for job in rx {
                    job();
                }
            })
            .expect("start the child-keeper thread");
        Mutex::new(tx)
    })
}

/// Spawn `cmd` so that it gets SIGTERM when this test process dies.
pub fn spawn_tied_to_process(mut cmd: Command) -> io::Result<Child> {
    let (tx, rx) = channel();
    let job: Job = Box::new(move || {
        let parent = std::process::id() as libc::pid_t;
        // SAFETY: only async-signal-safe calls (prctl, getppid) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                    return Err(io::Error::last_os_error());
                }
                if libc::getppid() != parent {
                    return Err(io::Error::other("parent exited before exec"));
                }
                Ok(())
            });
        }
        let _ = tx.send(cmd.spawn());
    });
    keeper()
        .lock()
        .map_err(|_| io::Error::other("child-keeper lock poisoned"))?
        .send(job)
        .map_err(|_| io::Error::other("child-keeper thread is gone"))?;
    rx.recv()
        .map_err(|_| io::Error::other("child-keeper thread is gone"))?
}

/// A process, identified by pid and start time (so a reused pid is not
/// mistaken for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Proc {
    pub pid: i32,
    pub start: u64,
}

struct Stat {
    state: char,
    ppid: i32,
    start: u64,
}

fn stat(pid: i32) -> Option<Stat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ... starttime(22)"; comm may hold spaces and ')'.
    let rest = text.get(text.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(Stat {
        state: fields.first()?.chars().next()?,
        ppid: fields.get(1)?.parse().ok()?,
        start: fields.get(19)?.parse().ok()?,
    })
}

fn all_pids() -> Vec<i32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// All living descendants of `root` (not `root` itself).
pub fn descendants(root: i32) -> BTreeSet<Proc> {
    let table: Vec<(i32, Stat)> = all_pids()
        .into_iter()
        .filter_map(|pid| Some((pid, stat(pid)?)))
        .collect();
    let mut found = BTreeSet::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for (pid, st) in &table {
            if st.ppid == parent
                && st.state != 'Z'
                && found.insert(Proc {
                    pid: *pid,
                    start: st.start,
                })
            {
                frontier.push(*pid);
            }
        }
    }
    found
}

/// Whether `p` still runs (same pid and start time, not a zombie).
pub fn alive(p: &Proc) -> bool {
    stat(p.pid).is_some_and(|st| st.start == p.start && st.state != 'Z')
}

/// Send `signal` to `p` if it is still that process.
pub fn signal(p: &Proc, signal: libc::c_int) {
    if alive(p) {
        // SAFETY: plain kill(2) on a pid we checked just now.
        unsafe {
            libc::kill(p.pid, signal);
        }
    }
}

/// Pids of living processes whose command line contains `needle` (Dovecot
/// titles its processes `dovecot-<instance_name>/<service>`).
pub fn with_cmdline_containing(needle: &str) -> Vec<i32> {
    all_pids()
        .into_iter()
        .filter(|&pid| stat(pid).is_some_and(|st| st.state != 'Z'))
        .filter(|&pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).contains(needle))
                .unwrap_or(false)
        })
        .collect()
}

/// Socket inodes of TCP listeners on `127.0.0.1:port`.
fn listening_inodes(port: u16) -> Vec<u64> {
    let Ok(table) = std::fs::read_to_string("/proc/net/tcp") else {
        return Vec::new();
    };
    let local = format!("0100007F:{port:04X}");
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            (f.get(1) == Some(&local.as_str()) && f.get(3) == Some(&"0A"))
                .then(|| f.get(9)?.parse().ok())
                .flatten()
        })
        .collect()
}

/// Whether process `pid` holds the listening socket on `127.0.0.1:port`.
pub fn listens_on(pid: i32, port: u16) -> bool {
    let inodes = listening_inodes(port);
    if inodes.is_empty() {
        return false;
    }
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|target| {
            let t = target.to_str()?;
            t.strip_prefix("socket:[")?
                .strip_suffix(']')?
                .parse::<u64>()
                .ok()
        })
        .any(|inode| inodes.contains(&inode))
}
