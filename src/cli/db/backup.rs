//! `updash db backup list|create|restore|delete` and `updash db daily-backup`: a database's
//! backups. Restore types the database's name to confirm (its data is replaced); delete asks
//! y/N; scripts pass `--yes`.

use super::access::Api;
use super::output;
use crate::cli::confirm;
use crate::cli::exit::{CliError, CliResult};
use crate::cli::table;
use crate::upstash::raw::StreamedList;
use crate::upstash::{Backup, Database, MaintenanceRetry, MaintenanceWait};
use clap::{Args, Subcommand};

/// `updash db backup ...`.
#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// List a database's backups (newest first).
    #[command(
        after_help = "Examples:\n  updash db backup list sessions-prod\n  updash db backup list sessions-prod --json"
    )]
    List(ListArgs),
    /// Back a database up now under a name (waits out a new database's maintenance mode).
    #[command(after_help = "Example:\n  updash db backup create sessions-prod before-migration")]
    Create(CreateArgs),
    /// Replace a database's data with a backup (type the database's name; --yes for scripts).
    #[command(
        after_help = "Examples:\n  updash db backup restore sessions-prod before-migration\n  updash db backup restore sessions-prod 1d62p45b-c567-1239-b23e-449ads33a62e --yes"
    )]
    Restore(BackupArgs),
    /// Delete a backup (asks first; --yes for scripts).
    #[command(
        after_help = "Example:\n  updash db backup delete sessions-prod before-migration --yes"
    )]
    Delete(BackupArgs),
}

/// Flags of `updash db backup list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// Print the backups as the API sent them (JSON).
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db backup create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The backup's name.
    #[arg(value_name = "BACKUP_NAME", value_parser = backup_name)]
    name: String,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db backup restore` and `delete`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The backup's ID or (unambiguous) name.
    #[arg(value_name = "BACKUP")]
    backup: String,
    /// Do it without asking (for scripts).
    #[arg(long, short = 'y')]
    yes: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db daily-backup`.
#[derive(Debug, Args)]
pub struct DailyArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// `on` or `off`.
    #[arg(value_parser = ["on", "off"])]
    state: String,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// A backup name the service takes: 1 to 64 characters, no control characters.
fn backup_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err("the backup name is empty".into());
    }
    if name.chars().count() > crate::upstash::MAX_NAME_CHARS {
        return Err(format!(
            "the backup name is longer than {} characters",
            crate::upstash::MAX_NAME_CHARS
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("the backup name has control characters".into());
    }
    Ok(name.to_owned())
}

/// Runs a `db backup` command.
pub async fn run(api: &Api, cmd: &BackupCommand) -> CliResult {
    match cmd {
        BackupCommand::List(a) => list(api, a).await,
        BackupCommand::Create(a) => create(api, a).await,
        BackupCommand::Restore(a) => restore(api, a).await,
        BackupCommand::Delete(a) => delete(api, a).await,
    }
}

/// The backups, newest first.
fn newest_first(mut backups: Vec<Backup>) -> Vec<Backup> {
    backups.sort_by_key(|b| std::cmp::Reverse(b.creation_time));
    backups
}

/// The backup list as a table.
pub fn table(backups: &[Backup]) -> String {
    let rows: Vec<Vec<String>> = backups
        .iter()
        .map(|b| {
            vec![
                b.backup_id.clone(),
                b.name.clone(),
                output::created(b.creation_time),
                b.backup_size
                    .map_or_else(|| "-".into(), crate::output::size),
                b.state.clone().unwrap_or_else(|| "-".into()),
                match b.daily_backup {
                    Some(true) => "daily".into(),
                    Some(false) => "manual".into(),
                    None => "-".into(),
                },
            ]
        })
        .collect();
    table::render(&["ID", "NAME", "CREATED", "SIZE", "STATE", "TAKEN"], &rows)
}

async fn list(api: &Api, args: &ListArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    if args.json {
        let body = api
            .call(async |c| c.list_backups_body(&db.database_id).await)
            .await?;
        // As sent: fields in the API's order, unknown ones kept (like `db list --json`).
        let list = StreamedList::new(&body, &[]);
        return output::print_records("listing backups", &list);
    }
    let backups = api
        .call(async |c| c.list_backups(&db.database_id).await)
        .await?;
    let daily = match db.daily_backup_enabled {
        Some(true) => "on",
        Some(false) => "off",
        None => "unknown",
    };
    let mut text = format!(
        "backups of {} ({}); daily backups {daily}\n",
        db.database_name, db.database_id
    );
    if backups.is_empty() {
        text.push_str("no backups\n");
    } else {
        text.push_str(&table(&newest_first(backups)));
    }
    output::print_text(&text)
}

/// Says on stderr that the database is in maintenance mode and when the next try is.
fn say_waiting(db: &Database, retry: MaintenanceRetry) {
    crate::errln!(
        "updash: database {} is in maintenance mode (new databases are, for a while); trying again in {:.1} s (attempt {})",
        db.database_name,
        retry.wait.as_secs_f64(),
        retry.attempt
    );
}

async fn create(api: &Api, args: &CreateArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    api.call(async |c| {
        c.create_backup(
            &db.database_id,
            &args.name,
            MaintenanceWait::default(),
            &mut |r| say_waiting(&db, r),
        )
        .await
    })
    .await?;
    if args.json {
        return output::print_json(&serde_json::json!({
            "created": true,
            "database_id": db.database_id,
            "name": args.name,
        }));
    }
    output::print_text(&format!(
        "created backup {:?} of database {} ({})\n",
        args.name, db.database_name, db.database_id
    ))
}

/// The backup of `db` with this ID or (unambiguous) name.
async fn find_backup(api: &Api, db: &Database, query: &str) -> Result<Backup, CliError> {
    let backups = api
        .call(async |c| c.list_backups(&db.database_id).await)
        .await?;
    let query = query.trim();
    if let Some(b) = backups.iter().find(|b| b.backup_id == query) {
        return Ok(b.clone());
    }
    let named: Vec<&Backup> = backups.iter().filter(|b| b.name == query).collect();
    match named.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CliError::usage(format!(
            "database {} has no backup with the ID or name {query:?} (see `updash db backup list {}`)",
            db.database_name, db.database_id
        ))),
        many => Err(CliError::usage(format!(
            "{} backups are named {query:?}; use an ID instead: {}",
            many.len(),
            many.iter()
                .map(|b| b.backup_id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn describe(b: &Backup) -> String {
    let size = b
        .backup_size
        .map(|s| format!(", {}", crate::output::size(s)))
        .unwrap_or_default();
    format!(
        "backup {} ({}, taken {}{size})",
        crate::output::quoted(b.name.as_bytes()),
        crate::output::sanitize(&b.backup_id),
        output::created(b.creation_time)
    )
}

async fn restore(api: &Api, args: &BackupArgs) -> CliResult {
    confirm::possible(args.yes, "restore a backup")?;
    let db = api.resolve(&args.database).await?;
    let backup = find_backup(api, &db, &args.backup).await?;
    if !args.yes {
        let name = crate::output::sanitize(&db.database_name).into_owned();
        confirm::typed(
            &format!(
                "This replaces ALL data of database {} ({}) with {}.\nKeys written since the backup are lost.",
                crate::output::quoted(db.database_name.as_bytes()),
                crate::output::sanitize(&db.database_id),
                describe(&backup)
            ),
            &name,
            "nothing was restored",
        )?;
    }
    api.call(async |c| c.restore_backup(&db.database_id, &backup.backup_id).await)
        .await?;
    if args.json {
        return output::print_json(&serde_json::json!({
            "restored": true,
            "database_id": db.database_id,
            "backup_id": backup.backup_id,
        }));
    }
    output::print_text(&format!(
        "restored database {} ({}) from backup {:?} ({})\n",
        db.database_name, db.database_id, backup.name, backup.backup_id
    ))
}

async fn delete(api: &Api, args: &BackupArgs) -> CliResult {
    confirm::possible(args.yes, "delete a backup")?;
    let db = api.resolve(&args.database).await?;
    let backup = find_backup(api, &db, &args.backup).await?;
    if !args.yes {
        confirm::yes_no(
            &format!(
                "Delete {} of database {}?",
                describe(&backup),
                crate::output::quoted(db.database_name.as_bytes())
            ),
            "nothing was deleted",
        )?;
    }
    api.call(async |c| c.delete_backup(&db.database_id, &backup.backup_id).await)
        .await?;
    if args.json {
        return output::print_json(&serde_json::json!({
            "deleted": true,
            "database_id": db.database_id,
            "backup_id": backup.backup_id,
        }));
    }
    output::print_text(&format!(
        "deleted backup {:?} ({}) of database {}\n",
        backup.name, backup.backup_id, db.database_name
    ))
}

/// Turns daily backups on or off.
pub async fn daily(api: &Api, args: &DailyArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    let on = args.state == "on";
    api.call(async |c| c.set_daily_backup(&db.database_id, on).await)
        .await?;
    super::change::show_after(
        api,
        &db,
        &format!("daily backups {}", args.state),
        args.json,
    )
    .await
}
