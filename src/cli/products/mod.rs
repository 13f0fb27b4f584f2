//! `updash vector …`, `updash search …` and `updash qstash …`: the account's other Upstash
//! products through the Developer API, with the conventions of `updash db` (IDs or names,
//! tables or `--json` as the API sent it, tokens masked unless asked, typed confirmation
//! for destructive writes, the same exit codes).

mod find;
mod index;
mod qstash;
mod search;
mod vector;
mod view;

pub use qstash::QStashCommand;
pub use search::SearchCommand;
pub use vector::VectorCommand;

use super::Context;
use super::db::access::Api;
use super::exit::CliResult;

/// The `--help` epilogues.
pub use qstash::HELP as QSTASH_HELP;
pub use search::HELP as SEARCH_HELP;
pub use vector::HELP as VECTOR_HELP;

/// One of the three product commands.
pub enum ProductCommand<'a> {
    /// `updash vector …`.
    Vector(&'a VectorCommand),
    /// `updash search …`.
    Search(&'a SearchCommand),
    /// `updash qstash …`.
    QStash(&'a QStashCommand),
}

/// Runs a product command. Checks that need no network (confirmation rules, a create's
/// `--dry-run`) run before an account is selected or the sandbox started.
pub fn run(ctx: &Context, cmd: ProductCommand<'_>) -> CliResult {
    let offline = match &cmd {
        ProductCommand::Vector(c) => {
            vector::precheck(c)?;
            vector::done_offline(c)
        }
        ProductCommand::Search(c) => {
            search::precheck(c)?;
            search::done_offline(c)
        }
        ProductCommand::QStash(c) => {
            qstash::precheck(c)?;
            false
        }
    };
    if offline {
        return Ok(());
    }
    super::runtime()?.block_on(ctx.with_session(|session| async move {
        let api = Api::open(session, ctx.account.as_deref())?;
        match cmd {
            ProductCommand::Vector(c) => vector::run(&api, c).await,
            ProductCommand::Search(c) => search::run(&api, c).await,
            ProductCommand::QStash(c) => qstash::run_command(&api, c).await,
        }
    }))
}
