//! The loading spinner's glyphs (it turns only while something loads).

const GLYPHS: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// The glyph of spinner frame `frame`.
pub fn glyph(frame: usize) -> &'static str {
    GLYPHS[frame % GLYPHS.len()]
}
