//! The long-running engine of one account: a tokio task that takes
//! [`Command`]s, applies user actions locally at once, syncs on start, on
//! "check now", every few minutes and (IMAP) when IDLE reports Inbox
//! changes, and backs off while the server cannot be reached. A refused
//! password stops the retries until the user acts.
//!
//! The protocol engines send the events about what they changed
//! (`FolderChanged`, `FolderListChanged`, `Progress`, `NewMail`); this loop
//! adds `State` and `Synced`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;

use super::{AccountCtx, AccountState, Command, Event, SyncError, SyncSummary, imap, pop, send};
use crate::config::MailProtocol;
use crate::store::MsgId;

/// Run one sync of the account with its protocol's engine.
pub async fn sync_account(ctx: &mut AccountCtx) -> Result<SyncSummary, SyncError> {
    match ctx.account.protocol {
        MailProtocol::Imap => imap::sync_once(ctx).await,
        MailProtocol::Pop3 => pop::sync_once(ctx).await,
    }
}

async fn open_message(
    session: &mut imap::Cached,
    ctx: &mut AccountCtx,
    id: MsgId,
) -> Result<(), SyncError> {
    match ctx.account.protocol {
        MailProtocol::Imap => imap::open_message_with(session, ctx, id).await,
        MailProtocol::Pop3 => pop::open_message(ctx, id).await,
    }
}

fn apply_local(ctx: &mut AccountCtx, cmd: &Command) -> Result<(), SyncError> {
    match cmd {
        Command::Send(draft) => return send::queue(ctx, draft).map(|_| ()),
        Command::SaveDraft(draft) => return send::save_draft(ctx, draft).map(|_| ()),
        Command::DiscardDraft(id) => return send::discard_draft(ctx, *id),
        Command::ResolveOutbox {
            message,
            send_again,
        } => return send::resolve(ctx, *message, *send_again),
        _ => {}
    }
    match ctx.account.protocol {
        MailProtocol::Imap => imap::apply_local(ctx, cmd),
        MailProtocol::Pop3 => pop::apply_local(ctx, cmd),
    }
}

/// Timing of the engine loop.
#[derive(Clone, Copy, Debug)]
pub struct Schedule {
    /// Between checks when all is well.
    pub interval: Duration,
    /// First wait after a failure; doubles up to `max_backoff`.
    pub min_backoff: Duration,
    pub max_backoff: Duration,
    /// Never talk to the server: apply commands to the store only (the
    /// demo mailbox, which has no server).
    pub local_only: bool,
}

impl Schedule {
    pub fn every_minutes(minutes: u32) -> Schedule {
        Schedule {
            interval: Duration::from_secs(u64::from(minutes.max(1)) * 60),
            min_backoff: Duration::from_secs(5),
            max_backoff: Duration::from_secs(300),
            local_only: false,
        }
    }

    /// Commands applied to the store, nothing ever sent or fetched.
    pub fn local_only() -> Schedule {
        Schedule {
            local_only: true,
            ..Schedule::every_minutes(60)
        }
    }
}

/// A running engine.
pub struct EngineHandle {
    commands: mpsc::UnboundedSender<Command>,
    task: tokio::task::JoinHandle<()>,
}

impl EngineHandle {
    /// Hand the engine a command; false when it has stopped.
    pub fn send(&self, command: Command) -> bool {
        self.commands.send(command).is_ok()
    }

    /// Ask the engine to stop and wait until it has.
    pub async fn shutdown(self) {
        let _ = self.commands.send(Command::Shutdown);
        let _ = self.task.await;
    }
}

/// Start the engine of one account on the current tokio runtime.
pub fn spawn(ctx: AccountCtx, schedule: Schedule) -> EngineHandle {
    let (tx, rx) = mpsc::unbounded_channel();
    let runner = Runner {
        ctx,
        schedule,
        next_sync: (!schedule.local_only).then(Instant::now),
        backoff: schedule.min_backoff,
        state: None,
        idle: None,
        smtp_refused: false,
        asked: false,
        session: imap::Cached::default(),
    };
    let task = tokio::spawn(runner.run(rx));
    EngineHandle { commands: tx, task }
}

/// Why the loop woke up.
enum Wake {
    Command(Option<Command>),
    Timer,
    Idle(Result<(), SyncError>),
}

struct Runner {
    ctx: AccountCtx,
    schedule: Schedule,
    /// When to sync next; None while waiting for the user (refused password).
    next_sync: Option<Instant>,
    backoff: Duration,
    state: Option<AccountState>,
    /// IMAP: a connection idling on the Inbox, once a sync has succeeded.
    idle: Option<imap::IdleWatch>,
    /// The outgoing server refused the password: the Outbox waits for the
    /// user (Send, Send again, "check now") instead of trying the same
    /// password at every interval, which servers may punish with a lockout.
    smtp_refused: bool,
    /// The next sync was asked for by the user ("check now").
    asked: bool,
    /// IMAP: the session of the last user action, kept a few minutes for
    /// the next one (see `imap::Cached`).
    session: imap::Cached,
}

impl Runner {
    async fn run(mut self, mut commands: mpsc::UnboundedReceiver<Command>) {
        if let Err(e) = send::recover(&mut self.ctx) {
            tracing::warn!("{}: checking the Outbox: {e}", self.ctx.account.id);
        }
        loop {
            let next_sync = self.next_sync;
            let idle = &mut self.idle;
            let wake = tokio::select! {
                c = commands.recv() => Wake::Command(c),
                () = sleep_until(next_sync) => Wake::Timer,
                r = idle_changed(idle) => Wake::Idle(r),
            };
            match wake {
                Wake::Command(None | Some(Command::Shutdown)) => break,
                Wake::Command(Some(cmd)) => self.command(cmd).await,
                Wake::Timer => self.sync().await,
                Wake::Idle(Ok(())) => self.sync().await,
                Wake::Idle(Err(e)) => {
                    // The idling connection broke; the next good sync starts
                    // a new one, and the interval covers the gap.
                    tracing::info!("{}: IDLE stopped: {e}", self.ctx.account.id);
                    self.idle = None;
                }
            }
        }
        if let Some(watch) = self.idle.take() {
            watch.stop().await;
        }
        self.session.close().await;
    }

    async fn command(&mut self, cmd: Command) {
        match cmd {
            Command::SyncNow if self.schedule.local_only => {}
            Command::SyncNow => {
                self.asked = true;
                self.backoff = self.schedule.min_backoff;
                self.next_sync = Some(Instant::now());
            }
            Command::OpenMessage(_) if self.schedule.local_only => {}
            Command::OpenMessage(id) => {
                if let Err(e) = open_message(&mut self.session, &mut self.ctx, id).await {
                    tracing::warn!("{}: opening message {id:?}: {e}", self.ctx.account.id);
                    self.failed(e);
                }
            }
            Command::Shutdown => {}
            cmd => {
                if let Err(e) = apply_local(&mut self.ctx, &cmd) {
                    tracing::warn!("{}: {cmd:?}: {e}", self.ctx.account.id);
                    if matches!(cmd, Command::Send(_)) {
                        let account = self.ctx.account.id.clone();
                        self.ctx
                            .events
                            .send(Event::SendFailed { account, error: e });
                    } else {
                        self.set_state(AccountState::Error(e));
                    }
                    return;
                }
                let sends = matches!(
                    cmd,
                    Command::Send(_)
                        | Command::ResolveOutbox {
                            send_again: true,
                            ..
                        }
                );
                if sends && !self.schedule.local_only {
                    self.flush_outbox(true).await;
                }
                // IMAP: send the queued change now, without a whole sync.
                // POP3: local changes reach the server (deletions) at the
                // next check, as the user's settings say.
                let waiting_for_user = self.state == Some(AccountState::AuthenticationFailed);
                if self.ctx.account.protocol == MailProtocol::Imap
                    && !waiting_for_user
                    && !self.schedule.local_only
                {
                    match imap::push_changes_with(&mut self.session, &mut self.ctx).await {
                        Ok(_) => {}
                        Err(e) => self.failed(e),
                    }
                }
            }
        }
    }

    /// Send what waits in the Outbox. Failures stay with each message
    /// (and were told as `SendFailed`); the next sync retries, except after
    /// a refused password, when only the user's own asking (`asked`) does.
    async fn flush_outbox(&mut self, asked: bool) {
        if self.smtp_refused && !asked {
            return;
        }
        let result = send::flush(&mut self.ctx).await;
        self.smtp_refused = matches!(result, Err(SyncError::SendAuthFailed(_)));
        match result {
            Ok(r) if r.sent + r.failed > 0 => {
                tracing::info!(
                    "{}: sent {}, failed {}",
                    self.ctx.account.id,
                    r.sent,
                    r.failed
                )
            }
            Ok(_) => {}
            Err(e) => tracing::info!("{}: sending: {e}", self.ctx.account.id),
        }
    }

    async fn sync(&mut self) {
        self.session.expire().await;
        let asked = std::mem::take(&mut self.asked);
        self.flush_outbox(asked).await;
        match sync_account(&mut self.ctx).await {
            Ok(summary) => {
                self.backoff = self.schedule.min_backoff;
                self.next_sync = Some(Instant::now() + self.schedule.interval);
                let account = self.ctx.account.id.clone();
                self.ctx.events.send(Event::Synced { account, summary });
                self.set_state(AccountState::Online);
                if self.ctx.account.protocol == MailProtocol::Imap && self.idle.is_none() {
                    match imap::IdleWatch::start(&mut self.ctx).await {
                        Ok(watch) => {
                            self.idle = Some(watch);
                            // Mail that arrived between the end of that sync
                            // and the start of IDLE would otherwise wait for
                            // the interval: look once more (cheap with QRESYNC).
                            self.next_sync = Some(Instant::now());
                        }
                        Err(e) => tracing::info!("{}: no IDLE: {e}", self.ctx.account.id),
                    }
                }
            }
            Err(e) => self.failed(e),
        }
    }

    /// A sync or server operation failed: report it and decide when to retry.
    fn failed(&mut self, e: SyncError) {
        let state = match e {
            SyncError::AuthenticationFailed(_) => {
                // Retrying a refused password can lock the account.
                self.next_sync = None;
                AccountState::AuthenticationFailed
            }
            e => {
                let wait = match e {
                    SyncError::MailboxInUse(_) => self.backoff.max(Duration::from_secs(120)),
                    _ => self.backoff,
                };
                self.next_sync = Some(Instant::now() + wait);
                self.backoff = (self.backoff * 2).min(self.schedule.max_backoff);
                if e.is_offline() {
                    AccountState::Offline(e)
                } else {
                    AccountState::Error(e)
                }
            }
        };
        self.set_state(state);
    }

    fn set_state(&mut self, state: AccountState) {
        if self.state.as_ref() != Some(&state) {
            self.state = Some(state.clone());
            let account = self.ctx.account.id.clone();
            self.ctx.events.send(Event::State { account, state });
        }
    }
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

async fn idle_changed(idle: &mut Option<imap::IdleWatch>) -> Result<(), SyncError> {
    match idle {
        Some(watch) => watch.changed().await,
        None => std::future::pending().await,
    }
}
