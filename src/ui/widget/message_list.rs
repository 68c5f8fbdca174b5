//! The message list: virtual (DESIGN.md rule 7). Rows have one fixed height;
//! only the rows in the scrollable's viewport (plus a small margin) are
//! built, with spacers above and below standing in for the rest. Rows come
//! from the store in windows, each load tagged with a generation number so
//! a late answer for an old position or folder is dropped.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use iced::keyboard::Modifiers;
use iced::widget::{Id, column, container, mouse_area, row, scrollable, space, text};
use iced::{Alignment, Border, Color, Element, Length, Theme};

use crate::fl;
use crate::store::{Flags, FolderId, MessageRow, MsgId, OutboxState};
use crate::ui::data::Query;
use crate::ui::{font, format};

/// The height of one row, in logical pixels.
pub const ROW_HEIGHT: f32 = 34.0;
/// Rows built beyond the viewport on each side.
pub const BUILD_MARGIN: usize = 4;
/// Rows loaded beyond the viewport on each side.
pub const LOAD_MARGIN: usize = 60;
/// Before the first viewport report, assume a tall window.
const DEFAULT_HEIGHT: f32 = 1200.0;

/// The id of the list's scrollable (for keyboard scrolling).
pub fn scrollable_id() -> Id {
    Id::new("message-list")
}

/// Where the rows come from.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Source {
    #[default]
    Nothing,
    Folder(FolderId),
    /// Search results, all in memory (the search is limited).
    Results(Vec<MessageRow>),
}

#[derive(Clone, Debug)]
pub enum Message {
    /// The viewport moved or changed size.
    Scrolled { offset: f32, height: f32 },
    /// A row was clicked.
    Clicked(usize),
    /// A row was double-clicked.
    DoubleClicked(usize),
}

/// What the list asks of its parent.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    None,
    Load(Query),
    /// Show this message in the reader.
    Open(MessageRow),
    /// The selection changed without opening anything.
    Selected,
    /// Act on this message as Enter does (double-click): e.g. go on
    /// writing a draft.
    Activate(MessageRow),
}

#[derive(Debug, Default)]
pub struct MessageList {
    source: Source,
    total: usize,
    offset: f32,
    height: f32,
    /// The loaded window: rows `loaded_from..loaded_from + rows.len()`.
    loaded_from: usize,
    rows: Vec<MessageRow>,
    generation: u64,
    /// The range asked for and not answered yet.
    pending: Option<Range<usize>>,
    selected: BTreeSet<MsgId>,
    cursor: Option<usize>,
    anchor: Option<usize>,
    /// In an Outbox: where each loaded message stands, shown in place of
    /// its date.
    states: BTreeMap<MsgId, OutboxState>,
    /// A plain press on a row of a multi-selection: the selection stays
    /// while the rows may be dragged to a folder; a release without a drop
    /// selects just this row (as in Thunderbird and file managers).
    pressed_in_selection: Option<usize>,
}

impl MessageList {
    pub fn new() -> MessageList {
        MessageList {
            height: DEFAULT_HEIGHT,
            ..MessageList::default()
        }
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn folder(&self) -> Option<FolderId> {
        match self.source {
            Source::Folder(f) => Some(f),
            _ => None,
        }
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// The sending states of the loaded window (an Outbox; else empty).
    pub fn set_states(&mut self, states: Vec<(MsgId, OutboxState)>) {
        self.states = states.into_iter().collect();
    }

    /// What the date column of message `id` shows instead of its date:
    /// its sending state, in an Outbox.
    pub fn state_label(&self, id: MsgId) -> Option<String> {
        self.states.get(&id).map(state_label)
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn selected(&self) -> &BTreeSet<MsgId> {
        &self.selected
    }

    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// The selected rows that are loaded (all of them, in practice: a
    /// selection is made on screen).
    pub fn selected_rows(&self) -> Vec<&MessageRow> {
        self.loaded_rows()
            .filter(|(_, r)| self.selected.contains(&r.id))
            .map(|(_, r)| r)
            .collect()
    }

    fn loaded_rows(&self) -> Box<dyn Iterator<Item = (usize, &MessageRow)> + '_> {
        match &self.source {
            Source::Results(rows) => Box::new(rows.iter().enumerate()),
            _ => Box::new(
                self.rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (self.loaded_from + i, r)),
            ),
        }
    }

    /// Row `index` of the list, when loaded.
    pub fn row(&self, index: usize) -> Option<&MessageRow> {
        match &self.source {
            Source::Results(rows) => rows.get(index),
            _ => index
                .checked_sub(self.loaded_from)
                .and_then(|i| self.rows.get(i)),
        }
    }

    /// The rows that are built: those in the viewport plus a margin.
    pub fn visible_range(&self) -> Range<usize> {
        let first = (self.offset.max(0.0) / ROW_HEIGHT).floor() as usize;
        let last = ((self.offset.max(0.0) + self.height.max(0.0)) / ROW_HEIGHT).ceil() as usize;
        let start = first.saturating_sub(BUILD_MARGIN).min(self.total);
        let end = last.saturating_add(BUILD_MARGIN).min(self.total);
        start..end
    }

    /// Show a folder from its top.
    pub fn show_folder(&mut self, folder: FolderId) -> Action {
        self.source = Source::Folder(folder);
        self.states.clear();
        self.total = 0;
        self.offset = 0.0;
        self.rows.clear();
        self.loaded_from = 0;
        self.pending = None;
        self.clear_selection();
        self.load(0..self.viewport_rows())
    }

    /// Show search results from their top.
    pub fn show_results(&mut self, rows: Vec<MessageRow>) {
        self.generation += 1;
        self.total = rows.len();
        self.source = Source::Results(rows);
        self.states.clear();
        self.offset = 0.0;
        self.rows.clear();
        self.pending = None;
        self.clear_selection();
    }

    /// New results for the same search (the store changed): keep the
    /// position and what is still selected.
    pub fn replace_results(&mut self, rows: Vec<MessageRow>) {
        self.generation += 1;
        self.total = rows.len();
        let present: BTreeSet<MsgId> = rows.iter().map(|r| r.id).collect();
        self.selected.retain(|id| present.contains(id));
        if let Some(c) = self.cursor
            && c >= self.total
        {
            self.cursor = self.total.checked_sub(1);
        }
        self.source = Source::Results(rows);
    }

    /// Show nothing.
    pub fn clear(&mut self) {
        self.generation += 1;
        self.source = Source::Nothing;
        self.states.clear();
        self.total = 0;
        self.rows.clear();
        self.pending = None;
        self.clear_selection();
    }

    fn clear_selection(&mut self) {
        self.selected.clear();
        self.cursor = None;
        self.anchor = None;
    }

    fn viewport_rows(&self) -> usize {
        (self.height.max(ROW_HEIGHT) / ROW_HEIGHT).ceil() as usize + 1
    }

    /// Load `range` (widened by the load margin) under a new generation.
    fn load(&mut self, range: Range<usize>) -> Action {
        let Source::Folder(folder) = self.source else {
            return Action::None;
        };
        self.generation += 1;
        let offset = range.start.saturating_sub(LOAD_MARGIN);
        let limit = range.end.saturating_add(LOAD_MARGIN) - offset;
        self.pending = Some(offset..offset + limit);
        Action::Load(Query::Window {
            folder,
            offset,
            limit,
            generation: self.generation,
        })
    }

    /// Reload what is on screen (the folder changed).
    pub fn refresh(&mut self) -> Action {
        let range = self.visible_range();
        let range = range.start..range.end.max(range.start + self.viewport_rows());
        self.load(range)
    }

    /// Load the visible rows when they are not loaded or on their way.
    pub fn ensure_loaded(&mut self) -> Action {
        if !matches!(self.source, Source::Folder(_)) {
            return Action::None;
        }
        let want = self.visible_range();
        if want.is_empty() {
            return Action::None;
        }
        let loaded = self.loaded_from..self.loaded_from + self.rows.len();
        let covers = |have: &Range<usize>| have.start <= want.start && want.end <= have.end;
        if covers(&loaded) || self.pending.as_ref().is_some_and(covers) {
            return Action::None;
        }
        self.load(want)
    }

    /// A window arrived. Returns false when it was stale and dropped.
    pub fn loaded(
        &mut self,
        folder: FolderId,
        offset: usize,
        total: usize,
        rows: Vec<MessageRow>,
        generation: u64,
    ) -> bool {
        if generation != self.generation || self.source != Source::Folder(folder) {
            return false;
        }
        self.pending = None;
        self.total = total;
        self.loaded_from = offset;
        self.rows = rows;
        // Forget selected messages that are gone.
        let present: BTreeSet<MsgId> = self.rows.iter().map(|r| r.id).collect();
        self.selected.retain(|id| present.contains(id));
        if let Some(c) = self.cursor
            && c >= total
        {
            self.cursor = total.checked_sub(1);
        }
        true
    }

    /// Mark rows as changed locally before the store says so (local first:
    /// the engine changes the store at once; this only saves a flicker).
    pub fn update_flags(&mut self, ids: &BTreeSet<MsgId>, flag: Flags, on: bool) {
        let rows: Box<dyn Iterator<Item = &mut MessageRow>> = match &mut self.source {
            Source::Results(rows) => Box::new(rows.iter_mut()),
            _ => Box::new(self.rows.iter_mut()),
        };
        for r in rows.filter(|r| ids.contains(&r.id)) {
            r.flags = r.flags.with(flag, on);
        }
    }

    pub fn update(&mut self, message: Message, modifiers: Modifiers) -> Action {
        match message {
            Message::Scrolled { offset, height } => {
                self.offset = offset;
                self.height = height;
                self.ensure_loaded()
            }
            Message::Clicked(index) => self.click(index, modifiers),
            Message::DoubleClicked(index) => match self.row(index).cloned() {
                Some(row) => Action::Activate(row),
                None => Action::None,
            },
        }
    }

    fn click(&mut self, index: usize, modifiers: Modifiers) -> Action {
        let Some(row) = self.row(index).cloned() else {
            return Action::None;
        };
        if modifiers.shift() {
            let anchor = self.anchor.or(self.cursor).unwrap_or(index);
            let (a, b) = (anchor.min(index), anchor.max(index));
            if !modifiers.command() {
                self.selected.clear();
            }
            let ids: Vec<MsgId> = (a..=b).filter_map(|i| self.row(i).map(|r| r.id)).collect();
            self.selected.extend(ids);
            self.cursor = Some(index);
            Action::Selected
        } else if modifiers.command() {
            if !self.selected.remove(&row.id) {
                self.selected.insert(row.id);
            }
            self.cursor = Some(index);
            self.anchor = Some(index);
            Action::Selected
        } else if self.selected.len() > 1 && self.selected.contains(&row.id) {
            self.pressed_in_selection = Some(index);
            self.cursor = Some(index);
            Action::None
        } else {
            self.select_only(index, row)
        }
    }

    /// The mouse button was let go: a press inside a multi-selection that
    /// did not become a drop selects just the pressed row now.
    pub fn released(&mut self) -> Action {
        match self.pressed_in_selection.take() {
            Some(index) => match self.row(index).cloned() {
                Some(row) => self.select_only(index, row),
                None => Action::None,
            },
            None => Action::None,
        }
    }

    /// The pressed rows were dropped on a folder: keep the selection.
    pub fn dropped(&mut self) {
        self.pressed_in_selection = None;
    }

    fn select_only(&mut self, index: usize, row: MessageRow) -> Action {
        self.selected.clear();
        self.selected.insert(row.id);
        self.cursor = Some(index);
        self.anchor = Some(index);
        Action::Open(row)
    }

    /// Move the cursor by `delta` rows (keyboard). Returns what to do and,
    /// when the cursor left the viewport, the offset to scroll to.
    pub fn move_cursor(&mut self, delta: isize) -> (Action, Option<f32>) {
        if self.total == 0 {
            return (Action::None, None);
        }
        let index = match self.cursor {
            None => 0,
            Some(c) => c.saturating_add_signed(delta).min(self.total - 1),
        };
        let top = index as f32 * ROW_HEIGHT;
        let scroll = if top < self.offset {
            Some(top)
        } else if top + ROW_HEIGHT > self.offset + self.height {
            Some((top + ROW_HEIGHT - self.height).max(0.0))
        } else {
            None
        };
        if let Some(offset) = scroll {
            self.offset = offset;
        }
        match self.row(index).cloned() {
            Some(row) => (self.select_only(index, row), scroll),
            None => {
                self.cursor = Some(index);
                (self.ensure_loaded(), scroll)
            }
        }
    }

    /// The row under the cursor, to open it (Enter).
    pub fn cursor_row(&self) -> Option<&MessageRow> {
        self.cursor.and_then(|c| self.row(c))
    }

    /// How many row widgets the last `view` would build (for tests).
    pub fn built_rows(&self) -> usize {
        self.visible_range().len()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let range = self.visible_range();
        let above = range.start as f32 * ROW_HEIGHT;
        let below = (self.total - range.end) as f32 * ROW_HEIGHT;
        let mut rows = column![space().height(Length::Fixed(above))].width(Length::Fill);
        for index in range {
            rows = rows.push(self.view_row(index));
        }
        rows = rows.push(space().height(Length::Fixed(below)));
        scrollable(rows)
            .id(scrollable_id())
            .spacing(2)
            .width(Length::Fill)
            .height(Length::Fill)
            .on_scroll(|v| Message::Scrolled {
                offset: v.absolute_offset().y,
                height: v.bounds().height,
            })
            .into()
    }

    fn view_row(&self, index: usize) -> Element<'_, Message> {
        let Some(r) = self.row(index) else {
            // Not loaded yet: an empty row of the same height.
            return space().height(Length::Fixed(ROW_HEIGHT)).into();
        };
        let unread = !r.flags.contains(Flags::SEEN);
        let weight = if unread { font::BOLD } else { font::DEFAULT };
        let cell = |s: String, width: Length| {
            container(text(s).font(weight).size(14).wrapping(text::Wrapping::None))
                .clip(true)
                .width(width)
        };
        let subject = if r.subject.trim().is_empty() {
            fl!("mail-no-subject")
        } else {
            cell_text(&r.subject)
        };
        let flagged = r.flags.contains(Flags::FLAGGED);
        // In an Outbox the state says more than the date: what is stuck.
        let state = self.states.get(&r.id);
        let stuck = matches!(state, Some(OutboxState::Failed(_) | OutboxState::MaybeSent));
        let (last, last_width) = match state {
            Some(s) => (state_label(s), 150.0),
            None => (format::list_date(r.date), 96.0),
        };
        let content = row![
            mark(flagged, MarkKind::Flag),
            cell(cell_text(r.sender()), Length::FillPortion(3)),
            cell(subject, Length::FillPortion(5)),
            mark(r.has_attachments, MarkKind::Attachment),
            container(
                text(last)
                    .font(if stuck { font::BOLD } else { weight })
                    .size(13)
                    .wrapping(text::Wrapping::None)
                    .style(move |theme: &Theme| text::Style {
                        color: stuck.then_some(theme.extended_palette().danger.base.color),
                    })
            )
            .clip(true)
            .width(Length::Fixed(last_width))
            .align_right(Length::Fixed(last_width)),
        ]
        .spacing(8)
        .padding([0, 10])
        .align_y(Alignment::Center);
        let selected = self.selected.contains(&r.id);
        let is_cursor = self.cursor == Some(index);
        let styled = container(content)
            .height(Length::Fixed(ROW_HEIGHT))
            .width(Length::Fill)
            .center_y(Length::Fixed(ROW_HEIGHT))
            .clip(true)
            .style(move |theme: &Theme| {
                let p = theme.extended_palette();
                let background = if selected {
                    Some(p.primary.weak.color.into())
                } else {
                    None
                };
                container::Style {
                    background,
                    text_color: selected.then_some(p.primary.weak.text),
                    border: Border {
                        color: if is_cursor {
                            p.primary.strong.color
                        } else {
                            Color::TRANSPARENT
                        },
                        width: if is_cursor { 1.0 } else { 0.0 },
                        radius: 3.0.into(),
                    },
                    ..container::Style::default()
                }
            });
        mouse_area(styled)
            .on_press(Message::Clicked(index))
            .on_double_click(Message::DoubleClicked(index))
            .into()
    }
}

/// An Outbox message's state, short enough for the date column.
fn state_label(state: &OutboxState) -> String {
    match state {
        OutboxState::Queued => fl!("compose-ui-list-queued"),
        OutboxState::Sending => fl!("compose-ui-list-sending"),
        OutboxState::Failed(_) => fl!("compose-ui-list-failed"),
        OutboxState::MaybeSent => fl!("compose-ui-list-maybe-sent"),
    }
}

/// What a cell can show of a header: one line, and no more than fits on
/// any screen (a 100 KB subject must not cost a frame).
fn cell_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(300)
        .collect()
}

#[derive(Clone, Copy)]
enum MarkKind {
    Flag,
    Attachment,
}

/// A small drawn mark (the embedded font has no star or paper clip).
fn mark<'a>(on: bool, kind: MarkKind) -> Element<'a, Message> {
    let (w, h, radius) = match kind {
        MarkKind::Flag => (10.0, 10.0, 5.0),
        MarkKind::Attachment => (8.0, 11.0, 1.5),
    };
    let dot = container(space())
        .width(Length::Fixed(w))
        .height(Length::Fixed(h))
        .style(move |theme: &Theme| {
            if !on {
                return container::Style::default();
            }
            let p = theme.extended_palette();
            match kind {
                MarkKind::Flag => container::Style {
                    background: Some(Color::from_rgb8(0xE6, 0x7E, 0x22).into()),
                    border: Border {
                        radius: radius.into(),
                        ..Border::default()
                    },
                    ..container::Style::default()
                },
                MarkKind::Attachment => container::Style {
                    border: Border {
                        color: p.background.strong.text,
                        width: 1.5,
                        radius: radius.into(),
                    },
                    ..container::Style::default()
                },
            }
        });
    container(dot)
        .width(Length::Fixed(12.0))
        .center_x(Length::Fixed(12.0))
        .into()
}
