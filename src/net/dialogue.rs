//! The few plain-text exchanges `connect` has with a server: reading the
//! greeting and asking for STARTTLS / STLS. Reads go one byte at a time and
//! stop at the end of the line, so nothing meant for the protocol library (or
//! the TLS handshake) is ever swallowed, and nothing a server sends after its
//! STARTTLS answer can be mistaken for a protected reply.

use std::io;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::parse::{self, ImapGreeting};
use super::{Endpoint, MailStream, NetError, Protocol};

/// Longest line accepted before TLS is up.
const MAX_LINE: usize = 16 * 1024;
/// Most lines accepted in one multi-line answer (CAPA, EHLO, untagged IMAP).
const MAX_LINES: usize = 200;

/// The greeting as the server sent it: all bytes (with CRLF) and the text.
pub(crate) struct Greeting {
    pub raw: Vec<u8>,
    pub text: String,
    /// Capabilities found in the greeting itself (IMAP `[CAPABILITY …]`).
    pub capabilities: Option<Vec<String>>,
}

pub(crate) struct Dialogue<'a> {
    pub stream: &'a mut MailStream,
    pub ep: &'a Endpoint,
}

impl Dialogue<'_> {
    fn io_err(&self, e: &io::Error) -> NetError {
        NetError::from_io(e, &self.ep.host, self.ep.port)
    }

    fn protocol(&self, reason: impl Into<String>) -> NetError {
        NetError::Protocol {
            host: self.ep.host.clone(),
            reason: reason.into(),
        }
    }

    fn not_offered(&self) -> NetError {
        NetError::StartTlsNotOffered {
            host: self.ep.host.clone(),
            port: self.ep.port,
        }
    }

    fn refused(&self, reply: &str) -> NetError {
        NetError::StartTlsRefused {
            host: self.ep.host.clone(),
            port: self.ep.port,
            reply: reply.to_owned(),
        }
    }

    fn rejected(&self, reply: &str) -> NetError {
        NetError::Rejected {
            host: self.ep.host.clone(),
            reply: reply.to_owned(),
        }
    }

    /// One line, with its CRLF (or bare LF).
    async fn read_raw_line(&mut self) -> Result<Vec<u8>, NetError> {
        let mut line = Vec::with_capacity(128);
        let mut byte = [0u8; 1];
        loop {
            let n = self
                .stream
                .read(&mut byte)
                .await
                .map_err(|e| self.io_err(&e))?;
            if n == 0 {
                return Err(NetError::ConnectionLost {
                    host: self.ep.host.clone(),
                    port: self.ep.port,
                });
            }
            line.push(byte[0]);
            if byte[0] == b'\n' {
                return Ok(line);
            }
            if line.len() >= MAX_LINE {
                return Err(self.protocol("line too long"));
            }
        }
    }

    /// One line as text without its line end (invalid UTF-8 replaced).
    async fn read_line(&mut self) -> Result<(Vec<u8>, String), NetError> {
        let raw = self.read_raw_line().await?;
        let text = String::from_utf8_lossy(&raw)
            .trim_end_matches(['\r', '\n'])
            .to_owned();
        Ok((raw, text))
    }

    async fn send(&mut self, command: &str) -> Result<(), NetError> {
        self.stream
            .write_all(command.as_bytes())
            .await
            .map_err(|e| self.io_err(&e))?;
        self.stream.flush().await.map_err(|e| self.io_err(&e))
    }

    /// Read the server's greeting. `starttls`: STARTTLS will follow, so an
    /// IMAP PREAUTH greeting is refused (fail closed).
    pub async fn greeting(
        &mut self,
        proto: Protocol,
        starttls: bool,
    ) -> Result<Greeting, NetError> {
        match proto {
            Protocol::Imap => {
                let (raw, text) = self.read_line().await?;
                match parse::imap_greeting(&text) {
                    Some(ImapGreeting::Ok(capabilities)) => Ok(Greeting {
                        raw,
                        text,
                        capabilities,
                    }),
                    Some(ImapGreeting::PreAuth) if starttls => Err(self.not_offered()),
                    Some(ImapGreeting::PreAuth) => Ok(Greeting {
                        raw,
                        text,
                        capabilities: None,
                    }),
                    Some(ImapGreeting::Bye(reply)) => Err(self.rejected(&reply)),
                    None => Err(self.protocol(format!("not an IMAP greeting: {text:.200}"))),
                }
            }
            Protocol::Pop3 => {
                let (raw, text) = self.read_line().await?;
                match parse::pop3_status(&text) {
                    Some(true) => Ok(Greeting {
                        raw,
                        text,
                        capabilities: None,
                    }),
                    Some(false) => Err(self.rejected(&text)),
                    None => Err(self.protocol(format!("not a POP3 greeting: {text:.200}"))),
                }
            }
            Protocol::Smtp => {
                let (code, raw, lines) = self.smtp_reply().await?;
                let text = lines.join("\n");
                match code {
                    220 => Ok(Greeting {
                        raw,
                        text,
                        capabilities: None,
                    }),
                    400..=599 => Err(self.rejected(&text)),
                    _ => Err(self.protocol(format!("not an SMTP greeting: {text:.200}"))),
                }
            }
        }
    }

    /// Ask for STARTTLS / STLS. `Ok` means the server agreed and the next
    /// bytes on the wire are the TLS handshake.
    pub async fn starttls(&mut self, proto: Protocol, greeting: &Greeting) -> Result<(), NetError> {
        match proto {
            Protocol::Imap => self.imap_starttls(greeting).await,
            Protocol::Pop3 => self.pop3_stls().await,
            Protocol::Smtp => self.smtp_starttls().await,
        }
    }

    /// Read lines up to the answer tagged `tag`; collect `* CAPABILITY`.
    async fn imap_until_tagged(
        &mut self,
        tag: &str,
    ) -> Result<(bool, String, Vec<String>), NetError> {
        let mut caps = Vec::new();
        for _ in 0..MAX_LINES {
            let (_, line) = self.read_line().await?;
            if let Some(ok) = parse::imap_tagged_ok(&line, tag) {
                return Ok((ok, line, caps));
            }
            if let Some(c) = parse::imap_capability_line(&line) {
                caps.extend(c);
            } else if let Some(ImapGreeting::Bye(reply)) = parse::imap_greeting(&line) {
                return Err(self.rejected(&reply));
            }
        }
        Err(self.protocol("too many lines before the tagged answer"))
    }

    async fn imap_starttls(&mut self, greeting: &Greeting) -> Result<(), NetError> {
        // The greeting's list is enough when it names STARTTLS; otherwise ask.
        let caps = match &greeting.capabilities {
            Some(caps) if parse::has_capability(caps, "STARTTLS") => caps.clone(),
            _ => {
                self.send("B1 CAPABILITY\r\n").await?;
                let (ok, _, caps) = self.imap_until_tagged("B1").await?;
                if ok { caps } else { Vec::new() }
            }
        };
        if !parse::has_capability(&caps, "STARTTLS") {
            return Err(self.not_offered());
        }
        self.send("B2 STARTTLS\r\n").await?;
        match self.imap_until_tagged("B2").await? {
            (true, _, _) => Ok(()),
            (false, line, _) => Err(self.refused(&line)),
        }
    }

    async fn pop3_stls(&mut self) -> Result<(), NetError> {
        self.send("CAPA\r\n").await?;
        let (_, status) = self.read_line().await?;
        let mut stls = false;
        match parse::pop3_status(&status) {
            Some(true) => {
                let mut done = false;
                for _ in 0..MAX_LINES {
                    let (_, line) = self.read_line().await?;
                    if line == "." {
                        done = true;
                        break;
                    }
                    stls |= parse::pop3_capa_is_stls(&line);
                }
                if !done {
                    return Err(self.protocol("CAPA answer too long"));
                }
            }
            Some(false) => {}
            None => return Err(self.protocol(format!("unexpected CAPA answer: {status:.200}"))),
        }
        if !stls {
            return Err(self.not_offered());
        }
        self.send("STLS\r\n").await?;
        let (_, answer) = self.read_line().await?;
        match parse::pop3_status(&answer) {
            Some(true) => Ok(()),
            _ => Err(self.refused(&answer)),
        }
    }

    /// One SMTP reply: code, raw bytes, and the text of each line.
    async fn smtp_reply(&mut self) -> Result<(u16, Vec<u8>, Vec<String>), NetError> {
        let mut raw = Vec::new();
        let mut texts = Vec::new();
        for _ in 0..MAX_LINES {
            let (line_raw, line) = self.read_line().await?;
            raw.extend_from_slice(&line_raw);
            let Some((code, last, text)) = parse::smtp_reply_line(&line) else {
                return Err(self.protocol(format!("not an SMTP reply: {line:.200}")));
            };
            texts.push(text.to_owned());
            if last {
                return Ok((code, raw, texts));
            }
        }
        Err(self.protocol("SMTP reply too long"))
    }

    async fn smtp_starttls(&mut self) -> Result<(), NetError> {
        let name = match self.stream.local_addr() {
            Some(addr) if addr.is_ipv6() => format!("[IPv6:{}]", addr.ip()),
            Some(addr) => format!("[{}]", addr.ip()),
            None => "[127.0.0.1]".to_owned(),
        };
        self.send(&format!("EHLO {name}\r\n")).await?;
        let (code, _, lines) = self.smtp_reply().await?;
        let offered = code == 250 && lines.iter().skip(1).any(|l| parse::smtp_ext_is_starttls(l));
        if !offered {
            return Err(self.not_offered());
        }
        self.send("STARTTLS\r\n").await?;
        let (code, _, lines) = self.smtp_reply().await?;
        if code == 220 {
            Ok(())
        } else {
            Err(self.refused(&format!("{code} {}", lines.join(" "))))
        }
    }
}
