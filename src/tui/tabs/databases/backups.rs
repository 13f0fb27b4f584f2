//! The selected database's backups as the details show them, the keys of the Backups
//! section (focused with `B`), and what a backup taken "first" leads back to.

use super::calls::{AfterBackup, Purpose};
use super::dialog::Dialog;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::text_input::TextInput;
use crate::upstash::{Backup, Database};

/// One database's backups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BackupsView {
    /// The database.
    pub database_id: String,
    /// The backups, newest first, once read.
    pub list: Option<Vec<Backup>>,
    /// Why they could not be read.
    pub error: Option<String>,
    /// The highlighted backup.
    pub selected: usize,
    /// The Backups section has the keys.
    pub focused: bool,
    /// A backup being made: its name.
    pub creating: Option<String>,
}

impl BackupsView {
    /// A view of `database_id`'s backups, still to be read.
    pub fn new(database_id: String) -> Self {
        Self {
            database_id,
            ..Self::default()
        }
    }

    /// Takes a fresh list (newest first), keeping the highlight inside it.
    pub fn set(&mut self, mut list: Vec<Backup>) {
        list.sort_by_key(|b| std::cmp::Reverse(b.creation_time));
        self.selected = self.selected.min(list.len().saturating_sub(1));
        self.list = Some(list);
        self.error = None;
    }

    /// The highlighted backup.
    pub fn selected_backup(&self) -> Option<&Backup> {
        self.list.as_ref()?.get(self.selected)
    }
}

/// A backup name to start from: `NAME-YYYYMMDD-HHMM` (UTC), cut to the name limit.
pub fn suggested_name(db: &Database, now: time::OffsetDateTime) -> String {
    let stamp = format!(
        "{:04}{:02}{:02}-{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute()
    );
    let keep = crate::upstash::MAX_NAME_CHARS.saturating_sub(stamp.len() + 1);
    let base: String = crate::output::sanitize(&db.database_name)
        .chars()
        .take(keep)
        .collect();
    format!("{base}-{stamp}")
}

/// The backup-name dialog for `db`; `then` is asked again once the backup is made.
pub fn name_dialog(db: &Database, now: time::OffsetDateTime, then: Option<AfterBackup>) -> Dialog {
    let mut input = TextInput::new(false).with_limit(crate::upstash::MAX_NAME_CHARS);
    input.paste(&suggested_name(db, now));
    Dialog::BackupName {
        id: db.database_id.clone(),
        name: crate::output::sanitize(&db.database_name).into_owned(),
        input,
        error: None,
        then,
    }
}

/// The password-reset question, with "take a backup first".
pub fn reset_question(db: &Database) -> Dialog {
    Dialog::Ask {
        title: format!("Reset password · {}", db.database_name),
        question: format!(
            "Reset the password of {}? Clients using the current password or tokens stop \
             working.",
            db.database_name
        ),
        purpose: Purpose::ResetPassword {
            id: db.database_id.clone(),
        },
        first: Some((db.database_id.clone(), AfterBackup::ResetPassword)),
    }
}

/// What a key of the focused Backups section asks the tab to do.
#[derive(Debug, Clone, PartialEq)]
pub enum BackupsOutcome {
    /// Nothing more.
    Stay,
    /// Give the keys back to the database.
    Leave,
    /// Open a dialog.
    Open(Box<Dialog>),
    /// Reload the list.
    Reload,
    /// Say why nothing happened.
    Refuse(String),
}

/// Runs a key of the focused Backups section of `db`; the movement keys move the highlight
/// as in every list.
pub fn command(
    view: &mut BackupsView,
    db: &Database,
    command: Command,
    now: time::OffsetDateTime,
    page: usize,
) -> BackupsOutcome {
    let len = view.list.as_ref().map_or(0, Vec::len);
    if move_selection(&mut view.selected, len, command, page) {
        return BackupsOutcome::Stay;
    }
    let id = db.database_id.clone();
    match command {
        Command::Back => return BackupsOutcome::Leave,
        Command::Refresh => return BackupsOutcome::Reload,
        Command::CreateBackup if view.creating.is_some() => {
            return BackupsOutcome::Refuse("A backup is being made already.".into());
        }
        Command::CreateBackup => return BackupsOutcome::Open(Box::new(name_dialog(db, now, None))),
        Command::RestoreBackup | Command::DeleteBackup => {
            let Some(backup) = view.selected_backup().cloned() else {
                return BackupsOutcome::Refuse("No backup is selected.".into());
            };
            return BackupsOutcome::Open(Box::new(if command == Command::RestoreBackup {
                Dialog::Restore {
                    id,
                    name: crate::output::sanitize(&db.database_name).into_owned(),
                    backup,
                    input: TextInput::new(false),
                    error: None,
                }
            } else {
                Dialog::Ask {
                    title: format!("Delete backup · {}", db.database_name),
                    question: format!(
                        "Delete backup {} of {}, taken {}? It cannot be undone.",
                        backup.name,
                        db.database_name,
                        super::table::date_text(backup.creation_time)
                    ),
                    purpose: Purpose::DeleteBackup {
                        id,
                        backup_id: backup.backup_id,
                        name: backup.name,
                    },
                    first: None,
                }
            }));
        }
        Command::ToggleDailyBackup => {
            let on = !db.daily_backup_enabled.unwrap_or(false);
            let word = if on { "on" } else { "off" };
            return BackupsOutcome::Open(Box::new(Dialog::Ask {
                title: format!("Daily backups · {}", db.database_name),
                question: format!("Turn daily backups {word} for {}?", db.database_name),
                purpose: Purpose::DailyBackup { id, on },
                first: None,
            }));
        }
        _ => {}
    }
    BackupsOutcome::Stay
}
