//! No token, code, state or key reaches the output or the log (`UPDASH_LOG=trace`).

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_any_output_or_the_log() {
    let sb = sandbox().await;
    let home = Home::new();
    let (login, back) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(login.code, Some(0), "{}", login.stderr);
    let code = ob::query_param(&back, "code").unwrap();
    let state = ob::query_param(&back, "state").unwrap();
    let mut secrets = vec![code];
    let mut grab = |home: &Home| {
        for a in accounts(home) {
            for f in ["access_token", "refresh_token", "api_key"] {
                if let Some(v) = field(&a, f) {
                    secrets.push(v.to_string());
                }
            }
        }
    };
    grab(&home);
    let (url, h) = (sb.url().to_string(), &home);
    let mut outputs = vec![login.stdout.replace(&state, ""), login.stderr];
    let status = tokio::task::block_in_place(|| run(h, &url, &["status", "--refresh"]));
    assert_eq!(status.status.code(), Some(0));
    grab(&home);
    let logout = tokio::task::block_in_place(|| run(h, &url, &["--sandbox", "logout"]));
    assert_eq!(logout.status.code(), Some(0));
    for out in [status, logout] {
        outputs.push(String::from_utf8_lossy(&out.stdout).into_owned());
        outputs.push(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let log = home.log_text();
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "the log is verbose"
    );
    assert!(
        secrets.len() >= 6,
        "code, two token sets, key: {}",
        secrets.len()
    );
    for secret in &secrets {
        assert!(secret.len() >= 16);
        for (i, text) in outputs.iter().enumerate() {
            assert!(
                !text.contains(secret.as_str()),
                "a secret in output #{i}: {text}"
            );
        }
        assert!(!log.contains(secret.as_str()), "a secret in the log");
    }
    assert!(!log.contains(&state), "the state in the log");
    // The lifecycle is on record at info: who (account id) and where (provider), no secret.
    for event in [
        "lifecycle: signed in",
        "lifecycle: token refreshed",
        "lifecycle: revocation",
        "lifecycle: logged out",
    ] {
        let line = log
            .lines()
            .find(|l| l.contains(event))
            .unwrap_or_else(|| panic!("{event:?} is logged: {log}"));
        assert!(line.contains(" INFO "), "{line}");
        assert!(line.contains("account="), "{line}");
        assert!(line.contains("provider=\"sandbox\""), "{line}");
    }
    assert!(log.contains("rotated=true"), "the rotation is logged");
    assert!(
        log.contains("outcome=\"revoked\""),
        "the revocation is logged"
    );
    sb.shutdown().await;
}
