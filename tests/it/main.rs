//! The integration test binary: one module per area.

mod upstash_client;
mod upstash_models;
