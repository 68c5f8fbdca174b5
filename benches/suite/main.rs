//! Brev's benchmark suite: Brev beside mbsync and fetchmail on the same
//! test Dovecot, in one run (issue 8). `scripts/bench` runs it in release:
//!
//! ```sh
//! cargo bench --bench suite -- [--rounds N]
//! ```
//!
//! Without `--bench` (i.e. under `cargo test --all-targets`) it runs the
//! tiny variant: a few hundred messages, one round, peers only when they
//! are installed, checking that every measurement produced a sane result
//! (never a timing). Results: a table on stdout and JSON under
//! `target/bench/` (`results.json`, or `tiny.json` for the tiny run).

#[path = "../../tests/support/mod.rs"]
mod support;

mod brev_cli;
mod floor;
mod local;
mod mailboxes;
mod peers;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use brev_cli::{BrevProfile, Proto};
use support::{Dovecot, User};

struct Args {
    tiny: bool,
    /// `--serve`: set up the small mailbox and a Brev profile for IMAP and
    /// POP3 on the test Dovecot, print them, and wait (for profiling).
    serve: bool,
    rounds: usize,
    small: usize,
    big: usize,
}

impl Args {
    /// Rounds of a measurement that takes well under a second (a check or
    /// sync with nothing new): at least 11 in a full run, because a single
    /// session's time moves by 10-20% with the machine's other work.
    fn quick_rounds(&self) -> usize {
        if self.tiny {
            self.rounds
        } else {
            self.rounds.max(11)
        }
    }

    fn parse() -> Args {
        let argv: Vec<String> = std::env::args().skip(1).collect();
        // cargo bench passes --bench; cargo test passes nothing of ours.
        let tiny = !argv.iter().any(|a| a == "--bench") || argv.iter().any(|a| a == "--tiny");
        let value = |name: &str| -> Option<usize> {
            let i = argv.iter().position(|a| a == name)?;
            let v = argv.get(i + 1)?;
            Some(
                v.parse()
                    .unwrap_or_else(|_| panic!("{name} wants a number, not {v:?}")),
            )
        };
        let (small, big, rounds) = if tiny {
            (200, 300, 1)
        } else {
            (10_000, 100_000, 3)
        };
        Args {
            tiny,
            serve: argv.iter().any(|a| a == "--serve"),
            rounds: value("--rounds").unwrap_or(rounds).max(1),
            small: value("--small").unwrap_or(small).max(10),
            big: value("--big").unwrap_or(big).max(60),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Seconds,
    Bytes,
}

#[derive(Clone, Copy)]
enum Goal {
    /// Brev / peer at most this.
    Ratio(f64),
    /// Brev at most this (in the row's unit).
    Max(f64),
    None,
}

/// One line of the table.
struct Row {
    key: &'static str,
    what: String,
    unit: Unit,
    brev: Vec<f64>,
    peer: Option<(&'static str, Vec<f64>)>,
    floor: Vec<f64>,
    goal: Goal,
    note: String,
}

fn median(v: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn secs(d: &[Duration]) -> Vec<f64> {
    d.iter().map(Duration::as_secs_f64).collect()
}

impl Row {
    fn new(key: &'static str, what: impl Into<String>, brev: Vec<f64>) -> Row {
        Row {
            key,
            what: what.into(),
            unit: Unit::Seconds,
            brev,
            peer: None,
            floor: Vec::new(),
            goal: Goal::None,
            note: String::new(),
        }
    }

    fn peer(mut self, name: &'static str, samples: Vec<f64>) -> Row {
        if !samples.is_empty() {
            self.peer = Some((name, samples));
        }
        self
    }

    fn floor(mut self, samples: Vec<f64>) -> Row {
        self.floor = samples;
        self
    }

    fn goal(mut self, goal: Goal) -> Row {
        self.goal = goal;
        self
    }

    fn note(mut self, note: impl Into<String>) -> Row {
        self.note = note.into();
        self
    }

    fn peer_median(&self) -> Option<f64> {
        self.peer.as_ref().and_then(|(_, s)| median(s))
    }

    fn ratio_peer(&self) -> Option<f64> {
        Some(median(&self.brev)? / self.peer_median()?)
    }

    fn ratio_floor(&self) -> Option<f64> {
        Some(median(&self.brev)? / median(&self.floor)?)
    }

    fn pass(&self) -> Option<bool> {
        match self.goal {
            Goal::Ratio(max) => self.ratio_peer().map(|r| r <= max),
            Goal::Max(max) => median(&self.brev).map(|b| b <= max),
            Goal::None => None,
        }
    }

    fn fmt(&self, v: f64) -> String {
        match self.unit {
            Unit::Bytes => format!("{:.0} MB", v / 1e6),
            Unit::Seconds if v < 1.0 => format!("{:.1} ms", v * 1e3),
            Unit::Seconds => format!("{v:.2} s"),
        }
    }

    fn goal_text(&self) -> String {
        match self.goal {
            Goal::Ratio(max) => {
                let peer = self.peer.as_ref().map(|(n, _)| *n).unwrap_or("peer");
                format!("≤ {max}× {peer}")
            }
            Goal::Max(max) => format!("≤ {}", self.fmt(max)),
            Goal::None => "—".into(),
        }
    }

    fn cells(&self) -> Vec<String> {
        let dash = || "—".to_owned();
        let brev = median(&self.brev).map(|v| self.fmt(v)).unwrap_or_else(dash);
        let peer = match (&self.peer, self.peer_median()) {
            (Some((name, _)), Some(v)) => format!("{name} {}", self.fmt(v)),
            _ => dash(),
        };
        let ratio = |r: Option<f64>| r.map(|r| format!("{r:.2}×")).unwrap_or_else(dash);
        let floor = median(&self.floor)
            .map(|v| self.fmt(v))
            .unwrap_or_else(dash);
        let verdict = match self.pass() {
            Some(true) => "pass".into(),
            Some(false) => "**miss**".into(),
            None => dash(),
        };
        vec![
            self.what.clone(),
            brev,
            peer,
            ratio(self.ratio_peer()),
            floor,
            ratio(self.ratio_floor()),
            self.goal_text(),
            verdict,
        ]
    }

    fn json(&self) -> Value {
        let (peer, peer_samples) = match &self.peer {
            Some((n, s)) => (Some(*n), s.clone()),
            None => (None, Vec::new()),
        };
        let (goal_kind, goal_value) = match self.goal {
            Goal::Ratio(v) => ("brev_over_peer_at_most", Some(v)),
            Goal::Max(v) => ("brev_at_most", Some(v)),
            Goal::None => ("none", None),
        };
        json!({
            "key": self.key,
            "what": self.what,
            "unit": match self.unit { Unit::Seconds => "s", Unit::Bytes => "bytes" },
            "brev": median(&self.brev),
            "brev_samples": self.brev,
            "peer": peer,
            "peer_value": self.peer_median(),
            "peer_samples": peer_samples,
            "floor": median(&self.floor),
            "floor_samples": self.floor,
            "brev_over_peer": self.ratio_peer(),
            "brev_over_floor": self.ratio_floor(),
            "goal": {"kind": goal_kind, "value": goal_value, "text": self.goal_text()},
            "pass": self.pass(),
            "note": self.note,
        })
    }

    /// The tiny run's check: every figure measured is a real, positive number.
    fn assert_sane(&self) {
        let all = self
            .brev
            .iter()
            .chain(self.floor.iter())
            .chain(self.peer.iter().flat_map(|(_, s)| s.iter()));
        for v in all {
            assert!(v.is_finite() && *v > 0.0, "{}: a bad figure {v}", self.key);
        }
        assert!(!self.brev.is_empty(), "{}: Brev was not measured", self.key);
    }
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| measurement | Brev | peer | Brev/peer | floor | Brev/floor | goal | |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!("| {} |\n", r.cells().join(" | ")));
    }
    out
}

fn sh(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn machine(load_start: &str) -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .unwrap_or("unknown")
        .trim()
        .to_owned();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mem_kb: u64 = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0);
    let root = env!("CARGO_MANIFEST_DIR");
    let commit = sh("git", &["-C", root, "rev-parse", "--short=12", "HEAD"]);
    let dirty = !sh("git", &["-C", root, "status", "--porcelain"]).is_empty();
    json!({
        "cpu": cpu,
        "cores": cores,
        "memory_gb": (mem_kb as f64 / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        "kernel": std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim(),
        "os": sh("sh", &["-c", ". /etc/os-release 2>/dev/null && echo \"$PRETTY_NAME\""]),
        "date": sh("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]),
        "git_commit": if dirty { format!("{commit}+uncommitted changes") } else { commit },
        "load_average_start": load_start,
        "load_average_end": loadavg(),
        "dovecot": sh("dovecot", &["--version"]),
        "mbsync": sh("sh", &["-c", "mbsync --version 2>&1"]),
        "fetchmail": sh("sh", &["-c", "fetchmail --version 2>/dev/null | head -n1"]),
        "build": if cfg!(debug_assertions) { "debug" } else { "release" },
    })
}

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench")
}

fn say(what: &str) {
    eprintln!("bench: {what}");
}

/// Count `messages=N` of INBOX as Dovecot sees it (also makes Dovecot
/// index a freshly linked Maildir before anything is timed).
fn server_count(server: &Dovecot, user: &User) -> usize {
    let out = server.doveadm_ok(&["mailbox", "status", "-u", &user.name, "messages", "INBOX"]);
    out.split_whitespace()
        .find_map(|w| w.strip_prefix("messages="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {out:?}"))
}

/// Make `user`'s INBOX the cached mailbox. (Users are all added before the
/// first login: Dovecot's passwd-file is not always re-read at once.)
fn fill_from(server: &Dovecot, user: &User, cached: &mailboxes::Cached) {
    mailboxes::link_into(cached, &user.maildir(), server.mail_owner());
    assert_eq!(server_count(server, user), cached.count);
}

/// Link the cached mailbox into `user`'s emptied INBOX again. Dovecot's
/// index files go first: to Dovecot, a file name it saw expunged that
/// comes back is an inconsistency, and its sync stops at the first one.
fn refill(server: &Dovecot, user: &User, cached: &mailboxes::Cached) {
    let maildir = user.maildir();
    for entry in std::fs::read_dir(&maildir).expect("read the Maildir") {
        let path = entry.expect("read the Maildir").path();
        let index = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("dovecot"));
        if index && path.is_file() {
            std::fs::remove_file(&path).expect("remove a Dovecot index file");
        }
    }
    fill_from(server, user, cached);
}

struct Bench {
    args: Args,
    work: tempfile::TempDir,
    runtime: tokio::runtime::Runtime,
    mbsync: bool,
    fetchmail: bool,
    xvfb: bool,
    rows: Vec<Row>,
    profiles: usize,
}

impl Bench {
    fn profile_dir(&mut self, tag: &str) -> PathBuf {
        self.profiles += 1;
        self.work.path().join(format!("{tag}-{}", self.profiles))
    }

    fn fresh(&mut self, tag: &str, server: &Dovecot, user: &User, proto: Proto) -> BrevProfile {
        let dir = self.profile_dir(tag);
        BrevProfile::create(&dir, server, user, proto)
    }

    fn drop_profile(p: BrevProfile) {
        let _ = std::fs::remove_dir_all(&p.dir);
    }

    fn imap_full(&mut self, server: &Dovecot, user: &User, n: usize) {
        let (mut brev, mut mbsync, mut floor) = (Vec::new(), Vec::new(), Vec::new());
        for round in 1..=self.args.rounds {
            say(&format!("IMAP full sync of {n}, round {round}"));
            let f = self.runtime.block_on(floor::imap(server, user));
            assert_eq!(f.messages, n, "the floor fetched every message");
            assert!(f.bytes > 0, "the floor fetched bytes");
            floor.push(f.took.as_secs_f64());
            if self.mbsync {
                let dir = self.profile_dir("mbsync");
                mbsync.push(peers::mbsync(&dir, server, user).as_secs_f64());
                assert_eq!(peers::mbsync_count(&dir), n, "mbsync copied every message");
                let _ = std::fs::remove_dir_all(&dir);
            }
            let p = self.fresh("imap-full", server, user, Proto::Imap);
            brev.push(p.sync().as_secs_f64());
            assert_eq!(p.inbox_count(), n, "brev sync stored every message");
            Bench::drop_profile(p);
        }
        self.rows.push(
            Row::new(
                "imap_full_small",
                format!("IMAP full sync, {} INBOX over TLS", count(n)),
                brev,
            )
            .peer("mbsync", mbsync)
            .floor(floor)
            .goal(Goal::Ratio(0.4))
            .note(
                "headless `brev sync` (bodies, parsing, full-text index) into a fresh profile; \
                 mbsync into an empty Maildir; floor: UID FETCH 1:* BODY.PEEK[] read to the end",
            ),
        );
    }

    fn pop(&mut self, server: &Dovecot, user: &User, cached: &mailboxes::Cached) {
        let n = cached.count;
        let (mut brev, mut fetch, mut floor) = (Vec::new(), Vec::new(), Vec::new());
        let mut whole = Vec::new();
        for round in 1..=self.args.rounds {
            say(&format!("POP3 download of {n}, round {round}"));
            let f = self.runtime.block_on(floor::pop3(server, user, false));
            assert_eq!(f.messages, n, "the floor fetched every message");
            assert!(f.bytes > 0, "the floor fetched bytes");
            floor.push(f.took.as_secs_f64());
            if self.fetchmail {
                let home = self.profile_dir("fetchmail");
                fetch.push(peers::fetchmail(&home, server, user, true).as_secs_f64());
                assert_eq!(
                    peers::fetchmail_seen(&home),
                    n,
                    "fetchmail saw every message"
                );
                let _ = std::fs::remove_dir_all(&home);
            }
            let p = self.fresh("pop-full", server, user, Proto::Pop3);
            let (download, all) = p.sync_phases();
            brev.push(download.as_secs_f64());
            whole.push(all.as_secs_f64());
            assert_eq!(p.inbox_count(), n, "brev sync stored every message");
            Bench::drop_profile(p);
        }
        let fetch_again = fetch.clone();
        self.rows.push(
            Row::new(
                "pop_download_small",
                format!("POP3 download, {} over POP3S", count(n)),
                brev,
            )
            .peer("fetchmail", fetch)
            .floor(floor)
            .goal(Goal::Ratio(0.4))
            .note(
                "leave a copy on the server; headless `brev sync` into a fresh profile (durable \
                 commits), timed to its summary line, printed when the session is over; \
                 fetchmail into a BSMTP sink; floor: pipelined RETR read to the end",
            ),
        );
        self.rows.push(
            Row::new(
                "pop_download_small_bodies",
                format!("POP3 download, {}, bodies read too", count(n)),
                whole,
            )
            .peer("fetchmail", fetch_again)
            .note(
                "the same runs to exit: after the session, `brev sync` reads the bodies \
                 (previews, attachment lists, search words)",
            ),
        );

        // Nothing new, leave-a-copy: both have seen every message.
        let p = self.fresh("pop-nochange", server, user, Proto::Pop3);
        p.sync();
        let home = self.profile_dir("fetchmail-nochange");
        if self.fetchmail {
            peers::fetchmail(&home, server, user, true);
        }
        let (mut brev, mut fetch, mut floor) = (Vec::new(), Vec::new(), Vec::new());
        for round in 1..=self.args.quick_rounds() {
            say(&format!("POP3 check with nothing new, round {round}"));
            let f = self.runtime.block_on(floor::pop3_uidl(server, user));
            floor.push(f.as_secs_f64());
            if self.fetchmail {
                fetch.push(peers::fetchmail(&home, server, user, true).as_secs_f64());
            }
            brev.push(p.sync().as_secs_f64());
            assert_eq!(p.inbox_count(), n, "nothing new, nothing lost");
        }
        Bench::drop_profile(p);
        let _ = std::fs::remove_dir_all(&home);
        self.rows.push(
            Row::new(
                "pop_nochange_small",
                format!(
                    "POP3 check with nothing new, {} left on the server",
                    count(n)
                ),
                brev,
            )
            .peer("fetchmail", fetch)
            .floor(floor)
            .goal(Goal::Ratio(1.0))
            .note("headless `brev sync` and fetchmail, each having seen every message; floor: USER, PASS, UIDL"),
        );
        self.pop_remove(server, user, cached);
    }

    /// The download with leave-a-copy off: every message removed from the
    /// server once stored (fetchmail's default). The mailbox is linked in
    /// again after each run.
    fn pop_remove(&mut self, server: &Dovecot, user: &User, cached: &mailboxes::Cached) {
        let n = cached.count;
        let emptied = |what: &str| {
            assert_eq!(
                server_count(server, user),
                0,
                "{what} removed every message"
            );
            refill(server, user, cached);
        };
        let (mut brev, mut fetch, mut floor) = (Vec::new(), Vec::new(), Vec::new());
        for round in 1..=self.args.rounds {
            say(&format!(
                "POP3 download of {n} removed from the server, round {round}"
            ));
            let f = self.runtime.block_on(floor::pop3(server, user, true));
            assert_eq!(f.messages, n, "the floor fetched every message");
            floor.push(f.took.as_secs_f64());
            emptied("the floor");
            if self.fetchmail {
                let home = self.profile_dir("fetchmail-remove");
                fetch.push(peers::fetchmail(&home, server, user, false).as_secs_f64());
                emptied("fetchmail");
                let _ = std::fs::remove_dir_all(&home);
            }
            let dir = self.profile_dir("pop-remove");
            let p = BrevProfile::create_with(
                &dir,
                server,
                user,
                Proto::Pop3,
                &["--leave-on-server", "false"],
            );
            brev.push(p.sync_phases().0.as_secs_f64());
            assert_eq!(p.inbox_count(), n, "brev sync stored every message");
            emptied("brev sync");
            Bench::drop_profile(p);
        }
        self.rows.push(
            Row::new(
                "pop_download_remove_small",
                format!("POP3 download, {}, removed from the server", count(n)),
                brev,
            )
            .peer("fetchmail", fetch)
            .floor(floor)
            .goal(Goal::Ratio(0.4))
            .note(
                "leave a copy off: `DELE` only after the durable commit; headless `brev sync` \
                 into a fresh profile, timed to its summary line; fetchmail (its default, no \
                 `keep`) into a BSMTP sink; floor: pipelined RETR and DELE, then QUIT answered",
            ),
        );
    }

    fn big(&mut self, server: &Dovecot, user: &User, n: usize) {
        let top = u32::try_from(n).expect("UIDs fit");
        // The first session that asks for the newest messages' list fields
        // finds them in no cache of Dovecot's, which then parses those 50
        // files (~250 ms on a slow day here); it caches the fields for the
        // sessions after, and for mail that arrives later. A mailbox in daily
        // use has them cached: that first session gets a row of its own, and
        // the goal is judged on the rounds after it.
        say(&format!("IMAP newest 50 of {n}, Dovecot's cache cold"));
        let p = self.fresh("newest50", server, user, Proto::Imap);
        let first = brev_cli::newest_50(&p, top).as_secs_f64();
        Bench::drop_profile(p);
        self.rows.push(
            Row::new(
                "imap_newest50_big_first",
                format!(
                    "IMAP newest 50 visible, {} INBOX, Dovecot's cache cold (one run)",
                    count(n)
                ),
                vec![first],
            )
            .note("the same, when Dovecot has not cached these messages' list fields yet"),
        );
        let mut newest = Vec::new();
        for round in 1..=self.args.rounds {
            say(&format!("IMAP newest 50 of {n}, round {round}"));
            let p = self.fresh("newest50", server, user, Proto::Imap);
            newest.push(brev_cli::newest_50(&p, top).as_secs_f64());
            Bench::drop_profile(p);
        }
        self.rows.push(
            Row::new(
                "imap_newest50_big",
                format!("IMAP newest 50 visible, {} INBOX", count(n)),
                newest,
            )
            .goal(Goal::Max(0.3))
            .note(
                "from starting `brev sync` on a fresh profile to the store holding the 50 \
                 newest list rows (polled read-only every 1 ms)",
            ),
        );

        say(&format!("IMAP full sync of {n} (once, for what follows)"));
        let p = self.fresh("big", server, user, Proto::Imap);
        let full = p.sync();
        assert_eq!(p.inbox_count(), n, "brev sync stored every message");
        let mbsync_dir = self.profile_dir("mbsync-big");
        let mut mbsync_full = Vec::new();
        if self.mbsync {
            say(&format!("mbsync full copy of {n} (once)"));
            mbsync_full.push(peers::mbsync(&mbsync_dir, server, user).as_secs_f64());
            assert_eq!(peers::mbsync_count(&mbsync_dir), n);
        }
        self.rows.push(
            Row::new(
                "imap_full_big",
                format!("IMAP full sync, {} INBOX (one run)", count(n)),
                vec![full.as_secs_f64()],
            )
            .peer("mbsync", mbsync_full),
        );

        let (mut brev, mut mbsync, mut floor) = (Vec::new(), Vec::new(), Vec::new());
        for round in 1..=self.args.quick_rounds() {
            say(&format!("IMAP no-change sync of {n}, round {round}"));
            let f = self.runtime.block_on(floor::imap_status(server, user));
            floor.push(f.as_secs_f64());
            if self.mbsync {
                mbsync.push(peers::mbsync(&mbsync_dir, server, user).as_secs_f64());
            }
            brev.push(p.sync().as_secs_f64());
            assert_eq!(p.inbox_count(), n);
        }
        let _ = std::fs::remove_dir_all(&mbsync_dir);
        self.rows.push(
            Row::new(
                "imap_nochange_big",
                format!("IMAP sync with no change, {} INBOX", count(n)),
                brev,
            )
            .peer("mbsync", mbsync)
            .floor(floor)
            .goal(Goal::Ratio(0.1))
            .note(
                "headless `brev sync` and mbsync, each on its own up-to-date copy; floor: \
                 LOGIN and STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)",
            ),
        );

        self.local(&p, n);

        // Server-side changes, then Brev's resync.
        let (new, flagged, expunged) = ((n / 10).min(100), (n / 5).min(500), (n / 10).min(100));
        let mut delta = Vec::new();
        for round in 0..self.args.rounds {
            say(&format!(
                "IMAP delta ({new} new, {flagged} flag changes, {expunged} expunged), round {}",
                round + 1
            ));
            let start = 1 + round * (flagged + expunged);
            let flags = format!("{}:{}", start, start + flagged - 1);
            let gone = format!("{}:{}", start + flagged, start + flagged + expunged - 1);
            let u = user.name.as_str();
            server.doveadm_ok(&[
                "flags",
                "replace",
                "-u",
                u,
                "\\Flagged",
                "mailbox",
                "INBOX",
                "uid",
                &flags,
            ]);
            server.doveadm_ok(&["expunge", "-u", u, "mailbox", "INBOX", "uid", &gone]);
            server.fill_until(
                user,
                "INBOX",
                new,
                1000 + round as u64,
                support::maildir::today_midnight() + 86_400,
            );
            let expected = server_count(server, user);
            delta.push(p.sync().as_secs_f64());
            assert_eq!(p.inbox_count(), expected, "the store is as the server");
        }
        self.rows.push(
            Row::new(
                "imap_delta_big",
                format!(
                    "IMAP resync after {new} new, {flagged} flag changes, {expunged} expunged (doveadm), {} INBOX",
                    count(n)
                ),
                delta,
            )
            .note("headless `brev sync` on the up-to-date profile"),
        );
        Bench::drop_profile(p);
    }

    /// The store and the window over the big synced profile.
    fn local(&mut self, p: &BrevProfile, n: usize) {
        say("store: first page and search");
        let pages: Vec<Duration> = (0..20).map(|_| local::first_page(p)).collect();
        self.rows.push(
            Row::new(
                "store_first_page_big",
                format!("store: a {} folder's first page", count(n)),
                secs(&pages),
            )
            .goal(Goal::Max(0.05))
            .note("Query::Window (count + first ~82 rows) on a fresh read-only connection, median of 20"),
        );
        let (searches, found) = local::searches(p);
        assert!(found > 0, "the searches found something");
        self.rows.push(
            Row::new(
                "store_search_big",
                format!("store: full-text search in {}, median of 20 queries", count(n)),
                secs(&searches),
            )
            .goal(Goal::Max(0.03))
            .note(format!(
                "Query::Search in the Inbox, up to {} rows each, as the search field runs it; {found} rows in all",
                brev::ui::screen::mailbox::SEARCH_LIMIT
            )),
        );

        say("window: folder click");
        let samples = if self.args.tiny { 3 } else { 20 };
        let (clicks, total) = local::folder_click(p, samples);
        assert_eq!(total, n, "the list shows the whole Inbox");
        self.rows.push(
            Row::new(
                "window_click_big",
                format!("window: folder click → first frame, {}", count(n)),
                secs(&clicks),
            )
            .goal(Goal::Max(0.05))
            .note(format!(
                "iced_test Simulator in this process: Select(Inbox) → store read → view → layout \
                 (no rasterising), median of {samples}"
            )),
        );

        if self.xvfb {
            say("window: resident memory under Xvfb");
            let m = local::window_memory(&p.dir);
            assert!(m.rss > 0 && m.peak >= m.rss);
            self.rows.push(
                Row {
                    unit: Unit::Bytes,
                    ..Row::new(
                        "window_rss_big",
                        format!("window: resident memory, {} Inbox open", count(n)),
                        vec![m.rss as f64],
                    )
                }
                .goal(Goal::Max(200e6))
                .note(format!(
                    "`brev --profile P` under Xvfb, engine connected, once idle ({:.0?} after start); peak (VmHWM) {:.0} MB",
                    m.settled,
                    m.peak as f64 / 1e6
                )),
            );
        }
    }
}

/// `--serve`: the small mailbox for IMAP and POP3, a template profile for
/// each under `target/bench/serve/`, then wait until killed. A fresh
/// profile is a copy of a template's `config.toml` and `passwords.toml`.
fn serve(server: &Dovecot, imap: &User, pop: &User, cached: &mailboxes::Cached) {
    fill_from(server, imap, cached);
    fill_from(server, pop, cached);
    let root = bench_dir().join("serve");
    let _ = std::fs::remove_dir_all(&root);
    let i = BrevProfile::create(&root.join("imap"), server, imap, Proto::Imap);
    let p = BrevProfile::create(&root.join("pop"), server, pop, Proto::Pop3);
    println!(
        "serving {} messages: IMAPS port {}, POP3S port {}\nprofiles: {} {}\nbrev: {}",
        cached.count,
        server.imaps_port(),
        server.pop3s_port(),
        i.dir.display(),
        p.dir.display(),
        brev_cli::binary().display()
    );
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

fn count(n: usize) -> String {
    if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

fn main() {
    let args = Args::parse();
    let load_start = loadavg();
    let started = Instant::now();
    if std::env::var_os("ICED_TEST_BACKEND").is_none() {
        // SAFETY: no other thread runs yet.
        unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    }
    let mbsync = peers::installed("mbsync");
    let fetchmail = peers::installed("fetchmail");
    let xvfb = peers::installed("Xvfb");
    if !args.tiny {
        for (tool, there) in [("mbsync", mbsync), ("fetchmail", fetchmail), ("Xvfb", xvfb)] {
            assert!(there, "{tool} is missing: scripts/bench installs it");
        }
    }
    say(&format!(
        "{} run: {} rounds, {} and {} messages, {} build",
        if args.tiny { "tiny" } else { "full" },
        args.rounds,
        args.small,
        args.big,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    ));
    let dir = bench_dir();
    std::fs::create_dir_all(&dir).expect("create target/bench");

    let server = Dovecot::start();
    let cache = dir.join("mailboxes");
    let owner = server.mail_owner();
    let (small_name, big_name) = if args.tiny {
        (format!("tiny-{}", args.small), format!("tiny-{}", args.big))
    } else {
        (format!("m{}", args.small), format!("m{}", args.big))
    };
    // About one message in 2,000 carries a 1–4 MB attachment (one in 150
    // for the tiny run, so that the code runs).
    let big_every = if args.tiny { 150 } else { 2_000 };
    let small_box = mailboxes::cached(&cache, &small_name, args.small, 15, big_every, owner);
    let big_box = mailboxes::cached(&cache, &big_name, args.big, 17, big_every, owner);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mut bench = Bench {
        args,
        work: tempfile::Builder::new()
            .prefix("brev-bench-")
            .tempdir()
            .expect("a work dir"),
        runtime,
        mbsync,
        fetchmail,
        xvfb,
        rows: Vec::new(),
        profiles: 0,
    };

    let [imap_small, pop_small, imap_big] = ["imapsmall", "popsmall", "imapbig"]
        .map(|name| server.add_user(name, &format!("{name}-Hemligt-1")));
    if bench.args.serve {
        serve(&server, &imap_small, &pop_small, &small_box);
        return;
    }
    fill_from(&server, &imap_small, &small_box);
    bench.imap_full(&server, &imap_small, small_box.count);
    fill_from(&server, &pop_small, &small_box);
    bench.pop(&server, &pop_small, &small_box);
    fill_from(&server, &imap_big, &big_box);
    bench.big(&server, &imap_big, big_box.count);

    let machine = machine(&load_start);
    let text = table(&bench.rows);
    println!("\n{text}");
    let command = if bench.args.tiny {
        "cargo test --bench suite".to_owned()
    } else {
        format!("scripts/bench --rounds {}", bench.args.rounds)
    };
    let report = json!({
        "command": command,
        "machine": machine,
        "rounds": bench.args.rounds,
        "took_seconds": started.elapsed().as_secs_f64(),
        "mailboxes": {
            "small": {"messages": small_box.count, "bytes": small_box.bytes, "multi_mb": small_box.big},
            "big": {"messages": big_box.count, "bytes": big_box.bytes, "multi_mb": big_box.big},
        },
        "results": bench.rows.iter().map(Row::json).collect::<Vec<_>>(),
        "table_markdown": text,
    });
    let name = if bench.args.tiny {
        "tiny.json"
    } else {
        "results.json"
    };
    let out = dir.join(name);
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&report).expect("JSON") + "\n",
    )
    .expect("write the results");
    eprintln!(
        "bench: machine: {} ({} cores), load {} → {}; written to {}",
        report["machine"]["cpu"],
        report["machine"]["cores"],
        load_start,
        loadavg(),
        out.display()
    );
    if bench.args.tiny {
        for r in &bench.rows {
            r.assert_sane();
        }
        let keys: Vec<&str> = bench.rows.iter().map(|r| r.key).collect();
        for want in [
            "imap_full_small",
            "pop_download_small",
            "pop_download_small_bodies",
            "pop_nochange_small",
            "pop_download_remove_small",
            "imap_newest50_big_first",
            "imap_newest50_big",
            "imap_full_big",
            "imap_nochange_big",
            "store_first_page_big",
            "store_search_big",
            "window_click_big",
            "imap_delta_big",
        ] {
            assert!(keys.contains(&want), "{want} was not measured");
        }
        eprintln!("bench: the tiny run measured everything sanely");
    }
}
