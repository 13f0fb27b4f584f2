//! A multi-select list of the read regions a database can have: the primary region's
//! platform, never the primary itself.

use crate::upstash::regions::{self, REGIONS, Region};

/// The regions offered and the ones chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionPicker {
    /// Regions that may be chosen, in table order.
    pub options: Vec<&'static Region>,
    /// Chosen region codes, in table order.
    pub chosen: Vec<String>,
    /// Highlighted option.
    pub cursor: usize,
}

impl RegionPicker {
    /// Read regions for a database whose primary region is `primary`, with `chosen` kept
    /// where still allowed.
    pub fn new(primary: &str, chosen: &[String]) -> Self {
        let platform = regions::platform_of(primary);
        let options: Vec<&'static Region> = REGIONS
            .iter()
            .filter(|r| Some(r.platform) == platform && r.code != primary)
            .collect();
        let chosen = options
            .iter()
            .filter(|r| chosen.iter().any(|c| c == r.code))
            .map(|r| r.code.to_string())
            .collect();
        Self {
            options,
            chosen,
            cursor: 0,
        }
    }

    /// Moves the highlight by `step`, staying in the list.
    pub fn move_by(&mut self, step: isize) {
        let last = self.options.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(step).min(last);
    }

    /// Chooses or unchooses the highlighted region.
    pub fn toggle(&mut self) {
        let Some(region) = self.options.get(self.cursor) else {
            return;
        };
        if let Some(i) = self.chosen.iter().position(|c| c == region.code) {
            self.chosen.remove(i);
        } else {
            self.chosen.push(region.code.to_string());
            // Keep table order so the request and the screen agree.
            let order = |c: &String| self.options.iter().position(|r| r.code == c);
            self.chosen.sort_by_key(order);
        }
    }

    /// Whether `code` is chosen.
    pub fn is_chosen(&self, code: &str) -> bool {
        self.chosen.iter().any(|c| c == code)
    }
}
