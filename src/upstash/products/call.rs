//! One call on an account's Vector indexes, Search indexes or QStash, as data: what a
//! front-end asks for ([`ProductCall`]) and what it gets back ([`ProductReply`]).
//! [`Client::run_product`] is the only place they map onto requests.

use super::create::{CreateSearchIndex, CreateVectorIndex};
use crate::upstash::client::Client;
use crate::upstash::error::ApiError;
use crate::upstash::models::{
    IndexStats, IndexTotals, ProductPeriod, QStashStats, QStashUser, SearchIndex, Team, VectorIndex,
};

/// Which kind of index a call is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexKind {
    /// A Vector index (`/v2/vector/index…`).
    Vector,
    /// A Search index (`/v2/search…`).
    Search,
}

impl IndexKind {
    /// Both kinds, in the order the screen lists them.
    pub const ALL: [IndexKind; 2] = [Self::Vector, Self::Search];

    /// The product's name as the screen says it: `Vector` or `Search`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Vector => "Vector",
            Self::Search => "Search",
        }
    }

    /// The API path of this kind's indexes: `/v2/vector/index` or `/v2/search`.
    pub fn base_path(self) -> &'static str {
        match self {
            Self::Vector => "/v2/vector/index",
            Self::Search => "/v2/search",
        }
    }
}

/// One product call.
#[derive(Debug, Clone, PartialEq)]
pub enum ProductCall {
    /// List the account's indexes of a kind (tokens included, as the API sends them).
    ListIndexes {
        /// Vector or Search.
        kind: IndexKind,
    },
    /// Read one index.
    GetIndex {
        /// Vector or Search.
        kind: IndexKind,
        /// The index.
        id: String,
    },
    /// Read one index's usage over a period.
    IndexStats {
        /// Vector or Search.
        kind: IndexKind,
        /// The index.
        id: String,
        /// The period.
        period: ProductPeriod,
    },
    /// Read the usage of all the account's indexes of a kind.
    IndexTotals {
        /// Vector or Search.
        kind: IndexKind,
    },
    /// Create a Vector index (never retried after a lost answer).
    CreateVectorIndex {
        /// What to create.
        request: CreateVectorIndex,
    },
    /// Create a Search index (never retried after a lost answer).
    CreateSearchIndex {
        /// What to create.
        request: CreateSearchIndex,
    },
    /// Rename an index.
    RenameIndex {
        /// Vector or Search.
        kind: IndexKind,
        /// The index.
        id: String,
        /// The new name.
        name: String,
    },
    /// Reset an index's token and read-only token.
    ResetIndexPassword {
        /// Vector or Search.
        kind: IndexKind,
        /// The index.
        id: String,
    },
    /// Delete an index.
    DeleteIndex {
        /// Vector or Search.
        kind: IndexKind,
        /// The index.
        id: String,
    },
    /// Transfer an index to a team (it leaves this account).
    TransferIndex {
        /// Vector or Search.
        kind: IndexKind,
        /// The index.
        id: String,
        /// The team's ID.
        team_id: String,
    },
    /// Change a Vector index's plan (`free`, `payg`, `fixed`).
    SetVectorPlan {
        /// The index.
        id: String,
        /// The target plan.
        plan: String,
    },
    /// List the account's QStash, one per region.
    ListQStash,
    /// Read one QStash.
    GetQStash {
        /// The QStash ID.
        id: String,
    },
    /// Read QStash usage over a period.
    QStashStats {
        /// The QStash ID.
        id: String,
        /// The period.
        period: ProductPeriod,
    },
    /// Rotate the QStash token (the old one stops working).
    RotateQStashToken {
        /// The QStash ID.
        id: String,
    },
    /// Change the QStash plan (see `QSTASH_PLANS`).
    SetQStashPlan {
        /// The QStash ID.
        id: String,
        /// The plan name.
        plan: String,
    },
    /// Set the monthly budget in dollars (0: no limit; otherwise 20 to 10000).
    SetQStashBudget {
        /// The QStash ID.
        id: String,
        /// Dollars a month.
        budget: u64,
    },
    /// Turn the production pack on or off.
    SetQStashProdPack {
        /// The QStash ID.
        id: String,
        /// On or off.
        on: bool,
    },
    /// Move QStash to a team (it leaves this account).
    MoveQStashToTeam {
        /// The QStash ID.
        id: String,
        /// The team's ID.
        team_id: String,
    },
    /// List the account's teams (targets for a transfer).
    ListTeams,
}

impl ProductCall {
    /// Whether the call changes anything (so it is shown and confirmed before it is sent).
    pub fn is_write(&self) -> bool {
        !matches!(
            self,
            Self::ListIndexes { .. }
                | Self::GetIndex { .. }
                | Self::IndexStats { .. }
                | Self::IndexTotals { .. }
                | Self::ListQStash
                | Self::GetQStash { .. }
                | Self::QStashStats { .. }
                | Self::ListTeams
        )
    }

    /// The request as it will be sent: method, path and JSON body (if any), e.g.
    /// `POST /v2/vector/index/ID/rename {"name":"docs"}`. Holds no secret.
    pub fn request_line(&self) -> String {
        use serde_json::json;
        let (method, path, body) = match self {
            Self::ListIndexes { kind } => ("GET", kind.base_path().to_owned(), None),
            Self::GetIndex { kind, id } => ("GET", format!("{}/{id}", kind.base_path()), None),
            Self::IndexStats { kind, id, period } => (
                "GET",
                format!("{}/{id}/stats?period={}", kind.base_path(), period.as_str()),
                None,
            ),
            Self::IndexTotals { kind } => ("GET", format!("{}/stats", kind.base_path()), None),
            Self::CreateVectorIndex { request } => {
                ("POST", "/v2/vector/index".to_owned(), Some(request.body()))
            }
            Self::CreateSearchIndex { request } => {
                ("POST", "/v2/search".to_owned(), Some(request.body()))
            }
            Self::RenameIndex { kind, id, name } => (
                "POST",
                format!("{}/{id}/rename", kind.base_path()),
                Some(json!({ "name": name })),
            ),
            Self::ResetIndexPassword { kind, id } => (
                "POST",
                format!("{}/{id}/reset-password", kind.base_path()),
                None,
            ),
            Self::DeleteIndex { kind, id } => {
                ("DELETE", format!("{}/{id}", kind.base_path()), None)
            }
            Self::TransferIndex { kind, id, team_id } => (
                "POST",
                format!("{}/{id}/transfer", kind.base_path()),
                Some(json!({ "target_account": team_id })),
            ),
            Self::SetVectorPlan { id, plan } => (
                "POST",
                format!("/v2/vector/index/{id}/setplan"),
                Some(json!({ "target_plan": plan })),
            ),
            Self::ListQStash => ("GET", "/v2/qstash/users".to_owned(), None),
            Self::GetQStash { id } => ("GET", format!("/v2/qstash/user/{id}"), None),
            Self::QStashStats { id, period } => (
                "GET",
                format!("/v2/qstash/stats/{id}?period={}", period.as_str()),
                None,
            ),
            Self::RotateQStashToken { id } => {
                ("POST", format!("/v2/qstash/rotate-token/{id}"), None)
            }
            Self::SetQStashPlan { id, plan } => (
                "POST",
                format!("/v2/qstash/set-plan/{id}"),
                Some(json!({ "plan_name": plan })),
            ),
            Self::SetQStashBudget { id, budget } => (
                "PATCH",
                format!("/v2/qstash/update-budget/{id}"),
                Some(json!({ "budget": budget })),
            ),
            Self::SetQStashProdPack { id, on } => {
                let verb = if *on { "enable" } else { "disable" };
                ("POST", format!("/v2/qstash/{verb}-prodpack/{id}"), None)
            }
            Self::MoveQStashToTeam { id, team_id } => (
                "POST",
                "/v2/qstash/move-to-team".to_owned(),
                Some(json!({ "qstash_id": id, "target_team_id": team_id })),
            ),
            Self::ListTeams => ("GET", "/v2/teams".to_owned(), None),
        };
        match body {
            Some(body) => format!("{method} {path} {body}"),
            None => format!("{method} {path}"),
        }
    }
}

/// What a [`ProductCall`] answers.
#[derive(Debug, Clone, PartialEq)]
pub enum ProductReply {
    /// The account's Vector indexes.
    VectorIndexes(Vec<VectorIndex>),
    /// The account's Search indexes.
    SearchIndexes(Vec<SearchIndex>),
    /// A Vector index (get, create, rename, reset password).
    VectorIndex(Box<VectorIndex>),
    /// A Search index (get, create, rename, reset password).
    SearchIndex(Box<SearchIndex>),
    /// One index's usage.
    IndexStats(Box<IndexStats>),
    /// All indexes' usage.
    IndexTotals(IndexTotals),
    /// The account's QStash, one per region.
    QStash(Vec<QStashUser>),
    /// One QStash (get, rotate token).
    QStashUser(Box<QStashUser>),
    /// QStash usage.
    QStashStats(Box<QStashStats>),
    /// The account's teams.
    Teams(Vec<Team>),
    /// Done, nothing to show (delete, transfer, plan, budget, prod pack).
    Done,
}

impl Client {
    /// Sends `call` and returns its answer.
    pub async fn run_product(&self, call: &ProductCall) -> Result<ProductReply, ApiError> {
        use IndexKind::{Search, Vector};
        use ProductReply as R;
        let vector = |i: VectorIndex| R::VectorIndex(Box::new(i));
        let search = |i: SearchIndex| R::SearchIndex(Box::new(i));
        let done = |()| R::Done;
        Ok(match call {
            ProductCall::ListIndexes { kind: Vector } => {
                R::VectorIndexes(self.list_vector_indexes().await?)
            }
            ProductCall::ListIndexes { kind: Search } => {
                R::SearchIndexes(self.list_search_indexes().await?)
            }
            ProductCall::GetIndex { kind: Vector, id } => vector(self.get_vector_index(id).await?),
            ProductCall::GetIndex { kind: Search, id } => search(self.get_search_index(id).await?),
            ProductCall::IndexStats { kind, id, period } => {
                let stats = match kind {
                    Vector => self.vector_index_stats(id, Some(*period)).await?,
                    Search => self.search_index_stats(id, Some(*period)).await?,
                };
                R::IndexStats(Box::new(stats))
            }
            ProductCall::IndexTotals { kind: Vector } => {
                R::IndexTotals(self.vector_totals().await?)
            }
            ProductCall::IndexTotals { kind: Search } => {
                R::IndexTotals(self.search_totals().await?)
            }
            ProductCall::CreateVectorIndex { request } => {
                vector(self.create_vector_index(request).await?)
            }
            ProductCall::CreateSearchIndex { request } => {
                search(self.create_search_index(request).await?)
            }
            ProductCall::RenameIndex {
                kind: Vector,
                id,
                name,
            } => vector(self.rename_vector_index(id, name).await?),
            ProductCall::RenameIndex {
                kind: Search,
                id,
                name,
            } => search(self.rename_search_index(id, name).await?),
            ProductCall::ResetIndexPassword { kind: Vector, id } => {
                vector(self.reset_vector_index_password(id).await?)
            }
            ProductCall::ResetIndexPassword { kind: Search, id } => {
                search(self.reset_search_index_password(id).await?)
            }
            ProductCall::DeleteIndex { kind: Vector, id } => {
                done(self.delete_vector_index(id).await?)
            }
            ProductCall::DeleteIndex { kind: Search, id } => {
                done(self.delete_search_index(id).await?)
            }
            ProductCall::TransferIndex {
                kind: Vector,
                id,
                team_id,
            } => done(self.transfer_vector_index(id, team_id).await?),
            ProductCall::TransferIndex {
                kind: Search,
                id,
                team_id,
            } => done(self.transfer_search_index(id, team_id).await?),
            ProductCall::SetVectorPlan { id, plan } => {
                done(self.set_vector_index_plan(id, plan).await?)
            }
            ProductCall::ListQStash => R::QStash(self.list_qstash().await?),
            ProductCall::GetQStash { id } => R::QStashUser(Box::new(self.get_qstash(id).await?)),
            ProductCall::QStashStats { id, period } => {
                R::QStashStats(Box::new(self.qstash_stats(id, Some(*period)).await?))
            }
            ProductCall::RotateQStashToken { id } => {
                R::QStashUser(Box::new(self.rotate_qstash_token(id).await?))
            }
            ProductCall::SetQStashPlan { id, plan } => done(self.set_qstash_plan(id, plan).await?),
            ProductCall::SetQStashBudget { id, budget } => {
                done(self.set_qstash_budget(id, *budget).await?)
            }
            ProductCall::SetQStashProdPack { id, on } => {
                done(self.set_qstash_prod_pack(id, *on).await?)
            }
            ProductCall::MoveQStashToTeam { id, team_id } => {
                done(self.move_qstash_to_team(id, team_id).await?)
            }
            ProductCall::ListTeams => R::Teams(self.list_teams().await?),
        })
    }
}
