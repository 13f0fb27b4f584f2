//! Helpers shared by the integration tests.

pub mod cli;
pub mod counting_proxy;
pub mod pty;
