//! The integration tests: one binary, one module per area.

mod sandbox_oauth;
mod support;
