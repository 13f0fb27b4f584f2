//! The databases as table rows: display cells and a search string computed once per row,
//! a sorted order, and the filtered view as indices (so a keystroke of the filter scans
//! strings and allocates one `Vec<usize>`, and rendering touches only the visible window).

use crate::upstash::{Database, regions};
use std::cmp::Ordering;

/// The table's columns, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Database name.
    Name,
    /// Plan (`free`, `payg`, ...).
    Plan,
    /// Platform, primary region and its location.
    Region,
    /// Read regions.
    ReadRegions,
    /// `active`, `suspended`, ...
    State,
    /// TLS on or off.
    Tls,
    /// Creation date.
    Created,
}

/// Number of columns.
pub const COLUMN_COUNT: usize = 7;

impl Column {
    /// Every column, in display (and sort-cycle) order.
    pub const ALL: [Column; COLUMN_COUNT] = [
        Column::Name,
        Column::Plan,
        Column::Region,
        Column::ReadRegions,
        Column::State,
        Column::Tls,
        Column::Created,
    ];

    /// Header text.
    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Plan => "Plan",
            Column::Region => "Region",
            Column::ReadRegions => "Read regions",
            Column::State => "State",
            Column::Tls => "TLS",
            Column::Created => "Created",
        }
    }

    /// Position in [`Column::ALL`].
    pub fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    /// The next column of the sort cycle.
    pub fn next(self) -> Column {
        Column::ALL[(self.index() + 1) % COLUMN_COUNT]
    }
}

/// One database with what the table shows and searches.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The database as last loaded.
    pub db: Database,
    /// The display text of each column.
    pub cells: [String; COLUMN_COUNT],
    /// The cells joined, lowercase, for queries without capitals (queries with capitals
    /// look at the cells themselves, so the joined text is not kept twice).
    haystack_lower: String,
}

impl Entry {
    /// The row of `db`; its cells sanitised, as they are drawn and searched.
    pub fn new(db: Database) -> Self {
        let cells = cells(&db).map(|c| match crate::output::sanitize(&c) {
            std::borrow::Cow::Borrowed(_) => c,
            std::borrow::Cow::Owned(shown) => shown,
        });
        let haystack_lower = cells.join("\n").to_lowercase();
        Self {
            db,
            cells,
            haystack_lower,
        }
    }

    fn matches(&self, query: &Query) -> bool {
        match query {
            Query::All => true,
            Query::Exact(q) => self.cells.iter().any(|c| c.contains(q.as_str())),
            Query::Lower(q) => self.haystack_lower.contains(q.as_str()),
        }
    }
}

/// "aws us-east-1 (N. Virginia)".
pub fn region_text(code: &str) -> String {
    if code.is_empty() {
        return "—".into();
    }
    let platform = regions::platform_of(code).unwrap_or("?");
    match regions::find(code) {
        Some(r) => format!("{platform} {code} ({})", r.location),
        None => format!("{platform} {code}"),
    }
}

/// A Unix time as a date, `2025-01-01`.
pub fn date_text(unix: Option<i64>) -> String {
    unix.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .map(|t| format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_else(|| "—".into())
}

fn cells(db: &Database) -> [String; COLUMN_COUNT] {
    let or_dash = |v: Option<&str>| v.filter(|s| !s.is_empty()).unwrap_or("—").to_string();
    [
        db.database_name.clone(),
        or_dash(db.plan.as_deref()),
        region_text(db.display_region()),
        if db.read_regions.is_empty() {
            "—".into()
        } else {
            db.read_regions.join(", ")
        },
        or_dash(db.state.as_deref()),
        match db.tls {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => "—".into(),
        },
        date_text(db.creation_time),
    ]
}

enum Query {
    All,
    Exact(String),
    Lower(String),
}

impl Query {
    /// Smart case: a query with a capital letter matches case-sensitively.
    fn new(text: &str) -> Self {
        if text.is_empty() {
            Query::All
        } else if text.chars().any(char::is_uppercase) {
            Query::Exact(text.to_string())
        } else {
            Query::Lower(text.to_string())
        }
    }
}

/// The rows, their sort order and the filtered view.
#[derive(Debug, Clone, Default)]
pub struct DbTable {
    rows: Vec<Entry>,
    /// Row indices in sort order.
    order: Vec<usize>,
    /// Row indices in sort order that match the filter.
    visible: Vec<usize>,
    sort: Option<(Column, bool)>,
    query: String,
    /// Widest cell of each column over all rows (column widths do not jump while scrolling).
    widths: [usize; COLUMN_COUNT],
}

impl DbTable {
    /// Replaces the rows, keeping sort and filter.
    pub fn set_rows(&mut self, mut databases: Vec<Database>) {
        // The rows are built from the back while the list gives its memory back a block at
        // a time: collecting them straight from the list held 10,000 databases (about 800
        // bytes each before their strings) twice, which set the dashboard's peak memory.
        const BLOCK: usize = 512;
        let mut rows = Vec::with_capacity(databases.len());
        while let Some(db) = databases.pop() {
            rows.push(Entry::new(db));
            if databases.len().is_multiple_of(BLOCK) {
                databases.shrink_to_fit();
            }
        }
        rows.reverse();
        self.rows = rows;
        self.rebuild();
    }

    /// Every row, unfiltered, in load order.
    pub fn rows(&self) -> &[Entry] {
        &self.rows
    }

    /// Number of rows before filtering.
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// The rows shown, as row indices in display order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The shown row at display position `i`.
    pub fn shown(&self, i: usize) -> Option<&Entry> {
        self.visible.get(i).and_then(|r| self.rows.get(*r))
    }

    /// Display position of the database `id`, if shown.
    pub fn position_of(&self, id: &str) -> Option<usize> {
        self.visible
            .iter()
            .position(|r| self.rows.get(*r).is_some_and(|e| e.db.database_id == id))
    }

    /// The row of database `id` (shown or not).
    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.rows.iter().find(|e| e.db.database_id == id)
    }

    /// The current sort: column and whether descending; `None` keeps load order.
    pub fn sort(&self) -> Option<(Column, bool)> {
        self.sort
    }

    /// The filter text.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Widest cell of each column (header included).
    pub fn widths(&self) -> [usize; COLUMN_COUNT] {
        self.widths
    }

    /// Sorts by `column` (`descending` reverses it).
    pub fn set_sort(&mut self, column: Column, descending: bool) {
        self.sort = Some((column, descending));
        self.sort_order();
        self.refilter();
    }

    /// Filters by `query` (case-insensitive unless it has a capital).
    pub fn set_query(&mut self, query: &str) {
        if self.query == query {
            return;
        }
        // A longer query only narrows: scan the current view instead of every row.
        let narrowing = !self.query.is_empty()
            && query.starts_with(self.query.as_str())
            && Query::new(query).same_case_as(&Query::new(&self.query));
        self.query = query.to_string();
        let q = Query::new(query);
        let source = if narrowing {
            &self.visible
        } else {
            &self.order
        };
        self.visible = source
            .iter()
            .copied()
            .filter(|r| self.rows[*r].matches(&q))
            .collect();
    }

    /// Puts `db` in place of the row with its id, or adds it.
    pub fn upsert(&mut self, db: Database) {
        match self
            .rows
            .iter_mut()
            .find(|e| e.db.database_id == db.database_id)
        {
            Some(entry) => *entry = Entry::new(db),
            None => self.rows.push(Entry::new(db)),
        }
        self.rebuild();
    }

    /// Drops the row of database `id`.
    pub fn remove(&mut self, id: &str) {
        self.rows.retain(|e| e.db.database_id != id);
        self.rebuild();
    }

    /// Changes the row of `id` in place (then recomputes its cells).
    pub fn update(&mut self, id: &str, change: impl FnOnce(&mut Database)) {
        if let Some(entry) = self.rows.iter_mut().find(|e| e.db.database_id == id) {
            let mut db = entry.db.clone();
            change(&mut db);
            *entry = Entry::new(db);
            self.rebuild();
        }
    }

    fn rebuild(&mut self) {
        self.widths = std::array::from_fn(|i| {
            self.rows
                .iter()
                .map(|e| crate::output::display_width(&e.cells[i]))
                .chain([Column::ALL[i].title().chars().count() + 2])
                .max()
                .unwrap_or(0)
        });
        self.sort_order();
        self.refilter();
    }

    fn sort_order(&mut self) {
        self.order = (0..self.rows.len()).collect();
        let Some((column, descending)) = self.sort else {
            return;
        };
        let rows = &self.rows;
        self.order.sort_by(|a, b| {
            let ord = compare(&rows[*a], &rows[*b], column);
            if descending { ord.reverse() } else { ord }
        });
    }

    fn refilter(&mut self) {
        let q = Query::new(&self.query);
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|r| self.rows[*r].matches(&q))
            .collect();
    }
}

impl Query {
    fn same_case_as(&self, other: &Query) -> bool {
        matches!(
            (self, other),
            (Query::Exact(_), Query::Exact(_)) | (Query::Lower(_), Query::Lower(_))
        )
    }
}

fn compare(a: &Entry, b: &Entry, column: Column) -> Ordering {
    let primary = match column {
        Column::Created => a.db.creation_time.cmp(&b.db.creation_time),
        other => {
            let i = other.index();
            natural_lower(&a.cells[i], &b.cells[i])
        }
    };
    primary
        .then_with(|| natural_lower(&a.db.database_name, &b.db.database_name))
        .then_with(|| a.db.database_id.cmp(&b.db.database_id))
}

/// Case-insensitive comparison without allocating.
fn natural_lower(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(id: &str, name: &str, region: &str, created: i64) -> Database {
        let mut d: Database = serde_json::from_value(serde_json::json!({
            "database_id": id, "database_name": name, "primary_region": region,
            "type": "payg", "state": "active", "tls": true, "creation_time": created
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        d.read_regions = vec![];
        d
    }

    fn names(t: &DbTable) -> Vec<String> {
        (0..t.visible().len())
            .filter_map(|i| t.shown(i).map(|e| e.db.database_name.clone()))
            .collect()
    }

    #[test]
    fn filter_is_smart_case_and_sort_toggles() {
        let mut t = DbTable::default();
        t.set_rows(vec![
            db("1", "Sessions", "us-east-1", 30),
            db("2", "cache", "eu-west-1", 10),
            db("3", "sessions-eu", "eu-west-1", 20),
        ]);
        t.set_query("sess");
        assert_eq!(names(&t), ["Sessions", "sessions-eu"]);
        t.set_query("Sess");
        assert_eq!(names(&t), ["Sessions"]);
        t.set_query("ireland");
        assert_eq!(names(&t), ["cache", "sessions-eu"]);
        t.set_query("");
        t.set_sort(Column::Created, false);
        assert_eq!(names(&t), ["cache", "sessions-eu", "Sessions"]);
        t.set_sort(Column::Created, true);
        assert_eq!(names(&t), ["Sessions", "sessions-eu", "cache"]);
        t.set_query("eu");
        t.set_sort(Column::Name, false);
        assert_eq!(names(&t), ["cache", "sessions-eu"]);
        t.upsert(db("4", "eu-logs", "eu-west-1", 40));
        assert_eq!(names(&t), ["cache", "eu-logs", "sessions-eu"]);
        t.remove("2");
        assert_eq!(names(&t), ["eu-logs", "sessions-eu"]);
        assert_eq!(t.position_of("3"), Some(1));
    }
}
