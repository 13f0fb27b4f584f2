//! The tree view of the keys: names split into folders at the configured delimiters, each
//! folder with the count of loaded keys inside. Keys sharing a prefix sit together in name
//! order, so a folder is a range of positions and a collapsed one costs one binary search.

use super::keys::KeyStore;
use std::collections::HashSet;

/// One row of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    /// A folder: the keys at positions `start..end` share its prefix.
    Folder {
        /// Nesting level (0 at the top).
        depth: u16,
        /// First position inside.
        start: u32,
        /// One past the last position inside.
        end: u32,
        /// The prefix's length in bytes (the delimiter included).
        prefix_len: u32,
        /// Where the folder's own segment starts in the prefix.
        label_start: u32,
    },
    /// A key.
    Key {
        /// Nesting level.
        depth: u16,
        /// Its position in name order.
        position: u32,
        /// Where the part after its folder starts in its name.
        label_start: u32,
    },
}

impl TreeRow {
    /// Nesting level.
    pub fn depth(&self) -> u16 {
        match self {
            TreeRow::Folder { depth, .. } | TreeRow::Key { depth, .. } => *depth,
        }
    }
}

/// The end of the first delimiter in `name` at or after `from`.
fn delimiter_end(name: &[u8], from: usize, delimiters: &[String]) -> Option<usize> {
    (from..name.len()).find_map(|i| {
        delimiters
            .iter()
            .find(|d| name[i..].starts_with(d.as_bytes()))
            .map(|d| i + d.len())
    })
}

/// The rows of the tree: folders in `expanded` (by prefix) are opened.
pub fn rows(store: &KeyStore, delimiters: &[String], expanded: &HashSet<Vec<u8>>) -> Vec<TreeRow> {
    let mut out = Vec::new();
    push_level(
        store,
        delimiters,
        expanded,
        (0, store.len()),
        0,
        0,
        &mut out,
    );
    out
}

fn push_level(
    store: &KeyStore,
    delimiters: &[String],
    expanded: &HashSet<Vec<u8>>,
    (from, to): (usize, usize),
    prefix_len: usize,
    depth: u16,
    out: &mut Vec<TreeRow>,
) {
    let mut i = from;
    while i < to {
        let name = store.name_at(i);
        match delimiter_end(name, prefix_len, delimiters) {
            None => {
                out.push(TreeRow::Key {
                    depth,
                    position: i as u32,
                    label_start: prefix_len as u32,
                });
                i += 1;
            }
            Some(end) => {
                let prefix = &name[..end];
                let stop = store.prefix_end(i, to, prefix);
                out.push(TreeRow::Folder {
                    depth,
                    start: i as u32,
                    end: stop as u32,
                    prefix_len: end as u32,
                    label_start: prefix_len as u32,
                });
                if expanded.contains(prefix) {
                    push_level(store, delimiters, expanded, (i, stop), end, depth + 1, out);
                }
                i = stop.max(i + 1);
            }
        }
    }
}

/// The prefix of a folder row (the name of its first key, cut after the delimiter).
pub fn folder_prefix(store: &KeyStore, row: &TreeRow) -> Option<Vec<u8>> {
    match row {
        TreeRow::Folder {
            start, prefix_len, ..
        } => Some(store.name_at(*start as usize)[..*prefix_len as usize].to_vec()),
        TreeRow::Key { .. } => None,
    }
}

/// The row of the folder holding row `at` (the nearest row above it one level up).
pub fn parent(rows: &[TreeRow], at: usize) -> Option<usize> {
    let depth = rows.get(at)?.depth();
    if depth == 0 {
        return None;
    }
    rows[..at].iter().rposition(|r| r.depth() + 1 == depth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::tabs::data::keys::KeyType;

    fn store(names: &[&str]) -> KeyStore {
        let mut s = KeyStore::default();
        s.add_page(
            names
                .iter()
                .map(|n| (n.as_bytes().to_vec(), KeyType::String))
                .collect(),
        );
        s
    }

    #[test]
    fn folders_count_their_keys_and_open_when_expanded() {
        let s = store(&["a:1", "a:2", "a:b:3", "a", "c", "d/x", "d/y"]);
        let colon = vec![":".to_string()];
        let mut expanded = HashSet::new();
        let top = rows(&s, &colon, &expanded);
        // a, a: (3 keys), c, d/x, d/y — "/" is no delimiter here.
        assert_eq!(top.len(), 5);
        assert!(matches!(
            top[1],
            TreeRow::Folder {
                start: 1,
                end: 4,
                ..
            }
        ));
        expanded.insert(b"a:".to_vec());
        let open = rows(&s, &colon, &expanded);
        // a, a: → 1, 2, a:b: (collapsed), c, d/x, d/y.
        assert_eq!(open.len(), 8);
        assert!(matches!(
            open[4],
            TreeRow::Folder {
                depth: 1,
                start: 3,
                end: 4,
                ..
            }
        ));
        assert_eq!(parent(&open, 4), Some(1));
        assert_eq!(folder_prefix(&s, &open[4]).as_deref(), Some(&b"a:b:"[..]));
        let both = vec![":".to_string(), "/".to_string()];
        let top = rows(&s, &both, &HashSet::new());
        assert!(matches!(
            top.last(),
            Some(TreeRow::Folder {
                start: 5,
                end: 7,
                ..
            })
        ));
    }
}
