//! The long-running engine of one account: a tokio task that takes
//! [`Command`]s, applies user actions locally at once, syncs on start, on
//! "check now", every few minutes and (IMAP) when IDLE reports Inbox
//! changes, and backs off while the server cannot be reached. A refused
//! password stops the retries until the user acts.
//!
//! A sync does not hold up the user: while it waits for the server, a
//! command is applied to the store at once through a second connection
//! (`side`), an IMAP message being opened is fetched on the kept session,
//! and a message sent goes out at once (SMTP is a server of its own). The
//! queued changes go to the IMAP server when the sync ends; the sync reads
//! the queue before each write, so it never overwrites a change made
//! meanwhile. A POP3 message is opened after the sync (the server allows
//! one session), and a stop abandons the sync at its next wait (what it
//! stored stays; the next start goes on from there). After the server
//! part of a sync, the bodies a POP3 check stored unread are read
//! ([`indexer`]), commands still being taken; `Synced` follows.
//!
//! The protocol engines send the events about what they changed
//! (`FolderChanged`, `FolderListChanged`, `Progress`, `NewMail`); this loop
//! adds `State` and `Synced`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;

use super::{
    AccountCtx, AccountState, Command, Event, EventSink, SyncError, SyncSummary, imap, indexer,
    pop, send,
};
use crate::config::MailProtocol;
use crate::store::{MsgId, Store};

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
        side: None,
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
    /// The account on a second store connection, for commands that arrive
    /// while a sync holds `ctx` (opened at the first; None for an
    /// in-memory store, whose commands then wait for the sync).
    side: Option<AccountCtx>,
}

/// What arrived during a sync and is done when it ends.
#[derive(Default)]
struct AfterSync {
    /// Commands that wait as a whole (POP3 opens, "check now").
    commands: Vec<Command>,
    /// Local changes were queued: send them.
    push: bool,
    /// A command failed on the store.
    error: Option<SyncError>,
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
                Wake::Timer | Wake::Idle(Ok(())) => {
                    if self.sync(&mut commands).await {
                        break;
                    }
                }
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
                        send_failed(&self.ctx.events, &self.ctx.account.id, e);
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
                self.push_changes().await;
            }
        }
    }

    /// Send what waits in the Outbox (see [`flush_outbox`]).
    async fn flush_outbox(&mut self, asked: bool) {
        flush_outbox(&mut self.ctx, &mut self.smtp_refused, asked).await;
    }

    /// One sync, taking commands while it waits (see the module docs).
    /// True when a Shutdown came meanwhile.
    async fn sync(&mut self, commands: &mut mpsc::UnboundedReceiver<Command>) -> bool {
        self.session.expire().await;
        let asked = std::mem::take(&mut self.asked);
        self.flush_outbox(asked).await;
        self.open_side();
        let mut after = AfterSync::default();
        let result = {
            let Runner {
                ctx,
                session,
                side,
                smtp_refused,
                ..
            } = self;
            // The bodies a POP3 check stored unread are read once the
            // server session is over, still taking commands meanwhile.
            let sync = async {
                let summary = sync_account(ctx).await?;
                indexer::index_waiting(ctx).await?;
                Ok(summary)
            };
            tokio::pin!(sync);
            loop {
                tokio::select! {
                    r = &mut sync => break Some(r),
                    c = commands.recv() => match c {
                        None | Some(Command::Shutdown) => break None,
                        Some(cmd) => {
                            during_sync(cmd, side.as_mut(), session, smtp_refused, &mut after).await
                        }
                    },
                }
            }
        };
        let Some(result) = result else {
            return true;
        };
        match result {
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
        self.after_sync(after).await;
        false
    }

    /// Finish what commands left for the end of a sync.
    async fn after_sync(&mut self, after: AfterSync) {
        if let Some(e) = after.error {
            self.set_state(AccountState::Error(e));
        }
        if after.push {
            self.push_changes().await;
        }
        for cmd in after.commands {
            self.command(cmd).await;
        }
    }

    /// IMAP: send the queued changes now, without a whole sync.
    async fn push_changes(&mut self) {
        let waiting_for_user = self.state == Some(AccountState::AuthenticationFailed);
        if self.ctx.account.protocol == MailProtocol::Imap
            && !waiting_for_user
            && !self.schedule.local_only
            && let Err(e) = imap::push_changes_with(&mut self.session, &mut self.ctx).await
        {
            self.failed(e);
        }
    }

    /// Open the second store connection (once).
    fn open_side(&mut self) {
        if self.side.is_some() {
            return;
        }
        let Some(path) = self.ctx.store.path() else {
            return;
        };
        match Store::open(&path) {
            Ok(store) => {
                self.side = Some(AccountCtx {
                    account: self.ctx.account.clone(),
                    password: self.ctx.password.clone(),
                    store,
                    trust: self.ctx.trust.clone(),
                    timeouts: self.ctx.timeouts,
                    events: self.ctx.events.clone(),
                    clock: self.ctx.clock.clone(),
                })
            }
            Err(e) => tracing::warn!(
                "{}: a second store connection: {e}; commands wait for syncs",
                self.ctx.account.id
            ),
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

/// Send what waits in the Outbox. Failures stay with each message (and
/// were told as `SendFailed`); the next sync retries, except after a
/// refused password, when only the user's own asking (`asked`) does.
async fn flush_outbox(ctx: &mut AccountCtx, smtp_refused: &mut bool, asked: bool) {
    if *smtp_refused && !asked {
        return;
    }
    let result = send::flush(ctx).await;
    *smtp_refused = matches!(result, Err(SyncError::SendAuthFailed(_)));
    match result {
        Ok(r) if r.sent + r.failed > 0 => {
            tracing::info!("{}: sent {}, failed {}", ctx.account.id, r.sent, r.failed)
        }
        Ok(_) => {}
        Err(e) => tracing::info!("{}: sending: {e}", ctx.account.id),
    }
}

/// A command that came while a sync runs: applied to the store now through
/// `side`, the server part left in `after` (see the module docs).
async fn during_sync(
    cmd: Command,
    side: Option<&mut AccountCtx>,
    session: &mut imap::Cached,
    smtp_refused: &mut bool,
    after: &mut AfterSync,
) {
    let Some(side) = side else {
        after.commands.push(cmd);
        return;
    };
    let imap = side.account.protocol == MailProtocol::Imap;
    match cmd {
        Command::SyncNow | Command::Shutdown => after.commands.push(cmd),
        Command::OpenMessage(id) if imap => {
            if let Err(e) = open_message(session, side, id).await {
                // The sync under way reports the account's state.
                tracing::warn!("{}: opening message {id:?}: {e}", side.account.id);
            }
        }
        Command::OpenMessage(_) => after.commands.push(cmd),
        cmd => match apply_local(side, &cmd) {
            Ok(()) => {
                after.push |= imap;
                // Sending needs only the outgoing server: not after the sync.
                if matches!(
                    cmd,
                    Command::Send(_)
                        | Command::ResolveOutbox {
                            send_again: true,
                            ..
                        }
                ) {
                    flush_outbox(side, smtp_refused, true).await;
                }
            }
            Err(e) => {
                tracing::warn!("{}: {cmd:?}: {e}", side.account.id);
                if matches!(cmd, Command::Send(_)) {
                    send_failed(&side.events, &side.account.id, e);
                } else {
                    after.error = Some(e);
                }
            }
        },
    }
}

fn send_failed(events: &EventSink, account: &str, error: SyncError) {
    events.send(Event::SendFailed {
        account: account.to_owned(),
        error,
    });
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
