//! XD001 — 件名が様式の間で違う。
//!
//! 何を調べるか: 一つの提出書類一式（同じフォルダ・zip、または一つのファイルに
//! 入った複数の様式）で、様式１ 申請書・様式２ 企画提案書・理由書「１．件名」・
//! 実施状況報告書「契約件名」の件名が一致しているか。全角半角・空白の違いと、
//! 末尾の「申請書」「企画提案書」は無視する。多数派の件名を正とし、それと違う
//! 様式を、もう一方のファイル名とともに指摘する。
//! 様式定義で同じ `agree`（「件名」など）を付けた欄どうしを、提出書類一式の中で比べる。
//!
//! なぜ問題か: 一つの申請の様式は一つの件名で綴じられます。違う件名（多くは古いファイルから写した前年のもの）は、その様式が別の事業のものであることを示します。
//!
//! 例: 申請書「令和８年度…事業」、企画提案書「令和７年度…事業」→
//! 企画提案書に XD001（related: 申請書のファイル）。
//!
//! ---
//!
//! XD001 — the title differs between forms.
//!
//! What it checks: whether, within one submission set (the same folder or
//! zip, or several forms in one file), the titles of 様式１ 申請書, 様式２
//! 企画提案書, the 理由書's 「１．件名」 and the 実施状況報告書's 「契約件名」 agree,
//! ignoring width, spaces and a trailing 「申請書」 / 「企画提案書」. The majority
//! title is taken as right; each form that differs is reported, naming the
//! other file. With form definitions, fields with the same `agree` (「件名」 …)
//! are compared within the set.
//!
//! Why it matters: the forms of one submission are filed under one title; a
//! different title (often last year's, copied from an old file) means a form
//! belongs to another project.
//!
//! Example: 申請書 「令和８年度…事業」, 企画提案書 「令和７年度…事業」 → XD001 on the
//! 企画提案書 (related: the 申請書's file).

use super::declared;
use super::field_util::{self as fu, diag_span, diff_span, squash};
use super::{Rule, SetContext};
use crate::forms::ExtractedForm;
use crate::forms::FieldValue;
use crate::forms::definition::FieldDef;
use crate::forms::rule_keys::Kind;
use crate::model::finding::{Applicability, Diagnostic, Text};
use crate::rules::FileContext;

pub struct Xd001;

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

/// The non-blank values of every field the definitions put in an agreement
/// group (`agree = "件名"`) that `keep` selects, in the set's file order,
/// skipping forms `skip` rules out; each keyed by `key`, grouped by the
/// group's name.
pub fn collect_groups<'a>(
    ctx: &'a SetContext<'a>,
    keep: fn(&FieldDef) -> bool,
    skip: fn(&ExtractedForm) -> bool,
    key: fn(&str) -> String,
) -> Vec<(&'static str, Vec<Entry<'a>>)> {
    let mut groups: Vec<(&'static str, Vec<Entry<'a>>)> = Vec::new();
    // By file name: a folder's order, and the same for a .zip whatever
    // order its members were stored in.
    let mut files: Vec<&'a FileContext<'a>> = ctx.files.iter().collect();
    files.sort_by(|a, b| a.path.cmp(b.path));
    for file in files {
        for form in file.forms.iter().filter(|f| fu::in_use(file.forms, f)) {
            if skip(form) {
                continue;
            }
            for f in declared::fields_where(form, |f| f.agree.is_some() && keep(f)) {
                let Some(group) = f.agree.as_deref() else {
                    continue;
                };
                let Some(value) = form.get(&f.path).filter(|v| !fu::is_blank(&v.value)) else {
                    continue;
                };
                let entry = Entry {
                    file,
                    form,
                    field: f.path.as_str(),
                    value,
                    key: key(&value.value),
                };
                match groups.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, list)) => list.push(entry),
                    None => groups.push((group, vec![entry])),
                }
            }
        }
    }
    groups
}

/// A text group (not a name, not an amount).
fn is_text_group(f: &FieldDef) -> bool {
    !matches!(f.kind, Some(Kind::Name | Kind::Amount))
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
        for (group, entries) in collect_groups(ctx, is_text_group, fu::is_untouched, title_key) {
            let group_en = if group == "件名" { "title" } else { group };
            report_mismatches("XD001", &entries, out, |m| {
                (
                    Text::new(
                        format!(
                            "{}（{}）の{group}が、{}（{}）の{group}と違います（違う箇所を示します）。",
                            m.ename.ja, m.ef, m.rname.ja, m.rf
                        ),
                        format!(
                            "The {group_en} in {} ({}) differs from the {group_en} in {} ({}) (the difference is marked).",
                            m.ename.en, m.ef, m.rname.en, m.rf
                        ),
                    ),
                    if group == "件名" {
                        Text::new(
                            format!(
                                "件名を「{}」に揃えてください（公募の件名どおりに書きます）。",
                                m.rv
                            ),
                            format!("Use the same title as the other forms: \"{}\".", m.rv),
                        )
                    } else {
                        Text::new(
                            format!("{group}を「{}」に揃えてください。", m.rv),
                            format!("Use the same {group_en} as the other forms: \"{}\".", m.rv),
                        )
                    },
                )
            });
        }
    }
}
