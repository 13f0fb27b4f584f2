//! Looking up a provider by name, with the sandbox's endpoints known only at run time.

use super::{Config, ProviderConfig, SANDBOX};

/// The providers of this run: the config file's, the built-in Upstash, and the sandbox when
/// one is running (`--sandbox`) or reachable (`UPDASH_SANDBOX_URL`).
#[derive(Debug, Clone)]
pub struct Providers {
    config: Config,
    sandbox: Option<ProviderConfig>,
}

impl Providers {
    /// The providers of `config`, plus the sandbox's when this run has one (the start-up
    /// wiring describes it).
    pub fn new(config: Config, sandbox: Option<ProviderConfig>) -> Self {
        Self { config, sandbox }
    }

    /// The config these providers come from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The sandbox's base URL, when this run has a sandbox.
    pub fn sandbox_url(&self) -> Option<&str> {
        self.sandbox.as_ref()?.api_base_url.as_deref()
    }

    /// The provider `name`, or a sentence saying why there is none.
    pub fn get(&self, name: &str) -> Result<ProviderConfig, String> {
        if name == SANDBOX {
            return self.sandbox.clone().ok_or_else(|| {
                "this account belongs to the sandbox: run updash with --sandbox, \
                 or set UPDASH_SANDBOX_URL to a running `updash sandbox`"
                    .into()
            });
        }
        self.config.provider(name).ok_or_else(|| {
            format!(
                "no provider named {name:?}; known providers: {}",
                self.config.provider_names().join(", ")
            )
        })
    }
}
