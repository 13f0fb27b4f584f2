//! Database lists for `--json`, read piece by piece as they arrive: cut anywhere, a body
//! gives the records (or the refusal) that reading it whole with serde_json gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use updash::upstash::raw::{ListReader, RawRecord, SECRET_FIELDS};

/// Each record as compact JSON, or `None` when the body is refused.
fn in_pieces(body: &[u8], size: usize) -> Option<Vec<String>> {
    let mut seen = Vec::new();
    let mut write = |r: &RawRecord<'_>| {
        seen.push(serde_json::to_string(r).map_err(std::io::Error::other)?);
        Ok(())
    };
    let mut reader = ListReader::new(SECRET_FIELDS);
    for piece in body.chunks(size) {
        reader.push(piece, &mut write).ok()?.ok()?;
    }
    reader.finish(&mut write).ok()?.ok()?;
    Some(seen)
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let whole = std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str::<Vec<RawRecord<'_>>>(text).ok())
        .map(|records| {
            records
                .into_iter()
                .map(|r| serde_json::to_string(&r.masking(SECRET_FIELDS)).unwrap_or_default())
                .collect::<Vec<_>>()
        });
    assert_eq!(in_pieces(body, usize::from(first) + 1), whole);
    assert_eq!(in_pieces(body, body.len().max(1)), whole);
});
