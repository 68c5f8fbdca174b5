//! What happens on this computer only: the store's first page and search,
//! the window's folder click, and the window's resident memory.

use std::collections::VecDeque;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use brev::config::{Config, Settings};
use brev::profile::Profile;
use brev::store::{Folder, FolderId, FolderRead, Scope, Store};
use brev::ui::data::{Db, Loaded, Query, run_query};
use brev::ui::screen::mailbox::{self, Effect, Mailbox, SEARCH_LIMIT};
use brev::ui::widget::{folder_tree, message_list};

use crate::brev_cli::{BrevProfile, Running, brev};

/// Rows the list asks for when a folder opens in a 760-pixel window:
/// the viewport plus the load margin (`message_list::LOAD_MARGIN`).
const HEIGHT: f32 = 700.0;

fn inbox(store: &Store, account: &str) -> Folder {
    store
        .folder_by_name(account, "INBOX")
        .expect("query")
        .expect("the store has an INBOX")
}

/// Opening a folder's first page as the window asks for it
/// (`Query::Window`: the count and the first rows plus margin), on a fresh
/// read-only connection each time; the connection's opening is not timed.
/// One sample per call.
pub fn first_page(p: &BrevProfile) -> Duration {
    let store = Store::open_reader(&p.store_file()).expect("open the store");
    let folder = inbox(&store, &p.account).id;
    let limit = (HEIGHT / message_list::ROW_HEIGHT).ceil() as usize + 1 + message_list::LOAD_MARGIN;
    let started = Instant::now();
    let loaded = run_query(
        &store,
        Query::Window {
            folder,
            offset: 0,
            limit,
            generation: 1,
        },
    );
    let took = started.elapsed();
    match loaded {
        Loaded::Window { rows, total, .. } => {
            assert!(total > 0 && !rows.is_empty(), "the first page is empty");
        }
        other => panic!("first page: {other:?}"),
    }
    took
}

/// What a user might type in the search field of a mailbox of this mail.
pub const QUERIES: [&str; 20] = [
    "faktura",
    "möte torsdag",
    "Петров",
    "kräftskiva",
    "dugnad",
    "Øyvind",
    "budget",
    "styrelsemötet",
    "договор",
    "Lindström",
    "github",
    "påminnelse",
    "quarterly report",
    "hytteturen",
    "invoice",
    "Nordmann",
    "тримесечие",
    "weekend plans",
    "sync stalls",
    "kvartal budsjett",
];

/// Each of [`QUERIES`] as the search field runs it (`Query::Search` in the
/// Inbox, at most `SEARCH_LIMIT` rows), on one open reader. The times, and
/// the number of rows found in all.
pub fn searches(p: &BrevProfile) -> (Vec<Duration>, usize) {
    let store = Store::open_reader(&p.store_file()).expect("open the store");
    let folder = inbox(&store, &p.account).id;
    let mut times = Vec::new();
    let mut found = 0;
    for q in QUERIES {
        let started = Instant::now();
        let loaded = run_query(
            &store,
            Query::Search {
                input: q.to_owned(),
                scope: Scope::Folder(folder),
                limit: SEARCH_LIMIT,
                generation: 1,
            },
        );
        times.push(started.elapsed());
        match loaded {
            Loaded::Search { rows, .. } => found += rows.len(),
            other => panic!("search {q:?}: {other:?}"),
        }
    }
    (times, found)
}

/// The mailbox screen over a store, its store reads run at once.
struct Window {
    mailbox: Mailbox,
    db: Db,
}

impl Window {
    fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            if let Effect::Query(q) = effect {
                let loaded = self.db.run(q);
                queue.extend(self.mailbox.update(mailbox::Message::Loaded(loaded)));
            }
        }
    }

    fn send(&mut self, m: mailbox::Message) {
        let effects = self.mailbox.update(m);
        self.run(effects);
    }
}

/// Folder click → first frame, `samples` times: from the click on the
/// Inbox (coming from another folder) through the store read of the
/// visible window, `view()` and iced's layout of the whole window
/// (iced_test's `Simulator`, 1024×768): the frame is laid out
/// (`simulator(view)`). Rasterising is not included. Returns the times and the
/// Inbox's size as the list saw it.
pub fn folder_click(p: &BrevProfile, samples: usize) -> (Vec<Duration>, usize) {
    brev::i18n::set_language("en");
    let profile = Profile::at(&p.dir).expect("profile");
    let config = Config::load(&profile.config_file()).expect("config");
    let store = Store::open_reader(&p.store_file()).expect("open the store");
    let folders = store.folders(&p.account).expect("folders");
    let inbox = inbox(&store, &p.account).id;
    let other: FolderId = folders
        .iter()
        .map(|f| f.id)
        .find(|id| *id != inbox)
        .expect("a second folder");
    let (mailbox, effects) = Mailbox::new(config.accounts.clone(), Settings::default());
    let mut w = Window {
        mailbox,
        db: Db::with(store),
    };
    w.run(effects);
    w.send(mailbox::Message::List(message_list::Message::Scrolled {
        offset: 0.0,
        height: HEIGHT,
    }));
    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..samples {
        w.send(mailbox::Message::Tree(folder_tree::Message::Select(other)));
        let started = Instant::now();
        w.send(mailbox::Message::Tree(folder_tree::Message::Select(inbox)));
        let mut ui = iced_test::simulator(w.mailbox.view());
        times.push(started.elapsed());
        let first = w.mailbox.list().row(0).map(|r| r.subject.clone());
        assert!(first.is_some(), "the Inbox's first row was loaded");
        if first.as_ref().is_none_or(|s| ui.find(s.as_str()).is_err()) {
            eprintln!("bench: note: the first row's subject {first:?} was not found as a text");
        }
        drop(ui);
        total = w.mailbox.list().total();
    }
    (times, total)
}

fn proc_status(pid: u32, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = text.get(text.rfind(')')? + 1..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Resident memory of the window.
pub struct Memory {
    /// VmRSS once idle, bytes.
    pub rss: u64,
    /// VmHWM (the peak), bytes.
    pub peak: u64,
    /// From start to idle.
    pub settled: Duration,
}

/// `brev --profile P` (the window, its engine syncing with the server)
/// under Xvfb; once it is idle (used under 20 ms of CPU in each of two
/// seconds in a row, at least 3 s after the start), its VmRSS and VmHWM.
pub fn window_memory(profile: &Path) -> Memory {
    let x = crate::support::xvfb::start();
    let display = x.display.clone();
    let started = Instant::now();
    let app = Running(
        brev(profile)
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the window"),
    );
    let pid = app.0.id();
    let tick_ms = 10; // USER_HZ is 100 on Linux
    let mut last = cpu_ticks(pid).unwrap_or(0);
    let mut quiet = 0;
    let deadline = started + Duration::from_secs(300);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = cpu_ticks(pid).expect("the window exited early");
        let busy = (now - last) * tick_ms;
        last = now;
        quiet = if busy < 20 { quiet + 1 } else { 0 };
        if (quiet >= 2 && started.elapsed() > Duration::from_secs(3)) || Instant::now() > deadline {
            break;
        }
    }
    let rss = proc_status(pid, "VmRSS:").expect("VmRSS") * 1024;
    let peak = proc_status(pid, "VmHWM:").expect("VmHWM") * 1024;
    Memory {
        rss,
        peak,
        settled: started.elapsed(),
    }
}
