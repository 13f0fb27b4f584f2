//! The keys of the backup dialogs (name a backup, restore by typing the database's name),
//! the yes/no question with "take a backup first", and the plan and team choices.

use super::calls::Purpose;
use super::dialog::{ChoiceKind, Dialog, DialogOutcome};
use crate::tui::keymap::Command;

/// Runs `command` in one of these dialogs; `None` for the other dialogs.
pub fn command(dialog: &mut Dialog, command: Command) -> Option<DialogOutcome> {
    if matches!(command, Command::Back | Command::No) {
        return None; // every dialog closes alike
    }
    Some(match dialog {
        Dialog::BackupName {
            id,
            input,
            error,
            then,
            ..
        } => {
            if command != Command::Submit {
                return Some(DialogOutcome::Stay);
            }
            let name = input.value().trim().to_string();
            if name.is_empty() {
                *error = Some("Name the backup.".into());
                DialogOutcome::Stay
            } else if name.chars().any(char::is_control) {
                *error = Some("The name has control characters.".into());
                DialogOutcome::Stay
            } else {
                DialogOutcome::Start(Purpose::CreateBackup {
                    id: id.clone(),
                    name,
                    then: *then,
                })
            }
        }
        Dialog::Restore {
            id,
            name,
            backup,
            input,
            error,
        } => {
            if command != Command::Submit {
                return Some(DialogOutcome::Stay);
            }
            if input.value() != name {
                *error = Some(format!("Type {name} exactly to restore."));
                DialogOutcome::Stay
            } else {
                DialogOutcome::Start(Purpose::RestoreBackup {
                    id: id.clone(),
                    backup_id: backup.backup_id.clone(),
                    name: backup.name.clone(),
                })
            }
        }
        Dialog::Ask { purpose, first, .. } => match (command, first) {
            (Command::Yes, _) => DialogOutcome::Start(purpose.clone()),
            (Command::BackupFirst, Some((id, then))) => DialogOutcome::BackupFirst {
                id: id.clone(),
                then: *then,
            },
            _ => DialogOutcome::Stay,
        },
        Dialog::Choice {
            id,
            kind,
            items,
            cursor,
            ..
        } => match command {
            Command::Up => {
                *cursor = cursor.saturating_sub(1);
                DialogOutcome::Stay
            }
            Command::Down => {
                *cursor = (*cursor + 1).min(items.len().saturating_sub(1));
                DialogOutcome::Stay
            }
            Command::Submit => match items.get(*cursor) {
                Some((value, label)) => DialogOutcome::Start(match kind {
                    ChoiceKind::Plan => Purpose::ChangePlan {
                        id: id.clone(),
                        plan: value.clone(),
                    },
                    ChoiceKind::Team => Purpose::MoveToTeam {
                        id: id.clone(),
                        team_id: value.clone(),
                        team_name: label.clone(),
                    },
                }),
                None => DialogOutcome::Close,
            },
            _ => DialogOutcome::Stay,
        },
        _ => return None,
    })
}

/// The plan choice for `db`, its current plan type highlighted where it is one.
pub fn plans(db: &crate::upstash::Database) -> Dialog {
    let items: Vec<(String, String)> = crate::upstash::switches::PLAN_NAMES
        .iter()
        .map(|p| (p.to_string(), p.to_string()))
        .collect();
    let cursor = db
        .plan
        .as_deref()
        .and_then(|p| items.iter().position(|(v, _)| v == p))
        .unwrap_or(0);
    Dialog::Choice {
        title: format!("Plan · {}", db.database_name),
        id: db.database_id.clone(),
        kind: ChoiceKind::Plan,
        items,
        cursor,
    }
}

/// The team choice for `db`: the account's teams except the one that owns it already.
pub fn teams(
    db: &crate::upstash::Database,
    teams: &[crate::upstash::Team],
) -> Result<Dialog, String> {
    let items: Vec<(String, String)> = teams
        .iter()
        .filter(|t| db.owner() != Some(t.team_id.as_str()))
        .map(|t| (t.team_id.clone(), t.team_name.clone()))
        .collect();
    if items.is_empty() {
        return Err("This account has no team to move the database to.".into());
    }
    Ok(Dialog::Choice {
        title: format!("Move {} to team", db.database_name),
        id: db.database_id.clone(),
        kind: ChoiceKind::Team,
        items,
        cursor: 0,
    })
}
