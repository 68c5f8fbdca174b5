//! The embedded font: Noto Sans (OFL, assets/fonts/OFL.txt) covers Latin and
//! Cyrillic, so Swedish, Norwegian and Bulgarian text render on any system.

use iced::Font;
use iced::font::Weight;

pub const REGULAR_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// Noto Sans Symbols 2 (OFL): the folder icons (📥 📤 🗑 …) as outlines
/// that take the text colour, in light and dark themes alike.
pub const SYMBOLS_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols2-Regular.ttf");

/// The default font of every widget.
pub const DEFAULT: Font = Font::with_name("Noto Sans");

/// For icons: see [`SYMBOLS_BYTES`].
pub const SYMBOLS: Font = Font::with_name("Noto Sans Symbols2");

/// For unread messages and headings.
pub const BOLD: Font = Font {
    weight: Weight::Bold,
    ..DEFAULT
};

/// iced's settings with Brev's fonts embedded and the default font set: for
/// the window and for headless pictures of it (iced_test).
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![
            REGULAR_BYTES.into(),
            BOLD_BYTES.into(),
            SYMBOLS_BYTES.into(),
        ],
        default_font: DEFAULT,
        ..iced::Settings::default()
    }
}
