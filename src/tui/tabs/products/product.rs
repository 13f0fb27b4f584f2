//! The products the tab switches between, and one row of the list whatever the product.

use crate::upstash::IndexKind;

/// The products the tab switches between.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Product {
    /// Vector indexes.
    #[default]
    Vector,
    /// Search indexes.
    Search,
    /// QStash, one per region.
    QStash,
}

impl Product {
    /// Every product, in switcher order.
    pub const ALL: [Product; 3] = [Product::Vector, Product::Search, Product::QStash];

    /// The name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Vector => "Vector",
            Self::Search => "Search",
            Self::QStash => "QStash",
        }
    }

    /// The index kind of Vector and Search; `None` for QStash, which has no indexes.
    pub fn index_kind(self) -> Option<IndexKind> {
        match self {
            Self::Vector => Some(IndexKind::Vector),
            Self::Search => Some(IndexKind::Search),
            Self::QStash => None,
        }
    }

    /// The product `step` places away, wrapping around.
    pub fn cycle(self, step: isize) -> Self {
        let i = Self::ALL.iter().position(|p| *p == self).unwrap_or(0) as isize;
        Self::ALL[(i + step).rem_euclid(3) as usize]
    }
}

/// One row of the list, whatever the product: what the keys act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The record's ID.
    pub id: String,
    /// Its name (QStash: its region).
    pub name: String,
    /// Region.
    pub region: String,
    /// Plan.
    pub plan: String,
    /// A product-specific column (similarity and dimension; state and budget).
    pub extra: String,
}
