//! What each step of the wizard looks like.

use iced::widget::{
    Column, Row, button, column, container, pick_list, progress_bar, radio, row, rule, scrollable,
    space, text, text_input, toggler,
};
use iced::{Alignment, Element, Length, Theme};

use super::form::{Field, SecurityChoice, Server, source_text};
use super::{Message, Space, Step, Wizard};
use crate::config::MailProtocol;
use crate::fl;
use crate::setup::CheckFailure;
use crate::setup::advice::{self, Devices};
use crate::ui::font;
use crate::ui::screen::settings::Days;

const TEXT: f32 = 15.0;
const SMALL: f32 = 13.0;

fn title<'a>(s: String) -> Element<'a, Message> {
    text(s).size(26).font(font::BOLD).into()
}

fn para<'a>(s: String) -> Element<'a, Message> {
    text(s).size(TEXT).into()
}

fn note<'a>(s: String) -> Element<'a, Message> {
    text(s)
        .size(SMALL)
        .style(|theme: &Theme| text::Style {
            color: Some(theme.extended_palette().background.strong.text),
        })
        .into()
}

fn primary<'a>(label: String, message: Option<Message>) -> Element<'a, Message> {
    button(text(label).size(TEXT))
        .padding([7, 16])
        .on_press_maybe(message)
        .into()
}

fn secondary<'a>(label: String, message: Message) -> Element<'a, Message> {
    button(text(label).size(TEXT))
        .padding([7, 16])
        .style(button::secondary)
        .on_press(message)
        .into()
}

/// How a [`boxed`] text stands out.
#[derive(Clone, Copy)]
enum Tone {
    /// Something to read before going on (the recommendation, a hint).
    Note,
    /// A consequence of the user's choice to keep in mind. Not an error:
    /// the palette's warning colour, not its danger red.
    Caution,
}

/// A box that stands out: a plain note or a caution.
fn boxed<'a>(content: impl Into<Element<'a, Message>>, tone: Tone) -> Element<'a, Message> {
    container(content)
        .padding(14)
        .width(Length::Fill)
        .style(move |theme: &Theme| {
            let p = theme.extended_palette();
            let (background, border) = match tone {
                Tone::Note => (p.background.weak.color, iced::Color::TRANSPARENT),
                // A light tint of the warning colour, edged with it.
                Tone::Caution => (p.warning.base.color.scale_alpha(0.14), p.warning.base.color),
            };
            container::Style {
                background: Some(background.into()),
                text_color: Some(p.background.base.text),
                border: iced::Border {
                    radius: 6.0.into(),
                    width: 1.0,
                    color: border,
                },
                ..container::Style::default()
            }
        })
        .into()
}

/// The eight rows of the comparison: topic, POP, IMAP.
fn comparison_rows() -> [(String, String, String); 8] {
    [
        (
            fl!("wizard-row-arrives"),
            fl!("wizard-row-arrives-pop"),
            fl!("wizard-row-arrives-imap"),
        ),
        (
            fl!("wizard-row-devices"),
            fl!("wizard-row-devices-pop"),
            fl!("wizard-row-devices-imap"),
        ),
        (
            fl!("wizard-row-folders"),
            fl!("wizard-row-folders-pop"),
            fl!("wizard-row-folders-imap"),
        ),
        (
            fl!("wizard-row-sent"),
            fl!("wizard-row-sent-pop"),
            fl!("wizard-row-sent-imap"),
        ),
        (
            fl!("wizard-row-space"),
            fl!("wizard-row-space-pop"),
            fl!("wizard-row-space-imap"),
        ),
        (
            fl!("wizard-row-breaks"),
            fl!("wizard-row-breaks-pop"),
            fl!("wizard-row-breaks-imap"),
        ),
        (
            fl!("wizard-row-down"),
            fl!("wizard-row-down-pop"),
            fl!("wizard-row-down-imap"),
        ),
        (
            fl!("wizard-row-best"),
            fl!("wizard-row-best-pop"),
            fl!("wizard-row-best-imap"),
        ),
    ]
}

fn protocol_name(p: MailProtocol) -> &'static str {
    match p {
        MailProtocol::Imap => "IMAP",
        MailProtocol::Pop3 => "POP",
    }
}

impl Wizard {
    pub fn view(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match self.step {
            Step::Account => self.view_account(),
            Step::Looking => self.view_looking(),
            Step::Manual => self.view_manual(),
            Step::Choose => self.view_choose(),
            Step::PopOptions => self.view_pop(),
            Step::Testing | Step::Tested | Step::Saving => self.view_test(),
        };
        let width = match self.step {
            Step::Choose => 1100,
            Step::Manual => 1000,
            _ => 760,
        };
        scrollable(
            container(container(body).max_width(width))
                .padding([28, 32])
                .center_x(Length::Fill),
        )
        .height(Length::Fill)
        .into()
    }

    /// Back (when there is a step to go back to) and Cancel (when there is
    /// a mailbox to go back to) on the left, `items` on the right.
    fn buttons<'a>(&self, back: bool, items: Vec<Element<'a, Message>>) -> Element<'a, Message> {
        let mut r = Row::new().spacing(10).align_y(Alignment::Center);
        if back {
            r = r.push(secondary(fl!("wizard-back"), Message::Back));
        }
        if !self.first_run {
            r = r.push(secondary(fl!("wizard-cancel"), Message::Cancel));
        }
        r = r.push(space::horizontal());
        for item in items {
            r = r.push(item);
        }
        r.into()
    }

    fn view_account(&self) -> Element<'_, Message> {
        let heading = if self.first_run {
            fl!("app-welcome")
        } else {
            fl!("wizard-title-add")
        };
        let field = |label: String, input: Element<'static, Message>| {
            column![text(label).size(SMALL).font(font::BOLD), input].spacing(5)
        };
        let ready = !self.email.trim().is_empty() && !self.password.is_empty();
        let mut email = column![field(
            fl!("wizard-email"),
            text_input(&fl!("wizard-email-placeholder"), &self.email)
                .on_input(Message::Email)
                .on_submit(Message::Submit)
                .padding(8)
                .size(TEXT)
                .into(),
        )]
        .spacing(4);
        if self.email_invalid {
            email = email.push(
                text(fl!("wizard-email-invalid"))
                    .size(SMALL)
                    .style(text::danger),
            );
        }
        column![
            title(heading),
            para(fl!("wizard-intro")),
            field(
                fl!("wizard-name"),
                text_input(&fl!("wizard-name-placeholder"), &self.name)
                    .id(super::first_field())
                    .on_input(Message::Name)
                    .on_submit(Message::Submit)
                    .padding(8)
                    .size(TEXT)
                    .into(),
            )
            .push(note(fl!("wizard-name-note"))),
            email,
            field(
                fl!("wizard-password"),
                text_input("", &self.password)
                    .secure(true)
                    .on_input(Message::Password)
                    .on_submit(Message::Submit)
                    .padding(8)
                    .size(TEXT)
                    .into(),
            ),
            self.buttons(
                false,
                vec![primary(
                    fl!("wizard-continue"),
                    ready.then_some(Message::Submit)
                )]
            ),
        ]
        .spacing(14)
        .into()
    }

    fn view_looking(&self) -> Element<'_, Message> {
        column![
            title(fl!("wizard-looking", domain = self.domain())),
            progress_bar(0.0..=100.0, (self.ticks as f32 * 2.5).min(95.0))
                .girth(8)
                .length(Length::Fill),
            para(fl!("wizard-looking-note")),
            row![
                // Stops the lookup and goes back to the address.
                secondary(fl!("wizard-cancel"), Message::Back),
                space::horizontal(),
                primary(fl!("wizard-manual-button"), Some(Message::Manual)),
            ]
            .spacing(10),
        ]
        .spacing(16)
        .into()
    }

    fn view_manual(&self) -> Element<'_, Message> {
        let mut body = Column::new()
            .spacing(12)
            .push(title(fl!("wizard-manual-title")));
        if self.incomplete {
            body = body.push(boxed(
                text(fl!("wizard-not-found", domain = self.domain())).size(TEXT),
                Tone::Note,
            ));
        }
        body = body.push(para(fl!("wizard-manual-intro")));
        let head = |s: String, w: Length| container(text(s).size(SMALL).font(font::BOLD)).width(w);
        body = body.push(
            row![
                head(String::new(), Length::Fixed(170.0)),
                head(fl!("wizard-col-server"), Length::Fill),
                head(fl!("wizard-col-port"), Length::Fixed(70.0)),
                head(fl!("wizard-col-security"), Length::Fixed(190.0)),
                head(fl!("wizard-col-username"), Length::Fixed(190.0)),
            ]
            .spacing(8),
        );
        for server in Server::ALL {
            let f = self.form(server);
            let input = |value: &str, field: Field| {
                text_input("", value)
                    .on_input(move |v| Message::Edit(server, field, v))
                    .padding(6)
                    .size(14)
            };
            body = body.push(
                row![
                    container(text(server.label()).size(14)).width(Length::Fixed(170.0)),
                    input(&f.host, Field::Host).width(Length::Fill),
                    input(&f.port, Field::Port).width(Length::Fixed(70.0)),
                    pick_list(
                        SecurityChoice::ALL.to_vec(),
                        Some(SecurityChoice(f.security)),
                        move |c| Message::Security(server, c)
                    )
                    .text_size(14)
                    .width(Length::Fixed(190.0)),
                    input(&f.username, Field::Username).width(Length::Fixed(190.0)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
            if let Some(source) = &f.source {
                body = body.push(
                    row![
                        space().width(Length::Fixed(178.0)),
                        note(source_text(source))
                    ]
                    .spacing(0),
                );
            }
        }
        let complete = !self.offered().is_empty() && self.smtp.is_filled();
        if !complete {
            body = body.push(note(fl!("wizard-manual-need")));
        }
        body.push(self.buttons(
            true,
            vec![primary(
                fl!("wizard-continue"),
                complete.then_some(Message::ManualDone),
            )],
        ))
        .into()
    }

    /// The POP | IMAP comparison, eight rows.
    fn comparison(&self) -> Element<'_, Message> {
        let cell = |s: String, bold: bool| {
            let t = text(s).size(14);
            container(if bold { t.font(font::BOLD) } else { t }).width(Length::FillPortion(4))
        };
        let mut table = Column::new().push(
            row![
                container(space()).width(Length::FillPortion(3)),
                cell("POP".into(), true),
                cell("IMAP".into(), true),
            ]
            .spacing(12)
            .padding([6, 10]),
        );
        for (i, (topic, pop, imap)) in comparison_rows().into_iter().enumerate() {
            let line = row![
                container(text(topic).size(14).font(font::BOLD)).width(Length::FillPortion(3)),
                cell(pop, false),
                cell(imap, false),
            ]
            .spacing(12)
            .padding([6, 10]);
            table = table.push(
                container(line)
                    .width(Length::Fill)
                    .style(move |theme: &Theme| {
                        let p = theme.extended_palette();
                        container::Style {
                            background: (i % 2 == 0).then(|| p.background.weak.color.into()),
                            ..container::Style::default()
                        }
                    }),
            );
        }
        table.into()
    }

    fn view_choose(&self) -> Element<'_, Message> {
        let offered = self.offered();
        let q = |s: String| text(s).size(TEXT).font(font::BOLD);
        let devices = column![
            q(fl!("wizard-q-devices")),
            radio(
                fl!("wizard-a-one"),
                Devices::One,
                self.devices,
                Message::Devices
            )
            .text_size(14),
            radio(
                fl!("wizard-a-several"),
                Devices::Several,
                self.devices,
                Message::Devices
            )
            .text_size(14),
        ]
        .spacing(6);
        let space_q = column![
            q(fl!("wizard-q-space")),
            row![
                radio(
                    fl!("wizard-a-yes"),
                    Space::Small,
                    self.space,
                    Message::Space
                )
                .text_size(14),
                radio(
                    fl!("wizard-a-no"),
                    Space::Enough,
                    self.space,
                    Message::Space
                )
                .text_size(14),
                radio(
                    fl!("wizard-a-dont-know"),
                    Space::DontKnow,
                    self.space,
                    Message::Space
                )
                .text_size(14),
            ]
            .spacing(14),
        ]
        .spacing(6);
        let advice = self.advice();
        let recommendation: Element<'_, Message> = match offered.as_slice() {
            [only] => boxed(
                text(if *only == MailProtocol::Imap {
                    fl!("wizard-only-imap")
                } else {
                    fl!("wizard-only-pop")
                })
                .size(TEXT),
                Tone::Note,
            ),
            _ => boxed(
                column![
                    text(fl!(
                        "wizard-recommend",
                        protocol = protocol_name(advice.protocol)
                    ))
                    .size(17)
                    .font(font::BOLD),
                    text(advice.reason.text()).size(14),
                ]
                .spacing(4),
                Tone::Note,
            ),
        };
        let mut choices = Row::new().spacing(10);
        for p in [MailProtocol::Imap, MailProtocol::Pop3] {
            if !offered.contains(&p) {
                continue;
            }
            let label = if p == MailProtocol::Imap {
                fl!("wizard-use-imap")
            } else {
                fl!("wizard-use-pop")
            };
            let b = button(text(label).size(TEXT))
                .padding([8, 18])
                .on_press(Message::Use(p));
            choices = choices.push(if p == advice.protocol || offered.len() == 1 {
                b
            } else {
                b.style(button::secondary)
            });
        }
        let side = column![devices, space_q, recommendation, choices]
            .spacing(18)
            .width(Length::FillPortion(2));
        column![
            title(fl!("wizard-choose-title")),
            para(fl!("wizard-choose-intro")),
            row![
                container(self.comparison()).width(Length::FillPortion(3)),
                side
            ]
            .spacing(28),
            rule::horizontal(1),
            self.found_settings(),
            self.buttons(true, Vec::new()),
        ]
        .spacing(16)
        .into()
    }

    /// What will be used, and where each setting came from.
    fn found_settings(&self) -> Element<'_, Message> {
        let mut col = Column::new()
            .spacing(4)
            .push(text(fl!("wizard-found-title")).size(14).font(font::BOLD));
        for server in Server::ALL {
            let f = self.form(server);
            if !f.is_filled() {
                continue;
            }
            let mut line = format!("{}: {}", server.label(), f.summary());
            if let Some(source) = &f.source {
                line = format!("{line} — {}", source_text(source));
            }
            col = col.push(text(line).size(SMALL));
        }
        row![
            col.width(Length::Fill),
            secondary(fl!("wizard-change-settings"), Message::Manual)
        ]
        .spacing(12)
        .align_y(Alignment::Center)
        .into()
    }

    fn view_pop(&self) -> Element<'_, Message> {
        let o = &self.pop_options;
        let line = |label: String, control: Element<'static, Message>| {
            row![container(text(label).size(14)).width(Length::Fill), control]
                .spacing(12)
                .align_y(Alignment::Center)
        };
        let mut body = column![
            title(fl!("wizard-pop-title")),
            para(fl!("wizard-pop-intro"))
        ]
        .spacing(14);
        if advice::pop_needs_warning(self.devices) {
            body = body.push(boxed(
                text(fl!("wizard-pop-several-warning")).size(TEXT),
                Tone::Caution,
            ));
        }
        body = body.push(line(
            fl!("ui-settings-pop-leave"),
            toggler(o.leave_on_server)
                .on_toggle(Message::LeaveOnServer)
                .into(),
        ));
        if o.leave_on_server {
            body = body
                .push(line(
                    fl!("ui-settings-pop-delete-after"),
                    pick_list(
                        [None, Some(7), Some(14), Some(30), Some(90)]
                            .map(Days)
                            .to_vec(),
                        Some(Days(o.delete_after_days)),
                        Message::DeleteAfter,
                    )
                    .text_size(14)
                    .into(),
                ))
                .push(line(
                    fl!("ui-settings-pop-delete-when-deleted"),
                    toggler(o.delete_when_deleted)
                        .on_toggle(Message::DeleteWhenDeleted)
                        .into(),
                ));
        } else {
            body = body.push(boxed(
                text(fl!("wizard-pop-no-copy-warning")).size(TEXT),
                Tone::Caution,
            ));
        }
        body.push(self.buttons(
            true,
            vec![primary(fl!("wizard-continue"), Some(Message::PopDone))],
        ))
        .into()
    }

    fn view_test(&self) -> Element<'_, Message> {
        let protocol = self.protocol.map(protocol_name).unwrap_or("IMAP");
        let incoming = match self.protocol {
            Some(MailProtocol::Pop3) => &self.pop,
            _ => &self.imap,
        };
        let report = self.report.as_ref();
        let heading = if self.step == Step::Tested {
            fl!("wizard-tested-title")
        } else {
            fl!("wizard-test-title")
        };
        let mut body = column![title(heading)].spacing(14);
        let results = [
            (
                fl!(
                    "wizard-test-incoming",
                    protocol = protocol,
                    host = incoming.host.clone()
                ),
                report.map(|r| &r.incoming),
            ),
            (
                fl!("wizard-test-outgoing", host = self.smtp.host.clone()),
                report.map(|r| &r.outgoing),
            ),
        ];
        let mut trusted = Vec::new();
        for (label, result) in results {
            let (status, failure): (Element<'_, Message>, Option<&CheckFailure>) = match result {
                None => (note(fl!("wizard-test-waiting")), None),
                Some(Ok(())) => (
                    text(format!("✓ {}", fl!("wizard-test-ok")))
                        .size(TEXT)
                        .style(text::success)
                        .into(),
                    None,
                ),
                Some(Err(e)) => {
                    // An untrusted certificate is explained in its own box.
                    let words = match e {
                        CheckFailure::Untrusted { .. } => fl!("wizard-cert-title"),
                        e => e.user_message(),
                    };
                    (text(words).size(TEXT).style(text::danger).into(), Some(e))
                }
            };
            body = body.push(column![text(label).size(TEXT).font(font::BOLD), status].spacing(4));
            if let Some(CheckFailure::Untrusted {
                host,
                name,
                fingerprint,
            }) = failure
                && !trusted.contains(fingerprint)
            {
                trusted.push(fingerprint.clone());
                body = body.push(boxed(
                    column![
                        text(fl!("wizard-cert-explain", host = host.clone())).size(14),
                        text(fl!("wizard-cert-name", name = name.clone())).size(14),
                        text(fl!(
                            "wizard-cert-fingerprint",
                            fingerprint = fingerprint.clone()
                        ))
                        .size(13)
                        .font(iced::Font::MONOSPACE),
                        row![
                            space::horizontal(),
                            primary(
                                fl!("wizard-trust"),
                                Some(Message::Trust(fingerprint.clone()))
                            )
                        ],
                    ]
                    .spacing(6),
                    Tone::Note,
                ));
            }
        }
        match self.step {
            Step::Saving => body
                .push(para(if report.is_some_and(|r| r.ok()) {
                    fl!("wizard-all-ok")
                } else {
                    fl!("wizard-saving")
                }))
                .into(),
            Step::Testing => body.push(self.buttons(true, Vec::new())).into(),
            _ => {
                if let Some(reason) = &self.save_error {
                    body = body.push(
                        text(fl!("wizard-save-failed", reason = reason.clone()))
                            .size(TEXT)
                            .style(text::danger),
                    );
                }
                body.push(note(fl!("wizard-save-anyway-note")))
                    .push(self.buttons(
                        true,
                        vec![
                            secondary(fl!("wizard-change-settings"), Message::Manual),
                            secondary(fl!("wizard-save-anyway"), Message::SaveAnyway),
                            primary(fl!("wizard-try-again"), Some(Message::TryAgain)),
                        ],
                    ))
                    .into()
            }
        }
    }
}
