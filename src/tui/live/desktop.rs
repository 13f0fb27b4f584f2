//! The operator's desktop: the clipboard (OSC 52 through the terminal) and the browser.

use super::errors;
use crate::auth::browser::{BrowserDecision, BrowserEnv, BrowserOpener, ProcessOpener, decide};
use crate::tui::services::ServiceError;

/// Copies `text` with OSC 52 when `enabled`; otherwise does nothing (tests).
pub fn copy(enabled: bool, text: &str) -> Result<(), ServiceError> {
    if !enabled {
        return Ok(());
    }
    crate::tui::terminal::copy_osc52(text)
        .map_err(|e| errors::unavailable(format!("the terminal did not take it ({e})")))
}

/// Opens `url` when `enabled` and the browser policy allows; `Ok(false)` when it does not.
pub fn open_browser(enabled: bool, url: &str) -> Result<bool, ServiceError> {
    if !enabled {
        return Ok(false);
    }
    match decide(&BrowserEnv::from_process(), url) {
        BrowserDecision::Open(command) => ProcessOpener
            .launch(&command)
            .map(|()| true)
            .map_err(|e| errors::unavailable(format!("{} did not start ({e})", command.program))),
        BrowserDecision::DontOpen(reason) => {
            tracing::debug!("dashboard: no browser: {reason}");
            Ok(false)
        }
    }
}
