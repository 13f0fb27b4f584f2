//! `config.toml`: providers, UI preferences and key bindings.
//!
//! updash reads this file and never writes it. Parse and type errors name the file, line and
//! column; semantic errors name the provider table and its line.

mod builtin;
mod data;
mod error;
mod provider;
mod providers;
mod store;

#[cfg(test)]
pub(crate) use builtin::test_provider;
pub use builtin::{SANDBOX, UPSTASH, upstash_defaults};
pub use data::DataConfig;
pub use error::ConfigError;
pub use provider::{ProviderConfig, ProviderKind, TokenAuthMethod, check_url};
pub use providers::Providers;
pub use store::{DEFAULT_UNLOCK_FOR, MAX_UNLOCK_FOR, StoreConfig, parse_duration};

use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The largest config file read: a real one is a few kilobytes; a wrong path (a log, a
/// device such as /dev/zero) is refused instead of read into memory.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The parsed config file, with the built-in providers added.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from (it may not exist).
    pub path: PathBuf,
    /// Whether the file existed.
    pub exists: bool,
    /// Providers from the file, by name (the built-in `sandbox` is resolved at run time).
    pub providers: BTreeMap<String, ProviderConfig>,
    /// UI preferences.
    pub ui: UiConfig,
    /// Key binding overrides: action name to keys (validated by the dashboard's key map).
    pub keys: BTreeMap<String, Vec<String>>,
    /// Where each `[keys]` entry's value starts (1-based line and column), so the key map's
    /// verdict can point at it.
    pub key_positions: BTreeMap<String, (usize, usize)>,
    /// How the secrets of credentials.toml are protected at rest.
    pub store: StoreConfig,
    /// The Data tab's preferences.
    pub data: DataConfig,
}

/// `[ui]`: preferences of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UiConfig {
    /// Colour theme.
    pub theme: Theme,
    /// Whether the mouse is captured (click to select, wheel to scroll).
    pub mouse: bool,
    /// Hide every write action.
    pub read_only: bool,
    /// Auto-refresh interval of lists in seconds; 0 turns it off, otherwise at least 5.
    #[serde(deserialize_with = "refresh_secs")]
    pub refresh_secs: u64,
}

impl Default for UiConfig {
    fn default() -> Self {
        Self {
            theme: Theme::Dark,
            mouse: false,
            read_only: false,
            refresh_secs: 0,
        }
    }
}

/// `refresh_secs`, checked while parsing so an error carries the value's line and column.
fn refresh_secs<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let secs = u64::deserialize(deserializer)?;
    if secs != 0 && secs < 5 {
        return Err(serde::de::Error::custom(
            "refresh_secs must be 0 (off) or at least 5",
        ));
    }
    Ok(secs)
}

/// The colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light text on a dark terminal.
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colours, only bold/reverse/underline.
    Mono,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    providers: BTreeMap<String, toml::Spanned<ProviderConfig>>,
    #[serde(default)]
    ui: UiConfig,
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<KeyList>>,
    #[serde(default)]
    store: StoreConfig,
    #[serde(default)]
    data: Option<toml::Spanned<DataConfig>>,
}

#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a key such as \"q\", or a list of keys such as [\"q\", \"ctrl-c\"]"
)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl Config {
    /// Reads `path` (a regular file of at most [`MAX_CONFIG_BYTES`]); a missing file is the
    /// default configuration.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        use updash_common::bounded_file::{ReadError, read_limited};
        let bytes = match read_limited(path, MAX_CONFIG_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                return Ok(Self {
                    path: path.to_path_buf(),
                    ..Self::default()
                });
            }
            Err(e) => {
                let reason = match e {
                    ReadError::NotRegular(_) => "not a regular file".to_string(),
                    ReadError::TooLarge { max, .. } => format!("larger than {max} bytes"),
                    ReadError::Io { source, .. } => source.to_string(),
                };
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    reason,
                });
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = error::line_col(&before, before.len());
            ConfigError::Syntax {
                path: path.to_path_buf(),
                line,
                column,
                message: "not UTF-8 text (config.toml must be UTF-8)".into(),
            }
        })?;
        Self::parse(path, &text)
    }

    /// Parses config text that came from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let mut providers = BTreeMap::new();
        for (name, spanned) in raw.providers {
            let at = error::line_col(text, spanned.span().start);
            let mut provider = spanned.into_inner();
            if name == SANDBOX {
                return Err(ConfigError::invalid(
                    path,
                    at,
                    &name,
                    "the sandbox provider is built in and cannot be configured",
                ));
            }
            if name == UPSTASH {
                provider = provider.with_defaults_from(&upstash_defaults());
            }
            provider
                .validate()
                .map_err(|reason| ConfigError::invalid(path, at, &name, &reason))?;
            providers.insert(name, provider);
        }
        let mut keys = BTreeMap::new();
        let mut key_positions = BTreeMap::new();
        for (action, spanned) in raw.keys {
            key_positions.insert(action.clone(), error::line_col(text, spanned.span().start));
            let list = match spanned.into_inner() {
                KeyList::One(k) => vec![k],
                KeyList::Many(ks) => ks,
            };
            keys.insert(action, list);
        }
        let data = match raw.data {
            Some(spanned) => {
                let (line, column) = error::line_col(text, spanned.span().start);
                let data = spanned.into_inner();
                data.validate().map_err(|reason| ConfigError::Invalid {
                    path: path.to_path_buf(),
                    line,
                    column,
                    table: "data".into(),
                    reason,
                })?;
                data
            }
            None => DataConfig::default(),
        };
        Ok(Self {
            path: path.to_path_buf(),
            exists: true,
            providers,
            ui: raw.ui,
            keys,
            key_positions,
            store: raw.store,
            data,
        })
    }

    /// The error `reason` about the `[keys]` entry `action`, at its line and column.
    pub fn key_error(&self, action: &str, reason: impl Into<String>) -> ConfigError {
        let (line, column) = self.key_positions.get(action).copied().unwrap_or((0, 0));
        ConfigError::Invalid {
            path: self.path.clone(),
            line,
            column,
            table: "keys".into(),
            reason: reason.into(),
        }
    }

    /// The provider named `name`: from the file, else built in (`upstash`; `sandbox` needs
    /// its URL, so callers resolve it with [`sandbox_provider`]).
    pub fn provider(&self, name: &str) -> Option<ProviderConfig> {
        if let Some(p) = self.providers.get(name) {
            return Some(p.clone());
        }
        (name == UPSTASH).then(upstash_defaults)
    }

    /// Every provider name an account can use: the configured ones and the built-ins.
    pub fn provider_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.providers.keys().cloned().collect();
        for builtin in [UPSTASH, SANDBOX] {
            if !names.iter().any(|n| n == builtin) {
                names.push(builtin.to_string());
            }
        }
        names
    }
}

#[cfg(test)]
mod tests;
