//! Dialogs over the Databases tab: the copy menu, rename, delete (type the name) and the
//! read-regions editor; their keys, and what the tab does after them.

use super::calls::{AfterBackup, Purpose};
use super::wizard::picker::RegionPicker;
use super::wizard::validate_name;
use crate::tui::keymap::{Command, KeyContext};
use crate::tui::text_input::TextInput;
use crate::upstash::{Backup, Database, connection};
use crossterm::event::KeyEvent;

/// A dialog of the Databases tab.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// What to copy.
    Copy {
        /// The database.
        id: String,
        /// Highlighted item of [`COPY_ITEMS`].
        cursor: usize,
    },
    /// The new name.
    Rename {
        /// The database.
        id: String,
        /// Its name now.
        old: String,
        /// The new name.
        input: TextInput,
        /// Why the last submit was refused.
        error: Option<String>,
    },
    /// Type the name to delete.
    Delete {
        /// The database.
        id: String,
        /// The name to type.
        name: String,
        /// What was typed.
        input: TextInput,
        /// Why the last submit was refused.
        error: Option<String>,
    },
    /// The read regions.
    Regions {
        /// The database.
        id: String,
        /// Its name.
        name: String,
        /// Whether it is on the free plan (one read region at most).
        free_plan: bool,
        /// The choice.
        picker: RegionPicker,
        /// Why the last submit was refused.
        error: Option<String>,
    },
    /// Name a backup.
    BackupName {
        /// The database.
        id: String,
        /// Its name (sanitised).
        name: String,
        /// The backup's name.
        input: TextInput,
        /// Why the last submit was refused.
        error: Option<String>,
        /// The change asked again once the backup is made.
        then: Option<AfterBackup>,
    },
    /// Type the database's name to restore a backup over its data.
    Restore {
        /// The database.
        id: String,
        /// Its name as shown (sanitised): what to type.
        name: String,
        /// The backup.
        backup: Backup,
        /// What was typed.
        input: TextInput,
        /// Why the last submit was refused.
        error: Option<String>,
    },
    /// A yes/no question; `first` offers a backup before the change.
    Ask {
        /// The frame's title.
        title: String,
        /// The question.
        question: String,
        /// What "yes" starts.
        purpose: Purpose,
        /// The database to back up first, and the change to ask again afterwards.
        first: Option<(String, AfterBackup)>,
    },
    /// Pick one: a plan or a team.
    Choice {
        /// The frame's title.
        title: String,
        /// The database.
        id: String,
        /// What is picked.
        kind: ChoiceKind,
        /// Values and their labels.
        items: Vec<(String, String)>,
        /// The highlighted item.
        cursor: usize,
    },
}

/// What a [`Dialog::Choice`] picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceKind {
    /// A plan name.
    Plan,
    /// A team id.
    Team,
}

/// A connection string the copy menu offers.
pub struct CopyItem {
    /// Menu text.
    pub label: &'static str,
    /// Builds the text (holds secrets on purpose: the operator asked to copy it).
    pub build: fn(&Database) -> Result<String, String>,
}

/// The copy menu, in order.
pub const COPY_ITEMS: [CopyItem; 5] = [
    CopyItem {
        label: "Redis URL (rediss://…)",
        build: |d| connection::redis_url(d).map_err(|e| e.to_string()),
    },
    CopyItem {
        label: "REST URL",
        build: |d| connection::rest_url(d).map_err(|e| e.to_string()),
    },
    CopyItem {
        label: "REST token",
        build: |d| {
            d.rest_token
                .as_ref()
                .map(|t| t.expose().to_string())
                .ok_or_else(|| connection::ConnectionError::NoRestToken.to_string())
        },
    },
    CopyItem {
        label: "redis-cli command",
        build: |d| connection::redis_cli_command(d).map_err(|e| e.to_string()),
    },
    CopyItem {
        label: ".env snippet",
        build: |d| connection::dotenv(d).map_err(|e| e.to_string()),
    },
];

impl Dialog {
    /// The copy menu for database `id`.
    pub fn copy(id: String) -> Self {
        Dialog::Copy { id, cursor: 0 }
    }

    /// The rename form, prefilled with the current name.
    pub fn rename(db: &Database) -> Self {
        let mut input = TextInput::new(false).with_limit(crate::upstash::MAX_NAME_CHARS);
        input.paste(&db.database_name);
        Dialog::Rename {
            id: db.database_id.clone(),
            old: db.database_name.clone(),
            input,
            error: None,
        }
    }

    /// The delete form: the name to type is the name as shown (sanitised), so a name with
    /// invisible characters can still be typed.
    pub fn delete(db: &Database) -> Self {
        Dialog::Delete {
            id: db.database_id.clone(),
            name: crate::output::sanitize(&db.database_name).into_owned(),
            input: TextInput::new(false),
            error: None,
        }
    }

    /// Where keys go.
    pub fn key_context(&self) -> KeyContext {
        match self {
            Dialog::Copy { .. } => KeyContext::DatabaseCopy,
            Dialog::Rename { .. }
            | Dialog::Delete { .. }
            | Dialog::BackupName { .. }
            | Dialog::Restore { .. } => KeyContext::DatabaseText,
            Dialog::Regions { .. } => KeyContext::DatabasePick,
            Dialog::Ask { .. } => KeyContext::DatabaseAsk,
            Dialog::Choice { .. } => KeyContext::DatabaseChoice,
        }
    }

    /// Gives a typed key to the form's input.
    pub fn type_key(&mut self, key: &KeyEvent) {
        if let Some(input) = self.input() {
            input.handle_key(key);
        }
    }

    fn input(&mut self) -> Option<&mut TextInput> {
        match self {
            Dialog::Rename { input, .. }
            | Dialog::Delete { input, .. }
            | Dialog::BackupName { input, .. }
            | Dialog::Restore { input, .. } => Some(input),
            _ => None,
        }
    }

    /// Puts pasted text into the form's input.
    pub fn paste(&mut self, text: &str) {
        if let Some(input) = self.input() {
            input.paste(text);
        }
    }
}

/// The read-regions editor for `db`.
pub fn regions(db: &Database) -> Result<Dialog, String> {
    let primary = db.display_region();
    if crate::upstash::regions::platform_of(primary).is_none() {
        return Err(format!(
            "{} has no primary region updash knows; its read regions cannot be edited here",
            db.database_name
        ));
    }
    Ok(Dialog::Regions {
        id: db.database_id.clone(),
        name: db.database_name.clone(),
        free_plan: db.plan.as_deref() == Some("free"),
        picker: RegionPicker::new(primary, &db.read_regions),
        error: None,
    })
}

/// What the tab does after a dialog key.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogOutcome {
    /// The dialog stays open.
    Stay,
    /// Close it.
    Close,
    /// Close it and copy item `item` of [`COPY_ITEMS`] of database `id`.
    Copy {
        /// The database.
        id: String,
        /// Index into [`COPY_ITEMS`].
        item: usize,
    },
    /// Close it and start this call.
    Start(Purpose),
    /// Close it and name a backup of database `id`; then ask `then` again.
    BackupFirst {
        /// The database.
        id: String,
        /// The change asked again afterwards.
        then: AfterBackup,
    },
}

/// Runs a command of an open dialog.
pub fn command(dialog: &mut Dialog, command: Command) -> DialogOutcome {
    if matches!(command, Command::Back | Command::No) {
        return DialogOutcome::Close;
    }
    match dialog {
        Dialog::Copy { id, cursor } => match command {
            Command::Up => *cursor = cursor.saturating_sub(1),
            Command::Down => *cursor = (*cursor + 1).min(COPY_ITEMS.len() - 1),
            Command::Submit => {
                return DialogOutcome::Copy {
                    id: id.clone(),
                    item: *cursor,
                };
            }
            _ => {}
        },
        Dialog::Rename {
            id,
            old,
            input,
            error,
        } if command == Command::Submit => {
            let name = input.value().trim().to_string();
            if let Err(e) = validate_name(&name) {
                *error = Some(e);
            } else if name == *old {
                *error = Some("That is already its name.".into());
            } else {
                let id = id.clone();
                return DialogOutcome::Start(Purpose::Rename { id, name });
            }
        }
        Dialog::Delete { id, .. } if command == Command::BackupFirst => {
            return DialogOutcome::BackupFirst {
                id: id.clone(),
                then: AfterBackup::Delete,
            };
        }
        Dialog::Delete {
            id,
            name,
            input,
            error,
        } if command == Command::Submit => {
            if input.value() != name {
                *error = Some(format!("Type {name} exactly to delete it."));
            } else {
                return DialogOutcome::Start(Purpose::Delete { id: id.clone() });
            }
        }
        Dialog::Regions {
            id,
            free_plan,
            picker,
            error,
            ..
        } => match command {
            Command::Up => picker.move_by(-1),
            Command::Down => picker.move_by(1),
            Command::Toggle => {
                picker.toggle();
                *error = None;
            }
            Command::Submit if *free_plan && picker.chosen.len() > 1 => {
                *error = Some("The free plan allows at most one read region.".into());
            }
            Command::Submit => {
                let (id, read_regions) = (id.clone(), picker.chosen.clone());
                return DialogOutcome::Start(Purpose::Regions { id, read_regions });
            }
            _ => {}
        },
        _ => {}
    }
    DialogOutcome::Stay
}
