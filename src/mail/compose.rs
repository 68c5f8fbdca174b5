//! Writing mail: the [`Draft`] the compose window edits, new / reply /
//! forward constructors, address parsing, and [`build`], which turns a draft
//! into RFC 5322 bytes (MIME, RFC 2047 UTF-8 headers, Message-ID, Date).
//!
//! Nothing here touches the network or the store; [`MsgId`] only names the
//! stored messages a draft refers to.

use sha2::{Digest, Sha256};

use crate::config::Account;
use crate::ids::MsgId;
use crate::mail::Address;

/// A message being written, as the compose window holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The sending account's id.
    pub account: String,
    /// Recipients as typed, separated by commas or semicolons.
    pub to: String,
    pub cc: String,
    pub bcc: String,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<DraftAttachment>,
    /// Message id (without angle brackets) of the message replied to.
    pub in_reply_to: Option<String>,
    /// Message ids (without angle brackets), oldest first.
    pub references: Vec<String>,
    /// The message replied to: marked answered once this one is sent.
    pub replying_to: Option<MsgId>,
    /// The message forwarded: marked `$Forwarded` once this one is sent.
    pub forwarding: Option<MsgId>,
    /// Its Message-ID (without angle brackets): a stored draft keeps it as
    /// `X-Forwarded-Message-Id`, so a forward written on later still marks
    /// the original. Never in what is sent.
    pub forwarded_message_id: Option<String>,
    /// The stored draft this one replaces.
    pub saved_as: Option<MsgId>,
}

impl Draft {
    /// Every envelope recipient (To, Cc and Bcc), without duplicates.
    pub fn recipients(&self) -> Result<Vec<Address>, BadAddress> {
        let mut all: Vec<Address> = Vec::new();
        for field in [&self.to, &self.cc, &self.bcc] {
            for a in parse_addresses(field)? {
                if !all.iter().any(|b| same_address(&a.email, &b.email)) {
                    all.push(a);
                }
            }
        }
        Ok(all)
    }
}

/// A file attached to a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftAttachment {
    pub name: String,
    pub mime_type: String,
    pub data: Vec<u8>,
}

/// Something typed into an address field that is not an address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an e-mail address: {text}")]
pub struct BadAddress {
    /// The piece that could not be read.
    pub text: String,
}

impl BadAddress {
    pub fn user_message(&self) -> String {
        crate::fl!("compose-bad-address", text = self.text.clone())
    }
}

/// Why a draft could not be turned into a message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    BadAddress(#[from] BadAddress),
    #[error("the message has no recipients")]
    NoRecipients,
    #[error("the account has no sender address")]
    NoSender,
}

impl ComposeError {
    pub fn user_message(&self) -> String {
        match self {
            ComposeError::BadAddress(e) => e.user_message(),
            ComposeError::NoRecipients => crate::fl!("compose-no-recipients"),
            ComposeError::NoSender => crate::fl!("compose-no-sender"),
        }
    }
}

// ---------------------------------------------------------------------------
// Addresses

/// Parse an address field: `Åsa Öberg <asa@x.se>, b@y.no; "Doe, J" <j@d.bg>`.
/// Commas and semicolons separate (not inside quotes or angle brackets).
/// Empty input gives an empty list. International domain names are kept as
/// typed ([`build`] writes them as punycode).
pub fn parse_addresses(input: &str) -> Result<Vec<Address>, BadAddress> {
    let mut out = Vec::new();
    for piece in split_list(input) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        out.push(parse_one(piece)?);
    }
    Ok(out)
}

fn split_list(input: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut escaped, mut angle) = (false, false, false);
    for c in input.chars() {
        if escaped {
            escaped = false;
            cur.push(c);
            continue;
        }
        match c {
            '\\' if quoted => {
                escaped = true;
                cur.push(c);
            }
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            '<' if !quoted => {
                angle = true;
                cur.push(c);
            }
            '>' if !quoted => {
                angle = false;
                cur.push(c);
            }
            ',' | ';' if !quoted && !angle => pieces.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    pieces.push(cur);
    pieces
}

fn parse_one(piece: &str) -> Result<Address, BadAddress> {
    let bad = || BadAddress {
        text: piece.to_owned(),
    };
    let (name, email) = match (piece.rfind('<'), piece.rfind('>')) {
        (Some(open), Some(close)) if open < close => {
            // '<' and '>' are ASCII: these are character boundaries.
            let (Some(before), Some(inside), Some(after)) = (
                piece.get(..open),
                piece.get(open + 1..close),
                piece.get(close + 1..),
            ) else {
                return Err(bad());
            };
            if !after.trim().is_empty() {
                return Err(bad());
            }
            (unquote(before.trim()), inside.trim().to_owned())
        }
        (None, None) => (String::new(), piece.to_owned()),
        _ => return Err(bad()),
    };
    if !valid_email(&email) {
        return Err(bad());
    }
    Ok(Address {
        name: (!name.is_empty()).then_some(name),
        email,
    })
}

fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_owned();
    };
    let mut out = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else {
            out.push(c);
        }
    }
    out
}

fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    if local.is_empty()
        || domain.is_empty()
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
    {
        return false;
    }
    let bad_local = |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:@\"".contains(c);
    if local.chars().any(bad_local) {
        return false;
    }
    if domain.split('.').any(|label| {
        label.is_empty()
            || label.starts_with('-')
            || label.ends_with('-')
            || !label.chars().all(|c| c.is_alphanumeric() || c == '-')
    }) {
        return false;
    }
    idna::domain_to_ascii(domain).is_ok()
}

fn same_address(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim()) || a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The address with its domain in ASCII (punycode), for headers and the
/// SMTP envelope.
pub fn ascii_email(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) if !domain.is_ascii() => match idna::domain_to_ascii(domain) {
            Ok(d) => format!("{local}@{d}"),
            Err(_) => email.to_owned(),
        },
        _ => email.to_owned(),
    }
}

fn display_list(list: &[Address]) -> String {
    list.iter()
        .map(Address::display)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Addresses as typed into an address field: a name with a comma, a
/// semicolon or another special is quoted, so [`parse_addresses`] reads
/// the field back as the same addresses.
fn field_list(list: &[Address]) -> String {
    list.iter()
        .map(
            |a| match a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(name) if name.contains(|c: char| ",;<>\"@()[]:\\".contains(c)) => {
                    let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
                    format!("\"{quoted}\" <{}>", a.email)
                }
                _ => a.display(),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------
// New, reply, forward

fn signature_block(account: &Account) -> String {
    let sig = account.signature.trim_end();
    if sig.is_empty() {
        String::new()
    } else {
        format!("\n\n-- \n{sig}\n")
    }
}

/// A new, empty message from `account`, with its signature.
pub fn new_message(account: &Account) -> Draft {
    Draft {
        account: account.id.clone(),
        body: signature_block(account),
        ..Draft::default()
    }
}

fn prefixed(subject: &str, prefix: &str, known: &[&str]) -> String {
    let s = subject.trim();
    let lower = s.to_lowercase();
    if known.iter().any(|p| lower.starts_with(p)) {
        s.to_owned()
    } else if s.is_empty() {
        prefix.trim_end().to_owned()
    } else {
        format!("{prefix}{s}")
    }
}

fn quote(text: &str) -> String {
    let mut out = String::new();
    for line in text.trim_end().lines() {
        if line.is_empty() || line.starts_with('>') {
            out.push('>');
        } else {
            out.push_str("> ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn sender_name(original: &crate::mail::Message) -> String {
    original
        .from
        .first()
        .map(|a| {
            a.name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| a.email.clone())
        })
        .unwrap_or_default()
}

fn push_unique(list: &mut Vec<Address>, a: &Address, own: &str) {
    if same_address(&a.email, own) || a.email.is_empty() {
        return;
    }
    if !list.iter().any(|b| same_address(&a.email, &b.email)) {
        list.push(a.clone());
    }
}

/// A reply to `original` (stored as `id`); `all` also answers every other
/// recipient. "Re:" is added once; the reply goes to Reply-To when there is
/// one, else to the sender (to the original recipients when the original was
/// the user's own); the user's own address is never a recipient. The text is
/// quoted with "> " under a translated attribution line.
pub fn reply(original: &crate::mail::Message, id: MsgId, account: &Account, all: bool) -> Draft {
    let own = account.email.as_str();
    let from_me = original.from.iter().any(|a| same_address(&a.email, own));
    let mut to = Vec::new();
    let primary: &[Address] = if !original.reply_to.is_empty() {
        &original.reply_to
    } else if from_me {
        &original.to
    } else {
        &original.from
    };
    for a in primary {
        push_unique(&mut to, a, own);
    }
    let mut cc = Vec::new();
    if all {
        for a in original.to.iter().chain(original.cc.iter()) {
            if !to.iter().any(|b| same_address(&a.email, &b.email)) {
                push_unique(&mut cc, a, own);
            }
        }
    }
    if to.is_empty() && !cc.is_empty() {
        to = std::mem::take(&mut cc);
    }
    let date = original
        .date
        .map(crate::mail::inspect::format_date)
        .unwrap_or_default();
    let attribution = crate::fl!(
        "compose-attribution",
        date = date,
        name = sender_name(original)
    );
    let mut references = original.references.clone();
    if references.is_empty() {
        references.extend(original.in_reply_to.first().cloned());
    }
    if let Some(mid) = &original.message_id
        && !references.contains(mid)
    {
        references.push(mid.clone());
    }
    Draft {
        account: account.id.clone(),
        to: field_list(&to),
        cc: field_list(&cc),
        subject: prefixed(&original.subject, "Re: ", &["re:"]),
        body: format!(
            "{attribution}\n{}\n{}",
            quote(&original.text),
            signature_block(account)
        ),
        in_reply_to: original.message_id.clone(),
        references,
        replying_to: Some(id),
        ..Draft::default()
    }
}

/// A forward of `original` (raw bytes `raw`, stored as `id`): the text
/// inline below a header block, the attachments copied.
pub fn forward(original: &crate::mail::Message, raw: &[u8], id: MsgId, account: &Account) -> Draft {
    let mut head = format!("{}\n", crate::fl!("compose-forwarded"));
    let mut line = |label: String, value: String| {
        if !value.is_empty() {
            head.push_str(&format!("{label} {value}\n"));
        }
    };
    line(
        crate::fl!("compose-forwarded-from"),
        display_list(&original.from),
    );
    line(
        crate::fl!("compose-forwarded-date"),
        original
            .date
            .map(crate::mail::inspect::format_date)
            .unwrap_or_default(),
    );
    line(
        crate::fl!("compose-forwarded-subject"),
        original.subject.clone(),
    );
    line(
        crate::fl!("compose-forwarded-to"),
        display_list(&original.to),
    );
    line(
        crate::fl!("compose-forwarded-cc"),
        display_list(&original.cc),
    );
    let attachments = attachments_of(original, raw);
    Draft {
        account: account.id.clone(),
        subject: prefixed(&original.subject, "Fwd: ", &["fwd:", "fw:"]),
        body: format!(
            "\n\n{head}\n{}\n{}",
            original.text.trim_end(),
            signature_block(account)
        ),
        attachments,
        forwarding: Some(id),
        forwarded_message_id: original.message_id.clone(),
        ..Draft::default()
    }
}

/// A message's attachments (not its inline images), decoded from `raw`.
fn attachments_of(message: &crate::mail::Message, raw: &[u8]) -> Vec<DraftAttachment> {
    message
        .attachments
        .iter()
        .filter(|a| !a.inline)
        .filter_map(|a| {
            Some(DraftAttachment {
                name: a.name.clone(),
                mime_type: a.mime_type.clone(),
                data: crate::mail::attachment_bytes(raw, a.part)?,
            })
        })
        .collect()
}

/// A stored draft (parsed `stored`, raw bytes `raw`, stored as `id`) to
/// write on: its recipients (Bcc too, which drafts keep), subject, text,
/// attachments and thread headers. `saved_as` is the stored draft, so the
/// next save or Send replaces it instead of leaving a second copy.
pub fn edit(stored: &crate::mail::Message, raw: &[u8], id: MsgId, account: &Account) -> Draft {
    let attachments = attachments_of(stored, raw);
    Draft {
        account: account.id.clone(),
        to: field_list(&stored.to),
        cc: field_list(&stored.cc),
        bcc: field_list(&stored.bcc),
        subject: stored.subject.clone(),
        body: with_signature_delimiter(&stored.text),
        attachments,
        in_reply_to: stored.in_reply_to.first().cloned(),
        references: stored.references.clone(),
        forwarded_message_id: stored.forwarded_message_id.clone(),
        saved_as: Some(id),
        ..Draft::default()
    }
}

/// Reading a message drops spaces at line ends, also the one in the
/// signature delimiter `-- `: put it back so the signature is found again
/// (e.g. when the sending account changes).
fn with_signature_delimiter(text: &str) -> String {
    text.split('\n')
        .map(|line| if line == "--" { "-- " } else { line })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// Building the message

/// The message as RFC 5322 bytes, dated `now` (unix seconds). Headers are
/// UTF-8 encoded words where needed; the body is quoted-printable UTF-8
/// text, attachments base64 in a `multipart/mixed`. Bcc is not written.
/// Drafts (no recipients yet) are built with [`build_draft`].
pub fn build(draft: &Draft, account: &Account, now: i64) -> Result<Vec<u8>, ComposeError> {
    if draft.recipients()?.is_empty() {
        return Err(ComposeError::NoRecipients);
    }
    build_message(draft, account, now, false, false)
}

/// The sender's own copy (the Outbox, then Sent): like [`build`], with the
/// Bcc header, as Thunderbird keeps it, so the sender can see later who got
/// a blind copy. Sending removes it ([`strip_bcc`]): no recipient sees it.
pub fn build_own_copy(draft: &Draft, account: &Account, now: i64) -> Result<Vec<u8>, ComposeError> {
    if draft.recipients()?.is_empty() {
        return Err(ComposeError::NoRecipients);
    }
    build_message(draft, account, now, false, true)
}

/// The draft as it is stored in Drafts: like [`build`], but recipients may
/// be missing or half typed (kept as typed), and Bcc is kept.
pub fn build_draft(draft: &Draft, account: &Account, now: i64) -> Result<Vec<u8>, ComposeError> {
    build_message(draft, account, now, true, true)
}

/// `lenient`: recipients that do not parse are kept as typed (a draft).
/// `bcc`: the Bcc header is written.
fn build_message(
    draft: &Draft,
    account: &Account,
    now: i64,
    lenient: bool,
    bcc: bool,
) -> Result<Vec<u8>, ComposeError> {
    if account.email.trim().is_empty() {
        return Err(ComposeError::NoSender);
    }
    let from = Address {
        name: Some(account.name.clone()).filter(|n| !n.trim().is_empty()),
        email: account.email.trim().to_owned(),
    };
    let mut h = String::new();
    h.push_str(&format!("Date: {}\r\n", rfc5322_date(now)));
    h.push_str(&address_header("From", std::slice::from_ref(&from)));
    for (name, field, write) in [
        ("To", &draft.to, true),
        ("Cc", &draft.cc, true),
        ("Bcc", &draft.bcc, bcc),
    ] {
        match parse_addresses(field) {
            Ok(list) if list.is_empty() => {}
            Ok(list) if write => h.push_str(&address_header(name, &list)),
            Ok(_) => {}
            Err(_) if lenient && write => h.push_str(&unstructured_header(name, field)),
            Err(e) => return Err(e.into()),
        }
    }
    h.push_str(&unstructured_header("Subject", &draft.subject));
    h.push_str(&format!(
        "Message-ID: <{}>\r\n",
        new_message_id(&from.email, now, draft)
    ));
    if let Some(irt) = draft.in_reply_to.as_deref().filter(|s| !s.is_empty()) {
        h.push_str(&format!("In-Reply-To: <{irt}>\r\n"));
    }
    if !draft.references.is_empty() {
        let refs: Vec<String> = draft.references.iter().map(|r| format!("<{r}>")).collect();
        h.push_str(&format!("References: {}\r\n", refs.join("\r\n ")));
    }
    if lenient
        && let Some(id) = draft
            .forwarded_message_id
            .as_deref()
            .filter(|id| is_message_id(id))
    {
        h.push_str(&format!("X-Forwarded-Message-Id: <{id}>\r\n"));
    }
    h.push_str("MIME-Version: 1.0\r\n");

    let text = text_part(&draft.body);
    let mut out = h.into_bytes();
    if draft.attachments.is_empty() {
        out.extend_from_slice(text.as_bytes());
        return Ok(out);
    }
    let boundary = format!("=_brev_{}", &hex(&Sha256::digest(out.as_slice()))[..24]);
    out.extend_from_slice(
        format!("Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n").as_bytes(),
    );
    out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
    out.extend_from_slice(text.as_bytes());
    for a in &draft.attachments {
        out.extend_from_slice(format!("\r\n--{boundary}\r\n").as_bytes());
        out.extend_from_slice(attachment_part(a).as_bytes());
    }
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Ok(out)
}

/// An id that can go between angle brackets in a header: printable ASCII,
/// no brackets or spaces (it came from a message, so it is checked).
fn is_message_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>')
}

/// Remove the `Bcc` header from a whole message: what goes out over SMTP.
pub fn strip_bcc(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    let mut skipping = false;
    while !rest.is_empty() {
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |p| p + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        if line == b"\r\n" || line == b"\n" {
            out.extend_from_slice(line);
            out.extend_from_slice(rest);
            break;
        }
        let continuation = line.first().is_some_and(|b| *b == b' ' || *b == b'\t');
        if !continuation {
            skipping = line
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case(b"bcc:"));
        }
        if !skipping {
            out.extend_from_slice(line);
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_message_id(from: &str, now: i64, draft: &Draft) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = Sha256::new();
    hasher.update(now.to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.update(d.as_nanos().to_le_bytes());
    }
    hasher.update(draft.subject.as_bytes());
    hasher.update(draft.to.as_bytes());
    let domain = ascii_email(from)
        .rsplit_once('@')
        .map(|(_, d)| d.to_owned())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "brev.invalid".to_owned());
    format!("{}@{domain}", &hex(&hasher.finalize())[..32])
}

/// `Sat, 21 Nov 2026 23:35:23 +0000`.
pub fn rfc5322_date(unix: i64) -> String {
    let c = crate::datetime::civil(unix);
    format!(
        "{}, {} {} {:04} {:02}:{:02}:{:02} +0000",
        crate::datetime::weekday_abbrev(unix),
        c.day,
        crate::datetime::month_abbrev(c.month),
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

fn needs_encoding(s: &str) -> bool {
    !s.is_ascii() || s.contains("=?") || s.chars().any(|c| c.is_control())
}

/// RFC 2047 `B` encoded words of at most 75 characters, split on
/// character boundaries, separated by `sep`.
fn encoded_words(s: &str, sep: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        if chunk.len() + c.len_utf8() > 39 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join(sep)
}

fn unstructured_header(name: &str, value: &str) -> String {
    let value: String = value
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect();
    if needs_encoding(&value) {
        return format!("{name}: {}\r\n", encoded_words(&value, "\r\n "));
    }
    // Fold long ASCII values at spaces.
    let mut out = format!("{name}:");
    let mut line_len = out.len();
    for (i, word) in value.split(' ').enumerate() {
        if i > 0 && line_len + 1 + word.len() > 76 {
            out.push_str("\r\n");
            line_len = 0;
        }
        out.push(' ');
        out.push_str(word);
        line_len += 1 + word.len();
    }
    out.push_str("\r\n");
    out
}

fn is_atext_phrase(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || " !#$%&'*+-/=?^_`{|}~".contains(c))
}

fn mailbox(a: &Address) -> String {
    let email = ascii_email(&a.email);
    let Some(name) = a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
        return email;
    };
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    let phrase = if needs_encoding(&name) {
        encoded_words(&name, "\r\n ")
    } else if is_atext_phrase(&name) {
        name
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    };
    format!("{phrase} <{email}>")
}

fn address_header(name: &str, list: &[Address]) -> String {
    let boxes: Vec<String> = list.iter().map(mailbox).collect();
    format!("{name}: {}\r\n", boxes.join(",\r\n "))
}

fn text_part(body: &str) -> String {
    let normalized = body.replace("\r\n", "\n").replace('\r', "\n");
    let plain = normalized.is_ascii()
        && normalized
            .lines()
            .all(|l| l.len() <= 76 && !l.ends_with(' '));
    if plain {
        let mut s = String::from(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n",
        );
        s.push_str(&normalized.replace('\n', "\r\n"));
        if !s.ends_with("\r\n") {
            s.push_str("\r\n");
        }
        s
    } else {
        let mut s = String::from(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
        );
        s.push_str(&quoted_printable(&normalized));
        s
    }
}

/// Quoted-printable (RFC 2045) of `\n`-separated text, CRLF line ends.
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let mut len = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let literal = (b == b' ' || b == b'\t') && !last
                || (33..=126).contains(&b) && b != b'=' && !(b == b'.' && i == 0);
            let piece = if literal {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            if len + piece.len() > 75 {
                out.push_str("=\r\n");
                len = 0;
            }
            out.push_str(&piece);
            len += piece.len();
        }
        out.push_str("\r\n");
    }
    out
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// RFC 2231 `key*=utf-8''…` for a non-ASCII parameter, else `key="…"`.
fn mime_param(key: &str, value: &str) -> String {
    let value: String = value.chars().filter(|c| !c.is_control()).collect();
    if value.is_ascii() {
        format!(
            "{key}=\"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        )
    } else {
        let mut enc = String::new();
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                enc.push(b as char);
            } else {
                enc.push_str(&format!("%{b:02X}"));
            }
        }
        format!("{key}*=utf-8''{enc}")
    }
}

fn attachment_part(a: &DraftAttachment) -> String {
    let mime = a.mime_type.trim();
    let mime = if mime.contains('/') && mime.is_ascii() && !mime.contains(['\r', '\n', ';']) {
        mime
    } else {
        "application/octet-stream"
    };
    let name = if a.name.trim().is_empty() {
        "attachment"
    } else {
        a.name.trim()
    };
    let mut s = format!(
        "Content-Type: {mime}; {}\r\nContent-Disposition: attachment; {}\r\nContent-Transfer-Encoding: base64\r\n\r\n",
        mime_param("name", name),
        mime_param("filename", name)
    );
    let encoded = base64(&a.data);
    for line in encoded.as_bytes().chunks(76) {
        s.push_str(std::str::from_utf8(line).unwrap_or_default());
        s.push_str("\r\n");
    }
    s
}

#[cfg(test)]
mod tests;
