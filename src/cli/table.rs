//! Plain-text tables for human output: columns padded to their widest cell. Every cell is
//! sanitised and measured in terminal columns, so no cell can move the cursor or skew the
//! columns after it.

use crate::output::{display_width, sanitize};

/// Renders `header` and `rows` as left-aligned columns separated by two spaces.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(display_width(cell));
            }
        }
    }
    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let last = i + 1 == row.len();
            line.push_str(cell);
            if !last {
                let width = widths.get(i).copied().unwrap_or(0);
                line.push_str(&" ".repeat(width.saturating_sub(display_width(cell)) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pads_columns() {
        let t = super::render(
            &["NAME", "REGION"],
            &[
                vec!["a".into(), "eu-west-1".into()],
                vec!["longer".into(), "x".into()],
            ],
        );
        assert_eq!(t, "NAME    REGION\na       eu-west-1\nlonger  x\n");
    }

    #[test]
    fn wide_and_hostile_cells_keep_the_columns() {
        let t = super::render(
            &["KEY", "TYPE"],
            &[
                vec!["キー".into(), "string".into()],
                vec!["a\u{1b}]0;T\u{7}".into(), "hash".into()],
            ],
        );
        assert_eq!(
            t,
            "KEY          TYPE\nキー         string\na\\x1b]0;T\\a  hash\n"
        );
    }
}
