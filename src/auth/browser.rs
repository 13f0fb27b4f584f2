//! Browser launch policy (placeholder).
