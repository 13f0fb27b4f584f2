//! Sign-ins that fail: denied, another verifier, an expired code, a taken port, a timeout,
//! and cancellation by signal. Each ends with a plain sentence, the documented exit code,
//! and nothing saved.

use super::*;

fn assert_nothing_saved(home: &Home) {
    assert!(accounts(home).is_empty(), "nothing may be saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denying_consent_exits_3_with_denied() {
    let sb = sandbox().await;
    let home = Home::new();
    let mut child = LoginChild::no_browser(&home, sb.url(), &["--timeout", "60"]);
    let back = approve(&child.next_line(), "deny").await;
    assert!(back.contains("error=access_denied"), "{back}");
    child.paste(&back);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(3), "{}", ended.stderr);
    assert!(ended.stderr.contains("denied"), "{}", ended.stderr);
    assert_nothing_saved(&home);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_bound_to_another_verifier_is_refused_in_words() {
    let sb = sandbox().await;
    let home = Home::new();
    let mut child = LoginChild::no_browser(&home, sb.url(), &["--timeout", "60"]);
    // Same state, but the challenge of a verifier updash does not hold.
    let mut url = url::Url::parse(&child.next_line()).unwrap();
    let other = ob::Pkce::new();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "code_challenge" {
                other.challenge.clone()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let back = approve(url.as_str(), "allow").await;
    child.paste(&back);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(3), "{}", ended.stderr);
    assert!(ended.stderr.contains("sign in again"), "{}", ended.stderr);
    assert!(
        ended.stderr.contains("code_verifier does not match"),
        "{}",
        ended.stderr
    );
    assert!(!ended.stderr.contains("panicked"), "{}", ended.stderr);
    assert_nothing_saved(&home);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_code_is_refused_in_words() {
    let sb = sandbox().await;
    let home = Home::new();
    let mut child = LoginChild::no_browser(&home, sb.url(), &["--timeout", "60"]);
    let back = approve(&child.next_line(), "allow").await;
    ob::advance_clock(sb.url(), 120).await;
    child.paste(&back);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(3), "{}", ended.stderr);
    assert!(ended.stderr.contains("expired"), "{}", ended.stderr);
    assert_nothing_saved(&home);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_taken_fixed_redirect_port_is_reported_before_any_browser() {
    let sb = sandbox().await;
    let home = Home::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    let base = sb.url();
    std::fs::write(
        home.config_dir().join("config.toml"),
        format!(
            "[providers.fixed]\nkind = \"upstash\"\nauthorize_url = \"{base}/authorize\"\n\
             token_url = \"{base}/oauth/token\"\nclient_id = \"updash\"\n\
             redirect_uri = \"http://127.0.0.1:{port}/callback\"\napi_base_url = \"{base}\"\n"
        ),
    )
    .unwrap();
    let child = LoginChild::spawn(updash(&home, base), &["login", "--provider", "fixed"]);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(2), "{}", ended.stderr);
    assert!(
        ended
            .stderr
            .contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{}",
        ended.stderr
    );
    assert!(
        !ended.stderr.contains("/authorize?"),
        "no link for a sign-in that cannot finish"
    );
    drop(taken);
    assert_nothing_saved(&home);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_within_the_timeout_exits_3() {
    let sb = sandbox().await;
    let home = Home::new();
    let child = LoginChild::no_browser(&home, sb.url(), &["--timeout", "1"]);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(3), "{}", ended.stderr);
    assert!(
        ended.stderr.contains("not completed within 1 seconds"),
        "{}",
        ended.stderr
    );
    assert!(ended.took < Duration::from_secs(10));
    assert_nothing_saved(&home);
    sb.shutdown().await;
}

async fn cancel_with(signal: i32, code: i32) {
    let sb = sandbox().await;
    let home = Home::new();
    let child = LoginChild::no_browser(&home, sb.url(), &["--timeout", "60"]);
    let authorize = url::Url::parse(&child.next_line()).unwrap();
    let redirect = authorize
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let port = url::Url::parse(&redirect).unwrap().port().unwrap();
    child.wait_stderr("Waiting for the sign-in");
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(),
        "listening"
    );
    // SAFETY: sends a signal to our own child process.
    assert_eq!(unsafe { libc::kill(child.pid(), signal) }, 0);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    assert_eq!(ended.code, Some(code), "{}", ended.stderr);
    assert!(ended.stderr.contains("cancelled"), "{}", ended.stderr);
    assert!(ended.took < Duration::from_secs(5), "{:?}", ended.took);
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the port is closed"
    );
    assert_nothing_saved(&home);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigint_cancels_and_closes_the_port() {
    cancel_with(libc::SIGINT, 130).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_cancels_and_closes_the_port() {
    cancel_with(libc::SIGTERM, 143).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_cancels_and_closes_the_port() {
    cancel_with(libc::SIGHUP, 129).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigquit_cancels_and_closes_the_port() {
    cancel_with(libc::SIGQUIT, 131).await;
}
