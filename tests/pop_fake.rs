//! The POP3 engine against a small scripted POP3 server on loopback, for
//! what Dovecot cannot be made to do: no UIDL (the fallback key), no TOP,
//! no CAPA, APOP, messages with odd bytes, and servers that talk nonsense.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brev::config::{Account, MailProtocol, PopOptions, ServerSettings};
use brev::net::{Security, Timeouts, Trust};
use brev::store::{FolderRead, MessageRead, PopRead, Role, Store};
use brev::sync::{AccountCtx, EventSink, SyncError, pop};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// What the scripted server offers.
#[derive(Clone, Debug)]
struct Offer {
    capa: bool,
    uidl: bool,
    top: bool,
    pipelining: bool,
    user_pass: bool,
    /// Greet with the RFC 1939 APOP timestamp and accept APOP.
    apop: bool,
    /// Answer everything after login with this instead.
    junk: Option<&'static [u8]>,
}

impl Default for Offer {
    fn default() -> Self {
        Offer {
            capa: true,
            uidl: true,
            top: true,
            pipelining: true,
            user_pass: true,
            apop: false,
            junk: None,
        }
    }
}

const USER: &str = "mrose";
const PASSWORD: &str = "tanstaafl";
const STAMP: &str = "<1896.697170952@dbc.mtview.ca.us>";
/// MD5(STAMP + PASSWORD).
const DIGEST: &str = "a6f0dd348916c9ee9539661f94c75203";

/// (unique id, bytes) of each message in the maildrop.
type Maildrop = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

fn dot_stuffed(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 8);
    for line in raw.split_inclusive(|&b| b == b'\n') {
        if line.first() == Some(&b'.') {
            out.push(b'.');
        }
        out.extend_from_slice(line);
    }
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

async fn serve(offer: Offer, drop: Maildrop) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(session(socket, offer.clone(), drop.clone()));
        }
    });
    port
}

async fn session(socket: tokio::net::TcpStream, offer: Offer, drop: Maildrop) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    let greeting = if offer.apop {
        format!("+OK fake POP3 ready {STAMP}\r\n")
    } else {
        "+OK fake POP3 ready\r\n".to_owned()
    };
    if write.write_all(greeting.as_bytes()).await.is_err() {
        return;
    }
    let mut logged_in = false;
    let mut deleted: Vec<usize> = Vec::new();
    while let Ok(Some(line)) = lines.next_line().await {
        let words: Vec<&str> = line.split(' ').collect();
        let cmd = words[0].to_ascii_uppercase();
        let arg = |i: usize| words.get(i).and_then(|w| w.parse::<usize>().ok());
        let messages = drop.lock().unwrap().clone();
        let live = |n: usize| n >= 1 && n <= messages.len() && !deleted.contains(&n);
        let reply: Vec<u8> = match (cmd.as_str(), logged_in) {
            ("CAPA", _) if offer.capa => {
                let mut caps = String::from("+OK\r\n");
                for (on, name) in [
                    (offer.user_pass, "USER"),
                    (offer.top, "TOP"),
                    (offer.uidl, "UIDL"),
                    (offer.pipelining, "PIPELINING"),
                ] {
                    if on {
                        caps.push_str(name);
                        caps.push_str("\r\n");
                    }
                }
                caps.push_str(".\r\n");
                caps.into_bytes()
            }
            ("USER", false) if offer.user_pass => b"+OK\r\n".to_vec(),
            ("PASS", false) if offer.user_pass => {
                if words.get(1) == Some(&PASSWORD) {
                    logged_in = true;
                    b"+OK logged in\r\n".to_vec()
                } else {
                    b"-ERR [AUTH] wrong password\r\n".to_vec()
                }
            }
            ("APOP", false) if offer.apop => {
                if words.get(1) == Some(&USER) && words.get(2) == Some(&DIGEST) {
                    logged_in = true;
                    b"+OK maildrop locked and ready\r\n".to_vec()
                } else {
                    b"-ERR permission denied\r\n".to_vec()
                }
            }
            ("QUIT", _) => {
                {
                    let mut i = 0;
                    drop.lock().unwrap().retain(|_| {
                        i += 1;
                        !deleted.contains(&i)
                    });
                }
                let _ = write.write_all(b"+OK bye\r\n").await;
                return;
            }
            (_, true) if offer.junk.is_some() => offer.junk.unwrap_or_default().to_vec(),
            ("STAT", true) => {
                let size: usize = messages.iter().map(|m| m.1.len()).sum();
                format!("+OK {} {size}\r\n", messages.len()).into_bytes()
            }
            ("LIST", true) => {
                let mut out = String::from("+OK\r\n");
                for (i, m) in messages.iter().enumerate() {
                    if !deleted.contains(&(i + 1)) {
                        out.push_str(&format!("{} {}\r\n", i + 1, m.1.len()));
                    }
                }
                out.push_str(".\r\n");
                out.into_bytes()
            }
            ("UIDL", true) if offer.uidl => {
                let mut out = String::from("+OK\r\n");
                for (i, m) in messages.iter().enumerate() {
                    if !deleted.contains(&(i + 1)) {
                        out.push_str(&format!("{} {}\r\n", i + 1, m.0));
                    }
                }
                out.push_str(".\r\n");
                out.into_bytes()
            }
            ("RETR", true) if arg(1).is_some_and(live) => {
                let raw = &messages[arg(1).unwrap_or(1) - 1].1;
                let mut out = b"+OK message follows\r\n".to_vec();
                out.extend(dot_stuffed(raw));
                out
            }
            ("TOP", true) if offer.top && arg(1).is_some_and(live) && arg(2) == Some(0) => {
                let raw = &messages[arg(1).unwrap_or(1) - 1].1;
                let end = raw
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .map_or(raw.len(), |p| p + 4);
                let mut out = b"+OK top follows\r\n".to_vec();
                out.extend(dot_stuffed(&raw[..end]));
                out
            }
            ("DELE", true) if arg(1).is_some_and(live) => {
                deleted.push(arg(1).unwrap_or(0));
                b"+OK deleted\r\n".to_vec()
            }
            ("NOOP", true) => b"+OK\r\n".to_vec(),
            _ => b"-ERR unknown command\r\n".to_vec(),
        };
        if write.write_all(&reply).await.is_err() {
            return;
        }
    }
}

fn message(n: usize, id: Option<&str>) -> Vec<u8> {
    let mut m = format!("From: Åsa <asa@example.se>\r\nSubject: message {n}\r\n");
    if let Some(id) = id {
        m.push_str(&format!("Message-ID: <{id}>\r\n"));
    }
    m.push_str(&format!("\r\nBody of message {n}.\r\n"));
    m.into_bytes()
}

fn ctx(port: u16, pop: PopOptions) -> AccountCtx {
    let server = ServerSettings {
        host: "127.0.0.1".into(),
        port,
        security: Security::Plain,
        username: USER.into(),
    };
    AccountCtx {
        account: Account {
            id: "fake".into(),
            name: "Fake".into(),
            email: "mrose@example.org".into(),
            protocol: MailProtocol::Pop3,
            incoming: server.clone(),
            outgoing: server,
            trusted_cert: None,
            pop,
            imap: Default::default(),
            signature: String::new(),
            server_files_sent: None,
        },
        password: PASSWORD.into(),
        store: Store::open_in_memory().expect("store"),
        trust: Trust::default(),
        timeouts: Timeouts::default(),
        events: EventSink::none(),
        clock: AccountCtx::system_clock(),
    }
}

fn no_copy() -> PopOptions {
    PopOptions {
        leave_on_server: false,
        ..PopOptions::default()
    }
}

fn stored(ctx: &AccountCtx) -> Vec<Vec<u8>> {
    let inbox = ctx
        .store
        .folder_by_role("fake", Role::Inbox)
        .unwrap()
        .unwrap()
        .id;
    let mut rows = ctx.store.page(inbox, 0, 10_000).unwrap();
    rows.sort_by_key(|r| r.id);
    rows.iter()
        .map(|r| ctx.store.raw(r.id).unwrap().unwrap())
        .collect()
}

fn maildrop(messages: Vec<Vec<u8>>) -> Maildrop {
    Arc::new(Mutex::new(
        messages
            .into_iter()
            .enumerate()
            .map(|(i, m)| (format!("uid-{i}"), m))
            .collect(),
    ))
}

#[tokio::test]
async fn without_uidl_messages_are_keyed_by_message_id_and_size() {
    let mut messages: Vec<Vec<u8>> = (0..5)
        .map(|i| message(i, Some(&format!("m{i}@x"))))
        .collect();
    messages.push(message(9, Some("twin@x")));
    messages.push(message(9, Some("twin@x"))); // the very same message twice
    messages.push(message(7, None));
    let drop = maildrop(messages.clone());
    let offer = Offer {
        uidl: false,
        ..Offer::default()
    };
    let port = serve(offer, drop.clone()).await;
    let mut ctx = ctx(port, PopOptions::default());

    let s = pop::sync_once(&mut ctx).await.expect("sync");
    assert_eq!(s.new_messages, 8);
    assert_eq!(stored(&ctx), messages);
    let mut keys: Vec<String> = ctx
        .store
        .pop_records("fake")
        .unwrap()
        .into_iter()
        .map(|r| r.uidl)
        .collect();
    keys.sort();
    let twin_size = messages[5].len();
    assert!(keys.contains(&format!("~mid:twin@x {twin_size}")));
    assert!(keys.contains(&format!("~mid:twin@x {twin_size}#2")));
    assert!(keys.iter().any(|k| k.starts_with("~hdr:")));

    assert_eq!(
        pop::sync_once(&mut ctx).await.expect("again").new_messages,
        0
    );
    drop.lock()
        .unwrap()
        .push(("x".into(), message(10, Some("new@x"))));
    assert_eq!(pop::sync_once(&mut ctx).await.expect("new").new_messages, 1);

    ctx.account.pop = no_copy();
    let s = pop::sync_once(&mut ctx).await.expect("remove");
    assert_eq!((s.new_messages, s.deleted_on_server), (0, 9));
    assert!(drop.lock().unwrap().is_empty());
}

#[tokio::test]
async fn without_capa_uidl_or_top_headers_come_from_retr() {
    let messages: Vec<Vec<u8>> = (0..4)
        .map(|i| message(i, Some(&format!("n{i}@x"))))
        .collect();
    let drop = maildrop(messages.clone());
    let offer = Offer {
        capa: false,
        uidl: false,
        top: false,
        pipelining: false,
        ..Offer::default()
    };
    let port = serve(offer, drop.clone()).await;
    let mut ctx = ctx(port, PopOptions::default());
    assert_eq!(
        pop::sync_once(&mut ctx).await.expect("sync").new_messages,
        4
    );
    assert_eq!(stored(&ctx), messages);
    assert_eq!(
        pop::sync_once(&mut ctx).await.expect("again").new_messages,
        0
    );
    // Headers-only is not possible without TOP: the whole message comes.
    drop.lock()
        .unwrap()
        .push(("y".into(), message(5, Some("big@x"))));
    ctx.account.pop.headers_only_above_kb = Some(0);
    assert_eq!(pop::sync_once(&mut ctx).await.expect("big").new_messages, 1);
    let inbox = ctx
        .store
        .folder_by_role("fake", Role::Inbox)
        .unwrap()
        .unwrap()
        .id;
    assert!(
        ctx.store
            .page(inbox, 0, 10)
            .unwrap()
            .iter()
            .all(|r| !r.partial)
    );
}

#[tokio::test]
async fn apop_is_used_when_offered_on_a_plain_connection() {
    let drop = maildrop(vec![message(1, Some("a@x"))]);
    let offer = Offer {
        apop: true,
        user_pass: false,
        ..Offer::default()
    };
    let port = serve(offer, drop).await;
    let mut c = ctx(port, no_copy());
    assert_eq!(
        pop::sync_once(&mut c)
            .await
            .expect("APOP login")
            .new_messages,
        1
    );

    let mut c = ctx(port, no_copy());
    c.password = "wrong".into();
    assert!(matches!(
        pop::sync_once(&mut c).await,
        Err(SyncError::AuthenticationFailed(_))
    ));
}

#[tokio::test]
async fn odd_bytes_are_stored_exactly() {
    let odd = [
        b"Message-ID: <dots@x>\r\n\r\n.\r\n..\r\n.hidden\r\n. \r\nend\r\n".to_vec(),
        b"Message-ID: <latin1@x>\r\nSubject: \xe5\xe4\xf6\r\n\r\n\xff\xfe\x00 bytes\r\n".to_vec(),
        b"Message-ID: <lf@x>\n\nbare LF lines\n".to_vec(),
        b"Subject: no id, no final line break\r\n\r\nlast".to_vec(),
        Vec::new(),
    ];
    let drop = maildrop(odd.to_vec());
    let port = serve(Offer::default(), drop.clone()).await;
    let mut ctx = ctx(port, no_copy());
    let s = pop::sync_once(&mut ctx).await.expect("sync");
    assert_eq!((s.new_messages, s.deleted_on_server), (5, 5));
    let got = stored(&ctx);
    assert_eq!(got[..3], odd[..3]);
    // A missing final line break is added by the server's framing.
    assert_eq!(got[3], [odd[3].clone(), b"\r\n".to_vec()].concat());
    assert_eq!(got[4], b"");
}

#[tokio::test]
async fn nonsense_from_the_server_is_an_error_not_a_panic() {
    let junk: [&'static [u8]; 5] = [
        b"\xff\xfe garbage\r\n",
        b"+OK\r\n1 uid\r\n\xff\xff\xff\xff 99999999999999999999\r\n-1 x\r\n",
        b"* OK this is IMAP\r\n",
        b"+OK\r\n",
        b"",
    ];
    for j in junk {
        let drop = maildrop(vec![message(1, Some("j@x"))]);
        let offer = Offer {
            junk: Some(j),
            ..Offer::default()
        };
        let port = serve(offer, drop.clone()).await;
        let mut c = ctx(port, no_copy());
        c.timeouts.io = std::time::Duration::from_millis(500);
        let result = pop::sync_once(&mut c).await;
        assert!(
            result.is_err(),
            "{:?}: {result:?}",
            String::from_utf8_lossy(j)
        );
        assert_eq!(drop.lock().unwrap().len(), 1, "nothing deleted");
    }
}

#[tokio::test]
async fn message_ids_in_records_allow_migration_matching() {
    let messages: Vec<Vec<u8>> = (0..6)
        .map(|i| message(i, Some(&format!("mig{i}@x"))))
        .collect();
    let drop = maildrop(messages);
    let port = serve(Offer::default(), drop.clone()).await;
    let mut ctx = ctx(port, PopOptions::default());
    assert_eq!(pop::sync_once(&mut ctx).await.unwrap().new_messages, 6);
    let ids: HashMap<String, Option<String>> = ctx
        .store
        .pop_records("fake")
        .unwrap()
        .into_iter()
        .map(|r| (r.uidl, r.message_id))
        .collect();
    assert_eq!(ids["uid-0"].as_deref(), Some("mig0@x"));
    // The new server renames every id; one message is new.
    {
        let mut d = drop.lock().unwrap();
        for (i, m) in d.iter_mut().enumerate() {
            m.0 = format!("renamed-{i}");
        }
        d.push(("renamed-new".into(), message(99, Some("fresh@x"))));
    }
    assert_eq!(pop::sync_once(&mut ctx).await.unwrap().new_messages, 1);
    let keys: Vec<String> = ctx
        .store
        .pop_records("fake")
        .unwrap()
        .into_iter()
        .map(|r| r.uidl)
        .collect();
    assert_eq!(keys.len(), 7);
    assert!(keys.iter().all(|k| k.starts_with("renamed-")));
}

#[tokio::test]
async fn opening_a_message_gone_from_the_server_says_so() {
    let drop = maildrop(vec![message(1, Some("big@x")), message(2, Some("big2@x"))]);
    let port = serve(Offer::default(), drop.clone()).await;
    let mut ctx = ctx(port, PopOptions::default());
    ctx.account.pop.headers_only_above_kb = Some(0);
    assert_eq!(pop::sync_once(&mut ctx).await.unwrap().new_messages, 2);
    let inbox = ctx
        .store
        .folder_by_role("fake", Role::Inbox)
        .unwrap()
        .unwrap()
        .id;
    let mut rows = ctx.store.page(inbox, 0, 10).unwrap();
    rows.sort_by_key(|r| r.id);
    assert!(rows.iter().all(|r| r.partial));

    // Another program removed the first one from the server.
    drop.lock().unwrap().remove(0);
    match pop::open_message(&mut ctx, rows[0].id).await {
        Err(SyncError::Server(text)) => assert!(!text.is_empty()),
        other => panic!("expected a server error, got {other:?}"),
    }
    assert!(
        ctx.store.message(rows[0].id).unwrap().unwrap().partial,
        "left as it was"
    );
    // The other one still opens (its message number changed: found by UIDL).
    pop::open_message(&mut ctx, rows[1].id).await.expect("open");
    assert_eq!(
        ctx.store.raw(rows[1].id).unwrap().unwrap(),
        message(2, Some("big2@x"))
    );
}
