//! The real `brev` binary, run as a user would: its own profile, English,
//! no session bus (so no keyring unless a test starts one).

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// `brev --profile PROFILE ARGS…` set up as a user runs it: English, no
/// session bus, every stream piped.
pub fn command(profile: &Path, args: &[&str]) -> Command {
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

/// Start `brev` (see [`command`]) with `stdin` written to its input and
/// closed; the caller waits for it, or kills it.
pub fn spawn(profile: &Path, args: &[&str], stdin: &[u8]) -> Child {
    let mut child = command(profile, args).spawn().expect("run brev");
    if let Some(mut s) = child.stdin.take() {
        s.write_all(stdin).expect("write brev's input");
    }
    child
}

/// Run `brev --profile PROFILE ARGS…` with `stdin` as its input; wait.
pub fn brev(profile: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    spawn(profile, args, stdin.unwrap_or_default().as_bytes())
        .wait_with_output()
        .expect("wait for brev")
}

/// Output bytes as text (lossy), for assertions and messages.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
