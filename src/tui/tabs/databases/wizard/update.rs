//! The wizard's keys: steps forward and back, lists, options; and the create's answer. Esc
//! steps back and keeps every value; a failed create keeps them too and enter retries (after
//! a lost answer the retry first looks the name up, so a database is never created twice).

use super::super::calls::Purpose;
use super::state::{Step, Wizard};
use crate::tui::keymap::Command;
use crate::tui::services::{ServiceError, ServiceErrorKind};

/// What the tab does after a wizard key.
#[derive(Debug, Clone, PartialEq)]
pub enum WizardOutcome {
    /// The wizard stays open.
    Stay,
    /// Close it; select the database created, if any.
    Close(Option<String>),
    /// Open the copy menu of the database created.
    CopyMenu(String),
    /// Send the create.
    Create(Purpose),
}

/// Runs a command of the wizard.
pub fn command(w: &mut Wizard, command: Command) -> WizardOutcome {
    match (w.step, command) {
        (Step::Done, Command::CopyMenu) => {
            if let Some(id) = w.created.clone() {
                return WizardOutcome::CopyMenu(id);
            }
        }
        (Step::Done, Command::Submit | Command::Back) => {
            return WizardOutcome::Close(w.created.clone());
        }
        (_, Command::Back) if w.creating => {}
        (Step::Name, Command::Back) => return WizardOutcome::Close(None),
        (_, Command::Back) => w.back(),
        (Step::Region, Command::Up) => w.region_cursor = w.region_cursor.saturating_sub(1),
        (Step::Region, Command::Down) => {
            let last = w.filtered_regions().len().saturating_sub(1);
            w.region_cursor = (w.region_cursor + 1).min(last);
        }
        (Step::ReadRegions, Command::Up) => w.read.move_by(-1),
        (Step::ReadRegions, Command::Down) => w.read.move_by(1),
        (Step::ReadRegions, Command::Toggle) => {
            w.read.toggle();
            w.error = None;
        }
        (Step::Options, Command::NextField) => w.move_focus(1),
        (Step::Options, Command::PrevField) => w.move_focus(-1),
        (Step::Options, Command::NextChoice) => w.cycle_option(1),
        (Step::Options, Command::PrevChoice) => w.cycle_option(-1),
        (Step::Review, Command::Submit) => return create(w),
        (_, Command::Submit) => w.next(),
        _ => {}
    }
    WizardOutcome::Stay
}

fn create(w: &mut Wizard) -> WizardOutcome {
    if w.creating {
        return WizardOutcome::Stay;
    }
    let request = w.request();
    if let Err(e) = request.validate() {
        w.error = Some(e.to_string());
        return WizardOutcome::Stay;
    }
    w.creating = true;
    w.error = None;
    WizardOutcome::Create(Purpose::Create {
        request,
        not_before: w.lost_since,
    })
}

impl Wizard {
    /// The create succeeded: show the new database `id`.
    pub fn created(&mut self, id: String) {
        self.creating = false;
        self.created = Some(id);
        self.step = Step::Done;
        self.error = None;
    }

    /// The create failed at `now` (Unix seconds): say so; enter retries.
    pub fn create_failed(&mut self, e: &ServiceError, now: i64) {
        self.creating = false;
        if e.kind == ServiceErrorKind::Unavailable && self.lost_since.is_none() {
            self.lost_since = Some(now);
        }
        self.error = Some(format!("{e} — enter retries, esc goes back"));
    }
}
