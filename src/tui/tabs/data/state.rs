//! The Data tab's state: the database open (its keys, the value looked at, write mode,
//! whatever has the keyboard) and what each database visited keeps: its pattern, type
//! filter, tree and selection, so switching back finds them again.

use super::bigkeys::BigKeys;
use super::bulk::Bulk;
use super::calls::Calls;
use super::console::Console;
use super::form::{Form, FormKind};
use super::keys::KeyType;
use super::list::KeyList;
use super::scan::Scan;
use super::value::ValueView;
use super::write::Review;
use crate::tui::init::AppInit;
use crate::tui::request::RequestId;
use crate::tui::services::DataTarget;
use crate::tui::text_input::TextInput;
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;

/// What has the keyboard.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    /// The key list, or the value when it fills the tab.
    #[default]
    Keys,
    /// The pattern being typed.
    Pattern(TextInput),
    /// A form.
    Form(Form),
    /// A write waiting for a yes.
    Review(Review),
    /// The command line.
    Console,
    /// The big keys.
    BigKeys,
    /// A bulk delete.
    Bulk,
}

/// What a database keeps while another one is shown.
#[derive(Debug, Clone, Default)]
pub struct Remembered {
    /// The pattern.
    pub pattern: String,
    /// The type filter.
    pub type_filter: Option<KeyType>,
    /// The selected key.
    pub selected: Option<Vec<u8>>,
    /// Shown as a tree.
    pub tree: bool,
    /// Open folders.
    pub expanded: HashSet<Vec<u8>>,
}

/// The database on screen.
#[derive(Debug, Clone)]
pub struct Open {
    /// The account and database.
    pub target: DataTarget,
    /// The database's name.
    pub database_name: String,
    /// The walk the key list comes from (a new pattern starts a new one).
    pub generation: u64,
    /// SCAN's progress.
    pub scan: Scan,
    /// The keys.
    pub list: KeyList,
    /// Why the last SCAN failed.
    pub error: Option<String>,
    /// The value looked at.
    pub value: Option<ValueView>,
    /// The value fills the tab.
    pub zoomed: bool,
    /// Write mode: writes may be sent (each after a review).
    pub write: bool,
    /// What has the keyboard.
    pub mode: Mode,
    /// The review was opened from the command line (it goes back there).
    pub review_from_console: bool,
    /// The command line.
    pub console: Console,
    /// The last big-key sample.
    pub bigkeys: Option<BigKeys>,
    /// The running or last bulk delete.
    pub bulk: Option<Bulk>,
    /// A key to select once it is loaded (the remembered selection).
    pub restore: Option<Vec<u8>>,
    /// What `$EDITOR` is editing, while it is.
    pub editing: Option<Editing>,
}

/// A value handed to `$EDITOR`: the request that gets its text back, and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    /// The editor's request.
    pub request: RequestId,
    /// The key.
    pub key: String,
    /// The form the edited text fills (its review follows).
    pub kind: FormKind,
}

impl Open {
    /// Keeps what the database should find again.
    pub fn remember(&self) -> Remembered {
        Remembered {
            pattern: self.scan.pattern.clone(),
            type_filter: self.scan.type_filter,
            selected: self
                .list
                .selected_key()
                .map(<[u8]>::to_vec)
                .or_else(|| self.restore.clone()),
            tree: self.list.tree,
            expanded: self.list.expanded.clone(),
        }
    }

    /// The name of the selected key, or of the value shown full screen.
    pub fn current_key(&self) -> Option<Vec<u8>> {
        if self.zoomed {
            return self.value.as_ref().map(|v| v.key.clone());
        }
        self.list.selected_key().map(<[u8]>::to_vec)
    }
}

/// State of the Data tab.
#[derive(Debug, Clone)]
pub struct DataState {
    /// `[data] delimiters`: where the tree splits names.
    pub delimiters: Vec<String>,
    /// The database on screen.
    pub open: Option<Open>,
    /// What each database visited keeps.
    pub remembered: HashMap<DataTarget, Remembered>,
    /// Requests in flight.
    pub calls: Calls,
    /// The command line's history, oldest first.
    pub history: Vec<String>,
    /// The history was asked for.
    pub history_asked: bool,
    /// When the next countdown wake-up is due, if one is set.
    pub ttl_wake: Option<OffsetDateTime>,
    /// The last run number handed out (walks, samples, bulk deletes).
    pub last_run: u64,
}

impl DataState {
    /// No database yet.
    pub fn new(init: &AppInit) -> Self {
        Self {
            delimiters: init.delimiters.clone(),
            open: None,
            remembered: HashMap::new(),
            calls: Calls::default(),
            history: Vec::new(),
            history_asked: false,
            ttl_wake: None,
            last_run: 0,
        }
    }

    /// A new run number.
    pub fn next_run(&mut self) -> u64 {
        self.last_run += 1;
        self.last_run
    }

    /// The selected key's name (no database open, or a folder selected: `None`).
    pub fn selected_key(&self) -> Option<&[u8]> {
        self.open.as_ref()?.list.selected_key()
    }

    /// The name of the key whose value is shown.
    pub fn value_key(&self) -> Option<&[u8]> {
        Some(&self.open.as_ref()?.value.as_ref()?.key)
    }

    /// Whether writes may be sent to the open database.
    pub fn write_mode(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.write)
    }

    /// Closes the open database, keeping what it should find again.
    pub fn close(&mut self) {
        if let Some(open) = self.open.take() {
            self.remembered.insert(open.target.clone(), open.remember());
        }
    }

    /// Opens `target` (after closing the one shown) with what it kept; the caller starts
    /// its scan.
    pub fn open(&mut self, target: DataTarget, database_name: String) -> &mut Open {
        self.close();
        let kept = self.remembered.remove(&target).unwrap_or_default();
        let generation = self.next_run();
        let mut list = KeyList::new(kept.tree, kept.expanded);
        list.rebuild(&self.delimiters);
        self.open.insert(Open {
            target,
            database_name,
            generation,
            scan: Scan::new(&kept.pattern, kept.type_filter),
            list,
            error: None,
            value: None,
            zoomed: false,
            write: false,
            mode: Mode::Keys,
            review_from_console: false,
            console: Console::default(),
            bigkeys: None,
            bulk: None,
            restore: kept.selected,
            editing: None,
        })
    }
}
