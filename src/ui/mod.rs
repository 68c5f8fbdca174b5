//! The iced front end. The only place that imports iced (DESIGN.md rule 1).

mod app;
pub mod font;

pub use app::{App, Message, Startup};

/// Open the main window and run until it is closed.
pub fn run(startup: Startup) -> iced::Result {
    let startup = std::sync::Mutex::new(Some(startup));
    iced::application(
        move || {
            let startup = startup
                .lock()
                .ok()
                .and_then(|mut s| s.take())
                .unwrap_or(Startup {
                    config: Ok(Default::default()),
                });
            App::new(startup)
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .font(font::REGULAR_BYTES)
    .font(font::BOLD_BYTES)
    .default_font(font::DEFAULT)
    .window_size((1100.0, 720.0))
    .run()
}
