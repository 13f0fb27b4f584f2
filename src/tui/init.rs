//! How the dashboard starts: what the app and each tab are made from, including the facts
//! about where updash runs (read once at start: rendering never reads the environment).

use super::keymap::KeyMap;
use super::theme::Styles;
use super::view_model::ConnectChoice;
use time::OffsetDateTime;

/// How the dashboard starts.
#[derive(Debug, Clone)]
pub struct AppInit {
    /// The key map (defaults plus `[keys]`).
    pub keymap: KeyMap,
    /// The connect choices (from the configured providers).
    pub choices: Vec<ConnectChoice>,
    /// Hide and refuse write actions.
    pub read_only: bool,
    /// Running against the embedded sandbox (`--sandbox`).
    pub sandbox: bool,
    /// Colours.
    pub styles: Styles,
    /// Where updash runs.
    pub environment: Environment,
    /// The clock at start.
    pub now: OffsetDateTime,
    /// `--account`, resolved to an id: the account the dashboard opens on, once listed.
    pub account: Option<String>,
    /// `[ui] refresh_secs`: reload the databases this often (0: never).
    pub refresh_secs: u64,
    /// `[data] delimiters`: where the Data tab's tree splits key names into folders.
    pub delimiters: Vec<String>,
}

/// Where updash runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// Set when running over SSH: the host name or address to put in the `ssh -L` hint.
    pub ssh_host: Option<String>,
}

impl Environment {
    /// Reads `SSH_CONNECTION` / `SSH_TTY` (the server address is the third field).
    pub fn detect() -> Self {
        let connection = std::env::var("SSH_CONNECTION").ok();
        let tty = std::env::var_os("SSH_TTY").is_some();
        let host = connection
            .as_deref()
            .and_then(|c| c.split_whitespace().nth(2))
            .map(str::to_string);
        let ssh_host = match (host, tty) {
            (Some(h), _) => Some(h),
            (None, true) => Some("this-host".to_string()),
            (None, false) => None,
        };
        Self { ssh_host }
    }
}
