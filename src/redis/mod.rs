//! The Upstash Redis REST API: a database's keys and values over HTTPS, binary-safe.
//!
//! [`RestClient`] sends commands, pipelines and transactions; [`Reply`] is what comes back;
//! [`is_read`] is the allow-list that read-only mode enforces.

mod client;
mod commands;
mod error;
mod reply;

pub use client::{DEFAULT_MAX_REPLY_BYTES, RestClient};
pub use commands::is_read;
pub use error::RedisError;
pub use reply::{Reply, from_entry};
