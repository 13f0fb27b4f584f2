//! The creation wizard of the Databases tab: name → primary region → read regions → plan,
//! eviction, budget → review → create → the new database's connection details.

pub mod picker;
mod state;
mod update;
pub mod view;

pub use state::{MAX_NAME_CHARS, OptionField, PLANS, Step, Wizard, validate_name};
pub use update::{WizardOutcome, command};
