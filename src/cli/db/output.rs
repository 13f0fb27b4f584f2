//! How databases print: tables and detail blocks for people, JSON for scripts. Secrets are
//! left out unless the operator asked for them.

use crate::cli::exit::CliError;
use crate::cli::table;
use crate::upstash::raw::{ListReader, RawRecord, StreamedList};
use crate::upstash::{ApiError, ArrivingBody, Database, Limit, connection};
use serde::Serialize;

/// Whether the password and tokens may be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrets {
    /// Leave them out (the default).
    Hide,
    /// The operator asked (`--show-secrets`).
    Show,
}

impl Secrets {
    /// `Show` when the flag is set.
    pub fn from_flag(show: bool) -> Self {
        if show { Self::Show } else { Self::Hide }
    }
}

/// Prints `value` as pretty JSON on stdout (terminal-safe, see [`crate::output::print_json`]).
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    crate::output::print_json(value).map_err(CliError::output)
}

/// Prints the records of a list answer as the API sent them; an answer that is not a list
/// of records is the service's error (`action`), not a failed write.
pub fn print_records(action: &str, list: &StreamedList<'_>) -> Result<(), CliError> {
    match crate::output::print_records(list) {
        Ok(written) => written.map_err(CliError::output),
        Err(e) => Err(CliError::from(ApiError::decode(action, &e))),
    }
}

/// Prints the records of a list answer as its pieces arrive, as [`print_records`] does;
/// the list is never held whole.
pub async fn print_arriving_records(
    action: &str,
    body: &mut ArrivingBody,
    masked: &'static [&'static str],
) -> Result<(), CliError> {
    let mut printer = crate::output::RecordPrinter::new();
    let mut reader = ListReader::new(masked);
    let mut write = |record: &RawRecord<'_>| printer.record(record);
    let unreadable = |e: serde_json::Error| CliError::from(ApiError::decode(action, &e));
    while let Some(piece) = body.next_piece().await? {
        reader
            .push(piece.as_ref(), &mut write)
            .map_err(unreadable)?
            .map_err(CliError::output)?;
    }
    reader
        .finish(&mut write)
        .map_err(unreadable)?
        .map_err(CliError::output)?;
    printer.end().map_err(CliError::output)
}

/// Prints text on stdout, each line sanitised.
pub fn print_text(text: &str) -> Result<(), CliError> {
    crate::output::term::out(text).map_err(CliError::output)
}

/// The database as it may be shown: without credentials unless asked.
pub fn shown(db: &Database, secrets: Secrets) -> Database {
    match secrets {
        Secrets::Show => db.clone(),
        Secrets::Hide => db.without_credentials(),
    }
}

/// The list table: one database per row, no secrets.
pub fn list_table(dbs: &[Database]) -> String {
    let rows: Vec<Vec<String>> = dbs
        .iter()
        .map(|d| {
            vec![
                d.database_id.clone(),
                d.database_name.clone(),
                d.display_region().to_owned(),
                d.read_regions.join(","),
                d.plan.clone().unwrap_or_default(),
                d.state.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table::render(
        &["ID", "NAME", "REGION", "READ REGIONS", "PLAN", "STATE"],
        &rows,
    )
}

/// A detail block: `key  value` lines, credentials masked unless `secrets` is `Show`.
pub fn detail(db: &Database, secrets: Secrets) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let flag = |v: Option<bool>| match v {
        Some(true) => "on".to_owned(),
        Some(false) => "off".to_owned(),
        None => "-".to_owned(),
    };
    let mut rows: Vec<(&str, String)> = vec![
        ("id", db.database_id.clone()),
        ("name", db.database_name.clone()),
        ("state", opt(&db.state)),
        ("plan", opt(&db.plan)),
        ("primary region", db.display_region().to_owned()),
        ("read regions", join_or_dash(&db.read_regions)),
        ("endpoint", opt(&db.endpoint)),
        ("port", connection::port(db).to_string()),
        ("tls", flag(db.tls)),
        ("eviction", flag(db.eviction)),
        ("auto upgrade", flag(db.auto_upgrade)),
        ("daily backups", flag(db.daily_backup_enabled)),
        ("budget", budget(db.budget)),
        ("max clients", limit(db.db_max_clients)),
        ("max requests/s", limit(db.db_max_commands_per_second)),
        ("disk limit", bytes_limit(db.db_disk_threshold)),
        ("memory limit", bytes_limit(db.db_memory_threshold)),
        ("owner", db.owner().unwrap_or("-").to_owned()),
        ("created", created(db.creation_time)),
    ];
    if let Ok(url) = connection::rest_url(db) {
        rows.push(("rest url", url));
    }
    // Hidden means hidden whether or not the response carried them (it was asked not to).
    let secret_row = |value: Option<&crate::secret::Secret>| match (secrets, value) {
        (Secrets::Hide, _) => "******** (--show-secrets shows it)".to_owned(),
        (Secrets::Show, Some(v)) => v.expose().to_owned(),
        (Secrets::Show, None) => "-".to_owned(),
    };
    rows.push(("password", secret_row(db.password.as_ref())));
    rows.push(("rest token", secret_row(db.rest_token.as_ref())));
    rows.push((
        "read-only token",
        secret_row(db.read_only_rest_token.as_ref()),
    ));
    if secrets == Secrets::Show
        && let Ok(url) = connection::redis_url(db)
    {
        rows.push(("redis url", url));
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("{k:<width$}  {v}\n"))
        .collect()
}

fn join_or_dash(items: &[String]) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items.join(", ")
    }
}

fn limit(l: Option<Limit>) -> String {
    l.map_or_else(|| "-".into(), crate::output::limit)
}

fn budget(l: Option<Limit>) -> String {
    l.map_or_else(|| "-".into(), crate::output::budget)
}

fn bytes_limit(l: Option<Limit>) -> String {
    l.map_or_else(|| "-".into(), crate::output::size_limit)
}

/// A Unix time as RFC 3339, or `-`.
pub fn created(t: Option<i64>) -> String {
    t.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "-".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_masks_secrets_unless_asked() {
        let db: Database = serde_json::from_value(serde_json::json!({
            "database_id": "1", "database_name": "a", "endpoint": "h.upstash.io",
            "password": "MARKER-pw", "rest_token": "MARKER-tok"
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let hidden = detail(&db, Secrets::Hide);
        assert!(!hidden.contains("MARKER"), "{hidden}");
        assert!(hidden.contains("--show-secrets"), "{hidden}");
        let shown_text = detail(&db, Secrets::Show);
        assert!(shown_text.contains("MARKER-pw") && shown_text.contains("MARKER-tok"));
        assert!(
            !serde_json::to_string(&shown(&db, Secrets::Hide))
                .unwrap_or_default()
                .contains("MARKER")
        );
    }
}
