//! Headless commands that work on mail: `sync`, `folders`, `list`, `export`.

use std::io::Write;

use serde::Serialize;
use tokio::sync::mpsc;

use crate::cli::{Failure, write_err};
use crate::config::{Account, Config, ConfigError};
use crate::fl;
use crate::profile::Profile;
use crate::store::{Flags, Folder, FolderRead, MessageRead, MessageRow, Role, Store};
use crate::sync::{AccountCtx, Event, EventSink, SyncError, SyncSummary, engine, indexer};

/// The accounts a command is about: the one named, or all.
fn chosen<'a>(config: &'a Config, key: Option<&str>) -> Result<Vec<&'a Account>, Failure> {
    match key {
        Some(key) => {
            Ok(vec![config.account(key).ok_or_else(|| {
                ConfigError::NoSuchAccount(key.to_owned())
            })?])
        }
        None => Ok(config.accounts.iter().collect()),
    }
}

pub fn sync(profile: &Profile, key: Option<&str>, out: &mut impl Write) -> Result<(), Failure> {
    let config = Config::load(&profile.config_file())?;
    let accounts = chosen(&config, key)?;
    if accounts.is_empty() {
        return writeln!(out, "{}", fl!("cli-no-accounts")).map_err(write_err);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(e.to_string()))?;
    let mut failed = Vec::new();
    for account in accounts {
        writeln!(
            out,
            "{}",
            fl!("cli-sync-start", account = account.id.clone())
        )
        .map_err(write_err)?;
        let (tx, rx) = mpsc::unbounded_channel();
        let result = match AccountCtx::from_profile(profile, &config, account, EventSink::new(tx)) {
            Ok(ctx) => runtime.block_on(sync_with_progress(ctx, rx, profile, out)),
            Err(e) => Err(e),
        };
        match result {
            // The summary was printed as soon as the server part was done.
            Ok(_) => {}
            Err(e) => failed.push(fl!(
                "cli-sync-failed",
                account = account.id.clone(),
                reason = e.user_message()
            )),
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure(failed.join("\n")))
    }
}

/// Run one sync while printing its progress as it comes.
async fn sync_with_progress(
    mut ctx: AccountCtx,
    mut events: mpsc::UnboundedReceiver<Event>,
    profile: &Profile,
    out: &mut impl Write,
) -> Result<SyncSummary, SyncError> {
    let sync = async move {
        let result = engine::sync_account(&mut ctx).await;
        // The summary is printed now; bodies left unread by a POP3 check
        // are read before the command returns.
        let result = match result {
            Ok(summary) => {
                ctx.events.send(Event::Synced {
                    account: ctx.id().to_owned(),
                    summary: summary.clone(),
                });
                indexer::index_waiting(&mut ctx).await.map(|_| summary)
            }
            Err(e) => Err(e),
        };
        drop(ctx); // closes the event channel, ending the printer
        result
    };
    let printer = async {
        let mut reader: Option<Store> = None;
        while let Some(event) = events.recv().await {
            if let Event::Synced { account, summary } = &event {
                let _ = writeln!(
                    out,
                    "{}",
                    fl!(
                        "cli-sync-summary",
                        account = account.clone(),
                        new = summary.new_messages,
                        changed = summary.changed,
                        removed = summary.removed,
                        replayed = summary.replayed,
                        deleted = summary.deleted_on_server
                    )
                );
                let _ = out.flush();
            }
            if let Event::Progress {
                folder,
                done,
                total,
                ..
            } = event
            {
                if reader.is_none() {
                    reader = Store::open_reader(&profile.store_file()).ok();
                }
                let name = reader
                    .as_ref()
                    .and_then(|r| r.folder(folder).ok().flatten())
                    .map(|f| f.name)
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}",
                    fl!(
                        "cli-sync-progress",
                        folder = name,
                        done = done,
                        total = total
                    )
                );
            }
        }
    };
    let (result, ()) = tokio::join!(sync, printer);
    result
}

/// `brev export [ACCOUNT] DIR`: mbox files, one per folder.
pub fn export(
    profile: &Profile,
    key: Option<&str>,
    dir: &std::path::Path,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let config = Config::load(&profile.config_file())?;
    let accounts = chosen(&config, key)?;
    if accounts.is_empty() {
        writeln!(out, "{}", fl!("cli-no-accounts")).map_err(write_err)?;
        return Ok(());
    }
    let Some(store) = reader(profile)? else {
        writeln!(out, "{}", fl!("cli-no-folders")).map_err(write_err)?;
        return Ok(());
    };
    let one = accounts.len() == 1;
    for account in accounts {
        let target = if one {
            dir.to_owned()
        } else {
            dir.join(crate::mail::safe_file_name(&account.id))
        };
        let summary = crate::export::export_account(&store, &account.id, &target)
            .map_err(|e| Failure(e.user_message()))?;
        writeln!(out, "{}", summary.user_message()).map_err(write_err)?;
    }
    Ok(())
}

/// The store for reading, or None when nothing was ever synced.
fn reader(profile: &Profile) -> Result<Option<Store>, Failure> {
    let path = profile.store_file();
    if !path.exists() {
        return Ok(None);
    }
    Ok(Some(Store::open_reader(&path)?))
}

#[derive(Serialize)]
struct FolderJson<'a> {
    account: &'a str,
    name: &'a str,
    role: Option<&'static str>,
    total: u32,
    unread: u32,
    selectable: bool,
    subscribed: bool,
    local_only: bool,
}

pub fn folders(
    profile: &Profile,
    key: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let config = Config::load(&profile.config_file())?;
    let accounts = chosen(&config, key)?;
    let store = reader(profile)?;
    let mut all: Vec<(String, Vec<Folder>)> = Vec::new();
    for a in &accounts {
        let folders = match &store {
            Some(s) => s.folders(&a.id)?,
            None => Vec::new(),
        };
        all.push((a.id.clone(), folders));
    }
    if json {
        let rows: Vec<FolderJson> = all
            .iter()
            .flat_map(|(account, folders)| {
                folders.iter().map(move |f| FolderJson {
                    account,
                    name: &f.name,
                    role: f.role.map(Role::as_str),
                    total: f.total,
                    unread: f.unread,
                    selectable: f.selectable,
                    subscribed: f.subscribed,
                    local_only: f.local_only,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure(e.to_string()))?;
        return writeln!(out, "{text}").map_err(write_err);
    }
    for (account, folders) in &all {
        writeln!(out, "{account}").map_err(write_err)?;
        if folders.is_empty() {
            writeln!(out, "  {}", fl!("cli-no-folders")).map_err(write_err)?;
        }
        for f in folders {
            let indent = "  ".repeat(f.depth() + 1);
            writeln!(
                out,
                "{indent}{}\t{}",
                f.leaf_name(),
                fl!("cli-folder-counts", total = f.total, unread = f.unread)
            )
            .map_err(write_err)?;
        }
    }
    Ok(())
}

/// Find a folder by its name, case-insensitively, or by its role
/// (`inbox`, `sent`, ...).
fn find_folder(store: &Store, account: &str, name: &str) -> Result<Option<Folder>, Failure> {
    if let Some(f) = store.folder_by_name(account, name)? {
        return Ok(Some(f));
    }
    let folders = store.folders(account)?;
    Ok(folders
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name) || f.name.to_lowercase() == name.to_lowercase())
        .or_else(|| {
            Role::parse(&name.to_lowercase())
                .and_then(|r| folders.iter().find(|f| f.role == Some(r)))
        })
        .cloned())
}

#[derive(Serialize)]
struct MessageJson<'a> {
    id: i64,
    uid: Option<u32>,
    date: i64,
    from_name: &'a str,
    from_addr: &'a str,
    subject: &'a str,
    seen: bool,
    flagged: bool,
    answered: bool,
    has_attachments: bool,
    size: u64,
    partial: bool,
}

fn flag_marks(r: &MessageRow) -> String {
    let mut s = String::new();
    s.push(if r.flags.contains(Flags::SEEN) {
        ' '
    } else {
        'N'
    });
    s.push(if r.flags.contains(Flags::FLAGGED) {
        'F'
    } else {
        ' '
    });
    s.push(if r.flags.contains(Flags::ANSWERED) {
        'A'
    } else {
        ' '
    });
    s.push(if r.has_attachments { '@' } else { ' ' });
    s
}

pub fn list(
    profile: &Profile,
    key: Option<&str>,
    folder_name: &str,
    json: bool,
    limit: usize,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let config = Config::load(&profile.config_file())?;
    let accounts = chosen(&config, key)?;
    let no_folder = || Failure(fl!("cli-no-such-folder", folder = folder_name.to_owned()));
    let store = reader(profile)?.ok_or_else(no_folder)?;
    let mut found = Vec::new();
    for a in &accounts {
        if let Some(f) = find_folder(&store, &a.id, folder_name)? {
            found.push(f);
        }
    }
    let folder = match found.len() {
        0 => return Err(no_folder()),
        1 => found.remove(0),
        _ => {
            return Err(Failure(fl!(
                "cli-which-account",
                folder = folder_name.to_owned()
            )));
        }
    };
    let rows = store.page(folder.id, 0, limit)?;
    if json {
        let items: Vec<MessageJson> = rows
            .iter()
            .map(|r| MessageJson {
                id: r.id.0,
                uid: r.uid,
                date: r.date,
                from_name: &r.from_name,
                from_addr: &r.from_addr,
                subject: &r.subject,
                seen: r.flags.contains(Flags::SEEN),
                flagged: r.flags.contains(Flags::FLAGGED),
                answered: r.flags.contains(Flags::ANSWERED),
                has_attachments: r.has_attachments,
                size: r.size,
                partial: r.partial,
            })
            .collect();
        let text = serde_json::to_string_pretty(&items).map_err(|e| Failure(e.to_string()))?;
        return writeln!(out, "{text}").map_err(write_err);
    }
    for r in &rows {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            utc_date(r.date),
            flag_marks(r),
            r.sender(),
            r.subject
        )
        .map_err(write_err)?;
    }
    Ok(())
}

/// `YYYY-MM-DD HH:MM` in UTC, for script-friendly listings.
pub fn utc_date(unix: i64) -> String {
    let c = crate::datetime::civil(unix);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute
    )
}

#[cfg(test)]
mod tests {
    use super::utc_date;

    #[test]
    fn dates_in_utc() {
        assert_eq!(utc_date(0), "1970-01-01 00:00");
        assert_eq!(utc_date(951_782_400), "2000-02-29 00:00");
        assert_eq!(utc_date(1_763_731_500), "2025-11-21 13:25");
        assert_eq!(utc_date(-86_400), "1969-12-31 00:00");
    }
}
