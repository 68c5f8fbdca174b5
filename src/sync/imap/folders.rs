//! The folder list: LIST (with SPECIAL-USE roles, or a name-based guess),
//! hierarchy delimiter, `\Noselect`, subscriptions; mirrored into the store.

use std::collections::{HashMap, HashSet};

use async_imap::imap_proto::{MailboxDatum, NameAttribute, Response, StatusAttribute};

use super::conn::Imap;
use super::utf7;
use crate::store::{FolderRead, NewFolder, Role};
use crate::sync::{AccountCtx, Event, SyncError};

/// A folder as the server lists it (name decoded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub delimiter: Option<String>,
    pub selectable: bool,
    pub subscribed: bool,
    /// From SPECIAL-USE attributes (or INBOX).
    pub role: Option<Role>,
}

/// What STATUS says of a folder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
    pub messages: Option<u32>,
    pub highestmodseq: Option<u64>,
}

impl Status {
    /// True when the server's folder is exactly as the store last saw it:
    /// same UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ (no new mail, no flag
    /// change, no expunge) and the same number of messages as stored.
    /// Anything unknown counts as changed.
    pub fn unchanged_since(&self, folder: &crate::store::Folder, stored: usize) -> bool {
        let known = |a: Option<u64>, b: Option<u64>| a.is_some() && a == b;
        known(
            self.uidvalidity.map(u64::from),
            folder.uidvalidity.map(u64::from),
        ) && known(self.uidnext.map(u64::from), folder.uidnext.map(u64::from))
            && known(self.highestmodseq, folder.highestmodseq)
            && self.messages.is_some_and(|m| m as usize == stored)
    }
}

/// Folder names that mean a role on servers without SPECIAL-USE, compared
/// case-insensitively with the last part of the path: English, Swedish,
/// Norwegian Bokmål, Bulgarian and a few common client defaults.
const ROLE_NAMES: &[(Role, &[&str])] = &[
    (
        Role::Sent,
        &[
            "sent",
            "sent items",
            "sent messages",
            "sent mail",
            "skickat",
            "skickade",
            "skickade objekt",
            "skickade meddelanden",
            "sendt",
            "sendte",
            "sendte elementer",
            "sendt post",
            "изпратени",
            "изпратени писма",
            "изпратени съобщения",
        ],
    ),
    (
        Role::Drafts,
        &["drafts", "draft", "utkast", "kladd", "kladder", "чернови"],
    ),
    (
        Role::Trash,
        &[
            "trash",
            "deleted",
            "deleted items",
            "deleted messages",
            "bin",
            "papperskorg",
            "papperskorgen",
            "borttaget",
            "borttagna objekt",
            "papirkurv",
            "papirkurven",
            "slettet",
            "slettede elementer",
            "кошче",
            "изтрити",
            "изтрити писма",
        ],
    ),
    (
        Role::Junk,
        &[
            "junk",
            "spam",
            "junk e-mail",
            "junk email",
            "bulk mail",
            "skräppost",
            "søppelpost",
            "spam-post",
            "спам",
            "нежелана поща",
        ],
    ),
    (
        Role::Archive,
        &["archive", "archives", "arkiv", "arkivet", "архив"],
    ),
];

/// The role a folder's name suggests.
pub fn role_by_name(leaf: &str) -> Option<Role> {
    let lower = leaf.trim().to_lowercase();
    ROLE_NAMES
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|(role, _)| *role)
}

fn leaf<'a>(name: &'a str, delimiter: Option<&str>) -> &'a str {
    match delimiter {
        Some(d) if !d.is_empty() => name.rsplit(d).next().unwrap_or(name),
        _ => name,
    }
}

fn depth(name: &str, delimiter: Option<&str>) -> usize {
    match delimiter {
        Some(d) if !d.is_empty() => name.matches(d).count(),
        _ => 0,
    }
}

/// Give roles: SPECIAL-USE first; each missing role then goes to the
/// shallowest folder whose name means it (`Sent`, `INBOX/Skickat`, …).
pub fn assign_roles(folders: &mut [Listed]) {
    let taken: HashSet<Role> = folders.iter().filter_map(|f| f.role).collect();
    let mut best: HashMap<Role, (usize, usize)> = HashMap::new();
    for (i, f) in folders.iter().enumerate() {
        if f.role.is_some() || !f.selectable {
            continue;
        }
        let Some(role) = role_by_name(leaf(&f.name, f.delimiter.as_deref())) else {
            continue;
        };
        if taken.contains(&role) {
            continue;
        }
        let d = depth(&f.name, f.delimiter.as_deref());
        // Only top level or directly under INBOX (Courier-style `INBOX.Sent`).
        let under_inbox = f.name.to_ascii_uppercase().starts_with("INBOX");
        if d > 1 || (d == 1 && !under_inbox) {
            continue;
        }
        match best.get(&role) {
            Some(&(bd, _)) if bd <= d => {}
            _ => {
                best.insert(role, (d, i));
            }
        }
    }
    for (role, (_, i)) in best {
        if let Some(f) = folders.get_mut(i) {
            f.role = Some(role);
        }
    }
}

/// LIST the server's folders (and their subscription state).
pub async fn list(imap: &mut Imap) -> Result<Vec<Listed>, SyncError> {
    let extended = imap.has("LIST-EXTENDED");
    let cmd = if extended {
        "LIST \"\" \"*\" RETURN (SUBSCRIBED)"
    } else {
        "LIST \"\" \"*\""
    };
    let mut out: Vec<Listed> = Vec::new();
    let mut subscribed: HashSet<String> = HashSet::new();
    imap.command(cmd, |r| {
        if let Response::MailboxData(MailboxDatum::List(l)) = r {
            let wire = l.name.as_ref();
            let mut name = utf7::decode(wire).unwrap_or_else(|| wire.to_owned());
            if name.eq_ignore_ascii_case("INBOX") {
                name = "INBOX".to_owned();
            }
            if name.contains(['\r', '\n']) || name.is_empty() {
                return Ok(());
            }
            let mut f = Listed {
                name,
                delimiter: l.delimiter.as_ref().map(|d| d.to_string()),
                selectable: true,
                subscribed: false,
                role: None,
            };
            for a in &l.name_attributes {
                match a {
                    NameAttribute::NoSelect => f.selectable = false,
                    NameAttribute::Sent => f.role = Some(Role::Sent),
                    NameAttribute::Drafts => f.role = Some(Role::Drafts),
                    NameAttribute::Trash => f.role = Some(Role::Trash),
                    NameAttribute::Junk => f.role = Some(Role::Junk),
                    NameAttribute::Archive => f.role = Some(Role::Archive),
                    NameAttribute::Extension(e) if e.eq_ignore_ascii_case("\\NonExistent") => {
                        f.selectable = false
                    }
                    NameAttribute::Extension(e) if e.eq_ignore_ascii_case("\\Subscribed") => {
                        f.subscribed = true
                    }
                    _ => {}
                }
            }
            if f.name == "INBOX" {
                f.role = Some(Role::Inbox);
            }
            if !out.iter().any(|o: &Listed| o.name == f.name) {
                out.push(f);
            }
        }
        Ok(())
    })
    .await?
    .check("LIST")?;
    if !extended {
        imap.command("LSUB \"\" \"*\"", |r| {
            if let Response::MailboxData(MailboxDatum::List(l)) = r {
                let wire = l.name.as_ref();
                subscribed.insert(utf7::decode(wire).unwrap_or_else(|| wire.to_owned()));
            }
            Ok(())
        })
        .await?
        .check("LSUB")?;
        for f in &mut out {
            f.subscribed = subscribed.contains(&f.name) || f.name == "INBOX";
        }
    }
    // The same role twice (servers do that): the first keeps it.
    let mut seen = HashSet::new();
    for f in &mut out {
        if let Some(r) = f.role
            && !seen.insert(r)
        {
            f.role = None;
        }
    }
    assign_roles(&mut out);
    Ok(out)
}

/// STATUS (UIDVALIDITY UIDNEXT MESSAGES HIGHESTMODSEQ) of each folder in
/// `names`, pipelined; a folder the server refuses is left out. Asked
/// separately rather than with LIST-STATUS (RFC 5819): Dovecot answers a
/// plain LIST and a STATUS in about a millisecond each on a 100,000-message
/// folder, but LIST … RETURN (STATUS …) in 50–60 ms.
pub async fn statuses(
    imap: &mut Imap,
    names: &[String],
) -> Result<HashMap<String, Status>, SyncError> {
    const WINDOW: usize = 32;
    let mut out = HashMap::new();
    let cmd = |name: &str| {
        format!(
            "STATUS {} (UIDVALIDITY UIDNEXT MESSAGES HIGHESTMODSEQ)",
            Imap::mailbox(name)
        )
    };
    let mut in_flight = std::collections::VecDeque::new();
    let mut next = names.iter();
    for name in next.by_ref().take(WINDOW) {
        in_flight.push_back((name, imap.send(&cmd(name)).await?));
    }
    while let Some((name, tag)) = in_flight.pop_front() {
        let mut status = Status::default();
        let done = imap
            .finish(&tag, |r| {
                if let Response::MailboxData(MailboxDatum::Status { status: attrs, .. }) = r {
                    for a in attrs {
                        match a {
                            StatusAttribute::UidValidity(v) => status.uidvalidity = Some(*v),
                            StatusAttribute::UidNext(v) => status.uidnext = Some(*v),
                            StatusAttribute::Messages(v) => status.messages = Some(*v),
                            StatusAttribute::HighestModSeq(v) => status.highestmodseq = Some(*v),
                            _ => {}
                        }
                    }
                }
                Ok(())
            })
            .await?;
        if let Some(name) = next.next() {
            in_flight.push_back((name, imap.send(&cmd(name)).await?));
        }
        if done.ok {
            out.insert(name.clone(), status);
        }
    }
    Ok(out)
}

/// Mirror the server's folders into the store: new ones added, attributes
/// refreshed, folders gone from the server removed (with their messages),
/// except names in `keep` (a queued create or rename not done yet).
/// Sends [`Event::FolderListChanged`] when anything changed.
pub fn mirror(
    ctx: &mut AccountCtx,
    listed: &[Listed],
    keep: &HashSet<String>,
) -> Result<bool, SyncError> {
    let account = ctx.account.id.clone();
    let before = ctx.store.folders(&account)?;
    let changed = ctx.store.write(|tx| {
        let mut changed = false;
        for l in listed {
            let nf = NewFolder {
                name: l.name.clone(),
                delimiter: l.delimiter.clone(),
                role: l.role,
                selectable: l.selectable,
                subscribed: l.subscribed,
                local_only: false,
            };
            let same = before.iter().any(|f| {
                f.name == nf.name
                    && f.delimiter == nf.delimiter
                    && f.role == nf.role
                    && f.selectable == nf.selectable
                    && f.subscribed == nf.subscribed
                    && !f.local_only
            });
            if !same {
                tx.upsert_folder(&account, &nf)?;
                changed = true;
            }
        }
        for f in &before {
            if f.local_only || keep.contains(&f.name) {
                continue;
            }
            if !listed.iter().any(|l| l.name == f.name) {
                tx.delete_folder(f.id)?;
                changed = true;
            }
        }
        Ok(changed)
    })?;
    if changed {
        ctx.events.send(Event::FolderListChanged { account });
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(name: &str, role: Option<Role>) -> Listed {
        Listed {
            name: name.into(),
            delimiter: Some("/".into()),
            selectable: true,
            subscribed: true,
            role,
        }
    }

    fn synced_folder() -> crate::store::Folder {
        crate::store::Folder {
            id: crate::store::FolderId(1),
            account: "a".into(),
            name: "INBOX".into(),
            delimiter: Some("/".into()),
            role: Some(Role::Inbox),
            selectable: true,
            subscribed: true,
            local_only: false,
            uidvalidity: Some(7),
            uidnext: Some(101),
            highestmodseq: Some(500),
            total: 100,
            unread: 3,
        }
    }

    #[test]
    fn a_folder_is_skipped_only_when_every_number_matches() {
        let f = synced_folder();
        let same = Status {
            uidvalidity: Some(7),
            uidnext: Some(101),
            messages: Some(100),
            highestmodseq: Some(500),
        };
        assert!(same.unchanged_since(&f, 100));
        // A flag changed elsewhere, new mail, a new UIDVALIDITY, an expunge
        // (or a store that lost a row): each means "look".
        for other in [
            Status {
                highestmodseq: Some(501),
                ..same
            },
            Status {
                uidnext: Some(102),
                ..same
            },
            Status {
                uidvalidity: Some(8),
                ..same
            },
            Status {
                messages: Some(99),
                ..same
            },
            Status {
                highestmodseq: None,
                ..same
            },
        ] {
            assert!(!other.unchanged_since(&f, 100), "{other:?}");
        }
        assert!(!same.unchanged_since(&f, 99));
        // A folder never synced completely has no UIDNEXT stored.
        let fresh = crate::store::Folder { uidnext: None, ..f };
        assert!(!same.unchanged_since(&fresh, 100));
    }

    #[test]
    fn names_in_four_languages() {
        for (name, role) in [
            ("Skickat", Role::Sent),
            ("Sendt", Role::Sent),
            ("Изпратени", Role::Sent),
            ("Sent Items", Role::Sent),
            ("Papperskorg", Role::Trash),
            ("Papirkurv", Role::Trash),
            ("Кошче", Role::Trash),
            ("Utkast", Role::Drafts),
            ("Kladd", Role::Drafts),
            ("Чернови", Role::Drafts),
            ("Skräppost", Role::Junk),
            ("Søppelpost", Role::Junk),
            ("Спам", Role::Junk),
            ("Arkiv", Role::Archive),
            ("Архив", Role::Archive),
            ("ARCHIVE", Role::Archive),
        ] {
            assert_eq!(role_by_name(name), Some(role), "{name}");
        }
        assert_eq!(role_by_name("Kvitton"), None);
    }

    #[test]
    fn special_use_wins_and_fallback_fills_gaps() {
        let mut fs = vec![
            l("INBOX", Some(Role::Inbox)),
            l("Sent", None),
            l("Skickat", Some(Role::Sent)),
            l("INBOX/Papperskorg", None),
            l("Projekt/Arkiv", None),
            l("Utkast", None),
        ];
        assign_roles(&mut fs);
        let role = |n: &str| fs.iter().find(|f| f.name == n).and_then(|f| f.role);
        assert_eq!(role("Skickat"), Some(Role::Sent));
        assert_eq!(role("Sent"), None, "SPECIAL-USE took the role");
        assert_eq!(role("INBOX/Papperskorg"), Some(Role::Trash));
        assert_eq!(role("Projekt/Arkiv"), None, "too deep, not under INBOX");
        assert_eq!(role("Utkast"), Some(Role::Drafts));
    }

    #[test]
    fn shallowest_name_match_wins() {
        let mut fs = vec![l("INBOX/Trash", None), l("Trash", None)];
        assign_roles(&mut fs);
        assert_eq!(fs[0].role, None);
        assert_eq!(fs[1].role, Some(Role::Trash));
    }
}
