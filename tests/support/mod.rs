//! Shared test harness: a real Dovecot per test, certificates, a fast
//! Maildir filler with realistic generated mail.
//!
//! ```ignore
//! mod support;
//! let server = support::Dovecot::start();
//! let alice = server.add_user("alice", "secret");
//! let generated = server.fill(&alice, "INBOX", 200, 1);
//! ```
#![allow(dead_code)]

pub mod accounts;
pub mod certs;
pub mod cli;
pub mod clients;
pub mod dovecot;
pub mod encode;
pub mod maildir;
pub mod messages;
pub mod procs;
pub mod smtp;
pub mod xvfb;

// Not every test file uses every re-export.
#[allow(unused_imports)]
pub use dovecot::{Dovecot, Options, Ports, User};
#[allow(unused_imports)]
pub use maildir::Generated;
