//! Translations: one Fluent loader for the whole program, locale negotiation,
//! and the `fl!` macro every user-visible string goes through.
//!
//! Keys live in `i18n/{en,sv,nb,bg}/brev.ftl`; `fl!` checks at compile time that
//! a key exists in the English file, and `tests/i18n.rs` checks that all four
//! files hold the same keys.

use std::sync::LazyLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::unic_langid::LanguageIdentifier;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The languages Brev speaks, in the order they are offered to the user.
pub const LANGUAGES: [&str; 4] = ["en", "sv", "nb", "bg"];

/// The one loader. English is always loaded as the fallback.
pub static LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader = fluent_language_loader!();
    // The English file is embedded at compile time; `fl!` has already checked it.
    if let Err(e) = loader.load_fallback_language(&Localizations) {
        tracing::error!("loading the embedded English translations failed: {e}");
    }
    loader.set_use_isolating(false);
    loader
});

/// Translate a key: `fl!("key")` or `fl!("key", name = value, ...)`.
#[macro_export]
macro_rules! fl {
    ($id:literal) => {{ i18n_embed_fl::fl!($crate::i18n::LOADER, $id) }};
    ($id:literal, $($args:tt)*) => {{
        $crate::i18n::without_isolation_marks(i18n_embed_fl::fl!($crate::i18n::LOADER, $id, $($args)*))
    }};
}

/// Remove Fluent's Unicode isolation marks (U+2068, U+2069) from a formatted
/// string. The loader is set not to insert them, but `load_languages` turns
/// them back on for a moment before [`set_language`] turns them off again; a
/// string formatted on another thread in that moment would carry them. Brev
/// shows no bidirectional text, so they are never wanted.
#[doc(hidden)]
pub fn without_isolation_marks(text: String) -> String {
    if text.contains(['\u{2068}', '\u{2069}']) {
        text.replace(['\u{2068}', '\u{2069}'], "")
    } else {
        text
    }
}

/// Map a requested locale (e.g. `sv-SE`, `nb_NO.UTF-8`, `no`, `bg`) to one of
/// [`LANGUAGES`], or `None` when Brev does not speak it.
pub fn supported_language(requested: &str) -> Option<&'static str> {
    let base = requested
        .split(['.', '@'])
        .next()
        .unwrap_or_default()
        .replace('_', "-")
        .to_ascii_lowercase();
    let primary = base.split('-').next().unwrap_or_default();
    match primary {
        "en" => Some("en"),
        "sv" => Some("sv"),
        // Norwegian in any written form (no, nb, nn) gets Bokmål.
        "nb" | "no" | "nn" => Some("nb"),
        "bg" => Some("bg"),
        _ => None,
    }
}

/// Pick the language: the setting when it names a supported one, else the
/// first supported system locale, else English.
pub fn negotiate<'a>(
    setting: Option<&str>,
    system: impl IntoIterator<Item = &'a str>,
) -> &'static str {
    setting
        .and_then(supported_language)
        .or_else(|| system.into_iter().find_map(supported_language))
        .unwrap_or("en")
}

/// Load the language for this run: from the settings when given, else from
/// the system's locales. Returns the language chosen.
pub fn init(setting: Option<&str>) -> &'static str {
    let system: Vec<String> = sys_locale::get_locales().collect();
    let lang = negotiate(setting, system.iter().map(String::as_str));
    set_language(lang);
    lang
}

/// Switch the whole program to `lang` (one of [`LANGUAGES`]).
pub fn set_language(lang: &str) {
    let id: LanguageIdentifier = match lang.parse() {
        Ok(id) => id,
        Err(_) => return,
    };
    // Reloading the language in use would only rebuild the same bundles.
    if LOADER.current_language() == id {
        return;
    }
    if let Err(e) = LOADER.load_languages(&Localizations, &[id]) {
        tracing::warn!("loading translations for {lang} failed: {e}");
    }
    // load_languages turns Unicode isolation marks back on; Brev shows no
    // bidirectional text and the marks would show up in plain-text output.
    LOADER.set_use_isolating(false);
}

/// The language currently in use.
pub fn current_language() -> String {
    LOADER.current_language().language.as_str().to_owned()
}

/// Every `.ftl` file embedded in the binary, as (path, contents): for tests.
pub fn embedded_files() -> Vec<(String, String)> {
    Localizations::iter()
        .filter_map(|path| {
            let file = Localizations::get(&path)?;
            let text = String::from_utf8(file.data.into_owned()).ok()?;
            Some((path.into_owned(), text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_variants_map_to_bokmal() {
        for l in ["no", "nn", "nb", "nb-NO", "nn_NO.UTF-8", "no-NO"] {
            assert_eq!(supported_language(l), Some("nb"), "{l}");
        }
    }

    #[test]
    fn unsupported_falls_back_to_english() {
        assert_eq!(negotiate(None, ["de-DE", "fr"]), "en");
        assert_eq!(negotiate(Some("xx"), ["sv_SE.UTF-8"]), "sv");
        assert_eq!(negotiate(Some("bg"), ["sv-SE"]), "bg");
        assert_eq!(negotiate(None, ["de", "bg-BG"]), "bg");
    }
}
