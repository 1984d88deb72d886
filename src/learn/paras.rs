//! A paragraph of a template (or a line of a big table cell): a date
//! line, a `label：` line, a label with blank space after it, a blank
//! inside a sentence, a ☐ clause, or a sentence of fixed wording.

use super::dates;
use super::fields::{Paths, push_date_field, push_date_line, push_label_field};
use super::text::*;
use super::{LearnedField, LearnedForm};

/// A paragraph: a date line, a `label：` line, a ☐ line, a clause. The
/// line and the fields learned from it are kept in `f.lines` (for what
/// the lines of a form say of each other: sums, headings).
pub(super) fn para(
    f: &mut LearnedForm,
    paths: &mut Paths,
    text: &str,
    after_title: bool,
    anchor: &str,
) {
    let from = f.fields.len();
    one_para(f, paths, text, after_title, anchor);
    if after_title && !text.trim().is_empty() {
        f.lines
            .push((text.trim().to_string(), from..f.fields.len()));
    }
}

fn one_para(f: &mut LearnedForm, paths: &mut Paths, text: &str, after_title: bool, anchor: &str) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    if after_title && super::inline::addressee(f, paths, text) {
        return;
    }
    // 「作成年月日：　　年　月　日」: a date entry under its own label.
    if after_title
        && let Some(label) = dates::label_before_frame(t)
        && is_label(&label)
    {
        push_date_field(f, paths, &label);
        return;
    }
    if after_title && (is_date_line(t) || dates::frame_with_word(t).is_some()) {
        push_date_line(f, paths, t, anchor);
        return;
    }
    let boxes = t.matches(['□', '☐']).count();
    if boxes >= 2 {
        let options: Vec<String> = t
            .split(['□', '☐'])
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty())
            .collect();
        f.guesses.push(format!(
            "「{t}」を選択肢（{}）としました（印の確認はしません）",
            options.join("・")
        ));
        if after_title {
            super::inline::choice_line(f, paths, t, anchor);
        }
        return;
    }
    if boxes == 1 && t.starts_with(['□', '☐']) {
        let clause = t.trim_start_matches(['□', '☐']).trim().to_string();
        if clause.chars().count() >= 2 {
            let path = paths.new_path("check");
            f.guesses.push(format!(
                "「{clause}」を印の必要なチェック欄 {path} としました"
            ));
            f.fields.push(LearnedField {
                path,
                label: clause.clone(),
                find: "label",
                kind: Some("checkbox"),
                required: true,
                ..LearnedField::default()
            });
            if clause.chars().count() >= 15 {
                f.fixed.push(clause);
            }
        }
        return;
    }
    if let Some((label, rest)) = t.split_once(['：', ':'])
        && is_label(label)
        && blank(rest)
    {
        push_label_field(f, paths, label.trim(), None, None);
        return;
    }
    if after_title && label_line(f, paths, text) {
        return;
    }
    let n = t.chars().count();
    if has_blank_run(t) || has_fill_in(t) {
        if after_title && has_blank_run(t) && prose_blank(f, paths, t) {
            return;
        }
        if after_title
            && (super::inline::learn(f, paths, text, anchor)
                || super::inline::under_heading(f, paths, text))
        {
            return;
        }
        if has_blank_run(t) {
            f.guesses.push(format!(
                "「{t}」は空白に記入する文のため、定型文として扱いません"
            ));
            return;
        }
    }
    if after_title && n >= 10 && is_sentence(t) {
        f.fixed.push(t.to_string());
        heading_of(f, t, anchor);
    } else if after_title && t.contains('\n') {
        // A clause with its translation on the next line: the sentence
        // lines are the fixed wording.
        for line in t.lines().map(str::trim) {
            if is_sentence(line) && !has_blank_run(line) && !f.fixed.iter().any(|x| x == line) {
                f.fixed.push(line.to_string());
            }
        }
    }
}

/// A line that is a label with its place to write after it on the same
/// line: far right in a signature block, or followed by blank space.
fn label_line(f: &mut LearnedForm, paths: &mut Paths, text: &str) -> bool {
    let t = text.trim();
    // 「　　　　　　　　特定技能所属機関の氏名又は名称」: a label alone on a
    // line pushed far right (the signature block closing a form) names
    // what is written after it on that line. Only a word that names an
    // entry (氏名, 名称, 住所…), so that a centred heading is not one.
    let indent = text.chars().take_while(|c| c.is_whitespace()).count();
    if indent >= 8
        && !has_blank_run(t)
        && !t.contains('\n')
        && is_label(t)
        && squashed_len(t) >= 3
        && super::vocab::lookup(t).is_some()
    {
        push_label_field(f, paths, t, None, None);
        return true;
    }
    // 「作成責任者の氏名及び役職　　　　　」: a label with blank space after
    // it to the end of the line.
    let trailing = text.trim_start();
    if !has_blank_run(t)
        && trailing[t.len()..]
            .chars()
            .filter(|c| c.is_whitespace())
            .count()
            >= 3
        && is_label(t)
        && squashed_len(t) >= 3
    {
        push_label_field(f, paths, t, None, None);
        // Room to write on the label's line (six blanks or more, not a
        // few left over from typing): the value is on that line, the next
        // line is another entry's.
        let room = trailing[t.len()..]
            .chars()
            .filter(|c| c.is_whitespace())
            .count();
        if room >= 6
            && let Some(fld) = f.fields.last_mut()
        {
            fld.find = "inline";
        }
        return true;
    }
    false
}

/// 「特定技能所属機関　　　　（以下「甲」という。）と」「作成責任者の氏名
/// 　　　　」: the words before a run of blanks name what is written
/// there; the template text after it is removed from the value.
fn prose_blank(f: &mut LearnedForm, paths: &mut Paths, line: &str) -> bool {
    let line = line.lines().next().unwrap_or(line).trim();
    let Some(at) = blank_run_at(line) else {
        return false;
    };
    let (label, rest) = line.split_at(at);
    let label = label.trim();
    let rest = rest.trim();
    let rest_ok = rest.is_empty() || (rest.chars().count() >= 4 && !has_blank_run(rest));
    // 「（特定技能所属機関名・代表者役職名・氏名・捺印）」: a caption under
    // a signature line, not a label.
    let caption = label.starts_with(['（', '(']) && label.ends_with(['）', ')']);
    if !is_label(label) || !rest_ok || caption || squashed_len(label) < 3 {
        return false;
    }
    push_label_field(f, paths, label, None, None);
    if let Some(fld) = f.fields.last_mut()
        && !rest.is_empty()
    {
        fld.strip = vec![rest.to_string()];
        if let Some((_, tail)) = rest.rsplit_once(['）', ')'])
            && (1..=3).contains(&tail.trim().chars().count())
        {
            fld.blank_if = vec![tail.trim().to_string()];
        }
    }
    f.guesses.push(format!(
        "「{}」の空白を「{label}」の記入欄としました",
        line.trim()
    ));
    true
}

/// A clause printed right under an item heading (「２．解雇の事由及び手続」
/// over 「解雇は、…」) is named by that heading: an official finds the
/// clause by its item, not by its words. The line before is a heading when
/// it is a short label (not a sentence, not the form's title).
fn heading_of(f: &mut LearnedForm, clause: &str, anchor: &str) {
    let a = anchor.lines().next().unwrap_or(anchor).trim();
    if a.is_empty() || a == f.title.trim() || !is_label(a) || has_blank_run(a) {
        return;
    }
    if !f.fixed_places.iter().any(|(t, _)| t == clause) {
        f.fixed_places.push((clause.to_string(), a.to_string()));
    }
}
