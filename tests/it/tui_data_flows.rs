//! The Data tab's reading, driven by hand against the sandbox's keyspace engine: SCAN
//! paging and budget, pattern and type filter, what each database keeps, sizes read for
//! shown keys only, vanished and retyped keys, copying, a large value in pieces, failures
//! in words, and the countdown's wake-ups.

use crate::tui_data_fixture::{
    Db, exec, loaded, on_data, open_key, press, send, set_pattern, toasts, type_in,
};
use crate::tui_support::{NOW, screen};
use updash::tui::{Action, Effect, ServiceError, ServiceErrorKind, update};

fn scans(db: &Db) -> Vec<String> {
    db.commands()
        .into_iter()
        .filter(|c| c.starts_with("SCAN"))
        .collect()
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
