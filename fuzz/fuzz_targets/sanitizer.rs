//! The output sanitiser: whatever goes in, what comes out holds nothing it would escape
//! (so it is a fixed point), lines stay lines, and JSON output parses back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use updash::output::{display_width, json_text, quoted, sanitize, sanitize_bytes, sanitize_lines};

fuzz_target!(|data: &[u8]| {
    let bytes = sanitize_bytes(data);
    assert_eq!(sanitize(&bytes), bytes);
    let q = quoted(data);
    assert_eq!(sanitize(&q), q);
    let text = String::from_utf8_lossy(data);
    let once = sanitize(&text);
    assert_eq!(sanitize(&once), once);
    assert!(!once.contains('\n'));
    let _ = display_width(&text);
    let lines = sanitize_lines(&text);
    assert_eq!(lines.matches('\n').count(), text.matches('\n').count());
    let json = json_text(&serde_json::Value::String(text.to_string()));
    assert!(!json.chars().any(|c| c.is_control()));
    let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back.as_str(), Some(text.as_ref()));
});
