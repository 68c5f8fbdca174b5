//! Content-Transfer-Encoding, decoded forgivingly, and the guard that keeps
//! mail-parser from nesting messages.

use std::borrow::Cow;

use memchr::memmem;

/// For the first letter of a nesting subtype (`rfc822`, `global`,
/// `digest`, either case): its second letter in lower case; else 0.
static SECOND_LETTER: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'r' as usize] = b'f';
    t[b'R' as usize] = b'f';
    t[b'g' as usize] = b'l';
    t[b'G' as usize] = b'l';
    t[b'd' as usize] = b'i';
    t[b'D' as usize] = b'i';
    t
};

/// The transfer encodings Brev decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TransferEncoding {
    Base64,
    QuotedPrintable,
    /// 7bit, 8bit, binary, or anything unknown: the bytes as they are.
    Identity,
}

impl TransferEncoding {
    pub(crate) fn from_header(value: Option<&str>) -> TransferEncoding {
        let Some(value) = value else {
            return TransferEncoding::Identity;
        };
        let value = value.trim().trim_matches('"').trim();
        if value.eq_ignore_ascii_case("base64") {
            TransferEncoding::Base64
        } else if value.eq_ignore_ascii_case("quoted-printable") {
            TransferEncoding::QuotedPrintable
        } else {
            TransferEncoding::Identity
        }
    }

    /// How many bytes [`decode`](Self::decode) gives, without decoding
    /// (base64 is counted; quoted-printable, rare for big parts, is decoded).
    pub(crate) fn decoded_len(self, bytes: &[u8]) -> usize {
        match self {
            TransferEncoding::Base64 => base64_len(bytes),
            TransferEncoding::QuotedPrintable => quoted_printable(bytes).len(),
            TransferEncoding::Identity => bytes.len(),
        }
    }

    pub(crate) fn decode<'a>(self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        match self {
            TransferEncoding::Base64 => Cow::Owned(base64(bytes)),
            TransferEncoding::QuotedPrintable => Cow::Owned(quoted_printable(bytes)),
            TransferEncoding::Identity => Cow::Borrowed(bytes),
        }
    }
}

fn base64_value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Base64 that forgives: characters outside the alphabet are skipped, `=`
/// ends a group wherever it appears, and a cut-off last group yields the
/// bytes it holds.
pub(crate) fn base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut count = 0u8;
    let flush = |acc: u32, count: u8, out: &mut Vec<u8>| match count {
        2 => out.push((acc >> 4) as u8),
        3 => {
            out.push((acc >> 10) as u8);
            out.push((acc >> 2) as u8);
        }
        _ => {}
    };
    for &c in input {
        if c == b'=' {
            flush(acc, count, &mut out);
            acc = 0;
            count = 0;
            continue;
        }
        let Some(v) = base64_value(c) else { continue };
        acc = (acc << 6) | v;
        count += 1;
        if count == 4 {
            out.push((acc >> 16) as u8);
            out.push((acc >> 8) as u8);
            out.push(acc as u8);
            acc = 0;
            count = 0;
        }
    }
    flush(acc, count, &mut out);
    out
}

/// The length of [`base64`]'s output, by the same rules, without the output.
pub(crate) fn base64_len(input: &[u8]) -> usize {
    let group = |count: usize| match count {
        2 => 1,
        3 => 2,
        _ => 0,
    };
    let (mut len, mut count) = (0, 0);
    for &c in input {
        if c == b'=' {
            len += group(count);
            count = 0;
        } else if base64_value(c).is_some() {
            count += 1;
            if count == 4 {
                len += 3;
                count = 0;
            }
        }
    }
    len + group(count)
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// Quoted-printable that forgives: a `=` that starts no valid escape or soft
/// line break is kept as it is; lower-case hex is accepted; trailing blanks
/// on a line are dropped (RFC 2045 says they were added in transport).
pub(crate) fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        match c {
            b'=' => {
                if let (Some(h), Some(l)) = (
                    input.get(i + 1).copied().and_then(hex_value),
                    input.get(i + 2).copied().and_then(hex_value),
                ) {
                    out.push((h << 4) | l);
                    i += 3;
                    continue;
                }
                // Soft line break: "=", optional blanks, then CRLF or LF
                // (or the end of the input).
                let mut j = i + 1;
                while matches!(input.get(j), Some(b' ' | b'\t')) {
                    j += 1;
                }
                match input.get(j) {
                    None => i = j,
                    Some(b'\n') => i = j + 1,
                    Some(b'\r') if input.get(j + 1) == Some(&b'\n') => i = j + 2,
                    Some(b'\r') => i = j + 1,
                    _ => {
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
            b'\r' | b'\n' => {
                while matches!(out.last(), Some(b' ' | b'\t')) {
                    out.pop();
                }
                out.push(c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The MIME subtypes that make mail-parser parse a part as a nested message
/// (`message/rfc822`, `message/global`) or make the children of a multipart
/// nested messages (`multipart/digest`), and the same-length words Brev
/// puts in their place so that mail-parser does not.
const NESTING_SUBTYPES: [(&[u8; 6], &[u8; 6]); 3] = [
    (b"rfc822", b"x-r822"),
    (b"global", b"x-glob"),
    (b"digest", b"x-dgst"),
];

/// mail-parser parses `message/rfc822` parts into nested `Message` values,
/// without a depth limit for unencoded ones, and both dropping and copying
/// such a value recurse once per level: a message nested a few thousand
/// times overflows the stack and aborts the process. So before mail-parser
/// sees a message, Brev overwrites every `rfc822`, `global` and `digest`
/// that stands alone (no letter or digit on either side) in any place where
/// mail-parser may read a header with a word of the same length. mail-parser
/// then finds no nested messages, every byte offset stays valid, and Brev
/// reads forwarded messages as attachments.
///
/// Why the word test is enough: mail-parser compares the whole subtype
/// token with `rfc822`/`global` (and `digest`), and a token's neighbours in
/// the raw header are always separators (`/`, blanks, quotes, backslashes,
/// comment parentheses, `;`, line ends) — never letters or digits.
///
/// Where mail-parser reads headers (checked against mail-parser 0.11.9,
/// `parsers/message.rs`, `mime.rs`, `header.rs`, `fields/*`): at the start
/// of the message, and right after a MIME boundary. It finds a boundary as
/// `--` + boundary anywhere, not only at the start of a line (`seek_next_part`,
/// `mime_part`, `seek_part_end`, `seek_next_part_offset` and the base64 and
/// quoted-printable part decoders all test `ch == '-' && last_ch == '-'`), and
/// the part's headers may start on the same line (`is_multipart_end` goes
/// back when the next byte is not a blank, CR, LF or `--`). The only other
/// place is the body of a `message/rfc822`/`global` part (or a child of a
/// `multipart/digest`), which this function is there to prevent. A header
/// block ends at a line feed at the start of a header that is followed by
/// nothing but blanks, CR or form feed and another line feed
/// (`parse_headers`); every value
/// parser ends a header at a line feed not followed by a space or tab, and a
/// line feed inside a header name, an encoded word or a quoted string ends it
/// too. So no header block goes on past the first `\n\n` or `\n\r\n` after
/// its start (it may end sooner, e.g. at a line of blanks: scanning more is
/// harmless). The scanned regions are therefore: from the start of the
/// message to the first `\n\n`/`\n\r\n`, and from just after every `--` to
/// the first `\n\n`/`\n\r\n` after it (or the end of the input). A `--`
/// inside a region ends at the same blank line, so each next region is
/// searched from the end of the last one and nothing is scanned twice.
///
/// A boundary is declared in a header (scanned) and used right after a `--`
/// (scanned), so it changes the same way in both places. Brev decodes
/// bodies and header values from the original bytes, so a renamed word in
/// a file name or a subject does no harm.
pub(crate) fn neutralize_nesting(raw: &[u8]) -> Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let dashes = memmem::Finder::new(b"--");
    let mut start = 0;
    loop {
        let end = header_block_end(raw, start);
        rename_in(raw, start, end, &mut out);
        match raw.get(end..).and_then(|rest| dashes.find(rest)) {
            Some(p) => start = end + p + 2,
            None => break,
        }
    }
    match out {
        Some(bytes) => Cow::Owned(bytes),
        None => Cow::Borrowed(raw),
    }
}

/// The end of the header block that may start at `start`: just after the
/// first `\n\n` or `\n\r\n` at or after `start`, or the end of the input.
/// Line feed by line feed, so the cost is the block's length: a search for
/// `\n\n` alone would run to the end of every CRLF message.
fn header_block_end(raw: &[u8], start: usize) -> usize {
    let mut from = start;
    while let Some(p) = raw.get(from..).and_then(|rest| memchr::memchr(b'\n', rest)) {
        let lf = from + p;
        match raw.get(lf + 1) {
            Some(b'\n') => return lf + 2,
            Some(b'\r') if raw.get(lf + 2) == Some(&b'\n') => return lf + 3,
            _ => from = lf + 1,
        }
    }
    raw.len()
}

/// Overwrite the standalone nesting subtypes that start in `raw[start..end]`
/// (their neighbours are looked up in all of `raw`) in `out`, a copy of
/// `raw` made on the first change.
fn rename_in(raw: &[u8], start: usize, end: usize, out: &mut Option<Vec<u8>>) {
    // The last position a six-letter word can start at.
    let last = end.min(raw.len().saturating_sub(5));
    let mut i = start;
    while i < last {
        // Cheap filter first: the first two letters of rfc822 / global /
        // digest, in either case, found with a tight loop over a table.
        match raw
            .get(i..last)
            .and_then(|r| r.iter().position(|&c| SECOND_LETTER[usize::from(c)] != 0))
        {
            Some(skip) => i += skip,
            None => break,
        }
        let Some(word) = raw.get(i..i + 6) else { break };
        // `| 0x20` folds ASCII case: only bit 5 differs.
        if word[1] | 0x20 != SECOND_LETTER[usize::from(word[0])] {
            i += 1;
            continue;
        }
        let renamed = NESTING_SUBTYPES
            .iter()
            .find(|(subtype, _)| word.eq_ignore_ascii_case(subtype.as_slice()))
            .map(|(_, renamed)| renamed);
        let alone = |c: Option<&u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        if let Some(renamed) = renamed
            && alone(i.checked_sub(1).and_then(|p| raw.get(p)))
            && alone(raw.get(i + 6))
        {
            if let Some(target) = out.get_or_insert_with(|| raw.to_vec()).get_mut(i..i + 6) {
                target.copy_from_slice(renamed.as_slice());
            }
            i += 6;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_forgives() {
        assert_eq!(base64(b"aGVsbG8gd29ybGQ="), b"hello world");
        assert_eq!(base64(b"aGVs\r\nbG8g\nd29y bGQ"), b"hello world");
        assert_eq!(base64(b"aGVsbG8g!d29y#bGQ="), b"hello world");
        assert_eq!(base64(b"aGk=aGk="), b"hihi");
        assert_eq!(base64(b"AAECAwQFBgcICQ"), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(base64(b"QQ"), b"A");
        assert_eq!(base64(b"Q"), b"");
        assert_eq!(base64(b""), b"");
        for input in [
            &b"aGVsbG8gd29ybGQ="[..],
            b"aGVs\r\nbG8g\nd29y bGQ",
            b"aGVsbG8g!d29y#bGQ=",
            b"aGk=aGk=",
            b"AAECAwQFBgcICQ",
            b"QQ",
            b"Q",
            b"",
            b"====",
            b"QUJD\r\nREVG\r\n",
        ] {
            assert_eq!(base64_len(input), base64(input).len(), "{input:?}");
        }
    }

    #[test]
    fn quoted_printable_forgives() {
        assert_eq!(quoted_printable(b"Hall=E5 d=e4r"), b"Hall\xe5 d\xe4r");
        assert_eq!(quoted_printable(b"soft=\nbreak"), b"softbreak");
        assert_eq!(quoted_printable(b"soft= \r\nbreak"), b"softbreak");
        assert_eq!(
            quoted_printable(b"bad =ZZ and = sign"),
            b"bad =ZZ and = sign"
        );
        assert_eq!(quoted_printable(b"cut =4"), b"cut =4");
        assert_eq!(quoted_printable(b"end="), b"end");
        assert_eq!(quoted_printable(b"trailing   \nx"), b"trailing\nx");
    }

    #[test]
    fn nesting_subtypes_are_renamed_in_place() {
        // (The second header block follows a boundary: a body is not read
        // for headers, see `words_in_bodies_are_left_alone`.)
        let raw = b"Content-Type: message/RFC822\n\n--b\nContent-Type: multipart/digest; b=1\n";
        let out = neutralize_nesting(raw);
        assert_eq!(out.len(), raw.len());
        assert_eq!(
            &out[..],
            b"Content-Type: message/x-r822\n\n--b\nContent-Type: multipart/x-dgst; b=1\n"
        );
        for raw in [
            &b"message / (a (nested) comment)\n global;x=y"[..],
            b"message/\"global\"",
            b"message/\\rfc822",
            b"message/foo(c)rfc822",
        ] {
            let out = neutralize_nesting(raw);
            assert!(
                out.windows(6).any(|w| w == b"x-glob" || w == b"x-r822"),
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
        // Part of a longer word: left alone.
        for raw in [&b"globally"[..], b"message/rfc8220", b"xdigest", b"rfc822x"] {
            assert!(matches!(neutralize_nesting(raw), Cow::Borrowed(_)));
        }
    }

    /// The guard as it was before it looked only where headers can be:
    /// every standalone word in the whole message. The reference for
    /// [`new_guard_covers_every_header_region`].
    fn neutralize_everywhere(raw: &[u8]) -> Vec<u8> {
        let mut out = raw.to_vec();
        let mut i = 0;
        while i + 6 <= raw.len() {
            let word = &raw[i..i + 6];
            let renamed = NESTING_SUBTYPES
                .iter()
                .find(|(subtype, _)| word.eq_ignore_ascii_case(subtype.as_slice()))
                .map(|(_, renamed)| renamed);
            let alone = |c: Option<&u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            if let Some(renamed) = renamed
                && alone(i.checked_sub(1).and_then(|p| raw.get(p)))
                && alone(raw.get(i + 6))
            {
                out[i..i + 6].copy_from_slice(renamed.as_slice());
                i += 6;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Byte by byte, without memchr: which positions lie in a region where
    /// mail-parser may read a header (the message start and after every
    /// `--`, each up to the first `\n\n` or `\n\r\n`, or the end).
    fn header_regions(raw: &[u8]) -> Vec<bool> {
        let mut inside = vec![false; raw.len()];
        let starts = std::iter::once(0).chain(
            (0..raw.len())
                .filter(|&i| raw[i..].starts_with(b"--"))
                .map(|i| i + 2),
        );
        for start in starts {
            let mut p = start;
            while p < raw.len() {
                inside[p] = true;
                if raw[p..].starts_with(b"\n\n") || raw[p..].starts_with(b"\n\r\n") {
                    break;
                }
                p += 1;
            }
        }
        inside
    }

    /// No part of what mail-parser makes of `bytes` is a nested message.
    fn parses_flat(bytes: &[u8]) -> bool {
        mail_parser::MessageParser::default()
            .parse(bytes)
            .is_none_or(|m| {
                m.parts
                    .iter()
                    .all(|p| !matches!(p.body, mail_parser::PartType::Message(_)))
            })
    }

    #[test]
    fn boundaries_inside_a_line_start_headers() {
        for raw in [
            &b"Content-Type: multipart/mixed; boundary=b\r\n\r\n\
               text--b\r\nContent-Type: message/rfc822\r\n\r\n\
               Subject: inner\r\n\r\nhi\r\n--b--\r\n"[..],
            b"Content-Type: multipart/mixed; boundary=b\n\n\
              x--bContent-Type: message/rfc822\n\n\
              Subject: inner\n\nhi\n--b--\n",
        ] {
            assert!(!parses_flat(raw), "the test input must nest");
            let out = neutralize_nesting(raw);
            assert_eq!(out.len(), raw.len());
            assert!(
                out.windows(14).any(|w| w == b"message/x-r822"),
                "{}",
                String::from_utf8_lossy(&out)
            );
            assert!(parses_flat(&out), "{}", String::from_utf8_lossy(&out));
        }
    }

    #[test]
    fn digest_and_folded_subtypes_are_renamed() {
        let raw =
            b"Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: a\n\nbody\n--d--\n";
        assert!(!parses_flat(raw), "the test input must nest");
        let out = neutralize_nesting(raw);
        assert!(out.starts_with(b"Content-Type: multipart/x-dgst; boundary=d\n\n"));
        assert!(parses_flat(&out));

        // mail-parser 0.11.9 reads this fold as an empty subtype; the word
        // is renamed all the same.
        let raw = b"Content-Type: message/\r\n rfc822\r\n\r\nSubject: inner\r\n\r\nhi\r\n";
        let out = neutralize_nesting(raw);
        assert_eq!(
            &out[..],
            b"Content-Type: message/\r\n x-r822\r\n\r\nSubject: inner\r\n\r\nhi\r\n"
        );
        assert!(parses_flat(&out));
        let raw = b"Subject: s\r\nContent-Type:\r\n\tmessage/rfc822;\r\n x=y\r\n\r\n\
                    Subject: inner\r\n\r\nhi\r\n";
        assert!(!parses_flat(raw), "the test input must nest");
        let out = neutralize_nesting(raw);
        assert!(out.windows(14).any(|w| w == b"message/x-r822"));
        assert!(parses_flat(&out));
    }

    #[test]
    fn words_in_bodies_are_left_alone() {
        let raw = b"Subject: RFC 822\r\nContent-Type: text/plain\r\n\r\n\
                    See rfc822, a global digest.\r\n\r\nmessage/rfc822\r\n";
        assert!(matches!(neutralize_nesting(raw), Cow::Borrowed(_)));
        // After a `--` (a signature here) mail-parser could find a boundary:
        // that stretch is scanned up to the next empty line, the rest not.
        let raw = b"Subject: x\n\nbody digest\n-- \nglobal sig\n\nrfc822\n";
        assert_eq!(
            &neutralize_nesting(raw)[..],
            b"Subject: x\n\nbody digest\n-- \nx-glob sig\n\nrfc822\n"
        );
    }

    #[test]
    fn new_guard_covers_every_header_region() {
        let pieces: [&[u8]; 28] = [
            b"Content-Type: message/rfc822\n",
            b"Content-Type: message/global\r\n",
            b"Content-Type: multipart/digest; boundary=b\n",
            b"Content-Type: multipart/mixed; boundary=b\n",
            b"Content-Type: ",
            b"message/",
            b"multipart/",
            b"rfc822",
            b"RFC822",
            b"global",
            b"Digest",
            b"; boundary=",
            b"b",
            b"--",
            b"--b",
            b"-",
            b"\n",
            b"\r\n",
            b"\n\n",
            b"\r\n\r\n",
            b"\n \n",
            b"\r",
            b" ",
            b"\"",
            b"x",
            b"7",
            b"Subject: a",
            b"(c)",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        // How many inputs nest without the guard, get renames from the new
        // guard, and keep words the old one renamed: all three must occur.
        let (mut nesting, mut renamed, mut kept) = (0, 0, 0);
        for _ in 0..500 {
            let mut raw = Vec::new();
            for _ in 0..next() % 48 {
                raw.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let old = neutralize_everywhere(&raw);
            let new = neutralize_nesting(&raw);
            let shown = String::from_utf8_lossy(&raw);
            assert_eq!(new.len(), raw.len(), "{shown:?}");
            let regions = header_regions(&raw);
            for p in 0..raw.len() {
                // Inside a header region: exactly what the old guard did.
                if regions[p] {
                    assert_eq!(new[p], old[p], "at {p} in {shown:?}");
                }
                // Anywhere: only the old guard's renames, never others.
                if new[p] != raw[p] {
                    assert_eq!(new[p], old[p], "at {p} in {shown:?}");
                }
            }
            assert!(parses_flat(&new), "{shown:?}");
            nesting += usize::from(!parses_flat(&raw));
            renamed += usize::from(matches!(new, Cow::Owned(_)));
            kept += usize::from(new[..] != old[..]);
        }
        assert!(
            nesting > 10 && renamed > 10 && kept > 10,
            "{nesting} {renamed} {kept}"
        );
    }
}
