//! Work done off the UI thread for the window: the draft to start from,
//! picked files, address suggestions.

use std::time::Duration;

use iced::Task;
use iced::widget::operation;

use super::{AUTOSAVE_SECONDS, Effect, Message, SUGGESTIONS, Start};
use crate::config::Account;
use crate::fl;
use crate::mail::compose::{self as model, Draft, DraftAttachment};
use crate::store::{KnownAddress, MsgId};
use crate::ui::data::Db;

/// Why the draft for a [`Start`] could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrepareError {
    /// Only the headers of this message are stored: the engine must fetch
    /// its body first (`Command::OpenMessage`).
    NotDownloaded(MsgId),
    /// Anything else, translated.
    Failed(String),
}

impl PrepareError {
    pub fn user_message(&self) -> String {
        match self {
            PrepareError::NotDownloaded(_) => fl!("compose-ui-fetching"),
            PrepareError::Failed(reason) => reason.clone(),
        }
    }
}

/// Build the draft a [`Start`] asks for. Blocking (reads the store): run
/// it off the UI thread.
pub fn prepare(db: &Db, start: &Start, account: &Account) -> Result<Draft, PrepareError> {
    let original = |id: MsgId| -> Result<(crate::mail::Message, Vec<u8>), PrepareError> {
        use crate::store::MessageRead;
        let missing = || PrepareError::Failed(fl!("compose-ui-original-missing"));
        let stored = db
            .read(|s| -> crate::store::Result<_> {
                Ok(match s.message(id)? {
                    // Only the headers are stored yet: no text to quote, no
                    // attachments to forward.
                    Some(row) if row.partial => Err(PrepareError::NotDownloaded(id)),
                    Some(_) => s.raw(id)?.ok_or(PrepareError::NotDownloaded(id)),
                    None => Err(missing()),
                })
            })
            .map_err(PrepareError::Failed)?
            .transpose()
            .map_err(|e| PrepareError::Failed(e.user_message()))?;
        let raw = stored.ok_or_else(missing)??;
        // A panic in a parser must not take the window down.
        let parsed =
            std::panic::catch_unwind(|| crate::mail::parse(&raw)).map_err(|_| missing())?;
        Ok((parsed, raw))
    };
    Ok(match start {
        Start::New { .. } => model::new_message(account),
        Start::Reply { id, all, .. } => {
            let (parsed, _) = original(*id)?;
            model::reply(&parsed, *id, account, *all)
        }
        Start::Forward { id, .. } => {
            let (parsed, raw) = original(*id)?;
            model::forward(&parsed, &raw, *id, account)
        }
        Start::EditDraft { id, .. } => {
            let (parsed, raw) = original(*id)?;
            std::panic::catch_unwind(|| model::edit(&parsed, &raw, *id, account))
                .map_err(|_| PrepareError::Failed(fl!("compose-ui-original-missing")))?
        }
    })
}

/// Read picked files into attachments. Blocking: run it off the UI thread.
/// The error is translated and names the file.
pub fn read_files(paths: &[std::path::PathBuf]) -> Result<Vec<DraftAttachment>, String> {
    paths
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let data = std::fs::read(path).map_err(|e| {
                fl!(
                    "compose-ui-attach-failed",
                    name = name.clone(),
                    reason = e.to_string()
                )
            })?;
            let mime_type = mime_guess::from_path(path)
                .first_or_octet_stream()
                .essence_str()
                .to_owned();
            Ok(DraftAttachment {
                name,
                mime_type,
                data,
            })
        })
        .collect()
}

/// Ask the user for files with the desktop's file picker (the portal, else
/// zenity); empty when cancelled.
pub async fn pick_files() -> Vec<std::path::PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(fl!("compose-ui-attach-title"))
        .pick_files()
        .await
        .map(|files| files.iter().map(|f| f.path().to_path_buf()).collect())
        .unwrap_or_default()
}

/// Addresses for a suggestion list (blocking: run it off the UI thread).
pub fn lookup(db: &Db, prefix: &str) -> Vec<KnownAddress> {
    use crate::store::AddressRead;
    db.read(|s| s.addresses_matching(None, prefix, SUGGESTIONS * 3))
        .ok()
        .flatten()
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// The task that does an effect's work and answers the window. `Engine`
/// and `Close` are the app's to handle; they give no task here.
pub fn task(effect: Effect, db: &Db) -> Task<Message> {
    let db = db.clone();
    match effect {
        Effect::Suggest {
            prefix, generation, ..
        } => Task::perform(
            async move {
                tokio::task::spawn_blocking(move || lookup(&db, &prefix))
                    .await
                    .unwrap_or_default()
            },
            move |found| Message::Suggested { generation, found },
        ),
        Effect::SizeLimit { account } => Task::perform(
            async move {
                tokio::task::spawn_blocking(move || size_limit(&db, &account))
                    .await
                    .ok()
                    .flatten()
            },
            Message::SizeLimit,
        ),
        Effect::SaveLater { generation } => Task::perform(
            // The timer is made when the task runs, on iced's runtime.
            async { tokio::time::sleep(Duration::from_secs(AUTOSAVE_SECONDS)).await },
            move |_| Message::AutosaveDue(generation),
        ),
        Effect::PickFiles => Task::perform(
            async move {
                let paths = pick_files().await;
                tokio::task::spawn_blocking(move || read_files(&paths))
                    .await
                    .unwrap_or_else(|e| Err(e.to_string()))
            },
            Message::Attached,
        ),
        Effect::Focus(id) => Task::batch([
            operation::focus(id.clone()),
            operation::move_cursor_to_end(id),
        ]),
        Effect::FocusNext => operation::focus_next(),
        Effect::FocusPrevious => operation::focus_previous(),
        Effect::Engine { .. } | Effect::Close => Task::none(),
    }
}

/// The outgoing server's SIZE limit for an account, when the engine has
/// learnt it (blocking).
pub fn size_limit(db: &Db, account: &str) -> Option<u64> {
    use crate::store::OutboxRead;
    db.read(|s| s.smtp_size_limit(account))
        .ok()
        .flatten()
        .and_then(Result::ok)
        .flatten()
}
