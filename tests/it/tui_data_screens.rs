//! Snapshots of the Data tab at 80x24 and 120x40 over the sandbox's demo data (answered
//! from an embedded keyspace at a fixed clock): the key list and tree, each value view
//! (every type, JSON, gzip, hex, a large value's preview, TTLs), key names with control
//! and bidi characters, a paused scan, the write review and forms, console replies, big
//! keys and the bulk delete's confirmation.

use crate::tui_data_fixture::{Db, on_data, open_key, press, type_in};
use crate::tui_support::screen;
use updash::tui::App;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshots the screen `steps` lead to, at both sizes, each from a fresh dashboard.
fn both(name: &str, steps: impl Fn(&mut App, &mut Db)) {
    both_with(name, Db::demo, steps);
}

fn both_with(name: &str, db: impl Fn() -> Db, steps: impl Fn(&mut App, &mut Db)) {
    for (w, h) in SIZES {
        let mut db = db();
        let mut app = on_data(&mut db, w, h);
        steps(&mut app, &mut db);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn key_list() {
    both("data_keys", |_, _| {});
}

#[test]
fn tree_with_a_folder_open() {
    both("data_tree", |app, db| {
        press(app, db, "T");
        for _ in 0..5 {
            press(app, db, "j");
        }
        press(app, db, "right");
        press(app, db, "j");
    });
}

#[test]
fn hash_with_field_ttls() {
    both("data_hash", |app, db| {
        open_key(app, db, "session:040a2076f607ff23")
    });
}

#[test]
fn string_detected_as_json() {
    both("data_string_json", |app, db| {
        open_key(app, db, "cache:user:1000")
    });
}

#[test]
fn string_as_text() {
    both("data_string_text", |app, db| {
        open_key(app, db, "cache:user:1000");
        press(app, db, "f");
    });
}

#[test]
fn gzip_value_decompressed() {
    both("data_gzip", |app, db| {
        open_key(app, db, "blob:report.json.gz")
    });
}

#[test]
fn gzip_value_as_hex() {
    both("data_hex", |app, db| {
        open_key(app, db, "blob:report.json.gz");
        for _ in 0..3 {
            press(app, db, "f");
        }
    });
}

#[test]
fn large_value_preview() {
    both("data_preview", |app, db| open_key(app, db, "blob:big-5mb"));
}

#[test]
fn string_with_a_ttl() {
    both("data_ttl", |app, db| {
        open_key(app, db, "ratelimit:api:192.168.1.10")
    });
}

#[test]
fn list_value() {
    both("data_list", |app, db| open_key(app, db, "queue:emails"));
}

#[test]
fn set_value() {
    both("data_set", |app, db| open_key(app, db, "tags:post:1"));
}

#[test]
fn sorted_set_highest_first() {
    both("data_zset", |app, db| {
        open_key(app, db, "leaderboard:global")
    });
}

#[test]
fn stream_value() {
    both("data_stream", |app, db| open_key(app, db, "events:orders"));
}

#[test]
fn json_document() {
    both("data_json", |app, db| open_key(app, db, "config:app"));
}

#[test]
fn key_names_with_control_zero_width_and_bidi_characters_are_escaped() {
    both("data_evil_names", |app, db| {
        press(app, db, "/");
        type_in(app, db, "evil:*");
        press(app, db, "enter");
    });
}

#[test]
fn a_sparse_pattern_pauses_the_scan() {
    both_with(
        "data_paused",
        || {
            let mut db = Db::demo();
            db.bulk(30_000);
            db
        },
        |app, db| {
            press(app, db, "/");
            type_in(app, db, "nothing:*");
            press(app, db, "enter");
        },
    );
}

#[test]
fn write_review_of_a_ttl() {
    both("data_review_ttl", |app, db| {
        open_key(app, db, "session:040a2076f607ff23");
        press(app, db, "w");
        press(app, db, "X");
        type_in(app, db, "2h");
        press(app, db, "enter");
    });
}

#[test]
fn write_review_of_a_list_item_removal() {
    both("data_review_lrem", |app, db| {
        open_key(app, db, "queue:emails");
        press(app, db, "w");
        press(app, db, "j");
        press(app, db, "d");
    });
}

#[test]
fn add_key_form() {
    both("data_add_key", |app, db| {
        press(app, db, "w");
        press(app, db, "c");
        press(app, db, "right");
        type_in(app, db, "user:42");
        press(app, db, "tab");
        type_in(app, db, "name");
    });
}

#[test]
fn console_replies() {
    both("data_console", |app, db| {
        press(app, db, ":");
        type_in(app, db, "DBSIZE");
        press(app, db, "enter");
        type_in(app, db, "HGETALL session:040a2076f607ff23");
        press(app, db, "enter");
        type_in(app, db, "SET a b");
        press(app, db, "enter");
        type_in(app, db, "BLPOP queue:emails 0");
        press(app, db, "enter");
        type_in(app, db, "XRANGE events:orders - + COUNT 1");
        press(app, db, "enter");
    });
}

#[test]
fn big_keys() {
    both("data_big_keys", |app, db| {
        press(app, db, "B");
    });
}

#[test]
fn bulk_delete_asks_for_the_pattern() {
    both("data_bulk", |app, db| {
        press(app, db, "/");
        type_in(app, db, "cache:product:*");
        press(app, db, "enter");
        press(app, db, "w");
        press(app, db, "D");
        type_in(app, db, "cache:prod");
    });
}
