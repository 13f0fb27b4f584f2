//! The Data tab in the real run loop over the live services and a sandbox: connect, b on
//! sessions-prod, scan with a pattern, open a hash, write mode, a TTL set and checked at
//! the database, the console, a key that vanished, a bulk delete, the token fetched again
//! after a password reset, and no redraws while idle unless a countdown is on screen.

use crate::tui_live::Live;
use crate::tui_support::Harness;
use std::time::Duration;
use updash::redis::{Reply, RestClient};
use updash::secret::Secret;
use updash::upstash::{ApiCredentials, Client, ClientConfig, Database};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

/// The sandbox's Developer API as the seeded user.
fn api(live: &Live) -> Client {
    let config = ClientConfig::new(live.sandbox.url()).expect("sandbox URL");
    Client::new(
        &config,
        ApiCredentials::new(SEEDED_EMAIL, Secret::new(SEEDED_API_KEY)),
    )
    .expect("client")
}

/// sessions-prod, with its token.
async fn sessions_prod(live: &Live) -> Database {
    let client = api(live);
    let id = client
        .list_databases()
        .await
        .expect("lists")
        .into_iter()
        .find(|d| d.database_name == "sessions-prod")
        .expect("seeded")
        .database_id;
    client
        .get_database(&id, updash::upstash::CredentialsMode::Show)
        .await
        .expect("reads")
}

/// A REST client of `db` with its current token.
fn rest(live: &Live, db: &Database) -> RestClient {
    let url = format!("{}/{}", live.sandbox.data_url(), db.database_id);
    RestClient::new(&url, db.rest_token.clone().expect("a token")).expect("client")
}

/// Connects the sandbox account and opens sessions-prod in Data.
async fn open_sessions_prod() -> Live {
    open_sessions_prod_with(0).await
}

/// [`open_sessions_prod`] with `seed_keys` more keys in sessions-prod.
async fn open_sessions_prod_with(seed_keys: usize) -> Live {
    let (sandbox, home, store) = Live::prepare_with(updash_sandbox::Options {
        seed_keys,
        ..updash_sandbox::Options::default()
    })
    .await;
    let live = Live::open(sandbox, home, store);
    let h = &live.harness;
    h.wait_for("Connect an account").await;
    h.key("enter");
    h.wait_for("seeded user's password").await;
    live.type_text("sandbox");
    h.key("enter");
    // A sign-in lands on the new account's databases.
    h.wait_for("Databases of ").await;
    h.wait_for("sessions-prod").await;
    h.key("b");
    h.wait_for("sessions-prod · ").await;
    if seed_keys == 0 {
        h.wait_for("all scanned").await;
    }
    live
}

#[tokio::test]
async fn browse_open_a_hash_set_a_ttl_and_ask_the_console() {
    let live = open_sessions_prod().await;
    let h = &live.harness;
    h.key("/");
    live.type_text("session:*");
    h.key("enter");
    h.wait_for("· 50 / ").await;
    h.key("enter");
    let screen = h.wait_for("hash · 5 fields").await;
    assert!(screen.contains("\"user_agent\""), "{screen}");
    h.key("w");
    h.wait_for("WRITE").await;
    h.key("X");
    live.type_text("3h");
    h.key("enter");
    h.wait_for("EXPIRE \"session:").await;
    h.key("enter");
    h.wait_for("Done: Expire session:").await;
    h.wait_for("TTL 2h 59m").await;
    let db = sessions_prod(&live).await;
    let key = h
        .screen
        .text()
        .split("┌ ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .map(str::to_string)
        .expect("the key in the title");
    let ttl = rest(&live, &db).command(&["TTL", &key]).await.expect("TTL");
    assert!(
        matches!(ttl, Reply::Int(t) if (10_790..=10_800).contains(&t)),
        "{ttl:?}"
    );

    h.key(":");
    live.type_text("DBSIZE");
    h.key("enter");
    h.wait_for("(integer) 16").await;
    live.stop().await;
}

#[tokio::test]
async fn a_vanished_key_shows_as_gone_and_bulk_delete_empties_a_pattern() {
    let live = open_sessions_prod().await;
    let h = &live.harness;
    let db = sessions_prod(&live).await;
    h.key("/");
    live.type_text("stats:*");
    h.key("enter");
    h.wait_for("· 1 / ").await;
    rest(&live, &db)
        .command(&["DEL", "stats:visits"])
        .await
        .expect("deleted");
    h.key("enter");
    h.wait_for("This key is gone").await;
    h.key("esc");

    h.key("/");
    h.key("ctrl-u");
    live.type_text("cache:product:*");
    h.key("enter");
    h.wait_for("· 40 / ").await;
    h.key("w");
    h.key("D");
    h.wait_for("40 keys matching cache:product:*").await;
    live.type_text("cache:product:*");
    h.key("enter");
    h.wait_for("Deleted 40 keys matching cache:product:*").await;
    let left = rest(&live, &db)
        .command(&["EXISTS", "cache:product:1", "cache:product:40"])
        .await
        .expect("EXISTS");
    assert_eq!(left, Reply::Int(0));
    h.key("esc");
    h.wait_for("No key matches").await;
    live.stop().await;
}

#[tokio::test]
async fn after_a_password_reset_the_token_is_fetched_again() {
    let live = open_sessions_prod().await;
    let h = &live.harness;
    let before = sessions_prod(&live).await;
    api(&live)
        .reset_password(&before.database_id)
        .await
        .expect("reset");
    let refused = rest(&live, &before).command(&["DBSIZE"]).await;
    assert!(
        matches!(refused, Err(updash::redis::RedisError::Unauthorized)),
        "{refused:?}"
    );
    h.key(":");
    live.type_text("DBSIZE");
    h.key("enter");
    let screen = h.wait_for("(integer) 16").await;
    assert!(!screen.contains("refused"), "{screen}");
    live.stop().await;
}

/// Waits until no toast is on screen: each one's expiry redraws once, on its own.
async fn wait_out_toasts(h: &Harness) {
    for _ in 0..150 {
        let text = h.screen.text();
        if !["ℹ", "✔", "✖"].iter().any(|icon| text.contains(icon)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn idle_means_no_redraw_unless_a_countdown_is_on_screen() {
    let live = open_sessions_prod().await;
    let h = &live.harness;
    // tags:* never expire: nothing on screen counts down.
    h.key("/");
    live.type_text("tags:*");
    h.key("enter");
    h.wait_for("· 10 / ").await;
    h.wait_for("tags:post:1").await;
    wait_out_toasts(h).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = h.screen.flushes();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(h.screen.flushes(), before, "no redraw while idle");

    // Sessions expire: their countdown redraws at most once a second.
    h.key("/");
    h.key("ctrl-u");
    live.type_text("session:*");
    h.key("enter");
    h.wait_for("· 50 / ").await;
    // Toasts of the sign-in expire (and redraw) on their own: wait them out.
    wait_out_toasts(h).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = h.screen.flushes();
    tokio::time::sleep(Duration::from_millis(3000)).await;
    let redraws = h.screen.flushes() - before;
    assert!((2..=4).contains(&redraws), "{redraws} redraws in 3 s");
    live.stop().await;
}

#[tokio::test]
async fn scan_pages_come_as_the_cursor_nears_the_end_and_the_type_filter_narrows() {
    let live = open_sessions_prod_with(5_000).await;
    let h = &live.harness;
    let first = h.wait_for("/ 5,165 keys").await;
    assert!(
        first.contains("· 1,000 / 5,165 keys"),
        "one page first:\n{first}"
    );
    for _ in 0..12 {
        h.key("G");
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    h.wait_for("· 5,165 / 5,165 keys").await;
    h.wait_for("all scanned").await;
    h.key("t");
    h.wait_for("└ * · string ").await;
    h.key("t");
    h.wait_for("└ * · hash · ").await;
    let shown = h.wait_for("▶ session:").await;
    let rows: Vec<&str> = shown.lines().skip(3).take(20).collect();
    assert!(
        rows.iter()
            .all(|r| r.contains(" hash ") || !r.contains(':')),
        "only hashes:\n{shown}"
    );
    live.stop().await;
}

#[tokio::test]
async fn every_kind_of_write_goes_through_the_loop_to_the_database() {
    let live = open_sessions_prod().await;
    let h = &live.harness;
    let db = sessions_prod(&live).await;
    let redis = rest(&live, &db);
    let typing = &live;
    let pattern = |p: &'static str| async move {
        h.key("/");
        h.key("ctrl-u");
        typing.type_text(p);
        h.key("enter");
        h.wait_for(&format!("└ {p} · all scanned")).await;
    };
    let send = |done: &'static str| async move {
        h.wait_for("updash will send to").await;
        h.key("enter");
        h.wait_for(done).await;
    };
    h.key("w");
    h.wait_for("WRITE").await;

    // A new key, renamed, then deleted.
    h.key("c");
    live.type_text("live:new");
    h.key("tab");
    live.type_text("fresh");
    h.key("enter");
    send("Done: Add the string live:new").await;
    h.key("n");
    for _ in 0.."new".len() {
        h.key("backspace");
    }
    live.type_text("renamed");
    h.key("enter");
    send("Done: Rename live:new to live:renamed").await;
    assert_eq!(
        redis.command(&["GET", "live:renamed"]).await.ok(),
        Some(Reply::Bytes(b"fresh".to_vec()))
    );
    pattern("live:*").await;
    h.key("d");
    send("Done: Delete live:renamed").await;
    assert_eq!(
        redis.command(&["EXISTS", "live:renamed"]).await.ok(),
        Some(Reply::Int(0))
    );

    // An item of each collection, and a string edited in place.
    for (key, fields, done, check) in [
        (
            "queue:emails",
            vec!["pushed"],
            "Done: Append to queue:emails",
            vec!["LLEN", "queue:emails"],
        ),
        (
            "tags:post:2",
            vec!["added"],
            "Done: Add a member to tags:post:2",
            vec!["SCARD", "tags:post:2"],
        ),
        (
            "leaderboard:global",
            vec!["player:live", "5"],
            "Done: Set the score of player:live in leaderboard:global",
            vec!["ZCARD", "leaderboard:global"],
        ),
        (
            "events:orders",
            vec!["order ord-live"],
            "Done: Add an entry to events:orders",
            vec!["XLEN", "events:orders"],
        ),
        (
            "session:040a2076f607ff23",
            vec!["role", "ops"],
            "Done: Set field role of session:040a2076f607ff23",
            vec!["HLEN", "session:040a2076f607ff23"],
        ),
    ] {
        let before = redis.command(&check).await.ok().and_then(|r| r.as_int());
        pattern(key).await;
        h.key("enter");
        h.wait_for("loaded").await;
        h.key("a");
        for (i, text) in fields.iter().enumerate() {
            if i > 0 {
                h.key("tab");
            }
            live.type_text(text);
        }
        h.key("enter");
        send(done).await;
        let after = redis.command(&check).await.ok().and_then(|r| r.as_int());
        assert_eq!(after, before.map(|n| n + 1), "{key}");
        h.key("esc");
    }
    pattern("stats:visits").await;
    h.key("enter");
    h.wait_for("48213").await;
    h.key("e");
    h.key("ctrl-u");
    live.type_text("7");
    h.key("enter");
    send("Done: Set the value of stats:visits").await;
    assert_eq!(
        redis.command(&["GET", "stats:visits"]).await.ok(),
        Some(Reply::Bytes(b"7".to_vec()))
    );
    live.stop().await;
}
