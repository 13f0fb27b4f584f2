//! `protection = "keyfile"`: the data key in `$XDG_DATA_HOME/updash/key` (0600, directory
//! 0700), apart from the config directory, so a copied or synced `~/.config` carries no usable
//! secret.
//!
//! The file holds one line `v1 <base64url key>` per key (two only while a re-seal runs); a
//! key's id is computed from the key, so a line cannot claim another key's id.

use super::{read_lines, write_lines};
use crate::store::error::StoreError;
use crate::store::key_error::KeyError;
use crate::store::repair::Repair;
use crate::store::seal::{DataKey, KeyId};
use std::path::Path;
use zeroize::Zeroizing;

/// The longest key file read (a few keys fit in a few hundred bytes).
const MAX_LEN: u64 = 4096;
const LINE_TAG: &str = "v1 ";
const HEADER: &str = "# updash data key: opens the sealed secrets of credentials.toml. Keep it \
                      private (mode 0600),\n# apart from the config directory, and out of \
                      backups that also hold credentials.toml.\n";

/// Every key in the file; `None` when it does not exist.
pub(super) fn read_keys(
    path: &Path,
    repairs: &mut Vec<Repair>,
) -> Result<Option<Vec<DataKey>>, StoreError> {
    let Some(lines) = read_lines(path, MAX_LEN, repairs)? else {
        return Ok(None);
    };
    lines
        .iter()
        .map(|(n, line)| {
            line.strip_prefix(LINE_TAG)
                .and_then(DataKey::from_text)
                .ok_or_else(|| {
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

/// The key `id` from the file.
pub(super) fn fetch(
    path: &Path,
    id: &KeyId,
    repairs: &mut Vec<Repair>,
) -> Result<DataKey, StoreError> {
    let keys = read_keys(path, repairs)?;
    let missing = |what: String| KeyError::Missing {
        where_: what,
        id: id.clone(),
    };
    let Some(keys) = keys else {
        return Err(missing(format!("the key file {} is missing", path.display())).into());
    };
    keys.into_iter()
        .find(|k| &k.id() == id)
        .ok_or_else(|| missing(format!("the key file {} holds another key", path.display())).into())
}

/// Adds `key` to the file (creating it); a key already there is not added twice.
pub(super) fn add(path: &Path, key: &DataKey, repairs: &mut Vec<Repair>) -> Result<(), StoreError> {
    let mut keys = read_keys(path, repairs)?.unwrap_or_default();
    if keys.iter().any(|k| k.id() == key.id()) {
        return Ok(());
    }
    keys.push(key.clone());
    write(path, &keys, repairs)
}

/// Removes key `id`; the file goes when no key is left.
pub(super) fn remove(path: &Path, id: &KeyId) -> Result<(), StoreError> {
    let mut repairs = Vec::new();
    let Some(mut keys) = read_keys(path, &mut repairs)? else {
        return Ok(());
    };
    let before = keys.len();
    keys.retain(|k| &k.id() != id);
    if keys.len() == before {
        return Ok(());
    }
    write(path, &keys, &mut repairs)
}

fn write(path: &Path, keys: &[DataKey], repairs: &mut Vec<Repair>) -> Result<(), StoreError> {
    let lines: Vec<Zeroizing<String>> = keys
        .iter()
        .map(|k| Zeroizing::new(format!("{LINE_TAG}{}", k.to_text().as_str())))
        .collect();
    write_lines(path, HEADER, &lines, repairs)
}
