//! What `brev inspect FILE` prints: the decoded headers under translated
//! labels, the date in a readable form, the start of the text and the list
//! of attachments.

use super::{Address, Message};
use crate::fl;

/// How many lines of the body are shown.
pub const BODY_LINES: usize = 40;

/// A readable report of a parsed message, in the current language.
pub fn render(msg: &Message) -> String {
    let mut out = String::new();
    let subject = if msg.subject.is_empty() {
        fl!("mail-no-subject")
    } else {
        msg.subject.clone()
    };
    field(&mut out, fl!("mail-header-subject"), &subject);
    for (label, list) in [
        (fl!("mail-header-from"), &msg.from),
        (fl!("mail-header-to"), &msg.to),
        (fl!("mail-header-cc"), &msg.cc),
        (fl!("mail-header-bcc"), &msg.bcc),
        (fl!("mail-header-reply-to"), &msg.reply_to),
    ] {
        if !list.is_empty() {
            field(&mut out, label, &addresses(list));
        }
    }
    let date = msg
        .date
        .map_or_else(|| fl!("mail-date-unknown"), format_date);
    field(&mut out, fl!("mail-header-date"), &date);
    if let Some(id) = &msg.message_id {
        field(&mut out, fl!("mail-header-message-id"), &format!("<{id}>"));
    }
    field(&mut out, fl!("mail-header-size"), &format_size(msg.size));
    if !msg.list_unsubscribe.is_empty() {
        field(
            &mut out,
            fl!("mail-header-unsubscribe"),
            &msg.list_unsubscribe.join(", "),
        );
    }
    out.push('\n');

    for (show, note) in [
        (msg.from_html, fl!("mail-body-from-html")),
        (msg.remote_content, fl!("mail-remote-content-blocked")),
        (msg.repaired, fl!("mail-repaired")),
    ] {
        if show {
            out.push_str(&note);
            out.push('\n');
        }
    }
    if msg.from_html || msg.remote_content || msg.repaired {
        out.push('\n');
    }

    if msg.text.trim().is_empty() {
        out.push_str(&fl!("mail-body-empty"));
        out.push('\n');
    } else {
        let total = msg.text.lines().count();
        for line in msg.text.lines().take(BODY_LINES) {
            out.push_str(line);
            out.push('\n');
        }
        if total > BODY_LINES {
            let more = total - BODY_LINES;
            out.push_str(&fl!("mail-body-more-lines", count = more));
            out.push('\n');
        }
    }

    if !msg.attachments.is_empty() {
        out.push('\n');
        out.push_str(&fl!("mail-attachments", count = msg.attachments.len()));
        out.push('\n');
        for a in &msg.attachments {
            let mut details = format!("{}, {}", a.mime_type, format_size(a.size));
            if a.inline {
                details.push_str(", ");
                details.push_str(&fl!("mail-attachment-inline"));
            }
            out.push_str(&format!("  {}  ({details})\n", a.name));
        }
    }
    out
}

fn field(out: &mut String, label: String, value: &str) {
    out.push_str(&label);
    out.push_str(": ");
    out.push_str(value);
    out.push('\n');
}

fn addresses(list: &[Address]) -> String {
    list.iter()
        .map(Address::display)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `2024-03-05 13:07:00 UTC`: readable in every language Brev speaks.
pub fn format_date(unix: i64) -> String {
    let c = crate::datetime::civil(unix);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// `532 bytes`, `12.3 KB`, `4.0 MB` (binary units, the language's decimal
/// separator).
pub fn format_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if bytes < 1024 {
        return fl!("mail-size-bytes", count = bytes);
    } else if b < KB * KB {
        (b / KB, 0)
    } else if b < KB * KB * KB {
        (b / (KB * KB), 1)
    } else {
        (b / (KB * KB * KB), 2)
    };
    let size = format!("{value:.1}").replace('.', &fl!("mail-decimal-separator"));
    match unit {
        0 => fl!("mail-size-kb", size = size),
        1 => fl!("mail-size-mb", size = size),
        _ => fl!("mail-size-gb", size = size),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_date(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_date(1_709_644_020), "2024-03-05 13:07:00 UTC");
        assert_eq!(format_date(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_date(-1), "1969-12-31 23:59:59 UTC");
    }
}
