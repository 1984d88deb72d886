//! Splitting a paragraph's text into its lines.

/// The lines of a text, as `text.split('\n')` gives them (found by
/// memchr: a char searcher set up for every line cost more than it found).
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'\n', r.as_bytes()) {
            Some(k) => {
                rest = r.get(k + 1..);
                r.get(..k)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}
