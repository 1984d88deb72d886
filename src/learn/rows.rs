//! A table row of a template: label and blank-value pairs, dates, printed
//! choices, amounts and the sums over them, and the conditions a row's
//! own notes set.

use super::fields::{
    Paths, close_roman, make_conditional, push_date_field, push_date_line, push_label_field,
};
use super::text::*;
use super::units::UnitCell;
use super::vocab::{fold, is_unit_word, lookup};
use super::{LearnedForm, LearnedRelation, dates, scope};

/// The lines of a row's only filled cell, when nothing is beside it and
/// it holds several lines.
pub(super) fn cell_as_paragraphs(cells: &[UnitCell]) -> Option<Vec<&str>> {
    let filled: Vec<usize> = (0..cells.len())
        .filter(|&k| !blank(&cells[k].text))
        .collect();
    let [k] = filled.as_slice() else { return None };
    // A label with its blank value cell after it is a row, not text.
    if *k + 1 < cells.len() {
        return None;
    }
    let lines: Vec<&str> = cells[*k].text.lines().collect();
    (lines.iter().filter(|l| !l.trim().is_empty()).count() >= 2).then_some(lines)
}

/// A note in a row that makes its entries (and those of the row below,
/// where a label runs on) conditional: 「（※）…の場合は、記入不要です。」.
pub(super) fn row_condition(cells: &[UnitCell]) -> Option<String> {
    cells
        .iter()
        .skip(1)
        .map(|c| c.text.trim())
        .find(|t| {
            super::notes::is_conditional(t)
                && (t.starts_with(['（', '(', '※', '＊']) || t.chars().count() > 30)
        })
        .map(str::to_string)
}

/// Sentences printed in a row's cells (a sheet's 「上記のとおり診断します。」,
/// a declaration beside its translation): the fixed wording of the form.
/// A sentence printed again in another row (「以上の記載内容は事実と相違あり
/// ません。」 closing two pages of one form) is listed again: each printed
/// copy is to stay. `from` is where the row's own entries begin in
/// `f.fixed` (a cell read as paragraphs already listed its lines).
pub(super) fn row_sentences(f: &mut LearnedForm, cells: &[UnitCell], from: usize) {
    for t in cells.iter().flat_map(|c| wrapped_lines(&c.text)) {
        let listed = f.fixed.get(from..).is_some_and(|own| own.contains(&t));
        if is_sentence(&t) && !has_blank_run(&t) && !listed {
            f.fixed.push(t);
        }
    }
}

/// The lines of a cell, a sentence wrapped by hand over two lines joined
/// again (「…（個人であるものに限」 / 「る。以下「株主等」という。）…」): a
/// line ending mid-sentence runs on into a next line that opens no item
/// of its own.
fn wrapped_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        let opens_item = scope::section_number(t).is_some()
            || t.starts_with(['※', '＊', '*', '・', '（', '(', '□', '■', '☐'])
            || is_circled(t);
        match out.last_mut() {
            Some(prev) if open && !opens_item => prev.push_str(t),
            _ => out.push(t.to_string()),
        }
        open = !t.ends_with(['。', '：', ':']) && t.chars().count() >= 20;
    }
    out
}

/// What a table's rows carry to the next: the unit of its amounts, the
/// amount fields since its last sum row, the current Roman-numbered item
/// with its circled sub-items, and the last label read.
#[derive(Default)]
pub(super) struct TableState {
    pub(super) unit: Option<&'static str>,
    pub(super) group: Vec<String>,
    pub(super) roman: Option<(String, Vec<String>)>,
    pub(super) prev_label: Option<String>,
    /// The label opening the last row that had one in its first cell
    /// (「相談方法」 over its □ options).
    pub(super) heading: Option<String>,
}

/// A table row: label / blank-value pairs, amounts, sums.
pub(super) fn row(
    f: &mut LearnedForm,
    paths: &mut Paths,
    cells: &[UnitCell],
    st: &mut TableState,
    anchor: &str,
) {
    // A header row declaring the unit of the amounts below.
    if cells.iter().any(|c| unit_in(&c.text).is_some()) && cells.iter().all(|c| !blank(&c.text)) {
        st.unit = cells.iter().find_map(|c| unit_in(&c.text));
        return;
    }
    row_sentences(f, cells, f.fixed.len());
    if let Some(first) = cells.first()
        && is_label(&first.text)
        && !is_box(&first.text)
    {
        st.heading = Some(first.text.trim().to_string());
    }
    let keys: Vec<String> = cells.iter().map(|c| fold(&c.text)).collect();
    // A choice with places to write in (「有（機関名：　　金額：　　）・無」):
    // its entries are filled only when that option is chosen.
    let choice_row = keys
        .iter()
        .any(|k| k.ends_with("・無") || k.starts_with("有("));
    let mut last = anchor.to_string();
    for (k, c) in cells.iter().enumerate() {
        if dates::is_frame(&c.text) {
            date_frame(f, paths, cells, k, &last);
            continue;
        }
        if !c.text.trim().is_empty() {
            last = c.text.lines().next().unwrap_or("").trim().to_string();
        }
        if bracket_write_in(f, paths, cells, k, st) {
            continue;
        }
        if !names_entry(f, cells, &keys, k) || date_or_choice(f, paths, cells, k, st) {
            continue;
        }
        let Some(path) = value_field(f, paths, cells, k, st, choice_row) else {
            continue;
        };
        if f.fields.last().is_some_and(|x| x.kind == Some("amount")) {
            sum_groups(f, st, c.text.trim(), path);
        }
    }
}

/// 「令和　年　月　日」 alone in cell `k`, after no label: a date line. In a
/// list row (other blank cells beside it) it is a column of the list, not
/// the form's date.
fn date_frame(f: &mut LearnedForm, paths: &mut Paths, cells: &[UnitCell], k: usize, last: &str) {
    let c = &cells[k];
    let labelled = k > 0 && cells.get(k - 1).is_some_and(|p| date_label(&p.text));
    if labelled {
        return;
    }
    let others_blank = cells
        .iter()
        .enumerate()
        .any(|(j, o)| j != k && blank(&o.text));
    push_date_line(f, paths, &c.text, last);
    if (others_blank || cells.len() > 3)
        && let Some(fld) = f.fields.last_mut()
    {
        fld.label = format!("{last}の行の日付");
        make_conditional(fld, "一覧の行の日付（記入した行だけ）");
    }
}

/// Does cell `k` read as the label of an entry?
fn names_entry(f: &LearnedForm, cells: &[UnitCell], keys: &[String], k: usize) -> bool {
    let c = &cells[k];
    // 「令和　年　月　日」 in a cell is where a date is typed, not a label.
    if !is_label(&c.text) || c.text.trim() == f.title || is_date_line(&c.text) {
        return false;
    }
    // 「主たる営業所の」: a label running on to the next row.
    if keys[k].ends_with('の') {
        return false;
    }
    // The same label twice in a row: the headers of side-by-side columns
    // of a list (入社・退社 | 入社・退社), not entries.
    if keys.iter().filter(|x| **x == keys[k]).count() >= 2 {
        return false;
    }
    // 「時間」「か月」 after a blank cell: the unit of the number typed
    // there, not a label.
    !(k > 0 && cells.get(k - 1).is_some_and(|p| blank(&p.text)) && is_unit_word(&c.text))
}

/// A date typed after label `k`, or a printed choice beside it (「□ 有
/// □ 無」「有・無」): learned here. False when neither.
fn date_or_choice(
    f: &mut LearnedForm,
    paths: &mut Paths,
    cells: &[UnitCell],
    k: usize,
    st: &mut TableState,
) -> bool {
    let c = &cells[k];
    let next = cells.get(k + 1);
    // A date typed into the next cell: a printed frame there, or blank
    // cells before the printed 年 / 月 / 日.
    let date_value = next.is_some_and(|n| dates::is_frame(&n.text) || fold(&n.text) == "年")
        || (next.is_some_and(|n| blank(&n.text))
            && cells.get(k + 2).is_some_and(|y| fold(&y.text) == "年"));
    if date_value && date_label(&c.text) {
        push_date_field(f, paths, c.text.trim());
        f.rows.push(c.text.trim().to_string());
        return true;
    }
    let Some(options) = next.and_then(|n| choice_options(&n.text)) else {
        return false;
    };
    let label = c.text.trim().to_string();
    push_label_field(f, paths, &label, None, st.prev_label.clone());
    let unknown = format!("「{label}」の種類");
    f.unsure.retain(|u| !u.starts_with(&unknown));
    f.guesses.push(format!(
        "「{label}」を選択肢（{}）の欄としました",
        options.join("・")
    ));
    if let Some(fld) = f.fields.last_mut() {
        fld.kind = Some("choice");
        fld.unit = None;
        fld.options = options;
    }
    f.rows.push(label.clone());
    st.prev_label = Some(label);
    true
}

/// Label `k` with its value in the next cell (blank, a placeholder, or a
/// printed 「円」): the entry, with how sure its place is. None when no
/// value place follows it; else the field's path.
fn value_field(
    f: &mut LearnedForm,
    paths: &mut Paths,
    cells: &[UnitCell],
    k: usize,
    st: &mut TableState,
    choice_row: bool,
) -> Option<String> {
    let c = &cells[k];
    let next = cells.get(k + 1);
    // 「円」 printed in the value cell: the amount is typed before it.
    let printed_unit = next.and_then(|n| unit_cell(&n.text));
    let value_place =
        next.filter(|n| blank(&n.text) || is_placeholder(&n.text) || printed_unit.is_some());
    // A row holding only its label (a sheet lists no empty cells): an
    // entry when the label says what it holds or amounts are listed. A
    // numbered heading (「Ⅶ．賃金」 over a merged row) is none.
    let sheet_end = next.is_none()
        && cells.len() == 1
        && scope::section_number(&c.text).is_none()
        && (st.unit.is_some() || lookup(&c.text).is_some());
    if value_place.is_none() && !sheet_end {
        return None;
    }
    let label = c.text.trim().to_string();
    let after = st.prev_label.clone();
    let path = push_label_field(f, paths, &label, printed_unit.or(st.unit), after);
    // 「（主たる営業所）」: a caption in brackets names a block more often
    // than an entry; kept, but not required.
    let caption = label.starts_with(['（', '(']) && label.ends_with(['）', ')']);
    if caption {
        not_required(
            f,
            format!("「{label}」は括弧書きの見出しかもしれないため、必須とはしません"),
        );
    }
    // A label alone in its row, or one box per character (方眼紙 grids):
    // where its value goes is a guess.
    if grid_boxes(&cells[k + 1..]) >= 6 || sheet_end || grid_row(cells) {
        not_required(
            f,
            format!(
                "「{label}」は記入する場所（1文字ずつの枠、または同じ行に空欄がない）が確かでないため、空欄かどうかを確かめません"
            ),
        );
    }
    // The write-in of a printed option (「□ 日本国内」「□ その他（　）」),
    // or an entry in a row of options: filled only when one is ticked.
    let option = label.starts_with(['□', '☐'])
        || cells[..k]
            .iter()
            .any(|p| is_box(&p.text) || p.text.trim_start().starts_with(['□', '☐']));
    if (option || choice_row)
        && let Some(fld) = f.fields.last_mut()
    {
        make_conditional(fld, "選択した場合のみ記入");
    }
    if let Some(v) = value_place
        && is_placeholder(&v.text)
        && let Some(fld) = f.fields.last_mut()
    {
        fld.placeholders.push(v.text.trim().to_string());
    }
    f.rows.push(label.clone());
    st.prev_label = Some(label);
    Some(path)
}

/// The last field, when required, is not, for the reason given.
fn not_required(f: &mut LearnedForm, why: String) {
    if let Some(fld) = f.fields.last_mut()
        && fld.required
    {
        fld.required = false;
        f.unsure.push(why);
    }
}

/// An amount field: a sum of the amounts above it (「合計」), a circled
/// sub-item of the open Roman item, or one more amount of the group.
fn sum_groups(f: &mut LearnedForm, st: &mut TableState, label: &str, path: String) {
    if is_sum_label(label) {
        close_roman(f, &mut st.roman);
        if !st.group.is_empty() {
            f.guesses.push(format!(
                "「{label}」を上の行の合計（{}項目）としました",
                st.group.len()
            ));
            f.relations.push(LearnedRelation::sum(
                path.clone(),
                std::mem::take(&mut st.group),
            ));
        }
        st.group.push(path);
    } else if is_circled(label) && st.roman.is_some() {
        if let Some((_, subs)) = st.roman.as_mut() {
            subs.push(path);
        }
    } else {
        close_roman(f, &mut st.roman);
        if is_roman(label) {
            st.roman = Some((path.clone(), Vec::new()));
        }
        st.group.push(path);
    }
}

/// A printed mark inside a grid of one-character boxes: a column number
/// (「3」「10」), an item code, or the 「－」 between parts of a number.
fn is_grid_mark(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    (1..=2).contains(&n) && t.chars().all(crate::base::is_digit_any_width)
        || matches!(t, "－" | "-" | "ー")
}

/// Blank boxes right after a label, the grid's printed marks (column
/// numbers, item codes, 「－」) read past: how many boxes a value is
/// written into.
fn grid_boxes(after: &[UnitCell]) -> usize {
    after
        .iter()
        .take_while(|n| blank(&n.text) || is_grid_mark(&n.text))
        .filter(|n| blank(&n.text))
        .count()
}

/// A row of a 方眼紙 grid (many blank boxes among printed column numbers):
/// a label in it captions a run of boxes, and where its value ends is a
/// guess.
fn grid_row(cells: &[UnitCell]) -> bool {
    cells.iter().filter(|c| blank(&c.text)).count() >= 6
        && cells.iter().filter(|c| is_grid_mark(&c.text)).count() >= 2
}

/// 「①居住費の徴収の有無 □有 □無」: a row asking whether something
/// applies, by its label.
pub(super) fn yes_no_choice(cells: &[UnitCell]) -> Option<String> {
    let k = cells
        .iter()
        .position(|c| fold(&c.text).ends_with("の有無"))?;
    let rest: Vec<String> = cells[k + 1..].iter().map(|c| fold(&c.text)).collect();
    let offers = |w: &str| rest.iter().any(|r| r == w || r.ends_with(w));
    (offers("有") && offers("無")).then(|| cells[k].text.trim().to_string())
}

/// The items after 「①…の有無」 in its circled run (「②居住費として徴収す
/// る費用」「④費用が…であることの説明」) are written only when 有 is
/// chosen. Updates the run's state from this row and returns the condition
/// for the row's entries, if any.
pub(super) fn yes_no_run(cells: &[UnitCell], run: &mut Option<String>) -> Option<String> {
    let circled: Vec<&str> = cells
        .iter()
        .map(|c| c.text.trim())
        .filter(|t| is_circled(t))
        .collect();
    if let Some(label) = yes_no_choice(cells) {
        *run = Some(label);
        return None;
    }
    if circled.iter().any(|t| t.starts_with('①')) {
        *run = None;
    }
    if circled.is_empty() {
        return None;
    }
    run.as_ref()
        .map(|l| format!("「{l}」で「有」を選んだ場合のみ記入"))
}

/// 「メール（　　　　）」「電話（　　－　　）」 in a cell: a known entry
/// written into the brackets after its name (the write-in of an option
/// when a □ stands before it). True when learned.
fn bracket_write_in(
    f: &mut LearnedForm,
    paths: &mut Paths,
    cells: &[UnitCell],
    k: usize,
    st: &mut TableState,
) -> bool {
    let t = cells[k].text.trim();
    let Some((name, inner)) = t.split_once(['（', '(']) else {
        return false;
    };
    let Some(inner) = inner.strip_suffix(['）', ')']) else {
        return false;
    };
    let name = name.trim();
    let blank_inside = inner
        .chars()
        .all(|c| c.is_whitespace() || "－-ー〜~".contains(c))
        && inner.chars().filter(|c| c.is_whitespace()).count() >= 3;
    if !blank_inside || name.chars().count() > 12 || lookup(name).is_none() {
        return false;
    }
    // Found by its name with the opening bracket; the closing one is the
    // template's, not the value's.
    let open: String = t[name.len()..].chars().take(1).collect();
    let close: String = t.chars().last().map(String::from).unwrap_or_default();
    let label = format!("{name}{open}");
    // An option's write-in is named, and found, under the question its
    // options answer (「相談方法」「緊急時対応」 each offer 「メール（　）」).
    let option = cells[..k].iter().any(|p| is_box(&p.text));
    let question = st.heading.clone().filter(|_| option);
    let after = question.clone().or_else(|| st.prev_label.clone());
    push_label_field(f, paths, &label, None, after);
    st.prev_label = Some(label);
    if let Some(fld) = f.fields.last_mut() {
        fld.strip = vec![close];
        fld.place = Some(match &question {
            Some(q) => format!("{q} {name}"),
            None => name.to_string(),
        });
        fld.required = false;
        if option {
            make_conditional(fld, "選択した場合のみ記入");
        }
    }
    f.guesses
        .push(format!("「{t}」の括弧の中を「{name}」の記入欄としました"));
    true
}
