//! The wizard's steps, without a window or a server.

use super::*;
use crate::config::ServerSettings;
use crate::net::Security;
use crate::setup::{Found, Source};

fn found(host: &str) -> Option<Found> {
    Some(Found {
        server: ServerSettings {
            host: host.into(),
            port: 993,
            security: Security::Tls,
            username: "anna@example.org".into(),
        },
        source: Source::Probe,
    })
}

/// A wizard at the choice, after a lookup that found `imap`, `pop`.
fn at_choice(imap: bool, pop: bool) -> Wizard {
    let mut w = Wizard::new(false, None, Config::default(), Lookup::system());
    w.update(Message::Email("anna@example.org".into()));
    w.update(Message::Password("pw".into()));
    let Action::Run(Job::Discover { generation, .. }) = w.update(Message::Submit) else {
        panic!("the lookup starts");
    };
    let discovered = Discovered {
        imap: if imap {
            found("imap.example.org")
        } else {
            None
        },
        pop: if pop { found("pop.example.org") } else { None },
        smtp: found("smtp.example.org"),
        ..Discovered::default()
    };
    w.update(Message::Discovered(generation, Box::new(discovered)));
    w
}

#[test]
fn an_invalid_address_is_said_and_nothing_is_looked_up() {
    let mut w = Wizard::new(true, None, Config::default(), Lookup::system());
    w.update(Message::Email("anna.example.org".into()));
    w.update(Message::Password("pw".into()));
    assert!(matches!(w.update(Message::Submit), Action::None));
    assert_eq!(w.step(), Step::Account);
    assert!(w.email_invalid);
}

#[test]
fn only_found_protocols_are_offered() {
    assert_eq!(
        at_choice(true, true).offered(),
        [MailProtocol::Imap, MailProtocol::Pop3]
    );
    let mut w = at_choice(true, false);
    assert_eq!(w.offered(), [MailProtocol::Imap]);
    assert!(matches!(
        w.update(Message::Use(MailProtocol::Pop3)),
        Action::None
    ));
    assert_eq!(w.step(), Step::Choose);
    // Nothing incoming found: straight to the manual settings.
    let w = at_choice(false, false);
    assert_eq!(w.step(), Step::Manual);
    assert!(w.incomplete);
}

#[test]
fn pop_after_several_devices_keeps_a_copy() {
    let mut w = at_choice(true, true);
    w.update(Message::Devices(Devices::Several));
    assert_eq!(w.advice().protocol, MailProtocol::Imap);
    w.update(Message::Use(MailProtocol::Pop3));
    assert_eq!(w.step(), Step::PopOptions);
    assert!(w.pop_options().leave_on_server);
    assert_eq!(w.pop_options().delete_after_days, Some(30));
    let Action::Run(Job::Check { account, .. }) = w.update(Message::PopDone) else {
        panic!("the test starts");
    };
    assert_eq!(account.protocol, MailProtocol::Pop3);
    assert_eq!(account.incoming.host, "pop.example.org");
    assert!(account.pop.leave_on_server);
}

#[test]
fn back_goes_one_step_back_and_stops_the_running_job() {
    let mut w = at_choice(true, true);
    assert!(matches!(
        w.update(Message::Use(MailProtocol::Imap)),
        Action::Run(_)
    ));
    assert_eq!(w.step(), Step::Testing);
    assert!(matches!(w.update(Message::Back), Action::Stop));
    assert_eq!(w.step(), Step::Choose);
    // A late test result of the stopped test changes nothing.
    let report = CheckReport {
        incoming: Ok(()),
        outgoing: Ok(()),
    };
    w.update(Message::Checked(w.generation - 1, Box::new(report)));
    assert_eq!(w.step(), Step::Choose);
    w.update(Message::Manual);
    assert_eq!(w.step(), Step::Manual);
    w.update(Message::Back);
    assert_eq!(
        w.step(),
        Step::Choose,
        "back from the settings to the choice"
    );
    w.update(Message::Back);
    assert_eq!(w.step(), Step::Account);
}

#[test]
fn saving_cannot_be_cancelled_half_way() {
    let mut w = at_choice(true, false);
    let Action::Run(Job::Check { generation, .. }) = w.update(Message::Use(MailProtocol::Imap))
    else {
        panic!("the test starts");
    };
    let report = CheckReport {
        incoming: Ok(()),
        outgoing: Ok(()),
    };
    assert!(matches!(
        w.update(Message::Checked(generation, Box::new(report))),
        Action::Run(Job::Save { .. })
    ));
    assert_eq!(w.step(), Step::Saving);
    assert!(matches!(w.update(Message::Cancel), Action::None));
    assert!(matches!(w.update(Message::Back), Action::None));
    assert_eq!(w.step(), Step::Saving);
}
