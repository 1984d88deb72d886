//! Which forms the rules look at: a blank optional form (理由書, 名簿,
//! 報告書 filled only when needed) beside filled ones is not in use; the
//! forms of a file or a set by the role their definition gives them.

use super::field_util::{is_blank, is_template_text};
use super::roles::{Role, plays};
use crate::forms::ExtractedForm;
use crate::rules::{FileContext, SetContext};

/// Fields the template prints (not written by the applicant): the
/// definition's `printed` fields, and the printed parts every form has.
fn printed(form: &ExtractedForm, key: &str) -> bool {
    key == "budget.unit"
        || key == "addressee"
        || super::declared::def_of(form)
            .is_some_and(|d| d.fields.iter().any(|f| f.printed && f.path == key))
        || key.ends_with(".number")
        || key.ends_with(".role")
        || key.ends_with(".label")
        || key.ends_with(".tier")
}

/// `subcontractors[2]` of `subcontractors[2].amount`.
fn row_key(key: &str) -> Option<&str> {
    key.find("].").and_then(|e| key.get(..=e))
}

/// True when nothing was written in an optional form: every entry is blank,
/// printed by the template, or template example text (a list row with an
/// example marker in any cell is an example row as a whole).
pub fn is_untouched(form: &ExtractedForm) -> bool {
    let addr = std::ptr::from_ref(form) as usize;
    let memo = UNTOUCHED.with_borrow(|m| m.iter().rev().find(|(a, _)| *a == addr).map(|e| e.1));
    memo.unwrap_or_else(|| untouched(form))
}

thread_local! {
    /// `is_untouched` of the forms a live `UntouchedMemo` was made for, by
    /// the form's address.
    static UNTOUCHED: std::cell::RefCell<Vec<(usize, bool)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// While alive, `is_untouched` (and so `in_use`, `forms`, `set_forms`) on
/// this thread answers for the given forms from a flag computed once here,
/// instead of re-reading every field for each rule and each other form. It
/// borrows the forms, so they cannot move or change meanwhile.
pub struct UntouchedMemo<'a> {
    restore: usize,
    _forms: std::marker::PhantomData<&'a ExtractedForm>,
}

/// Compute `is_untouched` once for each of `forms` (see `UntouchedMemo`).
pub fn memo_untouched<'a>(forms: impl IntoIterator<Item = &'a ExtractedForm>) -> UntouchedMemo<'a> {
    let flags: Vec<(usize, bool)> = forms
        .into_iter()
        .map(|f| (std::ptr::from_ref(f) as usize, untouched(f)))
        .collect();
    let restore = UNTOUCHED.with_borrow_mut(|m| {
        let len = m.len();
        m.extend(flags);
        len
    });
    UntouchedMemo {
        restore,
        _forms: std::marker::PhantomData,
    }
}

impl Drop for UntouchedMemo<'_> {
    fn drop(&mut self) {
        UNTOUCHED.with_borrow_mut(|m| m.truncate(self.restore));
    }
}

fn untouched(form: &ExtractedForm) -> bool {
    // Only forms filled in when needed (理由書) or at contract time (名簿,
    // 報告書) stay blank beside the others; their definitions say so.
    if !super::declared::def_of(form).is_some_and(|d| d.optional) {
        return false;
    }
    // Each value is tested for template text once.
    let template: Vec<bool> = form
        .fields
        .values()
        .map(|v| is_template_text(&v.value))
        .collect();
    let example_rows: Vec<&str> = form
        .fields
        .keys()
        .zip(&template)
        .filter(|(_, t)| **t)
        .filter_map(|(k, _)| row_key(k))
        .collect();
    form.fields.iter().zip(&template).all(|((k, v), t)| {
        printed(form, k)
            || is_blank(&v.value)
            || *t
            || row_key(k).is_some_and(|r| example_rows.contains(&r))
    })
}

/// Whether the field rules look at this form: always, unless it is an
/// untouched optional template sitting next to a form that was filled in
/// (a file holding only the blank form is checked: someone submitted it).
pub fn in_use(file_forms: &[ExtractedForm], form: &ExtractedForm) -> bool {
    !is_untouched(form)
        || !file_forms
            .iter()
            .any(|f| !std::ptr::eq(f, form) && !is_untouched(f))
}

/// The forms of a file playing `role` that are in use.
pub fn forms<'a>(
    ctx: &'a FileContext<'_>,
    role: Role,
) -> impl Iterator<Item = &'a ExtractedForm> + 'a {
    ctx.forms
        .iter()
        .filter(move |f| plays(f, role) && in_use(ctx.forms, f))
}

/// The forms of a set playing `role` that are in use, with their file.
pub fn set_forms<'a>(
    ctx: &'a SetContext<'a>,
    role: Role,
) -> Vec<(&'a FileContext<'a>, &'a ExtractedForm)> {
    set_where(ctx, |f| plays(f, role))
}

/// The copies in use of one form (by the id found in the set, for rules
/// that treat every form alike), with their file.
pub fn set_copies<'a>(
    ctx: &'a SetContext<'a>,
    id: &str,
) -> Vec<(&'a FileContext<'a>, &'a ExtractedForm)> {
    set_where(ctx, |f| f.form == id)
}

fn set_where<'a>(
    ctx: &'a SetContext<'a>,
    keep: impl Fn(&ExtractedForm) -> bool,
) -> Vec<(&'a FileContext<'a>, &'a ExtractedForm)> {
    let mut out = Vec::new();
    for file in ctx.files {
        for form in file.forms {
            if keep(form) && in_use(file.forms, form) {
                out.push((file, form));
            }
        }
    }
    out
}
