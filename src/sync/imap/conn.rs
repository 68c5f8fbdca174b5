//! One IMAP session: connect, log in, capabilities, commands sent raw and
//! their responses read one by one (so Brev sees every untagged answer:
//! VANISHED, COPYUID, HIGHESTMODSEQ …), with errors mapped to [`SyncError`].

use std::collections::HashSet;
use std::io;
use std::time::Duration;

use async_imap::Session;
use async_imap::imap_proto::{RequestId, Response, ResponseCode, Status};
use tokio::io::AsyncWriteExt;

use super::parse::expand_set;
use super::utf7;
use crate::net::{self, Endpoint, MailStream, NetError, Protocol, Timeouts, Trust};
use crate::sync::{AccountCtx, SyncError};

/// The tagged end of a command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tagged {
    pub ok: bool,
    /// The human text, with any response code Brev does not parse, e.g.
    /// `[ALREADYEXISTS] Mailbox already exists`.
    pub text: String,
    pub append_uid: Option<(u32, Vec<u32>)>,
    pub copy_uid: Option<CopyUid>,
}

/// RFC 4315 COPYUID: where copied or moved messages landed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyUid {
    pub uidvalidity: u32,
    pub from: Vec<u32>,
    pub to: Vec<u32>,
}

impl CopyUid {
    pub fn from_code(code: &ResponseCode<'_>) -> Option<CopyUid> {
        match code {
            ResponseCode::CopyUid(uv, from, to) => Some(CopyUid {
                uidvalidity: *uv,
                from: expand_set(from),
                to: expand_set(to),
            }),
            _ => None,
        }
    }
}

impl Tagged {
    fn from_done(status: &Status, code: Option<&ResponseCode<'_>>, info: Option<&str>) -> Tagged {
        let mut t = Tagged {
            ok: *status == Status::Ok,
            text: info.unwrap_or_default().to_owned(),
            ..Tagged::default()
        };
        match code {
            Some(ResponseCode::AppendUid(uv, set)) => t.append_uid = Some((*uv, expand_set(set))),
            Some(c @ ResponseCode::CopyUid(..)) => t.copy_uid = CopyUid::from_code(c),
            _ => {}
        }
        t
    }

    /// A NO or BAD as an error for the command `what`.
    pub fn check(self, what: &str) -> Result<Tagged, SyncError> {
        if self.ok {
            Ok(self)
        } else {
            Err(SyncError::Server(format!("{what}: {}", self.text)))
        }
    }

    /// The answer carries this response code (e.g. `ALREADYEXISTS`).
    pub fn has_code(&self, code: &str) -> bool {
        self.text.to_ascii_uppercase().contains(&format!("[{code}"))
    }
}

/// What logging in takes, copied out of the account's context.
#[derive(Clone, Debug)]
pub struct Login {
    pub endpoint: Endpoint,
    pub user: String,
    pub password: String,
    pub trust: Trust,
    pub timeouts: Timeouts,
}

impl Login {
    pub fn of(ctx: &AccountCtx) -> Login {
        Login {
            endpoint: ctx.incoming(),
            user: ctx.account.incoming.username.clone(),
            password: ctx.password.clone(),
            trust: ctx.trust.clone(),
            timeouts: ctx.timeouts,
        }
    }
}

/// A logged-in IMAP session.
pub struct Imap {
    session: Session<MailStream>,
    caps: HashSet<String>,
    host: String,
    port: u16,
    io_timeout: Duration,
    /// QRESYNC is enabled (RFC 7162): SELECT reports VANISHED and changes.
    pub qresync: bool,
    /// The folder (server name, decoded) selected now.
    pub selected: Option<String>,
}

/// `"…"` with `\` and `"` escaped. Folder names go through [`Imap::mailbox`].
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

impl Imap {
    /// Connect to the account's incoming server and log in.
    pub async fn connect(ctx: &mut AccountCtx) -> Result<Imap, SyncError> {
        Imap::login(Login::of(ctx)).await
    }

    /// Connect and log in with `l` (no store borrowed across the awaits).
    pub async fn login(l: Login) -> Result<Imap, SyncError> {
        let ep = l.endpoint;
        let conn = net::connect(&ep, Protocol::Imap, &l.trust, &l.timeouts).await?;
        let client = conn.into_imap_client();
        let (session, login_caps) = match client.login_with_capabilities(&l.user, &l.password).await
        {
            Ok(ok) => ok,
            Err((e, _)) => return Err(login_error(e, &ep.host, ep.port)),
        };
        let mut imap = Imap {
            session,
            caps: HashSet::new(),
            host: ep.host.clone(),
            port: ep.port,
            io_timeout: l.timeouts.io,
            qresync: false,
            selected: None,
        };
        match login_caps {
            // Capabilities sent with the LOGIN answer are the post-login ones.
            Some(c) => {
                imap.caps = c
                    .iter()
                    .map(|c| match c {
                        async_imap::types::Capability::Imap4rev1 => "IMAP4REV1".to_owned(),
                        async_imap::types::Capability::Auth(a) => {
                            format!("AUTH={}", a.to_ascii_uppercase())
                        }
                        async_imap::types::Capability::Atom(a) => a.to_ascii_uppercase(),
                    })
                    .collect();
            }
            None => imap.refresh_caps().await?,
        }
        Ok(imap)
    }

    /// ENABLE QRESYNC when the server offers it (RFC 7162): SELECT then
    /// reports what vanished and which flags changed.
    pub async fn enable_qresync(&mut self) -> Result<(), SyncError> {
        if !(self.has("QRESYNC") && self.has("ENABLE")) {
            return Ok(());
        }
        let mut enabled = false;
        let t = self
            .command("ENABLE QRESYNC", |r| {
                if let Response::Capabilities(list) = r {
                    enabled |= list.iter().any(|c| {
                        matches!(c, async_imap::imap_proto::Capability::Atom(a) if a.eq_ignore_ascii_case("QRESYNC"))
                    });
                }
                Ok(())
            })
            .await?;
        self.qresync = t.ok && enabled;
        Ok(())
    }

    /// Act as if the server had neither CONDSTORE nor QRESYNC (the
    /// fallback path: UID and FLAGS lists compared).
    pub fn without_modseq(&mut self) {
        self.qresync = false;
        self.caps.remove("CONDSTORE");
        self.caps.remove("QRESYNC");
    }

    /// Ask CAPABILITY again (after login the list is longer).
    pub async fn refresh_caps(&mut self) -> Result<(), SyncError> {
        let mut caps = HashSet::new();
        self.command("CAPABILITY", |r| {
            if let Response::Capabilities(list) = r {
                for c in list {
                    caps.insert(match c {
                        async_imap::imap_proto::Capability::Imap4rev1 => "IMAP4REV1".to_owned(),
                        async_imap::imap_proto::Capability::Auth(a) => {
                            format!("AUTH={}", a.to_ascii_uppercase())
                        }
                        async_imap::imap_proto::Capability::Atom(a) => a.to_ascii_uppercase(),
                    });
                }
            }
            Ok(())
        })
        .await?
        .check("CAPABILITY")?;
        self.caps = caps;
        Ok(())
    }

    /// The server offers this capability (case-insensitive).
    pub fn has(&self, cap: &str) -> bool {
        self.caps.contains(&cap.to_ascii_uppercase())
    }

    pub fn condstore(&self) -> bool {
        self.qresync || self.has("CONDSTORE")
    }

    /// A folder name ready for a command: modified UTF-7, quoted.
    pub fn mailbox(name: &str) -> String {
        quote(&utf7::encode(name))
    }

    pub(super) fn io_error(&self, e: &io::Error) -> SyncError {
        // async-imap reports a response it cannot parse as an io::Error of
        // kind Other: that is the server's fault, not the network's.
        if e.kind() == io::ErrorKind::Other && e.to_string().contains("during parsing") {
            let mut reason = e.to_string();
            reason.truncate(300);
            return SyncError::Net(NetError::Protocol {
                host: self.host.clone(),
                reason,
            });
        }
        SyncError::Net(NetError::from_io(e, &self.host, self.port))
    }

    fn lost(&self) -> SyncError {
        SyncError::Net(NetError::ConnectionLost {
            host: self.host.clone(),
            port: self.port,
        })
    }

    fn lib_error(&self, e: async_imap::error::Error) -> SyncError {
        match e {
            async_imap::error::Error::Io(io) => self.io_error(&io),
            async_imap::error::Error::ConnectionLost => self.lost(),
            other => SyncError::Server(other.to_string()),
        }
    }

    /// Send one command; its responses are read with [`Imap::finish`].
    pub async fn send(&mut self, cmd: &str) -> Result<RequestId, SyncError> {
        match self.session.run_command(cmd).await {
            Ok(tag) => Ok(tag),
            Err(e) => Err(self.lib_error(e)),
        }
    }

    /// Read responses until the tagged answer to `tag`; every untagged
    /// response goes to `each`. A callback error aborts (the session is
    /// then not usable any more).
    pub async fn finish<F>(&mut self, tag: &RequestId, mut each: F) -> Result<Tagged, SyncError>
    where
        F: FnMut(&Response<'_>) -> Result<(), SyncError>,
    {
        loop {
            let resp = match self.session.read_response().await {
                Ok(Some(r)) => r,
                Ok(None) => return Err(self.lost()),
                Err(e) => return Err(self.io_error(&e)),
            };
            match resp.parsed() {
                Response::Done {
                    tag: t,
                    status,
                    outcome,
                } => {
                    if t == tag {
                        return Ok(Tagged::from_done(
                            status,
                            outcome.code.as_ref(),
                            outcome.information.as_deref(),
                        ));
                    }
                    // The answer to a command nobody waits for: ignore.
                }
                other => each(other)?,
            }
        }
    }

    /// Send `cmd` and read its responses.
    pub async fn command<F>(&mut self, cmd: &str, each: F) -> Result<Tagged, SyncError>
    where
        F: FnMut(&Response<'_>) -> Result<(), SyncError>,
    {
        let tag = self.send(cmd).await?;
        self.finish(&tag, each).await
    }

    /// Send `cmd`, ignore untagged answers, require OK.
    pub async fn simple(&mut self, cmd: &str) -> Result<Tagged, SyncError> {
        self.command(cmd, |_| Ok(())).await?.check(cmd)
    }

    /// APPEND `raw` to `folder` (a literal, sent after the server's go-ahead).
    pub async fn append(
        &mut self,
        folder: &str,
        flags: &str,
        raw: &[u8],
    ) -> Result<Tagged, SyncError> {
        let cmd = format!(
            "APPEND {} ({flags}) {{{}}}",
            Imap::mailbox(folder),
            raw.len()
        );
        let tag = self.send(&cmd).await?;
        loop {
            let resp = match self.session.read_response().await {
                Ok(Some(r)) => r,
                Ok(None) => return Err(self.lost()),
                Err(e) => return Err(self.io_error(&e)),
            };
            match resp.parsed() {
                Response::Continue(_) => break,
                Response::Done {
                    tag: t,
                    status,
                    outcome,
                } if t == &tag => {
                    return Ok(Tagged::from_done(
                        status,
                        outcome.code.as_ref(),
                        outcome.information.as_deref(),
                    ));
                }
                _ => {}
            }
        }
        let stream = self.session.get_mut();
        let written = async {
            stream.write_all(raw).await?;
            stream.write_all(b"\r\n").await?;
            stream.flush().await
        }
        .await;
        if let Err(e) = written {
            return Err(self.io_error(&e));
        }
        self.finish(&tag, |_| Ok(())).await
    }

    /// Start IDLE: sends the command and waits for the go-ahead.
    pub async fn idle_start(&mut self) -> Result<RequestId, SyncError> {
        let tag = self.send("IDLE").await?;
        loop {
            let resp = match self.session.read_response().await {
                Ok(Some(r)) => r,
                Ok(None) => return Err(self.lost()),
                Err(e) => return Err(self.io_error(&e)),
            };
            match resp.parsed() {
                Response::Continue(_) => break,
                Response::Done { tag: t, .. } if t == &tag => {
                    return Err(SyncError::Server("IDLE refused".into()));
                }
                _ => {}
            }
        }
        // Waiting on purpose: no read timeout while idling.
        self.session.get_mut().set_read_timeout(None);
        Ok(tag)
    }

    /// While idling: the next untagged response says something changed
    /// (true) or is only a keep-alive (false). Cancel-safe.
    pub async fn idle_next(&mut self) -> Result<bool, SyncError> {
        let resp = match self.session.read_response().await {
            Ok(Some(r)) => r,
            Ok(None) => return Err(self.lost()),
            Err(e) => return Err(self.io_error(&e)),
        };
        Ok(matches!(
            resp.parsed(),
            Response::MailboxData(async_imap::imap_proto::MailboxDatum::Exists(_))
                | Response::MailboxData(async_imap::imap_proto::MailboxDatum::Recent(_))
                | Response::Expunge(_)
                | Response::Vanished { .. }
                | Response::Fetch(..)
        ))
    }

    /// End IDLE (DONE) and wait for its tagged answer.
    pub async fn idle_done(&mut self, tag: &RequestId) -> Result<(), SyncError> {
        self.session
            .get_mut()
            .set_read_timeout(Some(self.io_timeout));
        if let Err(e) = self.session.run_command_untagged("DONE").await {
            return Err(self.lib_error(e));
        }
        self.finish(tag, |_| Ok(())).await?;
        Ok(())
    }

    /// Say goodbye; errors do not matter any more.
    pub async fn logout(mut self) {
        let _ =
            tokio::time::timeout(Duration::from_secs(2), self.command("LOGOUT", |_| Ok(()))).await;
    }
}

fn login_error(e: async_imap::error::Error, host: &str, port: u16) -> SyncError {
    use async_imap::error::Error;
    match e {
        Error::Io(io) => SyncError::Net(NetError::from_io(&io, host, port)),
        Error::ConnectionLost => SyncError::Net(NetError::ConnectionLost {
            host: host.to_owned(),
            port,
        }),
        Error::No(text) | Error::Bad(text) => {
            let upper = text.to_ascii_uppercase();
            // RFC 5530 codes that say "not now" rather than "wrong password".
            if ["UNAVAILABLE", "SERVERBUG", "INUSE", "LIMIT", "CONTACTADMIN"]
                .iter()
                .any(|c| upper.contains(&format!("[{c}]")))
            {
                SyncError::Server(tidy_reply(&text))
            } else {
                SyncError::AuthenticationFailed(tidy_reply(&text))
            }
        }
        Error::Validate(v) => SyncError::AuthenticationFailed(v.to_string()),
        other => SyncError::Server(other.to_string()),
    }
}

/// async-imap formats NO/BAD as `code: None, info: Some("…")`: keep the text.
fn tidy_reply(text: &str) -> String {
    match text.split_once("info: Some(\"") {
        Some((_, rest)) => rest.trim_end_matches("\")").to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("INBOX"), "\"INBOX\"");
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(Imap::mailbox("Skräppost"), "\"Skr&AOQ-ppost\"");
    }

    #[test]
    fn login_errors() {
        use async_imap::error::Error;
        let e = login_error(
            Error::No(
                "code: None, info: Some(\"[AUTHENTICATIONFAILED] Authentication failed.\")".into(),
            ),
            "h",
            1,
        );
        assert_eq!(
            e,
            SyncError::AuthenticationFailed("[AUTHENTICATIONFAILED] Authentication failed.".into())
        );
        let e = login_error(Error::No("[UNAVAILABLE] try later".into()), "h", 1);
        assert!(matches!(e, SyncError::Server(_)));
        let e = login_error(Error::ConnectionLost, "h", 1);
        assert!(e.is_offline());
    }
}
