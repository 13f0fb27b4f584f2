//! The handlers Vector and Search indexes share: list, get, create, rename, reset password,
//! transfer, delete and stats, over an [`Index`] kind. Other accounts' indexes answer 404 as
//! if they did not exist. Each kind's own file keeps what differs (the create body and its
//! checks, Vector's set plan).

use super::ApiState;
use super::audit::{self, AuditAction, Subject};
use super::auth::{Caller, caller};
use super::product_rules as rules;
use super::product_stats;
use super::reply::{ApiError, ApiResult, json_bytes, ok, parse_body};
use crate::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// A request body as the handlers take it (parsed by `parse_body`).
pub type Body = Result<Bytes, BytesRejection>;

/// A kind of index the sandbox stores: where its records live and the words it goes by.
pub trait Index: Serialize + Sized + Send + Sync + 'static {
    /// The kind in messages and logs, e.g. "vector index".
    const KIND: &'static str;
    /// Audit action for a new index.
    const CREATE: AuditAction;
    /// Audit action for a rename.
    const RENAME: AuditAction;
    /// Audit action for new tokens.
    const RESET_PASSWORD: AuditAction;
    /// Audit action for a move to another account.
    const TRANSFER: AuditAction;
    /// Audit action for a delete.
    const DELETE: AuditAction;

    /// All accounts' indexes of this kind.
    fn table(api: &ApiState) -> &Vec<Self>;
    /// All accounts' indexes of this kind, to change.
    fn table_mut(api: &mut ApiState) -> &mut Vec<Self>;
    /// UUID.
    fn id(&self) -> &str;
    /// Name, unique within the account.
    fn name(&self) -> &str;
    /// The owning account.
    fn customer_id(&self) -> &str;
    /// Plan (`type` on the wire).
    fn plan(&self) -> &str;
    /// Renames the index.
    fn set_name(&mut self, name: String);
    /// Moves the index to another account.
    fn set_customer_id(&mut self, account: String);
    /// Gives the index new read-write and read-only tokens.
    fn reset_tokens(&mut self);
}

/// Implements [`Index`] for a record whose `id`, `name`, `customer_id`, `plan`, `token` and
/// `read_only_token` fields are named as in the API, stored in `ApiState.$table`.
macro_rules! index_kind {
    ($record:ty, $table:ident, $kind:literal, $create:ident, $rename:ident,
     $reset:ident, $transfer:ident, $delete:ident) => {
        impl $crate::api::indexes::Index for $record {
            const KIND: &'static str = $kind;
            const CREATE: $crate::api::audit::AuditAction =
                $crate::api::audit::AuditAction::$create;
            const RENAME: $crate::api::audit::AuditAction =
                $crate::api::audit::AuditAction::$rename;
            const RESET_PASSWORD: $crate::api::audit::AuditAction =
                $crate::api::audit::AuditAction::$reset;
            const TRANSFER: $crate::api::audit::AuditAction =
                $crate::api::audit::AuditAction::$transfer;
            const DELETE: $crate::api::audit::AuditAction =
                $crate::api::audit::AuditAction::$delete;

            fn table(api: &$crate::api::ApiState) -> &Vec<Self> {
                &api.$table
            }
            fn table_mut(api: &mut $crate::api::ApiState) -> &mut Vec<Self> {
                &mut api.$table
            }
            fn id(&self) -> &str {
                &self.id
            }
            fn name(&self) -> &str {
                &self.name
            }
            fn customer_id(&self) -> &str {
                &self.customer_id
            }
            fn plan(&self) -> &str {
                &self.plan
            }
            fn set_name(&mut self, name: String) {
                self.name = name;
            }
            fn set_customer_id(&mut self, account: String) {
                self.customer_id = account;
            }
            fn reset_tokens(&mut self) {
                let mut rng = rand::rng();
                self.token = $crate::api::record::rest_token(&mut rng);
                self.read_only_token = $crate::api::record::rest_token(&mut rng);
            }
        }
    };
}
pub(super) use index_kind;

fn not_found<I: Index>() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, format!("{} not found", I::KIND))
}

/// The index as the API answers it: the record, fields in order, with recent throughput.
#[derive(Serialize)]
struct Wire<'a, I> {
    #[serde(flatten)]
    record: &'a I,
    throughput_vector: Value,
}

/// The wire shape of `index` at `now`.
fn wire<I: Index>(index: &I, now: i64) -> Wire<'_, I> {
    Wire {
        record: index,
        throughput_vector: product_stats::throughput(index.id(), index.plan(), now),
    }
}

/// The names `account` uses for this kind, leaving out the index `except` (by id).
fn names_in<'a, I: Index>(
    api: &'a ApiState,
    account: &'a str,
    except: &'a str,
) -> impl Iterator<Item = &'a str> {
    I::table(api)
        .iter()
        .filter(move |i| i.customer_id() == account && i.id() != except)
        .map(|i| i.name())
}

/// A `field is required` error when `value` is missing.
pub fn required(field: &str, value: Option<String>) -> Result<String, ApiError> {
    value.ok_or_else(|| ApiError::bad_request(format!("{field} is required")))
}

/// The name and region every create body carries, checked: a valid name, one of `regions`.
pub fn name_and_region(
    name: Option<String>,
    region: Option<String>,
    regions: &[&str],
) -> Result<(String, String), ApiError> {
    let name = required("name", name)?;
    rules::index_name(&name)?;
    let region = required("region", region)?;
    rules::one_of("region", &region, regions)?;
    Ok((name, region))
}

/// `POST …`: under the state lock (a writing key is required) `build` checks the body and
/// makes the index; its name must be free in the caller's account. The new index is added,
/// audited and answered in its wire shape.
pub fn create<I: Index, B: DeserializeOwned>(
    shared: &AppState,
    headers: &HeaderMap,
    body: Body,
    build: impl FnOnce(B, &Caller, i64) -> Result<I, ApiError>,
) -> ApiResult {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, headers)?;
    who.may_write()?;
    let index = build(parse_body(body)?, &who, now)?;
    let taken = names_in::<I>(&guard.api, &who.customer_id, "");
    rules::name_free(index.name(), taken)?;
    let answer = serde_json::to_vec(&wire(&index, now))
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "encoding"))?;
    let (name, id) = (index.name().to_owned(), index.id().to_owned());
    I::table_mut(&mut guard.api).push(index);
    let subject = Subject::new(&name, &id);
    audit::record(&mut guard.api, &who, I::CREATE, subject, now);
    drop(guard);
    tracing::info!("sandbox: {} created", I::KIND);
    json_bytes(answer)
}

fn position<I: Index>(state: &ApiState, who: &Caller, id: &str) -> Result<usize, ApiError> {
    I::table(state)
        .iter()
        .position(|i| i.id() == id && i.customer_id() == who.customer_id)
        .ok_or_else(not_found::<I>)
}

/// Runs `apply` on the caller's index under the state lock (a writing key is required),
/// and records `action` in the account's audit log when it succeeds: the index by the name
/// it had, with the detail `apply` returns (a new name, a plan, a team).
pub fn change<I: Index>(
    shared: &AppState,
    headers: &HeaderMap,
    id: &str,
    action: AuditAction,
    apply: impl FnOnce(&mut ApiState, usize, &Caller) -> Result<String, ApiError>,
) -> Result<(), ApiError> {
    let now = shared.now();
    let mut guard = shared.state_mut();
    let who = caller(&guard.api, headers)?;
    who.may_write()?;
    let at = position::<I>(&guard.api, &who, id)?;
    let name = I::table(&guard.api)[at].name().to_owned();
    let detail = apply(&mut guard.api, at, &who)?;
    let subject = Subject::new(&name, id).detail(&detail);
    audit::record(&mut guard.api, &who, action, subject, now);
    Ok(())
}

/// `GET …`: the account's indexes, tokens included.
pub async fn list<I: Index>(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let mine = I::table(&guard.api)
        .iter()
        .filter(|i| i.customer_id() == who.customer_id)
        .map(|i| wire(i, now))
        .collect::<Vec<_>>();
    Ok(Json(mine).into_response())
}

/// `GET …/{id}`.
pub async fn get<I: Index>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let at = position::<I>(&guard.api, &who, &id)?;
    Ok(Json(wire(&I::table(&guard.api)[at], now)).into_response())
}

#[derive(Deserialize)]
struct Rename {
    name: String,
}

/// `POST …/{id}/rename` `{name}` → `"OK"`.
pub async fn rename<I: Index>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    change::<I>(&shared, &headers, &id, I::RENAME, |api, at, who| {
        let req: Rename = parse_body(body)?;
        rules::index_name(&req.name)?;
        rules::name_free(&req.name, names_in::<I>(api, &who.customer_id, &id))?;
        I::table_mut(api)[at].set_name(req.name.clone());
        Ok(req.name)
    })?;
    ok()
}

/// `POST …/{id}/reset-password` → `"OK"`; both tokens change.
pub async fn reset_password<I: Index>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    change::<I>(&shared, &headers, &id, I::RESET_PASSWORD, |api, at, _| {
        I::table_mut(api)[at].reset_tokens();
        Ok(String::new())
    })?;
    ok()
}

#[derive(Deserialize)]
struct Transfer {
    target_account: String,
}

/// `POST …/{id}/transfer` `{target_account}` → `"OK"`; the index leaves the caller's
/// account for a team the caller belongs to.
pub async fn transfer<I: Index>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult {
    change::<I>(&shared, &headers, &id, I::TRANSFER, |api, at, who| {
        let req: Transfer = parse_body(body)?;
        rules::transfer_target(
            &api.teams,
            &who.email,
            &who.customer_id,
            &req.target_account,
        )?;
        let name = I::table(api)[at].name();
        rules::name_free(name, names_in::<I>(api, &req.target_account, ""))?;
        I::table_mut(api)[at].set_customer_id(req.target_account.clone());
        Ok(req.target_account)
    })?;
    ok()
}

/// `DELETE …/{id}` → `"OK"`.
pub async fn delete<I: Index>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    change::<I>(&shared, &headers, &id, I::DELETE, |api, at, _| {
        I::table_mut(api).remove(at);
        Ok(String::new())
    })?;
    tracing::info!("sandbox: {} deleted", I::KIND);
    ok()
}

/// `GET …/{id}/stats?period=1h…30d`.
pub async fn stats<I: Index>(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult {
    let (index_id, plan) = {
        let guard = shared.state();
        let who = caller(&guard.api, &headers)?;
        let at = position::<I>(&guard.api, &who, &id)?;
        let index = &I::table(&guard.api)[at];
        (index.id().to_owned(), index.plan().to_owned())
    };
    let span = product_stats::period_secs(query.get("period").map(String::as_str))?;
    let answer = product_stats::index_stats(&index_id, &plan, span, shared.now());
    Ok(Json(answer).into_response())
}

/// `GET …/stats`: usage of all the account's indexes.
pub async fn totals<I: Index>(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let now = shared.now();
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let mine = I::table(&guard.api)
        .iter()
        .filter(|i| i.customer_id() == who.customer_id)
        .map(|i| (i.id(), i.plan()));
    Ok(Json(product_stats::totals(mine, now)).into_response())
}
