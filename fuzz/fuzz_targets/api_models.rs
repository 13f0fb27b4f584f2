//! Developer API bodies: databases, one database, teams, members, stats, error bodies.
//! Lenient decoding takes what it can and refuses the rest, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use updash::upstash::error_body::service_message;
use updash::upstash::models;

fuzz_target!(|data: &[u8]| {
    if let Ok(dbs) = models::decode_databases(data) {
        for db in &dbs {
            let _ = db.display_region();
            let _ = db.without_credentials();
        }
    }
    let _ = models::decode_database(data);
    let _ = models::decode_teams(data);
    let _ = models::decode_team_members(data);
    let _ = models::decode_stats(data);
    let _ = models::is_acknowledgement(data);
    if let Some(message) = service_message(data) {
        assert!(message.chars().count() <= 301);
    }
});
