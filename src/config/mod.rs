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
pub use provider::{ProviderConfig, ProviderKind, TokenAuthMethod};
pub use providers::Providers;
pub use store::{DEFAULT_UNLOCK_FOR, MAX_UNLOCK_FOR, StoreConfig, parse_duration};

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// Auto-refresh interval of lists in seconds; 0 turns it off.
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
    keys: BTreeMap<String, KeyList>,
    #[serde(default)]
    store: StoreConfig,
    #[serde(default)]
    data: DataConfig,
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
    /// Reads `path`; a missing file is the default configuration.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self {
                    path: path.to_path_buf(),
                    ..Self::default()
                });
            }
            Err(e) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
        };
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
        if raw.ui.refresh_secs != 0 && raw.ui.refresh_secs < 5 {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                line: 0,
                column: 0,
                table: "ui".into(),
                reason: "refresh_secs must be 0 (off) or at least 5".into(),
            });
        }
        raw.data.validate().map_err(|reason| ConfigError::Invalid {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            table: "data".into(),
            reason,
        })?;
        let keys = raw
            .keys
            .into_iter()
            .map(|(action, keys)| match keys {
                KeyList::One(k) => (action, vec![k]),
                KeyList::Many(ks) => (action, ks),
            })
            .collect();
        Ok(Self {
            path: path.to_path_buf(),
            exists: true,
            providers,
            ui: raw.ui,
            keys,
            store: raw.store,
            data: raw.data,
        })
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
