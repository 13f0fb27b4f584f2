//! Helpers shared by the integration tests.

pub mod cli;
pub mod oauth_browser;
pub mod pty;
