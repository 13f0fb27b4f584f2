//! The key map as data: which keys run which [`Command`] where, with `[keys]` overrides from
//! config.toml. Key handling, the help overlay and the hint bar all read it.

mod command;
mod key;
mod table;

pub use command::Command;
pub use key::KeyChord;
pub use table::{BindingSpec, TABLE};

use crate::config::{Config, ConfigError};
use std::collections::{BTreeMap, HashMap};

/// Makes [`KeyContext`] from its table: each context with its help title and whether it is
/// `modal` (only its own bindings apply) and takes `text` (typed characters go to an input).
macro_rules! key_contexts {
    ($($(#[doc = $doc:literal])* $context:ident $title:literal $modal:literal $text:literal,)*) => {
        /// Where keys are read: one per screen state or overlay. Bindings in
        /// [`KeyContext::Global`] apply in every context except modals; in text contexts only
        /// non-typing global keys apply.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum KeyContext {
            $($(#[doc = $doc])* $context,)*
        }

        impl KeyContext {
            /// Every context.
            pub const ALL: &'static [KeyContext] = &[$(KeyContext::$context,)*];

            /// Name shown in the help overlay's title.
            pub fn title(self) -> &'static str {
                match self {
                    $(KeyContext::$context => $title,)*
                }
            }

            /// Whether only the context's own bindings apply (modal overlays).
            pub fn is_modal(self) -> bool {
                match self {
                    $(KeyContext::$context => $modal,)*
                }
            }

            /// Whether typed characters go to a text input rather than to global bindings.
            pub fn takes_text(self) -> bool {
                match self {
                    $(KeyContext::$context => $text,)*
                }
            }
        }
    };
}

// context, help title, modal, takes text
key_contexts! {
    /// Everywhere (except modals).
    Global "Everywhere" false false,
    /// The Connect tab's choice list.
    Connect "Connect" false false,
    /// The email + API key form.
    ApiKeyForm "API key form" false true,
    /// A browser sign-in in progress (with its paste box).
    SignIn "Browser sign-in" false true,
    /// The Accounts tab.
    Accounts "Accounts" false false,
    /// The Databases tab.
    Databases "Databases" false false,
    /// The help overlay.
    Help "Help" true false,
    /// A yes/no question.
    Confirm "Question" true false,
    /// A sign-in that failed, with a way to try again.
    SignInFailed "Sign-in failed" false false,
    /// Renaming an account's label.
    Rename "Rename" true true,
    /// Typing the Databases filter.
    DatabaseFilter "Filter" false true,
    /// The copy menu.
    DatabaseCopy "Copy" true false,
    /// A one-line form: rename, delete (type the name), the wizard's name step.
    DatabaseText "Form" false true,
    /// A multi-select list of regions.
    DatabasePick "Choose regions" true false,
    /// The selected database's backups.
    DatabaseBackups "Backups" false false,
    /// A yes/no question about the selected database (with "take a backup first").
    DatabaseAsk "Question" true false,
    /// A one-choice list: a plan or a team.
    DatabaseChoice "Choose" true false,
    /// The wizard's primary region step: a filterable list.
    WizardRegion "Primary region" false true,
    /// The wizard's plan, eviction and budget step.
    WizardOptions "Plan and options" false true,
    /// The wizard's review step.
    WizardReview "Review" true false,
    /// The wizard's result: the new database's connection details.
    WizardDone "New database" true false,
    /// A device sign-in waiting for the code to be entered elsewhere.
    DeviceSignIn "Device sign-in" false false,
    /// The passphrase dialog of locked credentials.
    Unlock "Unlock the credentials" true true,
    /// The Data tab's key list (with the selected key's value beside it).
    Data "Data: keys" false false,
    /// A value on the whole tab.
    DataValue "Data: value" false false,
    /// Typing the key pattern.
    DataPattern "Key pattern" false true,
    /// A form of the Data tab: time to live, rename, new key, item, inline edit.
    DataForm "Data form" false true,
    /// The exact commands a write will send, before it is sent.
    DataReview "Review the write" true false,
    /// The command line.
    DataConsole "Console" false true,
    /// The biggest keys of a keyspace sample.
    DataBigKeys "Big keys" false false,
    /// Deleting every key of a pattern: counting, typing the pattern, deleting.
    DataBulk "Bulk delete" false true,
    /// An account's audit log, over the Accounts tab.
    AuditLog "Audit log" false false,
    /// The Products tab: Vector indexes, Search indexes, QStash.
    Products "Products" false false,
    /// A one-line form of the Products tab (filter, rename, delete, transfer, plan, budget).
    ProductText "Products form" false true,
    /// The Products tab's create form.
    ProductCreate "Create" false true,
}

/// A `[keys]` entry that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyMapError {
    /// The action name is not in the key map.
    #[error("[keys] {action:?} is not an action; known actions: {known}")]
    UnknownAction {
        /// The name from the config.
        action: String,
        /// Every valid name, comma-separated.
        known: String,
    },
    /// A key string does not parse.
    #[error("[keys] {action} = {key:?}: {reason}")]
    BadKey {
        /// The action.
        action: String,
        /// The key string.
        key: String,
        /// What is wrong.
        reason: String,
    },
    /// An action that must stay reachable lost all its keys.
    #[error("[keys] {action} needs at least one key")]
    NoKeys {
        /// The action.
        action: String,
    },
    /// Two actions would share one key in one key context.
    #[error("[keys] {key} is bound to both {first} and {second} in {context}")]
    Conflict {
        /// The key, as displayed.
        key: String,
        /// One action.
        first: String,
        /// The other action.
        second: String,
        /// The key context where both apply.
        context: String,
    },
}

/// One binding with its effective keys.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The table row.
    pub spec: &'static BindingSpec,
    /// Keys after overrides.
    pub keys: Vec<KeyChord>,
    overridden: bool,
}

impl Binding {
    /// The keys joined for display, e.g. "j/↓".
    pub fn keys_label(&self) -> String {
        let keys: Vec<String> = self.keys.iter().map(ToString::to_string).collect();
        keys.join("/")
    }
}

/// The effective key map.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        Self::defaults()
    }
}

impl KeyMap {
    /// The built-in bindings.
    pub fn defaults() -> Self {
        let bindings = TABLE
            .iter()
            .map(|spec| Binding {
                spec,
                // The table is tested to parse; a row that did not would just have no key.
                keys: spec
                    .keys
                    .iter()
                    .filter_map(|k| KeyChord::parse(k).ok())
                    .collect(),
                overridden: false,
            })
            .collect();
        Self { bindings }
    }

    /// The built-in bindings with `[keys]` overrides (action name → keys) applied.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Self, KeyMapError> {
        let mut map = Self::defaults();
        for (action, keys) in overrides {
            let binding = map
                .bindings
                .iter_mut()
                .find(|b| b.spec.name == action)
                .ok_or_else(|| KeyMapError::UnknownAction {
                    action: action.clone(),
                    known: TABLE.iter().map(|s| s.name).collect::<Vec<_>>().join(", "),
                })?;
            let parsed = keys
                .iter()
                .map(|key| {
                    KeyChord::parse(key).map_err(|reason| KeyMapError::BadKey {
                        action: action.clone(),
                        key: key.clone(),
                        reason,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if parsed.is_empty() && matches!(binding.spec.command, Command::Quit) {
                return Err(KeyMapError::NoKeys {
                    action: action.clone(),
                });
            }
            binding.keys = parsed;
            binding.overridden = true;
        }
        map.check_conflicts()?;
        Ok(map)
    }

    /// The key map of `config`'s `[keys]`, or the error at the entry's line and column: the
    /// one check the dashboard and `updash config check` both make.
    pub fn from_config(config: &Config) -> Result<Self, ConfigError> {
        Self::with_overrides(&config.keys).map_err(|e| {
            let action = match &e {
                KeyMapError::UnknownAction { action, .. }
                | KeyMapError::BadKey { action, .. }
                | KeyMapError::NoKeys { action } => action.as_str(),
                // Point at the entry that was changed (defaults never conflict).
                KeyMapError::Conflict { first, second, .. } => {
                    if config.keys.contains_key(second) {
                        second.as_str()
                    } else {
                        first.as_str()
                    }
                }
            };
            let text = e.to_string();
            let reason = text.strip_prefix("[keys] ").unwrap_or(&text);
            config.key_error(action, reason)
        })
    }

    /// A key shared by two bindings where both apply is an error when either was overridden;
    /// among defaults a context binding deliberately shadows a global one (tab in forms).
    ///
    /// One pass per context with the first binding seen for each key: a pair with an
    /// overridden member always meets that first binding, so no pair needs comparing.
    fn check_conflicts(&self) -> Result<(), KeyMapError> {
        let mut first_holder: HashMap<KeyChord, &Binding> = HashMap::new();
        for &context in KeyContext::ALL {
            first_holder.clear();
            let active = self
                .applicable(context)
                .flat_map(|b| b.keys.iter().map(move |k| (b, *k)))
                .filter(|(b, k)| {
                    !(context.takes_text()
                        && b.spec.contexts.contains(&KeyContext::Global)
                        && k.is_printable())
                });
            for (b, key) in active {
                let a = *first_holder.entry(key).or_insert(b);
                if !std::ptr::eq(a, b) && (a.overridden || b.overridden) {
                    return Err(KeyMapError::Conflict {
                        key: key.to_string(),
                        first: a.spec.name.into(),
                        second: b.spec.name.into(),
                        context: context.title().into(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Bindings that apply in `context`: its own first, then the global ones (not in modals).
    fn applicable(&self, context: KeyContext) -> impl Iterator<Item = &Binding> {
        let own = self
            .bindings
            .iter()
            .filter(move |b| context != KeyContext::Global && b.spec.contexts.contains(&context));
        let global = self
            .bindings
            .iter()
            .filter(move |b| !context.is_modal() && b.spec.contexts.contains(&KeyContext::Global));
        own.chain(global)
    }

    /// The binding a key press runs in `context`, if any. In text contexts a printable key
    /// never reaches a global binding (it is typed instead).
    pub fn lookup(&self, context: KeyContext, chord: KeyChord) -> Option<&Binding> {
        self.applicable(context).find(|b| {
            b.keys.contains(&chord)
                && !(context.takes_text()
                    && chord.is_printable()
                    && b.spec.contexts.contains(&KeyContext::Global))
        })
    }

    /// What help lists for `context`: its own bindings, then the global ones reachable from
    /// it; write actions are left out in read-only mode, unbound ones always.
    pub fn help_entries(&self, context: KeyContext, read_only: bool) -> Vec<HelpEntry> {
        self.applicable(context)
            .filter(|b| !(read_only && b.spec.write))
            .filter_map(|b| {
                let keys: Vec<String> = b
                    .keys
                    .iter()
                    .filter(|k| self.reaches(context, **k, b))
                    .map(ToString::to_string)
                    .collect();
                (!keys.is_empty()).then(|| HelpEntry {
                    keys: keys.join("/"),
                    description: b.spec.description,
                    global: b.spec.contexts.contains(&KeyContext::Global),
                })
            })
            .collect()
    }

    /// The hint bar for `context`: (first key, short label) of bindings that have a hint.
    pub fn hints(&self, context: KeyContext, read_only: bool) -> Vec<(String, &'static str)> {
        self.applicable(context)
            .filter(|b| !(read_only && b.spec.write))
            .filter_map(|b| {
                let hint = b.spec.hint?;
                let key = b.keys.iter().find(|k| self.reaches(context, **k, b))?;
                Some((key.to_string(), hint))
            })
            .collect()
    }

    /// Whether pressing `key` in `context` runs `binding` (not typed, not shadowed).
    fn reaches(&self, context: KeyContext, key: KeyChord, binding: &Binding) -> bool {
        self.lookup(context, key)
            .is_some_and(|hit| std::ptr::eq(hit.spec, binding.spec))
    }

    /// The binding of `command`.
    pub fn binding(&self, command: Command) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.spec.command == command)
    }
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// Keys, e.g. "j/↓".
    pub keys: String,
    /// What they do.
    pub description: &'static str,
    /// Whether it is a global binding (listed under "Everywhere").
    pub global: bool,
}

#[cfg(test)]
mod tests;
