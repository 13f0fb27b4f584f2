//! Looking up a provider by name, with the sandbox's URL known only at run time.

use super::{Config, ProviderConfig, SANDBOX, sandbox_provider};

/// The providers of this run: the config file's, the built-in Upstash, and the sandbox when
/// one is running (`--sandbox`) or reachable (`UPDASH_SANDBOX_URL`).
#[derive(Debug, Clone)]
pub struct Providers {
    config: Config,
    sandbox_url: Option<String>,
}

impl Providers {
    /// The providers of `config`, with the sandbox at `sandbox_url` when there is one.
    pub fn new(config: Config, sandbox_url: Option<String>) -> Self {
        Self {
            config,
            sandbox_url,
        }
    }

    /// The config these providers come from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The sandbox's base URL, when this run has a sandbox.
    pub fn sandbox_url(&self) -> Option<&str> {
        self.sandbox_url.as_deref()
    }

    /// The provider `name`, or a sentence saying why there is none.
    pub fn get(&self, name: &str) -> Result<ProviderConfig, String> {
        if name == SANDBOX {
            return match &self.sandbox_url {
                Some(url) => Ok(sandbox_provider(url)),
                None => Err(
                    "this account belongs to the sandbox: run updash with --sandbox, \
                             or set UPDASH_SANDBOX_URL to a running `updash sandbox`"
                        .into(),
                ),
            };
        }
        self.config.provider(name).ok_or_else(|| {
            format!(
                "no provider named {name:?}; known providers: {}",
                self.config.provider_names().join(", ")
            )
        })
    }
}
