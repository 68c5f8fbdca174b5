//! Realistic mailboxes, generated once and reused through hard links.
//!
//! A mailbox is generated with the test filler (`tests/support/maildir.rs`:
//! real-looking headers in four languages, bodies of 2–50 KB, replies, HTML
//! alternatives, small attachments); then every `big_every`-th plain message
//! gets a 1–4 MB attachment. The result is kept under
//! `target/bench/mailboxes/<name>/cur/` with a `manifest.json`, and each run
//! hard-links the files into a user's fresh Maildir (Dovecot never changes a
//! message file in place: flag changes rename, expunges unlink, so the cache
//! stays intact). Across file systems the files are copied instead.

use std::fs;
use std::os::unix::fs::{MetadataExt, chown};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use crate::support::encode::{Rng, base64_lines};
use crate::support::maildir::{self, Generated, Owner};
use crate::support::messages::Kind;

/// A generated mailbox in the cache.
#[derive(Clone, Debug)]
pub struct Cached {
    /// The directory holding `cur/`.
    pub dir: PathBuf,
    pub count: usize,
    /// Bytes on disk (LF line endings).
    pub bytes: u64,
    /// Messages with a multi-MB attachment.
    pub big: usize,
}

/// The cached mailbox `name` of `n` messages, generating it when missing.
/// `owner` is the uid/gid Dovecot's mail processes run as (root only).
pub fn cached(
    root: &Path,
    name: &str,
    n: usize,
    seed: u64,
    big_every: usize,
    owner: Option<(u32, u32)>,
) -> Cached {
    let dir = root.join(name);
    if let Some(c) = read_manifest(&dir) {
        return c;
    }
    fs::create_dir_all(root).expect("create the mailbox cache");
    let tmp = root.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let started = std::time::Instant::now();
    eprintln!("bench: generating the {name} mailbox ({n} messages), once");
    let who = Owner {
        name: "Kari Nordmann",
        addr: "kari@brev.test",
        ids: owner,
    };
    // The folder is INBOX, i.e. the Maildir itself: `tmp/cur`.
    let generated = maildir::fill(&tmp, &who, "INBOX", n, seed, maildir::today_midnight());
    let mut rng = Rng::new(seed ^ 0xb16);
    let mut big = 0;
    let mut i = big_every / 2;
    while big_every > 0 && i < generated.len() {
        // The next plain message from here on gets the attachment.
        if let Some(g) = generated[i..].iter().find(|g| g.kind == Kind::Plain) {
            enlarge(g, &mut rng, owner);
            big += 1;
        }
        i += big_every;
    }
    let _ = fs::remove_dir_all(tmp.join("new"));
    let _ = fs::remove_dir_all(tmp.join("tmp"));
    let bytes = dir_bytes(&tmp.join("cur"));
    let c = Cached {
        dir: dir.clone(),
        count: n,
        bytes,
        big,
    };
    let manifest = serde_json::json!({"count": n, "bytes": bytes, "big": big, "seed": seed});
    fs::write(tmp.join("manifest.json"), manifest.to_string()).expect("write the manifest");
    // Another run may have finished the same mailbox meanwhile: keep theirs.
    if fs::rename(&tmp, &dir).is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    eprintln!(
        "bench: {name}: {n} messages, {:.0} MB, {big} with multi-MB attachments, in {:.1?}",
        bytes as f64 / 1e6,
        started.elapsed()
    );
    read_manifest(&dir).unwrap_or(c)
}

fn read_manifest(dir: &Path) -> Option<Cached> {
    let text = fs::read_to_string(dir.join("manifest.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(Cached {
        dir: dir.to_path_buf(),
        count: v.get("count")?.as_u64()? as usize,
        bytes: v.get("bytes")?.as_u64()?,
        big: v.get("big")?.as_u64()? as usize,
    })
}

fn dir_bytes(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Rewrite a plain message as multipart/mixed with a 1–4 MB attachment,
/// keeping its file name's date prefix (so its UID order) and its mtime.
fn enlarge(g: &Generated, rng: &mut Rng, owner: Option<(u32, u32)>) {
    let raw = fs::read(&g.file).expect("read a generated message");
    let Some(split) = raw.windows(2).position(|w| w == b"\n\n") else {
        return;
    };
    let header = String::from_utf8_lossy(&raw[..split + 1]).into_owned();
    let body = String::from_utf8_lossy(&raw[split + 2..]).into_owned();
    let boundary = format!("=_brev_big_{:x}", rng.next_u64() & 0xffff_ffff);
    let mut new_header: String = header
        .lines()
        .filter(|l| !l.starts_with("Content-Type:") && !l.starts_with("Content-Transfer-Encoding:"))
        .map(|l| format!("{l}\n"))
        .collect();
    new_header.push_str(&format!(
        "Content-Type: multipart/mixed; boundary=\"{boundary}\"\n"
    ));
    let len = 1_000_000 + rng.below(3_000_000) as usize;
    let data: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
    let name = *rng.pick(&["scan.pdf", "photos.zip", "presentasjon.pptx", "ritning.dwg"]);
    let text = format!(
        "{new_header}\nThis is a multi-part message in MIME format.\n\n--{boundary}\n\
         Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n\
         --{boundary}\nContent-Type: application/octet-stream\n\
         Content-Disposition: attachment; filename=\"{name}\"\n\
         Content-Transfer-Encoding: base64\n\n{}--{boundary}--\n",
        base64_lines(&data)
    );
    let bytes = text.into_bytes();
    let size = bytes.len();
    let vsize = size + bytes.iter().filter(|&&b| b == b'\n').count();
    let old_name = g
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let base = old_name.split(',').next().unwrap_or(&old_name);
    let flags = old_name.rsplit(":2,").next().unwrap_or("");
    let new_file = g
        .file
        .with_file_name(format!("{base},S={size},W={vsize}:2,{flags}"));
    fs::write(&new_file, &bytes).expect("write the enlarged message");
    let mtime = UNIX_EPOCH + Duration::from_secs(g.date.max(0) as u64);
    fs::File::options()
        .write(true)
        .open(&new_file)
        .and_then(|f| f.set_modified(mtime))
        .expect("set the mtime");
    if let Some((uid, gid)) = owner {
        chown(&new_file, Some(uid), Some(gid)).expect("chown the enlarged message");
    }
    if new_file != g.file {
        fs::remove_file(&g.file).expect("remove the small version");
    }
}

/// Put the cached messages into `maildir`'s INBOX (`maildir/cur`): hard
/// links, or copies across file systems. Returns how many were linked.
pub fn link_into(c: &Cached, maildir: &Path, owner: Option<(u32, u32)>) -> usize {
    let cur = maildir.join("cur");
    fs::create_dir_all(&cur).expect("create cur/");
    let mut linked = 0;
    for entry in fs::read_dir(c.dir.join("cur")).expect("read the cache") {
        let entry = entry.expect("read the cache");
        let to = cur.join(entry.file_name());
        match fs::hard_link(entry.path(), &to) {
            Ok(()) => linked += 1,
            Err(_) => {
                fs::copy(entry.path(), &to).expect("copy a message");
                let meta = entry.metadata().expect("stat a message");
                let mtime = UNIX_EPOCH + Duration::from_secs(meta.mtime().max(0) as u64);
                fs::File::options()
                    .write(true)
                    .open(&to)
                    .and_then(|f| f.set_modified(mtime))
                    .expect("set the mtime");
                if let Some((uid, gid)) = owner {
                    chown(&to, Some(uid), Some(gid)).expect("chown a message");
                }
            }
        }
    }
    // Date the folder a minute back, as a mailbox filled earlier is. Dovecot
    // reads a Maildir folder changed in the last seconds again at every
    // session (for 100k messages ~290 ms here, ~2 s long after the change):
    // without this, the first runs after a fill would time that, for Brev
    // and peers alike, not their own work.
    let a_minute_ago = std::time::SystemTime::now() - Duration::from_secs(60);
    fs::File::open(&cur)
        .and_then(|d| d.set_modified(a_minute_ago))
        .expect("date cur/ back");
    linked
}
