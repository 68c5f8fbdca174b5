//! Content-Transfer-Encoding, decoded forgivingly, and the guard that keeps
//! mail-parser from nesting messages.

use std::borrow::Cow;

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
/// that stands alone (no letter or digit on either side) with a word of the
/// same length. mail-parser then finds no nested messages, every byte
/// offset stays valid, and Brev reads forwarded messages as attachments.
///
/// Why this is enough: mail-parser compares the whole subtype token with
/// `rfc822`/`global` (and `digest`), and a token's neighbours in the raw
/// header are always separators (`/`, blanks, quotes, backslashes, comment
/// parentheses, `;`, line ends) — never letters or digits. Overwriting the
/// word elsewhere too (in a body, a file name, a boundary) does no harm:
/// Brev decodes bodies and header values from the original bytes, and a
/// boundary changes the same way where it is declared and where it is used.
pub(crate) fn neutralize_nesting(raw: &[u8]) -> Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i + 6 <= raw.len() {
        // Cheap filter first: the first two letters of rfc822 / global /
        // digest, in either case. This runs over every byte of every
        // downloaded message, attachments included, so the search for a
        // first letter is a tight loop over a table.
        match raw[i..raw.len() - 5]
            .iter()
            .position(|&c| SECOND_LETTER[usize::from(c)] != 0)
        {
            Some(skip) => i += skip,
            None => break,
        }
        // `| 0x20` folds ASCII case: only bit 5 differs.
        if raw[i + 1] | 0x20 != SECOND_LETTER[usize::from(raw[i])] {
            i += 1;
            continue;
        }
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
            out.get_or_insert_with(|| raw.to_vec())[i..i + 6].copy_from_slice(renamed.as_slice());
            i += 6;
        } else {
            i += 1;
        }
    }
    match out {
        Some(bytes) => Cow::Owned(bytes),
        None => Cow::Borrowed(raw),
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
        let raw = b"Content-Type: message/RFC822\n\nContent-Type: multipart/digest; b=1\n";
        let out = neutralize_nesting(raw);
        assert_eq!(out.len(), raw.len());
        assert_eq!(
            &out[..],
            b"Content-Type: message/x-r822\n\nContent-Type: multipart/x-dgst; b=1\n"
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
}
