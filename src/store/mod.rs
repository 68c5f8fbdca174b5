//! The local store (SQLite).
