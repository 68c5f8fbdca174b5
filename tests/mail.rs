//! `brev::mail` against the corpus of tricky messages in tests/corpus/ (see
//! its README.md), plus nesting, size and mutation tests built at run time.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use brev::mail::{
    self, Address, Attachment, Message, attachment_bytes, html_to_text, inspect, parse, preview,
    safe_file_name,
};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
}

/// Every message file in the corpus, by name.
fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml") || n.ends_with(".bin"))
        .collect();
    names.sort();
    names
}

/// Parse, render and fetch every attachment, failing the test on a panic.
fn parse_checked(raw: &[u8]) -> Message {
    let msg = catch_unwind(|| parse(raw)).expect("parse panicked");
    catch_unwind(|| inspect::render(&msg)).expect("inspect::render panicked");
    for a in &msg.attachments {
        let bytes =
            catch_unwind(|| attachment_bytes(raw, a.part)).expect("attachment_bytes panicked");
        let bytes = bytes.unwrap_or_else(|| panic!("no bytes for attachment {a:?}"));
        assert_eq!(bytes.len() as u64, a.size, "size of {a:?}");
    }
    assert_eq!(msg.size, raw.len() as u64);
    assert_no_controls(&msg);
    msg
}

fn parsed(name: &str) -> Message {
    parse_checked(&corpus(name))
}

/// Text for display never carries control characters (but tab and newline
/// in the body).
fn assert_no_controls(msg: &Message) {
    let one_line = |s: &str| !s.chars().any(char::is_control);
    assert!(one_line(&msg.subject), "{:?}", msg.subject);
    for a in msg
        .from
        .iter()
        .chain(&msg.to)
        .chain(&msg.cc)
        .chain(&msg.bcc)
        .chain(&msg.reply_to)
    {
        assert!(one_line(&a.display()), "{a:?}");
    }
    for a in &msg.attachments {
        assert!(one_line(&a.name), "{a:?}");
    }
    assert!(
        !msg.text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "control character in {:?}",
        msg.text
    );
}

fn addr(name: Option<&str>, email: &str) -> Address {
    Address {
        name: name.map(str::to_owned),
        email: email.to_owned(),
    }
}

fn names(msg: &Message) -> Vec<&str> {
    msg.attachments.iter().map(|a| a.name.as_str()).collect()
}

/// Run `f` on a thread with a small stack: a parser that recursed once per
/// nesting level would overflow it (and abort the whole test run).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("panicked on the small stack")
}

// ---------------------------------------------------------------------------
// The corpus as a whole

#[test]
fn every_corpus_file_parses_and_is_listed_in_the_readme() {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).unwrap();
    let files = corpus_files();
    assert!(files.len() >= 27, "only {} corpus files", files.len());
    for name in &files {
        assert!(
            readme.contains(name.as_str()),
            "README.md does not list {name}"
        );
        let raw = corpus(name);
        let started = Instant::now();
        parse_checked(&raw);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{name} took {:?}",
            started.elapsed()
        );
    }
}

// ---------------------------------------------------------------------------
// Structure

#[test]
fn nested_mixed_alternative_related() {
    let raw = corpus("nested-mixed-alternative-related.eml");
    let m = parse_checked(&raw);
    assert_eq!(m.subject, "Nested: mixed > alternative > related");
    assert_eq!(m.from, [addr(Some("Anna Svensson"), "anna@example.se")]);
    assert_eq!(
        m.to,
        [
            addr(Some("Bob"), "bob@example.com"),
            addr(None, "carol@example.com")
        ]
    );
    assert_eq!(m.cc, [addr(Some("Dan, the Man"), "dan@example.com")]);
    assert_eq!(m.reply_to, [addr(None, "lists@example.se")]);
    assert!(m.bcc.is_empty());
    // Tue, 05 Mar 2024 14:07:00 +0100
    assert_eq!(m.date, Some(1_709_644_020));
    assert_eq!(m.message_id.as_deref(), Some("nested-1@example.se"));
    assert_eq!(m.in_reply_to, ["parent@example.com"]);
    assert_eq!(m.references, ["root@example.com", "parent@example.com"]);
    // The plain alternative wins; the HTML one is not shown.
    assert_eq!(
        m.text,
        "Plain part: the report is attached.\nGreetings from Göteborg."
    );
    assert!(!m.from_html);
    assert!(!m.repaired);
    assert_eq!(
        m.attachments,
        [
            Attachment {
                part: m.attachments[0].part,
                name: "logo.png".into(),
                mime_type: "image/png".into(),
                size: 70,
                inline: true,
            },
            Attachment {
                part: m.attachments[1].part,
                name: "report.pdf".into(),
                mime_type: "application/pdf".into(),
                size: 45,
                inline: false,
            },
        ]
    );
    let png = attachment_bytes(&raw, m.attachments[0].part).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let pdf = attachment_bytes(&raw, m.attachments[1].part).unwrap();
    assert_eq!(pdf, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    // The multipart containers have no bytes of their own.
    assert_eq!(attachment_bytes(&raw, 0), None);
    assert_eq!(attachment_bytes(&raw, 999), None);
}

#[test]
fn missing_closing_boundary() {
    let raw = corpus("missing-closing-boundary.eml");
    let m = parse_checked(&raw);
    assert_eq!(m.text, "First part, still readable.");
    assert_eq!(names(&m), ["notes.txt"]);
    assert_eq!(m.attachments[0].mime_type, "text/plain");
    let bytes = attachment_bytes(&raw, m.attachments[0].part).unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap().trim_end(),
        "The file ends without a closing boundary."
    );
}

#[test]
fn boundary_that_never_appears() {
    let m = parsed("boundary-never-appears.eml");
    assert_eq!(m.subject, "Boundary that never appears");
    assert!(
        m.text
            .contains("Text that sits under a boundary nobody declared."),
        "{:?}",
        m.text
    );
    assert!(m.attachments.is_empty());
}

#[test]
fn forwarded_message_is_an_attachment() {
    let raw = corpus("forwarded-rfc822.eml");
    let m = parse_checked(&raw);
    assert_eq!(m.subject, "Fwd: Original message");
    assert_eq!(m.text, "See the forwarded message below.");
    assert_eq!(m.attachments.len(), 1, "{:?}", m.attachments);
    let a = &m.attachments[0];
    assert_eq!(a.name, "Original message.eml");
    assert_eq!(a.mime_type, "message/rfc822");
    assert!(!a.inline);
    let bytes = attachment_bytes(&raw, a.part).unwrap();
    assert!(bytes.starts_with(b"From: Eve <eve@example.org>\n"));
    assert!(bytes.ends_with(b"--inner--"));
    // The saved message parses on its own, attachment and all.
    let inner = parse_checked(&bytes);
    assert_eq!(inner.subject, "Original message");
    assert_eq!(inner.text, "The forwarded text.");
    assert_eq!(names(&inner), ["data.csv"]);
}

// ---------------------------------------------------------------------------
// Deep nesting, generated here rather than stored

const DEPTH: usize = 5_000;

fn deep_multipart(depth: usize) -> Vec<u8> {
    let mut s = String::from("From: a@example.com\nSubject: Deep multipart\n");
    for i in 0..depth {
        s.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n"
        ));
    }
    s.push_str("Content-Type: text/plain\n\nthe innermost text\n");
    for i in (0..depth).rev() {
        s.push_str(&format!("--b{i}--\n"));
    }
    s.into_bytes()
}

#[test]
fn deeply_nested_multipart() {
    let raw = deep_multipart(DEPTH);
    let started = Instant::now();
    let m = on_small_stack(move || parse(&raw));
    assert_eq!(m.subject, "Deep multipart");
    assert_eq!(m.text, "the innermost text");
    assert!(m.attachments.is_empty());
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// A message forwarded inside a message, `depth` times, in the given style.
fn deep_rfc822(depth: usize, content_type: &str) -> String {
    let mut s = String::new();
    for i in 0..depth {
        s.push_str(&format!(
            "Subject: level {i}\nContent-Type: {content_type}\n\n"
        ));
    }
    s.push_str("Subject: innermost\n\nthe innermost text\n");
    s
}

#[test]
fn deeply_nested_forwarded_messages() {
    for content_type in [
        "message/rfc822",
        "MESSAGE/RFC822",
        "message/global",
        "message / (a comment) rfc822",
        "message/rfc822 (trailing comment)",
        "message/\"rfc822\"",
        "message/\\rfc822",
        "message/(c)rfc822",
        "message/foo(c)rfc822",
        "message/rfc822; x=\"digest global\"",
    ] {
        let raw = deep_rfc822(DEPTH, content_type).into_bytes();
        let (m, bytes) = on_small_stack(move || {
            let m = parse(&raw);
            let bytes = m
                .attachments
                .first()
                .and_then(|a| attachment_bytes(&raw, a.part));
            (m, bytes)
        });
        assert_eq!(m.subject, "level 0", "{content_type}");
        assert_eq!(m.attachments.len(), 1, "{content_type}");
        assert_eq!(m.attachments[0].name, "level 1.eml", "{content_type}");
        assert!(bytes.unwrap().starts_with(b"Subject: level 1\n"));
    }
}

#[test]
fn deeply_nested_forwarded_messages_inside_base64() {
    // mail-parser decodes and parses base64-encoded forwarded messages
    // itself (three levels deep); the deep chain hides inside.
    let inner = deep_rfc822(DEPTH, "message/rfc822");
    let mut raw = String::from(
        "Subject: outer\nContent-Type: multipart/mixed; boundary=\"x\"\n\n--x\n\
         Content-Type: text/plain\n\nouter text\n--x\nContent-Type: message/rfc822\n\
         Content-Transfer-Encoding: base64\n\n",
    );
    raw.push_str(&base64(inner.as_bytes()));
    raw.push_str("\n--x--\n");
    let m = on_small_stack(move || parse(raw.as_bytes()));
    assert_eq!(m.subject, "outer");
    assert_eq!(m.text, "outer text");
    assert_eq!(names(&m), ["level 0.eml"]);
    assert_eq!(m.attachments[0].size, inner.len() as u64);
}

#[test]
fn deeply_nested_digests() {
    let mut s = String::new();
    for i in 0..DEPTH {
        s.push_str(&format!(
            "Subject: digest {i}\nContent-Type: multipart/digest; boundary=\"d{i}\"\n\n--d{i}\n\n"
        ));
    }
    s.push_str("Subject: innermost\n\nthe innermost text\n");
    for i in (0..DEPTH).rev() {
        s.push_str(&format!("--d{i}--\n"));
    }
    let raw = s.into_bytes();
    let m = on_small_stack(move || parse(&raw));
    assert_eq!(m.subject, "digest 0");
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].mime_type, "message/rfc822");
    assert_eq!(m.attachments[0].name, "digest 1.eml");
}

#[test]
fn deeply_nested_html() {
    let n = 100_000;
    let html = format!(
        "{}<p>deep <a href=\"https://deep.example/\">link</a></p>{}",
        "<div><table><tr><td>".repeat(n / 4),
        "</td></tr></table></div>".repeat(n / 4)
    );
    let raw = format!("Subject: deep html\nContent-Type: text/html\n\n{html}\n");
    let started = Instant::now();
    let m = parse_checked(raw.as_bytes());
    assert!(m.text.contains("deep"), "{:?}", m.text);
    assert!(m.text.contains("https://deep.example/"));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------
// Transfer encodings

#[test]
fn broken_base64() {
    let raw = corpus("broken-base64.eml");
    let m = parse_checked(&raw);
    // The stray "!" and "#" are skipped, the rest decodes.
    assert_eq!(m.text, "Hello world, broken base64.");
    assert!(m.repaired);
    assert_eq!(names(&m), ["truncated.bin"]);
    assert_eq!(
        attachment_bytes(&raw, m.attachments[0].part).unwrap(),
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
}

#[test]
fn broken_quoted_printable() {
    let m = parsed("broken-quoted-printable.eml");
    assert_eq!(
        m.text,
        "Hallå där, bad escape =ZZ here, lower case ä is fine,\n\
         a soft break, a lone = sign, and a cut escape at the end =4"
    );
}

// ---------------------------------------------------------------------------
// Charsets

#[test]
fn bulgarian_windows_1251() {
    let m = parsed("bulgarian-windows-1251.eml");
    assert_eq!(m.subject, "Здравей, свят! Тестово писмо");
    assert_eq!(m.from, [addr(Some("Иван Петров"), "ivan@example.bg")]);
    assert_eq!(
        m.text,
        "Това е писмо на български език.\nЩастлива нова година, приятели!"
    );
    assert_eq!(m.date, Some(1_709_706_600));
    assert!(!m.repaired);
}

#[test]
fn bulgarian_koi8_r() {
    let m = parsed("bulgarian-koi8-r.eml");
    assert_eq!(m.subject, "Привет из Софии");
    assert_eq!(m.from, [addr(Some("Мария"), "maria@example.bg")]);
    assert!(
        m.text
            .contains("Добрый день! Это письмо в кодировке KOI8-R."),
        "{}",
        m.text
    );
    assert!(
        m.text
            .contains("съешь же ещё этих мягких французских булок"),
        "{}",
        m.text
    );
}

#[test]
fn swedish_iso_8859_1() {
    let m = parsed("swedish-iso-8859-1.eml");
    assert_eq!(m.subject, "Smörgåsbord på fredag");
    assert_eq!(m.from, [addr(Some("Åsa Öberg"), "asa@example.se")]);
    assert_eq!(
        m.text,
        "Hej Åsa!\nVi äter smörgåsbord på fredag. Öl och blåbär."
    );
}

#[test]
fn norwegian_iso_8859_15() {
    let m = parsed("norwegian-iso-8859-15.eml");
    assert_eq!(m.subject, "Pris: 49 € for blåbærsyltetøy");
    assert_eq!(m.from, [addr(Some("Øystein Ærø"), "oystein@example.no")]);
    assert!(m.text.contains('€'));
    assert!(m.text.contains("smörgås"));
    assert!(
        m.text.contains("Blåbærsyltetøy koster 49 € per glass."),
        "{}",
        m.text
    );
}

#[test]
fn missing_charset() {
    let m = parsed("missing-charset-utf8.eml");
    assert_eq!(m.text, "Grüße aus Malmö – 5 €.");
    assert!(!m.repaired);
    let m = parsed("missing-charset-latin1.eml");
    assert_eq!(m.text, "Kära Åsa, här är smörgåsarna.");
    assert!(m.repaired);
}

#[test]
fn wrong_charset() {
    let m = parsed("wrong-charset-utf8-is-cp1251.eml");
    assert_eq!(m.text, "Добро утро, България! Как сте днес?");
    assert!(m.repaired);
    let m = parsed("wrong-charset-latin1-is-utf8.eml");
    assert_eq!(m.text, "Blåbär och lingon från Särö.");
}

#[test]
fn raw_8bit_headers() {
    let m = parsed("raw-8bit-utf8-headers.eml");
    assert_eq!(m.subject, "Grüße från Åre – Здравей");
    assert_eq!(m.from, [addr(Some("Björn Ærøskøbing"), "bjorn@example.dk")]);
    assert_eq!(m.to, [addr(Some("Здравко"), "zdravko@example.bg")]);
    assert!(!m.repaired);

    let m = parsed("raw-8bit-latin1-headers.eml");
    assert_eq!(m.subject, "Möte i Västerås");
    assert_eq!(m.from, [addr(Some("Göran Ström"), "goran@example.se")]);
    assert_eq!(m.text, "Vi ses på mötet.");
    assert!(m.repaired);

    let m = parsed("raw-8bit-cp1251-headers.eml");
    assert_eq!(m.subject, "Среща в понеделник");
    assert_eq!(m.from, [addr(Some("Георги Димитров"), "georgi@example.bg")]);
    assert_eq!(m.text, "Ще се видим в понеделник.");
}

#[test]
fn encoded_words_split_and_mislabelled() {
    // "Blåbär" split inside "å" across two UTF-8 words.
    let m = parse_checked(b"Subject: =?utf-8?B?QmzD?= =?utf-8?B?pWLDpHI=?=\n\nx\n");
    assert_eq!(m.subject, "Blåbär");
    // windows-1251 bytes in words that claim UTF-8.
    let m = parse_checked(b"Subject: =?utf-8?Q?=D2=E5=F1=F2?= =?utf-8?Q?_=EF=E8=F1=EC=EE?=\n\nx\n");
    assert_eq!(m.subject, "Тест писмо");
}

// ---------------------------------------------------------------------------
// HTML

#[test]
fn html_only_with_remote_images_scripts_and_styles() {
    let m = parsed("html-only-remote-images.eml");
    assert!(m.from_html);
    assert!(m.remote_content);
    for wanted in [
        "Hello!",
        "spring offers",
        "https://shop.example/spring?utm=mail&id=7",
        "mailto:help@shop.example",
        "Spring banner",
        "Do not click",
    ] {
        assert!(
            m.text.contains(wanted),
            "{wanted:?} missing from {:?}",
            m.text
        );
    }
    for unwanted in [
        "secretScript",
        "stealCookies",
        "injected text",
        "document.write",
        "secret-style",
        "color: red",
        "tracker.example",
        "javascript",
        "alert",
        "<",
    ] {
        assert!(
            !m.text.contains(unwanted),
            "{unwanted:?} leaked into {:?}",
            m.text
        );
    }
    assert_eq!(
        m.links,
        [
            "https://shop.example/spring?utm=mail&id=7",
            "mailto:help@shop.example"
        ]
    );
    assert_eq!(m.list_id.as_deref(), Some("news.shop.example"));
    assert_eq!(
        m.list_unsubscribe,
        [
            "mailto:unsub@shop.example?subject=unsubscribe",
            "https://shop.example/unsub?u=42"
        ]
    );
    assert!(m.list_unsubscribe_one_click);
}

#[test]
fn plain_text_falls_back_to_html_when_empty() {
    let raw = b"Subject: x\nContent-Type: multipart/alternative; boundary=a\n\n--a\n\
        Content-Type: text/plain\n\n   \n--a\nContent-Type: text/html\n\n\
        <p>Only the <a href=\"https://x.example/\">HTML</a> has text</p>\n--a--\n";
    let m = parse_checked(raw);
    assert!(m.from_html);
    assert!(m.text.contains("Only the"), "{:?}", m.text);
    assert!(m.text.contains("https://x.example/"));
    assert!(m.attachments.is_empty());
}

// ---------------------------------------------------------------------------
// Attachments

#[test]
fn rfc2231_swedish_file_names() {
    let raw = corpus("attachment-rfc2231-swedish-name.eml");
    let m = parse_checked(&raw);
    assert_eq!(m.text, "Two attachments with encoded names.");
    assert_eq!(names(&m), ["smörgåsbord meny.txt", "Blåbärsäsong Åre.pdf"]);
    assert_eq!(m.attachments[0].mime_type, "text/plain");
    assert_eq!(m.attachments[1].mime_type, "application/pdf");
    // Saved as sent: ISO-8859-1 bytes.
    assert_eq!(
        attachment_bytes(&raw, m.attachments[0].part).unwrap(),
        b"R\xe4ksm\xf6rg\xe5s 85 kr\n"
    );
    assert_eq!(m.attachments[0].size, 17);
    assert_eq!(m.attachments[1].size, 45);
    assert!(m.attachments.iter().all(|a| !a.inline));
}

#[test]
fn names_keep_the_words_brev_hides_from_the_parser() {
    // "global", "digest" and "rfc822" are overwritten before mail-parser
    // reads the structure; what the user sees comes from the original.
    let raw =
        b"Subject: global digest rfc822\nContent-Type: multipart/mixed; boundary=\"global\"\n\n\
        --global\nContent-Type: text/plain\n\nA global digest of rfc822 news.\n--global\n\
        Content-Type: application/pdf; name=\"global digest.pdf\"\n\
        Content-Disposition: attachment; filename=\"rfc822 global digest.pdf\"\n\
        Content-Transfer-Encoding: base64\n\ncmZjODIyIGdsb2JhbCBkaWdlc3Q=\n--global--\n";
    let m = parse_checked(raw);
    assert_eq!(m.subject, "global digest rfc822");
    assert_eq!(m.text, "A global digest of rfc822 news.");
    assert_eq!(names(&m), ["rfc822 global digest.pdf"]);
    assert_eq!(
        attachment_bytes(raw, m.attachments[0].part).unwrap(),
        b"rfc822 global digest"
    );
}

#[test]
fn path_traversal_names_are_made_safe() {
    let m = parsed("attachment-path-traversal-name.eml");
    assert_eq!(m.attachments.len(), 3, "{:?}", m.attachments);
    assert_eq!(m.attachments[0].name, "../../etc/passwd");
    let safe: Vec<String> = m
        .attachments
        .iter()
        .map(|a| safe_file_name(&a.name))
        .collect();
    assert_eq!(safe, ["passwd", "evil.dll", "bashrc"]);
    for name in &safe {
        assert_safe(name);
    }
}

fn assert_safe(name: &str) {
    assert!(!name.is_empty());
    assert!(!name.contains(['/', '\\', '\0']), "{name:?}");
    assert!(!name.starts_with('.'), "{name:?}");
    assert!(name != "..", "{name:?}");
    assert!(!name.chars().any(char::is_control), "{name:?}");
    assert!(name.len() <= 200, "{} bytes", name.len());
}

// ---------------------------------------------------------------------------
// Headers and shape

#[test]
fn empty_file() {
    let m = parsed("empty.eml");
    assert_eq!(m, Message::default());
}

#[test]
fn binary_garbage() {
    let m = parsed("binary-garbage.bin");
    assert_eq!(m.size, 4096);
    assert!(m.text.is_empty(), "{:?}", m.text);
}

#[test]
fn headers_only() {
    let m = parsed("headers-only.eml");
    assert_eq!(m.subject, "Headers only, no body");
    assert_eq!(m.date, Some(1_709_899_200));
    assert_eq!(m.message_id.as_deref(), Some("headers-only@example.com"));
    assert_eq!(m.text, "");
    assert!(m.attachments.is_empty());
    assert!(!m.repaired);
}

#[test]
fn no_headers() {
    let m = parsed("no-headers.eml");
    assert_eq!(m.subject, "");
    assert_eq!(
        m.text,
        "Hello there\nthis file has no header lines at all\njust some text"
    );
}

#[test]
fn unparseable_dates() {
    let m = parsed("unparseable-dates.eml");
    assert_eq!(m.date, None);
    assert_eq!(m.subject, "Unparseable date");
    assert_eq!(m.text, "Dates that make no sense.");
    for date in [
        "31 Feb 2024 25:61:00 +0000",
        "Mon, 1 Jan 99999 00:00:00 +0000",
        "",
        "0",
        "-1",
        "Thu, 01 Jan 1970 00:00:00 +9999",
    ] {
        let raw = format!("Subject: d\nDate: {date}\n\nx\n");
        let m = parse_checked(raw.as_bytes());
        if let Some(d) = m.date {
            // Whatever was made of it, it is a sane time.
            assert!(
                (-2_300_000_000..40_000_000_000).contains(&d),
                "{date:?} gave {d}"
            );
        }
    }
    let m = parse_checked(b"Date: Mon, 1 Jan 2024 10:00:00 +0100\n\nx\n");
    assert_eq!(m.date, Some(1_704_099_600));
}

#[test]
fn nul_bytes_and_mixed_newlines() {
    let m = parsed("nul-bytes-and-mixed-newlines.eml");
    assert_eq!(m.subject, "NUL bytes and mixed newlines");
    assert_eq!(m.text, "line one\nlinetwo\nline three\nline four");
}

#[test]
fn very_long_line() {
    let m = parsed("very-long-line.eml");
    assert_eq!(m.text.lines().next().unwrap().len(), 8000 * 5 - 1);
    assert!(m.text.ends_with("END-OF-LONG-LINE"));
    let p = preview(&m.text, 100);
    assert_eq!(p.chars().count(), 100);
    assert!(p.ends_with('…'));

    // A 4 MB line, built here.
    let raw = format!("Subject: huge line\n\n{}\n", "x".repeat(4 << 20));
    let started = Instant::now();
    let m = parse_checked(raw.as_bytes());
    assert_eq!(m.text.len(), 4 << 20);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn huge_header() {
    // One Subject folded over 20,000 lines (~300 KB), 5,000 references and
    // 5,000 other header lines.
    let mut raw = String::from("From: a@example.com\nSubject: start");
    for i in 0..20_000 {
        raw.push_str(&format!("\n word{i:05}"));
    }
    raw.push_str("\nReferences:");
    for i in 0..5_000 {
        raw.push_str(&format!(" <ref{i}@example.com>\n"));
    }
    for i in 0..5_000 {
        raw.push_str(&format!("X-Filler-{i}: value {i}\n"));
    }
    raw.push_str("\nthe body\n");
    assert!(raw.len() > 300_000);
    let started = Instant::now();
    let m = parse_checked(raw.as_bytes());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(m.subject.starts_with("start word00000 word00001"));
    assert!(m.subject.ends_with("word19999"));
    assert_eq!(m.references.len(), 5_000);
    assert_eq!(m.references[4_999], "ref4999@example.com");
    assert_eq!(m.from, [addr(None, "a@example.com")]);
    assert_eq!(m.text, "the body");
}

#[test]
fn very_many_parts() {
    for (ctype, body) in [
        ("text/plain", "some text"),
        ("text/html", "<p>some <b>html</b></p>"),
        ("application/octet-stream", "AAAA"),
    ] {
        let mut raw =
            String::from("Subject: many parts\nContent-Type: multipart/mixed; boundary=p\n\n");
        for _ in 0..20_000 {
            raw.push_str(&format!("--p\nContent-Type: {ctype}\n\n{body}\n"));
        }
        raw.push_str("--p--\n");
        let started = Instant::now();
        let m = parse(raw.as_bytes());
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{ctype}: {:?}",
            started.elapsed()
        );
        assert_no_controls(&m);
        assert!(m.attachments.len() <= 1000);
        if let Some(last) = m.attachments.last() {
            assert_eq!(
                attachment_bytes(raw.as_bytes(), last.part).unwrap(),
                b"AAAA"
            );
        }
        if ctype.starts_with("text") {
            assert!(m.text.starts_with("some"), "{:?}", &m.text[..20]);
        }
    }
}

// ---------------------------------------------------------------------------
// `brev inspect`

#[test]
fn inspect_shows_headers_body_and_attachments() {
    let out = inspect::render(&parsed("nested-mixed-alternative-related.eml"));
    for wanted in [
        "Nested: mixed > alternative > related",
        "Anna Svensson <anna@example.se>",
        "Bob <bob@example.com>, carol@example.com",
        "2024-03-05 13:07:00 UTC",
        "<nested-1@example.se>",
        "Greetings from Göteborg.",
        "report.pdf",
        "application/pdf",
        "logo.png",
        "image/png",
    ] {
        assert!(out.contains(wanted), "{wanted:?} missing from\n{out}");
    }
    // Only the start of a long body.
    let long: String = (1..=100).map(|i| format!("line {i}\n")).collect();
    let raw = format!("Subject: long\n\n{long}");
    let out = inspect::render(&parse(raw.as_bytes()));
    assert!(out.contains(&format!("line {}\n", inspect::BODY_LINES)));
    assert!(!out.contains(&format!("line {}\n", inspect::BODY_LINES + 1)));
    // Nothing at all still renders.
    assert!(!inspect::render(&parse(b"")).is_empty());
}

#[test]
fn inspect_sizes() {
    // English is the language when nothing else was chosen.
    assert_eq!(inspect::format_size(0), "0 bytes");
    assert_eq!(inspect::format_size(1), "1 byte");
    assert_eq!(inspect::format_size(1536), "1.5 KB");
    assert_eq!(inspect::format_size(5 << 20), "5.0 MB");
}

// ---------------------------------------------------------------------------
// The small public functions

#[test]
fn preview_is_one_collapsed_line() {
    assert_eq!(preview("  Hello,\n\n\tworld!  ", 100), "Hello, world!");
    assert_eq!(preview("", 10), "");
    assert_eq!(preview("abc", 0), "");
    assert_eq!(preview("one two three four", 9), "one two…");
    assert_eq!(preview("one two", 7), "one two");
    assert_eq!(preview("abcdefghijkl", 5), "abcd…");
    assert_eq!(preview("åäö ÅÄÖ", 5), "åäö…");
    assert_eq!(preview("lorem ipsum", 1), "…");
    assert_eq!(
        preview("> quoted reply\nMy answer.\n> more quote", 100),
        "My answer."
    );
    assert_eq!(preview("> only a quote", 100), "> only a quote");
    assert_eq!(preview("a\u{0}b\u{7}c", 10), "abc");
    for n in 0..20 {
        assert!(preview("lorem ipsum dolor sit amet", n).chars().count() <= n);
    }
}

#[test]
fn safe_file_names() {
    assert_eq!(safe_file_name("report.pdf"), "report.pdf");
    assert_eq!(safe_file_name("smörgås meny.txt"), "smörgås meny.txt");
    assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
    assert_eq!(safe_file_name("..\\..\\boot.ini"), "boot.ini");
    assert_eq!(safe_file_name("/absolute/path/"), "path");
    assert_eq!(safe_file_name(".hidden"), "hidden");
    assert_eq!(safe_file_name("a:b*c?.txt"), "a_b_c_.txt");
    assert_eq!(safe_file_name("tab\there\nnul\0.txt"), "tab here nul.txt");
    assert_eq!(safe_file_name("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
    assert_eq!(safe_file_name("CON.txt"), "_CON.txt");
    assert_eq!(safe_file_name("com1"), "_com1");
    assert_eq!(safe_file_name("trailing dots..."), "trailing dots");
    let long = format!("{}.pdf", "å".repeat(300));
    let safe = safe_file_name(&long);
    assert!(safe.len() <= 200 && safe.ends_with(".pdf"), "{safe}");
    for bad in [
        "", ".", "..", "...", "/", "\\", "../..", "  ", "\0", "\u{202e}",
    ] {
        let safe = safe_file_name(bad);
        assert_safe(&safe);
        assert!(!safe.trim().is_empty());
    }
}

#[test]
fn html_to_text_keeps_links_and_drops_scripts() {
    let text = html_to_text(
        "<html><head><style>p { color: red }</style><script>evil()</script></head>\
         <body><h1>Title</h1><p>Read <a href=\"https://example.com/more\">more</a>.</p>\
         <img src=\"https://t.example/pixel.gif\"><ul><li>one</li><li>two</li></ul></body></html>",
    );
    assert!(text.contains("Title"), "{text}");
    assert!(text.contains("more"), "{text}");
    assert!(text.contains("https://example.com/more"), "{text}");
    assert!(text.contains("one") && text.contains("two"), "{text}");
    for leaked in ["color", "evil", "pixel", "<", "t.example"] {
        assert!(!text.contains(leaked), "{leaked} in {text}");
    }
    assert_eq!(html_to_text(""), "");
    assert_eq!(html_to_text("plain &amp; simple"), "plain & simple");
    assert_eq!(html_to_text("<p>a</p>\n\n\n\n<p>b</p>"), "a\n\nb");
}

// ---------------------------------------------------------------------------
// Mutations: a few thousand damaged copies of the corpus

/// xorshift64*: small, seeded, good enough to scramble test input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Byte strings that steer a parser into its corners.
const TOKENS: [&[u8]; 16] = [
    b"\n--",
    b"\r\n\r\n",
    b"=?utf-8?B?",
    b"=?koi8-r?Q?=F0=",
    b"?=",
    b"Content-Type: message/rfc822\n\n",
    b"Content-Type: multipart/mixed; boundary=\"",
    b"Content-Transfer-Encoding: base64\n",
    b"; filename*0*=utf-8''%C3",
    b"<div><table><tr><td>",
    b"<script>",
    b"\0",
    b"\xff\xfe",
    b"=\n",
    b"<a href=\"",
    b"(((((",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        let pos = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => {
                let p = rng.below(len);
                data[p] = rng.next() as u8;
            }
            1 => data.insert(pos, rng.next() as u8),
            2 if len > 0 => {
                let end = (pos + 1 + rng.below(64)).min(len);
                data.drain(pos.min(end)..end);
            }
            3 => data.truncate(pos),
            4 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(256)).min(len);
                let chunk = data[start..end].to_vec();
                data.splice(pos..pos, chunk);
            }
            5 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(pos..pos, token.iter().copied());
            }
            _ if len > 0 => {
                // Flip a line ending style.
                let p = rng.below(len);
                if data[p] == b'\n' {
                    data.insert(p, b'\r');
                } else if data[p] == b'\r' {
                    data.remove(p);
                }
            }
            _ => {}
        }
    }
    data
}

/// 3,000 mutations by default; `BREV_MAIL_MUTATIONS=500000` (and
/// `BREV_MAIL_SEED`) for a longer hunt.
#[test]
fn mutated_corpus_never_panics() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let total = env("BREV_MAIL_MUTATIONS", 3_000) as usize;
    let files = corpus_files();
    let per_file = total / files.len();
    let mut rng = Rng(env("BREV_MAIL_SEED", 0x5eed_b7e7_2024_0305) | 1);
    let started = Instant::now();
    let mut failures = Vec::new();
    for name in &files {
        let original = corpus(name);
        for round in 0..per_file {
            let input = mutate(&mut rng, &original);
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let msg = parse(&input);
                let _ = inspect::render(&msg);
                let _ = preview(&msg.text, 80);
                for a in &msg.attachments {
                    let _ = safe_file_name(&a.name);
                    let bytes = attachment_bytes(&input, a.part);
                    assert_eq!(bytes.map(|b| b.len() as u64), Some(a.size));
                }
            }));
            if outcome.is_err() {
                failures.push(format!(
                    "{name} round {round}: {:?}",
                    String::from_utf8_lossy(&input)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} panics, first: {}",
        failures.len(),
        failures[0]
    );
    eprintln!(
        "{} mutations in {:?}",
        per_file * files.len(),
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in data.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push('\n');
        }
        let n =
            chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn test_helper_base64_round_trips() {
    assert_eq!(base64(b"hello world"), "aGVsbG8gd29ybGQ=");
    let m = parse_checked(
        format!(
            "Content-Transfer-Encoding: base64\n\n{}\n",
            base64("Åre".as_bytes())
        )
        .as_bytes(),
    );
    assert_eq!(m.text, "Åre");
    let _ = mail::preview(&m.text, 3);
}
