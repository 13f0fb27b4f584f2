//! The value types and their commands, one module per type.

pub(crate) mod hash;
pub(crate) mod hash_ttl;
pub(crate) mod json;
pub(crate) mod json_path;
pub(crate) mod list;
pub(crate) mod set;
pub(crate) mod stream;
pub(crate) mod string;
pub(crate) mod zset;
pub(crate) mod zset_cmds;
