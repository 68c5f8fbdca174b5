//! The protocol floors: the least work a client can do to get every
//! message's bytes over TLS, in Rust, parsing only the framing.
//!
//! IMAP: LOGIN, then `SELECT INBOX` and `UID FETCH 1:* BODY.PEEK[]` sent
//! together, literals read to the end. POP3: USER/PASS, STAT, then every
//! `RETR n` written while the answers are read (pipelined); with `remove`,
//! each `RETR n` is followed by `DELE n`, and the time runs to the answer
//! to `QUIT` (when the server removes them).

use std::time::{Duration, Instant};

use brev::net::{self, MailStream, Protocol, Security, Timeouts};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

use crate::support::{Dovecot, User};

/// What a floor run fetched.
pub struct Fetched {
    pub took: Duration,
    pub messages: usize,
    pub bytes: u64,
}

async fn connect(server: &Dovecot, proto: Protocol) -> MailStream {
    let port = match proto {
        Protocol::Pop3 => server.pop3s_port(),
        _ => server.imaps_port(),
    };
    net::connect(
        &server.endpoint(port, Security::Tls),
        proto,
        &server.trust(),
        &Timeouts::default(),
    )
    .await
    .expect("connect")
    .stream
}

/// `{n}` at the end of an IMAP line: a literal of n bytes follows.
fn literal(line: &[u8]) -> Option<usize> {
    let l = line.strip_suffix(b"\r\n").unwrap_or(line);
    let l = l.strip_suffix(b"}")?;
    let open = l.iter().rposition(|&b| b == b'{')?;
    std::str::from_utf8(&l[open + 1..]).ok()?.parse().ok()
}

/// Read IMAP responses until the tagged answer for `tag` (which must be OK);
/// returns the number of `* n FETCH` responses and literal bytes.
async fn until_tagged(r: &mut BufReader<MailStream>, tag: &[u8]) -> (usize, u64) {
    let mut buf = Vec::with_capacity(256);
    let mut sink = vec![0u8; 64 * 1024];
    let (mut fetches, mut bytes) = (0, 0u64);
    loop {
        line_split(r, &mut buf).await;
        if buf.starts_with(tag) {
            assert!(
                buf[tag.len()..].starts_with(b" OK"),
                "{}",
                String::from_utf8_lossy(&buf)
            );
            return (fetches, bytes);
        }
        if buf.starts_with(b"* ") && buf.windows(7).any(|w| w == b" FETCH ") {
            fetches += 1;
        }
        // A line may end in several literals, one after another.
        while let Some(mut n) = literal(&buf) {
            bytes += n as u64;
            while n > 0 {
                let k = n.min(sink.len());
                r.read_exact(&mut sink[..k]).await.expect("read literal");
                n -= k;
            }
            line_split(r, &mut buf).await;
        }
    }
}

/// The IMAP floor on INBOX.
pub async fn imap(server: &Dovecot, user: &User) -> Fetched {
    let started = Instant::now();
    let mut r = BufReader::with_capacity(256 * 1024, connect(server, Protocol::Imap).await);
    r.get_mut()
        .write_all(format!("a LOGIN \"{}\" \"{}\"\r\n", user.name, user.password).as_bytes())
        .await
        .expect("write");
    until_tagged(&mut r, b"a").await;
    r.get_mut()
        .write_all(b"b SELECT INBOX\r\nc UID FETCH 1:* BODY.PEEK[]\r\n")
        .await
        .expect("write");
    until_tagged(&mut r, b"b").await;
    let (messages, bytes) = until_tagged(&mut r, b"c").await;
    let took = started.elapsed();
    let _ = r.get_mut().write_all(b"d LOGOUT\r\n").await;
    Fetched {
        took,
        messages,
        bytes,
    }
}

/// The POP3 floor: every message RETR'd, pipelined; left on the server,
/// or with `remove` deleted from it.
pub async fn pop3(server: &Dovecot, user: &User, remove: bool) -> Fetched {
    let started = Instant::now();
    let stream = connect(server, Protocol::Pop3).await;
    let (rd, mut wr) = tokio::io::split(stream);
    let mut r = BufReader::with_capacity(256 * 1024, rd);
    let mut buf = Vec::with_capacity(256);
    // The greeting was read by `connect`.
    wr.write_all(format!("USER {}\r\n", user.name).as_bytes())
        .await
        .expect("write");
    pop_line(&mut r, &mut buf).await;
    wr.write_all(format!("PASS {}\r\n", user.password).as_bytes())
        .await
        .expect("write");
    pop_line(&mut r, &mut buf).await;
    wr.write_all(b"STAT\r\n").await.expect("write");
    pop_line(&mut r, &mut buf).await;
    let count: usize = String::from_utf8_lossy(&buf)
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("STAT count");
    let writer = async move {
        let mut cmds = Vec::with_capacity(16 * 1024);
        for i in 1..=count {
            cmds.extend_from_slice(format!("RETR {i}\r\n").as_bytes());
            if remove {
                cmds.extend_from_slice(format!("DELE {i}\r\n").as_bytes());
            }
            if cmds.len() > 8 * 1024 {
                wr.write_all(&cmds).await.expect("write");
                cmds.clear();
            }
        }
        wr.write_all(&cmds).await.expect("write");
        wr.flush().await.expect("flush");
        wr
    };
    let reader = async {
        let mut bytes = 0u64;
        for _ in 0..count {
            pop_line(&mut r, &mut buf).await;
            loop {
                line_split(&mut r, &mut buf).await;
                if buf == b".\r\n" {
                    break;
                }
                bytes += buf.len() as u64;
            }
            if remove {
                pop_line(&mut r, &mut buf).await;
            }
        }
        bytes
    };
    let (mut wr, bytes) = tokio::join!(writer, reader);
    let _ = wr.write_all(b"QUIT\r\n").await;
    if remove {
        pop_line(&mut r, &mut buf).await;
    }
    let took = started.elapsed();
    Fetched {
        took,
        messages: count,
        bytes,
    }
}

async fn line_split<R: tokio::io::AsyncRead + Unpin>(r: &mut BufReader<R>, buf: &mut Vec<u8>) {
    buf.clear();
    let n = r.read_until(b'\n', buf).await.expect("read");
    assert!(n > 0, "the server closed the connection");
}

async fn pop_line<R: tokio::io::AsyncRead + Unpin>(r: &mut BufReader<R>, buf: &mut Vec<u8>) {
    line_split(r, buf).await;
    assert!(buf.starts_with(b"+OK"), "{}", String::from_utf8_lossy(buf));
}

/// The IMAP no-change floor: what any client must ask to learn that
/// nothing changed: LOGIN, `STATUS INBOX (UIDNEXT UIDVALIDITY HIGHESTMODSEQ
/// MESSAGES)`, timed to its answer.
pub async fn imap_status(server: &Dovecot, user: &User) -> Duration {
    let started = Instant::now();
    let mut r = BufReader::new(connect(server, Protocol::Imap).await);
    r.get_mut()
        .write_all(format!("a LOGIN \"{}\" \"{}\"\r\n", user.name, user.password).as_bytes())
        .await
        .expect("write");
    until_tagged(&mut r, b"a").await;
    r.get_mut()
        .write_all(b"b STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)\r\n")
        .await
        .expect("write");
    until_tagged(&mut r, b"b").await;
    let took = started.elapsed();
    let _ = r.get_mut().write_all(b"c LOGOUT\r\n").await;
    took
}

/// The POP3 no-change floor: USER, PASS, UIDL read to the end.
pub async fn pop3_uidl(server: &Dovecot, user: &User) -> Duration {
    let started = Instant::now();
    let mut r = BufReader::new(connect(server, Protocol::Pop3).await);
    let mut buf = Vec::with_capacity(256);
    for cmd in [
        format!("USER {}\r\n", user.name),
        format!("PASS {}\r\n", user.password),
    ] {
        r.get_mut().write_all(cmd.as_bytes()).await.expect("write");
        pop_line(&mut r, &mut buf).await;
    }
    r.get_mut().write_all(b"UIDL\r\n").await.expect("write");
    pop_line(&mut r, &mut buf).await;
    loop {
        line_split(&mut r, &mut buf).await;
        if buf == b".\r\n" {
            break;
        }
    }
    let took = started.elapsed();
    let _ = r.get_mut().write_all(b"QUIT\r\n").await;
    took
}
