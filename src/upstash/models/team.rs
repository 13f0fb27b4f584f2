//! Teams and team members.

use super::lenient::{opt_bool, opt_string, string_or_empty};
use serde::{Deserialize, Serialize};

/// A team the account belongs to (`GET /v2/teams`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Team {
    /// The team ID.
    pub team_id: String,
    /// The team name.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub team_name: String,
    /// Whether the credit card was copied to the team at creation.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub copy_cc: Option<bool>,
    /// The caller's role in this team (older list responses only).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub member_role: Option<String>,
}

/// A member of a team (`GET /v2/teams/{team_id}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TeamMember {
    /// The team ID.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub team_id: String,
    /// The team name.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub team_name: String,
    /// The member's email.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub member_email: String,
    /// `owner`, `admin`, `dev`, `finance` (kept as text: new roles need no code change).
    #[serde(default, deserialize_with = "string_or_empty")]
    pub member_role: String,
    /// Whether the credit card was copied to the team.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub copy_cc: Option<bool>,
}
