//! The seeded Vector indexes, Search indexes and QStash of the personal account and the
//! seeded team. Deterministic (a fixed RNG seed of their own), so ids and endpoints are the
//! same on every fresh start and seeding them leaves the databases' ids as they were.

use super::product_rules::{self as rules, NewVectorIndex};
use super::{ApiState, SEEDED_TEAM_ID};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// Unix time the seeded products date from (2025-02-01).
const SEED_EPOCH: i64 = 1_738_368_000;

/// One seeded Vector index: name, region, similarity, dimension, plan, index type, model.
type VectorSeed = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
    &'static str,
);

/// The personal account's Vector indexes.
pub const PERSONAL_VECTOR: &[VectorSeed] = &[
    (
        "docs-embeddings",
        "us-east-1",
        "COSINE",
        1536,
        "payg",
        "DENSE",
        "",
    ),
    (
        "product-search",
        "eu-west-1",
        "DOT_PRODUCT",
        384,
        "free",
        "DENSE",
        "BGE_SMALL_EN_V1_5",
    ),
    (
        "hybrid-faq",
        "us-central1",
        "COSINE",
        1024,
        "fixed",
        "HYBRID",
        "BGE_M3",
    ),
];

/// The team's Vector indexes.
pub const TEAM_VECTOR: &[VectorSeed] = &[(
    "team-recommendations",
    "eu-west-1",
    "EUCLIDEAN",
    768,
    "payg",
    "DENSE",
    "",
)];

/// Search indexes: name, region, plan, owner (`None`: the personal account).
pub const SEARCH: &[(&str, &str, &str, Option<&str>)] = &[
    ("blog-search", "eu-west-1", "free", None),
    ("catalog", "us-central1", "payg", None),
    (
        "team-knowledge",
        "us-central1",
        "payg",
        Some(SEEDED_TEAM_ID),
    ),
];

/// Adds the seeded products for `email` and the seeded team to `state`.
pub fn seed(state: &mut ApiState, email: &str) {
    let mut rng = StdRng::seed_from_u64(0x5eed_0b1e);
    let mut t = SEED_EPOCH;
    for (seeds, owner) in [(PERSONAL_VECTOR, email), (TEAM_VECTOR, SEEDED_TEAM_ID)] {
        for &(name, region, similarity, dimension, plan, index_type, model) in seeds {
            let new = NewVectorIndex {
                name,
                region,
                similarity_function: similarity,
                dimension_count: dimension,
                plan,
                index_type,
                embedding_model: model,
                sparse_embedding_model: if index_type == "HYBRID" { "BM25" } else { "" },
                customer_id: owner,
            };
            state
                .vector_indexes
                .push(rules::vector_index(new, t, &mut rng));
            t += 86_400 * 5;
        }
    }
    for &(name, region, plan, owner) in SEARCH {
        let owner = owner.unwrap_or(email);
        let index = rules::search_index(name, region, plan, owner, t, &mut rng);
        state.search_indexes.push(index);
        t += 86_400 * 5;
    }
    for owner in [email, SEEDED_TEAM_ID] {
        for region in rules::QSTASH_REGIONS {
            let user = rules::qstash_user(owner, email, region, SEED_EPOCH, &mut rng);
            state.qstash.push(user);
        }
    }
    // One paid QStash with a budget and the production pack, so every field shows a value.
    if let Some(user) = state
        .qstash
        .iter_mut()
        .find(|u| u.customer_id == email && u.region == "us-east-1")
    {
        rules::set_qstash_plan(user, "paid");
        user.budget = 100;
        user.prod_pack_enabled = true;
        user.last_plan_upgrade_time = SEED_EPOCH + 86_400 * 30;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SEEDED_EMAIL;

    #[test]
    fn seeding_is_deterministic_and_leaves_database_ids_alone() {
        let a = ApiState::seeded(SEEDED_EMAIL, 0);
        let b = ApiState::seeded(SEEDED_EMAIL, 0);
        let ids = |s: &ApiState| {
            let mut ids: Vec<String> = s.vector_indexes.iter().map(|i| i.id.clone()).collect();
            ids.extend(s.search_indexes.iter().map(|i| i.id.clone()));
            ids.extend(s.qstash.iter().map(|u| u.id.clone()));
            ids
        };
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(
            a.vector_indexes.len(),
            PERSONAL_VECTOR.len() + TEAM_VECTOR.len()
        );
        assert_eq!(a.search_indexes.len(), SEARCH.len());
        assert_eq!(a.qstash.len(), 4, "two regions for each account");
        let mut without = ApiState::default();
        seed(&mut without, SEEDED_EMAIL);
        assert_eq!(
            ids(&without),
            ids(&a),
            "products do not depend on the databases"
        );
    }

    #[test]
    fn seeded_records_follow_the_rules() {
        let s = ApiState::seeded(SEEDED_EMAIL, 0);
        for i in &s.vector_indexes {
            rules::index_name(&i.name).expect("name");
            rules::one_of("region", &i.region, rules::VECTOR_REGIONS).expect("region");
            rules::one_of(
                "similarity",
                &i.similarity_function,
                rules::SIMILARITY_FUNCTIONS,
            )
            .expect("similarity");
            rules::one_of("plan", &i.plan, rules::INDEX_PLANS).expect("plan");
            assert!((1..=rules::MAX_DIMENSION).contains(&i.dimension_count));
        }
        for i in &s.search_indexes {
            rules::one_of("region", &i.region, rules::SEARCH_REGIONS).expect("region");
        }
        assert!(
            s.qstash
                .iter()
                .any(|u| u.plan == "paid" && u.prod_pack_enabled)
        );
    }
}
