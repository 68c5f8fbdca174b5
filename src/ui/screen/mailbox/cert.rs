//! The banner for an account whose server shows a certificate Brev does
//! not know: a self-signed one was renewed, or the provider changed it.
//! It says what the setup wizard says in the same case (the host, the name
//! on the certificate and its fingerprint) and offers to trust it, so the
//! account need not be set up again. Trusting pins this one certificate
//! (`Account::trusted_cert`); the engine restarts with it.

use iced::widget::{button, column, row, space, text};
use iced::{Alignment, Element};

use super::Message;
use crate::fl;
use crate::net::NetError;
use crate::sync::{AccountState, SyncError};

/// The certificate an account's engine refused: (host, name, fingerprint).
pub(super) fn untrusted(state: &AccountState) -> Option<(&str, &str, &str)> {
    match state {
        AccountState::Error(SyncError::Net(NetError::CertificateNotTrusted {
            host,
            name,
            fingerprint,
        }))
        | AccountState::Offline(SyncError::Net(NetError::CertificateNotTrusted {
            host,
            name,
            fingerprint,
        })) => Some((host, name, fingerprint)),
        _ => None,
    }
}

/// The banner's content for `account` (shown as `who`).
pub(super) fn banner(
    account: &str,
    who: String,
    (host, name, fingerprint): (&str, &str, &str),
) -> Element<'static, Message> {
    column![
        text(fl!(
            "ui-account-error",
            account = who,
            reason = fl!("wizard-cert-title")
        ))
        .size(14),
        text(fl!("wizard-cert-explain", host = host)).size(13),
        text(fl!("wizard-cert-name", name = name)).size(13),
        text(fl!("wizard-cert-fingerprint", fingerprint = fingerprint))
            .size(13)
            .font(iced::Font::MONOSPACE),
        row![
            space::horizontal(),
            button(text(fl!("wizard-trust")).size(13))
                .padding([3, 10])
                .on_press(Message::TrustCertificate {
                    account: account.to_owned(),
                    fingerprint: fingerprint.to_owned(),
                }),
        ]
        .align_y(Alignment::Center),
    ]
    .spacing(4)
    .into()
}
