//! What updash prints and draws: the one sanitiser every outside string passes through, and
//! Redis replies in `redis-cli`'s shape.

mod reply;
mod sanitize;

pub use reply::{reply_lines, reply_text};
pub use sanitize::{display_width, quoted, sanitize, sanitize_bytes};
