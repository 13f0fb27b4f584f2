//! Where updash keeps its files (XDG base directories).

use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// The directories updash reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `$XDG_CONFIG_HOME/updash`: config.toml and credentials.toml.
    pub config_dir: PathBuf,
    /// The config file (`--config` overrides the default in `config_dir`).
    pub config_file: PathBuf,
    /// `$XDG_STATE_HOME/updash`: the log.
    pub state_dir: PathBuf,
    /// `$XDG_DATA_HOME/updash`: the sandbox's persisted state and the credentials' key.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The XDG paths of this user, with an optional `--config` override.
    pub fn discover(config_override: Option<&Path>) -> anyhow::Result<Self> {
        let dirs = ProjectDirs::from("", "", "updash").ok_or_else(|| {
            anyhow::anyhow!("cannot find a home directory: set HOME or XDG_CONFIG_HOME")
        })?;
        let config_dir = dirs.config_dir().to_path_buf();
        let state_dir = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.data_local_dir().join("state"));
        let config_file = config_override
            .map(Path::to_path_buf)
            .unwrap_or_else(|| config_dir.join("config.toml"));
        Ok(Self {
            config_file,
            state_dir,
            data_dir: dirs.data_dir().to_path_buf(),
            config_dir,
        })
    }

    /// The credentials file.
    pub fn credentials_file(&self) -> PathBuf {
        self.config_dir.join("credentials.toml")
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("updash.log")
    }

    /// Where the credentials' data key lives (`key`, `key.wrapped`): the data directory,
    /// apart from the config directory, so a copied `~/.config` holds no usable secret.
    pub fn key_dir(&self) -> PathBuf {
        self.data_dir.clone()
    }

    /// The XDG layout under one root (`ROOT/config/updash`, `ROOT/state/updash`,
    /// `ROOT/data/updash`), as a home with `XDG_*_HOME=ROOT/...` has it: for tests and tools.
    pub fn under(root: &Path) -> Self {
        let config_dir = root.join("config").join("updash");
        Self {
            config_file: config_dir.join("config.toml"),
            config_dir,
            state_dir: root.join("state").join("updash"),
            data_dir: root.join("data").join("updash"),
        }
    }

    /// The sandbox's default data directory.
    pub fn sandbox_dir(&self) -> PathBuf {
        self.data_dir.join("sandbox")
    }
}
