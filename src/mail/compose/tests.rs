use super::*;
use crate::config::{ImapOptions, MailProtocol, PopOptions, ServerSettings};
use crate::net::Security;

fn account() -> Account {
    let server = |host: &str| ServerSettings {
        host: host.into(),
        port: 993,
        security: Security::Tls,
        username: "asa".into(),
    };
    Account {
        id: "asa".into(),
        name: "Åsa Öberg".into(),
        email: "asa@example.se".into(),
        protocol: MailProtocol::Imap,
        incoming: server("imap.example.se"),
        outgoing: server("smtp.example.se"),
        trusted_cert: None,
        pop: PopOptions::default(),
        imap: ImapOptions::default(),
        signature: "Åsa\nwww.example.se".into(),
        server_files_sent: None,
    }
}

fn addr(name: Option<&str>, email: &str) -> Address {
    Address {
        name: name.map(str::to_owned),
        email: email.into(),
    }
}

#[test]
fn addresses_with_names_quotes_and_idn() {
    let list = parse_addresses(
        "Åsa Öberg <asa@x.se>, b@y.no; \"Петров, Иван\" <ivan@пример.бг> ,, \"A \\\"B\\\"\" <ab@c.d>",
    )
    .unwrap();
    assert_eq!(
        list,
        vec![
            addr(Some("Åsa Öberg"), "asa@x.se"),
            addr(None, "b@y.no"),
            addr(Some("Петров, Иван"), "ivan@пример.бг"),
            addr(Some("A \"B\""), "ab@c.d"),
        ]
    );
    assert_eq!(parse_addresses("  ").unwrap(), vec![]);
    assert_eq!(ascii_email("ivan@пример.бг"), "ivan@xn--e1afmkfd.xn--90ae");
}

#[test]
fn bad_addresses_are_named() {
    for bad in [
        "asa",
        "asa@",
        "@x.se",
        "a b@x.se",
        "Åsa <asa@x.se",
        "x@-a.se",
        "a@b..c",
    ] {
        let e = parse_addresses(&format!("ok@x.se, {bad}")).unwrap_err();
        assert_eq!(e.text, bad.trim());
    }
}

fn original() -> crate::mail::Message {
    crate::mail::Message {
        subject: "Fika?".into(),
        from: vec![addr(Some("Björn"), "bjorn@example.no")],
        to: vec![
            addr(Some("Åsa Öberg"), "ASA@example.se"),
            addr(None, "kari@example.no"),
        ],
        cc: vec![addr(Some("Иван"), "ivan@example.bg")],
        date: Some(1_763_632_800),
        message_id: Some("m2@example.no".into()),
        in_reply_to: vec!["m1@example.no".into()],
        references: vec!["m0@example.no".into(), "m1@example.no".into()],
        text: "Fika kl. 15?\n> tidigare\n\nHälsningar".into(),
        ..Default::default()
    }
}

#[test]
fn reply_and_reply_all() {
    crate::i18n::set_language("en");
    let a = account();
    let d = reply(&original(), MsgId(7), &a, false);
    assert_eq!(d.subject, "Re: Fika?");
    assert_eq!(d.to, "Björn <bjorn@example.no>");
    assert_eq!(d.cc, "");
    assert_eq!(d.in_reply_to.as_deref(), Some("m2@example.no"));
    assert_eq!(
        d.references,
        vec!["m0@example.no", "m1@example.no", "m2@example.no"]
    );
    assert_eq!(d.replying_to, Some(MsgId(7)));
    assert!(
        d.body.starts_with("On 2025-11-20 10:00:00 UTC, Björn wrote:\n> Fika kl. 15?\n>> tidigare\n>\n> Hälsningar\n"),
        "{:?}",
        d.body
    );
    assert!(d.body.ends_with("-- \nÅsa\nwww.example.se\n"));

    // Reply all: everyone but me, Reply-To wins, "Re:" only once.
    let mut o = original();
    o.subject = "RE: Fika?".into();
    o.reply_to = vec![addr(None, "list@example.no")];
    let d = reply(&o, MsgId(7), &a, true);
    assert_eq!(d.subject, "RE: Fika?");
    assert_eq!(d.to, "list@example.no");
    assert_eq!(d.cc, "kari@example.no, Иван <ivan@example.bg>");

    // My own message: the reply goes to its recipients.
    let mut o = original();
    o.from = vec![addr(None, "asa@example.se")];
    let d = reply(&o, MsgId(7), &a, false);
    assert_eq!(d.to, "kari@example.no");
}

#[test]
fn forward_copies_text_header_and_attachments() {
    crate::i18n::set_language("en");
    let raw = b"From: Bj\xc3\xb6rn <bjorn@example.no>\r\nTo: asa@example.se\r\nSubject: Kvitto\r\n\
MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nH\xc3\xa4r \xc3\xa4r kvittot.\r\n--b\r\n\
Content-Type: application/pdf; name=kvitto.pdf\r\nContent-Disposition: attachment; filename=kvitto.pdf\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--b--\r\n";
    let o = crate::mail::parse(raw);
    let d = forward(&o, raw, MsgId(3), &account());
    assert_eq!(d.subject, "Fwd: Kvitto");
    assert_eq!(d.forwarding, Some(MsgId(3)));
    assert!(d.to.is_empty());
    assert!(
        d.body
            .contains("---------- Forwarded message ----------\nFrom: Björn <bjorn@example.no>\n"),
        "{:?}",
        d.body
    );
    assert!(
        d.body
            .contains("Subject: Kvitto\nTo: asa@example.se\n\nHär är kvittot."),
        "{:?}",
        d.body
    );
    assert_eq!(
        d.attachments,
        vec![DraftAttachment {
            name: "kvitto.pdf".into(),
            mime_type: "application/pdf".into(),
            data: b"%PDF-1.4".to_vec(),
        }]
    );
}

fn header_block(raw: &[u8]) -> String {
    let s = String::from_utf8(raw.to_vec()).unwrap();
    s.split("\r\n\r\n").next().unwrap().to_owned()
}

#[test]
fn build_encodes_headers_and_body_and_leaves_out_bcc() {
    let mut d = new_message(&account());
    d.to = "Björn Ångström <bjorn@example.no>, \"Doe, J\" <j@example.com>".into();
    d.cc = "Иван Петров <ivan@пример.бг>".into();
    d.bcc = "hidden@example.org".into();
    d.subject = "Hälsningar från Tromsø — Здравейте".into();
    d.body = format!(
        "Hej!\r\nRad två, lite längre än vanligt: æøå ÆØÅ.{}",
        d.body
    );
    d.in_reply_to = Some("m2@example.no".into());
    d.references = vec!["m1@example.no".into(), "m2@example.no".into()];
    d.attachments.push(DraftAttachment {
        name: "räkning.pdf".into(),
        mime_type: "application/pdf".into(),
        data: vec![0, 1, 2, 255],
    });
    let raw = build(&d, &account(), 1_763_769_323).unwrap();
    assert!(raw.is_ascii(), "the message is 7-bit");
    for line in String::from_utf8_lossy(&raw).lines() {
        assert!(line.len() <= 78, "{line}");
    }
    let head = header_block(&raw);
    assert!(
        head.contains("Date: Fri, 21 Nov 2025 23:55:23 +0000"),
        "{head}"
    );
    assert!(head.contains("From: =?UTF-8?B?"), "{head}");
    assert!(head.contains("<ivan@xn--e1afmkfd.xn--90ae>"), "{head}");
    assert!(head.contains("\"Doe, J\" <j@example.com>"), "{head}");
    assert!(head.contains("In-Reply-To: <m2@example.no>"), "{head}");
    assert!(head.contains("Message-ID: <"), "{head}");
    assert!(
        !String::from_utf8_lossy(&raw).contains("hidden"),
        "Bcc leaked"
    );
    assert!(String::from_utf8_lossy(&raw).contains("\r\n--=20\r\n"));

    let m = crate::mail::parse(&raw);
    assert_eq!(m.subject, d.subject);
    assert_eq!(m.from, vec![addr(Some("Åsa Öberg"), "asa@example.se")]);
    assert_eq!(m.to[0], addr(Some("Björn Ångström"), "bjorn@example.no"));
    assert_eq!(m.to[1], addr(Some("Doe, J"), "j@example.com"));
    assert_eq!(m.cc[0].name.as_deref(), Some("Иван Петров"));
    assert_eq!(m.references, vec!["m1@example.no", "m2@example.no"]);
    assert!(
        // (The reader trims the space of the "-- " line; the bytes have it.)
        m.text
            .starts_with("Hej!\nRad två, lite längre än vanligt: æøå ÆØÅ.\n\n--\nÅsa"),
        "{:?}",
        m.text
    );
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].name, "räkning.pdf");
    assert_eq!(
        crate::mail::attachment_bytes(&raw, m.attachments[0].part).unwrap(),
        vec![0, 1, 2, 255]
    );

    // Two builds never share a Message-ID.
    let again = crate::mail::parse(&build(&d, &account(), 1_763_769_323).unwrap());
    assert_ne!(again.message_id, m.message_id);
}

#[test]
fn build_needs_recipients_but_a_draft_does_not() {
    let mut d = new_message(&account());
    assert_eq!(build(&d, &account(), 0), Err(ComposeError::NoRecipients));
    d.to = "bjö".into();
    d.bcc = "b@example.se".into();
    assert!(matches!(
        build(&d, &account(), 0),
        Err(ComposeError::BadAddress(_))
    ));
    let raw = build_draft(&d, &account(), 0).unwrap();
    let m = crate::mail::parse(&raw);
    assert_eq!(m.bcc, vec![addr(None, "b@example.se")], "a draft keeps Bcc");
}

#[test]
fn strip_bcc_removes_folded_bcc_only() {
    let raw = b"To: a@b.c\r\nBcc: x@y.z,\r\n  w@y.z\r\nSubject: s\r\n\r\nBcc: body\r\n";
    assert_eq!(
        strip_bcc(raw),
        b"To: a@b.c\r\nSubject: s\r\n\r\nBcc: body\r\n".to_vec()
    );
}

#[test]
fn quoted_printable_keeps_trailing_space_and_long_lines() {
    let qp = quoted_printable("-- \nx");
    assert_eq!(qp, "--=20\r\nx\r\n");
    let long = "å".repeat(100);
    let qp = quoted_printable(&long);
    assert!(qp.lines().all(|l| l.len() <= 76));
}

#[test]
fn a_stored_draft_comes_back_as_it_was_written() {
    let a = account();
    let draft = Draft {
        account: a.id.clone(),
        to: "Kari Nordmann <kari@example.no>, ola@example.no".into(),
        cc: "\"Петров, Иван\" <ivan@example.bg>".into(),
        bcc: "chef@example.se".into(),
        subject: "Re: Smörgåsbord på fredag".into(),
        body: "Hej!\n\nVi ses på fredag.\n\n-- \nÅsa\nwww.example.se".into(),
        attachments: vec![DraftAttachment {
            name: "meny.pdf".into(),
            mime_type: "application/pdf".into(),
            data: b"%PDF-1.4 fake\n".to_vec(),
        }],
        in_reply_to: Some("middag@example.no".into()),
        references: vec!["start@example.no".into(), "middag@example.no".into()],
        ..Draft::default()
    };
    let raw = build_draft(&draft, &a, 1_795_262_400).unwrap();
    let parsed = crate::mail::parse(&raw);
    let edited = edit(&parsed, &raw, MsgId(42), &a);
    assert_eq!(
        edited,
        Draft {
            saved_as: Some(MsgId(42)),
            ..draft
        }
    );
}

/// A forward kept in Drafts remembers what it forwards (as Thunderbird
/// does, in `X-Forwarded-Message-Id`); what is sent does not carry it.
#[test]
fn a_stored_forward_remembers_the_forwarded_message() {
    let a = account();
    let raw = b"From: Bjorn <bjorn@example.no>\r\nTo: asa@example.se\r\nSubject: Kvitto\r\n\
Message-ID: <kvitto-7@example.no>\r\n\r\nHar ar kvittot.\r\n";
    let original = crate::mail::parse(raw);
    let mut d = forward(&original, raw, MsgId(3), &a);
    assert_eq!(
        d.forwarded_message_id.as_deref(),
        Some("kvitto-7@example.no")
    );
    d.to = "kari@example.no".into();

    let stored = build_draft(&d, &a, 1_795_262_400).unwrap();
    assert!(header_block(&stored).contains("X-Forwarded-Message-Id: <kvitto-7@example.no>"));
    let reopened = edit(&crate::mail::parse(&stored), &stored, MsgId(9), &a);
    assert_eq!(reopened.forwarding, None, "the local id is not kept");
    assert_eq!(
        reopened.forwarded_message_id.as_deref(),
        Some("kvitto-7@example.no")
    );
    for sent in [
        build(&reopened, &a, 1_795_262_400).unwrap(),
        build_own_copy(&reopened, &a, 1_795_262_400).unwrap(),
    ] {
        assert!(
            !header_block(&sent).contains("X-Forwarded"),
            "{}",
            header_block(&sent)
        );
    }
    // An id that could break the header is not written.
    d.forwarded_message_id = Some("a> b\r\nBcc: x@y".into());
    let stored = build_draft(&d, &a, 1_795_262_400).unwrap();
    assert!(!header_block(&stored).contains("X-Forwarded"));
}
