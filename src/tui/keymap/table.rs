//! The default key bindings: one row per command, the single source of the key handling,
//! the help overlay and the hint bar.

use super::{Command, KeyContext};
use crate::tui::tab::Tab;

/// One row of the key map table.
#[derive(Debug)]
pub struct BindingSpec {
    /// What the keys do.
    pub command: Command,
    /// Name used in `[keys]` of config.toml.
    pub name: &'static str,
    /// Where the binding applies.
    pub contexts: &'static [KeyContext],
    /// Default keys (config strings).
    pub keys: &'static [&'static str],
    /// One line for the help overlay.
    pub description: &'static str,
    /// Short label for the hint bar; `None` keeps it out of the hint bar.
    pub hint: Option<&'static str>,
    /// Changes something at the provider or in the store: hidden and refused in read-only mode.
    pub write: bool,
}

use KeyContext::AuditLog;
use KeyContext::{
    Accounts, ApiKeyForm, Confirm, Connect, Databases, DeviceSignIn, Global, Help, Rename, SignIn,
    SignInFailed, Unlock,
};
use KeyContext::{
    Data, DataBigKeys, DataBulk, DataConsole, DataForm, DataPattern, DataReview, DataValue,
};
use KeyContext::{
    DatabaseCopy, DatabaseFilter, DatabasePick, DatabaseText, WizardDone, WizardOptions,
    WizardRegion, WizardReview,
};

/// The Databases tab's dialogs and the wizard's steps: enter goes on, esc goes back.
const DB_STEPS: &[KeyContext] = &[
    DatabaseFilter,
    DatabaseCopy,
    DatabaseText,
    DatabasePick,
    WizardRegion,
    WizardOptions,
    WizardReview,
    WizardDone,
];

const LISTS: &[KeyContext] = &[Connect, Accounts, Databases, Data, DataBigKeys];
/// Lists plus the overlays and panes that scroll.
const SCROLLING: &[KeyContext] = &[
    Connect,
    Accounts,
    AuditLog,
    Databases,
    Help,
    Data,
    DataValue,
    DataBigKeys,
    DataReview,
];
/// The Data tab's key list and its value.
const DATA: &[KeyContext] = &[Data, DataValue];

const fn row(
    command: Command,
    name: &'static str,
    contexts: &'static [KeyContext],
    keys: &'static [&'static str],
    description: &'static str,
    hint: Option<&'static str>,
) -> BindingSpec {
    BindingSpec {
        command,
        name,
        contexts,
        keys,
        description,
        hint,
        write: false,
    }
}

const fn write_row(spec: BindingSpec) -> BindingSpec {
    BindingSpec {
        write: true,
        ..spec
    }
}

/// Every binding, in the order help lists them.
// One binding per row: rustfmt would spread each over eight lines.
#[rustfmt::skip]
pub static TABLE: &[BindingSpec] = &[
    row(Command::Quit, "quit", &[Global], &["q", "ctrl-c"], "Quit updash", Some("quit")),
    row(Command::Help, "help", &[Global], &["?", "f1"],
        "Show the keys of this screen", Some("help")),
    // `next_place` and `prev_place` are the `[keys]` names users already have.
    row(Command::NextTab, "next_place", &[Global], &["tab"], "Next tab", Some("next tab")),
    row(Command::PrevTab, "prev_place", &[Global], &["shift-tab"], "Previous tab", None),
    row(Command::GoTo(Tab::Connect), "go_connect", &[Global], &["1"], "Go to Connect", None),
    row(Command::GoTo(Tab::Accounts), "go_accounts", &[Global], &["2"], "Go to Accounts", None),
    row(Command::GoTo(Tab::Databases), "go_databases", &[Global], &["3"], "Go to Databases", None),
    row(Command::GoTo(Tab::Data), "go_data", &[Global], &["4"], "Go to Data", None),
    row(Command::Up, "up", SCROLLING, &["k", "up"], "Move up", None),
    row(Command::Down, "down", SCROLLING, &["j", "down"], "Move down", None),
    row(Command::Top, "top", SCROLLING, &["g", "home"], "Go to the first row", None),
    row(Command::Bottom, "bottom", SCROLLING, &["G", "end"], "Go to the last row", None),
    row(Command::PageUp, "page_up", SCROLLING, &["ctrl-u", "pgup"], "Page up", None),
    row(Command::PageDown, "page_down", SCROLLING, &["ctrl-d", "pgdn"], "Page down", None),
    row(Command::Select, "select", LISTS, &["enter"], "Open the selected row", Some("open")),
    row(Command::Refresh, "refresh", &[Accounts, AuditLog, Databases, Data, DataValue, DataBigKeys],
        &["r"],
        "Reload from the provider", Some("refresh")),
    row(Command::AddAccount, "add_account", &[Accounts], &["a"],
        "Connect another account", Some("add")),
    write_row(row(Command::Disconnect, "disconnect", &[Accounts], &["d"],
        "Disconnect the selected account (asks first)", Some("disconnect"))),
    row(Command::NextField, "next_field", &[ApiKeyForm], &["tab", "down"],
        "Next field", Some("next field")),
    row(Command::PrevField, "prev_field", &[ApiKeyForm], &["shift-tab", "up"],
        "Previous field", None),
    row(Command::Submit, "submit", &[ApiKeyForm, SignIn, Rename], &["enter"],
        "Submit", Some("submit")),
    row(Command::Back, "back", &[ApiKeyForm, SignInFailed, Rename], &["esc"],
        "Back (leave without changing anything)", Some("back")),
    row(Command::CancelSignIn, "cancel_sign_in", &[SignIn, DeviceSignIn], &["esc"],
        "Cancel the sign-in", Some("cancel")),
    row(Command::CopyUrl, "copy_url", &[SignIn, DeviceSignIn], &["ctrl-y"],
        "Copy the URL again (OSC 52)", Some("copy URL")),
    row(Command::OpenBrowser, "open_browser", &[SignIn, DeviceSignIn], &["ctrl-o"],
        "Open the URL in the browser", Some("open browser")),
    row(Command::CloseHelp, "close_help", &[Help], &["esc", "q", "?", "f1"],
        "Close help", Some("close")),
    row(Command::Yes, "yes", &[Confirm], &["y"], "Yes, do it", Some("yes")),
    row(Command::No, "no", &[Confirm], &["n", "esc"], "No, keep it", Some("no")),
    write_row(row(Command::SetDefault, "set_default", &[Accounts], &["s"],
        "Make the selected account the default", Some("default"))),
    row(Command::RefreshToken, "refresh_token", &[Accounts], &["t"],
        "Refresh the selected account's token now", Some("token")),
    row(Command::SignInAgain, "sign_in_again", &[Accounts], &["i"],
        "Sign the selected account in again", None),
    write_row(row(Command::Rename, "rename", &[Accounts], &["e"],
        "Rename the selected account", None)),
    row(Command::AuditLog, "audit_log", &[Accounts], &["l"],
        "Show the account's audit log", None),
    row(Command::Back, "close_audit_log", &[AuditLog], &["esc"],
        "Close the audit log", Some("back")),
    row(Command::Retry, "retry", &[SignInFailed], &["r", "enter"],
        "Try the sign-in again", Some("try again")),
    row(Command::Filter, "filter", &[Databases], &["/"],
        "Filter the list (smart case)", Some("filter")),
    row(Command::SortNext, "sort", &[Databases], &["s"], "Sort by the next column", None),
    row(Command::SortReverse, "sort_reverse", &[Databases], &["S"], "Reverse the sort order", None),
    row(Command::Reveal, "reveal", &[Databases], &["v"],
        "Show or hide the password and tokens", None),
    row(Command::CopyMenu, "copy", &[Databases, WizardDone], &["y"],
        "Copy a connection string (OSC 52)", Some("copy")),
    row(Command::CyclePeriod, "usage_period", &[Databases], &["p"],
        "Usage period: 1h, 3h, 12h, 1d, 3d, 7d", None),
    write_row(row(Command::CreateDatabase, "create_database", &[Databases], &["c"],
        "Create a database (wizard)", Some("create"))),
    write_row(row(Command::RenameDatabase, "rename_database", &[Databases], &["n"],
        "Rename the selected database", None)),
    write_row(row(Command::ResetPassword, "reset_password", &[Databases], &["P"],
        "Reset the password (asks first)", None)),
    write_row(row(Command::EditRegions, "edit_regions", &[Databases], &["e"],
        "Change the read regions", None)),
    write_row(row(Command::ToggleEviction, "toggle_eviction", &[Databases], &["E"],
        "Turn eviction on or off", None)),
    write_row(row(Command::DeleteDatabase, "delete_database", &[Databases], &["d"],
        "Delete the selected database (type its name)", None)),
    row(Command::Back, "close_details", &[Databases], &["esc"],
        "Close the details, then clear the filter", None),
    row(Command::Up, "pick_up", &[DatabaseCopy, DatabasePick], &["k", "up"], "Move up", None),
    row(Command::Down, "pick_down", &[DatabaseCopy, DatabasePick], &["j", "down"],
        "Move down", None),
    row(Command::Up, "list_up", &[DatabaseFilter, WizardRegion], &["up", "ctrl-p"],
        "Move up", None),
    row(Command::Down, "list_down", &[DatabaseFilter, WizardRegion], &["down", "ctrl-n"],
        "Move down", None),
    row(Command::Toggle, "toggle", &[DatabasePick], &["space"],
        "Select or unselect the region", Some("toggle")),
    row(Command::NextField, "next_option", &[WizardOptions], &["tab", "down"],
        "Next option", Some("next")),
    row(Command::PrevField, "prev_option", &[WizardOptions], &["shift-tab", "up"],
        "Previous option", None),
    row(Command::NextChoice, "next_choice", &[WizardOptions], &["right"],
        "Next choice", Some("change")),
    row(Command::PrevChoice, "prev_choice", &[WizardOptions], &["left"], "Previous choice", None),
    row(Command::Submit, "confirm", DB_STEPS, &["enter"],
        "Go on: apply, next step, create, copy", Some("ok")),
    row(Command::Back, "step_back", DB_STEPS, &["esc"],
        "Back (everything entered is kept)", Some("back")),
    row(Command::Submit, "unlock", &[Unlock], &["enter"],
        "Unlock the credentials with the passphrase", Some("unlock")),
    row(Command::Quit, "unlock_quit", &[Unlock], &["esc", "ctrl-c"],
        "Quit updash (the credentials stay locked)", Some("quit")),
    row(Command::BrowseData, "browse_data", &[Databases], &["b"],
        "Browse the database's keys and values (Data tab)", None),
    row(Command::Filter, "key_pattern", &[Data], &["/"],
        "Set the key pattern (a glob, sent as SCAN MATCH)", Some("pattern")),
    row(Command::CycleType, "key_type", &[Data], &["t"],
        "Next type filter: all, string, hash, list, set, zset, stream, json", Some("type")),
    row(Command::ToggleTree, "key_tree", &[Data], &["T"],
        "Show the keys as a tree (by delimiter) or as a list", Some("tree")),
    row(Command::Expand, "expand", &[Data], &["right", "l"], "Expand the folder", None),
    row(Command::Collapse, "collapse", &[Data], &["left", "h"],
        "Collapse the folder, or go to its parent", None),
    row(Command::LoadMore, "load_more", DATA, &["m"],
        "Load more: the next page, the rest of a value, a paused scan", None),
    write_row(row(Command::WriteMode, "write_mode", DATA, &["w"],
        "Allow writes to this database, or stop allowing them", Some("write"))),
    row(Command::Copy, "copy_key", &[Data], &["y"], "Copy the key name (OSC 52)", None),
    row(Command::Copy, "copy_value", &[DataValue], &["y"],
        "Copy the value or the selected item (OSC 52)", Some("copy")),
    row(Command::CycleFormat, "value_format", &[DataValue], &["f"],
        "String view: auto, text, JSON, hex", Some("format")),
    row(Command::Console, "console", DATA, &[":"],
        "Command line: one command, the reply as redis-cli prints it", Some("console")),
    row(Command::BigKeys, "big_keys", &[Data], &["B"],
        "Biggest keys, memory per type and per prefix (sampled)", None),
    row(Command::Back, "clear_pattern", &[Data], &["esc"],
        "Clear the pattern and the type filter", None),
    row(Command::Back, "close_value", &[DataValue, DataBigKeys], &["esc"],
        "Back to the keys", Some("back")),
    write_row(row(Command::SetTtl, "set_ttl", DATA, &["X"],
        "Set the time to live (30s, 15m, 2h, 7d) or persist", None)),
    write_row(row(Command::RenameKey, "rename_key", DATA, &["n"],
        "Rename the key (an existing name is refused)", None)),
    write_row(row(Command::AddKey, "add_key", &[Data], &["c"], "Add a key of any type", None)),
    write_row(row(Command::DeleteKey, "delete_key", &[Data], &["d"],
        "Delete the key (shows the command first)", None)),
    write_row(row(Command::BulkDelete, "bulk_delete", &[Data], &["D"],
        "Delete every key of the pattern (counts, then asks to type it)", None)),
    write_row(row(Command::EditValue, "edit_value", &[DataValue], &["e"],
        "Edit the string or the selected item here", None)),
    write_row(row(Command::EditInEditor, "edit_in_editor", &[DataValue], &["E"],
        "Edit the value in $EDITOR", None)),
    write_row(row(Command::AddItem, "add_item", &[DataValue], &["a"],
        "Add a field, element, member or stream entry", None)),
    write_row(row(Command::DeleteItem, "delete_item", &[DataValue], &["d"],
        "Delete the selected item (of a string or JSON value: the key)", None)),
    row(Command::Submit, "apply_pattern", &[DataPattern], &["enter"],
        "Scan with this pattern", Some("scan")),
    row(Command::Back, "cancel_pattern", &[DataPattern], &["esc"],
        "Keep the previous pattern", Some("cancel")),
    row(Command::NextField, "data_next_field", &[DataForm], &["tab", "down"],
        "Next field", Some("next field")),
    row(Command::PrevField, "data_prev_field", &[DataForm], &["shift-tab", "up"],
        "Previous field", None),
    row(Command::NextChoice, "data_next_choice", &[DataForm], &["right"], "Next type", None),
    row(Command::PrevChoice, "data_prev_choice", &[DataForm], &["left"], "Previous type", None),
    row(Command::Submit, "review_change", &[DataForm], &["enter"],
        "Review the commands it will send", Some("review")),
    row(Command::Submit, "send_write", &[DataReview], &["enter"],
        "Send these commands", Some("send")),
    row(Command::Submit, "bulk_go_on", &[DataBulk], &["enter"],
        "Go on (deletes once the pattern is typed)", Some("go on")),
    row(Command::Back, "cancel_write", &[DataForm, DataReview, DataBulk], &["esc"],
        "Cancel (nothing is sent)", Some("cancel")),
    row(Command::Submit, "run_command", &[DataConsole], &["enter"],
        "Run the command", Some("run")),
    row(Command::Up, "history_back", &[DataConsole], &["up"], "Previous command", None),
    row(Command::Down, "history_forward", &[DataConsole], &["down"], "Next command", None),
    row(Command::PageUp, "console_page_up", &[DataConsole], &["pgup"],
        "Scroll the replies up", None),
    row(Command::PageDown, "console_page_down", &[DataConsole], &["pgdn"],
        "Scroll the replies down", None),
    row(Command::Back, "close_console", &[DataConsole], &["esc"],
        "Close the command line", Some("close")),
];
