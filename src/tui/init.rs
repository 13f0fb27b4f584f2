//! How the dashboard starts: what the app and each tab are made from.

use super::environment::Environment;
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
}
