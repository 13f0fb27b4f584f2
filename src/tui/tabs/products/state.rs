//! The Products tab's state: which product is shown, its records, the selection, the open
//! details and form, and the requests it awaits.

use super::form::Form;
use super::product::{Product, Row};
use crate::tui::request::Pending;
use crate::tui::text_input::TextInput;
use crate::upstash::models::{IndexStats, QStashStats};
use crate::upstash::{ProductCall, ProductPeriod, QStashUser, SearchIndex, Team, VectorIndex};

/// Usage of the selected record, as loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Usage {
    /// A Vector or Search index.
    Index(Box<IndexStats>),
    /// QStash.
    QStash(Box<QStashStats>),
}

/// State of the Products tab.
#[derive(Debug, Clone, Default)]
pub struct ProductsState {
    /// The product shown.
    pub product: Product,
    /// The account whose records these are.
    pub account: Option<String>,
    /// Vector indexes, as last loaded.
    pub vector: Vec<VectorIndex>,
    /// Search indexes, as last loaded.
    pub search: Vec<SearchIndex>,
    /// QStash, as last loaded.
    pub qstash: Vec<QStashUser>,
    /// Which products have been listed for the account.
    pub loaded: Vec<Product>,
    /// The account's teams (transfer targets).
    pub teams: Vec<Team>,
    /// Selected row of the filtered list.
    pub selected: usize,
    /// The filter as typed (applied as it is typed).
    pub filter: TextInput,
    /// The filter has the keyboard.
    pub filtering: bool,
    /// Details of the selected row are open.
    pub details: bool,
    /// Tokens shown in the details.
    pub reveal: bool,
    /// Usage of the selected row and its period.
    pub usage: Option<Usage>,
    /// The usage period: its place in [`ProductPeriod::ALL`].
    pub period: usize,
    /// The open form.
    pub form: Option<Form>,
    /// A write waiting for the operator's yes.
    pub asked: Option<ProductCall>,
    /// Why the last list failed.
    pub error: Option<String>,
    /// The awaited list.
    pub loading: Pending,
    /// The awaited usage.
    pub usage_loading: Pending,
    /// The awaited teams.
    pub teams_loading: Pending,
    /// The awaited write.
    pub writing: Pending,
    /// The request line of the write in flight, for the toast that ends it.
    pub sent: Option<String>,
}

impl ProductsState {
    /// Every row of the product shown.
    fn all_rows(&self) -> Vec<Row> {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        match self.product {
            Product::Vector => self
                .vector
                .iter()
                .map(|i| Row {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    region: text(&i.region),
                    plan: text(&i.plan),
                    extra: format!(
                        "{} · {}",
                        text(&i.similarity_function),
                        i.dimension_count.map(|d| d.to_string()).unwrap_or_default()
                    ),
                })
                .collect(),
            Product::Search => self
                .search
                .iter()
                .map(|i| Row {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    region: text(&i.region),
                    plan: text(&i.plan),
                    extra: i
                        .max_vector_count
                        .map(|m| format!("max {m} documents"))
                        .unwrap_or_default(),
                })
                .collect(),
            Product::QStash => self
                .qstash
                .iter()
                .map(|q| Row {
                    id: q.id.clone(),
                    name: text(&q.region),
                    region: text(&q.region),
                    plan: text(&q.plan),
                    extra: format!(
                        "{} · budget {}",
                        text(&q.state),
                        match q.budget {
                            Some(0) | None => "none".to_string(),
                            Some(b) => format!("${b}"),
                        }
                    ),
                })
                .collect(),
        }
    }

    /// How many records of the shown product are loaded (filtered or not).
    pub fn total(&self) -> usize {
        match self.product {
            Product::Vector => self.vector.len(),
            Product::Search => self.search.len(),
            Product::QStash => self.qstash.len(),
        }
    }

    /// The rows that pass the filter (smart case: any case unless it has a capital).
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = self.all_rows();
        let filter = self.filter.value().trim();
        if !filter.is_empty() {
            let exact = filter.chars().any(char::is_uppercase);
            let lower = filter.to_lowercase();
            let hit = |text: &str| {
                if exact {
                    text.contains(filter)
                } else {
                    text.to_lowercase().contains(&lower)
                }
            };
            rows.retain(|r| hit(&r.name) || hit(&r.region));
        }
        rows
    }

    /// The selected row.
    pub fn row(&self) -> Option<Row> {
        self.rows().into_iter().nth(self.selected)
    }

    /// The usage period.
    pub fn period(&self) -> ProductPeriod {
        ProductPeriod::ALL[self.period % ProductPeriod::ALL.len()]
    }

    /// Whether the shown product was listed for the account.
    pub fn is_loaded(&self) -> bool {
        self.loaded.contains(&self.product)
    }

    /// The selected Vector index.
    pub fn vector_index(&self, id: &str) -> Option<&VectorIndex> {
        self.vector.iter().find(|i| i.id == id)
    }

    /// The selected Search index.
    pub fn search_index(&self, id: &str) -> Option<&SearchIndex> {
        self.search.iter().find(|i| i.id == id)
    }

    /// The selected QStash.
    pub fn qstash_user(&self, id: &str) -> Option<&QStashUser> {
        self.qstash.iter().find(|q| q.id == id)
    }
}
