//! Reading what an IMAP server sends: FETCH attributes, flags,
//! INTERNALDATE, BODYSTRUCTURE, UID sets. Nothing here panics on any input.

use async_imap::imap_proto::rfc4315::UidSetMember;
use async_imap::imap_proto::{AttributeValue, BodyStructure, MessageSection, SectionPath};

use crate::store::Flags;

/// One FETCH response, the parts Brev uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fetched {
    pub seq: u32,
    pub uid: Option<u32>,
    pub flags: Option<Flags>,
    /// Unix seconds.
    pub internal_date: Option<i64>,
    pub size: Option<u32>,
    pub header: Option<Vec<u8>>,
    pub body: Option<Vec<u8>>,
    pub has_attachments: Option<bool>,
    pub modseq: Option<u64>,
}

impl Fetched {
    pub fn from_attrs(seq: u32, attrs: &[AttributeValue<'_>]) -> Fetched {
        let mut f = Fetched {
            seq,
            ..Fetched::default()
        };
        for a in attrs {
            match a {
                AttributeValue::Uid(u) => f.uid = Some(*u),
                AttributeValue::Flags(list) => {
                    f.flags = Some(flags(list.iter().map(|s| s.as_ref())))
                }
                AttributeValue::InternalDate(d) => f.internal_date = internal_date(d),
                AttributeValue::Rfc822Size(s) => f.size = Some(*s),
                AttributeValue::ModSeq(m) => f.modseq = Some(*m),
                AttributeValue::BodyStructure(b) => f.has_attachments = Some(has_attachments(b)),
                AttributeValue::BodySection { section, data, .. } => {
                    let bytes = data.as_ref().map(|d| d.to_vec()).unwrap_or_default();
                    match section {
                        None => f.body = Some(bytes),
                        Some(SectionPath::Full(MessageSection::Header)) => f.header = Some(bytes),
                        _ => {}
                    }
                }
                AttributeValue::Rfc822(data) => {
                    f.body = Some(data.as_ref().map(|d| d.to_vec()).unwrap_or_default());
                }
                AttributeValue::Rfc822Header(data) => {
                    f.header = Some(data.as_ref().map(|d| d.to_vec()).unwrap_or_default());
                }
                _ => {}
            }
        }
        f
    }
}

/// IMAP flag names to Brev's flag bits; unknown keywords are left out.
pub fn flags<'a>(names: impl IntoIterator<Item = &'a str>) -> Flags {
    let mut out = Flags::default();
    for n in names {
        let bit = match n.to_ascii_lowercase().as_str() {
            "\\seen" => Flags::SEEN,
            "\\answered" => Flags::ANSWERED,
            "\\flagged" => Flags::FLAGGED,
            "\\deleted" => Flags::DELETED,
            "\\draft" => Flags::DRAFT,
            "$forwarded" => Flags::FORWARDED,
            _ => continue,
        };
        out = out.with(bit, true);
    }
    out
}

/// Brev's flag bits as an IMAP flag list (without parentheses).
pub fn flag_names(f: Flags) -> String {
    let mut out: Vec<&str> = Vec::new();
    for (bit, name) in [
        (Flags::SEEN, "\\Seen"),
        (Flags::ANSWERED, "\\Answered"),
        (Flags::FLAGGED, "\\Flagged"),
        (Flags::DELETED, "\\Deleted"),
        (Flags::DRAFT, "\\Draft"),
        (Flags::FORWARDED, "$Forwarded"),
    ] {
        if f.contains(bit) {
            out.push(name);
        }
    }
    out.join(" ")
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// INTERNALDATE (`"05-Mar-2024 14:03:11 +0100"`, day maybe space-padded)
/// to unix seconds.
pub fn internal_date(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = text.split_once(' ')?;
    let (time, zone) = rest.trim().split_once(' ')?;
    let mut d = date.split('-');
    let day: i64 = d.next()?.trim().parse().ok()?;
    let month_name = d.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == month_name)? as i64 + 1;
    let year: i64 = d.next()?.parse().ok()?;
    let mut t = time.split(':');
    let h: i64 = t.next()?.parse().ok()?;
    let mi: i64 = t.next()?.parse().ok()?;
    let s: i64 = t.next()?.parse().ok()?;
    let zone = zone.trim();
    let sign = match zone.get(..1)? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let zh: i64 = zone.get(1..3)?.parse().ok()?;
    let zm: i64 = zone.get(3..5)?.parse().ok()?;
    if !(1..=31).contains(&day) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(
        crate::datetime::days_from_civil(year, month as u32, day as u32) * 86_400
            + h * 3600
            + mi * 60
            + s
            - sign * (zh * 3600 + zm * 60),
    )
}

/// Unix seconds to an IMAP date for SEARCH SINCE (`5-Mar-2024`), UTC.
pub fn search_date(unix: i64) -> String {
    let c = crate::datetime::civil(unix);
    let (y, m, d) = (c.year, i64::from(c.month), c.day);
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .get((m - 1).clamp(0, 11) as usize)
    .copied()
    .unwrap_or("Jan");
    format!("{d}-{month}-{y}")
}

/// Whether a message shows the paper clip: a part meant as an attachment
/// (disposition `attachment`, or a named non-text part without a
/// disposition, or an attached message). Inline images are not.
pub fn has_attachments(b: &BodyStructure<'_>) -> bool {
    match b {
        BodyStructure::Multipart { bodies, .. } => bodies.iter().any(has_attachments),
        BodyStructure::Message { common, .. } => common
            .disposition
            .as_ref()
            .is_none_or(|d| !d.ty.eq_ignore_ascii_case("inline")),
        BodyStructure::Basic { common, .. } | BodyStructure::Text { common, .. } => {
            if let Some(d) = &common.disposition {
                return d.ty.eq_ignore_ascii_case("attachment");
            }
            let named = common
                .ty
                .params
                .as_ref()
                .is_some_and(|ps| ps.iter().any(|(k, _)| k.eq_ignore_ascii_case("name")));
            named && !common.ty.ty.eq_ignore_ascii_case("text")
        }
    }
}

/// UIDs as a compact IMAP set (`1:5,7,9:12`); `uids` in any order.
pub fn uid_set(uids: &[u32]) -> String {
    let mut sorted: Vec<u32> = uids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&start) = sorted.get(i) {
        let mut end = start;
        while sorted.get(i + 1) == Some(&end.wrapping_add(1)) {
            end += 1;
            i += 1;
        }
        if !out.is_empty() {
            out.push(',');
        }
        if start == end {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}:{end}"));
        }
        i += 1;
    }
    out
}

/// The most UIDs a server's set is expanded to (a hostile `1:4294967295`
/// must not exhaust memory).
const MAX_EXPANDED: usize = 1_000_000;

/// An APPENDUID/COPYUID set, in the server's order.
pub fn expand_set(set: &[UidSetMember]) -> Vec<u32> {
    let mut out = Vec::new();
    for m in set {
        match m {
            UidSetMember::Uid(u) => out.push(*u),
            UidSetMember::UidRange(r) => {
                let (a, b) = (*r.start(), *r.end());
                let room = MAX_EXPANDED.saturating_sub(out.len()) as u32;
                if a <= b {
                    out.extend(a..=b.min(a.saturating_add(room)));
                } else {
                    // RFC 4315: a range may be written high:low.
                    out.extend(b..=a.min(b.saturating_add(room)));
                }
            }
        }
        if out.len() >= MAX_EXPANDED {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_imap::imap_proto::Response;

    fn fetch(line: &[u8]) -> Fetched {
        match Response::parse(line) {
            Ok((_, Response::Fetch(seq, attrs))) => Fetched::from_attrs(seq, &attrs),
            other => panic!("not a FETCH: {other:?}"),
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            internal_date("05-Mar-2024 15:03:11 +0100"),
            Some(1_709_647_391)
        );
        assert_eq!(
            internal_date(" 5-Mar-2024 09:03:11 -0500"),
            Some(1_709_647_391)
        );
        assert_eq!(
            internal_date("5-mar-2024 14:03:11 +0000"),
            Some(1_709_647_391)
        );
        for bad in [
            "",
            "x",
            "05-Foo-2024 15:03:11 +0100",
            "05-Mar-2024 15:03 +0100",
            "05-Mar-2024 15:03:11 0100",
        ] {
            assert_eq!(internal_date(bad), None, "{bad}");
        }
        assert_eq!(search_date(1_709_647_391), "5-Mar-2024");
        assert_eq!(search_date(0), "1-Jan-1970");
    }

    #[test]
    fn flag_round_trip() {
        let f = flags(["\\Seen", "\\FLAGGED", "$Forwarded", "$Junk", "\\Recent"]);
        assert!(
            f.contains(Flags::SEEN) && f.contains(Flags::FLAGGED) && f.contains(Flags::FORWARDED)
        );
        assert!(!f.contains(Flags::ANSWERED));
        assert_eq!(flag_names(f), "\\Seen \\Flagged $Forwarded");
        assert_eq!(flag_names(Flags::default()), "");
    }

    #[test]
    fn uid_sets() {
        assert_eq!(uid_set(&[5, 1, 2, 3, 7, 9, 10, 11, 3]), "1:3,5,7,9:11");
        assert_eq!(uid_set(&[]), "");
        assert_eq!(
            uid_set(&[u32::MAX, u32::MAX - 1]),
            format!("{}:{}", u32::MAX - 1, u32::MAX)
        );
        let set = vec![
            UidSetMember::Uid(4),
            UidSetMember::UidRange(std::ops::RangeInclusive::new(9, 7)),
            UidSetMember::UidRange(1..=2),
        ];
        assert_eq!(expand_set(&set), vec![4, 7, 8, 9, 1, 2]);
        let huge = vec![UidSetMember::UidRange(1..=u32::MAX)];
        assert_eq!(expand_set(&huge).len(), MAX_EXPANDED + 1);
    }

    #[test]
    fn fetch_with_header_and_structure() {
        let line = b"* 12 FETCH (UID 4827 FLAGS (\\Seen \\Answered) INTERNALDATE \"05-Mar-2024 15:03:11 +0100\" RFC822.SIZE 4412 MODSEQ (77) BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"faktura.pdf\") NIL NIL \"base64\" 4000 NIL (\"attachment\" (\"filename\" \"faktura.pdf\")) NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL) BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: Hej\r\n\r\n)\r\n";
        let f = fetch(line);
        assert_eq!(f.seq, 12);
        assert_eq!(f.uid, Some(4827));
        assert_eq!(f.size, Some(4412));
        assert_eq!(f.modseq, Some(77));
        assert_eq!(f.internal_date, Some(1_709_647_391));
        assert_eq!(f.has_attachments, Some(true));
        assert_eq!(f.header.as_deref(), Some(&b"Subject: Hej\r\n\r\n"[..]));
        assert!(
            f.flags
                .is_some_and(|f| f.contains(Flags::SEEN) && f.contains(Flags::ANSWERED))
        );
    }

    #[test]
    fn inline_images_and_plain_text_are_no_attachments() {
        let plain = fetch(b"* 1 FETCH (UID 1 BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL))\r\n");
        assert_eq!(plain.has_attachments, Some(false));
        let related = fetch(b"* 2 FETCH (UID 2 BODYSTRUCTURE ((\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL)(\"image\" \"png\" (\"name\" \"logo.png\") \"<logo>\" NIL \"base64\" 400 NIL (\"inline\" NIL) NIL NIL) \"related\" (\"boundary\" \"b\") NIL NIL NIL))\r\n");
        assert_eq!(related.has_attachments, Some(false));
        let body = fetch(b"* 3 FETCH (UID 3 BODY[] {5}\r\nHello)\r\n");
        assert_eq!(body.body.as_deref(), Some(&b"Hello"[..]));
        let nil = fetch(b"* 4 FETCH (UID 4 BODY[] NIL)\r\n");
        assert_eq!(nil.body.as_deref(), Some(&b""[..]));
    }
}
