//! The keyspace engine's tests: one binary, one module per command group.

mod collections;
mod differential;
mod hashes;
mod json;
mod keys;
mod persist;
mod robustness;
mod scan;
mod seed;
mod strings;
mod support;
