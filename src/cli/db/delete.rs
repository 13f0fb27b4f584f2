//! `updash db delete`: on a terminal the operator types the name to confirm; scripts pass
//! `--yes`; with neither, nothing is deleted (exit 2).

use super::access::Api;
use super::output;
use crate::cli::confirm;
use crate::cli::exit::CliResult;
use clap::Args;

/// Flags of `updash db delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// Delete without asking (for scripts).
    #[arg(long, short = 'y')]
    yes: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Refuses early when there is no way to confirm: no `--yes` and stdin is not a terminal.
pub fn check_confirmation_possible(args: &DeleteArgs) -> CliResult {
    confirm::possible(args.yes, "delete")
}

/// Deletes the database after confirmation.
pub async fn delete(api: &Api, args: &DeleteArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    if !args.yes {
        ask_for_name(&db.database_name, &db.database_id)?;
    }
    api.call(async |c| c.delete_database(&db.database_id).await)
        .await?;
    tracing::info!(database = %db.database_id, "database deleted");
    if args.json {
        return output::print_json(&serde_json::json!({
            "deleted": true,
            "database_id": db.database_id,
            "database_name": db.database_name,
        }));
    }
    output::print_text(&format!(
        "deleted database {:?} ({})\n",
        db.database_name, db.database_id
    ))
}

/// Asks on the terminal for the database's name; anything else cancels (exit 2).
fn ask_for_name(name: &str, id: &str) -> CliResult {
    confirm::typed(
        &format!(
            "This deletes database {} ({}) and all its data (to keep it, back it up first: \
             `updash db backup create {} NAME`).",
            crate::output::quoted(name.as_bytes()),
            crate::output::sanitize(id),
            crate::output::sanitize(id)
        ),
        name,
        "nothing was deleted",
    )
}
