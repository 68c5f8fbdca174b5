//! Passwords go to a real Secret Service keyring: GNOME Keyring in a private
//! D-Bus session with its own fresh home, as on a headless machine.

use std::process::Command;

#[test]
fn the_password_is_kept_in_the_keyring_and_removed_with_the_account() {
    for tool in ["dbus-run-session", "gnome-keyring-daemon", "secret-tool"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(found, "{tool} is missing: scripts/test installs it");
    }
    let home = tempfile::tempdir().unwrap();
    let profile = home.path().join("profile");
    let script = r#"
        set -e
        printf 'keyring-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        printf 'Lösenord med å\n' | "$BREV" --profile "$PROFILE" account add --name 'Åsa Berg' \
            --email asa@example.se --protocol imap --incoming-host imap.example.se --password-stdin
        service="brev:$(cd "$PROFILE" && pwd -P)"
        echo "found=$(secret-tool lookup service "$service" username asa-example-se)"
        "$BREV" --profile "$PROFILE" account remove asa-example-se
        echo "after=$(secret-tool lookup service "$service" username asa-example-se || true)"
    "#;
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", script])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path())
        .env("BREV", env!("CARGO_BIN_EXE_brev"))
        .env("PROFILE", &profile)
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("found=Lösenord med å\n"),
        "{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("after=\n"),
        "the password outlived its account: {stdout}"
    );
    let config = std::fs::read_to_string(profile.join("config.toml")).unwrap();
    assert!(!config.contains("Lösenord"));
    assert!(!profile.join("passwords.toml").exists());
}
