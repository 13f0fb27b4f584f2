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
    // Read as it arrives (`db list --json`), the same list is stopped at the same cap.
    let mut body = c
        .list_databases_arriving()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let err = loop {
        match body.next_piece().await {
            Ok(Some(_)) => {}
            Ok(None) => panic!("an endless list ended"),
            Err(e) => break e,
        }
    };
    assert!(err.to_string().contains("larger than 64 MiB"), "{err}");
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

/// Every record of an arriving list body, by name, as the `--json` printer is handed them;
/// `on_record` runs after each.
async fn names_as_they_arrive(
    body: &mut updash::upstash::ArrivingBody,
    mut on_record: impl FnMut(&str),
) -> Result<Vec<String>, ApiError> {
    use updash::upstash::raw::{ListReader, RawRecord};
    let mut names = Vec::new();
    let mut write = |r: &RawRecord<'_>| {
        let name = r.get("database_name").map(|v| v.get().to_owned());
        let name = name.unwrap_or_default();
        on_record(&name);
        names.push(name);
        Ok(())
    };
    let mut reader = ListReader::new(&[]);
    while let Some(piece) = body.next_piece().await? {
        let read = reader.push(piece.as_ref(), &mut write);
        assert!(matches!(read, Ok(Ok(()))), "{read:?}");
    }
    let read = reader.finish(&mut write);
    assert!(matches!(read, Ok(Ok(()))), "{read:?}");
    Ok(names)
}

#[tokio::test]
async fn a_list_is_handed_on_while_it_arrives_and_a_cut_answer_is_an_error() {
    let first_seen = Arc::new(tokio::sync::Notify::new());
    let hits = Arc::new(AtomicU32::new(0));
    let (seen, counted) = (first_seen.clone(), hits.clone());
    let head = format!("[{},", database("db-1", "first"));
    // 70 KiB of records after the first: more than the reader gathers before it reads.
    let rest: Vec<String> = (2..200)
        .map(|i| database(&format!("db-{i}"), &format!("n{i}")).to_string())
        .collect();
    let rest = format!("{}]", rest.join(","));
    let server = start(Router::new().route(
        "/v2/redis/databases",
        get(move || {
            let (seen, head, rest) = (seen.clone(), head.clone(), rest.clone());
            counted.fetch_add(1, Ordering::SeqCst);
            async move {
                // The rest is sent only once the client has handed on the first
                // record: a client that waited for the whole body would wait forever.
                let head = head + &" ".repeat(70 << 10);
                let first = futures::stream::once(async move { Ok(Bytes::from(head)) });
                let then = futures::stream::once(async move {
                    seen.notified().await;
                    Ok::<_, std::io::Error>(Bytes::from(rest))
                });
                Response::new(axum::body::Body::from_stream(first.chain(then)))
            }
        }),
    ))
    .await;
    let c = client(&server, fast_policy(3));
    let mut body = c
        .list_databases_arriving()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let names = tokio::time::timeout(
        Duration::from_secs(20),
        names_as_they_arrive(&mut body, |name| {
            if name == "\"first\"" {
                first_seen.notify_one();
            }
        }),
    )
    .await
    .unwrap_or_else(|_| panic!("the first record was not handed on before the rest came"))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(names.len(), 199);
    assert_eq!(names[198], "\"n199\"");
    assert_eq!(hits.load(Ordering::SeqCst), 1);

    // The answer is cut after its first piece: an error, and the list is not asked again
    // (what was printed of it cannot be taken back).
    let cut_hits = Arc::new(AtomicU32::new(0));
    let counted = cut_hits.clone();
    let cut = start(Router::new().route(
        "/v2/redis/databases",
        get(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            async {
                let first = futures::stream::once(async {
                    Ok(Bytes::from(format!("[{},", database("db-1", "first"))))
                });
                // Later, so the head and the first piece are on the wire first.
                let broken = futures::stream::once(async {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    Err::<Bytes, _>(std::io::Error::other("the connection dropped"))
                });
                (
                    [(header::CONTENT_LENGTH, "100000")],
                    axum::body::Body::from_stream(first.chain(broken)),
                )
                    .into_response()
            }
        }),
    ))
    .await;
    let c = client(&cut, fast_policy(3));
    let mut body = c
        .list_databases_arriving()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut next = Ok(Some(()));
    while let Ok(Some(())) = next {
        next = body.next_piece().await.map(|p| p.map(|_| ()));
    }
    let err = next.expect_err("a cut answer");
    assert!(matches!(err, ApiError::Network { .. }), "{err}");
    assert_clean(&err);
    assert_eq!(cut_hits.load(Ordering::SeqCst), 1);
}
