//! A redacted overview of the credentials file for `config check` and `status`.

use super::Loaded;
use super::key_status::ProtectionStatus;
use super::repair::Repair;
use super::secure_file;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// What can be said about the credentials file without showing a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The credentials file.
    pub path: PathBuf,
    /// Whether it exists.
    pub exists: bool,
    /// Its permission bits (after any repair), when it exists.
    pub file_mode: Option<u32>,
    /// The directory's permission bits (after any repair), when it exists.
    pub dir_mode: Option<u32>,
    /// What was repaired while reading it.
    pub repairs: Vec<Repair>,
    /// The number of accounts per provider name.
    pub accounts_by_provider: BTreeMap<String, usize>,
    /// The number of accounts that need a new sign-in.
    pub needing_sign_in: usize,
    /// The default account's label and id.
    pub default_account: Option<String>,
    /// The protection of the secrets and whether the key is available (`None`: a plain
    /// store, or a summary made without its store).
    pub protection: Option<ProtectionStatus>,
}

impl Summary {
    /// Summarises a loaded file.
    pub fn new(path: &Path, loaded: &Loaded) -> Self {
        let mut accounts_by_provider = BTreeMap::new();
        let mut needing_sign_in = 0;
        for (_, account) in loaded.credentials.accounts() {
            *accounts_by_provider
                .entry(account.provider.clone())
                .or_insert(0) += 1;
            needing_sign_in += usize::from(account.needs_sign_in);
        }
        Self {
            path: path.to_path_buf(),
            exists: loaded.exists,
            file_mode: secure_file::mode_of(path),
            dir_mode: secure_file::mode_of(&secure_file::parent_dir(path)),
            repairs: loaded.repairs.clone(),
            accounts_by_provider,
            needing_sign_in,
            default_account: loaded
                .credentials
                .default_account()
                .map(|(id, a)| format!("{} ({id})", a.label)),
            protection: None,
        }
    }

    /// Whether something had to be repaired.
    pub fn repaired(&self) -> bool {
        !self.repairs.is_empty()
    }

    /// The total number of accounts.
    pub fn account_count(&self) -> usize {
        self.accounts_by_provider.values().sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = |m: Option<u32>| m.map_or_else(|| "-".to_owned(), |m| format!("{m:04o}"));
        if self.exists {
            writeln!(
                f,
                "credentials: {} (mode {}, directory {})",
                self.path.display(),
                mode(self.file_mode),
                mode(self.dir_mode)
            )?;
        } else {
            writeln!(f, "credentials: {} (not created yet)", self.path.display())?;
        }
        for repair in &self.repairs {
            writeln!(f, "  repaired: {repair}")?;
        }
        if let Some(protection) = &self.protection {
            writeln!(f, "  {protection}")?;
        }
        if self.accounts_by_provider.is_empty() {
            writeln!(f, "  accounts: none")?;
        }
        for (provider, count) in &self.accounts_by_provider {
            writeln!(f, "  accounts for {provider}: {count}")?;
        }
        if self.needing_sign_in > 0 {
            writeln!(f, "  needing sign-in: {}", self.needing_sign_in)?;
        }
        if let Some(default) = &self.default_account {
            writeln!(f, "  default account: {default}")?;
        }
        Ok(())
    }
}
