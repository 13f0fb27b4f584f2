//! Whether a browser can open here, how to open it, and the `ssh -L` line when it cannot.
//!
//! The policy reads a [`BrowserEnv`] (not the process environment), so it is tested with
//! fake environments:
//! - `BROWSER` set: use it (first usable entry of its `:`-separated list; `%s` is replaced
//!   by the URL, else the URL is appended), except text browsers (lynx, w3m, links, elinks,
//!   www-browser...), which would take over the terminal updash runs in; `BROWSER=false`
//!   or `none` turns opening off.
//! - Otherwise only with a display and not over SSH: the system's opener (the `open` crate:
//!   `open` on macOS, `xdg-open` and its fallbacks with `DISPLAY` or `WAYLAND_DISPLAY`).
//!
//! Whatever starts is detached from the terminal with stdio on /dev/null and not waited
//! for, so nothing it prints reaches the TUI.

use std::process::{Command, Stdio};

/// Text-mode browsers that must never be started from updash.
const TEXT_BROWSERS: &[&str] = &[
    "lynx",
    "w3m",
    "links",
    "links2",
    "elinks",
    "www-browser",
    "browsh",
    "carbonyl",
    "netrik",
    "edbrowse",
];

/// The parts of the environment the policy looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowserEnv {
    /// `BROWSER`.
    pub browser: Option<String>,
    /// `DISPLAY`.
    pub display: Option<String>,
    /// `WAYLAND_DISPLAY`.
    pub wayland_display: Option<String>,
    /// `SSH_CONNECTION` (`client_ip client_port server_ip server_port`).
    pub ssh_connection: Option<String>,
    /// `SSH_TTY`.
    pub ssh_tty: Option<String>,
    /// Whether this is macOS (where `open` needs no display variable).
    pub macos: bool,
    /// This machine's host name (for the `ssh -L` line when `SSH_CONNECTION` is missing).
    pub hostname: Option<String>,
}

impl BrowserEnv {
    /// Reads the process environment.
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Self {
            browser: std::env::var("BROWSER").ok(),
            display: var("DISPLAY"),
            wayland_display: var("WAYLAND_DISPLAY"),
            ssh_connection: var("SSH_CONNECTION"),
            ssh_tty: var("SSH_TTY"),
            macos: cfg!(target_os = "macos"),
            hostname: hostname(),
        }
    }

    /// Whether updash runs in an SSH session.
    pub fn over_ssh(&self) -> bool {
        self.ssh_connection.is_some() || self.ssh_tty.is_some()
    }
}

/// This machine's host name, if the system tells it.
fn hostname() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that much.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// A command that opens a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchCommand {
    /// The program (`SYSTEM_OPENER` for the desktop's own opener).
    pub program: String,
    /// Its arguments, the URL included.
    pub args: Vec<String>,
}

/// The program name that stands for the desktop's own opener (run by the `open` crate).
pub const SYSTEM_OPENER: &str = "the system browser";

/// What the policy decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserDecision {
    /// Run this command.
    Open(LaunchCommand),
    /// Do not open a browser; the reason, for the operator.
    DontOpen(String),
}

/// Decides whether and how to open `url` in `env`.
pub fn decide(env: &BrowserEnv, url: &str) -> BrowserDecision {
    if let Some(browser) = &env.browser {
        return decide_from_browser_var(browser, url);
    }
    if env.over_ssh() {
        return BrowserDecision::DontOpen(
            "updash runs over SSH, so a browser here would open on the remote machine; \
             open the link on your own computer"
                .into(),
        );
    }
    let program = if env.macos || env.display.is_some() || env.wayland_display.is_some() {
        SYSTEM_OPENER
    } else {
        return BrowserDecision::DontOpen(
            "there is no graphical display here (DISPLAY and WAYLAND_DISPLAY are unset); \
             open the link in a browser yourself"
                .into(),
        );
    };
    BrowserDecision::Open(LaunchCommand {
        program: program.into(),
        args: vec![url.into()],
    })
}

fn decide_from_browser_var(browser: &str, url: &str) -> BrowserDecision {
    let value = browser.trim();
    if value.is_empty() || matches!(value, "false" | "none" | "0" | "no") {
        return BrowserDecision::DontOpen("BROWSER turns opening a browser off".into());
    }
    let mut refused = Vec::new();
    for entry in value.split(':').map(str::trim).filter(|e| !e.is_empty()) {
        let mut words = entry.split_whitespace();
        let Some(program) = words.next() else {
            continue;
        };
        let name = program.rsplit('/').next().unwrap_or(program);
        if TEXT_BROWSERS.contains(&name) {
            refused.push(name.to_string());
            continue;
        }
        let mut args: Vec<String> = words.map(str::to_string).collect();
        if args.iter().any(|a| a.contains("%s")) {
            for a in &mut args {
                *a = a.replace("%s", url);
            }
        } else {
            args.push(url.into());
        }
        return BrowserDecision::Open(LaunchCommand {
            program: program.into(),
            args,
        });
    }
    BrowserDecision::DontOpen(format!(
        "BROWSER names a text browser ({}), which would take over this terminal; \
         open the link in a browser yourself",
        refused.join(", ")
    ))
}

/// Runs a launch command; a trait so tests record instead of starting browsers.
pub trait BrowserOpener: Send + Sync {
    /// Starts `command` without waiting for it.
    fn launch(&self, command: &LaunchCommand) -> std::io::Result<()>;
}

/// Starts the command for real: the system opener through the `open` crate (detached in
/// its own session); a `BROWSER` program in its own process group, so terminal signals
/// meant for updash never reach it; stdio on /dev/null, reaped by a thread.
#[derive(Debug, Default, Clone, Copy)]
pub struct ProcessOpener;

impl BrowserOpener for ProcessOpener {
    fn launch(&self, command: &LaunchCommand) -> std::io::Result<()> {
        use std::os::unix::process::CommandExt;
        if command.program == SYSTEM_OPENER {
            let url = command.args.first().map(String::as_str).unwrap_or_default();
            return open::that_detached(url);
        }
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()?;
        std::thread::spawn(move || {
            let _ = child.wait();
        });
        Ok(())
    }
}

/// Records launches instead of running them (tests, dry runs).
#[derive(Debug, Default)]
pub struct RecordingOpener {
    /// Every command launched, in order.
    pub launched: std::sync::Mutex<Vec<LaunchCommand>>,
}

impl BrowserOpener for RecordingOpener {
    fn launch(&self, command: &LaunchCommand) -> std::io::Result<()> {
        self.launched
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(command.clone());
        Ok(())
    }
}

/// What happened when updash tried to open the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserOutcome {
    /// The opener started (which does not prove a browser appeared).
    Launched(String),
    /// The policy said no; the reason.
    NotOpened(String),
    /// The opener could not start.
    Failed(String),
}

/// Opens `url` if the policy allows it, through `opener`.
pub fn open_browser(env: &BrowserEnv, opener: &dyn BrowserOpener, url: &str) -> BrowserOutcome {
    match decide(env, url) {
        BrowserDecision::DontOpen(reason) => BrowserOutcome::NotOpened(reason),
        BrowserDecision::Open(command) => match opener.launch(&command) {
            Ok(()) => BrowserOutcome::Launched(command.program),
            Err(e) => BrowserOutcome::Failed(format!("could not start {}: {e}", command.program)),
        },
    }
}

/// Where the operator's SSH client reached this machine: what an `ssh -L` line names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SshTarget {
    /// The server address from `SSH_CONNECTION` (the address the operator's SSH client
    /// reached; behind NAT or a jump host they may need their own host alias instead), or
    /// this machine's host name when only `SSH_TTY` is known.
    pub host: String,
    /// The SSH port, when not 22.
    pub port: Option<u16>,
}

impl BrowserEnv {
    /// The SSH target, when updash runs over SSH.
    pub fn ssh_target(&self) -> Option<SshTarget> {
        if !self.over_ssh() {
            return None;
        }
        let mut target = SshTarget {
            host: self
                .hostname
                .clone()
                .unwrap_or_else(|| "<this-host>".to_string()),
            port: None,
        };
        if let Some(conn) = &self.ssh_connection {
            let fields: Vec<&str> = conn.split_whitespace().collect();
            if let [_, _, server_ip, server_port] = fields[..] {
                if server_ip.parse::<std::net::IpAddr>().is_ok() {
                    target.host = server_ip.to_string();
                }
                target.port = server_port.parse::<u16>().ok().filter(|p| *p != 22);
            }
        }
        Some(target)
    }
}

/// `ssh -L` forwarding each (port on the operator's computer, port here) pair to this
/// machine's loopback, with `-p` for a non-22 SSH port.
fn ssh_line(target: &SshTarget, forwards: &[(u16, u16)]) -> String {
    let mut line = String::from("ssh");
    for (there, here) in forwards {
        line.push_str(&format!(" -L {there}:127.0.0.1:{here}"));
    }
    if let Some(p) = target.port {
        line.push_str(&format!(" -p {p}"));
    }
    line.push(' ');
    line.push_str(&target.host);
    line
}

/// The command that forwards the browser's callback to this machine, when over SSH.
///
/// `redirect_port` is the port in the redirect URI (what the browser connects to on the
/// operator's computer); `listen_port` is where updash listens here (they differ with
/// `--callback-port`).
pub fn ssh_forward_command(
    env: &BrowserEnv,
    redirect_port: u16,
    listen_port: u16,
) -> Option<String> {
    Some(ssh_line(
        &env.ssh_target()?,
        &[(redirect_port, listen_port)],
    ))
}

/// The `ssh -L` line for the sign-in at `authorize_url` listened for on `listen_port`: the
/// redirect's port (read from the URL's `redirect_uri`) to the listener, and, when the
/// provider's own pages are on this machine's loopback (the embedded sandbox), their port
/// too, or the browser on the operator's computer could not load the sign-in page.
pub fn ssh_forward_line(target: &SshTarget, authorize_url: &str, listen_port: u16) -> String {
    let url = url::Url::parse(authorize_url).ok();
    let redirect_port = url
        .as_ref()
        .and_then(|u| u.query_pairs().find(|(k, _)| k == "redirect_uri"))
        .and_then(|(_, v)| url::Url::parse(&v).ok())
        .and_then(|r| r.port_or_known_default())
        .unwrap_or(listen_port);
    let mut forwards = vec![(redirect_port, listen_port)];
    let provider_here = url.as_ref().and_then(|u| {
        let loopback = match u.host()? {
            url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
            url::Host::Ipv4(ip) => ip.is_loopback(),
            url::Host::Ipv6(ip) => ip.is_loopback(),
        };
        loopback.then(|| u.port_or_known_default()).flatten()
    });
    if let Some(port) = provider_here.filter(|p| forwards.iter().all(|(there, _)| there != p)) {
        forwards.push((port, port));
    }
    ssh_line(target, &forwards)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "http://127.0.0.1:9/authorize?x=1";

    fn env() -> BrowserEnv {
        BrowserEnv::default()
    }

    fn opened(d: BrowserDecision) -> LaunchCommand {
        match d {
            BrowserDecision::Open(c) => c,
            other => panic!("{other:?}"),
        }
    }

    fn refused(d: BrowserDecision) -> String {
        match d {
            BrowserDecision::DontOpen(r) => r,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn display_without_ssh_opens_with_the_system_opener() {
        let e = BrowserEnv {
            display: Some(":0".into()),
            ..env()
        };
        let c = opened(decide(&e, URL));
        assert_eq!(
            (c.program.as_str(), c.args.as_slice()),
            (SYSTEM_OPENER, &[URL.to_string()][..])
        );
        let e = BrowserEnv {
            wayland_display: Some("wayland-0".into()),
            ..env()
        };
        assert_eq!(opened(decide(&e, URL)).program, SYSTEM_OPENER);
    }

    #[test]
    fn no_display_or_ssh_does_not_open() {
        assert!(refused(decide(&env(), URL)).contains("no graphical display"));
        let e = BrowserEnv {
            display: Some(":0".into()),
            ssh_connection: Some("10.0.0.2 5000 10.0.0.1 22".into()),
            ..env()
        };
        assert!(refused(decide(&e, URL)).contains("SSH"));
        let e = BrowserEnv {
            display: Some("localhost:10.0".into()),
            ssh_tty: Some("/dev/pts/3".into()),
            ..env()
        };
        assert!(refused(decide(&e, URL)).contains("SSH"));
        let e = BrowserEnv {
            macos: true,
            ssh_tty: Some("/dev/pts/3".into()),
            ..env()
        };
        assert!(refused(decide(&e, URL)).contains("SSH"));
    }

    #[test]
    fn macos_needs_no_display_variable() {
        let e = BrowserEnv {
            macos: true,
            ..env()
        };
        assert_eq!(opened(decide(&e, URL)).program, SYSTEM_OPENER);
    }

    #[test]
    fn browser_var_wins_even_over_ssh() {
        let e = BrowserEnv {
            browser: Some("firefox --new-tab".into()),
            ssh_connection: Some("1 2 3 4".into()),
            ..env()
        };
        let c = opened(decide(&e, URL));
        assert_eq!(c.program, "firefox");
        assert_eq!(c.args, vec!["--new-tab".to_string(), URL.to_string()]);
        let e = BrowserEnv {
            browser: Some("/opt/chrome %s --incognito".into()),
            ..env()
        };
        let c = opened(decide(&e, URL));
        assert_eq!(c.args, vec![URL.to_string(), "--incognito".to_string()]);
    }

    #[test]
    fn text_browsers_are_refused() {
        for b in [
            "lynx",
            "/usr/bin/w3m",
            "links",
            "elinks",
            "www-browser",
            "w3m:lynx",
        ] {
            let e = BrowserEnv {
                browser: Some(b.into()),
                display: Some(":0".into()),
                ..env()
            };
            assert!(refused(decide(&e, URL)).contains("text browser"), "{b}");
        }
        // A graphical entry after a text one is used.
        let e = BrowserEnv {
            browser: Some("lynx:firefox".into()),
            ..env()
        };
        assert_eq!(opened(decide(&e, URL)).program, "firefox");
    }

    #[test]
    fn browser_false_turns_it_off() {
        for b in ["false", "none", ""] {
            let e = BrowserEnv {
                browser: Some(b.into()),
                display: Some(":0".into()),
                ..env()
            };
            assert!(refused(decide(&e, URL)).contains("off"), "{b:?}");
        }
    }

    #[test]
    fn open_browser_records_through_the_opener() {
        let opener = RecordingOpener::default();
        let e = BrowserEnv {
            display: Some(":0".into()),
            ..env()
        };
        assert_eq!(
            open_browser(&e, &opener, URL),
            BrowserOutcome::Launched(SYSTEM_OPENER.into())
        );
        assert_eq!(opener.launched.lock().unwrap().len(), 1);
        let outcome = open_browser(&env(), &opener, URL);
        assert!(matches!(outcome, BrowserOutcome::NotOpened(_)));
        assert_eq!(opener.launched.lock().unwrap().len(), 1);
    }

    #[test]
    fn process_opener_reports_a_missing_program() {
        let e = BrowserEnv {
            browser: Some("/nonexistent/updash-test-browser".into()),
            ..env()
        };
        assert!(matches!(
            open_browser(&e, &ProcessOpener, URL),
            BrowserOutcome::Failed(_)
        ));
    }

    #[test]
    fn ssh_forward_line() {
        assert_eq!(ssh_forward_command(&env(), 3000, 3000), None);
        let e = BrowserEnv {
            ssh_connection: Some("203.0.113.9 51234 198.51.100.7 22".into()),
            ..env()
        };
        assert_eq!(
            ssh_forward_command(&e, 3000, 3000).unwrap(),
            "ssh -L 3000:127.0.0.1:3000 198.51.100.7"
        );
        let e = BrowserEnv {
            ssh_connection: Some("203.0.113.9 51234 198.51.100.7 2222".into()),
            ..env()
        };
        assert_eq!(
            ssh_forward_command(&e, 3000, 41000).unwrap(),
            "ssh -L 3000:127.0.0.1:41000 -p 2222 198.51.100.7"
        );
        let e = BrowserEnv {
            ssh_tty: Some("/dev/pts/1".into()),
            hostname: Some("box7".into()),
            ..env()
        };
        assert_eq!(
            ssh_forward_command(&e, 45000, 45000).unwrap(),
            "ssh -L 45000:127.0.0.1:45000 box7"
        );
        let e = BrowserEnv {
            ssh_tty: Some("/dev/pts/1".into()),
            ..env()
        };
        assert!(
            ssh_forward_command(&e, 1, 1)
                .unwrap()
                .ends_with("<this-host>")
        );
        assert!(BrowserEnv::from_process().hostname.is_some());
    }

    #[test]
    fn a_provider_on_this_loopback_is_forwarded_too() {
        let target = SshTarget {
            host: "198.51.100.7".into(),
            port: Some(2222),
        };
        let sandbox = "http://127.0.0.1:41000/authorize?client_id=updash&redirect_uri=\
                       http%3A%2F%2F127.0.0.1%3A45000%2Fcallback&state=x";
        assert_eq!(
            super::ssh_forward_line(&target, sandbox, 45000),
            "ssh -L 45000:127.0.0.1:45000 -L 41000:127.0.0.1:41000 -p 2222 198.51.100.7"
        );
        let remote =
            "https://auth.upstash.com/authorize?redirect_uri=http%3A%2F%2Flocalhost%3A3000";
        assert_eq!(
            super::ssh_forward_line(&target, remote, 45001),
            "ssh -L 3000:127.0.0.1:45001 -p 2222 198.51.100.7"
        );
    }
}
