//! Brev's entry point: arguments, logging, language; the window by default.

use std::process::ExitCode;

use clap::Parser;

use brev::cli::{self, Cli};
use brev::config::Config;
use brev::profile::Profile;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BREV_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Cli::parse();
    let profile = match Profile::resolve(args.profile.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            brev::i18n::init(None);
            eprintln!("{}", e.user_message());
            return ExitCode::FAILURE;
        }
    };
    // The language comes from the settings when they can be read.
    let config = Config::load(&profile.config_file());
    let language = config
        .as_ref()
        .ok()
        .and_then(|c| c.settings.language.clone());
    brev::i18n::init(language.as_deref());
    if args.demo {
        return demo(language.as_deref(), args.command);
    }
    match args.command {
        Some(command) => cli::run(command, &profile),
        None => window(brev::ui::Startup {
            config: config.map_err(|e| e.user_message()),
            profile: Some(profile),
            demo: false,
        }),
    }
}

fn window(startup: brev::ui::Startup) -> ExitCode {
    match brev::ui::run(startup) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", brev::fl!("app-window-failed", reason = e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// `brev --demo`: the sample mailbox in a throwaway profile, in the user's
/// language; a command given with it runs on that profile.
fn demo(language: Option<&str>, command: Option<cli::Command>) -> ExitCode {
    let demo = match brev::demo::create(language) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}", brev::fl!("demo-failed", reason = e.user_message()));
            return ExitCode::FAILURE;
        }
    };
    let code = match command {
        Some(command) => cli::run(command, &demo.profile),
        None => window(brev::ui::Startup {
            config: Ok(demo.config.clone()),
            profile: Some(demo.profile.clone()),
            demo: true,
        }),
    };
    demo.remove();
    code
}
