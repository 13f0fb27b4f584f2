//! `/v2/qstash/…` through the typed client.

use super::*;
use updash::upstash::{ProductCall, ProductPeriod, ProductReply};

#[tokio::test]
async fn one_per_region_per_account() {
    let sb = sandbox().await;
    let mine = done(personal(&sb).list_qstash().await);
    let regions: Vec<&str> = mine.iter().filter_map(|u| u.region.as_deref()).collect();
    assert_eq!(regions, ["eu-central-1", "us-east-1"]);
    let paid = &mine[1];
    assert_eq!(paid.plan.as_deref(), Some("paid"));
    assert_eq!(paid.budget, Some(100));
    assert_eq!(paid.prod_pack_enabled, Some(true));
    assert_eq!(
        paid.prometheus_enabled,
        Some(false),
        "a string boolean, read"
    );
    assert!(paid.token.is_some());
    let theirs = done(team(&sb).list_qstash().await);
    assert_eq!(theirs.len(), 2);
    assert!(theirs.iter().all(|u| !mine.iter().any(|m| m.id == u.id)));
    let err = failure(personal(&sb).get_qstash(&theirs[0].id).await);
    assert!(matches!(err, ApiError::NotFound { .. }), "{err}");
    let got = done(personal(&sb).get_qstash(&mine[0].id).await);
    assert_eq!(got, mine[0]);
}

#[tokio::test]
async fn a_read_only_key_sees_no_token_and_cannot_rotate() {
    let sb = sandbox().await;
    let ro = read_only(&sb);
    let users = done(ro.list_qstash().await);
    assert!(
        users.iter().all(|u| u.token.is_none()),
        "empty token reads as none"
    );
    assert!(users.iter().all(|u| u.read_only_token.is_some()));
    let err = failure(ro.rotate_qstash_token(&users[0].id).await);
    assert!(matches!(err, ApiError::Forbidden { .. }), "{err}");
}

#[tokio::test]
async fn rotate_plan_budget_and_prod_pack() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let free = done(c.list_qstash().await).remove(0);
    assert_eq!(free.plan.as_deref(), Some("free"));
    let rotated = done(c.rotate_qstash_token(&free.id).await);
    assert_ne!(
        rotated.token.as_ref().map(|t| t.expose().to_owned()),
        free.token.as_ref().map(|t| t.expose().to_owned())
    );
    // A free QStash has no budget and no production pack.
    let err = failure(c.set_qstash_budget(&free.id, 50).await);
    assert!(message(&err).contains("set a paid plan first"), "{err}");
    let err = failure(c.set_qstash_prod_pack(&free.id, true).await);
    assert!(message(&err).contains("needs a paid plan"), "{err}");
    let err = failure(c.set_qstash_plan(&free.id, "gold").await);
    assert!(
        message(&err).contains("must be one of paid, qstash_fixed_1m"),
        "{err}"
    );
    done(c.set_qstash_plan(&free.id, "qstash_fixed_1m").await);
    let fixed = done(c.get_qstash(&free.id).await);
    assert_eq!(fixed.plan.as_deref(), Some("paid"));
    assert_eq!(fixed.reserved_type.as_deref(), Some("qstash_fixed_1m"));
    for bad in [5, 10_001] {
        let err = failure(c.set_qstash_budget(&free.id, bad).await);
        assert!(
            message(&err).contains("0 for no limit, or 20 to 10000"),
            "{err}"
        );
    }
    done(c.set_qstash_budget(&free.id, 250).await);
    done(c.set_qstash_prod_pack(&free.id, true).await);
    let now = done(c.get_qstash(&free.id).await);
    assert_eq!(now.budget, Some(250));
    assert_eq!(now.prod_pack_enabled, Some(true));
    done(c.set_qstash_prod_pack(&free.id, false).await);
    assert_eq!(
        done(c.get_qstash(&free.id).await).prod_pack_enabled,
        Some(false)
    );
}

#[tokio::test]
async fn stats_ipv4_and_move_to_team() {
    let sb = sandbox().await;
    let c = personal(&sb);
    let user = done(c.list_qstash().await).remove(0);
    let stats = done(c.qstash_stats(&user.id, Some(ProductPeriod::Hours12)).await);
    assert_eq!(stats.daily_used.len(), 60);
    assert_eq!(stats.daily_requests.len(), 7);
    assert!(stats.daily_requests[0].workflow_message.is_some());
    assert_eq!(stats.daily_qstash_messages[0].id, "delivered");
    let ips = done(c.qstash_ipv4().await);
    assert_eq!(ips, updash_sandbox::api::IPV4_BLOCKS);
    // The team already has a QStash in every region.
    let err = failure(
        c.move_qstash_to_team(&user.id, updash_sandbox::api::SEEDED_TEAM_ID)
            .await,
    );
    assert!(message(&err).contains("already has a QStash in"), "{err}");
    let reply = done(
        c.run_product(&ProductCall::QStashStats {
            id: user.id.clone(),
            period: ProductPeriod::Days30,
        })
        .await,
    );
    assert!(
        matches!(&reply, ProductReply::QStashStats(s) if s.daily_used.len() == 240),
        "30 days: 240 points"
    );
}

#[tokio::test]
async fn server_failures_are_retried_for_reads() {
    let sb = sandbox().await;
    let c = client_with(&sb, SEEDED_API_KEY, 3);
    set_faults(&sb, serde_json::json!({"fail_rate": 0.5})).await;
    // Half the requests fail with 500; with three attempts each read gets through.
    for _ in 0..4 {
        done(c.list_qstash().await);
    }
    set_faults(&sb, serde_json::json!({"fail_rate": 0.0})).await;
}
