//! Which database a `data` command talks to: `--url` with a token from stdin or the SDK's
//! environment variables, or an account's database by ID or name.

use super::{DataArgs, redis_error};
use crate::account::Session;
use crate::cli::Context;
use crate::cli::db::access::Api;
use crate::cli::exit::CliError;
use crate::redis::RestClient;
use crate::secret::Secret;
use crate::upstash::CredentialsMode;
use std::io::Read;

/// The SDK's variable with a database's REST URL.
pub const URL_ENV: &str = "UPSTASH_REDIS_REST_URL";
/// The SDK's variable with a database's REST token.
pub const TOKEN_ENV: &str = "UPSTASH_REDIS_REST_TOKEN";

/// The longest token read from stdin.
const MAX_TOKEN_BYTES: u64 = 4096;

/// A client for `--url` (or the environment's URL when no database is named); `None` when
/// the command names an account's database.
pub fn direct(args: &DataArgs) -> Result<Option<RestClient>, CliError> {
    let env = |name| {
        std::env::var(name)
            .ok()
            .filter(|v: &String| !v.trim().is_empty())
    };
    let url = match (&args.url, &args.database) {
        (Some(url), None) => url.clone(),
        (Some(_), Some(_)) => {
            return Err(CliError::usage("give a database or --url, not both"));
        }
        (None, None) => match env(URL_ENV) {
            Some(url) => url,
            None => return Ok(None),
        },
        (None, Some(_)) => return Ok(None),
    };
    let token = if args.token_stdin {
        read_token()?
    } else {
        env(TOKEN_ENV).map(Secret::new).ok_or_else(|| {
            CliError::usage(format!(
                "--url needs a token: pass --token-stdin, or set {TOKEN_ENV}"
            ))
        })?
    };
    RestClient::new(&url, token)
        .map(Some)
        .map_err(CliError::usage)
}

fn read_token() -> Result<Secret, CliError> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .take(MAX_TOKEN_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| CliError::usage(format!("cannot read the token from stdin: {e}")))?;
    let token = text.lines().map(str::trim).find(|l| !l.is_empty());
    token
        .map(Secret::new)
        .ok_or_else(|| CliError::usage("no token on stdin"))
}

/// The REST client of the account's database `query`: its token from the Developer API
/// (held in memory only), its URL as the provider forms it.
pub async fn of_account(
    session: &Session,
    ctx: &Context,
    query: &str,
) -> Result<RestClient, CliError> {
    let api = Api::open(session.clone(), ctx.account.as_deref())?;
    let db = api.resolve_with(query, CredentialsMode::Show).await?;
    let url = db.rest_url.clone().ok_or_else(|| {
        CliError::usage("this provider does not say how to reach a database's REST API")
    })?;
    let token = db.rest_token.clone().ok_or_else(|| {
        CliError::service(format!(
            "the Developer API did not return a REST token for {} (credential protection?); \
             use --url with --token-stdin",
            crate::output::sanitize(&db.database_name)
        ))
    })?;
    RestClient::new(&url, token).map_err(redis_error)
}
