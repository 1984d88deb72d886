//! The places of the new template that nothing was carried into, each
//! marked new this year or not: a person fills them by hand, and a new one
//! is what the old form never asked.

use super::*;

/// What last year's form had, to tell a new place from one left blank.
pub(super) struct LastYear<'a> {
    /// Last year's places (its template's, else the filled copy's).
    pub(super) slots: &'a [Slot],
    /// Keys of last year's places whose value found a place this year.
    pub(super) matched: &'a BTreeSet<String>,
    /// The filled copy's texts, when last year's template is not given:
    /// a label it prints was on last year's form, left blank.
    pub(super) texts: Option<&'a [(String, Location)]>,
}

pub(super) fn places_to_fill(new: &[Slot], fed_new: &[bool], last: &LastYear<'_>) -> Vec<ToFill> {
    let old_keys: BTreeSet<String> = last.slots.iter().map(Slot::key).collect();
    let new_keys: BTreeSet<String> = new.iter().map(Slot::key).collect();
    // A place may be a renamed one of last year's (常勤・非常勤の別 → …の
    // 区分) only if that one is not still there under its name and did not
    // go elsewhere.
    let renamable: Vec<&String> = old_keys
        .iter()
        .filter(|k| !new_keys.contains(*k) && !last.matched.contains(*k))
        .collect();
    let printed: BTreeSet<String> = last
        .texts
        .unwrap_or_default()
        .iter()
        .map(|(t, _)| label_key(t))
        .collect();
    let printed_last_year = |s: &Slot| match &s.grid {
        Some((r, c)) => {
            (r.parse::<usize>().is_ok() || printed.contains(&label_key(r)))
                && printed.contains(&label_key(c))
        }
        None => printed.contains(&label_key(&s.label)),
    };
    // A list's rows (役員等の一覧表, row k under the header) are to fill
    // only where an entry was carried: the rest are spare rows.
    let list_row = |s: &Slot| {
        s.grid
            .as_ref()
            .and_then(|(r, _)| r.parse::<usize>().ok())
            .map(|k| (s.table, k))
    };
    let used_rows: BTreeSet<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter(|(n, _)| fed_new[*n])
        .filter_map(|(_, s)| list_row(s))
        .collect();
    new.iter()
        .enumerate()
        .filter(|(n, s)| !fed_new[*n] && !slots::is_choice(&s.value))
        .filter(|(_, s)| list_row(s).is_none_or(|r| used_rows.contains(&r)))
        .map(|(_, s)| {
            let key = s.key();
            ToFill {
                label: s.name(),
                place: s.location.clone(),
                new_field: !old_keys.contains(&key)
                    && !printed_last_year(s)
                    && !renamable.iter().any(|k| similarity(k, &key) >= RENAMED_AT),
            }
        })
        .collect()
}
