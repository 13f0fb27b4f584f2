//! `updash db delete`: on a terminal the operator types the name to confirm; scripts pass
//! `--yes`; with neither, nothing is deleted (exit 2).

use super::access::Api;
use super::output;
use crate::cli::exit::{CliError, CliResult};
use clap::Args;
use std::io::{BufRead, IsTerminal};

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
    if args.yes || std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(CliError::usage(
        "refusing to delete without confirmation: stdin is not a terminal; pass --yes to delete from a script",
    ))
}

/// Deletes the database after confirmation.
pub async fn delete(api: &Api, args: &DeleteArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    if !args.yes {
        confirm(&db.database_name, &db.database_id)?;
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
fn confirm(name: &str, id: &str) -> CliResult {
    crate::err_print!(
        "This deletes database {} ({}) and all its data (to keep it, back it up first: \
         `updash db backup create {} NAME`).\nType its name to confirm: ",
        crate::output::quoted(name.as_bytes()),
        crate::output::sanitize(id),
        crate::output::sanitize(id)
    );
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::usage(format!("cannot read the confirmation: {e}")))?;
    if line.trim() == name {
        Ok(())
    } else {
        Err(CliError::usage(
            "the name did not match; nothing was deleted",
        ))
    }
}
