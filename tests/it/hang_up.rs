//! The terminal goes away under a running dashboard and a waiting `login`, as when an SSH
//! connection drops: once with the kernel's SIGHUP reaching updash (it is the session
//! leader), once with SIGHUP stopped by a parent that ignores it (a shell with
//! `trap '' HUP`, as `nohup` leaves things), where only end of input and EIO on the
//! terminal tell. Each time updash exits within 2 s with 129 (a hang-up, never a panic's
//! 101), its ports are closed, no process is left, and the embedded sandbox's state is saved
//! and its lock released.

use crate::support::cli::Home;
use crate::support::pty::Pty;
use portable_pty::CommandBuilder;
use std::time::{Duration, Instant};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

const LONG: Duration = Duration::from_secs(30);
/// How soon after the hang-up updash must be gone.
const EXIT_WITHIN: Duration = Duration::from_secs(2);

/// How updash gets its terminal.
#[derive(Clone, Copy, Debug)]
enum Parent {
    /// updash is the session leader: the kernel sends it SIGHUP.
    None,
    /// A shell that ignores SIGHUP is the session leader and runs updash as its child.
    IgnoringHangUp,
}

fn updash(home: &Home, args: &[&str], parent: Parent) -> Pty {
    let bin = env!("CARGO_BIN_EXE_updash");
    let mut cmd = match parent {
        Parent::None => CommandBuilder::new(bin),
        Parent::IgnoringHangUp => {
            let mut c = CommandBuilder::new("sh");
            // `exit $?` keeps the shell from exec-ing updash in its place.
            c.args(["-c", "trap '' HUP; \"$0\" \"$@\"; exit $?", bin]);
            c
        }
    };
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home.root());
    cmd.env("XDG_CONFIG_HOME", home.root().join("config"));
    cmd.env("XDG_STATE_HOME", home.root().join("state"));
    cmd.env("XDG_DATA_HOME", home.root().join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("UPDASH_LOG", "debug");
    cmd.args(args);
    Pty::spawn(cmd, 120, 40)
}

/// The updash process: the pty's child, or the shell's only child.
fn updash_pid(pty: &Pty, parent: Parent) -> i32 {
    let pid = pty.pid().expect("pid") as i32;
    match parent {
        Parent::None => pid,
        Parent::IgnoringHangUp => {
            let path = format!("/proc/{pid}/task/{pid}/children");
            let start = Instant::now();
            loop {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if let Some(child) = text.split_whitespace().next() {
                    return child.parse().expect("a pid");
                }
                assert!(start.elapsed() < LONG, "the shell never started updash");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    unsafe { libc::kill(pid, 0) == 0 }
}

fn port_open(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// `http://127.0.0.1:PORT/authorize?...` from what updash wrote (raw bytes, so the
/// terminal's line wrapping does not cut it); the last one.
fn authorize_url(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let start = text.rfind("http://127.0.0.1:")?;
    let rest = &text[start..];
    let end = rest.find(|c: char| c.is_whitespace() || c.is_control())?;
    let url = &rest[..end];
    url.contains("/authorize?").then(|| url.to_string())
}

/// The URL the dashboard copied with OSC 52 (`ESC ] 52 ; c ; base64 BEL`), the last one.
fn copied_url(raw: &[u8]) -> Option<String> {
    use base64::Engine;
    let text = String::from_utf8_lossy(raw);
    let start = text.rfind("\x1b]52;c;")? + "\x1b]52;c;".len();
    let end = text[start..].find(['\x07', '\x1b'])? + start;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&text[start..end])
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// The ports of an authorize URL: the provider's, then the redirect's.
fn ports(url: &str) -> (u16, u16) {
    let u = url::Url::parse(url).expect("authorize URL");
    let redirect = u
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .expect("redirect_uri");
    let r = url::Url::parse(&redirect).expect("redirect URI");
    (u.port().expect("port"), r.port().expect("port"))
}

/// Creates a database through the running sandbox's Developer API (a change to save).
fn create_database(sandbox_port: u16, name: &str) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let resp = http
            .post(format!("http://127.0.0.1:{sandbox_port}/v2/redis/database"))
            .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
            .json(&serde_json::json!({
                "database_name": name, "platform": "aws", "primary_region": "us-east-1"
            }))
            .send()
            .await
            .expect("create");
        assert!(resp.status().is_success(), "{}", resp.status());
    });
}

/// Hangs the terminal up; asserts updash is gone within [`EXIT_WITHIN`] with 129, its
/// ports closed, no process left, and a new sandbox on its data directory (so its lock was
/// released) seeing the database created just before.
fn hang_up_and_check(
    home: &Home,
    mut pty: Pty,
    parent: Parent,
    ports_to_close: &[u16],
    created: &str,
) {
    let pid = updash_pid(&pty, parent);
    for port in ports_to_close {
        assert!(port_open(*port), "port {port} is open before the hang-up");
    }
    let start = Instant::now();
    pty.hang_up();
    let code = pty.wait_exit(Duration::from_secs(20));
    let took = start.elapsed();
    assert_eq!(code, Some(129), "{parent:?}: exit code (101 is a panic)");
    assert!(took < EXIT_WITHIN, "{parent:?}: took {took:?}");
    assert!(!alive(pid), "{parent:?}: updash ({pid}) is still running");
    for port in ports_to_close {
        assert!(!port_open(*port), "{parent:?}: port {port} is still open");
    }
    let log = home.log_text();
    assert!(!log.contains("panicked"), "{log}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let sandbox = Sandbox::start(Options {
            data_dir: Some(home.root().join("data/updash/sandbox")),
            ..Options::default()
        })
        .await
        .expect("the sandbox's lock was released");
        let names: Vec<String> = sandbox
            .shared()
            .state()
            .api
            .databases
            .iter()
            .map(|d| d.database_name.clone())
            .collect();
        assert!(names.iter().any(|n| n == created), "{parent:?}: {names:?}");
        sandbox.shutdown().await;
    });
}

/// The dashboard on the embedded sandbox, signed in, with a browser sign-in waiting (so a
/// listener is open too); returns it with (sandbox port, listener port).
fn dashboard_waiting(home: &Home, parent: Parent) -> (Pty, u16, u16) {
    let mut pty = updash(home, &["--sandbox"], parent);
    pty.wait_for("Connect an account", LONG);
    pty.send("\r");
    pty.wait_for("seeded user's password", LONG);
    pty.send("sandbox\r");
    // A sign-in lands on the new account's databases.
    pty.wait_for("Databases of ", LONG);
    pty.send("1");
    pty.wait_for("Connect an account", LONG);
    pty.send("j\r");
    pty.wait_for("Waiting for the browser", LONG);
    let url = pty.wait_until_raw("the URL copied with OSC 52", LONG, copied_url);
    let (sandbox_port, listener_port) = ports(&url);
    (pty, sandbox_port, listener_port)
}

fn dashboard_hang_up(parent: Parent) {
    let home = Home::new();
    let (pty, sandbox_port, listener_port) = dashboard_waiting(&home, parent);
    create_database(sandbox_port, "made-before-the-hang-up");
    hang_up_and_check(
        &home,
        pty,
        parent,
        &[sandbox_port, listener_port],
        "made-before-the-hang-up",
    );
}

fn login_hang_up(parent: Parent) {
    let home = Home::new();
    let pty = updash(&home, &["--sandbox", "login"], parent);
    pty.wait_for("Waiting for the sign-in", LONG);
    let url = authorize_url(&pty.raw_since(0)).expect("the link");
    let (sandbox_port, listener_port) = ports(&url);
    create_database(sandbox_port, "made-while-login-waits");
    hang_up_and_check(
        &home,
        pty,
        parent,
        &[sandbox_port, listener_port],
        "made-while-login-waits",
    );
}

#[test]
fn the_dashboard_exits_129_on_a_hang_up_with_sighup() {
    dashboard_hang_up(Parent::None);
}

#[test]
fn the_dashboard_exits_129_on_a_hang_up_without_sighup() {
    dashboard_hang_up(Parent::IgnoringHangUp);
}

#[test]
fn login_exits_129_on_a_hang_up_with_sighup() {
    login_hang_up(Parent::None);
}

#[test]
fn login_exits_129_on_a_hang_up_without_sighup() {
    login_hang_up(Parent::IgnoringHangUp);
}
