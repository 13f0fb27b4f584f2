//! Secrets sealed at rest: opening with the right key and every wrong one, migration from
//! plain text, the keyring and passphrase protections, repairs said on stderr, and the file
//! under concurrent writers and killed re-seals.

mod errors;
mod keyring;
mod migration;
mod passphrase;
mod processes;
mod repairs;

use std::path::{Path, PathBuf};
use updash::store::{ProtectionKind, Store};

/// A sealed store in a temporary home: `config/updash/credentials.toml`, key material in
/// `data/updash`.
pub(super) fn sealed_store(root: &Path, protection: ProtectionKind) -> Store {
    let paths = updash::paths::Paths::under(root);
    Store::for_paths(&paths, protection)
}

/// Every regular file under `root`, recursively.
pub(super) fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => dirs.push(path),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// Panics when any file under `root` holds one of `needles`.
pub(super) fn assert_nowhere(root: &Path, needles: &[&str]) {
    for file in files_under(root) {
        let bytes = std::fs::read(&file).expect("read");
        for needle in needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{} holds a secret in plain text",
                file.display()
            );
        }
    }
}

/// The names of the entries of `dir`, sorted.
pub(super) fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|es| {
            es.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
