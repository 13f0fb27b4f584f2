//! The account a Developer API command acts as, and turning its failures into exit codes.

use crate::account::{self, AccountSource, CallError, Session};
use crate::cli::exit::CliError;
use crate::upstash::raw::{self, RawRecord};
use crate::upstash::{ApiError, ApiErrorKind, Client, CredentialsMode, Database, ResolveError};

/// A selected account's Developer API, with failures as CLI errors.
pub struct Api(account::Api);

impl Api {
    /// Selects the account (`--account`, environment, sandbox or default) and builds its
    /// client (which honours `UPDASH_HTTP_TIMEOUT_SECS`).
    pub fn open(session: Session, account: Option<&str>) -> Result<Self, CliError> {
        Ok(Self(account::Api::open(&session, account)?))
    }

    /// Runs one API call (a refused key is re-minted once for OAuth accounts).
    pub async fn call<T>(
        &self,
        f: impl AsyncFn(&Client) -> Result<T, ApiError>,
    ) -> Result<T, CliError> {
        let f = &f;
        self.0
            .call(|c| async move { f(&c).await })
            .await
            .map_err(cli_error)
    }

    /// Every database of the account.
    pub async fn databases(&self) -> Result<Vec<Database>, CliError> {
        self.call(async |c| c.list_databases().await).await
    }

    /// The database with this ID or (unambiguous) name, without credentials.
    pub async fn resolve(&self, query: &str) -> Result<Database, CliError> {
        self.resolve_with(query, CredentialsMode::Hide).await
    }

    /// [`Api::resolve`], with credentials when `mode` asks. An ID is read directly (one
    /// small request, not the whole list, which can be megabytes); anything else, or an
    /// ID-shaped name, is looked up in the list, which carries credentials already.
    pub async fn resolve_with(
        &self,
        query: &str,
        mode: CredentialsMode,
    ) -> Result<Database, CliError> {
        if looks_like_id(query) {
            match self
                .0
                .call(|c| async move { c.get_database(query, mode).await })
                .await
            {
                Ok(db) => return Ok(db),
                // Not an id after all: the list decides.
                Err(CallError::Api(e)) if e.kind() == ApiErrorKind::NotFound => {}
                Err(e) => return Err(cli_error(e)),
            }
        }
        let all = self.databases().await?;
        crate::upstash::resolve(&all, query)
            .cloned()
            .map_err(resolve_error)
    }
}

/// A database's record as the API sent it: the body, and which item of a list it is.
pub struct RawDatabase {
    body: Vec<u8>,
    index: Option<usize>,
}

impl RawDatabase {
    /// The record, borrowed from the body.
    pub fn record(&self) -> Result<RawRecord<'_>, CliError> {
        let found = match self.index {
            None => raw::record(&self.body).map(Some),
            Some(i) => {
                raw::records(&self.body).map(|mut all| (i < all.len()).then(|| all.swap_remove(i)))
            }
        };
        match found {
            Ok(Some(record)) => Ok(record),
            Ok(None) => Err(CliError::service(
                "getting database: the list changed shape",
            )),
            Err(e) => Err(CliError::from(ApiError::decode("getting database", &e))),
        }
    }
}

impl Api {
    /// [`Api::resolve_with`] for `--json`: the same lookup (one GET for an ID), keeping the
    /// body the record came in.
    pub async fn resolve_raw(
        &self,
        query: &str,
        mode: CredentialsMode,
    ) -> Result<RawDatabase, CliError> {
        if looks_like_id(query) {
            match self
                .0
                .call(|c| async move { c.get_database_with_body(query, mode).await })
                .await
            {
                Ok((_, body)) => return Ok(RawDatabase { body, index: None }),
                Err(CallError::Api(e)) if e.kind() == ApiErrorKind::NotFound => {}
                Err(e) => return Err(cli_error(e)),
            }
        }
        let body = self.call(async |c| c.list_databases_body().await).await?;
        let all = crate::upstash::models::decode_databases(&body)
            .map_err(|e| CliError::from(ApiError::decode("listing databases", &e)))?;
        let found = crate::upstash::resolve(&all, query).map_err(resolve_error)?;
        let index = all.iter().position(|d| std::ptr::eq(d, found));
        Ok(RawDatabase { body, index })
    }
}

/// Whether `query` has the shape of a database ID (a UUID: 8-4-4-4-12 hex digits).
fn looks_like_id(query: &str) -> bool {
    let groups: Vec<&str> = query.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A failed call as the CLI reports it: a refused key exits 3 with the command that signs the
/// account in again; a timeout says so; everything else keeps the error's own exit code.
fn cli_error(e: CallError) -> CliError {
    match e {
        CallError::Api(err) => {
            let mut cli = CliError::from(err.clone());
            if err.kind() == ApiErrorKind::Timeout {
                cli.message.push_str(" (timed out)");
            }
            cli
        }
        CallError::Refused {
            error,
            source: AccountSource::Environment,
            ..
        } => CliError::needs_sign_in(format!(
            "{error}\nthe key in UPSTASH_API_KEY (for UPSTASH_EMAIL) was refused; check both"
        )),
        CallError::Refused {
            error,
            label,
            login,
            marked,
            ..
        } => {
            let note = match marked {
                Ok(()) => format!("account {label:?} is now marked as needing sign-in"),
                Err(e) => format!("could not mark the account as needing sign-in: {e}"),
            };
            CliError::needs_sign_in(format!("{error}\n{note}: run `{login}`"))
        }
        e @ CallError::RemintFailed { .. } => {
            let code = match &e {
                CallError::RemintFailed { cause, .. } => cause.exit_code(),
                _ => 1,
            };
            CliError {
                code,
                message: e.to_string(),
            }
        }
    }
}

/// An unknown or ambiguous ID or name is the operator's input to fix: exit 2.
pub fn resolve_error(e: ResolveError) -> CliError {
    match e {
        ResolveError::NotFound { .. } => CliError::usage(format!(
            "{e}; `updash db list` shows the account's databases"
        )),
        other => CliError::usage(other),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_uuid_shaped() {
        assert!(super::looks_like_id("11ce7a07-c0d5-489d-95a3-366eb397b55f"));
        assert!(!super::looks_like_id("sessions-prod"));
        assert!(!super::looks_like_id("11ce7a07-c0d5-489d-95a3-366eb397b55"));
        assert!(!super::looks_like_id(
            "11ce7a07-c0d5-489d-95a3-366eb397b55g"
        ));
    }
}
