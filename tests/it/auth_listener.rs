//! The loopback listener and the login attempt, over real HTTP on 127.0.0.1.

use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use updash::auth::{AuthCode, AuthError, CancelToken, LoginAttempt, LoginOptions, OAuthClient};
use updash::cli::sandbox_wiring::sandbox_provider;

/// A client for a provider whose endpoints are never called by these tests.
pub fn offline_client(redirect_uri: Option<String>) -> OAuthClient {
    let mut provider = sandbox_provider("http://127.0.0.1:9");
    provider.redirect_uri = redirect_uri;
    OAuthClient::new(&provider).unwrap()
}

/// The `state` sent in the attempt's authorize URL.
pub fn state_of(attempt: &LoginAttempt) -> String {
    attempt
        .authorize_url()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

/// Starts an attempt and its wait on a task; returns the redirect URI, the state, the paste
/// sender, the cancel token and the wait's handle.
pub async fn start_waiting(
    opts: LoginOptions,
) -> (
    String,
    String,
    mpsc::Sender<String>,
    CancelToken,
    tokio::task::JoinHandle<Result<AuthCode, AuthError>>,
) {
    let attempt = LoginAttempt::start(&offline_client(None), opts)
        .await
        .unwrap();
    let redirect = attempt.redirect_uri().to_string();
    let state = state_of(&attempt);
    let (tx, rx) = mpsc::channel(4);
    let cancel = CancelToken::new();
    let c = cancel.clone();
    let wait = tokio::spawn(async move { attempt.wait(rx, &c).await });
    (redirect, state, tx, cancel, wait)
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// A GET of `url` with the test client; fails the test if no response comes.
async fn get(url: String) -> reqwest::Response {
    http().get(url).send().await.unwrap()
}

/// Whether something accepts connections on the redirect URI's port.
async fn listening(redirect: &str) -> bool {
    tokio::net::TcpStream::connect(redirect_addr(redirect))
        .await
        .is_ok()
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The browser's callback to `url`: its page waits until the sign-in says it connected,
/// which happens here once the wait returned the code. Returns the page and the code.
async fn callback_connected(
    url: String,
    wait: tokio::task::JoinHandle<Result<AuthCode, AuthError>>,
) -> (reqwest::Response, AuthCode) {
    let page = tokio::spawn(get(url));
    let mut code = wait.await.unwrap().unwrap();
    code.take_reply().connected().await;
    (page.await.unwrap(), code)
}

#[tokio::test]
async fn right_state_gives_the_code_and_a_connected_page() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    assert!(redirect.starts_with("http://127.0.0.1:") && redirect.ends_with("/callback"));
    let url = format!("{redirect}?code=the-code&state={}", enc(&state));
    let (resp, code) = callback_connected(url, wait).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    assert_eq!(resp.headers()["referrer-policy"], "no-referrer");
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(code.code().expose(), "the-code");
    assert_eq!(code.redirect_uri(), redirect);
    // The port is closed once the browser was answered.
    assert!(!listening(&redirect).await);
}

fn redirect_addr(redirect: &str) -> String {
    let url = url::Url::parse(redirect).unwrap();
    format!("127.0.0.1:{}", url.port().unwrap())
}

#[tokio::test]
async fn connected_page_says_so() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let url = format!("{redirect}?state={}&code=c", enc(&state));
    let (resp, _) = callback_connected(url, wait).await;
    let body = resp.text().await.unwrap();
    assert!(body.contains("Account connected"), "{body}");
    assert!(body.contains("close this tab"));
}

#[tokio::test]
async fn the_browser_is_answered_only_once_the_outcome_is_known() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let page = tokio::spawn(get(format!("{redirect}?state={}&code=c", enc(&state))));
    let mut code = wait.await.unwrap().unwrap();
    // The code is in hand, but nothing is connected yet: the browser still waits, and the
    // port stays open for its answer.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !page.is_finished(),
        "the browser was answered before the outcome"
    );
    assert!(listening(&redirect).await);
    code.take_reply()
        .failed("the provider refused the sign-in code (invalid_grant)")
        .await;
    let resp = page.await.unwrap();
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert!(body.contains("Sign-in failed"), "{body}");
    assert!(body.contains("invalid_grant"), "{body}");
    assert!(!body.contains("Account connected"), "{body}");
    assert!(!listening(&redirect).await);
}

#[tokio::test]
async fn a_browser_waits_at_most_the_answer_limit() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions {
        answer_limit: Duration::from_millis(300),
        ..LoginOptions::default()
    })
    .await;
    let page = tokio::spawn(get(format!("{redirect}?state={}&code=c", enc(&state))));
    let mut code = wait.await.unwrap().unwrap();
    let resp = page.await.unwrap();
    assert_eq!(resp.status(), 202);
    let body = resp.text().await.unwrap();
    assert!(body.contains("Return to your terminal"), "{body}");
    assert!(!body.contains("Account connected"), "{body}");
    code.take_reply().connected().await;
}

#[tokio::test]
async fn an_unanswered_browser_is_told_to_look_at_the_terminal() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let page = tokio::spawn(get(format!("{redirect}?state={}&code=c", enc(&state))));
    let code = wait.await.unwrap().unwrap();
    // The sign-in was abandoned (cancelled, crashed): the reply is dropped unanswered.
    drop(code);
    let body = page.await.unwrap().text().await.unwrap();
    assert!(body.contains("Return to your terminal"), "{body}");
    let deadline = Instant::now() + Duration::from_secs(5);
    while listening(&redirect).await {
        assert!(Instant::now() < deadline, "port still open");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn wrong_state_gets_an_error_page_and_the_wait_goes_on() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let resp = get(format!("{redirect}?code=stolen&state=not-the-state")).await;
    assert_eq!(resp.status(), 400);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let body = resp.text().await.unwrap();
    assert!(body.contains("does not belong"), "{body}");
    assert!(!body.contains("stolen"));
    assert!(!wait.is_finished());
    let url = format!("{redirect}?code=real&state={}", enc(&state));
    let (_, code) = callback_connected(url, wait).await;
    assert_eq!(code.code().expose(), "real");
}

#[tokio::test]
async fn other_paths_and_methods_get_404_or_405_and_the_wait_goes_on() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let base = redirect.trim_end_matches("/callback");
    for path in ["/favicon.ico", "/", "/callback/extra", "/robots.txt"] {
        let resp = get(format!("{base}{path}?code=x&state={}", enc(&state))).await;
        assert_eq!(resp.status(), 404, "{path}");
        assert_eq!(resp.headers()["referrer-policy"], "no-referrer");
    }
    let resp = http()
        .post(format!("{redirect}?code=x&state={}", enc(&state)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    assert!(!wait.is_finished());
    let url = format!("{redirect}?code=ok&state={}", enc(&state));
    let (_, code) = callback_connected(url, wait).await;
    assert_eq!(code.code().expose(), "ok");
}

#[tokio::test]
async fn access_denied_ends_the_attempt_with_the_description() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let resp = get(format!(
        "{redirect}?error=access_denied&error_description={}&state={}",
        enc("The operator declined"),
        enc(&state)
    ))
    .await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert!(body.contains("Sign-in failed") && body.contains("The operator declined"));
    let err = wait.await.unwrap().unwrap_err();
    assert_eq!(
        err,
        AuthError::AccessDenied {
            description: Some("The operator declined".into())
        }
    );
    assert!(err.to_string().contains("The operator declined"));
}

#[tokio::test]
async fn error_redirect_with_a_wrong_state_does_not_end_the_attempt() {
    let (redirect, _state, _tx, cancel, wait) = start_waiting(LoginOptions::default()).await;
    let resp = get(format!("{redirect}?error=access_denied&state=forged")).await;
    assert_eq!(resp.status(), 400);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(!wait.is_finished());
    cancel.cancel();
    assert_eq!(wait.await.unwrap().unwrap_err(), AuthError::Cancelled);
}

#[tokio::test]
async fn hostile_error_description_is_escaped() {
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let hostile = "<script>alert('x')</script><img src=x onerror=\"steal()\">";
    let body = get(format!(
        "{redirect}?error=server_error&error_description={}&state={}",
        enc(hostile),
        enc(&state)
    ))
    .await
    .text()
    .await
    .unwrap();
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(!body.contains("<img src=x"));
    assert!(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(matches!(
        wait.await.unwrap(),
        Err(AuthError::AuthorizeFailed { .. })
    ));
}

#[tokio::test]
async fn fixed_redirect_port_in_use_is_a_clear_error_naming_the_port() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let client = offline_client(Some(format!("http://127.0.0.1:{port}")));
    let err = LoginAttempt::start(&client, LoginOptions::default())
        .await
        .unwrap_err();
    let AuthError::PortInUse { port: p, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*p, port);
    let msg = err.to_string();
    assert!(msg.contains(&format!("port {port}")), "{msg}");
    assert!(
        msg.contains("--no-browser") && msg.contains("--callback-port"),
        "{msg}"
    );
    // Paste mode needs no port.
    let attempt = LoginAttempt::start(
        &client,
        LoginOptions {
            listen: false,
            ..LoginOptions::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(attempt.redirect_uri(), format!("http://127.0.0.1:{port}"));
    assert_eq!(attempt.port(), None);
}

#[tokio::test]
async fn fixed_localhost_redirect_listens_on_its_port_and_path() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = offline_client(Some(format!("http://localhost:{port}")));
    let attempt = LoginAttempt::start(&client, LoginOptions::default())
        .await
        .unwrap();
    assert_eq!(attempt.redirect_uri(), format!("http://localhost:{port}"));
    assert_eq!(attempt.port(), Some(port));
    let q: std::collections::HashMap<_, _> =
        attempt.authorize_url().query_pairs().into_owned().collect();
    assert_eq!(q["redirect_uri"], format!("http://localhost:{port}"));
    let state = state_of(&attempt);
    let (_tx, rx) = mpsc::channel(1);
    let cancel = CancelToken::new();
    let wait = tokio::spawn(async move { attempt.wait(rx, &cancel).await });
    let url = format!("http://127.0.0.1:{port}/?code=c&state={}", enc(&state));
    let (resp, code) = callback_connected(url, wait).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(code.code().expose(), "c");
}

#[tokio::test]
async fn callback_port_moves_the_listener_but_not_a_fixed_redirect() {
    let free = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = offline_client(Some("http://localhost:3000".into()));
    let attempt = LoginAttempt::start(
        &client,
        LoginOptions {
            callback_port: Some(free),
            ..LoginOptions::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(attempt.redirect_uri(), "http://localhost:3000");
    assert_eq!(attempt.port(), Some(free));
    assert_eq!(attempt.redirect_port(), 3000);
}

#[tokio::test]
async fn the_overall_timeout_ends_the_wait_and_closes_the_port() {
    let started = Instant::now();
    let (redirect, _state, _tx, _cancel, wait) = start_waiting(LoginOptions {
        timeout: Duration::from_millis(300),
        ..LoginOptions::default()
    })
    .await;
    let err = wait.await.unwrap().unwrap_err();
    assert!(matches!(err, AuthError::TimedOut(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(!listening(&redirect).await);
}

#[tokio::test]
async fn cancel_closes_the_port() {
    let (redirect, _state, _tx, cancel, wait) = start_waiting(LoginOptions::default()).await;
    // Listening before the cancel.
    assert!(listening(&redirect).await);
    cancel.cancel();
    assert_eq!(wait.await.unwrap().unwrap_err(), AuthError::Cancelled);
    assert!(!listening(&redirect).await, "port still open after cancel");
}

#[tokio::test]
async fn dropping_an_attempt_closes_the_port() {
    let attempt = LoginAttempt::start(&offline_client(None), LoginOptions::default())
        .await
        .unwrap();
    let addr = redirect_addr(attempt.redirect_uri());
    drop(attempt);
    // Abort is asynchronous: the port closes within a few scheduler turns.
    let deadline = Instant::now() + Duration::from_secs(2);
    while tokio::net::TcpStream::connect(&addr).await.is_ok() {
        assert!(Instant::now() < deadline, "port still open after drop");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_paste_wins_when_it_comes_first() {
    let (redirect, state, tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    // A bad paste first: skipped, the wait goes on.
    tx.send("not a url".into()).await.unwrap();
    tx.send(format!("{redirect}?code=x&state=wrong"))
        .await
        .unwrap();
    tx.send(format!(
        "  \"{redirect}?code=pasted&state={}\"\n",
        enc(&state)
    ))
    .await
    .unwrap();
    let code = wait.await.unwrap().unwrap();
    assert_eq!(code.code().expose(), "pasted");
    // The listener is gone: the browser's late callback cannot reach anything.
    assert!(!listening(&redirect).await);
}

#[tokio::test]
async fn paste_only_attempts_wait_for_pastes() {
    let client = offline_client(None);
    let attempt = LoginAttempt::start(
        &client,
        LoginOptions {
            listen: false,
            ..LoginOptions::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(attempt.port(), None);
    let redirect = attempt.redirect_uri().to_string();
    assert!(redirect.starts_with("http://127.0.0.1:"));
    let checker = attempt.paste_checker();
    let state = state_of(&attempt);
    let (tx, rx) = mpsc::channel(1);
    let cancel = CancelToken::new();
    let wait = tokio::spawn(async move { attempt.wait(rx, &cancel).await });
    assert!(!checker.check("?code=a&state=nope").is_final());
    tx.send(format!("{redirect}?error=access_denied&state={state}"))
        .await
        .unwrap();
    assert!(matches!(
        wait.await.unwrap(),
        Err(AuthError::AccessDenied { .. })
    ));
}
