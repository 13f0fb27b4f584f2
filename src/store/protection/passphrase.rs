//! `protection = "passphrase"`: the data key wrapped (XChaCha20-Poly1305) with a key-encryption
//! key that Argon2id derives from the operator's passphrase. The wrapped key, its salt and
//! the Argon2 parameters live in `$XDG_DATA_HOME/updash/key.wrapped`, one line per key:
//!
//! ```text
//! v1 <key id> argon2id m=<KiB>,t=<passes>,p=<lanes> <base64url salt> <base64url nonce||wrapped key>
//! ```
//!
//! The parameters are read from the line, so stronger ones later still open older files.

use super::{read_lines, write_lines};
use crate::secret::Secret;
use crate::store::error::StoreError;
use crate::store::key_error::KeyError;
use crate::store::repair::Repair;
use crate::store::seal::{DataKey, KEY_LEN, KeyId};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use std::path::Path;
use zeroize::Zeroizing;

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Argon2id memory in KiB (64 MiB, RFC 9106's second recommended setting).
const MEMORY_KIB: u32 = 64 * 1024;
/// Argon2id passes.
const PASSES: u32 = 3;
/// Argon2id lanes (one: updash runs on small shared machines).
const LANES: u32 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const MAX_LEN: u64 = 16 * 1024;
/// The most memory (KiB) and passes a file may ask for: an edited file must not make an unlock
/// take minutes or gigabytes.
const MAX_MEMORY_KIB: u32 = 1024 * 1024;
const MAX_PASSES: u32 = 64;
const AD_LABEL: &str = "updash wrapped key v1";
const HEADER: &str = "# updash data key, wrapped with a key derived from your passphrase \
                      (Argon2id).\n# Without the passphrase it opens nothing.\n";

/// One parsed line.
struct Wrapped {
    id: KeyId,
    params: Params,
    salt: Vec<u8>,
    sealed: Vec<u8>,
}

/// Opens key `id` with `passphrase`.
pub(in crate::store) fn unwrap(
    path: &Path,
    id: &KeyId,
    passphrase: &Secret,
    repairs: &mut Vec<Repair>,
) -> Result<DataKey, StoreError> {
    let entries = read(path, repairs)?.ok_or_else(|| KeyError::Missing {
        where_: format!("the wrapped-key file {} is missing", path.display()),
        id: id.clone(),
    })?;
    let entry = entries
        .into_iter()
        .find(|w| &w.id == id)
        .ok_or_else(|| KeyError::Missing {
            where_: format!("the wrapped-key file {}", path.display()),
            id: id.clone(),
        })?;
    let kek = derive(passphrase, &entry.salt, entry.params)?;
    if entry.sealed.len() < NONCE_LEN {
        return Err(bad_line(path).into());
    }
    let (nonce, sealed) = entry.sealed.split_at(NONCE_LEN);
    let ad = format!("{AD_LABEL}\0{id}");
    let bytes = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]))
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: ad.as_bytes(),
            },
        )
        .map_err(|_| KeyError::WrongPassphrase)?;
    let bytes = Zeroizing::new(bytes);
    DataKey::from_bytes(&bytes)
        .filter(|k| &k.id() == id)
        .ok_or_else(|| bad_line(path).into())
}

/// Wraps `key` with `passphrase` and adds it to the file.
pub(super) fn add(
    path: &Path,
    key: &DataKey,
    passphrase: &Secret,
    repairs: &mut Vec<Repair>,
) -> Result<(), StoreError> {
    check_strength(passphrase)?;
    let mut lines = raw_lines(path, repairs)?;
    let id = key.id();
    let mut salt = [0u8; SALT_LEN];
    rand::rng().fill_bytes(&mut salt);
    let params = Params::new(MEMORY_KIB, PASSES, LANES, Some(KEY_LEN))
        .map_err(|_| KeyError::WrongPassphrase)?;
    let kek = derive(passphrase, &salt, params)?;
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let ad = format!("{AD_LABEL}\0{id}");
    let sealed = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]))
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: key.bytes(),
                aad: ad.as_bytes(),
            },
        )
        .unwrap_or_default();
    let mut blob = nonce.to_vec();
    blob.extend_from_slice(&sealed);
    lines.retain(|l| line_id(l).as_ref() != Some(&id));
    lines.push(Zeroizing::new(format!(
        "v1 {id} argon2id m={MEMORY_KIB},t={PASSES},p={LANES} {} {}",
        URL_SAFE_NO_PAD.encode(salt),
        URL_SAFE_NO_PAD.encode(blob)
    )));
    write_lines(path, HEADER, &lines, repairs)
}

/// Removes key `id` from the file (the file goes when it was the last).
pub(super) fn remove(path: &Path, id: &KeyId) -> Result<(), StoreError> {
    let mut repairs = Vec::new();
    let mut lines = raw_lines(path, &mut repairs)?;
    let before = lines.len();
    lines.retain(|l| line_id(l).as_ref() != Some(id));
    if lines.len() == before {
        return Ok(());
    }
    write_lines(path, HEADER, &lines, &mut repairs)
}

/// Whether the file holds key `id` (no passphrase needed).
pub(in crate::store) fn holds(
    path: &Path,
    id: &KeyId,
    repairs: &mut Vec<Repair>,
) -> Result<bool, StoreError> {
    Ok(read(path, repairs)?.is_some_and(|ws| ws.iter().any(|w| &w.id == id)))
}

/// Refuses passphrases too short to be worth deriving a key from.
pub(in crate::store) fn check_strength(passphrase: &Secret) -> Result<(), KeyError> {
    if passphrase.expose().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(KeyError::WeakPassphrase {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

fn derive(
    passphrase: &Secret,
    salt: &[u8],
    params: Params,
) -> Result<Zeroizing<[u8; KEY_LEN]>, StoreError> {
    let mut kek = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.expose().as_bytes(), salt, &mut kek[..])
        .map_err(|_| KeyError::WrongPassphrase)?;
    Ok(kek)
}

fn raw_lines(path: &Path, repairs: &mut Vec<Repair>) -> Result<Vec<Zeroizing<String>>, StoreError> {
    Ok(read_lines(path, MAX_LEN, repairs)?
        .unwrap_or_default()
        .into_iter()
        .map(|(_, l)| l)
        .collect())
}

fn line_id(line: &str) -> Option<KeyId> {
    line.split_whitespace().nth(1).and_then(KeyId::parse)
}

fn read(path: &Path, repairs: &mut Vec<Repair>) -> Result<Option<Vec<Wrapped>>, StoreError> {
    let Some(lines) = read_lines(path, MAX_LEN, repairs)? else {
        return Ok(None);
    };
    lines
        .iter()
        .map(|(n, l)| {
            parse_line(l).ok_or_else(|| {
                KeyError::BadKeyFile {
                    path: path.to_path_buf(),
                    line: *n,
                }
                .into()
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()
        .map(Some)
}

fn parse_line(line: &str) -> Option<Wrapped> {
    let mut parts = line.split_whitespace();
    let (Some("v1"), Some(id), Some("argon2id"), Some(params), Some(salt), Some(sealed), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    let mut m = None;
    let mut t = None;
    let mut p = None;
    for kv in params.split(',') {
        let (k, v) = kv.split_once('=')?;
        let v: u32 = v.parse().ok()?;
        match k {
            "m" => m = Some(v),
            "t" => t = Some(v),
            "p" => p = Some(v),
            _ => return None,
        }
    }
    if m? > MAX_MEMORY_KIB || t? > MAX_PASSES {
        return None;
    }
    Some(Wrapped {
        id: KeyId::parse(id)?,
        params: Params::new(m?, t?, p?, Some(KEY_LEN)).ok()?,
        salt: URL_SAFE_NO_PAD.decode(salt).ok()?,
        sealed: URL_SAFE_NO_PAD.decode(sealed).ok()?,
    })
}

fn bad_line(path: &Path) -> KeyError {
    KeyError::BadKeyFile {
        path: path.to_path_buf(),
        line: 0,
    }
}
