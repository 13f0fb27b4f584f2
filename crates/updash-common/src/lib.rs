//! What the updash product and its sandbox provider both need: secret values that never
//! print, HTML page helpers, the Upstash region catalog, and bounded file reads.

pub mod bounded_file;
pub mod html;
pub mod regions;
pub mod secret;
