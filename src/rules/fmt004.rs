//! FMT004 — 金額が数字になっていない。
//!
//! 何を調べるか: 様式２「７．事業費総額」の各金額と、理由書「５．」の契約金額
//! （見込み）が数字として読めるか。「12,000～15,000」「未定」「１万２千」
//! などは指摘する。全角数字・桁区切りのカンマ・末尾の「円」「千円」、「－」（０）
//! は数字として認める。「約12,000」は数字として読んで合計の確認に使い、概数で
//! あることを警告する（正確な金額を書く）。空欄は対象外（必須なら REQ001）。
//! 様式定義で `kind = "amount"` とした欄が対象（単位は `unit_from` / `unit`）。
//!
//! なぜ問題か: 合計の確認（SUM001〜SUM004、SUB002、XD003）と役所の集計には数字が要ります。数字でない金額は確認できません。
//!
//! 例: Ⅲ再委託・外注費「８千程度」→ FMT004。「約8,000」→ FMT004
//! 警告（「8,000」と正確に書く）。
//!
//! ---
//!
//! FMT004 — amount not a number.
//!
//! What it checks: whether each amount of 様式２ 「７．事業費総額」 and the
//! contract amounts (estimates) of the 理由書's 「５．」 read as numbers.
//! 「12,000～15,000」, 「未定」, 「１万２千」 are reported. Full-width digits,
//! thousands separators, a trailing 「円」 or 「千円」 and 「－」 (zero) are
//! accepted. 「約12,000」 is read as 12,000 for the sums, with a warning that
//! it is approximate. A blank is not checked (REQ001 if required). Fields a
//! form definition marks `kind = "amount"` are checked (unit from
//! `unit_from` / `unit`).
//!
//! Why it matters: the sum checks (SUM001–SUM004, SUB002, XD003) and the
//! office's tallies need figures; a figure that is not a number cannot be
//! checked.
//!
//! Example: Ⅲ再委託・外注費 「８千程度」 → FMT004. 「約8,000」 → FMT004 warning
//! (write 「8,000」).

use super::declared::amount_paths;
use super::field_util::{self as fu, Amount, Unit, amount, diag};
use super::{FileContext, Rule};
use crate::model::finding::{Applicability, Diagnostic, Text};

pub struct Fmt004;

/// The digits of a text, when a plain number can be read off it.
fn digits_only(text: &str) -> Option<String> {
    let t = fu::nfkc(text);
    let runs: Vec<&str> = t
        .split(|c: char| !(c.is_ascii_digit() || c == ','))
        .filter(|r| r.chars().any(|c| c.is_ascii_digit()))
        .collect();
    match runs.as_slice() {
        [one] => Some(one.trim_matches(',').to_string()),
        _ => None,
    }
}

/// 「約8,000」: read as 8,000 for the sums, and a warning that the form
/// asks for the figure itself.
fn approximate(form: &crate::forms::ExtractedForm, field: &str, v: &str) -> Option<Diagnostic> {
    let t = fu::nfkc(v);
    let rest = ["約", "概算"]
        .iter()
        .find_map(|p| t.trim().strip_prefix(p))?
        .trim();
    let place = crate::forms::definition::place_of(&form.form, field);
    Some(
        diag(
            "FMT004",
            form,
            field,
            Text::new(
                format!("「{}」の金額「{v}」が概数です。", place.ja),
                format!("The amount \"{v}\" in {} is approximate.", place.en),
            ),
        )
        .severity(crate::model::finding::Severity::Warning)
        .help(Text::new(
            format!("「約」を付けずに正確な金額を記入してください（例: 「{rest}」）。"),
            format!("Write the exact amount without 約, e.g. {rest}."),
        ))
        .fix(v, rest, Applicability::Display),
    )
}

impl Rule for Fmt004 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for (field, unit) in amount_paths(form) {
                let v = form.get(&field).map(|f| f.value.trim()).unwrap_or("");
                let Amount::Bad(why) = amount(form, &field, unit) else {
                    if let Some(d) = approximate(form, &field, v) {
                        out.push(d);
                    }
                    continue;
                };
                let place = crate::forms::definition::place_of(&form.form, &field);
                let example = match unit {
                    Unit::Thousand => "「12,000」のように千円単位の数字だけ",
                    Unit::Yen => "「10,000,000」のように円単位の数字だけ",
                };
                let mut d = diag(
                    "FMT004",
                    form,
                    &field,
                    Text::new(
                        // The generic reason says what the sentence says already.
                        crate::base::wording::with_reason(
                            &format!("「{}」の金額「{}」が数字として読めません", place.ja, v),
                            if why.starts_with("金額として読めません") {
                                ""
                            } else {
                                &why
                            },
                        ),
                        // `why` is Japanese; the English says the same.
                        format!("The amount \"{}\" in {} is not a number.", v, place.en),
                    ),
                );
                match digits_only(v) {
                    Some(num) => {
                        d = d
                            .help(Text::new(
                                format!("金額は{example}で記入してください（例: 「{num}」）。"),
                                format!("Write the amount as a plain number, e.g. {num}."),
                            ))
                            .fix(v, num, Applicability::Display);
                    }
                    None => {
                        d = d.help(Text::new(
                            format!("金額は{example}で記入してください。"),
                            "Write the amount as a plain number.",
                        ));
                    }
                }
                out.push(d);
            }
        }
    }
}
