//! The command that signs an account in again: the browser sign-in for an account connected
//! through OAuth, and the API-key sign-in for one added with an existing key (a browser
//! sign-in would not give it back the key it was added with).

use crate::config::SANDBOX;
use crate::store::Account;

/// `updash login ...` for `account`.
pub fn sign_in_command(account: &Account) -> String {
    let sandbox = if account.provider == SANDBOX {
        " --sandbox"
    } else {
        ""
    };
    let label = &account.label;
    let oauth = account.refresh_token.is_some() || account.access_token.is_some();
    match (&account.email, oauth) {
        (Some(email), false) => {
            format!("updash login{sandbox} --account {label} --email {email} --api-key-stdin")
        }
        _ => format!("updash login{sandbox} --account {label}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    #[test]
    fn api_key_accounts_are_sent_to_the_api_key_sign_in() {
        let now = time::OffsetDateTime::UNIX_EPOCH;
        let mut a = Account::new("upstash", "work", now);
        a.email = Some("ops@example.com".into());
        a.api_key = Some(Secret::new("k"));
        assert_eq!(
            sign_in_command(&a),
            "updash login --account work --email ops@example.com --api-key-stdin"
        );
        a.refresh_token = Some(Secret::new("r"));
        a.provider = "sandbox".into();
        assert_eq!(sign_in_command(&a), "updash login --sandbox --account work");
    }
}
