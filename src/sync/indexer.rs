//! Reading the bodies of messages stored without them (see
//! `store::unindexed`): the preview, the attachment list and the search
//! words. The engine runs this after each sync, once the server session is
//! over, and `brev sync` before it exits.
//!
//! Batches are parsed on blocking threads, split across the cores, while
//! the batch before is committed. Each batch is one transaction, followed by
//! `FolderChanged` for the folders it touched, so the list fills in its
//! previews as they come.

use std::collections::BTreeSet;

use tokio::task::JoinHandle;

use super::{AccountCtx, Event, SyncError};
use crate::mail;
use crate::store::{FolderId, MsgId, NewMessage, Unindexed, UnindexedRead};

/// Messages per transaction, at most.
const BATCH: usize = 256;
/// Message bytes per batch, at most (two batches are in memory at once).
const BATCH_BYTES: usize = 32 * 1024 * 1024;

/// A message read: its id, folder, and what the body tells (`None` when
/// the parser failed on it).
type Read = (MsgId, FolderId, Option<NewMessage>);

/// Read every waiting body of this account; returns how many were read.
pub async fn index_waiting(ctx: &mut AccountCtx) -> Result<usize, SyncError> {
    let account = ctx.id().to_owned();
    let first = ctx
        .store
        .unindexed(&account, MsgId(0), BATCH, BATCH_BYTES)?;
    let mut parsing = start(first);
    let mut done = 0;
    while let Some((last, handles)) = parsing.take() {
        let mut read = Vec::new();
        for handle in handles {
            read.extend(
                handle
                    .await
                    .map_err(|e| SyncError::Store(format!("reading message bodies: {e}")))?,
            );
        }
        // Read the next batch from the store and start parsing it before
        // committing this one.
        parsing = start(ctx.store.unindexed(&account, last, BATCH, BATCH_BYTES)?);
        done += commit(ctx, &read)?;
    }
    if done > 0 {
        tracing::info!("{account}: read {done} message bodies");
    }
    Ok(done)
}

/// Parse a batch on as many blocking threads as there are cores. `None`
/// when the batch is empty; else the batch's last id and the threads.
fn start(batch: Vec<Unindexed>) -> Option<(MsgId, Vec<JoinHandle<Vec<Read>>>)> {
    let last = batch.last()?.id;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = batch.len().div_ceil(cores).max(1);
    let mut rest = batch;
    let mut handles = Vec::new();
    while !rest.is_empty() {
        let tail = rest.split_off(per.min(rest.len()));
        let chunk = std::mem::replace(&mut rest, tail);
        handles.push(tokio::task::spawn_blocking(move || {
            chunk.into_iter().map(parse).collect()
        }));
    }
    Some((last, handles))
}

/// Parse one message; a parser panic, or no stored bytes, keeps what the
/// headers told.
fn parse(u: Unindexed) -> Read {
    if u.raw.is_empty() {
        return (u.id, u.folder, None);
    }
    let parsed = std::panic::catch_unwind(|| NewMessage::from_parsed(&mail::parse(&u.raw), u.date));
    if parsed.is_err() {
        tracing::error!("the message parser failed on message {:?}", u.id);
    }
    (u.id, u.folder, parsed.ok())
}

/// Store a batch in one transaction; tell the UI which folders changed.
fn commit(ctx: &mut AccountCtx, read: &[Read]) -> Result<usize, SyncError> {
    let stored = ctx.store.write(|tx| {
        let mut stored = 0;
        for (id, _, m) in read {
            stored += usize::from(tx.set_indexed(*id, m.as_ref())?);
        }
        Ok(stored)
    })?;
    let folders: BTreeSet<FolderId> = read.iter().map(|r| r.1).collect();
    for folder in folders {
        ctx.events.send(Event::FolderChanged {
            account: ctx.id().to_owned(),
            folder,
        });
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting(raw: &[u8]) -> Unindexed {
        Unindexed {
            id: MsgId(7),
            folder: FolderId(1),
            date: 1_700_000_000,
            raw: raw.to_vec(),
        }
    }

    #[test]
    fn no_stored_bytes_keep_the_header_columns() {
        // Empty columns from parsing nothing must not replace the list's.
        assert_eq!(parse(waiting(b"")).2, None);
        let read = parse(waiting(b"Subject: Hej\r\n\r\nVi ses.\r\n"))
            .2
            .unwrap();
        assert_eq!(
            (read.subject.as_str(), read.preview.as_str()),
            ("Hej", "Vi ses.")
        );
        assert_eq!(read.date, 1_700_000_000, "no Date header: the stored date");
    }
}
