//! What the compose window shows.

use iced::widget::{
    Column, button, column, container, pick_list, row, rule, scrollable, space, text, text_editor,
    text_input,
};
use iced::{Alignment, Element, Length, Theme};

use super::{AccountChoice, Compose, Field, Message, body_id, subject_id};
use crate::fl;
use crate::ui::{font, format};

/// Width of the labels left of the fields.
const LABEL: f32 = 90.0;

fn label(s: String) -> Element<'static, Message> {
    container(text(s).size(14))
        .width(Length::Fixed(LABEL))
        .into()
}

fn danger_text(s: String) -> Element<'static, Message> {
    text(s)
        .size(13)
        .style(|theme: &Theme| text::Style {
            color: Some(theme.extended_palette().danger.base.color),
        })
        .into()
}

impl Compose {
    pub fn view(&self) -> Element<'_, Message> {
        let title = if self.draft.subject.trim().is_empty() {
            fl!("compose-ui-title")
        } else {
            self.draft.subject.clone()
        };
        let header = row![
            text(title).size(20).font(font::BOLD),
            space::horizontal(),
            button(text(fl!("compose-ui-attach")).size(14))
                .padding([5, 12])
                .style(button::secondary)
                .on_press_maybe((!self.picking).then_some(Message::Attach)),
            button(text(fl!("compose-ui-close")).size(14))
                .padding([5, 12])
                .style(button::secondary)
                .on_press(Message::Close),
            button(text(fl!("compose-ui-send")).size(14).font(font::BOLD))
                .padding([5, 16])
                .on_press(Message::Send),
        ]
        .spacing(8)
        .align_y(Alignment::Center);

        let mut form = Column::new().spacing(8).push(header);
        if self.asking_close {
            form = form.push(self.ask_close());
        }
        form = form.push(self.sender_line());
        for field in Field::ALL {
            form = form.push(self.address_field(field));
        }
        form = form.push(
            row![
                label(fl!("compose-ui-subject")),
                text_input("", &self.draft.subject)
                    .id(subject_id())
                    .on_input(Message::Subject)
                    .padding(6)
                    .size(14),
            ]
            .align_y(Alignment::Center),
        );
        if !self.draft.attachments.is_empty() {
            form = form.push(self.attachments());
        }
        if let Some(problem) = &self.problem {
            form = form.push(danger_text(problem.clone()));
        }
        let body = text_editor(&self.body)
            .id(body_id())
            .placeholder(fl!("compose-ui-body-placeholder"))
            .on_action(Message::Body)
            .key_binding(|press| {
                let send = matches!(
                    press.key.as_ref(),
                    iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter)
                ) && press.modifiers.command();
                if send {
                    Some(text_editor::Binding::Custom(Message::Send))
                } else {
                    text_editor::Binding::from_key_press(press)
                }
            })
            .size(15)
            .padding(10)
            .height(Length::Fill);
        let hint = text(fl!("compose-ui-hint")).size(12);
        container(
            column![form, rule::horizontal(1), body, hint]
                .spacing(10)
                .height(Length::Fill),
        )
        .padding(16)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
    }

    fn sender_line(&self) -> Element<'_, Message> {
        let choices: Vec<AccountChoice> = self.accounts.iter().map(AccountChoice::of).collect();
        let current = choices.iter().find(|c| c.id == self.draft.account).cloned();
        let control: Element<'_, Message> = if choices.len() > 1 {
            pick_list(choices, current, Message::From)
                .text_size(14)
                .padding([5, 10])
                .into()
        } else {
            text(current.map(|c| c.label).unwrap_or_default())
                .size(14)
                .into()
        };
        row![label(fl!("compose-ui-from")), control]
            .align_y(Alignment::Center)
            .into()
    }

    fn address_field(&self, field: Field) -> Element<'_, Message> {
        let name = match field {
            Field::To => fl!("compose-ui-to"),
            Field::Cc => fl!("compose-ui-cc"),
            Field::Bcc => fl!("compose-ui-bcc"),
        };
        let bad = self.errors.contains_key(&field);
        let input = text_input(&fl!("compose-ui-address-placeholder"), self.field(field))
            .id(field.id())
            .on_input(move |value| Message::Address(field, value))
            .padding(6)
            .size(14)
            .style(move |theme: &Theme, status| {
                let mut style = text_input::default(theme, status);
                if bad {
                    style.border.color = theme.extended_palette().danger.base.color;
                    style.border.width = 2.0;
                }
                style
            });
        let mut col = Column::new()
            .spacing(4)
            .push(row![label(name), input].align_y(Alignment::Center));
        if let Some(error) = self.errors.get(&field) {
            col = col.push(row![space().width(LABEL), danger_text(error.clone())]);
        }
        if self.suggest_field == Some(field) && !self.suggestions.is_empty() {
            let mut list = Column::new().spacing(0);
            for (i, found) in self.suggestions.iter().enumerate() {
                let highlighted = i == self.highlighted;
                list = list.push(
                    button(text(found.display()).size(13))
                        .width(Length::Fill)
                        .padding([4, 8])
                        .style(move |theme: &Theme, status| {
                            if highlighted {
                                button::primary(theme, status)
                            } else {
                                button::text(theme, status)
                            }
                        })
                        .on_press(Message::TakeSuggestion(i)),
                );
            }
            list = list.push(text(fl!("compose-ui-suggest-hint")).size(11));
            col = col.push(row![
                space().width(LABEL),
                container(list)
                    .padding(4)
                    .max_width(520)
                    .style(container::bordered_box)
            ]);
        }
        col.into()
    }

    fn attachments(&self) -> Element<'_, Message> {
        let mut list = Column::new().spacing(2);
        for (i, a) in self.draft.attachments.iter().enumerate() {
            list = list.push(
                row![
                    text(crate::mail::safe_file_name(&a.name)).size(13),
                    text(format::size(a.data.len() as u64)).size(12),
                    button(text(fl!("compose-ui-remove")).size(12))
                        .padding([2, 8])
                        .style(button::secondary)
                        .on_press(Message::RemoveAttachment(i)),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        if let Some(limit) = self.size_limit.filter(|_| self.too_big()) {
            list = list.push(danger_text(fl!(
                "compose-ui-too-big",
                size = format::size(self.estimated_size()),
                limit = format::size(limit)
            )));
        }
        row![
            label(fl!(
                "compose-ui-attachments",
                count = self.draft.attachments.len()
            )),
            scrollable(list).height(Length::Shrink),
        ]
        .into()
    }

    fn ask_close(&self) -> Element<'_, Message> {
        container(
            row![
                text(fl!("compose-ui-ask-keep")).size(14),
                space::horizontal(),
                button(text(fl!("compose-ui-save-draft")).size(14))
                    .padding([5, 12])
                    .on_press(Message::SaveAndClose),
                button(text(fl!("compose-ui-discard")).size(14))
                    .padding([5, 12])
                    .style(button::danger)
                    .on_press(Message::Discard),
                button(text(fl!("compose-ui-keep-writing")).size(14))
                    .padding([5, 12])
                    .style(button::secondary)
                    .on_press(Message::KeepWriting),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        )
        .padding([8, 12])
        .width(Length::Fill)
        .style(|theme: &Theme| {
            let p = theme.extended_palette();
            container::Style {
                background: Some(p.secondary.weak.color.into()),
                text_color: Some(p.secondary.weak.text),
                ..container::Style::default()
            }
        })
        .into()
    }
}
