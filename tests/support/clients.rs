//! Logging in to the test server through `brev::net`, and the few IMAP/POP3
//! queries tests need. async-imap returns `impl Stream` for LIST/FETCH and
//! the crate has no `futures` dependency, so these read raw responses.

use async_imap::Session;
use async_imap::imap_proto::{AttributeValue, MailboxDatum, Response};
use brev::net::{self, MailStream, Protocol, Security, Timeouts, Trust};

use super::{Dovecot, User};

/// Connect with `security` to `port` and log `user` in over IMAP.
pub async fn imap_login(
    server: &Dovecot,
    port: u16,
    security: Security,
    trust: &Trust,
    user: &User,
) -> Session<MailStream> {
    let conn = net::connect(
        &server.endpoint(port, security),
        Protocol::Imap,
        trust,
        &Timeouts::default(),
    )
    .await
    .unwrap_or_else(|e| panic!("IMAP connect: {e}\n{}", server.log()));
    conn.into_imap_client()
        .login(&user.name, &user.password)
        .await
        .map_err(|(e, _)| e)
        .unwrap_or_else(|e| panic!("IMAP login: {e}\n{}", server.log()))
}

/// IMAPS login with the server's CA trusted.
pub async fn imaps(server: &Dovecot, user: &User) -> Session<MailStream> {
    imap_login(
        server,
        server.imaps_port(),
        Security::Tls,
        &server.trust(),
        user,
    )
    .await
}

/// Connect with `security` to `port` and log `user` in over POP3.
pub async fn pop3_login(
    server: &Dovecot,
    port: u16,
    security: Security,
    trust: &Trust,
    user: &User,
) -> async_pop::Client<MailStream> {
    let conn = net::connect(
        &server.endpoint(port, security),
        Protocol::Pop3,
        trust,
        &Timeouts::default(),
    )
    .await
    .unwrap_or_else(|e| panic!("POP3 connect: {e}\n{}", server.log()));
    let mut client = conn
        .into_pop3_client()
        .await
        .unwrap_or_else(|e| panic!("POP3 client: {e}\n{}", server.log()));
    client
        .login(&user.name, &user.password)
        .await
        .unwrap_or_else(|e| panic!("POP3 login: {e}\n{}", server.log()));
    client
}

/// Log `user` in over POP3 on `port` with `security`, trusting the
/// server's CA (the usual case in tests).
pub async fn pop3(
    server: &Dovecot,
    port: u16,
    security: Security,
    user: &User,
) -> async_pop::Client<MailStream> {
    pop3_login(server, port, security, &server.trust(), user).await
}

/// POP3 STAT message count.
pub async fn pop3_count(client: &mut async_pop::Client<MailStream>) -> usize {
    let stat = client.stat().await.expect("STAT");
    stat.counter().to_string().parse().expect("STAT count")
}

/// Run a command and hand each untagged response to `each` until the tagged
/// answer, which must be OK.
async fn command(
    session: &mut Session<MailStream>,
    cmd: &str,
    mut each: impl FnMut(&Response<'_>),
) {
    let id = session.run_command(cmd).await.expect("send IMAP command");
    loop {
        let resp = session
            .read_response()
            .await
            .expect("read IMAP response")
            .expect("connection closed during command");
        match resp.parsed() {
            Response::Done { tag, status, .. } if *tag == id => {
                assert_eq!(*status, async_imap::imap_proto::Status::Ok, "{cmd} failed");
                return;
            }
            other => each(other),
        }
    }
}

/// Every folder name in `LIST "" "*"`.
pub async fn list(session: &mut Session<MailStream>) -> Vec<String> {
    let mut names = Vec::new();
    command(session, "LIST \"\" \"*\"", |r| {
        if let Response::MailboxData(MailboxDatum::List(l)) = r {
            names.push(l.name.to_string());
        }
    })
    .await;
    names
}

/// What IMAP says about one message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub uid: u32,
    pub size: u32,
    pub flags: Vec<String>,
    /// INTERNALDATE as unix seconds.
    pub internal_date: i64,
    pub message_id: String,
}

/// `UID FETCH 1:* (UID RFC822.SIZE FLAGS INTERNALDATE ENVELOPE)` on the
/// selected folder, in UID order.
pub async fn fetch_meta(session: &mut Session<MailStream>) -> Vec<Meta> {
    let mut out = Vec::new();
    command(
        session,
        "UID FETCH 1:* (UID RFC822.SIZE FLAGS INTERNALDATE ENVELOPE)",
        |r| {
            if let Response::Fetch(_, attrs) = r {
                let mut m = Meta::default();
                for a in attrs {
                    match a {
                        AttributeValue::Uid(u) => m.uid = *u,
                        AttributeValue::Rfc822Size(s) => m.size = *s,
                        AttributeValue::Flags(f) => {
                            m.flags = f.iter().map(|x| x.to_string()).collect()
                        }
                        AttributeValue::InternalDate(d) => {
                            m.internal_date = parse_internal_date(d).expect("INTERNALDATE")
                        }
                        AttributeValue::Envelope(e) => {
                            let id = e.message_id.as_deref().unwrap_or_default();
                            m.message_id = String::from_utf8_lossy(id)
                                .trim_matches(['<', '>'])
                                .to_owned();
                        }
                        _ => {}
                    }
                }
                out.push(m);
            }
        },
    )
    .await;
    out.sort_by_key(|m| m.uid);
    out
}

/// `"05-Mar-2024 14:03:11 +0100"` → unix seconds.
pub fn parse_internal_date(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = text.trim().split([' ', '-', ':']).filter(|s| !s.is_empty());
    let day: i64 = parts.next()?.parse().ok()?;
    let month = MONTHS
        .iter()
        .position(|m| Some(*m) == parts.clone().next())? as i64
        + 1;
    parts.next();
    let year: i64 = parts.next()?.parse().ok()?;
    let h: i64 = parts.next()?.parse().ok()?;
    let mi: i64 = parts.next()?.parse().ok()?;
    let s: i64 = parts.next()?.parse().ok()?;
    // The zone was split at '-' for negative offsets; recover its sign.
    let zone = text.trim().rsplit(' ').next()?;
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits = zone.trim_start_matches(['+', '-']);
    let off = digits.get(..2)?.parse::<i64>().ok()? * 60 + digits.get(2..4)?.parse::<i64>().ok()?;
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + mi * 60 + s - sign * off * 60)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
