//! A real browser: headless Chromium driven over WebDriver (chromedriver + fantoccini) signs
//! in at the sandbox and lands on the listener of `updash login`, which saves the account.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them).

use crate::cli_login::{LoginChild, assert_one_private_account_with_a_working_key, updash};
use crate::support::cli::Home;
use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use updash_sandbox::{Options, SEEDED_EMAIL, SEEDED_PASSWORD, Sandbox};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The real binary behind Debian's `/usr/bin/chromium` wrapper script.
const CHROMIUM: &[&str] = &["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

/// chromedriver on a free port; killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Self {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {CHROMEDRIVER} (apt-get install chromium-driver): {e}")
            });
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn capabilities(profile: &std::path::Path) -> fantoccini::wd::Capabilities {
    let binary = CHROMIUM
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("chromium is installed (apt-get install chromium)");
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": binary, "args": args },
    });
    match caps {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// The authorize link `updash login` printed on stderr.
fn link_from(child: &LoginChild) -> String {
    child.wait_stderr("/authorize?");
    child
        .stderr_now()
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("http://") && l.contains("/authorize?"))
        .expect("the link on its own line")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium + chromium-driver"]
async fn chromium_signs_in_and_the_listener_saves_the_account() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let home = Home::new();
    // The child's environment is cleared: no BROWSER, no DISPLAY, so it opens nothing.
    let child = LoginChild::spawn(
        updash(&home, sb.url()),
        &["--sandbox", "login", "--timeout", "60"],
    );
    let link = link_from(&child);
    assert!(
        child.stderr_now().contains("Not opening a browser"),
        "{}",
        child.stderr_now()
    );

    let driver = Driver::start();
    let profile = tempfile::tempdir().unwrap();
    let browser = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities(profile.path()))
        .connect(&driver.url)
        .await
        .expect("a WebDriver session with headless chromium");
    let result = async {
        browser.goto(&link).await?;
        let email = browser.wait().for_element(Locator::Id("email")).await?;
        email.clear().await?;
        email.send_keys(SEEDED_EMAIL).await?;
        browser
            .find(Locator::Id("password"))
            .await?
            .send_keys(SEEDED_PASSWORD)
            .await?;
        browser
            .find(Locator::Css("button.primary"))
            .await?
            .click()
            .await?;
        browser
            .wait()
            .for_element(Locator::Css("button[value=allow]"))
            .await?
            .click()
            .await?;
        // The redirect lands on updash's listener.
        let start = Instant::now();
        loop {
            let page = browser.source().await?;
            if page.contains("Account connected") {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "landed on: {page}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let landed = browser.current_url().await?;
        Ok::<_, fantoccini::error::CmdError>(landed)
    }
    .await;
    let _ = browser.close().await;
    drop(driver);
    let landed = result.expect("the browser flow");
    assert_eq!(landed.host_str(), Some("127.0.0.1"));
    assert_eq!(landed.path(), "/callback");

    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert!(ended.stdout.contains("Added account"), "{}", ended.stdout);
    assert_one_private_account_with_a_working_key(&home, &sb).await;
    sb.shutdown().await;
}
