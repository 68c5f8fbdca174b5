//! The engine's typed errors; the UI and the headless commands show
//! [`SyncError::user_message`].

use crate::net::NetError;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// The server could not be reached or the connection broke.
    #[error(transparent)]
    Net(#[from] NetError),
    /// The server refused the user name or password.
    #[error("authentication failed: {0}")]
    AuthenticationFailed(String),
    /// No password is saved for the account.
    #[error("no password saved")]
    NoPassword,
    /// The password store could not be used.
    #[error("password store: {0}")]
    Secrets(String),
    /// POP3: another program has the mailbox open (`-ERR [IN-USE]`).
    #[error("mailbox in use: {0}")]
    MailboxInUse(String),
    /// The server answered something the engine cannot use.
    #[error("server error: {0}")]
    Server(String),
    /// The local store failed.
    #[error("store: {0}")]
    Store(String),
}

impl From<crate::store::StoreError> for SyncError {
    fn from(e: crate::store::StoreError) -> Self {
        SyncError::Store(e.to_string())
    }
}

impl SyncError {
    /// True when the server was not reachable (show saved mail, retry later).
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            SyncError::Net(
                NetError::HostNotFound { .. }
                    | NetError::Refused { .. }
                    | NetError::Timeout { .. }
                    | NetError::ConnectionLost { .. }
                    | NetError::Io { .. }
            )
        )
    }

    pub fn user_message(&self) -> String {
        match self {
            SyncError::Net(e) => e.user_message(),
            SyncError::AuthenticationFailed(reply) => {
                crate::fl!("sync-auth-failed", reply = reply.clone())
            }
            SyncError::NoPassword => crate::fl!("sync-no-password"),
            SyncError::Secrets(reason) => crate::fl!("sync-secrets", reason = reason.clone()),
            SyncError::MailboxInUse(_) => crate::fl!("sync-mailbox-in-use"),
            SyncError::Server(reply) => crate::fl!("sync-server-error", reply = reply.clone()),
            SyncError::Store(reason) => crate::fl!("sync-store-error", reason = reason.clone()),
        }
    }
}
