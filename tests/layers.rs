//! DESIGN.md rule 1: nothing outside `src/ui` (and the thin `main.rs`)
//! imports iced, so the engine, store and parsers never depend on the UI.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// True when a line of code names the `iced` crate or an `iced_*` crate.
fn mentions_iced(text: &str) -> bool {
    text.lines().any(|line| {
        let code = line.split("//").next().unwrap_or_default();
        code.match_indices("iced").any(|(i, _)| {
            let before = code[..i].chars().next_back();
            let after = code[i + 4..].chars().next();
            let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
            word_start && matches!(after, Some(':' | '_' | ';' | ' ' | '{') | None)
        })
    })
}

#[test]
fn iced_is_used_only_in_the_ui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 5);
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("ui")) && *f != &src.join("main.rs"))
        .filter(|f| mentions_iced(&std::fs::read_to_string(f).unwrap()))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "iced used outside src/ui: {offenders:?}"
    );
}

#[test]
fn the_check_recognises_an_import() {
    assert!(mentions_iced("use iced::widget::text;"));
    assert!(mentions_iced("let x = iced::Length::Fill;"));
    assert!(!mentions_iced("// iced:: in a comment"));
    assert!(mentions_iced("use iced_test::simulator;"));
    assert!(mentions_iced("use iced;"));
    assert!(!mentions_iced("let sliced = 1;"));
    assert!(!mentions_iced("let spliced_x = diced::y;"));
}

/// The layers below the engine point down (DESIGN.md rule 1): the parser
/// (`src/mail`) names neither the store nor anything above it, and the
/// store names nothing above it. Tests inside those folders may.
#[test]
fn mail_and_store_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rules: [(&str, &[&str]); 2] = [
        (
            "mail",
            &[
                "crate::store",
                "crate::sync",
                "crate::ui",
                "crate::setup",
                "crate::net",
            ],
        ),
        (
            "store",
            &["crate::sync", "crate::ui", "crate::setup", "crate::net"],
        ),
    ];
    let mut offenders = Vec::new();
    for (dir, above) in rules {
        let mut files = Vec::new();
        rust_files(&src.join(dir), &mut files);
        assert!(!files.is_empty(), "{dir}");
        for f in files.iter().filter(|f| !f.ends_with("tests.rs")) {
            let text = std::fs::read_to_string(f).unwrap();
            // Code only: up to a `#[cfg(test)]` module, without comments.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for line in code.lines() {
                let line = line.split("//").next().unwrap_or_default();
                if let Some(name) = above.iter().find(|name| line.contains(*name)) {
                    offenders.push(format!("{}: {name}", f.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
