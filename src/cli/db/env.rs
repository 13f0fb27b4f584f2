//! `updash db env`: a `.env` snippet. It prints the REST token and the password on purpose:
//! the operator asked for them.

use super::access::Api;
use super::output;
use crate::cli::exit::{CliError, CliResult};
use crate::upstash::{CredentialsMode, connection};
use clap::Args;

/// Flags of `updash db env`.
#[derive(Debug, Args)]
pub struct EnvArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// Print a JSON object of the same variables instead.
    #[arg(long)]
    json: bool,
}

/// Prints `UPSTASH_REDIS_REST_URL`, `UPSTASH_REDIS_REST_TOKEN` and `REDIS_URL`.
pub async fn env(api: &Api, args: &EnvArgs) -> CliResult {
    let id = api.resolve(&args.database).await?.database_id;
    let db = api
        .call(async |c| c.get_database(&id, CredentialsMode::Show).await)
        .await?;
    let unavailable =
        |e: connection::ConnectionError| CliError::service(format!("database {id}: {e}"));
    if args.json {
        let token = db
            .rest_token
            .as_ref()
            .ok_or(connection::ConnectionError::NoRestToken)
            .map_err(unavailable)?;
        return output::print_json(&serde_json::json!({
            "UPSTASH_REDIS_REST_URL": connection::rest_url(&db).map_err(unavailable)?,
            "UPSTASH_REDIS_REST_TOKEN": token.expose(),
            "REDIS_URL": connection::redis_url(&db).map_err(unavailable)?,
        }));
    }
    output::print_text(&connection::dotenv(&db).map_err(unavailable)?)
}
