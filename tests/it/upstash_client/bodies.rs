//! Answers the client reads within bounds: an endless or oversized body is refused at the
//! cap (not held until memory runs out), and a list arriving in small pieces is decoded as
//! it comes.

use super::*;
use futures::StreamExt;

/// A body that never ends: a JSON array that never gets its first item, 64 KiB of
/// whitespace at a time (what it decodes into stays empty, so only the cap can end it).
fn endless_list() -> axum::body::Body {
    let piece = Bytes::from(vec![b' '; 64 * 1024]);
    let head = futures::stream::once(async { Ok::<_, std::io::Error>(Bytes::from_static(b"[")) });
    let rest = futures::stream::repeat_with(move || Ok(piece.clone()));
    axum::body::Body::from_stream(head.chain(rest))
}

#[tokio::test]
async fn an_endless_or_oversized_answer_is_refused_at_the_cap() {
    let server = start(
        Router::new()
            .route(
                "/v2/redis/databases",
                get(|| async { Response::new(endless_list()) }),
            )
            .route(
                "/v2/redis/database/{id}",
                get(|| async {
                    // Announces more than the cap, then sends one byte and waits.
                    let first = futures::stream::once(async {
                        Ok::<_, std::io::Error>(Bytes::from_static(b"{"))
                    });
                    (
                        [(header::CONTENT_LENGTH, "104857600")],
                        axum::body::Body::from_stream(first.chain(futures::stream::pending())),
                    )
                        .into_response()
                }),
            )
            .route("/v2/teams", get(|| async { Response::new(endless_list()) })),
    )
    .await;
    // The cap is what stops the read, not the timeout: a loaded machine may take seconds to
    // read 64 MiB in a debug build.
    let cfg = config(&server, fast_policy(1)).with_timeout(Duration::from_secs(50));
    let c = Client::new(&cfg, ApiCredentials::new(EMAIL, KEY)).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let err = c.list_databases().await.expect_err("an endless list");
    assert!(
        matches!(&err, ApiError::Decode { detail, .. } if detail.contains("larger than 64 MiB")),
        "{err}"
    );
    // Generous: a debug build reads 64 MiB from loopback in about a second.
    assert!(started.elapsed() < Duration::from_secs(60));
    let err = c
        .get_database("db-1", CredentialsMode::Hide)
        .await
        .expect_err("an oversized database");
    assert!(err.to_string().contains("larger than 64 MiB"), "{err}");
    let err = c.list_teams().await.expect_err("an endless team list");
    assert!(err.to_string().contains("larger than 64 MiB"), "{err}");
}

#[tokio::test]
async fn a_list_arriving_in_small_pieces_is_decoded_as_it_comes() {
    let body: String = serde_json::to_string(&json!([
        database("db-1", "first"),
        database("db-2", "second"),
        database("db-3", "third"),
    ]))
    .unwrap_or_default();
    let pieces: Vec<Bytes> = body
        .as_bytes()
        .chunks(7)
        .map(Bytes::copy_from_slice)
        .collect();
    let server = start(Router::new().route(
        "/v2/redis/databases",
        get(move || {
            let pieces = pieces.clone();
            async move {
                let stream = futures::stream::iter(pieces).then(|p| async move {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                    Ok::<_, std::io::Error>(p)
                });
                Response::new(axum::body::Body::from_stream(stream))
            }
        }),
    ))
    .await;
    let dbs = client(&server, fast_policy(1))
        .list_databases()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = dbs.iter().map(|d| d.database_name.as_str()).collect();
    assert_eq!(names, ["first", "second", "third"]);
}
