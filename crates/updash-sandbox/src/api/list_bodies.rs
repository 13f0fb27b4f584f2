//! The serialized database list of each account, kept until the state next changes: a list
//! of ten thousand databases is 15 MB of JSON, and encoding it again for every request
//! would be most of the time a client waits for it.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;

/// Each account's last list body and the state version it was encoded from.
#[derive(Default)]
pub struct ListBodies(Mutex<HashMap<String, (u64, Bytes)>>);

impl ListBodies {
    /// The body for `customer_id` encoded at state version `version`, if still current.
    pub fn get(&self, customer_id: &str, version: u64) -> Option<Bytes> {
        let bodies = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match bodies.get(customer_id) {
            Some((v, body)) if *v == version => Some(body.clone()),
            _ => None,
        }
    }

    /// Keeps `body` as the list of `customer_id` at state version `version`, dropping every
    /// body of an older version.
    pub fn put(&self, customer_id: &str, version: u64, body: Bytes) {
        let mut bodies = self.0.lock().unwrap_or_else(|p| p.into_inner());
        bodies.retain(|_, (v, _)| *v == version);
        bodies.insert(customer_id.to_owned(), (version, body));
    }
}
