//! The Vector, Search and QStash models against recorded-style fixtures
//! (tests/fixtures/upstash/), unknown fields and loose encodings included, and the `--json`
//! masking of their secrets.

use updash::upstash::models::{
    IndexStats, IndexTotals, Limit, ProductPeriod, QStashStats, QStashUser, SearchIndex,
    VectorIndex,
};
use updash::upstash::raw::{MASK, PRODUCT_SECRET_FIELDS, StreamedList};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/upstash/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn decode<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_slice(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn vector_indexes_decode_with_unknown_fields_and_loose_values() {
    let list: Vec<VectorIndex> = decode("vector_indexes.json");
    let one = &list[0];
    assert_eq!(one.id, "0639864f-ece6-429c-8118-86a287b0e808");
    assert_eq!(one.name, "myindex");
    assert_eq!(one.similarity_function.as_deref(), Some("COSINE"));
    assert_eq!(one.dimension_count, Some(384));
    assert_eq!(one.embedding_model.as_deref(), Some("BGE_SMALL_EN_V1_5"));
    assert_eq!(one.plan.as_deref(), Some("fixed"));
    assert_eq!(one.region.as_deref(), Some("us-east-1"));
    assert_eq!(one.max_vector_count, Some(Limit::Value(5_210_000)));
    assert_eq!(one.max_monthly_bandwidth, Some(Limit::Unlimited), "-1");
    assert_eq!(
        one.max_total_metadata_size,
        Some(Limit::Value(53_687_091_200))
    );
    assert_eq!(one.reserved_price, Some(60.0));
    assert_eq!(one.creation_time, Some(1_753_207_106));
    assert_eq!(one.index_type.as_deref(), Some("DENSE"));
    assert_eq!(one.throughput_vector.len(), 2);
    assert_eq!(one.throughput_vector[1].y, 3.0);
    assert!(
        one.token
            .as_ref()
            .is_some_and(|t| t.expose().starts_with("MARKER-vector-token"))
    );
    assert!(!format!("{one:?}").contains("MARKER"), "Debug hides tokens");
    let sparse = &list[1];
    assert_eq!(sparse.dimension_count, Some(0), "a number sent as text");
    assert_eq!(sparse.token, None, "empty token reads as none");
    assert_eq!(sparse.read_only_token, None);
    assert_eq!(sparse.max_vector_count, Some(Limit::Unlimited), "int64 max");
    assert!(sparse.throughput_vector.is_empty());
    assert_eq!(sparse.region, None);
}

#[test]
fn search_index_decodes_string_booleans_and_unlimited() {
    let index: SearchIndex = decode("search_index.json");
    assert_eq!(index.name, "mySearchIndex");
    assert_eq!(index.plan.as_deref(), Some("payg"));
    assert_eq!(index.vercel_email.as_deref(), Some(""));
    assert_eq!(index.max_monthly_reranks, Some(Limit::Unlimited));
    assert_eq!(index.max_reads_per_request, Some(Limit::Value(100)));
    assert_eq!(index.input_enrichment_enabled, Some(true), "\"true\"");
    assert_eq!(index.creation_time, Some(1_761_200_000));
    assert!(index.read_only_token.is_some());
}

#[test]
fn qstash_users_decode_both_recorded_shapes() {
    let users: Vec<QStashUser> = decode("qstash_users.json");
    let free = &users[0];
    assert_eq!(free.region.as_deref(), Some("eu-central-1"));
    assert_eq!(free.plan.as_deref(), Some("free"));
    assert_eq!(free.prometheus_enabled, Some(false));
    assert_eq!(
        free.max_dlq_retention_time_milis,
        Some(Limit::Value(259_200_000))
    );
    assert_eq!(free.timeout, Some(Limit::Value(900)));
    assert_eq!(free.enterprise, None);
    assert_eq!(free.active, Some(true));
    let paid = &users[1];
    assert_eq!(paid.token, None, "a read-only key's empty token");
    assert!(paid.read_only_token.is_some());
    assert_eq!(paid.modifying_state.as_deref(), Some("suspended"));
    assert_eq!(paid.reserved_type.as_deref(), Some("enterprise:acme"));
    assert_eq!(paid.reserved_price, Some(1100.5));
    assert_eq!(paid.budget, Some(250), "a number sent as text");
    assert_eq!(paid.prod_pack_enabled, Some(true));
    assert_eq!(paid.max_requests_per_day, Some(Limit::Unlimited));
    assert_eq!(paid.enterprise, Some(true));
}

#[test]
fn index_stats_and_totals_decode() {
    let stats: IndexStats = decode("vector_stats.json");
    assert_eq!(stats.pending_index_count, Some(1));
    assert_eq!(stats.current_vector_count, Some(1000));
    assert_eq!(stats.monthly_cost, Some(0.5));
    assert_eq!(stats.days.len(), 5);
    assert_eq!(stats.query_throughput[0].y, 7.0);
    assert!(stats.embeds_latency_mean.is_empty(), "null reads empty");
    assert_eq!(stats.data_size[0].y, 76.0);
    assert_eq!(stats.monthly_rerank_count, Some(10));
    let totals: IndexTotals = decode("product_totals.json");
    assert_eq!(totals.record_count, Some(10));
    assert_eq!(totals.storage, Some(950));
    assert_eq!(totals.billing, Some(0.001));
}

#[test]
fn qstash_stats_skip_unreadable_points() {
    let stats: QStashStats = decode("qstash_stats.json");
    assert_eq!(stats.days.len(), 7);
    assert_eq!(
        stats.daily_requests.len(),
        1,
        "the unreadable point is skipped"
    );
    assert_eq!(stats.daily_requests[0].y, 4.0);
    assert_eq!(stats.daily_requests[0].workflow_message, Some(1));
    assert_eq!(stats.daily_qstash_messages[0].id, "delivered");
    assert_eq!(stats.daily_qstash_messages[0].data_points.len(), 2);
    assert!(stats.daily_workflow_messages.is_empty());
    assert_eq!(stats.total_monthly_billing, Some(5.806));
}

#[test]
fn records_without_an_id_are_refused() {
    let err = serde_json::from_str::<VectorIndex>(r#"{"name":"x"}"#);
    assert!(err.is_err_and(|e| e.to_string().contains("missing field `id`")));
    let err = serde_json::from_str::<QStashUser>(r#"{"region":"us-east-1"}"#);
    assert!(err.is_err());
}

#[test]
fn json_output_masks_product_tokens_and_keeps_unknown_fields() {
    let body = fixture("vector_indexes.json");
    let list = StreamedList::new(&body, PRODUCT_SECRET_FIELDS);
    let mut items = Vec::new();
    let read = list.for_each(&mut |r| {
        items.push(serde_json::to_string(r).map_err(std::io::Error::other)?);
        Ok(())
    });
    assert!(matches!(read, Ok(Ok(()))), "{read:?}");
    let text = format!("[{}]", items.join(","));
    assert!(!text.contains("MARKER"), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(value[0]["token"], MASK);
    assert_eq!(value[0]["read_only_token"], MASK);
    assert_eq!(value[0]["namespaces"][1], "docs", "unknown fields stay");
    assert_eq!(value[1]["token"], "", "an empty token stays empty");
    assert_eq!(value[1]["dimension_count"], "0", "types stay as sent");
}

#[test]
fn periods_parse_and_print() {
    for p in ProductPeriod::ALL {
        assert_eq!(ProductPeriod::parse(p.as_str()), Some(p));
    }
    assert_eq!(ProductPeriod::parse("30d"), Some(ProductPeriod::Days30));
    assert_eq!(ProductPeriod::parse("2w"), None);
}
