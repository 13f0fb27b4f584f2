//! `POST /v2/redis/database`: the current body and the older `region: "global"` one.

use super::auth::Caller;
use super::model::Database;
use super::plans;
use super::record::{self, NewDatabase};
use super::reply::ApiError;
use super::{ApiState, validate};
use serde::Deserialize;

/// The real service's answer to a regional (non-global) create.
pub const REGIONAL_DEPRECATED: &str = "regional db creation is deprecated";

/// Every field a client may send; unknown fields (Terraform sends many) are ignored.
#[derive(Debug, Default, Deserialize)]
pub struct CreateBody {
    /// Current name field.
    pub database_name: Option<String>,
    /// Older name field (CLI v0, MCP server).
    pub name: Option<String>,
    /// `aws` or `gcp` (current body).
    pub platform: Option<String>,
    /// `"global"` in the older body; a region code asks for a (deprecated) regional DB.
    pub region: Option<String>,
    /// Primary region code.
    pub primary_region: Option<String>,
    /// Read region codes.
    #[serde(default)]
    pub read_regions: Vec<String>,
    /// Plan name; see [`plans::PLANS`].
    pub plan: Option<String>,
    /// Eviction on.
    pub eviction: Option<bool>,
    /// Monthly budget.
    pub budget: Option<i64>,
    /// Accepted and ignored: TLS is always on.
    pub tls: Option<bool>,
}

/// Validates `body` and adds the database to the caller's account.
pub fn create_database(
    state: &mut ApiState,
    caller: &Caller,
    body: CreateBody,
    now: i64,
) -> Result<Database, ApiError> {
    match body.region.as_deref() {
        None | Some("global") => {}
        Some(_) => return Err(ApiError::bad_request_bare(REGIONAL_DEPRECATED)),
    }
    let name = body
        .database_name
        .as_deref()
        .or(body.name.as_deref())
        .ok_or_else(|| ApiError::bad_request("database_name is required"))?;
    validate::database_name(name)?;
    let platform = match body.platform.as_deref() {
        Some(p) => Some(validate::platform(p)?),
        None if body.region.is_some() => None, // older body: the primary region decides
        None => {
            return Err(ApiError::bad_request(
                "platform is required: \"aws\" or \"gcp\"",
            ));
        }
    };
    let primary = body
        .primary_region
        .as_deref()
        .ok_or_else(|| ApiError::bad_request("primary_region is required"))?;
    let platform = validate::primary_region(primary, platform)?;
    let plan_name = body.plan.as_deref().unwrap_or(plans::DEFAULT_PLAN);
    let plan = plans::find(plan_name).ok_or_else(|| {
        ApiError::bad_request(format!(
            "invalid plan \"{plan_name}\": must be one of {}",
            plans::names()
        ))
    })?;
    validate::read_regions(&body.read_regions, primary, platform, plan.name == "free")?;
    let budget = match body.budget {
        Some(b) => {
            validate::budget(b)?;
            b
        }
        None if plan.name == "payg" => plans::DEFAULT_PAYG_BUDGET,
        None => 0,
    };
    let db = record::database(
        NewDatabase {
            name,
            primary_region: primary,
            read_regions: body.read_regions.clone(),
            plan,
            budget,
            eviction: body.eviction.unwrap_or(false),
            customer_id: &caller.customer_id,
        },
        now,
        &mut rand::rng(),
    );
    state.databases.push(db.clone());
    Ok(db)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    fn caller() -> Caller {
        Caller {
            email: "a@b.c".into(),
            customer_id: "a@b.c".into(),
            read_only: false,
            key_name: "k".into(),
        }
    }

    fn body(json: serde_json::Value) -> CreateBody {
        serde_json::from_value(json).expect("body")
    }

    #[test]
    fn current_and_older_bodies_create() {
        let mut state = ApiState::default();
        let db = create_database(
            &mut state,
            &caller(),
            body(serde_json::json!({"database_name": "a", "platform": "gcp",
                "primary_region": "us-central1", "read_regions": ["us-east4"], "plan": "fixed_1gb"})),
            5,
        )
        .expect("current");
        assert_eq!(db.db_plan_type, "paid");
        assert_eq!(db.all_members, ["us-central1", "us-east4"]);
        let db = create_database(
            &mut state,
            &caller(),
            body(
                serde_json::json!({"name": "b", "region": "global", "primary_region": "eu-west-1"}),
            ),
            5,
        )
        .expect("older");
        assert_eq!(db.db_plan_type, "payg");
        assert_eq!(db.budget, plans::DEFAULT_PAYG_BUDGET);
        assert_eq!(state.databases.len(), 2);
    }

    #[test]
    fn regional_create_is_a_bare_string_error() {
        let err = create_database(
            &mut ApiState::default(),
            &caller(),
            body(serde_json::json!({"name": "b", "region": "eu-west-1"})),
            5,
        )
        .expect_err("regional");
        assert_eq!(err.status(), StatusCode::BAD_REQUEST);
        assert_eq!(err.message(), REGIONAL_DEPRECATED);
    }

    #[test]
    fn missing_fields_are_named() {
        for (json, words) in [
            (
                serde_json::json!({"platform": "aws"}),
                "database_name is required",
            ),
            (
                serde_json::json!({"database_name": "x", "primary_region": "us-east-1"}),
                "platform is required",
            ),
            (
                serde_json::json!({"database_name": "x", "platform": "aws"}),
                "primary_region is required",
            ),
            (
                serde_json::json!({"database_name": "x", "platform": "aws", "primary_region": "us-east-1", "plan": "pro"}),
                "invalid plan",
            ),
            (
                serde_json::json!({"database_name": "x", "platform": "aws", "primary_region": "us-east-1", "budget": -5}),
                "invalid budget",
            ),
        ] {
            let err = create_database(&mut ApiState::default(), &caller(), body(json), 1)
                .expect_err(words);
            assert!(err.message().contains(words), "{}", err.message());
        }
    }
}
