//! The integration tests: one binary, one module per area.

mod cli_config;
mod cli_db;
mod sandbox_api;
mod sandbox_oauth;
mod store;
mod support;
mod upstash_client;
mod upstash_models;
