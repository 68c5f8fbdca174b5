//! `brev send`: a message from the command line, through the same Outbox
//! and Sent handling as the window. The message is in the Outbox (on disk)
//! before anything is sent; when it cannot be sent now it stays there and
//! the next check sends it.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::{Failure, write_err};
use crate::config::{Config, ConfigError, MailProtocol};
use crate::fl;
use crate::mail::compose::{self, DraftAttachment};
use crate::profile::Profile;
use crate::store::{OutboxRead, OutboxState};
use crate::sync::{AccountCtx, EventSink, SyncError, imap, send};

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The sending account (id or address). Default: the first account.
    #[arg(long)]
    pub account: Option<String>,
    /// Recipient(s); repeat the flag or separate with commas.
    #[arg(long)]
    pub to: Vec<String>,
    #[arg(long)]
    pub cc: Vec<String>,
    #[arg(long)]
    pub bcc: Vec<String>,
    #[arg(long, default_value = "")]
    pub subject: String,
    /// Attach a file; repeat for more.
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    /// Standard input is a whole RFC 5322 message; its To, Cc and Bcc are
    /// the recipients.
    #[arg(long, conflicts_with_all = ["to", "cc", "bcc", "subject", "attach"])]
    pub raw: bool,
}

/// A MIME type from a file name's extension.
fn mime_type(path: &std::path::Path) -> String {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "txt" | "text" => "text/plain",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "zip" => "application/zip",
        "odt" => "application/vnd.oasis.opendocument.text",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "ics" => "text/calendar",
        _ => "application/octet-stream",
    }
    .to_owned()
}

pub fn send(profile: &Profile, args: SendArgs, out: &mut impl Write) -> Result<(), Failure> {
    let config = Config::load(&profile.config_file())?;
    let account = match &args.account {
        Some(key) => config
            .account(key)
            .ok_or_else(|| ConfigError::NoSuchAccount(key.clone()))?,
        None => config
            .accounts
            .first()
            .ok_or_else(|| Failure(fl!("cli-no-accounts")))?,
    };
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| Failure(e.to_string()))?;

    let mut ctx = AccountCtx::from_profile(profile, &config, account, EventSink::none())?;
    send::recover(&mut ctx)?;
    let id = if args.raw {
        if input.iter().all(u8::is_ascii_whitespace) {
            return Err(Failure(fl!("send-cli-empty")));
        }
        send::queue_raw(&mut ctx, &input)?
    } else {
        if args.to.is_empty() && args.cc.is_empty() && args.bcc.is_empty() {
            return Err(Failure(fl!("send-cli-no-recipients")));
        }
        let mut draft = compose::new_message(account);
        draft.to = args.to.join(", ");
        draft.cc = args.cc.join(", ");
        draft.bcc = args.bcc.join(", ");
        draft.subject = args.subject.clone();
        draft.body = String::from_utf8_lossy(&input).into_owned();
        for path in &args.attach {
            let data = std::fs::read(path).map_err(|e| {
                Failure(fl!(
                    "send-cli-cannot-read",
                    path = path.display().to_string(),
                    reason = e.to_string()
                ))
            })?;
            draft.attachments.push(DraftAttachment {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                mime_type: mime_type(path),
                data,
            });
        }
        send::queue(&mut ctx, &draft)?
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(e.to_string()))?;
    let flushed = runtime.block_on(send::flush(&mut ctx));
    match ctx.store.outbox_entry(id)? {
        None => {
            if ctx.account.protocol == MailProtocol::Imap
                && let Err(e) = runtime.block_on(imap::push_changes(&mut ctx))
            {
                // The copy for Sent waits in the queue for the next sync.
                tracing::info!("saving to Sent: {e}");
            }
            writeln!(out, "{}", fl!("send-cli-sent")).map_err(write_err)
        }
        Some(entry) => {
            let reason = match (&entry.state, flushed) {
                (OutboxState::MaybeSent, _) => SyncError::MaybeSent.user_message(),
                (_, Err(e)) if e.is_offline() => fl!("send-offline"),
                (_, Err(e)) => e.user_message(),
                (OutboxState::Failed(reason), Ok(_)) => reason.clone(),
                (state, Ok(_)) => state.user_message(),
            };
            let mut message = fl!("send-cli-not-sent", reason = reason);
            if entry.state != OutboxState::MaybeSent {
                message.push('\n');
                message.push_str(&fl!("send-cli-queued"));
            }
            Err(Failure(message))
        }
    }
}
