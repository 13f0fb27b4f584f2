//! The tab's Redis requests in flight: what each answer is for and which database it was
//! sent to. An answer nobody waits for any more (another database, another scan, another
//! key) is dropped by whoever takes it.

use super::keys::{EntryId, KeyType};
use super::value_load::Step;
use super::write::Review;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::request::RequestId;
use crate::tui::services::{DataTarget, RedisBatch};
use crate::tui::tab_state::Outcome;

/// What an awaited answer is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// A SCAN page of the key list (with `DBSIZE` when `with_size`).
    Scan {
        /// The walk it belongs to.
        generation: u64,
        /// `DBSIZE` was sent after the SCAN.
        with_size: bool,
    },
    /// Time to live and size of shown keys (`PTTL`, `MEMORY USAGE` per key).
    Meta {
        /// The walk the keys belong to.
        generation: u64,
        /// The keys, in the order asked.
        ids: Vec<EntryId>,
    },
    /// A part of the value of `key`.
    Value {
        /// The key.
        key: Vec<u8>,
        /// Which part.
        step: Step,
    },
    /// Whether a new key's name is free, before its review.
    Exists(Review),
    /// A write the operator said yes to.
    Write(Review),
    /// A command of the command line that only reads.
    Console,
    /// A step of a big-key sample.
    BigKeys {
        /// The sampling run.
        run: u64,
        /// The keys whose sizes were asked (none for a SCAN page).
        measuring: Vec<(Vec<u8>, KeyType)>,
    },
    /// A step of a bulk delete.
    Bulk {
        /// The bulk delete run.
        run: u64,
        /// Keys an `UNLINK` was sent for (none for a SCAN page).
        unlinking: u64,
    },
}

/// Requests in flight.
#[derive(Debug, Clone, Default)]
pub struct Calls(Vec<(RequestId, DataTarget, Call)>);

impl Calls {
    /// Sends `commands` to `target` for `call`.
    pub fn send(
        &mut self,
        target: &DataTarget,
        call: Call,
        commands: Vec<Vec<String>>,
        atomic: bool,
        ctx: &mut Context,
        out: &mut Outcome,
    ) {
        let request = ctx.request();
        self.0.push((request, target.clone(), call));
        out.effect(Effect::Redis {
            request,
            target: target.clone(),
            batch: RedisBatch { commands, atomic },
        });
    }

    /// What the answer to `request` is for, and where it went; `None` when not awaited.
    pub fn take(&mut self, request: RequestId) -> Option<(DataTarget, Call)> {
        let at = self.0.iter().position(|(r, _, _)| *r == request)?;
        let (_, target, call) = self.0.remove(at);
        Some((target, call))
    }

    /// Whether something the operator waits for is in flight (sizes of shown keys are not).
    pub fn busy(&self) -> bool {
        self.0
            .iter()
            .any(|(_, _, c)| !matches!(c, Call::Meta { .. }))
    }

    /// Whether a value request for `key` is in flight.
    pub fn loading_value(&self, key: &[u8]) -> bool {
        self.0
            .iter()
            .any(|(_, _, c)| matches!(c, Call::Value { key: k, .. } if k == key))
    }
}
