//! The creation wizard of the Databases tab: name → primary region → read regions → plan,
//! eviction, budget → review → create → the new database's connection details.

pub mod picker;
mod state;
mod update;
pub mod view;

pub use crate::upstash::{MAX_NAME_CHARS, check_database_name as validate_name};
pub use state::{OptionField, PLANS, Step, Wizard};
pub use update::{WizardOutcome, command};
