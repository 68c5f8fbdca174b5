//! Export an account's mail to mbox files, one per folder: the way out for
//! a POP account, whose store is the only copy of its mail (DESIGN.md
//! rule 5). Thunderbird, mutt and most other clients read the files.
//!
//! The format is mboxrd: each message starts with a `From ` line, and a
//! body line that starts with `>*From ` gets one more `>`, so every message
//! comes back as it was (with LF line ends, as mbox files have them).
//! Nothing is re-encoded. Reads only: this module never writes the store.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::datetime::civil;
use crate::fl;
use crate::mail::safe_file_name;
use crate::store::{Folder, FolderRead, MessageRead, StoreError};

/// How many list rows to read at a time (memory stays flat on 100k folders).
const PAGE: usize = 500;

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// The folder the files were written to.
    pub dir: PathBuf,
    /// One mbox file per folder that holds messages.
    pub files: usize,
    pub messages: usize,
    /// Messages whose text was never downloaded (IMAP "only when opened"):
    /// they are still on the server and not in the files.
    pub without_body: usize,
}

impl ExportSummary {
    /// One translated line: how many messages went where.
    pub fn user_message(&self) -> String {
        let mut text = fl!(
            "export-done",
            count = self.messages,
            dir = self.dir.display().to_string()
        );
        if self.without_body > 0 {
            text.push(' ');
            text.push_str(&fl!("export-without-body", count = self.without_body));
        }
        text
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target folder exists and is not empty: nothing is overwritten.
    #[error("{} is not empty", dir.display())]
    NotEmpty { dir: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ExportError {
    pub fn user_message(&self) -> String {
        match self {
            ExportError::NotEmpty { dir } => {
                fl!("export-not-empty", dir = dir.display().to_string())
            }
            ExportError::Write { path, source } => fl!(
                "export-write-failed",
                path = path.display().to_string(),
                reason = source.to_string()
            ),
            ExportError::Store(e) => e.user_message(),
        }
    }
}

/// Write every folder of `account` that holds messages to `dir/<folder>.mbox`.
/// `dir` is created; it must not hold anything yet (nothing is overwritten).
pub fn export_account<S: FolderRead + MessageRead>(
    store: &S,
    account: &str,
    dir: &Path,
) -> Result<ExportSummary, ExportError> {
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| ExportError::Write { path, source }
    };
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(write_err(dir))?;
        if entries.next().is_some() {
            return Err(ExportError::NotEmpty {
                dir: dir.to_owned(),
            });
        }
    }
    fs::create_dir_all(dir).map_err(write_err(dir))?;

    let mut summary = ExportSummary {
        dir: dir.to_owned(),
        ..ExportSummary::default()
    };
    let mut used_names = Vec::new();
    for folder in store.folders(account)? {
        if folder.total == 0 {
            continue;
        }
        let path = dir.join(file_name_for(&folder, &mut used_names));
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(write_err(&path))?;
        let mut out = BufWriter::new(file);
        let (written, missing) = write_folder(store, &folder, &mut out).map_err(|e| match e {
            FolderError::Io(source) => ExportError::Write {
                path: path.clone(),
                source,
            },
            FolderError::Store(e) => ExportError::Store(e),
        })?;
        let file = out.into_inner().map_err(|e| ExportError::Write {
            path: path.clone(),
            source: e.into_error(),
        })?;
        file.sync_all().map_err(write_err(&path))?;
        summary.files += 1;
        summary.messages += written;
        summary.without_body += missing;
    }
    Ok(summary)
}

/// A new folder for an export: `Brev – EMAIL – YYYY-MM-DD` under the user's
/// Documents folder (or home), with ` (2)`, ` (3)`… when that exists.
pub fn new_export_dir(email: &str, now: i64) -> PathBuf {
    let dirs = directories::UserDirs::new();
    let base = dirs
        .as_ref()
        .and_then(|d| d.document_dir().map(Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("."));
    let c = civil(now);
    let name = safe_file_name(&format!(
        "Brev – {email} – {:04}-{:02}-{:02}",
        c.year, c.month, c.day
    ));
    let mut dir = base.join(&name);
    let mut n = 2;
    while dir.exists() {
        dir = base.join(format!("{name} ({n})"));
        n += 1;
    }
    dir
}

/// `Parent/Child` becomes `Parent.Child.mbox`; names stay unique.
fn file_name_for(folder: &Folder, used: &mut Vec<String>) -> String {
    let flat = match folder.delimiter.as_deref() {
        Some(d) if !d.is_empty() => folder.name.replace(d, "."),
        _ => folder.name.clone(),
    };
    let base = safe_file_name(&flat);
    let mut name = format!("{base}.mbox");
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        name = format!("{base} ({n}).mbox");
        n += 1;
    }
    used.push(name.to_lowercase());
    name
}

enum FolderError {
    Io(io::Error),
    Store(StoreError),
}

/// Write one folder's messages; returns (written, without body).
fn write_folder<S: MessageRead>(
    store: &S,
    folder: &Folder,
    out: &mut impl Write,
) -> Result<(usize, usize), FolderError> {
    let (mut written, mut missing) = (0, 0);
    let mut offset = 0;
    loop {
        let rows = store
            .page(folder.id, offset, PAGE)
            .map_err(FolderError::Store)?;
        if rows.is_empty() {
            break;
        }
        offset += rows.len();
        for row in rows {
            match store.raw(row.id).map_err(FolderError::Store)? {
                Some(raw) => {
                    write_message(out, &row.from_addr, row.date, &raw).map_err(FolderError::Io)?;
                    written += 1;
                }
                None => missing += 1,
            }
        }
    }
    Ok((written, missing))
}

/// One mboxrd entry: the `From ` line, the message with `>*From ` lines
/// quoted once more, and an empty line.
fn write_message(out: &mut impl Write, sender: &str, date: i64, raw: &[u8]) -> io::Result<()> {
    let sender: String = sender
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let sender = if sender.is_empty() {
        "MAILER-DAEMON"
    } else {
        &sender
    };
    writeln!(out, "From {sender} {}", asctime(date))?;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        if body
            .iter()
            .skip_while(|&&b| b == b'>')
            .take(5)
            .eq(b"From ".iter())
        {
            out.write_all(b">")?;
        }
        out.write_all(body)?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"\n")
}

/// `Sat Nov 21 13:25:00 2026`, in UTC, as mbox `From ` lines have it.
fn asctime(unix: i64) -> String {
    let c = civil(unix);
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        crate::datetime::weekday_abbrev(unix),
        crate::datetime::month_abbrev(c.month),
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asctime_matches_known_dates() {
        assert_eq!(asctime(0), "Thu Jan  1 00:00:00 1970");
        assert_eq!(asctime(1_795_267_500), "Sat Nov 21 13:25:00 2026");
    }

    #[test]
    fn from_lines_are_quoted_and_line_ends_normalised() {
        let raw = b"Subject: x\r\n\r\nFrom here on\r\n>From quoted\r\nFromage\r\nlast";
        let mut out = Vec::new();
        write_message(&mut out, "a@b.se", 0, raw).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "From a@b.se Thu Jan  1 00:00:00 1970\nSubject: x\n\n>From here on\n>>From quoted\nFromage\nlast\n\n"
        );
    }

    /// Split an mboxrd file back into messages (the reverse of the writer).
    fn read_mbox(text: &[u8]) -> Vec<Vec<u8>> {
        let mut messages: Vec<Vec<u8>> = Vec::new();
        for line in text.split_inclusive(|&b| b == b'\n') {
            if line.starts_with(b"From ") {
                messages.push(Vec::new());
                continue;
            }
            let Some(current) = messages.last_mut() else {
                panic!("text before the first From line");
            };
            let quoted = line
                .iter()
                .skip_while(|&&b| b == b'>')
                .take(5)
                .eq(b"From ".iter());
            current.extend_from_slice(if quoted { &line[1..] } else { line });
        }
        for m in &mut messages {
            assert_eq!(m.pop(), Some(b'\n'), "each entry ends with an empty line");
        }
        messages
    }

    fn lf(raw: &[u8]) -> Vec<u8> {
        let mut out = String::from_utf8_lossy(raw)
            .replace("\r\n", "\n")
            .into_bytes();
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn the_demo_mailbox_exports_and_reads_back_message_for_message() {
        let dir = tempfile::tempdir().unwrap();
        let profile = crate::profile::Profile::at(&dir.path().join("p")).unwrap();
        crate::demo::fill(&profile, None).unwrap();
        let store = crate::store::Store::open_reader(&profile.store_file()).unwrap();
        let target = dir.path().join("export");

        let summary = export_account(&store, &crate::demo::account().id, &target).unwrap();

        let mut expected: Vec<Vec<u8>> = crate::demo::messages()
            .into_iter()
            .map(|(_, m)| lf(m.raw.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(summary.messages, expected.len());
        assert_eq!(summary.without_body, 0);
        let mut files: Vec<_> = fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert_eq!(files.len(), summary.files);
        assert!(files.iter().any(|f| f.ends_with("INBOX.mbox")), "{files:?}");
        let mut got: Vec<Vec<u8>> = files
            .iter()
            .flat_map(|f| read_mbox(&fs::read(f).unwrap()))
            .collect();
        expected.sort();
        got.sort();
        assert!(
            got == expected,
            "the exported messages differ from the stored ones"
        );

        // A second export into the same folder overwrites nothing.
        let again = export_account(&store, &crate::demo::account().id, &target);
        assert!(
            matches!(again, Err(ExportError::NotEmpty { .. })),
            "{again:?}"
        );
    }

    #[test]
    fn an_empty_sender_gets_the_usual_placeholder() {
        let mut out = Vec::new();
        write_message(&mut out, " ", 0, b"x\n").unwrap();
        assert!(out.starts_with(b"From MAILER-DAEMON Thu"));
    }
}
