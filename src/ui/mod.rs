//! The iced front end. The only place that imports iced (DESIGN.md rule 1).

mod app;
pub mod bridge;
pub mod data;
pub mod font;
pub mod format;
pub mod reader;
pub mod screen;
pub mod widget;

#[cfg(test)]
mod tests;

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
                    profile: None,
                    demo: false,
                });
            App::new(startup)
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .subscription(App::subscription)
    .settings(font::settings())
    .window_size((1200.0, 760.0))
    .run()
}
