//! Each endpoint sends what it should and reads what comes back.

use super::*;

#[tokio::test]
async fn sends_user_agent_basic_auth_and_query_parameters() {
    async fn record(
        State(s): State<Shared>,
        headers: HeaderMap,
        Query(q): Query<HashMap<String, String>>,
    ) -> Response {
        hit(&s);
        locked(&s.headers).push(headers);
        locked(&s.queries).push(q);
        axum::Json(database("id-1", "cache")).into_response()
    }
    async fn stats(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> Response {
        locked(&s.queries).push(q);
        axum::Json(json!({"keyspace":[{"x":"t","y":3}]})).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database/{id}", get(record))
            .route("/v2/redis/stats/{id}", get(stats))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(1));
    let db = c
        .get_database("id-1", CredentialsMode::Hide)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.database_name, "cache");
    let s = c
        .database_stats("id-1", Some(StatsPeriod::Hours3))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.keyspace[0].y, 3.0);

    let headers = locked(&state.headers)[0].clone();
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        ua,
        Some(format!("updash/{}", env!("CARGO_PKG_VERSION")).as_str())
    );
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{EMAIL}:{KEY}"))
    );
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    assert_eq!(auth, Some(expected.as_str()));
    let queries = locked(&state.queries).clone();
    assert_eq!(
        queries[0].get("credentials").map(String::as_str),
        Some("hide")
    );
    assert_eq!(queries[1].get("period").map(String::as_str), Some("3h"));
}

#[tokio::test]
async fn ok_and_empty_bodies_are_success_and_writes_send_their_bodies() {
    async fn ok_text(State(s): State<Shared>, body: Bytes) -> Response {
        hit(&s);
        if let Ok(v) = serde_json::from_slice::<Value>(&body) {
            locked(&s.bodies).push(v);
        }
        (StatusCode::OK, r#""OK""#).into_response()
    }
    async fn empty(State(s): State<Shared>) -> Response {
        hit(&s);
        StatusCode::OK.into_response()
    }
    async fn get_one() -> Response {
        axum::Json(database("id-1", "renamed")).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/enable-eviction/{id}", post(ok_text))
            .route("/v2/redis/disable-eviction/{id}", post(empty))
            .route("/v2/redis/update-budget/{id}", patch(ok_text))
            .route("/v2/redis/update-regions/{id}", post(ok_text))
            .route("/v2/redis/rename/{id}", post(ok_text))
            .route("/v2/redis/database/{id}", get(get_one))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(1));
    let check = |r: Result<(), ApiError>| r.unwrap_or_else(|e| panic!("{e}"));
    check(c.enable_eviction("id-1").await);
    check(c.disable_eviction("id-1").await);
    check(c.update_budget("id-1", 360).await);
    check(c.update_regions("id-1", &["us-east-1".to_owned()]).await);
    let db = c
        .rename_database("id-1", "renamed")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        db.database_name, "renamed",
        "an OK answer is followed by a read"
    );
    assert_eq!(hits(&state), 5);
    assert_eq!(
        locked(&state.bodies).clone(),
        vec![
            json!({"budget": 360}),
            json!({"read_regions": ["us-east-1"]}),
            json!({"name": "renamed"}),
        ]
    );
}

#[tokio::test]
async fn api_key_is_minted_with_a_bearer_token() {
    async fn mint(headers: HeaderMap, body: Bytes) -> Response {
        let auth = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        if auth != Some("Bearer MARKER-access-token") {
            return (StatusCode::UNAUTHORIZED, r#"{"error":"Unauthorized"}"#).into_response();
        }
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        axum::Json(json!({"api_key": "MARKER-new-key", "name": body["name"]})).into_response()
    }
    let server = start(Router::new().route("/apikey", post(mint))).await;
    let cfg = config(&server, fast_policy(3));
    let key = create_api_key(
        &cfg,
        &Secret::new("MARKER-access-token"),
        "UPDASH_API_KEY_1",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(key.api_key.expose(), "MARKER-new-key");
    assert_eq!(key.name.as_deref(), Some("UPDASH_API_KEY_1"));
    let err = match create_api_key(&cfg, &Secret::new("MARKER-expired"), "k").await {
        Err(e) => e,
        Ok(_) => panic!("should be refused"),
    };
    assert!(err.is_unauthorized(), "{err:?}");
    assert_clean(&err);
}
#[tokio::test]
async fn delete_that_gets_404_after_a_lost_response_is_done() {
    async fn del(State(s): State<Shared>) -> Response {
        if hit(&s) == 1 {
            // Deleted, but the answer is lost.
            return (StatusCode::BAD_GATEWAY, "").into_response();
        }
        (StatusCode::NOT_FOUND, r#"{"error":"database not found"}"#).into_response()
    }
    async fn missing() -> Response {
        (StatusCode::NOT_FOUND, r#"{"message":"database not found"}"#).into_response()
    }
    let state = Shared::default();
    let server = start(
        Router::new()
            .route("/v2/redis/database/{id}", delete(del))
            .with_state(state.clone()),
    )
    .await;
    let c = client(&server, fast_policy(3));
    c.delete_database("id-1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hits(&state), 2);
    // A plain 404 (no lost response before it) is NotFound.
    let state2 = Shared::default();
    let server2 = start(
        Router::new()
            .route("/v2/redis/database/{id}", delete(missing))
            .with_state(state2),
    )
    .await;
    let err = match client(&server2, fast_policy(3))
        .delete_database("nope")
        .await
    {
        Err(e) => e,
        Ok(()) => panic!("should be not found"),
    };
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "deleting database nope: not found (HTTP 404: database not found)"
    );
}
