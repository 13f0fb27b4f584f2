//! Create: never sent twice blindly; legacy fallback; recovery after a lost response.

use super::*;

#[tokio::test]
async fn reset_password_and_create_are_not_retried_on_server_errors() {
    async fn failing(State(s): State<Shared>) -> Response {
        hit(&s);
        (StatusCode::BAD_GATEWAY, "Bad Gateway").into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/reset-password/{id}", post(failing))
            .route("/v2/redis/database", post(failing))
            .route("/v2/redis/databases", get(list_stored))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(4));
    let err = failure(c.reset_password("id-1").await);
    assert!(
        matches!(err, ApiError::Server { status: 502, .. }),
        "{err:?}"
    );
    assert_eq!(hits(&state), 1);

    let err = failure(
        c.create_database(&CreateDatabase::new("cache", "eu-west-1"))
            .await,
    );
    assert_eq!(hits(&state), 2, "create sent once, not retried");
    assert_eq!(
        err.to_string(),
        "creating database \"cache\" (checked afterwards: no database of that name appeared): \
         the service failed (HTTP 502: Bad Gateway)"
    );
}

#[tokio::test]
async fn create_falls_back_to_the_legacy_body_on_400() {
    async fn create(State(s): State<Shared>, body: Bytes) -> Response {
        hit(&s);
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        locked(&s.bodies).push(body.clone());
        if body.get("platform").is_some() {
            return (StatusCode::BAD_REQUEST, r#""unknown field: platform""#).into_response();
        }
        axum::Json(database("id-new", "cache")).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database", post(create))
            .with_state(state.clone()),
    )
    .await;
    let mut req = CreateDatabase::new("cache", "eu-west-1");
    req.read_regions = vec!["us-east-1".into()];
    req.plan = Some("payg".into());
    let db = client(&server, fast_policy(3))
        .create_database(&req)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-new");
    assert_eq!(
        db.password.as_ref().map(|p| p.expose()),
        Some("MARKER-db-password")
    );
    let bodies = locked(&state.bodies).clone();
    assert_eq!(bodies.len(), 2);
    assert_eq!(
        bodies[0],
        req.request_body().unwrap_or_else(|e| panic!("{e}"))
    );
    assert_eq!(
        bodies[1],
        json!({"database_name":"cache","region":"global","primary_region":"eu-west-1",
               "read_regions":["us-east-1"],"plan":"payg"})
    );
}

#[tokio::test]
async fn create_refused_by_both_forms_reports_the_first_reason() {
    async fn create(State(s): State<Shared>, body: Bytes) -> Response {
        let n = hit(&s);
        let _ = body;
        (
            StatusCode::BAD_REQUEST,
            format!(r#"{{"error":"refusal {n}"}}"#),
        )
            .into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database", post(create))
            .with_state(state.clone()),
    )
    .await;
    let err = failure(
        client(&server, fast_policy(3))
            .create_database(&CreateDatabase::new("cache", "eu-west-1"))
            .await,
    );
    assert_eq!(hits(&state), 2);
    assert_eq!(err.service_message(), Some("refusal 1"));
}

/// The server creates the database, then answers 502: the client finds it instead of
/// sending create again.
#[tokio::test]
async fn create_after_a_502_finds_the_database_instead_of_creating_twice() {
    async fn create(State(s): State<Shared>, body: Bytes) -> Response {
        hit(&s);
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let name = body["database_name"].as_str().unwrap_or("").to_owned();
        locked(&s.databases).push(database("id-made", &name));
        (StatusCode::BAD_GATEWAY, "upstream reset").into_response()
    }
    let state = Shared::default();
    locked(&state.databases).push(database("id-other", "other"));
    let server = start_create_and_list(&state, create).await;
    let db = client(&server, fast_policy(4))
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-made");
    assert_eq!(hits(&state), 1);
    assert_eq!(locked(&state.databases).len(), 2);
}

/// The server creates the database but answers too late: the timeout is a lost response.
#[tokio::test]
async fn create_after_a_timeout_finds_the_database() {
    async fn create(State(s): State<Shared>) -> Response {
        hit(&s);
        locked(&s.databases).push(database("id-slow", "cache"));
        tokio::time::sleep(Duration::from_secs(3)).await;
        axum::Json(database("id-slow", "cache")).into_response()
    }
    let state = Shared::default();
    let server = start_create_and_list(&state, create).await;
    let cfg = config(&server, fast_policy(4)).with_timeout(Duration::from_millis(300));
    let c = Client::new(&cfg, ApiCredentials::new(EMAIL, KEY)).unwrap_or_else(|e| panic!("{e}"));
    let db = c
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-slow");
    assert_eq!(hits(&state), 1);
}

/// A raw server that records the create, then closes the connection without answering.
#[tokio::test]
async fn create_after_a_dropped_connection_finds_the_database() {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let posts = Arc::new(AtomicU32::new(0));
    let posts_seen = posts.clone();
    let task = tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let posts = posts_seen.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut len = 0;
                // One request per connection is enough: read its head (and small body).
                while let Ok(n) = sock.read(&mut buf[len..]).await {
                    if n == 0 {
                        return;
                    }
                    len += n;
                    if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
                if buf.starts_with(b"POST") {
                    posts.fetch_add(1, Ordering::SeqCst);
                    return; // drop the connection: the response is lost
                }
                let body = json!([database("id-dropped", "cache")]).to_string();
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes()).await;
            });
        }
    });
    let server = TestServer {
        base: format!("http://{addr}"),
        task,
    };
    let db = client(&server, fast_policy(4))
        .create_database(&CreateDatabase::new("cache", "eu-west-1"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_id, "id-dropped");
    assert_eq!(posts.load(Ordering::SeqCst), 1);
}
