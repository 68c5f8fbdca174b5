//! Headless commands, for scripts, power users, bug reports and tests.
//! With no command, `brev` opens the window.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Account, Config, MailProtocol, PopOptions, ServerSettings};
use crate::fl;
use crate::net::Security;
use crate::profile::Profile;
use crate::secrets::{PasswordStorage, Secrets};

#[derive(Debug, Parser)]
#[command(
    name = "brev",
    version,
    about = "Brev, a desktop mail client. With no command it opens the window."
)]
pub struct Cli {
    /// Keep settings, mail and passwords in this directory (a separate profile).
    #[arg(long, global = true, env = "BREV_PROFILE", value_name = "DIR")]
    pub profile: Option<PathBuf>,
    /// Open a sample mailbox (a throwaway profile, no server) to look around.
    #[arg(long, global = true)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list or remove mail accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Fetch new mail and changes now, printing progress (all accounts, or one).
    Sync { account: Option<String> },
    /// List the folders with their message and unread counts.
    Folders {
        account: Option<String>,
        /// Print JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// List the messages of a folder, newest first: `brev list [ACCOUNT] FOLDER`.
    List {
        #[arg(required = true, num_args = 1..=2, value_name = "[ACCOUNT] FOLDER")]
        args: Vec<String>,
        /// Print JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// At most this many messages.
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Save the mail to mbox files, one per folder: `brev export [ACCOUNT] DIR`.
    /// With several accounts and none named, each goes to DIR/ACCOUNT.
    Export {
        #[arg(required = true, num_args = 1..=2, value_name = "[ACCOUNT] DIR")]
        args: Vec<PathBuf>,
    },
    /// Find the server settings for an e-mail address, and where each came from.
    Discover {
        address: String,
        /// Print JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Test logging in to the servers of the accounts (all, or one).
    Check { account: Option<String> },
    /// Send a message: recipients and subject as flags, the text from
    /// standard input (or `--raw`: a whole message from standard input).
    Send(Box<crate::cli_send::SendArgs>),
    /// Show how Brev reads message files (.eml): headers, text, attachments.
    Inspect {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Add an account.
    Add(Box<AddAccount>),
    /// List the accounts.
    List {
        /// Print JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Remove an account (by id or address) and its saved password.
    Remove { account: String },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ProtocolArg {
    Imap,
    Pop3,
}

#[derive(Debug, Args)]
pub struct AddAccount {
    /// Your name, as recipients see it.
    #[arg(long)]
    pub name: String,
    /// The e-mail address.
    #[arg(long)]
    pub email: String,
    /// IMAP keeps mail on the server in sync; POP3 downloads it to this computer.
    #[arg(long, value_enum)]
    pub protocol: ProtocolArg,
    /// Incoming mail server (IMAP or POP3).
    #[arg(long)]
    pub incoming_host: String,
    /// Default: 993/995 for tls, 143/110 otherwise.
    #[arg(long)]
    pub incoming_port: Option<u16>,
    #[arg(long, value_enum, default_value = "tls")]
    pub incoming_security: SecurityArg,
    /// Outgoing (SMTP) server. Default: the incoming server.
    #[arg(long)]
    pub outgoing_host: Option<String>,
    /// Default: 465 for tls, 587 otherwise.
    #[arg(long)]
    pub outgoing_port: Option<u16>,
    #[arg(long, value_enum, default_value = "starttls")]
    pub outgoing_security: SecurityArg,
    /// User name for both servers. Default: the e-mail address.
    #[arg(long)]
    pub user: Option<String>,
    /// User name for the outgoing server, when it differs.
    #[arg(long)]
    pub outgoing_user: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
    /// Trust this certificate (PEM or DER) for this account, e.g. a self-signed server's.
    #[arg(long, value_name = "FILE")]
    pub trust_cert: Option<PathBuf>,
    /// Where to keep passwords from now on. `file` is for machines without a keyring.
    #[arg(long, value_enum)]
    pub password_storage: Option<PasswordStorage>,
    /// POP3: leave a copy of each message on the server.
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub leave_on_server: bool,
    /// POP3: remove the copy on the server after this many days (0: never).
    #[arg(long, value_name = "DAYS", default_value_t = 14)]
    pub delete_after_days: u32,
    /// POP3: remove the copy on the server when the message is deleted in Brev.
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub delete_when_deleted: bool,
    /// POP3: download only the headers of messages above this size (KiB).
    #[arg(long, value_name = "KIB")]
    pub headers_only_above_kb: Option<u32>,
    /// IMAP: which messages to keep whole on this computer for offline reading.
    #[arg(long, value_enum, default_value = "all")]
    pub imap_bodies: crate::config::BodyDownload,
    /// IMAP: with `--imap-bodies recent`, how many days count as recent.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub imap_recent_days: u32,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SecurityArg {
    Tls,
    Starttls,
    Plain,
}

impl From<SecurityArg> for Security {
    fn from(s: SecurityArg) -> Security {
        match s {
            SecurityArg::Tls => Security::Tls,
            SecurityArg::Starttls => Security::StartTls,
            SecurityArg::Plain => Security::Plain,
        }
    }
}

/// A failed command: its translated message.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: UserMessage> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.user_message())
    }
}

/// Errors that can explain themselves to the user, in their language.
pub trait UserMessage {
    fn user_message(&self) -> String;
}

macro_rules! user_message {
    ($($t:ty),*) => {$(
        impl UserMessage for $t {
            fn user_message(&self) -> String { <$t>::user_message(self) }
        }
    )*};
}
user_message!(
    crate::config::ConfigError,
    crate::secrets::SecretError,
    crate::profile::ProfileError,
    crate::net::NetError,
    crate::store::StoreError,
    crate::sync::SyncError,
    crate::setup::SaveError
);

/// Run a headless command; prints its output, returns the exit code.
pub fn run(command: Command, profile: &Profile) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let result = match command {
        Command::Account(AccountCommand::Add(args)) => account_add(*args, profile, &mut out),
        Command::Account(AccountCommand::List { json }) => account_list(profile, json, &mut out),
        Command::Account(AccountCommand::Remove { account }) => {
            account_remove(&account, profile, &mut out)
        }
        Command::Inspect { files } => inspect(&files, &mut out),
        Command::Discover { address, json } => crate::cli_setup::discover(&address, json, &mut out),
        Command::Check { account } => {
            crate::cli_setup::check(profile, account.as_deref(), &mut out)
        }
        Command::Export { args } => {
            let (account, dir) = match args.as_slice() {
                [account, dir, ..] => (account.to_str(), dir.as_path()),
                [dir] => (None, dir.as_path()),
                [] => (None, std::path::Path::new(".")),
            };
            crate::cli_mail::export(profile, account, dir, &mut out)
        }
        Command::Sync { account } => crate::cli_mail::sync(profile, account.as_deref(), &mut out),
        Command::Send(args) => crate::cli_send::send(profile, *args, &mut out),
        Command::Folders { account, json } => {
            crate::cli_mail::folders(profile, account.as_deref(), json, &mut out)
        }
        Command::List { args, json, limit } => {
            let (account, folder) = match args.as_slice() {
                [folder] => (None, folder.as_str()),
                [account, folder, ..] => (Some(account.as_str()), folder.as_str()),
                [] => (None, "INBOX"),
            };
            crate::cli_mail::list(profile, account, folder, json, limit, &mut out)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            let _ = out.flush();
            eprintln!("{}", fl!("cli-error", message = message));
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn write_err(e: std::io::Error) -> Failure {
    Failure(fl!("cli-output-error", reason = e.to_string()))
}

fn default_port(protocol: MailProtocol, security: Security) -> u16 {
    match (protocol, security) {
        (MailProtocol::Imap, Security::Tls) => 993,
        (MailProtocol::Imap, _) => 143,
        (MailProtocol::Pop3, Security::Tls) => 995,
        (MailProtocol::Pop3, _) => 110,
    }
}

fn account_add(args: AddAccount, profile: &Profile, out: &mut impl Write) -> Result<(), Failure> {
    profile.ensure_dirs()?;
    let path = profile.config_file();
    // A broken file stops here, before anything could overwrite it.
    let config = Config::load(&path)?;
    if !args.email.contains('@') {
        return Err(Failure(fl!("cli-bad-email", email = args.email.clone())));
    }
    let protocol = match args.protocol {
        ProtocolArg::Imap => MailProtocol::Imap,
        ProtocolArg::Pop3 => MailProtocol::Pop3,
    };
    let in_sec: Security = args.incoming_security.into();
    let out_sec: Security = args.outgoing_security.into();
    let user = args.user.clone().unwrap_or_else(|| args.email.clone());
    let trusted_cert = match &args.trust_cert {
        Some(file) => Some(crate::net::fingerprint(&crate::net::read_certificate_file(
            file,
        )?)),
        None => None,
    };
    let id = config.new_account_id(&args.email);
    let account = Account {
        id: id.clone(),
        name: args.name,
        email: args.email.clone(),
        protocol,
        incoming: ServerSettings {
            host: args.incoming_host.clone(),
            port: args.incoming_port.unwrap_or(default_port(protocol, in_sec)),
            security: in_sec,
            username: user.clone(),
        },
        outgoing: ServerSettings {
            host: args.outgoing_host.unwrap_or(args.incoming_host),
            port: args.outgoing_port.unwrap_or(match out_sec {
                Security::Tls => 465,
                _ => 587,
            }),
            security: out_sec,
            username: args.outgoing_user.unwrap_or(user),
        },
        trusted_cert: trusted_cert.clone(),
        pop: PopOptions {
            leave_on_server: args.leave_on_server,
            delete_after_days: (args.delete_after_days > 0).then_some(args.delete_after_days),
            delete_when_deleted: args.delete_when_deleted,
            headers_only_above_kb: args.headers_only_above_kb,
        },
        imap: crate::config::ImapOptions {
            download_bodies: args.imap_bodies,
            recent_days: args.imap_recent_days,
        },
        signature: String::new(),
        server_files_sent: None,
    };
    let mut password = String::new();
    if args.password_stdin {
        std::io::stdin()
            .lock()
            .read_line(&mut password)
            .map_err(|e| Failure(fl!("cli-cannot-read-password", reason = e.to_string())))?;
        password.truncate(password.trim_end_matches(['\r', '\n']).len());
        if password.is_empty() {
            return Err(Failure(fl!("cli-empty-password")));
        }
    }
    // Saved the way the wizard saves: the password first, so an account
    // whose password could not be kept is not added at all.
    let config =
        crate::setup::save_account_with(profile, account, &password, args.password_storage)?;
    writeln!(
        out,
        "{}",
        fl!("cli-account-added", account = id, email = args.email)
    )
    .map_err(write_err)?;
    if let Some(fp) = trusted_cert {
        writeln!(out, "{}", fl!("cli-cert-trusted", fingerprint = fp)).map_err(write_err)?;
    }
    if args.password_stdin && config.settings.password_storage == PasswordStorage::File {
        writeln!(
            out,
            "{}",
            fl!(
                "cli-password-in-file",
                path = profile.password_file().display().to_string()
            )
        )
        .map_err(write_err)?;
    }
    Ok(())
}

fn protocol_name(p: MailProtocol) -> &'static str {
    match p {
        MailProtocol::Imap => "IMAP",
        MailProtocol::Pop3 => "POP3",
    }
}

fn account_list(profile: &Profile, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let config = Config::load(&profile.config_file())?;
    if json {
        let text = serde_json::to_string_pretty(&config.accounts)
            .map_err(|e| Failure(fl!("cli-output-error", reason = e.to_string())))?;
        return writeln!(out, "{text}").map_err(write_err);
    }
    if config.accounts.is_empty() {
        return writeln!(out, "{}", fl!("cli-no-accounts")).map_err(write_err);
    }
    for a in &config.accounts {
        writeln!(
            out,
            "{}\t{}\t{}\t{}:{}",
            a.id,
            a.email,
            protocol_name(a.protocol),
            a.incoming.host,
            a.incoming.port
        )
        .map_err(write_err)?;
    }
    Ok(())
}

fn account_remove(key: &str, profile: &Profile, out: &mut impl Write) -> Result<(), Failure> {
    let path = profile.config_file();
    let mut config = Config::load(&path)?;
    let account = config.remove_account(key)?;
    let secrets = Secrets::new(profile, config.settings.password_storage);
    if let Err(e) = secrets.delete(&account.id) {
        // The account goes anyway; say what was left behind.
        writeln!(out, "{}", e.user_message()).map_err(write_err)?;
    }
    config.save(&path)?;
    writeln!(out, "{}", fl!("cli-account-removed", account = account.id)).map_err(write_err)
}

fn inspect(files: &[PathBuf], out: &mut impl Write) -> Result<(), Failure> {
    let mut failed = None;
    for (i, file) in files.iter().enumerate() {
        if i > 0 {
            writeln!(out).map_err(write_err)?;
        }
        if files.len() > 1 {
            writeln!(out, "==> {} <==", file.display()).map_err(write_err)?;
        }
        match std::fs::read(file) {
            Ok(raw) => {
                let message = crate::mail::parse(&raw);
                write!(out, "{}", crate::mail::inspect::render(&message)).map_err(write_err)?;
            }
            Err(e) => {
                let text = fl!(
                    "cli-cannot-read-file",
                    path = file.display().to_string(),
                    reason = e.to_string()
                );
                eprintln!("{text}");
                failed = Some(text);
            }
        }
    }
    match failed {
        Some(text) => Err(Failure(text)),
        None => Ok(()),
    }
}
