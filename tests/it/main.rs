//! The integration tests: one binary, one module per area.

mod auth_flows;
mod auth_hostile;
mod auth_listener;
mod auth_refresh;
mod browser_login;
mod cli_config;
mod cli_login;
mod connect;
mod sandbox_api;
mod sandbox_oauth;
mod store;
mod support;
mod upstash_client;
mod upstash_models;
