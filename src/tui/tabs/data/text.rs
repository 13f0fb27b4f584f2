//! Walking a large text by lines without an index, so a 10 MB value scrolls as cheaply as a
//! short one: a line ends at a newline or at the next multiple of [`SEGMENT`] bytes (moved
//! back to a character boundary), so every step looks at most one segment of bytes.

/// The longest line: longer ones continue on the next line.
pub const SEGMENT: usize = 512;

/// Whether `b` continues a UTF-8 character.
fn continues(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The segment break at or before `at`: `at` rounded down to a multiple of [`SEGMENT`], then
/// back to the start of the character there (at most three bytes).
fn segment_break(bytes: &[u8], at: usize) -> usize {
    let mut b = at - at % SEGMENT;
    let mut steps = 0;
    while b > 0 && b < bytes.len() && continues(bytes[b]) && steps < 3 {
        b -= 1;
        steps += 1;
    }
    b
}

/// Where the line after the one starting at `from` starts; `None` at the last line.
pub fn next_line(bytes: &[u8], from: usize) -> Option<usize> {
    if from >= bytes.len() {
        return None;
    }
    let window = &bytes[from..bytes.len().min(from + SEGMENT + 4)];
    let newline = window
        .iter()
        .position(|b| *b == b'\n')
        .map(|i| from + i + 1);
    let mut k = from / SEGMENT + 1;
    let mut brk = segment_break(bytes, k * SEGMENT);
    while brk <= from {
        k += 1;
        brk = segment_break(bytes, k * SEGMENT);
    }
    let next = match newline {
        Some(n) => n.min(brk),
        None => brk,
    };
    (next < bytes.len()).then_some(next)
}

/// Where the line before the one starting at `from` starts (0 stays 0).
pub fn previous_line(bytes: &[u8], from: usize) -> usize {
    let from = from.min(bytes.len());
    if from == 0 {
        return 0;
    }
    // The previous line holds byte from - 1: it starts at the last break before it.
    let end = from - 1;
    let k = end / SEGMENT;
    let mut brk = segment_break(bytes, (k + 1) * SEGMENT);
    if brk >= from {
        brk = segment_break(bytes, k * SEGMENT);
    }
    bytes[brk..end]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(brk, |i| brk + i + 1)
}

/// The line starting at `from`: its bytes without the newline.
pub fn line_at(bytes: &[u8], from: usize) -> &[u8] {
    let end = next_line(bytes, from).unwrap_or(bytes.len());
    let line = &bytes[from.min(end)..end];
    line.strip_suffix(b"\n").unwrap_or(line)
}

/// The start of the line `n` lines below `from` (stops at the last line).
pub fn down(bytes: &[u8], mut from: usize, n: usize) -> usize {
    for _ in 0..n {
        match next_line(bytes, from) {
            Some(next) => from = next,
            None => break,
        }
    }
    from
}

/// The start of the line `n` lines above `from`.
pub fn up(bytes: &[u8], mut from: usize, n: usize) -> usize {
    for _ in 0..n {
        if from == 0 {
            break;
        }
        from = previous_line(bytes, from);
    }
    from
}

/// The start of the last line.
pub fn last_line(bytes: &[u8]) -> usize {
    previous_line(bytes, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<&[u8]> {
        let mut out = vec![line_at(bytes, 0)];
        let mut at = 0;
        while let Some(next) = next_line(bytes, at) {
            out.push(line_at(bytes, next));
            at = next;
        }
        out
    }

    #[test]
    fn lines_end_at_newlines() {
        let text = b"one\ntwo\n\nfour";
        assert_eq!(lines(text), [&b"one"[..], b"two", b"", b"four"]);
        assert_eq!(previous_line(text, 4), 0);
        assert_eq!(previous_line(text, 9), 8);
        assert_eq!(down(text, 0, 10), 9);
        assert_eq!(up(text, 9, 2), 4);
        assert_eq!(last_line(text), 9);
        assert_eq!(last_line(b"a\nb\n"), 2);
    }

    #[test]
    fn long_lines_break_at_segments_on_character_boundaries() {
        let mut text = "x".repeat(SEGMENT - 1).into_bytes();
        text.extend("é".repeat(SEGMENT).as_bytes());
        let got = lines(&text);
        assert!(
            got.iter().all(|l| std::str::from_utf8(l).is_ok()),
            "{got:?}"
        );
        assert_eq!(got.iter().map(|l| l.len()).sum::<usize>(), text.len());
        // Up from each line start comes back to the line before.
        let mut starts = vec![0];
        while let Some(n) = next_line(&text, *starts.last().unwrap_or(&0)) {
            starts.push(n);
        }
        for pair in starts.windows(2) {
            assert_eq!(previous_line(&text, pair[1]), pair[0]);
        }
        assert_eq!(last_line(&text), *starts.last().unwrap_or(&0));
    }
}
