//! The backup and switch endpoints of the client against the sandbox over HTTP: what each
//! sends is what the sandbox accepts, and what it reads back is what the sandbox did.

use super::*;
use updash::upstash::{MaintenanceWait, is_maintenance};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

async fn sandbox_client() -> (Sandbox, Client) {
    let sandbox = Sandbox::start(Options::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let config = ClientConfig::new(sandbox.url())
        .unwrap_or_else(|e| panic!("{e}"))
        .with_timeout(Duration::from_secs(10))
        .with_retry(fast_policy(1));
    let client = Client::new(&config, ApiCredentials::new(SEEDED_EMAIL, SEEDED_API_KEY))
        .unwrap_or_else(|e| panic!("{e}"));
    (sandbox, client)
}

async fn set_window_at(base: &str, secs: u64) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/_sandbox/faults"))
        .json(&json!({ "maintenance_window_secs": secs }))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(resp.status().is_success());
}

async fn set_window(sandbox: &Sandbox, secs: u64) {
    set_window_at(sandbox.url(), secs).await;
}

fn fast_wait() -> MaintenanceWait {
    MaintenanceWait {
        first: Duration::from_millis(200),
        longest: Duration::from_millis(800),
        total: Duration::from_secs(20),
    }
}

#[tokio::test]
async fn backups_round_trip_through_the_client() {
    let (sandbox, c) = sandbox_client().await;
    let dbs = c.list_databases().await.unwrap_or_else(|e| panic!("{e}"));
    let id = dbs[0].database_id.clone();
    sandbox.shared().data.wait_seeded().await;
    let seeded = c.list_backups(&id).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!seeded.is_empty());
    let mut waits = Vec::new();
    c.create_backup(&id, "from-client", fast_wait(), &mut |r| waits.push(r))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(waits.is_empty(), "a seeded database is not in maintenance");
    let all = c.list_backups(&id).await.unwrap_or_else(|e| panic!("{e}"));
    let made = all
        .iter()
        .find(|b| b.name == "from-client")
        .unwrap_or_else(|| panic!("listed: {all:?}"));
    assert_eq!(made.daily_backup, Some(false));
    assert!(made.backup_size.is_some_and(|s| s > 0));
    c.restore_backup(&id, &made.backup_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    c.delete_backup(&id, &made.backup_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let err = c.delete_backup(&id, &made.backup_id).await;
    assert!(matches!(err, Err(ApiError::NotFound { .. })), "{err:?}");
    for on in [false, true] {
        c.set_daily_backup(&id, on)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let db = c
            .get_database(&id, CredentialsMode::Hide)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.daily_backup_enabled, Some(on));
    }
    let err = c.create_backup(&id, "  ", fast_wait(), &mut |_| {}).await;
    assert!(matches!(err, Err(ApiError::Invalid { .. })), "{err:?}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn create_backup_waits_out_maintenance_mode_and_says_so() {
    let (sandbox, c) = sandbox_client().await;
    // In maintenance until the test ends it, however slow the machine is.
    set_window(&sandbox, 600).await;
    let fresh = c
        .create_database(&CreateDatabase::new("fresh", "us-east-1"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // With no time to wait, the refusal comes back as the service's maintenance error.
    let no_wait = MaintenanceWait {
        total: Duration::ZERO,
        ..fast_wait()
    };
    let err = c
        .create_backup(&fresh.database_id, "first", no_wait, &mut |_| {})
        .await
        .expect_err("in maintenance");
    assert!(is_maintenance(&err), "{err}");
    // The maintenance ends a moment after the first refusal.
    let url = sandbox.url().to_string();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(700)).await;
        set_window_at(&url, 0).await;
    });
    let mut waits = Vec::new();
    c.create_backup(&fresh.database_id, "first", fast_wait(), &mut |r| {
        waits.push(r)
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!waits.is_empty());
    assert_eq!(waits[0].attempt, 2);
    assert!(waits.windows(2).all(|w| w[1].wait >= w[0].wait));
    let all = c
        .list_backups(&fresh.database_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), 1, "one backup, however many waits");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn switches_reach_the_sandbox() {
    let (sandbox, c) = sandbox_client().await;
    let dbs = c.list_databases().await.unwrap_or_else(|e| panic!("{e}"));
    let id = dbs[0].database_id.clone();
    let db = c.enable_tls(&id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.tls, Some(true));
    let before = db.auto_upgrade.unwrap_or(false);
    c.set_auto_upgrade(&id, !before)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    c.change_plan(&id, "fixed_5gb")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let db = c
        .get_database(&id, CredentialsMode::Hide)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.auto_upgrade, Some(!before));
    assert_eq!(db.plan.as_deref(), Some("paid"));
    let err = c.change_plan(&id, "gold").await;
    assert!(matches!(err, Err(ApiError::Invalid { .. })), "{err:?}");
    let teams = c.list_teams().await.unwrap_or_else(|e| panic!("{e}"));
    c.move_to_team(&id, &teams[0].team_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let err = c.get_database(&id, CredentialsMode::Hide).await;
    assert!(matches!(err, Err(ApiError::NotFound { .. })), "{err:?}");
    sandbox.shutdown().await;
}
