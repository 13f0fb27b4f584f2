//! What the dashboard shows, as plain data: rows built by the services from the store and the
//! Developer API, so the screens never depend on those modules' types.

use time::OffsetDateTime;

/// One connected account, as the Accounts tab and the status bar show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    /// Stable id the services use to find the account again.
    pub id: String,
    /// The operator's name for it (unique).
    pub label: String,
    /// Provider name from the config (`upstash`, `sandbox`, ...).
    pub provider: String,
    /// The account's email.
    pub email: String,
    /// The team, when the account acts for one.
    pub team: Option<String>,
    /// When the access token expires; `None` for accounts added with an API key.
    pub token_expires_at: Option<OffsetDateTime>,
    /// The refresh failed or was revoked: the operator must sign in again.
    pub needs_sign_in: bool,
    /// The default account (used when no account is named).
    pub is_default: bool,
    /// The name of the account's Developer API key, when updash minted it.
    pub api_key_name: Option<String>,
    /// Whether the account holds a Developer API key (minted or given by hand).
    pub has_api_key: bool,
}

impl AccountRow {
    /// Whether this account lives on the embedded sandbox.
    pub fn is_sandbox(&self) -> bool {
        self.provider == crate::config::SANDBOX
    }
}

/// One way to connect an account, offered on the Connect screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectChoice {
    /// First line, e.g. "Sign in to upstash in the browser".
    pub title: String,
    /// Second line explaining it.
    pub detail: String,
    /// What choosing it starts.
    pub kind: ChoiceKind,
}

/// What a connect choice starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceKind {
    /// OAuth in the browser (loopback listener or pasted URL) with this provider.
    BrowserSignIn {
        /// Provider name.
        provider: String,
    },
    /// Email + existing Developer API key for this provider.
    ApiKey {
        /// Provider name.
        provider: String,
    },
    /// The sandbox's sign-in typed in the terminal (updash plays the browser; sandbox only).
    KeyboardSignIn {
        /// Provider name (the sandbox).
        provider: String,
        /// The email the form starts with.
        email_hint: Option<String>,
    },
    /// The device flow (a code entered on another device) with this provider.
    DeviceSignIn {
        /// Provider name.
        provider: String,
    },
}

impl ChoiceKind {
    /// The provider the choice connects to.
    pub fn provider(&self) -> &str {
        match self {
            ChoiceKind::BrowserSignIn { provider }
            | ChoiceKind::ApiKey { provider }
            | ChoiceKind::KeyboardSignIn { provider, .. }
            | ChoiceKind::DeviceSignIn { provider } => provider,
        }
    }
}

impl ConnectChoice {
    /// The usual choices for a set of providers: browser sign-in for each one that has an
    /// OAuth client, an API-key form for each `upstash`-kind provider, the sandbox last.
    pub fn for_config(config: &crate::config::Config) -> Vec<ConnectChoice> {
        use crate::config::{ProviderKind, SANDBOX};
        let mut choices = Vec::new();
        for name in config.provider_names() {
            if name == SANDBOX {
                continue;
            }
            let Some(provider) = config.provider(&name) else {
                continue;
            };
            if provider.client_id.is_some() {
                choices.push(ConnectChoice {
                    title: format!("Sign in to {name} in the browser"),
                    detail: "OAuth; works over SSH with a tunnel or by pasting the URL".into(),
                    kind: ChoiceKind::BrowserSignIn {
                        provider: name.clone(),
                    },
                });
                if provider.device_authorization_url.is_some() {
                    choices.push(device_choice(&name));
                }
            }
            if provider.kind() == ProviderKind::Upstash {
                choices.push(ConnectChoice {
                    title: format!("Connect {name} with email + API key"),
                    detail: "An existing Developer API key; checked once before it is saved".into(),
                    kind: ChoiceKind::ApiKey { provider: name },
                });
            }
        }
        choices.push(ConnectChoice {
            title: "Try the sandbox".into(),
            detail: "A local provider with sample databases; no account, no network".into(),
            kind: ChoiceKind::BrowserSignIn {
                provider: SANDBOX.into(),
            },
        });
        choices
    }
}

impl ConnectChoice {
    /// The choices of one run: [`ConnectChoice::for_config`] without the sandbox unless this
    /// run has one (`--sandbox`); with it, the sandbox's choices come first and include
    /// signing in from this terminal (its form starts with `email_hint`).
    pub fn for_run(
        config: &crate::config::Config,
        sandbox: bool,
        email_hint: Option<&str>,
    ) -> Vec<ConnectChoice> {
        use crate::config::SANDBOX;
        let is_sandbox = |c: &ConnectChoice| c.kind.provider() == SANDBOX;
        let (sandbox_choices, others): (Vec<_>, Vec<_>) =
            Self::for_config(config).into_iter().partition(is_sandbox);
        if !sandbox {
            return others;
        }
        let mut choices = vec![ConnectChoice {
            title: "Sign in to the sandbox from this terminal".into(),
            detail: "Sandbox only: updash acts as your browser (email + password)".into(),
            kind: ChoiceKind::KeyboardSignIn {
                provider: SANDBOX.into(),
                email_hint: email_hint.map(str::to_string),
            },
        }];
        choices.extend(sandbox_choices.into_iter().map(|mut c| {
            c.title = "Sign in to the sandbox in the browser".into();
            c
        }));
        // The sandbox always has a device endpoint.
        let mut device = device_choice(SANDBOX);
        device.title = "Sign in to the sandbox with a code on another device".into();
        choices.push(device);
        choices.push(ConnectChoice {
            title: "Connect the sandbox with email + API key".into(),
            detail: "The seeded key is sandbox-personal-api-key; checked once before saving".into(),
            kind: ChoiceKind::ApiKey {
                provider: SANDBOX.into(),
            },
        });
        choices.extend(others);
        choices
    }
}

/// The device-flow choice for `provider`.
fn device_choice(provider: &str) -> ConnectChoice {
    ConnectChoice {
        title: format!("Sign in to {provider} with a code on another device"),
        detail: "Device flow: enter a short code on a phone or laptop; nothing to paste".into(),
        kind: ChoiceKind::DeviceSignIn {
            provider: provider.to_string(),
        },
    }
}
