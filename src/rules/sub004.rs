//! SUB004 — 一者選定なのに理由がない。
//!
//! 何を調べるか: 理由書「５．」の行の「再委託先の選定方法又は理由」が
//! 一者選定（一社選定・特命を含む）なのに、当該事業者でなければ実施できない
//! 理由が書かれていないか。理由はその行の「再委託先の選定方法又は理由※」欄に
//! 書く（「一者選定」の後の「理由：…」、抽出では selection_reason）。※の注記は
//! ５．の表に付いたものなので、「７．再委託が必要である理由及び選定理由」に
//! 事業者名を挙げて書いてあっても、行の理由の代わりにはならない。
//!
//! なぜ問題か: 「※一者選定の場合は、当該事業者でなければ事業を実施出来ない理由を記載すること」。理由のない一者選定は認められません。
//!
//! 「理由：」と書いただけで後が空のものも、理由が書かれていないものとして扱う。
//!
//! 例: 「一者選定」だけ → SUB004。「一者選定 理由：」→ SUB004。「一者選定 理由：…を実施できる
//! 唯一の事業者であるため」→ 指摘なし。
//!
//! ---
//!
//! SUB004 — sole-source selection without a reason.
//!
//! What it checks: whether a row of the 理由書's 「５．」 whose 「再委託先の選定方法
//! 又は理由」 is a sole-source selection (一者選定, 一社選定, 特命) gives no reason
//! why only that contractor can do the work. The reason belongs in the row's
//! 「再委託先の選定方法又は理由※」 cell (「理由：…」 after 「一者選定」; extracted as
//! selection_reason). The ※ note belongs to the table of ５．, so naming the
//! contractor in 「７．再委託が必要である理由及び選定理由」 does not replace the
//! row's reason.
//!
//! Why it matters: the call asks for the reason of every sole-source award —
//! one without its justification is refused.
//!
//! 「理由：」 with nothing after it is no reason either.
//!
//! Example: 「一者選定」 alone, or 「一者選定 理由：」 → SUB004. 「一者選定 理由：
//! …を実施できる唯一の事業者であるため」 → no finding.

use super::field_util::{self as fu, diag_span, find_span, item, squash};
use super::roles::Role;
use super::{FileContext, Rule};
use crate::model::finding::{Diagnostic, Text};

pub struct Sub004;

const SOLE: &[&str] = &["一者選定", "一社選定", "1者選定", "1社選定", "特命"];

/// What is left of a 選定方法 cell once the keyword and the 「理由：」
/// label are taken out.
fn remainder(text: &str) -> String {
    let mut s = squash(text);
    for k in SOLE
        .iter()
        .chain(&["選定理由", "理由", "による", "により", "随意契約"])
    {
        s = s.replace(k, "");
    }
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Rule for Sub004 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in fu::forms(ctx, Role::SubcontractReason) {
            for i in fu::indices(form, "subcontractors") {
                let mfield = item("subcontractors", i, "selection_method");
                let rfield = item("subcontractors", i, "selection_reason");
                let method = form.text(&mfield).unwrap_or("");
                let msq = squash(method);
                let Some(keyword) = SOLE.iter().find(|k| msq.contains(*k)) else {
                    continue;
                };
                // 「理由：」 with nothing after it is the label, not a reason.
                let reason = form
                    .text(&rfield)
                    .filter(|r| !fu::is_nil_mark(r) && remainder(r).chars().count() >= 2);
                if reason.is_some() || remainder(method).chars().count() >= 2 {
                    continue;
                }
                let name = form.text(&item("subcontractors", i, "name")).unwrap_or("");
                let span = find_span(method, keyword);
                let label = if name.is_empty() {
                    String::new()
                } else {
                    format!("「{}」の", name.lines().next().unwrap_or(""))
                };
                out.push(
                    diag_span(
                        "SUB004",
                        form,
                        &mfield,
                        span,
                        Text::new(
                            format!("再委託先{label}選定方法が一者選定ですが、その事業者でなければ実施できない理由が書かれていません。"),
                            format!("Subcontractor {name} is chosen by sole-source selection (一者選定) but no reason is given."),
                        ),
                    )
                    .help(Text::new(
                        "「一者選定」の後に「理由：〇〇を実施できる唯一の事業者であるため」のように、当該事業者でなければ事業を実施できない理由を記入してください。",
                        "After 一者選定, write why only this company can do the work (理由：…).",
                    )),
                );
            }
        }
    }
}
