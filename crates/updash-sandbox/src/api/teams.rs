//! `/v2/teams`: the teams the key's user belongs to, and a team's members.

use super::auth::caller;
use super::reply::{ApiError, ApiResult};
use crate::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde_json::json;

/// `GET /v2/teams`: `[{team_id, team_name, copy_cc, member_role}]` for the key's user, whatever
/// account the key acts on.
pub async fn list(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let teams: Vec<_> = guard
        .api
        .teams
        .iter()
        .filter_map(|t| {
            let me = t
                .members
                .iter()
                .find(|m| m.email.eq_ignore_ascii_case(&who.email))?;
            Some(json!({
                "team_id": t.team_id,
                "team_name": t.team_name,
                "copy_cc": t.copy_cc,
                "member_role": me.role,
            }))
        })
        .collect();
    Ok(Json(teams).into_response())
}

/// `GET /v2/teams/{team_id}`: the members, for a team the key's user belongs to; 404 otherwise.
pub async fn members(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(team_id): Path<String>,
) -> ApiResult {
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let team = guard
        .api
        .teams
        .iter()
        .find(|t| t.team_id == team_id)
        .filter(|t| {
            t.members
                .iter()
                .any(|m| m.email.eq_ignore_ascii_case(&who.email))
        })
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "team not found"))?;
    let members: Vec<_> = team
        .members
        .iter()
        .map(|m| {
            json!({
                "team_id": team.team_id,
                "team_name": team.team_name,
                "member_email": m.email,
                "member_role": m.role,
                "copy_cc": team.copy_cc,
            })
        })
        .collect();
    Ok(Json(members).into_response())
}
