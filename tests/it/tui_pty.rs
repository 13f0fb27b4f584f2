//! The built binary in a real pseudo-terminal (vt100 reads the screen): connect through the
//! sandbox from the keyboard and quit; signals while a sign-in waits; read-only mode; the
//! SSH line; idle output and the bytes of a cursor move.

use crate::support::cli::Home;
use crate::support::pty::Pty;
use base64::Engine;
use portable_pty::CommandBuilder;
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

const LONG: Duration = Duration::from_secs(20);

/// `updash args...` on a `cols`x`rows` pty in `home`, with only the environment it needs.
fn updash(home: &Home, args: &[&str], cols: u16, rows: u16) -> Pty {
    updash_with(home, args, &[], cols, rows)
}

/// [`updash`] with extra environment variables.
fn updash_with(home: &Home, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home.root());
    cmd.env("XDG_CONFIG_HOME", home.root().join("config"));
    cmd.env("XDG_STATE_HOME", home.root().join("state"));
    cmd.env("XDG_DATA_HOME", home.root().join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("UPDASH_LOG", "debug");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args);
    Pty::spawn(cmd, cols, rows)
}

fn credentials_mode(home: &Home) -> u32 {
    std::fs::metadata(home.credentials())
        .expect("the credentials file exists")
        .permissions()
        .mode()
        & 0o777
}

/// The URL the dashboard copied with OSC 52 (`ESC ] 52 ; c ; base64 BEL`), the last one.
fn copied_url(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let start = text.rfind("\x1b]52;c;")? + "\x1b]52;c;".len();
    let end = text[start..].find(['\x07', '\x1b'])? + start;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&text[start..end])
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// The loopback port in an authorize URL's `redirect_uri`.
fn redirect_port(authorize_url: &str) -> u16 {
    let url = url::Url::parse(authorize_url).expect("authorize URL");
    let redirect = url
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .expect("redirect_uri");
    url::Url::parse(&redirect)
        .expect("redirect URI")
        .port()
        .expect("a port")
}

#[test]
fn sandbox_connect_from_the_keyboard_then_quit_restores_the_terminal() {
    let home = Home::new();
    let mut pty = updash(&home, &["--sandbox"], 100, 30);
    pty.wait_for("Connect an account", LONG);
    assert!(pty.alternate_screen());
    assert!(pty.screen().contains("SANDBOX"));
    pty.send("\r");
    pty.wait_for("seeded user's password", LONG);
    pty.send("sandbox\r");
    // A sign-in lands on the new account's databases; its row is in Accounts.
    pty.wait_for("Databases of ", LONG);
    pty.send("2");
    let screen = pty.wait_for("Accounts (1)", LONG);
    assert!(screen.contains("operator@example.com"), "{screen}");
    // The window shrinks below the minimum and grows back.
    pty.resize(50, 12);
    pty.wait_for("Terminal too small", LONG);
    pty.resize(100, 30);
    pty.wait_until("the accounts again", LONG, |s| {
        s.contains("Accounts (1)") && !s.contains("too small")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0), "updash exits with 0");
    assert!(!pty.alternate_screen(), "the alternate screen is left");
    assert_eq!(credentials_mode(&home), 0o600);
    let creds = std::fs::read_to_string(home.credentials()).expect("credentials");
    assert!(
        creds.contains("operator@example.com"),
        "the account is saved"
    );
    // Nothing but the dashboard reached the terminal: no log line, no error.
    let screen = pty.screen();
    assert!(
        !screen.contains("INFO") && !screen.contains("updash:"),
        "{screen}"
    );
}

/// SIGINT, SIGTERM and SIGQUIT from outside: 130, 143 and 131 as from `login`, the terminal
/// given back each time (an external SIGQUIT used to leave raw mode, the alternate screen
/// and a hidden cursor).
#[test]
fn signals_end_the_dashboard_with_their_codes_and_restore_the_terminal() {
    let home = Home::new();
    for (signal, code) in [
        (libc::SIGINT, 130),
        (libc::SIGTERM, 143),
        (libc::SIGQUIT, 131),
    ] {
        let mut pty = updash(&home, &["--sandbox"], 100, 30);
        pty.wait_for("Connect an account", LONG);
        assert!(pty.alternate_screen() && pty.raw_mode() && !pty.cursor_visible());
        let pid = pty.pid().expect("pid") as i32;
        // SAFETY: sending a signal to the child we started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        assert_eq!(pty.wait_exit(LONG), Some(code), "signal {signal}");
        assert!(
            !pty.alternate_screen(),
            "signal {signal}: the alternate screen is left"
        );
        assert!(!pty.raw_mode(), "signal {signal}: raw mode is off");
        assert!(pty.cursor_visible(), "signal {signal}: the cursor is shown");
    }
}

#[test]
fn sighup_while_a_sign_in_waits_exits_closes_the_listener_and_keeps_the_credentials() {
    let home = Home::new();
    // First run: connect an account, so there is something to lose.
    let mut first = updash(&home, &["--sandbox"], 100, 30);
    first.wait_for("Connect an account", LONG);
    first.send("\r");
    first.wait_for("seeded user's password", LONG);
    first.send("sandbox\r");
    first.wait_for("Databases of ", LONG);
    first.send("q");
    assert_eq!(first.wait_exit(LONG), Some(0));
    let before = std::fs::read_to_string(home.credentials()).expect("credentials");

    // Second run: start a browser sign-in, then hang up.
    let mut pty = updash(&home, &["--sandbox"], 100, 30);
    // A usable account: the dashboard opens on its databases.
    pty.wait_for("Databases of ", LONG);
    pty.send("1");
    pty.wait_for("Connect an account", LONG);
    pty.send("j\r");
    pty.wait_for("Waiting for the browser", LONG);
    let url = copied_url(&pty.raw_since(0)).expect("the URL was copied with OSC 52");
    let port = redirect_port(&url);
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
    let pid = pty.pid().expect("pid") as i32;
    assert!(pty.raw_mode(), "the dashboard runs in raw mode");
    // SAFETY: sending a signal to the child we started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    assert_eq!(pty.wait_exit(LONG), Some(129), "updash exits 129 on SIGHUP");
    assert!(!pty.alternate_screen(), "the alternate screen is left");
    assert!(!pty.raw_mode(), "raw mode is off");
    assert!(pty.cursor_visible(), "the cursor is shown");
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the listener's port {port} is closed"
    );
    let after = std::fs::read_to_string(home.credentials()).expect("credentials");
    assert_eq!(before, after, "nothing lost from the credentials file");
    assert_eq!(credentials_mode(&home), 0o600);
}

/// Over SSH the dashboard shows the same `ssh -L` line as `login`: with the SSH port, and
/// with the embedded sandbox's port too, since the browser on the operator's computer must
/// reach the sandbox's sign-in page as well as the callback.
#[test]
fn over_ssh_the_forward_line_has_the_ssh_port_and_the_sandbox_port() {
    let home = Home::new();
    let ssh = [("SSH_CONNECTION", "203.0.113.9 51234 198.51.100.7 2222")];
    let mut pty = updash_with(&home, &["--sandbox"], &ssh, 160, 40);
    pty.wait_for("Connect an account", LONG);
    pty.send("j\r");
    pty.wait_for("Over SSH, first run this", LONG);
    let url = copied_url(&pty.raw_since(0)).expect("the URL was copied with OSC 52");
    let sandbox_port = url::Url::parse(&url).unwrap().port().unwrap();
    let port = redirect_port(&url);
    let want = format!(
        "ssh -L {port}:127.0.0.1:{port} -L {sandbox_port}:127.0.0.1:{sandbox_port} -p 2222 \
         198.51.100.7"
    );
    pty.wait_for(&want, LONG);
}

/// Idle output and a cursor move: an idle dashboard writes nothing, and a move writes a small
/// diff, not the screen. The time to the first frame is measured in
/// `benches/tui_first_frame.rs`; here it only has to come (within `LONG`).
#[test]
fn an_idle_dashboard_writes_nothing_and_a_cursor_move_a_small_diff() {
    let home = Home::new();
    let mut pty = updash(&home, &["--sandbox"], 80, 24);
    pty.wait_for("Connect an account", LONG);
    std::thread::sleep(Duration::from_millis(300));
    let idle_from = pty.raw_len();
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(
        pty.raw_len() - idle_from,
        0,
        "an idle dashboard writes nothing"
    );

    // One cursor move in a list: the bytes written after j (then k).
    for i in 0..4 {
        let from = pty.raw_len();
        pty.send(if i % 2 == 0 { "j" } else { "k" });
        let deadline = Instant::now() + Duration::from_secs(5);
        while pty.raw_len() == from && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(100));
        let written = pty.raw_len() - from;
        assert!(
            written > 0 && written < 2048,
            "move {i} wrote {written} bytes"
        );
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0));
}

/// Two sandbox API-key accounts in `home`: "me" (the default, added first) and "team".
fn two_sandbox_accounts(home: &Home) {
    use updash::secret::Secret;
    use updash::store::{Account, Store};
    use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL, SEEDED_TEAM_API_KEY};
    let now = time::OffsetDateTime::now_utc();
    Store::new(home.credentials())
        .update(|c| {
            for (label, key) in [("me", SEEDED_API_KEY), ("team", SEEDED_TEAM_API_KEY)] {
                let mut account = Account::new("sandbox", label, now);
                account.email = Some(SEEDED_EMAIL.into());
                account.api_key = Some(Secret::new(key));
                c.add_account(account)?;
            }
            Ok(())
        })
        .expect("accounts stored");
}

#[test]
fn account_flag_opens_the_dashboard_on_that_account() {
    let home = Home::new();
    two_sandbox_accounts(&home);
    let mut pty = updash(&home, &["--sandbox", "--account", "team"], 100, 30);
    let screen = pty.wait_for("● team", LONG);
    assert!(!screen.contains("● me"), "{screen}");
    // Its databases are the ones that load.
    pty.send("3");
    pty.wait_for("Databases of team", LONG);
    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0));
}

/// Read-only mode end to end: `--read-only` on the command line and `[ui] read_only = true` in
/// config.toml each show the badge and refuse a create and a delete on the built binary.
#[test]
fn read_only_from_the_flag_and_from_the_config_refuses_changes() {
    let home = Home::new();
    two_sandbox_accounts(&home);
    let config = home.config_dir().join("config.toml");
    for (args, file) in [
        (&["--sandbox", "--read-only"][..], None),
        (&["--sandbox"][..], Some("[ui]\nread_only = true\n")),
    ] {
        match file {
            Some(text) => std::fs::write(&config, text).expect("config"),
            None => {
                let _ = std::fs::remove_file(&config);
            }
        }
        let mut pty = updash(&home, args, 120, 30);
        pty.wait_for("READ-ONLY", LONG);
        pty.send("3");
        pty.wait_for("· 6 of 6", LONG);
        pty.send("c");
        pty.wait_for("Read-only mode: create database is turned off", LONG);
        pty.send("d");
        pty.wait_for("Read-only mode: delete database is turned off", LONG);
        let screen = pty.screen();
        assert!(
            !screen.contains("1/5 Name") && !screen.contains("Type "),
            "{screen}"
        );
        pty.send("q");
        assert_eq!(pty.wait_exit(LONG), Some(0), "{args:?}");
    }
}

#[test]
fn an_unknown_account_exits_2_before_the_terminal_is_touched() {
    let home = Home::new();
    two_sandbox_accounts(&home);
    let mut pty = updash(&home, &["--sandbox", "--account", "nobody"], 100, 30);
    pty.wait_for("no account matches", LONG);
    assert_eq!(pty.wait_exit(LONG), Some(2), "usage error");
    let raw = String::from_utf8_lossy(&pty.raw_since(0)).into_owned();
    assert!(
        raw.contains("no account matches `nobody`"),
        "a clear message: {raw:?}"
    );
    assert!(!raw.contains("\x1b[?1049h"), "no alternate screen: {raw:?}");
    assert!(!pty.alternate_screen());
}

/// No secret reaches the log, at its most detailed level, after the dashboard's flows that
/// handle them: the password sign-in (tokens, the minted key), the API-key form (a typed
/// key) and revealing a database's password and token.
#[test]
fn no_secret_reaches_the_log_after_the_dashboards_secret_flows() {
    let home = Home::new();
    let mut pty = updash_with(&home, &["--sandbox"], &[("UPDASH_LOG", "trace")], 140, 40);
    pty.wait_for("Connect an account", LONG);
    pty.send("\r");
    pty.wait_for("seeded user's password", LONG);
    pty.send("sandbox\r");
    // A sign-in lands on the new account's databases.
    pty.wait_for("Databases of ", LONG);
    // The API-key form, with the team's key typed in.
    pty.send("1");
    pty.wait_for("Connect an account", LONG);
    pty.send("jjj\r");
    pty.wait_for("Enter the account email", LONG);
    pty.send(updash_sandbox::SEEDED_EMAIL);
    pty.send("\t");
    pty.send(updash_sandbox::SEEDED_TEAM_API_KEY);
    pty.send("\r");
    // The same email: the signed-in account takes the typed key.
    pty.wait_until("the key saved", LONG, |_| {
        home.store().load().is_ok_and(|l| {
            l.credentials.accounts().any(|(_, a)| {
                a.api_key
                    .as_ref()
                    .is_some_and(|k| k.expose() == updash_sandbox::SEEDED_TEAM_API_KEY)
            })
        })
    });
    // Reveal a database's password and REST token.
    pty.send("3");
    pty.wait_for("Databases of", LONG);
    pty.send("\r");
    pty.wait_for("Password", LONG);
    pty.send("v");
    let screen = pty.wait_until("the revealed secrets", LONG, |s| !s.contains("v reveals"));
    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0));

    let value_of = |label: &str| {
        screen
            .lines()
            .find_map(|l| l.split_once(label).map(|(_, v)| v))
            .map(|v| v.trim().trim_end_matches('│').trim().to_string())
            .filter(|v| v.len() >= 8)
            .unwrap_or_else(|| panic!("no {label} on the screen:\n{screen}"))
    };
    let mut secrets = vec![
        value_of("Password"),
        value_of("REST token"),
        updash_sandbox::SEEDED_TEAM_API_KEY.to_string(),
    ];
    let loaded = home.store().load().expect("credentials open");
    for (_, account) in loaded.credentials.accounts() {
        for secret in [
            &account.api_key,
            &account.access_token,
            &account.refresh_token,
        ]
        .into_iter()
        .flatten()
        {
            secrets.push(secret.expose().to_string());
        }
    }
    assert!(secrets.len() >= 6, "{} secrets", secrets.len());
    let log = home.log_text();
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "the log was written"
    );
    for secret in &secrets {
        assert!(!log.contains(secret.as_str()), "a secret reached the log");
    }
}
