//! The audit log pane of the Accounts tab: one account's entries, newest first, read-only.

use crate::tui::action::Answer;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::request::{Pending, RequestId};
use crate::tui::tab_state::Outcome;
use crate::tui::toast::ToastKind;
use crate::upstash::{AuditLog, DatabaseCall, DatabaseReply};

/// The open audit log: whose, its entries and the awaited load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditPane {
    /// The account.
    pub account_id: String,
    /// The account's label, for the title.
    pub label: String,
    /// The entries, newest first.
    pub entries: Vec<AuditLog>,
    /// Selected entry.
    pub selected: usize,
    /// The awaited load.
    pub loading: Pending,
    /// Whether a list arrived at least once.
    pub loaded: bool,
    /// Why the last load failed.
    pub error: Option<String>,
}

impl AuditPane {
    /// The pane of account `account_id` (labelled `label`), loading.
    pub fn open(account_id: String, label: String, ctx: &mut Context, out: &mut Outcome) -> Self {
        let mut pane = Self {
            account_id,
            label,
            ..Self::default()
        };
        pane.load(ctx, out);
        pane
    }

    /// Asks for the entries.
    pub fn load(&mut self, ctx: &mut Context, out: &mut Outcome) {
        let request = ctx.request();
        self.loading.start(request);
        out.effect(Effect::Database {
            request,
            account_id: self.account_id.clone(),
            call: DatabaseCall::AuditLogs,
        });
    }

    /// The selected entry.
    pub fn entry(&self) -> Option<&AuditLog> {
        self.entries.get(self.selected)
    }
}

/// What a command does to the open pane; `false` when it closes it.
pub fn command(
    pane: &mut AuditPane,
    command: Command,
    ctx: &mut Context,
    out: &mut Outcome,
) -> bool {
    if move_selection(
        &mut pane.selected,
        pane.entries.len(),
        command,
        ctx.page_rows(),
    ) {
        return true;
    }
    match command {
        Command::Back => return false,
        Command::Refresh => pane.load(ctx, out),
        _ => {}
    }
    true
}

/// Takes the answer to the pane's load; `false` when it was not the pane's.
pub fn answered(
    pane: &mut AuditPane,
    request: RequestId,
    answer: &Answer,
    out: &mut Outcome,
) -> bool {
    let Answer::DatabaseDone(result) = answer else {
        return false;
    };
    if !pane.loading.finish(request) {
        return false;
    }
    match result {
        Ok(DatabaseReply::AuditLogs(entries)) => {
            let mut entries = entries.clone();
            // Newest first, whatever order the service used; equal times keep theirs.
            entries.sort_by_key(|e| std::cmp::Reverse(e.timestamp));
            pane.selected = pane.selected.min(entries.len().saturating_sub(1));
            pane.entries = entries;
            pane.loaded = true;
            pane.error = None;
        }
        Ok(_) => {
            pane.error = Some("the service answered something else than an audit log".into());
        }
        Err(e) => {
            pane.error = Some(e.message.clone());
            out.toast(ToastKind::Error, format!("Cannot read the audit log: {e}"));
        }
    }
    true
}
