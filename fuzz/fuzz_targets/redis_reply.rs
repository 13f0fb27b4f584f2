//! Redis REST reply bodies: one entry or a pipeline's array, decoded and printed as
//! redis-cli does. Nothing panics, and every printed line is already sanitised.
#![no_main]

use libfuzzer_sys::fuzz_target;
use updash::output::{reply_lines, sanitize};
use updash::redis::from_entry;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let entries = match &value {
        serde_json::Value::Array(items) => items.iter().collect::<Vec<_>>(),
        one => vec![one],
    };
    for entry in entries {
        if let Ok(Ok(reply)) = from_entry(entry) {
            for line in reply_lines(&reply) {
                assert_eq!(sanitize(&line), line);
            }
        }
    }
});
