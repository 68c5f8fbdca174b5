//! Bytes in some character set → text, with a best guess when the declared
//! charset is missing, unknown or wrong.
//!
//! The decoders themselves are mail-parser's (which, with its
//! `full_encoding` feature, covers the legacy multi-byte sets through
//! encoding_rs). What this module adds is judgement: UTF-8 bytes labelled
//! ISO-8859-1, windows-1251 bytes labelled UTF-8, 8-bit text with no label.

use mail_parser::decoders::charsets::map::charset_decoder;

/// Text decoded from bytes, and whether the result rests on a guess.
pub(crate) struct Decoded {
    pub text: String,
    /// The declared charset was missing, unknown or wrong, so the text was
    /// decoded with a guessed one (or with replacement characters).
    pub guessed: bool,
}

/// `bytes` as UTF-8 text, when they are valid UTF-8: the same answer as
/// `std::str::from_utf8`, SIMD-fast on non-ASCII text (most Swedish and
/// Bulgarian mail), where std's ASCII fast path rarely helps.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Labels that promise UTF-8 or plain ASCII, or promise nothing at all.
fn is_utf8_or_ascii_label(label: &str) -> bool {
    matches!(
        label,
        "utf-8"
            | "utf8"
            | "unicode-1-1-utf-8"
            | "x-unicode20utf8"
            | "us-ascii"
            | "ascii"
            | "ansi_x3.4-1968"
            | "iso646-us"
            | "iso-ir-6"
            | "default"
            | "x-unknown"
            | "unknown"
            | "unknown-8bit"
            | "x-user-defined"
    )
}

/// Single-byte charsets, where valid non-ASCII UTF-8 is a sure sign that the
/// label is wrong.
fn is_single_byte_label(label: &str) -> bool {
    [
        "iso-8859",
        "iso8859",
        "iso_8859",
        "latin",
        "windows-125",
        "cp125",
        "cp1252",
        "koi8",
        "ibm",
        "cp8",
        "mac",
        "x-mac",
        "l1",
        "l9",
    ]
    .iter()
    .any(|p| label.starts_with(p))
}

/// A charset label as found in a header: trimmed, unquoted, lower case.
pub(crate) fn normalize_label(label: &str) -> String {
    label
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_ascii_lowercase()
}

/// Decode `bytes` that claim to be in `declared` (None when nothing was
/// declared). Never fails: the worst case is text with U+FFFD in it.
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let label = declared.map(normalize_label).filter(|l| !l.is_empty());
    if let Some(label) = label.as_deref()
        && !is_utf8_or_ascii_label(label)
        && let Some(decoder) = charset_decoder(label.as_bytes())
    {
        // A single-byte label on bytes that are valid, non-ASCII UTF-8:
        // the sender's program lied about the charset.
        if is_single_byte_label(label)
            && !bytes.is_ascii()
            && let Some(text) = utf8(bytes)
        {
            return Decoded {
                text: text.to_owned(),
                guessed: true,
            };
        }
        return Decoded {
            text: decoder(bytes),
            guessed: false,
        };
    }
    if let Some(text) = utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            // An unknown label on ASCII/UTF-8 text is harmless.
            guessed: false,
        };
    }
    Decoded {
        text: guess(bytes, None),
        guessed: true,
    }
}

/// Decode bytes that are not valid UTF-8 and carry no trustworthy label.
/// `hint` is a charset declared elsewhere in the same message (raw 8-bit
/// headers are usually in the charset of the body).
pub(crate) fn guess(bytes: &[u8], hint: Option<&str>) -> String {
    if let Some(text) = utf8(bytes) {
        return text.to_owned();
    }
    if mostly_utf8(bytes) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Some(hint) = hint.map(normalize_label)
        && !is_utf8_or_ascii_label(&hint)
        && let Some(decoder) = charset_decoder(hint.as_bytes())
    {
        return decoder(bytes);
    }
    let label = match script_of(bytes) {
        Script::Cyrillic if koi8_more_likely(bytes) => "koi8-r",
        Script::Cyrillic => "windows-1251",
        Script::Latin => "windows-1252",
    };
    charset_decoder(label.as_bytes()).map_or_else(
        || String::from_utf8_lossy(bytes).into_owned(),
        |decoder| decoder(bytes),
    )
}

/// UTF-8 with a few damaged bytes, rather than a legacy charset: more valid
/// multi-byte sequences than broken ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    multibyte > 0 && multibyte >= 2 * invalid
}

#[derive(Debug, PartialEq)]
enum Script {
    Latin,
    Cyrillic,
}

/// Cyrillic text in a single-byte charset is words made only of high bytes;
/// Latin text has a high byte here and there among ASCII letters.
fn script_of(bytes: &[u8]) -> Script {
    let mut cyrillic_words = 0usize;
    let mut latin_words = 0usize;
    for word in bytes.split(|b| !(b.is_ascii_alphabetic() || *b >= 0x80)) {
        let high = word.iter().filter(|b| **b >= 0xC0).count();
        if high == 0 {
            continue;
        }
        let ascii = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
        if ascii == 0 && high >= 2 {
            cyrillic_words += 1;
        } else if ascii > 0 {
            latin_words += 1;
        }
    }
    if cyrillic_words > latin_words {
        Script::Cyrillic
    } else {
        Script::Latin
    }
}

/// In windows-1251 the lower-case letters are 0xE0–0xFF; in KOI8-R they are
/// 0xC0–0xDF. Running text is mostly lower case.
fn koi8_more_likely(bytes: &[u8]) -> bool {
    let upper_half = bytes.iter().filter(|b| **b >= 0xE0).count();
    let lower_half = bytes.iter().filter(|b| (0xC0..0xE0).contains(*b)).count();
    lower_half > upper_half
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1251(s: &str) -> Vec<u8> {
        // Only the letters the tests use.
        s.chars()
            .map(|c| match c {
                'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
                _ => c as u8,
            })
            .collect()
    }

    #[test]
    fn utf8_passes_through() {
        let d = decode("smörgås".as_bytes(), None);
        assert_eq!(d.text, "smörgås");
        assert!(!d.guessed);
        assert_eq!(decode("€".as_bytes(), Some("UTF-8")).text, "€");
    }

    #[test]
    fn declared_legacy_charsets() {
        assert_eq!(decode(b"sm\xf6rg\xe5s", Some("ISO-8859-1")).text, "smörgås");
        assert_eq!(decode(b"\xa4", Some("iso-8859-15")).text, "€");
        assert_eq!(
            decode(&cp1251("Здравей"), Some("windows-1251")).text,
            "Здравей"
        );
        assert_eq!(
            decode(b"\xfa\xc4\xd2\xc1\xd7\xc5\xca", Some("koi8-r")).text,
            "Здравей"
        );
    }

    #[test]
    fn wrong_labels_are_overruled() {
        let d = decode(&cp1251("Добро утро"), Some("utf-8"));
        assert_eq!(d.text, "Добро утро");
        assert!(d.guessed);
        let d = decode("blåbär".as_bytes(), Some("iso-8859-1"));
        assert_eq!(d.text, "blåbär");
        assert!(d.guessed);
        assert_eq!(
            decode(b"sm\xf6rg\xe5s", Some("x-no-such-charset")).text,
            "smörgås"
        );
    }

    #[test]
    fn guesses_script_and_cyrillic_charset() {
        assert_eq!(
            guess(b"Hej p\xe5 dig, sm\xf6rg\xe5s", None),
            "Hej på dig, smörgås"
        );
        assert_eq!(guess(&cp1251("Как сте днес"), None), "Как сте днес");
        // "Привет мир" in KOI8-R
        assert_eq!(
            guess(b"\xf0\xd2\xc9\xd7\xc5\xd4 \xcd\xc9\xd2", None),
            "Привет мир"
        );
        // A hint wins over the heuristics.
        assert_eq!(guess(b"\xa4 5", Some("iso-8859-15")), "€ 5");
    }

    #[test]
    fn simd_validation_agrees_with_std() {
        let text = "Здравей, как си? Hälsningar från Malmö, blåbär och smörgås. ".repeat(200);
        assert_eq!(utf8(text.as_bytes()), Some(text.as_str()));
        assert_eq!(decode(text.as_bytes(), None).text, text);
        let mut bytes = text.into_bytes();
        let middle = bytes.len() / 2;
        bytes[middle] = 0xff;
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(utf8(&bytes), None);
        let d = decode(&bytes, Some("utf-8"));
        assert!(d.guessed);
        assert_eq!(d.text, String::from_utf8_lossy(&bytes));
        assert_eq!(guess(&bytes, None), String::from_utf8_lossy(&bytes));
        for cut in [0, 1, 2, 3, 63, 64, 65, middle - 1, middle + 1] {
            let slice = &bytes[cut..];
            assert_eq!(utf8(slice), std::str::from_utf8(slice).ok(), "{cut}");
        }
    }

    #[test]
    fn mostly_utf8_keeps_utf8() {
        let mut bytes = "Grüße aus Malmö ".as_bytes().to_vec();
        bytes.push(0xff);
        assert_eq!(guess(&bytes, None), "Grüße aus Malmö \u{fffd}");
    }
}
