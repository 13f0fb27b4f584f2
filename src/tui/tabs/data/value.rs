//! The value of the key being looked at: its header (type, length, size, time to live) and
//! its body: a string (see `string_view`), a JSON document, or pages of items (hash fields,
//! list elements, set and sorted set members, stream entries), 50 at a time.

use super::keys::{KeyType, Ttl};
use super::string_view::StrValue;
use std::collections::HashSet;

/// Items asked for per page.
pub const PAGE: u64 = 50;

/// How far the value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load {
    /// Asked for, not answered.
    Loading,
    /// Shown.
    Ready,
    /// The key no longer exists.
    Gone,
    /// It could not be read (in words).
    Failed(String),
}

/// One item of a collection.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A hash field, with its own time to live when set (seconds; `HTTL`).
    Field {
        /// The field.
        field: Vec<u8>,
        /// Its value.
        value: Vec<u8>,
        /// Seconds left, when the field expires.
        ttl: Option<i64>,
    },
    /// A list element.
    Element {
        /// Its index.
        index: u64,
        /// Its value.
        value: Vec<u8>,
    },
    /// A set member.
    Member(Vec<u8>),
    /// A sorted set member and its score (as Redis wrote it).
    Scored {
        /// The member.
        member: Vec<u8>,
        /// Its score.
        score: String,
    },
    /// A stream entry.
    Entry {
        /// Its id.
        id: String,
        /// Its fields and values.
        fields: Vec<(Vec<u8>, Vec<u8>)>,
    },
}

impl Item {
    /// What `y` copies and `e` starts from: the value, element, member or the entry's fields.
    pub fn value_bytes(&self) -> Vec<u8> {
        match self {
            Item::Field { value, .. } | Item::Element { value, .. } => value.clone(),
            Item::Member(m) | Item::Scored { member: m, .. } => m.clone(),
            Item::Entry { fields, .. } => {
                let mut out = Vec::new();
                for (i, (f, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(f);
                    out.push(b' ');
                    out.extend_from_slice(v);
                }
                out
            }
        }
    }
}

/// Where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// A SCAN-family cursor (HSCAN, SSCAN).
    Scan(String),
    /// An index (LRANGE, ZRANGE).
    Index(u64),
    /// After this stream id (XRANGE).
    After(String),
}

/// Pages of items loaded so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// The items, in the order shown.
    pub items: Vec<Item>,
    /// Where the next page starts.
    pub cursor: Cursor,
    /// Every item is loaded.
    pub done: bool,
    /// Names already shown (HSCAN and SSCAN may repeat one).
    seen: HashSet<Vec<u8>>,
}

impl Rows {
    /// No items yet; the first page starts at `cursor`.
    pub fn new(cursor: Cursor) -> Self {
        Self {
            items: Vec::new(),
            cursor,
            done: false,
            seen: HashSet::new(),
        }
    }

    /// Adds a page, leaving out fields and members already shown.
    pub fn extend(&mut self, items: Vec<Item>) {
        for item in items {
            let name = match &item {
                Item::Field { field, .. } => Some(field),
                Item::Member(m) => Some(m),
                _ => None,
            };
            if let Some(name) = name
                && !self.seen.insert(name.clone())
            {
                continue;
            }
            self.items.push(item);
        }
    }
}

/// What the value holds.
#[derive(Debug, Clone)]
pub enum Body {
    /// Nothing loaded yet (or nothing to show).
    Empty,
    /// A string.
    Str(StrValue),
    /// A JSON document, pretty-printed.
    Json(Vec<u8>),
    /// Pages of items.
    Rows(Rows),
}

/// The value being looked at.
#[derive(Debug, Clone)]
pub struct ValueView {
    /// The key.
    pub key: Vec<u8>,
    /// Its type (`TYPE`).
    pub kind: KeyType,
    /// `TYPE`'s own word, for types the tab does not show.
    pub type_name: String,
    /// How far it is.
    pub load: Load,
    /// Time to live.
    pub ttl: Ttl,
    /// `MEMORY USAGE`.
    pub size: Option<u64>,
    /// Length: bytes, fields, elements, members or entries.
    pub len: Option<u64>,
    /// The body.
    pub body: Body,
    /// The selected item (collections).
    pub selected: usize,
    /// First row shown (collections), or the byte where the top line starts (text).
    pub offset: usize,
    /// A page or piece is on its way.
    pub more_loading: bool,
    /// The operator asked for the whole string: pieces follow one another.
    pub rest: bool,
    /// Why the last page could not be read.
    pub note: Option<String>,
}

impl ValueView {
    /// The value of `key`, of type `kind` as the key list says, being loaded.
    pub fn loading(key: Vec<u8>, kind: KeyType) -> Self {
        Self {
            key,
            kind,
            type_name: kind.label().to_string(),
            load: Load::Loading,
            ttl: Ttl::Unknown,
            size: None,
            len: None,
            body: Body::Empty,
            selected: 0,
            offset: 0,
            more_loading: false,
            rest: false,
            note: None,
        }
    }

    /// The items, for a collection.
    pub fn rows(&self) -> Option<&Rows> {
        match &self.body {
            Body::Rows(rows) => Some(rows),
            _ => None,
        }
    }

    /// The selected item.
    pub fn selected_item(&self) -> Option<&Item> {
        self.rows()?.items.get(self.selected)
    }

    /// The text lines shown (strings and JSON), when the body is text.
    pub fn string(&self) -> Option<&StrValue> {
        match &self.body {
            Body::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether more can be loaded: a page, or the rest of a string.
    pub fn has_more(&self) -> bool {
        match &self.body {
            Body::Rows(rows) => !rows.done,
            Body::Str(s) => s.more_to_load(),
            _ => false,
        }
    }
}
