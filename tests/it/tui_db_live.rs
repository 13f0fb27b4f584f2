//! The Databases pane over the real (live) services: connected from the keyboard against a
//! sandbox, the database calls go through `LiveServices::database_client`.

use crate::tui_live::Live;
use updash::secret::Secret;
use updash::upstash::{ApiCredentials, Client, ClientConfig};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

#[tokio::test]
async fn live_services_list_toggle_eviction_reset_create_and_delete() {
    let live = Live::start().await;
    let h = &live.harness;
    h.wait_for("Connect an account").await;
    h.key("enter");
    h.wait_for("seeded user's password").await;
    live.type_text("sandbox");
    h.key("enter");
    // A sign-in lands on the new account's databases.
    h.wait_for("Databases of ").await;
    h.wait_for("sessions-prod").await;
    h.wait_for("teams: Platform team").await;

    // The seeded "cache" in eu-central-1 has eviction on.
    h.key("/");
    live.type_text("frankfurt");
    h.wait_for("· 1 of 6").await;
    h.key("enter");
    h.key("E");
    h.wait_for("Eviction off for cache").await;
    h.key("P");
    h.wait_for("Reset the password of cache?").await;
    h.key("y");
    h.wait_for("New password for cache").await;
    h.key("esc");

    h.key("c");
    live.type_text("live-db");
    h.key("enter");
    live.type_text("oregon");
    h.key("enter");
    h.key("enter");
    h.key("enter");
    h.wait_for("5/5 Review").await;
    h.key("enter");
    h.wait_for("live-db is ready").await;
    h.key("enter");
    h.wait_for("· 7 of 7").await;

    let config = ClientConfig::new(live.sandbox.url()).expect("sandbox URL");
    let client = Client::new(
        &config,
        ApiCredentials::new(SEEDED_EMAIL, Secret::new(SEEDED_API_KEY)),
    )
    .expect("client");
    let dbs = client.list_databases().await.expect("lists");
    let created = dbs
        .iter()
        .find(|d| d.database_name == "live-db")
        .expect("created at the sandbox");
    assert_eq!(created.primary_region.as_deref(), Some("us-west-2"));
    let cache = dbs
        .iter()
        .find(|d| d.primary_region.as_deref() == Some("eu-central-1"))
        .expect("cache");
    assert_eq!(cache.eviction, Some(false));

    h.key("d");
    h.wait_for("Type live-db to confirm").await;
    live.type_text("live-db");
    h.key("enter");
    h.wait_for("Deleted live-db").await;
    let dbs = client.list_databases().await.expect("lists");
    assert!(dbs.iter().all(|d| d.database_name != "live-db"));
    live.stop().await;
}
