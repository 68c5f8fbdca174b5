//! The decisions of a POP3 check, as pure functions of what the server
//! listed and what the store remembers: which messages are new, whether the
//! server's unique ids changed wholesale, and which copies to delete.
//!
//! # Keys
//!
//! A message on the server is known by its key, kept in `pop_uidls.uidl`
//! and `messages.pop_uidl`:
//!
//! - normally its `UIDL` unique id;
//! - on a server without `UIDL` (or a message the listing left out), the
//!   fallback key `~mid:<Message-ID> <size>` from the message's headers
//!   (`TOP n 0`, or `RETR` where TOP is missing too) and its `LIST` size, or
//!   `~hdr:<SHA-256 of the header block> <size>` when it has no Message-ID.
//!   A real UIDL is printable ASCII without spaces, so the two never clash.
//!   Two messages with the same fallback key in one listing get `#2`, `#3`…
//!   (in listing order), so neither is taken for the other.
//!
//! # Server migrations
//!
//! When at least half of the messages Brev believes are still on the server
//! are missing from the listing and there are unknown ids, the ids probably
//! changed (a new server, a rebuilt index): the unknown messages' headers are
//! read and each is matched to a missing record by Message-ID + size, then
//! re-recorded under its new id instead of being downloaded again.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

/// What the store remembers, by key. Looked up for every listed message
/// several times per check (10,000 lookups each on a big mailbox, between
/// the listing and QUIT), so hashed with foldhash rather than SipHash: the
/// keys come from the user's own server, not from strangers.
pub(crate) type Known = HashMap<String, PopState, foldhash::fast::RandomState>;

use crate::config::PopOptions;
use crate::store::PopState;

/// One message in the server's listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ServerMsg {
    pub msgno: u32,
    /// Its LIST size; 0 when LIST was not needed (see `listing_without_sizes`).
    pub size: u64,
    /// Its key (see the module docs); `None` until known.
    pub key: Option<String>,
}

/// Join LIST and UIDL by message number, in message-number order. Messages
/// with a repeated UIDL keep only the first key; the others get none (and so
/// a fallback key).
pub(crate) fn join_listing(list: &[(u32, u64)], uidl: Option<&[(u32, String)]>) -> Vec<ServerMsg> {
    let mut ids: HashMap<u32, &str> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (n, id) in uidl.unwrap_or_default() {
        if seen.insert(id.as_str()) {
            ids.entry(*n).or_insert(id.as_str());
        } else {
            tracing::warn!("the server lists the unique id {id} twice");
        }
    }
    let mut out: Vec<ServerMsg> = list
        .iter()
        .map(|&(msgno, size)| ServerMsg {
            msgno,
            size,
            key: ids.get(&msgno).map(|id| (*id).to_owned()),
        })
        .collect();
    out.sort_by_key(|m| m.msgno);
    out.dedup_by_key(|m| m.msgno);
    out
}

/// The listing from UIDL alone, when no size is needed (size 0).
pub(crate) fn listing_without_sizes(uidl: Vec<(u32, String)>) -> Vec<ServerMsg> {
    let mut out: Vec<ServerMsg> = uidl
        .into_iter()
        .map(|(msgno, id)| ServerMsg {
            msgno,
            size: 0,
            key: Some(id),
        })
        .collect();
    out.sort_by_key(|m| m.msgno);
    out.dedup_by_key(|m| m.msgno);
    out
}

/// The header block of a message (up to and including the empty line).
pub(crate) fn header_block(raw: &[u8]) -> &[u8] {
    let mut at = 0;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        at += line.len();
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    raw.get(..at).unwrap_or(raw)
}

/// The Message-ID of a message, without angle brackets; unfolds headers.
pub(crate) fn message_id(raw: &[u8]) -> Option<String> {
    let headers = header_block(raw);
    let mut value: Option<Vec<u8>> = None;
    for line in headers.split_inclusive(|&b| b == b'\n') {
        let continued = line.first().is_some_and(|b| *b == b' ' || *b == b'\t');
        match (&mut value, continued) {
            (Some(v), true) => v.extend_from_slice(line),
            (Some(_), false) => break,
            (None, _) => {
                let Some(colon) = line.iter().position(|&b| b == b':') else {
                    continue;
                };
                let (name, rest) = line.split_at(colon);
                if name.trim_ascii().eq_ignore_ascii_case(b"message-id") {
                    value = Some(rest.get(1..).unwrap_or_default().to_vec());
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&value?).into_owned();
    let text = text.trim();
    let id = match (text.find('<'), text.find('>')) {
        (Some(a), Some(b)) if a < b => text.get(a + 1..b).unwrap_or_default(),
        _ => text.split_whitespace().next().unwrap_or_default(),
    };
    let id: String = id
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(998)
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The fallback key of a message (module docs), from its headers and size.
pub(crate) fn fallback_key(raw: &[u8], size: u64) -> String {
    match message_id(raw) {
        Some(id) => format!("~mid:{id} {size}"),
        None => {
            let hash = Sha256::digest(header_block(raw));
            let hex: String = hash.iter().take(16).map(|b| format!("{b:02x}")).collect();
            format!("~hdr:{hex} {size}")
        }
    }
}

/// Give the keyless messages their fallback keys; `headers` maps message
/// number to the headers read for it. Repeated keys get `#2`, `#3`, …
pub(crate) fn assign_fallback_keys(listing: &mut [ServerMsg], headers: &HashMap<u32, Vec<u8>>) {
    let mut taken: HashMap<String, usize> = HashMap::new();
    for m in listing.iter() {
        if let Some(k) = &m.key {
            taken.insert(k.clone(), 1);
        }
    }
    for m in listing.iter_mut().filter(|m| m.key.is_none()) {
        let Some(raw) = headers.get(&m.msgno) else {
            continue;
        };
        let base = fallback_key(raw, m.size);
        let count = taken.entry(base.clone()).or_insert(0);
        *count += 1;
        m.key = Some(if *count == 1 {
            base
        } else {
            format!("{base}#{count}")
        });
    }
}

/// Whether the listing looks like a server whose unique ids all changed.
pub(crate) fn migration_suspected(listing: &[ServerMsg], known: &Known) -> bool {
    // The usual case, every listed message known, needs no set of keys:
    // this runs on every check, between the listing and QUIT.
    let unknown = listing
        .iter()
        .filter_map(|m| m.key.as_deref())
        .filter(|k| !known.contains_key(*k))
        .count();
    if unknown == 0 {
        return false;
    }
    let on_server: HashSet<&str> = listing.iter().filter_map(|m| m.key.as_deref()).collect();
    let expected: Vec<&PopState> = known
        .values()
        .filter(|s| !s.record.deleted_on_server)
        .collect();
    let missing = expected
        .iter()
        .filter(|s| !on_server.contains(s.record.uidl.as_str()))
        .count();
    missing > 0 && missing * 2 >= expected.len()
}

/// Match unknown messages (msgno, new key, size, Message-ID) to records no
/// longer listed, by Message-ID + size, one to one. Returns (old key, new key).
pub(crate) fn match_migrated(
    unknown: &[(u32, String, u64, Option<String>)],
    known: &Known,
    on_server: &HashSet<&str>,
) -> Vec<(String, String)> {
    let mut candidates: HashMap<(&str, u64), Vec<&str>> = HashMap::new();
    for s in known.values() {
        let r = &s.record;
        if r.deleted_on_server || on_server.contains(r.uidl.as_str()) {
            continue;
        }
        if let Some(id) = r.message_id.as_deref() {
            candidates
                .entry((id, r.size))
                .or_default()
                .push(r.uidl.as_str());
        }
    }
    for list in candidates.values_mut() {
        list.sort_unstable();
    }
    let mut out = Vec::new();
    for (_, new_key, size, id) in unknown {
        let Some(id) = id else { continue };
        if let Some(old) = candidates.get_mut(&(id.as_str(), *size)).and_then(Vec::pop) {
            out.push((old.to_owned(), new_key.clone()));
        }
    }
    out
}

/// Why a server copy is removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Removal {
    /// "Leave a copy" is off.
    Downloaded,
    /// The user deleted it in Brev and "remove when deleted" is on.
    DeletedHere,
    /// Older than "remove after N days".
    Expired,
}

/// Whether to DELE the server copy of a downloaded message now. A message
/// stored with headers only keeps its server copy (its body lives only
/// there) unless the user deleted it.
pub(crate) fn removal(s: &PopState, opts: &PopOptions, now: i64) -> Option<Removal> {
    let deleted_here = !s.present;
    if s.partial && !deleted_here {
        return None;
    }
    if !opts.leave_on_server {
        return Some(Removal::Downloaded);
    }
    if deleted_here && opts.delete_when_deleted {
        return Some(Removal::DeletedHere);
    }
    let days = i64::from(opts.delete_after_days?);
    (now.saturating_sub(s.record.downloaded) >= days.saturating_mul(86_400))
        .then_some(Removal::Expired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{MsgId, PopRecord};

    fn state(uidl: &str, mid: Option<&str>, size: u64) -> PopState {
        PopState {
            record: PopRecord {
                uidl: uidl.into(),
                message_id: mid.map(Into::into),
                size,
                downloaded: 1_000_000,
                local: Some(MsgId(1)),
                deleted_on_server: false,
            },
            present: true,
            partial: false,
        }
    }

    fn known(states: Vec<PopState>) -> Known {
        states
            .into_iter()
            .map(|s| (s.record.uidl.clone(), s))
            .collect()
    }

    fn msg(msgno: u32, key: &str, size: u64) -> ServerMsg {
        ServerMsg {
            msgno,
            size,
            key: Some(key.into()),
        }
    }

    #[test]
    fn message_ids_are_found_unfolded_and_unbracketed() {
        let raw = b"From: a@b\r\nMESSAGE-ID:\r\n  <abc.123@example.se>\r\nSubject: x\r\n\r\nMessage-ID: <body@x>\r\n";
        assert_eq!(message_id(raw).as_deref(), Some("abc.123@example.se"));
        assert_eq!(
            message_id(b"Message-Id: bare@id\n\n").as_deref(),
            Some("bare@id")
        );
        assert_eq!(
            message_id(b"Subject: none\r\n\r\nMessage-ID: <no@x>\r\n"),
            None
        );
        assert_eq!(message_id(b"Message-ID: <>\r\n\r\n"), None);
        assert_eq!(message_id(b"\xff\xfe: \x00\r\nMessage-ID\r\n\r\n"), None);
        assert_eq!(message_id(b""), None);
    }

    #[test]
    fn header_block_stops_at_the_empty_line() {
        assert_eq!(
            header_block(b"A: 1\r\nB: 2\r\n\r\nbody\r\n"),
            b"A: 1\r\nB: 2\r\n\r\n"
        );
        assert_eq!(header_block(b"A: 1\n\nbody"), b"A: 1\n\n");
        assert_eq!(header_block(b"A: 1"), b"A: 1");
    }

    #[test]
    fn fallback_keys_use_message_id_and_size_else_a_header_hash() {
        assert_eq!(
            fallback_key(b"Message-ID: <x@y>\r\n\r\n", 42),
            "~mid:x@y 42"
        );
        let a = fallback_key(b"Subject: a\r\n\r\nbody one", 10);
        let b = fallback_key(b"Subject: a\r\n\r\nbody two", 10);
        let c = fallback_key(b"Subject: b\r\n\r\n", 10);
        assert!(a.starts_with("~hdr:") && a.ends_with(" 10"));
        assert_eq!(
            a, b,
            "the body does not count: TOP and RETR give the same key"
        );
        assert_ne!(a, c);
    }

    #[test]
    fn duplicate_fallback_keys_are_numbered() {
        let mut listing = vec![
            ServerMsg {
                msgno: 1,
                size: 5,
                key: None,
            },
            ServerMsg {
                msgno: 2,
                size: 5,
                key: None,
            },
            ServerMsg {
                msgno: 3,
                size: 6,
                key: None,
            },
            ServerMsg {
                msgno: 4,
                size: 5,
                key: None,
            },
        ];
        let h = |id: &str| format!("Message-ID: <{id}>\r\n\r\n").into_bytes();
        let headers = HashMap::from([(1, h("same")), (2, h("same")), (3, h("same"))]);
        assign_fallback_keys(&mut listing, &headers);
        let keys: Vec<_> = listing.iter().map(|m| m.key.clone()).collect();
        assert_eq!(
            keys,
            vec![
                Some("~mid:same 5".into()),
                Some("~mid:same 5#2".into()),
                Some("~mid:same 6".into()),
                None
            ]
        );
    }

    #[test]
    fn join_listing_drops_repeated_ids_and_orders_by_number() {
        let list = [(2, 20), (1, 10), (3, 30), (3, 31)];
        let uidl = vec![
            (1, "a".to_owned()),
            (2, "b".to_owned()),
            (3, "a".to_owned()),
        ];
        let joined = join_listing(&list, Some(&uidl));
        assert_eq!(
            joined,
            vec![
                msg(1, "a", 10),
                msg(2, "b", 20),
                ServerMsg {
                    msgno: 3,
                    size: 30,
                    key: None
                }
            ]
        );
        assert!(join_listing(&list, None).iter().all(|m| m.key.is_none()));
    }

    #[test]
    fn migration_is_suspected_only_when_most_ids_vanish() {
        let k = known(
            (0..10)
                .map(|i| state(&format!("old{i}"), Some("m"), 1))
                .collect(),
        );
        // Normal day: all known ids present plus two new ones.
        let mut listing: Vec<_> = (0..10).map(|i| msg(i + 1, &format!("old{i}"), 1)).collect();
        listing.push(msg(11, "new1", 1));
        assert!(!migration_suspected(&listing, &k));
        // Four deleted elsewhere, one new: not a migration.
        let listing: Vec<_> = (0..6)
            .map(|i| msg(i + 1, &format!("old{i}"), 1))
            .chain([msg(7, "n", 1)])
            .collect();
        assert!(!migration_suspected(&listing, &k));
        // Every id changed.
        let listing: Vec<_> = (0..10).map(|i| msg(i + 1, &format!("new{i}"), 1)).collect();
        assert!(migration_suspected(&listing, &k));
        // All gone and nothing new (downloaded elsewhere and deleted): no.
        assert!(!migration_suspected(&[], &k));
        // Records already known to be deleted on the server do not count.
        let mut gone = state("gone", Some("m"), 1);
        gone.record.deleted_on_server = true;
        assert!(!migration_suspected(&[msg(1, "x", 1)], &known(vec![gone])));
    }

    #[test]
    fn migrated_messages_match_by_message_id_and_size_one_to_one() {
        let k = known(vec![
            state("old1", Some("a@x"), 100),
            state("old2", Some("b@x"), 200),
            state("old3", Some("c@x"), 300),
            state("old4", Some("dup@x"), 50),
            state("old5", Some("dup@x"), 50),
            state("still", Some("s@x"), 1),
            state("noid", None, 7),
        ]);
        let on_server: HashSet<&str> = ["still"].into_iter().collect();
        let unknown = vec![
            (1, "n1".to_owned(), 100, Some("a@x".to_owned())),
            (2, "n2".to_owned(), 201, Some("b@x".to_owned())), // size differs: new
            (3, "n3".to_owned(), 50, Some("dup@x".to_owned())),
            (4, "n4".to_owned(), 50, Some("dup@x".to_owned())),
            (5, "n5".to_owned(), 50, Some("dup@x".to_owned())), // a third copy: new
            (6, "n6".to_owned(), 1, Some("s@x".to_owned())),    // its record is still listed
            (7, "n7".to_owned(), 7, None),
        ];
        let mut m = match_migrated(&unknown, &k, &on_server);
        m.sort();
        assert_eq!(
            m,
            vec![
                ("old1".to_owned(), "n1".to_owned()),
                ("old4".to_owned(), "n4".to_owned()),
                ("old5".to_owned(), "n3".to_owned()),
            ]
        );
    }

    #[test]
    fn removal_rules() {
        let now = 1_000_000 + 10 * 86_400;
        let keep = PopOptions {
            leave_on_server: true,
            delete_after_days: None,
            delete_when_deleted: false,
            headers_only_above_kb: None,
        };
        let s = state("a", None, 1);
        assert_eq!(removal(&s, &keep, now), None);
        let no_copy = PopOptions {
            leave_on_server: false,
            ..keep.clone()
        };
        assert_eq!(removal(&s, &no_copy, now), Some(Removal::Downloaded));
        let days = |d| PopOptions {
            delete_after_days: Some(d),
            ..keep.clone()
        };
        assert_eq!(removal(&s, &days(10), now), Some(Removal::Expired));
        assert_eq!(removal(&s, &days(11), now), None);
        let mut deleted = state("a", None, 1);
        deleted.present = false;
        assert_eq!(removal(&deleted, &keep, now), None);
        let when_deleted = PopOptions {
            delete_when_deleted: true,
            ..keep.clone()
        };
        assert_eq!(
            removal(&deleted, &when_deleted, now),
            Some(Removal::DeletedHere)
        );
        assert_eq!(removal(&s, &when_deleted, now), None);
        // Headers only: the server copy stays until the body is here...
        let mut partial = state("a", None, 1);
        partial.partial = true;
        assert_eq!(removal(&partial, &no_copy, now), None);
        assert_eq!(removal(&partial, &days(1), now), None);
        // ...or the user deleted it.
        partial.present = false;
        assert_eq!(removal(&partial, &no_copy, now), Some(Removal::Downloaded));
    }
}
