//! The reader: headers, the text body (already parsed off the UI thread),
//! links that open in the browser, and the attachments.

use iced::widget::{Column, button, column, container, row, rule, scrollable, text, text_editor};
use iced::{Element, Length};

use crate::fl;
use crate::mail::Address;
use crate::store::{MsgId, OutboxState};
use crate::ui::data::Opened;
use crate::ui::{font, format};

/// The most body text handed to the text widget at once.
const MAX_BODY_CHARS: usize = 200_000;

#[derive(Clone, Debug)]
pub enum Message {
    OpenLink(String),
    /// Selecting or moving in the body (edits are ignored: it is read-only).
    Body(text_editor::Action),
    /// Save attachment `part` (with its file name) to the Downloads folder.
    Save(usize, String),
    /// Open attachment `part` with the desktop's program for it.
    Open(usize, String),
    Reply {
        all: bool,
    },
    Forward,
    /// Go on writing this draft (a message in Drafts).
    Edit,
    /// An Outbox message that may have been sent: send it again, or take
    /// it as sent.
    ResolveOutbox {
        send_again: bool,
    },
}

#[derive(Debug, Default)]
pub struct Reader {
    /// The message shown (or being loaded).
    pub id: Option<MsgId>,
    pub generation: u64,
    pub opened: Option<Opened>,
    /// The body as selectable text (so it can be copied).
    body: Option<text_editor::Content>,
    /// The message is a draft in Drafts: it offers Edit, not Reply.
    draft: bool,
}

impl Reader {
    pub fn clear(&mut self) {
        self.id = None;
        self.draft = false;
        self.set_opened(None);
        self.generation += 1;
    }

    /// Show a loaded message (or nothing).
    pub fn set_opened(&mut self, opened: Option<Opened>) {
        self.body = opened
            .as_ref()
            .and_then(|o| o.parsed.as_ref().map(|p| (o, p)))
            .map(|(o, p)| text_editor::Content::with_text(&body_text(p, o.row.partial)));
        self.opened = opened;
    }

    /// Whether the message shown is a draft in Drafts (the mailbox knows
    /// the folder's role).
    pub fn set_draft(&mut self, draft: bool) {
        self.draft = draft;
    }

    pub fn is_draft(&self) -> bool {
        self.draft
    }

    /// The body text as shown.
    pub fn body(&self) -> Option<String> {
        self.body.as_ref().map(text_editor::Content::text)
    }

    /// Select, move, scroll; never edit.
    pub fn perform(&mut self, action: text_editor::Action) {
        if !action.is_edit()
            && let Some(body) = &mut self.body
        {
            body.perform(action);
        }
    }

    /// The body is not stored yet (headers only).
    pub fn waiting_for_body(&self) -> bool {
        self.opened
            .as_ref()
            .is_some_and(|o| o.row.partial || o.parsed.is_none())
    }

    pub fn subject(&self) -> Option<String> {
        let o = self.opened.as_ref()?;
        Some(match &o.parsed {
            Some(p) if !p.subject.trim().is_empty() => p.subject.clone(),
            _ if !o.row.subject.trim().is_empty() => o.row.subject.clone(),
            _ => fl!("mail-no-subject"),
        })
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(o) = &self.opened else {
            let hint = if self.id.is_some() {
                String::new()
            } else {
                fl!("ui-no-message-selected")
            };
            return container(text(hint).size(15))
                .center_x(Length::Fill)
                .center_y(Length::Fill)
                .into();
        };
        let addresses = |list: &[Address]| {
            list.iter()
                .map(Address::display)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (from, to, cc) = match &o.parsed {
            Some(p) => (addresses(&p.from), addresses(&p.to), addresses(&p.cc)),
            None => (
                if o.row.from_name.is_empty() {
                    o.row.from_addr.clone()
                } else {
                    format!("{} <{}>", o.row.from_name, o.row.from_addr)
                },
                o.row.recipients.clone(),
                String::new(),
            ),
        };
        let header = |label: String, value: String| {
            row![
                container(text(label).size(13).font(font::BOLD)).width(Length::Fixed(70.0)),
                text(value).size(13),
            ]
            .spacing(8)
        };
        let action = |label: String, message: Message| {
            button(text(label).size(13))
                .padding([3, 10])
                .style(button::secondary)
                .on_press(message)
        };
        let mut head = Column::new().spacing(4).push(
            text(self.subject().unwrap_or_default())
                .size(20)
                .font(font::BOLD),
        );
        if self.draft {
            head = head.push(action(fl!("compose-ui-edit"), Message::Edit));
        } else if o.outbox.is_none() {
            head = head.push(
                row![
                    action(fl!("compose-ui-reply"), Message::Reply { all: false }),
                    action(fl!("compose-ui-reply-all"), Message::Reply { all: true }),
                    action(fl!("compose-ui-forward"), Message::Forward),
                ]
                .spacing(6),
            );
        }
        head = head.push(header(fl!("mail-header-from"), from));
        if !to.is_empty() {
            head = head.push(header(fl!("mail-header-to"), to));
        }
        if !cc.is_empty() {
            head = head.push(header(fl!("mail-header-cc"), cc));
        }
        head = head.push(header(
            fl!("mail-header-date"),
            format::full_date(o.parsed.as_ref().and_then(|p| p.date).unwrap_or(o.row.date)),
        ));

        let mut body = Column::new().spacing(10);
        if let Some(entry) = &o.outbox {
            body = body.push(text(entry.state.user_message()).size(14).font(font::BOLD));
            if entry.state == OutboxState::MaybeSent {
                body = body
                    .push(text(fl!("send-may-have-been-sent")).size(14))
                    .push(
                        row![
                            button(text(fl!("compose-ui-send-again")).size(13))
                                .padding([4, 12])
                                .on_press(Message::ResolveOutbox { send_again: true }),
                            action(
                                fl!("compose-ui-was-sent"),
                                Message::ResolveOutbox { send_again: false }
                            ),
                        ]
                        .spacing(8),
                    );
            }
        }
        if self.waiting_for_body() {
            body = body.push(text(fl!("ui-reader-downloading")).size(14));
        }
        if let Some(p) = &o.parsed {
            if p.remote_content {
                body = body.push(text(fl!("mail-remote-content-blocked")).size(12));
            }
            if p.from_html {
                body = body.push(text(fl!("mail-body-from-html")).size(12));
            }
            if p.repaired {
                body = body.push(text(fl!("mail-repaired")).size(12));
            }
            if let Some(content) = &self.body {
                body = body.push(
                    text_editor(content)
                        .on_action(Message::Body)
                        .size(15)
                        .padding(0)
                        .style(|theme: &iced::Theme, status| {
                            let base = text_editor::default(theme, status);
                            text_editor::Style {
                                background: iced::Color::TRANSPARENT.into(),
                                border: iced::Border::default(),
                                ..base
                            }
                        }),
                );
            }
            if !p.links.is_empty() {
                let mut links = Column::new()
                    .spacing(2)
                    .push(text(fl!("ui-reader-links")).size(13).font(font::BOLD));
                for link in p.links.iter().take(100) {
                    links = links.push(
                        button(text(link.clone()).size(13))
                            .style(|theme: &iced::Theme, status| button::Style {
                                text_color: theme.extended_palette().primary.strong.color,
                                ..button::text(theme, status)
                            })
                            .padding([2, 0])
                            .on_press(Message::OpenLink(link.clone())),
                    );
                }
                body = body.push(links);
            }
        }
        let attachments: Vec<_> = o.attachments.iter().filter(|a| !a.inline).collect();
        if !attachments.is_empty() {
            let mut list = Column::new().spacing(2).push(
                text(fl!("mail-attachments", count = attachments.len()))
                    .size(13)
                    .font(font::BOLD),
            );
            for a in attachments {
                let small = |label: String, message: Message| {
                    button(text(label).size(12))
                        .padding([2, 8])
                        .style(button::secondary)
                        .on_press(message)
                };
                list = list.push(
                    row![
                        text(crate::mail::safe_file_name(&a.name)).size(13),
                        text(format::size(a.size)).size(12),
                        small(
                            fl!("ui-attachment-save"),
                            Message::Save(a.part, a.name.clone())
                        ),
                        small(
                            fl!("ui-attachment-open"),
                            Message::Open(a.part, a.name.clone())
                        ),
                    ]
                    .spacing(10)
                    .align_y(iced::Alignment::Center),
                );
            }
            body = body.push(list);
        }
        scrollable(
            column![head, rule::horizontal(1), body]
                .spacing(12)
                .padding(16)
                .width(Length::Fill),
        )
        .height(Length::Fill)
        .into()
    }
}

/// The text to show for a parsed body: cut when huge.
fn body_text(p: &crate::mail::Message, partial: bool) -> String {
    if p.text.trim().is_empty() && !partial {
        fl!("mail-body-empty")
    } else if p.text.len() > MAX_BODY_CHARS {
        let mut cut = MAX_BODY_CHARS;
        while !p.text.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}\n…", &p.text[..cut])
    } else {
        p.text.clone()
    }
}

/// Only web and mail links are handed to the desktop.
pub fn openable(link: &str) -> bool {
    let lower = link.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !link.chars().any(char::is_control)
}

/// Open a link in the user's browser (or mail program) with `xdg-open`.
pub fn open_link(link: &str) {
    if openable(link) {
        open_with_desktop(std::ffi::OsStr::new(link.trim()));
    }
}

/// Hand a link or a file to the desktop's opener (`xdg-open`; no extra
/// crate needed for this).
pub fn open_with_desktop(target: &std::ffi::OsStr) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(opener)
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        // Reap the child off the UI thread.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => tracing::warn!("opening a link with {opener}: {e}"),
    }
}
