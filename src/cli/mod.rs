//! The command line: global flags, subcommands, and dispatch.

mod audit_cmd;
mod completions_cmd;
mod config_check;
mod confirm;
mod data;
pub mod db;
pub mod exit;
mod login_cmd;
mod logout_cmd;
mod man_cmd;
mod passphrase;
pub mod products;
mod regions_cmd;
mod sandbox_cmd;
pub mod sandbox_wiring;
pub(crate) mod signals;
mod status_cmd;
mod store_cmd;
mod store_gate;
mod table;
mod team_cmd;
mod time_left;
mod unlock_cmd;

use crate::account::Session;
use crate::config::{Config, Providers};
use crate::paths::Paths;
use crate::store::Store;
use clap::{Parser, Subcommand};
use exit::{CliError, CliResult};
use std::path::PathBuf;
use std::process::ExitCode;

/// `updash --version`: the version, the commit it was built from and the build date.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("UPDASH_COMMIT"),
    " ",
    env!("UPDASH_BUILD_DATE"),
    ")"
);

const EXIT_CODES_HELP: &str = "Exit codes: 0 ok, 1 service or network error, \
2 usage/config/credentials-file error, 3 an account needs sign-in (or the credentials are \
locked: run `updash unlock`).

Examples:
  updash --sandbox              the dashboard on a local sandbox (no account, no network)
  updash                        the dashboard on your accounts
  updash db list --json         your databases, as the API sends them";

/// updash: a keyboard-first terminal dashboard for Upstash accounts.
#[derive(Debug, Parser)]
#[command(name = "updash", version = VERSION, about, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Config file to read instead of $XDG_CONFIG_HOME/updash/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Log filter for $XDG_STATE_HOME/updash/updash.log (error, warn, info, debug, trace).
    #[arg(
        long,
        global = true,
        value_name = "LEVEL",
        env = "UPDASH_LOG",
        default_value = "info"
    )]
    pub log_level: String,

    /// Use the embedded sandbox provider: $UPDASH_SANDBOX_URL when set, otherwise one started
    /// in this process (state in $XDG_DATA_HOME/updash/sandbox) for as long as updash runs.
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// The account to act as (id, label or email); default: the default account.
    #[arg(long, global = true, value_name = "ACCOUNT")]
    pub account: Option<String>,

    /// Dashboard: hide and refuse every write action (also `[ui] read_only = true`).
    #[arg(long, global = true)]
    pub read_only: bool,

    /// What to do; without a subcommand updash opens the dashboard.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Inspect the configuration.
    #[command(subcommand)]
    #[command(after_help = "Example:\n  updash config check")]
    Config(ConfigCommand),
    /// List the regions a database can use.
    #[command(after_help = "Examples:\n  updash regions --platform aws\n  updash regions --json")]
    Regions(regions_cmd::RegionsArgs),
    /// Run the embedded sandbox provider (OAuth server + Developer API) in the foreground.
    #[command(
        after_help = "Examples:\n  updash sandbox --port 4000 --seed 100\n  updash sandbox --ephemeral --seed-keys 100000"
    )]
    Sandbox(sandbox_cmd::SandboxArgs),
    /// Manage the account's Redis databases (list, get, create, delete, stats, env, ...).
    #[command(subcommand, after_help = db::HELP)]
    Db(db::DbCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions_cmd::CompletionsArgs),
    /// Print the manual page (roff), every subcommand included.
    #[command(after_help = "Example:\n  updash man > ~/.local/share/man/man1/updash.1")]
    Man,
    /// Browse a database's keys and values (read-only unless --write).
    Data(data::DataArgs),
    /// List teams and their members.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  updash team list\n  updash team members \"Platform team\""
    )]
    Team(team_cmd::TeamCommand),
    /// Manage the account's Vector indexes (list, get, create, delete, stats, env, ...).
    #[command(subcommand, after_help = products::VECTOR_HELP)]
    Vector(products::VectorCommand),
    /// Manage the account's Search indexes (list, get, create, delete, stats, env, ...).
    #[command(subcommand, after_help = products::SEARCH_HELP)]
    Search(products::SearchCommand),
    /// Manage the account's QStash, one per region (plan, budget, token, stats, env, ...).
    #[command(subcommand, name = "qstash", after_help = products::QSTASH_HELP)]
    QStash(products::QStashCommand),
    /// Connect an account (browser, pasted address, device code, or an existing API key).
    Login(login_cmd::LoginArgs),
    /// Revoke an account's sign-in where the provider can, and delete its local secrets.
    Logout(logout_cmd::LogoutArgs),
    /// Show every account: provider, email, token expiry, refresh, where secrets live.
    Status(status_cmd::StatusArgs),
    /// Protect the secrets of credentials.toml at rest (keyfile, keyring or passphrase).
    #[command(subcommand)]
    #[command(after_help = "Example:\n  updash store protect --with keyfile")]
    Store(store_cmd::StoreCommand),
    /// Unlock passphrase-protected credentials for a while (every session of this user).
    Unlock(unlock_cmd::UnlockArgs),
    /// Forget the unlocked key of passphrase-protected credentials.
    #[command(after_help = "Example:\n  updash lock")]
    Lock,
    /// Show the account's audit log (who did what, newest first), filtered by time and action.
    #[command(after_help = audit_cmd::HELP)]
    Audit(audit_cmd::AuditArgs),
}

/// `updash config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show where config, credentials and log live, and whether they are healthy.
    #[command(
        after_help = "Examples:\n  updash config check\n  updash --config ./other.toml config check --json"
    )]
    Check(config_check::CheckArgs),
}

/// What every command gets: the file locations and the global flags.
#[derive(Debug, Clone)]
pub struct Context {
    /// The XDG paths (with the `--config` override applied).
    pub paths: Paths,
    /// `--sandbox`.
    pub sandbox: bool,
    /// `--account`.
    pub account: Option<String>,
}

impl Context {
    /// The config and the credentials store it asks for (sealed, key in the data directory).
    pub fn store(&self) -> Result<(Store, Config), CliError> {
        let config = Config::load(&self.paths.config_file).map_err(CliError::usage)?;
        Ok((
            Store::for_paths(&self.paths, config.store.protection),
            config,
        ))
    }

    /// Runs `f` with a session: config loaded, the credentials unlocked (asking on the
    /// terminal when they must), the sandbox started when asked (and stopped, its state saved,
    /// when `f` returns).
    pub async fn with_session<F, Fut>(&self, f: F) -> CliResult
    where
        F: FnOnce(Session) -> Fut,
        Fut: std::future::Future<Output = CliResult>,
    {
        // Environment credentials take the place of stored accounts: no key needed then.
        let env = |n: &str| std::env::var(n).is_ok_and(|v| !v.trim().is_empty());
        let env_only = self.account.is_none()
            && env(crate::account::EMAIL_ENV)
            && env(crate::account::API_KEY_ENV);
        let need = if env_only {
            store_gate::KeyNeed::Optional
        } else {
            store_gate::KeyNeed::Required
        };
        self.with_session_as(need, f).await
    }

    /// [`Context::with_session`], saying whether the command needs the secrets.
    pub async fn with_session_as<F, Fut>(&self, need: store_gate::KeyNeed, f: F) -> CliResult
    where
        F: FnOnce(Session) -> Fut,
        Fut: std::future::Future<Output = CliResult>,
    {
        let (store, config) = self.store()?;
        // A running sandbox named in the environment is held to config.toml's rule for
        // endpoints (https, or plain http on loopback only): a usage error, before anything
        // is started or sent.
        if let Ok(url) = std::env::var(sandbox_wiring::URL_ENV)
            && !url.trim().is_empty()
        {
            crate::config::check_url(sandbox_wiring::URL_ENV, url.trim())
                .map_err(CliError::usage)?;
        }
        store_gate::prepare(&store, need)?;
        let embedded = if self.sandbox {
            let e = sandbox_wiring::Embedded::start(self.paths.sandbox_dir())
                .await
                .map_err(|e| CliError::service(format!("cannot start the sandbox: {e}")))?;
            Some(e)
        } else {
            None
        };
        let sandbox_url = match &embedded {
            Some(e) => Some(e.url().to_string()),
            None => std::env::var(sandbox_wiring::URL_ENV)
                .ok()
                .filter(|u| !u.trim().is_empty()),
        };
        let sandbox = match &sandbox_url {
            Some(url) => Some(sandbox_wiring::provider(url, embedded.as_ref()).await?),
            None => None,
        };
        let mut session = Session::new(Providers::new(config, sandbox), store, self.sandbox);
        if sandbox_url.is_some() {
            session = session.with_terminal_sign_in(std::sync::Arc::new(
                sandbox_wiring::SandboxSignIn::with_process_client(),
            ));
        }
        let result = f(session).await;
        if let Some(e) = embedded {
            e.shutdown().await;
        }
        result
    }
}

/// Parses the command line and runs it; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap quotes a refused value as given: printed through the sanitiser like the rest.
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                crate::output::term::err(&text);
            } else {
                let _ = crate::output::term::out(&text);
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(exit::USAGE));
        }
    };
    exit::finish(run(cli))
}

fn run(cli: Cli) -> CliResult {
    let paths = Paths::discover(cli.config.as_deref()).map_err(CliError::usage)?;
    // A config file named on the command line must be there: falling back to the defaults
    // would run with settings the operator did not ask for.
    if let Some(path) = &cli.config
        && !path.exists()
    {
        return Err(CliError::usage(format!(
            "config file {} does not exist",
            path.display()
        )));
    }
    let filter = crate::logging::filter(&cli.log_level).map_err(CliError::usage)?;
    // Logging is best effort: a command still runs when its log file cannot be opened, and
    // says so once.
    if let Err(e) = crate::logging::init(&paths.log_file(), filter) {
        crate::errln!("updash: warning: {e}; running without a log");
    }
    tracing::debug!(command = ?cli.command.as_ref().map(std::mem::discriminant), "start");
    let ctx = Context {
        paths,
        sandbox: cli.sandbox,
        account: cli.account.clone(),
    };
    match &cli.command {
        None => runtime()?.block_on(dashboard(&ctx, cli.read_only)),
        Some(Command::Config(ConfigCommand::Check(args))) => config_check::run(&ctx, args),
        Some(Command::Regions(args)) => regions_cmd::run(args),
        Some(Command::Sandbox(args)) => runtime()?.block_on(sandbox_cmd::run(&ctx, args)),
        Some(Command::Db(cmd)) => db::run(&ctx, cmd),
        Some(Command::Team(cmd)) => team_cmd::run(&ctx, cmd),
        Some(Command::Vector(cmd)) => products::run(&ctx, products::ProductCommand::Vector(cmd)),
        Some(Command::Search(cmd)) => products::run(&ctx, products::ProductCommand::Search(cmd)),
        Some(Command::QStash(cmd)) => products::run(&ctx, products::ProductCommand::QStash(cmd)),
        Some(Command::Data(args)) => data::run(&ctx, args),
        Some(Command::Completions(args)) => completions_cmd::run(args),
        Some(Command::Man) => man_cmd::run(),
        Some(Command::Login(args)) => runtime()?.block_on(login_cmd::run(&ctx, args)),
        Some(Command::Logout(args)) => runtime()?.block_on(logout_cmd::run(&ctx, args)),
        Some(Command::Status(args)) => runtime()?.block_on(status_cmd::run(&ctx, args)),
        Some(Command::Store(cmd)) => store_cmd::run(&ctx, cmd),
        Some(Command::Unlock(args)) => unlock_cmd::run_unlock(&ctx, args),
        Some(Command::Lock) => unlock_cmd::run_lock(&ctx),
        Some(Command::Audit(args)) => audit_cmd::run(&ctx, args),
    }
}

/// `updash` with no subcommand: the dashboard over this run's session (with `--sandbox`,
/// the embedded sandbox runs for as long as the dashboard does).
async fn dashboard(ctx: &Context, read_only: bool) -> CliResult {
    use crate::tui::live::{LiveOptions, LiveServices};
    let sandbox = ctx.sandbox;
    let query = ctx.account.clone();
    // A locked passphrase store is unlocked in the dashboard's own dialog, not on the
    // terminal before it starts.
    let (store, _) = ctx.store()?;
    let need = store_gate::dashboard_need(&store);
    ctx.with_session_as(need, |session| async move {
        // `--account` resolves like every other command's, before the terminal is touched.
        let account = match query {
            Some(q) => Some(dashboard_account(&session, &q)?),
            None => None,
        };
        let config = session.providers.config().clone();
        let terminal_sign_in_email = session
            .terminal_sign_in
            .as_ref()
            .and_then(|t| t.email_hint().map(str::to_string));
        let locked = session.store.needs_unlock().unwrap_or(false);
        let history = ctx.paths.state_dir.join("history");
        let services = std::sync::Arc::new(
            LiveServices::new(session, LiveOptions::default()).with_history(history),
        );
        let options = crate::tui::DashboardOptions {
            read_only,
            sandbox,
            account,
            terminal_sign_in_email,
            locked,
        };
        let ended_by = std::sync::OnceLock::new();
        let shutdown = async {
            let signal = signals::terminated_or_hung_up().await;
            let _ = ended_by.set(signal);
        };
        let result = crate::tui::run_dashboard(&config, services, options, shutdown).await;
        if let Some(signal) = ended_by.get() {
            tracing::info!("dashboard: ended by {}", signal.name());
            return Err(CliError::ended(*signal, ""));
        }
        match result {
            Ok(()) => Ok(()),
            // A terminal that went away mid-write or mid-read is a hang-up, not an error.
            Err(_) if crate::output::term::hung_up() => {
                tracing::info!("dashboard: the terminal hung up");
                Err(CliError::ended(signals::Termination::HangUp, ""))
            }
            Err(e) => Err(CliError::usage(format!("{e:#}"))),
        }
    })
    .await
}

/// The id of the account `query` names (id, label or email); unknown or ambiguous → usage.
/// Read without the secrets, which may still be locked.
fn dashboard_account(session: &Session, query: &str) -> Result<String, CliError> {
    let creds = session
        .store
        .inspect()
        .map_err(CliError::usage)?
        .credentials;
    let id = creds.resolve(query).map_err(CliError::usage)?;
    Ok(id.to_string())
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::service(format!("cannot start the async runtime: {e}")))
}
