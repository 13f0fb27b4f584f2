//! What the updash product and its sandbox provider both need: secret values that never
//! print, HTML page helpers, and the Upstash region catalog.

pub mod html;
pub mod regions;
pub mod secret;
