//! A virtual X display for window tests and the benchmark's memory figure.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

/// An Xvfb server on a display it picked itself; stopped when dropped.
pub struct Xvfb {
    child: Child,
    /// E.g. `:7`, for `DISPLAY`.
    pub display: String,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start Xvfb on a display it picks itself (`-displayfd`: it writes the
/// number once it accepts connections), so parallel tests never collide.
pub fn start() -> Xvfb {
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
            // One server for several windows: no reset (and no second
            // write to the display pipe) when a window closes.
            "-noreset",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let mut line = String::new();
    // The pipe stays open as long as Xvfb runs (it belongs to the child):
    // a write to a closed pipe would kill the server.
    std::io::BufReader::new(child.stdout.as_mut().expect("Xvfb's stdout"))
        .read_line(&mut line)
        .expect("read Xvfb's display number");
    // Owned at once, so a bad answer still stops the server.
    let mut xvfb = Xvfb {
        child,
        display: String::new(),
    };
    let n: u32 = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("Xvfb said {line:?}"));
    xvfb.display = format!(":{n}");
    xvfb
}
