//! The headless commands, run as a user would run them: the real binary, its
//! own profile directory, real files, a real keyring where one is needed.

mod support;

use std::path::Path;

use support::cli::{brev, text};

const POP_ACCOUNT: &[&str] = &[
    "account",
    "add",
    "--name",
    "Ingrid Haugen",
    "--email",
    "ingrid@example.no",
    "--protocol",
    "pop3",
    "--incoming-host",
    "pop.example.no",
    "--outgoing-host",
    "smtp.example.no",
];

#[test]
fn help_lists_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = brev(dir.path(), &["--help"], None);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for word in ["account", "inspect", "--profile"] {
        assert!(help.contains(word), "--help lacks {word}: {help}");
    }
}

#[test]
fn add_list_and_remove_an_account_with_a_password_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let mut args = POP_ACCOUNT.to_vec();
    args.extend([
        "--password-stdin",
        "--password-storage",
        "file",
        "--delete-after-days",
        "30",
    ]);
    let out = brev(p, &args, Some("s3cret lösen\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("ingrid-example-no"));

    // The password is in the 0600 file, never in the settings.
    let config = std::fs::read_to_string(p.join("config.toml")).unwrap();
    assert!(!config.contains("s3cret"), "{config}");
    let passwords = std::fs::read_to_string(p.join("passwords.toml")).unwrap();
    assert!(passwords.contains("s3cret lösen"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(p.join("passwords.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    let out = brev(p, &["account", "list", "--json"], None);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &list[0];
    assert_eq!(a["id"], "ingrid-example-no");
    assert_eq!(a["protocol"], "pop3");
    assert_eq!(a["incoming"]["port"], 995, "POP3S by default");
    assert_eq!(a["incoming"]["security"], "tls");
    assert_eq!(a["incoming"]["username"], "ingrid@example.no");
    assert_eq!(a["outgoing"]["host"], "smtp.example.no");
    assert_eq!(a["outgoing"]["port"], 587);
    assert_eq!(a["pop"]["leave_on_server"], true);
    assert_eq!(a["pop"]["delete_after_days"], 30);

    let out = brev(p, &["account", "list"], None);
    assert!(text(&out.stdout).contains("ingrid@example.no\tPOP3\tpop.example.no:995"));

    let out = brev(p, &["account", "remove", "ingrid@example.no"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !std::fs::read_to_string(p.join("passwords.toml"))
            .unwrap()
            .contains("s3cret")
    );
    let out = brev(p, &["account", "list"], None);
    assert!(text(&out.stdout).contains("No accounts yet."));
    let out = brev(p, &["account", "remove", "ingrid@example.no"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("There is no account"));
}

#[test]
fn profiles_are_kept_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let args: Vec<&str> = POP_ACCOUNT
        .iter()
        .map(|a| if *a == "pop3" { "imap" } else { a })
        .collect();
    assert!(brev(&a, &args, None).status.success());
    assert!(text(&brev(&b, &["account", "list"], None).stdout).contains("No accounts yet."));
    let listed = text(&brev(&a, &["account", "list"], None).stdout);
    assert!(listed.contains("IMAP\tpop.example.no:993"), "{listed}");
}

#[test]
fn without_a_keyring_the_password_is_refused_not_written_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = POP_ACCOUNT.to_vec();
    args.push("--password-stdin");
    let out = brev(dir.path(), &args, Some("hemligt\n"));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("No password keyring is running"), "{err}");
    assert!(err.contains("--password-storage file"), "{err}");
    // Nothing was written: no account without its password, no plain text.
    assert!(!dir.path().join("config.toml").exists());
    assert!(!dir.path().join("passwords.toml").exists());
}

#[test]
fn a_broken_config_is_named_by_file_and_line_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let broken = "[settings]\nlanguage = \"sv\"\n\n[[account]]\nid = \"x\"\nport = \n";
    std::fs::write(&path, broken).unwrap();
    for args in [&["account", "list"][..], POP_ACCOUNT] {
        let out = brev(dir.path(), args, None);
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("line 6"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }
}

#[test]
fn messages_follow_the_language_setting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[settings]\nlanguage = \"bg\"\n",
    )
    .unwrap();
    let out = brev(dir.path(), &["account", "list"], None);
    assert_eq!(text(&out.stdout).trim(), "Все още няма акаунти.");
    std::fs::write(
        dir.path().join("config.toml"),
        "[settings]\nlanguage = \"nb\"\n",
    )
    .unwrap();
    let out = brev(dir.path(), &["account", "remove", "x"], None);
    assert!(
        text(&out.stderr).contains("Det finnes ingen konto «x»"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn trust_cert_stores_the_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let cert = rcgen::generate_simple_self_signed(vec!["mail.example.se".into()]).unwrap();
    let file = dir.path().join("server.pem");
    std::fs::write(&file, cert.cert.pem()).unwrap();
    let expected = brev::net::fingerprint(cert.cert.der());
    let mut args = POP_ACCOUNT.to_vec();
    let file_arg = file.display().to_string();
    args.extend(["--trust-cert", &file_arg]);
    let out = brev(&dir.path().join("p"), &args, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&expected));
    let out = brev(&dir.path().join("p"), &["account", "list", "--json"], None);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["trusted_cert"], expected.as_str());

    std::fs::write(&file, "not a certificate").unwrap();
    let out = brev(&dir.path().join("q"), &args, None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn inspect_reads_a_message_and_reports_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.eml");
    std::fs::write(
        &file,
        "From: =?windows-1251?B?yOLg7SDP5fLw7uI=?= <ivan@example.bg>\r\nSubject: =?UTF-8?Q?Sm=C3=B6rg=C3=A5s?=\r\n\r\nHej!\r\n",
    )
    .unwrap();
    let f = file.display().to_string();
    let out = brev(dir.path(), &["inspect", &f], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("Иван Петров"), "{shown}");
    assert!(shown.contains("Smörgås"), "{shown}");
    assert!(shown.contains("Hej!"), "{shown}");
    let out = brev(dir.path(), &["inspect", &f, "/nonexistent/x.eml"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("Smörgås"),
        "the readable file is still shown"
    );
    assert!(text(&out.stderr).contains("/nonexistent/x.eml"));
}

#[test]
fn inspect_never_panics_on_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "corpus has {} files", files.len());
    let dir = tempfile::tempdir().unwrap();
    let args: Vec<&str> = std::iter::once("inspect")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = brev(dir.path(), &args, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).matches("==> ").count(), files.len());
}

/// `folders` and `list` read the store: fill one through the library the
/// way an engine would, then read it back through the commands.
#[test]
fn folders_and_list_show_the_store() {
    use brev::store::{Flags, NewFolder, NewMessage, Role, Store};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    assert!(brev(p, POP_ACCOUNT, None).status.success());
    let out = brev(p, &["folders"], None);
    assert!(
        text(&out.stdout).contains("brev sync"),
        "{}",
        text(&out.stdout)
    );
    {
        let mut store = Store::open(&p.join("brev.sqlite3")).unwrap();
        store
            .write(|tx| {
                let inbox = tx.upsert_folder("ingrid-example-no", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
                tx.upsert_folder("ingrid-example-no", &NewFolder::new("INBOX/Kvitteringer", None))?;
                for (i, subject) in ["Første", "Andre", "Tredje"].iter().enumerate() {
                    let raw = format!(
                        "From: Ola Nordmann <ola@example.no>\r\nSubject: {subject}\r\nDate: Fri, 21 Nov 2025 1{i}:00:00 +0000\r\n\r\nHei\r\n"
                    );
                    let mut m = NewMessage::from_raw(raw.into_bytes(), 0);
                    if i == 1 {
                        m.flags = Flags::SEEN.with(Flags::FLAGGED, true);
                    }
                    tx.insert_message(inbox, &m)?;
                }
                Ok(())
            })
            .unwrap();
    }
    let shown = text(&brev(p, &["folders"], None).stdout);
    assert!(shown.contains("  INBOX\t3 messages, 2 unread"), "{shown}");
    assert!(
        shown.contains("    Kvitteringer\t0 messages, 0 unread"),
        "{shown}"
    );
    let out = brev(p, &["folders", "--json"], None);
    let folders: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(folders[0]["role"], "inbox");
    assert_eq!(folders[0]["unread"], 2);

    let shown = text(&brev(p, &["list", "inbox"], None).stdout);
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 3, "{shown}");
    assert!(
        lines[0].starts_with("2025-11-21 12:00\tN   \tOla Nordmann\tTredje"),
        "{shown}"
    );
    assert!(lines[1].contains("\t F  \tOla Nordmann\tAndre"), "{shown}");
    let out = brev(
        p,
        &[
            "list",
            "ingrid@example.no",
            "INBOX",
            "--json",
            "--limit",
            "1",
        ],
        None,
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["subject"], "Tredje");
    assert_eq!(rows[0]["from_addr"], "ola@example.no");
    let out = brev(p, &["list", "Nope"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("There is no folder “Nope”"));
}

/// `brev export`: a POP user's way out. Every folder with mail becomes an
/// mbox file; a second export into the same folder overwrites nothing.
#[test]
fn export_writes_one_mbox_per_folder_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let profile_dir = dir.path().join("profile");
    let profile = brev::profile::Profile::at(&profile_dir).unwrap();
    brev::demo::fill(&profile, None).unwrap();
    let target = dir.path().join("saved mail");
    let target_arg = target.to_str().unwrap();

    let out = brev(&profile_dir, &["export", "demo", target_arg], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stored = brev::demo::messages().len();
    assert!(
        text(&out.stdout).contains(&format!("Exported {stored} messages to")),
        "{}",
        text(&out.stdout)
    );
    let inbox = std::fs::read_to_string(target.join("INBOX.mbox")).unwrap();
    let inbox_count = brev::demo::messages()
        .iter()
        .filter(|(dir, _)| *dir == "inbox")
        .count();
    assert_eq!(
        inbox.lines().filter(|l| l.starts_with("From ")).count(),
        inbox_count
    );

    let again = brev(&profile_dir, &["export", target_arg], None);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("overwrites nothing"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(target.join("INBOX.mbox")).unwrap(),
        inbox
    );
}
