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
    /// SMTP: the outgoing server refused this recipient.
    #[error("recipient {address} refused: {reply}")]
    RecipientRejected { address: String, reply: String },
    /// SMTP: the message is larger than the outgoing server takes.
    #[error("message too large: {0}")]
    MessageTooLarge(String),
    /// SMTP: the outgoing server refused the user name or password.
    #[error("outgoing server refused the login: {0}")]
    SendAuthFailed(String),
    /// SMTP: the outgoing server refused the message for another reason.
    #[error("outgoing server refused the message: {0}")]
    SendRefused(String),
    /// SMTP: the connection broke after the message was handed over.
    #[error("the message may have been sent")]
    MaybeSent,
    /// The message could not be built (a bad address, no recipients).
    #[error("cannot build the message: {0}")]
    Compose(String),
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
            SyncError::RecipientRejected { address, reply } => crate::fl!(
                "send-recipient-rejected",
                address = address.clone(),
                reply = reply.clone()
            ),
            SyncError::MessageTooLarge(reply) => {
                crate::fl!("send-too-large", reply = reply.clone())
            }
            SyncError::SendAuthFailed(reply) => {
                crate::fl!("send-auth-failed", reply = reply.clone())
            }
            SyncError::SendRefused(reply) => crate::fl!("send-refused", reply = reply.clone()),
            SyncError::MaybeSent => crate::fl!("send-may-have-been-sent"),
            SyncError::Compose(reason) => reason.clone(),
        }
    }
}
