//! The key list on screen: the loaded keys as a flat list in name order or as a tree of
//! folders, the selection, and the window of rows shown. The tree's rows are worked out
//! when keys arrive or a folder opens, never on a cursor move.

use super::keys::{EntryId, KeyStore};
use super::tree::{self, TreeRow};
use std::collections::HashSet;

/// One row of the key list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A key: its entry, nesting level, and where its label starts in its name.
    Key {
        /// The key.
        id: EntryId,
        /// Nesting level (0 in the flat list).
        depth: u16,
        /// The label is the name from this byte (after its folder's prefix).
        label_start: u32,
    },
    /// A folder of the tree.
    Folder(TreeRow),
}

/// The key list.
#[derive(Debug, Clone, Default)]
pub struct KeyList {
    /// The keys loaded.
    pub store: KeyStore,
    /// Shown as a tree.
    pub tree: bool,
    /// Open folders, by prefix.
    pub expanded: HashSet<Vec<u8>>,
    rows: Vec<TreeRow>,
    /// The selected row.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

/// What a selection is, so it survives new keys and folders opening.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Anchor {
    Key(Vec<u8>),
    Folder(Vec<u8>),
}

impl KeyList {
    /// An empty list, as a tree or not, with these folders open.
    pub fn new(tree: bool, expanded: HashSet<Vec<u8>>) -> Self {
        Self {
            tree,
            expanded,
            ..Self::default()
        }
    }

    /// Rows in the list.
    pub fn len(&self) -> usize {
        if self.tree {
            self.rows.len()
        } else {
            self.store.len()
        }
    }

    /// Whether the list has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row at `at`.
    pub fn row(&self, at: usize) -> Option<Row> {
        if !self.tree {
            return self.store.at(at).map(|id| Row::Key {
                id,
                depth: 0,
                label_start: 0,
            });
        }
        Some(match *self.rows.get(at)? {
            TreeRow::Key {
                depth,
                position,
                label_start,
            } => Row::Key {
                id: self.store.at(position as usize)?,
                depth,
                label_start,
            },
            folder => Row::Folder(folder),
        })
    }

    /// The selected key, when a key (not a folder) is selected.
    pub fn selected_entry(&self) -> Option<EntryId> {
        match self.row(self.selected)? {
            Row::Key { id, .. } => Some(id),
            Row::Folder(_) => None,
        }
    }

    /// The selected key's name.
    pub fn selected_key(&self) -> Option<&[u8]> {
        self.selected_entry().map(|id| self.store.name(id))
    }

    /// The prefix of a folder row.
    pub fn folder_prefix(&self, at: usize) -> Option<Vec<u8>> {
        tree::folder_prefix(&self.store, self.rows.get(at).filter(|_| self.tree)?)
    }

    fn anchor(&self) -> Option<Anchor> {
        match self.row(self.selected)? {
            Row::Key { id, .. } => Some(Anchor::Key(self.store.name(id).to_vec())),
            Row::Folder(_) => self.folder_prefix(self.selected).map(Anchor::Folder),
        }
    }

    /// Selects the row of `anchor` (or the nearest one).
    fn restore(&mut self, anchor: Option<Anchor>) {
        let Some(anchor) = anchor else {
            self.selected = self.selected.min(self.len().saturating_sub(1));
            return;
        };
        let found = match &anchor {
            Anchor::Key(name) => self.position_of_key(name),
            Anchor::Folder(prefix) => (0..self.rows.len())
                .find(|i| self.folder_prefix(*i).as_deref() == Some(prefix.as_slice())),
        };
        if let Some(at) = found {
            self.selected = at;
        } else {
            self.selected = self.selected.min(self.len().saturating_sub(1));
        }
    }

    /// The row showing the key `name`, if it is loaded and not inside a closed folder.
    pub fn position_of_key(&self, name: &[u8]) -> Option<usize> {
        let position = self.store.position(name).ok()?;
        if !self.tree {
            return Some(position);
        }
        self.rows
            .iter()
            .position(|r| matches!(r, TreeRow::Key { position: p, .. } if *p as usize == position))
    }

    /// Selects the key `name` when it is shown; returns whether it is.
    pub fn select_key(&mut self, name: &[u8]) -> bool {
        match self.position_of_key(name) {
            Some(at) => {
                self.selected = at;
                true
            }
            None => false,
        }
    }

    /// Works the tree's rows out again (after new keys or a folder opening or closing),
    /// keeping the selection on the same key or folder.
    pub fn rebuild(&mut self, delimiters: &[String]) {
        let anchor = self.anchor();
        self.rows = if self.tree {
            tree::rows(&self.store, delimiters, &self.expanded)
        } else {
            Vec::new()
        };
        self.restore(anchor);
    }

    /// Adds a page of keys; returns how many were new.
    pub fn add_page(
        &mut self,
        page: Vec<(Vec<u8>, super::keys::KeyType)>,
        delimiters: &[String],
    ) -> usize {
        let anchor = self.anchor();
        let added = self.store.add_page(page);
        if added > 0 {
            if self.tree {
                self.rows = tree::rows(&self.store, delimiters, &self.expanded);
            }
            self.restore(anchor);
        }
        added
    }

    /// Switches between the tree and the flat list.
    pub fn set_tree(&mut self, on: bool, delimiters: &[String]) {
        let anchor = self.anchor();
        self.tree = on;
        if let (true, Some(Anchor::Key(name))) = (on, &anchor) {
            // Open the folders down to the selected key so it stays in sight.
            for end in delimiter_ends(name, delimiters) {
                self.expanded.insert(name[..end].to_vec());
            }
        }
        self.rows = if on {
            tree::rows(&self.store, delimiters, &self.expanded)
        } else {
            Vec::new()
        };
        self.restore(anchor);
    }

    /// Opens or closes the folder at `at`; returns whether it was a folder.
    pub fn toggle_folder(&mut self, at: usize, open: Option<bool>, delimiters: &[String]) -> bool {
        let Some(prefix) = self.folder_prefix(at) else {
            return false;
        };
        let is_open = self.expanded.contains(&prefix);
        let want = open.unwrap_or(!is_open);
        if want != is_open {
            if want {
                self.expanded.insert(prefix);
            } else {
                self.expanded.remove(&prefix);
            }
            self.selected = at;
            self.rebuild(delimiters);
        }
        true
    }

    /// Whether the folder at `at` is open.
    pub fn folder_open(&self, at: usize) -> bool {
        self.folder_prefix(at)
            .is_some_and(|p| self.expanded.contains(&p))
    }

    /// The row of the folder holding row `at`.
    pub fn parent(&self, at: usize) -> Option<usize> {
        if self.tree {
            tree::parent(&self.rows, at)
        } else {
            None
        }
    }

    /// Forgets the key `name` (deleted, renamed away).
    pub fn remove_key(&mut self, name: &[u8], delimiters: &[String]) {
        if let Ok(position) = self.store.position(name) {
            let anchor = self.anchor();
            self.store.remove_at(position);
            self.rows = if self.tree {
                tree::rows(&self.store, delimiters, &self.expanded)
            } else {
                Vec::new()
            };
            self.restore(anchor);
        }
    }
}

/// The ends of every delimiter in `name` (each one a folder's prefix end).
fn delimiter_ends(name: &[u8], delimiters: &[String]) -> Vec<usize> {
    (0..name.len())
        .filter_map(|i| {
            delimiters
                .iter()
                .find(|d| name[i..].starts_with(d.as_bytes()))
                .map(|d| i + d.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::tabs::data::keys::KeyType;

    fn page(names: &[&str]) -> Vec<(Vec<u8>, KeyType)> {
        names
            .iter()
            .map(|n| (n.as_bytes().to_vec(), KeyType::Hash))
            .collect()
    }

    #[test]
    fn the_selection_stays_on_its_key_as_pages_and_folders_come() {
        let colon = vec![":".to_string()];
        let mut list = KeyList::default();
        list.add_page(page(&["b:1", "b:2"]), &colon);
        list.selected = 1;
        list.add_page(page(&["a:1", "a:2"]), &colon);
        assert_eq!(list.selected_key(), Some(&b"b:2"[..]));
        list.set_tree(true, &colon);
        // a: (closed), b: (open: the selected key's folder), b:1, b:2.
        assert_eq!(list.len(), 4);
        assert_eq!(list.selected_key(), Some(&b"b:2"[..]));
        assert_eq!(list.parent(list.selected), Some(1));
        assert!(list.toggle_folder(0, Some(true), &colon));
        assert_eq!(list.len(), 6);
        list.remove_key(b"a:1", &colon);
        assert_eq!(list.len(), 5);
        list.set_tree(false, &colon);
        assert_eq!(list.len(), 3);
    }
}
