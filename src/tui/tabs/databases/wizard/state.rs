//! The creation wizard's state: every value entered (nothing is lost when stepping back),
//! the step shown, and what the values make: the request and the equivalent command line.

use super::picker::RegionPicker;
use crate::tui::keymap::KeyContext;
use crate::tui::text_input::TextInput;
use crate::tui::view_model::AccountRow;
use crate::upstash::connection::shell_quote;
use crate::upstash::regions::{REGIONS, Region};
use crate::upstash::{CreateDatabase, check_database_name as validate_name};
use crossterm::event::KeyEvent;

/// The plans offered, in order (the first is the default).
pub const PLANS: [&str; 9] = [
    "free",
    "payg",
    "fixed_250mb",
    "fixed_1gb",
    "fixed_5gb",
    "fixed_10gb",
    "fixed_50gb",
    "fixed_100gb",
    "fixed_500gb",
];

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The name.
    Name,
    /// Platform and primary region.
    Region,
    /// Read regions.
    ReadRegions,
    /// Plan, eviction, budget.
    Options,
    /// The request body and the CLI command; enter creates.
    Review,
    /// Created: connection details.
    Done,
}

impl Step {
    /// Title shown in the wizard's frame.
    pub fn title(self) -> &'static str {
        match self {
            Step::Name => "1/5 Name",
            Step::Region => "2/5 Primary region",
            Step::ReadRegions => "3/5 Read regions",
            Step::Options => "4/5 Plan and options",
            Step::Review => "5/5 Review",
            Step::Done => "Created",
        }
    }
}

/// The focused field of the options step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionField {
    /// The plan.
    Plan,
    /// Eviction on/off.
    Eviction,
    /// Monthly budget.
    Budget,
}

/// Everything the wizard holds; nothing is lost when stepping back.
#[derive(Debug, Clone, PartialEq)]
pub struct Wizard {
    /// The visible step.
    pub step: Step,
    /// The name.
    pub name: TextInput,
    /// The region filter.
    pub region_filter: TextInput,
    /// Highlighted row of the filtered regions.
    pub region_cursor: usize,
    /// The chosen primary region.
    pub primary: Option<&'static Region>,
    /// The read regions.
    pub read: RegionPicker,
    /// Index into [`PLANS`].
    pub plan: usize,
    /// Eviction on.
    pub eviction: bool,
    /// Budget digits (empty: none).
    pub budget: TextInput,
    /// Focused option.
    pub focus: OptionField,
    /// Why the current step cannot go on.
    pub error: Option<String>,
    /// A create is awaited.
    pub creating: bool,
    /// When the first create started, once an answer was lost (Unix seconds).
    pub lost_since: Option<i64>,
    /// The new database's id.
    pub created: Option<String>,
}

impl Default for Wizard {
    fn default() -> Self {
        Self::new()
    }
}

impl Wizard {
    /// A wizard at its first step.
    pub fn new() -> Self {
        Self {
            step: Step::Name,
            name: TextInput::new(false).with_limit(crate::upstash::MAX_NAME_CHARS),
            region_filter: TextInput::new(false),
            region_cursor: 0,
            primary: None,
            read: RegionPicker::new("", &[]),
            plan: 0,
            eviction: false,
            budget: TextInput::new(false),
            focus: OptionField::Plan,
            error: None,
            creating: false,
            lost_since: None,
            created: None,
        }
    }

    /// Where keys go.
    pub fn key_context(&self) -> KeyContext {
        match self.step {
            Step::Name => KeyContext::DatabaseText,
            Step::Region => KeyContext::WizardRegion,
            Step::ReadRegions => KeyContext::DatabasePick,
            Step::Options => KeyContext::WizardOptions,
            Step::Review => KeyContext::WizardReview,
            Step::Done => KeyContext::WizardDone,
        }
    }

    /// The regions matching the filter (platform, code or location, case-insensitive).
    pub fn filtered_regions(&self) -> Vec<&'static Region> {
        let q = self.region_filter.value().trim().to_lowercase();
        REGIONS
            .iter()
            .filter(|r| {
                q.is_empty()
                    || format!("{} {} {}", r.platform, r.code, r.location)
                        .to_lowercase()
                        .contains(&q)
            })
            .collect()
    }

    /// The plan chosen.
    pub fn plan_name(&self) -> &'static str {
        PLANS[self.plan.min(PLANS.len() - 1)]
    }

    /// The request the values make (checked by the wizard, not yet by `validate`).
    pub fn request(&self) -> CreateDatabase {
        let mut request = CreateDatabase::new(
            self.name.value().trim(),
            self.primary.map_or("", |r| r.code),
        );
        request.platform = self.primary.map(|r| r.platform.to_string());
        request.read_regions = self.read.chosen.clone();
        request.plan = Some(self.plan_name().to_string());
        request.eviction = self.eviction.then_some(true);
        request.budget = self.budget.value().trim().parse().ok();
        request
    }

    /// `updash db create ...` with the same values, for `account` (on the sandbox:
    /// `--sandbox` too, so the line talks to the same provider wherever it is pasted).
    pub fn command_line(&self, account: Option<&AccountRow>) -> String {
        let r = self.request();
        let mut parts = vec!["updash".to_string()];
        if account.is_some_and(AccountRow::is_sandbox) {
            parts.push("--sandbox".into());
        }
        if let Some(a) = account {
            parts.push(format!("--account {}", shell_quote(&a.label)));
        }
        parts.push(format!(
            "db create --name {} --region {}",
            r.name, r.primary_region
        ));
        for region in &r.read_regions {
            parts.push(format!("--read-region {region}"));
        }
        if let Some(p) = &r.plan {
            parts.push(format!("--plan {p}"));
        }
        if r.eviction == Some(true) {
            parts.push("--eviction".into());
        }
        if let Some(b) = r.budget {
            parts.push(format!("--budget {b}"));
        }
        parts.join(" ")
    }

    /// Gives a typed key to the step's input.
    pub fn type_key(&mut self, key: &KeyEvent) {
        match self.step {
            Step::Name if self.name.handle_key(key) => self.error = None,
            Step::Region if self.region_filter.handle_key(key) => {
                self.region_cursor = 0;
                self.error = None;
            }
            Step::Options if self.focus == OptionField::Budget => {
                let digit_or_edit = match key.code {
                    crossterm::event::KeyCode::Char(c) => c.is_ascii_digit(),
                    _ => true,
                };
                if digit_or_edit && self.budget.handle_key(key) {
                    self.error = None;
                }
            }
            _ => {}
        }
    }

    /// Puts pasted text into the step's input.
    pub fn paste(&mut self, text: &str) {
        match self.step {
            Step::Name => self.name.paste(text.trim()),
            Step::Region => self.region_filter.paste(text.trim()),
            Step::Options if self.focus == OptionField::Budget => {
                self.budget.paste(
                    &text
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>(),
                );
            }
            _ => {}
        }
    }

    /// One step back (the first and the last step have none).
    pub(super) fn back(&mut self) {
        self.error = None;
        self.step = match self.step {
            Step::Name | Step::Region => Step::Name,
            Step::ReadRegions => Step::Region,
            Step::Options => Step::ReadRegions,
            Step::Review => Step::Options,
            Step::Done => Step::Done,
        };
    }

    /// Goes on from the current step when its values are valid; otherwise sets `error`.
    pub(super) fn next(&mut self) {
        self.error = None;
        match self.step {
            Step::Name => match validate_name(self.name.value().trim()) {
                Ok(()) => self.step = Step::Region,
                Err(e) => self.error = Some(e),
            },
            Step::Region => {
                let regions = self.filtered_regions();
                match regions.get(self.region_cursor) {
                    Some(region) => {
                        self.primary = Some(region);
                        self.read = RegionPicker::new(region.code, &self.read.chosen);
                        self.step = Step::ReadRegions;
                    }
                    None => {
                        self.error = Some(format!(
                            "No region matches {:?}; change the filter.",
                            self.region_filter.value()
                        ))
                    }
                }
            }
            Step::ReadRegions => self.step = Step::Options,
            Step::Options => {
                if self.plan_name() == "free" && self.read.chosen.len() > 1 {
                    self.error = Some(format!(
                        "The free plan allows at most one read region ({} chosen): pick \
                         another plan, or go back and unselect some.",
                        self.read.chosen.len()
                    ));
                } else if let Err(e) = self.request().validate() {
                    self.error = Some(e.to_string());
                } else {
                    self.step = Step::Review;
                }
            }
            Step::Review | Step::Done => {}
        }
    }

    pub(super) fn cycle_option(&mut self, step: isize) {
        match self.focus {
            OptionField::Plan => {
                self.plan = (self.plan as isize + step).rem_euclid(PLANS.len() as isize) as usize;
            }
            OptionField::Eviction => self.eviction = !self.eviction,
            OptionField::Budget => {}
        }
        self.error = None;
    }

    pub(super) fn move_focus(&mut self, step: isize) {
        const ORDER: [OptionField; 3] = [
            OptionField::Plan,
            OptionField::Eviction,
            OptionField::Budget,
        ];
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        self.focus = ORDER[(i + step).rem_euclid(3) as usize];
    }
}
