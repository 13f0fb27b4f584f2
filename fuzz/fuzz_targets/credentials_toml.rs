//! credentials.toml read as the store reads it (schema, version, normalisation), secrets
//! left sealed: any text gives accounts or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/fuzz/credentials.toml");
    if let Ok((credentials, _present)) = updash::store::parse_credentials(path, text) {
        for (_, account) in credentials.accounts() {
            assert!(account.api_key.is_none() && account.refresh_token.is_none());
        }
    }
});
