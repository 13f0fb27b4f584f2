//! The real-Redis backend: each sandbox database is one logical database (`SELECT` index) of
//! a Redis server, reached through one auto-reconnecting connection per index.

use super::backend::{Backend, BackendError, BoxFuture, DbRef, Seed};
use super::redis_compat::{self, Plan};
use super::reply::Reply;
use super::request::Command;
use redis::Value;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::Mutex;

/// A Redis server behind the sandbox's databases.
pub struct RedisBackend {
    /// The URL without a database path; it may hold a password, so it is never shown.
    base: url::Url,
    /// `host:port`, safe to show.
    shown: String,
    conns: Mutex<HashMap<u32, ConnectionManager>>,
}

impl RedisBackend {
    /// Checks the URL and that the server answers; errors name the host, never a password.
    pub async fn connect(url: &str) -> Result<Self, String> {
        let mut base = url::Url::parse(url.trim())
            .map_err(|e| format!("--redis-url is not a valid URL ({e})"))?;
        if base.scheme() != "redis" {
            return Err("--redis-url must be a redis://HOST:PORT URL".into());
        }
        let shown = format!(
            "{}:{}",
            base.host_str().unwrap_or("?"),
            base.port().unwrap_or(6379)
        );
        base.set_path("");
        base.set_query(None);
        let backend = Self {
            base,
            shown,
            conns: Mutex::new(HashMap::new()),
        };
        backend
            .run(0, vec![vec![b"PING".to_vec()]], false)
            .await
            .map_err(|e| format!("cannot reach the Redis server at {}: {e}", backend.shown))?;
        Ok(backend)
    }

    /// The connection to logical database `slot`, made on first use.
    async fn conn(&self, slot: u32) -> Result<ConnectionManager, BackendError> {
        let mut conns = self.conns.lock().await;
        if let Some(c) = conns.get(&slot) {
            return Ok(c.clone());
        }
        let mut url = self.base.clone();
        url.set_path(&format!("/{slot}"));
        let client = redis::Client::open(url.as_str())
            .map_err(|e| BackendError::Unavailable(self.clean(&e)))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(5)))
            .set_response_timeout(Some(Duration::from_secs(60)))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| {
                let text = self.clean(&e);
                if text.contains("DB index is out of range") {
                    BackendError::NoRoom(format!(
                        "the Redis server at {} has no logical database {slot}; start it with \
                         `redis-server --databases {}` or more",
                        self.shown,
                        slot + 1
                    ))
                } else {
                    BackendError::Unavailable(text)
                }
            })?;
        conns.insert(slot, conn.clone());
        Ok(conn)
    }

    /// An error's text without the URL (which may carry a password).
    fn clean(&self, e: &redis::RedisError) -> String {
        let text = e.to_string();
        let secret = self.base.password().unwrap_or_default();
        if secret.is_empty() {
            text
        } else {
            text.replace(secret, "***")
        }
    }

    /// Sends commands as they are (one pipeline, or MULTI/EXEC) and converts the replies.
    async fn run(
        &self,
        slot: u32,
        cmds: Vec<Command>,
        atomic: bool,
    ) -> Result<Vec<Reply>, BackendError> {
        let mut conn = self.conn(slot).await?;
        let mut pipe = redis::pipe();
        pipe.ignore_errors();
        if atomic {
            pipe.atomic();
        }
        for cmd in &cmds {
            let mut parts = cmd.iter();
            let mut c = redis::cmd(&String::from_utf8_lossy(
                parts.next().map_or(&[][..], |n| n),
            ));
            for arg in parts {
                c.arg(arg.as_slice());
            }
            pipe.add_command(c);
        }
        match pipe.query_async::<Value>(&mut conn).await {
            Ok(Value::Array(items)) => Ok(items.into_iter().map(reply).collect()),
            Ok(Value::Nil) if atomic => Ok(vec![Reply::Nil; cmds.len()]),
            Ok(other) => Ok(vec![reply(other)]),
            Err(e) if e.is_io_error() || e.is_timeout() || e.is_connection_dropped() => {
                Err(BackendError::Unavailable(self.clean(&e)))
            }
            // The front checks every command first, so Redis discarding a transaction is
            // unexpected; its whole answer is then one error.
            Err(e) => Ok(vec![Reply::err(format!(
                "EXECABORT Transaction discarded: {}",
                self.clean(&e)
            ))]),
        }
    }

    /// Runs commands with the Upstash behaviours Redis lacks emulated around them.
    async fn run_emulated(
        &self,
        db: &DbRef,
        cmds: Vec<Command>,
        atomic: bool,
    ) -> Result<Vec<Reply>, BackendError> {
        let plans: Vec<Plan> = cmds.into_iter().map(redis_compat::plan).collect();
        let sent: Vec<Command> = plans.iter().filter_map(|p| p.send.clone()).collect();
        let mut replies = if sent.is_empty() {
            Vec::new()
        } else {
            self.run(db.slot, sent, atomic).await?
        }
        .into_iter();
        if atomic && replies.len() == 1 && plans.len() > 1 {
            return Ok(replies.collect()); // a discarded transaction: one error
        }
        let mut out = Vec::with_capacity(plans.len());
        for plan in plans {
            let raw = match plan.send {
                Some(_) => replies.next().unwrap_or(Reply::Nil),
                None => Reply::Nil,
            };
            let answer = match redis_compat::finish(&plan.after, raw, db.slot) {
                redis_compat::Finished::Done(r) => r,
                redis_compat::Finished::NeedTypes(keys, cursor) => {
                    let types = self
                        .run(db.slot, redis_compat::type_queries(&keys), false)
                        .await?;
                    redis_compat::with_types(cursor, keys, types)
                }
            };
            out.push(answer);
        }
        Ok(out)
    }
}

/// A Redis value as a reply (RESP3-only shapes folded into their RESP2 forms).
fn reply(value: Value) -> Reply {
    match value {
        Value::Nil => Reply::Nil,
        Value::Int(n) => Reply::Int(n),
        Value::BulkString(b) => Reply::Bulk(b),
        Value::Array(items) | Value::Set(items) => {
            Reply::Array(items.into_iter().map(reply).collect())
        }
        Value::SimpleString(s) => Reply::Status(s),
        Value::Okay => Reply::Status("OK".into()),
        Value::Map(pairs) => Reply::Array(
            pairs
                .into_iter()
                .flat_map(|(k, v)| [reply(k), reply(v)])
                .collect(),
        ),
        Value::Attribute { data, .. } => reply(*data),
        Value::Double(d) => Reply::Bulk(d.to_string().into_bytes()),
        Value::Boolean(b) => Reply::Int(b as i64),
        Value::VerbatimString { text, .. } => Reply::Bulk(text.into_bytes()),
        Value::BigNumber(n) => Reply::Bulk(n),
        Value::Push { data, .. } => Reply::Array(data.into_iter().map(reply).collect()),
        Value::ServerError(e) => Reply::Error(match e.details() {
            Some(detail) => format!("{} {detail}", e.code()),
            None => e.code().to_string(),
        }),
        _ => Reply::Nil,
    }
}

impl Backend for RedisBackend {
    fn describe(&self) -> String {
        format!("redis {}", self.shown)
    }

    fn uses_slots(&self) -> bool {
        true
    }

    fn slot_count(&self) -> BoxFuture<'_, Result<u32, BackendError>> {
        Box::pin(async move {
            let cmd = ["CONFIG", "GET", "databases"].map(|s| s.as_bytes().to_vec());
            let replies = self.run(0, vec![cmd.to_vec()], false).await?;
            // A server that hides CONFIG: assume Redis's default of 16.
            Ok(match replies.first() {
                Some(Reply::Array(pair)) => match pair.get(1) {
                    Some(Reply::Bulk(n)) => String::from_utf8_lossy(n).parse().unwrap_or(16),
                    _ => 16,
                },
                _ => 16,
            })
        })
    }

    fn batch<'a>(
        &'a self,
        db: &'a DbRef,
        cmds: Vec<Command>,
        _now_ms: u64,
    ) -> BoxFuture<'a, Result<Vec<Reply>, BackendError>> {
        Box::pin(self.run_emulated(db, cmds, false))
    }

    fn atomic<'a>(
        &'a self,
        db: &'a DbRef,
        cmds: Vec<Command>,
        _now_ms: u64,
    ) -> BoxFuture<'a, Result<Vec<Reply>, BackendError>> {
        Box::pin(self.run_emulated(db, cmds, true))
    }

    fn clear<'a>(&'a self, db: &'a DbRef) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(async move {
            self.run(db.slot, vec![vec![b"FLUSHDB".to_vec()]], false)
                .await
                .map(|_| ())
        })
    }

    fn seed<'a>(
        &'a self,
        db: &'a DbRef,
        seed: Seed,
        now_ms: u64,
    ) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(async move {
            let chunks =
                tokio::task::spawn_blocking(move || super::redis_seed::commands(seed, now_ms))
                    .await
                    .map_err(|e| BackendError::Unavailable(format!("seeding: {e}")))?;
            for chunk in chunks {
                self.run(db.slot, chunk, false).await?;
            }
            Ok(())
        })
    }
}
