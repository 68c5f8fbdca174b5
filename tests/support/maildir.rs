//! Filling a Maildir directly, the fast way (no IMAP APPEND).
//!
//! Layout: `maildir:~/Maildir` with the namespace separator `/` keeps
//! Dovecot's default Maildir++ layout on disk: INBOX is `Maildir/` itself,
//! the folder `Sent` is `Maildir/.Sent`, `Archive/2023` is
//! `Maildir/.Archive.2023` (verified with `doveadm mailbox list`).
//!
//! File names are `<time>.M<n>P<pid>Q<counter>.brev,S=<size>,W=<size with
//! CRLF>:2,<flags>`; the body is written with LF line endings and the file's
//! mtime is the message date (Dovecot's INTERNALDATE). Dovecot gives new
//! files UIDs in file-name order, i.e. by date: generated messages get dates
//! strictly increasing in generation order, so the UIDs of one fill follow
//! the returned `Vec`.

use std::fs::{self, File, FileTimes};
use std::io::Write;
use std::os::unix::fs::chown;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::encode::Rng;
use super::messages::{self, Kind, Parent, Spec};

/// A message written into a Maildir.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The folder as IMAP shows it (`INBOX`, `Sent`, `Archive/2023`).
    pub folder: String,
    pub file: PathBuf,
    /// Message-ID without angle brackets.
    pub message_id: String,
    /// The decoded subject.
    pub subject: String,
    pub from: String,
    pub to: String,
    /// Unix seconds; also the file's mtime (INTERNALDATE).
    pub date: i64,
    /// Bytes on disk (LF line endings), `S=`.
    pub size: usize,
    /// Size with CRLF line endings, `W=`: IMAP RFC822.SIZE, POP3 LIST.
    pub vsize: usize,
    /// Maildir flags in ASCII order: `F` flagged, `R` replied, `S` seen.
    pub flags: String,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub kind: Kind,
}

impl Generated {
    pub fn seen(&self) -> bool {
        self.flags.contains('S')
    }

    pub fn flagged(&self) -> bool {
        self.flags.contains('F')
    }
}

/// Where a folder lives in a Maildir++ tree.
pub fn folder_dir(maildir: &Path, folder: &str) -> PathBuf {
    if folder.eq_ignore_ascii_case("INBOX") {
        maildir.to_path_buf()
    } else {
        assert!(
            folder.is_ascii() && !folder.contains('.') && !folder.starts_with('/'),
            "folder names here must be ASCII without '.': {folder}"
        );
        maildir.join(format!(".{}", folder.replace('/', ".")))
    }
}

/// Create the folder's `cur`, `new`, `tmp` (and `maildirfolder`), owned by
/// `owner` when given.
pub fn create_folder(maildir: &Path, folder: &str, owner: Option<(u32, u32)>) -> PathBuf {
    let dir = folder_dir(maildir, folder);
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(dir.join(sub)).expect("create Maildir folder");
    }
    if dir != maildir {
        File::create(dir.join("maildirfolder")).expect("create maildirfolder");
    }
    if let Some((uid, gid)) = owner {
        for p in [
            dir.clone(),
            dir.join("cur"),
            dir.join("new"),
            dir.join("tmp"),
            dir.join("maildirfolder"),
        ] {
            if p.exists() {
                chown(&p, Some(uid), Some(gid)).expect("chown Maildir folder");
            }
        }
    }
    dir
}

/// Midnight UTC today: the default end of the generated date range, so that
/// the same seed gives the same messages all day.
pub fn today_midnight() -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    now - now.rem_euclid(86_400)
}

/// Who owns the mailbox, for From/To.
pub struct Owner<'a> {
    pub name: &'a str,
    pub addr: &'a str,
    /// uid/gid to chown files to (when running as root).
    pub ids: Option<(u32, u32)>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Write `n` messages into `folder`, dates spread over the two years
/// before `end` (unix seconds), deterministic from `seed` (and `folder`).
pub fn fill(
    maildir: &Path,
    owner: &Owner<'_>,
    folder: &str,
    n: usize,
    seed: u64,
    end: i64,
) -> Vec<Generated> {
    let dir = create_folder(maildir, folder, owner.ids);
    let folder_hash = folder.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut rng = Rng::new(seed ^ folder_hash);
    let outgoing = folder.to_ascii_lowercase().contains("sent");
    let span: i64 = 2 * 365 * 86_400;
    let slot = (span / n.max(1) as i64).max(1);
    let start = end - span;
    let pid = std::process::id();
    let mut out: Vec<Generated> = Vec::with_capacity(n);

    for i in 0..n {
        let date = start + i as i64 * slot + rng.below(slot as u64) as i64;
        let parent_idx = (i > 0 && rng.chance(20)).then(|| rng.below(i as u64) as usize);
        let parent = parent_idx.and_then(|j| out.get(j)).map(|g| Parent {
            message_id: &g.message_id,
            subject: &g.subject,
            references: &g.references,
            from_name: &g.from,
        });
        let id_tag = format!("{date:x}.{i}.{seed:x}.{:x}", folder_hash & 0xffff);
        let draft = messages::generate(
            &mut rng,
            &Spec {
                owner_name: owner.name,
                owner_addr: owner.addr,
                outgoing,
                date,
                id_tag: &id_tag,
                parent,
            },
        );
        let old = end - date > 30 * 86_400;
        let mut flags = String::new();
        let seen = outgoing || rng.chance(if old { 90 } else { 50 });
        if rng.chance(5) {
            flags.push('F');
        }
        if seen && !outgoing && rng.chance(10) {
            flags.push('R');
        }
        if seen {
            flags.push('S');
        }
        let size = draft.raw.len();
        let vsize = size + draft.raw.iter().filter(|&&b| b == b'\n').count();
        let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
        let base = format!("{date}.M{}P{pid}Q{unique}.brev", i % 1_000_000);
        let name = format!("{base},S={size},W={vsize}:2,{flags}");
        let tmp = dir.join("tmp").join(&base);
        let file = dir.join("cur").join(&name);
        write_file(&tmp, &draft.raw, date, owner.ids);
        fs::rename(&tmp, &file).expect("move message into cur/");
        out.push(Generated {
            folder: folder.to_owned(),
            file,
            message_id: draft.message_id,
            subject: draft.subject,
            from: draft.from,
            to: draft.to,
            date,
            size,
            vsize,
            flags,
            in_reply_to: draft.in_reply_to,
            references: draft.references,
            kind: draft.kind,
        });
    }
    out
}

fn write_file(path: &Path, bytes: &[u8], date: i64, owner: Option<(u32, u32)>) {
    let mut f = File::create(path).expect("create message file");
    f.write_all(bytes).expect("write message file");
    let mtime = UNIX_EPOCH + Duration::from_secs(date.max(0) as u64);
    f.set_times(FileTimes::new().set_modified(mtime).set_accessed(mtime))
        .expect("set message mtime");
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::fchown(&f, Some(uid), Some(gid)).expect("chown message file");
    }
}
