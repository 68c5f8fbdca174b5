//! Widgets of the mailbox screen, each with its own messages.

pub mod folder_tree;
pub mod message_list;
