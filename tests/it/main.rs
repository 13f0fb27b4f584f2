//! The integration tests: one binary, one module per area.

mod auth_flows;
mod auth_hostile;
mod auth_listener;
mod auth_refresh;
mod browser_login;
mod cli_config;
mod cli_db;
mod cli_login;
mod cli_sandbox;
mod connect;
mod sandbox_agent;
mod sandbox_api;
mod sandbox_log_secrets;
mod sandbox_malformed;
mod sandbox_oauth;
mod store;
mod support;
mod tui_live;
mod tui_pty;
mod tui_run_loop;
mod tui_screens;
mod tui_screens_connect;
mod tui_support;
mod upstash_client;
mod upstash_models;
