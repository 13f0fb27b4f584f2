//! The rules of Vector indexes, Search indexes and QStash: accepted values, plan limits and
//! fresh records, each refusal saying the rule.

use super::model::Team;
use super::product_model::{QStashUser, SearchIndex, VectorIndex};
use super::record;
use super::reply::ApiError;
use super::validate::MAX_NAME_CHARS;
use rand::Rng;

/// Regions a Vector index can live in.
pub const VECTOR_REGIONS: &[&str] = &["eu-west-1", "us-east-1", "us-central1"];
/// Similarity functions of a Vector index.
pub const SIMILARITY_FUNCTIONS: &[&str] = &["COSINE", "EUCLIDEAN", "DOT_PRODUCT"];
/// Index types of a Vector index.
pub const INDEX_TYPES: &[&str] = &["DENSE", "SPARSE", "HYBRID"];
/// Dense embedding models with the dimension each produces.
pub const EMBEDDING_MODELS: &[(&str, i64)] = &[
    ("BGE_SMALL_EN_V1_5", 384),
    ("BGE_BASE_EN_V1_5", 768),
    ("BGE_LARGE_EN_V1_5", 1024),
    ("BGE_M3", 1024),
];
/// Sparse embedding models.
pub const SPARSE_EMBEDDING_MODELS: &[&str] = &["BM25", "BGE_M3"];
/// The largest dimension a dense Vector index accepts.
pub const MAX_DIMENSION: i64 = 3072;
/// Plans a Vector or Search index can be on.
pub const INDEX_PLANS: &[&str] = &["free", "payg", "fixed"];
/// Regions a Search index can live in.
pub const SEARCH_REGIONS: &[&str] = &["eu-west-1", "us-central1"];
/// Regions every account has a QStash in.
pub const QSTASH_REGIONS: &[&str] = &["eu-central-1", "us-east-1"];
/// Plans QStash can be set to.
pub const QSTASH_PLANS: &[&str] = &[
    "paid",
    "qstash_fixed_1m",
    "qstash_fixed_10m",
    "qstash_fixed_100m",
];

/// `value` if it is one of `allowed`, else a 400 naming the field and the allowed values.
pub fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<(), ApiError> {
    if allowed.contains(&value) {
        return Ok(());
    }
    Err(ApiError::bad_request(format!(
        "invalid {field} \"{}\": must be one of {}",
        value.chars().take(40).collect::<String>(),
        allowed.join(", ")
    )))
}

/// An index name: 1 to 64 ASCII letters, digits, `-` or `_`.
pub fn index_name(name: &str) -> Result<(), ApiError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        return Ok(());
    }
    Err(ApiError::bad_request(format!(
        "invalid index name \"{}\": use 1 to {MAX_NAME_CHARS} characters, each a letter, digit, '-' or '_'",
        name.chars().take(80).collect::<String>()
    )))
}

/// Refuses a name another index of the account already has.
pub fn name_free<'a>(name: &str, mut taken: impl Iterator<Item = &'a str>) -> Result<(), ApiError> {
    if taken.any(|n| n == name) {
        return Err(ApiError::bad_request(format!(
            "an index named \"{name}\" already exists in this account; choose another name"
        )));
    }
    Ok(())
}

/// The team a record may be transferred to: one the caller's user belongs to, and not the
/// account the record is in.
pub fn transfer_target(
    teams: &[Team],
    email: &str,
    current: &str,
    target: &str,
) -> Result<(), ApiError> {
    if target.trim().is_empty() {
        return Err(ApiError::bad_request(
            "target_account is required: the ID of the team to transfer to",
        ));
    }
    if target.eq_ignore_ascii_case(email) || target.contains('@') {
        return Err(ApiError::bad_request(
            "transferring to a personal account is not supported; transfer to a team",
        ));
    }
    if target == current {
        return Err(ApiError::bad_request("it is already in that team"));
    }
    let member = teams.iter().any(|t| {
        t.team_id == target
            && t.members
                .iter()
                .any(|m| m.email.eq_ignore_ascii_case(email))
    });
    if !member {
        return Err(ApiError::bad_request(format!(
            "no team with ID \"{}\" that you belong to",
            target.chars().take(64).collect::<String>()
        )));
    }
    Ok(())
}

/// `<slug>-<5 digits>-<short region>`, like `glowing-baboon-15797-us1`.
fn endpoint(name: &str, region: &str, rng: &mut impl Rng) -> String {
    let slug: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "index" } else { slug };
    let short = match region {
        "eu-west-1" => "eu1",
        "eu-central-1" => "eu2",
        "us-east-1" => "us1",
        _ => "us2",
    };
    format!("{slug}-{:05}-{short}", rng.random_range(10_000..100_000))
}

/// The choices a new Vector index is made from, already validated.
#[derive(Debug, Clone)]
pub struct NewVectorIndex<'a> {
    /// Name.
    pub name: &'a str,
    /// Region.
    pub region: &'a str,
    /// Similarity function.
    pub similarity_function: &'a str,
    /// Values per vector.
    pub dimension_count: i64,
    /// Plan.
    pub plan: &'a str,
    /// Index type.
    pub index_type: &'a str,
    /// Dense embedding model, or empty.
    pub embedding_model: &'a str,
    /// Sparse embedding model, or empty.
    pub sparse_embedding_model: &'a str,
    /// Owning account.
    pub customer_id: &'a str,
}

/// A full Vector index with fresh id, endpoint and tokens.
pub fn vector_index(new: NewVectorIndex<'_>, now: i64, rng: &mut impl Rng) -> VectorIndex {
    let mut index = VectorIndex {
        customer_id: new.customer_id.into(),
        id: record::uuid(rng),
        name: new.name.into(),
        similarity_function: new.similarity_function.into(),
        dimension_count: new.dimension_count,
        embedding_model: new.embedding_model.into(),
        sparse_embedding_model: new.sparse_embedding_model.into(),
        endpoint: endpoint(new.name, new.region, rng),
        token: record::rest_token(rng),
        read_only_token: record::rest_token(rng),
        plan: String::new(),
        region: new.region.into(),
        max_vector_count: 0,
        max_daily_updates: 0,
        max_daily_queries: 0,
        max_monthly_bandwidth: 0,
        max_writes_per_second: 0,
        max_query_per_second: 0,
        max_reads_per_request: 0,
        max_writes_per_request: 0,
        max_total_metadata_size: 0,
        reserved_price: 0.0,
        creation_time: now,
        index_type: new.index_type.into(),
    };
    set_vector_plan(&mut index, new.plan);
    index
}

/// Moves a Vector index to `plan` with that plan's limits.
pub fn set_vector_plan(index: &mut VectorIndex, plan: &str) {
    let (vectors, daily, qps, bandwidth, metadata, price) = match plan {
        "free" => (200_000, 10_000, 1_000, 10 * GB, 50 * MB, 0.0),
        "fixed" => (5_210_000, 1_000_000, 1_000, -1, 50 * GB, 60.0),
        _ => (1_000_000_000, 1_000_000_000, 1_000, -1, 1_000 * GB, 0.0),
    };
    index.plan = plan.into();
    index.max_vector_count = vectors;
    index.max_daily_updates = daily;
    index.max_daily_queries = daily;
    index.max_monthly_bandwidth = bandwidth;
    index.max_writes_per_second = qps;
    index.max_query_per_second = qps;
    index.max_reads_per_request = 1_000;
    index.max_writes_per_request = 1_000;
    index.max_total_metadata_size = metadata;
    index.reserved_price = price;
}

const MB: i64 = 1 << 20;
const GB: i64 = 1 << 30;

/// A full Search index with fresh id, endpoint and tokens.
pub fn search_index(
    name: &str,
    region: &str,
    plan: &str,
    customer_id: &str,
    now: i64,
    rng: &mut impl Rng,
) -> SearchIndex {
    let free = plan == "free";
    let unlimited = |n: i64| if free { n } else { -1 };
    SearchIndex {
        customer_id: customer_id.into(),
        id: record::uuid(rng),
        name: name.into(),
        endpoint: endpoint(name, region, rng),
        plan: plan.into(),
        region: region.into(),
        vercel_email: String::new(),
        token: record::rest_token(rng),
        read_only_token: record::rest_token(rng),
        max_vector_count: if free { 10_000 } else { 2_000_000 },
        max_monthly_reranks: unlimited(1_000),
        max_daily_updates: unlimited(10_000),
        max_daily_queries: unlimited(10_000),
        max_monthly_bandwidth: unlimited(10 * GB),
        max_writes_per_second: 1_000,
        max_query_per_second: 1_000,
        max_reads_per_request: 100,
        max_writes_per_request: 100,
        creation_time: now,
        input_enrichment_enabled: !free,
    }
}

/// A free QStash in `region` for `customer_id`.
pub fn qstash_user(
    customer_id: &str,
    created_by: &str,
    region: &str,
    now: i64,
    rng: &mut impl Rng,
) -> QStashUser {
    let mut user = QStashUser {
        customer_id: customer_id.into(),
        id: record::uuid(rng),
        token: record::rest_token(rng),
        read_only_token: record::rest_token(rng),
        active: true,
        state: "active".into(),
        last_plan_upgrade_time: 0,
        max_message_size: 0,
        max_requests_per_day: 0,
        max_requests_per_day_hard: 0,
        max_endpoints_per_topic: 0,
        max_requests_per_second: 0,
        max_dlq_size: 0,
        max_retries: 0,
        max_topics: 0,
        max_schedules: 0,
        max_events_size: 0,
        max_dlq_retention_time_milis: 0,
        max_delay: 0,
        max_parallelism: 0,
        max_global_parallelism: 0,
        max_queues: 0,
        max_bandwidth_per_second: 0,
        prod_pack_enabled: false,
        prometheus_enabled: "false".into(),
        timeout: 0,
        plan: String::new(),
        region: region.into(),
        reserved_type: String::new(),
        reserved_price: 0,
        created_by: created_by.into(),
        creation_time: now,
        deletion_time: 0,
        budget: 0,
    };
    set_qstash_plan(&mut user, "free");
    user
}

/// Moves QStash to `plan` (`free` or one of [`QSTASH_PLANS`]) with its limits.
pub fn set_qstash_plan(user: &mut QStashUser, plan: &str) {
    let (per_day, per_second, topics, schedules, queues, price, timeout) = match plan {
        "free" => (1_000, 100, 10, 10, 10, 0, 900),
        "qstash_fixed_1m" => (1_000_000, 200, 100, 1_000, 100, 180, 7_200),
        "qstash_fixed_10m" => (10_000_000, 500, 1_000, 10_000, 1_000, 420, 7_200),
        "qstash_fixed_100m" => (100_000_000, 1_000, 1_000, 10_000, 1_000, 1_100, 7_200),
        _ => (i64::MAX, 500, 1_000, 1_000, 1_000, 0, 7_200),
    };
    let free = plan == "free";
    user.plan = if free { "free" } else { "paid" }.into();
    user.reserved_type = if plan.starts_with("qstash_fixed") {
        plan.into()
    } else {
        String::new()
    };
    user.reserved_price = price;
    user.max_requests_per_day = per_day;
    user.max_requests_per_day_hard = if free { per_day } else { i64::MAX };
    user.max_requests_per_second = per_second;
    user.max_topics = topics;
    user.max_schedules = schedules;
    user.max_queues = queues;
    user.timeout = timeout;
    user.max_message_size = if free { MB } else { 10 * MB };
    user.max_endpoints_per_topic = 100;
    user.max_dlq_size = if free { 1_000 } else { 1_000_000 };
    user.max_retries = if free { 3 } else { 999 };
    user.max_events_size = 10_000;
    user.max_dlq_retention_time_milis = if free { 259_200_000 } else { 604_800_000 };
    user.max_delay = if free { 604_800 } else { 31_536_000 };
    user.max_parallelism = if free { 2 } else { 100 };
    user.max_global_parallelism = if free { 10 } else { 1_000 };
    user.max_bandwidth_per_second = if free { MB } else { 100 * MB };
    if free {
        user.budget = 0;
        user.prod_pack_enabled = false;
    }
}

/// A QStash budget: 0 (no limit) or 20 to 10000 dollars.
pub fn qstash_budget(budget: i64) -> Result<(), ApiError> {
    if budget == 0 || (20..=10_000).contains(&budget) {
        return Ok(());
    }
    Err(ApiError::bad_request(format!(
        "invalid budget {budget}: use 0 for no limit, or 20 to 10000 dollars"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_rule() {
        let err = one_of("region", "mars", VECTOR_REGIONS).expect_err("mars");
        assert_eq!(
            err.message(),
            "invalid region \"mars\": must be one of eu-west-1, us-east-1, us-central1"
        );
        assert!(index_name("").is_err() && index_name(&"a".repeat(65)).is_err());
        assert!(index_name("ok_name-1").is_ok());
        for ok in [0, 20, 10_000] {
            assert!(qstash_budget(ok).is_ok(), "{ok}");
        }
        for bad in [-1, 1, 19, 10_001] {
            assert!(qstash_budget(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plans_set_their_limits() {
        let mut rng = rand::rng();
        let mut user = qstash_user("a@b.c", "a@b.c", "us-east-1", 0, &mut rng);
        assert_eq!(
            (user.plan.as_str(), user.max_requests_per_day),
            ("free", 1_000)
        );
        user.budget = 40;
        set_qstash_plan(&mut user, "qstash_fixed_100m");
        assert_eq!(user.plan, "paid");
        assert_eq!(user.reserved_type, "qstash_fixed_100m");
        assert_eq!(user.max_requests_per_day, 100_000_000);
        set_qstash_plan(&mut user, "free");
        assert_eq!((user.budget, user.reserved_type.as_str()), (0, ""));
    }
}
