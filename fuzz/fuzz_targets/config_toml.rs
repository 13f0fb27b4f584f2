//! config.toml as the dashboard takes it: parsed, and its [keys] checked by the key map.
//! Any text gives a config or an error with a place, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use updash::config::Config;
use updash::tui::KeyMap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/fuzz/config.toml");
    if let Ok(config) = Config::parse(path, text) {
        let _ = KeyMap::from_config(&config);
    }
});
