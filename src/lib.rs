//! updash: a keyboard-first terminal dashboard for Upstash accounts.
//!
//! The library holds everything but the entry point so tests and benches reach the modules.

pub mod account;
pub mod auth;
pub mod cli;
pub mod config;
pub mod http;
pub mod logging;
pub mod output;
pub mod paths;
pub mod redis;
pub mod store;
pub mod tui;
pub mod upstash;

pub use updash_common::{html, secret};
