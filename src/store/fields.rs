//! Which fields of an account are secret, and so sealed in the file.

use super::account::Account;
use crate::secret::Secret;
use std::fmt;

/// A secret field of an [`Account`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecretField {
    /// `api_key`: the Developer API key.
    ApiKey,
    /// `access_token`: the OAuth access token.
    AccessToken,
    /// `refresh_token`: the OAuth refresh token.
    RefreshToken,
}

impl SecretField {
    /// Every secret field.
    pub const ALL: [Self; 3] = [Self::ApiKey, Self::AccessToken, Self::RefreshToken];

    /// The field's name in the file.
    pub fn name(self) -> &'static str {
        match self {
            Self::ApiKey => "api_key",
            Self::AccessToken => "access_token",
            Self::RefreshToken => "refresh_token",
        }
    }
}

impl fmt::Display for SecretField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The secret slots of an account, each with its field.
///
/// The destructuring names every field of [`Account`] on purpose: a field added later does
/// not compile here until someone decides whether it is a secret (and then lists it above).
pub(super) fn secret_slots(account: &mut Account) -> [(SecretField, &mut Option<Secret>); 3] {
    let Account {
        provider: _,
        label: _,
        email: _,
        team: _,
        api_key,
        api_key_name: _,
        access_token,
        refresh_token,
        expires_at: _,
        scopes: _,
        created_at: _,
        updated_at: _,
        needs_sign_in: _,
        sign_in_expired: _,
    } = account;
    [
        (SecretField::ApiKey, api_key),
        (SecretField::AccessToken, access_token),
        (SecretField::RefreshToken, refresh_token),
    ]
}

/// The secret values of an account, each with its field.
pub(super) fn secret_values(account: &Account) -> [(SecretField, Option<&Secret>); 3] {
    let Account {
        provider: _,
        label: _,
        email: _,
        team: _,
        api_key,
        api_key_name: _,
        access_token,
        refresh_token,
        expires_at: _,
        scopes: _,
        created_at: _,
        updated_at: _,
        needs_sign_in: _,
        sign_in_expired: _,
    } = account;
    [
        (SecretField::ApiKey, api_key.as_ref()),
        (SecretField::AccessToken, access_token.as_ref()),
        (SecretField::RefreshToken, refresh_token.as_ref()),
    ]
}
