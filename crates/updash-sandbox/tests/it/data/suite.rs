//! The conformance suite against the embedded backend, and differentially against a real
//! Redis: the same steps must get the same replies from both.

use super::DataEnv;
use super::conformance::groups;
use super::redis_server::RedisServer;
use super::runner::{redis_groups, run};

#[tokio::test]
async fn the_embedded_backend_answers_every_group_like_upstash() {
    let env = DataEnv::embedded().await;
    let (outcomes, failures) = run(&env, &groups()).await;
    assert!(outcomes.len() > 200, "only {} steps ran", outcomes.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    env.stop().await;
}

#[tokio::test]
#[ignore = "needs redis-server"]
async fn a_real_redis_behind_the_front_answers_exactly_like_the_embedded_backend() {
    let server = RedisServer::start(16);
    let on_redis = DataEnv::redis(&server.url()).await;
    let (redis_outcomes, redis_failures) = run(&on_redis, &redis_groups(groups())).await;
    on_redis.stop().await;
    assert!(
        redis_failures.is_empty(),
        "real Redis:\n{}",
        redis_failures.join("\n")
    );
    let embedded = DataEnv::embedded().await;
    let (embedded_outcomes, _) = run(&embedded, &redis_groups(groups())).await;
    embedded.stop().await;
    let differences: Vec<String> = redis_outcomes
        .iter()
        .zip(&embedded_outcomes)
        .filter(|(r, e)| r != e)
        .map(|((label, r), (_, e))| format!("{label}\n  redis:    {r}\n  embedded: {e}"))
        .collect();
    assert_eq!(redis_outcomes.len(), embedded_outcomes.len());
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
