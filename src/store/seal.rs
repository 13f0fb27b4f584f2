//! Sealing one secret value: XChaCha20-Poly1305 under the random 256-bit data key.
//!
//! A sealed value in credentials.toml is the text
//!
//! ```text
//! sealed:v1:<base64url, no padding, of: 24-byte random nonce || ciphertext || 16-byte tag>
//! ```
//!
//! and its associated data is `updash sealed v1 \0 <account id> \0 <field name>`, so a value
//! pasted into another account or another field does not open. The `v1` names this layout;
//! a later one gets a new tag and this one stays readable.

use super::account::AccountId;
use super::fields::SecretField;
use crate::secret::Secret;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::{RngCore, TryRngCore};
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// What every sealed value starts with (any version).
pub const SEALED_PREFIX: &str = "sealed:";
/// The prefix of this layout.
const V1_PREFIX: &str = "sealed:v1:";
/// The data key's length in bytes.
pub const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const AD_LABEL: &[u8] = b"updash sealed v1";
const KEY_ID_LABEL: &[u8] = b"updash data key id v1\0";
/// Hex characters of a key id (64 bits: tells keys apart, reveals nothing of the key).
const KEY_ID_LEN: usize = 16;

/// The random 256-bit key that seals every secret of one credentials file.
///
/// Held on the heap and zeroed when dropped; `Debug` prints only its id.
#[derive(Clone)]
pub struct DataKey(Box<Zeroizing<[u8; KEY_LEN]>>);

impl DataKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Self {
        let mut key = Box::new(Zeroizing::new([0u8; KEY_LEN]));
        if rand::rngs::OsRng.try_fill_bytes(&mut key[..]).is_err() {
            // ThreadRng is a CSPRNG seeded from the OS too; it stands in if a direct read fails.
            rand::rng().fill_bytes(&mut key[..]);
        }
        Self(key)
    }

    /// A key from its bytes; `None` unless there are exactly [`KEY_LEN`] of them.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut key = Box::new(Zeroizing::new([0u8; KEY_LEN]));
        key.get_mut(..)?
            .copy_from_slice(bytes.get(..KEY_LEN).filter(|_| bytes.len() == KEY_LEN)?);
        Some(Self(key))
    }

    /// The key's bytes, to store it where its protection keeps it.
    pub(super) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The key as base64url text (zeroed when dropped).
    pub(super) fn to_text(&self) -> Zeroizing<String> {
        Zeroizing::new(URL_SAFE_NO_PAD.encode(&self.0[..]))
    }

    /// A key from base64url text; `None` when it is not one.
    pub(super) fn from_text(text: &str) -> Option<Self> {
        let bytes = Zeroizing::new(URL_SAFE_NO_PAD.decode(text.trim()).ok()?);
        Self::from_bytes(&bytes)
    }

    /// This key's id: a hash of the key, so an id can be checked against the key it names.
    pub fn id(&self) -> KeyId {
        let mut hash = Sha256::new();
        hash.update(KEY_ID_LABEL);
        hash.update(&self.0[..]);
        let digest = hash.finalize();
        let hex: String = digest
            .iter()
            .take(KEY_ID_LEN / 2)
            .map(|b| format!("{b:02x}"))
            .collect();
        KeyId(hex)
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DataKey({})", self.id())
    }
}

/// The public id of a data key (16 hex characters), recorded in credentials.toml.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct KeyId(String);

impl KeyId {
    /// Checks and wraps an id read from a file.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = text.len() == KEY_ID_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| Self(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for KeyId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw)
            .ok_or_else(|| serde::de::Error::custom("invalid key id: use 16 hex characters"))
    }
}

/// Why a sealed value did not open (never carries the value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFailure {
    /// Not a sealed value this updash can read (bad base64, too short).
    Malformed,
    /// A layout newer than this updash knows.
    UnknownVersion,
    /// The key or the associated data does not match: wrong key, a value moved from another
    /// account or field, or a changed or truncated value.
    Rejected,
}

/// Seals and opens values under one data key.
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl Sealer {
    /// A sealer for `key` (the cipher keeps its own copy, zeroed when dropped).
    pub fn new(key: &DataKey) -> Self {
        Self {
            cipher: XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key.bytes())),
        }
    }

    /// The sealed text of `value` for this account and field.
    pub fn seal(&self, account: &AccountId, field: SecretField, value: &Secret) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let aad = associated_data(account, field);
        let payload = Payload {
            msg: value.expose().as_bytes(),
            aad: &aad,
        };
        // Encryption fails only for inputs of gigabytes; a value of the file is never that.
        let sealed = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), payload)
            .unwrap_or_default();
        let mut bytes = Vec::with_capacity(NONCE_LEN + sealed.len());
        bytes.extend_from_slice(&nonce);
        bytes.extend_from_slice(&sealed);
        format!("{V1_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Opens a sealed text that was sealed for this account and field.
    pub fn open(
        &self,
        account: &AccountId,
        field: SecretField,
        text: &str,
    ) -> Result<Secret, OpenFailure> {
        let Some(body) = text.strip_prefix(V1_PREFIX) else {
            return Err(if text.starts_with(SEALED_PREFIX) {
                OpenFailure::UnknownVersion
            } else {
                OpenFailure::Malformed
            });
        };
        let bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| OpenFailure::Malformed)?;
        if bytes.len() < NONCE_LEN + TAG_LEN {
            return Err(OpenFailure::Malformed);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let aad = associated_data(account, field);
        let payload = Payload {
            msg: sealed,
            aad: &aad,
        };
        let plain = self
            .cipher
            .decrypt(XNonce::from_slice(nonce), payload)
            .map_err(|_| OpenFailure::Rejected)?;
        match String::from_utf8(plain) {
            Ok(text) => Ok(Secret::new(text)),
            Err(e) => {
                e.into_bytes().zeroize();
                Err(OpenFailure::Rejected)
            }
        }
    }
}

/// Whether a stored text is a sealed value (of any layout).
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(SEALED_PREFIX)
}

fn associated_data(account: &AccountId, field: SecretField) -> Vec<u8> {
    let mut aad = Vec::with_capacity(AD_LABEL.len() + 2 + account.as_str().len() + 16);
    aad.extend_from_slice(AD_LABEL);
    aad.push(0);
    aad.extend_from_slice(account.as_str().as_bytes());
    aad.push(0);
    aad.extend_from_slice(field.name().as_bytes());
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> AccountId {
        AccountId::parse(s).unwrap_or_else(AccountId::generate)
    }

    #[test]
    fn seals_and_opens_bound_to_account_and_field() {
        let sealer = Sealer::new(&DataKey::generate());
        let value = Secret::new("SECRET-MARKER-tok");
        let text = sealer.seal(&id("a1"), SecretField::AccessToken, &value);
        assert!(text.starts_with("sealed:v1:") && !text.contains("MARKER"));
        let back = sealer.open(&id("a1"), SecretField::AccessToken, &text);
        assert_eq!(back.ok().as_ref().map(Secret::expose), Some(value.expose()));
        let moved = sealer.open(&id("b2"), SecretField::AccessToken, &text);
        assert_eq!(moved.err(), Some(OpenFailure::Rejected));
        let other_field = sealer.open(&id("a1"), SecretField::RefreshToken, &text);
        assert_eq!(other_field.err(), Some(OpenFailure::Rejected));
        let other_key = Sealer::new(&DataKey::generate());
        let wrong = other_key.open(&id("a1"), SecretField::AccessToken, &text);
        assert_eq!(wrong.err(), Some(OpenFailure::Rejected));
    }

    #[test]
    fn damaged_texts_fail_cleanly() {
        let sealer = Sealer::new(&DataKey::generate());
        let text = sealer.seal(&id("a"), SecretField::ApiKey, &Secret::new("k"));
        let open = |t: &str| sealer.open(&id("a"), SecretField::ApiKey, t).err();
        for cut in 1..8 {
            let failure = open(&text[..text.len() - cut]);
            assert!(
                matches!(
                    failure,
                    Some(OpenFailure::Rejected | OpenFailure::Malformed)
                ),
                "{cut}: {failure:?}"
            );
        }
        assert_eq!(open("sealed:v1:abc"), Some(OpenFailure::Malformed));
        assert_eq!(open("sealed:v1:!!"), Some(OpenFailure::Malformed));
        assert_eq!(open("sealed:v9:abc"), Some(OpenFailure::UnknownVersion));
        assert_eq!(open("plain"), Some(OpenFailure::Malformed));
    }

    #[test]
    fn key_ids_name_keys_and_keys_round_trip_as_text() {
        let key = DataKey::generate();
        let again = DataKey::from_text(&key.to_text());
        assert_eq!(again.map(|k| k.id()), Some(key.id()));
        assert_ne!(DataKey::generate().id(), key.id());
        assert!(KeyId::parse(key.id().as_str()).is_some());
        assert!(KeyId::parse("XYZ").is_none());
        assert!(DataKey::from_bytes(&[0u8; 31]).is_none());
        assert!(!format!("{key:?}").contains(key.to_text().as_str()));
    }
}
