//! What updash prints and draws: the one sanitiser every outside string passes through,
//! writing to stdout and stderr without panicking, terminal-safe JSON, numbers in human
//! units, and Redis replies in `redis-cli`'s shape.

mod json;
mod reply;
mod sanitize;
pub mod term;
mod units;

pub use json::{RecordPrinter, json_text, print_json, print_records, write_json};
pub use reply::{reply_lines, reply_text};
pub use sanitize::{display_width, quoted, sanitize, sanitize_bytes, strip_escapable};
pub use term::sanitize_lines;
pub use units::{amount, budget, count, limit, millis, min_avg_max, size, size_f, size_limit};
