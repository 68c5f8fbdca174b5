//! The four translations hold the same messages with the same placeables,
//! every key the code asks for exists, and switching languages works.

use std::collections::{BTreeMap, BTreeSet};

use brev::fl;
use brev::i18n::{LANGUAGES, embedded_files, set_language};

/// message id -> the `$variables` its text uses, for one .ftl file.
fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let starts_message = line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-');
        if starts_message {
            let (id, _) = line.split_once('=').expect("a message line has '='");
            let id = id.trim().to_owned();
            assert!(!out.contains_key(&id), "{id} is defined twice");
            out.insert(id.clone(), BTreeSet::new());
            current = Some(id);
        } else if line.starts_with('#') || line.trim().is_empty() {
            if line.trim().is_empty() {
                continue;
            }
            current = None;
        }
        if let Some(id) = &current {
            let vars = out.get_mut(id).expect("current message");
            let mut rest = line;
            while let Some(i) = rest.find('$') {
                rest = &rest[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                vars.insert(name);
            }
        }
    }
    out
}

fn files() -> BTreeMap<String, String> {
    embedded_files()
        .into_iter()
        .map(|(path, text)| {
            let lang = path.split('/').next().unwrap().to_owned();
            assert_eq!(path, format!("{lang}/brev.ftl"), "unexpected file {path}");
            (lang, text)
        })
        .collect()
}

#[test]
fn every_language_has_the_same_messages_and_placeables() {
    let files = files();
    let langs: Vec<&str> = files.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = LANGUAGES.to_vec();
    expected.sort();
    assert_eq!(langs, expected);
    let english = messages(&files["en"]);
    assert!(
        english.len() > 20,
        "English has only {} messages",
        english.len()
    );
    for (lang, text) in &files {
        let other = messages(text);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        for (id, vars) in &english {
            assert_eq!(
                &other[id], vars,
                "{lang}: {id} uses other placeables than English"
            );
        }
    }
}

/// Every `fl!("key"` in the source names a message that exists (the macro
/// checks English at compile time; this covers every language).
#[test]
fn every_key_used_in_code_exists() {
    let files = files();
    let mut used = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text: String = std::fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                for part in text.split("fl!(").skip(1) {
                    let part = part.trim_start();
                    if let Some(rest) = part.strip_prefix('"') {
                        let key: String = rest.chars().take_while(|c| *c != '"').collect();
                        used.insert((key, path.clone()));
                    }
                }
            }
        }
    }
    assert!(used.len() > 10, "found only {} keys in use", used.len());
    for (lang, text) in &files {
        let known = messages(text);
        for (key, path) in &used {
            assert!(
                known.contains_key(key),
                "{} uses {key}, missing in {lang}",
                path.display()
            );
        }
    }
}

/// One test switches the global language, so nothing else here races it.
#[test]
fn switching_language_translates_and_has_no_isolation_marks() {
    let expectations = [
        ("en", "Welcome to Brev"),
        ("sv", "Välkommen till Brev"),
        ("nb", "Velkommen til Brev"),
        ("bg", "Добре дошли в Brev"),
    ];
    for (lang, welcome) in expectations {
        set_language(lang);
        assert_eq!(brev::i18n::current_language(), lang);
        assert_eq!(fl!("app-welcome"), welcome);
        let text = fl!("config-no-such-account", account = "kari");
        assert!(text.contains("kari"), "{lang}: {text}");
        assert!(
            !text.contains('\u{2068}') && !text.contains('\u{2069}'),
            "{lang}: isolation marks in {text:?}"
        );
    }
    // A string formatted on another thread while the language changes has
    // no marks either (load_languages turns them on for a moment).
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut seen = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || seen == 0 {
                let text = fl!("config-no-such-account", account = "kari");
                assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
                seen += 1;
            }
            seen
        });
        for _ in 0..50 {
            for lang in LANGUAGES {
                set_language(lang);
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().expect("the reader thread") > 0);
    });
    // Plurals follow each language's rules.
    set_language("sv");
    assert_eq!(fl!("app-accounts", count = 1), "Ett konto är inställt.");
    assert_eq!(fl!("app-accounts", count = 3), "3 konton är inställda.");
    set_language("en");
}
