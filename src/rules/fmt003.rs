//! FMT003 — 存在しない日付・未来の日付。
//!
//! 何を調べるか: 実施状況報告書の日付・契約締結日、情報取扱者名簿の生年月日が
//! 実在する日付か（令和７年２月３０日、令和０年、１３月 などは誤り）。日付と
//! して読めない記入（「未定」など）もここで指摘する。報告日・契約締結日・
//! 生年月日は過去の日付のはずなので、確認日（`--as-of`、既定は今日）より後の
//! 日付も指摘する。年月日が空いたままの日付は REQ003。
//! 様式定義で `kind = "date"` とした欄が対象。確認日より後の日付を指摘するのは
//! `past_only = true` の欄だけ。
//!
//! なぜ問題か: 存在しない日付や、確認する日より後の日付の報告は書き間違いで、役所が問い合わせることになります。
//!
//! 様式と認められない文書でも、短い行やセルに「年」で書かれた実在しない日付（令和７年２月３０日、昭和６５年）は警告する。
//!
//! 例: 「令和７年２月３０日」→ FMT003。--as-of 2026-11-21 で
//! 契約締結日「令和９年４月１日」→ FMT003。
//!
//! ---
//!
//! FMT003 — impossible date, or a date in the future.
//!
//! What it checks: whether the dates of the 実施状況報告書 (its date, the
//! contract date) and the birth dates of the 情報取扱者名簿 exist (令和７年２月３０日,
//! 令和０年, month 13 are wrong). An entry that is not a date at all (「未定」)
//! is reported here too. The report date, contract date and birth dates lie
//! in the past, so a date after the as-of date (`--as-of`, default today) is
//! also reported. A date with its year, month or day left blank is REQ003.
//! Fields a form definition marks `kind = "date"` are checked; only those with
//! `past_only = true` are checked against the as-of date.
//!
//! Why it matters: a date that does not exist, or a report dated after the
//! day it is checked, is a typo the office has to query.
//!
//! In a document where no form is recognised, a date written with 年 in a short line or cell that does not exist (令和７年２月３０日, 昭和６５年) is a warning.
//!
//! Example: 「令和７年２月３０日」 → FMT003. With --as-of 2026-11-21, a contract
//! date 「令和９年４月１日」 → FMT003.

use super::declared::paths_of_kind;
use super::field_util::{self as fu, diag};
use super::{FileContext, Rule};
use crate::forms::normalize::DateParse;
use crate::forms::rule_keys::Kind;
use crate::model::finding::{Diagnostic, Text};

pub struct Fmt003;

fn ja_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if d >= chrono::NaiveDate::from_ymd_opt(2019, 5, 1).unwrap_or(d) {
        let y = d.year() - 2018;
        let y = if y == 1 {
            "元".to_string()
        } else {
            y.to_string()
        };
        format!("令和{}年{}月{}日", y, d.month(), d.day())
    } else {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    }
}

impl Rule for Fmt003 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        // Outside any form: a date that does not exist, as a warning.
        if ctx.forms.is_empty() {
            for (line, location, why) in super::form_free::impossible_dates(ctx.doc) {
                out.push(
                    crate::rules::finding(
                        "FMT003",
                        Text::new(
                            crate::base::wording::with_reason(
                                &format!("日付「{line}」が正しくありません"),
                                &why,
                            ),
                            format!("The date \"{line}\" does not exist."),
                        ),
                    )
                    .severity(crate::model::finding::Severity::Warning)
                    .location(location)
                    .help(Text::new(
                        "実在する正しい日付を記入してください。",
                        "Write the correct, existing date.",
                    )),
                );
            }
        }
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for declared in paths_of_kind(form, Kind::Date) {
                let field = declared.path;
                let Some(fv) = form.get(&field) else { continue };
                let v = fv.value.trim();
                if v.is_empty() {
                    continue;
                }
                let parsed = fu::date(fv);
                // Most dates are fine: the place is named only for a finding.
                let fine = match &parsed {
                    Some(DateParse::Incomplete) => true,
                    Some(DateParse::Date(d)) => !(declared.past_only && *d > ctx.as_of),
                    _ => false,
                };
                if fine {
                    continue;
                }
                let place = crate::forms::definition::place_of(&form.form, &field);
                let (ja, en) = match parsed {
                    Some(DateParse::Incomplete) => continue,
                    Some(DateParse::Impossible(why)) => (
                        crate::base::wording::with_reason(
                            &format!("「{}」の日付「{}」が正しくありません", place.ja, v),
                            &why,
                        ),
                        // `why` is Japanese; the English says the same.
                        format!("The date \"{}\" in {} is not a valid date.", v, place.en),
                    ),
                    None => (
                        format!("「{}」の「{}」が日付として読めません。", place.ja, v),
                        format!("\"{}\" in {} is not a date.", v, place.en),
                    ),
                    Some(DateParse::Date(d)) if declared.past_only && d > ctx.as_of => (
                        format!(
                            "「{}」の日付 {} が、確認日 {} より後になっています（過去の日付のはずです）。",
                            place.ja,
                            ja_date(d),
                            ja_date(ctx.as_of)
                        ),
                        format!(
                            "The date {} in {} is after the check date {}; it must be in the past.",
                            d, place.en, ctx.as_of
                        ),
                    ),
                    Some(DateParse::Date(_)) => continue,
                };
                out.push(
                    diag("FMT003", form, &field, Text::new(ja, en)).help(Text::new(
                        "実在する正しい日付を「令和８年１０月１日」のように記入してください。",
                        "Write the correct, existing date, e.g. 令和８年１０月１日.",
                    )),
                );
            }
        }
    }
}
