//! Everything the sandbox remembers: the authorization server's and the Developer API's data.

use serde::{Deserialize, Serialize};

/// The schema version of the persisted state.
pub const STATE_VERSION: u32 = 1;

/// The whole sandbox state, persisted as one JSON document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    /// Schema version.
    pub version: u32,
    /// Users, clients, codes, tokens, device codes.
    pub oauth: super::oauth::OAuthState,
    /// API keys, teams, databases.
    pub api: super::api::ApiState,
    /// The data plane's bookkeeping (which Redis logical database each database uses).
    #[serde(default)]
    pub data: super::data::DataState,
}

impl State {
    /// A fresh state: the seeded user, clients, personal and team databases, plus `extra`
    /// generated databases in the personal account.
    pub fn seeded(extra: usize) -> Self {
        Self {
            version: STATE_VERSION,
            oauth: super::oauth::OAuthState::seeded(),
            api: super::api::ApiState::seeded(super::SEEDED_EMAIL, extra),
            data: super::data::DataState::default(),
        }
    }
}
