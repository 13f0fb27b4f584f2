//! `/v2/vector/index…` through the typed client.

use super::*;
use updash::upstash::{CreateVectorIndex, IndexKind, ProductCall, ProductPeriod, ProductReply};

#[tokio::test]
async fn lists_the_seeded_indexes_of_each_account_only() {
    let sb = sandbox().await;
    let mine = done(personal(&sb).list_vector_indexes().await);
    let names: Vec<&str> = mine.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["docs-embeddings", "product-search", "hybrid-faq"],
        "personal indexes in creation order"
    );
    let docs = &mine[0];
    assert_eq!(docs.similarity_function.as_deref(), Some("COSINE"));
    assert_eq!(docs.dimension_count, Some(1536));
    assert_eq!(docs.region.as_deref(), Some("us-east-1"));
    assert_eq!(docs.plan.as_deref(), Some("payg"));
    assert_eq!(docs.customer_id.as_deref(), Some(SEEDED_EMAIL));
    assert!(docs.token.is_some() && docs.read_only_token.is_some());
    assert!(docs.max_monthly_bandwidth.is_some_and(|l| l.is_unlimited()));
    assert_eq!(docs.throughput_vector.len(), 5);
    let theirs = done(team(&sb).list_vector_indexes().await);
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].name, "team-recommendations");
    // The team's index is invisible to the personal key: 404, as if it did not exist.
    let err = failure(personal(&sb).get_vector_index(&theirs[0].id).await);
    assert!(matches!(err, ApiError::NotFound { .. }), "{err}");
    assert!(message(&err).contains("vector index not found"), "{err}");
}

#[tokio::test]
async fn create_rename_reset_set_plan_and_delete() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let mut request = CreateVectorIndex::new("kb", "eu-west-1", "EUCLIDEAN", 768);
    request.plan = Some("fixed".into());
    let made = done(c.create_vector_index(&request).await);
    assert_eq!(made.name, "kb");
    assert_eq!(made.dimension_count, Some(768));
    assert_eq!(made.plan.as_deref(), Some("fixed"));
    assert_eq!(made.index_type.as_deref(), Some("DENSE"));
    let got = done(c.get_vector_index(&made.id).await);
    assert_eq!(got, made, "get answers what create answered");

    let renamed = done(c.rename_vector_index(&made.id, "kb-2").await);
    assert_eq!(renamed.name, "kb-2");

    let before = done(c.get_vector_index(&made.id).await);
    let after = done(c.reset_vector_index_password(&made.id).await);
    let token = |i: &updash::upstash::VectorIndex| i.token.as_ref().map(|t| t.expose().to_owned());
    let ro = |i: &updash::upstash::VectorIndex| {
        i.read_only_token.as_ref().map(|t| t.expose().to_owned())
    };
    assert!(token(&after).is_some());
    assert_ne!(token(&before), token(&after), "the token changes");
    assert_ne!(ro(&before), ro(&after), "the read-only token changes");

    done(c.set_vector_index_plan(&made.id, "free").await);
    let free = done(c.get_vector_index(&made.id).await);
    assert_eq!(free.plan.as_deref(), Some("free"));
    assert_ne!(
        free.max_vector_count, after.max_vector_count,
        "limits follow"
    );

    done(c.delete_vector_index(&made.id).await);
    let err = failure(c.get_vector_index(&made.id).await);
    assert!(matches!(err, ApiError::NotFound { .. }), "{err}");
    assert!(
        !done(c.list_vector_indexes().await)
            .iter()
            .any(|i| i.id == made.id)
    );
}

#[tokio::test]
async fn bad_create_bodies_get_clear_errors() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let cases: &[(CreateVectorIndex, &str)] = &[
        (
            CreateVectorIndex::new("x", "mars-1", "COSINE", 8),
            "invalid region \"mars-1\": must be one of eu-west-1, us-east-1, us-central1",
        ),
        (
            CreateVectorIndex::new("x", "us-east-1", "MANHATTAN", 8),
            "invalid similarity_function \"MANHATTAN\"",
        ),
        (
            CreateVectorIndex::new("x", "us-east-1", "COSINE", 0),
            "dimension_count 0 is out of range: use 1 to 3072",
        ),
        (
            CreateVectorIndex::new("x", "us-east-1", "COSINE", 5000),
            "dimension_count 5000 is out of range",
        ),
        (
            CreateVectorIndex::new("docs-embeddings", "us-east-1", "COSINE", 8),
            "an index named \"docs-embeddings\" already exists",
        ),
        (
            CreateVectorIndex::new("bad name!", "us-east-1", "COSINE", 8),
            "invalid index name",
        ),
    ];
    for (request, expected) in cases {
        let err = failure(c.create_vector_index(request).await);
        assert!(
            matches!(err, ApiError::BadRequest { status: 400, .. }),
            "{err}"
        );
        assert!(message(&err).contains(expected), "{err} lacks {expected}");
    }
    let mut model = CreateVectorIndex::new("m", "us-east-1", "COSINE", 100);
    model.embedding_model = Some("BGE_SMALL_EN_V1_5".into());
    let err = failure(c.create_vector_index(&model).await);
    assert!(
        message(&err).contains("makes 384-dimension vectors"),
        "{err}"
    );
    model.dimension_count = 0;
    let made = done(c.create_vector_index(&model).await);
    assert_eq!(
        made.dimension_count,
        Some(384),
        "the model sets the dimension"
    );
    // An empty name never leaves the client.
    let err = failure(
        c.create_vector_index(&CreateVectorIndex::new(" ", "us-east-1", "COSINE", 8))
            .await,
    );
    assert!(matches!(err, ApiError::Invalid { .. }), "{err}");
    // Nothing was made by the refusals.
    assert_eq!(done(c.list_vector_indexes().await).len(), 4);
}

#[tokio::test]
async fn transfer_moves_an_index_to_the_team_and_refuses_personal_targets() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let index = done(c.list_vector_indexes().await).remove(0);
    let err = failure(c.transfer_vector_index(&index.id, SEEDED_EMAIL).await);
    assert!(
        message(&err).contains("transferring to a personal account is not supported"),
        "{err}"
    );
    let err = failure(c.transfer_vector_index(&index.id, "no-such-team").await);
    assert!(message(&err).contains("no team with ID"), "{err}");
    done(
        c.transfer_vector_index(&index.id, updash_sandbox::api::SEEDED_TEAM_ID)
            .await,
    );
    let err = failure(c.get_vector_index(&index.id).await);
    assert!(
        matches!(err, ApiError::NotFound { .. }),
        "gone from personal"
    );
    let moved = done(team(&sb).get_vector_index(&index.id).await);
    assert_eq!(
        moved.customer_id.as_deref(),
        Some(updash_sandbox::api::SEEDED_TEAM_ID)
    );
}

#[tokio::test]
async fn stats_by_period_and_totals() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let index = done(c.list_vector_indexes().await).remove(0);
    let hour = done(c.vector_index_stats(&index.id, None).await);
    assert_eq!(hour.query_throughput.len(), 60);
    assert!(hour.current_vector_count.is_some_and(|n| n > 0));
    assert_eq!(hour.days.len(), 7);
    let month = done(
        c.vector_index_stats(&index.id, Some(ProductPeriod::Days30))
            .await,
    );
    assert_eq!(month.query_throughput.len(), 240, "30 days: 240 points");
    let totals = done(c.vector_totals().await);
    assert!(totals.record_count.is_some_and(|n| n > 0));
    assert!(totals.billing.is_some());
    let body = done(c.vector_index_stats_body(&index.id, None).await);
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    assert!(value.get("query_latency_99").is_some());
    let err = failure(c.vector_index_stats("nope", None).await);
    assert!(matches!(err, ApiError::NotFound { .. }), "{err}");
}

#[tokio::test]
async fn read_only_keys_read_but_cannot_change() {
    let sb = sandbox().await;
    let ro = read_only(&sb);
    let index = done(ro.list_vector_indexes().await).remove(0);
    let err = failure(ro.rename_vector_index(&index.id, "other").await);
    assert!(matches!(err, ApiError::Forbidden { .. }), "{err}");
    let err = failure(
        ro.create_vector_index(&CreateVectorIndex::new("a", "us-east-1", "COSINE", 3))
            .await,
    );
    assert!(matches!(err, ApiError::Forbidden { .. }), "{err}");
}

#[tokio::test]
async fn product_calls_map_onto_the_same_requests() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let list = done(
        c.run_product(&ProductCall::ListIndexes {
            kind: IndexKind::Vector,
        })
        .await,
    );
    let ProductReply::VectorIndexes(indexes) = list else {
        panic!("{list:?}")
    };
    let id = indexes[1].id.clone();
    let call = ProductCall::RenameIndex {
        kind: IndexKind::Vector,
        id: id.clone(),
        name: "renamed".into(),
    };
    assert!(call.is_write());
    assert_eq!(
        call.request_line(),
        format!("POST /v2/vector/index/{id}/rename {{\"name\":\"renamed\"}}")
    );
    let reply = done(c.run_product(&call).await);
    assert!(
        matches!(&reply, ProductReply::VectorIndex(i) if i.name == "renamed"),
        "{reply:?}"
    );
    let stats = done(
        c.run_product(&ProductCall::IndexStats {
            kind: IndexKind::Vector,
            id: id.clone(),
            period: ProductPeriod::Hours3,
        })
        .await,
    );
    assert!(matches!(stats, ProductReply::IndexStats(_)));
    let teams = done(c.run_product(&ProductCall::ListTeams).await);
    assert!(matches!(&teams, ProductReply::Teams(t) if t.len() == 1));
    let gone = done(
        c.run_product(&ProductCall::DeleteIndex {
            kind: IndexKind::Vector,
            id: id.clone(),
        })
        .await,
    );
    assert_eq!(gone, ProductReply::Done);
}

#[tokio::test]
async fn a_lost_delete_answer_is_retried_and_counts_as_done() {
    let sb = sandbox().await;
    let c = client_with(&sb, SEEDED_API_KEY, 3);
    let index = done(c.list_vector_indexes().await).remove(0);
    // Every second write loses its answer after the change is made: the rename goes
    // through, the delete's answer is lost, its retry meets 404 and takes it as done.
    set_faults(&sb, serde_json::json!({"lose_response_rate": 0.5})).await;
    done(c.rename_vector_index(&index.id, &index.name).await);
    done(c.delete_vector_index(&index.id).await);
    set_faults(&sb, serde_json::json!({"lose_response_rate": 0.0})).await;
    let err = failure(c.get_vector_index(&index.id).await);
    assert!(matches!(err, ApiError::NotFound { .. }), "{err}");
}

#[tokio::test]
async fn secrets_stay_out_of_debug_and_errors() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let index = done(c.list_vector_indexes().await).remove(0);
    let token = index
        .token
        .as_ref()
        .map(|t| t.expose().to_owned())
        .unwrap_or_default();
    assert!(token.len() > 20);
    assert!(!format!("{index:?}").contains(&token));
    let err = failure(c.rename_vector_index(&index.id, "bad name!").await);
    assert!(!format!("{err} {err:?}").contains(&token));
}

#[tokio::test]
async fn a_lost_create_answer_finds_the_index_it_made_and_creates_once() {
    let sb = sandbox().await;
    let c = client_with(&sb, SEEDED_API_KEY, 3);
    set_faults(&sb, serde_json::json!({"lose_response_rate": 1.0})).await;
    let made = c
        .create_vector_index(&CreateVectorIndex::new(
            "lost-once",
            "us-east-1",
            "COSINE",
            16,
        ))
        .await;
    set_faults(&sb, serde_json::json!({"lose_response_rate": 0.0})).await;
    let made = done(made);
    assert_eq!(made.name, "lost-once");
    let all = done(c.list_vector_indexes().await);
    let named: Vec<_> = all.iter().filter(|i| i.name == "lost-once").collect();
    assert_eq!(named.len(), 1, "created once");
    assert_eq!(named[0].id, made.id);
}
