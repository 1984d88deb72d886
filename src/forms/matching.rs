//! Matching template wording against units: phrases that may be broken
//! over several lines, and labels followed by a note or a value.

use super::layout::Layout;
use super::normalize::enumerator_len;

/// The concatenated keys of every unit, to search phrases in a range of
/// units regardless of line breaks.
#[derive(Debug, Clone, Default)]
pub struct Joined {
    pub text: String,
    /// Byte offset in `text` where each unit's key starts; one extra entry
    /// for the end.
    pub starts: Vec<usize>,
}

impl Joined {
    pub fn build(layout: &Layout) -> Joined {
        // Room for all the keys at once (grown key by key, the text was
        // copied again at every doubling).
        let len = layout.units.iter().map(|u| u.key().len()).sum();
        let mut text = String::with_capacity(len);
        let mut starts = Vec::with_capacity(layout.units.len() + 1);
        for u in &layout.units {
            starts.push(text.len());
            text.push_str(u.key());
        }
        starts.push(text.len());
        Joined { text, starts }
    }

    /// The joined keys of units `from..to`.
    pub fn slice(&self, from: usize, to: usize) -> &str {
        let a = self.starts.get(from).copied().unwrap_or(self.text.len());
        let b = self
            .starts
            .get(to)
            .copied()
            .unwrap_or(self.text.len())
            .max(a);
        self.text.get(a..b).unwrap_or("")
    }

    /// The unit holding byte `offset` of `text`.
    pub fn unit_at(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(mut i) => {
                // Skip empty units starting at the same offset.
                while i + 1 < self.starts.len() && self.starts[i + 1] == offset {
                    i += 1;
                }
                i
            }
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of the first occurrence of `needle` within units
    /// `from..to`, as an offset into `text`.
    pub fn find(&self, from: usize, to: usize, needle: &str) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        let a = self.starts.get(from).copied().unwrap_or(self.text.len());
        self.slice(from, to).find(needle).map(|p| p + a)
    }
}

/// Does the phrase start at unit `i` (continuing over the next units when
/// the line is broken)? Returns the last unit of the phrase.
pub fn match_phrase(layout: &Layout, i: usize, phrase: &str, skip_chars: usize) -> Option<usize> {
    if phrase.is_empty() {
        return None;
    }
    let first = layout.units.get(i)?;
    let first_key: &str = match first.key().char_indices().nth(skip_chars) {
        Some((b, _)) => &first.key()[b..],
        None => "",
    };
    if first_key.is_empty() {
        return None;
    }
    // What of the phrase the keys so far leave (no string of the keys
    // joined is built: this runs for every title tried on a unit).
    let mut rest = phrase.strip_prefix(first_key)?;
    let mut j = i;
    let mut steps = 0;
    loop {
        if rest.is_empty() {
            return Some(j);
        }
        if steps > 10 {
            return None;
        }
        j += 1;
        let next = layout.units.get(j)?;
        steps += 1;
        rest = rest.strip_prefix(next.key())?;
    }
}

/// How a label was followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Nothing (or only a note) after the label on its line.
    Nothing,
    /// A value on the same line, from this char of the end unit's key.
    Value(usize),
}

/// A label found at a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelMatch {
    /// The unit where the label starts.
    pub start: usize,
    /// The unit where the label (with its note) ends.
    pub end: usize,
    pub after: After,
}

/// A label's key with where its bare form ([`strip_enumerator`]) starts.
#[derive(Debug, Clone)]
pub struct LabelKey<'a> {
    pub key: std::borrow::Cow<'a, str>,
    bare_at: usize,
}

impl<'a> LabelKey<'a> {
    pub fn new(key: impl Into<std::borrow::Cow<'a, str>>) -> LabelKey<'a> {
        let key = key.into();
        let bare_at = key.len() - strip_enumerator(&key).len();
        LabelKey { key, bare_at }
    }

    pub fn bare(&self) -> &str {
        self.key.get(self.bare_at..).unwrap_or("")
    }

    /// Does the label start unit `i` ([`match_label`])?
    pub fn matches(&self, layout: &Layout, i: usize) -> Option<LabelMatch> {
        match_label_bare(layout, i, &self.key, self.bare())
    }
}

pub(crate) fn strip_enumerator(key: &str) -> &str {
    let n = enumerator_len(key);
    match key.char_indices().nth(n) {
        Some((b, _)) => &key[b..],
        None if n > 0 => "",
        None => key,
    }
}

/// Does a label start unit `i`? The label may go on over the next lines of
/// the same cell (`電話番号` / `（代表・直通）`). A leading enumerator on
/// either side is ignored when the direct comparison fails (`Ⅰ．人件費`
/// matches `Ⅰ　人件費` and `人件費`). What follows must be nothing, a note
/// (`（…）`, `※…`), a separator (`：`), a space, or a figure — so that
/// `事業費` does not match `事業費総額`.
pub fn match_label(layout: &Layout, i: usize, label: &str) -> Option<LabelMatch> {
    match_label_in(layout, i, label, None)
}

/// [`match_label`] with `bare`, the label's [`strip_enumerator`], already
/// known (labels tried on every unit strip their enumerator once).
pub fn match_label_bare(layout: &Layout, i: usize, label: &str, bare: &str) -> Option<LabelMatch> {
    match_label_in(layout, i, label, Some(bare))
}

fn match_label_in(
    layout: &Layout,
    i: usize,
    label: &str,
    bare: Option<&str>,
) -> Option<LabelMatch> {
    let unit = layout.units.get(i)?;
    // An empty key or label matches nothing.
    let first = unit.key().chars().next()?;
    let label_first = label.chars().next()?;
    // A walk fails on its first char when the key's char there differs
    // from the label's first: told from what the unit keeps about its key,
    // before anything is set up (most labels tried on a unit differ at
    // once). The bare label is tried after the key's enumerator; a key
    // that is all enumerator may go on on the next line of the cell.
    let skip = unit.enum_len();
    let bare_of = || bare.unwrap_or_else(|| strip_enumerator(label));
    let bare_may = |b: &str| {
        // Neither side numbered: the bare walk would be the direct one.
        let same = skip == 0 && b.len() == label.len();
        !b.is_empty() && !same && unit.after_enum().is_none_or(|c| b.starts_with(c))
    };
    let direct_may = first == label_first;
    if !direct_may && !bare_may(bare_of()) {
        return None;
    }
    // The units the label may run over: the rest of the cell.
    // (At most five units: kept on the stack, this runs for every label
    // tried on every unit.)
    let mut buf = [i; 5];
    let mut len = 1;
    if let Some(cell) = unit.cell.and_then(|c| layout.cells.get(c)) {
        for (slot, u) in buf.iter_mut().skip(1).zip(i + 1..cell.units.end) {
            *slot = u;
            len += 1;
        }
    }
    let seq = &buf[..len];
    let direct = if direct_may {
        walk(layout, seq, 0, label)
    } else {
        None
    };
    let found = direct.or_else(|| {
        let bare = bare_of();
        if !bare_may(bare) {
            return None;
        }
        walk(layout, seq, skip, bare)
    })?;
    let (end, k) = found;
    accept(layout, end, k).map(|after| LabelMatch {
        start: i,
        end,
        after,
    })
}

/// Match `label` against the keys of `seq` starting at char `skip` of the
/// first; returns (unit, char index after the label).
fn walk(layout: &Layout, seq: &[usize], skip: usize, label: &str) -> Option<(usize, usize)> {
    let mut want = label.chars().peekable();
    seq.first()?;
    for (n, &u) in seq.iter().enumerate() {
        let key = layout.units.get(u)?.key();
        let start = if n == 0 { skip } else { 0 };
        let mut idx = start;
        for c in key.chars().skip(start) {
            match want.peek() {
                None => return Some((u, idx)),
                Some(w) if *w == c => {
                    want.next();
                    idx += 1;
                }
                Some(_) => return None,
            }
        }
        if want.peek().is_none() {
            return Some((u, idx));
        }
    }
    None
}

/// What follows a label at (unit, char): see [`match_label`].
fn accept(layout: &Layout, unit: usize, k: usize) -> Option<After> {
    let u = layout.units.get(unit)?;
    let key = u.key();
    // The key is walked by char index `pos` and its byte offset `at` (no
    // vector of its chars: this runs for every label found).
    let mut pos = k;
    let Some((mut at, _)) = key.char_indices().nth(k) else {
        return Some(After::Nothing);
    };
    let mut noted = false;
    loop {
        let rest = key.get(at..).unwrap_or("");
        let Some(c) = rest.chars().next() else {
            return Some(After::Nothing);
        };
        match c {
            '(' => {
                let mut depth = 0;
                // The closing `)`: its char index and the byte after it.
                let mut end = None;
                for (j, (b, ch)) in rest.char_indices().enumerate() {
                    if ch == '(' {
                        depth += 1;
                    } else if ch == ')' {
                        depth -= 1;
                        if depth == 0 {
                            end = Some((pos + j, at + b + 1));
                            break;
                        }
                    }
                }
                match end {
                    // 「名称　(株)あおば」: the company type starts the value.
                    Some((_, e_at))
                        if super::filling::is_company_short(key.get(at..e_at).unwrap_or("")) =>
                    {
                        return Some(After::Value(pos));
                    }
                    Some((e, e_at)) => {
                        pos = e + 1;
                        at = e_at;
                        noted = true;
                    }
                    None => return Some(After::Value(pos)),
                }
            }
            '※' | '*' => return Some(After::Nothing),
            ':' | '=' => return Some(After::Value(pos + 1)),
            _ => {
                let raw_at = u.norm.raw_offset(pos);
                let spaced = u
                    .text
                    .get(..raw_at)
                    .and_then(|s| s.chars().last())
                    .is_some_and(char::is_whitespace);
                let figure =
                    c.is_ascii_digit() || matches!(c, '¥' | '\\' | '-' | '△' | '▲' | '\u{2212}');
                return if spaced || noted || figure {
                    Some(After::Value(pos))
                } else {
                    None
                };
            }
        }
    }
}

/// Does unit `i` start with any of the phrases (as labels, whatever
/// follows)? `keys` are the phrases' keys (`definition::def_key`).
pub fn starts_with_any(layout: &Layout, i: usize, keys: &[LabelKey<'_>]) -> bool {
    let Some(u) = layout.units.get(i) else {
        return false;
    };
    if u.key().is_empty() {
        return false;
    }
    keys.iter().any(|k| {
        if k.key.is_empty() {
            return false;
        }
        u.key().starts_with(k.key.as_ref())
            || match_label_bare(layout, i, &k.key, k.bare()).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::layout::text_document;
    use crate::forms::normalize::key_of;

    fn layout(text: &str) -> Layout {
        Layout::build(&text_document("t.txt", text))
    }

    #[test]
    fn labels_and_what_follows() {
        let l = layout(
            "\t電話番号\n（代表・直通）\n\t03\n\nⅠ　人件費　5,000\n７．事業費総額（千円）※例示\n所在地：東京\n事業費総額",
        );
        let m = match_label(&l, 0, &key_of("電話番号（代表・直通）"));
        assert_eq!(m.map(|m| (m.end, m.after)), Some((1, After::Nothing)));
        let m = match_label(&l, 0, &key_of("電話番号"));
        assert_eq!(m.map(|m| m.after), Some(After::Nothing));
        let i = l
            .units
            .iter()
            .position(|u| u.text.starts_with("Ⅰ"))
            .unwrap_or(0);
        assert!(matches!(
            match_label(&l, i, &key_of("人件費")).map(|m| m.after),
            Some(After::Value(_))
        ));
        assert!(matches!(
            match_label(&l, i, &key_of("Ⅰ．人件費")).map(|m| m.after),
            Some(After::Value(_))
        ));
        assert_eq!(
            match_label(&l, i + 1, &key_of("７．事業費総額")).map(|m| m.after),
            Some(After::Nothing)
        );
        assert!(matches!(
            match_label(&l, i + 2, &key_of("所在地")).map(|m| m.after),
            Some(After::Value(4))
        ));
        assert_eq!(match_label(&l, i + 3, &key_of("事業費")), None);
        assert_eq!(match_label(&l, i + 1, &key_of("事業費")), None);
    }

    #[test]
    fn broken_phrases() {
        let l = layout("情報セキュリテ\n\nィに関する事項\n２）");
        assert_eq!(
            match_phrase(&l, 0, &key_of("情報セキュリティに関する事項"), 0),
            Some(2)
        );
        let j = Joined::build(&l);
        assert!(j.find(0, l.units.len(), "ティに関する").is_some());
    }
}
