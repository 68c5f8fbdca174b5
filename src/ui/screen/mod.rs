//! The screens of the window, each with its own messages (DESIGN.md rule 6).

pub mod mailbox;
pub mod settings;
