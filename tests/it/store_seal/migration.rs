//! A plain-text credentials file is sealed by the next command, and afterwards no secret is
//! left in plain text anywhere under the XDG directories: not in the credentials file, not in
//! a temp file, not in the key directory, not in the log.

use super::{assert_nowhere, names_in};
use crate::cli_login::{paste_login, sandbox};
use crate::support::cli::{Home, stderr};
use updash::secret::Secret;
use updash::store::{Account, SecretField, Store};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_file_is_sealed_and_no_token_stays_in_plain_text() {
    let sb = sandbox().await;
    let home = Home::new();
    // An older updash left a plain-text file with a Developer API key.
    let mut old = Account::new("sandbox", "old-key", time::OffsetDateTime::now_utc());
    old.email = Some(SEEDED_EMAIL.into());
    old.api_key = Some(Secret::new(SEEDED_API_KEY));
    Store::new(home.credentials())
        .update(|c| c.add_account(old))
        .expect("plain account");
    let text = std::fs::read_to_string(home.credentials()).expect("read");
    assert!(
        text.contains(SEEDED_API_KEY),
        "the starting file is plain text"
    );

    // A browser sign-in through the built binary adds OAuth tokens and a minted key.
    let (ended, _) = paste_login(&home, sb.url(), &["--account", "signed-in"]).await;
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);

    let loaded = home.store().load().expect("load");
    assert!(loaded.seal.is_some() && !loaded.plain_secrets);
    let mut secrets: Vec<String> = vec![SEEDED_API_KEY.to_owned()];
    for (_, account) in loaded.credentials.accounts() {
        for field in SecretField::ALL {
            let value = match field {
                SecretField::ApiKey => &account.api_key,
                SecretField::AccessToken => &account.access_token,
                SecretField::RefreshToken => &account.refresh_token,
            };
            if let Some(v) = value {
                secrets.push(v.expose().to_owned());
            }
        }
    }
    assert!(
        secrets.len() >= 3,
        "the old key and two tokens at least: {}",
        secrets.len()
    );
    let needles: Vec<&str> = secrets.iter().map(String::as_str).collect();
    assert_nowhere(home.root(), &needles);

    assert_eq!(
        names_in(&home.config_dir()),
        ["credentials.toml", "credentials.toml.lock"],
        "no temp or backup file next to the credentials"
    );
    assert_eq!(names_in(&home.root().join("data/updash")), ["key"]);

    // The same home through the binary again: the sealed file opens.
    let out = crate::cli_login::run(&home, sb.url(), &["--sandbox", "status"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_nowhere(home.root(), &needles);
    sb.shutdown().await;
}
