//! The account a Developer API command acts as, its client, and turning API failures into
//! exit codes (the one place a 401 is handled).

use crate::account::ConnectError;
use crate::account::{AccountSource, Selected, Session};
use crate::cli::exit::CliError;
use crate::upstash::{ApiError, ApiErrorKind, Client, CredentialsMode, Database, ResolveError};
use std::sync::Mutex;

/// A selected account with its Developer API client.
pub struct Api {
    session: Session,
    // Replaced when a refused key is re-minted; commands only borrow `&Api`.
    current: Mutex<(Selected, Client)>,
}

impl Api {
    /// Selects the account (`--account`, environment, sandbox or default) and builds its
    /// client (which honours `UPDASH_HTTP_TIMEOUT_SECS`).
    pub fn open(session: Session, account: Option<&str>) -> Result<Self, CliError> {
        let selected = session.select(account)?;
        let client = session.client_for(&selected)?;
        tracing::debug!(account = %selected.label, provider = %selected.provider_name, "account selected");
        Ok(Self {
            session,
            current: Mutex::new((selected, client)),
        })
    }

    fn current(&self) -> (Selected, Client) {
        self.current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Runs one API call. When the service refuses the key (401) and the account was
    /// connected with OAuth, the key is re-minted with refreshed tokens and the call made
    /// once more; otherwise the failure becomes the CLI error (see [`Api::fail`]).
    pub async fn call<T>(
        &self,
        f: impl AsyncFn(&Client) -> Result<T, ApiError>,
    ) -> Result<T, CliError> {
        let (selected, client) = self.current();
        let err = match f(&client).await {
            Ok(v) => return Ok(v),
            Err(e) if e.is_unauthorized() => e,
            Err(e) => return Err(self.fail(e)),
        };
        match crate::account::remint_after_unauthorized(&self.session, &selected).await {
            Ok(fresh) => {
                tracing::info!(account = %fresh.label, "key refused; re-minted with refreshed tokens");
                let client = self.session.client_for(&fresh)?;
                *self.current.lock().unwrap_or_else(|p| p.into_inner()) = (fresh, client.clone());
                f(&client).await.map_err(|e| self.fail(e))
            }
            Err(ConnectError::NeedsSignIn { .. } | ConnectError::Unsupported(_)) => {
                Err(self.fail(err))
            }
            Err(other) => Err(CliError {
                code: other.exit_code(),
                message: format!("{err}\nand no new key could be made: {other}"),
            }),
        }
    }

    /// Turns an API failure into a CLI error. A 401 (after [`Api::call`] could not re-mint)
    /// marks a stored account as needing sign-in and exits 3; everything else keeps the
    /// error's own exit code.
    pub fn fail(&self, err: ApiError) -> CliError {
        if err.is_unauthorized() {
            return self.unauthorized(&err);
        }
        let mut cli = CliError::from(err.clone());
        if err.kind() == ApiErrorKind::Timeout {
            cli.message.push_str(" (timed out)");
        }
        cli
    }

    fn unauthorized(&self, err: &ApiError) -> CliError {
        let (selected, _) = self.current();
        match &selected.source {
            AccountSource::Environment => CliError::needs_sign_in(format!(
                "{err}\nthe key in UPSTASH_API_KEY (for UPSTASH_EMAIL) was refused; check both"
            )),
            AccountSource::Stored(_) => {
                let note = match self.session.mark_needs_sign_in(&selected) {
                    Ok(()) => format!(
                        "account {:?} is now marked as needing sign-in",
                        selected.label
                    ),
                    Err(e) => format!("could not mark the account as needing sign-in: {e}"),
                };
                let sandbox = if selected.provider_name == crate::config::SANDBOX {
                    " --sandbox"
                } else {
                    ""
                };
                CliError::needs_sign_in(format!(
                    "{err}\n{note}: run `updash login{sandbox} --account {}`",
                    selected.label
                ))
            }
        }
    }

    /// Every database of the account.
    pub async fn databases(&self) -> Result<Vec<Database>, CliError> {
        self.call(async |c| c.list_databases().await).await
    }

    /// The database with this ID or (unambiguous) name, without credentials. An ID is read
    /// directly (one small request, not the whole list, which can be megabytes); anything
    /// else, or an ID-shaped name, is looked up in the list.
    pub async fn resolve(&self, query: &str) -> Result<Database, CliError> {
        if looks_like_id(query) {
            let (_, client) = self.current();
            match client.get_database(query, CredentialsMode::Hide).await {
                Ok(db) => return Ok(db),
                // Not an id after all (or a refused key, which the list call handles).
                Err(e) if e.kind() == ApiErrorKind::NotFound || e.is_unauthorized() => {}
                Err(e) => return Err(self.fail(e)),
            }
        }
        let all = self.databases().await?;
        crate::upstash::resolve(&all, query)
            .cloned()
            .map_err(resolve_error)
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

/// An unknown or ambiguous ID or name is the operator's input to fix: exit 2.
pub fn resolve_error(e: ResolveError) -> CliError {
    CliError::usage(e)
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
