//! What creating a Vector or Search index sends, and the values the API accepts.

use serde::Serialize;

/// Regions a Vector index can be created in.
pub const VECTOR_REGIONS: &[&str] = &["eu-west-1", "us-east-1", "us-central1"];
/// Similarity functions of a Vector index.
pub const SIMILARITY_FUNCTIONS: &[&str] = &["COSINE", "EUCLIDEAN", "DOT_PRODUCT"];
/// Plans a Vector index can be created on (`type` of the create body).
pub const VECTOR_CREATE_PLANS: &[&str] = &["payg", "fixed", "paid"];
/// Plans a Vector index can be moved to (`target_plan` of setplan).
pub const VECTOR_PLANS: &[&str] = &["free", "payg", "fixed"];
/// Regions a Search index can be created in.
pub const SEARCH_REGIONS: &[&str] = &["eu-west-1", "us-central1"];
/// Plans of a Search index.
pub const SEARCH_PLANS: &[&str] = &["free", "payg", "fixed"];
/// Plans QStash can be set to (`plan_name` of set-plan).
pub const QSTASH_PLANS: &[&str] = &[
    "paid",
    "qstash_fixed_1m",
    "qstash_fixed_10m",
    "qstash_fixed_100m",
];

/// The body of `POST /v2/vector/index`. Optional fields are left out when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateVectorIndex {
    /// Index name.
    pub name: String,
    /// One of [`VECTOR_REGIONS`].
    pub region: String,
    /// One of [`SIMILARITY_FUNCTIONS`].
    pub similarity_function: String,
    /// Values per vector (0 for a sparse or managed-embedding index).
    pub dimension_count: u32,
    /// One of [`VECTOR_CREATE_PLANS`] (JSON field `type`); the service's default when `None`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// Managed dense embedding model, e.g. `BGE_SMALL_EN_V1_5`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedding_model: Option<String>,
    /// `DENSE`, `SPARSE` or `HYBRID`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_type: Option<String>,
    /// Managed sparse embedding model: `BM25` or `BGE_M3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sparse_embedding_model: Option<String>,
}

impl CreateVectorIndex {
    /// A dense index with the service's default plan.
    pub fn new(
        name: impl Into<String>,
        region: impl Into<String>,
        similarity_function: impl Into<String>,
        dimension_count: u32,
    ) -> Self {
        Self {
            name: name.into(),
            region: region.into(),
            similarity_function: similarity_function.into(),
            dimension_count,
            plan: None,
            embedding_model: None,
            index_type: None,
            sparse_embedding_model: None,
        }
    }

    /// The JSON body exactly as it will be sent (shown before sending).
    pub fn body(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The body of `POST /v2/search`: all three fields are required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateSearchIndex {
    /// Index name.
    pub name: String,
    /// One of [`SEARCH_REGIONS`].
    pub region: String,
    /// One of [`SEARCH_PLANS`] (JSON field `type`).
    #[serde(rename = "type")]
    pub plan: String,
}

impl CreateSearchIndex {
    /// The JSON body exactly as it will be sent.
    pub fn body(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}
