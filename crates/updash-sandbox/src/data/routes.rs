//! The REST routes of every database, under `/{database_id}`:
//! `POST /` (one command as a JSON array), `POST /pipeline`, `POST /multi-exec`, and the
//! path form `GET|POST /{command}/{arg}/…`.

use super::access::{self, TokenKind};
use super::backend::{BackendError, DbRef};
use super::reply::Reply;
use super::request::{self, Command};
use crate::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// Upstash's request size limit; a whole pipeline counts.
pub const MAX_REQUEST_BYTES: usize = 10 * 1024 * 1024;

/// The data listener's routes (one handler reads the path itself, so database ids and
/// binary path arguments need no route syntax).
pub fn router() -> Router<AppState> {
    Router::new().fallback(handle)
}

/// The answer to a body over [`MAX_REQUEST_BYTES`].
pub fn too_large(_max: usize) -> Response {
    error(StatusCode::BAD_REQUEST, "ERR max request size exceeded")
}

fn error(status: StatusCode, text: &str) -> Response {
    (status, axum::Json(json!({ "error": text }))).into_response()
}

fn unauthorized() -> Response {
    error(StatusCode::UNAUTHORIZED, "Unauthorized")
}

fn unavailable(e: BackendError) -> Response {
    error(StatusCode::SERVICE_UNAVAILABLE, &e.to_string())
}

/// What a request asks for.
enum Ask {
    One(Command),
    Pipeline(Vec<Command>),
    MultiExec(Vec<Command>),
}

async fn handle(
    State(shared): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let posted = match method {
        Method::POST | Method::PUT => true,
        Method::GET | Method::HEAD => false,
        _ => return error(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed"),
    };
    let path = uri.path().trim_start_matches('/');
    let mut segments = path.split('/');
    let db_id = segments.next().unwrap_or_default();
    let rest: Vec<&str> = segments.filter(|s| !s.is_empty()).collect();
    if db_id.is_empty() {
        return error(
            StatusCode::NOT_FOUND,
            "ERR no database in the path: the REST URL is /{database_id}",
        );
    }
    let token =
        bearer(&headers).or_else(|| request::query_param(uri.query(), request::TOKEN_PARAM));
    let kind = {
        let state = shared.state();
        let Some(db) = state.api.databases.get(db_id) else {
            return error(
                StatusCode::NOT_FOUND,
                "ERR database not found: it was deleted or never existed",
            );
        };
        match token.as_deref().and_then(|t| access::token_kind(db, t)) {
            Some(kind) => kind,
            None => return unauthorized(),
        }
    };
    let ask = match parse(&rest, posted, &body, uri.query()) {
        Ok(ask) => ask,
        Err(text) => return error(StatusCode::BAD_REQUEST, &text),
    };
    shared.data.wait_seeded().await;
    let db = match shared.data.db_ref(&shared, db_id).await {
        Ok(db) => db,
        Err(e) => return unavailable(e),
    };
    let base64 = headers
        .get("upstash-encoding")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("base64"));
    let now = shared.now_ms();
    match ask {
        Ask::One(cmd) => one(&shared, &db, kind, cmd, now, base64).await,
        Ask::Pipeline(cmds) => pipeline(&shared, &db, kind, cmds, now, base64).await,
        Ask::MultiExec(cmds) => multi_exec(&shared, &db, kind, cmds, now, base64).await,
    }
}

/// Reads the command(s) from the path, body and query.
fn parse(rest: &[&str], posted: bool, body: &[u8], query: Option<&str>) -> Result<Ask, String> {
    match rest {
        [] if posted => request::body_command(body).map(Ask::One),
        [] => Err("ERR no command: POST a JSON array, or put the command in the path".into()),
        ["pipeline"] if posted => request::body_commands(body).map(Ask::Pipeline),
        ["multi-exec"] if posted => request::body_commands(body).map(Ask::MultiExec),
        ["pipeline" | "multi-exec"] => Err("ERR pipeline and multi-exec take a POST".into()),
        segments => Ok(Ask::One(request::path_command(
            segments,
            posted.then_some(body),
            query,
        ))),
    }
}

/// The token of an `Authorization: Bearer` header.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

/// 200 with the result, or 400 with the error.
async fn one(
    shared: &AppState,
    db: &DbRef,
    kind: TokenKind,
    cmd: Command,
    now: u64,
    base64: bool,
) -> Response {
    let reply = match access::check(&cmd, kind) {
        Err(refusal) => refusal,
        Ok(_) => match shared.data.backend().execute(db, cmd, now).await {
            Ok(reply) => reply,
            Err(e) => return unavailable(e),
        },
    };
    let status = if reply.is_error() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (status, axum::Json(reply.envelope(base64))).into_response()
}

/// Each command checked and run in order; a refused one gets its error in place.
async fn pipeline(
    shared: &AppState,
    db: &DbRef,
    kind: TokenKind,
    cmds: Vec<Command>,
    now: u64,
    base64: bool,
) -> Response {
    let mut refusals: Vec<Option<Reply>> = Vec::with_capacity(cmds.len());
    let mut runnable = Vec::with_capacity(cmds.len());
    for cmd in cmds {
        match access::check(&cmd, kind) {
            Ok(_) => {
                refusals.push(None);
                runnable.push(cmd);
            }
            Err(refusal) => refusals.push(Some(refusal)),
        }
    }
    let ran = if runnable.is_empty() {
        Vec::new()
    } else {
        match shared.data.backend().batch(db, runnable, now).await {
            Ok(replies) => replies,
            Err(e) => return unavailable(e),
        }
    };
    let mut ran = ran.into_iter();
    let items: Vec<Value> = refusals
        .into_iter()
        .map(|refused| {
            refused
                .or_else(|| ran.next())
                .unwrap_or(Reply::Nil)
                .envelope(base64)
        })
        .collect();
    axum::Json(Value::Array(items)).into_response()
}

/// All commands checked first (one refusal discards the whole transaction, as Upstash
/// does), then run atomically.
async fn multi_exec(
    shared: &AppState,
    db: &DbRef,
    kind: TokenKind,
    cmds: Vec<Command>,
    now: u64,
    base64: bool,
) -> Response {
    for cmd in &cmds {
        if let Err(Reply::Error(text)) = access::check(cmd, kind) {
            return error(StatusCode::BAD_REQUEST, &text);
        }
    }
    let count = cmds.len();
    let replies = match shared.data.backend().atomic(db, cmds, now).await {
        Ok(replies) => replies,
        Err(e) => return unavailable(e),
    };
    if replies.len() != count
        && let Some(Reply::Error(text)) = replies.first()
    {
        return error(StatusCode::BAD_REQUEST, text);
    }
    let items: Vec<Value> = replies.iter().map(|r| r.envelope(base64)).collect();
    axum::Json(Value::Array(items)).into_response()
}
