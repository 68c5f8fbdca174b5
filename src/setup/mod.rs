//! Account setup without the window: finding a provider's settings
//! ([`discover`]), testing them ([`check`]) and saving an account
//! ([`save_account`]). No iced here (DESIGN.md rule 1); the wizard in
//! `ui::screen` and the headless `brev discover` / `brev check` use this.

pub mod advice;
pub mod autoconfig;
pub mod check;
pub mod discover;
pub mod dns;
pub mod http;
pub mod probe;
pub mod providers;
pub mod save;

pub use check::{CheckFailure, CheckReport, check, check_with, smtp_login_check};
pub use discover::{Discovered, Found, Lookup, Source, discover};
pub use dns::{DnsSource, MxRecord, SrvRecord, StaticDns, SystemDns};
pub use save::{SaveError, save_account, save_account_with};
