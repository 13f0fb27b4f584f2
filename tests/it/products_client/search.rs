//! `/v2/search…` through the typed client.

use super::*;
use updash::upstash::{CreateSearchIndex, IndexKind, ProductCall, ProductPeriod, ProductReply};

fn request(name: &str, region: &str, plan: &str) -> CreateSearchIndex {
    CreateSearchIndex {
        name: name.into(),
        region: region.into(),
        plan: plan.into(),
    }
}

#[tokio::test]
async fn lists_gets_and_hides_other_accounts() {
    let sb = sandbox().await;
    let mine = done(personal(&sb).list_search_indexes().await);
    let names: Vec<&str> = mine.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["blog-search", "catalog"]);
    let blog = done(personal(&sb).get_search_index(&mine[0].id).await);
    assert_eq!(blog.region.as_deref(), Some("eu-west-1"));
    assert_eq!(blog.plan.as_deref(), Some("free"));
    assert_eq!(blog.vercel_email.as_deref(), Some(""));
    assert!(blog.token.is_some() && blog.read_only_token.is_some());
    assert_eq!(blog.input_enrichment_enabled, Some(false));
    let theirs = done(team(&sb).list_search_indexes().await);
    assert_eq!(theirs.len(), 1);
    let err = failure(personal(&sb).get_search_index(&theirs[0].id).await);
    assert!(matches!(err, ApiError::NotFound { .. }), "{err}");
    assert!(message(&err).contains("search index not found"), "{err}");
}

#[tokio::test]
async fn create_rename_reset_transfer_and_delete() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let made = done(
        c.create_search_index(&request("docs", "us-central1", "payg"))
            .await,
    );
    assert_eq!(made.name, "docs");
    assert_eq!(made.plan.as_deref(), Some("payg"));
    assert!(made.max_daily_queries.is_some_and(|l| l.is_unlimited()));
    let renamed = done(c.rename_search_index(&made.id, "docs-2").await);
    assert_eq!(renamed.name, "docs-2");
    let reset = done(c.reset_search_index_password(&made.id).await);
    assert_ne!(
        reset.token.as_ref().map(|t| t.expose().to_owned()),
        made.token.as_ref().map(|t| t.expose().to_owned())
    );
    done(
        c.transfer_search_index(&made.id, updash_sandbox::api::SEEDED_TEAM_ID)
            .await,
    );
    assert!(matches!(
        failure(c.get_search_index(&made.id).await),
        ApiError::NotFound { .. }
    ));
    let t = team(&sb);
    assert_eq!(done(t.get_search_index(&made.id).await).name, "docs-2");
    done(t.delete_search_index(&made.id).await);
    assert!(matches!(
        failure(t.get_search_index(&made.id).await),
        ApiError::NotFound { .. }
    ));
}

#[tokio::test]
async fn bad_create_bodies_and_unknown_ids_get_clear_errors() {
    let sb = sandbox().await;
    let c = personal(&sb);
    for (req, expected) in [
        (
            request("x", "us-east-1", "payg"),
            "invalid region \"us-east-1\": must be one of eu-west-1, us-central1",
        ),
        (
            request("x", "eu-west-1", "gold"),
            "invalid type \"gold\": must be one of free, payg, fixed",
        ),
        (
            request("catalog", "eu-west-1", "free"),
            "an index named \"catalog\" already exists",
        ),
    ] {
        let err = failure(c.create_search_index(&req).await);
        assert!(message(&err).contains(expected), "{err} lacks {expected}");
    }
    for err in [
        failure(c.rename_search_index("no-such-id", "y").await),
        failure(c.reset_search_index_password("no-such-id").await),
        failure(c.delete_search_index("no-such-id").await),
        failure(c.search_index_stats("no-such-id", None).await),
    ] {
        assert!(matches!(err, ApiError::NotFound { .. }), "{err}");
    }
    let index = done(c.list_search_indexes().await).remove(0);
    let err = failure(c.rename_search_index(&index.id, "catalog").await);
    assert!(message(&err).contains("already exists"), "{err}");
}

#[tokio::test]
async fn stats_totals_and_product_calls() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let index = done(c.list_search_indexes().await).remove(1);
    let stats = done(
        c.run_product(&ProductCall::IndexStats {
            kind: IndexKind::Search,
            id: index.id.clone(),
            period: ProductPeriod::Day1,
        })
        .await,
    );
    let ProductReply::IndexStats(stats) = stats else {
        panic!("{stats:?}")
    };
    assert_eq!(stats.vector_count.len(), 60);
    let totals = done(
        c.run_product(&ProductCall::IndexTotals {
            kind: IndexKind::Search,
        })
        .await,
    );
    assert!(
        matches!(&totals, ProductReply::IndexTotals(t) if t.record_count.is_some_and(|n| n > 0)),
        "{totals:?}"
    );
    let body = done(c.search_totals_body().await);
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    assert!(value.get("rerank_count").is_some(), "{value}");
    // A period the service does not know is refused by name.
    let raw = reqwest::Client::new()
        .get(format!(
            "{}/v2/search/{}/stats?period=2w",
            sb.url(),
            index.id
        ))
        .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raw.status().as_u16(), 400);
    let text = raw.text().await.unwrap_or_default();
    assert!(
        text.contains("must be one of 1h, 3h, 12h, 1d, 3d, 7d, 30d"),
        "{text}"
    );
}

#[tokio::test]
async fn a_lost_create_answer_that_made_nothing_stays_an_error() {
    let sb = sandbox().await;
    let c = client_with(&sb, SEEDED_API_KEY, 3);
    // The name is taken: the service refuses, the refusal is lost, and the lookup must not
    // mistake the existing index for a new one.
    set_faults(&sb, serde_json::json!({"lose_response_rate": 1.0})).await;
    let result = c
        .create_search_index(&request("catalog", "eu-west-1", "free"))
        .await;
    set_faults(&sb, serde_json::json!({"lose_response_rate": 0.0})).await;
    let err = failure(result);
    assert!(err.response_lost(), "{err}");
    assert_eq!(done(c.list_search_indexes().await).len(), 2);
}
