//! An embedded keyspace engine with Redis 7.0 semantics, for the updash
//! sandbox's Redis REST data plane.
//!
//! [`Keyspace::execute`] runs one command (RESP-style argument vector) at a
//! clock the caller passes in and returns a [`Reply`]. The command table
//! ([`command_info`], [`is_read_only`], [`allowed_for_read_only_token`])
//! lets a front end refuse writes to Upstash's read-only token. Expiry is
//! lazy plus an incremental [`Keyspace::sweep`]; [`Keyspace::save`] and
//! [`Keyspace::load`] persist a database; [`Keyspace::seed_demo`] and
//! [`Keyspace::seed_bulk`] fill one for demos and load tests.

mod bigint;
mod command_table;
mod dfmt;
mod expiry;
mod glob;
mod keys;
mod keyspace;
mod longdouble;
mod parse;
mod persist;
mod reply;
mod scan;
mod scanmap;
mod seed;
mod server;
mod types;
mod value;

pub use command_table::{
    ADMIN, CommandInfo, DENY_READ_ONLY_TOKEN, NOT_IN_REDIS_7_0, READ, WRITE,
    allowed_for_read_only_token, command_info, commands, is_read_only,
};
pub use dfmt::format_double;
pub use expiry::SWEEP_BUDGET;
pub use glob::{glob_match, glob_match_nocase};
pub use keyspace::{Keyspace, Limits};
pub use persist::LoadError;
pub use reply::Reply;
pub use scan::SCAN_CAP;
