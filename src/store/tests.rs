use super::*;

fn msg(subject: &str, from: &str, date: i64, body: &str) -> NewMessage {
    let raw = format!(
        "From: {from} <x@example.org>\r\nTo: Kari Nordmann <kari@example.no>\r\nSubject: {subject}\r\n\
         Message-ID: <{date}.{subject_len}@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        subject_len = subject.len()
    );
    let mut m = NewMessage::from_raw(raw.into_bytes(), date);
    m.date = date;
    m
}

fn store_with_inbox() -> (Store, FolderId) {
    let mut s = Store::open_in_memory().unwrap();
    let inbox = s
        .write(|tx| tx.upsert_folder("acc", &NewFolder::new("INBOX", Some(Role::Inbox))))
        .unwrap();
    (s, inbox)
}

#[test]
fn message_round_trip() {
    let (mut s, inbox) = store_with_inbox();
    let mut m = msg("Hej då", "Åsa Öberg", 1_700_000_000, "Vi ses på fredag.");
    m.uid = Some(42);
    m.flags = Flags::FLAGGED;
    let id = s.write(|tx| tx.insert_message(inbox, &m)).unwrap();
    let row = s.message(id).unwrap().unwrap();
    assert_eq!(row.subject, "Hej då");
    assert_eq!(row.from_name, "Åsa Öberg");
    assert_eq!(row.from_addr, "x@example.org");
    assert_eq!(row.recipients, "Kari Nordmann <kari@example.no>");
    assert_eq!(row.uid, Some(42));
    assert_eq!(row.date, 1_700_000_000);
    assert!(row.flags.contains(Flags::FLAGGED));
    assert!(!row.flags.contains(Flags::SEEN));
    assert_eq!(row.preview, "Vi ses på fredag.");
    assert_eq!(s.raw(id).unwrap(), m.raw);
    assert_eq!(s.message_by_uid(inbox, 42).unwrap().unwrap().id, id);
    let f = s.folder(inbox).unwrap().unwrap();
    assert_eq!((f.total, f.unread), (1, 1));
    s.write(|tx| tx.set_flags(id, row.flags.with(Flags::SEEN, true)))
        .unwrap();
    let f = s.folder(inbox).unwrap().unwrap();
    assert_eq!((f.total, f.unread), (1, 0));
}

#[test]
fn attachments_are_listed_and_flagged() {
    let (mut s, inbox) = store_with_inbox();
    let raw = b"From: a@b.se\r\nSubject: Kvitto\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nSe bilaga.\r\n\
        --XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"kvitto.pdf\"\r\n\
        Content-Transfer-Encoding: base64\r\n\r\nSGVqIQ==\r\n--XX--\r\n";
    let m = NewMessage::from_raw(raw.to_vec(), 1);
    let id = s.write(|tx| tx.insert_message(inbox, &m)).unwrap();
    assert!(s.message(id).unwrap().unwrap().has_attachments);
    let atts = s.attachments(id).unwrap();
    assert_eq!(atts.len(), 1);
    assert_eq!(atts[0].name, "kvitto.pdf");
    assert_eq!(atts[0].mime_type, "application/pdf");
    assert_eq!(atts[0].size, 4);
}

#[test]
fn pages_are_newest_first_and_stable() {
    let (mut s, inbox) = store_with_inbox();
    let ms: Vec<NewMessage> = (0..250)
        .map(|i| msg(&format!("m{i}"), "A", 1_000 + (i % 100) as i64, "x"))
        .collect();
    s.write(|tx| tx.insert_messages(inbox, &ms)).unwrap();
    assert_eq!(s.message_count(inbox).unwrap(), 250);
    let mut all = Vec::new();
    for page in 0..6 {
        let rows = s.page(inbox, page * 50, 50).unwrap();
        assert!(rows.len() <= 50);
        all.extend(rows);
    }
    assert_eq!(all.len(), 250);
    for w in all.windows(2) {
        assert!(
            (w[0].date, w[0].id) > (w[1].date, w[1].id),
            "not newest first: {:?} then {:?}",
            (w[0].date, w[0].id),
            (w[1].date, w[1].id)
        );
    }
    let mut ids: Vec<_> = all.iter().map(|r| r.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 250, "a row appeared on two pages");
}

#[test]
fn folder_page_is_read_from_the_index_without_sorting() {
    let (s, _) = store_with_inbox();
    let plan: Vec<String> = s
        .conn
        .prepare(
            "EXPLAIN QUERY PLAN SELECT id FROM messages m WHERE m.folder_id = 1
             ORDER BY m.date DESC, m.id DESC LIMIT 50 OFFSET 1000",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let plan = plan.join(" | ");
    assert!(plan.contains("messages_by_date"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

/// The messages of `inbox` a search for `q` finds, newest first.
fn found(s: &Store, inbox: FolderId, q: &str) -> Vec<MsgId> {
    s.search(q, &Scope::Folder(inbox), 100)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn search_finds_swedish_norwegian_and_bulgarian_words() {
    let (mut s, inbox) = store_with_inbox();
    let ids = s
        .write(|tx| {
            Ok(vec![
                tx.insert_message(
                    inbox,
                    &msg("Smörgåstårta till fredag", "Åsa", 3, "Köp gräddfil."),
                )?,
                tx.insert_message(
                    inbox,
                    &msg("Møte", "Bjørn Ødegård", 2, "Blåbærsyltetøy på hytta."),
                )?,
                tx.insert_message(
                    inbox,
                    &msg("Среща", "Иван Петров", 1, "Здравейте, утре в София."),
                )?,
                tx.insert_message(inbox, &msg("Här", "Per", 0, "Det är här."))?,
            ])
        })
        .unwrap();
    let find = |q: &str| found(&s, inbox, q);
    assert_eq!(find("smörgåstårta"), vec![ids[0]]);
    assert_eq!(find("SMÖRG"), vec![ids[0]], "prefix, case-folded");
    assert_eq!(find("gräddfil"), vec![ids[0]], "body text");
    assert_eq!(find("blåbær"), vec![ids[1]]);
    assert_eq!(find("ødegård"), vec![ids[1]], "sender");
    assert_eq!(find("здравейте"), vec![ids[2]], "Cyrillic, case-folded");
    assert_eq!(find("СОФИЯ"), vec![ids[2]]);
    assert_eq!(find("иван"), vec![ids[2]]);
    assert_eq!(find("kari"), ids, "recipients, newest first");
    assert_eq!(find("här"), vec![ids[3]]);
    assert!(find("har").is_empty(), "å/ä/ö are letters of their own");
    assert!(find("smörg blåbær").is_empty(), "all words must match");
    assert!(find("\"").is_empty());
    assert!(find("NOT OR (").is_empty());
    assert!(
        s.search("smörg", &Scope::Account("other".into()), 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(s.search("smörg", &Scope::All, 10).unwrap().len(), 1);
}

#[test]
fn deleting_removes_bytes_attachments_and_search_entry() {
    let (mut s, inbox) = store_with_inbox();
    let id = s
        .write(|tx| tx.insert_message(inbox, &msg("Faktura", "A", 1, "betala")))
        .unwrap();
    s.write(|tx| tx.delete_message(id)).unwrap();
    assert!(s.message(id).unwrap().is_none());
    assert!(s.raw(id).unwrap().is_none());
    assert!(s.search("faktura", &Scope::All, 10).unwrap().is_empty());
    let id = s
        .write(|tx| tx.insert_message(inbox, &msg("Faktura", "A", 1, "betala")))
        .unwrap();
    s.write(|tx| tx.delete_folder(inbox)).unwrap();
    assert!(s.message(id).unwrap().is_none());
    assert!(s.search("betala", &Scope::All, 10).unwrap().is_empty());
}

/// Search entries are written when the transaction commits: a message
/// deleted in the same transaction gets none (the next message may take
/// its row id), and a body that arrives in the same transaction is
/// what is indexed.
#[test]
fn search_entries_follow_what_the_transaction_leaves() {
    let (mut s, inbox) = store_with_inbox();
    let gone = s
        .write(|tx| {
            let gone = tx.insert_message(inbox, &msg("Pepparkaka", "A", 1, "ingefära"))?;
            tx.delete_message(gone)?;
            Ok(gone)
        })
        .unwrap();
    let (reused, kept) = s
        .write(|tx| {
            let reused = tx.insert_message(inbox, &msg("Lussekatt", "B", 2, "saffran"))?;
            let full = msg("Julbord", "C", 3, "skinka och sill");
            let mut head = NewMessage::from_raw(b"Subject: Julbord\r\n\r\n".to_vec(), 3);
            head.partial = true;
            let kept = tx.insert_message(inbox, &head)?;
            tx.set_raw(kept, full.raw.as_ref().unwrap())?;
            Ok((reused, kept))
        })
        .unwrap();
    assert_eq!(
        gone, reused,
        "SQLite gives the freed row id to the next row"
    );
    assert!(s.search("pepparkaka", &Scope::All, 10).unwrap().is_empty());
    assert!(s.search("ingefära", &Scope::All, 10).unwrap().is_empty());
    let found = |word: &str| -> Vec<MsgId> {
        s.search(word, &Scope::All, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(found("saffran"), vec![reused]);
    assert_eq!(found("sill"), vec![kept]);
    assert_eq!(found("julbord"), vec![kept]);
}

#[test]
fn move_and_full_body_arrival() {
    let (mut s, inbox) = store_with_inbox();
    let archive = s
        .write(|tx| tx.upsert_folder("acc", &NewFolder::new("Arkiv", Some(Role::Archive))))
        .unwrap();
    let full = msg("Stort", "A", 5, "hela texten med ordet ostkaka");
    let headers_end = full
        .raw
        .as_ref()
        .unwrap()
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap();
    let mut partial =
        NewMessage::from_raw(full.raw.as_ref().unwrap()[..headers_end + 4].to_vec(), 5);
    partial.partial = true;
    partial.uid = Some(7);
    let id = s.write(|tx| tx.insert_message(inbox, &partial)).unwrap();
    assert!(s.message(id).unwrap().unwrap().partial);
    assert!(s.search("ostkaka", &Scope::All, 10).unwrap().is_empty());
    s.write(|tx| tx.set_raw(id, full.raw.as_ref().unwrap()))
        .unwrap();
    let row = s.message(id).unwrap().unwrap();
    assert!(!row.partial);
    assert_eq!(row.subject, "Stort");
    assert_eq!(s.search("ostkaka", &Scope::All, 10).unwrap()[0].id, id);
    s.write(|tx| tx.move_message(id, archive)).unwrap();
    let row = s.message(id).unwrap().unwrap();
    assert_eq!((row.folder, row.uid), (archive, None));
    assert_eq!(s.message_count(inbox).unwrap(), 0);
}

#[test]
fn folders_list_special_ones_first_with_counts() {
    let mut s = Store::open_in_memory().unwrap();
    s.write(|tx| {
        for (name, role) in [
            ("Zebra", None),
            ("Papperskorgen", Some(Role::Trash)),
            ("alfa", None),
            ("Skickat", Some(Role::Sent)),
            ("INBOX", Some(Role::Inbox)),
            ("Utkast", Some(Role::Drafts)),
        ] {
            tx.upsert_folder("acc", &NewFolder::new(name, role))?;
        }
        tx.upsert_folder("other", &NewFolder::new("INBOX", Some(Role::Inbox)))?;
        Ok(())
    })
    .unwrap();
    let names: Vec<String> = s
        .folders("acc")
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        names,
        [
            "INBOX",
            "Utkast",
            "Skickat",
            "Papperskorgen",
            "alfa",
            "Zebra"
        ]
    );
    assert_eq!(
        s.folder_by_role("acc", Role::Sent).unwrap().unwrap().name,
        "Skickat"
    );
    // Upsert refreshes attributes and keeps the id and sync state.
    let f = s.folder_by_name("acc", "alfa").unwrap().unwrap();
    s.write(|tx| tx.set_sync_state(f.id, Some(9), Some(100), Some(u64::MAX >> 1)))
        .unwrap();
    let mut changed = NewFolder::new("alfa", Some(Role::Archive));
    changed.subscribed = false;
    let id = s.write(|tx| tx.upsert_folder("acc", &changed)).unwrap();
    let f2 = s.folder(id).unwrap().unwrap();
    assert_eq!(f2.id, f.id);
    assert_eq!(f2.role, Some(Role::Archive));
    assert!(!f2.subscribed);
    assert_eq!(
        (f2.uidvalidity, f2.uidnext, f2.highestmodseq),
        (Some(9), Some(100), Some(u64::MAX >> 1))
    );
}

#[test]
fn folder_tree_names() {
    let f = Folder {
        id: FolderId(1),
        account: "a".into(),
        name: "INBOX/Kvitton/2024".into(),
        delimiter: Some("/".into()),
        role: None,
        selectable: true,
        subscribed: true,
        local_only: false,
        uidvalidity: None,
        uidnext: None,
        highestmodseq: None,
        total: 0,
        unread: 0,
    };
    assert_eq!((f.leaf_name(), f.depth()), ("2024", 2));
}

#[test]
fn pending_ops_keep_order_and_failures() {
    let mut s = Store::open_in_memory().unwrap();
    let (a, b) = s
        .write(|tx| {
            Ok((
                tx.enqueue_op("acc", "flags", r#"{"uid":1}"#)?,
                tx.enqueue_op("acc", "delete", r#"{"uid":2}"#)?,
            ))
        })
        .unwrap();
    s.write(|tx| tx.enqueue_op("other", "flags", "{}")).unwrap();
    s.write(|tx| tx.fail_op(a, "offline")).unwrap();
    let ops = s.pending_ops("acc").unwrap();
    assert_eq!(ops.iter().map(|o| o.id).collect::<Vec<_>>(), [a, b]);
    assert_eq!(
        (ops[0].attempts, ops[0].last_error.as_deref()),
        (1, Some("offline"))
    );
    s.write(|tx| tx.complete_op(a)).unwrap();
    assert_eq!(s.pending_ops("acc").unwrap().len(), 1);
}

#[test]
fn a_failed_write_changes_nothing() {
    let (mut s, inbox) = store_with_inbox();
    let r: Result<()> = s.write(|tx| {
        tx.insert_message(inbox, &msg("one", "A", 1, "x"))?;
        tx.enqueue_op("acc", "flags", "{}")?;
        Err(StoreError::NotFound("simulated failure"))
    });
    assert!(r.is_err());
    assert_eq!(s.message_count(inbox).unwrap(), 0);
    assert!(s.pending_ops("acc").unwrap().is_empty());
}

#[test]
fn pop_records_round_trip() {
    let (mut s, inbox) = store_with_inbox();
    let id = s
        .write(|tx| tx.insert_message(inbox, &msg("p", "A", 1, "x")))
        .unwrap();
    let rec = PopRecord {
        uidl: "000001a2".into(),
        message_id: Some("<1@x>".into()),
        size: 123,
        downloaded: 1_700_000_000,
        local: Some(id),
        deleted_on_server: false,
    };
    s.write(|tx| tx.record_pop("acc", &rec)).unwrap();
    assert_eq!(s.pop_record("acc", "000001a2").unwrap(), Some(rec.clone()));
    assert!(s.pop_record("other", "000001a2").unwrap().is_none());
    let gone = PopRecord {
        deleted_on_server: true,
        ..rec
    };
    s.write(|tx| tx.record_pop("acc", &gone)).unwrap();
    assert_eq!(s.pop_records("acc").unwrap(), vec![gone]);
    s.write(|tx| tx.forget_pop("acc", "000001a2")).unwrap();
    assert!(s.pop_records("acc").unwrap().is_empty());
}

#[test]
fn upgrades_a_version_1_store_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.sqlite3");
    {
        // A store as the first schema version left it, written with plain SQL.
        let old = Store::open_at_version(&path, 1).unwrap();
        assert_eq!(old.version().unwrap(), 1);
        old.conn
            .execute_batch(
                "INSERT INTO folders (id, account, name, role) VALUES (1, 'acc', 'INBOX', 'inbox');
                 INSERT INTO messages (id, folder_id, uid, from_name, from_addr, subject, date)
                   VALUES (1, 1, 5, 'Мария', 'maria@example.bg', 'Покана', 100);",
            )
            .unwrap();
        old.conn
            .execute(
                "INSERT INTO message_raw (message_id, raw) VALUES (1, ?)",
                [
                    "Subject: =?UTF-8?B?0J/QvtC60LDQvdCw?=\r\n\r\nЗаповядайте на рожден ден.\r\n"
                        .as_bytes(),
                ],
            )
            .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.version().unwrap(), schema::current_version());
    let inbox = s.folder_by_name("acc", "INBOX").unwrap().unwrap();
    assert_eq!((inbox.total, inbox.unread), (1, 1), "counts filled in");
    assert_eq!(s.page(inbox.id, 0, 10).unwrap()[0].subject, "Покана");
    // The search index was filled from what was already stored.
    assert_eq!(s.search("рожден", &Scope::All, 10).unwrap().len(), 1);
    assert_eq!(s.search("мария", &Scope::All, 10).unwrap().len(), 1);
    drop(s);
    // Opening again is a no-op.
    assert_eq!(
        Store::open(&path).unwrap().version().unwrap(),
        schema::current_version()
    );
}

#[test]
fn refuses_a_store_from_a_newer_brev() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.sqlite3");
    Store::open(&path)
        .unwrap()
        .conn
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
    assert!(matches!(
        Store::open_reader(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}

#[test]
fn reader_sees_commits_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.sqlite3");
    let mut w = Store::open(&path).unwrap();
    let r = Store::open_reader(&path).unwrap();
    let inbox = w
        .write(|tx| tx.upsert_folder("acc", &NewFolder::new("INBOX", Some(Role::Inbox))))
        .unwrap();
    w.write(|tx| tx.insert_message(inbox, &msg("x", "A", 1, "y")))
        .unwrap();
    assert_eq!(r.message_count(inbox).unwrap(), 1);
    assert!(r.conn.execute("DELETE FROM messages", []).is_err());
    assert_eq!(w.message_count(inbox).unwrap(), 1);
}

/// The kept counts follow every kind of change, as a fresh count would.
#[test]
fn folder_counts_are_kept_through_every_change() {
    let (mut s, inbox) = store_with_inbox();
    let archive = s
        .write(|tx| tx.upsert_folder("acc", &NewFolder::new("Archive", Some(Role::Archive))))
        .unwrap();
    let counted = |s: &Store, f: FolderId| -> (u32, u32) {
        s.conn
            .query_row(
                "SELECT count(*), coalesce(sum(flags & 1 = 0), 0) FROM messages WHERE folder_id = ?",
                [f.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    let kept = |s: &Store, f: FolderId| {
        let f = s.folder(f).unwrap().unwrap();
        (f.total, f.unread)
    };
    let check = |s: &Store| {
        for f in [inbox, archive] {
            assert_eq!(kept(s, f), counted(s, f));
        }
        assert_eq!(s.message_count(inbox).unwrap() as u32, counted(s, inbox).0);
    };
    let ids: Vec<MsgId> = s
        .write(|tx| {
            (0..5)
                .map(|i| {
                    let mut m = msg(&format!("m{i}"), "A", 1_700_000_000 + i, "x");
                    m.uid = Some(i as u32 + 1);
                    m.flags = if i % 2 == 0 {
                        Flags::SEEN
                    } else {
                        Flags::default()
                    };
                    tx.insert_message(inbox, &m)
                })
                .collect()
        })
        .unwrap();
    check(&s);
    assert_eq!(kept(&s, inbox), (5, 2));
    s.write(|tx| tx.set_flags(ids[0], Flags::default()))
        .unwrap();
    s.write(|tx| tx.set_flags(ids[1], Flags::SEEN.with(Flags::FLAGGED, true)))
        .unwrap();
    s.write(|tx| tx.set_flags(ids[2], Flags::SEEN.with(Flags::FLAGGED, true)))
        .unwrap();
    check(&s);
    s.write(|tx| tx.move_message(ids[3], archive)).unwrap();
    s.write(|tx| tx.delete_message(ids[4])).unwrap();
    check(&s);
    assert_eq!(kept(&s, archive), (1, 1));
    assert_eq!(s.imap_uid_count(inbox).unwrap(), 3);
    s.write(|tx| tx.set_uid(ids[0], None)).unwrap();
    assert_eq!(s.imap_uid_count(inbox).unwrap(), 2, "one waits for its UID");
    s.write(|tx| tx.delete_folder(archive)).unwrap();
    assert_eq!(kept(&s, inbox), counted(&s, inbox));
    assert_eq!(counted(&s, archive), (0, 0));
}

#[test]
fn words_typed_with_punctuation_and_marks_are_found() {
    let (mut s, inbox) = store_with_inbox();
    let ids = s
        .write(|tx| {
            Ok(vec![
                tx.insert_message(
                    inbox,
                    &msg(
                        "Mötet flyttas",
                        "Per",
                        2,
                        "Se https://intra.example.se/möte-2024 och skriv till Anna.Berg@firma.se.",
                    ),
                )?,
                tx.insert_message(inbox, &msg("नमस्ते", "Ravi", 1, "हिंदी में पत्र"))?,
            ])
        })
        .unwrap();
    let find = |q: &str| found(&s, inbox, q);
    assert_eq!(find("anna.berg@firma.se"), vec![ids[0]]);
    assert_eq!(find("möte-2024"), vec![ids[0]]);
    assert_eq!(find("intra.example"), vec![ids[0]]);
    // Vowel signs are marks: the words stay whole, typed or indexed.
    assert_eq!(find("हिंदी"), vec![ids[1]]);
    assert_eq!(find("नमस्ते"), vec![ids[1]]);
    assert!(find("möte-2025").is_empty());
}

/// The body is indexed as its distinct words; the tokenizer must see the
/// same words in them as in the whole text. Checked by the index itself: the
/// text goes into one column and its distinct words into another, and every
/// term must occur in both.
#[test]
fn distinct_words_index_like_the_whole_text() {
    let s = Store::open_in_memory().unwrap();
    s.conn
        .execute_batch("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, message_fts, 'col')")
        .unwrap();
    let mut texts: Vec<String> = vec![
        "Hej Hej HEJ hej! Mötet, MÖTET; mötet? Кафе КАФЕ кафе. Øl/øl\tøl\r\nØL".into(),
        "https://Example.se/a-b_c?d=E&f=G#h it's don't «citat» — “quote” a\u{00A0}b".into(),
        "Cafe\u{0301} cafe\u{0301} CAFE\u{0301} e\u{0301}t हिंदी हिंदी 東京 東京タワー 😀x😀 ⓐⓑ"
            .into(),
        "1,5 kr 2024-11-22 12:30 v2.0 3rd ½ ² ١٢٣ Ⅻ".into(),
        String::new(),
        "   \n\t ".into(),
    ];
    // And generated ones, from a pool of the kinds of characters above.
    let pool: Vec<char> = "aAbBzZ09 .,;:-_'\"!?/@\t\nåÅäÄöÖøØæÆжЖяЯ\u{0301}\u{00A0}\u{2014}東😀ⓐिं"
        .chars()
        .collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..200 {
        let len = (seed % 80) as usize;
        let mut t = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push(pool[(seed % pool.len() as u64) as usize]);
        }
        texts.push(t);
    }
    for (i, text) in texts.iter().enumerate() {
        let words = super::distinct_words(text);
        s.conn
            .execute(
                "INSERT INTO message_fts (rowid, sender, recipients, subject, body) VALUES (?, '', '', ?, ?)",
                rusqlite::params![i as i64 + 1, text, words],
            )
            .unwrap();
        let mut stmt = s
            .conn
            .prepare(
                "SELECT term, group_concat(col) FROM temp.vocab GROUP BY term HAVING count(*) != 2",
            )
            .unwrap();
        let odd: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(odd.is_empty(), "{text:?} -> {words:?}: {odd:?}");
        s.conn
            .execute("DELETE FROM message_fts WHERE rowid = ?", [i as i64 + 1])
            .unwrap();
    }
    // Repeated words are written once.
    assert_eq!(super::distinct_words("Hej hej, HEJ! Då då."), "hej då");
}

#[test]
fn upgrading_rebuilds_the_search_index_from_stored_mail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.sqlite3");
    {
        let mut old = Store::open_at_version(&path, 5).unwrap();
        let inbox = old
            .write(|tx| tx.upsert_folder("acc", &NewFolder::new("INBOX", Some(Role::Inbox))))
            .unwrap();
        old.write(|tx| {
            tx.insert_message(
                inbox,
                &msg(
                    "Faktura",
                    "Åsa",
                    1,
                    "Betala senast fredag, se firma.se/faktura-7.",
                ),
            )
        })
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let sql: String = s
        .conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'message_fts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("detail = column"), "{sql}");
    for q in ["fredag", "faktura-7", "åsa", "kari"] {
        assert_eq!(s.search(q, &Scope::All, 10).unwrap().len(), 1, "{q}");
    }
}

#[test]
fn the_pop_check_reads_records_in_order_and_messages_by_the_narrow_index() {
    let (s, _) = store_with_inbox();
    let plan: Vec<String> = s
        .conn
        .prepare(&format!(
            "EXPLAIN QUERY PLAN {}",
            super::pop_sync::POP_STATES
        ))
        .unwrap()
        .query_map(["acc"], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let plan = plan.join(" | ");
    assert!(plan.contains("SCAN p"), "{plan}");
    assert!(
        plan.contains("COVERING INDEX messages_id_partial"),
        "{plan}"
    );
}

/// A message stored with its body for later (`body_later`): no search
/// entry, no attachments, queued; reading it fills them in once.
#[test]
fn a_body_stored_for_later_is_read_once_and_never_for_a_gone_message() {
    let (mut s, inbox) = store_with_inbox();
    let other = s
        .write(|tx| tx.upsert_folder("other", &NewFolder::new("INBOX", Some(Role::Inbox))))
        .unwrap();
    let whole = msg(
        "Faktura",
        "Åsa Öberg",
        1_700_000_000,
        "Betala senast fredag.",
    );
    let later = NewMessage {
        body_later: true,
        preview: String::new(),
        body_words: String::new(),
        ..whole.clone()
    };
    let [a, b, gone, elsewhere] =
        [inbox, inbox, inbox, other].map(|f| s.write(|tx| tx.insert_message(f, &later)).unwrap());
    assert_eq!(s.unindexed_count("acc").unwrap(), 3);
    assert!(found(&s, inbox, "fredag").is_empty(), "not searchable yet");
    assert!(found(&s, inbox, "faktura").is_empty());
    s.write(|tx| tx.delete_message(gone)).unwrap();
    let waiting: Vec<MsgId> = s
        .unindexed("acc", MsgId(0), 10, usize::MAX)
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(
        waiting,
        vec![a, b],
        "only this account's, gone ones left out"
    );
    assert_eq!(s.unindexed("acc", a, 10, usize::MAX).unwrap()[0].id, b);
    let raw = whole.raw.clone().unwrap();
    assert_eq!(s.unindexed("acc", a, 10, usize::MAX).unwrap()[0].raw, raw);
    // A batch stops at its byte budget, but holds at least one message.
    let ids = |max| -> Vec<MsgId> {
        let got = s.unindexed("acc", MsgId(0), 10, max).unwrap();
        got.iter().map(|u| u.id).collect()
    };
    assert_eq!(ids(raw.len() * 2), vec![a, b]);
    assert_eq!(ids(raw.len() * 2 - 1), vec![a]);
    assert_eq!(ids(1), vec![a]);

    // `a` read; `b` could not be parsed: its header columns stay.
    let done = s
        .write(|tx| Ok((tx.set_indexed(a, Some(&whole))?, tx.set_indexed(b, None)?)))
        .unwrap();
    assert_eq!(done, (true, true));
    assert_eq!(
        s.message(a).unwrap().unwrap().preview,
        "Betala senast fredag."
    );
    assert_eq!(s.message(b).unwrap().unwrap().subject, "Faktura");
    assert_eq!(found(&s, inbox, "fredag"), vec![a]);
    assert_eq!(s.unindexed_count("acc").unwrap(), 0);
    // A second reading, or one of a deleted message, does nothing.
    let again = s
        .write(|tx| {
            Ok((
                tx.set_indexed(a, Some(&whole))?,
                tx.set_indexed(gone, Some(&whole))?,
            ))
        })
        .unwrap();
    assert_eq!(again, (false, false));
    assert_eq!(found(&s, inbox, "fredag"), vec![a]);
    // The whole message arriving (set_raw) reads it too.
    s.write(|tx| tx.set_raw(elsewhere, whole.raw.as_deref().unwrap()))
        .unwrap();
    assert_eq!(s.unindexed_count("other").unwrap(), 0);
    assert_eq!(found(&s, other, "fredag"), vec![elsewhere]);
}
