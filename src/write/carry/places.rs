//! Last year's places with their values, and which of this year's
//! places each goes to.

use super::values::is_unfilled;
use super::*;

/// The old form's places with their values: with the old blank template,
/// its places looked up in the filled copy by label; without it, the
/// filled copy's own label/value pairs.
pub(super) fn old_values(
    filled: &Document,
    template_slots: Option<&[Slot]>,
    old_texts: Option<&[(String, Location)]>,
    new_texts: &[String],
) -> Vec<Slot> {
    // The templates' own words: a cell printing one is a label, and a
    // "value" that is one is wording, not data.
    let mut printed: BTreeSet<String> = new_texts
        .iter()
        .map(|w| squash(w))
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(t) = old_texts {
        printed.extend(t.iter().map(|(w, _)| squash(w)).filter(|w| !w.is_empty()));
    }
    let in_filled = slots::filled_slots(filled, &printed);
    let Some(template_slots) = template_slots else {
        return in_filled
            .into_iter()
            .filter(|s| slots::is_choice(&s.value) || !printed.contains(&squash(&s.value)))
            .collect();
    };
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    for t in template_slots {
        let key = t.key();
        // The same cell first (the filled copy is the template typed
        // into), else the same label in the nearest table (rows added).
        let found = in_filled
            .iter()
            .enumerate()
            .find(|(i, f)| !used.contains(i) && f.key() == key && f.location == t.location)
            .or_else(|| {
                in_filled
                    .iter()
                    .enumerate()
                    .filter(|(i, f)| !used.contains(i) && f.key() == key)
                    .min_by_key(|(_, f)| f.table.abs_diff(t.table))
            });
        if let Some((i, f)) = found {
            used.insert(i);
            out.push(Slot {
                label: t.label.clone(),
                grid: t.grid.clone(),
                suffix: t.suffix.clone(),
                context: t.context.clone(),
                ..f.clone()
            });
        }
    }
    out
}

/// Two places are the same cell or paragraph (a paragraph inside a cell is
/// that cell's place too).
pub(super) fn same_place(a: &Location, b: &Location) -> bool {
    if a == b {
        return true;
    }
    // Two paragraphs are the same place only if they are the same paragraph.
    if a.paragraph.is_some() && b.paragraph.is_some() {
        return a.part == b.part && a.paragraph == b.paragraph;
    }
    let cell = |l: &Location| {
        (
            l.part.clone(),
            l.table,
            l.row,
            l.col,
            l.sheet.clone(),
            l.cell.clone(),
        )
    };
    (a.table.is_some() || a.sheet.is_some()) && cell(a) == cell(b)
}

/// Match old places to new ones: `--map`, the same label, then the most
/// similar label. Returns (old index, new index, renamed?).
pub(super) fn matches(old: &[Slot], new: &[Slot], map: &LabelMap) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let mut new_used = vec![false; new.len()];
    let mut old_done = vec![false; old.len()];
    fn take(
        o: usize,
        n: usize,
        renamed: bool,
        out: &mut Vec<(usize, usize, bool)>,
        new_used: &mut [bool],
        old_done: &mut [bool],
    ) {
        new_used[n] = true;
        old_done[o] = true;
        out.push((o, n, renamed));
    }
    // --map first.
    for (o, s) in old.iter().enumerate() {
        let Some(target) = map
            .iter()
            .find(|(k, _)| label_key(k) == s.key() || **k == s.name())
            .map(|(_, v)| v)
        else {
            continue;
        };
        if target.trim().is_empty() {
            old_done[o] = true;
            continue;
        }
        let key = label_key(target);
        if let Some(n) = (0..new.len())
            .find(|&n| !new_used[n] && (new[n].key() == key || new[n].name() == *target))
        {
            take(o, n, false, &mut out, &mut new_used, &mut old_done);
        }
    }
    // The same label: the same block first (two 連絡先 under two
    // headings), then the nearest table; a label that appears several
    // times goes only to a place under a similar heading.
    let count = |slots: &[Slot], key: &str| slots.iter().filter(|s| s.key() == key).count();
    for o in 0..old.len() {
        if old_done[o] {
            continue;
        }
        let key = old[o].key();
        let ctx = label_key(&old[o].context);
        let same: Vec<usize> = (0..new.len())
            .filter(|&n| !new_used[n] && new[n].key() == key)
            .collect();
        let repeated = count(old, &key) > 1 || count(new, &key) > 1;
        let best = same
            .iter()
            .copied()
            .find(|&n| label_key(&new[n].context) == ctx)
            .or_else(|| {
                if repeated {
                    same.iter()
                        .copied()
                        .map(|n| (similarity(&label_key(&new[n].context), &ctx), n))
                        .filter(|(s, _)| *s >= RENAMED_AT)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, n)| n)
                } else {
                    same.iter()
                        .copied()
                        .min_by_key(|&n| new[n].table.abs_diff(old[o].table))
                }
            });
        if let Some(n) = best {
            take(o, n, false, &mut out, &mut new_used, &mut old_done);
        }
    }
    // A renamed label: the most similar one left, above the threshold.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for o in (0..old.len()).filter(|&o| !old_done[o] && !is_unfilled(&old[o].value)) {
        for n in (0..new.len()).filter(|&n| !new_used[n]) {
            let s = similarity(&old[o].key(), &new[n].key());
            if s >= RENAMED_AT {
                candidates.push((s, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, o, n) in candidates {
        if !old_done[o] && !new_used[n] {
            take(o, n, true, &mut out, &mut new_used, &mut old_done);
        }
    }
    out
}
