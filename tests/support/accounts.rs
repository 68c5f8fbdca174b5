//! Accounts on the test Dovecot and engine contexts for them, for tests
//! that drive Brev's own engines (`brev::sync`).
//!
//! ```ignore
//! let account = support::accounts::account(&user, MailProtocol::Imap, server.imaps_port());
//! let (ctx, mut events) = support::accounts::engine_ctx(&server, account, "pw", &path);
//! let handle = engine::spawn(ctx, Schedule::every_minutes(10));
//! support::accounts::next_event(&mut events, |e| matches!(e, Event::Synced { .. })).await;
//! ```

use std::path::Path;
use std::time::Duration;

use brev::config::{Account, MailProtocol, PopOptions, ServerSettings};
use brev::net::{Security, Timeouts};
use brev::store::Store;
use brev::sync::{AccountCtx, Event, EventSink};
use tokio::sync::mpsc::{self, UnboundedReceiver};

use super::{Dovecot, User};

/// Settings for the server at `host`:`port`, logging in as `username`.
pub fn server(host: &str, port: u16, security: Security, username: &str) -> ServerSettings {
    ServerSettings {
        host: host.into(),
        port,
        security,
        username: username.into(),
    }
}

/// The server's port for `protocol` over TLS (IMAPS or POP3S).
pub fn tls_port(server: &Dovecot, protocol: MailProtocol) -> u16 {
    match protocol {
        MailProtocol::Imap => server.imaps_port(),
        MailProtocol::Pop3 => server.pop3s_port(),
    }
}

/// `user`'s account "Test": `protocol` over TLS on `port` of localhost,
/// sending over STARTTLS on port 587.
pub fn account(user: &User, protocol: MailProtocol, port: u16) -> Account {
    Account {
        id: user.name.clone(),
        name: "Test".into(),
        email: user.address(),
        protocol,
        incoming: server("localhost", port, Security::Tls, &user.name),
        outgoing: server("localhost", 587, Security::StartTls, &user.name),
        trusted_cert: None,
        pop: PopOptions::default(),
        imap: Default::default(),
        signature: String::new(),
        server_files_sent: None,
    }
}

/// The engine tests' timeouts: 5 s to connect, 20 s for each read.
pub fn timeouts() -> Timeouts {
    Timeouts {
        connect: Duration::from_secs(5),
        io: Duration::from_secs(20),
    }
}

/// A context for `account` with `password`, its store at `store`, trusting
/// `server`'s CA; the engine's events arrive on the receiver.
pub fn engine_ctx(
    server: &Dovecot,
    account: Account,
    password: &str,
    store: &Path,
) -> (AccountCtx, UnboundedReceiver<Event>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let ctx = AccountCtx {
        account,
        password: password.into(),
        store: Store::open(store).unwrap(),
        trust: server.trust(),
        timeouts: timeouts(),
        events: EventSink::new(tx),
        clock: AccountCtx::system_clock(),
    };
    (ctx, rx)
}

/// Wait for the first event that `pred` picks (with a generous deadline).
pub async fn next_event(rx: &mut UnboundedReceiver<Event>, pred: impl Fn(&Event) -> bool) -> Event {
    let wait = async {
        loop {
            match rx.recv().await {
                Some(e) if pred(&e) => return e,
                Some(_) => continue,
                None => panic!("the engine stopped"),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), wait)
        .await
        .expect("no such event within 60 s")
}
