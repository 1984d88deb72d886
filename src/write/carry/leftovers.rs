//! What the carrying did not deal with: typed entries that found no place
//! (said, never dropped), and the wording this year's template has that
//! last year's did not.

use super::*;

fn unplaced(text: &str, place: Location, reason: Text) -> Unplaced {
    Unplaced {
        old_label: text.trim().chars().take(40).collect(),
        value: text.trim().to_string(),
        old_place: place,
        reason,
    }
}

/// With last year's template: whatever reads differently in the filled
/// copy than in the template at the same place was typed by the
/// applicant; if nothing carried it or said so (`reported`), it is said
/// here.
pub(super) fn with_template(
    old_texts: &[(String, Location)],
    filled_texts: &[(String, Location)],
    dealt: &Dealt<'_>,
    reported: &[Unplaced],
) -> Vec<Unplaced> {
    let printed: BTreeMap<&Location, String> = old_texts
        .iter()
        .map(|(text, l)| (l, squash(text)))
        .collect();
    filled_texts
        .iter()
        .filter(|(text, l)| {
            let sq = squash(text);
            !sq.is_empty()
                && printed.get(l) != Some(&sq)
                && !dealt.covers(l)
                && !reported.iter().any(|r| places::same_place(&r.old_place, l))
        })
        .map(|(text, l)| {
            unplaced(
                text,
                l.clone(),
                Text::new(
                    "記入された内容ですが、新しい様式のどの欄に当たるか分かりませんでした。新しい様式に書き写してください。",
                    "typed in, but no place of the new template could be found for it; copy it over by hand",
                ),
            )
        })
        .collect()
}

/// Without last year's template: a line of the filled copy that this
/// year's template does not print went nowhere — in a table cell anything
/// (a name, an address), in running text what holds digits or marks.
pub(super) fn without_template(
    filled_texts: &[(String, Location)],
    new_texts: &[String],
    dealt: &Dealt<'_>,
) -> Vec<Unplaced> {
    let printed: BTreeSet<String> = new_texts.iter().map(|w| squash(w)).collect();
    // Labels of what was carried (経常損益 of 経常損益｜前年度), compared
    // with a vanished label, say it was carried under its new name.
    let carried_labels: Vec<String> = dealt
        .placed
        .iter()
        .flat_map(|p| p.old_label.split('｜').map(label_key).collect::<Vec<_>>())
        .collect();
    filled_texts
        .iter()
        .filter(|(t, l)| {
            let sq = squash(t);
            let key = label_key(t);
            let typed = key.chars().any(|c| c.is_ascii_digit())
                || sq.chars().any(|c| ['■', '☑', '✓'].contains(&c));
            // Reworded print (listed as changed wording) and labels are not
            // typed entries.
            let reworded = printed
                .iter()
                .any(|p| p.chars().count() >= 4 && similarity(p, &sq) >= 0.6);
            let in_cell = l.table.is_some() || l.sheet.is_some();
            (typed || in_cell)
                && !reworded
                && !dealt.old.iter().any(|s| s.key() == key)
                && !printed.contains(&sq)
                && !carried_labels
                    .iter()
                    .any(|c| similarity(c, &key) >= RENAMED_AT)
                && !dealt.covers(l)
        })
        .map(|(t, l)| {
            unplaced(
                t,
                l.clone(),
                Text::new(
                    "新しい様式に移す先が見つかりませんでした（削除された欄か、名前が大きく変わった欄です）。記入した内容を移す先を確かめてください（昨年度の空の様式を --from で渡すと、欄ごとに対応を調べます）。",
                    "no place for it in the new template (a removed entry, or one renamed beyond recognition); check where it belongs (with last year's blank template as --from, each entry is matched)",
                ),
            )
        })
        .collect()
}

/// This year's fixed wording that last year's (`before`) did not have,
/// less the sentences whose blanks were filled (`filled`, their labels).
pub(super) fn changed_wording(
    before: &[String],
    new_wording: Vec<String>,
    filled: &BTreeSet<String>,
) -> Vec<String> {
    let before: BTreeSet<String> = before.iter().map(|w| squash(w)).collect();
    let mut changed: Vec<String> = Vec::new();
    for w in new_wording {
        let blank_filled = crate::forms::blanks::shape_of(&w)
            .is_some_and(|sh| filled.contains(&squash(&sh.display())))
            || filled.contains(&squash(w.trim()));
        if !blank_filled && !before.contains(&squash(&w)) && !changed.contains(&w) {
            changed.push(w);
        }
    }
    changed
}
