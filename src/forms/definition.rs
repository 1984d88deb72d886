//! Form definitions loaded from `schemas/forms/`. Placeholder.
use crate::diag::Text;

pub struct FormSet;
static BUILTIN: FormSet = FormSet;
pub fn builtin() -> &'static FormSet {
    &BUILTIN
}

/// The form's name as people say it (`様式２ 企画提案書`).
pub fn form_name(form: &str) -> Text {
    Text::new(form, form)
}

/// The place of a field as a person finds it in the form
/// (`様式２ 企画提案書 ７．事業費総額 Ⅲ 再委託・外注費`).
pub fn place_of(form: &str, field: &str) -> Text {
    Text::new(format!("{form} {field}"), format!("{form} {field}"))
}
