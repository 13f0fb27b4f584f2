//! The integration tests: one binary, one module per area.

mod cli_config;
mod cli_sandbox;
mod sandbox_api;
mod sandbox_log_secrets;
mod sandbox_malformed;
mod sandbox_oauth;
mod store;
mod support;
