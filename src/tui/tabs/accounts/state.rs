//! The Accounts tab's state: the connected accounts, the requests it awaits, and the rename
//! dialog.

use super::audit::AuditPane;
use crate::tui::init::AppInit;
use crate::tui::request::Pending;
use crate::tui::text_input::TextInput;
use crate::tui::view_model::AccountRow;

/// State of the Accounts tab.
#[derive(Debug, Clone, Default)]
pub struct AccountsState {
    /// The accounts, as last loaded.
    pub rows: Vec<AccountRow>,
    /// Selected row.
    pub selected: usize,
    /// The awaited list request.
    pub loading: Pending,
    /// Why the last load failed.
    pub error: Option<String>,
    /// Whether a list arrived at least once.
    pub loaded: bool,
    /// The awaited disconnect.
    pub disconnecting: Pending,
    /// The awaited set-default, rename or token refresh.
    pub updating: Pending,
    /// The account whose token is being refreshed (shown as "refreshing").
    pub refreshing: Option<String>,
    /// The rename dialog, while open.
    pub rename: Option<RenameDialog>,
    /// The account whose disconnect waits for a "yes".
    pub disconnect_asked: Option<String>,
    /// `--account`: the account the first list makes active.
    pub open_on: Option<String>,
    /// The audit log pane, while open.
    pub audit: Option<AuditPane>,
}

/// The rename dialog: which account, and the label being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameDialog {
    /// The account.
    pub account_id: String,
    /// The label typed so far (starts with the current one).
    pub input: TextInput,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl AccountsState {
    /// Nothing loaded yet; the first list opens on `--account` when it names one.
    pub fn new(init: &AppInit) -> Self {
        Self {
            open_on: init.account.clone(),
            ..Self::default()
        }
    }

    /// The row of account `id`.
    pub fn row(&self, id: &str) -> Option<&AccountRow> {
        self.rows.iter().find(|a| a.id == id)
    }
}
