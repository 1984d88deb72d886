//! REQ003 — 日付が「令和　年　月　日」のまま。
//!
//! 何を調べるか: 報告書の日付、契約締結日、名簿の生年月日などの日付欄で、
//! 年・月・日のどれかが空いたまま（テンプレートの「令和　　年　　月　　日」）
//! になっていないか。完全に空欄の必須日付は REQ001、存在しない日付は FMT003。
//! 様式定義で `kind = "date"` とした欄（名簿の列は列の `kind`）が対象。
//!
//! なぜ問題か: 日付のない報告書や契約の記載は、綴じて保管できません。
//!
//! 様式定義で `conditional`（様式の注記で記入しなくてよい欄）とした日付は、
//! 数字が一つも書かれていなければ対象外。
//!
//! 様式と認められない文書（他の公募の様式など）でも、短い行やセルの「令和　年　月　日」は警告する。
//!
//! 例: 「令和　　年　　月　　日」「令和８年　月　日」→ REQ003。
//! 「令和８年１０月１日」→ 指摘なし。
//!
//! ---
//!
//! REQ003 — date left incomplete (「令和　年　月　日」).
//!
//! What it checks: whether a date field (report date, contract date, the
//! roster's birth dates …) has its year, month or day still blank, as in the
//! template's 「令和　　年　　月　　日」. A required date left wholly blank is
//! REQ001; a date that does not exist is FMT003. Fields a form definition
//! marks `kind = "date"` (for roster columns, the column's `kind`) are checked.
//!
//! Why it matters: an undated report or contract reference cannot be filed.
//!
//! A date a definition marks `conditional` (the form's own note lets it stay
//! blank) is not reported while no digit is written in it.
//!
//! In a document where no form is recognised (another call's form), a short line or cell left as 「令和　年　月　日」 is a warning.
//!
//! Example: 「令和　　年　　月　　日」, 「令和８年　月　日」 → REQ003.
//! 「令和８年１０月１日」 → no finding.

use super::declared::paths_of_kind;
use super::field_util::{self as fu, diag, is_blank};
use super::{FileContext, Rule};
use crate::forms::ExtractedForm;
use crate::forms::normalize::DateParse;
use crate::forms::rule_keys::Kind;
use crate::model::finding::{Diagnostic, Text};

pub struct Req003;

/// Every date field of a form, as its definition declares (`kind = "date"`).
pub fn date_fields(form: &ExtractedForm) -> Vec<String> {
    paths_of_kind(form, Kind::Date)
        .into_iter()
        .map(|d| d.path)
        .collect()
}

/// Outside any form: a date frame left blank, as a warning.
fn outside_forms(ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    for (line, location) in super::form_free::blank_dates(ctx.doc) {
        out.push(
            crate::rules::finding(
                "REQ003",
                Text::new(
                    format!("日付が「{line}」のままで、年・月・日が記入されていません。"),
                    format!("The date \"{line}\" is incomplete: year, month or day missing."),
                ),
            )
            .severity(crate::model::finding::Severity::Warning)
            .location(location)
            .help(Text::new(
                "記入が必要な日付であれば、年・月・日をすべて記入してください（例: 令和８年１０月１日）。",
                "If the date is to be filled in, write the year, month and day.",
            )),
        );
    }
}

impl Rule for Req003 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.forms.is_empty() {
            outside_forms(ctx, out);
        }
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for field in date_fields(form) {
                let Some(fv) = form.get(&field) else { continue };
                if is_blank(&fv.value) || fu::date(fv) != Some(DateParse::Incomplete) {
                    continue;
                }
                // A conditional date (the form's own note lets it stay
                // blank) with no digit typed in was left blank on purpose.
                let conditional = super::declared::fields_where(form, |f| {
                    f.path == field && f.conditional.is_some()
                });
                if !conditional.is_empty() && !fv.value.chars().any(|c| c.is_numeric()) {
                    continue;
                }
                let place = crate::forms::definition::place_of(&form.form, &field);
                out.push(
                    diag(
                        "REQ003",
                        form,
                        &field,
                        Text::new(
                            format!("「{}」の日付が「{}」のままで、年・月・日が記入されていません。", place.ja, fv.value.trim()),
                            format!("The date in {} is incomplete (\"{}\"): year, month or day missing.", place.en, fv.value.trim()),
                        ),
                    )
                    .help(Text::new(
                        "年・月・日をすべて記入してください（例: 令和８年１０月１日）。",
                        "Write the year, month and day (e.g. 令和８年１０月１日).",
                    )),
                );
            }
        }
    }
}
