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
