//! HTML → readable text. Nothing is fetched: remote images, stylesheets and
//! frames are only noticed, never loaded.
//!
//! A light first pass over the markup (not a full HTML parser) drops
//! `<script>`, `<style>`, comments and `javascript:` links, notes the links
//! and any remote content, and caps the element nesting depth: html2text
//! slows down with the square of the depth and still recurses in places, so
//! a hostile 100,000-level `<div>` tower must not reach it. html2text then
//! lays the text out, with links as footnotes (`text [1]` … `[1]: url`).

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Elements nested deeper than this are flattened (their tags dropped,
/// their text kept).
const MAX_DEPTH: usize = 100;

/// Above this size html2text would take seconds; a plain, linear
/// conversion (with the link list added) is used instead.
const MAX_LAYOUT_BYTES: usize = 2 * 1024 * 1024;

/// Lines are not wrapped (the reader wraps them to its width); this only
/// bounds what html2text may do with very long words.
const WIDTH: usize = 10_000;

/// At most this many links are kept in [`HtmlText::links`].
pub(crate) const MAX_LINKS: usize = 500;

/// The result of turning an HTML body into text.
#[derive(Debug, Default)]
pub(crate) struct HtmlText {
    pub text: String,
    /// Link targets (`http:`, `https:`, `mailto:`, `ftp:`), in order, no
    /// duplicates.
    pub links: Vec<String>,
    /// Images, stylesheets, frames or backgrounds that would be fetched from
    /// the network by a browser.
    pub remote_content: bool,
}

/// Readable text for an HTML document: scripts and styles dropped, links
/// kept visible as numbered footnotes, remote content never fetched.
pub fn html_to_text(html: &str) -> String {
    render(html).text
}

pub(crate) fn render(html: &str) -> HtmlText {
    let clean = sanitize(html);
    let laid_out = if clean.html.len() <= MAX_LAYOUT_BYTES {
        catch_unwind(AssertUnwindSafe(|| {
            html2text::config::plain_no_decorate()
                .no_table_borders()
                .link_footnotes(true)
                .string_from_read(clean.html.as_bytes(), WIDTH)
                .ok()
        }))
        .ok()
        .flatten()
    } else {
        None
    };
    let text = match laid_out {
        Some(text) => with_missing_links(tidy(&text), &clean.links),
        None => {
            // The simple converter keeps no link targets: list them.
            let mut text = tidy(&mail_parser::decoders::html::html_to_text(&clean.html));
            if !clean.links.is_empty() {
                text.push_str("\n\n");
                for (n, link) in clean.links.iter().enumerate() {
                    text.push_str(&format!("[{}]: {link}\n", n + 1));
                }
                text = tidy(&text);
            }
            text
        }
    };
    HtmlText {
        text,
        links: clean.links,
        remote_content: clean.remote_content,
    }
}

/// Every link must reach the text: html2text leaves out links with no text
/// (an image without alt text), and flattened deep markup loses its tags.
/// Those are added to the footnote list.
fn with_missing_links(mut text: String, links: &[String]) -> String {
    let missing: Vec<&String> = links
        .iter()
        .filter(|l| !text.contains(l.as_str()))
        .collect();
    if missing.is_empty() {
        return text;
    }
    let numbered = text
        .lines()
        .filter(|l| {
            l.strip_prefix('[')
                .and_then(|rest| rest.split_once("]: "))
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    text.push_str(match (text.is_empty(), numbered) {
        (true, _) => "",
        (false, 0) => "\n\n",
        (false, _) => "\n",
    });
    for (k, link) in missing.iter().enumerate() {
        text.push_str(&format!("[{}]: {link}\n", numbered + k + 1));
    }
    text.trim_end().to_owned()
}

/// Trailing blanks off every line, no more than one empty line in a row, no
/// empty lines at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

struct Sanitized {
    html: String,
    links: Vec<String>,
    remote_content: bool,
}

/// Elements dropped together with everything inside them.
const DROPPED: [&str; 6] = ["script", "style", "title", "template", "xmp", "iframe"];

/// Elements that never have content or an end tag.
const VOID: [&str; 18] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose start tag closes an open `<p>`.
const CLOSES_P: [&str; 26] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "ul",
];

/// Attributes whose value a browser would fetch.
const FETCHED: [&str; 8] = [
    "src",
    "srcset",
    "background",
    "poster",
    "data",
    "lowsrc",
    "dynsrc",
    "longdesc",
];

fn sanitize(html: &str) -> Sanitized {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut links: Vec<String> = Vec::new();
    let mut remote_content = false;
    let mut stack: Vec<String> = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        // NUL is not welcome in the text either.
        push_text(&mut out, &html[text_start..i]);
        match b.get(i + 1) {
            Some(b'!') => {
                i = if html[i..].starts_with("<!--") {
                    find(b, i + 4, b"-->").map_or(b.len(), |p| p + 3)
                } else {
                    find(b, i + 2, b">").map_or(b.len(), |p| p + 1)
                };
            }
            Some(b'?') => i = find(b, i + 2, b">").map_or(b.len(), |p| p + 1),
            Some(b'/') if b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let end = find(b, i + 2, b">").map_or(b.len(), |p| p + 1);
                let name = tag_name(&b[i + 2..end]);
                if matches!(name.as_str(), "html" | "head" | "body") {
                    out.push_str(&html[i..end]);
                } else if let Some(pos) = stack.iter().rposition(|open| *open == name) {
                    stack.truncate(pos);
                    out.push_str(&html[i..end]);
                }
                i = end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = parse_tag(b, i + 1);
                let Some(end) = tag.end else {
                    // A tag cut off by the end of the document.
                    i = b.len();
                    text_start = i;
                    break;
                };
                let name = tag.name.as_str();
                for (attr, value) in &tag.attrs {
                    if fetches_remotely(name, attr, value) {
                        remote_content = true;
                    }
                }
                if DROPPED.contains(&name) {
                    let close = format!("</{name}");
                    let content_end = find_ignore_case(b, end, close.as_bytes()).unwrap_or(b.len());
                    if name == "style" && css_fetches_remotely(&html[end..content_end]) {
                        remote_content = true;
                    }
                    i = find(b, content_end, b">").map_or(b.len(), |p| p + 1);
                    text_start = i;
                    continue;
                }
                let mut emitted = &html[i..end];
                if matches!(name, "a" | "area")
                    && let Some((_, href)) = tag.attrs.iter().find(|(a, _)| a == "href")
                {
                    let href = decode_entities(href);
                    let href = href.trim();
                    if is_followable_link(href) {
                        if links.len() < MAX_LINKS && !links.iter().any(|l| l == href) {
                            links.push(href.to_owned());
                        }
                    } else {
                        // javascript:, data:, #anchors, relative links: the
                        // text stays, the target goes.
                        emitted = if name == "a" { "<a>" } else { "" };
                    }
                }
                if matches!(name, "html" | "head" | "body") || VOID.contains(&name) {
                    out.push_str(emitted);
                } else {
                    close_implied(&mut stack, name);
                    let in_foreign = stack.iter().any(|s| s == "svg" || s == "math");
                    if tag.self_closing && in_foreign {
                        out.push_str(emitted);
                    } else if stack.len() < MAX_DEPTH {
                        stack.push(tag.name.clone());
                        out.push_str(emitted);
                    }
                }
                i = end;
            }
            _ => {
                out.push_str("&lt;");
                i += 1;
            }
        }
        text_start = i;
    }
    push_text(&mut out, &html[text_start.min(html.len())..]);
    Sanitized {
        html: out,
        links,
        remote_content,
    }
}

fn push_text(out: &mut String, text: &str) {
    if text.contains('\0') {
        out.extend(text.chars().filter(|c| *c != '\0'));
    } else {
        out.push_str(text);
    }
}

/// HTML's implied end tags, roughly: enough that ordinary documents with
/// unclosed `<p>`, `<li>` or `<td>` do not look deep.
fn close_implied(stack: &mut Vec<String>, name: &str) {
    let pop_to = |stack: &mut Vec<String>, targets: &[&str], scope: &[&str]| {
        for pos in (0..stack.len()).rev() {
            let open = stack[pos].as_str();
            if targets.contains(&open) {
                stack.truncate(pos);
                return;
            }
            if scope.contains(&open) {
                return;
            }
        }
    };
    if (CLOSES_P.contains(&name) || name == "p" || name == "table")
        && stack.last().is_some_and(|s| s == "p")
    {
        stack.pop();
    }
    match name {
        "li" => pop_to(stack, &["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => pop_to(stack, &["dt", "dd"], &["dl"]),
        "tr" => pop_to(stack, &["tr"], &["table", "thead", "tbody", "tfoot"]),
        "td" | "th" => pop_to(stack, &["td", "th"], &["tr", "table"]),
        "thead" | "tbody" | "tfoot" => pop_to(stack, &["thead", "tbody", "tfoot"], &["table"]),
        "option" | "optgroup" => pop_to(stack, &["option"], &["select", "optgroup"]),
        "a" => pop_to(stack, &["a"], &[]),
        _ => {}
    }
}

struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    self_closing: bool,
    /// Index just past the closing `>`; None if the document ends first.
    end: Option<usize>,
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_')
}

fn tag_name(bytes: &[u8]) -> String {
    let len = bytes.iter().take_while(|c| is_name_byte(**c)).count();
    String::from_utf8_lossy(&bytes[..len]).to_ascii_lowercase()
}

/// Parse a start tag whose name begins at `start` (just after `<`).
fn parse_tag(b: &[u8], start: usize) -> Tag {
    let mut i = start;
    while i < b.len() && is_name_byte(b[i]) {
        i += 1;
    }
    let name = String::from_utf8_lossy(&b[start..i]).to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return Tag {
                name,
                attrs,
                self_closing,
                end: None,
            };
        }
        if b[i] == b'>' {
            return Tag {
                name,
                attrs,
                self_closing,
                end: Some(i + 1),
            };
        }
        self_closing = false;
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr = String::from_utf8_lossy(&b[name_start..i]).to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let Some(close) = b[i + 1..].iter().position(|c| *c == q) else {
                        return Tag {
                            name,
                            attrs,
                            self_closing,
                            end: None,
                        };
                    };
                    value = String::from_utf8_lossy(&b[i + 1..i + 1 + close]).into_owned();
                    i += close + 2;
                }
                _ => {
                    let value_start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = String::from_utf8_lossy(&b[value_start..i]).into_owned();
                }
            }
        }
        if !attr.is_empty() {
            attrs.push((attr, value));
        }
    }
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ignore_case(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

fn is_remote_url(value: &str) -> bool {
    let v = value.trim_start().to_ascii_lowercase();
    v.starts_with("http:")
        || v.starts_with("https:")
        || v.starts_with("//")
        || v.starts_with("ftp:")
}

fn fetches_remotely(tag: &str, attr: &str, value: &str) -> bool {
    let value = decode_entities(value);
    match attr {
        "srcset" => value.split(',').any(is_remote_url),
        "style" => css_fetches_remotely(&value),
        "href" => tag == "link" && is_remote_url(&value),
        _ => FETCHED.contains(&attr) && is_remote_url(&value),
    }
}

fn css_fetches_remotely(css: &str) -> bool {
    let css = css.to_ascii_lowercase();
    css.contains("@import")
        || css
            .match_indices("url(")
            .any(|(pos, _)| is_remote_url(css[pos + 4..].trim_start_matches([' ', '"', '\''])))
}

fn is_followable_link(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        && !href.chars().any(char::is_control)
}

/// The character references that matter in URLs.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |p| p + 1);
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity.strip_prefix('#').and_then(|num| {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_dropped() {
        let out = render(
            "<style>.x{color:red}</style><SCRIPT>alert('boo')</SCRIPT><!-- hidden -->\
             <p>Visible</p><script>document.write('x')",
        );
        assert_eq!(out.text, "Visible");
        assert!(!out.remote_content);
    }

    #[test]
    fn links_stay_visible() {
        let out = render(r#"<p>See <a href="https://example.com/a?x=1&amp;y=2">this</a>.</p>"#);
        assert!(out.text.contains("this"), "{}", out.text);
        assert!(
            out.text.contains("https://example.com/a?x=1&y=2"),
            "{}",
            out.text
        );
        assert_eq!(out.links, ["https://example.com/a?x=1&y=2"]);
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let out =
            render(r#"<a href="javascript:alert(1)">Click</a> <a href="JAVASCRIPT:x">Me</a>"#);
        assert!(out.text.contains("Click"));
        assert!(
            !out.text.to_lowercase().contains("javascript"),
            "{}",
            out.text
        );
        assert!(out.links.is_empty());
    }

    #[test]
    fn remote_content_is_noticed_not_shown() {
        let out = render(r#"<img src="https://t.example/p.gif" width=1 height=1><p>Hi</p>"#);
        assert!(out.remote_content);
        assert_eq!(out.text, "Hi");
        assert!(
            render(r#"<img src="cid:logo" alt="Logo">"#)
                .text
                .contains("Logo")
        );
        assert!(!render(r#"<img src="cid:logo" alt="Logo">"#).remote_content);
        assert!(
            render(r#"<div style="background:url('//x.example/a.png')">x</div>"#).remote_content
        );
        assert!(render("<style>@import 'https://x.example/a.css';</style>").remote_content);
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let n = 50_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let started = std::time::Instant::now();
        let out = render(&html);
        assert!(out.text.contains("deep text"));
        assert!(started.elapsed().as_secs() < 20);
        let clean = sanitize(&html);
        assert_eq!(clean.html.matches("<div>").count(), MAX_DEPTH);
    }

    #[test]
    fn unclosed_list_items_do_not_count_as_depth() {
        let html = format!("<ul>{}</ul>", "<li>item".repeat(500));
        let clean = sanitize(&html);
        assert_eq!(clean.html.matches("<li>").count(), 500);
    }

    #[test]
    fn stray_angle_brackets_and_cut_tags() {
        assert_eq!(render("1 < 2 and 3 > 2").text, "1 < 2 and 3 > 2");
        assert_eq!(render("text <a href=\"https://x.example/").text, "text");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b&#233;&#xE9;&bogus;&"),
            "a&béé&bogus;&"
        );
    }
}
