//! XD002 申請者名が様式の間で違う / the applicant's name differs between forms.
//!
//! 何を調べるか: 一つの提出書類一式で、様式１ 申請書の「企業・団体名」、理由書の
//! 「名称」、実施状況報告書の「名称」が同じ事業者を指しているか。全角半角・
//! 空白の違いと、株式会社 ／（株）／ ㈱ などの略記の違いは無視する。多数派の
//! 名称を正とし、違う様式を指摘する。
//!
//! Why: all forms must be made out by the same legal entity; a different
//! name usually means a form copied from another company's file.
//!
//! 例 / example: 申請書「株式会社サンプル」、理由書「㈱サンプル」→ 指摘なし。
//! 理由書「株式会社サンプル総研」→ XD002。

use super::field_util::{self as fu, diag_span, diff_span, normalize_org};
use super::xd001::{Entry, reference};
use super::{Rule, SetContext};
use crate::diag::{Applicability, Diagnostic, Text};

pub struct Xd002;

const NAMES: &[(&str, &str)] = &[
    ("application", "applicant.name"),
    ("subcontract_reason", "applicant.name"),
    ("security_report", "reporter.name"),
];

impl Rule for Xd002 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        let mut entries = Vec::new();
        for (id, field) in NAMES {
            for (file, form) in fu::set_forms(ctx, id) {
                let Some(value) = form.get(field).filter(|v| !fu::is_blank(&v.value)) else {
                    continue;
                };
                entries.push(Entry {
                    file,
                    form,
                    field,
                    value,
                    key: normalize_org(&value.value),
                });
            }
        }
        let Some(r) = reference(&entries) else { return };
        let rname = fu::form_name(&r.form.form);
        for e in entries.iter().filter(|e| e.key != r.key) {
            let ename = fu::form_name(&e.form.form);
            let (ef, rf) = (fu::file_name(e.file.path), fu::file_name(r.file.path));
            let rv = r.value.value.trim();
            let ev = e.value.value.trim();
            let mut d = diag_span(
                "XD002",
                e.form,
                e.field,
                diff_span(&e.value.value, &r.value.value),
                Text::new(
                    format!(
                        "{}（{}）の申請者名「{}」が、{}（{}）の「{}」と違います。",
                        ename.ja, ef, ev, rname.ja, rf, rv
                    ),
                    format!(
                        "The applicant in {} ({}), \"{}\", differs from {} ({}): \"{}\".",
                        ename.en, ef, ev, rname.en, rf, rv
                    ),
                ),
            )
            .help(Text::new(
                format!("すべての様式で同じ法人名「{rv}」を書いてください（登記上の名称）。"),
                format!("Write the same registered name on every form: \"{rv}\"."),
            ))
            .fix(ev, rv, Applicability::Unsafe);
            if r.file.path != e.file.path {
                d = d.related(r.file.path);
            }
            out.push((e.file.path.to_string(), d));
        }
    }
}
