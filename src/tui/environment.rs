//! Facts about where updash runs, read once at start (rendering never reads the env).

/// Where updash runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// Set when running over SSH: the host name or address to put in the `ssh -L` hint.
    pub ssh_host: Option<String>,
}

impl Environment {
    /// Reads `SSH_CONNECTION` / `SSH_TTY` (the server address is the third field).
    pub fn detect() -> Self {
        let connection = std::env::var("SSH_CONNECTION").ok();
        let tty = std::env::var_os("SSH_TTY").is_some();
        let host = connection
            .as_deref()
            .and_then(|c| c.split_whitespace().nth(2))
            .map(str::to_string);
        let ssh_host = match (host, tty) {
            (Some(h), _) => Some(h),
            (None, true) => Some("this-host".to_string()),
            (None, false) => None,
        };
        Self { ssh_host }
    }
}
