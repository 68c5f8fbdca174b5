//! Header values, decoded, with the repairs mail-parser does not make:
//! raw 8-bit headers in a legacy charset (mail-parser reads them as UTF-8
//! and loses the letters), RFC 2047 words that split a character or lie
//! about their charset, and RFC 2231 continuations in a legacy charset
//! (mail-parser decodes only the first piece in the declared charset).

use mail_parser::parsers::MessageStream;
use mail_parser::{ContentType, Header, HeaderName, HeaderValue, MessageParser};

use super::{Address, Message, charset, clean_line, transfer};

/// How a header's value is parsed.
#[derive(Clone, Copy)]
enum Kind {
    Unstructured,
    Address,
    ContentType,
}

fn raw_slice<'r>(raw: &'r [u8], header: &Header<'_>) -> &'r [u8] {
    let end = (header.offset_end as usize).min(raw.len());
    let start = (header.offset_start as usize).min(end);
    &raw[start..end]
}

/// The header's raw value as text: as it is when it is UTF-8, else decoded
/// with the best guess (raw 8-bit bytes in a legacy charset).
fn raw_text(raw: &[u8], header: &Header<'_>, hint: Option<&str>) -> (String, bool) {
    let slice = raw_slice(raw, header);
    match std::str::from_utf8(slice) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (charset::guess(slice, hint), true),
    }
}

/// mail-parser's value, or — when the raw header is not UTF-8 — the value
/// parsed again from the header decoded in a guessed charset.
fn value(raw: &[u8], header: &Header<'_>, kind: Kind, hint: Option<&str>) -> HeaderValue<'static> {
    if std::str::from_utf8(raw_slice(raw, header)).is_ok() {
        return header.value.clone().into_owned();
    }
    parse_again(raw, header, kind, hint)
}

/// Parse the header's value again from `raw` (decoded with a guessed
/// charset when it is not UTF-8).
fn parse_again(
    raw: &[u8],
    header: &Header<'_>,
    kind: Kind,
    hint: Option<&str>,
) -> HeaderValue<'static> {
    let (mut text, _) = raw_text(raw, header, hint);
    // mail-parser's field parsers end a value at its newline.
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let mut stream = MessageStream::new(text.as_bytes());
    let parsed = match kind {
        Kind::Unstructured => stream.parse_unstructured(),
        Kind::Address => stream.parse_address(),
        Kind::ContentType => stream.parse_content_type(),
    };
    parsed.into_owned()
}

fn text_of(value: &HeaderValue<'_>) -> String {
    match value {
        HeaderValue::Text(t) => t.to_string(),
        HeaderValue::TextList(list) => list.join(" "),
        _ => String::new(),
    }
}

fn replacement_count(s: &str) -> usize {
    s.matches('\u{fffd}').count()
}

/// An unstructured header (Subject), decoded, on one line.
pub(super) fn unstructured(raw: &[u8], header: &Header<'_>, hint: Option<&str>) -> String {
    let mut text = text_of(&value(raw, header, Kind::Unstructured, hint));
    if text.contains('\u{fffd}') {
        let (source, _) = raw_text(raw, header, hint);
        if source.contains("=?") {
            let mine = decode_encoded_words(&source);
            if replacement_count(&mine) < replacement_count(&text) {
                text = mine;
            }
        }
    }
    clean_line(&text)
}

fn addresses(raw: &[u8], header: &Header<'_>, hint: Option<&str>) -> Vec<Address> {
    let HeaderValue::Address(list) = value(raw, header, Kind::Address, hint) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|addr| {
            let mut name = addr.name().map(clean_line).filter(|n| !n.is_empty());
            let mut email = addr
                .address()
                .map(|a| clean_line(a).trim_matches(['<', '>']).to_owned())
                .unwrap_or_default();
            if email.is_empty()
                && let Some(n) = name.as_deref()
                && n.contains('@')
                && !n.contains(' ')
            {
                email = n.trim_matches(['<', '>']).to_owned();
                name = None;
            }
            if name.as_deref() == Some(email.as_str()) {
                name = None;
            }
            (name.is_some() || !email.is_empty()).then_some(Address { name, email })
        })
        .collect()
}

/// Message ids, without angle brackets or blanks.
fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let list = match value {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .map(|id| {
            id.chars()
                .filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>'))
                .collect::<String>()
        })
        .filter(|id| !id.is_empty())
        .collect()
}

/// Fill the header fields of `msg` from the top-level header of `raw`.
pub(super) fn fill(msg: &mut Message, raw: &[u8], parser: &MessageParser, hint: Option<&str>) {
    // Only the top-level header: parsed from the original bytes, without
    // the body, so nothing nests.
    let Some(parsed) = parser.parse_headers(raw) else {
        return;
    };
    let Some(root) = parsed.parts.first() else {
        return;
    };
    let mut have_subject = false;
    for header in &root.headers {
        let mut used = true;
        match &header.name {
            HeaderName::Subject if !have_subject => {
                have_subject = true;
                msg.subject = unstructured(raw, header, hint);
            }
            HeaderName::From => msg.from.extend(addresses(raw, header, hint)),
            HeaderName::To => msg.to.extend(addresses(raw, header, hint)),
            HeaderName::Cc => msg.cc.extend(addresses(raw, header, hint)),
            HeaderName::Bcc => msg.bcc.extend(addresses(raw, header, hint)),
            HeaderName::ReplyTo => msg.reply_to.extend(addresses(raw, header, hint)),
            HeaderName::Date if msg.date.is_none() => {
                msg.date = header
                    .value
                    .as_datetime()
                    .filter(|d| d.is_valid())
                    .map(|d| d.to_timestamp());
            }
            HeaderName::MessageId if msg.message_id.is_none() => {
                msg.message_id = ids(&header.value).into_iter().next();
            }
            HeaderName::InReplyTo => msg.in_reply_to.extend(ids(&header.value)),
            HeaderName::References => msg.references.extend(ids(&header.value)),
            HeaderName::Other(name)
                if name.eq_ignore_ascii_case("X-Forwarded-Message-Id")
                    && msg.forwarded_message_id.is_none() =>
            {
                msg.forwarded_message_id = ids(&header.value).into_iter().next();
            }
            HeaderName::ListId if msg.list_id.is_none() => {
                msg.list_id = addresses(raw, header, hint)
                    .into_iter()
                    .map(|a| {
                        if a.email.is_empty() {
                            a.name.unwrap_or_default()
                        } else {
                            a.email
                        }
                    })
                    .find(|id| !id.is_empty());
            }
            HeaderName::ListUnsubscribe => {
                for target in addresses(raw, header, hint) {
                    let uri = target.email;
                    let lower = uri.to_ascii_lowercase();
                    let usable = ["mailto:", "http://", "https://"]
                        .iter()
                        .any(|s| lower.starts_with(s));
                    if usable && !msg.list_unsubscribe.contains(&uri) {
                        msg.list_unsubscribe.push(uri);
                    }
                }
            }
            HeaderName::ListUnsubscribePost => {
                msg.list_unsubscribe_one_click = raw_text(raw, header, hint)
                    .0
                    .to_ascii_lowercase()
                    .replace(char::is_whitespace, "")
                    .contains("list-unsubscribe=one-click");
            }
            _ => used = false,
        }
        if used && std::str::from_utf8(raw_slice(raw, header)).is_err() {
            msg.repaired = true;
        }
    }
}

/// A Content-Type or Content-Disposition value, with file names repaired.
/// `header` comes from mail-parser's reading of the neutralized message
/// (see [`transfer::neutralize_nesting`]); the value is read again from the
/// original bytes.
pub(super) fn content_type(raw: &[u8], header: &Header<'_>) -> Option<ContentType<'static>> {
    let HeaderValue::ContentType(mut ct) = parse_again(raw, header, Kind::ContentType, None) else {
        return None;
    };
    for param in ["filename", "name"] {
        if ct.attribute(param).is_some_and(|v| v.contains('\u{fffd}')) {
            let (source, _) = raw_text(raw, header, None);
            if let Some(fixed) = rfc2231_param(&source, param)
                && let Some(attr) = ct
                    .attributes
                    .as_mut()
                    .and_then(|attrs| attrs.iter_mut().find(|a| a.name == param))
            {
                attr.value = fixed.into();
            }
        }
    }
    Some(ct)
}

/// Split header parameters on `;` outside quoted strings.
fn split_params(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_quotes = false;
    let mut escaped = false;
    let mut start = 0;
    for (i, c) in value.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            ';' if !in_quotes => {
                out.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&value[start..]);
    out
}

fn unquote(value: &str) -> String {
    let value = value.trim();
    match value.strip_prefix('"') {
        Some(inner) => {
            let inner = inner.strip_suffix('"').unwrap_or(inner);
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        None => value.to_owned(),
    }
}

fn percent_decode(value: &str) -> Vec<u8> {
    let b = value.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(byte) = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// One parameter of a structured header, decoded per RFC 2231: `p*=cs'lang'…`
/// or continuations `p*0*=cs'lang'…; p*1*=…; p*2="…"`, all pieces in the
/// charset the first one names. Falls back to the plain `p=` value.
fn rfc2231_param(header_value: &str, param: &str) -> Option<String> {
    let unfolded: String = header_value
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect();
    let mut plain: Option<String> = None;
    let mut segments: Vec<(u32, bool, String)> = Vec::new();
    for item in split_params(&unfolded) {
        let Some((key, val)) = item.split_once('=') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let Some(rest) = key.strip_prefix(param) else {
            continue;
        };
        if rest.is_empty() {
            plain = Some(unquote(val));
        } else if rest == "*" {
            segments.push((0, true, unquote(val)));
        } else if let Some(number) = rest.strip_prefix('*') {
            let (number, encoded) = match number.strip_suffix('*') {
                Some(n) => (n, true),
                None => (number, false),
            };
            if let Ok(n) = number.parse::<u32>() {
                segments.push((n, encoded, unquote(val)));
            }
        }
    }
    if segments.is_empty() {
        return plain.map(|p| decode_encoded_words(&p));
    }
    segments.sort_by_key(|s| s.0);
    let mut label: Option<String> = None;
    let mut bytes = Vec::new();
    for (index, (_, encoded, value)) in segments.iter().enumerate() {
        let mut value = value.as_str();
        if index == 0 && *encoded {
            let mut pieces = value.splitn(3, '\'');
            if let (Some(cs), Some(_lang), Some(rest)) =
                (pieces.next(), pieces.next(), pieces.next())
            {
                label = Some(cs.to_owned());
                value = rest;
            }
        }
        if *encoded {
            bytes.extend(percent_decode(value));
        } else {
            bytes.extend_from_slice(value.as_bytes());
        }
    }
    Some(charset::decode(&bytes, label.as_deref()).text)
}

/// Decode RFC 2047 encoded words in `text` the forgiving way: adjacent words
/// in the same charset are joined before decoding (so a character split
/// between two words survives), and a word whose bytes do not fit its
/// charset is decoded with a guessed one.
pub(super) fn decode_encoded_words(text: &str) -> String {
    let unfolded: String = text
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(unfolded.len());
    // Adjacent words in one charset: (charset, the bytes of each word).
    let mut pending: Option<(String, Vec<Vec<u8>>)> = None;
    let flush = |pending: &mut Option<(String, Vec<Vec<u8>>)>, out: &mut String| {
        if let Some((label, words)) = pending.take() {
            let joined = charset::decode(&words.concat(), Some(&label)).text;
            if words.len() > 1 && joined.contains('\u{fffd}') {
                // One bad word should not spoil its neighbours.
                let single: String = words
                    .iter()
                    .map(|w| charset::decode(w, Some(&label)).text)
                    .collect();
                if replacement_count(&single) < replacement_count(&joined) {
                    out.push_str(&single);
                    return;
                }
            }
            out.push_str(&joined);
        }
    };
    let mut rest = unfolded.as_str();
    while let Some((start, end, label, bytes)) = next_encoded_word(rest) {
        let between = &rest[..start];
        if !(pending.is_some() && between.trim().is_empty()) {
            flush(&mut pending, &mut out);
            out.push_str(between);
        }
        match pending.as_mut() {
            Some((pending_label, words)) if pending_label.eq_ignore_ascii_case(&label) => {
                words.push(bytes);
            }
            _ => {
                flush(&mut pending, &mut out);
                pending = Some((label, vec![bytes]));
            }
        }
        rest = &rest[end..];
    }
    flush(&mut pending, &mut out);
    out.push_str(rest);
    out
}

/// The next `=?charset?B|Q?data?=` in `text`: (start, end, charset, bytes).
fn next_encoded_word(text: &str) -> Option<(usize, usize, String, Vec<u8>)> {
    let mut from = 0;
    while let Some(pos) = text[from..].find("=?") {
        let start = from + pos;
        if let Some(word) = parse_encoded_word(&text[start..]) {
            return Some((start, start + word.0, word.1, word.2));
        }
        from = start + 2;
    }
    None
}

fn parse_encoded_word(text: &str) -> Option<(usize, String, Vec<u8>)> {
    let body = text.strip_prefix("=?")?;
    let q1 = body.find('?')?;
    let label = &body[..q1];
    if label.is_empty() || label.len() > 64 || label.contains(char::is_whitespace) {
        return None;
    }
    let after = &body[q1 + 1..];
    let encoding = after.chars().next()?;
    let data_and_rest = after.get(1..)?.strip_prefix('?')?;
    let data_end = data_and_rest.find("?=")?;
    let data = &data_and_rest[..data_end];
    if data.contains(char::is_whitespace) {
        return None;
    }
    let bytes = match encoding {
        'B' | 'b' => transfer::base64(data.as_bytes()),
        'Q' | 'q' => transfer::quoted_printable(data.replace('_', " ").as_bytes()),
        _ => return None,
    };
    // RFC 2231 allows a language after the charset: "utf-8*sv".
    let label = label.split('*').next().unwrap_or(label).to_owned();
    let consumed = 2 + q1 + 1 + 1 + 1 + data_end + 2;
    Some((consumed, label, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_split_inside_a_character() {
        // "Blåbär" in UTF-8, split between two words in the middle of "å".
        let text = "=?utf-8?B?QmzD?= =?utf-8?B?pWLDpHI=?= och mer";
        assert_eq!(decode_encoded_words(text), "Blåbär och mer");
    }

    #[test]
    fn encoded_word_with_a_lying_charset() {
        // windows-1251 bytes for "Тест" declared as UTF-8.
        assert_eq!(decode_encoded_words("=?utf-8?Q?=D2=E5=F1=F2?="), "Тест");
    }

    #[test]
    fn encoded_words_keep_text_between() {
        assert_eq!(
            decode_encoded_words("Re: =?iso-8859-1?Q?sm=F6rg=E5s?= [list]"),
            "Re: smörgås [list]"
        );
        assert_eq!(decode_encoded_words("=?broken"), "=?broken");
    }

    #[test]
    fn rfc2231_continuations_share_the_charset() {
        let value =
            " attachment;\r\n filename*0*=iso-8859-1''sm%F6rg;\r\n filename*1*=%E5sbord.txt\r\n";
        assert_eq!(
            rfc2231_param(value, "filename").as_deref(),
            Some("smörgåsbord.txt")
        );
        let value = "attachment; filename*=UTF-8''%C3%85re%20%E2%82%AC.pdf";
        assert_eq!(
            rfc2231_param(value, "filename").as_deref(),
            Some("Åre €.pdf")
        );
        let value = "attachment; filename=\"a \\\"quoted\\\" name; really.txt\"";
        assert_eq!(
            rfc2231_param(value, "filename").as_deref(),
            Some("a \"quoted\" name; really.txt")
        );
    }
}
