//! The Upstash Developer API: regions, models and the typed client.
//!
//! Entry points: [`Client::new`] with a [`ClientConfig`] and [`ApiCredentials`];
//! [`create_api_key`] for the OAuth connect flow; [`resolve`] and [`connection`] helpers.

pub mod apikey;
pub mod backup;
pub mod body;
pub mod call;
pub mod client;
pub mod connection;
pub mod create;
pub mod error;
pub mod error_body;
pub mod models;
pub mod name;
pub mod products;
pub use updash_common::regions;
pub use updash_records as raw;
pub mod resolve;
pub mod retry;
pub mod switches;
pub mod transport;

pub use apikey::{NewApiKey, api_key_name, create_api_key};
pub use backup::{MaintenanceRetry, MaintenanceWait, is_maintenance};
pub use call::{DatabaseCall, DatabaseReply};
pub use client::{Client, CredentialsMode};
pub use create::CreateDatabase;
pub use error::{ApiError, ApiErrorKind};
pub use models::{
    AuditLog, Backup, Database, DatabaseStats, Limit, StatsPeriod, Team, TeamMember, TimePoint,
};
pub use models::{
    IndexStats, IndexTotals, ProductPeriod, QStashStats, QStashUser, SearchIndex, VectorIndex,
};
pub use name::{MAX_NAME_CHARS, check_database_name};
pub use products::{CreateSearchIndex, CreateVectorIndex, IndexKind, ProductCall, ProductReply};
pub use resolve::{ResolveError, resolve};
pub use retry::RetryPolicy;
pub use transport::{ApiCredentials, ArrivingBody, ClientConfig, DEFAULT_BASE_URL};
