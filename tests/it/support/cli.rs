//! Running the built `updash` binary in a private XDG home.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary home with its own XDG directories; removed when dropped.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A fresh, empty home.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The home directory.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `$XDG_CONFIG_HOME/updash`.
    pub fn config_dir(&self) -> PathBuf {
        self.root().join("config/updash")
    }

    /// The credentials file.
    pub fn credentials(&self) -> PathBuf {
        self.config_dir().join("credentials.toml")
    }

    /// The credentials store as `updash` in this home opens it (keyfile protection, key in
    /// `$XDG_DATA_HOME/updash/key`).
    pub fn store(&self) -> updash::store::Store {
        let paths = updash::paths::Paths::under(self.root());
        updash::store::Store::for_paths(&paths, updash::store::ProtectionKind::Keyfile)
    }

    /// The log file.
    pub fn log(&self) -> PathBuf {
        self.root().join("state/updash/updash.log")
    }

    /// The log's text ("" when there is none).
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(self.log()).unwrap_or_default()
    }

    /// A command running `updash` in this home, with no inherited updash or Upstash settings.
    pub fn updash(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_updash"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.root().join("config"))
            .env("XDG_STATE_HOME", self.root().join("state"))
            .env("XDG_DATA_HOME", self.root().join("data"))
            .env("UPDASH_LOG", "trace")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `updash args...` to the end.
    pub fn run(&self, args: &[&str]) -> Output {
        self.updash().args(args).output().expect("run updash")
    }
}

/// stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
