//! What updash prints and draws: the one sanitiser every outside string passes through,
//! numbers in human units, and Redis replies in `redis-cli`'s shape.

mod reply;
mod sanitize;
mod units;

pub use reply::{reply_lines, reply_text};
pub use sanitize::{display_width, quoted, sanitize, sanitize_bytes};
pub use units::{amount, budget, count, limit, millis, min_avg_max, size, size_f, size_limit};
