//! One logged-in session kept between the user's actions.
//!
//! Marking, flagging, moving and opening a message each need the server
//! at once. A new TLS connection and login for every click cost several
//! round trips, and some providers limit or even block accounts that log
//! in too often. Like Thunderbird's connection cache, the engine keeps the
//! session of the last action for a few minutes; before reusing it, a NOOP
//! checks that the server has not closed it meanwhile.

use std::time::{Duration, Instant};

use super::conn::Imap;
use crate::sync::{AccountCtx, SyncError};

/// How long an unused session is kept.
pub const KEEP: Duration = Duration::from_secs(5 * 60);

/// The kept session, if any, and when it was last used.
#[derive(Default)]
pub struct Cached {
    kept: Option<(Imap, Instant)>,
}

impl Cached {
    /// A live, logged-in session: the kept one when it was used within
    /// [`KEEP`] and still answers, else a new login.
    pub async fn get(&mut self, ctx: &mut AccountCtx) -> Result<&mut Imap, SyncError> {
        let reusable = match self.kept.take() {
            Some((mut imap, used)) if used.elapsed() < KEEP => match imap.simple("NOOP").await {
                Ok(_) => Some(imap),
                Err(e) => {
                    tracing::debug!("{}: the kept session is gone: {e}", ctx.id());
                    None
                }
            },
            Some((old, _)) => {
                old.logout().await;
                None
            }
            None => None,
        };
        let imap = match reusable {
            Some(imap) => imap,
            None => Imap::connect(ctx).await?,
        };
        Ok(&mut self.kept.insert((imap, Instant::now())).0)
    }

    /// The action is done: keep the session, unless `result` says the
    /// connection failed (then it is dropped, and the next action logs in
    /// anew).
    pub fn done<T>(&mut self, result: &Result<T, SyncError>) {
        if matches!(result, Err(SyncError::Net(_))) {
            self.kept = None;
        } else if let Some((_, used)) = &mut self.kept {
            *used = Instant::now();
        }
    }

    /// Log out of a session unused for longer than [`KEEP`].
    pub async fn expire(&mut self) {
        if self
            .kept
            .as_ref()
            .is_some_and(|(_, used)| used.elapsed() >= KEEP)
        {
            self.close().await;
        }
    }

    /// Log out now (the engine stops, or the account changed).
    pub async fn close(&mut self) {
        if let Some((imap, _)) = self.kept.take() {
            imap.logout().await;
        }
    }
}
