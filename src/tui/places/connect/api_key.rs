//! The email + API key form: its fields and the submit that checks them before asking the
//! services to verify the key.

use super::ConnectStep;
use crate::secret::Secret;
use crate::tui::app::{App, Pending};
use crate::tui::effect::Effect;
use crate::tui::text_input::TextInput;

/// Fields of the API key form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    /// The account email.
    Email,
    /// The API key (masked).
    ApiKey,
}

/// The email + API key form.
#[derive(Debug, Clone)]
pub struct ApiKeyForm {
    /// Provider the account is for.
    pub provider: String,
    /// Email input.
    pub email: TextInput,
    /// API key input (masked).
    pub api_key: TextInput,
    /// Focused field.
    pub focus: FormField,
    /// The awaited verification.
    pub pending: Pending,
    /// Why the last submit failed.
    pub error: Option<String>,
}

pub(super) fn submit_form(app: &mut App, fx: &mut Vec<Effect>) {
    let request = app.new_request();
    let ConnectStep::ApiKeyForm(form) = &mut app.connect.step else {
        return;
    };
    let email = form.email.value().trim().to_string();
    let key = form.api_key.value().trim().to_string();
    form.error = if !email.contains('@') {
        Some("Enter the account's email address.".into())
    } else if key.is_empty() {
        Some("Enter a Developer API key.".into())
    } else {
        None
    };
    if form.error.is_some() {
        return;
    }
    form.pending.start(request);
    fx.push(Effect::AddApiKeyAccount {
        request,
        provider: form.provider.clone(),
        email,
        api_key: Secret::new(key),
    });
}
