//! The default key bindings: one row per command, the single source of the key handling,
//! the help overlay and the hint bar.

use super::{Command, KeyContext};

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

use KeyContext::{
    Accounts, ApiKeyForm, Confirm, Connect, Databases, DeviceSignIn, Global, Help, Rename, SignIn,
    SignInFailed,
};

const LISTS: &[KeyContext] = &[Connect, Accounts, Databases];
/// Lists plus the help overlay, which scrolls.
const SCROLLING: &[KeyContext] = &[Connect, Accounts, Databases, Help];

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
pub static TABLE: &[BindingSpec] = &[
    row(
        Command::Quit,
        "quit",
        &[Global],
        &["q", "ctrl-c"],
        "Quit updash",
        Some("quit"),
    ),
    row(
        Command::Help,
        "help",
        &[Global],
        &["?", "f1"],
        "Show the keys of this screen",
        Some("help"),
    ),
    row(
        Command::NextPlace,
        "next_place",
        &[Global],
        &["tab"],
        "Next tab",
        Some("next tab"),
    ),
    row(
        Command::PrevPlace,
        "prev_place",
        &[Global],
        &["shift-tab"],
        "Previous tab",
        None,
    ),
    row(
        Command::GoConnect,
        "go_connect",
        &[Global],
        &["1"],
        "Go to Connect",
        None,
    ),
    row(
        Command::GoAccounts,
        "go_accounts",
        &[Global],
        &["2"],
        "Go to Accounts",
        None,
    ),
    row(
        Command::GoDatabases,
        "go_databases",
        &[Global],
        &["3"],
        "Go to Databases",
        None,
    ),
    row(Command::Up, "up", SCROLLING, &["k", "up"], "Move up", None),
    row(
        Command::Down,
        "down",
        SCROLLING,
        &["j", "down"],
        "Move down",
        None,
    ),
    row(
        Command::Top,
        "top",
        SCROLLING,
        &["g", "home"],
        "Go to the first row",
        None,
    ),
    row(
        Command::Bottom,
        "bottom",
        SCROLLING,
        &["G", "end"],
        "Go to the last row",
        None,
    ),
    row(
        Command::PageUp,
        "page_up",
        SCROLLING,
        &["ctrl-u", "pgup"],
        "Page up",
        None,
    ),
    row(
        Command::PageDown,
        "page_down",
        SCROLLING,
        &["ctrl-d", "pgdn"],
        "Page down",
        None,
    ),
    row(
        Command::Select,
        "select",
        LISTS,
        &["enter"],
        "Open the selected row",
        Some("open"),
    ),
    row(
        Command::Refresh,
        "refresh",
        &[Accounts, Databases],
        &["r"],
        "Reload from the provider",
        Some("refresh"),
    ),
    row(
        Command::AddAccount,
        "add_account",
        &[Accounts],
        &["a"],
        "Connect another account",
        Some("add"),
    ),
    write_row(row(
        Command::Disconnect,
        "disconnect",
        &[Accounts],
        &["d"],
        "Disconnect the selected account (asks first)",
        Some("disconnect"),
    )),
    row(
        Command::NextField,
        "next_field",
        &[ApiKeyForm],
        &["tab", "down"],
        "Next field",
        Some("next field"),
    ),
    row(
        Command::PrevField,
        "prev_field",
        &[ApiKeyForm],
        &["shift-tab", "up"],
        "Previous field",
        None,
    ),
    row(
        Command::Submit,
        "submit",
        &[ApiKeyForm, SignIn, Rename],
        &["enter"],
        "Submit",
        Some("submit"),
    ),
    row(
        Command::Back,
        "back",
        &[ApiKeyForm, SignInFailed, Rename],
        &["esc"],
        "Back (leave without changing anything)",
        Some("back"),
    ),
    row(
        Command::CancelSignIn,
        "cancel_sign_in",
        &[SignIn, DeviceSignIn],
        &["esc"],
        "Cancel the sign-in",
        Some("cancel"),
    ),
    row(
        Command::CopyUrl,
        "copy_url",
        &[SignIn, DeviceSignIn],
        &["ctrl-y"],
        "Copy the URL again (OSC 52)",
        Some("copy URL"),
    ),
    row(
        Command::OpenBrowser,
        "open_browser",
        &[SignIn, DeviceSignIn],
        &["ctrl-o"],
        "Open the URL in the browser",
        Some("open browser"),
    ),
    row(
        Command::CloseHelp,
        "close_help",
        &[Help],
        &["esc", "q", "?", "f1"],
        "Close help",
        Some("close"),
    ),
    row(
        Command::Yes,
        "yes",
        &[Confirm],
        &["y"],
        "Yes, do it",
        Some("yes"),
    ),
    row(
        Command::No,
        "no",
        &[Confirm],
        &["n", "esc"],
        "No, keep it",
        Some("no"),
    ),
    // Issue 6: accounts pane actions and sign-in retry.
    write_row(row(
        Command::SetDefault,
        "set_default",
        &[Accounts],
        &["s"],
        "Make the selected account the default",
        Some("default"),
    )),
    row(
        Command::RefreshToken,
        "refresh_token",
        &[Accounts],
        &["t"],
        "Refresh the selected account's token now",
        Some("token"),
    ),
    row(
        Command::SignInAgain,
        "sign_in_again",
        &[Accounts],
        &["i"],
        "Sign the selected account in again",
        None,
    ),
    write_row(row(
        Command::Rename,
        "rename",
        &[Accounts],
        &["e"],
        "Rename the selected account",
        None,
    )),
    row(
        Command::Retry,
        "retry",
        &[SignInFailed],
        &["r", "enter"],
        "Try the sign-in again",
        Some("try again"),
    ),
];
