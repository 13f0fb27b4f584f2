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
    /// The SSH port when not 22 (`-p` in the hint).
    pub ssh_port: Option<u16>,
}

impl Environment {
    /// Reads `SSH_CONNECTION` / `SSH_TTY` as `updash login` does.
    pub fn detect() -> Self {
        let target = crate::auth::browser::BrowserEnv::from_process().ssh_target();
        Self {
            ssh_port: target.as_ref().and_then(|t| t.port),
            ssh_host: target.map(|t| t.host),
        }
    }

    /// The `ssh -L` line for a sign-in at `authorize_url` listened for on `listen_port`, when
    /// over SSH (the same line `updash login` prints).
    pub fn ssh_forward_line(&self, authorize_url: &str, listen_port: u16) -> Option<String> {
        let target = crate::auth::browser::SshTarget {
            host: self.ssh_host.clone()?,
            port: self.ssh_port,
        };
        Some(crate::auth::browser::ssh_forward_line(
            &target,
            authorize_url,
            listen_port,
        ))
    }
}
