//! When and how long to wait before sending a request again.
//!
//! The rules (which calls may be sent twice):
//! - Reads (GET) and idempotent writes (delete, rename, update-regions, enable/disable
//!   eviction, update-budget) are retried on 429, 5xx, timeouts and network errors.
//!   Setting the same name, regions, flag or budget twice ends in the same state; a delete
//!   whose first response was lost and whose retry gets 404 counts as done.
//! - Non-idempotent writes (create, reset-password, minting an API key) are retried only
//!   when the request certainly had no effect: a 429 or a connection that never opened.
//!   Create has its own recovery after a lost response (see `create.rs`).
//!
//! Backoff is exponential with jitter; a `Retry-After` (seconds) is honoured up to a cap;
//! the total time, waits included, is bounded.

use super::error::ApiError;
use rand::Rng;
use std::future::Future;
use std::time::{Duration, Instant};

/// How a client retries.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 = never retry).
    pub max_attempts: u32,
    /// The first backoff step; doubles every attempt.
    pub base_delay: Duration,
    /// The longest single backoff wait.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured.
    pub max_retry_after: Duration,
    /// No retry starts when it would end later than this after the first attempt began.
    pub max_total: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            max_total: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The backoff before attempt `next` (2 = first retry): `base * 2^(next-2)`, capped,
    /// scaled by a random factor in [0.5, 1.0] so clients do not retry in lockstep.
    pub fn backoff(&self, next: u32) -> Duration {
        let exp = next.saturating_sub(2).min(20);
        let raw = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let factor: f64 = rand::rng().random_range(0.5..=1.0);
        raw.mul_f64(factor)
    }

    /// The wait before attempt `next` after `err`: the service's `Retry-After` (capped) when
    /// it gave one, the backoff otherwise.
    pub fn delay_after(&self, err: &ApiError, next: u32) -> Duration {
        match err {
            ApiError::RateLimited {
                retry_after: Some(d),
                ..
            } => (*d).min(self.max_retry_after),
            _ => self.backoff(next),
        }
    }
}

/// Whether a call may be repeated when its response was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Sending it twice ends in the same state.
    Idempotent,
    /// Sending it twice may do it twice.
    NotIdempotent,
}

/// What the retry loop tells an attempt.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attempt {
    /// 1 for the first attempt.
    pub number: u32,
    /// Whether an earlier attempt's response was lost (so it may have taken effect).
    pub after_lost_response: bool,
}

/// Whether `err` may be retried for a call of this idempotency.
pub fn retryable(err: &ApiError, idempotency: Idempotency) -> bool {
    if err.certainly_not_processed() {
        return true;
    }
    idempotency == Idempotency::Idempotent && err.response_lost()
}

/// Runs `op` until it succeeds, fails for good, or the policy's attempts or time run out.
pub(crate) async fn run<T, F, Fut>(
    policy: &RetryPolicy,
    idempotency: Idempotency,
    mut op: F,
) -> Result<T, ApiError>
where
    F: FnMut(Attempt) -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let started = Instant::now();
    let mut attempt = Attempt {
        number: 1,
        after_lost_response: false,
    };
    loop {
        let err = match op(attempt).await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let next = attempt.number + 1;
        if next > policy.max_attempts.max(1) || !retryable(&err, idempotency) {
            return Err(err);
        }
        let wait = policy.delay_after(&err, next);
        if started.elapsed() + wait > policy.max_total {
            return Err(err);
        }
        tracing::debug!(
            action = err.action(),
            attempt = next,
            wait_ms = wait.as_millis() as u64,
            kind = ?err.kind(),
            "retrying Developer API call"
        );
        tokio::time::sleep(wait).await;
        attempt = Attempt {
            number: next,
            after_lost_response: attempt.after_lost_response || err.response_lost(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_error() -> ApiError {
        ApiError::Server {
            action: "x".into(),
            status: 503,
            message: None,
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_cap() {
        let p = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let d2 = p.backoff(2);
            assert!(d2 >= Duration::from_millis(50) && d2 <= Duration::from_millis(100));
            let d3 = p.backoff(3);
            assert!(d3 >= Duration::from_millis(100) && d3 <= Duration::from_millis(200));
            assert!(p.backoff(10) <= Duration::from_millis(350));
        }
    }

    #[test]
    fn retry_after_is_capped() {
        let p = RetryPolicy {
            max_retry_after: Duration::from_secs(2),
            ..RetryPolicy::default()
        };
        let e = ApiError::RateLimited {
            action: "x".into(),
            message: None,
            retry_after: Some(Duration::from_secs(100)),
        };
        assert_eq!(p.delay_after(&e, 2), Duration::from_secs(2));
    }

    #[test]
    fn only_safe_failures_retry_non_idempotent_calls() {
        assert!(retryable(&server_error(), Idempotency::Idempotent));
        assert!(!retryable(&server_error(), Idempotency::NotIdempotent));
        let refused = ApiError::Network {
            action: "x".into(),
            detail: "refused".into(),
            request_sent: false,
        };
        assert!(retryable(&refused, Idempotency::NotIdempotent));
        let nf = ApiError::NotFound {
            action: "x".into(),
            message: None,
        };
        assert!(!retryable(&nf, Idempotency::Idempotent));
    }

    #[tokio::test]
    async fn run_counts_attempts_and_reports_last_error() {
        let p = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        };
        let mut seen = Vec::new();
        let r: Result<(), _> = run(&p, Idempotency::Idempotent, |a| {
            seen.push((a.number, a.after_lost_response));
            async { Err(server_error()) }
        })
        .await;
        assert!(matches!(r, Err(ApiError::Server { .. })));
        assert_eq!(seen, vec![(1, false), (2, true), (3, true)]);
    }

    #[tokio::test]
    async fn total_time_bound_stops_retries() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(200),
            max_total: Duration::from_millis(50),
            ..RetryPolicy::default()
        };
        let mut n = 0;
        let r: Result<(), _> = run(&p, Idempotency::Idempotent, |_| {
            n += 1;
            async { Err(server_error()) }
        })
        .await;
        assert!(r.is_err());
        assert_eq!(n, 1);
    }
}
