//! The run command opens a window: the real binary under Xvfb, found by its
//! title, with a drawn frame (a screenshot with text in it). The screenshot
//! is kept in target/screenshots/ for people to look at.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

/// Start Xvfb on a free display; returns it and the display name.
fn xvfb() -> (Running, String) {
    need("Xvfb");
    for n in (0..50).map(|i| 90 + (std::process::id() as usize + i * 7) % 800) {
        if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
            continue;
        }
        let display = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut x = Running(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return (x, display);
            }
            if x.0.try_wait().ok().flatten().is_some() {
                break; // lost the race for that display; try another
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("could not start Xvfb");
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

#[test]
fn brev_opens_a_window_with_text_in_bulgarian() {
    need("xwininfo");
    need("import");
    let (_x, display) = xvfb();
    let profile = tempfile::tempdir().unwrap();
    std::fs::write(
        profile.path().join("config.toml"),
        "[settings]\nlanguage = \"bg\"\n",
    )
    .unwrap();
    let app = Command::new(env!("CARGO_BIN_EXE_brev"))
        .arg("--profile")
        .arg(profile.path())
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start brev");
    let mut app = Running(app);
    let shot = screenshots_dir().join("window-bg.png");
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut seen_window = false;
    let mut colours = 0;
    // Wait for the window, then for a frame with text (anti-aliased glyphs
    // give many colours; a blank or black window has one or two).
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
        seen_window = seen_window || window_titles(&display).contains("\"Brev\"");
        if seen_window {
            colours = screenshot(&display, &shot);
            if colours > 16 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(seen_window, "no window titled Brev appeared");
    assert!(colours > 16, "the window shows nothing ({colours} colours)");
}
