//! The file's text and back: header comment, schema version, the `[seal]` table, and secrets
//! sealed on the way out and opened on the way in.
//!
//! Reading parses the whole schema first (so errors keep their line and column), with secret
//! fields still as stored; only then are sealed values opened, each under its account and
//! field. A value that does not open is an error naming them, and nothing is written.

use super::account::AccountId;
use super::credentials::{Credentials, PLAIN_SCHEMA_VERSION, SCHEMA_VERSION};
use super::error::StoreError;
use super::fields::{SecretField, secret_slots, secret_values};
use super::key_error::UnsealProblem;
use super::protection::SealHeader;
use super::repair::Repair;
use super::seal::{Sealer, is_sealed};
use crate::secret::Secret;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The first lines of a file with sealed secrets.
const SEALED_HEADER: &str = "\
# updash credentials: accounts, tokens and API keys. Keep this file private (mode 0600).
# Secrets are sealed: \"sealed:v1:<base64url(nonce || ciphertext)>\" is XChaCha20-Poly1305
# under the data key that [seal] names, bound to its account id and field name.
# Written by updash: it rewrites the whole file, so values you change by hand (a label, the
# default account) are kept, but comments are not. Unknown fields are rejected.

";

/// The first lines of a file with plain-text secrets (written only by a plain store).
const PLAIN_HEADER: &str = "\
# updash credentials: API keys and tokens. Keep this file private (mode 0600).
# Written by updash: it rewrites the whole file, so values you change by hand are kept, but
# comments are not. Unknown fields are rejected.

";

/// Which secret fields each account has, when the secrets themselves were left out.
pub type PresentSecrets = BTreeMap<AccountId, BTreeSet<SecretField>>;

/// A file as read: the schema checked, secret fields still as stored (sealed or plain).
#[derive(Debug)]
pub(super) struct Decoded {
    /// The accounts; their secret fields hold the stored text until opened.
    stored: Credentials,
    /// The `[seal]` table, when the file has one.
    pub(super) seal: Option<SealHeader>,
}

impl Decoded {
    /// An empty store (no file yet).
    pub(super) fn empty() -> Self {
        Self {
            stored: Credentials::new(),
            seal: None,
        }
    }

    /// Whether any secret is stored in plain text (sealed on the next write).
    pub(super) fn has_plain_secrets(&self) -> bool {
        self.stored_values().any(|(_, _, v)| !is_sealed(v.expose()))
    }

    /// The first account and field with a sealed value, to name in an error about the key.
    pub(super) fn first_sealed(&self) -> Option<(String, SecretField)> {
        self.stored_values()
            .find(|(_, _, v)| is_sealed(v.expose()))
            .and_then(|(id, field, _)| {
                let label = &self.stored.get(id)?.label;
                Some((name_account(id, label), field))
            })
    }

    /// Opens every sealed value with `sealer`; plain values stay as they are.
    pub(super) fn open(
        mut self,
        path: &Path,
        sealer: Option<&Sealer>,
    ) -> Result<Credentials, StoreError> {
        for (id, account) in self.stored.accounts_mut() {
            let label = account.label.clone();
            for (field, slot) in secret_slots(account) {
                let Some(stored) = slot.as_ref().filter(|v| is_sealed(v.expose())) else {
                    continue;
                };
                let opened = match sealer {
                    Some(sealer) => sealer
                        .open(id, field, stored.expose())
                        .map_err(UnsealProblem::from),
                    None => Err(UnsealProblem::NoKey),
                };
                *slot = Some(opened.map_err(|problem| StoreError::Unseal {
                    path: path.to_path_buf(),
                    account: name_account(id, &label),
                    field,
                    problem,
                })?);
            }
        }
        Ok(self.stored)
    }

    /// Leaves every secret out, saying which fields each account has (for views without the
    /// data key: `status`, `config check`).
    pub(super) fn withhold(mut self) -> (Credentials, PresentSecrets) {
        let mut present = PresentSecrets::new();
        for (id, account) in self.stored.accounts_mut() {
            let fields = present.entry(id.clone()).or_default();
            for (field, slot) in secret_slots(account) {
                if slot.take().is_some() {
                    fields.insert(field);
                }
            }
        }
        (self.stored, present)
    }

    fn stored_values(&self) -> impl Iterator<Item = (&AccountId, SecretField, &Secret)> {
        self.stored.accounts().flat_map(|(id, account)| {
            secret_values(account)
                .into_iter()
                .filter_map(move |(field, value)| value.map(|v| (id, field, v)))
        })
    }
}

/// How errors name an account: its label and id.
fn name_account(id: &AccountId, label: &str) -> String {
    format!("{label:?} ({id})")
}

/// Parses the file's text. The schema is parsed once; only when that fails is the version
/// read on its own, so a newer file gets "upgrade updash" rather than a field error. A file
/// holding only whitespace and comments is an empty store.
pub(super) fn parse(
    path: &Path,
    text: &str,
    repairs: &mut Vec<Repair>,
) -> Result<Decoded, StoreError> {
    /// Reads only `version`, ignoring every other field.
    #[derive(Deserialize)]
    struct VersionProbe {
        version: Option<i64>,
    }
    let to_error = |e: toml::de::Error| StoreError::parse(path, text, e.span(), e.message());
    let unsupported = |found: i64| StoreError::UnsupportedVersion {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    };
    let known = i64::from(PLAIN_SCHEMA_VERSION)..=i64::from(SCHEMA_VERSION);
    let mut stored: Credentials = match toml::from_str(text) {
        Ok(stored) => stored,
        Err(schema_error) => {
            let probe: VersionProbe = toml::from_str(text).map_err(to_error)?;
            return match probe.version {
                None if is_blank(text) => Ok(Decoded::empty()),
                Some(found) if !known.contains(&found) => Err(unsupported(found)),
                _ => Err(to_error(schema_error)),
            };
        }
    };
    let (version, seal) = stored.take_file_fields();
    if !known.contains(&i64::from(version)) {
        return Err(unsupported(i64::from(version)));
    }
    repairs.extend(stored.normalize());
    Ok(Decoded { stored, seal })
}

/// Whether the text has nothing but whitespace and comments.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#'))
}

/// The text of a file with plain-text secrets (schema version 1).
pub(super) fn render_plain(credentials: &Credentials) -> Result<String, StoreError> {
    let mut out = credentials.clone();
    out.set_file_fields(PLAIN_SCHEMA_VERSION, None);
    Ok(format!("{PLAIN_HEADER}{}", to_toml(&out)?))
}

/// The text of a file whose secrets are sealed with `sealer`, under `header`.
pub(super) fn render_sealed(
    credentials: &Credentials,
    header: &SealHeader,
    sealer: &Sealer,
) -> Result<String, StoreError> {
    let mut out = credentials.clone();
    out.set_file_fields(SCHEMA_VERSION, Some(header.clone()));
    for (id, account) in out.accounts_mut() {
        for (field, slot) in secret_slots(account) {
            if let Some(value) = slot.as_ref() {
                *slot = Some(Secret::new(sealer.seal(id, field, value)));
            }
        }
    }
    Ok(format!("{SEALED_HEADER}{}", to_toml(&out)?))
}

fn to_toml(credentials: &Credentials) -> Result<String, StoreError> {
    toml::to_string(credentials).map_err(|e| StoreError::Serialize {
        // toml's serializer errors name types, not values.
        reason: e.to_string(),
    })
}
