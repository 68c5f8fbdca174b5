//! The folder tree: each account with its folders, special folders first
//! under their translated names, unread counts in bold.

use iced::widget::{
    Column, button, column, container, mouse_area, progress_bar, row, scrollable, space, text,
};
use iced::{Alignment, Element, Length, Theme};

use crate::fl;
use crate::store::{Folder, FolderId, Quota, Role};
use crate::ui::font;

#[derive(Clone, Debug)]
pub enum Message {
    Select(FolderId),
    /// The mouse button was let go over this folder (a drop, when a
    /// message is being dragged).
    DropOn(FolderId),
    /// The pointer is over this folder (or over none).
    Hover(Option<FolderId>),
}

/// One account's part of the tree.
#[derive(Clone, Debug)]
pub struct AccountFolders {
    pub id: String,
    /// What the user sees: the e-mail address or name.
    pub label: String,
    pub folders: Vec<Folder>,
    /// The server's storage quota, where it tells one (IMAP).
    pub quota: Option<Quota>,
}

#[derive(Debug, Default)]
pub struct FolderTree {
    pub accounts: Vec<AccountFolders>,
    pub selected: Option<FolderId>,
    /// Messages are being dragged: folders show where they would go.
    pub dragging: bool,
    pub hovered: Option<FolderId>,
}

/// The translated name of a special folder.
pub fn role_name(role: Role) -> String {
    match role {
        Role::Inbox => fl!("ui-folder-inbox"),
        Role::Drafts => fl!("ui-folder-drafts"),
        Role::Sent => fl!("ui-folder-sent"),
        Role::Archive => fl!("ui-folder-archive"),
        Role::Junk => fl!("ui-folder-junk"),
        Role::Trash => fl!("ui-folder-trash"),
        Role::Outbox => fl!("ui-folder-outbox"),
    }
}

/// A folder's name as shown.
/// The folder's icon: a glyph of [`font::SYMBOLS`].
pub fn icon(role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Inbox) => "\u{1F4E5}",   // inbox tray
        Some(Role::Drafts) => "\u{270E}",   // pencil
        Some(Role::Sent) => "\u{1F4E4}",    // outbox tray
        Some(Role::Archive) => "\u{1F5C3}", // card file box
        Some(Role::Junk) => "\u{26A0}",     // warning sign
        Some(Role::Trash) => "\u{1F5D1}",   // wastebasket
        Some(Role::Outbox) => "\u{23F3}",   // hourglass: waiting to be sent
        None => "\u{1F5C0}",                // folder
    }
}

pub fn display_name(folder: &Folder) -> String {
    match folder.role {
        Some(role) => role_name(role),
        None => folder.leaf_name().to_owned(),
    }
}

impl FolderTree {
    /// Replace an account's folders (keeps the account order).
    pub fn set_folders(&mut self, account: &str, mut folders: Vec<Folder>, quota: Option<Quota>) {
        // Special folders first in role order, then the rest by path so a
        // folder's children follow it.
        folders.sort_by(|a, b| match (a.role, b.role) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        });
        if let Some(a) = self.accounts.iter_mut().find(|a| a.id == account) {
            a.folders = folders;
            a.quota = quota;
        }
    }

    pub fn folder(&self, id: FolderId) -> Option<&Folder> {
        self.accounts
            .iter()
            .flat_map(|a| a.folders.iter())
            .find(|f| f.id == id)
    }

    /// The first account's Inbox (or first selectable folder).
    pub fn default_folder(&self) -> Option<FolderId> {
        let all = || self.accounts.iter().flat_map(|a| a.folders.iter());
        all()
            .find(|f| f.role == Some(Role::Inbox))
            .or_else(|| all().find(|f| f.selectable))
            .map(|f| f.id)
    }

    /// The Inbox of one account, once its folders are known.
    pub fn inbox_of(&self, account: &str) -> Option<FolderId> {
        self.accounts
            .iter()
            .find(|a| a.id == account)?
            .folders
            .iter()
            .find(|f| f.role == Some(Role::Inbox))
            .map(|f| f.id)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut col = Column::new().spacing(2).padding(8).width(Length::Fill);
        for account in &self.accounts {
            col = col.push(
                container(
                    text(account.label.clone())
                        .font(font::BOLD)
                        .size(13)
                        .wrapping(text::Wrapping::None),
                )
                .clip(true)
                .padding([6, 4]),
            );
            if let Some(q) = &account.quota
                && let (Some(used), Some(limit)) = (q.storage_used, q.storage_limit)
                && limit > 0
            {
                let summary = crate::sync::imap::quota_summary(q).unwrap_or_default();
                col = col.push(
                    column![
                        progress_bar(0.0..=limit as f32, used.min(limit) as f32).girth(4),
                        text(summary).size(11),
                    ]
                    .spacing(2)
                    .padding([0, 8]),
                );
            }
            if account.folders.is_empty() {
                col = col.push(
                    container(text(fl!("ui-no-folders")).size(13))
                        .padding([2, 8])
                        .clip(true),
                );
            }
            for f in &account.folders {
                col = col.push(self.view_folder(f));
            }
        }
        scrollable(col).height(Length::Fill).into()
    }

    fn view_folder<'a>(&self, f: &'a Folder) -> Element<'a, Message> {
        let indent = if f.role.is_some() {
            0.0
        } else {
            f.depth() as f32 * 12.0
        };
        let unread = f.unread > 0;
        let name = text(display_name(f))
            .size(14)
            .font(if unread { font::BOLD } else { font::DEFAULT })
            .wrapping(text::Wrapping::None);
        let count = if unread {
            text(crate::ui::screen::mailbox::group_digits(f.unread as usize))
                .size(13)
                .font(font::BOLD)
        } else {
            text("")
        };
        let icon = text(icon(f.role))
            .font(font::SYMBOLS)
            .size(16)
            .width(Length::Fixed(20.0))
            .align_x(Alignment::Center);
        let line = row![
            space().width(Length::Fixed(indent)),
            icon,
            container(name).clip(true).width(Length::Fill),
            count,
        ]
        .align_y(Alignment::Center)
        .spacing(6);
        let selected = self.selected == Some(f.id);
        let drop_target = self.dragging && self.hovered == Some(f.id) && !selected;
        let b =
            button(line)
                .width(Length::Fill)
                .padding([4, 8])
                .style(move |theme: &Theme, status| {
                    let mut style = if selected {
                        button::primary(theme, status)
                    } else {
                        button::text(theme, status)
                    };
                    if drop_target {
                        style.background = Some(theme.extended_palette().primary.weak.color.into());
                    } else if !selected && matches!(status, button::Status::Hovered) {
                        style.background =
                            Some(theme.extended_palette().background.weak.color.into());
                    }
                    style.border.radius = 4.0.into();
                    style
                });
        let b = if f.selectable {
            b.on_press(Message::Select(f.id))
        } else {
            b
        };
        mouse_area(column![b])
            .on_release(Message::DropOn(f.id))
            .on_enter(Message::Hover(Some(f.id)))
            .on_exit(Message::Hover(None))
            .into()
    }
}
