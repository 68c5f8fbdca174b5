//! The window for real: the binary under Xvfb, over a profile whose store
//! was filled beforehand (one screenshot per language) and over an empty
//! one; screenshots in target/screenshots/ for people to look at.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use brev::config::{Account, Config, MailProtocol, ServerSettings};
use brev::net::Security;
use brev::profile::Profile;
use brev::secrets::{PasswordStorage, Secrets};
use brev::store::{Flags, NewFolder, NewMessage, Role, Store};

/// Kills the process when dropped, also when the test fails.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn need(tool: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(found, "{tool} is missing: scripts/test installs it");
}

/// Xvfb for one test (see `support::xvfb`).
fn xvfb() -> support::xvfb::Xvfb {
    need("Xvfb");
    support::xvfb::start()
}

fn window_titles(display: &str) -> String {
    Command::new("xwininfo")
        .args(["-display", display, "-root", "-tree"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

fn screenshot(display: &str, to: &Path) -> usize {
    let ok = Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(to)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return 0;
    }
    let out = Command::new("identify")
        .args(["-format", "%k"])
        .arg(to)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fill(profile_dir: &Path, language: &str) {
    let profile = Profile::at(profile_dir).unwrap();
    let server = ServerSettings {
        host: "mail.invalid".into(),
        port: 993,
        security: Security::Tls,
        username: "anna".into(),
    };
    let mut config = Config::default();
    config.settings.language = Some(language.into());
    config.accounts.push(Account {
        id: "anna".into(),
        name: "Anna Lind".into(),
        email: "anna@example.org".into(),
        protocol: MailProtocol::Imap,
        incoming: server.clone(),
        outgoing: server,
        trusted_cert: None,
        pop: Default::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    });
    // A saved password, so the engine runs; mail.invalid never resolves,
    // so the window shows the offline banner over the saved mail.
    config.settings.password_storage = PasswordStorage::File;
    config.save(&profile.config_file()).unwrap();
    Secrets::new(&profile, PasswordStorage::File)
        .set("anna", "secret")
        .unwrap();
    if profile.store_file().exists() {
        return;
    }
    let mut store = Store::open(&profile.store_file()).unwrap();
    let now = brev::store::now();
    store
        .write(|tx| {
            let inbox = tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            for (name, role) in [
                ("Drafts", Role::Drafts),
                ("Sent", Role::Sent),
                ("Archive", Role::Archive),
                ("Junk", Role::Junk),
                ("Trash", Role::Trash),
            ] {
                tx.upsert_folder("anna", &NewFolder::new(name, Some(role)))?;
            }
            tx.upsert_folder("anna", &NewFolder::new("Kvitton", None))?;
            tx.upsert_folder("anna", &NewFolder::new("Kvitton/2026", None))?;
            let samples = [
                (
                    "Björn Åberg",
                    "Smörgåsbord på fredag?",
                    "Hej Anna! Ska vi äta på fredag? Menyn: https://example.se/meny",
                ),
                (
                    "Øyvind Sæther",
                    "Møte om budsjettet",
                    "Hei! Kan vi flytte møtet til torsdag? Hilsen Øyvind",
                ),
                (
                    "Мария Петрова",
                    "Среща в петък",
                    "Здравей, Ана! Ще се видим ли в петък след работа?",
                ),
                (
                    "Tom Baker",
                    "Quarterly report, final version with all the appendices attached",
                    "Hi Anna, the final report is attached. Tom",
                ),
                (
                    "GitHub",
                    "[brev] New issue: the list is virtual",
                    "A new issue was opened. https://github.com/example/brev/issues/5",
                ),
            ];
            let mut batch = Vec::new();
            // English gets a 100,000-message Inbox: the size the list must handle.
            let count = if language == "en" { 100_000 } else { 3000 };
            for i in 0..count {
                let (from, subject, body) = samples[i % samples.len()];
                batch.push(NewMessage {
                    from_name: from.into(),
                    from_addr: format!("sender{}@example.org", i % samples.len()),
                    recipients: "anna@example.org".into(),
                    subject: if i < samples.len() {
                        subject.into()
                    } else {
                        format!("{subject} #{i}")
                    },
                    date: now - (i as i64) * 3 * 3600,
                    size: 4000,
                    flags: Flags(
                        if i % 4 == 1 || i > 6 { 1 } else { 0 } | if i % 9 == 2 { 4 } else { 0 },
                    ),
                    has_attachments: i % 5 == 3,
                    preview: body.into(),
                    body_words: brev::store::distinct_words(body),
                    partial: true,
                    ..NewMessage::default()
                });
            }
            tx.insert_messages(inbox, &batch)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_mailbox_window_in_four_languages() {
    need("xwininfo");
    need("import");
    let x = xvfb();
    let display = x.display.clone();
    for language in ["en", "sv", "nb", "bg"] {
        let profile = tempfile::tempdir().unwrap();
        fill(profile.path(), language);
        show(&display, profile.path(), &format!("mailbox-{language}"));
    }
}

/// With no accounts, the window greets the user (here in Bulgarian: the
/// embedded font must cover Cyrillic).
#[test]
fn the_welcome_window_in_bulgarian() {
    need("xwininfo");
    need("import");
    let x = xvfb();
    let display = x.display.clone();
    let profile = tempfile::tempdir().unwrap();
    std::fs::write(
        profile.path().join("config.toml"),
        "[settings]\nlanguage = \"bg\"\n",
    )
    .unwrap();
    show(&display, profile.path(), "welcome-bg");
}

/// `brev --demo` in Norwegian (from LANG, as no setting says otherwise):
/// the sample mailbox opens in a throwaway profile, with no server.
#[test]
fn the_demo_mailbox_in_norwegian() {
    need("xwininfo");
    need("import");
    let x = xvfb();
    let display = x.display.clone();
    let tmp = tempfile::tempdir().unwrap();
    let mut brev = Command::new(env!("CARGO_BIN_EXE_brev"));
    brev.arg("--demo")
        .env("TMPDIR", tmp.path())
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env("LANG", "nb_NO.UTF-8")
        .env("LC_ALL", "nb_NO.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .env_remove("BREV_PROFILE");
    run_and_shoot(&display, brev, "demo-window-nb");
    let demos: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("brev-demo-"))
        .collect();
    assert_eq!(demos.len(), 1, "one demo profile in TMPDIR");
    assert!(demos[0].path().join("brev.sqlite3").exists());
}

/// Run brev on `profile` under `display` until its window shows text, and
/// keep a screenshot as target/screenshots/NAME.png.
fn show(display: &str, profile: &Path, name: &str) {
    let mut brev = Command::new(env!("CARGO_BIN_EXE_brev"));
    brev.arg("--profile").arg(profile);
    run_and_shoot(display, brev, name);
}

/// Run `brev` under `display` until its window shows text, and keep a
/// screenshot as target/screenshots/NAME.png.
fn run_and_shoot(display: &str, mut brev: Command, name: &str) {
    let app = brev
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start brev");
    let started = Instant::now();
    let mut app = Running(app);
    let shot = screenshots_dir().join(format!("{name}.png"));
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut colours = 0;
    let mut seen_window = false;
    while Instant::now() < deadline {
        if let Some(status) = app.0.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            app.0
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("brev exited with {status}: {err}");
        }
        seen_window = seen_window || window_titles(display).contains("\"Brev\"");
        if seen_window {
            colours = screenshot(display, &shot);
            if colours > 16 {
                // Give the store reads a moment, then take the real shot.
                let first = started.elapsed();
                std::thread::sleep(Duration::from_millis(1500));
                colours = screenshot(display, &shot);
                let rss = std::fs::read_to_string(format!("/proc/{}/status", app.0.id()))
                    .unwrap_or_default()
                    .lines()
                    .find(|l| l.starts_with("VmRSS"))
                    .unwrap_or_default()
                    .to_owned();
                eprintln!("{name}: first frame with text after {first:?}; {rss}");
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(seen_window, "no window titled Brev appeared ({name})");
    assert!(colours > 16, "the window shows nothing ({name})");
}
