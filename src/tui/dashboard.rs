//! `run_dashboard`: what `updash` with no subcommand runs.

use super::app::App;
use super::init::AppInit;
use super::init::Environment;
use super::keymap::KeyMap;
use super::run_loop::run;
use super::services::Services;
use super::theme::Styles;
use super::view_model::ConnectChoice;
use crate::config::Config;
use std::sync::Arc;

/// Command-line switches of the dashboard.
#[derive(Debug, Clone, Default)]
pub struct DashboardOptions {
    /// `--read-only`: hide and refuse write actions (also `[ui] read_only`).
    pub read_only: bool,
    /// `--sandbox`: running against the embedded sandbox (shows the SANDBOX banner).
    pub sandbox: bool,
    /// `--account`, already resolved to an account id: the account the dashboard opens on.
    pub account: Option<String>,
    /// The email the sign-in from the terminal starts with, when the run offers one.
    pub terminal_sign_in_email: Option<String>,
    /// The credentials are sealed with a passphrase and locked: the dashboard asks for it
    /// in a dialog before it loads anything.
    pub locked: bool,
}

/// Runs the dashboard in this terminal until the operator quits or `shutdown` resolves (the
/// caller's signals).
///
/// Bad `[keys]` fail before the terminal is touched; the terminal is restored on every exit.
pub async fn run_dashboard(
    config: &Config,
    services: Arc<dyn Services>,
    options: DashboardOptions,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let keymap = KeyMap::from_config(config)?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut app = App::new(AppInit {
        keymap,
        choices: ConnectChoice::for_run(
            config,
            options.sandbox,
            options.terminal_sign_in_email.as_deref(),
        ),
        read_only: options.read_only || config.ui.read_only,
        sandbox: options.sandbox,
        styles: Styles::for_theme(config.ui.theme, no_color),
        environment: Environment::detect(),
        now: services.now(),
        account: options.account,
        refresh_secs: config.ui.refresh_secs,
        delimiters: config.data.delimiters.clone(),
    });
    if options.locked {
        app.ask_for_passphrase();
    }
    let (mut terminal, guard) = super::terminal::enter(config.ui.mouse)?;
    let result = run(
        &mut terminal,
        super::events::TerminalEvents::new(),
        &mut app,
        services,
        shutdown,
    )
    .await;
    // Shown here, where a failure is only noted: ratatui's own attempt when the terminal is
    // dropped prints to stderr on failure, which on a terminal that hung up would panic.
    let _ = terminal.show_cursor();
    drop(terminal);
    drop(guard);
    result.map(|stats| tracing::debug!(?stats, "dashboard closed"))
}
