//! `updash qstash …`: the account's QStash, one per region, named by ID or region.

use super::find;
use super::index::{
    self, ListArgs, dry_run, masked, period, print_body, print_env, run, unexpected,
};
use super::view;
use crate::cli::confirm;
use crate::cli::db::access::Api;
use crate::cli::db::output::{self, Secrets};
use crate::cli::exit::{CliError, CliResult};
use crate::upstash::products::QSTASH_PLANS;
use crate::upstash::raw::StreamedList;
use crate::upstash::{ProductCall, ProductPeriod, ProductReply, QStashUser};
use clap::{Args, Subcommand};

/// The `updash qstash --help` epilogue.
pub const HELP: &str = "QStash is named by its ID or its region (eu-central-1, us-east-1). \
Tokens are printed only with --show-secrets and by `qstash env`. Rotating the token and \
moving to a team ask to type the region on a terminal; scripts pass --yes. Every write \
takes --dry-run, which prints the request and sends nothing.

Exit codes: 0 ok, 1 service or network error, 2 usage error, 3 the account needs sign-in.

Examples:
  updash qstash list
  updash qstash get us-east-1 --json
  updash qstash env eu-central-1 >> .env";

/// `updash qstash …`.
#[derive(Debug, Subcommand)]
pub enum QStashCommand {
    /// List the account's QStash, one per region.
    #[command(
        after_help = "Examples:\n  updash qstash list\n  updash qstash list --json | jq -r '.[].region'"
    )]
    List(ListArgs),
    /// Show one QStash: plan, budget, production pack, limits (tokens masked).
    #[command(
        after_help = "Examples:\n  updash qstash get us-east-1\n  updash qstash get us-east-1 --show-secrets"
    )]
    Get(GetArgs),
    /// Usage over a period: requests, messages, dead letter queue, billing.
    #[command(
        after_help = "Examples:\n  updash qstash stats eu-central-1 --period 1d\n  updash qstash stats eu-central-1 --json"
    )]
    Stats(StatsArgs),
    /// Rotate the token: the old one stops working (asks to type the region; --yes).
    #[command(
        after_help = "Examples:\n  updash qstash rotate-token eu-central-1\n  updash qstash rotate-token eu-central-1 --yes --show-secrets"
    )]
    RotateToken(RotateArgs),
    /// Change the plan: paid, qstash_fixed_1m, qstash_fixed_10m or qstash_fixed_100m.
    #[command(after_help = "Example:\n  updash qstash set-plan eu-central-1 paid")]
    SetPlan(SetPlanArgs),
    /// Set the monthly budget in dollars (0: no limit; otherwise 20 to 10000).
    #[command(after_help = "Example:\n  updash qstash budget us-east-1 200")]
    Budget(BudgetArgs),
    /// Turn the production pack on or off.
    #[command(after_help = "Example:\n  updash qstash prod-pack us-east-1 on")]
    ProdPack(ProdPackArgs),
    /// Move QStash to a team (asks to type the region; --yes for scripts).
    #[command(
        after_help = "Example:\n  updash qstash move-to-team us-east-1 \"Platform team\" --yes"
    )]
    MoveToTeam(MoveArgs),
    /// Print a .env snippet: QSTASH_URL and QSTASH_TOKEN (contains a secret).
    #[command(after_help = "Example:\n  updash qstash env eu-central-1 >> .env")]
    Env(EnvArgs),
    /// The IPv4 blocks QStash sends requests from (for allow-lists).
    #[command(after_help = "Example:\n  updash qstash ipv4 --json")]
    Ipv4(Ipv4Args),
}

/// Flags of `qstash get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// Show the tokens.
    #[arg(long)]
    show_secrets: bool,
    /// Print QStash as the API sent it (JSON) instead of a detail block.
    #[arg(long)]
    json: bool,
}

/// Flags of `qstash stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// 1h, 3h, 12h, 1d, 3d, 7d or 30d.
    #[arg(long, default_value = "1h", value_parser = period)]
    period: ProductPeriod,
    /// Print the usage as the API sent it (JSON).
    #[arg(long)]
    json: bool,
}

/// Flags of `qstash rotate-token`.
#[derive(Debug, Args)]
pub struct RotateArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// Rotate without asking (for scripts).
    #[arg(long, short = 'y')]
    yes: bool,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the new token.
    #[arg(long)]
    show_secrets: bool,
    /// Print QStash as the API sent it after the rotation (JSON, tokens masked unless
    /// --show-secrets).
    #[arg(long)]
    json: bool,
}

/// Flags of `qstash set-plan`.
#[derive(Debug, Args)]
pub struct SetPlanArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// paid, qstash_fixed_1m, qstash_fixed_10m or qstash_fixed_100m.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(QSTASH_PLANS))]
    plan: String,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Flags of `qstash budget`.
#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// Dollars a month: 0 for no limit, otherwise 20 to 10000.
    #[arg(value_parser = budget)]
    dollars: u64,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
}

/// A budget the service takes, or clap's usage error (exit 2).
fn budget(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if n == 0 || (20..=10_000).contains(&n) => Ok(n),
        _ => Err(format!(
            "{text:?} is not a budget: use 0 for no limit, or 20 to 10000 dollars"
        )),
    }
}

/// Flags of `qstash prod-pack`.
#[derive(Debug, Args)]
pub struct ProdPackArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// `on` or `off`.
    #[arg(value_parser = ["on", "off"])]
    state: String,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Flags of `qstash move-to-team`.
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// The team: its ID or name (`updash team list`).
    #[arg(value_name = "TEAM")]
    team: String,
    /// Move without asking (for scripts).
    #[arg(long, short = 'y')]
    yes: bool,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Flags of `qstash env`.
#[derive(Debug, Args)]
pub struct EnvArgs {
    /// The QStash ID or region.
    #[arg(value_name = "ID|REGION")]
    qstash: String,
    /// Print a JSON object of the same variables instead.
    #[arg(long)]
    json: bool,
}

/// Flags of `qstash ipv4`.
#[derive(Debug, Args)]
pub struct Ipv4Args {
    /// Print a JSON array instead of one block a line.
    #[arg(long)]
    json: bool,
}

/// Checks that need no network, before an account is selected or a sandbox started.
pub fn precheck(cmd: &QStashCommand) -> CliResult {
    match cmd {
        QStashCommand::RotateToken(a) if !a.dry_run => confirm::possible(a.yes, "rotate the token"),
        QStashCommand::MoveToTeam(a) if !a.dry_run => confirm::possible(a.yes, "move QStash"),
        _ => Ok(()),
    }
}

/// The account's QStash.
async fn users(api: &Api) -> Result<Vec<QStashUser>, CliError> {
    match run(api, &ProductCall::ListQStash).await? {
        ProductReply::QStash(all) => Ok(all),
        other => Err(unexpected(&other)),
    }
}

/// The QStash named by `query` (ID or region).
async fn resolve(api: &Api, query: &str) -> Result<QStashUser, CliError> {
    find::qstash(users(api).await?, query)
}

fn region(u: &QStashUser) -> String {
    u.region.clone().unwrap_or_else(|| u.id.clone())
}

/// Runs a `qstash` command on the account.
pub async fn run_command(api: &Api, cmd: &QStashCommand) -> CliResult {
    match cmd {
        QStashCommand::List(a) => list(api, a).await,
        QStashCommand::Get(a) => get(api, a).await,
        QStashCommand::Stats(a) => stats(api, a).await,
        QStashCommand::RotateToken(a) => rotate(api, a).await,
        QStashCommand::SetPlan(a) => {
            let u = resolve(api, &a.qstash).await?;
            let call = ProductCall::SetQStashPlan {
                id: u.id.clone(),
                plan: a.plan.clone(),
            };
            change(
                api,
                &call,
                a.dry_run,
                &format!("QStash {} is now on the {} plan", region(&u), a.plan),
            )
            .await
        }
        QStashCommand::Budget(a) => {
            let u = resolve(api, &a.qstash).await?;
            let call = ProductCall::SetQStashBudget {
                id: u.id.clone(),
                budget: a.dollars,
            };
            let said = if a.dollars == 0 {
                format!("QStash {} has no budget limit now", region(&u))
            } else {
                format!(
                    "QStash {} has a budget of ${} a month now",
                    region(&u),
                    a.dollars
                )
            };
            change(api, &call, a.dry_run, &said).await
        }
        QStashCommand::ProdPack(a) => {
            let u = resolve(api, &a.qstash).await?;
            let on = a.state == "on";
            let call = ProductCall::SetQStashProdPack {
                id: u.id.clone(),
                on,
            };
            change(
                api,
                &call,
                a.dry_run,
                &format!(
                    "the production pack of QStash {} is {} now",
                    region(&u),
                    a.state
                ),
            )
            .await
        }
        QStashCommand::MoveToTeam(a) => move_to_team(api, a).await,
        QStashCommand::Env(a) => env(api, a).await,
        QStashCommand::Ipv4(a) => ipv4(api, a).await,
    }
}

/// Sends a plain change (or prints it with `--dry-run`) and says what it did.
async fn change(api: &Api, call: &ProductCall, dry_run: bool, said: &str) -> CliResult {
    if dry_run {
        return index::dry_run(call);
    }
    run(api, call).await?;
    output::print_text(&format!("{said}\n"))
}

async fn list(api: &Api, args: &ListArgs) -> CliResult {
    if args.json {
        let body = api.call(async |c| c.list_qstash_body().await).await?;
        let list = StreamedList::new(&body, masked(args.show_secrets));
        return output::print_records("listing QStash", &list);
    }
    let all = users(api).await?;
    if all.is_empty() {
        return output::print_text("no QStash\n");
    }
    output::print_text(&view::qstash_table(&all))
}

async fn get(api: &Api, args: &GetArgs) -> CliResult {
    let u = resolve(api, &args.qstash).await?;
    if args.json {
        let body = api.call(async |c| c.get_qstash_body(&u.id).await).await?;
        return print_body("getting QStash", &body, masked(args.show_secrets));
    }
    output::print_text(&view::qstash_detail(
        &u,
        Secrets::from_flag(args.show_secrets),
    ))
}

async fn stats(api: &Api, args: &StatsArgs) -> CliResult {
    let u = resolve(api, &args.qstash).await?;
    let period = Some(args.period);
    if args.json {
        let body = api
            .call(async |c| c.qstash_stats_body(&u.id, period).await)
            .await?;
        return print_body("reading QStash usage", &body, &[]);
    }
    let call = ProductCall::QStashStats {
        id: u.id.clone(),
        period: args.period,
    };
    match run(api, &call).await? {
        ProductReply::QStashStats(s) => output::print_text(&format!(
            "QStash {}, last {}\n{}",
            region(&u),
            args.period.as_str(),
            view::qstash_stats(&s)
        )),
        other => Err(unexpected(&other)),
    }
}

async fn rotate(api: &Api, args: &RotateArgs) -> CliResult {
    let u = resolve(api, &args.qstash).await?;
    let call = ProductCall::RotateQStashToken { id: u.id.clone() };
    if args.dry_run {
        return dry_run(&call);
    }
    let name = region(&u);
    if !args.yes {
        confirm::typed_for_request(
            &format!(
                "This rotates the token of QStash {name} ({}); publishers and clients using the old token stop working.",
                u.id
            ),
            &call.request_line(),
            &name,
        )?;
    }
    if args.json {
        let body = api
            .call(async |c| c.rotate_qstash_token_body(&u.id).await)
            .await?;
        return print_body(
            "rotating the QStash token",
            &body,
            masked(args.show_secrets),
        );
    }
    match run(api, &call).await? {
        ProductReply::QStashUser(new) => output::print_text(&format!(
            "rotated the token of QStash {name}\n{}",
            view::qstash_detail(&new, Secrets::from_flag(args.show_secrets))
        )),
        other => Err(unexpected(&other)),
    }
}

async fn move_to_team(api: &Api, args: &MoveArgs) -> CliResult {
    let u = resolve(api, &args.qstash).await?;
    let (team, team_name) = index::team_id(api, &args.team).await?;
    let call = ProductCall::MoveQStashToTeam {
        id: u.id.clone(),
        team_id: team.clone(),
    };
    if args.dry_run {
        return dry_run(&call);
    }
    let name = region(&u);
    if !args.yes {
        confirm::typed_for_request(
            &format!(
                "This moves QStash {name} ({}) to team {team_name:?}; it leaves this account.",
                u.id
            ),
            &call.request_line(),
            &name,
        )?;
    }
    run(api, &call).await?;
    output::print_text(&format!(
        "moved QStash {name} ({}) to team {team_name:?} ({team})\n",
        u.id
    ))
}

async fn env(api: &Api, args: &EnvArgs) -> CliResult {
    let u = resolve(api, &args.qstash).await?;
    let vars = crate::upstash::products::qstash_env(&u)
        .map_err(|e| CliError::service(format!("QStash {}: {e}", u.id)))?;
    print_env(&vars, args.json)
}

async fn ipv4(api: &Api, args: &Ipv4Args) -> CliResult {
    let blocks = api.call(async |c| c.qstash_ipv4().await).await?;
    if args.json {
        return output::print_json(&blocks);
    }
    output::print_text(&blocks.iter().map(|b| format!("{b}\n")).collect::<String>())
}
