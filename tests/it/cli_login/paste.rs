//! The paste path: `--no-browser` prints the link alone on stdout, the redirect address is
//! pasted on stdin, and the account is saved with a key that works.

use super::*;
use updash::secret::Secret;
use updash_sandbox::SEEDED_EMAIL;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_address_connects_the_account_with_a_working_key() {
    let sb = sandbox().await;
    let home = Home::new();
    let mut child = LoginChild::no_browser(&home, sb.url(), &["--timeout", "60"]);
    let authorize = child.next_line();
    assert!(
        authorize.starts_with(&format!("{}/authorize?", sb.url())),
        "stdout's first line is the link alone: {authorize}"
    );
    let back = approve(&authorize, "allow").await;
    child.paste(&back);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert_eq!(
        ended.stdout.trim(),
        authorize,
        "stdout holds only the link with --no-browser"
    );
    assert!(ended.stderr.contains("Added account"), "{}", ended.stderr);

    let a = &assert_one_private_account_with_a_working_key(&home, &sb).await;
    assert_eq!(field(a, "provider"), Some("sandbox"));
    assert_eq!(field(a, "label"), Some(SEEDED_EMAIL));
    assert!(field(a, "access_token").is_some());
    assert!(field(a, "refresh_token").is_some());
    assert!(field(a, "expires_at").is_some());
    let name = field(a, "api_key_name").unwrap();
    assert!(name.starts_with("UPDASH_API_KEY_"), "{name}");
    assert_eq!(minted_keys(&sb), vec![name.to_string()]);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_login_for_the_same_email_keeps_the_working_key() {
    let sb = sandbox().await;
    let home = Home::new();
    let (first, _) = paste_login(&home, sb.url(), &["--timeout", "60"]).await;
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let before = accounts(&home);
    let (second, _) = paste_login(&home, sb.url(), &["--timeout", "60"]).await;
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(
        second.stderr.contains("still works and was kept"),
        "{}",
        second.stderr
    );
    let after = accounts(&home);
    assert_eq!(after.len(), 1, "the same account was updated");
    assert_eq!(field(&after[0], "api_key"), field(&before[0], "api_key"));
    assert_ne!(
        field(&after[0], "refresh_token"),
        field(&before[0], "refresh_token"),
        "the tokens were updated"
    );
    assert_eq!(minted_keys(&sb).len(), 1, "no second key was minted");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paste_from_another_sign_in_is_refused_and_the_wait_goes_on() {
    let sb = sandbox().await;
    let home = Home::new();
    let mut child = LoginChild::no_browser(&home, sb.url(), &["--timeout", "60"]);
    let authorize = child.next_line();
    let back = approve(&authorize, "allow").await;
    let mut forged = url::Url::parse(&back).unwrap();
    let pairs: Vec<(String, String)> = forged
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                "not-this-sign-in".to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    forged.query_pairs_mut().clear().extend_pairs(pairs);
    child.paste(forged.as_str());
    child.wait_stderr("does not belong to the sign-in updash started");
    child.paste("not an address at all");
    child.wait_stderr("bare code");
    child.paste(&back);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert_eq!(accounts(&home).len(), 1);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_db_command_re_mints_a_refused_key_of_an_oauth_account() {
    let sb = sandbox().await;
    let home = Home::new();
    let (ended, _) = paste_login(&home, sb.url(), &["--timeout", "60"]).await;
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert_eq!(minted_keys(&sb).len(), 1);
    let old_key = field(&accounts(&home)[0], "api_key").map(str::to_string);
    // The key is deleted in the console: the Developer API now answers 401 for it.
    sb.shared()
        .state_mut()
        .api
        .api_keys
        .retain(|k| !k.name.starts_with("UPDASH_API_KEY_"));
    let url = sb.url().to_string();
    let out = tokio::task::block_in_place(|| run(&home, &url, &["db", "list", "--json"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(6));
    let now = minted_keys(&sb);
    assert_eq!(now.len(), 1, "exactly one new key: {now:?}");
    let account = &accounts(&home)[0];
    assert_eq!(field(account, "api_key_name"), Some(now[0].as_str()));
    assert_ne!(field(account, "api_key").map(str::to_string), old_key);
    assert_ne!(
        account.get("needs_sign_in").and_then(|v| v.as_bool()),
        Some(true)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_label_held_by_another_account_is_refused_before_a_key_is_minted() {
    let sb = sandbox().await;
    let home = Home::new();
    let store = updash::store::Store::new(home.credentials());
    store
        .update(|c| {
            let mut other =
                updash::store::Account::new("upstash", "work", time::OffsetDateTime::now_utc());
            other.email = Some("someone@example.com".into());
            other.api_key = Some(Secret::new("a-key"));
            c.add_account(other).map(|_| ())
        })
        .unwrap();
    let (ended, _) = paste_login(&home, sb.url(), &["--account", "work"]).await;
    assert_eq!(ended.code, Some(2), "{}", ended.stderr);
    assert!(
        ended
            .stderr
            .contains("already names another account (someone@example.com)"),
        "{}",
        ended.stderr
    );
    assert!(minted_keys(&sb).is_empty(), "no key minted");
    assert_eq!(accounts(&home).len(), 1);
}
