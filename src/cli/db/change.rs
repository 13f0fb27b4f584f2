//! Changes to one database: rename, reset-password, update-regions, eviction, budget.
//! Each prints the database afterwards (credentials only when asked).

use super::access::Api;
use super::list_get::print_database;
use super::output::{self, Secrets};
use crate::cli::exit::CliResult;
use crate::upstash::{CredentialsMode, Database};
use clap::Args;

/// Flags of `updash db rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The new name (1 to 64 letters, digits, `-` or `_`; checked before anything is sent).
    #[arg(value_parser = new_name)]
    new_name: String,
    /// Print the renamed database as JSON.
    #[arg(long)]
    json: bool,
}

/// A name as the service would take it, or clap's usage error (exit 2).
fn new_name(text: &str) -> Result<String, String> {
    crate::upstash::check_database_name(text.trim())?;
    Ok(text.trim().to_owned())
}

/// Flags of `updash db reset-password`.
#[derive(Debug, Args)]
pub struct ResetPasswordArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// Print the new password and tokens.
    #[arg(long)]
    show_secrets: bool,
    /// Print the database as JSON.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db update-regions`.
#[derive(Debug, Args)]
pub struct UpdateRegionsArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The read regions it should have (replaces the list; none removes them all).
    #[arg(value_name = "REGION")]
    read_regions: Vec<String>,
    /// Print the database as JSON.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db eviction`.
#[derive(Debug, Args)]
pub struct EvictionArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// `on` or `off`.
    #[arg(value_parser = ["on", "off"])]
    state: String,
    /// Print the database as JSON.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db budget`.
#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The monthly budget (sent to the service as given).
    budget: u64,
    /// Print the database as JSON.
    #[arg(long)]
    json: bool,
}

/// Renames a database.
pub async fn rename(api: &Api, args: &RenameArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    let renamed = api
        .call(async |c| c.rename_database(&db.database_id, &args.new_name).await)
        .await?;
    if !args.json {
        output::print_text(&format!(
            "renamed database {} from {:?} to {:?}\n",
            db.database_id, db.database_name, renamed.database_name
        ))?;
    }
    print_database(&renamed, Secrets::Hide, args.json)
}

/// Resets the password; the new one is printed only with `--show-secrets`.
pub async fn reset_password(api: &Api, args: &ResetPasswordArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    let reset = api
        .call(async |c| c.reset_password(&db.database_id).await)
        .await?;
    let secrets = Secrets::from_flag(args.show_secrets);
    if !args.json {
        let mut note = format!("reset the password of database {}\n", db.database_id);
        if secrets == Secrets::Hide {
            note.push_str(&format!(
                "see the new credentials with `updash db env {}` or `--show-secrets`\n",
                db.database_id
            ));
        }
        output::print_text(&note)?;
    }
    print_database(&reset, secrets, args.json)
}

/// Replaces the read regions.
pub async fn update_regions(api: &Api, args: &UpdateRegionsArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    api.call(async |c| c.update_regions(&db.database_id, &args.read_regions).await)
        .await?;
    let summary = if args.read_regions.is_empty() {
        "none".to_owned()
    } else {
        args.read_regions.join(", ")
    };
    show_after(api, &db, &format!("read regions now: {summary}"), args.json).await
}

/// Turns eviction on or off.
pub async fn eviction(api: &Api, args: &EvictionArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    let on = args.state == "on";
    api.call(async |c| {
        if on {
            c.enable_eviction(&db.database_id).await
        } else {
            c.disable_eviction(&db.database_id).await
        }
    })
    .await?;
    show_after(api, &db, &format!("eviction {}", args.state), args.json).await
}

/// Sets the budget.
pub async fn budget(api: &Api, args: &BudgetArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    api.call(async |c| c.update_budget(&db.database_id, args.budget).await)
        .await?;
    show_after(api, &db, &format!("budget now {}", args.budget), args.json).await
}

/// Says what changed and prints the database as read back (no credentials).
pub async fn show_after(api: &Api, db: &Database, what: &str, json: bool) -> CliResult {
    if !json {
        output::print_text(&format!(
            "database {} ({}): {what}\n",
            db.database_name, db.database_id
        ))?;
    }
    let now = api
        .call(async |c| c.get_database(&db.database_id, CredentialsMode::Hide).await)
        .await?;
    if json {
        output::print_json(&now.without_credentials())
    } else {
        output::print_text(&output::detail(&now, Secrets::Hide))
    }
}
