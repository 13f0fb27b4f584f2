//! Helpers shared by the integration tests.

pub mod oauth_browser;
