//! `updash db enable-tls`, `auto-upgrade`, `change-plan` and `move-to-team`: the database
//! switches besides eviction and budget. Moving to a team asks first (the account loses the
//! database); scripts pass `--yes`.

use super::access::Api;
use super::change::show_after;
use super::output;
use crate::cli::confirm;
use crate::cli::exit::CliResult;
use crate::upstash::switches::PLAN_NAMES;
use clap::Args;

/// Flags of `updash db enable-tls`.
#[derive(Debug, Args)]
pub struct TlsArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// Print the database as JSON.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db auto-upgrade`.
#[derive(Debug, Args)]
pub struct AutoUpgradeArgs {
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

/// Flags of `updash db change-plan`.
#[derive(Debug, Args)]
pub struct ChangePlanArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The new plan.
    #[arg(value_parser = PLAN_NAMES)]
    plan: String,
    /// Print the database as JSON.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash db move-to-team`.
#[derive(Debug, Args)]
pub struct MoveToTeamArgs {
    /// The database ID or name.
    #[arg(value_name = "ID|NAME")]
    database: String,
    /// The team ID or name (see `updash team list`).
    #[arg(value_name = "TEAM")]
    team: String,
    /// Move without asking (for scripts).
    #[arg(long, short = 'y')]
    yes: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Turns TLS on (it cannot be turned off).
pub async fn enable_tls(api: &Api, args: &TlsArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    api.call(async |c| c.enable_tls(&db.database_id).await)
        .await?;
    show_after(api, &db, "TLS on", args.json).await
}

/// Turns automatic plan upgrade on or off.
pub async fn auto_upgrade(api: &Api, args: &AutoUpgradeArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    let on = args.state == "on";
    api.call(async |c| c.set_auto_upgrade(&db.database_id, on).await)
        .await?;
    show_after(
        api,
        &db,
        &format!("automatic upgrade {}", args.state),
        args.json,
    )
    .await
}

/// Moves a database to another plan.
pub async fn change_plan(api: &Api, args: &ChangePlanArgs) -> CliResult {
    let db = api.resolve(&args.database).await?;
    api.call(async |c| c.change_plan(&db.database_id, &args.plan).await)
        .await?;
    show_after(api, &db, &format!("plan now {}", args.plan), args.json).await
}

/// Moves a database to a team, after confirmation.
pub async fn move_to_team(api: &Api, args: &MoveToTeamArgs) -> CliResult {
    confirm::possible(args.yes, "move a database to a team")?;
    let db = api.resolve(&args.database).await?;
    let teams = api.call(async |c| c.list_teams().await).await?;
    let team = crate::cli::team_cmd::resolve_team(&teams, &args.team)?;
    if !args.yes {
        confirm::yes_no(
            &format!(
                "Move database {} ({}) to team {} ({})? This account's keys stop seeing it.",
                crate::output::quoted(db.database_name.as_bytes()),
                crate::output::sanitize(&db.database_id),
                crate::output::quoted(team.team_name.as_bytes()),
                crate::output::sanitize(&team.team_id),
            ),
            "nothing was moved",
        )?;
    }
    api.call(async |c| c.move_to_team(&db.database_id, &team.team_id).await)
        .await?;
    if args.json {
        return output::print_json(&serde_json::json!({
            "moved": true,
            "database_id": db.database_id,
            "team_id": team.team_id,
        }));
    }
    output::print_text(&format!(
        "moved database {} ({}) to team {} ({})\n",
        db.database_name, db.database_id, team.team_name, team.team_id
    ))
}
