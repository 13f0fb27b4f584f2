//! The Data tab's writes, driven by hand against the sandbox's keyspace engine: only in
//! write mode (refused read-only), each after a review of its exact commands (esc sends
//! nothing): time to live, rename, new key, delete, every kind of item, the editor's round
//! trip, bulk delete, and the console's writes.

use crate::tui_data_fixture::{
    Db, exec, loaded, on_data, open_key, press, pump, send, toasts, type_in,
};
use crate::tui_support::screen;
use updash::redis::Reply;
use updash::tui::{Action, Answer, App, Effect, update};

#[test]
fn writes_need_write_mode_and_read_only_refuses_write_mode() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, "d");
    assert!(
        toasts(&app)
            .iter()
            .any(|t| t.contains("press w to allow writes"))
    );
    assert!(
        app.tabs
            .data
            .open
            .as_ref()
            .is_some_and(|o| matches!(o.mode, updash::tui::tabs::data::Mode::Keys))
    );

    let read_only = crate::tui_support::app(true, false);
    let mut app =
        crate::tui_db_screens::on_databases_of(read_only, &crate::tui_support::databases());
    update(&mut app, Action::Resize(80, 24));
    press(&mut app, &mut db, "b");
    press(&mut app, &mut db, "w");
    assert!(
        toasts(&app)
            .iter()
            .any(|t| t == "Read-only mode: write mode is turned off")
    );
    assert!(!app.tabs.data.write_mode());
    assert!(!screen(&app, 80, 24).contains("WRITE"));
}

#[test]
fn ttl_rename_add_and_delete_each_show_their_commands_first() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 120, 40);
    open_key(&mut app, &mut db, "stats:visits");
    press(&mut app, &mut db, "w");
    assert!(screen(&app, 120, 40).contains("WRITE"));
    press(&mut app, &mut db, "X");
    type_in(&mut app, &mut db, "90m");
    press(&mut app, &mut db, "enter");
    assert_eq!(
        exec(&mut db, &["TTL", "stats:visits"]),
        Reply::Int(-1),
        "not sent yet"
    );
    send(&mut app, &mut db);
    assert_eq!(exec(&mut db, &["TTL", "stats:visits"]), Reply::Int(5400));
    assert!(screen(&app, 120, 40).contains("TTL 1h 30m"));
    press(&mut app, &mut db, "X");
    type_in(&mut app, &mut db, "persist");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(exec(&mut db, &["TTL", "stats:visits"]), Reply::Int(-1));

    press(&mut app, &mut db, "n");
    for _ in 0.."stats:visits".len() {
        press(&mut app, &mut db, "backspace");
    }
    type_in(&mut app, &mut db, "stats:hits");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(exec(&mut db, &["EXISTS", "stats:hits"]), Reply::Int(1));
    assert_eq!(app.tabs.data.value_key(), Some(&b"stats:hits"[..]));
    assert!(
        db.commands()
            .iter()
            .any(|c| c == "RENAMENX stats:visits stats:hits")
    );

    press(&mut app, &mut db, "esc");
    press(&mut app, &mut db, "c");
    type_in(&mut app, &mut db, "stats:hits");
    press(&mut app, &mut db, "enter");
    assert!(screen(&app, 120, 40).contains("a key with this name exists"));
    for _ in 0.."hits".len() {
        press(&mut app, &mut db, "backspace");
    }
    type_in(&mut app, &mut db, "new");
    press(&mut app, &mut db, "tab");
    type_in(&mut app, &mut db, "hello");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(
        exec(&mut db, &["GET", "stats:new"]),
        Reply::Bytes(b"hello".to_vec())
    );
    assert_eq!(app.tabs.data.selected_key(), Some(&b"stats:new"[..]));

    press(&mut app, &mut db, "d");
    send(&mut app, &mut db);
    assert_eq!(exec(&mut db, &["EXISTS", "stats:new"]), Reply::Int(0));
    assert!(toasts(&app).iter().any(|t| t == "Done: Delete stats:new"));
    assert_ne!(app.tabs.data.selected_key(), Some(&b"stats:new"[..]));
}

#[test]
fn esc_on_a_review_sends_nothing() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, "w");
    press(&mut app, &mut db, "d");
    let before = db.sent.len();
    press(&mut app, &mut db, "esc");
    assert_eq!(db.sent.len(), before);
    assert!(toasts(&app).iter().any(|t| t == "Not sent"));
}

#[test]
fn items_of_each_type_are_added_changed_and_removed() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 120, 40);
    let edit = |app: &mut App, db: &mut Db, key: &str, text: &str| {
        press(app, db, key);
        for _ in 0..200 {
            press(app, db, "backspace");
        }
        type_in(app, db, text);
        press(app, db, "enter");
        send(app, db);
    };
    // Hash: add, change, remove a field.
    open_key(&mut app, &mut db, "session:040a2076f607ff23");
    press(&mut app, &mut db, "w");
    press(&mut app, &mut db, "a");
    type_in(&mut app, &mut db, "role");
    press(&mut app, &mut db, "tab");
    type_in(&mut app, &mut db, "admin");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(
        exec(&mut db, &["HGET", "session:040a2076f607ff23", "role"]),
        Reply::Bytes(b"admin".to_vec())
    );
    edit(&mut app, &mut db, "e", "1049");
    assert_eq!(
        exec(&mut db, &["HGET", "session:040a2076f607ff23", "created_at"]),
        Reply::Bytes(b"1049".to_vec())
    );
    press(&mut app, &mut db, "d");
    send(&mut app, &mut db);
    assert_eq!(
        exec(
            &mut db,
            &["HEXISTS", "session:040a2076f607ff23", "created_at"]
        ),
        Reply::Int(0)
    );

    // List: append, set, remove (LSET to a marker, then LREM, in one transaction).
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "queue:emails");
    press(&mut app, &mut db, "a");
    type_in(&mut app, &mut db, "last");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(
        exec(&mut db, &["LINDEX", "queue:emails", "-1"]),
        Reply::Bytes(b"last".to_vec())
    );
    edit(&mut app, &mut db, "e", "first");
    assert_eq!(
        exec(&mut db, &["LINDEX", "queue:emails", "0"]),
        Reply::Bytes(b"first".to_vec())
    );
    press(&mut app, &mut db, "d");
    send(&mut app, &mut db);
    let removal = db
        .sent
        .iter()
        .find(|b| b.atomic)
        .expect("sent as one transaction");
    assert_eq!(removal.commands[0][0], "LSET");
    assert_eq!(removal.commands[1][..3], ["LREM", "queue:emails", "1"]);
    assert_eq!(exec(&mut db, &["LLEN", "queue:emails"]), Reply::Int(25));
    assert_ne!(
        exec(&mut db, &["LINDEX", "queue:emails", "0"]),
        Reply::Bytes(b"first".to_vec())
    );

    // Set: add, replace, remove a member.
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "tags:post:1");
    press(&mut app, &mut db, "a");
    type_in(&mut app, &mut db, "zig");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(
        exec(&mut db, &["SISMEMBER", "tags:post:1", "zig"]),
        Reply::Int(1)
    );
    assert_eq!(exec(&mut db, &["SCARD", "tags:post:1"]), Reply::Int(4));
    edit(&mut app, &mut db, "e", "go");
    assert_eq!(
        exec(&mut db, &["SISMEMBER", "tags:post:1", "go"]),
        Reply::Int(1)
    );
    assert_eq!(exec(&mut db, &["SCARD", "tags:post:1"]), Reply::Int(4));
    press(&mut app, &mut db, "d");
    send(&mut app, &mut db);
    assert_eq!(exec(&mut db, &["SCARD", "tags:post:1"]), Reply::Int(3));

    // Sorted set: add, change a score, remove.
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "leaderboard:global");
    press(&mut app, &mut db, "a");
    type_in(&mut app, &mut db, "player:new");
    press(&mut app, &mut db, "tab");
    type_in(&mut app, &mut db, "1000000");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert!(
        screen(&app, 120, 40).contains("\"player:new\""),
        "highest first"
    );
    edit(&mut app, &mut db, "e", "player:renamed");
    assert_eq!(
        exec(&mut db, &["ZSCORE", "leaderboard:global", "player:new"]),
        Reply::Nil
    );
    press(&mut app, &mut db, "e");
    press(&mut app, &mut db, "tab");
    for _ in 0..10 {
        press(&mut app, &mut db, "backspace");
    }
    type_in(&mut app, &mut db, "7");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(
        exec(&mut db, &["ZSCORE", "leaderboard:global", "player:renamed"]),
        Reply::Bytes(b"7".to_vec())
    );
    press(&mut app, &mut db, "d");
    send(&mut app, &mut db);
    assert_eq!(
        exec(&mut db, &["ZCARD", "leaderboard:global"]),
        Reply::Int(1000)
    );

    // Stream: add an entry.
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "events:orders");
    press(&mut app, &mut db, "a");
    type_in(&mut app, &mut db, "order ord-99999 status \"on hold\"");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert_eq!(exec(&mut db, &["XLEN", "events:orders"]), Reply::Int(51));

    // String in place (its TTL kept), and a JSON document.
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "cache:product:1");
    edit(&mut app, &mut db, "e", "{\"sku\":\"changed\"}");
    assert_eq!(
        exec(&mut db, &["GET", "cache:product:1"]),
        Reply::Bytes(b"{\"sku\":\"changed\"}".to_vec())
    );
    assert_eq!(exec(&mut db, &["TTL", "cache:product:1"]), Reply::Int(900));
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "config:app");
    edit(&mut app, &mut db, "e", "{\"name\":\"edited\"}");
    assert_eq!(
        exec(&mut db, &["JSON.GET", "config:app", "$.name"]),
        Reply::Bytes(b"[\"edited\"]".to_vec())
    );
}

#[test]
fn the_editor_round_trip_ends_in_a_review() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    open_key(&mut app, &mut db, "cache:user:1001");
    press(&mut app, &mut db, "w");
    let fx = press(&mut app, &mut db, "E");
    let Some(Effect::EditText { request, text }) = fx
        .into_iter()
        .find(|e| matches!(e, Effect::EditText { .. }))
    else {
        panic!("no editor asked for");
    };
    assert!(text.starts_with("{\"id\":1001"), "{text}");
    let answer = Answer::Edited(Ok(Some("line one\nline two\n".into())));
    let fx = update(&mut app, Action::Answer { request, answer });
    pump(&mut app, &mut db, fx);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("SET \"cache:user:1001\" \"line one\\nline two\" \"KEEPTTL\""),
        "{s}"
    );
    send(&mut app, &mut db);
    assert_eq!(
        exec(&mut db, &["GET", "cache:user:1001"]),
        Reply::Bytes(b"line one\nline two".to_vec())
    );
}

#[test]
fn bulk_delete_counts_asks_for_the_pattern_and_unlinks_in_batches() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, "/");
    type_in(&mut app, &mut db, "cache:product:*");
    press(&mut app, &mut db, "enter");
    press(&mut app, &mut db, "w");
    press(&mut app, &mut db, "D");
    assert!(screen(&app, 80, 24).contains("40 keys matching cache:product:*"));
    press(&mut app, &mut db, "enter");
    assert!(
        toasts(&app)
            .iter()
            .any(|t| t == "Type the pattern exactly to delete")
    );
    type_in(&mut app, &mut db, "cache:product:*");
    press(&mut app, &mut db, "enter");
    assert!(screen(&app, 80, 24).contains("Deleted 40 keys matching cache:product:*"));
    assert!(
        db.commands()
            .iter()
            .any(|c| c.starts_with("UNLINK cache:product:"))
    );
    assert_eq!(exec(&mut db, &["EXISTS", "cache:product:1"]), Reply::Int(0));
    assert_eq!(exec(&mut db, &["EXISTS", "cache:user:1000"]), Reply::Int(1));
    press(&mut app, &mut db, "esc");
    assert_eq!(loaded(&app), 0, "the list was read again");
}

#[test]
fn the_console_reads_at_once_and_writes_only_after_a_review() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, ":");
    type_in(&mut app, &mut db, "GET \"stats:visits\"");
    press(&mut app, &mut db, "enter");
    assert!(screen(&app, 80, 24).contains("\"48213\""));
    type_in(&mut app, &mut db, "KEYS *");
    press(&mut app, &mut db, "enter");
    assert!(screen(&app, 80, 24).contains("(refused) KEYS"));
    type_in(&mut app, &mut db, "INCR stats:visits");
    press(&mut app, &mut db, "enter");
    assert!(screen(&app, 80, 24).contains("(refused) INCR changes data"));
    press(&mut app, &mut db, "esc");
    press(&mut app, &mut db, "w");
    press(&mut app, &mut db, ":");
    press(&mut app, &mut db, "up");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    assert!(screen(&app, 80, 24).contains("(integer) 48214"));
    let fx = press(&mut app, &mut db, "up");
    assert!(fx.is_empty());
    assert_eq!(
        app.tabs.data.history,
        ["GET \"stats:visits\"", "KEYS *", "INCR stats:visits"]
    );
}
