//! TPL001 — 様式の定型文が変更・削除されている。
//!
//! 何を調べるか: 様式定義の `[template] fixed` に書かれた定型文（誓約事項、
//! 確認事項、見出し、注意書き）が、提出された様式にそのまま残っているか。
//! 文字の幅や空白の違いは問わない。よく似た段落・セルがあれば「変更」として
//! 様式の文と提出物の文を並べ、違う箇所を示す。見つからなければ「削除」。
//! 一覧の行に印刷された文（書類ごとの留意事項）は、その行と列の名で示す。
//!
//! なぜ問題か: 誓約や確認の文言を書き換えた様式は、様式どおりの申請とはみなされません。
//!
//! 例: 「暴力団員等に該当しないことを誓約します。」が
//! 「暴力団員等に該当しないことを確認しました。」→ TPL001。
//!
//! ---
//!
//! TPL001 — the template's fixed wording was altered or deleted.
//!
//! What it checks: whether the fixed wording listed in the form definition's
//! `[template] fixed` (pledges, confirmations, headings, notes) is still in
//! the submitted form, ignoring width and spacing. When a closely similar
//! paragraph or cell is found, it is reported as altered, with the template's
//! and the submission's sentences side by side and the differences shown;
//! otherwise as deleted. Wording printed in a row of a list (each
//! document's 留意事項) is named by its row and column.
//!
//! Why it matters: a form whose pledge or confirmation was reworded is not an
//! application on the prescribed form.
//!
//! Example: 「暴力団員等に該当しないことを誓約します。」 changed to
//! 「暴力団員等に該当しないことを確認しました。」 → TPL001.

use super::field_util::{self as fu, diff_span};
use super::registry::text_match::excerpt_around;
use super::template_match::{Found, find};
use super::{FileContext, Rule};
use crate::model::finding::{Diagnostic, Text};

pub struct Tpl001;

/// Below this share of the template sentence's character pairs, a
/// paragraph is not taken as its edited copy.
const NEAR: f64 = 0.6;

impl Rule for Tpl001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            let Some(template) = super::declared::def_of(form).and_then(|d| d.template.as_ref())
            else {
                continue;
            };
            let name = fu::form_name(&form.form);
            // A sentence listed n times is printed n times in the template.
            let mut seen: Vec<&String> = Vec::new();
            for fixed in &template.fixed {
                if seen.contains(&fixed) {
                    continue;
                }
                seen.push(fixed);
                let times = template.fixed.iter().filter(|x| *x == fixed).count();
                let d = match find(ctx.doc, form, fixed, times, NEAR) {
                    Found::Same => continue,
                    Found::Altered { text, location } => {
                        let (excerpt, highlight) = match diff_span(&text, fixed) {
                            Some((s, e)) => excerpt_around(&text, s, e, 60),
                            None => (text.clone(), None),
                        };
                        // A printed cell of a list row (a document's 留意事項)
                        // is named by its row and column; another cell of a
                        // sheet's table by its row heading and column header.
                        let row_place = form
                            .fields
                            .iter()
                            .find(|(_, v)| v.location == location)
                            .map(|(k, _)| crate::forms::definition::place_of(&form.form, k));
                        let (ja, en) = match row_place {
                            Some(p) => (p.ja, p.en),
                            None => match super::cell_place::sheet_cell_place(ctx.doc, &location) {
                                Some(p) => (
                                    format!("{} の「{p}」", name.ja),
                                    format!("{} ({p})", name.en),
                                ),
                                None => (name.ja.clone(), name.en.clone()),
                            },
                        };
                        crate::rules::finding(
                            "TPL001",
                            Text::new(
                                format!(
                                    "{} の定型文が変更されています。様式:「{}」／提出物:「{}」",
                                    ja,
                                    fixed,
                                    text.trim()
                                ),
                                format!(
                                    "The fixed wording of {} was changed. Template: \"{}\" / submission: \"{}\"",
                                    en,
                                    fixed,
                                    text.trim()
                                ),
                            ),
                        )
                        .location(location)
                        .excerpt(excerpt, highlight)
                    }
                    Found::Missing => crate::rules::finding(
                        "TPL001",
                        Text::new(
                            format!(
                                "{} の定型文「{}」が見当たりません（削除されています）。",
                                name.ja, fixed
                            ),
                            format!(
                                "The fixed wording \"{}\" of {} is missing (deleted).",
                                fixed, name.en
                            ),
                        ),
                    )
                    .location(form.start.clone()),
                };
                // The item heading the clause stands under, when the
                // definition names it.
                let place = match template.places.get(fixed.as_str()) {
                    Some(p) => Text::new(format!("{} {p}", name.ja), format!("{} {p}", name.en)),
                    None => name.clone(),
                };
                out.push(d.form(form.form.clone()).place(place).help(Text::new(
                    format!("様式の文言「{fixed}」は書き換えずに、そのまま残してください。"),
                    format!("Keep the template's wording as it is: \"{fixed}\"."),
                )));
            }
        }
    }
}
