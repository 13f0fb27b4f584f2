//! The Data tab's behaviour, driven by hand against the sandbox's keyspace engine: SCAN
//! paging and budget, pattern and type filter, what each database keeps, sizes read for
//! shown keys only, vanished and retyped keys, every write (only in write mode, after its
//! review), bulk delete, the console, big keys, copying, a large value in pieces, the
//! editor's round trip, failures in words, and the countdown's wake-ups.

use crate::tui_data_fixture::{Db, on_data, open_key, press, pump, set_pattern, toasts, type_in};
use crate::tui_support::{NOW, screen};
use updash::redis::Reply;
use updash::tui::{Action, Answer, App, Effect, ServiceError, ServiceErrorKind, update};

fn scans(db: &Db) -> Vec<String> {
    db.commands()
        .into_iter()
        .filter(|c| c.starts_with("SCAN"))
        .collect()
}

fn loaded(app: &App) -> usize {
    app.tabs
        .data
        .open
        .as_ref()
        .map_or(0, |o| o.list.store.len())
}

fn exec(db: &mut Db, args: &[&str]) -> Reply {
    db.exec(args).expect("command runs")
}

/// Sends the review on screen and says whether one was there.
fn send(app: &mut App, db: &mut Db) {
    let shown = screen(app, 120, 40);
    assert!(shown.contains("updash will send to"), "no review:\n{shown}");
    press(app, db, "enter");
}

#[test]
fn keys_come_by_scan_a_page_at_a_time_never_by_keys() {
    let mut db = Db::demo();
    db.bulk(5_000);
    let mut app = on_data(&mut db, 120, 40);
    let first = loaded(&app);
    assert!((37..=1200).contains(&first), "a first page: {first}");
    assert!(
        screen(&app, 120, 40).contains("5,165"),
        "DBSIZE in the title"
    );
    assert_eq!(
        db.commands()
            .iter()
            .filter(|c| c.starts_with("DBSIZE"))
            .count(),
        1
    );
    for _ in 0..10 {
        press(&mut app, &mut db, "G");
    }
    assert_eq!(
        loaded(&app),
        5_165,
        "more came as the cursor neared the end"
    );
    let sent = db.commands();
    assert!(sent.iter().all(|c| !c.starts_with("KEYS")), "{sent:?}");
    assert!(
        scans(&db)
            .iter()
            .all(|c| c.ends_with("COUNT 1000 WITHTYPE"))
    );
    // Sizes and TTLs are read for the keys on screen only.
    let asked = sent
        .iter()
        .filter(|c| c.starts_with("MEMORY USAGE"))
        .count();
    assert!(asked < 200, "MEMORY USAGE for {asked} keys");
    assert!(screen(&app, 120, 40).contains("all scanned"));
}

#[test]
fn pattern_and_type_filter_go_to_the_server() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, "/");
    type_in(&mut app, &mut db, "session:*");
    press(&mut app, &mut db, "enter");
    assert_eq!(loaded(&app), 50);
    assert!(
        scans(&db)
            .last()
            .is_some_and(|c| c.contains("MATCH session:*"))
    );
    press(&mut app, &mut db, "esc");
    press(&mut app, &mut db, "t");
    press(&mut app, &mut db, "t");
    assert!(
        scans(&db).last().is_some_and(|c| c.ends_with("TYPE hash")),
        "{:?}",
        scans(&db)
    );
    assert_eq!(loaded(&app), 50);
    for _ in 0..5 {
        press(&mut app, &mut db, "t");
    }
    assert!(
        scans(&db)
            .last()
            .is_some_and(|c| c.ends_with("TYPE ReJSON-RL"))
    );
    assert_eq!(app.tabs.data.selected_key(), Some(&b"config:app"[..]));
    press(&mut app, &mut db, "t");
    assert!(scans(&db).last().is_some_and(|c| c.ends_with("WITHTYPE")));
}

#[test]
fn each_database_keeps_its_pattern_and_selection() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, "/");
    type_in(&mut app, &mut db, "tags:*");
    press(&mut app, &mut db, "enter");
    press(&mut app, &mut db, "j");
    press(&mut app, &mut db, "j");
    let kept = app.tabs.data.selected_key().map(<[u8]>::to_vec);
    // Another database (rate-limits), then back.
    press(&mut app, &mut db, "3");
    press(&mut app, &mut db, "j");
    press(&mut app, &mut db, "b");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("rate-limits · ") && s.contains("keys · demo"),
        "{s}"
    );
    assert!(screen(&app, 80, 24).contains("└ * "), "a fresh pattern");
    press(&mut app, &mut db, "3");
    press(&mut app, &mut db, "k");
    press(&mut app, &mut db, "b");
    let s = screen(&app, 80, 24);
    assert!(s.contains("sessions · ") && s.contains("└ tags:* "), "{s}");
    assert_eq!(app.tabs.data.selected_key().map(<[u8]>::to_vec), kept);
}

#[test]
fn a_key_gone_meanwhile_shows_as_gone_and_a_retyped_one_opens_as_its_new_type() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, "/");
    type_in(&mut app, &mut db, "stats:*");
    press(&mut app, &mut db, "enter");
    exec(&mut db, &["DEL", "stats:visits"]);
    press(&mut app, &mut db, "enter");
    let s = screen(&app, 80, 24);
    assert!(s.contains("This key is gone"), "{s}");
    press(&mut app, &mut db, "esc");
    assert!(screen(&app, 80, 24).contains("(gone)"));

    set_pattern(&mut app, &mut db, "user:*");
    exec(&mut db, &["DEL", "user:josé"]);
    exec(&mut db, &["HSET", "user:josé", "now", "a hash"]);
    press(&mut app, &mut db, "enter");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("\"now\"") && s.contains("hash · 1 fields"),
        "{s}"
    );
}

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

#[test]
fn big_keys_lead_to_the_key() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    press(&mut app, &mut db, "B");
    press(&mut app, &mut db, "j");
    press(&mut app, &mut db, "enter");
    assert_eq!(app.tabs.data.value_key(), Some(&b"leaderboard:global"[..]));
    assert!(screen(&app, 80, 24).contains("zset · 1,000 members"));
}

#[test]
fn copies_go_by_osc_52_within_its_limit() {
    let mut db = Db::demo();
    let mut app = on_data(&mut db, 80, 24);
    let fx = press(&mut app, &mut db, "y");
    assert!(fx.contains(&Effect::CopyToClipboard("blob:big-5mb".into())));
    press(&mut app, &mut db, "enter");
    let fx = press(&mut app, &mut db, "y");
    assert!(!fx.iter().any(|e| matches!(e, Effect::CopyToClipboard(_))));
    assert!(
        toasts(&app)
            .iter()
            .any(|t| t.contains("only part of the value is loaded"))
    );
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "cache:user:1000");
    let fx = press(&mut app, &mut db, "y");
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::CopyToClipboard(t) if t.starts_with("{\"id\":1000")))
    );
}

#[test]
fn a_large_value_loads_in_pieces_on_request() {
    let mut db = Db::demo();
    let big = "x".repeat(10 * 1024 * 1024 + 5);
    exec(&mut db, &["SET", "blob:ten", &big]);
    let mut app = on_data(&mut db, 80, 24);
    open_key(&mut app, &mut db, "blob:ten");
    assert!(screen(&app, 80, 24).contains("64 KB of 10 MB shown · m loads the rest"));
    let pieces_before = db
        .commands()
        .iter()
        .filter(|c| c.starts_with("GETRANGE"))
        .count();
    press(&mut app, &mut db, "m");
    let pieces = db
        .commands()
        .iter()
        .filter(|c| c.starts_with("GETRANGE"))
        .count()
        - pieces_before;
    assert_eq!(pieces, 10, "1 MB at a time");
    assert!(screen(&app, 80, 24).contains("10 MB shown"));
    press(&mut app, &mut db, "G");
}

#[test]
fn failures_are_said_in_words_and_the_tab_keeps_working() {
    let mut db = Db::demo();
    db.fail_with = Some(ServiceError::new(
        ServiceErrorKind::Unavailable,
        "Cannot reach the database endpoint: connection refused",
    ));
    let mut app = on_data(&mut db, 80, 24);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Cannot read the keys: Cannot reach the database endpoint"),
        "{s}"
    );
    db.fail_with = None;
    press(&mut app, &mut db, "r");
    assert_eq!(loaded(&app), 165);
    db.fail_with = Some(ServiceError::new(
        ServiceErrorKind::NeedsSignIn,
        "The database refused the token (401); a password reset replaces it",
    ));
    press(&mut app, &mut db, "enter");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("fetched the token again once; it was still refused"),
        "{s}"
    );
    db.fail_with = None;
    press(&mut app, &mut db, "esc");
    open_key(&mut app, &mut db, "stats:visits");
    exec(&mut db, &["DEL", "stats:visits"]);
    exec(&mut db, &["LPUSH", "stats:visits", "x"]);
    press(&mut app, &mut db, "w");
    press(&mut app, &mut db, "e");
    type_in(&mut app, &mut db, "1");
    press(&mut app, &mut db, "enter");
    send(&mut app, &mut db);
    // SET replaces any type; a field write on the wrong type is refused in words.
    exec(&mut db, &["DEL", "stats:visits"]);
    exec(&mut db, &["LPUSH", "stats:visits", "x"]);
    press(&mut app, &mut db, ":");
    type_in(&mut app, &mut db, "HGET stats:visits a");
    press(&mut app, &mut db, "enter");
    assert!(screen(&app, 80, 24).contains("(error) WRONGTYPE"));
}

#[test]
fn a_countdown_on_screen_wakes_the_loop_only_then() {
    let wakes = |fx: &[Effect]| -> Vec<time::OffsetDateTime> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::WakeAt(at) => Some(*at),
                _ => None,
            })
            .collect()
    };
    // Nothing expires: no wake-up at all.
    let mut db = Db::empty();
    exec(&mut db, &["SET", "plain", "1"]);
    let mut app = crate::tui_db_screens::on_databases(&crate::tui_support::databases());
    update(&mut app, Action::Resize(80, 24));
    let fx = press(&mut app, &mut db, "b");
    assert!(wakes(&fx).is_empty(), "{fx:?}");
    // A key with a time to live on screen: one wake-up, when its countdown next changes.
    exec(&mut db, &["SET", "soon", "1", "PX", "90500"]);
    let fx = press(&mut app, &mut db, "r");
    assert_eq!(
        wakes(&fx),
        [NOW + time::Duration::milliseconds(500 + 20)],
        "{fx:?}"
    );
    // Moving around sets no second timer while one is pending.
    let fx = press(&mut app, &mut db, "j");
    assert!(wakes(&fx).is_empty(), "{fx:?}");
    // The timer fired a second later: the next one is a second away.
    app.now = NOW + time::Duration::milliseconds(520);
    let fx = update(&mut app, Action::Tick);
    assert_eq!(
        wakes(&fx),
        [NOW + time::Duration::milliseconds(520 + 980 + 20)],
        "{fx:?}"
    );
    assert!(screen(&app, 80, 24).contains("1m 29s"));
}
