//! The loopback listener's verdict on a callback query: never panics, a code comes back
//! only for the right state, and with an issuer required only when `iss` is there.
#![no_main]

use libfuzzer_sys::fuzz_target;
use updash::auth::{CallbackCheck, CallbackVerdict, judge_callback};
use updash::secret::Secret;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let state = Secret::new("fuzz-state-Ab_9");
    let plain = CallbackCheck::state_only(state.clone());
    if let CallbackVerdict::Code(_) = judge_callback(query, &plain) {
        assert!(query.contains("fuzz-state-Ab_9") || query.contains("fuzz-state-Ab%5F9"));
    }
    let strict = CallbackCheck {
        state,
        issuer: Some("https://issuer.example".into()),
        iss_required: true,
    };
    if let CallbackVerdict::Code(_) = judge_callback(query, &strict) {
        assert!(query.contains("iss="));
    }
});
