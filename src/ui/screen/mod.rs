//! The screens of the window, each with its own messages (DESIGN.md rule 6).

pub mod compose;
pub mod mailbox;
pub mod settings;
pub mod wizard;
