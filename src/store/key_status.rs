//! What `status` and `config check` say about the protection, without needing the key.

use super::protection::ProtectionKind;
use super::seal::KeyId;
use std::fmt;

/// Whether the data key can be had now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAvailability {
    /// It is there (key file, keyring entry, or an unlocked passphrase key).
    Available,
    /// Passphrase protection, not unlocked.
    Locked,
    /// Nothing is sealed yet; the key is made with the next write.
    NotCreated,
    /// It cannot be had: the reason, in words.
    Unavailable(String),
}

impl KeyAvailability {
    /// A short word for JSON.
    pub fn word(&self) -> &'static str {
        match self {
            Self::Available => "available",
            Self::Locked => "locked",
            Self::NotCreated => "not-created",
            Self::Unavailable(_) => "unavailable",
        }
    }
}

/// The protection of a credentials file, as far as it can be told without the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectionStatus {
    /// The protection the file is sealed with; `None` while nothing is sealed.
    pub in_use: Option<ProtectionKind>,
    /// The protection config.toml asks for (used for the first seal).
    pub configured: ProtectionKind,
    /// The id of the data key the file names.
    pub key_id: Option<KeyId>,
    /// Whether the key can be had now.
    pub key: KeyAvailability,
    /// Where the key is kept, in words.
    pub location: String,
    /// Whether some secrets are still in plain text (sealed on the next write).
    pub plain_secrets: bool,
}

impl ProtectionStatus {
    /// The protection that applies: the file's, else the configured one.
    pub fn kind(&self) -> ProtectionKind {
        self.in_use.unwrap_or(self.configured)
    }

    /// Whether config.toml asks for another protection than the file has.
    pub fn differs_from_config(&self) -> bool {
        self.in_use.is_some_and(|k| k != self.configured)
    }
}

impl fmt::Display for ProtectionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.kind();
        let key = match &self.key {
            KeyAvailability::Available if kind == ProtectionKind::Passphrase => {
                "unlocked".to_owned()
            }
            KeyAvailability::Available => "available".to_owned(),
            KeyAvailability::Locked => "locked: run `updash unlock`".to_owned(),
            KeyAvailability::NotCreated => "created with the first secret saved".to_owned(),
            KeyAvailability::Unavailable(why) => format!("NOT AVAILABLE: {why}"),
        };
        match self.in_use {
            Some(_) => write!(f, "protection: {kind}; key in {}: {key}", self.location)?,
            None => write!(
                f,
                "protection: {kind} (nothing sealed yet); key in {}",
                self.location
            )?,
        }
        if self.plain_secrets {
            write!(
                f,
                "\n  some secrets are still in plain text: the next command that opens the \
                 accounts seals them"
            )?;
        }
        if self.differs_from_config() {
            write!(
                f,
                "\n  config.toml asks for {}: run `updash store protect` to switch",
                self.configured
            )?;
        }
        Ok(())
    }
}
