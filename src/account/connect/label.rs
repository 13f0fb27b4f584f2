//! One label names one account: a sign-in may not take a label another account holds.

use crate::account::ConnectError;
use crate::store::{AccountId, Credentials};

/// Refuses `label` when an account other than `mine` already has it.
pub fn check_free(
    creds: &Credentials,
    label: Option<&str>,
    mine: Option<&AccountId>,
) -> Result<(), ConnectError> {
    let Some(label) = label else {
        return Ok(());
    };
    match creds.find_by_label(label).find(|(id, _)| mine != Some(*id)) {
        Some((_, other)) => Err(ConnectError::LabelTaken {
            label: label.to_string(),
            holder: other
                .email
                .clone()
                .unwrap_or_else(|| other.provider.clone()),
        }),
        None => Ok(()),
    }
}
