//! Garbage to every sandbox route: broken JSON, wrong types, huge bodies, huge headers, bad
//! percent-encoding, non-UTF-8 forms. Every answer is a 4xx (never a 5xx or a dropped
//! connection, except for a head too large to read) and the sandbox keeps answering.

use reqwest::Method;
use std::io::{Read, Write};
use updash_sandbox::test_browser::obtain_tokens;
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// How a route wants its body, so the garbage reaches its parser.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// No body is read (GET, DELETE and the settings switches).
    NoBody,
    /// JSON.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// Every route with a method, a concrete path and its body kind (`{id}` filled in later).
const ROUTES: &[(&str, &str, Kind)] = &[
    ("GET", "/authorize", Kind::NoBody),
    ("POST", "/authorize/sign-in", Kind::Form),
    ("GET", "/authorize/consent", Kind::NoBody),
    ("POST", "/authorize/consent", Kind::Form),
    ("GET", "/activate", Kind::NoBody),
    ("POST", "/activate", Kind::Form),
    ("POST", "/oauth/token", Kind::Form),
    ("POST", "/oauth/revoke", Kind::Form),
    ("POST", "/oauth/device/code", Kind::Form),
    ("GET", "/userinfo", Kind::NoBody),
    (
        "GET",
        "/.well-known/oauth-authorization-server",
        Kind::NoBody,
    ),
    ("POST", "/apikey", Kind::Json),
    ("GET", "/v2/redis/databases", Kind::NoBody),
    ("POST", "/v2/redis/database", Kind::Json),
    ("GET", "/v2/redis/database/{id}", Kind::NoBody),
    ("DELETE", "/v2/redis/database/{id}", Kind::NoBody),
    ("POST", "/v2/redis/rename/{id}", Kind::Json),
    ("POST", "/v2/redis/reset-password/{id}", Kind::NoBody),
    ("GET", "/v2/redis/stats/{id}", Kind::NoBody),
    ("POST", "/v2/redis/update-regions/{id}", Kind::Json),
    ("POST", "/v2/redis/enable-eviction/{id}", Kind::NoBody),
    ("POST", "/v2/redis/disable-eviction/{id}", Kind::NoBody),
    ("POST", "/v2/redis/enable-autoupgrade/{id}", Kind::NoBody),
    ("POST", "/v2/redis/disable-autoupgrade/{id}", Kind::NoBody),
    ("POST", "/v2/redis/enable-tls/{id}", Kind::NoBody),
    ("PATCH", "/v2/redis/update-budget/{id}", Kind::Json),
    ("GET", "/v2/teams", Kind::NoBody),
    ("GET", "/v2/teams/{team}", Kind::NoBody),
    ("GET", "/_sandbox/faults", Kind::NoBody),
    ("POST", "/_sandbox/faults", Kind::Json),
    ("POST", "/_sandbox/clock", Kind::Json),
];

/// Bodies that are not valid for any JSON route: broken syntax, wrong shapes, wrong types.
fn bad_json_bodies() -> Vec<Vec<u8>> {
    let mut bodies: Vec<Vec<u8>> = [
        "{not json",
        "",
        "   ",
        "null",
        "[1,2,3]",
        "\"a string\"",
        "1e999",
        "{\"name\": 5, \"database_name\": [], \"primary_region\": {}, \"read_regions\": \"x\", \
          \"budget\": \"lots\", \"advance_secs\": \"soon\", \"fail_rate\": \"x\", \"latency_ms\": -1}",
        "{\"advance_secs\": 1e300, \"rate_limit\": 4294967296, \"token_ttl_secs\": 0}",
        "{\"name\": \"\u{0}\"}",
        "{\"name\": \"a\", \"name\": 1}",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    bodies.push(vec![0xff, 0xfe, 0x7b, 0x80]);
    bodies.push(format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes());
    bodies
}

/// Bodies that are not valid for any form route.
fn bad_form_bodies() -> Vec<Vec<u8>> {
    vec![
        vec![0xff, 0xfe, b'=', 0x80, b'&', 0xc3],
        b"grant_type=%ff%fe&client_id=%zz&code=%".to_vec(),
        b"client_id=updash&client_id=updash".to_vec(),
        b"=&&&==&".to_vec(),
        b"{\"json\": \"in a form\"}".to_vec(),
    ]
}

/// A live sandbox, a client, and credentials that get requests past authentication.
struct Sweep {
    sandbox: Sandbox,
    http: reqwest::Client,
    access_token: String,
    database_id: String,
}

impl Sweep {
    async fn start() -> Self {
        let sandbox = Sandbox::start(Options::default()).await.expect("sandbox");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let tokens = obtain_tokens(sandbox.url()).await;
        let access_token = tokens["access_token"].as_str().expect("token").to_string();
        let dbs: serde_json::Value = http
            .get(format!("{}/v2/redis/databases", sandbox.url()))
            .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
            .send()
            .await
            .expect("list")
            .json()
            .await
            .expect("list JSON");
        let database_id = dbs
            .as_array()
            .and_then(|a| a.iter().find(|d| d["database_name"] == "scratch"))
            .and_then(|d| d["database_id"].as_str())
            .expect("the seeded scratch database")
            .to_string();
        Self {
            sandbox,
            http,
            access_token,
            database_id,
        }
    }

    /// A request to `path` (with `{id}` and `{team}` filled in) carrying the right credentials.
    fn request(&self, method: &str, path: &str) -> reqwest::RequestBuilder {
        let path = path
            .replace("{id}", &self.database_id)
            .replace("{team}", updash_sandbox::api::SEEDED_TEAM_ID);
        let method = Method::from_bytes(method.as_bytes()).expect("method");
        let req = self
            .http
            .request(method, format!("{}{path}", self.sandbox.url()));
        if path.starts_with("/v2/") {
            req.basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
        } else if path == "/apikey" || path == "/userinfo" {
            req.bearer_auth(&self.access_token)
        } else {
            req
        }
    }

    /// Sends and returns the status; a dropped connection or a 5xx fails with `what`.
    async fn status_of(&self, req: reqwest::RequestBuilder, what: &str) -> u16 {
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("{what}: no answer: {e}"));
        let status = resp.status().as_u16();
        let body = resp.text().await.unwrap_or_default();
        assert!(status < 500, "{what}: {status} {body}");
        status
    }

    /// Whether the sandbox still answers normally.
    async fn assert_alive(&self, after: &str) {
        let resp = self
            .http
            .get(format!(
                "{}/.well-known/oauth-authorization-server",
                self.sandbox.url()
            ))
            .send()
            .await
            .unwrap_or_else(|e| panic!("no answer after {after}: {e}"));
        assert_eq!(resp.status(), 200, "after {after}");
    }
}

fn assert_4xx(status: u16, what: &str) {
    assert!(
        (400..500).contains(&status),
        "{what}: expected 4xx, got {status}"
    );
}

#[tokio::test]
async fn garbage_bodies_get_4xx_on_every_route() {
    let sweep = Sweep::start().await;
    for &(method, path, kind) in ROUTES {
        let bodies = match kind {
            Kind::Json => bad_json_bodies(),
            Kind::Form => bad_form_bodies(),
            Kind::NoBody => continue,
        };
        let content_type = match kind {
            Kind::Form => "application/x-www-form-urlencoded",
            _ => "application/json",
        };
        for body in bodies {
            let what = format!(
                "{method} {path} with {:?}",
                String::from_utf8_lossy(&body[..body.len().min(60)])
            );
            let req = sweep
                .request(method, path)
                .header("content-type", content_type)
                .body(body);
            assert_4xx(sweep.status_of(req, &what).await, &what);
        }
        // The other kind's content type is refused too.
        let wrong = match kind {
            Kind::Form => ("application/json", b"{\"grant_type\":\"x\"}".to_vec()),
            _ => (
                "application/x-www-form-urlencoded",
                b"name=x&database_name=y".to_vec(),
            ),
        };
        let what = format!("{method} {path} with content type {}", wrong.0);
        let req = sweep
            .request(method, path)
            .header("content-type", wrong.0)
            .body(wrong.1);
        assert_4xx(sweep.status_of(req, &what).await, &what);
    }
    sweep.assert_alive("the garbage bodies").await;
    // Nothing garbage switched a fault on.
    let faults: serde_json::Value = sweep
        .http
        .get(format!("{}/_sandbox/faults", sweep.sandbox.url()))
        .send()
        .await
        .expect("faults")
        .json()
        .await
        .expect("faults JSON");
    assert_eq!(faults["fail_rate"], 0.0);
    assert_eq!(faults["latency_ms"], 0);
    sweep.sandbox.shutdown().await;
}

#[tokio::test]
async fn bodies_over_64_kib_get_413_on_every_route_that_reads_one() {
    let sweep = Sweep::start().await;
    let huge = vec![b'a'; 64 * 1024 + 1];
    for &(method, path, kind) in ROUTES {
        if kind == Kind::NoBody {
            continue;
        }
        let what = format!("{method} {path} with a 64 KiB + 1 body");
        let content_type = if kind == Kind::Form {
            "application/x-www-form-urlencoded"
        } else {
            "application/json"
        };
        let req = sweep
            .request(method, path)
            .header("content-type", content_type)
            .body(huge.clone());
        assert_eq!(sweep.status_of(req, &what).await, 413, "{what}");
    }
    sweep.assert_alive("the huge bodies").await;
    sweep.sandbox.shutdown().await;
}

#[tokio::test]
async fn bad_percent_encoding_and_bad_paths_are_refused_or_ignored_never_5xx() {
    let sweep = Sweep::start().await;
    let bad_queries = [
        "?%zz=%ff%fe",
        "?user_code=%&client_id=%G0",
        "?response_type=code&client_id=%ff&redirect_uri=%zz&code_challenge=%",
        "?a=1&a=2&period=%ff",
    ];
    for &(method, path, _) in ROUTES {
        for query in bad_queries {
            let what = format!("{method} {path}{query}");
            let req = sweep.request(method, &format!("{path}{query}"));
            let status = sweep.status_of(req, &what).await;
            if path == "/authorize" {
                assert_4xx(status, &what);
            }
        }
    }
    for path in [
        "/v2/redis/database/%ff%fe",
        "/v2/redis/database/..%2F..%2Fetc",
        "/v2/redis/rename/%00",
        "/v2/teams/%zz",
    ] {
        let what = format!("GET {path}");
        let resp = sweep
            .http
            .get(format!("{}{path}", sweep.sandbox.url()))
            .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{what}: no answer: {e}"));
        assert_4xx(resp.status().as_u16(), &what);
        // Every Developer API error is JSON, axum's own refusals included.
        let body: serde_json::Value = resp
            .json()
            .await
            .unwrap_or_else(|e| panic!("{what}: the error is not JSON: {e}"));
        assert!(body["error"].as_str().is_some(), "{what}: {body}");
    }
    let long_id = format!("/v2/redis/database/{}", "x".repeat(8000));
    let req = sweep.request("GET", &long_id);
    assert_4xx(
        sweep.status_of(req, "a very long id").await,
        "a very long id",
    );
    sweep.assert_alive("the bad queries").await;
    sweep.sandbox.shutdown().await;
}

#[tokio::test]
async fn headers_over_16_kib_get_431_or_a_closed_connection() {
    let sweep = Sweep::start().await;
    let addr = sweep.sandbox.addr();
    let big = "x".repeat(17 * 1024);
    let head = format!(
        "GET /v2/redis/databases HTTP/1.1\r\nHost: {addr}\r\nX-Filler: {big}\r\nConnection: close\r\n\r\n"
    );
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        // The server may close while we still write; that is an acceptable refusal.
        let _ = stream.write_all(head.as_bytes());
        let mut buf = Vec::new();
        let _ = stream.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
    .await
    .expect("raw client");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    // Many headers that add up past the limit, through a normal client.
    let mut req = sweep.request("GET", "/v2/redis/databases");
    for i in 0..200 {
        req = req.header(format!("x-h{i}"), "y".repeat(100));
    }
    match req.send().await {
        Ok(resp) => assert_eq!(resp.status(), 431),
        Err(e) => assert!(!e.is_timeout(), "{e}"),
    }
    sweep.assert_alive("the oversized headers").await;
    sweep.sandbox.shutdown().await;
}
