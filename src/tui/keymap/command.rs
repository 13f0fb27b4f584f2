//! What a key binding does: every command the key map can name.

use crate::tui::tab::Tab;

/// What a key binding does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Leave updash.
    Quit,
    /// Open the help overlay.
    Help,
    /// Next tab.
    NextTab,
    /// Previous tab.
    PrevTab,
    /// Show a tab.
    GoTo(Tab),
    /// Selection up.
    Up,
    /// Selection down.
    Down,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// Open / choose the selected row.
    Select,
    /// Reload the list.
    Refresh,
    /// Go to Connect to add an account.
    AddAccount,
    /// Disconnect the selected account.
    Disconnect,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Submit a form or the pasted URL.
    Submit,
    /// Leave a form.
    Back,
    /// Cancel the running sign-in.
    CancelSignIn,
    /// Copy the sign-in URL again.
    CopyUrl,
    /// Open the sign-in URL in the browser.
    OpenBrowser,
    /// Close the help overlay.
    CloseHelp,
    /// Confirm a question.
    Yes,
    /// Decline a question.
    No,
    /// Make the selected account the default one.
    SetDefault,
    /// Refresh the selected account's OAuth token now.
    RefreshToken,
    /// Sign the selected account in again.
    SignInAgain,
    /// Rename the selected account's label.
    Rename,
    /// Try a failed sign-in again.
    Retry,
    /// Type a filter for the list.
    Filter,
    /// Sort by the next column.
    SortNext,
    /// Reverse the sort order.
    SortReverse,
    /// Show or hide the password and tokens.
    Reveal,
    /// Open the copy menu (connection strings via OSC 52).
    CopyMenu,
    /// Next usage period.
    CyclePeriod,
    /// Open the creation wizard.
    CreateDatabase,
    /// Rename the selected database.
    RenameDatabase,
    /// Reset the selected database's password (asks first).
    ResetPassword,
    /// Change the selected database's read regions.
    EditRegions,
    /// Turn eviction on or off.
    ToggleEviction,
    /// Delete the selected database (type its name).
    DeleteDatabase,
    /// Select or unselect the highlighted item of a multi-select list.
    Toggle,
    /// Next choice of the focused option.
    NextChoice,
    /// Previous choice of the focused option.
    PrevChoice,
    /// Open the selected database's keys in the Data tab.
    BrowseData,
    /// Move the keys to the selected database's backups.
    Backups,
    /// Back the database up now (named).
    CreateBackup,
    /// Replace the database's data with the selected backup.
    RestoreBackup,
    /// Delete the selected backup.
    DeleteBackup,
    /// Turn daily backups on or off.
    ToggleDailyBackup,
    /// Turn TLS on.
    EnableTls,
    /// Turn automatic plan upgrade on or off.
    ToggleAutoUpgrade,
    /// Move the database to another plan.
    ChangePlan,
    /// Move the database to a team.
    MoveToTeam,
    /// Take a backup before the change asked about.
    BackupFirst,
    /// Next key type filter (all, string, hash, list, set, zset, stream, json).
    CycleType,
    /// Show the keys as a tree grouped by the delimiters, or as a list.
    ToggleTree,
    /// Expand the selected folder (or go into it).
    Expand,
    /// Collapse the selected folder (or go to its parent).
    Collapse,
    /// Turn write mode on or off for the database shown.
    WriteMode,
    /// Copy the key name or the value (OSC 52).
    Copy,
    /// Set the key's time to live, or persist it.
    SetTtl,
    /// Rename the key.
    RenameKey,
    /// Add a key.
    AddKey,
    /// Delete the key.
    DeleteKey,
    /// Delete every key that matches the pattern.
    BulkDelete,
    /// Open the command line.
    Console,
    /// Sample the keyspace for its biggest keys.
    BigKeys,
    /// Load more: the next page of items, the rest of a value, a paused scan.
    LoadMore,
    /// Next view of a string: auto, text, JSON, hex.
    CycleFormat,
    /// Edit the value or the selected item in the dashboard.
    EditValue,
    /// Edit the value in `$EDITOR`.
    EditInEditor,
    /// Add an item to the value (field, element, member, entry).
    AddItem,
    /// Delete the selected item of the value.
    DeleteItem,
    /// Open the selected account's audit log.
    AuditLog,
    /// Show the next product (Vector, Search, QStash).
    NextProduct,
    /// Show the previous product.
    PrevProduct,
    /// Move the selected index or QStash to a team.
    TransferProduct,
    /// Change the plan of the selected index or QStash.
    SetPlan,
    /// Set the QStash monthly budget.
    SetBudget,
    /// Turn the QStash production pack on or off.
    ToggleProdPack,
}
