//! Which protocol to recommend, from the two questions the wizard asks:
//! "On how many devices do you read this mail?" and "Is the space on your
//! server small?". Pure functions; the wizard shows the result.
//!
//! The reasoning (the provider pages in the users' languages agree): IMAP
//! for several devices and whenever in doubt; POP for one computer when the
//! server has little room. With Brev, IMAP keeps a copy on this computer
//! too, so "the server is down" is no reason to pick POP.

use crate::config::{MailProtocol, PopOptions};

/// The answer to "On how many devices do you read this mail?".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Devices {
    /// Only this computer.
    One,
    /// This computer and others (a phone, a tablet, webmail...).
    Several,
}

/// Why the protocol is recommended, as one line for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// No answer: "If you are unsure, choose IMAP."
    Unsure,
    /// Several devices: IMAP keeps them all the same.
    SeveralDevices,
    /// Several devices and a small server: IMAP still, but clear it out.
    SeveralDevicesSmallServer,
    /// One device and a small server: POP frees the server.
    OneDeviceSmallServer,
    /// One device, room enough (or not known): IMAP also keeps a copy on
    /// the server in case this computer breaks.
    OneDevice,
}

impl Reason {
    /// The reason in the user's language, one line.
    pub fn text(self) -> String {
        match self {
            Reason::Unsure => crate::fl!("advice-unsure"),
            Reason::SeveralDevices => crate::fl!("advice-several-devices"),
            Reason::SeveralDevicesSmallServer => crate::fl!("advice-several-devices-small-server"),
            Reason::OneDeviceSmallServer => crate::fl!("advice-one-device-small-server"),
            Reason::OneDevice => crate::fl!("advice-one-device"),
        }
    }
}

/// A recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Advice {
    pub protocol: MailProtocol,
    pub reason: Reason,
}

/// The protocol to recommend for these answers (`None`: not answered,
/// or "don't know").
pub fn recommend(devices: Option<Devices>, small_server: Option<bool>) -> Advice {
    let (protocol, reason) = match (devices, small_server) {
        (None, _) => (MailProtocol::Imap, Reason::Unsure),
        (Some(Devices::Several), Some(true)) => {
            (MailProtocol::Imap, Reason::SeveralDevicesSmallServer)
        }
        (Some(Devices::Several), _) => (MailProtocol::Imap, Reason::SeveralDevices),
        (Some(Devices::One), Some(true)) => (MailProtocol::Pop3, Reason::OneDeviceSmallServer),
        (Some(Devices::One), _) => (MailProtocol::Imap, Reason::OneDevice),
    };
    Advice { protocol, reason }
}

/// Whether choosing POP with these answers needs the warning that every
/// device must leave a copy on the server (or the others miss mail).
pub fn pop_needs_warning(devices: Option<Devices>) -> bool {
    devices == Some(Devices::Several)
}

/// The keep-a-copy choices a new POP account starts with. Always a copy
/// left on the server (a safety net, and the other devices need it); with
/// several devices it stays a month, so a device used now and then still
/// gets every message.
pub fn pop_defaults(devices: Option<Devices>) -> PopOptions {
    let base = PopOptions::default();
    match devices {
        Some(Devices::Several) => PopOptions {
            leave_on_server: true,
            delete_after_days: Some(30),
            ..base
        },
        Some(Devices::One) | None => PopOptions {
            leave_on_server: true,
            ..base
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEVICES: [Option<Devices>; 3] = [None, Some(Devices::One), Some(Devices::Several)];
    const SPACE: [Option<bool>; 3] = [None, Some(false), Some(true)];

    #[test]
    fn every_combination_has_a_recommendation_and_a_reason() {
        use MailProtocol::{Imap, Pop3};
        let expected = [
            // (devices, small server) -> (protocol, reason)
            (None, None, Imap, Reason::Unsure),
            (None, Some(false), Imap, Reason::Unsure),
            (None, Some(true), Imap, Reason::Unsure),
            (Some(Devices::One), None, Imap, Reason::OneDevice),
            (Some(Devices::One), Some(false), Imap, Reason::OneDevice),
            (
                Some(Devices::One),
                Some(true),
                Pop3,
                Reason::OneDeviceSmallServer,
            ),
            (Some(Devices::Several), None, Imap, Reason::SeveralDevices),
            (
                Some(Devices::Several),
                Some(false),
                Imap,
                Reason::SeveralDevices,
            ),
            (
                Some(Devices::Several),
                Some(true),
                Imap,
                Reason::SeveralDevicesSmallServer,
            ),
        ];
        assert_eq!(expected.len(), DEVICES.len() * SPACE.len());
        for (devices, small, protocol, reason) in expected {
            assert_eq!(
                recommend(devices, small),
                Advice { protocol, reason },
                "devices {devices:?}, small server {small:?}"
            );
        }
    }

    #[test]
    fn several_devices_never_get_pop() {
        for small in SPACE {
            assert_eq!(
                recommend(Some(Devices::Several), small).protocol,
                MailProtocol::Imap
            );
        }
    }

    #[test]
    fn pop_keeps_a_copy_on_the_server_by_default() {
        for devices in DEVICES {
            let p = pop_defaults(devices);
            assert!(p.leave_on_server, "{devices:?}");
            assert!(p.delete_when_deleted, "{devices:?}");
            assert_eq!(p.headers_only_above_kb, None);
        }
        assert_eq!(pop_defaults(None).delete_after_days, Some(14));
        assert_eq!(pop_defaults(Some(Devices::One)).delete_after_days, Some(14));
        assert_eq!(
            pop_defaults(Some(Devices::Several)).delete_after_days,
            Some(30),
            "other devices get a month to fetch each message"
        );
    }

    #[test]
    fn only_several_devices_warn_about_pop() {
        assert!(pop_needs_warning(Some(Devices::Several)));
        assert!(!pop_needs_warning(Some(Devices::One)));
        assert!(!pop_needs_warning(None));
    }

    #[test]
    fn every_reason_is_translated() {
        crate::i18n::set_language("en");
        for devices in DEVICES {
            for small in SPACE {
                let text = recommend(devices, small).reason.text();
                assert!(!text.is_empty() && !text.starts_with("advice-"), "{text}");
            }
        }
        assert_eq!(Reason::Unsure.text(), "If you are unsure, choose IMAP.");
    }
}
