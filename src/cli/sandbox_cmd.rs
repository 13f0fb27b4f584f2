//! `updash sandbox`: run the embedded provider in the foreground.

use super::Context;
use super::exit::{CliError, CliResult};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use updash_sandbox::data::DataBackend;
use updash_sandbox::{self as sandbox, Faults, Options, Sandbox};

/// Flags of `updash sandbox`.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Where state persists (default: $XDG_DATA_HOME/updash/sandbox).
    #[arg(long, value_name = "DIR", conflicts_with = "ephemeral")]
    data_dir: Option<PathBuf>,
    /// Keep state in memory only; nothing is read or written on disk.
    #[arg(long)]
    ephemeral: bool,
    /// Extra databases to seed into the personal account (only when no state exists yet).
    #[arg(long, default_value_t = 0, value_name = "N")]
    seed: usize,
    /// Lifetime of new access tokens in seconds.
    #[arg(long, default_value_t = sandbox::DEFAULT_TOKEN_TTL_SECS, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..))]
    token_ttl: u64,
    /// Delay added to every request, in milliseconds.
    #[arg(long, default_value_t = 0, value_name = "MS")]
    latency_ms: u64,
    /// Share of requests (0.0 to 1.0) answered with a 500.
    #[arg(long, default_value_t = 0.0, value_name = "RATE", value_parser = parse_rate)]
    fail_rate: f64,
    /// Requests per second allowed before 429 with Retry-After (0: no limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    rate_limit: u32,
    /// Port on 127.0.0.1 of the databases' Redis REST API (0 picks a free one).
    #[arg(long, default_value_t = 0, value_name = "N")]
    data_port: u16,
    /// Keep the databases' keys in this Redis server (redis://HOST:PORT), one logical
    /// database per sandbox database, instead of the embedded keyspace.
    #[arg(long, value_name = "URL")]
    redis_url: Option<String>,
    /// Fill the first seeded database with N keys (only when no state exists yet).
    #[arg(long, default_value_t = 0, value_name = "N")]
    seed_keys: usize,
}

/// A share between 0.0 and 1.0, so `--fail-rate 2` is a usage error that names the flag.
fn parse_rate(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => {
            Err("must be a number between 0.0 and 1.0 (e.g. 0.25 fails one request in four)".into())
        }
    }
}

impl SandboxArgs {
    /// The sandbox options these flags describe.
    fn options(&self, ctx: &Context) -> Result<Options, CliError> {
        let faults = Faults {
            latency_ms: self.latency_ms,
            fail_rate: self.fail_rate,
            rate_limit: self.rate_limit,
            token_ttl_secs: self.token_ttl,
            ..Faults::default()
        };
        faults.validate().map_err(CliError::usage)?;
        let data_dir = if self.ephemeral {
            None
        } else {
            Some(
                self.data_dir
                    .clone()
                    .unwrap_or_else(|| ctx.paths.sandbox_dir()),
            )
        };
        let data_backend = match &self.redis_url {
            Some(url) => DataBackend::Redis(url.as_str().into()),
            None => DataBackend::Embedded,
        };
        Ok(Options {
            port: self.port,
            data_dir,
            seed: self.seed,
            faults,
            data_port: self.data_port,
            data_backend,
            seed_keys: self.seed_keys,
        })
    }
}

/// Runs the sandbox until Ctrl-C or SIGTERM, then saves its state.
pub async fn run(ctx: &Context, args: &SandboxArgs) -> CliResult {
    let opts = args.options(ctx)?;
    let sandbox = Sandbox::start(opts.clone())
        .await
        .map_err(|e| CliError::service(format!("cannot start the sandbox: {e}")))?;
    let mut out = std::io::stdout().lock();
    let state = match &opts.data_dir {
        Some(dir) => format!("state persists in {}", dir.display()),
        None => "state is ephemeral (kept in memory only)".to_string(),
    };
    let seeded = match sandbox.seed_keys_database() {
        Some(db) => format!("\n{} keys seeded into {db}", opts.seed_keys),
        None => String::new(),
    };
    // The first line is a contract: scripts wait for it and read the URL from it.
    let banner = format!(
        "updash sandbox listening on {url}\n\
         sign in as {email} with password {password:?}\n\
         OAuth clients: {public} (public, PKCE S256), {confidential} (secret {secret:?})\n\
         API keys: {email}:{personal_key} (personal), {email}:{team_key} (team)\n\
         databases' Redis REST API: {data}/{{database_id}} ({backend}; tokens in `db get \
         --show-secrets`){seeded}\n\
         {state}\n\
         use it from updash: UPDASH_SANDBOX_URL={url} updash ...   (Ctrl-C stops it)",
        url = sandbox.url(),
        data = sandbox.data_url(),
        backend = sandbox.shared().data.backend().describe(),
        email = sandbox::SEEDED_EMAIL,
        password = sandbox::SEEDED_PASSWORD,
        public = sandbox::PUBLIC_CLIENT_ID,
        confidential = sandbox::CONFIDENTIAL_CLIENT_ID,
        secret = sandbox::CONFIDENTIAL_CLIENT_SECRET,
        personal_key = sandbox::SEEDED_API_KEY,
        team_key = sandbox::SEEDED_TEAM_API_KEY,
    );
    writeln!(out, "{banner}").map_err(|e| CliError::service(format!("stdout: {e}")))?;
    out.flush().ok();
    drop(out);
    sandbox
        .run_until(async {
            let signal = super::signals::terminated().await;
            tracing::info!("sandbox: stopping on {}", signal.name());
        })
        .await;
    Ok(())
}
