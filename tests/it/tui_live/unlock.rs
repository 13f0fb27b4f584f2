//! The dashboard over passphrase-protected credentials that are locked: the passphrase is
//! asked in the dashboard's own dialog (masked), a wrong one is said and asked again, the
//! right one loads the accounts; Esc quits with nothing loaded.

use super::Live;
use tempfile::TempDir;
use updash::paths::Paths;
use updash::secret::Secret;
use updash::store::{Account, ProtectionKind, Store};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

const PASSPHRASE: &str = "correct horse battery staple";

/// A sandbox and a home whose credentials (one account, "me") are sealed with
/// [`PASSPHRASE`]; the store returned is a fresh one, as a new process opens it: locked.
async fn locked_home() -> (updash_sandbox::Sandbox, TempDir, Store) {
    let (sandbox, home, _) = Live::prepare().await;
    let paths = Paths::under(home.path());
    let first = Store::for_paths(&paths, ProtectionKind::Keyfile);
    first
        .update(|c| {
            let mut me = Account::new("sandbox", "me", time::OffsetDateTime::now_utc());
            me.email = Some(SEEDED_EMAIL.into());
            me.api_key = Some(Secret::new(SEEDED_API_KEY));
            c.add_account(me)
        })
        .expect("account stored");
    first
        .protect(ProtectionKind::Passphrase, Some(&Secret::new(PASSPHRASE)))
        .expect("protected");
    let store = Store::for_paths(&paths, ProtectionKind::Passphrase);
    assert!(
        store.needs_unlock().expect("readable"),
        "the store is locked"
    );
    (sandbox, home, store)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_asks_for_the_passphrase_then_opens_the_accounts_databases() {
    let (sandbox, home, store) = locked_home().await;
    let live = Live::open_app(sandbox, home, store.clone(), None, |app| {
        app.ask_for_passphrase()
    });
    let screen = live.harness.wait_for("Unlock the credentials").await;
    assert!(screen.contains("Passphrase:"), "{screen}");
    assert!(!screen.contains(SEEDED_EMAIL), "nothing loads while locked");

    live.type_text("not the passphrase");
    let screen = live.harness.wait_for("••••••••••••••••••").await;
    assert!(!screen.contains("not the passphrase"), "masked: {screen}");
    live.harness.key("enter");
    let screen = live.harness.wait_for("Wrong passphrase, try again").await;
    assert!(screen.contains("Unlock the credentials"), "asked again");
    assert!(store.needs_unlock().unwrap(), "still locked");

    live.type_text(PASSPHRASE);
    live.harness.key("enter");
    let screen = live.harness.wait_for("Databases of ").await;
    assert!(!screen.contains("Unlock the credentials"), "{screen}");
    assert!(!screen.contains(PASSPHRASE), "{screen}");
    assert!(!store.needs_unlock().unwrap(), "unlocked for this process");
    let app = live.stop().await;
    assert!(!app.locked());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_in_the_passphrase_dialog_quits() {
    let (sandbox, home, store) = locked_home().await;
    let live = Live::open_app(sandbox, home, store.clone(), None, |app| {
        app.ask_for_passphrase()
    });
    live.harness.wait_for("Unlock the credentials").await;
    live.type_text("abc");
    live.harness.key("esc");
    let Live {
        sandbox, harness, ..
    } = live;
    let (_, app) = harness.finish().await;
    assert!(app.should_quit);
    assert!(store.needs_unlock().unwrap(), "nothing was unlocked");
    sandbox.shutdown().await;
}
