//! The Upstash Developer API: regions, models and the typed client.

pub mod regions;
