//! `updash vector …`: the account's Vector indexes.

use super::index::{
    self, ConfirmedArgs, EnvArgs, GetArgs, ListArgs, RenameArgs, StatsArgs, TransferArgs,
};
use crate::cli::confirm;
use crate::cli::db::access::Api;
use crate::cli::db::output;
use crate::cli::exit::CliResult;
use crate::upstash::products::{
    SIMILARITY_FUNCTIONS, VECTOR_CREATE_PLANS, VECTOR_PLANS, VECTOR_REGIONS,
};
use crate::upstash::{CreateVectorIndex, IndexKind, ProductCall};
use clap::{Args, Subcommand};

/// The `updash vector --help` epilogue.
pub const HELP: &str = "An index is named by its ID or its name. Tokens are printed only with \
--show-secrets and by `vector env`. Deleting, resetting tokens and transferring ask to type \
the index's name on a terminal; scripts pass --yes. Every write takes --dry-run, which prints \
the request and sends nothing.

Exit codes: 0 ok, 1 service or network error, 2 usage error, 3 the account needs sign-in.

Examples:
  updash vector list
  updash vector create --name docs --region us-east-1 --similarity COSINE --dimensions 1536
  updash vector env docs >> .env";

/// `updash vector …`.
#[derive(Debug, Subcommand)]
pub enum VectorCommand {
    /// List the account's Vector indexes.
    #[command(
        after_help = "Examples:\n  updash vector list\n  updash vector list --json | jq -r '.[].name'"
    )]
    List(ListArgs),
    /// Show one index: dimension, similarity, region, plan, limits (tokens masked).
    #[command(
        after_help = "Examples:\n  updash vector get docs-embeddings\n  updash vector get docs-embeddings --json"
    )]
    Get(GetArgs),
    /// Create an index (--dry-run prints the request body and sends nothing).
    #[command(
        after_help = "Examples:\n  updash vector create --name docs --region us-east-1 --similarity COSINE --dimensions 1536\n  updash vector create --name faq --region eu-west-1 --similarity COSINE --dimensions 0 --embedding-model BGE_SMALL_EN_V1_5 --dry-run"
    )]
    Create(CreateArgs),
    /// Rename an index.
    #[command(after_help = "Example:\n  updash vector rename docs-embeddings docs")]
    Rename(RenameArgs),
    /// Reset an index's tokens (asks to type its name; --yes for scripts).
    #[command(
        after_help = "Examples:\n  updash vector reset-password docs-embeddings\n  updash vector reset-password docs-embeddings --yes --show-secrets"
    )]
    ResetPassword(ConfirmedArgs),
    /// Delete an index (asks to type its name; --yes for scripts).
    #[command(
        after_help = "Examples:\n  updash vector delete scratch\n  updash vector delete scratch --yes"
    )]
    Delete(ConfirmedArgs),
    /// Move an index to a team (asks to type its name; --yes for scripts).
    #[command(
        after_help = "Example:\n  updash vector transfer docs-embeddings \"Platform team\" --yes"
    )]
    Transfer(TransferArgs),
    /// Change an index's plan: free, payg or fixed.
    #[command(after_help = "Example:\n  updash vector set-plan docs-embeddings fixed")]
    SetPlan(SetPlanArgs),
    /// Usage of one index over a period, or of all indexes without one.
    #[command(
        after_help = "Examples:\n  updash vector stats docs-embeddings --period 7d\n  updash vector stats --json"
    )]
    Stats(StatsArgs),
    /// Print a .env snippet: UPSTASH_VECTOR_REST_URL and _TOKEN (contains secrets).
    #[command(after_help = "Example:\n  updash vector env docs-embeddings >> .env")]
    Env(EnvArgs),
}

/// Flags of `updash vector create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The index name (1 to 64 letters, digits, `-` or `_`).
    #[arg(long, value_parser = index::new_name)]
    name: String,
    /// eu-west-1, us-east-1 or us-central1.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(VECTOR_REGIONS))]
    region: String,
    /// COSINE, EUCLIDEAN or DOT_PRODUCT.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(SIMILARITY_FUNCTIONS))]
    similarity: String,
    /// Values per vector (0 with an embedding model or a SPARSE index).
    #[arg(long)]
    dimensions: u32,
    /// payg, fixed or paid (default: the service's).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(VECTOR_CREATE_PLANS))]
    plan: Option<String>,
    /// DENSE, SPARSE or HYBRID.
    #[arg(long, value_parser = ["DENSE", "SPARSE", "HYBRID"])]
    index_type: Option<String>,
    /// BGE_SMALL_EN_V1_5, BGE_BASE_EN_V1_5, BGE_LARGE_EN_V1_5 or BGE_M3.
    #[arg(long, value_parser = ["BGE_SMALL_EN_V1_5", "BGE_BASE_EN_V1_5", "BGE_LARGE_EN_V1_5", "BGE_M3"])]
    embedding_model: Option<String>,
    /// BM25 or BGE_M3 (SPARSE and HYBRID indexes).
    #[arg(long, value_parser = ["BM25", "BGE_M3"])]
    sparse_embedding_model: Option<String>,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the new index as the API sent it (JSON, tokens masked unless --show-secrets).
    #[arg(long)]
    json: bool,
    /// Print the new tokens.
    #[arg(long)]
    show_secrets: bool,
}

/// Flags of `updash vector set-plan`.
#[derive(Debug, Args)]
pub struct SetPlanArgs {
    /// The index ID or name.
    #[arg(value_name = "ID|NAME")]
    index: String,
    /// free, payg or fixed.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(VECTOR_PLANS))]
    plan: String,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Checks that need no network, before an account is selected or a sandbox started.
pub fn precheck(cmd: &VectorCommand) -> CliResult {
    match cmd {
        VectorCommand::ResetPassword(a) if !a.dry_run => {
            confirm::possible(a.yes, "reset the tokens")
        }
        VectorCommand::Delete(a) if !a.dry_run => confirm::possible(a.yes, "delete"),
        VectorCommand::Transfer(a) if !a.dry_run => confirm::possible(a.yes, "transfer"),
        VectorCommand::Create(a) if a.dry_run => index::dry_run(&create_call(a)),
        _ => Ok(()),
    }
}

/// Whether `precheck` already did all the command does.
pub fn done_offline(cmd: &VectorCommand) -> bool {
    matches!(cmd, VectorCommand::Create(a) if a.dry_run)
}

fn create_call(a: &CreateArgs) -> ProductCall {
    let mut request = CreateVectorIndex::new(&a.name, &a.region, &a.similarity, a.dimensions);
    request.plan = a.plan.clone();
    request.index_type = a.index_type.clone();
    request.embedding_model = a.embedding_model.clone();
    request.sparse_embedding_model = a.sparse_embedding_model.clone();
    ProductCall::CreateVectorIndex { request }
}

/// Runs a `vector` command on the account.
pub async fn run(api: &Api, cmd: &VectorCommand) -> CliResult {
    let kind = IndexKind::Vector;
    match cmd {
        VectorCommand::List(a) => index::list(api, kind, a).await,
        VectorCommand::Get(a) => index::get(api, kind, a).await,
        VectorCommand::Create(a) => {
            index::create(api, kind, &create_call(a), a.json, a.show_secrets).await
        }
        VectorCommand::Rename(a) => index::rename(api, kind, a).await,
        VectorCommand::ResetPassword(a) => index::reset_password(api, kind, a).await,
        VectorCommand::Delete(a) => index::delete(api, kind, a).await,
        VectorCommand::Transfer(a) => index::transfer(api, kind, a).await,
        VectorCommand::SetPlan(a) => set_plan(api, a).await,
        VectorCommand::Stats(a) => index::stats(api, kind, a).await,
        VectorCommand::Env(a) => index::env(api, kind, a).await,
    }
}

async fn set_plan(api: &Api, a: &SetPlanArgs) -> CliResult {
    let found = index::resolve(api, IndexKind::Vector, &a.index).await?;
    let call = ProductCall::SetVectorPlan {
        id: found.id.clone(),
        plan: a.plan.clone(),
    };
    if a.dry_run {
        return index::dry_run(&call);
    }
    index::run(api, &call).await?;
    output::print_text(&format!(
        "Vector index {:?} ({}) is now on the {} plan\n",
        found.name, found.id, a.plan
    ))
}
