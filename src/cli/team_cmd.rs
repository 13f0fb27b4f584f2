//! `updash team list` and `updash team members TEAM`.

use super::Context;
use super::db::access::Api;
use super::db::output;
use super::exit::{CliError, CliResult};
use super::table;
use crate::upstash::Team;
use crate::upstash::raw::StreamedList;
use clap::{Args, Subcommand};

/// `updash team ...`.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// List the teams the account's user belongs to.
    #[command(after_help = "Example:\n  updash team list --json")]
    List(ListArgs),
    /// List a team's members.
    #[command(after_help = "Example:\n  updash team members \"Platform team\"")]
    Members(MembersArgs),
}

/// Flags of `updash team list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print the teams as the API sent them (JSON) instead of a table.
    #[arg(long)]
    json: bool,
}

/// Flags of `updash team members`.
#[derive(Debug, Args)]
pub struct MembersArgs {
    /// The team ID or name.
    #[arg(value_name = "TEAM")]
    team: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs a `team` command.
pub fn run(ctx: &Context, cmd: &TeamCommand) -> CliResult {
    super::runtime()?.block_on(ctx.with_session(|session| async move {
        let api = Api::open(session, ctx.account.as_deref())?;
        match cmd {
            TeamCommand::List(args) => list(&api, args).await,
            TeamCommand::Members(args) => members(&api, args).await,
        }
    }))
}

async fn list(api: &Api, args: &ListArgs) -> CliResult {
    if args.json {
        let body = api.call(async |c| c.list_teams_body().await).await?;
        return output::print_records("listing teams", &StreamedList::new(&body, &[]));
    }
    let teams = api.call(async |c| c.list_teams().await).await?;
    if teams.is_empty() {
        return output::print_text("no teams\n");
    }
    let rows: Vec<Vec<String>> = teams
        .iter()
        .map(|t| {
            vec![
                t.team_id.clone(),
                t.team_name.clone(),
                t.member_role.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::print_text(&table::render(&["ID", "NAME", "YOUR ROLE"], &rows))
}

async fn members(api: &Api, args: &MembersArgs) -> CliResult {
    let teams = api.call(async |c| c.list_teams().await).await?;
    let team = resolve_team(&teams, &args.team)?;
    let members = api
        .call(async |c| c.team_members(&team.team_id).await)
        .await?;
    if args.json {
        return output::print_json(&members);
    }
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| vec![m.member_email.clone(), m.member_role.clone()])
        .collect();
    output::print_text(&format!(
        "team {:?} ({})\n{}",
        team.team_name,
        team.team_id,
        table::render(&["EMAIL", "ROLE"], &rows)
    ))
}

/// The team whose ID is `query`, else the only one named `query` (exit 2 otherwise).
pub fn resolve_team<'a>(teams: &'a [Team], query: &str) -> Result<&'a Team, CliError> {
    let query = query.trim();
    if let Some(t) = teams.iter().find(|t| t.team_id == query) {
        return Ok(t);
    }
    let named: Vec<&Team> = teams.iter().filter(|t| t.team_name == query).collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => Err(CliError::usage(format!(
            "no team has the ID or name {query:?} (see `updash team list`)"
        ))),
        many => Err(CliError::usage(format!(
            "{} teams are named {query:?}; use an ID instead: {}",
            many.len(),
            many.iter()
                .map(|t| t.team_id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
