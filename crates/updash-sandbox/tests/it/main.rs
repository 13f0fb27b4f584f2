//! The sandbox's integration tests, over real HTTP on 127.0.0.1: one binary, one module per area.

mod api;
mod data;
mod log_secrets;
mod malformed;
mod oauth;
