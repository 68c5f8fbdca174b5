//! The UI's read-only view of the store: one reader connection, used off the
//! UI thread (DESIGN.md rule 2). Every query is a plain function from a
//! [`Query`] to a [`Loaded`] answer, so tests run them directly and the app
//! runs them in `Task::perform` + `spawn_blocking`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::mail;
use crate::store::{
    Folder, FolderId, FolderRead, ImapRead, MessageRead, MessageRow, MsgId, OutboxEntry,
    OutboxRead, OutboxState, Quota, Role, Scope, SearchRead, Store,
};

/// A shared reader connection, opened on first use (the engine may not have
/// created the store yet when the window opens).
#[derive(Clone)]
pub struct Db {
    path: Option<PathBuf>,
    store: Arc<Mutex<Option<Store>>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

impl Db {
    /// The store at `path`, opened read-only when first needed.
    pub fn at(path: PathBuf) -> Db {
        Db {
            path: Some(path),
            store: Arc::new(Mutex::new(None)),
        }
    }

    /// An already open store (tests).
    pub fn with(store: Store) -> Db {
        Db {
            path: None,
            store: Arc::new(Mutex::new(Some(store))),
        }
    }

    /// No store at all: every query answers empty.
    pub fn none() -> Db {
        Db {
            path: None,
            store: Arc::new(Mutex::new(None)),
        }
    }

    /// Run `f` on the reader connection, opening it when needed (blocking).
    fn with_store<T>(&self, f: impl FnOnce(Option<&Store>) -> T) -> Result<T, String> {
        let mut guard = match self.store.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if guard.is_none()
            && let Some(path) = &self.path
            && path.exists()
        {
            match Store::open_reader(path) {
                Ok(s) => *guard = Some(s),
                Err(e) => return Err(e.user_message()),
            }
        }
        Ok(f(guard.as_ref()))
    }

    /// Run a query on the reader connection (blocking).
    pub fn run(&self, query: Query) -> Loaded {
        self.with_store(|store| match store {
            Some(store) => run_query(store, query),
            None => empty_answer(query),
        })
        .unwrap_or_else(Loaded::Failed)
    }

    /// Run `f` on the reader connection (blocking; call it off the UI
    /// thread). `Ok(None)` when there is no store yet; `Err` is translated.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> T) -> Result<Option<T>, String> {
        self.with_store(|store| store.map(f))
    }

    /// Save attachment `part` of message `id` into `dir` under its
    /// sanitized name, never overwriting a file (a number is added
    /// instead). Returns the path written, or a translated reason.
    pub fn save_attachment(
        &self,
        id: MsgId,
        part: usize,
        name: &str,
        dir: &Path,
    ) -> Result<PathBuf, String> {
        let raw = self
            .with_store(|store| store.map(|s| s.raw(id)))?
            .transpose()
            .map_err(|e| e.user_message())?
            .flatten();
        let bytes = raw
            .and_then(|raw| {
                std::panic::catch_unwind(|| mail::attachment_bytes(&raw, part))
                    .ok()
                    .flatten()
            })
            .ok_or_else(|| crate::fl!("ui-attachment-not-downloaded"))?;
        let failed =
            |e: std::io::Error| crate::fl!("ui-attachment-save-failed", reason = e.to_string());
        std::fs::create_dir_all(dir).map_err(failed)?;
        let file_name = mail::safe_file_name(name);
        let (stem, ext) = match file_name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => (stem.to_owned(), format!(".{ext}")),
            _ => (file_name.clone(), String::new()),
        };
        for n in 1..1000 {
            let candidate = if n == 1 {
                dir.join(&file_name)
            } else {
                dir.join(format!("{stem} ({n}){ext}"))
            };
            // create_new: an existing file is never overwritten.
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&candidate)
            {
                Ok(mut file) => {
                    use std::io::Write;
                    file.write_all(&bytes).map_err(failed)?;
                    file.sync_all().map_err(failed)?;
                    return Ok(candidate);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(failed(e)),
            }
        }
        Err(failed(std::io::Error::from(
            std::io::ErrorKind::AlreadyExists,
        )))
    }
}

/// What the UI asks the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Query {
    /// The folders of these accounts.
    Folders { accounts: Vec<String> },
    /// Rows `offset..offset+limit` of a folder, and its size.
    Window {
        folder: FolderId,
        offset: usize,
        limit: usize,
        generation: u64,
    },
    /// One message, parsed, for the reader.
    Message { id: MsgId, generation: u64 },
    /// Full-text search.
    Search {
        input: String,
        scope: Scope,
        limit: usize,
        generation: u64,
    },
}

/// A parsed message for the reader.
#[derive(Clone, Debug)]
pub struct Opened {
    pub row: MessageRow,
    pub parsed: Option<mail::Message>,
    pub attachments: Vec<mail::Attachment>,
    /// Its sending state, when it waits in an Outbox.
    pub outbox: Option<OutboxEntry>,
}

/// What the store answered.
#[derive(Clone, Debug)]
pub enum Loaded {
    /// Each account's folders, and its server quota where known.
    Folders(Vec<(String, Vec<Folder>, Option<Quota>)>),
    Window {
        folder: FolderId,
        offset: usize,
        total: usize,
        rows: Vec<MessageRow>,
        /// In an Outbox: where each of these rows stands (empty elsewhere).
        states: Vec<(MsgId, OutboxState)>,
        generation: u64,
    },
    Message {
        generation: u64,
        message: Option<Box<Opened>>,
    },
    Search {
        generation: u64,
        rows: Vec<MessageRow>,
    },
    /// The store could not be read (translated reason).
    Failed(String),
}

fn empty_answer(query: Query) -> Loaded {
    match query {
        Query::Folders { accounts } => Loaded::Folders(
            accounts
                .into_iter()
                .map(|a| (a, Vec::new(), None))
                .collect(),
        ),
        Query::Window {
            folder,
            offset,
            generation,
            ..
        } => Loaded::Window {
            folder,
            offset,
            total: 0,
            rows: Vec::new(),
            states: Vec::new(),
            generation,
        },
        Query::Message { generation, .. } => Loaded::Message {
            generation,
            message: None,
        },
        Query::Search { generation, .. } => Loaded::Search {
            generation,
            rows: Vec::new(),
        },
    }
}

/// Answer a query from a store. Never panics on what is stored.
pub fn run_query(store: &Store, query: Query) -> Loaded {
    let result = (|| -> crate::store::Result<Loaded> {
        Ok(match query {
            Query::Folders { accounts } => {
                let mut out = Vec::with_capacity(accounts.len());
                for account in accounts {
                    let folders = store.folders(&account)?;
                    // Only IMAP servers tell a quota; a failure here is no
                    // reason to show no folders.
                    let quota = store.quota(&account).ok().flatten();
                    out.push((account, folders, quota));
                }
                Loaded::Folders(out)
            }
            Query::Window {
                folder,
                offset,
                limit,
                generation,
            } => {
                let total = store.message_count(folder)?;
                let rows = store.page(folder, offset, limit)?;
                let states = outbox_states(store, folder, &rows);
                Loaded::Window {
                    folder,
                    offset,
                    total,
                    rows,
                    states,
                    generation,
                }
            }
            Query::Message { id, generation } => {
                let message = match store.message(id)? {
                    Some(row) => {
                        let raw = store.raw(id)?;
                        // Parsing catches its own trouble; a panic in a
                        // parser must not take the window down.
                        let parsed =
                            raw.and_then(|raw| std::panic::catch_unwind(|| mail::parse(&raw)).ok());
                        let mut attachments = store.attachments(id)?;
                        // A body not read yet (a POP3 message just
                        // downloaded) has no list of attachments stored.
                        if attachments.is_empty()
                            && let Some(p) = &parsed
                        {
                            attachments = p.attachments.clone();
                        }
                        // A store from before the Outbox existed has no
                        // such table: then nothing waits there.
                        let outbox = store.outbox_entry(id).ok().flatten();
                        Some(Box::new(Opened {
                            row,
                            parsed,
                            attachments,
                            outbox,
                        }))
                    }
                    None => None,
                };
                Loaded::Message {
                    generation,
                    message,
                }
            }
            Query::Search {
                input,
                scope,
                limit,
                generation,
            } => Loaded::Search {
                generation,
                rows: store.search(&input, &scope, limit)?,
            },
        })
    })();
    result.unwrap_or_else(|e| Loaded::Failed(e.user_message()))
}

/// The sending state of `rows` when `folder` is an Outbox: one query for
/// the whole (small) Outbox, none in other folders. A store from before the
/// Outbox existed answers nothing.
fn outbox_states(
    store: &Store,
    folder: FolderId,
    rows: &[MessageRow],
) -> Vec<(MsgId, OutboxState)> {
    let Ok(Some(f)) = store.folder(folder) else {
        return Vec::new();
    };
    if f.role != Some(Role::Outbox) || rows.is_empty() {
        return Vec::new();
    }
    let shown: std::collections::BTreeSet<MsgId> = rows.iter().map(|r| r.id).collect();
    store
        .outbox(&f.account)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| shown.contains(&e.message))
        .map(|e| (e.message, e.state))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewFolder, NewMessage, Role};

    /// A POP3 message whose body has not been read yet has no stored list
    /// of attachments; the reader shows the ones in its bytes.
    #[test]
    fn an_unread_body_still_shows_its_attachments() {
        let mut store = Store::open_in_memory().unwrap();
        let raw = b"From: a@b.se\r\nSubject: Kvitto\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nSe bilaga.\r\n\
            --XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"kvitto.pdf\"\r\n\
            Content-Transfer-Encoding: base64\r\n\r\nSGVqIQ==\r\n--XX--\r\n";
        let id = store
            .write(|tx| {
                let inbox = tx.upsert_folder("acc", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
                let m = NewMessage {
                    subject: "Kvitto".into(),
                    raw: Some(raw.to_vec()),
                    body_later: true,
                    ..NewMessage::default()
                };
                tx.insert_message(inbox, &m)
            })
            .unwrap();
        let Loaded::Message {
            message: Some(opened),
            ..
        } = Db::with(store).run(Query::Message { id, generation: 1 })
        else {
            panic!("the message loads");
        };
        let names: Vec<&str> = opened.attachments.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["kvitto.pdf"]);
    }
}
