//! XD001 件名が様式の間で違う / the title differs between forms.
//!
//! 何を調べるか: 一つの提出書類一式（同じフォルダ・zip、または一つのファイルに
//! 入った複数の様式）で、様式１ 申請書・様式２ 企画提案書・理由書「１．件名」・
//! 実施状況報告書「契約件名」の件名が一致しているか。全角半角・空白の違いと、
//! 末尾の「申請書」「企画提案書」は無視する。多数派の件名を正とし、それと違う
//! 様式を、もう一方のファイル名とともに指摘する。
//!
//! Why: the forms of one submission are filed under one title; a different
//! title (often last year's, copied from an old file) means a form belongs to
//! another project.
//!
//! 例 / example: 申請書「令和８年度…事業」、企画提案書「令和７年度…事業」→
//! 企画提案書に XD001（related: 申請書のファイル）。

use super::field_util::{self as fu, diag_span, diff_span, squash};
use super::{Rule, SetContext};
use crate::diag::{Applicability, Diagnostic, Text};
use crate::forms::ExtractedForm;
use crate::forms::FieldValue;
use crate::rules::FileContext;

pub struct Xd001;

/// The forms and fields that carry the 件名, in the order that decides ties.
const TITLES: &[(&str, &str)] = &[
    ("application", "title"),
    ("proposal", "title"),
    ("subcontract_reason", "title"),
    ("security_report", "contract.title"),
];

/// A 件名 as compared: NFKC, no blanks, no quotes, no trailing form name.
pub fn title_key(title: &str) -> String {
    let mut s = squash(title);
    s = s
        .trim_matches(|c| matches!(c, '「' | '」' | '『' | '』' | '"'))
        .to_string();
    loop {
        let before = s.len();
        for suffix in ["。", "申請書", "企画提案書", "提案書"] {
            if let Some(t) = s.strip_suffix(suffix) {
                s = t.to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// One entry compared across the set.
pub struct Entry<'a> {
    pub file: &'a FileContext<'a>,
    pub form: &'a ExtractedForm,
    pub field: &'static str,
    pub value: &'a FieldValue,
    pub key: String,
}

/// The entry the others are compared with: the most frequent key, ties to
/// the earliest entry.
pub fn reference<'e, 'a>(entries: &'e [Entry<'a>]) -> Option<&'e Entry<'a>> {
    let count = |k: &str| entries.iter().filter(|e| e.key == k).count();
    let best = entries.iter().map(|e| count(&e.key)).max()?;
    entries.iter().find(|e| count(&e.key) == best)
}

/// The non-blank values of `fields` in the set's forms that `skip` does not
/// rule out, each keyed by `key` for comparison.
pub fn collect<'a>(
    ctx: &'a SetContext<'a>,
    fields: &[(&str, &'static str)],
    skip: fn(&ExtractedForm) -> bool,
    key: fn(&str) -> String,
) -> Vec<Entry<'a>> {
    let mut entries = Vec::new();
    for (id, field) in fields {
        for (file, form) in fu::set_forms(ctx, id) {
            if skip(form) {
                continue;
            }
            let Some(value) = form.get(field).filter(|v| !fu::is_blank(&v.value)) else {
                continue;
            };
            entries.push(Entry {
                file,
                form,
                field,
                value,
                key: key(&value.value),
            });
        }
    }
    entries
}

/// What a mismatch message names: the differing entry's form, file and
/// (trimmed) value, and the reference's.
pub struct Mismatch<'s> {
    pub ename: Text,
    pub ef: &'s str,
    pub ev: &'s str,
    pub rname: Text,
    pub rf: &'s str,
    pub rv: &'s str,
}

/// One finding per entry whose key differs from the [`reference`]: at the
/// entry's field with the differing part highlighted, message and help from
/// `texts`, a fix to the reference's value, and the reference's file as
/// related when it is another file.
pub fn report_mismatches(
    code: &'static str,
    entries: &[Entry<'_>],
    out: &mut Vec<(String, Diagnostic)>,
    texts: impl Fn(&Mismatch<'_>) -> (Text, Text),
) {
    let Some(r) = reference(entries) else { return };
    let rname = fu::form_name(&r.form.form);
    for e in entries.iter().filter(|e| e.key != r.key) {
        let m = Mismatch {
            ename: fu::form_name(&e.form.form),
            ef: fu::file_name(e.file.path),
            ev: e.value.value.trim(),
            rname: rname.clone(),
            rf: fu::file_name(r.file.path),
            rv: r.value.value.trim(),
        };
        let (message, help) = texts(&m);
        let span = diff_span(&e.value.value, &r.value.value);
        let d = diag_span(code, e.form, e.field, span, message)
            .help(help)
            .fix(m.ev, m.rv, Applicability::Unsafe);
        fu::push_set(out, e.file.path, r.file.path, d);
    }
}

impl Rule for Xd001 {
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        let entries = collect(ctx, TITLES, fu::is_untouched, title_key);
        report_mismatches("XD001", &entries, out, |m| {
            (
                Text::new(
                    format!(
                        "{}（{}）の件名が、{}（{}）の件名と違います（違う箇所を示します）。",
                        m.ename.ja, m.ef, m.rname.ja, m.rf
                    ),
                    format!(
                        "The title in {} ({}) differs from the title in {} ({}) (the difference is marked).",
                        m.ename.en, m.ef, m.rname.en, m.rf
                    ),
                ),
                Text::new(
                    format!(
                        "件名を「{}」に揃えてください（公募の件名どおりに書きます）。",
                        m.rv
                    ),
                    format!("Use the same title as the other forms: \"{}\".", m.rv),
                ),
            )
        });
    }
}
