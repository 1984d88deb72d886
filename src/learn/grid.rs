//! Entries of 方眼紙 sheets typed one character per box: a label followed
//! along its row by a run of blank boxes, among them the grid's printed
//! marks (item codes 「8」「4」, 「－」 between parts of a number, 「第」
//! 「号」 around a number). Such a field reads its value by joining the
//! boxes (`boxes = true`), passing over the printed texts. This holds for
//! grid forms in general: one character per box is how a 方眼紙 form
//! takes names, codes, postal and telephone numbers.

use super::LearnedForm;
use super::text::blank;
use super::units::UnitCell;
use super::vocab::lookup;

/// Fewer blank boxes than this after a label is an ordinary value cell.
const MIN_BOXES: usize = 4;

/// The fields learned from this row (from index `n0`) whose label is
/// followed by a run of boxes: marked as read box by box, with the
/// printed texts of the run.
pub(super) fn box_runs(f: &mut LearnedForm, cells: &[UnitCell], n0: usize) {
    let labels: Vec<String> = f.fields[n0..].iter().map(|x| x.label.clone()).collect();
    for k in n0..f.fields.len() {
        // A date typed over cells (「　年　月　日」) and a printed choice
        // are read as such, not box by box.
        if matches!(f.fields[k].kind, Some("date" | "choice" | "checkbox")) {
            continue;
        }
        let label = f.fields[k].label.trim().to_string();
        let Some(at) = cells.iter().position(|c| c.text.trim() == label) else {
            continue;
        };
        // The run ends at the next label: of a field of this row, or a
        // word the vocabulary knows as an entry (「４　国籍・地域」).
        let run: Vec<&UnitCell> = cells[at + 1..]
            .iter()
            .take_while(|c| {
                let t = c.text.trim();
                blank(t) || !(labels.iter().any(|l| l.trim() == t) || lookup(t).is_some())
            })
            .collect();
        let boxes = run.iter().filter(|c| blank(&c.text)).count();
        if boxes < MIN_BOXES {
            continue;
        }
        let printed: Vec<String> = run
            .iter()
            .filter(|c| !blank(&c.text))
            .map(|c| c.text.trim().to_string())
            .collect();
        let fld = &mut f.fields[k];
        fld.boxes = true;
        fld.box_marks = printed;
        f.guesses.push(format!(
            "「{label}」は1文字ずつの枠（{boxes}枠）に記入する欄としました"
        ));
    }
}
