//! XD004 — 同じ様式が一式の中に二つある。
//!
//! 何を調べるか: 一つの提出書類一式（同じフォルダ・zip、一つのコマンドで
//! 指定したファイル、または一つのファイルに入った複数の様式）に、同じ様式
//! （版が違っても同じ種類の様式）が二つ以上あるか。二つ目以降の様式ごとに、
//! 一つ目のファイルを添えて指摘する。様式定義で `repeatable = true` とした
//! 様式（提出先ごとに一枚など、複数あってよいもの）と、一つの様式を分けて
//! 書いたもの（本文は Word、７．事業費総額は Excel など、記入した欄がほとんど
//! 重ならない二つ）は対象外。
//!
//! なぜ問題か: どちらが審査の対象か分かりません。多くは書き直す前の古い
//! ファイルや、Word と PDF の両方が入ったもので、もう一方と内容が違えば
//! 誤った方で審査されるおそれがあります。
//!
//! 例: フォルダに 申請書.docx と 申請書（修正版）.docx → 後の方に XD004
//! （related: 申請書.docx）。
//!
//! ---
//!
//! XD004 — the same form twice in one submission set.
//!
//! What it checks: whether one submission set (a folder or zip, the files
//! named on one command line, or several forms in one file) holds the same
//! form (the same kind of form, whatever its template version) more than
//! once. Each copy after the first is reported, naming the first one's file.
//! Forms whose definition says `repeatable = true` (one per subcontractor,
//! say) may appear more than once, and one form written in parts (the text
//! in Word, 「７．事業費総額」 in Excel: two copies whose filled entries hardly
//! overlap) is not a second copy.
//!
//! Why it matters: nobody can tell which copy is the one to examine. Most
//! often it is an old draft left beside the corrected file, or the Word
//! original and its PDF; when they differ, the wrong one may be examined.
//!
//! Example: a folder with 申請書.docx and 申請書（修正版）.docx → XD004 on the
//! second (related: 申請書.docx).

use super::declared::def_of;
use super::field_util::{self as fu, form_name};
use super::{Rule, SetContext};
use crate::forms::ExtractedForm;
use crate::model::finding::{Diagnostic, Text};

pub struct Xd004;

impl Rule for Xd004 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        // The copies seen so far of each kind of form, in set order.
        let mut seen: Vec<(&ExtractedForm, &str)> = Vec::new();
        for file in ctx.files {
            for form in file.forms {
                if !fu::in_use(file.forms, form) || def_of(form).is_some_and(|d| d.repeatable) {
                    continue;
                }
                let earlier = seen
                    .iter()
                    .find(|(f, _)| f.form == form.form && same_entries(f, form));
                match earlier {
                    Some((_, other)) => {
                        out.push((file.path.to_string(), finding(form, file.path, other)))
                    }
                    None => seen.push((form, file.path)),
                }
            }
        }
    }
}

/// Whether two copies of a form fill mostly the same entries (at least half
/// of the smaller copy's), as a second copy does and the parts of one form
/// split over two files do not.
fn same_entries(a: &ExtractedForm, b: &ExtractedForm) -> bool {
    let filled = |f: &ExtractedForm| -> Vec<String> {
        f.fields
            .iter()
            .filter(|(_, v)| !fu::is_blank(&v.value))
            .map(|(k, _)| k.clone())
            .collect()
    };
    let (fa, fb) = (filled(a), filled(b));
    let shared = fa.iter().filter(|k| fb.contains(k)).count();
    shared * 2 >= fa.len().min(fb.len()).max(1)
}

fn finding(form: &ExtractedForm, path: &str, other: &str) -> Diagnostic {
    let name = form_name(&form.form);
    let same_file = path == other;
    let (ja, en) = if same_file {
        (
            format!("このファイルには {} が二つあります。", name.ja),
            format!("This file holds {} twice.", name.en),
        )
    } else {
        (
            format!(
                "{} が二つあります（もう一つは {}）。",
                name.ja,
                fu::file_name(other)
            ),
            format!(
                "{} appears twice in this submission (the other copy is {}).",
                name.en,
                fu::file_name(other)
            ),
        )
    };
    let d = crate::rules::finding("XD004", Text::new(ja, en))
        .form(form.form.clone())
        .place(name)
        .location(form.start.clone())
        .help(Text::new(
            "どちらを審査に使うかを確かめ、使わない方を提出書類から外してください（Word と PDF を両方出す場合は、内容が同じか確かめてください）。",
            "Make sure which copy is to be examined and take the other out of the submission (when both a Word file and its PDF are sent, make sure they say the same).",
        ));
    if same_file { d } else { d.related(other) }
}
