//! Mail: raw message bytes → Brev's model.
//!
//! This layer knows nothing of iced, the network or the database. It takes
//! whatever bytes a server handed over, however broken, and makes the best
//! readable [`Message`] of them. It never panics on its input.
//!
//! mail-parser finds the MIME structure; Brev decodes the parts itself from
//! the original bytes (forgiving base64 and quoted-printable, charset
//! guessing when the declared one is missing or wrong), repairs headers sent
//! as raw 8-bit text in a legacy charset, picks the body and lists the
//! attachments.

mod charset;
pub mod compose;
mod headers;
mod html;
pub mod inspect;
mod transfer;

use std::borrow::Cow;

use mail_parser::{HeaderName, MessageParser, PartType};
use serde::{Deserialize, Serialize};

pub use html::html_to_text;

use transfer::TransferEncoding;

/// One mailbox from an address header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    /// The display name, decoded; None when the header gave none.
    pub name: Option<String>,
    /// The address itself; may be empty when a header held only a name.
    pub email: String,
}

impl Address {
    /// `Name <email>`, or just the address (or just the name) when that is
    /// all there is.
    pub fn display(&self) -> String {
        match (
            self.name.as_deref().filter(|n| !n.is_empty()),
            self.email.is_empty(),
        ) {
            (Some(name), false) => format!("{name} <{}>", self.email),
            (Some(name), true) => name.to_owned(),
            (None, _) => self.email.clone(),
        }
    }
}

/// A part of a message the user can save.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attachment {
    /// Which part this is: give it to [`attachment_bytes`] with the same raw
    /// message to get the bytes again.
    pub part: usize,
    /// The file name as the sender gave it (decoded, control characters
    /// removed), or a made-up one. Pass it through [`safe_file_name`]
    /// before using it as a path.
    pub name: String,
    /// MIME type, lower case, e.g. `application/pdf`.
    pub mime_type: String,
    /// Decoded size in bytes.
    pub size: u64,
    /// An image meant to be shown inside the message (referenced by the
    /// HTML, or marked inline) rather than a file attached to it.
    pub inline: bool,
}

/// A parsed message: what the list, the reader and the search index need.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub subject: String,
    pub from: Vec<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub bcc: Vec<Address>,
    pub reply_to: Vec<Address>,
    /// Unix seconds, UTC; None if missing or unparseable.
    pub date: Option<i64>,
    /// Without the angle brackets.
    pub message_id: Option<String>,
    /// Message ids, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// Message ids, without angle brackets, oldest first.
    pub references: Vec<String>,
    /// A draft of a forward: the forwarded message's id
    /// (`X-Forwarded-Message-Id`, as Thunderbird writes it), without angle
    /// brackets.
    pub forwarded_message_id: Option<String>,
    /// The readable body: the text/plain part, or the HTML part turned into
    /// text. Line ends are `\n`; no control characters but tab.
    pub text: String,
    pub attachments: Vec<Attachment>,
    /// Length of the raw message in bytes.
    pub size: u64,
    /// `text` was made from HTML (there was no usable text/plain part).
    pub from_html: bool,
    /// Links in the body (HTML link targets, or URLs in plain text), in
    /// order, without duplicates.
    pub links: Vec<String>,
    /// The HTML refers to remote images, stylesheets or frames. Brev never
    /// loads them; a reader can say so.
    pub remote_content: bool,
    /// The mailing list (`List-Id`), without angle brackets.
    pub list_id: Option<String>,
    /// `List-Unsubscribe` targets (`mailto:` and `http(s):` URIs), in order.
    pub list_unsubscribe: Vec<String>,
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): an
    /// HTTPS target can be used with a single POST.
    pub list_unsubscribe_one_click: bool,
    /// Something had to be repaired or guessed: a damaged transfer encoding,
    /// a missing or wrong charset, raw 8-bit headers, a broken MIME
    /// structure.
    pub repaired: bool,
}

/// Parse a raw message (RFC 5322 + MIME). Never panics: empty or garbage
/// input gives a mostly empty message with `size` set.
pub fn parse(raw: &[u8]) -> Message {
    let mut msg = Message {
        size: raw.len() as u64,
        ..Message::default()
    };
    let input = with_final_newline(raw);
    let prepared = transfer::neutralize_nesting(&input);
    let parser = MessageParser::default();
    let Some(tree) = parser.parse(prepared.as_ref()) else {
        // No header at all: whatever text there is, is the body.
        if !looks_binary(raw) {
            msg.text = clean_text(&charset::guess(raw, None));
            msg.links = find_urls(&msg.text);
            msg.repaired = !raw.is_empty();
        }
        return msg;
    };
    let structure = Structure::new(&input, raw.len(), &tree);
    drop_flat(tree);
    let hint = structure.charset_hint();
    headers::fill(&mut msg, &input, &parser, hint.as_deref());

    let mut body = structure.body(BodyKind::Plain);
    if body.text.trim().is_empty() && structure.has_html() {
        body = structure.body(BodyKind::Html);
    }
    msg.text = body.text;
    msg.from_html = body.from_html;
    msg.remote_content = body.remote_content;
    msg.links = body.links;
    for url in find_urls(&msg.text) {
        if msg.links.len() < html::MAX_LINKS && !msg.links.contains(&url) {
            msg.links.push(url);
        }
    }
    msg.repaired |= body.repaired || structure.damaged;
    msg.attachments = structure.attachments(&body.parts);
    msg
}

/// The decoded bytes of one part (an [`Attachment::part`]) of `raw`, for
/// saving. None when there is no such part or it is a multipart container.
pub fn attachment_bytes(raw: &[u8], part: usize) -> Option<Vec<u8>> {
    let input = with_final_newline(raw);
    let prepared = transfer::neutralize_nesting(&input);
    let tree = MessageParser::default().parse(prepared.as_ref())?;
    let structure = Structure::new(&input, raw.len(), &tree);
    drop_flat(tree);
    let leaf = structure.leaf(part)?;
    Some(leaf.bytes(raw).into_owned())
}

/// Drop a parsed tree without recursing into nested messages. After
/// [`transfer::neutralize_nesting`] there are none; this is the second line
/// of defence, should some form of `message/rfc822` slip through.
fn drop_flat(tree: mail_parser::Message<'_>) {
    let mut pending = vec![tree];
    while let Some(mut message) = pending.pop() {
        for part in &mut message.parts {
            if let PartType::Message(_) = &part.body
                && let PartType::Message(inner) = std::mem::take(&mut part.body)
            {
                pending.push(inner);
            }
        }
    }
}

/// mail-parser drops a last header line that has no line end; Brev adds
/// one. Offsets into the original bytes stay valid (it only appends).
fn with_final_newline(raw: &[u8]) -> Cow<'_, [u8]> {
    if raw.is_empty() || raw.ends_with(b"\n") {
        Cow::Borrowed(raw)
    } else {
        let mut owned = Vec::with_capacity(raw.len() + 1);
        owned.extend_from_slice(raw);
        owned.push(b'\n');
        Cow::Owned(owned)
    }
}

/// One line for a message list: whitespace collapsed, quoted lines (`>`)
/// skipped when there is anything else, at most `max_chars` characters
/// (ending in `…` when cut).
pub fn preview(text: &str, max_chars: usize) -> String {
    if max_chars == 0 {
        return String::new();
    }
    let is_quote = |line: &&str| line.trim_start().starts_with('>');
    let has_own_text = text.lines().any(|l| !is_quote(&l) && !l.trim().is_empty());
    let mut out = String::new();
    let mut count = 0;
    let mut words = text
        .lines()
        .filter(|l| !has_own_text || !is_quote(l))
        .flat_map(str::split_whitespace)
        .peekable();
    while let Some(word) = words.next() {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        if word.is_empty() {
            continue;
        }
        let needed = word.chars().count() + usize::from(!out.is_empty());
        if count + needed > max_chars || (count + needed == max_chars && words.peek().is_some()) {
            // Cut at the last whole word, or inside a first word too long
            // for the line; the ellipsis counts as one character.
            if out.is_empty() {
                out.extend(word.chars().take(max_chars - 1));
            }
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
        count += needed;
    }
    out
}

/// The longest file name [`safe_file_name`] returns, in bytes (most file
/// systems allow 255).
const MAX_FILE_NAME_BYTES: usize = 200;

/// A name that is safe to save an attachment under, in any folder, on any
/// common file system: only the last path component is kept; no path
/// separators, `..`, control or bidirectional-override characters, or
/// characters Windows forbids; not empty, not hidden (no leading dot), not
/// a reserved Windows device name; at most 200 bytes, extension kept.
pub fn safe_file_name(name: &str) -> String {
    let last = name
        .rsplit(['/', '\\'])
        .find(|part| !part.trim().trim_matches('.').is_empty())
        .unwrap_or_default();
    let mut cleaned: String = last
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c => c,
        })
        .collect();
    cleaned = cleaned
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    if cleaned.is_empty() {
        cleaned = crate::fl!("mail-unnamed-attachment");
    }
    let stem = cleaned.split('.').next().unwrap_or_default().trim_end();
    let reserved = matches!(
        stem.to_ascii_uppercase().as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || ["COM", "LPT"].iter().any(|p| {
        stem.len() == 4
            && stem.is_char_boundary(3)
            && stem[..3].eq_ignore_ascii_case(p)
            && stem[3..].chars().all(|c| c.is_ascii_digit())
    });
    if reserved {
        cleaned.insert(0, '_');
    }
    if cleaned.len() > MAX_FILE_NAME_BYTES {
        let (stem, ext) = match cleaned.rfind('.') {
            Some(dot) if cleaned.len() - dot <= 16 && dot > 0 => cleaned.split_at(dot),
            _ => (cleaned.as_str(), ""),
        };
        let mut cut = MAX_FILE_NAME_BYTES - ext.len();
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        cleaned = format!("{}{ext}", stem[..cut].trim_end());
    }
    cleaned
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A header value for display: one line, no control or bidi-override
/// characters, whitespace collapsed.
fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !is_bidi_control(*c)));
    }
    out
}

/// The bytes [`clean_text`] must look at: `\r`, the C0 controls but tab and
/// line feed, DEL, and the lead bytes of C1 controls (0xC2) and of the
/// byte-order mark (0xEF). Every other byte is copied as it is.
static CLEAN_TEXT_ATTENTION: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != b'\t' as usize && c != b'\n' as usize;
        c += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xef] = true;
    t
};

/// Body text: `\n` line ends, no control characters but tab, no byte-order
/// mark, no empty lines at either end.
fn clean_text(s: &str) -> String {
    // Byte runs that need no change are copied whole: this runs over the
    // text of every downloaded message. The characters dropped are the
    // control characters (C0, DEL, C1 = U+0080..U+009F, which UTF-8 writes
    // as C2 80..C2 9F) but tab and line feed, and the byte-order mark
    // (EF BB BF); `\r\n` and a lone `\r` become `\n`. The next byte that
    // needs a look is found through a table; runs end only on ASCII bytes
    // or UTF-8 lead bytes, so every slice is on a character boundary.
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut run, mut i) = (0, 0);
    while let Some(skip) = b.get(i..).and_then(|rest| {
        rest.iter()
            .position(|&c| CLEAN_TEXT_ATTENTION[usize::from(c)])
    }) {
        i += skip;
        let (drop, replace) = match b.get(i) {
            Some(b'\r') => (if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }, Some('\n')),
            Some(0xc2) if matches!(b.get(i + 1), Some(0x80..=0x9f)) => (2, None),
            Some(0xef) if b.get(i + 1..i + 3) == Some(&[0xbb, 0xbf][..]) => (3, None),
            Some(0xc2 | 0xef) | None => (0, None),
            Some(_) => (1, None),
        };
        if drop == 0 {
            i += 1;
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or_default());
        out.extend(replace);
        i += drop;
        run = i;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    let trimmed_end = out.trim_end().len();
    out.truncate(trimmed_end);
    let leading_blank_lines = out.len() - out.trim_start_matches(['\n', ' ', '\t']).len();
    // Keep the indentation of the first line, drop only whole blank lines.
    let cut = out[..leading_blank_lines].rfind('\n').map_or(0, |p| p + 1);
    out.split_off(cut)
}

/// Binary data, not text: many control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|b| matches!(b, 0..=8 | 0x0e..=0x1f | 0x7f))
        .count();
    controls * 20 > sample.len()
}

/// Decoded "text" that is really binary data: many control or replacement
/// characters (UTF-16 text, correctly declared, decodes without them).
fn looks_binary_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{fffd}' {
            odd += 1;
        }
    }
    odd * 20 > total
}

/// URLs in plain text (`http://`, `https://`), in order, no duplicates.
fn find_urls(text: &str) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for (start, _) in text.match_indices("http") {
        let rest = &text[start..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'))
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}']);
        if url.len() > "https://".len() && !urls.iter().any(|u| u == url) {
            urls.push(url.to_owned());
            if urls.len() >= html::MAX_LINKS {
                break;
            }
        }
    }
    urls
}

/// At most this many parts make up the body text; a message made of
/// thousands of little text parts is an attack, not a letter.
const MAX_BODY_PARTS: usize = 100;

/// At most this many attachments are listed.
const MAX_ATTACHMENTS: usize = 1000;

/// Which body to prefer inside `multipart/alternative`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BodyKind {
    Plain,
    Html,
}

/// `Content-Disposition`, reduced to what matters.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Disposition {
    None,
    Inline,
    Attachment,
}

/// A leaf part (not a multipart container), with everything Brev needs to
/// know about it.
#[derive(Debug)]
struct Leaf {
    id: usize,
    /// Lower case, e.g. ("text", "plain"); nesting subtypes restored.
    ctype: String,
    subtype: String,
    charset: Option<String>,
    disposition: Disposition,
    file_name: Option<String>,
    has_content_id: bool,
    encoding: TransferEncoding,
    /// The encoded body in the raw message.
    start: usize,
    end: usize,
    /// mail-parser could not decode it as declared.
    problem: bool,
    in_related: bool,
}

impl Leaf {
    fn bytes<'r>(&self, raw: &'r [u8]) -> Cow<'r, [u8]> {
        let body = raw
            .get(self.start..self.end.max(self.start))
            .unwrap_or_default();
        self.encoding.decode(body)
    }

    /// The size of [`bytes`](Self::bytes), counted without decoding (an
    /// attachment's size is shown; its bytes are not needed until saved).
    fn decoded_len(&self, raw: &[u8]) -> usize {
        let body = raw
            .get(self.start..self.end.max(self.start))
            .unwrap_or_default();
        self.encoding.decoded_len(body)
    }

    fn is_message(&self) -> bool {
        self.ctype == "message" && matches!(self.subtype.as_str(), "rfc822" | "global")
    }

    /// Text the reader shows as the body (when its alternative is chosen).
    fn body_kind(&self) -> Option<BodyKind> {
        if self.disposition == Disposition::Attachment
            || (self.file_name.is_some() && self.disposition != Disposition::Inline)
        {
            return None;
        }
        match (self.ctype.as_str(), self.subtype.as_str()) {
            ("text", "plain") => Some(BodyKind::Plain),
            ("text", "html") => Some(BodyKind::Html),
            _ => None,
        }
    }

    fn mime_type(&self) -> String {
        format!("{}/{}", self.ctype, self.subtype)
    }
}

/// A node of the MIME tree, flattened in document order.
#[derive(Debug)]
enum Node {
    Multipart {
        subtype: String,
        children: Vec<usize>,
    },
    Leaf(Leaf),
}

/// The MIME structure of a message, read from mail-parser's tree.
struct Structure<'r> {
    raw: &'r [u8],
    /// Indexed by mail-parser part id.
    nodes: Vec<Option<Node>>,
    /// Part ids in document order (pre-order), each at most once.
    order: Vec<usize>,
    /// Per part id: contains a text/plain or text/html body candidate.
    has_plain: Vec<bool>,
    has_html_part: Vec<bool>,
    damaged: bool,
}

/// The body chosen for display.
#[derive(Default)]
struct Body {
    text: String,
    from_html: bool,
    links: Vec<String>,
    remote_content: bool,
    repaired: bool,
    /// Part ids used as the body, and text parts of alternatives not shown.
    parts: Vec<usize>,
}

impl<'r> Structure<'r> {
    /// `raw` is what mail-parser parsed, less the renamed subtypes; part
    /// bodies end at `limit` (the length of the message as received).
    fn new(raw: &'r [u8], limit: usize, tree: &mail_parser::Message<'_>) -> Structure<'r> {
        let count = tree.parts.len();
        let mut nodes: Vec<Option<Node>> = (0..count).map(|_| None).collect();
        let mut damaged = false;
        for (id, part) in tree.parts.iter().enumerate() {
            // A header-only message is flagged too; that is not damage.
            damaged |= part.is_encoding_problem && part.offset_end > part.offset_body;
            nodes[id] = Some(match &part.body {
                PartType::Multipart(children) => Node::Multipart {
                    subtype: part
                        .headers
                        .iter()
                        .find(|h| h.name == HeaderName::ContentType)
                        .and_then(|h| headers::content_type(raw, h))
                        .and_then(|ct| ct.subtype().map(|s| s.trim().to_ascii_lowercase()))
                        .unwrap_or_default(),
                    children: children.iter().map(|c| *c as usize).collect(),
                },
                _ => Node::Leaf(Leaf::new(id, raw, limit, part)),
            });
        }

        // Pre-order walk with an explicit stack: the tree may be thousands
        // of levels deep. `seen` guards against a malformed tree.
        let mut order = Vec::with_capacity(count);
        let mut seen = vec![false; count];
        let mut stack = if count > 0 { vec![0usize] } else { vec![] };
        let mut digest_children = Vec::new();
        while let Some(id) = stack.pop() {
            if id >= count || seen[id] {
                continue;
            }
            seen[id] = true;
            order.push(id);
            if let Some(Node::Multipart { subtype, children }) = &nodes[id] {
                if subtype == "digest" {
                    digest_children.extend(children.iter().copied());
                }
                stack.extend(children.iter().rev().copied());
            }
        }
        // In a digest, a part without a Content-Type is a message.
        for id in digest_children {
            if let Some(Some(Node::Leaf(leaf))) = nodes.get_mut(id)
                && tree
                    .parts
                    .get(id)
                    .is_some_and(|p| !p.headers.iter().any(|h| h.name == HeaderName::ContentType))
            {
                leaf.ctype = "message".into();
                leaf.subtype = "rfc822".into();
            }
        }
        // Related parts (images the HTML refers to).
        let mut related = vec![false; count];
        for &id in &order {
            if let Some(Node::Multipart { subtype, children }) = &nodes[id] {
                let inside = related[id] || subtype == "related";
                for &c in children {
                    if c < count {
                        related[c] = inside;
                    }
                }
            }
        }
        for (id, node) in nodes.iter_mut().enumerate() {
            if let Some(Node::Leaf(leaf)) = node {
                leaf.in_related = related[id];
            }
        }
        // Bottom-up: children come after their parent in `order`.
        let mut has_plain = vec![false; count];
        let mut has_html_part = vec![false; count];
        for &id in order.iter().rev() {
            match &nodes[id] {
                Some(Node::Leaf(leaf)) => match leaf.body_kind() {
                    Some(BodyKind::Plain) => has_plain[id] = true,
                    Some(BodyKind::Html) => has_html_part[id] = true,
                    None => {}
                },
                Some(Node::Multipart { children, .. }) => {
                    for &c in children.iter().filter(|c| **c < count) {
                        has_plain[id] |= has_plain[c];
                        has_html_part[id] |= has_html_part[c];
                    }
                }
                None => {}
            }
        }
        Structure {
            raw,
            nodes,
            order,
            has_plain,
            has_html_part,
            damaged,
        }
    }

    fn leaf(&self, id: usize) -> Option<&Leaf> {
        match self.nodes.get(id)? {
            Some(Node::Leaf(leaf)) => Some(leaf),
            _ => None,
        }
    }

    fn leaves(&self) -> impl Iterator<Item = &Leaf> {
        self.order.iter().filter_map(|id| self.leaf(*id))
    }

    fn has_html(&self) -> bool {
        self.has_html_part.first().copied().unwrap_or(false)
    }

    /// The charset raw 8-bit headers are most likely in: the one the body
    /// declares.
    fn charset_hint(&self) -> Option<String> {
        self.leaves()
            .filter(|l| l.ctype == "text")
            .find_map(|l| l.charset.clone())
    }

    /// The body leaves, preferring `kind` in each `multipart/alternative`,
    /// and the text leaves of the alternatives left out.
    fn body_parts(&self, kind: BodyKind) -> (Vec<usize>, Vec<usize>) {
        let count = self.nodes.len();
        let mut shown = Vec::new();
        let mut skipped = Vec::new();
        let mut excluded = vec![false; count];
        for &id in &self.order {
            match &self.nodes[id] {
                Some(Node::Multipart { subtype, children }) => {
                    let children: Vec<usize> =
                        children.iter().copied().filter(|c| *c < count).collect();
                    if excluded[id] {
                        for &c in &children {
                            excluded[c] = true;
                        }
                        continue;
                    }
                    if subtype == "alternative" && !children.is_empty() {
                        let (first, second) = match kind {
                            BodyKind::Plain => (&self.has_plain, &self.has_html_part),
                            BodyKind::Html => (&self.has_html_part, &self.has_plain),
                        };
                        let chosen = children
                            .iter()
                            .rev()
                            .find(|c| first[**c])
                            .or_else(|| children.iter().rev().find(|c| second[**c]))
                            .copied();
                        for &c in &children {
                            excluded[c] = chosen.is_some_and(|chosen| chosen != c);
                        }
                    }
                }
                Some(Node::Leaf(leaf)) if leaf.body_kind().is_some() => {
                    if excluded[id] {
                        skipped.push(id);
                    } else {
                        shown.push(id);
                    }
                }
                Some(Node::Leaf(_)) | None => {}
            }
        }
        (shown, skipped)
    }

    fn body(&self, kind: BodyKind) -> Body {
        let (shown, skipped) = self.body_parts(kind);
        let mut body = Body::default();
        let mut pieces: Vec<String> = Vec::new();
        let mut any_plain = false;
        let mut any_html = false;
        if shown.len() > MAX_BODY_PARTS {
            body.repaired = true;
        }
        for &id in shown.iter().take(MAX_BODY_PARTS) {
            let Some(leaf) = self.leaf(id) else { continue };
            let bytes = leaf.bytes(self.raw);
            let decoded = charset::decode(&bytes, leaf.charset.as_deref());
            if looks_binary_text(&decoded.text) {
                body.repaired = true;
                continue;
            }
            body.repaired |= decoded.guessed || leaf.problem;
            let piece = if leaf.body_kind() == Some(BodyKind::Html) {
                any_html = true;
                let rendered = html::render(&decoded.text);
                body.remote_content |= rendered.remote_content;
                for link in rendered.links {
                    if body.links.len() < html::MAX_LINKS && !body.links.contains(&link) {
                        body.links.push(link);
                    }
                }
                clean_text(&rendered.text)
            } else {
                any_plain = true;
                clean_text(&decoded.text)
            };
            if !piece.trim().is_empty() {
                pieces.push(piece);
            }
        }
        body.text = pieces.join("\n\n");
        body.from_html = any_html && !any_plain;
        body.parts = shown.into_iter().chain(skipped).collect();
        body
    }

    fn attachments(&self, body_parts: &[usize]) -> Vec<Attachment> {
        let mut in_body = vec![false; self.nodes.len()];
        for &id in body_parts {
            in_body[id] = true;
        }
        let mut out = Vec::new();
        for leaf in self.leaves() {
            if in_body[leaf.id] {
                continue;
            }
            if out.len() == MAX_ATTACHMENTS {
                break;
            }
            let mime_type = leaf.mime_type();
            let name = leaf
                .file_name
                .clone()
                .filter(|n| !n.is_empty())
                .or_else(|| {
                    leaf.is_message()
                        .then(|| forwarded_subject(&leaf.bytes(self.raw)))
                        .flatten()
                        .map(|subject| format!("{}.eml", subject_to_file_stem(&subject)))
                })
                .unwrap_or_else(|| {
                    let base = if leaf.is_message() {
                        crate::fl!("mail-forwarded-message")
                    } else {
                        crate::fl!("mail-unnamed-attachment")
                    };
                    format!("{base}-{}.{}", out.len() + 1, extension_for(&mime_type))
                });
            let inline = leaf.ctype == "image"
                && leaf.disposition != Disposition::Attachment
                && (leaf.disposition == Disposition::Inline
                    || leaf.has_content_id
                    || leaf.in_related);
            out.push(Attachment {
                part: leaf.id,
                name,
                mime_type,
                size: leaf.decoded_len(self.raw) as u64,
                inline,
            });
        }
        out
    }
}

impl Leaf {
    fn new(id: usize, raw: &[u8], limit: usize, part: &mail_parser::MessagePart<'_>) -> Leaf {
        let mut content_type = None;
        let mut disposition = None;
        let mut encoding = None;
        let mut has_content_id = false;
        for header in &part.headers {
            match &header.name {
                HeaderName::ContentType if content_type.is_none() => {
                    content_type = Some(headers::content_type(raw, header))
                }
                HeaderName::ContentDisposition if disposition.is_none() => {
                    disposition = Some(headers::content_type(raw, header))
                }
                HeaderName::ContentTransferEncoding if encoding.is_none() => {
                    encoding = Some(header.value.as_text().unwrap_or_default().to_owned())
                }
                HeaderName::ContentId => has_content_id = true,
                _ => {}
            }
        }
        let content_type = content_type.flatten();
        let disposition_ct = disposition.flatten();
        let (mut ctype, mut subtype) = content_type
            .as_ref()
            .map(|ct| {
                (
                    ct.ctype().trim().to_ascii_lowercase(),
                    ct.subtype()
                        .map(|s| s.trim().to_ascii_lowercase())
                        .unwrap_or_default(),
                )
            })
            .unwrap_or_else(|| ("text".into(), "plain".into()));
        let valid_token = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&c))
        };
        if !valid_token(&ctype) || !valid_token(&subtype) {
            ctype = "application".into();
            subtype = "octet-stream".into();
        }
        // A multipart whose boundary never showed up: mail-parser kept it
        // as one text part.
        if ctype == "multipart" {
            ctype = "text".into();
            subtype = "plain".into();
        }
        let disposition = match disposition_ct
            .as_ref()
            .map(|d| d.ctype().to_ascii_lowercase())
        {
            Some(d) if d == "attachment" => Disposition::Attachment,
            Some(d) if d == "inline" => Disposition::Inline,
            Some(_) => Disposition::Attachment,
            None => Disposition::None,
        };
        let file_name = disposition_ct
            .as_ref()
            .and_then(|d| d.attribute("filename"))
            .or_else(|| content_type.as_ref().and_then(|c| c.attribute("name")))
            .map(clean_line)
            .filter(|n| !n.is_empty());
        let charset = content_type
            .as_ref()
            .and_then(|c| c.attribute("charset"))
            .map(charset::normalize_label)
            .filter(|c| !c.is_empty());
        let limit = limit.min(raw.len());
        let start = (part.offset_body as usize).min(limit);
        let end = (part.offset_end as usize).clamp(start, limit);
        // mail-parser flags a message without a body too: that is no damage.
        let problem = part.is_encoding_problem && end > start;
        Leaf {
            id,
            ctype,
            subtype,
            charset,
            disposition,
            file_name,
            has_content_id,
            encoding: TransferEncoding::from_header(encoding.as_deref()),
            start,
            end,
            problem,
            in_related: false,
        }
    }
}

/// The subject of a forwarded message (the bytes of a message/rfc822 part).
fn forwarded_subject(bytes: &[u8]) -> Option<String> {
    let parsed = MessageParser::default().parse_headers(bytes)?;
    let header = parsed
        .parts
        .first()?
        .headers
        .iter()
        .find(|h| h.name == HeaderName::Subject)?;
    let subject = headers::unstructured(bytes, header, None);
    let subject = clean_line(&subject);
    (!subject.is_empty()).then_some(subject)
}

/// A subject as the start of a file name: no separators, not too long.
fn subject_to_file_stem(subject: &str) -> String {
    let stem: String = subject
        .chars()
        .map(|c| if matches!(c, '/' | '\\') { '-' } else { c })
        .take(100)
        .collect();
    stem.trim().to_owned()
}

/// A file extension for a MIME type, for attachments without a name.
fn extension_for(mime_type: &str) -> &'static str {
    match mime_type {
        "text/plain" => "txt",
        "text/html" => "html",
        "text/calendar" => "ics",
        "text/csv" => "csv",
        "text/vcard" | "text/x-vcard" => "vcf",
        "message/rfc822" | "message/global" => "eml",
        "image/png" => "png",
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/svg+xml" => "svg",
        "application/pdf" => "pdf",
        "application/zip" => "zip",
        "application/pgp-signature" => "asc",
        "application/pkcs7-signature" | "application/x-pkcs7-signature" => "p7s",
        "application/ics" => "ics",
        "audio/mpeg" => "mp3",
        "video/mp4" => "mp4",
        _ => "bin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_address() {
        let a = Address {
            name: Some("Åsa Öberg".into()),
            email: "asa@example.se".into(),
        };
        assert_eq!(a.display(), "Åsa Öberg <asa@example.se>");
        let a = Address {
            name: None,
            email: "x@example.com".into(),
        };
        assert_eq!(a.display(), "x@example.com");
        let a = Address {
            name: Some("Only a name".into()),
            email: String::new(),
        };
        assert_eq!(a.display(), "Only a name");
    }

    /// The straightforward version `clean_text` must agree with.
    fn clean_text_by_chars(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\n' | '\t' => out.push(c),
                '\u{feff}' => {}
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        let trimmed_end = out.trim_end().len();
        out.truncate(trimmed_end);
        let leading = out.len() - out.trim_start_matches(['\n', ' ', '\t']).len();
        let cut = out[..leading].rfind('\n').map_or(0, |p| p + 1);
        out.split_off(cut)
    }

    #[test]
    fn clean_text_agrees_with_the_char_by_char_rules() {
        for s in [
            "",
            "\r",
            "\r\r\n\n",
            "a\rb\r\nc\n\rd",
            "\u{80}x\u{9f}y\u{a0}z\u{85}",
            "\u{feff}\u{feff}Grüße\u{fe}\u{ff}\u{ef}",
            "Привет\u{7}, мир\u{7f}!\u{0}",
            "  \n\t\n  indented\r\n  \r\n",
            "smörgås\u{c}\u{1b}[31m",
            "\u{fffd}\u{ff00}\u{a0}\u{c0}a\u{feff}b\u{fefe}\u{7f}\u{1f}\u{20}\r",
            "tab\tend\u{feff}",
        ] {
            assert_eq!(clean_text(s), clean_text_by_chars(s), "{s:?}");
        }
        // Every mix of the characters the table singles out and their
        // neighbours, in a long text.
        let pieces = [
            "a", "å", "Ж", "\r", "\n", "\t", " ", "\0", "\u{7f}", "\u{85}", "\u{a0}", "\u{feff}",
            "\u{fffd}", "\u{ef}", "\r\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..300 {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(clean_text(&s), clean_text_by_chars(&s), "{s:?}");
            seed = seed.wrapping_add(1);
        }
    }

    #[test]
    fn clean_text_normalizes_line_ends_and_controls() {
        assert_eq!(clean_text("\r\n\r\n  a\r\nb\rc\0d\u{7}\n\n"), "  a\nb\ncd");
        assert_eq!(clean_text("\u{feff}x\ty"), "x\ty");
    }

    #[test]
    fn clean_line_is_one_line() {
        assert_eq!(clean_line(" a\r\n\tb\0c \u{202e}d "), "a b c d");
    }

    #[test]
    fn urls_in_plain_text() {
        assert_eq!(
            find_urls(
                "See https://a.example/x?y=1. And (http://b.example/), again https://a.example/x?y=1"
            ),
            ["https://a.example/x?y=1", "http://b.example/"]
        );
        assert!(find_urls("xhttps://no.example").is_empty());
    }

    #[test]
    fn binary_is_noticed() {
        assert!(looks_binary(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
        assert!(!looks_binary(b"plain text\r\n\twith tabs"));
        assert!(looks_binary_text("\0\u{1}\u{2}abc\u{fffd}\u{fffd}"));
        assert!(!looks_binary_text("Grüße\r\n\tsmörgås\u{c}"));
    }

    #[test]
    fn nested_messages_are_dropped_without_recursion() {
        // Straight from mail-parser, without Brev's guard: 20,000 levels.
        let mut raw = String::new();
        for _ in 0..20_000 {
            raw.push_str("Content-Type: message/rfc822\n\n");
        }
        raw.push_str("Subject: leaf\n\nleaf\n");
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let tree = MessageParser::default().parse(raw.as_bytes()).unwrap();
                drop_flat(tree);
            })
            .unwrap();
        handle.join().unwrap();
    }

    #[test]
    fn utf16_bodies_are_text() {
        let mut raw = b"Content-Type: text/plain; charset=utf-16le\n\n".to_vec();
        raw.extend("Hej Åsa".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(parse(&raw).text, "Hej Åsa");
    }
}
