//! The sandbox a command uses: one already running (`UPDASH_SANDBOX_URL`), or one started
//! in this process for as long as the command runs (`--sandbox`).

use super::{Options, Sandbox};
use std::path::PathBuf;

/// The environment variable naming a running sandbox's base URL.
pub const URL_ENV: &str = "UPDASH_SANDBOX_URL";

/// A sandbox in use by this process.
pub struct Embedded {
    url: String,
    running: Option<Sandbox>,
}

impl Embedded {
    /// Uses `$UPDASH_SANDBOX_URL` when set; otherwise starts a sandbox on a free port with its
    /// state persisted in `data_dir`.
    pub async fn start(data_dir: PathBuf) -> anyhow::Result<Self> {
        if let Some(url) = std::env::var(URL_ENV).ok().filter(|u| !u.trim().is_empty()) {
            let url = url.trim().trim_end_matches('/').to_string();
            let parsed = url::Url::parse(&url)
                .map_err(|e| anyhow::anyhow!("{URL_ENV} is not a valid URL ({e})"))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                anyhow::bail!("{URL_ENV} must be an http:// or https:// URL");
            }
            return Ok(Self { url, running: None });
        }
        let sandbox = Sandbox::start(Options {
            data_dir: Some(data_dir),
            ..Options::default()
        })
        .await?;
        Ok(Self {
            url: sandbox.url().to_string(),
            running: Some(sandbox),
        })
    }

    /// The sandbox's base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The data plane's base URL (a database's REST URL is `{data_url}/{database_id}`):
    /// known at once for an in-process sandbox, else asked of the running one through
    /// [`crate::data::discover`].
    pub async fn data_url(&self, http: &reqwest::Client) -> anyhow::Result<String> {
        match &self.running {
            Some(sandbox) => Ok(sandbox.data_url().to_string()),
            None => Ok(crate::data::discover(http, &self.url).await?.data_url),
        }
    }

    /// The data plane's URL of the sandbox this process runs, if it runs one.
    pub fn in_process_data_url(&self) -> Option<String> {
        self.running.as_ref().map(|s| s.data_url().to_string())
    }

    /// Whether this process runs the sandbox itself.
    pub fn in_process(&self) -> bool {
        self.running.is_some()
    }

    /// Stops an in-process sandbox and saves its state.
    pub async fn shutdown(self) {
        if let Some(sandbox) = self.running {
            sandbox.shutdown().await;
        }
    }
}
