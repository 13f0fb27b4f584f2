//! The exact `updash login` command that signs an account in again, for every message that
//! tells the operator to sign in: `login --account LABEL` takes the provider from that
//! account, `--sandbox` starts the sandbox its accounts need, and `--provider` names a
//! configured provider explicitly.

use crate::config::{SANDBOX, UPSTASH};
use crate::store::Account;
use std::fmt;

/// The command that signs one account in again; `Display` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginHint {
    label: String,
    provider: String,
    /// Set for an account added with an existing API key: a browser sign-in would not give
    /// it back the key it was added with, so it is sent to the API-key sign-in.
    api_key_email: Option<String>,
}

impl LoginHint {
    /// The command for the account labelled `label` of `provider`.
    pub fn new(label: impl Into<String>, provider: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            provider: provider.into(),
            api_key_email: None,
        }
    }

    /// The command for a stored account: the API-key sign-in for one added with a key.
    pub fn for_account(account: &Account) -> Self {
        let oauth = account.refresh_token.is_some() || account.access_token.is_some();
        Self {
            api_key_email: account.email.clone().filter(|_| !oauth),
            ..Self::new(&account.label, &account.provider)
        }
    }
}

impl fmt::Display for LoginHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("updash login")?;
        match self.provider.as_str() {
            SANDBOX => f.write_str(" --sandbox")?,
            UPSTASH => {}
            other => write!(f, " --provider {}", shell_word(other))?,
        }
        write!(f, " --account {}", shell_word(&self.label))?;
        if let Some(email) = &self.api_key_email {
            write!(f, " --email {} --api-key-stdin", shell_word(email))?;
        }
        Ok(())
    }
}

/// `word` as one shell word: bare when it is made of safe characters, else single-quoted.
fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c));
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_login_needs_to_find_the_account() {
        assert_eq!(
            LoginHint::new("ops", "upstash").to_string(),
            "updash login --account ops"
        );
        assert_eq!(
            LoginHint::new("operator@example.com", "sandbox").to_string(),
            "updash login --sandbox --account operator@example.com"
        );
        assert_eq!(
            LoginHint::new("team a", "corp-auth").to_string(),
            "updash login --provider corp-auth --account 'team a'"
        );
        assert_eq!(
            LoginHint::new("it's", "upstash").to_string(),
            r"updash login --account 'it'\''s'"
        );
    }

    #[test]
    fn api_key_accounts_are_sent_to_the_api_key_sign_in() {
        let now = time::OffsetDateTime::UNIX_EPOCH;
        let mut a = Account::new("upstash", "work", now);
        a.email = Some("ops@example.com".into());
        a.api_key = Some(crate::secret::Secret::new("k"));
        assert_eq!(
            LoginHint::for_account(&a).to_string(),
            "updash login --account work --email ops@example.com --api-key-stdin"
        );
        a.refresh_token = Some(crate::secret::Secret::new("r"));
        a.provider = "sandbox".into();
        assert_eq!(
            LoginHint::for_account(&a).to_string(),
            "updash login --sandbox --account work"
        );
    }
}
