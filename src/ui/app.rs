//! The application: state, messages, update and view. Screens come in their
//! own modules (DESIGN.md rule 6); this routes between them.

use iced::widget::{column, container, text};
use iced::{Element, Length, Task};

use crate::config::Config;
use crate::fl;

/// What the program knew when it started.
pub struct Startup {
    /// The loaded configuration, or the translated reason it could not be read.
    pub config: Result<Config, String>,
}

pub struct App {
    config: Result<Config, String>,
}

#[derive(Debug, Clone)]
pub enum Message {}

impl App {
    pub fn new(startup: Startup) -> (App, Task<Message>) {
        (
            App {
                config: startup.config,
            },
            Task::none(),
        )
    }

    pub fn title(&self) -> String {
        fl!("app-title")
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {}
    }

    pub fn view(&self) -> Element<'_, Message> {
        let body = match &self.config {
            Err(reason) => column![
                text(fl!("app-config-broken-title")).size(22).font(super::font::BOLD),
                text(reason.clone()),
            ],
            Ok(config) if config.accounts.is_empty() => column![
                text(fl!("app-welcome")).size(28).font(super::font::BOLD),
                text(fl!("app-no-accounts")),
            ],
            Ok(config) => column![
                text(fl!("app-welcome")).size(28).font(super::font::BOLD),
                text(fl!("app-accounts", count = config.accounts.len())),
            ],
        };
        container(body.spacing(12).max_width(640))
            .padding(32)
            .center_x(Length::Fill)
            .center_y(Length::Fill)
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced_test::simulator;

    #[test]
    fn welcome_shows_when_there_are_no_accounts() {
        crate::i18n::set_language("en");
        let (app, _) = App::new(Startup {
            config: Ok(Config::default()),
        });
        let mut ui = simulator(app.view());
        assert!(ui.find(fl!("app-welcome")).is_ok());
        assert!(ui.find(fl!("app-no-accounts")).is_ok());
    }

    #[test]
    fn a_broken_config_is_explained() {
        let (app, _) = App::new(Startup {
            config: Err("config.toml, line 3: invalid type".into()),
        });
        let mut ui = simulator(app.view());
        assert!(ui.find("config.toml, line 3: invalid type").is_ok());
    }
}
