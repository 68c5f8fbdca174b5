//! Addresses the store has seen (senders and recipients), for suggestions
//! while writing a message: those matching what was typed, most used first.
//!
//! Read only, no table of its own: the candidates come from the search
//! index's sender and recipients columns (so a prefix is found without
//! scanning every message), then the matching addresses are counted.

use std::collections::HashMap;

use rusqlite::params;

use super::search::fts_query;
use super::{Read, Result};

/// At most this many of the newest matching messages are looked at.
const CANDIDATES: i64 = 5_000;

/// An address from the store, with how often it was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownAddress {
    /// The display name last seen with it (may be empty).
    pub name: String,
    pub email: String,
    /// Messages it appears in (as sender or recipient).
    pub uses: u32,
    /// The newest of those messages (unix seconds).
    pub last_seen: i64,
}

impl KnownAddress {
    /// `Name <email>`, or only the address.
    pub fn display(&self) -> String {
        if self.name.trim().is_empty() {
            self.email.clone()
        } else {
            format!("{} <{}>", self.name, self.email)
        }
    }
}

pub trait AddressRead: Read {
    /// Addresses whose address or a word of whose name starts with
    /// `prefix` (case-insensitive), most used first, then most recent.
    /// `account` limits the search to that account's folders.
    fn addresses_matching(
        &self,
        account: Option<&str>,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<KnownAddress>> {
        let prefix = prefix.trim();
        let Some(query) = fts_query(prefix) else {
            return Ok(Vec::new());
        };
        // Only the address columns: a word in a subject is no address.
        let query = format!("{{sender recipients}} : ({query})");
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.from_name, m.from_addr, m.recipients, m.date FROM messages m
             WHERE m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?1)
               AND (?2 IS NULL OR m.folder_id IN (SELECT id FROM folders WHERE account = ?2))
             ORDER BY m.date DESC LIMIT ?3",
        )?;
        let mut rows = stmt.query(params![query, account, CANDIDATES])?;
        let needle = prefix.to_lowercase();
        let mut seen: HashMap<String, KnownAddress> = HashMap::new();
        let mut note = |name: &str, email: &str, date: i64| {
            let email = email.trim();
            if !email.contains('@') || !matches(&needle, name, email) {
                return;
            }
            let entry = seen
                .entry(email.to_lowercase())
                .or_insert_with(|| KnownAddress {
                    name: String::new(),
                    email: email.to_owned(),
                    uses: 0,
                    last_seen: i64::MIN,
                });
            entry.uses += 1;
            // Rows come newest first: the first name seen is the newest.
            if entry.name.is_empty() && !name.trim().is_empty() {
                entry.name = name.trim().to_owned();
            }
            entry.last_seen = entry.last_seen.max(date);
        };
        while let Some(row) = rows.next()? {
            let from_name: String = row.get(0)?;
            let from_addr: String = row.get(1)?;
            let recipients: String = row.get(2)?;
            let date: i64 = row.get(3)?;
            note(&from_name, &from_addr, date);
            for (name, email) in split_recipients(&recipients) {
                note(&name, &email, date);
            }
        }
        let mut found: Vec<KnownAddress> = seen.into_values().collect();
        found.sort_by(|a, b| {
            b.uses
                .cmp(&a.uses)
                .then(b.last_seen.cmp(&a.last_seen))
                .then_with(|| a.email.cmp(&b.email))
        });
        found.truncate(limit);
        Ok(found)
    }
}

impl<T: Read + ?Sized> AddressRead for T {}

/// Whether the address, or a word of the name, starts with `needle`
/// (already lower case).
fn matches(needle: &str, name: &str, email: &str) -> bool {
    email.to_lowercase().starts_with(needle)
        || name.to_lowercase().starts_with(needle)
        || name
            .split(|c: char| c.is_whitespace() || c == ',' || c == '"' || c == '(')
            .any(|w| w.to_lowercase().starts_with(needle))
}

/// The stored recipients column ("Name <a@b>, c@d") as (name, address)
/// pairs. A piece without an address (a name that held a comma) is joined
/// to the next one.
pub fn split_recipients(recipients: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for piece in recipients.split(", ") {
        let piece = if pending.is_empty() {
            piece.to_owned()
        } else {
            format!("{pending}, {piece}")
        };
        if !piece.contains('@') {
            pending = piece;
            continue;
        }
        pending.clear();
        match (piece.rfind('<'), piece.rfind('>')) {
            (Some(open), Some(close)) if open < close => {
                let name = piece.get(..open).unwrap_or_default().trim();
                let email = piece.get(open + 1..close).unwrap_or_default().trim();
                out.push((name.trim_matches('"').to_owned(), email.to_owned()));
            }
            _ => out.push((String::new(), piece.trim().to_owned())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewFolder, NewMessage, Role, Store};

    fn message(from: &str, to: &str, subject: &str, date: i64) -> NewMessage {
        let raw = format!(
            "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\nHej\r\n"
        );
        let mut m = NewMessage::from_raw(raw.into_bytes(), date);
        m.date = date;
        m
    }

    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.write(|tx| {
            let inbox = tx.upsert_folder("anna", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            let other = tx.upsert_folder("olle", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
            let me = "Anna <anna@example.org>";
            tx.insert_message(
                inbox,
                &message("Kari Nordmann <kari@example.no>", me, "Hei", 10),
            )?;
            tx.insert_message(
                inbox,
                &message("Kari Nordmann <kari@example.no>", me, "Hei", 20),
            )?;
            tx.insert_message(
                inbox,
                &message(
                    "\"Karlsson, Åke\" <ake@example.se>",
                    "Anna <anna@example.org>, Karin Ek <karin@example.se>",
                    "kari kari kari",
                    30,
                ),
            )?;
            tx.insert_message(
                other,
                &message("Karl Olsen <karl@example.dk>", "olle@example.dk", "Hej", 40),
            )?;
            Ok(())
        })
        .unwrap();
        s
    }

    #[test]
    fn prefix_matches_addresses_and_names_most_used_first() {
        let s = store();
        let found = s.addresses_matching(None, "kar", 10).unwrap();
        let emails: Vec<&str> = found.iter().map(|a| a.email.as_str()).collect();
        assert_eq!(
            emails,
            [
                "kari@example.no",
                "karl@example.dk",
                "ake@example.se",
                "karin@example.se"
            ]
        );
        assert_eq!(found[0].uses, 2);
        assert_eq!(found[0].display(), "Kari Nordmann <kari@example.no>");
        assert_eq!(found[2].name, "Karlsson, Åke");
        // A word of the name: "Nordmann"; the subject is not looked at.
        let found = s.addresses_matching(None, "nordm", 10).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].email, "kari@example.no");
        // The part after @ is typed too.
        let found = s.addresses_matching(None, "kari@ex", 10).unwrap();
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn one_account_and_odd_input() {
        let s = store();
        let found = s.addresses_matching(Some("olle"), "kar", 10).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].email, "karl@example.dk");
        assert!(s.addresses_matching(None, "", 10).unwrap().is_empty());
        assert!(s.addresses_matching(None, "\" * (", 10).unwrap().is_empty());
        assert!(s.addresses_matching(None, "zzz", 10).unwrap().is_empty());
        assert_eq!(s.addresses_matching(None, "k", 2).unwrap().len(), 2);
    }

    #[test]
    fn recipients_split_back_into_addresses() {
        assert_eq!(
            split_recipients("Kari <kari@example.no>, ole@example.no, \"Ek, Karin\" <k@e.se>"),
            [
                ("Kari".to_owned(), "kari@example.no".to_owned()),
                (String::new(), "ole@example.no".to_owned()),
                ("Ek, Karin".to_owned(), "k@e.se".to_owned()),
            ]
        );
        assert!(split_recipients("").is_empty());
        assert!(split_recipients("only a name").is_empty());
    }
}
