//! `updash config check`: where the files live and whether they are healthy.

use super::Context;
use super::exit::{CliError, CliResult};
use crate::config::{Config, ProviderConfig, ProviderKind, SANDBOX, UPSTASH};
use crate::store::{KeyAvailability, Store, Summary};
use clap::Args;
use serde_json::{Value, json};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Flags of `updash config check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// The config as the dashboard takes it: parsed, and its `[keys]` accepted by the key map.
fn load_as_the_dashboard(path: &Path) -> Result<Config, crate::config::ConfigError> {
    let config = Config::load(path)?;
    crate::tui::KeyMap::from_config(&config)?;
    Ok(config)
}

/// Runs the check; exits 2 when the config or the credentials file is broken.
pub fn run(ctx: &Context, args: &CheckArgs) -> CliResult {
    let config = load_as_the_dashboard(&ctx.paths.config_file);
    // A broken config still gets its credentials checked, with the default protection.
    let protection = config
        .as_ref()
        .map(|c| c.store.protection)
        .unwrap_or_default();
    let store = Store::for_paths(&ctx.paths, protection);
    // No key is needed: the summary leaves every secret out.
    let credentials = store.summary();
    let log_file = ctx.paths.log_file();
    let key_problem = credentials
        .as_ref()
        .ok()
        .and_then(|s| s.protection.as_ref())
        .and_then(|p| match &p.key {
            KeyAvailability::Unavailable(why) => Some(why.clone()),
            _ => None,
        });

    let report = json!({
        "ok": config.is_ok() && credentials.is_ok() && key_problem.is_none(),
        "config": config_json(&ctx.paths.config_file, &config),
        "credentials": credentials_json(store.path(), &credentials),
        "log": file_json(&log_file),
    });
    if args.json {
        crate::output::print_json(&report).map_err(CliError::output)?;
    } else {
        crate::output::term::out(&text_report(
            &ctx.paths.config_file,
            &config,
            store.path(),
            &credentials,
            &log_file,
        ))
        .map_err(CliError::output)?;
    }
    let mut problems = Vec::new();
    if let Err(e) = &config {
        problems.push(format!("the config file is broken: {e}"));
    }
    if let Err(e) = &credentials {
        problems.push(format!("the credentials file is broken: {e}"));
    }
    if let Some(why) = key_problem {
        problems.push(format!("the credentials' data key is not available: {why}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CliError::usage(problems.join("\nupdash: ")))
    }
}

/// The permission bits of `path`, if it exists.
fn mode(path: &Path) -> Option<u32> {
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

fn octal(mode: Option<u32>) -> Value {
    mode.map_or(Value::Null, |m| Value::String(format!("{m:04o}")))
}

fn file_json(path: &Path) -> Value {
    let mode = mode(path);
    json!({"path": path, "exists": mode.is_some(), "mode": octal(mode)})
}

/// Every provider an account can use, with what sign-in it offers.
fn providers(config: &Config) -> Vec<(String, String)> {
    config
        .provider_names()
        .into_iter()
        .map(|name| {
            let description = if name == SANDBOX {
                "built in; the embedded sandbox (--sandbox or UPDASH_SANDBOX_URL)".to_string()
            } else {
                match config.provider(&name) {
                    Some(p) => describe(&name, config.providers.contains_key(&name), &p),
                    None => "unknown".to_string(),
                }
            };
            (name, description)
        })
        .collect()
}

fn describe(name: &str, configured: bool, p: &ProviderConfig) -> String {
    let origin = match (name == UPSTASH, configured) {
        (true, true) => "built in, configured",
        (true, false) => "built in",
        _ => "configured",
    };
    let kind = match p.kind() {
        ProviderKind::Upstash => "upstash",
        ProviderKind::Oauth => "oauth",
    };
    let mut ways = Vec::new();
    if p.supports_oauth() {
        ways.push("browser sign-in");
        if p.device_authorization_url.is_some() {
            ways.push("device sign-in");
        }
    }
    if p.kind() == ProviderKind::Upstash {
        ways.push("email + API key");
    }
    format!("{origin}; kind {kind}; {}", ways.join(", "))
}

fn config_json(path: &Path, config: &Result<Config, crate::config::ConfigError>) -> Value {
    let mut v = file_json(path);
    match config {
        Ok(c) => {
            v["providers"] = providers(c)
                .into_iter()
                .map(|(name, description)| json!({"name": name, "description": description}))
                .collect();
            v["error"] = Value::Null;
        }
        Err(e) => v["error"] = Value::String(e.to_string()),
    }
    v
}

fn credentials_json(path: &Path, summary: &Result<Summary, crate::store::StoreError>) -> Value {
    match summary {
        Ok(s) => json!({
            "path": s.path,
            "exists": s.exists,
            "mode": octal(s.file_mode),
            "dir_mode": octal(s.dir_mode),
            "repaired": s.repaired(),
            "repairs": s.repairs.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "accounts_by_provider": s.accounts_by_provider,
            "needing_sign_in": s.needing_sign_in,
            "default_account": s.default_account,
            "protection": s.protection.as_ref().map(super::status_cmd::protection_json),
            "error": Value::Null,
        }),
        Err(e) => {
            let mut v = file_json(path);
            v["error"] = Value::String(e.to_string());
            v
        }
    }
}

fn text_report(
    config_path: &Path,
    config: &Result<Config, crate::config::ConfigError>,
    credentials_path: &Path,
    credentials: &Result<Summary, crate::store::StoreError>,
    log_file: &Path,
) -> String {
    let mut out = String::new();
    let file_line = |label: &str, path: &Path| match mode(path) {
        Some(m) => format!("{label}: {} (mode {m:04o})\n", path.display()),
        None => format!("{label}: {} (not present)\n", path.display()),
    };
    out.push_str(&file_line("config", config_path));
    match config {
        Ok(c) => {
            if !c.exists {
                out.push_str("  no config file: built-in defaults apply\n");
            }
            for (name, description) in providers(c) {
                out.push_str(&format!("  provider {name}: {description}\n"));
            }
        }
        Err(e) => out.push_str(&format!("  BROKEN: {e}\n")),
    }
    match credentials {
        Ok(s) => out.push_str(&s.to_string()),
        Err(e) => {
            out.push_str(&file_line("credentials", credentials_path));
            out.push_str(&format!("  BROKEN: {e}\n"));
        }
    }
    out.push_str(&file_line("log", log_file));
    out
}
