//! IDLE on the Inbox (RFC 2177), on a connection of its own, so the engine
//! learns of new mail within seconds and then runs a sync.

use std::time::Duration;

use async_imap::imap_proto::RequestId;
use tokio::time::Instant;

use super::conn::{Imap, Login};
use super::mailbox::select;
use crate::store::{FolderRead, Role};
use crate::sync::{AccountCtx, SyncError};

/// Servers drop an idle client after 30 minutes; IDLE is renewed before.
const RENEW: Duration = Duration::from_secs(25 * 60);

/// A connection idling on the account's Inbox.
///
/// ```ignore
/// let mut watch = IdleWatch::start(&mut ctx).await?;
/// loop {
///     tokio::select! {
///         cmd = commands.recv() => { /* apply it; the watch stays as it is */ }
///         r = watch.changed() => { r?; imap::sync_once(&mut ctx).await?; }
///     }
/// }
/// ```
pub struct IdleWatch {
    imap: Imap,
    tag: Option<RequestId>,
    since: Instant,
    folder: String,
}

impl IdleWatch {
    /// Connect, select the Inbox and start idling. Fails with
    /// [`SyncError::Server`] when the server does not offer IDLE (poll
    /// instead).
    pub async fn start(ctx: &mut AccountCtx) -> Result<IdleWatch, SyncError> {
        let folder = ctx
            .store
            .folder_by_role(&ctx.account.id, Role::Inbox)?
            .map(|f| f.name)
            .unwrap_or_else(|| "INBOX".to_owned());
        let mut imap = Imap::login(Login::of(ctx)).await?;
        if !imap.has("IDLE") {
            imap.logout().await;
            return Err(SyncError::Server(crate::fl!("imap-idle-unsupported")));
        }
        if select(&mut imap, &folder, None).await?.is_none() {
            imap.logout().await;
            return Err(SyncError::Server(crate::fl!(
                "imap-folder-unavailable",
                folder = folder
            )));
        }
        let tag = imap.idle_start().await?;
        Ok(IdleWatch {
            imap,
            tag: Some(tag),
            since: Instant::now(),
            folder,
        })
    }

    /// The folder watched (the Inbox's server name).
    pub fn folder(&self) -> &str {
        &self.folder
    }

    /// Wait until the server reports a change in the Inbox (new mail,
    /// expunge, flags). Cancel-safe while waiting: dropping the future
    /// (e.g. in `select!`) leaves the watch usable. An error means the
    /// connection is gone: start a new watch.
    pub async fn changed(&mut self) -> Result<(), SyncError> {
        loop {
            let Some(tag) = self.tag.clone() else {
                return Err(SyncError::Server("IDLE was interrupted".into()));
            };
            let left = RENEW.saturating_sub(self.since.elapsed());
            match tokio::time::timeout(left, self.imap.idle_next()).await {
                Ok(Ok(true)) => return Ok(()),
                Ok(Ok(false)) => {}
                Ok(Err(e)) => {
                    self.tag = None;
                    return Err(e);
                }
                Err(_) => {
                    // Renew; if this is cancelled half-way, the watch is
                    // spent (tag None) and says so next time.
                    self.tag = None;
                    self.imap.idle_done(&tag).await?;
                    self.tag = Some(self.imap.idle_start().await?);
                    self.since = Instant::now();
                }
            }
        }
    }

    /// End IDLE and log out.
    pub async fn stop(mut self) {
        if let Some(tag) = self.tag.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), self.imap.idle_done(&tag)).await;
        }
        self.imap.logout().await;
    }
}
