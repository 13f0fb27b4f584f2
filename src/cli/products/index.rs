//! The commands Vector and Search indexes share: list, get, rename, reset-password, delete,
//! transfer, stats and env, each one [`ProductCall`] through the account's client.

use super::find;
use super::view::{self, IndexView};
use crate::cli::confirm;
use crate::cli::db::access::Api;
use crate::cli::db::output::{self, Secrets};
use crate::cli::exit::{CliError, CliResult};
use crate::upstash::products::EnvVars;
use crate::upstash::raw::{self, PRODUCT_SECRET_FIELDS, StreamedList};
use crate::upstash::{IndexKind, ProductCall, ProductPeriod, ProductReply};
use clap::Args;

/// `--json` and `--show-secrets` of list and get.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print the list as the API sent it (JSON; tokens masked unless --show-secrets).
    #[arg(long)]
    pub json: bool,
    /// With --json: the tokens as sent.
    #[arg(long, requires = "json")]
    pub show_secrets: bool,
}

/// Flags of `get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The index ID or name.
    #[arg(value_name = "ID|NAME")]
    pub index: String,
    /// Show the tokens.
    #[arg(long)]
    pub show_secrets: bool,
    /// Print the index as the API sent it (JSON) instead of a detail block.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The index ID or name.
    #[arg(value_name = "ID|NAME")]
    pub index: String,
    /// The new name (1 to 64 letters, digits, `-` or `_`; checked before anything is sent).
    #[arg(value_parser = new_name)]
    pub new_name: String,
    /// Print the request and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the renamed index as the client read it back (JSON, tokens masked).
    #[arg(long)]
    pub json: bool,
}

/// A name as the service would take it, or clap's usage error (exit 2).
pub fn new_name(text: &str) -> Result<String, String> {
    crate::upstash::check_database_name(text.trim()).map_err(|e| e.replace("database", "index"))?;
    Ok(text.trim().to_owned())
}

/// Flags of the confirmed writes: reset-password and delete.
#[derive(Debug, Args)]
pub struct ConfirmedArgs {
    /// The index ID or name.
    #[arg(value_name = "ID|NAME")]
    pub index: String,
    /// Do it without asking (for scripts).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the request and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// reset-password: print the new tokens.
    #[arg(long)]
    pub show_secrets: bool,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `transfer`.
#[derive(Debug, Args)]
pub struct TransferArgs {
    /// The index ID or name.
    #[arg(value_name = "ID|NAME")]
    pub index: String,
    /// The team to move it to: its ID or name (`updash team list`).
    #[arg(value_name = "TEAM")]
    pub team: String,
    /// Do it without asking (for scripts).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the request and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Flags of `stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The index ID or name; none: the usage of all the account's indexes.
    #[arg(value_name = "ID|NAME")]
    pub index: Option<String>,
    /// 1h, 3h, 12h, 1d, 3d, 7d or 30d.
    #[arg(long, default_value = "1h", value_parser = period)]
    pub period: ProductPeriod,
    /// Print the usage as the API sent it (JSON).
    #[arg(long)]
    pub json: bool,
}

/// A `--period` value.
pub fn period(text: &str) -> Result<ProductPeriod, String> {
    ProductPeriod::parse(text)
        .ok_or_else(|| format!("{text:?} is not a period: use 1h, 3h, 12h, 1d, 3d, 7d or 30d"))
}

/// Flags of `env`.
#[derive(Debug, Args)]
pub struct EnvArgs {
    /// The index ID or name.
    #[arg(value_name = "ID|NAME")]
    pub index: String,
    /// Print a JSON object of the same variables instead.
    #[arg(long)]
    pub json: bool,
}

/// Sends `call` and returns its answer, as a CLI error on failure.
pub async fn run(api: &Api, call: &ProductCall) -> Result<ProductReply, CliError> {
    api.call(async |c| c.run_product(call).await).await
}

/// An answer of another shape than the call promises (a bug, not the operator's).
pub fn unexpected(reply: &ProductReply) -> CliError {
    let shape = format!("{reply:?}");
    let shape = shape
        .split(['(', ' '])
        .next()
        .unwrap_or("answer")
        .to_owned();
    CliError::service(format!("unexpected {shape} answer"))
}

/// Every index of `kind` as views.
pub async fn views(api: &Api, kind: IndexKind) -> Result<Vec<IndexView>, CliError> {
    match run(api, &ProductCall::ListIndexes { kind }).await? {
        ProductReply::VectorIndexes(all) => Ok(all.iter().map(IndexView::from).collect()),
        ProductReply::SearchIndexes(all) => Ok(all.iter().map(IndexView::from).collect()),
        other => Err(unexpected(&other)),
    }
}

/// The index of `kind` named by `query` (ID or unique name).
pub async fn resolve(api: &Api, kind: IndexKind, query: &str) -> Result<IndexView, CliError> {
    find::index(kind, views(api, kind).await?, query)
}

/// The index an answer carries (get, create, rename, reset password), as a view.
fn index_view(reply: &ProductReply) -> Result<IndexView, CliError> {
    match reply {
        ProductReply::VectorIndex(i) => Ok(IndexView::from(&**i)),
        ProductReply::SearchIndex(i) => Ok(IndexView::from(&**i)),
        other => Err(unexpected(other)),
    }
}

/// The masking of `--show-secrets`.
pub fn masked(show: bool) -> &'static [&'static str] {
    match Secrets::from_flag(show) {
        Secrets::Show => &[],
        Secrets::Hide => PRODUCT_SECRET_FIELDS,
    }
}

/// `list`.
pub async fn list(api: &Api, kind: IndexKind, args: &ListArgs) -> CliResult {
    if args.json {
        let body = api
            .call(async |c| match kind {
                IndexKind::Vector => c.list_vector_indexes_body().await,
                IndexKind::Search => c.list_search_indexes_body().await,
            })
            .await?;
        let action = format!("listing {} indexes", kind.label());
        let list = StreamedList::new(&body, masked(args.show_secrets));
        return output::print_records(&action, &list);
    }
    let all = views(api, kind).await?;
    if all.is_empty() {
        return output::print_text(&format!("no {} indexes\n", kind.label()));
    }
    output::print_text(&view::index_table(&all))
}

/// `get`.
pub async fn get(api: &Api, kind: IndexKind, args: &GetArgs) -> CliResult {
    let found = resolve(api, kind, &args.index).await?;
    if args.json {
        return print_record(api, kind, &found.id, args.show_secrets).await;
    }
    // The list record is the whole index (the API sends the same shape as a GET).
    output::print_text(&view::index_detail(
        &found,
        Secrets::from_flag(args.show_secrets),
    ))
}

/// `create`: sends the typed create (never twice; a lost answer is looked up by name) and
/// prints the new index.
pub async fn create(
    api: &Api,
    kind: IndexKind,
    call: &ProductCall,
    json: bool,
    show_secrets: bool,
) -> CliResult {
    let made = index_view(&run(api, call).await?)?;
    if json {
        return print_record(api, kind, &made.id, show_secrets).await;
    }
    output::print_text(&format!(
        "created {} index {:?} ({})\n{}",
        kind.label(),
        made.name,
        made.id,
        view::index_detail(&made, Secrets::from_flag(show_secrets))
    ))
}

/// Prints one index as the API sends it (`GET`), tokens masked unless `show_secrets`.
async fn print_record(api: &Api, kind: IndexKind, id: &str, show_secrets: bool) -> CliResult {
    let body = api
        .call(async |c| match kind {
            IndexKind::Vector => c.get_vector_index_body(id).await,
            IndexKind::Search => c.get_search_index_body(id).await,
        })
        .await?;
    let action = format!("getting {} index {id}", kind.label());
    print_body(&action, &body, masked(show_secrets))
}

/// Prints the request of a `--dry-run` and sends nothing.
pub fn dry_run(call: &ProductCall) -> CliResult {
    output::print_text(&format!("{}\n", call.request_line()))
}

/// `rename`.
pub async fn rename(api: &Api, kind: IndexKind, args: &RenameArgs) -> CliResult {
    let found = resolve(api, kind, &args.index).await?;
    let call = ProductCall::RenameIndex {
        kind,
        id: found.id.clone(),
        name: args.new_name.clone(),
    };
    if args.dry_run {
        return dry_run(&call);
    }
    let renamed = index_view(&run(api, &call).await?)?;
    if args.json {
        return output::print_json(&serde_json::json!({
            "id": renamed.id, "name": renamed.name, "previous_name": found.name,
        }));
    }
    output::print_text(&format!(
        "renamed {} index {} from {:?} to {:?}\n",
        kind.label(),
        renamed.id,
        found.name,
        renamed.name
    ))
}

/// `reset-password`: confirmed by the typed name; the new tokens print only when asked.
pub async fn reset_password(api: &Api, kind: IndexKind, args: &ConfirmedArgs) -> CliResult {
    let found = resolve(api, kind, &args.index).await?;
    let call = ProductCall::ResetIndexPassword {
        kind,
        id: found.id.clone(),
    };
    if args.dry_run {
        return dry_run(&call);
    }
    if !args.yes {
        confirm::typed_for_request(
            &format!(
                "This resets the token and read-only token of {} index {:?} ({}); clients using them stop working.",
                kind.label(),
                found.name,
                found.id
            ),
            &call.request_line(),
            &found.name,
        )?;
    }
    let shown = index_view(&run(api, &call).await?)?;
    let secrets = Secrets::from_flag(args.show_secrets);
    if args.json {
        return output::print_json(&serde_json::json!({"reset": true, "id": found.id}));
    }
    output::print_text(&format!(
        "reset the tokens of {} index {}\n{}",
        kind.label(),
        found.id,
        view::index_detail(&shown, secrets)
    ))
}

/// `delete`: confirmed by the typed name.
pub async fn delete(api: &Api, kind: IndexKind, args: &ConfirmedArgs) -> CliResult {
    let found = resolve(api, kind, &args.index).await?;
    let call = ProductCall::DeleteIndex {
        kind,
        id: found.id.clone(),
    };
    if args.dry_run {
        return dry_run(&call);
    }
    if !args.yes {
        confirm::typed_for_request(
            &format!(
                "This deletes {} index {:?} ({}) and all its data.",
                kind.label(),
                found.name,
                found.id
            ),
            &call.request_line(),
            &found.name,
        )?;
    }
    run(api, &call).await?;
    tracing::info!(kind = kind.label(), "index deleted");
    if args.json {
        return output::print_json(&serde_json::json!({
            "deleted": true, "id": found.id, "name": found.name,
        }));
    }
    output::print_text(&format!(
        "deleted {} index {:?} ({})\n",
        kind.label(),
        found.name,
        found.id
    ))
}

/// The team named by `query` (an ID or a unique team name): `(ID, name)`.
pub async fn team_id(api: &Api, query: &str) -> Result<(String, String), CliError> {
    let teams = match run(api, &ProductCall::ListTeams).await? {
        ProductReply::Teams(t) => t,
        other => return Err(unexpected(&other)),
    };
    let team = crate::cli::team_cmd::resolve_team(&teams, query)?;
    Ok((team.team_id.clone(), team.team_name.clone()))
}

/// `transfer`: moves the index to a team, confirmed by the typed name.
pub async fn transfer(api: &Api, kind: IndexKind, args: &TransferArgs) -> CliResult {
    let found = resolve(api, kind, &args.index).await?;
    let (team, team_name) = team_id(api, &args.team).await?;
    let call = ProductCall::TransferIndex {
        kind,
        id: found.id.clone(),
        team_id: team.clone(),
    };
    if args.dry_run {
        return dry_run(&call);
    }
    if !args.yes {
        confirm::typed_for_request(
            &format!(
                "This moves {} index {:?} ({}) to team {:?}; it leaves this account.",
                kind.label(),
                found.name,
                found.id,
                team_name
            ),
            &call.request_line(),
            &found.name,
        )?;
    }
    run(api, &call).await?;
    output::print_text(&format!(
        "transferred {} index {:?} ({}) to team {:?} ({team})\n",
        kind.label(),
        found.name,
        found.id,
        team_name
    ))
}

/// `stats`: one index over a period, or the whole account without an index.
pub async fn stats(api: &Api, kind: IndexKind, args: &StatsArgs) -> CliResult {
    let Some(query) = &args.index else {
        if args.json {
            let body = api
                .call(async |c| match kind {
                    IndexKind::Vector => c.vector_totals_body().await,
                    IndexKind::Search => c.search_totals_body().await,
                })
                .await?;
            return print_body(&format!("reading {} usage", kind.label()), &body, &[]);
        }
        return match run(api, &ProductCall::IndexTotals { kind }).await? {
            ProductReply::IndexTotals(t) => output::print_text(&view::totals(&t)),
            other => Err(unexpected(&other)),
        };
    };
    let found = resolve(api, kind, query).await?;
    if args.json {
        let period = Some(args.period);
        let body = api
            .call(async |c| match kind {
                IndexKind::Vector => c.vector_index_stats_body(&found.id, period).await,
                IndexKind::Search => c.search_index_stats_body(&found.id, period).await,
            })
            .await?;
        return print_body(&format!("reading usage of {}", found.id), &body, &[]);
    }
    let call = ProductCall::IndexStats {
        kind,
        id: found.id.clone(),
        period: args.period,
    };
    match run(api, &call).await? {
        ProductReply::IndexStats(s) => output::print_text(&format!(
            "{} index {:?}, last {}\n{}",
            kind.label(),
            found.name,
            args.period.as_str(),
            view::index_stats(&s)
        )),
        other => Err(unexpected(&other)),
    }
}

/// Prints a JSON object body as sent, fields in order, the values of `masked` fields hidden;
/// a body that is not an object is the service's error (`action`).
pub fn print_body(action: &str, body: &[u8], masked: &'static [&'static str]) -> CliResult {
    let record = raw::record(body)
        .map_err(|e| CliError::from(crate::upstash::ApiError::decode(action, &e)))?;
    output::print_json(&record.masking(masked))
}

/// `env`: the `.env` snippet, tokens included (the operator asked).
pub async fn env(api: &Api, kind: IndexKind, args: &EnvArgs) -> CliResult {
    let found = resolve(api, kind, &args.index).await?;
    let call = ProductCall::GetIndex {
        kind,
        id: found.id.clone(),
    };
    let vars = match run(api, &call).await? {
        ProductReply::VectorIndex(i) => crate::upstash::products::vector_env(&i),
        ProductReply::SearchIndex(i) => crate::upstash::products::search_env(&i),
        other => return Err(unexpected(&other)),
    }
    .map_err(|e| CliError::service(format!("{} index {}: {e}", kind.label(), found.id)))?;
    print_env(&vars, args.json)
}

/// Prints `.env` lines, or with `json` a JSON object of the same variables.
pub fn print_env(vars: &EnvVars, json: bool) -> CliResult {
    if json {
        let map: serde_json::Map<String, serde_json::Value> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
            .collect();
        return output::print_json(&map);
    }
    output::print_text(&crate::upstash::products::dotenv(vars))
}
