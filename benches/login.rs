//! Time from "callback received" to "credentials saved": code exchange, email, minting the
//! Developer API key, checking it with one call, and the credentials-file write, against an
//! in-process sandbox. Each login gets a fresh sandbox and store (set up untimed), so every
//! one mints a key (no reuse, no per-user key cap).

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;
use tokio::sync::mpsc;
use updash::account::Connector;
use updash::auth::{AuthCode, CancelToken, LoginAttempt, LoginOptions};
use updash::cli::sandbox_wiring::sandbox_provider;
use updash::store::Store;
use updash_sandbox::{Options, SEEDED_EMAIL, SEEDED_PASSWORD, Sandbox};

/// The value of the form field `name` in a page.
fn form_field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).map(|i| i + marker.len()).unwrap_or(0);
    let end = html[start..].find('"').map(|i| i + start).unwrap_or(start);
    html[start..end].replace("&amp;", "&")
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Signs the seeded user in through the sandbox's forms and returns the redirect address.
async fn approve(base: &str, authorize_url: &str) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("browser");
    let html = browser
        .get(authorize_url)
        .send()
        .await
        .expect("authorize")
        .text()
        .await
        .expect("page");
    let resp = browser
        .post(format!("{base}/authorize/sign-in"))
        .form(&[
            ("csrf_token", form_field(&html, "csrf_token").as_str()),
            ("request", form_field(&html, "request").as_str()),
            ("email", SEEDED_EMAIL),
            ("password", SEEDED_PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    let consent = browser
        .get(format!("{base}{}", location(&resp)))
        .send()
        .await
        .expect("consent")
        .text()
        .await
        .expect("consent page");
    let resp = browser
        .post(format!("{base}/authorize/consent"))
        .form(&[
            ("csrf_token", form_field(&consent, "csrf_token").as_str()),
            ("request", form_field(&consent, "request").as_str()),
            ("decision", "allow"),
        ])
        .send()
        .await
        .expect("allow");
    location(&resp)
}

/// One login up to the received callback: a sandbox, a store, a connector and a code.
async fn ready_login() -> (Sandbox, tempfile::TempDir, Connector, AuthCode) {
    let sb = Sandbox::start(Options::default()).await.expect("sandbox");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path().join("updash/credentials.toml"));
    let connector =
        Connector::new(store, "sandbox", sandbox_provider(sb.url()), None).expect("connector");
    let attempt = LoginAttempt::start(
        &connector.client,
        LoginOptions {
            listen: false,
            ..LoginOptions::default()
        },
    )
    .await
    .expect("attempt");
    let back = approve(sb.url(), attempt.authorize_url().as_str()).await;
    let (tx, rx) = mpsc::channel(1);
    tx.send(back).await.expect("paste");
    let code = attempt.wait(rx, &CancelToken::new()).await.expect("code");
    (sb, dir, connector, code)
}

fn callback_to_saved(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let mut group = c.benchmark_group("login");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("callback_to_saved", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (sb, _dir, connector, code) = ready_login().await;
                    let start = Instant::now();
                    let done = connector
                        .finish(code, None, &mut |_| {})
                        .await
                        .expect("finish");
                    total += start.elapsed();
                    std::hint::black_box(done);
                    sb.shutdown().await;
                }
                total
            })
        })
    });
    group.finish();
}

criterion_group!(benches, callback_to_saved);
criterion_main!(benches);
