//! The whole credentials file as data: schema version, accounts, default account.

use super::account::{Account, AccountId};
use super::error::StoreError;
use super::protection::SealHeader;
use super::repair::Repair;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The newest schema version: secrets sealed, with a `[seal]` table naming the key.
pub const SCHEMA_VERSION: u32 = 2;
/// The schema of a file with plain-text secrets (read, and written only by a plain store).
pub const PLAIN_SCHEMA_VERSION: u32 = 1;

/// How many fresh ids to try before giving up on a collision (never happens in practice).
const ID_ATTEMPTS: usize = 64;

/// The accounts in the credentials file.
///
/// Invariant kept by every method: when there is at least one account, `default_account`
/// names one of them; when there are none, there is no default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_account: Option<AccountId>,
    /// Only between the file and the store: taken out on read, put in on write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seal: Option<SealHeader>,
    #[serde(default)]
    accounts: BTreeMap<AccountId, Account>,
}

impl Default for Credentials {
    fn default() -> Self {
        Self {
            version: SCHEMA_VERSION,
            default_account: None,
            seal: None,
            accounts: BTreeMap::new(),
        }
    }
}

impl Credentials {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of accounts.
    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    /// Whether there are no accounts.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// All accounts, ordered by id.
    pub fn accounts(&self) -> impl Iterator<Item = (&AccountId, &Account)> {
        self.accounts.iter()
    }

    /// Adds an account under a fresh id; the first account becomes the default.
    pub fn add_account(&mut self, account: Account) -> Result<AccountId, StoreError> {
        let id = (0..ID_ATTEMPTS)
            .map(|_| AccountId::generate())
            .find(|id| !self.accounts.contains_key(id))
            .ok_or(StoreError::NoFreeId)?;
        self.insert_account(id.clone(), account);
        Ok(id)
    }

    /// Puts an account under a known id (replacing and returning any account there).
    pub fn insert_account(&mut self, id: AccountId, account: Account) -> Option<Account> {
        let old = self.accounts.insert(id.clone(), account);
        if self.default_account.is_none() {
            self.default_account = Some(id);
        }
        old
    }

    /// The account with this id.
    pub fn get(&self, id: &AccountId) -> Option<&Account> {
        self.accounts.get(id)
    }

    /// The account with this id, to change it (set `updated_at` when you do).
    pub fn get_mut(&mut self, id: &AccountId) -> Option<&mut Account> {
        self.accounts.get_mut(id)
    }

    /// Removes an account; when it was the default, the oldest remaining account becomes it.
    pub fn remove_account(&mut self, id: &AccountId) -> Option<Account> {
        let removed = self.accounts.remove(id)?;
        if self.default_account.as_ref() == Some(id) {
            self.default_account = self.oldest_account_id();
        }
        Some(removed)
    }

    /// The default account's id.
    pub fn default_account_id(&self) -> Option<&AccountId> {
        self.default_account.as_ref()
    }

    /// The default account.
    pub fn default_account(&self) -> Option<(&AccountId, &Account)> {
        let id = self.default_account.as_ref()?;
        self.accounts.get_key_value(id)
    }

    /// Makes an existing account the default.
    pub fn set_default(&mut self, id: &AccountId) -> Result<(), StoreError> {
        if !self.accounts.contains_key(id) {
            return Err(StoreError::UnknownAccount { id: id.clone() });
        }
        self.default_account = Some(id.clone());
        Ok(())
    }

    /// Accounts whose label is exactly `label`.
    pub fn find_by_label<'a>(
        &'a self,
        label: &str,
    ) -> impl Iterator<Item = (&'a AccountId, &'a Account)> {
        self.accounts.iter().filter(move |(_, a)| a.label == label)
    }

    /// Accounts whose email is `email` (compared ignoring ASCII case).
    pub fn find_by_email<'a>(
        &'a self,
        email: &str,
    ) -> impl Iterator<Item = (&'a AccountId, &'a Account)> {
        self.accounts.iter().filter(move |(_, a)| {
            a.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
    }

    /// Accounts of one provider.
    pub fn find_by_provider<'a>(
        &'a self,
        provider: &str,
    ) -> impl Iterator<Item = (&'a AccountId, &'a Account)> {
        self.accounts
            .iter()
            .filter(move |(_, a)| a.provider == provider)
    }

    /// The one account an operator means by `query`: an id, else a label, else an email.
    pub fn resolve(&self, query: &str) -> Result<&AccountId, StoreError> {
        if let Some((id, _)) =
            AccountId::parse(query).and_then(|id| self.accounts.get_key_value(&id))
        {
            return Ok(id);
        }
        let by_label: Vec<&AccountId> = self.find_by_label(query).map(|(id, _)| id).collect();
        let matches = if by_label.is_empty() {
            self.find_by_email(query).map(|(id, _)| id).collect()
        } else {
            by_label
        };
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(StoreError::AccountNotFound {
                query: query.to_owned(),
            }),
            many => Err(StoreError::AmbiguousAccount {
                query: query.to_owned(),
                ids: many.iter().map(|id| (*id).clone()).collect(),
            }),
        }
    }

    /// Restores the invariant on data read from a (possibly hand-edited) file.
    pub(super) fn normalize(&mut self) -> Option<Repair> {
        let valid = match &self.default_account {
            Some(id) => self.accounts.contains_key(id),
            None => self.accounts.is_empty(),
        };
        if valid {
            return None;
        }
        let found = self.default_account.take();
        self.default_account = self.oldest_account_id();
        Some(Repair::DefaultAccount {
            found,
            using: self.default_account.clone(),
        })
    }

    /// The schema version of this data (always [`SCHEMA_VERSION`] once loaded).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Takes the `[seal]` table read from a file, leaving the in-memory schema version.
    pub(super) fn take_file_fields(&mut self) -> (u32, Option<SealHeader>) {
        let version = std::mem::replace(&mut self.version, SCHEMA_VERSION);
        (version, self.seal.take())
    }

    /// Sets what a file is written with: its schema version and `[seal]` table.
    pub(super) fn set_file_fields(&mut self, version: u32, seal: Option<SealHeader>) {
        self.version = version;
        self.seal = seal;
    }

    /// Every account, to change (the codec seals and opens secrets in place).
    pub(super) fn accounts_mut(&mut self) -> impl Iterator<Item = (&AccountId, &mut Account)> {
        self.accounts.iter_mut()
    }

    fn oldest_account_id(&self) -> Option<AccountId> {
        self.accounts
            .iter()
            .min_by_key(|(id, a)| (a.created_at, (*id).clone()))
            .map(|(id, _)| id.clone())
    }
}
