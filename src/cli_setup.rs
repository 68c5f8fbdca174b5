//! Headless setup commands: `brev discover ADDRESS` (what the lookup finds
//! and where each setting came from) and `brev check [ACCOUNT]` (the
//! wizard's connection test for saved accounts).

use std::io::Write;

use crate::cli::{Failure, write_err};
use crate::config::{Config, ConfigError, MailProtocol, ServerSettings};
use crate::fl;
use crate::net::{Security, Timeouts};
use crate::profile::Profile;
use crate::setup::{self, CheckFailure, Found, Lookup};
use crate::sync::{AccountCtx, EventSink};

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(e.to_string()))
}

/// The name of a security setting, in the user's words.
pub fn security_name(s: Security) -> String {
    match s {
        Security::Tls => fl!("setup-security-tls"),
        Security::StartTls => fl!("setup-security-starttls"),
        Security::Plain => fl!("setup-security-plain"),
    }
}

fn server_line(kind: &str, s: &ServerSettings) -> String {
    fl!(
        "setup-discover-server",
        kind = kind,
        host = s.host.as_str(),
        port = s.port.to_string(),
        security = security_name(s.security),
        user = s.username.as_str()
    )
}

/// `brev discover ADDRESS [--json]`: exit code non-zero when nothing was
/// found.
pub fn discover(address: &str, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let lookup = Lookup::system();
    let found = runtime()?.block_on(setup::discover(address, &lookup));
    if json {
        let text = serde_json::to_string_pretty(&found)
            .map_err(|e| Failure(fl!("cli-output-error", reason = e.to_string())))?;
        writeln!(out, "{text}").map_err(write_err)?;
    } else {
        if let Some(p) = &found.provider {
            writeln!(
                out,
                "{}",
                fl!("setup-discover-provider", provider = p.as_str())
            )
            .map_err(write_err)?;
        }
        for (kind, slot) in [
            (fl!("setup-kind-imap"), &found.imap),
            (fl!("setup-kind-pop"), &found.pop),
            (fl!("setup-kind-smtp"), &found.smtp),
        ] {
            match slot {
                Some(Found { server, source }) => {
                    writeln!(out, "{}", server_line(&kind, server)).map_err(write_err)?;
                    writeln!(
                        out,
                        "    {}",
                        fl!("setup-discover-source", source = source.describe())
                    )
                    .map_err(write_err)?;
                }
                None => writeln!(out, "{}", fl!("setup-discover-missing", kind = kind))
                    .map_err(write_err)?,
            }
        }
        if found.files_sent_mail {
            writeln!(out, "{}", fl!("setup-discover-files-sent")).map_err(write_err)?;
        }
        writeln!(out, "\n{}", fl!("setup-discover-tried")).map_err(write_err)?;
        for line in &found.log {
            writeln!(out, "    {line}").map_err(write_err)?;
        }
    }
    if found.is_empty() {
        return Err(Failure(fl!(
            "setup-discover-nothing",
            email = address.to_owned()
        )));
    }
    Ok(())
}

/// `brev check [ACCOUNT]`: log in to each account's servers (all, or the
/// one named) with the saved password; non-zero exit code on any failure.
pub fn check(profile: &Profile, key: Option<&str>, out: &mut impl Write) -> Result<(), Failure> {
    let config = Config::load(&profile.config_file())?;
    let accounts: Vec<_> = match key {
        Some(key) => vec![
            config
                .account(key)
                .ok_or_else(|| ConfigError::NoSuchAccount(key.to_owned()))?,
        ],
        None => config.accounts.iter().collect(),
    };
    if accounts.is_empty() {
        return writeln!(out, "{}", fl!("cli-no-accounts")).map_err(write_err);
    }
    let runtime = runtime()?;
    let mut failed = 0usize;
    for account in accounts {
        writeln!(
            out,
            "{}",
            fl!(
                "setup-check-account",
                account = account.id.as_str(),
                email = account.email.as_str()
            )
        )
        .map_err(write_err)?;
        // The password and certificates exactly as the engine gets them.
        let ctx = match AccountCtx::from_profile(profile, &config, account, EventSink::none()) {
            Ok(ctx) => ctx,
            Err(e) => {
                writeln!(out, "    {}", e.user_message()).map_err(write_err)?;
                failed += 1;
                continue;
            }
        };
        let report = runtime.block_on(setup::check_with(
            account,
            &ctx.password,
            &ctx.trust,
            &Timeouts::default(),
        ));
        let result = |r: &Result<(), CheckFailure>| match r {
            Ok(()) => fl!("setup-check-works"),
            Err(f) => f.user_message(),
        };
        let protocol = match account.protocol {
            MailProtocol::Imap => "IMAP",
            MailProtocol::Pop3 => "POP3",
        };
        writeln!(
            out,
            "    {}",
            fl!(
                "setup-check-incoming",
                protocol = protocol,
                host = account.incoming.host.as_str(),
                result = result(&report.incoming)
            )
        )
        .map_err(write_err)?;
        writeln!(
            out,
            "    {}",
            fl!(
                "setup-check-outgoing",
                host = account.outgoing.host.as_str(),
                result = result(&report.outgoing)
            )
        )
        .map_err(write_err)?;
        if !report.ok() {
            failed += 1;
        }
    }
    if failed > 0 {
        return Err(Failure(fl!("setup-check-failed", count = failed)));
    }
    writeln!(out, "{}", fl!("setup-check-all-ok")).map_err(write_err)
}
