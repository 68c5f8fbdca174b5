//! Pure parsing of the few server lines `connect` needs (greetings,
//! capabilities, STARTTLS answers). Nothing here panics on any input.

/// What an IMAP greeting line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ImapGreeting {
    /// `* OK …`, with the capabilities when the greeting carries
    /// `[CAPABILITY …]`.
    Ok(Option<Vec<String>>),
    /// `* PREAUTH …`: already logged in (STARTTLS is then impossible).
    PreAuth,
    /// `* BYE …`: the server turns us away.
    Bye(String),
}

/// Case-insensitive `strip_prefix` for ASCII prefixes.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// Parse an IMAP greeting line (CRLF already removed).
pub(crate) fn imap_greeting(line: &str) -> Option<ImapGreeting> {
    if let Some(rest) = strip_prefix_ci(line, "* OK") {
        return Some(ImapGreeting::Ok(imap_bracket_capabilities(rest)));
    }
    if strip_prefix_ci(line, "* PREAUTH").is_some() {
        return Some(ImapGreeting::PreAuth);
    }
    strip_prefix_ci(line, "* BYE").map(|rest| ImapGreeting::Bye(rest.trim().to_owned()))
}

/// The capabilities in a `[CAPABILITY …]` response code, if there is one.
pub(crate) fn imap_bracket_capabilities(text: &str) -> Option<Vec<String>> {
    let rest = text.trim_start();
    let inner = strip_prefix_ci(rest, "[CAPABILITY ")?;
    let end = inner.find(']')?;
    Some(words(inner.get(..end)?))
}

/// The capabilities of an untagged `* CAPABILITY …` line.
pub(crate) fn imap_capability_line(line: &str) -> Option<Vec<String>> {
    strip_prefix_ci(line, "* CAPABILITY ").map(words)
}

/// For a line answering the command tagged `tag`: `Some(true)` for OK,
/// `Some(false)` for NO/BAD, `None` when the line is not the tagged answer.
pub(crate) fn imap_tagged_ok(line: &str, tag: &str) -> Option<bool> {
    let rest = line.strip_prefix(tag)?.strip_prefix(' ')?;
    Some(strip_prefix_ci(rest, "OK").is_some())
}

fn words(text: &str) -> Vec<String> {
    text.split_ascii_whitespace().map(str::to_owned).collect()
}

/// Whether `caps` holds `wanted` (case-insensitive).
pub(crate) fn has_capability(caps: &[String], wanted: &str) -> bool {
    caps.iter().any(|c| c.eq_ignore_ascii_case(wanted))
}

/// POP3 status line: `Some(true)` for `+OK`, `Some(false)` for `-ERR`.
pub(crate) fn pop3_status(line: &str) -> Option<bool> {
    if strip_prefix_ci(line, "+OK").is_some() {
        Some(true)
    } else if strip_prefix_ci(line, "-ERR").is_some() {
        Some(false)
    } else {
        None
    }
}

/// Whether a POP3 `CAPA` body line names `STLS`.
pub(crate) fn pop3_capa_is_stls(line: &str) -> bool {
    line.split_ascii_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("STLS"))
}

/// One SMTP reply line: its code, whether it is the last line of the reply
/// (`"250 "` rather than `"250-"`), and its text.
pub(crate) fn smtp_reply_line(line: &str) -> Option<(u16, bool, &str)> {
    let code = line.get(..3)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code: u16 = code.parse().ok()?;
    match line.as_bytes().get(3) {
        None => Some((code, true, "")),
        Some(b' ') => Some((code, true, line.get(4..).unwrap_or_default())),
        Some(b'-') => Some((code, false, line.get(4..).unwrap_or_default())),
        Some(_) => None,
    }
}

/// Whether an EHLO extension line (without the code) is `STARTTLS`.
pub(crate) fn smtp_ext_is_starttls(text: &str) -> bool {
    text.split_ascii_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("STARTTLS"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dovecot_imap_greeting_with_capabilities() {
        let line = "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE \
                    LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN] Dovecot (Debian) ready.";
        let Some(ImapGreeting::Ok(Some(caps))) = imap_greeting(line) else {
            panic!("not parsed: {line}");
        };
        assert!(has_capability(&caps, "starttls"));
        assert!(has_capability(&caps, "AUTH=PLAIN"));
        assert!(!has_capability(&caps, "LOGINDISABLED"));
    }

    #[test]
    fn imap_greetings_of_all_kinds() {
        assert_eq!(imap_greeting("* ok hello"), Some(ImapGreeting::Ok(None)));
        assert_eq!(
            imap_greeting("* PREAUTH welcome"),
            Some(ImapGreeting::PreAuth)
        );
        assert_eq!(
            imap_greeting("* BYE too many connections"),
            Some(ImapGreeting::Bye("too many connections".into()))
        );
        for junk in [
            "",
            "*",
            "+OK POP3 ready",
            "220 smtp",
            "* OK [CAPABILITY",
            "é",
            "* Ö",
        ] {
            let parsed = imap_greeting(junk);
            assert!(!matches!(parsed, Some(ImapGreeting::Ok(Some(_)))), "{junk}");
        }
        assert_eq!(
            imap_greeting("* OK [CAPABILITY IMAP4rev1"),
            Some(ImapGreeting::Ok(None))
        );
    }

    #[test]
    fn imap_capability_and_tagged_lines() {
        let caps = imap_capability_line("* CAPABILITY IMAP4rev1 STARTTLS").expect("caps");
        assert!(has_capability(&caps, "STARTTLS"));
        assert_eq!(imap_capability_line("* OK still here"), None);
        assert_eq!(
            imap_tagged_ok("B1 OK Begin TLS negotiation now.", "B1"),
            Some(true)
        );
        assert_eq!(imap_tagged_ok("B1 NO not now", "B1"), Some(false));
        assert_eq!(imap_tagged_ok("B1 BAD", "B1"), Some(false));
        assert_eq!(imap_tagged_ok("B12 OK", "B1"), None);
        assert_eq!(imap_tagged_ok("* OK", "B1"), None);
    }

    #[test]
    fn pop3_lines() {
        assert_eq!(pop3_status("+OK Dovecot (Debian) ready."), Some(true));
        assert_eq!(pop3_status("+ok"), Some(true));
        assert_eq!(pop3_status("-ERR no"), Some(false));
        assert_eq!(pop3_status("* OK imap"), None);
        assert_eq!(pop3_status(""), None);
        assert!(pop3_capa_is_stls("STLS"));
        assert!(pop3_capa_is_stls("stls "));
        assert!(!pop3_capa_is_stls("SASL PLAIN STLS"));
        assert!(!pop3_capa_is_stls(""));
    }

    #[test]
    fn smtp_lines() {
        assert_eq!(
            smtp_reply_line("220 mx ESMTP"),
            Some((220, true, "mx ESMTP"))
        );
        assert_eq!(
            smtp_reply_line("250-STARTTLS"),
            Some((250, false, "STARTTLS"))
        );
        assert_eq!(smtp_reply_line("250"), Some((250, true, "")));
        assert_eq!(smtp_reply_line("25"), None);
        assert_eq!(smtp_reply_line("2x0 hi"), None);
        assert_eq!(smtp_reply_line("250x"), None);
        assert_eq!(smtp_reply_line("ж50 hi"), None);
        assert!(smtp_ext_is_starttls("STARTTLS"));
        assert!(smtp_ext_is_starttls("starttls"));
        assert!(!smtp_ext_is_starttls("SIZE 1000"));
    }
}
