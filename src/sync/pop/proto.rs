//! POP3 spoken directly on the [`MailStream`] `net::connect` hands over (the
//! greeting already read, TLS already on).
//!
//! Why not async-pop 1.1 (which `Connection::into_pop3_client` wraps) for
//! the session itself: its RETR/TOP parser cuts at `CRLF.CRLF` without
//! undoing dot-stuffing (a line starting with `.` comes back as `..`), hangs
//! on an empty message, caps a response at 20 MiB, re-parses the whole buffer
//! on every read (quadratic in the message size), unwraps server bytes as
//! UTF-8 in its trace logging, sends the password twice when SASL fails, and
//! cannot pipeline or hand the stream back. This is the small part of
//! RFC 1939 / 2449 / 5034 the engine needs, with every server byte treated
//! as untrusted: no indexing by server data, bounded line and message sizes.

use std::fmt;
use std::io;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::auth;

/// Longest status or listing line accepted.
const MAX_LINE: usize = 64 * 1024;
/// Largest message accepted in one RETR (bigger is a protocol error).
pub(crate) const MAX_MESSAGE: usize = 512 * 1024 * 1024;
/// Longest server text kept for an error message.
const MAX_REPLY_TEXT: usize = 300;
/// Most commands outstanding when the server offers PIPELINING.
pub(crate) const PIPELINE_WINDOW: usize = 64;

#[derive(Debug)]
pub(crate) enum PopError {
    /// Reading or writing failed (incl. the server closing the connection).
    Io(io::Error),
    /// The server answered `-ERR` (its text, cleaned).
    Negative(String),
    /// The server said something that is not POP3, or too much of it.
    Protocol(String),
}

impl fmt::Display for PopError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PopError::Io(e) => write!(f, "{e}"),
            PopError::Negative(t) => write!(f, "-ERR {t}"),
            PopError::Protocol(t) => write!(f, "{t}"),
        }
    }
}

impl From<io::Error> for PopError {
    fn from(e: io::Error) -> Self {
        PopError::Io(e)
    }
}

pub(crate) type PopResult<T> = Result<T, PopError>;

/// What CAPA said (RFC 2449). `known` is false when CAPA was refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Caps {
    pub known: bool,
    pub uidl: bool,
    pub top: bool,
    pub user: bool,
    pub pipelining: bool,
    pub resp_codes: bool,
    /// SASL mechanisms, upper case.
    pub sasl: Vec<String>,
}

impl Caps {
    pub(crate) fn parse(lines: &[u8]) -> Caps {
        let mut caps = Caps {
            known: true,
            ..Caps::default()
        };
        for line in String::from_utf8_lossy(lines).lines() {
            let mut words = line.split_ascii_whitespace();
            let Some(name) = words.next() else { continue };
            match name.to_ascii_uppercase().as_str() {
                "UIDL" => caps.uidl = true,
                "TOP" => caps.top = true,
                "USER" => caps.user = true,
                "PIPELINING" => caps.pipelining = true,
                "RESP-CODES" => caps.resp_codes = true,
                "SASL" => caps.sasl = words.map(str::to_ascii_uppercase).collect(),
                _ => {}
            }
        }
        caps
    }

    pub(crate) fn window(&self) -> usize {
        if self.pipelining { PIPELINE_WINDOW } else { 1 }
    }
}

/// Server text made safe to show: lossy UTF-8, no control characters, short.
pub(crate) fn clean_text(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_REPLY_TEXT)
        .collect();
    out.truncate(out.trim_end().len());
    out
}

fn too_large(max: usize) -> PopError {
    PopError::Protocol(format!("a reply larger than {max} bytes"))
}

/// `line` without its CRLF or LF.
fn strip_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// What to fetch for one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fetch {
    /// RETR: the whole message.
    Whole,
    /// TOP n 0: the header block only.
    Headers,
}

/// A pipelined series of RETR / TOP commands.
#[derive(Debug)]
pub(crate) struct Batch {
    reqs: Vec<(u32, Fetch)>,
    sent: usize,
    received: usize,
    window: usize,
}

impl Batch {
    pub(crate) fn new(reqs: Vec<(u32, Fetch)>, window: usize) -> Batch {
        Batch {
            reqs,
            sent: 0,
            received: 0,
            window: window.max(1),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.reqs.len()
    }
}

/// One POP3 session.
pub(crate) struct Session<S> {
    io: S,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pub caps: Caps,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Session<S> {
    /// A session on a stream whose greeting has been read.
    pub(crate) fn new(io: S) -> Session<S> {
        Session {
            io,
            buf: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            caps: Caps::default(),
        }
    }

    /// Read more bytes into the buffer (compacting or growing it first).
    async fn fill(&mut self) -> PopResult<()> {
        if self.start > 0 && (self.start == self.end || self.buf.len() - self.end < 16 * 1024) {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let bigger = self.buf.len().saturating_mul(2);
            self.buf.resize(bigger, 0);
        }
        let n = self.io.read(&mut self.buf[self.end..]).await?;
        if n == 0 {
            return Err(PopError::Io(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the connection",
            )));
        }
        self.end += n;
        Ok(())
    }

    /// The next line, with its line end, as a range of `buf`.
    async fn line(&mut self, max: usize) -> PopResult<std::ops::Range<usize>> {
        let mut scanned = 0; // bytes after `start` known to hold no LF
        loop {
            let pending = &self.buf[self.start + scanned..self.end];
            if let Some(i) = pending.iter().position(|&b| b == b'\n') {
                let range = self.start..self.start + scanned + i + 1;
                self.start = range.end;
                return Ok(range);
            }
            scanned = self.end - self.start;
            if scanned > max {
                return Err(PopError::Protocol(format!(
                    "a line longer than {max} bytes"
                )));
            }
            self.fill().await?;
        }
    }

    /// A status line: `+OK text` gives the text, `-ERR text` an error.
    async fn status(&mut self) -> PopResult<String> {
        let r = self.line(MAX_LINE).await?;
        let line = strip_eol(&self.buf[r]);
        if let Some(rest) = line.strip_prefix(b"+OK") {
            Ok(clean_text(rest).trim_start().to_owned())
        } else if let Some(rest) = line.strip_prefix(b"-ERR") {
            Err(PopError::Negative(clean_text(rest).trim_start().to_owned()))
        } else {
            Err(PopError::Protocol(format!(
                "unexpected reply {:?}",
                clean_text(line)
            )))
        }
    }

    /// The body of a multi-line reply, dot-unstuffed, line ends as sent.
    ///
    /// Runs of lines that do not start with a dot are copied as they are
    /// (found with `memchr`, not line by line): only a line that starts with
    /// a dot, stuffed or the final `.`, is looked at on its own.
    async fn multiline(&mut self, max: usize, size_hint: usize) -> PopResult<Vec<u8>> {
        let mut out = Vec::with_capacity(size_hint.min(max).min(64 * 1024 * 1024));
        let dot_line = memchr::memmem::Finder::new(b"\n.");
        let mut line_start = true;
        loop {
            let pending = &self.buf[self.start..self.end];
            if line_start && pending.first() == Some(&b'.') {
                let r = self
                    .line(max.saturating_sub(out.len()).saturating_add(3))
                    .await?;
                let line = &self.buf[r];
                if strip_eol(line) == b"." {
                    return Ok(out);
                }
                let data = line.get(1..).unwrap_or_default();
                if out.len() + data.len() > max {
                    return Err(too_large(max));
                }
                out.extend_from_slice(data);
                continue;
            }
            // Everything up to the next line that starts with a dot; else
            // every whole line; else the start of a long line.
            let take = dot_line
                .find(pending)
                .or_else(|| memchr::memrchr(b'\n', pending))
                .map_or(pending.len(), |i| i + 1);
            if take == 0 {
                self.fill().await?;
                continue;
            }
            if out.len() + take > max {
                return Err(too_large(max));
            }
            out.extend_from_slice(&pending[..take]);
            line_start = pending[take - 1] == b'\n';
            self.start += take;
        }
    }

    async fn send(&mut self, bytes: &[u8]) -> PopResult<()> {
        self.io.write_all(bytes).await?;
        self.io.flush().await?;
        Ok(())
    }

    /// Send one command line (no CR/LF inside) and read its status.
    pub(crate) async fn command(&mut self, line: &str) -> PopResult<String> {
        if line.contains(['\r', '\n']) {
            return Err(PopError::Protocol("a line break inside a command".into()));
        }
        self.send(format!("{line}\r\n").as_bytes()).await?;
        self.status().await
    }

    /// CAPA; a refusal gives unknown capabilities.
    pub(crate) async fn capa(&mut self) -> PopResult<Caps> {
        match self.command("CAPA").await {
            Ok(_) => {
                let body = self.multiline(MAX_LINE * 4, 512).await?;
                Ok(Caps::parse(&body))
            }
            Err(PopError::Negative(_)) => Ok(Caps::default()),
            Err(e) => Err(e),
        }
    }

    /// Log in: APOP on a plain connection when offered, else SASL PLAIN when
    /// offered, else USER/PASS (else APOP). A refused login is
    /// `PopError::Negative`; only a SASL mechanism refused before the
    /// password was sent falls back to USER/PASS.
    pub(crate) async fn login(
        &mut self,
        greeting: &str,
        tls: bool,
        user: &str,
        password: &str,
    ) -> PopResult<()> {
        if user.contains(['\r', '\n', '\0']) || password.contains(['\r', '\n', '\0']) {
            return Err(PopError::Negative(
                "user name or password holds a line break".into(),
            ));
        }
        let apop = auth::apop_timestamp(greeting);
        if let (Some(stamp), false) = (apop, tls) {
            return self.apop(stamp, user, password).await;
        }
        if self.caps.sasl.iter().any(|m| m == "PLAIN") {
            match self.auth_plain(user, password).await? {
                Some(()) => return Ok(()),
                None => tracing::debug!("SASL PLAIN refused; trying USER/PASS"),
            }
        } else if let (Some(stamp), false) = (apop, self.caps.user || !self.caps.known) {
            return self.apop(stamp, user, password).await;
        }
        self.command(&format!("USER {user}")).await?;
        self.command(&format!("PASS {password}")).await.map(drop)
    }

    async fn apop(&mut self, stamp: &str, user: &str, password: &str) -> PopResult<()> {
        let digest = auth::apop_digest(stamp, password);
        self.command(&format!("APOP {user} {digest}"))
            .await
            .map(drop)
    }

    /// `Ok(None)`: the mechanism was refused before any secret was sent.
    async fn auth_plain(&mut self, user: &str, password: &str) -> PopResult<Option<()>> {
        self.send(b"AUTH PLAIN\r\n").await?;
        let r = self.line(MAX_LINE).await?;
        let line = strip_eol(&self.buf[r]).to_vec();
        if line.starts_with(b"+OK") {
            return Ok(Some(()));
        }
        if line.starts_with(b"-ERR") {
            return Ok(None);
        }
        if !line.starts_with(b"+") {
            return Err(PopError::Protocol(format!(
                "unexpected reply {:?}",
                clean_text(&line)
            )));
        }
        let response = auth::sasl_plain(user, password);
        self.send(format!("{response}\r\n").as_bytes()).await?;
        self.status().await.map(|_| Some(()))
    }

    /// `UIDL`: (message number, unique id) in listing order; `None` when the
    /// server does not support it.
    pub(crate) async fn uidl(&mut self) -> PopResult<Option<Vec<(u32, String)>>> {
        match self.command("UIDL").await {
            Ok(_) => {}
            Err(PopError::Negative(_)) => return Ok(None),
            Err(e) => return Err(e),
        }
        let body = self.multiline(MAX_MESSAGE, 0).await?;
        Ok(Some(parse_uidl(&body)))
    }

    /// `LIST`: (message number, size in octets).
    pub(crate) async fn list(&mut self) -> PopResult<Vec<(u32, u64)>> {
        self.command("LIST").await?;
        let body = self.multiline(MAX_MESSAGE, 0).await?;
        Ok(parse_list(&body))
    }

    /// The next reply of a pipelined batch: (index in the batch, the bytes
    /// or the server's refusal). `None` when all replies are in.
    pub(crate) async fn next_fetch(
        &mut self,
        b: &mut Batch,
    ) -> PopResult<Option<(usize, Result<Vec<u8>, String>)>> {
        if b.received >= b.reqs.len() {
            return Ok(None);
        }
        // Refill the window when half of it has been answered.
        if b.sent < b.reqs.len() && b.sent - b.received <= b.window / 2 {
            let upto = (b.received + b.window).min(b.reqs.len());
            let mut out = String::new();
            for (n, kind) in b.reqs.get(b.sent..upto).unwrap_or_default() {
                match kind {
                    Fetch::Whole => out.push_str(&format!("RETR {n}\r\n")),
                    Fetch::Headers => out.push_str(&format!("TOP {n} 0\r\n")),
                }
            }
            self.send(out.as_bytes()).await?;
            b.sent = upto;
        }
        let index = b.received;
        b.received += 1;
        match self.status().await {
            Ok(_) => Ok(Some((
                index,
                Ok(self.multiline(MAX_MESSAGE, 16 * 1024).await?),
            ))),
            Err(PopError::Negative(text)) => Ok(Some((index, Err(text)))),
            Err(e) => Err(e),
        }
    }

    /// DELE each message, pipelined; returns the ones the server accepted.
    pub(crate) async fn dele_all(&mut self, msgnos: &[u32]) -> PopResult<Vec<u32>> {
        let mut accepted = Vec::with_capacity(msgnos.len());
        let window = self.caps.window();
        for chunk in msgnos.chunks(window) {
            let out: String = chunk.iter().map(|n| format!("DELE {n}\r\n")).collect();
            self.send(out.as_bytes()).await?;
            for n in chunk {
                match self.status().await {
                    Ok(_) => accepted.push(*n),
                    Err(PopError::Negative(text)) => tracing::warn!("DELE {n} refused: {text}"),
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(accepted)
    }

    /// QUIT: the server applies the DELEs now. Ok only on `+OK`.
    pub(crate) async fn quit(mut self) -> PopResult<()> {
        self.command("QUIT").await?;
        let _ = self.io.shutdown().await;
        Ok(())
    }
}

fn listing_lines(body: &[u8]) -> impl Iterator<Item = (u32, &str)> + '_ {
    body.split(|&b| b == b'\n').filter_map(|line| {
        let line = std::str::from_utf8(strip_eol(line)).ok()?;
        let mut words = line.split_ascii_whitespace();
        let n = words.next()?.parse::<u32>().ok().filter(|n| *n > 0)?;
        Some((n, words.next()?))
    })
}

/// Lines `n uidl`; malformed lines are skipped (RFC 1939: the id is 1–70
/// printable ASCII characters; longer ones are kept, empty ones are not).
pub(crate) fn parse_uidl(body: &[u8]) -> Vec<(u32, String)> {
    listing_lines(body)
        .filter(|(_, id)| id.bytes().all(|b| (0x21..=0x7e).contains(&b)))
        .map(|(n, id)| (n, id.to_owned()))
        .collect()
}

/// Lines `n size`; malformed lines are skipped.
pub(crate) fn parse_list(body: &[u8]) -> Vec<(u32, u64)> {
    listing_lines(body)
        .filter_map(|(n, size)| Some((n, size.parse::<u64>().ok()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncBufReadExt, BufReader, DuplexStream, duplex};

    use super::*;

    /// A scripted server: for each expected client line, the reply to send.
    async fn serve(server: DuplexStream, script: Vec<(&'static str, Vec<u8>)>) {
        let (read, mut write) = tokio::io::split(server);
        let mut lines = BufReader::new(read).lines();
        for (expect, reply) in script {
            let got = lines.next_line().await.expect("read").expect("a command");
            assert_eq!(got, expect);
            write.write_all(&reply).await.expect("write");
        }
    }

    fn session(script: Vec<(&'static str, Vec<u8>)>) -> Session<DuplexStream> {
        let (client, server) = duplex(1 << 20);
        tokio::spawn(serve(server, script));
        Session::new(client)
    }

    #[tokio::test]
    async fn retr_undoes_dot_stuffing_and_keeps_line_ends() {
        let body = b"+OK 40 octets\r\nSubject: x\r\n\r\n..leading dot\r\n.\r\n";
        let mut s = session(vec![("RETR 1", body.to_vec())]);
        let mut b = Batch::new(vec![(1, Fetch::Whole)], 1);
        let (i, raw) = s.next_fetch(&mut b).await.unwrap().unwrap();
        assert_eq!(i, 0);
        assert_eq!(raw.unwrap(), b"Subject: x\r\n\r\n.leading dot\r\n");
        assert!(s.next_fetch(&mut b).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn empty_message_and_bare_lf_lines() {
        let mut s = session(vec![
            ("RETR 1", b"+OK\r\n.\r\n".to_vec()),
            ("RETR 2", b"+OK\nA: b\n\nbody\n.\n".to_vec()),
        ]);
        let mut b = Batch::new(vec![(1, Fetch::Whole), (2, Fetch::Whole)], 1);
        assert_eq!(s.next_fetch(&mut b).await.unwrap().unwrap().1.unwrap(), b"");
        assert_eq!(
            s.next_fetch(&mut b).await.unwrap().unwrap().1.unwrap(),
            b"A: b\n\nbody\n"
        );
    }

    #[tokio::test]
    async fn pipelined_fetch_with_a_refusal_in_the_middle() {
        let (client, server) = duplex(1 << 20);
        tokio::spawn(async move {
            let (read, mut write) = tokio::io::split(server);
            let mut lines = BufReader::new(read).lines();
            let mut seen = Vec::new();
            while let Ok(Some(line)) = lines.next_line().await {
                seen.push(line.clone());
                let reply = match line.as_str() {
                    "RETR 2" => "-ERR no such message\r\n".to_owned(),
                    "TOP 3 0" => "+OK\r\nSubject: three\r\n\r\n.\r\n".to_owned(),
                    other => format!("+OK\r\nSubject: {other}\r\n\r\nbody\r\n.\r\n"),
                };
                write.write_all(reply.as_bytes()).await.unwrap();
            }
        });
        let mut s = Session::new(client);
        let reqs = vec![
            (1, Fetch::Whole),
            (2, Fetch::Whole),
            (3, Fetch::Headers),
            (4, Fetch::Whole),
        ];
        let mut b = Batch::new(reqs, 2);
        let mut got = Vec::new();
        while let Some((i, r)) = s.next_fetch(&mut b).await.unwrap() {
            got.push((i, r.map(|v| String::from_utf8(v).unwrap())));
        }
        assert_eq!(
            got,
            vec![
                (0, Ok("Subject: RETR 1\r\n\r\nbody\r\n".to_owned())),
                (1, Err("no such message".to_owned())),
                (2, Ok("Subject: three\r\n\r\n".to_owned())),
                (3, Ok("Subject: RETR 4\r\n\r\nbody\r\n".to_owned())),
            ]
        );
    }

    /// The reply body the way the line-by-line reader read it: the
    /// reference the bulk copy must match.
    fn unstuffed_line_by_line(reply: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for line in reply.split_inclusive(|&b| b == b'\n') {
            if strip_eol(line) == b"." {
                return out;
            }
            out.extend_from_slice(line.strip_prefix(b".").unwrap_or(line));
        }
        panic!("no final dot");
    }

    #[tokio::test]
    async fn any_split_of_the_stream_reads_the_same_message() {
        // Lines that start with dots, CRLF and bare LF, a lone CR, and lines
        // longer than what one read returns.
        let pieces: [&[u8]; 10] = [
            b"..", b".", b"\r\n", b"\n", b"text", b"\r", b" ", b"...\r\n", b"..\n", b"x",
        ];
        let long = vec![b'y'; 3000];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..300 {
            let mut reply = b"+OK\r\n".to_vec();
            for _ in 0..next() % 60 {
                let piece = if next() % 50 == 0 {
                    &long[..]
                } else {
                    pieces[(next() % pieces.len() as u64) as usize]
                };
                reply.extend_from_slice(piece);
            }
            // End the last line, then the terminator (CRLF or bare LF).
            if !reply.ends_with(b"\n") {
                reply.extend_from_slice(b"\r\n");
            }
            reply.extend_from_slice(if round % 3 == 0 { b".\n" } else { b".\r\n" });
            let body = reply.splitn(2, |&b| b == b'\n').nth(1).unwrap().to_vec();
            if strip_eol(body.split_inclusive(|&b| b == b'\n').next().unwrap()) == b"." {
                // A first line that is just "." ends an empty reply: fine,
                // but the rest would be read as the next reply.
                continue;
            }
            let want = unstuffed_line_by_line(&body);
            // Tiny pipes split the stream everywhere, lines and "\n." too.
            let (client, server) = duplex(1 + (next() % 17) as usize);
            tokio::spawn(serve(server, vec![("RETR 1", reply.clone())]));
            let mut s = Session::new(client);
            let mut b = Batch::new(vec![(1, Fetch::Whole)], 1);
            let (_, got) = s.next_fetch(&mut b).await.unwrap().unwrap();
            assert_eq!(
                got.unwrap(),
                want,
                "round {round}: {:?}",
                String::from_utf8_lossy(&reply)
            );
        }
    }

    #[tokio::test]
    async fn a_reply_over_the_limit_is_refused() {
        let mut s = session(vec![("CAPA", {
            let mut r = b"+OK\r\n".to_vec();
            r.extend(std::iter::repeat_n(b"PIPELINING\r\n".as_slice(), 30_000).flatten());
            r.extend_from_slice(b".\r\n");
            r
        })]);
        assert!(matches!(s.capa().await, Err(PopError::Protocol(_))));
    }

    #[tokio::test]
    async fn a_connection_closed_mid_message_is_an_io_error() {
        let mut s = session(vec![(
            "RETR 1",
            b"+OK\r\nSubject: cut\r\n\r\nhalf a bo".to_vec(),
        )]);
        let mut b = Batch::new(vec![(1, Fetch::Whole)], 1);
        match s.next_fetch(&mut b).await {
            Err(PopError::Io(e)) => assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof),
            other => panic!("expected an I/O error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn garbage_is_a_protocol_error_not_a_panic() {
        let mut s = session(vec![("STAT", b"* BYE imap here\r\n".to_vec())]);
        assert!(matches!(
            s.command("STAT").await,
            Err(PopError::Protocol(_))
        ));
        let mut s = session(vec![("LIST", b"+OK\r\n1 2\r\n".to_vec())]);
        assert!(
            matches!(s.list().await, Err(PopError::Io(_))),
            "cut short: EOF, not a hang"
        );
        let mut s = session(vec![("STAT", vec![b'+'; MAX_LINE + 10])]);
        assert!(matches!(
            s.command("STAT").await,
            Err(PopError::Protocol(_))
        ));
        let mut s = session(vec![("STAT", b"-ERR \xff\xfe\x07 broken\r\n".to_vec())]);
        match s.command("STAT").await {
            Err(PopError::Negative(t)) => assert_eq!(t, "\u{fffd}\u{fffd} broken"),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn listings_skip_malformed_lines() {
        let uidl =
            b"1 abc\r\n2\r\nx y\r\n0 zero\r\n3 d\xffe\r\n4 ok-4 extra\r\n99999999999 big\r\n";
        assert_eq!(
            parse_uidl(uidl),
            vec![(1, "abc".to_owned()), (4, "ok-4".to_owned())]
        );
        let list = b"1 120\r\n2 -5\r\n3 12x\r\n4 7\r\n";
        assert_eq!(parse_list(list), vec![(1, 120), (4, 7)]);
        let mut s = session(vec![("UIDL", b"-ERR not supported\r\n".to_vec())]);
        assert_eq!(s.uidl().await.unwrap(), None);
    }

    #[tokio::test]
    async fn capa_is_parsed() {
        let reply = b"+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nUSER\r\nSASL PLAIN login\r\n.\r\n";
        let mut s = session(vec![("CAPA", reply.to_vec())]);
        let caps = s.capa().await.unwrap();
        assert!(
            caps.known && caps.top && caps.uidl && caps.pipelining && caps.user && caps.resp_codes
        );
        assert_eq!(caps.sasl, vec!["PLAIN", "LOGIN"]);
        assert_eq!(caps.window(), PIPELINE_WINDOW);
        let mut s = session(vec![("CAPA", b"-ERR what?\r\n".to_vec())]);
        let caps = s.capa().await.unwrap();
        assert!(!caps.known && caps.window() == 1);
    }

    #[tokio::test]
    async fn login_prefers_sasl_plain_and_falls_back_when_it_is_refused() {
        let mut s = session(vec![
            ("AUTH PLAIN", b"+ \r\n".to_vec()),
            ("AHUAcA==", b"+OK Logged in.\r\n".to_vec()),
        ]);
        s.caps.sasl = vec!["PLAIN".into()];
        s.login("+OK ready", true, "u", "p").await.unwrap();

        let mut s = session(vec![
            ("AUTH PLAIN", b"-ERR Unsupported mechanism\r\n".to_vec()),
            ("USER u", b"+OK\r\n".to_vec()),
            ("PASS p", b"+OK Logged in.\r\n".to_vec()),
        ]);
        s.caps.sasl = vec!["PLAIN".into()];
        s.login("+OK ready", true, "u", "p").await.unwrap();
    }

    #[tokio::test]
    async fn a_refused_password_is_sent_once() {
        let mut s = session(vec![
            ("AUTH PLAIN", b"+ \r\n".to_vec()),
            (
                "AHUAcA==",
                b"-ERR [AUTH] Authentication failed.\r\n".to_vec(),
            ),
        ]);
        s.caps.sasl = vec!["PLAIN".into()];
        match s.login("+OK ready", true, "u", "p").await {
            Err(PopError::Negative(t)) => assert_eq!(t, "[AUTH] Authentication failed."),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn apop_on_a_plain_connection() {
        let mut s = session(vec![(
            "APOP mrose a6f0dd348916c9ee9539661f94c75203",
            b"+OK maildrop has 1 message (369 octets)\r\n".to_vec(),
        )]);
        s.caps = Caps {
            known: true,
            user: true,
            sasl: vec!["PLAIN".into()],
            ..Caps::default()
        };
        s.login(
            "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>",
            false,
            "mrose",
            "tanstaafl",
        )
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn line_breaks_in_credentials_are_refused_before_sending() {
        let mut s = session(vec![]);
        assert!(matches!(
            s.login("+OK", true, "u", "p\r\nDELE 1").await,
            Err(PopError::Negative(_))
        ));
    }

    #[tokio::test]
    async fn dele_and_quit() {
        let mut s = session(vec![
            ("DELE 1", b"+OK\r\n".to_vec()),
            ("DELE 2", b"-ERR no such message\r\n".to_vec()),
            ("QUIT", b"+OK bye\r\n".to_vec()),
        ]);
        s.caps.pipelining = true;
        assert_eq!(s.dele_all(&[1, 2]).await.unwrap(), vec![1]);
        s.quit().await.unwrap();
    }
}
