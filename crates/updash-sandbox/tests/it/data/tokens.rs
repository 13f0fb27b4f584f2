//! Who may call a database's REST URL: its two tokens (header or `?_token=`), a password
//! reset replacing both, a deleted database answering 404 and a new one starting empty;
//! the path form, methods, discovery, and the sandbox's faults on the data plane.

use super::{DataEnv, send};
use serde_json::{Value, json};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

#[tokio::test]
async fn the_read_only_token_reads_and_is_refused_writes_scan_and_keys() {
    let env = DataEnv::embedded().await;
    assert_eq!(env.result(json!(["SET", "k", "v"])).await, "OK");
    let ro = env.read_only_token.clone();
    assert_eq!(
        env.post_as("", &json!(["GET", "k"]), &ro).await,
        (200, json!({"result": "v"}))
    );
    for cmd in [
        json!(["SET", "k", "w"]),
        json!(["SCAN", 0]),
        json!(["KEYS", "*"]),
        json!(["FLUSHDB"]),
    ] {
        let (status, body) = env.post_as("", &cmd, &ro).await;
        assert_eq!(status, 400, "{cmd}");
        assert!(
            body["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("NOPERM")),
            "{cmd}: {body}"
        );
    }
    let (status, body) = env
        .post_as("/pipeline", &json!([["GET", "k"], ["DEL", "k"]]), &ro)
        .await;
    assert_eq!(status, 200);
    assert_eq!(body[0], json!({"result": "v"}));
    assert!(
        body[1]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("NOPERM"))
    );
    let (status, body) = env
        .post_as("/multi-exec", &json!([["GET", "k"], ["DEL", "k"]]), &ro)
        .await;
    assert_eq!(
        status, 400,
        "a refused command discards the transaction: {body}"
    );
    assert_eq!(env.result(json!(["GET", "k"])).await, "v");
    env.stop().await;
}

#[tokio::test]
async fn tokens_travel_in_the_header_or_the_query_and_anything_else_is_unauthorized() {
    let env = DataEnv::embedded().await;
    let url = format!("{}?_token={}", env.rest_url, env.token);
    assert_eq!(
        send(env.http.post(&url).json(&json!(["PING"]))).await,
        (200, json!({"result": "PONG"}))
    );
    let unauthorized = (401, json!({"error": "Unauthorized"}));
    assert_eq!(
        send(env.http.post(&env.rest_url).json(&json!(["PING"]))).await,
        unauthorized
    );
    assert_eq!(
        env.post_as("", &json!(["PING"]), "wrong").await,
        unauthorized
    );
    let mut other = DataEnv::embedded().await;
    other.use_database(1);
    assert_eq!(
        env.post_as("", &json!(["PING"]), &other.token).await,
        unauthorized
    );
    other.stop().await;
    env.stop().await;
}

#[tokio::test]
async fn a_password_reset_replaces_both_tokens() {
    let env = DataEnv::embedded().await;
    let path = format!(
        "{}/v2/redis/reset-password/{}",
        env.sandbox.url(),
        env.db_id
    );
    let (status, db) = send(
        env.http
            .post(&path)
            .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY)),
    )
    .await;
    assert_eq!(status, 200, "{db}");
    for old in [&env.token, &env.read_only_token] {
        assert_eq!(env.post_as("", &json!(["PING"]), old).await.0, 401);
    }
    for new in ["rest_token", "read_only_rest_token"] {
        let token = db[new].as_str().expect("token");
        assert_eq!(env.post_as("", &json!(["PING"]), token).await.0, 200);
    }
    env.stop().await;
}

#[tokio::test]
async fn a_deleted_database_is_gone_and_a_created_one_starts_empty() {
    let env = DataEnv::embedded().await;
    assert_eq!(env.result(json!(["SET", "k", "v"])).await, "OK");
    let api = |path: String| {
        env.http
            .request(reqwest::Method::POST, path)
            .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
    };
    let (status, created) = send(
        api(format!("{}/v2/redis/database", env.sandbox.url())).json(
            &json!({"database_name": "fresh", "platform": "aws", "primary_region": "us-east-1"}),
        ),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let id = created["database_id"].as_str().expect("id");
    let token = created["rest_token"].as_str().expect("token");
    let url = env.sandbox.endpoints().rest_url(id).expect("rest url");
    let ask = |cmd: Value| send(env.http.post(&url).bearer_auth(token).json(&cmd));
    assert_eq!(ask(json!(["DBSIZE"])).await, (200, json!({"result": 0})));
    assert_eq!(ask(json!(["SET", "mine", 1])).await.0, 200);
    let delete = env
        .http
        .delete(format!("{}/v2/redis/database/{id}", env.sandbox.url()))
        .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY));
    assert_eq!(send(delete).await.0, 200);
    let (status, body) = ask(json!(["GET", "mine"])).await;
    assert_eq!(status, 404, "{body}");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("not found"))
    );
    assert_eq!(
        env.result(json!(["GET", "k"])).await,
        "v",
        "other databases untouched"
    );
    env.stop().await;
}

#[tokio::test]
async fn the_path_form_methods_and_discovery() {
    let env = DataEnv::embedded().await;
    let get = |path: &str| {
        send(
            env.http
                .get(format!("{}{path}", env.rest_url))
                .bearer_auth(&env.token),
        )
    };
    assert_eq!(
        get("/set/greeting/hello%20world").await,
        (200, json!({"result": "OK"}))
    );
    assert_eq!(
        get("/get/greeting").await,
        (200, json!({"result": "hello world"}))
    );
    let post = env
        .http
        .post(format!("{}/set/posted?EX=100", env.rest_url))
        .bearer_auth(&env.token)
        .body("from the body");
    assert_eq!(send(post).await, (200, json!({"result": "OK"})));
    assert_eq!(
        get("/get/posted").await.1,
        json!({"result": "from the body"})
    );
    assert_eq!(get("/ttl/posted").await.1, json!({"result": 100}));
    assert_eq!(get("/nosuch").await.0, 400);
    let delete = env.http.delete(&env.rest_url).bearer_auth(&env.token);
    assert_eq!(send(delete).await.0, 405);
    let (status, found) = send(
        env.http
            .get(format!("{}/.well-known/updash-sandbox", env.sandbox.url())),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(found["data_url"], env.sandbox.data_url());
    let found: updash_sandbox::data::Discovery = serde_json::from_value(found).expect("document");
    assert_eq!(found.rest_url(&env.db_id), env.rest_url);
    let discovered = updash_sandbox::data::discover(&env.http, env.sandbox.url())
        .await
        .expect("discover");
    assert_eq!(discovered, found);
    env.stop().await;
}

#[tokio::test]
async fn faults_reach_the_data_plane() {
    let env = DataEnv::embedded().await;
    let set_faults = |faults: Value| {
        env.http
            .post(format!("{}/_sandbox/faults", env.sandbox.url()))
            .json(&faults)
    };
    assert_eq!(send(set_faults(json!({"fail_rate": 1.0}))).await.0, 200);
    assert_eq!(env.cmd(json!(["PING"])).await.0, 500);
    assert_eq!(
        send(set_faults(
            json!({"fail_rate": 0.0, "lose_response_rate": 1.0})
        ))
        .await
        .0,
        200
    );
    assert_eq!(env.cmd(json!(["SET", "lost", "but kept"])).await.0, 502);
    assert_eq!(
        send(set_faults(
            json!({"lose_response_rate": 0.0, "rate_limit": 1})
        ))
        .await
        .0,
        200
    );
    let statuses = [
        env.cmd(json!(["GET", "lost"])).await,
        env.cmd(json!(["GET", "lost"])).await,
    ];
    assert!(statuses.iter().any(|(s, _)| *s == 429), "{statuses:?}");
    assert_eq!(send(set_faults(json!({"rate_limit": 0}))).await.0, 200);
    assert_eq!(env.result(json!(["GET", "lost"])).await, "but kept");
    env.stop().await;
}
