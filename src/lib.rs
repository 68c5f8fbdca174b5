//! Brev: a desktop mail client that answers "POP or IMAP?" for its user.
//!
//! Layers (see DESIGN.md): `ui` may use everything; `sync` uses `store`, `mail`,
//! `net` and `config`; `store` uses `mail`. Nothing outside `ui` imports iced.

pub mod cli;
mod cli_mail;
mod cli_send;
mod cli_setup;
pub mod config;
pub mod datetime;
pub mod demo;
pub mod export;
pub mod i18n;
pub mod ids;
pub mod mail;
pub mod net;
pub mod profile;
pub mod secrets;
pub mod setup;
pub mod store;
pub mod sync;
pub mod ui;
