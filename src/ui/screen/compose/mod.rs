//! The compose window: From, To/Cc/Bcc (checked as typed, with suggestions
//! from the store), Subject, a plain-text body, attachments; Send, drafts
//! saved by themselves, and a question before an unsent message is closed.
//!
//! Like every screen it has its own [`Message`], an `update` that answers
//! with [`Effect`]s for the app (engine commands, store reads, the file
//! picker, timers) and a `view` (in [`view`]). It never writes the store
//! (DESIGN.md rule 2): sending and drafts are engine commands.

mod fields;
mod load;
mod message;
mod view;

pub use fields::{format_address, split_last, swap_signature};
pub use load::{PrepareError, lookup, pick_files, prepare, read_files, size_limit, task};
pub use message::{
    AUTOSAVE_SECONDS, AccountChoice, Effect, Field, Message, SUGGESTIONS, Start, body_id, keys,
    subject_id,
};

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::text_editor;

use crate::config::Account;
use crate::fl;
use crate::mail::compose::{self as model, ComposeError, Draft};
use crate::store::KnownAddress;
use crate::sync::Command;
use fields::already_in;

/// What to do with a draft once the engine says where it stored it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterSave {
    Nothing,
    /// Save again: there were changes meanwhile.
    Save,
    /// The window was closed without keeping it, or the message was sent.
    Discard,
}

pub struct Compose {
    accounts: Vec<Account>,
    /// Everything but the body, which lives in `body`.
    draft: Draft,
    body: text_editor::Content,
    /// A bad address per field (translated).
    errors: BTreeMap<Field, String>,
    /// The address field being typed in (its last piece is not checked yet).
    typing: Option<Field>,
    suggestions: Vec<KnownAddress>,
    suggest_field: Option<Field>,
    highlighted: usize,
    suggest_generation: u64,
    size_limit: Option<u64>,
    /// Changes made; the draft saved last was at `saved_edits`.
    edits: u64,
    saved_edits: u64,
    /// A SaveDraft is with the engine and its id not known yet.
    saving: bool,
    /// What to do once that id is known.
    after_save: AfterSave,
    asking_close: bool,
    /// Why Send was refused, or a file could not be attached (translated).
    problem: Option<String>,
    picking: bool,
}

impl Compose {
    /// A window for `draft`, sent from one of `accounts`.
    pub fn new(accounts: Vec<Account>, draft: Draft) -> (Compose, Vec<Effect>) {
        let body = text_editor::Content::with_text(&draft.body);
        let focus = if draft.to.trim().is_empty() {
            Field::To.id()
        } else {
            body_id()
        };
        let compose = Compose {
            accounts,
            draft,
            body,
            errors: BTreeMap::new(),
            typing: None,
            suggestions: Vec::new(),
            suggest_field: None,
            highlighted: 0,
            suggest_generation: 0,
            size_limit: None,
            edits: 0,
            saved_edits: 0,
            saving: false,
            after_save: AfterSave::Nothing,
            asking_close: false,
            problem: None,
            picking: false,
        };
        let effects = vec![
            Effect::SizeLimit {
                account: compose.draft.account.clone(),
            },
            Effect::Focus(focus),
        ];
        (compose, effects)
    }

    /// The draft as it stands, body included.
    pub fn draft(&self) -> Draft {
        Draft {
            body: self.body.text(),
            ..self.draft.clone()
        }
    }

    /// The bad-address message shown under a field.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(&field).map(String::as_str)
    }

    pub fn suggestions(&self) -> &[KnownAddress] {
        &self.suggestions
    }

    pub fn asking_close(&self) -> bool {
        self.asking_close
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    pub fn size_limit(&self) -> Option<u64> {
        self.size_limit
    }

    fn account(&self) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == self.draft.account)
    }

    fn field(&self, field: Field) -> &str {
        match field {
            Field::To => &self.draft.to,
            Field::Cc => &self.draft.cc,
            Field::Bcc => &self.draft.bcc,
        }
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::To => &mut self.draft.to,
            Field::Cc => &mut self.draft.cc,
            Field::Bcc => &mut self.draft.bcc,
        }
    }

    /// Nothing typed that would be lost by closing.
    pub fn is_empty(&self) -> bool {
        let d = &self.draft;
        [&d.to, &d.cc, &d.bcc, &d.subject]
            .iter()
            .all(|s| s.trim().is_empty())
            && d.attachments.is_empty()
            && self.body.text().trim().is_empty()
    }

    /// The message's estimated size on the wire: attachments are sent as
    /// base64 (4 bytes for every 3).
    pub fn estimated_size(&self) -> u64 {
        let attachments: u64 = self
            .draft
            .attachments
            .iter()
            .map(|a| (a.data.len() as u64).div_ceil(3) * 4)
            .sum();
        attachments + self.body.text().len() as u64 + 1024
    }

    /// True when the server's SIZE limit is known and the message is above it.
    pub fn too_big(&self) -> bool {
        self.size_limit
            .is_some_and(|limit| limit > 0 && self.estimated_size() > limit)
    }

    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        match message {
            Message::From(choice) => {
                if choice.id == self.draft.account {
                    return Vec::new();
                }
                let old = self.account().map(|a| a.signature.clone());
                let new = self
                    .accounts
                    .iter()
                    .find(|a| a.id == choice.id)
                    .map(|a| a.signature.clone());
                let (Some(old), Some(new)) = (old, new) else {
                    return Vec::new();
                };
                let body = swap_signature(&self.body.text(), &old, &new);
                if body != self.body.text() {
                    self.body = text_editor::Content::with_text(&body);
                }
                self.draft.account = choice.id;
                self.size_limit = None;
                let mut effects = vec![Effect::SizeLimit {
                    account: self.draft.account.clone(),
                }];
                effects.extend(self.touch());
                effects
            }
            Message::Address(field, value) => {
                if self.typing != Some(field) {
                    self.finish_typing();
                }
                self.typing = Some(field);
                *self.field_mut(field) = value;
                self.check(field, false);
                let mut effects = self.suggest(field);
                effects.extend(self.touch());
                effects
            }
            Message::Subject(subject) => {
                self.finish_typing();
                self.draft.subject = subject;
                self.touch()
            }
            Message::Body(action) => {
                let edit = action.is_edit();
                self.body.perform(action);
                if edit {
                    self.finish_typing();
                    self.touch()
                } else {
                    Vec::new()
                }
            }
            Message::Suggested { generation, found } => {
                if generation != self.suggest_generation || self.suggest_field.is_none() {
                    return Vec::new();
                }
                let field = self.suggest_field.map(|f| self.field(f).to_lowercase());
                let own = self.account().map(|a| a.email.to_lowercase());
                self.suggestions = found
                    .into_iter()
                    .filter(|a| {
                        let email = a.email.to_lowercase();
                        own.as_deref() != Some(email.as_str())
                            && !field.as_deref().is_some_and(|f| already_in(f, &email))
                    })
                    .take(SUGGESTIONS)
                    .collect();
                self.highlighted = 0;
                Vec::new()
            }
            Message::TakeSuggestion(i) => self.take_suggestion(i),
            Message::Attach => {
                if self.picking {
                    return Vec::new();
                }
                self.picking = true;
                vec![Effect::PickFiles]
            }
            Message::Attached(result) => {
                self.picking = false;
                match result {
                    Ok(files) if files.is_empty() => Vec::new(),
                    Ok(files) => {
                        self.problem = None;
                        self.draft.attachments.extend(files);
                        self.touch()
                    }
                    Err(reason) => {
                        self.problem = Some(reason);
                        Vec::new()
                    }
                }
            }
            Message::RemoveAttachment(i) => {
                if i >= self.draft.attachments.len() {
                    return Vec::new();
                }
                self.draft.attachments.remove(i);
                self.touch()
            }
            Message::SizeLimit(limit) => {
                self.size_limit = limit;
                Vec::new()
            }
            Message::AutosaveDue(generation) => {
                if generation != self.edits || self.saved_edits == self.edits || self.is_empty() {
                    return Vec::new();
                }
                self.save_draft()
            }
            Message::DraftSaved { draft, replaces } => {
                if !self.saving || replaces != self.draft.saved_as {
                    return Vec::new();
                }
                self.saving = false;
                self.draft.saved_as = Some(draft);
                match std::mem::replace(&mut self.after_save, AfterSave::Nothing) {
                    AfterSave::Nothing => Vec::new(),
                    AfterSave::Save => self.save_draft(),
                    AfterSave::Discard => vec![Effect::Engine {
                        account: self.draft.account.clone(),
                        command: Command::DiscardDraft(draft),
                    }],
                }
            }
            Message::Send => self.send(),
            Message::Close => {
                if self.asking_close {
                    return Vec::new();
                }
                if self.edits == 0 {
                    return vec![Effect::Close];
                }
                if self.is_empty() {
                    // Everything was taken out again: drop the saved copy.
                    return self.discard();
                }
                self.asking_close = true;
                Vec::new()
            }
            Message::SaveAndClose => {
                let mut effects = self.save_draft();
                effects.push(Effect::Close);
                effects
            }
            Message::Discard => self.discard(),
            Message::KeepWriting => {
                self.asking_close = false;
                Vec::new()
            }
            Message::Key {
                key,
                modifiers,
                captured,
            } => self.key(key, modifiers, captured),
        }
    }

    /// A change: save the draft once the typing pauses.
    fn touch(&mut self) -> Vec<Effect> {
        self.edits += 1;
        self.problem = None;
        vec![Effect::SaveLater {
            generation: self.edits,
        }]
    }

    /// Whether a saved copy is still on its way: the window must hear its
    /// id to replace or remove it, also after it is closed.
    pub fn saving(&self) -> bool {
        self.saving
    }

    fn save_draft(&mut self) -> Vec<Effect> {
        if self.saving {
            // One at a time, so each save replaces the one before.
            self.after_save = AfterSave::Save;
            return Vec::new();
        }
        self.saving = true;
        self.saved_edits = self.edits;
        vec![Effect::Engine {
            account: self.draft.account.clone(),
            command: Command::SaveDraft(Box::new(self.draft())),
        }]
    }

    fn discard(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.saving {
            self.after_save = AfterSave::Discard;
        }
        if let Some(id) = self.draft.saved_as {
            effects.push(Effect::Engine {
                account: self.draft.account.clone(),
                command: Command::DiscardDraft(id),
            });
        }
        effects.push(Effect::Close);
        effects
    }

    /// Check every field in full; the first problem, if any.
    fn check_all(&mut self) -> Option<String> {
        self.typing = None;
        for field in Field::ALL {
            self.check(field, true);
        }
        Field::ALL.iter().find_map(|f| self.errors.get(f).cloned())
    }

    fn send(&mut self) -> Vec<Effect> {
        self.suggestions.clear();
        if let Some(problem) = self.check_all() {
            self.problem = Some(problem);
            return Vec::new();
        }
        let recipients = Field::ALL
            .iter()
            .map(|f| {
                model::parse_addresses(self.field(*f))
                    .map(|a| a.len())
                    .unwrap_or(0)
            })
            .sum::<usize>();
        if recipients == 0 {
            self.problem = Some(ComposeError::NoRecipients.user_message());
            return Vec::new();
        }
        if self.account().is_none() {
            self.problem = Some(fl!("compose-ui-no-account"));
            return Vec::new();
        }
        if self.saving {
            // The copy on its way is removed once its id is known (the
            // engine removes `saved_as` itself when sending).
            self.after_save = AfterSave::Discard;
        }
        vec![
            Effect::Engine {
                account: self.draft.account.clone(),
                command: Command::Send(Box::new(self.draft())),
            },
            Effect::Close,
        ]
    }

    /// The field typed in before is done: check its last address too.
    fn finish_typing(&mut self) {
        if let Some(field) = self.typing.take() {
            self.check(field, true);
        }
        self.suggestions.clear();
        self.suggest_field = None;
    }

    /// Mark a bad address in `field`. While typing (`finished` false) the
    /// last piece is still being written and is left alone.
    fn check(&mut self, field: Field, finished: bool) {
        let value = self.field(field);
        let checked = if finished { value } else { split_last(value).0 };
        match model::parse_addresses(checked) {
            Err(bad) if !checked.trim().is_empty() => {
                self.errors.insert(field, bad.user_message());
            }
            _ => {
                self.errors.remove(&field);
            }
        }
    }

    /// Ask the store for addresses starting with the piece being typed.
    fn suggest(&mut self, field: Field) -> Vec<Effect> {
        self.suggest_generation += 1;
        let prefix = split_last(self.field(field)).1.trim().to_owned();
        if prefix.chars().count() < 2 || prefix.contains('<') {
            self.suggestions.clear();
            self.suggest_field = None;
            return Vec::new();
        }
        self.suggest_field = Some(field);
        vec![Effect::Suggest {
            account: self.draft.account.clone(),
            prefix,
            generation: self.suggest_generation,
        }]
    }

    fn take_suggestion(&mut self, i: usize) -> Vec<Effect> {
        let (Some(field), Some(found)) = (self.suggest_field, self.suggestions.get(i)) else {
            return Vec::new();
        };
        let address = format_address(&found.name, &found.email);
        let kept = split_last(self.field(field)).0.trim_end().to_owned();
        let value = if kept.is_empty() {
            format!("{address}, ")
        } else {
            format!("{kept} {address}, ")
        };
        *self.field_mut(field) = value;
        self.suggestions.clear();
        self.suggest_field = None;
        self.suggest_generation += 1;
        self.check(field, false);
        let mut effects = vec![Effect::Focus(field.id())];
        effects.extend(self.touch());
        effects
    }

    fn key(&mut self, key: Key, modifiers: Modifiers, captured: bool) -> Vec<Effect> {
        let suggesting = !self.suggestions.is_empty();
        match key.as_ref() {
            Key::Named(Named::Escape) => {
                if self.asking_close {
                    return self.update(Message::KeepWriting);
                }
                if suggesting {
                    self.suggestions.clear();
                    return Vec::new();
                }
                self.update(Message::Close)
            }
            _ if captured => Vec::new(),
            Key::Named(Named::Enter) if modifiers.command() => self.update(Message::Send),
            Key::Named(Named::Tab) if suggesting && !modifiers.shift() => {
                self.take_suggestion(self.highlighted)
            }
            Key::Named(Named::Tab) if modifiers.shift() => vec![Effect::FocusPrevious],
            Key::Named(Named::Tab) => vec![Effect::FocusNext],
            Key::Named(Named::ArrowDown) if suggesting => {
                self.highlighted = (self.highlighted + 1).min(self.suggestions.len() - 1);
                Vec::new()
            }
            Key::Named(Named::ArrowUp) if suggesting => {
                self.highlighted = self.highlighted.saturating_sub(1);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
