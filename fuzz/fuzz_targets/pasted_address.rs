//! What an operator pastes as the address the browser ended on: the extracted query and the
//! verdict, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use updash::auth::{CallbackCheck, CallbackVerdict, judge_callback, pasted_query};
use updash::secret::Secret;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(query) = pasted_query(&text) {
        let check = CallbackCheck::state_only(Secret::new("fuzz-state"));
        let _: CallbackVerdict = judge_callback(&query, &check);
    }
});
